"""A count said in words, the same in the window and on the command line: "1 client",
"3 clients"."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """``number`` and ``noun``, the noun plural unless the number is one (English's
    regular plural: every noun counted in Rapport's messages takes an s)."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
