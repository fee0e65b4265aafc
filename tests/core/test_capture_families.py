"""Quick capture, one table per family of phrasings (issue 16): each row is a made-up note in
the family, never a note of a labelled set, so that the sets keep measuring first contact."""

from __future__ import annotations

from datetime import date

import pytest

from rapport.core.understand.dates.find import find_dates
from rapport.core.understand.interests import find_interests
from rapport.core.understand.mentions import first_names
from rapport.core.understand.text import (
    chat_turns,
    is_lower_note,
    pronoun_i,
    sentences,
    split_dictation,
)
from tests.core.understood import understand

TUE = date(2026, 10, 6)


def _titles(text: str, today: date = TUE) -> list[tuple[str, str | None]]:
    return [(t["title"], t["due"]) for t in understand(text, today)["tasks"]]


# ---- normalise: the pronoun "i" of a dictated note ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("i need to send it", "I need to send it"),
        (
            "i'll call him and i'd say i've got it, i'm sure",
            "I'll call him and I'd say I've got it, I'm sure",
        ),
        ("see i.e. the memo", "see i.e. the memo"),
        ("wifi is down", "wifi is down"),
        ("plan (i) and (ii)", "plan (I) and (ii)"),
    ],
)
def test_pronoun_i_is_capitalised_same_length(text: str, want: str) -> None:
    assert pronoun_i(text) == want
    assert len(pronoun_i(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "lower"),
    [
        ("talked to gus I need to call him", True),
        ("I'll send it, i'd say", True),
        ("Talked to Gus", False),
        ("called ACME", False),
    ],
)
def test_a_note_saying_I_is_still_a_lower_case_note(text: str, lower: bool) -> None:
    assert is_lower_note(text) is lower


@pytest.mark.parametrize(
    ("note", "keyword", "due"),
    [
        (
            "talked to gus moreno i should send him the warranty forms by wednesday",
            "warranty",
            "2026-10-07",
        ),
        ("met with nadia lopez i'll email her the price list tomorrow", "price list", "2026-10-07"),
        (
            "coffee w sam o'hara i gotta get him the renewal numbers by friday",
            "renewal",
            "2026-10-09",
        ),
        ("saw rita grant i have to mail her the signed lease by thursday", "lease", "2026-10-08"),
    ],
)
def test_dictated_first_person_promises_are_tasks(note: str, keyword: str, due: str) -> None:
    found = _titles(note)
    assert any(keyword in title.lower() and d == due for title, d in found), found


# ---- normalise: run-on dictation split into clauses ------------------------------------------
def _clauses(text: str) -> list[str]:
    split = split_dictation(pronoun_i(text), first_names())
    assert len(split) == len(text)
    return [s.text for s in sentences(split)]


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        (
            "visited the shop with nora she wants the large display "
            "i need to send the quote by monday",
            [
                "visited the shop with nora",
                "she wants the large display",
                "I need to send the quote by monday",
            ],
        ),
        (
            "lunch with omar his wife dina runs a bakery omar plays squash every week",
            ["lunch with omar", "his wife dina runs a bakery", "omar plays squash every week"],
        ),
        (
            "met walt on site he said he'll check with the board so i'm waiting on that",
            ["met walt on site", "he said he'll check with the board", "so I'm waiting on that"],
        ),
        (
            "it's due the nineteenth coach rick is a big hunter",
            ["it's due the nineteenth", "coach rick is a big hunter"],
        ),
        (
            "she told me that she loves the one i picked",
            ["she told me that she loves the one I picked"],
        ),
    ],
)
def test_run_on_dictation_is_split_where_a_subject_starts_a_clause(
    text: str, clauses: list[str]
) -> None:
    assert _clauses(text) == clauses


def test_a_typed_note_with_capitals_is_not_split() -> None:
    text = "Met Nora she wants the display I need to send the quote"
    assert split_dictation(text, first_names()) == text


@pytest.mark.parametrize(
    ("note", "keyword", "interest"),
    [
        (
            "dropped by to see lena ross she wants the bigger unit lena's a big sailor "
            "i need to send the specs by friday",
            "specs",
            "sailing",
        ),
        (
            "call with tom baker i owe him the renewal quote by monday "
            "tom is really into fly fishing",
            "renewal",
            "fly fishing",
        ),
    ],
)
def test_dictated_task_stops_where_the_next_clause_starts(
    note: str, keyword: str, interest: str
) -> None:
    out = understand(note, TUE)
    titles = [t["title"].lower() for t in out["tasks"]]
    assert any(keyword in t for t in titles), titles
    assert not any(interest.split()[0] in t for t in titles), titles
    tags = [tag for f in out["facts"] for tag in f["tags"]]
    assert interest in tags, tags


