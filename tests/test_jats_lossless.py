"""JATS: nothing corrupted on read, nothing lost on write (issue 11, items
6, 7, 8, 10, 12; issue 16's eLife abstracts).  Entities read as characters,
group authors with their members, abstracts without their DOI lines, and a
writer whose every field either comes back or is reported."""
from __future__ import annotations

import importlib.util
import json
import re
from datetime import date

import pytest
from tests.support import FIXTURES, ROOT, SEED, corpus, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.test_jats import _assert_valid

import converters
from converters.model import Record
from converters.xmlsafe import character_entity

JATS = FIXTURES / "jats"


def _harness():
    spec = importlib.util.spec_from_file_location("jats_roundtrip",
                                                  ROOT / "benchmarks" / "jats_roundtrip.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- item 6: entities -----------------------------------------------------------

def test_standard_and_declared_entities_become_their_characters():
    result = converters.read(JATS / "entities.xml", "jats")
    first, second = (r.data for r in result.records)
    assert first["author"] == [{"family": "González", "given": "José"},
                               {"family": "Müller", "given": "Jörg"}]
    assert first["title"] == "β-Catenin signalling – a review of α- and 𝛂-forms"
    assert first["container-title"] == "Revista Española de Cardiología"
    assert first["URL"] == "https://example.org/Müller"  # in an attribute too
    assert second["container-title"] == ("Revista Española de Cardiología & "
                                         "Revista Española de Cardiología")
    assert second["title"] == "Unknown and external entities"
    notes = sorted((d.code, d.location.line, re.search(r"&[\w.]+", d.message).group(0))
                   for d in result.diagnostics)
    # one diagnostic a reference that could not be read, with its line
    assert notes == [("entity-unexpanded", 17, "&leak"),
                     ("entity-unexpanded", 17, "&notanentity")]


def test_the_jats_dtd_entity_sets_are_all_mapped():
    """Every character entity the JATS 1.3 DTD ships (ISO 8879, ISO 9573-13,
    MathML, the JATS additions) reads as the characters the DTD defines."""
    base = corpus("jats-schema", "JATS-Publishing-1-3-MathML3-DTD")
    declared = {}
    for path in sorted(base.rglob("*.ent")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for name, value in re.findall(r'<!ENTITY\s+([^\s%]\S*)\s+"([^"]*)"', text):
            declared.setdefault(name, value)

    def chars(value):
        value = value.replace("%plane1D;", "&#x1D")
        value = re.sub(r"&#x([0-9A-Fa-f]+);", lambda m: chr(int(m.group(1), 16)), value)
        return re.sub(r"&#([0-9]+);", lambda m: chr(int(m.group(1))), value)

    checked, wrong = 0, []
    for name, value in declared.items():
        value = chars(value)
        if name in ("amp", "lt", "gt", "quot", "apos", "nvlt") or "\ufffd" in value:
            continue  # XML's own, and the DTD's placeholders for unassigned characters
        checked += 1
        if character_entity(name) != value:
            wrong.append(name)
    print(f"{checked} entities of the JATS DTD checked; not mapped as declared: {wrong}")
    assert checked > 2000 and wrong == []


def test_an_internal_entity_too_large_is_refused_with_a_diagnostic(tmp_path):
    big = "x" * 20_000
    text = (f'<!DOCTYPE article [<!ENTITY big "{big}">]><article><back><ref-list><ref id="a">'
            '<element-citation><source>A &big; B</source><year>2001</year></element-citation>'
            '</ref></ref-list></back></article>')
    result = converters.read(text, "jats")
    assert result.records[0].data["title"] == "A B"
    assert [d.code for d in result.diagnostics] == ["entity-unexpanded"]


@pytest.mark.parametrize("name", ["billion-laughs.xml", "quadratic-blowup.xml"])
def test_expansion_bombs_are_still_refused(name):
    result = converters.read(FIXTURES / "invalid" / "xml" / name, "jats")
    assert not result.records
    assert [d.code for d in result.diagnostics] == ["syntax-error"]


# -- item 7 and issue 16: group authors, abstracts ---------------------------------

def test_a_group_author_is_its_name_and_its_members_stay_with_it():
    record = converters.read(JATS / "collab-members.xml", "jats-article").records[0].data
    assert record["author"] == [{"family": "Gennep", "non-dropping-particle": "van",
                                 "given": "Arnold"},
                                {"literal": "The Example Consortium"}]
    assert record["custom"]["name-details"]["author"] == [None, {"members": [
        {"family": "Shearer", "given": "Alistair"},
        {"family": "Wilkinson", "given": "Chris",
         "ORCID": "https://orcid.org/0000-0003-4921-6155"}]}]
    written = converters.write([Record(record)], "jats-article").text
    _assert_valid(written, "collab")
    assert converters.read(written, "jats-article").records[0].data == record


def test_abstract_is_the_abstracts_text_only():
    record = converters.read(JATS / "collab-members.xml", "jats-article").records[0].data
    assert record["abstract"] == ("Background: First paragraph.\n\nSecond paragraph.\n\n"
                                  "Results: Findings here.")


def test_no_elife_abstract_is_called_truncated():
    paths = sorted(corpus("jats-articles", "elife").glob("*.xml"))
    flagged = []
    for path in paths:
        result = converters.validate([path], select=["abstract-truncated"])
        abstract = result.records[0].data.get("abstract", "")
        assert "DOI:" not in abstract and "dx.doi.org" not in abstract, path.name
        if any(d.record == result.records[0].id for d in result.diagnostics):
            flagged.append(path.name)
    print(f"eLife abstracts flagged truncated: {len(flagged)} of {len(paths)}")
    assert flagged == []


# -- item 12: bibconv's own JATS ---------------------------------------------------

def test_validating_bibconvs_own_ref_list_invents_no_record(tmp_path):
    source = corpus("bibtex", "xampl.bib")
    out = tmp_path / "refs.xml"
    assert run_cli("convert", source, "-t", "jats", "-o", out).returncode in (0, 1)
    refs = len(re.findall(r"<ref ", out.read_text(encoding="utf-8")))
    result = converters.validate([out])
    assert len(result.records) == refs
    assert not [d for d in result.diagnostics if d.code == "authors-missing"
                and d.record not in {r.id for r in result.records
                                     if not r.data.get("author") and not r.data.get("editor")}]


def test_seed_through_jats_keeps_its_findings(tmp_path):
    from tests.test_validation import SEED_FINDINGS, findings

    out = tmp_path / "seed.xml"
    done = run_cli("convert", SEED, "-t", "jats", "-o", out)
    assert done.returncode == 0, done.stderr
    assert findings(converters.validate([out])) == SEED_FINDINGS
    back = {r.id: r.data for r in converters.read(out, "jats").records}
    for record in converters.read(SEED).records:
        assert back[record.id] == record.data, record.id


@pytest.mark.parametrize("cut", ["front", "article-meta"])
def test_a_file_broken_before_its_first_ref_gives_no_placeholder_record(cut):
    text = corpus("jats-articles", "elife", "elife00240.xml").read_text(encoding="utf-8")
    text = text[: text.index("<article-meta>") + (0 if cut == "front" else 14)]
    for fmt in ("jats", None):
        result = converters.validate([text.encode()], from_=fmt or "jats")
        assert result.records == [], fmt
        assert [d.code for d in result.diagnostics] == ["syntax-error"]


# -- items 8 and 10: the writer ----------------------------------------------------

EVERYTHING = {
    "id": "loh", "type": "thesis", "genre": "Master’s thesis", "title": "On <i>Drosophila</i> "
    "H<sub>2</sub>O and <span style=\"font-variant:small-caps;\">mcxc</span> <b>bold</b> "
    "x<sup>2</sup> <span class=\"nocase\">iPhone</span>",
    "author": [{"family": "Gennep", "non-dropping-particle": "van", "given": "Arnold"},
               {"family": "Brandt", "dropping-particle": "von", "given": "Ahasver"},
               {"family": "Weenen", "given": "Andrea", "dropping-particle": "de Leeuw van"},
               {"literal": "The Consortium"}, {"literal": "others"}],
    "issued": {"date-parts": [[1990, 22]], "circa": True},
    "accessed": {"literal": "last checked in spring"},
    "publisher": "Uni", "abstract": "One.\n\nTwo.", "note": "A note", "language": "en-GB",
    "annote": "Read <i>this</i> first.", "event-date": {"date-parts": [[1989, 6, 30]]},
    "contributor": [{"family": "Ng", "given": "A"}], "collection-editor": [{"literal": "Board"}],
    "custom": {"author-count": 34, "abstract-truncated": True,
               "pub-ids": {"accession": "GSE1", "ena": "PRJ2"},
               "name-details": {"author": [{"ORCID": "0000-0002-1825-0097"}, None, None,
                                           None]},
               "bibtex": {"type": "mastersthesis", "fields": {"x": "<i>y</i>"}}},
}


def test_every_field_and_custom_fact_comes_back():
    result = converters.write([EVERYTHING], "jats")
    _assert_valid(result.text, "everything")
    assert [d for d in result.diagnostics] == []
    back = converters.read(result.text, "jats").records[0].data
    want = json.loads(json.dumps(EVERYTHING))
    want["issued"] = {"date-parts": [[1990]], "season": 2, "circa": True}  # season as month
    assert back == want


def test_raw_and_literal_dates_and_control_characters():
    records = [{"id": "a", "type": "book", "title": "Bell\x07 \x00Title",
                "issued": {"raw": "1999?"}, "accessed": {"date-parts": [[2020, 0, 0]]}},
               {"id": "b", "type": "book", "title": "B", "issued": {"literal": "n.d."},
                "accessed": {"raw": "yesterday"}}]
    result = converters.write(records, "jats")
    _assert_valid(result.text, "dates")
    # control characters are taken out before any writer sees them (wellformed)
    assert [(d.code, d.record, d.location.pointer) for d in result.diagnostics] == [
        ("character-invalid", "a", "/title")]
    a, b = (r.data for r in converters.read(result.text, "jats").records)
    assert a["title"] == "Bell Title" and a["issued"] == {"raw": "1999?"}
    assert a["accessed"] == {"date-parts": [[2020]]}  # zero parts mean "not known"
    assert b["issued"] == {"literal": "n.d."} and b["accessed"] == {"raw": "yesterday"}


_ISO = re.compile(r'iso-8601-date="([^"]*)"')


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(-5, 40), min_size=1, max_size=3), st.integers(1000, 2100))
def test_only_valid_iso_dates_are_written(rest, year):
    record = {"id": "d", "type": "book", "title": "T", "issued": {"date-parts": [[year, *rest]]},
              "accessed": {"date-parts": [[year, *rest]]}}
    text = converters.write([record], "jats").text
    for value in _ISO.findall(text):
        for part in value.split("/"):
            numbers = [int(n) for n in part.split("-")]
            date(numbers[0], *(numbers[1:] + [1] * (3 - len(numbers))))  # raises if invalid
            assert not re.search(r"-00\b", part), part


