"""BibTeX and BibLaTeX: the reader (one for both) and two writers.

Reading: bibtexparser v2's splitter cuts the file into blocks and never
aborts; a failed block keeps its line, so a broken entry is reported and the
rest still read.  We evaluate values ourselves (@string macros, months, ``#``
concatenation), resolve crossref and xdata inheritance (biblatex manual,
Appendix B), decode LaTeX (converters.latex) and map fields to CSL through
the tables in converters.mapping.bibtex.

What CSL cannot hold comes along in ``custom["bibtex"]``: ``type`` (the entry
type), ``fields`` (fields with no CSL variable, each reported as
``field-unmapped``) and ``source`` (the original LaTeX of fields that CSL
merges or recases, e.g. title + subtitle, so a writer can put them back).
"""
from __future__ import annotations

import json
import logging
import re

from .. import dates, latex
from ..bibnames import format_name, parse_names
from ..diagnostics import Severity, make
from ..ids import ascii_fold, STOP_WORDS, IdAllocator
from ..mapping import bibtex as M
from ..model import Origin, ReadResult, Record, WriteResult

# bibtexparser logs failed blocks itself; we report them as diagnostics, so
# its records must not reach the user's terminal through logging's last resort.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

MAX_NESTING = 200


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:8192]
    if re.search(r"^\s*@\s*[A-Za-z]+\s*[{(]", head, re.MULTILINE):
        return 0.9
    return 0.0


_QUOTE_TOKENS = re.compile(r'\\.|[{}"]', re.DOTALL)


def _closing_quote(raw: str, start: int) -> int:
    """The quote that ends a "..." value (one inside braces does not)."""
    depth = 0
    for match in _QUOTE_TOKENS.finditer(raw, start + 1):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif token == '"' and depth == 0:
            return match.start()
    return len(raw)


class _Undefined(Exception):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class _TooLarge(Exception):
    pass


# A value longer than this is refused: no real field comes near it, and a
# chain of @strings that each double the last (a = x # x, b = a # a, ...)
# would otherwise grow to gigabytes in a few dozen lines.
MAX_VALUE = 1_000_000


def _evaluate(raw: str, macros: dict[str, str]) -> str:
    """A field's raw text -> its LaTeX value: braces and quotes removed at the
    top, macros expanded, ``#`` concatenated."""
    out, i, n = [], 0, len(raw)
    size = 0
    while i < n:
        if size > MAX_VALUE:
            raise _TooLarge()
        c = raw[i]
        if c in " \t\r\n#":
            i += 1
        elif c == "{":
            j = latex.closing_brace(raw, i)
            out.append(raw[i + 1:j])
            i = j + 1
        elif c == '"':
            j = _closing_quote(raw, i)
            out.append(raw[i + 1:j])
            i = j + 1
        else:
            match = re.match(r"[^\s#{}\"]+", raw[i:])
            word = match.group(0) if match else raw[i]
            i += len(word)
            if word.isdigit():
                out.append(word)
            elif word.lower() in macros:
                out.append(macros[word.lower()])
                size += len(out[-1])
            elif word.lower() in M.MONTH_MACROS:
                out.append(M.MONTH_MACROS[word.lower()])
            else:
                raise _Undefined(word)
    if size > MAX_VALUE:
        raise _TooLarge()
    return "".join(out)


# Inside a value, "%" starts a comment only where TeX, which typesets the
# value, could read one: when the rest of its line stays inside the value
# ("Richard %A.\n B. Johnson", pandoc's reading too).  Where the line's rest
# closes the value ("{100% sure}") it would comment out the closing brace,
# so it is text.  URLs, DOIs and other verbatim fields never have comments.
_COMMENT = re.compile(r"(?<!\\)%[^\n]*\n[ \t]*")

_TOKENS = re.compile(r'\\.|@[ \t]*([A-Za-z]+)[ \t\r\n]*[{(]|[{}()"%]', re.DOTALL)


def _blank_field_comments(text: str) -> str:
    """The text with each comment between the fields of an entry ("% ..." to
    the end of the line, outside any value) made blank, newlines kept.

    Between fields biber and pandoc skip "%" to the end of the line (inside
    a value see _COMMENT).  bibtexparser's splitter does not: it reads
    "% note\n title" as a field name, or stops at a comma in the comment."""
    spans: list[tuple[int, int]] = []
    inside, closer, depth, quoted, skip_to = False, "}", 0, False, 0
    for match in _TOKENS.finditer(text):
        if match.start() < skip_to:
            continue
        token = match.group(0)
        if not inside:
            if match.group(1) is None:
                continue
            if match.group(1).lower() == "comment":  # its text is free
                if token.endswith("{"):
                    skip_to = latex.closing_brace(text, match.end() - 1) + 1
                else:
                    end = text.find(")", match.end())
                    skip_to = len(text) if end < 0 else end + 1
                continue
            inside, closer, depth, quoted = True, "}" if token.endswith("{") else ")", 0, False
            continue
        if token.startswith("@"):  # "a@b{c}" inside a value: only its brace counts
            token = token[-1]
        if token == "{":
            depth += 1
        elif token == "}":
            if depth:
                depth -= 1
            elif closer == "}":
                inside = False
        elif token == ")" and not depth and not quoted and closer == ")":
            inside = False
        elif token == '"' and not depth:
            quoted = not quoted
        elif token == "%" and not depth and not quoted:
            end = text.find("\n", match.start())
            skip_to = len(text) if end < 0 else end
            spans.append((match.start(), skip_to))
    if not spans:
        return text
    out, last = [], 0
    for begin, end in spans:
        out += [text[last:begin], " " * (end - begin)]
        last = end
    out.append(text[last:])
    return "".join(out)


def _comment_trouble(blocks) -> bool:
    """Whether a "%" comment between fields confused the splitter."""
    from bibtexparser import model as bm

    for block in blocks:
        if isinstance(block, bm.Entry):
            if any("%" in f.key for f in block.fields):
                return True
        elif isinstance(block, bm.ParsingFailedBlock) and "%" in (block.raw or ""):
            return True
    return False


class _Entry:
    def __init__(self, etype: str, key: str, line: int, end_line: int):
        self.type = etype
        self.key = key
        self.line = line
        self.end_line = end_line
        self.fields: dict[str, str] = {}
        self.lines: dict[str, int] = {}
        self.biblatex = False  # written in BibLaTeX's data model
        self.skipped = False  # reported and not a record; still a crossref parent
        self.inherited: set[str] = set()


