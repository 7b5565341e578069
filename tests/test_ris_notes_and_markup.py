"""A note's blank lines and a title's rich text through RIS and EndNote XML
(before: both were left out without a word).

Zotero writes a note as one N1 whose lines continue it, blank lines kept,
and reads a blank line there as a paragraph break (RIS.js); its EndNote XML
translator reads a double line break in <notes> as a paragraph.  So the
blank lines are kept.  RIS has no rich text: Zotero's RIS import strips
every tag outside notes and abstracts (unescapeHTML), and citation-js shows
tags as text, so the RIS writer writes the text and reports the markup."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import converters
from converters.model import strip_markup
from tests.test_roundtrip_properties import SETTINGS

# words and single spaces (the EndNote XML reader folds a note's runs of spaces)
_word = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x2FF,
                              blacklist_categories=("Cs", "Cc", "Zs"),
                              blacklist_characters="<>&"), min_size=1, max_size=8)
_line = st.lists(_word, min_size=1, max_size=3).map(" ".join)
# lines and blank lines, neither first nor last blank; no line that reads as a tag
_note = st.lists(st.one_of(_line, st.just("")), min_size=1, max_size=8).map(
    lambda lines: "\n".join(lines).strip("\n")).filter(
    lambda note: note and not any(len(x) > 5 and x[2:6] == "  - " for x in note.splitlines()))


def _through(fmt: str, item: dict):
    written = converters.write([converters.Record(item)], fmt)
    return written, converters.read(written.text, fmt).records[0].data


@SETTINGS
@given(note=_note, fmt=st.sampled_from(["ris", "endnote-xml"]))
def test_a_note_comes_back_with_its_blank_lines(note, fmt):
    written, back = _through(fmt, {"id": "n", "type": "book", "title": "T", "note": note})
    assert back.get("note") == note
    assert not [d for d in written.diagnostics if d.location.pointer == "/note"]


def test_a_paragraph_break_is_an_n1_continued_past_a_blank_line_as_zotero_writes_it():
    text = converters.write([converters.Record({"id": "n", "type": "book", "title": "T",
                                                "note": "one\ntwo\n\nthree"})], "ris").text
    assert "N1  - one\ntwo\n\nthree\n" in text
    zotero = "TY  - JOUR\r\nTI  - T\r\nN1  - <p>A</p>\r\n\r\n<p>B</p>\r\nER  - \r\n"
    assert converters.read(zotero, "ris").records[0].data["note"] == "<p>A</p>\n\n<p>B</p>"


def test_a_blank_line_before_a_tag_or_in_an_abstract_stays_out_of_the_value():
    text = "TY  - JOUR\nTI  - T\nAB  - one\ntwo\n\nthree\nN1  - a\n\nKW  - k\nER  - \n"
    data = converters.read(text, "ris").records[0].data
    assert data["abstract"] == "one two three" and data["note"] == "a"


def test_a_note_whose_line_reads_as_a_tag_keeps_n1_lines_and_reports_its_blank_lines():
    item = {"id": "n", "type": "book", "title": "T", "note": "one\n\nAU  - not a name"}
    written, back = _through("ris", item)
    assert back["note"] == "one\nAU  - not a name" and "author" not in back
    assert [(d.code, d.record, d.location.pointer) for d in written.diagnostics] == [
        ("field-altered", "n", "/note")]


_MARKED = st.tuples(_line, st.sampled_from(["i", "b", "sup", "sub"]), _line).map(
    lambda t: f"{t[0]} <{t[1]}>{t[2]}</{t[1]}>")


@SETTINGS
@given(title=st.one_of(_MARKED, _line), container=st.one_of(st.none(), _MARKED))
def test_a_titles_markup_is_left_out_of_ris_and_reported_by_field_and_record(title,
                                                                           container):
    item = {"id": "m", "type": "article-journal", "title": title}
    if container:
        item["container-title"] = container
    written, back = _through("ris", item)
    assert back["title"] == strip_markup(title)
    assert back.get("container-title") == (strip_markup(container) if container else None)
    altered = sorted(d.location.pointer for d in written.diagnostics
                     if d.code == "field-altered" and d.record == "m")
    assert altered == sorted(f"/{var}" for var, value in item.items()
                             if var in ("title", "container-title")
                             and strip_markup(value) != value)


def test_endnote_xml_keeps_a_titles_markup():
    item = {"id": "m", "type": "book", "title": "H<sub>2</sub>O in <i>vivo</i>"}
    written, back = _through("endnote-xml", item)
    assert back["title"] == item["title"] and not written.diagnostics
