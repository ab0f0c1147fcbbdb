"""The theatre of the actors a text names (``geo/data/theatres.toml``: provinces, or
whole countries, and the front line some of them fight along): a village with namesakes in
several provinces is read in the provinces where the named actor works when a namesake lies
there, a town read abroad gives way to a larger namesake in the theatre, and where the
theatre has a front line, of a village's namesakes in the theatre the one by the front is
read ("near Pisky": the village by Donetsk airport, not its namesake 150 km behind)."""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, replace
from importlib import resources

import shapely

from ..address import VILLAGE_MAX_POPULATION
from ..spatial import KM_PER_DEGREE, buffer_km

_DATA = tomllib.loads(resources.files("geo").joinpath("data/theatres.toml").read_text("utf-8"))
_T = _DATA["theatre"]
_FRONTS = _DATA.get("front", {})
# each name's units (a whole country as its code: "LY" holds every "LY-..." unit) and fronts
_UNITS: dict[str, frozenset[str]] = {}
_FRONT_OF: dict[str, frozenset[str]] = {}
for _t in _T:
    for _name in _t["names"]:
        _UNITS[_name] = _UNITS.get(_name, frozenset()) | frozenset(_t.get("admin1", []) + _t.get("countries", []))
        _FRONT_OF[_name] = _FRONT_OF.get(_name, frozenset()) | frozenset([_t["front"]] if "front" in _t else [])
# case-sensitive: "NAF", "HTS" are acronyms, not words
_WORD = {name: re.compile(rf"\b{re.escape(name)}\b") for name in _UNITS}


@dataclass(frozen=True, slots=True)
class Front:
    """A front line as a line in degrees of latitude and of longitude scaled to the line's
    mean latitude (so that its distances are kilometres at that latitude, /KM_PER_DEGREE)."""

    line: shapely.LineString
    cos_lat: float
    reach_km: float
    zone: object        # the line grown by reach_km, in lon/lat


    def km(self, lon: float, lat: float) -> float:
        return self.line.distance(shapely.Point(lon * self.cos_lat, lat)) * KM_PER_DEGREE


def _front(key: str) -> Front:
    f = _FRONTS[key]
    cos_lat = math.cos(math.radians(sum(lat for lat, _ in f["line"]) / len(f["line"])))
    reach = float(f["reach_km"])
    zone = buffer_km(shapely.LineString([(lon, lat) for lat, lon in f["line"]]), reach)
    return Front(shapely.LineString([(lon * cos_lat, lat) for lat, lon in f["line"]]), cos_lat, reach, zone)


_FRONT = {key: _front(key) for key in _FRONTS}


@dataclass(frozen=True, slots=True)
class Theatre:
    """Where the actors a text names work: admin-1 codes (and whole countries' ISO2), and
    the front lines they fight along."""

    area: frozenset[str] = frozenset()
    fronts: tuple[Front, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.area)

    @property
    def reach_km(self) -> float:
        return max((f.reach_km for f in self.fronts), default=0.0)

    def front_zone(self):
        """The land within the fronts' reach of their lines (lon/lat), or None: where a
        village by the front that the gazetteer lacks lies."""
        if not self.fronts:
            return None
        return shapely.union_all([f.zone for f in self.fronts])

    def front_km(self, lon: float, lat: float) -> float:
        return min((f.km(lon, lat) for f in self.fronts), default=math.inf)

    def by_the_front(self, name: str, g):
        """Of the theatre's villages and towns named ``name`` (exactly), the one nearest
        its front line when within the front's reach; None when there is none."""
        if not self.fronts:
            return None
        near = [(self.front_km(c.lon, c.lat), c) for c in g.lookup(name, fuzzy=False, limit=50)
                if c.kind == "city" and c.match == "exact" and _inside(c, self.area)]
        near = [(km, c) for km, c in near if km <= self.reach_km]
        return min(near, key=lambda kc: kc[0])[1] if near else None


def of(text: str) -> Theatre:
    """The theatre of the actors ``text`` names."""
    area: frozenset[str] = frozenset()
    fronts: frozenset[str] = frozenset()
    # a plain substring test first: most texts name none of them
    for name, units in _UNITS.items():
        if name in text and _WORD[name].search(text):
            area |= units
            fronts |= _FRONT_OF[name]
    return Theatre(area, tuple(_FRONT[k] for k in sorted(fronts)))


def _inside(c, area: frozenset[str]) -> bool:
    return c.admin1 in area or c.country in area


def in_theatre(toponyms, theatre: Theatre, g) -> list:
    """``toponyms`` with each town read outside the theatre re-read as its namesake inside
    it, where there is one: a town small enough to have namesakes, or one read abroad whose
    namesake in the area is larger ("Abu Salim (Tripoli)" read as Lebanon's Tripoli); and,
    where the theatre has a front, a village read far from the front re-read as its namesake
    by the front."""
    if not theatre:
        return list(toponyms)
    area = theatre.area
    out = []
    for t in toponyms:
        if t.kind != "city":
            out.append(t)
            continue
        people = getattr(g.get(t.entry_id), "population", 0) or 0
        if not _inside(t, area):
            found = g.lookup(t.text, fuzzy=False, limit=50)
            there = [c for c in found if c.kind == "city" and _inside(c, area) and c.match == "exact"]
            # ... or a city named so only by another name ("Novooleksandrivka", Melitopol's
            # old name) where a village of the theatre bears it as its own
            by_other_name = bool(there) and there[0].grade == 0 \
                and any(c.id == t.entry_id and c.grade > 0 for c in found)
            if there and (people <= VILLAGE_MAX_POPULATION or (there[0].population or 0) > people or by_other_name):
                t, people = _reread(t, there[0]), there[0].population or 0
        # (a city is never moved for a village by the front)
        if theatre.fronts and people <= VILLAGE_MAX_POPULATION and theatre.front_km(t.lon, t.lat) > theatre.reach_km:
            c = theatre.by_the_front(t.text, g)
            if c is not None:
                t = _reread(t, c)
        out.append(t)
    return out


def _reread(t, c):
    return replace(t, entry_id=c.id, admin1=c.admin1, lat=c.lat, lon=c.lon, country=c.country)


def unit_names(theatre: Theatre, g) -> list[str]:
    """The names of the theatre's admin-1 units, for an address ("X, Donets'k")."""
    return [g.get(f"admin1:{u}").name for u in sorted(theatre.area) if "-" in u]
