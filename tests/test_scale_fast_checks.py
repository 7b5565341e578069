"""The speed work of issue 14 outside the BibTeX reader: the shape check's
one dump for a run of records says what a dump a record says, and the
collector settings for large inputs are put back as they were."""
from __future__ import annotations

import dataclasses
import datetime
import gc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converters import textio, wellformed
from converters.textio import fewer_collections

_TEXT = st.text() | st.sampled_from(["\x00", "\x08", "\x0c", "\x1f", "\x7f", "\x85", "\x9f",
                                     "\ufffe", "\uffff", "\ud800", "\\b", "\\u0001", "é"])
_SCALAR = (st.none() | st.booleans() | st.integers() | st.integers(-2**70, 2**70)
           | st.floats(allow_nan=True, allow_infinity=True) | _TEXT)
_VALUE = st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(_TEXT, inner, max_size=3), max_leaves=12)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.dictionaries(_TEXT, _VALUE, max_size=4), max_size=4))
def test_one_dump_for_the_run_agrees_with_one_a_record(records):
    each = all(wellformed._fine(record) for record in records)
    assert wellformed._all_fine(records) == (each and wellformed._fine(records))
    if wellformed._all_fine(records):
        assert each


def test_clean_runs_take_the_one_dump():
    records = [{"id": f"r{n}", "type": "book", "title": f"Title {n}", "author": [
        {"family": "Doe", "given": "J."}], "issued": {"date-parts": [[2000 + n]]}}
        for n in range(50)]
    calls = []
    real = wellformed._fine
    wellformed._fine = lambda value: calls.append(1) or real(value)
    try:
        assert wellformed._all_fine(records)
    finally:
        wellformed._fine = real
    assert not calls  # orjson's one dump said it


@dataclasses.dataclass
class _Point:
    x: int = 1


@pytest.fixture
def owned(monkeypatch):
    """This process as the CLI's: large reads may tune the collector."""
    monkeypatch.setattr(textio, "_owned", [True])


def test_a_program_importing_the_library_keeps_its_collector(monkeypatch):
    monkeypatch.setattr(textio, "_owned", [])
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    with fewer_collections():
        assert gc.get_threshold() == before and gc.get_freeze_count() == frozen


def test_collector_settings_restored_and_nesting_kept(owned):
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    with fewer_collections():
        inside = gc.get_threshold()
        assert inside[0] >= 10_000
        with fewer_collections():  # the reader inside a stream: the outer settings stay
            assert gc.get_threshold() == inside
        assert gc.get_threshold() == inside
        assert gc.get_freeze_count() >= frozen
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen


def test_collector_settings_restored_after_an_error(owned):
    before = gc.get_threshold()
    try:
        with fewer_collections():
            raise ValueError("stop")
    except ValueError:
        pass
    assert gc.get_threshold() == before


@pytest.mark.parametrize("value", [datetime.date(2020, 1, 2), _Point()])
def test_values_orjson_would_write_but_json_refuses_are_still_left_out(value):
    # orjson writes dates and dataclasses; the one dump must not wave them
    # through to a writer that then fails (review)
    from converters.formats import csljson
    from converters.model import Record

    kept, found = wellformed.check([Record({"id": "a", "type": "book", "title": "T",
                                            "x-accessed": value})])
    assert "x-accessed" not in kept[0].data
    assert [d.code for d in found] and "not a JSON value" in found[0].message
    assert '"title": "T"' in csljson.write(kept).text
