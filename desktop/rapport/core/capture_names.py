"""Finding people's names in a note.

Notes are typed fast: names are usually capitalised ("Lunch w/ Bob Smith"), sometimes not
("phone w/ jim o'brien"). Capitalised runs of words are candidates; words that start sentences
("Lunch", "Met", "Promised"), days, months, places and company words are not names. A short
list of common first names rescues lower-case notes and breaks ties ("Georgia Tech" is a
school, "Georgia Lee" a person), but a name need not be on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rapport.core.capture_text import LazyRegex, is_name_token, words

__all__ = ["FIRST_NAMES", "NOT_NAMES", "NameMention", "find_names", "title_name"]

FIRST_NAMES = words(
    "aaron abby abdul abe abigail adam adrian ahmed aisha al alan alana albert alex alexa "
    "alexander alexandra alexis ali alice alicia allison alyssa amanda amber amelia amir amira "
    "amy ana andre andrea andrew andy angela angie anika anita ann anna anne annie anthony "
    "antonio arjun arthur ashley audrey austin ava barb barbara barry beatriz becky ben "
    "benjamin bernard beth betty beverly bill billy blake bob bobby brad bradley brandon "
    "brenda brent brett brian brianna brittany brooke bruce bryan caleb calvin cameron carl "
    "carla carlos carmen carol caroline carolyn carrie casey catherine chad charles charlie "
    "charlotte chelsea cheryl chloe chris christian christina christine christopher chuck "
    "cindy claire clara claudia cody colin connor craig cristina crystal curtis cynthia dale "
    "dan dana daniel danielle danny darren dave david dean deb debbie deborah debra denise "
    "dennis derek derrick devin diana diane diego dolores don donald donna doris dorothy doug "
    "douglas drew dustin dylan ed eddie edward eileen elaine eleanor elena eli elijah "
    "elizabeth ella ellen emily emma eric erica erik erin ethan eugene eva evan evelyn faith "
    "fatima felix fernando frances francisco frank fred gabriel gabriella gary gavin gene "
    "george georgia gerald gina giulia gloria grace greg gregory hana hannah harold harry "
    "hassan hazel heather helen henry hiro holly howard hugo ian irene isaac isabel isabella "
    "ivan jack jackie jackson jacob jacqueline jake james jamie jan jane janet janice jared "
    "jason javier jay jean jeff jeffrey jen jenna jennifer jenny jeremy jerry jesse jessica "
    "jill jim jimmy jo joan joanne joe joel john johnny jon jonathan jordan jorge jose joseph "
    "josh joshua joy joyce juan judith judy julia julian julie justin kai karen karl kate "
    "katherine kathleen kathy katie kayla keith kelly ken kenneth kevin kim kimberly kirk "
    "kristen kyle larry laura lauren leah lee leila leo leon leslie liam lily linda lindsay "
    "lisa liz logan lori louis lucas lucy luis luke lynn madison maggie mandy marc marco "
    "marcus margaret maria marie marilyn mario mark marsha martha martin marty mary mason "
    "mateo matt matthew maureen max maya megan mei melanie melissa mia michael michelle miguel "
    "mike mila miles mitch mohammed molly monica monique morgan nadia nancy naomi natalie "
    "nate nathan neil nick nicholas nicole nina noah noor nora norma olga oliver olivia omar "
    "oscar owen pam pamela pat patricia patrick paul paula peggy penny pete peter phil philip "
    "phyllis priya rachel raj ralph ramon randy ray raymond rebecca reggie rhonda ricardo "
    "richard rick ricky rita rob robert roberto robin rodney roger ron ronald rosa rose ruby "
    "russell ruth ryan sally sam samantha samuel sandra sandy sara sarah scott sean sergio "
    "seth shannon sharon shawn sheila shirley sofia sophia sophie stacy stan stanley "
    "stephanie stephen steve steven sue susan suzanne sydney tammy tanya tara ted teresa "
    "terry theresa thomas tiffany tim timothy tina todd tom tommy tony tracy travis trevor "
    "troy tyler val valerie vanessa victor victoria vince vincent virginia wade walter wanda "
    "warren wayne wendy wes will william willie yuki yusuf zach zachary zoe"
)

# Capitalised words that start sentences or name things other than people.
NOT_NAMES = words(
    "i i'm i'll i've i'd me my we our us you your he she they his her their him them it its "
    "the a an and or but so if then also just still no not nothing yes ok okay hi hey thanks "
    "lunch dinner breakfast brunch coffee drinks drink call called calls phone zoom teams "
    "meeting mtg met meet spoke spoke talked chat chatted convo visit visited saw ran bumped "
    "texted text emailed email e-mail voicemail vm lvm missed quick brief demo quarterly "
    "weekly monthly annual follow follow-up fu todo to-do next note notes reminder remind "
    "send sent sending thank thanks reply replied need needs wants want promised promise owe "
    "will would should must big huge loves love likes daughter son wife husband mom dad "
    "mother father brother sister kids kid twins grandson granddaughter dog cat new old "
    "budget decision site holiday hallway conference golf per re fyi asap eod eow "
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri "
    "sat sun january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec today tomorrow tonight "
    "dr mr mrs ms prof sir mom's dad's ceo cfo coo cto vp svp evp gm director manager owner "
    "team company office client clients customer vendor board university college school "
    "high state tech institute academy hospital church temple center centre group inc llc "
    "corp co ltd partners capital bank supply freight steel foods health dental logistics "
    "roofing plumbing security services solutions systems labs industries farms motors "
    "insurance realty construction consulting holdings media energy airlines pharma medical "
    "clinic studio studios grille grill cafe restaurant bar club hotel inn market brewing "
    "electric financial advisors law legal street st ave avenue road rd city county "
    "lake river beach bay north south east west new york san los las santa fort "
    "christmas thanksgiving easter halloween ramadan hanukkah passover "
    "whole trade expo open house closed gave stopped reunion reunión muy enviar check "
    "check-in catch up happy bday birthday anniversary congrats congratulations great good "
    "call-back asked says said mentioned told wants went going got get has had have is was "
    "are were be been pricing proposal quote invoice contract renewal order delivery "
    "sow msa nda rfp roi coi w-9 q1 q2 q3 q4 dm pm am hr it ops us uk eu"
)

# Words after which a capitalised word names a place or an organisation, not a person.
_PLACE_BEFORE = words("at @ in near")


@dataclass(frozen=True, slots=True)
class NameMention:
    """A person's name said in the note."""

    start: int
    end: int
    name: str  # as written, possessive dropped, title-cased when typed in lower case
    first: str
    full: bool  # two words or more


