"""`extract`: the incidents an article reports, with dates, places, actors, casualties,
evidence and the attack–response links between them.

The steps:
1. Split the text into sentences, each with its character offsets. Mark background:
   "READ MORE" and caption lines, general statements, and dates a year or more old.
2. Find event cues (data file ``geo/data/events.toml``). Give each cue the date, place
   phrases, casualty counts and actors of its sentence. A cue after a response cue ("in
   response to recent attacks") names earlier events; it is not a new one.
3. Build incidents from specific mentions: those with a date, casualties or a place finer
   than a country. Mentions of the same kind, at compatible dates and places, merge.
   "Another salvo" starts a new incident. "Days later" counts from the incident told before.
4. Vague mentions ("the strikes", "rocket attacks in Iraq") only add evidence to an
   incident they fit, and a response cue there links that incident to the earlier ones.
"""

from __future__ import annotations

import bisect
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

import shapely

from . import dates as dates_mod
from . import events
from .expressions import intersect, where
from .geoparsing import geoparse_normalized
from .io import decode_input
from .normalize_text import Normalized, normalize
from .patterns import alternation
from .place import Context, Place, PlaceNotFound

_BG = events.RULES["background"]
_RESP = events.RULES["response"]
RE_LINE_BACKGROUND = re.compile(rf"^\s*(?:{alternation(_BG['line_starts'])})", re.IGNORECASE)
RE_GENERIC = re.compile(rf"\b(?:{alternation(_BG['generic'])})\b", re.IGNORECASE)
RE_RESPONSE = re.compile(rf"\b(?:{alternation(_RESP['cues'])})\b", re.IGNORECASE)
_PLACES = events.RULES["places"]
_MENTIONS = events.RULES["mentions"]
_LOCATIVE = alternation(_PLACES["locatives"])
_VERBS = alternation(_PLACES["verbs"])
_FUNCTION_WORDS = frozenset(_PLACES["function_words"])
RE_REPORTED = re.compile(rf"\b(?:{alternation(_MENTIONS['reported'])}|told\s+\w+)\s+(?:late\s+|early\s+)?(?:on\s+)?$",
                         re.IGNORECASE)
RE_ANOTHER = re.compile(rf"\b(?:{alternation(_MENTIONS['another'])})\b", re.IGNORECASE)
# Place phrases: a locative word or verb, optional modifiers, then a name the geoparser found.
_DIRS = r"(?:north|south|east|west)(?:[\s-]?(?:north|south|east|west))?"
RE_PLACE_PREFIX = re.compile(
    rf"(?:\b(?:{_LOCATIVE}|{_VERBS})\s+(?:the\s+)?"
    r"(?:(?:far\s+)?(?:" + _DIRS + r"(?:ern)?|central)\s+)?"
    r"|\b(?:(?:just|some|about|around|roughly|nearly|immediately|due|far)\s+)?"
    r"(?:\d+(?:[.,]\d+)?\s*(?:km|kms|kilometers|kilometres|miles|mi)\s+)?(?:to\s+the\s+)?" + _DIRS + r"\s+of\s+"
    r"|\b(?:on\s+)?the\s+outskirts\s+of\s+)$", re.IGNORECASE)
RE_UNIT_OF = re.compile(rf"\b(?:{_LOCATIVE}|{_VERBS})\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?"
                        rf"(?:{alternation(_PLACES['unit_nouns'])})\s+of\s+$", re.IGNORECASE)
RE_VERB_OBJECT = re.compile(rf"\b(?:{_VERBS})\s", re.IGNORECASE)
_PLAIN = alternation(set(_PLACES["locatives"]) - set(_PLACES["shaping"]))
RE_LEADING_WORD = re.compile(rf"^(?:{_PLAIN}|{_VERBS})\s+", re.IGNORECASE)
RE_PLACE_SUFFIX = re.compile(r"^\s+(?:province|governorate|region|district|county)\b", re.IGNORECASE)
RE_BORDER = re.compile(
    r"\b(?:along|on|near|at|across|close\s+to)\s+the\s+(?:[A-Z][\w'’]*(?:\s*[-–/]\s*[A-Z][\w'’]*)?\s+)?"
    r"(?:border|frontier)(?:\s+(?:with|between)\s+[A-Z][\w'’]*(?:\s+and\s+[A-Z][\w'’]*)?)?")
