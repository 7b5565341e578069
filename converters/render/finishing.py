"""The text after citeproc-py: finished the way pandoc and citeproc-js print
it: punctuation inside closing quotes where the locale asks for it, ``subsequent-author-substitute``
("———."), quotes within quotes, no doubled punctuation, Markdown."""
from __future__ import annotations

import html as html_lib
import re
from functools import lru_cache

from .display_finish import displays, tidy_spaces
from .patches.punctuation import (
    AFFIX_QUOTE,
    FORMATTED_END,
    LITERAL,
    MOVED,
    QUOTED_SUFFIX,
    merge_marks,
)
from .patches.quote_marks import NESTED_QUOTE, RICH, VALUE
from .resets import needed_resets
from .richtext import mark, resolve


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


_TAG = re.compile(r"(<[^>]*>)")


def typographic_html(text: str) -> str:
    """Quotes within quotes alternate in the text of HTML, tags untouched
    (the data's straight quotes were made typographic before rendering:
    richtext)."""
    text = text.replace("<sc>", '<span style="font-variant:small-caps;">').replace(
        "</sc>", "</span>")  # small capitals in the data, as the style prints them
    parts = _TAG.split(text)
    # the text between tags, smartened as one string so quotes pair across tags
    joined = "\ue003".join(parts[0::2])
    done = nested_quotes(joined)
    parts[0::2] = done.split("\ue003")
    return "".join(parts)


# The closing quotes every style prints (typographic data quotes, the usual terms).
CLOSING_QUOTES = "”’»›"


def punctuation_in_quote(text: str, closing: str = CLOSING_QUOTES) -> str:
    """A period or comma after a closing quote goes inside it, across the
    end tags between them (“Book A.”</i> for “Book A”</i>.).  ``closing``:
    the closing marks, the locale's close-quote terms among them (a German
    style's »Title,« as citeproc-js moves the comma in)."""
    into, absorbed, _ = _quote_patterns(closing)
    for _ in range(3):  # through quotes within quotes: “This is ‘The One.’”
        # not into a quote that already ends in a period: “Signalhorn.”,
        moved = into.sub(_into_quote, text)
        if moved == text:
            break
        text = moved
    # a period after a quote that ends in one is absorbed: “… immunity.”
    return absorbed.sub(r"\1\2", text)


