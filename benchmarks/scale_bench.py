"""Scale figures (issue 14): time, records/s per core and peak memory of
bibconv on generated records (scale_generate.py: the corpora's records as
templates), each measured inside the measured process (scale_child.py).

    python benchmarks/scale_bench.py memory [--sizes 10000 100000] [--command convert]
        JSON Lines -> BibTeX (convert --stream) or validate --stream, per size:
        peak and time against the smallest size (flat memory, linear time)
    python benchmarks/scale_bench.py peers [--size 10000] [--large 50000]
        BibTeX -> CSL-JSON beside pandoc 3.x and bibutils' bib2xml (each peer's
        peak from the kernel's account of that one process, os.wait4)
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHILD = [sys.executable, str(HERE / "scale_child.py")]
sys.path.insert(0, str(HERE))


def generate(n: int, path: Path) -> Path:
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "scale_generate.py"), str(n), str(path)],
                       check=True)
    return path


def bibconv(*args: str) -> dict:
    """One bibconv run in its own process: its report of itself."""
    done = subprocess.run(CHILD + list(args) + ["-q"], capture_output=True, text=True,
                          cwd=HERE.parent)
    return json.loads(done.stderr.strip().splitlines()[-1])


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


def peers(args, work: Path) -> None:
    from bibtex_vs_pandoc import find_pandoc

    rows = {}
    for n in (args.size, args.large):
        bib = generate(n, work / f"g{n}.bib")
        rows[("bibconv --stream", n)] = bibconv("convert", str(bib), "-t", "csljson",
                                                "--stream", "-o", str(work / f"s{n}.json"))
        rows[("bibconv", n)] = bibconv("convert", str(bib), "-t", "csljson",
                                       "-o", str(work / f"w{n}.json"))
        if n == args.size:
            pandoc = find_pandoc()
            if pandoc:
                rows[("pandoc", n)] = peer([pandoc, "-f", "bibtex", "-t", "csljson", str(bib),
                                            "-o", str(work / "p.json")])
            bib2xml = shutil.which("bib2xml")
            if bib2xml:
                rows[("bib2xml", n)] = peer([bib2xml, str(bib)])
    for (name, n), got in rows.items():
        print(_row(name, n, got, None, None), flush=True)
    ours = rows[("bibconv --stream", args.size)]
    for name in ("pandoc", "bib2xml"):
        other = rows.get((name, args.size))
        if other is None:
            print(f"{name}: not installed, no comparison")
            continue
        print(f"bibconv --stream / {name} at {args.size:,}: time x"
              f"{ours['seconds'] / other['seconds']:.2f}, peak x"
              f"{ours['peak_kb'] / other['peak_kb']:.2f}")
    large = rows[("bibconv --stream", args.large)]
    print(f"bibconv --stream peak at {args.large:,} / at {args.size:,}: x"
          f"{large['peak_kb'] / ours['peak_kb']:.2f} (whole-file reader: x"
          f"{rows[('bibconv', args.large)]['peak_kb'] / rows[('bibconv', args.size)]['peak_kb']:.2f})")


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
        LocalCluster = None
    cluster = (LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                            host="127.0.0.1", dashboard_address=None) if LocalCluster else None)
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
    parser.add_argument("--large", type=int, default=50_000)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--work", default=None, help="folder for the generated files "
                        "(kept between runs; default: a temporary folder)")
    args = parser.parse_args()
    args.size = args.size or (10_000 if args.what == "peers" else 100_000)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="bibconv-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    {"memory": memory, "peers": peers, "parallel": parallel}[args.what](args, work)


if __name__ == "__main__":
    main()
