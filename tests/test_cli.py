"""The command line as users meet it: exit codes, messages, files."""
from __future__ import annotations

import json
import os
import time

import pytest

from tests.support import FIXTURES, SEED, run_cli

INVALID = FIXTURES / "invalid"


def test_convert_seed_to_csljson_on_stdout():
    done = run_cli("convert", SEED, "-t", "csljson")
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert len(json.loads(done.stdout)) == 12


def test_format_is_sniffed_from_stdin():
    csl = run_cli("convert", SEED, "-t", "csljson").stdout
    done = run_cli("convert", "-t", "listing", input=csl)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("Publications\n\nSufficient conditions")


def test_output_format_from_the_output_suffix(tmp_path):
    out = tmp_path / "seed.json"
    done = run_cli("convert", SEED, "-o", out)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(out.read_text())) == 12


def test_several_inputs_become_one_collection_with_unique_ids(tmp_path):
    done = run_cli("convert", SEED, SEED, "-t", "csljson", "--jsonl")
    assert done.returncode == 0
    ids = [json.loads(line)["id"] for line in done.stdout.decode().splitlines()]
    assert len(ids) == 24 and len(set(ids)) == 24
    assert "krishna-sufficient-2" in ids
    assert b"id-duplicate" in done.stderr  # renaming is said, not silent


@pytest.mark.parametrize("name,code,where", [
    ("binary-junk.bin", "input-binary", ":1:"),
    ("latin1-listing.txt", "encoding-invalid", ":3:4:"),
    ("empty.txt", "input-empty", ": "),
    ("truncated-array.json", "syntax-error", ":3:"),
])
def test_bad_input_gets_one_message_exit_2_no_traceback(name, code, where):
    started = time.monotonic()
    done = run_cli("convert", INVALID / name, "-t", "csljson", "-f",
                   "csljson" if name.endswith(".json") else "listing")
    elapsed = time.monotonic() - started
    err = done.stderr.decode()
    assert done.returncode == 2 if name != "truncated-array.json" else done.returncode == 1
    assert "Traceback" not in err
    assert str(INVALID / name) + where in err
    assert f" error {code} " in err
    assert elapsed < 5


def test_invalid_utf8_suggests_encoding_and_encoding_reads_it():
    done = run_cli("convert", INVALID / "latin1-listing.txt", "-t", "csljson")
    assert b"--encoding" in done.stderr and done.returncode == 2
    fixed = run_cli("convert", INVALID / "latin1-listing.txt", "-t", "csljson",
                    "--encoding", "latin-1")
    assert fixed.returncode == 0, fixed.stderr
    record = json.loads(fixed.stdout)[0]
    assert record["title"] == "Café society and its discontents"
    assert record["author"] == [{"family": "Martínez", "given": "José"}]


def test_json_nested_100000_deep(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000)
    started = time.monotonic()
    done = run_cli("convert", deep, "-t", "listing")
    assert time.monotonic() - started < 5
    assert done.returncode == 2
    assert done.stderr.decode().count("\n") == 1
    assert "nesting-too-deep" in done.stderr.decode()


def test_good_records_around_a_broken_one_are_converted():
    done = run_cli("convert", INVALID / "mixed-items.json", "-t", "csljson")
    assert done.returncode == 1  # written, but some input skipped
    ids = [item["id"] for item in json.loads(done.stdout)]
    assert ids == ["good-1", "good-2", "bad-date", "good-3"]


def test_one_bad_input_among_good_ones_exits_1(tmp_path):
    done = run_cli("convert", SEED, INVALID / "binary-junk.bin", "-t", "csljson")
    assert done.returncode == 1
    assert len(json.loads(done.stdout)) == 12


def test_missing_file_and_unknown_format_and_no_target():
    missing = run_cli("convert", "no-such-file.txt", "-t", "csljson")
    assert missing.returncode == 2 and b"no-such-file.txt" in missing.stderr
    unknown = run_cli("convert", SEED, "-t", "docx")
    assert unknown.returncode == 2 and b"unknown format 'docx'" in unknown.stderr
    untold = run_cli("convert", SEED)
    assert untold.returncode == 2 and b"-t/--to" in untold.stderr
    for done in (missing, unknown, untold):
        assert b"Traceback" not in done.stderr


