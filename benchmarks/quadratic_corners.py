"""Two corners that once grew quadratically (issue 12), timed:

* the JUnit reporter over the findings of 40,000 generated records, beside
  the text reporter over the same findings (the findings are made once,
  outside the timing);
* ``IdAllocator.claim`` handed the same id 20,000 times (as when every
  record of a file lacks an id and gets "record"), beside 20,000 distinct ids.

    python benchmarks/quadratic_corners.py [--records 40000] [--ids 20000] [--runs 3]
    python benchmarks/quadratic_corners.py --code /path/to/other/checkout   # compare

Prints the median of --runs runs for each.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def median_time(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=40_000)
    parser.add_argument("--ids", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", default=os.path.dirname(HERE),
                        help="the checkout whose converters package is timed")
    args = parser.parse_args()
    sys.path.insert(0, os.path.dirname(HERE))  # the checkout, for benchmarks.*
    sys.path.insert(0, args.code)
    from benchmarks import generate
    import converters
    from converters.ids import IdAllocator
    from converters.validation.reporters import REPORTERS, Report

    print(f"timing {os.path.dirname(converters.__file__)}")
    items = generate.records(args.records)
    for item in items[::3]:
        item.pop("abstract", None)  # a finding (abstract-missing) for a third at least
    result = converters.validate(items)
    report = Report(result.diagnostics, [(r.origin.file, r.id, r.origin.line)
                                         for r in result.records], [])
    print(f"{args.records} records, {len(result.diagnostics)} findings")
    for name in ("text", "junit"):
        seconds = median_time(lambda: REPORTERS[name](report), args.runs)
        print(f"  reporter {name:5}: {seconds:8.3f} s")

    def same():
        allocator = IdAllocator()
        for _ in range(args.ids):
            allocator.claim("record")

    def distinct():
        allocator = IdAllocator()
        for i in range(args.ids):
            allocator.claim(f"record{i}")

    print(f"IdAllocator.claim, {args.ids} ids")
    print(f"  one id repeated: {median_time(same, args.runs):8.3f} s")
    print(f"  distinct ids:    {median_time(distinct, args.runs):8.3f} s")


if __name__ == "__main__":
    main()
