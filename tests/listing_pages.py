"""Realistic listing pages made from real records, with the truth beside each.

Titles, authors and abstracts come from the shared corpora (JATS articles'
front matter and reference lists, .bib files, CSL-JSON libraries) and are
laid out with the publications page's own display rules, written out here
independently of bibconv's listing writer so that a bug in one is not hidden
by the same bug in the other:

* an abstract longer than 140 UTF-8 bytes is cut there (never inside a
  character) and the page inserts ``… (see more)``, keeping the rest after it;
* an author list longer than 20 lines shows 19 names, the 19th followed by
  ``… (see N more)``, then only some of the hidden names;
* entries may lack an abstract, authors, or both.

Pages also vary what real scraped pages vary: a heading or none, CRLF line
ends, blank lines between entries (all or none), and some entries chosen to be
hard: a short, capitalised, name-like title right after an entry without an
abstract, a bare title followed by a long title, a one-sentence abstract.

Records whose authors a publications page would not show as people are
left out of the pool (``plausible``); ``pool(..., screen=False)`` and
``make_page(..., wide=False)`` give the pool and the hard mix as they were
before that rule and the wider name-like titles, so figures can be set side
by side.

``pool(kind)`` reads the corpora once (``kind`` is ``"bib"`` for the .bib and
CSL-JSON libraries, ``"jats"`` for the JATS articles: develop on one, measure
on both; ``pool(kind, "a")`` and ``pool(kind, "b")`` are halves of whole
files); ``make_page(pool, seed)`` returns ``Page(text, truth)``.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ABSTRACT_CUT_BYTES = 140
NAMES_SHOWN = 19
MARKER = "… (see more)"

_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]+>")


@dataclass
class Entry:
    title: str
    authors: list[str] = field(default_factory=list)
    abstract: str | None = None
    declared: int | None = None   # the page's count when it hides names
    kind: str = "plain"            # what makes the entry hard, for the score by kind


@dataclass
class Page:
    text: str
    truth: list[Entry]
    labels: list[tuple[str, str]] = field(default_factory=list)  # (line, "T"/"A"/"B")


def _clean(text) -> str:
    if not isinstance(text, str):
        return ""
    return _SPACE.sub(" ", _TAG.sub("", text)).strip()


def _display(name: dict) -> str:
    if name.get("literal"):
        return _clean(name["literal"])
    parts = [name.get("given"), name.get("dropping-particle"),
             name.get("non-dropping-particle"), name.get("family")]
    text = " ".join(_clean(p) for p in parts if p)
    if name.get("suffix"):
        text += " " + _clean(name["suffix"])
    return text


def _original_title(data: dict) -> str:
    """The title as its source wrote it: BibTeX titles are recased by the
    reader, and a page shows them as the author typed them."""
    source = ((data.get("custom") or {}).get("bibtex") or {}).get("source") or {}
    if "title" in source:
        from converters import latex
        return _clean(latex.plain(source["title"]))
    return _clean(data.get("title"))


def _usable(name: str) -> bool:
    return bool(name) and len(name) <= 60 and name.lower() != "others"  # et al., not a person


def _records_of(paths, fmt=None):
    import converters
    for path in paths:
        try:
            result = converters.read(str(path), format=fmt) if fmt else converters.read(str(path))
        except Exception:  # a corpus file the reader cannot take is not a page's concern
            continue
        yield from (r.data for r in result.records)


def _entry(data: dict) -> Entry | None:
    title = _original_title(data)
    if not title or len(title) > 300:
        return None
    authors = [_display(n) for n in data.get("author") or []]
    authors = [a for a in authors if _usable(a)]
    abstract = _clean(data.get("abstract")) or None
    return Entry(title, authors, abstract)


def _sources(root: Path, kind: str) -> list[tuple[Path, str | None]]:
    """The corpus files of a pool, each with the format to read it as."""
    if kind == "jats":
        articles = sorted((root / "jats-articles").rglob("*.*xml"))
        return [(a, fmt) for fmt in ("jats-article", "jats") for a in articles]
    files = sorted((root / "bibtex").glob("*.bib")) + sorted((root / "csl-json").rglob("*.json"))
    return [(f, None) for f in files]


def _entries(sources) -> list[Entry]:
    seen, entries = set(), []
    for path, fmt in sources:
        for data in _records_of([path], fmt):
            entry = _entry(data)
            if entry and entry.title not in seen:
                seen.add(entry.title)
                entries.append(entry)
    return entries


# What a catalogue, not a publications page, writes as an "author": several
# names joined by ";", a catalogue number in parentheses ("PhEur Gastric
# juice, artificial (1039900)"), a bare number ("2016"), a numbered
# placeholder ("Doe15", "John Doe10"), DBLP's homonym number ("Jörg Hoffmann
# 0001"), TeX spacing left in a name (".05em"), or "et al." as a name.
_NOT_A_PERSON = re.compile(r";|\(\d+\)|\.\d|^\W*\d+\W*$|[^\W\d_]\d+$|\s\d{3,}$|\bet al\b")
# What catalogues write where there is no abstract.
_NO_ABSTRACT = frozenset({"not available", "n/a", "no abstract available", "no abstract"})


def plausible(entry: Entry) -> bool:
    """Could a publications page show this record as it is?  Its authors are
    people or organisations, and its abstract is not a catalogue's
    placeholder for none.  The same rule for every pool, half and seed."""
    if any(_NOT_A_PERSON.search(name) for name in entry.authors):
        return False
    return (entry.abstract or "").strip(" .").lower() not in _NO_ABSTRACT


@cache
def pool(corpora: str, kind: str, part: str | None = None,
         screen: bool = True) -> tuple[Entry, ...]:
    """The pool's entries; ``part`` "a" or "b" keeps one of two halves made of
    whole files (a library's style, names and subjects stay on one side), for
    fitting the reader on one half and scoring it on the other.  ``screen``
    leaves out what ``plausible`` refuses."""
    found = _pool(corpora, kind, part)
    return tuple(e for e in found if plausible(e)) if screen else found


def _pool(corpora: str, kind: str, part: str | None) -> tuple[Entry, ...]:
    sources = _sources(Path(corpora), kind)
    if part is None:
        return tuple(_entries(sources))
    halves = _halves(sources)
    mine = _entries(halves[part])
    if part == "b":  # a record that two files share (a raw and a pruned export) stays in "a"
        theirs = {entry.title for entry in _entries(halves["a"])}
        mine = [entry for entry in mine if entry.title not in theirs]
    return tuple(mine)


def _halves(sources) -> dict[str, list]:
    """Files by their number of entries, largest first, dealt to "a" and "b"
    in turn: each half gets one of the large libraries, and a file's
    formats (a JATS article's front matter and its references) go together."""
    by_file: dict[Path, list] = {}
    for path, fmt in sources:
        by_file.setdefault(path, []).append((path, fmt))
    sizes = {path: len(_entries(group)) for path, group in by_file.items()}
    order = sorted(by_file, key=lambda path: (-sizes[path], path.name))
    halves: dict[str, list] = {"a": [], "b": []}
    for index, path in enumerate(order):
        halves["ab"[index % 2]].extend(by_file[path])
    return halves


def _name_like(title: str) -> bool:
    """The hard mix's titles before the wider rule: two to four capitalised
    words of letters only."""
    words = title.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words)


_NAME_WORD = re.compile(r"^[^\W\d_]+(?:[-'’.][^\W\d_]*)*,?$")


def name_shaped_title(title: str) -> bool:
    """A title that reads like a name on the page, by shape alone: one to
    five words, each a capitalised word of letters (hyphens, apostrophes
    and stops allowed: "Jean-Pierre", "O'Neil", "J."), nothing else
    ("Phyllotaxis", "Mimi Burbank", "Tree Cross Attention", "MathBook XML")."""
    words = title.split()
    if not words or (title.endswith(".") and len(words[-1]) > 3):
        return False  # a sentence's stop, not an initial's
    return len(words) <= 5 and len(title) <= 60 and all(
        w[:1].isupper() and _NAME_WORD.match(w) for w in words)


def _cut(text: str) -> str:
    return text.encode("utf-8")[:ABSTRACT_CUT_BYTES].decode("utf-8", "ignore")


def _abstract_line(abstract: str) -> str:
    if len(abstract.encode("utf-8")) <= ABSTRACT_CUT_BYTES:
        return abstract
    head = _cut(abstract)
    return head + MARKER + abstract[len(head):]


def _author_lines(entry: Entry, rng: random.Random) -> list[str]:
    names = entry.authors
    if len(names) <= NAMES_SHOWN + 1:
        return list(names)
    hidden = len(names) - NAMES_SHOWN
    lines = names[:NAMES_SHOWN]
    lines[-1] += f" … (see {hidden} more)"
    # The page shows only some of the hidden names.
    shown = rng.randint(0, hidden)
    lines += names[NAMES_SHOWN:NAMES_SHOWN + shown]
    return lines


def _truth(entry: Entry, rng_lines: list[str]) -> Entry:
    """What a reader should give back for the lines laid out."""
    names = [line.split(" … (see")[0] for line in rng_lines]
    declared = len(entry.authors) if len(names) < len(entry.authors) else None
    return Entry(entry.title, names, entry.abstract, declared, entry.kind)


def _shape(entry: Entry, rng: random.Random, previous: Entry | None,
           name_like=_name_like) -> Entry:
    """Decide what the entry shows: the page drops abstracts, authors or both."""
    roll = rng.random()
    authors, abstract, kind = entry.authors, entry.abstract, entry.kind
    if roll < 0.06:
        authors, abstract, kind = [], None, "bare-title"
    elif roll < 0.12:
        authors, kind = [], "no-authors"
    elif roll < 0.30:
        abstract = None
    if abstract and rng.random() < 0.05:
        first = re.split(r"(?<=[.!?])\s", abstract, maxsplit=1)[0]
        if len(first.encode("utf-8")) < 100 and first.endswith("."):
            abstract, kind = first, "short-abstract"
    if previous is not None and not previous.abstract and name_like(entry.title):
        kind = "name-like-title"
    return Entry(entry.title, list(authors), abstract, None, kind)


def make_page(entries: tuple[Entry, ...], seed: int, size: int = 60, hard: float = 0.0,
              wide: bool = True) -> Page:
    """A page of ``size`` entries drawn from ``entries``.  With ``hard`` > 0,
    that share of the entries that follow one without an abstract is drawn
    from the titles that read like a person's name, the reader's hardest case
    (``name_shaped_title``; ``wide=False``: the narrower rule used before)."""
    rng = random.Random(seed)
    rule = name_shaped_title if wide else _name_like
    name_like = [e for e in entries if rule(e.title)]
    chosen: list[Entry] = []
    # A page lists each work once: a title already on the page is drawn again.
    used: set[str] = set()
    for _ in range(size):
        unused = [e for e in name_like if e.title not in used]
        if chosen and not chosen[-1].abstract and unused and rng.random() < hard:
            source = rng.choice(unused)
        else:
            source = rng.choice(entries)
            while source.title in used and len(used) < len(entries):
                source = rng.choice(entries)
        used.add(source.title)
        chosen.append(_shape(source, rng, chosen[-1] if chosen else None, rule))

    blank_between = rng.random() < 0.3
    lines, truth, labels = [], [], []
    if rng.random() < 0.7:
        lines += ["Publications", ""]
    for entry in chosen:
        author_lines = _author_lines(entry, rng)
        block = [entry.title, *author_lines]
        labels += [(entry.title, "T")] + [(a, "A") for a in author_lines]
        if entry.abstract:
            block.append(_abstract_line(entry.abstract))
            labels.append((block[-1], "B"))
        lines += block
        if blank_between:
            lines.append("")
        truth.append(_truth(entry, author_lines))
    newline = "\r\n" if rng.random() < 0.2 else "\n"
    return Page(newline.join(lines) + newline, truth, labels)


def score(records, truth: list[Entry]) -> dict[str, Any]:
    """Entries read exactly, and what went wrong with the others, by kind."""
    from converters.model import split_others
    from converters.names import display_name

    got = []
    for record in records:
        data = record.data
        people, incomplete = split_others(data.get("author"))
        declared = (data.get("custom") or {}).get("author-count")
        got.append(Entry(data.get("title") or "", [display_name(p) for p in people],
                         data.get("abstract"), declared if incomplete else None))
    exact, misses = 0, []
    by_kind: dict[str, list[int]] = {}
    # Align by title, in page order: a merged or split entry shifts
    # everything after it, and a title may occur twice on a page.
    index: dict[str, list[int]] = {}
    for i, entry in enumerate(got):
        index.setdefault(entry.title, []).append(i)
    position = 0
    for entry in truth:
        counts = by_kind.setdefault(entry.kind, [0, 0])
        counts[1] += 1
        found = next((i for i in index.get(entry.title, ()) if i >= position), None)
        if found is None:
            misses.append((entry.kind, "title not read", entry.title))
            continue
        position = found + 1
        mine = got[found]
        problems = []
        # A name the page writes surname first ("Dolan CR") comes back given
        # name first: each name is compared as its words, in any order.  This
        # scores the lines read; how a name splits is tested on its own
        # (tests/test_listing_evidence.py).
        if _words_of(mine.authors) != _words_of(entry.authors):
            problems.append(f"authors {mine.authors[:3]}… != {entry.authors[:3]}…")
        if (mine.abstract or None) != entry.abstract:
            problems.append(f"abstract {str(mine.abstract)[:40]!r} != {str(entry.abstract)[:40]!r}")
        if mine.declared != entry.declared:
            problems.append(f"count {mine.declared} != {entry.declared}")
        if problems:
            misses.append((entry.kind, "; ".join(problems), entry.title))
        else:
            exact += 1
            counts[0] += 1
    return {"exact": exact, "total": len(truth), "records": len(got), "misses": misses,
            "by_kind": by_kind}


def _words_of(names: list[str]) -> list[list[str]]:
    return [sorted(name.split()) for name in names]
