"""Issue 11, JATS side: what the round-trip harness found lost or invented
in pairs through JATS, each fixed or reported."""
from __future__ import annotations

import pytest

import converters
from converters.formats import jats
from converters.model import Record


def _through(data: dict) -> tuple[dict, list[str]]:
    written = jats.write([Record(dict(data, id="r1"))])
    back = jats.read(written.text).records[0].data
    return back, [f"{d.code} {d.message}" for d in written.diagnostics]


def _read(xml: str) -> dict:
    doc = f"<article><back><ref-list><ref id='r1'>{xml}</ref></ref-list></back></article>"
    return jats.read(doc).records[0].data


@pytest.mark.parametrize("written, read", [
    ("https://doi.org/10.1056/NEJMc2031915", "10.1056/NEJMc2031915"),
    ("doi:10.1056/NEJMc2031915", "10.1056/NEJMc2031915"),
    ("10.1056/NEJMc2031915", "10.1056/NEJMc2031915"),
    # two prefixes stacked (SciELO): one is a DOI's usual spelling, the
    # other is the publisher's slip, left for validation to report
    ("doi: http://dx.doi.org/10.1056/NEJMc2031915", "http://dx.doi.org/10.1056/NEJMc2031915")])
def test_a_doi_is_read_without_its_usual_prefix(written, read):
    data = _read(f"<element-citation><article-title>T</article-title><pub-id pub-id-type='doi'>"
                 f"{written}</pub-id></element-citation>")
    assert data["DOI"] == read


def test_tagged_parts_without_a_title_are_not_read_as_text():
    """An element-citation with only numbers or a DOI is not a plain-text
    citation: its text does not become a title or a note."""
    back, _ = _through({"type": "article-journal", "volume": "10", "issue": "21"})
    assert "title" not in back and "note" not in back
    back, _ = _through({"type": "article", "DOI": "10.22541/au.149693987.70506124"})
    assert back["DOI"] == "10.22541/au.149693987.70506124" and "title" not in back


def test_an_access_date_of_any_year_comes_back():
    back, _ = _through({"type": "webpage", "title": "T",
                        "accessed": {"date-parts": [[-333, 11, 5]]}})
    assert back["accessed"] == {"date-parts": [[-333, 11, 5]]}


def test_what_a_date_in_citation_cannot_hold_is_reported():
    back, problems = _through({"type": "webpage", "title": "T", "accessed": {
        "date-parts": [[2014, 12, 31]], "circa": True}})
    assert back["accessed"] == {"date-parts": [[2014, 12, 31]]}
    assert any("accessed" in p and "circa" in p for p in problems)


def test_a_range_of_seasons_is_reported():
    _, problems = _through({"type": "book", "title": "T",
                            "issued": {"date-parts": [[2017, 14], [2017, 15]]}})
    assert any("'issued'" in p and "range of seasons" in p for p in problems)
    # one season on one year is held exactly
    back, problems = _through({"type": "book", "title": "T",
                               "issued": {"date-parts": [[2017]], "season": 2}})
    assert back["issued"] == {"date-parts": [[2017]], "season": 2} and not problems


def test_a_book_with_a_container_but_no_title_says_what_becomes_of_it():
    record = {"id": "a", "type": "book", "container-title": "Handbook of Things",
              "issued": {"date-parts": [[2001]]}}
    written = converters.write([record], "jats")
    back = converters.read(written.text, "jats").records[0].data
    assert back.get("title") == "Handbook of Things"
    assert [d.location.pointer for d in written.diagnostics
            if d.code == "field-dropped"] == ["/container-title"]
