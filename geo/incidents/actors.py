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


# ---------------------------------------------------------------- sides

RE_SIDE = re.compile(rf"\b(?:(?P<state>{alternation(_A['state_words'])})|(?P<nonstate>{alternation(_A['nonstate_words'])}))\b", _F)
SIDE_WINDOW = int(_A["side_window"])
RE_VICTIM = re.compile(rf"\b(?:{alternation(_A['side_victim'])})\b", _F)
RE_SPEECH = re.compile(rf"\b(?:{alternation(_A['side_speech'])})\b", _F)


def side(before: str) -> str | None:
    """ "state" or "non-state": the attacker's side, from the last such word in the text
    just before an event word ("the Syrian army shelled", "rebels fired rockets"); None
    when no word says."""
    before = before[-SIDE_WINDOW:]
    said = None
    for said in RE_SPEECH.finditer(before):
        pass
    if said is not None:        # "a militia official said Friday's strikes": the speaker's side is no one's
        before = before[said.end():]
    last = None
    for m in RE_SIDE.finditer(before):
        # "Soldiers killed in an ambush": the victims, not the side that attacked
        if not RE_VICTIM.search(before, m.end()):
            last = "state" if m["state"] else "non-state"
    return last
