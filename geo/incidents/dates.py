"""Date expressions in news, resolved against the publication date.

"February 15", "15 Feb 2021", "on Friday", "Thursday evening", "yesterday",
"overnight", "last week", "days later", "three days earlier". Each becomes a range of
days (start, end); a relative one ("days later") is resolved against an anchor, the date
of the event told before it. Times of day never move the day: "early on Friday Middle
Eastern time" is Friday.

>>> from datetime import date
>>> [(m.text, m.start_date, m.end_date) for m in find("It happened on Friday.", date(2021, 2, 26))]
[('Friday', datetime.date(2021, 2, 26), datetime.date(2021, 2, 26))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .events import RULES as _EVENT_RULES

_RULES = _EVENT_RULES["dates"]

MONTHS = {m: i for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for m in names}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "a few": None, "several": None, "few": None}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_F = re.IGNORECASE
RE_MDY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", _F)
RE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", _F)
RE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
RE_WEEKDAY = re.compile(r"\b(?P<wd>" + "|".join(WEEKDAYS) + r")(?:['’]s)?\b", _F)
RE_RELATIVE = re.compile(
    r"\b(?P<rel>yesterday|today|tonight|this morning|this afternoon|this evening|last night|overnight"
    r"|earlier this week|this week|last week|last weekend|last month|this month"
    r"|(?:(?P<n>\d+|a|one|two|three|four|five|six|seven|a few|several|few)\s+)?(?P<unit>days?|weeks?)\s+(?P<dir>later|earlier|before|after|ago)"
    r"|the (?:next|following) day|the day before|the previous day)\b", _F)
RE_YEAR = re.compile(r"\b(?:in|since|from|of)\s+(?P<year>(?:19|20)\d\d)\b", _F)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    start_date: date | None
    end_date: date | None
    anchored: bool = False        # resolved against the previous event ("days later")
    offset: tuple[int, int] = (0, 0)   # for anchored: days after the anchor (negative: before)


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


def find(text: str, published: date | None, offset: int = 0) -> list[DateMention]:
    """Date mentions in ``text`` (offsets shifted by ``offset``), left to right."""
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(m, start_date, end_date, anchored=False, off=(0, 0)):
        s, e = m.start(), m.end()
        if any(s < b and a < e for a, b in taken):
            return
        taken.append((s, e))
        out.append(DateMention(s + offset, e + offset, m.group(), start_date, end_date, anchored, off))

    for regex in (RE_ISO, RE_MDY, RE_DMY):
        for m in regex.finditer(text):
            d = _absolute(m, published)
            add(m, d, d)
    for m in RE_RELATIVE.finditer(text):
        rel = m["rel"].lower()
        p = published
        if m["unit"]:
            n = m["n"].lower() if m["n"] else None
            k = _NUMBER_WORDS.get(n, int(n) if n and n.isdigit() else None) if n else None
            unit = 7 if m["unit"].lower().startswith("week") else 1
            if k is None:
                lo, hi = _RULES["days_later"] if unit == 1 else _RULES["weeks_later"]
            else:
                lo = hi = k * unit
            if m["dir"].lower() == "ago":
                add(m, p - timedelta(days=hi) if p else None, p - timedelta(days=lo) if p else None)
            elif m["dir"].lower() in ("later", "after"):
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
            "this month": (p.replace(day=1), p),
            "last month": ((p.replace(day=1) - timedelta(days=1)).replace(day=1), p.replace(day=1) - timedelta(days=1)),
        }[rel]
        add(m, *span)
    for m in RE_WEEKDAY.finditer(text):
        d = _last_weekday(published, WEEKDAYS.index(m["wd"].lower())) if published else None
        add(m, d, d)
    for m in RE_YEAR.finditer(text):
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
    if published is not None:
        end = min(end, published - timedelta(days=1)) if lo > 0 else end
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
