"""The classes of failure met on real reporting (issue 13), each in sentences of our own:
the place of the event, lists of attacks, word sense, merging, roles and evidence."""

from __future__ import annotations

import warnings

import pytest

import geo
from geo import spatial

PUBLISHED = "2024-03-11"        # a Monday
BASRA = (30.508, 47.783)
ARSAL = (34.179, 36.421)
TADIF = (36.348, 37.531)


def news(text: str, published: str = PUBLISHED):
    """The incidents an article reports as news (background left out)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gdf = geo.extract(text, published).gdf
    return gdf[~gdf.background.astype(bool)].reset_index(drop=True)


def km(row, latlon) -> float:
    return spatial.distance_km(row.longitude, row.latitude, latlon[1], latlon[0])


# ---------------------------------------------------------------- 1. the place of the event

def test_a_dateline_town_places_an_event_the_text_places_nowhere():
    inc = news("BASRA, Iraq — Gunmen opened fire on a checkpoint on Saturday, killing two policemen.")
    assert len(inc) == 1 and inc.where_prec[0] == 2 and km(inc.iloc[0], BASRA) < 10
    assert inc.geometry[0].area > 0                                    # an area, never a point


def test_the_southern_city_of_x_is_x():
    inc = news("A car bomb exploded on Sunday in the southern city of Basra, killing five people.")
    assert list(inc.location) == ["Basra"] and inc.where_prec[0] == 1 and km(inc.iloc[0], BASRA) < 10


def test_the_village_of_x_is_a_place_even_for_a_small_town():
    inc = news("Militants shelled the village of Arsal on Friday, wounding three.")
    assert len(inc) == 1 and km(inc.iloc[0], ARSAL) < 10


def test_x_near_the_town_of_y_is_x():
    inc = news("Three gunmen killed eight people at a wedding in the village of Tadif near the town of al-Bab on Saturday.")
    assert len(inc) == 1 and km(inc.iloc[0], TADIF) < 5


# ---------------------------------------------------------------- 2. lists of attacks

def test_a_list_of_attacks_is_one_incident_per_place():
    inc = news("In Samarra, a car bomb killed 12 people on Saturday. In Ramadi, gunmen killed four soldiers on "
               "Saturday. A bomb in a market in Hilla killed three people on Saturday.")
    assert sorted(zip(inc.location, inc.fatalities)) == [("Hilla", 3), ("Ramadi", 4), ("Samarra", 12)]


# ---------------------------------------------------------------- 5. word sense

@pytest.mark.parametrize("text", [
    "Dock workers in Felixstowe will strike next week over pay, the union said.",
    "A cyclist was struck by a car in Leeds on Monday.",
    "The firm said hackers carried out a cyber attack on its servers in Toronto on Sunday.",
    "Firefighters battled the blaze at a warehouse in Hamburg on Sunday.",
    "North Korea test-fired two ballistic missiles into the sea on Sunday.",
    "Police evacuated a school in Lyon on Friday after a bomb threat; no device was found.",
    "A gas explosion at a chemical plant in Ludwigshafen killed two workers on Saturday.",
    "The senator suffered a heart attack at his home in Boise on Saturday.",
    "The crew spent Sunday shooting the final scenes of the film in Galway.",
    "The candidates face a tough battle in the primaries in Ohio next week.",
])
def test_words_in_another_sense_are_no_incident(text):
    assert news(text).empty


def test_an_attack_of_an_earlier_year_named_in_passing_is_background():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gdf = geo.extract("The ministry recalled the 2012 attack in Benghazi, which killed four Americans.", PUBLISHED).gdf
    assert len(gdf) == 1 and bool(gdf.background[0])


# ---------------------------------------------------------------- 6. merging

def test_one_attack_told_three_times_is_one_incident():
    inc = news("Rockets hit a base near Erbil on Saturday. The rocket attack on the base wounded two "
               "contractors, officials said. The attack near Erbil drew condemnation.")
    assert len(inc) == 1 and inc.injuries[0] == 2


def test_a_shooting_and_a_gun_battle_at_one_place_and_time_are_one_incident():
    inc = news("A gunman opened fire at a bus station in Kirkuk on Sunday. Police killed him after a gun battle "
               "at the bus station in Kirkuk on Sunday.")
    assert len(inc) == 1


def test_different_attacks_never_merge():
    inc = news("An air strike hit a market in Idlib on Sunday. A car bomb exploded in Azaz on Sunday.")
    assert len(inc) == 2 and set(inc.location) == {"Idlib", "Azaz"}


# ---------------------------------------------------------------- 7. roles and evidence

def test_the_attacker_is_actor1_and_the_quote_tells_the_incident():
    text = ("US aircraft struck militia sites in eastern Syria on Thursday in response to a rocket attack on "
            "a base in Erbil. On Monday, rockets hit the base in Erbil, wounding four US soldiers.")
    inc = news(text, "2024-03-15")
    erbil = inc[inc.location.str.contains("Erbil")].iloc[0]
    assert erbil.actor1 == ""                                  # the attackers are not named
    assert erbil.evidence[0]["text"].startswith("On Monday, rockets hit the base in Erbil")
