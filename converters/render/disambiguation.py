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


def _printed(layout, item):
    layout.repressed = {}
    try:
        text = layout.render_children(item)
    except Exception:
        return None
    return " ".join(str(text).split()) if text else None


def _name_count(reference) -> int:
    for variable in ("author", "editor", "translator"):
        names = reference.get(variable)
        if names:
            return len(names)
    return 0


def _could_collide(bibliography) -> set:
    """Keys of the items whose citations could print like another's: those
    sharing a first name (or, without names, a title) and a year.  The rest
    are not rendered twice (a citation costs half an entry in APA)."""
    buckets: dict = {}
    for item in bibliography.items:
        reference = bibliography.source[str(item.key)]
        first = None
        for variable in ("author", "editor", "translator"):
            names = reference.get(variable)
            if names:
                first = str(names[0].get("family") or names[0].get("literal") or "").lower()
                break
        if first is None:
            first = str(reference.get("title") or "").lower()
        issued = reference.get("issued")
        buckets.setdefault((first, _years(issued) if issued is not None else None),
                           []).append(item.key)
    return {key for keys in buckets.values() if len(keys) > 1 for key in keys}


def _print_all(bibliography, layout) -> dict:
    """key -> how the item's citation prints, for the items that could
    collide (in forked processes for long lists, like the entries)."""
    from .parallel import fork_map, should_split

    maybe = _could_collide(bibliography)
    chosen = [item for item in bibliography.items if item.key in maybe]

    def print_chunk(chunk):
        return [_printed(layout, item) for item in chunk]

    texts = fork_map(print_chunk, chosen) if should_split(chosen, bibliography) \
        else print_chunk(chosen)
    return {item.key: text for item, text in zip(chosen, texts, strict=False)}


def add_names(bibliography, layout) -> dict:
    """disambiguate-add-names: where two citations print the same, each shows
    more names, one at a time, until it prints unlike the others (or all
    its names show without helping, and it is left as it was).  Returns
    how each item's citation prints now (key -> text), for year suffixes."""
    from .patches.names import set_names_shown

    items = list(bibliography.items)
    references = {item.key: bibliography.source[str(item.key)] for item in items}
    printed = _print_all(bibliography, layout)
    groups: dict[str, list] = {}
    for item in items:
        if printed.get(item.key):
            groups.setdefault(printed[item.key], []).append(item)
    try:
        first = int(layout.getparent().get("et-al-use-first")
                    or layout.getroot().get("et-al-use-first") or 1)
    except (TypeError, ValueError, AttributeError):
        first = 1
    for group in (g for g in groups.values() if len(g) > 1):
        pending = list(group)
        most = max(_name_count(references[i.key]) for i in group)
        for count in range(first + 1, most + 1):
            for item in pending:
                set_names_shown(references[item.key], count)
            now = {i.key: _printed(layout, i) for i in group}
            for item in list(pending):
                if all(now[item.key] != now[other.key] for other in group if other is not item):
                    pending.remove(item)
            if not pending:
                break
        for item in pending:
            set_names_shown(references[item.key], None)
        for item in group:
            printed[item.key] = _printed(layout, item)
    return printed


def add_year_suffixes_by_citation(bibliography, layout, prints_original: bool = True,
                                  printed: dict | None = None) -> None:
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
    if printed is None:
        printed = _print_all(bibliography, layout)
    for index, (item, reference) in enumerate(zip(bibliography.items, references, strict=False)):
        text = printed.get(item.key)
        keys = [("printed", text)] if text else []
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
