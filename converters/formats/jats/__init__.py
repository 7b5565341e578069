"""JATS XML: reference lists (``jats``) and article front matter
(``jats-article``).

Reading takes every ``<ref>`` of a document as one record, from its
element-citation (preferred), NLM 2.3 ``<citation>`` or mixed-citation;
tagged parts are used where present and a plain-text citation is read by
its Vancouver-style punctuation otherwise.  ``jats-article`` reads the
article's own ``<article-meta>``.  Parsing is converters.xmlsafe: character
entities as characters, no DTD, no network.  Emphasis becomes CSL rich text.

Writing makes JATS 1.3 Journal Publishing documents: a ``<ref-list>`` of
element-citations in JATS4R's vocabulary, or one article's front matter.
CSL's ``custom`` facts go where JATS has an element for them, the rest into
``<annotation content-type="bibconv:KEY">`` (references) or ``<custom-meta>``
(front matter), so they read back; what a citation has no place for is
reported as ``field-dropped``.  README.md has the table.
"""
from __future__ import annotations

import json
import re

from ... import names as display_names
from ...dates import numbers as _numbers
from ...dates import whole_number
from ...diagnostics import has_errors, make
from ...ids import IdAllocator, base_id
from ...mapping import jats as M
from ...model import (OTHERS, Origin, ReadResult, Record, WriteResult, split_others,
                     strip_markup)
from ...vocabulary import strip_doi_prefix
from ...xmlsafe import local, parse, text_of
from . import plaintext

XLINK = "http://www.w3.org/1999/xlink"
MML = "http://www.w3.org/1998/Math/MathML"
CITATIONS = ("element-citation", "nlm-citation", "citation", "mixed-citation")


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:65536]
    if not head.startswith("<"):
        return 0.0
    if re.search(r"<ref[\s>]", head) and re.search(r"<(element|mixed)-citation|<citation[\s>]",
                                                   head):
        return 0.95
    if "<article" in head and "<ref-list" in text:
        return 0.9
    return 0.0


def sniff_article(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:65536]
    if head.startswith("<") and "<article-meta" in head and "<ref-list" not in text:
        return 0.92
    return 0.0


# -- small helpers ------------------------------------------------------------

def _named(tag, names) -> bool:
    # most JATS is in no namespace: compare the tag itself before splitting
    return isinstance(tag, str) and (tag in names or (tag[:1] == "{" and local(tag) in names))


def _kids(element, *names):
    return [c for c in element if _named(c.tag, names)]


def _kid(element, *names):
    for child in element:
        if _named(child.tag, names):
            return child
    return None


def _text(element) -> str | None:
    if element is None:
        return None
    value = text_of(element)
    return value or None


# JATS emphasis <-> CSL rich text (what citeproc-js and pandoc read)
_RICH_READ = {"italic": ("<i>", "</i>"), "bold": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"),
              "sub": ("<sub>", "</sub>"),
              "sc": ('<span style="font-variant:small-caps;">', "</span>")}


def _rich(element) -> str | None:
    """An element's text as CSL rich text: <italic>, <bold>, <sup>, <sub>
    and <sc> become CSL's <i>, <b>, <sup>, <sub> and small-caps span, a
    <named-content content-type="nocase"> CSL's nocase span; other markup
    keeps its words."""
    from lxml import etree

    if element is None:
        return None
    parts: list[str] = []

    def walk(node, top: bool):
        if isinstance(node, etree._Entity):
            parts.append(node.tail or "")
            return
        tag = local(node.tag)
        opening, closing = ("", "")
        if not top:
            if tag in _RICH_READ:
                opening, closing = _RICH_READ[tag]
            elif tag == "named-content" and node.get("content-type") == "nocase":
                opening, closing = '<span class="nocase">', "</span>"
        parts.append(opening)
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child, False)
        parts.append(closing)
        if not top and node.tail:
            parts.append(node.tail)

    walk(element, True)
    value = re.sub(r"[ \t\r\n]+", " ", "".join(parts))
    # markup around nothing, and layout space at either end, is not content
    value = re.sub(r"<(i|b|sup|sub)>(\s*)</\1>|<span[^>]*>(\s*)</span>",
                   lambda m: m.group(2) or m.group(3) or "", value)
    return strip_edges(value) or None


def strip_edges(value: str) -> str:
    """Strip spaces at the ends of rich text, also just inside its tags."""
    value = value.strip()
    value = re.sub(r"^((?:<[^>]+>)+)\s+", r"\1", value)
    return re.sub(r"\s+((?:</[^>]+>)+)$", r"\1", value)


def _person(element) -> dict | None:
    """<name>, <string-name>, <collab>, <name-alternatives> -> a CSL name."""
    kind = local(element.tag)
    if kind == "name-alternatives":
        first = _kid(element, "name", "string-name")
        return _person(first) if first is not None else None
    if kind == "collab":
        # a group author's own name, without its members (a nested
        # contrib-group, read by _collab_members) or their addresses
        text = text_of(element, _COLLAB_SKIP)
        return {"literal": text} if text else None
    if kind == "etal":
        return dict(OTHERS)
    surname, given = _kid(element, "surname"), _kid(element, "given-names")
    if surname is not None or given is not None:
        name = {}
        if _text(surname):
            # particles: "van Gennep" and "Ahasver von" are how the writer
            # keeps CSL's non-dropping and dropping particles
            name.update(display_names.split_family(_text(surname)))
        if _text(given):
            name.update(display_names.split_given(_text(given)))
        # <prefix> is an honorific ("Dr"), not a particle: CSL has no place for it
        suffix = _text(_kid(element, "suffix"))
        if suffix:
            name["suffix"] = suffix
        if "family" not in name and "given" in name:
            name = {"literal": _text(given)}
        return name or None
    text = _text(element)
    if not text:
        return None
    return display_names.parse_display_name(text) if kind == "string-name" else {"literal": text}


_NAME_TAGS = ("name", "string-name", "collab", "name-alternatives", "etal")
_COLLAB_SKIP = frozenset({"contrib-group", "contrib", "xref", "email", "contrib-id", "aff",
                          "fn", "address", "role", "uri", "ext-link"})


def _collab_members(collab) -> list[dict]:
    """The members of a group author (<collab><contrib-group>...): CSL
    names, each with its ORCID when given."""
    members = []
    for group in _kids(collab, "contrib-group"):
        for contrib in group.iter():
            if local(contrib.tag) != "contrib":
                continue
            for person in _people(contrib):
                orcid = _orcid(contrib)
                members.append({**person, "ORCID": orcid} if orcid else person)
    return members


def _orcid(contrib) -> str | None:
    return next((_text(c) for c in _kids(contrib, "contrib-id")
                 if (c.get("contrib-id-type") or "").lower() == "orcid"), None)


def _people(container) -> list[dict]:
    out = []
    for child in container:
        if local(child.tag) in _NAME_TAGS:
            person = _person(child)
            if person:
                out.append(person)
        elif local(child.tag) == "collab-alternatives":
            first = _kid(child, "collab")
            if first is not None and _person(first):
                out.append(_person(first))
    # "<etal/>" may stand anywhere; it always means the list is cut short.
    people = [p for p in out if p != OTHERS]
    return people + [dict(OTHERS)] if len(people) < len(out) else people


def _year(text: str | None) -> int | None:
    match = re.search(r"-?\d{3,4}", text or "")
    return int(match.group(0)) if match else None


