"""Issue 11, BibTeX side: nothing corrupted on read, nothing lost on write.

Each example of the issue is a regression test; the round trips over CSL
types and custom facts are property tests; the corpus figures are measured
on the real files (skipped when the corpora are absent)."""
from __future__ import annotations

import json

import pytest
from tests.support import corpus
from hypothesis import given, settings
from hypothesis import strategies as st

import converters
from converters.formats import bibtex as B


def read(text: str, **options):
    return converters.read(text, "bibtex", **options)


def one(text: str, **options) -> dict:
    result = read(text, **options)
    assert len(result.records) == 1, [d.format() for d in result.diagnostics]
    return result.records[0].data


def codes(result, severity=None) -> set[str]:
    return {d.code for d in result.diagnostics
            if severity is None or d.severity.value == severity}


def back(data: dict, variant: str) -> dict:
    """data -> variant -> CSL again."""
    written = converters.write([data], variant)
    return one(written.text)


# -- 1. "%" ------------------------------------------------------------------

def test_percent_inside_values_is_text():
    data = one("@misc{k, url = {https://de.wikipedia.org/wiki/M%C3%BCller},\n"
               " doi = {10.1000/abc%2Fdef}, note = {100% sure}, title = \"50% off\"}")
    assert data["URL"] == "https://de.wikipedia.org/wiki/M%C3%BCller"
    assert data["DOI"] == "10.1000/abc%2Fdef"
    assert data["note"] == "100% sure"
    assert data["title"] == "50% off"


def test_percent_ending_a_line_inside_a_value_is_a_comment():
    # TeX reads it so when the line's rest stays inside the value (pandoc's
    # test 7668); a URL keeps it whatever follows
    data = one('@book{k, author = {Richard %A.\n    B. Johnson}, year = "%\n 1983",'
               ' url = {https://x.org/a%\nb}, title = {T}}')
    assert data["author"] == [{"family": "Johnson", "given": "Richard B."}]
    assert data["issued"] == {"date-parts": [[1983]]}
    assert data["URL"].startswith("https://x.org/a%")


@pytest.mark.parametrize("comment", ["% note", "% a note, with = signs {and braces",
                                     '% "an unbalanced quote', "%"])
def test_a_comment_between_fields_is_skipped(comment):
    result = read("@article{k, author = {A B}, " + comment + "\n title = {Real},\n"
                  "% a whole line\n journal = {J}, year = 2000}\n"
                  "@article{after, title = {Next}, journal = {J}, year = 2001}")
    assert [r.id for r in result.records] == ["k", "after"]
    data = result.records[0].data
    assert data["title"] == "Real" and data["container-title"] == "J"
    assert set(data["custom"]["bibtex"]) == {"type"}  # no stray field
    assert not codes(result) & {"title-missing", "field-unmapped", "syntax-error"}
    assert result.records[0].origin.fields["title"] == 2  # lines still count


def test_percent_written_and_read_back():
    data = {"id": "k", "type": "webpage", "title": "100% sure", "note": "50% off",
            "URL": "https://x.org/a%20b"}
    for variant in ("bibtex", "biblatex"):
        again = back(data, variant)
        assert {k: again[k] for k in ("title", "note", "URL")} == {
            k: data[k] for k in ("title", "note", "URL")}


# -- 2. literal lists ----------------------------------------------------------

def test_publisher_with_and_is_one_name_in_bibtex():
    data = one("@book{k, title = {T}, publisher = {John Wiley and Sons}, "
               "address = {London and New York}, year = 2000}")
    assert data["publisher"] == "John Wiley and Sons"
    assert data["publisher-place"] == "London and New York"


def test_publisher_lists_split_in_biblatex_entries_and_when_asked():
    text = ("@book{k, title = {T}, publisher = {Springer and Birkhäuser}, "
            "location = {Berlin and Basel}, date = {2000}}")
    data = one(text)
    assert data["publisher"] == "Springer; Birkhäuser"
    assert data["publisher-place"] == "Berlin; Basel"
    plain = "@book{k, title = {T}, publisher = {A and B}, year = 2000}"
    assert one(plain, dialect="biblatex")["publisher"] == "A; B"
    assert one(text, dialect="bibtex")["publisher"] == "Springer and Birkhäuser"


def test_the_biblatex_reader_reads_every_entry_as_biblatex():
    plain = "@book{k, title = {T}, publisher = {A and B}, year = 2000}"
    assert B.read_biblatex(plain).records[0].data["publisher"] == "A; B"
    assert B.read_biblatex.shared_options == ("macros",)


def test_publisher_names_survive_both_writers():
    for record in ({"id": "k", "type": "book", "title": "T", "publisher": "John Wiley and Sons"},
                   {"id": "k", "type": "book", "title": "T", "publisher": "A; B",
                    "publisher-place": "Berlin; Basel"}):
        for variant in ("bibtex", "biblatex"):
            again = back(record, variant)
            assert again["publisher"] == record["publisher"], variant
            assert again.get("publisher-place") == record.get("publisher-place")


