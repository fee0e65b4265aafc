"""Stage 3, the client: whom a note is about, among the names it says.

The rules' cases, each on made-up text in no labelled set (several phrasings where a
rule is about a kind of phrase), so a case says what the rule is, not what one note needed.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import WED
from tests.core.capture_probe import client as _client
from tests.core.capture_probe import titles as _titles
from tests.core.understood import understand


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Review w/ Mr. Adeyemi (Adeyemi Foods). his oldest got into Clemson.", "Adeyemi"),
        ("Dr Whitcombe called about the recall, call him back Mon", "Whitcombe"),
        ("Ms. Lindqvist (Greta) wants the forms by Fri", "Greta Lindqvist"),
        ("Dr. Osei's kids are going as Power Rangers lol. PO next week", "Osei"),
        ("Mrs. & Mr. Sato signed today. Hiro Sato is a golf nut", "Hiro Sato"),
    ],
)
def test_an_honorific_and_a_surname_name_the_client(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Chef Luca Moretti (Osteria) wants pricing by Mon", "Luca Moretti"),
        ("Fleet deal - contact Chief Dana Wolfe at the PD", "Dana Wolfe"),
        ("Spoke w/ managing partner Ines Duarte about the lease", "Ines Duarte"),
        ("QBR w/ Bluewater Retail (Omar Faruk, dir. ops). on-time 97%", "Omar Faruk"),
        ("Report due to Gates Fdn 8/15. program officer Lena Park wants data", "Lena Park"),
        ("cook out. floor mgr Tony Ruiz covering. Owner Ana Bell wants a call", "Ana Bell"),
        ("harvest call Ruth Amsel Amsel Vineyards frost damage", "Ruth Amsel"),
    ],
)
def test_titles_companies_and_staff_around_the_clients_name(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Biz: Maple Ridge apartments - framing done. Owner Sal Ortiz wants updates", "Sal Ortiz"),
        ("Labor Day wknd booking - Ana Ruiz called about early check-in", "Ana Ruiz"),
        ("QBR - Helix Labs (CEO Ada Moss). NPS 60. Ada is into scuba", "Ada Moss"),
        ("txt from Nurse Mgr Lee Park @ Mercy: pump alarming", "Lee Park"),
    ],
)
def test_places_holidays_and_titles_around_the_clients_name(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("LUNCH WITH MARCUS WEBB - WEBB FREIGHT. SEND LANE RATES FRIDAY", "Marcus Webb"),
        ("TXT FROM ANGELA PRICE (OFFICE MGR): NEEDS 3 TECHS. call her back", "Angela Price"),
    ],
)
def test_a_client_named_in_capitals_is_found(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Planner Olivia Brandt brought us a June wedding. thank her", "Olivia Brandt"),
        ("Councilmember Derek Haas wants the revised site plan", "Derek Haas"),
        ("Candidate Mia Lorenz interviewed well at Acme", "Mia Lorenz"),
        ("Broker Sam Whitley called re: the Elm St listing", "Sam Whitley"),
    ],
)
def test_a_role_said_like_a_title_is_not_part_of_the_name(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Hit Northside Dermatology: Dr. Carla Voss wants samples", "Carla Voss"),
        ("Stopped at Bright Path Imaging - Tom Reyes, office mgr", "Tom Reyes"),
        ("Arlene Voss Voss Orchards - 40 acres of apples", "Arlene Voss"),
    ],
)
def test_capitalised_words_before_an_organisation_word_are_not_a_person(
    text: str, want: str
) -> None:
    assert _client(text) == want


def test_a_possessive_before_a_role_is_a_title_not_a_colleague() -> None:
    assert _client("Punch list walk w/ owner's rep Dale Fitch. assign crews today") == "Dale Fitch"
    out = understand("Punch list walk w/ owner's rep Dale Fitch. assign crews today", WED)
    assert _titles(out) == [("Assign crews", "2026-11-18")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Visit @ Sunny Acres Farm. owner Cindy Baker wants an estimate", "Cindy Baker"),
        ("Stopped at Blue Heron Gallery: Mia Stone wants the print framed", "Mia Stone"),
    ],
)
def test_a_farm_gallery_or_shop_name_is_not_a_person(text: str, want: str) -> None:
    assert _client(text) == want


def test_third_person_author_items_are_tasks() -> None:
    text = (
        "Priya had coffee with Tom Reyes (Reyes Plumbing). Priya to send the service plan by Fri "
        "and to book a site visit next Tues."
    )
    titles = _titles(understand(text, WED))
    assert ("Send the service plan", "2026-11-20") in titles
    assert understand(text, WED)["client"]["name"] == "Tom Reyes"


def test_customer_abbreviation_is_not_part_of_the_name() -> None:
    out = understand("Cust Earl Whitaker in for an oil change. Call him Fri.", WED)
    assert out["client"]["name"] == "Earl Whitaker"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("the lady from yesterday vesna horvat called back, she wants the packet", "Vesna Horvat"),
        ("so the guy from the lot his name is teo barros and he wants a quote", "Teo Barros"),
        ("a man named idris okeke came by the booth and wants a demo", "Idris Okeke"),
        ("that couple from the open house, anouk brandt texted about the offer", "Anouk Brandt"),
    ],
)
def test_lower_case_name_marked_by_what_the_person_did_or_is_called(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "Service planning for Ida Marsh (passed 3/2). Spoke w/ her son Paul Marsh-Lee. "
            "Paul wants a closed casket. send Paul the quote tomorrow",
            "Paul Marsh-Lee",
        ),
        (
            "Obituary for Lenore Pratt drafted. Her nephew Sam Ortiz is handling it, "
            "Sam prefers email. email Sam the proof friday",
            "Sam Ortiz",
        ),
        (
            "Ben Adler, who passed away Sunday. Met his wife Joan Adler today; "
            "Joan wants cremation. call Joan monday",
            "Joan Adler",
        ),
    ],
)
def test_next_of_kin_is_the_client_when_the_first_name_said_died(text: str, who: str) -> None:
    assert _client(text) == who


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "Placed candidate Nora Vance at Bell Dental as office manager. Hiring mgr Ed Crane "
            "is thrilled; Ed coaches hockey. send Ed the invoice friday",
            "Ed Crane",
        ),
        (
            "submitted Kurt Moss to Tally Freight, hiring manager Ana Pruitt. Ana wants "
            "two more resumes; check w/ Kurt next week",
            "Ana Pruitt",
        ),
        (
            "Placed Dana Kim at Ortho Partners, hiring mgr Rick Salas. Dana's husband Omar "
            "just had surgery. Dana starts Monday, check in with Dana in 2 weeks",
            "Dana Kim",
        ),
    ],
)
def test_a_placement_note_is_about_whom_it_goes_on_about(text: str, who: str) -> None:
    assert _client(text) == who


def test_the_clients_company_ends_at_the_end_of_its_line() -> None:
    found = understand(
        "Call notes:\nMarco Diaz at Diaz Autos\nTrade appraisal to Marco by 12/2", WED
    )
    assert found["client"]["company"] == "Diaz Autos"


def test_a_month_word_before_a_surname_is_a_first_name() -> None:
    assert _client("Jan Kowalski called about the renewal. Call him back Monday.") == "Jan Kowalski"
    assert _client("April Dunn (Dunn Realty) wants the listing photos.") == "April Dunn"
    assert _client("Meeting Jan 5 with Bob Smith.") == "Bob Smith"
    assert _client("Jan Friday: lunch w/ Bob Smith.") == "Bob Smith"


CLIENTS = [
    pytest.param(
        "retention bonus dispute - Gail Ortiz says the retention terms changed. call her Mon",
        "Gail Ortiz",
        id="a_lower_case_noun_said_twice_is_not_a_name",
    ),
    pytest.param(
        "the roofer called back about the leak",
        None,
        id="two_lower_case_words_before_a_contact_verb_need_to_look_like_names",
    ),
    pytest.param(
        "Ray Olson passed away last week. send a card to his wife Edna",
        "Ray Olson",
        id="a_client_who_died_stays_the_client_when_no_one_else_is_named_in_full",
    ),
    pytest.param(
        "Ed Voss's daughter Lena Voss-Reid is a nurse. Ed loves golf. send Ed the proposal",
        "Ed Voss",
        id="the_first_person_stays_the_client_when_the_note_comes_back_to_them",
    ),
]


@pytest.mark.parametrize(("text", "want"), CLIENTS)
def test_the_client(text: str, want: str | None) -> None:
    """Whom the note is about (None: it names no client)."""
    assert _client(text) == want


# A household named by its surname, then the couple's first names: the first is the client
@pytest.mark.parametrize(
    ("text", "client", "spouse"),
    [
        ("fence quote at the Reyes place, Ana and Luis. Ana wants cedar.", "Ana Reyes", "Luis"),
        (
            "gutter job at the lindqvist's - erik and anna. erik wants copper",
            "Erik Lindqvist",
            "Anna",
        ),
        (
            "Intake for the Baptiste family: Rose & Frank. Rose called twice.",
            "Rose Baptiste",
            "Frank",
        ),
    ],
)
def test_a_household_then_its_couple(text: str, client: str, spouse: str) -> None:
    out = understand(text, WED)
    assert out["client"]["name"] == client
    assert spouse in [p["name"] for p in out["people"]]


def test_a_place_then_two_names_is_no_household() -> None:
    assert _client("lunch at the office - stan and dorothy came by") != "Stan Office"


# Family: whom the note is about when a couple or a household is named several ways: the
# one of the couple named in full later is whom it deals with; the full name said before a
# short one in brackets stays ("Mr. and Mrs. Robert Hale (Bob + Liz)"); a spouse with no
# gender cue is a partner; "the Hales have 2 boys" are the client's; a lead that is the
# couple is the client.
@pytest.mark.parametrize(
    ("text", "client", "people"),
    [
        (
            "Quote for the Larkins, Hal + Bea. Met Bea Larkin on site, Hal was away. "
            "The Larkins have 2 girls (Ada 9, Fay 6).",
            "Bea Larkin",
            [("husband", "Hal"), ("daughter", "Ada"), ("daughter", "Fay")],
        ),
        (
            "Intake: Mr. and Mrs. Robert Hale (Bob + Liz). Bob wants a trust.",
            "Robert Hale",
            [("wife", "Liz")],
        ),
        (
            "Showing for the Okpalas, Ike & Grace. Ike wants a dock.",
            "Ike Okpala",
            [("wife", "Grace")],
        ),
        (
            "Call w/ Theo & Marisela Vance. Theo wants a quote.",
            "Theo Vance",
            [("wife", "Marisela")],
        ),
        (
            "Consult: Robin & Casey Flynn. Robin runs the budget.",
            "Robin Flynn",
            [("partner", "Casey")],
        ),
    ],
)
def test_a_couple_or_household_named_several_ways(
    text: str, client: str, people: list[tuple[str, str]]
) -> None:
    out = understand(text, WED)
    assert out["client"]["name"] == client
    assert sorted((p["relation"], p["name"]) for p in out["people"]) == sorted(people)


def test_a_lead_that_is_the_couple_is_the_client() -> None:
    out = understand("Robin & Casey Flynn (referred by Dot Vance) want a deck.", WED)
    assert [(i["name"], i["referrer"]) for i in out["introductions"]] == [
        ("Robin Flynn", "Dot Vance")
    ]


# Family: the user named in the note's heading or byline (the assistant writes for the rep,
# "Msg for Cody", "For Tom - while you were out", "Note for Ellen (from Brandon)") is not
# the client; a nickname in quotes or brackets between first name and surname stays in the
# client's name; a colleague introduced as "her boss ... named X" is not the client.
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("For Ravi - while you were out: Chef Lidia Marsh wants 20 more aprons.", "Lidia Marsh"),
        ("Msg for Ravi (from Jo): Lidia Marsh called re: aprons. call back", "Lidia Marsh"),
        ("Note for Ravi: Atty Lidia 'Lid' Marsh called for Ravi about the depo", "Lidia Marsh"),
        ('spoke w/ Lidia "Liddy" Marsh re: aprons', "Lidia Marsh"),
        (
            "met gus tobin at the depot, gus's boss the district manager is a guy named "
            "rex pardo and he signs",
            "Gus Tobin",
        ),
    ],
)
def test_the_user_in_the_heading_and_a_nickname_in_quotes(text: str, want: str) -> None:
    assert _client(text) == want


# Family: honorifics said aloud in dictation ("doctor", "mister", "missus") before a name in
# lower case, and a school or a hospital named in lower case, are not the client.
@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "okay so the choir director is doctor wyn harrow she wants the pipes cleaned",
            "Wyn Harrow",
        ),
        ("just left maple grove elementary the principal is missus gale orton", "Gale Orton"),
        ("stopped by to see mister abe quill about the boiler", "Abe Quill"),
        ("met with mister and misses quill abe and dot they want a boiler", "Abe Quill"),
    ],
)
def test_spoken_honorifics_and_lower_case_places(text: str, want: str) -> None:
    assert _client(text) == want


# Family: a business, a building, a boat or a heading named before the person the note is
# about: a heading's name then a dash and the person ("Blue Fern Florals - Ada Pike"), a bid
# "for" a building, a name in quotes (a boat, a shop), "From Slack"; a lone first name said
# first, then in full in brackets, is that person; the unowned title before a name ("the plant
# manager") is the client's own.
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Blue Fern Florals - Ada Pike\nneeds 40 vases by Fri", "Ada Pike"),
        ("Roof bid for Harbor Lofts, met with the board chair Ada Pike.", "Ada Pike"),
        ("Sail covers - 'Sea Fever', owner Ada Pike, slip 12", "Ada Pike"),
        ("From Slack (Tom): handing Ada Pike over to you", "Ada Pike"),
        ("Texts w/ Ada (Harbor Lofts, Ada Pike): needs keys", "Ada Pike"),
        ("met the plant manager ada pike about the chillers", "Ada Pike"),
    ],
)
def test_a_business_building_boat_or_heading_before_the_person(text: str, want: str) -> None:
    assert _client(text) == want


# Family: dictated names with what is said around them: "he goes by moe moe tolliver" (a
# nickname cue, a stutter), "hal served in the navy" (a verb in the past after a first name
# is no surname).
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("talked to the yard boss he goes by moe moe tolliver they want racks", "Moe Tolliver"),
        (
            "stopped at the depot he goes by moe tolliver his boss is a lady named ada pike",
            "Moe Tolliver",
        ),
        ("met with ada pike at her home ada served on the board for years", "Ada Pike"),
        ("met with hal and ada pike at home hal served in the navy", "Hal Pike"),
    ],
)
def test_dictated_names_and_the_words_around_them(text: str, want: str) -> None:
    assert _client(text) == want


# Family: a dictated title before a lower-case name ("nurse manager wren tolley", "pastor ida
# lund") cues the name; a saint's name is a parish or a hospital, a church named by its
# denomination ("grace lutheran") a place.
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("call with nurse manager wren tolley at saint mark's she wants carts", "Wren Tolley"),
        ("spent the morning at hope methodist with pastor ida lund about the pews", "Ida Lund"),
        ("saw the owner doctor ida lund and her tech rhea about the chews", "Ida Lund"),
        ("met the owner of harbor tile his name is ned pryce he wants a quote", "Ned Pryce"),
    ],
)
def test_a_dictated_title_before_a_name_and_churches_by_name(text: str, want: str) -> None:
    assert _client(text) == want


# Family: a name taken back as soon as it is said ("Ida Rowe? no - Ida Lund", "the Rowes no
# wait it's the Lunds, Ida Lund", "it's ida lund not ida rowe", "Ida Rowe, I mean Ida Lund"):
# the name said instead is the client.
@pytest.mark.parametrize(
    "text",
    [
        "new: Ida Rowe? no - Ida Lund, Tom's cousin. wants a fence",
        "walkthrough with Ida Rowe no wait it was Ida Lund about the fence",
        "call with Ida Rowe, I mean Ida Lund, about the fence",
        "call with Ida Rowe sorry Ida Lund about the fence",
    ],
)
def test_a_name_taken_back_gives_way_to_the_one_said_instead(text: str) -> None:
    assert _client(text) == "Ida Lund"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "To: Odalys Ferreira\nSubject: Thanks\n\nHi Odalys,\n\nThanks for the walk-through. "
            "I'll send the bid by Monday.\n\nBest,\nKit",
            "Odalys Ferreira",
        ),
        (
            "To: Bram Visser <bram@visserfarms.nl>\nSubject: Barn roof\n\nDear Mr. Visser,\n\n"
            "As promised I'll send the steel quote.\n\nKind regards,\nNell",
            "Bram Visser",
        ),
        (
            "To: Odalys Ferreira\nSubject: Fwd: bid\n\nHi Tomas,\n\nI'll send the bid by "
            "Monday.\n\nBest,\nKit",
            "Tomas",
        ),
    ],
)
def test_the_to_header_full_name_over_the_greetings_first_name(text: str, want: str) -> None:
    """The greeting names the client when it speaks to someone else than the header."""
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Shear Bliss Grooming - Tawny Reed\nrestocked the dryer. call her Thurs", "Tawny Reed"),
        ("Red Oak Detailing | Cass Imrie\nwants the ceramic coat. call her Mon", "Cass Imrie"),
        ("Quill Harbor Press - Odile Farr: proofs due Friday", "Odile Farr"),
        ("Ted Browning - Zane Okoro\ncall him about the lease", "Ted Browning"),
    ],
)
def test_a_headings_business_then_a_person_the_name_list_lacks(text: str, want: str) -> None:
    """A heading's name of three words, or one ending in a trade's "-ing", is the business;
    the two-word name after the dash is the client. Two plain names keep the first."""
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "[card] CORNELIUS ADEBAYO | General Manager | Harborview Suites\nwants a trial",
            "Cornelius Adebayo",
        ),
        ("MAUDE KIRSCH | Owner | Alpine Bakery\nsend the price list", "Maude Kirsch"),
        ("Met JOHN OKAFOR at the expo. wants a trial run", "John Okafor"),
        ("CALL BACK ASAP re the quote for Tom Pike", "Tom Pike"),
        ("RENEE BOUCHARD - GULF COAST PACKAGING\nwants samples", "Renee Bouchard"),
    ],
)
def test_a_name_typed_in_capitals_in_a_card_row_or_a_sentence(text: str, want: str) -> None:
    assert _client(text) == want


# A household said by its capitalised surname, then the couple's first names (in brackets,
# after a dash or a comma, joined by +, &, "and", "," or "/"): the first named is the client,
# whatever the first-name list knows. The rows after the first seven were held out until the
# rule was written.
HOUSEHOLDS = [
    ("lunch w/ the Abernathys (Clive + Dot) re: estate plan. Clive retiring", "Clive Abernathy"),
    ("Dinner with the Kowalczyks - Jerzy and Halina - at their place.", "Jerzy Kowalczyk"),
    ("Estate walk with Mr. and Mrs. Farrow (Nigel & Prue). Prue gardens.", "Nigel Farrow"),
    ("Walkthrough at the Okafors' (Ben and Ada) re: kitchen. Ben wants quartz.", "Ben Okafor"),
    ("call with mr and mrs delgado (rafael + lucia) about the roof", "Rafael Delgado"),
    ("Coffee w/ the Hallorans: Sean & Bridget. Sean asked for the plans.", "Sean Halloran"),
    ("Tasting for the Nakamuras (Ken/Yumi) - Ken is allergic to shellfish.", "Ken Nakamura"),
    ("Mr. & Mrs. Adeyemi (Tunde and Funmi) came by. Tunde liked the oak.", "Tunde Adeyemi"),
    ("quick call w the Brennans - Colm & Siobhan - re the panels", "Colm Brennan"),
    ("Drinks with the Fischers (Otto, Greta) about the boat slip.", "Otto Fischer"),
    # a firm of two partners is no household
    ("Atty Rachel Goldberg (Goldberg & Finch) - 3 depos next wk", "Rachel Goldberg"),
]


@pytest.mark.parametrize(("text", "want"), HOUSEHOLDS)
def test_a_household_then_its_first_names_gives_the_first_named(text: str, want: str) -> None:
    assert _client(text) == want


# A street's name is said like a person's ("on Alder Lane"): never the client.
STREETS = [
    (
        "ok so just left the Brennan house on Alder Lane, that's Colm Brennan. panels",
        "Colm Brennan",
    ),
    ("Visited the Moreno house on Cedar Lane, that's Gus Moreno. he wants panels", "Gus Moreno"),
    ("Quote for 40 Birch Court - Ada Fenwick wants the deck redone", "Ada Fenwick"),
    ("walked the lot off Quarry Rd with Tomas Reyes, he wants gravel", "Tomas Reyes"),
    ("Penny Lane called about the invoice", "Penny Lane"),
]


@pytest.mark.parametrize(("text", "want"), STREETS)
def test_a_street_is_not_the_client(text: str, want: str) -> None:
    assert _client(text) == want


# Titles of address from churches and other languages before the client's name are no part of
# it; a title that is a first name too ("Don", "Lady") only before a first name and a surname.
# The rows after "Don Walsh" were held out until the rule was written.
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Meeting with Don Aurelio Benítez, he needs more space", "Aurelio Benítez"),
        ("Call with Herr Jürgen Baumgartner from Baumgartner Fassaden GmbH", "Jürgen Baumgartner"),
        (
            "a call from the Reverend Canon Hugh Pemberton-Lisle of St. Aldhelm's",
            "Hugh Pemberton-Lisle",
        ),
        ("Met Señora Lucia Ferraro at the shop, she wants tile", "Lucia Ferraro"),
        ("lunch w/ Madame Odile Renaud, she wants the catalogue", "Odile Renaud"),
        ("Talked to Don Walsh about the roof. He wants a quote.", "Don Walsh"),
        ("coffee w/ Frau Helga Brandt re the bakery ovens", "Helga Brandt"),
        ("Signora Carla Benedetti rang about the tiles for her villa", "Carla Benedetti"),
        ("Bishop Thomas Okafor wants the parish hall repainted by Easter", "Thomas Okafor"),
        ("Mme Sylvie Marchand called, wants samples of the linen", "Sylvie Marchand"),
        ("met doña Rosa Quispe at the market stall, she wants quinoa", "Rosa Quispe"),
        ("Lady Fiona Ashworth asked for the garden plan by May", "Fiona Ashworth"),
        ("Don Patel called about his invoice, resend it", "Don Patel"),
        ("Vicar Jane Holloway wants the bells checked", "Jane Holloway"),
    ],
)
def test_a_title_of_address_is_no_part_of_the_clients_name(text: str, want: str) -> None:
    assert _client(text) == want


# A firm named after its owner's family, or with a legal ending, is not the client: the person
# whose surname it carries is. The rows after the fourth were held out until the rule was
# written (3 of 6 passed before it; a firm's own last word no longer counts as a surname).
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Account: Wick & Whimsy Candle Co. | Contact: Delphine Okorafor", "Delphine Okorafor"),
        ("Visit report — Kessler Precision, 11/9. Met: Anton Kessler (owner)", "Anton Kessler"),
        ("Barrels for Odalys Ferreira @ Ferreira Rum Co — 24 x 53gal", "Odalys Ferreira"),
        ("Visit — Brandt Tooling today. Met Karl Brandt, he wants a new lathe.", "Karl Brandt"),
        ("Quote for Moreno Roofing - spoke w/ Dave Moreno, wants shingles", "Dave Moreno"),
        ("Halvorsen Dairy AG: met Ingrid Halvorsen re the new tank", "Ingrid Halvorsen"),
        ("PO from Baxter Bros. today, Tom Baxter says rush", "Tom Baxter"),
        ("lunch at Osei Freight w/ Kwame Osei, he wants dashcams", "Kwame Osei"),
        ("Nguyen Pho House — Linh Nguyen wants new menus", "Linh Nguyen"),
        ("Dunmore Glass Company called; Pat Dunmore wants a quote", "Pat Dunmore"),
        ("Met Jordan Ellis and Ellis Park about the lease", "Jordan Ellis"),
        # dictated, names run together: no firm is read from lower-case words
        (
            "saw the owner marigold voss and her helper nina marigold wants more crates",
            "Marigold Voss",
        ),
    ],
)
def test_a_firm_named_after_a_family_is_not_the_client(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("With Dana Whitt at her office. She wants a quote by Friday.", "Dana Whitt"),
        ("With Oren Falk re the lease renewal, he wants it by June", "Oren Falk"),
        ("To Priya Nandan: the revised plan goes out Monday.", "Priya Nandan"),
        ("About Gus Moreno - his cat is sixteen, send the forms", "Gus Moreno"),
        ("Phoned Tova Lind today, she wants the brochure", "Tova Lind"),
        ("Rang Miles Achebe about the boiler service.", "Miles Achebe"),
        ("Pinged Ruth Okoye on the invoice; she'll pay Friday", "Ruth Okoye"),
        ("Dear Helga Stroud, thanks for your time today.", "Helga Stroud"),
        ("Attn Bram Kessler - the permit is approved.", "Bram Kessler"),
    ],
)
def test_a_preposition_or_verb_opening_a_sentence_is_no_part_of_the_name(
    text: str, want: str
) -> None:
    """Family (i16cl): a preposition, a joining word or a verb of getting in touch that opens a
    sentence is capitalised, and was glued to the name after it ("With Dana Whitt")."""
    assert _client(text) == want