def _month(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip().lower()
    number = whole_number(text)
    if number is not None:
        return number if 1 <= number <= 12 else None
    return M.MONTHS.get(text[:3])


def _date_from(element) -> dict | None:
    """<year>/<month>/<day> children (or an iso-8601-date attribute)."""
    if element is None:
        return None
    year_el = _kid(element, "year")
    iso = element.get("iso-8601-date") or (year_el.get("iso-8601-date")
                                           if year_el is not None else None)
    if iso:
        from ... import dates

        parsed = dates.parse(iso)
        if parsed:
            return parsed
    year = _year(_text(year_el))
    if year is None:
        return None
    part = [year]
    month = _month(_text(_kid(element, "month")))
    if month:
        part.append(month)
        day = whole_number(_text(_kid(element, "day")))
        if day is not None:
            part.append(day)
    return {"date-parts": [part]}


def _access_date(iso: str | None, text: str | None) -> dict | None:
    """A <date-in-citation>: its iso-8601-date (any year, "-333-11-05"
    too), else a date in its text ("2011 Jul 12", "2011-07-12")."""
    from ... import dates

    if iso and dates.parse(iso):
        return dates.parse(iso)
    text = iso or text
    if not text:
        return None

    iso = re.search(r"\d{4}-\d{2}-\d{2}", text)
    if iso:
        return dates.parse(iso.group(0))
    match = re.search(r"(\d{4})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})", text)
    if match and _month(match.group(2)):
        return {"date-parts": [[int(match.group(1)), _month(match.group(2)),
                                int(match.group(3))]]}
    year = _year(text)
    return {"date-parts": [[year]]} if year else None


# -- a citation -> CSL ----------------------------------------------------------

def _citation(citation) -> dict:
    kind = (citation.get("publication-type") or citation.get("citation-type") or "").lower()
    data: dict = {}
    csl_type = M.READ_TYPES.get(kind)
    exact = citation.get("specific-use") or ""
    if exact.startswith(M.CSL_TYPE_PREFIX) and exact[len(M.CSL_TYPE_PREFIX):] in M.CSL_TYPES:
        csl_type = exact[len(M.CSL_TYPE_PREFIX):]
    article_title = _rich(_kid(citation, "article-title"))
    chapter_title = _rich(_kid(citation, "chapter-title"))
    part_title = _rich(_kid(citation, "part-title"))
    data_title = _rich(_kid(citation, "data-title"))
    source = _rich(_kid(citation, "source"))
    if csl_type is None:
        csl_type = ("article-journal" if article_title and source else
                    "chapter" if chapter_title else "book" if source else "document")
    if csl_type == "book" and (chapter_title or part_title):
        csl_type = "chapter"
    data["type"] = csl_type

    sponsors: list = []
    for group in _kids(citation, "person-group"):
        role = M.PERSON_GROUPS.get((group.get("person-group-type") or "author").lower(),
                                   "contributor")
        if group.get("person-group-type") == "custom" and \
                group.get("custom-type") in M.CSL_NAME_VARIABLES:
            role = group.get("custom-type")
        people = _people(group)
        if (group.get("person-group-type") or "").lower() == "sponsor":
            sponsors.extend(people)
        elif people:
            data.setdefault(role, []).extend(people)
    loose = _people(citation)  # NLM 2.3 and PLOS put names straight in
    if loose and "author" not in data:
        data["author"] = loose
    if sponsors:
        # a trial's sponsor stands where its author would (Citing Medicine)
        data.setdefault("author" if "author" not in data else "contributor",
                        []).extend(sponsors)
    for role in list(data):
        if isinstance(data[role], list):
            people, incomplete = split_others(data[role])
            data[role] = people + ([dict(OTHERS)] if incomplete else [])

    title = article_title or chapter_title or part_title or data_title
    if not title and _rich(_kid(citation, "trans-title")):
        # only the title's translation is given: it is the title a reader
        # sees; the flag writes it back as <trans-title>
        title = _rich(_kid(citation, "trans-title"))
        data.setdefault("custom", {})["trans-title"] = True
    if title:
        data["title"] = title
        if source:
            data["container-title"] = source
    elif source:
        data["title" if csl_type in M.SOURCE_IS_TITLE or csl_type == "book" else
             "container-title"] = source
    if csl_type == "article-journal" and "title" not in data and source:
        data["container-title"] = source

    date = _issued(citation)
    if date:
        data["issued"] = date
    conf_date = _kid(citation, "conf-date")
    if conf_date is not None:
        from ... import dates

        event = dates.parse(conf_date.get("iso-8601-date") or "") if conf_date.get(
            "iso-8601-date") else None
        if event:
            data["event-date"] = event
    if citation.get("{http://www.w3.org/XML/1998/namespace}lang"):
        data["language"] = citation.get("{http://www.w3.org/XML/1998/namespace}lang")
    for element in _kids(citation, "date-in-citation"):
        if (element.get("content-type") or "access-date") in ("access-date", "accessed",
                                                              "cited"):
            how = element.get("specific-use")
            if how in ("literal", "raw") and _text(element):
                accessed = {how: _text(element)}
            else:
                accessed = _access_date(element.get("iso-8601-date"), _text(element))
            if accessed:
                data["accessed"] = accessed

    for tag, var in (("volume", "volume"), ("issue", "issue"), ("edition", "edition"),
                     ("publisher-name", "publisher"), ("publisher-loc", "publisher-place"),
                     ("conf-name", "event-title"), ("conf-loc", "event-place"),
                     ("isbn", "ISBN"), ("issn", "ISSN"), ("version", "version"),
                     ("institution", "publisher"), ("patent", "number")):
        value = _text(_kid(citation, tag))
        if value and var not in data:
            data[var] = value
    series = _rich(_kid(citation, "series"))
    if series:
        data["collection-title"] = series
    for comment in _kids(citation, "comment"):
        kind_comment = comment.get("content-type")
        value = _rich(comment)
        if not value:
            continue
        if kind_comment == "genre":
            data.setdefault("genre", value)
        elif "note" not in data:
            data["note"] = value
            if kind_comment == "citation-text":
                data.setdefault("custom", {})["citation-text"] = True
    _read_annotations(citation, data)
    fpage, lpage = _text(_kid(citation, "fpage")), _text(_kid(citation, "lpage"))
    page_range = _text(_kid(citation, "page-range"))
    elocation = _text(_kid(citation, "elocation-id"))
    if page_range:
        data["page"] = page_range.replace("–", "-")
    elif fpage:
        # as given: "77-77" is what the source says (and what comes back)
        data["page"] = f"{fpage}-{lpage}" if lpage else fpage
    elif elocation:
        data["page"] = elocation
        data.setdefault("custom", {})["elocation-id"] = True
    size = _kid(citation, "size")
    if size is not None and (size.get("units") or "") == "pages" and _text(size):
        data["number-of-pages"] = _text(size)

    for pub_id in _kids(citation, "pub-id", "object-id"):
        kind_id = (pub_id.get("pub-id-type") or "").lower()
        value = _text(pub_id)
        if not value:
            continue
        if kind_id in M.PUB_IDS:
            data.setdefault(M.PUB_IDS[kind_id], bare_doi(value) if kind_id == "doi" else value)
        elif kind_id == "arxiv":
            data.setdefault("custom", {})["arxiv"] = value
            data.setdefault("URL", f"https://arxiv.org/abs/{value}")
        else:
            if kind_id == "custom" and pub_id.get("custom-type"):
                kind_id = pub_id.get("custom-type")
            data.setdefault("custom", {}).setdefault("pub-ids", {})[kind_id or "other"] = value
    # a link stands alone or inside a comment ("Available from: <ext-link>")
    links = _kids(citation, "ext-link", "uri") + [
        link for comment in _kids(citation, "comment") for link in _kids(comment, "ext-link", "uri")]
    for link in links:
        href = link.get(f"{{{XLINK}}}href") or _text(link)
        link_type = (link.get("ext-link-type") or "uri").lower()
        if href and link_type == "doi" and "DOI" not in data:
            data["DOI"] = bare_doi(href)
        elif href and "URL" not in data:
            data["URL"] = href

    if not any(k in data for k in ("title", "container-title", "author", "note")) and \
            all(local(c.tag) in _TEXT_MARKUP for c in citation if isinstance(c.tag, str)):
        _untagged(citation, data)
    else:
        _leading_names(citation, data)
    return data


_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def _issued(citation) -> dict | None:
    """<year>/<month>/<day> (or <date>), with <season> and a year marked
    circa; else a <string-date> (literal when the writer said so, else raw
    for a CSL processor to parse)."""
    date = _date_from(citation) or _date_from(_kid(citation, "date"))
    if date is None:
        string_date = _kid(citation, "string-date")
        text = _text(string_date)
        if not text:
            return None
        how = "literal" if string_date.get("content-type") == "literal" else "raw"
        return {how: text}
    season = _text(_kid(citation, "season"))
    if season:
        date["season"] = _SEASONS.get(season.lower(), season)
    year = _kid(citation, "year")
    if year is not None and year.get("content-type") == "circa":
        date["circa"] = True
    return date


# Facts CSL keeps in "custom" that JATS has no element for travel in
# <annotation content-type="bibconv:KEY">; a value that is not text is JSON.
CUSTOM_PREFIX = "bibconv:"


# Names the person-group elements cannot give back exactly, as CSL JSON
# by role and index: {"author": {"1": {...}}}.
NAMES_NOTE = "bibconv-names"


def _apply_exact_names(data: dict, exact) -> None:
    for role, names in (exact.items() if isinstance(exact, dict) else ()):
        for index, name in (names.items() if isinstance(names, dict) else ()):
            people = data.get(role)
            if isinstance(people, list) and str(index).isdigit() and \
                    int(index) < len(people) and isinstance(name, dict):
                people[int(index)] = name


def _read_annotations(citation, data: dict) -> None:
    for note in _kids(citation, "annotation"):
        kind = note.get("content-type") or ""
        if kind == NAMES_NOTE:
            try:
                exact = json.loads("".join(p.text or "" for p in _kids(note, "p")))
            except ValueError:
                continue
            _apply_exact_names(data, exact)
            continue
        if kind in ("abstract", ""):
            paragraphs = ["".join(p.itertext()).strip() for p in _kids(note, "p")]
            text = "\n\n".join(p for p in paragraphs if p)
            if text:
                data.setdefault("abstract" if kind else "annote", text)
            continue
        if not kind.startswith(CUSTOM_PREFIX):
            continue
        text = "\n\n".join(p.text or "" for p in _kids(note, "p"))
        try:
            value = json.loads(text) if note.get("specific-use") == "json" else text
        except ValueError:
            value = text
        data.setdefault("custom", {})[kind[len(CUSTOM_PREFIX):]] = value


# What a citation's text may hold and still be plain text, not tagged parts
_TEXT_MARKUP = frozenset({"italic", "bold", "sup", "sub", "sc", "label", "ext-link", "uri",
                          "named-content", "styled-content", "monospace", "underline", "x",
                          "break", "inline-formula", "roman", "sans-serif", "overline"})


def bare_doi(value: str) -> str:
    """"doi: http://dx.doi.org/10.1/x" -> "10.1/x": every prefix, however
    many a publisher stacked."""
    bare = strip_doi_prefix(value)
    while bare != value:
        value, bare = bare, strip_doi_prefix(bare)
    return bare


def _untagged(citation, data: dict) -> None:
    """A citation with no tagged parts: keep its text, and read what its
    punctuation makes plain (plaintext.py); when it does not open with a
    name list, only its first year and its first sentence as the title."""
    text = plaintext.strip_label(text_of(citation, {"annotation"}))
    if not text:
        return
    data["note"] = text
    data.setdefault("custom", {})["citation-text"] = True
    found = plaintext.parse_citation(text)
    if "issued" not in found:
        year = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", text)
        if year:
            found["issued"] = {"date-parts": [[int(year.group(1))]]}
    if "title" not in found:
        found["title"] = re.split(r"(?<=[^A-Z ][.?!])\s+|(?<=\b[A-Z]{2}\.)\s+",
                                  text)[0].strip().rstrip(".")
    shape = found.pop("type", None)
    if (shape, data.get("type")) in (("chapter", "book"), ("chapter", "document"),
                                     ("article-journal", "document")):
        data["type"] = shape
    for key, value in found.items():
        data.setdefault(key, value)


def _leading_names(citation, data: dict) -> None:
    """Names printed as text before a mixed citation's first tag."""
    if local(citation.tag) != "mixed-citation" or not len(citation) or \
            any(k in data for k in ("author", "editor")):
        return
    found = plaintext.leading_names(citation.text)
    if found:
        data[found[0]] = found[1]


def _best_citation(ref):
    found = {}
    for element in ref.iter():
        name = local(element.tag)
        if name in CITATIONS and name not in found:
            found[name] = element
    for name in CITATIONS:
        if name in found:
            return found[name], found
    return None, found


def read(text: str, source: str | None = None, *, article: bool = False,
         **options) -> ReadResult:
    """Every <ref> of the document; with ``article=True`` the article's own
    front matter first (what ``bibconv validate`` checks)."""
    result = ReadResult()
    root, diagnostics = parse(text, source)
    result.diagnostics.extend(diagnostics)
    if root is None:
        return result
    ids = IdAllocator()
    if article and root.get("specific-use") != REF_LIST_MARK:
        front = read_article_root(root, source, require_content=has_errors(diagnostics))
        if front is not None:
            front.data["id"] = ids.claim(front.id or "article")
            result.records.append(front)
    for ref in root.iter():
        if local(ref.tag) != "ref":
            continue
        citation, _ = _best_citation(ref)
        if citation is None:
            result.diagnostics.append(make(
                "record-invalid", "a <ref> with no citation in it is skipped",
                file=source, line=ref.sourceline, record=ref.get("id")))
            continue
        data = _citation(citation)
        record_id = ref.get("id") or base_id(data)
        data = {"id": ids.claim(record_id), **data}
        result.records.append(Record(data, Origin(source, ref.sourceline,
                                                  _last_line(ref))))
    if not result.records and not article and root.get("specific-use") != REF_LIST_MARK \
            and not has_errors(result.diagnostics):
        # No references: the document is an article's front matter (what
        # the jats-article writer makes), so read that.
        front = read_article_root(root, source)
        if front is not None:
            result.records.append(front)
    if not result.records and not any(d.severity.value == "error" for d in result.diagnostics):
        result.diagnostics.append(make("input-empty", "the document has neither <ref> "
                                       "elements nor <article-meta>", file=source))
    return result


def _last_line(element) -> int | None:
    last = element.sourceline
    for child in element.iter():
        if isinstance(child.sourceline, int):
            last = max(last or 0, child.sourceline)
    return last


# -- the article's own front matter ---------------------------------------------

def _article_meta(root):
    """The article's <article-meta>, not one of a sub-article."""
    for element in root.iter():
        if local(element.tag) == "sub-article":
            continue
        if local(element.tag) == "article-meta":
            return element
    return None


# What an abstract holds besides its text: eLife's <object-id> (the
# abstract's own DOI), labels, and a closing "DOI: https://doi.org/..." line.
_ABSTRACT_SKIP = frozenset({"object-id", "label", "fn", "xref"})
_DOI_STATEMENT = re.compile(r"^DOI:?\s*(https?://(dx\.)?doi\.org/)?10\.\S+$", re.I)


def abstract_text(abstract) -> str | None:
    """An abstract's text only: one paragraph a <p> (a list item, a
    section's paragraphs), paragraphs apart by a blank line; a section's
    title runs into its first paragraph ("Background: ...")."""
    paragraphs: list[str] = []

    def block(node):
        for child in node:
            tag = local(child.tag)
            if tag == "sec":
                first = len(paragraphs)
                block(child)
                title = _text(_kid(child, "title"))
                if title and len(paragraphs) > first:
                    joiner = " " if title[-1] in ".:?!" else ": "
                    paragraphs[first] = f"{title}{joiner}{paragraphs[first]}"
            elif tag in ("list", "list-item", "disp-quote", "boxed-text"):
                block(child)
            elif tag == "p":
                text = text_of(child, _ABSTRACT_SKIP)
                if text and not _DOI_STATEMENT.match(text):
                    paragraphs.append(text)

    block(abstract)
    if paragraphs:
        return "\n\n".join(paragraphs)
    text = text_of(abstract, _ABSTRACT_SKIP | {"title"})
    return text if text and not _DOI_STATEMENT.match(text) else None


def read_article_root(root, source: str | None, require_content: bool = False
                      ) -> Record | None:
    meta = _article_meta(root)
    if meta is None:
        return None
    data: dict = {"type": "article-journal"}
    fields: dict[str, int] = {}
    exact: dict = {}
    group = _kid(meta, "title-group")
    if group is not None:
        title = _rich(_kid(group, "article-title"))
        subtitle = _rich(_kid(group, "subtitle"))
        if title:
            data["title"] = f"{title}: {subtitle}" if subtitle else title
            fields["title"] = _kid(group, "article-title").sourceline
    for contrib_group in _kids(meta, "contrib-group"):
        for contrib in contrib_group:
            tag = local(contrib.tag)
            if tag == "etal":
                data.setdefault("author", []).append(dict(OTHERS))
                continue
            if tag != "contrib":
                continue
            role = {"author": "author", "editor": "editor", "translator": "translator"}.get(
                (contrib.get("contrib-type") or "author").lower())
            if role is None:
                continue
            people = _people(contrib)
            if not people:
                continue
            data.setdefault(role, []).extend(people)
            fields.setdefault(role, contrib.sourceline)
            # A group author is one literal name; its members (a nested
            # contrib-group) are not authors of the work in CSL's sense, so
            # they stay with the group in custom.name-details as "members".
            extra = {}
            orcid = _orcid(contrib)
            if orcid:
                extra["ORCID"] = orcid
            collab = _kid(contrib, "collab")
            members = _collab_members(collab) if collab is not None else []
            if members:
                extra["members"] = members
            if extra:
                details = data.setdefault("custom", {}).setdefault("name-details", {})
                entries = details.setdefault(role, [])
                entries.extend([None] * (len(data[role]) - 1 - len(entries)))
                entries.append(extra)
    for role in ("author", "editor", "translator"):
        if role in data:
            people, incomplete = split_others(
                [p for p in data[role] if p != OTHERS] + ([dict(OTHERS)]
                                                          if OTHERS in data[role] else []))
            data[role] = people + ([dict(OTHERS)] if incomplete else [])
            details = (data.get("custom") or {}).get("name-details", {}).get(role)
            if details is not None:
                details.extend([None] * (len(people) - len(details)))
    for group in _kids(meta, "custom-meta-group"):
        for custom_meta in _kids(group, "custom-meta"):
            meta_name = (_text(_kid(custom_meta, "meta-name")) or "").lower()
            meta_value = _text(_kid(custom_meta, "meta-value")) or ""
            role = meta_name[:-5] if meta_name.endswith("-list") else None
            if role in ("author", "editor") and meta_value.lower() == "incomplete":
                data.setdefault(role, []).append(dict(OTHERS))
            elif meta_name == "author-count" and whole_number(meta_value) is not None:
                data.setdefault("custom", {})["author-count"] = whole_number(meta_value)
            elif meta_name == EXACT_META:
                # what the writer could not say in JATS elements exactly
                raw = _kid(custom_meta, "meta-value")
                try:
                    value = json.loads("".join(raw.itertext()) if raw is not None else "")
                except ValueError:
                    value = {}
                if isinstance(value, dict):
                    exact.update(value)
            elif meta_name == NAMES_NOTE:
                raw = _kid(custom_meta, "meta-value")
                try:
                    exact = json.loads("".join(raw.itertext()) if raw is not None else "")
                except ValueError:
                    exact = {}
                _apply_exact_names(data, exact)
            elif meta_name.startswith(CUSTOM_PREFIX):
                # what the writer put there: the value as JSON
                key = _text(_kid(custom_meta, "meta-name"))[len(CUSTOM_PREFIX):]
                raw = _kid(custom_meta, "meta-value")
                raw = "".join(raw.itertext()) if raw is not None else ""
                try:
                    value = json.loads(raw)
                except ValueError:
                    value = raw
                if key == "issued":  # a literal date, which pub-date cannot hold
                    data.setdefault("issued", value)
                else:
                    data.setdefault("custom", {})[key] = value
    dates = _kids(meta, "pub-date")
    preferred = sorted(dates, key=lambda d: (d.get("pub-type") or d.get("date-type") or "")
                       not in ("epub", "ppub", "pub", "collection", "publication"))
    for candidate in preferred:
        date = _date_from(candidate)
        if date:
            season = _text(_kid(candidate, "season"))
            if season and len(date.get("date-parts", [[]])[0]) == 1:
                date["season"] = _SEASONS.get(season.lower(), season)
            year_el = _kid(candidate, "year")
            if year_el is not None and year_el.get("content-type") == "circa":
                date["circa"] = True
            data["issued"] = date
            break
        string_date = _kid(candidate, "string-date")
        if _text(string_date):
            how = "literal" if string_date.get("content-type") == "literal" else "raw"
            data["issued"] = {how: _text(string_date)}
            break
    abstracts = [a for a in _kids(meta, "abstract") if not a.get("abstract-type")] or \
        _kids(meta, "abstract")
    if abstracts:
        abstract = abstract_text(abstracts[0])
        if abstract:
            data["abstract"] = abstract
            fields["abstract"] = abstracts[0].sourceline
    for article_id in _kids(meta, "article-id"):
        kind = (article_id.get("pub-id-type") or "").lower()
        if kind in M.PUB_IDS and _text(article_id):
            data.setdefault(M.PUB_IDS[kind], _text(article_id))
    for tag, var in (("volume", "volume"), ("issue", "issue"),
                     ("elocation-id", "page")):
        value = _text(_kid(meta, tag))
        if value:
            data.setdefault(var, value)
    fpage, lpage = _text(_kid(meta, "fpage")), _text(_kid(meta, "lpage"))
    if fpage:
        data["page"] = f"{fpage}-{lpage}" if lpage else fpage
    keywords = [_text(k) for g in _kids(meta, "kwd-group") for k in _kids(g, "kwd")]
    if keywords:
        data["keyword"] = ", ".join(k for k in keywords if k)
    journal = next((e for e in root.iter() if local(e.tag) == "journal-meta"), None)
    if journal is not None:
        title = next((e for e in journal.iter() if local(e.tag) == "journal-title"), None)
        if _text(title):
            data["container-title"] = _text(title)
        issn = _text(_kid(journal, "issn"))
        if issn:
            data["ISSN"] = issn
        publisher = next((e for e in journal.iter() if local(e.tag) == "publisher-name"), None)
        if _text(publisher):
            data["publisher"] = _text(publisher)
    if require_content and not any(data.get(k) for k in ("title", "author", "editor", "DOI",
                                                         "abstract")):
        # front matter that names nothing, in a file broken inside it: no record
        return None
    if "container-title" not in data:
        data["type"] = "article"
    record_id = data.get("DOI") and re.sub(r"[^A-Za-z0-9]+", "-", data["DOI"]).strip("-")
    data = {"id": record_id or base_id(data), **data}
    data.update((k, v) for k, v in exact.items() if k != "id")
    return Record(data, Origin(source, meta.sourceline, _last_line(meta), fields))


def read_article(text: str, source: str | None = None, **options) -> ReadResult:
    result = ReadResult()
    root, diagnostics = parse(text, source)
    result.diagnostics.extend(diagnostics)
    if root is None:
        return result
    record = read_article_root(root, source, require_content=has_errors(diagnostics))
    if record is None:
        result.diagnostics.append(make("input-empty", "the document has no <article-meta>",
                                       file=source))
    else:
        result.records.append(record)
    return result


# -- writing ----------------------------------------------------------------------

DOCTYPE = ('<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD with '
           'MathML3 v1.3 20210610//EN" "JATS-journalpublishing1-3-mathml3.dtd">')

_XML_ID = re.compile(r"^[A-Za-z_][\w.-]*$")


def _xml_id(value: str) -> str:
    """An id that XML accepts (a letter first; letters, digits, . - _)."""
    cleaned = re.sub(r"[^\w.-]", "-", value)
    return cleaned if _XML_ID.match(cleaned) else "r" + cleaned


def _sub(parent, tag: str, text: str | None = None, **attributes):
    from lxml import etree

    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v
                                             for k, v in attributes.items() if v is not None})
    if text is not None:
        element.text = _plain(text)
    return element


