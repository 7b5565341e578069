"""Large inputs: streaming readers and writers give what the whole-file
path gives (output bytes, findings with their lines), compressed inputs
and outputs, globs, --jobs, one output shard an input, duplicates across
shards, and a quiet progress line when stderr is not a terminal."""
from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import random
import sys

import pytest
from tests.support import ROOT, corpus, run_cli

from benchmarks.generate import records as generated

from converters import api
from converters.registry import default_registry
from converters.scale import streams
from converters.scale.plan import execute, part_shards
from converters.scale.progress import Progress
from converters.scale.shards import Job, assemble


def _where(diagnostics, lines: bool = True) -> list[tuple]:
    return sorted((d.code, d.location.file, d.location.line if lines else 0, d.record or "",
                   d.message) for d in diagnostics)


# Where the whole-file BibTeX reader's lines are wrong and a chunk's are
# right (reported to the BibTeX reader's owner): texbook3.bib, every entry
# after Abrahams:1990:TI (line 1202) is put 200 lines early; tugboat.bib, a
# backslash ending a line (Eijkhout:TB13-1-75, line 30701) puts what follows
# one line early.  There only the findings themselves are compared.
_WHOLE_READ_LINES_WRONG = {"texbook3.bib", "tugboat.bib"}


def _streamed(path, to: str, tmp_path, **job) -> tuple[str, list]:
    """convert --stream in this process: the output text and diagnostics."""
    folder = tmp_path / "work"
    folder.mkdir(exist_ok=True)
    shards = part_shards([str(path)], str(folder))
    run = execute(Job("convert", to=to, **job), shards, str(folder))
    diagnostics = list(run.checked())
    out = io.BytesIO()
    frame = default_registry().get(to)._get("streamer").frame(job.get("write_options", {}))
    renamed: dict = {}
    diagnostics += assemble(frame, ((s.output, r.wrote, s.path) for s, r in
                                    zip(shards, run.results, strict=True)), out, renamed)
    diagnostics += run.written({s.index: renamed[s.output] for s in shards
                                if s.output in renamed})
    return out.getvalue().decode("utf-8"), diagnostics


def _whole(path, to: str, **options) -> tuple[str, list]:
    result = api.convert([str(path)], to, write_options=options)
    return result.text, result.diagnostics


def assert_streamed_as_whole(paths, formats, tmp_path) -> None:
    """Each file converted to each format with --stream: the whole read's
    text, and its findings at their lines."""
    for path in paths:
        for to in formats:
            text, found = _streamed(path, to, tmp_path)
            want_text, want = _whole(path, to)
            assert text == want_text, (path.name, to)
            assert _where(found) == _where(want), (path.name, to)


def _bib_files():
    folder = corpus("bibtex")
    return sorted(folder.glob("*.bib"))


def _csl_files(n: int = 12):
    folder = corpus("csl-json")
    files = sorted(p for p in folder.rglob("*.json") if p.stat().st_size < 2_000_000)
    random.Random(14).shuffle(files)
    return files[:n]


@pytest.mark.parametrize("batch", [3, 40])
def test_bibtex_corpus_streamed_in_small_chunks_matches_the_whole_read(batch, tmp_path,
                                                                      monkeypatch):
    # Small runs cut every file many times: @string macros, crossref parents,
    # broken entries and the lines of every finding must survive the cuts.
    monkeypatch.setattr(streams, "BATCH", batch)
    for path in _bib_files():
        text, found = _streamed(path, "csljson", tmp_path)
        want_text, want = _whole(path, "csljson")
        assert text == want_text, path.name
        lines = path.name not in _WHOLE_READ_LINES_WRONG
        assert _where(found, lines) == _where(want, lines), path.name


def test_csljson_corpus_streamed_matches_the_whole_read(tmp_path, monkeypatch):
    monkeypatch.setattr(streams, "BATCH", 3)
    assert_streamed_as_whole(_csl_files(), ("bibtex", "csljson"), tmp_path)


def _jsonl(path, items, bad_at=()):
    lines = [json.dumps(item, ensure_ascii=False) for item in items]
    for index in bad_at:
        lines[index] = lines[index][:-7]  # cut mid-value: not JSON
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_a_bad_line_deep_in_a_stream_is_reported_at_its_line(tmp_path, monkeypatch):
    monkeypatch.setattr(streams, "BATCH", 50)
    path = _jsonl(tmp_path / "refs.jsonl", generated(400), bad_at=[236])
    text, found = _streamed(path, "bibtex", tmp_path)
    want_text, want = _whole(path, "bibtex")
    assert text == want_text
    assert _where(found) == _where(want)
    broken = [d for d in found if d.location.line == 237 and d.severity.value == "error"]
    assert broken, "the cut line is reported at line 237"
    assert text.count("\n@") + 1 == 399  # the 399 good records around it are written


