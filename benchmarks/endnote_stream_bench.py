"""EndNote XML in streams (issue 17, with issue 14's streaming): peak memory
of ``bibconv convert -f endnote-xml`` streamed (--stream) and read whole,
to EndNote XML (batches written as they come) and to CSL-JSON, on files of
N records built from real EndNote XML records (Zotero's EndNote XML import
test cases in the corpora, and JabRef's test files in fixtures/endnote/),
cycled.  Each peak is read by the measured process itself (VmHWM,
scale_child.py).

    python benchmarks/endnote_stream_bench.py [--sizes 2000 20000] [--to endnote-xml csljson]
        [--stream-only]   # large sizes: the whole read needs ~40 kB a record

The machine is shared: read the ratios of one run, not absolute times.
Nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.jats_stream_bench import CHILD, CORPORA, HERE  # the measuring child, the corpora

RECORD = re.compile(r"<record>.*?</record>", re.S)


def templates() -> list[str]:
    """The real <record>s the large files are cycled from."""
    texts = [p.read_text(encoding="utf-8")
             for p in sorted((HERE.parent / "fixtures" / "endnote").rglob("*.xml"))]
    cases = CORPORA / "zotero-translator-tests" / "Endnote-XML.testcases.json"
    if cases.is_file():
        texts += [case["input"] for case in json.loads(cases.read_text(encoding="utf-8"))]
    return [found for text in texts for found in RECORD.findall(text)]


def build(n: int, path: Path) -> Path:
    records = templates()
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<xml><records>\n')
        for number in range(n):
            out.write(records[number % len(records)] + "\n")
        out.write("</records></xml>\n")
    return path


def measure(path: Path, to: str, streamed: bool, folder: Path) -> dict:
    out = folder / ("out.xml" if to == "endnote-xml" else "out.json")
    args = ["convert", str(path), "-f", "endnote-xml", "-t", to, "-o", str(out), "-q"]
    run = subprocess.run(CHILD + args + (["--stream"] if streamed else []),
                         capture_output=True, text=True, cwd=HERE.parent)
    got = json.loads(run.stderr.strip().splitlines()[-1])
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    got["records"] = text.count("<record>") if to == "endnote-xml" else \
        len(json.loads(text)) if text else 0
    got["bytes"] = len(text.encode("utf-8"))
    out.unlink(missing_ok=True)
    return got


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--to", nargs="+", default=["endnote-xml", "csljson"],
                        choices=["endnote-xml", "csljson"])
    parser.add_argument("--stream-only", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="endnote-bench-") as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            path = build(size, folder / f"endnote-{size}.xml")
            mb = path.stat().st_size / 2**20
            for to in args.to:
                outputs = {}
                for streamed in (True,) if args.stream_only else (True, False):
                    got = measure(path, to, streamed, folder)
                    how = "stream" if streamed else "whole"
                    rows.append((to, size, how, got))
                    outputs[how] = got["bytes"]
                    print(f"{to:11} {size:>6} {mb:7.1f} MB  {how:6}  peak "
                          f"{got['peak_kb'] / 1024:7.1f} MB  {got['seconds']:6.1f} s  "
                          f"records {got['records']}  exit {got['exit']}", flush=True)
                if "whole" in outputs:
                    print(f"{'':11} {size:>6} same output size streamed and whole: "
                          f"{outputs['stream'] == outputs['whole']}", flush=True)
            path.unlink()
    small, large = min(args.sizes), max(args.sizes)
    for to in args.to:
        for how in ("stream", "whole"):
            peaks = {size: got["peak_kb"] for t, size, h, got in rows if (t, h) == (to, how)}
            if small in peaks and large in peaks and small != large:
                print(f"{to} {how}: peak {large} / {small} = {peaks[large] / peaks[small]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
