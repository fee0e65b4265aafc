"""Stage 5, facts and interests: what is worth remembering, tagged from the catalogue.

The rules' cases, each on made-up text in no labelled set (several phrasings where a
rule is about a kind of phrase), so a case says what the rule is, not what one note needed.
"""

from __future__ import annotations

import pytest

from rapport.core.understand.interests import find_interests
from rapport.core.understand.tasks import learned
from tests.core.capture_probe import WED
from tests.core.capture_probe import fact_tags as _tags
from tests.core.capture_probe import titles as _titles
from tests.core.understood import understand


def _catalogue_tags(text: str) -> set[str]:
    return {m.tag for m in find_interests(text)}


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Call w/ Bo Lutz. he fish every weekend with his son", "fishing"),
        ("Call w/ Bo Lutz. Bo sails, keeps a boat in Mystic", "sailing"),
        ("Call w/ Bo Lutz. his partner Jo is a potter", "pottery"),
        ("Call w/ Bo Lutz. she does Muay Thai", "martial arts"),
        ("Call w/ Bo Lutz. just ran Boston!! PR 3:21", "marathon"),
        ("Call w/ Bo Lutz. she runs ultras", "ultramarathon"),
        ("Call w/ Bo Lutz. big cross-country skier", "skiing"),
        ("Call w/ Bo Lutz. allergic to latex + peanuts", "nut allergy"),
        ("Call w/ Bo Lutz. Juventus fanatic", "soccer"),
        ("Call w/ Bo Lutz. plays futsal on Tuesdays", "soccer"),
        ("Call w/ Bo Lutz. devoted birdwatcher", "birding"),
        ("Call w/ Bo Lutz. restores antique clocks", "antiques"),
        # rodeo is its own tag (pastimes.json): labellers keep it apart from riding
        ("Call w/ Bo Lutz. team roping on weekends", "rodeo"),
        ("Call w/ Bo Lutz. grows her own tomatoes", "gardening"),
        ("Call w/ Bo Lutz. plays bass in a cover band", "music"),
        ("Call w/ Bo Lutz. she's a beekeeper on the side", "beekeeping"),
        ("Call w/ Bo Lutz. thank Bo, he's a bourbon guy", "bourbon"),
        ("Call w/ Bo Lutz. He's a huge Real Madrid fan, send a jersey?", "real madrid"),
    ],
)
def test_interests_as_the_round_2_notes_say_them(text: str, tag: str) -> None:
    assert tag in _tags(text)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Call w/ Bo Lutz. his wife does the books", "reading"),
        ("Call w/ Bo Lutz. NYE gala menu changes", "charity"),
        ("Volunteer coordinator Bo Lutz - 25 volunteers for the 5K", "volunteering"),
        ("Call w/ Bo Lutz. wants drone scouting on 2,000 acres", "scouting"),
        ("Call w/ Bo Lutz. his daughter is doing the spelling bee", "crosswords"),
        ("Call w/ Bo Lutz. peanuts at the ballgame", "nut allergy"),
        ("Call w/ Bo Lutz. big Harry Potter fan", "pottery"),
    ],
)
def test_words_that_are_not_those_interests(text: str, tag: str) -> None:
    assert tag not in _tags(text)


def test_probed_phrasings_sox_talking_about_sending_it_now_and_a_callback() -> None:
    assert "baseball" in _tags("Lunch w/ Kara Diaz. hates the Yankees, die-hard Sox fan")
    assert "boating" in _tags("Lunch w/ Kara Diaz. can't stop talking about his new boat")
    # the rules file "sending it now" as today's task; whether the shipped task model lets
    # it stand is the model's, judged leave-one-set-out (tools/train_task_model.py loso)
    learned.use_model(None)
    try:
        out = understand("Jen Ruiz texted asking for the W-9, sending it now", WED)
    finally:
        learned._state.clear()  # the shipped model, read again at the next note
    assert _titles(out) == [("Send the W-9", "2026-11-18")]
    out = understand("Got a VM from Dana Cole, she wants a callback re: the claim", WED)
    assert _titles(out) == [("Call back", None)]
    out = understand("VM from Dana Cole, wants a call back tmrw. call her back tmrw", WED)
    assert _titles(out) == [("Call Dana back", "2026-11-19")]
    out = understand("Mtg w/ Derrick Jones. Son DJ is a junior, getting recruited.", WED)
    assert _titles(out) == []


def test_the_twins_fan_is_a_team_and_his_twins_are_children() -> None:
    assert "minnesota twins" in _tags("Call w/ Ida Roy. Ida is a huge Twins fan")
    assert "minnesota twins" not in _tags("call w/ ida roy. his twins play hockey, big fans")