def _plain(value) -> str:
    # CSL rich text markup where JATS holds no emphasis: its words
    return strip_markup(value)


# CSL rich text -> JATS emphasis (the reverse of _RICH_READ)
_RICH_TOKEN = re.compile(r'<(/?)(i|b|sup|sub)>|<span\s+style="\s*font-variant:\s*small-caps;?\s*"'
                         r'\s*>|<span\s+class="nocase"\s*>|</span>')
_RICH_WRITE = {"i": "italic", "b": "bold", "sup": "sup", "sub": "sub"}


def _sub_rich(parent, tag: str, value, **attributes):
    """An element holding CSL rich text as JATS emphasis; markup that does
    not nest properly is written as plain words."""
    from lxml import etree

    element = _sub(parent, tag, **attributes)
    value = str(value)
    stack, kinds, position = [element], [], 0

    def add(text):
        if not text:
            return
        current = stack[-1]
        if len(current):
            current[-1].tail = (current[-1].tail or "") + text
        else:
            current.text = (current.text or "") + text

    for match in _RICH_TOKEN.finditer(value):
        add(value[position:match.start()])
        position = match.end()
        token = match.group(0)
        if match.group(2) and not match.group(1):
            stack.append(etree.SubElement(stack[-1], _RICH_WRITE[match.group(2)]))
            kinds.append(match.group(2))
        elif match.group(2) or token == "</span>":
            kind = match.group(2) or "span"
            if not kinds or kinds[-1] != kind:
                break
            kinds.pop()
            stack.pop()
        else:
            child = (etree.SubElement(stack[-1], "sc") if "small-caps" in token else
                     etree.SubElement(stack[-1], "named-content", {"content-type": "nocase"}))
            stack.append(child)
            kinds.append("span")
    else:
        add(value[position:])
        if not kinds:
            return element
    for child in list(element):
        element.remove(child)
    element.text = _plain(value)
    return element


