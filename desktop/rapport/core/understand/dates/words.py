"""The date grammar's words for numbers, in one table each: how many ("two weeks", "a couple
of days", "in three months"), which day of the month ("june ninth", "the twenty seventh") and
which day of the week (a weekday's first three letters).
``rules`` builds its patterns from them, ``handlers``, ``find`` and ``when`` read them.
"""

from __future__ import annotations

__all__ = ["AGE_WORDS", "COUNTS", "COUNT_WORDS", "ORDINALS", "WEEKDAY_NUMBERS", "count_of"]

# How many: the words a count is said with. "a"/"an" are one; "couple", "few" and "several"
# are the app's concrete reading of loose amounts (the user can move the day).
COUNTS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "couple": 2,
    "few": 3,
    "several": 4,
}
# The exact ones ("a" to "twelve"), as a regex alternation in the table's order.
COUNT_WORDS = "|".join(word for word in COUNTS if word not in ("couple", "few", "several"))

# Which day of the month, said in words (tens and units: "twenty" + "seventh" is the 27th).
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip

# An age said in words ("turns forty", "turning sixty-five", "turned thirteen"): one to ninety-nine,
# as a regex alternation (tens first, so "twenty one" is read whole).
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
AGE_WORDS = rf"(?:(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?|{_TEENS}|{_UNITS})"


def count_of(raw: str) -> int:
    """The number a count phrase says: its first digits or number word after "a"/"an"
    ("a couple of" is 2, "3" is 3, "an" alone is 1)."""
    for word in raw.lower().split():
        if word.isdigit() or (word in COUNTS and word not in ("a", "an")):
            return int(word) if word.isdigit() else COUNTS[word]
    return 1


# Which day of the week (Monday 0) a weekday's first three letters name.
WEEKDAY_NUMBERS = {
    "mon": 0,
    "tue": 1,
    "wed": 2,
    "thu": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
    # common misspellings: "wendsday", "thrusday", "tusday", "firday", "munday"
    "wen": 2,
    "thr": 3,
    "tus": 1,
    "teu": 1,
    "fir": 4,
    "mun": 0,
}
