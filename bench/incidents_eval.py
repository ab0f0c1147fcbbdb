"""Incident extraction scored against gold, in this process: the shared scorer's own
matching, with its command-line call replaced by `geo.extract` (same GeoJSON), so a run
takes seconds instead of one process start per article.

    python -m bench.incidents_eval [GOLD.json] [--quiet] [--quiet-corpora] [--verbose] [--speed]

GOLD defaults to bench/data/incidents-dev-gold.json (the development gold, annotated
blind); articles come from ../shared/eval/incidents/violent-headlines.jsonl, or, for a
gold whose ids are "CORPUS:doc_id" (incidents-heldout6-gold.json), from the geoparsing
corpora in ../shared/eval/geoparse/ (no publication date). --quiet also counts the articles
of quiet.jsonl where any incident appears. --quiet-corpora counts, and lists, the articles of
the geoparsing corpora with no violence word (the 527 outside the sixth and seventh golds'
pool, `heldout_ids.VIOLENCE`) where any incident appears: a second quiet set, of local and
world news, that no rule was fitted to before it was first counted (most should have none;
an abduction told without a violence word may be real). --speed times extraction on all of
violent-headlines.jsonl, on one core, after loading. The official figures are
`python ../shared/eval/incidents/score.py GOLD --articles ... --quiet ...`, which this
reproduces (checked in BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval" / "incidents"


def _extract_in_process(text, published):
    import geo
    from geo import export

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        inc = geo.extract(text, published)
    return json.loads(json.dumps(export.geojson(inc), default=str)), ""


def _geoparse_articles(ids: list[str]) -> Path:
    """The articles of a gold drawn from the geoparsing corpora ("GWN:100": corpus and
    doc_id), as records the scorer reads, written to a temporary file: the texts stay in
    ../shared. They carry no publication date."""
    import tempfile

    wanted = set(ids)
    out = Path(tempfile.mkdtemp(prefix="incidentmap-eval-")) / "articles.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for path in sorted((EVAL.parent / "geoparse").glob("*.jsonl")):
            for line in path.open(encoding="utf-8"):      # (not splitlines: texts hold U+2028)
                r = json.loads(line)
                key = f"{r['corpus']}:{r['doc_id']}"
                if key in wanted:
                    f.write(json.dumps({"id": key, "published": None, "text": r["text"]}) + "\n")
    return out


def _quiet_corpora() -> None:
    """Print the articles of the geoparsing corpora with no violence word that have an
    incident (not background), then how many of how many."""
    import geo

    # the sets' own definition of a violence word, loaded from its file (bench/data is no package)
    spec = importlib.util.spec_from_file_location("heldout_ids", ROOT / "bench" / "data" / "heldout_ids.py")
    ids = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ids)
    VIOLENCE = ids.VIOLENCE

    seen, found = 0, []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in sorted((EVAL.parent / "geoparse").glob("*.jsonl")):
            for line in path.open(encoding="utf-8"):
                r = json.loads(line)
                if VIOLENCE.search(r["text"]):
                    continue
                seen += 1
                rows = geo.extract(r["text"]).gdf
                rows = rows[~rows.background.astype(bool)]
                if len(rows):
                    found.append(f"{r['corpus']}:{r['doc_id']} " + "; ".join(
                        f"{t or 'event'} at {loc or '(no place words)'}" for t, loc in zip(rows.sub_event_type, rows.location)))
    for line in found:
        print("  ", line)
    print(f"quiet corpora: {len(found)}/{seen} articles with no violence word have incidents")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(ROOT / "bench" / "data" / "incidents-dev-gold.json"))
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--quiet-corpora", action="store_true")
    a = ap.parse_args(argv)
    # the shared scorer, loaded from where it lies (never copied into the project)
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)

    score.extract = _extract_in_process
    articles = EVAL / "violent-headlines.jsonl"
    gold_ids = [r["id"] for r in json.loads(Path(a.gold).read_text("utf-8"))]
    if gold_ids and all(":" in i for i in gold_ids):
        articles = _geoparse_articles(gold_ids)
    args = [a.gold, "--articles", str(articles)]
    args += ["--quiet", str(EVAL / "quiet.jsonl")] if a.quiet else []
    args += ["--verbose"] if a.verbose else []
    sys.argv = ["score.py", *args]
    score.main()
    if a.quiet_corpora:
        _quiet_corpora()
    if a.speed:
        import geo

        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        recs = [json.loads(line) for line in (EVAL / "violent-headlines.jsonl").read_text("utf-8").splitlines()]
        geo.extract("Rockets hit Erbil on Monday.", published="2021-03-01")
        # loading includes the transliteration-skeleton index, which the gazetteer reads on
        # first use (never at load, to keep its cold load short): before the clock, not in it
        from gazetteer import Gazetteer
        Gazetteer.default().sounding("Erbil")
        t = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for r in recs:
                geo.extract(r["text"], r.get("published"))
        dt = time.perf_counter() - t
        print(f"speed: {len(recs) / dt:.0f} articles/s on one core ({len(recs)} articles in {dt:.1f} s)")


if __name__ == "__main__":
    main()
