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
