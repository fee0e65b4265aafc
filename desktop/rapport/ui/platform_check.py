"""When Qt cannot start its platform (the window system), say why and exit 1, not abort.

On Linux, Qt's xcb platform plugin needs some twenty system libraries. When one is
missing, Qt prints a misleading hint ("xcb-cursor0 is needed", whatever is missing) and
aborts the process (exit 134). ``create_application`` builds the QApplication with a
message handler in place: Qt's messages during the build are held back, and if Qt gives
up (its fatal message), the plugin is examined (``ldd``), and the missing libraries are
named with the command that installs them, before exiting 1. Nothing is examined (or
imported) when the platform starts, so a good start costs only the handler's installation.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QtMsgType, qFormatLogMessage, qInstallMessageHandler

App = TypeVar("App")


class _Guard:
    """Holds Qt's messages while the application is built; on Qt's fatal one, explains."""

    def __init__(self, previous: Callable[..., Any] | None) -> None:
        self.previous = previous
        self.held: list[str] = []

    def handle(self, mode: QtMsgType, context: Any, message: str) -> None:
        if mode == QtMsgType.QtFatalMsg:
            self.explain_and_exit(message)
        if self.previous is not None:
            self.previous(mode, context, message)
        else:  # formatted now: the context lives only during this call
            self.held.append(qFormatLogMessage(mode, context, message))

    def release(self) -> None:
        for line in self.held:
            sys.stderr.write(line + "\n")
        self.held.clear()

    def explain_and_exit(self, fatal: str) -> None:
        # Loaded only now: what a good start does not need costs it nothing.
        from rapport.ui import platform_libs as libs

        said = [*self.held, fatal]
        named = [m.group(1) for line in said for m in libs.PLUGIN_FAILED.finditer(line)]
        platform = (named or libs.platform_names() or ["xcb"])[0].split(":", 1)[0]
        plugin = libs.plugin_file(platform)
        missing = libs.missing_libraries(plugin) if plugin is not None else []
        hints = [line for line in self.held if "xcb-cursor0" not in line]
        sys.stderr.write(f"rapport: {libs.advice(platform, missing).text(hints)}\n")
        sys.stderr.flush()
        os._exit(1)  # Qt aborts once this handler returns


def create_application(make: Callable[[list[str]], App], argv: list[str]) -> App:
    """``make(argv)`` (QApplication), exiting 1 with the reason if Qt cannot start it."""
    guard = _Guard(None)
    guard.previous = qInstallMessageHandler(guard.handle)
    try:
        app = make(argv)
    finally:
        qInstallMessageHandler(guard.previous)
        guard.release()
    return app
