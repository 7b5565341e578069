"""bibconv's renderer beside citeproc-js (npm package "citeproc", run by
node) over the most used styles and 50 sampled from the catalogue, on the
seed, biblatex-examples and references read from the JATS articles.  The
agreement table is printed; the test fails when the mean, or a popular
style, drops below its recorded floor.  Skips when node or the package is
absent (install: npm install --prefix ../npm-citeproc citeproc)."""
from __future__ import annotations

import pytest

from tests import citeproc_js
from tests.support import corpus

# Measured on this code (identical entries, records with incomplete name
# lists left out on both sides); raise them as fixes land.
# Measured: mean 99.0% over 74 styles, all 74 at 95% or more (before
# literal punctuation, the partial substitute rules, names added by
# disambiguation in the bibliography, year suffixes on ranges and in
# styles testing positions, institutions without name affixes, and the
# harness's id fix for entries citeproc-js leaves out: 97.8% and 65).
# Earlier: mean 97.6% over 74 styles, 65 of them at 95% or more (before
# the rules found by running small styles through citeproc-js -- group
# suppression, type lists, number ranges, name affixes per name, title
# case part by part, subsequent-author-substitute on the printed names --
# 95.0% and 53; before rich text and collation 87.9% and 42; before the
# rendering package 73.7% and 5).  A second sample of 30 other styles
# (python -m tests.citeproc_js --seed 7 --styles 30) went from 84.0% to
# the figure in the notes of issue 15.
MEAN_FLOOR = 0.985
AT_95_FLOOR = 74
POPULAR_FLOORS = {"apa": 0.99, "the-lancet": 0.99, "american-chemical-society": 0.99,
                  "royal-society-of-chemistry": 0.99, "ieee": 0.99, "nature": 0.99,
                  "association-for-computing-machinery": 0.98,
                  "chicago-author-date": 0.97, "elsevier-harvard": 0.98,
                  "american-medical-association": 0.98, "modern-language-association": 0.95}


def _found():
    found = citeproc_js.citeproc_js()
    if found is None:
        pytest.skip("node or the citeproc npm package is not installed")
    return found


def test_driver_renders_a_bibliography_and_citations_without_one():
    found = _found()
    item = {"id": "a", "type": "book", "title": "A Book", "author": [{"family": "Doe",
                                                                       "given": "Jo"}],
            "issued": {"date-parts": [[2001]]}}
    catalogue = citeproc_js.catalogue()
    with_bib, without = citeproc_js.run_citeproc_js(
        [{"style": str(catalogue / "apa.csl"), "items": [item]},
         {"style": str(catalogue / "agora.csl"), "items": [item]}], found)
    assert with_bib["entries"] == ["Doe, J. (2001). A Book."]
    assert "citations" in without and "Doe" in without["citations"][0]


@pytest.mark.slow
def test_agreement_with_citeproc_js():
    found = _found()
    corpus("bibtex", "biblatex-examples.bib")
    table = citeproc_js.compare(citeproc_js.sampled_styles(50), found)
    print("\n" + citeproc_js.show(table))
    rates = {style: sum(s for s, _ in row.values()) / max(sum(t for _, t in row.values()), 1)
             for style, row in table.items()}
    assert sum(rates.values()) / len(rates) >= MEAN_FLOOR
    assert sum(rate >= 0.95 for rate in rates.values()) >= AT_95_FLOOR
    for style, floor in POPULAR_FLOORS.items():
        assert rates[style] >= floor, (style, rates[style])


def test_styles_using_display_are_compared_in_html_unless_text_is_forced():
    assert citeproc_js.output_for("american-anthropological-association") == "html"
    assert citeproc_js.output_for("apa") == "text"
    # second-field-align alone is no display attribute: compared in text
    assert citeproc_js.output_for("the-lancet") == "text"
    assert citeproc_js.output_for("american-anthropological-association", text=True) == "text"


def test_html_entries_lose_only_markup_layout_and_reference_spellings():
    theirs = ('<div class="csl-entry">\n\n    <div class="csl-block">Doe, Jo</div>\n\n    '
              '<div class="csl-left-margin"> 2001</div><div class="csl-right-inline">A &#38; B '
              '&#60;i&#62;x.</div>\n  </div>')
    assert citeproc_js.html_entry(theirs) == (
        '<div class="csl-block">Doe, Jo</div><div class="csl-left-margin"> 2001</div>'
        '<div class="csl-right-inline">A &#38; B &#60;i&#62;x.</div>')
    # a block's line break is pretty-printing; a space after it is text
    assert citeproc_js.html_entry('\n\n    <div class="csl-block">A</div>\nB  C') == (
        '<div class="csl-block">A</div>B  C')
    assert citeproc_js.html_entry('\n\n    <div class="csl-block">A</div>\n (n.d.)') == (
        '<div class="csl-block">A</div> (n.d.)')
    assert citeproc_js.html_entry('(Alpha<div class="csl-indent">P</div>\n  .') == (
        '(Alpha<div class="csl-indent">P</div>.')
    # one character, two spellings; escaped text never becomes markup
    assert citeproc_js.spelled("A &amp; B &lt;i&gt;") == "A &#38; B &#60;i&#62;"
    assert citeproc_js.spelled("A&#10;B") == "A\nB"
    assert citeproc_js.html_entry("<i>x</i> &#60;i&#62;") == "<i>x</i> &#60;i&#62;"
