"""This stop's quick paths of streaming held to the general ones: the
cutting reads 64 KiB then the rest of the line (not readlines and a join),
so its chunks must still be whole lines, numbered as the reader numbers
them, with the openings _entry_starts finds line by line; the writer's body
goes out as a slice of the encoded batch (Frame.byte_cut), which must be
the bytes of Frame.body; repeats are blanked by position, keeping every
line break."""
from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters.scale import bibkeys, streams

_PIECES = ["@misc{a,\n", "@book{B,\n", "}\n", "{", "}", " @x{k,", "\n", "\r", "\r\n", "@",
           "text", "\n@y{b,", "\t@z(c,", "é", "@misc{a,}\n", "\n\n", "\u2028", "\x0c"]


def _handle(text: str):
    return io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8", newline="")


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.sampled_from([1, 2, 500]),
       st.sampled_from([1, 2, 7, 1 << 16]))
def test_chunks_are_whole_lines_opened_where_the_line_rule_opens(pieces, batch, read):
    text = "".join(pieces)
    saved = streams._BIBTEX_READ
    streams._BIBTEX_READ = read
    try:
        chunks = list(streams.bibtex_chunks(_handle(text), batch))
    finally:
        streams._BIBTEX_READ = saved
    assert "".join(chunk for _, chunk in chunks) == text
    opened = {number: line for number, line, _ in streams._entry_starts(
        io.StringIO(text, newline="")) if line is not None}
    lines = io.StringIO(text, newline="").readlines()
    seen = 0
    for start, chunk in chunks:
        assert start == 1 + streams.line_breaks(text[:seen])  # as the reader counts
        if seen:  # a chunk after the first starts where a block opens
            assert start in opened and chunk.startswith(opened[start])
        seen += len(chunk)
    assert sum(map(len, lines)) == len(text)


@given(st.text(st.sampled_from("[]\n{}aé\u2028 ,\""), max_size=40),
       st.sampled_from([(0, 0), (2, 3), (1, 1), (0, 2)]))
def test_the_body_sliced_from_the_encoded_batch_is_the_body(text, cut):
    frame = streams.Frame(cut=cut)
    data = text.encode("utf-8")
    start, end = frame.byte_cut(text, len(data))
    body = frame.body(text)
    assert (data[start:end] if end > start else b"") == body.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["@misc{a,\n x = {1}\n}\n", "@misc{b,\r x = {2}\r}\r",
                                 "@misc{a,\r\n}\r\n", "\n", "\r", "\u2028", "text\n",
                                 "@misc{c,\n}\n"]), max_size=12))
def test_repeats_found_by_position_are_every_repeated_keyed_block(pieces):
    # (was: the repeats blanked keep every line break; the reader now skips
    # them itself, in place: nothing is blanked)
    from converters.scale.idstore import SeenKeys

    chunk = "".join(pieces)
    seen = SeenKeys()
    try:
        seen.add([("a", 1), ("b", 1)])
        repeated, cased = bibkeys.repeats(chunk, 1, seen)
        blocks = bibkeys._blocks(chunk)
        assert repeated == {key for _, _, _, key in blocks if key in ("a", "b")}
        assert not cased
        # the others are seen from now on, at their first line
        for line, _, _, key in blocks:
            if key not in ("a", "b"):
                assert seen.earlier(key) is not None and seen.earlier(key)[1] <= line
    finally:
        seen.close()


def _parents_line_by_line(text: str, wanted: set[str]) -> dict:
    """crossref.parents's second pass as it was: every line in Python."""
    from converters.scale.crossref import _KEY

    found: dict = {}
    current = None
    for number, opening, added in streams._entry_starts(io.StringIO(text, newline="")):
        if opening is not None:
            if current:
                found.setdefault(current[0], (current[1], "".join(current[2])))
            key = _KEY.match(opening.lstrip())
            folded = key.group(1).lower() if key else ""
            current = (folded, number, []) if folded in wanted else None
        if current:
            current[2].extend(added)
    if current:
        found.setdefault(current[0], (current[1], "".join(current[2])))
    return found


_PARENT_PIECES = ["@misc{a,\n", "@book{P,\n", "@proc{p,\r", "}\n", "{", "}", "\n", "\r",
                  "\r\n", "text", " crossref = {p},\n", "@misc{c, xref = {a}}\n", "é"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PARENT_PIECES), max_size=50), st.sampled_from([5, 1 << 16]))
def test_parents_found_by_the_cutting_are_those_found_line_by_line(pieces, read):
    from converters.scale import crossref

    text = "".join(pieces)
    wanted = crossref.named_parents(text)
    saved = streams._BIBTEX_READ
    streams._BIBTEX_READ = read
    try:
        got = crossref.parents(lambda: _handle(text))
    finally:
        streams._BIBTEX_READ = saved
    assert got == (_parents_line_by_line(text, wanted) if wanted else {})