def _name_element(parent, name: dict) -> None:
    if "literal" in name:
        _sub(parent, "collab", name["literal"])
        return
    if "family" not in name:
        _sub(parent, "string-name", display_names.display_name(name))
        return
    element = _sub(parent, "name")
    # JATS has no particle element: a non-dropping particle is part of the
    # surname ("van Gennep"), a dropping one ends the given names ("Ahasver
    # von"), as they sort and display; the reader splits them back.
    particle = name.get("non-dropping-particle")
    family = f"{particle} {name['family']}" if particle else name["family"]
    _sub(element, "surname", family)
    given = " ".join(str(p) for p in (name.get("given"), name.get("dropping-particle")) if p)
    if given:
        _sub(element, "given-names", given)
    if name.get("suffix"):
        _sub(element, "suffix", name["suffix"])


def _person_group(parent, role: str, names: list) -> dict:
    """Write the names; return {index: name} for those that would not read
    back as they are (a particle with capitalised words, "de Leeuw van"),
    which then travel exactly in an annotation."""
    people, incomplete = split_others(names)
    kind = M.WRITE_GROUPS.get(role)
    group = _sub(parent, "person-group", person_group_type=kind or "custom",
                 custom_type=None if kind else role)
    inexact = {}
    for index, person in enumerate(people):
        _name_element(group, person)
        if isinstance(person, dict) and _person(group[-1]) != person:
            inexact[str(index)] = person
    if incomplete:
        _sub(group, "etal")
    return inexact


