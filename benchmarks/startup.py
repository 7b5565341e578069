"""Start-up time of the CLI: `bibconv convert --help`, whole process, median
of repeated runs, beside a bare Python start and (when installed) pandoc;
also a one-record conversion and a one-record citation, where the input's
format is found by its suffix (wall and CPU time of the child).

    python benchmarks/startup.py [--runs 30] [--before OTHER/.venv/bin/python]

Prints milliseconds and ratios; it asserts nothing (the machines are noisy).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def median_ms(commands: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """Median wall and CPU milliseconds of each command, run in turn in
    the same rounds (so that a busy machine weighs on each alike)."""
    folder = os.path.dirname(ONE[0]) if ONE else None
    for command in commands:
        subprocess.run(command, capture_output=True, cwd=folder)  # warm the file cache
    times: list[list[float]] = [[] for _ in commands]
    cpu: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for n, command in enumerate(commands):
            started, used = time.perf_counter(), _children_cpu()
            # from a folder of its own: "-m converters" would import a
            # checkout found in the working folder instead of the install's
            subprocess.run(command, capture_output=True, check=True, cwd=folder)
            times[n].append((time.perf_counter() - started) * 1000)
            cpu[n].append((_children_cpu() - used) * 1000)
    return [(statistics.median(t), statistics.median(c)) for t, c in zip(times, cpu, strict=True)]


ONE: list[str] = []  # the one-record file, in the folder the commands run from


def _one_record(folder: str) -> str:
    path = os.path.join(folder, "one.bib")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("@book{a, author = {Doe, Jane}, title = {A Title}, year = 2001}\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--before", default=None, help="the Python of another bibconv "
                        "install (say a checkout of main), measured in the same rounds")
    args = parser.parse_args()
    import tempfile

    one = _one_record(tempfile.mkdtemp(prefix="bibconv-startup-"))
    ONE.append(one)
    bibconv = [sys.executable, "-m", "converters"]
    rows = [("python -c pass", [sys.executable, "-c", "pass"]),
            ("bibconv convert --help", [*bibconv, "convert", "--help"]),
            ("bibconv formats", [*bibconv, "formats"]),
            ("bibconv convert one.bib", [*bibconv, "convert", one, "-t", "csljson"]),
            ("bibconv cite one.bib", [*bibconv, "cite", one])]
    pandoc = shutil.which("pandoc")
    if pandoc:
        rows.append(("pandoc --help", [pandoc, "--help"]))
    results, before = {}, {}
    for name, command in rows:
        other = ([args.before, *command[1:]] if args.before and command[0] == sys.executable
                 else None)
        measured = median_ms([command, *([other] if other else [])], args.runs)
        results[name] = measured[0]
        if other:
            before[name] = measured[1]
    base = results["python -c pass"][0]
    for name, (ms, cpu) in results.items():
        print(f"{name:28s} {ms:7.1f} ms   {ms / base:5.2f} x python start-up   "
              f"CPU {cpu:7.1f} ms" + (f"   (before: {before[name][0]:7.1f} ms, CPU "
                                     f"{before[name][1]:7.1f} ms)" if name in before else ""))
    if pandoc:
        print(f"bibconv --help / pandoc --help: "
              f"{results['bibconv convert --help'][0] / results['pandoc --help'][0]:.2f}")
    limit = 300.0
    verdict = "within" if results["bibconv convert --help"][0] <= limit else "OVER"
    print(f"target: convert --help under {limit:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
