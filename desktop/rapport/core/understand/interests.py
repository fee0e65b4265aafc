"""The interest catalogue: what people care about, found in free text.

``resources/interests.json`` lists interests as stable lower-case tags (golf, fly fishing, wine,
new york yankees...) with the phrases that mean them in a note. Quick capture tags facts with
them and the gift catalogue hangs ideas off the same tags, so a tag never changes once shipped.

Matching works on word tokens, not one giant regex: a dict from a phrase's first word to its
phrases keeps a note's scan linear and the catalogue's load to a couple of milliseconds.
- A text word may be the plural of a catalogue word ("golfs" finds golf), never the reverse,
  so "Met Anna" does not find the Mets.
- *weak* phrases ("running", "coffee", "books") count only next to an affinity word ("loves",
  "into", "avid", "fan"...): "Coffee with Beth" is a meeting, "coffee nerd" an interest.
- *context* phrases are team nicknames that are common words ("Heat", "Giants", "Eagles"):
  they need sports words nearby ("fan", "tickets", "season", "game") and a capital letter
  unless the whole note is lower case.
- A negation just before ("not a golfer", "hates golf") cancels a match.
- *cue_before* words accept a weak phrase said a few words after them in the same clause:
  "allergic to latex + peanuts" is a nut allergy, "peanuts at the game" is not.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapport.core.understand.derived import code_key, kept
from rapport.core.understand.programs import compile_regex
from rapport.core.understand.resources import read_resource
from rapport.core.understand.text import is_lower_note
from rapport.core.understand.wordlists import word_list

__all__ = ["Catalogue", "Interest", "InterestMatch", "catalogue", "find_interests"]


@dataclass(frozen=True, slots=True)
class Interest:
    """A catalogue interest: its tag, category and broader tag."""

    tag: str
    category: str
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class InterestMatch:
    """An interest found in a text: its tag, broader tags and where it was said."""

    tag: str
    tags: tuple[str, ...]  # the tag, then its parent, grandparent...
    category: str
    start: int
    end: int
    text: str
    trade: bool = False  # the client's trade goods said as such ("builds 20 guitars a year")


# (words, tag, mode) where mode is strong, weak or context; plain tuples keep loading cheap.
_Phrase = tuple[tuple[str, ...], str, str]
_SIMPLE = r"[a-z0-9 ]+"
_NOTHING: frozenset[str] = frozenset()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = r"[^\W_]+(?:[.'’][^\W_]+)*"
_BOUNDARY = r"[.;!?\n]"
_NEGATIONS = _words(
    "not no never hates hate dislikes dislike isn't doesn't don't can't won't nor "
    "hated isnt doesnt dont cant quit stopped used "
    # i16ip: a pastime being given up in any tense ("quitting trumpet", "quits golf")
    "quitting quits stopping"
)
_LIKING = _words("loves love loved likes like enjoys enjoy adores prefers")
_AFFINITY_BEFORE = _words(
    "loves love loved lover into enjoys enjoy enjoyed likes like avid big huge passionate "
    "obsessed hobby hobbies favorite favourite fan crazy plays play played does goes "
    "training trains learning collects collector addicted serious die-hard diehard fanatic "
    "lifelong devoted keen competitive weekend weekends every amateur great good talented "
    "went go going restores restoring restored rebuilds"
)
# Giving to a cause, not doing something for it: "raises money for charity"
_GIVING = word_list("interests._GIVING")
# Words of devotion before a pastime's doer: "avid kayaker", "competitive fencer"
_DEVOTION = word_list("interests._DEVOTION")
_AFFINITY_AFTER = _words(
    "fan fans nut nuts addict buff guy gal lover lovers enthusiast junkie fanatic geek nerd "
    "snob fiend aficionado person girl boy supporter supporters"
)
_SPORT_CONTEXT = _words(
    "fan fans ticket tickets season game games die-hard diehard root roots rooting cheer "
    "cheers cheering playoff playoffs jersey jerseys stadium arena tailgate tailgating "
    "football baseball basketball hockey soccer nfl nba mlb nhl superbowl finals opener "
    "seats suite seat supporter supporters"
)
# Said of what someone cares about: "can't stop talking about", "always talks about".
_TALKS_ABOUT = (
    r"(?i)\b(?:stop\s+talking|always\s+talking|always\s+talks|talks\s+nonstop|raves?|raving)"
    r"\s+about\b[^.;!?\n]{0,30}$"
)


@cache
def _rx(pattern: str) -> re.Pattern[str]:
    """The module's patterns, compiled on first use (importing capture stays cheap), from
    the kept program when there is one (programs.py)."""
    return compile_regex(pattern)


# "the gluten-free line", "vegan options": a product, not the person's diet.
_PRODUCT_AFTER = _words(
    "line lines product products option options menu menus version versions range sku skus "
    "offering offerings label formula formulation catering"
)
# What a seller sells or insures is not what the buyer loves: "5 cs of the Barolo", "samples
# of the orange wines", "stocks the IPA" (before); "boat policy", "wine list", "golf
# inventory" (after).
_TRADE_BEFORE = _words(
    "cs cases case kegs keg pallet pallets sku skus samples sample allocation order ordered "
    "orders reorder reordered stock stocks stocking carry carries carrying sell sells selling "
    "pours pour distributes distribute wholesale sold"
)
# What makes the words before it a business's or a job's name: "Vega Painting LLC", "wine and
# cheese shop", "golf course supt" (not the person's hobby)
_BUSINESS_AFTER = _words(
    "llc inc co corp shop shops store stores supply supplies company studio salon services "
    "boutique outlet distributors wholesale supt superintendent"
)
_TRADE_AFTER = _words(
    "policy policies insurance coverage loan loans storage business businesses inventory "
    "list lists program programs license dealership dealer distributor rental rentals "
    "allocation allocations sales account accounts endorsement rider premium "
    "listing listings claim claims permit permits lease leases financing warranty warranties "
    "contract contracts invoice invoices"
)
# The trade rules below mark an interest as the client's trade (``InterestMatch.trade``): it
# still tells a name from a word ("Finch Wine Bar" is no person), but is no interest of theirs.
# Places of a trade after the word: "Harrow & Finch Wine Bar", "Lantern Coffee Roasters",
# "Tobiason Apiaries", "the tea room"
_TRADE_PLACE = word_list("interests._TRADE_PLACE")
# What a seller offers of it, just after or one word on: "wine club proposal", "coffee
# pricing", "the tea samples"
_OFFER_AFTER = word_list("interests._OFFER_AFTER")
# A house's or a shop's own product: "her house espresso", "bulk coffee", "retail wine"
_PRODUCT_BEFORE = word_list("interests._PRODUCT_BEFORE")
# Family: goods made for trade, not a pastime: "builds about 20 guitars a year and sells them",
# "roasts and ships 900 lb of coffee a week", "makes the mugs they sell": a making verb in the
# sentence, with a quantity between it and the thing, or a sale or customers said with it
_MAKES = word_list("interests._MAKES")
_QUANTITY = word_list("interests._QUANTITY")
_FOR_SALE = word_list("interests._FOR_SALE")
# "3 new tractors coming", "60-70' motor yachts": a count of things is stock or a purchase,
# not a hobby; only things (collections, outdoor gear), since "ran 3 marathons" is a liking.
_COUNTED_CATEGORIES = frozenset({"collecting", "outdoors", "family-activities"})
_COUNTS = _words("two three four five six seven eight nine ten dozen dozens hundreds several")
_OWNS = _words("has have owns own bought got")
_STOCK_COUNT = 5
_FEW = _words("two three four")
_THE_TRADESMAN = _words("guy guys gal lady ladies man men woman women people folks person")
_ONE_OCCASION = _words("the a an this that next last their his her your my our on upcoming")
# "Mt. Zion", "Mount Hood": a place name, not the interest its word names.
_PLACE_BEFORE = _words("mt mount")
_SPORT_WORDS = {
    "football": "football",
    "nfl": "football",
    "baseball": "baseball",
    "mlb": "baseball",
    "basketball": "basketball",
    "nba": "basketball",
    "hockey": "hockey",
    "nhl": "hockey",
}


def _key(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if not word.isascii():
        decomposed = unicodedata.normalize("NFKD", word)
        word = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return word


def _singulars(word: str) -> tuple[str, ...]:
    """Catalogue words that ``word`` may be the plural of ("golfs" -> golf)."""
    forms: list[str] = []
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
        if word.endswith("es"):
            forms.append(word[:-2])
        if word.endswith("ies"):
            forms.append(word[:-3] + "y")
    return tuple(forms)


class Catalogue:
    """The interest catalogue, indexed for finding interests in text."""

    def __init__(
        self, entries: list[dict[str, object]], more: list[dict[str, object]] | None = None
    ) -> None:
        """``entries`` as interests.json has them; ``more`` as pastimes.json has them (read
        after: an entry may add phrases to a tag, and its phrases leave the tag they had).
        The phrases of ``more`` are indexed when a note first has their first word: the
        lexicon adds nothing measurable to a dry run's start."""
        self.interests: dict[str, Interest] = {}
        self._index: dict[str, list[_Phrase]] = {}
        self._later: dict[str, list[tuple[str, str, str]]] = {}
        self._block_before: dict[str, frozenset[str]] = {}
        self._block_after: dict[str, frozenset[str]] = {}
        self._near: dict[str, frozenset[str]] = {}
        self._cue_before: dict[str, frozenset[str]] = {}
        self._teams_by_word: dict[str, list[str]] = {}
        # Looked up once, not through re's cache for each of the ~2,000 phrases.
        self._simple = _rx(_SIMPLE).fullmatch
        self._tokens = _rx(_TOKEN).findall
        for entry in entries:
            self._entry(entry, later=False)
        for entry in more or ():
            self._entry(entry, later=True)

    def _entry(self, entry: dict[str, object], later: bool) -> None:
        tag = str(entry["tag"])
        parent = entry.get("parent")
        if not entry.get("extends"):  # an entry of pastimes.json may add to a tag
            self.interests[tag] = Interest(
                tag, str(entry["category"]), str(parent) if parent else None
            )
        for mode, field in (
            ("strong", "synonyms"),
            ("weak", "weak"),
            ("context", "context_synonyms"),
        ):
            for phrase in _strings(entry.get(field)):
                if not later:
                    self._add(phrase, tag, mode)
                elif phrase.isascii() and phrase.islower() and phrase.replace(" ", "").isalnum():
                    self._later.setdefault(phrase.partition(" ")[0], []).append((phrase, tag, mode))
                else:
                    self._add(phrase, tag, mode, again=True)
        if "block_before" in entry:
            self._block_before[tag] = frozenset(map(_key, _strings(entry["block_before"])))
        if "near" in entry:
            self._near[tag] = frozenset(map(_key, _strings(entry["near"])))
        if "cue_before" in entry:
            self._cue_before[tag] = frozenset(map(_key, _strings(entry["cue_before"])))
        if "block_after" in entry:
            self._block_after[tag] = frozenset(map(_key, _strings(entry["block_after"])))
        if entry.get("category") == "teams":
            self._teams_by_word.setdefault(tag.split()[-1], []).append(tag)

    def _add(self, phrase: str, tag: str, mode: str, again: bool = False) -> None:
        if self._simple(phrase):
            words = tuple(phrase.split())
        else:
            words = tuple(map(_key, self._tokens(phrase)))
        if words:
            phrases = self._index.setdefault(words[0], [])
            if again:  # a phrase of pastimes.json leaves the tag interests.json gave it
                phrases[:] = [p for p in phrases if p[0] != words]
            phrases.append((words, tag, mode))

    def phrases(self, word: str) -> list[_Phrase] | tuple[()]:
        """The phrases starting with ``word``; the lexicon's join the catalogue's on first
        use, in a new list published at once (a note read in another thread sees either)."""
        later = self._later.get(word)
        if later is not None:
            joined = list(self._index.get(word, ()))
            for phrase, tag, mode in later:
                words = tuple(phrase.split())
                joined = [p for p in joined if p[0] != words]
                joined.append((words, tag, mode))
            self._index[word] = joined
            self._later.pop(word, None)
        return self._index.get(word, ())

    def starts(self, word: str) -> bool:
        """Whether some phrase starts with ``word``."""
        return word in self._index or word in self._later

    def ancestors(self, tag: str) -> tuple[str, ...]:
        """``tag`` followed by its parent, grandparent... (cycles cut)."""
        chain = [tag]
        interest = self.interests.get(tag)
        while interest is not None and interest.parent and interest.parent not in chain:
            chain.append(interest.parent)
            interest = self.interests.get(interest.parent)
        return tuple(chain)

    def find(self, text: str) -> list[InterestMatch]:
        """Interests mentioned in ``text``, left to right, longest phrase first."""
        tokens = [(m.start(), m.end(), _key(m.group())) for m in _rx(_TOKEN).finditer(text)]
        keys = [t[2] for t in tokens]
        lower_note = is_lower_note(text)
        found: list[InterestMatch] = []
        i = 0
        while i < len(tokens):
            start, end, _ = tokens[i]
            if text[start].isupper() and text[end - 1 : end + 1] == "s'":
                i += 1  # "the Bakers' new build": a family's name, not baking
                continue
            hit = self._match_at(text, tokens, keys, i, lower_note)
            if hit is None:
                i += 1
                continue
            tag, n = hit
            start, end = tokens[i][0], tokens[i + n - 1][1]
            interest = self.interests[tag]
            trade = self._for_trade(text, tokens, keys, i, n, lower_note) or _in_an_org_slot(
                text, tokens, i, n, lower_note, self.starts
            )
            found.append(
                InterestMatch(
                    tag, self.ancestors(tag), interest.category, start, end, text[start:end], trade
                )
            )
            i += n
        return found

    def _match_at(
        self,
        text: str,
        tokens: list[tuple[int, int, str]],
        keys: list[str],
        i: int,
        lower_note: bool,
    ) -> tuple[str, int] | None:
        word = keys[i]
        candidates: list[_Phrase] = []
        for form in (word, *_singulars(word)):
            if form != word and form.endswith("ing"):
                continue  # family: "part drawings", "meter readings": the things, not a pastime
            candidates.extend(self.phrases(form))
        if not candidates:
            return self._doer(keys, i)
        candidates.sort(key=lambda p: -len(p[0]))
        for phrase in candidates:
            n = len(phrase[0])
            if i + n > len(keys) or not all(_same(keys[i + k], phrase[0][k]) for k in range(n)):
                continue
            if self._accept(text, tokens, keys, i, n, phrase, lower_note):
                return self._team_for(phrase, keys, i, n), n
        return None

    def _doer(self, keys: list[str], i: int) -> tuple[str, int] | None:
        """Family: a pastime said as its doer after a word of devotion ("avid kayaker", "keen
        curler", "a serious fencer", "weekend hikers"): the doer's activity ("kayaking") when
        the catalogue has it as a word of its own. Without the devotion word a doer may be a
        trade ("she's a painter"), so it stays unread."""
        if i == 0 or keys[i - 1] not in _DEVOTION:
            return None
        word = keys[i].removesuffix("s")
        if len(word) < 5 or not word.endswith("er"):
            return None
        for activity in (word[:-2] + "ing", word[:-3] + "ing"):
            for words, tag, mode in self.phrases(activity):
                if len(words) == 1 and mode != "context":
                    return tag, 1
        return None

    @staticmethod
    def _turned(
        text: str, tokens: list[tuple[int, int, str]], keys: list[str], neg: int, i: int
    ) -> bool:
        """'hates golf, loves tennis': a new clause that likes something ends the negation
        ('doesn't like golf' does not)."""
        for k in range(neg + 1, i):
            if keys[k] in _LIKING and _rx(r",|;|\bbut\b").search(
                text[tokens[neg][1] : tokens[k][0]]
            ):
                return True
        return False

    def _accept(
        self,
        text: str,
        tokens: list[tuple[int, int, str]],
        keys: list[str],
        i: int,
        n: int,
        phrase: _Phrase,
        lower_note: bool,
    ) -> bool:
        words, tag, mode = phrase
        before = keys[max(0, i - 3) : i]
        after = keys[i + n] if i + n < len(keys) else ""
        if before and before[-1] in self._block_before.get(tag, _NOTHING):
            return False
        if before and before[-1] == "our" and mode != "context":
            return False  # "tap handles for our IPA", "our golf outing": the user's, not theirs
        if after in self._block_after.get(tag, _NOTHING):
            return False
        if self.interests[tag].category == "dietary" and _for_a_product(keys, i + n):
            return False
        if before and before[-1].rstrip(".") in _PLACE_BEFORE and text[tokens[i][0]].isupper():
            return False  # "Pastor Banks from Mt. Zion": a church's name, not a trip
        if self._counted(text, tokens, keys, i, tag):
            return False
        if self._a_purpose(text, tokens, keys, i, tag):
            return False
        if mode != "context" and before[-1:] == ["the"] and after in _THE_TRADESMAN:
            return False  # "the violin guy on 5th", "the pool lady": who they are for trade
        if mode == "weak" and before[-1:] == ["the"]:
            return False  # "keen on the pilot", "at the library": one thing, not a pastime
        if mode != "context" and _ordered(text, tokens, keys, i):
            return False  # "wants a second electric kiln", "looking at a 24 foot pontoon"
        if after in _TRADE_AFTER or self._traded(text, tokens, keys, i):
            return False  # "5 cs of the Barolo", "the boat policy": what is sold, not a hobby
        if self._in_a_trade_name(text, tokens, keys, i + n):
            return False  # "Vega Painting LLC", "the wine and cheese shop", "golf course supt"
        if self._a_venue_or_a_job(text, tokens, keys, i, n):
            return False  # "met at the golf club", "a yoga instructor", "sponsors the marathon"
        if self._an_instrument_handled(text, tokens, keys, i, n):
            return False  # "one grand piano and a pool table", "the cat sleeps on the piano"
        if words[0] not in _NEGATIONS and any(w in _NEGATIONS for w in before):
            # only a negation in the same sentence: "doesn't drink. Loves cricket" is a fan
            start = max(0, i - 3)
            while start < i and _rx(_BOUNDARY).search(text, tokens[start][1], tokens[i][0]):
                start += 1
            negated = [k for k in range(start, i) if keys[k] in _NEGATIONS]
            # "used to play tennis": no longer; "used to teach piano and still plays" still does
            if "still" in keys[i : i + 8] or "used" in keys[start:i]:
                negated = [
                    k
                    for k in negated
                    if keys[k] != "used" or (keys[k + 1] == "to" and "still" not in keys[i : i + 8])
                ]
            if negated and not self._turned(text, tokens, keys, negated[-1], i):
                return False
        if mode == "weak" and self._one_trip(text, tokens, keys, i, tag):
            return False
        if mode == "weak":
            # the affinity word must be in the same clause: "big Falcons fan. his wife Keisha
            # runs the books" is not running
            first = max(0, i - 4)
            while first < i and _rx(_BOUNDARY).search(text, tokens[first][1], tokens[i][0]):
                first += 1
            near = keys[first:i]
            if any(w in _AFFINITY_BEFORE for w in near) or after in _AFFINITY_AFTER:
                return True
            if _practised(keys, i + n):
                return True  # "squash league", "bowls in a league", "crafts club"
            if _rx(_TALKS_ABOUT).search(text, max(0, tokens[first][0] - 30), tokens[i][0]):
                return True  # "can't stop talking about his new boat"
            cues = self._cue_before.get(tag)
            if cues:  # "allergic to latex + peanuts": the cue a few words back, same clause
                first = max(0, i - 6)
                while first < i and _rx(_BOUNDARY).search(text, tokens[first][1], tokens[i][0]):
                    first += 1
                if cues & set(keys[first:i]):
                    return True
            # "running the NYC half": a word that only this interest has, just after
            ahead = keys[i + n : i + n + 4]
            return bool(self._near.get(tag, _NOTHING) & set(ahead))
        if mode == "context":
            if not lower_note and not text[tokens[i][0]].isupper():
                return False
            window = keys[max(0, i - 8) : i + n + 8]
            if any(w in _SPORT_CONTEXT for w in window) or after in _AFFINITY_AFTER:
                return True  # "... tickets", "a Notre Dame guy", "Liverpool supporter"
            # "loves the Cubs": a capitalised nickname after "the" and an affinity word
            return (
                not lower_note
                and before[-1:] == ["the"]
                and any(w in _AFFINITY_BEFORE for w in before[:-1])
            )
        return True

    def _one_trip(
        self, text: str, tokens: list[tuple[int, int, str]], keys: list[str], i: int, tag: str
    ) -> bool:
        """Family: one trip said in passing ("enjoy the Cabo getaway", "their anniversary trip",
        "on vacation"): a determiner or "on" just before in the clause names one occasion, not
        a liking for travel ("loves to travel", "big on travel")."""
        if self.interests[tag].category != "travel":
            return False
        for k in range(i - 1, max(-1, i - 3), -1):
            if _rx(_BOUNDARY).search(text, tokens[k][1], tokens[i][0]):
                return False
            if keys[k] in _ONE_OCCASION:
                return True
        return False

    def _a_purpose(
        self, text: str, tokens: list[tuple[int, int, str]], keys: list[str], i: int, tag: str
    ) -> bool:
        """Family: a cause said as the purpose of something else ("running the marathon for
        charity", "does the polar plunge for cancer research"): what they do is the interest,
        not the cause, unless the clause says they give to it ("raises money for charity",
        "volunteers for the United Way")."""
        if self.interests[tag].category != "causes":
            return False
        k = i - 1
        if k >= 0 and keys[k] in ("a", "the", "her", "his", "their", "local"):
            k -= 1
        if k < 0 or keys[k] != "for":
            return False
        first = k
        while first > 0 and not _rx(_BOUNDARY).search(text, tokens[first - 1][1], tokens[first][0]):
            first -= 1
        return not _GIVING & set(keys[first:k])

    def _counted(
        self, text: str, tokens: list[tuple[int, int, str]], keys: list[str], i: int, tag: str
    ) -> bool:
        """A number of things just before in the same clause ("3 new tractors", "30' motor
        yachts") with no liking word before it."""
        if self.interests[tag].category not in _COUNTED_CATEGORIES or not keys[i].endswith("s"):
            return False
        for k in range(i - 1, max(-1, i - 3), -1):
            if _rx(r"[.,;:!?\n()]").search(text, tokens[k][1], tokens[i][0]):
                return False
            if keys[k].isdigit() or keys[k] in _COUNTS:
                said = keys[max(0, k - 3) : k]
                if any(w in _AFFINITY_BEFORE for w in said):
                    return False
                # "owns 2 kayaks": a household's few things are its hobby; "has 40 tractors" not
                few = keys[k] in _FEW or (keys[k].isdigit() and int(keys[k]) < _STOCK_COUNT)
                return not (few and any(w in _OWNS for w in said))
        return False

    @staticmethod
    def _a_venue_or_a_job(
        text: str, tokens: list[tuple[int, int, str]], keys: list[str], i: int, n: int
    ) -> bool:
        """Family: the pastime word names a place where people meet or a job, not a liking:
        after "at"/"the" and before a venue word ("lunch at the Tennis Club", "manages the ski
        resort"), before a job ("a yoga instructor", "the golf pro"), or after a sponsor ("her
        firm sponsors the marathon"); a liking said in the clause keeps it ("plays at the golf
        club", "loves the ski resort")."""
        first = max(0, i - 6)
        while first < i and _rx(_BOUNDARY).search(text, tokens[first][1], tokens[i][0]):
            first += 1
        said = keys[first:i]
        if any(w in _AFFINITY_BEFORE or w in _LIKING or w in _MEMBER for w in said):
            return False  # "a member of the yacht club"
        after = keys[i + n] if i + n < len(keys) else ""
        if after in _JOB_AFTER:
            return True
        if _SPONSORS & set(said):
            return True
        return after in _VENUE and bool(said) and said[-1] in ("the", "at")

    @staticmethod
    def _an_instrument_handled(
        text: str, tokens: list[tuple[int, int, str]], keys: list[str], i: int, n: int
    ) -> bool:
        """Family: an instrument said as a thing in the room, to move, crate, tune or sit on
        ("one grand piano and a pool table", "the cat sleeps on the piano", "an upright piano
        to crate"): a determiner or a size just before, and nothing in the clause says anyone
        plays it ("plays the piano", "a piano recital", "loves her old guitar")."""
        if n != 1 or keys[i] not in _INSTRUMENTS or i == 0 or keys[i - 1] not in _AN_INSTRUMENT:
            return False
        first, last = max(0, i - 8), min(len(keys), i + 6)
        while first < i and _rx(_CLAUSE_END).search(text, tokens[first][1], tokens[i][0]):
            first += 1
        while last > i + 1 and _rx(_CLAUSE_END).search(text, tokens[i][1], tokens[last - 1][0]):
            last -= 1
        played = _PLAYED | _PRACTICE | _LIKING | _DEVOTION
        before, after = set(keys[first:i]), set(keys[i + 1 : last])
        return not (before & (played | _AFFINITY_BEFORE) or after & (played | _AFFINITY_AFTER))

    @staticmethod
    def _in_a_trade_name(
        text: str, tokens: list[tuple[int, int, str]], keys: list[str], j: int
    ) -> bool:
        """A business or a job the word names, said within the next three words of the clause."""
        for k in range(j, min(j + 3, len(keys))):
            if _rx(r"[.;!?\n(),]").search(text, tokens[k - 1][1], tokens[k][0]):
                return False
            if keys[k] in _BUSINESS_AFTER or any(f in _BUSINESS_AFTER for f in _singulars(keys[k])):
                return True  # "a yoga studio", and a chain's "three yoga studios", "two wine shops"
        return False

    def _for_trade(
        self,
        text: str,
        tokens: list[tuple[int, int, str]],
        keys: list[str],
        i: int,
        n: int,
        lower_note: bool,
    ) -> bool:
        """Said as what the client sells or makes, not what they enjoy (see _TRADE_PLACE)."""
        j = i + n
        for k in range(j, min(j + 2, len(keys))):  # "coffee pricing", "wine club proposal"
            if _rx(r"[.;:!?\n(),&+]").search(text, tokens[k - 1][1], tokens[k][0]):
                break
            if keys[k] in _OFFER_AFTER or (k > j and keys[k] in _TRADE_AFTER):
                return True
        for k in range(j, min(j + 3, len(keys))):  # "Lantern Coffee Roasters"
            if _rx(r"[.;!?\n(),]").search(text, tokens[k - 1][1], tokens[k][0]):
                break
            if keys[k] in _TRADE_PLACE:
                return True
        if i and keys[i - 1] in _PRODUCT_BEFORE:
            return True  # "her house espresso": what the shop serves
        return self._made_for_trade(text, tokens, keys, i, n) or self._a_business_name(
            text, tokens, keys, i, n, lower_note
        )

    @staticmethod
    def _made_for_trade(
        text: str, tokens: list[tuple[int, int, str]], keys: list[str], i: int, n: int
    ) -> bool:
        first, last = max(0, i - 8), min(len(keys), i + n + 8)
        while first < i and _rx(r"[.;!?\n()]").search(text, tokens[first][1], tokens[i][0]):
            first += 1
        while last > i + n and _rx(r"[.;!?\n()]").search(
            text, tokens[i + n - 1][1], tokens[last - 1][0]
        ):
            last -= 1
        # the making verb may be the match itself ("bakes bread for three restaurants")
        made = [k for k in range(first, last) if keys[k] in _MAKES and not i < k < i + n]
        if not made:
            return False
        if made[0] < i and any(
            w.isdigit() or w in _QUANTITY or w in _COUNTS for w in keys[made[0] + 1 : i]
        ):
            return True  # "builds about 20 acoustic guitars", "ships 900 lb of coffee"
        after = set(keys[i + n : last])
        if made[0] <= i and _FOR_SALE & after:
            return True  # "bakes bread for three restaurants", "makes jam to sell"
        # "a ceramicist, makes the mugs they sell"
        return bool(_FOR_SALE & (after | set(keys[first:i])))

    @staticmethod
    def _a_business_name(
        text: str,
        tokens: list[tuple[int, int, str]],
        keys: list[str],
        i: int,
        n: int,
        lower_note: bool,
    ) -> bool:
        """Capitalised words ending in a plural after a capitalised name ("Whitlock Guitars",
        "Lantern Coffee Roasters"): a firm named for what it sells ("the Boston Marathon" is
        one event, not goods; a sentence's first word is no name)."""
        if lower_note or i == 0:
            return False
        end = i + n  # the name may go on after it: "Riverbend Golf Carts"
        while end < min(len(keys), i + n + 2) and text[tokens[end][0]].isupper():
            if text[tokens[end - 1][1] : tokens[end][0]] != " ":
                break
            end += 1
        if not keys[end - 1].endswith("s") or keys[end - 1].endswith("ss"):
            return False
        words = [text[tokens[k][0] : tokens[k][1]] for k in range(i - 1, end)]
        if not all(w[:1].isupper() for w in words) or words[0].isupper():
            return False
        if any(text[tokens[k - 1][1] : tokens[k][0]] != " " for k in range(i, end)):
            return False
        return not _rx(r"(?:^|[.!?\n]\s*)$").search(text, 0, tokens[i - 1][0])

    @staticmethod
    def _traded(text: str, tokens: list[tuple[int, int, str]], keys: list[str], i: int) -> bool:
        """A trade word a few words back in the same clause ("Ordered 5 cs of the Barolo")."""
        first = max(0, i - 8)
        while first < i and _rx(r"[.;!?\n(),]").search(text, tokens[first][1], tokens[i][0]):
            first += 1
        return bool(_TRADE_BEFORE & set(keys[first:i]))

    def _team_for(self, phrase: _Phrase, keys: list[str], i: int, n: int) -> str:
        """A bare nickname shared by two teams ("Giants") follows the sport said nearby."""
        words, tag, mode = phrase
        if mode != "context":
            return tag
        sports = {_SPORT_WORDS[w] for w in keys[max(0, i - 8) : i + n + 8] if w in _SPORT_WORDS}
        for team in self._teams_by_word.get(words[-1], ()) if sports else ():
            if sports & set(self.ancestors(team)):
                return team
        return tag


