"""A title decoded once for both its forms (titles._rich_title): the CSL
title (recased where the entry is English) and the title as written, which
read_titles compares with it to decide whether the originals are kept.
Both equal what the general path gives (latex.rich, and sentence case of
the decoded pieces) on generated LaTeX, and the reader keeps the originals
exactly where recasing changed the title."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from converters import latex
from converters.formats.bibtex import reader, titles

# Words, marks and LaTeX that decoding and recasing treat apart.
_PARTS = st.sampled_from(["The", "analysis", "NASA", "iPhone", "McDonald", "Higher-Order",
                          "of", ":", ".", "?", " ", "  ", "{DNA}", "{Word}", r"\emph{Big}",
                          r"\textbf{x}", "--", "-", "$x^2$", r"\&", "~", "{", "}", "'s",
                          r"{\'e}t{\'e}", "Zoë", "\n", "(12)", "A.", "B"])
_TITLES = st.lists(_PARTS, min_size=1, max_size=12).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_TITLES, st.booleans())
def test_both_forms_are_the_general_paths(value, english):
    titles._rich_title.cache_clear()
    got, written = titles._rich_title(value, english)
    pieces = latex.decode(value)
    assert written == latex.rich(value)
    assert got == latex.to_rich(latex.sentence_case(pieces) if english else pieces)
    # asked again (the cache), the same pair
    assert titles._rich_title(value, english) == (got, written)


def test_originals_kept_exactly_where_recasing_changed_the_title():
    bib = ("@article{a, title = {The Analysis of {DNA}}, langid = {english}}\n"
           "@article{b, title = {The analysis of {DNA}}, langid = {english}}\n"
           "@article{c, title = {The Analysis of {DNA}}, langid = {german}}\n")
    got = {r.id: r.data["custom"]["bibtex"].get("source") for r in reader.read(bib).records}
    assert got == {"a": {"title": "The Analysis of {DNA}"}, "b": None, "c": None}
