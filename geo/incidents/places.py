"""Where an event happened: the place phrases of its sentence ("in the southern city of
Basra", "north of Baghdad", "along the border"), and the priors for an event placed nowhere
finer than a country (a wire dateline's town, the town the article names most)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import replace

from gazetteer import Gazetteer
from gazetteer.normalize import ARTICLES

from ..address import RULES as WHERE_RULES, VILLAGE_MAX_POPULATION, unit_kinds
from ..expressions import COMPASS_ADJECTIVES, SITE_KINDS, is_site, outskirts_reach_km, where
from ..patterns import alternation
from ..place import Context, Place, PlaceNotFound
from .. import spatial
from ..spatial import distance_km
from ..text import FEATURE_PREFIXES, QUARTER_PREFIXES, SITE_NAME_TAILS
from . import events
from .clauses import Sentence

_PLACES = events.RULES["places"]
_LOCATIVE = alternation(_PLACES["locatives"])
_VERBS = alternation(_PLACES["verbs"])
_FUNCTION_WORDS = frozenset(_PLACES["function_words"])
# Place phrases: a locative word or verb, optional modifiers, then a name the geoparser found.
_DIRS = r"(?:north|south|east|west)(?:[\s-]?(?:north|south|east|west))?"
# ... and who holds it: "the Israeli-occupied Golan Heights", "Kurdish-controlled Qamishli"
_DESCRIBING = alternation(_PLACES["describing"]) + rf"|[\w’'-]+-(?:{alternation(_PLACES['held_participles'])})"
# Event nouns whose "of" names the place the event befell ("the shelling of Homs")
_TARGET_NOUNS = alternation(_PLACES["target_nouns"])
# "the nearby", "the far northern": the words a place phrase may put before the name
_BEFORE_NAME = (rf"(?:the\s+)?(?:(?:{_DESCRIBING})\s+){{0,2}}(?:(?:far\s+)?(?:{_DIRS}(?:ern)?|central)\s+)?"
                # "near al-Bukamal": an Arabic article written apart from the name the geoparser read
                rf"(?:(?:{alternation(ARTICLES)})-)?")
# "in the southern countryside of Idleb", "in eastern Aleppo countryside" (geo.where reads
# the countryside of a province as the province, or the part the direction names)
_COUNTRYSIDE = alternation(WHERE_RULES["words"]["countryside"])
RE_PLACE_PREFIX = re.compile(
    rf"(?:\b(?:{_LOCATIVE}|{_VERBS})\s+(?:the\s+)?(?:{_DIRS}(?:ern)?\s+)?(?:{_COUNTRYSIDE})\s+of\s+"
    rf"|\b(?:{_LOCATIVE}|{_VERBS})\s+{_BEFORE_NAME}"
    r"|\b(?:(?:just|some|about|around|roughly|nearly|immediately|due|far)\s+)?"
    r"(?:\d+(?:[.,]\d+)?\s*(?:km|kms|kilometers|kilometres|miles|mi)\s+)?(?:to\s+the\s+)?" + _DIRS + r"\s+of\s+"
    r"|\b(?:on\s+)?the\s+outskirts\s+of\s+"
    # "the shelling of Homs", "the siege of eastern Ghouta": the place the event befell
    rf"|\b(?:{_TARGET_NOUNS})\s+of\s+{_BEFORE_NAME})$", re.IGNORECASE)
RE_UNIT_OF = re.compile(rf"\b(?:{_LOCATIVE}|{_VERBS}|of)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?"
                        rf"(?P<unit>{alternation(_PLACES['unit_nouns'])})(?:\s+of\s+|\s*,\s+)(?:(?:{alternation(ARTICLES)})-)?$"
                        # "in the Iranian capital Tehran": a demonym and the noun, then the name
                        rf"|\b(?:{_LOCATIVE}|{_VERBS})\s+the\s+(?:[A-Z][\w'’-]+\s+)?(?P<bare>{alternation(_PLACES['unit_nouns'])})\s+$",
                        re.IGNORECASE)
# "Kilis was shelled", "The town of X, near the border, has been targeted": a place that opens
# its clause (after "the <unit> of" at most) and is the subject of a passive verb of attack
RE_SUBJECT_START = re.compile(rf"(?:^\s*|[;:]\s+|,\s+and\s+)(?:the\s+(?:[\w'’-]+\s+){{0,2}}?"
                              rf"(?:{alternation(_PLACES['unit_nouns'])})\s+of\s+)?$", re.IGNORECASE)
_ADVERBS = r"(?:also|again|repeatedly|increasingly|heavily|reportedly|frequently|twice|since)"
RE_PASSIVE_AFTER = re.compile(
    rf"(?:\s*,[^,.;:]{{1,60}},|\s+[^,.;:]{{0,40}}?)?\s+(?:(?:has|have|had)\s+)?(?:{_ADVERBS}\s+)*"
    rf"(?:(?:been|was|were|is|are|being)\s+(?:{_ADVERBS}\s+)*(?:{alternation(_PLACES['passive_verbs'])})"
    rf"|(?:came|comes|come|coming)\s+under)\b", re.IGNORECASE)
RE_VERB_OBJECT = re.compile(rf"\b(?:{_VERBS})\s|\b(?:{_TARGET_NOUNS})\s+of\s", re.IGNORECASE)
_PLAIN = alternation(set(_PLACES["locatives"]) - set(_PLACES["shaping"]))
RE_LEADING_WORD = re.compile(rf"^(?:{_PLAIN}|{_VERBS})\s+", re.IGNORECASE)
RE_TARGET_OF = re.compile(rf"^(?:{_TARGET_NOUNS})\s+of\s+", re.IGNORECASE)
RE_DESCRIBING = re.compile(rf"\b(?:{_DESCRIBING})\s+", re.IGNORECASE)
# "Pakistan's troubled northwest", "Syria's north": a part of a country or province
RE_POSSESSIVE_PART = re.compile(rf"^['’]s\s+(?:[a-z-]+\s+){{0,2}}?(?P<dir>{_DIRS})(?:ern)?\b(?!\s+of\b)", re.IGNORECASE)
# "the Pakistan side of the remote border region with Afghanistan": the words geo.where reads
# as one side of a border (its border nouns)
RE_SIDE_AFTER = re.compile(rf"\s+side\s+of\s+(?:the\s+)?(?:[a-z]+\s+){{0,2}}?(?:{alternation(WHERE_RULES['words']['border_nouns'])})"
                           r"(?:\s+with\s+[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)?)?")
RE_COUNTRYSIDE_OF = re.compile(rf"\b(?:{_COUNTRYSIDE})\s+of\s+$", re.IGNORECASE)
RE_PLACE_SUFFIX = re.compile(rf"^\s+(?:province|governorate|region|district|county)\b"
                             rf"|^(?:['’]s)?\s+(?:{_DIRS}(?:ern)?\s+)?(?:{_COUNTRYSIDE})\b", re.IGNORECASE)
RE_BORDER = re.compile(
    r"\b(?:along|on|near|at|across|close\s+to)\s+the\s+(?:[A-Z][\w'’]*(?:\s*[-–/]\s*[A-Z][\w'’]*)?\s+)?"
    r"(?:border|frontier)(?:\s+(?:with|between)\s+[A-Z][\w'’]*(?:\s+and\s+[A-Z][\w'’]*)?)?")
# "the Fort Littleton toll booth, about 65 miles (105 km) west of the state capital of
# Harrisburg", "Tadif, near the town of al-Bab": a name followed by where it lies. The
# words between the name and the next place the geoparser found.
RE_APPOSED = re.compile(
    r"^(?:\s+[a-z][\w-]*){0,3}\s*,\s+(?P<rel>(?:(?:just|some|about|around|roughly|nearly|approximately)\s+)?"
    r"(?:\d[\d.,]*\s*(?:km|kms|kilometers|kilometres|miles|mi)\s+)?)(?:\([^()]{1,20}\)\s+)?"
    rf"(?P<dir>(?:to\s+the\s+)?{_DIRS}\s+of|near|outside|close\s+to)\s+"
    rf"(?:the\s+(?:[\w-]+\s+){{0,2}}(?:{alternation(_PLACES['unit_nouns'])})\s+of\s+)?$", re.IGNORECASE)
# A part of a town lies this close (km) to a town the sentence names
PART_KM = 30.0
# Two footprints overlap when they share more than this part of the smaller one.
OVERLAP_SHARE = 0.01


# ---------------------------------------------------------------- mentions

_UNIT_WORDS = alternation(_PLACES["unit_nouns"] + _PLACES["address_units"])
# "Kafr Zita town (Muhradah district, Hama governorate)", "Tadif, Al Bab district, Aleppo
# governorate": the address coders and wires write after a name; geo.where reads its parts.
RE_ADDRESS_TAIL = re.compile(
    rf"^(?:\s+(?i:{_UNIT_WORDS}))?(?:\s*\((?P<paren>[^()]{{2,100}})\)"
    rf"|(?P<commas>(?:,\s*(?:[A-Z][\w'’.-]*\s+){{1,4}}(?:{alternation(_PLACES['address_units'])})\b)+))")


# An address in running text, found whether or not the geoparser read its name: "shelled
# Zebdeen town (Markaz Rif Dimashq district, Rif Dimashq Governorate)", "hit Mihassah village
# in Mintaqat Markaz Homs district, Homs Governorate", "Tal Othman village, Ath Thawrah
# district"; geo.where reads it whole (an unknown village inside a known district is the
# district). A descriptor word must follow the name: "Islamic State (IS)" is none.
_ADDR = WHERE_RULES["address"]
_DESCRIPTORS = alternation(sorted(set(_ADDR["settlement_words"]) | set(_ADDR["site_words"]), key=len, reverse=True))
_ADDR_UNITS = alternation(sorted(set(_ADDR["units"]) - set(_ADDR["running_text_not_units"]), key=len, reverse=True))
_PARTICLE = alternation(_ADDR["name_particles"])
_NAME_WORD = rf"(?:[A-Z][\w'’.-]*|(?:{_PARTICLE})(?=[\s-])|(?:{_PARTICLE})-[A-Z][\w'’.-]*)"
# "Al Yarmuk/Khirbat Khan village": both names of a place
_ADDR_NAME = rf"[A-Z][\w'’.-]*(?:(?:\s*/\s*|[\s-]+){_NAME_WORD}){{0,5}}"
# ("J&K", "Jammu & Kashmir": an ampersand inside a part)
_ADDR_PART = rf"[A-Z][\w'’.&-]*(?:\s+(?:{_NAME_WORD}|&)){{0,4}}"
_FEATURE_HEADS = alternation(sorted(set(_ADDR["feature_heads"]) | FEATURE_PREFIXES))
RE_ENDS_IN_DESCRIPTOR = re.compile(rf"\s(?:{_DESCRIPTORS})$", re.IGNORECASE)
# the words that name a part of a country or a province by its bearing ("southern", "central")
_BEARING_WORD = rf"(?:{COMPASS_ADJECTIVES}|central)"
# (compass words only: "Upper Nile", "Lower Juba" are names)
RE_BEARING_FIRST = re.compile(rf"(?!upper\b|lower\b){_BEARING_WORD}\s", re.IGNORECASE)
RE_ENDS_IN_UNIT = re.compile(rf"\s(?:{_ADDR_UNITS})$", re.IGNORECASE)
RE_FEATURE_HEAD = re.compile(rf"(?:{_FEATURE_HEADS})\s", re.IGNORECASE)


# "Tuhayat district in western Yemen (Al Hudaydah)": the part of the country, written between
# a name and its units, says no more than the units do
def _in_region(group: str = "") -> str:
    country = rf"(?P<{group}>[A-Z][\w'’-]+)" if group else r"[A-Z][\w'’-]+"
    return rf"(?:\s+in\s+(?:the\s+)?(?i:{_BEARING_WORD})\s+{country}(?=\s*\())?"


_IN_REGION = _in_region()
RE_ADDRESS_SPAN = re.compile(
    # a descriptor, maybe after a lower-case word or two ("Kamuna refugee camp", "Tanak oil field")
    rf"(?P<name>{_ADDR_NAME})(?:(?P<mod>(?:\s+[a-z][a-z-]*){{0,2}}?)\s+(?P<desc>(?i:{_DESCRIPTORS}))\b"
    # ... or a unit word before the brackets: "Mukayras district (Al Bayda)"
    rf"|\s+(?P<unit>(?i:{_ADDR_UNITS}))(?={_IN_REGION}\s*\())?"
    rf"(?:{_in_region('region')}\s*\((?P<paren>{_ADDR_PART}(?:\s+(?i:{_ADDR_UNITS}))?(?:,\s*{_ADDR_PART}(?:\s+(?i:{_ADDR_UNITS}))?){{0,3}})\)"
    rf"|(?P<commas>(?:,\s*{_ADDR_PART}\s+(?i:{_ADDR_UNITS})\b)+)"
    # ("of" only after a descriptor: "Sarjangal area of Keran wa Menjan district", not
    # "the Police Officer of Faskari LGA (Katsina)")
    rf"|\s+(?(desc)(?:in|of)|in)\s+(?P<inside>{_ADDR_PART}\s+(?i:{_ADDR_UNITS})\b(?:,\s*{_ADDR_PART}(?:\s+(?i:{_ADDR_UNITS}))?\b"
    # "Adu in Kwal district (Bassa LGA, Plateau)"
    rf"|\s*\((?P<inside_paren>{_ADDR_PART}(?:\s+(?i:{_ADDR_UNITS}))?(?:,\s*{_ADDR_PART}(?:\s+(?i:{_ADDR_UNITS}))?){{0,3}})\))?))")
# cheap tests first: an address holds a unit word and a descriptor (or a feature's first word)
# (a unit word ends a part of an address: "district)", "Governorate,", "district.")
RE_ANY_UNIT = re.compile(rf"\b(?:{_ADDR_UNITS})\s*[),.;]", re.IGNORECASE)
RE_ANY_DESCRIPTOR = re.compile(rf"\b(?:{_DESCRIPTORS}|{_FEATURE_HEADS})\b", re.IGNORECASE)
# ... or a descriptor before brackets holding the parts, as ACLED writes it: "Bar-Sanguun
# village (Kismaayo, Lower Juba)", or one part: "Mafraq ar Ruwayk area (Marib)"
RE_DESCRIPTOR_PARTS = re.compile(rf"\b(?:{_DESCRIPTORS}){_IN_REGION}\s*\((?:[^()]*,|\s*[A-Z][^(),]*\))", re.IGNORECASE)
# ... or a name before brackets holding two or more capitalised parts, with no descriptor:
# "Udawa (Chikun LGA, Kaduna)", "Al-Hosna (Bir Al-Abd, North Sinai)"; kept only where
# geo.where reads it no wider than a district
RE_UNIT_PARTS = re.compile(rf"\b(?:{_ADDR_UNITS}){_IN_REGION}\s*\(\s*[A-Z]", re.IGNORECASE)
RE_BARE_PARTS = re.compile(rf"[A-Z][\w'’-]*{_IN_REGION}\s*\(\s*[A-Z][^()]*,\s*[A-Z][^()]*\)")
BARE_PARTS_MAX_PREC = _ADDR["bare_parts_max_prec"]


def address_phrases(sent: Sentence, ctx: Context, fp: Footprints) -> list[tuple[int, int, Place]]:
    """(start, end, Place) of the addresses a sentence writes out, read whole by geo.where."""
    out = []
    # most sentences hold no address
    # (the bracketed forms only where there is a bracket)
    bracket = "(" in sent.text
    bare = bracket and RE_BARE_PARTS.search(sent.text) is not None
    if not (RE_ANY_UNIT.search(sent.text) and RE_ANY_DESCRIPTOR.search(sent.text)) \
            and not (bracket and (bare or RE_DESCRIPTOR_PARTS.search(sent.text) or RE_UNIT_PARTS.search(sent.text))):
        return out
    for m in RE_ADDRESS_SPAN.finditer(sent.text):
        # ("Paletwa Town, Paletwa Township, ...": the name took its capitalised descriptor)
        desc = m["desc"] or (m["name"] if RE_ENDS_IN_DESCRIPTOR.search(m["name"]) else None)
        # ... or its unit word before brackets: "Faskari LGA (Katsina)"
        unit = m["unit"] or (m["name"] if m["paren"] is not None and RE_ENDS_IN_UNIT.search(m["name"]) else None)
        bare_parts = bare and not desc and m["paren"] is not None and "," in m["paren"]
        # "Adu in Kwal district (Bassa LGA, Plateau)": a whole address after "in", kept below
        # only if the name is found in it
        inside_address = not desc and m["inside_paren"] is not None
        if not desc and not unit and not RE_FEATURE_HEAD.match(m["name"]) and not bare_parts \
                and not inside_address:
            continue        # "Walmart in Harris County": a name the geoparser read is _address's
        if RE_BEARING_FIRST.match(m["name"]):
            continue        # "Southern Aleppo Governorate (Aleppo)": a part, the relative forms' own
        name = m["name"] + (f"{m['mod']} {m['desc']}" if m["desc"] else f" {m['unit']}" if m["unit"] else "")
        # (the country the text puts it in, as the widest part: "Al Maton district in
        # northwestern Yemen (Al Jawf)" is Yemen's Al Jawf, not Saudi Arabia's)
        phrase = (f"{name} ({m['paren']}, {m['region']})" if m["paren"] and m["region"] else
                  f"{name} ({m['paren']})" if m["paren"] else
                  f"{name}{m['commas']}" if m["commas"] else f"{name}, {m['inside']}")
        place = fp.where(phrase, ctx)
        if inside_address and (place is None or not any(t.text == m["name"] for t in place.toponyms)):
            continue
        if place is not None and place.where_prec <= (BARE_PARTS_MAX_PREC if bare_parts and not (desc or unit) else 5):
            out.append((sent.start + m.start(), sent.start + m.end(), place))
    return out


# A name followed by a capitalised facility word is a building's name; where the building
# is comes after it ("outside High Point High School in Prince George's County")
# (up to five capitalised words, "and", "of" or "&" between: "the Saint Peter and Saint Paul
# Coptic Orthodox Church"; after a possessive: "St. John's University")
RE_BUILDING_NAME = re.compile(rf"(?:['’]s)?(?:\s+(?:[A-Z][\w'’.-]*|and|of|&)){{0,5}}?\s+(?:{alternation(w.capitalize() for w in _PLACES['buildings'])})\b")
# "briefed while on vacation in Hawaii": where a person stayed, no place of the event
RE_NOT_EVENT_PLACE = re.compile(
    rf"\bon\s+(?:(?:an?|his|her|their|its|the)\s+)?(?:[\w-]+\s+)?(?:{alternation(_PLACES['stay_nouns'])})\s+(?:in|to)\s+(?:the\s+)?$",
    re.IGNORECASE)
# "flown to a hospital in Oklahoma City", "died in hospital in Y", "drove to USMD Medical
# Center in Arlington": the town where the hurt were treated, after a verb of treatment in
# the same clause; "a strike hit a hospital in Aleppo" keeps Aleppo
# (the first five letters of each treatment noun's first word: a plain substring test of
# the lower-cased window that spares most windows the pattern)
_TREATMENT_STEMS = tuple({w.split()[0][:5].lower() for w in _PLACES["treatment_nouns"]})
RE_TREATED_IN = re.compile(
    rf"\b(?:{alternation(_PLACES['treatment_verbs'])})\b[^,;:.!?]{{0,60}}?"
    rf"\b(?:to|in|at)\s+(?:(?:an?|the)\s+)?(?:[\w.'’-]+\s+){{0,4}}?(?:{alternation(_PLACES['treatment_nouns'])})"
    rf"\s+(?:in|at|of|near)\s+(?:the\s+)?$", re.IGNORECASE)
# "the Tel Aviv suburb of Petah Tikva", "Baghdad's western suburb of Abu Ghraib": the first
# name says where the second is, and is no place of its own
RE_MODIFIER = re.compile(rf"(?:['’]s(?:\s+[a-z][\w-]*){{0,2}})?\s+(?:{alternation(_PLACES['unit_nouns'])})\s+of\b",
                         re.IGNORECASE)


# ... a unit word of an address there ("Dogubeyazit district of Agri")
RE_UNIT_MODIFIER = re.compile(rf"\s+(?:{alternation(_PLACES['address_units'])})\s+of\b", re.IGNORECASE)


def _address(sent: Sentence, t, ctx: Context, fp: Footprints) -> Place | None:
    """The name with the address after it, read as one address; None when none follows."""
    m = RE_ADDRESS_TAIL.match(sent.text, t.end - sent.start)
    if not m or not (m["paren"] or m["commas"]):
        return None
    return fp.where(t.text + m.group(), Context(t.country or ctx.country, ctx.countries), (t.text, t.entry_id))


# "in Guma LGA", "in Kupwara district": a unit word right after a name the geoparser read as
# a town, in lower case or as an acronym ("Kalamazoo Department of Public Safety", "the
# Justice Department" name offices), and not before "of"
_ADDRESS_UNITS = _PLACES["address_units"]
RE_UNIT_RIGHT_AFTER = re.compile(
    rf"\s+(?P<unit>{alternation(_ADDRESS_UNITS)}|{alternation(u.upper() for u in _ADDRESS_UNITS if len(u) <= 4)})\b"
    rf"(?!\s+of\b)")


RE_IN_UNIT_BEFORE = re.compile(rf"(?:\b(?:in|at|across|throughout)\s+(?:the\s+)?|,\s*|\b(?:{alternation(_PLACES['in_unit_nouns'])})"
                               r"(?:\s*\([^()]*\))?\s+of\s+(?:the\s+)?)$")


def _unit_named(sent: Sentence, t, ctx: Context, fp: Footprints) -> Place | None:
    """The unit a town's name and a unit word after it name ("a village in Guma LGA"), in
    the town's province: its footprint, not the town's point; None when there is no such unit
    ("Beyazit district" of Istanbul is no disc around Doğubayazıt, far east)."""
    m = RE_UNIT_RIGHT_AFTER.match(sent.text, t.end - sent.start) if t.kind == "city" and t.admin1 else None
    # (where the text puts the event in the unit: not "north of Raqqa province", a part of it)
    if m is None or not RE_IN_UNIT_BEFORE.search(sent.text, max(0, t.start - sent.start - 40), t.start - sent.start):
        return None
    place = fp.where(f"{t.text} {m['unit']}", Context(t.country, ctx.countries))
    if place is None or place.where_prec not in (3, 4) or not place.toponyms:
        return None
    unit = place.toponyms[-1]
    # (a unit the gazetteer has, not a disc around a town of the name)
    return place if unit.kind in ("admin1", "admin2") and unit.admin1 == t.admin1 else None


def _apposed(sent: Sentence, t, following, ctx: Context, fp: Footprints) -> Place | None:
    """Where a name the gazetteer lacks lies, when the text says so right after it ("X,
    65 miles west of Harrisburg"): that relative footprint; None otherwise."""
    if t.kind != "fallback" or not following:
        return None
    u = following[0]
    m = RE_APPOSED.match(sent.text[t.end - sent.start:u.start - sent.start])
    if not m:
        return None
    phrase = f"{m['rel']}{m['dir']} {u.text}"
    return fp.where(phrase, Context(u.country or ctx.country, ctx.countries), (u.text, u.entry_id))


def _spelled_in(name: str, country: str, g: Gazetteer) -> list:
    """A country's places of this name, then of its transliteration skeleton ("Shaddadi"
    for Ash Shaddadah). No fuzzy spelling: its first use decodes every key (1.5 s)."""
    return [c for c in g.lookup(name, country, limit=5, fuzzy=False) + g.sounding(name, country, limit=5)
            if c.kind != "demonym"]


def _stateless(demonym) -> bool:
    """A demonym of a people or region ("Kurdish": the Kurdistan Region), not of a state."""
    return not re.fullmatch(r"demonym:[A-Z]{3}", demonym.entry_id or "")


def _in_country(name: str, country: str, fp: Footprints) -> Place | None:
    """A name the text puts in a country ("the Syrian city of Shaddadi") read there: that
    country's place of this name or skeleton, else the country itself; never a namesake abroad."""
    g = Gazetteer.default()
    local = _spelled_in(name, country, g)
    if local:
        return fp.where(name, Context(country, (country,)), (name, local[0].id))
    try:
        return fp.where(g.country(country).name, Context(country, (country,)))
    except KeyError:
        return None


RE_OWNER = re.compile(r"['’]s\s+")
RE_AIRPORT_AFTER = re.compile(r"\s+(?:international\s+)?airport\b")
# An airport named after its town lies this close to the town (km)
AIRPORT_KM = 40.0


def _airport_of(sent: Sentence, t, fp: Footprints, ctx: Context) -> Place | None:
    """ "Brussels airport": the town's airport when the gazetteer has one of that name
    near the town and it is the town's main one (in 2016 "Istanbul airport" was Atatürk,
    not the later İstanbul Airport); None otherwise."""
    if t.kind != "city" or not RE_AIRPORT_AFTER.match(sent.text, t.end - sent.start):
        return None
    main = _main_airport(t.text, t.country, t.lon, t.lat, Gazetteer.default().revision)
    if main is None:
        return None
    return fp.where(main[1], Context(t.country or ctx.country, ctx.countries), (main[1], main[0]))


@functools.lru_cache(maxsize=1024)
def _main_airport(name: str, country: str | None, lon: float, lat: float, revision: int) -> tuple[str, str] | None:
    """(id, name) of the airport "NAME airport" names: the town's main airport when it
    bears that name; remembered (per gazetteer ``revision``), as a story names its airport
    again and again."""
    g = Gazetteer.default()
    named = g.lookup(f"{name} Airport", country or None, kinds=["airport"], limit=5, fuzzy=False)
    main = next(iter(g.within(spatial.disc(lon, lat, AIRPORT_KM), kinds=["airport"])), None)
    if main is None or main.id not in {c.id for c in named}:
        return None
    return main.id, main.name


def _inside_town(part, whole) -> bool:
    """Is the reading of ``part`` a smaller place within the town or city ``whole`` (within
    the outer ring of its outskirts)?"""
    if part.kind not in ("city", "site") or whole.kind != "city":
        return False
    g = Gazetteer.default()
    a, b = g.get(part.entry_id), g.get(whole.entry_id)
    if a is None or b is None or a.population >= b.population:
        return False
    return distance_km(a.lon, a.lat, b.lon, b.lat) <= outskirts_reach_km(b)


# "in Aleppo, Idlib and Hama": a list of places, not a town and its province
RE_LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|or\b|&)")


