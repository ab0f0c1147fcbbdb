"""Frames to incidents: mentions of one kind, at compatible dates and places, are one
incident; "another salvo" starts a new one; vague mentions only add evidence."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..expressions import intersect, is_site
from ..spatial import distance_km
from ..place import Place
from . import dates as dates_mod
from .clauses import OLD_DAYS
from ..patterns import alternation
from .events import RULES
from .mentions import Mention, compatible_types, scene_days

MENTION_RULES = RULES["mentions"]
from .places import Footprints

# A specific mention joins one of the incidents told this recently, never an older one:
# no article tells that many, and a text that does would cost the square of its length.
RECENT_DRAFTS = 200


@dataclass
class Draft:
    mentions: list = field(default_factory=list)
    event_type: str = ""
    sub_event_type: str = ""
    first: date | None = None                        # earliest start of its dated mentions
    last: date | None = None                         # latest end
    days: list = field(default_factory=list)         # single days mentioned
    # "today" and its kin date the report: kept apart, used only when nothing else dates it
    today: tuple[date, date] | None = None
    reported: date | None = None                     # the earliest day it was reported on
    inferred: date | None = None                     # no date of its own: the day assumed
    places: list = field(default_factory=list)
    casualties: list = field(default_factory=list)
    actors: list = field(default_factory=list)       # (actor, before_cue)
    response: bool = False
    background: bool = False
    footprint: Place | None = None
    # founded by "attacks elsewhere" or "shot another driver" with no place: no place told
    # later joins it (the next placed event is a new one)
    elsewhere: bool = False
    sides: set = field(default_factory=set)          # the attackers' sides of its mentions ...
    sides_read: int = 0                              # ... read up to this mention
    # its time was told as a run of days from the first to the last ("Sunday through
    # Wednesday"): no event of the day after joins it
    bounded: bool = False

    def span(self) -> tuple[date | None, date | None]:
        if self.first is None and self.today is not None:
            return self.today
        return self.first, self.last


# A possessive date this close before the cue names it ("last Tuesday's fatal shooting"):
# it outranks the other dates the sentence gave the cue ("on Monday ... recused himself").
POSSESSIVE_GAP = 25


# Dates joined like this are one time ("on Friday and Saturday", "from May 3 to May 5").
_JOINED = re.compile(r"\s*(?:,|and|or|to|until|till|through|into|-|–)?\s*(?:on\s+|from\s+)?")


def _gap(mention: Mention, d) -> int:
    c = mention.cue
    return max(c.start - d.end, d.start - c.end, 0)


def _own_time(mention: Mention, dates: list) -> list:
    """The dates that are the time of the mention's own clause: a possessive right before
    the cue ("last Tuesday's fatal shooting"); else the date closest to the cue with
    those joined to it. A clause has one time; the farther dates belong to other verbs
    ("a truce that began on Wednesday", "said on Monday")."""
    own = [d for d in dates if re.search(r"['’]s$", d.text) and 0 <= mention.cue.start - d.end <= POSSESSIVE_GAP]
    if own or len(dates) < 2:
        return own or dates
    text, base = mention.sentence.text, mention.sentence.start
    kept = {min(dates, key=lambda d: _gap(mention, d))}
    ordered = sorted(dates, key=lambda d: d.start)
    for a, b in zip(ordered, ordered[1:]):
        if (a in kept or b in kept) and _JOINED.fullmatch(text[a.end - base:b.start - base]):
            kept |= {a, b}
    return [d for d in dates if d in kept]


def _dates_of(mention: Mention, anchor, published, dates=None):
    """(start, end, single day, publication day) of each date of a mention."""
    dates = [d for d in (mention.dates if dates is None else dates) if not d.reported]
    out = []
    for d in _own_time(mention, dates):
        if d.anchored:
            s, e = dates_mod.anchored(d, anchor, published)
            if s:
                out.append((s, e, False, False))
        elif d.start_date:
            out.append((d.start_date, d.end_date, d.start_date == d.end_date, d.publication_day))
    return out


def _span(ranges) -> tuple[date | None, date | None]:
    """The days a mention's dates cover; publication-day words only when alone."""
    told = [r for r in ranges if not r[3]] or ranges
    return (min(r[0] for r in told), max(r[1] for r in told)) if told else (None, None)