# Family: a firm, a venue or an event named where a note names the other side's business: the
# note's heading ("Kimura Bonsai - ..."), after "@" or "at", or in an aside just after a
# person's name ("Bjorn Eriksen (Eriksen Trout Farm)", "Delgado (hot sauce, ...)"): a pastime
# word there is what the business is, not what anyone loves.
_ORG_BEFORE = r"(?:^|\n|[@(]|\bat)\s*$"
_ORG_AFTER = r"\s*(?:$|\n|[-:)–—,])"
_NAME_BEFORE = r"(?:\b[A-Z][\w'’-]*|\b[A-Z]\.)\s*$"
_JOINED = r" (?:& )?"
# An aside that says a liking or speaks of someone is about the person: "Bob (huge golfer)"
_ASIDE_PERSONAL = _words("he she they he's she's they're his her their i i'm my")


def _in_an_org_slot(
    text: str,
    tokens: list[tuple[int, int, str]],
    i: int,
    n: int,
    lower_note: bool,
    starts: Callable[[str], bool],
) -> bool:
    start = tokens[i][0]
    opened = text.rfind("(", max(0, start - 60), start)
    closed = text.find(")", start, start + 60)
    if opened >= 0 and closed >= 0 and "\n" not in text[opened:closed]:
        inside = {_key(w) for w in _rx(_TOKEN).findall(text, opened, closed)}
        named = _rx(_NAME_BEFORE).search(text, max(0, opened - 30), opened)
        if (
            named is not None
            and ")" not in text[opened:start]
            and not starts(_key(named.group().strip().rstrip(".")))  # "Go (the board game)"
            and not inside & (_AFFINITY_BEFORE | _AFFINITY_AFTER | _LIKING | _ASIDE_PERSONAL)
        ):
            return True  # "Sasha V. (ballet school)": what the person's firm does
    if lower_note or not text[start].isupper():
        return False
    first = i  # the capitalised run the word sits in, joined by single spaces or "&"
    while (
        first > 0
        and text[tokens[first - 1][0]].isupper()
        and _rx(_JOINED).fullmatch(text, tokens[first - 1][1], tokens[first][0])
    ):
        first -= 1
    last = i + n - 1
    while (
        last + 1 < len(tokens)
        and text[tokens[last + 1][0]].isupper()
        and _rx(_JOINED).fullmatch(text, tokens[last][1], tokens[last + 1][0])
    ):
        last += 1
    if first == i:
        return False  # a name before the word: "Moreau Vineyards", not "Golf w/ Bob"
    return bool(
        _rx(_ORG_BEFORE).search(text, max(0, tokens[first][0] - 4), tokens[first][0])
        and _rx(_ORG_AFTER).match(text, tokens[last][1])
    )


