"""Geometric constructions for vague and relative places, all in metres on the ellipsoid.

Sectors, rings and discs are traced with geodesic forward steps (pyproj.Geod); buffers
and polygon parts are built in a local projection centred on the geometry (azimuthal
equidistant for distances, Lambert azimuthal equal-area for areas) and brought back to
EPSG:4326. Nothing is measured in degrees or Web Mercator.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import shapely
from pyproj import Geod, Proj

GEOD = Geod(ellps="WGS84")
ARC_STEP_DEG = 2.0
# Kilometres in a degree of latitude, for distances to an outline in its own degrees.
KM_PER_DEGREE = 111.0


# ------------------------------------------------------------------ projections

@lru_cache(maxsize=512)
def _projection(kind: str, lon: float, lat: float) -> Proj:
    # A bare Proj on the WGS84 ellipsoid: lon/lat in, metres out, exact, and built in
    # 0.1 ms (a CRS-to-CRS Transformer searches operations and takes 4 ms).
    return Proj(f"+proj={kind} +lat_0={lat:.4f} +lon_0={lon:.4f} +ellps=WGS84 +units=m")


def _apply(geom, proj: Proj, inverse: bool):
    return shapely.transform(geom, lambda xy: np.column_stack(proj(xy[:, 0], xy[:, 1], inverse=inverse)))


def local(geom, kind: str = "aeqd", at=None):
    """(projected geometry, function back to lon/lat) in a projection centred on ``at``
    (default: the geometry's bounding-box centre, rounded so nearby calls share it)."""
    if at is None:
        minx, miny, maxx, maxy = geom.bounds
        at = ((minx + maxx) / 2, (miny + maxy) / 2)
    proj = _projection(kind, round(at[0], 2), round(at[1], 2))
    return _apply(geom, proj, False), (lambda g: _apply(g, proj, True))


# ------------------------------------------------------------------ measures

def distance_km(lon1, lat1, lon2, lat2):
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def pairwise_km(lon, lat) -> np.ndarray:
    """Great-circle distances between all pairs of points, on a sphere of the mean Earth
    radius. Within 0.5 % of the geodesic: for weighing thousands of candidate pairs,
    where ``distance_km`` would take a second; distances that are reported use that."""
    lon, lat = np.radians(np.asarray(lon, float)), np.radians(np.asarray(lat, float))
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def length_km(geom) -> float:
    return GEOD.geometry_length(geom) / 1000.0


# A province's or a country's outline is measured whenever an event in it is compared with
# another place, and a corpus names the same few again: remembered, keyed by the geometry
# itself (as _grown below).
@lru_cache(maxsize=256)
def area_km2(geom) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def reach_km(geom, lon: float, lat: float) -> float:
    """Farthest distance from (lon, lat) to any vertex of ``geom``."""
    coords = shapely.get_coordinates(geom)
    if len(coords) == 0:
        return 0.0
    d = GEOD.inv(np.full(len(coords), lon), np.full(len(coords), lat), coords[:, 0], coords[:, 1])[2]
    return float(d.max()) / 1000.0


# ------------------------------------------------------------------ constructions

def _arc(lon, lat, bearings, km):
    lons, lats, _ = GEOD.fwd(np.full(len(bearings), lon), np.full(len(bearings), lat),
                             bearings, np.full(len(bearings), km * 1000.0))
    return np.column_stack([lons, lats])


def point_at(lon: float, lat: float, bearing: float, km: float) -> tuple[float, float]:
    lon2, lat2, _ = GEOD.fwd(lon, lat, bearing, km * 1000.0)
    return float(lon2), float(lat2)


def disc(lon: float, lat: float, km: float):
    """Geodesic circle of radius ``km`` around a point."""
    return shapely.Polygon(_arc(lon, lat, np.arange(0.0, 360.0, ARC_STEP_DEG * 2.5), km))


def ring_sector(lon: float, lat: float, bearing: float | None, half_width: float,
                near_km: float, far_km: float):
    """The area between ``near_km`` and ``far_km`` of a point, within ``half_width``
    degrees of ``bearing`` (the whole ring when bearing is None)."""
    if bearing is None or half_width >= 180:
        outer = disc(lon, lat, far_km)
        return outer.difference(disc(lon, lat, near_km)) if near_km > 0 else outer
    n = max(2, int(math.ceil(2 * half_width / ARC_STEP_DEG)) + 1)
    bearings = np.linspace(bearing - half_width, bearing + half_width, n)
    outer = _arc(lon, lat, bearings, far_km)
    inner = _arc(lon, lat, bearings[::-1], near_km) if near_km > 0 else np.array([[lon, lat]])
    return shapely.make_valid(shapely.Polygon(np.vstack([outer, inner])))


def buffer_km(geom, km: float):
    """``geom`` grown by ``km`` (a point becomes a geodesic disc)."""
    if geom.geom_type == "Point":
        return disc(geom.x, geom.y, km)
    return _grown(geom, km)


# Growing a country's or a province's outline takes up to a tenth of a second, and a
# corpus asks for the same few again and again ("near Anbar", "along the border"). Keyed
# by the geometry itself: equal only when identical, coordinate for coordinate.
@lru_cache(maxsize=64)
def _grown(geom, km: float):
    g, back = local(geom, "aeqd")
    return shapely.make_valid(back(g.buffer(km * 1000.0, quad_segs=8)))


def _wedge(bearing: float, half_width: float, radius: float):
    """A fan from the origin of a projected plane (bearings clockwise from north)."""
    n = max(2, int(math.ceil(2 * half_width / ARC_STEP_DEG)) + 1)
    t = np.radians(np.linspace(bearing - half_width, bearing + half_width, n))
    return shapely.Polygon(np.vstack([[0.0, 0.0], np.column_stack([radius * np.sin(t), radius * np.cos(t)])]))


def _largest_part(geom):
    parts = getattr(geom, "geoms", [geom])
    return max(parts, key=lambda p: p.area)


def part_of(polygon, bearing: float | None, half_width: float, inner_fraction: float,
            outer_fraction: float | None = None):
    """Part of a polygon seen from the centroid of its largest part, in an equal-area plane.

    With a bearing: the part within ``half_width`` degrees of it and beyond
    ``inner_fraction`` of the equivalent radius sqrt(area/pi) ("eastern Syria", "the far
    north of X"). Without one: the part within ``outer_fraction`` of it ("central Gaza").
    Returns (geometry, core radius in km).
    """
    centre = _largest_part(polygon)
    c_ll = shapely.centroid(local(centre, "laea")[0])  # centroid in an equal-area plane
    _, back0 = local(centre, "laea")
    c = back0(c_ll)
    g, back = local(polygon, "laea", at=(c.x, c.y))
    # The origin of this plane is the centroid (rounded to 0.01 degree).
    eq_radius = math.sqrt(g.area / math.pi)
    extent = max(abs(v) for v in g.bounds) * 2 + 1.0
    if bearing is None:
        part = g.intersection(shapely.Point(0, 0).buffer(outer_fraction * eq_radius, quad_segs=16))
    else:
        part = g.intersection(_wedge(bearing, half_width, extent))
        part = part.difference(shapely.Point(0, 0).buffer(inner_fraction * eq_radius, quad_segs=16))
    return shapely.make_valid(back(part)), inner_fraction * eq_radius / 1000.0


def corner_of(polygon, bearing: float, half_width: float, quadrant_half_width: float, inner_fraction: float):
    """An intercardinal part as reporting uses it ("northwestern Pakistan" is Khyber
    Pakhtunkhwa, north-east of the country's centre): the quadrant seen from the centre,
    with the western end of the northern part and the northern end of the western part.
    Returns (geometry, core radius in km) as :func:`part_of`."""
    quadrant, core_km = part_of(polygon, bearing, quadrant_half_width, inner_fraction)
    parts = [quadrant]
    for first, then in (((bearing - 45) % 360, (bearing + 45) % 360), ((bearing + 45) % 360, (bearing - 45) % 360)):
        side, _ = part_of(polygon, first, half_width, inner_fraction)
        if side.is_empty:
            continue
        c = shapely.centroid(side)
        minx, miny, maxx, maxy = side.bounds
        # the half of that part toward the second direction, split at its centre
        box = {0: (minx, c.y, maxx, maxy), 90: (c.x, miny, maxx, maxy),
               180: (minx, miny, maxx, c.y), 270: (minx, miny, c.x, maxy)}[round(then) % 360]
        parts.append(shapely.clip_by_rect(side, *box))
    return shapely.make_valid(shapely.union_all(parts)), core_km


def beyond(polygon, bearing: float, half_width: float, far_km: float):
    """The land beyond a polygon in a direction, up to ``far_km`` from its edge
    ("north of Anbar"): the grown polygon within the sector, less the polygon."""
    g, back = local(polygon, "laea", at=(shapely.centroid(polygon).x, shapely.centroid(polygon).y))
    extent = max(abs(v) for v in g.bounds) * 2 + far_km * 2000.0
    grown = g.buffer(far_km * 1000.0, quad_segs=8).intersection(_wedge(bearing, half_width, extent))
    return shapely.make_valid(back(grown.difference(g)))


def shared_boundary(a, b, tolerance_m: float = 500.0):
    """The line two polygons share (their common border), merged; empty when none.

    Exact for polygons from one topologically consistent source; a tolerance band
    catches slivers where the two outlines do not coincide exactly.
    """
    line = shapely.intersection(a.boundary, b.boundary)
    lines = [p for p in getattr(line, "geoms", [line]) if p.geom_type in ("LineString", "MultiLineString")]
    if not lines:
        bb, back = local(b, "aeqd")
        aa = local(a.boundary, "aeqd", at=_centre(b))[0]
        near = aa.intersection(bb.buffer(tolerance_m))
        lines = [back(p) for p in getattr(near, "geoms", [near]) if p.geom_type in ("LineString", "MultiLineString")]
    if not lines:
        return shapely.LineString()
    return shapely.line_merge(shapely.union_all(lines))


def _centre(geom):
    minx, miny, maxx, maxy = geom.bounds
    return ((minx + maxx) / 2, (miny + maxy) / 2)


def representative_point(geom) -> tuple[float, float]:
    """(lon, lat): centroid of the largest part, moved inside when it falls outside;
    the middle of a line."""
    if geom.geom_type == "Point":
        return geom.x, geom.y
    if geom.geom_type in ("LineString", "MultiLineString"):
        merged = shapely.line_merge(geom) if geom.geom_type == "MultiLineString" else geom
        p = _largest_line(merged).interpolate(0.5, normalized=True)
        return p.x, p.y
    part = _largest_part(geom)
    g, back = local(part, "laea")
    c = back(shapely.centroid(g))
    if not part.contains(c):
        c = part.point_on_surface()
    return c.x, c.y


def _largest_line(geom):
    return max(getattr(geom, "geoms", [geom]), key=lambda p: p.length)
