"""Quick capture by stage (normalise, people, tasks), one table per family of phrasings met on
first contact (issue 16); every row is made up in the family, never a note of a labelled set."""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.understood import understand

TUE = date(2026, 10, 6)


def _titles(text: str) -> list[str]:
    return [t["title"] for t in understand(text, TUE)["tasks"]]


# ---- the other side's action items, given by a dash or an arrow as well as a colon --------------
THEIR_ITEMS = [
    (
        "Kickoff - Dunmore Bakery\nNext steps:\nMe — send the lease comparison by Thurs\n"
        "Them — Rosa sends the floor plan\nThem — Gil signs the NDA",
        ["lease comparison"],
        ["floor plan", "NDA"],
    ),
    (
        "Site visit, Hale Dental (Dr. Ana Hale)\n1. Me - quote for the chairs by 10/9\n"
        "2. Dr. H - pick the install week",
        ["quote for the chairs"],
        ["install week"],
    ),
    (
        "Visit: Corbin Farms (Ada Corbin)\n- me → seed samples, deliver by 10/12\n"
        "- Ada → send me the acreage",
        ["seed samples"],
        ["acreage"],
    ),
    (
        "Claim review, 4 Elm St (Tom Reyes)\n- me: call the adjuster today\n"
        "- insured: receipts for the damaged rugs",
        ["adjuster"],
        ["receipts"],
    ),
    (
        "Notes 10/5 - Pike residence (Lena Pike)\n- Me: revised drawings by 10/20\n"
        "- Lena/Omar: confirm the window sizes",
        ["revised drawings"],
        ["window sizes"],
    ),
]


@pytest.mark.parametrize(("note", "mine", "theirs"), THEIR_ITEMS)
def test_the_other_sides_items_are_not_the_users(
    note: str, mine: list[str], theirs: list[str]
) -> None:
    titles = " | ".join(_titles(note)).lower()
    for words in mine:
        assert words.lower() in titles, titles
    for words in theirs:
        assert words.lower() not in titles, titles


# ---- a list item marked done is not a to-do -----------------------------------------------------
DONE_ITEMS = [
    (
        "Visit w/ Nora Quist @ Quist Wines\n✔ reset the Rioja shelf\n- club proposal by Fri",
        "Rioja",
    ),
    ("Call w/ Ben Ola\n[x] samples sent\n- call Ben back Thursday", "samples"),
    ("Mtg w/ Iris Vane\n✓ staff tasting done\n- price sheet to Iris by 10/9", "tasting"),
]


@pytest.mark.parametrize(("note", "done"), DONE_ITEMS)
def test_a_done_item_is_not_a_task(note: str, done: str) -> None:
    titles = _titles(note)
    assert titles, "the open item is still a task"
    assert not any(done.lower() in t.lower() for t in titles), titles


# ---- the user's chat replies are promises only when they say one --------------------------------
REPLIES = [
    (
        "Texts w/ Kay Moss:\nKay: my son made the team!!\nMe: that's awesome, go Theo!\n"
        "Kay: can you send the renewal forms?\nMe: yes, I'll send them tonight",
        ["renewal forms"],
    ),
    (
        "Texts w/ Lou Park:\nLou: we bought a cabin lol\nMe: congrats!! what kind?\n"
        "Lou: log cabin on the lake\nMe: noted",
        [],
    ),
    (
        "Chat w/ Al Cruz:\nAl: my guy fell, he's ok\nMe: glad he's ok\nAl: thx\n"
        "Me: wouldn't miss it",
        [],
    ),
    (
        "WhatsApp - Ida Roe\nIda: the font is too thin\nMe: no problem, revised proof - Thu 3pm\n"
        "Ida: ok",
        ["proof"],
    ),
]


@pytest.mark.parametrize(("note", "promised"), REPLIES)
def test_a_chat_reply_is_a_promise_only_when_it_says_one(note: str, promised: list[str]) -> None:
    titles = _titles(note)
    assert len(titles) == len(promised), titles
    for words, title in zip(promised, titles, strict=True):
        assert words in title.lower() or words in title, titles


# ---- normalise: punctuation dictated as words ---------------------------------------------------
SPOKEN = [
    (
        "met with lena ortiz period i need to send her the quote by friday period",
        ["Send Lena the quote"],
    ),
    ("call with omar haddad comma he wants a demo period i'll book it for tuesday", ["Book"]),
]


@pytest.mark.parametrize(("note", "titles"), SPOKEN)
def test_punctuation_said_as_words_ends_the_clause(note: str, titles: list[str]) -> None:
    got = _titles(note)
    assert not any("period" in t or "comma" in t for t in got), got
    for title in titles:
        assert any(t.startswith(title) for t in got), got


def test_a_period_of_time_stays_a_word() -> None:
    from rapport.core.understand.text import quiet_fillers

    for text in ("the trial period ends in may", "what period of time", "a grace period"):
        assert quiet_fillers(text) == text


# ---- people: a dictated list of names without commas --------------------------------------------
DICTATED_LISTS = [
    (
        "met with rafael cruz they got three kids isabel mateo and the baby nico i need to call",
        ["Isabel", "Mateo", "Nico"],
    ),
    ("lunch with bob smith his kids jake and emma play soccer", ["Jake", "Emma"]),
    ("saw dana webb her boys liam noah and ethan all play hockey", ["Liam", "Noah", "Ethan"]),
]


