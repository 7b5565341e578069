"""Scale figures (issue 14): time, records/s per core and peak memory of
bibconv on generated records (scale_generate.py: the corpora's records as
templates), each measured inside the measured process (scale_child.py).

    python benchmarks/scale_bench.py memory [--sizes 10000 100000] [--command convert]
        JSON Lines -> BibTeX (convert --stream) or validate --stream, per size:
        peak and time against the smallest size (flat memory, linear time)
    python benchmarks/scale_bench.py peers [--size 10000] [--large 50000] [--runs 3]
                                           [--before DIR]
        BibTeX -> CSL-JSON beside pandoc 3.x and bibutils' bib2xml (each peer's
        peak from the kernel's account of that one process, os.wait4), medians
        of rounds run in turn; --before DIR times another checkout beside;
        --bytecode: bibconv's modules compiled once first, as a pip install does
    python benchmarks/scale_bench.py parallel [--size 100000] [--shards 4]
        the same shards with --stream, --jobs 2 and on a LocalCluster of 2 workers

The machine is shared: ratios measured in one run are what to read, not
absolute times; CPU seconds are given beside wall-clock ones.  Nothing is
asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHILD = [sys.executable, str(HERE / "scale_child.py")]
sys.path.insert(0, str(HERE.parent))  # run as a script: the checkout, for benchmarks.*


def generate(n: int, path: Path) -> Path:
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "scale_generate.py"), str(n), str(path)],
                       check=True)
    return path


# Set by --bytecode: the environment of every bibconv run (see compiled()).
BYTECODE_ENV: dict[str, str] = {}


def compiled(work: Path, *checkouts: Path) -> None:
    """bibconv's own modules compiled once into a cache, as a pip install
    leaves them: where PYTHONDONTWRITEBYTECODE is set (as on the shared
    machine) an editable checkout otherwise compiles every module at each
    start (about 0.07 s of CPU), which an installed bibconv never does."""
    cache = work / "pycache"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    for root in checkouts:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "converters")],
                       check=True, env=env, stdout=subprocess.DEVNULL)
    BYTECODE_ENV.update(env)


def bibconv(*args: str, checkout: Path | None = None) -> dict:
    """One bibconv run in its own process: its report of itself.  ``checkout``:
    another copy of bibconv (``git archive REV | tar -x -C DIR``) run instead."""
    root = checkout or HERE.parent
    env = {**(BYTECODE_ENV or os.environ), "PYTHONPATH": str(root)} if checkout else (
        BYTECODE_ENV or None)
    done = subprocess.run([sys.executable, str(root / "benchmarks" / "scale_child.py"),
                           *args, "-q"], capture_output=True, text=True, cwd=root, env=env)
    return json.loads(done.stderr.strip().splitlines()[-1])


def _median(runs: list[dict]) -> dict:
    """The median wall and the median CPU seconds (each its own median: the
    machine is shared), with the largest peak of all."""
    import statistics

    return {**runs[0], "seconds": statistics.median(got["seconds"] for got in runs),
            "cpu_seconds": statistics.median(got["cpu_seconds"] for got in runs),
            "peak_kb": max(got["peak_kb"] for got in runs)}


def peer(command: list[str], stdout=subprocess.DEVNULL) -> dict | None:
    """A peer's wall time and peak (os.wait4: that process's own maxrss)."""
    started = time.perf_counter()
    try:
        process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL)
    except OSError:
        return None
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    return {"exit": os.waitstatus_to_exitcode(status), "seconds": elapsed,
            "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss}


def _row(name: str, n: int, got: dict, base: dict | None, base_n: int | None) -> str:
    rate = n / got["cpu_seconds"] if got["cpu_seconds"] else 0
    line = (f"{name:34s} {n:>9,} {got['seconds']:8.1f}s {got['cpu_seconds']:8.1f}s cpu "
            f"{rate:9,.0f} rec/s/core {got['peak_kb'] / 1024:8.1f} MB")
    if base and base_n:
        scale = n / base_n
        line += (f"   peak x{got['peak_kb'] / base['peak_kb']:.2f}"
                 f"   time x{got['seconds'] / base['seconds'] / scale:.2f} of linear"
                 f" (cpu x{got['cpu_seconds'] / base['cpu_seconds'] / scale:.2f})")
    return line


def memory(args, work: Path) -> None:
    base = base_n = None
    for n in args.sizes:
        source = generate(n, work / f"g{n}.jsonl")
        if args.command == "convert":
            got = bibconv("convert", str(source), "-t", "bibtex", "--stream",
                          "-o", str(work / f"c{n}.bib"))
        else:
            got = bibconv("validate", str(source), "--stream", "-o", str(work / f"v{n}.txt"))
        print(_row(f"{args.command} --stream jsonl", n, got, base, base_n), flush=True)
        base, base_n = (base, base_n) if base else (got, n)


def _peer_commands(args, work: Path, bib: Path) -> dict:
    """name -> a function running it once, for the side-by-side at args.size."""
    from benchmarks.bibtex_vs_pandoc import find_pandoc

    n = args.size
    runs: dict[str, Callable[[], dict | None]] = {
        "bibconv --stream": lambda: bibconv("convert", str(bib), "-t", "csljson",
                                            "--stream", "-o", str(work / f"s{n}.json")),
        "bibconv": lambda: bibconv("convert", str(bib), "-t", "csljson",
                                   "-o", str(work / f"w{n}.json"))}
    if args.before:
        before = Path(args.before)
        runs["before --stream"] = lambda: bibconv(
            "convert", str(bib), "-t", "csljson", "--stream", "-o", str(work / "b.json"),
            checkout=before)
        runs["before"] = lambda: bibconv(
            "convert", str(bib), "-t", "csljson", "-o", str(work / "bw.json"), checkout=before)
    pandoc, bib2xml = find_pandoc(), shutil.which("bib2xml")
    if pandoc:
        runs["pandoc"] = lambda: peer([pandoc, "-f", "bibtex", "-t", "csljson", str(bib),
                                       "-o", str(work / "p.json")])
    if bib2xml:
        runs["bib2xml"] = lambda: peer([bib2xml, str(bib)])
    return runs


def peers(args, work: Path) -> None:
    bib = generate(args.size, work / f"g{args.size}.bib")
    commands = _peer_commands(args, work, bib)
    taken: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(args.runs):  # round by round: each command sees the same load
        for name, run in commands.items():
            taken[name].append(run())
    rows = {name: _median(runs) for name, runs in taken.items()}
    for name, got in rows.items():
        print(_row(f"{name} (median of {args.runs})", args.size, got, None, None), flush=True)
    pairs = [(ours, other) for ours in ("bibconv --stream", "bibconv", "before --stream",
                                        "before") for other in ("pandoc", "bib2xml")]
    pairs += [("bibconv --stream", "before --stream"), ("bibconv", "before")]
    for ours, other in pairs:
        if ours in rows and other in rows:
            print(f"{ours} / {other} at {args.size:,}: cpu x"
                  f"{rows[ours]['cpu_seconds'] / rows[other]['cpu_seconds']:.2f} (time x"
                  f"{rows[ours]['seconds'] / rows[other]['seconds']:.2f}), peak x"
                  f"{rows[ours]['peak_kb'] / rows[other]['peak_kb']:.2f}")
    if args.large:
        _large(args, work, rows)


def _large(args, work: Path, small: dict) -> None:
    """--stream's peak at args.large against args.size, this checkout's and
    (with --before) the other's, in turn round by round."""
    n = args.large
    bib = generate(n, work / f"g{n}.bib")
    runs = {"bibconv --stream": lambda: bibconv(
        "convert", str(bib), "-t", "csljson", "--stream", "-o", str(work / "L.json"))}
    if args.before:
        runs["before --stream"] = lambda: bibconv(
            "convert", str(bib), "-t", "csljson", "--stream", "-o", str(work / "bL.json"),
            checkout=Path(args.before))
    taken: dict[str, list[dict]] = {name: [] for name in runs}
    for _ in range(args.large_runs):
        for name, run in runs.items():
            taken[name].append(run())
    for name, got in ((name, _median(runs)) for name, runs in taken.items()):
        print(_row(f"{name} (median of {args.large_runs})", n, got, None, None), flush=True)
        print(f"{name} peak at {n:,} / at {args.size:,}: x"
              f"{got['peak_kb'] / small[name]['peak_kb']:.2f}   cpu x"
              f"{got['cpu_seconds'] / small[name]['cpu_seconds'] / (n / args.size):.2f}"
              " of linear")


