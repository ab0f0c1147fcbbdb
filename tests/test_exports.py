"""Exports round-trip: read back with geopandas, the same rows and values."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

import geo
from geo import export

ROOT = Path(__file__).resolve().parents[1]
SCALARS = ["incident_id", "event_date", "date_start", "date_end", "time_precision", "event_type",
           "sub_event_type", "actor1", "actor2", "location", "country", "admin1", "geo_precision",
           "where_prec", "fatalities", "fatalities_low", "fatalities_high", "injuries", "background"]


@pytest.fixture(scope="module")
def incidents():
    text = (ROOT / "examples" / "shelling-kharkiv.txt").read_text("utf-8")
    return geo.extract(text, published="2024-05-13")


def same(original, read_back):
    a = pd.DataFrame(original[SCALARS]).reset_index(drop=True)
    b = pd.DataFrame(read_back[SCALARS]).reset_index(drop=True)
    for c in SCALARS:
        if c in ("event_date", "date_start", "date_end"):   # GDAL reads ISO dates back as dates
            assert [str(x)[:10] for x in a[c]] == [str(x)[:10] for x in b[c]], c
        else:
            assert [str(x) for x in a[c]] == [str(x) for x in b[c]], c
    assert list(map(list, original.responds_to)) == [json.loads(v) if isinstance(v, str) else list(v)
                                                    for v in read_back.responds_to]


@pytest.mark.parametrize("suffix", [".geojson", ".parquet"])
def test_footprint_formats_round_trip(incidents, tmp_path, suffix):
    path = tmp_path / f"x{suffix}"
    export.write(incidents, str(path))
    back = gpd.read_parquet(path) if suffix == ".parquet" else gpd.read_file(path)
    same(incidents.gdf, back)
    for a, b in zip(incidents.gdf.geometry, back.geometry):
        assert shapely.equals_exact(a, b, tolerance=1e-6) or a.symmetric_difference(b).area < 1e-9


def test_csv_round_trips_with_wkt_footprints(incidents, tmp_path):
    path = tmp_path / "x.csv"
    export.write(incidents, str(path))
    back = pd.read_csv(path, keep_default_na=False)     # an empty cell stays an empty string
    back = gpd.GeoDataFrame(back, geometry=gpd.GeoSeries.from_wkt(back.footprint_wkt), crs="EPSG:4326")
    for c in ("time_precision", "geo_precision", "where_prec", "fatalities", "fatalities_low",
              "fatalities_high", "injuries"):
        back[c] = back[c].astype(incidents.gdf[c].dtype)
    back["background"] = back["background"].map({"True": True, "False": False, True: True, False: False})
    same(incidents.gdf, back)
    assert list(back.latitude.round(6)) == list(incidents.gdf.latitude.round(6))


def test_geopackage_has_three_layers_and_round_trips(incidents, tmp_path):
    path = tmp_path / "x.gpkg"
    export.write(incidents, str(path))
    assert [name for name, _ in pyogrio.list_layers(path)] == ["incidents", "links", "footprints"]
    back = gpd.read_file(path, layer="incidents")
    same(incidents.gdf, back)
    links = gpd.read_file(path, layer="links")
    assert list(zip(links.source, links.target)) == list(zip(incidents.links.source, incidents.links.target))
    footprints = gpd.read_file(path, layer="footprints")
    assert list(footprints.incident_id) == list(incidents.gdf.incident_id)


def test_notebook_runs_where_jupyter_opens_it(tmp_path):
    import nbclient
    import nbformat

    # Jupyter's working folder is the notebook's own folder, examples/, not the checkout.
    nb = nbformat.read(ROOT / "examples" / "notebook.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "examples")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "<table" in html and "iframe" in html and "https://cdn" not in html
