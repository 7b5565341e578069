"""Reading a reference list: every <ref> one record, from its best
citation (element-citation, NLM 2.3 citation, mixed-citation); tagged parts
where present, a plain-text citation by its punctuation (plaintext.py)."""
from __future__ import annotations

import json
import re

from ...diagnostics import has_errors, make
from ...ids import base_id
from ...mapping import jats as M
from ...model import OTHERS, Origin, ReadResult, Record, split_others
from ...vocabulary import strip_doi_prefix
from ...xmlsafe import local, parse, text_of
from . import plaintext
from .articles import articles_in, in_pieces, is_part, long_read, shared_ids
from .date_elements import read_issued
from .document import CUSTOM_PREFIX, REF_LIST_MARK
from .elements import XLINK, kid, kids, last_line, rich, text_in
from .front_read import read_article_root
from .names import NAMES_NOTE, apply_exact_names, people_in
from .ref_fields import READERS

CITATIONS = ("element-citation", "nlm-citation", "citation", "mixed-citation")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def citation_type(citation) -> str:
    """The CSL type: specific-use="csl-type:..." (what the writer says when
    the publication-type alone would read back as another), else the
    publication-type, else what the titles present make it."""
    kind = (citation.get("publication-type") or citation.get("citation-type") or "").lower()
    csl_type = M.READ_TYPES.get(kind)
    exact = citation.get("specific-use") or ""
    if exact.startswith(M.CSL_TYPE_PREFIX) and exact[len(M.CSL_TYPE_PREFIX):] in M.CSL_TYPES:
        csl_type = exact[len(M.CSL_TYPE_PREFIX):]
    titles = {tag: kid(citation, tag) is not None and rich(kid(citation, tag))
              for tag in ("article-title", "chapter-title", "part-title", "source")}
    if csl_type is None:
        csl_type = ("article-journal" if titles["article-title"] and titles["source"] else
                    "chapter" if titles["chapter-title"] else
                    "book" if titles["source"] else "document")
    if csl_type == "book" and (titles["chapter-title"] or titles["part-title"]):
        csl_type = "chapter"
    return csl_type


def _read_names(citation, data: dict) -> None:
    """person-groups by role; names straight in the citation (NLM 2.3, PLOS)
    are its authors; a sponsor stands where the author would (Citing
    Medicine's clinical trials) when there is none."""
    sponsors: list = []
    for group in kids(citation, "person-group"):
        kind = group.get("person-group-type")
        role = M.READ_GROUPS.get((kind or "author").lower(), "contributor")
        if kind == "custom" and group.get("custom-type") in M.CSL_NAME_VARIABLES:
            role = group.get("custom-type")
        people = people_in(group)
        if (kind or "").lower() == "sponsor":
            sponsors.extend(people)
        elif people:
            data.setdefault(role, []).extend(people)
    loose = people_in(citation)
    if loose and "author" not in data:
        data["author"] = loose
    if sponsors:
        data.setdefault("author" if "author" not in data else "contributor",
                        []).extend(sponsors)
    for role in list(data):
        if isinstance(data[role], list):
            people, incomplete = split_others(data[role])
            data[role] = people + ([dict(OTHERS)] if incomplete else [])


def _read_titles(citation, data: dict) -> None:
    """The work's title and its container's; a <source> alone is the title
    of a book-like work, else the container."""
    csl_type = data["type"]
    title = next(filter(None, (rich(kid(citation, tag)) for tag in (
        "article-title", "chapter-title", "part-title", "data-title"))), None)
    source = rich(kid(citation, "source"))
    if not title and rich(kid(citation, "trans-title")):
        # only the title's translation is given: it is the title a reader
        # sees; the flag writes it back as <trans-title>
        title = rich(kid(citation, "trans-title"))
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


def _read_elements(citation, data: dict) -> None:
    """The elements of mapping.jats.CITATION_ELEMENTS (and the read-only
    synonyms after them): the first that has a value gives the variable."""
    for tag, var, how in M.CITATION_ELEMENTS + M.CITATION_ELEMENTS_READ_ALSO:
        value = READERS[how](citation, tag, data)
        if value and var not in data:
            data[var] = value


def _read_comments(citation, data: dict) -> None:
    for comment in kids(citation, "comment"):
        kind = comment.get("content-type")
        value = rich(comment)
        if not value:
            continue
        if kind == "genre":
            data.setdefault("genre", value)
        elif "note" not in data:
            data["note"] = value
            if kind == "citation-text":
                data.setdefault("custom", {})["citation-text"] = True


