"""Villages and hamlets of conflict-affected countries, from Who's On First.

GeoNames towns with at least 500 people (``cities500``) leave out most villages named
in conflict reporting (Zamalka, Khan Tuman). Who's On First's per-country
"admin" repositories hold every populated place GeoNames lists for the country
(feature class P, population 0 included) as ``locality`` records, with the GeoNames
alternate names. Each repository is read at a pinned commit, from a local mirror of
its Git directory or cloned from GitHub, and its localities are cached in ``--raw``.

Used by ``scripts/build_gazetteer.py``; run alone it prints counts per country::

    python scripts/build_villages.py [--raw /tmp/incidentmap-raw] [--wof-mirror DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from gazetteer.normalize import name_key  # noqa: E402

WOF_OWNER = "whosonfirst-data"
# Country (ISO 3166-1 alpha-2) -> commit of whosonfirst-data/whosonfirst-data-admin-<cc>.
# Conflict-affected countries first (issue 16); each adds its villages as kind "city".
WOF_COMMITS = {
    "SY": "2db0f03b9f9d24bd371f318759d3e56c816c333e",
    "IQ": "4c7a00f6387bcab9094ac10c9448177515f1098f",
    "YE": "a96a8df62981ed0e1b2a0be278dd33670a4e6605",
    "SO": "040d9e760d7c2fc4ee1f80d2b4cf18258759a1ed",
    "AF": "948432c281d6d8b4d3994ce3b938e82b775d9078",
    "UA": "18b5ee31d6cd4915e627fbf7f3def46e66e440d5",
    "LY": "2528885a93b80efcfd8dfbb402e3ee636bb21786",
    "MM": "25382e1da0900e8ed2180d99e87ce0789c13ab58",
    "NG": "ace2a28b795144711fac6518b11f2793cf9034d8",
    "ML": "2efa70fccf2aea8d93f69cab55d9f5278644c812",
    "BF": "ec74b6e6d2527f683dfac1da323d3e48110f7935",
    "NE": "dcc2b39005fe302c18d44fcbf9fc03732160870b",
    "SD": "fd309a646f7f54562618d4514c7d0ab4050cb9c0",
    "SS": "7d51accba795cf9f5a2ffaaae493d33177acf81d",
    "CD": "f543249a960a46ee1def06d9bb0e9a0d25c59445",
    "ET": "86ac96124996cb183179ab0ea802f13298f1a88b",
    "MZ": "23c48d54eed2fedd9b746f1486a9973db0f66374",
    "CM": "d54583566582933691bf1e1f252933625b96dd8d",
    "CF": "d7e7dea15baa7d90f6605040a923ca66d3614a15",
    "PK": "c2e513fafbf0def04ca4b89c421a5b79fa0bb2ec",
    "LB": "b881be3020bdd8ab2f270aaa8e5b07dbff918d00",
    "PS": "33d507dae70d3cb868d19d6c49c4586b1d1d66a5",
    "IL": "f166490c04538042772500bf353d96a479922255",
}
LICENCE = ("Who's On First: CC0 for its own work; localities carry GeoNames (CC BY 4.0) and "
           "Quattroshapes (CC BY 2.0) data, credited per record in src:geom")


@dataclass(frozen=True)
class Village:
    """One Who's On First locality: a populated place of any size."""

    wof_id: int
    name: str
    country: str
    lat: float
    lon: float
    population: int
    geonames_id: int | None
    alternates: tuple[str, ...]


def repository(cc: str) -> str:
    return f"{WOF_OWNER}/whosonfirst-data-admin-{cc.lower()}"


def git_dir(cc: str, raw: Path, mirror: Path | None) -> Path:
    """A Git directory holding the pinned commit: the mirror's copy, else a bare clone."""
    if mirror is not None:
        local = mirror / repository(cc).replace("/", "+") / "repo"
        if local.exists():
            return local
    dest = raw / "whosonfirst" / f"{cc.lower()}.git"
    if not dest.exists():
        subprocess.run(["git", "clone", "--bare", "-q", f"https://github.com/{repository(cc)}.git",
                        str(dest)], check=True)
    return dest


