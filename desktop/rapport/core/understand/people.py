"""The people in a note: the client's family and pets.

Family words ("son", "wife", "twins", "2 kids", "golden retriever") are found first; the
names and ages around them ("His son Jake, 12", "twins (Lucas & Mia)", "kids: Arjun 7,
Maya 4", "Hiro is her husband") fill them in. Guards keep out what is not the client's family:
"my wife", "mother-in-law", "business partner", "dog lover", "the lab equipment".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rapport.core.understand.family_words import (
    ACRONYMS,
    BABY_BEFORE,
    BOTH_AFTER,
    N_OF_THEM,
    NAMED_LATER,
    NEEDS_CONTEXT,
    NEEDS_NAME,
    NEEDS_OWNER,
    OLDEST,
    OLDEST_NOT,
    PARENT_OF,
    PHRASES_OWNED,
    REL_RE,
    SHORTHAND,
    UNBORN_BEFORE,
    baby_by_age,
    plurals,
    rel_words,
)
from rapport.core.understand.mentions import (
    NOT_NAMES,
    _surname_stop,
    first_names,
    title_name,
    women_and_men,
)
from rapport.core.understand.programs import rx
from rapport.core.understand.text import LazyRegex, Span, is_lower_note
from rapport.core.understand.wordlists import word_list

__all__ = ["FamilyMember", "children_by_their_kin", "find_family", "household_listed"]


@dataclass(slots=True)
class FamilyMember:
    """One of a family the note names: the relation, the name and age when said, its place."""

    relation: str
    name: str | None
    age: int | None
    start: int
    end: int
    owner: str | None = None  # "Rita" in "Rita has 3 kids": whose family, when a name says it


_NUMBER = {
    "two": 2, "2": 2, "three": 3, "3": 3, "four": 4, "4": 4, "five": 5, "5": 5, "both": 2,
    "twin": 2, "a": 1, "one": 1, "1": 1, "six": 6, "6": 6,
}  # fmt: skip
_OWNER = word_list("people._OWNER")
_NOT_THE_CLIENTS = word_list("people._NOT_THE_CLIENTS")
_AFTER_STOP = word_list("people._AFTER_STOP")
_VOCATIVE_BEFORE = word_list("people.VOCATIVE_BEFORE")
# Family: the person the note is about, named by their role to the user ("my client's mum",
# "our customer's husband"): the family is theirs, the "my" is the user's.
_CLIENT_ROLE = word_list("people.CLIENT_ROLE")
# Family: the relatives of someone named by their tie to the client or the user, not a
# relation ("her friend's dog", "his cofounder's kids"): another household's.
_SOMEONE_ELSES = word_list("people.SOMEONE_ELSES")
_BEFORE_STOP = word_list("people._BEFORE_STOP") | word_list("people.MORE_BEFORE_STOP")
_BUSINESS = LazyRegex(
    r"\b(?:decision|deal|firm|company|practice|co-owner|business|ops|cfo|ceo|partners|agency|"
    r"contract|vendor|account)\b",
    re.IGNORECASE,
)
_NAME_AT = LazyRegex(
    r"(?:'s\s+name\s+is\s+"
    # i16cl4: a second-language writer's "his wife name is Lan", "the wife of him is Lan", and
    # a Markdown field's "husband:: Marco"
    r"|\s+name\s+is\s+|\s+of\s+(?:him|her|them)(?:\s+(?:is|are)\s+|\s*[,:(]\s*)|::[ \t]*"
    r"|(?:\s+of\s+(?:\d{1,2}|[a-z]+(?:-[a-z]+)?)\s+y(?:ea)?rs?(?=\s*,))?"
    r"\s*(?:[,:(]\s*|\s+[-\u2013\u2014]\s+|\s+)(?:(?:(?:is\s+)?named|called|is|are|=)\s+)?)"
)  # "wife Ruth", "son, Jake", "daughter named Ava", "his wife's name is Ruth", "son - Jake -",
# "her husband of 30 years, Tom"
_NAME_WORD = LazyRegex(r"[^\W\d_](?:[\w-]|'(?=\w))*")  # a quote mark after it is not part of it
_AGE_AFTER = LazyRegex(
    r"(?:\s*,\s*|\s*\(\s*|\s+[-\u2013]\s*|\s+)(?:age[ds]?\s*|aged\s*)?(\d{1,2})(?!['\"\d])\s*"
    r"(?:yo|y/o|y\.o\.|yrs?(?:\s+old)?|years?\s+old|mos?|months?)?\s*\)?"
    r"(?=\s*(?:[,.;:)&+]|and\b|\-|$|\(?(?:bday|b-day|birthday|born|dob|b\.)))",
    re.IGNORECASE,
)
# Family: a list of family with each one's birthday after the age ("Ava 12 bday 3/4, Ben 9
# bday 7/9", "Ava - 12 - Mar 4; Ben - 9 - Jul 9", "Ava (12) b. March 4"): the birthday is
# passed over to reach the next name (the dates stage reads it).
_BIRTHDAY_AFTER = LazyRegex(
    r"\s*(?:[-\u2013,]\s*)?\(?\s*(?:(?:bday|b-day|birthday|born|dob|b\.)\s*[:\-]?\s*(?:on\s+)?)?"
    r"(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?)\s*\)?(?=\s*(?:[,;&+]|and\b|$))",
    re.IGNORECASE,
)
_AGE_LATER = LazyRegex(
    r"^[^.;]{0,30}?\b(?:is|turns?|turned|just\s+turned|who\s+is|age|aged)\s+(\d{1,2})(?!['\"\d])",
    re.IGNORECASE,
)
_AGE_BEFORE = LazyRegex(r"(\d{1,2})[\s-]*(?:yo|y/o|year[\s-]old|yr[\s-]old)\s+$", re.IGNORECASE)
_AGES_LIST = LazyRegex(r"^\s*[,(]?\s*(?:ages?|aged)\s+((?:\d{1,2}\s*(?:,|and|&)?\s*){2,6})", re.I)
_BARE_AGES = LazyRegex(
    r"\s*(?:[:=-]\s*)?(\d{1,2}(?:\s*(?:,|&|\+|/|and)\s*\d{1,2}){1,5})"
    r"(?=\s*(?:[.;)\n]|$|,?\s*(?:and\s+)?[a-z]+\s|yo\b|y/o\b|yrs\b))",
    re.IGNORECASE,
)
_ARE_AGES = LazyRegex(r"^\s+are\s+((?:\d{1,2}\s*(?:,|and|&)?\s*){2,6})", re.IGNORECASE)
_PAREN_NAME = LazyRegex(
    r"\(([A-Z][a-z]+)(?:,?\s*(?:age\s*)?(\d{1,2})\)|\)|,"
    r"|\s+(?=(?:is|was|passed|died|turns|turned|just|who|has|had)\b))"  # "(Gunnar passed in March)"
)
# "two daughter in college, Emi and Yuki": the names said after the counted group
_LISTED_NAMES = LazyRegex(
    r"[^.;:!?\n]{0,30}?[,:(-]\s*([A-Z][a-z]+(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*\+\s*)"
    r"[A-Z][a-z]+)+)"
)
# A pet named with a title: "her cat Mr. Whiskers", "Sir Barksalot"
_PET_TITLE = LazyRegex(
    r"\s+(?:is\s+)?(?:named\s+|called\s+)?((?:Mr|Mrs|Ms|Miss|Dr|Sir|Lady|Captain|Capt)\.?\s+[A-Z][a-z]+)"
)
# Whose family: "Rita's 3 kids", "Rita has 3 kids", "Diane Foley's hubby Ron".
_OWNER_NAME = LazyRegex(
    r"(?-i:([A-Z][\w'-]+))(?:'s|\s+(?:has|have|had))\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
# "his 10th anniv w/ Erin", "she's married to Tom": the spouse, by name.
_SPOUSE = LazyRegex(
    r"\b(?:(?:his|her|their)\s+(?:\d+\w*\s+)?anniv(?:ersary)?\s+(?:w/|with)"
    r"|(?:he|she)(?:'s|\s+is)\s+married\s+to)\s+(?-i:(?P<name>[A-Z][a-z]+))\b(?!\s+(?-i:[A-Z]))",
    re.IGNORECASE,
)
# A child of the client's child: "son Eric just had twins", "daughter's expecting a baby girl".
_CHILD_HAD = LazyRegex(
    r"\b(?:son|daughter|stepson|stepdaughter)(?:'s|\s+[A-Z][\w'-]*)?\s+(?:just\s+)?"
    r"(?:had|has|welcomed|is\s+having|is\s+expecting|expecting)\s+(?:a\s+|another\s+|their\s+)?"
    r"(?:new\s+|baby\s+)*$",
    re.IGNORECASE,
    needs="son daughter",
)
_ONE_DOWN = {"child": "grandchild", "son": "grandson", "daughter": "granddaughter"}
# Family: a name, then only the family word in brackets ("She + Giles (hubs) off to Venice",
# "Evie T + Marco (hubs)"): the relative's name is the word before the bracket.
# "Giles (hubs)", and a full name's first name: "Dr. Hugh Park (hubby, also DDS)"
_NAME_THEN_BRACKET = LazyRegex(
    r"\b([A-Z][a-z]+)(?:\s+[A-Z][a-z'-]+)?\s*\(\s*(?:(?:his|her|their)\s+)?$"
)
_NAME_BEFORE = LazyRegex(
    r"\b([A-Z][a-z]+)(?:\s+is\s+|,\s*|\s*=\s*|\s*\(\s*)(?:his|her|their)\s+$"
)  # "Ruth is his wife", "Ruth, his wife", "Fiona (his wife)"


def _is_first_name(token: str, lower_ok: bool) -> bool:
    bare = token[:-2] if token.lower().endswith("'s") else token
    low = bare.lower()
    acronym_as_name = low in ACRONYMS and bare[1:].islower()
    if (low in NOT_NAMES and not acronym_as_name) or low in rel_words():
        return False
    if bare[:1].isupper() and (any(c.islower() for c in bare) or 2 <= len(bare) <= 3):
        return len(bare) < 3 or not bare.isupper()  # "TBD", "TBC", "N/A": a placeholder
    return lower_ok and bare.lower() in first_names()


_COUNT_AFTER = LazyRegex(
    r"\s*(?:(?::|-|=|x|\()\s*)?([1-9])\)?(?=\s*(?:[.;\n]|\(|,?\s*(?:ages?|aged)\b|$))",
    re.IGNORECASE,
)
# "(Lily, 4mo)", "(Theo, 6)" later in the sentence: the relative's name and age in brackets
_NAME_AND_AGE = LazyRegex(
    r"\(([A-Z][a-z]+),?\s*(\d{1,2})\s*(?:mo|mos|months?|yo|y/o|yrs?|years?(?:\s+old)?)?\s*\)",
    re.IGNORECASE,
)
_SAID_NAMED = LazyRegex(r"named|called|name\s+is", re.IGNORECASE)
# Months and seasons that are also first names: "his wife June", "daughter April".
_MONTH_NAMES = word_list("people._MONTH_NAMES")
_LOWER_MONTH_NAMES = word_list("people.LOWER_MONTH_NAMES")


def _plain_name(text: str, w: re.Match[str], explicit: bool) -> bool:
    """A name the first-name test refuses but the phrase makes plain: any word after "named"
    ("a baby girl named ivy"), a month name after the family word that no day follows ("his
    wife June", not "daughter due June 3")."""
    word = w.group()
    rest = text[w.end() :]
    if word.lower().endswith("'s") and not word[:1].isupper():
        # "his wife mae's in the hospital": the name, then "is"
        word, rest = word[:-2], "'s" + rest
    low = word.lower()
    if not word.isalpha() or len(low) < 2 or low in rel_words():
        return False
    if explicit:
        return low not in NOT_NAMES or low in _MONTH_NAMES
    if word[:1].isupper():
        if low in _MONTH_NAMES:
            return rx(r"\s*(?:\d|the\b|of\b)", re.IGNORECASE).match(rest) is None
        # "Hannah's dad Per is paying", "son Will, 9": a name that is also a word
        return low in _NAMES_TOO and _NAME_ENDS.match(rest) is not None
    # "husband tomás", "son jalen plays": a lower-case name the list lacks, when it is not an
    # everyday word and the person is said to do or be something right after it
    if low in _LOWER_MONTH_NAMES:
        # Family: a month that is also a name, said in lower case after the family word with
        # what the person does after it ("his wife june makes pies"); never "may" (a modal)
        said = _DOES_AFTER.match(rest)
        return said is not None and not said.group().strip(" ,").isdigit()
    if low in _surname_stop() or low in first_names() or low in _AGE_WORDS:
        return False
    said = _DOES_AFTER.match(low)
    if said is not None and said.end() == len(low):
        return False  # "her son turns 16": the verb that says what the person does or is
    accented = any(ord(ch) > 127 for ch in word)
    if not accented and (len(low) < 3 or (low.endswith(_WORD_ENDINGS) and not _name_ending(low))):
        return False
    if _DOES_AFTER.match(rest) is not None or (accented and _NAME_ENDS.match(rest) is not None):
        return True
    # dictated, the name ends the sentence: "talked to bo and his wife dot. they want a deck"
    said_after = rx(r"(\w+)\s$").search(text[max(0, w.start() - 16) : w.start()])
    return (
        rx(r"\s*[.;]").match(rest) is not None
        and said_after is not None
        and said_after.group(1).lower() in rel_words()
        and said_after.group(1).lower() not in plurals()
        and low not in _LAST_WORDS
        and len(low) <= 8
        and is_lower_note(text)
    )


def _name_ending(low: str) -> bool:
    """Family: a lower-case name after a family word that ends like an everyday word ("wife els
    makes", "wife shelly does", "dog pepper is"): "-s", "-er" or a double-l "-ly" that is not
    an adverb's "-ally"/"-ully" ("usually", "really") nor a word of the list ("never",
    "always"); the verb after it must still say the person does something."""
    if low in _ENDING_WORDS:
        return False
    if low.endswith("ly"):
        return low.endswith("lly") and not low.endswith(("ally", "ully"))
    if low.endswith("s"):
        return not low.endswith(("ss", "us", "ous"))
    return low.endswith("er")


# Everyday words ending like those names: "his wife never calls", "son always plays"
_ENDING_WORDS = word_list("people._ENDING_WORDS")


# Words NOT_NAMES refuses that are first names too, once a family word comes before them.
_NAMES_TOO = word_list("people._NAMES_TOO")
# What ends a name after a family word: "dad Per is paying", "son Will, 9", "wife Sue.", and
# the word that pairs it with the next ("DS Will both home")
_NAME_ENDS = LazyRegex(
    r"\s*(?:[,.;:)(\n&+]|$|\d|(?:is|was|who|has|had|just|and|both|turns?|turned|loves?|plays?)\b)",
    re.IGNORECASE,
)
# Family: a name said apart from its age in brackets ("kenta's son haru (7)") is followed by
# what the person is, as a verb would be.
_DOES_AFTER = LazyRegex(
    r"\s*(?:,\s*)?(?:\d|\(\s*\d{1,2}\s*\)|(?:is|was|who|has|had|turns?|turned|loves?|likes?|plays?|coaches|"
    r"runs|works|started|starts|goes|got|just|will|wants|'s|makes|does|rides|sails|knits|"
    r"gardens|grows|bakes|cooks|paints|sings|leads|handles|builds|teaches|studies|owns|helps|"
    r"drives|travels|collects|shows|breeds|swims|dances|hunts|fishes|golfs|skis|surfs|reads|"
    r"writes|still|also|really)\b)",
    re.IGNORECASE,
)
_AGE_WORDS = word_list("people._AGE_WORDS")
_LAST_WORDS = word_list("people._LAST_WORDS")
_WORD_ENDINGS = ("s", "ed", "ing", "ly", "er", "est", "tion")


# Family: a title of address between the family word and the name ("her mother, Mrs. Ingrid
# Lindqvist", "his wife lady geneva", "husband Dr. Tom Reyes"): the name is the word after it.
_TITLE_BEFORE_NAME = LazyRegex(
    r"(?:mrs|mr|ms|miss|dr|(?:first\s+)?lady|dame|sir|don|do(?:ñ|n)a|herr|frau|se(?:ñ|n)ora?|madame|mme)"
    r"\.?\s+(?=[^\W\d_]{2})",
    re.IGNORECASE,
)


# Family: a pet's name said beside its kind, whatever the word ("her dog pepper, a corgi", "his
# dog ranger, a big old lab", "a cat named judge", "a pup named major"): a pet's name is often
# an everyday word or a title, so the naming or the kind after it says it is a name.
_KIND_APPOSITION = LazyRegex(r"\s*,?\s+(?:a|an)\s+(?P<words>[a-z-]+(?:\s+[a-z-]+){0,2})")


def _pet_name(text: str, w: re.Match[str], explicit: bool) -> bool:
    low = w.group().lower()
    if not w.group().isalpha() or len(low) < 2 or low in rel_words():
        return False
    if low in _surname_stop() and low not in NOT_NAMES:
        return False  # "a dog named after ...", "his dog is a lab": a word of the sentence
    if text[w.end() : w.end() + 1] == "." and low in ("mr", "mrs", "ms", "dr", "capt"):
        return False  # "named Mr. Biscuits": the title and the name are read together
    if explicit:
        return True
    kind = _KIND_APPOSITION.match(text, w.end())  # "a corgi", "a big old lab"
    return kind is not None and any(
        rel_words().get(said) in ("dog", "cat", "pet") for said in kind.group("words").split()
    )


# Family: a pet's name, then its kind in brackets ("Juniper (golden) + Pepper (cat!!)",
# "Bandit (their beagle)"): the name is the word before the bracket.
_NAME_BEFORE_KIND = LazyRegex(r"\b([A-Z][a-z]+)\s*\(\s*(?:(?:a|an|his|her|their|our)\s+)?$")
# Family: a pet's name, then "the" and its kind ("Biscuit the beagle", "Duke the old gelding");
# not a trade or a thing the kind word starts ("Tom the dog groomer", "Ann the cat lady").
_NAME_THE_KIND = LazyRegex(r"\b([A-Z][a-z]+)\s+the\s+(?:(?:little|big|old|young|new|rescue)\s+)?$")
_KIND_OF_A_TRADE = LazyRegex(
    r"[ -](?:[a-z]+ers?|food|treats?|park|bed|show|shows|daycare|sitting|walking|grooming|"
    r"training|hair|toys?|guy|lady|person|man|woman|people|whisperer|mom|dad)\b"
)


def _titled_name_after(text: str, pos: int) -> re.Match[str] | None:
    space = rx(r"\s*,?\s*").match(text, pos)
    return _TITLE_BEFORE_NAME.match(text, space.end() if space else pos)


def _names_after(
    text: str, pos: int, plural: bool, pet: bool = False
) -> tuple[list[tuple[str, int | None]], int]:
    """Names (with ages) right after a family word; returns them and where they end."""
    found: list[tuple[str, int | None]] = []
    m = _NAME_AT.match(text, pos)
    cursor = m.end() if m else pos
    explicit = m is not None and _SAID_NAMED.search(m.group()) is not None
    titled = None if pet else _TITLE_BEFORE_NAME.match(text, cursor)
    if titled is not None:  # "her mother, Mrs. Ingrid Lindqvist", "his wife lady geneva"
        cursor = titled.end()
    lower_list = plural and is_lower_note(text)
    first = True
    while True:
        w = _NAME_WORD.match(text, cursor)
        if w is None or not (
            _is_first_name(w.group(), lower_ok=True)
            # "greyhounds named comet dash and pixie": every word of a named list is a name
            or ((first or explicit) and _plain_name(text, w, explicit))
            or (first and pet and _pet_name(text, w, explicit))
        ):
            break
        if not first and not plural:
            break
        name = w.group()
        name = name[:-2] if name.lower().endswith("'s") else name
        cursor = w.end()
        age = None
        a = _AGE_AFTER.match(text, cursor)
        if a is not None:
            age = int(a.group(1))
            cursor = a.end()
            if plural:
                born = _BIRTHDAY_AFTER.match(text, cursor)
                cursor = born.end() if born is not None else cursor
        found.append((title_name(name), age))
        first = False
        if not plural:
            break
        # "Owen, Lily and Ava", "twins Jo/Max", "Sofi (6), Mateo (4), baby Luz"
        sep = rx(
            r"\s*(?:[,;]\s*(?:and\s+)?|and\s+|&\s*|\+\s*|/\s*)(?:(?:baby|little|the\s+baby)\s+)?"
        ).match(text[cursor:])
        if (sep is None or not sep.group()) and lower_list:
            # dictated without commas: "three kids isabel mateo and the baby nico"
            sep = rx(r"\s+(?=[a-z])").match(text[cursor:])
        if sep is None or not sep.group():
            break
        if sep.group().lstrip().startswith(";") and text[:cursor].rstrip().endswith(")"):
            break  # "2 boys (Wade 8, Colt 5); Boone is ...": the bracket closed the list
        cursor += sep.end()
    return found, cursor


def _count_before(text: str, start: int) -> int | None:
    prev = text[max(0, start - 14) : start].lower().replace("(", " ").split()
    for k, word in enumerate(reversed(prev[-2:])):
        if word in _NUMBER:
            if word in ("a", "one", "1"):
                return 1 if k == 0 else None  # "a horse girl" is not one girl
            return _NUMBER[word]
    return None


def find_family(
    text: str,
    limit: int,
    sentences: list[Span],
    voice: Callable[[int], frozenset[str]] = lambda pos: frozenset(),
) -> list[FamilyMember]:
    """Family members and pets mentioned in ``text[:limit]``; ``owner`` says whose when a name
    does ("Rita has 3 kids"), so the caller can keep only the client's. ``voice(pos)`` names the
    words that say "the client's" where the client speaks ("my", "our" in their e-mail) or is
    spoken to ("your" in the user's recap); elsewhere "my son" is the user's own."""
    people: list[FamilyMember] = []
    lower = is_lower_note(text)
    for m in REL_RE.finditer(text, 0, limit):
        group = _members_at(text, m, sentences, voice(m.start()))
        owner = _OWNER_NAME.search(text, max(0, m.start() - 40), m.start())
        whose = owner.group(1) if owner and owner.group(1).lower() not in NOT_NAMES else None
        if whose is None and lower:
            whose = _lower_owner(text, m.start())
        for member in group:
            member.owner = whose
        if len(group) > 1 and all(p.name is None for p in group):
            if m.group().lower().startswith("twin") and _twins_said(people):
                continue  # i16hh: "grandsons Caleb and Jonah (twins, 9) ... the twins": the two
            _merge_count(people, group)  # "each grandkid ... (4 grandkids)": four of them
            continue
        for member in group:
            _merge(people, member)
    low = text[:limit].lower()
    for m in _SPOUSE.finditer(text, 0, limit) if "anniv" in low or "married" in low else ():
        _merge(people, FamilyMember("partner", m.group("name"), None, m.start(), m.end()))
    _one_of_the_grandchildren(text, people)
    for m in _PAIR_NAMED.finditer(text, 0, limit):
        first = next((p for p in people if p.start == m.start(1)), None)
        second = next((p for p in people if p.start == m.start(2)), None)
        if first is not None and second is not None and first is not second:
            first.name, second.name = title_name(m.group(3)), title_name(m.group(4))
    return people


# Family: whose relative, said by a possessive in a note typed or dictated in lower case
# ("her cofounder ollie ... ollie's dog biscuit"): the owner is a first name the note gives to
# someone of another household (a friend, neighbour, colleague), so the caller keeps only the
# client's. Without capitals the client is less sure, so a name said only as the client's
# ("linh says ... linh's husband") stays the client's.
_LOWER_OWNER = LazyRegex(r"\b([a-z][a-z-]+)'s\s+(?:[\w-]+\s+){0,2}$")


def _lower_owner(text: str, start: int) -> str | None:
    said = _LOWER_OWNER.search(text, max(0, start - 40), start)
    if said is None:
        return None
    word = said.group(1)
    if word in NOT_NAMES or word in rel_words() or word not in first_names():
        return None
    tied = re.finditer(r"\b([a-z-]+)\s+" + re.escape(word) + r"\b", text[: said.start()])
    if not any(t.group(1) in _SOMEONE_ELSES for t in tied):
        return None
    return title_name(word)


# Family: two relatives, then their names in the same order in brackets ("her mom and dad
# (Linda and Frank)", "son & daughter (Eli + Rose)"): each takes its own, not the first both.
_PAIR_NAMED = LazyRegex(
    r"\b([A-Za-z]+)\s+(?:and|&|\+)\s+(?:(?:his|her|their)\s+)?([A-Za-z]+)\s*\(\s*"
    r"([A-Z][a-z]+)\s*(?:and|&|\+|,|/)\s*([A-Z][a-z]+)\s*\)"
)


# i16hh. Family: one of the grandchildren just counted, said by their place among them ("their
# grandkids are coming, two of them twins named poppy and june", "Five grandkids in Denver, the
# oldest, Mia, is 16"): a grandchild, not a child, and one of those counted.
_AMONG = frozenset(["twins", "twin", "oldest", "youngest", "eldest"])
_GRANDKIDS_BEFORE = LazyRegex(
    r"\bgrand(?:kids?|children|child|babies|sons|daughters)\b[^.;!?\n]{0,80}$", re.IGNORECASE
)


def _one_of_the_grandchildren(text: str, people: list[FamilyMember]) -> None:
    named = 0
    for p in people:
        if (
            p.relation == "child"
            and text[p.start : p.end].lower() in _AMONG
            and _GRANDKIDS_BEFORE.search(text, max(0, p.start - 100), p.start)
        ):
            p.relation = "grandchild"
            named += p.name is not None
    for _ in range(named):
        counted = next((p for p in people if p.relation == "grandchild" and p.name is None), None)
        if counted is None:
            break
        people.remove(counted)


def _twins_said(people: list[FamilyMember]) -> bool:
    """Whether two children or grandchildren are already named, the twins said again."""
    kids = ("son", "daughter", "child", "grandson", "granddaughter", "grandchild")
    return sum(1 for p in people if p.name and p.relation in kids) >= 2


def _merge_count(people: list[FamilyMember], group: list[FamilyMember]) -> None:
    """Several unnamed people: only those the note has not already counted are new."""
    known = sum(1 for p in people if _covers(p.relation, group[0].relation))
    people.extend(group[known:])


def _sentence_of(sentences: list[Span], pos: int) -> Span:
    for span in sentences:
        if span.start <= pos < span.end + 1:
            return span
    return Span(pos, pos, "")


def _members_at(
    text: str, m: re.Match[str], sentences: list[Span], theirs: frozenset[str] = frozenset()
) -> list[FamilyMember]:
    word = " ".join(m.group().lower().split())
    relation = rel_words()[word]
    before_words = (
        text[max(0, m.start() - 24) : m.start()].lower().replace("'s", " 's").replace("(", " ")
    ).split()  # "(managing partner)": the word before, not the bracket
    prev = before_words[-1] if before_words else ""
    after = text[m.end() : m.end() + 16].lower()
    if word == "yo" or word.startswith(("month", "year", "yr ")):
        baby = baby_by_age(text, m)  # "a 6 month old (Jordan)", "a 6 yo named Jaden"
        return [FamilyMember("child", *baby)] if baby else []
    attached = text[m.start() - 1 : m.start()] == "-"  # "step-son" is said, "ex-wife" is not
    if relation in ("mother", "father") and prev not in _NOT_THE_CLIENTS:
        kids = PARENT_OF.match(text, m.end())
        if kids is not None:  # "single mom of 3": her children, counted
            n = _NUMBER.get(kids.group(1).lower(), 2)
            return [FamilyMember("child", None, None, m.start(), m.end()) for _ in range(n)]
    if (
        (prev in _NOT_THE_CLIENTS and prev not in theirs)
        or attached
        or (prev in _BEFORE_STOP and not word.startswith("baby"))
        or (prev == "new" and relation in ("partner", "mother", "father"))  # "a new mom"
        or (word in ("bride", "groom") and prev not in ("his", "her", "their", "'s"))
        or (
            relation != "dog"
            and not (prev == "'s" and len(before_words) >= 2 and before_words[-2] in _CLIENT_ROLE)
            and any(w in _NOT_THE_CLIENTS and w not in theirs for w in before_words[-3:-1])
        )
    ):
        return []  # "our TPA partner Kyle", "my new business partner"
    if prev.rstrip(".") in ("dr", "mr", "mrs", "ms", "prof") and m.group()[:1].isupper():
        return []  # "Dr. Cat Moore": a name after the title
    if UNBORN_BEFORE.search(text, max(0, m.start() - 24), m.start()):
        return []  # "expecting twins in March": not born yet
    if prev in ("his", "her") and _RELATIVE_JUST_NAMED.search(
        text, max(0, m.start() - 50), m.start()
    ):
        return []  # "their son Tad and his wife": the son's wife, not the client's
    if (
        prev in ("his", "her")
        and relation in ("mother", "father", "brother", "sister")
        and _SPOUSE_THEN_THEIRS[prev].search(text, _sentence_start(text, m.start()), m.start())
    ):
        return []  # "her husband hans passed ... his mother's chairs": the husband's mother
    if relation in ("son", "daughter") and _WED_TO.search(text, max(0, m.start() - 24), m.start()):
        return []  # "wyatt got married to a girl named kacey": a child's spouse, no one's child
    if word == "partner" and _PROFESSIONAL_AFTER.match(text, m.end()):
        return []  # "her partner doctor ortiz", "his partner, attorney Lee": the practice's
    if (
        relation in ("dog", "cat", "pet")
        and word in plurals()
        and prev in _KIND_BEFORE
        and not rx(r"\s*(?:named|called|[:(]|[,-]\s*[A-Z])").match(text[m.end() : m.end() + 10])
    ):
        return []  # "the new chew for cats", "great with dogs": a kind of animal, no one's pets
    if word == "baby" and not BABY_BEFORE.search(text, max(0, m.start() - 30), m.start()):
        return []
    if word in OLDEST:
        following = text[m.end() : m.end() + 20].lower().split()
        nxt_word = following[0].strip(",.;:!?()") if following else ""
        if nxt_word in OLDEST_NOT or nxt_word in rel_words():
            return []  # "his oldest son" is said by the next word

    if rx(r"-[a-z]").match(after) and not after.startswith("-in"):
        return []  # "a father-son trip", "mother-daughter"
    if word.startswith("twin") and rx(r"[A-Z][a-z'-]+\s*\(\s*$").search(
        text, max(0, m.start() - 24), m.start()
    ):
        return []  # i16hh: "grandsons Caleb and Jonah (twins, 9)": the two just named
    if relation in ("mother", "father") and rx(r"'?s'?\s+day\b", re.I).match(text, m.end()):
        return []  # i16hh: "Mother's Day preorders", "fathers day": a holiday, no one's parent
    if _company_or_title(text, m, prev):
        return []
    if (
        relation in ("mother", "father")
        and prev not in _OWNER
        and not text[: m.start()].rstrip().endswith("'s")
        and rx(r"\s+[A-Z][a-z]+\s+[A-Z][a-z]").match(text[m.end() : m.end() + 40])
    ):
        return []  # "- mom Adriana Castillo, daughter Valentina": the client's own role
    if word in ("brothers", "sisters") and rx(r"\bthe\s+(?:[A-Z][\w'-]+\s+){1,2}$").search(
        text[: m.start()]
    ):
        return []  # "the Van Wyk brothers (Pieter & Johan)": the clients themselves
    if word in SHORTHAND and not (
        (prev in _OWNER and not m.group().islower())
        or prev in ("his", "her", "their")
        or prev in theirs
        or prev == "'s"
        or _named_after(text[m.end() : m.end() + 30])
    ):
        return []  # typed in lower case ("gf"), only a person's ("his gf mika") or a name's
    if (
        prev == "'s"
        and len(before_words) >= 2
        and before_words[-2] in _SOMEONE_ELSES
        and before_words[-2] not in theirs
    ):
        return []  # "her friend's dog", "his cofounder's kids": another household's
    if rx(r"\s*-?\s*(?:in|and)[\s-]law").match(after) or rx(
        r"\s*of\s(?!\s*[\w-]+\s+(?:years?|yrs?|decades?)\b)(?!\s*(?:him|her|them)(?:\s+(?:is|are)\b|\s*[,:(.;]))"
    ).match(text[m.end() : m.end() + 30].lower()):
        return []  # "wife of CEO", "son of a client" (not "his wife of 30 years"): not his
    nxt = after.split()[0].strip(",.;:!?()") if after.split() else ""
    if nxt in _AFTER_STOP and (
        relation in ("dog", "cat", "pet") or _titled_name_after(text, m.end()) is None
    ):
        return []  # "a dog lady", "soccer mom"; not "his wife lady geneva" (a title, a name)
    sentence = _sentence_of(sentences, m.start())
    if word == "partner" and (_BUSINESS.search(sentence.text) or prev in ("business",)):
        return []
    if (
        word == "partner"
        and prev not in ("his", "her", "their", "'s", "life", "domestic")
        and rx(r"\s+[A-Z][a-z]+\s+[A-Z][a-z]+").match(text[m.end() : m.end() + 40])
    ):
        return []  # "partner Nisha Patel wants a quote": a partner of the firm, full name said
    if relation in _ONE_DOWN and _CHILD_HAD.search(
        text, max(sentence.start, m.start() - 40), m.start()
    ):
        relation = _ONE_DOWN[relation]  # "Their son Eric just had twins": grandchildren
    plural = word in plurals()
    names, end = _names_after(text, m.end(), plural, relation in ("dog", "cat", "pet"))
    if (plural or word.startswith("twin")) and len(names) < 2:
        in_list, list_end = _name_list(text, m.end(), sentence.end + 1, _list_count(text, m, word))
        if len(in_list) >= 2:
            names, end = in_list, list_end
    owner = (
        prev in _OWNER
        or prev in theirs
        or prev == "'s"
        or bool(rx(r"\w's\s*$").search(text[: m.start()]))
    )
    count = _count_before(text, m.start())
    if plural and not names and count is None:
        form = _COUNT_AFTER.match(text, end)
        if form is not None:  # "Kids: 3 (ages 2, 5, 9)": a form-like count after the word
            count, end = int(form.group(1)), form.end()
    bare_ages: list[int] = []
    if plural and not names and count is None:
        by_age = _BARE_AGES.match(text, end)
        if by_age is not None:  # "Kids: 7, 10", "kids 4 and 9": their ages, one child each
            bare_ages = [int(a) for a in rx(r"\d{1,2}").findall(by_age.group(1))]
            count, end = len(bare_ages), by_age.end()
    if relation in ("dog", "cat", "pet") and not names and _animals_as_stock(text, m, count):
        return []
    if word in NEEDS_NAME and not names:
        return []
    if word in NEEDS_OWNER and not (owner or names):
        return []
    if word in PHRASES_OWNED and not names and not (prev in theirs or (owner and prev != "the")):
        return []  # "the little one" may be a product; "their little one" is a child
    if prev in _VOCATIVE_BEFORE and not names:
        return []  # "Hey brother, ...", "thanks sis": a form of address, no one's relative
    if word in NEEDS_CONTEXT and not (owner or names or count or after.lstrip().startswith(":")):
        return []
    if word.startswith("twin") and count is None:
        count = 2
    ages: list[int] = []
    tail = text[end : end + 40]
    listed = _AGES_LIST.match(tail) or _ARE_AGES.match(tail)
    if listed:
        ages = [int(a) for a in rx(r"\d{1,2}").findall(listed.group(1))]
    ages = ages or bare_ages
    if not names:
        paren = _PAREN_NAME.search(text, m.end(), sentence.end + 1) if not plural else None
        if (
            paren is not None
            and (
                "'s" in text[m.end() : m.end() + 3]
                or _NAME_AND_AGE.match(text, paren.start()) is not None
            )
            and paren.group(1).lower() not in NOT_NAMES  # "her father's 80th bday (Dec 3)"
        ):
            age_said = paren.group(2)
            names = [(paren.group(1), int(age_said) if age_said else None)]
        if not names and not plural:
            later = NAMED_LATER.match(text, m.end())
            if later is not None and later.group(1).lower() not in NOT_NAMES:
                names = [(later.group(1), None)]
            name_is = _NAME_IS_LATER.match(text, m.end()) if not names else None
            if name_is is not None and _ANOTHER.search(text, m.end(), name_is.start(1)):
                name_is = None  # "her son works with a guy who is named Bob": someone else's
            if name_is is not None and _said_name(name_is.group(1)):
                names = [(title_name(name_is.group(1)), None)]
        before = _NAME_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
        possessive = text[m.end() : m.end() + 2] == "'s"  # "Li, her granddaughter's tuition"
        if before is not None and not plural and not names and not possessive:
            names = [(before.group(1), None)]
        bracketed = _NAME_THEN_BRACKET.search(text, max(0, m.start() - 30), m.start())
        if (
            bracketed is not None
            and not plural
            and not names
            # the bracket closes after the word, an age or a short aside ("hubby, also DDS")
            and rx(r"\s*(?:[,/][^()\n]{0,30})?\)").match(text, m.end()) is not None
            and bracketed.group(1).lower() not in NOT_NAMES
        ):
            names = [(bracketed.group(1), None)]  # "Giles (hubs)", "Marco (husband)"
    if not names and relation in ("dog", "cat", "pet"):
        before_kind = _NAME_BEFORE_KIND.search(text, max(0, m.start() - 30), m.start())
        if before_kind is None and not _KIND_OF_A_TRADE.match(text, m.end()):
            before_kind = _NAME_THE_KIND.search(text, max(0, m.start() - 30), m.start())
        if before_kind is not None and before_kind.group(1).lower() not in NOT_NAMES:
            names = [(before_kind.group(1), None)]
    if not names and relation in ("dog", "cat", "pet"):
        titled = _PET_TITLE.match(text, m.end())
        if titled is not None:
            names = [(titled.group(1), None)]
    if word == "golden" and not names:
        return []  # "a golden named Cooper" is a dog; "golden anniversary" is not
    if not names and (count or 0) >= 2:
        listed_names = _LISTED_NAMES.match(text, m.end(), sentence.end + 1)
        if listed_names is not None:
            said = rx(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|&|\+)\s*").split(listed_names.group(1))
            if len(said) == count and all(n.lower() not in NOT_NAMES for n in said):
                names = [(n, None) for n in said]
    if not names and plural and count is None:
        counted = N_OF_THEM.match(text, m.end())
        if counted is not None:
            count = _NUMBER.get((counted.group(1) or counted.group(2)).lower(), 2)
        elif BOTH_AFTER.match(text, m.end()):
            count = 2
    if not names and plural and count is None:
        follow = text[m.end() : m.end() + 14]
        if REL_RE.search(follow):
            return []  # "kids: twin boys" is said by the next word
        count = 1
    if names:
        out = []
        for k, (name, age) in enumerate(names):
            if age is None and k < len(ages):
                age = ages[k]
            out.append(FamilyMember(relation, name, age, m.start(), m.end()))
        if len(out) == 1 and out[0].age is None:
            out[0].age = _age_later(text, end) or _age_before(text, m.start())
        return out
    total = count or 1
    single_age = _age_before(text, m.start()) or (_age_later(text, m.end()) if total == 1 else None)
    return [
        FamilyMember(relation, None, ages[k] if k < len(ages) else single_age, m.start(), m.end())
        for k in range(min(total, 6))
    ]


# A list of names after a plural family word, however it is punctuated: "grandkids coming for
# Easter: Wren, Hugo, Dax", "3 kids - Arlo 11, Bea 7 and baby Cruz", "2 boys (Rudy 12, Felix 9)",
# "twin girls (Noor & Lina, 6)", "Kids: Vera (at Tulane), Oscar, and Leon", dictated "two boys
# rudy and felix", "three of them, wren hugo and dax". The list starts right after the word or
# after a colon, dash, bracket, comma or "named"/"are" within a short aside of the same sentence.
_LIST_START = LazyRegex(
    r"\s*(?:[:(\-\u2013\u2014,=]|\b(?:named|called|are|were|r)\b)\s*", re.IGNORECASE
)
_LIST_LEAD = 48  # how far after the family word the list may start
_LIST_AGE = LazyRegex(
    r"(?:\s*,?\s*\(\s*(\d{1,2})\s*\)|\s*,?\s+(\d{1,2})(?![\d:/])|\s*,\s*(\d{1,2})\s*(?=\)))"
    r"(?:\s*(?:yo|y/o|yrs?|mos?)\b)?"
)
# Family: each name's age said as a clause in a list ("two boys, Sam is 9 and Ben is 6",
# "both kids, an who's nine and bao who's seven"): the age is the name's, in figures or words.
_AGE_NUMBERS = {
    w: k + 1
    for k, w in enumerate(
        [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_LIST_AGE_SAID = LazyRegex(
    r"\s*,?\s+(?:is|who's|who\s+is|'s|turned|just\s+turned)\s+(\d{1,2}|"
    + "|".join(sorted(_AGE_NUMBERS, key=len, reverse=True))
    + r")\b(?!\s*(?:%|am|pm|o'clock|months?|minutes?|weeks?|days?))",
    re.IGNORECASE,
)
_LIST_ASIDE = LazyRegex(r"\s*\([^()\n]{1,30}\)")
# Family: "and" said informally or in another language between two names ("theo n jasper",
# "Salsa y Verde"): "n" anywhere in a list, "y" between capitalised names.
_LIST_SEP = LazyRegex(
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+n\s+|\s+(?-i:y)\s+(?=[A-Z])|\s*&\s*|\s*\+\s*|\s*/\s*)"
    r"(?:(?:the\s+)?(?:baby|little)\s+)?",
    re.IGNORECASE,
)
_LOWER_SEP = LazyRegex(r"\s+(?:(?:the\s+)?(?:baby|little)\s+)?(?=[a-z])")
_LIST_COUNT = LazyRegex(r"\b(two|three|four|five|six|2|3|4|5|6)\b(?:\s+of\s+them)?", re.IGNORECASE)


def _list_count(text: str, m: re.Match[str], word: str) -> int | None:
    """How many the note says there are: "two boys", "twins", "three of them" right after."""
    count = _count_before(text, m.start())
    if count is None and word.startswith("twin"):
        count = 2
    if count is None:
        said = _LIST_COUNT.search(text, m.end(), min(len(text), m.end() + _LIST_LEAD))
        if said is not None and said.group(0).endswith("them"):
            count = _NUMBER.get(said.group(1).lower())
    return count


def _name_list(
    text: str, pos: int, stop: int, count: int | None
) -> tuple[list[tuple[str, int | None]], int]:
    """The names (with ages) of a list that starts at ``pos`` or after a short aside."""
    stop = min(stop, len(text))
    lower = is_lower_note(text)
    starts = [pos + len(text[pos:stop]) - len(text[pos:stop].lstrip())] + [
        s.end()
        for s in _LIST_START.finditer(text, pos, min(stop, pos + _LIST_LEAD))
        if not rx(r"[.;!?\n]").search(text[pos : s.start()])
    ]
    for start in starts:
        found, end = _read_list(text, start, stop, lower, count)
        if len(found) >= 2:
            return (found[:count] if count else found), end
    return [], pos


def _read_list(
    text: str, cursor: int, stop: int, lower: bool, count: int | None
) -> tuple[list[tuple[str, int | None]], int]:
    found: list[tuple[str, int | None]] = []
    end = cursor
    while cursor < stop:
        w = _NAME_WORD.match(text, cursor)
        if w is None or w.end() > stop:
            break
        if not _list_name(w.group(), lower, count) and not (
            # "an who's nine and bao who's seven": a word said to be of an age is a name
            w.group().isalpha()
            and w.group().lower() not in rel_words()
            and (said := _LIST_AGE_SAID.match(text, w.end())) is not None
            and said.group().lstrip(" ,").lower().startswith("who")
        ):
            break
        cursor = end = w.end()
        age = None
        a = _LIST_AGE.match(text, cursor)
        if a is not None and a.end() <= stop:
            age = int(a.group(1) or a.group(2) or a.group(3))
            cursor = end = a.end()
        said_age = _LIST_AGE_SAID.match(text, cursor) if a is None else None
        if said_age is not None and said_age.end() <= stop:
            number = said_age.group(1).lower()
            age = int(number) if number.isdigit() else _AGE_NUMBERS[number]
            cursor = end = said_age.end()
        aside = _LIST_ASIDE.match(text, cursor)
        if aside is not None and aside.end() <= stop:
            cursor = aside.end()  # "Vera (at Tulane)", "Paul (deceased)"
        found.append((title_name(w.group()), age))
        sep = _LIST_SEP.match(text, cursor)
        if (sep is None or not sep.group()) and lower and count:
            sep = _LOWER_SEP.match(text, cursor)  # dictated: "wren hugo and dax"
        if sep is None or not sep.group():
            break
        cursor = sep.end()
    if found and all(age is None for _, age in found[:-1]) and found[-1][1] is not None:
        shared = found[-1][1]  # "twin girls (Noor & Lina, 6)": the age is both's
        found = [(name, shared) for name, _ in found] if len(found) == 2 else found
    return found, end


def _list_name(word: str, lower: bool, count: int | None) -> bool:
    """A word of a list of names: a capitalised name, or in a note typed in lower case a known
    first name (or, when the note says how many, any word that is not an everyday one)."""
    low = word.lower()
    if not word.isalpha() or low in rel_words() or low in NOT_NAMES:
        return False
    if word[:1].isupper():
        return any(c.islower() for c in word)
    if not lower:
        return False
    if low in first_names():
        return True
    return (
        bool(count)
        and len(low) >= 3
        and low not in _surname_stop()
        and not low.endswith(_WORD_ENDINGS)
    )


_BEFORE_TITLE = word_list("people._BEFORE_TITLE")
# "his granddaughter's team her name is wren", "a rescue dog, his name's Tank": the name
# said in the same sentence after the relative
_ANOTHER = LazyRegex(
    r"\b(?:(?:with|to|for|from|met|meets|knows|and|of)\s+(?:a|an|another|someone|somebody)|whose)\b",
    re.IGNORECASE,
)
# "her son turns 16; his name is Josh", "her husband, who's a pilot, is named Greg"
_NAME_IS_LATER = LazyRegex(
    r"[^.!?\n]{0,40}?\b(?:(?:her|his|its)\s+name(?:'s|\s+is)|is\s+(?:named|called))\s+"
    r"([A-Za-z][a-z'-]+)",
    re.IGNORECASE,
)


def _said_name(word: str) -> bool:
    low = word.lower()
    return low not in NOT_NAMES and low not in _surname_stop() and low not in rel_words()


# A relative named just before, whose "his"/"her" the next family word takes
_RELATIVE_JUST_NAMED = LazyRegex(
    r"\b(?:son|daughter|brother|sister|dad|father|mom|mother|grandson|granddaughter|nephew|niece)"
    r"\s+[A-Z][a-z'-]+\s+(?:and|&|\+|may\s+(?:come|join|bring)\s+with|with|brings?|bring)?\s*"
    r"(?:(?:may|will|might|could)\s+)?(?:join\s+with\s+|bring\s+|come\s+with\s+)?(?:his|her)\s+$",
    re.IGNORECASE,
)
# Family: a spouse's relatives: after "her husband" in a sentence, "his mother" is the
# husband's; after "his wife", "her mother" is the wife's (another household, the in-laws).
_SPOUSE_THEN_THEIRS = {
    "his": LazyRegex(
        r"\bher\s+(?:late\s+|new\s+)?(?:husband|hubby|hubs|fianc[eé]|boyfriend)\b", re.I
    ),
    "her": LazyRegex(r"\bhis\s+(?:late\s+|new\s+)?(?:wife|wifey|fianc[eé]e|girlfriend)\b", re.I),
}
# Family: a girl or boy someone marries or dates is a spouse, not a child ("got married to a
# girl named kacey", "is dating a boy from Leeds")
_WED_TO = LazyRegex(
    r"\b(?:married|marrying|marry|engaged|dating|dates|seeing|wed)\s+(?:to\s+|with\s+)?(?:a|this|some)\s+"
    r"(?:(?:nice|lovely|sweet|young|local)\s+)?$",
    re.I,
)
# Family: a partner named with a professional title is the practice's partner ("her partner
# doctor ortiz", "his partner, attorney Dana Lee")
_PROFESSIONAL_AFTER = LazyRegex(
    r"\s*,?\s+(?:dr\.?|doctor|attorney|atty\.?|counsel|prof\.?|professor|cpa|dds|dvm)\s", re.I
)


# The end of a sentence, not a title's dot ("Mrs. Lucia Castellano")
_SENTENCE_END = LazyRegex(r"(?<!\bmrs)(?<!\bmr)(?<!\bms)(?<!\bdr)(?<!\bst)[.!?](?=\s)|\n", re.I)


def _sentence_start(text: str, pos: int) -> int:
    start = max(0, pos - 200)
    ends = [e.end() for e in _SENTENCE_END.finditer(text, start, pos)]
    return ends[-1] if ends else start


_KIND_BEFORE = frozenset(
    {"for", "with", "to", "about", "of", "on", "like", "loves", "love", "treats"}
)


# Animals kept as stock or seen as patients: "breeds Labradors", "a kennel of Labradors",
# "boards dogs", "30 cats on it" (a herd, a practice's patients), not the client's pets.
_STOCK_BEFORE = LazyRegex(
    r"(?i)\b(?:breeds?|breeding|breeder|raises|raising|sells|selling|boards|boarding|kennel|"
    r"kennels|litters?|herd|shelter|rescue\s+of|patients|clinic)\b(?:\s+(?:of|a|the|their|"
    r"some|more|new|purebred|show))*\s*$"
)
_STOCK_COUNT = 10  # more animals than a household keeps as pets


def _animals_as_stock(text: str, m: re.Match[str], count: int | None) -> bool:
    digits = rx(r"\b(\d+)\s+(?:[a-z]+\s+)?$").search(text[max(0, m.start() - 20) : m.start()])
    if (count or 0) >= _STOCK_COUNT or (digits and int(digits.group(1)) >= _STOCK_COUNT):
        return True
    return _STOCK_BEFORE.search(text[max(0, m.start() - 40) : m.start()]) is not None


# A phone shorthand with its person's name after it: "DD Hannah (8)", "DH = judge Mike", "DGS
# Cody": family even without "her" before it ("DD" alone may be due diligence)
_SHORTHAND_NAME = LazyRegex(r"\s*(?:=\s*)?(?:[a-z]+\s+)?(?P<name>[A-Z][a-z'-]+)\b")


def _named_after(after: str) -> bool:
    m = _SHORTHAND_NAME.match(after)
    if m is None:
        return False
    low = m.group("name").lower()
    return low in first_names() or (low not in NOT_NAMES and low not in _surname_stop())


_CONTACT_WORDS = frozenset(
    ["ring", "rang", "phone", "phoned", "ask", "asked", "see", "saw", "tell"]
)


def _company_or_title(text: str, m: re.Match[str], prev: str) -> bool:
    """'Klein & Sons Hardware' is a company, 'Father Tom Reilly' a priest: capitalised family
    words after '&' or before a full name, with no owner before them."""
    owned = prev in _OWNER or text[: m.start()].rstrip().endswith("'s")
    religious = m.group().lower() in ("father", "sister", "brother", "mother")
    if not m.group()[:1].isupper():
        # i16hh. Family: a priest or a nun said in lower case after a word of contact ("i'll
        # ring father keane", "ask sister bernadette"): a title, no one's relative
        return (
            religious
            and not owned
            and prev in _BEFORE_TITLE | _CONTACT_WORDS
            and rx(r"[ \t]+[a-z]{3,}\b(?!')").match(text, m.end()) is not None
        )
    if prev in ("&", "and"):
        return True
    titled = not owned and (prev in _BEFORE_TITLE or prev.endswith(":"))
    if religious and titled and rx(r"\s+[A-Z][a-z]").match(text[m.end() : m.end() + 4]):
        return True  # "VM: Father Michael from St. Anne's", "met Sister Ruth"
    if (
        religious
        and not owned
        and not prev.endswith((",", ";", "(", "-"))
        and rx(r"[ \t]+[A-Z][a-z]+\b(?!\s*[,(]\s*\d)").match(text, m.end()) is not None
        and text[max(0, m.start() - 2) : m.start()].strip() not in ("", ".", "\n")
    ):
        return True  # i16hh: "Also Father Tom asked": a title inside a sentence, not a list's
    return (
        not owned and rx(r"\s+[A-Z][a-z]+\s+[A-Z]").match(text[m.end() : m.end() + 30]) is not None
    )


def _age_later(text: str, pos: int) -> int | None:
    m = _AGE_LATER.match(text, pos)
    return int(m.group(1)) if m else None


def _age_before(text: str, pos: int) -> int | None:
    m = _AGE_BEFORE.search(text[max(0, pos - 14) : pos])
    return int(m.group(1)) if m else None


def _covers(existing: str, new: str) -> bool:
    children = ("son", "daughter", "child")
    grandchildren = ("grandson", "granddaughter", "grandchild")
    # a son is not a daughter: "son Adam ... with her daughter" are two children
    generic = ("child", "grandchild")
    return (
        existing == new
        or (existing in children and new in children and (existing in generic or new in generic))
        or (
            existing in grandchildren
            and new in grandchildren
            and (existing in generic or new in generic)
        )
    )


def _merge(people: list[FamilyMember], member: FamilyMember) -> None:
    """Add ``member`` unless the note already said who this is."""
    for other in people:
        if member.name and other.name and member.name.lower() == other.name.lower():
            return
        if other.start == member.start and other.name == member.name is None:
            continue  # "two boys": the same words, several people
        if member.name is None and _covers(other.relation, member.relation):
            return
        same = (
            other.relation == member.relation
            or (other.relation == "child" and member.relation in ("son", "daughter"))
            or (other.relation == "grandchild" and member.relation in ("grandson", "granddaughter"))
        )  # "3 grandkids ... grandson Owen turns 16": Owen is one of the three
        if member.name and other.name is None and same:
            # "his kid's game ... His son Noah": the same child, now named
            other.name, other.age = member.name, other.age or member.age
            other.relation = member.relation
            return
    people.append(member)


# i16hh. Family: a relative of the client's child, said by the child's pronoun ("paolo plays in
# his high school, and his older sister bea", "Renée (Mateo's mom) ... his little sister
# Valentina"): the child's sister or brother is the client's daughter or son, when the last
# person named before the pronoun who may be its "his" or "her" is a child of the client.
_SIBLING_OF = {"sister": "daughter", "brother": "son"}
_CHILDS_PRONOUN = LazyRegex(
    r"\b(his|her)\s+(?:(?:little|older|younger|big|baby|elder|eldest|kid|twin|half)\s+)?$",
    re.IGNORECASE,
)
# Family: the client says whose parent they are ("it's Renée (Mateo's mom)", "I'm Jude's dad",
# "this is Ava's mum"): the child is the client's.
_PARENT_OF_SELF = LazyRegex(
    r"\b(?:I'?m|I\s+am|[Tt]his\s+is|[Ii]t'?s)\s+(?:[A-Z][\w'\u00c0-\u017f-]*\s*){0,2}[(,-]?\s*"
    r"(?P<child>[A-Z][a-z'-]+)'s\s+(?P<parent>mom|mum|mother|dad|father|mama|papa|mommy|daddy)\b"
)
_MOTHER = frozenset(["mom", "mum", "mother", "mama", "mommy"])
_CHILD_GENDER = {"son": "m", "daughter": "f", "child": None}
_SIBLING_REACH = 400  # how far back the child may be named
_HONORIFIC = LazyRegex(r"\b(mr|mrs|ms|miss)\.?\s+$", re.IGNORECASE)
_SPEAKER = LazyRegex(r"[^\W\d_][\w'-]*(?:[ \t]+[^\W\d_][\w'-]*){0,2}[ \t]*:")


def children_by_their_kin(
    text: str, family: list[FamilyMember], mentions: list[tuple[int, str]], client: str | None
) -> list[FamilyMember]:
    """The client's family with the children the note names by their parent ("Mateo's mom",
    said by the client) and by a child's sister or brother ("his older sister bea");
    ``mentions``: where each person the note names is said (start, first name); ``client``:
    the client's first name."""
    women, men = women_and_men()
    client = (client or "").lower()
    client_is = "f" if client in women else "m" if client in men else None
    said = _PARENT_OF_SELF.search(text, 0, min(len(text), 600))
    if said is not None and said.group("child").lower() not in NOT_NAMES:
        client_is = "f" if said.group("parent").lower() in _MOTHER else "m"
        child = said.group("child")
        if not any(p.name and p.name.lower() == child.lower() for p in family):
            family = [*family, FamilyMember("child", child, None, *said.span("child"))]
    children = {
        p.name.lower(): _CHILD_GENDER[p.relation]
        for p in family
        if p.name and p.relation in _CHILD_GENDER
    }
    if not children:
        return family
    people_at = sorted(
        {*mentions, *((m.start(), m.group()) for name in children for m in _said(text, name))}
    )
    for person in family:
        if person.relation not in _SIBLING_OF or not person.name:
            continue
        pronoun = _CHILDS_PRONOUN.search(text, max(0, person.start - 30), person.start)
        if pronoun is None:
            continue
        gender = "m" if pronoun.group(1).lower() == "his" else "f"
        reach = pronoun.start() - _SIBLING_REACH
        last = None
        for start, first in people_at:
            if not reach <= start < pronoun.start() or _SPEAKER.match(text, start):
                continue  # a turn's speaker ("Renée Castellanos: thank you!") is not spoken of
            low = first.lower()
            titled = _HONORIFIC.search(text, max(0, start - 6), start)
            if not (titled or low in children or low == client or low in first_names()):
                continue  # "Thursdays", "Perfect": a capitalised word, no one's name
            said_as = (
                children.get(low)
                if low in children
                else client_is
                if low == client
                else ("m" if titled.group(1).lower() == "mr" else "f")
                if titled
                else "f"
                if low in women
                else "m"
                if low in men
                else None
            )
            if said_as in (None, gender):
                last = low  # who "his" or "her" may be
        if last is not None and last in children:
            person.relation = _SIBLING_OF[person.relation]
    return family


def _said(text: str, name: str) -> list[re.Match[str]]:
    return list(re.finditer(rf"\b{re.escape(name)}\b", text, re.IGNORECASE))


# i16hh. Family: the household listed under a heading of its own ("Kids: Chidi is 14 and into
# robotics, little Amara (6) does ballet.", "Kids: Rupert (16, boards at Stowe), Hattie (13)
# and little Kit who's 8", "The household:\n- Liam (34) runs the bar\n- Maeve (22) ..."): each
# item that opens with a name is a child, whatever the item goes on to say about them. Under
# "Family:" or "The household:" only an item given an age is one (the others name who they are).
_HOUSEHOLD_HEADING = LazyRegex(
    r"(?im)(?:^|(?<=[.!?;][ \t]))[ \t]*(?:[-*\u2022][ \t]*)?(?:the[ \t]+)?"
    r"(?P<head>kids|children|grandkids|grandchildren|family|household)[ \t]*:[ \t]*"
)
_HEADING_KIN = {"grandkids": "grandchild", "grandchildren": "grandchild"}
_BULLET = LazyRegex(r"[ \t]*(?:[-*\u2022]|\d[.)])[ \t]*")
_ITEM_SEP = LazyRegex(r"\s*(?:[,;]\s*(?:and\s+)?|\s+and\s+|\s*&\s*)")
_ITEM_NAME = LazyRegex(
    r"(?:(?i:little|baby|young|the\s+baby)\s+)?(?P<name>[A-Z][a-z'-]+)\b(?!\s+[A-Z][a-z])"
)
_ITEM_AGE = LazyRegex(
    r"\s*(?:\(\s*(?P<a>\d{1,2})\b[^()]*\)|,?\s+(?P<b>\d{1,2})\b(?![\d:/])|\s*,?\s+(?:is|who's|"
    r"who\s+is|'s|turned|just\s+turned)\s+(?P<c>\d{1,2}|"
    + "|".join(sorted(_AGE_NUMBERS, key=len, reverse=True))
    + r")\b(?!\s*(?:%|am|pm|months?|weeks?|days?)))",
    re.IGNORECASE,
)
_PARENS = LazyRegex(r"\([^()\n]*\)")
_ITEM_WORDS = frozenset(["both", "all", "none", "two", "three", "four", "grown", "adults"])


def household_listed(text: str, limit: int, client: str | None) -> list[FamilyMember]:
    """The children a heading of the household lists (not the client, not a family word's)."""
    found: list[FamilyMember] = []
    for head in _HOUSEHOLD_HEADING.finditer(text, 0, limit):
        kind = head.group("head").lower()
        relation = _HEADING_KIN.get(kind, "child")
        needs_age = kind in ("family", "household")
        line_end = text.find("\n", head.end())
        line_end = limit if line_end == -1 else min(line_end, limit)
        if text[head.end() : line_end].strip():
            # the items on the heading's line, to its first sentence's end
            line = _PARENS.sub(lambda m: " " * len(m.group()), text[head.end() : line_end])
            stop = rx(r"\.(?:\s|$)").search(line)
            end = head.end() + (stop.start() if stop else len(line))
            starts = [head.end()] + [
                head.end() + m.end() for m in _ITEM_SEP.finditer(line, 0, end - head.end())
            ]
        else:
            # bulleted lines under it, each opening one item
            starts, at = [], line_end + 1
            while at < limit:
                bullet = _BULLET.match(text, at)
                if bullet is None or not bullet.group().strip():
                    break
                starts.append(bullet.end())
                nxt = text.find("\n", at)
                at = limit if nxt == -1 else nxt + 1
            end = at
        for start in starts:
            m = _ITEM_NAME.match(text, start, end)
            if m is None or not m.group("name")[:1].isupper():
                continue
            name = m.group("name")
            low = name.lower()
            if low in rel_words() or low == (client or "").lower():
                continue
            age_said = _ITEM_AGE.match(text, m.end(), end)
            age = None
            if age_said is not None:
                number = (age_said.group("a") or age_said.group("b") or age_said.group("c")).lower()
                age = int(number) if number.isdigit() else _AGE_NUMBERS[number]
            if (needs_age and age is None) or (
                (low in NOT_NAMES or low in _surname_stop() or low in _ITEM_WORDS)
                and age is None
                and m.start("name") == m.start()
            ):
                continue  # "Family: Sons Bram and ...", "Kids: Both at school": words
            found.append(FamilyMember(relation, name, age, m.start("name"), m.end("name")))
    return found