_WORD = LazyRegex(r"[^\W\d_][^\W_]*(?:['-][^\W\d_]+)*|\.")


def title_name(raw: str) -> str:
    """'jim o'brien' -> "Jim O'Brien"; already capitalised names are kept."""
    parts = []
    for word in raw.split():
        if word[:1].isupper():
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
    return lower_ok and low in FIRST_NAMES


@cache
def _surname_stop() -> frozenset[str]:
    # Lower-case words that never follow a first name as a surname in a lower-case note.
    return NOT_NAMES | words(
        "about after again all also as at be because before by can could did do does for "
        "from get go goes got had has have he her here his how in into is it just know like "
        "likes loves made make may more much my need needs on only or out over plays played "
        "re said says see she should so some than that the then there they this to too up "
        "us was we were what when where which who why will with would w w/ yet asked wants "
        "works runs lives called texted emailed mentioned thinks knows"
    )


def find_names(text: str, limit: int) -> list[NameMention]:
    """Person-name mentions in ``text[:limit]``, left to right.

    A run of capitalised words (max 3, possessive 's dropped) is one mention. A common first
    name typed in lower case starts one too when a surname-like word follows ("jim o'brien"),
    or alone in a note typed all in lower case.
    """
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, 0, limit)]
    capitals = sum(1 for _, _, t in tokens if t[:1].isupper())
    lower_note = capitals <= max(1, len(tokens) // 25)
    mentions: list[NameMention] = []
    i = 0
    while i < len(tokens):
        start, _, token = tokens[i]
        capital = token[:1].isupper()
        bare = _strip_possessive(token)
        if not _is_candidate(token, lower_ok=True) or (
            not capital and bare.lower() not in FIRST_NAMES
        ):
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(tokens) and len(run) < 3 and not tokens[run[-1]][2].lower().endswith("'s"):
            nxt = tokens[j][2]
            if text[tokens[j - 1][1] : tokens[j][0]] != " ":
                break
            if capital:
                if not _is_candidate(nxt, lower_ok=False):
                    break
            elif not (
                len(run) == 1
                and nxt.replace("'", "").replace("-", "").isalpha()
                and nxt.lower() not in _surname_stop()
                and nxt.lower() not in FIRST_NAMES
            ):
                break
            run.append(j)
            j += 1
        i = j
        prev = tokens[run[0] - 1][2].lower() if run[0] else ""
        full = len(run) > 1
        if not capital and not full and not lower_note:
            continue
        if prev in _PLACE_BEFORE and not (full and bare.lower() in FIRST_NAMES):
            continue  # "at Georgia Tech", "in Austin", "at Rosa's"
        raw = " ".join(_strip_possessive(tokens[k][2]) for k in run)
        end = tokens[run[-1]][1]
        if tokens[run[-1]][2].lower().endswith("'s"):
            end -= 2
        name = title_name(raw)
        mentions.append(NameMention(start, end, name, name.split()[0], full))
    return mentions
