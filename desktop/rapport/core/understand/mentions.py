"""Finding people's names in a note.

Notes are typed fast: names are usually capitalised ("Lunch w/ Bob Smith"), sometimes not
("phone w/ jim o'brien"). Capitalised runs of words are candidates; words that start sentences
("Lunch", "Met", "Promised"), days, months, places and company words are not names. A short
list of common first names rescues lower-case notes and breaks ties ("Georgia Tech" is a
school, "Georgia Lee" a person), but a name need not be on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapport.core.names import fold
from rapport.core.understand.programs import rx
from rapport.core.understand.text import LazyRegex, is_name_token, words
from rapport.core.understand.wordlists import word_list

__all__ = [
    "NOT_NAMES",
    "NameMention",
    "find_names",
    "first_names",
    "is_word_surname",
    "title_name",
]


# Capitalised words that start sentences or name things other than people.
NOT_NAMES = word_list("mentions.NOT_NAMES")

# Words that end company names ("Patel Distribution", "Tuscan Imports", "Sunrise Senior
# Living"): never part of a person's name.
_ORG_ENDINGS = word_list("mentions._ORG_ENDINGS")
NOT_NAMES |= _ORG_ENDINGS
# Titles before a name: "Coach Dave Whitman", "Supt. Marcus Green", "Pastor Ray".
NOT_NAMES |= words(
    "coach pastor rabbi imam judge supt superintendent officer sheriff principal senator rep "
    "deacon reverend rev capt sgt lt col gen councilman councilwoman mayor chef chief captain "
    "dean professor nurse maj cpl mgr supervisor atty attorney fr father sr sister bro brother"
)
# Roles said like a title before a full name: "Planner Gabriela Stone", "Councilmember Rosa
# Delgado", "Candidate Daniel Osei", "Architect Lena Ruiz".
NOT_NAMES |= words(
    "councilmember councilor councillor commissioner alderman alderwoman trustee treasurer "
    "secretary chairman chairwoman chairperson chair planner candidate applicant architect "
    "designer broker realtor agent attorney counsel lawyer paralegal recruiter adjuster "
    "inspector appraiser underwriter controller buyer purchaser estimator dispatcher "
    "admin administrator coordinator specialist consultant advisor adviser banker "
    "physician surgeon dentist pharmacist therapist veterinarian technician tech "
    "donor prospect referral"
)
# i16p: words that open a note's line on who sent the lead ("Via Carl Jansen: ...")
NOT_NAMES |= word_list("mentions.LEAD_WORDS")
# Medical specialties and practice words that end a practice's name ("Lakeview Cardiology").
_ORG_ENDINGS |= words(
    "cardiology dermatology oncology neurology radiology urology endocrinology gastroenterology "
    "ophthalmology optometry podiatry chiropractic periodontics audiology anesthesiology "
    "imaging diagnostics surgery rheumatology nephrology pulmonology obgyn ob-gyn wellness "
    "rehab physicians partners"
)
# i16cl3: products, apps and channels, events and shared offices end their names the same way
_ORG_ENDINGS |= word_list("mentions.ORG_ENDINGS_MORE")
NOT_NAMES |= _ORG_ENDINGS
NOT_NAMES |= word_list("mentions._MORE_NOT_NAMES")
# Titles of address in churches and other languages: "Herr Jürgen Baumgartner", "Canon Hugh".
NOT_NAMES |= word_list("mentions.ADDRESS_TITLES")
# i16cl: prepositions and verbs of getting in touch, glued to a name when they open a sentence
# ("With Dana Whitt", "Phoned Dana Whitt"): no person's name starts with one
NOT_NAMES |= word_list("mentions.NEVER_NAME_WORDS")
NOT_NAMES |= word_list("mentions.I16HH_NEVER_FIRST")  # offices, family words, "Unknown"
# i16cl4: other languages' titles before a surname ("Herr Becker", "Sra. García"), and the
# meeting's helpers ("Interpreter Rosa Diaz"): never a first name
_HONORIFICS_MORE = word_list("mentions.I16CL4_HONORIFICS")
HELPERS = word_list("mentions.I16CL4_HELPERS")
NOT_NAMES |= _HONORIFICS_MORE | HELPERS | word_list("mentions.I16CL4_NEVER_FIRST")
# Titles that are first names too: a title only before a first name and a surname.
_TITLE_IF_FULL = word_list("mentions.ADDRESS_TITLES_IF_FULL")
# Words after which a capitalised word names a place or an organisation, not a person.
_PLACE_BEFORE = word_list("mentions._PLACE_BEFORE")
_SAINT = LazyRegex(r"\b(?:St\.?|[Ss]aint)\s+$")
# Lower-case nouns after a capitalised run that make it a place, a job or a thing.
_PLACE_AFTER = LazyRegex(
    r"\s+(?:apartments?|project|site|job|jobsite|building|property|development|subdivision|"
    r"complex|campus|plant|facility|warehouse|tower|towers|estates|condos?|community|account|"
    r"wknd|weekend|sale|sales|event|gala|tournament|classic|expo|conference|festival)\b",
    needs=(
        "apartment project site job building property development subdivision complex "
        "campus plant facility warehouse tower estates condo community account wknd "
        "weekend sale event gala tournament classic expo conference festival"
    ),
)
# Surname particles: "Ana de la Cruz", "Pieter van der Berg".
_PARTICLES = word_list("mentions._PARTICLES")
# Words after which a lower-case word is likely someone's name: "w/ luca", "from kyle".
_CONTACT_BEFORE = word_list("mentions._CONTACT_BEFORE")


@dataclass(frozen=True, slots=True)
class NameMention:
    """A person's name said in the note."""

    start: int
    end: int
    name: str  # as written, possessive dropped, title-cased when typed in lower case
    first: str
    full: bool  # two words or more
    titled: bool = False  # "Mr. Okafor", "Dr Greenbaum": a surname said with an honorific


