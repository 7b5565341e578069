"""Cutting a .bib file into entries: bibtexparser v2's splitter finds the
blocks and never aborts (a failed block keeps its line, so a broken entry is
reported and the rest still read); we evaluate each value (evaluate.py),
expand the simple macros of the file's @preambles and report what is wrong
with the line it is on."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from ... import latex
from ...diagnostics import Severity, make
from ...mapping import bibtex as M
from ...model import ReadResult
from .blocks import SINGLE_BRACED
from .evaluate import COMMENT, MAX_VALUE, Macros, TooLarge, Undefined, evaluate

# bibtexparser logs failed blocks itself; we report them as diagnostics, so
# its records must not reach the user's terminal through logging's last resort.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:8192]
    if re.search(r"^\s*@\s*[A-Za-z]+\s*[{(]", head, re.MULTILINE):
        return 0.9
    return 0.0


_TOKENS = re.compile(r'\\.|@[ \t]*([A-Za-z]+)[ \t\r\n]*[{(]|[{}()"%]', re.DOTALL)


def _value_step(token: str, closer: str, depth: int, quoted: bool) -> tuple[bool, int, bool]:
    """One token inside an entry: whether the entry goes on, and its brace
    depth and quote state after the token (a ")" closes only an entry opened
    with "(", outside braces and quotes)."""
    if token == "{":
        return True, depth + 1, quoted
    if token == "}":
        return (True, depth - 1, quoted) if depth else (closer != "}", depth, quoted)
    if token == ")" and not depth and not quoted and closer == ")":
        return False, depth, quoted
    if token == '"' and not depth:
        return True, depth, not quoted
    return True, depth, quoted


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
        inside, depth, quoted = _value_step(token, closer, depth, quoted)
        if token == "%" and not depth and not quoted:
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


@dataclass
class Entry:
    type: str
    key: str
    line: int
    end_line: int
    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    biblatex: bool = False  # written in BibLaTeX's data model
    skipped: bool = False  # reported and not a record; still a crossref parent
    inherited: set[str] = field(default_factory=set)


@dataclass
class _Splitting:
    """One file being split: where it came from and what is known so far."""
    source: str | None
    result: ReadResult
    macros: Macros  # @strings, shared with the next inputs of a run
    defined: dict[str, tuple[int, str]]  # the @preambles' own macros
    # entries cut by blocks.py: newlines before each field's name in its raw text
    offsets: dict[int, list[int]] = field(default_factory=dict)
    # entries cut by blocks.py with no Field objects (blocks.Quick), by id
    quick: dict = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)  # lowered key -> line
    exact: set[str] = field(default_factory=set)  # the keys of the entries kept
    refused: set[str] = field(default_factory=set)  # macros refused as too large
    lent: bool = False  # in a chunk's lent text (split's lent_after): nothing kept
    repeated: set[str] = field(default_factory=set)  # keys earlier chunks used (split)
    meta: dict = field(default_factory=lambda: {"preambles": [], "comments": [],
                                                "strings": {}})

    # first lines (1-based) of blocks and fields, by id(): counted here, as
    # bibtexparser's own count drifts in values whose lines end with "\\"
    lines: dict[int, int] = field(default_factory=dict)

    def line_of(self, item) -> int:
        return self.lines.get(id(item)) or (item.start_line or 0) + 1

    def report(self, code: str, message: str, line: int, **where) -> None:
        self.result.diagnostics.append(make(code, message, file=self.source, line=line,
                                            **where))


PREAMBLE_MACROS = " preamble"  # a space: never the name of an @string


def split(text: str, source: str | None, result: ReadResult,
          macros: Macros | None = None, earlier_keys: dict[str, int] | None = None,
          lent_after: int | None = None, repeated: set[str] | None = None,
          preambles: dict[str, tuple[int, str]] | None = None,
          lent_macros: Macros | None = None) -> tuple[list[Entry], dict]:
    """Blocks -> entries and the file's meta (preambles, comments, strings),
    with diagnostics.  ``macros`` (updated in place) may hold the @strings
    of earlier inputs; ``earlier_keys`` (lowered key -> line) the keys of
    the file's earlier chunks that a key here may differ from in case;
    ``lent_after`` the last line of a streamed chunk's own text, and
    ``repeated`` the keys its earlier chunks used; ``preambles`` the macros
    of the whole file's @preambles, for a chunk of it (see read)."""
    from bibtexparser import model as bm

    blocks, quick, text = _blocks(text)
    macros = {} if macros is None else macros
    # The @preambles' macros ride in the shared dict under a key no @string
    # can have: LaTeX defines them for the whole bibliography, so a later
    # input uses them too, and every entry of the file, even one before them.
    defined: dict[str, tuple[int, str]] = macros.setdefault(PREAMBLE_MACROS, {})
    defined.update(_preamble_definitions(blocks, bm) if preambles is None else preambles)
    state = _Splitting(source, result, macros, defined, quick=quick)
    if earlier_keys:
        state.keys.update(earlier_keys)
    if repeated:
        state.repeated = repeated
    _count_lines(text, blocks, state)
    entries: list[Entry] = []
    for block in blocks:
        if lent_after is not None and not state.lent and state.line_of(block) > lent_after:
            # lent text: its @strings define macros for it alone (a copy), from
            # the file's first ones where it holds its @strings from the start
            state.lent = True
            state.macros = dict(macros if lent_macros is None else lent_macros)
        got = _block(block, state, bm)
        if got is not None:
            entries.append(got)
    return entries, state.meta


