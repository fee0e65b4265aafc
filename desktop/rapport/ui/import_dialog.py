"""The import dialog: read the file, map a plain CSV's columns, preview, then import.

Every step that touches the file or the book runs on the window's worker, so a
10,000-contact file never freezes the window: reading shows a busy bar, importing shows a
progress bar and a Cancel button that rolls the whole import back. Nothing is written
before the user has seen the preview (new / already known / skipped with the reason) and
pressed Import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rapport.exchange.csv_io import FIELDS
from rapport.services import exchange
from rapport.ui import theme
from rapport.ui.messages import user_message
from rapport.ui.table_model import Column, RecordTableModel
from rapport.ui.worker import Job, JobContext, Worker

ACTION_TEXT = {"new": "New", "known": "Already known", "skipped": "Skipped"}
COLUMNS: list[Column[exchange.PlanItem]] = [
    Column(
        "What",
        lambda i: ACTION_TEXT.get(i.action, i.action),
        color=lambda i: (
            theme.good_color()
            if i.action == "new"
            else theme.caution_color()
            if i.action == "skipped"
            else None
        ),
    ),
    Column("Name", lambda i: i.name or "(no name)"),
    Column("Details", lambda i: i.detail, tooltip=lambda i: i.detail),
    Column("Where", lambda i: i.where),
]
FILE_FILTER = "Contacts and exports (*.vcf *.vcard *.csv *.txt *.json);;All files (*)"


def choose_import_file(parent: QWidget | None) -> str:
    """The file dialog (tests replace this function)."""
    path, _ = QFileDialog.getOpenFileName(parent, "Import", str(Path.home()), FILE_FILTER)
    return path


def ask_encoding(parent: QWidget | None, message: str) -> bool:
    """May the file be read as Windows-1252? (tests replace this function)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Import")
    box.setText("This file is not UTF-8 text.")
    box.setInformativeText(
        "Files saved by Outlook or Excel on Windows are often in the Windows-1252 "
        "(Western European) encoding. Read it that way? Check the preview: accented "
        f"letters should look right.\n\n({_without_cli_advice(message)})"
    )
    read = box.addButton("Read as Windows-1252", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read)
    box.exec()
    return box.clickedButton() is read


