"""Place expressions from news to the footprint their words allow: `where`.

>>> p = where("north of Baghdad")
>>> p.where_prec, p.kind
(5, 'direction')
>>> where("20 km west of Mosul").where_prec
2
>>> where("eastern Syria").explain()
'eastern part of Syria (country:SYR): bearings 22.5–157.5° from the centre of its largest part, beyond a core of 85 km'

The expression is read as one phrase if it can be; otherwise it is split where words such
as "along", "near", "in" or a comma join parts ("eastern Syria along the Syria–Iraq
border"), each part is read on its own, and the footprints are intersected. Every width
and word is in ``geo/data/where.toml``.
"""

from __future__ import annotations

import dataclasses
import re
import weakref
from dataclasses import replace
from functools import lru_cache

import shapely

from gazetteer import Candidate, Gazetteer, name_key
from gazetteer import shapes as gazetteer_shapes

from . import address, spatial
from .normalize_text import normalize
from .patterns import alternation
from .place import Context, Place, PlaceNotFound, Toponym
from .usage import USAGE

RULES = address.RULES



# When the context names a country, a candidate there wins unless the best candidate
# elsewhere scores this much higher (two orders of magnitude of population).
CONTEXT_MARGIN = 2.0
_POINT_KINDS = ("city", "site", "airport", "airbase")
# Named sites: places inside a town, more specific than its point.
SITE_KINDS = ("site", "airport", "airbase")
# A footprint reaching no farther than this from its named place is "within ~25 km" (UCDP 2).
NEAR_PLACE_KM = 30.0

_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"} | {"\u00a0": " "})


_DIR_WORDS = {re.sub(r"[\s-]", "", k): k for k in RULES["directions"]}
_DIR = r"(?:north|south)?[\s-]?(?:north|south|east|west)(?:[\s-]?(?:north|south|east|west))?"
_ADJ = alternation(RULES["adjectives"]) + r"|(?:north|south)[\s-]?(?:east|west)ern"
# ... shared with the incident places, which read addresses and bearings too
COMPASS_ADJECTIVES = _ADJ
_NUM = r"\d+(?:[.,]\d+)?|" + alternation(k.replace("_", " ") for k in RULES["numbers"])
_UNIT = alternation(RULES["units"])
_HEDGE = alternation(RULES["distance"]["hedges"])
_NEAR = alternation(RULES["words"]["near"])
_OUTSKIRTS = alternation(RULES["words"]["outskirts"])
_OUTSKIRTS_AFTER = alternation(RULES["words"]["outskirts_after"])
_UNNAMED_DET = alternation(RULES["words"]["unnamed_determiners"])
_UNNAMED_NOUN = alternation(RULES["words"]["unnamed_nouns"])
_JUST = alternation(RULES["words"]["just"])
_COUNTRYSIDE = alternation(RULES["words"]["countryside"])
_COUNTRYSIDE_BEFORE = alternation(RULES["words"]["countryside_before"])
_B_ALONG = alternation(RULES["words"]["border_along"])
_B_NEAR = alternation(RULES["words"]["border_near"])
_B_NOUN = alternation(RULES["words"]["border_nouns"])
_LEADING = alternation(RULES["words"]["leading"])
_FEATURE_OF = alternation(RULES["words"]["feature_of"])
_THE_COUNTRY = alternation(RULES["words"]["the_country"])

_F = re.IGNORECASE
RE_DISTANCE = re.compile(
    rf"^(?:(?P<hedge>{_HEDGE})\s+)?(?P<num>{_NUM})\s*-?\s*(?P<unit>{_UNIT})\.?\s+"
    rf"(?:(?:to\s+the\s+)?(?P<dir>{_DIR})\s+)?(?:of|from|away\s+from|outside(?:\s+of)?)\s+(?P<x>.+)$", _F)
RE_DIRECTION = re.compile(
    rf"^(?:(?P<just>{_JUST}|due|far)\s+)?(?:to\s+the\s+)?(?P<dir>{_DIR})\s+of\s+(?P<x>.+)$", _F)
