"""Values: a place expression's footprint (`Place`), the names in it (`Toponym`), and the
document context that resolves words like "the country" (`Context`)."""

from __future__ import annotations

from dataclasses import dataclass, field


class PlaceNotFound(ValueError):
    """The expression names no place the gazetteer knows, or cannot be parsed; says why."""


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name inside some text, with character offsets into that text, and the
    gazetteer entry it was resolved to (``kind`` "demonym" for "Syrian", "Iraqis")."""

    start: int
    end: int
    text: str
    entry_id: str
    kind: str
    country: str = ""
    admin1: str = ""
    lat: float = float("nan")
    lon: float = float("nan")
    score: float = 0.0

    @property
    def footprint(self):
        """The entry's polygon where it has one, else its point."""
        from gazetteer import Gazetteer

        return Gazetteer.default().get(self.entry_id).footprint

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "lat": self.lat,
                "lon": self.lon, "entry_id": self.entry_id, "kind": self.kind,
                "country": self.country, "admin1": self.admin1, "score": round(self.score, 3)}


@dataclass(frozen=True, slots=True)
class Context:
    """What the surrounding document says about where: its focus country and the other
    countries it mentions (ISO 3166-1 alpha-2), most salient first."""

    country: str | None = None
    countries: tuple[str, ...] = ()

    @classmethod
    def of(cls, value) -> Context:
        """Accept None, an ISO2 code, a dict with ``country``/``countries``, or a Context."""
        if value is None:
            return cls()
        if isinstance(value, Context):
            return value
        if isinstance(value, str):
            return cls(country=value.strip().upper() or None)
        if isinstance(value, dict):
            c = value.get("country")
            return cls(country=c.upper() if c else None,
                       countries=tuple(x.upper() for x in value.get("countries", ())))
        raise TypeError(f"context must be None, an ISO2 code, a dict or a Context, not {type(value).__name__}")

    def with_country(self, country: str | None) -> Context:
        return self if self.country or not country else Context(country, self.countries)


@dataclass(frozen=True)
class Place:
    """The footprint a place expression allows, with its precision.

    ``geometry`` is in EPSG:4326 (a Point for a named site or town, a Polygon for a
    region, a band or a sector). ``lat``/``lon`` is the representative point.
    ``where_prec`` is UCDP GED's 1–7 and ``geo_precision`` ACLED's 1–3 (see DESIGN.md).
    """

    expression: str
    geometry: object
    lat: float
    lon: float
    where_prec: int
    geo_precision: int
    kind: str                       # named, part, direction, distance, near, outskirts, border, intersection
    country: str | None
    toponyms: tuple[Toponym, ...] = ()
    how: str = field(default="", repr=False)

    def explain(self) -> str:
        """One line on how the footprint was built."""
        return self.how

    @property
    def point(self):
        import shapely

        return shapely.Point(self.lon, self.lat)

    def to_feature(self) -> dict:
        """A GeoJSON Feature (RFC 7946) with the precision and explanation as properties."""
        import shapely

        return {
            "type": "Feature",
            "geometry": shapely.geometry.mapping(self.geometry),
            "properties": {
                "expression": self.expression, "kind": self.kind,
                "where_prec": self.where_prec, "geo_precision": self.geo_precision,
                "latitude": round(self.lat, 6), "longitude": round(self.lon, 6),
                "country": self.country, "explain": self.how,
                "toponyms": [{"start": t.start, "end": t.end, "text": t.text, "entry_id": t.entry_id}
                             for t in self.toponyms],
            },
        }
