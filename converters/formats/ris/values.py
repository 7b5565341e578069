"""RIS values <-> CSL values, both directions: names, dates, serial
numbers, one-line text, and the facts bibconv carries in notes."""
from __future__ import annotations

import re

from ... import vocabulary
from ...mapping import ris as M
from ...model import OTHERS, strip_markup


def first_value(value) -> str:
    if isinstance(value, list):
        value = next((v for v in value if str(v).strip()), "")
    return str(value or "").strip()


def all_values(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in values if str(v or "").strip()]


# "Yang Z", "Adler D.G.", "Troiano L P": a family name then initials, with
# no comma (Vancouver order: Embase, EPPI-Reviewer, PubMed's own exports)
# Matched from the end only: a long token of junk costs one pass, not a
# backtracking search over where a family name could end.
_TRAILING_INITIALS = re.compile(r"(?:^| )([A-Z](?:\.?[ -]?[A-Z]){0,3}\.?)$")


def _family_initials(text: str) -> tuple[str, str] | None:
    found = _TRAILING_INITIALS.search(text[-12:])
    if not found or found.start(1) == 0:
        return None
    cut = len(text) - len(found.group(1))
    family = text[:cut].rstrip()
    return (family, found.group(1)) if any(c.islower() for c in family) else None


def parse_name(text: str) -> dict | None:
    """A RIS name ("Family, Given[, Suffix]", "Family Initials"; else, with
    no comma, an organisation)."""
    text = " ".join(text.split()).strip()
    if not text:
        return None
    if vocabulary.is_others_word(text) or text.lower() in M.ET_AL_MORE:
        return dict(OTHERS)
    if "," not in text:
        vancouver = _family_initials(text)
        if not vancouver:
            return {"literal": text}
        text = f"{vancouver[0]}, {vancouver[1]}"
    family, _, rest = text.partition(",")
    parts = [p.strip() for p in rest.split(",")]
    name: dict = {}
    words = family.split()
    particles = []
    while len(words) > 1 and words[0].islower():
        particles.append(words.pop(0))
    if words:
        name["family"] = " ".join(words)
    if parts and parts[0]:
        name["given"] = parts[0]
    if particles:
        name["non-dropping-particle"] = " ".join(particles)
    if len(parts) > 1 and parts[1]:
        name["suffix"] = ", ".join(p for p in parts[1:] if p)
    return name or {"literal": text}


def parse_date(text: str) -> dict | None:
    """RIS dates: "2019", "2019/05/12/", "2019/05//Spring", "2019-05-12",
    "May 2019", "12 May 2019"."""
    text = (text or "").strip()
    match = re.match(r"^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?(?:/(.*))?$", text)
    if match:
        year = int(match.group(1))
        if year == 0:
            return None
        part = [year]
        month = int(match.group(2)) if match.group(2) else None
        if month and 1 <= month <= 12:
            part.append(month)
            day = int(match.group(3)) if match.group(3) else None
            if day and 1 <= day <= 31:
                part.append(day)
        return {"date-parts": [part]}
    found_year = re.search(r"\b(1\d{3}|20\d{2})\b", text)
    if not found_year:
        return None
    part = [int(found_year.group(1))]
    found_month = re.search(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?",
                            text, re.I)
    if found_month:
        part.append(vocabulary.MONTHS[found_month.group(1).lower()])
        rest = text.replace(found_year.group(1), " ").replace(found_month.group(0), " ")
        found_day = re.search(r"\b(\d{1,2})\b", rest)
        if found_day and 1 <= int(found_day.group(1)) <= 31:
            part.append(int(found_day.group(1)))
    return {"date-parts": [part]}


def record_date(fields: dict) -> tuple[dict | None, str | None]:
    """DA (the full date) wins over PY and Y1 (the year); when DA has no
    year but PY has, PY's year and DA's month and day are put together."""
    da = parse_date(first_value(fields.get("DA")))
    py = parse_date(first_value(fields.get("PY"))) or parse_date(first_value(fields.get("Y1")))
    tag = "PY" if "PY" in fields else "Y1"
    if da:
        if py and len(py["date-parts"][0]) > len(da["date-parts"][0]) and \
                py["date-parts"][0][0] == da["date-parts"][0][0]:
            return py, tag
        return da, "DA"
    if py:
        return py, tag
    # "DA  - May 12" with the year in PY
    year = py or None
    return year, None


def _is_isbn(value: str) -> bool:
    digits = re.sub(r"[^0-9Xx]", "", value)
    return len(digits) in (10, 13) and not re.fullmatch(r"\d{4}-?\d{3}[\dXx]", value.strip())


def serial_kind(value: str, csl_type: str) -> str:
    """"ISBN" or "ISSN" for a serial number as RIS's SN and EndNote's <isbn>
    give it (one field for both): an ISSN's shape wins, then an ISBN's, then
    the type (a book's number is its ISBN)."""
    if re.fullmatch(r"\d{4}-?\d{3}[\dXx]", value):
        return "ISSN"
    return "ISBN" if _is_isbn(value) or csl_type in ("book", "chapter") else "ISSN"


def carried_value(text: str):
    """A carried fact's value as written in a ``bibconv:key=value`` note."""
    return int(text) if text.isdigit() else text == "true" if text in ("true", "false") \
        else text



# what ends or breaks a line, with the blanks around it: folded into one
# space (a tag's value is one line).  Every other space is text, kept as
# written: a thin space (p\u2009=\u20090.05), two after a full stop.
_LINE_BREAK = re.compile(r"[ \t]*[\n\r\f\v\x1c-\x1e\x85\u2028\u2029]+[ \t]*")


def without_blank_ends(lines: list[str]) -> list[str]:
    """A note's lines without the blank ("") lines that begin or end it:
    the blank lines inside are its paragraphs (RIS N1, EndNote <notes>)."""
    start = next((n for n, line in enumerate(lines) if line), len(lines))
    end = next((n for n in range(len(lines), start, -1) if lines[n - 1]), start)
    return lines[start:end]


def one_line(value) -> str:
    return _LINE_BREAK.sub(" ", strip_markup(str(value))).strip(" \t")


def format_name(name: dict) -> str:
    if "literal" in name:
        return one_line(name["literal"])
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
    if not family:
        return one_line(given)
    text = f"{family}, {given}" if given else f"{family},"
    if name.get("suffix"):
        text += f", {name['suffix']}" if given else f" {name['suffix']}"
    return one_line(text)


def date_out(date) -> tuple[str | None, str | None, bool]:
    """CSL date -> (PY year, DA full date or None, whether something was lost)."""
    if not isinstance(date, dict):
        return None, None, True
    from ...dates import numbers

    parts = date.get("date-parts") or []
    first = numbers(parts[0]) if parts else []
    if not first:
        return None, None, True
    lost = len(parts) > 1 or bool(date.get("circa")) or bool(date.get("season"))
    year = f"{first[0]:04d}" if first[0] >= 0 else None
    if year is None:
        return None, None, True
    full = "/".join([year] + [f"{p:02d}" for p in first[1:3]]) if len(first) > 1 else None
    return year, full, lost




def carried_notes(custom: dict) -> list[str]:
    """The ``bibconv:key=value`` notes for the facts bibconv carries."""
    notes = []
    for key in M.CARRIED_CUSTOM:
        value = custom.get(key)
        if value not in (None, False, ""):
            notes.append(f"{M.NOTE_PREFIX}{key}={str(value).lower() if value is True else value}")
    return notes

