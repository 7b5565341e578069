"""Reading again an entry bibtexparser's splitter aborted at a line inside
one of its braced values (a pasted "@book{y, ...}" in a URL or an
abstract).  BibTeX, biber and pandoc count braces and read such a line as
the value's text; the splitter aborts the entry there and cuts the line
out as an entry of its own.  Here the entry is read whole with such lines
held as text, where the braces say they are inside a value (two deep or
more) and the entry closes soon after, with a "}" on a line of its own.
Where the held text looks like real entries (one closes with a "}" of its
own line) a brace is more likely short in an earlier entry: that entry is
reported as before and the ones after it kept."""
from __future__ import annotations

import functools
import re
from typing import Any

_HELD_AT = "\ue040"  # stands for "@" while the splitter reads the entry again
_HELD_LINES = 200  # lines an entry read again may span


@functools.cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """(an abort at an entry line inside a value, bibtexparser's marks (a
    backslash hides one; a line's end stays seen: a "\\\\" LaTeX line break
    ends many lines of abstracts), an entry's opening, an "@type{" opening a
    line (blocks._CUT)); compiled when first needed: rarely."""
    return (re.compile(r"Unexpected block start: .*closing `\}`", re.DOTALL),
            re.compile(r"\\+[^\n]|[{}\n]"), re.compile(r"\s*@\w+[ \t]*\{"),
            re.compile(r"[^\S\n]*(@\w*[ \t]*[{(])"))


def _aborted(block) -> bool:
    return _patterns()[0].search(
        str(getattr(block.error, "abort_reason", "") or "")) is not None


def held(text: str, blocks: list) -> list:
    """``blocks`` with each entry the splitter aborted at a line inside one
    of its braced values read whole, and the blocks it cut out of that
    value dropped."""
    from bibtexparser import model as bm

    from .split import find_from

    if not any(type(b) is bm.ParsingFailedBlock and _aborted(b) for b in blocks):
        return blocks
    if _HELD_AT in text:
        return blocks
    out: list = []
    pos, skip_to = 0, -1
    dropped: set[str] = set()  # keys of entries cut out of a value read again
    kept: set[str] = set()
    for block in blocks:
        raw = getattr(block, "raw", None) or ""
        at = find_from(text, raw, pos) if raw else -1
        if at >= 0:
            pos = at
        if at >= 0 and at < skip_to:
            if at + len(raw) > skip_to and text[skip_to:at + len(raw)].strip():
                return blocks  # a block reaching past the entry read again: as it was
            dropped.add(_key(block, bm))
            continue  # cut out of the value read again
        if at >= 0 and type(block) is bm.ParsingFailedBlock and _aborted(block):
            whole = _read_whole(text, at)
            if whole is not None:
                out.append(whole[0])
                kept.add(_key(whole[0], bm))
                skip_to = whole[1]
                continue
        if (type(block) is bm.DuplicateBlockKeyBlock and block.key in dropped
                and block.key not in kept and isinstance(block.ignore_error_block, bm.Entry)):
            # the splitter's check took it for a repeat of an entry cut out of
            # a value: the reader's own check, which sees only the kept ones, decides
            block = block.ignore_error_block
        kept.add(_key(block, bm))
        out.append(block)
    return out


def _key(block, bm) -> str:
    """An entry block's key ("" for any other block)."""
    if type(block) is bm.DuplicateFieldKeyBlock:
        block = block.ignore_error_block
    return block.key if isinstance(block, bm.Entry) else ""


def _read_whole(text: str, start: int) -> tuple | None:
    """(the entry at ``start`` read with the "@" lines inside its braced
    values held as text, where it ends) or None: not such an entry."""
    from bibtexparser import model as bm
    from bibtexparser.splitter import Splitter

    _, tokens, opens, cut_line = _patterns()
    opening = opens.match(text, start)
    if opening is None:
        return None
    depth, lines, held_at, inner = 1, 0, [], []  # inner: depths where held lines open
    line_start = text.rfind("\n", 0, start) + 1
    for token in tokens.finditer(text, opening.end()):
        mark = token.group(0)
        if mark == "\n":
            lines += 1
            if lines > _HELD_LINES:
                return None
            line_start = token.end()
            opened = cut_line.match(text, line_start)
            if opened is not None:
                if depth < 2:
                    return None  # between fields: a new block, as the splitter says
                held_at.append(opened.start(1))
                inner.append(depth)
        elif mark == "{":
            depth += 1
        elif mark == "}":
            depth -= 1
            alone = _alone(text, line_start, token)
            if depth in inner and alone:
                return None  # a held line opens what reads as a real entry
            inner = [d for d in inner if d < depth]
            if depth == 0:
                if not alone:
                    return None  # not a closing line of its own: a value's braces
                end = token.end()
                break
    else:
        return None
    if not held_at:
        return None
    region = list(text[start:end])
    for at in held_at:
        region[at - start] = _HELD_AT
    found = [b for b in Splitter("".join(region)).split().blocks
             if not (isinstance(b, bm.ImplicitComment) and not (b.comment or "").strip())]
    # (its key, which the splitter's check did not see, is checked by _entry)
    if len(found) != 1 or type(found[0]) not in (bm.Entry, bm.DuplicateFieldKeyBlock):
        return None
    block = found[0]
    entry: Any = block.ignore_error_block if type(block) is bm.DuplicateFieldKeyBlock else block
    for item in entry.fields:
        if isinstance(item.value, str) and _HELD_AT in item.value:
            item.value = item.value.replace(_HELD_AT, "@")
    whole = bm.Entry(entry.entry_type, entry.key, entry.fields, entry.start_line,
                     text[start:end])
    if type(block) is bm.DuplicateFieldKeyBlock:  # a field given twice: said as usual
        return bm.DuplicateFieldKeyBlock(block.duplicate_keys, whole), end
    return whole, end


def _alone(text: str, line_start: int, token) -> bool:
    """The closing brace ``token`` is all its line holds (blanks aside)."""
    rest = text.find("\n", token.end())
    return not text[line_start:token.start()].strip() and \
        not text[token.end():rest if rest >= 0 else len(text)].strip()
