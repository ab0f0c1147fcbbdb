"""`Gazetteer`: candidates for a place name, best first, from the embedded data.

>>> from gazetteer import Gazetteer
>>> g = Gazetteer.default()
>>> g.lookup("Irbil")[0].name
'Erbil'
>>> g.admin1_at(34.45, 40.92).name
'Dayr Az Zawr'
"""

from __future__ import annotations

import csv
import threading
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from . import settings, shapes
from ._errors import BadPlaceName
from ._store import Categories, NameIndex, SkeletonIndex, Strings, numbers, read_parquet
from .candidate import Candidate
from .normalize import name_key

# Score added for how a name matched: primary name, alternate, derived form.
GRADE_BONUS = (0.3, 0.0, -1.0)
# A fuzzy match is scored below any exact one of similar rank.
FUZZY_PENALTY = 3.0
FUZZY_CUTOFF = 85.0
# spelled_like compares a name with at most this many keys that share its first letters
SPELLED_LIKE_KEYS = 20000
# A skeleton match ("Touqan" for Tuqan) ranks below exact ones, above fuzzy ones.
SKELETON_PENALTY = 1.5
USER_RANK = 12.0


def _best_per_entry(rows: list[tuple]) -> list[tuple]:
    """(entry, score, ...) rows, an entry reached through several of its names once, with
    its best score; best first."""
    best: dict[int, tuple] = {}
    for r in rows:
        if r[0] not in best or r[1] > best[r[0]][1]:
            best[r[0]] = r
    return sorted(best.values(), key=lambda r: -r[1])


def _curated(name: str) -> csv.DictReader:
    """The rows of one of the package's curated CSV files."""
    text = resources.files("gazetteer").joinpath(f"data/curated/{name}").read_text("utf-8")
    return csv.DictReader(text.splitlines())


def _facility_terms() -> dict[str, str]:
    """Airport and air base words ("international airport", "air base") and their kind."""
    return {name_key(row["term"]): row["kind"] for row in _curated("facility_terms.csv")}


def _admin_terms() -> dict[str, tuple[str, ...]]:
    terms: dict[str, list[str]] = defaultdict(list)
    for row in _curated("admin_terms.csv"):
        terms[name_key(row["term"])].append(row["kind"])
    return {t: tuple(k) for t, k in terms.items()}


def _split_last_term(key: str, terms: dict, longest: int) -> tuple[str, object] | None:
    """(the words before, the term's value) where ``key`` ends in a term of ``terms`` of at
    most ``longest`` words after some other word, the longer term first; None otherwise."""
    words = key.split()
    for n in range(longest, 0, -1):
        term = " ".join(words[-n:])
        if len(words) > n and term in terms:
            return " ".join(words[:-n]), terms[term]
    return None


