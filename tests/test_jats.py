"""JATS: real articles read completely, writers valid against the JATS 1.3
Publishing DTD and XSD, round trips, and hostile XML."""
from __future__ import annotations

import re
import time
from functools import lru_cache
from pathlib import Path

import pytest
from tests.support import FIXTURES, SEED, corpus, run_cli

import converters
from converters.model import split_others
from converters.names import display_name

HOSTILE = FIXTURES / "invalid" / "xml"


def _articles():
    root = corpus("jats-articles")
    return sorted(p for p in root.rglob("*") if p.suffix in (".xml", ".nxml"))


def test_every_ref_of_every_real_article_is_one_record():
    totals = [0, 0]
    for path in _articles():
        text = path.read_text(encoding="utf-8")
        expected = len(re.findall(r"<ref[\s>]", text))
        result = converters.read(path, "jats")
        assert len(result.records) == expected, path.name
        assert not [d for d in result.diagnostics if d.severity.value == "error"], path.name
        assert all(r.origin.line for r in result.records)
        totals[0] += expected
        totals[1] += 1
    print(f"{totals[0]} references in {totals[1]} articles, each read as one record")
    assert totals == [2192, 38]


def test_front_matter_of_every_real_article():
    for path in _articles():
        record = converters.read(path, "jats-article").records[0].data
        assert record.get("title"), path.name
        assert record.get("author"), path.name
    elife = converters.read(corpus("jats-articles", "elife", "elife00240.xml"),
                            "jats-article").records[0].data
    assert elife["DOI"] == "10.7554/eLife.00240"
    assert elife["abstract"].startswith("By comparing wild-type and transgenic tobacco")


def test_the_195_author_reference():
    result = converters.read(corpus("jats-articles", "elife", "elife04493.xml"), "jats")
    longest = max(result.records, key=lambda r: len(r.data.get("author", [])))
    assert len(longest.data["author"]) == 195


def test_etal_and_collab_and_legacy_citations():
    records = converters.read(corpus("jats-articles", "elife", "elife00005.xml"), "jats").records
    assert sum(1 for r in records if split_others(r.data.get("author"))[1]) == 16
    legacy = converters.read(corpus("jats-articles", "legacy-nlm-2.3", "pone.0000217.nxml"),
                             "jats").records
    szathmary = next(r.data for r in legacy if r.id == "pone.0000217-Szathmary1")
    assert szathmary["container-title"] == "Science" and szathmary["page"] == "1315-1316"
    assert szathmary["PMID"] == "11360989"


def test_scielo_mixed_and_element_citations_agree():
    """SciELO gives every reference twice; reading the plain-text version by
    its punctuation should find what the tagged version says."""
    from converters.formats.jats import read_citation as _citation
    from converters.xmlsafe import local, parse

    agree = total = 0
    for path in sorted(corpus("jats-articles", "scielo").glob("*.xml")):
        root, _ = parse(path.read_text(encoding="utf-8"), str(path))
        for ref in root.iter():
            if local(ref.tag) != "ref":
                continue
            kinds = {local(c.tag): c for c in ref}
            if "mixed-citation" not in kinds or "element-citation" not in kinds:
                continue
            tagged, plain = _citation(kinds["element-citation"]), _citation(kinds["mixed-citation"])
            total += 1
            year = lambda d: (d.get("issued") or {}).get("date-parts", [[None]])[0][0]  # noqa
            if year(tagged) == year(plain) and (tagged.get("title") or "")[:20].lower() in \
                    (plain.get("title") or plain.get("note") or "").lower():
                agree += 1
    print(f"SciELO: mixed and element readings agree on year and title for {agree}/{total}")
    assert total > 250 and agree / total >= 0.8


@lru_cache(maxsize=1)
def _validators():
    from lxml import etree

    base = corpus("jats-schema")
    xsd = etree.XMLSchema(etree.parse(str(
        base / "JATS-Publishing-1-3-MathML3-XSD" / "JATS-journalpublishing1-3-mathml3.xsd")))
    dtd = etree.DTD(str(base / "JATS-Publishing-1-3-MathML3-DTD"
                        / "JATS-journalpublishing1-3-mathml3.dtd"))
    return xsd, dtd


def _assert_valid(text: str, label: str) -> None:
    from lxml import etree

    xsd, dtd = _validators()
    doc = etree.fromstring(text.encode("utf-8"), etree.XMLParser(
        load_dtd=False, no_network=True, resolve_entities=False))
    assert xsd.validate(doc), f"{label}: {list(xsd.error_log)[:2]}"
    assert dtd.validate(doc), f"{label}: {list(dtd.error_log)[:2]}"


