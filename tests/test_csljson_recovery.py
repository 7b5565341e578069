"""Compact (one-line) CSL-JSON recovers like pretty-printed CSL-JSON (issue 11,
item 5): a broken item costs only itself, in an array on one line, in JSON
Lines, and when it is nested too deep.  Speed is measured by
benchmarks/csljson_compact.py, not here."""
from __future__ import annotations

import json

import pytest

import converters

ITEMS = [{"id": f"r{i}", "type": "book", "title": f"Title {i}",
          "author": [{"family": "Doe", "given": "J."}, {"family": "Roe"}],
          "issued": {"date-parts": [[2000 + i]]}} for i in range(6)]
COMPACT = json.dumps(ITEMS, separators=(",", ":"))
PRETTY = json.dumps(ITEMS, indent=2)
LINES = "".join(json.dumps(item) + "\n" for item in ITEMS)


def _read(text):
    result = converters.read(text, "csljson")
    return [r.id for r in result.records], [d.code for d in result.diagnostics]


def _break(text, item, old, new):
    """Replace ``old`` by ``new`` inside item number ``item`` only."""
    at = text.index(f'"id"{":" if text is COMPACT else ": "}"r{item}"')
    start = text.rindex("{", 0, at)
    return text[:start] + text[start:].replace(old, new, 1)


ALL = [f"r{i}" for i in range(6)]
WITHOUT_2 = [i for i in ALL if i != "r2"]


@pytest.mark.parametrize("text", [COMPACT, PRETTY, LINES], ids=["compact", "pretty", "lines"])
def test_well_formed_shapes_read_alike(text):
    assert _read(text) == (ALL, [])


@pytest.mark.parametrize("old,new", [
    ('"type"', '"type" "x"'),                     # a stray value
    ('"title"', 'title'),                         # a key without quotes
    ('"Doe"', '"Doe'),                            # a string that never closes
    ('[{"family"', '[{"family" "x"'),             # a broken name inside the item
    (']]}}', ']]}'),                              # the item's closing brace lost
], ids=["stray-value", "unquoted-key", "open-string", "broken-name", "lost-brace"])
def test_one_broken_item_of_a_compact_array_costs_only_itself(old, new):
    ids, codes = _read(_break(COMPACT, 2, old.replace(" ", ""), new))
    assert ids == WITHOUT_2 and codes == ["syntax-error"]


@pytest.mark.parametrize("old,new", [('"type"', '"type" "x"'), ('"title"', 'title')])
def test_one_broken_item_of_json_lines_or_a_pretty_array_costs_only_itself(old, new):
    for text in (PRETTY, LINES):
        ids, codes = _read(_break(text, 2, old, new))
        assert ids == WITHOUT_2 and codes == ["syntax-error"], text[:20]


def test_missing_comma_between_compact_items_loses_nothing():
    text = COMPACT.replace('},{"id":"r3"', '}{"id":"r3"')
    assert _read(text) == (ALL, ["syntax-error"])


def test_an_item_nested_too_deep_is_skipped_and_the_rest_read():
    deep = "[" * 50_000 + "]" * 50_000
    for text, sep in ((COMPACT, ":"), (LINES, ": ")):
        broken = text.replace(f'"title"{sep}"Title 2"', f'"title"{sep}{deep}', 1)
        assert _read(broken) == (WITHOUT_2, ["nesting-too-deep"])


def test_a_truncated_compact_array_keeps_what_came_before_with_one_message():
    ids, codes = _read(COMPACT[:COMPACT.index('"id":"r4"') + 20])
    assert ids == ALL[:4] and codes == ["syntax-error"]


def test_lines_and_columns_in_a_compact_array():
    result = converters.read(COMPACT, "csljson")
    assert {r.origin.line for r in result.records} == {1}
    broken = converters.read(_break(COMPACT, 2, '"type"', '"type""x"'), "csljson")
    diagnostic = broken.diagnostics[0]
    assert diagnostic.location.line == 1
    assert COMPACT.index('"id":"r2"') < diagnostic.location.column < \
        COMPACT.index('"id":"r3"')


def test_json_lines_report_the_line_of_the_broken_item():
    result = converters.read(_break(LINES, 4, '"title"', "title"), "csljson")
    assert [d.location.line for d in result.diagnostics] == [5]
    assert [r.origin.line for r in result.records] == [1, 2, 3, 4, 6]


def test_a_broken_pretty_single_item_gives_one_message():
    text = json.dumps(ITEMS[0], indent=2).replace('"title"', "title")
    assert _read(text) == ([], ["syntax-error"])
