"""Writing: CSL records -> BibTeX or BibLaTeX entries, each field group
written by its pair in titles.py, groups.py and kept.py."""
from __future__ import annotations

import re

from ... import vocabulary
from ...diagnostics import Severity, make
from ...ids import STOP_WORDS, IdAllocator, ascii_fold
from ...mapping import bibtex as M
from ...model import WriteResult
from . import groups as G
from .context import Writing
from .kept import write_aside, write_kept
from .titles import english_language, write_titles

_KEY_BAD = re.compile(r"[\s,{}()\"#%'~=\\]")
# A line of a value that opens like an entry ("@book{", "@misc ("):
# bibtexparser's splitter takes it for a new entry, though BibTeX and biber
# read it as text.  Any other "@" at a line's start it reads as text too.
_AT_LINE = re.compile(r"[ \t]*\r?\n\s*(?=@\w*[ \t]*[{(])")

# Field order in written entries: what a reader looks for first.
ORDER = ["author", "editor", "translator", "bookauthor", "director", "title", "subtitle",
         "titleaddon", "maintitle", "booktitle", "journal", "journaltitle", "series",
         "edition", "volume", "part", "volumes", "number", "issue", "chapter", "pages",
         "pagetotal", "type", "institution", "school", "organization", "publisher",
         "address", "location", "date", "year", "month", "day", "eventtitle", "eventdate",
         "venue", "urldate", "doi", "isbn", "issn", "url", "eprint", "eprinttype",
         "langid", "note", "addendum", "abstract", "keywords", "annotation", "annote"]


def _make_key(data: dict, taken) -> str:
    family = ""
    for name in data.get("author") or data.get("editor") or []:
        family = name.get("family") or name.get("literal") or ""
        if not vocabulary.is_others_word(family):
            break
    year = ""
    issued = data.get("issued") or {}
    parts = issued.get("date-parts") or []
    if parts and parts[0]:
        year = str(parts[0][0])
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_fold(str(data.get("title", ""))).lower())
             if w not in STOP_WORDS]
    base = re.sub(r"[^A-Za-z0-9]", "", ascii_fold(family)).lower() + year + (words[0] if words else "")
    return taken.claim_suffixed(base or "entry")


def _write(records, *, variant: str, ascii: bool = False, meta: dict | None = None,
           **options) -> WriteResult:
    result = WriteResult()
    blocks = file_blocks(meta) if meta else []
    # A streamed run's batches share one store of the keys written (``ids``),
    # so a key cleaned in one batch is not written again by a later one.
    keys = options.get("ids") or IdAllocator()
    for record in records:
        key = _key(record, keys, result)
        etype, fields, dropped, inexact = entry_fields(record.data, variant == "biblatex",
                                                       ascii)
        _report_set_aside(record, key, variant, dropped, inexact, result)
        _make_readable(fields, record, key, result)
        ordered = sorted(fields.items(), key=lambda kv: (
            ORDER.index(kv[0]) if kv[0] in ORDER else len(ORDER), kv[0]))
        width = max((len(k) for k, _ in ordered), default=0)
        body = "".join(f"  {k.ljust(width)} = {v},\n" for k, v in ordered)
        blocks.append(f"@{etype}{{{key},\n{body}}}")
    result.text = "\n\n".join(blocks) + ("\n" if blocks else "")
    return result


def _make_readable(fields: dict, record, key: str, result: WriteResult) -> None:
    """Each written value made one that BibTeX, biber and bibconv's reader
    all take as the value, with a field-altered finding where that changed it."""
    for name, value in fields.items():
        inner = value[1:-1] if value.startswith("{") and value.endswith("}") else None
        if inner is None:
            continue
        why = []
        paired = (_unmatched_dropped(inner) if name in M.VERBATIM
                  and ("{" in inner or "}" in inner) else inner)
        if paired != inner:
            # BibTeX counts every brace: a verbatim value has no escape for one.
            inner = paired
            why.append("a brace with no partner cannot be written in a BibTeX value; "
                       "dropped")
        if "\n" in inner and _AT_LINE.search(inner):
            # BibTeX and biber read any run of spaces and line breaks as one space.
            inner = _AT_LINE.sub(" ", inner)
            why.append("a line starting with '@' would read as a new entry; the line "
                       "break before it written as a space")
        if why:
            fields[name] = "{" + inner + "}"
            result.diagnostics.append(make(
                "field-altered", f"field {name!r}: " + "; ".join(why),
                file=record.origin.file, line=record.origin.line, record=key,
                pointer=f"/{name}"))


def _unmatched_dropped(text: str) -> str:
    """``text`` without the braces that have no partner."""
    opened: list[int] = []
    dropped: set[int] = set()
    for at, char in enumerate(text):
        if char == "{":
            opened.append(at)
        elif char == "}":
            if opened:
                opened.pop()
            else:
                dropped.add(at)
    dropped.update(opened)
    return "".join(c for at, c in enumerate(text) if at not in dropped)


def file_blocks(meta: dict) -> list[str]:
    """The file-level blocks (@comment, @preamble, @string) a whole write
    puts before every entry, from the inputs' blocks merged."""
    return (["@comment{" + comment + "}" for comment in meta.get("comments", [])]
            + ["@preamble{" + preamble + "}" for preamble in meta.get("preambles", [])]
            + ["@string{" + key + " = " + value + "}"
               for key, value in meta.get("strings", {}).items()])


