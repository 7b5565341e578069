"""The round-trip harness (issue 11): every real file in the corpora, through
every writer and back (A -> B -> A), each field compared, each change
classified.

    python benchmarks/roundtrip.py [--sample N] [--jobs 2] [--corpora DIR]
                                   [--details PAIR] [--json OUT]

For a file of format A, its records R0 are written as B and read back (R1),
then R1 is written as A and read back (R2), all through the public API
(converters.read / converters.write).  Every field of R0 is compared with the
same field of R2 and a difference is

* **normalised** when the two values agree after the documented
  normalisations below (``NORMALISATIONS``, also listed in the README);
* **reported** when a diagnostic of one of the four steps (writer B,
  reader B, writer A, reader A) names that record (by id or by line) and
  that field (by JSON pointer or by name in its message);
* **silent** otherwise: *vanished* when the field (or the whole record) is
  gone, *changed* when its value differs or a field appeared.

The table is format pair x {records, silent vanished, silent changed,
reported, normalised}.  ``--sample N`` takes N records evenly spread over
each file (what tests/test_roundtrip_corpus.py runs in CI); without it every
record of every file goes through.  Deterministic: files and writers in
sorted order, samples at fixed positions, no randomness.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import converters  # noqa: E402
from converters.model import Record  # noqa: E402

WRITERS = ("bibtex", "biblatex", "csljson", "jats", "jats-article", "listing")
# The reader for what a writer wrote.
READER_OF = {"biblatex": "bibtex"}
COLUMNS = ("records", "silent vanished", "silent changed", "reported", "normalised")
# The sample tests/test_roundtrip_corpus.py runs, and its floors are for.
FLOOR_SAMPLE = 8


def sources(corpora: Path, seed: Path | None) -> list[tuple[str, Path]]:
    """(format, path) of every real file: the seed page, every .bib, every
    CSL-JSON file, every JATS article (read as references and as an
    article)."""
    found: list[tuple[str, Path]] = []
    if seed is not None and seed.exists():
        found.append(("listing", seed))
    found += [("bibtex", p) for p in sorted((corpora / "bibtex").glob("*.bib"))]
    found += [("csljson", p) for p in sorted((corpora / "csl-json").rglob("*.json"))]
    articles = sorted(p for p in (corpora / "jats-articles").rglob("*")
                      if p.suffix in (".xml", ".nxml"))
    found += [("jats", p) for p in articles]
    found += [("jats-article", p) for p in articles]
    return found


# -- normalisations: data, each a name, what it means, and a function -------

def _nfc(value):
    return unicodedata.normalize("NFC", value)


def _space(value):
    return " ".join(value.split())


def _quotes(value):
    return value.replace("\u2019", "'").replace("\u2018", "'").replace(
        "\u201c", '"').replace("\u201d", '"')


def _dashes(value):
    value = value.replace("---", "\u2014").replace("--", "\u2013")
    return value


_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)

NORMALISATIONS = [
    ("unicode-nfc", "text is compared in Unicode NFC (a LaTeX accent and the "
                    "precomposed letter are the same)", ("text",), _nfc),
    ("white-space", "runs of white space count as one space; space at either end is "
                    "ignored", ("text",), _space),
    ("quote-forms", "straight and typographic quotes and apostrophes are the same "
                    "(LaTeX prints ' as \u2019)", ("text",), _quotes),
    ("dash-forms", "TeX's -- and --- are the en and em dash", ("text",), _dashes),
    ("page-dashes", "a page range's hyphen, en dash and -- are the same",
     ("page",), lambda v: re.sub(r"\s*(?:--|\u2013|\u2014|-)\s*", "-", v)),
    ("doi-prefix", "a DOI is compared without https://doi.org/ or doi: and in lower "
                   "case", ("DOI",), lambda v: _DOI.sub("", v).strip().lower()),
    ("numbers-as-text", "a number and its digits are the same (volume 27 = \"27\"; date "
                        "parts as numbers)", ("number",), None),
    ("empty-is-absent", "an empty value (\"\", [], {}) is the same as no field",
     ("empty",), None),
    ("bibtex-source-cache", "custom.bibtex.source, the original BibTeX spelling of fields "
                            "CSL also holds, is a cache for writing BibTeX again: the CSL "
                            "fields are compared, not the cache; a custom.bibtex.type the "
                            "BibTeX reader adds (the entry type it read) is no change",
     ("cache",), None),
]


def _norm_text(field: str, text: str) -> str:
    for _, _, scope, function in NORMALISATIONS:
        if function is None:
            continue
        if "text" in scope or field in scope:
            text = function(text)
    return text


def normalise(field: str, value):
    """The value with every documented normalisation applied."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str) and value.strip().isdigit():
        return str(int(value))  # numbers-as-text: "07" is the month 7
    if isinstance(value, str):
        text = _norm_text(field, value)
        return text if text else None
    if isinstance(value, list):
        items = [normalise(field, v) for v in value]
        return items or None
    if isinstance(value, dict):
        out = {k: normalise(field, v) for k, v in value.items()}
        out = {k: v for k, v in out.items() if v is not None}
        return out or None
    return value


