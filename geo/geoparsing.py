"""`geoparse`: every place name of a news text, found and resolved.

>>> [(t.text, t.kind, t.country) for t in geoparse("Rockets hit Erbil and Baghdad, Iraq.")]
[('Erbil', 'city', 'IQ'), ('Baghdad', 'city', 'IQ'), ('Iraq', 'country', 'IQ')]
>>> geoparse("Michael Jordan said so.")
[]
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import weakref
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace

from gazetteer import Candidate, Gazetteer, name_key

from .io import decode_input
from .normalize_text import normalize
from .patterns import alternation
from .place import Context, Toponym
from .resolve import fallback_point, resolve
from .spatial import distance_km
from .text import (CONNECTORS, FACILITIES, FEATURE_PREFIXES, NOT_PLACES, RULES, SITE_NAME_TAILS, Span,
                   _after_unit_noun, admin_unit, after_locative, spans)


def _toponym(span: Span, c: Candidate, score: float | None = None, kind: str | None = None) -> Toponym:
    return Toponym(span.start, span.end, span.text, c.id, kind or c.kind, c.country, c.admin1,
                   c.lat, c.lon, c.score if score is None else score)


_RES = RULES["resolution"]
_NARROW = ("city", "admin2", "airport", "airbase", "lake")
# the readings that may say where a story is, for the spelling and unread-site rules
_TOWN_AND_UNIT_KINDS = frozenset(_NARROW) | {"admin1", "admin2"}


_UNIT_AFTER = re.compile(rf"\s+(?:{alternation(_RES['unit_after'])})\b", re.IGNORECASE)
_CUE_WEIGHTS = {"locative": _RES["cue_weight"], "institution": _RES["cue_weight"], "unit": _RES["unit_cue_weight"],
               "unit_after": _RES["unit_after_weight"]}


_INSTITUTION = re.compile(rf"\s+(?:{alternation(_RES['local_institutions'])})\b", re.IGNORECASE)


def _before_institution(text: str, span: Span) -> bool:
    """ "Saskatoon police", "Roswell city council": a town's own institution after the name."""
    return bool(_INSTITUTION.match(text, span.end, span.end + 24))


def _confident(span: Span, pick: Candidate, score: float, mentions: int, cues: float) -> bool:
    """Keep a recognised one-word town-like name only with enough prior and support (the
    other names' agreement, being named again, a preposition of place before it or the
    town's police or council after it)."""
    if pick.kind not in _NARROW or " " in span.key:
        return True
    support = score - pick.score + _RES["mention_weight"] * math.log2(mentions) + cues
    return pick.score + _RES["support_factor"] * support >= _RES["min_single_word"]


_ANCHORS = ("city", "airport", "airbase", "site", "admin2")


_KIND_NOUN_AFTER = {kind: re.compile(rf"\s+(?:{alternation(nouns)})\b", re.IGNORECASE)
                    for kind, nouns in _RES["kind_nouns_after"].items()}


def _kind_noun_after(text: str, span: Span, pick: Candidate) -> float:
    """ "Ataturk airport" read as the airport: the noun after the name says so."""
    noun = _KIND_NOUN_AFTER.get(pick.kind)
    return _CUE_WEIGHTS["unit"] if noun is not None and noun.match(text, span.end) else 0.0


def _nearest_anchor(span: Span, anchors: list[tuple[int, int, Candidate]], starts: list[int]) -> Candidate | None:
    """The town named closest to an unknown name in the text, within ``anchor_chars``
    ("the Khabur River near Hasakah", a given span "Royal Street in New Orleans").
    ``anchors``: (start, order named, reading), sorted; ``starts``: their starts. Only
    those just before and after the name can be nearest; of equally near ones, the one
    named first."""
    k = bisect.bisect_left(starts, span.start)
    gaps = [abs(starts[i] - span.start) for i in (k - 1, k) if 0 <= i < len(starts)]
    if not gaps or min(gaps) > _RES["anchor_chars"]:
        return None
    gap = min(gaps)
    tied = [a for at in {span.start - gap, span.start + gap}
            for a in anchors[bisect.bisect_left(starts, at):bisect.bisect_right(starts, at)]]
    return min(tied, key=lambda a: a[1])[2]


