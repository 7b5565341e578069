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
  names), and the reader says in one finding how many were reduced to ids
  and how many, having none, were left out."""
from __future__ import annotations

from ...mapping import pubmed as M
from .values import kid, kids, person, text


def affiliations(author_list, role: str, before: int) -> tuple[dict[str, dict], list]:
    """(affiliation -> {role: positions}, the <Affiliation> elements read) of
    an <AuthorList> whose names follow ``before`` others of ``role``;
    positions count the names author_list keeps (valid, with a name)."""
    found: dict[str, dict] = {}
    read = []
    position = before
    for author in kids(author_list, "Author"):
        if author.get("ValidYN") == "N" or not person(author):
            continue
        position += 1
        for info in kids(author, "AffiliationInfo"):
            element = kid(info, "Affiliation")
            name = text(element)
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


def cited_ids(pubmed_data) -> tuple[list[dict], int, list]:
    """(the ids of each cited work that has one, how many have none, the
    elements read) of a record's <ReferenceList>s (nested ones too)."""
    works: list[dict] = []
    without = 0
    read = []
    for references in kids(pubmed_data, "ReferenceList"):
        read.append(references)
        for reference in references.iter("Reference"):
            ids = {}
            for element in kids(kid(reference, "ArticleIdList"), "ArticleId"):
                var = M.ARTICLE_IDS.get((element.get("IdType") or "").lower())
                if var and text(element) and var not in ids:
                    ids[var] = text(element)
            if ids:
                works.append(ids)
            else:
                without += 1
    return works, without, read
