"""Plain-text citations: the parts their punctuation makes plain.

Biomedical reference lists print two shapes (NLM's Citing Medicine, the
"Vancouver" style, and PLOS's author-year variant of it):

    Smith J, Jones AB, et al. Title. Journal. 2001;3(2):1-5.
    Smith J, Jones AB (2001) Title. Journal 3: 1-5.
    Smith J. Title. In: Doe J, editors. Book. Place: Publisher; 2001. p. 3-11.

A part is read only where the text has that shape exactly (a name list in
which every name is "Surname INITIALS", a "(2001)" right after it, a
"Journal. 2001;3:1-5" tail...); what has another shape is left alone, and
the citation's text is always kept whole in ``note``.
"""
from __future__ import annotations

import re

from ...model import OTHERS
from ...vocabulary import is_others_word, month_number

# "Sadovy de Mitcheson Y", "Cavalier J-F", "O'Guinn ML", "Mc Namara MC"
_NAME = re.compile(r"(?P<family>(?:[^\W\d_][\w'’\-]*\s+)*?[^\W\d_]*[A-Z\u00C0-\u00DE][\w'’\-]*)"
                   r"\s+(?P<given>[A-Z]{1,6}|[A-Z](?:-[A-Z])+)")
# ", editors" closing a name list (Portuguese and Spanish lists say
# "organizadores", "editores"); case matters: "Putt ED" is a name
_EDITOR_WORDS = r"(?:[Ee]ditors?|eds?\.?|organizadores|editores)"
_EDITORS = re.compile(rf",\s*{_EDITOR_WORDS}$")
_ET_AL = re.compile(r"\s*,?\s*\bet\.?\s+al\.?$")
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# a leading reference number, or what is left of one beside a <label>
_LABEL = re.compile(r"^\s*(?:\[?\d+\]?[.)]?\s+)?[.\s]*")
# Where a title (or any other part) ends: a full stop, a question or an
# exclamation mark followed by a capital, a digit or an opening bracket;
# not after an initial ("et al. respond" goes on).
_PART_END = re.compile(r"(?<=[^\s.][.?!])\s+(?=[A-Z\u00C0-\u00DE\d\[(“\"¿¡])")
# "Journal. 2001 Jan;3(2):1-5", "Journal [Internet]. 2011 Mar 18 [cited ...]; 16(3):227-34"
_JOURNAL_NLM = re.compile(
    rf"^(?P<container>[^.;:\[]+?)\.?(?:\s*\[[^\]]*\]\.?)?\s+(?P<year>{_YEAR})(?P<when>[^;:]*?)"
    r"\s*(?:[;:]|,(?=\s*\d))\s*(?P<volume>\w+)\s*(?:\(\s*(?P<issue>[^)]+?)\s*\))?"
    r"\s*(?::\s*(?P<page>\w+(?:[-–]\w+)?))?\.?(?:\s|$)")
_JOURNAL_PLOS = re.compile(
    r"^(?P<container>[^.;:\d]+?)\.?\s+(?P<volume>\d\w*)\s*(?:\(\s*(?P<issue>[^)]+?)\s*\))?"
    r"\s*:\s*(?P<page>\w+(?:\s*[-–]\s*\w+)?)\.?(?:\s|$)")
_CHAPTER = re.compile(rf"^In:\s*(?P<editors>[^.]+?),\s*{_EDITOR_WORDS}\.?\s+"
                      r"(?P<container>[^.]+?)\.\s+(?P<rest>.*)$")

_PUBLISHER = re.compile(rf"^(?P<place>[^:;.]+?):\s*(?P<publisher>[^:;.]+?)"
                        rf"(?:[;,.]\s*(?P<year>{_YEAR}))?(?:[.;]|$)")
_PAGES = re.compile(r"\bpp?\.?\s*(?P<page>\d+\s*[-–]\s*\d+)\.?\s*$")


def page_range(text: str) -> str:
    """"147-51" -> "147-151": Citing Medicine leaves out the leading digits
    a range's last page shares with its first; a range written out whole,
    or not of digits, is kept as it is."""
    text = re.sub(r"\s*[-–]\s*", "-", text)
    match = re.fullmatch(r"(\d+)-(\d+)", text)
    if match and len(match.group(2)) < len(match.group(1)):
        first, last = match.groups()
        whole = first[:len(first) - len(last)] + last
        if int(whole) > int(first):
            return f"{first}-{whole}"
    return text


def person(text: str) -> dict | None:
    """"Smith AB" -> {"family": "Smith", "given": "AB"}; None otherwise."""
    match = _NAME.fullmatch(text.strip())
    return {"family": match.group("family"), "given": match.group("given")} if match else None


