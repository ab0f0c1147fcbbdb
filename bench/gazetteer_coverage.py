"""Gazetteer coverage on geoparsing corpora.

For every gold toponym with coordinates: does looking up its text give any candidate
within 161 km of the gold point? Also the share whose first candidate is within 161 km
(a floor for resolution, with no context at all). Demonyms are left out of the headline
figures, as in ../shared/eval/README.md, and counted beside them.

    python -m bench.gazetteer_coverage ../shared/eval/geoparse/*.dev.jsonl [--misses 30]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np
from pyproj import Geod

from gazetteer import Gazetteer

from .corpora import DEMONYMS, is_demonym, load_demonyms, read_docs

KM = 161.0
_GEOD = Geod(ellps="WGS84")


def measure(path: Path, g: Gazetteer, demonyms: set[str]):
    rows = []  # (demonym?, any within, first within, name)
    for doc in read_docs(path):
        for t in doc["toponyms"]:
            if t.get("lat") is None or t.get("lon") is None:
                continue
            name = doc["text"][t["start"]:t["end"]] or t["name"]
            try:
                cands = g.lookup(name)
            except ValueError:
                cands = []
            if cands:
                lat = np.array([c.lat for c in cands])
                lon = np.array([c.lon for c in cands])
                _, _, d = _GEOD.inv(lon, lat, np.full(len(cands), float(t["lon"])),
                                    np.full(len(cands), float(t["lat"])))
                km = d / 1000.0
                rows.append((is_demonym(t, demonyms), bool((km <= KM).any()), bool(km[0] <= KM), name))
            else:
                rows.append((is_demonym(t, demonyms), False, False, name))
    return rows


def summary(rows, with_demonyms: bool):
    sel = [r for r in rows if with_demonyms or not r[0]]
    n = len(sel)
    return n, sum(r[1] for r in sel) / n, sum(r[2] for r in sel) / n


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--demonyms", type=Path, default=DEMONYMS)
    ap.add_argument("--misses", type=int, default=0, help="print the most frequent misses")
    args = ap.parse_args(argv)
    g = Gazetteer.default()
    demonyms = load_demonyms(args.demonyms)
    print("| corpus | toponyms | coverage@161 | first@161 | with demonyms: toponyms | coverage@161 | first@161 |")
    print("|---|---|---|---|---|---|---|")
    for path in args.files:
        rows = measure(path, g, demonyms)
        n, cov, first = summary(rows, False)
        nd, covd, firstd = summary(rows, True)
        corpus = path.name.split(".")[0]
        print(f"| {corpus} | {n} | {cov:.1%} | {first:.1%} | {nd} | {covd:.1%} | {firstd:.1%} |")
        if args.misses:
            miss = Counter(r[3] for r in rows if not r[1] and not r[0])
            print("  misses:", ", ".join(f"{k} ({v})" for k, v in miss.most_common(args.misses)))


if __name__ == "__main__":
    main()
