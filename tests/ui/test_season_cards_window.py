"""Client › Cards for many…: drafted in the worker, read one by one (Enter keep, E edit,
S skip), printed as one PDF with envelopes, logged on each client."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtCore import Qt

from rapport.core.postal import PostalAddress
from rapport.services import addresses, clients, facts, interactions, season_cards, settings
from rapport.ui import season_cards_window as window_module
from rapport.ui.season_cards_window import PRINT, READ, SeasonCardsWindow
from tests.ui.conftest import shown_window
from tests.ui.write_threads import recorded_commits

NAMES = ("Anna Berg", "Bob Smith", "Carla Diaz", "Dana Whitfield", "Evan Ross")


@pytest.fixture
def season(qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from rapport.services.book import close_book, open_book

    monkeypatch.setenv("RAPPORT_TODAY", "2026-12-07")
    open_book(data_dir)
    settings.update({"signature": "Sam Carter", "home_country": "USA"})
    for i, name in enumerate(NAMES):
        client = clients.create_client(name)
        addresses.set_client_address(
            client.id, PostalAddress((f"{i + 1}00 Market Street",), "Springfield", "IL", "62701")
        )
        facts.add_fact(client.id, "Loves sailing", "interest", ["sailing"])
    dana = clients.resolve("Dana Whitfield").id
    season_cards.log_sent([season_cards.SentCard(dana, "Happy holidays, Dana!")], "holiday")
    yield from shown_window(qtbot, active=True)
    close_book()


def _open(win: Any, qtbot: Any) -> SeasonCardsWindow:
    win.season_cards_action.trigger()
    dialog = win.findChild(SeasonCardsWindow)
    assert isinstance(dialog, SeasonCardsWindow)
    qtbot.addWidget(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_read_edit_skip_and_print_with_envelopes(
    season: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(season, qtbot)
    assert dialog.occasion.currentData() == "holiday"
    assert dialog.count_label.text() == "5 clients chosen"
    qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == READ)
    assert dialog.position_label.text() == "Card 1 of 5 · Anna Berg"
    assert dialog.text.toPlainText().startswith(("Dear Anna,", "Hi Anna,", "Anna,"))
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)  # keep Anna's
    assert "Bob Smith" in dialog.position_label.text()
    qtbot.keyClick(dialog.text, Qt.Key.Key_E)  # edit Bob's
    assert not dialog.text.isReadOnly()
    dialog.text.selectAll()
    qtbot.keyClicks(dialog.text, "Dear Bob, thank you for a great year sailing together. Sam")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Carla Diaz" in dialog.position_label.text()
    qtbot.keyClick(dialog.text, Qt.Key.Key_S)  # skip Carla
    assert dialog.position_label.text() == "Card 4 of 5 · Dana Whitfield · 1 skipped"
    assert dialog.flag_label.isVisible()
    assert "already sent" in dialog.flag_label.text().lower()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert dialog.stack.currentIndex() == PRINT
    assert dialog.summary_label.text() == "4 cards to print, 1 skipped."

    target = tmp_path / "holiday.pdf"
    monkeypatch.setattr(window_module, "ask_pdf_path", lambda *_a: str(target))
    qtbot.mouseClick(dialog.with_envelopes, Qt.MouseButton.LeftButton)
    assert dialog.with_envelopes.isChecked()
    with recorded_commits() as commits:
        qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
        assert dialog.logging and dialog.status.text().endswith("Saving…")  # on the worker
        qtbot.waitUntil(lambda: not dialog.logging)
    assert commits.off_gui >= 1 and commits.on_gui == [], "\n".join(commits.on_gui)
    assert "4 cards and 4 envelopes" in dialog.status.text()
    assert "Each client's history shows “Holiday card sent”" in dialog.status.text()
    reader = pypdf.PdfReader(str(target))
    assert len(reader.pages) == 8  # card, envelope, card, envelope...
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert "thank you for a great year sailing together" in texts[2]
    assert "Bob Smith 200 Market Street" in texts[3]
    assert not any("Carla" in text for text in texts)
    assert target.stat().st_mode & 0o777 == 0o600

    def last(name: str) -> Any:
        return interactions.history(clients.resolve(name).id)[0]

    assert last("Anna Berg").title == "Holiday card sent"
    assert last("Bob Smith").raw_text.startswith("Dear Bob, thank you for a great year")
    assert interactions.history(clients.resolve("Carla Diaz").id) == []
    # Saving again does not log the cards twice.
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.logging)
    assert len(interactions.history(clients.resolve("Anna Berg").id)) == 1


def test_envelopes_refused_naming_the_clients_without_an_address(
    season: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clients.create_client("Zoe Noaddress")
    dialog = _open(season, qtbot)
    dialog.pick.setCurrentIndex(dialog.pick.findData("search"))
    qtbot.keyClicks(dialog.search, "zoe")
    assert dialog.count_label.text() == "1 client chosen"
    qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == READ)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    target = tmp_path / "zoe.pdf"
    monkeypatch.setattr(window_module, "ask_pdf_path", lambda *_a: str(target))
    dialog.with_envelopes.setChecked(True)
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert "No postal address for Zoe Noaddress" in dialog.status.text()
    assert not target.exists()
    assert interactions.history(clients.resolve("Zoe Noaddress").id) == []


def test_two_hundred_clients_draft_in_the_worker_with_progress(season: Any, qtbot: Any) -> None:
    for i in range(195):
        client = clients.create_client(f"Client{i:03d} Many")
        facts.add_fact(client.id, "Plays golf", "interest", ["golf"])
    dialog = _open(season, qtbot)
    assert dialog.count_label.text() == "200 clients chosen"
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible()  # the window is back before the drafting is done
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == READ, timeout=20000)
    assert len(dialog.cards) == 200
    assert len(set(seen)) > 3 and max(seen) == dialog.progress.maximum()
    openings = [card.opening for card in dialog.cards]
    assert all(a != b for a, b in itertools.pairwise(openings))
