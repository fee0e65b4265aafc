"""The Qt binding itself: guards against PySide6 releases we know to be broken.

PySide6 6.12.0 released a reference to True/False on every ``Signal.emit()`` return,
so a long session (or a long test run) aborted with "bool_dealloc: deallocating True or
False". pyproject.toml excludes that release; this test fails loudly if a release with
the same fault is ever installed. The oldest release pyproject.toml allows (6.8.3, the
oldest the whole suite passed on) is checked for the newer APIs Rapport calls.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    number = Signal(int)
    anything = Signal(object)


def test_emitting_keeps_true_false_and_none_alive(qapp: Any) -> None:
    emitter = _Emitter()
    emitter.number.connect(lambda _n: None)
    emitter.anything.connect(lambda _o: None)
    gc.collect()
    before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for _ in range(200):
        emitter.number.emit(1)
        emitter.anything.emit(None)
    gc.collect()
    after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    # A broken binding loses one reference per emit (200 or more); leave room for noise.
    assert all(a - b > -50 for a, b in zip(after, before, strict=True)), (before, after)


def test_the_binding_has_the_apis_that_set_the_oldest_release_allowed(qtbot: Any) -> None:
    """pyproject.toml's lower bound, PySide6 6.8.3, is where these arrived: font features by
    name (the cards) and single shots tied to a context object (the window)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QFont

    font = QFont()
    font.setFeature(QFont.Tag("liga"), 0)  # TypeError before 6.8.3, AttributeError in 6.6
    assert font.featureValue(QFont.Tag("liga")) == 0
    fired: list[bool] = []
    context = QObject()
    QTimer.singleShot(0, context, lambda: fired.append(True))  # TypeError in 6.6.0
    qtbot.waitUntil(lambda: bool(fired))
