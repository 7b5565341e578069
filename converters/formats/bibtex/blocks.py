"""A .bib text cut into bibtexparser's blocks, quickly.

bibtexparser v2's splitter walks the text mark by mark in Python; on a large
file that is a quarter of the reading.  Here each well-formed entry
(``@type{key, name = value, ...}`` with braced, quoted or bare values, no
"%", nothing unusual) is read by a few regular expressions into the very
``Entry`` and ``Field`` objects the splitter would have made; every other
stretch of text (comments, @string, @preamble, broken entries, unusual
quoting) is handed to bibtexparser's own splitter, so what it does with
them, errors and lines included, stays exactly its own.

Why the stretches can be cut apart: an ``@type{`` (or ``(``) that begins a
line always starts a new block in bibtexparser, whatever came before (an
unclosed block is aborted there).  So the text is cut at those points and
each piece is read on its own: by the fast path when it is one well-formed
entry followed by plain text, else by the splitter, which is given the next
piece's opening mark too, so that a block left open ends exactly as it would
in the whole text.  Entry keys repeated across pieces are found by one
``Library``, as in the whole text."""
from __future__ import annotations

import re
import sys
from operator import itemgetter
from typing import NamedTuple

# An "@type{" / "@type(" at the start of a line (after blanks): bibtexparser's
# block-start mark (r"@[\w]*( |\t)*" before "{" or "(") where it always cuts.
_CUT = re.compile(r"^[^\S\n]*(@\w*[ \t]*[{(])", re.MULTILINE)

# bibtexparser's marks are "{}\",=" not preceded by a backslash: a backslash
# run and the character after it are text, whatever that character is.  "%"
# between fields or in quotes is kept out of the fast path (see
# split._blank_field_comments); inside braces it is text (_VALUE).
# Each pattern is written "plain* (special plain*)*", where a special begins
# with a character plain excludes: one way to match, no runaway backtracking.
# So each loop may be possessive (Python 3.11's "*+": never giving back):
# what follows a loop ("," or "}" after a value, "}" after a braced group,
# '"' after a quoted one) is a character neither plain nor the start of a
# special can be, so giving back never made a match.  The engine then keeps
# no backtracking state: a third less work a field (tests/
# test_bibtex_speed_paths.py checks both forms match alike).  CPython
# 3.11.0-3.11.4 could match a possessive group it should not (CPython issues
# 100061 and 106052, fixed in 3.11.5): a quoted value failing at "%" was read
# to a "}" inside it, so those versions keep the backtracking form.
_NAME = r'[^{}",=@\\%]*'
_ESCAPED = r"\\+[^%\\]"
POSSESSIVE = "+" if sys.version_info >= (3, 11, 5) else ""


def _loop(plain: str, *special: str, possessive: str = POSSESSIVE) -> str:
    star = "*" + possessive
    return f"{plain}{star}(?:(?:{'|'.join(special)}){plain}{star}){star}"


def _braced(depth: int, percent: bool = False, possessive: str = POSSESSIVE) -> str:
    """``percent``: "%" allowed inside (see _VALUE)."""
    plain, escaped = (r"[^{}\\]", r"\\+[^\\]") if percent else (r"[^{}%\\]", _ESCAPED)
    special = [escaped] + ([_braced(depth - 1, percent, possessive)] if depth > 1 else [])
    return r"\{" + _loop(plain, *special, possessive=possessive) + r"\}"


def field_pattern(possessive: str = POSSESSIVE) -> str:
    """A field: its blanks, its name (and the blanks before "="), its value
    as written, the "," or "}" after it."""
    quoted = '"' + _loop(r'[^"%\\]', _ESCAPED, possessive=possessive) + r'(?<!\{)"'
    # Inside braces "%" is text to bibtexparser and to _blank_field_comments
    # alike (an abstract's "68.9\\%"): only between fields is it a comment.
    value = _loop(r'[^{}",%\\]', _ESCAPED, _braced(4, True, possessive), quoted,
                  possessive=possessive)
    return f"(\\s*)({_NAME})=({value})([,}}])"