@pytest.mark.parametrize(("note", "names"), DICTATED_LISTS)
def test_every_name_of_a_dictated_list(note: str, names: list[str]) -> None:
    people = [p["name"] for p in understand(note, TUE)["people"]]
    assert people == names


# ---- people: family words typed on a phone ------------------------------------------------------
PHONE_FAMILY = [
    ("Dee called - order late. her + hubs Carl off to Rome 5/20.", ("Carl", "husband")),
    ("Mia R - 3 listings. her + bf Anil into tango.", ("Anil", "partner")),
    ("Sean - slammed today. his mam Bridie (88) in from Cork.", ("Bridie", "mother")),
    # shorthand plurals typed with a lower-case "s", and a name that is also a word
    ("Omar K - renewal Fri. DSs Zaid & Sami both at camp.", ("Sami", "son")),
    ("Trish L - site walk. DDs Nell + Ivy in town.", ("Ivy", "daughter")),
    ("Kay P - lunch. DS Will both weekends at the rink.", ("Will", "son")),
    ("Raj M. - pricing ok. his GF Lena is a dentist.", ("Lena", "partner")),
]

# the same letters that are not family: gluten-free, due diligence
NOT_PHONE_FAMILY = [
    "Booked the GF menu for the Tuesday lunch with Raj Mehta.",
    "Dan Price - the GF options at the venue were fine.",
]


@pytest.mark.parametrize("note", NOT_PHONE_FAMILY)
def test_shorthand_without_a_name_is_not_family(note: str) -> None:
    assert understand(note, TUE)["people"] == []


@pytest.mark.parametrize(("note", "person"), PHONE_FAMILY)
def test_family_words_typed_on_a_phone(note: str, person: tuple[str, str]) -> None:
    people = [(p["name"], p["relation"]) for p in understand(note, TUE)["people"]]
    assert person in people


# ---- dates: today and tonight typed on a phone --------------------------------------------------
@pytest.mark.parametrize(
    ("note", "title"),
    [
        ("Bev - send the fabric samples 2day", "Send the fabric samples"),
        ("call her 2nite", "Call her"),
    ],
)
def test_today_typed_on_a_phone(note: str, title: str) -> None:
    assert (title, TUE.isoformat()) in [
        (t["title"], t["due"]) for t in understand(note, TUE)["tasks"]
    ]


# ---- tasks: an arrow, typed or as a symbol, points an item to its deadline ----------------------
ARROW_DEADLINES = [
    ("Next steps:\n- send revised floor plan → Fri\n- book the crane", "Fri", "2026-10-09"),
    ("Todo:\n- fax the lien waiver -> Thurs", "Thurs", "2026-10-08"),
    ("Omar P - renewal. call him back -> 10/14", "10/14", "2026-10-14"),
]


@pytest.mark.parametrize(("note", "said", "due"), ARROW_DEADLINES)
def test_a_date_after_an_arrow_is_the_items_deadline(note: str, said: str, due: str) -> None:
    tasks = understand(note, TUE)["tasks"]
    assert tasks[0]["due"] == due, said
    assert said not in tasks[0]["title"]


# ---- tasks: a thing wanted back by a day is the user's to send back ------------------------------
@pytest.mark.parametrize(
    ("note", "title", "due"),
    [
        ("Ann Lee wants the signed SOW back by Tuesday", "Send the signed SOW back", "2026-10-13"),
        ("Matt G. - MSA redline back to him by Wed.", "Send MSA redline back", "2026-10-07"),
    ],
)
def test_a_thing_wanted_back_by_a_day(note: str, title: str, due: str) -> None:
    assert (title, due) in [(t["title"], t["due"]) for t in understand(note, TUE)["tasks"]]


def test_calling_back_is_not_sending_back() -> None:
    assert _titles("Call w/ Jo Kim. she will call me back by Friday") == []


# ---- tasks: a short answer gives the request its day; well-wishes are not tasks ------------------
def test_a_short_answer_dates_the_request() -> None:
    note = (
        "Texts w/ Dr. Mia Beck\nDr. Beck: can you also send the CE course info for my PA?\n"
        "Me: yes, tonight\nDr. Beck: thx"
    )
    assert [(t["title"], t["due"]) for t in understand(note, TUE)["tasks"]] == [
        ("Send the CE course info for my PA", TUE.isoformat())
    ]


@pytest.mark.parametrize("wish", ["Give my best to Helen.", "Say hi to the kids for me!"])
def test_well_wishes_in_a_message_are_not_tasks(wish: str) -> None:
    note = f"To: Walt Osterman\nWalt, thanks for lunch. I'll send the deck by Friday.\n\n{wish}"
    assert _titles(note) == ["Send the deck"]


def test_in_ten_minutes_is_today() -> None:
    note = "Al: what do I do\nMe: I'll email you the injury form in 10 min\nAl: thx\nMe: ok"
    assert [t["due"] for t in understand(note, TUE)["tasks"]] == [TUE.isoformat()]
