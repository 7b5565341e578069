"""An entry whose values are all plain (one braced text, a number, a month
or @string name) is taken whole from what blocks.py read (Quick.plain),
skipping split._quick_fields's loop: held here to that loop, on generated
files with aliases, repeated names, @strings and @preambles."""
from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters.formats.bibtex import blocks
from converters.formats.bibtex import split as S
from converters.model import ReadResult

_NAME = st.sampled_from(["title", "Title", "journal", "journaltitle", "year", "month",
                         "address", "location", "date", "note", "eprinttype", "url",
                         "school", "keywords", "AUTHOR"])
_VALUE = st.sampled_from(["{x}", "{A {B} c}", "1990", "²", "jan", "Dec", "acm", "bad",
                          "pct", "back", "undefinedmacro", "{50%}", "{a\\'e}", '"q"',
                          "{x} # jan", "{}", "{{{{{deep}}}}}", "{\\foo}", "{a = b}",
                          "{line\none}", "x1", "{a@b}"])
_STRINGS = ('@string{acm = "ACM Press"}\n@string{bad = "{half"}\n'
            '@string{pct = "50%"}\n@string{back = "\\emph{x}"}\n')
_ENTRY = st.builds(
    lambda kind, key, fields: f"@{kind}{{{key},\n" + "".join(
        f"  {name} = {value},\n" for name, value in fields) + "}\n\n",
    st.sampled_from(["misc", "Article", "book", "online"]),
    st.sampled_from(["a", "b", "A", "k:1"]),
    st.lists(st.tuples(_NAME, _VALUE), max_size=6))


def _entries(text: str, plain: bool) -> tuple:
    result = ReadResult()
    original = blocks.split_blocks

    def without_plain(text, light=False):
        got = original(text, light)
        if got is None or plain:
            return got
        cut, quick = got
        return cut, {k: q._replace(plain=None) if q is not None else q
                     for k, q in quick.items()}

    blocks.split_blocks = without_plain  # split.py imports it when it runs
    try:
        entries, meta = S.split(text, "f.bib", result, None)
    finally:
        blocks.split_blocks = original
    return [dataclasses.asdict(e) for e in entries], meta, result.diagnostics


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), st.booleans(), st.lists(_ENTRY, max_size=5))
def test_plain_entries_are_read_as_the_loop_reads_them(strings, preamble, entries):
    text = (_STRINGS if strings else "") + (
        "@preamble{ \"\\newcommand{\\foo}{Foo}\" }\n" if preamble else "") + "".join(entries)
    assert _entries(text, True) == _entries(text, False)


def test_the_plain_path_is_taken():
    text = "@misc{a,\n  title = {T},\n  year = 1990,\n  month = jan,\n}\n"
    _, quick = blocks.split_blocks(text, light=True)
    assert [q.plain for q in quick.values()] == [{"title": "T", "year": "1990",
                                                   "month": "jan"}]
    assert _entries(text, True)[0][0]["fields"] == {"title": "T", "year": "1990",
                                                    "month": "January"}