def _iso(part) -> str:
    return "-".join([f"{int(part[0]):04d}"] + [f"{int(p):02d}" for p in part[1:3]])


_SEASON_NAMES = {1: "Spring", 2: "Summer", 3: "Autumn", 4: "Winter"}


def _valid_parts(part) -> tuple[list[int], int | None, str | None]:
    """(year[, month[, day]] that ISO 8601 accepts, a season given as a
    month (13-16 or citeproc-js's 21-24), what was left out and why)."""
    import calendar

    numbers = _numbers(part) or []
    if not numbers:
        return [], None, None
    kept, season, problem = [numbers[0]], None, None
    if len(numbers) > 1 and numbers[1]:
        month = numbers[1]
        if 13 <= month <= 16 or 21 <= month <= 24:
            season = (month - 12) if month <= 16 else (month - 20)
        elif 1 <= month <= 12:
            kept.append(month)
            if len(numbers) > 2 and numbers[2]:
                day = numbers[2]
                if 1 <= day <= calendar.monthrange(numbers[0], month)[1]:
                    kept.append(day)
                else:
                    problem = f"day {day} of {numbers[0]}-{month:02d} does not exist"
        else:
            problem = f"month {month} does not exist"
    return kept, season, problem


# What an element-citation holds, by CSL variable; the rest is reported.
_CITATION_HOLDS = M.CSL_NAME_VARIABLES | {"id", "type", "title", "container-title", "annote",
                   "issued", "volume", "issue", "page", "publisher", "publisher-place",
                   "edition", "DOI", "PMID", "PMCID", "URL", "event-title", "event-place",
                   "ISBN", "ISSN", "collection-title", "accessed", "version", "note",
                   "custom", "number-of-pages", "genre", "abstract", "language",
                   "event-date"}


