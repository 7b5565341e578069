"""Citation clusters written as pandoc writes them in Markdown:

    [@doe99, p. 33; see @smith04, chap. 1 and elsewhere; -@wu20]

Each cite is an optional prefix, ``@key`` (``-@key`` leaves the author out),
and after a comma an optional locator with its label ("p. 33", "chap. 1",
or a bare number, read as pages) and a suffix.  The brackets are optional,
and the older ``key1,key2`` form (ids only) is still read.
"""
from __future__ import annotations

import re

# Locator labels as pandoc reads them in English, each the CSL locator type.
LABELS = {
    "book": "book", "bk.": "book", "bks.": "book",
    "chapter": "chapter", "chap.": "chapter", "chaps.": "chapter", "ch.": "chapter",
    "column": "column", "col.": "column", "cols.": "column",
    "figure": "figure", "fig.": "figure", "figs.": "figure",
    "folio": "folio", "fol.": "folio", "fols.": "folio",
    "line": "line", "l.": "line", "ll.": "line",
    "note": "note", "n.": "note", "nn.": "note",
    "number": "issue", "no.": "issue", "nos.": "issue",
    "opus": "opus", "op.": "opus", "opp.": "opus",
    "page": "page", "pages": "page", "p.": "page", "pp.": "page",
    "paragraph": "paragraph", "para.": "paragraph", "paras.": "paragraph", "¶": "paragraph",
    "¶¶": "paragraph",
    "part": "part", "pt.": "part", "pts.": "part",
    "section": "section", "sec.": "section", "secs.": "section", "§": "section",
    "§§": "section",
    "sub verbo": "sub verbo", "s.v.": "sub verbo", "s.vv.": "sub verbo",
    "verse": "verse", "v.": "verse", "vv.": "verse",
    "volume": "volume", "vol.": "volume", "vols.": "volume",
}
_KEY = re.compile(r"(-?)@(\{[^}]+\}|[\w][\w:.#$%&\-+?<>~/]*?)(?=[.:]?(?:[\s,;\]]|$))")
# a locator value: numbers, roman numerals, ranges and lists of them
_VALUE = re.compile(r"[\w]*\d[\w]*(?:\s*[-–,&]\s*[\w]*\d[\w]*)*|[ivxlcdm]+(?:\s*[-–]\s*[ivxlcdm]+)?",
                    re.I)


class CiteSyntaxError(ValueError):
    """A citation that cannot be read."""


def parse_cluster(text: str) -> list[dict]:
    """One citation cluster -> CSL citation items: ``{"id", "prefix",
    "suffix", "locator", "label", "suppress-author"}`` (absent keys left
    out)."""
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if "@" not in text:  # the older form: ids separated by commas
        return [{"id": key.strip()} for key in re.split(r"[,;]", text) if key.strip()]
    return [_parse_cite(part) for part in _split(text) if part.strip()]


def _split(text: str) -> list[str]:
    """Cites are separated by semicolons outside braces."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += char == "{"
        depth -= char == "}"
        if char == ";" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _parse_cite(part: str) -> dict:
    match = _KEY.search(part)
    if match is None:
        raise CiteSyntaxError(f"no @key in citation {part.strip()!r}")
    key = match.group(2)
    cite: dict = {"id": key[1:-1] if key.startswith("{") else key}
    if match.group(1):
        cite["suppress-author"] = True
    prefix = part[:match.start()].strip()
    if prefix:
        cite["prefix"] = prefix + " "
    rest = part[match.end():]
    if rest.lstrip().startswith(","):
        rest = rest.lstrip()[1:].strip()
        label, locator, rest = _locator(rest)
        if locator:
            cite["label"], cite["locator"] = label, locator
            if rest:
                cite["suffix"] = rest if rest[0] in ",.;:" else " " + rest
        elif rest:
            cite["suffix"] = ", " + rest
    elif rest.strip():
        cite["suffix"] = " " + rest.strip()
    return cite


def _locator(text: str) -> tuple[str, str, str]:
    """(label, locator, what follows) at the start of a cite's suffix."""
    label = None
    for word in sorted(LABELS, key=len, reverse=True):
        if text.lower().startswith(word) and (len(text) == len(word) or not text[len(word)].isalpha()):
            label, text = LABELS[word], text[len(word):].lstrip()
            break
    if text.startswith("{"):
        end = text.find("}")
        if end > 0:
            return label or "page", text[1:end], text[end + 1:].strip()
    value = _VALUE.match(text)
    if value is None or (label is None and not value.group(0)[:1].isdigit()):
        return "", "", text
    return label or "page", value.group(0), text[value.end():].strip()
