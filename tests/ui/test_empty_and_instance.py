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


def test_a_second_launch_waits_for_an_instance_still_starting(qtbot: Any, tmp_path: Path) -> None:
    # The window takes the lock before it is built and listens after its first paint: a
    # second launch in between is handed over once the server is there, not refused.
    first = SingleInstance(tmp_path)
    assert first.acquire(listen=False)
    try:
        code = (
            "import sys; from pathlib import Path; from rapport.ui.single_instance import send; "
            f"sys.exit(0 if send(Path({str(tmp_path)!r}), 'raise', 5000) else 3)"
        )
        proc = subprocess.Popen([sys.executable, "-c", code])
        qtbot.wait(700)  # the second launch finds the lock held and no server yet
        assert proc.poll() is None
        with qtbot.waitSignal(first.messageReceived, timeout=10000) as signal:
            assert first.listen()
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10000)
        assert proc.returncode == 0
        assert signal.args == ["raise"]
    finally:
        first.release()


def test_nobody_answers_at_once_when_the_lock_is_free(tmp_path: Path) -> None:
    # Only a held lock is waited for: with none, nothing runs and the answer is quick.
    assert send(tmp_path, "raise", timeout_ms=200, start_wait_ms=60_000) is False


def test_the_window_listens_for_second_launches_after_its_first_paint(tmp_path: Path) -> None:
    # A real start (not --startup-check): QtNetwork is not loaded before the window shows,
    # and the server answers once it has painted.
    script = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from rapport import app
from rapport.ui import main_window

show = main_window.MainWindow.show

def watched_show(window):
    print("network before show:", "PySide6.QtNetwork" in sys.modules, flush=True)
    window.firstPainted.connect(lambda: QTimer.singleShot(0, answered))
    show(window)

def answered():
    from PySide6.QtNetwork import QLocalSocket
    from rapport.ui.single_instance import server_name
    from pathlib import Path
    socket = QLocalSocket()
    socket.connectToServer(server_name(Path({str(tmp_path / "book")!r})))
    print("listening after the paint:", socket.waitForConnected(2000), flush=True)
    socket.abort()
    QApplication.exit(0)

main_window.MainWindow.show = watched_show
sys.exit(app.run_app({str(tmp_path / "book")!r}))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "network before show: False",
        "listening after the paint: True",
    ]
