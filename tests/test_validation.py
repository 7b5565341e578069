"""Validation: the seed's findings in every format, one fixture folder per
rule (valid files fire nothing, invalid files fire exactly their rule), user
profiles, and the exit codes CI relies on."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import converters
from converters.validation import ProfileError, validate

from tests.support import FIXTURES, SEED, run_cli

RULES = FIXTURES / "rules"

# What a careful editor flags on the page, and nothing more.
SEED_FINDINGS = sorted([
    ("authors-incomplete", "Towards Foundational Models for Molecular Learning on Large-Scale "
                           "Multi-Task Datasets"),
    ("abstract-truncated", "Tree Cross Attention"),
    ("abstract-missing", "Würstchen: An Efficient Architecture for Large-Scale Text-to-Image "
                         "Diffusion Models"),
    ("abstract-missing", "Are self-explanations from Large Language Models faithful?"),
    ("abstract-missing", "BCG immunization induces CX3CR1hi effector memory T cells to provide "
                         "cross-protection via IFN-γ-mediated trained immunity."),
    ("authors-missing", "Are self-explanations from Large Language Models faithful?"),
])
COMPLETENESS = {"authors-incomplete", "abstract-truncated", "abstract-missing", "authors-missing"}


def findings(result) -> list[tuple[str, str]]:
    titles = {r.id: r.data.get("title") for r in result.records}
    return sorted((d.code, titles[d.record]) for d in result.diagnostics
                  if d.code in COMPLETENESS)


def test_seed_findings_are_exactly_the_editors():
    result = converters.validate(SEED)
    assert findings(result) == SEED_FINDINGS
    assert {d.code for d in result.diagnostics} == COMPLETENESS


@pytest.mark.parametrize("to,suffix", [("csljson", ".json"), ("listing", ".txt"),
                                       ("bibtex", ".bib"), ("biblatex", ".bib")])
def test_seed_findings_survive_conversion(tmp_path, to, suffix):
    path = tmp_path / f"seed{suffix}"
    path.write_text(converters.convert(SEED, to).text, encoding="utf-8")
    assert findings(converters.validate(path)) == SEED_FINDINGS


def test_seed_findings_point_at_lines():
    result = converters.validate(SEED)
    where = {(d.code, d.record): (d.location.line, d.location.pointer) for d in result.diagnostics}
    assert where[("authors-incomplete", "huang-foundational")] == (44, "/author")
    assert where[("abstract-truncated", "feng-tree")] == (79, "/abstract")
    assert where[("authors-missing", "self")] == (85, "/author")


def test_cli_exit_codes_follow_fail_on():
    assert run_cli("validate", SEED).returncode == 1
    assert run_cli("validate", SEED, "--fail-on", "never").returncode == 0
    assert run_cli("validate", SEED, "--select", "abstract-missing").returncode == 0
    assert run_cli("validate", SEED, "--select", "abstract-missing",
                   "--fail-on", "warning").returncode == 1
    clean = run_cli("validate", RULES / "title-missing" / "valid.json")
    assert clean.returncode == 0, clean.stdout
    unreadable = run_cli("validate", FIXTURES / "invalid" / "binary-junk.bin")
    assert unreadable.returncode == 2
    usage = run_cli("validate", SEED, "--schema", FIXTURES / "invalid" / "empty.txt")
    assert usage.returncode == 2 and b"bad profile" in usage.stderr


def _rule_cases():
    for folder in sorted(p for p in RULES.iterdir() if p.is_dir()):
        for path in sorted(folder.iterdir()):
            yield pytest.param(folder.name, path, id=f"{folder.name}/{path.name}")


# A reader's warning about a line that could be read two ways cannot promise
# what the records look like under the reading it chose; its fixture is
# checked for its own code alone.
READER_ONLY = {"listing-ambiguous"}


@pytest.mark.parametrize("code,path", list(_rule_cases()))
def test_rule_fixture(code, path: Path):
    result = converters.validate(path, select={code} if code in READER_ONLY else None)
    fired = [d.code for d in result.diagnostics]
    if path.name.startswith("valid"):
        assert fired == [], [d.format() for d in result.diagnostics]
    else:
        assert fired and set(fired) == {code}, [d.format() for d in result.diagnostics]


def test_every_rule_has_fixtures():
    from converters.validation.checks import CHECKS

    profile_codes = {"title-missing", "authors-missing", "abstract-missing", "doi-invalid"}
    for code in set(CHECKS) | profile_codes | {"duplicate-record"}:
        names = [p.name for p in (RULES / code).iterdir()]
        assert any(n.startswith("valid") for n in names), code
        assert any(n.startswith("invalid") for n in names), code


def test_a_user_profile_adds_rules():
    profile = FIXTURES / "profiles" / "lab-profile.json"
    records = converters.read(SEED).records
    found = [(d.code, d.record, d.severity.value) for d in validate(records, profiles=[profile])
             if d.code in ("doi-required", "authors-too-few")]
    assert ("doi-required", "krishna-sufficient", "error") in found
    assert sum(1 for f in found if f[0] == "doi-required") == 12
    assert ("authors-too-few", "krishna-sufficient", "warning") not in found  # three authors
    assert ("authors-too-few", "self", "warning") not in found  # no author list at all
    listed = run_cli("validate", "--list-rules", "--schema", profile).stdout.decode()
    assert "doi-required" in listed and "lab-profile.json" in listed


def test_a_plain_schema_reports_profile_violations_with_pointers(tmp_path):
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps({"properties": {"title": {"maxLength": 20}}}))
    records = converters.read(SEED).records
    found = [d for d in validate(records, profiles=[plain]) if d.code == "profile-violation"]
    assert found and all(d.location.pointer == "/title" for d in found)
    assert found[0].location.line == 3


@pytest.mark.parametrize("content", ["not json", '{"type": 12}', "[1, 2]"])
def test_unusable_profiles_are_refused(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(ProfileError):
        validate([], profiles=[bad])


def test_select_and_ignore():
    codes = {d.code for d in converters.validate(SEED, ignore={"abstract-missing"}).diagnostics}
    assert codes == COMPLETENESS - {"abstract-missing"}
    codes = {d.code for d in converters.validate(SEED, select={"authors-missing"}).diagnostics}
    assert codes == {"authors-missing"}


def test_a_profile_changes_the_severity_of_built_in_checks(tmp_path):
    """CI teams tune severities in their profile: any code, built-in or not;
    "off" turns a rule off."""
    profile = tmp_path / "team.json"
    profile.write_text(json.dumps({"x-severities": {
        "pages-invalid": "error", "abstract-missing": "off", "title-missing": "info"}}))
    pages = converters.read(RULES / "pages-invalid" / "invalid.json").records
    assert {(d.code, d.severity.value) for d in validate(pages)} == {("pages-invalid", "warning")}
    assert {(d.code, d.severity.value) for d in validate(pages, profiles=[profile])} == \
        {("pages-invalid", "error")}
    seed = converters.read(SEED).records
    tuned = validate(seed, profiles=[profile])
    assert "abstract-missing" not in {d.code for d in tuned}
    assert {d.code for d in validate(seed)} - {d.code for d in tuned} == {"abstract-missing"}
    listed = run_cli("validate", "--list-rules", "--schema", profile).stdout.decode()
    assert any(line.split()[:2] == ["pages-invalid", "error"] for line in listed.splitlines())
    # the CLI's exit status follows the new severity
    assert run_cli("validate", RULES / "pages-invalid" / "invalid.json").returncode == 0
    assert run_cli("validate", RULES / "pages-invalid" / "invalid.json",
                   "--schema", profile).returncode == 1


@pytest.mark.parametrize("value", ["fatal", 3])
def test_a_bad_severity_is_refused(tmp_path, value):
    profile = tmp_path / "team.json"
    profile.write_text(json.dumps({"x-severities": {"pages-invalid": value}}))
    with pytest.raises(ProfileError):
        validate([], profiles=[profile])


def test_a_duplicate_names_both_records_and_what_matched():
    found = [d for d in converters.validate(RULES / "duplicate-record" / "invalid-title.json")
             .diagnostics if d.code == "duplicate-record"]
    assert len(found) == 1
    message = found[0].message
    assert "invalid-title.json:" in message and "same work as record" in message
    assert "title" in message and "authors" in message and "year" in message


@pytest.mark.parametrize("text,cut", [
    ("Cells divide. DOI: http://dx.doi.org/10.7554/eLife.02304.001", False),
    ("We measured it. © 2010 Elsevier B.V. All rights reserved", False),
    ("The trial is registered. Trial registration: ISRCTN76742797", False),
    ("The efficiency of the best cell is 14.2 (n = 12)", False),
    ("The films reached a conversion efficiency of 0.117", True),
    ("We scanned the whole set of the", True),
    ("We present a sorting algorithm that builds upon counting sort", True),
    ("The reported values were p = 0.01, p =", True),
    ("The work goes on [...]", True),
])
def test_abstract_endings(text, cut):
    from converters.validation.checks import abstract_truncated

    assert bool(list(abstract_truncated({"abstract": text}))) is cut


@pytest.mark.parametrize("placeholder", ["Not Available", "[No abstract]", "No abstract available.",
                                         "Abstract not available", "Without Abstract"])
def test_placeholders_are_missing_abstracts(placeholder):
    from converters.model import Record

    codes = {d.code for d in validate([Record({"id": "x", "type": "book", "title": "T",
                                               "author": [{"family": "A"}],
                                               "abstract": placeholder})])}
    assert codes == {"abstract-missing"}


def test_placeholder_lists_agree():
    """The profile's pattern (JSON Schema) and the check's must agree."""
    import re

    from converters.resources import data_dir
    from converters.validation.checks import PLACEHOLDER

    profile = json.loads((data_dir("schemas") / "profiles" / "submission.json").read_text())
    rule = next(r for r in profile["allOf"] if r["x-code"] == "abstract-missing")
    pattern = re.compile(rule["properties"]["abstract"]["not"]["pattern"])
    for text in ["Not Available", "no abstract", "[No abstract]", "N/A", "Abstract",
                 "A real abstract.", "Not available for download is this tool."]:
        assert bool(pattern.search(text)) == bool(PLACEHOLDER.match(text)), text
