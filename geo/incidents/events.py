"""Event words in a sentence and the sense they are used in, from ``geo/data/events.toml``:
"rockets hit the base" is an attack; a labour strike, a rocket launch with no target, a car
that struck someone, or a plot on television is not.

>>> [(c.text, c.sub_event_type) for c in cues("Rockets hit the base and an airstrike followed.")]
[('Rockets', 'Shelling/artillery/missile attack'), ('airstrike', 'Air/drone strike')]
>>> cues("Teachers voted for a strike over pay.")
[]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from ..patterns import alternation, tree

RULES = tomllib.loads(resources.files("geo").joinpath("data/events.toml").read_text("utf-8"))
_F = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    text: str
    event_type: str       # "" for a generic "attack"
    sub_event_type: str


_CUES = RULES["cues"]
RE_CUE = re.compile(rf"\b{tree(_CUES)}\b", _F)
RE_LOWER_WORD = re.compile(r"[a-z]+")
# the first word of every cue, as RE_LOWER_WORD cuts it ("counter" of "counter-attack")
_CUE_WORDS = frozenset(RE_LOWER_WORD.findall(cue.lower())[0] for cue in _CUES)
_NOT_BEFORE = frozenset(RULES["not_events"]["before"])
_NOT_AFTER = frozenset(RULES["not_events"]["after"])
_INFINITIVE = frozenset(RULES["not_events"]["infinitive_cues"])
_INFINITIVE_BEFORE = frozenset(RULES["not_events"]["infinitive_before"])


def _words(words) -> re.Pattern:
    return re.compile(rf"\b{tree(words)}\b", _F)


@dataclass(frozen=True, slots=True)
class _Sense:
    """A sentence-level rule: its cues are no attack where its words appear without harm
    (or its target words), or inside a match of its pattern."""
    cues: frozenset
    words: re.Pattern | None
    target: re.Pattern | None
    pattern: re.Pattern | None
    ignore_harm: bool = False       # an accident kills too: harm words do not make it an attack
    name: str = ""
    article_min: int = 0            # this many different words in the article: it holds everywhere

    def applies(self, key: str) -> bool:
        return "*" in self.cues or key in self.cues


_SENSE = RULES["sense"]
RE_HARM = _words(_SENSE["harm"])
SENSES = tuple(_Sense(frozenset(r["cues"]), _words(r["words"]) if "words" in r else None,
                      _words(r["target"]) if "target" in r else None,
                      re.compile(r["pattern"], _F) if "pattern" in r else None, r.get("ignore_harm", False),
                      name, r.get("article_min", 0))
               for name, r in _SENSE.items() if isinstance(r, dict))


_ARTICLE_RULES = [r for r in SENSES if r.article_min and r.words is not None]
# every word of the article-level rules in one pattern: the article is read once, not once a rule
_ARTICLE_WORDS: dict[str, list[str]] = {}
for _rule in _ARTICLE_RULES:
    for _w in _SENSE[_rule.name]["words"]:
        _ARTICLE_WORDS.setdefault(re.sub(r"\s+", " ", _w.lower()), []).append(_rule.name)
# one-word entries are looked up in the article's set of words; phrases are searched for
_ARTICLE_SINGLE = frozenset(w for w in _ARTICLE_WORDS if re.fullmatch(r"[a-z]+", w))
_ARTICLE_PHRASES = [(w, _words([w])) for w in _ARTICLE_WORDS if w not in _ARTICLE_SINGLE]


def article_senses(texts) -> frozenset[str]:
    """The senses that hold for a whole article: enough different words of the rule in it
    (a review of a television series, an interview about filming)."""
    text = " ".join(texts).lower()
    seen = _ARTICLE_SINGLE.intersection(RE_LOWER_WORD.findall(text))
    # a phrase is first sought as plain text with single spaces (fast), then as words
    flat = " ".join(text.split())
    seen |= {w for w, rx in _ARTICLE_PHRASES if w in flat and rx.search(flat)}
    count: dict[str, int] = {}
    for w in seen:
        for name in _ARTICLE_WORDS.get(w, ()):
            count[name] = count.get(name, 0) + 1
    return frozenset(r.name for r in _ARTICLE_RULES if count.get(r.name, 0) >= r.article_min)


# Characters either side of a cue that a sense's phrase may reach ("a car in the motorcade of
# the ... struck and killed": the longest patterns span about 120)
SENSE_WINDOW = 150


def _no_attack(sentence: str, key: str, start: int, end: int, held: frozenset = frozenset()) -> bool:
    """Is the cue at sentence[start:end] (folded ``key``) used in another sense here: a
    labour strike, a rocket launch, a car that struck someone, a plot on television?"""
    for rule in SENSES:
        if not rule.applies(key):
            continue
        # a sense's phrase overlaps its cue: only the text around the cue is searched (the
        # phrases are short; look-behinds and \b still see the text before the window)
        if rule.pattern is not None and any(m.start() <= start < m.end() or m.start() < end <= m.end()
                                            for m in rule.pattern.finditer(sentence, max(0, start - SENSE_WINDOW),
                                                                           end + SENSE_WINDOW)):
            return True
        if rule.words is not None and (rule.name in held or rule.words.search(sentence)) \
                and (rule.ignore_harm or not RE_HARM.search(sentence)) \
                and not (rule.target is not None and rule.target.search(sentence)):
            return True
    return False


_STRENGTH = RULES["strength"]
_WEAK = frozenset(_STRENGTH["weak"])
# (an armed side written "X forces": its owner word, an acronym or "pro-X")
_FORCES = "|".join([rf"\b{tree(_STRENGTH['force_owners'])}\s+forces\b", *_STRENGTH["force_patterns"]])
RE_WEAPON = re.compile(rf"\b{tree(_STRENGTH['weapons'])}\b|{_FORCES}", _F)
_ACCIDENT_PRONE = frozenset(_STRENGTH["accident_prone"])
RE_ARMED = _words(_STRENGTH["weapons"] + _STRENGTH["armed_context"])


def weak_word(text: str) -> bool:
    """A word too weak to found an incident alone ("attack", "gunmen")."""
    return text.lower() in _WEAK


def weak(cue: Cue, sentence: str, counted: bool, bound: bool) -> bool:
    """Does the cue say too little to found an incident: a generic or ambiguous word
    ("attack", "explosion") in a sentence with no harm, no count (``counted``) and no
    weapon, and no place or day of its own (``bound``: "Thursday's attack in Nice")?"""
    if bound or cue.event_type and not weak_word(cue.text):
        return False
    return not counted and not RE_HARM.search(sentence) \
        and not any(m.group().lower() != cue.text.lower() for m in RE_WEAPON.finditer(sentence))


def armed(texts) -> bool:
    """Does an article speak of weapons or attackers anywhere? Without that its explosions
    are accidents (``accident_prone``)."""
    return any(RE_ARMED.search(t) for t in texts)


def accident_prone(cue: Cue) -> bool:
    return re.sub(r"\s+", " ", cue.text.lower()) in _ACCIDENT_PRONE


@dataclass(frozen=True, slots=True)
class _Taking:
    """A verb whose object is a place or a military object, with an armed side in its
    sentence ("the army seized the town of Ratyan", "jets struck rebel positions")."""
    event_type: str
    sub_event_type: str
    verbs: frozenset
    pattern: re.Pattern
    armed: re.Pattern


def _taking(name: str) -> _Taking:
    r = RULES[name]
    # "fired <the weapons> at": words up to ``gap`` (no clause's end among them), then a preposition
    gap = rf"(?:[\w'’./-]+,?\s+){{0,{r['gap']}}}?(?:{tree(r['prepositions'])})\s+" if "gap" in r else ""
    # the sides' names may stand there too ("targeted GNA positions", "fired at As Shaab area")
    between = f"(?:{tree(r['between'])}|(?:(?:pro|anti)-)?(?-i:[A-Z][\\w'’-]*))" if r.get("names_between") else tree(r["between"])
    return _Taking(*r["type"], frozenset(r["verbs"]),
                   re.compile(rf"\b(?P<verb>{tree(r['verbs'])})\s+{gap}(?:{between}\s+){{0,4}}"
                              rf"{tree(r['objects'])}\b", _F),
                   _words(r["armed"]))


_TAKINGS = (_taking("capture"), _taking("striking"), _taking("firing"))
CAPTURE_VERBS = _TAKINGS[0].verbs


def captures(sentence: str, offset: int = 0, words: set[str] | None = None) -> list[Cue]:
    """Places taken by force ("the army seized the town of Ratyan") and military objects
    struck ("jets struck rebel positions"): the verb is the cue. ``words``: the sentence's
    lower-case words, when known (most sentences have no such verb)."""
    out = []
    for rule in _TAKINGS:
        if words is not None and rule.verbs.isdisjoint(words) or not rule.armed.search(sentence):
            continue
        out += [Cue(m.start("verb") + offset, m.end("verb") + offset, m["verb"], rule.event_type, rule.sub_event_type)
                for m in rule.pattern.finditer(sentence)]
    return sorted(out, key=lambda c: c.start)


_KILLING = RULES["killing"]
RE_KILLING_ARMED = _words(_STRENGTH["weapons"] + _KILLING["weapons"])
RE_NOT_VIOLENCE = _words(_KILLING["not_violence"])


def killing(sentence: str, victims, held: frozenset = frozenset(), offset: int = 0, after: str = "") -> list[Cue]:
    """A killing told without an event word ("two people were killed at a depot by a man
    with a shotgun"): the first count of the dead (``victims``, from casualties, at
    ``offset`` + their place in the sentence) is the cue, where a weapon or an armed side
    is in the sentence, or in the sentence ``after`` it ("A man was found dead in X. The
    body had gunshot wounds."), and no accident or illness in either."""
    victims = [v for v in victims if v.kind == "killed"]     # the hurt alone: a riot, a brawl
    # (the sentence after counts only where this one names no weapon, and then for both tests)
    told_after = after and not RE_KILLING_ARMED.search(sentence)
    if not victims or not RE_KILLING_ARMED.search(after if told_after else sentence) \
            or RE_NOT_VIOLENCE.search(sentence) or told_after and RE_NOT_VIOLENCE.search(after) \
            or _no_attack(sentence, "*killing", 0, 0, held):
        return []
    v = victims[0]
    event_type, sub = _KILLING["type"]
    return [Cue(v.start, v.end, sentence[v.start - offset:v.end - offset], event_type, sub)]


def cues(sentence: str, offset: int = 0, held: frozenset = frozenset()) -> list[Cue]:
    """Event cue words, left to right, with their ACLED types; words used in another
    sense (``[sense]`` in events.toml, ``held``: the senses of the whole article) are left out."""
    out = []
    # most sentences hold no cue word: a set look-up of their words is cheaper than the pattern
    words = set(RE_LOWER_WORD.findall(sentence.lower()))
    if _CUE_WORDS.isdisjoint(words):
        return _with_captures(out, sentence, offset, held, words)
    for m in RE_CUE.finditer(sentence):
        # the word just before and just after (a window, not the whole sentence split anew)
        before = sentence[max(0, m.start() - 60):m.start()].split()[-1:] or [""]
        after = sentence[m.end():m.end() + 60].split()[:1] or [""]
        if before[0].lower().strip(",.") in _NOT_BEFORE or after[0].lower().strip(",.") in _NOT_AFTER:
            continue
        if m.group().lower() in _INFINITIVE and before[0].lower() in _INFINITIVE_BEFORE:
            continue
        key = re.sub(r"\s+", " ", m.group().lower())
        # "battle-scarred", "rocket-firing drill", "bomb-sniffing dog": a modifier, no event
        if sentence[m.end():m.end() + 2][:1] == "-" and sentence[m.end() + 1:m.end() + 2].isalpha():
            continue
        if _no_attack(sentence, key, m.start(), m.end(), held):
            continue
        event_type, sub = _CUES[key]
        out.append(Cue(m.start() + offset, m.end() + offset, m.group(), event_type, sub))
    return _with_captures(out, sentence, offset, held, words)


def _with_captures(out: list[Cue], sentence: str, offset: int, held: frozenset, words: set[str]) -> list[Cue]:
    taken = captures(sentence, offset, words)
    if taken and not _no_attack(sentence, "*capture", 0, 0, held):
        spans = [(c.start, c.end) for c in out]
        out += [c for c in taken if not any(a < c.end and c.start < b for a, b in spans)]
        out.sort(key=lambda c: c.start)
    return out


_RIOTS = RULES["riots"]
RIOT_TYPE = tuple(_RIOTS["type"])
RE_RIOT_CROWD = _words(_RIOTS["crowds"])
RE_RIOT_ACT = _words(_RIOTS["acts"])
RE_RIOT_VIOLENCE = _words(_RIOTS["violence"])


def riot(sentence: str) -> Cue | None:
    """A crowd's violent act ("protesters hurled bricks at the mosque"): a riot, ACLED's type."""
    crowd = RE_RIOT_CROWD.search(sentence)
    if crowd is None or not RE_RIOT_VIOLENCE.search(sentence):
        return None
    act = RE_RIOT_ACT.search(sentence, crowd.end())
    if act is None:
        return None
    return Cue(act.start(), act.end(), act.group(), *RIOT_TYPE)
