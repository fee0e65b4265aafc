"""Take the README's screenshots from the sample book, the way a user would see them.

Run it on a screen (a real one, or Xvfb: ``Xvfb :99 -screen 0 1600x1000x24 &`` then
``DISPLAY=:99``) from the repository's root:

    RAPPORT_TODAY=2026-11-18 .venv/bin/python docs/screenshots/take.py

It loads the sample book into a temporary folder, opens the real window, walks through
Today, a client's brief, quick capture and a printed card, and writes PNGs next to this
file. Nothing here is used by the app; it exists so the pictures can be taken again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTE = (
    "Coffee w/ Ben Adler (Quarry Analytics). His daughter Mia, 7, just started ice skating; "
    "Ben is training for the NYC marathon. Wants the Q1 rate sheet by Friday, decision by "
    "end of month. I'll send the case study tomorrow. Ben introduced me to Laura Kim at "
    "Northwind Freight."
)


def main() -> int:
    os.environ.setdefault("RAPPORT_TODAY", "2026-11-18")
    book = Path(tempfile.mkdtemp(prefix="rapport-shots-"))
    subprocess.run(
        [sys.executable, "-m", "rapport", "--data-dir", str(book), "demo"],
        check=True,
        capture_output=True,
    )
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    app = QApplication(sys.argv[:1])
    from rapport.services import clients
    from rapport.services.book import current_book, open_book
    from rapport.ui.appearance import app_icon
    from rapport.ui.main_window import MainWindow
    from rapport.ui.worker import Worker

    app.setWindowIcon(app_icon())
    open_book(book)
    from rapport.services import settings

    settings.set_many({"user_name": "Sam Rivera", "signature": "Warmly,\nSam"})
    window = MainWindow(current_book(), Worker())
    window.resize(1360, 860)
    window.show()

    def save(widget: object, name: str) -> None:
        widget.grab().save(str(HERE / f"{name}.png"))  # type: ignore[attr-defined]
        print(f"wrote {name}.png")

    def today() -> None:
        window.show_page(window.today_view)
        save(window, "today")

    def brief() -> None:
        window.open_client(clients.resolve("Dana Whitfield").id)
        save(window, "brief")

    def capture() -> None:
        window.quick_capture_action.trigger()
        editor = window.capture.capture_window.findChildren(QPlainTextEdit)[0]
        editor.setPlainText(NOTE)

    def capture_shot() -> None:
        save(window.capture.capture_window, "capture")
        window.capture.capture_window.reject()

    def card() -> None:
        pdf = book / "card.pdf"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "rapport",
                "--data-dir",
                str(book),
                "note",
                "dana",
                "--card",
                "a2",
                "--pdf",
                str(pdf),
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", "-singlefile", str(pdf), str(HERE / "card")],
            check=True,
        )
        print("wrote card.png")
        app.quit()

    for delay, step in (
        (1500, today),
        (2500, brief),
        (3500, capture),
        (4700, capture_shot),
        (5200, card),
    ):
        QTimer.singleShot(delay, step)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
