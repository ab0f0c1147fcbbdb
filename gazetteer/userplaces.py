"""Places a user adds: read from CSV or GeoJSON, checked row by row, saved for later runs.

CSV columns: ``name,lat,lon[,aliases,kind,country]`` (aliases separated by ``|``).
GeoJSON: features with ``name`` (and optionally ``aliases``, ``kind``, ``country``) in
their properties; a Point is kept as it is, other geometries are placed at a point
inside them. Saved places live in ``<user data dir>/places.csv`` and are found before
embedded ones.

Every row is checked on its own, so one bad row costs only itself: a number must be a
plain decimal (``3_0``, ``nan``, ``1e3`` are refused, although Python's ``float`` takes
them), coordinates must be JSON numbers inside -90..90 / -180..180, and a polygon must
enclose some area. A self-intersecting polygon is repaired with ``shapely.make_valid``.

>>> good, bad = read_places_text("name,lat,lon\\nHill 40,36.2,43.9\\nRidge,3_0,44\\n", "p.csv")
>>> good[0].name, good[0].lat
('Hill 40', 36.2)
>>> str(bad[0])
"line 3: latitude '3_0' is not a plain decimal number"
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from . import settings
from ._errors import BadPlacesFile, DataFileError

FIELDS = ("name", "lat", "lon", "aliases", "kind", "country")
DEFAULT_KIND = "site"
LOCK_TIMEOUT = 60.0     # seconds to wait for another `gazetteer add` before giving up

# A plain decimal number: what a person types in a spreadsheet, nothing float() also allows.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")   # [0-9]: \d takes any script's digits

# GeoJSON geometry types and how deep their coordinate arrays nest above one position.
_NESTING = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2,
            "Polygon": 2, "MultiPolygon": 3}


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
    """A row left out, and why: ``line`` is the CSV line or the 1-based GeoJSON feature."""

    line: int
    reason: str
    unit: str = "line"      # "line" (CSV) or "feature" (GeoJSON)

    def __str__(self) -> str:
        return f"{self.unit} {self.line}: {self.reason}"


# ------------------------------------------------------------------ values


def _text(value, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{what} {_show(value)} is not text")
    return value.strip()


def _show(value) -> str:
    """A value as a reason quotes it: short, and never a whole nested array."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _decimal(value, what: str, limit: int) -> float:
    """A CSV cell as a coordinate: a plain decimal number within ±limit."""
    text = (value or "").strip()
    if not text:
        raise ValueError(f"no {what}")
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"{what} {text!r} is not a plain decimal number")
    number = float(text)
    if not -limit <= number <= limit:
        raise ValueError(f"{what} {text if len(text) <= 40 else text[:37] + '...'} outside -{limit}..{limit}")
    return number


def _coordinate(value, what: str, limit: int) -> float:
    """A GeoJSON coordinate: a finite JSON number within ±limit (strings are refused)."""
    if isinstance(value, str):
        raise ValueError(f"{what} {_show(value)} is a string, not a number")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{what} {_show(value)} is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{what} {value} is not a finite number")
    if not -limit <= value <= limit:      # compared before float(): a 400-digit JSON integer overflows it
        raise ValueError(f"{what} {_show(value)} outside -{limit}..{limit}")
    return float(value)


def _place(name, lat: float, lon: float, aliases=None, kind=None, country=None) -> UserPlace:
    """One place from checked coordinates; ValueError with the reason when a value is wrong."""
    name = _text(name, "name")
    if not name:
        raise ValueError("empty name")
    if aliases is None:
        aliases = ()
    elif isinstance(aliases, str):
        aliases = aliases.split("|")
    elif not (isinstance(aliases, list) and all(isinstance(a, str) for a in aliases)):
        raise ValueError(f"aliases {_show(aliases)} are neither text nor a list of text")
    country = _text(country, "country").upper()
    if country and not (len(country) == 2 and country.isascii() and country.isalpha()):
        raise ValueError(f"country {country!r} is not an ISO 3166-1 alpha-2 code")
    return UserPlace(name, lat, lon, tuple(a.strip() for a in aliases if a.strip()),
                     _text(kind, "kind") or DEFAULT_KIND, country)


# ------------------------------------------------------------------ reading