# "On 29 April 2020, in Garanhuns, ...", "In Garanhuns, ...": the lead's "in" at the
# sentence's start or after its date
RE_LEAD_IN = re.compile(r"(?:^|,)\s*(?:in|In)\s+$")
# ... "in Aguililla municipality, Michoacan"
RE_LEAD_JOINT = re.compile(rf"(?:\s+(?:{alternation(_PLACES['address_units'])}))?\s*,\s*", re.IGNORECASE)


def _small_town(t) -> bool:
    entry = Gazetteer.default().get(t.entry_id)
    return (getattr(entry, "population", 0) or 0) <= VILLAGE_MAX_POPULATION


def _namesake_in_other_province(t, nxt, sent: Sentence) -> bool:
    """Is town ``t``, written "t, nxt", read in another province of its country than the
    province (or the town) ``nxt`` it is written with? Only for a place small enough to have
    namesakes (a city of millions before a province is a list), and not inside a list."""
    if not (t.admin1 and nxt.admin1 and t.admin1 != nxt.admin1) \
            or RE_LIST_GOES_ON.match(sent.text, nxt.end - sent.start):
        return False
    if t.kind != "city":
        return True         # a district's name the text calls a town: no town of that name here
    return _small_town(t)


def _lead_province(sent: Sentence, toponyms) -> tuple[object, str] | None:
    """The town and province of a sentence that opens on "in TOWN, PROVINCE," ("On 29 April,
    in Garanhuns, Pernambuco, ..."): the rest of the sentence happens there."""
    for t, nxt in zip(toponyms, toponyms[1:]):
        if t.kind == "city" and nxt.kind == "admin1" and t.admin1 == nxt.admin1 \
                and RE_LEAD_JOINT.fullmatch(sent.text, t.end - sent.start, nxt.start - sent.start) \
                and RE_LEAD_IN.search(sent.text[:t.start - sent.start]):
            return t, nxt.admin1
    return None


