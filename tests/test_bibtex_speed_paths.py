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

from converters import latex
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


# -- possessive field patterns, one scanner an entry, and regex calls made string tests --

_FIELD_TEXT = st.lists(st.sampled_from(
    [" ", "\n", "\t", "title", "x", "=", ",", "}", "{", '"', "%", "\\", "\\\\", "\\{", "\\}",
     '\\"', "\\,", "{a}", "{{b}}", "{{{{{c}}}}}", '"q"', '{"}', '"{"', "#", "@", "é", "50%",
     "{x,y}", " = ", "\\%"]), max_size=24).map("".join)


def _both_field_patterns():
    from converters.formats.bibtex import blocks

    if blocks.POSSESSIVE != "+":
        pytest.skip("possessive quantifiers need Python 3.11.5 (earlier 3.11 releases misread them)")
    return re.compile(blocks.field_pattern("+")), re.compile(blocks.field_pattern(""))


def _same_matches(fast: re.Pattern, slow: re.Pattern, text: str, positions) -> None:
    for pos in positions:
        got, expected = fast.match(text, pos), slow.match(text, pos)
        assert (got and (got.span(), got.groups())) == (expected and (expected.span(),
                                                                      expected.groups()))


@settings(max_examples=1500, deadline=None)
@given(_FIELD_TEXT)
def test_possessive_field_pattern_matches_as_the_backtracking_one(text):
    fast, slow = _both_field_patterns()
    _same_matches(fast, slow, text, range(len(text) + 1))


@settings(max_examples=1500, deadline=None)
@given(_FIELD_TEXT)
def test_possessive_braced_value_matches_as_the_backtracking_one(text):
    from converters.formats.bibtex import blocks

    _both_field_patterns()
    value = "{" + text + "}"
    fast, slow = re.compile(blocks._braced(4, possessive="+")), re.compile(
        blocks._braced(4, possessive=""))
    assert blocks.SINGLE_BRACED.pattern == fast.pattern
    assert (fast.fullmatch(value) is None) == (slow.fullmatch(value) is None)


def _bib_files() -> list:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    found = [p for base in (root.parent / "shared" / "corpora", root / "fixtures")
             if base.exists() for p in base.rglob("*.bib")]
    if not found:
        pytest.skip("no corpora")
    return sorted(found)


def test_possessive_field_pattern_on_the_corpora():
    # every place a field may start (after "," or "{"), in every .bib file
    fast, slow = _both_field_patterns()
    for path in _bib_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        _same_matches(fast, slow, text, [m.end() for m in re.finditer(r"[,{]", text)])


def _fields_one_match_a_field(text: str, pos: int):
    """blocks._fields as it was, each field matched by _FIELD.match(text, pos)."""
    from converters.formats.bibtex import blocks

    found, names, newlines, counted = [], [], 0, 0
    while True:
        match = blocks._FIELD.match(text, pos)
        if match is None:
            tail = blocks._TAIL.match(text, pos)
            if tail is None or blocks._repeated(found):
                return None
            return found, names, tail.end()
        _, spaced, value, closing = match.groups()
        at = match.start(2)
        newlines += text.count("\n", counted, at)
        names.append(newlines)
        counted = at = match.end(2)
        if "\n" in spaced:
            newlines += spaced.count("\n")
        found.append((spaced.rstrip(), value.strip(), at))
        pos = match.end()
        if closing == "}":
            return None if blocks._repeated(found) else (found, names, pos)


@settings(max_examples=500, deadline=None)
@given(_FIELD_TEXT, st.lists(_ENTRY, max_size=2).map("".join))
def test_one_scanner_an_entry_reads_the_fields_one_match_a_field_read(text, entries):
    from converters.formats.bibtex import blocks

    for whole in (text, entries, "@misc{k," + text):
        for pos in range(len(whole) + 1):
            assert blocks._fields(whole, pos) == _fields_one_match_a_field(whole, pos)


