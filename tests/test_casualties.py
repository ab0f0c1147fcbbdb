"""Casualty counts bound to their victims (issue 13, class 3): the number is who was killed
or wounded, never who did it; a later toll updates its incident; disagreeing figures are a
range. Sentences written for these tests."""

from __future__ import annotations

import pytest

import geo
from geo.incidents.casualties import Casualty, casualties, toll


def counts(sentence):
    return [(c.kind, c.low) for c in casualties(sentence)]


def only_incident(text, published="2023-05-12"):
    rows = geo.extract(text, published=published).gdf
    rows = rows[~rows.background]
    assert len(rows) == 1, rows[["location", "fatalities"]]
    return rows.iloc[0]


# ---------------------------------------------------------------- the sentence

def test_the_object_of_an_active_kill_verb_is_counted_not_its_subject():
    assert counts("Four masked gunmen killed eleven villagers near the well.") == [("killed", 11)]


def test_an_agent_with_a_number_before_an_active_verb_is_no_count():
    assert counts("A lone attacker with a rifle killed at least 9 worshippers.") == [("killed", 9)]


def test_a_subject_with_an_aside_of_children_counts_the_whole_subject():
    assert counts("At least 31 passengers, including four infants, have died.") == [("killed", 31)]


def test_conjoined_victims_of_a_passive_verb_are_summed():
    assert counts("Two nurses and a driver were shot and killed at the clinic.") == [("killed", 3)]


def test_a_single_victim_stabbed_to_death_is_one():
    assert counts("A visiting student was stabbed to death outside the station.") == [("killed", 1)]


def test_a_count_written_with_a_thousands_comma_is_read_whole():
    assert counts("The siege has killed more than 1,250 people, officials said.") == [("killed", 1250)]
    assert counts("The shelling killed 4, wounding 11.") == [("killed", 4), ("injured", 11)]
    # "have since killed": a running total, as "have killed" is
    assert [c.running for c in casualties("Air strikes have since killed more than 2,000 people.")] == [True]


def test_a_count_before_a_summing_phrase_is_the_event_told_before_it():
    # "..., the latest in a string of attacks that have killed 50": the summing phrase's
    # count follows it; the four are the mosque attack's
    row = only_incident("On Friday an attack at a mosque in the city of Kano killed four people and injured 18, "
                        "the latest in a string of attacks claimed by jihadists that have killed more than 50 people.",
                        "2023-05-14")
    assert row.fatalities == 4 and row.injuries == 18


def test_a_share_of_a_group_is_not_one_victim():
    # "the rest" are some of many, not a singular subject
    assert counts("Most of the men who died were fighters, with the rest killed by shelling, the monitor said.") == []
    assert counts("The driver was killed when the shell hit the lorry.") == [("killed", 1)]


def test_shot_dead_beaten_and_hacked_to_death_count_their_victims():
    assert counts("Soldiers shot dead three smugglers at the crossing.") == [("killed", 3)]
    assert counts("A crowd beat two herders to death on the road.") == [("killed", 2)]
    assert counts("Six farmers were hacked to death in their fields.") == [("killed", 6)]
    assert counts("The elderly shopkeeper was beaten to death.") == [("killed", 1)]


def test_a_death_during_an_attack_is_one_killed():
    # a singular subject's death is a count only when violence follows it
    assert counts("Maria died on Friday morning at the school during a brutal attack in a classroom.") == [("killed", 1)]
    assert counts("The constable died of gunshot wounds in hospital.") == [("killed", 1)]
    assert counts("Her grandfather died after a long illness.") == []


def test_a_natural_death_of_a_named_person_is_no_count():
    assert counts("The poet died in 1998 at home.") == []


def test_a_toll_that_rose_is_marked_as_an_update():
    (c,) = casualties("By evening the death toll had risen to 27.")
    assert (c.kind, c.low, c.toll, c.update) == ("killed", 27, True, True)


def test_killed_and_wounded_in_one_clause_are_two_counts():
    assert counts("Seven were killed and 23 wounded when the mortar landed.") == [("killed", 7), ("injured", 23)]


def test_nobody_hurt_is_a_known_zero():
    assert counts("Nobody was injured in the blast.") == [("injured", 0)]


def test_a_year_or_an_age_is_not_a_count():
    assert counts("The 2019 bombing killed 14.") == [("killed", 14)]
    assert counts("A 42-year-old guard was shot dead.") == [("killed", 1)]


# ---------------------------------------------------------------- the incident's toll