_HEAD = re.compile(r"@(\w+)[ \t]*\{(" + _NAME + r")([,}])")
_FIELD = re.compile(field_pattern())
# A value that is one pair of braces around balanced text (with no backslash,
# evaluate.py's reading agrees): its LaTeX is what is inside.
SINGLE_BRACED = re.compile(_braced(4))
_TAIL = re.compile(r"\s*\}")
_NOT_ENTRIES = ("comment", "preamble", "string")


class _Surprise(Exception):
    """bibtexparser cut a piece where the reasoning above says it never does."""


def split_blocks(text: str, light: bool = False) -> tuple[list, dict[int, list[int]]] | None:
    """bibtexparser's blocks for ``text`` (as ``Splitter(text).split().blocks``
    gives them), and for the entries read here, the number of newlines in
    the entry's raw text before each field's name (its line, found for
    free).  None if bibtexparser surprised us: the caller splits the whole.

    ``light``: the entries read here get no ``Field`` objects (a tenth of
    the reading went into making them); the second dict holds instead, by
    id, ``Quick(fields, names, starts)``: each field's name and raw value,
    the newlines before each name (None where an "=" inside a value hides
    them: split.py searches as before) and each field's line as
    bibtexparser counts it."""
    try:
        return _split_blocks(text, light)
    except _Surprise:
        return None


class Quick(NamedTuple):
    """An entry read here, its fields as plain tuples (see split_blocks):
    (name, raw value, position of its "=") and bibtexparser's line of each."""
    fields: list[tuple[str, str, int]]
    names: list[int] | None
    starts: list[int]


def _split_blocks(text: str, light: bool) -> tuple[list, dict]:
    from bibtexparser import model as bm
    from bibtexparser.library import Library

    cuts = _cuts(text)
    bounds = [0, *cuts, len(text)] if not cuts or cuts[0] else [*cuts, len(text)]
    blocks: list = []
    lines = _Lines(text)
    offsets: dict = {}
    pending = -1  # start of the text not read yet, for bibtexparser
    for index in range(len(bounds) - 1):
        start, end = bounds[index], bounds[index + 1]
        got = _fast(text, start, end, bm, lines, light) if text.startswith("@", start) else None
        if got is None:
            if pending < 0:
                pending = start
            continue
        if pending >= 0:
            blocks += _slow(text, pending, start, lines)
            pending = -1
        entry, names, comment = got
        blocks.append(entry)
        if light or names is not None:
            offsets[id(entry)] = names
        if comment is not None:
            blocks.append(comment)
    if pending >= 0:
        blocks += _slow(text, pending, len(text), lines)
    library = Library()
    library.add(blocks, fail_on_duplicate_key=False)
    return library.blocks, offsets


# _CUT's "@type{" / "@type(" wherever it stands: "@" is rare, and a search
# for it skips ahead in C where _CUT's "^" is tried at every position.
_OPENING = re.compile(r"@\w*[ \t]*[{(]")


def _cuts(text: str) -> list[int]:
    """Where _CUT matches (its group 1): each "@type{" first on its line."""
    out, searched = [], 0
    for match in _OPENING.finditer(text):
        at = match.start()
        # back only to the last opening tried: one on this line before it
        # means this one is not first (a line of many "@" stays linear)
        newline = text.rfind("\n", searched, at)
        line = newline + 1
        if (newline >= 0 or not searched) and (line == at or text[line:at].isspace()):
            out.append(at)
        searched = at
    return out


class _Lines:
    """bibtexparser's own 0-based line at a position: it counts the newlines
    not preceded by a backslash.  Counted from the last position asked, so a
    file is counted about once."""

    def __init__(self, text: str):
        self.text, self.pos, self.line = text, 0, 0
        self.escaped = "\\\n" in text  # most texts have no such newline: not counted

    def at(self, pos: int) -> int:
        low, high = sorted((self.pos, pos))
        step = self.text.count("\n", low, high)
        if self.escaped:
            step -= self.text.count("\\\n", max(low - 1, 0), high)
        self.line += step if pos >= self.pos else -step
        self.pos = pos
        return self.line