def test_a_dictated_note_is_cut_where_a_task_starts() -> None:
    text = (
        "spoke with Gary Lin at Northway Foods about the peak season they need 12 extra trailers "
        "Gary is a huge Twins fan and goes fishing up north every weekend send him the capacity "
        "plan by Thursday and loop in our ops manager Tina"
    )
    out = understand(text, WED)
    assert ("Send Gary the capacity plan", "2026-11-19") in _titles(out)
    assert {"minnesota twins", "fishing"} <= {t for f in out["facts"] for t in f["tags"]}


def test_diet_words_before_a_product_and_more_clubs() -> None:
    assert "vegetarian" not in _tags("Catering for Al Ng. vegetarian + gluten free options")
    assert "vegetarian" in _tags("Lunch w/ Al Ng. she's vegetarian and gluten free.")
    assert "soccer" in _tags("Lunch w/ Al Ng. big Olympiacos fan")
    assert "antiques" in _tags("Lunch w/ Al Ng. obsessed w/ mid-century modern furniture")


def test_a_dictated_note_keeps_nouns_after_a_determiner_and_cuts_before_i_need() -> None:
    text = (
        "met with Cara Bell the owner of Bell Dental about the build out of her new office she "
        "wants to open by June 1 and she runs marathons I need to get her a budget estimate by "
        "Friday and set up a site walk with the architect"
    )
    out = understand(text, WED)
    assert _titles(out)[0] == ("Get Cara a budget estimate", "2026-11-20")
    assert not any(t.startswith("Build") for t, _ in _titles(out))
    assert "running" in {t for f in out["facts"] for t in f["tags"]}


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Lunch w/ Dale Fontenot. big LSU fan, never misses a home game", "lsu tigers"),
        ("Call w/ Nora Pike. she's an avid polo player, rides in Wellington", "polo"),
        ("Mtg w/ Ken Ito. his daughter plays water polo at Stanford", "water polo"),
        ("Visit w/ Gus Lam. Gus breeds koi, has a pond out back", "koi"),
        ("Coffee w/ Ida Berg. huge ski jumping fan, watches every World Cup", "skiing"),
        ("Lunch w/ Mae Ruiz. she's a collector of Japanese art", "art"),
        ("Call w/ Lou Park. he grows heirloom tomatoes every summer", "gardening"),
    ],
)
def test_interest_vocabulary(text: str, tag: str) -> None:
    assert tag in _tags(text)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Tour w/ Ana Cruz. she wants the ballroom and the tea ceremony room for 200", "dance"),
        ("Tour w/ Ana Cruz. she wants the ballroom and the tea ceremony room for 200", "tea"),
        ("Mtg w/ Rob Lyle. his son runs the winery now, Rob handles the books", "wine"),
        ("Polo shirts for the staff: Ray Tan wants 40 with the logo", "polo"),
    ],
)
def test_venue_and_business_words_are_not_interests(text: str, tag: str) -> None:
    assert tag not in _tags(text)


def test_ballroom_dancing_and_wine_lovers_still_count() -> None:
    assert "dance" in _tags("Call w/ Ana Cruz. she and her husband love ballroom dancing")
    assert "wine" in _tags("Call w/ Ana Cruz. she loves visiting wineries in Napa")


def test_a_new_subject_and_verb_start_a_clause_in_a_run_on() -> None:
    out = understand(
        "walked the site with Paula Grant and her husband Lee they want to raise the roof and "
        "add a second bath Lee is really into woodworking he has a shop out back I need to send "
        "the revised plans by Friday",
        WED,
    )
    assert _titles(out) == [("Send the revised plans", "2026-11-20")]
    assert "woodworking" in {tag for fact in out["facts"] for tag in fact["tags"]}


def test_one_sentence_about_two_relatives_gives_each_their_own_fact() -> None:
    out = understand("Call w/ Ben Cole. his wife Tessa rides dressage, their son does rodeo", WED)
    facts = [(f["about"], f["tags"]) for f in out["facts"] if f["tags"]]
    # the pastime's own tag first, the catalogue's broader tag kept after it (pastimes.json)
    assert facts == [
        ("Tessa", ["dressage", "horseback riding"]),
        ("son", ["rodeo"]),
    ]
    out = understand("Call w/ Ben Cole. son Jake, 12, and daughter Mia, 9, both ski", WED)
    assert [f["tags"] for f in out["facts"] if f["tags"]] == [["skiing"]]


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Call w/ Rita Moss. Rita has 2 boys, both in scouts", "scouting"),
        ("Call w/ Rita Moss. she's a huge K-pop fan", "music"),
    ],
)
def test_more_interest_vocabulary(text: str, tag: str) -> None:
    assert tag in _tags(text)


def test_a_bakery_owned_is_a_business_a_baker_at_home_is_an_interest() -> None:
    assert "baking" not in _tags("Met Pawel Nowak, he is owner of a bakery chain, wants ovens")
    assert "baking" in _tags("Call w/ Ida Berg. she bakes sourdough every weekend")
    assert "baking" in _tags("Call w/ Ida Berg. she's an avid baker")
    assert "baking" in _tags("Call w/ Ida Berg. she loves pastries")