def _split(text: str, source: str | None, result: ReadResult,
           macros: dict[str, str] | None = None):
    """Blocks -> macros, entries, preambles and comments, with diagnostics.
    ``macros`` (updated in place) may hold the @strings of earlier inputs."""
    from bibtexparser import model as bm
    from bibtexparser.splitter import Splitter

    library = Splitter(text).split()
    if "%" in text and _comment_trouble(library.blocks):
        library = Splitter(_blank_field_comments(text)).split()
    macros = {} if macros is None else macros
    entries: list[_Entry] = []
    keys: dict[str, int] = {}
    meta = {"preambles": [], "comments": [], "strings": {}}
    refused: set[str] = set()  # macros refused as too large
    defined = _preamble_definitions(library.blocks, bm)

    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, bm.String):
            try:
                macros[block.key.lower()] = _evaluate(block.value, macros)
                meta["strings"][block.key] = block.value
            except _Undefined as exc:
                if exc.name.lower() in refused:
                    refused.add(block.key.lower())
                    result.diagnostics.append(make(
                        "value-too-large", f"@string {block.key} refused: it uses "
                        f"{exc.name!r}, refused as too large", file=source, line=line))
                    continue
                result.diagnostics.append(make(
                    "macro-undefined", f"@string {block.key} uses the undefined macro "
                    f"{exc.name!r}", file=source, line=line))
            except _TooLarge:
                refused.add(block.key.lower())
                result.diagnostics.append(make(
                    "value-too-large", f"@string {block.key} refused: its value would "
                    f"exceed {MAX_VALUE:,} characters (a chain of macros that doubles "
                    "itself?); entries that use it are skipped", file=source, line=line))
        elif isinstance(block, bm.Preamble):
            meta["preambles"].append(block.value)
        elif isinstance(block, bm.ExplicitComment):
            meta["comments"].append(block.comment)
        elif isinstance(block, bm.DuplicateBlockKeyBlock):
            result.diagnostics.append(make(
                "key-duplicate", f"the key {block.key!r} is used again; this entry is skipped "
                f"(the first one is kept)", file=source, line=line, record=block.key))
        elif isinstance(block, bm.DuplicateFieldKeyBlock):
            entry = block.ignore_error_block
            dupes = ", ".join(sorted(block.duplicate_keys))
            result.diagnostics.append(make(
                "field-duplicate", f"field {dupes} given twice; the first value is kept",
                file=source, line=line, record=entry.key))
            got = _entry(entry, macros, source, result, keys, refused, defined)
            if got:
                entries.append(got)
        elif isinstance(block, bm.ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", None) or str(block.error)
            result.diagnostics.append(make(
                "syntax-error", f"entry skipped: {reason}", file=source, line=line,
                record=_key_of(block.raw)))
        elif isinstance(block, bm.Entry):
            got = _entry(block, macros, source, result, keys, refused, defined)
            if got:
                entries.append(got)
    return entries, meta


def _preamble_definitions(blocks, bm) -> dict[str, tuple[int, str]]:
    """The simple macros the file's @preambles define (latex.definitions),
    which LaTeX expands where a style prints the fields."""
    text = []
    for block in blocks:
        if isinstance(block, bm.Preamble) and ("def" in block.value or "command" in block.value):
            try:
                text.append(_evaluate(block.value, {}))
            except (_Undefined, _TooLarge):
                text.append(block.value)
    return latex.definitions("\n".join(text)) if text else {}


def _key_of(raw: str | None) -> str | None:
    match = re.match(r"\s*@\s*\w+\s*[{(]\s*([^,\s{}()]+)", raw or "")
    return match.group(1) if match else None


def _entry(block, macros, source, result, keys, refused, defined=None) -> _Entry | None:
    line = (block.start_line or 0) + 1
    raw = block.raw or ""
    end_line = line + raw.count("\n")
    key = block.key
    if not key:
        result.diagnostics.append(make("syntax-error", "entry skipped: it has no key",
                                       file=source, line=line))
        return None
    entry = _Entry(block.entry_type.lower(), key, line, end_line)
    entry.biblatex = entry.type in M.BIBLATEX_TYPES or any(
        f.key.lower() in M.BIBLATEX_MARKERS for f in block.fields)
    for field in block.fields:
        name = field.key.lower()
        name = M.ALIASES.get(name, name)
        if name in entry.fields:
            continue  # a duplicate field: the first value counts (reported above)
        field_line = (field.start_line or 0) + 1
        try:
            value = _evaluate(field.value, macros) if isinstance(field.value, str) else ""
        except _Undefined as exc:
            if exc.name.lower() in refused:
                result.diagnostics.append(make(
                    "value-too-large", f"entry skipped: field {field.key!r} uses "
                    f"{exc.name!r}, refused as too large", file=source, line=field_line,
                    record=key, pointer=f"/{name}"))
                return None
            if name in M.MAPPED or name.startswith(M.FACT_PREFIX):
                result.diagnostics.append(make(
                    "macro-undefined", f"entry skipped: field {field.key!r} uses the undefined "
                    f"macro {exc.name!r}", file=source, line=field_line,
                    record=key, pointer=f"/{name}"))
                # not a record, but still a crossref parent for the fields it
                # has (BibTeX too reads the entry, with the macro empty)
                entry.skipped = True
                continue
            # BibTeX warns and goes on; the field is kept as written.
            value = field.value.strip()
            result.diagnostics.append(make(
                "macro-undefined", f"field {field.key!r} uses the undefined macro "
                f"{exc.name!r}; kept as the text {value!r}", severity=Severity.WARNING,
                file=source, line=field_line, record=key, pointer=f"/{name}"))
        except _TooLarge:
            result.diagnostics.append(make(
                "value-too-large", f"entry skipped: field {field.key!r} would exceed "
                f"{MAX_VALUE:,} characters", file=source, line=field_line, record=key,
                pointer=f"/{name}"))
            return None
        if "%" in value and "\n" in value and name not in M.VERBATIM:
            value = _COMMENT.sub("", value)
        if defined and "\\" in value and name not in M.VERBATIM:
            value = latex.expand(value, defined)
        if value.count("{") != value.count("}"):
            result.diagnostics.append(make(
                "syntax-error", f"entry skipped: field {field.key!r} has unbalanced braces",
                file=source, line=(field.start_line or 0) + 1, record=key))
            return None
        entry.fields[name] = value
        entry.lines[name] = (field.start_line or 0) + 1
    lowered = key.lower()
    if lowered in keys:
        result.diagnostics.append(make(
            "key-duplicate", f"the key {key!r} differs only in case from the entry on line "
            f"{keys[lowered]}; BibTeX treats them as one", severity=Severity.WARNING,
            file=source, line=line, record=key))
    keys.setdefault(lowered, line)
    return entry


def _inherit(entries: list[_Entry], source: str | None, result: ReadResult) -> None:
    """crossref and xdata: copy what a child lacks from its parent."""
    by_key = {e.key: e for e in entries}
    by_lower = {e.key.lower(): e for e in entries}
    done: set[str] = set()

    def find(key: str) -> _Entry | None:
        return by_key.get(key) or by_lower.get(key.lower())

    def resolve(entry: _Entry, trail: tuple) -> None:
        if entry.key in done:
            return
        done.add(entry.key)
        for link in ("xdata", "crossref"):
            if link not in entry.fields:
                continue
            for target in [k.strip() for k in entry.fields[link].split(",") if k.strip()]:
                parent = find(target)
                if parent is None:
                    result.diagnostics.append(make(
                        "crossref-missing", f"{link} names {target!r}, which is not in the file",
                        file=source, line=entry.lines.get(link, entry.line), record=entry.key,
                        pointer=f"/{link}"))
                    continue
                if parent.key in trail:
                    result.diagnostics.append(make(
                        "crossref-missing", f"{link} to {target!r} forms a cycle; not followed",
                        file=source, line=entry.lines.get(link, entry.line), record=entry.key))
                    continue
                resolve(parent, trail + (entry.key,))
                if parent.skipped:
                    result.diagnostics.append(make(
                        "macro-undefined", f"{link} target {target!r} was skipped for an "
                        "undefined macro; its other fields are inherited",
                        severity=Severity.WARNING, file=source,
                        line=entry.lines.get(link, entry.line), record=entry.key,
                        pointer=f"/{link}"))
                # Names set by the biblatex mapping win over plain copies.
                for name, value in parent.fields.items():
                    if name.startswith(M.FACT_PREFIX):
                        continue  # bibconv's facts belong to the entry that has them
                    if link == "xdata":
                        targets = [] if name in ("xdata", "ids") else [name]
                    else:
                        targets = M.inherited_name(parent.type, entry.type, name)
                    for target_name in targets:  # author -> bookauthor and author
                        if target_name not in entry.fields:
                            entry.fields[target_name] = value
                            entry.lines[target_name] = entry.lines.get(link, entry.line)
                            entry.inherited.add(target_name)

    for entry in entries:
        resolve(entry, ())


# -- entry -> CSL ------------------------------------------------------------

def _language(fields: dict) -> str | None:
    langid = fields.get("langid")
    if not langid:
        return None
    langid = latex.plain(langid).strip()
    variant = re.search(r"variant\s*=\s*(\w+)", fields.get("langidopts", ""))
    if variant and (langid.lower(), variant.group(1).lower()) in M.LANGUAGE_VARIANTS:
        return M.LANGUAGE_VARIANTS[(langid.lower(), variant.group(1).lower())]
    return M.LANGUAGES.get(langid, M.LANGUAGES.get(langid.lower(), langid))


def _english(language: str | None) -> bool:
    # As pandoc with its default English locale: sentence case unless the
    # entry says it is in another language.
    return language is None or language.lower().startswith("en")


def _title(value: str | None, english: bool) -> str | None:
    if value is None:
        return None
    pieces = latex.decode(value)
    if english:
        pieces = latex.sentence_case(pieces)
    return latex.to_rich(pieces)


def _join(parts: list[str | None], separator: str) -> str | None:
    """Join title parts like pandoc: no extra mark after one that ends in
    punctuation ("What? An answer", not "What?: An answer")."""
    out = ""
    for part in parts:
        if not part:
            continue
        if not out:
            out = part
        elif re.search(r"[!?.,:;](</\w+>)?$", out):
            out += " " + part
        else:
            out += separator + " " + part
    return out or None


def derive_titles(fields: dict, etype: str, english: bool) -> dict:
    """title, volume-title, container-title and their short forms from the
    title fields, as pandoc derives them (the biblatex manual's intent)."""
    get = fields.get
    periodical = etype == "periodical"
    chapterlike = etype in M.CHAPTER_TYPES
    has_main = "maintitle" in fields

    def t(name):
        return _title(get(name), english)

    out: dict = {}
    if periodical and get("issuetitle"):
        title, subtitle, addon = t("issuetitle"), t("issuesubtitle"), None
    elif has_main and not chapterlike:
        title, subtitle, addon = t("maintitle"), t("mainsubtitle"), t("maintitleaddon")
    else:
        title, subtitle, addon = t("title"), t("subtitle"), t("titleaddon")
    if periodical and not get("issuetitle"):
        title = subtitle = addon = None
    joined = _join([_join([title, subtitle], ":"), addon], ".")
    if joined:
        out["title"] = joined
    if has_main and not chapterlike:
        volume = _join([_join([t("title"), t("subtitle")], ":"), t("titleaddon")], ".")
    elif has_main and chapterlike:
        volume = _join([_join([t("booktitle"), t("booksubtitle")], ":"),
                        t("booktitleaddon")], ".")
    else:
        volume = None
    if volume:
        out["volume-title"] = volume

    def plain_title(name):
        value = get(name)
        return latex.rich(value) if value is not None else None

    if periodical:
        container = [plain_title("title"), plain_title("subtitle"), plain_title("titleaddon")]
    elif chapterlike and has_main:
        container = [t("maintitle"), t("mainsubtitle"), t("maintitleaddon")]
    elif chapterlike and get("booktitle"):
        container = [t("booktitle"), t("booksubtitle"), t("booktitleaddon")]
    else:
        container = [plain_title("journaltitle"), plain_title("journalsubtitle"), None]
    joined = _join([_join(container[:2], ":"), container[2]], ".")
    if joined:
        out["container-title"] = joined
        if periodical and not get("issuetitle"):
            out["title"] = joined  # the whole periodical: its name is its title too
    if get("shorttitle") and (not has_main or chapterlike):
        out["title-short"] = t("shorttitle")
    elif out.get("title") and (subtitle or addon) and not has_main and title:
        out["title-short"] = title
    return out


TITLE_FIELDS = ("title", "subtitle", "titleaddon", "maintitle", "mainsubtitle",
                "maintitleaddon", "booktitle", "booksubtitle", "booktitleaddon",
                "journaltitle", "journalsubtitle", "issuetitle", "issuesubtitle", "shorttitle")


def _literal_list(value: str, biblatex_list: bool = True) -> str:
    """biblatex literal lists ("A and B") -> "A; B"."""
    if not biblatex_list:
        return latex.rich(value)
    parts = [p for p in re.split(r"\s+and\s+", value) if p.strip()]
    return "; ".join(latex.rich(p) for p in parts)


def derive_publisher(fields: dict, lists: bool = True) -> str | None:
    parts = [_literal_list(fields[f], lists) for f in ("institution", "organization", "publisher")
             if fields.get(f)]
    return "; ".join(parts) or None


def derive_numbers(fields: dict, etype: str) -> dict:
    out = {}
    number, issue = fields.get("number"), fields.get("issue")
    if number is not None:
        if etype in M.SERIES_NUMBER_TYPES:
            out["collection-number"] = latex.plain(number)
        elif etype in M.ARTICLE_TYPES:
            out["issue"] = latex.plain(number) + (f", {latex.plain(issue)}" if issue else "")
        else:
            out["number"] = latex.plain(number)
    elif issue is not None and etype in M.ARTICLE_TYPES:
        out["issue"] = latex.plain(issue)
    volume, part = fields.get("volume"), fields.get("part")
    if volume is not None or part is not None:
        out["volume"] = ".".join(latex.plain(v) for v in (volume, part) if v is not None)
    return out


def derive_note(fields: dict) -> str | None:
    return _join([latex.rich(fields[f]) for f in ("note", "addendum") if fields.get(f)],
                 ".")


def _date(fields: dict, prefix: str) -> dict | None:
    name = {"": "date", "event": "eventdate", "orig": "origdate", "url": "urldate"}[prefix]
    if fields.get(name):
        text = latex.plain(fields[name]).replace("\u00a0", "~")
        return dates.parse(text) or {"literal": text}
    year = fields.get(prefix + "year")
    if not year:
        return None
    year_text = latex.plain(year).replace("–", "-").replace("—", "-").strip()
    if not re.fullmatch(r"-?[0-9]{1,4}", year_text):
        return {"literal": year_text}
    part = [int(year_text)]
    month = fields.get(prefix + "month")
    if month:
        number = _month(month)
        if number is None:
            return {"literal": f"{latex.plain(month)} {year_text}"}
        part.append(number)
        day = dates.whole_number(latex.plain(fields.get(prefix + "day") or ""))
        if day is not None:
            part.append(day)
    return {"date-parts": [part]}


def _month(value: str) -> int | None:
    text = latex.plain(value).strip().lower().rstrip(".")
    number = dates.whole_number(text)
    if number is not None:
        return number if 1 <= number <= 12 else None
    return M.MONTHS.get(text[:3]) if (text[:3] in M.MONTHS and (
        len(text) == 3 or text in M.MONTH_NAMES or text == "may")) else None


_DATE_FIELDS = {"": ("date", "year", "month", "day"), "event": ("eventdate", "eventyear",
                "eventmonth", "eventday"), "orig": ("origdate", "origyear", "origmonth",
                "origday"), "url": ("urldate", "urlyear", "urlmonth", "urlday")}
_DATE_VARS = {"": "issued", "event": "event-date", "orig": "original-date", "url": "accessed"}


def _csl_types() -> frozenset:
    global _CSL_TYPES
    if _CSL_TYPES is None:
        from ..resources import load_schema

        _CSL_TYPES = frozenset(load_schema("csl-data.json")["properties"]["type"]["enum"])
    return _CSL_TYPES


_CSL_TYPES = None


def read_type(etype: str, fields: dict) -> str:
    """The CSL type of an entry of type ``etype`` with these fields."""
    csl_type = M.TYPES.get(etype, ("document", None))[0]
    subtype = latex.plain(fields.get("entrysubtype", "")).lower()
    if etype in ("article", "periodical", "suppperiodical") and subtype in ("magazine",
                                                                           "newspaper"):
        csl_type = f"article-{subtype}"
    if etype == "unpublished" and any(k in fields for k in ("eventdate", "eventtitle", "venue")):
        csl_type = "speech"
    return csl_type


def read_facts(fields: dict) -> dict:
    """bibconv-NAME fields -> custom facts (see write_facts)."""
    facts: dict = {}
    for name, text in fields.items():
        if not name.startswith(M.FACT_PREFIX) or name in (
                M.FACT_PREFIX + "type", M.FACT_PREFIX + "csl", M.FACT_PREFIX + "entrytype"):
            continue
        try:
            value = json.loads(text)
        except ValueError:
            value = text
        if name == M.FACT_PREFIX + "custom" and isinstance(value, dict):
            facts.update(value)
        else:
            facts[name[len(M.FACT_PREFIX):]] = value
    return facts


_FACT_NAME = re.compile(r"[a-z0-9][a-z0-9_.:+-]*")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _fact_text(value) -> str:
    """A custom fact as the text of a braced BibTeX value: a plain string as
    it is when it cannot be mistaken for JSON, anything else as JSON (braces
    inside its strings escaped, so the value's braces balance)."""
    if isinstance(value, str) and value == value.strip() and value and not re.search(
            r"[{}\\]", value):
        try:
            json.loads(value)
        except ValueError:
            return value
    text = json.dumps(value, ensure_ascii=False)
    return _JSON_STRING.sub(lambda m: m.group(0).replace("{", "\\u007b").replace(
        "}", "\\u007d"), text)


def write_facts(custom: dict) -> dict:
    """custom facts (all but custom.bibtex) -> {bibconv-NAME: braced text};
    names a BibTeX field cannot spell go together in bibconv-custom."""
    out, rest = {}, {}
    for name, value in custom.items():
        if name == "bibtex":
            continue
        if _FACT_NAME.fullmatch(name) and name not in ("type", "custom", "csl", "entrytype"):
            out[M.FACT_PREFIX + name] = _braced(_fact_text(value))
        else:
            rest[name] = value
    if rest:
        out[M.FACT_PREFIX + "custom"] = _braced(_fact_text(rest))
    return out


def _csl(entry: _Entry, source: str | None, diagnostics: list, lists: bool = True) -> Record:
    """``lists``: read publisher, location and institution as BibLaTeX's
    literal lists ("A and B" is two); in BibTeX they are plain text."""
    f = entry.fields
    etype = entry.type
    used: set[str] = set()
    language = _language(f)
    english = _english(language)
    csl_type = read_type(etype, f)
    genre = M.TYPES.get(etype, ("document", None))[1]
    if "entrysubtype" in f and csl_type.startswith("article-"):
        used.add("entrysubtype")
    written_type = f.get(M.FACT_PREFIX + "type", "").strip()
    if written_type in _csl_types():  # what bibconv wrote when no entry type said it
        csl_type, genre = written_type, None
    data: dict = {"id": entry.key, "type": csl_type}
    source_fields: dict[str, str] = {}

    # names
    useprefix = bool(re.search(r"useprefix\s*(=\s*true)?\s*(,|$)", f.get("options", "")))
    editortype = latex.plain(f.get("editortype", "")).strip().lower()
    for field, var in M.NAMES.items():
        if field in f:
            names = parse_names(f[field], useprefix=useprefix)
            if field == "editor" and editortype == "director":
                var = "director"
                used.add("editortype")
            if names:
                data.setdefault(var, []).extend(names)
            used.add(field)
            if var == "contributor":  # CSL has one role for several of biblatex's
                source_fields[field] = f[field]

    # titles
    titles = derive_titles(f, etype, english)
    data.update(titles)
    title_fields = [k for k in TITLE_FIELDS if k in f]
    used.update(title_fields)
    # Originals whose shape CSL does not keep: split titles, recased ones.
    if any(k in f for k in ("subtitle", "titleaddon", "maintitle", "booksubtitle",
                            "booktitleaddon", "journalsubtitle", "issuetitle",
                            "mainsubtitle", "maintitleaddon", "issuesubtitle")) or (
            english and "title" in f and latex.rich(f["title"]) != titles.get("title")):
        source_fields.update({k: f[k] for k in title_fields if k not in ("journaltitle",)
                              or "journalsubtitle" in f})

    # publisher, places
    publisher = derive_publisher(f, lists)
    if publisher:
        data["publisher"] = publisher
        present = [k for k in ("institution", "organization", "publisher") if k in f]
        used.update(present)
        if present != ["publisher"] or (lists and " and " in f.get("publisher", "")):
            source_fields.update({k: f[k] for k in present})
    if "location" in f:
        var = "jurisdiction" if csl_type == "patent" else "publisher-place"
        data[var] = _literal_list(f["location"], lists)
        used.add("location")

    # numbers
    numbers = derive_numbers(f, etype)
    data.update(numbers)
    used.update(k for k in ("number", "issue", "volume", "part") if k in f)
    if "part" in f or ("issue" in f and "number" in f):
        source_fields.update({k: f[k] for k in ("number", "issue", "volume", "part") if k in f})

    # notes
    note = derive_note(f)
    if note:
        data["note"] = note
        used.update(k for k in ("note", "addendum") if k in f)
        if "addendum" in f:
            source_fields.update({k: f[k] for k in ("note", "addendum") if k in f})

    # dates
    for prefix, names in _DATE_FIELDS.items():
        date = _date(f, prefix)
        if date:
            data[_DATE_VARS[prefix]] = date
            present = [k for k in names if k in f]
            used.update(present)
            if "literal" in date and present != [names[0]]:
                source_fields.update({k: f[k] for k in present})
    if "date" not in f and "month" in f and "year" not in f:
        source_fields["month"] = f["month"]  # a month with no year: keep it
        used.add("month")

    # pages
    if "pages" in f:
        data["page"] = latex.plain(f["pages"]).replace("–", "-").replace("—", "-")
        used.add("pages")

    # language, genre, the simple ones
    if language:
        data["language"] = language
        used.update(k for k in ("langid", "langidopts") if k in f)
        if "langidopts" in f:  # "english" + "variant=american": keep both words
            source_fields.update({k: f[k] for k in ("langid", "langidopts")})
    for field, var in M.SIMPLE.items():
        if field not in f or var in data:
            continue
        value = f[field]
        if field in M.VERBATIM:
            data[var] = _verbatim(value)
        elif field == "type":
            key = latex.plain(value).strip()
            data[var] = M.TYPE_STRINGS.get(key, latex.rich(value))
        else:
            data[var] = latex.rich(value, paragraphs=var in ("abstract", "annote"))
        used.add(field)
    if genre and "genre" not in data:
        data["genre"] = genre
    if "keyword" in data:
        data["keyword"] = re.sub(r"\s*[,;]\s*", ", ", data["keyword"])
    if "DOI" in data:
        data["DOI"] = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", data["DOI"], flags=re.I)
    eprinttype = latex.plain(f.get("eprinttype", "")).strip().lower()
    if "URL" not in data and eprinttype in M.EPRINT_URLS and f.get("eprint"):
        data["URL"] = M.EPRINT_URLS[eprinttype] + _verbatim(f["eprint"])

    # what bibconv set aside: CSL variables and custom facts
    aside = f.get(M.FACT_PREFIX + "csl")
    if aside:
        try:
            aside = json.loads(aside)
        except ValueError:
            aside = None
        for var, value in (aside.items() if isinstance(aside, dict) else ()):
            field = M.WRITE_NAMES.get(var)
            if field and field in f and isinstance(value, list):
                # the exact names, as long as the field still says what the
                # writer made of them (nobody has edited it since)
                try:
                    written = " and ".join(format_name(n, lambda t: latex.encode(str(t)))
                                           for n in value)
                except (AttributeError, TypeError):
                    continue
                if _names_back(written) == data.get(var):
                    data[var] = value
                continue
            if var not in CHECKED:
                data.setdefault(var, value)
        checked = {k: v for k, v in aside.items() if k in CHECKED} if isinstance(
            aside, dict) else {}
        if checked and _written_faithfully(csl_type, etype, checked, data):
            for var, value in checked.items():
                if value is None:
                    data.pop(var, None)
                else:
                    data[var] = value
    facts = read_facts(f)
    used.update(k for k in f if k.startswith(M.FACT_PREFIX))
    if written_type and csl_type != written_type:
        used.discard(M.FACT_PREFIX + "type")  # not a CSL type: kept and reported below
    if M.FACT_PREFIX + "csl" in f and not isinstance(aside, dict):
        used.discard(M.FACT_PREFIX + "csl")  # not what bibconv writes: the same
    unmapped = {}
    for name, value in f.items():
        if name in used or name in entry.inherited:
            continue
        unmapped[name] = _verbatim(value) if name in M.VERBATIM else latex.rich(value)
        diagnostics.append(make(
            "field-unmapped", f"BibTeX field {name!r} has no CSL variable; kept in "
            "'custom.bibtex.fields'", file=source, line=entry.lines.get(name, entry.line),
            record=entry.key, pointer=f"/custom/bibtex/fields/{name}"))
    kept_type = f.get(M.FACT_PREFIX + "entrytype", "").strip()
    bib: dict = {"type": kept_type or etype}
    if unmapped:
        bib["fields"] = unmapped
    if source_fields:
        bib["source"] = source_fields
    data["custom"] = {**facts, "bibtex": bib}
    return Record(data, Origin(source, entry.line, entry.end_line,
                               {_FIELD_TO_VAR.get(k, k): v for k, v in entry.lines.items()}))


_FIELD_TO_VAR = {**M.SIMPLE, "title": "title", "journaltitle": "container-title",
                 "booktitle": "container-title", "pages": "page", "date": "issued",
                 "year": "issued", "location": "publisher-place", "number": "issue"}


def _verbatim(value: str) -> str:
    text = value.strip()
    while text.startswith("{") and text.endswith("}") and text.count("{") == 1:
        text = text[1:-1].strip()
    text = re.sub(r"\\url\{([^}]*)\}", r"\1", text)
    return text.replace("\\_", "_").replace("\\%", "%").replace("\\&", "&").replace(
        "\\#", "#").replace("{", "").replace("}", "").strip()


def read(text: str, source: str | None = None, *, macros: dict | None = None,
         dialect: str | None = None, **options) -> ReadResult:
    """``macros``: a dict of @string macros shared by the inputs of one run
    (IEEE's abrv.bib, then refs.bib); it is read and updated in place.
    ``dialect``: "bibtex" or "biblatex" says how to read literal lists
    (publisher, location); by default the file's own fields tell."""
    result = ReadResult()
    try:
        entries, meta = _split(text, source, result, macros)
    except RecursionError:
        result.diagnostics.append(make("nesting-too-deep", "braces nested too deeply to read",
                                       file=source, line=1))
        return result
    _inherit(entries, source, result)
    # BibLaTeX's list semantics for publisher and location, where the file
    # uses its data model (most entries do) or the entry itself does; pandoc
    # splits in -f biblatex and never in -f bibtex.
    biblatex_file = 2 * sum(e.biblatex for e in entries) > len(entries)
    for entry in entries:
        if entry.type == "xdata" or entry.skipped:
            continue  # data containers, not works; or reported as skipped
        if entry.type == "set":
            result.diagnostics.append(make(
                "field-unmapped", f"@set {entry.key!r} groups other entries; CSL has no sets, "
                "so it is not a record", file=source, line=entry.line, record=entry.key))
            continue
        try:
            lists = dialect == "biblatex" or (dialect is None and (
                entry.biblatex or biblatex_file))
            result.records.append(_csl(entry, source, result.diagnostics, lists))
        except RecursionError:
            result.diagnostics.append(make(
                "nesting-too-deep", "entry skipped: braces nested too deeply",
                file=source, line=entry.line, record=entry.key))
    result.meta = meta
    if not entries and not meta["strings"] and not result.diagnostics:
        result.diagnostics.append(make("input-empty", "no BibTeX entries found",
                                       file=source))
    return result


# -- writing ------------------------------------------------------------------

_KEY_BAD = re.compile(r"[\s,{}()\"#%'~=\\]")

# Field order in written entries: what a reader looks for first.
ORDER = ["author", "editor", "translator", "bookauthor", "director", "title", "subtitle",
         "titleaddon", "maintitle", "booktitle", "journal", "journaltitle", "series",
         "edition", "volume", "part", "volumes", "number", "issue", "chapter", "pages",
         "pagetotal", "type", "institution", "school", "organization", "publisher",
         "address", "location", "date", "year", "month", "day", "eventtitle", "eventdate",
         "venue", "urldate", "doi", "isbn", "issn", "url", "eprint", "eprinttype",
         "langid", "note", "addendum", "abstract", "keywords", "annotation", "annote"]


def _rich_to_latex(text, ascii_only: bool) -> str:
    return latex.encode(str(text), ascii_only=ascii_only)


def _protect_title(text: str, ascii_only: bool) -> str:
    """Sentence-case CSL title -> BibTeX, with braces around the words that
    carry capitals (after the first), so that styles which recase titles
    keep them; neighbouring ones share a pair ("{Large Language Models}").
    The result is checked by reading it back as the reader would (sentence
    case); when that would change it, the whole title is braced."""
    words = _rich_to_latex(text, ascii_only).split(" ")
    out: list[str] = []
    run: list[str] = []

    def close():
        if run:
            core = " ".join(run)
            stripped = core.rstrip(".,;:!?")
            out.append("{" + stripped + "}" + core[len(stripped):])
            run.clear()

    for i, word in enumerate(words):
        letters = [c for c in word if c.isalpha()]
        if i == 0:  # the reader capitalises it; anything more needs braces
            capitals = bool(letters) and (letters[0].islower() or any(
                c.isupper() for c in letters[1:]))
        else:
            capitals = any(c.isupper() for c in letters)
        if capitals and not word.startswith(("\\", "{")):
            run.append(word)
            if word.rstrip(".,;:!?") != word:
                close()  # punctuation ends a group
        else:
            close()
            out.append(word)
    close()
    written = " ".join(out)
    if latex.to_rich(latex.sentence_case(latex.decode(written))) != text:
        whole = _rich_to_latex(text, ascii_only)
        # a group that starts with a command is a "special character" to
        # BibTeX, which does not protect it: one more pair does
        written = "{{" + whole + "}}" if whole.startswith("\\") else "{" + whole + "}"
    return written


def _make_key(data: dict, taken: IdAllocator) -> str:
    family = ""
    for name in data.get("author") or data.get("editor") or []:
        family = name.get("family") or name.get("literal") or ""
        if family.lower() != "others":
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
    blocks = []
    if meta:
        for comment in meta.get("comments", []):
            blocks.append("@comment{" + comment + "}")
        for preamble in meta.get("preambles", []):
            blocks.append("@preamble{" + preamble + "}")
        for key, value in meta.get("strings", {}).items():
            blocks.append("@string{" + key + " = " + value + "}")
    keys = IdAllocator()
    biblatex = variant == "biblatex"
    for record in records:
        data = record.data
        key = str(data.get("id") or "")
        if not key:
            key = _make_key(data, keys)
            result.diagnostics.append(make(
                "id-generated", f"the record had no id; written with key {key!r}",
                file=record.origin.file, line=record.origin.line, record=key))
        else:
            if _KEY_BAD.search(key):
                cleaned = _KEY_BAD.sub("-", key)
                result.diagnostics.append(make(
                    "key-cleaned", f"BibTeX keys cannot hold {key!r}; written as {cleaned!r}",
                    severity=Severity.WARNING, file=record.origin.file,
                    line=record.origin.line, record=key, pointer="/id"))
                key = cleaned
            key = keys.claim(key)
        etype, fields, dropped, inexact = _fields(data, biblatex, ascii)
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
        ordered = sorted(fields.items(), key=lambda kv: (
            ORDER.index(kv[0]) if kv[0] in ORDER else len(ORDER), kv[0]))
        width = max((len(k) for k, _ in ordered), default=0)
        body = "".join(f"  {k.ljust(width)} = {v},\n" for k, v in ordered)
        blocks.append(f"@{etype}{{{key},\n{body}}}")
    result.text = "\n\n".join(blocks) + ("\n" if blocks else "")
    return result


def _literal_list_out(value: str, biblatex: bool, enc) -> str:
    """CSL "A; B" -> biblatex's list "A and B", or for BibTeX, whose fields
    are plain text, as it is.  An "and" inside a name is braced either way,
    so that biber reads "John Wiley {and} Sons" as one name too."""
    if not biblatex:
        return enc(value).replace(" and ", " {and} ")
    return " and ".join(enc(p).replace(" and ", " {and} ") for p in value.split("; "))


def _braced(value: str) -> str:
    return "{" + value + "}"


def _names_back(text: str) -> list:
    """What the reader makes of a name list the writer wrote."""
    try:
        return parse_names(text)
    except RecursionError:
        return []


def _fields(data: dict, biblatex: bool, ascii_only: bool,
            check: bool = True) -> tuple[str, dict, list, list]:
    """CSL data -> (entry type, {field: written value}, CSL variables dropped,
    CSL variables written inexactly).  ``check``: read the entry back and set
    aside the variables of CHECKED that would not come back as they are."""
    custom = data.get("custom") or {}
    bib = custom.get("bibtex") if isinstance(custom.get("bibtex"), dict) else {}
    csl_type = data.get("type", "document")
    etype = bib.get("type")
    if not etype or M.TYPES.get(etype, (None,))[0] != csl_type and not (
            etype == "unpublished" and csl_type == "speech") and not (
            etype in ("article", "periodical") and csl_type.startswith("article-")):
        bibtex_type, biblatex_type = M.WRITE_TYPES.get(csl_type, ("misc", "misc"))
        etype = biblatex_type if biblatex else bibtex_type
        if csl_type == "chapter" and not data.get("editor"):
            etype = "inbook"
        if csl_type == "thesis" and "master" in str(data.get("genre", "")).lower():
            etype = "mastersthesis" if not biblatex else "thesis"
    downgraded = "" if biblatex or etype in _BIBTEX_TYPES else etype
    if downgraded:
        etype = {"thesis": "phdthesis", "report": "techreport", "online": "misc",
                 "collection": "book", "mvbook": "book", "reference": "book",
                 "inreference": "incollection", "bookinbook": "inbook"}.get(etype, "misc")

    def enc(value) -> str:
        return _rich_to_latex(value, ascii_only)

    out: dict[str, str] = {}
    used: set[str] = {"id", "type", "custom"}
    source = bib.get("source") or {}
    language = data.get("language")
    english = _english(language)

    # title group: the originals when the CSL values are still what they gave
    if source and any(k in source for k in TITLE_FIELDS):
        derived = derive_titles(source, etype, english)
        if all(data.get(k) == v for k, v in derived.items()):
            for k in TITLE_FIELDS:
                if k in source:
                    out[_field_name(k, biblatex)] = _braced(source[k])
            used.update(derived)
    if etype == "periodical" and data.get("title") and data.get("title") == data.get(
            "container-title") and "title" not in used:
        out["title"] = _braced(enc(data["title"]))  # a whole periodical (see derive_titles)
        used.update(("title", "container-title"))
    if "title" not in used and data.get("title"):
        out["title"] = _braced(_protect_title(data["title"], ascii_only) if english
                               else enc(data["title"]))
        used.add("title")
    if "container-title" not in used and data.get("container-title"):
        name = ("journaltitle" if biblatex else "journal") if etype in M.ARTICLE_TYPES else \
            "booktitle" if etype in M.CHAPTER_TYPES else None
        if name:
            # a booktitle is recased on reading, like a title; a journal is not
            recased = name == "booktitle" and english
            out[name] = _braced(_protect_title(data["container-title"], ascii_only)
                                if recased else enc(data["container-title"]))
            used.add("container-title")
    if "volume-title" not in used and data.get("volume-title") and "maintitle" not in out:
        out["maintitle"] = out.pop("title", _braced(enc(data.get("title", ""))))
        out["title"] = _braced(enc(data["volume-title"]))
        used.add("volume-title")
    if data.get("title-short") and "title-short" not in used:
        out["shorttitle"] = _braced(_protect_title(data["title-short"], ascii_only) if english
                                    else enc(data["title-short"]))
        used.add("title-short")

    # names
    inexact = []  # name lists BibTeX's name syntax cannot give back exactly
    for var, field in M.WRITE_NAMES.items():
        names = data.get(var)
        if names:
            text = " and ".join(format_name(n, enc) for n in names)
            out[field] = _braced(text)
            used.add(var)
            if _names_back(text) != names:
                inexact.append(var)

    roles = [k for k, v in M.NAMES.items() if v == "contributor" and k in source]
    if roles:
        for k in roles:
            out[k] = _braced(source[k])
        used.add("contributor")

    # publisher and places
    if data.get("publisher"):
        group = [k for k in ("institution", "organization", "publisher") if k in source]
        # biblatex's "A and B" lists mean two publishers; in BibTeX, one name.
        if group and derive_publisher(source, biblatex) == data["publisher"] and (
                biblatex or not any(" and " in source[k] for k in group)):
            for k in group:
                out[_field_name(k, biblatex)] = _braced(source[k])
        else:
            name = ("institution" if biblatex else "school") if etype in (
                "thesis", "phdthesis", "mastersthesis") else "institution" if etype in (
                "report", "techreport") else "publisher"
            out[name] = _braced(_literal_list_out(data["publisher"], biblatex, enc))
        used.add("publisher")
    for var in ("publisher-place", "jurisdiction"):
        if data.get(var):
            value = data[var]
            out["location" if biblatex else "address"] = _braced(
                _literal_list_out(value, biblatex, enc))
            used.add(var)

    # numbers
    if source and any(k in source for k in ("part", "issue")) and all(
            data.get(k) == v for k, v in derive_numbers(source, etype).items()):
        for k in ("number", "issue", "volume", "part"):
            if k in source:
                out[k] = _braced(source[k])
        used.update(derive_numbers(source, etype))
    # "number" is an issue in articles, a series number in books and their
    # parts, and the work's own number elsewhere (biblatex manual, 2.2.2):
    # only the variable that reads back from it is written there.
    number_var = "issue" if etype in M.ARTICLE_TYPES else "collection-number" \
        if etype in M.SERIES_NUMBER_TYPES else "number"
    for var, field in (("volume", "volume"), (number_var, "number")):
        if var in data and var not in used and field not in out:
            out[field] = _braced(enc(data[var]))
            used.add(var)

    # notes
    if source and "addendum" in source and derive_note(source) == data.get("note"):
        for k in ("note", "addendum"):
            if k in source:
                out[k] = _braced(source[k])
        used.add("note")
    if data.get("note") and "note" not in used:
        out["note"] = _braced(enc(data["note"]))
        used.add("note")

    # dates
    for prefix, var in _DATE_VARS.items():
        date = data.get(var)
        if not isinstance(date, dict):
            continue
        names = _DATE_FIELDS[prefix]
        if source and any(k in source for k in names):
            for k in names:
                if k in source:
                    out[k] = _braced(source[k])
            used.add(var)
            continue
        text = dates.format(date)
        if text is None and date.get("literal"):
            out[names[1]] = _braced(enc(date["literal"]))
            used.add(var)
            continue
        if text is None:
            continue
        if biblatex or prefix in ("event", "orig"):
            out[names[0]] = _braced(text)
        else:
            parts = dates.numbers(date["date-parts"][0])
            out[names[1]] = _braced(str(parts[0]))
            if len(parts) > 1 and len(date["date-parts"]) == 1:
                out[names[2]] = list(M.MONTHS)[int(parts[1]) - 1] if 1 <= int(parts[1]) <= 12 \
                    else _braced(str(parts[1]))
            if len(parts) > 2 and len(date["date-parts"]) == 1:
                out[names[3]] = _braced(str(parts[2]))
            if len(date["date-parts"]) > 1 or date.get("circa"):
                out["date"] = _braced(text)  # BibTeX styles ignore it; biber reads it
        used.add(var)

    if data.get("page"):
        # a single hyphen or en dash is a range ("--"); hyphens typed twice stay so
        out["pages"] = _braced("".join(
            "--" if part in ("-", "–") else enc(part)
            for part in re.split(r"(--+|[-–])", str(data["page"]))))
        used.add("page")
    if language and "langid" in source and _language(source) == language:
        for k in ("langid", "langidopts"):
            if k in source:
                out[k] = _braced(source[k])
        used.add("language")
    elif language:
        for code, name in M.IETF_TO_LANGID.items():
            if code == language:
                out["langid"] = _braced(name)
                break
        else:
            reverse = {v: k for k, v in M.LANGUAGES.items()}
            out["langid"] = _braced(reverse.get(language, language))
        used.add("language")
    for field, var in M.SIMPLE.items():
        if var in data and var not in used:
            value = data[var]
            if field in M.VERBATIM:
                out[field] = _braced(str(value))
            elif field == "type":
                inverse = {v: k for k, v in M.TYPE_STRINGS.items()}
                out[field] = _braced(inverse.get(value, enc(value)))
            else:
                out[field] = _braced(enc(value))
            used.add(var)
    if not biblatex and "annotation" in out:
        out["annote"] = out.pop("annotation")
    if data.get("keyword") and "keywords" in out:
        used.add("keyword")

    # fields CSL had no variable for come back as they were
    for name, value in (bib.get("fields") or {}).items():
        if name in out:
            continue
        out[_field_name(name, biblatex)] = _braced(
            value if name in M.VERBATIM else enc(value))
    if "month" in source and "month" not in out:  # a month with no year (see _csl)
        out["month"] = _braced(source["month"])

    if csl_type in ("article-magazine", "article-newspaper") and etype in (
            "article", "periodical") and "entrysubtype" not in out:
        out["entrysubtype"] = _braced(csl_type.split("-")[1])
    # facts CSL keeps in custom, and the type when no entry type says it
    out.update(write_facts(custom))
    if read_type(etype, out) != csl_type:
        out[M.FACT_PREFIX + "type"] = _braced(csl_type)
    # a BibLaTeX entry type BibTeX lacks (patent, collection, online...)
    if downgraded:
        out[M.FACT_PREFIX + "entrytype"] = _braced(downgraded)
    # CSL variables with no field here ride along for bibconv's own reader
    dropped = sorted(k for k in data if k not in used)
    if check:
        inexact += [v for v in CHECKED if v not in dropped and v not in inexact
                    and _read_back(etype, out, biblatex).get(v) != data.get(v)]
    if dropped or inexact:
        out[M.FACT_PREFIX + "csl"] = _braced(_fact_text(
            {k: data.get(k) for k in dropped + inexact}))
    return etype, out, dropped, inexact


# Variables whose written form is read back on writing: what would not come
# back the same (a season, circa on one date, a range, a DOI with a prefix,
# a genre the entry type adds, a place read as a jurisdiction) is kept in
# bibconv-csl and reported.
CHECKED = ("issued", "accessed", "event-date", "original-date", "submitted", "DOI", "genre",
           "publisher-place", "jurisdiction")


def _read_back(etype: str, out: dict, biblatex: bool) -> dict:
    """The CSL data the reader makes of an entry the writer wrote."""
    entry = _Entry(etype, "entry", 0, 0)
    for name, value in out.items():
        if name == M.FACT_PREFIX + "csl":
            continue
        try:
            entry.fields[M.ALIASES.get(name, name)] = _evaluate(value, {})
        except (_Undefined, _TooLarge):
            continue
    return _csl(entry, None, [], biblatex).data


def _written_faithfully(csl_type: str, etype: str, exact: dict, now: dict) -> bool:
    """Whether the values ``now`` read from the fields are what the writer
    made of the ``exact`` ones: then nobody has edited those fields, and the
    exact values set aside in bibconv-csl stand for them."""
    data = {"id": "entry", "type": csl_type, "custom": {"bibtex": {"type": etype}}}
    data.update({k: v for k, v in exact.items() if v is not None})
    biblatex = etype not in _BIBTEX_TYPES
    try:
        written_type, out, _, _ = _fields(data, biblatex, False, check=False)
        back = _read_back(written_type, out, biblatex)
    except (TypeError, ValueError, AttributeError, KeyError):
        return False
    return all(back.get(k) == now.get(k) for k in exact)


_BIBTEX_TYPES = {"article", "book", "booklet", "conference", "inbook", "incollection",
                 "inproceedings", "manual", "mastersthesis", "misc", "phdthesis",
                 "proceedings", "techreport", "unpublished"}
_BIBTEX_NAMES = {"journaltitle": "journal", "location": "address", "institution": "school",
                 "annotation": "annote", "sortkey": "key"}
_BIBLATEX_NAMES = {"journal": "journaltitle", "address": "location"}


def _field_name(name: str, biblatex: bool) -> str:
    return _BIBLATEX_NAMES.get(name, name) if biblatex else _BIBTEX_NAMES.get(name, name)


def write_bibtex(records, **options) -> WriteResult:
    return _write(records, variant="bibtex", **options)


def write_biblatex(records, **options) -> WriteResult:
    return _write(records, variant="biblatex", **options)


# The core passes the same dict as ``macros`` to each input of one run, so
# that @strings defined in one file serve the next (see README).
read.shared_options = ("macros",)


def read_biblatex(text: str, source: str | None = None, **options) -> ReadResult:
    """``-f biblatex``: every entry read in BibLaTeX's data model (literal
    lists split at "and"), as ``pandoc -f biblatex`` reads them."""
    options.setdefault("dialect", "biblatex")
    return read(text, source, **options)


read_biblatex.shared_options = read.shared_options
