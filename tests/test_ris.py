"""RIS: dialects, line numbers, broken input, round trips (the seed and
generated records), and what RIS cannot hold being reported."""
from __future__ import annotations

import json

import pytest
from tests.support import FIXTURES, SEED, run_cli
from hypothesis import given
from tests.test_roundtrip_properties import SETTINGS, _comparable, records
from tests.test_validation import SEED_FINDINGS, findings

import converters

RIS = FIXTURES / "ris"


def test_dialects_bom_crlf_doi_prefix_slashed_dates_and_unclosed_records():
    result = converters.read(RIS / "broken.ris")
    got = [(r.id, r.origin.line, r.origin.end_line) for r in result.records]
    assert got == [("smith-first", 1, 6), ("doe-second", 13, 17), ("roe-third", 18, 21)]
    first = result.records[0].data
    assert first["DOI"] == "10.1000/xyz1"  # https://doi.org/ prefix removed
    assert first["issued"] == {"date-parts": [[2019, 5, 12]]}  # "2019/05/12/"
    assert result.records[1].data["author"] == [{"family": "Doe", "given": "John"}]  # A1
    where = [(d.code, d.location.line) for d in result.diagnostics]
    assert where == [("syntax-error", 8), ("record-invalid", 9), ("syntax-error", 18)]
    assert result.records[0].origin.fields["DOI"] == 5


def test_one_space_tags_n2_abstract_jo_journal_and_sp_ep():
    text = ("TY - JOUR\nAU - Castoe, Todd A.\nN2 - The abstract.\nJO - J. Tests\n"
            "SP - 10\nEP - 19\nPY - 2009\nTI - One-space dialect\nER -")
    data = converters.read(text, "ris").records[0].data
    assert (data["abstract"], data["container-title"], data["page"]) == \
        ("The abstract.", "J. Tests", "10-19")


def test_real_scopus_export_reads_every_record():
    text = (RIS / "scopus-bibx.ris").read_text(encoding="utf-8")
    result = converters.read(RIS / "scopus-bibx.ris")
    assert len(result.records) == text.count("\nTY  - ") + text.startswith("TY  - ") == 30
    assert not [d for d in result.diagnostics if d.severity.value == "error"]
    assert sum(1 for r in result.records if r.data.get("DOI")) >= 25
    assert all(r.data.get("author") and r.data.get("issued") for r in result.records)


def test_sniffed_and_found_by_suffix():
    assert converters.read((RIS / "broken.ris").read_bytes()).records  # sniffed
    from converters.registry import default_registry

    assert default_registry().for_path("x.ris").name == "ris"


@pytest.mark.parametrize("fmt", ["ris", "endnote-xml"])
def test_seed_through_the_format_and_back_keeps_records_and_findings(tmp_path, fmt):
    out = tmp_path / f"seed.{fmt}"
    done = run_cli("convert", SEED, "-t", fmt, "-o", out)
    assert done.returncode == 0, done.stderr
    back = run_cli("convert", out, "-f", fmt, "-t", "csljson")
    assert back.returncode == 0, back.stderr
    items = json.loads(back.stdout)
    seed = converters.read(SEED).records
    assert [i["id"] for i in items] == [r.id for r in seed]
    for item, record in zip(items, seed, strict=True):
        for field in ("title", "author", "abstract"):
            assert item.get(field) == record.data.get(field), (record.id, field)
        assert item.get("custom", {}).get("author-count") == \
            record.data.get("custom", {}).get("author-count")
    assert findings(converters.validate(out, from_=fmt)) == SEED_FINDINGS
    report = converters.validate(out, from_=fmt)
    message = [d.message for d in report.diagnostics if d.code == "authors-incomplete"]
    assert message == ["the author list is incomplete: 29 of 34 names given"]


def test_incomplete_author_list_is_written_as_et_al_and_read_back():
    item = {"id": "x", "type": "article-journal", "title": "T",
            "author": [{"family": "Ada", "given": "L."}, {"literal": "others"}]}
    text = converters.write([converters.Record(item)], "ris").text
    assert "AU  - et al.\n" in text
    assert converters.read(text, "ris").records[0].data["author"] == item["author"]


def test_what_ris_cannot_hold_is_reported_by_field_and_record():
    item = {"id": "x", "type": "article-journal", "title": "T", "dimensions": "3 cm",
            "issued": {"date-parts": [[2001], [2002]]}, "custom": {"shelf": 3}}
    result = converters.write([converters.Record(item)], "ris")
    dropped = {(d.record, d.location.pointer) for d in result.diagnostics
               if d.code == "field-dropped"}
    assert dropped == {("x", "/dimensions"), ("x", "/issued"), ("x", "/custom/shelf")}


def test_unknown_tags_are_kept_and_written_back():
    text = "TY  - GEN\nT1  - Citavi Item\nKW  - Tag\nH2  - Call Number\nM4  - Citavi\nER  -\n"
    result = converters.read(text, "ris")
    assert result.records[0].data["custom"]["ris"] == {"H2": ["Call Number"], "M4": ["Citavi"]}
    assert {d.location.pointer for d in result.diagnostics if d.code == "field-unmapped"} == \
        {"/custom/ris/H2", "/custom/ris/M4"}
    again = converters.write(result.records, "ris").text
    assert "H2  - Call Number" in again and "M4  - Citavi" in again


