"""Addresses as coders and wires write them: descriptor words, "X, Y district, Z province",
"X (Y, Z)", "X in Y district of Z"; the parts constrain each other."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

import geo
from geo import spatial
from geo.address import parse

# Reference points (lat, lon) from public gazetteers.
KAFRANBEL = (35.614, 36.564)
TADIF = (36.348, 37.531)
DARAA = (32.619, 36.102)
ARSAL = (34.179, 36.421)
MANBIJ = (36.528, 37.955)
TRIPOLI_LEBANON = (34.437, 35.850)
KISMAYO = (-0.358, 42.545)
MOGADISHU_AIRPORT = (2.014, 45.305)


def km_from(place, latlon) -> float:
    return spatial.distance_km(place.lon, place.lat, latlon[1], latlon[0])


@pytest.mark.parametrize("text, parts", [
    ("Teir Maaleh village, Ar Rastan district, Homs Governorate, Syria",
     [("Teir Maaleh", "village"), ("Ar Rastan", "district"), ("Homs", "Governorate"), ("Syria", None)]),
    ("Bar-Sanguun village (Kismaayo, Lower Juba)", [("Bar-Sanguun", "village"), ("Kismaayo", None), ("Lower Juba", None)]),
    ("Tadif in al-Bab district of Aleppo", [("Tadif", None), ("al-Bab", "district"), ("Aleppo", None)]),
    ("the village of Arsal", [("Arsal", "village")]),
    ("Ahras village, Mintaqat Azaz district", [("Ahras", "village"), ("Azaz", "district")]),
])
def test_address_parts_narrowest_first(text, parts):
    assert [(p.name, p.word) for p in parse(text)] == parts
    assert all(text[p.start:p.end] == p.name for p in parse(text))     # offsets into the text


@pytest.mark.parametrize("text, point", [
    ("Kafr Nabl in Idlib province", KAFRANBEL),           # a spelling of the town, inside its province
    ("Tadif in al-Bab district of Aleppo", TADIF),        # "X in Y district of Z"
    ("Daraa town", DARAA),                                # a descriptor word after the name
    ("the village of Arsal", ARSAL),                      # ... and before it
    ("Adan Ade international airport, Mogadishu", MOGADISHU_AIRPORT),   # a near spelling inside its town's area
])
def test_the_place_itself_is_found_inside_its_units(text, point):
    p = geo.where(text)
    assert p.where_prec == 1 and km_from(p, point) < 5


def test_a_village_missing_from_the_gazetteer_gives_its_district():
    p = geo.where("Qaryat Zubaydat village, Manbij district, Aleppo Governorate, Syria")
    assert p.explain().startswith("village 'Qaryat Zubaydat' not in the gazetteer; its district 'Manbij'")
    assert p.where_prec == 3 and p.country == "SY"
    assert p.geometry.covers(Point(MANBIJ[1], MANBIJ[0]))
    assert spatial.area_km2(p.geometry) < 5000       # a district, never the province or the country


def test_a_town_standing_for_its_district_in_brackets():
    p = geo.where("Bar-Sanguun village (Kismaayo, Lower Juba)")
    assert p.country == "SO" and p.where_prec == 3
    assert p.geometry.covers(Point(KISMAYO[1], KISMAYO[0]))


@pytest.mark.parametrize("text, country", [("Tripoli, Lebanon", "LB"), ("Tripoli", "LY")])
def test_a_place_never_leaves_the_country_its_address_names(text, country):
    p = geo.where(text)
    assert p.country == country and p.where_prec == 1
    if country == "LB":
        assert km_from(p, TRIPOLI_LEBANON) < 5


def test_a_bare_name_as_a_container_is_the_unit():
    # San Luis Potosí is a city and a state: the village lies in the state, maybe far from the city.
    p = geo.where("San Juan de los Cerritos, San Luis Potosí")
    assert p.country == "MX" and p.where_prec == 4
    assert "not in the gazetteer" in p.explain()


def test_relative_parts_are_left_to_the_relative_forms():
    p = geo.where("eastern Syria, along the border", context={"country": "SY", "countries": ["IQ"]})
    assert p.kind == "intersection" and p.where_prec == 5


KAFR_ZITA = (35.374, 36.603)


def test_an_incident_from_a_coder_style_report_is_placed_at_the_village():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        inc = geo.extract("On 3 March 2017, regime forces shelled Kafr Zita town (Muhradah district, Hama "
                          "governorate), killing 4 civilians.", None).gdf
    assert len(inc) == 1 and inc.where_prec[0] == 1 and inc.fatalities[0] == 4
    assert spatial.distance_km(inc.longitude[0], inc.latitude[0], KAFR_ZITA[1], KAFR_ZITA[0]) < 5


def test_a_district_name_shared_by_many_countries_is_read_in_its_province():
    # Bara is a district in Sudan and in India, Sweden, Tanzania...: the province decides
    p = geo.where("Bara district, North Kordofan")
    assert p.country == "SD" and p.where_prec == 3
    assert p.geometry.geom_type in ("Polygon", "MultiPolygon")


def test_two_names_with_a_slash_are_one_place_known_by_either():
    # coders write both names of a place: the gazetteer knows it as Ash Shaykh `Isa only
    place = geo.where("Al Eis/Ash Shaykh Isa town")
    assert place.country == "SY" and "Shaykh" in place.explain()
    assert place.toponyms[0].text == "Al Eis/Ash Shaykh Isa"          # the words that name it


ATMEH = (36.31, 36.68)
RUKBAN = (33.31, 38.70)
JARABULUS = (36.82, 38.01)
KOBANI = (36.89, 38.35)


@pytest.mark.parametrize("text, point", [
    ("Kobani (Ayn al-Arab) town", KOBANI),        # the second name in brackets, the word after them
    ("Jarabulus town (Cerablus)", JARABULUS),     # the Turkish name in brackets
])
def test_a_second_name_in_brackets_is_the_same_place(text, point):
    p = geo.where(text)
    assert p.where_prec == 1 and km_from(p, point) < 5
    assert "not in the gazetteer" not in p.explain()


def test_the_word_after_a_bracketed_name_belongs_to_the_place():
    parts = parse("Kobani (Ayn al-Arab) town")
    assert [(p.name, p.word, p.bracketed) for p in parts] == [("Kobani", "town", False), ("Ayn al-Arab", None, True)]


@pytest.mark.parametrize("text, point, town", [
    ("Atmeh IDP camp", ATMEH, "Atmeh"),
    ("the Rukban refugee camp", RUKBAN, "Rukban"),
])
def test_a_site_the_gazetteer_lacks_is_near_the_town_it_is_named_for(text, point, town):
    p = geo.where(text)
    assert p.where_prec == 2 and km_from(p, point) < 10
    assert "not in the gazetteer; the town it is named for" in p.explain()
    assert [t.text for t in p.toponyms] == [town]          # the words that name the town


def test_a_plural_site_word_finds_the_site_by_its_singular_name():
    one, many = geo.where("the Al-Omar oil field"), geo.where("Al-Omar oil fields")
    assert many.kind == one.kind and (many.lat, many.lon) == (one.lat, one.lon)
    assert "oil field" in many.explain()


def _report(text):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return geo.extract(text, "2017-05-04").gdf


def test_a_village_missing_from_the_gazetteer_in_a_report_is_its_district_not_a_point():
    # "Qabr Zeidoun" is a made-up village; its district is real
    inc = _report("On 3 May 2017, an airstrike hit Qabr Zeidoun village in Duma district, Rif Dimashq Governorate. "
                  "4 civilians were killed.")
    district = geo.where("Duma district, Rif Dimashq Governorate")
    assert len(inc) == 1 and inc.where_prec[0] == district.where_prec == 3
    assert inc.geometry[0].equals(district.geometry) and "Qabr Zeidoun" in inc.location[0]


@pytest.mark.parametrize("text, address", [
    ("On 3 May 2017, rebels attacked an army post on Tall Bardayah (Qatana district, Rif Dimashq Governorate), "
     "killing 3 soldiers.", "Tall Bardayah (Qatana district, Rif Dimashq Governorate)"),
    ("On 3 May 2017, militants attacked Kamuna refugee camp (Harim district, Idlib Governorate), killing 3.",
     "Kamuna refugee camp (Harim district, Idlib Governorate)"),
])
def test_an_address_in_a_report_is_read_as_geo_where_reads_it(text, address):
    inc, place = _report(text), geo.where(address)
    assert len(inc) == 1 and inc.where_prec[0] == place.where_prec < 6
    assert inc.geometry[0].equals(place.geometry)


def test_a_bracketed_unit_after_a_name_with_no_place_word_is_no_address_in_running_text():
    from geo.incidents import places
    from geo.incidents.clauses import sentences
    from geo.place import Context

    def written(text):
        sent = sentences(text, None)[0]
        return [p.expression for _, _, p in places.address_phrases(sent, Context(), places.Footprints())]

    # a person's county in brackets is no address; a village with its district is one
    assert written("Sheriff Jim Cole (Harris County) said a gunman opened fire in the town of Humble.") == []
    assert written("On 3 May 2017, forces shelled Zebdeen town (Markaz Rif Dimashq district, Rif Dimashq "
                   "Governorate).") == ["Zebdeen town (Markaz Rif Dimashq district, Rif Dimashq Governorate)"]


def test_a_district_spelled_otherwise_is_found_inside_its_province():
    # the gazetteer spells it "Tadmor" (geoBoundaries): by its transliteration, the district
    # itself, the vast desert district around Palmyra, not a disc around the town
    p = geo.where("Tadmur district, Homs Governorate")
    assert p.where_prec == 3 and p.toponyms[-1].kind == "admin2"
    town = geo.where("Tadmur")
    assert p.geometry.contains(Point(town.lon, town.lat)) and spatial.area_km2(p.geometry) > 10000


@pytest.mark.parametrize("text", ["Kismaayo district"])
def test_a_district_known_only_by_its_namesake_town_is_an_area_not_the_town_s_point(text):
    # the gazetteer holds this district under no spelling
    p = geo.where(text)
    assert p.where_prec == 3 and p.geometry.geom_type == "Polygon"
    town = geo.where(text.split(" district")[0])
    assert p.geometry.contains(Point(town.lon, town.lat))
    assert 1000 < spatial.area_km2(p.geometry) < 5000


def test_an_acled_style_address_with_no_unit_words_in_a_report_is_read_whole():
    text = ("On 9 May 2020, militants attacked Jubaland security forces in the vicinity of Bar-Sanguun village "
            "(Kismaayo, Lower Juba).")
    inc, place = _report(text), geo.where("Bar-Sanguun village (Kismaayo, Lower Juba)")
    assert len(inc) == 1 and inc.where_prec[0] == place.where_prec == 3
    assert inc.geometry[0].equals(place.geometry) and "Bar-Sanguun" in inc.location[0]


def test_a_name_called_a_village_is_no_city_of_that_name():
    import geo

    village = geo.where("Al Qahirah village")
    assert village.where_prec <= 2 and village.country != "EG"
    # the name alone is the capital it names
    assert geo.where("Al Qahirah").country == "EG"


def test_a_province_shared_by_two_countries_is_read_where_the_rest_of_the_address_is():
    # Al Jawf is a province of Saudi Arabia and of Yemen; Saudi Arabia's is read first, but
    # the district named with it is Yemen's
    p = geo.where("Khabb wa ash Shaaf district (Al Jawf)")
    assert p.country == "YE" and p.where_prec == 3          # the district (spelled "Khabb wa ash Sha'af")
    yemen_al_jawf = geo.where("Al Jawf Governorate, Yemen")
    assert yemen_al_jawf.geometry.covers(p.geometry.representative_point())     # Yemen's Al Jawf, not Saudi Arabia's
    # ... and a province gives way to no village abroad that bears its name
    najran = geo.where("Ash Shurfah area (Najran)")
    assert najran.country == "SA" and najran.where_prec == 4


def test_an_unknown_district_between_a_village_and_its_province_is_passed_over():
    # "Ad Dali" is a Yemeni province and a Sudanese district; "Bani Mardas" is a made-up
    # district: the village, named with its descriptor word, is found in the province
    p = geo.where("Human village (Bani Mardas, Ad Dali)")
    assert p.country == "YE" and p.where_prec == 1
    assert [t.text for t in p.toponyms] == ["Ad Dali", "Human"]
    # a front the gazetteer lacks is its province, never a town of that name abroad
    front = geo.where("Bab Ghaliq front (Bani Mardas, Ad Dali)")
    assert front.country == "YE" and front.where_prec == 4
    # ... and its district where the district is there in another spelling (Qa'tabah)
    front = geo.where("Bab Ghaliq front (Qaatabah, Ad Dali)")
    assert front.country == "YE" and front.where_prec == 3 and front.toponyms[-1].kind == "admin2"


def test_a_frontline_named_after_its_town_is_at_the_town():
    p = geo.where("Sirwah frontline (Marib)")
    assert p.country == "YE" and p.where_prec == 1
    assert km_from(p, (15.45, 45.02)) < 10


def test_an_address_with_one_bracketed_part_in_a_report_is_read_whole():
    # "Mafraq" alone is a Jordanian city; the name goes on and its province is given
    inc = _report("On 30 April 2020, a roadside bomb went off in Mafraq ar Ruwayk area (Marib) as a patrol "
                  "passed. No casualties were reported.")
    assert len(inc) == 1 and inc.country[0] == "YEM" and inc.where_prec[0] == 4
    assert "Mafraq ar Ruwayk" in inc.location[0]


def test_a_village_spelled_otherwise_is_found_inside_its_province_by_its_transliteration():
    # the gazetteer spells them Quqfinah and Kafr `Uwayd; in the province no other place
    # sounds alike
    for text, point in (("Qoqfin, Idleb", (35.64, 36.43)), ("Kafr Oweid village, Idleb Governorate", (35.63, 36.46))):
        p = geo.where(text)
        assert p.where_prec == 1 and km_from(p, point) < 5, text
    inc = _report("On 30 April 2020, government artillery shelled Fleifel town in Idleb. Two civilians were hurt.")
    assert len(inc) == 1 and inc.where_prec[0] == 1
    assert spatial.distance_km(inc.longitude[0], inc.latitude[0], 36.46, 35.59) < 5
    # a country's name before the units is the country, no village that sounds like it
    wide = geo.where("Yemen (Razih, Sadah)")
    assert wide.where_prec >= 3 and wide.country == "YE"


def test_an_unknown_village_in_the_countryside_of_a_province_is_placed_in_that_countryside():
    # "Qasr Zeidoun" is made up: the event is in southern Idleb, no point near the city
    inc = _report("On 4 May 2020, government artillery shelled Qasr Zeidoun in the southern countryside of Idleb. "
                  "No casualties were reported.")
    assert len(inc) == 1 and inc.where_prec[0] == 4 and inc.country[0] == "SYR"
    assert "countryside" in inc.location[0]
    # a village the gazetteer has keeps its point; the countryside only says where it is
    inc = _report("On 4 May 2020, a roadside bomb hit a patrol in the town of Basira in the eastern countryside "
                  "of Deir-ez-Zor.")
    assert len(inc) == 1 and "countryside" not in inc.location[0]


def test_a_township_and_a_capitalised_descriptor_word_make_an_address_in_a_report():
    # Myanmar's coders write "X Town, X Township, Y District, Z State"
    inc = _report("On 8 May 2020, in Paletwa Town, Paletwa Township, Mindat District, Chin State, the army and "
                  "rebels clashed with small arms.")
    assert len(inc) == 1 and inc.country[0] == "MMR" and inc.where_prec[0] == 1
    assert spatial.distance_km(inc.longitude[0], inc.latitude[0], 92.86, 21.30) < 10


def test_a_town_read_abroad_in_a_sentence_that_writes_out_an_address_gives_way_to_it():
    # "Hamar" alone is a Norwegian town; the address names Mogadishu's district in Banadir
    inc = _report("On 7 May 2020, militants threw a hand grenade at Hamar Weyne police headquarters in "
                  "Mogadishu-Hamar Weyne district (Hamar Weyne, Banadir). No casualties.")
    assert len(inc) == 1 and inc.country[0] == "SOM"
    assert spatial.distance_km(inc.longitude[0], inc.latitude[0], 45.34, 2.04) < 15


def test_a_bare_container_is_no_small_unit_abroad_when_a_capital_bears_its_name():
    # Lebanon has a small district called Tripoli; "(Tripoli)" after an airport is Libya's capital
    p = geo.where("Mitiga Airport (Tripoli)")
    assert p.country == "LY" and p.where_prec == 1 and km_from(p, (32.89, 13.28)) < 5
    # ... and a state keeps its name against its own capital city ("San Luis Potosí")
    assert geo.where("San Juan de los Cerritos, San Luis Potosí").where_prec == 4


def test_a_village_in_a_district_with_its_units_in_brackets_in_a_report():
    inc = _report("On 3 May 2020, gunmen ambushed and killed four young men in Adu in Kwal district "
                  "(Bassa LGA, Plateau).")
    assert len(inc) == 1 and inc.country[0] == "NGA" and inc.where_prec[0] == 1 and "Adu" in inc.location[0]
    assert spatial.distance_km(inc.longitude[0], inc.latitude[0], 8.89, 9.75) < 5


def test_near_a_district_s_name_is_near_that_district_never_a_namesake_village_in_another_province():
    # Basira is a district of Deir ez-Zor; a village in Aleppo province has it as another name
    p = geo.where("near Basira", context="SY")
    assert p.country == "SY" and p.geometry.covers(Point(40.67, 35.22))
    inc = _report("On 4 May 2020, a roadside bomb exploded near Basira town in Deir-ez-Zor as a patrol passed.")
    assert len(inc) == 1 and spatial.distance_km(inc.longitude[0], inc.latitude[0], 40.67, 35.22) < 30


def test_a_unit_written_in_capitals_before_its_province_in_brackets_is_read_in_a_report():
    inc = _report("On 6 May 2020, gunmen shot and wounded the police commander of Faskari LGA (Katsina).")
    assert len(inc) == 1 and inc.country[0] == "NGA" and inc.where_prec[0] == 3 and "Faskari" in inc.location[0]


def test_a_country_s_name_before_its_units_is_the_narrowest_unit_never_a_village_called_so():
    p = geo.where("Yemen (Ad Durayhimi, Al Hudaydah)")
    assert p.where_prec == 3 and p.toponyms[-1].text == "Ad Durayhimi"
    assert "not in the gazetteer" not in p.explain()


@pytest.mark.parametrize("text, spelled", [
    ("Yaftal-i Sufla district, Badakhshan", "Yaftal Sufla district, Badakhshan"),
    # a bare container among the province's districts, in another spelling
    ("Harf area (Khabb wa ash Shaaf, Al Jawf)", "Khab wa Ash Sha'f district, Al Jawf"),
])
def test_a_district_spelled_otherwise_is_found_among_its_province_s_districts(text, spelled):
    p, q = geo.where(text), geo.where(spelled)
    assert p.where_prec == q.where_prec == 3 and p.toponyms[-1].kind == "admin2"
    assert p.toponyms[-1].entry_id == q.toponyms[-1].entry_id


def test_a_district_without_its_arabic_article_is_found_among_its_province_s_districts():
    # At Tuhayta district holds the town of At Tuhayta
    p = geo.where("Tuhayat district (Al Hudaydah)")
    assert p.where_prec == 3 and p.country == "YE" and p.geometry.covers(Point(43.2478, 14.1875))


def test_an_area_of_a_district_is_an_address():
    # "Shorabak-e Bala" is made up; its district is real
    p = geo.where("Shorabak-e Bala area of Yaftal Sufla district, Badakhshan")
    assert p.where_prec == 3 and p.toponyms[-1].text == "Yaftal Sufla"
    assert "Shorabak-e Bala" in p.explain()


def test_a_place_whose_district_is_known_is_no_sound_alike_elsewhere_in_the_province():
    # Al Ja`aliyah lies on the coast 150 km north of At Tuhayta district
    p = geo.where("Al Jabaliyah area (At Tuhayat, Al Hudaydah)")
    assert p.geometry.covers(Point(43.2478, 14.1875)) and p.lat < 14.5


@pytest.mark.parametrize("text, district", [
    ("On 12 March 2021, rebel gunners shelled farms in Tuhayat district in western Yemen (Al Hudaydah); "
     "no one was hurt.", "Tuhayat"),
    ("On 9 July 2021, soldiers repelled an attack on a checkpoint in Shorabak-e Bala area of Yaftal-i Sufla "
     "district, Badakhshan, killing 4 attackers.", "Yaftal-i Sufla"),
])
def test_a_report_s_address_with_the_part_of_the_country_or_an_area_of_a_district_is_read_whole(text, district):
    inc = geo.extract(text, "2021-07-10").gdf
    assert len(inc) == 1 and inc.where_prec[0] == 3 and district in inc.location[0]


def test_the_country_a_report_puts_an_address_in_keeps_its_province_there():
    # Al Jawf is a province of Yemen and of Saudi Arabia
    inc = geo.extract("On 2 June 2021, a landmine exploded under a car in Al Maton district in northern Yemen "
                      "(Al Jawf), wounding two men.", "2021-06-03").gdf
    assert len(inc) == 1 and inc.country[0] == "YEM" and inc.where_prec[0] <= 4


def test_a_town_standing_for_its_district_is_the_place_of_its_name_not_a_namesake_village_near_it():
    # Who's On First has another "Owerri" 30 km from the city
    p = geo.where("Owerri (Owerri LGA, Imo)")
    assert p.where_prec == 1 and spatial.distance_km(p.lon, p.lat, 7.03, 5.48) < 5


def test_a_namesake_far_from_the_district_the_address_names_is_not_the_place():
    # the gazetteer's Kibanda lies 250 km from Idjwi, an island in Lake Kivu
    p = geo.where("Kibanda village (Idjwi, Sud-Kivu)")
    assert p.where_prec == 3 and p.geometry.covers(Point(29.07, -1.99))
    assert "not in the gazetteer" in p.explain()