@pytest.mark.parametrize("source", ["seed", "biblatex-examples.bib"])
@pytest.mark.parametrize("fmt", ["jats", "jats-article"])
def test_writers_are_valid_jats_1_3_publishing(source, fmt):
    path = SEED if source == "seed" else corpus("bibtex", source)
    result = converters.convert(path, fmt)
    documents = result.output.files if fmt == "jats-article" else {"all": result.text}
    assert documents
    for label, text in documents.items():
        _assert_valid(text, label)


def _names(names) -> tuple:
    people, incomplete = split_others(names)
    return tuple(display_name(p) for p in people), incomplete


def test_csljson_to_jats_to_csljson_keeps_the_citation_fields():
    records = converters.read(corpus("bibtex", "biblatex-examples.bib")).records
    back = converters.read(converters.write(records, "jats").text, "jats").records
    assert len(back) == len(records)
    for before, after in zip(records, back, strict=True):
        a, b = before.data, after.data
        for role in ("author", "editor"):
            assert a.get(role) == b.get(role), (before.id, role)
        # rich text (<i>, small caps...) travels as JATS emphasis
        for field in ("title", "container-title", "volume", "issue", "page", "DOI", "genre"):
            assert a.get(field) == b.get(field), (before.id, field)
        if "date-parts" in (a.get("issued") or {}):
            assert a["issued"]["date-parts"][0] == b["issued"]["date-parts"][0], before.id


def test_listing_to_jats_article_to_csljson_keeps_title_authors_abstract(tmp_path):
    done = run_cli("convert", SEED, "-t", "jats-article", "-o", str(tmp_path) + "/")
    assert done.returncode == 0, done.stderr
    files = sorted(tmp_path.glob("*.xml"))
    assert len(files) == 12
    seed = {r.id: r.data for r in converters.read(SEED).records}
    for path in files:
        got = converters.read(path, "jats-article").records[0].data
        want = seed[path.stem]
        assert got.get("title") == want["title"]
        assert _names(got.get("author")) == _names(want.get("author"))
        assert got.get("abstract") == want.get("abstract")
        assert (got.get("custom") or {}).get("author-count") == \
            (want.get("custom") or {}).get("author-count")


def test_several_articles_need_a_folder():
    done = run_cli("convert", SEED, "-t", "jats-article")
    assert done.returncode == 2 and b"give -o a folder" in done.stderr


def test_what_a_citation_cannot_hold_is_reported():
    record = {"id": "k", "type": "book", "title": "T", "keyword": "a, b", "language": "english",
              "issued": {"date-parts": [[2020, 2, 30]]}}
    result = converters.write([record], "jats")
    dropped = {(d.record, d.location.pointer) for d in result.diagnostics
               if d.code == "field-dropped"}
    assert dropped == {("k", "/keyword"), ("k", "/language"), ("k", "/issued")}
    back = converters.read(result.text, "jats").records[0].data
    assert back["issued"] == {"date-parts": [[2020, 2]]}


@pytest.mark.parametrize("name,exit_code", [
    ("xxe-local-file.xml", 0), ("billion-laughs.xml", 2), ("quadratic-blowup.xml", 2),
    ("remote-dtd.xml", 0), ("unclosed-tags.xml", 1),
])
def test_hostile_xml_is_answered_fast_and_leaks_nothing(name, exit_code):
    started = time.monotonic()
    done = run_cli("convert", HOSTILE / name, "-f", "jats", "-t", "csljson")
    assert time.monotonic() - started < 2
    assert done.returncode == exit_code, done.stderr
    assert b"Traceback" not in done.stderr
    if exit_code:
        assert str(HOSTILE / name).encode() in done.stderr
    etc_hostname = Path("/etc/hostname")
    hostname = etc_hostname.read_bytes().strip() if etc_hostname.exists() else b"\x00"
    assert hostname not in done.stdout
    assert b"lollol" not in done.stdout


def test_validate_checks_the_article_and_its_references():
    path = corpus("jats-articles", "elife", "elife00240.xml")
    result = converters.validate(path)
    assert len(result.records) == 8  # the article and its seven references
    assert result.records[0].data["DOI"] == "10.7554/eLife.00240"


def test_seed_findings_through_jats_article(tmp_path):
    from tests.test_validation import SEED_FINDINGS, findings

    run_cli("convert", SEED, "-t", "jats-article", "-o", str(tmp_path) + "/")
    result = converters.validate(sorted(tmp_path.glob("*.xml")))
    assert findings(result) == SEED_FINDINGS