def test_bad_input_never_raises():
    for text in ["", "ER  -\n", "TY  -\nER  -\n", "\x00\x01", "TY  - JOUR\n" * 3,
                 "TY  - JOUR\nAU  - ,\nPY  - 0000\nSP  - -\nER  -\n"]:
        assert isinstance(converters.read(text, "ris").records, list)


HOLDS = {"title", "author", "issued", "container-title", "page", "DOI", "volume", "abstract"}


# RIS and EndNote XML hold the same variables; one property serves both.
@pytest.mark.parametrize("fmt", ["ris", "endnote-xml"])
@SETTINGS
@given(items=records)
def test_round_trip_gives_back_what_the_format_holds_and_reports_the_rest(fmt, items):
    written = converters.write(items, fmt)
    assert written.text == converters.write(items, fmt).text
    back = converters.read(written.text, fmt).records
    assert [r.id for r in back] == [i["id"] for i in items]
    dropped = {(d.record, d.location.pointer) for d in written.diagnostics}
    for before, after in zip(items, back, strict=True):
        assert after.data["type"] == before["type"]
        for field in HOLDS & set(before):
            value = before[field]
            if (before["id"], f"/{field}") in dropped and field != "issued":
                continue  # reported: this type's record has no place for it
            if field == "issued" and len(value["date-parts"]) > 1:
                assert (before["id"], "/issued") in dropped
                value = {"date-parts": value["date-parts"][:1]}
            assert _comparable(field, value) == _comparable(field, after.data.get(field)), \
                (field, value, after.data.get(field))


# -- nothing raises -------------------------------------------------------------

from hypothesis import HealthCheck, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from tests.test_roundtrip_properties import EXAMPLES, loose_items  # noqa: E402

ris_lines = st.lists(st.one_of(
    st.sampled_from(["TY  - JOUR", "TY  - BOOK", "ER  - ", "ER  -", "TY - ", "", "1.",
                     "N1  - Record ID: 3", "N1  - Volume ID: 4", "N1  - Author, Monographic: A B"]),
    st.builds(lambda tag, value: f"{tag}  - {value}",
              st.sampled_from(["AU", "A1", "A2", "TI", "T2", "JO", "PY", "DA", "Y1", "SP", "EP",
                               "DO", "KW", "UR", "SN", "N1", "C3", "ZZ", "VL", "M1", "ID"]),
              st.text(max_size=12))), max_size=25).map("\n".join)


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(ris_lines, st.sampled_from(["ris", "endnote-xml"]))
def test_no_reader_raises_on_ris_like_text(text, fmt):
    assert isinstance(converters.read(text, fmt).records, list)


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["ris", "endnote-xml"]))
def test_no_reader_raises_on_arbitrary_bytes(data, fmt):
    assert isinstance(converters.read(bytes(data), fmt).records, list)


@settings(max_examples=EXAMPLES * 3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(loose_items)
def test_writers_never_raise_on_what_the_csljson_reader_accepts(items):
    records = converters.read(json.dumps(items), "csljson").records
    for fmt in ("ris", "endnote-xml"):
        result = converters.write(records, fmt)
        assert isinstance(result.text, str)
        assert isinstance(converters.read(result.text, fmt).records, list)


@pytest.mark.parametrize("fmt,name", [("ris", "publications.ris"),
                                      ("endnote-xml", "publications.endnote.xml")])
def test_seed_output_is_golden(fmt, name, update_golden):
    from tests.support import check_golden

    check_golden(name, converters.convert(SEED, fmt).text, update_golden)


def test_a_second_tag_for_one_variable_is_kept_not_lost():
    """PubMed gives IS and M1, exporters TI and T1, two SN lines: the later
    tag's different value is kept in custom.ris, reported, and written back."""
    text = ("TY  - JOUR\nTI  - The title\nT1  - Another title\nT2  - J. Tests\n"
            "JF  - Journal of Tests\nIS  - 3\nM1  - Copyright 2016 NLM\nSN  - 1234-5679\n"
            "SN  - 2187-5626\nPY  - 2016\nER  - \n")
    result = converters.read(text, "ris")
    data = result.records[0].data
    assert (data["title"], data["container-title"], data["issue"], data["ISSN"]) == \
        ("The title", "Journal of Tests", "3", "1234-5679")
    assert data["custom"]["ris"] == {"T1": ["Another title"], "T2": ["J. Tests"],
                                     "M1": ["Copyright 2016 NLM"], "SN": ["2187-5626"]}
    kept = [(d.location.line, d.message) for d in result.diagnostics]
    assert (3, "RIS tag T1 gives a second value for a variable already read; kept in "
            "custom.ris") \
        in [(line, message) for line, message in kept]
    back = converters.read(converters.write(result.records, "ris").text, "ris").records[0]
    assert back.data["custom"]["ris"] == data["custom"]["ris"]
    assert back.data["ISSN"] == "1234-5679"
