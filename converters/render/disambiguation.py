"""Year suffixes (disambiguate-add-year-suffix), which citeproc-py does not
assign: works whose citations print the same ("Doe et al. 1965" for two
different lists of authors) get a, b, c ... in bibliography order."""
from __future__ import annotations


def _years(issued) -> tuple:
    """The years a date shows: (2001,) or, for a range, (1984, 1986)."""
    def year(date):
        try:
            return date["year"]
        except Exception:
            return None

    try:
        return (year(issued["begin"]), year(issued["end"]))
    except Exception:
        return (year(issued),)


def add_year_suffixes_by_citation(bibliography, layout, prints_original: bool = True) -> None:
    """Group the bibliography's items by how the citation layout prints them
    (before any suffix), as citeproc-js does, or by the same names and
    years (where citeproc-py prints one of two lists differently, as
    chicago-author-date's editors), and letter each group of two or more in
    bibliography order.  ``layout`` is the style's cs:citation/cs:layout."""
    references = [bibliography.source[str(item.key)] for item in bibliography.items]
    parent = list(range(len(references)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict = {}
    for index, (item, reference) in enumerate(zip(bibliography.items, references)):
        layout.repressed = {}
        try:
            text = layout.render_children(item)
        except Exception:
            text = None
        keys = [("printed", " ".join(str(text).split()))] if text else []
        names = _names_and_years(reference, prints_original)
        if names is not None:
            keys.append(names)
        for key in keys:
            if key in first:
                parent[root(index)] = root(first[key])
            else:
                first[key] = index
    groups: dict[int, list] = {}
    for index, reference in enumerate(references):
        groups.setdefault(root(index), []).append(reference)
    for group in groups.values():
        if len(group) > 1:
            for index, reference in enumerate(group):
                dict.__setitem__(reference, "year_suffix", _suffix(index))


def _names_and_years(reference, prints_original: bool):
    people = reference.get("author") or reference.get("editor") or []
    names = tuple(str(p.get("family") or p.get("literal") or "").lower() for p in people)
    issued = reference.get("issued")
    if not names or issued is None:
        return None
    original = reference.get("original_date")
    return (names, _years(issued),
            _years(original) if original is not None and prints_original else ())


def _suffix(index: int) -> str:
    """a ... z, aa, ab ... as CSL numbers year suffixes."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]
