"""What an installed app needs: icons in every size, a valid .desktop entry and AppStream
file that agree with the app, and a PyInstaller bundle that starts (slow, opt-in)."""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[1]
ICONS = ROOT / "resources" / "icons"
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.rapportapp.Rapport"


def test_app_icon_exists_in_every_size(qapp: Any) -> None:
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    from rapport.ui.appearance import ICON_SIZES, app_icon

    assert QSvgRenderer(str(ICONS / "rapport.svg")).isValid()
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(ICONS / f"rapport-{size}.png"))
        assert (image.width(), image.height()) == (size, size), size
        assert image.hasAlphaChannel()
    assert sorted(s.width() for s in app_icon().availableSizes()) == list(ICON_SIZES)


def test_action_icons_are_valid_svg(qapp: Any) -> None:
    from PySide6.QtSvg import QSvgRenderer

    from rapport.ui.desktop import ACTION_ICONS, PAGE_ICONS

    for theme_name, _fallback in [*ACTION_ICONS.values(), *PAGE_ICONS.values()]:
        path = ICONS / "actions" / f"{theme_name}.svg"
        assert QSvgRenderer(str(path)).isValid(), path


def test_desktop_entry_parses_and_matches_the_app() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    main = entry["Desktop Entry"]
    assert main["Type"] == "Application"
    assert main["Name"] == "Rapport"
    assert main["Exec"].split()[0] == "rapport"
    assert main["Icon"] == APP_ID
    assert "Office" in main["Categories"].split(";")
    assert entry["Desktop Action capture"]["Exec"] == "rapport capture"
    app_py = (ROOT / "desktop" / "rapport" / "app.py").read_text(encoding="utf-8")
    assert f'setDesktopFileName("{APP_ID}")' in app_py
    validator = shutil.which("desktop-file-validate")
    if validator:
        result = subprocess.run(
            [validator, str(LINUX / f"{APP_ID}.desktop")], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_appstream_metainfo_parses_and_names_the_desktop_entry() -> None:
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("name") == "Rapport"
    assert root.find("description/p") is not None
    from rapport import __version__

    assert root.find("releases/release").get("version") == __version__  # type: ignore[union-attr]
    validator = shutil.which("appstreamcli")
    if validator:
        result = subprocess.run(
            [validator, "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is None,
    reason="PyInstaller is not installed (pip install -e '.[package]' to build the bundle)",
)
def test_pyinstaller_bundle_builds_and_starts(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        DISTPATH=str(tmp_path / "dist"),
        WORKPATH=str(tmp_path / "build"),
        PYTHON=sys.executable,
        QT_QPA_PLATFORM="offscreen",
    )
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=880,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("shown in ") and lines[-1].endswith(" ms"), result.stdout
    bundle = tmp_path / "dist" / "rapport"
    assert (bundle / "rapport").exists()
    resources = list(bundle.rglob("rapport/resources/icons/rapport-256.png"))
    assert resources, "the icons travel inside the bundle"