RE_OUTSKIRTS = re.compile(rf"^(?:{_OUTSKIRTS})\s+(?P<x>.+)$", _F)
RE_OUTSKIRTS_AFTER = re.compile(rf"^(?:(?:on|in|at)\s+)?(?:the\s+)?(?P<x>.+?)(?:['’]s?)?\s+(?:{_OUTSKIRTS_AFTER})$", _F)
RE_UNNAMED = re.compile(rf"^(?:(?:{_UNNAMED_DET})\s+)?(?:{_UNNAMED_NOUN})(?:e?s)?$", _F)
RE_UNNAMED_HEAD = re.compile(rf"^(?:(?:{_UNNAMED_DET})\s+)?(?:{_UNNAMED_NOUN})(?:e?s)?\s+(?=\S)", _F)
RE_NEAR = re.compile(rf"^(?:{_NEAR})\s+(?P<x>.+)$", _F)
RE_NEAR_AFTER = re.compile(rf"^(?:(?:in|at)\s+)?(?:the\s+)?(?P<x>.+?)(?:\s+|-)(?:{alternation(RULES['words']['near_after'])})$", _F)
# "the southern countryside of Idleb", "eastern Deir ez-Zor countryside", "Hama's northern
# countryside", "rural Damascus"
_CS_DIR = rf"(?:(?P<dir>{_ADJ}|{_DIR})\s+)?"
RE_COUNTRYSIDE = (
    re.compile(rf"^(?:the\s+){{0,1}}{_CS_DIR}(?:{_COUNTRYSIDE})\s+of\s+(?P<x>.+)$", _F),
    re.compile(rf"^(?:the\s+)?{_CS_DIR}(?P<x>.+?)(?:['’]s?)?\s+(?:(?P<dir2>{_ADJ})\s+)?(?:{_COUNTRYSIDE})$", _F),
    re.compile(rf"^(?:the\s+)?{_CS_DIR}(?:{_COUNTRYSIDE_BEFORE})\s+(?P<x>.+)$", _F),
)
RE_PART_ADJ = re.compile(rf"^(?:the\s+)?(?P<far>far\s+)?(?P<dir>{_ADJ}|{_DIR}|central|centre\s+of|center\s+of|middle\s+of)\s+(?!of\b)(?P<x>.+)$", _F)
RE_PART_NOUN = re.compile(
    rf"^(?:the\s+)?(?P<far>far\s+)?(?P<dir>{_DIR}|centre|center|middle)(?:ern)?\s+(?:part\s+)?of\s+(?P<x>.+)$", _F)
_B_DESCRIBING = alternation(RULES["words"]["border_describing"])
_B_PREP = rf"^(?:(?P<prep>{_B_ALONG}|{_B_NEAR})\s+)?(?:the\s+)?(?:(?:{_B_DESCRIBING})\s+)?"
RE_BORDER_PAIR = re.compile(rf"{_B_PREP}(?P<a>[^,;]+?)\s*(?:-|/|\s+and\s+)\s*(?P<b>[^,;]+?)\s+(?P<noun>{_B_NOUN})$", _F)
RE_BORDER_BETWEEN = re.compile(rf"{_B_PREP}(?P<noun>{_B_NOUN})\s+(?:between|of)\s+(?P<a>.+?)\s+and\s+(?P<b>.+)$", _F)
RE_BORDER_WITH = re.compile(rf"{_B_PREP}(?P<noun>{_B_NOUN})\s+with\s+(?P<b>.+)$", _F)
RE_BORDER_ONE = re.compile(rf"{_B_PREP}(?P<b>[^,;]+?)\s+(?P<noun>{_B_NOUN})$", _F)
RE_BORDER_BARE = re.compile(rf"{_B_PREP}(?P<noun>{_B_NOUN})$", _F)
# "the Pakistani side of the border with Afghanistan": the band on one country's side only
RE_BORDER_SIDE = re.compile(rf"^(?:(?:on|at|along|from)\s+)?the\s+(?P<side>[^,;]+?)\s+side\s+of\s+(?P<rest>.+)$", _F)
RE_BORDER_NOUN = re.compile(rf"\b(?:{_B_NOUN})\b", _F)
RE_BORDER_NOUN_END = re.compile(rf"\b(?:{_B_NOUN})$", _F)
RE_LEADING = re.compile(rf"^(?:(?:{_LEADING})\s+)+", _F)
RE_FEATURE_OF = re.compile(rf"^(?:{_FEATURE_OF})\s+", _F)
RE_THE_COUNTRY = re.compile(rf"^(?:{_THE_COUNTRY})$", _F)
RE_JOIN = re.compile(r"\s*[,;]\s*|\s+(?=(?:and\s+in|in|along|near|close\s+to|on|at|inside|within)\s)", _F)


class _NoParse(Exception):
    """This phrase form does not fit; try the next."""


def _bearing(word: str) -> float:
    w = re.sub(r"[\s-]", "", word.lower())
    w = RULES["adjectives"].get(w, w)
    w = re.sub(r"ern$", "", w)
    if w not in RULES["directions"]:
        raise _NoParse(word)
    return float(RULES["directions"][w])


def _number(text: str) -> float:
    t = text.lower().replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return float(RULES["numbers"][re.sub(r"\s+", "_", t)])


def _size(c: Candidate) -> str:
    if c.kind in ("country", "admin1", "admin2"):
        return c.kind
    if c.kind == "demonym":
        return "country"
    if c.kind in ("region", "continent", "sea"):
        return "region"
    if c.kind == "city":
        return "city" if c.population >= RULES["sizes"]["city_population"] else "town"
    return "site"


def outskirts_reach_km(c: Candidate) -> float:
    """How far from its point a named place reaches: the outer ring of its outskirts
    ("the outskirts of X"), by its size."""
    return float(RULES["outskirts"][_size(c)][1])