_SENTENCE = re.compile(r"[^\n]+")
_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘']?[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|St|Rep|Sen|Gov|Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|U\.S|U\.K)\.)$")
# The longest abbreviation above ("Sept.") is five characters; twelve leaves room.
ABBREV_CHARS = 12
# Longer "sentences" are cut (the longest in the development corpora is about 1,200).
MAX_SENTENCE_CHARS = 3000


GENERIC_TYPE = ("Violence against civilians", "Attack")
# Two footprints overlap when they share more than this part of the smaller one.
OVERLAP_SHARE = 0.01
# Cues this close in a sentence tell one event ("Another salvo struck", "rockets hit").
MERGE_GAP = 40
# A specific mention joins one of the incidents told this recently, never an older one:
# no article tells that many, and a text that does would cost the square of its length.
RECENT_DRAFTS = 200
# A response answers at most this many incidents, the latest: a text of thousands of
# retaliations within a week of each other would otherwise link each to all the others.
RESPONSE_LINKS = 50


class BadPublished(ValueError):
    """An unparseable publication date."""


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    background: bool
    generic: bool


@dataclass
class _Mention:
    sentence: Sentence
    cue: events.Cue
    dates: list = field(default_factory=list)
    places: list = field(default_factory=list)
    casualties: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    response: bool = False
    referenced: bool = False
    another: bool = False

    @property
    def specific(self) -> bool:
        return not self.referenced and bool(
            [d for d in self.dates if d.anchored or (d.start_date and d.start_date == d.end_date)]
            or self.casualties or any(p.where_prec <= 5 for p in self.places))


@dataclass
class _Draft:
    mentions: list = field(default_factory=list)
    event_type: str = ""
    sub_event_type: str = ""
    first: date | None = None                        # earliest start of its dated mentions
    last: date | None = None                         # latest end
    days: list = field(default_factory=list)         # single days mentioned
    places: list = field(default_factory=list)
    casualties: list = field(default_factory=list)
    actors: list = field(default_factory=list)       # (actor, before_cue)
    response: bool = False
    background: bool = False
    footprint: Place | None = None

    def span(self) -> tuple[date | None, date | None]:
        return self.first, self.last


# ---------------------------------------------------------------- sentences

def sentences(text: str, published: date | None) -> list[Sentence]:
    """Sentences with offsets; lines that are not the story ("READ MORE") flagged as
    background. (Old dates are checked later, only in sentences that tell of an event.)"""
    out = []
    for line in _SENTENCE.finditer(text):
        body, pos = line.group(), line.start()
        line_bg = bool(RE_LINE_BACKGROUND.match(body))
        pieces, last = [], 0
        for m in _SPLIT.finditer(body):
            # an abbreviation is a few characters: look back that far, not over the whole line
            if _ABBREV.search(body, max(0, m.start() - ABBREV_CHARS), m.start()):
                continue
            pieces.append((last, m.start()))
            last = m.end()
        pieces.append((last, len(body)))
        for a, b in (cut for piece in pieces for cut in _bounded(body, *piece)):
            s = body[a:b]
            if not s.strip():
                continue
            out.append(Sentence(pos + a, pos + b, s, line_bg, bool(RE_GENERIC.search(s))))
    return out


