"""The words of family and pets in a note, for ``people``: each family word with its
relation ("hubby" is a husband, "greyhounds" are dogs), the plural words, and the small
patterns around them (an unborn baby, a pet with a title, a count said after the word).

Only ``people`` uses them; they live apart so that module reads as the finder.
"""

from __future__ import annotations

import re
from functools import cache

from rapport.core.understand.mentions import NOT_NAMES
from rapport.core.understand.programs import rx
from rapport.core.understand.text import LazyRegex
from rapport.core.understand.wordlists import word_list

__all__ = [
    "ACRONYMS",
    "BABY_BEFORE",
    "BOTH_AFTER",
    "NAMED_LATER",
    "NEEDS_CONTEXT",
    "NEEDS_NAME",
    "NEEDS_OWNER",
    "N_OF_THEM",
    "OLDEST",
    "OLDEST_NOT",
    "PARENT_OF",
    "PHRASES_OWNED",
    "REL_RE",
    "SAID",
    "SAID_PLURALS",
    "SHORTHAND",
    "UNBORN_BEFORE",
    "baby_by_age",
    "breed_plurals",
    "plurals",
    "rel_pattern",
    "rel_words",
]

SAID: dict[str, str] = {
    "son": "son", "sons": "son", "stepson": "son", "stepsons": "son", "step-son": "son",
    "step-sons": "son", "boy": "son", "boys": "son", "daughter": "daughter",
    "daughters": "daughter", "stepdaughter": "daughter", "stepdaughters": "daughter",
    "step-daughter": "daughter", "step-daughters": "daughter", "girl": "daughter",
    "girls": "daughter", "kid": "child", "kids": "child", "child": "child",
    "children": "child", "stepkids": "child", "step-kids": "child", "twins": "child",
    "twin boys": "son", "twin girls": "daughter", "baby girl": "daughter", "baby boy": "son",
    "wife": "wife", "husband": "husband", "hubby": "husband", "spouse": "partner",
    "partner": "partner", "fiance": "partner", "fiancé": "partner", "fiancee": "partner",
    "fiancée": "partner", "girlfriend": "partner", "boyfriend": "partner", "mom": "mother",
    "mother": "mother", "mum": "mother", "dad": "father", "father": "father",
    "brother": "brother", "brothers": "brother", "sister": "sister", "sisters": "sister",
    "grandson": "grandson", "grandsons": "grandson", "granddaughter": "granddaughter",
    "granddaughters": "granddaughter", "grandkid": "grandchild", "grandkids": "grandchild",
    "grandchild": "grandchild", "grandchildren": "grandchild", "grandbaby": "grandchild",
    "dog": "dog", "dogs": "dog", "puppy": "dog", "pup": "dog", "cat": "cat", "cats": "cat",
    "kitten": "cat", "pet": "pet", "pets": "pet", "horse": "pet", "pony": "pet",
    "parrot": "pet", "rabbit": "pet", "bunny": "pet", "retriever": "dog",
    "golden retriever": "dog", "labrador": "dog", "lab": "dog", "doodle": "dog",
    "goldendoodle": "dog", "labradoodle": "dog", "poodle": "dog", "beagle": "dog",
    "corgi": "dog", "husky": "dog", "dachshund": "dog", "bulldog": "dog",
    "french bulldog": "dog", "frenchie": "dog", "pug": "dog", "german shepherd": "dog",
    "terrier": "dog", "collie": "dog", "spaniel": "dog", "schnauzer": "dog",
    "chihuahua": "dog", "maine coon": "cat", "siamese": "cat", "ragdoll": "cat",
    "kiddo": "child", "kiddos": "child", "kiddies": "child", "stepchild": "child",
    "stepchildren": "child", "wifey": "wife", "shiba inu": "dog", "shiba": "dog",
    "australian shepherd": "dog", "aussie": "dog", "bernese": "dog", "bernedoodle": "dog",
    "cockapoo": "dog", "maltese": "dog", "yorkie": "dog", "shih tzu": "dog", "pit bull": "dog",
    "pitbull": "dog", "greyhound": "dog", "dalmatian": "dog", "rottweiler": "dog",
    "great dane": "dog", "mastiff": "dog", "sheepdog": "dog", "border collie": "dog",
    "havanese": "dog", "pomeranian": "dog", "weimaraner": "dog", "vizsla": "dog",
    "sheltie": "dog", "mutt": "dog", "tabby": "cat", "bengal cat": "cat", "sphynx": "cat",
    "bride": "wife", "groom": "husband", "oldest": "child", "youngest": "child",
    "eldest": "child", "grandchildrens": "grandchild", "childrens": "child", "baby": "child",
    "grandbabies": "grandchild", "pit mix": "dog", "lab mix": "dog", "shepherd mix": "dog",
    "terrier mix": "dog", "hound mix": "dog", "pittie": "dog", "rescue mutt": "dog",
    "golden": "dog", "moms": "mother", "dads": "father",
    # common misspellings, and a baby said by its age ("they have a 6 month old (Jordan)")
    "grandaughter": "granddaughter", "grandaughters": "granddaughter",
    "grand-daughter": "granddaughter", "grand-son": "grandson", "grand-kids": "grandchild",
    "daugther": "daughter", "daugthers": "daughter", "toddler": "child", "month old": "child",
    "month-old": "child", "yo": "child", "year old": "child", "year-old": "child",
    "yr old": "child",
    # typed upper case only (see SHORTHAND): "his SO Renee", "DH", "DW"
    "so": "partner", "dh": "husband", "dw": "wife", "ds": "son", "dd": "daughter",
    "dgd": "granddaughter", "dgs": "grandson", "dds": "daughter", "dss": "son",
    # phone shorthand for family (issue 16): "her + hubs Carl", "bf Anil", "his mam Bridie"
    "hubs": "husband", "bf": "partner", "gf": "partner", "mam": "mother", "mama": "mother",
    "momma": "mother",
}  # fmt: skip
# More breeds, said as the pet ("a huge newfoundland named Moose", "his whippet Dash"); those
# that are also a place, a sport or a word need an owner or a name (MORE_NEEDS_OWNER)
SAID |= {w: "dog" for w in word_list("family_words.MORE_DOGS")}
SAID |= {w: "cat" for w in word_list("family_words.MORE_CATS")}
# Family: horses and other animals kept as pets, said by their kind ("a quarter horse mare named
# Dixie", "his old gelding Duke", "her donkey Pedro"): a pet when it has an owner or a name
SAID |= {w: "pet" for w in word_list("family_words.MORE_PETS")}
# Family: less common pets (birds, reptiles, small animals, a goat kept as a pet) and more
# breeds, said as the pet; the pets among them need an owner or a name (NEEDS_OWNER)
_PETS_LESS_COMMON = frozenset(
    w.replace("_", " ") for w in word_list("family_words.PETS_LESS_COMMON")
)
SAID |= {w: "pet" for w in _PETS_LESS_COMMON}
SAID |= {w.replace("_", " "): "dog" for w in word_list("family_words.DOGS_LESS_COMMON")}
SAID |= {w.replace("_", " "): "cat" for w in word_list("family_words.CATS_LESS_COMMON")}
# Family: a relative said by a phrase rather than a family word ("his better half Carol", "the
# little one, Abena", "the older two, Tolu and Femi", "the missus"); those that name a size or
# a thing as often ("the little one", "the other two") need an owner or a name (PHRASES_OWNED)
_PHRASES = {
    "partner": word_list("family_words.SAID_AS_PARTNER"),
    "wife": word_list("family_words.SAID_AS_WIFE"),
    "child": word_list("family_words.SAID_AS_CHILD"),
    "son": word_list("family_words.SAID_AS_SON"),
    "daughter": word_list("family_words.SAID_AS_DAUGHTER"),
    "father": word_list("family_words.SAID_AS_FATHER"),
    "mother": word_list("family_words.SAID_AS_MOTHER"),
}
SAID |= {w.replace("_", " "): relation for relation, said in _PHRASES.items() for w in said}
_CHILD_REGIONAL = word_list("family_words.SAID_AS_CHILD_REGIONAL")
SAID |= {w.replace("_", " "): "child" for w in _CHILD_REGIONAL}
# Family: a grandchild in another English ("his apo Migo", Philippine English): needs its
# owner's word, like the regional words for a child ("APO" is also a military address)
_GRANDCHILD_REGIONAL = word_list("family_words.SAID_AS_GRANDCHILD_REGIONAL")
SAID |= {w: "grandchild" for w in _GRANDCHILD_REGIONAL}
_REGIONAL = frozenset(
    w.replace("_", " ")
    for w in _PHRASES["son"] | _PHRASES["daughter"] | _CHILD_REGIONAL | _GRANDCHILD_REGIONAL
)
SHORTHAND = word_list("family_words.SHORTHAND")
# Family: phone shorthand typed in lower case too ("his gf mika", "gf Tash"); people.py asks
# for a person's word before it or a name after it ("gf pasta" is gluten-free)
SHORTHAND_LOWER = word_list("family_words.SHORTHAND_LOWER")
SAID_PLURALS = word_list("family_words.SAID_PLURALS") | frozenset(
    w.replace("_", " ")
    for w in word_list("family_words.PHRASES_PLURAL") | word_list("family_words.REGIONAL_PLURALS")
)


