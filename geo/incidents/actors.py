"""Armed actors named in a sentence: forces of a state ("US forces"), backed militias and
named groups (``[actors]`` in events.toml)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..patterns import alternation
from .events import RULES

_F = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Actor:
    start: int
    end: int
    name: str
    role: str             # "force" (a state's forces) or "group"


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
