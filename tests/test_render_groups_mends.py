"""Mends to branch rgroups's citeproc-js rules (issue 15, after review).
The expected texts are what citeproc-js 2.4 (npm "citeproc") printed for
the same style and items when the test was written; no peer is needed
here."""
from __future__ import annotations

import pytest

from converters.render import render
from tests.support import _RULE_STYLE
from tests.support import rule_bibliography as _bib
from tests.support import rule_entries as _entries

_QUOTED = '<macro name="q"><text variable="title" quotes="true" prefix="(" suffix=")"/></macro>'
_QUOTED_LAYOUT = '<group delimiter=", "><text macro="q"/><text variable="container-title"/></group>'


@pytest.mark.parametrize("title", ["The <i>Big</i> coll", "A <b>b</b> c",
                                   'A <span class="nocase">b</span> c'])
@pytest.mark.parametrize("output", ["text", "html"])
def test_rich_text_in_a_bracketed_quote_keeps_the_next_mark_out(tmp_path, title, output):
    # citeproc-js: (“The Big coll”), C in the entry and in the citation alike
    body = (_QUOTED + f"<citation><layout>{_QUOTED_LAYOUT}</layout></citation>"
            f"<bibliography><layout>{_QUOTED_LAYOUT}</layout></bibliography>")
    path = tmp_path / "rule.csl"
    path.write_text(_RULE_STYLE.format(kind="in-text", attrs="", body=body), encoding="utf-8")
    item = {"id": "a", "type": "chapter", "title": title, "container-title": "C"}
    result = render([item], style=str(path), output=output, cite=["a"])
    plain = title.replace("<i>", "").replace("</i>", "").replace("<b>", "").replace("</b>", "")
    plain = plain.replace('<span class="nocase">', "").replace("</span>", "")
    if output == "html":
        plain = title.replace('<span class="nocase">', "").replace("</span>", "")
    expected = f"(“{plain}”), C"
    assert result.citations == [expected]
    assert result.entries == [expected]


def test_a_plain_bracketed_quote_takes_the_next_mark(tmp_path):
    body = _bib(_QUOTED_LAYOUT, _QUOTED)
    item = {"id": "a", "type": "chapter", "title": "Coll", "container-title": "C"}
    assert _entries(tmp_path, body, [item]) == ["(“Coll,”) C"]


def _title_cased(tmp_path, text_case: str, title: str, language: str | None = None) -> str:
    item = {"id": "a", "type": "book", "title": title}
    if language:
        item["language"] = language
    body = _bib(f'<text variable="title" text-case="{text_case}"/>')
    return _entries(tmp_path, body, [item])[0]


@pytest.mark.parametrize(("title", "expected"), [
    ("L'Homme et la Mer", "L’homme et la mer"),
    ("O'Brien Meets MacArthur", "O’brien meets macarthur"),
    ("Input/Output Of The DNA/RNA", "Input/output of the dna/rna"),
    ("U.S. Army Report", "U.s. army report"),
    ("NASA/ESA Mission Report", "NASA/esa mission report"),
    ("Don't Stop", "Don’t stop"),
    ("Art—Life–Work", "Art—life–work"),
    ("A (Big) Deal [X]", "A (big) deal [x]"),
])
def test_sentence_case_parts_words_at_citeproc_js_punctuation(tmp_path, title, expected):
    assert _title_cased(tmp_path, "sentence", title) == expected


def test_sentence_case_apostrophe_in_french(tmp_path):
    assert _title_cased(tmp_path, "sentence", "L'Homme et la Mer", "fr") == "L’homme et la mer"


@pytest.mark.parametrize(("title", "expected"), [
    ("the x-ray cat", "The X-Ray Cat"),
    ("input/output of u.s. data", "Input/Output Of U.S. Data"),
    ("don't stop", "Don’t Stop"),
    ("l'homme et la mer", "L’homme Et La Mer"),
    ("eBay/iPad", "eBay/iPad"),
    ("the dNA cat", "The dNA Cat"),
    ("the <i>big</i> cat", "The Big Cat"),
])
def test_capitalize_all_parts_words_as_sentence_case_does(tmp_path, title, expected):
    assert _title_cased(tmp_path, "capitalize-all", title) == expected


_MACROS = ('<macro name="at"><text value="at "/><text variable="URL"/></macro>'
           '<macro name="url"><text variable="URL"/></macro>')


