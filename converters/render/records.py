"""Records -> citeproc-py's input.

An incomplete author list (a trailing ``{"literal": "others"}``) is passed
on as "et al.", never as a person called "others": which name lists are
incomplete is written on citeproc's Reference objects themselves
(:func:`mark_incomplete`), where the names patch reads it.
"""
from __future__ import annotations

import re
import warnings

from ..model import Record, split_others
from ..vocabulary import month_number
from .richtext import has_markup, literal, mark, smart_quotes

_NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix",
               "literal")
# the variables citeproc-js reads as numbers (its numeric variables)
NUMBER_VARIABLES = frozenset({"volume", "issue", "number", "edition", "chapter-number",
                              "collection-number", "number-of-pages", "number-of-volumes",
                              "page"})
# identifiers, never printed as text, and numbers (their "&" is read)
_NOT_TEXT = NUMBER_VARIABLES | {"id", "type", "language", "page-first", "locator",
                                "citation-number"}
# CSL's date variables
DATE_VARIABLES = frozenset({"accessed", "available-date", "event-date", "issued",
                            "original-date", "submitted"})
# values citeproc-js reads trimmed, white space alone as no value: the note
# and the number variables ("[12]" for " 12 ", where a title prints "[ 12 ]";
# a note of spaces sorts as no key, a title of spaces first)
_TRIMMED = NUMBER_VARIABLES | {"note"}


# what ends the first page of a page value: a range's hyphen or dash, a
# list's ", " or "&" (the spaces around them too)
_PAGE_BREAK = re.compile(r"\s*(?:&|, |-|\u2013)\s*")


def first_page(page: str) -> str:
    """page-first as citeproc-js derives it from page, whatever the item's
    own page-first ("55" from "55-65", "431" from "431-456, 791-823"); a
    first part ending in a backslash (an escaped hyphen) leaves the whole
    page."""
    first = _PAGE_BREAK.split(page, maxsplit=1)[0]
    return page if first.endswith("\\") else first


def as_records(records) -> list[Record]:
    return [r if isinstance(r, Record) else Record(dict(r)) for r in records]


def prepare(records: list[Record]) -> tuple[list[dict], dict[str, set[str]]]:
    """CSL items citeproc-py can read, and which name lists are incomplete
    (lower-cased id -> variables)."""
    items, incomplete = [], {}
    for record in records:
        data, cut = prepare_item(record.data)
        if cut:
            incomplete[str(record.id).lower()] = cut
        items.append(data)
    return items, incomplete


def prepare_item(item: dict) -> tuple[dict, set[str]]:
    """One CSL item made safe for citeproc-py, and the name variables that
    end in "others".  Name variables citeproc-py does not know are left out
    (it would take them for text and fail); an item without a type is read
    as a document, as CSL processors do; rich text in values is marked up
    for citeproc-py (richtext)."""
    from citeproc import NAMES

    data = {k: v for k, v in item.items() if k != "custom"}
    data.setdefault("type", "document")
    cut: set[str] = set()
    for key in [k for k, v in data.items() if _is_names(v) and k.replace("-", "_") not in NAMES]:
        del data[key]
    for key, value in list(data.items()):
        if key in _TRIMMED and isinstance(value, str):
            value = value.strip()
            if not value:
                del data[key]
                continue
            data[key] = value
        if isinstance(value, str) and has_markup(value) and key not in _NOT_TEXT:
            data[key] = mark(value)
        elif _is_names(value):
            people, others = split_others(value)
            people = [_prepared_person(p) for p in people
                      if p.get("family") or p.get("literal") or p.get("given")]
            if others:
                cut.add(key.replace("-", "_"))
            if people:
                data[key] = people
            else:
                del data[key]
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            data[key] = str(value)
    page = data.get("page")
    if page and isinstance(page, str):
        first = first_page(page)
        if first:
            data["page-first"] = first
        else:  # ("-5": no first page, as citeproc-js finds none, the item's own aside)
            data.pop("page-first", None)
    for key in ("issued", "accessed", "original-date", "event-date", "submitted"):
        date = data.get(key)
        if date is not None and (not isinstance(date, dict) or not (
                date.get("date-parts") or date.get("literal") or date.get("raw"))):
            del data[key]
        elif isinstance(date, dict) and not date.get("date-parts") and date.get("raw") \
                and not date.get("literal"):
            parts = parse_raw_date(str(date["raw"]))
            data[key] = {"date-parts": [parts]} if parts else dict(date, literal=date["raw"])
    return data, cut


