"""Validating 10,000 generated CSL-JSON records, whole process
(`bibconv validate FILE`), median of repeated runs; prints the rate.

    python benchmarks/validate_10k.py [--records 10000] [--runs 5]

The target (issue 5) is at most 2 s for 10,000 records on a 2-core machine.
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
from benchmarks import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "records.json")
        generate.write(path, args.records)
        command = [sys.executable, "-m", "converters", "validate", path,
                   "--output-format", "json", "-o", os.path.join(folder, "report.json"),
                   "--fail-on", "never"]
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run(command, check=True)
            times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"validate {args.records} records: median {median:.2f} s over {args.runs} runs "
          f"(min {min(times):.2f}, max {max(times):.2f}); {args.records / median:,.0f} records/s")
    print(f"target: 10,000 records in at most 2 s: "
          f"{'met' if median * 10_000 / args.records <= 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
