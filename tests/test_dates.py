"""Each incident is dated by its own clause, resolved against the publication date
(issue 13): weekdays and parts of days, "overnight", "last week", "two days later",
"said on Thursday", "today"; and an honest default when the text dates nothing."""

import warnings
from datetime import date

import pytest

import geo
from geo.incidents.dates import find

# 2024-05-13 is a Monday.
MONDAY = "2024-05-13"


def rows(text, published=MONDAY):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gdf = geo.extract(text, published).gdf
    return gdf[~gdf.background.astype(bool)]


def only(text, published=MONDAY):
    found = rows(text, published)
    assert len(found) == 1, found[["event_date", "location"]]
    return found.iloc[0]


def test_weekday_evening_is_that_weekday():
    r = only("Gunmen attacked a market in Kano on Saturday evening, killing four traders.")
    assert (r.event_date, r.date_start, r.date_end, r.time_precision) == ("2024-05-11", "2024-05-11", "2024-05-11", 1)


def test_late_and_early_keep_the_day():
    r = only("Militants attacked an army post in Gao late on Friday, killing two soldiers.")
    assert r.event_date == "2024-05-10"
    r = only("Early Sunday, a roadside bomb killed three policemen in Kandahar.")
    assert r.event_date == "2024-05-12"


def test_overnight_spans_both_days():
    r = only("Artillery shelled the outskirts of Kharkiv overnight, wounding three residents.")
    assert (r.date_start, r.date_end) == ("2024-05-12", "2024-05-13")


def test_overnight_into_a_weekday_ends_on_it():
    r = only("Drones struck the port of Odesa overnight into Saturday, wounding two dockers.")
    assert (r.date_start, r.date_end) == ("2024-05-10", "2024-05-11")


def test_last_week_is_that_week():
    r = only("A car bomb exploded near a hotel in Mogadishu last week, killing six guests.", "2024-05-15")
    assert (r.date_start, r.date_end, r.time_precision) == ("2024-05-06", "2024-05-12", 2)


def test_two_days_later_counts_from_the_incident_told_before():
    found = rows("A bomb killed two soldiers in Kirkuk on Friday. "
                 "Two days later, gunmen attacked a police checkpoint in Mosul, killing a guard.", "2024-05-14")
    assert sorted(found.event_date) == ["2024-05-10", "2024-05-12"]


def test_a_relative_day_may_fall_on_the_publication_day():
    found = rows("A bomb killed two soldiers in Kirkuk on Friday. "
                 "Two days later, gunmen attacked a police checkpoint in Mosul, killing a guard.", "2024-05-12")
    assert sorted(found.event_date) == ["2024-05-10", "2024-05-12"]


def test_said_on_a_weekday_is_the_report_not_the_event():
    r = only("Police said on Thursday that gunmen had killed three villagers in Zamfara on Tuesday.", "2024-05-16")
    assert (r.event_date, r.date_end) == ("2024-05-14", "2024-05-14")


def test_today_does_not_stretch_an_incident_dated_earlier():
    r = only("A suicide bomber killed nine worshippers at a mosque in Peshawar on Saturday. "
             "The death toll from the bombing in Peshawar rose to twelve today, officials said.", "2024-05-12")
    assert (r.event_date, r.date_start, r.date_end) == ("2024-05-11", "2024-05-11", "2024-05-11")


def test_every_event_of_a_sentence_with_a_weekday_is_dated():
    found = rows("On Friday, militants ambushed a convoy near Gao, and in Timbuktu an airstrike hit a camp of the army.")
    assert len(found) == 2
    assert list(found.event_date) == ["2024-05-10", "2024-05-10"]


def test_an_undated_incident_takes_the_time_of_the_story():
    found = rows("Gunmen killed five farmers in Kaduna on Tuesday. "
                 "In Zaria, a bomb wounded a policeman at a market.", "2024-05-16")
    zaria = found[found.location.str.contains("Zaria")].iloc[0]
    assert zaria.event_date == "2024-05-14" and zaria.time_precision == 2


def test_an_undated_incident_takes_the_day_its_paragraph_sets():
    r = only("A county deputy drove out to a farmhouse near Wichita, Kansas, on May 2 after a neighbour "
             "called about a barking dog. In the quarrel that followed, the deputy shot two brothers dead.")
    assert (r.date_start, r.date_end, r.event_date, r.time_precision) == ("2024-05-02", "2024-05-02", "2024-05-02", 2)


@pytest.mark.parametrize("scene", [
    # the day it was told, not the day of the story
    "The sheriff said on May 2 that a deputy had driven out to a farmhouse near Wichita, Kansas, "
    "after a neighbour called about a barking dog. ",
    # another paragraph's day
    "A county deputy drove out to a farmhouse near Wichita, Kansas, on May 2 after a neighbour "
    "called about a barking dog.\n\n",
])
def test_a_day_told_or_of_another_paragraph_sets_no_scene(scene):
    r = only(scene + "In the quarrel that followed, the deputy shot two brothers dead.")
    assert (r.date_start, r.date_end) == ("2024-05-07", "2024-05-13")


def test_a_day_that_qualifies_a_bare_attack_founds_and_dates_it():
    r = only("Shops near the concert hall in Leeds stayed shut for days after the May 9 attack.")
    assert (r.event_date, r.time_precision) == ("2024-05-09", 1) and "Leeds" in r.location


def test_an_article_with_no_date_gives_the_week_before_publication():
    r = only("An airstrike has killed five fighters near Idlib, according to local media.")
    assert (r.date_start, r.date_end, r.event_date, r.time_precision) == ("2024-05-07", "2024-05-13", "2024-05-13", 2)


