"""`incident_map`: the attack-and-response sequence as an interactive, self-contained
Folium map.

>>> import geo, maps
>>> text = open("examples/shelling-kharkiv.txt", encoding="utf-8").read()
>>> m = maps.incident_map(geo.extract(text, published="2024-05-13"))
>>> html = m.get_root().render()
>>> "cdn.jsdelivr" in html, html.count('"n": ')
(False, 2)
"""

from __future__ import annotations

import html as html_mod
import json
from functools import lru_cache
from importlib import resources

import folium
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from . import assets
from .basemap import basemap
from .style import STYLE

ATTRIBUTION = ("Place data © GeoNames (CC BY 4.0), Natural Earth, OurAirports, US Census Bureau, "
               "geoBoundaries (CC BY 4.0), Who's On First; "
               "map by incidentmap")
# Above this many incidents, markers and footprints are drawn on one canvas, not as DOM nodes.
CANVAS_ABOVE = 800
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


def _e(value) -> str:
    """Article text to HTML: every piece is escaped, whatever it contains."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html_mod.escape(str(value), quote=True)


def _json_for_html(obj) -> str:
    """JSON that cannot end the <script> block it sits in."""
    return (json.dumps(obj, ensure_ascii=False, default=str)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def precision_words(row) -> str:
    """How precisely the place is known, in words an analyst reads."""
    loc = row.get("location") or "the place named"
    wp = row.get("where_prec")
    wp = int(wp) if wp == wp and wp is not None else 7
    return {
        1: f"at {loc}",
        2: f"within about 25 km of {loc}",
        3: f"somewhere in the district of {loc}",
        4: f"somewhere in {row.get('admin1') or loc}",
        5: f"somewhere in {loc}",
        6: f"somewhere in {row.get('country') or loc} (only the country is known)",
    }.get(wp, f"at sea or in the air: {loc}")


def _clean(row: dict) -> dict:
    """A table row with its missing values (NaN, NaT, pandas' NA) as None, so that an
    undated or actor-less incident reads as unknown instead of as the float 'nan'."""
    return {k: (None if not isinstance(v, (list, tuple, dict)) and not hasattr(v, "geom_type") and pd.isna(v)
                else v) for k, v in row.items()}


def _dates(row) -> str:
    s, e = row.get("date_start"), row.get("date_end")
    if not s:
        return "date unknown"
    return s if s == e or not e else f"{s} to {e}"


def _casualties(row) -> str:
    lo, best, hi = row.get("fatalities_low") or 0, row.get("fatalities") or 0, row.get("fatalities_high") or 0
    return f"{best}" if lo == hi else f"{lo}–{best}–{hi} (sources disagree)"


def _popup(n: int, row) -> str:
    kind = row.get("sub_event_type") or row.get("event_type") or "incident"
    # actor1 attacked, actor2 was attacked: never shown as one list, or the target reads as the attacker
    attacker, target = row.get("actor1") or "not named", row.get("actor2")
    quote = next((ev["text"] for ev in (row.get("evidence") or [])), "")    # the sentence telling it
    parts = [f'<div class="im-popup"><b>{n}. {_e(kind)}</b><dl>',
             f"<dt>Date</dt><dd>{_e(_dates(row))}</dd>",
             f"<dt>By</dt><dd>{_e(attacker)}</dd>"]
    if target:
        parts.append(f"<dt>Against</dt><dd>{_e(target)}</dd>")
    parts += [f"<dt>Killed</dt><dd>{_e(_casualties(row))}</dd>",
              f"<dt>Injured</dt><dd>{_e(row.get('injuries') or 0)}</dd>",
              f"<dt>Place</dt><dd>{_e(row.get('location') or '')}</dd>",
              f"<dt>Where</dt><dd>{_e(precision_words(row))}</dd>"]
    if row.get("article"):
        parts.append(f"<dt>Article</dt><dd>{_e(row['article'])}</dd>")
    if row.get("responds_to"):
        parts.append(f"<dt>Responds to</dt><dd>{_e(', '.join(row['responds_to']))}</dd>")
    parts.append(f"</dl><blockquote>{_e(quote)}</blockquote></div>")
    return "".join(parts)


def _footprint(geom, tolerance: float):
    if geom is None or geom.is_empty or geom.geom_type == "Point":
        return None
    return shapely.geometry.mapping(geom.simplify(tolerance, preserve_topology=True))


@lru_cache(maxsize=None)
def _static(name: str) -> str:
    """The map's own script and stylesheet, read once per process."""
    return resources.files("maps").joinpath("static", name).read_text("utf-8")


class _IncidentLayers(MacroElement):
    """The incident layers and controls, drawn by maps/static/incidentmap.js from a JSON block."""

    _template = Template("""
{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
{% macro html(this, kwargs) %}<script type="application/json" id="{{ this.get_name() }}">{{ this.data }}</script>{% endmacro %}
{% macro script(this, kwargs) %}
{{ this.js }}
var {{ this.get_name() }}_layers = incidentmapLayers({{ this._parent.get_name() }},
    JSON.parse(document.getElementById("{{ this.get_name() }}").textContent));
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.attribution }});
{% endmacro %}
""")

    def __init__(self, data: dict):
        super().__init__()
        self._name = "IncidentLayers"
        self.data = _json_for_html(data)
        self.attribution = _json_for_html(ATTRIBUTION)
        self.js = _static("incidentmap.js")
        self.css = _static("incidentmap.css")


def incident_map(incidents, *, tiles: str | None = None, title: str | None = None,
                 background: bool = False, height: str = "100%") -> folium.Map:
    """An interactive map of incidents (``geo.Incidents`` or its GeoDataFrame).

    Markers are numbered in time order and coloured by event type; each incident's
    footprint is drawn faintly in the same colour; dashed arrows run from each attack to
    the response that answers it. A time slider, filters by event type and actor, a
    legend and a scale bar come with it. The basemap is drawn from the embedded
    gazetteer, so the map reads with no tiles; ``tiles="online"`` adds OpenStreetMap.
    The HTML is self-contained: ``m.save("map.html")`` works offline.
    """
    gdf = incidents.gdf if hasattr(incidents, "gdf") else incidents
    if not background and "background" in gdf:
        gdf = gdf[~gdf.background.astype(bool)]
    gdf = gdf[~(gdf.geometry.isna() | gdf.geometry.is_empty) & gdf.latitude.notna()]
    gdf = gdf.sort_values(["date_start", "incident_id"], na_position="last", kind="stable",
                          key=lambda col: col.where(col.map(lambda v: isinstance(v, str)), None))
    rows = [_clean(r) for r in gdf.to_dict("records")]

    if rows:
        minx, miny, maxx, maxy = gdf.total_bounds
        pad_x, pad_y = max(0.5, 0.15 * (maxx - minx)), max(0.5, 0.15 * (maxy - miny))
        bounds = (max(-180, minx - pad_x), max(-85, miny - pad_y), min(180, maxx + pad_x), min(85, maxy + pad_y))
        tolerance = max(STYLE["footprint"]["simplify_deg"], (bounds[2] - bounds[0]) / 2000)
    else:   # nothing to show: the world, drawn only as finely as that zoom can show it
        bounds = STYLE["empty_map"]["bounds"]
        tolerance = STYLE["empty_map"]["simplify_deg"]

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

    labels = basemap(bounds, gdf, tolerance).add_to_map(m)

    colors = STYLE["event_colors"]
    radius = STYLE["footprint"]["point_radius_m"]
    number = {}
    items = []
    for n, row in enumerate(rows, 1):
        number[row["incident_id"]] = n
        etype = row.get("event_type") or ""
        geom = row["geometry"]
        wp = row.get("where_prec")
        items.append({
            "n": n, "id": row["incident_id"], "lat": float(row["latitude"]), "lon": float(row["longitude"]),
            "color": colors.get(etype, colors[""]), "type": etype, "actor": row.get("actor1") or "",
            "start": row.get("date_start"), "end": row.get("date_end"),
            "popup": _popup(n, row),
            "tooltip": _e(f"{n}. {_dates(row)} · {row.get('sub_event_type') or etype or 'incident'}"
                          f" · {row.get('location') or ''}"),
            "footprint": _footprint(geom, tolerance),
            "radius_m": radius.get(str(int(wp)) if wp == wp and wp is not None else "7")
            if geom is not None and geom.geom_type == "Point" else None,
        })
    arrows = [{"from": number[t], "to": number[r["incident_id"]]}
              for r in rows for t in (r.get("responds_to") or []) if t in number]
    types = {}
    for it in items:
        types.setdefault(it["type"], {"name": it["type"], "label": it["type"] or "attack of unknown kind",
                                      "color": it["color"], "count": 0})["count"] += 1
    starts = [r["date_start"] for r in rows if isinstance(r.get("date_start"), str)]
    ends = [r["date_end"] for r in rows if isinstance(r.get("date_end"), str)] or starts
    span = f"{min(starts)} to {max(ends)}" if starts else "dates unknown"
    data = {
        "title": title or (f"{len(items)} incident{'s' * (len(items) != 1)}, {span}" if items
                           else "No incidents found"),
        "incidents": items, "arrows": arrows,
        "dates": {"min": min(starts) if starts else None, "max": max(ends) if starts else None},
        "types": list(types.values()),
        "actors": sorted({it["actor"] for it in items}),
        "undated": [it["n"] for it in items if not it["start"]],
        "labels": [{"lat": la, "lon": lo, "text": _e(t)} for la, lo, t in labels],
        "legend": "Numbers: incidents in time order. Faint shapes: where each can have happened. "
                  "Dashed arrows: from an attack to the response that answers it.",
        "canvas_above": CANVAS_ABOVE,
    }
    _IncidentLayers(data).add_to(m)
    if rows:
        m.fit_bounds([[float(miny), float(minx)], [float(maxy), float(maxx)]], padding=(30, 30), max_zoom=10)
    return m


def save(m: folium.Map, path: str) -> None:
    """Write the map's self-contained HTML atomically (a temporary file renamed into place)."""
    from geo.io import atomic_path

    html = m.get_root().render()
    with atomic_path(path) as tmp:
        tmp.write_text(html, "utf-8")


__all__ = ["incident_map", "save", "precision_words"]
