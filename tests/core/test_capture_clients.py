"""Matching a note's names against known clients: the prepared index equals the plain scan."""

from __future__ import annotations

import random
import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.core.names import fold, fold_all
from rapport.core.understand.clients import (
    CLOSE_ENOUGH,
    ClientIndex,
    KnownClient,
    first_name_closeness,
    match_client,
    near_lengths,
    same_first_name,
)
from tests.core.understood import understand

FIRSTS = ["Bob", "Robert", "Maria", "Mary", "Jim", "James", "Ted", "Edward", "Ana", "Anna"]
LASTS = ["Smith", "Smyth", "Gonzalez", "Gonzales", "Doe", "Stern", "Schmidt", "O'Neill"]


def _book(seed: int = 3) -> list[KnownClient]:
    rng = random.Random(seed)
    return [
        KnownClient(
            i,
            f"{rng.choice(FIRSTS)} {rng.choice(LASTS)}",
            rng.choice(["", "Acme", "Jones Co"]),
            datetime(2026, rng.randint(1, 11), rng.randint(1, 28)) if rng.random() < 0.8 else None,
        )
        for i in range(1, 300)
    ]


def _shape(match: object) -> tuple[object, ...]:
    return (
        match.client and match.client.id,  # type: ignore[attr-defined]
        match.how,  # type: ignore[attr-defined]
        tuple((c.id, round(s, 6)) for c, s in match.candidates),  # type: ignore[attr-defined]
    )


def test_index_matches_like_a_list_of_clients() -> None:
    known = _book()
    index = ClientIndex(known)
    mentions = [[f"{f} {last}"] for f in FIRSTS for last in LASTS]
    mentions += [[f] for f in FIRSTS] + [["Bob Smtih"], ["Mraia Gonzalez"], ["Zed Zulu"]]
    for mention in mentions:
        # A plain list is indexed for the one call; both must say the same.
        assert _shape(match_client(mention, ["Acme"], index)) == _shape(
            match_client(mention, ["Acme"], list(known))
        ), mention


def test_lazy_index_matches_like_a_list_and_makes_only_what_it_returns() -> None:
    known = _book()
    made: list[int] = []

    def client(i: int) -> KnownClient:
        made.append(i)
        return known[i]

    names = [c.name for c in known]
    companies = [c.company for c in known]
    mentions = [[f"{f} {last}"] for f in FIRSTS for last in LASTS]
    mentions += [[f] for f in FIRSTS] + [["Bob Smtih"], ["Mraia Gonzalez"], ["Zed Zulu"]]
    for mention in mentions:
        for company in (["Acme"], ["Nobody Inc"]):
            lazy = ClientIndex.lazy(names, companies, client)
            made.clear()
            matched = match_client(mention, company, lazy)
            assert _shape(matched) == _shape(match_client(mention, company, list(known)))
            returned = {c.id for c, _ in matched.candidates}
            assert {known[i].id for i in made} >= returned
            assert len(set(made)) <= len(known) // 2, mention  # not every record
    lazy = ClientIndex.lazy(names, companies, client)
    assert len(lazy) == len(known) and list(lazy) == known and lazy[-1] == known[-1]
    assert lazy.same_clients(known) and lazy[1:3] == tuple(known[1:3])


def test_nicknames_and_close_spellings() -> None:
    index = ClientIndex(
        [
            KnownClient(1, "Robert Smith", "Acme", datetime(2026, 11, 1)),
            KnownClient(2, "Edward Stern", "", None),
        ]
    )
    assert _shape(match_client(["Bob Smith"], [], index))[:2] == (1, "first_name")
    assert _shape(match_client(["Ted"], [], index))[:2] == (2, "first_name")
    assert _shape(match_client(["Robert Smtih"], [], index))[:2] == (1, "close")
    assert _shape(match_client(["Dana White"], ["Acme"], index))[:2] == (1, "company")
    assert _shape(match_client(["Dana White"], [], index))[:2] == (None, "new")


def test_close_spellings_are_remembered() -> None:
    index = ClientIndex(_book())
    first = index.close("bob smtih")
    assert index.close("bob smtih") is first  # the cached result, not a second scan


