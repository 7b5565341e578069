"""A crossref field spelled in capitals (CROSSREF, CrossRef, XRef) lends its
parent to a streamed chunk as the lower-case spelling does: --stream gives
what the whole-file reader gives.  The parent stands after more entries
than one chunk holds, so only the lending brings it."""
from __future__ import annotations

import io

import pytest

from converters.scale import crossref
from tests.support import run_cli


@pytest.mark.parametrize("spelling", ["crossref", "CROSSREF", "CrossRef", "XRef"])
def test_parent_lent_whatever_the_spelling(tmp_path, spelling):
    children = "".join(f"@inbook{{c{i},\n  title = {{Chapter {i}}},\n  {spelling} = {{parent}},\n}}\n\n"
                       for i in range(600))
    source = tmp_path / "refs.bib"
    source.write_text(children + "@book{parent,\n  title = {Big Book},\n  publisher = {Pub},\n"
                      "  year = {2001},\n}\n", encoding="utf-8")
    outputs = []
    for flags in ([], ["--stream"]):
        out = tmp_path / f"out{len(flags)}.json"
        done = run_cli("convert", source, "-t", "csljson", "-o", out, *flags)
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert '"publisher": "Pub"' in outputs[1]  # inherited (an inbook's own publisher)


def test_parents_found_by_block_as_line_by_line():
    """The first pass searches blocks of lines; it finds what a test of each
    line finds, with lines ended by CR, LF or CRLF: a name on the line after
    "crossref =" is not one (as before)."""
    text = ("@a{x,\r\n crossref = {p1},\r\n}\r@b{y, XREF={P2}}\n@c{z, title={ref}, "
            "crossref =\n {p3}}\n@d{w, Crossref = \"p4\"}\n"
            "@book{p1, title={1}}\n@book{p2, title={2}}\n@book{p3, title={3}}\n"
            "@book{p4, title={4}}\n")
    found = crossref.parents(lambda: io.StringIO(text, newline=""))
    assert sorted(found) == ["p1", "p2", "p4"]
    assert found["p2"] == (9, "@book{p2, title={2}}\n")
