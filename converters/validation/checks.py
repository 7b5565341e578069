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
from collections.abc import Callable, Iterable, Iterator

from ..model import is_others, split_others
from ..vocabulary import DOI_PREFIX_PATTERN, is_others_word, split_page_range, strip_doi_prefix

Finding = tuple[str, str]  # (message, JSON pointer)
CHECKS: dict[str, Callable[[dict], Iterable[Finding]]] = {}


def check(code: str):
    def register(function):
        CHECKS[code] = function
        return function
    return register


# -- completeness -----------------------------------------------------------

# What publishers append after the abstract proper: eLife's object-id
# ("DOI: http://dx.doi.org/10.7554/eLife.02304.001"), a bare DOI link, a
# copyright or licence line.  They say nothing about whether the text is whole.
_DOI_TRAILER = re.compile(
    r"\s*(?:DOI\s*:?\s*)?" + DOI_PREFIX_PATTERN + r"?10\.\d{4,9}/\S+\s*$",
    re.IGNORECASE)
# A copyright or licence statement starts a sentence of its own and runs to
# the end ("… © 2010 Elsevier B.V. All rights reserved").
_LICENCE = re.compile(
    r"(?:^|(?<=[.!?]))\s*(?:©|\(c\)\s*\d{4}|copyright\b|published by\b|all rights reserved\b"
    r"|this (?:is an )?(?:open[- ]access )?article (?:is )?(?:distributed|licensed|protected|published)"
    r"|licensed under\b|creative commons\b)", re.IGNORECASE)
# Text that stands where an abstract should be: the record has none.
PLACEHOLDER = re.compile(
    r"^\W*(?:no abstract(?: is)?(?: available)?|abstract not available|not available"
    r"|without abstract|n/?a|none|no summary available|abstract)\W*$", re.IGNORECASE)
_MARKUP = re.compile(r"<[^>]{0,200}>|&nbsp;|&#160;")
# A database's own note that it shortened the text.
_CUT_NOTE = re.compile(r"\((?:abstract )?truncated(?: at \d+ words)?\)\W*$", re.IGNORECASE)
# Words a sentence cannot end on: a number after one of these was cut off
# from what followed ("an efficiency of 0.117", "rose from 85 to 10").
_DANGLING = frozenset("""a an the of to in on at by for from with and or nor but than as about
    over under below above between into onto upon via per is are was were be been being its their
    our this that these those which whose when where while if because approximately around nearly
    almost reached reaches exceeds exceeded exceeding achieved yields yielded ~ ≈ ± < > ≤ ≥ = ⩽ ⩾
    up down within near only some""".split())
_WORD_END = re.compile(r"[^\W\d_]$")         # ends with a letter
# A number, or a registry's id (ISRCTN76742797, NCT01975428); not a formula
# word such as "Cu2O", which ends a cut sentence like any other word.
_IDENTIFIER = re.compile(r"[A-Za-z]{0,10}\d{4,}[\w./-]*|[\d.,%‰°]+")


def abstract_text(abstract: str) -> str:
    """The abstract as a reader sees it: markup out, publisher trailers off."""
    text = " ".join(_MARKUP.sub(" ", abstract).split())
    while True:
        before = text
        text = _DOI_TRAILER.sub("", text).rstrip()
        found = [m.start() for m in _LICENCE.finditer(text)]
        if found and found[-1] > 0 and len(text) - found[-1] < 400:
            text = text[:found[-1]].rstrip()
        if text == before:
            return text


