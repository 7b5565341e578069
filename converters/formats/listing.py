"""The listing: the raw text of a scraped publications page.

    Publications                 <- optional heading

    Title of the first paper
    First Author
    Second Author … (see 3 more) <- the page hid 3 names; some follow, some may not
    Hidden Author
    The abstract, cut by the page after 140 bytes and the… (see more) rest kept.
    Title of the next paper
    ...

Every line is a title (T), an author (A) or an abstract (B), and an entry is
``T A* B?``.  One line alone often cannot tell ("Tree Cross Attention" looks
like a name), so each line gets a score for each reading from its shape and
the whole page is labelled at once by the best-scoring sequence the grammar
allows (Viterbi).  Where the runner-up labelling is close, the line is
reported as ``listing-ambiguous``.

Facts CSL has no variable for go in ``custom``: ``author-count`` (the number
of authors the page declares when it hides some) and ``abstract-truncated``
(the page cut the abstract and gave nothing after its marker).
"""
from __future__ import annotations

import re

from ..diagnostics import Severity, make
from ..ids import IdAllocator, base_id
from ..model import (OTHERS, Origin, ReadResult, Record, WriteResult, split_others,
                     strip_markup)
from ..names import display_name, parse_display_name

ABSTRACT_MARKER = re.compile(r"(?:…|\.\.\.) \(see more\)")
AUTHOR_MARKER = re.compile(r"\s*(?:…|\.\.\.)\s*\(see (?:(\d+) )?more\)\s*$")
HEADING = re.compile(r"^publications:?$", re.IGNORECASE)
_SPACES = re.compile(r"\s{2,}|[^\S ]")  # single spaces need no work

# The page's display rules, as observed on the seed page.
ABSTRACT_CUT_BYTES = 140   # the cut counts UTF-8 bytes, never splitting a character
AUTHORS_SHOWN = 20         # lines of the author list, the marker's line included

T, A, B = 0, 1, 2
LABELS = (T, A, B)
WHAT = {T: "the title of a new entry", A: "an author", B: "an abstract"}
IMPOSSIBLE = -1e9
AMBIGUITY_MARGIN = 3.0

# Grammar T A* B? as transition scores; a missing pair is impossible.
TRANSITION = {
    (T, A): 0.0, (T, B): -2.0, (T, T): -3.0,
    (A, A): 0.0, (A, B): 0.0, (A, T): -1.0,
    (B, T): 0.0,
}
# Ending the page: an entry that ends on its title has neither authors nor
# abstract, one that ends on an author has no abstract.
AT_END = {T: -3.0, A: -1.0, B: 0.0}
AFTER_BLANK = -12.0  # an author or abstract right after a blank line is unusual
# A page whose entries are all separated by blank lines (as the clean writer
# makes them) starts no entry without one.
TITLE_WITHOUT_BLANK = -12.0

_PARTICLES = frozenset("""van von der den de del della di da das dos du la le ter ten
bin ibn al el y zu dalla degli""".split())
_NOT_IN_NAMES = re.compile(r"[0-9:;?!()\[\]/{}<>=+*#@|\"]")
_INITIAL = re.compile(r"^[A-Z]\.?(-[A-Z]\.?)?$")
_SUFFIX = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


def name_likeness(text: str) -> float:
    """1.0 for a line shaped like a person's name, 0.5 for one word that
    could be a mononym, 0.0 otherwise."""
    if not text or len(text) > 60 or _NOT_IN_NAMES.search(text):
        return 0.0
    tokens = text.replace(",", " ").split()
    if not 1 <= len(tokens) <= 6:
        return 0.0
    for token in tokens:
        if token in _PARTICLES or token in _SUFFIX or _INITIAL.match(token):
            continue
        first = token.lstrip("'’(")[:1]
        if not first.isalpha() or not first.isupper():
            return 0.0
        if token.endswith(".") and len(token) > 3:
            return 0.0  # a sentence's full stop, not an initial
    return 1.0 if len(tokens) > 1 else 0.5


def _sentences(text: str) -> int:
    return len(re.findall(r"[.!?][\"”’)]?\s+(?=[A-Z])", text)) + 1


def _emissions(text: str) -> tuple[float, float, float]:
    """Scores (title, author, abstract) for one line on its own."""
    if ABSTRACT_MARKER.search(text) and not AUTHOR_MARKER.search(text):
        return IMPOSSIBLE, IMPOSSIBLE, 0.0
    marker = AUTHOR_MARKER.search(text)
    if marker:
        before = text[:marker.start()]
        if name_likeness(before) > 0:
            return IMPOSSIBLE, 0.0, IMPOSSIBLE
        return IMPOSSIBLE, IMPOSSIBLE, 0.0  # an abstract cut with nothing after it
    size = len(text.encode("utf-8"))
    words = len(text.split(None, 6))  # only "fewer than six" matters
    namelike = name_likeness(text)
    sentences = _sentences(text)

    title = 0.0
    if namelike == 1.0:
        title -= 4.0
    if text.endswith("."):
        title -= 1.5  # some titles end with a full stop; most do not
    if size > 250:
        title -= 6.0
    if sentences > 1:
        title -= 4.0

    author = {1.0: 0.0, 0.5: -2.0}.get(namelike, IMPOSSIBLE)

    # Abstracts are long: one shorter than a typical title is rare.
    if words < 6:
        abstract = -8.0
    elif size < 60:
        abstract = -7.0
    elif size < 100:
        abstract = -4.0
    elif size < ABSTRACT_CUT_BYTES:
        abstract = -2.0
    else:
        abstract = 0.0
    if sentences > 1:
        abstract = min(0.0, abstract + 1.0)
    if text.endswith("?"):
        abstract -= 2.0  # titles ask questions; abstracts seldom end on one
    if namelike == 1.0:
        abstract -= 8.0
    return title, author, abstract