@cache
def breed_plurals() -> dict[str, str]:
    """'greyhounds', 'corgis': every one-word breed said in the plural (built on first use, so
    importing capture stays cheap)."""
    return {
        _plural(w): r
        for w, r in SAID.items()
        if r in ("dog", "cat") and w.isalpha() and len(w) >= 3 and not w.endswith("s")
        and w not in ("kitten",)
    }  # fmt: skip


def _plural(word: str) -> str:
    """ "labs", "huskies", "puppies" (a consonant's "y" is "ies"), "yorkies"."""
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


@cache
def rel_words() -> dict[str, str]:
    """Every family word, singular and plural, with its relation."""
    return {**breed_plurals(), **SAID}


@cache
def plurals() -> frozenset[str]:
    return SAID_PLURALS | breed_plurals().keys()


def _shorthand_forms() -> list[str]:
    """Phone shorthand as typed: upper case ("DD", "DW"), and a plural's "s" in lower case
    ("DDs Mira & Lena", "DSs") when the plural is a family word too."""
    forms = [w.upper() for w in SHORTHAND] + sorted(SHORTHAND_LOWER)
    forms += [w.upper() + "s" for w in SHORTHAND if w + "s" in SHORTHAND]
    return forms


def _longest_first(word: str) -> tuple[int, str]:
    """Longest first, ties in a fixed order: the words are sets, whose order follows the
    hash seed, and the pattern must be the same text in every process (its compiled
    program is kept between runs, core/understand/programs.py)."""
    return -len(word), word


