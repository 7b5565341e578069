"""EndNote XML: EndNote's shape, safe parsing, broken documents, round trips."""
from __future__ import annotations

import pytest

import converters
from converters.formats import endnote_xml
from tests.support import FIXTURES

SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<xml><records>
<record><ref-type name="Journal Article">17</ref-type>
 <contributors><authors>
  <author><style face="normal" font="default" size="100%">Chapman, A. G.</style></author>
  <author>van der Berg, Jan</author><author>et al.</author></authors></contributors>
 <titles><title><style face="normal">Seizures and <style face="italic">mice</style></style></title>
  <secondary-title>Epilepsia</secondary-title></titles>
 <periodical><full-title>Epilepsia</full-title></periodical>
 <pages>1-9</pages><volume>12</volume><number>3</number>
 <dates><year>2001</year><pub-dates><date>May 12</date></pub-dates></dates>
 <electronic-resource-num>https://doi.org/10.1000/ABC</electronic-resource-num>
 <keywords><keyword>a</keyword><keyword>b</keyword></keywords>
 <urls><related-urls><url>https://example.org/x</url></related-urls></urls>
</record>
<record><ref-type name="Book">6</ref-type><titles><title>Second</title></titles></record>
</records></xml>
"""


def test_endnote_shape_with_style_wrappers():
    result = converters.read(SAMPLE)  # sniffed
    assert [r.id for r in result.records] == ["chapman-seizures", "second"]
    data = result.records[0].data
    assert data["author"] == [{"family": "Chapman", "given": "A. G."},
                              {"family": "Berg", "given": "Jan",
                               "non-dropping-particle": "van der"}, {"literal": "others"}]
    assert data["title"] == "Seizures and <i>mice</i>"
    assert (data["container-title"], data["page"], data["volume"], data["issue"]) == \
        ("Epilepsia", "1-9", "12", "3")
    assert data["issued"] == {"date-parts": [[2001, 5, 12]]}
    assert data["DOI"] == "10.1000/ABC" and data["keyword"] == "a, b"
    assert result.records[0].origin.line == 3 and result.records[0].origin.fields["DOI"] == 12


def test_a_broken_document_keeps_the_records_before_the_break():
    broken = SAMPLE.replace("<record><ref-type name=\"Book\">6</ref-type>", "<record><oops>")
    result = converters.read(broken, "endnote-xml")
    assert [r.id for r in result.records][:1] == ["chapman-seizures"]
    assert any(d.code == "syntax-error" and d.location.line for d in result.diagnostics)


def test_entities_are_never_expanded():
    hostile = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
               '<xml><records><record><ref-type name="Book">6</ref-type><titles><title>&e;'
               '</title></titles><dates><year>2001</year></dates></record></records></xml>')
    result = converters.read(hostile, "endnote-xml")
    assert result.records[0].data.get("title") in (None, "")
    assert any(d.code == "entity-unexpanded" for d in result.diagnostics)


def test_rich_text_titles_go_both_ways_as_styles():
    record = converters.Record({"id": "x", "type": "article-journal",
                                "title": "On <i>E. coli</i> and H<sub>2</sub>O"})
    text = converters.write([record], "endnote-xml").text
    assert '<style face="italic" font="default" size="100%">E. coli</style>' in text
    assert converters.read(text, "endnote-xml").records[0].data["title"] == \
        record.data["title"]


def test_written_xml_reads_back_in_zotero_importer_shape():
    from lxml import etree

    records = converters.read(SAMPLE).records
    text = converters.write(records, "endnote-xml").text
    root = etree.fromstring(text.encode())
    record = root.find("records/record")
    assert record.find("ref-type").get("name") == "Journal Article"
    assert record.find("ref-type").text == "17"
    assert [a.text for a in record.findall("contributors/authors/author")] == \
        ["Chapman, A. G.", "van der Berg, Jan", "et al."]
    assert record.find("periodical/full-title").text == "Epilepsia"
    assert record.find("electronic-resource-num").text == "10.1000/ABC"
    assert record.find("dates/year").text == "2001"
    back = converters.read(text, "endnote-xml").records
    assert back[0].data["author"] == records[0].data["author"]



HOSTILE = {
    "billion-laughs": ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                       + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                                 for i in range(9))
                       + ']><xml><records><record><ref-type name="Book">6</ref-type><titles>'
                         '<title>&j;</title></titles></record></records></xml>', 0),
    "remote-dtd": ('<?xml version="1.0"?><!DOCTYPE xml SYSTEM "http://example.invalid/x.dtd">'
                   '<xml><records><record><ref-type name="Book">6</ref-type><titles><title>T'
                   '</title></titles></record></records></xml>', 1),
    "100000-deep": ("<xml><records>" + "<record>" * 100_000 + "</record>" * 100_000
                    + "</records></xml>", 0),
    "truncated": (SAMPLE[: SAMPLE.index("<record><ref-type name=\"Book\"") + 20], 1),
}


def test_hostile_xml_is_refused_or_read_without_expansion():
    import pytest as _pytest  # noqa: F401

    for name, (text, records) in HOSTILE.items():
        result = converters.read(text, "endnote-xml")
        assert len(result.records) == records, name
        assert "aaaaaaaaaa" not in str([r.data for r in result.records]), name
        if name != "remote-dtd":
            assert any(d.severity.value == "error" for d in result.diagnostics), name


def test_sniffer_scores_real_endnote_high_and_jats_nothing():
    """The registry chooses among the .xml formats by these scores."""
    import json

    from converters.formats import jats
    from converters.formats.endnote_xml import sniff
    from tests.support import FIXTURES, corpus

    endnote = [p.read_text(encoding="utf-8-sig") for p in
               sorted((FIXTURES / "endnote" / "jabref").glob("*.xml"))]
    try:
        cases = json.loads(corpus("zotero-translator-tests", "Endnote-XML.testcases.json")
                           .read_text(encoding="utf-8"))
        endnote += [case["input"] for case in cases]
    except pytest.skip.Exception:  # the shared corpus is absent: the fixtures alone
        pass
    assert len(endnote) >= 7
    for text in endnote:
        assert sniff(text) >= 0.9 and sniff(text) > jats.sniff(text)
    articles = [p.read_text(encoding="utf-8", errors="replace") for p in
                sorted((FIXTURES / "jats").rglob("*.xml"))]
    assert articles
    for text in articles + [SAMPLE.replace("<records>", "<ref-list>")]:
        assert sniff(text) == 0.0
    assert sniff("<?xml version='1.0'?>\n<article><front/><back><ref-list/></back></article>") \
        == 0.0


KEPT = """<?xml version="1.0" encoding="UTF-8"?>
<xml><records><record>
 <database name="My EndNote Library.enl">My EndNote Library.enl</database>
 <source-app name="EndNote" version="20.0">EndNote</source-app><rec-number>7</rec-number>
 <ref-type name="Book">6</ref-type>
 <auth-address><style face="normal" font="default" size="100%">Univ Chicago, IL</style></auth-address>
 <titles><title>First title</title><title>Second title</title>
  <translated-title>Titre</translated-title></titles>
 <alt-periodical><full-title>Ecology</full-title></alt-periodical>
 <isbn>978-1-234-56789-7; 978-0-306-40615-7</isbn>
 <custom1>Shelf 3</custom1>
