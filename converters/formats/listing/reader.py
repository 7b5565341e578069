"""Reading a listing page into records: lines labelled by ``labelling``,
grouped into entries, names split, cut abstracts restored.

Facts CSL has no variable for go in ``custom``: ``author-count`` (the number
of authors the page declares when it hides some) and ``abstract-truncated``
(the page cut the abstract and gave nothing after its marker).
"""
from __future__ import annotations

import re

from ...diagnostics import make
from ...ids import IdAllocator, base_id
from ...model import OTHERS, Origin, ReadResult, Record
from ...names import parse_display_name
from .evidence import is_organisation
from .labelling import A, B, T
from .labelling import label as label_lines
from .layout import ABSTRACT_MARKER, HEADING, author_marker

WHAT = {T: "the title of a new entry", A: "an author", B: "an abstract"}
AMBIGUITY_MARGIN = 1.0  # odds under about 3:1 between the two readings
_SPACES = re.compile(r"\s{2,}|[^\S ]")  # single spaces need no work


def _restore_abstract(text: str) -> tuple[str, bool]:
    """Remove the page's cut marker; say whether the page gave nothing after it."""
    match = author_marker(text) or ABSTRACT_MARKER.search(text)
    if match is None:
        return text, False
    rest = text[match.end():]
    return text[:match.start()] + rest, not rest.strip()


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if not head or head[0] in "@[{<%":
        return 0.0
    first = head.splitlines()[0].strip()
    if HEADING.match(first) or "(see more)" in head:
        return 0.8
    return 0.1  # plain lines of text: the fallback


def page_lines(text: str) -> list[tuple[int, str, bool]]:
    """The page's non-blank lines, spaces tidied, the heading left out: (line
    number, text, whether a blank line comes before)."""
    lines: list[tuple[int, str, bool]] = []
    blank = False
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        stripped = _SPACES.sub(" ", raw).strip()
        if not stripped:
            blank = True
            continue
        lines.append((number, stripped, blank))
        blank = False
    if lines and HEADING.match(lines[0][1]):
        lines = lines[1:]
    return lines


def read(text: str, source: str | None = None, **options) -> ReadResult:
    result = ReadResult()
    lines = page_lines(text)
    if not lines:
        result.diagnostics.append(make("input-empty", "the listing has no entries", file=source))
        return result

    labels, margins = label_lines(lines)
    entries: list[dict] = []
    for (number, text_, _), label, (margin, alternative) in zip(lines, labels, margins, strict=True):
        if label != T and not entries:
            # The page starts with what cannot be a title (an abstract cut
            # by the page, say): an entry without a title holds it.
            entries.append({"title": (number, None), "authors": [], "abstract": None,
                            "end": number})
            result.diagnostics.append(make(
                "listing-ambiguous", "the listing starts with a line that cannot be a "
                "title; it is kept in an entry with no title", file=source, line=number))
        if label == T:
            entries.append({"title": (number, text_), "authors": [], "abstract": None,
                            "end": number})
        elif label == A:
            entries[-1]["authors"].append((number, text_))
        else:
            entries[-1]["abstract"] = (number, text_)
        entries[-1]["end"] = number
        if margin < AMBIGUITY_MARGIN:
            result.diagnostics.append(make(
                "listing-ambiguous",
                f"read {text_[:60]!r} as {WHAT[label]}; it could also be {WHAT[alternative]}",
                file=source, line=number))

    ids = IdAllocator()
    for entry in entries:
        record = _record(entry, source)
        record.data["id"] = ids.claim(base_id(record.data))
        result.records.append(record)
    return result


def _record(entry: dict, source: str | None) -> Record:
    title_line, title = entry["title"]
    data: dict = {"id": None, "type": "article"}
    origin = Origin(file=source, line=title_line, end_line=entry["end"])
    if title is not None:
        data["title"] = title
        origin.fields["title"] = title_line

    names: list[dict] = []
    declared = None
    for _, text in entry["authors"]:
        marker = author_marker(text)
        if marker:
            text = text[:marker.start()]
            hidden = marker.group(1)
            if declared is None:
                # "(see N more)" after the k-th name: the list has k + N names.
                declared = len(names) + 1 + int(hidden) if hidden else -1
        # an institution is one name, not a person's given and family names
        names.append({"literal": text} if is_organisation(text) else parse_display_name(text))
    if names:
        origin.fields["author"] = entry["authors"][0][0]
        data["author"] = names
        if declared is not None and (declared == -1 or declared > len(names)):
            data["author"] = names + [dict(OTHERS)]
            if declared > 0:  # the count matters only while names are missing
                data.setdefault("custom", {})["author-count"] = declared

    if entry["abstract"] is not None:
        number, text = entry["abstract"]
        abstract, cut_off = _restore_abstract(text)
        data["abstract"] = abstract.strip()
        origin.fields["abstract"] = number
        if cut_off:
            data.setdefault("custom", {})["abstract-truncated"] = True
    return Record(data, origin)


