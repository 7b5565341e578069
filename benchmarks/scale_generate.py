"""Realistic records at any size, for the scale benchmarks: the real
CSL-JSON records of ../shared/corpora/csl-json (Zotero, Better BibTeX,
manubot) are the templates; each generated record takes one template's
shape (type, which fields, names, containers) with its own id, DOI, year
and a title of the template's words reshuffled, so no two are alike by
accident.  One record in 200 repeats an earlier one (a new id, the same
DOI or the same title, authors and year) for the duplicate check to find.

    python benchmarks/scale_generate.py N OUT.jsonl    # or OUT.bib, .gz
"""
from __future__ import annotations

import copy
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpora" / "csl-json"
sys.path.insert(0, str(HERE.parent))


def templates() -> list[dict]:
    """The corpora's readable records (generate.py's synthetic ones if the
    corpora are absent)."""
    from converters import api

    found = []
    for path in sorted(CORPUS.rglob("*.json")):
        result = api.read(str(path), "csljson")
        found.extend(r.data for r in result.records if r.data.get("title"))
    if not found:
        from benchmarks.generate import records

        found = records(200)
    return found


def _vary(template: dict, index: int, rng: random.Random) -> dict:
    item = copy.deepcopy(template)
    item.pop("custom", None)
    item["id"] = f"g{index}"
    words = str(template.get("title") or "Untitled").split()
    rng.shuffle(words)
    item["title"] = " ".join(words + [f"({index})"])
    item["issued"] = {"date-parts": [[rng.randint(1900, 2026), rng.randint(1, 12)]]}
    item["DOI"] = f"10.{rng.randint(1000, 99999)}/gen.{index}"
    return item


def records(n: int, seed: int = 14):
    rng = random.Random(seed)
    shapes = templates()
    recent: list[dict] = []
    for index in range(n):
        if recent and rng.random() < 0.005:
            item = copy.deepcopy(rng.choice(recent))
            item["id"] = f"g{index}-again"
            if rng.random() < 0.5:
                item.pop("DOI", None)
        else:
            item = _vary(rng.choice(shapes), index, rng)
            recent = (recent + [item])[-1000:]
        yield item


def write(n: int, out: str) -> None:
    """JSON Lines (or, for .bib, BibTeX through bibconv's own writer), gzip
    by suffix."""
    import gzip

    target = Path(out)
    opener = gzip.open if target.suffix == ".gz" else open
    stem = target.with_suffix("") if target.suffix == ".gz" else target
    if stem.suffix == ".bib":
        from converters.model import Record
        from converters.registry import default_registry
        from converters.wellformed import check

        writer = default_registry().get("bibtex")
        with opener(target, "wt", encoding="utf-8") as handle:
            batch: list = []
            for item in records(n):
                batch.append(Record(item))
                if len(batch) == 1000:
                    handle.write(writer.write(check(batch)[0]).text + "\n")
                    batch = []
            if batch:
                handle.write(writer.write(check(batch)[0]).text)
        return
    with opener(target, "wt", encoding="utf-8") as handle:
        for item in records(n):
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many records")
    parser.add_argument("out", help="OUT.jsonl or OUT.bib, optionally .gz")
    args = parser.parse_args()
    write(args.count, args.out)