# ---- dates: days of the month said in words ----------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "want"),
    [
        ("ship it by october fifteenth", date(2026, 10, 15)),
        ("get it to him by the twenty seventh", date(2026, 10, 27)),
        ("by wednesday the fourteenth", date(2026, 10, 14)),
        ("call on the thirtieth", date(2026, 10, 30)),
        ("by december first", date(2026, 12, 1)),
        ("due june ninth", date(2027, 6, 9)),
        ("the layout by christmas eve", date(2026, 12, 24)),
        ("the quote before the fourth of july", date(2027, 7, 3)),
        ("on new year's eve", date(2026, 12, 31)),
    ],
)
def test_spelled_out_days_are_dates(phrase: str, want: date) -> None:
    found = [d for d in find_dates(phrase, TUE) if d.value is not None]
    assert found and found[-1].value == want, found
    assert phrase.endswith(found[-1].text.split()[-1])  # the date ends with its words


@pytest.mark.parametrize(
    "phrase",
    ["the first thing i do", "take a second look", "on the third floor", "the first of many"],
)
def test_ordinal_words_that_are_not_days(phrase: str) -> None:
    assert not [d for d in find_dates(phrase, TUE) if d.kind == "day" and d.value is not None]


@pytest.mark.parametrize(
    ("note", "label", "month", "day"),
    [
        ("met ann cole her birthday is march twenty second", "birthday", 3, 22),
        ("saw joe park his anniversary is june ninth", "anniversary", 6, 9),
    ],
)
def test_spelled_out_yearly_dates(note: str, label: str, month: int, day: int) -> None:
    dates = understand(note, TUE)["dates"]
    assert any(d["label"] == label and d["month"] == month and d["day"] == day for d in dates), (
        dates
    )


# ---- tasks: pasted text threads ("Name: message", "Me: ...") -------------------------------------
@pytest.mark.parametrize(
    ("thread", "want", "not_wanted"),
    [
        (
            "Texts w/ Pat Lowe:\nPat: the gate sensor is beeping again\n"
            "Me: ugh, I'll send someone out tomorrow\nPat: ok. I'll leave the side door open\n"
            "Me: haha perfect. good luck at the bake sale sat",
            [("send someone", "2026-10-07")],
            ["ugh", "haha", "bake sale", "side door"],
        ),
        (
            "Chat with Omar Haddad\nOmar Haddad: loved the demo\n"
            "Omar Haddad: can you send the pricing sheet by friday?\n"
            "Me: of course! sounds good\nOmar Haddad: I'll share it with my team tonight",
            [("pricing sheet", "2026-10-09")],
            ["of course", "share it", "sounds good"],
        ),
    ],
)
def test_thread_turns_who_says_what(
    thread: str, want: list[tuple[str, str]], not_wanted: list[str]
) -> None:
    found = _titles(thread)
    for keyword, due in want:
        assert any(keyword in t.lower() and d == due for t, d in found), found
    for words_ in not_wanted:
        assert not any(words_ in t.lower() for t, _ in found), found


def test_a_note_with_one_label_line_is_no_thread() -> None:
    text = "Client: Rosa Diaz\nNeeds: new roof\nMe: quote by Friday"
    assert chat_turns(text) == (text, [], [])