def _blocks(text: str) -> tuple[list, dict, str]:
    """(the blocks, blocks.py's quick entries by id, the text they were cut
    from: a text whose field comments trouble the splitter has them blank)."""
    from bibtexparser.splitter import Splitter

    from .blocks import split_blocks
    from .held import held

    blocks, quick = split_blocks(text, light=True) or (Splitter(text).split().blocks, {})
    if "%" in text and _comment_trouble(blocks):
        text = _blank_field_comments(text)  # the same lines, comments blank
        blocks, quick = Splitter(text).split().blocks, {}
    return held(text, blocks), quick, text


def preamble_texts(text: str) -> list[str]:
    """The @preamble values of ``text`` (a file, or a run of its blocks)
    that may define macros, as split reads them; a streamed file's are
    gathered beforehand and given to every chunk (file_preambles)."""
    from bibtexparser import model as bm

    return _defining_preambles(_blocks(text)[0], bm)


def file_preambles(texts: list[str]) -> dict[str, tuple[int, str]]:
    """The macros the whole file's @preambles define (preamble_texts of
    its runs, in order), as split finds them in the file read whole."""
    return latex.definitions("\n".join(texts)) if texts else {}


def _count_lines(text: str, blocks, state: _Splitting) -> None:
    """Each block's first line, found by its raw text in the file."""
    pos, line, after = 0, 1, 0
    for block in blocks:
        raw = getattr(block, "raw", None)
        # searched from just after the last block's start: an exact repeat
        # (the same raw text) is found at its own line, not the first's
        found = find_from(text, raw, after) if raw else -1
        if found >= 0:
            line += text.count("\n", pos, found)
            pos, after = found, found + 1
            state.lines[id(block)] = line
            inner = getattr(block, "ignore_error_block", None)
            if inner is not None:
                state.lines[id(inner)] = line


def find_from(text: str, raw: str, pos: int) -> int:
    """``text.find(raw, pos)``, where ``raw`` is long (a block's text) and
    usually found just after ``pos``: its first characters are searched and
    the rest compared there.  A long needle costs str.find a preprocessing
    of all of it (its two-way search) at every call, a tenth of the time
    spent finding each block's line."""
    if len(raw) <= _HEAD:
        return text.find(raw, pos)
    head = raw[:_HEAD]
    at = text.find(head, pos)
    while at >= 0 and not text.startswith(raw, at):
        at = text.find(head, at + 1)
    return at


_HEAD = 32


def _field_lines(block, line: int, state: _Splitting) -> None:
    """Each field's line: where its name stands in the entry's raw text."""
    known = state.offsets.get(id(block))
    if known is not None:
        for item, newlines in zip(block.fields, known, strict=True):
            state.lines[id(item)] = line + newlines
        return
    for item, at in zip(block.fields, _searched(block.raw or "", [f.key for f in block.fields],
                                               line), strict=True):
        if at is not None:
            state.lines[id(item)] = at


def _searched(raw: str, keys: list[str], line: int) -> list[int | None]:
    """Each field's line where its name is found in the raw text, in order."""
    pos = 0
    out: list[int | None] = []
    for key in keys:
        match = re.compile(r"(?:^|[\s,{(])(" + re.escape(key) + r")\s*=").search(raw, pos)
        if match is None:
            out.append(None)
            continue
        out.append(line + raw.count("\n", 0, match.start(1)))
        pos = match.end()
    return out


