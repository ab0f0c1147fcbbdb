"""`batch`: a corpus through `geo.extract` on Dask.

Inputs are files (.txt, .html, .json, .jsonl), folders of them, and JSONL files with one
article a line (``text``, optional ``id``, ``published``, ``url``, ``title``). Documents are
partitioned with ``dask.bag`` and run on a ``LocalCluster`` (``workers`` processes), or
on an existing ``dask.distributed`` scheduler. One bad document (empty, binary, not JSON)
never stops the run: it goes to the errors table with its reason.

Outputs, beside ``OUT.parquet`` (the incidents, GeoParquet):
``OUT.links.parquet`` (source, target, relation) and ``OUT.errors.parquet``
(document id, reason). Re-running with the same output skips the documents already done
or already failed, and adds the new ones.

The commit protocol, so that a run killed at any instant and run again gives exactly the
tables of an uninterrupted run: each finished partition is committed at once as ONE file
``OUT.parts/<hash of its document ids>.json.gz`` (its documents with their incidents, links
and errors), written to a temporary file, flushed to disk and renamed into place. The
documents done are those of the committed parts, nothing else. The three outputs are
derived data: every run rebuilds them from all the parts (links, errors, then incidents,
each renamed into place), so a kill between two of them is repaired by the next run,
which also removes the temporary files a kill left behind. A lock on ``OUT.parts/.lock``
keeps a second run off the same output.
"""

from __future__ import annotations

import contextlib
import glob
import gzip
import hashlib
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
# Documents per partition: enough to amortise scheduling, small enough to spread over workers.
PARTITION_SIZE = 16
# What a part file holds; a file without it is not ours and is never read as a part.
PART_FORMAT = "incidentmap-batch-part/1"


@dataclass(frozen=True)
class Summary:
    documents: int
    skipped: int
    incidents: int
    errors: int
    output: str


@dataclass(frozen=True)
class Outputs:
    """The files of one batch output ``OUT.parquet``."""
    incidents: Path
    links: Path
    errors: Path
    parts: Path       # the committed partitions: the truth the three tables are built from

    @classmethod
    def of(cls, out: str | Path) -> Outputs:
        base = Path(out)
        stem = base.with_suffix("")
        return cls(base, Path(f"{stem}.links.parquet"), Path(f"{stem}.errors.parquet"), Path(f"{stem}.parts"))


def documents(inputs: list[str]) -> Iterator[dict]:
    """Document records: {"id", "path"} for a file, {"id", "text", ...} for a JSONL line,
    {"id", "error"} for a line that cannot be read."""
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)
        elif p.is_file():
            files = [p]
        else:
            yield {"id": item, "error": "no such file or folder"}
            continue
        for f in files:
            if f.suffix.lower() == ".jsonl":
                yield from _jsonl(f)
            else:
                yield {"id": str(f), "path": str(f)}


def _jsonl(path: Path) -> Iterator[dict]:
    from .io import decode

    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            doc_id = f"{path}:{n}"
            try:
                rec = json.loads(decode(raw).text)      # a Latin-1 line keeps its accents
            except json.JSONDecodeError as exc:
                yield {"id": doc_id, "error": f"line {n}: not JSON ({exc.msg})"}
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                yield {"id": doc_id, "error": f'line {n}: no string "text"'}
                continue
            yield {"id": str(rec.get("id") or rec.get("doc_id") or doc_id), "text": rec["text"],
                   "published": rec.get("published"), "title": rec.get("title"), "url": rec.get("url")}


def _read(doc: dict) -> tuple[str, str | None]:
    """(text, published) of a file record, read once; ValueError with the reason when
    unusable (too large, empty, binary, not JSON)."""
    from .articles import BadArticle, parse, read_bytes

    try:
        data, name = read_bytes(doc["path"])
        if not data.strip():
            raise ValueError("empty file")
        arts = parse(data, name, Path(doc["path"]).suffix.lower())
    except BadArticle as exc:
        raise ValueError(str(exc)) from None
    text = "\n\n".join(a.text for a in arts)
    return text, next((a.published for a in arts if a.published), None)