# Keys under custom that only group others: their members are compared
# one by one, and a diagnostic naming the group alone names none of them.
_GROUPS = {"custom", "bibtex", "fields", "source"}


def _fields(data: dict) -> dict:
    """A record's fields as compared: every variable but the id, and each
    fact in custom on its own (custom.bibtex.fields.ids, ...)."""
    out = {k: v for k, v in data.items() if k not in ("id", "custom")}

    def flatten(prefix: str, value, depth: int):
        if isinstance(value, dict) and value and depth < 3 and (
                depth == 0 or prefix.rsplit(".", 1)[-1] in _GROUPS):
            for key, inner in value.items():
                flatten(f"{prefix}.{key}", inner, depth + 1)
        else:
            out[prefix] = value

    if "custom" in data:
        flatten("custom", data["custom"], 0)
    return out


def _is_cache(field: str, old) -> bool:
    """custom.bibtex.source: the original spelling of fields CSL holds too,
    kept so that BibTeX comes back byte for byte while the CSL values still
    match it (the CSL fields themselves are compared); and custom.bibtex.type
    where it was not before: the BibTeX reader noting the entry type it read."""
    return field == "custom.bibtex.source" or field.startswith("custom.bibtex.source.") \
        or (field == "custom.bibtex.type" and old is None)


# -- one stage: write, read back, and whose diagnostics name what -----------

class Stage:
    """Records read back after one write, and which (input record, field)
    pairs the diagnostics of the write and of the read name."""

    def __init__(self, records_in: list[Record], fmt: str):
        self.error = None
        self.records: list[Record] = []
        self.match: dict[int, int] = {}
        # index into records_in -> the words diagnostics name it with (None:
        # the record itself)
        self.reported: dict[int, set] = defaultdict(set)
        try:
            written = converters.write(records_in, fmt)
        except Exception as exc:  # a writer bug: nothing written, nothing said
            self.error = f"{fmt} writer raised {type(exc).__name__}: {exc}"[:200]
            return
        in_index = _index(records_in)
        for d in written.diagnostics:
            if d.record in in_index:
                self.reported[in_index[d.record]] |= _named_fields(d)
        reader = READER_OF.get(fmt, fmt)
        texts = list(written.files.values()) if written.files else [written.text]
        read_back = []  # (index of a read-back record, names) per diagnostic
        for text in texts:
            try:
                got = converters.read(text, reader)
            except Exception as exc:
                self.error = f"{reader} reader raised {type(exc).__name__}: {exc}"[:200]
                continue
            first = len(self.records)
            self.records.extend(got.records)
            ids = _index(got.records)
            for d in got.diagnostics:
                at = ids.get(d.record) if d.record is not None else None
                if at is None:
                    at = _by_line(got.records, d.location.line)
                if at is None and len(texts) > 1:
                    at = 0 if got.records else None  # one record a file
                if at is not None:
                    read_back.append((first + at, _named_fields(d)))
        self.match = _match(records_in, self.records)
        back = {out: into for into, out in self.match.items()}
        for index_out, names in read_back:
            if index_out in back:
                self.reported[back[index_out]] |= names


