"""`incidentmap gazetteer ...` as a user runs it: a real process, real data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

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
