"""Away mode: dates, a backup contact, the auto-reply text, and what came in meanwhile.

Kept in the book's settings (key ``away``) so the window and ``rapport away`` agree.
While away, Today fires nothing as overdue (core/followup). After the return, Today
lists what came in during the absence for ``WELCOME_BACK_DAYS`` days, or until the user
ends away mode.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rapport import clock
from rapport.core.drafts import AutoReply, auto_reply
from rapport.core.followup import Away
from rapport.services import settings
from rapport.services.errors import ValidationError
from rapport.services.when import parse_day, required_day

KEY = "away"
WELCOME_BACK_DAYS = 7


def get_away() -> Away | None:
    """The away period set by the user (past, current or planned), if any."""
    return from_setting(settings.get(KEY))


def from_setting(value: Any) -> Away | None:
    if not isinstance(value, dict) or not value.get("start") or not value.get("until"):
        return None
    try:
        return Away(
            start=date.fromisoformat(value["start"]),
            until=date.fromisoformat(value["until"]),
            backup_name=str(value.get("backup_name") or ""),
            backup_contact=str(value.get("backup_contact") or ""),
        )
    except (TypeError, ValueError):
        return None  # a hand-edited setting that makes no sense is ignored, not fatal


def relevant(away: Away | None, today: date) -> Away | None:
    """The away period while it matters to Today: planned, current, or just over."""
    if away is None:
        return None
    if (today - away.until).days > WELCOME_BACK_DAYS:
        return None
    return away


def set_away(
    until: date | str,
    start: date | str | None = None,
    backup_name: str = "",
    backup_contact: str = "",
) -> Away:
    """Go away from ``start`` (default today) to ``until`` inclusive."""
    today = clock.today()
    first = parse_day(start, "the first day away") or today
    last = required_day(until, "the last day away")
    if last < first:
        raise ValidationError(
            f"the last day away ({last.isoformat()}) is before the first ({first.isoformat()})"
        )
    if last < today:
        raise ValidationError(f"the last day away ({last.isoformat()}) is already past")
    if (last - first).days > 366:
        raise ValidationError("an away period longer than a year is not supported")
    if backup_contact.strip() and not backup_name.strip():
        raise ValidationError("give the backup contact's name too")
    away = Away(first, last, backup_name.strip(), backup_contact.strip())
    settings.set_value(
        KEY,
        {
            "start": first.isoformat(),
            "until": last.isoformat(),
            "backup_name": away.backup_name,
            "backup_contact": away.backup_contact,
        },
    )
    return away


def end_away() -> None:
    """Back (or plans cancelled): Today stops treating the dates as away."""
    settings.set_value(KEY, None)


def reply_text(away: Away | None = None) -> AutoReply:
    """The auto-reply for mail and voicemail, signed with the user's name when set."""
    away = away or get_away()
    if away is None:
        raise ValidationError("away mode is off; set the dates first")
    return auto_reply(
        away.start,
        away.until,
        away.return_day,
        away.backup_name,
        away.backup_contact,
        str(settings.get("user_name") or ""),
    )