# BibTeX files of the corpora, read with BibTeX's semantics: not one
# publisher, location or institution of theirs is cut at " and ".
BIBTEX_FILES = ["bbt-import-1436-3-unabbreviate.bib", "bbt-import-873-crossref-parens.bib",
                "bbt-import-97-jabref-utf8.bib", "texbook3.bib"]


CUT_AT_AND = """
import json, sys
import converters
from bibtexparser.splitter import Splitter
from converters.mapping.bibtex import BIBLATEX_MARKERS
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
# only the entries that matter, so that little is held while reading
raw = {e.key: {f.key.lower(): f.value for f in e.fields}
       for e in Splitter(text).split().entries if " and " in (e.raw or "")}
checked, cut = 0, []
for record in converters.read(sys.argv[1]).records:
    fields = raw.get(record.id, {})
    if BIBLATEX_MARKERS & set(fields):
        continue  # written in BibLaTeX's model: its lists are lists
    listed = [f for f in ("publisher", "institution", "school", "organization", "address")
              if isinstance(fields.get(f), str) and " and " in fields[f]]
    if listed:
        checked += 1
        kept = record.data.get("publisher", "") + record.data.get("publisher-place", "")
        if " and " not in kept:
            cut.append(record.id)
print(json.dumps({"checked": checked, "cut": cut}))
"""


@pytest.mark.parametrize("name", BIBTEX_FILES)
def test_corpus_publishers_are_not_cut_at_and(name):
    import subprocess
    import sys

    path = corpus("bibtex", name)
    # its own process: the big files must not swell the test runner
    done = subprocess.run([sys.executable, "-c", CUT_AT_AND, str(path)], capture_output=True,
                          text=True, check=True)
    found = json.loads(done.stdout)
    assert found["checked"] and not found["cut"], found


# -- 3. macros ---------------------------------------------------------------------

ABRV = '@string{IEEE_J_TIT = "{IEEE} Transactions on Information Theory"}\n'
REFS = ("@article{shannon, author = {Shannon, C. E.}, title = {A Theory}, "
        "journal = IEEE_J_TIT, year = 1948}\n")


def test_macros_of_one_input_serve_the_next():
    assert B.read.shared_options == ("macros",)
    shared: dict = {}
    first = converters.read(ABRV, "bibtex", macros=shared)
    assert not first.records and "ieee_j_tit" in shared
    data = one(REFS, macros=shared)
    assert data["container-title"] == "IEEE Transactions on Information Theory"
    alone = read(REFS)  # without the abbreviations: reported, skipped
    assert not alone.records and "macro-undefined" in codes(alone, "error")


def test_undefined_macro_in_an_unmapped_field_keeps_the_entry():
    result = read("@book{k, title = {T}, year = 2000, acknowledgement = ack-nhfb}")
    assert [r.id for r in result.records] == ["k"]
    assert "macro-undefined" in codes(result, "warning")
    assert not codes(result, "error")
    assert result.records[0].data["custom"]["bibtex"]["fields"]["acknowledgement"] == "ack-nhfb"


@pytest.mark.parametrize("lines", [24, 30])
def test_a_self_doubling_string_chain_is_refused(lines):
    chain = ['@string{m0 = "0123456789012345678901234567890123456789"}']
    chain += [f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, lines)]
    chain += [f"@misc{{big, title = {{T}}, note = m{lines - 1}}}",
              "@misc{fine, title = {Fine}, year = 2001}"]
    result = read("\n".join(chain))
    assert [r.id for r in result.records] == ["fine"]
    refused = [d for d in result.diagnostics if d.code == "value-too-large"]
    assert refused and refused[0].location.line < lines
    assert "exceed" in refused[0].message
    assert any(d.record == "big" for d in refused)
    assert not codes(result) & {"macro-undefined"}


# -- 8. custom facts ---------------------------------------------------------------

def test_the_seed_keeps_its_declared_author_count_and_findings():
    seed = converters.read("fixtures/publications.txt")
    expected = {(d.code, d.record) for d in
                converters.validate("fixtures/publications.txt").diagnostics}
    assert ("authors-incomplete", "huang-foundational") in expected
    for variant in ("bibtex", "biblatex"):
        text = converters.write(seed.records, variant).text
        again = {r.id: r.data for r in read(text).records}
        for record in seed.records:
            assert again[record.id] == record.data or {
                k: v for k, v in again[record.id].items() if k != "custom"} == {
                k: v for k, v in record.data.items() if k != "custom"}
            assert again[record.id].get("custom", {}).get("author-count") == \
                record.data.get("custom", {}).get("author-count")
        found = {(d.code, d.record) for d in
                 converters.validate(text, from_="bibtex").diagnostics}
        assert found == expected, variant


