"""Issue 14's standard on BibTeX files of more than one chunk: the whole
run, ``--stream`` and ``--jobs 2`` give the same output bytes, the same
findings in the same order (stderr) and the same exit code.  Each case here
differed before its fix: a crossref parent missing from the first chunk
(its finding came at that chunk's end, not after the file's other
reading findings), lone "\\r" line ends (other lines, chunks lost at the
join), a key differing in case from an earlier chunk's on an entry that is
skipped, and @string macros that did not reach the next input."""
from __future__ import annotations

import pytest

from converters.scale.streams import BATCH
from tests.support import convert_three_ways


def _entries(count: int, end: str = "\n") -> str:
    """``count`` entries over several chunks, with findings of each step of
    the reader (splitting, crossref, fields) in both chunks."""
    parts = []
    for i in range(count):
        key = {BATCH + 20: "k10", BATCH + 30: "K20"}.get(i, f"k{i}")  # repeats across chunks
        fields = [f"title = {{Title {i}}}", f"author = {{Doe, J{i}}}", "year = {2000}"]
        if i % 97 == 3:
            fields.append("crossref = {absent}")  # crossref-missing (inherit step)
        if i % 131 == 5:
            fields.append("journal = UNDEFINED")  # macro-undefined (splitting step)
        if i % 89 == 7:
            fields.append("shoesize = {44}")  # field-unmapped (reading the fields)
        if i % 7 == 0:
            fields.append("note = {a note" + end + "  on two lines}")
        parts.append(f"@article{{{key}," + end + ("," + end).join("  " + f for f in fields)
                     + end + "}" + end + end)
    return "".join(parts)


@pytest.mark.parametrize("end", ["\n", "\r", "\r\n"], ids=["lf", "lone-cr", "crlf"])
def test_a_file_of_several_chunks_and_the_next_input(tmp_path, end):
    big, small = tmp_path / "big.bib", tmp_path / "small.bib"
    big.write_text(_entries(BATCH + 200, end), encoding="utf-8", newline="")
    small.write_text("@book{s1,\n  title = {S},\n  crossref = {k3},\n}\n", encoding="utf-8")
    whole, *others = convert_three_ways(big, small, "-t", "csljson")
    assert b"crossref-missing" in whole[1] and b"differs only in case" in whole[1]
    assert b"is used again" in whole[1] and b"macro-undefined" in whole[1]
    for other in others:
        assert other == whole


def test_a_lone_cr_file_is_numbered_as_the_text_reader_splits_it(tmp_path):
    bib = tmp_path / "mac.bib"
    bib.write_text("@book{a,\r  title = {T},\r  journal = NOPE\r}\r\r@book{b,\r  title = {U}\r}\r",
                   encoding="utf-8", newline="")
    whole, *others = convert_three_ways(bib, "-t", "csljson")
    assert whole[1].decode().startswith(f"{bib}:3: error macro-undefined")
    assert all(other == whole for other in others)


def test_string_macros_reach_the_inputs_after_them(tmp_path):
    first, second, third = (tmp_path / f"{n}.bib" for n in ("a", "b", "c"))
    first.write_text('@string{jn = {Journal of Things}}\n@preamble{"\\newcommand{\\X}{Ex}"}\n'
                     "@article{a1, title={T}, journal=jn, year=2000}\n", encoding="utf-8")
    second.write_text("@string{jn2 = jn # { Letters}}\n"
                      "@article{b1, title={U \\X}, journal=jn, year=2001}\n", encoding="utf-8")
    third.write_text("@article{c1, title={V}, journal=jn2, year=2002}\n", encoding="utf-8")
    whole, *others = convert_three_ways(first, second, third, "-t", "csljson")
    assert whole[2] == 0 and b"Journal of Things Letters" in whole[0]
    for other in others:
        assert other == whole


def test_macros_of_an_input_read_whole_reach_the_next(tmp_path):
    # --encoding latin-1: not streamed, read whole; its macros still carry
    first, second = tmp_path / "a.bib", tmp_path / "b.bib"
    first.write_bytes(b"@string{jn = {Journ\xe9l of Things}}\n"
                      b"@article{a1, title={T}, journal=jn, year=2000}\n")
    second.write_bytes(b"@article{b1, title={U}, journal=jn, year=2001}\n")
    whole, *others = convert_three_ways(first, second, "--encoding", "latin-1", "-t", "csljson")
    assert whole[0].count("Journél of Things".encode()) == 2
    assert all(other == whole for other in others)