def test_the_best_figure_is_the_latest_update_else_the_largest_of_the_lead():
    first, part, later = (Casualty(0, 1, "killed", 12, 12), Casualty(5, 6, "killed", 2, 2),
                          Casualty(9, 10, "killed", 19, 19, toll=True, update=True))
    assert toll([first, part]) == (12, 2, 12)
    assert toll([first, part, later]) == (19, 2, 19)
    lowered = Casualty(12, 13, "killed", 8, 8, toll=True, update=True)
    assert toll([first, later, lowered]) == (8, 8, 19)     # an update may lower it
    further = Casualty(300, 301, "killed", 60, 60)
    assert toll([first, part, further], lead=[first, part]) == (12, 2, 60)
    assert toll([]) is None


@pytest.mark.parametrize("text, published, deaths", [
    ("A suicide bomber killed 12 people at a market in Quetta on Monday, police said. "
     "Officials said 60 people had been killed in the province since the start of the month.", "2023-05-16", 12),
    # a wave's sum, and a year's toll, give way to the incident's own count
    ("A car bomb killed 18 people at a bus station in Kirkuk on Sunday. The bombing was the deadliest of a wave "
     "of explosions in Kirkuk that brought the day's death toll to 35.", "2016-03-01", 18),
    ("A suicide bomber killed five people at a checkpoint in Kabul on Monday. The bombing was the third such "
     "attack in Kabul this year, bringing the death toll to more than 60.", "2016-03-01", 5),
])
def test_a_larger_figure_further_down_does_not_replace_the_leads_toll(text, published, deaths):
    assert only_incident(text, published).fatalities == deaths


def test_attackers_count_only_as_the_text_counts_them():
    row = only_incident("Gunmen opened fire on a wedding party in Kano on Thursday, killing 8 guests. "
                        "Police said two of the gunmen were later shot dead.")
    assert row.fatalities == 8          # "two of the gunmen" is a part, not a new total


def test_a_later_toll_updates_the_same_incident():
    row = only_incident("A car bomb exploded at a market in Mogadishu on Tuesday, killing 12 people. "
                        "Hospital officials said on Wednesday the death toll rose to 45.")
    assert (row.fatalities, row.fatalities_low, row.fatalities_high) == (45, 12, 45)


def test_the_victims_not_the_attackers_make_the_toll():
    row = only_incident("Three gunmen killed eight people at a bus station in Kaduna on Monday.")
    assert row.fatalities == 8


def test_a_subject_with_its_aside_gives_the_toll_of_the_incident():
    row = only_incident("An air strike hit a school in Idlib on Sunday. At least 40 people, "
                        "including six children, have died, rescuers said.")
    assert row.fatalities == 40


def test_sources_that_disagree_give_a_range_and_a_best_figure_inside_it():
    row = only_incident("Rebels shelled a camp near Goma on Friday, killing 14 civilians, the army said. "
                        "A local official said 22 people were killed in the shelling.")
    assert (row.fatalities_low, row.fatalities_high) == (14, 22)
    assert row.fatalities_low <= row.fatalities <= row.fatalities_high


def test_a_tourist_stabbed_to_death_is_one_fatality():
    row = only_incident("A foreign tourist was stabbed to death in Hebron on Saturday, police said.")
    assert row.fatalities == 1


@pytest.mark.parametrize("sentence", [
    "The fighting came in a conflict that has killed at least 250,000 people.",
    "Soldiers have killed at least 90 fighters since October, the ministry said.",
    "The kingdom has suffered a string of militant attacks that have killed dozens of people.",
])
def test_a_wars_running_toll_is_no_incidents_count(sentence):
    assert casualties(sentence) == []


@pytest.mark.parametrize("sentence, killed", [
    ("A man shot his parents and two sisters to death at their farm on Monday.", 4),
    ("The farmer hacked his wife to death in a quarrel.", 1),
    ("She stabbed her two children and a neighbour to death.", 3),
])
def test_victims_named_by_kinship_are_counted(sentence, killed):
    assert counts(sentence) == [("killed", killed)]


def test_a_running_total_in_the_perfect_is_no_more_about_the_last_attack():
    row = only_incident("A man stabbed a shopkeeper in Hebron on Thursday, wounding him, police said. "
                        "Security forces have killed at least 150 assailants, officials say.")
    assert row.fatalities == 0


@pytest.mark.parametrize("sentence, killed", [
    ("Two 15-year-old girls who had been friends since school were found shot dead on Friday.", 2),
    ("Three hikers were discovered stabbed to death near the trail.", 3),
])
def test_victims_found_dead_are_counted_past_a_clause_about_them(sentence, killed):
    assert counts(sentence) == [("killed", killed)]


