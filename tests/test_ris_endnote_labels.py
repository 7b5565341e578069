"""Tags read by what EndNote labels them in a type (issue 17's reader bugs),
on real files: a standard's SN is its document number, a journal article's
ET its e-publication date (PubMed records through EndNote), an unpublished
work's T2 and A2 its series and series editor; and the Cochrane Library's
header blocks between records are skipped in silence, as Zotero and
EndNote skip them, while other stray text is still reported."""
from __future__ import annotations

import json
import re

import converters
from tests.support import FIXTURES, corpus

EXPORTS = FIXTURES / "ris" / "exports"


def _endnote_every_type(ris_type: str) -> tuple[dict, dict]:
    """bibconv's record and Zotero's item for one type of EndNote's "every
    field of every type" export (Zotero's RIS import test case 2)."""
    case = json.loads(corpus("zotero-translator-tests", "RIS.testcases.json")
                      .read_text(encoding="utf-8"))[2]
    types = [t.upper() for t in re.findall(r"^TY\s+-\s*(\S+)", case["input"], re.M)]
    index = types.index(ris_type)
    return converters.read(case["input"], "ris").records[index].data, case["items"][index]


def test_a_standards_sn_is_its_document_number():
    data, item = _endnote_every_type("STAND")
    assert data["type"] == "standard"
    # Zotero reads it as the report's number (reportNumber, CSL number)
    assert data["number"] == item["reportNumber"] == "Document Number"
    assert "ISSN" not in data and "ISBN" not in data
    assert data["custom"]["ris"]["M1"] == ["Start Page"]  # no CSL variable: kept


def test_a_standard_writes_its_number_in_sn_and_reads_it_back():
    written = converters.write(converters.read(
        "TY  - STAND\nTI  - Quality management\nSN  - ISO 9001:2015\nER  - \n", "ris").records,
        "ris")
    assert "SN  - ISO 9001:2015" in written.text and not written.diagnostics
    assert converters.read(written.text, "ris").records[0].data["number"] == "ISO 9001:2015"


def test_a_standards_issn_is_reported_not_written_as_its_number():
    record = converters.read(json.dumps(
        [{"id": "s", "type": "standard", "title": "T", "ISSN": "1234-5678"}]), "csljson").records
    written = converters.write(record, "ris")
    assert "SN  -" not in written.text
    assert [(d.code, d.record) for d in written.diagnostics] == [("field-dropped", "s")]


def test_pubmed_through_endnote_et_is_the_e_publication_date():
    records = converters.read(EXPORTS / "pubmed-via-endnote.ris").records
    text = (EXPORTS / "pubmed-via-endnote.ris").read_text(encoding="utf-8")
    given = re.findall(r"^ET  - (\d{4})/(\d{2})/(\d{2})", text, re.M)
    dated = [r.data for r in records if "available-date" in r.data]
    assert len(dated) == len(given) == 6
    assert [d["available-date"]["date-parts"][0] for d in dated] == \
        [[int(p) for p in g] for g in given]
    assert not any("edition" in r.data for r in records)


def test_endnote_every_type_journal_article_et_label_is_kept_not_an_edition():
    data, _ = _endnote_every_type("JOUR")  # "ET  - Epub Date": a label, no date
    assert "edition" not in data and "available-date" not in data
    assert data["custom"]["ris"]["ET"] == ["Epub Date"]


def test_an_unpublished_works_t2_is_its_series():
    data, _ = _endnote_every_type("UNPB")
    assert data["collection-title"] == "Series Title"
    assert "container-title" not in data
    assert data["collection-editor"] == [{"family": "Editor", "given": "Series"}]
    assert data["custom"]["ris"]["T3"] == ["Department"]
    again = converters.read(converters.write(
        [converters.read("TY  - UNPB\nTI  - W\nT2  - Working papers\nER  - \n", "ris")
         .records[0]], "ris").text, "ris").records[0].data
    assert again["collection-title"] == "Working papers"


def test_procites_unpublished_work_keeps_its_editor():
    case = json.loads(corpus("zotero-translator-tests", "RIS.testcases.json")
                      .read_text(encoding="utf-8"))[4]
    unpublished = [r.data for r in converters.read(case["input"], "ris").records
                   if r.data.get("title") == "Title" and r.data["type"] == "article"]
    assert unpublished and unpublished[0]["editor"] == [{"literal": "Editor(s)"}]


def test_cochrane_header_blocks_are_skipped_in_silence():
    result = converters.read(EXPORTS / "cochrane.ris")
    text = (EXPORTS / "cochrane.ris").read_text(encoding="utf-8")
    assert len(re.findall(r"^Record #\d+ of \d+$", text, re.M)) == len(result.records) == 3
    assert [d for d in result.diagnostics if d.code != "field-unmapped"] == []


def test_other_stray_text_is_still_reported():
    text = ("Provider: someone\nTY  - JOUR\nTI  - One\nER  - \n"
            "Record #2 of 2\nProvider: John Wiley & Sons, Ltd.\nTY  - JOUR\nTI  - Two\nER  - \n"
            "AU  - Stray, Tag\n")
    result = converters.read(text, "ris")
    assert [r.data["title"] for r in result.records] == ["One", "Two"]
    assert [(d.code, d.location.line) for d in result.diagnostics] == \
        [("syntax-error", 1), ("record-invalid", 10)]
