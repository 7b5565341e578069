"""custom.ris keeps RIS tags bibconv has no variable for, to write them
back.  TY begins a record and ER ends it (RIS 2001: TY first, ER last), so
a kept TY or ER cannot be written inside a record: written there, it cut
the record in two.  It is left out and reported by field and record."""
from __future__ import annotations

import json

import pytest

from converters import api
from tests.test_scale import _streamed, _where, _whole


def _records() -> list[dict]:
    return [{"id": "a", "type": "book", "title": "T",
             "custom": {"ris": {"ER": "x", "TY": "JOUR", "ZZ": "kept"}}},
            {"id": "b", "type": "book", "title": "U"}]


def test_a_kept_er_or_ty_is_left_out_and_reported(tmp_path):
    path = tmp_path / "refs.json"
    path.write_text(json.dumps(_records()))
    written = api.convert([str(path)], "ris")
    assert written.text.count("TY  - ") == 2 and written.text.count("ER  - ") == 2
    said = sorted((d.code, d.record, d.location.pointer) for d in written.diagnostics)
    assert said == [("field-dropped", "a", "/custom/ris/ER"),
                    ("field-dropped", "a", "/custom/ris/TY")]
    ris = tmp_path / "refs.ris"
    ris.write_text(written.text)
    back = api.convert([str(ris)], "csljson")
    assert [r.id for r in back.records] == ["a", "b"]
    assert back.records[0].data["title"] == "T"
    assert back.records[0].data["custom"]["ris"] == {"ZZ": ["kept"]}


@pytest.mark.parametrize("tag", ["ER", "TY"])
def test_streamed_output_with_a_kept_bound_is_the_whole_runs(tag, tmp_path):
    records = [{"id": f"k{i}", "type": "book", "title": f"T{i}",
                "custom": {"ris": {tag: "v", "ID": f"k{i + 1}"}}} for i in range(5)]
    path = tmp_path / "refs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    text, found = _streamed(path, "ris", tmp_path)
    want_text, want = _whole(path, "ris")
    assert text == want_text
    assert _where(found) == _where(want)
    assert text.count("ER  - ") == text.count("TY  - ") == 5