def test_yesterday_opening_a_sentence_is_not_someone_a_fact_is_about() -> None:
    out = understand("Yesterday I met Pawel Nowak. His son Kacper plays volleyball", WED)
    assert out["client"]["name"] == "Pawel Nowak"
    assert all(f["about"] != "Yesterday" for f in out["facts"])


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        (
            "Lunch w/ Raj Iyer. He doesn't drink. Loves cricket and Bollywood.",
            {"cricket", "movies"},
        ),
        ("Lunch w/ Raj Iyer. hates golf, loves tennis", {"tennis"}),
        ("Lunch w/ Raj Iyer. not into golf but likes tennis", {"tennis"}),
        ("Lunch w/ Raj Iyer. doesn't like golf", set()),
        ("Lunch w/ Raj Iyer. his wife is into Bollywood dance", {"dance"}),
    ],
)
def test_a_negation_ends_with_its_sentence_or_a_liking_clause(text: str, tags: set[str]) -> None:
    found = _tags(text) - {"sober"}
    assert found & {"cricket", "movies", "tennis", "golf", "dance"} == tags


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Giovanni Russo. he watch football (Juventus!) every week", "football"),
        ("Visit w/ Mike Dahl. wants 2 more tap handles for our IPA", "beer"),
        ("Gym day: Carlos Reyes (IronWorks) and Jenna Pike, Pike Pilates", "pilates"),
        ("Tony Moretti wants new menu boards + window vinyl", "vinyl"),
    ],
)
def test_words_that_name_a_product_a_business_or_the_other_football(text: str, absent: str) -> None:
    assert absent not in _tags(text)


def test_a_casino_theme_is_not_a_poker_habit() -> None:
    out = understand("Call w/ Nina Park re: holiday party, wants a casino theme.", WED)
    assert not any("poker" in f["tags"] for f in out["facts"])
    out = understand("Nina Park loves casinos, goes to Vegas every spring.", WED)
    assert any("poker" in f["tags"] for f in out["facts"])


@pytest.mark.parametrize(
    "text",
    [
        "Acct: Gio Russo @ Trattoria Sole. Wants 6 cs of the Chianti for the holiday menu.",
        "Stopped in at Gio Russo's bar, samples of the new mezcals Tues.",
        "Annual review w/ Gio Russo. He wants to drop the boat policy.",
        "Gio Russo is moving to an all-natural wine list.",
        "Met Gio Russo, his shop stocks the craft beer we distribute.",
    ],
)
def test_products_and_business_lines_are_not_interests(text: str) -> None:
    assert not _tags(text) & {"wine", "boating", "beer", "craft beer", "spirits", "mezcal"}


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Order a gift for Gio Russo (he's a wine guy)", "wine"),
        ("Gio Russo ordered lunch. He loves sailing on weekends.", "sailing"),
    ],
)
def test_a_trade_word_in_another_clause_does_not_block(text: str, tag: str) -> None:
    assert tag in _tags(text)


def test_a_count_of_things_is_stock_not_a_collection() -> None:
    assert "tractors" not in _catalogue_tags("Hauler called: 3 new tractors arrive in March.")
    assert "boating" not in _catalogue_tags("Buyer looking at 50-60' motor yachts, cash deal.")
    assert "tractors" in _catalogue_tags("He collects 12 antique tractors.")
    assert "tractors" in _catalogue_tags("Gary restores tractors on weekends.")


def test_a_mount_names_a_place_not_a_park() -> None:
    assert "national parks" not in _tags("Coffee with Rev. Dale Ames of Mt. Zion Baptist.")
    assert "national parks" in _catalogue_tags("They hiked Zion in May.")


def test_a_swimming_pool_or_swim_platform_is_a_place() -> None:
    assert "swimming" not in _catalogue_tags("The club's swimming pool reopens in June.")
    assert "swimming" not in _catalogue_tags("Wants a swim platform on the new boat.")
    assert "swimming" in _catalogue_tags("Her son is on the swim team.")


def test_breeding_or_showing_animals_is_a_liking() -> None:
    assert "dogs" in _catalogue_tags("Mona breeds Labradors out of her barn.")
    assert "horses" in _catalogue_tags("Kit is showing her Thoroughbred at the spring show.")
    assert "dogs" not in _catalogue_tags("Labradors were everywhere at the park.")


def test_tinkering_with_clocks_is_a_hobby() -> None:
    assert "clocks" in _catalogue_tags("Retired, he tinkers with clocks in the garage.")
    assert "clocks" not in _catalogue_tags("Clocks go back on Sunday.")


