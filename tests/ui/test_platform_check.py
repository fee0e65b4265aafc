"""A window system Qt cannot start is explained (missing libraries, install command), not
an abort; the README and CI name the same packages; the real window starts on a real X
server (Xvfb) with the xcb platform."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo

from rapport.ui import platform_libs
from rapport.ui.platform_libs import FONT_PACKAGES, PACKAGES, advice

ROOT = Path(__file__).parents[2]
QT = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath))
PLUGINS = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
# The C and C++ runtimes every program (Python itself) already loads.
RUNTIME = re.compile(
    r"^(ld-linux.*|libc|libm|libdl|libpthread|librt|libresolv|libstdc\+\+|libgcc_s)\.so"
)

linux = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the xcb platform is Linux's"
)


def _rapport(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rapport", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def _window_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND"))}
    env.pop("DISPLAY", None)
    env.update(extra)
    return env


def test_missing_libraries_are_named_with_the_packages_that_install_them() -> None:
    found = advice("xcb", ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-icccm.so.4"])

    assert found.missing == ("libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    assert found.apt == "libxcb-icccm4 libxcb-keysyms1"
    assert found.dnf == "xcb-util-wm xcb-util-keysyms"
    text = found.text()
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in text
    assert "sudo dnf install xcb-util-wm xcb-util-keysyms" in text
    assert "xcb-cursor0" not in text


def test_a_library_with_no_known_package_is_named_with_how_to_find_it() -> None:
    text = advice("xcb", ["libxcb-keysyms.so.9"]).text()

    assert "libxcb-keysyms.so.9" in text
    assert "apt-file search libxcb-keysyms.so.9" in text
    assert "sudo apt install" not in text


def test_a_platform_that_fails_for_another_reason_says_what_qt_said() -> None:
    text = advice("xcb", []).text(["qt.qpa.xcb: could not connect to display :99"])

    assert "could not connect to display :99" in text
    assert "QT_QPA_PLATFORM=offscreen" in text


def _needed(binary: Path) -> list[str]:
    out = subprocess.run(
        ["readelf", "-d", str(binary)], capture_output=True, text=True, check=True
    ).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


@linux
@pytest.mark.skipif(shutil.which("readelf") is None, reason="needs readelf (binutils)")
def test_every_system_library_the_window_loads_has_its_packages() -> None:
    binaries = [
        PLUGINS / "platforms" / "libqxcb.so",
        *sorted((PLUGINS / "xcbglintegrations").glob("*.so")),
        *(QT / f"libQt6{name}.so.6" for name in ("XcbQpa", "Core", "Gui", "Widgets", "DBus")),
        *(QT / f"libQt6{name}.so.6" for name in ("Network", "PrintSupport", "Svg")),
    ]
    bundled = {path.name for path in QT.glob("*.so*")}
    system = {
        name
        for binary in binaries
        for name in _needed(binary)
        if name not in bundled and not RUNTIME.match(name)
    }

    assert system, "the plugin's libraries were not read"
    assert system <= PACKAGES.keys(), sorted(system - PACKAGES.keys())


def _section_commands(text: str, tool: str) -> set[str]:
    lines = re.findall(rf"^sudo {tool} install (.+)$", text, re.MULTILINE)
    assert len(lines) == 1, lines
    return set(lines[0].split())


def test_the_readme_names_every_package_for_apt_and_dnf() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    debian = {d for d, _ in PACKAGES.values()} | {d for d, _ in FONT_PACKAGES}
    fedora = {f for _, f in PACKAGES.values()} | {f for _, f in FONT_PACKAGES}
    assert _section_commands(readme, "apt") == debian
    assert _section_commands(readme, "dnf") == fedora


def test_ci_installs_every_debian_package_it_finds_missing() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    provides = dict(re.findall(r"\[([^\]]+\.so[.\d]*)\]=(\S+)", ci))

    assert provides == {lib: debian for lib, (debian, _) in PACKAGES.items()}
    assert "xvfb" in ci


def _broken_plugin(folder: Path) -> Path:
    """A copy of the xcb plugin that Qt finds as platform "rpt" and that needs a library
    no system has (libxcb-keysyms.so.9): what Qt meets on a machine missing a package."""
    data = (PLUGINS / "platforms" / "libqxcb.so").read_bytes()
    assert data.count(b"\x81cxcb") == 1 and data.count(b"libxcb-keysyms.so.1\0") == 1
    data = data.replace(b"\x81cxcb", b"\x81crpt").replace(
        b"libxcb-keysyms.so.1\0", b"libxcb-keysyms.so.9\0"
    )
    platforms = folder / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (folder / "lib").symlink_to(QT)  # the plugin's RUNPATH is $ORIGIN/../../lib
    (platforms / "libqrpt.so").write_bytes(data)
    return platforms


@linux
def test_a_platform_plugin_that_cannot_load_is_explained_and_exits_1(tmp_path: Path) -> None:
    platforms = _broken_plugin(tmp_path / "qt")
    env = _window_env(QT_QPA_PLATFORM="rpt", QT_QPA_PLATFORM_PLUGIN_PATH=str(platforms))

    result = _rapport("--data-dir", str(tmp_path / "data"), "--startup-check", env=env)

    assert result.returncode == 1, result.stderr  # not 134, Qt's abort
    assert result.stderr.startswith('rapport: the window cannot open: Qt\'s "rpt" platform')
    assert "libxcb-keysyms.so.9" in result.stderr
    assert "apt-file search libxcb-keysyms.so.9" in result.stderr
    assert "xcb-cursor0" not in result.stderr  # Qt's misleading guess is not repeated
    assert "shown in" not in result.stdout


@linux
def test_the_missing_libraries_are_read_from_the_plugin(tmp_path: Path) -> None:
    platforms = _broken_plugin(tmp_path / "qt")

    assert "libxcb-keysyms.so.9" in platform_libs.missing_libraries(platforms / "libqrpt.so")


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    """A real X server (Xvfb) on a free display, stopped afterwards. CI (.ci/run) installs
    Xvfb and sets RAPPORT_REAL_DISPLAY=required, so there this test never skips."""
    binary = shutil.which("Xvfb")
    if binary is None or not sys.platform.startswith("linux"):
        if os.environ.get("RAPPORT_REAL_DISPLAY") == "required":
            pytest.fail("Xvfb is not installed (.ci/run installs it)")
        pytest.skip("needs Xvfb")
    read, write = os.pipe()
    server = subprocess.Popen(
        [binary, "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as announced:
            number = announced.readline().strip()  # written once the server accepts clients
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@linux
def test_the_real_window_shows_on_a_real_x_server(xvfb_display: str, tmp_path: Path) -> None:
    env = _window_env(QT_QPA_PLATFORM="xcb", DISPLAY=xvfb_display)

    result = _rapport("--data-dir", str(tmp_path / "data"), "--startup-check", env=env)

    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"shown in \d+ ms\n", result.stdout), result.stdout


@linux
def test_a_display_that_does_not_answer_is_named_not_an_abort(tmp_path: Path) -> None:
    if platform_libs.missing_libraries(PLUGINS / "platforms" / "libqxcb.so"):
        pytest.skip("the xcb libraries are missing here (the test above covers that)")
    env = _window_env(QT_QPA_PLATFORM="xcb", DISPLAY=":rapport-no-such-display")

    result = _rapport("--data-dir", str(tmp_path / "data"), "--startup-check", env=env)

    assert result.returncode == 1, result.stderr
    assert 'Qt could not start its "xcb" platform' in result.stderr
    assert "could not connect to display" in result.stderr
