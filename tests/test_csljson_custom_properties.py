"""Property tests over CSL-JSON's `custom` object (issue 11): CSL-JSON keeps
it exactly, in every shape it is written in; every other writer gives each
custom fact back or names it in a diagnostic (never drops it silently)."""
from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import converters

from strategies import csl_with_custom

EXAMPLES = int(os.environ.get("BIBCONV_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

records = st.lists(csl_with_custom(), min_size=1, max_size=4).map(
    lambda rs: [dict(r, id=f"c{i}") for i, r in enumerate(rs)])


@SETTINGS
@given(records, st.sampled_from(["array", "lines", "compact"]))
def test_csljson_keeps_custom_exactly(items, shape):
    if shape == "compact":
        text = json.dumps(items, separators=(",", ":"))
    else:
        text = converters.write(items, "csljson", lines=shape == "lines").text
    back = converters.read(text, "csljson")
    assert [r.data.get("custom") for r in back.records] == [i.get("custom") for i in items]
    again = converters.write(back.records, "csljson").text
    assert [r.data for r in converters.read(again, "csljson").records] == \
        [r.data for r in back.records]


def _named(diagnostics, record_id, key) -> bool:
    for d in diagnostics:
        pointer = d.location.pointer or ""
        if d.record in (record_id, None) and (
                pointer.startswith(f"/custom/{key}") or f"'{key}'" in d.message):
            return True
    return False


@SETTINGS
@given(records, st.sampled_from(["bibtex", "biblatex", "jats", "jats-article", "listing"]))
def test_other_writers_give_custom_back_or_say_so(items, fmt):
    written = converters.write(items, fmt)
    texts = list(written.files.values()) if written.files else [written.text]
    back = []
    diagnostics = list(written.diagnostics)
    for text in texts:
        got = converters.read(text, "bibtex" if fmt == "biblatex" else fmt)
        back += got.records
        diagnostics += got.diagnostics
    assert len(back) == len(items), fmt
    for before, after in zip(items, back):
        kept = after.data.get("custom") or {}
        for key, value in (before.get("custom") or {}).items():
            if kept.get(key) != value:
                assert _named(diagnostics, before["id"], key), (fmt, key, value, kept.get(key))