# Family: a thing wanted, ordered or priced is a purchase, not a liking: a verb of need or
# order, then the object's determiner or count, then the word, in one clause ("They want a
# river cruise", "wants 20 more bikes + 10 rowers", "needs 6 student cellos", "looking at a
# 24 foot pontoon", "the cost of the onsite yoga sessions"); "wants to learn golf" is a wish.
_WANTS = word_list("interests._WANTS") | word_list("interests._BUYS")
_PRICED = word_list("interests._PRICED")
_OBJECT_START = word_list("interests._OBJECT_START")
_WANT_REACH = 8
_CLAUSE_END = r"[.;!?\n()]"


def _ordered(text: str, tokens: list[tuple[int, int, str]], keys: list[str], i: int) -> bool:
    for k in range(i - 1, max(-1, i - _WANT_REACH - 1), -1):
        if _rx(_CLAUSE_END).search(text, tokens[k][1], tokens[i][0]):
            return False
        word = keys[k]
        if word in _LIKING or word in _AFFINITY_BEFORE:
            return False  # "wants a weekend of golf with his boys": a liking said
        j = k + 1
        if word in _PRICED and j < i and keys[j] in ("of", "for", "on"):
            j += 1  # "a quote for the ...", "the cost of the ..."
        elif not (word in _WANTS or (word == "at" and k and keys[k - 1] == "looking")):
            continue
        if j > i or not (keys[j] in _OBJECT_START or keys[j].isdigit()):
            continue  # "wants to learn golf": a wish; a verb further back may still order it
        # "bought a yacht and loves it": a liking said after it in the clause
        end = i + 1
        while end < min(len(keys), i + _WANT_REACH) and not _rx(_CLAUSE_END).search(
            text, tokens[end - 1][1], tokens[end][0]
        ):
            end += 1
        return not any(w in _LIKING for w in keys[i + 1 : end])
    return False


