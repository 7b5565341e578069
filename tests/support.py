"""What the tests share: paths, the shared corpora, golden files, and running
the CLI (imported as ``tests.support``; pytest's own hooks stay in conftest)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
GOLDEN = FIXTURES / "golden"
SEED = FIXTURES / "publications.txt"
# The shared corpora sit beside the checkout; tests that read them skip
# cleanly when the folder is absent (it is never copied into the repo).
CORPORA = Path(os.environ.get("BIBCONV_CORPORA", ROOT.parent / "shared" / "corpora"))


def corpus(*parts: str) -> Path:
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not available: {path}")
    return path


def with_zotero_cases(files: list[Path], folder: Path, cases: str, suffix: str) -> list[Path]:
    """``files`` and each of Zotero's import test cases in the corpora file
    ``cases`` written to a file of its own in ``folder`` (none when the
    corpora are absent: the real files still run)."""
    try:
        found = json.loads(corpus("zotero-translator-tests", cases).read_text(encoding="utf-8"))
    except BaseException:  # corpus() skips when the corpora are absent
        found = []
    for number, case in enumerate(found):
        path = folder / f"zotero-{number}{suffix}"
        path.write_text(case["input"], encoding="utf-8", newline="")
        files.append(path)
    return files


def check_golden(name: str, actual: str, update: bool) -> None:
    """Compare ``actual`` with fixtures/golden/NAME; rewrite it with --update-golden."""
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.exists(), f"golden file {path} is missing: run pytest --update-golden"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path}; if intended, pytest --update-golden"


def run_cli(*args: str, input: bytes | None = None, cwd=None, timeout: float = 60):
    """Run ``python -m converters`` as a user would, in a separate process."""
    return subprocess.run([sys.executable, "-m", "converters", *map(str, args)],
                          input=input, capture_output=True, cwd=cwd, timeout=timeout)


# issue 14: a convert run whole, streamed and in two local processes
STREAM_MODES = ((), ("--stream",), ("--jobs", "2"))


def convert_three_ways(*args) -> list[tuple[bytes, bytes, int]]:
    """``convert ARGS`` whole, with --stream and with --jobs 2: each run's
    standard output, standard error and exit code, to compare with the
    whole run's."""
    runs = (run_cli("convert", *map(str, args), *mode, timeout=180) for mode in STREAM_MODES)
    return [(done.stdout, done.stderr, done.returncode) for done in runs]


_RULE_STYLE = ('<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" '
               'class="{kind}" version="1.0"{attrs}><info><title>t</title><id>t</id>'
               '<updated>2020-01-01T00:00:00+00:00</updated></info>{body}</style>')


def rule_entries(tmp_path: Path, body: str, items: list[dict], attrs: str = "",
                 kind: str = "in-text", output: str = "text") -> list[str]:
    """The bibliography entries a small crafted CSL style (its body given)
    prints for items: how the render tests pin one rule at a time."""
    from converters.render import render
    path = tmp_path / "rule.csl"
    path.write_text(_RULE_STYLE.format(kind=kind, attrs=attrs, body=body), encoding="utf-8")
    return render(items, style=str(path), output=output).entries


def rule_bibliography(layout: str, extra: str = "", bib: str = "") -> str:
    """A style body: a title-only citation and a bibliography with this layout."""
    return (f'{extra}<citation><layout><text variable="title"/></layout></citation>'
            f"<bibliography{bib}><layout>{layout}</layout></bibliography>")