def clean_key(key: str) -> str:
    """``key`` as a BibTeX key holds it: what a key cannot hold becomes "-"."""
    return _KEY_BAD.sub("-", key)


def _key(record, keys, result: WriteResult) -> str:
    key = str(record.data.get("id") or "")
    if not key:
        key = _make_key(record.data, keys)
        result.diagnostics.append(make(
            "id-generated", f"the record had no id; written with key {key!r}",
            file=record.origin.file, line=record.origin.line, record=key))
        return key
    cleaned = clean_key(key)
    claimed = keys.claim(cleaned)
    if claimed != key:  # (the usual key is written as it is: nothing to say)
        result.diagnostics += key_findings(key, claimed, record.origin.file,
                                           record.origin.line, cleaned)
    return claimed


# What the writer says of a record's key: the join of streamed parts says it
# again for a record whose key it changed (converters.scale.joined_ids).
KEY_CODES = frozenset({"key-cleaned", "id-duplicate"})


def key_findings(key: str, claimed: str, file: str | None, line: int | None,
                 cleaned: str | None = None) -> list:
    """The findings of writing the record ``key`` with the key ``claimed``
    (its cleaned form, or that made unique: a cleaned key took this one)."""
    found = []
    cleaned = clean_key(key) if cleaned is None else cleaned
    if cleaned != key:
        found.append(make(
            "key-cleaned", f"BibTeX keys cannot hold {key!r}; written as {cleaned!r}",
            severity=Severity.WARNING, file=file, line=line, record=key, pointer="/id"))
    if claimed != cleaned:  # ids arrive unique, so a cleaned key took this one
        found.append(make(
            "id-duplicate", f"id {cleaned!r} as written is taken by an earlier record; "
            f"written as {claimed!r}", file=file, line=line, record=key, pointer="/id"))
    return found


def _report_set_aside(record, key: str, variant: str, dropped: list, inexact: list,
                      result: WriteResult) -> None:
    for var in inexact:
        what = (f"{variant} names cannot say all of {var!r} (a particle that does not "
                "drop, comma-suffix, static-ordering...); the exact list is"
                if var in M.WRITE_NAMES else
                f"{variant} fields would not give {var!r} back as it is (a season, "
                "circa, a range, a prefix, a default the entry type adds); the exact "
                "value is")
        result.diagnostics.append(make(
            "field-set-aside", f"{what} kept in '{M.FACT_PREFIX}csl'",
            file=record.origin.file, line=record.origin.line_of(var), record=key,
            pointer=f"/{var}"))
    for var in dropped:
        result.diagnostics.append(make(
            "field-set-aside", f"{variant} has no field for {var!r}; kept in "
            f"'{M.FACT_PREFIX}csl', which BibTeX styles and biber ignore",
            file=record.origin.file, line=record.origin.line_of(var), record=key,
            pointer=f"/{var}"))


def entry_type(data: dict, bib: dict, biblatex: bool) -> tuple[str, str]:
    """(the entry type to write, the BibLaTeX type BibTeX lacks or "")."""
    csl_type = data.get("type", "document")
    etype = bib.get("type")
    if not etype or (M.TYPES.get(etype, (None,))[0] != csl_type and not (
            etype == "unpublished" and csl_type == "speech") and not (
            etype in ("article", "periodical") and csl_type.startswith("article-"))):
        bibtex_type, biblatex_type = M.WRITE_TYPES.get(csl_type, ("misc", "misc"))
        etype = biblatex_type if biblatex else bibtex_type
        if csl_type == "chapter" and not data.get("editor"):
            etype = "inbook"
        if csl_type == "thesis" and "master" in str(data.get("genre", "")).lower():
            etype = "mastersthesis" if not biblatex else "thesis"
    if biblatex or etype in M.BIBTEX_TYPES:
        return etype, ""
    return M.BIBTEX_FALLBACK.get(etype, "misc"), etype


def entry_fields(data: dict, biblatex: bool, ascii_only: bool,
                 check: bool = True) -> tuple[str, dict, list, list]:
    """CSL data -> (entry type, {field: written value}, CSL variables dropped,
    CSL variables written inexactly).  ``check``: read the entry back and set
    aside the variables of kept.CHECKED that would not come back as they are."""
    custom = data.get("custom") or {}
    bib: dict = custom["bibtex"] if isinstance(custom.get("bibtex"), dict) else {}
    etype, downgraded = entry_type(data, bib, biblatex)
    w = Writing(data, etype, biblatex, ascii_only, bib, english_language(data.get("language")))
    for group in (write_titles, G.write_names, G.write_publisher, G.write_numbers,
                  G.write_notes, G.write_dates, G.write_pages, G.write_language,
                  G.write_simple):
        group(w)
    write_kept(w, downgraded)
    dropped = write_aside(w, check)
    return etype, w.out, dropped, w.inexact


def write_bibtex(records, **options) -> WriteResult:
    return _write(records, variant="bibtex", **options)


def write_biblatex(records, **options) -> WriteResult:
    return _write(records, variant="biblatex", **options)
