"""The README's two commands are the contract with newcomers and CI: keep them in step."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Start here")
    section = text[start : text.index("\n## ", start + 1)]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_starts_with_exactly_two_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    install_and_open, install_and_test = commands
    assert "rapport demo" in install_and_open
    assert "pytest" in install_and_test


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = _readme_commands()[1]
    ci_lines = [line.strip() for line in ci.splitlines()]
    assert test_command in ci_lines
    assert "QT_QPA_PLATFORM=offscreen" in ci
