"""Incidents to the files other tools read: GeoJSON (RFC 7946), GeoPackage (layers
``incidents``, ``links``, ``footprints``), CSV with ACLED-like columns (latitude/longitude
and the footprint as WKT), GeoParquet. Every file is written to a temporary name and
renamed into place, so a failure never leaves half a file."""

from __future__ import annotations

import json
from pathlib import Path

from .io import atomic_path

FORMATS = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".csv": "csv", ".parquet": "parquet"}
_LISTS = ("responds_to", "evidence")


# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet shows as text: a leading formula character gets a quote
    ("=HYPERLINK(...)" becomes "'=HYPERLINK(...)"), as OWASP advises for CSV."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def format_of(path: str) -> str:
    if path == "-":
        return "geojson"
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ValueError(f"unknown output format {Path(path).suffix!r} (use .geojson, .gpkg, .csv or .parquet)")
    return fmt


def _flat(gdf):
    """Lists as JSON text, for formats without list columns."""
    out = gdf.copy()
    for c in _LISTS:
        if c in out:
            out[c] = out[c].map(lambda v: json.dumps(list(v), ensure_ascii=False))
    return out


class BadIncidentsFile(ValueError):
    """A file that is not an incidents table written by incidentmap."""


def read(path: str):
    """The incidents of a GeoParquet file written by ``incidentmap extract -o X.parquet``
    or ``incidentmap batch -o X.parquet``, with their lists back from JSON text and the
    links from ``X.links.parquet`` when it lies beside it: a month of batch output can be
    mapped again without extracting anything."""
    import geopandas as gpd
    import pandas as pd

    from .incidents import COLUMNS, Incidents
    from .incidents.table import LINK_COLUMNS

    try:
        gdf = gpd.read_parquet(path)
    except Exception as exc:   # noqa: BLE001 - pyarrow and geopandas raise many kinds for a bad file
        raise BadIncidentsFile(f"{path}: not a GeoParquet file of incidents ({type(exc).__name__})") from None
    missing = [c for c in COLUMNS if c not in gdf]
    if missing:
        raise BadIncidentsFile(f"{path}: not an incidents table (no column {missing[0]!r})")
    for c in _LISTS:
        gdf[c] = gdf[c].map(lambda v: json.loads(v) if isinstance(v, str) else list(v) if v is not None else [])
    beside = Path(str(path)[: -len(".parquet")] + ".links.parquet")
    links = pd.read_parquet(beside) if beside.exists() else pd.DataFrame(columns=LINK_COLUMNS)
    return Incidents(gdf, links)


def _links_geometry(incidents):
    import geopandas as gpd
    import shapely

    pts = {r.incident_id: (r.longitude, r.latitude) for r in incidents.gdf.itertuples()}
    lines = [shapely.LineString([pts[s], pts[t]]) if s in pts and t in pts else None
             for s, t in zip(incidents.links.source, incidents.links.target)]
    return gpd.GeoDataFrame(incidents.links, geometry=lines, crs="EPSG:4326")


def geojson(incidents) -> dict:
    """A FeatureCollection of the incidents (footprint geometries, every column a property)."""
    import shapely

    feats = []
    for row in incidents.gdf.to_dict("records"):
        geom = row.pop("geometry")
        props = {k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
        feats.append({"type": "Feature", "id": props["incident_id"],
                      "geometry": shapely.geometry.mapping(geom) if geom is not None and not geom.is_empty else None,
                      "properties": props})
    return {"type": "FeatureCollection", "features": feats,
            "links": incidents.links.to_dict("records")}


def write(incidents, path: str) -> None:
    """Write incidents to ``path`` in the format its suffix names ("-": GeoJSON to stdout)."""
    import sys

    fmt = format_of(path)
    if path == "-":
        json.dump(geojson(incidents), sys.stdout, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
        return
    with atomic_path(path) as tmp:
        if fmt == "geojson":
            tmp.write_text(json.dumps(geojson(incidents), ensure_ascii=False, default=str), "utf-8")
        elif fmt == "csv":
            import pandas as pd

            df = _flat(incidents.gdf)
            df["footprint_wkt"] = df.geometry.to_wkt()
            df = df.drop(columns="geometry")
            for c in df.columns:
                if df[c].dtype == object or pd.api.types.is_string_dtype(df[c]):
                    df[c] = df[c].map(spreadsheet_safe)
            df.to_csv(tmp, index=False)
        elif fmt == "parquet":
            _flat(incidents.gdf).to_parquet(tmp, index=False)
        elif fmt == "gpkg":
            import geopandas as gpd

            gdf = _flat(incidents.gdf)
            points = gpd.GeoDataFrame(gdf.drop(columns="geometry"),
                                      geometry=gpd.points_from_xy(gdf.longitude, gdf.latitude), crs="EPSG:4326")
            points.to_file(tmp, layer="incidents", driver="GPKG")
            _links_geometry(incidents).to_file(tmp, layer="links", driver="GPKG")
            gdf[["incident_id", "geometry"]].to_file(tmp, layer="footprints", driver="GPKG")