def _inner_place(span: Span, g: Gazetteer, home: Candidate | None) -> Candidate | None:
    """The place a longer name embeds ("Dubai World Cup", "University of California",
    "Manila Cathedral"), read in the document's country when it can be."""
    inner_spans = spans(span.text, g)
    first, _, rest = span.text.partition(" ")
    if first.lower().rstrip(".") in FEATURE_PREFIXES and rest:      # "Mount Sinjar": Sinjar
        inner_spans = [Span(len(first) + 1, len(span.text), rest, name_key(rest), True)] + inner_spans
    head, _, last = span.text.rpartition(" ")
    if head and last.lower() in SITE_NAME_TAILS:       # "Donetsk Airport": Donetsk
        inner_spans = [Span(0, len(head), head, name_key(head), True)] + inner_spans
    for inner in inner_spans:
        if inner.start == 0 and inner.end == len(span.text) or not g.knows(inner.key):
            continue
        found = g.lookup(inner.key, fuzzy=False, limit=20)
        if not found:
            continue
        if home is not None and home.country:
            local = [c for c in found if c.country == home.country]
            if local and local[0].score >= found[0].score - _RES["prior_margin"]:
                return local[0]
        return found[0]
    return None


_FACILITY_AFTER = re.compile(rf"\s+(?:{alternation(sorted(FACILITIES))})\b")


def _named_after(text: str, span: Span, pick: Candidate, places: dict[str, Candidate]) -> bool:
    """ "the Imam Ali mosque" in a story from Oman: a building named after someone, not a
    village of that name in Iraq: a small place's reading, just before a lower-case
    facility word, far from every other place of the document."""
    if pick.kind not in _NARROW or pick.score >= _RES["minor_named_after"] or not _FACILITY_AFTER.match(text, span.end):
        return False
    return _far_from_the_rest(pick, places)


def _far_from_the_rest(pick: Candidate, places: dict[str, Candidate]) -> bool:
    """Farther than ``weak_km`` from every other place the document names (there is one)."""
    others = [p for p in places.values() if p.id != pick.id and p.kind not in ("demonym",)]
    return bool(others) and all(distance_km(pick.lon, pick.lat, o.lon, o.lat) > _RES["weak_km"] for o in others)


def _sure(places: dict[str, Candidate]) -> dict[str, Candidate]:
    """The readings that say where the story is: provinces, countries, towns of some size."""
    return {p.id: p for p in places.values() if p.country and p.kind not in ("demonym", "continent", "region")
            and (p.kind in ("country", "admin1", "admin2") or p.score >= _RES["minor_named_after"])}


def _stray(pick: Candidate, sure: dict[str, Candidate]) -> bool:
    """A small town's reading (prior below ``minor_named_after``) in a country no other name
    of the document is in, far from all of them, while at least two others agree on one
    country ("Guma Local Government Area" in a story of Benue State, Nigeria, read as a town
    in the Philippines): more likely a place the gazetteer lacks, near the document's towns
    (``sure``: the readings that say where the story is, which a small town's is not)."""
    if pick.kind not in _NARROW or pick.score >= _RES["minor_named_after"]:
        return False
    others = sure if pick.id not in sure else {i: p for i, p in sure.items() if i != pick.id}
    countries = {p.country for p in others.values()}
    return len(others) >= 2 and len(countries) == 1 and pick.country not in countries \
        and _far_from_the_rest(pick, others)


def _weak(pick: Candidate, places: dict[str, Candidate]) -> bool:
    """A reading through a derived form only (an OurAirports keyword, a bare county
    name) far from every other place of the document (``places``: the readings, each
    once): the name is more likely a place the gazetteer lacks, near the document's
    main town, than that far-off airfield."""
    if pick.grade < 2 or pick.kind not in _NARROW:
        return False
    return _far_from_the_rest(pick, places)


