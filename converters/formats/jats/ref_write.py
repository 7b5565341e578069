"""Writing a reference list: one <ref> with an element-citation (JATS4R's
vocabulary) a record; what a citation has no place for is reported."""
from __future__ import annotations

import json
import re

from ...diagnostics import make
from ...ids import IdAllocator, base_id
from ...mapping import jats as M
from ...model import WriteResult
from .date_elements import write_issued
from .document import CUSTOM_PREFIX, REF_LIST_MARK, document, journal_meta, xml_id, xml_safe
from .elements import XLINK, sub, sub_rich
from .names import NAMES_NOTE, person_group
from .ref_fields import WRITERS
from .ref_read import XML_LANG

# What an element-citation holds, by CSL variable; the rest is reported.
_CITATION_HOLDS = M.CSL_NAME_VARIABLES | {"id", "type", "title", "container-title", "annote",
                   "issued", "volume", "issue", "page", "publisher", "publisher-place",
                   "edition", "DOI", "PMID", "PMCID", "URL", "event-title", "event-place",
                   "ISBN", "ISSN", "collection-title", "accessed", "version", "note",
                   "custom", "number-of-pages", "genre", "abstract", "language",
                   "event-date"}


# JATS 1.3's pub-id-type values; any other kind is pub-id-type="custom"
# with custom-type naming it.
_PUB_ID_TYPES = frozenset([
    "accession", "archive", "ark", "art-access-id", "arxiv", "coden", "doaj", "doi", "handle",
    "index", "isbn", "manuscript", "medline", "mr", "other", "pii", "pmcid", "pmid",
    "publisher-id", "sici", "std-designation", "zbl"
])
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
            sub(citation, "pub-id", str(value), pub_id_type=kind)
        else:
            sub(citation, "pub-id", str(value), pub_id_type="custom", custom_type=str(key))
    for key in sorted(custom):
        rides_on = _RIDES_ON.get(key)
        if key in _CUSTOM_NATIVE and (rides_on is None or data.get(rides_on)):
            continue
        _annotation(citation, key, custom[key])


def _annotation(citation, key: str, value, kind: str | None = None) -> None:
    note = sub(citation, "annotation", content_type=kind or f"{CUSTOM_PREFIX}{key}",
                specific_use=None if isinstance(value, str) else "json")
    # the value as it is (rich text markup included), not plain()'d
    sub(note, "p").text = value if isinstance(value, str) else json.dumps(
        value, ensure_ascii=False, sort_keys=True)


def _write_type(ref, data: dict):
    """The element-citation with its publication-type; JATS4R's vocabulary
    is coarser than CSL's: when the publication-type alone would read back
    as another CSL type, specific-use says which."""
    csl_type = data.get("type", "document")
    kind = M.WRITE_TYPES.get(csl_type, M.WRITE_TYPE_DEFAULT)
    exact = None if M.READ_TYPES.get(kind) == csl_type else f"{M.CSL_TYPE_PREFIX}{csl_type}"
    return sub(ref, "element-citation", publication_type=kind, specific_use=exact), kind


def _write_names(citation, data: dict) -> dict:
    """person-groups, authors first; {role: {index: name}} of the names the
    elements would not give back exactly."""
    exact_names = {}
    for role in sorted(M.CSL_NAME_VARIABLES, key=lambda r: (r != "author", r)):
        if data.get(role) and isinstance(data[role], list):
            inexact = person_group(citation, role, data[role])
            if inexact:
                exact_names[role] = inexact
    return exact_names


def _write_language(citation, data: dict, problems: list) -> None:
    language = str(data.get("language") or "")
    if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", language):
        citation.set(XML_LANG, language)
    elif language:
        problems.append(("language", f"{language!r} is not a language tag (xml:lang takes "
                                     "BCP 47, e.g. 'en-GB'); left out"))


# publication-types whose <source> is the work's own title
_SOURCE_TITLED = frozenset({"book", "thesis", "report", "software", "data", "webpage",
                            "patent"})


def _write_titles(citation, data: dict, kind: str, problems: list) -> None:
    title, container = data.get("title"), data.get("container-title")
    csl_type = data.get("type", "document")
    if kind == "chapter":
        title_tag = "chapter-title"
    elif csl_type in M.SOURCE_IS_TITLE or kind in _SOURCE_TITLED:
        if title and not container:
            title, container = None, title
        elif container and not title:
            # A book's <source> is its own title: a container with no title
            # would come back as the title.
            problems.append(("container-title", "a book-like reference without a title has "
                             "no place for it; written as <source>, read back as the title"))
        title_tag = "article-title" if kind != "data" else "data-title"
    else:
        title_tag = "trans-title" if (data.get("custom") or {}).get("trans-title") else \
            "article-title"
    if title:
        sub_rich(citation, title_tag, title)
    if container:
        sub_rich(citation, "source", container)


