"""The real files the precision suite runs the rules over, the truth list
people wrote for what the rules find there, and independent "oracles" that
confirm a finding from the source text itself (not from what a reader made
of it).  Shared by tests/test_validation_precision.py and
benchmarks/validate_precision.py."""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

TRUTH = Path(__file__).resolve().parent / "validation_truth" / "judged.json"

# Every rule that judges a record (reader findings are not rules).
RULES = ("title-missing", "authors-missing", "authors-incomplete", "abstract-missing",
         "abstract-truncated", "doi-invalid", "isbn-invalid", "issn-invalid", "orcid-invalid",
         "date-invalid", "pages-invalid", "duplicate-record")


def suite(corpora: Path) -> list[tuple[str, str | None]]:
    """(path relative to the corpora, reader) for every file the suite reads:
    each JATS article through both readers, every .bib, every CSL-JSON file."""
    cases: list[tuple[str, str | None]] = []
    for path in sorted((corpora / "jats-articles").rglob("*")):
        if path.is_file() and path.suffix in (".xml", ".nxml"):
            rel = path.relative_to(corpora).as_posix()
            cases += [(rel, "jats"), (rel, "jats-article")]
    for path in sorted((corpora / "bibtex").glob("*.bib")):
        cases.append((path.relative_to(corpora).as_posix(), None))
    for path in sorted((corpora / "csl-json").rglob("*.json")):
        cases.append((path.relative_to(corpora).as_posix(), None))
    return cases


@dataclass
class Finding:
    file: str
    reader: str | None
    record: str
    code: str
    message: str
    line: int | None
    verdict: str = "unexplained"  # true | false | reader | unexplained
    reason: str = ""


def run(corpora: Path) -> list[Finding]:
    import converters
    from converters.validation import validate

    found: list[Finding] = []
    for rel, reader in suite(corpora):
        result = converters.read(corpora / rel, reader)
        records = {r.id: r for r in result.records}
        for d in validate(result.records):
            if d.code in RULES:
                f = Finding(rel, reader, d.record, d.code, d.message, d.location.line)
                f.verdict, f.reason = judge(corpora, f, records.get(d.record))
                found.append(f)
    return found


# -- the hand-checked list -------------------------------------------------

@lru_cache(maxsize=None)
def truth() -> dict:
    """(file, reader, record, code) -> (verdict, reason); record "*" judges
    every finding of that code in that file and says how many there are."""
    table = {}
    for entry in json.loads(TRUTH.read_text(encoding="utf-8")):
        key = (entry["file"], entry.get("reader"), entry["record"], entry["code"])
        table[key] = entry
    return table


def judge(corpora: Path, f: Finding, record) -> tuple[str, str]:
    table = truth()
    entry = table.get((f.file, f.reader, f.record, f.code)) or \
        table.get((f.file, f.reader, "*", f.code))
    if entry:
        return entry["verdict"], entry["reason"]
    reason = ORACLES.get(f.code, lambda *a: None)(corpora, f, record)
    return ("true", reason) if reason else ("unexplained", "")


# -- the source text of a record -------------------------------------------

@lru_cache(maxsize=64)
def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


