"""geoparse speed: documents per second on one core, end to end, after loading.

    python -m bench.geoparse_speed [../shared/eval/geoparse/*.dev.jsonl]

Target (issue 4): >= 200 documents per second.
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
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})   # one core
    import geo

    t = time.perf_counter()
    geo.geoparse("Loading the gazetteer in Baghdad.")
    load = time.perf_counter() - t
    for text in texts[:50]:       # warm the folding caches as a long run would
        geo.geoparse(text)
    t = time.perf_counter()
    n_chars = 0
    for text in texts:
        geo.geoparse(text)
        n_chars += len(text)
    elapsed = time.perf_counter() - t
    print(f"{len(texts)} documents ({n_chars / len(texts):.0f} characters on average), one core")
    print(f"load: {load:.2f} s; {len(texts) / elapsed:.0f} documents/s; {n_chars / elapsed / 1e6:.2f} M characters/s")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