_VENUE = word_list("interests._VENUE")
_JOB_AFTER = word_list("interests._JOB_AFTER")
_SPONSORS = word_list("interests._SPONSORS")
_MEMBER = _words("member members membership joined joins belongs")


# Diet words that may stand between a diet and the product it describes: "vegetarian + gluten
# free options", "vegan and nut-free menu".
_DIET_LIST = _words(
    "and or plus gluten free dairy nut nuts vegan vegetarian kosher halal keto low carb sugar"
)


def _for_a_product(keys: list[str], j: int) -> bool:
    """A diet word that describes a product or a menu, not the person ("gluten-free line")."""
    for key in keys[j : j + 5]:
        if key in _PRODUCT_AFTER:
            return True
        if key not in _DIET_LIST:
            return False
    return False


# Family: a pastime said by where it is practised, just after it ("drum lessons", "a squash
# league", "bowls in a league", "plays on the crew team"): something done for pleasure.
_PRACTICE = word_list("interests._PRACTICE")
# Family: an instrument as a thing handled (see Catalogue._an_instrument_handled)
_INSTRUMENTS = word_list("interests.INSTRUMENTS")
_AN_INSTRUMENT = word_list("interests.AN_INSTRUMENT")
_PLAYED = word_list("interests.PLAYED")


