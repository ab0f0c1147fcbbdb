"""Footprints of the embedded entries and point-in-polygon look-ups.

Loaded on first use (the name index does not need them), once per process.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely

from . import settings
from ._store import read_parquet

# Points on a coast can fall just outside a simplified polygon; within this many
# degrees (about 5 km) the nearest unit is taken.
COAST_TOLERANCE_DEG = 0.05


class _Shapes:
    def __init__(self):
        t = read_parquet(settings.data_dir() / "shapes.parquet", ["id", "layer", "geometry"])
        self.ids = t.column("id").to_pylist()
        self.layer = np.array(t.column("layer").to_pylist())
        self.geoms = shapely.from_wkb(t.column("geometry").to_numpy(zero_copy_only=False))
        self.by_id = {k: i for i, k in enumerate(self.ids)}
        self._trees: dict[str, tuple[shapely.STRtree, np.ndarray]] = {}

    def tree(self, layer: str):
        if layer not in self._trees:
            rows = np.flatnonzero(self.layer == layer)
            self._trees[layer] = (shapely.STRtree(self.geoms[rows]), rows)
        return self._trees[layer]

    def locate(self, layer: str, lon, lat) -> list[str | None]:
        """Id of the ``layer`` footprint holding each point (None where none does)."""
        pts = shapely.points(np.atleast_1d(lon), np.atleast_1d(lat))
        tree, rows = self.tree(layer)
        found: list[str | None] = [None] * len(pts)
        pi, gi = tree.query(pts, predicate="intersects")
        for p, g in zip(pi.tolist(), gi.tolist()):
            if found[p] is None:
                found[p] = self.ids[rows[g]]
        missing = [i for i, f in enumerate(found) if f is None]
        if missing:
            pi, gi = tree.query_nearest(pts[missing], max_distance=COAST_TOLERANCE_DEG)
            for p, g in zip(pi.tolist(), gi.tolist()):
                if found[missing[p]] is None:
                    found[missing[p]] = self.ids[rows[g]]
        return found


@lru_cache(maxsize=1)
def _shapes() -> _Shapes:
    return _Shapes()


def footprint(entry_id: str):
    """The stored polygon of an entry (KeyError when it has none)."""
    s = _shapes()
    return s.geoms[s.by_id[entry_id]]


def point(lon: float, lat: float):
    return shapely.Point(lon, lat)


def locate(layer: str, lon, lat) -> list[str | None]:
    """Ids of the footprints of ``layer`` ("country", "admin1", "admin2") at the points."""
    return _shapes().locate(layer, lon, lat)


def touching(layer: str, geom) -> list[str]:
    """Ids of the ``layer`` footprints that intersect ``geom`` (e.g. a country's neighbours)."""
    sh = _shapes()
    tree, rows = sh.tree(layer)
    return [sh.ids[rows[i]] for i in tree.query(geom, predicate="intersects").tolist()]


def in_box(layer: str, minx: float, miny: float, maxx: float, maxy: float) -> list[tuple[str, object]]:
    """(id, footprint) of the ``layer`` footprints that meet a lon/lat box."""
    sh = _shapes()
    tree, rows = sh.tree(layer)
    hits = tree.query(shapely.box(minx, miny, maxx, maxy), predicate="intersects")
    return [(sh.ids[rows[i]], sh.geoms[rows[i]]) for i in hits.tolist()]
