"""The facts every format shares (converters/vocabulary.py)."""
from __future__ import annotations

import pytest

from converters import vocabulary


@pytest.mark.parametrize("text,month", [
    ("3", 3), ("03", 3), ("Mar", 3), ("mar.", 3), ("March", 3), ("sept", 9), ("May", 5),
    ("13", None), ("0", None), ("²", None), ("Marc", None), ("", None), (None, None)])
def test_month_number(text, month):
    assert vocabulary.month_number(text) == month


@pytest.mark.parametrize("text,bare", [
    ("https://doi.org/10.1000/x", "10.1000/x"), ("http://dx.doi.org/10.1000/x", "10.1000/x"),
    ("doi: 10.1000/x", "10.1000/x"), ("DOI:10.1000/x", "10.1000/x"), ("10.1000/x", "10.1000/x")])
def test_strip_doi_prefix(text, bare):
    assert vocabulary.strip_doi_prefix(text) == bare


@pytest.mark.parametrize("pages,parts", [
    ("12-19", ("12", "19")), ("12--19", ("12", "19")), ("12 – 19", ("12", "19")),
    ("e1234", None), ("1-2, 5-7", None), ("A12–A19", ("A12", "A19"))])
def test_split_page_range(pages, parts):
    assert vocabulary.split_page_range(pages) == parts
