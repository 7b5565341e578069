"""Rendering 1,000 generated entries in APA, whole process: `bibconv cite`
beside `pandoc --citeproc` on the same CSL-JSON (median of repeated runs).

    python benchmarks/cite_vs_pandoc.py [--records 1000] [--runs 5] [--style apa]

The target (issue 6) is bibconv's time at most 0.7 x pandoc's.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the checkout
from benchmarks import generate
from benchmarks.bibtex_vs_pandoc import find_pandoc


def median(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--style", default="apa")
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    from converters.render import style_path

    pandoc = find_pandoc()
    with tempfile.TemporaryDirectory() as folder:
        items = os.path.join(folder, "items.json")
        generate.write(items, args.records)
        ours = median([sys.executable, "-m", "converters", "cite", items, "--style", args.style,
                       "-o", os.path.join(folder, "ours.txt")], args.runs)
        print(f"bibconv cite: {ours:.2f} s for {args.records} entries ({args.style})")
        if pandoc:
            doc = os.path.join(folder, "doc.md")
            with open(doc, "w") as handle:
                handle.write("---\nnocite: '@*'\n---\n")
            theirs = median([pandoc, doc, "--citeproc", "--bibliography", items, "--csl",
                             str(style_path(args.style)), "-t", "plain", "--wrap=none",
                             "-o", os.path.join(folder, "theirs.txt")], args.runs)
            print(f"pandoc --citeproc: {theirs:.2f} s")
            print(f"ratio bibconv/pandoc: {ours / theirs:.2f} (target <= 0.70)")


if __name__ == "__main__":
    main()
