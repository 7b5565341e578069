"""Every writer over arbitrary CSL-JSON: whatever the CSL-JSON reader
accepts (and whatever a Python caller hands to ``write``), no exception
escapes, and the output is what its format can hold: UTF-8 text, XML that
parses, JSON without NaN.  Odd values are drawn on purpose: date parts of
2020.5, "spring" or true, ``custom`` values of every wrong type, control
characters, lone surrogates and U+FFFE in every text.

BIBCONV_FUZZ_EXAMPLES=5000 runs a longer search than the suite's default.
"""
from __future__ import annotations

import json
import math
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import converters
from converters.registry import default_registry
from converters.wellformed import CUSTOM_SHAPES, _kinds

EXAMPLES = int(os.environ.get("BIBCONV_FUZZ_EXAMPLES", "150"))
WRITERS = sorted(f.name for f in default_registry().all() if f.can_write)
TYPES = ["article-journal", "book", "chapter", "paper-conference", "thesis", "report",
         "speech", "article", "document", "webpage", "dataset", "entry"]
BIBTEX_TYPES = ["article", "book", "inbook", "incollection", "phdthesis", "mastersthesis",
                "thesis", "misc", "online", "unpublished", "periodical", "mvbook"]
BIBTEX_FIELDS = ["note", "eprint", "eprinttype", "url", "doi", "file", "langid", "month",
                 "title", "subtitle", "titleaddon", "publisher", "addendum"]

# Text with what files really hold besides letters: controls, line breaks,
# surrogates, non-characters, TeX and XML specials.
SPECIAL = "\x00\x01\x08\x0b\x1b\x7f\x85\x9f\t\n\r\u2028\ufeff\ufffe\uffff\ud800\udfff" \
          "{}\\%&$#_^~<>\"'"
text = st.text(st.characters(codec=None) | st.sampled_from(SPECIAL), max_size=24)
scalar = (st.none() | st.booleans() | st.integers(-10**12, 10**12)
          | st.floats(allow_nan=True, allow_infinity=True) | text)
json_value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(text, inner, max_size=3), max_leaves=6)
number = st.integers(-3000, 3000) | st.floats(-3000, 3000) | st.sampled_from(
    ["2020", "05", "spring", "", " 7 ", "2e3"])

name = st.fixed_dictionaries({}, optional={
    "family": text | scalar, "given": text | scalar, "literal": st.just("others") | text,
    "non-dropping-particle": text, "dropping-particle": text, "suffix": text | scalar,
    "ORCID": text, "affiliation": json_value}) | text | scalar
date = st.fixed_dictionaries({}, optional={
    "date-parts": st.lists(st.lists(number | scalar, max_size=4), max_size=3) | json_value,
    "season": number | text, "circa": scalar, "literal": text | scalar,
    "raw": text | scalar}) | text | json_value
text_map = st.dictionaries(st.sampled_from(BIBTEX_FIELDS) | text, text | json_value,
                           max_size=4) | json_value
custom_values = {
    "bibtex": st.fixed_dictionaries({}, optional={
        "type": st.sampled_from(BIBTEX_TYPES) | json_value, "fields": text_map,
        "source": text_map}) | json_value,
    "author-count": st.integers(-5, 40) | st.sampled_from(["12", "twelve", "3.5"]) | scalar,
    "editor-count": st.integers(0, 9) | scalar,
    "name-details": st.dictionaries(st.sampled_from(["author", "editor"]) | text,
                                    st.lists(st.none() | st.fixed_dictionaries(
                                        {"ORCID": text}) | scalar, max_size=4) | json_value,
                                    max_size=2) | json_value,
    "pub-ids": text_map,
}
custom = st.fixed_dictionaries({}, optional={
    key: custom_values.get(key, json_value) for key in CUSTOM_SHAPES}) | json_value
# The CSL-JSON reader itself raises on a name-details that is not an object
# when a name carries extra properties (see test_reader_name_details_bug):
# the reader-fed test keeps it an object so that it tests the writers.
custom_for_reader = st.fixed_dictionaries({}, optional={
    key: st.dictionaries(st.sampled_from(["author", "editor"]), st.lists(
        st.none() | st.fixed_dictionaries({"ORCID": text}), max_size=3), max_size=2)
    if key == "name-details" else custom_values.get(key, json_value)
    for key in CUSTOM_SHAPES})


def _value(kind: str):
    if kind == "names":
        return st.lists(name, max_size=4) | json_value
    if kind == "date":
        return date
    if kind == "number-or-string":
        return number | text | json_value
    return text | json_value


VARIABLES = {key: _value(kind) for key, kind in _kinds().items()
             if key not in ("id", "type", "custom")}