def test_index_is_a_sequence_of_the_clients() -> None:
    known = _book()[:5]
    index = ClientIndex(known)
    assert len(index) == 5 and list(index) == known and index[0] == known[0]
    assert not ClientIndex([])


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_folding_ascii_takes_a_shortcut_to_the_same_result(text: str) -> None:
    slow = unicodedata.normalize("NFKD", text)
    slow = "".join(ch for ch in slow if not unicodedata.combining(ch))
    assert fold(text) == " ".join(slow.casefold().split())


# Names of every shape the book's look-ups read as lines of one folded string: a first
# name alone, the same word later in another name, a nickname either way, accents, odd
# spaces (a tab, a double space, leading or trailing), an empty name, the same name twice.
TRICKY = [
    "Bob",
    "Bob Smith",
    "Jacob Bob",
    "Robert Smith",
    "Rob Smyth",
    "bob  smith",
    " Bob Doe ",
    "Bo Smith",
    "Bobby\tSmith",
    "Ana",
    "Anna Bob",
    "José Núñez",
    "JOSE nunez",
    "",
    "Ted B",
    "Edward Banks",
    "Teddy Bob",
    "Bob Smith",
    "ßob Smith",
    "Bob\u00a0Smith",
    "Ed",
]
PLAIN = ["Bob Smith", "Jacob Bob", "Robert Smith", "Ana", "Ted Banks", "Edward Banks", "Ed"]


@given(st.lists(st.text(alphabet=" \t\n\r\x1cAbéß\u00a0\u2003.-'", max_size=8), max_size=6))
def test_folding_many_at_once_is_folding_each(texts: list[str]) -> None:
    assert fold_all(texts) == [fold(text) for text in texts]


@given(
    st.integers(1, 60),
    st.lists(st.integers(0, 70).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n)))),
)
def test_the_length_bounds_at_c_speed_are_the_bounds_written_out(
    size: int, names: list[tuple[int, int]]
) -> None:
    lengths = [length for length, _ in names]
    rests = [rest for _, rest in names]
    expected = [
        i
        for i, (length, rest) in enumerate(names)
        if 2.0 * min(size, length) / (size + length) >= CLOSE_ENOUGH
        and 2.0 * (length - rest) / (size + length) >= CLOSE_ENOUGH
    ]
    assert near_lengths(size, lengths, iter(rests), max(lengths, default=0) + 1) == expected


@pytest.mark.parametrize("names", [TRICKY, PLAIN], ids=["tricky", "plain"])
def test_names_first_names_and_companies_are_found_as_a_scan_of_every_name_finds_them(
    names: list[str],
) -> None:
    known = [KnownClient(i, name) for i, name in enumerate(names)]
    companies = [names[-1 - i] for i in range(len(names))]  # the same shapes as companies
    companies[0] = "  "  # only spaces: a company that folds to nothing
    index = ClientIndex.lazy(names, companies, known.__getitem__)
    folded = [fold(name) for name in names]
    for key in {*map(fold, companies), "acme", "smith"}:
        expected = [i for i, company in enumerate(companies) if company and fold(company) == key]
        assert [c.id for c in index.by_company(key)] == expected, key
    for key in {*folded, "bob", "smith", "bob smit", "robert", "ed", "jose nunez", "b"}:
        assert [c.id for c in index.exact(key)] == [i for i, f in enumerate(folded) if f == key]
    for first in ("bob", "robert", "rob", "ted", "edward", "ed", "ana", "jose", "b", "smith"):
        for last in (None, "smith", "b", "banks", "bob"):
            expected = []
            for i, name in enumerate(folded):
                words = name.split()
                if not words or not same_first_name(words[0], first):
                    continue
                surname = words[-1]
                initial = last is not None and len(last) == 1
                if last is None or surname == last or (initial and surname.startswith(last)):
                    expected.append(i)
            assert [c.id for c in index.same_first(first, last)] == expected, (first, last)


