"""Issue 14's fourth round of BibTeX speed cuts gives what the paths they
replace give.

- latex._grouped_tidy (a title of text and braced groups decoded and tidied
  in one pass) is _tidy(_grouped(value)), on generated values and on every
  value of the corpora's .bib files that takes it.
- What the reader finds once a layout of field names (Reading.layout: the
  simple fields in order, bibconv's own fields, the title, name and date
  fields present, the variables lines are reported under) is what it found
  once an entry: each helper against the expression it replaced, on
  generated layouts; and every entry read in one file (the caches warm with
  the other entries' layouts) as read alone with the caches emptied, on
  generated entries and on the corpora's .bib files."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converters import latex
from converters.formats.bibtex import groups as G
from converters.formats.bibtex import kept as K
from converters.formats.bibtex import reader as R
from converters.formats.bibtex import titles as T
from converters.mapping import bibtex as M

# -- one pass for text and braced groups ---------------------------------------

_TEXTS = st.lists(st.sampled_from(["a", "B", " ", "é", "\u00a0", "\x0b", "-", ":", "(1)",
                                   "Word", "x y"]), max_size=6).map("".join)
_GROUPED = st.lists(st.one_of(_TEXTS, _TEXTS.map(lambda t: "{" + t + "}")),
                    max_size=6).map("".join)


def _takes_one_pass(value: str) -> bool:
    """decode's condition for _grouped_tidy."""
    return (bool(latex._NEEDS_PARSE.search(value)) and bool(latex._NEEDS_READER.search(value))
            and "--" not in value and latex._PLAIN_GROUPS.fullmatch(value) is not None
            and "  " not in value and latex.PARAGRAPH not in value)


@settings(max_examples=1500, deadline=None)
@given(_GROUPED)
def test_one_pass_is_grouped_then_tidied(value):
    if latex._PLAIN_GROUPS.fullmatch(value) and "  " not in value:
        assert latex._grouped_tidy(value) == tuple(latex._tidy(latex._grouped(value)))


def _bib_files() -> list[Path]:
    root = Path(__file__).resolve().parent.parent
    found = sorted(p for base in (root.parent / "shared" / "corpora", root / "fixtures")
                   if base.exists() for p in base.rglob("*.bib"))
    if not found:
        pytest.skip("no corpora")
    return found


def _entries(text: str) -> list:
    from converters.formats.bibtex.split import split
    from converters.model import ReadResult

    try:
        return split(text, "in.bib", ReadResult(), {})[0]
    except RecursionError:
        return []


def test_one_pass_on_the_corpora():
    taken = 0
    for path in _bib_files():
        for entry in _entries(path.read_text(encoding="utf-8", errors="replace")):
            for value in entry.fields.values():
                if _takes_one_pass(value):
                    taken += 1
                    assert latex._grouped_tidy(value) == tuple(
                        latex._tidy(latex._grouped(value))), value
    assert taken > 0


# -- what depends on the field names alone ---------------------------------------

_FIELD_NAMES = sorted({*M.SIMPLE, *M.NAMES, *T.TITLE_FIELDS, "date", "year", "month", "day",
                       "eventdate", "eventyear", "origyear", "origmonth", "urldate",
                       "urlyear", "urlday", "number", "issue", "bibconv-type",
                       "bibconv-csl", "bibconv-license", "bibconv-", "keywords", "x"})
_LAYOUTS = st.lists(st.sampled_from(_FIELD_NAMES), unique=True, max_size=12).map(tuple)


@settings(max_examples=800, deadline=None)
@given(_LAYOUTS)
def test_layout_helpers_say_what_the_per_entry_expressions_said(layout):
    fields = dict.fromkeys(layout, "{x}")
    assert list(G.simple_fields(layout)) == sorted(
        fields.keys() & M.SIMPLE.keys(), key=G._SIMPLE_ORDER.__getitem__)
    assert list(K._prefixed(layout)) == [k for k in fields if k.startswith(M.FACT_PREFIX)]
    assert list(G._names_present(layout)) == [(n, v) for n, v in M.NAMES.items()
                                              if n in fields]
    present, shaped = T._title_layout(layout)
    assert list(present) == [k for k in T.TITLE_FIELDS if k in fields]
    assert shaped == any(k in fields for k in T._SHAPED)
    assert list(R._variables(layout)) == list(map(R._FIELD_TO_VAR.get, fields, fields))
    dated = dict(G._date_layout(layout))
    for prefix, names in G.DATE_FIELDS.items():
        if prefix in dated:
            assert list(dated[prefix]) == [k for k in names if k in fields]
        else:  # left out only where no date can be read
            assert G.read_date(fields, prefix) is None


def _clear_layout_caches() -> None:
    for cached in (G.simple_fields, K._prefixed, G._names_present, T._title_layout,
                   R._variables, G._date_layout):
        cached.cache_clear()


def _read_each_alone(entries: list, biblatex: bool) -> list:
    out = []
    for entry in entries:
        _clear_layout_caches()
        out.append(_csl(entry, biblatex))
    return out


def _csl(entry, biblatex: bool):
    diagnostics: list = []
    try:
        record = R.to_csl(entry, "in.bib", diagnostics, biblatex)
    except RecursionError:
        return None
    return (record.data, record.origin, [(d.code, d.message, d.location)
                                         for d in diagnostics])


def _same_whole_and_alone(text: str) -> None:
    from converters.formats.bibtex.inherit import inherit
    from converters.model import ReadResult

    entries = [e for e in _entries(text) if not e.skipped]
    inherit(entries, "in.bib", ReadResult())
    for biblatex in (False, True):
        together = [_csl(entry, biblatex) for entry in entries]
        assert _read_each_alone(entries, biblatex) == together


_VALUES = st.sampled_from(["{A Title of {NASA}}", "{Doe, Jane and Roe, R.}", "{2001}",
                           "jan", "{2001-02-03}", "{12--19}", "{x}", "{english}",
                           '{{"submitted": {"date-parts": [[2000]]}}}', "{book}"])
_ENTRY = st.tuples(st.sampled_from(["article", "book", "inbook", "misc", "patent"]),
                   st.lists(st.tuples(st.sampled_from(_FIELD_NAMES), _VALUES),
                            max_size=8, unique_by=lambda field: field[0]))


def _bib(entries: list) -> str:
    return "".join(f"@{etype}{{k{i},\n" + "".join(f"  {name} = {value},\n"
                                                   for name, value in fields) + "}\n\n"
                   for i, (etype, fields) in enumerate(entries))


@settings(max_examples=150, deadline=None)
@given(st.lists(_ENTRY, min_size=1, max_size=6))
def test_entries_read_together_as_alone(entries):
    _same_whole_and_alone(_bib(entries))


def test_entries_read_together_as_alone_on_the_corpora():
    for path in _bib_files():
        _same_whole_and_alone(path.read_text(encoding="utf-8", errors="replace"))