def _elsewhere(t, lead) -> bool:
    """Is ``t`` a village read in another province than the sentence's lead town's ("a man
    was shot in Varzea community" after "in Garanhuns, Pernambuco,": not the Varzea of
    another state)?"""
    town, province = lead
    # (a quarter, "Colonia del Valle", whatever its size: it is a part of the lead town)
    return t is not town and t.kind == "city" and t.country == town.country and bool(t.admin1) \
        and t.admin1 != province and (_small_town(t) or t.text.split()[0].lower() in QUARTER_PREFIXES)


def place_phrases(sent: Sentence, toponyms, ctx: Context, fp: Footprints) -> list[tuple[int, Place]]:
    """(position, Place) of the place phrases of a sentence (``toponyms``: the sentence's)."""
    written = address_phrases(sent, ctx, fp)
    out = [(a, place) for a, _, place in written]
    inner = None        # "the Crown Heights neighborhood of Brooklyn": Brooklyn is not the place
    lead = _lead_province(sent, toponyms) if len(toponyms) > 2 else None
    for k, t in enumerate(toponyms):
        if t is inner or any(a <= t.start < b for a, b, _ in written):
            continue
        if lead is not None and _elsewhere(t, lead):
            continue
        side = RE_SIDE_AFTER.match(sent.text, t.end - sent.start) if t.kind in ("country", "demonym") else None
        if side:            # "on the Pakistan side of the remote border region with Afghanistan"
            place = fp.where(f"the {t.text}{side.group()}", Context(t.country or ctx.country, ctx.countries))
            if place is not None:
                out.append((t.start, place))
                continue
        if t.kind in ("demonym",):
            continue
        apposed = _apposed(sent, t, toponyms[k + 1:k + 2], ctx, fp)
        if apposed is not None:
            out.append((t.start, apposed))
            continue
        modifier = RE_MODIFIER.match(sent.text, t.end - sent.start)
        if modifier:
            # "the Tel Aviv suburb of Petah Tikva": Tel Aviv names where the suburb is; but
            # "the Crown Heights neighborhood of Brooklyn" names the part, in Brooklyn: of
            # the two, the place is the one inside the other, the less populous
            whole = toponyms[k + 1] if k + 1 < len(toponyms) else None
            adjacent = whole is not None and not RE_OWNER.match(modifier.group()) \
                and sent.text[modifier.end():whole.start - sent.start].strip() in ("", "the")
            if adjacent and _inside_town(t, whole):
                place = fp.where(t.text, Context(t.country or ctx.country, ctx.countries), (t.text, t.entry_id))
                if place is not None:
                    out.append((t.start, place))
                    inner = whole
            elif adjacent and whole.kind in ("admin1", "admin2", "city") \
                    and RE_UNIT_MODIFIER.match(sent.text, t.end - sent.start):
                # "in Dogubeyazit district of Agri": the district, inside the province after it
                place = fp.where(f"{t.text}{modifier.group()} {whole.text}", Context(t.country or ctx.country, ctx.countries))
                if place is not None and place.where_prec <= 3:
                    out.append((t.start, place))
                    inner = whole
            continue
        owned = toponyms[k + 1] if k + 1 < len(toponyms) else None
        if owned is not None and owned.kind in SITE_KINDS \
                and RE_OWNER.fullmatch(sent.text, t.end - sent.start, owned.start - sent.start):
            continue        # "Istanbul's Ataturk airport": the airport is the place
        if RE_BUILDING_NAME.match(sent.text, t.end - sent.start):
            continue        # "High Point High School", "Bacha Khan University": a building's name
        if RE_NOT_EVENT_PLACE.search(sent.text, max(0, t.start - sent.start - 60), t.start - sent.start):
            continue        # "while on vacation in Hawaii"
        window = sent.text[max(0, t.start - sent.start - 140):t.start - sent.start]
        low = window.lower()
        if any(w in low for w in _TREATMENT_STEMS) and RE_TREATED_IN.search(window):
            continue        # "flown to a hospital in Oklahoma City": where the hurt were treated
        nxt = toponyms[k + 1] if k + 1 < len(toponyms) else None
        joint = RE_IN_UNIT.fullmatch(sent.text, t.end - sent.start, nxt.start - sent.start) if nxt is not None else None
        # (a name read as a district but called a town: "near Basira town in Deir-ez-Zor")
        town = t.kind == "city" or t.kind == "admin2" and RE_SETTLEMENT_AFTER.match(sent.text, t.end - sent.start)
        if town and nxt is not None and nxt.kind in ("admin1", "admin2", "city", "country") and t.country \
                and nxt.country and joint \
                and not RE_NAME_GOES_ON.match(sent.text, nxt.end - sent.start) \
                and (nxt.country != t.country or nxt.kind != "country" and _namesake_in_other_province(t, nxt, sent)):
            # "in El Ramie, Veracruz" with El Ramie read as a namesake abroad, "near Kamianka,
            # Donetsk" with Kamianka read in another oblast: the province named after it
            # says where; read as the address (the town there, else the province)
            head = f"{t.text} {joint['unit']}" if joint["unit"] else t.text
            place = fp.where(f"{head}, {nxt.text}", Context(nxt.country, ctx.countries))
            # a country only with the town found in it ("in Idlib, Turkey's ministry said")
            if place is not None and (nxt.kind != "country" or any(u.text == t.text for u in place.toponyms)):
                out.append((t.start, place))
                inner = nxt
                continue
        addressed = _address(sent, t, ctx, fp) or _unit_named(sent, t, ctx, fp)
        if addressed is not None:
            out.append((t.start, addressed))
            continue
        before = sent.text[:t.start - sent.start]
        # (the patterns only where the words just before could join a name to this one)
        joined = t.kind in ("admin1", "admin2", "city") and RE_JOINS_UNIT.search(before[-24:]) is not None \
            and not RE_NAME_GOES_ON.match(sent.text, t.end - sent.start)
        unread = RE_UNREAD_BEFORE_UNIT.search(before[-80:]) if joined else None
        verb_object = None if unread or not joined else RE_OBJECT_BEFORE_UNIT.search(before[-80:])
        unread = unread or verb_object
        at = t.start - len(before[-80:]) + unread.start("name") if unread else None
        if unread and not any(u.start <= at < u.end for u in toponyms):     # (not "in Ashford, Kent")
            # "located at Zamanly, Gadabay": a name the geoparser left unread, then its
            # province; read as the address it is (an unknown village gives the province)
            place = fp.where(f"{unread['name']}, {t.text}", Context(t.country or ctx.country, ctx.countries))
            # written "X in Y" or after a verb, only a place X found in Y counts ("at Excel
            # Industries in Hesston" names a plant); "X, Y" and "X (Y)" are addresses whatever X is
            if place is not None and (verb_object is None and unread.group().rstrip()[-1:] in (",", "(")
                                      or any(u.text == unread["name"] for u in place.toponyms)):
                out.append((at, place))
                continue
        if t.kind != "country" and RE_PASSIVE_AFTER.match(sent.text, t.end - sent.start) \
                and RE_SUBJECT_START.search(before):
            place = fp.where(t.text, Context(t.country or ctx.country, ctx.countries), (t.text, t.entry_id))
            if place is not None:
                out.append((t.start, place))
            continue
        unit = RE_UNIT_OF.search(before[-60:])
        if unit:            # "in the southern Yemeni city of Aden", "in the capital, Ouagadougou"
            ctx_t = Context(t.country or ctx.country, ctx.countries)
            start = t.start - len(before[-60:]) + unit.start()
            demonym = next((d for d in toponyms if d.kind == "demonym" and start <= d.start < t.start), None)
            country = demonym.country if demonym is not None else None
            noun = unit["unit"] or unit["bare"]
            if unit_kinds(noun):        # "in the province of Mardin": the province
                place = fp.where(f"the {noun} of {t.text}", ctx_t)
            elif country and country != t.country and not (t.kind == "city" and _stateless(demonym)):
                # "the Syrian city of Shaddadi"; but "the Kurdish town of Qamishli", whose
                # demonym names no state the town is in, keeps the town's own reading (below)
                place = _in_country(t.text, country, fp)
            else:
                place = fp.where(t.text, ctx_t, (t.text, t.entry_id))
            if place is not None:
                out.append((t.start, place))
            continue
        m = RE_PLACE_PREFIX.search(before[-80:])
        owner = toponyms[k - 1] if k else None
        if not m and owner is not None and RE_OWNER.fullmatch(sent.text, owner.end - sent.start, t.start - sent.start):
            # "at Istanbul's Ataturk airport": the place phrase goes on past the town's name
            m = RE_PLACE_PREFIX.search(sent.text[:owner.start - sent.start][-80:])
        airport = _airport_of(sent, t, fp, ctx)
        if airport is not None:
            # "at Brussels airport", "the departure hall of Brussels airport": the airport,
            # not the city's centre; a town's airport says where, whatever word comes before
            out.append((t.start, airport))
            continue
        if not m:
            continue
        prev = toponyms[k - 1] if k else None
        if prev is not None and prev.kind in ("city", "admin2") and RE_COUNTRYSIDE_OF.search(m.group()) \
                and RE_IN_UNIT.fullmatch(sent.text, prev.end - sent.start, t.start - sent.start):
            continue        # "Basira in the eastern countryside of Deir ez-Zor": only where Basira is
        after = sent.text[t.end - sent.start:]
        # "hit the US military base": after a verb, a name followed by a lower-case word
        # qualifies that word; it is not where the event was
        nxt = re.match(r"\s+([a-z]+)", after)
        if RE_VERB_OBJECT.search(m.group()) and nxt and nxt.group(1) not in _FUNCTION_WORDS \
                and nxt.group(1) not in _PLACES["unit_nouns"] and not nxt.group(1).endswith(("ing", "ed")):
            continue
        suffix = RE_PLACE_SUFFIX.match(after)
        phrase = (m.group() + t.text + (suffix.group() if suffix else "")).strip()
        phrase = RE_LEADING_WORD.sub("", RE_TARGET_OF.sub("", phrase))
        phrase = RE_DESCRIBING.sub("", phrase)          # "the nearby Siirt province": Siirt province
        part = RE_POSSESSIVE_PART.match(after)
        if part and t.kind in ("country", "admin1"):
            phrase = f"{part['dir']} {t.text}"      # "in Pakistan's troubled northwest"
        place = fp.where(phrase, Context(t.country or ctx.country, ctx.countries), (t.text, t.entry_id))
        if place is not None:
            out.append((t.start, place))
    if written:
        # a sentence that writes out an address names the country of its events: a town the
        # geoparser read abroad in it is a misreading ("Hamar Weyne police station in
        # Mogadishu-Hamar Weyne district (...)" is no Hamar in Norway)
        # (an address whose unit the gazetteer has by name: not a disc around a namesake town)
        home = {p.country for _, _, p in written if p.country and any(t.kind in ("admin1", "admin2") for t in p.toponyms)}
        kept = {id(p) for _, _, p in written}
        out = [(a, p) for a, p in out if id(p) in kept or not p.country or not home or p.country in home]
    return out