def process(docs: list[dict], published: str | None = None) -> list[dict]:
    """Run extract on a partition: one record per document, ``{"id", "incidents", "links",
    "error"}``, plain JSON-ready Python (geometry as WKB hex), so it travels between
    processes cheaply and is committed as it is."""
    import warnings

    from .incidents import BadPublished, extract

    records = []
    for doc in docs:
        rec = {"id": doc["id"], "incidents": [], "links": [], "error": doc.get("error")}
        records.append(rec)
        if rec["error"]:
            continue
        try:
            if "path" in doc:
                text, pub = _read(doc)
            else:
                text, pub = doc["text"], doc.get("published")
            if not text.strip():
                raise ValueError("empty text")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:      # the document's own date first; --published for those without one
                    inc = extract(text, pub or published, article=doc["id"])
                except BadPublished:
                    inc = extract(text, published, article=doc["id"])
        except (ValueError, OSError, UnicodeError) as exc:
            rec["error"] = str(exc)
            continue
        prefix = f"{doc['id']}#"
        for row in inc.gdf.to_dict("records"):
            row["incident_id"] = prefix + row["incident_id"]
            row["responds_to"] = [prefix + t for t in row["responds_to"]]
            row["geometry"] = row["geometry"].wkb_hex if row["geometry"] is not None else None
            rec["incidents"].append(row)
        rec["links"] = [{"source": prefix + s, "target": prefix + t, "relation": r}
                        for s, t, r in inc.links.itertuples(index=False)]
    return records


def run(inputs: list[str], out: str, *, workers: int = 2, scheduler: str | None = None,
        published: str | None = None, progress: bool = False, partition_size: int = PARTITION_SIZE) -> Summary:
    """Extract incidents from a corpus into GeoParquet; see the module docstring.

    Raises ``geo.io.BadOutput`` before any work when ``out`` cannot be written, is one of
    the inputs, or another run is writing it."""
    from .io import check_output

    check_output(out, inputs)
    paths = Outputs.of(out)
    with _locked(paths, out):
        _remove_temporaries(paths)
        first = {}                 # an id names one document: its first occurrence counts
        for d in documents(inputs):
            first.setdefault(d["id"], d)
        docs = list(first.values())
        position = {d["id"]: k for k, d in enumerate(docs)}
        parts = _committed_parts(paths.parts)
        this_run, generation = _generation(docs, parts)
        done = _by_document(parts)
        todo = [d for d in docs if d["id"] not in done]
        partitions = [todo[k:k + partition_size] for k in range(0, len(todo), partition_size)]

        def commit(records: list[dict]) -> None:
            part = _commit(paths.parts, records, position, this_run, generation)
            for rec in part["documents"]:
                done.setdefault(rec["id"], (part["generation"], rec))

        _compute(partitions, workers, scheduler, published, progress, commit)
        incidents, errors = _rebuild(paths, done, position, generation)
    return Summary(len(docs), len(docs) - len(todo), incidents, errors, str(paths.incidents))


@contextlib.contextmanager
def _locked(paths: Outputs, out: str):
    """Hold an exclusive lock on the output while the block runs (the `filelock` that
    `gazetteer add` holds too); the kernel drops it when the process dies, so a killed run
    never leaves it held."""
    from filelock import FileLock, Timeout

    from .io import BadOutput

    paths.parts.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(paths.parts / ".lock", timeout=0):
            yield
    except Timeout:
        raise BadOutput(f"{out}: another batch run is writing this output") from None


def _temporaries(target: Path) -> list[Path]:
    """Temporary files `geo.io.atomic_path` makes for ``target``: ``.NAME.XXXXXXXXSUFFIX``."""
    pattern = f".{glob.escape(target.name)}.{'?' * 8}{glob.escape(target.suffix or '.part')}"
    return list(target.parent.glob(pattern))


def _remove_temporaries(paths: Outputs) -> None:
    """What a killed run left half-written: never committed, so safe to drop."""
    legacy_done = paths.incidents.with_suffix(".done.json")
    for target in (paths.incidents, paths.links, paths.errors, legacy_done):
        for tmp in _temporaries(target):
            tmp.unlink(missing_ok=True)
    for tmp in paths.parts.glob(".*.gz"):
        tmp.unlink(missing_ok=True)


