"""CSL-JSON -> JATS ref-list -> CSL-JSON over real records: every field
compared, each change classified as reported (a diagnostic names the record
and the field), a documented normalisation, or silent.  Also counts the
entity references of the corpus articles that are read as their characters,
and how many eLife abstracts `bibconv validate` calls truncated.

    python benchmarks/jats_roundtrip.py [--corpora ../shared/corpora] [-v]

Sources: every <ref> of the 38 JATS corpus articles (read by the jats
reader, passed through CSL-JSON text), and biblatex-examples.bib read by the
BibTeX reader.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import converters
from converters.model import Record
from converters.vocabulary import strip_doi_prefix

ROOT = Path(__file__).resolve().parent.parent


def _date(value):
    """Date parts as numbers, zero parts ("not known") left out, a season
    given as a month (13-16, citeproc-js's 21-24) as the date's season,
    circa as true or false."""
    if not isinstance(value, dict):
        return value
    value = dict(value)
    if "circa" in value:
        value["circa"] = bool(value["circa"])
    if "date-parts" in value:
        parts = []
        for part in value["date-parts"]:
            numbers = [int(p) for p in part]
            while numbers and numbers[-1] == 0:
                numbers.pop()
            if len(numbers) > 1 and (13 <= numbers[1] <= 16 or 21 <= numbers[1] <= 24):
                value.setdefault("season", numbers[1] - (12 if numbers[1] <= 16 else 20))
                numbers = numbers[:1]
            parts.append(numbers)
        value["date-parts"] = parts
    return value


def normalise(variable: str, value):
    """The documented normalisations a round trip may make (README): dates
    as _date says, names as _name says, numbers as strings, a page range's
    dash ("--", "–") written as a hyphen, a DOI without its usual prefix,
    layout whitespace collapsed."""
    if variable in ("issued", "accessed", "original-date", "event-date", "submitted"):
        return _date(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        value = " ".join(value.split())
        if variable == "DOI":  # a DOI's usual prefix ("https://doi.org/", "doi:")
            value = strip_doi_prefix(value)
        if variable == "page":
            value = re.sub(r"\s*(?:--|–|-)\s*", "-", value)
        return value
    if isinstance(value, list) and value and all(isinstance(n, dict) for n in value):
        return [_name(n) for n in value]
    return value


def _name(name: dict) -> dict:
    """A particle at the head of a family name is CSL's non-dropping
    particle (citeproc-js reads "van Dam" so too); "Others" is the et-al
    marker, however cased."""
    name = dict(name)
    if name.get("literal", "").lower() in ("others", "et al.", "et al"):
        return {"literal": "others"}
    words = str(name.get("family", "")).split()
    if "non-dropping-particle" not in name and len(words) > 1:
        particles = []
        while len(words) > 1 and next((c for c in words[0] if c.isalpha()), "A").islower():
            particles.append(words.pop(0))
        if particles:
            name["family"] = " ".join(words)
            name["non-dropping-particle"] = " ".join(particles)
    return name


def flatten(data: dict) -> dict:
    """Top-level variables, and custom's keys as custom.KEY."""
    out = {}
    for key, value in data.items():
        if key == "custom" and isinstance(value, dict):
            for sub, sub_value in value.items():
                out[f"custom.{sub}"] = sub_value
        else:
            out[key] = value
    return out


def compare(before: dict, after: dict, reported: set[str]):
    """Yield (field, kind) for each field that vanished or changed; kind is
    'reported' or 'silent'."""
    # an empty value ("", [], {}) says nothing: not writing it is no loss
    a = {k: v for k, v in flatten(before).items() if v not in ("", [], {}, None)}
    b = {k: v for k, v in flatten(after).items() if v not in ("", [], {}, None)}
    for field in sorted(a):
        if field == "id":
            continue
        if field not in b:
            kind = "vanished"
        elif normalise(field, a[field]) != normalise(field, b[field]):
            kind = "changed"
        else:
            continue
        top = field.split(".", 1)[0]
        said = field in reported or top in reported
        yield field, kind, "reported" if said else "silent"


def round_trip(records: list[Record], label: str, verbose: bool, fmt: str = "jats") -> Counter:
    # through CSL-JSON text, as a user's file would be
    text = converters.write(records, "csljson").text
    records = converters.read(text, "csljson").records
    written = converters.write(records, fmt)
    reported: dict[str, set[str]] = {}
    for d in written.diagnostics:
        if d.record and d.location.pointer:
            path = d.location.pointer.strip("/").split("/")
            field = ".".join(path[:2]) if path[0] == "custom" and len(path) > 1 else path[0]
            reported.setdefault(d.record, set()).add(field)
    if fmt == "jats-article":
        back = [r for text in written.files.values()
                for r in converters.read(text, "jats-article").records]
    else:
        back = converters.read(written.text, fmt).records
    tally: Counter = Counter()
    # the writer keeps the order; ids may be cleaned for XML (reported)
    if len(back) != len(records):
        tally["records-lost"] += len(records) - len(back)
        return tally
    for before, after in zip(records, back, strict=False):
        for field, kind, how in compare(before.data, after.data, reported.get(before.id or "", set())):
            tally[f"{how} {kind}"] += 1
            tally[f"{how} {kind}: {field}"] += 1
            if verbose and how == "silent":
                print(f"  {label} [{before.id}] {field} {kind}: "
                      f"{json.dumps(before.data.get(field.split('.')[0]), ensure_ascii=False)[:120]}"
                      f" -> {json.dumps(after.data.get(field.split('.')[0]), ensure_ascii=False)[:120]}")
    tally["records"] += len(records)
    return tally


def articles(corpora: Path) -> list[Path]:
    return sorted(p for p in (corpora / "jats-articles").rglob("*") if p.suffix in (".xml", ".nxml"))


def entity_count(paths) -> tuple[int, int]:
    """(entity references in the files, those still unexpanded in the parsed tree)."""
    from lxml import etree

    from converters.xmlsafe import parse

    total = left = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        total += len(re.findall(r"&(?!(?:amp|lt|gt|quot|apos|#)\b|#)[A-Za-z][\w.]*;", text))
        root, _ = parse(text, str(path))
        if root is not None:
            left += sum(1 for _ in root.iter(etree.Entity))
    return total, left


def elife_truncated(corpora: Path) -> tuple[int, int]:
    paths = sorted((corpora / "jats-articles" / "elife").glob("*.xml"))
    flagged = 0
    for path in paths:
        result = converters.validate([path], select=["abstract-truncated"])
        article = result.records[0].id if result.records else None
        if any(d.code == "abstract-truncated" and d.record == article
               for d in result.diagnostics):
            flagged += 1
    return flagged, len(paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=os.environ.get(
        "BIBCONV_CORPORA", str(ROOT.parent / "shared" / "corpora")))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    corpora = Path(args.corpora)
    paths = articles(corpora)
    refs = [converters.read(path, "jats").records for path in paths]
    bib = [converters.read(corpora / "bibtex" / "biblatex-examples.bib").records]
    for label, groups in (("corpus article refs", refs), ("biblatex-examples", bib)):
        tally: Counter = Counter()
        for records in groups:  # one article at a time: ids repeat across articles
            tally += round_trip(records, label, args.verbose)
        print(f"{label}: {tally['records']} records; silent changed {tally['silent changed']}, "
              f"silent vanished {tally['silent vanished']}; reported changed "
              f"{tally['reported changed']}, reported vanished {tally['reported vanished']}; "
              f"records lost {tally['records-lost']}")
        for key, count in sorted(tally.items()):
            if key.startswith("silent ") and ":" in key:
                print(f"    {key}: {count}")
    fronts = [[converters.read(path, "jats-article").records[0] for path in paths]]
    seed = [converters.read(ROOT / "fixtures" / "publications.txt").records]
    for label, groups, fmt in (("corpus article front matter", fronts, "jats-article"),
                               ("seed", seed, "jats-article"), ("seed", seed, "jats")):
        tally = Counter()
        for records in groups:
            tally += round_trip(records, label, args.verbose, fmt)
        print(f"{label} via {fmt}: {tally['records']} records; silent changed "
              f"{tally['silent changed']}, silent vanished {tally['silent vanished']}; reported "
              f"{tally['reported changed'] + tally['reported vanished']}; records lost "
              f"{tally['records-lost']}")
        for key, count in sorted(tally.items()):
            if key.startswith("silent ") and ":" in key:
                print(f"    {key}: {count}")
    total, left = entity_count(paths)
    print(f"entity references in the {len(paths)} articles: {total}; left unexpanded: {left}")
    flagged, count = elife_truncated(corpora)
    print(f"eLife articles whose abstract validate calls truncated: {flagged} of {count}")


if __name__ == "__main__":
    main()
