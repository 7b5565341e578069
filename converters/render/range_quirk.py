"""A quirk of citeproc-js's year suffixes, emulated (CSL 1.0.2 does not
have it): the first cite of a range of years takes the prefix of the
style's last cs:date into its disambiguation key, so that work prints like
no other and is never lettered.  Called by disambiguation._year_suffixes."""
from __future__ import annotations

_NS = "{http://purl.org/net/xbiblio/csl}"


def first_range(bibliography, printed: dict):
    """The key of the work citeproc-js never letters, if any: its first cite
    of a range of years (the first such work given) takes the prefix of the
    style's last cs:date into its key ("Knuth 1984–viewed 1986" where the
    bibliography ends with ``<date variable="accessed" prefix="viewed ">``),
    so it prints like no other.  Checked on crafted styles: with that prefix
    two works of 1984-1986 get no suffix, without it (or with it on a
    date-part, or on an earlier cs:date) they get a and b."""
    from .disambiguation import _years

    if not last_date_prefix(bibliography.style.root):
        return None
    for key, reference in bibliography.source.items():
        issued = reference.get("issued")
        years = _years(issued) if issued is not None else ()
        if len(years) == 2 and None not in years and years[0] != years[1]:
            text = printed.get(key)
            found = text is not None and all(str(year) in text for year in years)
            return key if found else None
    return None


def last_date_prefix(root) -> str:
    """The prefix of the cs:date citeproc-js reads last: the last in the
    bibliography's layout (the citation's without one), each macro read
    where it is first called."""
    section = root.find(f"{_NS}bibliography")
    if section is None:
        section = root.find(f"{_NS}citation")
    layout = section.find(f"{_NS}layout") if section is not None else None
    last = None
    seen: set = set()

    def walk(element):
        nonlocal last
        for node in element.iter(f"{_NS}date", f"{_NS}text"):
            if node.tag == f"{_NS}date":
                last = node
            elif node.get("macro") and node.get("macro") not in seen:
                seen.add(node.get("macro"))
                macro = root.find(f'{_NS}macro[@name="{node.get("macro")}"]')
                if macro is not None:
                    walk(macro)

    if layout is not None:
        walk(layout)
    return last.get("prefix") or "" if last is not None else ""