</record></records></xml>
"""


def test_what_no_variable_takes_is_kept_reported_and_written_back():
    result = converters.read(KEPT, "endnote-xml")
    data = result.records[0].data
    assert data["title"] == "First title" and data["ISBN"] == "978-1-234-56789-7"
    kept = {"auth-address": ["Univ Chicago, IL"], "titles/title": ["Second title"],
            "titles/translated-title": ["Titre"], "alt-periodical/full-title": ["Ecology"],
            "isbn": ["978-0-306-40615-7"], "custom1": ["Shelf 3"]}
    assert data["custom"]["endnote"] == kept
    reported = sorted(d.message.split()[2] for d in result.diagnostics
                      if d.code == "field-unmapped")
    assert reported == sorted(kept)  # one report each; the library bookkeeping is not one
    assert all(d.location.line for d in result.diagnostics)
    back = converters.read(converters.write(result.records, "endnote-xml").text,
                           "endnote-xml").records[0].data
    assert back["custom"]["endnote"] == kept and back["title"] == "First title"
    ris = converters.write(result.records, "ris")
    assert [d.location.pointer for d in ris.diagnostics] == ["/custom/endnote"]


def test_a_standards_isbn_is_its_document_number():
    """EndNote's Standard labels <isbn> "Document Number" and <number>
    "Start Page" (as its RIS export's SN and M1): the number is the
    standard's, not an ISSN; the start page is kept and written back."""
    text = ('<xml><records><record><ref-type name="Standard">58</ref-type>'
            "<titles><title>Quality management systems</title></titles>"
            "<isbn>ISO 9001:2015</isbn><number>12</number></record></records></xml>")
    data = converters.read(text, "endnote-xml").records[0].data
    assert data["type"] == "standard" and data["number"] == "ISO 9001:2015"
    assert "ISSN" not in data and data["custom"]["endnote"] == {"number": ["12"]}
    written = converters.write(converters.read(text, "endnote-xml").records, "endnote-xml")
    assert "<isbn>ISO 9001:2015</isbn>" in written.text and not written.diagnostics
    again = converters.read(written.text, "endnote-xml").records[0].data
    assert (again["number"], again["custom"]["endnote"]) == (data["number"],
                                                            data["custom"]["endnote"])


def test_endnote_xml_written_by_jabref_reads_whole():
    """JabRef's own EndNote XML export (fixtures/endnote/jabref-export/):
    every record, no error; its dialect's departures kept, not lost."""
    from tests.support import FIXTURES

    folder = FIXTURES / "endnote" / "jabref-export"
    files = sorted(folder.glob("*.xml"))
    assert len(files) == 2
    for path in files:
        result = converters.read(path, "endnote-xml")
        assert len(result.records) == path.read_text(encoding="utf-8").count("<record>")
        assert not [d for d in result.diagnostics if d.severity.value == "error"]
    paper, book = converters.read(folder / "EndnoteXmlExportTestMultipleEntries.xml",
                                  "endnote-xml").records
    data = paper.data
    assert (data["title"], data["DOI"], data["ISBN"], data["page"]) == (
        "Episode-Rule Mining with Minimal Occurrences via First Local Maximization in "
        "Confidence", "10.1145/3287921.3287982", "9781450365390", "130--136")
    assert data["author"] == [{"family": "Dai", "given": "H. K."}]
    assert data["issued"] == {"date-parts": [[2018]]}
    # "Conference" is JabRef's name, not EndNote's: kept, read as a document
    assert data["type"] == "document" and data["custom"]["endnote-type"] == "Conference"
    assert data["custom"]["endnote"]["dates/month"] == ["12"]
    # JabRef writes a book's editors as <secondary-authors>, which EndNote's
    # Book labels "Series Editor" (and Zotero reads so): read by EndNote's label
    assert [n["family"] for n in book.data["collection-editor"]] == \
        ["Bhattacharyya", "McCormick"]


def test_a_standards_isbn_is_its_number_whole_as_a_ris_sn():
    """EndNote's Standard labels <isbn> "Document Number": one value, as a
    RIS standard's SN, written back as one <isbn>."""
    text = ('<xml><records><record><ref-type name="Standard">58</ref-type>'
            "<titles><title>Q</title></titles><isbn>ISO 1; ISO 2</isbn></record></records></xml>")
    record = endnote_xml.read(text).records[0]
    assert record.data["number"] == "ISO 1; ISO 2" and "custom" not in record.data
    assert endnote_xml.write([record]).text.count("<isbn>") == 1


# -- a Journal Article's <edition> is EndNote's "Epub Date" (issue 17) ----------

def test_a_journal_articles_edition_is_its_epub_date_read_and_written_back():
    """EndNote labels a Journal Article's Edition field "Epub Date" (its
    every-field RIS export writes "ET  - Epub Date" for JOUR, Zotero's import
    test case 2); an Electronic Article's edition stays its edition."""
    xml = ('<xml><records>'
           '<record><ref-type name="Journal Article">17</ref-type><titles><title>A</title>'
           '</titles><edition>2019/05/12</edition></record>'
           '<record><ref-type>17</ref-type><titles><title>B</title></titles>'
           '<edition>Jun 3 2020</edition></record>'
           '<record><ref-type name="Journal Article">17</ref-type><titles><title>C</title>'
           '</titles><edition>Epub Date</edition></record>'
           '<record><ref-type name="Electronic Article">43</ref-type><titles><title>D</title>'
           '</titles><edition>2nd</edition></record></records></xml>')
    read = [r.data for r in converters.read(xml, "endnote-xml").records]
    assert read[0]["available-date"] == {"date-parts": [[2019, 5, 12]]}
    assert read[1]["available-date"] == {"date-parts": [[2020, 6, 3]]}
    assert read[2]["custom"]["endnote"] == {"edition": ["Epub Date"]}  # no date: kept
    assert read[3]["edition"] == "2nd" and "available-date" not in read[3]
    assert not any("edition" in d for d in read[:3])
    records = converters.read(xml, "endnote-xml").records
    written = converters.write(records, "endnote-xml")
    back = [r.data for r in converters.read(written.text, "endnote-xml").records]
    assert [b.get("available-date") for b in back[:3]] == \
        [read[0]["available-date"], read[1]["available-date"], None]
    assert back[2]["custom"]["endnote"] == read[2]["custom"]["endnote"]
    # the Electronic Article is written as a Journal Article: its edition has
    # no place there, and is reported
    assert [(d.record, d.location.pointer) for d in written.diagnostics] == \
        [(records[3].id, "/edition")]


def test_pubmed_through_endnote_epub_dates_survive_endnote_xml():
    """The six e-publication dates of a real PubMed export through EndNote
    (RIS ET of JOUR) come back from EndNote XML."""
    records = converters.read(FIXTURES / "ris" / "exports" / "pubmed-via-endnote.ris").records
    dated = {r.id: r.data["available-date"] for r in records if "available-date" in r.data}
    assert len(dated) == 6
    written = converters.write(records, "endnote-xml")
    assert not [d for d in written.diagnostics if d.location.pointer == "/available-date"]
    back = converters.read(written.text, "endnote-xml").records
    assert {r.id: r.data["available-date"] for r in back if "available-date" in r.data} == dated


def test_an_available_date_elsewhere_is_reported():
    item = {"id": "b", "type": "book", "title": "T", "available-date": {"date-parts": [[2020]]}}
    written = converters.write([converters.Record(item)], "endnote-xml")
    assert "<edition>" not in written.text
    assert [d.location.pointer for d in written.diagnostics] == ["/available-date"]


def test_a_reports_container_and_a_notes_lines_come_back():
    """A report's secondary title is its series, so its container (an arXiv
    preprint typed as a report) is written in <periodical> alone and read
    back from there; a note's lines stay lines (EndNote 15's notes, as in
    JabRef's and pandoc's samples, hold several)."""
    item = {"id": "r", "type": "report", "title": "T", "container-title": "arXiv",
            "collection-title": "Working papers", "note": "V02fg\nTimes Cited:5"}
    written = converters.write([converters.Record(item)], "endnote-xml")
    assert not written.diagnostics
    back = converters.read(written.text, "endnote-xml").records[0].data
    assert (back["container-title"], back["collection-title"], back["note"]) == \
        ("arXiv", "Working papers", "V02fg\nTimes Cited:5")
    assert "<secondary-title>Working papers</secondary-title>" in written.text
