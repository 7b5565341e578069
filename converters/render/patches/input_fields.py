"""Item fields citeproc-js reads before rendering, which citeproc-py's input
lacks:

- ``journalAbbreviation`` and ``shortTitle`` (Zotero's names) stand for
  container-title-short and title-short;
- lines of the note written ``variable: value`` set the variable when the
  item lacks it ("container-title-short: Container", "event-date:
  2004-10-01/2004-10-14", "reviewed-author: Hall || W.C.") and leave the note;
- ``comma-suffix`` on a name is kept (as name_parts reads it: "John,! Jr.").

- a family name in double quotes is taken as written; "al-One" is the
  particle "al-" and the family name "One".

(bugreports_ContainerTitleShort, bugreports_parseName, name_ParticleCaps3,
name_HyphenatedNonDroppingParticle1 and 2, variables_ContainerTitleShort2,
number_LimitOrdinalsToDayOne, name_ArticularWithComma)
"""
from __future__ import annotations

import re

_ALIASES = {"journalAbbreviation": "container-title-short", "shortTitle": "title-short"}
_LINE = re.compile(r"^\s*([a-z][a-z-]*[a-z])\s*:\s*(.+?)\s*$")
# Arabic articles written joined to the family name ("al-One"), as
# citeproc-js reads them; "de-Souza-Cruz" is one family name
_ARTICLE = re.compile(r"^((?:al|el|ad|an|ar|as|ash|at|az|ud|ul)-)(\w.*)$")
_DATES = ("accessed", "event-date", "issued", "original-date", "submitted",
          "available-date")


def _known(key: str) -> bool:
    import citeproc

    return key.replace("-", "_") in citeproc.VARIABLES or key.replace("-", "_") in citeproc.NAMES


def _date(value: str):
    ends = []
    for part in value.split("/")[:2]:
        numbers = [int(n) for n in re.findall(r"\d+", part)[:3]]
        if not numbers:
            return None
        ends.append(numbers)
    return {"date-parts": ends}


def _name(value: str) -> dict:
    if "||" in value:
        family, given = (p.strip() for p in value.split("||", 1))
        return {"family": family, "given": given}
    return {"literal": value.strip()}


def read_fields(item: dict) -> dict:
    """The item with the fields above read (a copy when any is)."""
    import citeproc

    data = dict(item)
    for alias, variable in _ALIASES.items():
        if data.get(alias) and not data.get(variable):
            data[variable] = data[alias]
    note, kept = data.get("note"), []
    for line in str(note).splitlines() if isinstance(note, str) else []:
        match = _LINE.match(line)
        if match is None or not _known(match.group(1)) or match.group(1) in data:
            kept.append(line)
            continue
        key, text = match.group(1), match.group(2)
        value: object
        if key in _DATES:
            value = _date(text)
        elif key.replace("-", "_") in citeproc.NAMES:
            value = [*data.get(key, []), _name(text)]
        else:
            value = text
        if value is not None:
            data[key] = value
    if isinstance(note, str) and len(kept) != len(note.splitlines()):
        data["note"] = "\n".join(kept)
        if not data["note"].strip():
            del data["note"]
    for key, value in data.items():
        if isinstance(value, list) and any(isinstance(p, dict) for p in value):
            data[key] = [_quoted(_comma_suffix(p)) for p in value]
    return data


def _quoted(person):
    """A family name in double quotes is taken as written: no particle is
    read from it ("\"van Happel\"" sorts and prints as "van Happel")."""
    if not isinstance(person, dict):
        return person
    family = person.get("family")
    hyphened = _ARTICLE.match(family) if isinstance(family, str) else None
    if hyphened and "non-dropping-particle" not in person and hyphened.group(2)[0].isupper():
        # "al-One": the particle "al-" and the family name "One"
        return dict(person, family=hyphened.group(2),
                    **{"non-dropping-particle": hyphened.group(1)})
    if isinstance(family, str) and len(family) > 2 and family[0] == family[-1] == '"':
        person = dict(person, family=family[1:-1])
        person.setdefault("non-dropping-particle", "")
    return person


def _comma_suffix(person):
    if not isinstance(person, dict) or not person.get("comma-suffix") or not person.get("suffix"):
        return person
    suffix = person["suffix"]
    person = {k: v for k, v in person.items() if k not in ("comma-suffix", "suffix")}
    person["given"] = f"{person.get('given', '')},! {suffix}"
    return person


def install() -> None:
    from .. import records

    prepare_item = records.prepare_item

    def prepare_read(item: dict):
        return prepare_item(read_fields(item))

    records.prepare_item = prepare_read
