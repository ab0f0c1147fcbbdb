"""Second-level units (districts, sub-districts, raions) in the embedded gazetteer.

Coordinates checked against general knowledge of the places, not against any coded
event data.
"""

from __future__ import annotations

import pytest
import shapely

from gazetteer import Gazetteer, shapes


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer()


def _first(g, name, **kw):
    found = g.lookup(name, fuzzy=False, **kw)
    assert found, f"nothing for {name!r}"
    return found[0]


def test_syrian_district_is_a_polygon_holding_its_town(g):
    unit = _first(g, "Ar Rastan district", country="SY")
    town = _first(g, "Ar Rastan", country="SY", kinds=["city"])
    assert unit.kind == "admin2" and unit.has_shape
    assert unit.country == "SY" and unit.admin1 == "SY-HI"  # Homs governorate
    assert shapes.footprint(unit.id).covers(shapely.Point(town.lon, town.lat))


def test_district_word_forms_all_find_the_unit(g):
    ids = {_first(g, form, country="SY").id for form in
           ("Ar Rastan district", "Ar-Rastan sub-district", "Ar Rastan subdistrict", "nahiya of Ar Rastan")}
    assert len(ids) == 1


def test_raion_word_finds_a_ukrainian_unit(g):
    unit = _first(g, "Bakhmutska municipality", country="UA")
    assert unit.kind == "admin2"
    # Bakhmut, Donetsk oblast: 48.6 N, 38.0 E.
    assert abs(unit.lat - 48.6) < 0.4 and abs(unit.lon - 38.0) < 0.5


def test_a_town_ranks_above_its_same_named_unit(g):
    found = g.lookup("Ar Rastan", fuzzy=False, country="SY")
    kinds = [c.kind for c in found]
    assert kinds.index("city") < kinds.index("admin2")


def test_units_rank_below_towns_everywhere(g):
    # "Kandahar": the city first, then its district, in the unit's own country.
    found = g.lookup("Kandahar", fuzzy=False, country="AF")
    assert found[0].kind == "city"
    assert "admin2" in [c.kind for c in found]


def test_a_name_shared_by_two_countries_is_two_units(g):
    # Bara: a district of North Kordofan (Sudan, ~13.7 N 30.4 E) and a commune of Mali.
    units = g.lookup("Bara", kinds=["admin2"], fuzzy=False)
    by_country = {c.country: c for c in units}
    assert {"SD", "ML"} <= set(by_country)
    sudan = by_country["SD"]
    assert abs(sudan.lat - 13.7) < 1.0 and abs(sudan.lon - 30.4) < 1.0
    for c in units:
        assert g.country_at(c.lat, c.lon).country == c.country


def test_each_unit_point_lies_in_its_polygon(g):
    for name in ("Ar-Rastan", "Kandahar", "Mosul"):
        for c in g.lookup(name, kinds=["admin2"], fuzzy=False):
            assert shapes.footprint(c.id).buffer(0.05).covers(shapely.Point(c.lon, c.lat))


def test_admin2_point_in_polygon_finds_the_district(g):
    # Palmyra (Tadmur), Homs governorate: 34.56 N, 38.27 E.
    found = shapes.locate("admin2", 38.27, 34.56)[0]
    assert found is not None
    unit = g.get(found)
    assert unit.country == "SY" and unit.admin1 == "SY-HI"


@pytest.mark.parametrize("name, lat, lon", [
    ("Ein Issa", 36.39, 38.86),   # Raqqa governorate, north of Raqqa
    ("Arbin", 33.54, 36.37),      # Eastern Ghouta, east of Damascus
])
def test_a_syrian_place_missing_from_geonames_towns_is_found_as_its_sub_district(g, name, lat, lon):
    syrian = [c for c in g.lookup(name, fuzzy=False) if c.country == "SY"]
    assert syrian and syrian[0].kind == "admin2"
    assert abs(syrian[0].lat - lat) < 0.15 and abs(syrian[0].lon - lon) < 0.15
    assert shapes.footprint(syrian[0].id).buffer(0.02).covers(shapely.Point(lon, lat))
