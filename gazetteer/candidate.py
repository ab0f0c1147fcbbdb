"""The value a look-up returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a name may refer to.

    ``score`` orders candidates of one look-up (higher is more likely); ``match`` says
    how the name was matched: "exact" (same key after folding), "admin-term" (the
    name with "province", "county" ... taken off), "fuzzy", "user" or "online".
    """

    id: str
    name: str
    kind: str
    country: str          # ISO 3166-1 alpha-2, "" when none (regions, seas)
    admin1: str           # ISO 3166-2 code (or Natural Earth adm1_code), "" when none
    lat: float
    lon: float
    population: int
    score: float
    match: str
    matched: str          # the folded key that matched
    has_shape: bool = False
    grade: int = 0        # how the key matched: 0 a primary name, 1 an alternate, 2 a derived form

    @property
    def footprint(self):
        """Polygon of countries, admin-1 units, counties and regions; otherwise the point."""
        from . import shapes

        return shapes.footprint(self.id) if self.has_shape else shapes.point(self.lon, self.lat)
