"""One rule for control characters in text that enters the book.

Every entry point (quick capture, the forms' services, every import format) passes the
user's text through ``clean`` before it is checked or written, so the book never holds a
character that a terminal, a CSV, a vCard or a JSON reader could take for something else:

- line breaks are kept and made ``\\n`` (``\\r\\n`` and a lone ``\\r`` become ``\\n``);
- tabs are kept;
- every other C0 control (U+0000 NUL to U+001F: escape, bell, backspace, form feed...),
  DEL (U+007F) and the C1 controls (U+0080 to U+009F, which some terminals read as
  escape sequences) are removed.

What remains is printable text, so an export of the book can always be imported again
unchanged (export -> import -> export is identical). Pure: no Qt, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# C0 controls except tab (\x09) and line feed (\x0a); \r is handled before.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NEEDS_WORK = _CONTROLS


def clean(text: str) -> str:
    """``text`` with the control characters removed (tab and line feed kept)."""
    if not _NEEDS_WORK.search(text):
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)


def has_controls(text: str) -> bool:
    """True when ``clean`` would change ``text``."""
    return _NEEDS_WORK.search(text) is not None


def clean_list(values: Iterable[Any]) -> list[Any]:
    """A list with each text item cleaned (other items as they are)."""
    return [clean(v) if isinstance(v, str) else v for v in values]


def clean_value(value: Any) -> Any:
    """A JSON-like value (text, lists, objects) with every text in it cleaned."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, dict):
        return {clean(k) if isinstance(k, str) else k: clean_value(v) for k, v in value.items()}
    return value
