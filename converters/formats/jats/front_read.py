"""Reading an article's own front matter (<article-meta>, <journal-meta>)
as one record: what ``jats-article`` reads and ``bibconv validate`` checks."""
from __future__ import annotations

import json
import re

from ...dates import whole_number
from ...diagnostics import has_errors, make
from ...ids import base_id
from ...mapping import jats as M
from ...model import OTHERS, Origin, ReadResult, Record, split_others
from ...xmlsafe import local, parse, text_of
from .date_elements import SEASONS, date_from
from .document import CUSTOM_PREFIX, EXACT_META
from .elements import kid, kids, last_line, rich, text_in
from .names import NAMES_NOTE, apply_exact_names, collab_members, orcid_of, people_in
from .ref_fields import READERS

ROLES = ("author", "editor", "translator")


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
                title = text_in(kid(child, "title"))
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


def _read_title(meta, data: dict, fields: dict) -> None:
    group = kid(meta, "title-group")
    if group is None:
        return
    title = rich(kid(group, "article-title"))
    subtitle = rich(kid(group, "subtitle"))
    if title:
        data["title"] = f"{title}: {subtitle}" if subtitle else title
        fields["title"] = kid(group, "article-title").sourceline


def _contrib_details(contrib) -> dict:
    """An ORCID, and a group author's members (a nested contrib-group):
    not authors of the work in CSL's sense, they stay with the group in
    custom.name-details."""
    extra: dict = {}
    orcid = orcid_of(contrib)
    if orcid:
        extra["ORCID"] = orcid
    collab = kid(contrib, "collab")
    members = collab_members(collab) if collab is not None else []
    if members:
        extra["members"] = members
    return extra


def _read_contrib(contrib, data: dict, fields: dict) -> None:
    role = (contrib.get("contrib-type") or "author").lower()
    role = role if role in ROLES else None
    people = people_in(contrib) if role else []
    if not people:
        return
    data.setdefault(role, []).extend(people)
    fields.setdefault(role, contrib.sourceline)
    extra = _contrib_details(contrib)
    if extra:
        details = data.setdefault("custom", {}).setdefault("name-details", {})
        entries = details.setdefault(role, [])
        entries.extend([None] * (len(data[role]) - 1 - len(entries)))
        entries.append(extra)


def _read_contribs(meta, data: dict, fields: dict) -> None:
    for contrib_group in kids(meta, "contrib-group"):
        for contrib in contrib_group:
            tag = local(contrib.tag)
            if tag == "etal":
                data.setdefault("author", []).append(dict(OTHERS))
            elif tag == "contrib":
                _read_contrib(contrib, data, fields)


def _close_name_lists(data: dict) -> None:
    """"et al." at the end of each list, once; name-details as long as it."""
    for role in ROLES:
        if role in data:
            people, incomplete = split_others(
                [p for p in data[role] if p != OTHERS] + ([dict(OTHERS)]
                                                          if OTHERS in data[role] else []))
            data[role] = people + ([dict(OTHERS)] if incomplete else [])
            details = (data.get("custom") or {}).get("name-details", {}).get(role)
            if details is not None:
                details.extend([None] * (len(people) - len(details)))


def _meta_json(custom_meta):
    raw = kid(custom_meta, "meta-value")
    raw = "".join(raw.itertext()) if raw is not None else ""
    try:
        return json.loads(raw), raw
    except ValueError:
        return None, raw


def _read_custom_meta(custom_meta, data: dict, exact: dict) -> None:
    """One <custom-meta>: what the writer could not say in elements."""
    meta_name = (text_in(kid(custom_meta, "meta-name")) or "").lower()
    meta_value = text_in(kid(custom_meta, "meta-value")) or ""
    role = meta_name[:-5] if meta_name.endswith("-list") else None
    if role in ("author", "editor") and meta_value.lower() == "incomplete":
        data.setdefault(role, []).append(dict(OTHERS))
    elif meta_name == "author-count" and whole_number(meta_value) is not None:
        data.setdefault("custom", {})["author-count"] = whole_number(meta_value)
    elif meta_name == EXACT_META:
        value = _meta_json(custom_meta)[0]
        if isinstance(value, dict):
            exact.update(value)
    elif meta_name == NAMES_NOTE:
        apply_exact_names(data, _meta_json(custom_meta)[0] or {})
    elif meta_name.startswith(CUSTOM_PREFIX):
        key = (text_in(kid(custom_meta, "meta-name")) or "")[len(CUSTOM_PREFIX):]
        value, raw = _meta_json(custom_meta)
        value = raw if value is None and raw != "null" else value
        if key == "issued":  # a literal date, which pub-date cannot hold
            data.setdefault("issued", value)
        else:
            data.setdefault("custom", {})[key] = value


