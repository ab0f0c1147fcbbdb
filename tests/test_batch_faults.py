"""Batch under faults: killed at each write step or at random instants and run again, it
gives exactly the tables of an uninterrupted run; Ctrl-C with workers is one line; an
output that cannot be written fails before any work.

The kills are real: a process dies by SIGKILL, with no cleanup of any kind. To afford one
kill per write step, a harness process (this file run as a script) loads the gazetteer once
and forks a fresh process for each run; a run to be killed at its k-th rename has
``os.replace`` wrapped, in that process only, to SIGKILL itself just before or just after
that rename. Production code has no hook.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
HEADLINES = ROOT.parent / "shared" / "eval" / "incidents" / "violent-headlines.jsonl"
needs_shared = pytest.mark.skipif(not HEADLINES.exists(), reason="../shared is not beside the repo")
PUBLISHED = "2021-01-01"
PARTITION_SIZE = 3
ARTICLES = 10                      # + one line that is not JSON: 11 documents, 4 partitions
WRITES = 4 + 3                     # a rename per partition, then links, errors, incidents


def _corpus(folder: Path) -> Path:
    lines = HEADLINES.read_text("utf-8").splitlines()[:ARTICLES]
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(lines[:4] + ["{this line is not JSON"] + lines[4:]) + "\n", encoding="utf-8")
    return path


def _tables(out: Path) -> list[pd.DataFrame]:
    """The three outputs as plain frames, rows in file order, geometry as WKB."""
    import geopandas as gpd

    g = gpd.read_parquet(out)
    incidents = pd.DataFrame(g.drop(columns="geometry")).assign(wkb=g.geometry.to_wkb())
    stem = out.with_suffix("")
    return [incidents, pd.read_parquet(f"{stem}.links.parquet"), pd.read_parquet(f"{stem}.errors.parquet")]


def _assert_same_tables(out: Path, reference: Path, case) -> None:
    for got, want in zip(_tables(out), _tables(reference)):
        pd.testing.assert_frame_equal(got, want, obj=str(case))


def _leftovers(out: Path) -> list[str]:
    """Files beside the output that are none of the outputs, the committed parts or the lock."""
    stem = out.with_suffix("").name
    expected = {out.name, f"{stem}.links.parquet", f"{stem}.errors.parquet", f"{stem}.parts"}
    extra = [f.name for f in out.parent.iterdir() if f.name not in expected]
    for f in (out.parent / f"{stem}.parts").iterdir():
        if f.name == ".lock":
            continue
        committed = f.name.endswith(".json.gz") and not f.name.startswith(".")
        part = json.loads(gzip.decompress(f.read_bytes())) if committed else {}
        if part.get("format") != "incidentmap-batch-part/1":
            extra.append(f"{stem}.parts/{f.name}")
    return extra


# --- the harness: runs in its own process, started by the tests below ---------------------

def _run_and_exit(corpus: str, out: str, kill: dict | None) -> None:
    """In a forked process: one batch run, killed as ``kill`` says; exits with the number
    of renames it made, and writes its summary beside its output folder."""
    from geo import batch

    code = 99
    try:
        renames, replace = [0], os.replace

        def replace_then_maybe_die(src, dst):
            renames[0] += 1
            if kill and renames[0] == kill["rename"] and kill["when"] == "before":
                os.kill(os.getpid(), signal.SIGKILL)
            replace(src, dst)
            if kill and renames[0] == kill["rename"] and kill["when"] == "after":
                os.kill(os.getpid(), signal.SIGKILL)

        os.replace = replace_then_maybe_die
        s = batch.run([corpus], out, workers=0, published=PUBLISHED, partition_size=PARTITION_SIZE)
        Path(out).parent.with_suffix(".summary.json").write_text(json.dumps(s.__dict__))
        code = renames[0]
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


def _fork(corpus: str, out: str, kill: dict | None = None, after_s: float | None = None) -> int:
    """A fresh process for one run; the exit code, or minus the signal that killed it."""
    pid = os.fork()
    if pid == 0:
        _run_and_exit(corpus, out, kill)
    if after_s is not None:
        time.sleep(after_s)
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def harness(corpus: str, folder: str, seed: int) -> list[dict]:
    import geo

    geo.extract("Rockets hit Erbil on Monday.", published=PUBLISHED)    # the gazetteer, loaded before forking
    base = Path(folder)
    t = time.perf_counter()
    renames = _fork(corpus, str(base / "reference" / "out.parquet"))
    duration = time.perf_counter() - t
    cases = [{"rename": k, "when": when} for k in range(1, renames + 1) for when in ("before", "after")]
    rng = random.Random(seed)
    cases += [{"after_s": round(rng.uniform(0.05, 0.95) * duration, 3)} for _ in range(4)]
    results = [{"case": "reference", "exit": renames, "out": str(base / "reference" / "out.parquet")}]
    for n, case in enumerate(cases):
        out = base / f"case{n}" / "out.parquet"
        killed = _fork(corpus, str(out), None if "after_s" in case else case, case.get("after_s"))
        rerun = _fork(corpus, str(out))
        summary = json.loads(out.parent.with_suffix(".summary.json").read_text())
        results.append({"case": case, "killed": killed, "rerun": rerun, "out": str(out), "summary": summary})
    return results


# --- the tests -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def killed_runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    corpus = _corpus(folder)
    r = subprocess.run([sys.executable, __file__, str(corpus), str(folder), "7"],
                       capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-3000:]
    results = json.loads(r.stdout.splitlines()[-1])
    assert results[0]["exit"] == WRITES, "a clean run renames once per partition and once per table"
    return results


@needs_shared
def test_a_kill_at_each_write_step_then_a_rerun_gives_the_uninterrupted_tables(killed_runs):
    reference = Path(killed_runs[0]["out"])
    incidents, _, errors = _tables(reference)
    assert len(incidents) > ARTICLES / 2 and len(errors) == 1
    steps = [r for r in killed_runs[1:] if "rename" in r["case"]]
    assert len(steps) == 2 * WRITES
    for r in steps:
        assert r["killed"] == -signal.SIGKILL, r
        assert 3 <= r["rerun"] <= WRITES, r            # renames made: it finished
        _assert_same_tables(Path(r["out"]), reference, r["case"])
        assert _leftovers(Path(r["out"])) == [], r["case"]


@needs_shared
def test_a_rerun_after_a_kill_keeps_the_partitions_committed_before_it(killed_runs):
    documents = ARTICLES + 1
    for r in (r for r in killed_runs[1:] if "rename" in r["case"]):
        k, when = r["case"]["rename"], r["case"]["when"]
        committed = k if when == "after" else k - 1          # renames 1..4 commit the partitions
        assert r["summary"]["skipped"] == min(committed * PARTITION_SIZE, documents), r["case"]
        assert r["summary"]["documents"] == documents


@needs_shared
def test_a_kill_at_random_instants_then_a_rerun_gives_the_uninterrupted_tables(killed_runs):
    reference = Path(killed_runs[0]["out"])
    instants = [r for r in killed_runs[1:] if "after_s" in r["case"]]
    assert len(instants) == 4
    for r in instants:
        assert 3 <= r["rerun"] <= WRITES, r            # renames made: it finished
        _assert_same_tables(Path(r["out"]), reference, r["case"])
        assert _leftovers(Path(r["out"])) == [], r["case"]


@contextlib.contextmanager
def _port_held(port: int):
    """Hold a TCP port for the block, as another program would (if one already holds it,
    the condition is the same)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        try:
            sock.bind(("", port))
            sock.listen(1)
        except OSError:
            pass
        yield
    finally:
        sock.close()


