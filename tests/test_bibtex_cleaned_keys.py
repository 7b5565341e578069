"""BibTeX keys cleaned of what BibTeX cannot hold ("a b" -> "a-b") may meet
a key already written: the later one is renamed and the renaming reported,
and a streamed write, whose batches are written apart, renames it as the
whole write does."""
from __future__ import annotations

import json

import pytest

from converters import api
from converters.scale import streams
from tests.test_scale import _streamed, _where, _whole


def _records(between: int) -> list[dict]:
    filler = [{"id": f"k{i}", "type": "book", "title": f"T{i}"} for i in range(between)]
    return ([{"id": "a b", "type": "book", "title": "One"}] + filler
            + [{"id": "a-b", "type": "book", "title": "Two"}])


def test_a_key_taken_by_a_cleaned_one_is_renamed_and_reported(tmp_path):
    path = tmp_path / "refs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _records(0)) + "\n")
    result = api.convert([str(path)], "bibtex")
    assert "@book{a-b,\n" in result.text and "@book{a-b-2,\n" in result.text
    renamed = [d for d in result.diagnostics if d.code == "id-duplicate"]
    assert [(d.location.line, d.record) for d in renamed] == [(2, "a-b")]
    assert "'a-b-2'" in renamed[0].message


@pytest.mark.parametrize("to", ["bibtex", "biblatex"])
def test_streamed_batches_rename_a_cleaned_key_as_the_whole_write_does(to, tmp_path,
                                                                      monkeypatch):
    monkeypatch.setattr(streams, "BATCH", 3)  # the two records land batches apart
    path = tmp_path / "refs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _records(7)) + "\n")
    text, found = _streamed(path, to, tmp_path)
    want_text, want = _whole(path, to)
    assert text.count("@book{a-b,\n") == 1
    assert text == want_text
    assert _where(found) == _where(want)


def test_an_entry_whose_type_the_splitter_cannot_read_is_said_not_dropped(tmp_path):
    # BibTeX reads "@my-type{" as an entry of an unknown type; bibtexparser
    # leaves it as text between entries
    path = tmp_path / "refs.bib"
    path.write_text("% a comment: mail me@example.org {soon}\n\n"
                    "@my-type{k1,\n  title = {One},\n}\n\n@book{k2,\n  title = {Two},\n}\n")
    result = api.convert([str(path)], "csljson")
    assert [r.id for r in result.records] == ["k2"]
    said = [(d.code, d.location.line) for d in result.diagnostics if d.code == "syntax-error"]
    assert said == [("syntax-error", 3)]
