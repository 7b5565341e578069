"""PubMed XML read in streams (issue 14): peak memory and time of
``bibconv convert -f pubmed-xml -t csljson`` on <PubmedArticleSet>s of
several sizes, streamed (--stream) and read whole, each peak read by the
measured process itself (VmHWM, scale_child.py); beside bibutils'
``med2xml`` (Debian package bibutils), which reads the same files.

The inputs are built in a temporary folder from the real records of
fixtures/pubmed (the samples SOURCES.md lists), cycled with fresh PMIDs:
an annual MEDLINE baseline file holds about 30,000 records.

    python -m benchmarks.pubmed_stream_bench [--sizes 1000 10000]

The machine is shared: read the ratios of one run, not absolute times.
Nothing is asserted.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.jats_stream_bench import CHILD

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "fixtures" / "pubmed"
RECORD = re.compile(r"<(PubmedArticle|PubmedBookArticle)>.*?</\1>", re.S)
_PMID = re.compile(r"(<PMID[^>]*>)\d+(</PMID>)")
HEAD = ('<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
        '1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
        "<PubmedArticleSet>\n")


def real_records(folder: Path = SAMPLES) -> list[str]:
    """The real samples' records (the files SOURCES.md marks real), as text."""
    found: list[str] = []
    for path in sorted(folder.glob("*.xml")):
        if path.name.startswith(("titipata-", "biopython-", "jabref-")):
            found.extend(m.group(0) for m in RECORD.finditer(path.read_text(encoding="utf-8")))
    return found


def pubmed_set(n: int, path: Path, records: list[str] | None = None) -> Path:
    """A <PubmedArticleSet> of ``n`` records cycled from ``records`` (the
    real samples by default), each with a PMID of its own."""
    records = records or real_records()
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for number in range(n):
            pmid = 40_000_000 + number
            text = _PMID.sub(rf"\g<1>{pmid}\g<2>", records[number % len(records)])
            out.write(text + "\n")
        out.write("</PubmedArticleSet>\n")
    return path


_PEER = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
         "r = subprocess.run(sys.argv[1:3], stdout=open(sys.argv[3], 'wb'), "
         "stderr=subprocess.DEVNULL); u = resource.getrusage(resource.RUSAGE_CHILDREN); "
         "print(r.returncode, time.perf_counter() - t, u.ru_utime, u.ru_maxrss)")


def measure_med2xml(path: Path, tool: str, folder: Path) -> dict:
    """med2xml's time and peak resident set, read in a fresh process whose
    only child it is."""
    out = folder / "med2xml.xml"
    run = subprocess.run([sys.executable, "-c", _PEER, tool, str(path), str(out)],
                         capture_output=True, text=True)
    code, seconds, cpu, peak = run.stdout.split()
    records = out.read_bytes().count(b"<mods ") if out.exists() else 0
    out.unlink(missing_ok=True)
    return {"seconds": float(seconds), "cpu_seconds": float(cpu), "peak_kb": int(peak),
            "exit": int(code), "records": records}


def measure(path: Path, streamed: bool, folder: Path) -> dict:
    """jats_stream_bench.measure, with the size of the CSL-JSON written."""
    import json

    out = folder / "out.json"
    args = ["convert", str(path), "-f", "pubmed-xml", "-t", "csljson", "-o", str(out), "-q"]
    run = subprocess.run(CHILD + args + (["--stream"] if streamed else []),
                         capture_output=True, text=True, cwd=HERE.parent)
    got = json.loads(run.stderr.strip().splitlines()[-1])
    got["records"] = len(json.loads(out.read_text(encoding="utf-8"))) if out.exists() else 0
    got["out_mb"] = out.stat().st_size / 2**20 if out.exists() else 0.0
    out.unlink(missing_ok=True)
    return got


def _line(size: int, mb: float, how: str, got: dict) -> str:
    return (f"{size:>7} {mb:7.1f} MB  {how:8} peak {got['peak_kb'] / 1024:7.1f} MB  "
            f"{got['seconds']:6.1f} s (cpu {got['cpu_seconds']:.1f} s)  "
            f"records {got['records']}  exit {got['exit']}"
            + (f"  CSL-JSON {got['out_mb']:.1f} MB" if "out_mb" in got else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    med2xml = shutil.which("med2xml")
    rows: dict[tuple[int, str], dict] = {}
    with tempfile.TemporaryDirectory(prefix="pubmed-bench-") as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            path = pubmed_set(size, folder / f"set-{size}.xml")
            mb = path.stat().st_size / 2**20
            for how in ("stream", "whole"):
                rows[size, how] = measure(path, how == "stream", folder)
                print(_line(size, mb, how, rows[size, how]), flush=True)
            if med2xml:
                rows[size, "med2xml"] = measure_med2xml(path, med2xml, folder)
                print(_line(size, mb, "med2xml", rows[size, "med2xml"]), flush=True)
            path.unlink()
    small, large = min(args.sizes), max(args.sizes)
    for how in ("stream", "whole", "med2xml"):
        if (small, how) in rows and (large, how) in rows and small != large:
            ratio = rows[large, how]["peak_kb"] / rows[small, how]["peak_kb"]
            print(f"{how}: peak {large} / {small} = {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
