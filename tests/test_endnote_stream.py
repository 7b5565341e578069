"""EndNote XML read and written in streams (converters/formats/endnote_stream.py):
the file cut after ``</record>``, each chunk read by the EndNote reader,
batches written as they come; on every real EndNote XML sample (Zotero's
import test cases, JabRef's test files) the output bytes and the findings
at their lines are the whole read's, cut after every record and every few;
a broken record costs only itself."""
from __future__ import annotations

import io
import json

import pytest

from converters.formats import endnote_xml
from converters.formats.endnote_stream import STREAMER
from converters.scale import streams
from converters.scale.xml_streams import XmlChunk
from tests.support import FIXTURES, with_zotero_cases
from tests.test_scale import _streamed, _where, _whole, assert_streamed_as_whole


# The files are named .xml, a suffix JATS and PubMed share: the streamed
# conversion finds the format by the file's head, as the whole read does.
def _samples(tmp_path) -> list:
    return with_zotero_cases(sorted((FIXTURES / "endnote").rglob("*.xml")), tmp_path,
                             "Endnote-XML.testcases.json", ".xml")


@pytest.mark.parametrize("batch", [1, 2])
def test_every_real_sample_streamed_matches_the_whole_read(batch, tmp_path, monkeypatch):
    monkeypatch.setattr(streams, "BATCH", batch)
    samples = _samples(tmp_path)
    assert len(samples) >= 8
    assert_streamed_as_whole(samples, ("csljson", "endnote-xml"), tmp_path)


def _record(n: int) -> str:
    return (f'<record><ref-type name="Journal Article">17</ref-type>\n'
            f"<contributors><authors><author>Roe, Ann</author></authors></contributors>\n"
            f"<titles><title>Paper {n}</title></titles></record>\n")


def test_chunks_are_cut_after_records_and_share_the_files_ids():
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<xml><records>\n'
            + "".join(_record(n) for n in range(3)) + _record(0) + "</records></xml>\n")
    # read as they come: the file's ids last as long as its stream
    read = [(chunk, endnote_xml.read(chunk)) for _, chunk in STREAMER(io.StringIO(text), 1)]
    assert len(read) == 5 and all(isinstance(chunk, XmlChunk) for chunk, _ in read)
    assert [r.id for _, got in read for r in got.records] == \
        [r.id for r in endnote_xml.read(text).records] == \
        ["roe-paper", "roe-paper-2", "roe-paper-3", "roe-paper-4"]
    # the last chunk holds no record: no "input-empty" for a part of a file
    assert [d for _, got in read for d in got.diagnostics] == []


def test_a_broken_record_costs_only_itself(tmp_path, monkeypatch):
    monkeypatch.setattr(streams, "BATCH", 3)
    # an attribute never closed: libxml2's recovery, reading the whole
    # document, loses every record after it
    broken = _record(1).replace('name="Journal Article"', 'name="Journal Article')
    path = tmp_path / "broken.xml"
    path.write_text("<xml><records>\n" + _record(0) + broken + _record(2)
                    + "</records></xml>\n", encoding="utf-8")
    text, found = _streamed(path, "csljson", tmp_path, from_="endnote-xml")
    titles = [item["title"] for item in json.loads(text)]
    assert titles == ["Paper 0", "Paper 2"]
    errors = [(d.code, d.location.file, d.location.line) for d in found
              if d.severity.value == "error"]
    assert errors and all(file == str(path) and line == 5 for _, file, line in errors), errors
    assert "syntax-error" in {code for code, _, _ in errors}


@pytest.mark.parametrize("broken", [
    _record(1).replace('name="Journal Article"', 'name="Journal Article'),  # attribute left open
    _record(1).replace("<title>Paper 1</title>", "<title>Paper <b>1</title>"),  # tags crossed
])
def test_a_whole_read_of_a_broken_file_is_the_streamed_read(broken, tmp_path):
    """The whole read is cut as the streamer cuts it, not left to libxml2's
    recovery, which garbles what follows the break."""
    path = tmp_path / "broken.xml"
    path.write_text("<xml><records>\n" + _record(0) + broken + _record(2)
                    + "<record><titles><title>A &amp; B</title></titles></record>\n"
                    + "</records></xml>\n", encoding="utf-8")
    text, found = _streamed(path, "csljson", tmp_path)
    want_text, want = _whole(path, "csljson")
    assert text == want_text and _where(found) == _where(want)
    assert [item["title"] for item in json.loads(text)][-2:] == ["Paper 2", "A & B"]



def test_past_line_65535_a_whole_read_gives_the_true_lines(tmp_path):
    # libxml2 numbers lines only up to 65535: a document that long is read
    # whole in the streamer's chunks, whose lines are right once moved down
    path = tmp_path / "long.xml"
    records = [_record(n).replace("<record>", "<record>\n  ") for n in range(18_000)]
    path.write_text("<xml><records>\n" + "".join(records) + "</records></xml>\n",
                    encoding="utf-8")
    starts = [2 + 4 * n for n in range(len(records))]
    assert starts[-1] > 70_000
    whole = endnote_xml.read(path.read_text(encoding="utf-8"), str(path))
    assert [r.origin.line for r in whole.records] == starts
    assert [r.data["title"] for r in whole.records][-1] == "Paper 17999"
    assert whole.diagnostics == []
