"""Casualty counts in a sentence: how many were killed and injured, and the words that say so.

>>> [(f.kind, f.low, f.high) for f in casualties("The blast killed at least 17 people and wounded four more.")]
[('killed', 17, 17), ('injured', 4, 4)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..patterns import alternation
from .events import RULES

_F = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Casualty:
    start: int
    end: int
    kind: str             # "killed" or "injured"
    low: int
    high: int


# ---------------------------------------------------------------- casualties

_C = RULES["casualties"]
_NUMBERS = RULES["numbers"]
_NUM = rf"(?:\d[\d,]*|{alternation(_NUMBERS)})"
_HEDGE = r"(?:at\s+least|some|about|around|more\s+than|over|nearly|almost|up\s+to|as\s+many\s+as|approximately|roughly)"
_KILL = alternation(_C["killed"])
_HURT = alternation(_C["injured"])
# "killed at least one fighter", "wounding four more"
RE_VERB_COUNT = re.compile(rf"\b(?P<verb>{_KILL}|{_HURT})\s+(?=(?P<obj>[^.;:!?]*))", _F)
# "at least 17 people had been killed", "17 dead", "two soldiers were wounded"
RE_COUNT_VERB = re.compile(
    rf"\b(?P<hedge>{_HEDGE}\s+)?(?P<num>{_NUM})\s+(?:(?!and\b|or\b|that\b|which\b|who\b)[A-Za-z-]+\s+){{0,3}}?"
    rf"(?:(?:were|was|had\s+been|have\s+been|has\s+been|are|is|been)\s+)?"
    rf"(?P<verb>killed|dead|died|wounded|injured|hurt|slain)\b", _F)
RE_QUANTITY = re.compile(rf"^\s*(?P<hedge>{_HEDGE}\s+)?(?P<num>{_NUM})\b", _F)
_TOLL_VERBS = re.compile(r"^(?:(?:has|had|have|was|is|to|at|of|rose|risen|rising|stood|stands|reached|climbed|jumped|increased)\s+)+", _F)
_CLAUSE_END = re.compile(r",|\bin\s+what\b|\bin\s+an?\b|\bas\b|\bwho\b|\bwhich\b|\bwhile\b|\bbut\b|\bafter\b|\bbefore\b|\bwhen\b", _F)


def _value(num: str) -> int | None:
    n = num.lower().strip()
    if n[0].isdigit():
        digits = n.replace(",", "")
        if len(digits) > 6:        # no casualty count has seven digits; a huge one is noise
            return None
        v = int(digits)
        return v if v < 100_000 else None
    return _NUMBERS.get(re.sub(r"\s+", " ", n))


_MONTH_BEFORE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$", _F)


def _after_month(sentence: str, pos: int) -> bool:
    """ "February 15 attack" is a date, not 15 people."""
    return bool(_MONTH_BEFORE.search(sentence[max(0, pos - 12):pos]))


def _kind(verb: str) -> str:
    return "killed" if re.fullmatch(_KILL, verb, _F) else "injured"


def casualties(sentence: str, offset: int = 0) -> list[Casualty]:
    """Counts of people killed and injured the sentence states."""
    out: list[Casualty] = []
    taken: list[tuple[int, int]] = []
    for m in RE_COUNT_VERB.finditer(sentence):
        v = _value(m["num"])
        if v is None or re.fullmatch(r"(?:19|20)\d\d", m["num"]) or _after_month(sentence, m.start("num")):
            continue
        out.append(Casualty(m.start() + offset, m.end() + offset, _kind(m["verb"]), v, v))
        taken.append((m.start(), m.end()))
    for m in RE_VERB_COUNT.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken):
            continue
        obj = m["obj"]
        if re.fullmatch(r"(?:death\s+toll|deaths|fatalities|casualties|dead)", m["verb"], _F):
            obj = _TOLL_VERBS.sub("", obj)      # "put the death toll at five", "deaths rose to 17"
        cut = _CLAUSE_END.search(obj)
        obj = obj[:cut.start()] if cut else obj
        total, seen = 0, False
        for part in re.split(r"\band\b", obj, flags=_F):
            q = RE_QUANTITY.match(part)
            if not q or re.match(rf"\s*\S+\s+(?:{_KILL}|{_HURT})\b", part, _F):
                break
            v = _value(q["num"])
            if v is None:
                break
            total += v
            seen = True
        if seen:
            out.append(Casualty(m.start() + offset, m.end() + offset, _kind(m["verb"]), total, total))
    out.sort(key=lambda c: c.start)
    return out
