"""Addresses as coders and wires write them, read from the widest part to the narrowest.

"Teir Maaleh village, Ar Rastan district, Homs Governorate, Syria", "Bar-Sanguun village
(Kismaayo, Lower Juba)", "Tadif in al-Bab district of Aleppo", "Daraa town". The parts
constrain each other: the country holds the province, the province the district, and the
place is the candidate of its name inside the narrowest unit found. A place the gazetteer
lacks leaves the narrowest unit as the answer, said so in the explanation; a place never
leaves the country its address names. Descriptor and unit words are in
``geo/data/where.toml`` ([address]).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from importlib import resources

import shapely

from gazetteer import Candidate, Gazetteer, name_key
from gazetteer.normalize import without_article

from .patterns import alternation
from .spatial import KM_PER_DEGREE, area_km2, disc, distance_km

# where.toml is read once, here; geo.expressions (which imports this module) shares it
RULES = tomllib.loads(resources.files("geo").joinpath("data/where.toml").read_text("utf-8"))
_A = RULES["address"]
_DETERMINERS = frozenset(w.lower() for w in RULES["words"]["unnamed_determiners"])
_UNITS = {k.lower(): v for k, v in _A["units"].items()}
SETTLEMENT_WORDS = frozenset(w.lower() for w in _A["settlement_words"])
VILLAGE_WORDS = frozenset(_A["village_words"])
# the most people a place with namesakes elsewhere may have to be read as a village
VILLAGE_MAX_POPULATION = _A["village_max_population"]
_SITE = frozenset(w.lower() for w in _A["site_words"])
_NOT_TOWNS = frozenset(name_key(w) for w in _A["not_towns"])
_WORD = alternation(sorted(SETTLEMENT_WORDS | _SITE | set(_UNITS), key=len, reverse=True))
_F = re.IGNORECASE
RE_WORD_AFTER = re.compile(rf"^(?P<name>.+?)\s+(?P<word>{_WORD})$", _F)
RE_WORD_BEFORE = re.compile(rf"^(?:the\s+)?(?P<word>{_WORD})\s+of\s+(?P<name>.+)$", _F)
RE_UNIT_PREFIX = re.compile(rf"^(?:(?:{alternation(_A['unit_prefixes'])})\s+)+", _F)
RE_PUNCT = re.compile(r"\s*[,;()\[\]]\s*")
RE_IN = re.compile(r"\s+(?:in|of)\s+", _F)
RE_UNIT_OF = re.compile(rf"\b(?:{alternation(_UNITS)})(?P<of>\s+of\s+)", _F)
_UNIT_KINDS = ("country", "admin1", "admin2", "region")
_ANY_PLACE = ("country", "admin1", "admin2", "region", "city", "site", "airport", "airbase", "user", "lake")


@dataclass(frozen=True, slots=True)
class Part:
    """One part of an address: the name with its offsets, and its descriptor word."""

    start: int
    end: int
    name: str
    word: str | None
    full: str = ""        # the name with its word, as written ("Erbil International Airport")
    bracketed: bool = False     # alone in brackets: "(Choban Bey)" may be another name
    aliases: tuple[tuple[int, int, str], ...] = ()   # other names given in brackets, with offsets

    @property
    def kinds(self) -> tuple[str, ...] | None:
        if self.word is None:
            return None
        w = self.word.lower()
        if w in _UNITS:
            return (_UNITS[w],)
        return tuple(_A["site_kinds"] if w in _SITE else _A["settlement_kinds"])

    @property
    def unit(self) -> bool:
        return self.word is not None and self.word.lower() in _UNITS


@dataclass(frozen=True, slots=True)
class Resolution:
    """What an address resolved to: the place itself, else the narrowest unit holding it."""

    place: Candidate | None
    container: Candidate | None
    container_part: Part | None
    found: tuple[tuple[Part, Candidate], ...]      # every part resolved, widest first
    missing: tuple[Part, ...]
    named_for: Candidate | None = None      # the town a site the gazetteer lacks is named for


def _part(text: str, start: int, end: int) -> Part | None:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if not piece:
        return None
    start += lead
    for rx in (RE_WORD_BEFORE, RE_WORD_AFTER):
        m = rx.match(piece)
        if m:
            s, name = start + m.start("name"), m["name"]
            if m["word"].lower() in _UNITS:          # "Mintaqat Azaz district": Azaz
                pre = RE_UNIT_PREFIX.match(name)
                if pre and pre.end() < len(name):
                    s, name = s + pre.end(), name[pre.end():]
            return Part(s, s + len(name), name, m["word"], piece)
    return Part(start, start + len(piece), piece, None, piece)


def parse(text: str) -> list[Part]:
    """The parts of an address, narrowest first: split at commas and brackets, at "in"
    before a part with a unit word ("X in Y district"), and after "district of"."""
    bounds, prev, opened = [], 0, ""
    lone = set()        # starts of the pieces alone in brackets: "Al-Rai town (Choban Bey)"
    for m in RE_PUNCT.finditer(text):
        if opened == "(" and m.group().strip() == ")":
            lone.add(prev)
        bounds.append((prev, m.start()))
        prev, opened = m.end(), m.group().strip()
    bounds.append((prev, len(text)))
    spans, whole = [], []
    for s, e in bounds:
        u = RE_UNIT_OF.search(text, s, e)     # "al-Bab district of Aleppo": district, then province
        if u and not re.search(r"[A-Z0-9]", text[s:u.start()]):
            # "the province of Mardin": no name before the unit word; the unit is Mardin's
            part = _part(text, u.end(), e)
            if part is not None:
                whole.append(replace(part, word=text[u.start():u.start("of")], full=text[s:e].strip()))
            continue
        for a, b in ([(s, u.start("of")), (u.end(), e)] if u else [(s, e)]):
            m = RE_IN.search(text, a, b)        # "Tadif in al-Bab district": the place, then its unit
            right = _part(text, m.end(), b) if m else None
            spans += [(a, m.start()), (m.end(), b)] if right is not None and right.unit else [(a, b)]
    parts = [p for p in (_part(text, a, b) for a, b in spans) if p is not None]
    parts = sorted(parts + whole, key=lambda p: p.start)
    out: list[Part] = []
    for p in parts:
        if p.start in lone:
            p = replace(p, bracketed=True)
        # "Izz ad-Din (Ezzeddin) village": the word after the brackets is the place's
        if (len(out) == 2 and out[1].bracketed and out[0].word is None and p.word is None
                and p.name.lower() in SETTLEMENT_WORDS | _SITE):
            out[0] = replace(out[0], word=p.name, full=f"{out[0].name} {p.name}")
            continue
        out.append(p)
    return out


def unit_kinds(word: str) -> tuple[str, ...] | None:
    """The gazetteer kinds a unit word names ("province": admin-1 units and regions)."""
    kind = _UNITS.get(word.lower())
    return None if kind is None else (kind, "region") if kind == "admin1" else (kind,)


def _inside(c: Candidate, container: Candidate | None, reach_km: float | None = None) -> bool:
    """Does ``c`` lie in ``container`` (a point container: within its radius), or within
    ``reach_km`` of it (default: the outline's margin)?"""
    if container is None:
        return True
    if container.has_shape:
        geom = container.footprint
        pt = shapely.Point(c.lon, c.lat)
        if geom.covers(pt):
            return True
        # degrees to km at this latitude, generously (the outline is simplified)
        return geom.distance(pt) * KM_PER_DEGREE <= (_A["inside_margin_km"] if reach_km is None else reach_km)
    return distance_km(c.lon, c.lat, container.lon, container.lat) <= _A["point_container_km"] + (reach_km or 0.0)


def _singular(part: Part) -> str:
    """ "Al Omar oil fields" as the gazetteer names it: "Al Omar oil field"."""
    w = part.word or ""
    return f"{part.name} {w[:-1]}" if w.endswith("s") and w[:-1].lower() in _SITE | SETTLEMENT_WORDS else part.full


def _small(container: Candidate | None) -> bool:
    if container is None:
        return False
    if not container.has_shape:
        return True
    return area_km2(container.footprint) <= _A["fuzzy_within_km2"]


def _exact_inside(g: Gazetteer, name: str, container, country, kinds, small: bool = False) -> Candidate | None:
    """The best entry of this name inside ``container``; ``small`` (the name was called a
    village): a town of more than ``village_max_population`` people only when no smaller
    place has the name ("Al Qahirah village" is no Cairo)."""
    try:
        found = g.lookup(name, country=country, kinds=kinds, fuzzy=False, limit=60)
    except ValueError:
        return None
    found = [c for c in found if c.kind != "demonym" and _inside(c, container)
             and (container is None or c.id != container.id)]
    if small:
        found.sort(key=lambda c: (c.population or 0) > VILLAGE_MAX_POPULATION)      # stable
    return found[0] if found else None


def _named(part: Part, start: int, name: str) -> Part:
    return replace(part, start=start, end=start + len(name), name=name,
                   full=f"{name} {part.word}" if part.word else name, aliases=())


def _alternatives(part: Part) -> list[Part]:
    """ "Abu Hayj/Khalidiyah village", "Al-Rai town (Choban Bey)": coders give a place's
    two names with a slash or in brackets; each is tried in turn, the first as written first."""
    if "/" not in part.name and not part.aliases:
        return [part]
    out, pos = [], part.start
    for piece in part.name.split("/"):
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            out.append(_named(part, pos + lead, piece.strip()))
        pos += len(piece) + 1
    out += [_named(part, s, name) for s, _, name in part.aliases]
    return out or [part]


def _alternatives_exact(g: Gazetteer, part: Part, country: str | None) -> list[Candidate]:
    out = []
    for alt in _alternatives(part):
        try:
            out += g.lookup(alt.name, country=country, fuzzy=False, limit=60)
        except ValueError:
            pass
    return out


def _named_for(g: Gazetteer, part: Part, container: Candidate | None,
               country: str | None) -> tuple[Part, Candidate] | None:
    """The town a site the gazetteer lacks is named for: "Nasib border crossing", "Maarratah
    IDP camp" are at Nasib and Maarratah. The longest leading words of its name that name a
    settlement exactly, inside the container."""
    for alt in _alternatives(part):
        lead = re.match(r"(?:the\s+)?", alt.name, _F).end()
        words = alt.name[lead:].split()
        for n in range(len(words) - 1, 0, -1):
            name = " ".join(words[:n])
            if name_key(name) in _NOT_TOWNS:
                break
            c = _exact_inside(g, name, container, country, tuple(_A["settlement_kinds"]))
            if c is not None and c.kind != "site":
                return replace(_named(alt, alt.start + lead, name), word=None, full=name), c
    return None


def _find(g: Gazetteer, part: Part, container: Candidate | None, country: str | None,
          kinds, fuzzy: bool, sounding: bool = False) -> Candidate | None:
    alts = _alternatives(part)
    # every name exactly before any near spelling of one
    for loose in ([False, True] if fuzzy and len(alts) > 1 else [fuzzy]):
        for alt in alts:
            found = _find_one(g, alt, container, country, kinds, loose, sounding)
            if found is not None:
                return found
    return None


def _find_one(g: Gazetteer, part: Part, container: Candidate | None, country: str | None,
              kinds, fuzzy: bool, sounding: bool = False) -> Candidate | None:
    if part.word and not part.unit:     # a site's own name, word and all ("Camp Taji")
        for full in dict.fromkeys((part.full, _singular(part))):
            c = _exact_inside(g, full, container, country, None)
            if c is not None:
                return c
    c = _exact_inside(g, part.name, container, country, kinds, small=(part.word or "").lower() in VILLAGE_WORDS)
    if c is not None:
        return c
    if sounding and container is not None and container.kind in ("admin1", "admin2") and not _named_as(g, part.name, _WIDE_KINDS):
        # the place (not a unit holding it: those are found by their names or their towns)
        # in another transliteration inside its unit ("Qoqfin" for Quqfinah, Idlib); never
        # for a country's or a province's own name ("Yemen (Razih, Sadah)")
        try:
            alike = g.sounding(part.name, country=country, kinds=kinds, limit=20)
        except ValueError:
            alike = []
        c = next((c for c in alike if c.kind != "demonym" and c.id != container.id and _inside(c, container)), None)
        if c is not None:
            return c
    if fuzzy and _units_of(part, container, kinds):
        return _fuzzy_within(g, part, container, kinds, bare=True)
    if fuzzy and _small(container):
        return _fuzzy_within(g, part, container, kinds)
    if fuzzy and container is None and part.word and not part.unit:
        # "Touqan village" with nothing around it: the same name in another transliteration
        # ("Ţūqān"), else the gazetteer's nearest spelling, its own fuzzy cut-off deciding;
        # the word says it is a place
        try:
            alike = g.sounding(part.name, country=country, kinds=kinds, limit=5)
            near = alike or g.lookup(part.name, country=country, kinds=kinds, fuzzy=True, limit=5)
        except ValueError:
            return None
        return next((c for c in near if c.match in ("skeleton", "fuzzy")), None)
    return None


_WIDE_KINDS = ("country", "admin1", "region", "continent", "sea")


def _named_as(g: Gazetteer, name: str, kinds) -> bool:
    """Is ``name`` exactly the name of an entry of one of ``kinds`` ("Yemen": a country)?"""
    try:
        return bool(g.lookup(name, kinds=kinds, fuzzy=False, limit=1))
    except ValueError:
        return False


def _bare(key: str) -> str:
    return without_article(key) or key


def _units_of(part: Part, container: Candidate | None, kinds) -> bool:
    """Is ``part`` a district sought among its province's districts ("Yaftali Sufla
    district, Badakhshan" for Yaftal Sufla)? A province holds a few dozen of them, however
    large it is, so a near spelling among them is as telling as among a district's villages."""
    return (container is not None and container.kind == "admin1" and part.unit
            and tuple(kinds or ()) == ("admin2",))


def _fuzzy_within(g: Gazetteer, part: Part, container: Candidate, kinds, bare: bool = False) -> Candidate | None:
    """The place inside a small unit whose name is spelled most like ``part`` ("Tir Maalah"
    for "Teir Maaleh"): among a district's few hundred names a near spelling is telling."""
    from rapidfuzz import fuzz, process

    area = container.footprint if container.has_shape else \
        disc(container.lon, container.lat, _A["point_container_km"])
    cands = [c for c in g.within(area, kinds) if c.id != container.id]
    if not cands:
        return None
    # (a district among districts without the Arabic article, which varies freely: "Tuhayat"
    # for At Tuhayta; among villages, where short names abound, the article tells them apart)
    key = _bare if bare else (lambda k: k)
    keys = [key(name_key(c.name)) for c in cands]
    hits = [process.extractOne(key(name_key(text)), keys, scorer=fuzz.ratio, score_cutoff=_A["fuzzy_cutoff"])
            for text in dict.fromkeys((part.name, part.full)) if text]
    hits = [h for h in hits if h]
    return cands[max(hits, key=lambda h: h[1])[2]] if hits else None


def _one_country(g: Gazetteer, part: Part) -> bool:
    """Do all the units of this name lie in one country ("Ad Dali"; not "Bari", in Italy and
    Somalia)?"""
    try:
        found = g.lookup(part.name, kinds=_UNIT_KINDS, fuzzy=False, limit=20)
    except ValueError:
        return False
    return len({c.country for c in found}) == 1


def _city_district(g: Gazetteer, part: Part, container: Candidate | None, country: str | None) -> Candidate | None:
    """ "Mogadishu-Hodan district": a city, a hyphen, then its district; the district
    inside the city where the gazetteer has it, else the city."""
    city_name, _, unit_name = part.name.partition("-")
    city = _find(g, Part(part.start, part.start + len(city_name), city_name, None, city_name),
                 container, country, tuple(_A["settlement_kinds"]), fuzzy=False)
    if city is None:
        return None
    start = part.start + len(city_name) + 1
    unit = replace(part, start=start, name=unit_name, full=f"{unit_name} {part.word}")
    return _find(g, unit, city, country, part.kinds, fuzzy=False) or city


def resolve(text: str, country: str | None, g: Gazetteer) -> Resolution | None:
    """Read ``text`` as an address; None when it is not one (a single plain name, or a
    part that is no name at all, such as "along the border")."""
    parts = parse(text)
    if not parts or (len(parts) == 1 and parts[0].word is None):
        return None
    if any(p.name.lower() in _DETERMINERS for p in parts):     # "a village": no name at all
        return None
    best = _resolve(parts, country, g)
    if country is not None or len(parts) < 2 or best is None or best.place is not None:
        return best
    # The widest part read alone may be another country's namesake ("Khabb wa ash Shaaf
    # district (Al Jawf)": Saudi Arabia's Al Jawf before Yemen's). Its reading in each other
    # country that has it is tried: one that finds the place, or more parts, or knows the
    # missing names somewhere in it, wins; a tie keeps the first reading.
    for other in _other_countries(g, parts[-1], best):
        alt = _resolve(parts, other, g)
        if alt is not None and _fit(g, alt, other) > _fit(g, best, best.found[0][1].country):
            best = alt
    return best


def _other_countries(g: Gazetteer, part: Part, first: Resolution) -> list[str]:
    """The countries, other than the first reading's, with a unit named ``part`` when the
    first reading of it is a unit: a province gives way to another country's province, never
    to a village of that name (Saudi Arabia's Najran to no Syrian village Najran)."""
    widest = first.found[0] if first.found else None
    if widest is None or widest[0] is not part or widest[1].kind not in _UNIT_KINDS:
        return []
    taken = widest[1].country
    try:
        found = g.lookup(part.name, kinds=_UNIT_KINDS, fuzzy=False, limit=10)
    except ValueError:
        return []
    return list(dict.fromkeys(c.country for c in found if c.country and c.country != taken))[:_A["other_readings"]]


def _fit(g: Gazetteer, r: Resolution, country: str | None) -> tuple[int, int, int]:
    """How well an address reads in ``country``: the place found, the parts found, the
    missing names that country has somewhere."""
    known = 0
    for part in r.missing:
        try:
            known += bool(country) and bool(g.lookup(part.name, country=country, fuzzy=False, limit=1))
        except ValueError:
            pass
    return r.place is not None, len(r.found), known


def _resolve(parts: list[Part], country: str | None, g: Gazetteer) -> Resolution | None:
    container, container_part = None, None
    found, missing = [], []
    aliases = []
    for part in reversed(parts[1:]):
        # a bare name as a container is read as a unit first: "San Luis Potosí" the state
        c = None if part.kinds else _find(g, part, container, country, _UNIT_KINDS, fuzzy=False)
        if c is not None:
            # ... unless a place of that name elsewhere far outranks the unit: "(Tripoli)" is
            # Libya's capital, not Lebanon's small district of that name
            top = _find(g, part, container, country, _ANY_PLACE, fuzzy=False)
            if top is not None and top.country != c.country and top.score - c.score > _A["unit_first_margin"]:
                c = top
        c = c or _find(g, part, container, country, part.kinds or _ANY_PLACE, fuzzy=False)
        if c is None and (part.word is None or _units_of(part, container, part.kinds)) \
                and container is not None and container.kind == "admin1":
            # "Yaftali Sufla district, Badakhshan", "(Khabb wa ash Shaaf, Al Jawf)": a district
            # in another spelling among its province's districts
            c = _fuzzy_within(g, part, container, ("admin2",), bare=True)
        if c is None and part.unit:
            # A district named after its town ("Kismaayo district"): the town stands for it.
            c = _find(g, part, container, country, tuple(_A["settlement_kinds"]), fuzzy=False)
        if c is None and part.unit and "-" in part.name:
            c = _city_district(g, part, container, country)
        if c is None:
            if part.bracketed and part is parts[1]:
                # alone in brackets and no place: "Izz ad-Din (Ezzeddin)", another name
                aliases.append((part.start, part.end, part.name))
                continue
            if part.word is None and not (container is not None and part.name[:1].isupper()
                                          and (parts[0].word is not None or _one_country(g, container_part))):
                return None           # not a name: leave the expression to the other forms
            # (a capitalised name inside a known unit is a place the gazetteer lacks when the
            # unit's name is no other country's unit's, "Bab Ghaliq (Qaatabah, Ad Dali)", or
            # the head has its descriptor word, "Human village (Qaatabah, Ad Dali)")
            missing.append(part)
            continue
        found.append((part, c))
        container, container_part = c, part
        country = c.country or country
    head = replace(parts[0], aliases=tuple(aliases))
    kinds = head.kinds or tuple(k for k in _ANY_PLACE if k != "country" or container is None)
    place = None
    if (container is not None and container_part is parts[1] and parts[1].bracketed
            and container.kind not in _UNIT_KINDS
            and any(c.id == container.id for c in _alternatives_exact(g, head, country))):
        # "Al-Rai town (Choban Bey)": the town in brackets is the place, by its other name
        place, container, container_part = container, None, None
    # The narrowest unit first, then wider ones: a coder's district can be larger than the
    # gazetteer's unit of that name (Syria's are sub-districts), never the country's border.
    # "(western) Yemen (Ad Durayhimi, Al Hudaydah)": a country's name before its units names
    # no place inside them (a village called Yemen), only the units
    country_head = container is not None and head.word is None and _named_as(g, head.name, ("country",))
    for k, (within_part, within) in enumerate([] if place or country_head else [(None, container)] if not found else reversed(found)):
        if within is not None and within.kind == "city" and within_part is not None \
                and name_key(head.name) == name_key(within_part.name):
            # "Owerri (Owerri LGA, Imo)": the town that stands for its district is the place,
            # not a village of its name within reach of it
            place = within
            break
        # (a near spelling anywhere is no reading of a place whose district is unknown)
        place = _find(g, head, within, country, kinds, fuzzy=within is not None or not missing, sounding=True)
        if place is not None and k > 0 and not _inside(place, container, _A[
                "wider_unit_reach_exact_km" if place.match in ("exact", "id") else "wider_unit_reach_km"]):
            # nor, in the province, a place whose district is known, far from that district
            # (a coder's district can reach beyond the gazetteer's outline; the more so for
            # a place of the very name written): "Al Jabaliyah area (At Tuhayat, Al Hudaydah)"
            # is not Al Ja`aliyah 117 km away, "Kibanda village (Idjwi, Sud-Kivu)" not the
            # Kibanda 250 km from the island
            place = None
        if place is None and head.unit:
            place = _find(g, head, within, country, tuple(_A["settlement_kinds"]), fuzzy=False)
        if place is None and head.unit and "-" in head.name:
            place = _city_district(g, head, within, country)     # "Mogadishu-Hamar Weyne district (...)"
        if place is not None:
            break
    named_for = None
    if place is None and head.word and not head.unit and head.word.lower() in _SITE:
        named_for = _named_for(g, head, container, country)
    if place is None and named_for is None and container is None:
        return None
    if place is not None:
        found.append((head, place))
    elif not country_head:
        missing.insert(0, head)
    if named_for is not None:
        found.append(named_for)
        named_for = named_for[1]
    return Resolution(place, container, container_part, tuple(found), tuple(missing), named_for)


def describe(part: Part) -> str:
    return f"{part.word.lower()} {part.name!r}" if part.word else repr(part.name)


def is_unit(c: Candidate) -> bool:
    """A country, province, district or region (not a town or a site)."""
    return c.kind in _UNIT_KINDS


def namesake_disc_km() -> float:
    """Radius of the footprint of a unit known only by its namesake town's point."""
    return float(_A["namesake_unit_km"])


__all__ = ["Part", "Resolution", "parse", "resolve", "describe", "namesake_disc_km"]
