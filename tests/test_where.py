"""geo.where: vague and relative place expressions as footprints, on real geometry."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import shapely
import shapely.ops
from pyproj import Geod
from shapely.geometry import Point

import geo
from geo import PlaceNotFound
from geo import spatial

GEOD = Geod(ellps="WGS84")

# Reference points (lat, lon) from public gazetteers.
TAJI_AIRFIELD = (33.524, 44.257)
BALAD_AIR_BASE = (33.940, 44.362)
HILLAH = (32.48, 44.42)
RAMADI = (33.42, 43.31)
KUT = (32.50, 45.82)
KIRKUK = (35.47, 44.39)
DEIR_EZ_ZOR = (35.336, 40.141)
AL_MAYADIN = (35.021, 40.453)
ABU_KAMAL = (34.452, 40.918)
DAMASCUS = (33.513, 36.292)
ALEPPO = (36.202, 37.161)
HOMS = (34.727, 36.723)
PALMYRA = (34.560, 38.267)
RAQQA = (35.953, 39.008)
ERBIL = (36.191, 44.009)
MOSUL = (36.335, 43.119)
DUHOK = (36.867, 42.988)
BAGHDAD = (33.341, 44.401)
BASRA = (30.508, 47.783)


def inside(place, latlon) -> bool:
    return place.geometry.covers(Point(latlon[1], latlon[0]))


def test_north_of_baghdad_holds_taji_and_balad_only():
    p = geo.where("north of Baghdad")
    assert inside(p, TAJI_AIRFIELD) and inside(p, BALAD_AIR_BASE)
    for town in (HILLAH, RAMADI, KUT, KIRKUK):
        assert not inside(p, town), town


def test_eastern_syria():
    p = geo.where("eastern Syria")
    for town in (DEIR_EZ_ZOR, AL_MAYADIN, ABU_KAMAL):
        assert inside(p, town), town
    for town in (DAMASCUS, ALEPPO, HOMS, PALMYRA):
        assert not inside(p, town), town


def test_northern_iraq():
    p = geo.where("northern Iraq")
    for town in (ERBIL, MOSUL, DUHOK):
        assert inside(p, town), town
    for town in (BAGHDAD, BASRA):
        assert not inside(p, town), town


def test_the_syria_iraq_border_is_a_band_around_the_shared_line():
    p = geo.where("the Syria–Iraq border")
    assert p.geometry.geom_type in ("Polygon", "MultiPolygon")
    line = spatial.shared_boundary(geo.where("Syria").geometry, geo.where("Iraq").geometry)
    assert 550 <= spatial.length_km(line) <= 630
    assert p.geometry.covers(line)
    nearest = shapely.ops.nearest_points(line, Point(ABU_KAMAL[1], ABU_KAMAL[0]))[0]
    assert spatial.distance_km(nearest.x, nearest.y, ABU_KAMAL[1], ABU_KAMAL[0]) < 10


@pytest.mark.parametrize("expr", ["the Syria-Iraq border", "the Iraq–Syria border", "the Syrian-Iraqi border",
                                  "the border between Syria and Iraq"])
def test_border_spellings_agree(expr):
    a = geo.where(expr).geometry
    b = geo.where("the Syria–Iraq border").geometry
    assert a.symmetric_difference(b).area < 0.01 * b.area


def test_eastern_syria_along_the_border():
    p = geo.where("eastern Syria along the Syria–Iraq border")
    assert p.kind == "intersection"
    assert inside(p, ABU_KAMAL)
    for town in (DEIR_EZ_ZOR, RAQQA, DAMASCUS):
        assert not inside(p, town), town
    # the band is clipped to the Syrian side
    assert not inside(p, (34.38, 41.02))   # Husaybah, Iraq


def test_twenty_km_west_of_mosul():
    p = geo.where("20 km west of Mosul")
    mosul = geo.where("Mosul")
    lon, lat, _ = GEOD.fwd(mosul.lon, mosul.lat, 270, 20_000)
    assert spatial.distance_km(p.lon, p.lat, lon, lat) < 3
    assert not p.geometry.covers(mosul.point)


@pytest.mark.parametrize("expr,where_prec", [
    ("Erbil International Airport", 1), ("20 km west of Mosul", 2), ("Anbar governorate", 4),
    ("eastern Syria", 5), ("the Syria–Iraq border", 5), ("Syria", 6), ("the Persian Gulf", 7),
    ("Deir ez-Zor province", 4), ("Taji", 1), ("just north of Mosul", 2), ("north of Baghdad", 5),
])
def test_where_prec(expr, where_prec):
    assert geo.where(expr).where_prec == where_prec


def test_named_features_are_points_or_their_polygons():
    assert geo.where("Erbil International Airport").geometry.geom_type == "Point"
    anbar = geo.where("Anbar governorate")
    assert anbar.geometry.geom_type in ("Polygon", "MultiPolygon") and inside(anbar, RAMADI)


def test_part_of_a_region_with_a_context_country():
    p = geo.where("the north of the country", context="IQ")
    q = geo.where("northern Iraq")
    assert p.geometry.symmetric_difference(q.geometry).area < 1e-6
    with pytest.raises(PlaceNotFound, match="context country"):
        geo.where("the north of the country")


def test_southwest_yemen_and_central_gaza():
    sw = geo.where("southwest Yemen")
    assert inside(sw, (13.58, 44.02))          # Taiz
    assert not inside(sw, (14.54, 49.12))      # Mukalla, on the south-east coast
    assert not inside(sw, (16.94, 43.76))      # Saada, in the north-west
    central = geo.where("central Gaza")
    assert inside(central, (31.42, 34.35))     # Deir al-Balah
    assert not inside(central, (31.29, 34.25))  # Rafah


def test_just_north_is_narrower_than_north():
    assert geo.where("just north of Mosul").geometry.area < geo.where("north of Mosul").geometry.area


def test_about_120_miles_north():
    p = geo.where("about 120 miles north of Baghdad")
    b = geo.where("Baghdad")
    assert abs(spatial.distance_km(p.lon, p.lat, b.lon, b.lat) - 193.1) < 1
    assert p.where_prec == 5   # ±58 km is no longer "within 25 km of a place"


def test_distance_without_direction_is_a_ring():
    p = geo.where("30 km from Raqqa")
    r = geo.where("Raqqa")
    assert not p.geometry.covers(r.point)
    due_east = GEOD.fwd(r.lon, r.lat, 90, 30_000)
    assert p.geometry.covers(Point(due_east[0], due_east[1]))


def test_outskirts_and_near():
    out = geo.where("on the outskirts of Aleppo")
    assert not inside(out, ALEPPO)
    near_site = geo.where("near Taji")
    near_city = geo.where("near Baghdad")
    assert spatial.area_km2(near_site.geometry) < spatial.area_km2(near_city.geometry)
    assert inside(near_city, BAGHDAD) and near_city.where_prec == 2


def test_the_area_of_a_town_is_around_it_not_its_point():
    # "the Baghdad area", "a Baghdad-area hospital": the area around the town, as "near"
    for phrase in ("the Baghdad area", "Baghdad-area", "the Baghdad metropolitan area"):
        p = geo.where(phrase)
        assert p.geometry.geom_type == "Polygon" and inside(p, BAGHDAD) and p.where_prec == 2, phrase
        assert spatial.area_km2(p.geometry) == pytest.approx(spatial.area_km2(geo.where("near Baghdad").geometry))
    assert geo.where("Baghdad").geometry.geom_type == "Point"


def test_near_a_border_with_a_context_country():
    p = geo.where("near the Iraqi border", context="SY")
    assert inside(p, ABU_KAMAL) and not inside(p, DAMASCUS)
    along = geo.where("along the border", context={"country": "SY", "countries": ["IQ"]})
    assert inside(along, ABU_KAMAL)
    assert spatial.area_km2(along.geometry) < spatial.area_km2(p.geometry)


def test_province_near_the_border_intersects():
    p = geo.where("Deir ez-Zor province near the border", context={"countries": ["IQ"]})
    assert p.kind == "intersection" and inside(p, ABU_KAMAL) and not inside(p, DEIR_EZ_ZOR)


def test_empty_intersection_falls_back_and_says_so():
    p = geo.where("northern Iraq, near Basra")
    assert "empty" in p.explain() and inside(p, BASRA)


def test_toponyms_keep_offsets_into_the_expression():
    expr = "eastern Syria along the Syria–Iraq border"
    p = geo.where(expr)
    assert [(expr[t.start:t.end], t.entry_id) for t in p.toponyms] == [
        ("Syria", "country:SYR"), ("Syria", "country:SYR"), ("Iraq", "country:IRQ")]


def test_footprints_are_valid_and_on_earth():
    for expr in ("north of Baghdad", "eastern Syria", "the Syria–Iraq border", "20 km west of Mosul",
                 "southwest Yemen", "on the outskirts of Aleppo", "northern Russia", "eastern Fiji"):
        g = geo.where(expr).geometry
        assert g.is_valid and not g.is_empty, expr
        minx, miny, maxx, maxy = g.bounds
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90, expr


@pytest.mark.parametrize("expr", ["nowhere-land", "", "north of", "the border", "20 km west of Qqxzv"])
def test_unknown_or_unparseable_raises_place_not_found(expr):
    with pytest.raises(PlaceNotFound):
        geo.where(expr)


def test_cli_where_prints_a_feature():
    r = subprocess.run([sys.executable, "-m", "geo", "where", "eastern Syria"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    f = json.loads(r.stdout)
    assert f["type"] == "Feature" and f["properties"]["where_prec"] == 5
    assert {"latitude", "longitude", "geo_precision", "explain"} <= set(f["properties"])


def test_cli_where_context_country():
    r = subprocess.run([sys.executable, "-m", "geo", "where", "along the border", "--country", "SY",
                        "--countries", "IQ"], capture_output=True, text=True)
    assert r.returncode == 0 and "Syria–Iraq border" in json.loads(r.stdout)["properties"]["explain"]


def test_cli_where_unknown_exits_2_with_one_line():
    r = subprocess.run([sys.executable, "-m", "geo", "where", "nowhere-land"], capture_output=True, text=True)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "nowhere-land" in r.stderr


KABUL = (34.528, 69.172)


@pytest.mark.parametrize("expr", ["outskirts of Kabul", "Kabul outskirts", "Kabul's outskirts",
                                  "the Kabul outskirts", "on Kabul's outskirts"])
def test_outskirts_before_or_after_the_name(expr):
    p = geo.where(expr)
    assert p.kind == "outskirts" and p.where_prec == 2
    assert not inside(p, KABUL) and spatial.distance_km(p.lon, p.lat, KABUL[1], KABUL[0]) < 25


def test_a_village_near_a_border_is_the_border_band():
    p = geo.where("a village near the Pakistani border")
    assert p.where_prec == 5 and p.country == "PK"
    assert "names no place" in p.explain() and "Pakistan" in p.explain()
    assert inside(p, (34.0, 71.1))           # the Khyber crossing, on the Afghan border
    assert not inside(p, (24.86, 67.01))     # Karachi is far from every land border


def test_an_unnamed_place_alone_is_no_place():
    with pytest.raises(PlaceNotFound):
        geo.where("a village")


def test_an_unnamed_place_before_a_relative_form_takes_its_footprint():
    p = geo.where("a base north of Baghdad")
    assert p.where_prec == 5 and inside(p, BALAD_AIR_BASE) and not inside(p, BAGHDAD)
    assert p.explain().startswith("'a base' names no place")


def test_a_part_of_a_town_starts_near_its_centre():
    # western Aleppo holds its inner western districts (Jamiyat al-Zahraa, ~5 km out), not
    # only the outskirts beyond a country-sized core
    p = geo.where("western Aleppo")
    assert p.where_prec == 2 and p.geometry.contains(shapely.Point(37.10, 36.20))
    assert not p.geometry.contains(shapely.Point(37.25, 36.20))        # the east


KILIS = (36.716, 37.115)          # a Turkish town a few km from the Syrian border
SULUK = (36.540, 39.210)          # a Syrian town some 15 km from the border


def test_one_side_of_a_border_is_the_band_cut_to_that_country():
    side = geo.where("the Syrian side of the border with Turkey")
    band = geo.where("along the Syria-Turkey border")
    assert side.country == "SY" and side.where_prec == 5
    assert inside(band, KILIS) and not inside(side, KILIS)
    assert inside(side, SULUK)
    assert side.geometry.difference(band.geometry.buffer(0.01)).is_empty
    # the adjective, the country's name or a demonym for the other side read alike
    same = geo.where("the Syrian side of the Turkish border").geometry
    assert same.symmetric_difference(side.geometry).area < 0.01 * side.geometry.area


def test_an_intercardinal_part_follows_how_reporting_uses_it():
    # "northwestern Pakistan" is Khyber Pakhtunkhwa, which lies north-east of the country's
    # centre: the western end of the north counts, as does the northern end of the west
    nw = geo.where("northwestern Pakistan")
    for town in ((34.01, 71.58), (34.15, 71.73)):          # Peshawar, Charsadda
        assert inside(nw, town), town
    for town in ((24.86, 67.01), (31.55, 74.34)):          # Karachi, Lahore
        assert not inside(nw, town), town
    assert nw.where_prec == 5 and "northern half of its western part" in nw.explain()


def test_the_southern_city_of_x_is_x_where_it_lies_not_a_part_of_it():
    basra = geo.where("the southern city of Basra")
    assert basra.where_prec == 1 and basra.kind == "named"
    assert spatial.distance_km(basra.lon, basra.lat, 47.78, 30.51) < 5
    # without the noun, the direction is a part of the city
    assert geo.where("southern Basra").kind == "part"


def test_the_town_of_x_is_the_town_where_a_province_shares_its_name():
    karak = geo.where("the central town of Karak", context="JO")
    assert karak.where_prec == 1 and karak.geometry.geom_type == "Point"
    assert spatial.distance_km(karak.lon, karak.lat, 35.70, 31.18) < 5
    # "the province of" keeps the province
    assert geo.where("the province of Karak", context="JO").where_prec == 4


def test_a_city_hyphen_district_is_the_district_inside_that_city():
    # coders write Mogadishu's districts "Mogadishu-Hodan"; an unknown village there is no
    # near spelling in Russia but the district
    f = geo.where("Seybiano village, Mogadishu-Hodan district")
    assert f.country == "SO" and f.where_prec == 3
    assert spatial.distance_km(f.lon, f.lat, 45.31, 2.04) < 15
    assert "not in the gazetteer" in f.explain()


def test_an_unknown_place_inside_a_unit_only_one_country_has_gives_that_unit():
    # neither the front nor the made-up sub-district is in the gazetteer; Lahij is a Yemeni
    # governorate
    f = geo.where("Jabal al Kirsh front (Bani Mardas, Lahij)")
    assert f.country == "YE" and f.where_prec == 4 and "'Bani Mardas' not in the gazetteer" in f.explain()
    # Al Qabbaytah is there, spelled otherwise: the front is in that district
    f = geo.where("Jabal al Kirsh front (Al Qabbaytah, Lahij)")
    assert f.country == "YE" and f.where_prec == 3 and f.toponyms[-1].kind == "admin2"
    # a unit whose name two countries' units bear ("Bari": Italy, Somalia) is read where the
    # rest of the address is: Iskushuban is a Somali district, never a place in Italy
    p = geo.where("Af-Urur village (Iskushuban, Bari)")
    assert p.country == "SO" and p.where_prec == 3


def test_a_district_in_the_context_country_outranks_a_richer_namesake_unit_abroad():
    # the gazetteer knows Hays County's population and not that of Yemen's Hays district
    assert geo.where("Hays district", context="YE").country == "YE"
    assert geo.where("Hays district").country == "US"


@pytest.mark.parametrize("expr", ["the southern countryside of Idleb", "southern Idleb countryside",
                                  "Idleb's southern countryside"])
def test_the_countryside_of_a_province_is_the_province_or_its_part_never_the_town(expr):
    # Idleb is a city and a governorate; "countryside" names the governorate's rural land
    whole = geo.where("Idleb Governorate")
    p = geo.where(expr)
    assert p.where_prec == 4 and p.country == "SY"
    assert p.geometry.within(whole.geometry.buffer(0.01))
    assert spatial.area_km2(p.geometry) < 0.7 * spatial.area_km2(whole.geometry)
    assert p.geometry.centroid.y < whole.geometry.centroid.y            # its southern part
    assert not p.geometry.covers(Point(36.63, 35.93))                    # not Idleb city
    plain = geo.where("Idleb countryside")
    assert plain.where_prec == 4 and abs(spatial.area_km2(plain.geometry) - spatial.area_km2(whole.geometry)) < 100