_YEAR = r"(?P<year>\d{4})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[A-Za-z]+\.?|\d{1,2})"
_RAW_DATES = [re.compile(rf"^\s*{pattern}\s*$") for pattern in (
    _YEAR, rf"{_MONTH},?\s+{_YEAR}", rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}", rf"{_YEAR}[-/]{_MONTH}(?:[-/]{_DAY})?")]


def parse_raw_date(raw: str) -> list[int] | None:
    """A date given as text, as citeproc-js reads it ("September 9, 1993",
    "9 Sept. 1993", "1993-09-09", "Mar 2001", "1993") -> date-parts; None
    for text it would print as written."""
    for pattern in _RAW_DATES:
        match = pattern.match(raw)
        if match is None:
            continue
        found = match.groupdict()
        parts = [int(found["year"])]
        if found.get("month"):
            month = month_number(found["month"])
            if month is None:
                return None
            parts.append(month)
            if found.get("day"):
                parts.append(int(found["day"]))
        return parts
    return None


# A family name's leading words that start in lower case, each ending in a
# space, a hyphen or an apostrophe, are its non-dropping particle ("van
# der Berg", "al-Hassan", "d’Alembert", and "de-Souza-" of "de-Souza-Cruz":
# a word runs to its last hyphen); citeproc-js splits them off, so the
# name sorts under Berg, Hassan, Alembert, Cruz and
# "demote-non-dropping-particle" can act on them.
_FAMILY_WORD = re.compile(r"^([^ ]+(?:-|\u02bb|\u2019| |') *)(.+)$", re.S)
_WORD_START = re.compile(r"^[-'\u02bb\u2019\s]*")


def _prepared_person(raw: dict) -> dict:
    person = {k: _name_part(v) for k, v in _comma_suffix(raw).items() if k in _NAME_PARTS}
    if "family" not in person and "literal" not in person:
        return {"family": person["given"]}
    return person if raw.get("parse-names") in (False, "false") else _person(person)


def _person(person: dict) -> dict:
    """The particles of a family name read as citeproc-js reads them: none
    from a family name in double quotes (taken as written, without them:
    "\"van Happel\"" sorts and prints as "van Happel") or from a name
    with parse-names false; otherwise its leading lower-case words
    (_particles).
    (bugreports_parseName, name_ParticleCaps3,
    name_HyphenatedNonDroppingParticle1 and 2, name_ArticularWithComma)"""
    family = person.get("family")
    if not isinstance(family, str) or "non-dropping-particle" in person:
        return person
    if len(family) > 2 and family[0] == family[-1] == '"':
        return dict(person, family=family[1:-1])
    return _particles(person)


def _comma_suffix(person: dict) -> dict:
    """``comma-suffix`` (a comma before the suffix even where the name is
    not inverted, "John, Jr.") is written into the given name as
    patches.name_parts reads it ("John,! Jr."); citeproc-py has no such
    name part and would refuse the name."""
    if not person.get("comma-suffix") or not person.get("suffix"):
        return person
    kept = {k: v for k, v in person.items() if k not in ("comma-suffix", "suffix")}
    kept["given"] = f"{person.get('given', '')},! {person['suffix']}"
    return kept


def _particles(person: dict) -> dict:
    """citeproc-js's reading, for a name with a given name: each leading
    word of the family name whose first letter (after a hyphen or
    apostrophe) is lower case is a particle, up to the first that is not."""
    family = person.get("family")
    if not isinstance(family, str) or not person.get("given"):
        return person
    rest, particles = family, []
    found = _FAMILY_WORD.match(rest)
    while found:
        first = _WORD_START.sub("", found.group(1))[:1]
        if not first or first.upper() == first:
            break
        particles.append(found.group(1))
        rest = found.group(2)
        found = _FAMILY_WORD.match(rest)
    if not particles:
        return person
    particle = "".join(particles)
    trimmed = particle.strip()
    if particle.endswith(" ") and trimmed.endswith(("'", "\u2019")):
        trimmed += " "  # "d’ Alembert" keeps its space
    return dict(person, family=rest, **{"non-dropping-particle": trimmed})


def _name_part(value):
    """A name's apostrophe is typographic, as in other text ("O’Carroll"),
    and its ``<``, ``>`` and ``&`` are printed as such, escaped in HTML
    ("AT&#38;T" as citeproc-js prints it), never read as markup."""
    if not isinstance(value, str):
        return value
    if "<" in value or ">" in value or "&" in value:
        value = literal(value)
    return smart_quotes(value) if "'" in value else value


def _is_names(value) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


def source_for(items: list[dict], incomplete: dict[str, set[str]]):
    """citeproc-py's bibliography source, each reference told which of its
    name lists are incomplete."""
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON(items)
    for key, variables in incomplete.items():
        if key in source:
            mark_incomplete(source[key], variables)
    return source


def mark_incomplete(reference, variables: set[str]) -> None:
    # object.__setattr__: citeproc's Reference turns attributes into variables
    object.__setattr__(reference, "bibconv_incomplete", frozenset(variables))


def incomplete_variables(reference) -> frozenset:
    return vars(reference).get("bibconv_incomplete", frozenset())