def test_a_household_owning_a_few_things_still_likes_them() -> None:
    assert "kayaking" in _catalogue_tags("They own 2 kayaks.")
    assert "kayaking" in _catalogue_tags("He has two kayaks at the lake.")
    assert "tractors" not in _catalogue_tags("He has 40 tractors on the farm.")


def test_a_business_object_named_after_a_hobby_is_not_the_hobby() -> None:
    assert "boating" not in _catalogue_tags("Approved the yacht financing for Dale.")
    assert "golf" not in _catalogue_tags("Sent the golf cart lease to the club.")
    assert "boating" in _catalogue_tags("Dale just bought a yacht and loves it.")


def test_how_to_treat_the_client_is_remembered_not_a_task() -> None:
    def kept(text: str) -> tuple[list[str], list[tuple[str, str]], list[str]]:
        out = understand(text, WED)
        facts = [(f["text"], f["category"]) for f in out["facts"]]
        return [t["title"] for t in out["tasks"]], facts, out["key_points"]

    assert kept("Call with Rachel Green. Hold off on the renewal talk.") == (
        [],
        [],
        ["Hold off on the renewal talk."],
    )
    assert kept("Lunch with Bob Smith. Avoid talking politics.") == (
        [],
        [("Avoid talking politics.", "preference")],
        [],
    )
    assert kept("Lunch with Bob Smith. Never call before 9.")[1] == [
        ("Never call before 9.", "preference")
    ]
    assert kept("Lunch with Bob Smith. Avoid dairy.")[1] == [("Avoid dairy.", "dietary")]
    assert kept("Lunch with Bob Smith. Hold the order until Jan 5.")[0] == ["Hold the order"]


TAGS = [
    pytest.param(
        "Review w/ Al Roy, wants to drop coverage (sold the boat).",
        "boating",
        False,
        id="what_a_client_sold_is_no_longer_an_interest",
    ),
]


@pytest.mark.parametrize(("text", "tag", "found"), TAGS)
def test_interest_tags(text: str, tag: str, found: bool) -> None:
    """An interest tag of the note's facts is there, or is not."""
    assert (tag in _tags(text)) is found


CATALOGUE_TAGS = [
    pytest.param(
        "Married, 3 kids. Surfs every weekend.",
        "surfing",
        True,
        id="a_count_never_reaches_across_a_sentence",
    ),
]


@pytest.mark.parametrize(("text", "tag", "found"), CATALOGUE_TAGS)
def test_catalogue_tags(text: str, tag: str, found: bool) -> None:
    """The interest catalogue finds a tag in a text, or does not."""
    assert (tag in _catalogue_tags(text)) is found


@pytest.mark.parametrize(
    ("text", "trade"),
    [
        # made for sale: a making verb with a quantity, or with a sale after it
        ("Visit w/ Ines Roa. Ines carves about 40 decoys a year for the gift shops", "decoys"),
        ("Visit w/ Ines Roa. she brews 12 barrels of beer a week", "beer"),
        ("Visit w/ Ines Roa. she bakes bread for three restaurants downtown", "baking"),
        ("Visit w/ Ines Roa. her husband is a potter, makes the bowls they sell", "pottery"),
        # a firm or a place named for its goods
        ("Visit w/ Ines Roa (Roa Kayaks). fleet of 30", "kayaking"),
        ("Met Ines Roa at Riverbend Golf Carts about the fleet", "golf"),
        ("Visit w/ Ines Roa, owner of the Blue Door Wine Bar", "wine"),
        # the shop's own product, or the seller's offer of it
        ("Visit w/ Ines Roa. she wants to change her house espresso", "coffee"),
        ("Visit w/ Ines Roa. asked for a whiskey club proposal", "whiskey"),
    ],
)
def test_the_clients_trade_goods_are_no_interest(text: str, trade: str) -> None:
    assert trade not in {t for tag in _tags(text) for t in tag.split()}, _tags(text)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Visit w/ Ines Roa. she bakes every Sunday with her grandkids", "baking"),
        ("Visit w/ Ines Roa. she brews her own beer, loves a good stout", "beer"),
        ("Visit w/ Ines Roa. big into woodworking, makes toys for the grandkids", "woodworking"),
        ("Visit w/ Ines Roa. Ines is running the Boston Marathon in April", "marathon"),
        ("Visit w/ Ines Roa. loves golf, sells insurance for a living", "golf"),
    ],
)
def test_a_pastime_near_a_trade_word_stays_an_interest(text: str, tag: str) -> None:
    assert tag in _tags(text)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Call w/ Bo Lutz. he forages for chanterelles every fall", "foraging"),
        ("Call w/ Bo Lutz. big mushroom hunter, knows every spot in the county", "foraging"),
        ("Call w/ Bo Lutz. out until duck season ends", "hunting"),
        ("Call w/ Bo Lutz. elk hunter, goes to Montana each fall", "hunting"),
        ("Call w/ Bo Lutz. he and his wife won a salsa competition last spring", "dance"),
        ("Call w/ Bo Lutz. restores old fire trucks in his barn", "cars"),
        ("Call w/ Bo Lutz. keen amateur astronomer", "astronomy"),
    ],
)
def test_everyday_phrasings_of_a_pastime(text: str, tag: str) -> None:
    assert tag in _tags(text)