def _practised(keys: list[str], j: int) -> bool:
    ahead = keys[j : j + 3]
    if ahead[:1] and ahead[0] in _PRACTICE:
        return True
    return (
        len(ahead) == 3 and ahead[0] == "in" and ahead[1] in ("a", "the") and ahead[2] in _PRACTICE
    )


def _same(text_word: str, catalogue_word: str) -> bool:
    return text_word == catalogue_word or catalogue_word in _singulars(text_word)


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


@cache
def catalogue() -> Catalogue:
    """The shipped catalogue, loaded on first use and kept; built from the two files, or
    taken as a run before built it from the same files and code (``derived.py``)."""
    sources = (read_resource("interests.json"), read_resource("pastimes.json"))

    def build() -> Catalogue:
        entries = list(json.loads(sources[0])["interests"])
        # The broad lexicon of pastimes, in the same form, read after the catalogue it extends
        return Catalogue(entries, list(json.loads(sources[1])["interests"]))

    key = (
        sources,
        code_key(
            Catalogue,
            Interest,
            _key,
            _strings,
            _rx.__wrapped__,
            _SIMPLE,
            _TOKEN,
            _state,
            _from_state,
        ),
    )
    return kept("interests.catalogue", key, build, _state, _from_state)


# The regex methods the catalogue looks up once: compiled again, not kept.
_PATTERNS = {"_simple": (_SIMPLE, "fullmatch"), "_tokens": (_TOKEN, "findall")}