# Control characters and lone surrogates are mended (and reported) before any
# writer sees them (converters.wellformed, tested there), so they are left out.
_printable = st.characters(blacklist_categories=("Cc", "Cs"))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6)
    | st.text(_printable, max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.text(_printable, max_size=8), inner, max_size=3), max_leaves=8)
custom_names = st.text(alphabet="abcdefgh-_.:Z ", min_size=1, max_size=12).filter(
    lambda n: n != "bibtex")


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(custom_names, json_values, max_size=5),
       st.sampled_from(["bibtex", "biblatex"]))
def test_custom_facts_round_trip(custom, variant):
    data = {"id": "k", "type": "article-journal", "title": "T", "custom": custom}
    again = back(data, variant)
    kept = {k: v for k, v in again.get("custom", {}).items() if k != "bibtex"}
    assert kept == custom


def test_custom_facts_are_written_in_named_fields():
    data = {"id": "k", "type": "article-journal", "title": "T",
            "custom": {"author-count": 34, "abstract-truncated": True,
                       "pub-ids": {"pmid": "123"}, "elocation-id": True,
                       "name-details": {"author": [{"orcid": "0000-0002-1825-0097"}]}}}
    text = converters.write([data], "biblatex").text
    for name in ("author-count", "abstract-truncated", "pub-ids", "elocation-id",
                 "name-details"):
        assert f"bibconv-{name}" in text
    assert one(text)["custom"]["pub-ids"] == {"pmid": "123"}


# -- 9. the writers ------------------------------------------------------------------

@pytest.mark.parametrize("variant", ["bibtex", "biblatex"])
def test_every_csl_type_comes_back(variant):
    from converters.mapping.bibtex import WRITE_TYPES

    for csl_type in sorted(set(WRITE_TYPES) | {"broadcast", "map", "figure", "hearing",
                                                 "musical_score", "event", "classic"}):
        data = {"id": "k", "type": csl_type, "title": "T", "issued": {"date-parts": [[2000]]}}
        assert back(data, variant)["type"] == csl_type, csl_type


def test_biblatex_uses_its_own_types():
    def etype(csl_type):
        text = converters.write([{"id": "k", "type": csl_type, "title": "T"}], "biblatex").text
        return text.split("{")[0]
    assert etype("software") == "@software" and etype("webpage") == "@online"
    assert etype("patent") == "@patent" and etype("article-journal") == "@article"
    assert etype("manuscript") == "@unpublished" and etype("dataset") == "@dataset"


@pytest.mark.parametrize("variant", ["bibtex", "biblatex"])
def test_typed_hyphens_paragraphs_and_short_titles_survive(variant):
    data = {"id": "k", "type": "book", "title": "Options --verbose and ---quiet",
            "title-short": "Options", "note": "a -- b",
            "abstract": "First paragraph.\n\nSecond -- with a dash."}
    again = back(data, variant)
    for field in ("title", "title-short", "note", "abstract"):
        assert again[field] == data[field], field


@pytest.mark.parametrize("variant", ["bibtex", "biblatex"])
def test_numbers_come_back_as_the_same_variable(variant):
    cases = [{"type": "paper-conference", "issue": "3", "container-title": "Proc."},
             {"type": "report", "number": "TR-7", "collection-number": "12"},
             {"type": "article-journal", "issue": "2", "volume": "5"},
             {"type": "book", "collection-number": "9", "collection-title": "S"}]
    for case in cases:
        data = {"id": "k", "title": "T", **case}
        again = back(data, variant)
        assert {k: again.get(k) for k in case} == case


def test_what_has_no_field_is_reported_and_kept():
    data = {"id": "k", "type": "paper-conference", "title": "T", "issue": "3",
            "archive": "Archive A", "references": "12 refs"}
    written = converters.write([data], "bibtex")
    reported = {d.location.pointer for d in written.diagnostics if d.code == "field-set-aside"}
    assert reported == {"/issue", "/archive", "/references"}
    again = one(written.text)
    assert {k: again[k] for k in ("issue", "archive", "references")} == {
        "issue": "3", "archive": "Archive A", "references": "12 refs"}


@pytest.mark.parametrize("source,expected", [
    ("Self-{Assembly} of {Well-Separated} {AlN} Nanowires",
     "Self-Assembly of Well-Separated AlN nanowires"),
    ("{Self-Assembly of Well-Separated AlN Nanowires}",
     "Self-Assembly of Well-Separated AlN Nanowires"),
    ("{Pt-Cu$_2$O-Cu} double injection diodes", "Pt-Cu$_2$O-Cu double injection diodes"),
    ("{{\\{S\\}urface}} energy", "{S}urface energy"),
])
def test_protected_title_case_comes_back(source, expected):
    data = one("@article{k, title = {" + source + "}, journal = {J}, year = 2000}")
    assert data["title"] == expected
    for variant in ("bibtex", "biblatex"):
        edited = dict(data, custom={})  # no original to fall back on
        assert back(edited, variant)["title"] == expected