def _sides_compatible(draft: Draft, m: Mention) -> bool:
    """The army's shelling and the rebels' rockets are two incidents, whatever else they share."""
    if m.side is None:
        return True
    # the sides told so far, read on from where the last call stopped: mentions only ever
    # join a draft, and reading them all at every call made a long text quadratic
    for x in draft.mentions[draft.sides_read:]:
        if x.side:
            draft.sides.add(x.side)
    draft.sides_read = len(draft.mentions)
    return not draft.sides or m.side in draft.sides


def _dates_compatible(a, b, slack: int = 1) -> bool:
    """Spans that overlap, or lie ``slack`` days apart (a report of the next day, a night
    across midnight)."""
    if a[0] is None or b[0] is None:
        return True
    return a[0] <= b[1] + timedelta(days=slack) and b[0] <= a[1] + timedelta(days=slack)


def _km(a: Place, b: Place) -> float:
    pa, pb = a.geometry.representative_point(), b.geometry.representative_point()
    return distance_km(pa.x, pa.y, pb.x, pb.y)


# A wire dateline's town is where a domestic story's unplaced events most likely are: a
# place of that country farther than this from it is another event's.
DATELINE_KM = 100.0


def _places_compatible(draft: Draft, places: list[Place], fp: Footprints, filed: Place | None = None) -> bool:
    if not places:
        return True
    if draft.footprint is None:
        if filed is None:
            return True
        return all(p.country != filed.country or _km(p, filed) <= DATELINE_KM for p in places)
    return all(fp.overlaps(p, draft.footprint) for p in places)


def _add(draft: Draft, m: Mention, ranges, fp: Footprints):
    draft.mentions.append(m)
    if not draft.sub_event_type and m.cue.sub_event_type:
        draft.event_type, draft.sub_event_type = m.cue.event_type, m.cue.sub_event_type
    if not draft.event_type and m.cue.event_type:
        draft.event_type = m.cue.event_type
    for s, e, single, today in ranges:
        if today:
            draft.today = (s, e) if draft.today is None else (min(draft.today[0], s), max(draft.today[1], e))
            continue
        # kept as running bounds: asked for at every mention, the span must not cost the
        # draft's whole history (that made a long text quadratic)
        draft.first = s if draft.first is None else min(draft.first, s)
        draft.last = e if draft.last is None else max(draft.last, e)
        if single:
            draft.days.append(s)
    for d in m.dates:
        if d.reported and d.end_date and (draft.reported is None or d.end_date < draft.reported):
            draft.reported = d.end_date
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


RE_EARLIER = re.compile(rf"\b(?:{alternation(MENTION_RULES['earlier'])})\s+(?:[\w'’-]+\s+){{0,3}}$", re.IGNORECASE)


def _sentence_dates(mentions: list[Mention]) -> dict:
    """The dated event words of each sentence: a cue the sentence's date went past
    ("gunmen stormed the hotel and shot guests on Friday") shares it."""
    out: dict = {}
    for m in mentions:
        dated = [d for d in m.dates if not d.reported and d.start_date and not d.anchored]
        if dated:
            out.setdefault((m.sentence.start, m.referenced), []).append((m.cue.start, dated))
    return out


def _scene(sents: list, sentence, published: date | None, told: set) -> tuple[date, date] | None:
    """The day the sentences before ``sentence`` in its paragraph that tell no event
    (``told``: the starts of those that do) set their narrative on, the nearest first
    ("a deputy answered a call at the house on July 6. The quarrel ended with the deputy
    shooting her"), or None."""
    k = bisect.bisect_left(sents, sentence.start, key=lambda s: s.start)
    while k > 0 and sents[k - 1].paragraph == sentence.paragraph:
        k -= 1
        if sents[k].background or sents[k].start in told:
            continue
        days = scene_days(sents[k], published)
        if days and (published is None or (published - days[-1].end_date).days <= OLD_DAYS):
            return days[-1].start_date, days[-1].end_date
    return None


def _infer(drafts: list[Draft], timeline: list, published: date | None, sents: list, told: set) -> None:
    """Dates for incidents whose own sentences date nothing: the time of the story where
    they are told (the last date the narrative gave before them; with none, the day the
    paragraph where they are first told sets its scene on; else the first date after);
    with none at all, the week ending on the day they were reported (or published)."""
    for d in drafts:
        if d.span()[0] is not None:
            continue
        pos = d.mentions[0].sentence.start
        before = [r for p, r in timeline if p <= pos]
        after = [r for p, r in timeline if p > pos]
        if not before:
            # (its sentences that tell the event may come after the one that founded it)
            scene = _scene(sents, min(d.mentions, key=lambda m: m.sentence.start).sentence, published, told)
            before = [scene] if scene else []
        ref = before[-1] if before else after[0] if after else None
        if ref is not None:
            d.first, d.last = ref
            d.inferred = ref[0]
        elif published is not None:
            bound = min(d.reported, published) if d.reported else published
            d.first, d.last = bound - timedelta(days=dates_mod.UNDATED_WINDOW - 1), bound
            d.inferred = bound


