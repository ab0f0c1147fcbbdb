"""A vector basemap from the embedded gazetteer: land and country borders around the
incidents, first-level borders inside the countries in play, and their names. The map
reads with no tiles and no network."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import folium
import numpy as np
import shapely

from gazetteer import Gazetteer
from gazetteer import shapes

from .style import STYLE


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

    def add_to_map(self, m: folium.Map) -> list[tuple[float, float, str]]:
        """Draw it on ``m``; returns the labels (lat, lon, text) for the incident layer."""
        colors = STYLE["basemap"]
        feats = [{"type": "Feature", "properties": {"play": play},
                  "geometry": shapely.geometry.mapping(g)} for _, g, play in self.countries]
        if feats:
            folium.GeoJson(
                {"type": "FeatureCollection", "features": feats}, name="Countries", control=False,
                style_function=lambda f: {"color": colors["border"], "weight": 1,
                                          "fillColor": colors["land_in_play"] if f["properties"]["play"] else colors["land"],
                                          "fillOpacity": 1, "interactive": False},
            ).add_to(m)
        lines = [{"type": "Feature", "properties": {}, "geometry": shapely.geometry.mapping(g.boundary)}
                 for _, g in self.admin1]
        if lines:
            folium.GeoJson({"type": "FeatureCollection", "features": lines}, name="Provinces", control=False,
                           style_function=lambda f: {"color": colors["admin1"], "weight": 0.6, "dashArray": "3 3",
                                                     "interactive": False}).add_to(m)
        labels = []
        for name, g, play in self.countries:
            if play:
                p = g.representative_point()
                labels.append((p.y, p.x, name.upper()))
        for name, g in self.admin1:
            if name:
                p = g.representative_point()
                labels.append((p.y, p.x, name))
        return labels


def basemap(bounds, gdf, tolerance: float) -> Basemap:
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
            admin1.append((g.get(aid).name if holds else "", clipped))
    return Basemap(countries, admin1)
