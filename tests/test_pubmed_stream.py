"""PubMed XML read in streams (issue 14): a <PubmedArticleSet> is cut after
a </PubmedArticle> or </PubmedBookArticle> (converters.scale.xml_streams),
each chunk read by the pubmed-xml reader; the records, their lines and the
findings are the whole-file read's, on every sample and on large sets built
from the real samples; a broken record in the middle is one finding at its
line and the records around it read as they would without it."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from benchmarks.pubmed_stream_bench import pubmed_set, real_records
from converters import api
from converters.model import ReadResult
from converters.registry import default_registry
from converters.scale import streams
from converters.scale.reading import read_stream
from tests.support import FIXTURES, run_cli
from tests.test_jats_stream import _findings, _records

REGISTRY = default_registry()
SAMPLES = sorted((FIXTURES / "pubmed").glob("*.xml"))


def _streamed(path: Path) -> tuple[ReadResult, int]:
    records, diagnostics, chunks = [], [], 0
    for chunk in read_stream(str(path), REGISTRY, from_="pubmed-xml"):
        records += chunk.records
        diagnostics += chunk.diagnostics
        chunks += 1
    return ReadResult(records, diagnostics), chunks


def _same_as_whole(path: Path) -> int:
    """Assert the streamed read is the whole read; the number of chunks."""
    _, whole = api._read(str(path), "pubmed-xml", registry=REGISTRY)
    got, chunks = _streamed(path)
    assert _records(got) == _records(whole), path.name
    assert _findings(got.diagnostics) == _findings(whole.diagnostics), path.name
    return chunks


@pytest.mark.parametrize("batch", [1, 2, 500])
def test_every_sample_streamed_reads_as_the_whole_file(batch, monkeypatch):
    monkeypatch.setattr(streams, "BATCH", batch)
    cut = sum(_same_as_whole(path) > 1 for path in SAMPLES)
    if batch == 1:
        assert cut >= 3  # every file with a set around its records was really cut


@pytest.mark.parametrize("batch", [3, 500])
def test_a_generated_set_streamed_reads_as_the_whole_file(batch, monkeypatch, tmp_path):
    # the real samples cycled: every id repeats (obyrne-inhaled ...), and
    # the ids given across chunks must be the whole read's (-2, -3 ...)
    # (200 records, 59,000 lines: libxml2 counts a whole file's lines in 16
    # bits, so past line 65,535 only the streamed lines are true, below)
    monkeypatch.setattr(streams, "BATCH", batch)
    path = pubmed_set(200, tmp_path / "set.xml")
    assert _same_as_whole(path) > 3
    got, _ = _streamed(path)
    assert len(got.records) == 200 and len({r.id for r in got.records}) == 200
    assert len(real_records()) == 6


def test_past_line_65535_the_streamed_and_whole_lines_are_the_true_ones(tmp_path):
    # a whole read of a document this long is read in the streamer's
    # chunks, whose lines libxml2 counts right (converters.scale.xml_streams)
    path = pubmed_set(1200, tmp_path / "set.xml")
    lines = path.read_text(encoding="utf-8").split("\n")
    starts = [n for n, line in enumerate(lines, 1) if "<PubmedArticle>" in line
              or "<PubmedBookArticle>" in line]
    assert starts[-1] > 300_000
    got, _ = _streamed(path)
    whole = api.read(str(path), "pubmed-xml")
    assert [r.data for r in got.records] == [r.data for r in whole.records]
    assert [r.origin.line for r in got.records] == starts
    assert [r.origin.line for r in whole.records] == starts
    assert [r.origin.fields for r in whole.records] == [r.origin.fields for r in got.records]
    assert _findings(whole.diagnostics) == _findings(got.diagnostics)


@pytest.mark.parametrize("batch", [1, 40, 500])
def test_a_broken_record_in_the_middle_is_one_finding_at_its_line(batch, monkeypatch,
                                                                  tmp_path):
    monkeypatch.setattr(streams, "BATCH", batch)
    records = real_records() * 33
    middle = next(n for n in range(90, 198) if "</ArticleTitle>" in records[n])
    clean = pubmed_set(len(records), tmp_path / "clean.xml", records)
    records[middle] = records[middle].replace("</ArticleTitle>", "</ArticleTitl>", 1)
    path = pubmed_set(len(records), tmp_path / "broken.xml", records)
    got, chunks = _streamed(path)
    assert chunks > 2
    text = path.read_text(encoding="utf-8")
    line = text[:text.index("</ArticleTitl>")].count("\n") + 1
    errors = [d for d in got.diagnostics if d.severity.value == "error"]
    assert [(d.code, d.location.file, d.location.line) for d in errors] == [
        ("syntax-error", str(path), line)]
    want = _records(api.read(str(clean), "pubmed-xml"))
    assert len(got.records) == len(want) == 198
    assert [r[1:] for n, r in enumerate(_records(got)) if n != middle] == [
        (r[1], str(path), *r[3:]) for n, r in enumerate(want) if n != middle]
    _same_as_whole(path)  # the whole read cuts a broken file the same way


def test_convert_and_validate_streamed_on_the_command_line_agree(tmp_path):
    path = pubmed_set(200, tmp_path / "set.xml")
    whole = run_cli("convert", path, "-t", "csljson", timeout=300)
    streamed = run_cli("convert", path, "-f", "pubmed-xml", "-t", "csljson", "--stream",
                       timeout=300)
    assert streamed.returncode == whole.returncode == 0, streamed.stderr
    assert streamed.stdout == whole.stdout and len(json.loads(whole.stdout)) == 200
    checked = [run_cli("validate", path, *flags, "--output-format", "json", timeout=300)
               for flags in ((), ("-f", "pubmed-xml", "--stream"))]
    reports = [json.loads(run.stdout) for run in checked]
    key = lambda d: json.dumps(d, sort_keys=True)  # noqa: E731
    assert sorted(reports[1]["diagnostics"], key=key) == sorted(reports[0]["diagnostics"],
                                                                key=key)
    assert reports[1]["summary"] == reports[0]["summary"]


def test_streamed_the_format_is_found_by_content_as_in_a_whole_read(tmp_path):
    path = pubmed_set(5, tmp_path / "set.xml")
    run = run_cli("convert", path, "-t", "csljson", "--stream")
    assert run.returncode == 0 and len(json.loads(run.stdout)) == 5


def test_a_gzipped_set_is_read_in_streams(tmp_path):
    path = pubmed_set(50, tmp_path / "set.xml")
    packed = tmp_path / "pubmed25n0001.xml.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    for args in (("-f", "pubmed-xml", "--stream"), ()):
        run = run_cli("convert", packed, "-t", "csljson", *args)
        assert run.returncode == 0, run.stderr
        assert len(json.loads(run.stdout)) == 50


def test_written_in_streams_is_refused_plainly():
    run = run_cli("convert", FIXTURES / "pubmed" / "features.xml", "-t", "pubmed-xml",
                  "--stream")
    assert run.returncode == 2 and b"Traceback" not in run.stderr
