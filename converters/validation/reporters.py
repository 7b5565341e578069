"""Reporters: one list of diagnostics, shown the way each consumer reads it.

Every reporter is a function (report) -> str, kept in REPORTERS by name:
``text`` for people, ``json`` for scripts, ``sarif`` for code scanning,
``github`` for workflow annotations, ``junit`` for CI test tabs.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import CATALOGUE, Diagnostic, Severity
from ..printable import display_path, displayable, one_line

TOOL_URI = "https://pypi.org/project/bibconv/"

@dataclass
class Report:
    """What every reporter reads.  ``diagnostics`` are kept as given (SARIF
    needs a file name's own bytes for its URI); ``shown`` are the same made
    fit to print (see displayable)."""

    diagnostics: list[Diagnostic]
    records: list[tuple[str | None, str | None, int | None]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    color: bool = False

    def __post_init__(self):
        self.shown = [displayable(d) for d in self.diagnostics]

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def summary(self) -> dict:
        return {"errors": self.count(Severity.ERROR), "warnings": self.count(Severity.WARNING),
                "infos": self.count(Severity.INFO), "records": len(self.records),
                "files": len(self.files)}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


_COLOURS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m",
            Severity.INFO: "\033[36m"}


def text(report: Report) -> str:
    lines = []
    for d in report.shown:
        line = d.format()
        if report.color:
            word = d.severity.value
            line = line.replace(f" {word} ", f" {_COLOURS[d.severity]}{word}\033[0m ", 1)
        lines.append(line)
    s = report.summary()
    lines.append(f"{_plural(s['errors'], 'error')}, {_plural(s['warnings'], 'warning')} "
                 f"in {_plural(s['records'], 'record')} from {_plural(s['files'], 'file')}")
    return "\n".join(lines) + "\n"


def json_report(report: Report) -> str:
    return json.dumps({"diagnostics": [d.to_dict() for d in report.shown],
                       "summary": report.summary()}, ensure_ascii=False, indent=2) + "\n"


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif(report: Report) -> str:
    from .. import __version__

    codes = sorted({d.code for d in report.diagnostics} | set(CATALOGUE))
    index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        rule = CATALOGUE.get(code)
        summary = rule.summary if rule else "a rule of a user profile"
        level = _SARIF_LEVEL[rule.severity] if rule else "error"
        rules.append({"id": code, "name": code,
                      "shortDescription": {"text": summary},
                      "defaultConfiguration": {"level": level}})
    results = []
    for given, d in zip(report.diagnostics, report.shown, strict=False):
        result = {"ruleId": d.code, "ruleIndex": index[d.code],
                  "level": _SARIF_LEVEL[d.severity], "message": {"text": d.message}}
        loc = d.location
        if loc.file:
            physical: dict[str, Any] = {
                "artifactLocation": {"uri": _uri(given.location.file or loc.file)}}
            if loc.line:
                physical["region"] = {"startLine": loc.line}
                if loc.column:
                    physical["region"]["startColumn"] = loc.column
            location: dict[str, Any] = {"physicalLocation": physical}
            if d.record:
                location["logicalLocations"] = [{"name": d.record, "kind": "object",
                                                 "fullyQualifiedName": d.record
                                                 + (loc.pointer or "")}]
            result["locations"] = [location]
        if d.record:
            result["partialFingerprints"] = {"recordPointer/v1": f"{d.record}{loc.pointer or ''}"}
        results.append(result)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "bibconv", "version": __version__,
                                      "informationUri": TOOL_URI, "rules": rules}},
                  "results": results}],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> str:
    """A relative URI reference for a file name: its bytes (not UTF-8 ones
    included) percent-encoded, as RFC 3986 has it."""
    from pathlib import PurePath
    from urllib.parse import quote

    posix = PurePath(path).as_posix()
    try:
        return quote(os.fsencode(posix))
    except UnicodeError:  # a surrogate no file system produced
        return quote(posix.encode("utf-8", "backslashreplace"))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning",
                   Severity.INFO: "notice"}


def github(report: Report) -> str:
    """Workflow commands: each finding becomes an annotation on its line."""
    lines = []
    for d in report.shown:
        props = []
        if d.location.file:
            props.append(f"file={_escape_property(d.location.file)}")
        if d.location.line:
            props.append(f"line={d.location.line}")
        if d.location.column:
            props.append(f"col={d.location.column}")
        props.append(f"title={_escape_property(d.code)}")
        message = d.message + (f" [{d.record}]" if d.record else "")
        lines.append(f"::{_GITHUB_COMMAND[d.severity]} {','.join(props)}::"
                     f"{_escape_data(message)}")
    s = report.summary()
    lines.append(f"{_plural(s['errors'], 'error')}, {_plural(s['warnings'], 'warning')} "
                 f"in {_plural(s['records'], 'record')}")
    return "\n".join(lines) + "\n"


def junit(report: Report) -> str:
    """One test case per record (failing on errors and warnings), plus one per
    file for what concerns a file rather than a record."""
    from xml.etree import ElementTree as ET

    by_record: dict[tuple, list[Diagnostic]] = {}
    for given, d in zip(report.diagnostics, report.shown, strict=False):
        by_record.setdefault((given.location.file, given.record), []).append(d)
    cases = [(file, record) for file, record, _ in report.records]
    known = set(cases)  # once: a set built per case made 40,000 records take minutes
    cases += [key for key in by_record if key not in known]

    suites = ET.Element("testsuites", name="bibconv validate")
    suite = ET.SubElement(suites, "testsuite", name="bibconv validate")
    failures = 0
    for file, record in cases:
        case = ET.SubElement(suite, "testcase", classname=display_path(file) or "<stdin>",
                             name=one_line(record) or "(file)")
        found = [d for d in by_record.get((file, record), [])
                 if d.severity is not Severity.INFO]
        if found:
            failures += 1
            first = found[0]
            failure = ET.SubElement(case, "failure", type=first.code,
                                    message=f"{_plural(len(found), 'finding')}: {first.message}")
            failure.text = "\n".join(d.format() for d in found)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suites.set("tests", str(len(cases)))
    suites.set("failures", str(failures))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


REPORTERS = {"text": text, "json": json_report, "sarif": sarif, "github": github,
             "junit": junit}
