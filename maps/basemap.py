"""A vector basemap from the embedded gazetteer: land and country borders around the
incidents, first-level borders inside the countries in play, and their names. The map
reads with no tiles and no network."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely

from gazetteer import Gazetteer
from gazetteer import shapes

from .encoding import decimals_for, polygons


@lru_cache(maxsize=8192)
def _simplified(entry_id: str, level: int):
    """An entry's footprint simplified to 2**level degrees, once per process: every map at
    that zoom reuses it instead of simplifying the same borders again."""
    return shapely.make_valid(shapes.footprint(entry_id).simplify(2.0 ** level, preserve_topology=True))


def _drawable(ids: list[str], box, tolerance: float) -> list:
    """The footprints as the map can show them at ``tolerance`` degrees: simplified,
    clipped to the box, islands smaller than a few pixels dropped, coordinates rounded to
    the decimals that remain visible (full float digits tripled the size of the page for
    nothing a screen draws). Empty ones come back as None."""
    level = math.floor(math.log2(tolerance))
    geoms = shapely.intersection(np.array([_simplified(i, level) for i in ids], dtype=object), box)
    decimals = max(1, math.ceil(-math.log10(2.0 ** level)) + 1)
    out = []
    for geom in geoms:
        parts = np.asarray(shapely.get_parts(geom))
        polygons = parts[shapely.get_type_id(parts) == 3] if len(parts) else parts     # 3: Polygon
        if not len(polygons):
            out.append(None)
            continue
        big = polygons[shapely.area(polygons) >= (2 * tolerance) ** 2]
        geom = shapely.multipolygons(big if len(big) else polygons[[np.argmax(shapely.area(polygons))]])
        out.append(shapely.transform(geom, lambda xy: np.round(xy, decimals)))
    return out


@dataclass
class Basemap:
    countries: list          # (name, geometry, in play)
    admin1: list             # (name, geometry)
    decimals: int

    def block(self) -> dict:
        """The basemap as the page's data block draws it: country shapes with their names
        (placed by the page inside the part in view, at every zoom), province borders, and
        the names of the provinces in play."""
        labels = []
        for name, g in self.admin1:
            if name:
                p = g.representative_point()
                labels.append({"lat": round(p.y, 3), "lon": round(p.x, 3), "text": name, "kind": "admin1"})
        return {
            "countries": {"names": [name for name, _, _ in self.countries],
                          "play": [bool(play) for _, _, play in self.countries],
                          "shapes": polygons([g for _, g, _ in self.countries], self.decimals)},
            "admin1": polygons([g for _, g in self.admin1], self.decimals),
            "labels": labels,
        }


def _label(g: Gazetteer, entry_id: str, spelled: dict[str, str]) -> str:
    """A province's name as the article spells it, else as its namesake town is known:
    "Erbil", "Deir ez-Zor", not the province tables' "Arbil", "Dayr Az Zawr"."""
    entry = g.get(entry_id)
    if entry_id in spelled:
        return spelled[entry_id]
    # the namesake town, when the name reads first as that town and the town's name is
    # plain and not the province's with more words ("New York City" for New York state)
    first = next(iter(g.lookup(entry.name)[:1]), None)
    if first is None or first.kind != "city" or first.admin1 != entry.admin1:
        return entry.name
    if first.id in spelled:
        return spelled[first.id]
    if not first.name.isascii() or entry.name.lower() in first.name.lower():
        return entry.name
    return first.name


def basemap(bounds, gdf, tolerance: float, spelled: dict[str, str] | None = None) -> Basemap:
    """Countries meeting ``bounds`` (lon/lat), clipped to a margin around it; first-level
    units of the countries that hold incidents."""
    g = Gazetteer.default()
    minx, miny, maxx, maxy = bounds
    # Drawn well beyond the view so that panning does not show the clip edge as a coast.
    margin = max(10.0, maxx - minx, maxy - miny)
    box = shapely.box(max(-180, minx - margin), max(-85, miny - margin), min(180, maxx + margin), min(85, maxy + margin))
    play = set(gdf.country) if "country" in gdf else set()
    found = shapes.in_box("country", *box.bounds)
    drawn = _drawable([cid for cid, _ in found], box, tolerance)
    countries = [(g.get(cid).name, geom, cid.split(":")[1] in play)
                 for (cid, _), geom in zip(found, drawn) if geom is not None]
    admin1 = []
    if play:
        pts = shapely.points(gdf.longitude.to_numpy(), gdf.latitude.to_numpy())
        play_iso2 = {g.country(c).country for c in play if c}
        found = [(aid, geom) for aid, geom in shapes.in_box("admin1", *box.bounds)
                 if g.get(aid).country in play_iso2]
        drawn = _drawable([aid for aid, _ in found], box, tolerance)
        for (aid, geom), clipped in zip(found, drawn):
            if clipped is None:
                continue
            holds = bool(shapely.intersects(geom, pts).any())   # name only the provinces in play
            admin1.append((_label(g, aid, spelled or {}) if holds else "", clipped))
    return Basemap(countries, admin1, decimals_for(tolerance))