def _state(built: Catalogue) -> dict[str, object]:
    """A catalogue as built, as plain data (its interests as tuples): every attribute but the
    regex methods, each dict copied (the lexicon's phrases join the index on use)."""
    state: dict[str, object] = {}
    for name, value in vars(built).items():
        if name == "interests":
            value = {tag: (i.category, i.parent) for tag, i in built.interests.items()}
        elif name in _PATTERNS:
            continue
        state[name] = dict(value) if isinstance(value, dict) else value
    return state


def _from_state(state: dict[str, Any]) -> Catalogue:
    """The catalogue ``_state`` was made of; its dicts copied (the lexicon's phrases join its
    index on use, and the state may be kept again)."""
    made = Catalogue.__new__(Catalogue)
    for name, (pattern, method) in _PATTERNS.items():
        setattr(made, name, getattr(_rx(pattern), method))
    for name, value in state.items():
        if name == "interests":
            value = {
                tag: Interest(tag, category, parent) for tag, (category, parent) in value.items()
            }
        setattr(made, name, dict(value) if isinstance(value, dict) else value)
    return made


def find_interests(text: str) -> list[InterestMatch]:
    """Interests mentioned in ``text`` (see the module docstring for the rules)."""
    found = catalogue().find(text)
    if found and ("#" in text or ":" in text or text.startswith("---")):
        found = [m for m in found if not _labels_the_note(text, m)]
    soccer = [m for m in found if "soccer" in m.tags]
    if not soccer:
        return found
    # "he watch football (Juventus!)": said next to a soccer club, football is soccer
    return [
        m
        for m in found
        if not (
            m.tag == "football"
            and m.text.lower() == "football"
            and any(_same_sentence(text, m, s) for s in soccer)
        )
    ]


