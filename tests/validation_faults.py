"""Fault injection into real records, for the recall suite: each injector
takes a real record that its rule finds clean, breaks it the way people and
tools break records, and says which code must now fire.  Shared by
tests/test_validation_recall.py and benchmarks/validate_recall.py."""
from __future__ import annotations

import copy
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SEED = 16  # the number: fixed, so every run injects the same faults
PER_RULE = 300  # injected faults per rule (fewer where the corpora hold fewer)

SOURCES = [  # (path relative to the corpora, reader)
    ("bibtex/texbook3.bib", None), ("bibtex/tugboat.bib", None),
    ("bibtex/biblatex-examples.bib", None), ("bibtex/xampl.bib", None),
    ("bibtex/bbt-import-97-jabref-utf8.bib", None),
    ("bibtex/bbt-import-1436-3-unabbreviate.bib", None),
    ("bibtex/bbt-import-873-crossref-parens.bib", None),
    ("csl-json/zotero/citeProcJSExport.json", None),
    ("csl-json/better-bibtex/Deterministic-ordering-for-CSL-1178-1400.csl.json", None),
]


def sources(corpora: Path) -> list[tuple[str, str | None]]:
    found = list(SOURCES)
    for path in sorted((corpora / "jats-articles").rglob("*")):
        if path.is_file() and path.suffix in (".xml", ".nxml"):
            rel = path.relative_to(corpora).as_posix()
            found += [(rel, "jats"), (rel, "jats-article")]
    return found


def load(corpora: Path) -> dict[str, list]:
    """file -> its records, as this branch's readers read them."""
    import converters

    return {f"{rel} [{reader or 'auto'}]": converters.read(corpora / rel, reader).records
            for rel, reader in sources(corpora) if (corpora / rel).exists()}


@dataclass
class Fault:
    code: str          # the rule that must fire
    kind: str          # how the record was broken
    file: str
    record: str
    before: object
    after: object


@dataclass
class Result:
    injected: int = 0
    found: int = 0
    missed: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.injected if self.injected else 1.0


@lru_cache(maxsize=None)
def _rule(code: str):
    """The function behind ``code``: a built-in check, or the default
    profile's rule (loaded once: the suite calls it many thousand times)."""
    from converters.validation.checks import CHECKS
    from converters.validation.profiles import load_profile

    if code in CHECKS:
        return CHECKS[code]
    rule = next(r for r in load_profile(None) if r.code == code)
    return rule.findings


def _fires(code: str, data: dict) -> bool:
    return any(True for _ in _rule(code)(data))


# -- the injectors ------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?;:,)\]}\"'”’]$")


