"""Issue 14: an input that cannot be read is said with --stream and --jobs 2
as the whole run says it (textio.read_source): the system's reason alone
("No such file or directory"), or "cannot decompress: ..." for a compressed
file broken at its start.  Streamed runs said Python's exception text
("[Errno 2] No such file or directory: '...'"), and a truncated .gz without
"cannot decompress"; each test failed on main."""
from __future__ import annotations

import gzip

import pytest

from tests.support import run_cli

MODES = ((), ("--stream",), ("--jobs", "2"))


def _inputs(tmp_path) -> dict:
    folder = tmp_path / "folder.bib"
    folder.mkdir()
    truncated = tmp_path / "cut.bib.gz"
    truncated.write_bytes(gzip.compress(b"@book{a, title={T}}\n" * 50)[:20])
    return {"missing": (tmp_path / "missing.bib", "No such file or directory"),
            "folder": (folder, "Is a directory"),
            "truncated": (truncated, "cannot decompress: Compressed file ended")}


@pytest.mark.parametrize("case", ["missing", "folder", "truncated"])
def test_an_unreadable_input_is_said_as_the_whole_run_says_it(case, tmp_path):
    path, reason = _inputs(tmp_path)[case]
    runs = [run_cli("convert", str(path), "-t", "csljson", *mode) for mode in MODES]
    whole = runs[0]
    assert whole.returncode == 2
    assert whole.stderr.decode().startswith(f"{path}: error input-unreadable {reason}")
    for other in runs[1:]:
        assert (other.stdout, other.stderr, other.returncode) == (
            whole.stdout, whole.stderr, whole.returncode)