def _write_elements(citation, data: dict, problems: list) -> None:
    """The rows of mapping.jats.CITATION_ELEMENTS, in their order."""
    for tag, var, how in M.CITATION_ELEMENTS:
        if data.get(var):
            WRITERS[how](citation, tag, data[var], problems, data)


def _write_ids(citation, data: dict) -> None:
    for var, kind in M.WRITE_PUB_IDS.items():
        if data.get(var):
            sub(citation, "pub-id", str(data[var]), pub_id_type=kind)
    custom = data.get("custom") or {}
    if custom.get("arxiv"):
        sub(citation, "pub-id", custom["arxiv"], pub_id_type="arxiv")
    if data.get("URL"):
        link = sub(citation, "ext-link", str(data["URL"]), ext_link_type="uri")
        link.set(f"{{{XLINK}}}href", str(data["URL"]))


def _write_notes(citation, data: dict) -> None:
    """annote (an annotated bibliography's note) and abstract as
    <annotation>s, genre and note as <comment>s."""
    for var, kind in (("annote", None), ("abstract", "abstract")):
        if data.get(var):
            note = sub(citation, "annotation", content_type=kind)
            for paragraph in re.split(r"\n\s*\n", str(data[var])):
                if paragraph.strip():
                    sub(note, "p").text = paragraph.strip()
    if data.get("genre"):
        # shown as written ("Master's thesis", "U.S. patent"), and read back
        sub_rich(citation, "comment", data["genre"], content_type="genre")
    if data.get("note"):
        sub_rich(citation, "comment", data["note"], content_type="citation-text"
                 if (data.get("custom") or {}).get("citation-text") else None)


def element_citation(ref, data: dict, problems: list | None = None) -> list[str]:
    """Fill a <ref> with an element-citation; return the variables dropped
    (and add to ``problems`` what was written only in part)."""
    problems = [] if problems is None else problems
    citation, kind = _write_type(ref, data)
    exact_names = _write_names(citation, data)
    _write_language(citation, data, problems)
    _write_titles(citation, data, kind, problems)
    write_issued(citation, data.get("issued"), problems)
    _write_elements(citation, data, problems)
    _write_ids(citation, data)
    _write_notes(citation, data)
    _write_custom(citation, data.get("custom") or {}, data)
    if exact_names:
        _annotation(citation, "", exact_names, kind=NAMES_NOTE)
    return sorted(k for k in data if k not in _CITATION_HOLDS)


# What the writer says of a record's XML id: the join of streamed parts says
# it again for a record whose id it changed (converters.scale.joined_ids).
ID_CODES = frozenset({"key-cleaned"})


def id_findings(record_id: str | None, ref_id: str, file: str | None,
                line: int | None) -> list:
    """The findings of writing the record ``record_id`` as ``<ref id=ref_id>``."""
    if not record_id or ref_id == record_id:
        return []
    return [make("key-cleaned", f"the id {record_id!r} is not an XML id; written as "
                 f"{ref_id!r}", file=file, line=line, record=record_id, pointer="/id")]


def write(records, **options) -> WriteResult:
    """A JATS 1.3 document whose <back> holds one <ref> per record.

    ``ids``: the XML ids taken by the earlier batches of one output written
    in streams (anything with IdAllocator's ``claim``), so that an id
    cleaned into another's form (``1x`` -> ``r1x``) is unique across the
    whole output, as in a whole write."""
    result = WriteResult()
    ids = options.get("ids") or IdAllocator()

    def front(front_element):
        journal_meta(front_element)
        meta = sub(front_element, "article-meta")
        group = sub(meta, "title-group")
        sub(group, "article-title", "References")
        sub(meta, "pub-date-not-available")

    def back(back_element):
        ref_list = sub(back_element, "ref-list")
        for record in records:
            wanted = xml_id(record.id or base_id(record.data))
            ref_id = ids.claim(wanted)
            result.diagnostics += id_findings(record.id, ref_id, record.origin.file,
                                              record.origin.line)
            ref = sub(ref_list, "ref", id=ref_id)
            data = xml_safe(record, result.diagnostics, "XML")
            problems: list = []
            for var in element_citation(ref, data, problems):
                result.diagnostics.append(make(
                    "field-dropped", f"an element-citation has no place for {var!r}",
                    file=record.origin.file, line=record.origin.line_of(var),
                    record=record.id, pointer=f"/{var}"))
            for var, why in problems:
                result.diagnostics.append(make(
                    "field-dropped", f"{var!r}: {why}", file=record.origin.file,
                    line=record.origin.line_of(var), record=record.id, pointer=f"/{var}"))

    result.text = document(front, back, REF_LIST_MARK)
    return result