class ImportDialog(QDialog):
    PAGE_READING, PAGE_MAPPING, PAGE_PREVIEW, PAGE_APPLYING, PAGE_ERROR = range(5)

    def __init__(self, parent: QWidget | None, path: Path, worker: Worker) -> None:
        super().__init__(parent)
        self.path = path
        self.worker = worker
        self.plan: exchange.ImportPlan | None = None
        self.result_value: exchange.ImportResult | None = None
        self.encoding: str | None = None
        self.job: Job | None = None
        self.mapping_combos: dict[str, QComboBox] = {}
        self.setWindowTitle(f"Import {path.name}")
        self.setModal(True)
        self.resize(760, 520)

        self.source_label = QLabel(f"Reading {path.name}…")
        self.source_label.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._reading_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._applying_page())
        self.pages.addWidget(self._error_page())

        self.buttons = QDialogButtonBox()
        self.back_button = QPushButton("&Back")
        self.next_button = QPushButton("&Preview")
        self.import_button = QPushButton("&Import")
        self.cancel_button = QPushButton("Cancel")
        for button, role in (
            (self.back_button, QDialogButtonBox.ButtonRole.ResetRole),
            (self.next_button, QDialogButtonBox.ButtonRole.ActionRole),
            (self.import_button, QDialogButtonBox.ButtonRole.AcceptRole),
            (self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole),
        ):
            self.buttons.addButton(button, role)
        self.back_button.clicked.connect(lambda: self._show_mapping())
        self.next_button.clicked.connect(self._preview_with_mapping)
        self.import_button.clicked.connect(self._apply)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self._set_page(self.PAGE_READING)

    # -- pages -----------------------------------------------------------------------------
    def _reading_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.reading_bar = QProgressBar()
        self.reading_bar.setRange(0, 0)
        layout.addStretch(1)
        layout.addWidget(QLabel("Reading and checking the file; nothing is written yet."))
        layout.addWidget(self.reading_bar)
        layout.addStretch(1)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(
            "Which field does each column hold? Columns set to “(ignore)” are not imported. "
            "A name is needed: a full name, or first and last name."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.mapping_error = QLabel()
        self.mapping_error.setStyleSheet(f"color: {theme.warning_color().name()}")
        theme.follow_palette(
            self,
            lambda: self.mapping_error.setStyleSheet(f"color: {theme.warning_color().name()}"),
        )
        self.mapping_error.hide()
        layout.addWidget(self.mapping_error)
        holder = QWidget()
        self.mapping_form = QFormLayout(holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        layout.addWidget(scroll, 1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setObjectName("importSummary")
        layout.addWidget(self.summary_label)
        self.model: RecordTableModel[exchange.PlanItem] = RecordTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        layout.addWidget(self.note_label)
        return page

    def _applying_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.applying_label = QLabel("Importing… Cancel undoes everything.")
        layout.addWidget(self.applying_label)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        layout.addWidget(self.progress_bar)
        layout.addStretch(1)
        return page

    def _error_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.error_label = QLabel()
        self.error_label.setObjectName("importError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        return page

    def _set_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        plan = self.plan
        mapped = plan is not None and plan.needs_mapping
        self.back_button.setVisible(page == self.PAGE_PREVIEW and mapped)
        self.next_button.setVisible(page == self.PAGE_MAPPING)
        self.import_button.setVisible(page == self.PAGE_PREVIEW)
        self.import_button.setEnabled(
            page == self.PAGE_PREVIEW and plan is not None and plan.writes_anything
        )
        self.cancel_button.setText("Close" if page == self.PAGE_ERROR else "Cancel")
        if page == self.PAGE_MAPPING:
            self.next_button.setDefault(True)
        elif page == self.PAGE_PREVIEW:
            self.import_button.setDefault(True)

    # -- reading ---------------------------------------------------------------------------
    def start_preview(self, mapping: dict[str, str] | None = None) -> None:
        self._set_page(self.PAGE_READING)
        path, encoding = self.path, self.encoding

        def work(ctx: JobContext) -> exchange.ImportPlan:
            def progress(done: int, total: int) -> None:
                ctx.check()  # stops reading a big file when the dialog is closed

            return exchange.preview_import(path, None, mapping, encoding, progress)

        # The job's own signals say it is over: a fast job can finish before a
        # connection made after submit() would see its ``finished``.
        self.job = self.worker.submit(
            work,
            name="import preview",
            on_done=lambda plan: self._over(self._previewed, plan),
            on_error=lambda exc: self._over(self._preview_failed, exc),
            on_cancel=lambda: self._over(None),
        )

    def _over(self, then: Callable[..., None] | None, *args: Any) -> None:
        self.job = None
        if then is not None:
            then(*args)

    def _previewed(self, plan: exchange.ImportPlan) -> None:
        self.plan = plan
        self.source_label.setText(f"<b>{_escape(self.path.name)}</b>: {plan.description}")
        # A Rapport clients CSV maps itself: re-importing our own export goes straight
        # to the preview (Back still shows the mapping for a user who wants to change it).
        first_look = plan.flavour == "generic" and not self.mapping_combos
        if plan.problem or first_look:
            self._show_mapping(plan.problem)
            return
        self._show_preview(plan)

    def _preview_failed(self, exc: BaseException) -> None:
        asked = isinstance(exc, exchange.EncodingQuestion) and self.encoding is None
        if asked and ask_encoding(self, str(exc)):
            self.encoding = exchange.EncodingQuestion.suggestion
            self.start_preview(self._chosen_mapping() or None)
            return
        self._show_error(exc)

    def _show_error(self, exc: BaseException) -> None:
        message = user_message(exc) or f"an unexpected error ({type(exc).__name__}: {exc})"
        message = _escape(message.rstrip())
        if not message.endswith((".", "!", "?", ")")):
            message += "."
        # The line above the page said "Reading NAME…": it is over, say which file failed.
        self.source_label.setText(f"<b>{_escape(self.path.name)}</b>")
        self.error_label.setText(
            f"<b>This file cannot be imported.</b><br>{message[:1].upper()}{message[1:]}"
            "<br><br>Nothing was written to your book."
        )
        self._set_page(self.PAGE_ERROR)

    # -- mapping ---------------------------------------------------------------------------
    def _show_mapping(self, problem: str = "") -> None:
        plan = self.plan
        if plan is None:
            return
        if not self.mapping_combos:
            for index, column in enumerate(plan.columns):
                combo = QComboBox()
                for key, text in FIELDS.items():
                    combo.addItem(text, key)
                target = (plan.mapping or {}).get(column, "ignore")
                combo.setCurrentIndex(max(0, combo.findData(target)))
                sample = next(
                    (row[index] for row in plan.samples if index < len(row) and row[index]), ""
                )
                caption = QLabel(f"{_escape(column)}<br><small>{_escape(sample[:60])}</small>")
                caption.setBuddy(combo)
                combo.setAccessibleName(f"Field of column {column}")
                self.mapping_form.addRow(caption, combo)
                self.mapping_combos[column] = combo
        self.mapping_error.setText(problem[:1].upper() + problem[1:] if problem else "")
        self.mapping_error.setVisible(bool(problem))
        self._set_page(self.PAGE_MAPPING)
        first = next(iter(self.mapping_combos.values()), None)
        if first is not None:
            first.setFocus()

    def _chosen_mapping(self) -> dict[str, str]:
        return {column: combo.currentData() for column, combo in self.mapping_combos.items()}

    def _preview_with_mapping(self) -> None:
        mapping = self._chosen_mapping()
        if not any(t in exchange.NAME_TARGETS for t in mapping.values()):
            self._show_mapping("choose the column that holds the name")
            return
        self.start_preview(mapping)

    # -- preview and import ----------------------------------------------------------------
    def _show_preview(self, plan: exchange.ImportPlan) -> None:
        self.model.set_rows(plan.items)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.summary_label.setText(f"<b>{plan.summary().capitalize()}.</b>")
        if not plan.writes_anything:
            self.note_label.setText("There is nothing to import from this file.")
        else:
            self.note_label.setText(
                "Known clients only get the fields that are empty in your book filled; "
                "nothing you recorded is changed. The import is all or nothing."
            )
        self._set_page(self.PAGE_PREVIEW)
        self.table.setFocus()

    def _apply(self) -> None:
        plan = self.plan
        if plan is None or not plan.writes_anything or self.job is not None:
            return
        self.progress_bar.setValue(0)
        self.applying_label.setText("Importing… Cancel undoes everything.")
        self._set_page(self.PAGE_APPLYING)

        def work(ctx: JobContext) -> exchange.ImportResult:
            return exchange.apply_import(plan, progress=ctx.progress, cancel=ctx.cancelled)

        self.job = self.worker.submit(
            work,
            name="import",
            on_done=lambda result: self._over(self._applied, result),
            on_error=lambda exc: self._over(self._apply_failed, exc),
            on_progress=lambda d, t: self.progress_bar.setValue(100 * d // max(t, 1)),
            on_cancel=lambda: self._over(self._apply_cancelled),
        )

    def _applied(self, result: exchange.ImportResult) -> None:
        self.result_value = result
        self.accept()

    def _apply_failed(self, exc: BaseException) -> None:
        if isinstance(exc, exchange.ImportCancelled):
            self._apply_cancelled()
            return
        self._show_error(exc)

    def _apply_cancelled(self) -> None:
        if self.plan is not None:
            self._show_preview(self.plan)
        self.note_label.setText("The import was cancelled: nothing was written.")

    def reject(self) -> None:
        job = self.job
        if job is not None and self.pages.currentIndex() == self.PAGE_APPLYING:
            job.cancel()  # the job rolls back and comes back to the preview
            return
        if job is not None:
            job.cancel()
        super().reject()

    @classmethod
    def ask(
        cls, parent: QWidget | None, path: Path, worker: Worker
    ) -> exchange.ImportResult | None:
        """Run the import of ``path``; the result, or None when nothing was imported."""
        dialog = cls(parent, path, worker)
        dialog.start_preview()
        dialog.exec()
        if dialog.job is not None:
            dialog.job.cancel()
            worker.wait(30000)  # a cancelled job stops at its next progress report
        result = dialog.result_value
        dialog.deleteLater()
        return result


def _without_cli_advice(message: str) -> str:
    """The service's message minus the sentences written for the command line (--encoding)."""
    sentences = [part for part in message.split(". ") if " --" not in part]
    return ". ".join(sentences).rstrip(".")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
