"""Which way a numeric date is read: "3/4" is March 4 (month first) or 3 April (day first).

The order is the user's: ``RAPPORT_DATE_ORDER`` (or ``rapport --date-order``) for one run,
else the book's ``date_order`` setting (Preferences), else the locale's country (the
United States and the few places that write month first; everywhere else day first). A
locale that says nothing ("C", unset) keeps month first, which is what Rapport always read.
The capture grammar, the date fields of the forms and a contacts file's birthdays all use
the one order, so the same "3/4" never means two days.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["ORDERS", "date_order", "locale_order"]

ORDERS = ("mdy", "dmy")
# Where a numeric date is written month first (CLDR's short dates): the US and the places
# that follow its usage.
_MONTH_FIRST = frozenset({"US", "PR", "PH", "FM", "MH", "PW", "GU", "AS", "VI", "UM", "BZ"})


def locale_order(environ: Mapping[str, str]) -> str:
    """The order of the locale the environment names (LC_ALL, then LC_TIME, then LANG)."""
    value = next((environ[k] for k in ("LC_ALL", "LC_TIME", "LANG") if environ.get(k)), "")
    code = value.split(".", 1)[0].split("@", 1)[0]  # en_GB.UTF-8@euro -> en_GB
    if "_" not in code:
        return "mdy"  # "C", "POSIX", unset: no country, the order Rapport always read
    country = code.split("_", 1)[1].upper()
    return "mdy" if country in _MONTH_FIRST else "dmy"


def date_order(chosen: str | None, setting: str | None, environ: Mapping[str, str]) -> str:
    """The order in force: the one chosen for this run, else the setting, else the locale's."""
    for value in (chosen, setting):
        value = (value or "").strip().lower()
        if value in ORDERS:
            return value
    return locale_order(environ)
