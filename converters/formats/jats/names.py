"""Names both ways: <name>, <string-name>, <collab> (with a group's
members), <etal/> <-> CSL names; person-groups by role."""
from __future__ import annotations

from ... import names as display_names
from ...mapping import jats as M
from ...model import OTHERS, split_others
from ...xmlsafe import local, text_of
from .elements import kid, kids, sub, text_in


def person_of(element) -> dict | None:
    """<name>, <string-name>, <collab>, <name-alternatives> -> a CSL name."""
    kind = local(element.tag)
    if kind == "name-alternatives":
        first = kid(element, "name", "string-name")
        return person_of(first) if first is not None else None
    if kind == "collab":
        # a group author's own name, without its members (a nested
        # contrib-group, read by _collab_members) or their addresses
        text = text_of(element, _COLLAB_SKIP)
        return {"literal": text} if text else None
    if kind == "etal":
        return dict(OTHERS)
    surname, given = kid(element, "surname"), kid(element, "given-names")
    if surname is not None or given is not None:
        name: dict = {}
        family, given_names = text_in(surname), text_in(given)
        if family:
            # particles: "van Gennep" and "Ahasver von" are how the writer
            # keeps CSL's non-dropping and dropping particles
            name.update(display_names.split_family(family))
        if given_names:
            name.update(display_names.split_given(given_names))
        # <prefix> is an honorific ("Dr"), not a particle: CSL has no place for it
        suffix = text_in(kid(element, "suffix"))
        if suffix:
            name["suffix"] = suffix
        if "family" not in name and "given" in name:
            name = {"literal": given_names}
        return name or None
    words = text_in(element)
    if not words:
        return None
    return display_names.parse_display_name(words) if kind == "string-name" else {"literal": words}


_NAME_TAGS = ("name", "string-name", "collab", "name-alternatives", "etal")
_COLLAB_SKIP = frozenset({"contrib-group", "contrib", "xref", "email", "contrib-id", "aff",
                          "fn", "address", "role", "uri", "ext-link"})


def collab_members(collab) -> list[dict]:
    """The members of a group author (<collab><contrib-group>...): CSL
    names, each with its ORCID when given."""
    members = []
    for group in kids(collab, "contrib-group"):
        for contrib in group.iter():
            if local(contrib.tag) != "contrib":
                continue
            for person in people_in(contrib):
                orcid = orcid_of(contrib)
                members.append({**person, "ORCID": orcid} if orcid else person)
    return members


def orcid_of(contrib) -> str | None:
    return next((text_in(c) for c in kids(contrib, "contrib-id")
                 if (c.get("contrib-id-type") or "").lower() == "orcid"), None)


def people_in(container) -> list[dict]:
    out = []
    for child in container:
        if local(child.tag) in _NAME_TAGS:
            person = person_of(child)
            if person:
                out.append(person)
        elif local(child.tag) == "collab-alternatives":
            first = kid(child, "collab")
            group = person_of(first) if first is not None else None
            if group:
                out.append(group)
    # "<etal/>" may stand anywhere; it always means the list is cut short.
    people = [p for p in out if p != OTHERS]
    return people + [dict(OTHERS)] if len(people) < len(out) else people



# Names the person-group elements cannot give back exactly, as CSL JSON
# by role and index: {"author": {"1": {...}}}.
NAMES_NOTE = "bibconv-names"


def apply_exact_names(data: dict, exact) -> None:
    for role, names in (exact.items() if isinstance(exact, dict) else ()):
        for index, name in (names.items() if isinstance(names, dict) else ()):
            people = data.get(role)
            if isinstance(people, list) and str(index).isdigit() and \
                    int(index) < len(people) and isinstance(name, dict):
                people[int(index)] = name



def name_element(parent, name: dict) -> None:
    if "literal" in name:
        sub(parent, "collab", name["literal"])
        return
    if "family" not in name:
        sub(parent, "string-name", display_names.display_name(name))
        return
    element = sub(parent, "name")
    # JATS has no particle element: a non-dropping particle is part of the
    # surname ("van Gennep"), a dropping one ends the given names ("Ahasver
    # von"), as they sort and display; the reader splits them back.
    particle = name.get("non-dropping-particle")
    family = f"{particle} {name['family']}" if particle else name["family"]
    sub(element, "surname", family)
    given = " ".join(str(p) for p in (name.get("given"), name.get("dropping-particle")) if p)
    if given:
        sub(element, "given-names", given)
    if name.get("suffix"):
        sub(element, "suffix", name["suffix"])


def person_group(parent, role: str, names: list) -> dict:
    """Write the names; return {index: name} for those that would not read
    back as they are (a particle with capitalised words, "de Leeuw van"),
    which then travel exactly in an annotation."""
    people, incomplete = split_others(names)
    kind = M.WRITE_GROUPS.get(role)
    group = sub(parent, "person-group", person_group_type=kind or "custom",
                 custom_type=None if kind else role)
    inexact = {}
    for index, person in enumerate(people):
        name_element(group, person)
        if isinstance(person, dict) and person_of(group[-1]) != person:
            inexact[str(index)] = person
    if incomplete:
        sub(group, "etal")
    return inexact