def names(text: str) -> tuple[str, list[dict]] | None:
    """("author" or "editor", CSL names) for a comma list in which every
    item is a Vancouver name, "et al." closing it; None for anything else."""
    text = text.strip().rstrip(".").strip()
    role = "author"
    if _EDITORS.search(text):
        role, text = "editor", _EDITORS.sub("", text)
    cut = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text)
    people = []
    for item in (i.strip() for i in text.split(",")):
        found = person(item)
        if found is None:
            return None
        people.append(found)
    if not people:
        return None
    return role, people + ([dict(OTHERS)] if cut else [])


def _year_parts(match) -> dict:
    part = [int(match.group("year"))]
    when = (match.groupdict().get("when") or "").split()
    month = month_number(when[0]) if when else None
    if month:
        part.append(month)
    return {"date-parts": [part]}


def _head(text: str) -> tuple[dict, str] | None:
    """The names and (in the author-year shape) the year that open the
    citation, and the text after them."""
    author_year = re.match(rf"^(?P<names>[^()]+?)\s+\((?P<year>{_YEAR})[a-z]?\)\.?\s+(?P<rest>.+)$",
                           text)
    if author_year:
        found: dict = {"issued": _year_parts(author_year)}
        people = names(author_year.group("names"))
        if people:
            found[people[0]] = people[1]
        elif not re.search(r"[\d.;:]", author_year.group("names")):
            # the author position of an author-year citation: a body's name
            found["author"] = [{"literal": author_year.group("names").strip(" ,")}]
        return found, author_year.group("rest")
    first = _PART_END.split(text, maxsplit=1)
    people = names(first[0]) if len(first) == 2 else None
    if people is None:
        return None
    found = {people[0]: people[1]}
    rest = first[1]
    leading_year = re.match(rf"^({_YEAR})[a-z]?\.\s+(.+)$", rest)
    if leading_year:  # "Putt ED. 1940. Title."
        found["issued"] = {"date-parts": [[int(leading_year.group(1))]]}
        rest = leading_year.group(2)
    return found, rest


def _tail(text: str) -> dict:
    """What follows the title: a journal with its numbers, a chapter's book,
    or a book's publisher; nothing when the text has none of these shapes."""
    for shape in (_JOURNAL_NLM, _JOURNAL_PLOS):
        match = shape.match(text)
        if match and (match.group("issue") or match.group("page")):
            found = {k: v for k, v in match.groupdict().items()
                     if v and k in ("container", "volume", "issue", "page")}
            if "page" in found:
                found["page"] = page_range(found["page"])
            if match.groupdict().get("year"):
                found["issued"] = _year_parts(match)
            found["kind"] = "journal"
            return found
    chapter = _CHAPTER.match(text)
    if chapter:
        found = {"container": chapter.group("container"), "kind": "chapter"}
        editors = names(chapter.group("editors"))
        if editors:
            found["editor"] = editors[1]
        found.update(_publisher(chapter.group("rest")))
        return found
    return _publisher(text)


def _publisher(text: str) -> dict:
    match = _PUBLISHER.match(text)
    if not match:
        return {}
    found: dict = {"place": match.group("place").strip(), "publisher": match.group("publisher")}
    if match.group("year"):
        found["issued"] = {"date-parts": [[int(match.group("year"))]]}
    pages = _PAGES.search(text)
    if pages:
        found["page"] = page_range(pages.group("page"))
    return found


# what opens the rest of a citation that has no title
_NOT_TITLE = re.compile(r"^(?:available|accessed|disponível|retrieved|https?:|www\.|doi:)",
                        re.I)

_CSL_KEYS = {"container": "container-title", "volume": "volume", "issue": "issue",
             "page": "page", "place": "publisher-place", "publisher": "publisher",
             "editor": "editor", "issued": "issued"}


def parse_citation(text: str) -> dict:
    """CSL variables read from a plain-text citation: ``author`` (or
    ``editor``), ``title``, ``issued``, ``container-title``, ``volume``,
    ``issue``, ``page``, ``publisher``, ``publisher-place``, and ``type``
    ("article-journal" or "chapter") when the shape says it; {} when the
    text does not open with a name list."""
    head = _head(text)
    if head is None:
        return {}
    found, rest = head
    parts = _PART_END.split(rest, maxsplit=1)
    if _NOT_TITLE.match(parts[0]):
        return found  # "INAM (2010) Available: http://..." names no title
    found["title"] = parts[0].rstrip(".").strip()
    if len(parts) < 2:
        return found
    tail = _tail(parts[1])
    kind = tail.pop("kind", None)
    if kind:
        found["type"] = "article-journal" if kind == "journal" else "chapter"
    for key, value in tail.items():
        if key == "issued" and "issued" in found:
            continue
        found.setdefault(_CSL_KEYS[key], value)
    return found


def strip_label(text: str) -> str:
    return _LABEL.sub("", text)


def leading_names(text: str | None) -> tuple[str, list[dict]] | None:
    """The name list a partly tagged citation prints before its first tag
    ("Putt ED. <year>1940</year>..."), when it is one."""
    text = strip_label(text or "").strip()
    text = re.sub(r"\s*[.(]?\s*$", "", text)
    return names(text) if text and not is_others_word(text) else None