def _blobs(gd: Path, commit: str):
    """(path, bytes) of every GeoJSON file of ``commit``, through one ``git cat-file``."""
    listing = subprocess.run(["git", "--git-dir", str(gd), "ls-tree", "-r", commit],
                             capture_output=True, text=True, check=True).stdout.splitlines()
    objects = [(line.split()[2], line.split("\t", 1)[1]) for line in listing if line.endswith(".geojson")]
    proc = subprocess.Popen(["git", "--git-dir", str(gd), "cat-file", "--batch"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    feed = b"".join(sha.encode() + b"\n" for sha, _ in objects)
    # Write from a thread: the pipe would fill while nothing reads the answers.
    writer = threading.Thread(target=lambda: (proc.stdin.write(feed), proc.stdin.close()))
    writer.start()
    for sha, path in objects:
        header = proc.stdout.readline().split()
        if header[1] == b"missing":
            raise FileNotFoundError(f"{gd}: blob {sha} ({path}) missing at {commit}")
        data = proc.stdout.read(int(header[2]))
        proc.stdout.read(1)
        yield path, data
    writer.join()
    proc.wait()


def _latin_names(props: dict) -> list[str]:
    """The record's names in Latin script, its own name first, without duplicates by key."""
    names = [props.get("wof:name", "")]
    # Preferred names before variants, English first: the order decides nothing at
    # look-up (every alternate is grade 1) but keeps the list readable.
    keys = sorted((k for k in props if k.startswith("name:")),
                  key=lambda k: (not k.endswith("_x_preferred"), not k.startswith("name:eng"), k))
    for k in keys:
        names += [n for n in props[k] if isinstance(n, str)]
    seen, out = set(), []
    for n in names:
        key = name_key(n) if n else ""
        if key and key.isascii() and key not in seen and not key.isdigit():
            seen.add(key)
            out.append(n.strip())
    return out


def _village(props: dict, cc: str) -> Village | None:
    if props.get("wof:placetype") != "locality":
        return None
    # Withdrawn, replaced or known-gone records are not places to find.
    if props.get("edtf:deprecated") or props.get("wof:superseded_by") or props.get("mz:is_current") == 0:
        return None
    lat, lon = props.get("lbl:latitude", props.get("geom:latitude")), props.get("lbl:longitude", props.get("geom:longitude"))
    names = _latin_names(props)
    if lat is None or lon is None or not names:
        return None
    pop = props.get("wof:population") or props.get("gn:population") or 0
    gn = (props.get("wof:concordances") or {}).get("gn:id")
    return Village(int(props["wof:id"]), names[0], (props.get("wof:country") or cc).upper(),
                   round(float(lat), 5), round(float(lon), 5), int(pop), int(gn) if gn else None,
                   tuple(names[1:]))


def read_villages(cc: str, raw: Path, mirror: Path | None = None) -> list[Village]:
    """Localities of one country at its pinned commit (cached in ``raw``)."""
    commit = WOF_COMMITS[cc]
    cache = raw / "whosonfirst" / f"villages-{cc.lower()}-{commit[:12]}.json.gz"
    if cache.exists():
        with gzip.open(cache, "rt", encoding="utf-8") as f:
            return [Village(**{**d, "alternates": tuple(d["alternates"])}) for d in json.load(f)]
    out = []
    for _, data in _blobs(git_dir(cc, raw, mirror), commit):
        v = _village(json.loads(data).get("properties", {}), cc)
        if v is not None:
            out.append(v)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(cache, "wt", encoding="utf-8") as f:
        json.dump([asdict(v) for v in out], f, ensure_ascii=False)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=Path("/tmp/incidentmap-raw"))
    ap.add_argument("--wof-mirror", type=Path, default=None,
                    help="folder of Git mirrors named owner+name/repo (default: clone from GitHub)")
    args = ap.parse_args(argv)
    for cc in WOF_COMMITS:
        print(cc, len(read_villages(cc, args.raw, args.wof_mirror)), flush=True)


if __name__ == "__main__":
    main()
