"""Fetch the map's JavaScript and CSS from npm at pinned versions into maps/assets/.

Leaflet's CSS refers to images by url(); they are turned into data URIs so the map
needs no file beside it. Licences are copied next to the assets.

    python scripts/build_map_assets.py [--raw /tmp/incidentmap-npm]
"""

from __future__ import annotations

import argparse
import base64
import re
import subprocess
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "maps" / "assets"
PACKAGES = {"leaflet": "1.9.3"}


def data_uris(css: str, base: Path) -> str:
    def repl(m):
        ref = m.group(1).strip("'\"")
        if ref.startswith(("data:", "#")):     # "#default#VML": an old IE behaviour, not a file
            return m.group(0)
        data = (base / ref).read_bytes()
        mime = "image/png" if ref.endswith(".png") else "image/svg+xml"
        return f"url(data:{mime};base64,{base64.b64encode(data).decode()})"
    return re.sub(r"url\(([^)]+)\)", repl, css)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=Path("/tmp/incidentmap-npm"))
    args = ap.parse_args(argv)
    args.raw.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, version in PACKAGES.items():
        tgz = args.raw / f"{name}-{version}.tgz"
        if not tgz.exists():
            subprocess.run(["npm", "pack", "-q", f"{name}@{version}"], cwd=args.raw, check=True,
                           stdout=subprocess.DEVNULL)
        dest = args.raw / f"{name}-{version}"
        with tarfile.open(tgz) as t:
            t.extractall(dest, filter="data")
        pkg = dest / "package"
        (OUT / f"{name}-{version}.js").write_text((pkg / "dist" / f"{name}.js").read_text("utf-8"), "utf-8")
        css = data_uris((pkg / "dist" / f"{name}.css").read_text("utf-8"), pkg / "dist")
        (OUT / f"{name}-{version}.css").write_text(css, "utf-8")
        (OUT / f"LICENSE-{name}.txt").write_text((pkg / "LICENSE").read_text("utf-8"), "utf-8")
        print(f"{name} {version}: js, css (images inlined), licence")


if __name__ == "__main__":
    main()
