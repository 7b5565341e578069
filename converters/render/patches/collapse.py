"""Cite grouping and collapsing (cs:citation's ``collapse``), which
citeproc-py ignores: "[1]–[3]" for "[1], [2], [3]", "Smith 1900, 2000" for
"Smith 1900, Smith 2000", "Smith 2000a–c".

Each cite renders as before; cites by the same names are then moved next
to the first of them (cite grouping) and the repeated names cut from the
text, found as the text the cites share.  Without a citation sort the cites keep their order
and only neighbours group; a cite-group-delimiter alone groups without
collapsing.  (33 fixtures: collapse_AuthorCollapseNoDate,
name_CiteGroupDelimiterWithYearSuffixCollapse 1-3, sort_CiteGroupDelimiter, collapse_AuthorCollapse,
collapse_CitationNumberRangesMixed 1-3, collapse_CitationNumberRangesWithAffixes
(and Grouped), collapse_NumericDuplicate 1-2, collapse_TrailingDelimiter,
collapse_YearSuffixCollapse (NoRange, NoYearSuffixDelimiter),
bugreports_BadDelimiterBeforeCollapse, bugreports_CitationSortsWithEtAl,
bugreports_SortSecondaryKey, bugreports_disambigHang, ...)
"""
from __future__ import annotations

_NAME_VARIABLES = ("author", "editor", "translator")


def install() -> None:
    from citeproc import model

    original = model.Layout.render_citation

    def render_citation(self, citation, callback):
        parent = self.getparent()
        # a cite-group-delimiter alone groups cites without collapsing them
        collapse = parent.get("collapse") or ("group" if parent.get("cite-group-delimiter")
                                              else None)
        if not collapse:
            return original(self, citation, callback)
        bibliography = citation.bibliography
        good = [cite for cite in citation.cites if not cite.is_bad()]
        bad = [cite for cite in citation.cites if cite.is_bad()]
        if parent.sort is not None:
            good.sort(key=lambda item: bibliography.keys.index(item.key))
            good = parent.sort.sort(good, self)
        rendered = []
        for item in good:
            self.repressed = {}
            try:
                output = self.render_children(item)
            except model.VariableError:
                continue
            if output is not None:
                rendered.append((item, str(item.get("prefix", "") + output
                                           + item.get("suffix", ""))))
                parent.cites.append(item)
        delimiter = self.get("delimiter", "")
        if collapse == "citation-number":
            parts = _collapse_numbers(rendered, delimiter)
        else:
            parts = _collapse_names(rendered, delimiter, collapse, parent)
        for item in bad:
            parts.append((callback(item) or f"{item.key}?", delimiter))
        text = "".join(t + (d if i < len(parts) - 1 else "") for i, (t, d) in enumerate(parts))
        return self.format(self.wrap(text))

    model.Layout.render_citation = render_citation


def _plain(item) -> bool:
    return not (item.get("prefix") or item.get("suffix") or "locator" in item)


def _collapse_numbers(rendered, delimiter):
    """Runs of three or more consecutive numbers become first–last."""
    parts, run = [], []

    def flush():
        if len(run) >= 3:
            parts.append((f"{run[0][1]}–{run[-1][1]}", delimiter))
        else:
            parts.extend((text, delimiter) for _, text in run)
        run.clear()

    for item, text in rendered:
        if run and (not _plain(item) or item.number != run[-1][0].number + 1):
            flush()
        run.append((item, text))
        if not _plain(item):
            flush()
    flush()
    return parts


def _names_key(item):
    reference = item.reference
    for variable in _NAME_VARIABLES:
        names = reference.get(variable)
        if names:
            return tuple((str(n.get("family", "")), str(n.get("given", "")),
                          str(n.get("literal", ""))) for n in names)
    return None


def _year(item):
    try:
        return item.reference["issued"].get("year")
    except Exception:
        return None


def _shared_words(first: str, text: str) -> int:
    """Length of the words two texts start with (the names they share);
    never the whole of ``text``, whose last word (the year) stays."""
    common = 0
    while common < min(len(first), len(text)) and first[common] == text[common]:
        common += 1
    common = min(common, len(text) - 1)
    cut = text.rfind(" ", 0, common + 1)
    return cut + 1 if cut >= 0 else 0


def _collapse_names(rendered, delimiter, collapse, citation):
    group_delimiter = citation.get("cite-group-delimiter", ", ")
    after = citation.get("after-collapse-delimiter", delimiter)
    suffix_delimiter = citation.get("year-suffix-delimiter",
                                    citation.get("cite-group-delimiter", delimiter))
    groups: list[list] = []
    by_key: dict = {}
    for item, text in rendered:
        key = _names_key(item)
        year = _year(item)
        if year and str(year) in text:
            # cites group by the names they print ("Doe et al." for two lists)
            key = ("printed", text.split(str(year))[0].strip())
        elif year is None and _plain(item):
            key = ("printed", text.strip())  # an undated cite prints its names only
        if key is not None and key in by_key and by_key[key] is groups[-1]:
            by_key[key].append((item, text))
        else:
            group = [(item, text)]
            groups.append(group)
            if key is not None:
                by_key[key] = group
    parts = []
    for group in groups:
        if len(group) == 1:
            parts.append((group[0][1], delimiter))
            continue
        group = _by_suffix(group)
        first_item, first_text = group[0]
        pieces = [[first_text, first_item]]
        for item, text in group[1:]:
            shared = _shared_words(first_text, text)
            rest = text[shared:] if shared and _plain(item) and collapse != "group" else text
            previous_item = pieces[-1][1]
            suffix = item.reference.get("year_suffix")
            if (collapse.startswith("year-suffix") and suffix and _plain(item)
                    and _year(item) == _year(previous_item)
                    and previous_item.reference.get("year_suffix")):
                pieces[-1].append(str(suffix))
                continue
            pieces.append([rest, item])
        joined = ""
        for index, piece in enumerate(pieces):
            text, suffixes = piece[0], piece[2:]
            own = str(piece[1].reference.get("year_suffix") or "")
            if suffixes and own and text.endswith(own):
                # the piece's own suffix starts the run: "2000a–e"
                text = text[:-len(own)] + _suffix_ranges([own] + suffixes, collapse,
                                                         suffix_delimiter)
            elif suffixes:
                text += suffix_delimiter + _suffix_ranges(suffixes, collapse, suffix_delimiter)
            if index:
                # after a run of collapsed suffixes comes after-collapse-delimiter
                joined += after if len(pieces[index - 1]) > 2 else group_delimiter
            joined += text
        parts.append((joined, after))
    return parts


def _by_suffix(group: list) -> list:
    """Cites of one year in a group follow their year suffixes (a, b ...)."""
    first: dict = {}
    for index, (item, _) in enumerate(group):
        first.setdefault(_year(item), index)

    def key(pair):
        suffix = str(pair[0].reference.get("year_suffix") or "")
        return first[_year(pair[0])], len(suffix), suffix

    return sorted(group, key=key)


def _suffix_ranges(suffixes: list[str], collapse: str, delimiter: str) -> str:
    if collapse != "year-suffix-ranged":
        return delimiter.join(suffixes)
    out, run = [], [suffixes[0]]
    for letter in suffixes[1:]:
        if len(letter) == 1 and len(run[-1]) == 1 and ord(letter) == ord(run[-1]) + 1:
            run.append(letter)
            continue
        out.append(run)
        run = [letter]
    out.append(run)
    return delimiter.join(f"{r[0]}–{r[-1]}" if len(r) >= 3 else delimiter.join(r) for r in out)