def cut_abstract(rng, data):
    text = data.get("abstract")
    if not isinstance(text, str) or len(text.split()) < 20 or _fires("abstract-truncated", data):
        return None
    words = text.split()
    how = rng.choice(["word", "word", "char", "ellipsis"])
    if how == "char":
        # A length limit: cut at a character inside the second half, mid-word.
        at = rng.randrange(len(text) // 2, len(text) - 5)
        if not text[at - 1].isalnum() or not text[at].isalnum():
            return None
        cut = text[:at]
    else:
        # Mid-sentence, after a word that does not itself end a clause.
        choices = [k for k in range(8, len(words) - 3) if not _SENTENCE_END.search(words[k - 1])]
        if not choices:
            return None
        cut = " ".join(words[:rng.choice(choices)])
        if how == "ellipsis":
            cut += rng.choice(["…", " …", "...", " […]", " [...]"])
    return "abstract", cut, f"cut-{how}"


def others_tail(rng, data):
    names = data.get("author")
    if not isinstance(names, list) or len(names) < 2 or _fires("authors-incomplete", data):
        return None
    keep = rng.randrange(1, len(names))
    marker = rng.choice([{"literal": "others"}, {"literal": "et al."}, {"family": "others"}])
    return "author", names[:keep] + [marker], "tail-others"


def _corrupt_digit(rng, number: str, alphabet: str) -> str:
    positions = [i for i, c in enumerate(number) if c.isdigit() or c in "Xx"]
    at = positions[-1] if rng.random() < 0.5 else rng.choice(positions)
    wrong = rng.choice([c for c in alphabet if c != number[at].upper()])
    return number[:at] + wrong + number[at + 1:]


def _corrupt_identifier(variable: str, code: str, alphabet_last: str):
    def inject(rng, data):
        from converters.validation.checks import identifier_values

        value = data.get(variable)
        if not isinstance(value, str) or _fires(code, data):
            return None
        numbers = [n for n, _ in identifier_values(value) if len(re.sub(r"\D", "", n)) >= 7]
        if not numbers:
            return None
        number = rng.choice(numbers)
        if number[-1] in "Xx":  # one wrong character: the check digit X
            broken = number[:-1] + rng.choice([c for c in alphabet_last if c != "X"])
        else:
            broken = _corrupt_digit(rng, number, "0123456789")
        return variable, value.replace(number, broken, 1), "check-digit"
    return inject


def malform_doi(rng, data):
    doi = data.get("DOI")
    if not isinstance(doi, str) or not re.match(r"^10\.\d{4,9}/\S+$", doi.strip()) \
            or _fires("doi-invalid", data):
        return None
    prefix, suffix = doi.strip().split("/", 1)
    how = rng.choice(["no-prefix", "space", "url", "prefix-only", "comma", "short-registrant"])
    broken = {"no-prefix": suffix,
              "space": f"{prefix}/ {suffix}",
              "url": f"https://doi.org/{doi.strip()}",
              "prefix-only": f"{prefix}/",
              "comma": doi.strip().replace("10.", "10,", 1),
              "short-registrant": f"10.{prefix[3:5]}/{suffix}"}[how]
    return "DOI", broken, how


def drop(variable: str, code: str, *others: str):
    def inject(rng, data):
        if not data.get(variable) or _fires(code, data) or any(data.get(o) for o in others):
            return None
        how = rng.choice(["delete", "empty", "blank"])
        return variable, {"delete": None, "empty": "", "blank": "  "}[how], f"{how}-{variable}"
    return inject


def drop_authors(rng, data):
    if not data.get("author") or data.get("editor") or _fires("authors-missing", data):
        return None
    return "author", rng.choice([None, []]), "drop-authors"


def drop_abstract(rng, data):
    if not data.get("abstract") or _fires("abstract-missing", data):
        return None
    how = rng.choice([None, "", "Not Available", "No abstract available.", "[No abstract]",
                      "Abstract not available"])
    return "abstract", how, "placeholder" if how else "delete-abstract"


def impossible_date(rng, data):
    issued = data.get("issued")
    try:
        year = int(issued["date-parts"][0][0])
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    if _fires("date-invalid", data):
        return None
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    parts = rng.choice([[year, 0], [year, rng.choice([17, 18, 19, 20, 25, 31, 99])],
                        [year, rng.choice([4, 6, 9, 11]), 31], [year, 2, 30],
                        [year, rng.randrange(1, 13), 0], [year, rng.randrange(1, 13), 32]]
                       + ([[year, 2, 29]] if not leap else []))
    return "issued", {"date-parts": [parts]}, "impossible-date"


def reverse_pages(rng, data):
    page = data.get("page")
    match = re.match(r"^\s*(\d+)\s*[-–—]+\s*(\d+)\s*$", page) if isinstance(page, str) else None
    if not match or _fires("pages-invalid", data):
        return None
    first, last = match.groups()
    # Reversing "99-105" gives "105-99", which reads as the abbreviated range
    # 105-199; only ranges whose ends have as many digits reverse cleanly.
    if len(first) != len(last) or int(first) >= int(last):
        return None
    return "page", f"{last}-{first}", "reversed"


def corrupt_orcid(rng, data):
    details = ((data.get("custom") or {}).get("name-details") or {})
    slots = [(role, i, e) for role, entries in details.items() if isinstance(entries, list)
             for i, e in enumerate(entries) if isinstance(e, dict) and e.get("ORCID")]
    if not slots or _fires("orcid-invalid", data):
        return None
    role, index, entry = rng.choice(slots)
    value = entry["ORCID"]
    how = rng.choice(["check-digit", "check-digit", "drop-digit"])
    if how == "check-digit":
        broken = value[:-1] + rng.choice([c for c in "0123456789X" if c != value[-1]])
    else:
        at = value.rfind("-") + 1
        broken = value[:at] + value[at + 1:]
    new = copy.deepcopy(details)
    new[role][index] = {**entry, "ORCID": broken}
    custom = {**(data.get("custom") or {}), "name-details": new}
    return "custom", custom, how


INJECTORS = {
    "abstract-truncated": cut_abstract,
    "authors-incomplete": others_tail,
    "isbn-invalid": _corrupt_identifier("ISBN", "isbn-invalid", "0123456789X"),
    "issn-invalid": _corrupt_identifier("ISSN", "issn-invalid", "0123456789X"),
    "doi-invalid": malform_doi,
    "title-missing": drop("title", "title-missing"),
    "authors-missing": drop_authors,
    "abstract-missing": drop_abstract,
    "date-invalid": impossible_date,
    "pages-invalid": reverse_pages,
    "orcid-invalid": corrupt_orcid,
}


def run(corpora: Path, per_rule: int = PER_RULE) -> dict[str, Result]:
    """Inject up to ``per_rule`` faults per rule into records drawn at random
    (fixed seed) from every source file; count how many the rule finds."""
    from converters.model import Record

    rng = random.Random(SEED)
    files = load(corpora)
    pool = [(name, record) for name, records in files.items() for record in records]
    results: dict[str, Result] = defaultdict(Result)
    for code, inject in INJECTORS.items():
        order = pool[:] * (20 if code == "orcid-invalid" else 1)
        rng.shuffle(order)
        result = results[code]
        for name, record in order:
            if result.injected >= per_rule:
                break
            fault = inject(rng, record.data)
            if fault is None:
                continue
            variable, value, kind = fault
            data = copy.deepcopy(record.data)
            if value is None:
                data.pop(variable, None)
            else:
                data[variable] = value
            result.injected += 1
            if _fires(code, data):
                result.found += 1
            else:
                result.missed.append(Fault(code, kind, name, record.id,
                                           record.data.get(variable), value))
    results["duplicate-record"] = duplicates(rng, files, per_rule)
    return dict(results)


# -- duplicates: a copy under a new key, or with its title reformatted ------

def _reformat(rng, title: str) -> tuple[str, str]:
    how = rng.choice(["upper", "lower", "title-case", "punctuation", "markup", "brace"])
    if how == "upper":
        return title.upper(), how
    if how == "lower":
        return title.lower(), how
    if how == "title-case":
        return title.title(), how
    if how == "punctuation":
        return re.sub(r"\s*:\s*", " - ", title).rstrip(".") + ".", how
    if how == "markup":
        words = title.split()
        at = rng.randrange(len(words))
        words[at] = f"<i>{words[at]}</i>"
        return " ".join(words), how
    return "{" + title + "}" if not title.startswith("{") else title.strip("{}"), how


def duplicates(rng, files: dict[str, list], per_rule: int) -> Result:
    from converters.model import Origin, Record
    from converters.validation.checks import _doi_key, _normal_title
    from converters.validation.checks import duplicates as find

    result = Result()
    candidates = [(name, i) for name, records in files.items()
                  for i, r in enumerate(records) if isinstance(r.data.get("title"), str)
                  and r.data["title"].strip()]
    rng.shuffle(candidates)
    index_of: dict[str, dict] = {}
    for name, index in candidates[:per_rule]:
        records = files[name]
        if name not in index_of:
            # A copy can only match records of its title or DOI: check it
            # against those (in file order), not the whole file every time.
            keys: dict = {}
            for i, r in enumerate(records):
                for key in (("t", _normal_title(str(r.data.get("title") or ""))),
                            ("d", _doi_key(r.data))):
                    keys.setdefault(key, []).append(i)
            index_of[name] = keys
        original = records[index]
        data = copy.deepcopy(original.data)
        data["id"] = f"{original.id}-copy"
        kind = "new-key"
        if rng.random() < 0.5:
            data["title"], how = _reformat(rng, data["title"])
            kind = f"title-{how}"
        keys = index_of[name]
        near = sorted(set(keys.get(("t", _normal_title(data["title"])), []))
                      | set(keys.get(("d", _doi_key(data)), []) if _doi_key(data) else []))
        subset = [records[i] for i in near] + [Record(data, Origin(original.origin.file, None))]
        found = {i for i, _, _ in find(subset)}
        result.injected += 1
        if len(subset) - 1 in found:
            result.found += 1
        else:
            result.missed.append(Fault("duplicate-record", kind, name, original.id,
                                       original.data.get("title"), data["title"]))
    return result
