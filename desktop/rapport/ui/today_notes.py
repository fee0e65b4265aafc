"""Writing the thank-you from Today: the row that asks for a note opens the note window.

A meeting waiting for its thank-you opens the composer on that meeting; a "thank the
referrer" task opens it on the referral thank-you. Marking the card sent closes the row
(services/cards.mark_sent stamps the meeting or the introduction and its task).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget


def note_target(record: Any) -> tuple[int, int | None, str] | None:
    """(client id, meeting id, occasion) for a Today row that asks for a note, else None."""
    from rapport.services.today import ThankYou, TodayTask

    if isinstance(record, ThankYou):
        return record.client_id, record.id, "after_meeting"
    if isinstance(record, TodayTask) and record.task.kind == "thank_referrer":
        if record.task.client_id is None:
            return None
        return record.task.client_id, None, "referral_thanks"
    return None


def write_note(parent: QWidget | None, record: Any) -> Any:
    """Open the note window for ``record``; the card marked sent, or None."""
    from rapport.ui.note_composer import NoteComposer

    target = note_target(record)
    if target is None:
        return None
    client_id, meeting_id, occasion = target
    dialog = NoteComposer(parent, client_id, meeting_id)
    if occasion != "after_meeting":
        index = dialog.occasion.findData(occasion)
        if index >= 0:
            dialog.occasion.setCurrentIndex(index)
    dialog.text.setFocus()
    dialog.exec()
    sent = dialog.sent_card
    dialog.deleteLater()
    return sent
