"""Properties that hold for any input (hypothesis): no exception escapes but the documented
ones, offsets index the input, footprints are valid and on Earth, codes stay in range.

CI runs the "ci" profile (a few hundred examples in all); `python -m bench.fuzz` runs
thousands with the "nightly" profile (HYPOTHESIS_PROFILE=nightly).
"""

from __future__ import annotations

import math
import os

import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geo
from geo import PlaceNotFound

settings.register_profile("ci", max_examples=120, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("nightly", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

NEWS = ["Rockets hit Erbil International Airport on Monday, ", "killing at least 17 people", " and wounding two. ",
        "Another salvo struck north of Baghdad days later. ", "In retaliation, drones struck eastern Syria ",
        "along the border", " 20 km west of Mosul", "Michael Jordan said", " on February 15", " overnight",
        "READ MORE: ", "FILE PHOTO: ", "U.S.", " Deir ez-Zor province", "(", ")", ",", "\n", "Syrian", "Kataib Hezbollah"]
WEIRD = ["\u202e", "\u200f", "\u0000", "\u0007", "\ufeff", "\ud7ff", "\U0001f4a3", "قصف على أربيل", "שלום",
         "Ω≈ç√∫", "'", '"', "<script>alert(1)</script>", "&amp;", "\t", "\r\n"]
fragments = st.one_of(
    st.sampled_from(NEWS), st.sampled_from(WEIRD),
    st.text(max_size=40),
    st.integers(min_value=0, max_value=10**60).map(str),            # huge numbers
    st.integers(min_value=1, max_value=5000).map(lambda n: "A" * n),  # very long tokens
)
texts = st.lists(fragments, max_size=25).map("".join)
PLACE_WORDS = ["north of", "eastern", "near", "20 km west of", "about 120 miles north of", "the", "border",
               "along the", "on the outskirts of", "central", "province", "Baghdad", "Syria", "Iraq", "Mosul",
               "Gaza", "Yemen", "the country", "-", "–", ",", "and"]
expressions = st.one_of(
    st.lists(st.sampled_from(PLACE_WORDS), min_size=1, max_size=6).map(" ".join),
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(PLACE_WORDS), st.text(max_size=8)), max_size=5).map(" ".join),
)


def on_earth(geom) -> bool:
    minx, miny, maxx, maxy = geom.bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


@given(texts)
def test_geoparse_offsets_index_the_input(text):
    for t in geo.geoparse(text):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert -90 <= t.lat <= 90 and -180 <= t.lon <= 180


@given(expressions, st.sampled_from([None, "IQ", "SY", {"country": "SY", "countries": ["IQ"]}]))
def test_where_gives_a_valid_place_or_place_not_found(expression, context):
    try:
        p = geo.where(expression, context=context)
    except PlaceNotFound:
        return
    assert p.geometry.is_valid and not p.geometry.is_empty and on_earth(p.geometry)
    assert 1 <= p.where_prec <= 7 and 1 <= p.geo_precision <= 3
    assert math.isfinite(p.lat) and math.isfinite(p.lon)


@pytest.mark.filterwarnings("ignore:no publication date")
@given(texts, st.sampled_from([None, "2021-02-26", "2024-01-31"]))
def test_extract_evidence_indexes_the_input_and_footprints_are_valid(text, published):
    inc = geo.extract(text, published=published)
    for row in inc.gdf.itertuples():
        for ev in row.evidence:
            assert text[ev["start"]:ev["end"]] == ev["text"]
        assert row.geometry.is_valid and not row.geometry.is_empty and on_earth(row.geometry)
        assert 1 <= row.where_prec <= 7 and 1 <= row.geo_precision <= 3
        assert row.fatalities_low <= row.fatalities <= row.fatalities_high
        assert shapely.get_num_coordinates(row.geometry) > 0
