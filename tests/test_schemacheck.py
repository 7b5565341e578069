"""The fast yes/no check and jsonschema must agree on every value, or a bad
record could slip through the fast path unexplained."""
from __future__ import annotations

import json
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from converters.resources import load_schema
from converters.schemacheck import fast_predicate

KEYS = ["id", "type", "title", "author", "issued", "page", "custom", "volume", "shelf"]
scalars = st.none() | st.booleans() | st.integers(-5, 3000) | st.text(max_size=5) | \
    st.sampled_from(["book", "article", "2020", "family", "date-parts", "literal"])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["family", "given", "literal", "date-parts", "raw", "x"]), inner,
    max_size=3), max_leaves=8)
items = st.dictionaries(st.sampled_from(KEYS), values, max_size=6)


@lru_cache(maxsize=1)
def checkers():
    from jsonschema import Draft7Validator

    schema = load_schema("csl-data.json")
    return fast_predicate(schema), Draft7Validator(schema).is_valid


@settings(max_examples=400, deadline=None)
@given(items)
def test_fast_check_agrees_with_jsonschema(item):
    fast, slow = checkers()
    assert fast is not None
    assert fast(item) == slow(item), json.dumps(item)


def test_profile_rules_compile_to_the_fast_path():
    from converters.validation.profiles import load_profile

    for rule in load_profile(None):
        assert rule.is_valid is not rule.validator.is_valid, rule.code
