"""The tray: its menu built from the window's actions, Today with counts, close to tray."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from rapport.services import clients, tasks
from rapport.ui import tray as tray_module
from rapport.ui.tray import TrayController, close_hides, tray_available
from rapport.ui.window_prefs import WindowPrefs, set_last_seen

# Bringing the window to the front asks the platform to raise it; offscreen cannot.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def test_menu_starts_with_the_windows_quick_capture(window: Any, qtbot: Any) -> None:
    tray = window.desktop.tray
    assert tray.menu_texts() == [
        "Quick capture…",
        "Today — nothing due",
        "Open Rapport",
        "Quit Rapport",
    ]
    # The menu is built from the window's own action, so the tray opens the same window.
    assert tray.menu.actions()[0] is window.quick_capture_action
    tray.menu.actions()[0].trigger()
    qtbot.waitExposed(window.capture.capture_window)
    window.capture.capture_window.reject()


def test_today_entry_counts_and_opens_the_today_page(window: Any, qtbot: Any) -> None:
    bob = clients.resolve("Bob Smith")
    tasks.add_task("Call about the invoice", bob.id, "2026-11-12", allow_past=True)
    tasks.add_task("Send the samples", bob.id, "2026-11-18")
    tray = window.desktop.tray
    tray.timer.look()
    tray.rebuild_menu()
    assert tray.menu_texts()[1] == "Today — 1 overdue · 1 due today"

    window.show_page(window.clients_page)
    window.hide()
    tray.today_action.trigger()
    assert window.isVisible()
    assert window.pages.currentWidget() is window.today_view


def test_open_and_quit(window: Any, monkeypatch: Any) -> None:
    quits: list[bool] = []
    monkeypatch.setattr(tray_module, "quit_application", lambda: quits.append(True))
    tray = window.desktop.tray
    window.hide()
    tray.open_action.trigger()
    assert window.isVisible()
    tray.quit_action.trigger()
    assert quits == [True]
    assert not window.isVisible()


def test_close_hides_only_by_choice_with_a_tray_and_not_when_quitting() -> None:
    assert close_hides(close_to_tray=True, tray_shown=True, quitting=False)
    assert not close_hides(close_to_tray=False, tray_shown=True, quitting=False)
    assert not close_hides(close_to_tray=True, tray_shown=False, quitting=False)
    assert not close_hides(close_to_tray=True, tray_shown=True, quitting=True)


def test_closing_the_window_keeps_it_in_the_tray_when_chosen(window: Any, monkeypatch: Any) -> None:
    # Offscreen has no tray: pretend the icon is showing to drive the window's close.
    monkeypatch.setattr(TrayController, "shown", property(lambda _self: True))
    quits: list[bool] = []
    monkeypatch.setattr(tray_module, "quit_application", lambda: quits.append(True))
    tray = window.desktop.tray
    tray.apply(WindowPrefs(close_to_tray=True))
    window.close()
    assert not window.isVisible()
    assert quits == []
    window.desktop.tray.open_action.trigger()
    assert window.isVisible()

    tray.apply(WindowPrefs(close_to_tray=False))
    assert window.close()
    assert not window.isVisible()


def test_quit_from_the_menu_quits_even_with_close_to_tray(window: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(TrayController, "shown", property(lambda _self: True))
    quits: list[bool] = []
    monkeypatch.setattr(tray_module, "quit_application", lambda: quits.append(True))
    window.desktop.tray.apply(WindowPrefs(close_to_tray=True))
    window.quit_action.trigger()
    assert quits == [True]
    assert not window.isVisible()


def test_no_tray_means_no_hidden_start(window: Any) -> None:
    tray = window.desktop.tray
    tray.apply(WindowPrefs(start_in_tray=True, close_to_tray=True))
    if tray.icon is None:
        assert not window.desktop.starts_hidden()
        assert not tray.close_hides(quitting=False)


def test_a_notice_goes_to_the_status_bar_and_the_tray(window: Any) -> None:
    bob = clients.resolve("Bob Smith")
    tasks.add_task("Send the samples", bob.id, "2026-11-18", "promise")
    tray = window.desktop.tray
    set_last_seen(window.settings, datetime(2026, 11, 17, 18, 0))
    tray.timer.now = lambda: datetime(2026, 11, 18, 9, 0)
    tray.timer.look()
    assert [n.title for n in tray.notices] == ["A promise is due"]
    assert window.statusBar().currentMessage() == ("A promise is due: Send the samples (Bob Smith)")


def test_real_tray_icon(window: Any, qtbot: Any) -> None:
    if not tray_available():
        pytest.skip("no system tray on this platform (the offscreen platform never has one)")
    tray = window.desktop.tray
    assert tray.icon is not None and tray.icon.isVisible()
    assert tray.icon.contextMenu() is tray.menu
    window.hide()
    tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert window.isVisible()
    tray.today_action.trigger()
    assert window.isVisible()
