"""BibTeX -> CSL-JSON, whole process, bibconv beside pandoc 3.x on the real
.bib files in ../shared/corpora/bibtex/ (medians of repeated runs, the
ratio of CPU seconds: the machine is shared, wall clock says more about the
neighbours).  The 10,000-entry figure of issue 14 is scale_bench.py peers.

    python benchmarks/bibtex_vs_pandoc.py [--runs 5] [--corpus DIR]

pandoc comes from PATH or from pypandoc-binary.  Files pandoc cannot read
are marked as such.  Nothing is asserted: the machine is noisy.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def find_pandoc() -> str | None:
    if shutil.which("pandoc"):
        return shutil.which("pandoc")
    try:
        import pypandoc
    except ImportError:
        return None
    path = Path(pypandoc.__file__).parent / "files" / "pandoc"
    return str(path) if path.exists() else None


def timed(command: list[str], runs: int) -> tuple[float | None, float, int]:
    """Median wall seconds (None when the command fails), median CPU seconds
    and the largest peak memory (KB) of that one process (os.wait4)."""
    times, cpu, peak = [], [], 0
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: written, some reported
            return None, 0.0, 0
        times.append(elapsed)
        cpu.append(usage.ru_utime + usage.ru_stime)
        peak = max(peak, usage.ru_maxrss)
    return statistics.median(times), statistics.median(cpu), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", default=str(HERE.parent.parent / "shared" / "corpora"
                                               / "bibtex"))
    args = parser.parse_args()
    pandoc = find_pandoc()
    files = sorted(Path(args.corpus).glob("*.bib"))
    if not files:
        sys.exit(f"no .bib files in {args.corpus}")
    print(f"{'file':42s} {'size':>8s} {'bibconv':>16s} {'pandoc':>16s} {'cpu ratio':>9s}")
    ratios = []
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "out.json")
        for path in files:
            ours, our_cpu, _ = timed([sys.executable, "-m", "converters", "convert", str(path),
                                      "-t", "csljson", "-o", out, "-q"], args.runs)
            theirs, their_cpu = None, 0.0
            if pandoc:
                theirs, their_cpu, _ = timed([pandoc, "-f", "biblatex", "-t", "csljson",
                                              str(path), "-o", out], args.runs)
            ratio = f"{our_cpu / their_cpu:9.2f}" if ours and theirs else "        -"
            if ours and theirs:
                ratios.append(our_cpu / their_cpu)
            mine = f"{ours:6.2f}s ({our_cpu:5.2f})" if ours else "      failed    "
            peer = f"{theirs:6.2f}s ({their_cpu:5.2f})" if theirs else "       fails    "
            print(f"{path.name:42s} {path.stat().st_size / 1e6:7.2f}M {mine} {peer} {ratio}")
    if ratios:
        print(f"median CPU ratio bibconv/pandoc: {statistics.median(ratios):.2f} "
              f"(below 1: bibconv faster; wall seconds with CPU seconds in brackets)")

if __name__ == "__main__":
    main()