@lru_cache(maxsize=8)
def _quote_patterns(closing: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(punctuation to move into a quote, a period after a quote that ends
    in one, the same where punctuation stays outside) for these closing marks."""
    marks = "[" + re.escape(closing) + "]|&#187;"
    return (re.compile(rf"(?<!\.)({marks})((?:</[a-z]+>)*)([.,])"),
            re.compile(rf"(?<=[.?!])({marks})((?:</[a-z]+>)*)\."),
            re.compile(rf"(\.(?:{marks}))\."))


def _into_quote(found) -> str:
    quote = found.group(1)
    if quote in "’›" and not _opened(found.string[:found.start()], quote):
        return found.group(0)  # an apostrophe ("Jesus’, P."), no quote
    return found.group(3) + quote + found.group(2)


def _opened(before: str, closing: str) -> bool:
    """Whether a single quote is open before a ’ (or ›): an opening not yet
    closed; a ’ that closes nothing ("Veterans’ Affairs") or stands between
    letters ("Aristotle’s") is an apostrophe."""
    opening = "‘" if closing == "’" else "‹"
    if opening not in before:
        return False
    depth = 0
    for found in re.finditer(f"{opening}|{closing}(?!\\w)", before):
        if found.group() == opening:
            depth += 1
        elif depth:
            depth -= 1
    return depth > 0


# "faithful?." and "Ed.." : a period after a mark that ends the sentence
# already (not an ellipsis's), also across the end tags of formatting
# between them ("<i>Why?</i> P" for an italic group and a delimiter ". ",
# as citeproc-js merges them; a formatted leaf's own period or delimiter
# after its "?" was marked to stay: patches.punctuation).
_DOUBLE_PUNCTUATION = re.compile(r"(?<!\.)([?!.])((?:</[a-z]+>)*)\.(?!\.)")
# A colon an affix ends with, met by the period that starts the next
# element's prefix: citeproc-js moves the period before it, when the colon
# closes a group or macro ("P. in.: Cambridge" in clays-and-clay-minerals,
# whose term "in" has the suffix ":" and the next group the prefix ". ").
_COLON_THEN_PERIOD = re.compile(r"(?<=\w):\.(?=\s)")


# patches.punctuation's marks around quotes (the moved mark's copy with its mark)
_QUOTE_MARKS = re.compile(QUOTED_SUFFIX + "|" + MOVED + ".?", re.S)


# a quoted element's own suffix after its quote (patches.punctuation's mark)
_OWN_SUFFIX = re.compile("([.,;:!?]?)([”’»›])" + QUOTED_SUFFIX + "([.,!?]+)")


def _unmark_quotes(text: str, piq: bool = False) -> str:
    """Without patches.punctuation's marks; where the locale puts
    punctuation inside quotes, a quoted element's own suffix merged with the
    quoted text's last mark first, as citeproc-js swaps it in (revista-ladinia
    and new-harts-rules: “J. Chem. Phys.,”, where a mark that came from
    elsewhere stays out after a quoted period: “Signalhorn.”,)."""
    if QUOTED_SUFFIX not in text and MOVED not in text:
        return text
    if piq and QUOTED_SUFFIX in text:
        text = _OWN_SUFFIX.sub(_own_suffix_in, text)
    return _QUOTE_MARKS.sub("", text)


def _own_suffix_in(found) -> str:
    inside = found.group(1)
    for char in found.group(3):
        inside = merge_marks(inside, char)
    return inside + found.group(2)


def finish_entry(text: str, output: str, piq: bool, closing: str = CLOSING_QUOTES) -> str:
    """One rendered bibliography entry, tidied."""
    if NESTED_QUOTE in text:  # (before the data's formatting marks are resolved)
        text = nested_quote_marks(text, piq)
    text = _unmark_quotes(text, piq)
    text = displays(resolve(_plain_small_caps(text, output), _kind(output)), output)
    text = tidy_spaces(text, output)
    text = _COLON_THEN_PERIOD.sub(".:", _DOUBLE_PUNCTUATION.sub(r"\1\2", text))
    return finish_citation(text, output, piq, closing)


def _kind(output: str) -> str:
    return "text" if output == "text" else "html"


# the marks richtext puts around small capitals of the data
_SMALL_CAPS = re.compile("[" + mark("<sc>x</sc>")[0] + mark("<sc>x</sc>")[-1] + "]")


# Small capitals of the data in plain text: citeproc-js prints their letters
# as written ("mcxcviii"), pandoc upper-cased ("MCXCVIII", richtext.resolve).
# Left as pandoc prints them: tests/test_render.py holds the pandoc
# agreement floors (ieee, nature), which the other way would break.
PLAIN_SMALL_CAPS_AS_WRITTEN = False


def _plain_small_caps(text: str, output: str) -> str:
    """Small capitals as written in plain text, when chosen above."""
    if output == "text" and PLAIN_SMALL_CAPS_AS_WRITTEN:
        return _SMALL_CAPS.sub("", text)
    return text


def finish_citation(text: str, output: str, piq: bool, closing: str = CLOSING_QUOTES) -> str:
    """One rendered citation; entries end with the same typography."""
    if NESTED_QUOTE in text:  # (before the data's formatting marks are resolved)
        text = nested_quote_marks(text, piq)
    text = resolve(_plain_small_caps(_unmark_quotes(text, piq), output), _kind(output))
    if output != "text":
        text = needed_resets(text)
    if "\ue000" in text:
        # a citation layout's display (bluebook-law-review-with-abstract's
        # abstract): divisions in HTML, spaces elsewhere, as in an entry
        text = tidy_spaces(displays(text, output), output)
    text = nested_quotes(html_lib.unescape(text)) if output == "text" \
        else typographic_html(text)
    if piq:
        # moving "." inside a quote can double it: “faithful?.” -> “faithful?”
        text = _DOUBLE_PUNCTUATION.sub(r"\1\2", punctuation_in_quote(text, closing))
    # a period after a quote that ends in one is dropped, as citeproc-js
    # drops it also where punctuation stays outside quotes (“Immunity.”.)
    text = _quote_patterns(closing)[2].sub(r"\1", text).replace(LITERAL, "")
    if VALUE in text:
        text = value_marks(text, closing)
    if FORMATTED_END in text:  # (after value_marks: "Ed.. x" for an italic "Ed.")
        text = text.replace(FORMATTED_END, "")
    return text.replace(AFFIX_QUOTE, "") if AFFIX_QUOTE in text else text


def nested_quote_marks(text: str, piq: bool) -> str:
    """The marks after a group's or macro's quote in brackets
    (quote_marks.NESTED_QUOTE) taken out, where the locale puts punctuation
    inside quotes with the mark printed next moved into the quote, merged
    with the quoted text's own ("(“Coll,”) 1968")."""
    if piq:
        text = _NESTED_MOVE.sub(_nested_move, text)
    return text.replace(NESTED_QUOTE, "")


