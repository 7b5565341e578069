"""CSL-JSON as other programs write it is read whole (issue 11, item 4):
pandoc 3's empty type for @misc, Crossref's API responses and work types."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import converters
from converters.formats.csljson import CROSSREF_TYPES, FALLBACK_TYPE

from tests.support import FIXTURES, corpus
from tests.peers import pandoc

HERE = FIXTURES / "csljson"


def _errors(result):
    return [d for d in result.diagnostics if d.severity.value == "error"]


def test_pandoc_empty_type_is_read_as_document_with_a_warning():
    # fixtures/csljson/pandoc-misc.json is pandoc 3.9's output for pandoc-misc.bib
    result = converters.read(HERE / "pandoc-misc.json")
    assert [r.id for r in result.records] == ["ctan-tex", "wiki-cuprite", "knuth-literate",
                                              "no-date"]
    types = {r.id: r.data["type"] for r in result.records}
    assert types == {"ctan-tex": FALLBACK_TYPE, "knuth-literate": "article-journal",
                     "no-date": FALLBACK_TYPE, "wiki-cuprite": FALLBACK_TYPE}
    mapped = [d for d in result.diagnostics if d.code == "type-mapped"]
    assert len(mapped) == 3 and all(d.severity.value == "warning" for d in mapped)
    assert all(d.location.pointer == "/type" and d.location.line for d in mapped)
    assert not _errors(result)


def test_an_item_without_a_type_is_kept_but_an_empty_object_is_not():
    result = converters.read('[{"id": "a", "title": "Untyped"}, {}]', "csljson")
    assert [(r.id, r.data["type"]) for r in result.records] == [("a", FALLBACK_TYPE)]
    assert [d.code for d in result.diagnostics] == ["type-mapped", "record-invalid"]


def test_a_misspelt_type_is_still_reported_with_a_suggestion():
    result = converters.read('[{"id": "a", "type": "jornal-article", "title": "T"}]',
                             "csljson")
    assert result.records == []
    assert "did you mean 'article-journal'" in result.diagnostics[0].message


@pytest.mark.parametrize("name", ["crossref-works.json", "crossref-works-compact.json"])
def test_crossref_work_list_is_read_item_by_item_with_crossref_types_mapped(name):
    raw = json.loads((HERE / name).read_text())["message"]["items"]
    result = converters.read(HERE / name)
    assert len(result.records) == len(raw) == 9
    assert not _errors(result)
    for item, record in zip(raw, result.records):
        assert record.data["type"] == CROSSREF_TYPES.get(item["type"], item["type"])
        assert record.data["DOI"] == item["DOI"]
        assert record.data["title"] == item["title"][0]
        if item["type"] not in ("dataset", "report"):  # CSL names them alike
            assert record.data["custom"]["source-type"] == item["type"]
    by_type = {r.data["custom"].get("source-type"): r.data for r in result.records}
    assert by_type["posted-content"]["type"] == "article"          # a preprint
    assert by_type["dissertation"]["type"] == "thesis"
    assert by_type["journal-article"]["container-title"] == "Journal of Psychoceramics"
    assert by_type["journal-article"]["ISSN"] == "0264-3561, 0264-3562"
    orcid = by_type["journal-article"]["custom"]["name-details"]["author"][0]["ORCID"]
    assert orcid.endswith("0000-0002-1825-0097")
    report = result.records[-1].data
    assert report["author"] == [{"literal": "Crockery Council"}]   # Crossref's "name"
    mapped = [d for d in result.diagnostics if d.code == "type-mapped"]
    assert len(mapped) == 7 and all(d.severity.value == "info" for d in mapped)


def test_crossref_single_work_is_one_record():
    result = converters.read(HERE / "crossref-work.json")
    assert [r.data["type"] for r in result.records] == ["article-journal"]
    assert result.records[0].data["DOI"] == "10.5555/12345678"
    assert not _errors(result)


def test_a_broken_item_in_a_crossref_list_costs_only_itself():
    text = (HERE / "crossref-works-compact.json").read_text()
    broken = text.replace('"title":["Ceramic vessels', '"title":["Ceramic vessels"', 1)
    result = converters.read(broken, "csljson")
    assert len(result.records) == 8
    assert [d.code for d in _errors(result)] == ["syntax-error"]


def test_crossref_type_table_gives_csl_types():
    from converters.resources import load_schema

    csl_types = set(load_schema("csl-data.json")["properties"]["type"]["enum"])
    assert set(CROSSREF_TYPES.values()) <= csl_types
    for crossref, csl in [("journal-article", "article-journal"),
                          ("proceedings-article", "paper-conference"),
                          ("book-chapter", "chapter"), ("posted-content", "article"),
                          ("dissertation", "thesis"), ("edited-book", "book"),
                          ("monograph", "book"), ("reference-entry", "entry-dictionary")]:
        assert CROSSREF_TYPES[crossref] == csl


def _pandoc_csl_of_corpus(folder) -> list:
    exe = pandoc()
    if exe is None:
        pytest.skip("pandoc is not installed (pip install pypandoc-binary)")
    out = []
    for path in sorted(corpus("bibtex").glob("*.bib")):
        target = folder / (path.stem + ".json")
        done = subprocess.run([exe, "-f", "biblatex", "-t", "csljson", str(path), "-o",
                               str(target)], capture_output=True, timeout=300)
        if done.returncode == 0:  # pandoc rejects @entry(...) delimiters
            out.append(target)
    return out


# Run in a child process: fourteen thousand records would raise this
# process's peak memory, which later tests' child processes inherit.
CHECK = """
import json, sys
import converters
from converters.render import render
out = {}
for name in sys.argv[1:]:
    items = json.load(open(name, encoding="utf-8"))
    result = converters.read(name, "csljson")
    records = result.records
    sample = records[:: max(1, len(records) // 25)]
    entries = render(sample, style="apa").entries
    out[name] = {"kept": [r.id for r in records] == [i["id"] for i in items],
                 "items": len(items), "empty": sum(1 for i in items if i.get("type") == ""),
                 "errors": [d.format() for d in result.diagnostics
                            if d.severity.value == "error"][:3],
                 "sample": len(sample), "rendered": sum(1 for e in entries if e.strip())}
print(json.dumps(out))
"""


@pytest.mark.slow
def test_pandoc_csl_json_of_every_corpus_bib_is_read_whole_and_renders(tmp_path):
    files = _pandoc_csl_of_corpus(tmp_path)
    done = subprocess.run([sys.executable, "-c", CHECK, *map(str, files)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    for name, got in report.items():
        assert got["kept"] and not got["errors"], (name, got)
        assert got["rendered"] == got["sample"], (name, got)
    total = sum(got["items"] for got in report.values())
    empty_types = sum(got["empty"] for got in report.values())
    print(f"\npandoc CSL-JSON of the corpus: {total} records kept, "
          f"{empty_types} with pandoc's empty type")
    assert len(report) >= 6 and total > 13000 and empty_types >= 20
