"""Real RIS exports of reference managers and databases (fixtures/ris/exports/,
sources in SOURCES.md there): every record read, no traceback, and what a
careful reader checks: each record's title, authors, year and DOI, facts
spot-checked against the files, and one paper read alike from every
manager's export of it."""
from __future__ import annotations

import re
from collections import defaultdict

import pytest

import converters
from converters.model import strip_markup
from tests.support import FIXTURES

EXPORTS = FIXTURES / "ris" / "exports"
FILES = sorted(EXPORTS.glob("*.ris"))
# The findings a file earns, (code, line): none.  Cochrane's header blocks
# ("Record #3 of 18", "Provider: ...", "Content: ...") stand outside the
# records and are skipped in silence, as Zotero and EndNote skip them.
EXPECTED_FINDINGS: dict[str, list] = {}
# Records a source itself gives no author (checked by title).
NO_AUTHOR = {"eric-ovid.ris": ["Clues from the Past."]}


def _read(path):
    return converters.read(path)


def _records_in(text: str) -> int:
    return len(re.findall(r"^\ufeff?TY {1,2}- ", text, re.M))


def test_the_exports_are_there():
    names = {p.name for p in FILES}
    for source in ("mendeley", "mendeley-desktop", "web-of-science", "scopus", "endnote",
                   "pubmed-via-endnote", "zotero"):
        assert f"{source}.ris" in names
    assert (EXPORTS / "SOURCES.md").read_text(encoding="utf-8").count("| `") >= len(FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_record_is_read_with_title_authors_year(path):
    text = path.read_text(encoding="utf-8-sig")
    result = _read(path)
    assert len(result.records) == _records_in(text) > 0
    found = [(d.code, d.location.line) for d in result.diagnostics if d.code != "field-unmapped"]
    assert found == EXPECTED_FINDINGS.get(path.name, [])
    without = []
    for record in result.records:
        data = record.data
        assert data.get("title", "").strip() == data["title"] != ""
        year = data["issued"]["date-parts"][0][0]
        assert 1900 < year <= 2026, (path.name, record.id)
        if not data.get("author"):
            without.append(data["title"])
        for name in data.get("author", []):
            assert name.get("family") or name.get("literal"), (path.name, name)
    assert without == NO_AUTHOR.get(path.name, [])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_doi_in_the_file_is_read(path):
    text = path.read_text(encoding="utf-8-sig")
    given = [re.search(r"10\.\d+/\S+", m.group(1)).group(0).lower()
             for m in re.finditer(r"^DO {1,2}- +(\S.*?)\s*$", text, re.M)
             if re.search(r"10\.\d+/", m.group(1))]
    read = [r.data["DOI"].lower() for r in _read(path).records if r.data.get("DOI")]
    assert read == given


def _first_family(data: dict) -> str:
    first = (data.get("author") or [{}])[0]
    return " ".join(p for p in (first.get("non-dropping-particle"), first.get("family")) if p) \
        or first.get("literal", "")


def _plain(title: str) -> str:
    return " ".join(re.sub(r"\W+", " ", title.lower()).split())


def test_one_paper_reads_alike_from_every_managers_export():
    """The collection's papers, exported by Mendeley, EndNote, Zotero,
    RefWorks, Embase, Covidence and EPPI-Reviewer (EPPI-Reviewer in
    "Family Initials" names): the same year, title and first author."""
    seen: dict[str, dict[str, tuple]] = defaultdict(dict)
    for path in FILES:
        for record in _read(path).records:
            data = record.data
            if data.get("DOI"):
                seen[data["DOI"].lower()][path.stem] = (
                    data["issued"]["date-parts"][0][0], _plain(data["title"]),
                    _first_family(data))
    shared = {doi: by for doi, by in seen.items() if len(by) >= 5}
    assert len(shared) >= 10
    for doi, by in shared.items():
        assert len(set(by.values())) == 1, (doi, by)
    assert {"mendeley", "endnote", "zotero", "refworks"} <= set(shared["10.1002/ar.25520"])


def test_mendeley_reference_manager_record():
    record = _read(EXPORTS / "mendeley.ris").records[0].data
    assert record["title"] == ("Description of a new specimen of Haplocanthosaurus from the "
                               "Dry Mesa Dinosaur Quarry")
    assert [n["family"] for n in record["author"]] == ["Boisvert", "Curtice", "Wedel", "Wilhite"]
    assert (record["container-title"], record["DOI"], record["issued"]) == \
        ("Anatomical Record", "10.1002/ar.25520", {"date-parts": [[2024]]})
    # its second URL is not lost
    assert record["custom"]["ris"]["UR"] == ["http://dx.doi.org/10.1002/ar.25520"]


def test_mendeley_desktop_record():
    records = _read(EXPORTS / "mendeley-desktop.ris").records
    first = records[0].data
    assert len(records) == 2 and len(first["author"]) == 12
    assert first["author"][2] == {"family": "Vuuren", "given": "D.P.",
                                  "non-dropping-particle": "van"}
    assert first["issued"] == {"date-parts": [[2017, 8]]}  # "Y1  - 2017/08//"
    assert (first["container-title"], first["publisher"], first["page"]) == \
        ("Transportation Research Part D: Transport and Environment", "Pergamon", "281-293")
    assert first["abstract"].startswith("The transport sector is growing fast")  # N2
    assert first["custom"]["ris"]["L1"][0].endswith("Comparing results of global integrated "
                                                    "assessment models.pdf")


def test_web_of_science_record():
    record = _read(EXPORTS / "web-of-science.ris").records[0].data
    assert record["title"] == ("New Horned Dinosaurs from Utah Provide Evidence for "
                               "Intracontinental Dinosaur Endemism")
    assert record["author"][0] == {"family": "Sampson", "given": "SD"}
    assert (record["container-title"], record["volume"], record["issue"], record["DOI"]) == \
        ("PLOS ONE", "5", "9", "10.1371/journal.pone.0012292")
    assert record["archive_location"] == "WOS:000282053100002"


def test_cochrane_values_after_two_spaces_and_pubmed_through_endnote():
    cochrane = _read(EXPORTS / "cochrane.ris").records[0].data
    assert cochrane["type"] == "article-journal"  # "TY  -  JOUR"
    assert (cochrane["container-title"], cochrane["archive_location"]) == ("Trials",
                                                                           "CN-00778158")
    pubmed = _read(EXPORTS / "pubmed-via-endnote.ris").records[0].data
    assert pubmed["author"][0] == {"family": "Abdel-Tawab", "given": "M."}
    assert (pubmed["archive_location"], pubmed["DOI"], pubmed["page"]) == \
        ("21553931", "10.2165/11586800-000000000-00000", "349-69")


def test_eppi_reviewer_names_in_vancouver_order():
    record = _read(EXPORTS / "eppi-reviewer.ris").records[0].data
    assert all("family" in n and "given" in n for n in record["author"])
    assert record["author"][0]["given"].replace(" ", "").isupper()


def test_rayyan_doi_line_with_its_link_run_on():
    """Rayyan writes "DO  - 10.1038/...     LK  - https://..." on one line:
    the DOI is its first word, and the LK run on after it is kept as LK; the
    RIS written back has one DO line (citation-js stops at a second one)."""
    records = _read(EXPORTS / "rayyan.ris").records
    record = records[0].data
    assert record["DOI"] == "10.1038/s41467-024-48400-3"
    assert "DO" not in record["custom"]["ris"]
    assert record["custom"]["ris"]["LK"][0].startswith("https://utrechtuniversity.")
    written = converters.write(records, "ris").text
    assert written.count("\nDO  - ") == sum(1 for r in records if "DOI" in r.data)
    again = converters.read(written, "ris").records
    assert [r.data for r in again] == [r.data for r in records]


# -- written back: every export round trips, and citation-js reads our RIS ----

@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_export_written_back_reads_to_the_same_records(path):
    """What bibconv reads of a real export comes back whole from its own RIS
    (the kept tags too), but for rich text: RIS is written as plain text,
    and the title whose markup is left out is reported."""
    records = _read(path).records
    written = converters.write(records, "ris")
    assert [(d.code, d.record, d.location.pointer) for d in written.diagnostics] == [
        ("field-altered", r.id, "/title") for r in records
        if strip_markup(r.data.get("title", "")) != r.data.get("title", "")]
    again = converters.read(written.text, "ris").records

    def plain(data: dict) -> dict:
        return {k: strip_markup(v) if k == "title" else v for k, v in data.items()}

    assert [plain(r.data) for r in again] == [plain(r.data) for r in records]


@pytest.mark.slow
def test_citation_js_reads_our_ris_of_every_export_alike():
    from tests.test_ris_citationjs import _citation_js, _facts, _particle_family

    records = [r for path in FILES for r in _read(path).records]
    theirs = _citation_js(converters.write(records, "ris").text)
    assert len(theirs) == len(records)
    wrong = []
    for record, item in zip(records, theirs, strict=True):
        ours = _facts(dict(record.data, author=[
            {"family": _particle_family(p)} if "family" in p else p
            for p in record.data.get("author") or []]))
        got = _facts(item)
        wrong += [(record.id, k, ours[k], got[k]) for k in ours if ours[k] != got[k]]
    assert wrong == []


def test_ovid_psycinfo_cited_works_are_not_an_editor_and_an_issue():
    """Ovid's APA PsycInfo export gives the cited works' authors in A2 and
    each cited reference in an M1: kept verbatim, not read as an editor and
    an issue."""
    records = _read(EXPORTS / "psycinfo-ovid.ris").records
    text = (EXPORTS / "psycinfo-ovid.ris").read_text(encoding="utf-8")
    first = records[0].data
    assert "editor" not in first and "issue" not in first
    assert first["volume"] == "13" and first["DOI"] == "10.1186/s11689-021-09396-9"
    cited = [r.data["custom"]["ris"]["M1"] for r in records]
    assert sum(map(len, cited)) == len(re.findall(r"^M1  - ", text, re.M))
    assert first["custom"]["ris"]["A2"][0].startswith("Achenbach, T., Rescorla, L.")


def test_a_psycinfo_chapter_with_its_editor_and_one_m1_reads_as_any_other():
    # the database's quirk is read only where the record has its shape (a
    # list of cited works): a chapter's editor stays an editor (review)
    text = ("TY  - CHAP\nDB  - APA PsycInfo\nTI  - A chapter\nAU  - Doe, Jane\n"
            "A2  - Editor, Ed\nT2  - The Book\nM1  - 3\nPY  - 2020\nER  - \n")
    psycinfo, other = (converters.read(text.replace("APA PsycInfo", db), "ris").records[0]
                       for db in ("APA PsycInfo", "Another Database"))
    assert psycinfo.data["editor"] == [{"family": "Editor", "given": "Ed"}]
    assert dict(psycinfo.data, archive="") == dict(other.data, archive="")


def test_a_thin_space_and_two_spaces_survive_the_writer():
    """Citavi's abstracts write p-values with thin spaces (p\u2009=\u20090.871),
    Scopus's two spaces before its copyright line: RIS writes them as given."""
    citavi = _read(EXPORTS / "citavi.ris").records
    assert "p\u2009=\u20090.871" in citavi[0].data["abstract"]
    written = converters.write(citavi + _read(EXPORTS / "scopus.ris").records, "ris").text
    assert "p\u2009=\u20090.871" in written and ".  © 2024 The Author(s)" in written