def test_one_scanner_an_entry_on_the_corpora():
    from converters.formats.bibtex import blocks

    for path in _bib_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for head in blocks._HEAD.finditer(text):
            if head.group(3) == ",":  # from the entry's start, as blocks.py cuts it
                piece, pos = text[head.start():head.start() + 20_000], head.end() - head.start()
                assert blocks._fields(piece, pos) == _fields_one_match_a_field(piece, pos)


_BLANKY = st.lists(st.sampled_from(["a", "B c", " ", "  ", "\n", "\t", "\r", "\u00a0", "\u2009",
                                    "\u2029", "\x0b", "\x1c", "\x85", "\u3000", "é"]),
                   max_size=10).map("".join)


def _reference_tidy(pieces):
    """latex._tidy with its blank runs always collapsed by the regex."""
    saved = latex._BLANK_RUN
    out = []
    for piece in pieces:  # the regex first, then _tidy (which then finds no run)
        out.append(piece if piece.markup else latex.Piece(saved.sub(" ", piece.text),
                                                          piece.protected))
    return latex._tidy(out)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_BLANKY, st.booleans(), st.booleans()), max_size=5))
def test_tidy_collapses_blanks_as_the_regex_alone(parts):
    pieces = [latex.Piece(text, protected, markup) for text, protected, markup in parts]
    assert latex._tidy(pieces) == _reference_tidy(pieces)


def test_only_the_space_is_a_printable_blank():
    # sentence_case's str.split path: a printable text has no blank but " "
    import sys

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert (re.match(r"\s", char) is not None) == char.isspace()
        if char.isspace() and char != " ":
            assert not char.isprintable()


@settings(max_examples=500, deadline=None)
@given(_BLANKY.map(lambda blanks: blanks + " Word of NASA: the End. é"))
def test_sentence_case_by_spaces_as_by_the_regex(text):
    lower = False
    parts = latex._BLANKS.split(text)
    for index in range(0, len(parts), 2):
        if parts[index]:
            parts[index], ends = latex._recased_word(parts[index], lower)
            lower = not ends
    reference = [latex.Piece("".join(parts), False)]
    assert latex.sentence_case([latex.Piece(text)]) == reference


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="-0123456789\u0663\u00b2 x", max_size=7))
def test_year_test_as_the_regex(text):
    from converters.formats.bibtex import groups

    assert groups._year(text) == (groups._YEAR.fullmatch(text) is not None)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.text(alphabet="a%\\{} 1", max_size=5), max_size=6))
def test_remembered_macro_check_as_the_regex(values):
    from converters.formats.bibtex import split as S

    for value in values + values:  # asked again: remembered
        assert S._plain_macro(value) == (S._NEEDS_VALUE_CHECK.search(value) is None)


@pytest.mark.parametrize("text, keys, errors", [
    # a quoted value with a braced group before "%": the field is whole
    ('@article{p1,\n  title = "Growth of {50}% in Ten Years",\n  year = 2020,\n}\n\n'
     '@article{p2,\n  title = {Fine},\n  year = 2021,\n}\n', ["p1", "p2"], 0),
    # a quoted value the file's end cuts off is an error, not a record
    ('@article{p3,\n  title = {Fine},\n  year = 2021,\n}\n@article{p4,\n  title = "Truncated}',
     ["p3"], 1),
])
def test_quoted_values_that_fail_late_read_as_the_backtracking_pattern_reads(text, keys, errors):
    """On CPython 3.11.0-3.11.4 the possessive pattern misread both files
    (the first lost p1, the second took a broken p4): whatever interpreter
    runs, the field pattern chosen for it reads them as the backtracking one."""
    from converters.formats.bibtex import reader
    result = reader.read(text, "x.bib")
    assert [record.id for record in result.records] == keys
    assert sum(d.severity == "error" for d in result.diagnostics) == errors
