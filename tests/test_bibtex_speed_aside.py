"""kept._written_back remembers what the writer and the reader make of a
set-aside value (issue 14's speed work): entries read one after another,
with the memory kept, give exactly what each read alone with the memory
emptied gives.  Generated entries whose bibconv-csl holds checked
variables (dates, DOI, genre, places), often the same ones, beside fields
that agree with them or not.  groups._language remembers an entry's
language (langid, langidopts): the same, read afresh each time."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from converters.formats.bibtex import kept
from converters.formats.bibtex.reader import read

_DATE = st.sampled_from([{"date-parts": [[2017]]}, {"date-parts": [[2017, 3]]},
                         {"date-parts": [[2017], [2019]]}, {"date-parts": [[2017]], "circa": True},
                         {"date-parts": [[2017]], "season": 2}, {"raw": "spring 2017"},
                         {"literal": "n.d."}, None, "2017", [1]])
_ASIDE = st.fixed_dictionaries({}, optional={
    "issued": _DATE, "accessed": _DATE, "original-date": _DATE,
    "DOI": st.sampled_from(["10.1/x", "https://doi.org/10.1/x", "doi:10.1/X", None, 5]),
    "genre": st.sampled_from(["PhD thesis", "Report", None]),
    "publisher-place": st.sampled_from(["Berlin", "Berlin and Paris", None]),
    "jurisdiction": st.sampled_from(["US", None])})
_FIELDS = st.sampled_from(["", "  year = {2017},\n", "  date = {2017-03},\n",
                           "  date = {2017/2019},\n", "  doi = {10.1/x},\n",
                           "  location = {Berlin},\n", "  type = {PhD thesis},\n"])
_TYPES = st.sampled_from(["article", "phdthesis", "report", "book", "misc", "online"])


def _entry(n: int, etype: str, fields: str, aside: dict) -> str:
    csl = json.dumps(aside)  # braces balance: the field's value as it is
    return f"@{etype}{{k{n},\n  title = {{T}},\n{fields}  bibconv-csl = {{{csl}}},\n}}\n\n"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_TYPES, _FIELDS, _ASIDE), min_size=1, max_size=8))
def test_remembered_write_backs_read_as_fresh_ones(entries):
    text = "".join(_entry(n, *entry) for n, entry in enumerate(entries))
    kept._BACK.clear()
    remembered = read(text)
    fresh = []
    for n, entry in enumerate(entries):
        kept._BACK.clear()
        fresh.extend(read(_entry(n, *entry)).records)
    assert [r.data for r in remembered.records] == [r.data for r in fresh]


def test_the_memory_is_used():
    # a repeated set-aside value is written back once (else the test above holds nothing)
    kept._BACK.clear()
    read(_entry(1, "article", "  year = {2017},\n", {"issued": {"date-parts": [[2017]]}})
         + _entry(2, "article", "  year = {2017},\n", {"issued": {"date-parts": [[2017]]}}))
    assert len(kept._BACK) == 1


_LANGID = st.sampled_from(["english", "English", "ngerman", "{French}", "\\emph{german}",
                           "british", "klingon", " english ", "", "x{"])
_OPTIONS = st.sampled_from([None, "", "variant=american", "variant = british",
                            "variant=us, other", "label=x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_LANGID, _OPTIONS), min_size=1, max_size=10))
def test_a_remembered_language_is_the_language_read_afresh(pairs):
    from converters.formats.bibtex import groups

    def fields(langid, options):
        return {"langid": langid, **({} if options is None else {"langidopts": options})}

    remembered = [groups.read_language_of(fields(*pair)) for pair in pairs]
    fresh = []
    for pair in pairs:
        groups._language.cache_clear()
        fresh.append(groups.read_language_of(fields(*pair)))
    assert remembered == fresh
