"""The general rules added after scoring capture on notes its author never saw.

One test (or a few parametrised cases) per rule, each on made-up text that is not in any
labelled set, so a rule is checked for what it says rather than for one note.
"""

from __future__ import annotations

from datetime import date

import pytest

from rapport.core.understand.text import sentences
from tests.core.capture_probe import WED
from tests.core.capture_probe import client as _client
from tests.core.capture_probe import inbound as _inbound
from tests.core.capture_probe import intros as _intros
from tests.core.capture_probe import people as _people
from tests.core.capture_probe import titles as _titles
from tests.core.understood import understand


def test_an_aside_in_brackets_stays_inside_its_sentence() -> None:
    text = "Bring a gift (she's into tea - esp. oolong) on Friday. Call Jo."
    assert [s.text for s in sentences(text)] == [
        "Bring a gift (she's into tea - esp. oolong) on Friday.",
        "Call Jo.",
    ]
    out = understand(
        "Lunch w/ Ann Lowe. Bring her a gift (she's into tea - esp. oolong) Friday.", WED
    )
    assert ("Bring Ann a gift", "2026-11-20") in _titles(out)


def test_an_unclosed_bracket_does_not_swallow_the_note() -> None:
    assert len(sentences("Met Al (VP. Then lunch. Then golf.")) == 3


def test_verbs_with_re_and_phone_spellings_start_tasks() -> None:
    out = understand(
        "Call w/ Ken Ross. need to rerun the numbers. thx Ken's EA + revisit terms Fri", WED
    )
    titles = [t for t, _ in _titles(out)]
    assert "Rerun the numbers" in titles
    assert any(t.startswith("Thank Ken") for t in titles)
    assert ("Revisit terms", "2026-11-20") in _titles(out)


def test_remind_myself_is_a_cue_not_a_task() -> None:
    out = understand("remind myself: call Lou Diaz about the renewal on the 4th", WED)
    assert _titles(out) == [("Call Lou Diaz about the renewal", "2026-12-04")]


def test_an_interview_header_is_not_a_task() -> None:
    out = understand("Phone screen w/ Omar Reyes (candidate). Send him prep notes Mon.", WED)
    assert [t for t, _ in _titles(out)] == ["Send Omar prep notes"]


def test_one_verb_with_two_dated_things_makes_two_tasks() -> None:
    out = understand("Met Al Ng. Send spec sheets Monday, quote by 12/4.", WED)
    assert _titles(out) == [("Send spec sheets", "2026-11-23"), ("Send quote", "2026-12-04")]


def test_a_new_clause_after_a_comma_does_not_borrow_the_verb() -> None:
    out = understand("Send Al Ng the deck Monday, he wants it before the board mtg Tuesday.", WED)
    assert [t for t, _ in _titles(out)] == ["Send Al Ng the deck"]


def test_id_have_it_means_sending_what_was_asked_for() -> None:
    out = understand(
        "Call w/ Tess Moy. asked for the benefits summary. said I'd have it by Friday", WED
    )
    assert _titles(out) == [("Send the benefits summary", "2026-11-20")]


def test_a_bare_dated_deliverable_is_the_users_task_but_a_request_is_not() -> None:
    assert _titles(understand("Showing w/ Ines Roy. CMA by Thurs.", WED)) == [
        ("Send CMA", "2026-11-19")
    ]
    assert _titles(understand("Mtg w/ Ines Roy. Wants 3 quotes by Friday.", WED)) == []


def test_an_intro_promise_is_titled_as_an_introduction() -> None:
    out = understand("Lunch w/ Aaron Feld. Promised him an intro to Lisa Wong at Cobalt.", WED)
    task = out["tasks"][0]
    assert task["title"] == "Introduce Aaron to Lisa Wong at Cobalt"
    assert task["kind"] == "introduction"


def test_do_it_resolves_what_was_needed() -> None:
    out = understand("VM from Tom Kale: he needs the invoice w/ the new PO #. do it today", WED)
    assert ("Do the invoice", "2026-11-18") in _titles(out)


def test_looped_in_and_cc_introduce_someone() -> None:
    assert _intros("Hana Ito looped in her colleague Raj Suri on the RFP.") == [
        ("Raj Suri", "Hana Ito")
    ]
    assert _intros("Lena Holt cc'd me on an email to her CPA, Omar Diaz - he needs a lender.") == [
        ("Omar Diaz", "Lena Holt")
    ]


