"""geo.extract on long pathological texts: a megabyte of one repeated report, of one line
without a newline, or of text without a single space, reads to the same incidents as a
few copies do. (How the time grows with the text is measured in bench/long_text.py.)"""

from __future__ import annotations

import pytest

import geo
from geo.incidents import MAX_SENTENCE_CHARS, RESPONSE_LINKS, sentences

REPORT = "On Thursday an air strike hit a fuel depot in Hodeidah, killing five workers and wounding seven."
PARAGRAPH = ("Lt. Col. Haddad said a U.S. patrol came under fire near Kirkuk on Wednesday. "
             "A mortar round struck the airport in Erbil, wounding two guards. ")
# Without spaces no place phrase or casualty count reads, but the cue, the day and the
# country still do.
TERSE = "On Monday a drone strike hit a checkpoint outside Baghdad, wounding six soldiers."
SHAPES = {
    "one report a line": REPORT + "\n",
    "one line, no newline": PARAGRAPH,
    "no spaces at all": ",".join(TERSE.split()),
}
COLUMNS = ["event_type", "sub_event_type", "location", "country", "where_prec", "fatalities", "injuries", "date_start"]
MEGABYTE = 1_000_000


def repeated(unit: str, size: int) -> str:
    return unit * (size // len(unit))


def incidents(text: str):
    return geo.extract(text, published="2024-03-08").gdf


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_megabyte_gives_the_incidents_a_few_copies_give(shape):
    unit = SHAPES[shape]
    small, large = incidents(unit * 3), incidents(repeated(unit, MEGABYTE))
    assert len(small) >= 1
    assert large[COLUMNS].to_dict("records") == small[COLUMNS].to_dict("records")


def test_every_copy_of_a_repeated_report_is_evidence_quoted_from_the_text():
    text = repeated(SHAPES["one report a line"], MEGABYTE)
    (row,) = incidents(text).itertuples()
    assert len(row.evidence) == text.count("\n")
    assert all(text[e["start"]:e["end"]] == e["text"] == REPORT for e in row.evidence)


def test_a_text_without_spaces_is_cut_into_bounded_sentences_that_cover_it():
    text = repeated(SHAPES["no spaces at all"], MEGABYTE)
    found = sentences(text, None)
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in found)
    assert [(s.start, s.end) for s in found] == list(zip([0] + [s.end for s in found[:-1]], [s.end for s in found]))
    assert found[-1].end == len(text)


def test_an_abbreviation_far_into_a_long_line_still_does_not_end_a_sentence():
    line = repeated(PARAGRAPH, MEGABYTE // 4)
    found = sentences(line, None)
    assert len(found) == 2 * line.count("Kirkuk")
    assert all(s.text.startswith(("Lt. Col. Haddad", "A mortar round")) for s in found)


def test_a_long_text_with_invisible_characters_is_quoted_from_the_original():
    unit = REPORT.replace("Hodeidah", "Hodei\u200bdah").replace("workers", "wor\u00adkers") + "\n"
    text = repeated(unit, MEGABYTE)
    (row,) = incidents(text).itertuples()
    assert (row.location, row.country) == ("Hodeidah", "YEM")
    assert len(row.evidence) == text.count("\n")
    assert all(text[e["start"]:e["end"]] == e["text"] == unit[:-1] for e in row.evidence)


def test_each_of_thousands_of_retaliations_answers_a_bounded_number_of_the_latest_incidents():
    towns = ["Erbil", "Mosul", "Kirkuk", "Basra", "Najaf", "Karbala", "Ramadi", "Fallujah", "Tikrit", "Samarra"]
    months = ["January", "February", "March"]
    text = "".join(f"In retaliation, rockets hit {towns[k % 10]} on {months[k // 10 % 3]} {k % 28 + 1}, killing "
                   f"{k % 7 + 2} people. " for k in range(1200))
    gdf = incidents(text)
    end = dict(zip(gdf.incident_id, gdf.date_end))
    links = [(row.date_start, [end[t] for t in row.responds_to]) for row in gdf.itertuples()]
    assert max(len(targets) for _, targets in links) == RESPONSE_LINKS
    assert all(t <= start for start, targets in links for t in targets)