# "the Sayeda Zeinab district", "the Karada area": a part of a town named before its unit noun
RE_NAMED_PART = re.compile(rf"\bthe\s+(?P<name>(?:[A-Z][\w'’-]*\s+){{1,3}}?)(?:{alternation(_PLACES['part_nouns'])})\b")


def part_phrases(sent: Sentence, toponyms, ctx: Context, fp: Footprints) -> list[tuple[int, Place]]:
    """Parts of a town the geoparser did not read ("the Sayeda Zeinab district south of
    Damascus"): looked up exactly, then by transliteration skeleton, in the country of the
    sentence's places (else the context's), and kept only near one of those places."""
    out = []
    g = Gazetteer.default()
    for m in RE_NAMED_PART.finditer(sent.text):
        start, name = sent.start + m.start("name"), m["name"].strip()
        if any(t.start <= start < t.end for t in toponyms):
            continue        # the geoparser read it
        # the towns of the sentence, nearest in the text first ("south of Damascus", not
        # the dateline's Beirut)
        near = sorted((t for t in toponyms if t.kind in ("city", "admin2", "site") and t.country),
                      key=lambda t: abs(t.start - start))
        countries = list(dict.fromkeys([t.country for t in near] or ([ctx.country] if ctx.country else [])))
        for country in countries:
            found = [c for c in _spelled_in(name, country, g)
                     if any(distance_km(c.lon, c.lat, t.lon, t.lat) <= PART_KM for t in near)]
            if found:
                place = fp.where(name, Context(country, (country,)), (name, found[0].id))
                if place is not None:
                    out.append((start, place))
                break
    return out


