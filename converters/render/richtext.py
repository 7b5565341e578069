"""Rich text in field values: CSL's "flip-flop" markup (``<i>``, ``<b>``,
``<sup>``, ``<sub>``, ``<sc>``, small-caps spans, ``<span class="nocase">``),
as citeproc-js reads it.

citeproc-py reads only the nocase span; any other tag went through as text
(and title case saw "<I>").  So before rendering, each balanced tag of a
value becomes a private-use mark no text-case rule touches (:func:`mark`),
and a "<", ">" or "&" that is not markup becomes a mark too, so HTML output
escapes it.  After rendering, :func:`resolve` turns the marks into HTML,
flipping a data tag inside the same formatting of the style (italics in an
italic title become ``font-style:normal``, as citeproc-js prints them), or
drops them in plain text.  Unbalanced tags stay as text, as citeproc-js
leaves them.
"""
from __future__ import annotations

import re

# kind -> (open mark, close mark)
_MARKS = {"i": ("\ue010", "\ue011"), "b": ("\ue012", "\ue013"), "sc": ("\ue014", "\ue015"),
          "sup": ("\ue016", "\ue017"), "sub": ("\ue018", "\ue019")}
# literal characters of the data: (mark, in HTML, in text)
_LITERALS = {"<": ("\ue01a", "&#60;"), ">": ("\ue01b", "&#62;"), "&": ("\ue01c", "&#38;")}
# kind -> (HTML open, HTML close, the open tag that turns it off inside itself)
_HTML = {"i": ("<i>", "</i>", '<span style="font-style:normal;">'),
         "b": ("<b>", "</b>", '<span style="font-weight:normal;">'),
         "sc": ('<span style="font-variant:small-caps;">', "</span>",
                '<span style="font-variant:normal;">'),
         "sup": ("<sup>", "</sup>", None), "sub": ("<sub>", "</sub>", None)}

MARK_CHARS = frozenset(c for pair in _MARKS.values() for c in pair) | frozenset(
    m for m, _ in _LITERALS.values())
_OPEN = {o: kind for kind, (o, _) in _MARKS.items()}
_CLOSE = {c: kind for kind, (_, c) in _MARKS.items()}
_LITERAL_TEXT = {m: char for char, (m, _) in _LITERALS.items()}
_LITERAL_HTML = {m: html for m, html in _LITERALS.values()}
_ANY_MARK = re.compile("[" + "".join(sorted(MARK_CHARS)) + "]")

# The tags read in data; a span that is neither nocase nor small capitals is
# dropped with its end tag (its text kept).
_TAG = re.compile(r'<(/?)(i|b|sup|sub|sc)>|<span\s+class="nocase">|'
                  r'<span\s+style="font-variant:\s*small-caps;?">|<span\b[^>]*>|</span>', re.I)
_NOCASE_OPEN = '<span class="nocase">'


def has_markup(text: str) -> bool:
    return "<" in text or ">" in text or "&" in text or "'" in text or '"' in text


def mark(text: str, *, nocase: bool = True) -> str:
    """A field value with its markup as marks (nocase spans kept as tags,
    for citeproc-py to read; without ``nocase``, as for a cite's prefix,
    which citeproc-py does not read, dropped) and its straight quotes made
    typographic."""
    if "<" in text or ">" in text or "&" in text:
        text = "".join(literal(t) if isinstance(t, str) else t[1] for t in _tokens(text))
        if not nocase:
            text = _without_nocase(text)
    if "'" in text or '"' in text:  # the nocase tag's own quotes aside
        text = smart_quotes(text.replace(_NOCASE_OPEN, "\ue01d")).replace("\ue01d",
                                                                           _NOCASE_OPEN)
    return text


# Straight quotes of the data, as citeproc-js reads them: a pair of quotes
# (single or double: an opening one after a space, bracket or opening tag,
# a closing one before a non-letter) is a quotation, printed with the
# locale's quotes (“ ”, alternating when nested: finishing); any other
# single quote is an apostrophe (’), an unpaired double quote stays.
_AFTER = "(^|[\\s(\\[\u2014\u2013/\ue010\ue012\ue014\ue016\ue018\ue01d])"
_PAIRS = [re.compile(_AFTER + q + r"(?=\S)(.*?)(?<=\S)" + q + r"(?!\w)", re.S) for q in "\"'"]


def smart_quotes(text: str) -> str:
    for pattern in _PAIRS:
        while True:
            changed = pattern.sub(lambda m: f"{m.group(1)}“{m.group(2)}”", text)
            if changed == text:
                break
            text = changed
    return text.replace("'", "’")


