"""Choose one gazetteer entry for each place name of a document, from context.

Each candidate starts from its prior (gazetteer rank: population, kind, how the name
matched), plus its company: for every other name, how near that name's likeliest nearby
reading is, whatever is picked first ("Suffolk County" with "Southold" is on Long Island).
Evidence from the document's current readings is then added, name by name:
- the document's country and admin-1 focus, voted by its names (countries, demonyms,
  provinces and unambiguous towns count most), smoothed so one other name is no consensus;
- closeness to the places chosen for the other names (readings that keep places close
  together win);
- containment written out: "Aleppo, Syria", "Springfield, Illinois".
A changed reading votes at once. Weights are in ``geo/data/geoparse.toml``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

import numpy as np

from gazetteer import Candidate, Gazetteer

from .spatial import distance_km, pairwise_km
from .patterns import alternation
from .text import RULES, Span
from .usage import USAGE

_RES = RULES["resolution"]
_CONTAINERS = ("country", "admin1", "admin2")
# Readings too wide to say where the other places are.
_WIDE = ("country", "continent", "region", "demonym", "sea")


def candidates(span: Span, g: Gazetteer) -> list[Candidate]:
    """Readings of a name worth weighing: those within ``prior_margin`` of the best prior
    (context may choose Georgia the state over Georgia the country, never a hamlet
    called "Iraq" over the country)."""
    if span.key in USAGE:                      # "the White House": Washington
        return [g.get(USAGE[span.key])]
    if not span.gazetteer:
        return []
    found = g.lookup(span.key, fuzzy=False, limit=int(_RES["max_candidates"]))
    if not found:
        return []
    top = found[0]
    # A country's or region's own name is that place; only places of the very same name
    # compete with it ("Lebanon, Pennsylvania"), not alternate spellings ("Iraq" for Arāk).
    same_name_only = top.kind in _WIDE and top.grade == 0
    # A place known by this name competes within prior_margin; one that merely has it
    # among its alternate names (Watervliet, once "Washington") only within alternate_margin
    # of the best place whose own name it is.
    primary = max((c.score for c in found if c.grade == 0), default=None)
    return [c for c in found if c.score >= top.score - _RES["prior_margin"]
            and (not same_name_only or c.grade == 0)
            and (c.grade == 0 or primary is None or c.score >= primary - _RES["alternate_margin"])]


def _shares(votes: np.ndarray, own: int) -> np.ndarray:
    """Share of the other names' votes for each value (``votes``: per value code, code 0
    being ""; ``own``: the code of the name's own reading, whose vote is left out),
    smoothed by ``focus_prior_votes`` so a single other name is no consensus. No value
    ("") has no share."""
    t = float(votes.sum()) - (1.0 if own else 0.0)
    if not t > 0:
        return np.zeros(len(votes))
    n = votes.copy()
    n[own] -= 1.0
    out = n / (t + _RES["focus_prior_votes"])
    out[0] = 0.0
    return out


_CONTAINED_GAP = re.compile(r"\s*,\s*|\s+in\s+")


def _containment(text: str, spans: list[Span], cands: list[list[Candidate]]) -> dict[int, set[str]]:
    """For "X, Y" (and "X in Y"), the ids of the readings of Y that can contain X."""
    out: dict[int, set[str]] = {}
    for k in range(len(spans) - 1):
        gap = text[spans[k].end:spans[k + 1].start]
        if _CONTAINED_GAP.fullmatch(gap):
            out[k] = {c.country + "|" + c.admin1 + "|" + c.kind for c in cands[k + 1] if c.kind in _CONTAINERS}
    return out


def _contained(c: Candidate, containers: set[str]) -> bool:
    for item in containers:
        country, admin1, kind = item.split("|")
        if kind == "country" and c.country == country:
            return True
        if kind in ("admin1", "admin2") and admin1 and c.admin1 == admin1:
            return True
    return False


# one pattern, a group per kind: "(?P<city>town of|...)|(?P<admin2>district of)|..."
_RE_UNIT_OF = re.compile("|".join(rf"\b(?P<{kind}>{alternation(nouns)})\s+$"
                                  for kind, nouns in _RES["unit_of"].items()), re.IGNORECASE)


def _unit_kinds(text: str, spans: list[Span], index: dict, cands) -> dict[int, np.ndarray]:
    """For a name after "the town of", "the province of": which readings are of that kind."""
    out: dict[int, np.ndarray] = {}
    for s in spans:
        k = index[s.key]
        m = _RE_UNIT_OF.search(text, max(0, s.start - 24), s.start) if len(cands[k]) > 1 else None
        if m:
            hit = np.array([c.kind == m.lastgroup for c in cands[k]], dtype=float)
            out[k] = np.maximum(out[k], hit) if k in out else hit
    return out


_RE_INSIDE = re.compile(rf"\b(?:{alternation(_RES['inside'])})\s+$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'’”]?\s+(?=[\"'“‘]?[A-Z])|\n")


def _sentence_countries(text: str, spans: list[Span], index: dict, cands) -> dict[int, np.ndarray]:
    """For a town's name, which of its readings lie in a country named in one of its
    sentences ("students in France were hurt in the attack in Nice", in a story from
    California): the sentence says which Nice."""
    # a country that holds ("in France"), not one named as a qualifier ("the U.S. embassy")
    # or as a way in or out ("returned from Australia")
    countries = [cs[0].country if cs and cs[0].kind == "country" and cs[0].grade == 0
                 and _RE_INSIDE.search(text, max(0, s.start - 12), s.start) else ""
                 for s, cs in ((s, cands[index[s.key]]) for s in spans)]
    if not any(countries):
        return {}
    # the sentence ends among these names only: a long text is resolved window by window
    ends = [m.end() for m in _SENTENCE_END.finditer(text, min(s.start for s in spans), max(s.end for s in spans))]
    sentence = [bisect.bisect_right(ends, s.start) for s in spans]
    named: dict[int, set[str]] = {}
    for n, c in zip(sentence, countries):
        if c:
            named.setdefault(n, set()).add(c)
    out: dict[int, np.ndarray] = {}
    for s, n in zip(spans, sentence):
        k = index[s.key]
        here = named.get(n)
        if here and cands[k] and cands[k][0].kind not in _WIDE:
            hit = np.array([c.country in here for c in cands[k]], dtype=float)
            out[k] = np.maximum(out[k], hit) if k in out else hit
    return out


def resolve(text: str, spans: list[Span], g: Gazetteer, context_country: str | None = None,
            rounds: int = 3) -> list[tuple[Candidate | None, float]]:
    """The chosen entry of each span (None where the gazetteer has none) and its score:
    prior plus the document's evidence for it.

    One reading per name per document: every mention of "Dublin" gets the same entry,
    and a name votes once however often it is repeated. Starts from each name's best
    prior, then for a few rounds re-scores every candidate with the focus and closeness
    of the other names' current readings.
    """
    keys = list(dict.fromkeys(s.key for s in spans))
    index = {k: n for n, k in enumerate(keys)}
    first = {}
    for s in spans:
        first.setdefault(s.key, s)
    cands = [candidates(first[k], g) for k in keys]
    contain = _containment(text, spans, [cands[index[s.key]] for s in spans])
    prior = [np.array([c.score for c in cs]) for cs in cands]
    if context_country:
        prior = [p + _RES["country_weight"] * np.array([c.country == context_country for c in cs])
                 for p, cs in zip(prior, cands)]
    for m, containers in contain.items():
        k = index[spans[m].key]
        bonus = np.array([_contained(c, containers) for c in cands[k]], dtype=float)
        prior[k] = prior[k] + _RES["containment_bonus"] * bonus
        # ... and the reading of Y that contains a reading of X: "Salamanca, Guanajuato" is
        # the state of Guanajuato, not its capital city
        y = index[spans[m + 1].key]
        if y != k:
            towns = [x for x in cands[k] if x.kind not in _CONTAINERS]     # (not "South Carolina, Greenville")
            holds = np.array([c.kind in _CONTAINERS and any(_contained(x, {f"{c.country}|{c.admin1}|{c.kind}"})
                                                             for x in towns) for c in cands[y]], dtype=float)
            prior[y] = prior[y] + _RES["containment_bonus"] * holds
    for k, bonus in _unit_kinds(text, spans, index, cands).items():
        prior[k] = prior[k] + _RES["unit_kind_bonus"] * bonus
    for k, bonus in _sentence_countries(text, spans, index, cands).items():
        prior[k] = prior[k] + _RES["sentence_country_bonus"] * bonus
    prior = _company(cands, prior)
    picks = [cs[int(p.argmax())] if cs else None for cs, p in zip(cands, prior)]
    scores = [float(p.max()) if len(p) else 0.0 for p in prior]
    if sum(1 for p in picks if p is not None) >= 2:
        _rescore(cands, prior, picks, scores, rounds)
    return [(picks[index[s.key]], scores[index[s.key]]) for s in spans]


def _unit_aware_km(d: np.ndarray, units, is_unit, other_units=None, other_is_unit=None) -> np.ndarray:
    """Distances where a place inside a first-level unit is at most ``inside_unit_km`` from
    it: Toronto is in Ontario however far the province's centre is, so Lake Ontario is not
    much nearer. Not zero, or every state would outdo its great city ("New York")."""
    units, is_unit = np.asarray(units), np.asarray(is_unit, dtype=bool)
    o_units = units if other_units is None else np.asarray(other_units)
    o_is = is_unit if other_is_unit is None else np.asarray(other_is_unit, dtype=bool)
    same = (units[:, None] == o_units[None, :]) & (units[:, None] != "")
    inside = same & (is_unit[:, None] | o_is[None, :])
    return np.where(inside, np.minimum(d, _RES["inside_unit_km"]), d)


def _company(cands, prior):
    """Evidence that a reading has company: for each other name, its reading nearest to
    this one (weighted by how likely that reading is against that name's best), averaged
    over the other names. "Suffolk County" and "Southold" both have readings on Long
    Island; Suffolk, Virginia has no Southold near it. Unlike closeness to the current
    picks, this does not depend on where the first picks started."""
    k_max = int(_RES["company_candidates"])
    owner, lat, lon, rel, where, ids, units, is_unit = [], [], [], [], [], [], [], []
    for k, cs in enumerate(cands):
        if not cs:
            continue
        top = prior[k].max()
        order = np.argsort(-prior[k])[:k_max]
        for n in order:
            c = cs[n]
            if c.kind not in _WIDE:
                owner.append(k); lat.append(c.lat); lon.append(c.lon); ids.append(c.id)
                units.append(c.admin1); is_unit.append(c.kind == "admin1")
                rel.append(np.exp(prior[k][n] - top)); where.append((k, n))
    if len(set(owner)) < 2:
        return prior
    owner, rel = np.asarray(owner), np.asarray(rel)
    near = np.exp(-_unit_aware_km(pairwise_km(lon, lat), units, is_unit) / _RES["closeness_km"]) * rel[None, :]
    ids = np.asarray(ids)
    near[ids[:, None] == ids[None, :]] = 0.0     # another name for the same place is no company
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])     # owner is sorted
    best = np.maximum.reduceat(near, starts, axis=1)                   # candidate x name
    own = owner[:, None] == owner[starts][None, :]
    best[own] = 0.0
    support = best.sum(axis=1) / (len(starts) - 1)
    out = [p.copy() for p in prior]
    for (k, n), value in zip(where, support):
        out[k][n] += _RES["company_weight"] * value
    return out


def _rescore(cands, prior, picks, final, rounds):
    """Re-score each name in turn with the others' current readings; a changed reading
    votes at once for the names after it (updating all names from the same old votes let
    two names swap places forever: "London and Washington" read as Ohio and England)."""
    every = _Readings(cands)
    row = np.array([every.row(k, p) for k, p in enumerate(picks)])      # each name's reading
    # one vote per name for the country and the admin-1 unit of its reading
    countries = np.bincount(every.country[row[row >= 0]], minlength=len(every.countries)).astype(float)
    admin1 = np.bincount(every.admin1[row[row >= 0]], minlength=len(every.admin1s)).astype(float)
    countries[0] = admin1[0] = 0.0       # no vote for no value
    located = np.array([p is not None and p.kind not in _WIDE for p in picks])
    # How near every reading is to each name's current one, a row per name: all at once,
    # and a row anew only when a reading changes (not every name, every round).
    near = np.full((len(picks), len(every)), np.nan)
    near[located] = every.near(row[located])
    changes, scored_at = 0, [-1] * len(cands)
    for _ in range(rounds):
        changed = False
        for k, cs in enumerate(cands):
            # a name scored since the last change of reading would score the same again
            if not cs or scored_at[k] == changes:
                continue
            scored_at[k] = changes
            own, mine = picks[k], every.of(k)
            country_share = _shares(countries, every.country[row[k]])
            admin1_share = _shares(admin1, every.admin1[row[k]])
            # A sea or continent belongs to no country: the document's focus neither helps
            # nor hurts it against a town of the same name ("the Atlantic" in US news).
            in_country = np.where(every.country[mine] > 0, country_share[every.country[mine]], country_share.max())
            focus = _RES["country_weight"] * in_country + _RES["admin1_weight"] * admin1_share[every.admin1[mine]]
            scores = prior[k] + focus
            others = located.copy()
            others[k] = False
            if others.any():
                # in C order (reading x other name), as built before: the mean sums in
                # memory order, and another order could round differently
                closeness = np.ascontiguousarray(near[:, mine][others].T).mean(axis=1)
                scores = scores + _RES["closeness_weight"] * closeness
            top = int(scores.argmax())
            final[k] = float(scores[top])
            if cs[top].id != own.id:
                new = cs[top]
                for votes, code in ((countries, every.country), (admin1, every.admin1)):
                    votes[code[row[k]]] -= 1.0
                    votes[code[mine.start + top]] += 1.0
                    votes[0] = 0.0
                picks[k], changed = new, True
                changes += 1
                row[k] = mine.start + top
                located[k] = new.kind not in _WIDE
                if located[k]:
                    near[k] = every.near(row[k:k + 1])[0]
        if not changed:
            break


class _Readings:
    """All readings of a document's names as flat arrays, name after name."""

    def __init__(self, cands):
        flat = [c for cs in cands for c in cs]
        self._start = np.cumsum([0] + [len(cs) for cs in cands])
        self.lon = np.array([c.lon for c in flat], dtype=float)
        self.lat = np.array([c.lat for c in flat], dtype=float)
        self.unit = np.array([c.admin1 for c in flat])
        self.is_unit = np.array([c.kind == "admin1" for c in flat], dtype=bool)
        self.ids = np.array([c.id for c in flat])
        # values as codes into sorted tables, "" (no value) first, as code 0
        self.countries, self.country = np.unique([""] + [c.country for c in flat], return_inverse=True)
        self.admin1s, self.admin1 = np.unique([""] + [c.admin1 for c in flat], return_inverse=True)
        self.country, self.admin1 = self.country[1:], self.admin1[1:]
        self._cands = cands

    def __len__(self) -> int:
        return len(self.lon)

    def of(self, k: int) -> slice:
        """The rows of name k's readings."""
        return slice(int(self._start[k]), int(self._start[k + 1]))

    def row(self, k: int, pick) -> int:
        """The row of name k's reading ``pick`` (-1 when it has none)."""
        if pick is None:
            return -1
        return int(self._start[k]) + next(n for n, c in enumerate(self._cands[k]) if c is pick)

    def near(self, rows: np.ndarray) -> np.ndarray:
        """How near every reading is to each of the readings ``rows``, (len(rows), n):
        exp(-km / closeness_km), the km geodesic and unit-aware (``_unit_aware_km``)."""
        km = distance_km(*np.broadcast_arrays(self.lon[None, :], self.lat[None, :],
                                              self.lon[rows][:, None], self.lat[rows][:, None]))
        km = _unit_aware_km(km.T, self.unit, self.is_unit, self.unit[rows], self.is_unit[rows]).T
        near = np.exp(-km / _RES["closeness_km"])
        # another name for the same place ("Ramadi" read as Anbar beside "Anbar
        # Province") is not a second place nearby
        near[self.ids[None, :] == self.ids[rows][:, None]] = 0.0
        return near


def fallback_point(picks: list[Candidate | None]) -> Candidate | None:
    """The document's most named town or site, else its most named province or country:
    where a name the gazetteer lacks ("Khabur River") most likely is."""
    towns = Counter(p.id for p in picks if p is not None and p.kind in ("city", "airport", "airbase", "site"))
    if towns:
        best = towns.most_common(1)[0][0]
        return next(p for p in picks if p is not None and p.id == best)
    areas = Counter(p.id for p in picks if p is not None and p.kind in ("admin2", "admin1", "country"))
    if areas:
        best = areas.most_common(1)[0][0]
        return next(p for p in picks if p is not None and p.id == best)
    return None
