"""RIS -> CSL-JSON, whole process, bibconv beside citation-js
(@citation-js/plugin-ris, run by node) and beside rispy alone (the parsing
bibconv builds on, without line numbers or CSL), on a RIS file made from the
real Scopus and JabRef samples in fixtures/ris/ repeated to --records records.

    python benchmarks/ris_vs_citationjs.py [--runs 5] [--records 5000]

citation-js is looked for in $BIBCONV_NPM_PEERS or ../npm-peers (see
benchmarks/install_citationjs.sh).  Nothing is asserted: the machine is noisy.
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
ROOT = HERE.parent
PEERS = os.environ.get("BIBCONV_NPM_PEERS", str(ROOT.parent / "npm-peers"))
CITATION_JS = """
const {Cite} = require('@citation-js/core'); require('@citation-js/plugin-ris');
const fs = require('fs');
const items = new Cite(fs.readFileSync(process.argv[1], 'utf8'), {forceType: '@ris/file'}).data;
fs.writeFileSync('/dev/null', JSON.stringify(items));
"""
RISPY = "import rispy, sys; rispy.loads(open(sys.argv[1], encoding='utf-8').read())"


def sample(records: int) -> str:
    blocks = []
    for path in sorted((ROOT / "fixtures" / "ris").rglob("*.ris")):
        if "Corrupted" in path.name or "broken" in path.name or "Test1." in path.name:
            continue
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        blocks += [b.strip() + "\n" for b in text.split("\nER  -") if "TY  -" in b]
    blocks = [b if b.rstrip().endswith("ER  -") else b.rstrip() + "\nER  - \n" for b in blocks]
    return "\n".join(blocks[i % len(blocks)] for i in range(records))


def timed(command: list[str], runs: int, env=None) -> float | None:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, env=env)
        if done.returncode not in (0, 1):
            return None
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--records", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.ris"
        path.write_text(sample(args.records), encoding="utf-8")
        ours = timed([sys.executable, "-m", "converters", "convert", str(path), "-t", "csljson",
                      "-o", str(Path(folder) / "out.json")], args.runs)
        rispy = timed([sys.executable, "-c", RISPY, str(path)], args.runs)
        node = shutil.which("node")
        peer = None
        if node and os.path.isdir(os.path.join(PEERS, "node_modules", "@citation-js")):
            peer = timed([node, "-e", CITATION_JS, str(path)], args.runs,
                         env=dict(os.environ, NODE_PATH=os.path.join(PEERS, "node_modules")))
    print(f"{args.records} RIS records -> CSL-JSON, median of {args.runs} runs")
    print(f"  bibconv      {ours:.2f} s")
    print(f"  rispy alone  {rispy:.2f} s   (bibconv / rispy {ours / rispy:.1f}x)")
    if peer:
        print(f"  citation-js  {peer:.2f} s   (bibconv / citation-js {ours / peer:.2f}x)")
    else:
        print("  citation-js  not installed (sh benchmarks/install_citationjs.sh)")


if __name__ == "__main__":
    main()