def test_a_referral_sent_over_names_the_lead() -> None:
    assert _intros("Pat Lowe (old client) sent over a referral - her cousin Dee Marsh.") == [
        ("Dee Marsh", "Pat Lowe")
    ]


def test_referred_by_alone_makes_the_client_the_lead() -> None:
    out = understand(
        "Dr. Ana Ruiz (Oak Clinic) - intro call. Referred by Dr. Sam Cole. Demo Fri.", WED
    )
    assert out["client"]["name"] == "Ana Ruiz"
    assert [(i["name"], i["referrer"]) for i in out["introductions"]] == [("Ana Ruiz", "Sam Cole")]


def test_referred_by_then_the_lead_after_a_colon() -> None:
    out = understand("Referred by Kim Lutz: Ray Oakes, owns 3 gyms. Call Ray Thurs.", WED)
    assert out["client"]["name"] == "Ray Oakes"
    assert [(i["name"], i["referrer"]) for i in out["introductions"]] == [("Ray Oakes", "Kim Lutz")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("LVM: Dave Kim wants a quote. call back tmrw", ("voicemail", "Dave Kim")),
        ("Dave Kim: LVM, wants a callback re: the quote", ("voicemail", "Dave Kim")),
        ("New LVM - Dave Kim, wants pricing", ("voicemail", "Dave Kim")),
        ("Email from Bob about pricing. Reply today.", ("email", "Bob")),
        ("Got an LVM from Dave Kim about pricing", ("voicemail", "Dave Kim")),
        ("Jason (Brightwave) texted me re: the redlines", ("text", "Jason")),
        ("note: kyle brandt emailed sat asking for the floorplan", ("email", "Kyle Brandt")),
        ("Missed call from Bob Fox. Call back.", ("call", "Bob Fox")),
    ],
)
def test_messages_waiting_for_the_user(text: str, want: tuple[str, str]) -> None:
    assert _inbound(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Lvm Chris Paige re: the claim. no callback yet",
        "LVM for Dave Kim re renewal",
        "Called Dave Kim, LVM.",
        "left him a vm - Dave Kim",
        "I left a VM for Dave Kim",
        "Call from Marcus Lee - talked 20 min about the Q4 order.",
        "Farid Haddad called - we spoke about switching carriers.",
    ],
)
def test_the_users_voicemails_and_calls_taken_are_not_waiting(text: str) -> None:
    assert _inbound(text) is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("mtg w/ ana de la cruz re: her 529 plan", "Ana de la Cruz"),
        ("Lunch w/ Rosa de los Santos (Acme)", "Rosa de los Santos"),
        ("Met Pieter van der Berg at the expo", "Pieter van der Berg"),
        ("vm from dave kim re quote", "Dave Kim"),
        ("coffee w/ tomasz nowak. tomasz wants a demo", "Tomasz Nowak"),
        (
            "dinner w/ oren & his wife. oren shapiro from Gold Imports. send oren the deck",
            "Oren Shapiro",
        ),
        ("Novak, Irena - called in re: her truck", "Irena Novak"),
        ("Patel Distribution - Vikram Patel. wants net 45", "Vikram Patel"),
        ("Visited Sunrise Senior Living - mtg w/ Director Hannah Goldstein.", "Hannah Goldstein"),
        ("Jess from Orbit Labs emailed asking about net 60", "Jess"),
    ],
)
def test_whom_the_note_is_about(text: str, want: str) -> None:
    assert _client(text) == want


def test_a_lower_case_word_said_once_is_not_a_name() -> None:
    assert (
        _client("Quick call w/ Ben Ode. hiring mgr wants the deck. send hiring plan") == "Ben Ode"
    )
    assert _client("lunch w/ the ops team re: forecast") is None