def _named_precision(c: Candidate, geometry) -> tuple[int, int]:
    """UCDP where_prec and ACLED geo_precision of a named feature."""
    if c.kind in ("country", "demonym"):
        return 6, 3
    if c.kind == "admin1":
        return 4, 3
    if c.kind == "admin2":
        return 3, 3
    if c.kind == "sea":
        return 7, 3
    if c.kind in ("region", "continent"):
        return (5, 3) if c.country else (6, 3)
    if geometry.geom_type != "Point":   # a lake or other areal feature
        return (2, 2) if spatial.reach_km(geometry, c.lon, c.lat) <= NEAR_PLACE_KM else (5, 3)
    return 1, 1


class _Reader:
    """Reads one expression; keeps the toponyms it resolved with their offsets."""

    def __init__(self, text: str, context: Context, gazetteer: Gazetteer, chosen: dict[str, str] | None = None):
        self.text = text
        self.context = context
        self.g = gazetteer
        self.chosen = chosen or {}
        self.toponyms: list[Toponym] = []

    # ---------------------------------------------------------------- named features

    def candidate(self, start: int, end: int, kinds=None, context: Context | None = None) -> Candidate:
        """The best entry for the name at text[start:end]: the usage table first, then the
        gazetteer's order, preferring the context country unless it ranks far lower."""
        name = self.text[start:end]
        ctx = context or self.context
        m = RE_LEADING.match(name)
        if m and m.end() < len(name):
            start += m.end()
        m = RE_FEATURE_OF.match(self.text[start:end])
        unit = None
        if m and start + m.end() < end:
            start += m.end()
            # "the province of Mardin" is the province, whatever the town of that name; "the
            # town of Karak" the town, whatever the province
            word = m.group().split()[-2]
            unit = address.unit_kinds(word) or (("city",) if word.lower() in address.SETTLEMENT_WORDS else None)
        name = self.text[start:end].strip(" .'\"")
        if not name:
            raise _NoParse("empty")
        try:
            found = self.g.lookup(name, kinds=unit, fuzzy=False) if unit and kinds is None else []
            usage = None if found else self.chosen.get(name_key(name)) or USAGE.get(name_key(name))
            found = found or ([self.g.get(usage)] if usage and kinds is None else
                              self.g.lookup(name, kinds=kinds, fuzzy=False))
        except ValueError:
            raise _NoParse(name) from None
        if kinds is None:
            found = [c for c in found if c.kind != "demonym"]
        if not found:
            raise _NoParse(name)
        best = found[0]
        if ctx.country and not usage:
            local = next((c for c in found if c.country == ctx.country), None)
            # (units of the same level are ranked by population, which the gazetteer often
            # lacks for districts: "Hays district" in a Yemeni story is Yemen's, not Hays
            # County, Texas)
            if local is not None and (local.score >= best.score - CONTEXT_MARGIN
                                      or local.kind == best.kind and best.kind in ("admin1", "admin2")):
                best = local
        self.toponyms.append(Toponym(start, start + len(name), name, best.id, best.kind, best.country,
                                     best.admin1, best.lat, best.lon, best.score))
        return best

    def named(self, start: int, end: int, c: Candidate | None = None) -> Place:
        c = c or self.candidate(start, end)
        geom = c.footprint
        wp, gp = _named_precision(c, geom)
        what = f"{c.kind} in {c.admin1 or c.country}" if (c.admin1 or c.country) and c.kind != "country" else c.kind
        how = f"{c.name} ({c.id}, {what}): its {'point' if geom.geom_type == 'Point' else 'footprint'}"
        return self.place(start, end, geom, wp, gp, "named", c.country or None, how, point=(c.lon, c.lat))

    # ---------------------------------------------------------------- building blocks

    def place(self, start, end, geom, where_prec, geo_precision, kind, country, how, point=None) -> Place:
        # Projected constructions can overshoot the antimeridian or a pole by rounding.
        geom = shapely.clip_by_rect(geom, -180, -90, 180, 90) if geom.geom_type != "Point" else geom
        if geom.is_empty:
            raise PlaceNotFound(f"{self.text[start:end]!r} gives an empty footprint ({how})")
        lon, lat = point or spatial.representative_point(geom)
        return Place(self.text[start:end].strip(), geom, float(lat), float(lon), where_prec, geo_precision,
                     kind, country, tuple(self.toponyms), how)

    def phrase(self, start: int, end: int) -> Place:
        """One phrase without joins; the forms are tried from the most specific."""
        s, e = self._trim(start, end)
        for form in (self.side, self.border, self.distance, self.direction, self.outskirts, self.near,
                     self.named, self.countryside, self.part):
            mark = len(self.toponyms)
            try:
                return form(s, e)
            except _NoParse:
                del self.toponyms[mark:]
        raise _NoParse(self.text[s:e])

    def _trim(self, start, end):
        piece = self.text[start:end]
        lead = len(piece) - len(piece.lstrip(" ,;:.\t\n"))
        trail = len(piece) - len(piece.rstrip(" ,;:.\t\n"))
        return start + lead, end - trail

    def _match(self, regex, start, end, strip_leading=True):
        piece = self.text[start:end]
        offset = start
        if strip_leading:
            m = RE_LEADING.match(piece)
            if m and m.end() < len(piece):
                offset += m.end()
                piece = piece[m.end():]
        m = regex.match(piece)
        if not m:
            raise _NoParse(piece)
        return m, offset

    # ---------------------------------------------------------------- forms

    def anchor(self, start: int, end: int) -> Candidate:
        """The place a relative expression is measured from ("near X", "20 km west of X"):
        a town or site of that name when one ranks close to a province or country of it."""
        c = self.candidate(start, end)
        if c.kind in ("admin1", "admin2", "region", "country"):
            name = self.toponyms[-1].text
            points = [p for p in self.g.lookup(name, fuzzy=False, limit=20)
                      if p.kind in _POINT_KINDS and (not c.country or p.country == c.country)]
            # only the unit's own town: "near Basira" (a district of Deir ez-Zor) is never a
            # village of that name in Aleppo province
            points = [p for p in points if not c.admin1 or c.kind == "country" or p.admin1 == c.admin1]
            if points and points[0].score >= c.score - CONTEXT_MARGIN:
                p = points[0]
                t = self.toponyms[-1]
                self.toponyms[-1] = Toponym(t.start, t.end, t.text, p.id, p.kind, p.country, p.admin1,
                                            p.lat, p.lon, p.score)
                return p
        return c

    def distance(self, start, end) -> Place:
        m, off = self._match(RE_DISTANCE, start, end)
        d = _number(m["num"]) * RULES["units"][re.sub(r"\s+", "", m["unit"].lower())]
        c = self.anchor(off + m.start("x"), off + m.end("x"))
        cfg = RULES["distance"]
        unc = max(cfg["min_km"], d * (cfg["hedged_fraction"] if m["hedge"] else cfg["fraction"]))
        if m["dir"]:
            b = _bearing(m["dir"])
            lon, lat = spatial.point_at(c.lon, c.lat, b, d)
            geom = spatial.disc(lon, lat, unc)
            how = f"{d:.3g} km at {b:g}° from {c.name} ({c.id}): that point ±{unc:.0f} km"
            point = (lon, lat)
        else:
            geom = spatial.ring_sector(c.lon, c.lat, None, 180, max(0.0, d - unc), d + unc)
            how = f"{d:g} km from {c.name} ({c.id}) in any direction: the ring {max(0.0, d - unc):.0f}–{d + unc:.0f} km"
            point = None
        near = spatial.reach_km(geom, c.lon, c.lat) <= NEAR_PLACE_KM
        return self.place(start, end, geom, 2 if near else 5, 2, "distance", c.country or None, how, point)

    def direction(self, start, end) -> Place:
        m, off = self._match(RE_DIRECTION, start, end)
        b = _bearing(m["dir"])
        c = self.anchor(off + m.start("x"), off + m.end("x"))
        size = _size(c)
        just = m["just"] and m["just"].lower() != "far"
        near_km, far_km = RULES["just_bands" if just else "bands"][size]
        if m["just"] and m["just"].lower() == "far":
            near_km, far_km = far_km, far_km * 2
        hw = RULES["sector"]["narrow_half_width" if m["just"] else "half_width"]
        if c.has_shape:
            geom = spatial.beyond(c.footprint, b, hw, far_km)
            how = (f"{m['dir']} of {c.name} ({c.id}): land beyond it within {hw:g}° of {b:g}°, "
                   f"up to {far_km:g} km out")
        else:
            geom = spatial.ring_sector(c.lon, c.lat, b, hw, near_km, far_km)
            how = (f"{m['dir']} of {c.name} ({c.id}, {size}): bearings {(b - hw) % 360:g}–{(b + hw) % 360:g}°, "
                   f"{near_km:g}–{far_km:g} km from its point")
        near = spatial.reach_km(geom, c.lon, c.lat) <= NEAR_PLACE_KM
        return self.place(start, end, geom, 2 if near else 5, 2, "direction", c.country or None, how)

    def outskirts(self, start, end) -> Place:
        try:
            m, off = self._match(RE_OUTSKIRTS, start, end)
        except _NoParse:
            m, off = self._match(RE_OUTSKIRTS_AFTER, start, end)
        c = self.anchor(off + m.start("x"), off + m.end("x"))
        inner, outer = RULES["outskirts"][_size(c)]
        if c.has_shape:
            geom = spatial.buffer_km(c.footprint, outer).difference(c.footprint)
            how = f"outskirts of {c.name} ({c.id}): a band {outer:g} km wide around it"
        else:
            geom = spatial.ring_sector(c.lon, c.lat, None, 180, inner, outer)
            how = f"outskirts of {c.name} ({c.id}, {_size(c)}): the ring {inner:g}–{outer:g} km from its point"
        near = spatial.reach_km(geom, c.lon, c.lat) <= NEAR_PLACE_KM
        return self.place(start, end, geom, 2 if near else 5, 2, "outskirts", c.country or None, how,
                          point=(c.lon, c.lat) if not c.has_shape else None)

    def near(self, start, end) -> Place:
        try:
            m, off = self._match(RE_NEAR, start, end, strip_leading=False)
        except _NoParse:
            m, off = self._match(RE_NEAR_AFTER, start, end, strip_leading=False)
        x0, x1 = off + m.start("x"), off + m.end("x")
        if RE_BORDER_NOUN_END.search(self.text[x0:x1]):   # "near the Syrian border"
            return self.border(x0, x1, prep="near")
        c = self.anchor(x0, x1)
        km = RULES["near"][_size(c)]
        geom = spatial.buffer_km(c.footprint if c.has_shape else shapely.Point(c.lon, c.lat), km)
        how = f"near {c.name} ({c.id}, {_size(c)}): within {km:g} km of it"
        near = spatial.reach_km(geom, c.lon, c.lat) <= NEAR_PLACE_KM
        if c.has_shape:
            wp = {"admin2": 3, "admin1": 4}.get(c.kind, 5)
        else:
            wp = 2 if near else 5
        return self.place(start, end, geom, wp, 2 if near else 3, "near", c.country or None, how,
                          point=(c.lon, c.lat))

    def countryside(self, start, end) -> Place:
        """ "the southern countryside of Idleb": the province (else the district) of that
        name, or the part of it the direction names; a town with no unit of its name gives
        the ring of its outskirts. Never the town's point."""
        for regex in RE_COUNTRYSIDE:
            try:
                m, off = self._match(regex, start, end)
                break
            except _NoParse:
                continue
        else:
            raise _NoParse(self.text[start:end])
        x0, x1 = off + m.start("x"), off + m.end("x")
        if not self.text[x0:x1][:1].isupper():      # "the countryside": no name
            raise _NoParse(self.text[x0:x1])
        try:
            c = self.candidate(x0, x1, kinds=["admin1", "admin2"])
        except _NoParse:
            c = self.candidate(x0, x1)
        word = m["dir"] or m.groupdict().get("dir2")
        if c.has_shape:
            base, wp = c.footprint, {"admin1": 4, "admin2": 3}.get(c.kind, 5)
            how = f"countryside of {c.name} ({c.id})"
        else:
            inner, outer = RULES["outskirts"][_size(c)]
            base = spatial.ring_sector(c.lon, c.lat, None, 180, inner, outer)
            wp = 2 if outer <= NEAR_PLACE_KM else 5
            how = f"countryside of {c.name} ({c.id}, {_size(c)}): the ring {inner:g}–{outer:g} km from its point"
        if word:
            cfg = RULES["part"]
            b = _bearing(word.lower())
            hw = cfg["half_width"] if b % 90 == 0 else cfg["intercardinal_half_width"]
            base, _ = spatial.part_of(base, b, hw, cfg["core_fraction"] if c.has_shape else cfg["town_core_fraction"])
            how = f"{_compass_name(b)} {how}: bearings {(b - hw) % 360:g}–{(b + hw) % 360:g}° from its centre"
        return self.place(start, end, base, wp, 3, "part", c.country or None, how)

    def part(self, start, end) -> Place:
        try:
            m, off = self._match(RE_PART_NOUN, start, end)
        except _NoParse:
            m, off = self._match(RE_PART_ADJ, start, end)
        word = re.sub(r"\s+of$", "", m["dir"].lower())
        x0, x1 = off + m.start("x"), off + m.end("x")
        if RE_FEATURE_OF.match(self.text[x0:x1]):
            # "the southern city of Basra": the direction says where Basra lies, not which part
            return self.named(start, end, self.candidate(x0, x1))
        if RE_THE_COUNTRY.match(self.text[x0:x1]):
            if not self.context.country:
                raise PlaceNotFound(f"{self.text[x0:x1]!r} needs a context country (--country)")
            c = self.country_candidate(self.context.country)
            self.toponyms.append(Toponym(x0, x1, self.text[x0:x1], c.id, c.kind))
        else:
            c = self.candidate(x0, x1)
        cfg = RULES["part"]
        base = c.footprint if c.has_shape else spatial.disc(c.lon, c.lat, RULES["outskirts"][_size(c)][1])
        if word in ("central", "centre", "center", "middle"):
            geom, _ = spatial.part_of(base, None, 0, 0, cfg["central_fraction"])
            how = f"central part of {c.name} ({c.id}): within {cfg['central_fraction']:g} of its equivalent radius of the centre of its largest part"
        else:
            b = _bearing(word)
            frac = cfg["far_fraction"] if m["far"] else cfg["core_fraction"] if c.has_shape else cfg["town_core_fraction"]
            hw = cfg["half_width"] if b % 90 == 0 else cfg["intercardinal_half_width"]
            corner = b % 90 == 45 and c.has_shape and not m["far"]     # "northwestern Pakistan"
            if corner:
                geom, core_km = spatial.corner_of(base, b, cfg["half_width"], hw, frac)
                a1, a2 = _compass_name((b - 45) % 360), _compass_name((b + 45) % 360)
                also = f", with the {a2} half of its {a1} part and the {a1} half of its {a2} part"
            else:
                geom, core_km = spatial.part_of(base, b, hw, frac)
                also = ""
            how = (f"{'far ' if m['far'] else ''}{_compass_name(b)} part of {c.name} ({c.id}): bearings "
                   f"{(b - hw) % 360:g}–{(b + hw) % 360:g}° from the centre of its largest part{also}, "
                   f"beyond a core of {core_km:.0f} km")
        if c.has_shape:
            wp = {"country": 5, "admin1": 4, "admin2": 3, "demonym": 5}.get(c.kind, _named_precision(c, base)[0])
            gp = 3
        else:
            wp, gp = 2, 1
        return self.place(start, end, geom, wp, gp, "part", c.country or None, how)

    def country_candidate(self, iso2: str) -> Candidate:
        try:
            return self.g.country(iso2)
        except KeyError:
            raise PlaceNotFound(f"unknown country code {iso2!r}") from None

    def country_named(self, start, end) -> Candidate:
        """A country named or implied by a demonym ("Iraqi") in the expression."""
        c = self.candidate(start, end, kinds=["country", "demonym"])
        if c.kind == "demonym":
            c = self.g.country(c.id.split(":")[1])
        return c

    def side(self, start, end) -> Place:
        """ "the Syrian side of the border", "the Pakistan side of the border region with
        Afghanistan": the border's band, cut to that country."""
        m, off = self._match(RE_BORDER_SIDE, start, end, strip_leading=False)
        if not RE_BORDER_NOUN.search(m["rest"]):
            raise _NoParse(m["rest"])
        own = self.country_named(off + m.start("side"), off + m.end("side"))
        outer, self.context = self.context, Context(own.country, self.context.countries)
        try:
            band = self.border(off + m.start("rest"), off + m.end("rest"), prep="along")
        finally:
            self.context = outer
        geom = band.geometry.intersection(own.footprint)
        how = f"{own.name}'s side of the {band.how}"
        return self.place(start, end, geom, 5, 3, "border", own.country, how)

    def border(self, start, end, prep=None) -> Place:
        piece_start, piece_end = self._trim(start, end)
        piece = self.text[piece_start:piece_end]
        for regex in (RE_BORDER_BARE, RE_BORDER_BETWEEN, RE_BORDER_PAIR, RE_BORDER_WITH, RE_BORDER_ONE):
            m = regex.match(piece)
            if m:
                break
        else:
            raise _NoParse(piece)
        groups = m.groupdict()
        prep = (groups.get("prep") or prep or "").lower()
        a = b = None
        if groups.get("a"):
            a = self.country_named(piece_start + m.start("a"), piece_start + m.end("a"))
        if groups.get("b"):
            b = self.country_named(piece_start + m.start("b"), piece_start + m.end("b"))
        a_from_context = a is None and bool(self.context.country)
        if a_from_context and (b is None or b.country != self.context.country):
            a = self.country_candidate(self.context.country)
        if b is None and a is not None:
            b = next((self.country_candidate(x) for x in self.context.countries
                      if x != a.country and self._neighbours(a, x)), None)
        if a is None and b is None:
            raise PlaceNotFound(f"{piece!r}: which border? name the countries or give a context country")
        cfg = RULES["border"]
        width = cfg["near_km"] if (prep and re.fullmatch(_B_NEAR, prep)) or re.search(r"area|region|zone|strip", m["noun"], _F) \
            else cfg["along_km"] if prep else cfg["line_km"]
        line = spatial.shared_boundary(a.footprint, b.footprint) if a and b else None
        if line is not None and line.is_empty:
            if not a_from_context:
                raise PlaceNotFound(f"{a.name} and {b.name} share no land border")
            a, line = None, None        # the context country does not touch it: all of b's borders
        if line is not None:
            what = f"{a.name}–{b.name} border"
        else:
            one = a or b
            lines = [spatial.shared_boundary(one.footprint, gazetteer_shapes.footprint(n))
                     for n in gazetteer_shapes.touching("country", one.footprint) if n != one.id]
            line = shapely.line_merge(shapely.union_all([x for x in lines if not x.is_empty]))
            if line.is_empty:
                raise PlaceNotFound(f"{one.name} has no land border")
            what = f"land borders of {one.name}"
        geom = spatial.buffer_km(line, width)
        how = f"{what}: the shared boundary ({spatial.length_km(line):.0f} km), ±{width:g} km"
        country = (a or b).country
        lon, lat = spatial.representative_point(line)
        place = self.place(start, end, geom, 5, 3, "border", country, how, point=(lon, lat))
        return place

    def _neighbours(self, a: Candidate, iso2: str) -> bool:
        other = self.country_candidate(iso2)
        return not spatial.shared_boundary(a.footprint, other.footprint).is_empty


