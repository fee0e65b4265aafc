"""A theme chosen in Preferences reaches every page and the open capture window at once:
colours built into HTML and style sheets are built again from the new palette."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from rapport.ui import capture_style, theme
from rapport.ui.appearance import apply_theme
from rapport.ui.brief_view import view_colors
from rapport.ui.settings_dialog import SettingsDialog
from rapport.ui.today_sections import hint_color
from tests.ui.capture_helpers import chip_with, open_capture, type_note
from tests.ui.form_helpers import click_save


@pytest.fixture(autouse=True)
def _system_theme_after() -> Iterator[None]:
    yield
    apply_theme("system")  # the palette is app-wide: leave it as other tests expect


def _choose_theme(window: Any, qtbot: Any, answer_modal: Any, name: str) -> None:
    """Edit > Preferences, pick the theme, Save: as the user does it."""

    def pick(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        combo: QComboBox = dialog.theme
        combo.setCurrentIndex(combo.findData(name))
        click_save(qtbot, dialog)

    answer_modal(pick)
    window.preferences_action.trigger()


def _lightness(widget: QWidget) -> int:
    """How light the widget's background is as drawn (its middle, left edge)."""
    image = widget.grab().toImage()
    return QColor(image.pixelColor(2, image.height() // 2)).lightness()


def _hint_colours(window: Any) -> set[str]:
    return {
        section.header.text().split("color:", 1)[1][:7]
        for section in window.today_view.sections.values()
        if "color:" in section.header.text()
    }


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_switching_theme_in_preferences_recolours_the_brief_capture_and_today(
    window: Any, qtbot: Any, answer_modal: Any, sample_book: Any
) -> None:
    from rapport.services import clients

    window.open_client(clients.resolve("Bob Smith").id)
    brief = window.profile.overview
    qtbot.waitUntil(lambda: brief.brief is not None)
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Lunch with Bob Smith. He loves sailing and jazz.")
    light = view_colors()
    light_sheet = capture_style.stylesheet()
    light_tags = capture_style.soft_hex()
    assert light.text in brief.toHtml()
    assert _lightness(capture.chips_area.viewport()) > 128
    assert _hint_colours(window) == {hint_color().name()}

    _choose_theme(window, qtbot, answer_modal, "dark")

    assert theme.is_dark()
    dark = view_colors()
    assert (dark.text, dark.muted, dark.link) != (light.text, light.muted, light.link)
    # The brief is drawn again with the dark palette's colours, none of the light ones.
    qtbot.waitUntil(lambda: dark.muted in brief.toHtml())
    html = brief.toHtml()
    assert dark.text in html and light.text not in html and light.muted not in html
    # The capture window, open meanwhile: its style sheet, chips and background are dark.
    assert capture.styleSheet() == capture_style.stylesheet() != light_sheet
    fact = chip_with(capture, "facts", "sailing")
    tags = fact.findChild(QLabel).text()
    assert capture_style.soft_hex() in tags and light_tags not in tags
    assert _lightness(capture.chips_area.viewport()) < 128
    # Today's section titles carry the muted colour of the new palette.
    qtbot.waitUntil(lambda: _hint_colours(window) == {hint_color().name()})

    _choose_theme(window, qtbot, answer_modal, "light")

    qtbot.waitUntil(lambda: light.muted in brief.toHtml())
    assert dark.text not in brief.toHtml()
    assert capture.styleSheet() == light_sheet
    assert _lightness(capture.chips_area.viewport()) > 128


def test_the_desktop_switching_to_dark_recolours_an_open_note_composer(
    qtbot: Any, sample_book: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The "system" theme follows the desktop, whose switch may come with a dialog open."""
    from rapport.services import clients
    from rapport.ui import note_composer
    from rapport.ui.note_composer import NoteComposer

    dialog = NoteComposer(None, clients.resolve("Bob Smith").id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.text.setPlainText("word " * 4000)  # too long: the fit line turns red
    dialog.update_preview()
    light_warning, light_caution = theme.warning_color().name(), theme.caution_color().name()
    assert light_warning in dialog.fit_label.styleSheet()

    apply_theme("dark")  # what the platform does when the desktop turns dark

    qtbot.waitUntil(lambda: theme.caution_color().name() in dialog.notes.styleSheet())
    assert light_caution not in dialog.notes.styleSheet()
    assert theme.warning_color().name() != light_warning
    assert theme.warning_color().name() in dialog.fit_label.styleSheet()
    monkeypatch.setattr(note_composer, "ask_unsaved", lambda parent: "discard")
    dialog.close()  # the long text was a test's, not a note to keep
    assert not dialog.isVisible()
