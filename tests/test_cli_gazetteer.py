"""`incidentmap gazetteer ...` as a user runs it: a real process, real data."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys

import pytest
import shapely
import shapely.geometry

from gazetteer import settings


def run(*args, env=None, user_dir=None):
    e = {**os.environ, **(env or {})}
    if user_dir is not None:
        e["INCIDENTMAP_USER_DIR"] = str(user_dir)
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          env=e, timeout=120)


def test_console_script_is_installed():
    exe = shutil.which("incidentmap")
    assert exe, "pip install should put `incidentmap` on PATH"
    r = subprocess.run([exe, "gazetteer", "lookup", "Erbil"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.splitlines()[0].startswith("Erbil\tcity")


def test_lookup_json_lists_candidates_best_first(tmp_path):
    r = run("gazetteer", "lookup", "Albu Kamal", "--json", user_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    found = json.loads(r.stdout)
    assert found[0]["country"] == "SY" and found[0]["kind"] == "city"
    assert {"name", "kind", "country", "lat", "lon"} <= set(found[0])
    assert abs(found[0]["lat"] - 34.45) < 0.05 and abs(found[0]["lon"] - 40.92) < 0.05


def test_lookup_country_and_kind_filters(tmp_path):
    r = run("gazetteer", "lookup", "Deir ez-Zor", "--kind", "admin1", "--json", user_dir=tmp_path)
    assert [c["kind"] for c in json.loads(r.stdout)] == ["admin1"]
    r = run("gazetteer", "lookup", "Paris", "--country", "US", "--json", user_dir=tmp_path)
    assert {c["country"] for c in json.loads(r.stdout)} == {"US"}


def test_empty_name_exits_2_with_one_line(tmp_path):
    r = run("gazetteer", "lookup", "", user_dir=tmp_path)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "empty place name" in r.stderr
    assert r.stdout == ""


def test_unknown_name_exits_0_with_a_message(tmp_path):
    r = run("gazetteer", "lookup", "Qqxzvwpl Jkkfd", user_dir=tmp_path)
    assert r.returncode == 0
    assert r.stdout == "" and "no place named" in r.stderr


def test_bad_usage_exits_2_with_one_line(tmp_path):
    r = run("gazetteer", "frobnicate", user_dir=tmp_path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_damaged_data_file_gives_one_line_naming_it(tmp_path, damage):
    data = tmp_path / "data"
    shutil.copytree(settings.data_dir(), data)
    if damage == "missing":
        (data / "names.parquet").unlink()
    else:
        (data / "names.parquet").write_bytes(b"PAR1 this is not parquet" * 10)
    r = run("gazetteer", "lookup", "Erbil", env={"INCIDENTMAP_GAZETTEER_DIR": str(data)},
            user_dir=tmp_path)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1
    assert str(data / "names.parquet") in r.stderr


def test_added_places_are_found_first_and_bad_rows_reported(tmp_path):
    places = tmp_path / "places.csv"
    places.write_text(
        "name,lat,lon,aliases,kind,country\n"
        "Forward Base Quill,34.40,40.95,FOB Quill|Quill outpost,base,SY\n"
        "No Latitude,,40.1,,,\n"
        "Too Far North,95,40.0,,,\n"
        "Words,north,east,,,\n"
        "Erbil,36.0,44.0,,checkpoint,IQ\n", encoding="utf-8")
    r = run("gazetteer", "add", str(places), user_dir=tmp_path / "user")
    assert r.returncode == 0, r.stderr
    assert "added 2 place(s)" in r.stdout
    errors = r.stderr.splitlines()
    assert [e.split(": line ")[1].split(":")[0] for e in errors] == ["3", "4", "5"]
    assert "latitude 95" in errors[1]

    found = json.loads(run("gazetteer", "lookup", "FOB Quill", "--json", user_dir=tmp_path / "user").stdout)
    assert found[0]["name"] == "Forward Base Quill" and found[0]["kind"] == "base"
    erbil = json.loads(run("gazetteer", "lookup", "Erbil", "--json", user_dir=tmp_path / "user").stdout)
    assert erbil[0]["kind"] == "checkpoint"            # the user's own entry first
    assert erbil[1]["id"] == "gn:95446"                # the embedded city still there


def test_adding_again_keeps_one_copy(tmp_path):
    places = tmp_path / "p.csv"
    places.write_text("name,lat,lon\nCheckpoint Nine,33.1,44.2\n", encoding="utf-8")
    for _ in range(2):
        assert run("gazetteer", "add", str(places), user_dir=tmp_path / "u").returncode == 0
    saved = (tmp_path / "u" / "places.csv").read_text(encoding="utf-8").splitlines()
    assert len(saved) == 2


def test_geojson_places(tmp_path):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Ridge Post", "aliases": ["Post 7"]},
         "geometry": {"type": "Point", "coordinates": [43.5, 36.5]}},
        {"type": "Feature", "properties": {"name": "Broken"}, "geometry": None},
    ]}
    path = tmp_path / "p.geojson"
    path.write_text(json.dumps(fc), encoding="utf-8")
    r = run("gazetteer", "add", str(path), user_dir=tmp_path / "u")
    assert r.returncode == 0 and ": feature 2: geometry is null; row skipped" in r.stderr
    found = json.loads(run("gazetteer", "lookup", "Post 7", "--json", user_dir=tmp_path / "u").stdout)
    assert (found[0]["lat"], found[0]["lon"]) == (36.5, 43.5)


@pytest.mark.parametrize("content,reason", [
    ("", "lacks"),
    ("place,x,y\nA,1,2\n", "lacks"),
    ("name,lat,lon\n,1,2\n", "no usable places"),
])
def test_unusable_places_file_exits_2(tmp_path, content, reason):
    path = tmp_path / "p.csv"
    path.write_text(content, encoding="utf-8")
    r = run("gazetteer", "add", str(path), user_dir=tmp_path / "u")
    assert r.returncode == 2 and reason in r.stderr
    assert not (tmp_path / "u" / "places.csv").exists()


def test_missing_places_file_exits_2(tmp_path):
    r = run("gazetteer", "add", str(tmp_path / "nope.csv"), user_dir=tmp_path / "u")
    assert r.returncode == 2 and "no such file" in r.stderr


def saved_rows(user_dir):
    with open(user_dir / "places.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_concurrent_adds_all_land(tmp_path):
    exe = shutil.which("incidentmap")
    assert exe, "pip install should put `incidentmap` on PATH"
    user = tmp_path / "u"
    env = {**os.environ, "INCIDENTMAP_USER_DIR": str(user)}
    added = set()
    for rnd in range(5):
        names = [f"Observation Post {rnd}-{i}" for i in range(6)]
        files = []
        for i, name in enumerate(names):
            f = tmp_path / f"r{rnd}-{i}.csv"
            f.write_text(f"name,lat,lon\n{name},33.{rnd}{i},44.{i}{rnd}\n", encoding="utf-8")
            files.append(f)
        procs = [subprocess.Popen([exe, "gazetteer", "add", str(f)], env=env, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in files]
        for p in procs:
            out, err = p.communicate(timeout=120)
            assert p.returncode == 0 and out.startswith("added 1 place(s)"), err
        added |= set(names)
        assert {r["name"] for r in saved_rows(user)} == added, f"round {rnd}"


def test_geojson_good_features_added_and_each_bad_one_reported(tmp_path):
    bow_tie = [[[44.0, 33.0], [44.2, 33.2], [44.2, 33.0], [44.0, 33.2], [44.0, 33.0]]]

    def feature(name, geometry):
        return {"type": "Feature", "properties": {"name": name}, "geometry": geometry}

    fc = {"type": "FeatureCollection", "features": [
        feature("Pump Station Four", {"type": "Point", "coordinates": [41.1, 34.6]}),
        feature("Arc Road", {"type": "Curve", "coordinates": [[41, 34], [42, 35]]}),
        feature("Nowhere Yard", None),
        feature("Crossed Field", {"type": "Polygon", "coordinates": bow_tie}),
        feature("Dot Field", {"type": "Polygon", "coordinates": [[[43, 35]] * 4]}),
        feature("Quoted Hill", {"type": "Point", "coordinates": ["43.5", "36.5"]}),
        feature("Endless Plain", {"type": "Point", "coordinates": [float("inf"), 36.5]}),
    ]}
    path = tmp_path / "places.geojson"
    path.write_text(json.dumps(fc), encoding="utf-8")      # json writes inf as Infinity
    r = run("gazetteer", "add", str(path), user_dir=tmp_path / "u")
    assert r.returncode == 0, r.stderr
    assert "added 2 place(s)" in r.stdout and "5 row(s) rejected" in r.stdout
    assert r.stderr.splitlines() == [
        f"incidentmap: {path}: feature 2: geometry type 'Curve' not supported; row skipped",
        f"incidentmap: {path}: feature 3: geometry is null; row skipped",
        f"incidentmap: {path}: feature 5: polygon with fewer than 3 distinct points; row skipped",
        f"incidentmap: {path}: feature 6: longitude '43.5' is a string, not a number; row skipped",
        f"incidentmap: {path}: feature 7: longitude inf is not a finite number; row skipped",
    ]
    saved = {row["name"]: row for row in saved_rows(tmp_path / "u")}
    assert set(saved) == {"Pump Station Four", "Crossed Field"}
    # The bow-tie is repaired into two valid triangles and the place put inside one of them.
    repaired = shapely.make_valid(shapely.geometry.shape({"type": "Polygon", "coordinates": bow_tie}))
    where = shapely.Point(float(saved["Crossed Field"]["lon"]), float(saved["Crossed Field"]["lat"]))
    assert repaired.is_valid and repaired.area > 0 and repaired.contains(where)


def test_csv_good_rows_added_and_each_bad_one_reported(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(
        "name,lat,lon\n"
        "Water Tower East,35.25,43.75\n"
        "Underscore Farm,3_0,44.0\n"
        "Not A Number,nan,44.0\n"
        "Pole Camp,-90.5,44.0\n"
        "Far West Post,34.0,-181\n"
        "Scientific Post,3e1,44.0\n"
        "Signed Ridge,-0.5,+44.125\n", encoding="utf-8")
    r = run("gazetteer", "add", str(path), user_dir=tmp_path / "u")
    assert r.returncode == 0, r.stderr
    assert "added 2 place(s)" in r.stdout
    assert r.stderr.splitlines() == [
        f"incidentmap: {path}: line 3: latitude '3_0' is not a plain decimal number; row skipped",
        f"incidentmap: {path}: line 4: latitude 'nan' is not a plain decimal number; row skipped",
        f"incidentmap: {path}: line 5: latitude -90.5 outside -90..90; row skipped",
        f"incidentmap: {path}: line 6: longitude -181 outside -180..180; row skipped",
        f"incidentmap: {path}: line 7: latitude '3e1' is not a plain decimal number; row skipped",
    ]
    saved = {row["name"]: (float(row["lat"]), float(row["lon"])) for row in saved_rows(tmp_path / "u")}
    assert saved == {"Water Tower East": (35.25, 43.75), "Signed Ridge": (-0.5, 44.125)}


def test_file_without_a_usable_place_exits_2_with_one_line(tmp_path):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Lost Mill"}, "geometry": None},
        {"type": "Feature", "properties": {"name": "Odd Shape"},
         "geometry": {"type": "Spline", "coordinates": []}},
    ]}
    path = tmp_path / "places.geojson"
    path.write_text(json.dumps(fc), encoding="utf-8")
    r = run("gazetteer", "add", str(path), user_dir=tmp_path / "u")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1
    assert "no usable places (2 row(s) rejected; first: feature 1: geometry is null)" in r.stderr
    assert not (tmp_path / "u" / "places.csv").exists()


def test_endlessly_nested_geometry_is_bad_input_not_a_crash(tmp_path):
    depth = 900     # whether json or the geometry checks run out of stack first, it is one line, exit 2
    nested = '{"type": "GeometryCollection", "geometries": [' * depth + \
        '{"type": "Point", "coordinates": [44, 33]}' + "]}" * depth
    path = tmp_path / "deep.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                    f'"properties": {{"name": "Deep"}}, "geometry": {nested}}}]}}', encoding="utf-8")
    r = run("gazetteer", "add", str(path), user_dir=tmp_path / "u")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "nested too deeply" in r.stderr


def test_saved_file_with_a_bad_row_is_left_alone(tmp_path):
    user = tmp_path / "u"
    user.mkdir()
    hand_edited = "name,lat,lon,aliases,kind,country\nMarket Square,36.1,43.1,,site,\nTypo Gate,36.x,43.2,,site,\n"
    (user / "places.csv").write_text(hand_edited, encoding="utf-8")
    path = tmp_path / "new.csv"
    path.write_text("name,lat,lon\nBridge Nine,33.3,44.4\n", encoding="utf-8")
    r = run("gazetteer", "add", str(path), user_dir=user)
    assert r.returncode == 1 and r.stderr.count("\n") == 1
    assert "line 3" in r.stderr and "nothing was added" in r.stderr
    assert (user / "places.csv").read_text(encoding="utf-8") == hand_edited