def _bounded(line: str, a: int, b: int) -> list[tuple[int, int]]:
    """line[a:b] cut into pieces of at most MAX_SENTENCE_CHARS, at a space where there is
    one: the rules read a sentence several times over, so a run-on "sentence" of megabytes
    (a text without full stops or spaces) would cost the square of its length."""
    out = []
    while b - a > MAX_SENTENCE_CHARS:
        hi = a + MAX_SENTENCE_CHARS
        cut = max(line.rfind(" ", a + MAX_SENTENCE_CHARS // 2, hi), line.rfind(",", a + MAX_SENTENCE_CHARS // 2, hi))
        cut = cut + 1 if cut > 0 else hi
        out.append((a, cut))
        a = cut
    out.append((a, b))
    return out


def _old(found_dates, published: date | None) -> bool:
    """A date that ended more than ``old_days`` before publication: an attack recalled
    (a file-photo caption, "the October 7 attack" in July), background, not news."""
    return published is not None and any(
        d.end_date and not d.anchored and (published - d.end_date).days > _BG["old_days"]
        for d in found_dates)


RE_YEAR_BEFORE = re.compile(r"(?P<year>(?:19|20)\d\d)(?:['’]s)?\s+(?:[\w-]+\s+){0,2}$")


def _of_a_past_year(sent: Sentence, cue, published: date | None) -> bool:
    """ "the 2012 attack in Benghazi": a cue whose own words name an earlier year."""
    m = RE_YEAR_BEFORE.search(text_before(sent, cue.start, 30))
    return published is not None and m is not None and int(m["year"]) < published.year


# ---------------------------------------------------------------- mentions

def _places(sent: Sentence, toponyms, ctx: Context, fp: _Footprints) -> list[tuple[int, Place]]:
    """(position, Place) of the place phrases of a sentence (``toponyms``: the sentence's)."""
    out = []
    for t in toponyms:
        if t.kind in ("demonym",):
            continue
        before = sent.text[:t.start - sent.start]
        unit = RE_UNIT_OF.search(before[-60:])
        if unit:            # "in the southern Yemeni city of Aden": the name is the place
            place = fp.where(t.text, Context(t.country or ctx.country, ctx.countries), (t.text, t.entry_id))
            if place is not None:
                out.append((t.start, place))
            continue
        m = RE_PLACE_PREFIX.search(before[-80:])
        if not m:
            continue
        after = sent.text[t.end - sent.start:]
        # "hit the US military base": after a verb, a name followed by a lower-case word
        # qualifies that word; it is not where the event was
        nxt = re.match(r"\s+([a-z]+)", after)
        if RE_VERB_OBJECT.search(m.group()) and nxt and nxt.group(1) not in _FUNCTION_WORDS \
                and not nxt.group(1).endswith(("ing", "ed")):
            continue
        suffix = RE_PLACE_SUFFIX.match(after)
        phrase = (m.group() + t.text + (suffix.group() if suffix else "")).strip()
        phrase = RE_LEADING_WORD.sub("", phrase)
        place = fp.where(phrase, Context(t.country or ctx.country, ctx.countries), (t.text, t.entry_id))
        if place is not None:
            out.append((t.start, place))
    return out


def _borders(sent: Sentence, ctx: Context, fp: _Footprints) -> list[tuple[int, Place]]:
    out = []
    for m in RE_BORDER.finditer(sent.text):
        place = fp.where(m.group(), ctx)
        if place is not None:
            out.append((sent.start + m.start(), place))
    return out


def text_before(sent: Sentence, pos: int, width: int = 40) -> str:
    return sent.text[max(0, pos - sent.start - width):pos - sent.start]


def _response_spans(sent: Sentence) -> tuple[list[tuple[int, int]], bool]:
    """Where a sentence names the events answered ("in response to recent attacks ..."),
    and whether it tells of a response at all ("In retaliation, drones struck ...")."""
    spans = []
    found = False
    for m in RE_RESPONSE.finditer(sent.text):
        found = True
        if re.search(r"(?:\bto|\bfor|'s|’s|\bafter|\bfollowing)$", m.group(), re.IGNORECASE):
            rest = sent.text[m.end():]
            stop = re.search(r"[,;:]|\s(?:but|while|which|who|as)\s", rest)
            end = m.end() + (stop.start() if stop else len(rest))
            spans.append((sent.start + m.start(), sent.start + end))
    return spans, found


# A long text may repeat a line thousands of times (boilerplate, a scraped feed): each
# distinct sentence is read once, its findings kept at offset 0 and shifted into place.
@lru_cache(maxsize=4096)
def _events_in(sentence: str) -> tuple[list[events.Cue], list[events.Casualty]]:
    return events.cues(sentence), events.casualties(sentence)


@lru_cache(maxsize=4096)
def _details_in(sentence: str, published: date | None, countries_words: frozenset[str]):
    return dates_mod.find(sentence, published), events.actors(sentence, countries_words)


def _shifted(found: list, offset: int) -> list:
    return [replace(f, start=f.start + offset, end=f.end + offset) for f in found]


def _mentions(sents: list[Sentence], toponyms, published: date | None, doc_countries: tuple[str, ...],
              fp: _Footprints):
    countries_words = frozenset(t.text for t in toponyms if t.kind in ("country", "demonym"))
    mentions: list[_Mention] = []
    last_country = None
    starts = [t.start for t in toponyms]
    for sent in sents:
        cues, cas = (_shifted(found, sent.start) for found in _events_in(sent.text))
        if not cues and not (cas and mentions):
            continue        # nothing here about an event: no need to place or date it
        found_dates, acts = (_shifted(found, sent.start) for found in _details_in(sent.text, published, countries_words))
        if not sent.background and _old(found_dates, published):
            sent = replace(sent, background=True)
        lo, hi = bisect.bisect_left(starts, sent.start), bisect.bisect_left(starts, sent.end)
        in_sentence = [t for t in toponyms[lo:hi] if t.end <= sent.end]
        found_dates = [d for d in found_dates if re.search(r"['’]s$", d.text)
                       or not RE_REPORTED.search(text_before(sent, d.start))]
        referenced_spans, responding = _response_spans(sent)
        ctx = Context(last_country, doc_countries)
        places = _places(sent, in_sentence, ctx, fp)
        if places:
            ctx = Context(places[0][1].country or last_country, doc_countries)
        places += _borders(sent, ctx, fp)
        if not cues:
            if cas and mentions and not sent.background and not sent.generic:
                # "Local sources said 17 people had been killed": more about the last event
                prev = mentions[-1].cue
                cue = events.Cue(sent.start, sent.start, "", prev.event_type, prev.sub_event_type)
                mentions.append(_Mention(sent, cue, [], [p for _, p in places], cas, acts))
            continue
        # One mention per cue; slots go to the nearest cue of the sentence.
        group = [_Mention(sent, c) for c in cues]
        if not sent.background and all(_of_a_past_year(sent, c, published) for c in cues):
            sent = replace(sent, background=True)
            group = [_Mention(sent, c) for c in cues]
        for k, mt in enumerate(group):
            mt.referenced = any(a <= mt.cue.start < b for a, b in referenced_spans)
            mt.response = responding and not mt.referenced
            since = group[k - 1].cue.end - sent.start if k else 0
            mt.another = bool(RE_ANOTHER.search(sent.text[max(since, mt.cue.start - sent.start - 30):mt.cue.start - sent.start]))

        told = [g for g in group if not g.referenced] or group
        answered = [g for g in group if g.referenced] or group

        def nearest(pos):
            # words inside "in response to recent attacks in Iraq" belong to the events
            # answered; all others to the events told
            inside = any(a <= pos < b for a, b in referenced_spans)
            return min(answered if inside else told, key=lambda g: abs(g.cue.start - pos))
        for d in found_dates:
            nearest(d.start).dates.append(d)
        for pos, p in places:
            nearest(pos).places.append(p)
        for c in cas:
            nearest(c.start).casualties.append(c)
        for a in acts:
            nearest(a.start).actors.append(a)
        # Cues of one kind next to each other in a sentence are one mention ("rockets hit").
        for mt in group:
            mt.places = _consistent(mt.places, fp)
        merged: list[_Mention] = []
        for mt in group:
            if merged and _compatible_types(merged[-1], mt) and merged[-1].referenced == mt.referenced \
                    and not mt.another and mt.cue.start - merged[-1].cue.end <= MERGE_GAP:
                keep = merged[-1]
                if not keep.cue.sub_event_type and mt.cue.sub_event_type:
                    keep.cue = events.Cue(keep.cue.start, mt.cue.end, keep.cue.text, mt.cue.event_type, mt.cue.sub_event_type)
                keep.dates += mt.dates
                keep.places += mt.places
                keep.casualties += mt.casualties
                keep.actors += mt.actors
                keep.response |= mt.response
            else:
                merged.append(mt)
        mentions += merged
        if places:
            last_country = places[0][1].country or last_country
    return mentions


def _kind(x) -> tuple[str, str]:
    """(event_type, sub_event_type) of a mention or an incident draft."""
    return (x.cue.event_type, x.cue.sub_event_type) if isinstance(x, _Mention) else (x.event_type, x.sub_event_type)


def _compatible_types(a, b) -> bool:
    """Same kind of event, or one of them says too little to tell ("attack")."""
    (ea, ta), (eb, tb) = _kind(a), _kind(b)
    return (not ta or not tb or ta == tb) and (not ea or not eb or ea == eb)


# ---------------------------------------------------------------- incidents

def _overlaps(a: Place, b: Place) -> bool:
    """Do two footprints share ground? Neighbours that only touch (Syria, Iraq) do not;
    a point just off a simplified coast does."""
    ga, gb = a.geometry, b.geometry
    if ga.geom_type == "Point" or gb.geom_type == "Point":
        return ga.distance(gb) < 0.05
    if not ga.intersects(gb):
        return False
    # Simplified outlines of neighbours overlap in slivers: ask for a real share.
    return ga.intersection(gb).area > OVERLAP_SHARE * min(ga.area, gb.area)


class _Footprints:
    """The footprints of one text: each place phrase read once, each pair of footprints
    compared once. A long text names the same few places again and again; reading and
    intersecting them anew every time was most of its cost."""

    def __init__(self):
        self._read: dict = {}
        self._compared: dict[tuple[int, int], bool] = {}
        self._held: dict[int, Place] = {}      # the places compared, so that their ids stay theirs

    def where(self, phrase: str, ctx: Context, resolved: tuple[str, str] | None = None) -> Place | None:
        """``where(phrase)`` in ``ctx``, ``resolved`` the (name, entry id) the geoparser chose;
        None when it names no place."""
        key = (phrase, ctx, resolved)
        if key not in self._read:
            try:
                self._read[key] = where(phrase, context=ctx, resolved=dict([resolved]) if resolved else None)
            except PlaceNotFound:
                self._read[key] = None
        return self._read[key]

    def overlaps(self, a: Place, b: Place) -> bool:
        key = (id(a), id(b))
        if key not in self._compared:
            self._held[id(a)], self._held[id(b)] = a, b
            self._compared[key] = _overlaps(a, b)
        return self._compared[key]


def _consistent(places: list[Place], fp: _Footprints) -> list[Place]:
    """The places of one mention, or none when they contradict each other ("strike only
    in Syria and not in Iraq"): which one the event is in is then unknown."""
    for a in places:
        for b in places:
            if a is not b and not fp.overlaps(a, b):
                return []
    return places


def _dates_of(mention: _Mention, anchor, published):
    out = []
    for d in mention.dates:
        if d.anchored:
            s, e = dates_mod.anchored(d, anchor, published)
            if s:
                out.append((s, e, False))
        elif d.start_date:
            out.append((d.start_date, d.end_date, d.start_date == d.end_date))
    return out


def _dates_compatible(a, b) -> bool:
    if a[0] is None or b[0] is None:
        return True
    return a[0] <= b[1] + timedelta(days=1) and b[0] <= a[1] + timedelta(days=1)


def _places_compatible(draft: _Draft, places: list[Place], fp: _Footprints) -> bool:
    if not places or draft.footprint is None:
        return True
    return all(fp.overlaps(p, draft.footprint) for p in places)


def _add(draft: _Draft, m: _Mention, ranges, fp: _Footprints):
    draft.mentions.append(m)
    if not draft.sub_event_type and m.cue.sub_event_type:
        draft.event_type, draft.sub_event_type = m.cue.event_type, m.cue.sub_event_type
    if not draft.event_type and m.cue.event_type:
        draft.event_type = m.cue.event_type
    for s, e, single in ranges:
        # kept as running bounds: asked for at every mention, the span must not cost the
        # draft's whole history (that made a long text quadratic)
        draft.first = s if draft.first is None else min(draft.first, s)
        draft.last = e if draft.last is None else max(draft.last, e)
        if single:
            draft.days.append(s)
    draft.casualties += m.casualties
    draft.actors += [(a, a.start < m.cue.start) for a in m.actors]
    draft.response |= m.response
    # A place that contradicts what is known (no overlap) is left out, not averaged in.
    fitting = [p for p in m.places if draft.footprint is None or fp.overlaps(p, draft.footprint)]
    if fitting:
        known = {p.expression for p in draft.places}
        new = [p for p in fitting if p.expression not in known]
        draft.places += new
        if new:   # intersect with what is known so far: each mention costs one step
            parts = ([draft.footprint] if draft.footprint else []) + new
            draft.footprint = intersect(parts, "; ".join(p.expression for p in draft.places)) \
                if len(parts) > 1 else parts[0]


def _build(mentions: list[_Mention], published: date | None, fp: _Footprints) -> list[_Draft]:
    drafts: list[_Draft] = []
    background: list[_Draft] = []
    last_dated = None
    vague = []
    for m in mentions:
        if m.sentence.generic and not m.sentence.background:
            continue
        if m.sentence.background:
            if not background or background[-1].mentions[-1].sentence is not m.sentence:
                background.append(_Draft(background=True))
            _add(background[-1], m, _dates_of(m, None, published), fp)
            continue
        if not m.specific:
            vague.append(m)
            continue
        anchor = last_dated.span() if last_dated else None
        ranges = _dates_of(m, anchor, published)
        span = (min(r[0] for r in ranges), max(r[1] for r in ranges)) if ranges else (None, None)
        target = None
        if not m.another:
            for d in reversed(drafts[-RECENT_DRAFTS:]):
                if _compatible_types(d, m) and _dates_compatible(d.span(), span) \
                        and _places_compatible(d, m.places, fp):
                    target = d
                    break
        if target is None:
            target = _Draft()
            drafts.append(target)
        _add(target, m, ranges, fp)
        if ranges:
            last_dated = target
    for m in vague:
        for d in drafts:
            if _compatible_types(d, m) and _places_compatible(d, m.places, fp):
                d.mentions.append(m)
                d.response |= m.response
                d.actors += [(a, a.start < m.cue.start) for a in m.actors]
                break
    return drafts + background


# ---------------------------------------------------------------- output

COLUMNS = ["incident_id", "event_date", "date_start", "date_end", "time_precision", "event_type",
           "sub_event_type", "actor1", "actor2", "location", "country", "admin1", "latitude", "longitude",
           "geo_precision", "where_prec", "fatalities", "fatalities_low", "fatalities_high", "injuries",
           "responds_to", "background", "evidence"]


class Incidents:
    """The incidents of one or more articles: ``gdf`` (GeoDataFrame, EPSG:4326, the columns
    of DESIGN.md) and ``links`` (DataFrame: source, target, relation)."""

    def __init__(self, gdf, links):
        self.gdf = gdf
        self.links = links

    def __len__(self) -> int:
        return len(self.gdf)

    def __repr__(self) -> str:
        return f"<Incidents: {len(self.gdf)} incidents, {len(self.links)} links>"

    def _repr_html_(self) -> str:
        """A table in Jupyter (the map is one call away: ``.explore()``)."""
        return self.gdf.drop(columns="geometry")._repr_html_()

    def explore(self, **kwargs):
        """The interactive map of these incidents (``maps.incident_map``).

        The one place ``geo`` reaches ``maps``: imported on call, a convenience for notebooks.
        """
        import maps

        return maps.incident_map(self, **kwargs)


def _actors(draft: _Draft) -> tuple[str, str]:
    before = [a for a, b in draft.actors if b]
    after = [a for a, b in draft.actors if not b]
    actor1 = next((a.name for a in before if a.role == "force"), before[0].name if before else "")
    groups = [a.name for a in after if a.name != actor1]
    named = [g for g in groups if not g.endswith("militia") and not g.endswith("forces")]
    actor2 = named[0] if named else (groups[0] if groups else "")
    return actor1, actor2


def _event_date(draft: _Draft):
    start, end = draft.span()
    if draft.days:
        counts = Counter(draft.days)
        top = max(counts.values())
        return min(d for d, c in counts.items() if c == top)
    return start


def _row(draft: _Draft, g, given: Normalized) -> dict:
    start, end = draft.span()
    killed = [c for c in draft.casualties if c.kind == "killed"]
    injured = [c for c in draft.casualties if c.kind == "injured"]
    actor1, actor2 = _actors(draft)
    fp = draft.footprint
    geometry, lat, lon = (fp.geometry, fp.lat, fp.lon) if fp else (shapely.Point(), float("nan"), float("nan"))
    country = admin1 = ""
    if fp is not None:
        (cid, aid), = g.locate([lat], [lon])
        country = cid.split(":")[1] if cid else ""
        admin1 = g.get(aid).name if aid else ""
    seen, evidence = set(), []
    for m in sorted(draft.mentions, key=lambda m: m.sentence.start):
        s = m.sentence
        if s.start not in seen:
            seen.add(s.start)
            a, b = given.original_span(s.start, s.end)
            evidence.append({"start": a, "end": b, "text": given.original[a:b]})
    ed = _event_date(draft)
    return {
        "event_date": ed.isoformat() if ed else None,
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "time_precision": dates_mod.precision(start, end),
        # An incident told only as an "attack" is coded as ACLED codes attacks of unknown
        # means: violence against civilians, attack.
        "event_type": draft.event_type or GENERIC_TYPE[0],
        "sub_event_type": draft.sub_event_type if draft.event_type else GENERIC_TYPE[1],
        "actor1": actor1, "actor2": actor2,
        "location": "; ".join(dict.fromkeys(p.expression for p in draft.places)),
        "country": country, "admin1": admin1,
        "latitude": lat, "longitude": lon,
        "geo_precision": fp.geo_precision if fp else None,
        "where_prec": fp.where_prec if fp else None,
        "fatalities": min(c.low for c in killed) if killed else 0,
        "fatalities_low": min(c.low for c in killed) if killed else 0,
        "fatalities_high": max(c.high for c in killed) if killed else 0,
        "injuries": max(c.low for c in injured) if injured else 0,
        "background": draft.background,
        "evidence": evidence,
        "geometry": geometry,
        "_response": draft.response,
        "_order": draft.mentions[0].sentence.start,
    }


RE_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2}))?\s*(?:\([A-Za-z .]+\)\s*)?"
    r"(?:[-—–:]+\s*|\s+(?=[A-Z0-9][a-z0-9 '’-]))")


