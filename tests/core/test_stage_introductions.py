"""Stage 9, introductions: who referred or introduced whom.

The rules' cases, each on made-up text in no labelled set (several phrasings where a
rule is about a kind of phrase), so a case says what the rule is, not what one note needed.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import WED
from tests.core.capture_probe import client as _client
from tests.core.capture_probe import intros as _intros
from tests.core.understood import understand


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Lead: Hal Ortiz, 58, referred by Ann Cole. wants LTC", [("Hal Ortiz", "Ann Cole")]),
        ("Ed Fry (Fry HVAC) connected me w/ Dee Wolfe at the city", [("Dee Wolfe", "Ed Fry")]),
        (
            "Gala w/ Mo Ng. she'll give again + intro'd me to her friend Ty Ross",
            [("Ty Ross", "Mo Ng")],
        ),
        (
            "referral from Judge (ret.) Ida Park - her nephew Lou Park, DUI. call Lou",
            [("Lou Park", "Ida Park")],
        ),
    ],
)
def test_introductions_in_more_phrasings(text: str, want: list[tuple[str, str | None]]) -> None:
    assert _intros(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Planner Rosa Vidal brought in a new couple, Sam Ortiz and Lee Chan. call Lee Fri",
        "Rosa Vidal referred a new couple - Sam Ortiz & Lee Chan. thank Rosa",
        "Rosa Vidal sent over two new clients: Sam Ortiz + Lee Chan",
    ],
)
def test_a_referrer_bringing_a_couple_introduces_both(text: str) -> None:
    out = understand(text, WED)
    assert [i["name"] for i in out["introductions"]] == ["Sam Ortiz", "Lee Chan"]
    assert out["client"]["name"] == "Rosa Vidal"


@pytest.mark.parametrize(
    "text",
    [
        "Email from Noor Haddad (Haddad Tile): intro'd me to Ben Osei at Ridge Homes. Thank Noor.",
        "VM from Noor Haddad - she's connecting me with Ben Osei, he needs tile.",
        "Noor Haddad emailed to intro Ben Osei, GC at Ridge Homes. Reply to set a call.",
        "text from Noor Haddad, she introduced me to her old friend Ben Osei",
    ],
)
def test_the_sender_is_the_client_and_the_person_introduced_the_lead(text: str) -> None:
    assert _client(text) == "Noor Haddad"
    assert _intros(text) == [("Ben Osei", "Noor Haddad")]


def test_lower_case_lead_in_a_dictated_note() -> None:
    text = "coffee with noor haddad and she introduced me to her old colleague ben osei at ridge"
    assert _client(text) == "Noor Haddad"
    assert _intros(text) == [("Ben Osei", "Noor Haddad")]


@pytest.mark.parametrize(
    "text",
    [
        "Met Sara Vick. She put me in touch with her CFO, Victor Osei.",
        "Met Sara Vick; she connected me with her accountant, Victor Osei",
        "lunch w/ Sara Vick - put me in touch w/ their GC, Victor Osei",
        "Sara Vick introduced me to her old boss, Victor Osei",
    ],
)
def test_role_comma_name_is_the_one_introduced(text: str) -> None:
    assert _intros(text) == [("Victor Osei", "Sara Vick")]


def test_a_couple_after_a_comma_are_both_introduced() -> None:
    text = "Agent Lou Park brought in a new couple, Ned Ames and Rae Bloom, for a tour"
    assert {name for name, _ in _intros(text)} == {"Ned Ames", "Rae Bloom"}


def test_a_surname_that_is_also_a_word_or_title_stays_with_its_first_name() -> None:
    assert _client("Site visit at Westfield Mfg w/ Carla Dean. Loves gardening.") == "Carla Dean"
    assert _client("Roy Judge called about the invoice. Call him back Friday.") == "Roy Judge"
    assert _client("Lunch with Dean Smith.") == "Dean Smith"
    assert _client("Met Dean Laura Ames at the college fair.") == "Laura Ames"  # the dean
    assert _client("Lunch with Carla Lake Tahoe trip planned.") == "Carla"  # a place follows
    intros = understand("Lunch w/ Bob Smith. Bob introduced me to Carla Dean. Thank Bob.", WED)
    assert [(i["name"], i["referrer"]) for i in intros["introductions"]] == [("Carla Dean", "Bob")]


# Family: who sent the client to the user, said from the user's side with a pronoun for the
# client or none at all ("new lead via X", "got them through X", "X sent them to us", "X
# referred her", "came in on X's recommendation"): X is the referrer, never the client, and
# the client (named elsewhere) is the one introduced.
@pytest.mark.parametrize(
    ("text", "client", "referrer"),
    [
        (
            "New lead via Oren Blatt (old client): his cousin Lise Marsh wants a patio. "
            "Met Lise Marsh today",
            "Lise Marsh",
            "Oren Blatt",
        ),
        ("Got him through Coach Abe Ruiz. Walt Yates needs 40 jerseys", "Walt Yates", "Abe Ruiz"),
        (
            "Walk-in: Dee Harlan. Said Tomas at Bay Tile sent her to us. wants pavers",
            "Dee Harlan",
            "Tomas",
        ),
        ("Intake: Vi Osgood. Her accountant Len Marsh referred her.", "Vi Osgood", "Len Marsh"),
        (
            "The Pryors came in on Dr. Ostrow's recommendation. Jan Pryor picked the tile.",
            "Jan Pryor",
            "Dr. Ostrow",
        ),
        (
            "Tour w/ Cleo Banks - came to us through Iris Dahl at the bakery",
            "Cleo Banks",
            "Iris Dahl",
        ),
    ],
)
def test_the_referrer_of_the_client_said_with_a_pronoun_or_no_lead(
    text: str, client: str, referrer: str
) -> None:
    assert _client(text) == client
    assert _intros(text) == [(client, referrer)]


def test_the_place_after_the_person_introduced_is_not_introduced_too() -> None:
    text = "Mtg w/ Ed Fry. he intro'd me to Dee Wolfe, buyer @ Harbor Point Mall - call her"
    assert _intros(text) == [("Dee Wolfe", "Ed Fry")]


# A note that opens with who sent the lead ("Sent by", "Via", "Intro from", "X passed my name
# along to Y"), an aside between, then the lead: the lead is the client, the sender the
# referrer, and the sender said again by the first name is not the client. The rows after the
# first five were held out until the rule was written.
SENT_FIRST = [
    ("Sent by Rob Castellano (thanks Rob!) - new lead Ines Vidal, owns three yoga studios.",
     "Ines Vidal", "Rob Castellano"),
    ("Referred by Dana Wu: new client Omar Haddad, runs two bakeries.", "Omar Haddad", "Dana Wu"),
    ("got my name from Priya Raman - Leo Brandt wants a quote on the barn roof",
     "Leo Brandt", "Priya Raman"),
    ("Lena Fox sent me her way - Tessa Moore needs a new website", "Tessa Moore", "Lena Fox"),
    ("Courtesy of Dr. Amos Lee, Tom Hale - wants a quote on the fence", "Tom Hale", "Amos Lee"),
    ("Via Carl Jansen: new lead Mina Park, wants a kitchen remodel", "Mina Park", "Carl Jansen"),
    ("Kim Ashe passed my name along to Beto Ruiz, he called today about a pool",
     "Beto Ruiz", "Kim Ashe"),
    ("Intro from Paula Grant (thanks Paula!) - new lead Dev Malik, three clinics.",
     "Dev Malik", "Paula Grant"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "client", "referrer"), SENT_FIRST)
def test_who_sent_the_lead_said_first(text: str, client: str, referrer: str) -> None:
    assert _client(text) == client
    assert (client, referrer) in _intros(text)


# i16ii: the client hands the user someone, said any way but "introduced"; each family's own
# cases, then the held-out half (written with them, checked after)
@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Penny A. sent Doug Fairbairn my way - met today", "Doug Fairbairn"),
        ("Nadia (Haddad Catering) -> sent me Omar Farouk, GM at the Grandview", "Omar Farouk"),
        ("send the contracts + thank her for referring Ana Delgado", "Ana Delgado"),
        (
            "From: Yusuf Demir\nMy friend Elif Kaya is opening a bakery. I gave her your number",
            "Elif Kaya",
        ),
        (
            "Sabrina, meet Pat Quinlan - Pat's team did our compounding.\nFrom: Dr. Sabrina Okoye",
            "Sabrina Okoye",
        ),
        ("Gaby S. referred me to her neighbor Thuy Nguyen who's opening a salon", "Thuy Nguyen"),
        ("Tom R. passed Lena Ortiz along to us - she needs a roof", "Lena Ortiz"),
        ("Bev (Bev's Bakery) sent us Carl Dunn, he owns the deli next door", "Carl Dunn"),
        ("Also huge thanks for referring Maya Chen, she signed today", "Maya Chen"),
        (
            "Hi! One of our partners, Frank Oduya, wants the same for his wife's salon - I told "
            "him you'd call him.",
            "Frank Oduya",
        ),
        (
            "Hey, my cousin Dario Russo is starting a food truck and I passed him your number.",
            "Dario Russo",
        ),
        ("Jo Lind - meet Kai Berg, who runs the new clinic.\nJo, Kai needs a pharmacy.", "Jo Lind"),
    ],
)
def test_someone_handed_to_the_user_any_way_but_introduced(text: str, lead: str) -> None:
    assert lead in [name for name, _ in _intros(text)]


@pytest.mark.parametrize(
    ("text", "referrer"),
    [
        (
            "Voicemail from Mrs. Harriet Long about home care for her mother. She was referred "
            "to us by Dr. Samuel Achter.",
            "Samuel Achter",
        ),
        (
            "Lead: Iggy Ferreira-Long\nLead source: Referral - Bettina Stroud (Stroud's Market)",
            "Bettina Stroud",
        ),
        ("Ken Mori called about a deck. He was referred by his neighbor Ruth Hale.", "Ruth Hale"),
        ("Name: Ada Vance\nSource: referral from Paul Kim\nNeeds a will", "Paul Kim"),
    ],
)
def test_the_clients_source_said_passively_or_in_a_crm_field(text: str, referrer: str) -> None:
    assert referrer in [ref for _, ref in _intros(text)]


def test_what_the_user_told_the_client_hands_no_one_over() -> None:
    text = "From Marcy: the owner is Yolanda Vale. You told her you'd get the catalog to her."
    assert _intros(text) == []


# i16in: a person handed to the user by a verb of handing over other than "introduced" (the
# user its object, or told to get in touch; the user's details given to the person; a name
# the user is to expect), lower case or not. The first seven rows were written before the
# rule; the rest were held out until it was written (2 of the 7 passed before it).
HANDED_OVER = [
    ("Coffee w/ Lorna Pike. She put me onto her brother-in-law Dev Sharma who runs the gym",
     "Dev Sharma"),
    ("met maxine doyle at the site. she said i should call her neighbour pete garza about his roof",
     "Pete Garza"),
    ("Ruth Adeyemi (board chair) - gave me the name of their auditor, Colm Burke. He's expecting "
     "my call.", "Colm Burke"),
    ("From: Gil Navarro\nYou should talk to my cousin Ana Beltran, she's opening a second clinic.",
     "Ana Beltran"),
    ("Lunch with Pat Ibsen. Pat also gave my card to his old partner Hugo Lind, who is selling.",
     "Hugo Lind"),
    ("Ines Roca suggested I reach out to Tobias Wren at the co-op; they need new freezers",
     "Tobias Wren"),
    ("Mr. Sato also gave reference of his friend Mr. Kenji Mori who is building a house.",
     "Kenji Mori"),
    ("Gwen Tallis hooked me up with her sister Mara Tallis who manages the new hotel",
     "Mara Tallis"),
    ("tea with ivy mercer, she pointed me to her neighbour oscar pike who wants the same fence",
     "Oscar Pike"),
    ("Chat with Lou Fisk: Lou gave me his friend Arno Veit's number, he's opening a brewery.",
     "Arno Veit"),
    ("Per Hana Kim, her boss Walt Greer wants a demo - she told him I'd call", "Walt Greer"),
    ("Ben Cho mentioned us to Rita Gomez at the food bank; Rita is expecting my call Tues.",
     "Rita Gomez"),
    ("Zoe Park set me up with her landlord, Mr. Ivan Petrov - he owns 6 buildings downtown",
     "Ivan Petrov"),
    ("Anita also passed D.'s name to her friend Meera Pillai, who wants a 60th; Meera will call.",
     "Meera Pillai"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lead"), HANDED_OVER)
def test_someone_handed_over_with_any_verb_of_handing_over(text: str, lead: str) -> None:
    assert [name for name, _ in _intros(text)] == [lead]


# The reply to an e-mail introduction: the lead is who wrote it, else whom it greets; the
# person thanked is the referrer (the second row was held out).
@pytest.mark.parametrize(
    ("text", "lead", "referrer"),
    [
        (
            "Thanks for the intro, Greg! Moving you to bcc.\nHi Dalia Fenn, great to meet you - "
            "when works for a call?",
            "Dalia Fenn",
            "Greg",
        ),
        (
            "From: Omar Haddad\nThank you for the introduction, Priya! Happy to help with the "
            "warehouse racking. When are you free?",
            "Omar Haddad",
            "Priya",
        ),
    ],
)
def test_the_reply_to_an_email_introduction(text: str, lead: str, referrer: str) -> None:
    assert (lead, referrer) in _intros(text)


# The client came referred, said with a verb of hearing or finding, or a relation of theirs
# unnamed: the client is the lead (rows after the third held out; 1 of 6 passed before).
@pytest.mark.parametrize(
    ("text", "client"),
    [
        ("Mrs. Yolanda Reyes heard about us from her sister Carmen Diaz. She wants blinds",
         "Yolanda Reyes"),
        ("Today at house of Mr. Tomasz Nowak. He find us from his neighbour Mr. Jan Kowal.",
         "Tomasz Nowak"),
        ("Otis Crane found us through his golf buddy Ray Mull. Wants a quote on a generator.",
         "Otis Crane"),
        ("Bram Kessel came to us on his brother-in-law's recommendation, Tim Ross. Needs a deck.",
         "Bram Kessel"),
        ("Vera Lind's neighbour sent her over. Vera wants the whole yard redone.", "Vera Lind"),
        ("Ama Boateng got our name from her pastor, Rev. Kofi Mensah. Wants 200 chairs.",
         "Ama Boateng"),
    ],
)  # fmt: skip
def test_the_client_came_referred_said_any_way(text: str, client: str) -> None:
    assert _client(text) == client
    assert [name for name, _ in _intros(text)] == [client]


# Not an introduction to the user: family, the user's own side looped in or cc'd, the user
# introducing the client to someone, a name merely mentioned.
@pytest.mark.parametrize(
    "text",
    [
        "Met Hal Ortiz. His wife Dee Ortiz wants to come to the next call. Send Hal the quote.",
        "Call with Nora Blake, cc'd my colleague Sam Price on the recap so he can send it",
        "Lunch w/ Kay Dunn. I introduced her to our CFO Ben Alto - she wants to talk financing.",
        "Lunch w/ Kay Dunn. She mentioned Ted Rowe at the bank is retiring.",
        "Call w/ Mia Lopez. She wants a rate sheet. I'm supposed to loop in our ops guy Derek.",
        "Met Ed Stone. His son Luke Stone is taking over the shop next year. Send Ed the renewal",
        "Quick call w/ Lin Wu - I'll introduce her to Dr. Faye Moss, our specialist",
        "Rita Ames emailed the board about the gala; Tom Hart was cc'd",
        "Met Ana Ruiz. She said I should call her husband Tom about the deposit.",
        "Ana Ruiz is expecting my call Friday about the deposit.",
        "Met Lia Ford. She told me to call her assistant Kim Oh to set the date.",
        "Lia Ford said I should email her EA, Tom Bay, for the calendar",
        "Lia Ford gave me the number of her office, ask for Pam Lee",
    ],
)
def test_no_one_handed_to_the_user(text: str) -> None:
    assert _intros(text) == []


# The client's friend, neighbour or colleague who wants what the user sells, and whom the user
# is to contact: a lead passed on without a verb of handing over. The first five rows were
# written before the rule, the last four held out (2 of 4 passed before, 4 of 4 after).
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Site visit w/ Dee Holt. She mentioned her neighbour Sam Ruiz needs a new water heater "
         "- ring Sam Monday", ["Sam Ruiz"]),
        ("met ron pike at the yard. his coworker lyle banks is looking for a bookkeeper too, will "
         "call lyle thurs", ["Lyle Banks"]),
        ("Lunch w/ Tess Grant. Her friend Opal Reed wants the same package; email Opal the "
         "brochure", ["Opal Reed"]),
        ("Met Al Dunn. His son Eli Dunn wants a drum kit for xmas - call Eli's school re concert",
         []),
        ("Call w/ Bea Moss. Her assistant Jo Park needs the invoice - email Jo today", []),
        ("Fixed the gate for Rob Lane. his golf buddy Stan Ivers wants a quote on a new fence so "
         "call Stan next wk", ["Stan Ivers"]),
        ("Mtg w Ines Paz - her sister-in-law Carla Mendez is after a kitchen redo. reach out to "
         "Carla Fri", ["Carla Mendez"]),
        ("Ada Cho said her boss Hal Frey wants a demo of the app. Send Ada the deck.", []),
        ("Met Ken Ota. His friend Jim Hale wants to join us for golf Sat. Call Ken re tee time",
         []),
    ],
)  # fmt: skip
def test_a_friend_who_wants_what_the_user_sells_and_is_to_be_called(
    text: str, want: list[str]
) -> None:
    assert [name for name, _ in _intros(text)] == want


# A name the user is to expect, or one that "came up" with a need of theirs or the user's call
# to make, is handed over; a name that merely came up, or the client waiting for a call, is not.
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Catch-up w/ Nina Volk. Tomas Reyes's name came up - he runs the marina and needs a "
         "new lift. Nina will tell him to expect my call.", ["Tomas Reyes"]),
        ("Coffee w Ann Lo. Her cousin Bert Lo will be expecting my call re the lot.", ["Bert Lo"]),
        ("Met Jo Bell. Ty Moss's name came up as a rival bidder.", []),
        ("Ann Lo is expecting my call Friday about the deposit.", []),
    ],
)  # fmt: skip
def test_a_name_that_came_up_or_expects_the_users_call(text: str, want: list[str]) -> None:
    assert [name for name, _ in _intros(text)] == want


# An introduction promised or planned ("offered to introduce me to", "will intro us to"), made
# as a noun ("made an email intro to", "warm intro to"), or the writer of a message sent on
# someone's word ("X suggested we connect", "I was referred to you by X"); the user's own
# request is none. The first seven rows were written before the rule (2 passed), the rest held
# out (1 of 6 passed before, 5 after, the request row after widening).
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Call w/ Dana Cole. She offered to introduce me to her CFO Raj Patel next week.",
         ["Raj Patel"]),
        ("Action items:\n- Maria Lopez will intro us to Jordan Lee (VP Ops) by Friday",
         ["Jordan Lee"]),
        ("Hi Sam - Lena Park suggested we connect. I run ops at Bayview Foods.\n- Theo Grant",
         ["Theo Grant"]),
        ("Kel Brody made an email intro to Ravi Menon, who runs the co-op's buying",
         ["Ravi Menon"]),
        ("Warm intro to Dee Alvarez from Jon Pike - she's the new facilities lead at Mercy",
         ["Dee Alvarez"]),
        ("Can you introduce me to your brother Sam Ruiz? asked Ana Ruiz at lunch", []),
        ("Met Ana Ruiz. I'll introduce her to our installer Bo Lind next week.", []),
        ("coffee with greta hall, she's going to connect me with her old boss martin fry at the "
         "port", ["Martin Fry"]),
        ("Ivy Chen said she'd put us in touch with Omar Diallo (GM, Harbor Hotel)",
         ["Omar Diallo"]),
        ("From: Nils Berg\nI was referred to you by Dr. Ana Ruiz - we need a new roof on the "
         "clinic.", ["Nils Berg"]),
        ("Ken Ode sent an intro email to Pia Sorensen for me; she handles the fleet contracts",
         ["Pia Sorensen"]),
        ("Tara Fox agreed to introduce us to the board chair, Hugh Oake, at the gala",
         ["Hugh Oake"]),
        ("Asked Lou Vance to introduce me to his CFO Dana Ho - he'll think about it", []),
    ],
)  # fmt: skip
def test_an_introduction_promised_made_as_a_noun_or_on_someones_word(
    text: str, want: list[str]
) -> None:
    assert [name for name, _ in _intros(text)] == want
