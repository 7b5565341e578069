"""Where `bibconv cite` spends its time: the whole command (reading,
checking, rendering, writing) on generated entries, in one process (the
forked renderers off, so the profile sees all of it), under cProfile.

    python benchmarks/cite_profile.py [--records 1000] [--style apa] [--top 30]
                                      [--sort tottime|cumulative] [--output FILE]

``--output`` also writes the rendered text, to check a speed-up changed
nothing.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the checkout
from benchmarks import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--style", default="apa")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"))
    parser.add_argument("--output", help="write the rendered text here")
    args = parser.parse_args()
    from converters import render as render_package
    from converters.cli import main as cli_main

    render_package.PARALLEL_FROM = 0  # read by the CLI at call time: no forks
    with tempfile.TemporaryDirectory() as folder:
        items = os.path.join(folder, "items.json")
        generate.write(items, args.records)
        out = args.output or os.path.join(folder, "out.txt")
        profile = cProfile.Profile()
        started = time.process_time()
        profile.enable()
        try:
            cli_main(["cite", items, "--style", args.style, "-o", out])
        except SystemExit:
            pass
        profile.disable()
        cpu = time.process_time() - started
    stream = io.StringIO()
    pstats.Stats(profile, stream=stream).sort_stats(args.sort).print_stats(args.top)
    print(stream.getvalue())
    print(f"CPU time under the profiler: {cpu:.2f} s")


if __name__ == "__main__":
    main()
