"""Reading: a .bib file -> CSL records.  Split (split.py), inherit
(inherit.py), then each entry's field groups read into CSL."""
from __future__ import annotations

import functools
import re

from ...diagnostics import make
from ...mapping import bibtex as M
from ...model import Origin, ReadResult, Record
from ...textio import ACYCLIC, fewer_collections
from . import groups as G
from .context import Reading
from .inherit import inherit
from .kept import csl_types, read_aside, read_kept, read_type, unmapped_report
from .split import Entry, file_preambles, preamble_texts, split
from .titles import english_language, read_titles

# The CSL variable each field's line is reported under.
_FIELD_TO_VAR = {**M.SIMPLE, "title": "title", "journaltitle": "container-title",
                 "booktitle": "container-title", "pages": "page", "date": "issued",
                 "year": "issued", "location": "publisher-place", "number": "issue"}


def to_csl(entry: Entry, source: str | None, diagnostics: list, lists: bool = True) -> Record:
    """``lists``: read publisher, location and institution as BibLaTeX's
    literal lists ("A and B" is two); in BibTeX they are plain text."""
    f, etype = entry.fields, entry.type
    language = G.read_language_of(f)
    csl_type = read_type(etype, f)
    genre = M.TYPES.get(etype, ("document", None))[1]
    written_type = f.get(M.FACT_PREFIX + "type", "").strip()
    if written_type in csl_types():  # what bibconv wrote when no entry type said it
        csl_type, genre = written_type, None
    r = Reading(f, etype, lists, english_language(language), csl_type, tuple(f),
                {"id": entry.key, "type": csl_type})
    if "entrysubtype" in f and read_type(etype, f).startswith("article-"):
        r.used.add("entrysubtype")
    for group in (G.read_names, read_titles, G.read_publisher, G.read_numbers,
                  G.read_notes, G.read_dates, G.read_pages, G.read_language):
        group(r)
    G.read_simple(r, genre)
    aside = read_aside(r)
    read_kept(r, entry.inherited, aside, unmapped_report(diagnostics, source, entry))
    lines = entry.lines  # each field's line under its variable's name
    at = dict(zip(_variables(tuple(lines)), lines.values(), strict=True))
    return Record(r.data, Origin(source, entry.line, entry.end_line, at))


@functools.lru_cache(maxsize=4096)  # a few layouts of field names, over and over
def _variables(layout: tuple[str, ...]) -> tuple[str, ...]:
    """The variable each field's line is reported under (the field's own
    name where it maps to none), for an entry's field names in order."""
    return tuple(map(_FIELD_TO_VAR.get, layout, layout))


def read(text: str, source: str | None = None, *, macros: dict | None = None,
         dialect: str | None = None, earlier_keys: dict[str, int] | None = None,
         lent_after: int | None = None, repeated: set[str] | None = None,
         preambles: dict | None = None, lent_macros: dict | None = None,
         **options) -> ReadResult:
    """``macros``: a dict of @string macros shared by the inputs of one run
    (IEEE's abrv.bib, then refs.bib); it is read and updated in place.
    ``dialect``: "bibtex" or "biblatex" says how to read literal lists
    (publisher, location); by default the file's own fields tell.
    ``earlier_keys``: a streamed chunk's keys of earlier chunks (lowered key
    -> line) that its keys differ from in case: warned of as in a whole read.
    ``lent_after``: a streamed chunk's last line of its own; what follows is
    lent (crossref parents and the @strings before them): its macros serve
    it alone, neither ``macros`` nor the file's blocks.  ``repeated``: keys
    a streamed chunk's earlier chunks used; an entry of the chunk's own with
    one is skipped and said, as a whole read skips a key used again.
    ``preambles``: a streamed chunk's file's @preamble macros (split.
    file_preambles), which serve all its entries, as in a whole read.
    ``lent_macros``: the macros the lent text starts from, where not the
    chunk's (it then holds the file's @strings from its start)."""
    with fewer_collections(ACYCLIC):
        return _read(text, source, macros, dialect, earlier_keys, lent_after, repeated,
                     preambles, lent_macros)


# A "\r" not followed by "\n" ends a line (old Mac files), as the text reader
# that cuts a stream into chunks splits them: read as "\n", lines agree.
_LONE_RETURN = re.compile(r"\r(?!\n)")


def _read(text: str, source: str | None, macros: dict | None, dialect: str | None,
          earlier_keys: dict[str, int] | None = None,
          lent_after: int | None = None, repeated: set[str] | None = None,
          preambles: dict | None = None, lent_macros: dict | None = None) -> ReadResult:
    result = ReadResult()
    if "\r" in text:
        text = _LONE_RETURN.sub("\n", text)
    try:
        entries, meta = split(text, source, result, macros, earlier_keys, lent_after,
                              repeated, preambles, lent_macros)
    except RecursionError:
        result.diagnostics.append(make("nesting-too-deep", "braces nested too deeply to read",
                                       file=source, line=1))
        return result
    inherit(entries, source, result)
    # BibLaTeX's list semantics for publisher and location, where the file
    # uses its data model (most entries do) or the entry itself does; pandoc
    # splits in -f biblatex and never in -f bibtex.
    biblatex_file = 2 * sum(e.biblatex for e in entries) > len(entries)
    for entry in entries:
        _record(entry, source, result, dialect == "biblatex" or (dialect is None and (
            entry.biblatex or biblatex_file)))
    result.meta = meta
    # in the file's line order, whatever step found them: a file read in
    # chunks (--stream, --jobs) then reports them as the whole read does
    result.diagnostics.sort(key=_line)
    if not entries and not meta["strings"] and not result.diagnostics:
        result.diagnostics.append(make("input-empty", "no BibTeX entries found",
                                       file=source))
    return result


def _line(diagnostic) -> int:
    return diagnostic.location.line if diagnostic.location and diagnostic.location.line else 0


def _record(entry: Entry, source: str | None, result: ReadResult, lists: bool) -> None:
    if entry.type == "xdata" or entry.skipped:
        return  # data containers, not works; or reported as skipped
    if entry.type == "set":
        result.diagnostics.append(make(
            "field-unmapped", f"@set {entry.key!r} groups other entries; CSL has no sets, "
            "so it is not a record", file=source, line=entry.line, record=entry.key))
        return
    try:
        result.records.append(to_csl(entry, source, result.diagnostics, lists))
    except RecursionError:
        result.diagnostics.append(make(
            "nesting-too-deep", "entry skipped: braces nested too deeply",
            file=source, line=entry.line, record=entry.key))


def preambles(runs) -> dict:
    """The macros a file's @preambles define, from its runs of whole blocks
    (those that hold a @preamble suffice), read as ``read`` reads them."""
    texts: list[str] = []
    for text in runs:
        texts += preamble_texts(_LONE_RETURN.sub("\n", text) if "\r" in text else text)
    return file_preambles(texts)


# The core passes the same dict as ``macros`` to each input of one run, so
# that @strings defined in one file serve the next (see README).
read.shared_options = ("macros",)  # type: ignore[attr-defined]


def read_biblatex(text: str, source: str | None = None, **options) -> ReadResult:
    """``-f biblatex``: every entry read in BibLaTeX's data model (literal
    lists split at "and"), as ``pandoc -f biblatex`` reads them."""
    options.setdefault("dialect", "biblatex")
    return read(text, source, **options)


read_biblatex.shared_options = read.shared_options  # type: ignore[attr-defined]