def test_a_pretty_array_is_cut_between_items_with_lines_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(streams, "BATCH", 4)
    items = generated(30)
    items[17]["type"] = "jornal-article"  # reported at its own line, the item kept
    path = tmp_path / "refs.json"
    path.write_text(json.dumps(items, indent=2, ensure_ascii=False), encoding="utf-8")
    text, found = _streamed(path, "csljson", tmp_path)
    want_text, want = _whole(path, "csljson")
    assert text == want_text
    assert _where(found) == _where(want)
    line = path.read_text().splitlines().index('    "type": "jornal-article",') + 1
    assert any(d.location.line in (line, line - 2) for d in found if d.record == "r17")


@pytest.mark.parametrize("opener,suffix", [(gzip.open, ".gz"), (bz2.open, ".bz2"),
                                           (lzma.open, ".xz")])
def test_compressed_inputs_and_outputs(opener, suffix, tmp_path):
    plain = _jsonl(tmp_path / "refs.jsonl", generated(60))
    packed = tmp_path / ("packed.jsonl" + suffix)
    with opener(packed, "wb") as handle:
        handle.write(plain.read_bytes())
    want = run_cli("convert", plain, "-t", "bibtex")
    for flags in ((), ("--stream",)):
        got = run_cli("convert", packed, "-t", "bibtex", *flags)
        assert got.returncode == want.returncode and got.stdout == want.stdout
        out = tmp_path / ("out.bib" + suffix)
        assert run_cli("convert", packed, "-o", out, *flags).returncode == 0
        with opener(out, "rb") as handle:
            assert handle.read() == want.stdout


def test_compression_is_told_by_magic_bytes_not_by_a_misleading_suffix(tmp_path):
    plain = _jsonl(tmp_path / "refs.jsonl", generated(5))
    liar = tmp_path / "liar.jsonl"
    liar.write_bytes(gzip.compress(plain.read_bytes()))
    for flags in ((), ("--stream",)):
        got = run_cli("convert", liar, "-t", "csljson", *flags)
        assert got.returncode == 0, got.stderr
        assert len(json.loads(got.stdout)) == 5