# Everyday pastimes the catalogue lacked and pastimes said as their doer after a word of
# devotion ("avid kayaker"); a racing or dancing kind is its own tag under the broader one.
# The rows after the first eight were held out until the rules were written.
PASTIMES = [
    ("Call w/ Tom Reyes. avid kayaker, out on the bay most weekends", "kayaking"),
    ("fatima ali is a competitive fencer", "fencing"),
    ("Pia Lund, CPA - keen curler, skips her rink", "curling"),
    ("ollie grant plays bocce with his brothers every sunday", "bocce"),
    ("Lin Zhao is big into drag racing", "auto racing"),
    ("Kofi races cyclocross in the fall", "cycling"),
    ("Priscilla does ikebana", "flower arranging"),
    ("her + bf Anil into ballroom dancing, comp in Vegas Oct.", "ballroom dancing"),
    ("Jo Kim (dentist) - weekend sailer", "sailing"),
    ("Otto Brandt plays hurling for his county", "hurling"),
    ("dee shaw skates in a roller derby league", "roller derby"),
    ("carl races dirt late models on saturday nights", "auto racing"),
    ("she shows him at dog shows", "dog shows"),
    ("Marco loves Negronis", "cocktails"),
]


@pytest.mark.parametrize(("text", "tag"), PASTIMES)
def test_everyday_pastimes_and_their_doers(text: str, tag: str) -> None:
    assert tag in _tags(f"Call w/ Bo Lutz. {text}")


@pytest.mark.parametrize(
    "text",
    [
        "Ana Cruz is a painter, did our lobby",  # a doer with no devotion word: maybe a trade
        "Lorna competes at Badminton-level, mad keen",  # the horse trials' place
        "she needs a curling iron for the shoot",
    ],
)
def test_a_doer_or_a_pastimes_word_in_another_sense(text: str) -> None:
    said = _tags(f"Call w/ Bo Lutz. {text}")
    assert not said & {"painting", "racquet sports", "badminton", "curling"}


# A word in another sense: a cause said as the purpose of something else, coaches as buses.
# The rows after the first five were held out until the rules were written.
NOT_THE_CAUSE_OR_THE_COACHING = [
    "she's running the Boston Marathon for charity",
    "he does a polar plunge every january for charity",
    "he swims the bay every year for cancer research",
    "3 coaches Nashville to Memphis 5/16",
    "needs two motor coaches for the youth trip",
    "she climbed Kilimanjaro for a charity last year",
    "4 coaches for the wedding shuttle",
    "charter coaches for the band trip",
]


@pytest.mark.parametrize("text", NOT_THE_CAUSE_OR_THE_COACHING)
def test_a_cause_as_a_purpose_and_coaches_as_buses_are_no_interests(text: str) -> None:
    assert not _tags(f"Call w/ Bo Lutz. {text}") & {"charity", "coaching"}


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("she volunteers for charity every weekend", "charity"),
        ("he raises money for charity, golf scramble every May", "charity"),
        ("he coaches his son's hockey team", "coaching"),
    ],
)
def test_giving_to_a_cause_and_coaching_a_team_still_count(text: str, tag: str) -> None:
    assert tag in _tags(f"Call w/ Bo Lutz. {text}")


# Whose a pastime is, read back to the clause's subject: the writer's own ("My son's little
# league game", "I'm a Bears fan myself"), the writer's colleague's or a rival's is not the
# client's; the client's said in the third person or spoken of by the writer still is. The
# rows after the first five (of each table) were held out until the rule was written.
@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("My son's little league game is at 6 so I left early.", "baseball"),
        ("I'm a huge Bears fan myself so we chatted.", "chicago bears"),
        ("my wife does pottery too, small world", "pottery"),
        ("i ran the Chicago marathon last fall and he asked about it", "marathon"),
        ("our sales rep Jim is a big golfer", "golf"),
        ("My daughter plays travel soccer with his niece", "soccer"),
        ("had to leave early for my own hockey game", "hockey"),
        ("I told him I fly fish too", "fly fishing"),
        ("my husband is a die-hard Packers fan, told him", "green bay packers"),
        ("his competitor's owner races sailboats", "sailing"),
    ],
)
def test_the_writers_or_a_colleagues_pastime_is_not_the_clients(text: str, tag: str) -> None:
    assert tag not in _tags(f"Call w/ Ben Ode. {text}")


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("he's a huge Bears fan like me", "chicago bears"),
        ("he asked about my trip but he's the real golfer", "golf"),
        ("I hope the pickleball tournament goes well!", "pickleball"),
        ("I heard the marathon went great", "marathon"),
        ("my client loves golf", "golf"),
        (
            "so i'm waiting on that one helen's son kevin plays trumpet in the marching band",
            "music",
        ),
    ],
)
def test_the_clients_pastime_said_near_the_writer_still_counts(text: str, tag: str) -> None:
    assert tag in _tags(f"Call w/ Ben Ode. {text}")


