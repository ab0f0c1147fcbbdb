"""Gazetteer coverage on geoparsing corpora.

For every gold toponym with coordinates: does looking up its text give any candidate
within 161 km of the gold point? Also the share whose first candidate is within 161 km
(a floor for resolution, with no context at all). Demonyms are left out of the headline
figures, as in ../shared/eval/README.md, and counted beside them.

    python -m bench.gazetteer_coverage ../shared/eval/geoparse/*.dev.jsonl [--misses 30]

With ``--places`` it reads coded place records instead (../shared/eval/places, UCDP:
for measuring only, never a gazetteer source) and reports two shares: records whose
place name, its descriptor word ("village", "town", "district", ...) stripped, has an
entry of exactly that folded name within 10 km of the coded point; and records whose
``adm_2`` district name has an admin2 entry whose polygon holds the point.

    python -m bench.gazetteer_coverage --places ../shared/eval/places/ucdp-syria-dev.jsonl
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np
from pyproj import Geod

from gazetteer import Gazetteer, shapes
from gazetteer.normalize import name_key

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


PLACE_KM = 10.0
# The coder's descriptor after a place name: "Teir Maaleh village", "Ar Rastan district".
DESCRIPTORS = ("village", "town", "city", "district", "sub district", "subdistrict", "area",
               "suburb", "locality", "neighbourhood", "neighborhood", "governorate")


def strip_descriptor(name: str) -> str:
    key = name_key(name)
    for d in sorted(DESCRIPTORS, key=len, reverse=True):
        if key.endswith(" " + d):
            return key[: -len(d) - 1]
    return key


def place_coverage(path: Path, g: Gazetteer, show: int = 0) -> tuple[int, float, float]:
    """(records, share of place names found within PLACE_KM, share of districts holding the point)."""
    import json

    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    near = held = 0
    misses = []
    for r in records:
        key = strip_descriptor(r["place"])
        cands = [c for c in g.lookup(key, fuzzy=False) if c.matched == key] if key else []
        if cands:
            _, _, d = _GEOD.inv([c.lon for c in cands], [c.lat for c in cands],
                                [r["lon"]] * len(cands), [r["lat"]] * len(cands))
            found = bool((np.asarray(d) / 1000.0 <= PLACE_KM).any())
        else:
            found = False
        near += found
        if not found:
            misses.append(r["place"])
        district = strip_descriptor(r.get("adm_2") or "")
        units = [c for c in g.lookup(district, kinds=["admin2"], fuzzy=False) if c.matched == district and c.has_shape] \
            if district else []
        held += any(shapes.footprint(c.id).covers(shapes.point(r["lon"], r["lat"])) for c in units)
    if show:
        print("  place misses:", ", ".join(misses[:show]))
    return len(records), near / len(records), held / len(records)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--places", nargs="*", type=Path, default=[], help="coded place records (JSON lines)")
    ap.add_argument("--demonyms", type=Path, default=DEMONYMS)
    ap.add_argument("--misses", type=int, default=0, help="print the most frequent misses")
    args = ap.parse_args(argv)
    g = Gazetteer.default()
    demonyms = load_demonyms(args.demonyms)
    if args.places:
        print(f"| places | records | place name within {PLACE_KM:.0f} km | adm_2 polygon holds point |")
        print("|---|---|---|---|")
        for path in args.places:
            n, near, held = place_coverage(path, g, args.misses)
            print(f"| {path.name.split('.')[0]} | {n} | {near:.1%} | {held:.1%} |")
    if not args.files:
        return
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
