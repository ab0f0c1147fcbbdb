"""Text in, spans out: word tokens and the place-name spans of news text.

Recognition is gazetteer-driven: every run of capitalised words (with the lower-case
connectors names contain, "Deir ez-Zor") is matched, longest first, against the folded
keys of the embedded gazetteer. Filters drop what news capitalises without naming a
place: sentence-initial function words, months, titles, and names that are part of a
person's or organisation's name ("Michael Jordan said", "Linda Hawkins"). A capitalised
name ending in a feature word ("Khabur River", "Camp Taji") is kept as a place the
gazetteer lacks; one ending in a road word ("Royal Street") is not reported, and in one
ending in a facility word ("Huntsville High School") only the town at its head is.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import and_, attrgetter
from typing import NamedTuple
from importlib import resources

from gazetteer import Gazetteer, name_key
from gazetteer.normalize import ARTICLES, prefix_key

from .patterns import alternation

RULES = tomllib.loads(resources.files("geo").joinpath("data/geoparse.toml").read_text("utf-8"))
_REC = RULES["recognition"]
CONNECTORS = frozenset(_REC["connectors"])
NOT_PLACES = frozenset(_REC["not_places"])
COMMON_WORD_TOWNS = frozenset(_REC["common_word_towns"])
TITLES = frozenset(_REC["titles"])
MODIFIERS = frozenset(_REC["modifiers"])
INSTITUTIONS = frozenset(_REC["institutions"])
COMPANIES = frozenset(_REC["companies"])
ROADS = frozenset(_REC["roads"])
FACILITIES = frozenset(_REC["facilities"])
SITE_TAILS = frozenset(_REC["site_tails"])
# the last words of a site's name that the name's town comes before ("Donetsk Airport")
SITE_NAME_TAILS = FACILITIES | SITE_TAILS
FEATURES = frozenset(_REC["features"]) | ROADS
TAILS = FEATURES | FACILITIES      # words that end a name of something in a place
FEATURE_PREFIXES = frozenset(_REC["feature_prefixes"])
ADMIN_TAILS = frozenset(_REC["admin_tails"])
MAX_WORDS = int(_REC["max_words"])
_WIDE_KINDS = ("country", "admin1", "region", "continent", "sea", "demonym")
WIDE_KINDS = frozenset(_WIDE_KINDS)     # (public: readings that name no town)
MAJOR_PRIOR = float(_REC["major_prior"])
MINOR_PRIOR = float(_REC["minor_prior"])
METROPOLIS_PRIOR = float(_REC["metropolis_prior"])
SPEECH = frozenset(_REC["speech"])
ABBREVIATIONS = frozenset(_REC["abbreviations"])
NOT_PLACE_NAMES = frozenset(name_key(n) for n in _REC["not_place_names"])   # as the matcher folds them
TOWN_PARTS = frozenset(name_key(n) for n in _REC["town_parts"])
QUARTER_PREFIXES = frozenset(_REC["quarter_prefixes"])
QUARTER_NOUNS_AFTER = frozenset(_REC["quarter_nouns_after"])
DOTTED_ONLY = frozenset(_REC["dotted_only"])
PATRONYMICS = frozenset(_REC["patronymics"])
PLACE_WORDS = frozenset(_REC["place_words"])


def _name_list(file: str) -> frozenset[str]:
    lines = resources.files("geo").joinpath(f"data/{file}").read_text("utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


# Common given names and surnames (US Census; scripts/build_person_names.py): "Linda
# Hawkins" is a person even though Linda, California is a town.
GIVEN_NAMES = _name_list("given_names.txt")
SURNAMES = _name_list("surnames.txt")

# A word: letters and digits, with inner apostrophes, dots or ampersands ("Ta'izz", "U.S",
# "T&T"); a final dot belongs to it only in an abbreviation ("U.S."). Hyphens split words
# ("Iran-backed"), and runs of words are joined across them.
_WORD = re.compile(r"[^\W_]\w*(?:['’.&][^\W_]\w*)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")      # gaps and words, alternately
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_CONTRACTION = re.compile(r"['’](?:re|ve|ll|d|m|t)$", re.IGNORECASE)
# An abbreviation keeps its final dot ("U.S.", "W.Va.", "Kan., police said"): a word
# with an inner dot, or a short capitalised word whose dot does not end the sentence.
_ABBREV_DOT = re.compile(r"\.(?=\s*[,;)a-z0-9])")
_CLOSERS = "'\"”’)"
_OPENERS = frozenset("\"“‘'(")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str
    key: str
    gazetteer: bool    # False for a feature-word name the gazetteer lacks ("Khabur River")


# A tuple, not a frozen dataclass: every word of every text is one, and a frozen
# dataclass's __init__ (one object.__setattr__ a field) was a third of tokenising.
class _Word(NamedTuple):
    start: int
    end: int
    text: str
    lower: str
    capital: bool
    initial: bool      # first word of a sentence


def words(text: str) -> list[_Word]:
    # One split into gaps and words, each field a column made by a C-level map, the
    # tuples made by one more (a Python loop over match objects was half of
    # recognition); only words with an apostrophe or a dot after them, and gaps that are
    # not one space, are looked at one by one.
    parts = _WORD_SPLIT.split(text)
    at = list(accumulate(map(len, parts), initial=0))
    gaps, texts = parts[0::2], parts[1::2]
    starts, ends = at[1:-1:2], at[2::2]
    capital = [w[0].isupper() for w in texts]
    lower = list(map(str.lower, texts))
    changed = _possessives_and_abbreviations(text, ends, texts, lower, capital, gaps)
    initial = _initials(text, starts, ends, texts, capital, gaps, changed)
    return list(map(tuple.__new__, repeat(_Word), zip(starts, ends, texts, lower, capital, initial)))


def _possessives_and_abbreviations(text, ends, texts, lower, capital, gaps) -> list[int]:
    """Change the columns in place where a word is no plain run of letters: "Iraq's"
    loses its "'s", "We're" is no capital, "U.S." keeps its final dot. The words changed."""
    odd = [k for k, w in enumerate(texts) if "'" in w or "’" in w or capital[k] and gaps[k + 1][:1] == "."]
    changed = []
    for k in odd:
        end, w, cap = ends[k], texts[k], capital[k]
        if "'" in w or "’" in w:     # the two patterns below need one; most words have none
            if _POSSESSIVE.search(w):
                end, w = end - 2, w[:-2]
            elif _CONTRACTION.search(w):
                cap = False          # "We're", "I've"
        low = w.lower()              # without the abbreviation's dot: a word matched ends in no dot
        if cap and text[end:end + 1] == "." and (
                "." in w or low in ABBREVIATIONS or low in DOTTED_ONLY or (len(w) <= 5 and _ABBREV_DOT.match(text, end))):
            end, w = end + 1, w + "."
        if (end, w, cap) != (ends[k], texts[k], capital[k]):
            ends[k], texts[k], lower[k], capital[k] = end, w, low, cap
            changed.append(k)
    return changed


def _initials(text, starts, ends, texts, capital, gaps, changed) -> list[bool]:
    """Does each word start a sentence? The first does; after an initial ("Tyrise M.
    Bell") a dot does not end the sentence; a single space, the usual gap, never does."""
    initial = [False] * len(texts)
    if initial:
        initial[0] = True
    odd = sorted({k for k in range(1, len(texts)) if gaps[k] != " "} | {k + 1 for k in changed if k + 1 < len(texts)})
    for k in odd:
        gap = text[ends[k - 1]:starts[k]]
        initial[k] = gap != " " and _ends_sentence(gap) and not (
            len(texts[k - 1]) == 1 and capital[k - 1] and gap == ". ")
    return initial


def _ends_sentence(gap: str) -> bool:
    """Does the gap between two words end a sentence: a full stop (or "!", "?", ":") and
    any closing quotes, a line break, or nothing but an opening quote? Tested on the gap's
    ends (a regex anchored at the end rescanned a run of blank lines from each of them)."""
    core = gap.rstrip()
    return "\n" in gap[len(core):] or core.rstrip(_CLOSERS).endswith((".", "!", "?", ":")) \
        or gap.strip() in _OPENERS


def _joinable(text: str, a: _Word, b: _Word) -> bool:
    """Can a name run on from word a to word b? Across a space or a hyphen, or after an
    initial ("Tyrise M. Bell")."""
    gap = text[a.end:b.start]
    if gap in (" ", "-", "- ", " -") or (gap.isspace() and "\n" not in gap and len(gap) <= 2):
        return True
    return gap == ". " and len(a.text) == 1 and a.text.isupper()


CHUNK_CHARS = 65536


def spans(text: str, g: Gazetteer) -> list[Span]:
    """Place-name spans, left to right, not overlapping.

    Long texts are read in chunks cut at line breaks (or spaces), so memory stays bounded
    by the chunk, not the text; offsets are always into the whole text.
    """
    if len(text) <= CHUNK_CHARS:
        return _spans(text, 0, len(text), g)
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut > 0 else end
        out += _spans(text, start, end, g)
        start = end
    return out


def _spans(full: str, lo: int, hi: int, g: Gazetteer) -> list[Span]:
    text = full[lo:hi]
    return [Span(s.start + lo, s.end + lo, s.text, s.key, s.gazetteer) for s in _chunk_spans(text, g)] \
        if lo else _chunk_spans(text, g)


def _number_joins(a: _Word, b: _Word) -> bool:
    """A number in a quarter's name ("Colonia 21 de Marzo"), not one after a sentence's end
    ("Colonia del Valle. 1 fatality")."""
    return b.lower[:1].isdigit() and not a.text.endswith(".")


def _quarter_goes_on(text: str, ws, j: int) -> bool:
    """Does a quarter's name go on after word ``j``: a capitalised word or a number joined to
    it, or a connector and then one ("Colonia 5 de Mayo")?"""
    for k in (j + 1, j + 2):
        if k >= len(ws) or not _joinable(text, ws[k - 1], ws[k]):
            return False
        if ws[k].capital or _number_joins(ws[k - 1], ws[k]):
            return True
        if ws[k].lower not in CONNECTORS:
            return False
    return False


def _chunk_spans(text: str, g: Gazetteer) -> list[Span]:
    ws = words(text)
    persons = _person_words(text, ws, g)
    out: list[Span] = []
    n = len(ws)
    # only a capitalised word starts a name: the loop jumps from one to the next
    capitals = list(compress(range(n), map(attrgetter("capital"), ws)))
    i = 0
    while (c := bisect_left(capitals, i)) < len(capitals):
        i = capitals[c]
        w = ws[i]
        if w.lower in persons:
            i += 1
            continue
        best, skip = None, None
        key = ""
        j = i
        # "Colonia Camino Real", "Colonia 21 de Marzo": a quarter's name grows whatever the
        # gazetteer holds, numbers included
        quarter = w.lower in QUARTER_PREFIXES
        while j < n and j - i < MAX_WORDS:
            wj = ws[j]
            if j > i and (not _joinable(text, ws[j - 1], wj)
                          or not (wj.capital or wj.lower in CONNECTORS or quarter and _number_joins(ws[j - 1], wj))):
                break
            key = name_key(text[w.start:wj.end])
            if not key:
                break
            if key in NOT_PLACE_NAMES:
                best, skip = None, j     # "La Niña" is no place, and neither is "Niña" in it
                break
            # (set look-ups first: this runs for every word a name may grow by)
            after = ws[j + 1] if j + 1 < n else None
            if (after is not None and after.lower in QUARTER_NOUNS_AFTER and not after.capital
                    and text[wj.end:after.start].isspace()
                    or j > i and quarter and not _quarter_goes_on(text, ws, j)
                    and not _at_least(key, g, RULES["resolution"]["minor_named_after"])):
                # "Colonia Libertad", "Santa Maria neighborhood": a quarter of the story's
                # town, not a town of that name elsewhere (or Cologne, "Colonia"); after a
                # prefix alone, a town of some size keeps its name ("Colonia del Sacramento")
                out.append(Span(w.start, wj.end, text[w.start:wj.end], key, False))
                best, skip = None, j
                break
            if key in TOWN_PARTS:        # a side of the story's town, not a hamlet of that name
                out.append(Span(w.start, wj.end, text[w.start:wj.end], key, False))
                best, skip = None, j
                break
            if _knows(key, g):
                best = j
            if not quarter and not _extends(prefix_key(text[w.start:wj.end]), g):
                break
            j += 1
        if skip is not None:
            i = skip + 1
            continue
        feature_end = _feature_name(text, ws, i)
        if best is not None and (feature_end is None or feature_end <= best):
            span = _keep(text, ws, i, best, g)
            if span is not None:
                out.append(span)
                i = best + 1
                continue
        if feature_end is None and (best is None or best == i):     # not "Lake Chad", which is known
            feature_end = _prefixed_feature(text, ws, i)
            best = None if feature_end is not None else best
        if feature_end is not None:
            s, e = ws[i].start, ws[feature_end].end
            if ws[feature_end].lower not in ROADS:
                out.append(Span(s, e, text[s:e], name_key(text[s:e]), admin_unit(text[s:e], g)))
            i = feature_end + 1
            continue
        if best is None and _after_unit_noun(text, w.start):
            found = _sounding_span(text, ws, i, g)
            if found is not None:
                out.append(found[0])
                i = found[1] + 1
                continue
        i += 1
    return out


def _sounding_span(text: str, ws: list[_Word], i: int, g: Gazetteer) -> tuple[Span, int] | None:
    """ "the town of Kafrnaha": a name the gazetteer spells otherwise ("Kafr Naha"), after a
    place noun that says it is a place; the span keeps the text's spelling and takes the
    key of the gazetteer's. (span, last word) or None."""
    j = i
    while j + 1 < len(ws) and j - i < 2 and ws[j + 1].capital and _joinable(text, ws[j], ws[j + 1]):
        j += 1
    for end in range(j, i - 1, -1):
        s, e = ws[i].start, ws[end].end
        alike = g.sounding(text[s:e], limit=1)
        if alike:
            return Span(s, e, text[s:e], alike[0].matched, True), end
    return None


def _prefixed_feature(text: str, ws: list[_Word], i: int) -> int | None:
    """End word of "Mount Sinjar", "Lake Manassas": a feature prefix and the capitalised
    words after it."""
    if ws[i].lower not in FEATURE_PREFIXES:
        return None
    j = i
    while j + 1 < len(ws) and j - i < MAX_WORDS and _joinable(text, ws[j], ws[j + 1]) and ws[j + 1].capital:
        j += 1
    return j if j > i else None


def admin_unit(surface: str, g: Gazetteer) -> bool:
    """Is "Anbar Province" a unit the gazetteer holds (looked up with its term)?"""
    if surface.rsplit(None, 1)[-1].lower() not in ADMIN_TAILS:
        return False
    found = g.lookup(name_key(surface), fuzzy=False, limit=1)
    return bool(found) and found[0].kind in ("admin1", "admin2", "region")


def _feature_name(text: str, ws: list[_Word], i: int) -> int | None:
    """End word of "Khabur River", "Royal Street": capitalised words ending in a feature or road word."""
    if ws[i].initial and ws[i].lower in NOT_PLACES or ws[i].lower in FEATURES:
        return None
    j = i
    while j + 1 < len(ws) and j - i < MAX_WORDS and _joinable(text, ws[j], ws[j + 1]) and \
            (ws[j + 1].capital or ws[j + 1].lower in CONNECTORS):
        j += 1
    # The run must end on the feature word: "Texas Highway Patrol" is no street.
    while j > i and not (ws[j].capital and ws[j].lower in FEATURES):
        j -= 1
    if j == i or ws[j].lower in CONNECTORS:
        return None
    if j + 1 < len(ws) and _joinable(text, ws[j], ws[j + 1]) and (ws[j + 1].capital or ws[j + 1].text[0].isdigit()):
        return None
    return j


# Names recur in news (and in long texts endlessly): each key is looked up once.
@lru_cache(maxsize=65536)
def _knows(key: str, g: Gazetteer) -> bool:
    return g.knows(key)


@lru_cache(maxsize=65536)
def _extends(prefix: str, g: Gazetteer) -> bool:
    return g.extends(prefix)


@lru_cache(maxsize=65536)
def _best(key: str, g: Gazetteer):
    """The name's best reading, or None: what the filters below weigh a name by."""
    found = g.lookup(key, fuzzy=False, limit=1) if key else []
    return found[0] if found else None


def _wide(key: str, g: Gazetteer) -> bool:
    """Is the name's best reading a country, province, region or sea ("Georgia", "Jordan")?"""
    top = _best(key, g)
    return top is not None and top.kind in _WIDE_KINDS


def _at_least(key: str, g: Gazetteer, prior: float) -> bool:
    top = _best(key, g)
    return top is not None and (top.kind in _WIDE_KINDS or top.score >= prior)


def _major(key: str, g: Gazetteer) -> bool:
    """A name whose best reading is a country, province or region, or a city of a
    million: "DeSmog Canada" and "Baseball Toronto" still name a place."""
    return _at_least(key, g, MAJOR_PRIOR)


def _metropolis(key: str, g: Gazetteer) -> bool:
    """A country, province or region, or a city of several million ("Jordan", "Paris"):
    still a place after a person of that name has been met ("Harry Nelson" makes a later
    "Nelson" the person; "Jack London" leaves London a city)."""
    return _at_least(key, g, METROPOLIS_PRIOR)


def _minor(key: str, g: Gazetteer) -> bool:
    """A name whose best reading is a town of under about 100,000 people: such a name
    before "said" is a person's, where a city's may be its club or council ("Liverpool said")."""
    return _best(key, g) is not None and not _at_least(key, g, MINOR_PRIOR)


def _person_words(text: str, ws: list[_Word], g: Gazetteer) -> frozenset[str]:
    """Words of the document's people and organisations: a word after a title ("President
    Obama"), and the last word of a run of capitalised words that is no place name
    ("John Kelly"). A later bare "Kelly" or "Obama" is then no place either."""
    found = set()
    capital = list(map(attrgetter("capital"), ws))
    # only two capitalised words in a row can be a title and a name, or one name
    for k in compress(range(1, len(ws)), map(and_, capital, capital[1:])):
        a, b = ws[k - 1], ws[k]
        if not _joinable(text, a, b):
            continue
        if a.lower in TITLES and b.lower not in NOT_PLACES:
            found.add(b.lower)
        elif _full_name(text, ws, k - 1, g):
            # the surname, after a middle initial if there is one ("Roy A. Nelson")
            last = ws[k + 1] if len(b.text) == 1 and k + 1 < len(ws) and _joinable(text, b, ws[k + 1]) else b
            n = k + 2 if last is not b else k + 1
            # "the Sam Houston Tollway", "Martin Luther King Boulevard": a road or building
            # named after a person, who is no person of the story
            named_after = n < len(ws) and ws[n].capital and _joinable(text, last, ws[n]) and ws[n].lower in TAILS
            if last.capital and not named_after and not _metropolis(name_key(last.text), g):
                found.add(last.lower)
        elif not b.initial and _proper(text, a, b, g) and not g.knows(name_key(f"{a.text} {b.text}")) \
                and not (k + 1 < len(ws) and ws[k + 1].capital and _joinable(text, b, ws[k + 1])) \
                and (not _major(name_key(b.text), g) or _province_surname(a, b, g)):
            found.add(b.lower)
    return frozenset(found)


def _province_surname(given: _Word, b: _Word, g: Gazetteer) -> bool:
    """ "John Kerry": a common given name before a name whose best reading is a province
    (County Kerry) is a person; a country ("Michael Jordan" keeps Jordan) or a big city
    ("George Washington") stays a place."""
    top = _best(name_key(b.text), g)
    return given.lower in GIVEN_NAMES and top is not None and top.kind == "admin1" \
        and top.score < METROPOLIS_PRIOR


RE_UNIT_NOUN_OF = re.compile(rf"\b(?:{alternation(w for nouns in RULES['resolution']['unit_of'].values() for w in nouns)})\s+"
                             rf"(?:(?:{alternation(ARTICLES)})-)?$", re.IGNORECASE)


def _after_unit_noun(text: str, start: int) -> bool:
    """ "the French city of Nice": after "city of" a common word is the place's name."""
    return bool(RE_UNIT_NOUN_OF.search(text, max(0, start - 28), start))


# ("near al-Bab": an Arabic article written apart from the name may stand between)
RE_LOCATIVE_BEFORE = re.compile(rf"\b(?:{alternation(RULES['resolution']['locatives'])})\s+(?:(?:{alternation(ARTICLES)})-)?$",
                                re.IGNORECASE)


def after_locative(text: str, start: int) -> bool:
    """ "in Samos", "to Saipan", "from Delft": a preposition of place just before ``start``."""
    return bool(RE_LOCATIVE_BEFORE.search(text, max(0, start - 20), start))


def _common_word_town(text: str, w: _Word) -> bool:
    """ "the attack in Nice": a town named by a common word, capitalised after a
    preposition of place."""
    return w.lower in COMMON_WORD_TOWNS and text[w.start].isupper() and after_locative(text, w.start)


_NOT_LETTER = re.compile(r"[^A-Za-z]")


def _keep(text: str, ws: list[_Word], i: int, j: int, g: Gazetteer) -> Span | None:
    """The span words i..j unless the filters say it is not a place."""
    first, last = ws[i], ws[j]
    s, e = first.start, last.end
    surface = text[s:e]
    dotted, after_comma = surface.endswith("."), _after_comma(text, s)
    letters = _NOT_LETTER.sub("", surface)
    if i == j and (len(first.lower) < 2 or first.lower in NOT_PLACES and not _after_unit_noun(text, s)
                   and not _common_word_town(text, first)
                   or first.lower in CONNECTORS and not dotted                    # "la" but "La."
                   or first.lower in TITLES and not dotted                        # "Miss" but "Miss."
                   or first.lower in DOTTED_ONLY and not dotted and not after_comma):  # "Mass" but "Mass."
        return None
    # A short title-case word that is a country's or province's code ("Are", "Ben",
    # "Can": ARE, BEN, CAN) is the word, not the code, unless it follows a comma ("Edmonton, Ky").
    if i == j and len(letters) <= 3 and not letters.isupper() and not dotted and not after_comma:
        top = _best(name_key(surface), g)
        if top is not None and top.kind in _WIDE_KINDS and name_key(top.name) != name_key(surface):
            return None
    # An all-capitals word ("CNN", "TTC", "T") is a place only as a country, province or
    # region code the gazetteer lists ("US", "UAE", "NSW").
    if letters.isupper() and len(letters) <= 5:
        kinds = {c.kind for c in g.lookup(name_key(surface), fuzzy=False, limit=5)}
        if not kinds & {"country", "admin1", "region", "continent", "sea", "demonym"}:
            return None
    if i > 0 and ws[i - 1].lower in PATRONYMICS and _joinable(text, ws[i - 1], first):
        return None        # "Mohammed bin Rashid"
    if i > 1 and len(ws[i - 1].text) == 1 and ws[i - 1].capital and text[ws[i - 1].end:s] == ". " \
            and ws[i - 2].capital and _joinable(text, ws[i - 2], ws[i - 1]):
        return None        # a surname after a middle initial ("Roy A. Nelson")
    # The tail of a person's or organisation's name ("Michael Jordan", "Highway Patrol"):
    # a capitalised word just before the name, unless it is a modifier ("Northern
    # Syria", "Acting"), an institution word, a demonym, a road number, an acronym or a
    # building ("the A429 Cirencester junction", "CTV Saskatoon"), or the name starts the
    # sentence. A place at the head of a longer name is kept ("Ohio Supreme Court",
    # "Dublin City Council"): news annotation counts it as a place. Names the gazetteer
    # holds whole were matched whole above.
    if i > 0 and not first.initial:
        prev = ws[i - 1]
        if prev.capital and not _code_or_building(prev) and _joinable(text, prev, first) \
                and prev.lower not in MODIFIERS \
                and prev.lower not in CONNECTORS and prev.lower not in INSTITUTIONS \
                and prev.lower not in NOT_PLACES and not _demonym(prev, g) \
                and (not _major(name_key(surface), g) or _speech_follows(ws, j)
                     or i > 1 and ws[i - 2].lower in TITLES):
            return None
    # After "in", "from", "the" a name is a place ("in Alexandria Friday", "the
    # Alexandria Blizzard"), whatever follows it.
    after_place_word = i > 0 and ws[i - 1].lower in PLACE_WORDS and (ws[i - 1].lower == "the" or not ws[i - 1].capital)
    if i == j and not after_place_word and not _wide(name_key(surface), g):
        # A given name before a surname ("Linda Hawkins"), even of a big town.
        if _full_name(text, ws, i, g):
            return None
        # A small town's name, or a surname, that speaks or runs a firm is a person's
        # ("Robertson said", "Stevens & Wilkinson").
        if (first.lower in SURNAMES or _minor(name_key(surface), g)) and not _major(name_key(surface), g) \
                and (_says(text, ws, j) or _beside_ampersand(text, s, e)):
            return None
    # A town's name before another capitalised word is part of a person's name when either
    # word is a common given name or surname ("Mary Smith", "Tom Hanks", "Li Wenzu", the
    # surname first); otherwise it heads the name of something in that town ("Saskatoon
    # Police", "Gainesville Environmental Services"), which news annotation counts as the
    # place. A country's or province's name always does.
    if i == j and j + 1 < len(ws):
        nxt = ws[j + 1]
        if nxt.lower in COMPANIES and _joinable(text, last, nxt) and _minor(name_key(surface), g):
            return None         # "Excel Industries": a firm's name, not the village of Excel
        if nxt.capital and not nxt.initial and _joinable(text, last, nxt) and nxt.lower not in INSTITUTIONS \
                and nxt.lower not in TAILS and nxt.lower not in CONNECTORS and nxt.lower not in NOT_PLACES \
                and not _demonym(nxt, g):
            if not _major(name_key(surface), g) and (
                    first.lower in GIVEN_NAMES or first.lower in SURNAMES or nxt.lower in SURNAMES):
                return None
    return Span(s, e, surface, name_key(surface), True)


def _after_comma(text: str, s: int) -> bool:
    """Is the last character before position s, spaces aside, a comma? (Walking back over
    the spaces only: copying the text before every name made a long chunk quadratic.)"""
    k = s
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return k > 0 and text[k - 1] == ","


_AMPERSAND_AFTER = re.compile(r"\s*&\s*[A-Z]")
_AMPERSAND_BEFORE = re.compile(r"[A-Za-z]\s*&\s*$")


def _beside_ampersand(text: str, s: int, e: int) -> bool:
    """ "Stevens & Wilkinson": a firm's name, not two towns."""
    return bool(_AMPERSAND_AFTER.match(text[e:e + 4]) or _AMPERSAND_BEFORE.search(text[max(0, s - 4):s]))


def _full_name(text: str, ws: list[_Word], i: int, g: Gazetteer) -> bool:
    """Is word i a given name that starts a person's name: "Linda Hawkins", "Roy A. Nelson"?"""
    if ws[i].lower not in GIVEN_NAMES or i + 1 >= len(ws):
        return False
    nxt = ws[i + 1]
    if not (nxt.capital and _joinable(text, ws[i], nxt)):
        return False
    if len(nxt.text) == 1:          # a middle initial
        return True
    return nxt.lower in SURNAMES and nxt.lower not in INSTITUTIONS and nxt.lower not in TAILS \
        and nxt.lower not in NOT_PLACES \
        and not g.knows(name_key(f"{ws[i].text} {nxt.text}"))


def _code_or_building(w: _Word) -> bool:
    """A road number ("A429"), an acronym ("CTV", "HSBC") or a building word: what may
    stand before a town's name without making it a surname."""
    acronym = len(w.text) >= 2 and w.text.isalpha() and w.text.isupper()   # "CTV", not "J.M."
    return any(ch.isdigit() for ch in w.text) or w.lower in TAILS or acronym


def _proper(text: str, a: _Word, b: _Word, g: Gazetteer) -> bool:
    """Are a and b two words of one name that is not a place ("John Kelly")?"""
    if not (a.capital and b.capital) or not _joinable(text, a, b):
        return False
    if a.lower in MODIFIERS or a.lower in CONNECTORS or a.lower in NOT_PLACES or a.lower in TITLES:
        return False
    # "A429 Cirencester", "Courthouse Ballyjamesduff", "CTV Saskatoon": a road number, a
    # building or an organisation's acronym before a town
    if _code_or_building(a):
        return False
    if b.lower in INSTITUTIONS or b.lower in TAILS or b.lower in NOT_PLACES or b.lower in CONNECTORS:
        return False
    return not (_demonym(a, g) or _demonym(b, g))


def _speech_follows(ws: list[_Word], j: int) -> bool:
    """ "Michael Jordan said", "Jordan, who told": a reporting verb right after the name."""
    return any(w.lower in SPEECH for w in ws[j + 1: j + 3])


def _says(text: str, ws: list[_Word], j: int) -> bool:
    """ "Robertson said": the reporting verb is the very next word, with no comma between
    ("a resident of Columbia, said" is still a place)."""
    return j + 1 < len(ws) and ws[j + 1].lower in SPEECH and text[ws[j].end:ws[j + 1].start].isspace()


def _demonym(w: _Word, g: Gazetteer) -> bool:
    return _demonym_key(name_key(w.text), g)


@lru_cache(maxsize=65536)
def _demonym_key(key: str, g: Gazetteer) -> bool:
    return bool(key) and g.knows(key) and bool(g.lookup(key, kinds=["demonym"], fuzzy=False, limit=1))