def _block(block, state: _Splitting, bm) -> Entry | None:
    if type(block) is bm.Entry:  # most blocks: before six isinstance tests of ABCs
        return _entry(block, state)
    line = state.line_of(block)
    if isinstance(block, bm.String):
        _string(block, state, line)
    elif isinstance(block, bm.Preamble):
        state.meta["preambles"].append(block.value)
    elif isinstance(block, bm.ExplicitComment):
        entry = _misread_comment(block, line)
        if entry is not None:
            state.lines[id(entry)] = line
            return _entry(entry, state)
        state.meta["comments"].append(block.comment)
    elif isinstance(block, bm.DuplicateBlockKeyBlock):
        if isinstance(block.ignore_error_block, bm.String):
            # a macro defined again: BibTeX, biber and pandoc take the new value
            # from here on (bibtexparser keeps the first)
            _string(block.ignore_error_block, state, line)
            return None
        if state.lent and block.key in state.repeated:
            # a lent parent whose key the chunk's own repeat (skipped) took first
            return _entry(block.ignore_error_block, state)
        state.report("key-duplicate", f"the key {block.key!r} is used again; this entry is "
                     "skipped (the first one is kept)", line, record=block.key)
    elif isinstance(block, bm.DuplicateFieldKeyBlock):
        entry = block.ignore_error_block
        dupes = ", ".join(sorted(block.duplicate_keys))
        state.report("field-duplicate", f"field {dupes} given twice; the first value is "
                     "kept", line, record=entry.key)
        return _entry(entry, state)
    elif isinstance(block, bm.ParsingFailedBlock):
        reason = getattr(block.error, "abort_reason", None) or str(block.error)
        state.report("syntax-error", f"entry skipped: {reason}", line,
                     record=_key_of(block.raw))
    elif isinstance(block, bm.Entry):
        return _entry(block, state)
    elif isinstance(block, bm.ImplicitComment):
        _stray_entry(block.comment or "", state, line)
    return None


# a line that opens an entry, whatever its type's spelling
_STRAY_ENTRY = re.compile(r"^[ \t]*@[ \t]*([^\s{(@,]+)[ \t]*[{(]", re.MULTILINE)


def _stray_entry(text: str, state: _Splitting, line: int) -> None:
    """Text between entries is a comment, but a line in it that opens an
    entry is an entry bibtexparser could not read (a type spelt "my-type"):
    said, not dropped silently."""
    for match in _STRAY_ENTRY.finditer(text):
        state.report("syntax-error", f"entry skipped: @{match.group(1)} is not an entry "
                     "type the splitter reads", line + text.count("\n", 0, match.start()),
                     record=_key_of(text[match.start():]))


_COMMENT_LIKE = re.compile(r"\s*@\s*(comment[A-Za-z]+)\s*[{(]", re.IGNORECASE)


def _misread_comment(block, line: int):
    """An entry whose type begins with "comment" (biblatex's @commentary),
    which the splitter takes for a @comment: split again as what it is."""
    from bibtexparser import model as bm
    from bibtexparser.splitter import Splitter

    raw = block.raw or ""
    match = _COMMENT_LIKE.match(raw)
    if match is None:
        return None
    etype = match.group(1)
    text = raw[:match.start(1)] + "misc".ljust(len(etype)) + raw[match.end(1):]
    blocks = Splitter("\n" * (line - 1) + text).split().blocks
    if len(blocks) != 1 or not isinstance(blocks[0], bm.Entry):
        return None
    blocks[0].entry_type = etype
    return blocks[0]


def _string(block, state: _Splitting, line: int) -> None:
    try:
        state.macros[block.key.lower()] = evaluate(block.value, state.macros)
        if not state.lent:
            state.meta["strings"][block.key] = block.value
    except Undefined as exc:
        if exc.name.lower() in state.refused:
            state.refused.add(block.key.lower())
            state.report("value-too-large", f"@string {block.key} refused: it uses "
                         f"{exc.name!r}, refused as too large", line)
            return
        state.report("macro-undefined", f"@string {block.key} uses the undefined macro "
                     f"{exc.name!r}", line)
    except TooLarge:
        state.refused.add(block.key.lower())
        state.report("value-too-large", f"@string {block.key} refused: its value would "
                     f"exceed {MAX_VALUE:,} characters (a chain of macros that doubles "
                     "itself?); entries that use it are skipped", line)


def _preamble_definitions(blocks, bm) -> dict[str, tuple[int, str]]:
    """The simple macros the file's @preambles define (latex.definitions),
    which LaTeX expands where a style prints the fields."""
    return file_preambles(_defining_preambles(blocks, bm))


