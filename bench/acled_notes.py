"""Incidents from real coder-written event reports: the `notes` of ACLED's violent events
(battles, explosions and remote violence, violence against civilians), extracted with
`geo.extract` dated by the event's day, and scored as `bench.coder_reports` scores them (a
hit: a main incident's footprint whose representative point is within 25 / 50 / 100 km of
the coders' point for ACLED geo_precision 1 / 2 / 3, or a footprint that holds the point and
is no wider than twice that).

    python -m bench.acled_notes ACLED.csv [--half dev|held|all] [--show K] [--country C]

The notes are ACLED's and are not in this repository: ACLED's terms allow them for
measuring, not for redistribution, and none of their places may enter the gazetteer. The
file measured in BENCHMARKS.md is `acled.csv` of the public repository RPanlilio/acled
(commit 6566b7a91ffb49efeb50adf98ae737e5fb511ca1; 5,071 events of 28 April to 9 May 2020
worldwide, 2,658 of them violent, in 70 countries); bring it with the search tool's
`fetch github:RPanlilio/acled` and `git show HEAD:acled.csv`.

The events are split in two halves by a hash of `event_id_cnty`: rules may be read against
the `dev` half's misses; the `held` half is only ever counted.
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import hashlib
import math
import warnings

TOL = {1: 25.0, 2: 50.0, 3: 100.0}
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def half(event_id: str) -> str:
    return "dev" if hashlib.sha1(event_id.encode()).digest()[0] % 2 == 0 else "held"


def events(path: str, which: str = "all", country: str | None = None) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["event_type"] in VIOLENT and r["notes"].strip()]
    rows = [r for r in rows if which == "all" or half(r["event_id_cnty"]) == which]
    return [r for r in rows if country is None or r["country"] == country]


def day(s: str) -> str:
    for fmt in ("%d-%b-%y", "%Y-%m-%d", "%d %B %Y"):
        try:
            return dt.datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"unreadable event_date {s!r}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv")
    ap.add_argument("--half", choices=("dev", "held", "all"), default="all")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--country")
    a = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    import geo
    from pyproj import Geod
    from shapely.geometry import Point

    geod = Geod(ellps="WGS84")
    recs = events(a.csv, a.half, a.country)
    hits, none, country_wide, misses = 0, 0, 0, []
    by, tot = collections.Counter(), collections.Counter()
    for r in recs:
        prec = int(float(r["geo_precision"]))
        lat, lon = float(r["latitude"]), float(r["longitude"])
        rows = geo.extract(r["notes"], day(r["event_date"])).gdf
        rows = rows[~rows.background.astype(bool)]
        tot[prec] += 1
        none += rows.empty
        country_wide += bool(len(rows)) and bool((rows.where_prec == 6).all())
        for g in rows.geometry:
            rp = g.representative_point()
            d = geo.spatial.distance_km(rp.x, rp.y, lon, lat)
            radius = math.sqrt(abs(geod.geometry_area_perimeter(g)[0]) / math.pi) / 1000
            if d <= TOL[prec] or (g.buffer(1e-9).contains(Point(lon, lat)) and radius <= 2 * TOL[prec]):
                hits += 1
                by[prec] += 1
                break
        else:
            misses.append(f"[{r['country']}] {r['location']} ({r['admin2']}, {r['admin1']}) p{prec}: "
                          f"{r['notes'][:160]!r} -> {list(rows.location)} {list(rows.where_prec)}")
    for m in misses[:a.show]:
        print("miss:", m)
    n = max(1, len(recs))
    print(f"ACLED notes ({a.half}): hit={hits / n:.3f} ({hits}/{len(recs)}), no incident {none}, "
          f"country-wide only {country_wide}, by geo_precision "
          + ", ".join(f"{p}: {by[p]}/{tot[p]}" for p in sorted(tot)))


if __name__ == "__main__":
    main()
