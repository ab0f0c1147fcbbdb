"""Corpora on Dask: the same incidents as a serial run, a real scheduler on loopback,
bad documents in the errors table, re-runs that skip work done."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo import batch

ROOT = Path(__file__).resolve().parents[1]
DEV = sorted((ROOT.parent / "shared" / "eval" / "geoparse").glob("*.dev.jsonl"))
needs_dev = pytest.mark.skipif(not DEV, reason="../shared is not beside the repo")
KEY = ["incident_id", "event_date", "date_start", "date_end", "sub_event_type", "location", "where_prec",
       "fatalities", "injuries"]


def table(path) -> pd.DataFrame:
    g = gpd.read_parquet(path)
    g["wkt"] = g.geometry.to_wkt(rounding_precision=6)
    return pd.DataFrame(g[KEY + ["wkt"]]).sort_values("incident_id").reset_index(drop=True)


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    for f in (ROOT / "examples").glob("*.txt"):
        (d / f.name).write_bytes(f.read_bytes())
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (d / "more.jsonl").write_text(
        json.dumps({"id": "erbil", "text": "Rockets hit Erbil International Airport on Monday, wounding two.",
                    "published": "2021-03-03"}) + "\n{not json at all\n", encoding="utf-8")
    return d


@needs_dev
def test_two_workers_give_the_same_incidents_as_a_serial_run(tmp_path):
    serial = batch.run([str(p) for p in DEV], str(tmp_path / "serial.parquet"), workers=0, published="2021-03-01")
    parallel = batch.run([str(p) for p in DEV], str(tmp_path / "dask.parquet"), workers=2, published="2021-03-01")
    assert serial.documents == parallel.documents >= 600
    assert serial.incidents == parallel.incidents > 0
    pd.testing.assert_frame_equal(table(tmp_path / "serial.parquet"), table(tmp_path / "dask.parquet"))


def test_bad_documents_go_to_the_errors_table(corpus, tmp_path):
    out = tmp_path / "out.parquet"
    s = batch.run([str(corpus)], str(out), workers=0, published="2024-05-13")
    errors = pd.read_parquet(tmp_path / "out.errors.parquet")
    reasons = dict(zip(errors.document.map(lambda d: Path(d.split(":")[0]).name), errors.reason))
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "not JSON" in reasons["more.jsonl"]
    g = gpd.read_parquet(out)
    assert {"shelling-kharkiv.txt", "ambush-borno.txt", "drone-strike-marib.txt"} <= \
        {Path(a).name for a in g.article}
    assert "erbil" in set(g.article)
    assert s.errors == 3


def test_rerun_skips_documents_already_done(corpus, tmp_path):
    out = str(tmp_path / "out.parquet")
    first = batch.run([str(corpus)], out, workers=0, published="2024-05-13")
    again = batch.run([str(corpus)], out, workers=0, published="2024-05-13")
    assert again.skipped == first.documents and again.incidents == first.incidents
    (corpus / "new.txt").write_text("A car bomb exploded in Mogadishu on Tuesday, killing four people.",
                                    encoding="utf-8")
    third = batch.run([str(corpus)], out, workers=0, published="2024-05-13")
    assert third.skipped == first.documents and third.incidents == first.incidents + 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_batch_on_a_real_scheduler_and_worker(corpus, tmp_path):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen(["dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = None
    try:
        worker = subprocess.Popen(["dask", "worker", address, "--nworkers", "1", "--nthreads", "1",
                                   "--no-dashboard", "--host", "127.0.0.1"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        from distributed import Client

        deadline = time.time() + 60
        while True:
            try:
                with Client(address, timeout=5) as c:
                    if c.scheduler_info()["workers"]:
                        break
            except OSError:
                pass
            assert time.time() < deadline, "scheduler or worker did not start"
            time.sleep(0.5)
        out = tmp_path / "remote.parquet"
        r = subprocess.run([sys.executable, "-m", "geo", "batch", str(corpus), "-o", str(out),
                            "--scheduler", address, "--published", "2024-05-13"],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        serial = tmp_path / "serial.parquet"
        batch.run([str(corpus)], str(serial), workers=0, published="2024-05-13")
        pd.testing.assert_frame_equal(table(out), table(serial))
    finally:
        for p in (worker, scheduler):
            if p is not None:
                p.terminate()
                p.wait(timeout=30)


def test_cli_batch_rejects_a_non_parquet_output(tmp_path):
    r = subprocess.run([sys.executable, "-m", "geo", "batch", str(ROOT / "examples"), "-o", str(tmp_path / "x.csv")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.count("\n") == 1


def test_rows_follow_the_inputs_order_across_partitions_and_reruns(corpus, tmp_path):
    out = str(tmp_path / "out.parquet")
    batch.run([str(corpus)], out, workers=0, published="2024-05-13", partition_size=2)
    (corpus / "aaa-first.txt").write_text("Militants shelled a village near Idlib on Saturday, killing three.",
                                          encoding="utf-8")
    again = batch.run([str(corpus)], out, workers=0, published="2024-05-13", partition_size=2)
    assert again.skipped == again.documents - 1
    order = [d["id"] for d in batch.documents([str(corpus)])]
    articles = list(dict.fromkeys(gpd.read_parquet(out).article))
    assert articles[0].endswith("aaa-first.txt")
    assert articles == [a for a in order if a in set(articles)]
    parts = list((tmp_path / "out.parts").glob("*.json.gz"))
    assert len(parts) == -(-(again.documents - 1) // 2) + 1      # the first run's partitions, and the new one