def test_a_colleague_named_by_role_is_not_the_client() -> None:
    assert _client("Lunch w/ Kay Moss and her boss Jim Doe.") == "Kay Moss"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Lunch w/ Ty Moss. His SO Dana is a nurse.", [("partner", "Dana")]),
        ("Call w/ Ty Moss. 3 kiddos, all under 10.", [("child", None)] * 3),
        ("Mtg w/ Ty Moss. her DH Ken retired.", [("husband", "Ken")]),
        ("Ty Moss is out, new baby boy (Liam)!", [("son", "Liam")]),
        ("Met Ty Moss. They have a shiba inu named Kuma.", [("dog", "Kuma")]),
        ("Ty Moss - his 10th anniv w/ Erin is Oct 20.", [("partner", "Erin")]),
    ],
)
def test_family_said_the_way_notes_say_it(text: str, want: list[tuple[str, str | None]]) -> None:
    assert _people(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Lunch w/ Ty Moss. They're planning a father-son trip to Japan.",
        "Renewal w/ Deb Klein of Klein & Sons Hardware.",
        "Met Father Tom Reilly at the parish.",
        "Mtg w/ Jo Park - she's a horse girl, owns 2 quarter horses.",
        "Mtg w/ my SO about the budget.",
        "Mtg w/ Dr. Sam Gupta's office mgr Rita. Rita has 3 kids.",
    ],
)
def test_words_that_are_not_the_clients_family(text: str) -> None:
    assert _people(text) == []


def test_a_later_count_adds_only_the_people_not_yet_counted() -> None:
    text = "Review w/ Mae Ellis. She gifts each grandkid $18k (4 grandkids). Her 2 grandsons ski."
    assert [r for r, _ in _people(text)] == ["grandchild"] * 4


def test_a_child_first_said_generically_is_the_one_named_later() -> None:
    assert _people("Saw Pete Shaw at his kid's game. His son Noah plays attack.") == [
        ("son", "Noah")
    ]


def test_the_clients_family_is_kept_when_the_owner_is_a_nickname() -> None:
    assert _people("Lunch w/ Robert Nguyen. Rob's wife Linh is a nurse.") == [("wife", "Linh")]


def _tags(text: str) -> set[str]:
    from rapport.core.understand.interests import find_interests

    return {m.tag for m in find_interests(text)}


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Walt's a Notre Dame guy", "notre dame"),
        ("Die-hard Liverpool supporter", "liverpool fc"),
        ("going to the Rose Bowl (Ohio State fan)", "ohio state buckeyes"),
        ("plays in a bluegrass band on weekends", "music"),
        ("Yumi does ikebana", "flower arranging"),
        ("Ray restores old Mustangs", "cars"),
        ("Into CrossFit and Whole30", "keto"),
    ],
)
def test_catalogue_phrasings(text: str, tag: str) -> None:
    assert tag in _tags(text)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("wants samples of the gluten-free line", "gluten-free"),
        ("asked about vegan options for the event", "vegan"),
        ("obsessed with his Peloton, does the 6am rides", "horseback riding"),
    ],
)
def test_catalogue_non_matches(text: str, tag: str) -> None:
    assert tag not in _tags(text)


def test_a_month_then_an_ordinal_day_is_one_yearly_date() -> None:
    out = understand("Miguel Garcia's anniv is in june - 25 yrs on the 12th.", date(2026, 4, 17))
    assert [(d["label"], d["about"], d["month"], d["day"]) for d in out["dates"]] == [
        ("anniversary", None, 6, 12)
    ]


def test_a_yearly_date_of_someone_else_by_full_name() -> None:
    out = understand("Lunch w/ Al Ng. Susan Park's bday 3/14.", WED)
    assert [(d["about"], d["month"], d["day"]) for d in out["dates"]] == [("Susan", 3, 14)]


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Helen's running the NYC half in March", "running"),
        ("she runs every morning", "running"),
        ("her son made the all-state band (trumpet!)", "music"),
    ],
)
def test_race_words_and_instruments_without_new_tags(text: str, tag: str) -> None:
    from rapport.core.understand.interests import find_interests

    # the catalogue's tag, or the broader tag of the lexicon's own (pastimes.json: trumpet)
    assert tag in {t for m in find_interests(text) for t in m.tags}


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("big Falcons fan. his wife Keisha runs the books", "running"),
        ("his wife Keisha runs the books", "reading"),
        ("running the numbers for the board", "running"),
        ("her son plays trumpet", "saxophone"),
    ],
)
def test_affinity_stays_in_its_clause_and_runs_is_not_a_hobby(text: str, tag: str) -> None:
    assert tag not in _tags(text)


