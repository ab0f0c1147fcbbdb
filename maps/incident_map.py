"""`incident_map`: the attack-and-response sequence as an interactive, self-contained
Folium map.

The page carries one compact data block (``maps.layout``): columns of numbers, small
integer codes into one table of words, footprints stored once each as integer
coordinates, and the evidence in a second block read only when a popup opens. The
browser builds popups on click and draws a large map on one canvas, clustered at low
zoom (``maps/static/incidentmap.js``).

>>> import geo, maps
>>> text = open("examples/shelling-kharkiv.txt", encoding="utf-8").read()
>>> m = maps.incident_map(geo.extract(text, published="2024-05-13"))
>>> html = m.get_root().render()
>>> "cdn.jsdelivr" in html, '"n":2,' in html
(False, True)
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from . import assets
from .basemap import basemap
from .layout import incident_block, precision_words
from .style import STYLE

ATTRIBUTION = ("Place data © GeoNames (CC BY 4.0), Natural Earth, OurAirports, US Census Bureau, "
               "geoBoundaries (CC BY 4.0), Who's On First; "
               "map by incidentmap")
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


def _json_for_html(obj) -> str:
    """JSON that cannot end the <script> block it sits in."""
    return (json.dumps(obj, ensure_ascii=False, default=str, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@lru_cache(maxsize=None)
def _static(name: str) -> str:
    """The map's own script and stylesheet, read once per process."""
    return resources.files("maps").joinpath("static", name).read_text("utf-8")


class _Raw(Element):
    """Text put into the page as it is: branca compiles an Element's text as a Jinja
    template, which for a 10 MB data block took a second and could read braces in it."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class _IncidentLayers(MacroElement):
    """The incident layers and controls, drawn by maps/static/incidentmap.js from two JSON
    blocks: the data it draws from, and the evidence it reads only when a popup opens."""

    _template = Template("""
{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
{% macro script(this, kwargs) %}
{{ this.js }}
var {{ this.get_name() }}_layers = incidentmapLayers({{ this._parent.get_name() }},
    JSON.parse(document.getElementById("{{ this.get_name() }}").textContent),
    function () { return JSON.parse(document.getElementById("{{ this.get_name() }}_evidence").textContent); });
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.attribution }});
{% endmacro %}
""")

    def __init__(self, data: dict, evidence: list):
        super().__init__()
        self._name = "IncidentLayers"
        self.data = _json_for_html(data)
        self.evidence = _json_for_html(evidence)
        self.attribution = _json_for_html(ATTRIBUTION)
        self.js = _static("incidentmap.js")
        self.css = _static("incidentmap.css")

    def render(self, **kwargs):
        # the data blocks go into the page's body untouched by Jinja
        name = self.get_name()
        self.get_root().html.add_child(_Raw(
            f'<script type="application/json" id="{name}">{self.data}</script>\n'
            f'<script type="application/json" id="{name}_evidence">{self.evidence}</script>'), name=name + "_data")
        super().render(**kwargs)


def incident_map(incidents, *, tiles: str | None = None, title: str | None = None,
                 background: bool = False, height: str = "100%") -> folium.Map:
    """An interactive map of incidents (``geo.Incidents`` or its GeoDataFrame).

    Markers are numbered in time order and coloured by event type; each incident's
    footprint is drawn faintly in the same colour; dashed arrows run from each attack to
    the response that answers it. A time slider, filters by event type and actor, a
    legend and a scale bar come with it. Above a few hundred incidents the markers are
    drawn on a canvas and gathered into counted clusters until the zoom can show them
    one by one. The basemap is drawn from the embedded gazetteer, so the map reads with
    no tiles; ``tiles="online"`` adds OpenStreetMap. The HTML is self-contained:
    ``m.save("map.html")`` works offline.
    """
    gdf = incidents.gdf if hasattr(incidents, "gdf") else incidents
    if not background and "background" in gdf:
        gdf = gdf[~gdf.background.astype(bool)]
    gdf = gdf[~(gdf.geometry.isna() | gdf.geometry.is_empty) & gdf.latitude.notna()]
    gdf = gdf.sort_values(["date_start", "incident_id"], na_position="last", kind="stable",
                          key=lambda col: col.astype("string"))

    if len(gdf):
        minx, miny, maxx, maxy = gdf.total_bounds
        pad_x, pad_y = max(0.5, 0.15 * (maxx - minx)), max(0.5, 0.15 * (maxy - miny))
        bounds = (max(-180, minx - pad_x), max(-85, miny - pad_y), min(180, maxx + pad_x), min(85, maxy + pad_y))
        tolerance = max(STYLE["footprint"]["simplify_deg"], (bounds[2] - bounds[0]) / 2000)
        fit = [[float(miny), float(minx)], [float(maxy), float(maxx)]]
    else:   # nothing to show: the world, drawn only as finely as that zoom can show it
        bounds = STYLE["empty_map"]["bounds"]
        tolerance = STYLE["empty_map"]["simplify_deg"]
        fit = [[bounds[1], bounds[0]], [bounds[3], bounds[2]]]

    m = folium.Map(location=[(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2], zoom_start=5,
                   tiles=None, max_zoom=18, control_scale=True, prefer_canvas=False)
    # Only Leaflet: the incident layers need no jQuery, Bootstrap or Font Awesome.
    m.default_js = [("leaflet", assets.LEAFLET_JS)]
    m.default_css = [("leaflet_css", assets.LEAFLET_CSS)]
    assets.OfflineFigure(height=height).add_child(m)
    if tiles == "online":
        folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", max_zoom=19).add_to(m)
    elif tiles is not None:
        raise ValueError(f"tiles must be None or 'online', not {tiles!r}")

    data, evidence = incident_block(gdf, tolerance)
    data["basemap"] = basemap(bounds, gdf, tolerance, data.pop("spelled")).block()
    data["title"] = title or data["title"]
    data["fit"] = fit if len(gdf) else None
    data["canvas_above"] = STYLE["scale"]["canvas_above"]
    data["cluster"] = STYLE["scale"]["cluster"]
    data["colors"] = STYLE["basemap"]
    _IncidentLayers(data, evidence).add_to(m)
    return m


def save(m: folium.Map, path: str) -> None:
    """Write the map's self-contained HTML atomically (a temporary file renamed into place)."""
    from geo.io import atomic_path

    html = m.get_root().render()
    with atomic_path(path) as tmp:
        tmp.write_text(html, "utf-8")


__all__ = ["incident_map", "save", "precision_words"]