def _write_issued(citation, date, problems: list) -> None:
    """issued -> <year>/<month>/<day> (an ISO 8601 date in iso-8601-date),
    <season>, a circa year, or a <string-date> for a literal or raw date."""
    if not isinstance(date, dict):
        return
    parts = date.get("date-parts") or []
    start, season, problem = _valid_parts(parts[0]) if parts else ([], None, None)
    if problem:
        problems.append(("issued", f"{problem}; written without it"))
    if not start:
        for how in ("literal", "raw"):
            if date.get(how):
                _sub(citation, "string-date", str(date[how]), content_type=how)
                return
        return
    end, end_season, _ = _valid_parts(parts[1]) if len(parts) > 1 else ([], None, None)
    if end and (season or end_season or date.get("season")):
        problems.append(("issued", "a range of seasons: <season> holds one; written as the "
                                   "years and the first season"))
    circa = "circa" if date.get("circa") else None
    if end:
        # a range: ISO 8601's interval in the attribute, both years in the text
        _sub(citation, "year", f"{start[0]}–{end[0]}",
             iso_8601_date=f"{_iso(start)}/{_iso(end)}", content_type=circa)
    else:
        _sub(citation, "year", str(start[0]), iso_8601_date=_iso(start), content_type=circa)
        if len(start) > 1:
            _sub(citation, "month", f"{start[1]:02d}")
        if len(start) > 2:
            _sub(citation, "day", f"{start[2]:02d}")
    season = date.get("season") or season
    if season:
        _sub(citation, "season", _SEASON_NAMES.get(whole_number(str(season)) or 0,
                                                   str(season)))


def _write_accessed(citation, date, problems: list) -> None:
    if not isinstance(date, dict):
        return
    for flag in ("circa", "season"):
        if date.get(flag) and date.get("date-parts"):
            problems.append(("accessed", f"<date-in-citation> has no {flag}; left out"))
    parts = date.get("date-parts") or []
    start, _, problem = _valid_parts(parts[0]) if parts else ([], None, None)
    if problem:
        problems.append(("accessed", f"{problem}; written without it"))
    if start:
        iso = _iso(start)
        _sub(citation, "date-in-citation", iso, content_type="access-date", iso_8601_date=iso)
        return
    for how in ("literal", "raw"):
        if date.get(how):
            _sub(citation, "date-in-citation", str(date[how]), content_type="access-date",
                 specific_use=how)
            return


# JATS 1.3's pub-id-type values; any other kind is pub-id-type="custom"
# with custom-type naming it.
_PUB_ID_TYPES = frozenset(
    "accession archive ark art-access-id arxiv coden doaj doi handle index isbn manuscript "
    "medline mr other pii pmcid pmid publisher-id sici std-designation zbl".split())
# custom facts an element-citation holds in elements of their own
_CUSTOM_NATIVE = frozenset({"elocation-id", "arxiv", "pub-ids", "citation-text",
                            "trans-title"})


# flags that ride on another variable's element; without it they are notes
_RIDES_ON = {"elocation-id": "page", "citation-text": "note", "trans-title": "title"}


def _write_custom(citation, custom: dict, data: dict) -> None:
    for key, value in (custom.get("pub-ids") or {}).items():
        if not value:
            continue
        kind = str(key).lower()
        if kind in _PUB_ID_TYPES:
            _sub(citation, "pub-id", str(value), pub_id_type=kind)
        else:
            _sub(citation, "pub-id", str(value), pub_id_type="custom", custom_type=str(key))
    for key in sorted(custom):
        rides_on = _RIDES_ON.get(key)
        if key in _CUSTOM_NATIVE and (rides_on is None or data.get(rides_on)):
            continue
        _annotation(citation, key, custom[key])


def _annotation(citation, key: str, value, kind: str | None = None) -> None:
    note = _sub(citation, "annotation", content_type=kind or f"{CUSTOM_PREFIX}{key}",
                specific_use=None if isinstance(value, str) else "json")
    # the value as it is (rich text markup included), not _plain()'d
    _sub(note, "p").text = value if isinstance(value, str) else json.dumps(
        value, ensure_ascii=False, sort_keys=True)


def _element_citation(ref, data: dict, problems: list | None = None) -> list[str]:
    """Fill a <ref> with an element-citation; return the variables dropped
    (and add to ``problems`` what was written only in part)."""
    problems = [] if problems is None else problems
    csl_type = data.get("type", "document")
    kind = M.WRITE_TYPES.get(csl_type, "other")
    # JATS4R's vocabulary is coarser than CSL's: when the publication-type
    # alone would read back as another CSL type, say which in specific-use.
    exact = None if M.READ_TYPES.get(kind) == csl_type else f"{M.CSL_TYPE_PREFIX}{csl_type}"
    citation = _sub(ref, "element-citation", publication_type=kind, specific_use=exact)
    exact_names = {}
    for role in sorted(M.CSL_NAME_VARIABLES, key=lambda r: (r != "author", r)):
        if data.get(role) and isinstance(data[role], list):
            inexact = _person_group(citation, role, data[role])
            if inexact:
                exact_names[role] = inexact
    language = str(data.get("language") or "")
    if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", language):
        citation.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    elif language:
        problems.append(("language", f"{language!r} is not a language tag (xml:lang takes "
                                     "BCP 47, e.g. 'en-GB'); left out"))
    title, container = data.get("title"), data.get("container-title")
    if kind == "chapter":
        if title:
            _sub_rich(citation, "chapter-title", title)
        if container:
            _sub_rich(citation, "source", container)
    elif csl_type in M.SOURCE_IS_TITLE or kind in ("book", "thesis", "report", "software",
                                                   "data", "webpage", "patent"):
        if title and container:
            _sub_rich(citation, "article-title" if kind != "data" else "data-title", title)
            _sub_rich(citation, "source", container)
        elif title:
            _sub_rich(citation, "source", title)
    else:
        if title:
            _sub_rich(citation, "trans-title" if (data.get("custom") or {}).get(
                "trans-title") else "article-title", title)
        if container:
            _sub_rich(citation, "source", container)
    _write_issued(citation, data.get("issued"), problems)
    if data.get("event-title"):
        _sub(citation, "conf-name", data["event-title"])
    event_date = data.get("event-date") if isinstance(data.get("event-date"), dict) else {}
    start = _valid_parts((event_date.get("date-parts") or [[]])[0])[0]
    if start and len(event_date.get("date-parts")) == 1:
        _sub(citation, "conf-date", _iso(start), iso_8601_date=_iso(start))
    elif event_date:
        problems.append(("event-date", "a conf-date holds one date; left out"))
    if data.get("event-place"):
        _sub(citation, "conf-loc", data["event-place"])
    if data.get("publisher-place"):
        _sub(citation, "publisher-loc", data["publisher-place"])
    if data.get("publisher"):
        _sub(citation, "publisher-name", data["publisher"])
    if data.get("edition"):
        _sub(citation, "edition", str(data["edition"]))
    if data.get("collection-title"):
        _sub_rich(citation, "series", data["collection-title"])
    if data.get("volume"):
        _sub(citation, "volume", str(data["volume"]))
    if data.get("issue"):
        _sub(citation, "issue", str(data["issue"]))
    page = str(data.get("page") or "")
    custom = data.get("custom") or {}
    if page:
        match = re.fullmatch(r"\s*([^\s\-–]+)\s*[-–]+\s*([^\s\-–]+)\s*", page)
        if custom.get("elocation-id"):
            _sub(citation, "elocation-id", page)
        elif match:
            _sub(citation, "fpage", match.group(1))
            _sub(citation, "lpage", match.group(2))
        elif re.fullmatch(r"\s*\S+\s*", page):
            _sub(citation, "fpage", page.strip())
        else:
            _sub(citation, "page-range", page)
    if data.get("number-of-pages"):
        _sub(citation, "size", str(data["number-of-pages"]), units="pages")
    _write_accessed(citation, data.get("accessed"), problems)
    for var, tag in (("ISBN", "isbn"), ("ISSN", "issn"), ("version", "version")):
        if data.get(var):
            _sub(citation, tag, str(data[var]))
    for var, kind_id in (("DOI", "doi"), ("PMID", "pmid"), ("PMCID", "pmcid")):
        if data.get(var):
            _sub(citation, "pub-id", str(data[var]), pub_id_type=kind_id)
    if custom.get("arxiv"):
        _sub(citation, "pub-id", custom["arxiv"], pub_id_type="arxiv")
    if data.get("URL"):
        link = _sub(citation, "ext-link", str(data["URL"]), ext_link_type="uri")
        link.set(f"{{{XLINK}}}href", str(data["URL"]))
    if data.get("annote"):
        # CSL's annote is JATS's annotation (of an annotated bibliography)
        note = _sub(citation, "annotation")
        for paragraph in re.split(r"\n\s*\n", str(data["annote"])):
            if paragraph.strip():
                _sub(note, "p").text = paragraph.strip()
    if data.get("abstract"):
        # JATS's note about a cited work: an annotated bibliography's abstract
        note = _sub(citation, "annotation", content_type="abstract")
        for paragraph in re.split(r"\n\s*\n", str(data["abstract"])):
            if paragraph.strip():
                _sub(note, "p").text = paragraph.strip()
    if data.get("genre"):
        # shown as written ("Master's thesis", "U.S. patent"), and read back
        _sub_rich(citation, "comment", data["genre"], content_type="genre")
    if data.get("note"):
        _sub_rich(citation, "comment", data["note"], content_type="citation-text"
                  if custom.get("citation-text") else None)
    _write_custom(citation, custom, data)
    if exact_names:
        _annotation(citation, "", exact_names, kind=NAMES_NOTE)
    return sorted(k for k in data if k not in _CITATION_HOLDS)


