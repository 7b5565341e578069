"""Item fields citeproc-js reads before rendering, which citeproc-py's input
lacks:

- ``journalAbbreviation`` and ``shortTitle`` (Zotero's names) stand for
  container-title-short and title-short;
- lines of the note written ``variable: value`` set the variable when the
  item lacks it ("container-title-short: Container", "event-date:
  2004-10-01/2004-10-14", "reviewed-author: Hall || W.C.") and leave the note;
- a URL's short form (``<text variable="URL" form="short"/>``) is the URL
  cut after its host, without the scheme where the host begins "www."
  ("https://arxiv.org", "www.ctan.org"), as citeproc-js cuts it;
(``comma-suffix``, a family name in double quotes and "al-One" are read
where the item is prepared: records.prepare_item.)

(bugreports_ContainerTitleShort, bugreports_parseName, name_ParticleCaps3,
name_HyphenatedNonDroppingParticle1 and 2, variables_ContainerTitleShort2,
number_LimitOrdinalsToDayOne, name_ArticularWithComma)
"""
from __future__ import annotations

import re

from ..records import DATE_VARIABLES

_ALIASES = {"journalAbbreviation": "container-title-short", "shortTitle": "title-short"}
_LINE = re.compile(r"^\s*([a-z][a-z-]*[a-z])\s*:\s*(.+?)\s*$")


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


# citeproc-js's cut of a URL's short form: up to the last "/" that follows
# a dot and more than a slash, then the scheme off before "//www."
_URL_CUT = re.compile(r"(.*\.[^/]+)/.*")
_SCHEME = re.compile(r"https?://")


def short_url(url: str) -> str:
    """A URL as citeproc-js prints it in the form "short" (annual-reviews:
    "https://arxiv.org/abs/math/0307200v3" -> "https://arxiv.org",
    "https://www.fourmilab.ch/solar/" -> "www.fourmilab.ch")."""
    url = _URL_CUT.sub(r"\1", url, count=1)
    return _SCHEME.sub("", url, count=1) if "//www." in url else url


def read_fields(item: dict) -> dict:
    """The item with the fields above read (a copy when any is)."""
    import citeproc

    data = dict(item)
    url = data.get("URL")
    if isinstance(url, str) and url and "URL-short" not in data:
        data["URL-short"] = short_url(url)
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
        if key in DATE_VARIABLES:
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
    return data


def install() -> None:
    from .. import records

    prepare_item = records.prepare_item

    def prepare_read(item: dict):
        return prepare_item(read_fields(item))

    records.prepare_item = prepare_read
