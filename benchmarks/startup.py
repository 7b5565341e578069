"""Start-up time of the CLI: `bibconv convert --help`, whole process, median
of repeated runs, beside a bare Python start and (when installed) pandoc.

    python benchmarks/startup.py [--runs 30]

Prints milliseconds and ratios; it asserts nothing (the machines are noisy).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def median_ms(command: list[str], runs: int) -> float:
    subprocess.run(command, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    rows = [("python -c pass", [sys.executable, "-c", "pass"]),
            ("bibconv convert --help", [sys.executable, "-m", "converters", "convert", "--help"]),
            ("bibconv formats", [sys.executable, "-m", "converters", "formats"])]
    pandoc = shutil.which("pandoc")
    if pandoc:
        rows.append(("pandoc --help", [pandoc, "--help"]))
    results = {name: median_ms(command, args.runs) for name, command in rows}
    base = results["python -c pass"]
    for name, ms in results.items():
        print(f"{name:28s} {ms:7.1f} ms   {ms / base:5.2f} x python start-up")
    if pandoc:
        print(f"bibconv --help / pandoc --help: "
              f"{results['bibconv convert --help'] / results['pandoc --help']:.2f}")
    limit = 300.0
    verdict = "within" if results["bibconv convert --help"] <= limit else "OVER"
    print(f"target: convert --help under {limit:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