@functools.lru_cache(maxsize=4096)
def _neighbours(a: str, b: str) -> bool:
    """Do two countries (ISO2) share a land border? (As geo.where reads "the X–Y border".)"""
    g = Gazetteer.default()
    try:
        return a != b and not spatial.shared_boundary(g.country(a).footprint, g.country(b).footprint).is_empty
    except KeyError:
        return False


def _whose_border(named: list[str], ctx: Context) -> Context:
    """Whose border a bare "the border" is: the last country placed and a neighbour of it
    the document names; when it has none there, the first country of the sentence
    ("Turkish artillery shelled ... across the border") with a neighbour in the document;
    the context as it is when none has one (all the land borders of the last country)."""
    if ctx.country and any(_neighbours(ctx.country, b) for b in ctx.countries):
        return ctx
    for a in dict.fromkeys(named + ([ctx.country] if ctx.country else [])):
        for b in dict.fromkeys(([ctx.country] if ctx.country else []) + list(ctx.countries)):
            if _neighbours(a, b):
                return Context(a, (b,) + tuple(c for c in ctx.countries if c != b))
    return ctx


def border_phrases(sent: Sentence, ctx: Context, fp: Footprints, named: list[str] = ()) -> list[tuple[int, Place]]:
    """The border phrases of a sentence; ``named``: the countries the sentence names or
    implies by a demonym, in order."""
    out = []
    for m in RE_BORDER.finditer(sent.text):
        place = fp.where(m.group(), _whose_border(list(named), ctx))
        if place is not None:
            out.append((sent.start + m.start(), place))
    return out