def test_in_the_clients_own_e_mail_my_pastime_is_the_clients() -> None:
    mail = (
        "Hi Jordan,\n\nThanks for the tour of the Reno site. Please send the rate card by June 5."
        "\n\nBy the way, my partner and I are finally hiking the Camino in July!\n\nBest,\n"
        "Morgan Steele"
    )
    assert "hiking" in _tags(mail)


# A business the client owns, named by its trade in the plural ("three yoga studios", "two
# wine shops"), is their trade, not their pastime. The rows after the first two were held out.
@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("new lead, owns three yoga studios.", "yoga"),
        ("she runs two wine shops in town", "wine"),
        ("he owns 4 golf stores", "golf"),
        ("he owns two coffee shops", "coffee"),
    ],
)
def test_a_chain_of_a_trades_businesses_is_no_pastime(text: str, tag: str) -> None:
    assert tag not in _tags(f"Call w/ Bo Lutz. {text}")


# A classic car said by its make after a collector's word ("his vintage Jaguar", "a restored
# MGB"); the make alone is a car to drive. The rows after the first three were held out.
@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Nigel mostly talked about his vintage Jaguar.", True),
        ("he restored a 1967 MGB roadster", True),
        ("he drives a Jeep to work", False),
        ("drives a classic Bel Air on weekends", True),
        ("she has a vintage Beetle", True),
        ("he bought a Charger", False),
    ],
)
def test_a_classic_car_said_by_its_make(text: str, found: bool) -> None:
    assert ("cars" in _tags(f"Call w/ Bo Lutz. {text}")) is found


# i16ii: each family's own cases, then the held-out half (written with them, checked after).
NOT_A_LIKING = [
    # a firm's or a venue's name in the note's heading, after "@" or "at", or in an aside
    # just after a person's name is its trade
    ("Kimura Bonsai - Gus + Aiko want gift cards for the sale", "gardening"),
    ("LM from Lucinda @ Moreau Vineyards: tablets keep dropping wifi", "wine"),
    ("Voicemail from Bjorn Eriksen (Eriksen Trout Farm): the feed was damp", "fishing"),
    ("Sasha V. (ballet school) wants the ticketing add-on quoted", "ballet"),
    ("Spoke w/ Ana Ruiz @ Bluewater Sailing: charter invoices overdue", "sailing"),
    ("Rita Moss (Moss Equestrian) wants quotes for 3 trailers", "horseback riding"),
    ("Hartley Golf - Pete wants 2 more chargers by Fri", "golf"),
    ("met Jo Park at Summit Climbing, re: the waiver software", "climbing"),
    ("Leon B. (yoga retreats) wants a new booking page by June", "yoga"),
    ("Marta Diaz (bike shop on Main) needs a second register", "cycling"),
    # a pet named after a thing is a name
    ("oh and her pitbull Brisket came in the kitchen door lol", "bbq"),
    ("Doug's wife Moira + their lab Whisky (of course).", "whiskey"),
    ("their beagle Tequila chewed the sample binder lol", "tequila"),
    ("her pug Espresso barked the whole call", "coffee"),
    # one trip said in passing
    ("Have a great trip to Tromso next month!", "travel"),
    ("Holloway Pharmacy: Rick's on vacation, spoke to Dana", "travel"),
    ("Rick Salas: enjoy the Cabo getaway, talk when you're back", "travel"),
    ("they're back from their anniversary trip, call Mon", "travel"),
    # things named by an activity's plural, a device named by its doer
    ("Anton: send part drawings by Friday", "drawing"),
    ("Sent the shop drawings to Ali Khan for sign-off", "drawing"),
    ("Pruitt Lanes league night jammed the card readers.", "reading"),
    ("Ravi Shah says the meter readings were off again", "reading"),
    # a thing wanted, ordered or priced is a purchase
    ("They want a river cruise for their 40th, call Mon", "travel"),
    ("Wants 20 more bikes + 10 rowers for the gym.", "cycling"),
    ("She wants a second electric kiln, the big one.", "pottery"),
    ("They're looking at a 24 foot pontoon for the lake place.", "boating"),
    ("Can you break out the cost of the onsite yoga sessions?", "yoga"),
    ("Nina Cho needs two new golf carts before the member event.", "golf"),
    ("They want to book a wine tasting for 30 guests in May.", "wine"),
    ("The Parks want a hot tub and a putting green out back.", "golf"),
    ("Coach Ray ordered 12 new soccer balls for the league.", "soccer"),
    ("Gil wants a quote for the fly fishing lodge package.", "fly fishing"),
    ("Amy Lo needs the price on three kayaks for the rental fleet.", "kayaking"),
    ("they need six more easels for the painting class", "painting"),
]