@needs_shared
def test_ctrl_c_with_workers_is_one_line_and_a_rerun_finishes_the_work(tmp_path):
    """SIGINT to the whole process group, as a terminal sends it, once a partition is committed."""
    from geo import batch

    out = tmp_path / "out" / "month.parquet"
    command = [str(Path(sys.executable).with_name("incidentmap")), "batch", str(HEADLINES), "-o", str(out),
               "--workers", "2", "--published", PUBLISHED]
    # another Dask cluster on the machine holds the default dashboard port (it happened
    # in CI: its warning reached stderr)
    with _port_held(8787):
        p = subprocess.Popen(command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        parts = out.with_suffix(".parts")
        deadline = time.monotonic() + 300
        while not list(parts.glob("[!.]*.json.gz")) and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(p.pid, signal.SIGINT)
        _, stderr = p.communicate(timeout=120)
    assert p.returncode == 130, stderr
    assert stderr == "incidentmap: interrupted\n"
    committed = list(parts.glob("[!.]*.json.gz"))
    assert 0 < len(committed) < 240 / batch.PARTITION_SIZE
    assert _leftovers(out) == [], "only committed parts, no temporary file"
    assert not out.exists(), "an interrupted run writes no table"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:          # the workers go with the client
        try:
            os.killpg(p.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("worker processes outlived the interrupted run")

    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    kept = len(committed) * batch.PARTITION_SIZE
    assert f"240 document(s), {kept} already done" in again.stderr
    batch.run([str(HEADLINES)], str(tmp_path / "reference.parquet"), workers=0, published=PUBLISHED)
    _assert_same_tables(out, tmp_path / "reference.parquet", "after Ctrl-C")
    assert _leftovers(out) == []


@pytest.mark.parametrize("where", ["/sys/incidentmap/out.parquet", "{tmp}/a-file/out.parquet"])
def test_an_output_that_cannot_be_written_fails_before_reading_any_input(where, tmp_path, monkeypatch):
    from geo import batch
    from geo.io import BadOutput

    (tmp_path / "a-file").write_text("a regular file, not a folder", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Gunmen attacked a checkpoint near Kirkuk on Sunday, killing two guards.",
                                  encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    read = []
    monkeypatch.setattr(batch, "documents", lambda inputs: read.append(inputs) or iter(()))
    out = where.format(tmp=tmp_path)
    with pytest.raises(BadOutput, match="out.parquet"):
        batch.run([str(corpus)], out, workers=0)
    assert read == []
    assert sorted(tmp_path.rglob("*")) == before
    assert not Path("/sys/incidentmap").exists()


def test_a_second_run_on_an_output_being_written_is_refused(tmp_path):
    from geo import batch
    from geo.io import BadOutput

    (tmp_path / "a.txt").write_text("A roadside bomb struck a convoy in Helmand on Friday.", encoding="utf-8")
    out = tmp_path / "out.parquet"
    (tmp_path / "out.parts").mkdir()
    with open(tmp_path / "out.parts" / ".lock", "a") as held:       # as a run in progress holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(BadOutput, match="another batch run"):
            batch.run([str(tmp_path / "a.txt")], str(out), workers=0)
    assert not out.exists()
    batch.run([str(tmp_path / "a.txt")], str(out), workers=0, published=PUBLISHED)
    assert out.exists()


if __name__ == "__main__":
    print(json.dumps(harness(sys.argv[1], sys.argv[2], int(sys.argv[3]))))


def test_a_ctrl_c_landing_in_a_finalizer_is_kept_not_lost(capsys):
    # Python "ignores" an exception raised in __del__ (prints it, goes on); a Ctrl-C that
    # arrives while a dask Future is finalized must still stop the run
    from geo import batch

    class Finalized:
        def __del__(self):
            raise KeyboardInterrupt

    with batch._interrupts_kept() as caught:
        x = Finalized()
        del x
    assert len(caught) == 1 and isinstance(caught[0], KeyboardInterrupt)
    assert capsys.readouterr().err == ""


def test_a_local_worker_keeps_the_heartbeat_shutdown_race_off_the_terminal():
    # In a worker process as the preload leaves it: the heartbeat's failure as the scheduler
    # goes (logged by distributed with its traceback) is dropped; any other error still shows
    code = (
        "import logging, distributed, geo.batch as b\n"
        "b.dask_setup(None)\n"
        "log = logging.getLogger('distributed.worker')\n"
        "try:\n"
        "    raise OSError('Stream is closed')\n"
        "except OSError:\n"
        "    log.exception('Failed to communicate with scheduler during heartbeat.')\n"
        "    log.exception('Unexpected exception during heartbeat. Closing worker.')\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "Failed to communicate" not in p.stderr
    assert "Unexpected exception during heartbeat" in p.stderr and "OSError: Stream is closed" in p.stderr