# ---------------------------------------------------------------- incidents

# Two points closer than this are one place (a site and the town around it).
POINT_KM = 5.5


def _extent_km(p: Place) -> float:
    """How far from its point a place named by a town's name reaches (``outskirts_reach_km``);
    other points, POINT_KM."""
    if p.kind == "named" and len(p.toponyms) == 1 and p.toponyms[0].kind == "city":
        c = Gazetteer.default().get(p.toponyms[0].entry_id)
        if c is not None:
            return max(POINT_KM, outskirts_reach_km(c))
    return POINT_KM


def footprints_overlap(a: Place, b: Place) -> bool:
    """Do two footprints share ground? Neighbours that only touch (Syria, Iraq) do not;
    a point just off a simplified coast does."""
    ga, gb = a.geometry, b.geometry
    if ga.geom_type == "Point" and gb.geom_type == "Point":
        # a city's point stands for its whole built-up area, whose sites (its airport, a
        # base) are in it: "the attack in Istanbul" and "the attack at Ataturk airport";
        # two towns are two places however near
        km = max(_extent_km(a) if is_site(b) else POINT_KM, _extent_km(b) if is_site(a) else POINT_KM)
        return distance_km(ga.x, ga.y, gb.x, gb.y) < km
    if ga.geom_type == "Point" or gb.geom_type == "Point":
        return ga.distance(gb) * spatial.KM_PER_DEGREE < POINT_KM
    if not ga.intersects(gb):
        return False
    # Simplified outlines of neighbours overlap in slivers: ask for a real share.
    return ga.intersection(gb).area > OVERLAP_SHARE * min(ga.area, gb.area)


