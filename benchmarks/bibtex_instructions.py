"""Issue 14's BibTeX -> CSL-JSON figure in instructions, not seconds: the
instructions executed (valgrind's cachegrind, no cache simulation) by
bibconv, whole and ``--stream``, and by pandoc 3.x on the same generated
input.  On a shared machine CPU seconds move with the other processes'
load; instruction counts do not, so ours/pandoc measured so is the same
from run to run, and a change of a percent shows.

    python -m benchmarks.bibtex_instructions [--size 10000] [--before DIR]
                                             [--work DIR] [--no-pandoc]

``--before DIR``: another checkout (``git archive REV | tar -x -C DIR``)
counted beside.  Each bibconv is run once on three entries first, with its
bytecode cached in a folder of its own (as an installed bibconv has it), so
that neither counts compiling modules; hash randomisation is fixed.  Under
valgrind a run takes some fifty times its usual time (pandoc at 10,000
entries: minutes).  Nothing is asserted."""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script: the checkout, for benchmarks.*

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")
_SMALL = "@article{a, title = {A title}, author = {Doe, Jane}, year = {2001}}\n"


def instructions(command: list[str], env: dict | None = None, cwd: Path | None = None) -> int:
    """Instructions ``command`` executed (cachegrind's "I refs")."""
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                           "--cachegrind-out-file=/dev/null", *command],
                          capture_output=True, text=True, env=env, cwd=cwd)
    found = _REFS.findall(done.stderr)
    if done.returncode != 0 or not found:
        raise RuntimeError(f"{command[:3]} failed: {done.stderr[-500:]}")
    return int(found[-1].replace(",", ""))


def _bibconv_env(root: Path, cache: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(root), PYTHONPYCACHEPREFIX=str(cache), PYTHONHASHSEED="0")
    return env


def bibconv(root: Path, bib: Path, work: Path, label: str, stream: bool) -> int:
    env = _bibconv_env(root, work / f"pycache-{label}")
    flags = ["--stream"] if stream else []
    small = work / "small.bib"
    small.write_text(_SMALL, encoding="utf-8")
    convert = [sys.executable, "-m", "converters", "convert"]
    # warmed: every module's bytecode written to the cache before counting
    subprocess.run([*convert, str(small), "-t", "csljson", *flags, "-o",
                    str(work / "small.json")], check=True, env=env, cwd=root)
    return instructions([*convert, str(bib), "-t", "csljson", *flags, "-o",
                         str(work / f"{label}.json")], env, root)


def main() -> int:
    from benchmarks.bibtex_vs_pandoc import find_pandoc
    from benchmarks.scale_bench import generate

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--before", default=None, help="another checkout, counted beside")
    parser.add_argument("--work", default=None, help="folder for the generated files")
    parser.add_argument("--no-pandoc", action="store_true")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)")
        return 1
    work = Path(args.work or tempfile.mkdtemp(prefix="bibconv-instructions-"))
    work.mkdir(parents=True, exist_ok=True)
    bib = generate(args.size, work / f"g{args.size}.bib")
    checkouts = {"bibconv": HERE.parent}
    if args.before:
        checkouts["before"] = Path(args.before).resolve()
    counts: dict[str, int] = {}
    for name, root in checkouts.items():
        for stream in (True, False):
            label = f"{name} --stream" if stream else name
            counts[label] = bibconv(root, bib, work, label.replace(" --", "-"), stream)
            print(f"{label:20s} {counts[label]:>16,} instructions", flush=True)
    pandoc = None if args.no_pandoc else find_pandoc()
    if pandoc:
        counts["pandoc"] = instructions([pandoc, "-f", "bibtex", "-t", "csljson", str(bib),
                                         "-o", str(work / "pandoc.json")])
        print(f"{'pandoc':20s} {counts['pandoc']:>16,} instructions", flush=True)
        for label, count in counts.items():
            if label != "pandoc":
                print(f"{label} / pandoc at {args.size:,}: x{count / counts['pandoc']:.4f}")
    for label in ("bibconv --stream", "bibconv"):
        other = label.replace("bibconv", "before")
        if other in counts:
            print(f"{label} / {other}: x{counts[label] / counts[other]:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
