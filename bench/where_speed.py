"""Time geo.where over 200 mixed place expressions.

    python -m bench.where_speed

Target (issue 3): median <= 5 ms per expression after warm-up. The first pass (new
places, projections built) is reported too.
"""

from __future__ import annotations

import itertools
import statistics
import time

PLACES = ["Baghdad", "Mosul", "Erbil", "Kirkuk", "Basra", "Ramadi", "Fallujah", "Tikrit", "Aleppo",
          "Homs", "Raqqa", "Deir ez-Zor", "Idlib", "Damascus", "Sanaa", "Aden", "Kabul", "Kandahar",
          "Tripoli", "Benghazi", "Gao", "Timbuktu", "Maiduguri", "Mogadishu", "Donetsk", "Kharkiv"]
REGIONS = ["Syria", "Iraq", "Yemen", "Afghanistan", "Libya", "Mali", "Nigeria", "Somalia", "Ukraine",
           "Anbar governorate", "Deir ez-Zor province", "Nineveh", "Borno", "Gaza"]
BORDERS = [("Syria", "Iraq"), ("Iraq", "Iran"), ("Syria", "Turkey"), ("Afghanistan", "Pakistan"),
           ("Mali", "Niger"), ("Ukraine", "Russia"), ("Yemen", "Saudi Arabia"), ("Lebanon", "Israel")]
DIRS = ["north", "south", "east", "west", "northeast", "southwest", "northwest", "southeast"]
ADJS = ["northern", "southern", "eastern", "western", "central", "north-eastern", "southwestern"]


def expressions(n: int = 200) -> list[str]:
    forms = [
        (f"{d} of {p}" for d, p in itertools.product(DIRS, PLACES)),
        (f"just {d} of {p}" for d, p in itertools.product(DIRS[:4], PLACES)),
        (f"{k} km {d} of {p}" for k, d, p in zip(itertools.cycle([5, 12, 20, 40, 80]), itertools.cycle(DIRS), PLACES)),
        (f"about {k} miles from {p}" for k, p in zip(itertools.cycle([10, 30, 60]), PLACES)),
        (f"{a} {r}" for a, r in itertools.product(ADJS, REGIONS)),
        (f"near {p}" for p in PLACES + REGIONS),
        (f"on the outskirts of {p}" for p in PLACES),
        (f"the {a}–{b} border" for a, b in BORDERS),
        (f"eastern {a} along the {a}–{b} border" for a, b in BORDERS),
        iter(PLACES + REGIONS),
    ]
    out = []
    for group in itertools.cycle(forms):
        try:
            out.append(next(group))
        except StopIteration:
            continue
        if len(out) >= n:
            return out


def main():
    import geo

    exprs = expressions()
    geo.where("Syria")  # load the gazetteer and footprints
    first, again = [], []
    for e in exprs:
        t = time.perf_counter()
        geo.where(e)
        first.append(time.perf_counter() - t)
    for e in exprs:
        t = time.perf_counter()
        geo.where(e)
        again.append(time.perf_counter() - t)
    ms = lambda xs: sorted(1000 * x for x in xs)  # noqa: E731
    a, f = ms(again), ms(first)
    print(f"{len(exprs)} expressions")
    print(f"after warm-up: median {statistics.median(a):.2f} ms, p90 {a[int(0.9 * len(a))]:.2f} ms, max {a[-1]:.1f} ms")
    print(f"first pass:    median {statistics.median(f):.2f} ms, p90 {f[int(0.9 * len(f))]:.2f} ms, max {f[-1]:.1f} ms")


if __name__ == "__main__":
    main()