class Footprints:
    """The footprints of one text: each place phrase read once, each pair of footprints
    compared once. A long text names the same few places again and again; reading and
    intersecting them anew every time was most of its cost."""

    def __init__(self):
        self._read: dict = {}
        self._compared: dict[tuple[int, int], bool] = {}
        self._held: dict[int, Place] = {}      # the places compared, so that their ids stay theirs

    def where(self, phrase: str, ctx: Context, resolved: tuple[str, str] | None = None) -> Place | None:
        """``where(phrase)`` in ``ctx``, ``resolved`` the (name, entry id) the geoparser chose;
        None when it names no place."""
        key = (phrase, ctx, resolved)
        if key not in self._read:
            try:
                self._read[key] = where(phrase, context=ctx, resolved=dict([resolved]) if resolved else None)
            except PlaceNotFound:
                self._read[key] = None
        return self._read[key]

    def overlaps(self, a: Place, b: Place) -> bool:
        key = (id(a), id(b))
        if key not in self._compared:
            self._held[id(a)], self._held[id(b)] = a, b
            self._compared[key] = footprints_overlap(a, b)
        return self._compared[key]


def consistent(places: list[Place], fp: Footprints, positions: list[int] = (), cue_end: int | None = None) -> list[Place]:
    """The places of one mention (at ``positions`` in the text), or, when they contradict
    each other, the first after the event word (ending at ``cue_end``) alone: the phrase
    right after it governs it ("shot two men outside the mall in Bethesda, ... near the
    suspect's home in Baltimore"); with none after it ("only in Syria and not in Iraq ...
    an attack"), which one the event is in is unknown."""
    for a in places:
        for b in places:
            if a is not b and not fp.overlaps(a, b):
                after = [p for p, pos in zip(places, positions) if cue_end is not None and pos >= cue_end]
                return after[:1]
    return places


RE_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2}))?"
    # "CHARSADDA, Pakistan/ISLAMABAD": filed from two towns, the first is the story's
    r"(?:/[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+){0,3})?\s*(?:\([A-Za-z .]+\)\s*)?"
    r"(?:[-—–:]+\s*|\s+(?=[A-Z0-9][a-z0-9 '’-]))", re.MULTILINE)


RE_STAMP_LINE = re.compile(r"\s*[^\n]{0,100}?(?:\b\d{1,2}:\d\d\b|\bupdated\b|\bposted\b|\bpublished\b)[^\n]{0,60}\n\s*",
                           re.IGNORECASE)


def dateline(text: str, fp: Footprints) -> Place | None:
    """The town of a wire dateline ("BASRA, Iraq —", "PARIS (Reuters) -"): where the
    reporter filed from, a prior for events the text places nowhere, never a place by itself."""
    # past a time stamp line first ("Last Updated Feb 24, 2016 9:16 PM EST")
    stamp = RE_STAMP_LINE.match(text)
    m = RE_DATELINE.match(text, stamp.end() if stamp else 0)
    if not m:
        return None
    name = " ".join(w.capitalize() for w in m["place"].split())
    place = fp.where(name + (f", {m['region']}" if m["region"] else ""), Context())
    return place if place is not None and place.where_prec <= 2 and place.kind == "named" else None


def main_town(toponyms, country: str | None, fp: Footprints) -> Place | None:
    """The town the article names most often in ``country`` (the dateline's, else the focus)."""
    towns = Counter((t.text, t.entry_id) for t in toponyms if t.kind == "city" and (not country or t.country == country))
    for (name, entry), _ in towns.most_common(1):
        return fp.where(name, Context(country), (name, entry))
    return None


