"""Data files shipped with Rapport (catalogues, templates, icons, stylesheet).

They are files on disk next to this module, installed, editable or frozen alike (Qt needs
real paths for icons and fonts anyway), so ``path`` joins onto this folder rather than
going through importlib.resources, whose readers cost ~5 ms of the window's start.
"""

from pathlib import Path

_FOLDER = Path(__file__).parent


def path(*parts: str) -> Path:
    """The shipped file or folder at ``parts`` (``path("icons", "rapport-16.png")``)."""
    return _FOLDER.joinpath(*parts)