def build(mentions: list[Mention], published: date | None, fp: Footprints, filed: Place | None = None,
          sents: list = ()) -> list[Draft]:
    """Mentions to incident drafts; ``filed``: the dateline's town, a prior for the place
    of events the text places nowhere; ``sents``: the article's sentences, whose days
    date an incident its own sentences do not."""
    drafts: list[Draft] = []
    background: list[Draft] = []
    told_before: dict[str, Draft] = {}         # background drafts by their sentence's words
    last_dated = None
    vague = []
    siblings = _sentence_dates(mentions)
    timeline = []       # (position, (start, end)) of the story's dated event mentions
    for m in mentions:
        if m.sentence.generic and not m.sentence.background:
            continue
        if m.sentence.background:
            # one background incident per sentence, and one for a sentence told twice (a
            # photo caption repeated under two pictures)
            same = told_before.get(m.sentence.text.strip())
            if same is None:
                same = told_before[m.sentence.text.strip()] = Draft(background=True)
                background.append(same)
            ranges = _dates_of(m, None, published)
            _add(same, m, ranges, fp)
            if ranges:          # "explosions in February ... a suicide attack a month earlier"
                last_dated = same
            continue
        if not m.specific or m.weak or m.summary and not m.places and not m.elsewhere \
                and not any(not d.reported for d in m.dates):
            # (a sum over events told nowhere, "ten were killed in separate attacks", is
            # no one incident's count)
            vague.append(m)
            continue
        anchor = last_dated.span() if last_dated else None
        ranges = _dates_of(m, anchor, published)
        if not ranges:
            near = siblings.get((m.sentence.start, m.referenced))
            # "fighting widened on Tuesday following a suicide bombing": an event the
            # clause puts before its own keeps none of the clause's time
            if near and not RE_EARLIER.search(m.sentence.text, max(0, m.cue.start - m.sentence.start - 40),
                                              m.cue.start - m.sentence.start):
                ranges = _dates_of(m, None, published, min(near, key=lambda x: abs(x[0] - m.cue.start))[1])
        span = _span(ranges)
        if span[1] is not None and published is not None and (published - span[1]).days > OLD_DAYS:
            # dated back past the article's days ("a month earlier", counted from the story):
            # recalled, as a date written out would be
            bg = Draft(background=True)
            background.append(bg)
            _add(bg, m, ranges, fp)
            continue
        target = None
        # "hit 146 targets Sunday through Wednesday": a run of days told from its first to
        # its last is bounded by them; an event of the day after is another
        bounded = sum(r[2] for r in ranges) >= 2
        if not m.another:
            # an undated event told before a dated event of its kind that this mention does
            # not join is of the story's time there, not of this mention's day
            moved_on = False
            for d in reversed(drafts[-RECENT_DRAFTS:]):
                slack = 0 if bounded or d.bounded else 1
                if moved_on and d.span()[0] is None:
                    continue
                if compatible_types(d, m) and _dates_compatible(d.span(), span, slack) and not (d.elsewhere and m.places) \
                        and _places_compatible(d, m.places, fp, filed) and _sides_compatible(d, m):
                    target = d
                    break
                moved_on |= span[0] is not None and d.span()[0] is not None and compatible_types(d, m)
        if target is None and m.definite and not ranges and not m.places and background \
                and not any(compatible_types(d, m) for d in drafts[-RECENT_DRAFTS:]):
            # "The explosion killed 320" after "a port explosion" told of 1944: the event
            # named again is the old one, when no event of the story is of its kind
            old = next((d for d in reversed(background[-RECENT_DRAFTS:]) if compatible_types(d, m)), None)
            if old is not None:
                _add(old, m, ranges, fp)
                continue
        if target is None and m.places and not ranges and not m.casualties and m.definite and drafts:
            # "In Geneva, a statement called the hospital attack unacceptable": the attack
            # told before, spoken of where its place is another's; it adds evidence only
            told = next((d for d in reversed(drafts[-RECENT_DRAFTS:]) if compatible_types(d, m)), None)
            if told is not None:
                told.mentions.append(m)
                continue
        if target is None and m.during_told and drafts and not m.another:
            # "clashes broke out as the attack took place": the attack's, whatever the word
            target = next((d for d in reversed(drafts[-RECENT_DRAFTS:]) if d.footprint is not None
                           and _places_compatible(d, m.places, fp) and _dates_compatible(d.span(), span)), None)
        if target is None and m.anaphoric and drafts:
            # the event told before, whose time this sentence gives more exactly
            last = drafts[-1]
            if compatible_types(last, m) and _places_compatible(last, m.places, fp) and _sides_compatible(last, m):
                target = last
                if span[0] is not None and last.first is not None and span[1] - span[0] < last.last - last.first:
                    last.first, last.last, last.days = None, None, []
        if target is None:
            target = Draft(elsewhere=m.elsewhere or m.one_more and not m.places)
            drafts.append(target)
        elif target is not drafts[-1]:
            # the event told last is looked at first by the mentions after it ("10 people
            # were killed in the attack" after the attack told again): drafts stay in the
            # order last told (searched from the end, where the recent ones are)
            k = len(drafts) - 1 - next(i for i, d in enumerate(reversed(drafts)) if d is target)
            del drafts[k]
            drafts.append(target)
        _add(target, m, ranges, fp)
        target.bounded |= bounded
        # an event dated back from the one told ("a day after a bomb in Istanbul") is
        # backstory: the story's time stays with the event told
        backstory = any(d.anchored and d.offset[1] < 0 for d in m.dates)
        if ranges and not backstory:
            last_dated = target
            if not m.referenced:
                timeline.append((m.sentence.start, span))
    for m in vague:
        for d in drafts:
            if compatible_types(d, m) and _places_compatible(d, m.places, fp):
                d.mentions.append(m)
                d.response |= m.response
                d.actors += [(a, a.start < m.cue.start) for a in m.actors]
                break
    _infer(drafts, timeline, published, sents, {m.sentence.start for m in mentions})
    return _fold_bare(_fold_same_site(drafts, fp)) + background