_APPOSED = re.compile(rf"\b(?:{alternation(_RES['apposed_place_nouns'])})\s*,\s*$", re.IGNORECASE)
_NEXT_CAPITAL = re.compile(r"[ \t]+[A-Z][\w'’‘`-]*")
# A skeleton this short ("tal", "mir") is shared by too many villages to tell one.
_MIN_SKELETON_LETTERS = 5


def _in_place_frame(text: str, span: Span, cues: set[str], pick: Candidate) -> bool:
    """ "the town of X", "near X", "X air base", "another nearby town, X": words around
    the name that say it is a place."""
    return bool(cues & {"unit", "locative"}) or _kind_noun_after(text, span, pick) > 0 \
        or bool(_APPOSED.search(text, max(0, span.start - 16), span.start))


def _near_any(c: Candidate, towns: list[Candidate], km: float) -> bool:
    return any(distance_km(c.lon, c.lat, t.lon, t.lat) <= km for t in towns)


def _near_reading(text: str, span: Span, end_limit: int, g: Gazetteer,
                  towns: list[Candidate]) -> tuple[Span, Candidate] | None:
    """Another reading of the name near the document's towns: the name with up to
    ``spelling_words`` capitalised words after it (longest first; not past ``end_limit``,
    where the next name starts), then the name alone; for each, the entries of its own key,
    then those of its transliteration skeleton."""
    from gazetteer.normalize import skeleton

    ends, at = [span.end], span.end
    for _ in range(int(_RES["spelling_words"])):
        m = _NEXT_CAPITAL.match(text, at)
        if m is None or m.end() > end_limit:
            break
        at = m.end()
        ends.append(at)
    for e in reversed(ends):
        surface = text[span.start:e]
        key = name_key(surface)
        found = list(g.lookup(key, fuzzy=False, limit=int(_RES["max_candidates"]))) if g.knows(key) else []
        if len(skeleton(key)) >= _MIN_SKELETON_LETTERS:
            found += g.sounding(surface, limit=10)
        near = [c for c in found if c.kind in _NARROW and _near_any(c, towns, _RES["spelling_km"])]
        if near:
            return Span(span.start, e, surface, key, True), max(near, key=lambda c: c.score)
    return None


def _story_towns(resolved: list) -> list[Candidate]:
    """The towns and units that say where the document is (see ``_sure``), no country."""
    return [p for p in _sure({p.id: p for p, _ in resolved if p is not None}).values()
            if p.kind in _TOWN_AND_UNIT_KINDS]


def _nearer_spellings(text: str, found: list[Span], resolved: list, cues: dict[str, set[str]],
                      towns: list[Candidate], g: Gazetteer) -> set[int]:
    """Where a small town's reading of a name in a place frame lies far from every town and
    province the document names, and another reading of the name, or of its
    transliteration, lies near one of them, that reading is the place ("the nearby town of
    Tel Rifaat" in a story from Aleppo is Tall Rif`at, not the village of Tel in
    Afghanistan). ``found`` and ``resolved`` are changed in place; returns the indices
    changed."""
    if not towns:
        return set()
    moved: set[int] = set()
    seen: dict[tuple[str, str], tuple[Span, Candidate] | None] = {}
    for k, (span, (pick, score)) in enumerate(zip(found, resolved)):
        if pick is None or pick.kind not in _NARROW or pick.score >= _RES["minor_named_after"] \
                or not _in_place_frame(text, span, cues[span.key], pick) \
                or _near_any(pick, towns, _RES["weak_km"]):
            continue
        end_limit = found[k + 1].start if k + 1 < len(found) else len(text)
        tail = text[span.end:min(end_limit, span.end + 40)]
        if (span.key, tail) not in seen:
            seen[span.key, tail] = _near_reading(text, span, end_limit, g, towns)
        near = seen[span.key, tail]
        if near is not None:
            end = span.start + len(near[0].text)
            found[k] = replace(near[0], start=span.start, end=end, text=text[span.start:end])
            resolved[k] = (near[1], score)
            moved.add(k)
    return moved