@pytest.mark.parametrize(("text", "tag"), NOT_A_LIKING)
def test_a_pastimes_word_for_a_firm_a_name_a_trip_or_a_purchase_is_no_liking(
    text: str, tag: str
) -> None:
    assert tag not in _tags(text)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        # the catalogue's tag is the activity: a birder birds, a cellist plays the cello
        ("Call w/ Neil Abe. He's a birder like me", "birding"),
        ("Call w/ Dr. Eve Hart. an accomplished cellist", "cello"),
        ("Call w/ Bo Lutz. she runs ultras on her days off", "ultramarathon"),
        ("Call w/ Mia Cole. she's a keen birdwatcher, does the bird count", "birding"),
        ("Call w/ Ty Moe. plays cello in a string quartet", "cello"),
        ("Call w/ Al Kent. did his first ultramarathon in May", "ultramarathon"),
        # the same words where they do say a liking
        ("Call w/ Dan Roth (huge golfer) re: renewal", "golf"),
        ("Call w/ Sue Lin. loves to travel, 40 countries so far", "travel"),
        ("Call w/ Sue Lin. her dog Max loves hiking with her", "hiking"),
        ("Call w/ Lou Ames. big reader, mostly history", "reading"),
        ("Dale just bought a yacht and loves it.", "boating"),
        ("Cal wants to learn golf this summer.", "golf"),
        ("He wants a weekend of golf with his boys.", "golf"),
        ("Sue Ames, big skier, wants a new pair of skis for Xmas", "skiing"),
        ("Order a gift for Gio Russo (he's a wine guy)", "wine"),
        ("It was lovely to hear how you two met on the Camino.", "hiking"),
    ],
)
def test_the_activity_and_a_liking_beside_the_purchase_and_trade_rules(text: str, tag: str) -> None:
    assert tag in _tags(text)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        # "the X guy": who someone is for trade; "the" before a weak word: one thing
        ("Ferraro - the violin guy on 5th. wants autopay", "violin"),
        ("We're still keen on the pilot of the scribe service.", "aviation"),
        ("Ewan's off to Islay w/ his dad for the festival.", "scotch"),
        ("Stopped by Dom's, the bike guy on Elm, re: the card reader", "cycling"),
        ("Talked to the golf people at Ridgeview about the outing invoices", "golf"),
        ("she's big on the church renovation budget", "faith"),
        ("Met Sam at the library to sign the lease", "reading"),
    ],
)
def test_the_tradesman_and_one_thing_named_by_a_pastime_are_no_liking(text: str, tag: str) -> None:
    assert tag not in _tags(text)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Call w/ Bo Lutz. he's a golf guy", "golf"),
        ("Call w/ Bo Lutz. loves Islay, has every Laphroaig", "scotch"),
        ("Call w/ Bo Lutz. big into church, sings every Sunday", "faith"),
    ],
)
def test_a_guy_of_a_pastime_and_a_liking_of_a_place_still_count(text: str, tag: str) -> None:
    assert tag in _tags(text)


# Family: the long tail of pastimes (resources/pastimes.json): dances, crafts, a sport's
# variety, instruments, a child's competitive activity, less common pets and collections,
# each under its own tag, with the catalogue's broader tag after it where the catalogue had
# the phrase under that tag (a phrase keeps the tag it had: gifts hang off it).
LONG_TAIL = [
    ("his daughter Lena does Irish dancing, worlds in April", {"irish dance", "dance"}),
    ("she and her husband go line dancing Fridays", {"line dancing", "dance"}),
    ("Gus crochets blankets for the shelter", {"crochet", "knitting"}),
    ("she's taken up stained glass", {"stained glass"}),
    ("he plays banjo in a bluegrass jam", {"banjo", "music"}),
    ("Ravi's wife plays the sitar", {"indian classical music", "music"}),
    ("their son Eli pole vaults for his high school, does track and field", {"track and field"}),
    ("she's into bouldering at the gym downtown", {"bouldering", "climbing"}),
    ("her daughter competes in pageants", {"pageants"}),
    ("their girl Mae shows goats at the county fair", {"livestock shows"}),
    ("he keeps racing pigeons", {"pigeon racing"}),
    ("avid rockhound, drives to Arizona for geodes", {"rock collecting"}),
    ("his son Theo is obsessed with dinosaurs", {"dinosaurs"}),
    ("he's on the dragon boat team", {"dragon boat", "rowing"}),
    ("she does tai chi in the park every morning", {"tai chi"}),
    ("her son is in Model UN and speech and debate", {"debate"}),
    ("plays cribbage with his father-in-law", {"card games"}),
    ("he forges knives in his garage, big into blacksmithing", {"blacksmithing"}),
]


