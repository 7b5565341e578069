"""The collector settings of issue 14's speed work for the BibTeX reader and
the CSL-JSON writer: inside a stream's fewer_collections, they ask for
rarer passes (textio.ACYCLIC) only while they run; the stream's own
settings come back when they end, and a library caller's are never touched."""
from __future__ import annotations

import gc

import pytest

from converters import textio
from converters.formats import csljson
from converters.formats.bibtex import reader
from converters.textio import ACYCLIC, fewer_collections

_BIB = "@misc{a,\n  title = {T},\n  year = 1990,\n}\n"


@pytest.fixture
def owned(monkeypatch):
    monkeypatch.setattr(textio, "_owned", [True])


def _threshold_seen(monkeypatch, module, name: str) -> list:
    """Calls ``module.name`` through a spy that notes the collector's first
    threshold while it runs."""
    seen, real = [], getattr(module, name)

    def spy(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        return real(*args, **kwargs)
    monkeypatch.setattr(module, name, spy)
    return seen


def test_the_reader_asks_for_rarer_passes_while_it_reads(owned, monkeypatch):
    seen = _threshold_seen(monkeypatch, reader, "_read")
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    with fewer_collections():  # a stream
        outer = gc.get_threshold()
        assert reader.read(_BIB).records
        assert gc.get_threshold() == outer  # the stream's own again
    assert seen == [ACYCLIC]
    assert gc.get_threshold() == before and gc.get_freeze_count() == frozen


def test_the_writer_asks_for_rarer_passes_while_it_writes(owned, monkeypatch):
    seen = _threshold_seen(monkeypatch, csljson, "_write")
    records = reader.read(_BIB).records
    with fewer_collections():
        outer = gc.get_threshold()
        csljson.write(records)
        assert gc.get_threshold() == outer
    assert seen == [ACYCLIC]


def test_an_inner_call_never_makes_passes_more_frequent(owned):
    with fewer_collections(ACYCLIC):
        with fewer_collections():
            assert gc.get_threshold()[0] == ACYCLIC
        assert gc.get_threshold()[0] == ACYCLIC


def test_a_library_caller_keeps_its_collector(monkeypatch):
    monkeypatch.setattr(textio, "_owned", [])
    before = gc.get_threshold()
    seen = _threshold_seen(monkeypatch, reader, "_read")
    reader.read(_BIB)
    assert seen == [before[0]]
