"""The incidents as the page carries them: one compact block of columns.

Each column is one list over the incidents in marker order: coordinates rounded to what
their where_prec can claim, dates as day numbers, kinds, actors and place words as small
integer codes into one table of words, footprints as indices into the shapes stored once
(many incidents share a province, a border band or a town's circle). The evidence quotes
go into a second list that the page parses only when a popup first opens.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd
import shapely

from .encoding import decimals_for, polygons
from .style import STYLE

WORDING = STYLE["wording"]
RE_RELATIVE = re.compile(r"^(?:the\s+)?(?:%s)\b|\bof\b" % "|".join(map(re.escape, WORDING["relation_words"])),
                         re.IGNORECASE)


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def precision_words(row) -> str:
    """How precisely the place is known, in words an analyst reads: "at Erbil
    International Airport", "north of Baghdad: a region, not a point"."""
    loc = _text(row.get("location")) or "the place named"
    wp = row.get("where_prec")
    wp = int(wp) if wp is not None and wp == wp else 7
    if RE_RELATIVE.search(loc) and wp in (2, 3, 4, 5):
        # the words already say how the place relates to the one named: say only how far it spreads
        return f"{loc}: {WORDING['spread'][str(wp)]}"
    return {
        1: f"at {loc}",
        2: f"within about 25 km of {loc}",
        3: f"somewhere in the district of {loc}",
        4: f"somewhere in {_text(row.get('admin1')) or loc}",
        5: f"somewhere in {loc}",
        6: f"somewhere in {_text(row.get('country')) or loc} (only the country is known)",
    }.get(wp, f"at sea or in the air: {loc}")


class Words:
    """One table of the page's short strings; columns hold codes into it."""

    def __init__(self):
        self.table = [""]
        self.index = {"": 0}

    def code(self, value: str) -> int:
        if value not in self.index:
            self.index[value] = len(self.table)
            self.table.append(value)
        return self.index[value]

    def codes(self, values) -> list[int]:
        uniques, inverse = _factorize(values)
        mapped = np.array([self.code(u) for u in uniques], dtype=np.int64)
        return mapped[inverse].tolist() if len(mapped) else [0] * len(inverse)


def _strings(values) -> pd.Series:
    """A column as plain Python strings, missing values as "" (one vectorised conversion:
    iterating an Arrow-backed column cell by cell cost more than all the rest)."""
    if isinstance(values, pd.Series):
        s = pd.Series(values.to_numpy(dtype=object, na_value=None), dtype=object)
    else:
        s = pd.Series(list(values), dtype=object)
    return s.where(s.notna(), "").astype(str)


def _factorize(values):
    inverse, uniques = pd.factorize(_strings(values), sort=False)
    return list(uniques), inverse


def _ints(col) -> list:
    """Integers, unknown as None."""
    s = pd.to_numeric(col, errors="coerce")
    return [None if v != v else int(v) for v in s.tolist()]


def _days(values: list[str], day0) -> list:
    d = pd.to_datetime(pd.Series([v or None for v in values], dtype=object), errors="coerce", format="ISO8601")
    days = (d - day0).dt.days
    return [None if v != v else int(v) for v in days.tolist()]


def _rounded(values, wp) -> list[float]:
    """A site named to the metre keeps 5 decimals, a place within 25 km 3, anything vaguer 2:
    more digits would claim a precision the words do not give."""
    decimals = np.select([wp == 1, wp == 2], [5, 3], 2)
    out = np.empty(len(values))
    for d in (2, 3, 5):
        sel = decimals == d
        out[sel] = np.round(values[sel], d)
    return out.tolist()


def _footprints(geoms, tolerance: float):
    """Each distinct polygonal footprint once, simplified to what the map shows; per
    incident the index of its footprint, -1 for a point (drawn as a circle by where_prec)."""
    geoms = np.asarray(geoms, dtype=object)
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6))     # Polygon, MultiPolygon (None: -1)
    index = np.full(len(geoms), -1, dtype=np.int64)
    if not polygonal.any():
        return index.tolist(), polygons([], 2)
    wkb = shapely.to_wkb(geoms[polygonal])
    inverse, _ = pd.factorize(pd.Series(wkb, dtype=object))
    first = np.flatnonzero(polygonal)[pd.Series(inverse).drop_duplicates().index.to_numpy()]
    shapes = shapely.simplify(geoms[first], tolerance, preserve_topology=True)
    index[polygonal] = inverse
    return index.tolist(), polygons(shapes, decimals_for(tolerance))


RE_THE = re.compile(r"^the\s+", re.IGNORECASE)


def label_name(text: str) -> str:
    """A place as the article spells it, fit for a map label: "the Stavropol region" is
    "Stavropol"; an abbreviation ("L.A.") or a name with a gloss ("Homs (Hims)") is no
    label (""), and the gazetteer's name is used instead."""
    from geo.text import ADMIN_TAILS

    words = RE_THE.sub("", text.strip()).split()
    while len(words) > 1 and words[-1].lower() in ADMIN_TAILS:
        words.pop()
    name = " ".join(words)
    return "" if not name or any(ch in name for ch in ".()") else name


def _countries(codes) -> dict:
    """ISO3 codes to their gazetteer countries: the name a popup says ("only Iraq is
    known", not "IRQ") and the ISO2 code ``geo.where`` takes as context."""
    from gazetteer import Gazetteer

    g = Gazetteer.default()
    out = {}
    for c in codes:
        try:
            out[c] = g.country(c)
        except KeyError:
            pass
    return out


