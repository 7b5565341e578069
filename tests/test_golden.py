"""Golden conversions of the seed.  Regenerate with ``pytest --update-golden``
and review the diff before committing it."""
from __future__ import annotations

import json

import converters

from tests.support import SEED, check_golden, corpus


def test_seed_to_csljson(update_golden):
    result = converters.convert(SEED, "csljson")
    assert not result.diagnostics
    check_golden("publications.csl.json", result.text, update_golden)


def test_seed_to_clean_listing(update_golden):
    result = converters.convert(SEED, "listing")
    assert not result.diagnostics
    check_golden("publications.listing.txt", result.text, update_golden)


def test_page_display_reproduces_the_seed_byte_for_byte():
    result = converters.convert(SEED, "listing", write_options={"page": True})
    assert result.text == SEED.read_text(encoding="utf-8") + "\n"


def test_seed_csljson_validates_against_the_official_schema():
    jsonschema = __import__("jsonschema")
    schema = json.loads(corpus("csl-schema", "csl-data.json").read_text())
    items = json.loads(converters.convert(SEED, "csljson").text)
    jsonschema.Draft7Validator(schema).validate(items)


def test_csljson_back_to_listing_is_the_same_listing():
    csl = converters.convert(SEED, "csljson").text
    again = converters.convert(csl, "listing", from_="csljson")
    assert again.text == converters.convert(SEED, "listing").text
    assert not again.diagnostics
