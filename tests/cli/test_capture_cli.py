"""`rapport capture` as hotkeys and scripts use it: the JSON contract, saving, refusals."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import run
from tests.pgserver import NO_BOOK_YET

NOTE = (
    "Lunch w/ Bob Smith (Acme Supply). His son Jake, 12, plays travel baseball. "
    "I promised to send the revised proposal by Friday."
)
CONTRACT = {
    "client",
    "people",
    "facts",
    "dates",
    "tasks",
    "introductions",
    "inbound",
    "key_points",
    "suggestions",
}


@pytest.mark.sqlite_only(reason=NO_BOOK_YET)
def test_dry_run_prints_the_contract_and_creates_no_book(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "capture", "--dry-run", "--json", NOTE)
    assert code == 0
    result = json.loads(out)
    assert set(result) >= CONTRACT
    assert result["client"]["name"] == "Bob Smith"
    assert result["tasks"][0]["due"] == "2026-11-20"
    assert "saved" not in result
    assert not data_dir.exists(), "a dry run without a book must not create one"


def test_saving_reports_the_ids_and_the_book_has_them(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "capture", "--json", NOTE)
    assert code == 0
    saved = json.loads(out)["saved"]
    assert saved["client_id"] and saved["interaction_id"] and saved["task_ids"]
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "tasks", "--json")
    assert [t["title"] for t in json.loads(out)] == ["Send the revised proposal"]
    # A dry run now matches the book: Bob is known.
    _, out, _ = run(
        capsys, "--data-dir", str(data_dir), "capture", "--dry-run", "--json", "Call w/ Bob Smtih"
    )
    assert json.loads(out)["client"]["id"] == saved["client_id"]


def test_text_from_stdin(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(NOTE))
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "capture", "--dry-run", "--json", "-")
    assert code == 0
    assert json.loads(out)["client"]["name"] == "Bob Smith"


def test_no_client_exits_2_unless_given(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    text = "great chat about the renewal, promised the deck by friday"
    code, _, err = run(capsys, "--data-dir", str(data_dir), "capture", text)
    assert code == 2
    assert "--client" in err
    run(capsys, "--data-dir", str(data_dir), "capture", "--json", NOTE)
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "capture", "--client", "bob smi", "--json", text
    )
    assert code == 0
    assert json.loads(out)["client"]["name"] == "Bob Smith"


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_empty_note_is_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, text: str
) -> None:
    code, _, err = run(capsys, "--data-dir", str(data_dir), "capture", "--dry-run", text)
    assert code == 1
    assert err.startswith("rapport: ") and "empty" in err and err.count("\n") == 1


def test_emoji_and_other_languages_do_not_break_it(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    for text in (
        "🎉 Déjeuner avec Amélie Dubois, elle adore le vin 🍷",
        "与王先生开会，他喜欢高尔夫",
    ):
        code, out, _ = run(
            capsys, "--data-dir", str(data_dir), "capture", "--dry-run", "--json", text
        )
        assert code == 0
        assert set(json.loads(out)) >= CONTRACT


def test_a_note_in_another_language_says_only_english_is_understood(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    german = (
        "Mittagessen mit Klaus Becker. Seine Tochter Anna spielt Tennis und ich muss ihm bis "
        "Freitag das Angebot schicken."
    )
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "capture", "--dry-run", "--json", german
    )
    assert code == 0 and set(json.loads(out)) >= CONTRACT
    assert err.count("\n") == 1 and "Only English is understood" in err and "German" in err
    # saved, the text is kept whole
    code, out, err = run(capsys, "--data-dir", str(data_dir), "capture", "--json", german)
    assert code == 0 and "Only English" in err and json.loads(out)["saved"]["interaction_id"]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "--json", "Angebot")
    assert code == 0 and "Angebot" in out


def test_an_english_note_says_nothing_on_stderr(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, _, err = run(capsys, "--data-dir", str(data_dir), "capture", "--dry-run", "--json", NOTE)
    assert code == 0 and err == ""


def test_dry_run_never_loads_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from rapport.launch import main; "
        f"main(['--data-dir', {str(tmp_path / 'b')!r}, 'capture', '--dry-run', '--json', "
        f"{NOTE!r}]); "
        "bad = [m for m in sys.modules if m.startswith('PySide6')]; "
        "sys.exit(1 if bad else 0)"
    )
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
