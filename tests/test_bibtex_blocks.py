"""The quick block cutter (converters/formats/bibtex/blocks.py) gives exactly
the blocks bibtexparser's own splitter gives: on every .bib file of the
corpora and fixtures, and on generated text full of BibTeX's hard cases."""
from __future__ import annotations

import pytest
from bibtexparser import model as bm
from bibtexparser.splitter import Splitter
from tests.support import CORPORA, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters.formats.bibtex.blocks import split_blocks
from converters.formats.bibtex.split import _field_lines, _Splitting
from converters.model import ReadResult


def _describe(block) -> list:
    """Everything split.py reads of a block (and its lines)."""
    out = [type(block).__name__, block.raw, block.start_line]
    for name in ("key", "entry_type", "comment", "value"):
        if hasattr(block, name):
            out.append((name, getattr(block, name)))
    if hasattr(block, "fields"):
        out.append([(f.key, f.value, f.start_line) for f in block.fields])
    if isinstance(block, bm.ParsingFailedBlock):
        out.append(str(getattr(block.error, "abort_reason", block.error)))
        if block.ignore_error_block is not None:
            out.append(_describe(block.ignore_error_block))
    if hasattr(block, "duplicate_keys"):
        out.append(sorted(block.duplicate_keys))
    return out


def _same(text: str) -> tuple[int, int]:
    """Assert the cut equals bibtexparser's; (entries, entries cut quickly)."""
    expected = [_describe(b) for b in Splitter(text).split().blocks]
    got = split_blocks(text)
    assert got is not None
    blocks, offsets = got
    assert [_describe(b) for b in blocks] == expected
    for block in blocks:  # the names' lines: as split._field_lines searches them
        if id(block) in offsets:
            state = _Splitting(None, ReadResult(), {}, {})
            _field_lines(block, 0, state)
            assert [state.lines.get(id(f)) for f in block.fields] == offsets[id(block)]
    entries = sum(isinstance(b, bm.Entry) for b in blocks)
    return entries, len(offsets)


def _bib_files() -> list:
    files = sorted(CORPORA.rglob("*.bib")) if CORPORA.exists() else []
    return files + sorted(ROOT.joinpath("fixtures").rglob("*.bib")) + sorted(
        ROOT.joinpath("tests").rglob("*.bib"))


def test_every_bib_file_is_cut_as_bibtexparser_cuts_it():
    files = _bib_files()
    if not files:
        pytest.skip("no .bib files")
    entries = quick = 0
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        got = _same(text)
        entries, quick = entries + got[0], quick + got[1]
    if CORPORA.exists():  # the fast path does the bulk of real files
        assert quick > 0.8 * entries


_PIECES = ["@misc{", "@article(", "@string{", "@comment{", "@preamble{", "@Book {",
           "k1,", "k1", " title = ", "author=", "note = ", "{", "}", "(", ")", '"', '{"}',
           ",", "=", "#", "\\", "\\{", "\\}", '\\"', "%", "% c\n", "\n", "\n\n", " ", "\t",
           "x", "Text", "@", "a@b", "jan", "1990", "\\\n", "\\\\", "é", "{a {b} c}"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_generated_text_is_cut_as_bibtexparser_cuts_it(pieces):
    _same("".join(pieces))


_ENTRY = st.builds(
    lambda kind, key, fields, after: f"@{kind}{{{key},\n" + "".join(
        f"  {name} = {value},\n" for name, value in fields) + "}" + after,
    st.sampled_from(["misc", "Article", "book"]),
    st.sampled_from(["a", "b", "A", "k:1"]),
    st.lists(st.tuples(st.sampled_from(["title", "year", "note", "Title", "url"]),
                       st.sampled_from(["{x}", '"y"', "jan", "{a {b} {\\'e}}", '"a {"} b"',
                                        "{a,b}", "{1 = 2}", "jan # { 1}", '"{q}"', "{\\}}",
                                        "{x}\n", "{a\\\nb}", "{{{{{deep}}}}}", "{50%}",
                                        "{e@mail.org}", "\"\\\"\""])), max_size=5),
    st.sampled_from(["\n\n", "\n% c\n", "\njunk\n", " @misc{x,}\n", "\n"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ENTRY, max_size=6))
def test_generated_entries_are_cut_as_bibtexparser_cuts_them(entries):
    _same("".join(entries))
