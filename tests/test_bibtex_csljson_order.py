"""The CSL-JSON writer's key order (issue 14's speed work: one order a set
of keys, found once) is the order written out in full: _FIRST's keys, the
rest alphabetically, custom last when it holds anything."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from converters.formats import csljson


def _reference(data: dict) -> dict:
    out = {k: data[k] for k in csljson._FIRST if k in data}
    out.update((k, data[k]) for k in sorted(data) if k not in out and k != "custom")
    if data.get("custom"):
        out["custom"] = data["custom"]
    return out


_KEY = st.sampled_from([*csljson._FIRST, "custom", "note", "ISBN", "accessed", "Zeta",
                        "a", "é"]) | st.text(max_size=3)
_VALUE = st.none() | st.text(max_size=2) | st.dictionaries(st.text(max_size=1), st.integers(),
                                                          max_size=1)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.dictionaries(_KEY, _VALUE, max_size=8), max_size=6))
def test_the_cached_order_is_the_order_written_out(records):
    csljson._ORDERS.clear()
    for data in records + records:  # the second time from the cache
        got = csljson._ordered(data)
        assert list(got.items()) == list(_reference(data).items())