# ---- tasks: action items with owners, a date after a dash --------------------------------------
@pytest.mark.parametrize(
    ("note", "want", "not_wanted"),
    [
        (
            "Review with Dana Kerr\nAction items:\n"
            "ME: renewal deck - Fri; pricing sheet - by 10/14\n"
            "Them: Dana to send the usage data; legal to review the MSA",
            [("renewal deck", "2026-10-09"), ("pricing sheet", "2026-10-14")],
            ["usage data", "msa"],
        ),
        (
            "Kickoff w/ Lee Park\nNext steps:\n- me: send the SOW - Thurs\n"
            "- Lee: sign the NDA by 10/9\n"
            "- Jeff: loop in procurement",
            [("sow", "2026-10-08")],
            ["nda", "procurement"],
        ),
        (
            "Demo for Ana Cruz\nNext steps:\n1. trial agreement to Ana - 10/12\n"
            "2. Dr. Ruiz to check with his accountant\n3. follow up call next week",
            [("trial agreement", "2026-10-12")],
            ["accountant"],
        ),
    ],
)
def test_action_items_with_owners(
    note: str, want: list[tuple[str, str]], not_wanted: list[str]
) -> None:
    found = _titles(note)
    for keyword, due in want:
        assert any(keyword in t.lower() and d == due for t, d in found), found
    for words_ in not_wanted:
        assert not any(words_ in t.lower() for t, _ in found), found


@pytest.mark.parametrize(
    "note",
    [
        "Wants a bulk quote on the units - send by Friday.",
        "Need to send the renewal paperwork Friday.",
        "Promised to send the ROI deck Friday.",
    ],
)
def test_dashes_and_capitalised_verbs_keep_the_users_task(note: str) -> None:
    assert any(d == "2026-10-09" for _, d in _titles(note)), _titles(note)


# ---- tasks: a request put to "you" in an e-mail --------------------------------------------------
@pytest.mark.parametrize(
    ("email", "keyword", "due"),
    [
        (
            "Hi Sam,\nCan you send the signed lease to our attorney by Friday?\nThanks,\nRia Shah",
            "signed lease",
            "2026-10-09",
        ),
        ("Hello,\nCould you also quote the extended warranty?\nBest,\nTom Hale", "warranty", None),
        (
            "Hi,\nOur dock closes at 3 so please confirm a delivery slot by tomorrow.\nJo Park",
            "delivery slot",
            "2026-10-07",
        ),
        (
            "Writing for Mr. Lane - he asked if you could call him Friday about the renewal.",
            "call him",
            "2026-10-09",
        ),
    ],
)
def test_requests_made_to_you_are_tasks(email: str, keyword: str, due: str | None) -> None:
    found = _titles(email)
    assert any(keyword in t.lower() and d == due for t, d in found), found


@pytest.mark.parametrize(
    "email",
    [
        "Hi Sam,\nPlease copy my paralegal on everything.\nThanks,\nRia",
        "Text from Jo: can u get it there by Sun night?",
        "Peter asked if we could look at his policy.",
    ],
)
def test_courtesies_and_unresolved_requests_are_not_tasks(email: str) -> None:
    assert _titles(email) == []


# ---- people: phone shorthand for family ("DD Hannah (8)", "DGS Cody") ------------------------
@pytest.mark.parametrize(
    ("note", "want"),
    [
        ("Mtg w/ Ann Roy. DD Hannah (8), DS Ben (5).", [("Hannah", "daughter"), ("Ben", "son")]),
        ("Call w/ Bo Lind. DD Greta getting married in June.", [("Greta", "daughter")]),
        ("Trip for Pat Dunn - DGD Mia (6) is the flower girl.", [("Mia", "granddaughter")]),
        ("Visit w/ Wes Carr. DGS Cody wants to learn drones.", [("Cody", "grandson")]),
        ("Call w/ Jo Kerr. DW Trish expecting in April.", [("Trish", "wife")]),
    ],
)
def test_family_shorthand_with_a_name(note: str, want: list[tuple[str, str]]) -> None:
    people = [(p["name"], p["relation"]) for p in understand(note, TUE)["people"]]
    for person in want:
        assert person in people, people


@pytest.mark.parametrize(
    "note", ["Call w/ Bo Lind. DD on the deal by Friday.", "Ann Roy - DS call re: DD findings"]
)
def test_shorthand_without_a_name_is_not_family(note: str) -> None:
    assert understand(note, TUE)["people"] == []


# ---- client: a couple named together, a title before the name --------------------------------
@pytest.mark.parametrize(
    ("note", "client"),
    [
        ("Showroom visit: Greg + Carla Novak. looking at a 6-seater.", "Greg Novak"),
        ("Est. for Jim & Barb Kowal - 300 ft cedar fence.", "Jim Kowal"),
        ("had lunch with bill and donna kowalski about the shop", "Bill Kowalski"),
        ("Site visit - the Parkers (Tim + Joy), roof array.", "Tim Parker"),
        ("Linen svc - Mr. & Mrs. Patel (Ravi + Sunita), two motels.", "Ravi Patel"),
        ("Atty Rachel Goldberg (Goldberg & Finch) - 3 depos next wk", "Rachel Goldberg"),
        ("New lead: Fr. Tom Kiernan (St. Agnes), 3 windows.", "Tom Kiernan"),
    ],
)
def test_client_of_a_couple_or_after_a_title(note: str, client: str) -> None:
    assert understand(note, TUE)["client"]["name"] == client


