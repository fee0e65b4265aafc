"""Qt's namespace enums (``Qt.ToolButtonStyle`` ...) set by name, before the first paint.

PySide makes every enum of the ``Qt`` namespace, some 90 Python enum classes, the first
time anything reads ``PySide6.QtCore.Qt`` (``from PySide6.QtCore import Qt`` included):
20 to 40 ms of a start under load, which a bare window never pays. What is built before
the window's first paint sets those values through the widget's Qt property by the
value's name instead (Qt's property system converts the name), sets shortcuts through
``setShortcuts`` (below), and reads ``QtCore.Qt`` only in code that runs later.
tests/ui/test_startup_paint.py checks that nothing before the paint makes the namespace,
and that the values are the ones ``Qt.X`` gives.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def set_by_name(target: QObject, prop: str, name: str) -> None:
    """``target.setProp(Qt.Enum.name)`` through the property ``prop``, by ``name``."""
    if not target.setProperty(prop, name):
        raise ValueError(f"{type(target).__name__} has no property {prop!r} taking {name!r}")


def set_shortcut(action: QAction, keys: Any) -> None:
    """``action.setShortcut(QKeySequence(keys))``, the same shortcut: PySide resolving
    ``setShortcut``'s overloads makes the ``Qt`` namespace, ``setShortcuts`` does not."""
    action.setShortcuts([QKeySequence(keys)])
