"""Help → Keyboard shortcuts (F1): every menu action and how to reach it by keyboard.

Built from the window's menus when it opens, so actions added by any part of the
window appear by themselves, grouped as in the menu bar. An action without a shortcut
of its own is shown with its menu path (Alt+C, then A). Keys that belong to lists and
forms rather than to menus are listed at the end.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

NATIVE = QKeySequence.SequenceFormat.NativeText

# Keys of lists and forms (not menu actions), as the widgets implement them.
OTHER_KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Client list",
        [
            ("Move from the filter into the list", "Down or Enter"),
            ("Clear the filter", "Esc"),
        ],
    ),
    (
        "Profile",
        [
            ("Next or previous tab", "Ctrl+Tab, Ctrl+Shift+Tab"),
            ("Go to a tab", "Alt+underlined letter of the tab"),
            ("Edit the selected row", "Enter"),
            ("Delete the selected row (asks first)", "Delete"),
        ],
    ),
    (
        "Forms and dialogs",
        [
            ("Go to a field", "Alt+underlined letter"),
            ("Next or previous field", "Tab, Shift+Tab"),
            ("Close without saving", "Esc"),
        ],
    ),
    (
        "Quick capture",
        [
            ("Save the note", "Ctrl+Enter"),
            ("Close, keeping the text as a draft", "Esc"),
            ("From the note to the client and the chips", "Tab"),
            ("Remove the chip that has the focus", "Delete or Backspace"),
            ("Choose another client", "Enter on the client, or Alt+A"),
        ],
    ),
    ("Menus", [("Open a menu", "Alt+underlined letter, or F10 on some desktops")]),
]


def plain(text: str) -> str:
    """A menu text without its mnemonic marker and trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def mnemonic(text: str) -> str | None:
    """The underlined letter of a menu text ('&Client' -> 'C')."""
    clean = text.replace("&&", "")
    position = clean.find("&")
    if position < 0 or position + 1 >= len(clean):
        return None
    return clean[position + 1].upper()


def keys_of(action: QAction) -> str:
    return ", ".join(key.toString(NATIVE) for key in action.shortcuts() if not key.isEmpty())


def menu_rows(window: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(action, keys)]) for every menu of the window's menu bar."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        rows: list[tuple[str, str]] = []
        _collect(menu, [top.text()], rows)
        if rows:
            groups.append((plain(top.text()), rows))
    return groups


def _collect(menu: QMenu, path: list[str], rows: list[tuple[str, str]]) -> None:
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        sub = action.menu()
        if isinstance(sub, QMenu):
            _collect(sub, [*path, action.text()], rows)
            continue
        keys = keys_of(action)
        if not keys:
            letters = [mnemonic(step) for step in [*path, action.text()]]
            if all(letters):
                keys = f"Alt+{letters[0]}, then " + ", ".join(str(x) for x in letters[1:])
            else:
                keys = "from the menu"
        rows.append((plain(action.text()), keys))


class ShortcutsDialog(QDialog):
    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard shortcuts")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to find an action or a key")
        self.filter.setAccessibleName("Find a shortcut")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        for title, rows in [*menu_rows(window), *OTHER_KEYS]:
            group = QTreeWidgetItem(self.tree, [title, ""])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for text, keys in rows:
                QTreeWidgetItem(group, [text, keys])
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(640, 720)
        self.filter.setFocus()

    def rows(self) -> dict[str, str]:
        """Every listed action and its keys (what the dialog shows)."""
        found: dict[str, str] = {}
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount() if group is not None else 0):
                child = group.child(j) if group is not None else None
                if child is None:
                    continue
                found.setdefault(child.text(0), child.text(1))
        return found

    def _apply_filter(self, text: str) -> None:
        words = text.lower().split()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is None:
                continue
            shown = 0
            for j in range(group.childCount()):
                child = group.child(j)
                if child is None:
                    continue
                haystack = f"{group.text(0)} {child.text(0)} {child.text(1)}".lower()
                hide = not all(word in haystack for word in words)
                child.setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)
