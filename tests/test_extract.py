"""geo.extract: incidents from articles, on the seed article and the project's own examples."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from shapely.geometry import Point

import geo
from geo import spatial

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEED = ROOT.parent / "shared" / "seed" / "us-strikes-eastern-syria.txt"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="../shared is not beside the repo")

TAJI_AIRFIELD = Point(44.257, 33.524)
BALAD_AIR_BASE = Point(44.362, 33.940)
ABU_KAMAL = Point(40.92, 34.45)
DEIR_EZ_ZOR = Point(40.141, 35.336)
RAQQA = Point(39.008, 35.953)
DAMASCUS = Point(36.292, 33.513)


def sequence(inc):
    return inc.gdf[~inc.gdf.background].reset_index(drop=True)


@pytest.fixture(scope="module")
def seed():
    return geo.extract(SEED.read_text("utf-8"), published="2021-02-26")


@needs_seed
def test_seed_has_exactly_three_incidents_in_2021(seed):
    seq = sequence(seed)
    assert len(seq) == 3
    assert all(d.startswith("2021-") for d in seq.date_start)


@needs_seed
def test_seed_rocket_attack_on_erbil_airport(seed):
    i1 = sequence(seed).iloc[0]
    assert i1.event_date == "2021-02-15"
    assert i1.sub_event_type == "Shelling/artillery/missile attack"
    assert spatial.distance_km(i1.geometry.centroid.x, i1.geometry.centroid.y, 43.9632, 36.2376) < 2
    assert i1.fatalities == 1 and i1.injuries >= 2


@needs_seed
def test_seed_salvo_north_of_baghdad_days_later(seed):
    i2 = sequence(seed).iloc[1]
    assert "2021-02-15" < i2.date_start <= i2.date_end <= "2021-02-25"
    assert i2.sub_event_type == "Shelling/artillery/missile attack"
    assert i2.geometry.covers(TAJI_AIRFIELD) and i2.geometry.covers(BALAD_AIR_BASE)
    assert i2.injuries >= 1 and i2.time_precision >= 2


@needs_seed
def test_seed_us_air_strike_in_eastern_syria_along_the_border(seed):
    i3 = sequence(seed).iloc[2]
    assert i3.event_date in ("2021-02-25", "2021-02-26")
    assert i3.sub_event_type == "Air/drone strike"
    assert i3.actor1 == "US forces"
    assert "Kataib Hezbollah" in i3.actor2 or "backed militia" in i3.actor2
    assert i3.geometry.covers(ABU_KAMAL)
    for town in (DEIR_EZ_ZOR, RAQQA, DAMASCUS):
        assert not i3.geometry.covers(town)
    assert (i3.fatalities_low, i3.fatalities_high) == (1, 17)
    assert i3.country == "SYR" and i3.where_prec == 5


@needs_seed
def test_seed_air_strike_responds_to_both_rocket_attacks(seed):
    seq = sequence(seed)
    i1, i2, i3 = seq.incident_id
    assert sorted(seq.iloc[2].responds_to) == sorted([i1, i2])
    assert {(r.source, r.target) for r in seed.links.itertuples()} == {(i3, i1), (i3, i2)}


@needs_seed
def test_seed_file_photo_and_read_more_stay_out_of_the_sequence(seed):
    text = SEED.read_text("utf-8")
    for row in sequence(seed).itertuples():
        for ev in row.evidence:
            assert not ev["text"].startswith(("FILE PHOTO", "READ MORE"))
            assert text[ev["start"]:ev["end"]] == ev["text"]
    assert not any(d and d.startswith("2014") for d in sequence(seed).date_start)


@needs_seed
def test_no_seed_specific_strings_in_code_or_data():
    text = SEED.read_text("utf-8")
    phrases = {p.strip() for p in text.replace("\n", ".").split(".") if len(p.strip()) > 40}
    for path in list((ROOT / "geo").rglob("*")) + list((ROOT / "gazetteer" / "data" / "curated").glob("*")):
        if path.is_file() and path.suffix in (".py", ".toml", ".csv"):
            body = path.read_text("utf-8")
            assert not any(p in body for p in phrases), path
            assert "calibrated response" not in body and "Kurdish-run" not in body, path


# ---------------------------------------------------------------- the project's own examples

def example(name, published):
    return sequence(geo.extract((EXAMPLES / name).read_text("utf-8"), published=published))


def test_example_drone_strike_near_marib():
    (inc,) = example("drone-strike-marib.txt", "2023-03-10").itertuples()
    assert inc.event_date == "2023-03-07"            # "on Tuesday", published on a Friday
    assert inc.sub_event_type == "Air/drone strike"
    assert inc.geometry.covers(Point(inc.longitude, inc.latitude))
    assert inc.where_prec == 2 and inc.country == "YEM"
    assert (inc.fatalities_low, inc.fatalities_high, inc.injuries) == (3, 5, 2)


def test_example_ambush_and_attack_two_days_later():
    first, second = example("ambush-borno.txt", "2022-06-09").itertuples()
    assert first.event_date == "2022-06-04" and first.date_end == "2022-06-04"   # "said on Thursday" is the report
    assert first.event_type == "Battles" and first.fatalities == 7
    maiduguri = geo.where("Maiduguri")
    lon, lat, _ = spatial.GEOD.fwd(maiduguri.lon, maiduguri.lat, 270, 20_000)
    assert spatial.distance_km(first.longitude, first.latitude, lon, lat) < 5
    assert second.event_date == "2022-06-06"        # "two days later"
    assert second.injuries == 12 and "Konduga" in second.location
    assert not second.geometry.covers(geo.where("Konduga").point)   # the outskirts, not the town


def test_example_shelling_and_retaliatory_drone_strike():
    shelling, drones = example("shelling-kharkiv.txt", "2024-05-13").itertuples()
    assert (shelling.date_start, shelling.date_end) == ("2024-05-12", "2024-05-13")   # overnight
    assert shelling.actor1 == "Russian forces" and shelling.injuries == 5
    assert drones.sub_event_type == "Air/drone strike" and drones.actor1 == "Ukrainian forces"
    assert drones.country == "RUS" and drones.where_prec == 4
    assert drones.responds_to == [shelling.incident_id]


def test_example_without_incidents():
    assert len(example("grain-port-alexandria.txt", "2024-04-05")) == 0


# ---------------------------------------------------------------- bad input

def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True, input=stdin)


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_gives_no_incidents_and_a_note(tmp_path, text):
    path = tmp_path / "empty.txt"
    path.write_text(text, encoding="utf-8")
    r = run("extract", str(path))
    assert r.returncode == 0
    assert json.loads(r.stdout)["features"] == []
    assert "no incidents" in r.stderr


def test_unparseable_published_exits_2(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Rockets hit Erbil on Monday.", encoding="utf-8")
    out = tmp_path / "out.geojson"
    r = run("extract", str(path), "--published", "last Tuesday", "-o", str(out))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "last Tuesday" in r.stderr
    assert not out.exists()


def test_non_utf8_bytes_are_replaced_with_a_warning():
    data = "Rockets hit Erbil International Airport on Monday, wounding two.".encode("utf-8") + b"\xff\xfe"
    with pytest.warns(UnicodeWarning):
        inc = geo.extract(data, published="2021-03-03")
    assert len(sequence(inc)) == 1


def test_html_article_with_published_meta(tmp_path):
    page = ("<html><head><meta property='article:published_time' content='2023-03-10T08:00:00Z'>"
            "<script>var x = 'airstrike in Aden killed 99';</script></head><body>"
            "<p>A drone strike hit a fuel depot near Marib on Tuesday, killing three guards.</p></body></html>")
    path = tmp_path / "a.html"
    path.write_text(page, encoding="utf-8")
    r = run("extract", str(path))
    feats = json.loads(r.stdout)["features"]
    assert [f["properties"]["event_date"] for f in feats] == ["2023-03-07"]
    assert feats[0]["properties"]["fatalities"] == 3        # the script's text is not read


def test_outputs_in_every_format(tmp_path):
    import geopandas as gpd
    import pandas as pd
    import pyogrio

    src = EXAMPLES / "shelling-kharkiv.txt"
    for name in ("x.geojson", "x.gpkg", "x.csv", "x.parquet"):
        r = run("extract", str(src), "--published", "2024-05-13", "-o", str(tmp_path / name))
        assert r.returncode == 0, r.stderr
    assert [l[0] for l in pyogrio.list_layers(tmp_path / "x.gpkg")] == ["incidents", "links", "footprints"]
    assert len(gpd.read_file(tmp_path / "x.geojson")) == 2
    assert len(gpd.read_parquet(tmp_path / "x.parquet")) == 2
    csv = pd.read_csv(tmp_path / "x.csv")
    assert {"latitude", "longitude", "footprint_wkt", "where_prec", "geo_precision"} <= set(csv.columns)


def test_unknown_output_format_exits_2(tmp_path):
    r = run("extract", str(EXAMPLES / "ambush-borno.txt"), "-o", str(tmp_path / "x.xlsx"))
    assert r.returncode == 2 and "unknown output format" in r.stderr


def test_several_articles_are_numbered_together():
    a = geo.extract((EXAMPLES / "ambush-borno.txt").read_text("utf-8"), "2022-06-09", article="borno")
    b = geo.extract((EXAMPLES / "shelling-kharkiv.txt").read_text("utf-8"), "2024-05-13", article="kharkiv")
    from geo.incidents import combine

    both = combine([b, a])
    assert list(both.gdf.incident_id) == ["I1", "I2", "I3", "I4"]
    assert list(both.gdf.article) == ["borno", "borno", "kharkiv", "kharkiv"]
    assert both.gdf.iloc[3].responds_to == ["I3"]


def test_ten_megabyte_input_completes_with_bounded_memory():
    paragraph = ("Officials said the market in the town was quiet and shops reopened after the holiday, "
                 "while traders in Kirkuk waited for new deliveries of flour from the south.\n")
    text = paragraph * (10_000_000 // len(paragraph) + 1)
    tracemalloc.start()
    inc = geo.extract(text, published="2024-01-10")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(inc) == 0
    assert peak < 800 * 2**20, f"peak {peak / 2**20:.0f} MiB"
