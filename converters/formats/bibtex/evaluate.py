"""A BibTeX value's raw text -> its LaTeX: quotes and braces removed at the
top, @string macros and month names expanded, ``#`` concatenated."""
from __future__ import annotations

import re
from typing import Any

from ... import latex
from ...mapping import bibtex as M

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


class Undefined(Exception):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class TooLarge(Exception):
    pass


# A value longer than this is refused: no real field comes near it, and a
# chain of @strings that each double the last (a = x # x, b = a # a, ...)
# would otherwise grow to gigabytes in a few dozen lines.
MAX_VALUE = 1_000_000


# The @string macros (name -> text) of a run's inputs; under split.PREAMBLE_MACROS,
# a name no @string can have, the @preambles' definitions ride along (a dict).
Macros = dict[str, Any]


def evaluate(raw: str, macros: Macros) -> str:
    """A field's raw text -> its LaTeX value: braces and quotes removed at the
    top, macros expanded, ``#`` concatenated."""
    if raw.startswith("{") and raw.endswith("}"):
        inner = raw[1:-1]  # the usual "{text}": nothing to expand or join
        if "{" not in inner and "}" not in inner and not inner.endswith("\\"):
            return inner
    out, i, n = [], 0, len(raw)
    size = 0
    while i < n:
        if size > MAX_VALUE:
            raise TooLarge()
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
                raise Undefined(word)
    if size > MAX_VALUE:
        raise TooLarge()
    return "".join(out)


# Inside a value, "%" starts a comment only where TeX, which typesets the
# value, could read one: when the rest of its line stays inside the value
# ("Richard %A.\n B. Johnson", pandoc's reading too).  Where the line's rest
# closes the value ("{100% sure}") it would comment out the closing brace,
# so it is text.  URLs, DOIs and other verbatim fields never have comments.
COMMENT = re.compile(r"(?<!\\)%[^\n]*\n[ \t]*")