def read_places(path: Path) -> tuple[list[UserPlace], list[Rejected]]:
    """Good places and rejected rows (with line or feature numbers) of a CSV or GeoJSON file.

    Raises :class:`BadPlacesFile` only when the file cannot be read at all (missing, not
    UTF-8, no CSV header, not a FeatureCollection); a bad row never stops the others.
    """
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")     # a spreadsheet's byte-order mark is not part of "name"
    except FileNotFoundError:
        raise BadPlacesFile(f"no such file: {path}") from None
    except IsADirectoryError:
        raise BadPlacesFile(f"{path}: is a folder, not a places file") from None
    except UnicodeDecodeError:
        raise BadPlacesFile(f"not UTF-8 text: {path}") from None
    return read_places_text(text, path)


def read_places_text(text: str, path) -> tuple[list[UserPlace], list[Rejected]]:
    """:func:`read_places` on text already read; ``path``'s suffix picks the format."""
    if Path(path).suffix.lower() in (".geojson", ".json"):
        return _read_geojson(text, path)
    return _read_csv(text, path)


def _read_csv(text: str, path):
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or ()
    except csv.Error as exc:
        raise BadPlacesFile(f"{path}: CSV header unreadable ({exc})") from None
    missing = {"name", "lat", "lon"} - {h.strip() for h in header}
    if missing:
        raise BadPlacesFile(f"{path}: CSV header lacks {', '.join(sorted(missing))} "
                            f"(expected name,lat,lon[,aliases,kind,country])")
    reader.fieldnames = [h.strip() for h in header]
    good, bad = [], []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:        # the reader carries on with the next line
            bad.append(Rejected(reader.line_num, f"not a CSV row ({exc})"))
            continue
        try:
            lat = _decimal(row.get("lat"), "latitude", 90)
            lon = _decimal(row.get("lon"), "longitude", 180)
            good.append(_place(row.get("name"), lat, lon, row.get("aliases"), row.get("kind"),
                               row.get("country")))
        except ValueError as exc:
            bad.append(Rejected(reader.line_num, str(exc)))
    return good, bad


