"""Plain-text JATS citations (issue 16): the Vancouver and PLOS author-year
shapes are split into their parts, anything else is left as it is; and the
other JATS reader gaps behind false validation findings (a title given only
as <trans-title>, a sponsor as the only name, a link inside a comment)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tests.support import corpus

from converters.formats import jats
from converters.formats.jats import plaintext
from converters.model import Record



def _fam(names):
    return [n.get("family") or n.get("literal") or "et al." for n in names]


def test_vancouver_journal_article():
    found = plaintext.parse_citation(
        "Fayaz A, Croft P, Langford RM, et al. Prevalence of chronic pain in the UK: a "
        "systematic review. BMJ Open. 2016 Jun;6(3):e010364.")
    assert _fam(found["author"]) == ["Fayaz", "Croft", "Langford", "others"]
    assert found["author"][2]["given"] == "RM"
    assert found["title"] == "Prevalence of chronic pain in the UK: a systematic review"
    assert (found["container-title"], found["volume"], found["issue"], found["page"]) == \
        ("BMJ Open", "6", "3", "e010364")
    assert found["issued"] == {"date-parts": [[2016, 6]]} and found["type"] == "article-journal"


def test_plos_author_year_chapter_with_editors():
    found = plaintext.parse_citation(
        "Choat JH (2012) Spawning aggregations in reef fishes. In: Sadovy de Mitcheson Y, "
        "Colin PL, editors. Reef Fish Spawning Aggregations. Heidelberg: Springer. pp. 85–116.")
    assert found["author"] == [{"family": "Choat", "given": "JH"}]
    assert found["editor"][0] == {"family": "Sadovy de Mitcheson", "given": "Y"}
    assert found["type"] == "chapter" and found["container-title"] == \
        "Reef Fish Spawning Aggregations"
    assert (found["publisher-place"], found["publisher"], found["page"]) == \
        ("Heidelberg", "Springer", "85-116")
    assert found["issued"] == {"date-parts": [[2012]]}


def test_author_year_journal_editors_and_bodies():
    journal = plaintext.parse_citation("Smith J, Jones AB (2001) A title. Am Nat 98: 261–294.")
    assert (journal["container-title"], journal["volume"], journal["page"]) == \
        ("Am Nat", "98", "261-294")
    edited = plaintext.parse_citation("Froese R, Pauly D, editors (2013) FishBase. Available: x")
    assert "author" not in edited and _fam(edited["editor"]) == ["Froese", "Pauly"]
    body = plaintext.parse_citation("Instituto Nacional - INAM (2010) Available: http://a.b")
    assert body["author"] == [{"literal": "Instituto Nacional - INAM"}]
    assert "title" not in body  # "Available: ..." is not a title


def test_text_of_another_shape_is_left_alone():
    # a body's name in the Vancouver shape cannot be told from a title: nothing is read
    assert plaintext.parse_citation(
        "World Health Organization. Cancer control. Geneva; 2007.") == {}
    assert plaintext.parse_citation("Personal communication with the authors, 2011.") == {}
    # a tail of no known shape: names and title only
    found = plaintext.parse_citation("Smith J. A report. Prepared for the board, No. 4/04.")
    assert set(found) == {"author", "title"}


@pytest.mark.parametrize("text, expected", [
    ("147-51", "147-151"), ("1315-6", "1315-1316"), ("99-101", "99-101"),
    ("e1234", "e1234"), ("12–19", "12-19"), ("95-4", "95-4")])
def test_page_ranges_written_short_are_written_out(text, expected):
    assert plaintext.page_range(text) == expected


def test_names_and_what_is_not_a_name():
    assert plaintext.names("Putt ED.") == ("author", [{"family": "Putt", "given": "ED"}])
    assert plaintext.names("Cavalier J-F, Carrière F")[1][0] == {"family": "Cavalier",
                                                                "given": "J-F"}
    cut = plaintext.names("Dumith SC, Linhares RS et al")
    assert cut is not None and _fam(cut[1][:2]) == ["Dumith", "Linhares"] and len(cut[1]) == 3
    assert plaintext.names("Body image: a handbook") is None
    assert plaintext.names("The assessment of competence") is None


def _read(xml: str) -> dict:
    doc = f"<article><back><ref-list><ref id='r1'>{xml}</ref></ref-list></back></article>"
    return jats.read(doc).records[0].data


def test_untagged_mixed_citation_in_a_document():
    data = _read("<label>5</label><mixed-citation publication-type='book'>Matlin MW (2005) "
                 "Cognition. Hoboken: Wiley.</mixed-citation>")
    assert data["author"] == [{"family": "Matlin", "given": "MW"}]
    assert (data["title"], data["publisher"], data["publisher-place"]) == \
        ("Cognition", "Wiley", "Hoboken")
    assert data["note"].startswith("Matlin MW (2005)")  # the text is kept whole


def test_names_printed_before_the_tags():
    data = _read("<mixed-citation publication-type='journal'>Putt ED. <year>1940</year>. "
                 "<article-title>Observations</article-title>. <source>Sci Agric</source> "
                 "<volume>21</volume>:<fpage>167</fpage></mixed-citation>")
    assert data["author"] == [{"family": "Putt", "given": "ED"}]
    # text that is not a name list before the tags is not taken for names
    data = _read("<mixed-citation publication-type='journal'>Anonymous report. "
                 "<year>1940</year>. <article-title>Observations</article-title>"
                 "</mixed-citation>")
    assert "author" not in data


def test_trans_title_only_and_sponsor_only():
    data = _read("<element-citation publication-type='journal'><trans-title>Intensity "
                 "dependence</trans-title><source>Z Diff Psychol</source></element-citation>")
    assert data["title"] == "Intensity dependence" and data["custom"]["trans-title"] is True
    back = jats.read(jats.write([Record(dict(data, id="r1"))]).text).records[0].data
    assert back["title"] == "Intensity dependence" and back["custom"] == data["custom"]
    data = _read("<element-citation publication-type='clinicaltrial'><person-group "
                 "person-group-type='sponsor'><collab>Scripps</collab></person-group>"
                 "<article-title>Wired</article-title></element-citation>")
    assert data["author"] == [{"literal": "Scripps"}]
    data = _read("<element-citation><person-group person-group-type='author'><name><surname>"
                 "A</surname></name></person-group><person-group person-group-type='sponsor'>"
                 "<collab>S</collab></person-group><article-title>W</article-title>"
                 "</element-citation>")
    assert _fam(data["author"]) == ["A"] and data["contributor"] == [{"literal": "S"}]


def test_link_inside_a_comment_is_the_url():
    data = _read("<element-citation publication-type='book'><source>B</source><comment>"
                 "Available from: <ext-link ext-link-type='uri' xlink:href='https://a.b/c' "
                 "xmlns:xlink='http://www.w3.org/1999/xlink'>https://a.b/c</ext-link>"
                 "</comment></element-citation>")
    assert data["URL"] == "https://a.b/c"


def test_every_plain_text_citation_of_the_corpora_gets_its_names():
    """All JATS articles, not only the ones the parser was written against."""
    from benchmarks import jats_plaintext

    files = sorted(p for p in corpus("jats-articles").rglob("*") if p.suffix in (".xml",
                                                                                  ".nxml"))
    counts = jats_plaintext.coverage(files)
    print(dict(counts))
    assert counts["plain-text"] >= 17
    assert counts["plain-text with names"] == counts["plain-text"]
    assert counts["tagged, names as text, with names"] == counts["tagged, names as text"]


def test_scielo_text_reading_agrees_with_the_tagged_version():
    """SciELO prints each reference as text and tagged: the parts read from
    the text (which the parser was not written against) match the tags."""
    from benchmarks import jats_plaintext

    table = jats_plaintext.scielo(sorted(corpus("jats-articles", "scielo").glob("*.xml")))
    for field, c in table.items():
        precision = c["agree"] / c["given"]
        recall = c["agree"] / c["tagged"]
        print(f"{field}: precision {precision:.1%} recall {recall:.1%}")
        assert precision >= (0.85 if field in ("title", "page") else 0.93), field
        assert recall >= 0.8, field
