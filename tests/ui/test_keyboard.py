"""Keyboard first: menus with mnemonics, no clashing shortcuts, a complete F1 list."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from rapport.ui.shortcuts_dialog import ShortcutsDialog, mnemonic, plain


def _menu_actions(window: Any) -> list[tuple[str, QAction]]:
    found = []
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        found += [(top.text(), a) for a in menu.actions() if not a.isSeparator()]
    return found


def test_every_menu_action_is_reachable_by_keyboard(window: Any) -> None:
    for top in window.menuBar().actions():
        assert mnemonic(top.text()), top.text()
    missing = [
        plain(a.text())
        for _menu, a in _menu_actions(window)
        if not mnemonic(a.text()) and a.shortcut().isEmpty()
    ]
    assert missing == []


def test_no_two_actions_share_a_shortcut(window: Any) -> None:
    keys = Counter(
        key.toString()
        for action in window.findChildren(QAction)
        for key in action.shortcuts()
        if not key.isEmpty()
    )
    assert [key for key, n in keys.items() if n > 1] == []


def test_client_actions_have_shortcuts(window: Any) -> None:
    for action in window.client_menu.actions():
        if not action.isSeparator():
            assert not action.shortcut().isEmpty(), action.text()


def test_f1_lists_every_menu_action(window: Any, qtbot: Any, answer_modal: Any) -> None:
    rows: dict[str, str] = {}

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, ShortcutsDialog)
        rows.update(dialog.rows())
        qtbot.keyClicks(dialog.filter, "archive")
        visible = [
            dialog.tree.topLevelItem(i).child(j).text(0)
            for i in range(dialog.tree.topLevelItemCount())
            for j in range(dialog.tree.topLevelItem(i).childCount())
            if not dialog.tree.topLevelItem(i).child(j).isHidden()
        ]
        rows["__filtered__"] = "|".join(visible)
        dialog.reject()

    answer_modal(read)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    for _menu, action in _menu_actions(window):
        assert plain(action.text()) in rows
    assert rows["Preferences"] == QKeySequence("Ctrl+,").toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert rows["Load the sample book"] == "Alt+F, then S"  # no shortcut: the menu path
    assert rows["Delete the selected row (asks first)"] == "Delete"
    assert set(rows["__filtered__"].split("|")) == {"Archive client", "Show archived clients"}


def test_toolbar_and_menu_actions_have_icons(window: Any) -> None:
    for action in window.toolbar.actions():
        # Widgets in the toolbar (the search box, its spacer) are not buttons to draw.
        if not action.isSeparator() and window.toolbar.widgetForAction(action) is not None:
            button = window.toolbar.widgetForAction(action)
            if button.inherits("QToolButton"):
                assert not action.icon().isNull(), action.text()
    for name in ("undo_action", "filter_action", "quit_action", "preferences_action"):
        assert not getattr(window, name).icon().isNull(), name


def _unnamed_controls(root: QWidget) -> list[str]:
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    kinds = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox, QAbstractItemView)
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or isinstance(widget, QHeaderView):
            continue
        if isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
            continue  # the editor inside a spin or combo box
        if widget.window() is not root.window():
            continue  # a drop-down or completer popup, part of its combo box
        if not widget.accessibleName():
            found.append(f"{type(widget).__name__} {widget.objectName()}")
    return found


def test_controls_of_the_window_and_forms_have_accessible_names(window: Any, qtbot: Any) -> None:
    from rapport.services import clients
    from rapport.ui.dialogs import (
        ClientDialog,
        FactDialog,
        InteractionDialog,
        PersonDialog,
        TaskDialog,
    )

    window.open_client(clients.resolve("Bob Smith").id)
    assert _unnamed_controls(window) == []
    for form in (ClientDialog, PersonDialog, FactDialog, InteractionDialog, TaskDialog):
        dialog = form(window)
        qtbot.addWidget(dialog)
        assert _unnamed_controls(dialog) == [], form.__name__


def test_profile_tab_letters_do_not_clash_with_the_menu_bar(window: Any) -> None:
    menus = {mnemonic(top.text()) for top in window.menuBar().actions()}
    tabs = window.profile.tabs
    letters = [mnemonic(tabs.tabText(i)) for i in range(tabs.count())]
    assert all(letters) and len(set(letters)) == len(letters)
    assert menus.isdisjoint(letters)
