"""Run ``bibconv ARGS`` and report this process's own peak memory (VmHWM
from /proc/self/status; ru_maxrss elsewhere) and time, as one JSON line on
stderr's last line: never the runner's memory, never an inherited figure.
The largest of its worker processes (--jobs) is reported apart.

    python benchmarks/scale_child.py convert big.jsonl -t bibtex -o out.bib
"""
from __future__ import annotations

import json
import resource
import sys
import time


def peak_kb() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> int:
    from converters.cli import main as bibconv

    started = time.perf_counter()
    code = bibconv(sys.argv[1:])
    elapsed = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stdout.flush()
    print(json.dumps({"exit": code, "seconds": elapsed, "peak_kb": peak_kb(),
                      "cpu_seconds": own.ru_utime + own.ru_stime + children.ru_utime
                      + children.ru_stime, "largest_worker_kb": children.ru_maxrss}),
          file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
