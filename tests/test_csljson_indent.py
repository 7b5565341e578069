"""The fast indented writer (csljson_indent.dumps) writes exactly what
``json.dumps(items, ensure_ascii=False, indent=2)`` writes, for any JSON-like
value: with orjson, and without it."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converters.formats import csljson_indent

_SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(-2**70, 2**70)
            | st.floats(allow_nan=True, allow_infinity=True) | st.text()
            | st.sampled_from(["null", "1.5", '": 1e5', "\x00\x1f\x7f\u2028", "é\"\\",
                               "\ud800"]))
_KEYS = st.text() | st.sampled_from(["id", "type", "null"])
_JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(_KEYS, inner, max_size=4)
                     | st.dictionaries(st.integers(0, 3), inner, max_size=2), max_leaves=25)


def _standard(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=500, deadline=None)
@given(st.lists(_JSON, max_size=5) | _JSON)
def test_same_bytes_as_the_standard_library(value):
    assert csljson_indent.dumps(value) == _standard(value)


@settings(max_examples=50, deadline=None)
@given(st.lists(_JSON, max_size=3))
def test_same_bytes_without_orjson(value):
    saved, csljson_indent.orjson = csljson_indent.orjson, None
    try:
        assert csljson_indent.dumps(value) == _standard(value)
    finally:
        csljson_indent.orjson = saved


def test_the_fast_path_is_taken_for_records():
    pytest.importorskip("orjson")
    items = [{"id": "a", "type": "book", "issued": {"date-parts": [[2001, 2]]},
              "author": [{"family": "Doe", "given": "J."}], "title": "1.5: null"}]
    calls = []
    real = csljson_indent.json.dumps
    csljson_indent.json.dumps = lambda *a, **k: calls.append(1) or real(*a, **k)
    try:
        assert csljson_indent.dumps(items) == real(items, ensure_ascii=False, indent=2)
    finally:
        csljson_indent.json.dumps = real
    assert not calls  # orjson wrote it