def _committed_parts(folder: Path) -> list[dict]:
    """The committed parts, by file name. A part that cannot be read (a disk that lost
    its last write before it reached the platter) is removed: its documents are redone."""
    parts = []
    for f in sorted(folder.glob("[!.]*.json.gz")):
        try:
            part = json.loads(gzip.decompress(f.read_bytes()))
            if part.get("format") != PART_FORMAT:
                raise ValueError("not a part")
        except (ValueError, UnicodeError, EOFError, gzip.BadGzipFile):
            f.unlink()
            continue
        parts.append(part)
    return parts


def _generation(docs: list[dict], parts: list[dict]) -> tuple[str, int]:
    """The fingerprint of this run's document list and its generation: the generation of
    an earlier run with the same documents (a run taken up again after a kill), else a
    new one. Documents no longer among the inputs keep their generation's order."""
    fingerprint = hashlib.sha1("\n".join(d["id"] for d in docs).encode()).hexdigest()[:16]
    seen = {p["inputs"]: p["generation"] for p in parts}
    return fingerprint, seen.get(fingerprint, max(seen.values(), default=-1) + 1)


def _by_document(parts: list[dict]) -> dict[str, tuple[int, dict]]:
    """document id -> (generation, record); the first part named wins should two parts
    hold the same document."""
    done: dict[str, tuple[int, dict]] = {}
    for part in parts:
        for rec in part["documents"]:
            done.setdefault(rec["id"], (part["generation"], rec))
    return done


def _commit(folder: Path, records: list[dict], position: dict[str, int], fingerprint: str,
            generation: int) -> dict:
    """Commit one finished partition as one file, atomically; returns it as read back, so
    this run builds its tables from exactly what a later run will read."""
    from .io import atomic_path

    part = {"format": PART_FORMAT, "inputs": fingerprint, "generation": generation,
            "documents": [{**rec, "position": position[rec["id"]]} for rec in records]}
    text = json.dumps(part, ensure_ascii=False)
    name = hashlib.sha1("\n".join(rec["id"] for rec in records).encode()).hexdigest()[:20]
    with atomic_path(folder / f"{name}.json.gz") as tmp:
        with open(tmp, "wb") as fh:
            fh.write(gzip.compress(text.encode("utf-8"), mtime=0))   # JSON of evidence texts: ~10x smaller
            fh.flush()
            os.fsync(fh.fileno())     # on disk before the rename makes it count (power loss)
    return json.loads(text)