def _fold_same_site(drafts: list[Draft], fp: Footprints) -> list[Draft]:
    """Two events at one named site on the same days are one attack told in two words
    ("gunmen opened fire" and "suicide bombers blew themselves up" at one airport), unless
    one is told as another ("another blast at the airport")."""
    out: list[Draft] = []
    sites: list[Draft] = []         # the kept drafts at a named site, dated
    for d in drafts:
        at_site = d.footprint is not None and is_site(d.footprint) and d.first is not None
        host = None
        if at_site and not any(m.another for m in d.mentions):
            # (the recent ones only, as build() does: a long text must not cost the square)
            host = next((h for h in reversed(sites[-RECENT_DRAFTS:]) if fp.overlaps(h.footprint, d.footprint)
                         and _dates_compatible(h.span(), d.span()) and _sides_compatible(h, d.mentions[0])), None)
        if host is None:
            out.append(d)
            sites += [d] if at_site else []
            continue
        if not host.sub_event_type and d.sub_event_type:
            host.event_type, host.sub_event_type = d.event_type, d.sub_event_type
        _join(host, d)
        # a time told outranks one assumed from the story
        if host.inferred is not None and d.inferred is None:
            host.first, host.last, host.days, host.inferred = d.first, d.last, list(d.days), None
        elif (host.inferred is None) == (d.inferred is None):
            host.first, host.last = min(host.first, d.first), max(host.last, d.last)
            host.days += d.days
    return out


def _fold_bare(drafts: list[Draft]) -> list[Draft]:
    """An event told with no place and no count of its own, on the day of a placed event
    of the story ("a gun battle followed" after "gunmen stormed the hotel in X"), is more
    about that event, whatever its word: its mentions join it as evidence."""
    placed = [d for d in drafts if d.places]
    out = []
    for d in drafts:
        # ("Separately, a doctor was kidnapped": told as another event, it stays one)
        bare = not d.places and not d.casualties and d.first is not None and not d.mentions[0].another
        host = next((h for h in placed if h is not d and _dates_compatible(h.span(), d.span())
                     and _sides_compatible(h, d.mentions[0])), None) if bare else None
        if host is None:
            out.append(d)
            continue
        _join(host, d)
    return out


def _join(host: Draft, d: Draft) -> None:
    """``d``'s words, counts, actors and places become ``host``'s (its dates are the caller's)."""
    host.mentions += d.mentions
    host.casualties += d.casualties
    host.actors += d.actors
    host.response |= d.response
    host.places += [p for p in d.places if p.expression not in {q.expression for q in host.places}]
