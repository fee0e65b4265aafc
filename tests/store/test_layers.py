"""The layer rules of ARCHITECTURE.md, checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "desktop" / "rapport"


def _modules(layer: str) -> list[str]:
    return sorted(
        f"rapport.{layer}.{path.stem}"
        for path in (PACKAGE / layer).glob("*.py")
        if path.stem != "__init__"
    )


@pytest.mark.parametrize("layer", ["core", "store", "services"])
def test_layer_never_imports_qt(layer: str) -> None:
    modules = _modules(layer)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6')\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_core_never_imports_the_database() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {_modules('core')!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('peewee', 'playhouse'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_ui_never_touches_models_or_sql() -> None:
    offenders = []
    for path in (PACKAGE / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("rapport.store.models", "import peewee", "from peewee", "execute_sql"):
            if needle in text:
                offenders.append(f"{path.name}: {needle}")
    assert offenders == []
