"""Map at scale: 5,000 and 50,000 synthetic incidents built into a map, its size, how fast
it opens in headless Chromium (network blocked) and how fast the slider and filters
redraw it; plain folium (one marker and popup per incident) measured beside it.

    python -m bench.map_speed [--n 5000 50000] [--no-baseline]

Targets (issue 14): 50,000 incidents build and save in <= 5 s, HTML <= 20 MB, first paint
<= 3 s, a slider move <= 100 ms; no page errors and no network requests. The incidents are random but shaped like real output: points and small polygon
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


SLIDER_MOVES = """async () => {
  const s = document.querySelector('.im-slider'), times = [];
  for (const f of [0.5, 0.25, 0.75, 0.1, 0.9, 0.6, 1.0]) {
    const t = performance.now();
    s.value = Math.round(s.max * f); s.dispatchEvent(new Event('input'));
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));   // until the frame is drawn
    times.push(performance.now() - t);
  }
  return times;
}"""
TYPE_TOGGLES = """async () => {
  const box = document.querySelector('.im-type-filter'), times = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    box.checked = !box.checked; box.dispatchEvent(new Event('change'));
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    times.push(performance.now() - t);
  }
  return times;
}"""


def plain_folium(gdf):
    """The baseline: plain folium, one circle marker and one popup per incident (Leaflet
    inlined as for our maps, and a stand-in for jQuery, so that it too opens offline)."""
    import folium

    from maps import assets

    m = folium.Map(location=[33, 41], zoom_start=5, tiles=None)
    m.default_js = [("leaflet", assets.LEAFLET_JS)]
    m.default_css = [("leaflet_css", assets.LEAFLET_CSS)]
    assets.OfflineFigure().add_child(m)
    # folium's popups parse their HTML with jQuery's $(html)[0]; this line does the same
    # offline, in place of the 87 KB jQuery its CDN link would load
    m.get_root().header.add_child(folium.Element(
        "<script>window.$ = h => { const t = document.createElement('template'); "
        "t.innerHTML = h.trim(); return [t.content.firstChild]; };</script>"))
    for row in gdf.itertuples():
        folium.CircleMarker([row.latitude, row.longitude], radius=6,
                            popup=folium.Popup(f"{row.incident_id} {row.event_date} {row.location}: "
                                               f"{row.evidence[0]['text']}")).add_to(m)
    return m


def measure(browser, path: Path, interact: bool) -> dict:
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url) if r.url.startswith("http") else None)
    page.route(re.compile(r"^https?://"), lambda r: r.abort())
    t = time.perf_counter()
    page.goto(path.as_uri(), wait_until="load", timeout=600_000)
    out = {"load": time.perf_counter() - t}
    page.wait_for_timeout(300)
    # a page of 50,000 SVG markers paints well after its load event: wait for it
    page.wait_for_function("() => performance.getEntriesByType('paint').length > 0", timeout=300_000)
    paints = page.evaluate("() => performance.getEntriesByType('paint').map(e => e.startTime)")
    out["paint"] = max(paints, default=float("nan")) / 1000
    if interact:
        out["ready"] = page.evaluate("() => window.incidentmapReady") / 1000
        out["slider"] = float(np.median(page.evaluate(SLIDER_MOVES)))
        out["type"] = float(np.median(page.evaluate(TYPE_TOGGLES)))
        # the same at a city's zoom, where single markers and footprints are drawn
        page.evaluate("() => { const m = Object.values(window).find(v => v instanceof L.Map); "
                      "m.setView([33.5, 41.5], 11, {animate: false}); }")
        out["mode_zoomed"] = page.evaluate("() => window.incidentmap.counts().mode")
        out["slider_zoomed"] = float(np.median(page.evaluate(SLIDER_MOVES)))
    out["errors"], out["requests"] = len(errors), len(requests)
    page.close()
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, nargs="+", default=[5000, 50000])
    ap.add_argument("--no-baseline", action="store_true", help="skip plain folium")
    args = ap.parse_args(argv)
    import maps
    from playwright.sync_api import sync_playwright

    maps.incident_map(synthetic(10))          # load the gazetteer and basemap data first
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for n in args.n:
            gdf = synthetic(n)
            path = Path(tmp) / f"map-{n}.html"
            t = time.perf_counter()
            maps.save(maps.incident_map(gdf), str(path))
            build = time.perf_counter() - t
            r = measure(browser, path, interact=True)
            print(f"incidentmap, {n} incidents: build + save {build:.2f} s; HTML {path.stat().st_size / 2**20:.1f} MB; "
                  f"layers drawn at {r['ready']:.2f} s; first paint {r['paint']:.2f} s; load event {r['load']:.2f} s; "
                  f"slider move {r['slider']:.0f} ms, type filter {r['type']:.0f} ms (medians, first view); "
                  f"slider move {r['slider_zoomed']:.0f} ms at zoom 11 ({r['mode_zoomed']}); "
                  f"page errors {r['errors']}, network requests {r['requests']}", flush=True)
            if args.no_baseline:
                continue
            base = Path(tmp) / f"folium-{n}.html"
            t = time.perf_counter()
            plain_folium(gdf).save(str(base))
            build = time.perf_counter() - t
            r = measure(browser, base, interact=False)
            print(f"plain folium, {n} incidents: build + save {build:.2f} s; HTML {base.stat().st_size / 2**20:.1f} MB; "
                  f"first paint {r['paint']:.2f} s; load event {r['load']:.2f} s; "
                  f"page errors {r['errors']}, network requests {r['requests']}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