_KIND_OF_NOUN = {noun.lower(): kind for kind, nouns in _RES["kind_nouns_after"].items() for noun in nouns}
_KIND_NOUN = re.compile(rf"(?:{alternation(_KIND_OF_NOUN)})\b", re.IGNORECASE)
# the nouns' first words, none the start of another: scanned for as plain text, which is
# several times faster than a case-blind pattern tried at every word
_FIRST_WORDS = {n.split()[0] for n in _KIND_OF_NOUN}
_KIND_NOUN_HEADS = sorted(h for h in _FIRST_WORDS if not any(h != o and h.startswith(o) for o in _FIRST_WORDS))
_NAME_BEFORE = re.compile(r"\b(?:[A-Z][\w'’‘`-]*[ \t]+){1,3}$")


# An unread site's name is sought near the towns of the document named nearest to it in
# the text, the nearest first, up to this many.
_SITE_TOWNS = 2


def _kind_nouns(text: str) -> Iterator[tuple[int, str]]:
    """(offset, noun) of each noun of ``kind_nouns_after`` in ``text`` ("air base")."""
    low = text.lower()
    hits = []
    for head in _KIND_NOUN_HEADS:
        i = low.find(head)
        while i >= 0:
            if i == 0 or not low[i - 1].isalnum():
                m = _KIND_NOUN.match(text, i)
                if m is not None:
                    hits.append((i, m.group()))
            i = low.find(head, i + 1)
    end = -1
    for i, noun in sorted(hits):
        if i >= end:        # not "airport" inside "international airport"
            yield i, noun
            end = i + len(noun)


@functools.lru_cache(maxsize=1024)
def _sites_near(g: weakref.ref, revision: int, lon: float, lat: float, kind: str) -> tuple[Candidate, ...]:
    """The entries of one kind within ``spelling_km`` of a town's point (news names the
    same few towns again and again). The gazetteer is held weakly, as geo.where holds it,
    so that remembering its sites does not keep it alive; ``revision`` tells its places
    apart before and after some were added."""
    from .spatial import disc

    return tuple(g().within(disc(lon, lat, _RES["spelling_km"]), (kind,)))


def _unread_names(text: str, at: int, noun: str, found: list[Span], starts: list[int]) -> list[tuple[int, str]]:
    """(start, name) of the capitalised words before the kind noun at ``at`` read as a name
    the geoparser did not read: all of them, then without the first word, and so on; none
    where the geoparser read a name there. ``starts``: the starts of ``found``."""
    m = _NAME_BEFORE.search(text, max(0, at - 80), at)
    if m is None:
        return []
    name_end = m.end() - (len(m.group()) - len(m.group().rstrip()))
    k = max(0, bisect.bisect_right(starts, m.start()) - 1)
    near_spans = [sp for sp in found[k:k + 4] if sp.start < at + len(noun) and sp.end > m.start()]
    names = []
    # the name may begin after a capitalised word that is not part of it ("Kurdish-held")
    for gap in [0] + [w.end() for w in re.finditer(r"\s+", text[m.start():name_end])]:
        start = m.start() + gap
        name = text[start:name_end]
        if not any(sp.end > start for sp in near_spans) and name.split()[0].lower() not in NOT_PLACES:
            names.append((start, name))     # else the geoparser read a name there, or this is no name
    return names


def _site_spelled_like(names: list[tuple[int, str]], noun: str, kind: str, towns: list[Toponym],
                       g: Gazetteer) -> Toponym | None:
    """The entry of ``kind`` within ``spelling_km`` of one of ``towns`` (in that order) whose
    name is spelled most like one of ``names`` (in that order) with its ``noun``, at least
    ``site_fuzzy_cutoff`` alike; None when there is none."""
    from rapidfuzz import fuzz, process     # (its import takes longer than most articles)

    for t in towns:
        cands = _sites_near(weakref.ref(g), g.revision, t.lon, t.lat, kind)
        if not cands:
            continue
        keys = [name_key(c.name) for c in cands]
        for start, name in names:
            best = process.extractOne(name_key(f"{name} {noun}"), keys, scorer=fuzz.ratio,
                                      score_cutoff=_RES["site_fuzzy_cutoff"])
            if best is not None:
                return _toponym(Span(start, start + len(name), name, name_key(name), True), cands[best[2]])
    return None