def dateline(text: str, fp: _Footprints) -> Place | None:
    """The town of a wire dateline ("BASRA, Iraq —", "PARIS (Reuters) -"): where the
    reporter filed from, a prior for events the text places nowhere, never a place by itself."""
    m = RE_DATELINE.match(text)
    if not m:
        return None
    name = " ".join(w.capitalize() for w in m["place"].split())
    place = fp.where(name + (f", {m['region']}" if m["region"] else ""), Context())
    return place if place is not None and place.where_prec <= 2 and place.kind == "named" else None


def _main_town(toponyms, country: str | None, fp: _Footprints) -> Place | None:
    """The town the article names most often in ``country`` (the dateline's, else the focus)."""
    towns = Counter((t.text, t.entry_id) for t in toponyms if t.kind == "city" and (not country or t.country == country))
    for (name, entry), _ in towns.most_common(1):
        return fp.where(name, Context(country), (name, entry))
    return None


def _near_town(town: Place, why: str, fp: _Footprints) -> Place | None:
    """A town's surroundings as the footprint of an event the text places nowhere finer
    than the country: an honest area (within ~25 km), said so in explain()."""
    t = town.toponyms[0] if town.toponyms else None
    near = fp.where(f"near {t.text if t else town.expression}", Context(town.country),
                    (t.text, t.entry_id) if t else None)
    if near is None:
        return None
    return replace(near, how=f"no place named for it finer than the country; {why}: {near.how}")