@pytest.mark.parametrize(
    ("note", "spouse"),
    [
        ("Showroom visit: Greg + Carla Novak. looking at a 6-seater.", ("Carla", "wife")),
        ("Group chat w/ Shannon and Mark Delaney about the panels", ("Mark", "husband")),
        # no name says which: the other half is a partner (the contract's word for either)
        ("Met Jordan & Casey Lee at the expo", ("Casey", "partner")),
    ],
)
def test_a_couples_spouse_when_the_names_say_it(note: str, spouse: tuple[str, str] | None) -> None:
    people = [(p["name"], p["relation"]) for p in understand(note, TUE)["people"]]
    assert (spouse in people) if spouse else people == []


def test_mr_and_mrs_says_the_spouse_is_a_wife() -> None:
    people = understand("Linen svc - Mr. & Mrs. Patel (Ravi + Sunita), two motels.", TUE)["people"]
    assert ("Sunita", "wife") in [(p["name"], p["relation"]) for p in people]


# ---- pasted e-mails: who wrote it, whom it is about, whose family ------------------------------
_USERS_RECAP = (
    "Hi Nora,\n\nGreat seeing you today! Hope your son Eli's recital goes well.\n"
    "As promised, I'll send the revised quote by Friday.\n\nBest,\nSam Ortiz\nOrtiz Supply"
)
_CLIENTS_ASK = (
    "Hi Sam,\n\nCan you send the signed lease by Friday? My husband Raj wants to read it first.\n"
    "\nThanks,\nNora Vance\nOffice Manager, Vance Dental"
)
_FROM_HEADER = (
    "From: Lena Cho <lena@cho.com>\nSubject: next steps\n\nHello,\n"
    "Please confirm the install date by tomorrow. Our daughter Mia starts college in the fall!\n"
)
_ON_BEHALF = (
    "Hi there,\nWriting on behalf of Mr. Dale Rusk - he asked if you could call him Friday.\n"
    "\nThank you,\nJo Pike\nOffice Manager"
)


@pytest.mark.parametrize(
    ("email", "client", "inbound", "person"),
    [
        (_USERS_RECAP, "Nora", None, ("Eli", "son")),
        (_CLIENTS_ASK, "Nora Vance", "email", ("Raj", "husband")),
        (_FROM_HEADER, "Lena Cho", "email", ("Mia", "daughter")),
        (_ON_BEHALF, "Dale Rusk", "email", None),
    ],
)
def test_pasted_email_author_client_and_family(
    email: str, client: str, inbound: str | None, person: tuple[str, str] | None
) -> None:
    out = understand(email, TUE)
    assert out["client"]["name"] == client
    assert (out["inbound"] or {}).get("channel") == inbound
    if person is not None:
        assert person in [(p["name"], p["relation"]) for p in out["people"]]


def test_the_users_own_family_stays_out_of_a_typed_note() -> None:
    out = understand("Lunch w/ Nora Vance. My son Eli has a recital too.", TUE)
    assert "Eli" not in [p["name"] for p in out["people"]]


def test_a_thread_turn_speaks_for_its_sender() -> None:
    thread = (
        "Texts w/ Tony Russo:\nTony: the walk-in is warm again\n"
        "Me: I'll send a tech tomorrow\nTony: thanks. my wife Angela says hi"
    )
    people = understand(thread, TUE)["people"]
    assert ("Angela", "wife") in [(p["name"], p["relation"]) for p in people]