def _same_sentence(text: str, a: InterestMatch, b: InterestMatch) -> bool:
    start, end = min(a.start, b.start), max(a.end, b.end)
    return end - start < 60 and not _rx(_BOUNDARY).search(text[start:end])


# i16ip. Family: a word of a structured note's labels, not anyone's pastime: an event's hashtag
# ("#golf-day", "#wine-tasting"; "#golf" alone may tag the client's pastime), its front matter
# ("tags: [golf-day]"), a property naming the subject, project or event ("Topics: golf
# sponsorship", "Project:: Golf Day 2026", "Subject: Sailing regatta sponsorship"), a Markdown
# heading ("# Wine dinner planning"), unless the line says someone likes it ("## Ben - loves
# golf").
_LABEL_KEY = (
    r"(?im)^[ \t>*+-]*(?:\*\*)?(?:tags?|topics?|project|subject|re|fw|fwd|agenda|category|"
    r"categories|type|event|campaign|title|status|location|venue|account|deal|opportunity|"
    r"company|org|organi[sz]ation|meeting|aliases|source|channel|product|products|sku|item|"
    r"order)(?:\*\*)?[ \t]*::?(?:\*\*)?[ \t]"
)
_HEADING = r"(?m)^[ \t]*#{1,6}[ \t]"
_HASHTAG = r"#[\w-]*$"
_TAG_END = r"[\w-]*"
_FRONT_MATTER = r"\A---[ \t]*\n(?:.*\n){0,40}?---[ \t]*(?:\n|\Z)"
_LIKED = (
    r"(?i)\b(?:loves?|likes?|enjoys?|into|fan|fans|avid|hobby|hobbies|interests?|passion|"
    r"plays?|keen)\b"
)


def _labels_the_note(text: str, m: InterestMatch) -> bool:
    """The mention is a label of a structured note (a tag, its front matter, a property, a
    heading), said of no one."""
    tag = _rx(_HASHTAG).search(text, max(0, m.start - 40), m.start)
    if tag is not None:
        # "#golf-day", "#wine-tasting": an event's tag; "#golf" alone may be the client's
        whole = _rx(_TAG_END).match(text, m.end)
        if tag.end() - tag.start() > 1 or (whole is not None and whole.group()):
            return True
    if text.startswith("---"):
        front = _rx(_FRONT_MATTER).match(text)
        if front is not None and m.start < front.end():
            return True
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if not (_rx(_LABEL_KEY).match(line) or _rx(_HEADING).match(line)):
        return False
    return not _rx(_LIKED).search(line)