def test_a_plus_list_splits_only_after_a_dated_item() -> None:
    out = understand("Call w/ Gwen Ames. send her 2 refs by mon + demo invite for next Thurs", WED)
    assert _titles(out) == [("Send Gwen 2 refs", "2026-11-23"), ("Send demo invite", "2026-11-26")]
    out = understand("Call w/ Gwen Ames. Send the SOC2 + SSO docs Mon, pricing by 12/4.", WED)
    assert _titles(out) == [
        ("Send the SOC2 and SSO docs", "2026-11-23"),
        ("Send pricing", "2026-12-04"),
    ]


def test_a_bare_verb_takes_what_the_message_asked_for() -> None:
    out = understand(
        "txt from Ray Lund: 'can u resend the invoice?' resend + confirm receipt today", WED
    )
    assert ("Resend the invoice", "2026-11-18") in _titles(out)


def test_a_kind_of_meeting_is_not_a_task() -> None:
    out = understand("Ravi Iyer - intro mtg via Ellen Cho. Send deck Monday.", WED)
    assert [t for t, _ in _titles(out)] == ["Send deck"]


def test_a_name_after_someone_from_is_where_they_work() -> None:
    out = understand("voicemail - Hank from Lakeshore Marina re: the slip lease.", WED)
    assert out["client"]["name"] == "Hank"
    assert out["client"]["company"] == "Lakeshore Marina"


def test_introduction_trigger_words_never_hide_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    from pathlib import Path

    from rapport.core.understand import intros as capture_intros

    here = Path(__file__).parent
    texts = [
        json.loads(line)["text"]
        for name in (
            "capture_notes.jsonl",
            "capture_notes_blind.jsonl",
            "capture_notes_holdout.jsonl",
        )
        for line in (here / name).read_text("utf-8").splitlines()
        if line.strip()
    ]
    gated = [understand(t, WED)["introductions"] for t in texts]
    monkeypatch.setattr(capture_intros, "_TRIGGERS", tuple(("",) for _ in capture_intros._TRIGGERS))
    assert [understand(t, WED)["introductions"] for t in texts] == gated


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Call log 10/5 - Ortiz, Daniel. Discussed his umbrella policy.", "Daniel Ortiz"),
        ("Mtg w Coach Dave Whitman re: sponsoring the U12 team", "Dave Whitman"),
        ("Demo for Lakeview Schools - Supt. Marcus Green + IT dir. Lena Ortiz.", "Marcus Green"),
        ("spoke with jenn from AP at Norcross (jenn hailey) - resend invoice", "Jenn Hailey"),
    ],
)
def test_titles_schools_and_crm_names(text: str, want: str) -> None:
    assert _client(text) == want


def test_a_call_log_heading_is_not_a_task_and_callback_is_a_call() -> None:
    out = understand("Call log 10/5 - Ortiz, Daniel. He'll think it over. Callback Thurs.", WED)
    assert _titles(out) == [("Call Daniel back", "2026-11-19")]


def test_quoted_words_are_not_the_users_task_when_the_note_says_its_own() -> None:
    out = understand(
        "Text from Bea Ruiz - 'pls call me re the closing, urgent'. call her asap", WED
    )
    assert _titles(out) == [("Call Bea", "2026-11-18")]
    out = understand("Text from Bea Ruiz: 'send me the W-9 by Fri'", WED)
    assert _titles(out) == [("Send Bea the W-9", "2026-11-20")]


def test_dated_deliverables_to_people_are_tasks() -> None:
    out = understand("Demo w/ Marcus Green. pricing to Marcus by Thurs, SSO docs to Lena tmrw", WED)
    assert _titles(out) == [
        ("Send pricing to Marcus", "2026-11-19"),
        ("Send SSO docs to Lena", "2026-11-19"),
    ]


def test_reminder_to_self_is_a_cue() -> None:
    out = understand("Reminder to self: send Pam Sutton a farewell note", WED)
    assert [t for t, _ in _titles(out)] == ["Send Pam Sutton a farewell note"]


def test_short_weekday_before_to_closes_the_clause() -> None:
    out = understand(
        "Phone: Leah Gold. Mail the claim forms Mon + call her Wed to walk thru them.", WED
    )
    assert ("Call Leah to walk thru them", "2026-11-25") in _titles(out)