# Characters XML 1.0 cannot hold at all (C0 controls but tab and line
# breaks, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(record: Record, diagnostics: list, label: str) -> dict:
    """The record's data without the characters XML cannot hold, each field
    that held one reported."""
    def clean(value, pointer: str):
        if isinstance(value, str):
            if _NOT_XML.search(value):
                found = sorted({f"U+{ord(c):04X}" for c in _NOT_XML.findall(value)})
                diagnostics.append(make(
                    "character-dropped", f"{label} cannot hold {', '.join(found)}; left out "
                    f"of {pointer!r}", file=record.origin.file,
                    line=record.origin.line_of(pointer.split("/")[1]), record=record.id,
                    pointer=pointer))
                return _NOT_XML.sub("", value)
            return value
        if isinstance(value, dict):
            return {k: clean(v, f"{pointer}/{k}") for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v, f"{pointer}/{i}") for i, v in enumerate(value)]
        return value

    return {key: clean(value, f"/{key}") for key, value in record.data.items()}


# The writer's ref-list documents say what they are, so that reading one
# back (bibconv validate) does not take the placeholder front matter for an
# article of its own.
REF_LIST_MARK = "bibconv-ref-list"


_INLINE = frozenset({"italic", "bold", "sup", "sub", "sc", "named-content"})


def _indent(element, level: int = 0) -> None:
    """Indent the structure, never mixed content: whitespace between two
    <italic>s is a space a reader would keep (lxml's indent adds it)."""
    children = list(element)
    if not children or (element.text or "").strip() or any(
            local(c.tag) in _INLINE or (c.tail or "").strip() for c in children):
        return
    step = "\n" + "  " * (level + 1)
    element.text = step
    for child in children:
        _indent(child, level + 1)
        child.tail = step
    children[-1].tail = "\n" + "  " * level


