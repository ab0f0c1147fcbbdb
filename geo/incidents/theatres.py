"""The theatre of the actors a text names (``geo/data/theatres.toml``): a village with
namesakes in several provinces of its country is read in the provinces where the named
actor works, when a namesake lies there."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from importlib import resources

from ..address import RULES as WHERE_RULES
from ..patterns import alternation

_T = tomllib.loads(resources.files("geo").joinpath("data/theatres.toml").read_text("utf-8"))["theatre"]
# names are case-sensitive: "NAF", "HTS" are acronyms, not words
# (a whole country as its code: "LY" holds every "LY-..." unit)
_RES = [(re.compile(rf"\b(?:{alternation(t['names'])})\b"), frozenset(t.get("admin1", []) + t.get("countries", [])))
        for t in _T]
_SMALL = WHERE_RULES["address"]["village_max_population"]


def of(text: str) -> frozenset[str]:
    """The admin-1 codes of the theatres of the actors ``text`` names (empty for none)."""
    out: frozenset[str] = frozenset()
    for rx, units in _RES:
        if rx.search(text):
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
            if there and (people <= _SMALL or (there[0].population or 0) > people):
                c = there[0]
                t = replace(t, entry_id=c.id, admin1=c.admin1, lat=c.lat, lon=c.lon, country=c.country)
        out.append(t)
    return out


def unit_names(area: frozenset[str], g) -> list[str]:
    """The names of the area's admin-1 units, for an address ("X, Donets'k")."""
    return [g.get(f"admin1:{u}").name for u in sorted(area) if "-" in u]
