"""Input decoding and the text names are matched in: files in legacy encodings, invisible
format characters and decomposed accents, with every offset pointing into the original."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import geo
from geo.articles import parse, read
from geo.io import decode, jsonl_records
from geo.normalize_text import normalize

ZWSP, ZWJ, SOFT_HYPHEN, BOM, ACUTE = "\u200b", "\u200d", "\u00ad", "\ufeff", "\u0301"


def run(*args):
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True)


def no_python_warning(stderr: str) -> bool:
    return "Warning" not in stderr and "Traceback" not in stderr and ".py:" not in stderr


def test_latin1_file_through_the_cli_reads_bogota_in_colombia(tmp_path):
    article = tmp_path / "bogota.txt"
    article.write_bytes("A car bomb exploded outside a police station in Bogotá on Tuesday, "
                        "killing two officers.".encode("latin-1"))
    out = tmp_path / "out.geojson"
    r = run("extract", str(article), "--published", "2024-05-14", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert no_python_warning(r.stderr), r.stderr
    (feature,) = json.loads(out.read_text("utf-8"))["features"]
    assert feature["properties"]["location"] == "Bogotá"
    assert feature["properties"]["country"] == "COL"
    assert feature["properties"]["where_prec"] == 1


def test_latin1_jsonl_through_geoparse_finds_orleans_in_france_with_a_one_line_notice(tmp_path):
    records = tmp_path / "docs.jsonl"
    line = json.dumps({"doc_id": "d1", "text": "Two gendarmes were wounded in a shooting near Orléans on "
                       "Friday, French police said."}, ensure_ascii=False)
    records.write_bytes((line + "\n").encode("latin-1"))
    out = tmp_path / "out.jsonl"
    r = run("geoparse", str(records), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert no_python_warning(r.stderr), r.stderr
    assert r.stderr.splitlines() == [f"incidentmap: {records}: line 1: not UTF-8; read as cp1252"]
    found = {t["text"]: t["country"] for t in json.loads(out.read_text("utf-8"))["toponyms"]}
    assert found["Orléans"] == "FR"


def test_a_short_western_text_is_read_as_windows_1252_not_a_lookalike():
    # cp1250 would make "Peña" "Peńa"; the detector alone even guesses Big5 for this
    assert decode("Rockets hit a market in Peña Blanca, killing two.".encode("cp1252")).text == \
        "Rockets hit a market in Peña Blanca, killing two."


def test_cyrillic_in_windows_1251_is_detected():
    text = "Київ обстріляли ракетами вночі, загинули двоє людей."
    assert decode(text.encode("cp1251")) == type(decode(b""))(text, "cp1251")


def test_a_byte_order_mark_is_dropped_and_utf16_is_not_taken_for_binary():
    (utf8,) = parse(b"\xef\xbb\xbfShelling near Mosul.", "a.txt")
    assert utf8.text == "Shelling near Mosul." and utf8.encoding == "utf-8"
    (utf16,) = parse("Shelling near Mosul.".encode("utf-16"), "b.txt")
    assert utf16.text == "Shelling near Mosul." and utf16.encoding == "utf-16"


def test_an_article_file_in_latin1_is_read_without_any_warning(tmp_path):
    path = tmp_path / "orleans.txt"
    path.write_bytes("Une attaque près d'Orléans.".encode("latin-1"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (article,) = read(str(path))
    assert article.text == "Une attaque près d'Orléans." and article.encoding == "cp1252"


def test_jsonl_records_decode_each_line_and_say_how(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_bytes(json.dumps({"text": "Shelling in Bogotá."}, ensure_ascii=False).encode("latin-1") + b"\n"
                     + json.dumps({"text": "Shelling in Kyiv."}).encode("utf-8") + b"\n")
    with pytest.warns(UnicodeWarning, match="line 1: not UTF-8; read as cp1252"):
        records = list(jsonl_records(str(path)))
    assert [rec["text"] for _, rec in records] == ["Shelling in Bogotá.", "Shelling in Kyiv."]


def test_a_zero_width_space_inside_kharkiv_keeps_the_incident_in_ukraine():
    text = f"Russian artillery shelled Khar{ZWSP}kiv overnight on Sunday, wounding three residents."
    inc = geo.extract(text, published="2024-05-13")
    (row,) = inc.gdf.itertuples()
    assert row.country == "UKR" and row.admin1 == "Kharkiv" and row.where_prec == 1
    (evidence,) = row.evidence
    assert text[evidence["start"]:evidence["end"]] == evidence["text"] == text


def test_zero_width_joiners_around_baghdad_give_a_point_not_the_country():
    text = f"A roadside bomb hit an army patrol in {ZWJ}Baghdad{ZWJ} on Monday, killing one soldier."
    (row,) = geo.extract(text, published="2024-05-13").gdf.itertuples()
    assert row.country == "IRQ" and row.where_prec in (1, 2)
    assert row.geometry.geom_type == "Point"


def test_toponym_offsets_point_into_the_original_text():
    text = (f"{BOM}Drones struck Khar{ZWSP}kiv, then {ZWJ}Baghdad{ZWJ} and Bogota{ACUTE}; "
            f"later Mo{SOFT_HYPHEN}sul.")
    found = geo.geoparse(text)
    assert [t.text for t in found] == [f"Khar{ZWSP}kiv", "Baghdad", f"Bogota{ACUTE}", f"Mo{SOFT_HYPHEN}sul"]
    assert all(text[t.start:t.end] == t.text for t in found)
    assert [t.country for t in found] == ["UA", "IQ", "CO", "IQ"]


def test_a_decomposed_accent_is_matched_composed():
    text = f"Police said a grenade was thrown at a bus in Bogota{ACUTE}, Colombia."
    bogota = geo.geoparse(text)[0]
    assert (bogota.text, bogota.country, bogota.kind) == (f"Bogota{ACUTE}", "CO", "city")
    assert text[bogota.start:bogota.end] == bogota.text
    assert normalize(text).text == text.replace(f"a{ACUTE}", "á")


def test_given_spans_come_back_as_given():
    text = f"Shelling hit Khar{ZWSP}kiv."
    (t,) = geo.geoparse(text, spans_given=[(13, 21)])
    assert (t.start, t.end, t.text, t.country) == (13, 21, f"Khar{ZWSP}kiv", "UA")


def test_a_place_expression_with_a_soft_hyphen_is_read_and_its_name_located():
    expression = f"20 km north of Bagh{SOFT_HYPHEN}dad"
    place = geo.where(expression)
    assert place.where_prec == 2 and place.country == "IQ"
    (t,) = place.toponyms
    assert expression[t.start:t.end] == t.text == f"Bagh{SOFT_HYPHEN}dad"


def test_text_without_format_characters_or_decomposed_accents_is_left_as_it_is():
    text = "Strikes near Orléans and Kharkiv."
    m = normalize(text)
    assert m.text is text and not m.changed


# Letters with combining marks, format characters, Hangul jamo that compose, and any text.
TRICKY = st.text(alphabet=st.sampled_from(list("aeoAB é,.\n") + [ACUTE, "\u0323", "\u0308", ZWSP, ZWJ, SOFT_HYPHEN,
                                                                   BOM, "\u202e", "\u1100", "\u1161", "\u11a8",
                                                                   "\u0b47", "\u0b3e", "\u212b", "\u0344"]))


@settings(max_examples=300, deadline=None)
@given(st.one_of(TRICKY, st.text()))
def test_the_matching_text_is_nfc_without_format_characters_and_maps_into_the_original(original):
    m = normalize(original)
    stripped = "".join(c for c in original if unicodedata.category(c) != "Cf")
    assert m.text == unicodedata.normalize("NFC", stripped)
    spans = [m.original_span(k, k + 1) for k in range(len(m.text))]
    assert all(0 <= a < b <= len(original) for a, b in spans)
    assert all(p[0] <= q[0] and p[1] <= q[1] for p, q in zip(spans, spans[1:]))
    if m.text:
        a, b = m.original_span(0, len(m.text))
        assert normalize(original[a:b]).text == m.text
