"""What the field groups share while one entry is read or one record written.

Each field group (titles.py, groups.py, kept.py) has a reading function that
takes a Reading and a writing function that takes a Writing: the pair says
in one place how its fields and CSL variables correspond."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import latex


@dataclass
class Reading:
    """One entry becoming CSL data."""
    fields: dict[str, str]  # evaluated LaTeX values, by (aliased) field name
    etype: str
    lists: bool  # publisher, location, institution are BibLaTeX lists
    english: bool  # titles are recased (sentence case), as pandoc does
    csl_type: str
    # the field names in order: what depends on them alone is found once a
    # layout (entries come in a few over and over), not once an entry
    layout: tuple[str, ...]
    data: dict = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # fields read into data
    source: dict[str, str] = field(default_factory=dict)  # originals kept for writing


@dataclass
class Writing:
    """One record becoming a BibTeX or BibLaTeX entry."""
    data: dict
    etype: str
    biblatex: bool
    ascii_only: bool
    bib: dict  # custom.bibtex: the entry type, fields and originals read
    english: bool
    out: dict[str, str] = field(default_factory=dict)  # field -> braced LaTeX value
    used: set[str] = field(default_factory=lambda: {"id", "type", "custom"})
    inexact: list[str] = field(default_factory=list)  # set aside: not said exactly

    @property
    def source(self) -> dict:
        return self.bib.get("source") or {}

    def enc(self, value) -> str:
        return rich_to_latex(value, self.ascii_only)


def rich_to_latex(text, ascii_only: bool) -> str:
    return latex.encode(str(text), ascii_only=ascii_only)


def braced(value: str) -> str:
    return "{" + value + "}"


def verbatim(value: str) -> str:
    """A URL, DOI or other verbatim field's value as plain text."""
    text = value.strip()
    if "{" not in text and "\\" not in text and "}" not in text:
        return text  # the usual DOI or URL: nothing below would change it
    while text.startswith("{") and text.endswith("}") and text.count("{") == 1:
        text = text[1:-1].strip()
    text = re.sub(r"\\url\{([^}]*)\}", r"\1", text)
    return text.replace("\\_", "_").replace("\\%", "%").replace("\\&", "&").replace(
        "\\#", "#").replace("{", "").replace("}", "").strip()


_BIBTEX_NAMES = {"journaltitle": "journal", "location": "address", "institution": "school",
                 "annotation": "annote", "sortkey": "key"}
_BIBLATEX_NAMES = {"journal": "journaltitle", "address": "location"}


def field_name(name: str, biblatex: bool) -> str:
    """A field's name as the variant spells it (journal / journaltitle...)."""
    return _BIBLATEX_NAMES.get(name, name) if biblatex else _BIBTEX_NAMES.get(name, name)