def _compass_name(bearing: float) -> str:
    """"eastern", "southwestern": the adjective of a compass bearing, for explanations."""
    names = {v: k for k, v in RULES["directions"].items()}
    name = names.get(bearing, f"{bearing:g}°")
    adjectives = {v: k for k, v in RULES["adjectives"].items() if k.endswith("ern")}
    return adjectives.get(name, name)


def is_site(p: Place) -> bool:
    """A named site's point: an airport, a base, a site the gazetteer has."""
    return p.where_prec == 1 and any(t.kind in SITE_KINDS for t in p.toponyms)


def intersect(parts: list[Place], text: str) -> Place:
    """The intersection of footprints; when empty, the most specific part, said in explain()."""
    geom = parts[0].geometry
    for p in parts[1:]:
        geom = shapely.make_valid(geom.intersection(p.geometry))
    toponyms = tuple(t for p in parts for t in p.toponyms)
    names = " ∩ ".join(p.expression for p in parts)
    polys = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")]
    geom = shapely.union_all(polys) if polys else shapely.Polygon()
    if geom.is_empty or spatial.area_km2(geom) < 0.01:
        # a site is more specific than its town's point ("Istanbul" and "Ataturk airport")
        best = min(parts, key=lambda p: (p.where_prec, spatial.area_km2(p.geometry) if p.geometry.geom_type != "Point" else 0,
                                         not is_site(p)))
        return Place(text.strip(), best.geometry, best.lat, best.lon, best.where_prec, best.geo_precision,
                     best.kind, best.country, toponyms,
                     f"{names} is empty; kept the more specific part: {best.explain()}")
    lon, lat = spatial.representative_point(geom)
    return Place(text.strip(), geom, lat, lon, min(p.where_prec for p in parts),
                 min(p.geo_precision for p in parts), "intersection",
                 next((p.country for p in parts if p.country), None), toponyms,
                 f"{names}: " + " ∩ ".join(p.explain() for p in parts))