# (not after markup: "(“<i>Coll</i>”), 1968", as citeproc-js prints rich text)
_NESTED_MOVE = re.compile(r"([^>\ue010-\ue01c])([”»])([)\]]+)" + NESTED_QUOTE
                          + r"+([.,;:!?])")


def _nested_move(found) -> str:
    closing, text, end = found.group(2), found.string, found.start(2)
    opened = text.rfind("“" if closing == "”" else "«", 0, end)
    if opened < 0 or RICH.search(text, opened + 1, end):
        return found.group(0)  # rich text in the quote ("Coll’s"): the mark stays out
    return merge_marks(found.group(1), found.group(4)) + closing + found.group(3)


def value_marks(text: str, closing: str = CLOSING_QUOTES) -> str:
    """The marks before values that begin with a comma or period
    (quote_marks.VALUE) taken out, after the punctuation moved into quotes
    has passed them by; a value's period after a period, question or
    exclamation mark, within a quote or not, is dropped as citeproc-js
    drops it ("“Ed.” x", "Ed. x", "Why? x")."""
    return _value_period(closing).sub(r"\1", text).replace(VALUE, "")


@lru_cache(maxsize=8)
def _value_period(closing: str) -> re.Pattern:
    marks = "[" + re.escape(closing) + "]|&#187;"
    # (not across an end tag: "<i>Ed.</i>. x", as citeproc-js prints it)
    return re.compile(rf"([.?!](?:{marks})?){VALUE}\.")


_NAMES = re.compile("\ue006(.*?)\ue007", re.S)
_NAME_MARKS = re.compile("[\ue006-\ue008]")


def strip_name_marks(text: str) -> str:
    return _NAME_MARKS.sub("", text)


def substitute_names(texts: list[str], substitute: str) -> list[str]:
    """subsequent-author-substitute, rule complete-all, on entries as
    rendered: the first marked name list (patches.names) of an entry that
    prints the same names as the entry before's is replaced whole, its
    cs:names' label and affixes kept.  The marks are removed."""
    out = []
    previous = None
    for text in texts:
        found = _NAMES.search(text)
        if found and found.group(1).startswith("\ue008"):  # author_substitute.NOT_FIRST
            out.append(strip_name_marks(text))  # after text: neither replaced nor compared
            continue
        names = strip_name_marks(found.group(1)).strip() if found else None
        if found and names and names == previous:
            text = text[:found.start()] + substitute + text[found.end():]
        previous = names
        out.append(strip_name_marks(text))
    return out


# Markdown's inline marks, escaped in text as pandoc's Markdown writer
# escapes them (an underscore inside a word is no mark: "snake_case")
_MARKDOWN_SPECIAL = re.compile(r"[\\`*\[\]<>~^$|]|_(?![^\W_])|(?<![^\W_])_")
_MARKDOWN_TAGS = {"<i>": "*", "</i>": "*", "<b>": "**", "</b>": "**"}
# what begins an ordered list ("1.", "a)", "iv.", "B)", "(1)", "(a)") or a
# bullet, a heading or a title block ("-", "+", "#", "%") at an entry's start
_MARKDOWN_STARTS = (
    (re.compile(r"^(\d+|[a-z]|[ivxlcdm]+|[A-Z](?=\)))([.)])(?=\s|$)"), r"\1\\\2"),
    (re.compile(r"^\((\d+|[A-Za-z]|@[\w-]*)\)(?=\s|$)"), r"\\(\1\\)"),
    (re.compile(r"^([#+\-%])(?=\s|$)"), r"\\\1"),
)
# an @ after a space starts a citation in pandoc's Markdown ("see @smith")
_MARKDOWN_AT = re.compile(r"(?:^|(?<=[ \t\n]))@(?=\w)")


def to_markdown(text: str) -> str:
    """An HTML entry as Markdown: italics and bold as ``*`` and ``**``,
    other tags dropped, and the text's own ``*``, ``_``, ``[``... escaped,
    so that a title "C*-algebras and [x]" stays text ("C\\*-algebras and
    \\[x\\]", as pandoc writes it)."""
    parts = _TAG.split(text)
    for index, part in enumerate(parts):
        if index % 2:
            parts[index] = _MARKDOWN_TAGS.get(part, "")
        else:
            parts[index] = _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0),
                                                 html_lib.unescape(part))
    # what would begin a list or a heading at the start ("1\\. Smith"), and
    # what pandoc's Markdown reads as a citation ("\\@smith"), as pandoc escapes them
    text = _MARKDOWN_AT.sub(r"\\@", "".join(parts))
    for start, escaped in _MARKDOWN_STARTS:
        text, found = start.subn(escaped, text, count=1)
        if found:
            break
    return text
