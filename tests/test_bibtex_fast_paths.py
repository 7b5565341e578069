"""The quick paths of BibTeX reading (issue 14's speed work) give exactly
what the general ones give: latex._decoded's shortcuts against _Reader,
sentence_case's cached word recasing against a word-by-word reference, and
split._plain_value against evaluate plus _value's checks.  Generated text
full of the characters each shortcut must refuse."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters import latex
from converters.formats.bibtex import split as S
from converters.formats.bibtex.evaluate import COMMENT, TooLarge, Undefined, evaluate

_TEXT = st.lists(st.sampled_from(
    ["a", "B", "Word", "NASA", "iPhone", " ", "  ", "-", "--", "{", "}", "{x}", "{A B}", "\\",
     "\\emph{", "$", "~", "'", "`", "\n", "\t", "\r", "\u00a0", "\u2009", ":", ".", "?", "é",
     "(1)", "2014-12-31", "/", "%"]), max_size=14).map("".join)


def _by_reader(value: str) -> tuple:
    reader = latex._Reader(value, False)
    reader.run()
    return tuple(latex._tidy(reader.pieces))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_decoding_shortcuts_match_the_reader(value):
    latex._decoded.cache_clear()
    expected = _by_reader(value)
    if latex._NEEDS_PARSE.search(value):  # the first shortcut strips all blanks
        assert latex._decoded(value, False) == expected


def _reference_sentence_case(pieces):
    """sentence_case as it was written before its words were cached."""
    out, state = [], "first"
    for piece in pieces:
        if piece.markup or piece.protected:
            out.append(piece)
            if not piece.markup and piece.text.strip():
                state = "capital" if latex._ends_clause(piece.text) else "lower"
            continue
        words = []
        for match in re.finditer(r"\S+", piece.text):
            words.append((match, latex._recased_word.__wrapped__(match.group(0),
                                                                 state == "lower")))
            state = "capital" if words[-1][1][1] else "lower"
        text, last = [], 0
        for match, (word, _) in words:
            text += [piece.text[last:match.start()], word]
            last = match.end()
        out.append(latex.Piece("".join(text) + piece.text[last:]))
    return out


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_sentence_case_with_cached_words(value):
    pieces = latex.decode(value)
    assert latex.sentence_case(pieces) == _reference_sentence_case(pieces)


_RAW = st.one_of(
    st.lists(st.sampled_from(["{", "}", "a", " ", "\\", "{b}", "%", "\n", '"', "#", "é"]),
             max_size=10).map(lambda parts: "{" + "".join(parts) + "}"),
    st.sampled_from(["jan", "Dec", "1990", "²", "foo", "acm", "ACM", "bad", "x1", "{}",
                     "{a}{b}", "{a} # {b}", '"q"', "{\\}}", "{a\\}"]))
_MACROS = {"acm": "ACM Press", "bad": "{unbalanced", "pct": "50%", "foo": "\\emph{x}"}


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_RAW)
def test_plain_values_are_what_evaluate_makes_of_them(raw):
    got = S._plain_value(raw, _MACROS)
    if got is None:
        return  # the general path reads it
    try:
        expected = evaluate(raw, _MACROS)
    except (Undefined, TooLarge):
        raise AssertionError(f"{raw!r} taken quickly, but evaluate refuses it") from None
    if "%" in expected and "\n" in expected:
        expected = COMMENT.sub("", expected)
    assert got == expected
    assert got.count("{") == got.count("}")
    assert "\\" not in got  # expand (state.defined) would look at it


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_RAW)
def test_one_pair_of_braces_is_told_as_the_regex_tells_it(raw):
    if raw.startswith("{") and "\\" not in raw:  # where split.py asks
        assert S._single_braced(raw) == (S._SINGLE_BRACED(raw) is not None)


def _chunks_line_by_line(handle, batch):
    """bibtex_chunks as it was: _entry_starts's verdict on each line."""
    from converters.scale.streams import _entry_starts

    lines, start, blocks = [], 1, 0
    for number, opening, added in _entry_starts(handle):
        if opening is not None:
            if blocks >= batch:
                yield start, "".join(lines)
                lines, start, blocks = [], number, 0
            blocks += 1
        lines.extend(added)
    if lines:
        yield start, "".join(lines)


_BIB_PIECES = ["@misc{a,\n", "}\n", "{", "}", " @x{", "\n", "\r", "\r\n", "@", "text",
               "\n@y{b,", "\t@z(", "é"]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_BIB_PIECES), max_size=40), st.sampled_from([1, 2, 500]),
       st.sampled_from([7, 64, 1 << 20]))
def test_streamed_bibtex_is_cut_where_line_by_line_cuts_it(pieces, batch, read):
    import io

    from converters.scale import streams

    text = "".join(pieces)
    saved, streams._READ = streams._READ, read  # runs of a few lines: state kept across runs
    try:
        def handle():
            return io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8", newline="")
        assert list(streams.bibtex_chunks(handle(), batch)) == list(
            _chunks_line_by_line(handle(), batch))
    finally:
        streams._READ = saved


def test_a_long_unbalanced_stretch_is_cut_as_line_by_line():
    import io

    from converters.scale import streams

    for text in ("@misc{a, title={x\n" + "line\n" * 10_005 + " @in{b,\n@misc{c,}\n@misc{d,}\n",
                 "@misc{a, title={x\n" + "line\n" * 9_998 + "@misc{c,}\n" + "x\n" * 5 + "@d{e,}\n"):
        for batch in (1, 2):
            def handle(text=text):
                return io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8", newline="")
            assert list(streams.bibtex_chunks(handle(), batch)) == list(
                _chunks_line_by_line(handle(), batch))


def _first_on_line(text: str, at: int) -> bool:
    start = text.rfind("\n", 0, at) + 1
    return start == at or text[start:at].isspace()


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["@", "@b{", "@c (", "\n", " ", "\t", "a", "{"]), max_size=30))
def test_openings_found_back_to_the_last_at_are_those_first_on_their_line(pieces):
    # each "@" is checked back only to the one before it (linear on a line
    # of many "@"): the same openings as checking back to the line's start
    from converters.formats.bibtex.blocks import _OPENING, _cuts
    from converters.scale.streams import _line_starts_with_at

    text = "".join(pieces)
    ats = [n for n, c in enumerate(text) if c == "@"]
    assert list(_line_starts_with_at(text)) == [
        text.rfind("\n", 0, at) + 1 for at in ats if _first_on_line(text, at)]
    assert _cuts(text) == [m.start() for m in _OPENING.finditer(text)
                           if _first_on_line(text, m.start())]
