"""Which system libraries Qt's platform plugin cannot find, and the packages that give them.

Used only once Qt has failed to start its platform (ui/platform_check.py); the table is
also the README's list of the packages the window needs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Every system library the window loads (the xcb platform plugin, Qt's libraries, the
# GL integrations) -> (Debian/Ubuntu package, Fedora package). The README's lists are
# these packages (tests/ui/test_platform_check.py keeps them in step, and checks that
# every library ``ldd`` finds outside PySide6 is here).
PACKAGES: dict[str, tuple[str, str]] = {
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libbrotlicommon.so.1": ("libbrotli1", "libbrotli"),
    "libbrotlidec.so.1": ("libbrotli1", "libbrotli"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgssapi_krb5.so.2": ("libgssapi-krb5-2", "krb5-libs"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libz.so.1": ("zlib1g", "zlib"),
    "libzstd.so.1": ("libzstd1", "libzstd"),
}
# Without any font Qt draws no text: not a library a loader reports, but needed all the same.
FONT_PACKAGES = (("fontconfig", "fontconfig"), ("fonts-dejavu-core", "dejavu-sans-fonts"))

# Qt's own words when a platform plugin fails: which platform it was.
PLUGIN_FAILED = re.compile(r'Qt platform plugin "([^"]+)"')
_NOT_FOUND = re.compile(r"^\s*(\S+) => not found", re.MULTILINE)
_CANNOT_OPEN = re.compile(r"(\S+\.so[.\d]*): cannot open shared object file")


@dataclass(frozen=True)
class Advice:
    """What a failed platform start needs: the libraries not found, and how to get them."""

    platform: str
    missing: tuple[str, ...]
    apt: str
    dnf: str
    unknown: tuple[str, ...]

    def text(self, qt_said: Sequence[str] = ()) -> str:
        if not self.missing:
            said = "; ".join(line.strip() for line in qt_said if line.strip())
            return (
                f'the window cannot open: Qt could not start its "{self.platform}" platform'
                + (f" ({said})" if said else "")
                + ". Is there a display (DISPLAY or WAYLAND_DISPLAY)? The command line works"
                " without one; QT_QPA_PLATFORM=offscreen runs the window off screen."
            )
        lines = [
            f'the window cannot open: Qt\'s "{self.platform}" platform needs system '
            f"libraries that are not installed: {', '.join(self.missing)}.",
        ]
        if self.apt:
            lines.append(f"  Debian/Ubuntu: sudo apt install {self.apt}")
        if self.dnf:
            lines.append(f"  Fedora:        sudo dnf install {self.dnf}")
        for name in self.unknown:
            lines.append(
                f"  {name}: find its package with `apt-file search {name}` "
                f"or `dnf provides '*/{name}'`."
            )
        return "\n".join(lines)


def advice(platform: str, missing: Sequence[str]) -> Advice:
    """The install commands for the ``missing`` libraries (sonames), in a stable order."""
    names = tuple(dict.fromkeys(missing))
    known = [PACKAGES[name] for name in names if name in PACKAGES]
    apt = " ".join(dict.fromkeys(debian for debian, _ in known))
    dnf = " ".join(dict.fromkeys(fedora for _, fedora in known))
    unknown = tuple(name for name in names if name not in PACKAGES)
    return Advice(platform, names, apt, dnf, unknown)


def plugin_file(platform: str) -> Path | None:
    """The file of Qt's platform plugin ``platform`` (``libqxcb.so`` for "xcb"), where Qt
    looks for it: QT_QPA_PLATFORM_PLUGIN_PATH, QT_PLUGIN_PATH, then PySide6's own."""
    from PySide6.QtCore import QLibraryInfo  # only when Qt has failed: 5 ms to load

    folders = [Path(p) for p in _paths("QT_QPA_PLATFORM_PLUGIN_PATH")]
    folders += [Path(p) / "platforms" for p in _paths("QT_PLUGIN_PATH")]
    folders.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms")
    stems = dict.fromkeys((platform, platform.split("-", 1)[0]))
    for folder in folders:
        for stem in stems:
            for suffix in (".so", ".dylib", ".dll"):
                candidate = folder / f"libq{stem}{suffix}"
                if candidate.is_file():
                    return candidate
    return None


def missing_libraries(plugin: Path) -> list[str]:
    """The shared libraries the plugin (and the libraries it loads) cannot find.

    ``ldd`` lists every one; where there is no ``ldd``, the loader's own error names the
    first. Only called once Qt has failed, so what it imports costs a good start nothing."""
    import shutil
    import subprocess

    ldd = shutil.which("ldd")
    if ldd is not None:
        try:
            listing = subprocess.run(
                [ldd, str(plugin)], capture_output=True, text=True, timeout=20, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            listing = ""
        found = list(dict.fromkeys(_NOT_FOUND.findall(listing)))
        if found:
            return found
    import ctypes

    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        return _CANNOT_OPEN.findall(str(exc))[:1]
    return []


def _paths(variable: str) -> list[str]:
    separator = ";" if variable == "QT_QPA_PLATFORM" else os.pathsep
    return [p for p in os.environ.get(variable, "").split(separator) if p]


def platform_names() -> list[str]:
    """The platforms QT_QPA_PLATFORM asks for, in order ("wayland;xcb")."""
    return _paths("QT_QPA_PLATFORM")
