"""Byte-identity of the BibTeX reader against another checkout: every .bib
file under the corpora, fixtures/ and tests/, whole and ``--stream``, to
CSL-JSON, BibLaTeX and BibTeX, and ``validate``; stdout, stderr and the exit
code of each run compared.  Speed work on the reader must change none of it.

    python -m benchmarks.bibtex_identity --before /work/main [--jobs 2] [--sample N]

``--cache FILE`` keeps the other checkout's results (a JSON file of digests)
so that later rounds run only this checkout."""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
COMMANDS = (("convert", "-t", "csljson"), ("convert", "-t", "biblatex"),
            ("convert", "-t", "bibtex"), ("validate",))


def bib_files() -> list[Path]:
    roots = [ROOT.parent / "shared" / "corpora", ROOT / "fixtures", ROOT / "tests"]
    return sorted(p for root in roots if root.exists() for p in root.rglob("*.bib"))


def cases(sample: int | None = None) -> list[tuple[str, ...]]:
    """Every run; ``sample``: of at most that many files, drawn at random
    (seed 24), for a machine too busy for all of them."""
    files = bib_files()
    if sample is not None and sample < len(files):
        import random

        files = sorted(random.Random(24).sample(files, sample))
    out = []
    for path in files:
        for command in COMMANDS:
            for stream in ((), ("--stream",)):
                out.append((*command[:1], str(path), *command[1:], *stream))
    return out


def run(checkout: Path, case: tuple[str, ...]) -> str:
    """Digest of one run's exit code, stdout and stderr."""
    python = checkout / ".venv" / "bin" / "python"
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run([str(python if python.exists() else sys.executable), "-m",
                           "converters", *case], capture_output=True, cwd=checkout, env=env,
                          timeout=600)
    digest = hashlib.sha256()
    for part in (str(done.returncode).encode(), done.stdout, done.stderr):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def results(checkout: Path, todo: list[tuple[str, ...]], jobs: int) -> dict[str, str]:
    with ThreadPoolExecutor(jobs) as pool:
        digests = pool.map(lambda case: run(checkout, case), todo)
        return {"\0".join(case): got for case, got in zip(todo, digests, strict=True)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the other checkout (with .venv)")
    parser.add_argument("--cache", default=None, help="JSON file of the other's digests")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only-before", action="store_true", help="fill the cache and stop")
    parser.add_argument("--sample", type=int, help="at most this many .bib files")
    args = parser.parse_args()
    todo = cases(args.sample)
    before: dict[str, str] = {}
    if args.cache and Path(args.cache).exists():
        before = json.loads(Path(args.cache).read_text())
    missing = [case for case in todo if "\0".join(case) not in before]
    if missing:
        before.update(results(Path(args.before), missing, args.jobs))
        if args.cache:
            Path(args.cache).write_text(json.dumps(before))
    if args.only_before:
        return 0
    after = results(ROOT, todo, args.jobs)
    differ = [key for key, got in after.items() if before[key] != got]
    for key in differ:
        print("DIFFERS:", " ".join(key.split("\0")))
    print(f"{len(after) - len(differ)} of {len(after)} runs identical "
          f"({len(todo) // (2 * len(COMMANDS))} .bib files)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