def _unread_sites(text: str, found: list[Span], toponyms: list[Toponym], g: Gazetteer) -> list[Toponym]:
    """Airports and air bases named in a spelling no entry has ("the Mannagh air base" for
    Minaq Air Base): the entry of the kind the noun after the name says, within
    ``spelling_km`` of a town (``toponyms``: the readings kept) named nearest to it in the
    text, spelled most like the name with its noun. A name the geoparser read in
    any way (a town, a feature name it lacks, as "the Mannagh Air Base" is) keeps its reading."""
    out = []
    starts = [sp.start for sp in found]
    towns = [t for t in toponyms if t.kind in _TOWN_AND_UNIT_KINDS]
    for at, noun in _kind_nouns(text):
        names = _unread_names(text, at, noun, found, starts)
        if not names:
            continue
        kind = _KIND_OF_NOUN[re.sub(r"\s+", " ", noun.lower())]
        nearest = {t.entry_id: t for t in sorted(towns, key=lambda t: abs(t.start - at))}
        hit = _site_spelled_like(names, noun, kind, list(nearest.values())[:_SITE_TOWNS], g)
        if hit is not None:
            out.append(hit)
    return out


# "the Tunisian town of Ben Guerdan": a place noun and "of", then a capitalised name
_TOWN_OF_NAME = re.compile(rf"\b(?i:{alternation(_RES['unit_of']['city'])})\s+"
                           # (lower-case connectors only between capitalised words: "Deir ez Zor")
                           rf"(?P<name>[A-Z][\w'’‘`-]*(?:(?:[ \t]+(?:{alternation(CONNECTORS)}))?[ \t]+[A-Z][\w'’‘`-]*){{0,3}})")


def _unread_towns(text: str, found: list[Span], toponyms: list[Toponym], g: Gazetteer) -> list[Toponym]:
    """A town named after "the town of" in a spelling no entry has ("Ben Guerdan" for Ben
    Gardane): the town spelled most like it (``town_fuzzy_cutoff`` alike at least) in a
    country the document names, whatever that town's prior. A name the geoparser read in
    any way keeps its reading."""
    from rapidfuzz import fuzz     # (its import takes longer than most articles)

    countries = {t.country for t in toponyms if t.country}
    if not countries:
        return []
    # (a town in a province the document names first: "the town of Springfeld in Ohio")
    provinces = {t.admin1 for t in toponyms if t.kind == "admin1" and t.admin1}
    starts = [sp.start for sp in found]
    out = []
    for m in _TOWN_OF_NAME.finditer(text):
        # (not its last words when they are no place: "Ben Guerdan on Monday")
        words = m["name"].split()
        while len(words) > 1 and (words[-1].lower() in NOT_PLACES or words[-1].lower() in CONNECTORS):
            words.pop()
        name = m["name"][:m["name"].rfind(words[-1]) + len(words[-1])]
        start, end = m.start("name"), m.start("name") + len(name)
        k = bisect.bisect_left(starts, start)
        if k < len(found) and found[k].start < end:
            continue        # the geoparser read a name there
        key = name_key(name)
        alike = [(c.admin1 in provinces, fuzz.ratio(key, c.matched or name_key(c.name)), c)
                 for c in g.spelled_like(key, kinds=("city",), limit=40, cutoff=_RES["town_fuzzy_cutoff"])
                 if c.country in countries]
        best = max(alike, key=lambda a: a[:2], default=None)
        if best is not None:
            out.append(_toponym(Span(start, end, name, key, True), best[2]))
    return out


# A document's names are resolved together, each reading weighed against the others, at
# a cost that grows with the square of the distinct names (a digest of 600 articles, 1.3
# MB, took 72 s and 2 GB). A text naming more than this many (the most in one article of
# the development corpora is 42) is resolved window by window, each window's names together.
RESOLVE_NAMES = 200


