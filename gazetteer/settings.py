"""Where the gazetteer finds its data, read once from the environment.

``INCIDENTMAP_GAZETTEER_DIR``  folder of the embedded files (default: package data)
``INCIDENTMAP_USER_DIR``       folder of user places (default: the platform's user data dir)
``INCIDENTMAP_ONLINE``         "1" lets look-ups fall back to an online geocoder (default off)
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    env = os.environ.get("INCIDENTMAP_GAZETTEER_DIR")
    return Path(env) if env else Path(__file__).resolve().parent / "data"


def user_dir() -> Path:
    env = os.environ.get("INCIDENTMAP_USER_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("incidentmap", appauthor=False))


def online() -> bool:
    return os.environ.get("INCIDENTMAP_ONLINE", "") in {"1", "true", "yes"}


# Kinds of entry, from the largest to the most exact.
KINDS = ("continent", "region", "sea", "lake", "country", "admin1", "admin2", "city",
         "airport", "airbase", "site", "user", "online", "demonym")