def _document(front_builder, back_builder=None, specific_use: str | None = None) -> str:
    from lxml import etree

    attributes = {"dtd-version": "1.3", "article-type": "other"}
    if specific_use:
        attributes["specific-use"] = specific_use
    article = etree.Element("article", attributes, nsmap={"xlink": XLINK, "mml": MML})
    front = _sub(article, "front")
    front_builder(front)
    if back_builder is not None:
        back_builder(_sub(article, "back"))
    _indent(article)
    body = etree.tostring(article, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n{body}\n'


def _journal_meta(front, data: dict | None = None) -> None:
    """journal-meta as Journal Publishing requires it: journal-id and issn
    must be there; when the record has none, they stay empty rather than
    invented."""
    data = data or {}
    meta = _sub(front, "journal-meta")
    _sub(meta, "journal-id", "", journal_id_type="publisher-id")
    if data.get("container-title"):
        group = _sub(meta, "journal-title-group")
        _sub(group, "journal-title", data["container-title"])
    # one <issn> holding the value as given ("0010-4620 (print), 1460-2067")
    _sub(meta, "issn", str(data.get("ISSN") or ""))
    if data.get("publisher"):
        publisher = _sub(meta, "publisher")
        _sub(publisher, "publisher-name", data["publisher"])


def write(records, **options) -> WriteResult:
    """A JATS 1.3 document whose <back> holds one <ref> per record."""
    result = WriteResult()
    ids = IdAllocator()

    def front(front_element):
        _journal_meta(front_element)
        meta = _sub(front_element, "article-meta")
        group = _sub(meta, "title-group")
        _sub(group, "article-title", "References")
        _sub(meta, "pub-date-not-available")

    def back(back_element):
        ref_list = _sub(back_element, "ref-list")
        for record in records:
            wanted = _xml_id(record.id or base_id(record.data))
            ref_id = ids.claim(wanted)
            if record.id and ref_id != record.id:
                result.diagnostics.append(make(
                    "key-cleaned", f"the id {record.id!r} is not an XML id; written as "
                    f"{ref_id!r}", file=record.origin.file, line=record.origin.line,
                    record=record.id, pointer="/id"))
            ref = _sub(ref_list, "ref", id=ref_id)
            data = _xml_safe(record, result.diagnostics, "XML")
            problems: list = []
            for var in _element_citation(ref, data, problems):
                result.diagnostics.append(make(
                    "field-dropped", f"an element-citation has no place for {var!r}",
                    file=record.origin.file, line=record.origin.line_of(var),
                    record=record.id, pointer=f"/{var}"))
            for var, why in problems:
                result.diagnostics.append(make(
                    "field-dropped", f"{var!r}: {why}", file=record.origin.file,
                    line=record.origin.line_of(var), record=record.id, pointer=f"/{var}"))

    result.text = _document(front, back, REF_LIST_MARK)
    return result


_ARTICLE_HOLDS = {"id", "type", "title", "author", "editor", "issued", "abstract", "DOI",
                  "PMID", "PMCID", "container-title", "volume", "issue", "page", "ISSN",
                  "publisher", "keyword", "custom"}


# custom-meta carrying, as JSON, the CSL variables the elements cannot
# give back exactly
EXACT_META = "bibconv-exact"


def _article_front(front, data: dict, problems: list | None = None,
                   exact: dict | None = None) -> None:
    problems = [] if problems is None else problems
    _journal_meta(front, data)
    meta = _sub(front, "article-meta")
    for var, kind in (("DOI", "doi"), ("PMID", "pmid"), ("PMCID", "pmcid")):
        if data.get(var):
            _sub(meta, "article-id", str(data[var]), pub_id_type=kind)
    group = _sub(meta, "title-group")
    _sub_rich(group, "article-title", data.get("title") or "")
    details = (data.get("custom") or {}).get("name-details") or {}
    incomplete_roles: list[str] = []
    exact_names: dict = {}
    for role in ("author", "editor"):
        names = data.get(role)
        if not names:
            continue
        people, incomplete = split_others(names)
        contrib_group = _sub(meta, "contrib-group")
        for index, person in enumerate(people):
            contrib = _sub(contrib_group, "contrib", contrib_type=role)
            extra = (details.get(role) or [None] * len(people))
            orcid = (extra[index] or {}).get("ORCID") if index < len(extra) and isinstance(
                extra[index], dict) else None
            if orcid:
                _sub(contrib, "contrib-id", orcid, contrib_id_type="orcid")
            _name_element(contrib, person)
            if isinstance(person, dict) and _person(contrib[-1]) != person:
                exact_names.setdefault(role, {})[str(index)] = person
            members = (extra[index] or {}).get("members") if index < len(extra) and \
                isinstance(extra[index], dict) else None
            collab = contrib.find("collab")
            if members and collab is not None:
                # a group author's members: a contrib-group inside its <collab>
                inner = _sub(collab, "contrib-group")
                for member in members:
                    if not isinstance(member, dict):
                        continue
                    member_contrib = _sub(inner, "contrib", contrib_type=role)
                    if member.get("ORCID"):
                        _sub(member_contrib, "contrib-id", member["ORCID"],
                             contrib_id_type="orcid")
                    _name_element(member_contrib, {k: v for k, v in member.items()
                                                   if k != "ORCID"})
        if incomplete:
            incomplete_roles.append(role)
    issued = data.get("issued") if isinstance(data.get("issued"), dict) else {}
    parts = issued.get("date-parts") or []
    year, season, problem = _valid_parts(parts[0]) if parts else ([], None, None)
    if problem:
        problems.append(("issued", f"{problem}; written without it"))
    season = issued.get("season") or season
    if year:
        date = _sub(meta, "pub-date", publication_format="electronic", date_type="pub")
        if len(year) > 2:
            _sub(date, "day", f"{year[2]:02d}")
        if len(year) > 1:
            _sub(date, "month", f"{year[1]:02d}")
        elif season:
            _sub(date, "season", _SEASON_NAMES.get(whole_number(str(season)) or 0,
                                                   str(season)))
        _sub(date, "year", str(year[0]), content_type="circa" if issued.get("circa") else None)
    else:
        # a pub-date needs a year; a literal or raw date is kept in custom-meta
        _sub(meta, "pub-date-not-available")
    if data.get("volume"):
        _sub(meta, "volume", str(data["volume"]))
    if data.get("issue"):
        _sub(meta, "issue", str(data["issue"]))
    page = str(data.get("page") or "")
    match = re.fullmatch(r"\s*(\S+?)\s*[-–]+\s*(\S+)\s*", page)
    if match:
        _sub(meta, "fpage", match.group(1))
        _sub(meta, "lpage", match.group(2))
    elif page:
        _sub(meta, "elocation-id", page.strip())
    if data.get("abstract"):
        abstract = _sub(meta, "abstract")
        for paragraph in re.split(r"\n\s*\n", _plain(data["abstract"])):
            if paragraph.strip():
                _sub(abstract, "p", " ".join(paragraph.split()))
    if data.get("keyword"):
        kwd_group = _sub(meta, "kwd-group")
        for keyword in str(data["keyword"]).split(","):
            if keyword.strip():
                _sub(kwd_group, "kwd", keyword.strip())
    # Journal Publishing allows no <etal/> among an article's contributors,
    # so a list known to be cut short is said in custom metadata, and so are
    # the other facts CSL keeps in custom (JSON when they are not text).
    facts = [(f"{role}-list", "incomplete") for role in incomplete_roles]
    if exact_names:
        facts.append((NAMES_NOTE, json.dumps(exact_names, ensure_ascii=False, sort_keys=True)))
    if exact:
        facts.append((EXACT_META, json.dumps(exact, ensure_ascii=False, sort_keys=True)))
    if not year and (issued.get("literal") or issued.get("raw")):
        facts.append((f"{CUSTOM_PREFIX}issued", json.dumps(issued, ensure_ascii=False)))
    custom = data.get("custom") or {}
    count = custom.get("author-count")
    if count is not None:
        facts.append(("author-count", str(count)))
    for key in sorted(custom):
        if key == "author-count" or (key == "name-details" and not _details_beyond_jats(
                custom[key])):
            continue
        facts.append((f"{CUSTOM_PREFIX}{key}", json.dumps(custom[key], ensure_ascii=False,
                                                          sort_keys=True)))
    if facts:
        group = _sub(meta, "custom-meta-group")
        for meta_name, meta_value in facts:
            custom_meta = _sub(group, "custom-meta")
            _sub(custom_meta, "meta-name", meta_name)
            _sub(custom_meta, "meta-value").text = meta_value


def _details_beyond_jats(details) -> bool:
    """True when name-details hold more than ORCIDs and group members,
    which have JATS elements of their own."""
    if not isinstance(details, dict):
        return True
    for role, entries in details.items():
        if role not in ("author", "editor") or not isinstance(entries, list):
            return True
        for entry in entries:
            if entry is not None and (not isinstance(entry, dict) or set(entry) - {
                    "ORCID", "members"}):
                return True
    return False


def write_article(records, **options) -> WriteResult:
    """One JATS article (front matter only) per record; ``files`` maps each
    record's id to its document, ``text`` holds the first."""
    result = WriteResult(files={})
    ids = IdAllocator()
    for record in records:
        data = record.data
        for var in sorted(k for k in data if k not in _ARTICLE_HOLDS):
            result.diagnostics.append(make(
                "field-dropped", f"article front matter has no place for {var!r}",
                file=record.origin.file, line=record.origin.line_of(var), record=record.id,
                pointer=f"/{var}"))
        data = _xml_safe(record, result.diagnostics, "XML")
        problems: list = []
        name = ids.claim(re.sub(r"[^\w.-]", "-", record.id or base_id(data)))
        text = _document(lambda front, d=data: _article_front(front, d, problems))
        # Read it back: what the elements do not give back as it was (a
        # type JATS has no article-type for, markup in an abstract, a year
        # range) is carried exactly in custom-meta.
        back = read_article(text).records
        back = back[0].data if back else {}
        exact = {k: data[k] for k in sorted(_ARTICLE_HOLDS - {"id", "custom"})
                 if k in data and back.get(k) != data[k]}
        if exact:
            problems = []
            text = _document(lambda front, d=data: _article_front(front, d, problems, exact))
        result.files[name] = text
        for var, why in problems:
            result.diagnostics.append(make(
                "field-dropped", f"{var!r}: {why}", file=record.origin.file,
                line=record.origin.line_of(var), record=record.id, pointer=f"/{var}"))
    if result.files:
        result.text = next(iter(result.files.values()))
    return result