NAMES = st.fixed_dictionaries(
    {"family": st.sampled_from(["Gennep", "Müller", "Ng", "Brandt", "Cruz"])},
    optional={"given": st.sampled_from(["Arnold", "J. R.", "Ahasver", "Zoë"]),
              "non-dropping-particle": st.sampled_from(["van", "de la", "von"]),
              "dropping-particle": st.sampled_from(["von", "de", "de Leeuw van", "Åke"]),
              "suffix": st.sampled_from(["Jr.", "III"])})
# bibconv's own facts have their shapes (a count, a flag: others are mended
# and reported before writing, see converters.wellformed); anyone's keys hold anything.
_ANY = st.one_of(st.integers(0, 500), st.booleans(),
                 st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8),
                 st.lists(st.integers(0, 9), max_size=3))
CUSTOM = st.fixed_dictionaries({}, optional={
    "author-count": st.integers(1, 500), "abstract-truncated": st.booleans(),
    "flag": _ANY, "x-y": _ANY})
RICH = st.lists(st.one_of(
    st.sampled_from(["Cell", "DNA", " and ", "x", "β-catenin", "&", "<3"]),
    st.sampled_from(["<i>{}</i>", "<b>{}</b>", "<sup>{}</sup>", "<sub>{}</sub>",
                     '<span style="font-variant:small-caps;">{}</span>',
                     '<span class="nocase">{}</span>']).map(lambda f: f.format("Word"))),
    min_size=1, max_size=5).map(lambda parts: " ".join(parts))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NAMES, min_size=1, max_size=4), CUSTOM, RICH,
       st.sampled_from(["article-journal", "book", "chapter", "thesis", "report", "periodical",
                        "speech", "article-newspaper", "dataset"]))
