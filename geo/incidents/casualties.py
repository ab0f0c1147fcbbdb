"""Casualty counts in a sentence: how many were killed and injured, and the words that say so.

A count is the victims of the kill or wound word, never its agents: the object of an
active verb ("Three gunmen killed eight people": 8) or the subject of a passive or
intransitive one ("four women and one man were shot and killed": 5; "an American tourist
was stabbed to death": 1). A death toll is a count of the whole incident; one that rose or
was revised is marked ``update``, and supersedes the earlier figures of its incident.

>>> [(f.kind, f.low, f.high) for f in casualties("The blast killed at least 17 people and wounded four more.")]
[('killed', 17, 17), ('injured', 4, 4)]
>>> [(f.kind, f.low) for f in casualties("Three gunmen killed eight people.")]
[('killed', 8)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..patterns import alternation
from .dates import WEEKDAYS
from .events import RULES

_F = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Casualty:
    start: int
    end: int
    kind: str             # "killed" or "injured"
    low: int
    high: int
    toll: bool = False    # a death toll: the count of the whole incident
    update: bool = False  # a toll that rose or was revised: it supersedes earlier figures
    running: bool = False  # "forces have killed 177": a perfect, a running total unless dated
    vague: bool = False    # "dozens were killed": no figure, a word


# ---------------------------------------------------------------- words

_C = RULES["casualties"]
_NUMBERS = RULES["numbers"]
_VAGUE = frozenset(_C["vague"])
_NUM = rf"(?:\d[\d,]*(?![\w-])|(?:{alternation(_NUMBERS)})(?:-(?:{alternation(_NUMBERS)}))?\b)"
_HEDGE = r"(?:at\s+least|some|about|around|more\s+than|over|nearly|almost|up\s+to|as\s+many\s+as|approximately|roughly)"
_KILL = alternation(_C["killed"])
_HURT = alternation(_C["injured"])
_VICTIM_KILL = alternation(_C["victims_killed"])
_VICTIM_HURT = alternation(_C["victims_injured"])
_MANNER = alternation(_C["manner"])
_UPDATE = re.compile(rf"\b(?:{alternation(_C['update'])})\b", _F)
_AUX = r"(?:were|was|had\s+been|have\s+been|has\s+been|are|is|been|being|be|got|have|has|had)"
# verbs of dying: their subject is the victims whatever the tense ("have died")
_DYING = re.compile(r"(?:dead|died|perished|lost)", _F)
# "... died (Thursday at the school) during a violent attack": a death by violence
RE_VIOLENT_DEATH = re.compile(rf"(?:\s+[\w’'.-]+){{0,6}}?\s+(?:during|in|from|of|after)\s+(?:(?:a|an|the|his|her)\s+)?"
                              rf"(?:[\w-]+\s+){{0,2}}?(?:{alternation(_C['violent_deaths'])})\b", _F)
_ADVERB = r"(?:also|reportedly|later|all|both|then|subsequently|fatally|critically|seriously|severely|" \
          r"slightly|lightly|mortally|badly|each|allegedly|apparently|initially|found|discovered)"
_TOLLS = re.compile(r"(?:death\s+toll|toll|deaths|fatalities|dead)", _F)

# "killed at least one fighter", "wounding four more", "the toll rose to 45"
RE_VERB_COUNT = re.compile(rf"\b(?P<verb>{_KILL}|{_HURT})\s+(?=(?P<obj>[^.;:!?]*))", _F)
# the predicate whose subject is the victims: "were killed", "died", "was stabbed to death",
# "were shot and killed", "shot dead"
RE_PREDICATE = re.compile(
    rf"\b(?:(?P<aux>{_AUX})\s+)?(?:{_ADVERB}\s+)*(?:(?:{_MANNER})\s+and\s+)?"
    rf"(?P<verb>{_VICTIM_KILL}|{_VICTIM_HURT}|(?:{_MANNER})\s+(?:to\s+death|dead))\b", _F)
# "a mob beat a man to death", "stabbed two people to death"
RE_TO_DEATH = re.compile(rf"\b(?:{_MANNER})\s+(?P<obj>(?:{_HEDGE}\s+)?{_NUM}(?:\s+[\w'’-]+){{0,3}}?)\s+to\s+death\b", _F)
RE_QUANTITY = re.compile(rf"^\s*(?P<hedge>{_HEDGE}\s+)?(?P<num>{_NUM})", _F)
RE_FAMILY_OF = re.compile(rf"^\s*(?:an?|the)\s+family\s+of\s+(?P<hedge>{_HEDGE}\s+)?(?P<num>{_NUM})", _F)
RE_SELF = re.compile(r"^\s*(?:himself|herself)\s*$", _F)
# "the attack claimed 12 lives", "claiming the lives of 30 people"
RE_LIVES = re.compile(rf"\b(?:claimed|claiming|claims|cost|costing|costs)\s+(?:(?P<a>(?:{_HEDGE}\s+)?{_NUM})\s+(?:[\w-]+\s+)?lives"
                      rf"|the\s+lives\s+of\s+(?P<b>(?:{_HEDGE}\s+)?{_NUM}))\b", _F)
# an active verb's object follows it: "killed eight people", "shot dead a man", "wounded him"
_OBJECT = re.compile(rf"^\s+(?:{_HEDGE}\s+)?(?:{_NUM}|the|his|her|their|its|him|them|us|me|it|himself|herself|dozens|scores|hundreds)\b", _F)
_TOLL_VERBS = re.compile(r"^(?:(?:has|had|have|was|is|to|at|of|rose|risen|rising|stood|stands|reached|climbed|jumped|"
                         r"increased|now|further|later|been|revised|raised|lowered|put|the|toll)\s+)+", _F)
_RISE = alternation(_C["toll_rise"])
_SUPERSEDED = re.compile(rf"\b(?:{_RISE})\s+from\s+(?:the\s+|a\s+)?(?:earlier\s+|previous\s+|initial\s+)?(?:death\s+)?$", _F)
_TOLL_AFTER_OF = re.compile(rf"^(?:from|of|in)\s+[^,;:!?()\"“”]{{1,120}}?\s+(?:has\s+|had\s+)?(?:{_RISE})\s+(?:to|at)\s+", _F)
# (a comma ends a clause, but not the comma of "39,000")
_CLAUSE_END = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))|\bin\s+what\b|\bin\s+an?\b|\bas\b|\bwho\b|\bwhich\b|\bwhile\b|\bbut\b|\bafter\b|\bbefore\b|\bwhen\b", _F)
# Where a subject cannot reach back past: another clause, a speech verb, a subordinator.
_SUBJECT_START = re.compile(
    r".*(?:[;:!?(\"“”]|\b(?:when|while|after|before|as|that|which|who|whom|whose|but|because|since|where|if|"
    r"although|though|said|says|say|told|tells|reported|according\s+to|added|adding|saying|"
    rf"killing|wounding|injuring|{_KILL}|{_HURT})\b)", _F | re.DOTALL)
# "at least 40 people, including six children, have died": the aside is not the subject
_ASIDE = re.compile(r",\s*(?:including|among\s+them|mostly|most\s+of\s+them|many\s+of\s+them|all\s+of\s+them)\b[^,]*,\s*$"
                    r"|\s*\([^)]*\)\s*$", _F)
_WORD = rf"(?!(?:{_AUX}|and|or|{_KILL}|{_HURT})\b)[\w'’.-]+"
# after a count, no second number ("another 20 people"), but an age ("two 15-year-old girls"),
# and a group's acronym even where it spells an auxiliary ("2 IS militants")
_NP_WORD = rf"(?:\d+-year-old|(?-i:[A-Z]{{2,}})\b|(?!\d){_WORD})"
# a counted noun phrase: "at least 17 people", "One Park Ridge police officer", "a 19-year-old"
RE_COUNTED = re.compile(rf"(?:^|\s)(?P<hedge>{_HEDGE}\s+)?(?P<num>{_NUM})(?P<rest>(?:\s+{_NP_WORD}){{0,5}})\s*$", _F)
# one named or singular victim: "the attacker died", "an American tourist was stabbed to death"
RE_SINGULAR = re.compile(rf"(?:^|\s)(?:(?i:he|she)|(?i:an?|the|this|that|his|her|their|its|one)\s+(?!(?i:{alternation(_C['shares'])})\b){_WORD}(?:\s+{_WORD}){{0,4}}"
                         rf"|(?!I['’]|(?:The|A|An|This|That|These|Those|His|Her|Their|Its|One|When|If|But|And)\b)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,3}})\s*$")
RE_NONE = re.compile(r"(?:^|\s)(?:nobody|no\s+one|none|no\s+(?:\w+\s+){0,2}(?:people|persons|one|civilians|casualties|soldiers|"
                     r"troops|personnel|residents|passengers|staff|children|students|workers))\s*$", _F)
_WHO_CLAUSE = re.compile(r"\s+who\s+[^,;:()\"“”]*$", _F)
# one victim named by role after an active kill (wound) verb: "killed the group's
# commander", "killed Hezbollah commander Fu'ad Shukr", "wounding the driver on Monday";
# a role with no determiner needs a name ("killed militia commander Ahmed Karimi")
_NAME = r"[A-Z][\w’'.-]+"
# what may follow the role (or its name): a lower-case preposition or time word, or a weekday
_ROLE_AFTER = alternation(_C["one_victim_after"] + [d.capitalize() for d in WEEKDAYS])
RE_ONE_VICTIM = re.compile(
    rf"^\s*(?:(?P<det>(?i:the|his|her|its|their|our|that)|{_NAME}['’]s?)\s+)?"
    rf"(?:(?!\d|(?i:{_NUM}|and|or|of|in|on|at)\b)[\w’'-]+\s+){{0,3}}?(?i:{alternation(_C['one_victim'])})"
    rf"(?P<name>(?:\s+{_NAME}){{1,4}})?(?=\s*$|\s+(?:{_ROLE_AFTER})\b)")
# the verb forms that take such an object: past, "-s" and "-ing" forms, never the bare "kill"
# ("to kill the mayor"; "to" and modals before a listed form are RE_MODAL_BEFORE's)
RE_ONE_VICTIM_VERB = re.compile(r"(?:killed|killing|kills|shot\s+dead|shooting\s+dead|gunned\s+down|gunning\s+down|"
                                r"fatally\s+sho\w+|fatally\s+stabb\w+|wounded|wounding|injured|injuring)", _F)
RE_MODAL_BEFORE = re.compile(r"\b(?:to|would|will|could|might|can|cannot|not|never|n['’]t)\s+$", _F)
_PLURAL_AUX = re.compile(r"^(?:were|are|have\s+been)$", _F)
_SINGULAR_AUX = re.compile(r"^(?:was|is|has\s+been)$", _F)


def _value(num: str) -> int | None:
    n = num.lower().strip()
    if n[0].isdigit():
        digits = n.replace(",", "")
        if len(digits) > 6:        # no casualty count has seven digits; a huge one is noise
            return None
        v = int(digits)
        return v if v < 1_000_000 else None
    if "-" in n:                   # "twenty-five"
        tens, _, units = n.partition("-")
        a, b = _NUMBERS.get(tens), _NUMBERS.get(units)
        return a + b if a is not None and b is not None and a >= 20 and b < 10 else None
    return _NUMBERS.get(re.sub(r"\s+", " ", n))


_MONTH_BEFORE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$", _F)


_KIN = {**{w: 1 for w in _C["kin_one"]}, **{w: 2 for w in _C["kin_two"]}, **{w: 2 for w in _C["kin_some"]}}
RE_KIN = re.compile(rf"^\s*(?:his|her|their|a|the)\s+(?:[\w-]+\s+)?(?P<kin>{alternation(_KIN)})\s*$", _F)
RE_KIN_TO_DEATH = re.compile(rf"\b(?:{_MANNER})\s+(?P<obj>(?:his|her|their)\s+[\w\s,'’-]{{3,80}}?)\s+to\s+death\b", _F)


def _kin_count(obj: str) -> int | None:
    """People named by kinship and number: "his parents and two sisters" is 4; None when
    any part is neither."""
    total = 0
    for part in re.split(r",|\band\b", obj, flags=_F):
        if not part.strip():
            continue
        k = RE_KIN.match(part)
        q = RE_QUANTITY.match(part)
        if k:
            total += _KIN[k["kin"].lower()]
        elif q and _value(q["num"]) is not None:
            total += _value(q["num"])
        else:
            return None
    return total or None


def _one_victim(sentence: str, pos: int, verb: str, obj: str) -> bool:
    """Whether the active kill (wound) verb at ``pos`` has one victim named by role as its
    object ("killed the group's commander"); ``obj`` is the text after the verb."""
    if not RE_ONE_VICTIM_VERB.fullmatch(verb) or RE_MODAL_BEFORE.search(sentence, max(0, pos - 12), pos):
        return False
    cut = re.search(r"[,;:.!?()\"“”]|\band\b", obj)
    one = RE_ONE_VICTIM.match(obj[:cut.start()] if cut else obj)
    return bool(one and (one["det"] or one["name"]))


def _is_count(sentence: str, num: str, pos: int) -> bool:
    """ "the 2012 attack" and "February 15 attack" are dates, not 2012 or 15 people."""
    return not re.fullmatch(r"(?:19|20)\d\d", num) and not _MONTH_BEFORE.search(sentence[max(0, pos - 12):pos])


def _kind(verb: str) -> str:
    v = re.sub(r"\s+", " ", verb.lower())
    if re.fullmatch(_HURT, v, _F) or re.fullmatch(_VICTIM_HURT, v, _F):
        return "injured"
    return "killed"


def _vague(num: str) -> bool:
    return re.sub(r"\s+", " ", num.lower().strip()) in _VAGUE


def _subject(sentence: str, pos: int, aux: str | None, verb: str) -> tuple[int, bool] | None:
    """The number of victims the subject before ``pos`` names, summed over "and"
    ("three civilians and a police officer were killed": 4), and whether it is only a
    word ("dozens"); None when it names none."""
    before = _ASIDE.sub("", sentence[:pos].rstrip())
    # "two girls who were believed to be friends were found shot dead": the clause about
    # the subject is not the subject
    before = _WHO_CLAUSE.sub("", before)
    cut = _SUBJECT_START.match(before)
    tail = before[cut.end():] if cut else before
    if RE_NONE.search(tail):
        return 0, False
    if re.search(r"\b(?:the|a|an|this|that|these|those|his|her|their|its|our|of|for|to|with)\s*$", tail, _F):
        return None             # "the wounded man", "the recovery of the wounded": no predicate
    total, seen, vague = 0, False, True
    # conjuncts split at "and" and at commas, not at the comma of "3,545"
    for k, part in enumerate(reversed(re.split(r"\s*(?<!\d),\s*(?:and\s+)?|\s*,(?!\d{3}\b)\s*(?:and\s+)?|\s+and\s+", tail))):
        m = RE_COUNTED.search(part)
        if not m or (k and part[:m.start()].strip()) or not _is_count(part, m["num"], m.start("num")):
            break
        v = _value(m["num"])
        if v is None or (m["num"].lower() in ("a", "an") and re.search(r"\bof\b", m["rest"], _F)):
            break
        total, seen, vague = total + v, True, vague and _vague(m["num"])
        if part[:m.start()].strip():
            break               # "told Reuters at least 17 people": the subject began inside
    if seen:
        return total, vague
    # one victim of a killing: a singular subject ("an American tourist was stabbed to
    # death", "a man shot dead"); "he died in 2004" is no count: most such deaths are natural
    if _DYING.match(verb) and not RE_VIOLENT_DEATH.match(sentence, pos + len(verb)):
        return None
    if aux == "being":
        # "... before being killed": the victim is the clause's subject, one if "he" or "she"
        return (1, False) if re.search(r"\b(?:before|after|upon|on|while)\s*$", before, _F) \
            and re.search(r"\b(?:he|she)\b", before, _F) else None
    singular = (aux and _SINGULAR_AUX.match(aux)) or (not aux and not re.search(r"s\s*$", tail))
    if singular and not (aux and _PLURAL_AUX.match(aux)) and RE_SINGULAR.search(tail):
        return 1, False
    return None


# Every pattern below holds one of these words: a sentence without any is read no further.
# A stem of each word RE_ANY seeks (the first letters of its longest part): a sentence with
# the words of a single body found ("the body of a man", "a human head")
_BODY_WORDS = ("body", "human head")
# none cannot match, and most sentences have none
_STEMS = frozenset(max(w.lower().split(), key=len)[:4]
                   for w in _C["killed"] + _C["injured"] + _C["victims_killed"] + _C["victims_injured"]
                   + ["to death", "dead", "died", "toll", "massacre", "bodies", "lives", *_BODY_WORDS])
RE_ANY = re.compile(rf"\b(?:{_KILL}|{_HURT}|{_VICTIM_KILL}|{_VICTIM_HURT})|\bto\s+death\b"
                    rf"|\b(?:dead|died|toll|massacre|bodies|lives|{alternation(_BODY_WORDS)})\b", _F)
# "he saw four bodies", "the bodies of 12 men were found": the dead, counted by their bodies
RE_BODIES = re.compile(rf"\b(?P<a>(?:{_HEDGE}\s+)?{_NUM})\s+(?:more\s+|other\s+)?bodies\b"
                       rf"|\bbodies\s+of\s+(?P<b>(?:{_HEDGE}\s+)?{_NUM})\b", _F)


# "went to the woman's home ... and found her body": one dead, told by the body found
# ... and "the body of a man was found with gunshot wounds"
RE_ONE_BODY = re.compile(r"\b(?:found|discovered|recovered)\s+(?:his|her)\s+(?:[a-z-]+\s+)?body\b"
                         r"|\bbody\s+of\s+(?:a|an|one)\s+(?:[\w-]+\s+){1,10}?(?:was\s+)?(?:found|discovered|recovered)\b"
                         r"|\b(?:a|one)\s+human\s+head\s+(?:was\s+)?(?:found|discovered|recovered|left)\b"
                         r"|\b(?:a|one)\s+dead\s+body\s+(?:[\w-]+\s+){0,4}?(?:was\s+)?(?:found|discovered|recovered)\b"
                         # "a man's body was found", whoever the one victim is ([casualties] one_victim)
                         rf"|\b(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}?(?:{alternation(_C['one_victim'])})['’]s\s+body\s+"
                         r"(?:was\s+)?(?:found|discovered|recovered)\b", _F)


RE_PERFECT_AUX = re.compile(r"(?:have|has)\s+been", _F)
# a period of months or more ("over the last seven months", "since the PKK took up arms in
# 1984"), or "a total of": a count over it is a running total; "over the last two days" is
# still one wave of clashes
RE_PERIOD = re.compile(r"\b(?:over|in|during|within|for)\s+the\s+(?:last|past)\s+(?:\w+\s+){0,2}"
                       r"(?:months|years|decades|year|month|decade)\b|\bso\s+far\s+this\s+(?:year|month)\b"
                       r"|\bsince\s+(?:[\w'’-]+\s+){0,6}?(?:19|20)\d\d\b|\ba\s+total\s+of\b", _F)
# a toll that counts since a time: "the fourth such attack in Turkey this year, bringing the toll to 80"
RE_SO_FAR = re.compile(r"\b(?:this|since\s+the\s+start\s+of\s+the)\s+(?:year|month)\b|\bsuch\s+attacks?\b", _F)
RE_PERFECT = re.compile(r"\b(?:have|has)\s+(?:now\s+|already\s+|so\s+far\s+|since\s+)?$", _F)
_CUMULATIVE = alternation(_C["cumulative_subjects"])
# "... a war that has pulled in regional powers, killed at least 250,000 people and displaced
# half its people": the war's perfect shared by a list of its verbs
_WAR_HAS = rf"\b(?:{_CUMULATIVE})(?:\s*,?\s+(?:that|which))?\s+(?:has|have|had)\s+"     # "a war that has"
RE_CUMULATIVE_LIST = re.compile(rf"{_WAR_HAS}[^.;:]{{0,120}}?,\s*(?:and\s+)?$", _F)
RE_CUMULATIVE = re.compile(rf"{_WAR_HAS}(?:now\s+|already\s+|so\s+far\s+)?$", _F)
RE_SINCE = re.compile(r"[^.;:]{0,60}?\bsince\s+(?:(?:19|20)\d\d|January|February|March|April|May|June|July|"
                      r"August|September|October|November|December|the\s+start|the\s+beginning|it\s+began)", _F)


def casualties(sentence: str, offset: int = 0) -> list[Casualty]:
    """Counts of people killed and injured the sentence states."""
    low = sentence.lower()
    if not any(stem in low for stem in _STEMS) or not RE_ANY.search(sentence):
        return []
    out: list[Casualty] = []
    perfect: set[Casualty] = set()       # "have been killed": a total when a period is given
    taken: list[tuple[int, int]] = []
    for m in RE_PREDICATE.finditer(sentence):
        aux = re.sub(r"\s+", " ", m["aux"]) if m["aux"] else None
        verb = m["verb"]
        # "Three gunmen killed eight people": the subject of an active verb is its agent
        if not aux and not _DYING.match(verb) and (_OBJECT.match(sentence[m.end():])
                                                   or _one_victim(sentence, m.start(), verb, sentence[m.end():])):
            continue
        if aux in ("have", "has", "had") and not _DYING.match(verb):
            continue            # "have killed at least one fighter": perfect and active
        found = _subject(sentence, m.start(), aux, verb)
        if found is None:
            continue
        v, vague = found
        out.append(Casualty(m.start() + offset, m.end() + offset, _kind(verb), v, v, vague=vague))
        if aux and RE_PERFECT_AUX.fullmatch(aux):
            perfect.add(out[-1])
        taken.append((m.start(), m.end()))
    for m in RE_TO_DEATH.finditer(sentence):
        q = RE_QUANTITY.match(m["obj"])
        v = _value(q["num"]) if q and _is_count(m["obj"], q["num"], q.start("num")) else None
        if v is not None and not any(a <= m.start() < b for a, b in taken):
            out.append(Casualty(m.start() + offset, m.end() + offset, "killed", v, v, vague=_vague(q["num"])))
            taken.append((m.start(), m.end()))
    # the dead told by their lives or their bodies ("claimed 12 lives", "saw four bodies")
    # (each sought only where its noun is: the number words make them slow to scan)
    regexes = [rx for rx, noun in ((RE_LIVES, "lives"), (RE_BODIES, "bodies")) if noun in low]
    for m in (m for regex in regexes for m in regex.finditer(sentence)):
        q = RE_QUANTITY.match(m["a"] or m["b"])
        v = _value(q["num"]) if q and _is_count(sentence, q["num"], m.start()) else None
        if v is not None and not any(a <= m.start() < b for a, b in taken):
            out.append(Casualty(m.start() + offset, m.end() + offset, "killed", v, v, vague=_vague(q["num"])))
            taken.append((m.start(), m.end()))
    for m in (RE_ONE_BODY.finditer(sentence) if any(w in low for w in _BODY_WORDS) else ()):
        if not any(a <= m.start() < b for a, b in taken):
            out.append(Casualty(m.start() + offset, m.end() + offset, "killed", 1, 1))
            taken.append((m.start(), m.end()))
    for m in (RE_KIN_TO_DEATH.finditer(sentence) if "death" in low else ()):
        v = _kin_count(m["obj"])
        if v is not None and not any(a <= m.start() < b for a, b in taken):
            out.append(Casualty(m.start() + offset, m.end() + offset, "killed", v, v))
            taken.append((m.start(), m.end()))
    for m in RE_VERB_COUNT.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if RE_CUMULATIVE.search(sentence, max(0, m.start() - 50), m.start()) \
                or RE_CUMULATIVE_LIST.search(sentence, max(0, m.start() - 160), m.start()) \
                or RE_SINCE.match(sentence, m.end()):
            continue    # "a conflict that has killed 250,000", "killed 177 since October": a war's toll
        obj, toll = m["obj"], bool(_TOLLS.fullmatch(m["verb"]))
        if toll and _SUPERSEDED.search(sentence, max(0, m.start() - 40), m.start()):
            continue    # "the toll, which rose from the toll of 59": the figure it replaced
        if toll and RE_SO_FAR.search(sentence):
            continue    # "the fourth such attack this year, bringing the toll to 80": the year's
        update = False
        if toll:
            # "put the death toll at five", "deaths rose to 17"
            lead = _TOLL_VERBS.match(obj)
            if not lead:
                # "the death toll from the market bombings in eastern Baghdad climbed to 73":
                # what the toll is of, then its verb
                lead = _TOLL_AFTER_OF.match(obj)
            update = bool(lead and _UPDATE.search(lead.group())) or bool(_UPDATE.search(sentence[max(0, m.start() - 40):m.start()]))
            obj = obj[lead.end():] if lead else obj
        cut = _CLAUSE_END.search(obj)
        obj = obj[:cut.start()] if cut else obj
        total, seen, vague = 0, False, True
        for part in re.split(r"\band\b", obj, flags=_F):
            if RE_SELF.match(part):         # "killed himself and 14 others": the attacker too
                total, seen, vague = total + 1, True, False
                continue
            q = RE_FAMILY_OF.match(part) or RE_QUANTITY.match(part)       # "a family of five": 5
            if not q and not toll and _one_victim(sentence, m.start(), m["verb"], part):
                total, seen, vague = total + 1, True, False
                continue
            if not q or re.match(rf"\s*\S+\s+(?:{_KILL}|{_HURT})\b", part, _F) \
                    or not _is_count(part, q["num"], q.start("num")):
                break
            v = _value(q["num"])
            if v is None:
                break
            total += v
            seen, vague = True, vague and _vague(q["num"])
        if seen:
            running = bool(RE_PERFECT.search(sentence, max(0, m.start() - 30), m.start()))
            out.append(Casualty(m.start() + offset, m.end() + offset, _kind(m["verb"]), total, total, toll, update,
                                running, vague))
    if RE_PERIOD.search(sentence):
        # "Over the last seven months, 28 Israelis have been killed": a running total
        out = [c for c in out if not c.running and c not in perfect]
    out.sort(key=lambda c: c.start)
    return out


def toll(counts: list[Casualty], lead: list[Casualty] | None = None) -> tuple[int, int, int] | None:
    """(best, low, high) deaths of one incident from the counts its article gives, in
    text order; None when it gives none. ``lead``: the counts of the first sentence that
    gives any.

    ``low``/``high`` span the figures given (sources that disagree). The best single
    figure is the latest updated toll ("the toll rose to 45") if any, since it supersedes
    the earlier ones; else the largest figure of the lead. News tells the toll first; a
    smaller figure in the same sentence is most often a part ("including six children"),
    and a larger one further down most often another event's toll or a campaign's total
    ("more than 100 killed this month"). ACLED codes the lowest credible figure when
    sources disagree; the range keeps the disagreement.
    """
    if not counts:
        return None
    low, high = min(c.low for c in counts), max(c.high for c in counts)
    updates = [c for c in sorted(counts, key=lambda c: c.start) if c.update]
    if updates:
        return updates[-1].low, low, high
    best = max(c.low for c in (lead or counts))
    if lead and all(c.vague for c in lead):
        # "killed dozens of people ... at least 135 people were killed": the first figure
        # given that is no smaller than the word's
        best = next((c.low for c in counts if not c.vague and c.low >= best), best)
    return best, low, high
