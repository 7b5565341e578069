"""A streamed or sharded convert says its findings in the whole run's order:
every input's reading findings, then the ids renamed (where inputs meet too),
then what writing found, a renamed record named as written."""
from __future__ import annotations

import json

import pytest
from tests.support import run_cli

_ONE = ("@book{a, title={A}, title={A1}, year={1999x}}\n@book{b, title={B\x01}}\n"
        "@book{d, title={D}, year={2001x}}\n")
_TWO = "@book{a, title={A2}, title={A3}, year={19x}}\n@book{c, title={B}, year={1999x}}\n"


def _inputs(tmp_path) -> list[str]:
    one, two = tmp_path / "one.bib", tmp_path / "two.bib"
    one.write_text(_ONE)
    two.write_text(_TWO)
    three = tmp_path / "three.jsonl"
    three.write_text("\n".join(json.dumps(r) for r in [
        {"id": "b", "type": "book", "title": "T", "issued": {"season": 1},
         "custom": {"zz": 1}},
        {"id": "e", "type": "book", "title": "T\x01"},
        {"id": "x y", "type": "book", "title": "T", "custom": {"zz": 1}}]) + "\n")
    return [str(one), str(two), str(three)]


def _said(done) -> list[str]:
    return [line for line in done.stderr.decode().splitlines() if line.strip()]


@pytest.mark.parametrize("to", ["ris", "csljson", "bibtex", "endnote-xml"])
@pytest.mark.parametrize("how", [("--stream",), ("--jobs", "2")])
def test_streamed_findings_come_in_the_whole_runs_order(to, how, tmp_path):
    inputs = _inputs(tmp_path)
    whole = run_cli("convert", *inputs, "-t", to, "-o", str(tmp_path / "whole.out"))
    streamed = run_cli("convert", *inputs, "-t", to, *how, "-o", str(tmp_path / "s.out"))
    assert (tmp_path / "whole.out").read_bytes() == (tmp_path / "s.out").read_bytes()
    said = _said(whole)
    assert any("id-duplicate" in line for line in said)
    assert said == _said(streamed)
    assert whole.returncode == streamed.returncode
