"""Villages of conflict-affected countries (Who's On First localities) in the embedded
gazetteer.

Coordinates are checked against general knowledge of the places, not against any
coded event data.
"""

from __future__ import annotations

import json
import math

import pytest

import geo
from gazetteer import Gazetteer, settings


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer()


def _km(lat1, lon1, lat2, lon2) -> float:
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


@pytest.mark.parametrize("name, lat, lon", [
    ("Zamalka", 33.52, 36.36),      # eastern Ghouta, Rif Dimashq
    ("Khan Tuman", 36.12, 37.07),   # south-west of Aleppo city
])
def test_syrian_village_is_found_at_its_place(g, name, lat, lon):
    found = g.lookup(name, country="SY", fuzzy=False)
    assert found, f"nothing for {name!r}"
    assert found[0].kind == "city"
    assert _km(lat, lon, found[0].lat, found[0].lon) <= 5.0


def test_a_village_absent_from_geonames_towns_comes_from_who_s_on_first(g):
    village = g.lookup("Zamalka", country="SY", fuzzy=False)[0]
    assert village.id.startswith("wof:")
    assert village.admin1 == "SY-RD"     # Rif Dimashq


def test_a_village_is_found_by_its_alternate_spelling(g):
    # GeoNames writes Tayr Ma`lah (north of Homs); news writes Teir Maaleh.
    plain = g.lookup("Tayr Malah", country="SY", fuzzy=False)[0]
    news = g.lookup("Teir Maaleh", country="SY", fuzzy=False)[0]
    assert news.id == plain.id and news.grade == 1
    assert _km(34.80, 36.71, news.lat, news.lon) <= 5.0


def test_a_known_town_ranks_above_a_same_named_village(g):
    # Al Bab: a Syrian town of some 60,000 (GeoNames) and villages of that name elsewhere.
    found = g.lookup("Al Bab", fuzzy=False, limit=50)
    kinds = [(c.id.split(":")[0], c.country) for c in found]
    assert kinds[0] == ("gn", "SY")
    villages = [c for c in found if c.id.startswith("wof:")]
    assert villages and all(v.score < found[0].score for v in villages)


def test_a_village_never_outranks_a_geonames_town_of_its_name(g):
    # Al Ghizlaniyah: a GeoNames town in Syria whose population GeoNames lacks, and a
    # Who's On First village of unknown size in Iraq.
    found = g.lookup("Al Ghizlaniyah", fuzzy=False)
    assert [(c.id.split(":")[0], c.country) for c in found[:2]] == [("gn", "SY"), ("wof", "IQ")]
    assert found[0].score > found[1].score


@pytest.mark.parametrize("name", ["Douma", "Al Bab", "Qusayr", "Hama"])
def test_villages_rank_below_every_town_with_a_known_population(g, name):
    found = g.lookup(name, fuzzy=False, limit=200)
    towns = [c.score for c in found if c.id.startswith("gn:") and c.population >= 500]
    villages = [c.score for c in found if c.id.startswith("wof:")]
    assert towns and villages
    assert max(villages) < min(towns)


def test_the_district_gives_way_to_the_village_in_an_address():
    place = geo.where("Teir Maaleh village, Ar Rastan district, Homs Governorate, Syria")
    pt = place.geometry.representative_point()
    assert _km(34.80, 36.71, pt.y, pt.x) <= 5.0


def test_the_manifest_records_each_who_s_on_first_repository_and_commit():
    manifest = json.loads((settings.data_dir() / "MANIFEST.json").read_text())
    repos = manifest["repositories"]
    assert repos["whosonfirst-sy"]["repository"] == "whosonfirst-data/whosonfirst-data-admin-sy"
    assert all(len(r["commit"]) == 40 for r in repos.values())
    assert manifest["by_source"]["whosonfirst"] > 100_000


def test_a_transliteration_the_gazetteer_does_not_spell_is_found_by_its_skeleton():
    from gazetteer import Gazetteer

    g = Gazetteer.default()
    assert g.lookup("Bayanoon", country="SY", fuzzy=False) == []      # no entry spells it so
    found = g.sounding("Bayanoon", country="SY")                        # Biyanun, north of Aleppo
    assert found[0].match == "skeleton" and abs(found[0].lat - 36.34) < 0.05 and abs(found[0].lon - 37.05) < 0.05
    assert len({c.id for c in found}) == len(found)
