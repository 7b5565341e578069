"""Speed and memory of reading listing pages: a 10,000-entry page made from
the corpora and the seed page, each read and converted to CSL-JSON in a
fresh process (lexicon loading included), median of repeated runs.

    python benchmarks/listing_speed.py [--entries 10000] [--runs 3]

CPU time is the measured process's own (time.process_time), steadier than
the wall clock on a shared machine.  Memory is the measured process's own peak (VmHWM read by that process at
its end), never the parent's.  Another checkout can be measured on the same
page with PYTHONPATH=that/checkout (the page is built by this one).
Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script: the checkout, for tests.* and benchmarks.*

# Run in the child: read, convert, and report its own time and peak memory.
CHILD = r"""
import json, sys, time
start, cpu = time.perf_counter(), time.process_time()
import converters
result = converters.convert([sys.argv[1]], "csljson", from_="listing")
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak / 1024,
                  "records": len(json.loads(result.text))}))
"""


def measure(path: str, runs: int) -> dict:
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True, cwd="/",
                             text=True, check=True, env=os.environ)
        samples.append(json.loads(out.stdout))
    return {"seconds": statistics.median(s["seconds"] for s in samples),
            "cpu_seconds": statistics.median(s["cpu_seconds"] for s in samples),
            "peak_mb": statistics.median(s["peak_mb"] for s in samples),
            "records": samples[0]["records"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpora", default=os.environ.get(
        "BIBCONV_CORPORA", str(HERE.parent.parent / "shared" / "corpora")))
    args = parser.parse_args()
    from tests import listing_pages

    entries = listing_pages.pool(args.corpora, "bib") + listing_pages.pool(args.corpora, "jats")
    page = listing_pages.make_page(entries, 4242, size=args.entries)
    with tempfile.TemporaryDirectory() as folder:
        big = os.path.join(folder, "page.txt")
        Path(big).write_text(page.text, encoding="utf-8")
        seed = str(HERE.parent / "fixtures" / "publications.txt")
        for name, path in ((f"{args.entries:,}-entry page", big), ("seed page (12)", seed)):
            m = measure(path, args.runs)
            rate = m["records"] / m["seconds"]
            print(f"{name}: {m['seconds']:.2f} s ({m['cpu_seconds']:.2f} s CPU), "
                  f"{rate:,.0f} records/s, "
                  f"peak {m['peak_mb']:.0f} MB ({m['records']} records)")


if __name__ == "__main__":
    main()
