"""Map at scale: 5,000 synthetic incidents built into a map, its size, and how fast it
opens in headless Chromium (network blocked).

    python -m bench.map_speed [--n 5000]

Targets (issue 6): build <= 5 s, HTML <= 15 MB, opens with no errors and first paint
<= 3 s. The incidents are random but shaped like real output: points and small polygon
footprints across the Middle East, four event types, a year of dates, and a response
link for one incident in ten.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
TYPES = [("Explosions/Remote violence", "Air/drone strike"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Battles", "Armed clash"), ("Violence against civilians", "Attack")]


def synthetic(n: int, seed: int = 7):
    import geopandas as gpd
    import shapely

    from geo.incidents import COLUMNS

    rng = np.random.default_rng(seed)
    lon = rng.uniform(35, 48, n)
    lat = rng.uniform(29, 38, n)
    start = [date(2021, 1, 1) + timedelta(days=int(d)) for d in rng.integers(0, 365, n)]
    geoms = [shapely.Point(x, y) if k % 2 else shapely.Point(x, y).buffer(0.15, quad_segs=4)
             for k, (x, y) in enumerate(zip(lon, lat))]
    rows = []
    for k in range(n):
        et, st = TYPES[k % 4]
        rows.append({
            "incident_id": f"I{k + 1}", "event_date": start[k].isoformat(), "date_start": start[k].isoformat(),
            "date_end": (start[k] + timedelta(days=int(k % 3))).isoformat(), "time_precision": 1 + k % 3,
            "event_type": et, "sub_event_type": st, "actor1": ["Group A", "Group B", "Forces C", ""][k % 4],
            "actor2": "", "location": f"place {k}", "country": "IRQ", "admin1": "", "latitude": lat[k],
            "longitude": lon[k], "geo_precision": 1 + k % 3, "where_prec": 1 + k % 5, "fatalities": int(k % 7),
            "fatalities_low": int(k % 7), "fatalities_high": int(k % 7) + 2, "injuries": int(k % 5),
            "responds_to": [f"I{k}"] if k % 10 == 9 else [], "background": False,
            "evidence": [{"start": 0, "end": 40, "text": f"Report number {k} of an incident at place {k}."}],
            "geometry": geoms[k]})
    return gpd.GeoDataFrame(rows, columns=COLUMNS + ["geometry"], geometry="geometry", crs="EPSG:4326")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000)
    args = ap.parse_args(argv)
    import maps
    from playwright.sync_api import sync_playwright

    gdf = synthetic(args.n)
    maps.incident_map(synthetic(10))          # load the gazetteer and basemap data first
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.html"
        t = time.perf_counter()
        maps.save(maps.incident_map(gdf), str(path))
        build = time.perf_counter() - t
        size = path.stat().st_size / 2**20
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.route(re.compile(r"^https?://"), lambda r: r.abort())
            t = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            loaded = time.perf_counter() - t
            page.wait_for_function("() => window.incidentmapReady !== undefined")
            page.wait_for_timeout(200)
            ready = page.evaluate("() => window.incidentmapReady")
            paints = page.evaluate("() => performance.getEntriesByType('paint').map(e => [e.name, e.startTime])")
            paint = max((t for _, t in paints), default=ready)
            browser.close()
    print(f"{args.n} incidents: build + save {build:.2f} s; HTML {size:.1f} MB; "
          f"layers drawn at {ready / 1000:.2f} s; first paint {paint / 1000:.2f} s; load event {loaded:.2f} s; "
          f"page errors {len(errors)}")


if __name__ == "__main__":
    main()
