"""geo.geoparse on real text: the seed article, filters, encodings, long input."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import geo
from geo import spatial

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "us-strikes-eastern-syria.txt"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="../shared is not beside the repo")


@pytest.fixture(scope="module")
def seed():
    text = SEED.read_text("utf-8")
    return text, geo.geoparse(text)


@needs_seed
def test_seed_place_names_found_with_exact_spans(seed):
    text, found = seed
    assert all(text[t.start:t.end] == t.text for t in found)
    names = {t.text for t in found}
    assert {"Erbil International Airport", "Baghdad", "Syria", "Iraq", "Tehran", "Washington"} <= names


@needs_seed
def test_seed_every_mention_is_found(seed):
    text, found = seed
    starts = {t.start for t in found if t.text == "Syria"}
    i, expected = text.find("Syria"), set()
    while i >= 0:
        expected.add(i)
        i = text.find("Syria", i + 1)
    assert starts == expected


@needs_seed
def test_seed_names_resolve_to_the_right_places(seed):
    _, found = seed
    by_text = {t.text: t for t in found}
    assert by_text["Erbil International Airport"].entry_id == "airport:ORER"
    assert by_text["Baghdad"].country == "IQ" and by_text["Baghdad"].kind == "city"
    assert by_text["Tehran"].country == "IR" and by_text["Tehran"].kind == "city"
    assert by_text["Syria"].entry_id == "country:SYR" and by_text["Iraq"].entry_id == "country:IRQ"
    assert by_text["Washington"].country == "US"


@needs_seed
def test_seed_demonyms_are_separate(seed):
    text, found = seed
    assert not any(t.kind == "demonym" for t in found)
    with_dem = geo.geoparse(text, demonyms=True)
    demonyms = {t.text for t in with_dem if t.kind == "demonym"}
    assert {"Iraqi", "American"} <= demonyms
    assert {t.text for t in with_dem if t.kind != "demonym"} == {t.text for t in found}


def test_person_named_like_a_country_is_no_place():
    assert geo.geoparse("Michael Jordan said the game was over.") == []


@pytest.mark.parametrize("text", ["March 3 was a Monday.", "Reading the report, Will Smith smiled."])
def test_months_and_common_words_are_no_places(text):
    assert geo.geoparse(text) == []


def test_empty_text_has_no_toponyms():
    assert geo.geoparse("") == []
    assert geo.geoparse("   \n ") == []


def test_invalid_utf8_is_replaced_with_a_warning():
    with pytest.warns(UnicodeWarning, match="not valid UTF-8"):
        found = geo.geoparse("Shelling near Mosul \xff\xfe and Kirkuk.".encode("latin-1"))
    assert [t.text for t in found] == ["Mosul", "Kirkuk"]


def test_containment_picks_the_right_namesake():
    (paris, texas) = geo.geoparse("The storm hit Paris, Texas on Monday.")
    assert paris.country == "US" and paris.admin1 == "US-TX"
    assert geo.geoparse("The storm hit Paris on Monday.")[0].country == "FR"


def test_context_keeps_places_together():
    found = {t.text: t for t in geo.geoparse("Troops moved from Athens to Decatur and Huntsville, Alabama.")}
    assert found["Athens"].admin1 == "US-AL"


def test_hyphenated_and_possessive_names():
    found = [(t.text, t.kind) for t in geo.geoparse("Iran-backed groups attacked Iraq's north.")]
    assert found == [("Iran", "country"), ("Iraq", "country")]


def test_given_spans_are_resolved_even_when_unknown():
    text = "Protesters marched down Royal Street in New Orleans."
    found = geo.geoparse(text, spans_given=[(24, 36), (40, 51)])
    assert [(t.text, t.kind) for t in found] == [("Royal Street", "fallback"), ("New Orleans", "city")]
    assert found[0].entry_id == found[1].entry_id


def test_long_text_completes_with_bounded_memory():
    paragraph = ("Officials in Mosul said convoys left Kirkuk for Erbil before dawn, while "
                 "residents of Baghdad waited for news from the border with Syria.\n")
    text = paragraph * (5_000_000 // len(paragraph) + 1)
    assert len(text) >= 5_000_000
    tracemalloc.start()
    found = geo.geoparse(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(found) == 5 * text.count("\n")
    assert found[-1].end <= len(text) and text[found[-1].start:found[-1].end] == found[-1].text
    assert peak < 400 * 2**20, f"peak {peak / 2**20:.0f} MiB"


def test_cli_geoparse_streams_records_and_skips_bad_lines(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"doc_id": "a", "text": "Rockets hit Erbil."}\n'
                    b'not json\n'
                    b'{"doc_id": "b", "text": 7}\n'
                    b'{"doc_id": "c", "text": "Fighting near Aleppo, Syria."}\n')
    out = tmp_path / "out.jsonl"
    r = subprocess.run([sys.executable, "-m", "geo", "geoparse", str(src), "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "line 2" in r.stderr and "line 3" in r.stderr
    recs = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [r["doc_id"] for r in recs] == ["a", "c"]
    t = recs[1]["toponyms"][0]
    assert (t["text"], t["start"], t["end"], t["country"]) == ("Aleppo", 14, 20, "SY")
    assert {"start", "end", "text", "lat", "lon", "entry_id", "kind", "country", "score"} <= set(t)


def test_cli_geoparse_given_spans(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"doc_id": "a", "text": "They met in Taji.",
                               "toponyms": [{"start": 12, "end": 16}]}) + "\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "geo", "geoparse", str(src), "--given-spans"],
                       capture_output=True, text=True)
    rec = json.loads(r.stdout)
    assert rec["toponyms"][0]["entry_id"] == "site:camp-taji"


def test_cli_geoparse_missing_input_exits_2(tmp_path):
    r = subprocess.run([sys.executable, "-m", "geo", "geoparse", str(tmp_path / "nope.jsonl")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.count("\n") == 1


def _places(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in geo.geoparse(text)]


def test_people_named_like_towns_are_people():
    # Linda (California) and Nelson are towns; here they are a superintendent and a captain,
    # and the later bare "Nelson" is the captain too.
    text = ("Superintendent Linda Hawkins outlined a plan. Capt. Roy A. Nelson said the same. "
            "Nelson later flew to Dallas.")
    assert _places(text) == [("Dallas", "city")]


def test_a_surname_before_a_given_name_is_a_person():
    assert _places("His wife Li Wenzu told reporters in Beijing.") == [("Beijing", "city")]


def test_a_given_name_or_a_great_city_met_as_a_person_stays_a_place_later():
    assert _places("Florence Welch sang on Friday. The weather in Florence was sunny.") == [("Florence", "city")]
    assert _places("Jack London wrote novels. London is rainy.") == [("London", "city")]


def test_people_after_bin_and_firms_with_ampersands_are_no_places():
    assert _places("Sheikh Mohammed bin Rashid visited Dubai.") == [("Dubai", "city")]
    assert _places("The firm Stevens & Wilkinson won a case in Columbia, South Carolina.") == \
        [("Columbia", "city"), ("South Carolina", "admin1")]


def test_roads_are_not_reported_and_institutions_report_their_town():
    assert _places("Protesters marched down Royal Street in New Orleans.") == [("New Orleans", "city")]
    assert _places("Officials at Mosul University said the campus was hit.") == [("Mosul", "city")]
    found = geo.geoparse("Fighters crossed the Khabur River near Hasakah.")
    assert [(t.text, t.kind) for t in found] == [("Khabur River", "fallback"), ("Hasakah", "city")]
    assert found[0].entry_id == found[1].entry_id      # an unknown river takes the town named with it


def test_abbreviations_keep_their_dot():
    found = geo.geoparse("He moved to St. Louis and then to Mt. Pleasant.")
    assert [t.text for t in found] == ["St. Louis", "Mt. Pleasant"]
    assert found[0].country == "US"


def test_state_abbreviations_are_places_with_their_dot_or_after_a_comma():
    assert _places("The Easter Mass in Boston, Mass. drew crowds.") == [("Boston", "city"), ("Mass.", "admin1")]
    assert _places("EDMONTON, Ky (WBKO) -- A fire broke out.") == [("EDMONTON", "city"), ("Ky", "admin1")]


def test_an_ampersand_inside_a_word_keeps_it_whole():
    assert _places("T&T beat Jamaica on Sunday.") == [("T&T", "country"), ("Jamaica", "country")]
    assert _places("AT&T opened an office in Dallas.") == [("Dallas", "city")]


def test_title_case_country_codes_and_auxiliaries_are_words():
    # ARE, BEN and CAN are the codes of the UAE, Benin and Canada
    assert _places("Are you going? Ben said no. Can they stay?") == []


def test_a_sea_is_not_outvoted_by_a_town_in_the_focus_country():
    found = _places("Hurricanes over the Atlantic threaten Florida and Texas.")
    assert found == [("Atlantic", "sea"), ("Florida", "admin1"), ("Texas", "admin1")]


def test_weather_patterns_and_seats_of_government():
    assert _places("La Niña weakened over Peru. El Niño returns to Lima.") == [("Peru", "country"), ("Lima", "city")]
    text = "The White House and the Kremlin spoke."
    assert _places(text) == []
    given = geo.geoparse(text, spans_given=[(4, 15), (24, 31)])
    assert [(t.text, t.country) for t in given] == [("White House", "US"), ("Kremlin", "RU")]


def test_a_unit_written_with_its_term_is_that_unit():
    found = geo.geoparse("Clashes in Anbar Province killed five near Ramadi. Troops held Idlib Governorate.")
    assert [(t.text, t.kind, t.entry_id) for t in found] == [
        ("Anbar Province", "admin1", "admin1:IQ-AN"), ("Ramadi", "city", found[1].entry_id),
        ("Idlib Governorate", "admin1", "admin1:SY-ID")]
    assert found[1].admin1 == "IQ-AN"     # the city, not the province a second time


def test_a_feature_named_with_a_prefix_resolves_to_the_place_it_names():
    found = geo.geoparse("Thousands fled to Mount Sinjar in August.")
    assert [(t.text, t.kind) for t in found] == [("Mount Sinjar", "fallback")]
    sinjar = geo.geoparse("Fighting reached Sinjar, Iraq.")[0]
    assert found[0].entry_id == sinjar.entry_id


def test_a_province_holds_its_cities_however_far_its_centre():
    # Lake Ontario lies beside Toronto and the province's centre 1,000 km north; the
    # province, not the lake, is the place that holds Toronto.
    found = geo.geoparse("Ontario reported few donors, and Toronto fewer.")
    assert [(t.text, t.kind, t.entry_id) for t in found][0] == ("Ontario", "admin1", "admin1:CA-ON")


@pytest.mark.parametrize("text, unit, entry", [
    ("Shells fell across Idlib Governorate overnight.", "Idlib Governorate", "admin1:SY-ID"),
    ("Drones struck Donetsk Oblast again.", "Donetsk Oblast", "admin1:UA-14"),
])
def test_a_unit_named_with_its_term_is_the_unit_given_or_found(text, unit, entry):
    s = text.index(unit)
    given = geo.geoparse(text, spans_given=[(s, s + len(unit))])
    found = [t for t in geo.geoparse(text) if t.text == unit]
    assert [(t.text, t.entry_id, t.kind) for t in given] == [(unit, entry, "admin1")]
    assert [(t.entry_id, t.kind) for t in found] == [(entry, "admin1")]


def test_a_name_spelled_unlike_the_gazetteer_after_the_town_of_is_found_by_its_skeleton():
    # Kafrnaha: the gazetteer writes Kafr Naha (west of Aleppo)
    found = geo.geoparse("An air strike hit a hospital in the rebel-held town of Kafrnaha on Sunday.")
    (t,) = [t for t in found if t.text == "Kafrnaha"]
    assert t.country == "SY" and abs(t.lat - 36.19) < 0.1 and abs(t.lon - 36.93) < 0.15


def test_a_building_named_after_someone_is_not_a_far_village_of_that_name():
    # "Imam Ali" is also a village in Iraq; here it names a mosque in Muscat
    found = geo.geoparse("Gunmen opened fire near a mosque in Muscat on Monday. The attack took place at "
                         "the Imam Ali mosque, police said.")
    assert all(t.country != "IQ" for t in found)


def test_a_weapon_designation_is_not_a_place():
    # AK is also Alaska's postal code; F-16 and Su-24 name aircraft
    found = geo.geoparse("A gunman with an AK-47 rifle opened fire in Tulsa as F-16 jets flew over.")
    assert [t.text for t in found] == ["Tulsa"]


def test_a_time_zone_after_a_clock_time_is_not_a_place():
    found = geo.geoparse("Last updated 9:16 PM EST. Rockets hit Kabul at 5 a.m. on Sunday.")
    assert [t.text for t in found] == ["Kabul"]


def test_a_name_that_goes_on_past_a_possessive_is_read_whole():
    found = geo.geoparse("A gunman shot two people outside a school in Prince George's County, Maryland.")
    assert [t.text for t in found][:1] == ["Prince George's County"] and found[0].kind == "admin2"


def test_dotted_initials_of_a_place_the_text_names_are_that_place():
    # "L.A." alone is Louisiana's postal code; after "Los Angeles" it is the city
    found = geo.geoparse("He drove from Denver to Los Angeles and stayed in L.A. for a week.")
    la = [t for t in found if t.text == "L.A."]
    assert len(la) == 1 and la[0].kind == "city" and abs(la[0].lat - 34.05) < 0.1


def test_a_conjunction_opening_a_sentence_does_not_make_a_town_a_surname():
    # "Although Wilkinsburg" is no person's name: the town stays a place in every mention
    found = geo.geoparse("Wilkinsburg is a small borough east of Pittsburgh. "
                         "Although Wilkinsburg has a name for trouble, the street was quiet.")
    assert [t.text for t in found if t.text == "Wilkinsburg"] == ["Wilkinsburg", "Wilkinsburg"]
    assert all(t.country == "US" for t in found)


def test_a_small_town_before_a_firm_word_is_the_firm():
    # Excel is a small town in Alabama; "Excel Industries" is a firm, in Hesston, Kansas
    found = geo.geoparse("A gunman opened fire at Excel Industries in Hesston, Kansas, on Thursday.")
    assert [t.text for t in found] == ["Hesston", "Kansas"]


def test_a_given_name_before_a_province_s_name_is_a_person():
    # County Kerry is a province of Ireland; "John Kerry" is a person in every later mention,
    # while a country ("Michael Jordan") and a big city ("George Washington") stay places
    found = geo.geoparse("HIROSHIMA, Japan John Kerry on Monday toured the museum. At Kerry's suggestion, "
                         "the ministers laid wreaths.")
    assert [t.text for t in found] == ["HIROSHIMA", "Japan"]
    found = geo.geoparse("Michael Jordan flew to Jordan on Monday.")
    assert [t.text for t in found if t.text == "Jordan"] == ["Jordan", "Jordan"]


@pytest.mark.parametrize("text, name, country", [
    ("Witnesses said the lorry drove into the crowd in Nice late on Thursday.", "Nice", "FR"),
    ("Two men were stabbed in Reading on Saturday night.", "Reading", "GB"),
])
def test_a_town_named_by_a_common_word_after_in(text, name, country):
    found = [(t.text, t.country) for t in geo.geoparse(text)]
    assert (name, country) in found


@pytest.mark.parametrize("text", ["It was a nice day for the parade.", "She was reading the statement aloud.",
                                  "Nice weather helped the rescuers."])
def test_the_common_word_itself_is_no_place(text):
    assert geo.geoparse(text) == []


def test_a_name_before_the_noun_of_its_kind_is_that_airport():
    # "Ataturk" alone is more often the man; "Ataturk airport" is the airport
    found = geo.geoparse("Gunmen killed 20 people at Ataturk airport on Tuesday.")
    assert [(t.text, t.kind, t.country) for t in found] == [("Ataturk", "airport", "TR")]
    assert geo.geoparse("Ataturk founded the republic in 1923.") == []



def test_a_country_that_holds_the_sentence_says_which_town():
    # a story filed from California: the Nice of the attack is the one in France
    text = ("SACRAMENTO, Calif. — Three students on a study trip in France were hurt in Thursday's attack in "
            "Nice, their university said on Friday. A fourth student is still missing, the school said. The "
            "students had joined a summer course in Nice run by a business academy.")
    assert ("Nice", "FR") in [(t.text, t.country) for t in geo.geoparse(text)]
    # a country one comes from holds nothing: this Innisfail is not the Australian one
    found = [(t.text, t.country) for t in geo.geoparse("The Innisfail skater recently returned from Australia.")]
    assert ("Australia", "AU") in found and ("Innisfail", "AU") not in found


def test_a_side_of_the_town_is_the_town_not_a_hamlet_of_that_name():
    found = geo.geoparse("CHARLESTON, W.Va. -- A man shot his girlfriend in a West Side restaurant in July.")
    side = [t for t in found if t.text == "West Side"]
    assert len(side) == 1 and side[0].kind == "fallback"
    assert spatial.distance_km(side[0].lon, side[0].lat, -81.63, 38.35) < 5       # Charleston


def test_a_small_town_abroad_in_a_story_of_one_country_gives_way_to_that_country_s_towns():
    # Guma is a local government area of Benue State the gazetteer lacks; its reading as a
    # small town in the Philippines is far from everything else the story names
    text = ("Displaced families from Torkula village of Guma Local Government Area are sheltering in a camp in "
            "Makurdi, the capital of Benue State, officials said. More families from Guma arrived on Monday.")
    guma = [t for t in geo.geoparse(text) if t.text == "Guma"]
    assert guma and all(t.country == "NG" for t in guma)


def test_the_name_after_a_town_and_a_comma_is_the_province_that_holds_the_town():
    # Guanajuato is a state and its capital city; Salamanca lies in the state, not the city
    tops = {t.text: t for t in geo.geoparse("Two men were shot in Salamanca, Guanajuato, on Sunday.")}
    assert tops["Guanajuato"].kind == "admin1" and tops["Salamanca"].country == "MX"
    # a province before the town ("South Carolina, Greenville police") makes no county of the town
    tops = [t for t in geo.geoparse("A house in Greenville, South Carolina, Greenville police said.") if t.text == "Greenville"]
    assert tops and all(t.kind == "city" for t in tops)