def _resolve_in_windows(text: str, found: list[Span], g: Gazetteer, country: str | None):
    out, start = [], 0
    while start < len(found):
        keys, end = set(), start
        while end < len(found) and (found[end].key in keys or len(keys) < RESOLVE_NAMES):
            keys.add(found[end].key)
            end += 1
        out += resolve(text, found[start:end], g, country)
        start = end
    return out


def geoparse(text: str | bytes, context=None, *, spans_given: Iterable[tuple[int, int]] | None = None,
             demonyms: bool = False, gazetteer: Gazetteer | None = None) -> list[Toponym]:
    """Place names in ``text`` with character offsets, each resolved to a gazetteer entry.

    ``context``: None, an ISO2 focus country, a dict or :class:`geo.Context`.
    ``spans_given``: (start, end) pairs to resolve instead of recognising names.
    Demonyms ("Syrian") inform the context; they are returned, with kind "demonym", only
    when ``demonyms`` is true or their span was given. A name the gazetteer lacks but
    that reads as a place ("Khabur River", "Mount Sinjar", or any given span) resolves to
    the place it names, the town named nearest to it, or the town the document is most
    about, with kind "fallback"; roads are found but not reported.

    Bytes are read as UTF-8, else in the encoding detected (with a UnicodeWarning). Names
    are matched in the text NFC-composed and without invisible format characters
    (``geo.normalize_text``); offsets and texts returned point into the text given.
    """
    m = normalize(decode_input(text))
    given = None if spans_given is None else list(spans_given)
    pairs = None if given is None else [(m.text_offset(s), m.text_offset(e)) for s, e in given]
    found = geoparse_normalized(m.text, context, spans_given=pairs, demonyms=demonyms, gazetteer=gazetteer)
    if not m.changed:
        return found
    back = dict(zip(pairs or (), given or ()))      # a given span comes back as it was given
    out = []
    for t in found:
        s, e = back.get((t.start, t.end)) or m.original_span(t.start, t.end)
        out.append(replace(t, start=s, end=e, text=m.original[s:e]))
    return out


RE_DESIGNATION = re.compile(r"-\d")
# "Prince George's County", "Martha's Vineyard": a name that goes on past a possessive
RE_POSSESSIVE_TAIL = re.compile(r"['’]s\s+[A-Z][a-z]+")


def _with_possessive(text: str, span: Span, g: Gazetteer) -> Span:
    """The span carried past "'s County" when the gazetteer knows the longer name."""
    m = RE_POSSESSIVE_TAIL.match(text, span.end)
    if not m:
        return span
    surface = text[span.start:m.end()]
    key = name_key(surface)
    return Span(span.start, m.end(), surface, key, True) if g.knows(key) else span


# "9:16 PM EST", "10 a.m. GMT": a time zone's code after a clock time
RE_CLOCK_BEFORE = re.compile(r"\d\s*(?:[AaPp]\.?[Mm]\.?)\s+$")


def _code(text: str, span: Span) -> bool:
    """A span that only looks like a place's name: a designation ("AK-47", "F-16") or a
    time zone after a clock time ("9:16 PM EST")."""
    return bool(RE_DESIGNATION.match(text, span.end)) or (
        len(span.text) <= 4 and span.text.isupper()
        and bool(RE_CLOCK_BEFORE.search(text, max(0, span.start - 12), span.start)))


