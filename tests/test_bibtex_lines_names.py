"""Issue 13 leftovers on the BibTeX reader: line numbers counted in the file
itself (bibtexparser's count drifts in values whose lines end with "\\\\"),
and lower-case initials that are given names, not a particle."""
from __future__ import annotations

from tests.support import corpus

import converters
from converters.bibnames import parse_names

CONTENTS = "\n".join(f"   Part {i} / {i} \\\\" for i in range(30)) + "\n   Index / 341"
FIXTURE = (f'@book{{first,\n  title = {{T}},\n  note = "{CONTENTS}",\n  year = 1990,\n}}\n\n'
           "@book{second,\n  author = {A Bee},\n  title = {Second},\n  year = 1991,\n}\n")


def test_lines_do_not_drift_after_values_ending_lines_with_backslashes():
    records = {r.id: r for r in converters.read(FIXTURE, "bibtex").records}
    lines = FIXTURE.split("\n")
    second = records["second"].origin
    assert lines[second.line - 1].startswith("@book{second")
    assert lines[second.line_of("title") - 1].strip().startswith("title")
    assert lines[records["first"].origin.line_of("issued") - 1].strip().startswith("year")


def test_texbook3_entries_are_reported_on_their_own_lines():
    path = corpus("bibtex", "texbook3.bib")
    lines = path.read_text(encoding="utf-8").split("\n")
    records = converters.read(path).records
    assert [r.id for r in records if not lines[r.origin.line - 1].lstrip().startswith("@")] == []
    knuth = next(r for r in records if r.id == "Knuth:1984:TB")
    assert knuth.origin.line == lines.index("@Book{Knuth:1984:TB,") + 1


def test_lower_case_initials_are_given_names():
    assert parse_names("a. b. Smith") == [{"family": "Smith", "given": "a. b."}]
    assert parse_names("a. Smith and b.-c. Jones") == [
        {"family": "Smith", "given": "a."}, {"family": "Jones", "given": "b.-c."}]
    assert parse_names("Stephan v. Bechtolsheim") == [
        {"family": "Bechtolsheim", "given": "Stephan", "dropping-particle": "v."}]
    # particles stay particles
    assert parse_names("Ludwig van Beethoven")[0]["dropping-particle"] == "van"
    assert parse_names("Jean de la Fontaine")[0]["dropping-particle"] == "de la"