# Family: first names and nicknames of the clients already in the book, alone or with the
# surname's initial, and said before anyone else the note names.
BOOK = [
    KnownClient(1, "Martin Cole", "Cole Marine"),
    KnownClient(2, "Beverly Nash", "Nash Interiors"),
    KnownClient(3, "Rosalind Park", "Park Family Dental"),
    KnownClient(4, "Daniel Park", "Park & Sons"),
    KnownClient(5, "Theodore Banks", "Banks Auto"),
    KnownClient(6, "Samantha Reyes", "Reyes Fitness"),
    KnownClient(7, "Catherine Moore", "Moore Veterinary"),
    KnownClient(8, "Sunil Batra", "Batra Motels"),
    KnownClient(9, "William Tate", ""),
]
BOOK_NOTES = [
    ("Marty - LVM re: slip renewal. f/u Thurs.", "Martin Cole"),  # nickname alone
    ("Bev called - samples late. her + hubs Carl off to Italy.", "Beverly Nash"),
    ("Roz P. + Dr. Hugh Park (hubby) - want a 2nd practice quote.", "Rosalind Park"),
    ("Ted B - Q3 review, wants line increase.", "Theodore Banks"),  # initial of the surname
    ("Sam R. - 2nd location opening Mar 1.", "Samantha Reyes"),  # a nickname of two names
    ("Dr. Cat Moore (Moore Vet) - autoclave down.", "Catherine Moore"),  # a word as a name
    ("Sunil + Meera (Batra Motels) - new TVs for both props.", "Sunil Batra"),
    ("Lunch with Beverly Nash at the expo.", "Beverly Nash"),  # the whole name, as before
]
NOT_BOOK_NOTES = [
    # a new person named first stays new; a book client's first name later does not win
    ("Met Tasha Bell, Marty's sister-in-law. Owns 2 daycares.", "Tasha Bell"),
    # a word that is a nickname ("Will") alone is not a client
    ("Will send the quote to Gina Lopez by Friday.", "Gina Lopez"),
]


@pytest.mark.parametrize(("note", "client"), BOOK_NOTES)
def test_a_book_client_named_by_first_name_or_nickname(note: str, client: str) -> None:
    out = understand(note, date(2026, 6, 16), BOOK)
    assert out["client"]["name"] == client
    assert out["client"]["id"] is not None


@pytest.mark.parametrize(("note", "client"), NOT_BOOK_NOTES)
def test_a_first_name_of_the_book_does_not_take_over_another_person(
    note: str, client: str | None
) -> None:
    out = understand(note, date(2026, 6, 16), BOOK)
    got = out["client"]
    assert got is None or got["id"] is None
    if client is not None:
        assert got["name"] == client


