"""ProCite and Reference Manager, the RIS dialect with tags of its own
meaning and labelled notes ("N1  - Volume ID: 12"): read as plain RIS."""
from __future__ import annotations

import re

from ... import names as display_names
from ...mapping import ris as M
from .values import all_values, format_name

_PROCITE_FILE = re.compile(r"^N1 {1,2}- ?Record (?:ID|Number): ", re.M)
PROCITE_WINDOW = 20000  # characters: the head of a text that says it is ProCite's


def is_procite(text: str) -> bool:
    """ProCite / Reference Manager files say so in their first notes."""
    return bool(_PROCITE_FILE.search(text[:PROCITE_WINDOW]))


_LABELLED = re.compile(r"^([A-Za-z,()\s]+?)\s*:\s*(.*)$", re.S)


def procite(ris_type: str, fields: dict) -> dict:
    """A ProCite / Reference Manager record's tags as plain RIS: its own tag
    meanings moved to the standard tags, its labelled notes to the tags or
    variables they name (returned as {CSL variable: value})."""
    for tag, standard in M.PROCITE_TAGS_BY_TYPE.get(ris_type, {}).items():
        if tag in fields and standard not in fields:
            fields[standard] = fields.pop(tag)
    found: dict = {}
    notes = []
    for note in all_values(fields.get("N1")):
        match = _LABELLED.match(note)
        label, value = (match.group(1).strip(), match.group(2).strip()) if match else ("", "")
        if label in ("Record ID", "Record Number"):
            continue
        if label == "Notes":
            notes.append(value)
        elif label in M.PROCITE_AUTHORS and value:
            tag = "A1" if not fields.get("A1") and not fields.get("AU") else \
                "A2" if not fields.get("A2") else "A3"
            people = [display_names.parse_display_name(v) for v in value.split(";")
                      if v.strip()]
            fields.setdefault(tag, [])
            if not isinstance(fields[tag], list):
                fields[tag] = [fields[tag]]
            fields[tag].extend(format_name(p) for p in people)
        elif label in M.PROCITE_NOTES and value:
            found.setdefault(M.PROCITE_NOTES[label], value)
        else:
            notes.append(note)
    if "N1" in fields:
        fields["N1"] = notes
    return found