def _address_place(res: address.Resolution, text: str, ctx: Context, g: Gazetteer, chosen) -> Place:
    """The Place of an address: the place itself inside its units, else the narrowest unit
    found, with what the gazetteer lacks said in explain()."""
    reader = _Reader(text, ctx, g, chosen)
    reader.toponyms = [Toponym(p.start, p.end, p.name, c.id, c.kind, c.country, c.admin1, c.lat, c.lon, c.score)
                       for p, c in res.found]
    lacking = "; ".join(f"{address.describe(p)} not in the gazetteer" for p in res.missing)
    if res.place is not None and res.found[-1][0].unit and not address.is_unit(res.place):
        # "Tadmur district" that the gazetteer knows only by its namesake town: the district,
        # as a disc around the town, never the town's point
        c, head = res.place, res.found[-1][0]
        geom, what = _namesake_unit(c)
        how = f"{address.describe(head)} not in the gazetteer as a unit; {what}: {c.name} ({c.id}, {c.kind})" \
            + (f"; {lacking}" if lacking else "")
        return reader.place(0, len(text), geom, 3, 2, "address", c.country or None, how, None)
    if res.place is not None:
        c = res.place
        geom = c.footprint
        wp, gp = _named_precision(c, geom)
        within = f" inside {res.container.name} ({res.container.id})" if res.container else ""
        how = (f"{c.name} ({c.id}, {c.kind}){within}: its {'point' if geom.geom_type == 'Point' else 'footprint'}"
               + (f"; {lacking}" if lacking else ""))
        return reader.place(0, len(text), geom, wp, gp, "named", c.country or None, how, point=(c.lon, c.lat))
    if res.named_for is not None:
        # a site at the town it is named for: near that town's point (UCDP 2, ACLED 2)
        c = res.named_for
        within = f" inside {res.container.name} ({res.container.id})" if res.container else ""
        how = f"{lacking}; the town it is named for: {c.name} ({c.id}, {c.kind}){within}, near its point"
        return reader.place(0, len(text), shapely.Point(c.lon, c.lat), max(2, _named_precision(c, c.footprint)[0]),
                            2, "named", c.country or None, how, point=(c.lon, c.lat))
    c = res.container
    if c.has_shape:
        geom = c.footprint
        wp, gp = _named_precision(c, geom)
        point = None
        what = f"its {address.describe(res.container_part)}"
    else:       # a district known only by its namesake town: a disc around the town
        geom, around = _namesake_unit(c)
        wp, gp, point = 3, 2, None
        what = f"its {address.describe(res.container_part)}, {around}"
    how = f"{lacking + '; ' if lacking else ''}{what}: {c.name} ({c.id}, {c.kind})"
    return reader.place(0, len(text), geom, wp, gp, "address", c.country or None, how, point)


