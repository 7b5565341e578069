"""RIS read as a stream (converters/formats/ris/stream.py) gives what the
whole-file reader gives: the same output bytes and the same findings at the
same lines, on every real RIS sample (the fixtures and Zotero's import
test cases), cut after every record and after every few."""
from __future__ import annotations

import io

import pytest

from converters.formats.ris.stream import FileChunk, _cuts, ris_chunks
from converters.scale import streams
from tests.support import FIXTURES, with_zotero_cases
from tests.test_scale import assert_streamed_as_whole


def _samples(tmp_path) -> list:
    return with_zotero_cases(sorted((FIXTURES / "ris").rglob("*.ris")), tmp_path,
                             "RIS.testcases.json", ".ris")


@pytest.mark.parametrize("batch", [1, 3])
def test_every_real_sample_streamed_matches_the_whole_read(batch, tmp_path, monkeypatch):
    monkeypatch.setattr(streams, "BATCH", batch)
    samples = _samples(tmp_path)
    assert len(samples) >= 20
    assert_streamed_as_whole(samples, ("csljson", "ris"), tmp_path)


def test_cuts_fall_after_records_and_keep_every_line():
    text = ("junk before\r\nTY  - JOUR\r\nTI  - One\r\nER  - \r\n\r\nTY  - BOOK\r\n"
            "TI  - No ER line\r\nTY  - JOUR\r\nTI  - Three\r\nER  -\r\nER  - stray\r\n")
    cuts = list(_cuts(io.StringIO(text, newline=""), 1))
    assert "".join(chunk for _, chunk in cuts) == text
    # the record with no ER stays with the one after it; a stray ER cuts nothing
    assert [(line, chunk.count("TY  -")) for line, chunk in cuts] == [(1, 1), (5, 2), (11, 0)]


def test_a_procite_file_is_read_as_one_in_every_chunk(monkeypatch):
    """The file's head says ProCite; a later chunk, whose own head does not,
    is still read as ProCite's (its labelled notes become fields)."""
    monkeypatch.setattr(streams, "BATCH", 1)
    first = "TY  - JOUR\nN1  - Record ID: 1\nT1  - First\nER  - \n"
    later = "TY  - JOUR\nT1  - Later\nN1  - Volume ID: 12\nER  - \n"
    from converters.formats.ris import read

    # read as they come: the file's state lasts as long as its stream
    read_ = [(chunk, read(chunk)) for _, chunk in ris_chunks(io.StringIO(first + later))]
    assert all(isinstance(chunk, FileChunk) and chunk.file.procite for chunk, _ in read_)
    assert read_[1][1].records[0].data.get("volume") == "12"
    assert "volume" not in read(later).records[0].data  # alone, it is not ProCite's


def test_ids_given_in_one_chunk_are_not_given_again_in_the_next(monkeypatch):
    monkeypatch.setattr(streams, "BATCH", 1)
    record = "TY  - JOUR\nAU  - Roe, Ann\nTI  - Same title\nER  - \n"
    from converters.formats.ris import read

    assert [read(chunk).records[0].id for _, chunk in ris_chunks(io.StringIO(record * 3))] == \
        ["roe-same", "roe-same-2", "roe-same-3"]