def _index(records: list[Record]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, r in enumerate(records):
        out.setdefault(r.id, i)
    return out


def _by_line(records: list[Record], line: int | None) -> int | None:
    if line is None:
        return None
    for i, r in enumerate(records):
        first, last = r.origin.line, r.origin.end_line or r.origin.line
        if first is not None and first <= line <= (last or first):
            return i
    return None


_QUOTED = re.compile(r"'([^'\s]{1,40})'")


def _named_fields(d) -> set[str | None]:
    """What a diagnostic names: the record itself (None) and every word of
    its pointer or quoted in its message."""
    names: set[str | None] = {None}
    if d.location.pointer:
        names.update(p for p in d.location.pointer.split("/") if p)
    names.update(_QUOTED.findall(d.message))
    return names


def _names(names: set, field: str) -> bool:
    """Whether a diagnostic's words name ``field`` (custom.bibtex.fields.ids
    is named by 'ids'; a group such as 'custom' names nothing by itself)."""
    parts = field.split(".")
    if len(parts) == 1:
        return field in names  # a variable of its own ("source" too)
    return any(p in names for p in parts if p not in _GROUPS)


def _match(before: list[Record], after: list[Record]) -> dict[int, int]:
    """Input record index -> read-back index: by id, else by position when
    the counts agree (a writer may clean an id)."""
    if len(before) == len(after):
        return {i: i for i in range(len(before))}
    ids = _index(after)
    out = {}
    for i, r in enumerate(before):
        if r.id in ids:
            out[i] = ids[r.id]
    return out


# -- one pair: A -> B -> A ------------------------------------------------------

def round_trip(records: list[Record], a: str, b: str) -> dict:
    """Counts and the silent differences for R0 (read as ``a``) through ``b``
    and back to ``a``."""
    first = Stage(records, b)
    second = Stage(first.records, a) if not first.error else None
    counts = Counter(records=len(records))
    silent: list[tuple[str, str, str, object, object]] = []
    errors = [s.error for s in (first, second) if s is not None and s.error]

    def reported(i: int, field: str | None) -> bool:
        j = first.match.get(i)
        words = first.reported.get(i, set())
        if second is not None and j is not None:
            words = words | second.reported.get(j, set())
        return None in words if field is None else _names(words, field)

    for i, record in enumerate(records):
        j = first.match.get(i)
        k = second.match.get(j) if (second is not None and j is not None) else None
        if k is None:
            if reported(i, None):
                counts["reported"] += 1
            else:
                counts["silent vanished"] += 1
                silent.append((record.id, "(record)", "vanished", None, None))
            continue
        before, after = _fields(record.data), _fields(second.records[k].data)
        for field in sorted(set(before) | set(after)):
            old, new = before.get(field), after.get(field)
            if old == new:
                continue
            if _is_cache(field, old) or normalise(field, old) == normalise(field, new):
                counts["normalised"] += 1
            elif reported(i, field):
                counts["reported"] += 1
            elif normalise(field, new) is None:
                counts["silent vanished"] += 1
                silent.append((record.id, field, "vanished", old, new))
            else:
                counts["silent changed"] += 1
                silent.append((record.id, field, "changed", old, new))
    return {"counts": counts, "silent": silent, "errors": errors}


def sample(records: list, n: int | None) -> list:
    """``n`` records at fixed, evenly spread positions (all when n is None)."""
    if n is None or len(records) <= n:
        return records
    step = len(records) / n
    return [records[int(i * step)] for i in range(n)]


def run_file(job) -> tuple[str, str, list[tuple[str, dict]]]:
    fmt, path, writers, n = job
    got = converters.read(str(path), fmt)
    records = sample(got.records, n)
    out = []
    for writer in writers:
        out.append((writer, round_trip(records, fmt, writer)))
    return fmt, str(path), out


def run(corpora: Path, seed: Path | None, n: int | None = None, jobs: int = 1,
        writers=WRITERS) -> dict:
    """Every file through every writer: {(A, B): {"counts", "silent", "errors"}}."""
    todo = []
    for fmt, path in sources(corpora, seed):
        # A big file's writers are split in two jobs, so two cores share it.
        size = path.stat().st_size
        groups = [writers[:3], writers[3:]] if size > 500_000 and jobs > 1 else [writers]
        todo += [(fmt, path, tuple(group), n) for group in groups]
    todo.sort(key=lambda job: -job[1].stat().st_size)  # biggest first
    if jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            done = list(pool.imap_unordered(run_file, todo))
    else:
        done = [run_file(job) for job in todo]
    table: dict = {}
    for fmt, path, results in sorted(done, key=lambda d: (d[0], d[1])):
        for writer, result in results:
            cell = table.setdefault((fmt, writer), {"counts": Counter(), "silent": [],
                                                    "errors": []})
            cell["counts"].update(result["counts"])
            cell["silent"] += [(path, *s) for s in result["silent"]]
            cell["errors"] += [f"{path}: {e}" for e in result["errors"]]
    return table


def pair_name(a: str, b: str) -> str:
    return f"{a} -> {b} -> {a}"


def format_table(table: dict) -> str:
    width = max(len(pair_name(a, b)) for a, b in table) + 2
    lines = [f"{'pair':<{width}}" + "".join(f"{c:>17}" for c in COLUMNS)]
    total = Counter()
    for (a, b) in sorted(table):
        counts = table[(a, b)]["counts"]
        total.update(counts)
        lines.append(f"{pair_name(a, b):<{width}}"
                     + "".join(f"{counts.get(c, 0):>17,}" for c in COLUMNS))
    lines.append(f"{'all pairs':<{width}}" + "".join(f"{total.get(c, 0):>17,}"
                                                    for c in COLUMNS))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path,
                        default=Path(os.environ.get("BIBCONV_CORPORA",
                                                    ROOT.parent / "shared" / "corpora")))
    parser.add_argument("--sample", type=int, default=None,
                        help="records per file (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--details", action="append", default=[],
                        help="print the silent differences of a pair, e.g. 'bibtex,jats'")
    parser.add_argument("--json", type=Path, help="write the table and differences here")
    parser.add_argument("--write-floors", type=Path,
                        help="write each pair's silent counts here as the test's floors "
                             f"(with --sample {FLOOR_SAMPLE}; only ever to lower them)")
    args = parser.parse_args()
    started = time.perf_counter()
    table = run(args.corpora, ROOT / "fixtures" / "publications.txt", args.sample, args.jobs)
    elapsed = time.perf_counter() - started
    print(format_table(table))
    print(f"\n{len(table)} pairs in {elapsed:.0f} s"
          + (f", {args.sample} records a file" if args.sample else ", every record"))
    for (a, b), cell in sorted(table.items()):
        for error in cell["errors"][:3]:
            print(f"CRASH {pair_name(a, b)}: {error}")
    for wanted in args.details:
        a, b = wanted.split(",")
        by_field = Counter((s[2], s[3]) for s in table.get((a, b), {"silent": []})["silent"])
        print(f"\nsilent differences of {pair_name(a, b)} by field:")
        for (field, kind), count in by_field.most_common(30):
            print(f"  {count:>6} {kind:<9} {field}")
        for s in table[(a, b)]["silent"][:15]:
            print(f"  {Path(s[0]).name} [{s[1]}] {s[2]} {s[3]}: {s[4]!r:.80} -> {s[5]!r:.80}")
    if args.write_floors:
        if args.sample != FLOOR_SAMPLE:
            parser.error(f"floors are for --sample {FLOOR_SAMPLE}")
        args.write_floors.write_text(json.dumps(
            {pair_name(a, b): {c: c_["counts"].get(c, 0)
                               for c in ("silent vanished", "silent changed")}
             for (a, b), c_ in sorted(table.items())}, indent=1) + "\n")
    if args.json:
        args.json.write_text(json.dumps(
            {pair_name(a, b): {"counts": dict(c["counts"]), "errors": c["errors"],
                               "silent": [list(map(str, s)) for s in c["silent"]]}
             for (a, b), c in sorted(table.items())}, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