def _namesake_unit(town) -> tuple:
    """A unit the gazetteer knows only by its namesake town's point ("Kismaayo district"):
    a disc of about a district's size around the town, and how it was made."""
    km = address.namesake_disc_km()
    return spatial.disc(town.lon, town.lat, km), f"as {km:g} km around the town"


def where(expression: str, context=None, *, gazetteer: Gazetteer | None = None,
          resolved: dict[str, str] | None = None) -> Place:
    """The footprint a place expression allows, with UCDP/ACLED precision codes.

    ``context``: None, an ISO2 country code, a dict ``{"country", "countries"}`` or a
    :class:`Context`; it resolves "the country", "the border with Iraq" and ambiguous names.
    ``resolved`` maps names to gazetteer entry ids already chosen (by the geoparser, from
    the whole document), so "near Marib" keeps the town the document means.
    Raises :class:`PlaceNotFound` with the reason when nothing can be built.
    """
    if not isinstance(expression, str) or not expression.strip():
        raise PlaceNotFound("empty place expression")
    chosen = tuple(sorted({name_key(k): v for k, v in (resolved or {}).items()}.items()))
    g = gazetteer or Gazetteer.default()
    # the gazetteer weakly, so that remembering its places does not keep it alive
    found = _remembered(expression, Context.of(context), chosen, weakref.ref(g), g.revision)
    if isinstance(found, str):
        raise PlaceNotFound(found)
    return found


