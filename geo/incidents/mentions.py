"""Event frames: one per event word of a sentence, with the dates, places, casualty
counts and actors nearest to it, and whether it answers earlier events ("in response to")."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from ..patterns import alternation
from ..place import Context
from . import actors, casualties, events
from . import dates as dates_mod
from .clauses import Sentence, about_a_trial, named_event, old_dates, recalled, relative_clause_at, text_before
from .places import Footprints, border_phrases, consistent, part_phrases, place_phrases

_RESP = events.RULES["response"]
RE_RESPONSE = re.compile(rf"\b(?:{alternation(_RESP['cues'])})\b", re.IGNORECASE)
# the opening phrase, as far as its comma: "Following the Ankara bombing,"
RE_AFTER_OPENING = re.compile(rf"^\W*(?:{alternation(w.capitalize() for w in _RESP['after_opening'])})\s+"
                              rf"(?:the|last\s+week['’]s|\w+day['’]s)\s+[^,;]{{0,60}}?\b(?:{alternation(_RESP['answered_nouns'])})\b[^,;]{{0,40}},")
RE_ANSWERED_WITH = re.compile(rf"\b(?:{alternation(_RESP['answered_with'])})\b", re.IGNORECASE)
_MENTIONS = events.RULES["mentions"]
RE_REPORTED = re.compile(rf"\b(?:{alternation(_MENTIONS['reported'])}|told\s+\w+)\s+(?:late\s+|early\s+)?(?:on\s+)?$",
                         re.IGNORECASE)
RE_AFTER_THE_FACT = re.compile(rf"\b(?:{alternation(_MENTIONS['after_the_fact'])})\s+(?:[\w'’-]+\s+){{0,4}}$",
                               re.IGNORECASE)
# how far before an event word "another", "shortly afterwards" may stand ("Shortly afterward,
# an improvised explosive device")
ANOTHER_CHARS = 40
# a clause with a new subject of its own between two event words of a sentence
RE_NEW_SUBJECT = re.compile(r",\s+and\s+(?:a|an)\s+")
_OPENING = _MENTIONS["opening_locatives"]
RE_OPENING_PLACE = re.compile(rf"\W*(?:{alternation(w.capitalize() for w in _OPENING)})\s+[^,;]{{2,60}},")
RE_AGENTS = re.compile(r"(?:ers|men)$", re.IGNORECASE)
RE_SEVERAL = re.compile(rf"\b(?:{alternation(_MENTIONS['several'])})\b", re.IGNORECASE)
_HARM_VERBS = frozenset(_MENTIONS["harm_verbs"])
_NUMBER_WORDS = [w for w in events.RULES["numbers"] if len(w) > 2]
_VAGUE = frozenset(events.RULES["casualties"]["vague"] + events.RULES["mentions"]["not_event_counts"])
# the rest of a phrase whose head is plural: "bomb(, axe and machete attacks)"
RE_PLURAL_HEAD = re.compile(rf"(?:(?:\s*,\s*|\s+(?:and|or)\s+)[\w-]+){{0,4}}\s+(?:{alternation(_MENTIONS['plural_heads'])})\b",
                            re.IGNORECASE)
# the victims of a second event: ", and two more died", "while three others were wounded"
RE_MORE_VICTIMS = re.compile(rf"(?:,\s*|\band\s+|\bwhile\s+)(?:\d+|{alternation(_NUMBER_WORDS)})\s+"
                             rf"(?:{alternation(_MENTIONS['more_victims'])})\s+(?:\w+\s+)?$", re.IGNORECASE)
RE_ANOTHER = re.compile(rf"\b(?:{alternation(_MENTIONS['another'])})\b", re.IGNORECASE)
RE_ANOTHER_AFTER = re.compile(rf"\s+(?:{alternation(_MENTIONS['another_after'])})\b", re.IGNORECASE)
RE_ANOTHER_VICTIM = re.compile(rf"\s+(?:{alternation(_MENTIONS['another_victim'])})\s+(?!of\b)(?!(?:{alternation(_NUMBER_WORDS)})\b)[a-z]",
                               re.IGNORECASE)
# "similar attacks targeting pilgrims in Baghdad": a kind of event, none in particular
RE_GENERIC_BEFORE = re.compile(rf"\b(?:{alternation(events.RULES['strength']['generic_before'])})\s+(?:[\w-]+\s+)?$",
                               re.IGNORECASE)
# Between an event word and a relative clause about it ("the attack, which killed ...")
RE_ABOUT_THE_EVENT = re.compile(r"[\s,]*")
# A place phrase that opens a clause ("..., and in X, ...", "; at X, ..."), then a comma
# with a subject and its verb after the comma (not "killing 12", not "police said")
RE_FRONTED_BEFORE = re.compile(rf"(?:,?\s+and\s+|;\s+)(?:{alternation(_OPENING)})\s[^,;]{{0,50}}$", re.IGNORECASE)
FRONTED_CHARS = 80      # how far back the clause's "and in" may stand from the name
RE_FRONTED_AFTER = re.compile(r"[^,;.]{1,40},\s+(?![a-z]+ing\b)(?!(?:[\w-]+\s+){0,3}(?:said|says|told|reported)\b)")
RE_SITE_REFERENCE = {kind: re.compile(rf"\bthe\s+(?:{alternation(words)})\b(?!\s+(?-i:[A-Z]))", re.IGNORECASE)
                     for kind, words in _MENTIONS["site_references"].items()}
RE_HELD_PART = re.compile(rf"\b(?:{alternation(_MENTIONS['held_by'])})\s+(?:{alternation(_MENTIONS['held_parts'])})\b",
                          re.IGNORECASE)
HELD_CHARS = 60         # how far before a town its "rebel-held areas of" may stand
RE_HELD_OF = re.compile(rf"{RE_HELD_PART.pattern}\s+(?:of|in)\s+[^,;.]*$", re.IGNORECASE)
_NOT_EVENT_NAMES = frozenset({"country", "demonym", "continent", "region"})
RE_DEFINITE = re.compile(r"\b(?:the|this|that)\s+(?:[a-z][\w-]*\s+){0,2}$", re.IGNORECASE)
RE_OF = re.compile(r"\s+of\b")      # "the fatal shooting of a teenager": an event told by its own words
RE_LAUNCHED = re.compile(rf"\b(?:{alternation(events.RULES['sense']['launch']['cues'])})\b", re.IGNORECASE)
RE_ANAPHOR_OPENING = re.compile(r"^\W*(?:The|This|That)\s+(?:[\w-]+\s+){0,2}$")
RE_DURING_TOLD = re.compile(rf"\b(?:{alternation(_MENTIONS['during_told'])})\b", re.IGNORECASE)
RE_IT_HAPPENED = re.compile(rf"^\W*(?P<it>{alternation(w.capitalize() for w in _MENTIONS['anaphor_subjects'])})"
                            rf"(?=\s+(?:(?:{alternation(_MENTIONS['anaphor_adverbs'])})\s+)?(?:{alternation(_MENTIONS['anaphor_verbs'])})\b)")
RE_ANAPHOR_VERB = re.compile(rf"\s+(?:{alternation(_MENTIONS['anaphor_verbs'])})\b")
# Cues this close in a sentence tell one event ("Another salvo struck", "rockets hit").
MERGE_GAP = 40
RE_JOINED = re.compile(r"\s*(?:,|and|,\s*and)\s*", re.IGNORECASE)
RE_CLAUSE_BREAK = re.compile(r";|,\s*(?:and|but|while|whereas|as|after|before|when)\b", re.IGNORECASE)
RE_DETERMINED = re.compile(r"\b(?:the|these|those|two|three|four|five|several|twin|both|\d+)\s+(?:[\w-]+\s+){0,2}$|['’]s\s+$",
                           re.IGNORECASE)
# "a total of 25 explosions", "two blasts": events counted are events seen, not a kind of event
RE_EVENTS_COUNTED = re.compile(rf"(?<![\w-])(?:\d+|{alternation(w for w in _NUMBER_WORDS if events.RULES['numbers'][w] > 1 and w not in _VAGUE)})"
                               r"\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
RE_RELATIVE_TIME = re.compile(r"\b(?:after|before)$", re.IGNORECASE)
# A cue's own place and day: "the attack in Nice", "the attack took place at the mosque",
# "Thursday night's attack".
RE_OWN_PLACE = re.compile(r"\s+(?:(?:took\s+place|happened|occurred)\s+)?(?:in|at|on|near|outside)\s", re.IGNORECASE)
RE_OWN_DAY = re.compile(r"(?:\s+(?:night|morning|evening|afternoon))?['’]s\s+(?:[\w-]+\s+){0,2}", re.IGNORECASE)
# ... or a day that qualifies it after an article: "the June 12 attack", "a Friday bombing"
RE_QUALIFYING_DAY = re.compile(r"\s+(?:[\w-]+\s+)?")
RE_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)


@dataclass(slots=True)
class Mention:
    sentence: Sentence
    cue: events.Cue
    dates: list = field(default_factory=list)
    places: list = field(default_factory=list)
    casualties: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    response: bool = False
    referenced: bool = False
    another: bool = False
    elsewhere: bool = False     # "killed in attacks elsewhere": at some other place than any told
    one_more: bool = False      # "then shot another driver": one more victim, a new event of its own
    weak: bool = False        # a word that adds to an incident but founds none (events.weak)
    side: str | None = None   # the attacker's side, where the words before the cue say (actors.side)

    # its sentence sums up several events (``sums_up`` of any of the cues merged into it):
    # its count is their sum, no one incident's toll
    summary: bool = False

    @property
    def sums_up(self) -> bool:
        """ "bombs hit two crowded areas in Baghdad, killing 23": several events in one
        plural, which the article may tell one by one."""
        c, s = self.cue, self.sentence
        a, b = c.start - s.start, c.end - s.start
        # (not "three suicide bombers": the attackers of one attack)
        plural = c.text.lower().endswith("s") or bool(RE_PLURAL_HEAD.match(s.text, b))
        return plural and not RE_AGENTS.search(c.text) and bool(
            RE_SEVERAL.search(s.text, max(0, a - 30), a) or RE_SEVERAL.search(s.text, b, b + 50))

    @property
    def definite(self) -> bool:
        """ "the hospital attack", "the bombing": an event the reader knows, named again
        with no place or victim of its own after it ("the attack in Charsadda", "the
        shooting of a teenager" have one)."""
        c, s = self.cue, self.sentence
        return bool(RE_DEFINITE.search(s.text, max(0, c.start - s.start - 30), c.start - s.start)) \
            and not RE_OWN_PLACE.match(s.text, c.end - s.start) and not RE_OF.match(s.text, c.end - s.start)

    @property
    def anaphoric(self) -> bool:
        """ "The airstrike occurred March 4 near ...", "It happened in ...": the event told
        before, told again."""
        c, s = self.cue, self.sentence
        return bool(RE_ANAPHOR_OPENING.match(s.text[:c.start - s.start])
                    and RE_ANAPHOR_VERB.match(s.text, c.end - s.start)) \
            or bool((it := RE_IT_HAPPENED.match(s.text)) and s.start + it.start("it") == c.start)

    @property
    def during_told(self) -> bool:
        """ "Clashes broke out ... as the attack took place": part of the event told before."""
        return bool(RE_DURING_TOLD.search(self.sentence.text, self.cue.end - self.sentence.start))

    @property
    def specific(self) -> bool:
        if self.referenced:
            # "..., whom it blamed for a deadly attack in the Golan Heights over the weekend":
            # an answered attack told with its own place and time is an incident too
            return any(p.where_prec <= 5 for p in self.places) and any(not d.reported for d in self.dates)
        return bool(
            [d for d in self.dates if not d.reported and (d.anchored or (d.start_date and d.start_date == d.end_date))]
            or self.casualties or self.one_more or any(p.where_prec <= 5 for p in self.places))


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
    opening = RE_AFTER_OPENING.match(sent.text)
    if opening:
        spans.append((sent.start, sent.start + opening.end()))
        found = True
    return spans, found


# A long text may repeat a line thousands of times (boilerplate, a scraped feed): each
# distinct sentence is read once, its findings kept at offset 0 and shifted into place.
@lru_cache(maxsize=4096)
def _events_in(sentence: str, held: frozenset) -> tuple[list[events.Cue], list[casualties.Casualty]]:
    found = events.cues(sentence, held=held)
    riot = events.riot(sentence)
    if riot is not None and not any(c.start < riot.end and riot.start < c.end for c in found):
        found = sorted(found + [riot], key=lambda c: c.start)
    return found, casualties.casualties(sentence)


@lru_cache(maxsize=4096)
def _details_in(sentence: str, published: date | None, countries_words: frozenset[str]):
    return dates_mod.find(sentence, published), actors.actors(sentence, countries_words)


def _shifted(found: list, offset: int) -> list:
    return [replace(f, start=f.start + offset, end=f.end + offset) for f in found]


def _site_referred(sent: Sentence, sites: dict, ctx: Context, fp: Footprints) -> list:
    """ "the airport" in a sentence naming no place: the airport the text named last
    (``sites``: per kind, the starts and toponyms of the text's sites of that kind)."""
    for kind, (starts, named) in sites.items():
        k = bisect.bisect_left(starts, sent.start)
        m = RE_SITE_REFERENCE[kind].search(sent.text) if k else None
        if m:
            t = named[k - 1]
            place = fp.where(t.text, ctx, (t.text, t.entry_id))
            if place is not None:
                return [(sent.start + m.start(), place)]
    return []


def _towns_held(sents: list[Sentence], toponyms) -> tuple[list[int], list]:
    """The towns whose areas the text tells as held by a side ("the rebel-held areas of
    Aleppo"), in text order, and their starts."""
    out, k = [], 0
    for t in toponyms:
        if t.kind in _NOT_EVENT_NAMES:
            continue
        while k + 1 < len(sents) and sents[k + 1].start <= t.start:
            k += 1
        own = sents[k]
        if RE_HELD_OF.search(own.text, max(0, t.start - own.start - HELD_CHARS), t.start - own.start):
            out.append(t)
    return [t.start for t in out], out


def _held_part_referred(sent: Sentence, part: re.Match, held: tuple[list[int], list], ctx: Context,
                        fp: Footprints) -> list:
    """ "rebel shelling on government-held neighborhoods" in a sentence naming no place: in
    the town whose areas the text told as held before (``held``: see ``_towns_held``)."""
    starts, towns = held
    k = bisect.bisect_left(starts, sent.start)
    if not k:
        return []
    t = towns[k - 1]
    place = fp.where(t.text, ctx, (t.text, t.entry_id))
    return [(sent.start + part.start(), place)] if place is not None else []


def scene_days(sent: Sentence, published: date | None) -> list:
    """The days a sentence sets its narrative on ("the deputy answered a call at the
    house on July 6"): one day each, not the day something was said or reported."""
    return [d for d in _shifted(dates_mod.find(sent.text, published), sent.start)
            if d.start_date is not None and d.start_date == d.end_date and not d.anchored
            and not d.publication_day and not RE_REPORTED.search(text_before(sent, d.start))
            and not relative_clause_at(sent.text, d.start - sent.start, people=False)]


# Two days a text with no publication date might have been written on.
_WHENEVER = (date(2001, 6, 15), date(2011, 1, 15))


@lru_cache(maxsize=4096)
def _old_whenever(sentence: str) -> bool:
    """In a text with no publication date, a time counted back from it far enough to be old
    whenever it was written ("ten years ago", "last year"): the same age from any day."""
    a, b = (dates_mod.find(sentence, day) for day in _WHENEVER)
    relative = [x for x, y in zip(a, b) if x.end_date and y.end_date
                and _WHENEVER[0] - x.end_date == _WHENEVER[1] - y.end_date]
    return old_dates(relative, _WHENEVER[0], sentence)


def frames(sents: list[Sentence], toponyms, published: date | None, doc_countries: tuple[str, ...],
              fp: Footprints):
    countries_words = frozenset(t.text for t in toponyms if t.kind in ("country", "demonym"))
    mentions: list[Mention] = []
    last_country = None
    starts = [t.start for t in toponyms]
    sites = {kind: ([t.start for t in named], named) for kind in RE_SITE_REFERENCE
             if (named := [t for t in toponyms if t.kind == kind])}
    held = events.article_senses(st.text for st in sents)
    held_towns = None       # read on first need
    # in a story about launches and tests (a SpaceX rocket), its rockets arm nobody
    launched = "launch" in held
    armed = events.armed(RE_LAUNCHED.sub("", st.text) if launched else st.text for st in sents)
    for k_sent, sent in enumerate(sents):
        cues, cas = (_shifted(found, sent.start) for found in _events_in(sent.text, held))
        if not armed:
            cues = [c for c in cues if not events.accident_prone(c)]
        lo, hi = bisect.bisect_left(starts, sent.start), bisect.bisect_left(starts, sent.end)
        in_sentence = [t for t in toponyms[lo:hi] if t.end <= sent.end]
        # a cue word inside a longer place name is the name ("Battle Creek", "Fort Bombay")
        cues = [c for c in cues if not any(t.start <= c.start and c.end <= t.end and t.end - t.start > c.end - c.start
                                           for t in in_sentence)]
        it = RE_IT_HAPPENED.match(sent.text) if not cues and mentions else None
        if it:
            told = next((m for m in reversed(mentions) if not m.weak), None)
            if told is not None:
                # the event told before, told again: its words place and date it
                cues = [events.Cue(sent.start + it.start("it"), sent.start + it.end("it"), it["it"],
                                   told.cue.event_type, told.cue.sub_event_type)]
        if not cues and cas and not mentions and not all(c.running for c in cas):
            # the lead tells the killing with no event word; later, such a count is more
            # about the event before it (below). A running total ("is believed to have
            # killed 15,000") tells no killing of its own.
            cues = events.killing(sent.text, cas, held, sent.start,
                                  sents[k_sent + 1].text if k_sent + 1 < len(sents) else "")
        if not cues and not (cas and mentions):
            continue        # nothing here about an event: no need to place or date it
        found_dates, acts = (_shifted(found, sent.start) for found in _details_in(sent.text, published, countries_words))
        if not sent.background and (old_dates(found_dates, published, sent.text, sent.start)
                                    or published is None and _old_whenever(sent.text)
                                    or about_a_trial(sent, found_dates, published)):
            sent = replace(sent, background=True)
        if cues:
            # "..., and two more died at a dealership in Y": a second event of the sentence
            more = [c for c in cas if c.kind == "killed" and c.start > cues[0].end
                    and RE_MORE_VICTIMS.search(sent.text, max(0, c.start - sent.start - 30), c.start - sent.start)
                    and not any(q.start <= c.start < q.end for q in cues)
                    # (its own place after it: "two more died in hospital" adds to the toll)
                    and any(t.start > c.end and t.kind not in _NOT_EVENT_NAMES for t in in_sentence)]
            if more:
                first = cues[0]
                cues = sorted(cues + [events.Cue(c.start, c.end, sent.text[c.start - sent.start:c.end - sent.start],
                                                 first.event_type, first.sub_event_type) for c in more],
                              key=lambda q: q.start)
        # kept, marked: the day of a report bounds the event's day without being it
        found_dates = [d if re.search(r"['’]s$", d.text) or not RE_REPORTED.search(text_before(sent, d.start))
                       else replace(d, reported=True) for d in found_dates]
        referenced_spans, responding = _response_spans(sent)
        ctx = Context(last_country, doc_countries)
        places = place_phrases(sent, in_sentence, ctx, fp)
        if places:
            ctx = Context(places[0][1].country or last_country, doc_countries)
        named = [t.country for t in in_sentence if t.country and t.kind in ("country", "demonym")]
        places += border_phrases(sent, ctx, fp, named) + part_phrases(sent, in_sentence, ctx, fp)
        if not places:
            places = _site_referred(sent, sites, ctx, fp)
        if not places and (part := RE_HELD_PART.search(sent.text)):
            if held_towns is None:
                held_towns = _towns_held(sents, toponyms)
            places = _held_part_referred(sent, part, held_towns, ctx, fp)
        places.sort(key=lambda x: x[0])
        if not cues:
            # "forces have killed 177 Palestinians": a running total, undated, is no more
            # about the last event
            cas = [c for c in cas if not c.running or found_dates]
            # (not a count of an accident or a disaster: "injured when a train derailed")
            if cas and mentions and not sent.background and not sent.generic \
                    and not events.RE_NOT_VIOLENCE.search(sent.text):
                # "Local sources said 17 people had been killed": more about the last event
                # (of the kind of the last event told; a weak word, "banned drones", tells none)
                told = next((m for m in reversed(mentions) if not m.weak), None)
                kind = (told.cue.event_type, told.cue.sub_event_type) if told else tuple(events.RULES["killing"]["type"])
                cue = events.Cue(sent.start, sent.start, "", *kind)
                mentions.append(Mention(sent, cue, [], [p for _, p in places], cas, acts))
            continue
        # One mention per cue; slots go to the nearest cue of the sentence.
        group = [Mention(sent, c) for c in cues]
        # towns and sites name events ("the Orlando shooting"); a country before a cue says
        # whose weapon or strike it is ("the U.S. drones"), not which past event
        names = [(t.start, t.end) for t in in_sentence if t.kind not in _NOT_EVENT_NAMES]
        if not sent.background and all(recalled(sent, c, found_dates, published)
                                       or named_event(sent, c, names, found_dates) for c in cues):
            sent = replace(sent, background=True)
            group = [Mention(sent, c) for c in cues]
        answer = RE_ANSWERED_WITH.search(sent.text)
        answer_at = sent.start + answer.end() if answer else None
        for k, mt in enumerate(group):
            mt.referenced = any(a <= mt.cue.start < b for a, b in referenced_spans)
            mt.response = responding and not mt.referenced
            if answer_at is not None:
                # "mortar shells hit Karkamis, and Turkey responded with counterfire": only
                # the event after the words answers, and it is a new one
                mt.response = mt.cue.start >= answer_at
            since = group[k - 1].cue.end - sent.start if k else 0
            mt.another = bool(RE_ANOTHER.search(sent.text[max(since, mt.cue.start - sent.start - ANOTHER_CHARS):mt.cue.start - sent.start])
                              # "..., before being shot dead, and a woman who tried to stab ..."
                              or k and RE_NEW_SUBJECT.search(sent.text, since, mt.cue.start - sent.start))
            mt.elsewhere = bool(RE_ANOTHER_AFTER.match(sent.text, mt.cue.end - sent.start))
            mt.one_more = mt.cue.text.lower() in _HARM_VERBS \
                and bool(RE_ANOTHER_VICTIM.match(sent.text, mt.cue.end - sent.start))
            mt.another |= mt.elsewhere or mt.one_more or mt.response and answer_at is not None \
                or bool(RE_MORE_VICTIMS.search(sent.text, max(0, mt.cue.start - sent.start - 30), mt.cue.start - sent.start))

        told = [g for g in group if not g.referenced] or group
        answered = [g for g in group if g.referenced] or group

        def nearest(pos, after_cue=False):
            # words inside "in response to recent attacks in Iraq" belong to the events
            # answered; all others to the events told
            inside = any(a <= pos < b for a, b in referenced_spans)
            pool = answered if inside else told
            if after_cue:
                # a place or time phrase modifies the event word before it ("a car bomb
                # attack in the town of Midyat on Wednesday, a day after a bomb in
                # Istanbul killed 11"); before the first event word, the nearest
                before = [g for g in pool if g.cue.end <= pos]
                if before:
                    last = max(before, key=lambda g: g.cue.start)
                    # unless a new clause starts between ("ambushed a convoy near Gao, and
                    # in Timbuktu an airstrike hit")
                    if not RE_CLAUSE_BREAK.search(sent.text, last.cue.end - sent.start, pos - sent.start):
                        return last
            return min(pool, key=lambda g: abs(g.cue.start - pos))
        for d in found_dates:
            # "a day after a bomb": the time of the event word that follows, counted back
            # from the event told before it
            turned = RE_RELATIVE_TIME.search(d.text)
            if turned and d.anchored:
                d = replace(d, offset=(-d.offset[1], -d.offset[0]))
            owner = nearest(d.start, after_cue=not turned)
            # the time of a relative clause is its own verb's ("air strikes hit the town,
            # which rebels took late on Thursday"), not the event word's outside it
            clause = relative_clause_at(sent.text, d.start - sent.start, people=False)
            if clause and not clause[0] <= owner.cue.start - sent.start < clause[1] \
                    and not RE_ABOUT_THE_EVENT.fullmatch(sent.text, owner.cue.end - sent.start, clause[0]):
                continue        # (but "the deadliest attack, which killed 202 in 2002": the event's)
            # ... and an event word inside one ("the militants who killed 20 people ... were
            # named on Sunday") keeps none of the main clause's time
            clause = relative_clause_at(sent.text, owner.cue.start - sent.start)
            if clause and not clause[0] <= d.start - sent.start < clause[1]:
                continue
            owner.dates.append(d)
        placed: dict[int, list[int]] = {}
        for pos, p in places:
            owner = nearest(pos, after_cue=True)
            if RE_FRONTED_BEFORE.search(sent.text, max(0, pos - sent.start - FRONTED_CHARS), pos - sent.start) \
                    and RE_FRONTED_AFTER.match(sent.text, pos - sent.start):
                # "..., and in Baghdad's suburb of Abu Ghraib, forces repelled an attack": a
                # place put before its clause's subject is where the clause's event is
                owner = next((g for g in sorted(told, key=lambda g: g.cue.start) if g.cue.start > pos), owner)
            owner.places.append(p)
            placed.setdefault(id(owner), []).append(pos)
        for c in cas:
            owner = nearest(c.start)
            if owner.sums_up and c.start < owner.cue.start:
                # "an attack at a mosque killed four, the latest in a string of attacks that
                # have killed 50": a summing phrase's counts follow it; one before it is the
                # event's told before
                owner = max((g for g in told if g.cue.end <= c.start), key=lambda g: g.cue.start, default=owner)
            owner.casualties.append(c)
        for a in acts:
            nearest(a.start).actors.append(a)
        # Cues of one kind next to each other in a sentence are one mention ("rockets hit").
        for mt in group:
            mt.places = consistent(mt.places, fp, placed.get(id(mt), []), mt.cue.end)
        if answer_at is not None:
            # "... and Turkey responded with counterfire": the answer came then and there,
            # unless its own words say otherwise
            before_answer = [g for g in group if g.cue.start < answer_at]
            for mt in group:
                if mt.cue.start >= answer_at and before_answer:
                    mt.dates = mt.dates or list(before_answer[-1].dates)
                    mt.places = mt.places or list(before_answer[-1].places)
        # "In Jerusalem, a man opened fire ..., and a woman ... was also shot": a place
        # that opens the sentence is where all its events are
        opening = RE_OPENING_PLACE.match(sent.text)
        if opening and places and places[0][0] - sent.start < opening.end():
            for mt in group:
                if not mt.places and mt.another:
                    mt.places = [places[0][1]]
        merged: list[Mention] = []
        for mt in group:
            # "Explosions and gunfire rocked the centre": words joined so tell one attack
            joined = bool(merged) and RE_JOINED.fullmatch(sent.text, merged[-1].cue.end - sent.start,
                                                          mt.cue.start - sent.start)
            if merged and (compatible_types(merged[-1], mt) or joined) and merged[-1].referenced == mt.referenced \
                    and not mt.another and mt.cue.start - merged[-1].cue.end <= MERGE_GAP:
                keep = merged[-1]
                keep.summary = keep.summary or mt.sums_up
                if not keep.cue.sub_event_type and mt.cue.sub_event_type:
                    keep.cue = events.Cue(keep.cue.start, mt.cue.end, keep.cue.text, mt.cue.event_type, mt.cue.sub_event_type)
                if events.weak_word(keep.cue.text) and (not events.weak_word(mt.cue.text)
                                                        or events.RE_WEAPON.fullmatch(keep.cue.text)):
                    # "gunmen fired on a patrol": the stronger word tells the event; "gunmen
                    # attacked a village": the verb, with armed men as its subject
                    keep.cue = events.Cue(keep.cue.start, mt.cue.end, mt.cue.text, keep.cue.event_type, keep.cue.sub_event_type)
                keep.dates += mt.dates
                keep.places += mt.places
                keep.casualties += mt.casualties
                keep.actors += mt.actors
                keep.response |= mt.response
            else:
                merged.append(mt)
        for mt in merged:
            mt.summary = mt.summary or mt.sums_up
            _qualify(mt, sent, places)
        told_of = mentions[-1] if mentions else None
        if not places and told_of is not None and told_of.weak and told_of.places and k_sent \
                and told_of.sentence.start == sents[k_sent - 1].start:
            # "Kilis has been targeted by rockets for months. On Sunday, three rockets
            # wounded two people": one of the events the sentence before speaks of, there
            kind = told_of.cue.sub_event_type
            for mt in merged:
                # (of the same kind, in a sentence that names no place, an event of its own day)
                if kind and mt.cue.sub_event_type == kind and not mt.places and not mt.weak \
                        and not mt.another and mt.dates:
                    mt.places = list(told_of.places)
        mentions += merged
        if places:
            last_country = places[0][1].country or last_country
    return mentions


def _qualify(mt: Mention, sent: Sentence, places: list) -> None:
    """A mention's attacker's side, the dates a protest or inquiry only bounds, and whether
    its word is too weak to found an incident (``places``: the sentence's, with positions)."""
    clause_start = max((m.end() for m in RE_CLAUSE_BREAK.finditer(sent.text, 0, mt.cue.start - sent.start)), default=0)
    mt.side = actors.side(sent.text[clause_start:mt.cue.start - sent.start])
    if mt.cue.event_type != events.RIOT_TYPE[0] and RE_AFTER_THE_FACT.search(text_before(sent, mt.cue.start, 50)):
        # the event came before the day of the protest or inquiry
        # (a one-day date becomes the day before, not a range that ends before it starts)
        mt.dates = [replace(d, reported=True, start_date=min(d.start_date, d.end_date - timedelta(days=1)),
                            end_date=d.end_date - timedelta(days=1))
                    if d.end_date and d.start_date else replace(d, reported=True) for d in mt.dates]
    # its own place right after it ("the attack in Nice", "took place at the mosque"), not
    # for a bare plural ("investigations after shootings in Illinois" are any), or its own
    # day right before it ("Thursday night's attack", "the June 12 attack")
    plural = mt.cue.text.lower().endswith("s") and not RE_DETERMINED.search(text_before(sent, mt.cue.start, 30))
    bound = bool(RE_OWN_PLACE.match(sent.text, mt.cue.end - sent.start) and not plural
                 and any(pos >= mt.cue.end for pos, _ in places)) \
        or any(RE_OWN_DAY.fullmatch(sent.text, d.end - sent.start, mt.cue.start - sent.start)
               or RE_QUALIFYING_DAY.fullmatch(sent.text, d.end - sent.start, mt.cue.start - sent.start)
               and RE_ARTICLE_BEFORE.search(text_before(sent, d.start, 6))
               for d in mt.dates if d.end <= mt.cue.start)
    # "similar attacks", "bombings in Baghdad over the past month": many events, none in particular
    counted = bool(mt.casualties) or mt.cue.text.lower().endswith("s") \
        and bool(RE_EVENTS_COUNTED.search(text_before(sent, mt.cue.start, 30)))
    mt.weak = events.weak(mt.cue, sent.text, counted, bound) \
        or plural and not mt.casualties and bool(RE_GENERIC_BEFORE.search(text_before(sent, mt.cue.start, 40))
                                                 or casualties.RE_PERIOD.search(sent.text)) \
        or mt.cue.text.lower() in events.CAPTURE_VERBS and bool(casualties.RE_PERIOD.search(sent.text))


def _kind(x) -> tuple[str, str]:
    """(event_type, sub_event_type) of a mention or an incident draft."""
    return (x.cue.event_type, x.cue.sub_event_type) if isinstance(x, Mention) else (x.event_type, x.sub_event_type)


_FAMILY = events.RULES["families"]


def compatible_types(a, b) -> bool:
    """Same kind of event, or one of them says too little to tell ("attack"), or two words
    for one kind of violence ("a shooting" and "a gun battle" at one place and time)."""
    (ea, ta), (eb, tb) = _kind(a), _kind(b)
    if ta and tb and ta != tb:
        return _FAMILY.get(ta, ta) == _FAMILY.get(tb, tb)
    return not ea or not eb or ea == eb or (bool(ta) and bool(tb))
