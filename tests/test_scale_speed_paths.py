"""The quick paths of streaming BibTeX (issue 14's speed work) give exactly
what the general ones give: the block openings the cutting hands on
(streams.bibtex_openings) against looking again in each chunk alone
(bibkeys._blocks), and the parts' id notes (marshalled batches) against the
records noted.  Generated text full of what each shortcut must refuse:
unbalanced braces, "@" lines inside them, lone "\\r", long stretches (the
stretch made short here so that it is reached)."""
from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters.scale import bibkeys, streams
from converters.scale.joined_ids import IdNotes, _batches, notes_path

_PIECES = ["@misc{a,\n", "@book{B,\n", "}\n", "{", "}", " @x{k,", "\n", "\r", "\r\n", "@",
           "text", "\n@y{b,", "\t@z(c,", "é", "@misc{a,}\n", "@MISC{A,\n", "\n\n"]


def _handle(text: str):
    return io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8", newline="")


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.sampled_from([1, 2, 3, 500]),
       st.sampled_from([7, 64, 1 << 16]), st.sampled_from([1, 3, 10_000]))
def test_openings_handed_on_are_those_found_in_the_chunk_alone(pieces, batch, read, stretch):
    text = "".join(pieces)
    saved = streams._BIBTEX_READ, streams._STRETCH
    streams._BIBTEX_READ, streams._STRETCH = read, stretch
    try:
        handed = list(streams.bibtex_openings(_handle(text), batch))
        assert [(start, chunk) for start, chunk, _ in handed] == list(
            streams.bibtex_chunks(_handle(text), batch))
        for _, chunk, openings in handed:
            if openings is not None:
                assert "\r" not in chunk
                assert openings == list(streams._Openings().find(chunk))
            assert bibkeys._blocks(chunk, openings) == bibkeys._blocks(chunk)
    finally:
        streams._BIBTEX_READ, streams._STRETCH = saved


def test_openings_are_handed_on_for_plain_entries():
    # the common case takes the quick path (else the test above holds nothing)
    text = "".join(f"@misc{{k{n},\n  title = {{T {n}}},\n}}\n\n" for n in range(7))
    handed = list(streams.bibtex_openings(_handle(text), 3))
    assert [len(o or []) for _, _, o in handed] == [3, 3, 1]
    assert handed[1][2] == [(0, 1), (30, 5), (60, 9)]


_ID = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_ID, _ID, st.sampled_from([None, "a.bib", "b é.bib"]),
                          st.one_of(st.none(), st.integers(1, 10**9)),
                          st.one_of(st.none(), _ID)), max_size=1200))
def test_id_notes_give_back_the_records_noted(tmp_path_factory, rows):
    part = str(tmp_path_factory.mktemp("notes") / "part-000000")
    notes = IdNotes(part)
    for row in rows:
        notes.add(*row)
    notes.close()
    with open(notes_path(part), "rb") as handle:
        assert [row for batch in _batches(handle) for row in batch] == rows