def geoparse_normalized(text: str, context=None, *, spans_given: Iterable[tuple[int, int]] | None = None,
                        demonyms: bool = False, gazetteer: Gazetteer | None = None) -> list[Toponym]:
    """:func:`geoparse` of a text already through ``normalize_text.normalize``: offsets
    are into that text (what ``extract`` calls, normalising once for all its steps)."""
    g = gazetteer or Gazetteer.default()
    ctx = Context.of(context)
    if spans_given is None:
        found = [_with_possessive(text, sp, g) for sp in spans(text, g) if not _code(text, sp)]
    else:
        found = []
        for s, e in spans_given:
            surface = text[s:e]
            key = name_key(surface)
            # A lower-case span ("the church", "the city") is a reference, not a name:
            # it resolves to the nearest named town, not to a village called "Church".
            named = bool(key) and surface[:1].isupper() and (g.knows(key) or admin_unit(surface, g))
            found.append(Span(s, e, surface, key, named))
    resolved = _resolve_in_windows(text, found, g, ctx.country)
    mentions = Counter(sp.key for sp in found)
    cues: dict[str, set[str]] = defaultdict(set)      # the kinds of place cue met with each name
    for sp in found:
        if after_locative(text, sp.start):
            cues[sp.key].add("locative")
        if _before_institution(text, sp):
            cues[sp.key].add("institution")
        if _after_unit_noun(text, sp.start):     # "the village of Arsal"
            cues[sp.key].add("unit")
        if _UNIT_AFTER.match(text, sp.end):      # "Kupwara district"
            cues[sp.key].add("unit_after")
    towns = _story_towns(resolved) if spans_given is None else []
    moved = _nearer_spellings(text, found, resolved, cues, towns, g)
    # The reading each span keeps: None where it has none or only a weak one, and, when
    # recognising, where a one-word town lacks support ("Faubourg" is no anchor for
    # "French Quarter" when it is not reported itself).
    kept = []
    # each place once: a long text names the same few again and again
    places = {p.id: p for p, _ in resolved if p is not None}
    for k, (span, (pick, score)) in enumerate(zip(found, resolved)):
        if k in moved:
            pass        # its frame and its nearness to the document's towns support it
        elif pick is not None and (_weak(pick, places) or _named_after(text, span, pick, places)):
            pick = None if spans_given is not None else False
        elif pick is not None and spans_given is None and not _confident(
                span, pick, score, mentions[span.key],
                sum(_CUE_WEIGHTS[c] for c in cues[span.key]) + _kind_noun_after(text, span, pick)):
            pick = False
        kept.append(pick)          # a Candidate, None (resolve by fallback) or False (drop)
    sure = _sure({p.id: p for p in kept if p})
    kept = [None if p and _stray(p, sure) else p for p in kept]
    # where a name the gazetteer lacks most likely is: the reported places, else any reading
    home = fallback_point([p for p in kept if p]) or fallback_point([p for p, _ in resolved if p is not None])
    anchors = sorted((sp.start, k, p) for k, (sp, p) in enumerate(zip(found, kept)) if p and p.kind in _ANCHORS)
    anchor_starts = [a[0] for a in anchors]
    out = []
    for span, pick, (_, score) in zip(found, kept, resolved):
        if pick is False:
            continue
        if pick is None:
            near = _nearest_anchor(span, anchors, anchor_starts)
            fallback = near or _inner_place(span, g, home) or home
            if fallback is not None:
                out.append(_toponym(span, fallback, score=0.0, kind="fallback"))
            continue
        if pick.kind == "demonym" and not demonyms and spans_given is None:
            continue
        out.append(_toponym(span, pick, score))
    if spans_given is None:
        sites = _unread_sites(text, found, out, g) + _unread_towns(text, found, out, g)
        if sites:
            out = sorted(out + sites, key=lambda t: t.start)
    return _initials_as_named(out)


RE_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")


def _initials_as_named(toponyms: list[Toponym]) -> list[Toponym]:
    """ "L.A." in a story that names Los Angeles is Los Angeles, not Louisiana: dotted
    initials take the reading of a place of several words the document names."""
    named = {"".join(w[0] for w in t.text.split()).upper(): t for t in toponyms
             if len(t.text.split()) > 1 and t.kind != "demonym"}
    if not named:
        return toponyms
    out = []
    for t in toponyms:
        whole = named.get(t.text.replace(".", "")) if RE_INITIALS.fullmatch(t.text) else None
        out.append(replace(whole, start=t.start, end=t.end, text=t.text) if whole else t)
    return out


def pipe(texts: Iterable[str | bytes], context=None) -> Iterator[list[Toponym]]:
    """geoparse over many texts, loading the gazetteer once (what batch code calls)."""
    g = Gazetteer.default()
    for text in texts:
        yield geoparse(text, context, gazetteer=g)