def test_referred_a_neighbour_without_to_me() -> None:
    assert _intros("Brian Cho referred his neighbor, Dr. Ellen Marsh (dermatologist).") == [
        ("Ellen Marsh", "Brian Cho")
    ]


def test_twins_of_the_clients_son_are_grandchildren() -> None:
    assert _people("Review w/ Jim Peterson. Their son Eric just had twins.") == [
        ("son", "Eric"),
        ("grandchild", None),
        ("grandchild", None),
    ]


def test_a_typed_message_is_a_text() -> None:
    assert _inbound("Got a LinkedIn msg from Raj Malhotra asking about pricing.") == (
        "text",
        "Raj Malhotra",
    )


def test_business_travel_and_family_names_are_not_interests() -> None:
    assert "travel" not in _tags("he's traveling until the 9th")
    assert "travel" in _tags("loves to travel")
    assert "baking" not in _tags("Walkthrough at the Bakers' new build")


def test_a_word_before_from_is_not_a_person_with_a_company() -> None:
    assert _client("Heard from Nick Papa - his mom passed Tuesday.") == "Nick Papa"


@pytest.mark.parametrize(
    ("text", "company"),
    [
        (
            "Lunch w/ Carol Diaz at Coastal Freight. Her daughter Mia starts college.",
            "Coastal Freight",
        ),
        ("Call with Bob Smith of Acme Co. Supply about pricing.", "Acme Co. Supply"),
        ("Met Dan Ortiz from J. Crew Outlet today.", "J. Crew Outlet"),
    ],
)
def test_a_company_ends_with_its_sentence(text: str, company: str) -> None:
    assert understand(text, WED)["client"]["company"] == company


def test_a_priest_and_a_parish_are_not_family_or_clients() -> None:
    out = understand("VM: Father Michael from St. Anne's re: the parish hall. call back tmrw", WED)
    assert out["client"]["name"] == "Michael"
    assert out["people"] == []
    assert _people("Lunch w/ Bob Fox. Father Tom is 90 and still golfs.") == [("father", "Tom")]


def test_what_the_client_wants_is_not_the_users_task() -> None:
    out = understand("lunch w/ Greg Hale. want to downsize, look at condos in the spring.", WED)
    assert _titles(out) == []


def test_it_takes_the_date_it_was_asked_for() -> None:
    out = understand("Email from Ruth Abram's office - need the COI by 12/15. send it to Deb", WED)
    assert _titles(out) == [("Send the COI to Deb", "2026-12-15")]


def test_on_it_takes_on_the_request() -> None:
    out = understand("Kofi Boa emailed: needs a revised quote by EOD tmrw. on it", WED)
    assert _titles(out) == [("Send a revised quote", "2026-11-19")]


def test_a_verbless_list_of_deliverables_to_someone() -> None:
    out = understand("Mtg w/ Sam Hale. Proposal + timeline to Sam by next Wed.", WED)
    assert [t for t, _ in _titles(out)] == ["Send Proposal and timeline to Sam"]


def test_inbound_trigger_words_never_hide_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    from pathlib import Path

    from rapport.core.understand import inbound as capture_inbound

    here = Path(__file__).parent
    texts = [
        json.loads(line)["text"]
        for name in (
            "capture_notes.jsonl",
            "capture_notes_blind.jsonl",
            "capture_notes_probe.jsonl",
        )
        for line in (here / name).read_text("utf-8").splitlines()
        if line.strip()
    ]
    gated = [understand(t, WED)["inbound"] for t in texts]
    monkeypatch.setattr(
        capture_inbound, "_TRIGGERS", tuple(("",) for _ in capture_inbound._TRIGGERS)
    )
    assert [understand(t, WED)["inbound"] for t in texts] == gated


def test_requests_found_once_match_a_scan_up_to_each_position() -> None:
    from rapport.core.understand.pipeline import _REQUEST, _Requests

    body = (
        "She asked for a trial - set it up by Thursday. He needs the COI by 12/15, wants a "
        "call w/ my manager this week and would like pricing on 40 trucks. send it"
    )
    requests = _Requests(body)
    for pos in range(len(body) + 1):
        want = [(m.start(), m.group()) for m in _REQUEST.finditer(body, 0, pos)]
        assert [(m.start(), m.group()) for m in requests.before(pos)] == want