VARIABLES.update({"custom": custom, "unknown-key": json_value})
# What writers do most with: drawn as often as all the rest together.
FAVOURED = ["title", "author", "editor", "issued", "custom", "page", "DOI", "volume",
            "container-title", "abstract"]


@st.composite
def item(draw, for_reader: bool = False) -> dict:
    """An item with a few variables (a handful shrinks far better than all)."""
    keys = draw(st.lists(st.sampled_from(FAVOURED) | st.sampled_from(sorted(VARIABLES)),
                         unique=True, max_size=6))
    csl_type = st.sampled_from(TYPES)
    data = {"id": draw(text | st.integers()),
            "type": draw(csl_type | csl_type | csl_type | json_value)}  # mostly valid
    for key in keys:
        data[key] = draw(custom_for_reader if for_reader and key == "custom"
                         else VARIABLES[key])
    return data


def _check_output(fmt: str, text_out: str) -> None:
    text_out.encode("utf-8")  # no lone surrogates: the file can be written
    if fmt.startswith("jats") and text_out:
        from lxml import etree

        etree.fromstring(text_out.encode("utf-8"))  # well-formed XML
    if fmt == "csljson" and text_out:
        def refuse(constant):
            raise AssertionError(f"{constant} is not JSON")

        json.loads(text_out, parse_constant=refuse)


def _write_everything(records) -> int:
    written = 0
    for fmt in WRITERS:
        result = converters.write(records, fmt)
        _check_output(fmt, result.text)
        for document in (result.files or {}).values():
            _check_output(fmt, document)
        written += 1
    return written


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.filter_too_much])
@given(st.lists(item(for_reader=True), min_size=1, max_size=3))
def test_no_writer_raises_on_what_the_reader_accepts(items):
    try:
        source = json.dumps(items, allow_nan=True)
    except (ValueError, RecursionError):
        return
    read = converters.read(source, "csljson")
    assert _write_everything(read.records) == len(WRITERS)
    # the validator sees the same records
    converters.validate(read.records)


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(item(), min_size=1, max_size=3))
def test_no_writer_raises_on_what_a_python_caller_hands_over(items):
    # write() takes plain dicts too, without the reader's mending
    before = json.dumps(items, allow_nan=True, default=repr, sort_keys=True)
    assert _write_everything(items) == len(WRITERS)
    after = json.dumps(items, allow_nan=True, default=repr, sort_keys=True)
    assert before == after  # the caller's records are not altered


@pytest.mark.parametrize("fmt", WRITERS)
def test_each_reproduced_crash_is_now_a_diagnostic(fmt):
    """The crashes of issue 12, each through every writer: the record is
    written, the bad value reported by record and field."""
    cases = {
        "title": ({"title": "Bad \x01 title\x0b"}, "character-invalid", "/title"),
        "issued": ({"issued": {"date-parts": [[2020.5]]}}, "value-invalid",
                   "/issued/date-parts/0/0"),
        "fields": ({"custom": {"bibtex": {"fields": ["x"]}}}, "value-invalid",
                   "/custom/bibtex/fields"),
        "count": ({"custom": {"author-count": "many"}, "author": [
            {"family": "A"}, {"literal": "others"}]}, "value-invalid", "/custom/author-count"),
    }
    for name, (extra, code, pointer) in cases.items():
        data = {"id": f"r-{name}", "type": "article-journal", "title": "T", **extra}
        result = converters.write([data], fmt)
        found = [(d.code, d.location.pointer, d.record) for d in result.diagnostics
                 if d.code == code]
        assert found == [(code, pointer, f"r-{name}")], (name, result.diagnostics)
        _check_output(fmt, result.text)


def test_mends_that_lose_nothing_are_silent_and_exact():
    from converters.wellformed import check_record

    data = {"id": 7, "type": "book", "title": "T",
            "issued": {"date-parts": [[2020.0, "5"]]},
            "custom": {"author-count": "12"}, "volume": 3}
    mended, notes = check_record(data)
    assert notes == []
    assert mended["id"] == "7" and mended["issued"] == {"date-parts": [[2020, 5]]}
    assert type(mended["issued"]["date-parts"][0][0]) is int
    assert mended["custom"] == {"author-count": 12} and mended["volume"] == 3
    assert data["issued"]["date-parts"] == [[2020.0, "5"]]  # the caller's dict as it was
    assert math.isfinite(mended["issued"]["date-parts"][0][0])


def test_reader_name_details_not_an_object():
    item = {"id": "a", "type": "book", "author": [{"family": "A", "ORCID": "x"}],
            "custom": {"name-details": "junk"}}
    result = converters.read(json.dumps([item]), "csljson")
    custom = result.records[0].data["custom"]
    assert custom["name-details"] == {"author": [{"ORCID": "x"}]}
    assert any("name-details" in d.message for d in result.diagnostics)