def test_a_truncated_archive_is_a_diagnostic_not_a_traceback(tmp_path):
    data = gzip.compress(_jsonl(tmp_path / "refs.jsonl", generated(200)).read_bytes())
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(data[: len(data) // 2])
    for flags in ((), ("--stream",)):
        got = run_cli("convert", broken, "-t", "bibtex", *flags)
        assert got.returncode in (1, 2), got.stderr
        assert b"Traceback" not in got.stderr and b"internal error" not in got.stderr
        assert b"broken.jsonl.gz" in got.stderr and b"input-unreadable" in got.stderr


def _shards(tmp_path, n: int = 3, size: int = 40):
    items = generated(n * size)
    items[-3] = dict(items[5], id="copy-of-r5")  # a duplicate in the last shard
    folder = tmp_path / "dump"
    folder.mkdir()
    paths = []
    for index in range(n):
        path = _jsonl(folder / f"part-{index}.jsonl", items[index * size:(index + 1) * size])
        paths.append(path)
    packed = folder / "part-2.jsonl.gz"
    packed.write_bytes(gzip.compress(paths[-1].read_bytes()))
    paths[-1].unlink()
    return folder, paths[:-1] + [packed]


def test_globs_jobs_and_one_output_shard_an_input(tmp_path):
    folder, paths = _shards(tmp_path)
    pattern = str(folder / "part-*")
    one = run_cli("convert", pattern, "-t", "bibtex", "--stream")
    two = run_cli("convert", pattern, "-t", "bibtex", "--jobs", "2")
    whole = run_cli("convert", *paths, "-t", "bibtex")
    assert one.returncode == two.returncode == whole.returncode
    assert one.stdout == two.stdout == whole.stdout
    out = tmp_path / "out"
    got = run_cli("convert", pattern, "-t", "bibtex", "--jobs", "2", "-o", f"{out}/")
    assert got.returncode == 0, got.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["part-0.bib", "part-1.bib", "part-2.bib.gz"]
    joined = [(out / n).read_bytes() if not n.endswith(".gz")
              else gzip.decompress((out / n).read_bytes()) for n in names]
    assert b"\n".join(joined) == whole.stdout
    assert run_cli("convert", str(folder / "nothing-*"), "-t", "bibtex").returncode == 2


def test_duplicates_across_shards_name_both_files_and_lines(tmp_path):
    _, paths = _shards(tmp_path)
    whole = run_cli("validate", *paths)
    local = run_cli("validate", *paths, "--jobs", "2")
    assert local.returncode == whole.returncode == 1
    assert sorted(local.stdout.splitlines()) == sorted(whole.stdout.splitlines())
    duplicate = [line for line in local.stdout.decode().splitlines()
                 if "duplicate-record" in line]
    assert duplicate == [f"{paths[2]}:38: warning duplicate-record same DOI "
                         f"{generated(120)[5]['DOI']} as record 'r5' (part-0.jsonl:6) "
                         "[copy-of-r5]"]


def test_sharded_reports_in_every_format_agree_with_the_whole_run(tmp_path):
    _, paths = _shards(tmp_path)
    for output_format in ("json", "sarif", "junit", "github"):
        whole = run_cli("validate", *paths, "--output-format", output_format)
        sharded = run_cli("validate", *paths, "--stream", "--output-format", output_format)
        assert sharded.returncode == whole.returncode
        if output_format == "json":
            key = lambda d: json.dumps(d, sort_keys=True)  # noqa: E731
            assert sorted(json.loads(sharded.stdout)["diagnostics"], key=key) == \
                sorted(json.loads(whole.stdout)["diagnostics"], key=key)
            assert json.loads(sharded.stdout)["summary"] == json.loads(whole.stdout)["summary"]
        else:
            assert sorted(sharded.stdout.splitlines()) == sorted(whole.stdout.splitlines())


def test_no_progress_line_when_stderr_is_not_a_terminal(tmp_path):
    _, paths = _shards(tmp_path)
    got = run_cli("validate", *paths, "--jobs", "2")
    assert b"records/s" not in got.stderr


def test_progress_draws_on_a_terminal_and_is_quiet_when_told():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    progress = Progress(2, stream=screen)
    progress(1500, False)
    progress(500, True)
    progress.close()
    assert "2,000 records" in screen.getvalue() and "1/2 shards" in screen.getvalue()
    quiet = Terminal()
    progress = Progress(2, stream=quiet, enabled=False)
    progress(10, True)
    progress.close()
    assert quiet.getvalue() == ""


def test_usage_errors(tmp_path):
    _, paths = _shards(tmp_path)
    for args in (("convert", paths[0], "-t", "bibtex", "--jobs", "0"),
                 ("convert", "-", "-t", "bibtex", "--stream"),
                 ("convert", paths[0], "-t", "jats-article", "--stream")):
        got = run_cli(*args, input=b"[]")
        assert got.returncode == 2 and b"error" in got.stderr, args


def test_validate_streamed_finds_what_the_whole_run_finds_on_the_corpora(tmp_path):
    for path in _bib_files()[:4] + _csl_files(4):
        whole = run_cli("validate", path, "--output-format", "json", timeout=300)
        streamed = run_cli("validate", path, "--stream", "--output-format", "json",
                           timeout=300)
        assert streamed.returncode == whole.returncode, path.name
        got, want = json.loads(streamed.stdout), json.loads(whole.stdout)
        key = lambda d: json.dumps(d, sort_keys=True)  # noqa: E731
        lines = path.name not in _WHOLE_READ_LINES_WRONG
        if not lines:
            for d in got["diagnostics"] + want["diagnostics"]:
                d["line"] = 0
        assert sorted(got["diagnostics"], key=key) == sorted(want["diagnostics"], key=key)
        assert got["summary"] == want["summary"], path.name


def test_where_a_sharded_output_goes(tmp_path):
    _, paths = _shards(tmp_path)
    missing = run_cli("convert", paths[0], "-t", "bibtex", "--stream",
                      "-o", tmp_path / "nowhere" / "out.bib")
    assert missing.returncode == 2 and b"nowhere" in missing.stderr
    assert not (tmp_path / "nowhere").exists()
    assert run_cli("convert", paths[0], "-t", "bibtex", "--stream",
                   "-o", "/dev/null").returncode == 0
    onto_input = run_cli("convert", paths[0], "-t", "csljson", "--stream", "-o", paths[0])
    assert onto_input.returncode == 2 and b"refusing" in onto_input.stderr


def test_a_large_json_lines_input_cut_in_byte_ranges_reads_as_one(tmp_path):
    items = generated(300)
    items[250] = dict(items[20], id="again-20")
    path = _jsonl(tmp_path / "big.jsonl", items, bad_at=[173])
    size = path.stat().st_size
    whole = run_cli("convert", path, "-t", "bibtex", "--stream")
    cut = run_cli("convert", path, "-t", "bibtex", "--jobs", "2", "--split", str(size // 7))
    assert cut.returncode == whole.returncode == 1
    assert cut.stdout == whole.stdout and cut.stderr == whole.stderr
    assert f"{path}:174:".encode() in cut.stderr and b" error syntax-error " in cut.stderr
    report = run_cli("validate", path, "--stream")
    cut_report = run_cli("validate", path, "--jobs", "2", "--split", str(size // 7))
    # the same findings; within a part, a chunk's reader findings come first
    assert sorted(cut_report.stdout.splitlines()) == sorted(report.stdout.splitlines())
    assert b"big.jsonl:251: warning duplicate-record" in cut_report.stdout
    out = run_cli("convert", path, "-t", "bibtex", "--split", str(size // 5), "--stream",
                  "-o", f"{tmp_path / 'out'}/")
    assert out.returncode == 1
    assert (tmp_path / "out" / "big.bib").read_bytes() == whole.stdout
    assert run_cli("convert", path, "-t", "bibtex", "--split", "0").returncode == 2
