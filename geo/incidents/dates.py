"""Date expressions in news, resolved against the publication date.

"February 15", "15 Feb 2021", "on Friday", "Thursday evening", "yesterday",
"overnight", "overnight into Saturday", "last week", "in October", "the 2004 attack",
"days later", "three days earlier", "hours later". Each becomes a range of days (start,
end); a relative one ("days later") is resolved against an anchor, the date of the event
told before it. Times of day never move the day: "early on Friday Middle Eastern time"
is Friday.

>>> from datetime import date
>>> [(m.text, m.start_date, m.end_date) for m in find("It happened on Friday.", date(2021, 2, 26))]
[('Friday', datetime.date(2021, 2, 26), datetime.date(2021, 2, 26))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..patterns import alternation, tree
from .events import RE_CUE
from .events import RULES as _EVENT_RULES

_RULES = _EVENT_RULES["dates"]

MONTHS = {m: i for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for m in names}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBER_WORDS = {w: n or None for w, n in _RULES["numbers"].items()}   # 0: vague ("a few")
_PUBLICATION_DAY = frozenset(_RULES["publication_day"])
UNDATED_WINDOW = _RULES["undated_window_days"]

_MONTH = rf"(?P<month>{tree(MONTHS)})\.?"
_F = re.IGNORECASE
# ("March 5-6": both days)
RE_MDY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?\b"
                    r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", _F)
RE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", _F)
RE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
RE_WEEKDAY = re.compile(rf"\b(?P<wd>{tree(WEEKDAYS)})(?:['’]s)?\b", _F)
RE_RELATIVE = re.compile(
    r"\b(?P<rel>yesterday|today|tonight|this morning|this afternoon|this evening|last night|overnight"
    r"|earlier this week|this week|last week|last weekend|(?:over|at|during) the weekend|last month|this month|last year"
    rf"|(?:(?P<n>\d+|{tree(_NUMBER_WORDS)})\s+)?(?P<unit>hours?|days?|weeks?|months?|years?)\s+(?P<dir>later|earlier|before|after|ago)"
    r"|the (?:next|following) day|the day before|the previous day)\b", _F)
_WD = tree(WEEKDAYS)
# "overnight into Saturday" ends on Saturday; "Friday night into Saturday", "overnight
# Friday", "late Friday overnight" begin on Friday (gold: both nights' days).
RE_OVERNIGHT = re.compile(
    rf"\b(?:(?:overnight|night)\s+(?:into|to)\s+(?P<to>{_WD})"
    rf"|(?P<from>{_WD})\s+(?:night\s+)?(?:into\s+(?P<next>{_WD})|overnight)"
    rf"|overnight\s+(?:on\s+)?(?P<from2>{_WD})(?:\s+night)?)\b", _F)
# "in October", "last October", "in early May 2015": that month (the last such month on
# or before publication when no year is given). Full names only: "in mar" is no month.
_FULL_MONTH = rf"(?P<month>{tree(n for n in MONTHS if len(n) > 3 or n == 'may')})"
# ("the November attack": a month naming the event itself)
RE_MONTH = re.compile(rf"\b(?:in|since|during|last|this|the|its|their)\s+(?:(?P<part>early|late|mid)[\s-]+)?{_FULL_MONTH}\b"
                      r"(?!\s+\d{1,2}\b)(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", _F)
# "the 2004 attack", "a 2015 al-Qaeda-linked bombing": a year naming the event itself.
RE_YEAR_OF_EVENT = re.compile(r"\b(?:the|a|an|its|their|his|her)\s+(?P<year>(?:19|20)\d\d)\b(?![-/]\d)", _F)
# "days after the bombing" counts from an event; "days before the end of Ramadan" from
# something else, which dates nothing here.
_OBJECT = re.compile(r"\s+(?:[\w'’.-]+\s+){0,4}", _F)
# "in late 2014", "since early 2015": the part of the year, its months in [dates] year_parts
_YEAR_PARTS = _RULES["year_parts"]
_MONTH_PARTS = _RULES["month_parts"]
RE_YEAR = re.compile(rf"\b(?:in|since|from|of)\s+(?:(?P<part>{alternation(_YEAR_PARTS)})[\s-]+)?"
                     r"(?P<year>(?:19|20)\d\d)\b", _F)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    start_date: date | None
    end_date: date | None
    anchored: bool = False        # resolved against the previous event ("days later")
    offset: tuple[int, int] = (0, 0)   # for anchored: days after the anchor (negative: before)
    publication_day: bool = False  # "today": the day of the report
    reported: bool = False        # "said on Thursday": when it was told, not when it happened


def _last_weekday(published: date, weekday: int) -> date:
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _absolute(m, published: date | None) -> date | None:
    month = m["month"]
    month = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
    day = int(m["day"])
    year = int(m["year"]) if m["year"] else (published.year if published else None)
    if year is None:
        return None
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    if not m["year"] and published and d > published + timedelta(days=1):
        d = d.replace(year=year - 1)   # "December 30" in a January article
    return d


def _fits(d: date, day: int) -> bool:
    try:
        d.replace(day=day)
        return True
    except ValueError:
        return False


def _month_range(year: int, month: int) -> tuple[date, date]:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, 1), nxt - timedelta(days=1)


def _counts_from_event(text: str, end: int) -> bool:
    """Whether "N days before/after" at ``end`` counts from an event ("after the bombing")
    or stands alone ("two days after,"): else it counts from something undated."""
    rest = text[end:end + 60]
    if not rest.strip() or re.match(r"\s*[,;:.)!?—–-]", rest):
        return True
    obj = _OBJECT.match(rest)
    return bool(RE_CUE.search(rest, 0, (obj.end() if obj else 0) + 25))


def find(text: str, published: date | None, offset: int = 0) -> list[DateMention]:
    """Date mentions in ``text`` (offsets shifted by ``offset``), left to right."""
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(m, start_date, end_date, anchored=False, off=(0, 0), publication_day=False):
        s, e = m.start(), m.end()
        if any(s < b and a < e for a, b in taken):
            return
        taken.append((s, e))
        out.append(DateMention(s + offset, e + offset, m.group(), start_date, end_date, anchored, off,
                               publication_day))

    p = published
    for regex in (RE_ISO, RE_MDY, RE_DMY):
        for m in regex.finditer(text):
            d = _absolute(m, published)
            day2 = int(m.groupdict().get("day2") or 0)       # "March 5-6"
            last = d.replace(day=day2) if d and day2 > d.day and _fits(d, day2) else d
            add(m, d, last)
    for m in RE_OVERNIGHT.finditer(text):
        if p is None:
            add(m, None, None)
        elif m["to"]:
            end = _last_weekday(p, WEEKDAYS.index(m["to"].lower()))
            add(m, end - timedelta(days=1), end)
        else:
            first = _last_weekday(p, WEEKDAYS.index((m["from"] or m["from2"]).lower()))
            if first == p:      # "overnight Monday" in Monday's paper: the night before
                first -= timedelta(days=1)
            add(m, first, first + timedelta(days=1))
    for m in RE_MONTH.finditer(text):
        month = MONTHS[m["month"].lower()]
        if m["year"]:
            year = int(m["year"])
        elif p is not None:
            year = p.year if month <= p.month else p.year - 1
        else:
            continue
        first, last = _month_range(year, month)
        if m["part"]:           # "in early March": its first ten days
            a, b = _MONTH_PARTS[m["part"].lower()]
            first, last = first.replace(day=a), last.replace(day=min(b, last.day))
        add(m, first, last)
    for m in RE_RELATIVE.finditer(text):
        rel = m["rel"].lower()
        if m["unit"]:
            n = m["n"].lower() if m["n"] else None
            k = _NUMBER_WORDS.get(n, int(n) if n and n.isdigit() else None) if n else None
            unit = m["unit"].lower()
            way = m["dir"].lower()
            if unit.startswith("year") and way in ("later", "after"):
                taken.append((m.start(), m.end()))   # "15 years after a drone first fired": history
                continue
            if way in ("before", "after") and not _counts_from_event(text, m.end()):
                taken.append((m.start(), m.end()))   # dated from something else: no date here
                continue
            if unit.startswith("hour"):
                lo, hi = _RULES["hours_later"]
            elif unit.startswith(("month", "year")):      # "a month earlier": about so many days
                per = 30 if unit.startswith("month") else 365
                lo, hi = (k or 1) * per - per // 6, (k or 1) * per + per // 6
            elif k is None:
                lo, hi = _RULES["days_later"] if unit.startswith("day") else _RULES["weeks_later"]
            else:
                lo = hi = k * (7 if unit.startswith("week") else 1)
            if way == "ago":
                add(m, p - timedelta(days=hi) if p else None, p - timedelta(days=lo) if p else None)
            elif way in ("later", "after"):
                add(m, None, None, True, (lo, hi))
            else:
                add(m, None, None, True, (-hi, -lo))
            continue
        if rel in ("the next day", "the following day"):
            add(m, None, None, True, (1, 1))
            continue
        if rel in ("the day before", "the previous day"):
            add(m, None, None, True, (-1, -1))
            continue
        if p is None:
            add(m, None, None)
            continue
        monday = p - timedelta(days=p.weekday())
        span = {
            "yesterday": (p - timedelta(days=1), p - timedelta(days=1)),
            "last night": (p - timedelta(days=1), p),
            "overnight": (p - timedelta(days=1), p),
            "today": (p, p), "tonight": (p, p), "this morning": (p, p), "this afternoon": (p, p),
            "this evening": (p, p),
            "this week": (monday, p), "earlier this week": (monday, p),
            "last week": (monday - timedelta(days=7), monday - timedelta(days=1)),
            "last weekend": (monday - timedelta(days=2), monday - timedelta(days=1)),
            # "over the weekend": the last Saturday and Sunday up to publication
            **dict.fromkeys(("over the weekend", "at the weekend", "during the weekend"),
                            (monday + timedelta(days=5), p) if p.weekday() >= 5
                            else (monday - timedelta(days=2), monday - timedelta(days=1))),
            "this month": (p.replace(day=1), p),
            "last month": ((p.replace(day=1) - timedelta(days=1)).replace(day=1), p.replace(day=1) - timedelta(days=1)),
            "last year": (date(p.year - 1, 1, 1), date(p.year - 1, 12, 31)),
        }[rel]
        add(m, *span, publication_day=rel in _PUBLICATION_DAY)
    for m in RE_WEEKDAY.finditer(text):
        d = _last_weekday(published, WEEKDAYS.index(m["wd"].lower())) if published else None
        add(m, d, d)
    for m in RE_YEAR.finditer(text):
        y = int(m["year"])
        first, last = _YEAR_PARTS[m["part"].lower()] if m["part"] else (1, 12)
        add(m, date(y, first, 1), _month_range(y, last)[1])
    for m in RE_YEAR_OF_EVENT.finditer(text):
        if RE_CUE.search(text, m.end(), m.end() + 40):
            y = int(m["year"])
            add(m, date(y, 1, 1), date(y, 12, 31))
    out.sort(key=lambda d: d.start)
    return out


def anchored(mention: DateMention, anchor: tuple[date, date] | None, published: date | None):
    """(start, end) of a relative mention ("days later") from its anchor's range."""
    if anchor is None or anchor[0] is None:
        return None, None
    lo, hi = mention.offset
    start, end = anchor[0] + timedelta(days=lo), anchor[1] + timedelta(days=hi)
    if published is not None:       # nothing told happened after publication
        end = min(end, published)
        start = min(start, end)
    return start, end


def precision(start: date | None, end: date | None) -> int:
    """ACLED time_precision: 1 a day, 2 within a week, 3 longer or unknown."""
    if start is None or end is None:
        return 3
    days = (end - start).days
    return 1 if days == 0 else 2 if days <= 7 else 3


class BadPublished(ValueError):
    """An unparseable publication date."""


def parse_published(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise BadPublished(f"publication date {value!r} is not YYYY-MM-DD") from None