class Gazetteer:
    """Look-up over the embedded gazetteer, user places and (optionally) an online geocoder.

    Parameters
    ----------
    data_dir : folder of the embedded files (default: :func:`settings.data_dir`).
    user_places : extra places (:class:`gazetteer.userplaces.UserPlace`) searched first.
    online : an object with ``lookup(name, country)`` returning candidates, used only when
        nothing local matches (see :mod:`gazetteer.online`); None keeps look-ups offline.
    """

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, data_dir=None, user_places: Iterable = (), online=None):
        base = data_dir or settings.data_dir()
        e = read_parquet(base / "entries.parquet")
        self._id = Strings(e.column("id"))
        self._name = Strings(e.column("name"))
        self._kind = Categories(e.column("kind"))
        self._country = Categories(e.column("country"))
        self._admin1 = Categories(e.column("admin1"))
        self._lat = numbers(e.column("lat"), "d")
        self._lon = numbers(e.column("lon"), "d")
        self._pop = numbers(e.column("population"), "q")
        self._rank = numbers(e.column("rank"), "f")
        self._shape = numbers(e.column("has_shape"), "?")
        self._names = NameIndex(read_parquet(base / "names.parquet"))
        self._admin_terms = _admin_terms()
        self._facility_terms = _facility_terms()
        self._facility_longest = max(len(t.split()) for t in self._facility_terms)
        self._by_id: dict[str, int] | None = None
        self._by_code: dict[str, int] | None = None
        self._xy = None           # entry points as an (n, 2) array, made on first spatial query
        self._base = base
        self._skeletons = None      # skeleton -> keys (skeletons.parquet), read on first use
        self._user: dict[str, list[Candidate]] = defaultdict(list)
        self.online = online
        # changes whenever the places the gazetteer finds do: what remembers its answers
        # (geo.where, _local) keys on it
        self.revision = 0
        # A document looks the same names up to recognise, resolve and place them, and a
        # corpus names the same places again and again: local answers are remembered.
        self._local = lru_cache(maxsize=8192)(self._local_candidates)
        self.add_places(user_places)

    @classmethod
    def default(cls) -> Gazetteer:
        """The embedded gazetteer with the saved user places, loaded once per process."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    from . import userplaces

                    online = None
                    if settings.online():
                        from .online import OnlineGeocoder

                        online = OnlineGeocoder()
                    cls._default = cls(user_places=userplaces.load_saved(), online=online)
        return cls._default

    def __len__(self) -> int:
        return len(self._id)

    # ------------------------------------------------------------ look-up

    def lookup(self, name: str, country: str | None = None, kinds: Iterable[str] | None = None,
               *, limit: int | None = None, fuzzy: bool = True) -> list[Candidate]:
        """Candidates for ``name``, best first.

        ``country`` (ISO2 or ISO3) and ``kinds`` (see ``settings.KINDS``) filter the
        candidates. Exact matches (after folding case, diacritics, punctuation and
        Arabic article spellings) come first; "Deir ez-Zor province" also finds the
        admin-1 unit "Deir ez-Zor", and "Heathrow Airport" the airports whose name or
        short form is "Heathrow", ranked with the exact matches; only when nothing matches
        exactly is a fuzzy match tried, then the online geocoder if one is set.
        """
        if not isinstance(name, str) or not name.strip():
            raise BadPlaceName("empty place name")
        key = name_key(name)
        if not key:
            raise BadPlaceName(f"no letters or digits in place name {name!r}")
        cc = self._country_filter(country)
        kind_set = frozenset(kinds) if kinds else None
        found = list(self._local(key, cc, kind_set, limit, fuzzy, self.revision))
        if not found and self.online is not None:
            found = [c for c in self.online.lookup(name, country=cc)
                     if self._keep(c.kind, c.country, cc, kind_set)]
        return found[:limit] if limit else found

    def _local_candidates(self, key, cc, kind_set, limit, fuzzy, revision) -> tuple[Candidate, ...]:
        """The user places and embedded entries found for a key (what ``_local`` remembers,
        ``revision`` telling apart the answers before and after places were added)."""
        found = [c for c in self._user.get(key, ()) if self._keep(c.kind, c.country, cc, kind_set)]
        # Rows are (entry, score, match, key); Candidates are made only for those returned.
        rows = self._exact(key, cc, kind_set, "exact")
        seen = {r[0] for r in rows}
        for stripped, term_kinds in self._strip_admin_term(key):
            kinds_here = frozenset(term_kinds) & kind_set if kind_set else frozenset(term_kinds)
            rows += [r for r in self._exact(stripped, cc, kinds_here, "admin-term") if r[0] not in seen]
            seen = {r[0] for r in rows}
        stripped = self._strip_facility_term(key)
        if stripped:
            # "Heathrow Airport": the large airport whose short form is "Heathrow" ranks with
            # the airstrip in Texas named "Heathrow Airport" exactly, and above it
            rest, term_kind = stripped
            if kind_set is None or term_kind in kind_set:
                more = [r for r in self._exact(rest, cc, frozenset({term_kind}), "facility-term") if r[0] not in seen]
                if more:
                    rows = sorted(rows + more, key=lambda r: -r[1])
        if not found and not rows and fuzzy:
            rows = self._fuzzy(key, cc, kind_set)
        if limit:
            rows = rows[: max(0, limit - len(found))]
        return tuple(found + [self._candidate(*r) for r in rows])

    def sounding(self, name: str, country: str | None = None, kinds: Iterable[str] | None = None,
                 *, limit: int = 10) -> list[Candidate]:
        """Entries whose name has the same skeleton as ``name`` ("Touqan" for Ţūqān), best
        first, with match "skeleton". For the spellings exact look-up misses; the skeleton
        index (skeletons.parquet) is read on first use, never at load."""
        from .normalize import skeleton

        if self._skeletons is None:
            self._skeletons = SkeletonIndex(read_parquet(self._base / "skeletons.parquet"))
        target = skeleton(name_key(name))
        if not target:
            return []
        cc = self._country_filter(country)
        kind_set = frozenset(kinds) if kinds else None
        rows = [r for key in self._skeletons.keys(target)
                for r in self._exact(key, cc, kind_set, "skeleton", SKELETON_PENALTY)]
        return [self._candidate(*r) for r in _best_per_entry(rows)[:limit]]

    def spelled_like(self, name: str, country: str | None = None, kinds: Iterable[str] | None = None,
                     *, limit: int = 5, cutoff: float = FUZZY_CUTOFF, prefix: int = 3) -> list[Candidate]:
        """Entries whose name is spelled like ``name`` ("Ben Guerdan" for Ben Gardane), best
        first, with match "fuzzy": among the keys that share its first ``prefix`` letters, at
        least ``cutoff`` alike (rapidfuzz ratio, 0-100). A binary search and a few hundred
        comparisons, where ``lookup``'s fuzzy search decodes and compares every key."""
        key = name_key(name)
        if len(key) <= prefix:
            return []
        keys = self._names.keys_from(key[:prefix], SPELLED_LIKE_KEYS)
        rows = self._fuzzy_rows(key, keys, self._country_filter(country), frozenset(kinds) if kinds else None, cutoff)
        return [self._candidate(*r) for r in rows[:limit]]

    def knows(self, key: str) -> bool:
        """True when a folded key (see :func:`name_key`) names some place."""
        return key in self._user or len(self._names.rows(key)) > 0

    def extends(self, key: str) -> bool:
        """True when some name's key continues ``key`` with more words."""
        return self._names.starts(key + " ") or any(k.startswith(key + " ") for k in self._user)

    def _keep(self, kind, country, cc, kind_set) -> bool:
        return (cc is None or country == cc) and (kind_set is None or kind in kind_set)

    def _exact(self, key, cc, kind_set, match, penalty=0.0) -> list[tuple]:
        """(entry, score, match, key) rows for one key, best first."""
        best: dict[int, tuple[float, int]] = {}
        entry, grade, rank = self._names.entry, self._names.grade, self._rank
        for row in self._names.rows(key):
            i = entry[row]
            gr = grade[row]
            score = rank[i] + GRADE_BONUS[gr] - penalty
            if i not in best or score > best[i][0]:
                best[i] = (score, gr)
        if cc is not None or kind_set is not None:
            best = {i: v for i, v in best.items()
                    if self._keep(self._kind[i], self._country[i], cc, kind_set)}
        return [(i, v[0], match, key, v[1]) for i, v in sorted(best.items(), key=lambda item: -item[1][0])]

    def _strip_admin_term(self, key: str):
        """("deir al zor", ("admin1",)) for "deir al zor province"; also "province of X",
        and two-word terms ("ar rastan sub district"), the longer term first."""
        last = _split_last_term(key, self._admin_terms, 2)
        if last is not None:
            yield last
        words = key.split()
        for n in (2, 1):
            term = " ".join(words[:n])
            if len(words) > n and term in self._admin_terms:
                rest = words[n + 1:] if len(words) > n + 1 and words[n] == "of" else words[n:]
                if rest:
                    yield " ".join(rest), self._admin_terms[term]
                break

    def _strip_facility_term(self, key: str) -> tuple[str, str] | None:
        """("heathrow", "airport") for "heathrow airport"; the longest term first ("marine
        corps air station" has four words)."""
        return _split_last_term(key, self._facility_terms, self._facility_longest)

    def _fuzzy(self, key, cc, kind_set) -> list[tuple]:
        return self._fuzzy_rows(key, self._names.unique_keys(), cc, kind_set, FUZZY_CUTOFF)

    def _fuzzy_rows(self, key, keys, cc, kind_set, cutoff: float) -> list[tuple]:
        """The entries of the ``keys`` spelled most like ``key`` (at least ``cutoff`` alike),
        best first, scored below exact matches by how unlike they are."""
        from rapidfuzz import fuzz, process

        hits = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=10)
        return _best_per_entry([r for matched, ratio, _ in hits
                                for r in self._exact(matched, cc, kind_set, "fuzzy",
                                                     FUZZY_PENALTY + (100.0 - ratio) / 5.0)])

    def _candidate(self, i: int, score: float, match: str, key: str, grade: int = 0) -> Candidate:
        k, c, a = self._kind, self._country, self._admin1
        return Candidate(self._id[i], self._name[i], k.values[k.codes[i]], c.values[c.codes[i]],
                         a.values[a.codes[i]], self._lat[i], self._lon[i], self._pop[i],
                         score, match, key, self._shape[i], grade)

    def _countries(self) -> dict[str, int]:
        """ISO2 and ISO3 codes to the row of their country entry."""
        if self._by_code is None:
            kind = self._kind.code("country")
            rows = [i for i, code in enumerate(self._kind.codes) if code == kind]
            self._by_code = {self._id[i][len("country:"):]: i for i in rows}
            self._by_code.update({self._country[i]: i for i in rows if self._country[i]})
        return self._by_code

    def _country_filter(self, country: str | None) -> str | None:
        if not country:
            return None
        c = country.strip().upper()
        row = self._countries().get(c) if len(c) == 3 else None
        return self._country[row] if row is not None else c

    def country(self, code: str) -> Candidate:
        """The country with this ISO 3166-1 alpha-2 or alpha-3 code (KeyError if none)."""
        i = self._countries()[code.strip().upper()]
        return self._candidate(i, self._rank[i], "id", "")

    # ------------------------------------------------------------ by id and by position

    def get(self, entry_id: str) -> Candidate:
        """The entry with this id (KeyError when there is none)."""
        if self._by_id is None:
            self._by_id = {self._id[i]: i for i in range(len(self._id))}
        for cands in self._user.values():
            for c in cands:
                if c.id == entry_id:
                    return c
        i = self._by_id[entry_id]
        return self._candidate(i, float(self._rank[i]), "id", "")

    def within(self, geom, kinds: Iterable[str] | None = None) -> list[Candidate]:
        """Entries whose point lies in ``geom`` (lon/lat), best ranked first: the places a
        district or a town's surroundings hold, for matching a name only among them."""
        import numpy as np
        import shapely

        if self._xy is None:
            self._xy = np.column_stack([np.asarray(self._lon), np.asarray(self._lat)])
        minx, miny, maxx, maxy = geom.bounds
        x, y = self._xy[:, 0], self._xy[:, 1]
        rows = np.flatnonzero((x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy))
        if len(rows):
            rows = rows[shapely.covers(geom, shapely.points(self._xy[rows]))]
        kind_set = frozenset(kinds) if kinds else None
        k = self._kind
        out = [self._candidate(int(i), float(self._rank[i]), "within", "") for i in rows
               if kind_set is None or k.values[k.codes[i]] in kind_set]
        return sorted(out, key=lambda c: -c.score)

    def locate(self, lat, lon) -> list[tuple[str | None, str | None]]:
        """(country id, admin-1 id) of each point; vectorised over arrays of lat/lon."""
        countries = shapes.locate("country", lon, lat)
        admin1 = shapes.locate("admin1", lon, lat)
        return list(zip(countries, admin1))

    def country_at(self, lat: float, lon: float) -> Candidate | None:
        """The country whose polygon holds the point, or None (open sea)."""
        found = shapes.locate("country", lon, lat)[0]
        return self.get(found) if found else None

    def admin1_at(self, lat: float, lon: float) -> Candidate | None:
        """The first-level unit whose polygon holds the point, or None."""
        found = shapes.locate("admin1", lon, lat)[0]
        return self.get(found) if found else None

    # ------------------------------------------------------------ user places

    def add_places(self, places: Iterable) -> int:
        """Make user places findable by their names and aliases; returns how many."""
        n = 0
        for p in places:
            names = [p.name, *p.aliases]
            for text in names:
                key = name_key(text)
                if not key:
                    continue
                self._user[key].append(Candidate(
                    id=p.id, name=p.name, kind=p.kind, country=p.country, admin1="",
                    lat=p.lat, lon=p.lon, population=0,
                    score=USER_RANK + (GRADE_BONUS[0] if text == p.name else 0.0),
                    match="user", matched=key))
            n += 1
        self.revision += 1 if n else 0
        return n
