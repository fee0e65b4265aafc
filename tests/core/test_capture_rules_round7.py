"""Round 7 capture rules: context is not a liking, stock is not a pet, a sale is not a date,
headings are not tasks, redo/rush are task verbs, Jan can be a first name."""

from __future__ import annotations

from rapport.core.understand.interests import find_interests
from rapport.core.understand.pipeline import understand

from .capture_probe import WED, client, fact_tags, people, titles


def _tags(text: str) -> set[str]:
    return {m.tag for m in find_interests(text)}


def test_a_count_of_things_is_stock_not_a_collection() -> None:
    assert "tractors" not in _tags("Hauler called: 3 new tractors arrive in March.")
    assert "boating" not in _tags("Buyer looking at 50-60' motor yachts, cash deal.")
    assert "tractors" in _tags("He collects 12 antique tractors.")
    assert "tractors" in _tags("Gary restores tractors on weekends.")


def test_a_count_never_reaches_across_a_sentence() -> None:
    assert "surfing" in _tags("Married, 3 kids. Surfs every weekend.")


def test_a_mount_names_a_place_not_a_park() -> None:
    assert "national parks" not in fact_tags("Coffee with Rev. Dale Ames of Mt. Zion Baptist.")
    assert "national parks" in _tags("They hiked Zion in May.")


def test_a_swimming_pool_or_swim_platform_is_a_place() -> None:
    assert "swimming" not in _tags("The club's swimming pool reopens in June.")
    assert "swimming" not in _tags("Wants a swim platform on the new boat.")
    assert "swimming" in _tags("Her son is on the swim team.")


def test_breeding_or_showing_animals_is_a_liking() -> None:
    assert "dogs" in _tags("Mona breeds Labradors out of her barn.")
    assert "horses" in _tags("Kit is showing her Thoroughbred at the spring show.")
    assert "dogs" not in _tags("Labradors were everywhere at the park.")


def test_tinkering_with_clocks_is_a_hobby() -> None:
    assert "clocks" in _tags("Retired, he tinkers with clocks in the garage.")
    assert "clocks" not in _tags("Clocks go back on Sunday.")


def test_animals_kept_as_stock_or_patients_are_not_pets() -> None:
    assert not [
        p for p in people("Met Joe Hart at his ranch; 40 cats in the barn.") if p[0] == "cat"
    ]
    assert not [p for p in people("Call with Ida Moss. Runs a kennel of beagles.") if p[0] == "dog"]
    assert not [p for p in people("Lunch with Al Ruiz. He breeds Labradors.") if p[0] == "dog"]
    assert ("dog", "Rex") in people("Lunch with Al Ruiz. His dog Rex is 9.")
    assert [p for p in people("Lunch with Al Ruiz. He has 2 cats.") if p[0] == "cat"]


def _dates(text: str) -> list[tuple[str, int, int]]:
    return [(d["label"], d["month"], d["day"]) for d in understand(text, WED)["dates"]]


def test_a_shops_anniversary_sale_or_birthday_promo_is_not_a_yearly_date() -> None:
    assert _dates("Met Ed Voss (Voss Tire). Mailers for the May 9 anniversary sale.") == []
    assert _dates("Call with Pia Lund. Birthday promo on Aug 2 for members.") == []
    assert _dates("Call with Pia Lund. Her anniversary is Aug 2.") == [("anniversary", 8, 2)]


def test_a_heading_naming_todays_appointment_is_not_a_task() -> None:
    out = understand("Showing today: Nora Pike and her husband. Send comps by Friday.", WED)
    assert titles(out) == [("Send comps", "2026-11-20")]
    kept = understand("Met Nora Pike. Showing tomorrow at 4.", WED)
    assert [due for _, due in titles(kept)] == ["2026-11-19"]


def test_a_verb_before_a_day_or_date_noun_is_a_noun_compound() -> None:
    out = understand("Call with Amy Wu.\nInstall date TBD.\nSend the quote.", WED)
    assert titles(out) == [("Send the quote", None)]
    assert titles(understand("Met Amy Wu. Retake day TBD.", WED)) == []


