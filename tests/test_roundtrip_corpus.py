"""The round-trip harness over the real corpora, bounded for CI (issue 11):
a fixed sample of records from every corpus file, through every writer and
back (A -> B -> A), each field compared and each change classified as
reported, a documented normalisation, or silent.  Silent counts may only go
down: each pair's count is held to the floor recorded in
tests/roundtrip_floors.json (lower it with ``python benchmarks/roundtrip.py
--sample 8 --write-floors tests/roundtrip_floors.json`` after a fix; never
raise it).  The whole corpora run is ``python benchmarks/roundtrip.py``."""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from tests.support import CORPORA, ROOT, SEED

FLOORS = Path(__file__).with_name("roundtrip_floors.json")


def _harness():
    # Imported when a test runs, not when the module is collected.
    from benchmarks import roundtrip

    return roundtrip


@pytest.fixture(scope="module")
def table():
    if not (CORPORA / "bibtex").is_dir():
        pytest.skip(f"shared corpus not available: {CORPORA}")
    roundtrip = _harness()
    return roundtrip.run(CORPORA, SEED, roundtrip.FLOOR_SAMPLE,
                         jobs=min(2, os.cpu_count() or 1))


def test_silent_losses_do_not_grow(table):
    roundtrip = _harness()
    text = roundtrip.format_table(table)
    print("\n" + text)
    floors = json.loads(FLOORS.read_text())
    grown = []
    for (a, b), cell in sorted(table.items()):
        floor = floors.get(roundtrip.pair_name(a, b))
        assert floor is not None, f"no floor for {roundtrip.pair_name(a, b)}"
        for column in ("silent vanished", "silent changed"):
            if cell["counts"].get(column, 0) > floor[column]:
                examples = [s for s in cell["silent"]
                            if s[3] == column.split()[1]][:5]
                grown.append(f"{roundtrip.pair_name(a, b)}: {column} "
                             f"{cell['counts'].get(column, 0)} > {floor[column]}: {examples}")
    assert not grown, "\n".join(grown) + "\n" + text


def test_every_file_and_every_writer_is_in_the_table(table):
    roundtrip = _harness()
    formats = {a for a, _ in table}
    assert formats == {"listing", "bibtex", "csljson", "jats", "jats-article"}
    assert {b for _, b in table} == set(roundtrip.WRITERS)
    assert len(table) == len(formats) * len(roundtrip.WRITERS)
    assert all(cell["counts"]["records"] > 0 for cell in table.values())


def test_csljson_through_csljson_is_exact_or_reported(table):
    # The pivot format keeps everything; what the published schema lacks is
    # moved to custom and said.
    counts = table[("csljson", "csljson")]["counts"]
    assert counts["records"] > 50
    assert counts.get("silent vanished", 0) == 0 and counts.get("silent changed", 0) == 0
    assert counts.get("reported", 0) > 0  # CSL 1.0.2 variables moved to custom


def test_normalisations_are_listed_in_the_readme():
    roundtrip = _harness()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, *_ in roundtrip.NORMALISATIONS:
        assert re.search(rf"`{re.escape(name)}`", readme), name


def test_classification_of_a_known_loss():
    roundtrip = _harness()
    # A field the listing cannot hold is reported by the writer, never silent;
    # a DOI written with its resolver prefix is a normalisation.
    import converters

    records = [converters.Record({"id": "a", "type": "book", "title": "A title for a book",
                                  "author": [{"family": "Doe", "given": "Jane"}],
                                  "publisher": "Acme", "DOI": "https://doi.org/10.1/ABC"})]
    result = roundtrip.round_trip(records, "csljson", "listing")
    assert result["counts"]["silent vanished"] == 0 and result["counts"]["reported"] >= 2
    assert roundtrip.normalise("DOI", "https://doi.org/10.1/ABC") == \
        roundtrip.normalise("DOI", "10.1/abc")
    assert roundtrip.normalise("page", "97--111") == roundtrip.normalise("page", "97–111")
    assert roundtrip.normalise("volume", 27) == roundtrip.normalise("volume", "27")
