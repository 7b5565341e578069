"""Diagnostics: small values that readers, writers and validators return.

A diagnostic is a code from the catalogue below, a severity, a message and a
location.  Library code only builds these; the CLI decides how to show them and
which exit code they lead to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Location:
    """Where a diagnostic points: 1-based line and column in the input file,
    and a JSON pointer into the record (``/author/2/family``)."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    pointer: str | None = None


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    record: str | None = None

    def to_dict(self) -> dict:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "record": self.record,
            "pointer": loc.pointer,
        }

    def format(self) -> str:
        """``file:line:col: severity code message``, the compiler-style line."""
        loc = self.location
        where = loc.file or "<input>"
        if loc.line is not None:
            where += f":{loc.line}"
            if loc.column is not None:
                where += f":{loc.column}"
        record = f" [{self.record}]" if self.record else ""
        return f"{where}: {self.severity.value} {self.code} {self.message}{record}"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str


# The catalogue.  A code, once shipped, keeps its meaning: add codes, never
# repurpose them.  Severity here is the default; profiles may change it.
_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
CATALOGUE: dict[str, Rule] = {
    r.code: r
    for r in [
        # input problems (a record or a whole file could not be read)
        Rule("input-unreadable", _E, "the input file could not be opened or read"),
        Rule("input-empty", _E, "the input holds no text"),
        Rule("encoding-invalid", _E, "the input is not valid text in the expected encoding"),
        Rule("input-binary", _E, "the input looks like binary data, not text"),
        Rule("format-unknown", _E, "the input format could not be determined"),
        Rule("syntax-error", _E, "the input is not well-formed for its format"),
        Rule("nesting-too-deep", _E, "the input nests structures deeper than is safe to read"),
        Rule("record-invalid", _E, "a record does not have the structure its format requires"),
        Rule("macro-undefined", _E, "a BibTeX value uses a @string macro that is not defined"),
        Rule("key-duplicate", _E, "two BibTeX entries share a key; the later one is skipped"),
        Rule("field-duplicate", _W, "a BibTeX entry gives a field twice; the first is kept"),
        Rule("crossref-missing", _W, "a crossref or xdata names an entry that is not there"),
        Rule("key-cleaned", _W, "an id had characters the output format cannot hold in a key"),
        Rule("entity-unexpanded", _W, "an XML entity reference was left unexpanded"),
        Rule("listing-ambiguous", _W, "a listing line could be read more than one way"),
        Rule("field-unmapped", _I, "a field has no equivalent and was kept in CSL 'custom'"),
        Rule("field-empty", _I, "a field held nothing usable and was left out"),
        Rule("field-dropped", _W, "a writer cannot express a field, which is left out of its output"),
        Rule("field-altered", _W, "a writer's output of a field will not read back as the same value"),
        Rule("id-duplicate", _W, "two records share an id; the later one was renamed"),
        Rule("id-generated", _I, "a record had no id and was given one"),
        # validation: completeness (profile rules and checks share these codes)
        Rule("title-missing", _E, "a record has no title"),
        Rule("authors-missing", _E, "a record names no author (nor an editor)"),
        Rule("authors-incomplete", _E,
             "the author list is cut short: 'and others', <etal/>, a trailing 'others', "
             "or fewer names than a listing's '(see N more)' promised"),
        Rule("abstract-missing", _W, "a record has no abstract"),
        Rule("abstract-truncated", _E,
             "the abstract ends mid-sentence, with an ellipsis, or at a listing's cut"),
        # validation: identifiers, dates, pages, duplicates
        Rule("doi-invalid", _E, "the DOI is not of the form 10.NNNN/suffix"),
        Rule("isbn-invalid", _E, "an ISBN fails its form or check digit"),
        Rule("issn-invalid", _E, "an ISSN fails its form or check digit"),
        Rule("orcid-invalid", _E, "an ORCID iD fails its form or check digit"),
        Rule("date-invalid", _E, "a date names a month or day that does not exist"),
        Rule("pages-invalid", _W, "a page range ends before it starts"),
        Rule("duplicate-record", _W, "two records share a DOI, or a title and first author"),
        Rule("profile-violation", _E, "a record breaks a rule of a profile that has no code"),
        # writers (appended)
        Rule("character-dropped", _W,
             "a character the output format cannot hold (a control character in XML) was "
             "left out"),
        # values no writer can use, mended or left out before writing (converters.wellformed)
        Rule("value-invalid", _W,
             "a value has a shape no writer can use (a date part that is not a whole number, "
             "a custom value of the wrong type) and was left out"),
        Rule("character-invalid", _W,
             "a text held control characters or other code points no output can hold "
             "(XML forbids them); they were removed"),
        Rule("value-too-large", _E,
             "a value grows beyond what bibconv reads (a BibTeX @string chain that doubles "
             "itself); it is refused"),
        Rule("field-set-aside", _I,
             "a writer's format has no field for a value, which it keeps in a field of its "
             "own that the format's tools ignore and bibconv reads back"),
        Rule("type-mapped", _W,
             "an item's type is not CSL's (empty, missing, or a producer's own, such as "
             "Crossref's) and was read as the CSL type it stands for"),
    ]
}


def make(code: str, message: str, *, file: str | None = None, line: int | None = None,
         column: int | None = None, pointer: str | None = None,
         record: str | None = None, severity: Severity | None = None) -> Diagnostic:
    """Build a diagnostic with the catalogue's default severity for ``code``."""
    if severity is None:
        rule = CATALOGUE.get(code)
        severity = rule.severity if rule else Severity.ERROR
    return Diagnostic(code, severity, message, Location(file, line, column, pointer), record)


def has_errors(diagnostics) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