def _rebuild(paths: Outputs, done: dict[str, tuple[int, dict]], position: dict[str, int],
             generation: int) -> tuple[int, int]:
    """Write the three tables from the committed records: the current inputs' documents in
    input order, after those of earlier runs that are no longer inputs. Returns the counts
    of incidents and errors."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    from .incidents import COLUMNS
    from .io import atomic_path

    def order(item):
        doc, (gen, rec) = item
        return (generation, position[doc]) if doc in position else (gen, rec["position"])

    records = [rec for _, (_, rec) in sorted(done.items(), key=order)]
    rows = [dict(r) for rec in records for r in rec["incidents"]]
    geoms = shapely.from_wkb([r.pop("geometry") for r in rows]) if rows else []
    gdf = gpd.GeoDataFrame(pd.DataFrame(rows, columns=COLUMNS + ["article"]), geometry=list(geoms),
                           crs="EPSG:4326")
    gdf["evidence"] = gdf["evidence"].map(lambda v: json.dumps(v, ensure_ascii=False))
    gdf["responds_to"] = gdf["responds_to"].map(lambda v: json.dumps(list(v)))
    links = pd.DataFrame([lk for rec in records for lk in rec["links"]], columns=["source", "target", "relation"])
    errors = pd.DataFrame([(rec["id"], rec["error"]) for rec in records if rec["error"]],
                          columns=["document", "reason"])
    # Incidents last: whoever sees a fresh incidents table sees fresh links and errors.
    with atomic_path(paths.links) as tmp:
        links.to_parquet(tmp, index=False)
    with atomic_path(paths.errors) as tmp:
        errors.to_parquet(tmp, index=False)
    with atomic_path(paths.incidents) as tmp:
        gdf.to_parquet(tmp, index=False)
    # Earlier versions kept the done set here; the parts are the done set now.
    paths.incidents.with_suffix(".done.json").unlink(missing_ok=True)
    return len(gdf), len(errors)


def _compute(partitions: list[list[dict]], workers: int, scheduler: str | None, published, progress: bool,
             commit: Callable[[list[dict]], None]) -> None:
    """Run the partitions and commit each one as soon as it is finished."""
    if not partitions:
        return
    from tqdm import tqdm

    bar = tqdm(total=len(partitions), desc="batch", unit=" partition", disable=not progress, leave=False)
    if workers == 0 and scheduler is None:          # in this process, for tests and debugging
        for p in partitions:
            commit(process(p, published))
            bar.update(1)
        bar.close()
        return
    import dask.bag as db
    from distributed import Client, as_completed

    cluster = None
    try:
        if scheduler is None:
            with _interrupt_held():
                cluster = _local_cluster(workers)
        client = Client(cluster if cluster is not None else scheduler)
        try:
            bag = db.from_sequence(partitions, npartitions=len(partitions)).map(process, published)
            with _interrupts_kept() as caught:
                for fut in as_completed(client.compute(bag.to_delayed())):
                    if caught:
                        raise KeyboardInterrupt
                    for records in fut.result():      # one bag partition holds one of ours
                        commit(records)
                    bar.update(1)
                if caught:
                    raise KeyboardInterrupt
            bar.close()
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


@contextlib.contextmanager
def _interrupts_kept():
    """A Ctrl-C that lands while a finalizer runs (a dask Future's ``__del__``, as the loop
    lets one go) is "ignored" by Python: printed as a traceback and lost, and the run goes
    on. Keep it instead (the list yielded), for the loop to raise at its next step."""
    caught: list = []
    previous = sys.unraisablehook

    def hook(unraisable):
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            caught.append(unraisable.exc_value)
        else:
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield caught
    finally:
        sys.unraisablehook = previous


@contextlib.contextmanager
def _interrupt_held():
    """Hold a Ctrl-C until the block is over, then raise it: a cluster interrupted while it
    starts cannot be closed (it does not exist yet) and its workers would be left behind.
    A worker still starting may get the Ctrl-C too and fail the start: that failure is the
    interrupt's doing, so it is reported as the interrupt."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    except Exception:
        if not caught:
            raise
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt


def _local_cluster(workers: int):
    """A LocalCluster whose worker processes leave Ctrl-C to this process.

    They share the terminal's process group, so Ctrl-C reaches each of them, and each would
    print its traceback. Each worker runs `dask_setup` below (a dask preload) as it starts,
    restarts included; this process gets the KeyboardInterrupt and shuts them down."""
    import warnings

    from distributed import LocalCluster

    with warnings.catch_warnings():
        # the scheduler's HTTP server moves to a free port when another Dask cluster holds
        # 8787, and says so on stderr; that is no news to the analyst
        warnings.filterwarnings("ignore", message=r"Port \d+ is already in use", category=UserWarning)
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                            silence_logs=40, preload=[__name__])


# The scheduler of a local cluster lives in this process: when it is gone the run is over
# and this process says why. A worker whose heartbeat races the shutdown would print a
# traceback under the one-line "interrupted" (seen once in CI); that record is dropped.
_SHUTDOWN_RACE_RECORDS = ("Failed to communicate with scheduler during heartbeat",)


def _not_a_shutdown_race(record) -> bool:
    return not str(record.msg).startswith(_SHUTDOWN_RACE_RECORDS)


def dask_setup(worker) -> None:
    """Preload hook, run in each local worker process: ignore Ctrl-C (see `_local_cluster`)
    and keep the heartbeat's shutdown race off the terminal."""
    import logging

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger("distributed.worker").addFilter(_not_a_shutdown_race)
