"""What an installed app needs: icons in every size, a valid .desktop entry and AppStream
file that agree with the app, and a PyInstaller bundle that starts (slow, opt-in)."""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[1]
ICONS = ROOT / "resources" / "icons"
LINUX = ROOT / "packaging" / "linux"
LOCK = ROOT / "requirements" / "build.lock"
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


def _locked() -> dict[str, tuple[str, int]]:
    """requirements/build.lock: each package's pinned version and how many hashes it has."""
    pins: dict[str, tuple[str, int]] = {}
    name = ""
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        text = line.split("#", 1)[0].strip().rstrip("\\").strip()
        if not text:
            continue
        if text.startswith("--hash=sha256:"):
            version, count = pins[name]
            pins[name] = (version, count + 1)
            continue
        requirement = Requirement(text)
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{text}: every package of the lock is pinned"
        name = canonicalize_name(requirement.name)
        pins[name] = (spec.version, 0)
    return pins


def test_the_build_lock_pins_and_hashes_what_pyproject_asks_for() -> None:
    """The lock that packaging/build.sh installs from is complete and not stale: every
    package pinned with a hash, and the app's dependencies and the packaging extra in it
    at versions that pyproject.toml allows (refresh it as README.md says when not)."""
    pins = _locked()
    assert all(count > 0 for _, count in pins.values()), pins
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["package"]]
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is missing from requirements/build.lock"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), (
            f"{name} {pins[name][0]} in the lock is outside pyproject's {requirement.specifier}"
        )
    assert "--require-hashes" in (ROOT / "packaging" / "build.sh").read_text(encoding="utf-8")


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
        BUILD_VENV=str(tmp_path / "venv"),
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
