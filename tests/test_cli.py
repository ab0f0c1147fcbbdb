"""The command line as a user meets it: through a pipe, asking its version, several
articles with their own dates, outputs that would destroy an input or cannot be written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from importlib.metadata import version

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GEOPARSE_DEV = ROOT.parent / "shared" / "eval" / "geoparse" / "GWN.dev.jsonl"


def incidentmap(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], capture_output=True, text=True,
                          timeout=300, **kw)


def test_version_is_printed():
    r = incidentmap("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"incidentmap {version('incidentmap')}"


def test_a_reader_that_closes_the_pipe_is_a_normal_end():
    # The reader is gone before a byte is written: every write meets a closed pipe.
    proc = subprocess.Popen([sys.executable, "-m", "geo", "extract", str(EXAMPLES / "shelling-kharkiv.txt"),
                             "--published", "2024-05-13"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0
    assert err == ""


@pytest.mark.skipif(not GEOPARSE_DEV.exists(), reason="../shared is not beside the repo")
def test_geoparse_into_head_ends_quietly():
    # `| head -c 100` closes the pipe while geoparse still streams records.
    r = subprocess.run(f"set -o pipefail; '{sys.executable}' -m geo geoparse '{GEOPARSE_DEV}' | head -c 100",
                       shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and len(r.stdout) == 100
    assert "Error" not in r.stderr and "Exception" not in r.stderr


def test_two_articles_keep_their_own_dates(tmp_path):
    out = tmp_path / "both.geojson"
    r = incidentmap("extract", f"{EXAMPLES / 'shelling-kharkiv.txt'}@2024-05-13",
                    f"{EXAMPLES / 'ambush-borno.txt'}@2022-06-09", "-o", out)
    assert r.returncode == 0, r.stderr
    by_article = {}
    for f in json.loads(out.read_text("utf-8"))["features"]:
        by_article.setdefault(f["properties"]["article"], set()).add(f["properties"]["event_date"][:4])
    assert by_article == {"shelling-kharkiv.txt": {"2024"}, "ambush-borno.txt": {"2022"}}


def test_two_articles_with_two_dates_in_one_map(tmp_path):
    out = tmp_path / "both.html"
    r = incidentmap("map", f"{EXAMPLES / 'shelling-kharkiv.txt'}@2024-05-13",
                    f"{EXAMPLES / 'ambush-borno.txt'}@2022-06-09", "-o", out)
    assert r.returncode == 0, r.stderr
    html = out.read_text("utf-8")
    title = html.split('"title":"', 1)[1].split('"', 1)[0]
    assert title.startswith("4 incidents, 2022-06-0") and " to 2024-05-1" in title


def test_jsonl_records_carry_their_own_dates_past_published(tmp_path):
    articles = tmp_path / "two.jsonl"
    articles.write_text("\n".join(json.dumps({"id": name, "text": (EXAMPLES / name).read_text("utf-8"),
                                              "published": day})
                                  for name, day in [("shelling-kharkiv.txt", "2024-05-13"),
                                                    ("ambush-borno.txt", "2022-06-09")]), "utf-8")
    out = tmp_path / "two.geojson"
    r = incidentmap("extract", articles, "--published", "2000-01-01", "-o", out)
    assert r.returncode == 0, r.stderr
    years = {f["properties"]["article"]: f["properties"]["event_date"][:4]
             for f in json.loads(out.read_text("utf-8"))["features"]}
    assert years == {"shelling-kharkiv.txt": "2024", "ambush-borno.txt": "2022"}


def test_a_bad_date_after_the_path_is_refused_before_any_work(tmp_path):
    r = incidentmap("map", f"{EXAMPLES / 'shelling-kharkiv.txt'}@2024-13-40", "-o", tmp_path / "m.html")
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1 and "2024-13-40" in r.stderr
    assert not (tmp_path / "m.html").exists()


@pytest.mark.parametrize("command, name", [("map", "article.html"), ("extract", "article.json")])
def test_an_output_that_is_an_input_is_refused(tmp_path, command, name):
    article = tmp_path / name
    text = (EXAMPLES / "ambush-borno.txt").read_text("utf-8")
    article.write_text(json.dumps({"text": text}) if name.endswith(".json") else f"<p>{text}</p>", "utf-8")
    before = article.read_bytes()
    r = incidentmap(command, article, "-o", article)
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1 and str(article) in r.stderr
    assert article.read_bytes() == before


def test_geoparse_output_that_is_its_input_is_refused(tmp_path):
    records = tmp_path / "g.jsonl"
    records.write_text(json.dumps({"doc_id": "a", "text": "Shells fell on Kharkiv."}) + "\n", "utf-8")
    before = records.read_bytes()
    r = incidentmap("geoparse", records, "-o", records)
    assert r.returncode == 2 and "also an input" in r.stderr
    assert records.read_bytes() == before


def test_an_unwritable_folder_is_refused_before_any_work():
    # /sys refuses new files even to root, where a chmod'ed folder would not.
    r = incidentmap("map", EXAMPLES / "ambush-borno.txt", "-o", "/sys/incidentmap-test.html")
    assert r.returncode == 2 and r.stderr.startswith("incidentmap: error: /sys/incidentmap-test.html")
    assert len(r.stderr.splitlines()) == 1 and "internal error" not in r.stderr


def test_an_unknown_kind_is_refused_with_the_kinds():
    r = incidentmap("gazetteer", "lookup", "Kharkiv", "--kind", "bogus")
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1
    assert "'bogus'" in r.stderr and "admin1" in r.stderr and "city" in r.stderr