# ---- tasks: a phone note's verbless to-do ("quote pls by Thurs", "demo link to Tim tmrw") -------
@pytest.mark.parametrize(
    ("note", "keyword", "due"),
    [
        ("Mtg w/ Ana Ruiz. quote pls by Thurs.", "quote", "2026-10-08"),
        ("Mtg w/ Ana Ruiz. lease draft by Fri pls.", "lease draft", "2026-10-09"),
        ("Mtg w/ Ana Ruiz. rate sheet + avails pls by Thurs", "rate sheet", "2026-10-08"),
        (
            "Site visit w/ Ana Ruiz. HOA packet to Joy by Fri, demo link to Ana tmrw",
            "demo link",
            "2026-10-07",
        ),
    ],
)
def test_verbless_phone_todos(note: str, keyword: str, due: str) -> None:
    found = _titles(note)
    assert any(keyword in t.lower() and d == due for t, d in found), found


@pytest.mark.parametrize(
    "note",
    [
        "Call w/ Ana Ruiz. Huge Packers fan, going to Lambeau next month.",
        "Call w/ Ana Ruiz. Their 3PL contract ends 8/31.",
        "Call w/ Ana Ruiz. List date 1/8, photos done.",
    ],
)
def test_dated_facts_are_not_phone_todos(note: str) -> None:
    assert _titles(note) == []


# ---- client: a company or a place named before the person -------------------------------------
@pytest.mark.parametrize(
    ("note", "client"),
    [
        ("Stopped by Black Lotus Tattoo, saw Vinnie Caruso. needs 2 machines.", "Vinnie Caruso"),
        ("Tour @ Willow Creek Barn - Kayla Brooks + fiance Marcus, Sat 9/11.", "Kayla Brooks"),
        (
            "Walkthru @ Jefferson Elem w/ facilities dir Ron Baptiste. tile in 2 wings",
            "Ron Baptiste",
        ),
        (
            "Kickoff - Greenfield Cold Storage rooftop solar\n"
            "Attendees: Marco Reyes (ops director), Priya Shah (CFO), me\n- 400 kW array",
            "Marco Reyes",
        ),
        (
            "Best leads were Earl Whitcomb (compact tractor) and Becky Sorensen (dairy)",
            "Earl Whitcomb",
        ),
    ],
)
def test_the_person_not_the_place_is_the_client(note: str, client: str) -> None:
    assert understand(note, TUE)["client"]["name"] == client


# ---- introductions: who sent the client to the user ---------------------------------------------
@pytest.mark.parametrize(
    ("note", "client", "referrer"),
    [
        (
            "nina cole called she got my name from jim okafor she runs a dairy",
            "Nina Cole",
            "Jim Okafor",
        ),
        (
            "lisa brandt from the parks dept sent me her way so this is about rosa vidal who runs "
            "the hoa",
            "Rosa Vidal",
            "Lisa Brandt",
        ),
        (
            "Discovery call - Tamika Ross. Greg Hall (our franchisee) sent her my way.",
            "Tamika Ross",
            "Greg Hall",
        ),
        (
            "New lead: Ann Ortiz. We got your name from our friends Kate Marsh.",
            "Ann Ortiz",
            "Kate Marsh",
        ),
    ],
)
def test_the_client_was_sent_by_someone(note: str, client: str, referrer: str) -> None:
    out = understand(note, TUE)
    assert out["client"]["name"] == client
    assert [(i["name"], i["referrer"]) for i in out["introductions"]] == [(client, referrer)]


# the same said tersely on a phone: the referrer left out (the client) or a pronoun
@pytest.mark.parametrize(
    ("note", "intro"),
    [
        (
            "Dana @ the mill - order late. sent her my way: Nora Quinn, florist -> call Nora Fri.",
            ("Nora Quinn", "Dana"),
        ),
        ("Jo Park - she sent him my way - Raul Ortiz, roofer.", ("Raul Ortiz", "Jo Park")),
        (
            "new: Ada Voss, Tom K's cousin. he sent her my way. runs 3 gyms.",
            ("Ada Voss", "Tom"),
        ),
    ],
)
def test_a_terse_sent_my_way(note: str, intro: tuple[str, str]) -> None:
    out = understand(note, TUE)
    assert [(i["name"], i["referrer"]) for i in out["introductions"]] == [intro]


def test_a_dictated_introduction_to_someone_named_once() -> None:
    out = understand("coffee with dmitri volkov he intro'd me to his cousin anya downtown", TUE)
    assert [i["name"] for i in out["introductions"]] == ["Anya"]