def test_the_day_it_was_reported_bounds_an_undated_incident():
    r = only("An airstrike has killed five fighters near Idlib, local media reported Sunday.")
    assert (r.date_end, r.event_date, r.time_precision) == ("2024-05-12", "2024-05-12", 2)


def test_without_a_publication_date_an_undated_incident_stays_undated():
    r = only("An airstrike has killed five fighters near Idlib, according to local media.", None)
    assert r.event_date is None and r.time_precision == 3


def test_days_before_something_else_dates_nothing():
    found = rows("A bomb exploded at a bus station in Kabul on Sunday, killing four. "
                 "The bombing in Kabul came days before the end of the fasting month.")
    assert list(found.event_date) == ["2024-05-12"]
    assert list(found.date_start) == ["2024-05-12"]


def test_hours_later_is_the_same_day_or_the_next():
    found = rows("A rocket hit a school in Sderot on Saturday. Hours later, an airstrike hit a house in Rafah.")
    rafah = found[found.location.str.contains("Rafah")].iloc[0]
    assert "2024-05-11" <= rafah.date_start <= rafah.date_end <= "2024-05-12"


@pytest.mark.parametrize("sentence", [
    "Gunmen attacked a village near Shimla in October, killing three.",
    "The 2004 attack on the consulate in Jeddah killed nine people.",
])
def test_an_attack_of_an_earlier_month_or_year_is_background(sentence):
    assert len(rows(sentence)) == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gdf = geo.extract(sentence, MONDAY).gdf
    assert len(gdf) == 1 and gdf.iloc[0].date_start < "2024-01-01"


def test_a_month_naming_an_event_is_its_date():
    from datetime import date

    from geo.incidents import dates

    found = dates.find("He claimed the November attack on a hotel.", date(2016, 1, 17))
    assert [(d.start_date, d.end_date) for d in found] == [(date(2015, 11, 1), date(2015, 11, 30))]


def test_an_event_a_month_before_a_recalled_one_is_recalled_too():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gdf = geo.extract("A car bomb killed six people in Homs on Monday. Explosions in February killed "
                          "scores of people in the same district. A suicide attack there a month earlier "
                          "killed 60 people.", "2024-04-25").gdf
    news = gdf[~gdf.background.astype(bool)]
    assert list(news.fatalities) == [6]


def _news(text: str, published: str):
    """The incidents an article reports as news (background left out)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gdf = geo.extract(text, published).gdf
    return gdf[~gdf.background.astype(bool)]


def test_a_date_after_since_is_where_a_span_began_not_the_event():
    news = _news("Gunmen killed 16 people at a care home in Aden on Friday, the deadliest attack "
                 "since the coalition intervened last year.", "2024-03-04")
    assert len(news) == 1 and news.event_date.iloc[0] == "2024-03-01"


@pytest.mark.parametrize("text, first, last", [
    ("Fighting broke out in early March.", "2016-03-01", "2016-03-10"),
    ("Fighting broke out in late February.", "2016-02-21", "2016-02-29"),
    ("Fighting broke out in mid-January.", "2016-01-11", "2016-01-20"),
    ("Fighting raged on March 5-6 near the town.", "2016-03-05", "2016-03-06"),
])
def test_parts_of_a_month_and_ranges_of_days(text, first, last):
    found = find(text, date(2016, 3, 9))
    assert [(str(d.start_date), str(d.end_date)) for d in found] == [(first, last)]


def test_the_day_of_a_protest_bounds_the_event_before_it_as_a_range_that_runs_forward():
    # "on Saturday to protest the fatal shooting": the shooting was by Friday; its bound is
    # a range ending Friday, never one that ends before it starts
    from gazetteer import Gazetteer
    from geo.geoparsing import geoparse_normalized
    from geo.incidents import sentences
    from geo.incidents.mentions import frames
    from geo.incidents.places import Footprints

    text = ("About 300 protesters blocked a highway in Duluth on Saturday to protest the fatal shooting of a man "
            "during a traffic stop.")
    published = date(2016, 7, 11)
    toponyms = geoparse_normalized(text, None, demonyms=True, gazetteer=Gazetteer.default())
    shooting = [m for m in frames(sentences(text, published), toponyms, published, ("US",), Footprints())
                if m.cue.text == "shooting"]
    assert shooting and shooting[0].dates
    for d in shooting[0].dates:
        assert d.reported and d.end_date == date(2016, 7, 8) and d.start_date <= d.end_date


@pytest.mark.parametrize("published, first, last", [
    ("2024-08-01", "2024-07-27", "2024-07-28"),     # a Thursday: the weekend before
    ("2024-08-04", "2024-08-03", "2024-08-04"),     # a Sunday: this weekend, up to today
])
def test_over_the_weekend_is_the_last_saturday_and_sunday(published, first, last):
    rows = geo.extract("Gunmen attacked a checkpoint in Kirkuk over the weekend, killing two.", published).gdf
    assert [(str(r.date_start), str(r.date_end)) for r in rows.itertuples()] == [(first, last)]


def test_a_possessive_old_date_names_the_noun_it_qualifies_not_the_sentence_s_time():
    # "November's attacks" is an earlier event; the raid of "Tuesday" is news
    main = _news("Police on Tuesday killed a gunman in a raid in Brussels linked to militants involved in "
                 "November's attacks in Paris.", "2016-03-15")
    assert len(main) == 1 and str(main.date_start.iloc[0]) == "2016-03-15" and "Brussels" in main.location.iloc[0]