def _cut_at(text: str) -> str | None:
    """Why ``text`` looks cut, or None when it may well be whole."""
    if _CUT_NOTE.search(text):
        return "the abstract says its source truncated it"
    if re.search(r"(?:…|\.\.\.)[\])]?$", text):  # "…", "...", "[…]"
        return "the abstract ends with an ellipsis: it was cut short"
    words = text.split()
    tail = " ".join(words[-5:])
    if re.search(r"[.!?][\"'”’»)\]]*$", text):
        return None
    # A closing bracket or quote ends a cited phrase, a formula or a
    # reference: not a cut by itself.
    if re.search(r"[)\]}\"”’»]$", text):
        return None
    if re.search(r"[:,(\[–—/&=+×<>≤≥±-]$", text):
        return f"the abstract ends mid-sentence: '…{tail}'"
    if len(words) < 4:
        return None  # a label ("Abstract note"), too short to be a cut sentence
    formula = re.search(r"\$[^$]+\$$", text)
    if formula:
        # Inline TeX math ends the abstract: judge by the word before it.
        words = text[:formula.start()].split() + ["$…$"]
    last = words[-1]
    if _WORD_END.search(last) and not _IDENTIFIER.fullmatch(last):
        if last.lower() in _DANGLING:
            return f"the abstract ends mid-sentence: '…{tail}'"
        # The sentence may be whole but for its full stop; say what is seen.
        return f"the abstract's last sentence never ends (no full stop): '…{tail}'"
    # A number, formula or identifier may end a whole abstract ("Trial
    # registration: ISRCTN76742797"); it is a cut when the word before it
    # cannot end a sentence.
    before = words[-2].lower().strip("(\"'") if len(words) > 1 else ""
    if before in _DANGLING:
        return f"the abstract ends mid-sentence: '…{tail}'"
    return None


@check("abstract-truncated")
def abstract_truncated(data: dict) -> Iterator[Finding]:
    abstract = data.get("abstract")
    if (data.get("custom") or {}).get("abstract-truncated"):
        yield "the abstract was cut by its source and nothing follows the cut", "/abstract"
        return
    if not isinstance(abstract, str) or not abstract.strip():
        return
    text = abstract_text(abstract)
    if not text or PLACEHOLDER.match(text):
        return  # abstract-missing says it
    reason = _cut_at(text)
    if reason:
        yield reason, "/abstract"


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
    return isinstance(name, dict) and not name.get("given") and is_others_word(
        str(name.get("family", "")))


# -- identifiers ------------------------------------------------------------

# Between the numbers of one field: commas, semicolons, slashes, "and", line
# breaks (also the "\\r" a Mendeley export writes as "\\textbackslashr").
_NUMBER_SEPARATORS = re.compile(
    r"\\textbackslash[rn]|\\[rn]|[,;/\n\r]|\band\b|\s+(?=[(\[])", re.IGNORECASE)
# What qualifies a number: "(print)", "[pbk.]", "hardcover", "e-book", "ISSN".
_QUALIFIER = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_NUMBERISH = re.compile(r"[0-9][0-9Xx\s-]*[0-9Xx]|[0-9]")
_DOI_LIKE = re.compile(r"(?:doi:\s*)?10\.\d{4,9}/\S+", re.IGNORECASE)


def identifier_values(value) -> list[tuple[str, str]]:
    """Each number of an ISBN or ISSN field as (number, what was written):
    "0-226-10392-7 (hardcover), 0-226-10393-5 (paperback)" gives two; the
    qualifiers are kept in what was written, placeholders ("??") give none."""
    texts = value if isinstance(value, list) else [value]
    found: list[tuple[str, str]] = []
    for text in texts:
        if not isinstance(text, str):
            continue
        # A DOI holds slashes and dots: take it out whole before splitting.
        found.extend((doi, doi) for doi in _DOI_LIKE.findall(text))
        for piece in _NUMBER_SEPARATORS.split(_DOI_LIKE.sub(" ", text)):
            written = " ".join(piece.split())
            if not written:
                continue
            bare = _QUALIFIER.sub(" ", written)
            # Several numbers may share a piece, split by spaces
            # ("978-1-5106-1549-6 978-1-5106-1550-2", "1530-6984 1530-6992").
            for number in _NUMBERISH.findall(bare):
                number = number.strip()
                parts = number.split()
                if len(parts) > 1 and all(len(p.replace("-", "")) in (8, 10, 13) for p in parts):
                    found.extend((p, written) for p in parts)
                else:
                    found.append((number, written))
    return found


