"""Polygons as the page stores them: flat integer arrays, one set for many shapes.

A footprint drawn as GeoJSON repeats its keys and prints every coordinate with all its
float digits; at 50,000 incidents that was most of a 67 MB page. Here each shape is its
polygons, each polygon its rings, each ring its points, and every coordinate an integer
step from the one before at ``10**-decimals`` degrees (the first of a ring absolute).
Counts per level let the browser find shape k without parsing the others.

>>> import shapely
>>> block = polygons([shapely.box(10, 20, 10.5, 20.25)], 2)
>>> block["scale"], block["rings"], block["polys"], block["shapes"]
(100, [4], [1], [1])
>>> block["xy"][:4]
[1050, 2000, 0, 25]
"""

from __future__ import annotations

import math

import numpy as np
import shapely


def decimals_for(tolerance: float) -> int:
    """Decimals that still show detail of ``tolerance`` degrees (2 to 5)."""
    return int(min(5, max(2, math.ceil(-math.log10(tolerance)))))


def polygons(geoms, decimals: int) -> dict:
    """The polygonal parts of ``geoms`` (lines and points are left out; an empty or
    non-polygonal shape has no polygons)."""
    geoms = np.asarray(geoms, dtype=object)
    empty = {"scale": 10 ** decimals, "xy": [], "rings": [], "polys": [], "shapes": [0] * len(geoms)}
    if not len(geoms):
        return empty
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    polygonal = shapely.get_type_id(parts) == 3          # 3: Polygon
    parts, part_of = parts[polygonal], part_of[polygonal]
    if not len(parts):
        return empty
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    coords, coord_of = shapely.get_coordinates(rings, return_index=True)
    q = np.round(coords * 10 ** decimals).astype(np.int64)
    # the closing point repeats the first: left out, the browser closes the ring
    last = np.r_[coord_of[1:] != coord_of[:-1], True]
    q, coord_of = q[~last], coord_of[~last]
    step = np.diff(q, axis=0, prepend=np.zeros((1, 2), np.int64))
    first = np.r_[True, coord_of[1:] != coord_of[:-1]]
    step[first] = q[first]
    return {
        "scale": 10 ** decimals,
        "xy": step.ravel().tolist(),
        "rings": np.bincount(coord_of, minlength=len(rings)).tolist(),
        "polys": np.bincount(ring_of, minlength=len(parts)).tolist(),
        "shapes": np.bincount(part_of, minlength=len(geoms)).tolist(),
    }
