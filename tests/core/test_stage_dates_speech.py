"""Stage 7, dates said aloud: the day phrases of dictated and transcribed notes.

Made-up text in no labelled set, in several Englishes (British, Irish, Scottish, Nigerian,
Indian, US South), a table per family.
"""

from __future__ import annotations

from datetime import date

import pytest

from rapport.core.understand.dates.find import find_dates
from rapport.core.understand.speech import spoken_corrections
from tests.core.capture_probe import WED
from tests.core.understood import understand


def _due(text: str, today: date = WED) -> str | None:
    found = [m for m in find_dates(text, today) if m.value is not None]
    return found[0].value.isoformat() if found and found[0].value else None


def _yearly(text: str) -> list[tuple[str, int, int]]:
    return [(d["label"], d["month"], d["day"]) for d in understand(text, WED)["dates"]]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("quote due twenty third of march", "2027-03-23"),
        ("the site visit is third of march", "2027-03-03"),
        ("hand over nineteenth december", "2026-12-19"),
        ("the move is march the third", "2027-03-03"),
        ("deliver december the nineteenth", "2026-12-19"),
        ("deliver December the 19th", "2026-12-19"),
        ("fitting by the twenty third march", "2027-03-23"),
        ("fitting by the 23rd march", "2027-03-23"),
    ],
)
def test_a_day_said_before_or_after_its_month_in_words(text: str, want: str) -> None:
    assert _due(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "the first may be the hardest",  # "may" the modal after an ordinal
        "the 15th may work",
    ],
)
def test_may_the_modal_after_a_day_is_no_month(text: str) -> None:
    assert _due(text) in (None, "2026-11-15", "2026-12-15")  # never a day of May
    assert not (_due(text) or "").startswith("2027-05")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("call round a week on friday", "2026-11-27"),
        ("ring her a fortnight on monday", "2026-12-07"),
        ("back a week today", "2026-11-25"),
        ("drop it over a fortnight tomorrow", "2026-12-03"),
        ("a week from friday", "2026-11-27"),
        ("after boxing day", "2026-12-28"),
        ("sort it before hogmanay", "2026-12-30"),
    ],
)
def test_british_and_irish_days_counted_from_a_day_and_their_holidays(text: str, want: str) -> None:
    assert _due(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "send the quotation by friday itself",
        "send the quotation today itself",
    ],
)
def test_itself_after_a_day_is_part_of_the_day(text: str) -> None:
    mention = next(m for m in find_dates(text, WED) if m.value is not None)
    assert mention.text.endswith("itself")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Kofi Mensah called. His wife Ama turns forty on the third of August.",
            ("birthday", 8, 3),
        ),
        ("kofi mensah called his wife ama turns forty on the third of august", ("birthday", 8, 3)),
        ("Met Lou Park. His son Ben turns sixteen on March 9.", ("birthday", 3, 9)),
        ("Met Lou Park. His son Ben is turning twenty-one on the 4th of May.", ("birthday", 5, 4)),
    ],
)
def test_an_age_said_in_words_on_a_day_is_a_birthday(text: str, want: tuple[str, int, int]) -> None:
    assert want in _yearly(text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Call with Tom Birch, I'll send him the estimate Tuesday, no, Wednesday.",
            [("Send Tom the estimate", "2026-11-25")],
        ),
        (
            "Delivery for Amara Whitfield is Tuesday, no wait, it's Thursday. I'll bring the "
            "leaf extensions then.",
            None,
        ),
        (
            "driving back from the ekwueme job need to order the tile thursday no wait friday",
            [("Order the tile", "2026-11-20")],
        ),
        (
            "Pickup for Lakshmi Raman is Sat the 21st, wait no, Friday the 20th. "
            "Send the proof Friday the 20th.",
            [("Send the proof", "2026-11-20")],
        ),
        (
            "Met Ann Cole, I'll call her at 3pm, no, 4pm tomorrow.",
            [("Call Ann at 4pm", "2026-11-19")],
        ),
        (
            "Met Ann Cole. The fitting is on the twentieth, sorry, the twenty first, "
            "I'll confirm it Monday.",
            None,
        ),
    ],
)
def test_a_day_taken_back_gives_way_to_the_day_said_after_it(
    text: str, want: list[tuple[str, str]] | None
) -> None:
    out = understand(text, WED)
    if want is not None:
        assert [(t["title"], t["due"]) for t in out["tasks"]] == want
    taken_back = ("tuesday", "sat the 21st", "3pm", "the twentieth")
    said = [m.text.lower().strip() for m in find_dates(spoken_corrections(text), WED)]
    assert not any(t in said for t in taken_back)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Ready by Nov 30, actually let's say Dec 4.", "Ready by Dec 4."),
        ("Send him, sorry, send her the forms.", "send her the forms."),
        ("Need to call him, I mean her, tomorrow.", "Need to call her, tomorrow."),
        ("target is the 23rd, no wait, that's a holiday, make it the 30th", "target is the 30th"),
        # not taken back: "no" before something that is no value of the same kind
        ("Met her Monday. No, I have not sent the forms.", None),
        ("Meeting Monday or Tuesday, no rush.", None),
        ("Told her no. Tomorrow I'll send the quote.", None),
        ("Call him Friday, sorry I missed Thursday.", None),
    ],
)
def test_what_the_speaker_took_back_is_blanked(text: str, want: str | None) -> None:
    out = spoken_corrections(text)
    assert len(out) == len(text)
    assert " ".join(out.split()) == (want if want is not None else text)