def _label(lines: list[tuple[int, str, bool]]) -> tuple[list[int], list[tuple[float, int]]]:
    """Best labels for ``lines`` (line number, text, blank line before) and,
    for each line, how far ahead its label is of the best other reading and
    which reading that is."""
    # Blank lines anywhere between entries: take them as the separators.
    return _viterbi(lines, blank_separated=any(blank for _, _, blank in lines[1:]))


def _viterbi(lines, *, blank_separated: bool):
    n = len(lines)
    emit = [_emissions(text) for _, text, _ in lines]

    def enter(i: int, label: int) -> float:
        if lines[i][2]:
            return AFTER_BLANK if label != T else 0.0
        return TITLE_WITHOUT_BLANK if blank_separated and label == T and i else 0.0

    forward = [[IMPOSSIBLE] * 3 for _ in range(n)]
    back = [[0] * 3 for _ in range(n)]
    forward[0][T] = emit[0][T]
    for i in range(1, n):
        for label in LABELS:
            best, arg = IMPOSSIBLE, T
            for prev in LABELS:
                step = TRANSITION.get((prev, label))
                if step is None:
                    continue
                score = forward[i - 1][prev] + step
                if score > best:
                    best, arg = score, prev
            forward[i][label] = best + emit[i][label] + enter(i, label)
            back[i][label] = arg

    backward = [[AT_END[label] for label in LABELS] for _ in range(n)]
    for i in range(n - 2, -1, -1):
        for label in LABELS:
            best = IMPOSSIBLE
            for nxt in LABELS:
                step = TRANSITION.get((label, nxt))
                if step is None:
                    continue
                best = max(best, step + emit[i + 1][nxt] + enter(i + 1, nxt)
                           + backward[i + 1][nxt])
            backward[i][label] = best

    labels = [0] * n
    labels[-1] = max(LABELS, key=lambda label: forward[-1][label] + AT_END[label])
    for i in range(n - 1, 0, -1):
        labels[i - 1] = back[i][labels[i]]

    margins = []
    for i in range(n):
        totals = sorted(((forward[i][label] + backward[i][label], label) for label in LABELS),
                        reverse=True)
        margins.append((totals[0][0] - totals[1][0], totals[1][1]))
    return labels, margins


def _restore_abstract(text: str) -> tuple[str, bool]:
    """Remove the page's cut marker; say whether the page gave nothing after it."""
    match = AUTHOR_MARKER.search(text) or ABSTRACT_MARKER.search(text)
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


def read(text: str, source: str | None = None, **options) -> ReadResult:
    result = ReadResult()
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
    if not lines:
        result.diagnostics.append(make("input-empty", "the listing has no entries", file=source))
        return result

    labels, margins = _label(lines)
    entries: list[dict] = []
    for (number, text_, _), label, (margin, alternative) in zip(lines, labels, margins):
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

    names, declared = [], None
    for number, text in entry["authors"]:
        marker = AUTHOR_MARKER.search(text)
        if marker:
            text = text[:marker.start()]
            hidden = marker.group(1)
            if declared is None:
                # "(see N more)" after the k-th name: the list has k + N names.
                declared = len(names) + 1 + int(hidden) if hidden else -1
        names.append(parse_display_name(text))
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


# Everything the listing can hold; other variables are reported on write.
_HELD = {"id", "title", "author", "abstract", "custom"}
_HELD_CUSTOM = {"author-count", "abstract-truncated"}


def _one_line(text) -> str:
    # a listing line is plain text: no CSL markup, no line breaks
    return " ".join(strip_markup(text).split())


def _cut(text: str, limit: int) -> str:
    data = text.encode("utf-8")[:limit]
    return data.decode("utf-8", "ignore")


UNTITLED = "[untitled]"


def _entry_lines(data: dict, page: bool) -> list[str]:
    lines = [_one_line(data.get("title") or "") or UNTITLED]
    people, incomplete = split_others(data.get("author"))
    names = [_one_line(display_name(p)) for p in people]
    custom = data.get("custom") or {}
    declared = custom.get("author-count")
    total = max(declared or 0, len(names))
    if page and total > AUTHORS_SHOWN and names:
        shown = min(AUTHORS_SHOWN - 1, len(names))
        names[shown - 1] += f" … (see {total - shown} more)"
    elif names and (declared or 0) > len(names):
        names[-1] += f" … (see {declared - len(names)} more)"
    elif names and incomplete:
        names[-1] += " … (see more)"
    lines.extend(names)

    abstract = data.get("abstract")
    if abstract:
        abstract = _one_line(abstract)
        if custom.get("abstract-truncated"):
            head = _cut(abstract, ABSTRACT_CUT_BYTES) if page else abstract
            lines.append(head + "… (see more)")
        elif page and len(abstract.encode("utf-8")) > ABSTRACT_CUT_BYTES:
            head = _cut(abstract, ABSTRACT_CUT_BYTES)
            lines.append(head + "… (see more)" + abstract[len(head):])
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
        for key in sorted(set(data.get("custom") or {}) - _HELD_CUSTOM):
            result.diagnostics.append(make(
                "field-dropped", f"the listing has no place for custom {key!r}",
                record=record.id, file=record.origin.file, line=record.origin.line,
                pointer=f"/custom/{key}"))
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
        blocks.append("\n".join(_entry_lines(data, page)))
    separator = "\n" if page else "\n\n"
    result.text = "Publications\n\n" + separator.join(blocks) + "\n"
    return result
