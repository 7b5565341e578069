"""Issue 14: ids where --stream and --jobs 2 join parts written apart, said
as the whole run says them.  JATS's <ref> ids were made unique at the join
with a finding of its own (no line, another message, before every writing
finding), and its records' ids were not made unique as the whole run makes
them; a BibTeX key the join made unique was said before the writer's other
findings, and a key-cleaned finding named the record's id as the part wrote
it.  Each test failed on main; the whole run is the reference."""
from __future__ import annotations

import json

from tests.support import convert_three_ways


def _json(path, records) -> str:
    # one record a line: the second line holds the first record
    path.write_text("[\n" + ",\n".join(map(json.dumps, records)) + "\n]\n", encoding="utf-8")
    return str(path)


def _book(key: str, title: str) -> dict:
    # JATS's element-citation has no place for dimensions: a writing finding
    return {"id": key, "type": "book", "title": title, "dimensions": "3 cm"}


def test_jats_ids_made_unique_where_inputs_join_are_said_as_the_whole_write(tmp_path):
    # "1x" is written r1x; "r1x" then takes r1x-2 (the writer's key-cleaned
    # finding, at its line, among the record's findings); "q" of the second
    # input is renamed q-2 as the whole run renames record ids.
    first = _json(tmp_path / "a.json", [_book("1x", "A"), _book("q", "Q")])
    second = _json(tmp_path / "b.json", [_book("p", "P"), _book("r1x", "B"),
                                         _book("q", "Q2")])
    whole, *others = convert_three_ways(first, second, "-t", "jats")
    said = whole[1].decode()
    assert "b.json:3: warning key-cleaned the id 'r1x' is not an XML id; written as " \
        "'r1x-2' [r1x]" in said
    assert "b.json:4: warning id-duplicate id 'q' is used by an earlier record; renamed " \
        "'q-2' [q-2]" in said
    assert "[q-2]" in said.splitlines()[-1] and b'<ref id="q-2">' in whole[0]
    for other in others:
        assert other == whole


def test_a_jats_record_renamed_at_the_join_is_named_as_renamed(tmp_path):
    # The same record twice: the second is 1x-2, written r1x-2, and the
    # writer says so of "1x-2", not of the "1x" its part wrote.
    path = _json(tmp_path / "a.json", [_book("1x", "A")])
    whole, *others = convert_three_ways(path, path, "-t", "jats")
    assert b"the id '1x-2' is not an XML id; written as 'r1x-2' [1x-2]" in whole[1]
    for other in others:
        assert other == whole


def test_bibtex_keys_the_join_makes_unique_are_said_in_their_records_place(tmp_path):
    # "a b" is written a-b; "a-b", in the next input or later in the same
    # one, then takes a-b-2: said after the first record's key-cleaned.
    first, second = tmp_path / "a.bib", tmp_path / "b.bib"
    first.write_text("@book{a b, title={A}}\n", encoding="utf-8")
    second.write_text("@book{a-b, title={B}}\n", encoding="utf-8")
    both = tmp_path / "both.bib"
    both.write_text("@book{a b, title={A}}\n\n@book{a-b, title={B}}\n", encoding="utf-8")
    for inputs in ((first, second), (both,)):
        whole, *others = convert_three_ways(*inputs, "-t", "bibtex")
        codes = [line.split()[2] for line in whole[1].decode().splitlines()]
        assert codes == ["key-cleaned", "id-duplicate"]
        for other in others:
            assert other == whole


def test_a_bibtex_key_cleaned_of_a_record_renamed_at_the_join(tmp_path):
    path = tmp_path / "a.bib"
    path.write_text("@book{a b, title={A}}\n", encoding="utf-8")
    whole, *others = convert_three_ways(path, path, "-t", "bibtex")
    assert b"BibTeX keys cannot hold 'a b-2'; written as 'a-b-2' [a b-2]" in whole[1]
    for other in others:
        assert other == whole


def test_jats_ids_of_records_on_one_line_are_said_in_record_order(tmp_path):
    # A compact CSL-JSON array: every record on line 1, so only the records'
    # order places what the join says among the writer's other findings.
    records = [_book("1x", "First"), _book("k", "Filler"), _book("1x", "Again"),
               _book("r1x", "Own"), _book("1 x", "Spaced"), _book("r1x-2", "Taken")]
    path = tmp_path / "ids.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    whole, *others = convert_three_ways(path, "-t", "jats")
    said = [line.rsplit(" ", 1)[1] for line in whole[1].decode().splitlines()
            if "key-cleaned" in line]
    assert said == ["[1x]", "[1x-2]", "[r1x]", "x]", "[r1x-2]"]  # "[1 x]" split at its blank
    assert b"written as 'r1x-3' [r1x]" in whole[1]
    for other in others:
        assert other == whole
