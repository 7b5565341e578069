"""Round trip of every .bib in the corpora: bibtex -> CSL-JSON -> bibtex (or
biblatex) -> CSL-JSON, each CSL field of each record compared.

    python benchmarks/bibtex_roundtrip.py [--corpus DIR] [--variant bibtex|biblatex|both]
                                          [--show N] [--limit N]

A field that differs between the first and the second reading (or is gone)
is counted as

* reported: a diagnostic of the writer or of the second reading names the
  record and the field (its pointer, or the field in its message);
* normalised: a change the README documents (see ``normalised`` below);
* silent: anything else.  The aim is 0.

CSL-JSON is the pivot, so the comparison is between CSL items: what the
first reading made of the file is what the second reading must make of the
file the writer wrote.  ``custom.bibtex.source`` is the writer's memory of
the original LaTeX, not data, and is left out; ``custom.bibtex.fields``
(fields CSL has no variable for) is compared field by field.
"""
from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import converters  # noqa: E402


def flatten(data: dict) -> dict:
    """CSL item -> {field: value}, with custom facts as custom/NAME and
    unmapped BibTeX fields as custom/bibtex/fields/NAME."""
    out = {}
    for key, value in data.items():
        if key == "id":
            continue
        if key == "custom" and isinstance(value, dict):
            for name, fact in value.items():
                if name == "bibtex" and isinstance(fact, dict):
                    for field, text in (fact.get("fields") or {}).items():
                        out[f"custom/bibtex/fields/{field}"] = text
                    continue
                out[f"custom/{name}"] = fact
            continue
        out[key] = value
    return out


def normalised(field: str, before, after) -> bool:
    """Changes the README documents as normalisations, not losses."""
    return False


def reported_fields(diagnostics, key: str) -> set[str] | None:
    """Fields of record ``key`` that some diagnostic names; None: the whole
    record is named as dropped."""
    named: set[str] = set()
    for d in diagnostics:
        if d.record != key:
            continue
        pointer = d.location.pointer or ""
        if pointer:
            named.add(pointer.lstrip("/"))
            parts = pointer.lstrip("/").split("/")
            named.add(parts[0])
        if d.code in ("record-skipped",):
            return None
    return named


def compare(first: list, second: list, diagnostics) -> collections.Counter:
    counts = collections.Counter()
    examples = []
    again = {r.id: r.data for r in second}
    for record in first:
        key = record.id
        counts["records"] += 1
        before = flatten(record.data)
        if key not in again:
            named = reported_fields(diagnostics, key)
            counts["records vanished" + (" (reported)" if named is None or named else
                                         " (silent)")] += 1
            continue
        after = flatten(again[key])
        named = reported_fields(diagnostics, key) or set()
        for field in sorted(set(before) | set(after)):
            if before.get(field) == after.get(field):
                continue
            kind = "vanished" if field not in after else "appeared" if field not in before \
                else "changed"
            top = field.split("/")[0] if not field.startswith("custom/") else field
            if field in named or top in named or (
                    field.startswith("custom/") and field.rsplit("/", 1)[-1] in named):
                status = "reported"
            elif normalised(field, before.get(field), after.get(field)):
                status = "normalised"
            else:
                status = "silent"
                examples.append((key, field, before.get(field), after.get(field)))
            counts[f"{kind} {status}"] += 1
            counts[f"field:{field}:{kind}:{status}"] += 1
    counts.examples = examples  # type: ignore[attr-defined]
    return counts


def via_csljson(records):
    """Records as they come out of a CSL-JSON file."""
    text = converters.write(records, "csljson").text
    return converters.read(text, "csljson")


def run(path: Path, variant: str) -> collections.Counter:
    """bibtex -> csljson -> variant -> csljson, the CSL items compared."""
    source = converters.read(str(path), "bibtex")
    first = via_csljson(source.records)
    written = converters.write(first.records, variant, meta=source.meta)
    reread = converters.read(written.text, "bibtex")
    second = via_csljson(reread.records)
    return compare(first.records, second.records, list(written.diagnostics)
                   + list(reread.diagnostics) + list(second.diagnostics))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(HERE.parent.parent / "shared" / "corpora"
                                               / "bibtex"))
    parser.add_argument("--variant", default="both", choices=("bibtex", "biblatex", "both"))
    parser.add_argument("--show", type=int, default=10, help="silent examples to print")
    parser.add_argument("--fields", action="store_true", help="counts by field")
    args = parser.parse_args()
    files = sorted(Path(args.corpus).glob("*.bib"))
    if not files:
        sys.exit(f"no .bib files in {args.corpus}")
    variants = ("bibtex", "biblatex") if args.variant == "both" else (args.variant,)
    for variant in variants:
        total = collections.Counter()
        examples = []
        started = time.perf_counter()
        for path in files:
            counts = run(path, variant)
            silent = sum(v for k, v in counts.items() if k.endswith("silent") and
                         not k.startswith("field:"))
            print(f"  {variant:8s} {path.name:40s} {counts['records']:6d} records "
                  f"{silent:5d} silent")
            total.update(counts)
            examples += [(path.name, *e) for e in counts.examples]
        print(f"bibtex -> csljson -> {variant} -> csljson: {total['records']} records, "
              f"{time.perf_counter() - started:.1f} s")
        for kind in ("vanished", "changed", "appeared"):
            print(f"  {kind:9s} silent {total[kind + ' silent']:5d}  reported "
                  f"{total[kind + ' reported']:5d}  normalised {total[kind + ' normalised']:5d}")
        print(f"  records vanished silently: {total['records vanished (silent)']}")
        if args.fields:
            for k, v in sorted(total.items()):
                if k.startswith("field:") and k.endswith("silent"):
                    print(f"    {k[6:]:50s} {v}")
        for name, key, field, before, after in examples[:args.show]:
            print(f"    {name} [{key}] {field}: {before!r} -> {after!r}")


if __name__ == "__main__":
    main()
