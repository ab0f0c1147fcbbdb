"""Gazetteer speed and memory: cold start, load, look-ups per second.

    python -m bench.gazetteer_speed [--corpus ../shared/eval/geoparse/*.dev.jsonl]
    python -m bench.gazetteer_speed --compare /tmp/gaz-before gazetteer/data

``--compare`` runs the whole bench once per data folder (``INCIDENTMAP_GAZETTEER_DIR``),
one after the other in one run, so two builds are measured on the same machine load.

Targets (issue 2): cold start of ``incidentmap gazetteer lookup Erbil`` <= 1.0 s;
``Gazetteer.default()`` <= 0.5 s and <= 300 MB resident; >= 50,000 mixed look-ups/s.
"Mixed" look-ups are the annotated place names of the corpora as written (hits,
misses, abbreviations, demonyms), in document order, plus filters by country and kind.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

LOAD_SCRIPT = """
import resource, time, json
t0 = time.perf_counter()
from gazetteer import Gazetteer
t1 = time.perf_counter()
g = Gazetteer.default()
t2 = time.perf_counter()
g.lookup("Erbil")
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def cold_start(runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(["incidentmap", "gazetteer", "lookup", "Erbil"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def load(runs: int) -> dict:
    out = [json.loads(subprocess.run([sys.executable, "-c", LOAD_SCRIPT], check=True,
                                     capture_output=True, text=True).stdout) for _ in range(runs)]
    return {k: statistics.median(o[k] for o in out) for k in out[0]}


def corpus_names(files) -> list[str]:
    names = []
    for f in files:
        for line in Path(f).read_text("utf-8").split("\n"):
            if line.strip():
                doc = json.loads(line)
                names += [doc["text"][t["start"]:t["end"]] for t in doc["toponyms"]]
    return [n for n in names if n.strip()]


def throughput(names, **kwargs) -> float:
    from gazetteer import Gazetteer

    g = Gazetteer.default()
    t = time.perf_counter()
    for n in names:
        g.lookup(n, **kwargs)
    return len(names) / (time.perf_counter() - t)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="+", default=sorted(map(str, Path("../shared/eval/geoparse").glob("*.dev.jsonl"))))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--compare", nargs="+", type=Path, help="data folders to measure in turn")
    args = ap.parse_args(argv)
    if args.compare:
        for folder in args.compare:
            print(f"## {folder}", flush=True)
            env = {**os.environ, "INCIDENTMAP_GAZETTEER_DIR": str(folder.resolve())}
            subprocess.run([sys.executable, "-m", "bench.gazetteer_speed", "--runs", str(args.runs),
                            "--corpus", *args.corpus], check=True, env=env)
        return
    names = corpus_names(args.corpus)
    print(f"cold start `incidentmap gazetteer lookup Erbil`: {cold_start(args.runs):.3f} s (median of {args.runs})")
    ld = load(args.runs)
    print(f"import gazetteer: {ld['import_s']:.3f} s; Gazetteer.default(): {ld['load_s']:.3f} s; "
          f"peak RSS after a look-up: {ld['rss_mb']:.0f} MB")
    throughput(names[:2000], fuzzy=False)  # warm the folding cache as a long-running process would
    print(f"mixed exact look-ups ({len(names)} corpus names): {throughput(names, fuzzy=False):,.0f}/s")
    print(f"  with limit=10: {throughput(names, fuzzy=False, limit=10):,.0f}/s")
    print(f"  filtered country='US': {throughput(names, fuzzy=False, country='US'):,.0f}/s; "
          f"kinds=['city']: {throughput(names, fuzzy=False, kinds=['city']):,.0f}/s")
    from gazetteer import Gazetteer

    g = Gazetteer.default()
    misses = [n for n in dict.fromkeys(names) if not g.lookup(n, fuzzy=False)][:200]
    t = time.perf_counter()
    for n in misses:
        g.lookup(n)
    print(f"fuzzy fallback on {len(misses)} names with no exact match: "
          f"{(time.perf_counter() - t) / max(1, len(misses)) * 1000:.1f} ms each")


if __name__ == "__main__":
    main()
