"""The theatre of the actors a text names (``geo/data/theatres.toml``: provinces, or
whole countries): a village with namesakes in several provinces is read in the provinces
where the named actor works when a namesake lies there, and a town read abroad gives way
to a larger namesake in the theatre."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from importlib import resources

from ..address import VILLAGE_MAX_POPULATION

_T = tomllib.loads(resources.files("geo").joinpath("data/theatres.toml").read_text("utf-8"))["theatre"]
# each name's units (a whole country as its code: "LY" holds every "LY-..." unit)
_UNITS: dict[str, frozenset[str]] = {}
for _t in _T:
    for _name in _t["names"]:
        _UNITS[_name] = _UNITS.get(_name, frozenset()) | frozenset(_t.get("admin1", []) + _t.get("countries", []))
# case-sensitive: "NAF", "HTS" are acronyms, not words
_WORD = {name: re.compile(rf"\b{re.escape(name)}\b") for name in _UNITS}


def of(text: str) -> frozenset[str]:
    """The admin-1 (and country) codes of the theatres of the actors ``text`` names."""
    out: frozenset[str] = frozenset()
    # a plain substring test first: most texts name none of them
    for name, units in _UNITS.items():
        if name in text and _WORD[name].search(text):
            out |= units
    return out


def _inside(c, area: frozenset[str]) -> bool:
    return c.admin1 in area or c.country in area


def in_theatre(toponyms, area: frozenset[str], g) -> list:
    """``toponyms`` with each town read outside ``area`` re-read as its namesake inside the
    area, where there is one: a town small enough to have namesakes, or one read abroad
    whose namesake in the area is larger ("Abu Salim (Tripoli)" read as Lebanon's Tripoli)."""
    if not area:
        return list(toponyms)
    out = []
    for t in toponyms:
        if t.kind == "city" and not (t.admin1 in area or t.country in area):
            people = getattr(g.get(t.entry_id), "population", 0) or 0
            there = [c for c in g.lookup(t.text, fuzzy=False, limit=50)
                     if c.kind == "city" and _inside(c, area) and c.match == "exact"]
            if there and (people <= VILLAGE_MAX_POPULATION or (there[0].population or 0) > people):
                c = there[0]
                t = replace(t, entry_id=c.id, admin1=c.admin1, lat=c.lat, lon=c.lon, country=c.country)
        out.append(t)
    return out


def unit_names(area: frozenset[str], g) -> list[str]:
    """The names of the area's admin-1 units, for an address ("X, Donets'k")."""
    return [g.get(f"admin1:{u}").name for u in sorted(area) if "-" in u]
