"""The profile's first tab: the pre-call brief, with its links, printing and export.

``BriefView`` shows the brief composed from the profile the pane already holds (no
extra query). Its links are keyboard reachable (Tab moves between them, Enter follows):
a fact opens in the Facts tab, a conversation in History, and "Still true" confirms a
possibly stale fact. ``install_brief_actions(window)`` adds File > Print brief… (Ctrl+P),
File > Export brief as PDF… (Ctrl+Shift+E) and Client > Fact still true (Ctrl+Y); they
live in ui/brief_actions.py, which the window loads at start without this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtWidgets import QFileDialog, QTextBrowser, QWidget

from rapport.core.formats import full_date as day_text
from rapport.render.brief_html import Colors, render
from rapport.ui import messages, theme

if TYPE_CHECKING:
    from rapport.core.brief import Brief
    from rapport.ui.window_parts import BriefWindow


def view_colors() -> Colors:
    """Brief colours that follow the window's palette (light or dark)."""
    from PySide6.QtGui import QGuiApplication, QPalette

    palette = QGuiApplication.palette()
    accent = palette.color(QPalette.ColorRole.AlternateBase)
    text = palette.color(QPalette.ColorRole.Text)
    return Colors(
        text=text.name(),
        muted=theme.secondary_color().name(),
        warning=theme.warning_color().name(),
        caution=theme.caution_color().name(),
        good=theme.good_color().name(),
        accent_bg=accent.name(),
        link=palette.color(QPalette.ColorRole.Link).name(),
    )


class BriefView(QTextBrowser):
    """The brief of the client on show. Emits what a followed link asks for."""

    confirmRequested = Signal(int)  # a fact id: "still true"
    revealRequested = Signal(str, int)  # kind ("fact", "interaction", "task", "person"), id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName("Brief")
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.document().setIndentWidth(18)
        self.anchorClicked.connect(self._follow)
        self.brief: Brief | None = None
        self.extra = ""
        theme.follow_palette(self, lambda: self.show_brief(self.brief, self.extra))

    def show_brief(self, brief: Brief | None, extra: str = "") -> None:
        """Show ``brief``; ``extra`` is HTML appended after it (the introductions part)."""
        self.brief, self.extra = brief, extra
        if brief is None:
            self.clear()
            return
        position = self.verticalScrollBar().value()
        self.setHtml(render(brief, links=True, colors=view_colors()) + extra)
        self.verticalScrollBar().setValue(position)

    def _follow(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if not value.isdigit():
            return
        if kind == "confirm":
            self.confirmRequested.emit(int(value))
        elif kind in ("fact", "interaction", "task", "person"):
            self.revealRequested.emit(kind, int(value))


# -- printing and export ----------------------------------------------------------------------
def ask_pdf_path(parent: QWidget, suggested: str) -> str | None:
    """Where to save the PDF (tests replace this)."""
    path, _ = QFileDialog.getSaveFileName(
        parent, "Export brief as PDF", suggested, "PDF documents (*.pdf)"
    )
    return path or None


def ask_printer(parent: QWidget, printer: Any) -> bool:
    """Let the user pick the printer and paper (tests replace this)."""
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print brief")
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def suggested_pdf_path(brief: Brief) -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    safe = "".join(ch for ch in brief.client.name if ch.isalnum() or ch in " -_.'").strip()
    return str(Path(folder or Path.home()) / f"Brief - {safe} - {brief.today.isoformat()}.pdf")


def export_pdf(window: BriefWindow) -> None:
    brief = window.profile.overview.brief
    if brief is None:
        window.statusBar().showMessage("Pick a client first, then export their brief.", 5000)
        return
    path = ask_pdf_path(window.window(), suggested_pdf_path(brief))
    if not path:
        return
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    from rapport.render.brief_print import write_pdf

    try:
        paper = write_pdf(brief, path)
    except Exception as exc:
        messages.show_error(window.window(), exc, "export the brief")
        return
    window.statusBar().showMessage(
        f"Saved the brief of {brief.client.name} to {path} (one {paper_name(paper)} page).", 8000
    )


def paper_name(paper: str) -> str:
    return "Letter" if paper == "letter" else "A4"


def print_brief(window: BriefWindow) -> None:
    brief = window.profile.overview.brief
    if brief is None:
        window.statusBar().showMessage("Pick a client first, then print their brief.", 5000)
        return
    from PySide6.QtPrintSupport import QPrinter

    from rapport.render.brief_print import page_layout, paper_for_locale, print_to

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(paper_for_locale()))
    printer.setDocName(f"Brief - {brief.client.name} - {day_text(brief.today)}")
    if not ask_printer(window.window(), printer):
        return
    try:
        print_to(brief, printer)
    except Exception as exc:
        messages.show_error(window.window(), exc, "print the brief")
        return
    window.statusBar().showMessage(f"Sent the brief of {brief.client.name} to the printer.", 5000)