# ---- people: a dictated name the first-name list lacks, after a family word --------------------
@pytest.mark.parametrize(
    ("note", "person"),
    [
        ("voicemail from earl dobbs his wife mae's in the hospital", ("Mae", "wife")),
        ("met the brothers pieter's wife ilse makes amazing cookies", ("Ilse", "wife")),
        (
            "talked to ruth ellis her granddaughter kaylee rides every day",
            ("Kaylee", "granddaughter"),
        ),
    ],
)
def test_dictated_family_name_said_to_do_something(note: str, person: tuple[str, str]) -> None:
    people = [(p["name"], p["relation"]) for p in understand(note, TUE)["people"]]
    assert person in people, people


def test_an_everyday_word_after_a_family_word_is_no_name() -> None:
    people = understand("talked to ruth ellis her son really likes the new truck", TUE)["people"]
    assert [(p["name"], p["relation"]) for p in people] == [(None, "son")]


# ---- tasks: what is said to someone is no to-do ------------------------------------------------
@pytest.mark.parametrize(
    ("note", "not_wanted"),
    [
        (
            "Hi Ana,\nThank you for meeting with me today. I'll send the quote by Friday.\n"
            "Best,\nSam Ortiz",
            "thank you",
        ),
        (
            "Hi there,\nWriting on behalf of Mr. Dale Rusk - please call him Friday.\n"
            "Thank you,\nJo Pike",
            "thank you",
        ),
        (
            "Fwd: intro\nHi both,\nAna, meet Sam Ortiz - Sam's team did our roof.\n"
            "I'll let you two take it from here!\nMark",
            "meet",
        ),
        (
            "Fwd: intro\nFrom: Mark Lee\nHi both,\nAna, meet Sam Ortiz - Sam's team did our roof.\n"
            "I'll let you two take it from here!\nMark",
            "take it from here",
        ),
        ("Text thread w/ Ana Ruiz:\nAna: ok\nMe: I'll call you tomorrow\nAna: thanks", "thread"),
    ],
)
def test_words_said_to_someone_are_not_tasks(note: str, not_wanted: str) -> None:
    assert not any(not_wanted in t.lower() for t, _ in _titles(note)), _titles(note)


@pytest.mark.parametrize(
    ("note", "keyword", "due"),
    [
        (
            "Me: let me check with our events manager and get back to you tomorrow",
            "events manager",
            "2026-10-07",
        ),
        (
            "Mtg w/ Ana Ruiz. I'll call the utility tomorrow and update you.",
            "utility",
            "2026-10-07",
        ),
    ],
)
def test_getting_back_closes_the_task_before(note: str, keyword: str, due: str) -> None:
    found = _titles(note)
    assert len(found) == 1 and keyword in found[0][0].lower() and found[0][1] == due, found


def test_a_thank_you_card_is_still_a_task() -> None:
    assert any(
        "thank you card" in t.lower()
        for t, _ in _titles("Met Ana Ruiz. Send her a thank you card.")
    )


# ---- interests: a business's or a job's name is no hobby; everyday phrasings -------------------
@pytest.mark.parametrize(
    "note",
    [
        "Pro desk - Marisol Vega (Vega Painting LLC). 200 gal exterior.",
        "dropped by the wine and cheese shop on main to see bea lamont",
        "Sprinkler redesign - Golf course supt Ray Nakamura, 18 holes.",
    ],
)
def test_a_trade_name_is_no_interest(note: str) -> None:
    assert [t for f in understand(note, TUE)["facts"] for t in f["tags"]] == []


@pytest.mark.parametrize(
    ("phrase", "tag"),
    [
        ("DD Hannah (8) horse crazy", "horses"),
        ("Junior drag races a '69 Camaro", "auto racing"),
        ("Ron is a gumbo cook-off champ", "cooking"),
        ("Fr. Tom plays bagpipes", "music"),
        ("her granddaughter barrel races", "rodeo"),  # its own tag since pastimes.json
        ("he does agility trials with them", "dog agility"),
        ("doing the Tour du Mont Blanc in July", "hiking"),
    ],
)
def test_everyday_hobby_phrasings(phrase: str, tag: str) -> None:
    # the tag or a broader one of it (the lexicon's own tags sit under the catalogue's)
    assert tag in [t for m in find_interests(phrase) for t in m.tags]


