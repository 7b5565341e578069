"""validate --stream's memory stays flat with the input's size: what it
allocates again and again (a cut range's line count, the profiles of
every chunk) is bounded, and the findings are those of a whole run."""
from __future__ import annotations

import json
import os
import tracemalloc

from converters import validation
from converters.scale.ranges import range_lines


def _json_lines(path, count: int) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({"id": f"r{n}", "type": "book",
                                     "title": f"A title of record number {n}" + " x" * 40})
                         + "\n")


def test_a_late_range_counts_its_first_line_in_a_small_buffer(tmp_path):
    # A range starting 6 MB into a file counts the lines before it; main
    # read them 4 MiB a block, two blocks alive at once (8 MB of peak).
    path = tmp_path / "big.jsonl"
    _json_lines(path, 50_000)
    size = os.path.getsize(path)
    start = size - 1000
    tracemalloc.start()
    try:
        first, lines = range_lines(str(path), start, None)
        got = list(lines)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    data = path.read_bytes()
    at = start if data[start - 1:start] == b"\n" else data.index(b"\n", start) + 1
    assert first == data[:at].count(b"\n") + 1
    assert got and json.loads(got[0])["id"] == f"r{first - 1}"
    assert peak < 1 << 20, peak


def test_range_line_numbers_at_block_edges(tmp_path):
    # Offsets on and around the counting buffer's size give the same first
    # line as counting the bytes before them whole.
    from converters.scale.ranges import _BLOCK

    path = tmp_path / "edges.jsonl"
    _json_lines(path, 3000)
    data = path.read_bytes()
    for start in (1, _BLOCK - 1, _BLOCK, _BLOCK + 1, 2 * _BLOCK, len(data) - 5):
        first, lines = range_lines(str(path), start, None)
        lines.close()
        at = start if data[start - 1:start] == b"\n" else data.index(b"\n", start) + 1
        assert first == data[:at].count(b"\n") + 1, start


def test_profiles_are_loaded_once_for_every_chunk(monkeypatch, tmp_path):
    # A stream validates 500 records at a time; each call compiled every
    # rule of every profile again (2,000 times for a million records).
    from converters.model import Origin, Record

    profile = tmp_path / "lab.json"
    profile.write_text(json.dumps({"allOf": [{"x-code": "needs-doi", "required": ["DOI"],
                                              "x-message": "a DOI is required"}]}))
    loads: list = []
    real = validation.load_profile
    monkeypatch.setattr(validation, "load_profile",
                        lambda path=None: loads.append(path) or real(path))
    records = [Record({"id": "a", "type": "book", "title": "T"}, Origin("f", 1))]
    first = validation.validate(records, profiles=[str(profile)])
    for _ in range(5):
        assert validation.validate(records, profiles=[str(profile)]) == first
    assert [d.code for d in first].count("needs-doi") == 1
    assert len(loads) <= 2  # the default profile and lab.json, once

    # A profile changed on disk is read again.
    profile.write_text(json.dumps({"allOf": [{"x-code": "needs-isbn",
                                              "required": ["ISBN"]}]}))
    changed = validation.validate(records, profiles=[str(profile)])
    assert "needs-isbn" in {d.code for d in changed}
    assert "needs-doi" not in {d.code for d in changed}


def test_the_profile_cache_is_bounded(tmp_path):
    from converters.model import Origin, Record

    records = [Record({"id": "a", "type": "book", "title": "T"}, Origin("f", 1))]
    for n in range(3 * validation._LOADED_MAX):
        profile = tmp_path / f"p{n}.json"
        profile.write_text(json.dumps({"x-code": f"rule-{n}", "required": ["DOI"]}))
        validation.validate(records, profiles=[str(profile)])
    assert len(validation._LOADED) <= validation._LOADED_MAX


def test_cut_ranges_find_what_one_stream_finds(tmp_path):
    # The findings of a file cut into byte ranges (duplicates across the
    # cuts included) are those of the file read as one stream.
    from converters.cli import main

    path = tmp_path / "dump.jsonl"
    def work(n: int) -> dict:
        return {"id": f"r{n}", "type": "article-journal", "title": f"Work {n}",
                "DOI": f"10.1000/{n}", "author": [{"family": f"F{n}"}],
                "issued": {"date-parts": [[2000 + n % 20]]}}

    with open(path, "w", encoding="utf-8") as handle:
        for n in range(3000):
            record = work(n)
            if n % 500 == 499:  # a repeat of a record in an earlier range: same DOI
                record = {**work(n - 400), "id": f"again{n}"}
            elif n % 500 == 250:  # same title, authors and year, no DOI
                record = {**work(n - 200), "id": f"twin{n}"}
                del record["DOI"]
            handle.write(json.dumps(record) + "\n")
    one, cut = tmp_path / "one.txt", tmp_path / "cut.txt"
    main(["validate", str(path), "--stream", "-q", "-o", str(one)])
    main(["validate", str(path), "--stream", "--split", "40K", "-q", "-o", str(cut)])
    assert one.read_text() == cut.read_text()
    text = one.read_text()
    assert text.count("duplicate-record same DOI") == 6
    assert text.count("duplicate-record same work") == 6
