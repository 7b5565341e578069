"""JATS read in streams (issue 14): peak memory of ``bibconv convert`` on a
reference list of 1k and 10k <ref>s and on a <pmc-articleset> of 1k and
10k articles, streamed (--stream) and read whole, each peak read by the
measured process itself (VmHWM, scale_child.py).

The inputs are built in a temporary folder from the corpora's real JATS
articles (shared/corpora/jats-articles), cycled: the refs with fresh ids;
the articles as PMC's OAI service gives them with metadataPrefix=pmc_fm,
front matter only (full articles are 150 kB each: 10k of them would be
1.5 GB and take longer than a benchmark may).

    python benchmarks/jats_stream_bench.py [--sizes 1000 5000 10000] [--kind refs articles]

The machine is shared: read the ratios of one run, not absolute times.
Nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHILD = [sys.executable, str(HERE / "scale_child.py")]
CORPORA = Path(os.environ.get("BIBCONV_CORPORA", HERE.parent.parent / "shared" / "corpora"))
_PROLOG = re.compile(r"\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>)", re.S)
REF = re.compile(r"<ref[\s>].*?</ref>", re.S)
_FRONT = re.compile(r"<article[\s>].*?</front>", re.S)
NAMESPACES = ('xmlns:xlink="http://www.w3.org/1999/xlink" '
              'xmlns:mml="http://www.w3.org/1998/Math/MathML"')


def article_texts(folder: Path) -> list[str]:
    """The real articles under ``folder`` without their prologs (XML
    declaration, comments, DOCTYPE), ready to stand inside a larger file
    (tests/test_jats_stream.py builds its files from them too)."""
    texts = []
    for path in sorted(folder.rglob("*.*ml")):
        text = path.read_text(encoding="utf-8").lstrip("\ufeff")
        while (prolog := _PROLOG.match(text)) is not None:
            text = text[prolog.end():]
        texts.append(text.strip())
    return texts


def reflist(n: int, path: Path) -> Path:
    refs = [ref for text in article_texts(CORPORA / "jats-articles") for ref in REF.findall(text)]
    with path.open("w", encoding="utf-8") as out:
        out.write(f'<?xml version="1.0"?>\n<article {NAMESPACES}><back><ref-list>\n')
        for number in range(n):
            ref = re.sub(r'^<ref(\s+id="[^"]*")?', f'<ref id="r{number}"', refs[number % len(refs)])
            out.write(ref + "\n")
        out.write("</ref-list></back></article>\n")
    return path


def articleset(n: int, path: Path) -> Path:
    fronts = [found.group(0) + "</article>" for text in article_texts(CORPORA / "jats-articles")
              if (found := _FRONT.search(text))]
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0"?>\n<pmc-articleset>\n')
        for number in range(n):
            out.write(fronts[number % len(fronts)] + "\n")
        out.write("</pmc-articleset>\n")
    return path


def measure(path: Path, fmt: str, streamed: bool, folder: Path) -> dict:
    out = folder / "out.json"
    args = ["convert", str(path), "-f", fmt, "-t", "csljson", "-o", str(out), "-q"]
    run = subprocess.run(CHILD + args + (["--stream"] if streamed else []),
                         capture_output=True, text=True, cwd=HERE.parent)
    got = json.loads(run.stderr.strip().splitlines()[-1])
    got["records"] = len(json.loads(out.read_text(encoding="utf-8"))) if out.exists() else 0
    out.unlink(missing_ok=True)
    return got


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--kind", nargs="+", default=["refs", "articles"],
                        choices=["refs", "articles"])
    args = parser.parse_args()
    if not (CORPORA / "jats-articles").is_dir():
        print(f"corpora not found at {CORPORA}", file=sys.stderr)
        return 2
    build = {"refs": (reflist, "jats"), "articles": (articleset, "jats-article")}
    rows = []
    with tempfile.TemporaryDirectory(prefix="jats-bench-") as tmp:
        folder = Path(tmp)
        for kind in args.kind:
            make, fmt = build[kind]
            for size in args.sizes:
                path = make(size, folder / f"{kind}-{size}.xml")
                mb = path.stat().st_size / 2**20
                for streamed in (True, False):
                    got = measure(path, fmt, streamed, folder)
                    rows.append((kind, size, mb, "stream" if streamed else "whole", got))
                    print(f"{kind:8} {size:>6} {mb:7.1f} MB  {rows[-1][3]:6}  "
                          f"peak {got['peak_kb'] / 1024:7.1f} MB  {got['seconds']:6.1f} s "
                          f"(cpu {got['cpu_seconds']:.1f} s)  records {got['records']}  "
                          f"exit {got['exit']}", flush=True)
                path.unlink()
    small, large = min(args.sizes), max(args.sizes)
    for kind in args.kind:
        for how in ("stream", "whole"):
            peaks = {size: got["peak_kb"] for k, size, _, h, got in rows if (k, h) == (kind, how)}
            if small in peaks and large in peaks and small != large:
                print(f"{kind} {how}: peak {large} / {small} = {peaks[large] / peaks[small]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
