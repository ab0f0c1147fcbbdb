"""Hostile input and faults: HTML, spreadsheet formulas, interrupted writes, size limits,
pathological text."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

import geo
from geo import export
from geo.articles import from_html

ROOT = Path(__file__).resolve().parents[1]


def test_html_scripts_styles_and_comments_are_dropped_text_kept():
    page = ("<html><head><title>News</title><meta name='pubdate' content='2023-03-10'>"
            "<style>.x { content: 'Shelling hit Aleppo killing 50'; }</style></head><body>"
            "<!-- Rockets hit Mosul killing 9 --><script>document.write('airstrike on Gaza')</script>"
            "<article><p>A drone strike hit a depot near Marib on <b>Tuesday</b>, killing three guards.</p>"
            "</article></body></html>")
    text, published = from_html(page)
    assert published == "2023-03-10"
    assert "A drone strike hit a depot near Marib on Tuesday, killing three guards." in text
    for hidden in ("Aleppo", "Mosul", "Gaza", "document.write"):
        assert hidden not in text
    rows = geo.extract(text, published=published).gdf
    assert list(rows.location) == ["near Marib"] and list(rows.fatalities) == [3]


def test_csv_cells_that_would_run_as_formulas_are_neutralised(tmp_path):
    inc = geo.extract((ROOT / "examples" / "drone-strike-marib.txt").read_text("utf-8"), published="2023-03-10")
    inc.gdf.loc[0, "location"] = "=HYPERLINK(\"http://x\",\"click\")"
    inc.gdf.loc[0, "actor1"] = "+SUM(1,2)"
    inc.gdf.loc[0, "actor2"] = "@cmd"
    inc.gdf.loc[0, "admin1"] = "-2+3"
    path = tmp_path / "x.csv"
    export.write(inc, str(path))
    row = pd.read_csv(path, keep_default_na=False).iloc[0]
    assert row.location == "'=HYPERLINK(\"http://x\",\"click\")"
    assert (row.actor1, row.actor2, row.admin1) == ("'+SUM(1,2)", "'@cmd", "'-2+3")
    assert row.fatalities == 5            # numbers stay numbers


WRITER = """
import sys, time
from geo.io import atomic_output
with atomic_output(sys.argv[1]) as f:
    for _ in range(100000):
        f.write("x" * 100000)
        f.flush()
        time.sleep(0.001)
"""


def _interrupt_write(tmp_path: Path, sig) -> Path:
    target = tmp_path / "out.geojson"
    target.write_text('{"previous": true}', encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], cwd=ROOT)
    deadline = time.time() + 60
    while not any(p.name.startswith(".out.geojson.") and p.stat().st_size > 5_000_000
                  for p in tmp_path.iterdir()):
        assert time.time() < deadline and proc.poll() is None, "writer did not start writing"
        time.sleep(0.05)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    return target


def test_a_kill_mid_write_leaves_the_previous_file_intact(tmp_path):
    target = _interrupt_write(tmp_path, signal.SIGKILL)
    assert json.loads(target.read_text("utf-8")) == {"previous": True}


def test_ctrl_c_mid_write_leaves_the_previous_file_and_no_temporary(tmp_path):
    target = _interrupt_write(tmp_path, signal.SIGINT)
    assert json.loads(target.read_text("utf-8")) == {"previous": True}
    assert [p.name for p in tmp_path.iterdir()] == ["out.geojson"]


def test_inputs_above_the_size_limit_are_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Rockets hit Erbil on Monday. " * 100, encoding="utf-8")
    out = tmp_path / "out.geojson"
    r = subprocess.run([sys.executable, "-m", "geo", "extract", str(big), "-o", str(out)],
                       capture_output=True, text=True, env={**os.environ, "INCIDENTMAP_MAX_BYTES": "1000"})
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "INCIDENTMAP_MAX_BYTES" in r.stderr
    assert not out.exists()


def test_pathological_sentences_complete():
    # Bounded time is measured in bench/; here the guard is a generous timeout.
    script = ("import geo\n"
              "geo.extract('Rockets hit Erbil on Monday' + ',' * 100000 + ' killing two.', published='2021-03-03')\n"
              "geo.extract('[(' * 20000 + 'Mosul' + ')]' * 20000, published='2021-03-03')\n"
              "geo.extract('killed ' + '9' * 100000 + ' people in Mosul.', published='2021-03-03')\n"
              "try:\n    geo.where('north of ' + 'the ' * 5000 + 'Baghdad')\n"
              "except geo.PlaceNotFound:\n    pass\n"
              "print('done')\n")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "done"


def test_binary_input_is_refused_with_one_line(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 8)
    r = subprocess.run([sys.executable, "-m", "geo", "extract", str(path)], capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "binary" in r.stderr
