"""Reading a places file row by row, and saving places so that none is lost."""

from __future__ import annotations

import json

import pytest
import shapely
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from gazetteer import BadPlacesFile, DataFileError
from gazetteer.userplaces import UserPlace, load_saved, read_places, read_places_text, save


def geojson(*geometries, name="Test Site"):
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": name}, "geometry": g} for g in geometries]})


def one_reason(geometry) -> str:
    good, bad = read_places_text(geojson(geometry), "p.geojson")
    assert good == [] and len(bad) == 1 and bad[0].unit == "feature" and bad[0].line == 1
    return bad[0].reason


@pytest.mark.parametrize("geometry,reason", [
    (None, "geometry is null"),
    ("POINT (1 2)", "geometry is not a GeoJSON object"),
    ({"type": "Circle", "coordinates": [44, 33]}, "geometry type 'Circle' not supported"),
    ({"coordinates": [44, 33]}, "geometry type None not supported"),
    ({"type": "Point", "coordinates": [44]}, "position [44] is not [longitude, latitude]"),
    ({"type": "Point", "coordinates": [44, "33"]}, "latitude '33' is a string, not a number"),
    ({"type": "Point", "coordinates": [True, 33]}, "longitude True is not a number"),
    ({"type": "Point", "coordinates": [float("nan"), 33]}, "longitude nan is not a finite number"),
    ({"type": "Point", "coordinates": [44, 91]}, "latitude 91 outside -90..90"),
    ({"type": "Point", "coordinates": [-180.5, 33]}, "longitude -180.5 outside -180..180"),
    ({"type": "Point", "coordinates": [44, 10 ** 400]}, "latitude 1000000000000000000000000000000000000... outside -90..90"),
    ({"type": "LineString", "coordinates": [[44, 33], [44, 33]]}, "line with fewer than 2 distinct points"),
    ({"type": "Polygon", "coordinates": []}, "Polygon without coordinates"),
    ({"type": "Polygon", "coordinates": [[[44, 33], [44, 33], [44, 33], [44, 33]]]},
     "polygon with fewer than 3 distinct points"),
    ({"type": "Polygon", "coordinates": [[[44, 33], [45, 33], [46, 33], [44, 33]]]},
     "invalid polygon (Self-intersection[45 33]) with no area left after repair"),
    ({"type": "Polygon", "coordinates": [[[44, 33], [45, 33], [45, 34], [44, 33]],
                                         [[44.5, 33.2], [44.5, 33.2], [44.5, 33.2], [44.5, 33.2]]]},
     "polygon hole 1 with fewer than 3 distinct points"),
    ({"type": "GeometryCollection", "geometries": []}, "GeometryCollection without geometries"),
])
def test_bad_geometry_is_refused_with_its_reason(geometry, reason):
    assert one_reason(geometry) == reason


def test_bow_tie_is_placed_inside_its_repaired_polygon():
    bow_tie = {"type": "Polygon", "coordinates": [[[0, 0], [4, 4], [4, 0], [0, 4], [0, 0]]]}
    good, bad = read_places_text(geojson(bow_tie), "p.geojson")
    assert bad == []
    repaired = shapely.make_valid(shapely.geometry.shape(bow_tie))
    assert repaired.geom_type == "MultiPolygon" and repaired.is_valid
    assert repaired.contains(shapely.Point(good[0].lon, good[0].lat))


def test_overlapping_multipolygon_is_merged_not_refused():
    squares = {"type": "MultiPolygon", "coordinates": [
        [[[10, 10], [12, 10], [12, 12], [10, 12], [10, 10]]],
        [[[11, 11], [13, 11], [13, 13], [11, 13], [11, 11]]]]}
    good, bad = read_places_text(geojson(squares), "p.geojson")
    assert bad == [] and shapely.box(10, 10, 13, 13).contains(shapely.Point(good[0].lon, good[0].lat))


def test_polygon_with_a_hole_is_placed_outside_the_hole():
    ring = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
                                               [[1, 1], [9, 1], [9, 9], [1, 9], [1, 1]]]}
    good, _ = read_places_text(geojson(ring), "p.geojson")
    assert not shapely.box(1, 1, 9, 9).contains(shapely.Point(good[0].lon, good[0].lat))


