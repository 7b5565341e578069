"""Two things a PubMed record holds beside its own description, kept in a
form that is small and survives CSL-JSON round trips (``custom`` holds
plain JSON):

- **Affiliations, per author.**  CSL names have no affiliation, and a flat
  list of them loses whose each is.  ``custom.affiliations`` lists each
  distinct affiliation once, in order, with the positions (1 = first) of
  the names it belongs to in their CSL variable:
  ``[{"name": "Dept X, Univ Y", "author": [1, 3]}]``.  (Co-authors often
  share one long affiliation: one real record gave ten authors the same
  852 characters.)
- **Cited works, as their ids.**  A ``<ReferenceList>`` lists the works the
  article cites, each a record of its own in PubMed, with a line of citation
  text and its ids.  Kept whole they made one record's CSL-JSON three times
  its size; what a reader needs is the link: ``custom.references`` lists
  each cited work's ids (``{"PMID": ..., "DOI": ..., "PMCID": ...}``, CSL's
  names; other ids under their IdType), a work with no id by its citation
  text, and the reader says in one finding how many were reduced to ids."""
from __future__ import annotations

from ...mapping import pubmed as M
from ...vocabulary import strip_doi_prefix
from ...xmlsafe import text_of
from .values import has_name

# PubMed XML has no namespaces: lxml's own find/findall (in C) find by name.


def _words(element) -> str:
    """An element's words (text_of's walk only for one holding others)."""
    if element is None:
        return ""
    if len(element) == 0:
        return " ".join((element.text or "").split())
    return text_of(element)


def affiliations(author_list, role: str, before: int) -> tuple[dict[str, dict], list]:
    """(affiliation -> {role: positions}, the <Affiliation> elements read) of
    an <AuthorList> whose names follow ``before`` others of ``role``;
    positions count the names author_list keeps (valid, with a name)."""
    found: dict[str, dict] = {}
    read: list = []
    authors = [a for a in author_list.findall("Author") if a.get("ValidYN") != "N"]
    infos = [a.findall("AffiliationInfo") for a in authors]
    if not any(infos):
        return found, read
    position = before
    for author, held in zip(authors, infos, strict=True):
        if not has_name(author):  # author_list does not keep it: no position
            continue
        position += 1
        for info in held:
            element = info.find("Affiliation")
            name = _words(element)
            if name:
                read.append(element)
                found.setdefault(name, {}).setdefault(role, []).append(position)
    return found, read


def merged(into: list, found: dict[str, dict]) -> None:
    """``found`` added to ``custom.affiliations``'s list ``into``."""
    index = {entry["name"]: entry for entry in into}
    for name, roles in found.items():
        entry = index.get(name)
        if entry is None:
            entry = index[name] = {"name": name}
            into.append(entry)
        for role, positions in roles.items():
            entry.setdefault(role, []).extend(positions)


def cited_ids(holder) -> tuple[list[dict], int, list]:
    """(each cited work's ids, how many had none and are kept by their
    citation text instead, the elements read) of the <ReferenceList>s
    ``holder`` holds (nested ones too).  Ids CSL names are kept under its
    names, others under their IdType (``pii``, ``arxiv``; an untyped one is a PMID,
    the DTD's default), a second of one type as ``pii-2``."""
    works: list[dict] = []
    without = 0
    read = holder.findall("ReferenceList") if holder is not None else []
    for references in read:
        for reference in references.iter("Reference"):
            ids: dict[str, str] = {}
            for element in reference.iterfind("ArticleIdList/ArticleId"):
                # the DTD's default IdType is "pubmed"
                kind = (element.get("IdType") or "pubmed").lower()
                name = M.ARTICLE_IDS.get(kind) or kind
                value = _words(element)
                if kind == "doi":
                    value = strip_doi_prefix(value)
                if not value:
                    continue
                repeat = 2  # a second id of one type: "pii-2", as custom.pub-ids names it
                key = name
                while key in ids and ids[key] != value:
                    key, repeat = f"{name}-{repeat}", repeat + 1
                ids[key] = value
            if not ids:
                citation = _words(reference.find("Citation"))
                if not citation:
                    continue
                ids["citation"] = citation
                without += 1
            works.append(ids)
    return works, without, read
