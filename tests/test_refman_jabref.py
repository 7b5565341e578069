"""A second reference manager's reading: JabRef's RIS and EndNote XML import
test files (fixtures/ris/jabref, fixtures/endnote/jabref; MIT, see
fixtures/ris/SOURCES.md) with the BibTeX JabRef makes of each.  bibconv's
records and JabRef's (read back by bibconv's BibTeX reader) must agree on
title, authors, year and DOI; every difference is named below."""
from __future__ import annotations

import re

import pytest
from tests.support import FIXTURES

import converters
from converters.model import split_others

PAIRS = sorted((path, "ris") for path in (FIXTURES / "ris" / "jabref").glob("*.ris")) + \
    sorted((path, "endnote-xml") for path in (FIXTURES / "endnote" / "jabref").glob("*.xml"))

# Where bibconv reads differently from JabRef, on purpose: (file, field): why.
DIFFERENT = {
    ("RisImporterTest3.ris", "authors"): "'AU  - Catarina Barata' has no comma: RIS names are "
        "'Family, Given', so bibconv (like Zotero) reads an organisation; JabRef guesses a person",
    ("RisImporterTest7.ris", "authors"): "a BOOK's A2 names its series editors (EndNote, Zotero); "
        "JabRef adds them to the authors",
    ("RisImporterTestDoiAndJournalTitle.ris", "authors"): "as RisImporterTest3: no comma",
}
# Files that test something other than a reading (a torture test of repeated
# TY lines, a file with no TY at all): their records are counted, not compared.
COUNTED = {"RisImporterTest1.ris": 3, "RisImporterCorrupted.ris": 0}


def _facts(data: dict) -> dict:
    people, _ = split_others(data.get("author") or [])
    families = [" ".join(p for p in (n.get("non-dropping-particle"), n.get("family")) if p)
                if "family" in n else n.get("literal", "") for n in people]
    issued = data.get("issued")
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    title = re.sub(r"</?[a-z]+>", "", data.get("title") or "").casefold()
    return {"title": " ".join(re.sub(r"[^\w]+", " ", title).split()),
            "authors": [f.lower() for f in families],
            "year": parts[0][0] if parts and parts[0] else None,
            "DOI": (data.get("DOI") or "").lower() or None}


def _jabref(bib_path) -> list:
    text = bib_path.read_text(encoding="utf-8")
    keys = iter(range(10_000))
    text = re.sub(r"^(\s*@\w+\{)\s*,", lambda m: f"{m.group(1)}k{next(keys)},", text, flags=re.M)
    # JabRef writes EndNote's <pub-dates> ("Jan") as a date field, which
    # would hide the year from a biblatex reader
    text = re.sub(r"^\s*date\s*=\s*\{[A-Za-z]+( \d+)?\},?\s*$", "", text, flags=re.M)
    return converters.read(text, "bibtex").records


@pytest.mark.parametrize("path,fmt", PAIRS, ids=[p.name for p, _ in PAIRS])
def test_jabref_samples_read_as_jabref_reads_them(path, fmt):
    result = converters.read(path, fmt)
    assert not [d for d in result.diagnostics if "Traceback" in d.message]
    if path.name in COUNTED:
        assert len(result.records) == COUNTED[path.name]
        return
    theirs = _jabref(path.with_suffix(".bib"))
    assert len(result.records) == len(theirs)  # no record lost
    for ours, jabref in zip(result.records, theirs, strict=True):
        a, b = _facts(ours.data), _facts(jabref.data)
        for field in a:
            if a[field] != b[field]:
                assert (path.name, field) in DIFFERENT, (field, a[field], b[field])