def _read_geojson(text: str, path):
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadPlacesFile(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise BadPlacesFile(f"{path}: JSON nested too deeply") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        raise BadPlacesFile(f"{path}: not a GeoJSON FeatureCollection")
    good, bad = [], []
    for n, feature in enumerate(features, 1):
        try:
            good.append(_feature_place(feature))
        except ValueError as exc:
            bad.append(Rejected(n, str(exc), "feature"))
        except RecursionError:      # GeometryCollections inside GeometryCollections, without end
            bad.append(Rejected(n, "geometry nested too deeply", "feature"))
    return good, bad


def _feature_place(feature) -> UserPlace:
    if not isinstance(feature, dict) or feature.get("type", "Feature") != "Feature":
        raise ValueError("not a GeoJSON Feature")
    if "geometry" not in feature:
        raise ValueError("no geometry")
    props = feature.get("properties")
    if props is None:
        props = {}
    elif not isinstance(props, dict):
        raise ValueError("properties are not a JSON object")
    geom = _geometry(feature["geometry"])
    pt = geom if geom.geom_type == "Point" else geom.representative_point()
    return _place(props.get("name"), pt.y, pt.x, props.get("aliases"), props.get("kind"),
                  props.get("country"))


# ------------------------------------------------------------------ geometry


def _geometry(geom):
    """A GeoJSON geometry as a valid, non-degenerate Shapely geometry, or ValueError why not."""
    import shapely

    if geom is None:
        raise ValueError("geometry is null")
    if not isinstance(geom, dict):
        raise ValueError("geometry is not a GeoJSON object")
    kind = geom.get("type")
    if kind == "GeometryCollection":
        parts = geom.get("geometries")
        if not isinstance(parts, list) or not parts:
            raise ValueError("GeometryCollection without geometries")
        return shapely.GeometryCollection([_geometry(g) for g in parts])
    if kind not in _NESTING:
        raise ValueError(f"geometry type {_show(kind)} not supported")
    coords = _positions(geom.get("coordinates"), _NESTING[kind])
    if kind == "Point":
        return shapely.Point(coords)
    if not coords:
        raise ValueError(f"{kind} without coordinates")
    if kind == "MultiPoint":
        return shapely.MultiPoint(coords)
    if kind == "LineString":
        return _line(coords)
    if kind == "MultiLineString":
        return shapely.MultiLineString([_line(c) for c in coords])
    if kind == "Polygon":
        return _polygonal(_polygon(coords))
    return _polygonal(shapely.MultiPolygon([_polygon(c) for c in coords]))


def _positions(coords, depth: int):
    """Nested coordinate arrays checked down to each [lon, lat] position."""
    if depth == 0:
        if not isinstance(coords, list) or len(coords) < 2:
            raise ValueError(f"position {_show(coords)} is not [longitude, latitude]")
        return (_coordinate(coords[0], "longitude", 180), _coordinate(coords[1], "latitude", 90))
    if not isinstance(coords, list):
        raise ValueError(f"coordinates {_show(coords)} are not an array")
    return [_positions(c, depth - 1) for c in coords]


def _line(points):
    import shapely

    if len(set(points)) < 2:
        raise ValueError("line with fewer than 2 distinct points")
    return shapely.LineString(points)


def _polygon(rings):
    import shapely

    if not rings:
        raise ValueError("polygon without rings")
    for i, ring in enumerate(rings):
        if len(set(ring)) < 3:
            what = "polygon" if i == 0 else f"polygon hole {i}"
            raise ValueError(f"{what} with fewer than 3 distinct points")
    return shapely.Polygon(rings[0], rings[1:])


def _polygonal(geom):
    """A valid (Multi)Polygon with area: invalid ones repaired, keeping only the polygonal part."""
    import shapely

    if not geom.is_valid:
        why = shapely.is_valid_reason(geom)
        parts = [p for p in shapely.get_parts(_flat(shapely.make_valid(geom)))
                 if p.geom_type == "Polygon" and p.area > 0]
        if not parts:
            raise ValueError(f"invalid polygon ({why}) with no area left after repair")
        geom = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
    if geom.area == 0:
        raise ValueError("polygon with zero area")
    return geom


def _flat(geom):
    """make_valid may nest a MultiPolygon inside a GeometryCollection: one level of parts."""
    import shapely

    parts = shapely.get_parts(geom)
    return shapely.GeometryCollection([q for p in parts for q in shapely.get_parts(p)])


# ------------------------------------------------------------------ saved places


def saved_path() -> Path:
    return settings.user_dir() / "places.csv"


def _read_saved(path: Path) -> tuple[list[UserPlace], list[Rejected]]:
    if not path.exists():
        return [], []
    try:
        return _read_csv(path.read_text("utf-8-sig"), path)
    except (BadPlacesFile, UnicodeDecodeError, OSError) as exc:
        raise DataFileError(f"user places file unreadable: {path} ({exc})") from None


def load_saved() -> list[UserPlace]:
    """The saved places; no lock needed, since :func:`save` replaces the file in one step."""
    return _read_saved(saved_path())[0]


def save(places: list[UserPlace]) -> Path:
    """Add places to the saved file (replacing any with the same id) and return its path.

    The whole read-modify-write holds a lock beside the file, so concurrent adds all land,
    and the new file replaces the old one in one step (temporary file + ``os.replace``),
    so a reader or a crash never sees half a file. A saved file with a row this module
    cannot read is left alone (DataFileError), rather than rewritten without that row.
    """
    from filelock import FileLock, Timeout

    path = saved_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT):
            saved, bad = _read_saved(path)
            if bad:
                raise DataFileError(f"user places file {path}: {bad[0]}; fix or remove that row "
                                    f"(nothing was added)")
            by_id = {p.id: p for p in saved}
            by_id.update({p.id: p for p in places})
            _write(path, by_id.values())
    except Timeout:
        raise DataFileError(f"user places file {path} is locked by another process "
                            f"for over {LOCK_TIMEOUT:.0f} s (lock: {path}.lock)") from None
    except OSError as exc:
        raise DataFileError(f"user places file cannot be written: {path} ({exc.strerror or exc})") from None
    return path


def _write(path: Path, places) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".places-", suffix=".csv")
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(FIELDS)
            for p in places:
                w.writerow([p.name, _plain(p.lat), _plain(p.lon), "|".join(p.aliases), p.kind, p.country])
            f.flush()
            os.fsync(f.fileno())        # the data is on disk before the name points at it
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)     # mkstemp makes 0600; saved places are ordinary files
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _plain(x: float) -> str:
    """The shortest exact decimal without an exponent (repr gives 1e-05), so the strict reader takes it back."""
    return format(Decimal(repr(x)), "f")