def parallel(args, work: Path) -> None:
    source = generate(args.size, work / f"g{args.size}.jsonl")
    folder = work / "shards"
    if not folder.exists():
        folder.mkdir()
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
        step = -(-len(lines) // args.shards)
        for index in range(args.shards):
            (folder / f"part-{index}.jsonl").write_text(
                "".join(lines[index * step:(index + 1) * step]), encoding="utf-8")
    pattern = str(folder / "part-*.jsonl")
    runs = {"--stream": ["--stream"], "--jobs 2": ["--jobs", "2"]}
    try:
        from distributed import LocalCluster
    except ImportError:
        cluster = None
    else:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
    try:
        if cluster:
            runs["LocalCluster(2)"] = ["--scheduler", cluster.scheduler_address]
        base = None
        for name, flags in runs.items():
            for command in ("convert", "validate"):
                extra = (["-t", "bibtex", "-o", str(work / f"out-{len(flags)}") + "/"]
                         if command == "convert" else ["-o", str(work / "report.txt")])
                got = bibconv(command, pattern, *flags, *extra)
                print(_row(f"{command} {name}", args.size, got, None, None)
                      + (f"   wall x{got['seconds'] / base[command]['seconds']:.2f} of --stream"
                         if base and command in base else ""), flush=True)
                if name == "--stream":
                    base = (base or {}) | {command: got}
    finally:
        if cluster:
            cluster.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["memory", "peers", "parallel"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--command", choices=["convert", "validate"], default="convert")
    parser.add_argument("--size", type=int, default=None)
    parser.add_argument("--large", type=int, default=50_000, help="peers: --stream's peak "
                        "here against --size (0: not run)")
    parser.add_argument("--runs", type=int, default=1, help="peers: rounds, medians taken")
    parser.add_argument("--large-runs", type=int, default=1, help="peers: rounds at --large")
    parser.add_argument("--before", default=None, help="peers: another checkout of bibconv "
                        "timed beside (git archive REV | tar -x -C DIR)")
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--bytecode", action="store_true", help="bibconv's modules compiled "
                        "once beforehand, as installed (see compiled())")
    parser.add_argument("--work", default=None, help="folder for the generated files "
                        "(kept between runs; default: a temporary folder)")
    args = parser.parse_args()
    args.size = args.size or (10_000 if args.what == "peers" else 100_000)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="bibconv-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.bytecode:
        compiled(work, HERE.parent, *([Path(args.before)] if args.before else []))
    {"memory": memory, "peers": peers, "parallel": parallel}[args.what](args, work)


if __name__ == "__main__":
    main()
