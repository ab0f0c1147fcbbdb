"""The incident table: rows with the columns of DESIGN.md, the responds_to links, and
several articles combined into one numbering."""

from __future__ import annotations

import bisect
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache

import shapely

from ..normalize_text import Normalized
from . import casualties, events
from . import dates as dates_mod
from .merging import Draft

_RESP = events.RULES["response"]

GENERIC_TYPE = ("Violence against civilians", "Attack")
# A response answers at most this many incidents, the latest: a text of thousands of
# retaliations within a week of each other would otherwise link each to all the others.
RESPONSE_LINKS = 50


# ---------------------------------------------------------------- output

COLUMNS = ["incident_id", "event_date", "date_start", "date_end", "time_precision", "event_type",
           "sub_event_type", "actor1", "actor2", "location", "country", "admin1", "latitude", "longitude",
           "geo_precision", "where_prec", "fatalities", "fatalities_low", "fatalities_high", "injuries",
           "responds_to", "background", "evidence"]
LINK_COLUMNS = ["source", "target", "relation"]


class Incidents:
    """The incidents of one or more articles: ``gdf`` (GeoDataFrame, EPSG:4326, the columns
    of DESIGN.md) and ``links`` (DataFrame: source, target, relation)."""

    def __init__(self, gdf, links):
        self.gdf = gdf
        self.links = links

    def __len__(self) -> int:
        return len(self.gdf)

    def __repr__(self) -> str:
        return f"<Incidents: {len(self.gdf)} incidents, {len(self.links)} links>"

    def _repr_html_(self) -> str:
        """A table in Jupyter (the map is one call away: ``.explore()``)."""
        return self.gdf.drop(columns="geometry")._repr_html_()

    def explore(self, **kwargs):
        """The interactive map of these incidents (``maps.incident_map``).

        The one place ``geo`` reaches ``maps``: imported on call, a convenience for notebooks.
        """
        import maps

        return maps.incident_map(self, **kwargs)


def _actors(draft: Draft) -> tuple[str, str]:
    before = [a for a, b in draft.actors if b]
    after = [a for a, b in draft.actors if not b]
    actor1 = next((a.name for a in before if a.role == "force"), before[0].name if before else "")
    groups = [a.name for a in after if a.name != actor1]
    named = [g for g in groups if not g.endswith("militia") and not g.endswith("forces")]
    actor2 = named[0] if named else (groups[0] if groups else "")
    return actor1, actor2


def _event_date(draft: Draft):
    start, end = draft.span()
    if draft.inferred:
        return draft.inferred
    if draft.days:
        counts = Counter(draft.days)
        top = max(counts.values())
        return min(d for d, c in counts.items() if c == top)
    return start


def incident_row(draft: Draft, g, given: Normalized) -> dict:
    start, end = draft.span()
    # a count that sums up several events ("a wave of explosions brought the day's toll to
    # 92") is no one incident's, when the incident has a count of its own
    summed = {id(c) for m in draft.mentions if m.summary for c in m.casualties}
    killed = [c for c in draft.casualties if c.kind == "killed"]
    killed = [c for c in killed if id(c) not in summed] or killed
    injured = [c for c in draft.casualties if c.kind == "injured"]
    told = sorted((m for m in draft.mentions if any(c.kind == "killed" for c in m.casualties)),
                  key=lambda m: m.sentence.start)
    # a lead that sums up several events ("bombs hit two areas, killing 23") gives no one's toll
    told = [m for m in told if not m.summary] or told
    lead = [c for c in told[0].casualties if c.kind == "killed"] if told else None
    deaths = casualties.toll(killed, lead) or (0, 0, 0)
    actor1, actor2 = _actors(draft)
    fp = draft.footprint
    geometry, lat, lon = (fp.geometry, fp.lat, fp.lon) if fp else (shapely.Point(), float("nan"), float("nan"))
    country = admin1 = ""
    if fp is not None:
        (cid, aid), = g.locate([lat], [lon])
        country = cid.split(":")[1] if cid else ""
        admin1 = g.get(aid).name if aid else ""
    seen, evidence = set(), []
    # the sentences that tell and place this incident first; then those that only speak of
    # it ("a decision to strike") or answer it ("in response to the attack on Erbil")
    for m in sorted(draft.mentions, key=lambda m: (m.referenced, not m.places, m.sentence.start)):
        s = m.sentence
        if s.start not in seen:
            seen.add(s.start)
            a, b = given.original_span(s.start, s.end)
            evidence.append({"start": a, "end": b, "text": given.original[a:b]})
    ed = _event_date(draft)
    return {
        "event_date": ed.isoformat() if ed else None,
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        # a day assumed from the story, not told of this incident, is no better than a week
        "time_precision": max(dates_mod.precision(start, end), 2 if draft.inferred else 1),
        # An incident told only as an "attack" is coded as ACLED codes attacks of unknown
        # means: violence against civilians, attack.
        "event_type": draft.event_type or GENERIC_TYPE[0],
        "sub_event_type": draft.sub_event_type if draft.event_type else GENERIC_TYPE[1],
        "actor1": actor1, "actor2": actor2,
        # (an event the text places nowhere shows where it was put: "near Kaduna", "Azerbaijan")
        "location": "; ".join(dict.fromkeys(p.expression for p in draft.places)) or (fp.expression if fp else ""),
        "country": country, "admin1": admin1,
        "latitude": lat, "longitude": lon,
        "geo_precision": fp.geo_precision if fp else None,
        "where_prec": fp.where_prec if fp else None,
        "fatalities": deaths[0], "fatalities_low": deaths[1], "fatalities_high": deaths[2],
        "injuries": max(c.low for c in injured) if injured else 0,
        "background": draft.background,
        "evidence": evidence,
        "geometry": geometry,
        "_response": draft.response,
        "_order": draft.mentions[0].cue.start,      # (two events of one sentence: in their order)
    }


