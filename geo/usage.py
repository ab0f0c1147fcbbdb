"""Names whose news usage differs from the gazetteer's ranking (``geo/data/usage.csv``).

"Gaza" in news is the Gaza Strip, not Gaza City; "the White House" speaks for
Washington. Both ``where`` and ``geoparse`` read a name through this table first.
"""

from __future__ import annotations

import csv
from importlib import resources

from gazetteer import name_key


def _usage() -> dict[str, str]:
    text = resources.files("geo").joinpath("data/usage.csv").read_text("utf-8")
    return {name_key(r["name"]): r["target"] for r in csv.DictReader(text.splitlines())}


USAGE: dict[str, str] = _usage()
