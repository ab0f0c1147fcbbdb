"""Text and place expressions to geometry and incidents.

>>> import geo
>>> geo.where("Anbar governorate").where_prec
4
"""

from .place import Context, Place, PlaceNotFound, Toponym
from .where import where

__all__ = ["where", "Place", "PlaceNotFound", "Context", "Toponym"]
