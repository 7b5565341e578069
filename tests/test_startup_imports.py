"""A CLI that runs in CI starts fast: what a command does not use, it does
not import.  Checked by the modules a real run loads (``-X importtime``),
not by a clock, which two noisy cores make meaningless."""
from __future__ import annotations

import subprocess
import sys


def _imported(tmp_path, *args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "converters", *args],
                          capture_output=True, cwd=tmp_path, timeout=60)
    names = set()
    for line in done.stderr.decode("utf-8", "replace").splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    assert names, done.stderr[-500:]
    return names


def test_a_conversion_with_a_diagnostic_does_not_import_validation(tmp_path):
    # a duplicate key: one diagnostic printed, which needs only the printable form
    (tmp_path / "refs.bib").write_text(
        "@article{a, title={One}, year=2000}\n@article{a, title={Two}, year=2001}\n",
        encoding="utf-8")
    names = _imported(tmp_path, "convert", "refs.bib", "-t", "csljson")
    assert "converters.printable" in names
    heavy = {"converters.validation", "jsonschema", "citeproc", "lxml.etree"}
    assert not names & heavy, names & heavy


def test_help_imports_no_format(tmp_path):
    names = _imported(tmp_path, "--help")
    assert not [n for n in names if n.startswith(("converters.formats", "bibtexparser", "lxml"))]

