"""Event cues, casualty counts and actors in a sentence, from ``geo/data/events.toml``.

>>> [(c.text, c.sub_event_type) for c in cues("Rockets hit the base and an airstrike followed.")]
[('Rockets', 'Shelling/artillery/missile attack'), ('airstrike', 'Air/drone strike')]
>>> [(f.kind, f.low, f.high) for f in casualties("The blast killed at least 17 people and wounded four more.")]
[('killed', 17, 17), ('injured', 4, 4)]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from .patterns import alternation

RULES = tomllib.loads(resources.files("geo").joinpath("data/events.toml").read_text("utf-8"))
_F = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    text: str
    event_type: str       # "" for a generic "attack"
    sub_event_type: str


@dataclass(frozen=True, slots=True)
class Casualty:
    start: int
    end: int
    kind: str             # "killed" or "injured"
    low: int
    high: int


@dataclass(frozen=True, slots=True)
class Actor:
    start: int
    end: int
    name: str
    role: str             # "force" (a state's forces) or "group"


_CUES = RULES["cues"]
RE_CUE = re.compile(rf"\b(?:{alternation(_CUES)})\b", _F)
_NOT_BEFORE = frozenset(RULES["not_events"]["before"])
_NOT_AFTER = frozenset(RULES["not_events"]["after"])
_INFINITIVE = frozenset(RULES["not_events"]["infinitive_cues"])
_INFINITIVE_BEFORE = frozenset(RULES["not_events"]["infinitive_before"])


def _words(words) -> re.Pattern:
    return re.compile(rf"\b(?:{alternation(words)})\b", _F)


@dataclass(frozen=True, slots=True)
class _Sense:
    """A sentence-level rule: its cues are no attack where its words appear without harm
    (or its target words), or inside a match of its pattern."""
    cues: frozenset
    words: re.Pattern | None
    target: re.Pattern | None
    pattern: re.Pattern | None

    def applies(self, key: str) -> bool:
        return "*" in self.cues or key in self.cues


_SENSE = RULES["sense"]
RE_HARM = _words(_SENSE["harm"])
SENSES = tuple(_Sense(frozenset(r["cues"]), _words(r["words"]) if "words" in r else None,
                      _words(r["target"]) if "target" in r else None,
                      re.compile(r["pattern"], _F) if "pattern" in r else None)
               for name, r in _SENSE.items() if isinstance(r, dict))


def _no_attack(sentence: str, key: str, start: int, end: int) -> bool:
    """Is the cue at sentence[start:end] (folded ``key``) used in another sense here: a
    labour strike, a rocket launch, a car that struck someone, a plot on television?"""
    for rule in SENSES:
        if not rule.applies(key):
            continue
        if rule.pattern is not None and any(m.start() <= start < m.end() or m.start() < end <= m.end()
                                            for m in rule.pattern.finditer(sentence)):
            return True
        if rule.words is not None and rule.words.search(sentence) and not RE_HARM.search(sentence) \
                and not (rule.target is not None and rule.target.search(sentence)):
            return True
    return False


def cues(sentence: str, offset: int = 0) -> list[Cue]:
    """Event cue words, left to right, with their ACLED types; words used in another
    sense (``[sense]`` in events.toml) are left out."""
    out = []
    for m in RE_CUE.finditer(sentence):
        before = sentence[:m.start()].split()[-1:] or [""]
        after = sentence[m.end():].split()[:1] or [""]
        if before[0].lower().strip(",.") in _NOT_BEFORE or after[0].lower().strip(",.") in _NOT_AFTER:
            continue
        if m.group().lower() in _INFINITIVE and before[0].lower() in _INFINITIVE_BEFORE:
            continue
        key = re.sub(r"\s+", " ", m.group().lower())
        if _no_attack(sentence, key, m.start(), m.end()):
            continue
        event_type, sub = _CUES[key]
        out.append(Cue(m.start() + offset, m.end() + offset, m.group(), event_type, sub))
    return out


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


# ---------------------------------------------------------------- actors

_A = RULES["actors"]
RE_GROUP = re.compile(rf"\b(?:{alternation(_A['groups'])})\b", _F)
RE_BACKED = re.compile(rf"\b(?P<who>[A-Z][\w.]*)(?:-|\s+)backed\s+(?P<what>{alternation(_A['militia_words'])})\b")
RE_FORCE = re.compile(rf"\b(?P<who>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s+(?:military\s+)?(?P<what>{alternation(_A['force_words'])})\b")
RE_DEMONYM_MILITIA = re.compile(rf"\b(?P<who>[A-Z][a-z]+(?:i|ian|an|ese|ish))\s+(?P<what>{alternation(_A['militia_words'])})\b")


def actors(sentence: str, countries: frozenset[str], offset: int = 0) -> list[Actor]:
    """Armed actors named in a sentence. ``countries`` are the words of the sentence that
    name a country or its people ("US", "Iranian"), from the geoparser."""
    out: list[Actor] = []
    for m in RE_GROUP.finditer(sentence):
        out.append(Actor(m.start() + offset, m.end() + offset, m.group(), "group"))
    for m in RE_BACKED.finditer(sentence):
        who = m["who"]
        out.append(Actor(m.start() + offset, m.end() + offset, f"{who}-backed militia", "group"))
    for m in RE_FORCE.finditer(sentence):
        who = m["who"].split()[-1] if m["who"].split()[-1] in countries else m["who"]
        if who in countries and not sentence[m.end():m.end() + 8].lower().startswith("-backed"):
            out.append(Actor(m.start() + offset, m.end() + offset, f"{who} forces", "force"))
    for m in RE_DEMONYM_MILITIA.finditer(sentence):
        if m["who"] in countries and not any(a.start <= m.start() + offset < a.end for a in out):
            out.append(Actor(m.start() + offset, m.end() + offset, f"{m['who']} militia", "group"))
    out.sort(key=lambda a: a.start)
    return out
