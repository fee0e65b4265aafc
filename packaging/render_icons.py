"""Render the app icon (resources/icons/rapport.svg) to the PNG sizes platforms need.

Run after editing the SVG, then commit the PNGs:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py

Qt's own SVG renderer draws each size from the vector source, so every PNG is crisp
at its size (no down-scaling of one big bitmap). Also writes a Windows .ico.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = ICONS / "rapport.svg"
    for size in SIZES:
        target = ICONS / f"rapport-{size}.png"
        if not render(svg, size).save(str(target), "PNG"):
            raise SystemExit(f"render_icons: could not write {target}")
        print(f"wrote {target.relative_to(ICONS.parents[1])}")
    # Windows takes the largest frame of an .ico it needs; 256 is the format's maximum.
    ico = ICONS / "rapport.ico"
    if not render(svg, 256).save(str(ico), "ICO"):
        raise SystemExit(f"render_icons: could not write {ico}")
    print(f"wrote {ico.relative_to(ICONS.parents[1])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
