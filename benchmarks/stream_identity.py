"""The streaming standard, checked on real files: for every input format
and every format written in streams, the whole run, ``--stream`` and
``--jobs 2`` give the same output bytes, the same findings in the same
order (stderr) and the same exit code.  Each case converts two files of one
format together (a file and the next of its list), so that the join meets
ids, @string blocks and findings of two inputs; JSON Lines inputs are also
cut into byte ranges (``--split``).

    python -m benchmarks.stream_identity [--max-size 1500000] [--jobs 2]
        [--only bibtex,ris] [--sample N]

Inputs: the corpora's .bib files (and the peer tests'), CSL-JSON, JATS
articles, and Zotero's import test cases for BibTeX, RIS and EndNote XML,
written to a temporary folder; the RIS exports and PubMed files of fixtures/.
Prints one line a differing case and the counts."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPORA = ROOT.parent / "shared" / "corpora"
TARGETS = ("csljson", "bibtex", "biblatex", "ris", "endnote-xml")
MODES = ((), ("--stream",), ("--jobs", "2"))


def _zotero(cases: str, folder: Path, suffix: str) -> list[Path]:
    path = CORPORA / "zotero-translator-tests" / cases
    if not path.exists():
        return []
    out = []
    for number, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        target = folder / f"{Path(cases).stem}-{number}{suffix}"
        target.write_text(case["input"], encoding="utf-8", newline="")
        out.append(target)
    return out


def inputs(folder: Path, max_size: int) -> dict[str, list[Path]]:
    """Files by input format (read as that format: ``--from``)."""
    found = {
        "bibtex": sorted([*CORPORA.glob("bibtex/*.bib"), *CORPORA.glob("peer-tests/**/*.bib")])
        + _zotero("BibTeX.testcases.json", folder, ".bib"),
        "csljson": sorted(CORPORA.glob("csl-json/**/*.json")),
        "jats": sorted([*CORPORA.glob("jats-articles/**/*.xml"),
                        *CORPORA.glob("jats-articles/**/*.nxml")]),
        "ris": sorted(ROOT.glob("fixtures/ris/**/*.ris"))
        + _zotero("RIS.testcases.json", folder, ".ris"),
        "endnote-xml": _zotero("Endnote-XML.testcases.json", folder, ".xml"),
        "pubmed-xml": sorted(ROOT.glob("fixtures/pubmed/**/*.xml")),
    }
    lines = folder / "jsonl"
    lines.mkdir()
    for path in found["csljson"]:  # each CSL-JSON array as JSON Lines too
        try:
            items = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if isinstance(items, list) and items:
            target = lines / (path.stem + ".jsonl")
            target.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items),
                              encoding="utf-8")
            found.setdefault("jsonl", []).append(target)
    return {fmt: [p for p in paths if p.stat().st_size <= max_size]
            for fmt, paths in found.items()}


def cases(files: dict[str, list[Path]]) -> list[tuple[str, str, tuple[str, ...], tuple]]:
    out = []
    for fmt, paths in files.items():
        reader = "csljson" if fmt == "jsonl" else fmt
        for number, path in enumerate(paths):
            pair = (str(path), str(paths[(number + 1) % len(paths)])) if len(paths) > 1 \
                else (str(path),)
            for to in TARGETS:
                extra = (("--split", "4096"),) if fmt == "jsonl" else ()
                out.append((reader, to, pair, extra))
    return out


def run(reader: str, to: str, pair: tuple[str, ...], mode: tuple) -> tuple:
    done = subprocess.run([sys.executable, "-m", "converters", "convert", *pair,
                           "--from", reader, "-t", to, *mode], capture_output=True,
                          cwd=ROOT, timeout=600)
    return done.returncode, done.stdout, done.stderr


def check(case) -> tuple[str, list[str]]:
    """(how the case ended, the modes that differ from the whole run)."""
    reader, to, pair, extra = case
    whole = run(reader, to, pair, ())
    differ = []
    for mode in [*MODES[1:], *(("--jobs", "2", *e) for e in extra)]:
        got = run(reader, to, pair, mode)
        if got != whole:
            what = [name for name, a, b in zip(("exit", "output", "findings"), whole, got,
                                               strict=True) if a != b]
            differ.append(" ".join(mode) + ": " + ",".join(what))
    return ("internal error" if b"internal error" in whole[2] else "ok"), differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-size", type=int, default=1_500_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", help="input formats, comma-separated")
    parser.add_argument("--sample", type=int, help="at most this many files a format, "
                        "drawn at random (seed 24) across its list")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stream-identity-") as folder:
        files = inputs(Path(folder), args.max_size)
        if args.only:
            files = {k: v for k, v in files.items() if k in args.only.split(",")}
        if args.sample:
            import random

            files = {k: sorted(random.Random(24).sample(v, min(args.sample, len(v))))
                     for k, v in files.items()}
        todo = cases(files)
        with ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(check, todo))
    same = 0
    for (reader, to, pair, _), (ended, differ) in zip(todo, results, strict=True):
        if differ or ended != "ok":
            print(f"{reader} -> {to} {' + '.join(Path(p).name for p in pair)}: {ended}; "
                  + "; ".join(differ))
        else:
            same += 1
    counts = {fmt: len(paths) for fmt, paths in files.items()}
    print(f"inputs: {counts}; {same} of {len(todo)} cases identical "
          f"(whole vs --stream vs --jobs 2{', and byte ranges' if 'jsonl' in files else ''})")
    return 0 if same == len(todo) else 1


if __name__ == "__main__":
    sys.exit(main())
