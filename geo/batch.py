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
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
# Documents per partition: enough to amortise scheduling, small enough to spread over workers.
PARTITION_SIZE = 16


@dataclass(frozen=True)
class Summary:
    documents: int
    skipped: int
    incidents: int
    errors: int
    output: str


def _outputs(out: str) -> tuple[Path, Path, Path]:
    base = Path(out)
    stem = base.with_suffix("")
    return base, Path(f"{stem}.links.parquet"), Path(f"{stem}.errors.parquet")


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
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            doc_id = f"{path}:{n}"
            try:
                rec = json.loads(raw.decode("utf-8", errors="replace"))
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


def process(docs: list[dict], published: str | None = None) -> dict:
    """Run extract on a partition; returns rows for the three tables (plain Python, so
    the result travels between processes cheaply)."""
    import warnings

    from .incidents import BadPublished, extract

    incidents, links, errors = [], [], []
    for doc in docs:
        if "error" in doc:
            errors.append({"document": doc["id"], "reason": doc["error"]})
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
            errors.append({"document": doc["id"], "reason": str(exc)})
            continue
        prefix = f"{doc['id']}#"
        for row in inc.gdf.to_dict("records"):
            row["incident_id"] = prefix + row["incident_id"]
            row["responds_to"] = [prefix + t for t in row["responds_to"]]
            row["geometry"] = row["geometry"].wkb if row["geometry"] is not None else None
            incidents.append(row)
        links += [{"source": prefix + s, "target": prefix + t, "relation": r}
                  for s, t, r in inc.links.itertuples(index=False)]
        if not len(inc.gdf):
            incidents.append({"article": doc["id"], "incident_id": None})   # done, with no incident
    return {"incidents": incidents, "links": links, "errors": errors}


def _frames(results: list[dict]):
    import geopandas as gpd
    import pandas as pd
    import shapely

    from .incidents import COLUMNS

    rows = [r for res in results for r in res["incidents"]]
    done = sorted({r["article"] for r in rows})
    rows = [r for r in rows if r.get("incident_id")]
    geoms = [shapely.from_wkb(r.pop("geometry")) if r.get("geometry") is not None else None for r in rows]
    columns = COLUMNS + ["article"]
    gdf = gpd.GeoDataFrame(pd.DataFrame(rows, columns=columns), geometry=geoms, crs="EPSG:4326")
    gdf["evidence"] = gdf["evidence"].map(lambda v: json.dumps(v, ensure_ascii=False))
    gdf["responds_to"] = gdf["responds_to"].map(lambda v: json.dumps(list(v)))
    links = pd.DataFrame([r for res in results for r in res["links"]], columns=["source", "target", "relation"])
    errors = pd.DataFrame([r for res in results for r in res["errors"]], columns=["document", "reason"])
    return gdf, links, errors, done


def _done_path(out: str) -> Path:
    return Path(f"{Path(out).with_suffix('')}.done.json")


def _previous(out: str):
    """What an earlier run with this output left: tables and the documents it finished."""
    import geopandas as gpd
    import pandas as pd

    inc_path, links_path, err_path = _outputs(out)
    if not inc_path.exists():
        return None
    gdf = gpd.read_parquet(inc_path)
    links = pd.read_parquet(links_path) if links_path.exists() else pd.DataFrame(columns=["source", "target", "relation"])
    errors = pd.read_parquet(err_path) if err_path.exists() else pd.DataFrame(columns=["document", "reason"])
    done = set(json.loads(_done_path(out).read_text("utf-8"))) if _done_path(out).exists() else set()
    return gdf, links, errors, done


def run(inputs: list[str], out: str, *, workers: int = 2, scheduler: str | None = None,
        published: str | None = None, progress: bool = False) -> Summary:
    """Extract incidents from a corpus into GeoParquet; see the module docstring."""
    import pandas as pd

    from .io import atomic_path

    docs = list(documents(inputs))
    previous = _previous(out)
    skip = (previous[3] | set(previous[2].document)) if previous else set()
    todo = [d for d in docs if d["id"] not in skip]
    parts = [todo[k:k + PARTITION_SIZE] for k in range(0, len(todo), PARTITION_SIZE)]
    gdf, links, errors, finished = _frames(_compute(parts, workers, scheduler, published, progress))
    done = set(finished)
    if previous:
        import geopandas as gpd

        gdf = gpd.GeoDataFrame(pd.concat([previous[0], gdf], ignore_index=True), geometry="geometry", crs="EPSG:4326")
        links = pd.concat([previous[1], links], ignore_index=True)
        errors = pd.concat([previous[2], errors], ignore_index=True)
        done |= previous[3]
    inc_path, links_path, err_path = _outputs(out)
    # The incidents file is written last: it is what a re-run looks for.
    with atomic_path(links_path) as tmp:
        links.to_parquet(tmp, index=False)
    with atomic_path(err_path) as tmp:
        errors.to_parquet(tmp, index=False)
    with atomic_path(_done_path(out)) as tmp:
        tmp.write_text(json.dumps(sorted(done)), "utf-8")
    with atomic_path(inc_path) as tmp:
        gdf.to_parquet(tmp, index=False)
    return Summary(len(docs), len(docs) - len(todo), len(gdf), len(errors), str(inc_path))


def _compute(parts: list[list[dict]], workers: int, scheduler: str | None, published, progress: bool):
    if not parts:
        return []
    if workers == 0 and scheduler is None:          # in this process, for tests and debugging
        return [process(p, published) for p in parts]
    import dask.bag as db
    from distributed import Client, LocalCluster, as_completed
    from tqdm import tqdm

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        bag = db.from_sequence(parts, npartitions=len(parts)).map(process, published)
        futures = client.compute(bag.to_delayed())
        bar = tqdm(total=len(futures), desc="batch", unit=" partition", disable=not progress, leave=False)
        by_future = {}
        for fut in as_completed(futures):
            by_future[fut.key] = fut.result()
            bar.update(1)
        bar.close()
        # keep the input order, whatever order the workers finished in
        return [r for fut in futures for r in by_future[fut.key]]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