def _defining_preambles(blocks, bm) -> list[str]:
    text = []
    for block in blocks:
        if isinstance(block, bm.Preamble) and ("def" in block.value or "command" in block.value):
            try:
                text.append(evaluate(block.value, {}))
            except (Undefined, TooLarge):
                text.append(block.value)
    return text


def _key_of(raw: str | None) -> str | None:
    match = re.match(r"\s*@\s*\w+\s*[{(]\s*([^,\s{}()]+)", raw or "")
    return match.group(1) if match else None


def _entry(block, state: _Splitting) -> Entry | None:
    line = state.line_of(block)
    key = block.key
    # an earlier chunk has it, or an entry the splitter's own check missed (one
    # with a field given twice): as used again
    if (key in state.repeated or key in state.exact) and not state.lent:
        state.report("key-duplicate", f"the key {key!r} is used again; this entry is "
                     "skipped (the first one is kept)", line, record=key)
        return None
    quick = state.quick.get(id(block))
    if quick is None:
        _field_lines(block, line, state)
    if not key:
        state.report("syntax-error", "entry skipped: it has no key", line)
        return None
    entry = Entry(block.entry_type.lower(), key, line, line + (block.raw or "").count("\n"))
    if quick is not None:
        if not _quick_fields(entry, quick, block.raw, state):
            return None
    elif not _fields(entry, block.fields, state):
        return None
    _seen_key(entry, state)
    return entry


def _fields(entry: Entry, fields: list, state: _Splitting) -> bool:
    """The block's fields evaluated into ``entry``; False when it is skipped."""
    entry.biblatex = entry.type in M.BIBLATEX_TYPES or any(
        f.key.lower() in M.BIBLATEX_MARKERS for f in fields)
    for item in fields:
        name = M.ALIASES.get(item.key.lower(), item.key.lower())
        if name in entry.fields:
            continue  # a duplicate field: the first value counts (reported above)
        value = _value(item, name, entry, state)
        if value is _PARENT_ONLY:
            continue
        if value is None:
            return False
        entry.fields[name] = value
        entry.lines[name] = state.line_of(item)
    return True


def _quick_fields(entry: Entry, quick, raw: str, state: _Splitting) -> bool:
    """_fields for an entry blocks.py cut (no Field objects): a value in one
    pair of braces with none inside, the usual case, is taken as it is
    (what evaluate and the checks of _value make of it); any other goes
    through _value as a Field."""
    from bibtexparser import model as bm

    line = entry.line
    if quick.names is not None:
        lines: list = [line + n for n in quick.names]
    else:
        lines = _searched(raw, [written for written, _, _ in quick.fields], line)
    verbatim, defined, known = M.VERBATIM, state.defined, _NAMES.get
    biblatex = entry.type in M.BIBLATEX_TYPES
    fields, where = entry.fields, entry.lines
    for (written, raw_value, _), start, at in zip(quick.fields, quick.starts, lines,
                                                  strict=True):
        name, marks = known(written) or _name(written)
        if marks:
            biblatex = True
        if name in fields:
            continue
        at = at or start + 1
        # _plain_value's first case inline, and _single_braced's where the
        # value holds one pair of braces: most values are one braced text
        if raw_value[:1] == "{" and "\\" not in raw_value and (
                (raw_value.count("{") == 1 and raw_value[-1] == "}"
                 and raw_value.count("}") == 1 and "%" not in raw_value)
                or _single_braced(raw_value)):
            value = raw_value[1:-1]
        else:
            value = _plain_value(raw_value, state.macros)
        if value is not None and defined and "\\" in value and name not in verbatim:
            value = latex.expand(value, state.defined)
            if value.count("{") != value.count("}"):
                value = None  # reported by _value
        if value is None:
            value = _value(_field(bm, written, raw_value, at, state), name, entry, state)
        if value is _PARENT_ONLY:
            continue
        if value is None:
            entry.biblatex = biblatex
            return False
        fields[name] = value
        where[name] = at
    entry.biblatex = biblatex
    return True


# A field's name as written -> (its name, aliased; whether it marks BibLaTeX):
# the same few dozen names come in every entry.
_NAMES: dict[str, tuple[str, bool]] = {}


def _name(written: str) -> tuple[str, bool]:
    lowered = written.lower()
    got = (M.ALIASES.get(lowered, lowered), lowered in M.BIBLATEX_MARKERS)
    if len(_NAMES) < 4096:
        _NAMES[written] = got
    return got


