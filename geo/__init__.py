"""Text and place expressions to geometry and incidents.

>>> import geo
>>> geo.where("Anbar governorate").where_prec
4

Names are imported on first use, so ``incidentmap gazetteer lookup`` (which lives in
``geo.cli``) starts without loading the geometry stack.
"""

from importlib import import_module

_EXPORTS = {
    "where": "geo.expressions",
    "geoparse": "geo.geoparsing",
    "extract": "geo.incidents",
    "Incidents": "geo.incidents",
    "pipe": "geo.geoparsing",
    "Place": "geo.place",
    "PlaceNotFound": "geo.place",
    "Context": "geo.place",
    "Toponym": "geo.place",
}

__all__ = list(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
