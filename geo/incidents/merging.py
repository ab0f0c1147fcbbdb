"""Frames to incidents: mentions of one kind, at compatible dates and places, are one
incident; "another salvo" starts a new one; vague mentions only add evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..expressions import intersect
from ..place import Place
from . import dates as dates_mod
from .mentions import Mention, compatible_types
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
    places: list = field(default_factory=list)
    casualties: list = field(default_factory=list)
    actors: list = field(default_factory=list)       # (actor, before_cue)
    response: bool = False
    background: bool = False
    footprint: Place | None = None

    def span(self) -> tuple[date | None, date | None]:
        return self.first, self.last


def _dates_of(mention: Mention, anchor, published):
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


def _places_compatible(draft: Draft, places: list[Place], fp: Footprints) -> bool:
    if not places or draft.footprint is None:
        return True
    return all(fp.overlaps(p, draft.footprint) for p in places)


def _add(draft: Draft, m: Mention, ranges, fp: Footprints):
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


def build(mentions: list[Mention], published: date | None, fp: Footprints) -> list[Draft]:
    drafts: list[Draft] = []
    background: list[Draft] = []
    told_before: dict[str, Draft] = {}         # background drafts by their sentence's words
    last_dated = None
    vague = []
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
            _add(same, m, _dates_of(m, None, published), fp)
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
                if compatible_types(d, m) and _dates_compatible(d.span(), span) \
                        and _places_compatible(d, m.places, fp):
                    target = d
                    break
        if target is None:
            target = Draft()
            drafts.append(target)
        _add(target, m, ranges, fp)
        if ranges:
            last_dated = target
    for m in vague:
        for d in drafts:
            if compatible_types(d, m) and _places_compatible(d, m.places, fp):
                d.mentions.append(m)
                d.response |= m.response
                d.actors += [(a, a.start < m.cue.start) for a in m.actors]
                break
    return drafts + background