def _plain_value(raw: str, macros: dict) -> str | None:
    """What _value makes of the usual raw values, quickly: ``{text}`` whose
    braces balance (with no backslash: there evaluate's brace matching and
    blocks.py's agree), a number, a month or @string name whose text needs
    no checking; None for any other."""
    if raw[:1] == "{":
        if "\\" not in raw and _single_braced(raw):
            return raw[1:-1]
        return None
    if raw.isdigit():
        return raw
    if raw.isalpha():
        lowered = raw.lower()
        value = macros[lowered] if lowered in macros else M.MONTH_MACROS.get(lowered)
        if isinstance(value, str) and len(value) <= MAX_VALUE and _plain_macro(value):
            return value
    return None


_SINGLE_BRACED = SINGLE_BRACED.fullmatch


def _single_braced(raw: str) -> bool:
    """_SINGLE_BRACED for a value with no backslash, with no regex where it
    holds one pair of braces only (most values): then it matches exactly
    when that pair encloses the whole and no "%" is inside."""
    if raw.count("{") == 1:
        return raw[-1] == "}" and raw.count("}") == 1 and "%" not in raw
    return _SINGLE_BRACED(raw) is not None


# In a value from a macro, what _value would look at again.
_NEEDS_VALUE_CHECK = re.compile(r"[%\\{}]")


def _plain_macro(value: str) -> bool:
    """Not _NEEDS_VALUE_CHECK.search(value), remembered: the same few macros
    (months, journals) come in entry after entry, and a regex call costs
    more than a look-up."""
    known = _PLAIN_MACROS.get(value)
    if known is None:
        known = _NEEDS_VALUE_CHECK.search(value) is None
        if len(_PLAIN_MACROS) < 4096 and len(value) <= 256:
            _PLAIN_MACROS[value] = known
    return known


_PLAIN_MACROS: dict[str, bool] = {}


def _field(bm, key: str, value: str, line: int, state: _Splitting):
    item = bm.Field(key=key, value=value)
    state.lines[id(item)] = line
    return item


def _seen_key(entry: Entry, state: _Splitting) -> None:
    key, line = entry.key, entry.line
    lowered = key.lower()
    if lowered in state.keys:
        state.report("key-duplicate", f"the key {key!r} differs only in case from the entry "
                     f"on line {state.keys[lowered]}; BibTeX treats them as one", line,
                     severity=Severity.WARNING, record=key)
    state.keys.setdefault(lowered, line)
    state.exact.add(key)


# A field _value refuses while the entry stays, as a crossref parent only.
_PARENT_ONLY = "\0parent only"


def _value(item, name: str, entry: Entry, state: _Splitting) -> str | None:
    """A field's value; None when it is refused and the entry skipped;
    _PARENT_ONLY when the entry is kept as a crossref parent only."""
    try:
        value = evaluate(item.value, state.macros) if isinstance(item.value, str) else ""
    except Undefined as exc:
        return _undefined(item, name, exc.name, entry, state)
    except TooLarge:
        state.report("value-too-large", f"entry skipped: field {item.key!r} would exceed "
                     f"{MAX_VALUE:,} characters", state.line_of(item), record=entry.key,
                     pointer=f"/{name}")
        return None
    if "%" in value and "\n" in value and name not in M.VERBATIM:
        value = COMMENT.sub("", value)
    if state.defined and "\\" in value and name not in M.VERBATIM:
        value = latex.expand(value, state.defined)
    if value.count("{") != value.count("}"):
        state.report("syntax-error", f"entry skipped: field {item.key!r} has unbalanced "
                     "braces", state.line_of(item), record=entry.key)
        return None
    return value


def _undefined(item, name: str, macro: str, entry: Entry, state: _Splitting) -> str | None:
    line = state.line_of(item)
    where = {"record": entry.key, "pointer": f"/{name}"}
    if macro.lower() in state.refused:
        state.report("value-too-large", f"entry skipped: field {item.key!r} uses "
                     f"{macro!r}, refused as too large", line, **where)
        return None
    if name in M.MAPPED or name.startswith(M.FACT_PREFIX):
        state.report("macro-undefined", f"entry skipped: field {item.key!r} uses the "
                     f"undefined macro {macro!r}", line, **where)
        # not a record, but still a crossref parent for the fields it has
        # (BibTeX too reads the entry, with the macro empty)
        entry.skipped = True
        return _PARENT_ONLY
    # BibTeX warns and goes on; the field is kept as written.
    value = item.value.strip()
    state.report("macro-undefined", f"field {item.key!r} uses the undefined macro "
                 f"{macro!r}; kept as the text {value!r}", line,
                 severity=Severity.WARNING, **where)
    return value