# Family (issue 16): a client of the book said another way than by the name the book holds: the
# company in part or with a suffix, a surname alone or with a title, a nickname of the public
# nickname table or a pet ending spelt another way, a first name said by its start or its end.
# Each points at exactly one client; a surname two clients share, a company or a full name the
# book lacks stays new. Rows after "held out" were written before the rules and checked only
# once they were done (10 of 10 passed then).
SAID_BOOK = [
    KnownClient(i, name, company)
    for i, (name, company) in enumerate(
        [
            ("Chidi Okafor", "Okafor Moving & Storage"),
            ("Dana Pruitt", "Pruitt Bowling Lanes"),
            ("Helen Vance", "Vance Chiropractic"),
            ("Ilona Szabo", ""),
            ("Marisol Quintero", "Quintero Landscaping LLC"),
            ("Cornelius Webb", ""),
            ("Theodora Lin", ""),
            ("Francisco Ibarra", ""),
            ("Wilhelmina Stroud", ""),
            ("Oluwaseun Adeyemi", ""),
            ("Gwendolyn Hart", ""),
            ("Stanislav Petrov", ""),
            ("Archibald Finch", ""),
            ("Tom Reyes", "Reyes Roofing"),
            ("Ana Reyes", ""),
            ("Augustine Moreau", "Moreau Bistro"),
            ("Priya Young", ""),  # surnames that are words too
            ("Sam Banks", ""),
            ("Jose Alvarez", ""),
            ("Tom Price", ""),
        ],
        start=1,
    )
]
SAID_ANOTHER_WAY = [
    ("Okafor Moving - need 2 more trucks for the June job.", "Chidi Okafor"),
    ("stopped at the Pruitt lanes, league night sign-up sheet", "Dana Pruitt"),
    ("Vance Chiro wants the new intake forms printed by Fri", "Helen Vance"),
    ("Mrs. Szabo called about the boiler.", "Ilona Szabo"),
    ("Quintero called, wants the fall cleanup quote.", "Marisol Quintero"),
    ("Neil - sending the renewal docs tomorrow", "Cornelius Webb"),
    ("Teddie L. loved the sample kit", "Theodora Lin"),
    ("Paco called re: invoice", "Francisco Ibarra"),
    ("Gwen - kitchen tile picked, grout color TBD", "Gwendolyn Hart"),
    # held out
    ("quick call w/ Okafor Moving and Storage re: insurance", "Chidi Okafor"),
    ("spoke to Dr. Vance about the billing software", "Helen Vance"),
    ("Billie S. wants her portfolio rebalanced", "Wilhelmina Stroud"),
    ("Seun called, q about the contract", "Oluwaseun Adeyemi"),
    ("Stan P - 2 pallets short on delivery", "Stanislav Petrov"),
    ("Archie wants to move the closing to Tuesday", "Archibald Finch"),
    ("Gus M. asked for a tasting menu", "Augustine Moreau"),
    ("Pruitt Lanes: resurfacing lanes 4-8 next month", "Dana Pruitt"),
    ("Mr. Petrov signed the lease", "Stanislav Petrov"),
    ("Quintero Landscaping - invoice #221 overdue", "Marisol Quintero"),
    # a second table, written after the first rules (17 of 20 passed; the three misses, a note
    # without capitals and a household by its surname, widened the rules by syntax)
    ("talked to szabo about the boiler, wants a new quote", "Ilona Szabo"),
    ("okafor moving called - truck 3 broke down", "Chidi Okafor"),
    ("the Okafors want a quote for the garage", "Chidi Okafor"),
    ("Vance Chiropractic Clinic - intake forms", "Helen Vance"),
    ("Ms Quintero wants the fall cleanup moved up", "Marisol Quintero"),
    ("Dr Vance's office called about billing", "Helen Vance"),
    ("Teddy Lin - sample kit arrived", "Theodora Lin"),
    ("Pancho wants the invoice split", "Francisco Ibarra"),
    ("Wilma S. called, rebalance", "Wilhelmina Stroud"),
    ("Met with Gwen H. re grout", "Gwendolyn Hart"),
    ("Petrov - 2 pallets short", "Stanislav Petrov"),
    ("Moreau Bistro - tasting menu for 40 on the 12th", "Augustine Moreau"),
    ("coffee w/ stan about the pallets", "Stanislav Petrov"),
    ("Quick call with Mr. Finch re closing", "Archibald Finch"),
    ("Email from Okafor Moving & Storage: invoice attached", "Chidi Okafor"),
    ("Adeyemi wants the contract by Fri", "Oluwaseun Adeyemi"),
    ("Spoke with Gus at the bistro", "Augustine Moreau"),
    ("spoke with banks about the rates", "Sam Banks"),
    # a client's whole name typed without capitals, its first name one the name list lacks, in
    # a note that has capitals elsewhere (written after the rule, none held out)
    ("call w stanislav petrov re the Q3 pallets, short again", "Stanislav Petrov"),
    ("good chat with wilhelmina stroud today. Portfolio review Fri", "Wilhelmina Stroud"),
    ("spoke to archibald finch about the Closing", "Archibald Finch"),
    ("dinner w augustine moreau - Tasting menu for 40", "Augustine Moreau"),
]
NOT_SAID_ANOTHER_WAY = [
    ("Reyes called about the lease", None),  # a surname two clients share
    ("Met Grant Vance at the expo, owns 3 gyms", "Grant Vance"),  # a new person's surname
    ("Lunch with Gwen Stacy, new lead", "Gwen Stacy"),  # a short first name, another surname
    ("Dan called about the deck", "Dan"),  # three letters: too many names start so
    ("Pruitt Hardware called re: a key order", None),  # a company the book lacks
    ("Park Ave job - new lead Rina Shah", "Rina Shah"),
    ("Mrs. Reyes called about the lease", "Reyes"),  # titled, still two clients' surname
    # a sentence's first word that is a client's surname, said as a word
    ("Price is too high for them, Dana Wells said", "Dana Wells"),
    ("Price went up again. Call Dana Wells", "Dana Wells"),
    # a family word beside a client's first name is someone else of the family: left alone
    ("Jose Jr called about the truck", "Jose Jr"),
    # without capitals, a surname that is a word said as a word
    ("met the young couple from the open house, they want a 3 bed", None),
    ("need to call the banks about the rates", None),
]


