"""The development corpora of ../shared/eval: reading them, the demonym rule, distances."""

from __future__ import annotations

import json
from pathlib import Path

from pyproj import Geod

DEMONYMS = Path("../shared/eval/demonyms.txt")
_GEOD = Geod(ellps="WGS84")


def read_docs(path: Path) -> list[dict]:
    # split on newlines only: some texts hold U+2028, which str.splitlines would cut at
    return [json.loads(line) for line in Path(path).read_text("utf-8").split("\n") if line.strip()]


def load_demonyms(path: Path = DEMONYMS) -> set[str]:
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()}


def is_demonym(t: dict, demonyms: set[str]) -> bool:
    """The protocol's rule: type "Demonym" (GWN) or a name in demonyms.txt."""
    return t.get("type") == "Demonym" or t["name"] in demonyms


def km(lat1, lon1, lat2, lon2):
    return _GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0