def test_redo_and_rush_are_task_verbs() -> None:
    out = understand("Met Ann Ruiz. Approve the mockup today, redo the banners by Friday.", WED)
    assert ("Redo the banners", "2026-11-20") in titles(out)
    rush = understand("Met Dr. Lee Park.\n- rush on 3 veneers for Thursday", WED)
    assert [due for title, due in titles(rush) if "veneers" in title] == ["2026-11-19"]
    assert titles(understand("Met Ann Ruiz. Rush order came in for 40 mugs.", WED)) == []
    assert titles(understand("Met Ann Ruiz. Rush fee is 20%.", WED)) == []


def test_a_month_word_before_a_surname_is_a_first_name() -> None:
    assert client("Jan Kowalski called about the renewal. Call him back Monday.") == "Jan Kowalski"
    assert client("April Dunn (Dunn Realty) wants the listing photos.") == "April Dunn"
    assert client("Meeting Jan 5 with Bob Smith.") == "Bob Smith"
    assert client("Jan Friday: lunch w/ Bob Smith.") == "Bob Smith"


def test_a_household_owning_a_few_things_still_likes_them() -> None:
    assert "kayaking" in _tags("They own 2 kayaks.")
    assert "kayaking" in _tags("He has two kayaks at the lake.")
    assert "tractors" not in _tags("He has 40 tractors on the farm.")


def test_a_household_with_several_cats_keeps_them_as_pets() -> None:
    assert [p for p in people("Lunch with Al Ruiz. He has 6 cats.") if p[0] == "cat"]


def test_a_business_object_named_after_a_hobby_is_not_the_hobby() -> None:
    assert "boating" not in _tags("Approved the yacht financing for Dale.")
    assert "golf" not in _tags("Sent the golf cart lease to the club.")
    assert "boating" in _tags("Dale just bought a yacht and loves it.")


def test_years_married_or_celebrated_on_a_day_is_the_couples_anniversary() -> None:
    def whose(text: str) -> list[tuple[str, str | None, int, int]]:
        found = understand(text, WED)["dates"]
        return [(d["label"], d["about"], d["month"], d["day"]) for d in found]

    assert whose(
        "Coffee with Linda Park. She and her husband Tom are celebrating 20 yrs on June 3."
    ) == [("anniversary", None, 6, 3)]
    assert whose("Lunch w/ Ken Ito. Ken and Amy married 15 years on Oct 14.") == [
        ("anniversary", None, 10, 14)
    ]
    assert whose("Call with Ann Cole. Her parents celebrate 50 years on Dec 12.") == [
        ("anniversary", "parents", 12, 12)
    ]
    assert whose("Call with Ann Cole. Her parents' anniversary is Dec 12.") == [
        ("anniversary", "parents", 12, 12)
    ]
    assert (
        whose("Met Rob Lane (Lane HVAC). They're celebrating 20 years in business on May 1.") == []
    )


def test_a_surname_that_is_also_a_word_or_title_stays_with_its_first_name() -> None:
    assert client("Site visit at Westfield Mfg w/ Carla Dean. Loves gardening.") == "Carla Dean"
    assert client("Roy Judge called about the invoice. Call him back Friday.") == "Roy Judge"
    assert client("Lunch with Dean Smith.") == "Dean Smith"
    assert client("Met Dean Laura Ames at the college fair.") == "Laura Ames"  # the dean
    assert client("Lunch with Carla Lake Tahoe trip planned.") == "Carla"  # a place follows
    intros = understand("Lunch w/ Bob Smith. Bob introduced me to Carla Dean. Thank Bob.", WED)
    assert [(i["name"], i["referrer"]) for i in intros["introductions"]] == [("Carla Dean", "Bob")]


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


def test_a_relation_of_someone_else_is_not_the_clients_family() -> None:
    assert people("mtg w/ jen alvarez @ pinnacle - wife of CEO. kids in soccer.") == []
    assert people("Lunch with Bob Smith - son of our founder.") == []
    assert people("Lunch with Bob Smith. His wife of 30 years loves roses.") == [("wife", None)]