def rel_pattern() -> str:
    return (
        r"\b(?:"
        + "|".join(
            re.escape(w).replace(r"\ ", r"\s+")
            for w in sorted(rel_words(), key=_longest_first)
            if w not in SHORTHAND
        )
        + "|(?-i:"
        + "|".join(sorted(_shorthand_forms(), key=_longest_first))
        + r"))\b"
    )


# Shorthand that means something else too unless a name follows ("GF Dani", not "the GF menu").
NEEDS_NAME = word_list("family_words.NEEDS_NAME") | _PETS_LESS_COMMON  # "goat cheese"
# Plural or generic words that need a possessive, a number or names to be family.
NEEDS_CONTEXT = word_list("family_words.NEEDS_CONTEXT")
# "their lad Jack" and "the lad at the counter": a regional word takes its owner's word
PHRASES_OWNED = (
    frozenset(w.replace("_", " ") for w in word_list("family_words.PHRASES_OWNED")) | _REGIONAL
)
NEEDS_OWNER = (
    word_list("family_words.NEEDS_OWNER")
    | word_list("family_words.MORE_NEEDS_OWNER")
    | word_list("family_words.MORE_PETS")
    | _PETS_LESS_COMMON
    | word_list("family_words.NEEDS_OWNER_AT_WORK")
    | PHRASES_OWNED
)
# "his oldest got into Howard" is a child; "his oldest friend", "her oldest account" are not
OLDEST = word_list("family_words.OLDEST")
OLDEST_NOT = word_list("family_words.OLDEST_NOT")
# "had their 4th baby", "welcomed a baby": a child born; "expecting a baby" is not yet
BABY_BEFORE = LazyRegex(
    r"\b(?:had|has|welcomed|delivered|adopted|new)\s+(?:(?:a|their|her|his)\s+)?"
    r"(?:(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|new|healthy)\s+)*$",
    re.IGNORECASE,
)
# "expecting twins in March" are not born yet; "they foster rescue greyhounds" are not theirs
UNBORN_BEFORE = LazyRegex(
    r"\b(?:expecting|pregnant\s+with|foster(?:s|ing)?)\s+(?:(?:a|their|rescue)\s+)?$", re.I
)
# "a baby boy Sat, named him Mateo": the name said after the child
NAMED_LATER = LazyRegex(r"[^.;!\n]{0,25}?\b(?:named|called)\s+(?:him|her|them|it)\s+([A-Z][a-z]+)")
# "single mom of 3", "dad to two girls": the children counted
PARENT_OF = LazyRegex(r"\s+(?:of|to)\s+(two|three|four|five|six|[2-6])\b(?!\s*(?:%|k\b))", re.I)
# "their boys are both in the Army", "her grandkids, 5 of them": a count after the word
BOTH_AFTER = LazyRegex(r"\s+(?:are\s+|were\s+)?both\b", re.IGNORECASE)
N_OF_THEM = LazyRegex(
    r"(?:,\s*|\s*\(\s*|\s+)(two|three|four|five|six|[2-6])\s+of\s+them\b"
    r"|\s*\(\s*([2-6])\s*\)",
    re.IGNORECASE,
)  # "her grandkids, 5 of them", "Erik's grandkids (3 of them)", "the grandkids (4)"
# Acronyms among the not-names words, typed as a name after a family word: "wife Hoa"
ACRONYMS = word_list("family_words.ACRONYMS")
REL_RE = LazyRegex(rel_pattern, re.IGNORECASE)


