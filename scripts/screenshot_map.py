"""Make the README's pictures: the seed article's map in headless Chromium at a desktop,
a small laptop window and a phone (docs/seed-map-1280x800.png, -800x600, -390x844).

    python scripts/screenshot_map.py [--article ../shared/seed/us-strikes-eastern-syria.txt]

Needs Debian's chromium and the playwright package (the test extras). The network is
blocked while the page loads, as for the tests.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
SIZES = [(1280, 800), (800, 600), (390, 844)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--article", type=Path, default=ROOT.parent / "shared" / "seed" / "us-strikes-eastern-syria.txt")
    ap.add_argument("--published", default="2021-02-26")
    ap.add_argument("-o", "--output-dir", type=Path, default=ROOT / "docs")
    ap.add_argument("--name", default="seed-map")
    # No popup by default: a popup quotes the article, and third-party text stays out of the repo.
    ap.add_argument("--popup", type=int, default=0, help="open this incident's popup (0: none)")
    args = ap.parse_args(argv)

    import geo
    import maps
    from playwright.sync_api import sync_playwright

    inc = geo.extract(args.article.read_text("utf-8"), published=args.published)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "map.html"
        maps.save(maps.incident_map(inc), str(page_path))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for width, height in SIZES:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.route(re.compile(r"^https?://"), lambda r: r.abort())
                page.goto(page_path.as_uri())
                page.wait_for_timeout(600)
                if args.popup:
                    page.locator(f'.im-marker[data-incident="{args.popup}"]').click()
                    page.wait_for_timeout(400)
                out = args.output_dir / f"{args.name}-{width}x{height}.png"
                page.screenshot(path=str(out))
                page.close()
                print(f"wrote {out}")
            browser.close()


if __name__ == "__main__":
    main()
