"""--scheduler: the same shards on a Dask distributed cluster started here
(two worker processes) give the bytes and the findings of the local run,
duplicates across shards included."""
from __future__ import annotations

import gzip
import json
import sys

import pytest
from tests.support import ROOT, run_cli

distributed = pytest.importorskip("distributed")
pytest.importorskip("dask.bag")

from benchmarks.generate import records as generated  # noqa: E402


def _dump(folder, shards: int = 4, size: int = 50):
    """JSON Lines shards (one gzip), with a record repeated two shards on and
    one repeated by title and authors only (no DOI) in the first and last."""
    items = generated(shards * size, seed=23)
    items[size + 10] = dict(items[3], id="again-3")
    items[-1] = {k: v for k, v in items[7].items() if k != "DOI"} | {"id": "again-7"}
    items[7] = {k: v for k, v in items[7].items() if k != "DOI"}
    folder.mkdir()
    paths = []
    for index in range(shards):
        text = "".join(json.dumps(i, ensure_ascii=False) + "\n"
                       for i in items[index * size:(index + 1) * size])
        path = folder / f"shard-{index}.jsonl"
        if index == 1:
            path = path.with_suffix(".jsonl.gz")
            path.write_bytes(gzip.compress(text.encode()))
        else:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_a_local_cluster_gives_the_bytes_and_findings_of_the_local_run(tmp_path):
    paths = _dump(tmp_path / "dump")
    pattern = str(tmp_path / "dump" / "shard-*")
    # --split 8K: the plain shards are cut in byte ranges, a task each
    local_report = run_cli("validate", pattern, "--jobs", "2", "--split", "8K",
                           "--output-format", "json")
    local_out = run_cli("convert", pattern, "-t", "bibtex", "--jobs", "2", "--split", "8K",
                        "-o", f"{tmp_path / 'local'}/")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None)
    try:
        address = cluster.scheduler_address
        report = run_cli("validate", pattern, "--scheduler", address, "--split", "8K",
                         "--output-format", "json", timeout=300)
        out = run_cli("convert", pattern, "-t", "bibtex", "--scheduler", address,
                      "--split", "8K", "-o", f"{tmp_path / 'cluster'}/", timeout=300)
    finally:
        cluster.close()
    assert report.returncode == local_report.returncode == 1, report.stderr
    assert report.stdout == local_report.stdout
    assert out.returncode == local_out.returncode, out.stderr
    assert out.stderr == local_out.stderr
    whole = run_cli("convert", paths[0], "-t", "bibtex")
    assert (tmp_path / "cluster" / "shard-0.bib").read_bytes() == whole.stdout
    names = sorted(p.name for p in (tmp_path / "local").iterdir())
    assert names == ["shard-0.bib", "shard-1.bib.gz", "shard-2.bib", "shard-3.bib"]
    for name in names:
        assert (tmp_path / "cluster" / name).read_bytes() == \
            (tmp_path / "local" / name).read_bytes()
    found = json.loads(report.stdout)["diagnostics"]
    duplicates = sorted((d["file"], d["line"], d["message"]) for d in found
                        if d["code"] == "duplicate-record")
    assert duplicates == [
        (str(paths[1]), 11, "same DOI " + generated(200, seed=23)[3]["DOI"] +
         " as record 'r3' (shard-0.jsonl:4)"),
        (str(paths[3]), 50, "same work as record 'r7' (shard-0.jsonl:8): same title, "
         "authors and year, nothing (edition, volume, issue, pages) tells them apart"),
    ]
