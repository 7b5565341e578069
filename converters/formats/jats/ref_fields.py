"""The element-citation elements of mapping.jats.CITATION_ELEMENTS, both
ways: one reading and one writing function for each ``how`` of the table,
so that what a row writes is what the same row reads."""
from __future__ import annotations

import re

from ... import dates
from ...vocabulary import split_page_range
from .date_elements import access_date, iso, valid_parts
from .elements import kid, kids, rich, sub, sub_rich, text_in

# date-in-citation content-types that mean "accessed"
_ACCESSED_KINDS = ("access-date", "accessed", "cited")


def read_text(citation, tag: str, data: dict):
    return text_in(kid(citation, tag))


def write_text(citation, tag: str, value, problems: list, data: dict) -> None:
    sub(citation, tag, str(value))


def read_rich(citation, tag: str, data: dict):
    return rich(kid(citation, tag))


def write_rich(citation, tag: str, value, problems: list, data: dict) -> None:
    sub_rich(citation, tag, value)


def read_page(citation, tag: str, data: dict):
    """<page-range>, else <fpage>[-<lpage>] as given ("77-77" is what the
    source says), else <elocation-id> (flagged, so it is written back so)."""
    page_range = text_in(kid(citation, "page-range"))
    fpage, lpage = text_in(kid(citation, "fpage")), text_in(kid(citation, "lpage"))
    elocation = text_in(kid(citation, "elocation-id"))
    if page_range:
        return page_range.replace("–", "-")
    if fpage:
        return f"{fpage}-{lpage}" if lpage else fpage
    if elocation:
        data.setdefault("custom", {})["elocation-id"] = True
    return elocation


def write_page(citation, tag: str, value, problems: list, data: dict) -> None:
    page = str(value)
    pages = split_page_range(page)
    if (data.get("custom") or {}).get("elocation-id"):
        sub(citation, "elocation-id", page)
    elif pages:
        sub(citation, "fpage", pages[0])
        sub(citation, "lpage", pages[1])
    elif re.fullmatch(r"\s*\S+\s*", page):
        sub(citation, "fpage", page.strip())
    else:
        sub(citation, "page-range", page)


def read_size(citation, tag: str, data: dict):
    size = kid(citation, tag)
    if size is not None and (size.get("units") or "") == "pages":
        return text_in(size)
    return None


def write_size(citation, tag: str, value, problems: list, data: dict) -> None:
    sub(citation, tag, str(value), units="pages")


def read_date(citation, tag: str, data: dict):
    element = kid(citation, tag)
    value = element.get("iso-8601-date") if element is not None else None
    return dates.parse(value) if value else None


def write_date(citation, tag: str, value, problems: list, data: dict) -> None:
    value = value if isinstance(value, dict) else {}
    start = valid_parts((value.get("date-parts") or [[]])[0])[0]
    if start and len(value.get("date-parts")) == 1:
        sub(citation, tag, iso(start), iso_8601_date=iso(start))
    elif value:
        problems.append(("event-date", f"a {tag} holds one date; left out"))


def read_accessed(citation, tag: str, data: dict):
    accessed = None
    for element in kids(citation, tag):
        if (element.get("content-type") or "access-date") not in _ACCESSED_KINDS:
            continue
        how = element.get("specific-use")
        if how in ("literal", "raw") and text_in(element):
            accessed = {how: text_in(element)}
        else:
            accessed = access_date(element.get("iso-8601-date"), text_in(element)) or accessed
    return accessed


def write_accessed(citation, tag: str, date, problems: list, data: dict) -> None:
    if not isinstance(date, dict):
        return
    for flag in ("circa", "season"):
        if date.get(flag) and date.get("date-parts"):
            problems.append(("accessed", f"<date-in-citation> has no {flag}; left out"))
    parts = date.get("date-parts") or []
    start, _, problem = valid_parts(parts[0]) if parts else ([], None, None)
    if problem:
        problems.append(("accessed", f"{problem}; written without it"))
    if start:
        sub(citation, tag, iso(start), content_type="access-date", iso_8601_date=iso(start))
        return
    for how in ("literal", "raw"):
        if date.get(how):
            sub(citation, tag, str(date[how]), content_type="access-date", specific_use=how)
            return


READERS = {"text": read_text, "rich": read_rich, "page": read_page, "size": read_size,
           "date": read_date, "accessed": read_accessed}
WRITERS = {"text": write_text, "rich": write_rich, "page": write_page, "size": write_size,
           "date": write_date, "accessed": write_accessed}
