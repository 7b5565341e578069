"""What a PubMed record holds that no CSL variable took: each element the
mapping (records.py) did not read, by its path in the record, with its
text and line, so that the reader keeps it in ``custom.pubmed`` and
reports it (``field-unmapped``, as the RIS and EndNote XML readers do).

A path names the elements from the record down ("MedlineCitation/
ChemicalList/Chemical/NameOfSubstance"), with the attribute that tells
like elements apart where PubMed has one ("PubMedPubDate[PubStatus=
received]"); a date's parts (Year, Month, Day, Hour, Minute) are one
value, "2019-05-03 06:00", since they mean nothing apart."""
from __future__ import annotations

from collections.abc import Iterator

from ...xmlsafe import local, text_of

# The attributes that tell like elements apart (an id's kind, a date's status).
_TELLING = ("IdType", "EIdType", "PubStatus", "IssnType", "DateType", "Source", "Type")
_DATE_PARTS = ("Year", "Month", "Day", "Hour", "Minute", "Second")


def _segment(element, name: str) -> str:
    if element.attrib:
        for attribute in _TELLING:
            value = element.get(attribute)
            if value:
                return f"{name}[{attribute}={value}]"
    return name


def _words(element) -> str:
    """text_of, without its walk for an element that holds no other (most)."""
    if len(element) == 0:
        return " ".join((element.text or "").split())
    return text_of(element)


def _date(element, names: list[str]) -> str | None:
    """A date element's parts (``names``, its children's) as one value;
    None when it is not one."""
    if "Year" not in names or any(n not in _DATE_PARTS for n in names):
        return None
    parts = {local(c.tag): _words(c) for c in element if isinstance(c.tag, str)}
    day = "-".join(parts[p].zfill(2) for p in ("Year", "Month", "Day") if parts.get(p))
    time = ":".join(parts[p].zfill(2) for p in ("Hour", "Minute", "Second") if parts.get(p))
    return f"{day} {time}" if time else day


def _unread(element, used: set, path: str) -> Iterator[tuple[str, str, int | None]]:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or child in used:
            continue
        here = _segment(child, local(tag))
        here = f"{path}/{here}" if path else here
        if len(child) == 0:  # a leaf (most): its text
            value = " ".join((child.text or "").split())
            if value:
                yield here, value, child.sourceline
            continue
        elements = [c for c in child if isinstance(c.tag, str)]
        date = _date(child, [local(c.tag) for c in elements]) if elements else None
        if date is not None:
            yield here, date, child.sourceline
        elif elements and not (child.text or "").strip():
            yield from _unread(child, used, here)
        else:  # mixed content (text with inline markup): its words
            value = text_of(child)
            if value:
                yield here, value, child.sourceline


def unread(record, used: set) -> dict[str, tuple[list[str], int | None]]:
    """path -> (the texts, the line of the first) of what ``record`` holds
    outside the elements in ``used``, in document order."""
    found: dict[str, tuple[list[str], int | None]] = {}
    for path, value, line in _unread(record, used, ""):
        if path in found:
            found[path][0].append(value)
        else:
            found[path] = ([value], line)
    return found
