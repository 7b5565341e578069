"""ARCHITECTURE.md stays true: every path it names exists, and every
capability it says a Format declares is a field of Format."""
from __future__ import annotations

import dataclasses
import re

from tests.support import ROOT
from converters.registry import BUILTIN, Format

MAP = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
PATH = re.compile(r"\b(?:converters|tests|fixtures|schemas|styles)/[\w./*-]*[\w*/]")
# The format packages: checked on their own, so a move shows by name.
PACKAGES = ("converters/formats/bibtex/", "converters/formats/jats/")


def _paths() -> list[str]:
    """The paths named, less the placeholders of "adding a format" (NAME)."""
    return sorted({p for p in PATH.findall(MAP) if "NAME" not in p})


def _exists(path: str) -> bool:
    return bool(list(ROOT.glob(path.rstrip("/")))) if "*" in path else (ROOT / path).exists()


def test_the_map_names_paths():
    assert len(_paths()) > 20
    assert "converters/api.py" in _paths()


def test_every_path_the_map_names_exists():
    missing = [p for p in _paths() if not p.startswith(PACKAGES) and not _exists(p)]
    assert missing == []


def test_the_format_packages_the_map_names_exist():
    named = [p for p in _paths() if p.startswith(PACKAGES)]
    assert named and [p for p in named if not _exists(p)] == []


def test_the_capabilities_table_names_fields_of_format():
    fields = {f.name for f in dataclasses.fields(Format)}
    table = MAP.split("| declaration |", 1)[1].split("\n\n", 1)[0]
    named = re.findall(r"^\| ((?:`\w+`(?:, )?)+) \|", table, re.M)
    declared = {name for cell in named for name in re.findall(r"`(\w+)`", cell)}
    assert len(declared) >= 6
    assert declared - fields == set()
    # and the formats the table says declare them do
    for fmt in BUILTIN:
        if fmt.one_record_per_file or fmt.front_matter_option or fmt.shared_options \
                or fmt.file_blocks:
            assert fmt.name in table, fmt.name


def test_the_check_finds_a_missing_path():
    assert not _exists("converters/no_such_module.py")
    assert _exists("tests/test_csljson*.py")
