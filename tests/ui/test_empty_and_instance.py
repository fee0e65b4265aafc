"""First start on an empty book, and one running instance per book."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile

from rapport.services.book import close_book, current_book, open_book
from rapport.ui.single_instance import SingleInstance, send


def test_empty_book_offers_the_sample_and_a_new_client(qtbot: Any, data_dir: Path) -> None:
    from rapport.ui.main_window import MainWindow
    from rapport.ui.worker import Worker

    open_book(data_dir)
    try:
        win = MainWindow(current_book(), Worker())
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: "0 clients" in win.counts_label.text())  # after the paint
        assert win.client_list.stack.currentWidget() is win.client_list.empty
        assert win.profile.stack.currentWidget() is win.profile.placeholder
        assert not win.edit_client_action.isEnabled()
    finally:
        close_book()


def test_empty_book_offers_import_on_today_and_the_client_list(
    qtbot: Any, data_dir: Path, tmp_path: Path, monkeypatch: Any, answer_modal: Any
) -> None:
    """Issue 15: both empty states open the same import as File > Import."""
    from PySide6.QtCore import Qt

    from rapport.services import clients
    from rapport.ui import import_dialog
    from rapport.ui.main_window import MainWindow
    from rapport.ui.worker import Worker

    card = tmp_path / "dana.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Dana Whitfield\nEND:VCARD\n")
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda _parent: str(card))
    opened: list[str] = []

    def import_it(dialog: Any) -> None:
        assert isinstance(dialog, import_dialog.ImportDialog)
        opened.append(dialog.windowTitle())
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_PREVIEW)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    def cancel(dialog: Any) -> None:
        assert isinstance(dialog, import_dialog.ImportDialog)
        opened.append(dialog.windowTitle())
        dialog.reject()

    open_book(data_dir)
    try:
        win = MainWindow(current_book(), Worker())
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: "0 clients" in win.counts_label.text())
        header = win.today_view.header
        qtbot.waitUntil(lambda: header.welcome.isVisible())
        assert win.client_list.stack.currentWidget() is win.client_list.empty
        assert win.client_list.import_button.text() == "Import contacts…"
        answer_modal(cancel)
        qtbot.mouseClick(win.client_list.import_button, Qt.MouseButton.LeftButton)
        answer_modal(import_it)
        qtbot.mouseClick(header.import_button, Qt.MouseButton.LeftButton)
        assert len(opened) == 2
        assert [c.name for c in clients.list_clients()] == ["Dana Whitfield"]
    finally:
        close_book()


def test_second_instance_hands_over(qtbot: Any, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.acquire()
    try:
        second = SingleInstance(tmp_path)
        assert not second.acquire()
        # The second launch is another process, as in real life (a blocking send from
        # this thread could not be answered by this thread's event loop).
        code = (
            "import sys; from pathlib import Path; from rapport.ui.single_instance import send; "
            f"sys.exit(0 if send(Path({str(tmp_path)!r}), 'raise', 5000) else 3)"
        )
        with qtbot.waitSignal(first.messageReceived, timeout=10000) as signal:
            proc = subprocess.Popen([sys.executable, "-c", code])
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10000)
        assert proc.returncode == 0
        assert signal.args == ["raise"]
    finally:
        first.release()


def test_stale_lock_of_a_killed_process_is_reclaimed(tmp_path: Path) -> None:
    lock_path = tmp_path / "rapport.lock"
    # What QLockFile writes: pid, app name, host name. PID 999999 does not run.
    holder = QLockFile(str(lock_path))
    assert holder.tryLock(0)
    content = lock_path.read_text().splitlines()
    holder.unlock()
    content[0] = "999999"
    lock_path.write_text("\n".join(content) + "\n")
    instance = SingleInstance(tmp_path)
    try:
        assert instance.acquire()
    finally:
        instance.release()


def test_nobody_answers_when_nothing_runs(tmp_path: Path) -> None:
    assert send(tmp_path, "raise", timeout_ms=200) is False


def test_startup_check_prints_shown_in(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RAPPORT_DATA_DIR=str(tmp_path / "b"))
    out = subprocess.run(
        [sys.executable, "-m", "rapport", "--startup-check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("shown in ") and out.stdout.strip().endswith(" ms")
    close_book()


def test_each_book_folder_has_its_own_socket_name(tmp_path: Path) -> None:
    from rapport.ui.single_instance import server_name

    (tmp_path / "a").mkdir()
    name = server_name(tmp_path / "a")
    assert server_name(tmp_path / "a" / ".." / "a") == name  # the same folder, spelled twice
    assert server_name(tmp_path / "b") != name
    assert name.replace("-", "").isalnum() and len(name) < 60  # a valid, short socket name