@pytest.mark.parametrize(("note", "client"), SAID_ANOTHER_WAY)
def test_a_book_client_said_by_company_surname_or_a_short_name(note: str, client: str) -> None:
    got = understand(note, date(2026, 6, 16), SAID_BOOK)["client"]
    assert got is not None and got["id"] is not None, got
    assert got["name"] == client


@pytest.mark.parametrize(("note", "client"), NOT_SAID_ANOTHER_WAY)
def test_a_name_that_fits_no_one_client_of_the_book_stays_new(
    note: str, client: str | None
) -> None:
    got = understand(note, date(2026, 6, 16), SAID_BOOK)["client"]
    assert got is None or got["id"] is None, got
    assert (got and got["name"]) == client


def test_the_public_nickname_table_widens_the_projects_own() -> None:
    # the project's own entries stay; the public table adds names it lacks; a pet ending is
    # one name however spelt, and a formal name's other gender's form shares its nicknames
    assert same_first_name("bob", "robert")
    assert same_first_name("neil", "cornelius") and same_first_name("iggy", "ignatius")
    assert same_first_name("teddie", "theodore") and same_first_name("teddie", "theodora")
    assert not same_first_name("neil", "theodora")


# Family (i16cl): a book with decoys, where a first name points at several clients: the client
# of that very first name comes before one it is a nickname of, and both before a client only a
# chain of nicknames joins to it (the public table's "Robert" and "William" share "Bill"); a
# relative's first name ("his wife Ann") is never taken for a book client of a near name.
DECOY_BOOK = [
    KnownClient(1, "William Harper"),
    KnownClient(2, "Robert Henderson", "Henderson Capital"),
    KnownClient(3, "Tony Vela", "Lakeside Grill"),
    KnownClient(4, "Bill Ostrowski"),
    KnownClient(5, "Elizabeth Moore"),
    KnownClient(6, "Beth Cole"),
    KnownClient(7, "Margaret Olsen"),
]


@pytest.mark.parametrize(
    ("note", "client"),
    [
        ("Met the Hendersons today. Robert wants a trust.", "Robert Henderson"),
        ("Robert called about the trust, wants it signed by June", "Robert Henderson"),
        ("Bill called - wants the deck plans redone", "Bill Ostrowski"),
        ("Beth called about her renewal.", "Beth Cole"),
        ("Liz called about her renewal.", "Elizabeth Moore"),
        ("Henderson called re the trust, his wife Ann too.", "Robert Henderson"),
        ("Margaret's husband Tony called; Margaret wants the roof quote", "Margaret Olsen"),
    ],
)
def test_a_first_name_picks_its_own_client_before_a_nickname_chain(note: str, client: str) -> None:
    out = understand(note, date(2026, 6, 16), DECOY_BOOK)
    assert out["client"]["name"] == client


@pytest.mark.parametrize(
    ("said", "theirs", "closeness"),
    [
        ("robert", "robert", 3),
        ("teddy", "teddie", 3),
        ("bob", "robert", 2),
        ("liz", "elizabeth", 2),
        ("robert", "william", 1),
        ("ann", "tony", 1),
        ("ann", "maria", 0),
    ],
)
def test_how_near_a_first_name_is_to_a_clients(said: str, theirs: str, closeness: int) -> None:
    assert first_name_closeness(said, theirs) == closeness