def _pub_date(meta) -> dict | None:
    """The first pub-date that says a year (epub, ppub, pub, collection,
    publication first), with its season and circa; else a <string-date>."""
    preferred = sorted(kids(meta, "pub-date"), key=lambda d: (
        d.get("pub-type") or d.get("date-type") or "") not in (
        "epub", "ppub", "pub", "collection", "publication"))
    for candidate in preferred:
        date = date_from(candidate)
        if date:
            season = text_in(kid(candidate, "season"))
            if season and len(date.get("date-parts", [[]])[0]) == 1:
                date["season"] = SEASONS.get(season.lower(), season)
            year_el = kid(candidate, "year")
            if year_el is not None and year_el.get("content-type") == "circa":
                date["circa"] = True
            return date
        string_date = kid(candidate, "string-date")
        if text_in(string_date):
            how = "literal" if string_date.get("content-type") == "literal" else "raw"
            return {how: text_in(string_date)}
    return None


def _read_abstract(meta, data: dict, fields: dict) -> None:
    abstracts = [a for a in kids(meta, "abstract") if not a.get("abstract-type")] or \
        kids(meta, "abstract")
    abstract = abstract_text(abstracts[0]) if abstracts else None
    if abstract:
        data["abstract"] = abstract
        fields["abstract"] = abstracts[0].sourceline


def _read_numbers(meta, data: dict) -> None:
    """article-ids, the rows of mapping.jats.FRONT_ELEMENTS, keywords."""
    for article_id in kids(meta, "article-id"):
        kind = (article_id.get("pub-id-type") or "").lower()
        if kind in M.READ_PUB_IDS and text_in(article_id):
            data.setdefault(M.READ_PUB_IDS[kind], text_in(article_id))
    for tag, var, how in M.FRONT_ELEMENTS:
        value = READERS[how](meta, tag, {})
        if value:
            data[var] = value
    keywords = [text_in(k) for g in kids(meta, "kwd-group") for k in kids(g, "kwd")]
    if keywords:
        data["keyword"] = ", ".join(k for k in keywords if k)


def _read_journal(root, data: dict) -> None:
    journal = next((e for e in root.iter() if local(e.tag) == "journal-meta"), None)
    if journal is None:
        return
    title = next((e for e in journal.iter() if local(e.tag) == "journal-title"), None)
    if text_in(title):
        data["container-title"] = text_in(title)
    issn = text_in(kid(journal, "issn"))
    if issn:
        data["ISSN"] = issn
    publisher = next((e for e in journal.iter() if local(e.tag) == "publisher-name"), None)
    if text_in(publisher):
        data["publisher"] = text_in(publisher)


def read_article_root(root, source: str | None, require_content: bool = False
                      ) -> Record | None:
    meta = _article_meta(root)
    if meta is None:
        return None
    data: dict = {"type": "article-journal"}
    fields: dict[str, int] = {}
    exact: dict = {}
    _read_title(meta, data, fields)
    _read_contribs(meta, data, fields)
    _close_name_lists(data)
    for group in kids(meta, "custom-meta-group"):
        for custom_meta in kids(group, "custom-meta"):
            _read_custom_meta(custom_meta, data, exact)
    date = _pub_date(meta)
    if date:
        data["issued"] = date
    _read_abstract(meta, data, fields)
    _read_numbers(meta, data)
    _read_journal(root, data)
    if require_content and not any(data.get(k) for k in ("title", "author", "editor", "DOI",
                                                         "abstract")):
        # front matter that names nothing, in a file broken inside it: no record
        return None
    if "container-title" not in data:
        data["type"] = "article"
    record_id = data.get("DOI") and re.sub(r"[^A-Za-z0-9]+", "-", data["DOI"]).strip("-")
    data = {"id": record_id or base_id(data), **data}
    data.update((k, v) for k, v in exact.items() if k != "id")
    return Record(data, Origin(source, meta.sourceline, last_line(meta), fields))


def read_article(text: str, source: str | None = None, **options) -> ReadResult:
    """The article's front matter; in a file of many articles (a
    <pmc-articleset>), each article's, one record each."""
    from .articles import articles_in, in_pieces, long_read

    long = long_read(read_article, text, source, ("article",), ("article",), **options)
    if long is not None:
        return long
    result = ReadResult()
    root, diagnostics = parse(text, source)
    broken = in_pieces(read_article, text, source, diagnostics, **options)
    if broken is not None:
        return broken
    result.diagnostics.extend(diagnostics)
    if root is None:
        return result
    documents = articles_in(root)
    for document in documents:
        record = read_article_root(document, source, require_content=has_errors(diagnostics))
        if record is not None:
            result.records.append(record)
        elif len(documents) > 1:
            result.diagnostics.append(make(
                "record-invalid", "an <article> with no <article-meta> is skipped",
                file=source, line=document.sourceline))
    if not result.records:
        result.diagnostics.append(make("input-empty", "the document has no <article-meta>",
                                       file=source))
    return result
