"""The values of PubMed XML elements as CSL values: rich text, titles,
abstracts, names, dates (<PubDate> and its free-text <MedlineDate>) and
MEDLINE's shortened page ranges."""
from __future__ import annotations

import re

from ...mapping import pubmed as M
from ...vocabulary import month_number, split_page_range
from ...xmlsafe import local, text_of


def kid(element, name: str):
    """The first child named ``name`` (PubMed XML has no namespaces)."""
    if element is None:
        return None
    for child in element:
        if local(child.tag) == name:
            return child
    return None


def kids(element, name: str) -> list:
    return [] if element is None else [c for c in element if local(c.tag) == name]


def text(element) -> str:
    return text_of(element) if element is not None else ""


def last_line(element) -> int | None:
    """The last line an element's content reaches."""
    lines = [n.sourceline for n in element.iter() if isinstance(n.sourceline, int)]
    return max(lines) if lines else None


def rich(element) -> str:
    """An element's text as CSL rich text: PubMed's <i>, <b>, <sup>, <sub>
    become CSL's; other markup (<u>, MathML) keeps its words."""
    if element is None:
        return ""
    parts: list[str] = []

    def walk(node, top: bool) -> None:
        if not isinstance(node.tag, str):  # an entity left unexpanded
            parts.append(node.tail or "")
            return
        tag = None if top else M.RICH.get(local(node.tag))
        parts.append(f"<{tag}>" if tag else "")
        parts.append(node.text or "")
        for child in node:
            walk(child, False)
        parts.append(f"</{tag}>" if tag else "")
        if not top:
            parts.append(node.tail or "")

    walk(element, True)
    value = re.sub(r"[ \t\r\n]+", " ", "".join(parts))
    value = re.sub(r"<(i|b|sup|sub)>(\s*)</\1>", r"\2", value)
    return re.sub(r"^\s+|\s+$", "", value)


def title(element) -> str:
    """A title without the full stop MEDLINE ends every title with (a
    question or an ellipsis keeps its own ending); "" for MEDLINE's
    "[Not Available]." (a foreign title with no English translation)."""
    value = rich(element)
    if value.lower() in M.NOT_AVAILABLE:
        return ""
    if value.endswith(".") and not value.endswith(".."):
        value = value[:-1].rstrip()
    return value


def abstract(element) -> str:
    """The <AbstractText> parts a blank line apart, each after its label
    ("BACKGROUND: ..."), as bibconv's JATS reader joins an abstract's
    sections."""
    paragraphs = []
    for part in kids(element, "AbstractText"):
        words = text(part)
        label = (part.get("Label") or "").strip()
        if words and label and label.lower() not in M.EMPTY_LABELS:
            words = f"{label}: {words}"
        if words:
            paragraphs.append(words)
    return "\n\n".join(paragraphs)


# -- names ---------------------------------------------------------------------

def initials(value: str) -> str:
    """MEDLINE's run-together initials as a given name ("JA" -> "J. A.")."""
    letters = [c for c in value if c.isalpha()]
    return " ".join(f"{c}." for c in letters)


def has_name(author) -> bool:
    """Whether an <Author> is a name author_list keeps: it has a <LastName>
    or a <CollectiveName> (the one rule; attached.affiliations counts by it)."""
    return bool(text(kid(author, "LastName")) or text(kid(author, "CollectiveName")))


def person(author) -> dict | None:
    """One <Author> as a CSL name: a person, or a group (<CollectiveName>)."""
    if not has_name(author):
        return None
    collective = text(kid(author, "CollectiveName"))
    family = text(kid(author, "LastName"))
    if not family:
        return {"literal": collective} if collective else None
    name = {"family": family}
    given = text(kid(author, "ForeName")) or initials(text(kid(author, "Initials")))
    if given:
        name["given"] = given
    suffix = text(kid(author, "Suffix"))
    if suffix:
        name["suffix"] = suffix
    orcid = next((text(i) for i in kids(author, "Identifier")
                  if (i.get("Source") or "").upper() == "ORCID" and text(i)), None)
    if orcid:
        name["ORCID"] = orcid
    return name


def author_list(element) -> tuple[str, list[dict]]:
    """(CSL role, names) of an <AuthorList>; an author NLM marks invalid
    (ValidYN="N", a name printed in error) is left out; an incomplete
    list (CompleteYN="N") ends in the "others" marker."""
    from ...model import OTHERS

    role = M.AUTHOR_LISTS.get((element.get("Type") or "authors").lower(), "author")
    names = [person(a) for a in kids(element, "Author") if a.get("ValidYN") != "N"]
    people = [n for n in names if n]
    if element.get("CompleteYN") == "N":
        people.append(dict(OTHERS))
    return role, people


