"""Starting the window: one instance per book, the database opened, errors as dialogs."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import rapport
from rapport import STARTED as _STARTED


def run_app(data_dir: str | None = None, startup_check: bool = False) -> int:
    # The book's check (sqlite3, the store's version) comes before Qt: once PySide6.QtCore
    # is loaded, its import hook reads the source of every module imported after it,
    # looking for "from __feature__ import" (shibokensupport/feature.py). The database
    # layer itself (peewee, the models) loads after the first paint (ui/main_window.py).
    from rapport import __version__, paths
    from rapport.services.book import check_book, close_book

    from PySide6.QtWidgets import QApplication  # isort: skip

    _spare_the_feature_scan()
    from rapport.ui.platform_check import create_application
    from rapport.ui.single_instance import SingleInstance, send

    paths.private_process()
    app = QApplication.instance() or create_application(QApplication, sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Rapport")
    app.setOrganizationName("Rapport")
    app.setApplicationVersion(__version__)
    # The Linux .desktop entry's id (packaging/linux/): Wayland docks match windows by it.
    app.setDesktopFileName("io.github.rapportapp.Rapport")
    from rapport.ui.appearance import app_icon

    app.setWindowIcon(app_icon())

    try:
        directory = paths.ensure_private_dir(paths.data_dir(data_dir))
    except paths.DataDirError as exc:
        return _fatal(str(exc), startup_check)

    from rapport.ui.window_prefs import team_url_at_start

    team_url_at_start(directory)  # Preferences › Team book, unless the command names one
    instance = SingleInstance(directory)
    # The lock now, the server after the first paint (below): QtNetwork costs the start
    # ~5 ms, and a second launch meanwhile waits for the server (single_instance.send).
    if not startup_check and not instance.acquire(listen=False):
        if send(directory, "raise"):
            return 0
        return _fatal(
            "Rapport seems to be running already but does not answer. If it is not, "
            f"remove {directory / 'rapport.lock'} and start again.",
            startup_check,
        )

    try:
        # Refused now if it cannot be opened; opened just after the window's first paint.
        book = check_book(directory)
    except Exception as exc:
        from rapport.ui.messages import user_message
        from rapport.ui.recovery import recover

        # A damaged book: offer to restore a backup (ui/recovery.py) instead of failing.
        if not startup_check:
            instance.listen()  # a second launch meanwhile is told it runs, as before
        recovered = None if startup_check else recover(directory, exc)
        if isinstance(recovered, str):  # the user chose Quit
            instance.release()
            return 1
        if recovered is None:
            message = user_message(exc)
            if message is None:
                raise
            instance.release()
            return _fatal(message, startup_check)
        book = recovered

    from rapport.ui.main_window import MainWindow
    from rapport.ui.worker import Worker

    worker = Worker(app)
    window = MainWindow(book, worker)
    instance.messageReceived.connect(lambda message: handle_message(window, message))

    if startup_check:
        _report_when_painted(window, lambda ms: print(f"shown in {ms} ms", flush=True))
    if startup_check or not window.desktop.starts_hidden():
        if not startup_check:
            window.firstPainted.connect(instance.listen)
        window.show()
    else:
        instance.listen()  # no paint to wait for
        if not window.ensure_book_open() and not window.waiting_for_server():
            # the tray's reminders read it
            instance.release()
            return 1
    if not startup_check:
        start_daily_backup(window)
    code = app.exec()
    worker.wait(5000, cancel=True)
    close_book()
    instance.release()
    return code


def run_capture_window(data_dir: str | None = None, client: str | None = None) -> int:
    """``rapport capture`` with no text: the capture window of the running app, or alone.

    When Rapport runs on this book, it is asked (single-instance socket) to open its
    capture window and this process exits 0 at once. Otherwise a small window runs here:
    the book and the capture window only, no main window; it exits when the note is saved
    or the window closed. Holding the instance lock meanwhile makes a second
    ``rapport capture`` raise this window rather than open a second one on the same draft.
    """
    import shlex

    from rapport import paths
    from rapport.services.book import close_book

    from PySide6.QtWidgets import QApplication  # isort: skip

    _spare_the_feature_scan()
    from rapport.ui.platform_check import create_application
    from rapport.ui.single_instance import SingleInstance, send

    paths.private_process()
    app = QApplication.instance() or create_application(QApplication, sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Rapport")
    app.setOrganizationName("Rapport")
    app.setDesktopFileName("io.github.rapportapp.Rapport")
    try:
        directory = paths.ensure_private_dir(paths.data_dir(data_dir))
    except paths.DataDirError as exc:
        return _fatal(str(exc), False)
    message = "capture" + (f" --client {shlex.quote(client)}" if client else "")
    from rapport.ui.window_prefs import team_url_at_start

    team_url_at_start(directory)  # Preferences › Team book, unless the command names one
    instance = SingleInstance(directory)
    if not instance.acquire():
        if send(directory, message):
            return 0
        return _fatal(
            "Rapport seems to be running already but does not answer. If it is not, "
            f"remove {directory / 'rapport.lock'} and start again.",
            False,
        )
    try:
        _open_or_unlock(directory)
    except Exception as exc:
        from rapport.ui.messages import user_message

        instance.release()
        text = user_message(exc)
        if text is None:
            raise
        return _fatal(text, False)
    from rapport.ui.appearance import app_icon
    from rapport.ui.capture_entry import run_standalone

    app.setWindowIcon(app_icon())
    try:
        return run_standalone(app, instance, directory, client)
    finally:
        close_book()
        instance.release()


def _open_or_unlock(directory: Path) -> None:
    """Open the book; an encrypted one asks its passphrase first (the unlock dialog)."""
    from rapport.services.book import BookLockedError, open_book

    try:
        open_book(directory)
    except BookLockedError:
        from rapport.ui.privacy import ask_to_unlock

        if not ask_to_unlock(None, directory):
            raise
        open_book(directory)


def start_daily_backup(window: object) -> None:
    """The daily backup (off the GUI thread, when the last is a day old), once the book is
    open: right after the window's first paint, or now when it is open already (a window
    that starts hidden in the tray). Before that, there is no book to back up."""
    from rapport.services.book import current_book
    from rapport.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    if current_book() is None:
        window.painted.connect(window.data_actions.start_auto_backup)
    else:
        window.data_actions.start_auto_backup()


def _spare_the_feature_scan() -> None:
    """Tell PySide's import hook that Rapport's modules and those loaded so far do not use
    ``__feature__``.

    Once PySide6.QtCore is loaded, every ``import`` statement goes through its hook, which
    reads the source of each module it has not seen yet (``_mod_uses_pyside`` in
    shibokensupport/feature.py calls inspect.getsource) to learn whether it writes
    ``from __feature__ import``. The modules loaded before Qt (the standard library, the
    book's check) do not, and rescanning each one that a later module imports again costs
    a file read. Nor does any module of Rapport (tests/ui/test_startup.py checks every
    one): the window's own modules, imported after Qt, would each be read from disk (the
    .py, besides the .pyc Python loads) before the first paint, and the book's layer after
    it. They are all recorded as the scan records such a module (-1, "ignore this
    module": with no feature selected anywhere, the same as 0). The table is PySide's
    private one: if a version drops it, nothing is skipped and nothing breaks.
    """
    feature = sys.modules.get("shibokensupport.feature")
    seen = getattr(feature, "pyside_feature_dict", None)
    if isinstance(seen, dict):
        for name in list(sys.modules):
            seen.setdefault(name, -1)
        for name in rapport_modules():
            seen.setdefault(name, -1)


def rapport_modules() -> list[str]:
    """The names of the package's modules, from its folders (none in a frozen build)."""
    names: list[str] = []
    folders = [(folder, "rapport") for folder in rapport.__path__]
    while folders:
        folder, package = folders.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".py"):
                        stem = entry.name[:-3]
                        names.append(package if stem == "__init__" else f"{package}.{stem}")
                    elif (
                        entry.name.isidentifier() and entry.name != "__pycache__" and entry.is_dir()
                    ):
                        folders.append((entry.path, f"{package}.{entry.name}"))
        except OSError:  # a frozen build: its modules are not files
            continue
    return names


