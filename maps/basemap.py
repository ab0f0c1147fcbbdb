"""A vector basemap from the embedded gazetteer: land and country borders around the
incidents, first-level borders inside the countries in play, and their names. The map
reads with no tiles and no network."""

from __future__ import annotations

from dataclasses import dataclass

import folium
import shapely

from gazetteer import Gazetteer
from gazetteer import shapes

from .style import STYLE


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
    countries = []
    for cid, geom in shapes.in_box("country", *box.bounds):
        clipped = shapely.make_valid(geom.intersection(box)).simplify(tolerance, preserve_topology=True)
        if not clipped.is_empty:
            countries.append((g.get(cid).name, clipped, cid.split(":")[1] in play))
    admin1 = []
    if play:
        pts = shapely.points(gdf.longitude.to_numpy(), gdf.latitude.to_numpy())
        play_iso2 = {g.country(c).country for c in play if c}
        for aid, geom in shapes.in_box("admin1", *box.bounds):
            cand = g.get(aid)
            if not cand.country or cand.country not in play_iso2:
                continue
            clipped = shapely.make_valid(geom.intersection(box)).simplify(tolerance, preserve_topology=True)
            if clipped.is_empty:
                continue
            holds = bool(shapely.intersects(geom, pts).any())   # name only the provinces in play
            admin1.append((cand.name if holds else "", clipped))
    return Basemap(countries, admin1)
