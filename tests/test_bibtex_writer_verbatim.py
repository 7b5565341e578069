"""A value the BibTeX writer writes as it is (a verbatim field: url, file,
pdf, verba...) may hold a line "@book{y," or a brace with no partner.
BibTeX and biber read "@" inside a balanced braced value as text, but
bibtexparser's splitter (our reader) takes a line starting with "@" for a
new entry, and no BibTeX reader takes an unpaired brace.  The writer writes
what all of them read, and reports by field and record where it changed a
value."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converters import api

_ENTRY_LINE = "@book{y,\n  title = {Z},\n}"


def _convert_back(tmp_path, records: list[dict], to: str = "bibtex"):
    path = tmp_path / "refs.json"
    path.write_text(json.dumps(records))
    written = api.convert([str(path)], to)
    bib = tmp_path / "refs.bib"
    bib.write_text(written.text)
    return written, api.convert([str(bib)], "csljson")


@pytest.mark.parametrize("to", ["bibtex", "biblatex"])
@pytest.mark.parametrize("where", ["url", "file", "pdf", "verba"])
def test_a_verbatim_line_starting_with_at_is_read_back_as_one_entry(where, to, tmp_path):
    value = "http://x.org/a\n" + _ENTRY_LINE
    record = {"id": "a", "type": "book", "title": "T"}
    if where == "url":
        record["URL"] = value
    else:
        record["custom"] = {"bibtex": {"fields": {where: value}}}
    written, back = _convert_back(tmp_path, [record, {"id": "b", "type": "book"}], to)
    assert [r.id for r in back.records] == ["a", "b"]
    assert not [d for d in back.diagnostics if d.severity.name == "ERROR"]
    altered = [(d.record, d.location.pointer) for d in written.diagnostics
               if d.code == "field-altered"]
    assert altered == [("a", f"/{where}")]


@pytest.mark.parametrize("value", ["f.pdf\n@article{q,", "a}b", "}{", "x{{y}"])
def test_an_unpaired_brace_in_a_verbatim_value_is_dropped_and_said(value, tmp_path):
    record = {"id": "a", "type": "book", "title": "T",
              "custom": {"bibtex": {"fields": {"file": value}}}}
    written, back = _convert_back(tmp_path, [record, {"id": "b", "type": "book"}])
    assert [r.id for r in back.records] == ["a", "b"]
    assert not [d for d in back.diagnostics if d.severity.name == "ERROR"]
    said = [d for d in written.diagnostics if d.code == "field-altered"]
    assert [(d.record, d.location.pointer) for d in said] == [("a", "/file")]
    assert "brace" in said[0].message


_VERBATIM_TEXT = st.text(st.sampled_from("ab@{}\n :/%#_"), max_size=30)


@settings(max_examples=150, deadline=None)
@given(url=_VERBATIM_TEXT, file=_VERBATIM_TEXT)
def test_any_verbatim_value_leaves_a_file_our_reader_reads_whole(url, file, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("v")
    record = {"id": "a", "type": "book", "title": "T", "URL": "http://x/" + url,
              "custom": {"bibtex": {"fields": {"file": "f" + file}}}}
    written, back = _convert_back(tmp_path, [record, {"id": "b", "type": "book"}])
    assert [r.id for r in back.records] == ["a", "b"]
    assert not [d for d in back.diagnostics if d.severity.name == "ERROR"]
    said = {d.location.pointer for d in written.diagnostics if d.code == "field-altered"}
    if "/file" not in said:  # nothing said: the value comes back as it was
        kept = back.records[0].data["custom"]["bibtex"]["fields"]["file"]
        assert kept == "f" + file.rstrip() or "{" in file or "}" in file


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber is not installed")
def test_biber_reads_the_written_file_as_bibconv_does(tmp_path):
    record = {"id": "a", "type": "book", "title": "T", "URL": "http://x\n" + _ENTRY_LINE}
    _convert_back(tmp_path, [record, {"id": "b", "type": "book"}])
    done = subprocess.run(["biber", "--tool", "--output-format=bibtex", "-O",
                           str(tmp_path / "out.bib"), str(tmp_path / "refs.bib")],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stdout
    out = (tmp_path / "out.bib").read_text()
    assert out.count("@BOOK{") == 2 and "@book{y" in out


def test_the_reader_takes_a_balanced_at_line_inside_a_value_as_text(tmp_path):
    bib = tmp_path / "valid.bib"
    bib.write_text("@book{a,\n  title = {T},\n  url = {http://x\n" + _ENTRY_LINE
                   + "},\n}\n\n@book{b,\n  title = {U},\n}\n")
    back = api.convert([str(bib)], "csljson")
    assert [r.id for r in back.records] == ["a", "b"]
    # (the reader's verbatim() would then drop the value's braces, "@booky,": a
    # loss of its own; biber keeps them)
    assert back.records[0].data["URL"].startswith("http://x\n@book")


def test_a_line_starting_with_at_that_opens_no_entry_is_written_as_it_is(tmp_path):
    note = "first\n@someone said hi\nline\n @ 2020 by X"
    written, back = _convert_back(tmp_path, [{"id": "a", "type": "book", "title": "T",
                                              "note": note}])
    assert not [d for d in written.diagnostics if d.code == "field-altered"]
    assert "@someone said hi\nline\n @ 2020" in written.text
    assert back.records[0].data["note"] == " ".join(note.split())  # BibTeX's blanks


def _read_three_ways(tmp_path, text: str) -> list:
    """stdout, stderr and exit code of reading ``text`` whole, --stream, --jobs 2."""
    from tests.support import run_cli

    bib = tmp_path / "in.bib"
    bib.write_text(text)
    runs = [run_cli("convert", str(bib), "-t", "csljson", *extra)
            for extra in ([], ["--stream"], ["--jobs", "2"])]
    return [(r.stdout.decode(), r.stderr.decode(), r.returncode) for r in runs]


def test_an_entry_braces_short_does_not_swallow_the_entries_after_it(tmp_path):
    # Two braces never closed keep the value open to the end of the file: a
    # reader that held every later "@" as text would lose them all.
    text = ("@article{a,\n  title = {{Broken,\n  year = {2001}\n}\n\n"
            "@article{b,\n  title = {Fine},\n  year = {2002}\n}\n")
    runs = _read_three_ways(tmp_path, text)
    assert runs[0] == runs[1] == runs[2]
    assert '"id": "b"' in runs[0][0]
    assert "syntax-error" in runs[0][1] and runs[0][2] == 1


def test_a_quoted_at_line_reads_the_same_whole_and_streamed(tmp_path):
    # The stream's chunker counts braces, not quotes: a quoted value's "@" line
    # must be left to the splitter, which reports the entry, in every run alike.
    entries = "".join(f"@book{{k{i},\n  title = {{T{i}}},\n}}\n\n" for i in range(499))
    text = (entries + '@book(p,\n  title = "Quoted\n@misc{y, inside}\n  goes on",\n'
            "  year = {2002}\n)\n\n" + entries.replace("{k", "{m"))
    runs = _read_three_ways(tmp_path, text)
    # The same records and exit code; the streamed chunk ends inside the entry,
    # so the splitter's wording differs ("reached end of file"), not its line.
    assert [(out, code) for out, _, code in runs] == [(runs[0][0], 1)] * 3
    assert '"id": "m498"' in runs[0][0] and '"id": "p"' not in runs[0][0]
    assert all(":1997: error syntax-error" in err and "[p]" in err for _, err, _ in runs)


def test_an_at_line_in_one_entry_and_braces_short_in_another_lose_no_valid_entry(tmp_path):
    # A second reader's case against a whole-file retry: "a" holds an "@" line,
    # "d" is a brace short; "e" is valid and must be read, in every run alike.
    text = ("@article{a,\n  title = {Intro\n@misc{y, a}\n  more},\n  year = {2001}\n}\n\n"
            "@article{d,\n  title = {{Broken,\n  year = {2003}\n}\n\n"
            "@article{e,\n  title = {Fine},\n  year = {2004}\n}\n")
    runs = _read_three_ways(tmp_path, text)
    assert [(out, code) for out, _, code in runs] == [(runs[0][0], 1)] * 3
    assert '"id": "e"' in runs[0][0]
