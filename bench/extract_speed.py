"""geo.extract throughput: articles per second on one core, after loading.

    python -m bench.extract_speed [../shared/eval/geoparse/*.dev.jsonl]

Target (issue 5): >= 100 articles per second. The dev corpora texts stand in for news
articles; every one is given the same publication date.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


def main(argv=None):
    files = (argv or sys.argv[1:]) or sorted(map(str, Path("../shared/eval/geoparse").glob("*.dev.jsonl")))
    texts = [json.loads(line)["text"] for f in files for line in Path(f).read_text("utf-8").split("\n")
             if line.strip()]
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    import geo

    t = time.perf_counter()
    geo.extract("Rockets hit Erbil on Monday.", published="2021-03-01")
    load = time.perf_counter() - t
    t = time.perf_counter()
    n = 0
    for text in texts:
        n += len(geo.extract(text, published="2021-03-01"))
    elapsed = time.perf_counter() - t
    print(f"{len(texts)} articles, {n} incidents; load {load:.2f} s")
    print(f"{len(texts) / elapsed:.0f} articles/s on one core; peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
