"""Several inputs joined into one output by --stream or --jobs: the record
ids, and the id-duplicate findings, are the whole run's, for every format
whose writer names record ids (before: each input kept its own ids, so
`@book{a,` came out twice)."""
from __future__ import annotations

import json

import pytest

from tests.support import corpus, run_cli

FORMATS = [("csljson", ()), ("csljson", ("--jsonl",)), ("bibtex", ()), ("biblatex", ()),
           ("ris", ()), ("endnote-xml", ())]


def _book(id_: str, title: str, **more) -> dict:
    return {"id": id_, "type": "book", "title": title, **more}


def _run(inputs, to: str, *how: str) -> tuple[bytes, list[str]]:
    done = run_cli("convert", *inputs, "-t", to, *how)
    assert done.returncode == 0, done.stderr
    found = sorted(line for line in done.stderr.decode("utf-8").splitlines()
                   if "id-duplicate" in line)
    return done.stdout, found


def _assert_joined_as_whole(inputs, to: str, options) -> list[str]:
    text, found = _run(inputs, to, *options)
    for how in (("--stream",), ("--jobs", "2")):
        assert _run(inputs, to, *options, *how) == (text, found), how
    return found


@pytest.mark.parametrize("to,options", FORMATS)
def test_ids_clashing_across_inputs_are_renamed_as_the_whole_run_does(tmp_path, to, options):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    one.write_text(json.dumps([_book("a", "A"), _book("a", "B"), _book("x y", "S")]),
                   encoding="utf-8")
    two.write_text(json.dumps([_book("a", "C"), _book("a-2", "D"), _book("x y", "T"),
                               _book("q&<", "E")]), encoding="utf-8")
    found = _assert_joined_as_whole([one, two], to, options)
    assert len(found) == 4 and any("renamed 'a-2-2'" in line for line in found)


def test_an_endnote_record_s_own_label_is_not_renamed(tmp_path):
    # a label the record brought is written in place of its id, whole or joined
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    one.write_text(json.dumps([_book("a", "A", custom={"label": "L"})]), encoding="utf-8")
    two.write_text(json.dumps([_book("a", "B", custom={"label": "L"}), _book("a", "C")]),
                   encoding="utf-8")
    _assert_joined_as_whole([one, two], "endnote-xml", ())
    text, _ = _run([one, two], "endnote-xml", "--stream")
    assert text.count(b"<label>L</label>") == 2 and b"<label>a-3</label>" in text


@pytest.mark.parametrize("library,to", [
    (("bibtex", "biblatex-examples.bib"), "csljson"),
    (("bibtex", "biblatex-examples.bib"), "ris"),
    (("bibtex", "biblatex-examples.bib"), "endnote-xml"),
    # (a .bib input's @string blocks are written once an input when streamed)
    (("csl-json", "manubot", "cite-command-rendered-input-bibliography.json"), "bibtex")])
def test_a_real_library_joined_with_itself(library, to):
    # every id of the second copy clashes with the first's
    path = corpus(*library)
    found = _assert_joined_as_whole([path, path], to, ())
    assert len(found) >= 3


@pytest.mark.parametrize("to,options", FORMATS)
def test_lines_that_only_look_like_an_id_line_are_left_alone(tmp_path, to, options):
    # an abstract with a line "@misc{zz," (BibTeX's entry line), ids whose
    # written form folds a line break or a tab, a key cleaned into another
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    odd = ["x", "a\u2028b", "t\tx"]
    one.write_text(json.dumps([_book(i, "A") for i in [*odd, "a b"]]), encoding="utf-8")
    two.write_text(json.dumps([_book("m", "B", abstract="foo\n@misc{zz,\nbar")]
                              + [_book(i, "C") for i in odd] + [_book("a-b", "D")]),
                   encoding="utf-8")
    found = _assert_joined_as_whole([one, two], to, options)
    assert len(found) >= 3  # x, a\u2028b, t\tx (and BibTeX's key a-b)


@pytest.mark.parametrize("second", ["zz", "x"])
def test_a_ris_record_s_second_id_line_is_not_its_id(tmp_path, second):
    # even when it holds the next record's id
    one, two = tmp_path / "one.ris", tmp_path / "two.ris"
    one.write_text("TY  - BOOK\nTI  - One\nID  - x\nER  - \n", encoding="utf-8")
    two.write_text(f"TY  - BOOK\nTI  - Two\nID  - m\nID  - {second}\nER  - \n\n"
                   "TY  - BOOK\nTI  - Three\nID  - x\nER  - \n", encoding="utf-8")
    found = _assert_joined_as_whole([one, two], "ris", ())
    assert len(found) == 1 and "renamed 'x-2'" in found[0]


@pytest.mark.parametrize("to", ["bibtex", "biblatex"])
def test_a_value_line_like_the_next_entry_s_first_line_stays(tmp_path, to):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    one.write_text(json.dumps([_book("b", "One")]), encoding="utf-8")
    two.write_text(json.dumps([_book("a", "A", abstract="foo\n@misc{b,\nbar"),
                               _book("b", "B")]), encoding="utf-8")
    found = _assert_joined_as_whole([one, two], to, ())
    assert len(found) == 1 and "renamed 'b-2'" in found[0]


def test_endnote_labels_the_records_brought_are_never_renamed(tmp_path):
    # a label that is also the record's id (EndNote XML read back), and a run
    # of own labels longer than any look-ahead before an id that must change
    record = ('<record><ref-type name="Book">6</ref-type><titles><title>{}</title>'
              "</titles><label>{}</label></record>")
    lib = tmp_path / "lib.xml"
    lib.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xml><records>\n'
                   + record.format("Alpha", "smith2001") + "\n</records></xml>\n",
                   encoding="utf-8")
    _assert_joined_as_whole([lib, lib], "endnote-xml", ())
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    one.write_text(json.dumps([_book("x", "X")]), encoding="utf-8")
    two.write_text(json.dumps([_book(f"o{i}", "O", custom={"label": f"L {i}"})
                               for i in range(80)] + [_book("x", "Y")]), encoding="utf-8")
    text, found = _run([one, two], "endnote-xml", "--stream")
    assert (text, found) == _run([one, two], "endnote-xml")
    assert b"<label>x-2</label>" in text and not any("not found" in f for f in found)


def test_an_endnote_record_s_second_label_is_not_the_next_record_s_id(tmp_path):
    # the second <label> is kept in custom.endnote and written back in the
    # record; a record with no label is given an id from its title ("y")
    record = ('<record><ref-type name="Book">6</ref-type>{}<titles><title>{}</title>'
              "</titles></record>")
    one, two = tmp_path / "one.xml", tmp_path / "two.xml"
    head, tail = '<?xml version="1.0" encoding="UTF-8"?>\n<xml><records>\n', "\n</records></xml>\n"
    one.write_text(head + record.format("", "Y") + tail, encoding="utf-8")
    two.write_text(head + record.format("<label>w</label><label>y</label>", "B")
                   + record.format("", "Y") + tail, encoding="utf-8")
    found = _assert_joined_as_whole([one, two], "endnote-xml", ())
    assert len(found) == 1 and "renamed 'y-2'" in found[0]