@pytest.mark.parametrize("title", ["iPhone apps: a study", "The DNA of things, revised",
                                   "Bose-Einstein statistics", "3-D ordered cuprous oxide",
                                   "$\\alpha$\u2009-\u2009Fe2 O3 films", "<i>Homo</i> Sapiens"])
def test_sentence_case_titles_written_read_back_exactly(title):
    for variant in ("bibtex", "biblatex"):
        assert back({"id": "k", "type": "book", "title": title}, variant)["title"] == title


def test_names_that_look_like_markers_or_particles_stay_names():
    names = [{"literal": "Others"}, {"family": "samcarter"}, {"family": "lapLutz Birkhahn"}]
    for variant in ("bibtex", "biblatex"):
        assert back({"id": "k", "type": "book", "title": "T", "author": names},
                    variant)["author"] == names
    data = one("@book{k, title = {T}, author = {{\\AA}ke Persson, Per Ola}}")
    assert data["author"] == [{"family": "Åke Persson", "given": "Per Ola"}]


# -- the harness, bounded ------------------------------------------------------------

@pytest.mark.parametrize("name", ["biblatex-examples.bib", "xampl.bib", "btxdoc.bib"])
@pytest.mark.parametrize("variant", ["bibtex", "biblatex"])
def test_round_trip_has_no_silent_change(name, variant):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "bibtex_roundtrip", Path(__file__).parent.parent / "benchmarks" / "bibtex_roundtrip.py")
    harness = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(harness)
    counts = harness.run(corpus("bibtex", name), variant)
    silent = {k: v for k, v in counts.items() if k.endswith("silent") and v}
    assert counts["records"] > 0
    assert not silent, counts.examples[:5]


def test_name_parts_bibtex_cannot_write_are_kept_and_reported():
    names = [{"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
             {"family": "King", "given": "Martin Luther", "suffix": "Jr.", "comma-suffix": True},
             {"family": "Mao", "given": "Zedong", "static-ordering": True}]
    data = {"id": "k", "type": "book", "title": "T", "author": names}
    for variant in ("bibtex", "biblatex"):
        written = converters.write([data], variant)
        assert [d.location.pointer for d in written.diagnostics
                if d.code == "field-set-aside"] == ["/author"]
        assert one(written.text)["author"] == names
        # once someone edits the field, the field is what counts
        edited = one(written.text.replace("Mao, Zedong", "Mao, Z."))
        assert edited["author"][2] == {"family": "Mao", "given": "Z."}


def test_a_type_field_that_names_no_csl_type_is_reported():
    result = read("@misc{k, title = {T}, bibconv-type = {nonsense}}")
    data = result.records[0].data
    assert data["type"] == "document"
    assert data["custom"]["bibtex"]["fields"] == {"bibconv-type": "nonsense"}
    assert "field-unmapped" in codes(result)


bib_tokens = st.lists(st.sampled_from([
    "@article{", "@string{", "@comment{", "@misc(", "k,", " title = ", " note = ", "{", "}",
    "(", ")", '"', "%", "% c, d = {\n", "\n", " # ", "a", "and", " and ", "\\%", "\\", ",",
    "=", "m0", "bibconv-csl = ", "bibconv-type = ", "{[1]}", '{{"a": 1}}', "author = "]),
    max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(bib_tokens)
def test_reading_bib_like_text_never_raises(text):
    result = read(text)
    for record in result.records:
        converters.write([record], "biblatex")


def test_macros_defined_in_one_input_serve_the_next(tmp_path):
    """IEEE's pattern: abbreviations in one file, references in another."""
    from tests.support import run_cli

    (tmp_path / "abrv.bib").write_text('@string{IEEE_T = "IEEE Transactions"}\n')
    (tmp_path / "refs.bib").write_text("@article{a, title={T}, author={A B}, "
                                       "journal=IEEE_T, year=2020}\n")
    done = converters.convert([tmp_path / "abrv.bib", tmp_path / "refs.bib"], "csljson")
    assert [r.data.get("container-title") for r in done.records] == ["IEEE Transactions"]
    assert not [d for d in done.diagnostics if d.code == "macro-undefined"]
    cli = run_cli("convert", tmp_path / "abrv.bib", tmp_path / "refs.bib", "-t", "csljson")
    assert cli.returncode == 0 and b"IEEE Transactions" in cli.stdout
    # each file read alone does not see the other's macros
    alone = converters.read(tmp_path / "refs.bib")
    assert any(d.code == "macro-undefined" for d in alone.diagnostics)
