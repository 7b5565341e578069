"""Plain-text JATS citations (issue 16): how many the reader splits, and how
well, on the real JATS articles of the shared corpora.

1. Every <ref> of every JATS file: the citations read from text (no tagged
   parts, or names printed as text before the tags) and how many of them get
   authors (or editors).
2. SciELO prints every reference twice, tagged (<element-citation>) and as
   text (<mixed-citation>): each part read from the text is compared with the
   tagged one; "agree" counts exact matches, "given" what the text reading
   produced, "tagged" what the tagged version has.

    python benchmarks/jats_plaintext.py [--corpora ../shared/corpora]
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from converters.formats.jats import best_citation, read_citation  # noqa: E402
from converters.xmlsafe import local, parse  # noqa: E402

FIELDS = ("author", "title", "container-title", "year", "volume", "issue", "page")


def refs(path: Path):
    root, _ = parse(path.read_text(encoding="utf-8"), str(path))
    if root is None:
        return
    for ref in root.iter():
        if local(ref.tag) == "ref":
            yield ref


def _value(data: dict, field: str):
    if field == "author":
        names = [p.get("family") or p.get("literal") for p in data.get("author") or []
                 if isinstance(p, dict)]
        return tuple(n.lower() for n in names if n) or None
    if field == "year":
        parts = (data.get("issued") or {}).get("date-parts") or [[None]]
        return parts[0][0] if parts[0] else None
    value = data.get(field)
    if field == "page" and value:
        return str(value).replace("–", "-")
    return " ".join(str(value).lower().rstrip(".").split()) if value else None


def coverage(files: list[Path]) -> Counter:
    counts: Counter = Counter()
    for path in files:
        for ref in refs(path):
            citation, _ = best_citation(ref)
            if citation is None:
                continue
            counts["refs"] += 1
            data = read_citation(citation)
            names = bool(data.get("author") or data.get("editor"))
            if (data.get("custom") or {}).get("citation-text"):
                counts["plain-text"] += 1
                counts["plain-text with names"] += names
            elif local(citation.tag) == "mixed-citation" and not any(
                    local(c.tag) in ("name", "string-name", "person-group", "collab")
                    for c in citation.iter()):
                counts["tagged, names as text"] += 1
                counts["tagged, names as text, with names"] += names
    return counts


def scielo(files: list[Path]) -> dict[str, Counter]:
    table: dict[str, Counter] = {f: Counter() for f in FIELDS}
    for path in files:
        for ref in refs(path):
            kinds = {local(c.tag): c for c in ref}
            if "mixed-citation" not in kinds or "element-citation" not in kinds:
                continue
            tagged, plain = read_citation(kinds["element-citation"]), read_citation(
                kinds["mixed-citation"])
            for field in FIELDS:
                want, got = _value(tagged, field), _value(plain, field)
                table[field]["tagged"] += want is not None
                table[field]["given"] += got is not None
                table[field]["agree"] += got is not None and got == want
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path(
        os.environ.get("BIBCONV_CORPORA", ROOT.parent / "shared" / "corpora")))
    args = parser.parse_args()
    base = args.corpora / "jats-articles"
    if not base.is_dir():
        print(f"no JATS corpus at {base}; nothing measured")
        return
    files = sorted(p for p in base.rglob("*") if p.suffix in (".xml", ".nxml"))
    for key, value in coverage(files).items():
        print(f"{key:36} {value:6}")
    print("\nSciELO mixed-citation read as text vs its element-citation:")
    print(f"{'field':16} {'tagged':>6} {'given':>6} {'agree':>6} {'precision':>9} {'recall':>6}")
    for field, c in scielo([p for p in files if "scielo" in p.parts]).items():
        precision = c["agree"] / c["given"] if c["given"] else 1.0
        recall = c["agree"] / c["tagged"] if c["tagged"] else 1.0
        print(f"{field:16} {c['tagged']:6} {c['given']:6} {c['agree']:6} {precision:9.1%} "
              f"{recall:6.1%}")


if __name__ == "__main__":
    main()