def _standard_numbers(data: dict, variable: str, module: str, other: str):
    """Check each number of an ISBN or ISSN field with python-stdnum; say so
    when the number is valid as the other kind (an ISSN in the ISBN field)."""
    import importlib

    from stdnum.exceptions import ValidationError

    value = data.get(variable)
    validator = importlib.import_module(f"stdnum.{module}")
    wrong_kind = importlib.import_module(f"stdnum.{other}")
    numbers = identifier_values(value)
    # Short runs of digits are volumes, pages or years copied into the field
    # ("Vol. 19, No. 160, April 1969"); they are not numbers to check.
    checked = [(n, w) for n, w in numbers
               if _DOI_LIKE.fullmatch(n) or len(re.sub(r"[\s-]", "", n)) >= 8]
    if numbers and not checked:
        text = value if isinstance(value, str) else "; ".join(map(str, value or ()))
        yield f"{variable} field holds no {variable}: {' '.join(text.split())!r}", f"/{variable}"
    for number, written in checked:
        shown = written if written == number else f"{number} (in {written!r})"
        if _DOI_LIKE.fullmatch(number):
            yield f"{variable} field holds a DOI, not an {variable}: {shown}", f"/{variable}"
            continue
        try:
            validator.validate(number)
        except ValidationError as exc:
            if wrong_kind.is_valid(number):
                yield (f"{variable} field holds an {other.upper()}, not an {variable}: {shown}",
                       f"/{variable}")
            else:
                yield f"{variable} {shown!r} is not valid: {_lower(exc)}", f"/{variable}"


@check("isbn-invalid")
def isbn_invalid(data: dict) -> Iterator[Finding]:
    yield from _standard_numbers(data, "ISBN", "isbn", "issn")


@check("issn-invalid")
def issn_invalid(data: dict) -> Iterator[Finding]:
    yield from _standard_numbers(data, "ISSN", "issn", "isbn")


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
    year = numbers[0]
    month: int | None = numbers[1] if len(numbers) > 1 else None
    day: int | None = numbers[2] if len(numbers) > 2 else None
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


@check("pages-invalid")
def pages_invalid(data: dict) -> Iterator[Finding]:
    value = data.get("page")
    if not isinstance(value, str):
        return
    for piece in value.split(","):
        pair = split_page_range(piece)
        if not pair or not (pair[0].isdecimal() and pair[1].isdecimal()):
            continue
        first, last = pair
        # "236802-1" is page 1 of article 236802 (APS and AIP write it so).
        if len(first) >= 5 and len(last) <= 2:
            continue
        # "1234-56" is an abbreviated range (1234-1256), not a backwards one.
        if len(last) < len(first):
            last = first[:len(first) - len(last)] + last
        if int(first) > int(last):
            yield f"the page range {piece.strip()!r} ends before it starts", "/page"


# -- across records ---------------------------------------------------------

_TAGS = re.compile(r"</?(?:i|b|sup|sub|sc|span|em|strong)\b[^>]*>", re.IGNORECASE)


def _normal_title(title: str) -> str:
    from ..model import strip_markup

    text = unicodedata.normalize("NFKD", _TAGS.sub("", strip_markup(title)).casefold())
    return re.sub(r"[\W_]+", " ", "".join(c for c in text if not unicodedata.combining(c))).strip()


def _families(data: dict) -> tuple[str, ...]:
    people, _ = split_others(data.get("author") or data.get("editor"))
    return tuple(_normal_title(str(p.get("family") or p.get("literal") or ""))
                 for p in people if isinstance(p, dict))


def _year(data: dict):
    try:
        return int(data["issued"]["date-parts"][0][0])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _doi_key(data: dict) -> str | None:
    doi = data.get("DOI")
    if not isinstance(doi, str):
        return None
    key = strip_doi_prefix(doi.strip().lower())
    return key if re.match(r"^10[./]\S+$", key) else None