def _slow(text: str, start: int, end: int, lines: _Lines) -> list:
    """bibtexparser's blocks for text[start:end], lines counted as in the
    whole text.  The next piece's opening mark is added so that a block left
    open is cut there as in the whole text; the block it starts is dropped."""
    from bibtexparser import model as bm
    from bibtexparser.splitter import Splitter

    tail = ""
    if end < len(text):
        mark = _CUT.match(text, end)
        tail = mark.group(1) if mark else ""
    splitter = Splitter(text[start:end] + tail)
    splitter._current_line = splitter._implicit_comment_start_line = lines.at(start) - 1
    blocks = splitter.split().blocks
    if tail:
        last = blocks.pop() if blocks else None
        if not isinstance(last, bm.ParsingFailedBlock) or last.raw != tail:
            raise _Surprise()
    return blocks


def _fast(text: str, start: int, end: int, bm, lines: _Lines, light: bool = False):
    """text[start:end] as one entry and the plain text after it, or None."""
    piece = text[start:end]  # short, and often narrower than the whole text
    head = _HEAD.match(piece)
    if head is None or head.group(1).lower().startswith(_NOT_ENTRIES):
        return None
    read = _fields(piece, head.end()) if head.group(3) == "," else ([], [], head.end())
    if read is None:
        return None
    found, names, pos = read
    rest, raw = piece[pos:], piece[:pos]
    if "@" in rest:
        return None
    base = lines.at(start)
    if raw.count("=") != len(found):
        names = None  # an "=" inside a value: split._field_lines searches as before
    if light and names is not None:
        field_lines = [0] * len(found)  # not needed: the names' lines are known
    elif "\\\n" in raw:  # bibtexparser's line count skips those newlines
        field_lines = [lines.at(start + at) for _, _, at in found]
    else:  # bibtexparser's line of a field: the line of its "="
        field_lines = [base + piece.count("\n", 0, at) for _, _, at in found]
    if light:
        entry = bm.Entry(entry_type=head.group(1).lower(), key=head.group(2).strip(),
                         fields=[], start_line=base, raw=raw)
        quick = Quick(found, names, field_lines)
    else:
        entry = bm.Entry(entry_type=head.group(1).lower(), key=head.group(2).strip(),
                         fields=[bm.Field(key=name, value=value, start_line=line) for
                                 (name, value, _), line in zip(found, field_lines, strict=True)],
                         start_line=base, raw=raw)
    comment = rest.strip()
    if not comment:
        return entry, quick if light else names, None
    first = start + pos + len(rest) - len(rest.lstrip())
    return entry, quick if light else names, bm.ImplicitComment(
        comment=comment, raw=comment, start_line=lines.at(first))


def _fields(text: str, pos: int):
    """The fields from ``pos`` to the entry's closing brace: (name, value,
    position of "="), the newlines before each name, and the position
    after the brace; None where the fast path does not go."""
    found: list[tuple[str, str, int]] = []
    names: list[int] = []
    newlines, counted = 0, 0
    # a scanner matches each field where the last ended (anchored, as
    # _FIELD.match(text, pos)), with its state set up once, not a field
    scanner = _FIELD.scanner(text, pos)  # type: ignore[attr-defined]  # not in typeshed
    match_field, count = scanner.match, text.count
    add_found, add_name = found.append, names.append
    while True:
        match = match_field()
        if match is None:
            tail = _TAIL.match(text, pos)
            if tail is None or _repeated(found):
                return None  # a name given twice: bibtexparser's DuplicateFieldKeyBlock
            return found, names, tail.end()
        _, spaced, value, closing = match.groups()
        at = match.start(2)  # the name (and any blanks before "=")
        newlines += count("\n", counted, at)
        add_name(newlines)
        counted = at = match.end(2)
        if "\n" in spaced:
            newlines += spaced.count("\n")
        add_found((spaced.rstrip(), value.strip(), at))
        pos = match.end()
        if closing == "}":
            return None if _repeated(found) else (found, names, pos)


def _repeated(found: list) -> bool:
    """Whether a field's name comes twice."""
    return len(set(map(_first, found))) < len(found)


_first = itemgetter(0)
