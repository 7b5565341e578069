"""PubMed XML (``pubmed-xml``, read only; issue 14): NLM's
<PubmedArticleSet> read into CSL on real samples (fixtures/pubmed,
SOURCES.md), a golden file for what the samples lack, a negative fixture,
how the format is found, and bibutils' med2xml as a peer on the real
samples."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

import converters
from converters import api
from converters.formats.pubmed import sniff
from converters.formats.pubmed.values import full_range, medline_date
from converters.registry import default_registry
from tests.support import FIXTURES, check_golden, corpus, run_cli

SAMPLES = FIXTURES / "pubmed"
REAL = sorted(p for p in SAMPLES.glob("*.xml") if p.name.startswith(
    ("titipata-", "biopython-", "jabref-")))


def _read(name: str):
    result = api.read(str(SAMPLES / name), "pubmed-xml")
    return {r.data["PMID"]: r for r in result.records}, result.diagnostics


def _kept_in_custom(diagnostics, records, path) -> None:
    """Every finding is a field-unmapped info on a line of ``path`` that
    holds the element it names, for a record whose custom holds it."""
    lines = path.read_text(encoding="utf-8").split("\n")
    by_id = {r.id: r.data for r in records}
    for d in diagnostics:
        if d.location.pointer in ("/custom/references", "/custom/affiliations"):
            # the cited works reduced to ids, the affiliations by author (attached.py)
            assert d.severity.value == "info" and "<Reference" in lines[d.location.line - 1] \
                if d.code == "field-dropped" else "<Affiliation" in lines[d.location.line - 1]
            assert d.location.pointer.rsplit("/", 1)[1] in by_id[d.record]["custom"], d
            continue
        assert (d.code, d.severity.value, d.location.file) == ("field-unmapped", "info",
                                                                str(path)), d
        match = re.match(r"/custom/([^/]+)/(.+)", d.location.pointer)
        assert match, d
        where, key = match.groups()
        key = key.replace("~1", "/").replace("~0", "~")
        assert key in by_id[d.record]["custom"][where], d
        if where == "pubmed":
            element = re.sub(r"\[.*", "", key.rsplit("/", 1)[-1])
            assert f"<{element}" in lines[d.location.line - 1], d


def test_features_golden(update_golden):
    result = converters.convert(SAMPLES / "features.xml", "csljson")
    _kept_in_custom(result.diagnostics, result.records, SAMPLES / "features.xml")
    check_golden("pubmed-features.csl.json", result.text, update_golden)


def test_what_csl_holds_is_mapped_and_the_rest_kept_and_reported():
    records, found = _read("features.xml")
    first, second = records["10000001"], records["10000002"]
    # ISSN holds several: the journal's and the linking ISSN
    assert first.data["ISSN"] == "0000-0019, 0000-0035"
    # grants in MEDLINE's own form (its GR field), a line each
    assert first.data["note"] == ("Grant: R01 GM012345/GM/NIGMS NIH HHS/United States\n"
                                  "Grant: Test Trust/United Kingdom")
    # CSL's language is one tag: the second <Language> is kept and said
    assert first.data["language"] == "fr"
    pubmed = first.data["custom"]["pubmed"]
    assert pubmed["MedlineCitation/Article/Language"] == ["eng"]
    assert pubmed["MedlineCitation/MeshHeadingList/MeshHeading/QualifierName"] == ["metabolism"]
    # the cited works, as their ids (their citation text left out, said once)
    assert first.data["custom"]["references"] == [{"PMID": "999",
                                                   "DOI": "10.9999/not.this.one"}]
    assert not [path for path in pubmed if "ReferenceList" in path]
    # a second DOI and a second pii: kept with the other ids, by kind
    assert second.data["DOI"] == "10.1000/test.0002"
    assert second.data["custom"]["pub-ids"] == {"pii": "e0012", "doi": "10.1000/test.0002.v2",
                                                "pii-2": "S0000-0000(20)00012-3"}
    said = {(d.record, d.location.pointer): d.location.line for d in found}
    text = (SAMPLES / "features.xml").read_text(encoding="utf-8")
    line = text[:text.index("test.0002.v2")].count("\n") + 1
    assert said[("nakamura-question", "/custom/pub-ids/doi")] == line
    assert said[("smith-effects", "/custom/pubmed/MedlineCitation~1Article~1Language")] == \
        text[:text.index("<Language>eng")].count("\n") + 1
    # said as a second one, not as an element CSL has no variable for
    messages = {(d.record, d.location.pointer): d.message for d in found}
    assert "given again" in messages[("smith-effects",
                                      "/custom/pubmed/MedlineCitation~1Article~1Language")]
    assert "no CSL variable" in messages[(
        "smith-effects", "/custom/pubmed/MedlineCitation~1MeshHeadingList~1MeshHeading~1"
        "QualifierName")]


def test_the_real_samples_read_with_only_what_was_kept_said():
    assert len(REAL) == 5
    kept = set()
    for path in REAL:
        result = api.read(str(path))  # found by content: .xml is claimed by four formats
        _kept_in_custom(result.diagnostics, result.records, path)
        kept |= {d.location.pointer for d in result.diagnostics}
        assert result.records and all(r.data.get("title") and r.data.get("PMID")
                                      for r in result.records), path.name
    # what the real samples hold that CSL has no variable for (each said)
    assert {"/custom/affiliations", "/custom/references",
            "/custom/pubmed/MedlineCitation~1ChemicalList~1Chemical~1"
            "NameOfSubstance", "/custom/pubmed/PubmedData~1History~1PubMedPubDate"
            "[PubStatus=received]", "/custom/pub-ids/pii"} <= kept


def test_nejm_article_labels_ids_and_pages():
    records, _ = _read("titipata-pubmed-29768149.xml")
    data = records["29768149"].data
    assert data["title"] == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma"
    assert data["DOI"] == "10.1056/NEJMoa1715274"
    assert data["page"] == "1865-1876"
    assert data["issued"] == {"date-parts": [[2018, 5, 17]]}
    assert (data["container-title"], data["container-title-short"], data["ISSN"]) == (
        "The New England journal of medicine", "N Engl J Med", "1533-4406, 0028-4793")
    parts = data["abstract"].split("\n\n")
    assert [p.split(":")[0] for p in parts] == ["BACKGROUND", "METHODS", "RESULTS",
                                                 "CONCLUSIONS"]
    assert "fast-acting \u03b2 2-agonist" in parts[0]  # &#946; and <sub>2</sub>, as text
    assert data["author"][0] == {"family": "O'Byrne", "given": "Paul M"}
    assert data["language"] == "en"


def test_season_short_pages_and_a_doi_only_in_the_id_list():
    records, _ = _read("biopython-pubmed1.xml")
    first, second = records["12091962"].data, records["9997"].data
    assert first["issued"] == {"date-parts": [[1990]], "season": 1}
    assert (first["page"], second["page"]) == ("113-125", "179-191")
    assert second["DOI"] == "10.1016/0005-2795(76)90109-4"
    assert second["custom"]["pub-ids"] == {"pii": "0005-2795(76)90109-4"}
    assert "Social Control, Formal" in first["keyword"]


def test_rich_title_and_a_group_author():
    records, _ = _read("biopython-pubmed4.xml")
    assert "<i>TERT</i>" in records["27797938"].data["title"]
    records, _ = _read("biopython-pubmed7.xml")
    data = records["29963580"].data
    assert {"literal": "Canadian Respiratory Research Network"} in data["author"]


def test_cited_works_ids_never_become_the_articles():
    text = (SAMPLES / "biopython-pubmed7.xml").read_text(encoding="utf-8")
    cited = re.findall(r'<ArticleId IdType="pubmed">([^<]+)',
                       text[text.index("<ReferenceList>"):])
    assert len(cited) > 10  # the sample does hold cited works with ids of their own
    records, _ = _read("biopython-pubmed7.xml")
    data = records["29963580"].data
    assert (data["DOI"], data["PMCID"]) == ("10.1117/1.JMI.5.2.026002", "PMC6022861")
    assert data["custom"]["pub-ids"] == {"pii": "17360RR"}
    assert len(records) == 1
    features, _ = _read("features.xml")  # a cited work's DOI listed before nothing else
    assert features["10000001"].data["DOI"] == "10.1000/test.0001"


def test_a_bookshelf_book_alone_and_a_chapter():
    records, _ = _read("jabref-pubmed-book.xml")
    book = records["21413195"].data
    assert book["type"] == "book"
    assert book["title"].startswith("Rheumatoid Arthritis: National Clinical Guideline")
    assert (book["publisher"], book["publisher-place"], book["ISBN"]) == (
        "Royal College of Physicians (UK)", "London", "9781860163593")
    assert book["custom"]["pub-ids"] == {"bookaccession": "NBK51812"}
    records, _ = _read("features.xml")
    chapter = records["10000004"].data
    assert (chapter["type"], chapter["container-title"], chapter["chapter-number"]) == (
        "chapter", "Testing in Practice", "4")
    assert chapter["editor"] == [{"family": "Adam", "given": "Margaret P"}]


def test_an_incomplete_author_list_is_found_by_validate():
    result = converters.validate([SAMPLES / "features.xml"])
    found = [(d.code, d.location.line) for d in result.diagnostics
             if d.code == "authors-incomplete"]
    assert found == [("authors-incomplete", 24)]  # the <AuthorList CompleteYN="N">


@pytest.mark.parametrize("value, expected", [
    ("1998 Dec-1999 Jan", [[1998, 12], [1999, 1]]),
    ("2000 Nov-Dec", [[2000, 11], [2000, 12]]),
    ("2001 Nov 28-Dec 4", [[2001, 11, 28], [2001, 12, 4]]),
    ("2000 Dec 23-30", [[2000, 12, 23], [2000, 12, 30]]),
    ("1975-1976", [[1975], [1976]]),
    ("2010 Sep-Oct", [[2010, 9], [2010, 10]]),
])
def test_medline_date_ranges(value, expected):
    assert medline_date(value) == {"date-parts": expected}


@pytest.mark.parametrize("value, season", [
    ("2000 Spring", 1), ("Winter 2018", 4), ("Fall 1999", 3),
    ("2000 Spring-Summer", "Spring-Summer")])
def test_medline_date_seasons(value, season):
    assert medline_date(value)["season"] == season


@pytest.mark.parametrize("value", ["1999 Winter-2000 Spring", "2000 23", "Spring", "n.d."])
def test_medline_dates_that_are_not_read_stay_text(value, tmp_path):
    assert medline_date(value) is None
    path = tmp_path / "d.xml"
    path.write_text(
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><Journal>"
        f"<JournalIssue><PubDate><MedlineDate>{value}</MedlineDate></PubDate></JournalIssue>"
        "</Journal><ArticleTitle>T.</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
        "</PubmedArticleSet>", encoding="utf-8")
    issued = api.read(str(path)).records[0].data["issued"]
    assert value in (issued.get("raw"), issued.get("literal"))


@pytest.mark.parametrize("value, expected", [
    ("123-9", "123-129"), ("205-7", "205-207"), ("1865-1876", "1865-1876"),
    ("S12-9", "S12-S19"), ("e0012", "e0012"), ("R1-R12", "R1-R12"), ("99-101", "99-101")])
def test_medline_pages_in_full(value, expected):
    assert full_range(value) == expected


def test_the_negative_fixture_reports_each_bad_record_and_reads_the_others():
    path = SAMPLES / "broken.xml"
    result = api.read(str(path))
    assert [r.data["PMID"] for r in result.records] == ["20000001", "20000003", "20000004"]
    found = sorted((d.code, d.location.file, d.location.line) for d in result.diagnostics)
    assert found == [("record-invalid", str(path), 13), ("syntax-error", str(path), 23)]
    # the record after the break reads as if there were none (libxml2's
    # recovery alone would lose its "&amp;")
    assert result.records[2].data["title"] == "The record after the break & its ampersand"
    run = run_cli("convert", path, "-t", "csljson")
    assert run.returncode == 1 and len(json.loads(run.stdout)) == 3
    assert b"broken.xml:13: error record-invalid" in run.stderr
    assert b"Traceback" not in run.stderr


@pytest.mark.parametrize("text", [
    "", "<PubmedArticleSet></PubmedArticleSet>", "<PubmedArticleSet><PubmedArticle>",
    "<?xml version='1.0'?><!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
    "<PubmedArticleSet><PubmedArticle><MedlineCitation><Article><ArticleTitle>&x;"
    "</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>",
    "<PubmedArticleSet><PubmedBookArticle><BookDocument/></PubmedBookArticle>"
    "</PubmedArticleSet>",
])
def test_bad_documents_give_findings_never_a_traceback(text):
    result = api.read(text, "pubmed-xml")
    assert result.diagnostics
    assert all("root:" not in r.data.get("title", "") for r in result.records)


def test_found_by_content_and_never_taken_for_jats():
    registry = default_registry()
    for path in SAMPLES.glob("*.xml"):
        head = path.read_text(encoding="utf-8")
        assert registry.for_path(str(path), head).name == "pubmed-xml", path.name
        assert registry.sniff(head).name == "pubmed-xml", path.name
    for path in corpus("jats-articles").rglob("*.*ml"):
        assert sniff(path.read_text(encoding="utf-8")) == 0.0, path.name
    fmt = registry.get("pubmed")
    assert fmt.name == "pubmed-xml" and fmt.can_read and not fmt.can_write


def test_the_command_line_converts_to_bibtex_and_refuses_to_write_pubmed(tmp_path):
    run = run_cli("convert", SAMPLES / "titipata-pubmed-29768149.xml", "-t", "bibtex")
    assert run.returncode == 0, run.stderr
    assert b"10.1056/NEJMoa1715274" in run.stdout and b"1865--1876" in run.stdout
    refused = run_cli("convert", SAMPLES / "features.xml", "-t", "pubmed-xml")
    assert refused.returncode == 2 and b"Traceback" not in refused.stderr


# -- bibutils' med2xml as a peer ---------------------------------------------

def _med2xml(path) -> list[dict]:
    """What med2xml | xml2ris makes of a file: per record, its RIS tags."""
    med2xml, xml2ris = shutil.which("med2xml"), shutil.which("xml2ris")
    if not (med2xml and xml2ris):
        pytest.skip("bibutils (med2xml, xml2ris) is not installed")
    mods = subprocess.run([med2xml, str(path)], capture_output=True, check=True).stdout
    ris = subprocess.run([xml2ris], input=mods, capture_output=True, check=True).stdout
    records = []
    for block in ris.decode("utf-8").lstrip("\ufeff").split("ER  -"):
        tags: dict[str, list[str]] = {}
        for line in block.splitlines():
            if line[2:6] == "  - ":
                tags.setdefault(line[:2], []).append(line[6:].strip())
        if tags:
            records.append(tags)
    return records


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", re.sub(r"<[^>]+>", "", text).lower())


def _pmid(tags: dict) -> str | None:
    links = [u for u in tags.get("UR", []) if "/pubmed/" in u]
    return links[0].rsplit("/", 1)[1] if links else None


def test_med2xml_agrees_on_every_real_article():
    compared = 0
    for path in REAL:
        ours = {r.data["PMID"]: r.data for r in api.read(str(path)).records}
        # med2xml reads no Bookshelf record, and of two records on one line
        # (biopython-pubmed1.xml) only the first: it cuts its input by lines
        for tags in _med2xml(path):
            data = ours[_pmid(tags)]
            # med2xml drops the words inside <i>/<sub> of a title: compare its words
            assert set(_words(tags["TI"][0])) <= set(_words(data["title"])), path.name
            families = [a["family"] for a in data["author"] if "family" in a]
            assert [a.split(",")[0] for a in tags["AU"] if "," in a] == families
            assert tags["PY"][0] == str(data["issued"]["date-parts"][0][0])
            assert tags.get("VL", [None])[0] == data.get("volume")
            assert tags.get("IS", [None])[0] == data.get("issue")
            assert tags["SP"][0] == data["page"].split("-")[0]
            assert tags.get("DO", []) == ([data["DOI"]] if "DOI" in data else [])
            compared += 1
    assert compared == 4


def test_a_title_not_available_in_english_is_the_vernacular_one():
    text = ("<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>5</PMID><Article>"
            "<ArticleTitle>[Not Available].</ArticleTitle><Journal><Title>J</Title></Journal>"
            "<VernacularTitle>Über die Prüfung.</VernacularTitle></Article></MedlineCitation>"
            "</PubmedArticle></PubmedArticleSet>")
    data = api.read(text, "pubmed-xml").records[0].data
    assert data["title"] == "Über die Prüfung" and "original-title" not in data