def handle_message(window: object, message: str) -> None:
    """What a second launch asked the running window to do."""
    from rapport.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    if not window.ensure_book_open() and not window.waiting_for_server():
        return  # a message that came before the first paint
    command = message.split(" ", 1)[0]
    handler = getattr(window, f"on_remote_{command}", None)
    if callable(handler):
        handler(message[len(command) :].strip())
    else:
        window.raise_window()


def _report_when_painted(window: object, report: Callable[[int], None]) -> None:
    """Quit right after the window's first paint and report the time since start."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
                self.seen = True

                def finish() -> None:
                    report(round((time.perf_counter() - _STARTED) * 1000))
                    # What waits for the first paint (Today's rows, the Clients page)
                    # is not needed, but the book must open as the window would open it.
                    window.cancel_deferred_work()  # type: ignore[attr-defined]
                    QApplication.exit(_open_quietly(window.book.data_dir))  # type: ignore[attr-defined]

                QTimer.singleShot(0, finish)
            return False

    watcher = PaintWatcher(window)  # type: ignore[arg-type]
    window.installEventFilter(watcher)  # type: ignore[attr-defined]


def _open_quietly(data_dir: Path) -> int:
    """Open the checked book for ``--startup-check``: 0, or 1 with the reason on stderr."""
    from rapport.services.book import BookLockedError, current_book, open_book
    from rapport.ui.messages import user_message

    if current_book() is not None:
        return 0
    try:
        open_book(data_dir)
    except BookLockedError:
        return 0  # an encrypted book: the window would ask its passphrase now
    except Exception as exc:
        return _fatal(user_message(exc) or f"the book cannot be opened: {exc!r}", True)
    return 0


def _fatal(message: str, quiet: bool) -> int:
    sys.stderr.write(f"rapport: {message}\n")
    if not quiet:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Rapport", message)
    return 1
