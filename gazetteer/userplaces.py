"""Places a user adds: read from CSV or GeoJSON, checked row by row, saved for later runs.

CSV columns: ``name,lat,lon[,aliases,kind,country]`` (aliases separated by ``|``).
GeoJSON: Point features with ``name`` (and optionally ``aliases``, ``kind``,
``country``) in their properties; other geometries are placed at a point inside them.
Saved places live in ``<user data dir>/places.csv`` and are found before embedded ones.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import settings
from ._errors import BadPlacesFile, DataFileError

FIELDS = ("name", "lat", "lon", "aliases", "kind", "country")
DEFAULT_KIND = "site"


@dataclass(frozen=True, slots=True)
class UserPlace:
    name: str
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()
    kind: str = DEFAULT_KIND
    country: str = ""

    @property
    def id(self) -> str:
        digest = hashlib.sha1(f"{self.name}|{self.lat:.6f}|{self.lon:.6f}".encode()).hexdigest()
        return f"user:{digest[:10]}"


@dataclass(frozen=True, slots=True)
class Rejected:
    line: int       # line in a CSV file, feature number (1-based) in GeoJSON
    reason: str


def _place(name, lat, lon, aliases="", kind="", country="") -> UserPlace:
    """Check one row's values; ValueError with the reason when a value is wrong."""
    name = (name or "").strip()
    if not name:
        raise ValueError("empty name")
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError):
        raise ValueError(f"lat/lon not numbers: {lat!r}, {lon!r}") from None
    if not (math.isfinite(la) and -90 <= la <= 90):
        raise ValueError(f"latitude {lat} outside -90..90")
    if not (math.isfinite(lo) and -180 <= lo <= 180):
        raise ValueError(f"longitude {lon} outside -180..180")
    if aliases is None:
        aliases = ()
    elif isinstance(aliases, str):
        aliases = aliases.split("|")
    country = (country or "").strip().upper()
    if country and not (len(country) == 2 and country.isalpha()):
        raise ValueError(f"country {country!r} is not an ISO 3166-1 alpha-2 code")
    return UserPlace(name, la, lo, tuple(a.strip() for a in aliases if a and a.strip()),
                     (kind or "").strip() or DEFAULT_KIND, country)


def read_places(path: Path) -> tuple[list[UserPlace], list[Rejected]]:
    """Good places and rejected rows (with line numbers) of a CSV or GeoJSON file."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise BadPlacesFile(f"no such file: {path}") from None
    except UnicodeDecodeError:
        raise BadPlacesFile(f"not UTF-8 text: {path}") from None
    if path.suffix.lower() in (".geojson", ".json"):
        return _read_geojson(text, path)
    return _read_csv(text, path)


def _read_csv(text: str, path: Path):
    reader = csv.DictReader(text.splitlines())
    missing = {"name", "lat", "lon"} - set(reader.fieldnames or ())
    if missing:
        raise BadPlacesFile(f"{path}: CSV header lacks {', '.join(sorted(missing))} "
                            f"(expected name,lat,lon[,aliases,kind,country])")
    good, bad = [], []
    for row in reader:
        try:
            good.append(_place(*(row.get(f) for f in FIELDS)))
        except ValueError as exc:
            bad.append(Rejected(reader.line_num, str(exc)))
    return good, bad


def _read_geojson(text: str, path: Path):
    import shapely

    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadPlacesFile(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        raise BadPlacesFile(f"{path}: not a GeoJSON FeatureCollection")
    good, bad = [], []
    for n, f in enumerate(features, 1):
        try:
            props = f.get("properties") or {}
            geom = shapely.geometry.shape(f["geometry"])
            if geom.is_empty:
                raise ValueError("empty geometry")
            pt = geom if geom.geom_type == "Point" else geom.representative_point()
            aliases = props.get("aliases", "")
            good.append(_place(props.get("name"), pt.y, pt.x,
                               aliases if isinstance(aliases, (str, list)) else "",
                               props.get("kind", ""), props.get("country", "")))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            bad.append(Rejected(n, str(exc) or type(exc).__name__))
    return good, bad


def saved_path() -> Path:
    return settings.user_dir() / "places.csv"


def load_saved() -> list[UserPlace]:
    path = saved_path()
    if not path.exists():
        return []
    try:
        good, _ = _read_csv(path.read_text("utf-8"), path)
    except (BadPlacesFile, UnicodeDecodeError) as exc:
        raise DataFileError(f"user places file unreadable: {path} ({exc})") from None
    return good


def save(places: list[UserPlace]) -> Path:
    """Add places to the saved file (replacing any with the same id), atomically."""
    path = saved_path()
    by_id = {p.id: p for p in load_saved()}
    by_id.update({p.id: p for p in places})
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".places-", suffix=".csv")
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(FIELDS)
            for p in by_id.values():
                w.writerow([p.name, p.lat, p.lon, "|".join(p.aliases), p.kind, p.country])
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)     # mkstemp makes 0600; saved places are ordinary files
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return path