@pytest.mark.parametrize("sentence", [
    "Over the last seven months, 28 soldiers and two civilians have been killed in such attacks.",
    "In the past year, militants have killed 300 soldiers in the province.",
    "More than 40,000 people have been killed since the rebels took up arms in 1984.",
    "A total of 140 militants have been killed in such raids between April 29 and May 10.",
])
def test_a_total_over_a_period_is_no_incidents_count(sentence):
    assert counts(sentence) == []


def test_a_toll_in_the_perfect_without_a_period_is_counted():
    assert counts("At least 12 people have been killed in the attack, police said.") == [("killed", 12)]


def test_a_count_over_the_last_days_is_still_one_waves_toll():
    assert counts("Eight soldiers and 22 militants have been killed in clashes over the last two days.") \
        == [("killed", 30)]


def test_a_word_for_a_count_gives_way_to_the_first_figure_given_later():
    lead = casualties("Militants killed dozens of people on Saturday in attacks on the city.")
    later = casualties("A monitor said at least 135 people were killed, 80 of them soldiers.")
    assert [c.vague for c in lead] == [True] and not later[0].vague
    assert toll(lead + later, lead=lead) == (135, 24, 135)
    # a figure in the lead stays the toll however large a later one is
    figure = casualties("Militants killed 30 people on Saturday in attacks on the city.")
    assert toll(figure + later, lead=figure) == (30, 30, 135)


@pytest.mark.parametrize("text, dead", [
    ("He said he saw four bodies, thought to be civilians, lying outside the hotel.", 4),
    ("The bodies of 12 men were found near the village on Sunday.", 12),
    ("Police found the bodies of two women in a burned car.", 2),
])
def test_the_dead_counted_by_their_bodies(text, dead):
    assert [(c.kind, c.low) for c in casualties(text)] == [("killed", dead)]


@pytest.mark.parametrize("text, dead", [
    ("The attack claimed 12 lives, officials said.", 12),
    ("The blast claimed the lives of 30 people on Sunday.", 30),
    ("The air strike killed a family of five in their home.", 5),
    ("A suicide bomber killed himself and 14 others at the checkpoint.", 15),
])
def test_more_ways_of_telling_the_dead(text, dead):
    assert [(c.kind, c.low) for c in casualties(text)] == [("killed", dead)]


def test_a_death_toll_told_with_what_it_is_of_before_its_verb():
    assert counts("The death toll from the twin car bombings at the cattle market north of the city "
                  "climbed to 41 on Tuesday.") == [("killed", 41)]
    # the figure a toll rose from is the one it replaced
    assert counts("Doctors confirmed the new toll, which rose from the toll of 30 given on Monday.") == []


def test_a_toll_counted_over_the_year_is_no_incident_s():
    found = casualties("The bombing was the third such attack in the capital this year, bringing the death toll "
                       "to more than 60.")
    assert found == []


@pytest.mark.parametrize("sentence, expected", [
    ("A drone strike near the border killed the group's commander on Friday.", [("killed", 1)]),
    ("The air raid killed rebel commander Salim Haddad and two of his guards.", [("killed", 3)]),
    ("Soldiers shot dead the gunman outside the bank.", [("killed", 1)]),
    ("The roadside bomb killed the driver and wounded two passengers.", [("killed", 1), ("injured", 2)]),
    ("Troops killed the head of the cell during the raid.", [("killed", 1)]),
])
def test_one_victim_named_by_role_is_one_death(sentence, expected):
    assert counts(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The council voted to kill the mayor's plan on Monday.",
    "He had threatened to kill the judge.",
    "The governor killed the bill last week.",
    "He was praised for not killing the guard during the robbery.",
])
def test_a_role_after_a_kill_verb_that_kills_nobody_is_no_count(sentence):
    assert counts(sentence) == []


def test_an_incident_whose_lead_kills_a_named_commander_has_one_death():
    row = only_incident("An air strike on a house in Rafah on Tuesday killed the Hamas commander Yusuf Amin, "
                        "the army said.", published="2024-08-01")
    assert row.fatalities == 1


def test_a_war_s_toll_in_a_list_of_what_the_war_has_done_is_no_count():
    assert counts("The conflict, which began with protests, had turned into a war that has drawn in regional "
                  "powers, killed at least 300,000 people and displaced millions.") == []
    assert counts("Gunmen stormed the hotel, killed 12 guests and took others hostage.") == [("killed", 12)]