_WORD = LazyRegex(r"[^\W\d_][^\W_]*(?:['-][^\W\d_]+)*|\.")


def title_name(raw: str) -> str:
    """'jim o'brien' -> "Jim O'Brien", 'ana de la cruz' -> 'Ana de la Cruz'; already capitalised
    names are kept."""
    parts: list[str] = []
    for word in raw.split():
        if word[:1].isupper() or (parts and word in _PARTICLES):
            parts.append(word)
            continue
        piece = "-".join(p[:1].upper() + p[1:] for p in word.split("-"))
        if piece[:2].lower() == "o'" and len(piece) > 2:
            piece = "O'" + piece[2:3].upper() + piece[3:]
        elif piece.lower().startswith("mc") and len(piece) > 3:
            piece = "Mc" + piece[2:3].upper() + piece[3:]
        parts.append(piece)
    return " ".join(parts)


def _strip_possessive(token: str) -> str:
    return token[:-2] if token.lower().endswith("'s") else token


def _is_candidate(token: str, lower_ok: bool) -> bool:
    bare = _strip_possessive(token)
    low = bare.lower()
    if low in NOT_NAMES:
        return False
    if is_name_token(bare):
        return True
    return lower_ok and low in first_names()


@cache
def first_names() -> frozenset[str]:
    """The first-name list, loaded on first use (importing capture stays cheap)."""
    from rapport.core.understand.firstnames import FIRST_NAMES

    return FIRST_NAMES


@cache
def women_and_men() -> tuple[frozenset[str], frozenset[str]]:
    """First names that nearly always name a woman, and a man (loaded on first use)."""
    from rapport.core.understand.firstnames import MEN, WOMEN

    return WOMEN, MEN


