"""geo.extract on long pathological texts: time and peak RSS as the text grows.

    python -m bench.long_text [--sizes 1 4 16 20] [--inputs repeated line nospace] [--timeout 600]

Each (input, size) runs in a fresh process, so its peak RSS is its own: the gazetteer
loaded (the first row of BENCHMARKS.md gives that base) plus what the text costs. The
inputs, all made here from a short attack report written for this bench:
- ``repeated``: the one report again and again, one per line;
- ``line``: a paragraph of a few reports (with "Gen." and "U.S." abbreviations) repeated
  with no newline at all: one huge line;
- ``nospace``: the report with commas for spaces ("On,Monday,a,drone,strike,..."),
  repeated: no whitespace at all, so no sentence ends anywhere.
- ``marked``: the report one per line with a zero-width space inside "Baghdad" and a
  soft hyphen inside "market": the text is matched through the offset map of
  ``geo.normalize_text`` and its evidence quoted from the original.
Time is that of ``geo.extract`` alone, after a warm-up call has loaded the gazetteer.
Linear time shows as seconds per MB staying flat down a column.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

REPORT = "On Monday a drone strike hit a market in Baghdad, killing four civilians and wounding nine."
PARAGRAPH = ("Gen. Adams said a U.S. convoy was attacked near Kirkuk on Tuesday. "
             "Two rockets struck the airport in Erbil, wounding three guards. "
             "Militants shelled a village 20 km north of Mosul, killing a farmer. ")
MARKED = REPORT.replace("Baghdad", "Bagh\u200bdad").replace("market", "mar\u00adket")
INPUTS = ("repeated", "line", "nospace", "marked")


def make(kind: str, size: int) -> str:
    """``size`` characters of the pathological input ``kind``."""
    unit = {"repeated": REPORT + "\n", "line": PARAGRAPH, "nospace": ",".join(REPORT.split()),
            "marked": MARKED + "\n"}[kind]
    return (unit * (size // len(unit) + 1))[:size]


_CHILD = """
import json, resource, sys, time
sys.path.insert(0, ".")
from bench.long_text import make
import geo
geo.extract("Rockets hit Erbil on Monday.", published="2024-03-04")
text = make(sys.argv[1], int(sys.argv[2]))
t = time.perf_counter()
n = len(geo.extract(text, published="2024-03-04"))
print(json.dumps({"seconds": time.perf_counter() - t, "incidents": n,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(kind: str, size: int, timeout: float) -> dict | None:
    """One measurement in a fresh process; None when it ran out of time."""
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, kind, str(size)], capture_output=True, text=True,
                              timeout=timeout, check=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"{kind} at {size:,} characters failed: {exc.stderr.strip().splitlines()[-1:]}") from None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 16, 20], help="sizes in MB (10^6 characters)")
    ap.add_argument("--inputs", nargs="+", choices=INPUTS, default=list(INPUTS))
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds before a run counts as too slow")
    args = ap.parse_args(argv)
    print("| input | MB | seconds | s/MB | peak RSS MB | incidents |")
    print("|---|---|---|---|---|---|")
    for kind in args.inputs:
        for mb in args.sizes:
            r = run(kind, int(mb * 1_000_000), args.timeout)
            if r is None:
                print(f"| {kind} | {mb:g} | > {args.timeout:.0f} | | | |", flush=True)
                continue
            print(f"| {kind} | {mb:g} | {r['seconds']:.1f} | {r['seconds'] / mb:.1f} | {r['rss_mb']:.0f} "
                  f"| {r['incidents']} |", flush=True)


if __name__ == "__main__":
    main()