# ---- tasks: a request put to the user by the note; a time said before the user speaks ----------
@pytest.mark.parametrize(
    ("note", "keyword", "due"),
    [
        ("Met Gina Rossi. She asked me to set up a call with our CTO.", "call with our cto", None),
        (
            "Met Gina Rossi. Gina asked me to send the price list by Friday.",
            "price list",
            "2026-10-09",
        ),
        (
            "Met Gina Rossi. She wants me to put together a price for the scaffolding and said "
            "she'd send the drawings tonight.",
            "scaffolding",
            None,
        ),
        (
            "Met Gina Rossi. First thing tomorrow I need to check with dispatch.",
            "dispatch",
            "2026-10-07",
        ),
        ("Met Gina Rossi. Tomorrow I'll call the lab about the samples.", "lab", "2026-10-07"),
    ],
)
def test_asked_of_the_user_and_fronted_dates(note: str, keyword: str, due: str | None) -> None:
    found = _titles(note)
    assert any(keyword in t.lower() and d == due for t, d in found), found
    assert not any("drawings" in t.lower() for t, _ in found), found


def test_a_request_the_note_restates_is_one_task() -> None:
    note = (
        "Check-in w/ Laura Benson. Asked me to intro her to a good CPA -> intro her to Mark Feld."
    )
    assert len(_titles(note)) == 1, _titles(note)


@pytest.mark.parametrize(
    "note",
    [
        "Met Gina Rossi. She'll send the drawings tonight.",
        "Met Gina Rossi. she said she'd send over the drawings tonight",
        "Met Gina Rossi. He said they'll email the floor plan by Friday.",
    ],
)
def test_the_clients_own_promise_is_not_a_task(note: str) -> None:
    assert _titles(note) == []


def test_a_dictated_time_before_the_user_speaks_dates_the_clause_after_it() -> None:
    note = (
        "got a call from rick sosa he wanted the rate sheet but i told him not until i confirm "
        "with dispatch so first thing tomorrow i need to check with dispatch on availability"
    )
    found = _titles(note)
    assert ("Check with dispatch on availability", "2026-10-07") in found, found


def test_a_thread_ending_on_the_other_sides_question_awaits_an_answer() -> None:
    thread = (
        "WhatsApp - Deepak Rao\n[7/27 9:14 PM] Deepak Rao: the new sign looks great\n"
        "[7/28 8:02 AM] Me: revised proof - Wed 3pm\n"
        "[7/28 8:06 AM] Deepak Rao: can you do the menu boards too? quote?"
    )
    out = understand(thread, TUE)
    assert (out["inbound"] or {}).get("channel") == "text"
    assert ("Send revised proof", "2026-10-07") in _titles(thread)


def test_a_thread_the_user_answered_last_awaits_nothing() -> None:
    thread = "Texts w/ Tony Russo:\nTony: can you come by?\nMe: I'll send a tech tomorrow\nTony: ok"
    assert understand(thread, TUE)["inbound"] is None


@pytest.mark.parametrize(
    ("note", "keyword", "due"),
    [
        (
            "Client: Howard Tsai\nTODO: energy audit booking - next week; rebate paperwork - 10/16",
            "rebate",
            "2026-10-16",
        ),
        (
            "Action items: ME: trial agreement by Fri, certificates to all 7 - 10/14 / Them: Dana "
            "to send staff emails",
            "certificates",
            "2026-10-14",
        ),
    ],
)
def test_a_todo_line_holds_its_items(note: str, keyword: str, due: str) -> None:
    found = _titles(note)
    assert any(keyword in t.lower() and d == due for t, d in found), found
    assert not any("dana" in t.lower() or t.startswith("Send /") for t, _ in found), found


# ---- people: lists of children with slashes or "baby" -------------------------------------------
@pytest.mark.parametrize(
    ("note", "names"),
    [
        ("Showroom visit: Greg Novak. kids twins Jo/Max (7).", ["Jo", "Max"]),
        (
            "Remodel - Nina Alvarez. quartz b/c of kids: Sofi (6), Mateo (4), baby Luz.",
            ["Sofi", "Mateo", "Luz"],
        ),
        ("Site visit - Farah Haddad. her twins Omar / Layla (10) do robotics", ["Omar", "Layla"]),
    ],
)
def test_every_child_of_a_list(note: str, names: list[str]) -> None:
    people = understand(note, TUE)["people"]
    assert [p["name"] for p in people if p["relation"] == "child"] == names