def near_town(town: Place, why: str, fp: Footprints) -> Place | None:
    """A town's surroundings as the footprint of an event the text places nowhere finer
    than the country: an honest area (within ~25 km), said so in explain()."""
    t = town.toponyms[-1] if town.toponyms else None      # the narrowest part of "Basra, Iraq"
    near = fp.where(f"near {t.text if t else town.expression}", Context(town.country),
                    (t.text, t.entry_id) if t else None)
    if near is None:
        return None
    return replace(near, how=f"no place named for it finer than the country; {why}: {near.how}")


# "... observed 14 explosions near Sokilnyky.": a name after a preposition of place that the
# geoparser left unread (one word, one mention, a village's low prior), sought only for an
# event the text places nowhere else
# (an Arabic article may open a later word: "Wadi al-Rabi")
_UNREAD = (rf"\b(?i:{alternation(_PLACES['unread_locatives'])})\s+(?:the\s+)?(?P<name>[A-Z][\w'’-]*"
           rf"(?:[\s-]+(?:(?:{alternation(ARTICLES)})-)?[A-Z][\w'’-]*)")
RE_UNREAD_NAME = re.compile(_UNREAD + "{0,3})")


# "... located at Zamanly, Gadabay", "shelled Sfuhen in the southern countryside of Idleb":
# a preposition of place or a verb whose object is a place, a capitalised name, then the
# province, district or town the geoparser read, after a comma or "in"
_IN_UNIT = r"(?:,\s*|\s+(?:(?:town|city|village)\s+)?in\s+(?:the\s+)?(?:(?:[\w-]+\s+)?countryside\s+of\s+)?)"
# ... and, after a name the geoparser read, its province in brackets or a country with a
# bearing: "Hays city (Al Hudaydah)", "Hays district in western Yemen"
_BEARING = rf"(?:{_BEARING_WORD}\s+)?"
RE_IN_UNIT = re.compile(rf"{_IN_UNIT}|\s+(?:(?:town|city|village|district|area)\s+)?(?:\(|in\s+(?:the\s+)?{_BEARING})"
                        # "Ahmadabad district, Paktia": the unit word is the head's
                        rf"|\s+(?P<unit>{alternation(_PLACES['address_units'])}),\s*")
RE_SETTLEMENT_AFTER = re.compile(r"\s+(?:town|city|village)\b")
# "(Mayo-Sava, ...)", "(Ceel Buur, ...)": the geoparser read part of a longer name
RE_NAME_GOES_ON = re.compile(r"-|\s+[A-Z]")
RE_JOINS_UNIT = re.compile(r"(?:,|\bin|\bof|\()\s*$")
RE_UNREAD_BEFORE_UNIT = re.compile(_UNREAD + r"{0,2})" + rf"(?:{_IN_UNIT}|\s+\()$")
RE_OBJECT_BEFORE_UNIT = re.compile(
    rf"\b(?i:{alternation(_PLACES['unread_place_verbs'])})\s+(?P<name>[A-Z][\w'’-]*(?:[\s-]+[A-Z][\w'’-]*){{0,2}})"
    + _IN_UNIT + "$")


def _by_the_front(name: str, theatre, country: str | None, fp: Footprints) -> Place | None:
    """ "near X" for the namesake of X by the theatre's front line, if it has one."""
    village = theatre.by_the_front(name, Gazetteer.default()) if theatre else None
    if village is None or country not in (None, village.country):
        return None
    return fp.where(f"near {name}", Context(village.country), (name, village.id))


def _near_in_units(name: str, units, country: str | None, fp: Footprints) -> Place | None:
    """ "near X" for the namesake of X inside the first of ``units`` that has one."""
    for unit in units:
        inside = fp.where(f"{name}, {unit}", Context(country))
        village = next((t for t in inside.toponyms if t.text == name), None) if inside is not None else None
        if village is not None and inside.where_prec <= 1:
            return fp.where(f"near {name}", Context(country), (name, village.entry_id))
    return None


# "near X", "close to X": an unknown X by the front is somewhere in the front's zone
RE_NEAR = re.compile(r"(?i:near|close\s+to)\b")


def unread_place(sentences, country: str | None, fp: Footprints, units: list[str] = (), theatre=None) -> Place | None:
    """Where an event is that the text places no finer than ``country`` (or nowhere): the
    last name after a preposition of place in its sentences that geo.where reads as a town or
    a village (in ``country`` when one is known; by the front of the named actors' ``theatre``
    when it has one and a namesake lies there, else in one of the provinces ``units``, the
    theatre's, when it has a namesake there), as "near X" (where_prec 2: the reading of a name
    the geoparser was not sure of is no exact point)."""
    unknown = None
    for text in reversed(sentences):
        for m in reversed(list(RE_UNREAD_NAME.finditer(text))):
            for name in _site_towns(m["name"]):
                near = _by_the_front(name, theatre, country, fp) or _near_in_units(name, units, country, fp) \
                    or fp.where(f"near {name}", Context(country))
                if near is not None and near.where_prec <= 2 and (country is None or near.country == country):
                    return replace(near, how=f"a name the geoparser left unread, after a preposition of place: {near.how}")
                if near is None and unknown is None and name == m["name"] and RE_NEAR.match(m.group()):
                    unknown = name
    return _front_zone(unknown, theatre, country) if unknown is not None else None


def _front_zone(name: str, theatre, country: str | None) -> Place | None:
    """ "near X" for a village X the gazetteer lacks, in a text whose actors fight along a
    front line ("the OSCE SMM observed ... near Trudovskiye"): the front's zone, as a border
    area is drawn (where_prec 5), never a point."""
    zone = theatre.front_zone() if theatre else None
    if zone is None:
        return None
    # (the theatre's country: its admin-1 codes start with it, "UA-14")
    home = next((u.split("-")[0] for u in sorted(theatre.area) if "-" in u), None)
    if country not in (None, home):
        return None
    lon, lat = spatial.representative_point(zone)
    return Place(f"near {name}", zone, lat, lon, 5, 3, "near", home,
                 how=f"village {name!r} not in the gazetteer; the actors' front line, within its reach")


# "Zolote-5": a numbered part of a town
RE_NUMBERED = re.compile(r"^(?P<town>.+?)-\d+$")


def _site_towns(name: str) -> list[str]:
    """The name, then the town a site or a numbered part is named after: "Donetsk Filtration
    Station" is at Donetsk, "Zolote-5" is part of Zolote."""
    out = [name]
    words = name.split()
    if len(words) > 1 and words[-1].lower() in SITE_NAME_TAILS:
        out += [" ".join(words[:k]) for k in range(len(words) - 1, 0, -1)]
    numbered = RE_NUMBERED.match(name)
    if numbered:
        out.append(numbered["town"])
    return out


def focus_place(countries: tuple[str, ...], g) -> Place | None:
    """The country the document places events in most often: an incident whose text
    names no place is coded to it, as a whole country (where_prec 6), never as a point."""
    for iso2 in countries:
        try:
            return where(g.country(iso2).name)
        except (KeyError, PlaceNotFound):
            continue
    return None