# A corpus places its events in the same words again and again ("in Baghdad", "near
# Kabul"), and reading a phrase can mean buffering a province's outline: the places read
# last are remembered, with the reason for a phrase that names none.
@lru_cache(maxsize=2048)
def _remembered(expression: str, ctx: Context, chosen: tuple, g: weakref.ref, revision: int) -> Place | str:
    try:
        return _where_given(expression, ctx, g(), dict(chosen))
    except PlaceNotFound as e:
        return str(e)


def _where_given(expression: str, ctx: Context, g: Gazetteer, chosen: dict[str, str]) -> Place:
    """``where`` of the expression as given: offsets and texts point into it."""
    given = normalize(expression)       # matched NFC, without invisible format characters
    place = _where(given.text, ctx, g, chosen)
    if not given.changed:
        return place
    spans = [given.original_span(t.start, t.end) for t in place.toponyms]
    return replace(place, expression=expression, toponyms=tuple(
        replace(t, start=s, end=e, text=expression[s:e]) for t, (s, e) in zip(place.toponyms, spans)))


def _where(expression: str, ctx: Context, g: Gazetteer, chosen: dict[str, str] | None = None) -> Place:
    text = expression.translate(_DASHES)
    reader = _Reader(text, ctx, g, chosen)
    try:
        return reader.phrase(0, len(text))
    except _NoParse:
        pass
    res = address.resolve(text, ctx.country, g)   # "X village, Y district, Z province"
    if res is not None:
        return _address_place(res, text, ctx, g, chosen)
    head = RE_UNNAMED_HEAD.match(text)       # "a base north of Baghdad": the rest says where
    if head:
        reader = _Reader(text, ctx, g, chosen)
        try:
            place = reader.phrase(head.end(), len(text))
        except _NoParse:
            pass
        else:
            return dataclasses.replace(place, expression=expression.strip(), how=(
                f"{text[:head.end()].strip()!r} names no place; where it is: {place.how}"))
    cuts = [(m.start(), m.end()) for m in RE_JOIN.finditer(text) if m.start() > 0]
    if not cuts:
        raise PlaceNotFound(f"no place found in {expression!r}")
    bounds, prev = [], 0
    for s, e in cuts:
        if text[prev:s].strip():
            bounds.append((prev, s))
        prev = e if text[s:e].strip(" ") in (",", ";") else s
    bounds.append((prev, len(text)))
    parts, unnamed = [], []
    for s, e in bounds:
        if RE_UNNAMED.match(text[s:e].strip()):     # "a village": what kind of place, not where
            unnamed.append(text[s:e].strip())
            continue
        reader = _Reader(text, ctx, g, chosen)
        try:
            part = reader.phrase(s, e)
        except _NoParse:
            raise PlaceNotFound(f"no place found in {text[s:e].strip()!r} (part of {expression!r})") from None
        parts.append(part)
        ctx = ctx.with_country(part.country)
    if not parts:
        raise PlaceNotFound(f"no place named in {expression!r}")
    place = parts[0] if len(parts) == 1 else intersect(parts, expression)
    if unnamed:
        place = dataclasses.replace(place, expression=expression.strip(), how=(
            f"{' and '.join(repr(u) for u in unnamed)} names no place; where it is: {place.how}"))
    return place