def _read_ids(citation, data: dict) -> None:
    """pub-ids (DOI, PMID, PMCID; arXiv; any other kind kept in
    custom.pub-ids) and links, alone or inside a comment ("Available from:
    <ext-link>")."""
    for pub_id in kids(citation, "pub-id", "object-id"):
        kind = (pub_id.get("pub-id-type") or "").lower()
        value = text_in(pub_id)
        if not value:
            continue
        if kind in M.READ_PUB_IDS:
            data.setdefault(M.READ_PUB_IDS[kind], bare_doi(value) if kind == "doi" else value)
        elif kind == "arxiv":
            data.setdefault("custom", {})["arxiv"] = value
            data.setdefault("URL", f"https://arxiv.org/abs/{value}")
        else:
            if kind == "custom" and pub_id.get("custom-type"):
                kind = pub_id.get("custom-type")
            data.setdefault("custom", {}).setdefault("pub-ids", {})[kind or "other"] = value
    links = kids(citation, "ext-link", "uri") + [
        link for comment in kids(citation, "comment") for link in kids(comment, "ext-link", "uri")]
    for link in links:
        href = link.get(f"{{{XLINK}}}href") or text_in(link)
        link_type = (link.get("ext-link-type") or "uri").lower()
        if href and link_type == "doi" and "DOI" not in data:
            data["DOI"] = bare_doi(href)
        elif href and "URL" not in data:
            data["URL"] = href


def read_citation(citation) -> dict:
    """One citation element -> CSL."""
    data: dict = {"type": citation_type(citation)}
    _read_names(citation, data)
    _read_titles(citation, data)
    date = read_issued(citation)
    if date:
        data["issued"] = date
    if citation.get(XML_LANG):
        data["language"] = citation.get(XML_LANG)
    _read_elements(citation, data)
    _read_comments(citation, data)
    _read_annotations(citation, data)
    _read_ids(citation, data)
    if not any(k in data for k in ("title", "container-title", "author", "note")) and \
            all(local(c.tag) in _TEXT_MARKUP for c in citation if isinstance(c.tag, str)):
        _untagged(citation, data)
    else:
        _leading_names(citation, data)
    return data


def _read_annotations(citation, data: dict) -> None:
    for note in kids(citation, "annotation"):
        kind = note.get("content-type") or ""
        if kind == NAMES_NOTE:
            try:
                exact = json.loads("".join(p.text or "" for p in kids(note, "p")))
            except ValueError:
                continue
            apply_exact_names(data, exact)
            continue
        if kind in ("abstract", ""):
            paragraphs = ["".join(p.itertext()).strip() for p in kids(note, "p")]
            text = "\n\n".join(p for p in paragraphs if p)
            if text:
                data.setdefault("abstract" if kind else "annote", text)
            continue
        if not kind.startswith(CUSTOM_PREFIX):
            continue
        text = "\n\n".join(p.text or "" for p in kids(note, "p"))
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
    """The DOI without the one prefix a DOI is usually written with
    ("https://doi.org/", "doi:").  A pub-id that stacks two ("doi:
    http://dx.doi.org/10...") keeps the second, so that validation still
    sees the publisher's malformed <pub-id>."""
    return strip_doi_prefix(value)


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


def best_citation(ref):
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
    """Every <ref> of the document; with ``article=True`` each article's
    own front matter before its references (what ``bibconv validate``
    checks).  A file of many articles (a <pmc-articleset>) is read article
    by article; a streamed chunk shares its file's ids (articles.py)."""
    long = long_read(read, text, source, ("ref", "article"), ("ref",), article=article,
                     **options)
    if long is not None:
        return long
    result = ReadResult()
    root, diagnostics = parse(text, source)
    broken = in_pieces(read, text, source, diagnostics, article=article, **options)
    if broken is not None:
        return broken
    result.diagnostics.extend(diagnostics)
    if root is None:
        return result
    ids = shared_ids(text)
    documents = articles_in(root)
    fronts = {d for d in documents if d.get("specific-use") != REF_LIST_MARK} if article \
        else set()
    for element in root.iter():
        if element in fronts:
            _front(element, source, has_errors(diagnostics), ids, result)
        if local(element.tag) == "ref":
            _ref(element, source, ids, result)
    if not result.records and not article and documents == [root] and not is_part(text) \
            and root.get("specific-use") != REF_LIST_MARK and not has_errors(result.diagnostics):
        # No references: the document is an article's front matter (what
        # the jats-article writer makes), so read that.
        front = read_article_root(root, source)
        if front is not None:
            result.records.append(front)
    if not result.records and not any(d.severity.value == "error" for d in result.diagnostics):
        result.diagnostics.append(make("input-empty", "the document has neither <ref> "
                                       "elements nor <article-meta>", file=source))
    return result


def _front(document, source: str | None, broken: bool, ids, result: ReadResult) -> None:
    front = read_article_root(document, source, require_content=broken)
    if front is not None:
        front.data["id"] = ids.claim(front.id or "article")
        result.records.append(front)


def _ref(ref, source: str | None, ids, result: ReadResult) -> None:
    citation, _ = best_citation(ref)
    if citation is None:
        result.diagnostics.append(make(
            "record-invalid", "a <ref> with no citation in it is skipped",
            file=source, line=ref.sourceline, record=ref.get("id")))
        return
    data = read_citation(citation)
    record_id = ref.get("id") or base_id(data)
    data = {"id": ids.claim(record_id), **data}
    result.records.append(Record(data, Origin(source, ref.sourceline, last_line(ref))))