_AGED_BABY = LazyRegex(r"\b(?:a|an|their|his|her|new)\s+\d{1,2}[\s-]*$", re.IGNORECASE)
_AFTER_BABY = word_list("family_words._AFTER_BABY")
_BABY_NAME = LazyRegex(r"\s*(?:\(\s*|,\s*|\s+named\s+|\s+called\s+)([A-Z][a-z]+)\b")


def baby_by_age(text: str, m: re.Match[str]) -> tuple[str | None, int | None, int, int] | None:
    """'they have a 6 month old (Jordan)': one baby, named when the name follows; not 'the 6
    month old lease'. Returns the name, the age, and where the mention starts and ends."""
    if not _AGED_BABY.search(text, max(0, m.start() - 12), m.start()):
        return None
    after = text[m.end() : m.end() + 12].lower().split()
    if after and after[0].isalpha() and after[0] not in _AFTER_BABY:
        return None  # "a 6 month old contract"
    named = _BABY_NAME.match(text, m.end())
    name = named.group(1) if named and named.group(1).lower() not in NOT_NAMES else None
    months = m.group().lower().startswith("month")
    age = 0 if months else _leading_number(text, m.start())
    return name, age, m.start(), named.end() if named else m.end()


def _leading_number(text: str, pos: int) -> int | None:
    found = rx(r"(\d{1,2})[\s-]*$").search(text[max(0, pos - 6) : pos])
    return int(found.group(1)) if found else None
