"""Drawing incidents: interactive, self-contained Folium maps.

>>> import maps
>>> callable(maps.incident_map)
True
"""

from .incident_map import incident_map, precision_words, save

__all__ = ["incident_map", "save", "precision_words"]