def incident_table(rows: list[dict], article: str | None) -> Incidents:
    import geopandas as gpd
    import pandas as pd

    rows.sort(key=lambda r: (r["background"], r["date_start"] or "9999", r["_order"]))
    ids = {id(r): f"I{k}" for k, r in enumerate(rows, 1)}
    links = []
    for r in rows:
        r["incident_id"] = ids[id(r)]
    # Incidents by (end date, order told): those a response answers, ended before it
    # began (or that day, told earlier) and within the window, are one slice of them.
    told = sorted((date.fromisoformat(o["date_end"]), o["_order"], k) for k, o in enumerate(rows)
                  if not o["background"] and o["date_end"])
    window = timedelta(days=_RESP["window_days"])
    for r in rows:
        r["responds_to"] = []
        if not r["_response"] or r["background"] or not r["date_start"]:
            continue
        start = date.fromisoformat(r["date_start"])
        lo, hi = bisect.bisect_left(told, (start - window,)), bisect.bisect_left(told, (start, r["_order"]))
        for k in sorted(k for _, _, k in told[max(lo, hi - RESPONSE_LINKS):hi]):
            r["responds_to"].append(rows[k]["incident_id"])
            links.append({"source": r["incident_id"], "target": rows[k]["incident_id"], "relation": "responds_to"})
    for r in rows:
        del r["_response"], r["_order"]
        if article is not None:
            r["article"] = article
    columns = COLUMNS + (["article"] if article is not None else []) + ["geometry"]
    if rows:
        # column by column, the geometry as one array: pandas reads a list of dicts row by row
        data = {c: [r[c] for r in rows] for c in columns[:-1]}
        data["geometry"] = gpd.array.from_shapely([r["geometry"] for r in rows], crs=_wgs84())
        gdf = gpd.GeoDataFrame(data, columns=columns, geometry="geometry")
    else:
        gdf = _empty_table(tuple(columns)).copy()
    links = pd.DataFrame(links, columns=LINK_COLUMNS) if links else _no_links().copy()
    return Incidents(gdf, links)


# Most articles report no incident, or none that answers another: their tables are copies
# of empty ones built once (building an empty GeoDataFrame took longer than copying one
# eight times over).
@lru_cache(maxsize=4)
def _empty_table(columns: tuple[str, ...]):
    import geopandas as gpd

    return gpd.GeoDataFrame({c: [] for c in columns}, geometry="geometry", crs="EPSG:4326")


# The CRS parsed once: from its code it is parsed anew for every article's table.
@lru_cache(maxsize=1)
def _wgs84():
    import pyproj

    return pyproj.CRS.from_user_input("EPSG:4326")


@lru_cache(maxsize=1)
def _no_links():
    import pandas as pd

    return pd.DataFrame([], columns=LINK_COLUMNS)


def combine(parts: list[Incidents]) -> Incidents:
    """Incidents of several articles as one set, numbered together in time order."""
    import geopandas as gpd
    import pandas as pd

    frames = [p.gdf for p in parts if len(p.gdf)]
    if len(parts) == 1 or not frames:
        return parts[0] if parts else incident_table([], None)
    keyed = []
    for k, p in enumerate(parts):
        if len(p.gdf):
            df = p.gdf.copy()
            df["part_no"] = k
            keyed.append(df)
    gdf = gpd.GeoDataFrame(pd.concat(keyed, ignore_index=True), geometry="geometry", crs="EPSG:4326")
    gdf["sort_start"] = gdf.date_start.fillna("9999")
    gdf = gdf.sort_values(["background", "sort_start", "part_no"], kind="stable").reset_index(drop=True)
    new_id = {(r.part_no, r.incident_id): f"I{n}" for n, r in enumerate(gdf.itertuples(), 1)}
    gdf["responds_to"] = [[new_id[(r.part_no, t)] for t in r.responds_to] for r in gdf.itertuples()]
    gdf["incident_id"] = [new_id[(r.part_no, r.incident_id)] for r in gdf.itertuples()]
    links = pd.DataFrame([{"source": r.incident_id, "target": t, "relation": "responds_to"}
                          for r in gdf.itertuples() for t in r.responds_to],
                         columns=LINK_COLUMNS)
    return Incidents(gdf.drop(columns=["part_no", "sort_start"]), links)
