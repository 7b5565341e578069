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


def _segment(element) -> str:
    name = local(element.tag)
    for attribute in _TELLING:
        value = element.get(attribute)
        if value:
            return f"{name}[{attribute}={value}]"
    return name


def _date(element) -> str | None:
    """A date element's parts as one value; None when it is not one."""
    parts = {local(c.tag): text_of(c) for c in element if isinstance(c.tag, str)}
    if not parts or "Year" not in parts or set(parts) - set(_DATE_PARTS):
        return None
    day = "-".join(parts[p].zfill(2) for p in ("Year", "Month", "Day") if parts.get(p))
    time = ":".join(parts[p].zfill(2) for p in ("Hour", "Minute", "Second") if parts.get(p))
    return f"{day} {time}" if time else day


def _unread(element, used: set, path: str) -> Iterator[tuple[str, str, int | None]]:
    for child in element:
        if not isinstance(child.tag, str) or child in used:
            continue
        here = f"{path}/{_segment(child)}" if path else _segment(child)
        date = _date(child)
        elements = [c for c in child if isinstance(c.tag, str)]
        if date is not None:
            yield here, date, child.sourceline
        elif elements and not (child.text or "").strip():
            yield from _unread(child, used, here)
        else:  # a leaf, or mixed content (text with inline markup): its words
            value = " ".join(text_of(child).split())
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
