"""Rules JSON Schema cannot express, keyed by the same codes as the profile
rules: completeness a listing declares, checksums, dates, page ranges, and
duplicates across records.

A check takes one record's CSL data and yields (message, pointer) pairs;
``duplicate-record`` looks at the whole collection.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from typing import Callable, Iterable, Iterator

from ..model import is_others, split_others

Finding = tuple[str, str]  # (message, JSON pointer)
CHECKS: dict[str, Callable[[dict], Iterable[Finding]]] = {}


def check(code: str):
    def register(function):
        CHECKS[code] = function
        return function
    return register


# -- completeness -----------------------------------------------------------

# What an abstract may end with when it is whole: sentence punctuation, maybe
# inside a closing quote or bracket.
_WHOLE_ENDING = re.compile(r"[.!?;][\"'”’)\]]*$|[)\]]$")


@check("abstract-truncated")
def abstract_truncated(data: dict) -> Iterator[Finding]:
    abstract = data.get("abstract")
    if not isinstance(abstract, str) or not abstract.strip():
        return
    text = abstract.rstrip()
    if (data.get("custom") or {}).get("abstract-truncated"):
        yield "the abstract was cut by its source and nothing follows the cut", "/abstract"
    elif text.endswith(("…", "...")):
        yield "the abstract ends with an ellipsis: it was cut short", "/abstract"
    elif not _WHOLE_ENDING.search(text):
        tail = " ".join(text.split()[-5:])
        yield f"the abstract ends mid-sentence: '…{tail}'", "/abstract"


@check("authors-incomplete")
def authors_incomplete(data: dict) -> Iterator[Finding]:
    for role in ("author", "editor"):
        names = data.get(role)
        if not isinstance(names, list) or not names:
            continue
        people, incomplete = split_others(names)
        declared = (data.get("custom") or {}).get(f"{role}-count")
        stray = [i for i, n in enumerate(people) if is_others(n) or _others_person(n)]
        if stray:
            yield (f"the {role} list has 'others' inside it, a name the source did not give",
                   f"/{role}/{stray[0]}")
        elif isinstance(declared, int) and declared > len(people):
            yield (f"the {role} list is incomplete: {len(people)} of {declared} names given",
                   f"/{role}")
        elif incomplete:
            yield f"the {role} list is incomplete (it ends with 'et al.')", f"/{role}"


def _others_person(name) -> bool:
    # "and others" parsed as a person by a sloppy tool: {"family": "others"}
    return isinstance(name, dict) and not name.get("given") and str(
        name.get("family", "")).strip().lower() in {"others", "et al.", "et al"}


# -- identifiers ------------------------------------------------------------

def _standard_numbers(data: dict, variable: str, module: str, separators: str):
    """Check each number in a (possibly list-like) ISBN or ISSN field with
    python-stdnum; yield a finding for each one that fails."""
    import importlib

    from stdnum.exceptions import ValidationError

    value = data.get(variable)
    if not isinstance(value, str):
        return
    validator = importlib.import_module(f"stdnum.{module}")
    for candidate in re.split(separators, value.strip()):
        if not candidate:
            continue
        try:
            validator.validate(candidate)
        except ValidationError as exc:
            yield f"{variable} {candidate!r} is not valid: {_lower(exc)}", f"/{variable}"


@check("isbn-invalid")
def isbn_invalid(data: dict) -> Iterator[Finding]:
    # ISBNs are separated by commas, semicolons, or spaces before a new one
    yield from _standard_numbers(data, "ISBN", "isbn", r"[,;]\s*|\s+(?=\d{9})")


@check("issn-invalid")
def issn_invalid(data: dict) -> Iterator[Finding]:
    yield from _standard_numbers(data, "ISSN", "issn", r"[,;]\s*|\s+")


_ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")


@check("orcid-invalid")
def orcid_invalid(data: dict) -> Iterator[Finding]:
    from stdnum.iso7064 import mod_11_2

    details = ((data.get("custom") or {}).get("name-details") or {})
    for role, entries in details.items():
        if not isinstance(entries, list):
            continue
        for index, extra in enumerate(entries):
            if not isinstance(extra, dict):
                continue
            for key in ("ORCID", "orcid"):
                value = extra.get(key)
                if not isinstance(value, str):
                    continue
                match = _ORCID.match(value.strip())
                pointer = f"/custom/name-details/{role}/{index}/{key}"
                if not match:
                    yield f"ORCID {value!r} is not of the form 0000-0000-0000-000X", pointer
                elif not mod_11_2.is_valid(match.group(1).replace("-", "")):
                    yield f"ORCID {value!r} fails its check digit", pointer


def _lower(exc) -> str:
    text = str(exc)
    return text[:1].lower() + text[1:]


# -- dates and pages --------------------------------------------------------

_DATES = ("issued", "accessed", "original-date", "event-date", "submitted", "available-date")


@check("date-invalid")
def date_invalid(data: dict) -> Iterator[Finding]:
    for key in _DATES:
        value = data.get(key)
        if not isinstance(value, dict) or "date-parts" not in value:
            continue
        for index, part in enumerate(value.get("date-parts") or []):
            problem = _date_problem(part)
            if problem:
                yield f"{key}: {problem}", f"/{key}/date-parts/{index}"


def _date_problem(part) -> str | None:
    try:
        numbers = [int(p) for p in part]
    except (TypeError, ValueError):
        return f"{part!r} is not a date of whole numbers"
    if not numbers:
        return "an empty date"
    year, month, day = (numbers + [None, None])[:3]
    if not -9999 <= year <= 9999:
        return f"year {year} is out of range"
    if month is not None:
        # 13-16 and 21-24 are the seasons some tools write as pseudo-months.
        if not (1 <= month <= 12 or 13 <= month <= 16 or 21 <= month <= 24):
            return f"month {month} does not exist"
        if day is not None:
            if month > 12:
                return "a season has no days"
            last = calendar.monthrange(year if year > 0 else 2000, month)[1]
            if not 1 <= day <= last:
                return f"day {day} does not exist in {calendar.month_name[month]} {year}"
    return None


_RANGE = re.compile(r"^\s*(\d+)\s*[-–—]+\s*(\d+)\s*$")


@check("pages-invalid")
def pages_invalid(data: dict) -> Iterator[Finding]:
    value = data.get("page")
    if not isinstance(value, str):
        return
    for piece in value.split(","):
        match = _RANGE.match(piece)
        if not match:
            continue
        first, last = match.groups()
        # "1234-56" is an abbreviated range (1234-1256), not a backwards one.
        if len(last) < len(first):
            last = first[:len(first) - len(last)] + last
        if int(first) > int(last):
            yield f"the page range {piece.strip()!r} ends before it starts", "/page"


# -- across records ---------------------------------------------------------

def _normal_title(title: str) -> str:
    text = unicodedata.normalize("NFKD", title.casefold())
    return re.sub(r"[\W_]+", " ", "".join(c for c in text if not unicodedata.combining(c))).strip()


def _first_family(data: dict) -> str:
    people, _ = split_others(data.get("author") or data.get("editor"))
    if not people:
        return ""
    first = people[0]
    return _normal_title(str(first.get("family") or first.get("literal") or ""))


def duplicates(records) -> Iterator[tuple[int, str, str]]:
    """(index of the later record, message, pointer) for each duplicate."""
    by_doi: dict[str, str] = {}
    by_title: dict[tuple[str, str], str] = {}
    for index, record in enumerate(records):
        data = record.data
        doi = data.get("DOI")
        if isinstance(doi, str) and doi.strip():
            key = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", doi.strip().lower())
            if key in by_doi:
                yield index, f"same DOI as record {by_doi[key]!r}", "/DOI"
                continue
            by_doi[key] = record.id
        title = data.get("title")
        if isinstance(title, str) and title.strip():
            key2 = (_normal_title(title), _first_family(data))
            if key2 in by_title:
                yield (index, f"same title and first author as record {by_title[key2]!r}",
                       "/title")
                continue
            by_title[key2] = record.id