def test_feature_without_a_name_or_with_odd_properties_is_refused():
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": 7}, "geometry": {"type": "Point", "coordinates": [1, 2]}},
        {"type": "Feature", "properties": ["x"], "geometry": {"type": "Point", "coordinates": [1, 2]}},
        {"type": "Feature", "properties": {"name": "A", "aliases": 3},
         "geometry": {"type": "Point", "coordinates": [1, 2]}},
        "not a feature",
        {"type": "Feature", "properties": {"name": "B"}},
    ]}
    good, bad = read_places_text(json.dumps(fc), "p.geojson")
    assert good == []
    assert [(r.line, r.reason) for r in bad] == [
        (1, "name 7 is not text"),
        (2, "properties are not a JSON object"),
        (3, "aliases 3 are neither text nor a list of text"),
        (4, "not a GeoJSON Feature"),
        (5, "no geometry"),
    ]


@pytest.mark.parametrize("lat,reason", [
    ("3_0", "latitude '3_0' is not a plain decimal number"),
    ("inf", "latitude 'inf' is not a plain decimal number"),
    ("-Infinity", "latitude '-Infinity' is not a plain decimal number"),
    ("1e1", "latitude '1e1' is not a plain decimal number"),
    ("0x1A", "latitude '0x1A' is not a plain decimal number"),
    ("٣٠", "latitude '٣٠' is not a plain decimal number"),     # Arabic-Indic digits: float() takes them
    ("", "no latitude"),
    ("90.0001", "latitude 90.0001 outside -90..90"),
])
def test_csv_number_is_parsed_strictly(lat, reason):
    good, bad = read_places_text(f"name,lat,lon\nSome Well,{lat},44\n", "p.csv")
    assert good == [] and [(b.line, b.reason) for b in bad] == [(2, reason)]


@pytest.mark.parametrize("lat,value", [("30", 30.0), (" -30.5 ", -30.5), ("+.5", 0.5), ("7.", 7.0), ("-90", -90.0)])
def test_csv_plain_decimals_are_read(lat, value):
    good, bad = read_places_text(f"name,lat,lon\nSome Well,{lat},44\n", "p.csv")
    assert bad == [] and good[0].lat == value


def test_csv_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("name,lat,lon\nBOM Hill,36,44\n", encoding="utf-8-sig")
    good, bad = read_places(path)
    assert [p.name for p in good] == ["BOM Hill"] and bad == []


def test_unreadable_file_is_refused_whole(tmp_path):
    with pytest.raises(BadPlacesFile, match="not a GeoJSON FeatureCollection"):
        read_places_text('{"type": "Topology"}', "p.geojson")
    with pytest.raises(BadPlacesFile, match="is a folder"):
        read_places(tmp_path)


@pytest.fixture
def user_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTMAP_USER_DIR", str(tmp_path / "user"))
    return tmp_path / "user"


coords = st.tuples(st.floats(-90, 90, allow_nan=False), st.floats(-180, 180, allow_nan=False))


@hsettings(max_examples=60, deadline=None)
@given(points=st.lists(coords, min_size=1, max_size=5))
def test_saved_coordinates_come_back_exactly(points, tmp_path_factory):
    # The strict reader takes no exponent, so tiny values (1e-05) must be written as plain decimals.
    places = [UserPlace(f"Spot {i}", lat, lon) for i, (lat, lon) in enumerate(points)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INCIDENTMAP_USER_DIR", str(tmp_path_factory.mktemp("user")))
        save(places)
        saved = load_saved()
    assert {(p.name, p.lat, p.lon) for p in saved} == {(p.name, p.lat, p.lon) for p in places}


def test_adding_keeps_what_was_saved_before(user_dir):
    save([UserPlace("Old Gate", 36.0, 43.0)])
    save([UserPlace("New Gate", 36.5, 43.5, ("Gate 2",), "checkpoint", "IQ")])
    assert [(p.name, p.aliases, p.kind, p.country) for p in load_saved()] == [
        ("Old Gate", (), "site", ""), ("New Gate", ("Gate 2",), "checkpoint", "IQ")]
