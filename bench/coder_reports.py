"""Incidents from coder-style reports: UCDP's Syrian place strings written into one-line
event reports of our own wording, extracted with `geo.extract`, and scored as
`../shared/eval/places/score.py` scores `geo.where` (a hit: a footprint's representative
point within 25 / 50 / 100 / 150 km of UCDP's point for where_prec 1–4, or a footprint that
holds the point and is no wider than twice that).

    python -m bench.coder_reports [PLACES.jsonl] [--bare-units] [--show K]

Each record becomes one report, the four forms in turn (the place, its district and its
governorate as UCDP writes them), dated by the record's example date:

    On DATE, government forces shelled PLACE (DISTRICT, GOVERNORATE). 2 fatalities.
    On DATE, rebels attacked an army checkpoint in PLACE (DISTRICT, GOVERNORATE), killing 3 soldiers.
    On DATE, an airstrike hit PLACE in DISTRICT, GOVERNORATE. 4 civilians were killed.
    On DATE, clashes took place between IS and the SDF near PLACE (DISTRICT, GOVERNORATE). 5 fatalities.

With ``--bare-units`` the unit words are left out of the district and governorate, as ACLED
writes its notes ("Teir Maaleh village (Ar Rastan, Homs)").

The figure to compare is `score.py`'s with the default address form: the extractor should
place a report's incident as well as `geo.where` places its address. UCDP data are for
measuring only (CC BY 4.0, credit UCDP); none enters the gazetteer.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import re
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACES = ROOT.parent / "shared" / "eval" / "places" / "ucdp-syria-dev.jsonl"
TOL = {1: 25.0, 2: 50.0, 3: 100.0, 4: 150.0}
FORMS = ("On {date}, government forces shelled {place}{paren}. 2 fatalities.",
         "On {date}, rebels attacked an army checkpoint in {place}{paren}, killing 3 soldiers.",
         "On {date}, an airstrike hit {place}{inside}. 4 civilians were killed.",
         "On {date}, clashes took place between IS and the SDF near {place}{paren}. 5 fatalities.")


RE_UNIT_WORD = re.compile(r"^(?:Mintaqat\s+|Markaz\s+)*|\s+(?:district|sub-district|governorate|province)$", re.IGNORECASE)


def report(k: int, r: dict, bare_units: bool = False) -> str:
    parts = [p for p in (r.get("adm_2"), r.get("adm_1")) if p]
    if bare_units:
        parts = [RE_UNIT_WORD.sub("", p) for p in parts]
    paren = f" ({', '.join(parts)})" if parts else ""
    inside = f" in {', '.join(parts)}" if parts else ""
    return FORMS[k % len(FORMS)].format(date=r["example_date"], place=r["place"], paren=paren, inside=inside)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("places", nargs="?", default=str(PLACES))
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--bare-units", action="store_true")
    a = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    import geo
    from pyproj import Geod
    from shapely.geometry import Point

    geod = Geod(ellps="WGS84")
    recs = [json.loads(line) for line in open(a.places, encoding="utf-8") if line.strip()]
    hits, none, misses = 0, 0, []
    by, tot = collections.Counter(), collections.Counter()
    for k, r in enumerate(recs):
        text = report(k, r, a.bare_units)
        rows = geo.extract(text, r["example_date"]).gdf
        rows = rows[~rows.background.astype(bool)]
        tol = TOL[r["where_prec"]]
        tot[r["where_prec"]] += 1
        none += rows.empty
        for g in rows.geometry:
            rp = g.representative_point()
            d = geo.spatial.distance_km(rp.x, rp.y, r["lon"], r["lat"])
            radius = math.sqrt(abs(geod.geometry_area_perimeter(g)[0]) / math.pi) / 1000
            if d <= tol or (g.buffer(1e-9).contains(Point(r["lon"], r["lat"])) and radius <= 2 * tol):
                hits += 1
                by[r["where_prec"]] += 1
                break
        else:
            misses.append(f"{text} -> {list(rows.location)} {list(rows.where_prec)}")
    for m in misses[:a.show]:
        print("miss:", m)
    n = max(1, len(recs))
    print(f"coder-style reports: hit={hits / n:.3f} ({hits}/{len(recs)}), no incident {none}, by UCDP where_prec "
          + ", ".join(f"{w}: {by[w]}/{tot[w]}" for w in sorted(tot)))


if __name__ == "__main__":
    main()
