"""validate --stream's cross-record duplicate check holds positions, not
records (issue 14: peak memory flat from 10k to 1M records): the candidates'
payloads wait in a temporary SQLite table while the components are found."""
from __future__ import annotations

import tracemalloc

from converters.scale.duplicates import components, findings
from converters.scale.idstore import Payloads

PAD = "x" * 80_000  # a long note: what holding every candidate would cost


def _payload(n: int, copy: int) -> tuple:
    data = {"id": f"r{n}-{copy}", "type": "article-journal", "title": f"Work number {n}",
            "DOI": f"10.1234/w.{n}", "note": f"{PAD} {n}-{copy}",
            "issued": {"date-parts": [[2000 + n % 20]]}}
    return (data, "big.jsonl", 2 * n + copy + 1, {"DOI": 2 * n + copy + 1})


def _groups(count: int):
    """Each work twice under its DOI key, made as they are read."""
    for n in range(count):
        yield f"doi:10.1234/w.{n}", [((0, 2 * n + copy), _payload(n, copy)) for copy in (0, 1)]


def test_components_keep_positions_and_store_each_payload_once():
    store = Payloads()
    try:
        groups = [("doi:a", [((0, 5), _payload(1, 0)), ((1, 0), _payload(1, 1))]),
                  ("title:b", [((1, 0), _payload(1, 1)), ((0, 9), _payload(2, 0))]),
                  ("doi:c", [((0, 2), _payload(3, 0)), ((0, 3), _payload(3, 1))])]
        got = components(groups, store)
        assert got == [[(0, 2), (0, 3)], [(0, 5), (0, 9), (1, 0)]]
        assert store.get((1, 0)) == _payload(1, 1)  # pickled: tuples stay tuples
        assert store._db.execute("SELECT count(*) FROM kept").fetchone()[0] == 5
    finally:
        store.close()


def test_a_lone_candidate_is_judged_alone():
    """A key hash shared by chance brings one record: no finding."""
    assert findings([("doi:10.1/x", [((0, 0), _payload(7, 0))])]) == []


def test_findings_memory_does_not_hold_every_candidate():
    count = 300  # 600 candidates of ~80 kB: ~48 MB if all were held at once
    tracemalloc.start()
    try:
        found = findings(_groups(count))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [position for position, _ in found] == [(0, 2 * n + 1) for n in range(count)]
    assert all(d.code == "duplicate-record" and d.location.line == 2 * n + 2
               for n, (_, d) in enumerate(found))
    assert peak < 15 * 2**20, f"traced peak {peak / 2**20:.1f} MB"