def _focus_place(countries: tuple[str, ...], g) -> Place | None:
    """The country the document places events in most often: an incident whose text
    names no place is coded to it, as a whole country (where_prec 6), never as a point."""
    for iso2 in countries:
        try:
            return where(g.country(iso2).name)
        except (KeyError, PlaceNotFound):
            continue
    return None


def parse_published(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise BadPublished(f"publication date {value!r} is not YYYY-MM-DD") from None


def extract(text: str | bytes, published=None, context=None, *, article: str | None = None) -> Incidents:
    """Incidents reported in an article.

    ``published``: the publication date (YYYY-MM-DD or a date); relative dates ("on
    Friday", "days later") need it, and without it they stay unknown (time_precision 3).
    ``context``: an ISO2 focus country or a :class:`geo.Context`.
    """
    from gazetteer import Gazetteer

    # the steps read the text normalised for matching; evidence quotes the text given
    given = normalize(decode_input(text))
    text = given.text
    pub = parse_published(published)
    g = Gazetteer.default()
    rows = []
    if text.strip():
        toponyms = geoparse_normalized(text, context, demonyms=True, gazetteer=g)
        counts = Counter(t.country for t in toponyms if t.country and t.kind != "demonym")
        doc_countries = tuple(c for c, _ in counts.most_common())
        sents = sentences(text, pub)
        fp = _Footprints()
        mentions = _mentions(sents, toponyms, pub, doc_countries, fp)
        drafts = _build(mentions, pub, fp)
        located = Counter(p.country for m in mentions for p in m.places if p.country)
        focus = _focus_place(tuple(c for c, _ in located.most_common()) or doc_countries, g)
        filed = dateline(text, fp)
        for d in drafts:
            if d.footprint is not None and d.footprint.where_prec < 6:
                continue
            country = d.footprint.country if d.footprint is not None else None
            # nothing finer than a country: the dateline's town, else the town the article
            # names most, if in that country; else the country itself (where_prec 6)
            if filed is not None and country in (None, filed.country):
                town = _near_town(filed, f"the dateline's town, {filed.expression}", fp)
            else:
                main = _main_town(toponyms, country or (focus.country if focus else None), fp)
                town = _near_town(main, f"the town the article names most, {main.expression}", fp) if main else None
            d.footprint = town or d.footprint or focus
        # An event with no place at all, in a text that names none, is not an incident
        # anyone can map or count (ACLED codes none without a location).
        rows = [_row(d, g, given) for d in drafts if d.footprint is not None]
    if pub is None and rows:
        warnings.warn("no publication date: relative dates (weekdays, 'days later') are left unknown",
                      stacklevel=2)
    return _frame(rows, article)


def _frame(rows: list[dict], article: str | None) -> Incidents:
    import geopandas as gpd
    import pandas as pd

    rows.sort(key=lambda r: (r["background"], r["date_start"] or "9999", r["_order"]))
    ids = {id(r): f"I{k}" for k, r in enumerate(rows, 1)}
    links = []
    for r in rows:
        r["incident_id"] = ids[id(r)]
    # Incidents by (end date, order told): those a response answers, ended before it
    # began (or that day, told earlier) and within the window, are one slice of them.
    told = sorted((date.fromisoformat(o["date_end"]), o["_order"], k) for k, o in enumerate(rows)
                  if not o["background"] and o["date_end"])
    window = timedelta(days=_RESP["window_days"])
    for r in rows:
        r["responds_to"] = []
        if not r["_response"] or r["background"] or not r["date_start"]:
            continue
        start = date.fromisoformat(r["date_start"])
        lo, hi = bisect.bisect_left(told, (start - window,)), bisect.bisect_left(told, (start, r["_order"]))
        for k in sorted(k for _, _, k in told[max(lo, hi - RESPONSE_LINKS):hi]):
            r["responds_to"].append(rows[k]["incident_id"])
            links.append({"source": r["incident_id"], "target": rows[k]["incident_id"], "relation": "responds_to"})
    for r in rows:
        del r["_response"], r["_order"]
        if article is not None:
            r["article"] = article
    columns = COLUMNS + (["article"] if article is not None else []) + ["geometry"]
    gdf = gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326") if rows else \
        gpd.GeoDataFrame({c: [] for c in columns}, geometry="geometry", crs="EPSG:4326")
    return Incidents(gdf, pd.DataFrame(links, columns=["source", "target", "relation"]))


def combine(parts: list[Incidents]) -> Incidents:
    """Incidents of several articles as one set, numbered together in time order."""
    import geopandas as gpd
    import pandas as pd

    frames = [p.gdf for p in parts if len(p.gdf)]
    if len(parts) == 1 or not frames:
        return parts[0] if parts else _frame([], None)
    keyed = []
    for k, p in enumerate(parts):
        if len(p.gdf):
            df = p.gdf.copy()
            df["part_no"] = k
            keyed.append(df)
    gdf = gpd.GeoDataFrame(pd.concat(keyed, ignore_index=True), geometry="geometry", crs="EPSG:4326")
    gdf["sort_start"] = gdf.date_start.fillna("9999")
    gdf = gdf.sort_values(["background", "sort_start", "part_no"], kind="stable").reset_index(drop=True)
    new_id = {(r.part_no, r.incident_id): f"I{n}" for n, r in enumerate(gdf.itertuples(), 1)}
    gdf["responds_to"] = [[new_id[(r.part_no, t)] for t in r.responds_to] for r in gdf.itertuples()]
    gdf["incident_id"] = [new_id[(r.part_no, r.incident_id)] for r in gdf.itertuples()]
    links = pd.DataFrame([{"source": r.incident_id, "target": t, "relation": "responds_to"}
                          for r in gdf.itertuples() for t in r.responds_to],
                         columns=["source", "target", "relation"])
    return Incidents(gdf.drop(columns=["part_no", "sort_start"]), links)
