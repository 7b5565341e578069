"""Inputs the fuzzer (benchmarks/fuzz_readers.py) found crashing a reader:
each must now be read, with diagnostics and without an exception."""
from __future__ import annotations

from pathlib import Path

import pytest

import converters
from converters.textio import decode

from tests.support import FIXTURES

CASES = sorted((FIXTURES / "invalid" / "fuzz").glob("*"))
FORMAT = {"listing": "listing", "csljson": "csljson", "bibtex": "bibtex", "jats": "jats"}


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_fuzz_finding_is_read_without_raising(path: Path):
    fmt = FORMAT[path.name.split("-")[0]]
    text, diagnostics = decode(path.read_bytes(), str(path))
    if text is None:
        assert diagnostics
        return
    result = converters.read(text, fmt)
    assert result.records or result.diagnostics
