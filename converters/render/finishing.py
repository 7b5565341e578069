"""The text after citeproc-py: finished the way pandoc and citeproc-js print
it: a space after a citation-number label, punctuation inside closing
quotes where the locale asks for it, ``subsequent-author-substitute``
("———."), smart apostrophes and quotes, no doubled punctuation, Markdown."""
from __future__ import annotations

import html as html_lib
import re

_SMART = [(re.compile(r"(?<=\w)'(?=\w)"), "’"), (re.compile(r"(^|[\s(\[])'"), r"\1‘"),
          (re.compile(r"'"), "’"), (re.compile(r'(^|[\s(\[])"'), r"\1“"),
          (re.compile(r'"'), "”")]


def smart_quotes(text: str) -> str:
    for pattern, replacement in _SMART:
        text = pattern.sub(replacement, text)
    return text


def nested_quotes(text: str) -> str:
    """Quotes inside quotes alternate: “a ‘b’ c”."""
    out, depth = [], 0
    for char in text:
        if char == "“":
            out.append("‘" if depth % 2 else "“")
            depth += 1
        elif char == "”" and depth:
            depth -= 1
            out.append("’" if depth % 2 else "”")
        else:
            out.append(char)
    return "".join(out)


def punctuation_in_quote(text: str) -> str:
    return re.sub(r"([”’])([.,])", r"\2\1", text)


_NUMBER_LABEL = re.compile(r"^(\[\d+\]|\d+\.)(?=[^\s\d])")
# "faithful?." and "Ed.." : a period after a mark that ends the sentence
# already (not an ellipsis's).
_DOUBLE_PUNCTUATION = re.compile(r"(?<!\.)([?!.])\.(?!\.)")
# an empty part between delimiters leaves "no. 2. , Stuttgart"
_SPACE_BEFORE_COMMA = re.compile(r"(?<=[.\w]) +,")


def split_margin(text: str, output: str) -> str:
    """second-field-align's marked left margin (patches.display): a space
    after it in text, citeproc-js's two divisions in HTML."""
    from .patches.display import MARGIN_END, MARGIN_START

    start, end = text.find(MARGIN_START), text.find(MARGIN_END)
    if start < 0 or end < start:
        return text
    before, margin, rest = text[:start], text[start + 1:end], text[end + 1:]
    if output == "html":
        return (f'{before}<div class="csl-left-margin">{margin}</div>'
                f'<div class="csl-right-inline">{rest}</div>')
    return f"{before}{margin} {rest.lstrip()}"


def finish_entry(text: str, output: str, piq: bool) -> str:
    """One rendered bibliography entry, tidied."""
    text = split_margin(text, output)
    if output != "html":
        text = " ".join(text.split())
    text = _NUMBER_LABEL.sub(r"\1 ", text)
    text = _DOUBLE_PUNCTUATION.sub(r"\1", text)
    text = _SPACE_BEFORE_COMMA.sub(",", text)
    if output == "text":
        text = nested_quotes(smart_quotes(html_lib.unescape(text)))
    if piq:
        # moving "." inside a quote can double it: “faithful?.” -> “faithful?”
        text = _DOUBLE_PUNCTUATION.sub(r"\1", punctuation_in_quote(text))
    return text


def substitute_repeats(entries: list[str], authors: list, substitute: str) -> list[str]:
    """subsequent-author-substitute: a repeated author list is replaced.
    The names end where the last author's last name part does, within the
    text the two entries share."""
    out = list(entries)
    for i in range(1, len(entries)):
        if not authors[i] or authors[i] != authors[i - 1]:
            continue
        previous, current = entries[i - 1], entries[i]
        common = 0
        while common < min(len(previous), len(current)) and previous[common] == current[common]:
            common += 1
        prefix = current[:common]
        last = authors[i][-1]
        parts = [p for p in re.split(r"[\s,.]+", " ".join(
            str(last.get(k, "")) for k in ("family", "given", "literal"))) if p]
        parts += [p[0] for p in parts]  # initials
        end = max((m.end() for part in parts
                   for m in re.finditer(r"(?<!\w)" + re.escape(part) + r"(?!\w)", prefix)),
                  default=-1)
        if end > 0:
            out[i] = substitute + current[end:]
    return out


def to_markdown(text: str) -> str:
    text = re.sub(r"</?i>", "*", text)
    text = re.sub(r"</?b>", "**", text)
    text = re.sub(r'<span style="font-variant:\s*small-caps;?">(.*?)</span>', r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html_lib.unescape(text)