def _tokens(text: str) -> list:
    """Text as plain strings and matched tags, each tag a (kind, output)
    pair; an unmatched tag is left a plain string."""
    out: list = []
    stack: list[tuple[int, str]] = []  # (index in out, kind)
    end = 0
    for match in _TAG.finditer(text):
        out.append(text[end:match.start()])
        end = match.end()
        tag = match.group(0)
        closing, kind = _kind(match)
        if not closing:
            stack.append((len(out), kind))
            out.append(tag)
            continue
        opened = next((i for i in range(len(stack) - 1, -1, -1)
                       if stack[i][1] == kind or (kind == "span" and stack[i][1] in
                                                  ("nocase", "sc", "other"))), None)
        if opened is None:
            out.append(tag)
            continue
        index, open_kind = stack[opened]  # tags opened inside it, never closed, stay text
        del stack[opened:]
        opening, closing_output = _open_output(open_kind), _close_output(open_kind)
        if open_kind in _IMPLICIT_NOCASE and all(k != "nocase" for _, k in stack):
            # small capitals, superscripts and subscripts keep their case
            # (textcase_ImplicitNocase); nocase spans inside are then redundant
            # and would nest, which citeproc-py does not read
            for j in range(index + 1, len(out)):
                if isinstance(out[j], tuple) and "span" in out[j][1]:
                    out[j] = (out[j][0], _without_nocase(out[j][1]))
            opening, closing_output = opening + _NOCASE_OPEN, "</span>" + closing_output
        out[index] = (open_kind, opening)
        out.append((open_kind, closing_output))
    out.append(text[end:])
    return out


_IMPLICIT_NOCASE = ("sc", "sup", "sub")


def _without_nocase(output: str) -> str:
    return output.replace(_NOCASE_OPEN, "").replace("</span>", "")


def _kind(match) -> tuple[bool, str]:
    tag = match.group(0).lower()
    if match.group(2):
        return bool(match.group(1)), match.group(2).lower()
    if tag == "</span>":
        return True, "span"
    if "nocase" in tag:
        return False, "nocase"
    return False, "sc" if "small-caps" in tag else "other"


def _open_output(kind: str) -> str:
    if kind == "nocase":
        return _NOCASE_OPEN
    return _MARKS[kind][0] if kind in _MARKS else ""


def _close_output(kind: str) -> str:
    if kind == "nocase":
        return "</span>"
    return _MARKS[kind][1] if kind in _MARKS else ""


def literal(text: str) -> str:
    """``<``, ``>`` and ``&`` as the marks that print them as such (escaped
    in HTML), never read as markup: a style's affixes."""
    for char, (marker, _) in _LITERALS.items():
        text = text.replace(char, marker)
    return text


def strip_marks(text: str) -> str:
    """The plain text of a marked value (for sort keys)."""
    if not _ANY_MARK.search(text):
        return text
    return _ANY_MARK.sub(lambda m: _LITERAL_TEXT.get(m.group(0), ""), text)


def resolve(text: str, output: str) -> str:
    """Rendered text with marks -> finished text: HTML tags (flipped inside
    the same formatting) for ``html``, the bare text otherwise."""
    if not _ANY_MARK.search(text):
        return text
    if output != "html":
        # small capitals as capitals in plain text, as pandoc prints them
        # (citeproc-js drops them): "MCXCVIII" reads as the numeral it is
        sc_open, sc_close = _MARKS["sc"]
        text = re.sub(f"{sc_open}(.*?){sc_close}", lambda m: m.group(1).upper(), text,
                      flags=re.S)
        return strip_marks(text)
    return _flip(text)


_SCAN = re.compile("(<[^>]*>|[" + "".join(sorted(MARK_CHARS)) + "])")
_STYLE_TAGS = {"<i>": "i", "<b>": "b", '<span style="font-variant:small-caps;">': "sc",
               '<span style="font-style:normal;">': "-i",
               '<span style="font-weight:normal;">': "-b",
               '<span style="font-variant:normal;">': "-sc"}


def _flip(text: str) -> str:
    out: list[str] = []
    active: set[str] = set()
    stack: list[tuple[str, frozenset]] = []  # (close output, formatting before)
    for part in _SCAN.split(text):
        if not part:
            continue
        if part in _LITERAL_HTML:
            out.append(_LITERAL_HTML[part])
        elif part in _OPEN:
            kind = _OPEN[part]
            stack.append((_HTML[kind][1], frozenset(active)))
            flip = _HTML[kind][2]
            if kind in active and flip:
                out.append(flip)
                stack[-1] = ("</span>", stack[-1][1])
                active.discard(kind)
            else:
                out.append(_HTML[kind][0])
                active.add(kind)
        elif part in _CLOSE or part.startswith("</"):
            if stack:
                close, before = stack.pop()
                active = set(before)
                out.append(close if part in _CLOSE else part)
            elif part not in _CLOSE:
                out.append(part)
        elif part.startswith("<") and not part.endswith("/>"):
            stack.append(("", frozenset(active)))
            effect = _STYLE_TAGS.get(part, "")
            if effect.startswith("-"):
                active.discard(effect[1:])
            elif effect:
                active.add(effect)
            out.append(part)
        else:
            out.append(part)
    return "".join(out)
