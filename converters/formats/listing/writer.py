"""Writing records as a listing page: the clean page (entries separated by
blank lines, whole abstracts, every known name) or the page's own display."""
from __future__ import annotations

from ...diagnostics import Severity, make
from ...model import WriteResult, split_others, strip_markup
from ...names import display_name, parse_display_name
from .layout import ABSTRACT_CUT_BYTES, AUTHORS_SHOWN, SEE_MORE, cut

# Everything the listing can hold; other variables are reported on write.
_HELD = {"id", "title", "author", "abstract", "custom"}
_HELD_CUSTOM = {"author-count", "abstract-truncated"}


def _one_line(text) -> str:
    # a listing line is plain text: no CSL markup, no line breaks
    return " ".join(strip_markup(text).split())


UNTITLED = "[untitled]"


def _entry_lines(data: dict, page: bool) -> list[str]:
    lines = [_one_line(data.get("title") or "") or UNTITLED]
    people, incomplete = split_others(data.get("author"))
    names = [_one_line(display_name(p)) for p in people]
    custom = data.get("custom") or {}
    declared = custom.get("author-count") or 0
    total = max(declared, len(names))
    if page and total > AUTHORS_SHOWN and names:
        shown = min(AUTHORS_SHOWN - 1, len(names))
        names[shown - 1] += f" … (see {total - shown} more)"
    elif names and declared > len(names):
        names[-1] += f" … (see {declared - len(names)} more)"
    elif names and incomplete:
        names[-1] += " … (see more)"
    lines.extend(names)

    abstract = data.get("abstract")
    if abstract:
        abstract = _one_line(abstract)
        if custom.get("abstract-truncated"):
            head = cut(abstract) if page else abstract
            lines.append(head + SEE_MORE)
        elif page and len(abstract.encode("utf-8")) > ABSTRACT_CUT_BYTES:
            head = cut(abstract)
            lines.append(head + SEE_MORE + abstract[len(head):])
        else:
            lines.append(abstract)
    return lines


def write(records, *, page: bool = False, **options) -> WriteResult:
    """The clean page (entries separated by blank lines, whole abstracts,
    every known name) or, with ``page=True``, the page's own display."""
    result = WriteResult()
    blocks = []
    for record in records:
        data = record.data
        for key in sorted(set(data) - _HELD):
            if key == "type" and data[key] == "article":
                continue
            result.diagnostics.append(make(
                "field-dropped", f"the listing has no place for {key!r}",
                file=record.origin.file, line=record.origin.line_of(key),
                record=record.id, pointer=f"/{key}"))
        custom = data.get("custom") or {}
        if custom.get("abstract-truncated") and not _one_line(data.get("abstract") or ""):
            result.diagnostics.append(make(
                "field-dropped", "the listing marks a cut only on an abstract, and the record "
                "has none", record=record.id, file=record.origin.file, line=record.origin.line,
                pointer="/custom/abstract-truncated"))
        for key in sorted(set(custom) - _HELD_CUSTOM):
            for path in _leaves(key, custom[key]):
                result.diagnostics.append(make(
                    "field-dropped", f"the listing has no place for custom {'.'.join(path)!r}",
                    record=record.id, file=record.origin.file, line=record.origin.line,
                    pointer="/custom/" + "/".join(path)))
        if not _one_line(data.get("title") or ""):
            result.diagnostics.append(make(
                "title-missing", f"the record has no title; the listing needs one, "
                f"written as {UNTITLED!r}", severity=Severity.WARNING, record=record.id,
                file=record.origin.file, line=record.origin.line, pointer="/title"))
        people, incomplete = split_others(data.get("author"))
        if incomplete and not people:
            result.diagnostics.append(make(
                "field-dropped", "an author list of only 'et al.' has no place in the listing",
                record=record.id, file=record.origin.file, line=record.origin.line,
                pointer="/author"))
        _check_name_split(record, people, result)
        _check_markup(record, result)
        blocks.append("\n".join(_entry_lines(data, page)))
    separator = "\n" if page else "\n\n"
    result.text = "Publications\n\n" + separator.join(blocks) + "\n"
    _check_reading(records, result)
    return result


def _leaves(key: str, value, depth: int = 0) -> list[tuple[str, ...]]:
    """The facts a custom value holds, each named: custom.bibtex.fields.owner
    is reported as itself, not as a 'bibtex' that says nothing of it."""
    if isinstance(value, dict) and value and depth < 2:
        return [(key, *path) for inner in sorted(value) for path in
                _leaves(inner, value[inner], depth + 1)]
    return [(key,)]


def _check_markup(record, result: WriteResult) -> None:
    """A page is plain text: italics, sub- and superscripts are left out."""
    for key in ("title", "abstract"):
        value = record.data.get(key)
        if isinstance(value, str) and strip_markup(value) != value:
            result.diagnostics.append(make(
                "field-altered", f"the listing is plain text: the markup of {key!r} "
                "(italics, sub- and superscripts) is left out", record=record.id,
                file=record.origin.file, line=record.origin.line_of(key), pointer=f"/{key}"))


_NAME_PARTS = ("given", "family", "non-dropping-particle", "dropping-particle", "suffix")


def _check_name_split(record, people, result: WriteResult) -> None:
    """A page shows names in display order, which hides where the given
    names end and the family name starts ("Pierre Barbier de Reuille")."""
    for index, person in enumerate(people):
        if "literal" in person or "family" not in person:
            continue
        shown = _one_line(display_name(person))
        back = parse_display_name(shown)
        if all((back.get(k) or "") == _one_line(person.get(k) or "") for k in _NAME_PARTS):
            continue
        parts = ", ".join(f"{k} {v!r}" for k, v in back.items())
        result.diagnostics.append(make(
            "field-altered", f"the listing shows {shown!r} in display order, which reads back "
            f"as {parts}", record=record.id, file=record.origin.file,
            line=record.origin.line_of("author"), pointer=f"/author/{index}"))


def _check_reading(records, result: WriteResult) -> None:
    """Read the page back and report, field by field, every record that
    would not come back as written: a name that reads as a title, an
    organisation that reads as a person, an abstract that reads as a title."""
    from .reader import read

    back = read(result.text).records
    by_title: dict[str, list] = {}
    for got in back:
        by_title.setdefault(_visible(got.data)["title"], []).append(got)
    for record in records:
        wanted = _visible(record.data)
        candidates = by_title.get(wanted["title"]) or []
        read_back = _visible(candidates.pop(0).data) if candidates else None
        for what in wanted:
            if read_back is not None and read_back[what] == wanted[what]:
                continue
            result.diagnostics.append(make(
                "field-altered", f"the page would not read back as written: its {what} "
                "would be read differently (the lines of an entry can look like "
                "another entry's)", record=record.id, file=record.origin.file,
                line=record.origin.line, pointer=f"/{what}"))


def _visible(data: dict) -> dict:
    people, _ = split_others(data.get("author"))
    return {"title": _one_line(data.get("title") or "") or UNTITLED,
            # a person and an institution of the same words are not the same name
            "author": [(_one_line(display_name(p)), "literal" in p) for p in people],
            "abstract": _one_line(data.get("abstract") or "")}
