"""CSL-JSON reading and writing: shapes, positions, broken and invalid input,
real files written by others."""
from __future__ import annotations

import json

import pytest

import converters

from tests.support import FIXTURES, corpus

ITEM = {"id": "a", "type": "book", "title": "A book", "author": [{"family": "Doe", "given": "J."}]}


def codes(result):
    return [d.code for d in result.diagnostics]


def test_array_single_item_and_json_lines_read_alike():
    as_array = converters.read(json.dumps([ITEM]), "csljson")
    as_item = converters.read(json.dumps(ITEM), "csljson")
    as_lines = converters.read(json.dumps(ITEM) + "\n" + json.dumps(dict(ITEM, id="b")) + "\n",
                               "csljson")
    assert [r.data for r in as_array.records] == [r.data for r in as_item.records] == [ITEM]
    assert [r.id for r in as_lines.records] == ["a", "b"]
    assert [r.origin.line for r in as_lines.records] == [1, 2]


def test_every_item_and_field_knows_its_line():
    text = '[\n  {\n    "id": "a",\n    "type": "book",\n    "title": "T"\n  },\n  {"id": "b", "type": "book"}\n]\n'
    result = converters.read(text, "csljson")
    first, second = result.records
    assert (first.origin.line, first.origin.end_line) == (2, 6)
    assert first.origin.fields == {"id": 3, "type": 4, "title": 5}
    assert second.origin.line == 7


def test_json_lines_output_is_one_item_a_line():
    records = converters.read(json.dumps([ITEM, dict(ITEM, id="b")]), "csljson").records
    text = converters.write(records, "csljson", lines=True).text
    lines = text.splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["id"] == "b"


def test_invalid_items_are_reported_at_their_line_and_the_rest_converted():
    result = converters.read(FIXTURES / "invalid" / "mixed-items.json")
    assert [r.id for r in result.records] == ["good-1", "good-2", "bad-date", "good-3"]
    found = [(d.code, d.location.line) for d in result.diagnostics]
    assert found == [("syntax-error", 3), ("record-invalid", 5), ("record-invalid", 6),
                     ("field-empty", 8)]
    misspelt = result.diagnostics[2]
    assert "did you mean 'article-journal'" in misspelt.message
    assert "issued" not in result.records[2].data  # the bad field goes, the item stays
    assert result.diagnostics[3].location.pointer == "/issued"


def test_unknown_variables_are_kept_in_custom_and_reported():
    result = converters.read(json.dumps([dict(ITEM, shelf="B4")]), "csljson")
    assert result.records[0].data["custom"] == {"shelf": "B4"}
    assert codes(result) == ["field-unmapped"]


def test_forgivable_shapes_are_normalised():
    item = dict(ITEM, volume=3, title=1984, issued="2021-03")
    data = converters.read(json.dumps(item), "csljson").records[0].data
    assert data["title"] == "1984" and data["volume"] == 3
    assert data["issued"] == {"raw": "2021-03"}


def test_missing_id_is_generated():
    result = converters.read('[{"type": "book", "title": "Deep Learning", '
                             '"author": [{"family": "Goodfellow"}]}]', "csljson")
    assert result.records[0].id == "goodfellow-deep"
    assert codes(result) == ["id-generated"]


def test_empty_array_is_an_empty_collection():
    result = converters.read("[]", "csljson")
    assert result.records == [] and result.diagnostics == []


@pytest.mark.parametrize("text,code", [
    ('[{"id": "a", "type": "book"', "syntax-error"),
    ("nonsense", "syntax-error"),
    ("[" * 100_000, "nesting-too-deep"),
    ('[{"id": "a", "type": "book", "x": ' + "[" * 100_000 + "]" * 100_000 + "}]",
     "nesting-too-deep"),
])
def test_broken_json_gives_one_clear_error(text, code):
    result = converters.read(text, "csljson")
    assert result.records == []
    assert codes(result) == [code]
    assert result.diagnostics[0].location.line == 1


def test_writer_output_validates_against_the_official_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(corpus("csl-schema", "csl-data.json").read_text())
    records = converters.read(json.dumps([dict(ITEM, shelf="B4", issued="2020")]),
                              "csljson").records
    jsonschema.Draft7Validator(schema).validate(json.loads(
        converters.write(records, "csljson").text))


def _csl_corpus_files():
    root = corpus("csl-json")
    return sorted(p for p in root.rglob("*.json"))


def test_real_csl_json_files_read_without_crashing_and_write_valid_csl():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(corpus("csl-schema", "csl-data.json").read_text())
    validator = jsonschema.Draft7Validator(schema)
    total = 0
    for path in _csl_corpus_files():
        result = converters.read(path, "csljson")
        for diagnostic in result.diagnostics:
            assert diagnostic.location.file == str(path)
        out = json.loads(converters.write(result.records, "csljson").text)
        errors = list(validator.iter_errors(out))
        assert not errors, f"{path}: {errors[0].message}"
        skipped = [d for d in result.diagnostics if d.severity.value == "error"]
        if "empty-csl" not in str(path):  # items with neither id nor type
            assert not skipped, f"{path}: {skipped[0].format()}"
        total += len(result.records)
    assert total >= 110


def test_zotero_items_keyed_by_id_are_read_as_a_collection():
    result = converters.read(corpus("csl-json", "zotero", "citeProcJSExport.json"), "csljson")
    assert len(result.records) == 37
    assert not result.diagnostics
    assert result.records[0].data["author"][1] == {"literal": "Institutional Author"}


def test_crossref_shapes_are_mended_not_dropped():
    path = corpus("csl-json", "manubot", "csl-json", "crossref-winter-scabs-csl", "raw.json")
    data = converters.read(path, "csljson").records[0].data
    assert data["ISSN"] == "0028-0836, 1476-4687"
    assert data["author"] and "name-details" in data["custom"]
    assert "license" in data["custom"]  # a list of objects, not CSL's string


@pytest.mark.parametrize("case,issued", [
    # manubot empties this date; we keep the day and drop only the hour.
    ("excess-date-parts-csl", {"date-parts": [[2018, 10, 21]]}),
    # manubot leaves an empty {}; we leave the field out and say so.
    ("null-date-parts-csl", None),
    ("empty-date-parts-csl", None),
])
def test_broken_dates_from_crossref_are_mended(case, issued):
    raw = converters.read(corpus("csl-json", "manubot", "csl-json", case, "raw.json"), "csljson")
    assert raw.records[0].data.get("issued") == issued
    expected = [] if issued else ["field-empty"]
    assert [d.code for d in raw.diagnostics if d.location.pointer == "/issued"] == expected


def test_csl_102_variables_go_to_custom_unless_asked_for():
    records = converters.read(json.dumps([dict(ITEM, license="CC-BY-4.0")]), "csljson").records
    default = converters.write(records, "csljson")
    assert json.loads(default.text)[0]["custom"] == {"license": "CC-BY-4.0"}
    assert [d.code for d in default.diagnostics] == ["field-unmapped"]
    newer = converters.write(records, "csljson", csl_version="1.0.2")
    assert json.loads(newer.text)[0]["license"] == "CC-BY-4.0" and not newer.diagnostics