@pytest.mark.parametrize(("layout", "expected"), [
    # a cs:names called keeps the term as it is, printed or not
    ('<names variable="editor"/><text term="in"/><text variable="title" prefix=" "/>', "in T"),
    ('<names variable="editor"><substitute><text variable="URL"/></substitute></names>'
     '<text term="in"/><text variable="title" prefix=" "/>', "in T"),
    # ... but a term its substitute prints is still first
    ('<names variable="editor"><substitute><text term="anonymous"/></substitute></names>'
     '<text variable="title" prefix=" "/>', "Anonymous T"),
    # an empty variable or macro prints nothing: the term is first
    ('<text variable="URL"/><text term="in"/><text variable="title" prefix=" "/>', "In T"),
    ('<text macro="url"/><text term="in"/><text variable="title" prefix=" "/>', "In T"),
    # what a suppressed group or macro printed does not count
    ('<group><text value="at "/><text variable="URL"/></group><text term="no date"/>'
     '<text variable="title" prefix=" "/>', "No date T"),
    ('<group><text term="in"/><text variable="URL"/></group><text term="no date"/>'
     '<text variable="title" prefix=" "/>', "No date T"),
    ('<text macro="at"/><text term="no date"/><text variable="title" prefix=" "/>', "No date T"),
    ('<group><text value="x"/><names variable="editor"/></group><text term="in"/>'
     '<text variable="title" prefix=" "/>', "In T"),
    # a printed label, variable, number or citation number
    ('<label variable="page" suffix=" "/><text term="in"/>', "page in"),
    ('<text variable="title" suffix=" "/><text term="in"/>', "T in"),
    ('<number variable="volume" suffix=" "/><text term="in"/>', "2 in"),
    ('<text variable="citation-number" suffix=" "/><text term="in"/>', "1 In"),
])
def test_a_term_is_first_only_after_nothing_printed(tmp_path, layout, expected):
    item = {"id": "a", "type": "book", "title": "T", "page": "3", "volume": "2"}
    assert _entries(tmp_path, _bib(layout, _MACROS), [item]) == [expected]


@pytest.mark.parametrize(("variable", "expected"), [
    ("volume", "in t"), ("issue", "in t"), ("edition", "in t"), ("number", "in t"),
    ("page", "In t"), ("chapter-number", "In t"), ("URL", "In t"),
])
def test_four_number_variables_count_even_when_empty(tmp_path, variable, expected):
    body = _bib(f'<text variable="{variable}"/><text term="in"/><text variable="title" prefix=" "/>')
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "title": "t"}]) == [expected]


@pytest.mark.parametrize(("pages", "expected"), [
    ({"page": "-5"}, "T:"), ({"page": "& 5"}, "T:"), ({"page": " - "}, "T:"),
    ({"page": "-5", "page-first": "7"}, "T:"), ({"page": "55-65"}, "T:55 Y"),
])
def test_an_empty_first_page_is_no_page_first(tmp_path, pages, expected):
    body = _bib('<text variable="title" suffix=":"/><text variable="page-first"/>'
                '<choose><if variable="page-first"><text value=" Y"/></if></choose>')
    item = {"id": "a", "type": "book", "title": "T", **pages}
    assert _entries(tmp_path, body, [item]) == [expected]


@pytest.mark.parametrize(("inner", "expected"), [
    ('<number variable="volume"/><names variable="editor"/>', "T 5 Group 7;"),
    ('<number variable="volume"/><text variable="note"/>', "T 5 see 2;"),
    ('<number variable="volume"/><text value="2"/>', "T 5 2;"),
    ('<number variable="volume"/><text term="page" form="short"/><text value="3"/>', "T 5 p. 3;"),
    ('<number variable="volume"/><names variable="author translator"/>', "T 5 Tr 9;"),
    # nothing printed after the number: the period stays
    ('<number variable="volume"/><names variable="author illustrator"/>', "T 5;."),
    ('<text variable="note"/><number variable="volume"/>', "T see 2 5;."),
    ('<number variable="volume"/><choose><if variable="URL"><text variable="note"/></if></choose>',
     "T 5;."),
])
def test_only_a_number_printed_last_keeps_the_period_after_a_semicolon(tmp_path, inner, expected):
    body = _bib('<group delimiter=" " suffix="."><text variable="title"/>'
                f'<group delimiter=" " suffix=";">{inner}</group></group>')
    item = {"id": "a", "type": "book", "title": "T", "volume": "5", "note": "see 2",
            "editor": [{"literal": "Group 7"}], "translator": [{"literal": "Tr 9"}]}
    assert _entries(tmp_path, body, [item]) == [expected]


def test_an_in_style_locale_leaves_options_it_does_not_set_to_the_locale_file(tmp_path):
    # anabases: an in-style cs:locale setting only limit-day-ordinals-to-day-1
    # kept en-US's punctuation-in-quote from moving the comma in
    items = [{"id": "a", "type": "book", "title": "Alpha", "publisher": "Pub"}]
    layout = ('<citation><layout><text variable="title"/></layout></citation><bibliography>'
              '<layout><group delimiter=", "><text variable="title" quotes="true"/>'
              '<text variable="publisher"/></group></layout></bibliography>')
    other = '<locale><style-options limit-day-ordinals-to-day-1="true"/></locale>'
    off = '<locale><style-options punctuation-in-quote="false"/></locale>'
    assert _entries(tmp_path, other + layout, items) == ["“Alpha,” Pub"]
    assert _entries(tmp_path, off + layout, items) == ["“Alpha”, Pub"]
