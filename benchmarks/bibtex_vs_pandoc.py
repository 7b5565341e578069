"""BibTeX -> CSL-JSON, whole process, bibconv beside pandoc 3.x on the real
.bib files in ../shared/corpora/bibtex/ (median of repeated runs, ratios).

    python benchmarks/bibtex_vs_pandoc.py [--runs 5] [--corpus DIR]

pandoc comes from PATH or from pypandoc-binary.  Files pandoc cannot read
are marked as such.  Nothing is asserted: the machine is noisy.
"""
from __future__ import annotations

import argparse
import os
import resource
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


def timed(command: list[str], runs: int) -> tuple[float | None, int]:
    """Median seconds (None when the command fails) and peak child memory (KB)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True)
        elapsed = time.perf_counter() - started
        if done.returncode not in (0, 1):  # 1: written, some entries reported
            return None, 0
        times.append(elapsed)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), peak


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
    print(f"{'file':42s} {'size':>8s} {'bibconv':>9s} {'pandoc':>9s} {'ratio':>6s}")
    ratios = []
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "out.json")
        for path in files:
            ours, _ = timed([sys.executable, "-m", "converters", "convert", str(path),
                             "-t", "csljson", "-o", out, "-q"], args.runs)
            theirs = None
            if pandoc:
                theirs, _ = timed([pandoc, "-f", "biblatex", "-t", "csljson", str(path),
                                   "-o", out], args.runs)
            ratio = f"{ours / theirs:6.2f}" if ours and theirs else "     -"
            if ours and theirs:
                ratios.append(ours / theirs)
            mine = f"{ours:8.2f}s" if ours else "  failed "
            peer = f"{theirs:8.2f}s" if theirs else "   fails "
            print(f"{path.name:42s} {path.stat().st_size / 1e6:7.2f}M {mine} {peer} {ratio}")
    if ratios:
        print(f"median ratio bibconv/pandoc: {statistics.median(ratios):.2f} "
              f"(below 1: bibconv faster)")


if __name__ == "__main__":
    main()