@lru_cache(maxsize=16)
def _bib_entries(path: Path) -> dict:
    """key -> raw entry text, found by its "@type{key," line (not by the
    reader's line numbers: the oracle must not lean on the reader)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    starts = [(m.start(), m.group(1)) for m in
              re.finditer(r"^[ \t]*@\w+\s*[{(]\s*([^,\s]+)\s*,", text, re.M)]
    ends = [m.start() for m in re.finditer(r"^[ \t]*@", text, re.M)] + [len(text)]
    entries = {}
    for start, key in starts:
        end = next(e for e in ends if e > start)
        entries.setdefault(key, text[start:end])
    return entries


def bib_entry(corpora: Path, f: Finding, record=None) -> str:
    return _bib_entries(corpora / f.file).get(f.record, "")


@lru_cache(maxsize=64)
def _json_items(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data if isinstance(data, list) else list(data.values()) \
        if isinstance(data, dict) and "id" not in data else [data]
    return {str(i.get("id")): i for i in items if isinstance(i, dict)}


@lru_cache(maxsize=16)
def _xml(path: Path):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True,
                             recover=True)
    return etree.parse(str(path), parser)


def jats_ref(corpora: Path, f: Finding):
    for ref in _xml(corpora / f.file).iter("{*}ref", "ref"):
        if ref.get("id") == f.record:
            return ref
    return None


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


# -- oracles: confirm a finding from the source ----------------------------

def _missing(field_pattern: str, csl_keys: tuple[str, ...], what: str):
    def oracle(corpora: Path, f: Finding, record) -> str | None:
        if f.file.endswith(".bib") and record is not None:
            entry = bib_entry(corpora, f, record)
            if re.search(r"^\s*crossref\s*=", entry, re.I | re.M):
                return None  # what it inherits needs a person's eye
            if not re.search(rf"^\s*(?:{field_pattern})\s*=\s*[{{\"]?\s*\S", entry, re.I | re.M):
                return f"the BibTeX entry has no {what} field"
        elif f.file.endswith(".json"):
            item = _json_items(corpora / f.file).get(f.record)
            if item is not None and not any(item.get(k) for k in csl_keys):
                return f"the CSL item has no {what}"
        return None
    return oracle


def _abstract_missing(corpora: Path, f: Finding, record) -> str | None:
    if f.reader == "jats":
        ref = jats_ref(corpora, f)
        if ref is not None and not ref.findall(".//{*}abstract") + ref.findall(".//abstract"):
            return "a reference in a reference list carries no abstract"
    if f.reader == "jats-article":
        tree = _xml(corpora / f.file)
        if not tree.findall(".//{*}article-meta/{*}abstract") + \
                tree.findall(".//article-meta/abstract"):
            return "the article's front matter has no <abstract>"
    raw = None
    if f.file.endswith(".bib") and record is not None:
        match = re.search(r"^\s*abstract\s*=\s*[{\"](.*?)[}\"]\s*,?\s*$",
                          bib_entry(corpora, f, record), re.I | re.M | re.S)
        if not match:
            return "the BibTeX entry has no abstract field"
        raw = match.group(1)
    elif f.file.endswith(".json"):
        item = _json_items(corpora / f.file).get(f.record)
        if item is not None and not str(item.get("abstract") or "").strip():
            return "the CSL item has no abstract"
        raw = item.get("abstract") if item else None
    if raw and " ".join(raw.split()).strip(" .[]").lower() in PLACEHOLDERS:
        return f"the abstract is the placeholder {raw.strip()!r}"
    return None


# Placeholders a person recognises, written out independently of the rule.
PLACEHOLDERS = {"not available", "without abstract", "no abstract", "no abstract available",
                "abstract not available"}


def _authors_incomplete(corpora: Path, f: Finding, record) -> str | None:
    if f.file.endswith(".bib") and record is not None:
        if re.search(r"\band\s+\{?others\}?", bib_entry(corpora, f, record), re.I):
            return "the BibTeX name list ends with 'and others'"
    if f.reader == "jats":
        ref = jats_ref(corpora, f)
        if ref is not None and (ref.findall(".//{*}etal") + ref.findall(".//etal")
                                or re.search(r"\bet\.? al\b", _text(ref))):
            return "the reference says et al. (<etal/> or 'et al')"
    return None


def _check_digit_isbn(number: str) -> bool:
    digits = re.sub(r"[\s-]", "", number).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def _check_digit_issn(number: str) -> bool:
    digits = re.sub(r"[\s-]", "", number).upper()
    if not re.fullmatch(r"\d{7}[\dX]", digits):
        return False
    total = sum((8 - i) * int(c) for i, c in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def _identifier(kind: str):
    valid = _check_digit_isbn if kind == "ISBN" else _check_digit_issn
    other = _check_digit_issn if kind == "ISBN" else _check_digit_isbn

    def oracle(corpora: Path, f: Finding, record) -> str | None:
        holds = re.search(r"holds an? (\w+), not an? \w+: (\S+)", f.message)
        if holds and holds.group(1) == "DOI" and re.match(r"(doi:)?10\.\d{4}", holds.group(2)):
            return f"the {kind} field holds a DOI"
        if holds and other(holds.group(2)) and not valid(holds.group(2)):
            return f"the {kind} field holds a valid {holds.group(1)}, not an {kind}"
        if "holds no" in f.message:
            return f"the {kind} field holds no number of an {kind}'s length"
        bad = re.search(r"\w+ ['\"](\S+)", f.message)
        # Only a number can fail a check digit: "(print)" is not one.
        if bad and len(re.findall(r"\d", bad.group(1))) >= 4 and not valid(bad.group(1)):
            return f"{bad.group(1)} fails an independent {kind} length/check-digit test"
        return None
    return oracle


ORACLES = {
    "abstract-missing": _abstract_missing,
    "authors-incomplete": _authors_incomplete,
    "authors-missing": _missing("author|editor", ("author", "editor"), "author or editor"),
    "title-missing": _missing("title", ("title",), "title"),
    "isbn-invalid": _identifier("ISBN"),
    "issn-invalid": _identifier("ISSN"),
}


# -- the score ---------------------------------------------------------------

@dataclass
class Score:
    findings: int = 0
    true: int = 0
    false: int = 0
    reader: int = 0
    unexplained: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Confirmed true over the findings the rule is answerable for (reader
        bugs apart); an unexplained finding counts against the rule."""
        judged = self.findings - self.reader
        return self.true / judged if judged else 1.0


def score(findings: list[Finding]) -> dict[str, Score]:
    table: dict[str, Score] = defaultdict(Score)
    for f in findings:
        s = table[f.code]
        s.findings += 1
        if f.verdict == "true":
            s.true += 1
        elif f.verdict == "reader":
            s.reader += 1
        elif f.verdict == "false":
            s.false += 1
        else:
            s.unexplained.append(f)
    return dict(table)


def reader_causes(findings: list[Finding]) -> Counter:
    """How many findings each reader bug causes ("reader: CAUSE: detail")."""
    return Counter(f.reason.split(":")[1].strip() for f in findings if f.verdict == "reader")


def table(scores: dict[str, Score]) -> str:
    rows = [f"{'rule':20} {'findings':>8} {'true':>6} {'false':>5} {'reader':>6} "
            f"{'unexplained':>11} {'precision':>9}"]
    for code, s in sorted(scores.items()):
        rows.append(f"{code:20} {s.findings:8} {s.true:6} {s.false:5} {s.reader:6} "
                    f"{len(s.unexplained):11} {s.precision:9.1%}")
    return "\n".join(rows)