def test_csljson_to_jats_to_csljson_property(names, custom, title, csl_type):
    item = {"id": "p", "type": csl_type, "title": title, "author": names,
            "container-title": "Source", "custom": custom}
    if not custom:
        del item["custom"]
    records = converters.read(json.dumps([item]), "csljson").records
    expected = records[0].data
    written = converters.write(records, "jats")
    assert not written.diagnostics
    back = converters.read(written.text, "jats").records[0].data
    assert back["author"] == expected["author"]
    assert back["title"] == " ".join(expected["title"].split())
    assert back.get("custom", {}) == expected.get("custom", {})
    assert back["type"] == expected["type"]


def test_round_trips_over_the_corpora_are_silent_nowhere():
    harness = _harness()
    articles = sorted(p for p in corpus("jats-articles").rglob("*")
                      if p.suffix in (".xml", ".nxml"))
    groups = [converters.read(path, "jats").records for path in articles]
    for name in ("biblatex-examples.bib", "xampl.bib", "bbt-import-97-jabref-utf8.bib"):
        groups.append(converters.read(corpus("bibtex", name)).records)
    groups.append(converters.read(SEED).records)
    from collections import Counter

    tally = Counter()
    for records in groups:
        tally += harness.round_trip(records, "test", False)
    for records in groups[-4:]:  # the .bib files and the seed, one article each
        tally += harness.round_trip(records, "test", False, "jats-article")
    silent = {k: v for k, v in tally.items() if k.startswith("silent")}
    print(f"{tally['records']} records through JATS and back; silent: {silent}")
    assert tally["records"] > 2500 and not tally["records-lost"]
    assert silent == {}


def test_jats_article_keeps_custom_facts_and_says_what_it_drops():
    record = {k: v for k, v in json.loads(json.dumps(EVERYTHING)).items()
              if k in ("id", "type", "title", "author", "abstract", "custom")}
    record["type"] = "article-journal"
    record["container-title"] = "J"
    record["title"] += "\x0b"
    record["issued"] = {"literal": "in press"}
    record["genre"] = "Letter"
    result = converters.write([record], "jats-article")
    (text,) = result.files.values()
    _assert_valid(text, "article")
    assert sorted((d.code, d.location.pointer) for d in result.diagnostics) == [
        ("character-invalid", "/title"), ("field-dropped", "/genre")]
    back = converters.read(text, "jats-article").records[0].data
    del record["genre"]
    record["title"] = record["title"].rstrip("\x0b")
    assert {k: v for k, v in back.items() if k != "id"} == \
        {k: v for k, v in record.items() if k != "id"}