def grants(grant_list) -> str:
    """A <GrantList>'s grants as a note, a line each in MEDLINE's own form
    (its GR field: "Grant: R01 GM012345/GM/NIGMS NIH HHS/United States",
    "Grant: Wellcome Trust/United Kingdom"),
    as CSL has no variable for funding."""
    lines = []
    for grant in kids(grant_list, "Grant"):
        parts = [text(kid(grant, tag)) for tag in ("GrantID", "Acronym", "Agency", "Country")]
        if any(parts):  # (MEDLINE leaves out the parts a grant has not)
            lines.append("Grant: " + "/".join(p for p in parts if p))
    return "\n".join(lines)


# -- dates ---------------------------------------------------------------------

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")


def _date_end(words: list[str], base: list[int]) -> tuple[list[int], object] | None:
    """One end of a MEDLINE date ("1998 Dec", "Dec 4", "30") as date-parts,
    filling what it leaves out from ``base`` (the other end); and a season."""
    year, month, day, season = None, None, None, None
    for word in words:
        lowered = word.lower().rstrip(".")
        if _YEAR.match(word) and year is None:
            year = int(word)
        elif month_number(lowered) and not lowered.isdigit() and month is None:
            month = month_number(lowered)
        elif lowered in M.SEASONS and season is None:
            season = M.SEASONS[lowered]
        elif word.isdigit() and 1 <= int(word) <= 31 and day is None:
            day = int(word)
        else:
            return None
    year = year or (base[0] if base else None)
    if year is None or (day is not None and month is None and len(base) < 2):
        return None
    if day is not None and month is None:
        month = base[1]
    parts = [year] + ([month] if month else []) + ([day] if month and day else [])
    return parts, season


def medline_date(value: str) -> dict | None:
    """A <MedlineDate> ("1998 Dec-1999 Jan", "2000 Nov-Dec", "2001 Nov
    28-Dec 4", "2000 Spring", "2000 Spring-Summer", "Winter 2018") as a CSL
    date; None when it is none of these (the caller keeps the text)."""
    ends = [e.split() for e in value.replace(",", " ").split("-")]
    if len(ends) > 2 or not all(ends):
        return None
    first = _date_end(ends[0], [])
    second = _date_end(ends[1], first[0]) if first and len(ends) == 2 else None
    if first is None or (len(ends) == 2 and second is None):
        return None
    parts, season = first
    if second is None:
        return {"date-parts": [parts], "season": season} if season else \
            {"date-parts": [parts]}
    if season is None and second[1] is None:
        return {"date-parts": [parts, second[0]]}
    if season and second[1] and second[0] == parts:
        # a span of seasons in one year: the year, the seasons as text
        return {"date-parts": [parts], "season": value.replace(str(parts[0]), "").strip()}
    return None


def pub_date(element) -> dict | None:
    """A <PubDate> (or any NLM date element) as a CSL date: Year, Month
    ("Sep" or "09"), Day, Season; else its <MedlineDate>; else the first
    year of that text, the whole of it kept as ``raw``."""
    if element is None:
        return None
    year = text(kid(element, "Year"))
    if _YEAR.match(year):
        parts = [int(year)]
        month = month_number(text(kid(element, "Month")))
        day = text(kid(element, "Day"))
        if month:
            parts.append(month)
            if day.isdigit() and 1 <= int(day) <= 31:
                parts.append(int(day))
        date: dict = {"date-parts": [parts]}
        season = text(kid(element, "Season"))
        if season and len(parts) == 1:
            date["season"] = M.SEASONS.get(season.lower(), season)
        return date
    free = text(kid(element, "MedlineDate"))
    if not free:
        return None
    found = medline_date(free)
    if found is None:
        first = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", free)
        found = {"date-parts": [[int(first.group(1))]], "raw": free} if first else \
            {"literal": free}
    return found


# -- pages ---------------------------------------------------------------------

_NUMBERED = re.compile(r"^(\D*?)(\d+)$")


def full_range(part: str) -> str:
    """One MEDLINE page range in full: "123-9" -> "123-129", "S12-9" ->
    "S12-S19"; anything else as given."""
    ends = split_page_range(part)
    if ends is None:
        return part.strip()
    start, end = ends
    first, last = _NUMBERED.match(start), _NUMBERED.match(end)
    if first and last and not last.group(1) and len(last.group(2)) < len(first.group(2)):
        digits = first.group(2)
        end = first.group(1) + digits[:len(digits) - len(last.group(2))] + last.group(2)
    return f"{start}-{end}"


def pages(pagination) -> str:
    """<MedlinePgn> with its ranges in full ("12-5, 18" -> "12-15, 18");
    else <StartPage>-<EndPage>."""
    medline = text(kid(pagination, "MedlinePgn"))
    if medline:
        return ", ".join(full_range(p) for p in medline.split(","))
    start, end = text(kid(pagination, "StartPage")), text(kid(pagination, "EndPage"))
    return f"{start}-{end}" if start and end else start
