"""Note drafts: points restated, a personal touch, first name, signature, varied templates."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest

from rapport import resources
from rapport.core import notes as n
from rapport.core.cards import CARD_SIZES, CardSizeError, layout
from rapport.core.gifts import Taxonomy, parse_taxonomy
from rapport.core.records import Client, Fact, Interaction, Person

TODAY = date(2026, 11, 18)


def _json(name: str) -> dict[str, Any]:
    text = resources.path(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.fixture(scope="module")
def templates() -> n.NoteTemplates:
    return n.parse_templates(_json("note_templates.json"))


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return parse_taxonomy(_json("interests.json"))


BOB = Client(id=1, name="Bob Smith")
JAKE = Person(id=10, client_id=1, name="Jake", relation="son", age=12, age_as_of=TODAY)
LUNCH = Interaction(
    id=5,
    client_id=1,
    kind="meeting",
    happened_at=datetime(2026, 11, 18, 12, 30),
    title="Lunch at Rosa's",
    raw_text="Talked shop. Bob needs delivery by March; worried about lead times.",
    key_points=[
        "Needs delivery by March",
        "Concerned about lead times",
        "Wants pricing for 500 units",
    ],
)
TOURNAMENT = Fact(
    id=7,
    client_id=1,
    text="Jake has a tournament this weekend",
    category="family",
    tags=["baseball"],
    person_id=JAKE.id,
    source_interaction_id=5,
    source_at=datetime(2026, 11, 18, 12, 30),
    created_at=datetime(2026, 11, 18, 13, 0),
)


def draft(templates: n.NoteTemplates, taxonomy: Taxonomy, **kw: Any) -> n.NoteDraft:
    kw.setdefault("interaction", LUNCH)
    kw.setdefault("facts", [TOURNAMENT])
    kw.setdefault("people", [JAKE])
    kw.setdefault("signature", "Sam Carter\nAcme Supply")
    client = kw.pop("client", BOB)
    occasion = kw.pop("occasion", "after_meeting")
    day = kw.pop("today", TODAY)
    return n.compose(templates, taxonomy, client, occasion, day, **kw)


def test_the_draft_restates_points_greets_and_signs(
    templates: n.NoteTemplates, taxonomy: Taxonomy
) -> None:
    note = draft(templates, taxonomy)
    assert note.greeting.rstrip(",").endswith("Bob")
    assert "Smith" not in note.greeting
    assert note.closing.endswith("Sam Carter\nAcme Supply")
    assert note.points == [
        "making sure delivery lands by March",
        "your concerns about lead times",
        "getting you pricing for 500 units",
    ]
    for point in note.points:
        assert point.lower() in note.body.lower()
    for original in LUNCH.key_points:
        assert original not in note.body, "points are restated, not pasted"
    assert "lunch at Rosa's today" in note.body
    assert note.personal_touch is not None
    assert "Jake" in note.personal_touch and "tournament" in note.personal_touch
    assert note.personal_touch in note.body
    assert note.text.startswith(note.greeting) and note.text.endswith(note.closing)
    assert note.notes == []


@pytest.mark.parametrize(
    ("point", "phrase", "kind"),
    [
        ("Needs delivery by March", "making sure delivery lands by March", "promise"),
        ("Send proposal by Friday", "getting the proposal over to you by Friday", "promise"),
        # the one the thing goes to, said after the verb, is the card's reader already
        (
            "Send you a revised quote incl. certification by Friday",
            "getting a revised quote including certification over to you by Friday",
            "promise",
        ),
        (
            "I'll email you the numbers incl. freight by Monday",
            "getting the numbers including freight over to you by Monday",
            "promise",
        ),
        (
            "I'll send pricing by end of month",
            "getting the pricing over to you by the end of the month",
            "promise",
        ),
        ("Follow up next week", "following up next week", "promise"),
        ("Will set up a demo with their CFO", "setting up a demo with your CFO", "promise"),
        ("Concerned about lead times", "your concerns about lead times", "topic"),
        ("Interested in the premium plan", "your interest in the premium plan", "topic"),
        ("Promoted to VP of Sales", "your promotion to VP of Sales", "topic"),
        ("Budget approved for Q1", "the budget being approved for Q1", "topic"),
        (
            "Her daughter starts college in the fall",
            "how your daughter starts college in the fall",
            "topic",
        ),
        ("Expanding to Denver next year", "expanding to Denver next year", "topic"),
        (
            "She is thinking about moving the warehouse to Denver",
            "how you are thinking about moving the warehouse to Denver",
            "topic",
        ),
        ("He's moving to Denver in May", "how you are moving to Denver in May", "topic"),
    ],
)
def test_restating(templates: n.NoteTemplates, point: str, phrase: str, kind: str) -> None:
    assert n.restate(point, templates, BOB, {"Denver", "VP", "CFO"}) == (phrase, kind)


def test_different_clients_get_different_templates(
    templates: n.NoteTemplates, taxonomy: Taxonomy
) -> None:
    ann = Client(id=2, name="Ann Lee")
    one = draft(templates, taxonomy)
    two = draft(templates, taxonomy, client=ann, facts=[], people=[])
    assert one.template != two.template
    assert one.greeting.replace("Bob", "X") != two.greeting.replace("Ann", "X") or (
        one.body.split(".")[0] != two.body.split(".")[0]
    )
    # Deterministic: the same client and day give the same card...
    assert draft(templates, taxonomy).text == one.text
    # ...and the next day, another one.
    assert draft(templates, taxonomy, today=date(2026, 11, 19)).template != one.template


def test_a_meeting_heard_as_facts_only_restates_them(
    templates: n.NoteTemplates, taxonomy: Taxonomy
) -> None:
    coffee = Interaction(
        id=6,
        client_id=1,
        kind="meeting",
        happened_at=datetime(2026, 11, 18, 9, 0),
        title="Coffee with Bob",
        raw_text="Coffee with Bob. He is thinking about moving the warehouse to Ogden.",
    )
    heard = Fact(
        id=8,
        client_id=1,
        text="He is thinking about moving the warehouse to Ogden.",
        category="business",
        source_interaction_id=6,
    )
    note = draft(templates, taxonomy, interaction=coffee, facts=[TOURNAMENT, heard])
    assert note.points == ["how you are thinking about moving the warehouse to Ogden"]
    assert "thinking about moving the warehouse to Ogden" in note.body
    assert not any("no key points" in line for line in note.notes)


def test_every_occasion_has_its_own_opening(templates: n.NoteTemplates, taxonomy: Taxonomy) -> None:
    referral = draft(templates, taxonomy, occasion="referral_thanks", lead="Dana White")
    assert "Dana White" in referral.body
    gift = draft(templates, taxonomy, occasion="gift_thanks", gift="the bottle of olive oil")
    assert "the bottle of olive oil" in gift.body
    belated = draft(templates, taxonomy, occasion="belated", today=date(2026, 12, 2))
    assert "November 18" in belated.body
    congrats = draft(
        templates,
        taxonomy,
        occasion="congratulations",
        interaction=Interaction(
            id=6,
            client_id=1,
            kind="call",
            happened_at=datetime(2026, 11, 17, 9),
            key_points=["Promoted to VP of Sales", "Wants pricing for 500 units"],
        ),
    )
    assert "your promotion to VP of Sales" in congrats.body
    assert congrats.points == ["getting you pricing for 500 units"]
    unknown = draft(templates, taxonomy, occasion="referral_thanks")
    assert "someone in your network" not in unknown.body


def test_an_old_event_is_asked_about_not_wished_for(
    templates: n.NoteTemplates, taxonomy: Taxonomy
) -> None:
    old = Fact(
        id=8,
        client_id=1,
        text="Jake had a piano recital",
        category="family",
        person_id=JAKE.id,
        created_at=datetime(2026, 9, 1, 10),
    )
    touch, _fact = n.personal_touch([old], [JAKE], BOB, templates, taxonomy, TODAY)
    assert touch is not None and "Jake" in touch and "piano recital" in touch
    assert "luck" not in touch.lower()


def test_interest_touch_when_no_event(templates: n.NoteTemplates, taxonomy: Taxonomy) -> None:
    golf = Fact(id=9, client_id=1, text="Plays golf", category="interest", tags=["golf"])
    touch, fact = n.personal_touch([golf], [], BOB, templates, taxonomy, TODAY)
    assert touch and "golf" in touch and fact is golf


def test_client_with_no_facts_gets_a_plain_note(
    templates: n.NoteTemplates, taxonomy: Taxonomy
) -> None:
    note = draft(templates, taxonomy, facts=[], people=[JAKE], interaction=None, signature="")
    assert note.personal_touch is None
    assert note.points == []
    assert any("plain note" in text for text in note.notes)
    assert any("signature" in text for text in note.notes)
    assert note.body and note.closing


def test_card_sizes_in_points() -> None:
    assert (CARD_SIZES["a2"].width, CARD_SIZES["a2"].height) == (306, 396)
    assert (CARD_SIZES["4x6"].width, CARD_SIZES["4x6"].height) == (288, 432)
    assert (CARD_SIZES["5x7"].width, CARD_SIZES["5x7"].height) == (360, 504)
    assert (CARD_SIZES["letter"].width, CARD_SIZES["letter"].height) == (612, 792)
    assert CARD_SIZES["a6"].width == pytest.approx(297.64, abs=0.01)
    assert CARD_SIZES["a6"].height == pytest.approx(419.53, abs=0.01)
    folded = layout("a2", folded=True)
    assert (folded.page_width, folded.page_height) == (612, 396)
    assert folded.text.x > 306, "a folded card's note is on the inside right panel"
    assert folded.text.x + folded.text.width < 612
    with pytest.raises(CardSizeError, match="flat sheet"):
        layout("letter", folded=True)
    with pytest.raises(CardSizeError, match="a2"):
        layout("b5")


def test_meeting_text_leaves_out_who_and_what_from_the_title() -> None:
    from datetime import datetime

    from rapport.core.notes import meeting_text
    from rapport.core.records import Interaction

    def text(title: str) -> str:
        return meeting_text(Interaction(1, 1, "meeting", datetime(2026, 11, 18), title=title))

    assert text("Breakfast with Aisha about the gala") == "breakfast"
    assert text("Lunch at Rosa's with Bob") == "lunch at Rosa's"
    assert text("Coffee w/ Beth") == "coffee"


def test_points_worth_restating_leave_out_reminders_and_trailing_clauses() -> None:
    from rapport.core.notes import pick_points

    points = pick_points(
        [
            "All 40 trucks live by March, Tacoma depot first",
            "Revised pricing due today, training schedule next week",
            "Driver training over the holidays is the main worry",
            "May introduce Linda Park at Cascade Foods",
        ]
    )
    assert points == [
        "All 40 trucks live by March",
        "Driver training over the holidays is the main worry",
    ], "the user's own 'due today' is not for the card; long points make it two, not three"
    assert pick_points(["Needs delivery by March", "Budget approved", "Q1 start"]) == [
        "Needs delivery by March",
        "Budget approved",
        "Q1 start",
    ]


def test_a_signature_with_its_own_sign_off_is_not_signed_off_twice(
    templates: n.NoteTemplates, taxonomy: Taxonomy
) -> None:
    own = draft(templates, taxonomy, signature="Warmly,\nSam")
    assert own.closing == "Warmly,\nSam"
    plain = draft(templates, taxonomy, signature="Sam Rivera")
    assert plain.closing.endswith("\nSam Rivera")
    assert plain.closing.count(",") == 1


@pytest.mark.parametrize(
    ("point", "card_ready"),
    [
        # the client noted by an initial is the client: the point is said to them
        ("B. wants install done by mid-April", True),
        ("B. needs the quote before the board meets", True),
        # anyone else noted by an initial is the note's shorthand: left out of the card
        ("asked J. for the signed order", False),
        ("K. from accounts handles the invoices", False),
        ("the move to St. Louis", True),
        ("the U.S. office opening", True),
    ],
)
def test_a_person_noted_by_an_initial(
    templates: n.NoteTemplates, point: str, card_ready: bool
) -> None:
    phrase, _kind = n.restate(point, templates, BOB, {"St", "Louis", "U.S."})
    assert not phrase.startswith(("B.", "how B."))
    assert n.well_formed(phrase, BOB) is card_ready, phrase
