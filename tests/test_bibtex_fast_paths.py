"""The quick paths of BibTeX reading (issue 14's speed work) give exactly
what the general ones give: latex._decoded's shortcuts against _Reader,
sentence_case's cached word recasing against a word-by-word reference, and
split._plain_value against evaluate plus _value's checks.  Generated text
full of the characters each shortcut must refuse."""
from __future__ import annotations

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
        for match in latex._WORD.finditer(piece.text):
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