def test_output_is_written_atomically_and_never_over_an_input(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("previous")
    failed = run_cli("convert", INVALID / "binary-junk.bin", "-f", "listing", "-o", target)
    assert failed.returncode == 2
    assert target.read_text() == "previous"  # nothing converted, nothing replaced
    done = run_cli("convert", SEED, "-o", target)
    assert done.returncode == 0 and len(json.loads(target.read_text())) == 12
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary left
    copy = tmp_path / "seed.txt"
    copy.write_bytes(SEED.read_bytes())
    refused = run_cli("convert", copy, "-t", "listing", "-o", copy)
    assert refused.returncode == 2 and b"refusing to overwrite" in refused.stderr
    assert copy.read_bytes() == SEED.read_bytes()


def test_folder_output_needs_a_one_record_a_file_format(tmp_path):
    done = run_cli("convert", SEED, "-t", "csljson", "-o", str(tmp_path) + os.sep)
    assert done.returncode == 2 and b"writes one file" in done.stderr


def test_crlf_bom_blank_lines_and_trailing_spaces_read_like_the_seed(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    messy = "\ufeff" + "\r\n".join(line + "  " for line in text.split("\n")) + "\r\n\r\n"
    path = tmp_path / "messy.txt"
    path.write_bytes(messy.encode("utf-8"))
    clean = run_cli("convert", SEED, "-t", "csljson").stdout
    done = run_cli("convert", path, "-t", "csljson")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(clean)


def test_utf16_with_and_without_bom(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    for name, data in (("bom.txt", text.encode("utf-16")),
                       ("nobom.txt", text.encode("utf-16-le"))):
        path = tmp_path / name
        path.write_bytes(data)
        done = run_cli("convert", path, "-t", "csljson")
        assert done.returncode == 0, done.stderr
        assert len(json.loads(done.stdout)) == 12


def test_formats_lists_directions_and_suffixes():
    done = run_cli("formats")
    assert done.returncode == 0
    lines = done.stdout.decode().splitlines()
    listing = next(line for line in lines if line.startswith("listing"))
    assert "read/write" in listing and ".txt" in listing
    assert any(line.startswith("csljson") and ".json" in line for line in lines)


def test_page_option_reproduces_the_page():
    done = run_cli("convert", SEED, "-t", "listing", "--page")
    assert done.stdout.decode() == SEED.read_text(encoding="utf-8") + "\n"


def test_broken_pipe_is_quiet():
    import subprocess
    import sys

    shell = subprocess.run(
        f'"{sys.executable}" -m converters convert "{SEED}" -t csljson | head -c 10',
        shell=True, capture_output=True)
    assert b"Traceback" not in shell.stderr


def test_an_interrupted_write_leaves_the_previous_file(tmp_path, monkeypatch):
    import converters.textio as textio

    target = tmp_path / "refs.json"
    target.write_text("previous")

    def crash(*args):
        raise KeyboardInterrupt  # as if the process were stopped mid-way

    monkeypatch.setattr(textio.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        textio.write_atomic(str(target), "new content that never lands")
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["refs.json"]


def test_a_killed_conversion_leaves_the_previous_file(tmp_path):
    import signal
    import subprocess
    import sys

    from tests.support import corpus

    source = corpus("bibtex", "tugboat.bib")
    target = tmp_path / "out.json"
    target.write_text("previous")
    process = subprocess.Popen([sys.executable, "-m", "converters", "convert", str(source),
                                "-o", str(target)], stderr=subprocess.DEVNULL)
    time.sleep(0.8)  # mid-conversion
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert target.read_text() in ("previous",) or json.loads(target.read_text())
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "out.json"]
    assert all(name.startswith(".bibconv-") for name in leftovers)  # only an unfinished temp