@cache
def _surname_stop() -> frozenset[str]:
    # Lower-case words that never follow a first name as a surname in a lower-case note.
    return NOT_NAMES | words(
        "about after again all also as at be because before by can could did do does for "
        "from get go goes got had has have he her here his how in into is it just know like "
        "likes loves made make may more much my need needs on only or out over plays played "
        "re said says see she should so some than that the then there they this to too up "
        "us was we were what when where which who why will with would w w/ yet asked wants "
        "works runs lives called texted emailed mentioned thinks knows back down off later soon "
        "now again tmrw tomorrow today tonight asap"
        # where and when, and what a person does, said after a name in dictation ("his cousin
        # anya downtown", "kristen signs", "pieter does the buying")
        " downtown uptown nearby yesterday everyday handles signs coaches sails knits gardens"
        " grows builds rides fishes hunts bakes cooks paints sings swims golfs skis surfs owns"
        " travels collects hates decides wanted agreed promised used"
    )


# Months and titles that are first names too: "Jan Kowalski called", "April Dunn", "June
# Park", "Dean Smith" (but "Dean Laura Ames" is the dean).
_WORD_FIRST_NAMES = word_list("mentions._WORD_FIRST_NAMES")


def _word_first_name(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """A capitalised month or title word right before a capitalised surname (not a day
    number, not a first name, not a word that never names a person) is a first name:
    "Jan Kowalski", not "Jan 5"."""
    token = tokens[i][2]
    if token.lower() not in _WORD_FIRST_NAMES or not token[:1].isupper() or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1][2]
    if text[tokens[i][1] : tokens[i + 1][0]] != " " or not is_name_token(nxt):
        return False
    return nxt.lower() not in NOT_NAMES and nxt.lower() not in first_names()


_PRONOUN_FORMS = frozenset({"I", "I'll", "I'd", "I've", "I'm"})


