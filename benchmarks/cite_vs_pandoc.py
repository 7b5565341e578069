"""Rendering 1,000 generated entries in APA, whole process: `bibconv cite`
beside `pandoc --citeproc` on the same CSL-JSON and the same CSL style, as
CPU time (user + system of the child process and of the workers it waits
for), median of alternating rounds, the ratio of the medians.

    python benchmarks/cite_vs_pandoc.py [--records 1000] [--runs 7] [--style apa]
                                        [--baseline DIR] [--bytecode]

CPU time rather than wall time: on a loaded machine wall times vary by a
fifth from run to run, CPU time by a few per cent.  The rounds alternate
(bibconv, pandoc, pandoc, bibconv, ...) so a slow spell of the machine falls
on both.  ``--baseline DIR`` times a second checkout of bibconv (run from
DIR with this Python) in the same rounds, for a before/after in one run.
``--bytecode`` compiles bibconv's modules once beforehand, as a pip install
leaves them (see benchmarks.scale_bench.compiled: where PYTHONDONTWRITEBYTECODE
is set, an editable checkout compiles every module at each start).
The target (issue 15) is bibconv's CPU time at most 0.7 x pandoc's.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the checkout
from benchmarks import generate
from benchmarks.bibtex_vs_pandoc import find_pandoc


def timed(command: list[str], cwd: str | None = None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of ``command``.  The CPU time
    is the growth of RUSAGE_CHILDREN over the run: the child and every
    descendant it waited for (bibconv's forked renderers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def rounds(commands: dict[str, tuple[list[str], str | None]], runs: int) -> dict:
    """name -> ([CPU seconds], [wall seconds]), the commands run in turn,
    the order reversed every other round."""
    out: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in commands}
    names = list(commands)
    for number in range(runs):
        for name in names if number % 2 == 0 else reversed(names):
            command, cwd = commands[name]
            cpu, wall = timed(command, cwd)
            out[name][0].append(cpu)
            out[name][1].append(wall)
    return out


def commands_for(folder: str, items: str, style: str, baseline: str | None) -> dict:
    from converters.render import style_path

    def ours(tag: str) -> list[str]:
        return [sys.executable, "-m", "converters", "cite", items, "--style", style,
                "-o", os.path.join(folder, f"{tag}.txt")]

    commands: dict[str, tuple[list[str], str | None]] = {"bibconv": (ours("ours"), None)}
    if baseline:
        commands["bibconv (baseline)"] = (ours("baseline"), os.path.abspath(baseline))
    pandoc = find_pandoc()
    if pandoc:
        doc = os.path.join(folder, "doc.md")
        with open(doc, "w") as handle:
            handle.write("---\nnocite: '@*'\n---\n")
        commands["pandoc --citeproc"] = (
            [pandoc, doc, "--citeproc", "--bibliography", items, "--csl",
             str(style_path(style)), "-t", "plain", "--wrap=none",
             "-o", os.path.join(folder, "theirs.txt")], None)
    return commands


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7, help="rounds (at least 5)")
    parser.add_argument("--style", default="apa")
    parser.add_argument("--baseline", help="another checkout of bibconv to time alongside")
    parser.add_argument("--bytecode", action="store_true", help="bibconv's modules compiled "
                        "once beforehand, as installed")
    args = parser.parse_args()
    runs = max(args.runs, 5)
    with tempfile.TemporaryDirectory() as folder:
        if args.bytecode:
            from benchmarks.scale_bench import BYTECODE_ENV, compiled

            here = Path(__file__).resolve().parent.parent
            compiled(Path(folder), here, *([Path(args.baseline)] if args.baseline else []))
            os.environ.clear()
            os.environ.update(BYTECODE_ENV)  # every child run finds the compiled modules
        items = os.path.join(folder, "items.json")
        generate.write(items, args.records)
        commands = commands_for(folder, items, args.style, args.baseline)
        for command, cwd in commands.values():  # warm the file cache, check each runs
            subprocess.run(command, check=True, capture_output=True, cwd=cwd)
        if args.baseline:
            texts = [Path(folder, name).read_bytes() for name in ("ours.txt", "baseline.txt")]
            same = texts[0] == texts[1]
            print(f"bibconv output identical to the baseline's: {same}")
        times = rounds(commands, runs)
    print(f"{args.records} entries, {args.style}, {runs} alternating rounds (medians)")
    medians = {}
    for name, (cpu, wall) in times.items():
        medians[name] = statistics.median(cpu)
        spread = (max(cpu) - min(cpu)) / medians[name] * 100
        print(f"  {name:20s} CPU {medians[name]:6.2f} s (spread {spread:4.1f}%)   "
              f"wall {statistics.median(wall):6.2f} s")
    if "pandoc --citeproc" in medians:
        theirs = medians["pandoc --citeproc"]
        for name in [n for n in medians if n.startswith("bibconv")]:
            print(f"ratio {name}/pandoc, CPU: {medians[name] / theirs:.2f} (target <= 0.70)")


if __name__ == "__main__":
    main()