@pytest.mark.parametrize(("text", "tags"), LONG_TAIL)
def test_the_long_tail_of_pastimes(text: str, tags: set[str]) -> None:
    assert tags <= _tags(f"Call w/ Bo Lutz. {text}")


# Family: a pastime said by where it is practised, just after its word ("squash league",
# "bowls in a league", "salsa lessons"): a word that is weak alone counts there.
PRACTISED = [
    ("her son Kai plays in a squash league", "squash"),
    ("Dot bowls in a league on Tuesdays", "bowling"),
    ("they take salsa lessons on Thursdays", "salsa dancing"),
    ("she signed up for crafts club at the library", "crafts"),
]


@pytest.mark.parametrize(("text", "tag"), PRACTISED)
def test_a_pastime_said_by_where_it_is_practised(text: str, tag: str) -> None:
    assert tag in _tags(f"Call w/ Bo Lutz. {text}")


# Precision: flowers bought or sold are no garden ("2 doz red roses"), a flower needs a grower
# ("grows dahlias"); a crew, a canning line, a school play, a reef tank serviced are work.
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("order: 2 doz red roses + baby's breath for Fri", "roses"),
        ("Prue is the gardener, dahlias everywhere", "dahlias"),
        ("the crew starts demo Monday", "crew"),
        ("don't bring up the canning line yet", "canning"),
        ("his kids are in the school play Fri", "acting"),
        ("the reef tank in the lobby is cloudy again", "aquarium"),
        ("Leon B. (b-boy crew) wants a booking page", "hip hop dance"),
    ],
)
def test_a_pastimes_word_for_goods_or_work_is_no_liking(text: str, absent: str) -> None:
    assert absent not in _tags(f"Call w/ Bo Lutz. {text}")


def test_a_grower_of_a_flower_likes_it() -> None:
    assert {"dahlias", "gardening"} <= _tags("Call w/ Bo Lutz. He grows dahlias, wants our list")


# Family: pastimes said in other Englishes ("the footy", "plays bowls", "hill walking",
# "parkrun", "am-dram", "caravanning", "bell ringing").
@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("he's mad about the footy, Collingwood member", "australian rules football"),
        ("she plays netball on Tuesdays", "netball"),
        ("he plays bowls at the club", "lawn bowls"),
        ("loves a bit of hill walking", "hiking"),
        ("does parkrun every Saturday", "running"),
        ("she's big into am-dram", "theater"),
        ("they go caravanning every summer", "camping"),
        ("he's a bell ringer at St Mary's", "bell ringing"),
    ],
)
def test_pastimes_of_other_englishes(text: str, tag: str) -> None:
    assert tag in _tags(f"Call w/ Bo Lutz. {text}")


# Precision families: a pastime word naming a venue ("lunch at the Tennis Club"), a job ("a
# yoga instructor"), a firm's sponsorship, a purchase or a gift ("buying a new kayak for her
# husband"), a past pastime ("used to play tennis"), or a neighbour's or a friend's pastime.
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("we met at the golf club", "golf"),
        ("lunch at the Tennis Club on Friday", "tennis"),
        ("she is a yoga instructor", "yoga"),
        ("her company sponsors the marathon", "marathon"),
        ("she's buying a new kayak for her husband", "kayaking"),
        ("she used to play tennis but stopped after the knee", "tennis"),
        ("her neighbour is a big fisherman", "fishing"),
        ("his friend Al golfs every Friday", "golf"),
    ],
)
def test_a_venue_a_job_a_purchase_a_past_or_someone_elses_pastime(text: str, absent: str) -> None:
    assert absent not in _tags(f"Call w/ Bo Lutz. {text}")


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("she plays at the golf club every Sunday", "golf"),
        ("she's a member of the yacht club", "boating"),
        ("she used to teach piano and still plays every day", "piano"),
        ("she bought a kayak and loves it", "kayaking"),
    ],
)
def test_the_same_words_said_as_a_liking_stay(text: str, tag: str) -> None:
    assert tag in _tags(f"Call w/ Bo Lutz. {text}")


@pytest.mark.parametrize(
    "line",
    [
        "Priya Raman (Hollis procurement) 14:32",
        "Tomasz Nowak (contract manager), 9:05 AM",
        "Greta Lind (pricing) 08:47",
    ],
)
def test_a_chat_exports_speaker_line_is_no_key_point(line: str) -> None:
    text = (
        "[Teams] Hollis x Brightwater\n"
        f"{line}\n"
        "Procurement needs the pricing approved by legal before the contract goes out.\n"
    )
    points = understand(text, WED)["key_points"]
    assert not any(line.split()[0] in p for p in points), points
    assert any("pricing approved by legal" in p for p in points), points