def find_names(text: str, limit: int) -> list[NameMention]:
    """Person-name mentions in ``text[:limit]``, left to right.

    A run of capitalised words (max 3, possessive 's dropped) is one mention, particles
    included ("Ana de la Cruz"). A word typed in lower case starts one when a surname-like word
    follows and it is a common first name ("jim o'brien") or the note uses it again as a name
    ("dinner w/ luca ... luca ferraro from Tuscan Imports ... send luca"); alone, it counts in a
    note typed all in lower case. "Novak, Irena - ..." opening a note is Irena Novak.
    """
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, 0, limit)]
    # the pronoun I is no capital: a dictated note says "I" and is still typed in lower case
    capitals = sum(1 for _, _, t in tokens if t[:1].isupper() and t not in _PRONOUN_FORMS)
    lower_note = capitals <= max(1, len(tokens) // 25)
    mentions: list[NameMention] = []
    i = 0
    flipped = _surname_first(text, tokens)
    skip = set()
    if flipped is not None:
        mentions.append(flipped)
        skip = {k for k, t in enumerate(tokens) if flipped.start <= t[0] < flipped.end}
    seen: dict[str, int] | None = None
    while i < len(tokens):
        if i in skip:
            i += 1
            continue
        start, _, token = tokens[i]
        capital = token[:1].isupper()
        bare = _strip_possessive(token)
        low = bare.lower()
        if not capital and low not in first_names():
            if seen is None:
                seen = _lower_counts(tokens)
            if not _new_lower_name(text, tokens, i, seen) and not _cued_lower_name(text, tokens, i):
                i += 1
                continue
        elif not (_is_candidate(token, lower_ok=True) or _word_first_name(text, tokens, i)):
            i += 1
            continue
        run, j = _run(text, tokens, i, capital)
        i = j
        if low in _TITLE_IF_FULL and (
            # "Don Aurelio Benítez", "Lady Geneva Whitmore": the title, then the full name
            (len(run) >= 3 and _strip_possessive(tokens[run[1]][2]).lower() not in NOT_NAMES)
            # i16cl4. Family: the title before a first name alone ("Dona Ana", "Doña Rosa",
            # "Don Aurelio"): the person is the first name; "Don Walsh" stays a name
            or (len(run) == 2 and fold(_strip_possessive(tokens[run[1]][2])) in first_names())
        ):
            run = run[1:]
            start, low = tokens[run[0]][0], _strip_possessive(tokens[run[0]][2]).lower()
        prev = tokens[run[0] - 1][2].lower() if run[0] else ""
        named = [k for k in run if tokens[k][2].lower() not in _PARTICLES or k == run[0]]
        full = len(named) > 1
        if not capital and not full and not lower_note:
            continue
        if prev in _PLACE_BEFORE and not (full and low in first_names()):
            continue  # "at Georgia Tech", "in Austin", "at Rosa's"
        if _SAINT.search(text, max(0, start - 4), start):
            continue  # "St. Anne's": a parish, a school, a hospital
        after = _PLACE_AFTER.match(text, tokens[run[-1]][1])
        if after is not None and not tokens[run[-1]][2].lower().endswith("'s"):
            continue  # "Hollis Creek apartments", "Maple Ridge project": a place or a job
        if (
            prev in ("from", "of")
            and mentions
            and _right_before(text, mentions[-1], tokens[run[0] - 1])
        ):
            continue  # "Hank from Lakeshore Marina", "Deb Klein of Klein Hardware": where they work
        while len(run) > 1 and tokens[run[-1]][2].lower() == tokens[run[-2]][2].lower():
            run.pop()  # dictated "Arlene Voss Voss Orchards": the family name, then the farm's
            full = len(run) > 1
        if full and _org_after(text, tokens, run[-1]):
            continue  # "Hit Lakeview Cardiology", "Gulf Coast Packaging": an organisation
        if full and _a_street(tokens, run, prev):
            continue  # "the Brennan house on Alder Lane": a street, not a person
        raw = " ".join(_strip_possessive(tokens[k][2]) for k in run)
        end = tokens[run[-1]][1]
        if tokens[run[-1]][2].lower().endswith("'s"):
            end -= 2
        suffix = _HONORIFIC_SUFFIX.search(raw)
        if suffix is not None:
            # i16cl4. Family: an honorific joined after the name ("Priya-ji", "Watanabe-san",
            # "Kim-ssi"): no part of it; a surname said so is titled as after "Mr."
            raw, end = raw[: suffix.start()], end - len(suffix.group())
        name = title_name(raw)
        titled = (
            capital
            and not full
            and (
                _HONORIFIC.search(text, max(0, start - 6), start)
                or _title_before(text, start)
                or (suffix is not None and raw.lower() not in first_names())
            )
        )
        if titled:
            given = _GIVEN_AFTER.match(text, end)
            if given is not None:  # "Dr. Ramirez (Tomas)", "Mrs. Abernathy-Cole (Denise)"
                name, full = f"{given.group(1)} {name}", True
        mentions.append(NameMention(start, end, name, name.split()[0], full, bool(titled)))
    return _no_family_firms(text, mentions)


def _no_family_firms(text: str, mentions: list[NameMention]) -> list[NameMention]:
    """Family: a firm named after its owner's family ("Kessler Precision ... Anton Kessler",
    "Moreno Roofing - spoke w/ Dave Moreno"): a full name whose first word is another full
    name's surname, and no first name, is the firm, not a person. Only as typed with capitals:
    a dictated note runs names together ("her tech angela jasmine wants ...")."""

    def firm(m: NameMention) -> bool:
        if not m.full or m.first.lower() in first_names() or not text[m.start].isupper():
            return False
        return any(
            o.full and o is not m and o.name.split()[-1].lower() == m.first.lower()
            for o in mentions
        )

    return [m for m in mentions if not firm(m)]


# Family: a street's name said like a person's ("on Alder Lane", "off Cedar Ridge Rd", "at 40
# Birch Court"): the last word is a street's kind. A known first name keeps it a person's name
# ("Penny Lane called") unless a place's preposition or a house number comes before.
_STREET_ENDINGS = word_list("mentions._STREET_ENDINGS")
_STREET_BEFORE = word_list("mentions._STREET_BEFORE")


def _a_street(tokens: list[tuple[int, int, str]], run: list[int], prev: str) -> bool:
    if _strip_possessive(tokens[run[-1]][2]).lower().rstrip(".") not in _STREET_ENDINGS:
        return False
    if prev in _STREET_BEFORE or prev.isdigit():
        return True
    return tokens[run[0]][2].lower() not in first_names()


# Family: a firm's legal or family ending after a name ("Ferreira Rum Co", "Halvorsen Dairy AG",
# "Baxter Bros.", "Dunmore Glass Company"): the words before it are the firm's name.
_FIRM_ENDINGS = word_list("mentions.FIRM_ENDINGS")


def _org_after(text: str, tokens: list[tuple[int, int, str]], last: int) -> bool:
    """The capitalised word right after a run ends an organisation's name."""
    if last + 1 >= len(tokens) or tokens[last][2].lower().endswith("'s"):
        return False
    nxt = tokens[last + 1][2]
    gap = text[tokens[last][1] : tokens[last + 1][0]]
    low = nxt.lower()
    return gap == " " and nxt[:1].isupper() and (low in _ORG_ENDINGS or low in _FIRM_ENDINGS)


_HONORIFIC = LazyRegex(r"\b(?:mr|mrs|ms|mx|dr|prof)\.?\s+$", re.IGNORECASE)
_HONORIFIC_SUFFIX = LazyRegex(
    r"-(?:ji|jee|san|sama|kun|chan|sensei|ssi|nim|saab|sahib|bhai|ben)$", re.IGNORECASE
)
_WORD_BEFORE = LazyRegex(r"([^\W\d_]+)\.?\s+$")


def _title_before(text: str, start: int) -> bool:
    """Whether another language's title of address comes right before ``start``."""
    before = _WORD_BEFORE.search(text, max(0, start - 12), start)
    return before is not None and before.group(1).lower() in _HONORIFICS_MORE


_GIVEN_AFTER = LazyRegex(r"(?:'s)?\s*\(([A-Z][a-z]+)\)")


def _right_before(text: str, mention: NameMention, prep: tuple[int, int, str]) -> bool:
    """A person's name just before "from"/"of" ("Hank from ..."), not a word ("Heard from")."""
    person = mention.full or mention.first.lower() in first_names()
    return person and text[mention.end : prep[0]].strip(" ,") == ""


# Words refused as names that are common surnames too: right after a known first name, and
# ending the name, they are one ("Lunch with Carla Dean", "Roy Judge called").
_WORD_SURNAMES = word_list("mentions._WORD_SURNAMES")


def is_word_surname(first: str, last: str) -> bool:
    """'Carla' 'Dean': a known first name, then a word that is a common surname too."""
    return last.lower() in _WORD_SURNAMES and first.lower() in first_names()


def _word_surname(text: str, tokens: list[tuple[int, int, str]], run: list[int], k: int) -> bool:
    nxt = _strip_possessive(tokens[k][2])
    if len(run) != 1 or not nxt[:1].isupper() or not is_word_surname(tokens[run[0]][2], nxt):
        return False
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    # "Carla Lake Tahoe", "Tom Church Street": the word starts a place's name instead.
    return after is None or text[tokens[k][1] : after[0]] != " " or not after[2][:1].isupper()


def _run(
    text: str, tokens: list[tuple[int, int, str]], i: int, capital: bool
) -> tuple[list[int], int]:
    """The tokens of the name starting at ``i``, and where scanning goes on."""
    run = [i]
    j = i + 1
    words_in = 1
    while j < len(tokens) and words_in < 3 and not tokens[run[-1]][2].lower().endswith("'s"):
        nickname = capital and _nickname(text, tokens, j)
        if nickname:
            j += 1  # "Margaret 'Peggy' Sorensen", "Robert (Bob) Lane": the surname follows
        if text[tokens[j - 1][1] : tokens[j][0]] != " " and not nickname:
            break
        k = j
        while k < len(tokens) and k - j < 2 and tokens[k][2] in _PARTICLES:
            k += 1  # "de la", "van der": only when a surname follows
        if k >= len(tokens) or (k > j and text[tokens[k - 1][1] : tokens[k][0]] != " "):
            break
        nxt = tokens[k][2]
        if not capital and k == j and nxt.lower() == tokens[run[-1]][2].lower():
            j += 1  # dictated stutter: "he goes by moe moe tolliver"
            continue
        if capital:
            if not _is_candidate(nxt, lower_ok=False) and not _word_surname(text, tokens, run, k):
                break
        elif not (
            words_in == 1
            and nxt.replace("'", "").replace("-", "").isalpha()
            and _strip_possessive(nxt).lower() not in _surname_stop()  # "theo who's nine"
            and not _past_tense(nxt)
        ):
            break
        run.extend(range(j, k + 1))
        words_in += 1
        j = k + 1
    return run, j


_NICK_OPEN = (" '", ' "', " (", " \u2018", " \u201c")
_NICK_CLOSE = ("' ", '" ', ") ", "\u2019 ", "\u201d ")


def _nickname(text: str, tokens: list[tuple[int, int, str]], j: int) -> bool:
    """A nickname in quotes or brackets between a first name and a capitalised surname."""
    if j + 1 >= len(tokens) or text[tokens[j - 1][1] : tokens[j][0]] not in _NICK_OPEN:
        return False
    close = text[tokens[j][1] : tokens[j + 1][0]]
    return (
        (
            _NICK_OPEN.index(text[tokens[j - 1][1] : tokens[j][0]]) == _NICK_CLOSE.index(close)
            if close in _NICK_CLOSE
            else False
        )
        and tokens[j][2][:1].isupper()
        and is_name_token(tokens[j + 1][2])
    )


def _past_tense(word: str) -> bool:
    """ "hal served", "ida wanted": a verb in the past, not a surname ("reed", "ahmed")."""
    low = word.lower()
    return len(low) >= 5 and low.endswith("ed") and not low.endswith(("eed", "med", "hed"))


def _lower_counts(tokens: list[tuple[int, int, str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, _, token in tokens:
        low = _strip_possessive(token).lower()
        counts[low] = counts.get(low, 0) + 1
    return counts


# Endings of common nouns, adverbs and verb forms that a name typed in lower case rarely has:
# "detention charges dispute ... $2,400 in detention" is not a person.
_NOT_NAME_ENDINGS = ("ing", "ed", "ly", "tion", "sion", "ment", "ness", "ity", "ship", "ges")


def _new_lower_name(
    text: str, tokens: list[tuple[int, int, str]], i: int, seen: dict[str, int]
) -> bool:
    """A lower-case word not on the first-name list that the note uses as a name: said again
    elsewhere, after "w/", "from", "met"... or opening a sentence, with a surname after it."""
    token = _strip_possessive(tokens[i][2])
    low = token.lower()
    if (
        seen.get(low, 0) < 2
        or len(low) < 3
        or not low.isalpha()
        or low in _surname_stop()
        or low.endswith(_NOT_NAME_ENDINGS)
        or i + 1 >= len(tokens)
    ):
        return False
    nxt = tokens[i + 1][2]
    if (
        not nxt.isalpha()
        or not nxt.islower()
        or nxt in _surname_stop()
        or nxt.endswith(_NOT_NAME_ENDINGS)
    ):
        return False
    before = text[max(0, tokens[i][0] - 12) : tokens[i][0]].rstrip()
    prev = tokens[i - 1][2].lower() if i else ""
    return not before or before[-1] in ".:;!?\n-(" or prev in _CONTACT_BEFORE


# A dictated note introduces a stranger's name: "his name is ray dominguez", "a guy named
# lars eklund", or says what the person did: "marissa gold called back", "tom k texted".
# An honorific or a title said aloud cues one too: "the director is doctor wyn harrow", "missus
# gale orton", "nurse manager wren tolley", "pastor ida lund".
_NAME_CUE_BEFORE = LazyRegex(
    r"(?:\bname\s+is|\bname's|\bnamed|\bcalled|\bgoes\s+by|\bknown\s+as|"
    r"\b(?:doctor|dr|mister|mr|missus|misses|mrs|ms|pastor|coach|chef|nurse|principal|manager|"
    r"director|owner|supervisor|superintendent|"
    r"professor|prof)\.?)\s+$",
    re.IGNORECASE,
)
_CONTACT_AFTER = LazyRegex(
    r"\s+(?:called|texted|emailed|e-mailed|phoned|rang|wrote|messaged|dm'd|left\s+(?:a|me)|"
    r"came\s+(?:in|by|back)|stopped\s+(?:in|by)|dropped\s+(?:in|by)|reached\s+out|replied|"
    r"got\s+back)\b",
    re.IGNORECASE,
    needs=(
        "called texted emailed e-mailed phoned rang wrote messaged dm'd left came stopped "
        "dropped reached replied got"
    ),
)


_SMALL_WORDS = words("of for and the with about from into onto over says said")
_SPOKEN_TITLES = words(
    "doctor dr mister mr missus misses mrs ms pastor coach chef nurse principal manager director "
    "owner supervisor superintendent professor prof"
)


def _cued_lower_name(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Two lower-case words that the sentence around them marks as a person's full name."""
    if i + 1 >= len(tokens) or text[tokens[i][1] : tokens[i + 1][0]] != " ":
        return False
    first, last = tokens[i][2], _strip_possessive(tokens[i + 1][2])
    if first.lower() in _SPOKEN_TITLES:
        return False  # "the owner doctor ida lund": the title, then the name
    for word in (first, last):
        low = word.lower()
        if (
            len(low) < 2
            or not low.isalpha()
            or not word.islower()
            or low in _surname_stop()
            or low.endswith(_NOT_NAME_ENDINGS)
        ):
            return False
    cue = _NAME_CUE_BEFORE.search(text, max(0, tokens[i][0] - 16), tokens[i][0])
    if cue is not None:
        # after a title ("the owner of harbor tile"), short words are not a name's
        said = rx(r"nam|call|goes|known", re.IGNORECASE).search(cue.group())
        return said is not None or (len(first) >= 3 and first.lower() not in _SMALL_WORDS)
    return _CONTACT_AFTER.match(text, tokens[i + 1][1]) is not None


_FIELD_SURNAME_FIRST = LazyRegex(
    r"^[ \t>*-]*\**(?:contact|client|customer|primary(?:[ \t]+contact)?|patient|guest|caller)"
    r"\**[ \t]*:\**[ \t]*(?=[A-Z][\w'-]+,[ \t]+[A-Z][\w'-]+[ \t]*(?:[(\n]|$))",
    re.IGNORECASE | re.MULTILINE,
)


def _surname_first(text: str, tokens: list[tuple[int, int, str]]) -> NameMention | None:
    """'Novak, Irena - called in re: ...', 'Call log 10/5 - Ortiz, Daniel.': a CRM-style name
    opening the note or its first line after a dash or colon."""
    k = 0
    head = rx(r"[^\n]{0,40}?(?:\s[-:]|:)\s+(?=[A-Z][\w'-]+,\s)").match(text)
    if head is None:
        # i16cl4. Family: a work tool's field further down ("Contact: Oyelaran, Kemi
        # (Practice Administrator)", "Customer: Ruiz, Ana"): the person, surname first
        head = _FIELD_SURNAME_FIRST.search(text, 0, min(len(text), 600))
    if head is not None:
        k = next((i for i, t in enumerate(tokens) if t[0] >= head.end()), len(tokens))
    if len(tokens) < k + 3 or text[tokens[k][1] : tokens[k + 1][0]] != ", ":
        return None
    last, first = tokens[k][2], tokens[k + 1][2]
    if not (is_name_token(last) and is_name_token(first)) or last.lower() in first_names():
        return None
    if last.lower() in NOT_NAMES or first.lower() in NOT_NAMES:
        return None
    after = text[tokens[k + 1][1] : tokens[k + 1][1] + 3]
    if not rx(r"\s*(?:[-:(.\n]|$)").match(after):
        return None
    name = f"{first} {last}"
    return NameMention(tokens[k][0], tokens[k + 1][1], name, first, True)