def _anchors(locations: list[str], countries: list[str], known: dict) -> tuple[list[dict], dict[str, str]]:
    """The places that relative footprints are told from ("Baghdad" in "north of Baghdad"),
    at their points and as the article spells them, and every spelling by gazetteer entry
    (``known``: the countries by ISO3, from ``_countries``)."""
    import geo

    labels, spelled = [], {}
    for loc, country in dict.fromkeys(zip(locations, countries)):
        if not loc:
            continue
        try:
            place = geo.where(loc, known[country].country if country in known else None)
        except (ValueError, LookupError):
            continue
        for t in place.toponyms:
            name = label_name(t.text)
            if name:
                spelled.setdefault(t.entry_id, name)
            if name and place.kind != "named" and t.kind not in ("country", "admin1", "demonym") and t.lat == t.lat:
                labels.append({"lat": round(t.lat, 4), "lon": round(t.lon, 4), "text": name, "kind": "anchor"})
    unique = {(la["text"], la["lat"], la["lon"]): la for la in labels}
    return list(unique.values()), spelled


TEXT_COLUMNS = ["incident_id", "date_start", "date_end", "event_type", "sub_event_type", "actor1", "actor2",
                "location", "admin1", "country", "article"]


def incident_block(gdf, tolerance: float) -> tuple[dict, list[str]]:
    """The page's data block and its evidence list for ``gdf`` (in marker order)."""
    n = len(gdf)
    words = Words()
    # every text column as a list of plain strings once; missing ones as ""
    S = {c: (_strings(gdf[c]).tolist() if c in gdf else [""] * n) for c in TEXT_COLUMNS}
    wp = pd.to_numeric(gdf.where_prec, errors="coerce").fillna(7).astype(int).to_numpy()
    starts = [v for v in S["date_start"] if v]
    ends = [v for v in S["date_end"] if v] or starts
    day0 = pd.Timestamp(min(starts)) if starts else pd.Timestamp("1970-01-01")
    colors = STYLE["event_colors"]

    etype = S["event_type"]
    counts = Counter(etype)
    type_names = list(counts)
    types = [{"name": t, "label": t or "attack of unknown kind", "color": colors.get(t, colors[""]),
              "count": counts[t]} for t in type_names]
    type_code = {t: k for k, t in enumerate(type_names)}

    actor_codes = words.codes(S["actor1"])
    ranked = Counter(S["actor1"]).most_common()
    top = ranked[:STYLE["scale"]["actors_listed"]]
    actors = [{"code": words.index[a], "label": a or "actor not named", "count": c} for a, c in sorted(top)]

    fp_index, shapes = _footprints(gdf.geometry.to_numpy(), tolerance)
    ids = S["incident_id"]
    number = {iid: k + 1 for k, iid in enumerate(ids)}
    arrows = [(number[t], number[iid]) for iid, rt in zip(ids, gdf.responds_to.tolist())
              if isinstance(rt, (list, tuple, np.ndarray)) for t in rt if t in number]
    known = _countries(set(S["country"]))
    keys = list(zip(S["location"], wp.tolist(), S["admin1"], S["country"]))
    where_of = {}
    for key in dict.fromkeys(keys):         # each distinct place once
        loc, w, admin1, c = key
        where_of[key] = precision_words({"location": loc, "where_prec": w, "admin1": admin1,
                                         "country": known[c].name if c in known else c})
    where = [where_of[key] for key in keys]
    evidence = [next((ev.get("text", "") for ev in e), "") if isinstance(e, (list, tuple, np.ndarray)) else ""
                for e in gdf.evidence.tolist()] if "evidence" in gdf else [""] * n

    if n and n <= STYLE["scale"]["canvas_above"]:
        anchors, spelled = _anchors(S["location"], S["country"], known)
    else:   # a large map names its places by the basemap and its popups only
        anchors, spelled = [], {}

    span = f"{min(starts)} to {max(ends)}" if starts else "dates unknown"
    undated = [k + 1 for k, v in enumerate(S["date_start"]) if not v]
    data = {
        "n": n,
        "day0": day0.date().isoformat(),
        "cols": {
            "id": ids,
            "lat": _rounded(gdf.latitude.to_numpy(float), wp),
            "lon": _rounded(gdf.longitude.to_numpy(float), wp),
            "start": _days(S["date_start"], day0),
            "end": _days(S["date_end"], day0),
            "type": [type_code[t] for t in etype],
            "kind": words.codes([s or t for s, t in zip(S["sub_event_type"], etype)]),
            "actor1": actor_codes,
            "actor2": words.codes(S["actor2"]),
            "place": words.codes(S["location"]),
            "where": words.codes(where),
            "article": words.codes(S["article"]),
            "wp": wp.tolist(),
            "killed": _ints(gdf.fatalities),
            "killed_low": _ints(gdf.fatalities_low),
            "killed_high": _ints(gdf.fatalities_high),
            "injured": _ints(gdf.injuries),
            "fp": fp_index,
        },
        "words": words.table,
        "types": types,
        "actors": actors,
        "actors_other": len(ranked) > len(top),
        "footprints": shapes,
        "radius_m": STYLE["footprint"]["point_radius_m"],
        "arrows": {"from": [a for a, _ in arrows], "to": [b for _, b in arrows]},
        "dates": {"min": min(starts) if starts else None, "max": max(ends) if starts else None},
        "undated": {"count": len(undated), "first": undated[:STYLE["scale"]["undated_listed"]]},
        "anchors": anchors,
        "spelled": spelled,
        "title": f"{n} incident{'s' * (n != 1)}, {span}" if n else "No incidents found",
        "legend": "Numbers: incidents in time order. Faint shapes: where each can have happened. "
                  "Dashed arrows: from an attack to the response that answers it.",
    }
    return data, evidence
