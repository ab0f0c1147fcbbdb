"""Clauses: the sentences of an article with their character offsets, and which of them
are background (a "READ MORE" line, a general statement, an attack of another year)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..patterns import alternation, tree
from . import events
from .dates import MONTHS, WEEKDAYS

_BG = events.RULES["background"]
RE_LINE_BACKGROUND = re.compile(rf"^\s*(?:{alternation(_BG['line_starts'])})", re.IGNORECASE)
RE_GENERIC = re.compile(rf"\b{tree(_BG['generic'])}\b", re.IGNORECASE)
# A line, with the lines a hard wrap broke off it: a line that starts in lower case goes on
# the sentence above ("killed in Sunday's\n    attacks, officials said").
_SENTENCE = re.compile(r"[^\n]+(?:\n(?=[ \t]*[a-z])[^\n]*)*")
# The spaces after a full stop (and any closing quote) before a capital or a digit, as
# group 1: matched from the stop, which the engine finds by scanning (looking behind from
# every character was five times slower).
_SPLIT = re.compile(r"[.!?][\"”’']?(\s+)(?=[\"“‘']?[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|St|Rep|Sen|Gov|Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|U\.S|U\.K)\.)$")
# "killed around 5 p.m. Wednesday in Crown Heights": a clock time's "p.m." ends no sentence
# when a day, a month or a time zone follows it (it does before "Police said ...").
_CLOCK = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_AFTER_CLOCK = re.compile(rf"(?:(?i:{alternation(WEEKDAYS + [m for m in MONTHS if len(m) > 3])})"
                          r"|[A-Z]{1,2}[SD]?T|GMT|UTC)\b")
# The longest abbreviation above ("Sept.") is five characters; twelve leaves room.
ABBREV_CHARS = 12
# Longer "sentences" are cut (the longest in the development corpora is about 1,200).
MAX_SENTENCE_CHARS = 3000


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    background: bool
    generic: bool
    paragraph: int = 0      # the paragraph it is in, counted by the blank lines before it


# ---------------------------------------------------------------- sentences

def sentences(text: str, published: date | None) -> list[Sentence]:
    """Sentences with offsets; lines that are not the story ("READ MORE") flagged as
    background. (Old dates are checked later, only in sentences that tell of an event.)"""
    out = []
    paragraph, last_end = 0, 0
    for line in _SENTENCE.finditer(text):
        body, pos = line.group(), line.start()
        if not body.strip():
            continue        # a blank line (of spaces): the break it makes is counted below
        if text.count("\n", last_end, pos) > 1:
            paragraph += 1
        last_end = line.end()
        line_bg = bool(RE_LINE_BACKGROUND.match(body))
        pieces, last = [], 0
        for m in _SPLIT.finditer(body):
            stop, after = m.span(1)
            # an abbreviation is a few characters: look back that far, not over the whole line
            if _ABBREV.search(body, max(0, stop - ABBREV_CHARS), stop) \
                    or _CLOCK.search(body, max(0, stop - ABBREV_CHARS), stop) and _AFTER_CLOCK.match(body, after):
                continue
            pieces.append((last, stop))
            last = after
        pieces.append((last, len(body)))
        for a, b in (cut for piece in pieces for cut in _bounded(body, *piece)):
            s = body[a:b]
            if not s.strip():
                continue
            out.append(Sentence(pos + a, pos + b, s, line_bg, bool(RE_GENERIC.search(s)), paragraph))
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


RE_RELATIVE = re.compile(r"\b(?:who|whom|whose|which)\b[^,;:.]*$", re.IGNORECASE)


RE_CLAUSE_OPEN = re.compile(r"\b(?:who|whom|whose|which|where)\b|\b(?:truce|ceasefire|war|conflict|deal|agreement|"
                            r"talks|siege|campaign|operation|offensive)\s+that\b", re.IGNORECASE)


# Days before publication past which an event is recalled, not news.
OLD_DAYS = int(_BG["old_days"])


# A clause about a person ("a bystander who came to her aid on Thursday") most often tells
# what they did in the event itself: its time is the event's.
RE_PERSON_CLAUSE = re.compile(r"(?:who|whom|whose)\b", re.IGNORECASE)


def relative_clause_at(text: str, pos: int, people: bool = True) -> tuple[int, int] | None:
    """(start, end) of the relative clause holding ``pos`` ("which rebels took late on
    Thursday", "where a truce that began on Wednesday"), up to the next comma; None
    when ``pos`` is in none. ``people``: clauses about a person ("who ...") count too."""
    best = None
    for m in RE_CLAUSE_OPEN.finditer(text, max(0, pos - 80), pos):
        if not people and RE_PERSON_CLAUSE.match(m.group()):
            continue
        end = re.search(r"[,;:]", text[m.end():])
        end = m.end() + end.start() if end else len(text)
        if m.start() <= pos < end:
            best = (m.start(), end)
    return best


def in_relative_clause(text: str, pos: int) -> bool:
    """ "a policeman who retired in 2012, shot ...": a date of the person, not of the event."""
    return bool(RE_RELATIVE.search(text, max(0, pos - 80), pos))


def old_dates(found_dates, published: date | None, sent_text: str = "", offset: int = 0) -> bool:
    """A date well before publication: an attack recalled (a file-photo caption from years
    before, "in October" in a July article), background, not news: past ``old_days``; a
    day and month alone ("June 4") refer to the last such day, and count as old only past
    ``old_days_without_year`` (a wrong publication date must not hide the news)."""
    if published is None:
        return False
    for d in found_dates:
        if not d.end_date or d.anchored or in_relative_clause(sent_text, d.start - offset):
            continue
        # "the latest assault since the coalition intervened last year": where a span began
        if RE_SINCE_BEFORE.search(sent_text, max(0, d.start - offset - 80), d.start - offset):
            continue
        # "militants involved in November's Paris attacks": the date of the noun it qualifies
        if sent_text[d.end - offset:d.end - offset + 2] in ("'s", "’s"):
            continue
        day_alone = d.start_date == d.end_date and not RE_YEAR.search(d.text)     # "June 4"
        limit = _BG["old_days_without_year"] if day_alone else OLD_DAYS
        # a long span ("last year", "in 2015") by its middle: "last year" is old in January too
        when = d.end_date if (d.end_date - d.start_date).days <= 7 else d.start_date + (d.end_date - d.start_date) / 2
        if (published - when).days > limit:
            return True
    return False


RE_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
RE_SINCE_BEFORE = re.compile(r"\bsince\b[^,;.]*$", re.IGNORECASE)
RE_YEAR_BEFORE = re.compile(r"\b(?P<year>(?:19|20)\d\d)(?:['’]s)?\s+(?:[\w.'’-]+\s+){0,2}$")


def recalled(sent: Sentence, cue, found_dates, published: date | None) -> bool:
    """ "the 2012 attack in Benghazi", "the October 7 attack" (in July): a cue whose own
    words name it by a date of an earlier year, or by a day a month or more before."""
    if published is None:
        return False
    m = RE_YEAR_BEFORE.search(text_before(sent, cue.start, 30))
    if m is not None and int(m["year"]) < published.year:
        return True
    return any(0 <= cue.start - d.end <= 3 and d.end_date and not d.anchored
               and (published - d.end_date).days > OLD_DAYS for d in found_dates)


def named_event(sent: Sentence, cue, names, found_dates) -> bool:
    """ "the San Bernardino shootings", "the Orlando attack", with no date in the sentence:
    an event named by its place, as one names an event the reader already knows (an
    earlier one); ``names``: (start, end) of the place names of the sentence."""
    if found_dates:
        return False
    return any(0 < cue.start - e <= 2 and re.search(r"\bthe\s+$", text_before(sent, s, 8), re.IGNORECASE)
               for s, e in names)


RE_COURT = re.compile(rf"\b{tree(_BG['court'])}\b", re.IGNORECASE)


def about_a_trial(sent: Sentence, found_dates, published: date | None) -> bool:
    """A sentence about a trial, charges or an inquiry, with no date of the last days: the
    attack it concerns happened before the article's days (background)."""
    if not RE_COURT.search(sent.text):
        return False
    return not any(d.end_date and published and (published - d.end_date).days <= _BG["court_recent_days"]
                   for d in found_dates)


def text_before(sent: Sentence, pos: int, width: int = 40) -> str:
    return sent.text[max(0, pos - sent.start - width):pos - sent.start]
