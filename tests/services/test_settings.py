"""Book settings: checked before saving, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.services import settings
from rapport.services.errors import ValidationError

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines


def test_update_cleans_and_saves(book: Path, tmp_path: Path) -> None:
    saved = settings.update(
        {
            "user_name": "  Dana  ",
            "signature": "Warmly,   \nDana\n\n",
            "default_cadence_days": "30",
            "backup_dir": str(tmp_path),
            "backup_retention": {"daily": 3},
        }
    )
    assert saved["user_name"] == "Dana"
    assert saved["signature"] == "Warmly,\nDana"
    assert saved["default_cadence_days"] == 30
    assert saved["backup_retention"] == {"daily": 3, "weekly": 4, "monthly": 12}
    assert settings.get("backup_dir") == str(tmp_path)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"gift_budget": "lavish"}, "gift budget must be one of low, medium, high"),
        ({"card_size": "a4"}, "card size must be one of"),
        ({"default_cadence_days": 0}, "between 1 and 3650 days"),
        ({"default_cadence_days": "soon"}, "whole number"),
        ({"backup_dir": "backups"}, "full path"),
        ({"backup_retention": {"daily": 0, "weekly": 0, "monthly": 0}}, "at least one"),
        ({"backup_retention": {"hourly": 3}}, "unknown backup retention"),
        ({"colour": "red"}, "no setting called 'colour'"),
    ],
)
def test_refusals_say_why_and_write_nothing(
    book: Path, values: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        settings.update({"user_name": "Dana", **values})
    assert settings.get("user_name") == ""


def test_a_file_is_not_a_backup_folder(book: Path, tmp_path: Path) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("x")
    with pytest.raises(ValidationError, match="is a file"):
        settings.update({"backup_dir": str(afile)})
