"""Compact (one-line) CSL-JSON against the same records pretty-printed:
`bibconv convert FILE -t csljson`, whole process, median of repeated runs.

    python benchmarks/csljson_compact.py [--sizes 10000,40000,160000] [--runs 3]
                                         [--timeout 300] [--before DIR]

``--before DIR`` also times another checkout of bibconv (e.g. ``git archive
REV | tar -x -C DIR``) on the same files, for before/after figures in one run.

Issue 11, item 5: compact input converts in time proportional to its size,
within 1.5x the time of the same records pretty-printed.  A run that takes
longer than --timeout is reported as such (the old reader was quadratic).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the checkout
from benchmarks import generate  # noqa: E402


def timed(command: list[str], runs: int, timeout: float, path: str | None = None
          ) -> float | None:
    env = dict(os.environ, PYTHONPATH=path) if path else None
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        try:
            subprocess.run(command, check=True, timeout=timeout, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, env=env, cwd=path)
        except subprocess.TimeoutExpired:
            return None
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,40000,160000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--before", help="another checkout to time on the same files")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'records':>8} {'pretty s':>9} {'compact s':>10} {'ratio':>6} "
          f"{'compact us/record':>18}")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            items = generate.records(n)
            pretty = os.path.join(folder, f"pretty-{n}.json")
            compact = os.path.join(folder, f"compact-{n}.json")
            with open(pretty, "w", encoding="utf-8") as handle:
                json.dump(items, handle, ensure_ascii=False, indent=2)
            with open(compact, "w", encoding="utf-8") as handle:
                json.dump(items, handle, ensure_ascii=False, separators=(",", ":"))
            del items
            out = os.path.join(folder, "out.json")
            base = [sys.executable, "-m", "converters", "convert", "-t", "csljson", "-o", out]
            if args.before:
                bp = timed(base + [pretty], args.runs, args.timeout, args.before)
                bc = timed(base + [compact], args.runs, args.timeout, args.before)
                print(f"{n:>8} {bp or float('nan'):>9.2f} "
                      f"{bc if bc is not None else float('nan'):>10.2f} "
                      f"{(f'{bc / bp:.2f}' if bp and bc else '-'):>6} "
                      f"{(f'{bc / n * 1e6:.0f}' if bc else f'>{args.timeout:.0f} s'):>18}"
                      "  (before)", flush=True)
            p = timed(base + [pretty], args.runs, args.timeout)
            c = timed(base + [compact], args.runs, args.timeout)
            ratio = f"{c / p:.2f}" if p and c else "-"
            per = f"{c / n * 1e6:.0f}" if c else f">{args.timeout:.0f} s"
            print(f"{n:>8} {p or float('nan'):>9.2f} "
                  f"{c if c is not None else float('nan'):>10.2f} {ratio:>6} {per:>18}",
                  flush=True)
            rows.append((n, p, c))
    ok = all(p and c and c <= 1.5 * p for _, p, c in rows)
    print(f"target: compact within 1.5x of pretty-printed at every size: "
          f"{'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