def _plain(value) -> str:
    return _normal_title(str(value)) if value not in (None, "") else ""


# What tells two records of the same title and authors apart: another
# edition, another volume or issue of a series (tugboat's recurring columns),
# other pages, another container or kind of work.
_DISTINCT = ("edition", "volume", "issue", "page", "number", "version", "container-title",
             "collection-number", "chapter-number", "volume-title")


def _differences(a: dict, b: dict) -> list[str]:
    found = [key for key in _DISTINCT if _plain(a.get(key)) and _plain(b.get(key))
             and _plain(a.get(key)) != _plain(b.get(key))]
    if a.get("type") and b.get("type") and a["type"] != b["type"]:
        found.append("type")
    # One volume of a multi-volume work beside the whole work.
    for one, other in ((a, b), (b, a)):
        if (one.get("volume") or one.get("volume-title")) and other.get("number-of-volumes") \
                and not other.get("volume"):
            found.append("volume")
    da, db = _doi_key(a), _doi_key(b)
    if da and db and da != db:
        found.append("DOI")
    ya, yb = _year(a), _year(b)
    if ya and yb and ya != yb:
        found.append("year")
    return found


def _same_people(a: tuple, b: tuple) -> bool:
    # One list may stop early ("et al."): the shorter must begin the longer.
    if not a or not b:
        return a == b
    shorter, longer = sorted((a, b), key=len)
    return longer[:len(shorter)] == shorter


def _rest(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("id", "title", "custom")}


def _where(record) -> str:
    import os

    origin = record.origin
    place = os.path.basename(origin.file) if origin.file else ""
    if origin.line:
        place = f"{place}:{origin.line}" if place else f"line {origin.line}"
    return f"{record.id!r} ({place})" if place else repr(record.id)


def duplicates(records) -> Iterator[tuple[int, str, str]]:
    """(index of the later record, message, pointer) for each record that
    repeats an earlier one: the same DOI, or the same title, authors and year
    with nothing (edition, volume, issue, pages ...) that tells them apart."""
    by_doi: dict[str, list[int]] = {}
    by_title: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        data = record.data
        doi = _doi_key(data)
        reported = False
        for earlier in by_doi.get(doi, ()) if doi else ():
            other = records[earlier].data
            # A volume's DOI on each of its chapters: other pages, other works.
            apart = [k for k in ("page", "volume", "issue") if k in _differences(data, other)]
            # ... or other titles by other people (a book's DOI on two chapters).
            if apart or (_normal_title(str(data.get("title", ""))) !=
                         _normal_title(str(other.get("title", "")))
                         and not _same_people(_families(data), _families(other))):
                continue
            yield (index, f"same DOI {data['DOI'].strip()} as record {_where(records[earlier])}",
                   "/DOI")
            reported = True
            break
        if doi:
            by_doi.setdefault(doi, []).append(index)
        if reported:
            continue
        title = data.get("title")
        if not isinstance(title, str) or not _normal_title(title):
            continue
        key = _normal_title(title)
        people = _families(data)
        for earlier in by_title.get(key, ()):
            other = records[earlier].data
            if not _same_people(people, _families(other)) or _differences(data, other):
                continue
            if _year(data) is None and _year(other) is None and not people \
                    and _rest(data) != _rest(other):
                continue  # only a title in common: too little to call it one work
            matched = ["title"] + (["authors"] if people else []) + \
                (["year"] if _year(data) else [])
            same = (", ".join(matched[:-1]) + " and " + matched[-1] if len(matched) > 1
                    else matched[0])
            yield (index, f"same work as record {_where(records[earlier])}: same {same}, "
                          f"nothing (edition, volume, issue, pages) tells them apart", "/title")
            break
        by_title.setdefault(key, []).append(index)
