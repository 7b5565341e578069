"""Issue 14's later speed cuts give what the paths they replace give.

- csljson_indent's search for an array item that is a float or a null (on
  bytes with every digit made "0" and both brackets ","): it finds at least
  every place the former byte regex found, on orjson's compact output of
  generated JSON and on raw bytes full of the characters that matter.  A
  place found in excess only sends a batch to json.dumps, which writes the
  same bytes.
- The CSL-JSON writer's variables, found once per CSL version: the same as
  the schema's variables less the newer ones, computed as before."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converters.formats import csljson, csljson_indent

# The search as it was (before the translated bytes).
_FORMER_ITEM = re.compile(rb"[,\[](?:null|-?\d+[.eE][-+.eE\d]*)[,\]]")
_FORMER = (*csljson_indent._FLOAT_OR_NULL, _FORMER_ITEM)

_BYTES = st.lists(st.sampled_from([b",", b"[", b"]", b"null", b"-", b"0", b"7", b"12", b".",
                                   b"e", b"E", b"+", b'"', b":", b'":', b"{", b"}", b"a",
                                   b"1.5", b"1e5", b" "]), max_size=30).map(b"".join)
_SCALARS = (st.none() | st.booleans() | st.integers(-10**6, 10**6)
            | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=6)
            | st.sampled_from(["1.5", ",1.5,", "[null]", "10.1234/x", "e5"]))
_JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=4), inner, max_size=4), max_leaves=20)


def _former(compact: bytes) -> bool:
    return any(find.search(compact) for find in _FORMER)


@settings(max_examples=2000, deadline=None)
@given(_BYTES)
def test_every_float_or_null_the_former_search_found_is_found(raw):
    if _former(raw):
        assert csljson_indent._float_or_null(raw)


@settings(max_examples=800, deadline=None)
@given(_JSON)
def test_on_orjsons_output_too(value):
    orjson = pytest.importorskip("orjson")
    compact = orjson.dumps(value)
    if _former(compact):
        assert csljson_indent._float_or_null(compact)
    assert csljson_indent.dumps(value) == json.dumps(
        value, ensure_ascii=False, indent=2)


def test_records_with_dates_only_are_not_sent_the_slow_way():
    # integers in date-parts are neither floats nor nulls: the fast path stays
    compact = b'[{"id":"a","issued":{"date-parts":[[2001,2,3],[2002]]},"page":"1.5"}]'
    assert not csljson_indent._float_or_null(compact)
    assert csljson_indent._float_or_null(b'[{"x":[1,2.5]}]')
    assert csljson_indent._float_or_null(b'[{"x":[null]}]')


@pytest.mark.parametrize("version", ["1.0", "1.0.2"])
def test_written_kinds_as_computed_before(version):
    _, kinds = csljson._schema_parts()
    if version != "1.0.2":
        kinds = {k: v for k, v in kinds.items() if k not in csljson._newer_variables()}
    assert csljson._written_kinds(version) == kinds


# -- the BibTeX reader's quick cut (blocks.py, light) and split._quick_fields ----------

_BIB_PIECES = ["@misc{", "@article(", "@string{", "@book{", "@Book {", "k1,", "k2,", " title = ",
               "author=", "note = ", "year = ", "Title=", "TITLE =", "{", "}", "(", ")", '"',
               ",", "=", "#", "\\", "\\{", "\\'e", "%", "\n", "\n\n", "  ", "\t", "x",
               "Text", "jan", "1990", "\\\n", "é", "{a {b} c}", "{One pair}", "{50%}",
               "{a}{b}", "{{Nested}: {BC} (1)}", "bibconv-x = {[1]}", ",\n}", "}\n", "{ y }"]
_ENTRY = st.builds(lambda key, fields: "@article{" + key + ",\n" + "".join(
    f"  {name} = {value},\n" for name, value in fields) + "}\n",
    st.sampled_from(["a", "b", "A"]),
    st.lists(st.tuples(st.sampled_from(["title", "author", "year", "note", "journal",
                                        "bibconv-x", "month", "Title"]),
                       st.sampled_from(["{x}", "{A {B} c}", "1990", "jan", '"q"', "{50%}",
                                        "{a}{b}", "{\\emph{e}}", "{x\ny}", "{a=b}",
                                        "{{Nested}: {BC} (1)}", "{}", "{ x }"])), max_size=6))


def _entries(text: str, quick: bool) -> tuple:
    from converters.formats.bibtex import blocks
    from converters.formats.bibtex import split as S
    from converters.model import ReadResult

    saved = blocks.split_blocks
    if not quick:  # bibtexparser's own blocks and Field objects: the general path
        blocks.split_blocks = lambda text, light=False: None
    try:
        result = ReadResult()
        entries, meta = S.split(text, "in.bib", result, {})
    finally:
        blocks.split_blocks = saved
    return ([(e.type, e.key, e.line, e.end_line, e.fields, e.lines, e.biblatex, e.skipped)
             for e in entries], meta, [(d.code, d.message, d.location)
                                       for d in result.diagnostics])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_BIB_PIECES), max_size=40) | st.lists(_ENTRY, max_size=4))
def test_the_quick_cut_reads_what_the_general_path_reads(pieces):
    text = "".join(pieces)
    assert _entries(text, True) == _entries(text, False)


def test_the_quick_cut_is_taken_for_plain_entries():
    from converters.formats.bibtex.blocks import split_blocks

    text = "@article{a,\n  title = {One {Two}},\n  year = 1990,\n  month = jan,\n}\n"
    _, quick = split_blocks(text, light=True)
    assert len(quick) == 1
    assert _entries(text, True) == _entries(text, False)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab@\n{}é", max_size=120), st.text(alphabet="ab@\n{}é", max_size=80),
       st.integers(0, 130))
def test_find_from_is_str_find(text, raw, pos):
    from converters.formats.bibtex.split import find_from

    text = text + raw + text if pos % 2 else text  # raw often present, often more than once
    assert find_from(text, raw, pos) == text.find(raw, pos)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["a", "\n", "\\", "\\\n", "@x{", "é"]), max_size=40),
       st.lists(st.integers(0, 200), max_size=8))
def test_lines_without_escaped_newlines_counted_as_before(pieces, positions):
    from converters.formats.bibtex.blocks import _Lines

    text = "".join(pieces)
    lines = _Lines(text)
    for pos in positions:
        pos = min(pos, len(text))
        expected = text.count("\n", 0, pos) - text.count("\\\n", 0, pos)
        assert lines.at(pos) == expected
