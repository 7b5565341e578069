"""A suffix's punctuation mark is not doubled across closing markup:
"<b>Doe Co.</b>" with suffix "." stays "<b>Doe Co.</b>", as citeproc-js
prints it; citeproc-py compares the seam's last character, which is the
tag's ">".  (bugreports_AsmJournals, bugreports_ContentPunctuationDuplicate1,
punctuation_FieldDuplicates, bugreports_UndefinedNotString,
name_SubstituteInheritLabel; with the one below, 7 fixtures)
"""
from __future__ import annotations

import re
import threading

from ..records import NUMBER_VARIABLES
from . import terms
from .quote_marks import RICH, VALUE, mark_nested_quote
from .string_ends import first_character as _first_character
from .string_ends import last_character as _last_character
from .string_ends import tail as _tail

_CLOSING = re.compile(r"(?:</[a-z]+>)+$")
# names.NAMES_END and the marks around a name list (names, author_substitute)
_NAMES_END = "\ue007"
_NAME_MARKS = "\ue006\ue007\ue008"


def install() -> None:
    from citeproc import model, string

    seam_punctuation, strip_first = string.SEAM_PUNCTUATION, string._strip_first_char

    def normalize_seam(left, other):
        # citeproc-py's normalize_seam with the closing markup looked
        # through; only the seam's ends are read, not the whole text (the
        # text of a group grows as it is joined: reading it whole at every
        # seam cost a twentieth of the rendering), and only its last
        # character unless that closes markup
        last = _last_character(left)
        if last == ">":
            text, whole = _tail(left)
            closed = _CLOSING.search(text)
            if closed is not None and closed.start() < 32 and not whole:
                # the run of closing tags may begin before the end read: read all
                text, whole = str(left), True
                closed = _CLOSING.search(text)
            if closed is not None and closed.start() > 0:
                first = _first_character(other)
                if first == text[closed.start() - 1] and first in seam_punctuation:
                    return strip_first(other)
        first = _first_character(other)
        if not last or not first:
            return other
        if last == _NAMES_END and first in seam_punctuation:
            # a name list marked for subsequent-author-substitute: its mark is
            # no text, and the list's last mark meets the delimiter after it
            # ("Bo Doe, T" for a family suffix "," where citeproc-js merges it)
            last = _tail(left, 8)[0].rstrip(_NAME_MARKS)[-1:]
        if (last == " " and first == " ") or (last == first and first in seam_punctuation):
            return strip_first(other)
        return other

    string.normalize_seam = normalize_seam
    model.normalize_seam = normalize_seam
    from .speed import _CACHES

    _CACHES.append(_QUOTE_CLOSING)
    _CACHES.append(_SEALS)
    install_right_inline()
    install_literal_punctuation()
    install_suffix_into_quotes()
    install_entry_reset()


def install_right_inline() -> None:
    """The right-inline part of an aligned entry ends without the spaces
    the layout's suffix left (citeproc-js trims them; an entry without a
    margin keeps them).  (variables_ContainerTitleShort,
    variables_ContainerTitleShort2)"""
    from . import display

    original = display.mark

    def mark(kind: str, text) -> str:
        return original(kind, str(text).rstrip(" ") if kind == "right-inline" else text)

    display.mark = mark


# Put before the punctuation a cs:text value prints; finishing removes it.
LITERAL = "\ue020"
# Put after a closing quote a style writes in an affix (chimia's
# suffix="’"): citeproc-js moves no punctuation into such a quote, only into
# those of quotes="true" and of the data; finishing removes it.
AFFIX_QUOTE = "\ue024"
_PUNCTUATION_ONLY = re.compile(r"[.,;:!?]+")
# Put before the prefix of a formatted element (two LITERALs: finishing
# removes them); a group or macro whose text starts with it takes it off.
FORMATTED_PREFIX = LITERAL + LITERAL


def unlocked(text):
    """``text`` without FORMATTED_PREFIX at its start: a group's or macro's
    text, whose first piece's prefix meets what is before the group."""
    if _first_character(text) != LITERAL:
        return text
    if not isinstance(text, list):
        plain = str(text)
        return type(text)(plain[2:]) if plain.startswith(FORMATTED_PREFIX) else text
    pieces = list(text)
    while pieces and not str(pieces[0]):
        pieces.pop(0)
    if pieces and str(pieces[0]) == FORMATTED_PREFIX:
        return type(text)(pieces[1:])
    if pieces and isinstance(pieces[0], list):
        return type(text)([unlocked(pieces[0])] + pieces[1:])
    return text


def install_literal_punctuation() -> None:
    """Punctuation a style prints as a value (``<text value="."/>``) is
    never merged with what comes before it: citeproc-js merges only
    affixes with each other and with field text, so a title "Ed." followed
    by a value "." prints "Ed..", and two values "." print ".."
    (universitat-heidelberg-medizinische-fakultat-mannheim-numeric ends
    its entries that way).  citeproc-py collapses every seam; the value is
    marked so its seam is left alone.  (no fixture changes)"""
    from citeproc import model

    process = model.Text.process

    def text_process(self, item, context=None, **kwargs):
        text, language = process(self, item, context=context, **kwargs)
        value = self.get("value")
        if value and _PUNCTUATION_ONLY.fullmatch(value) and not any(
                key in self.attrib for key in ("variable", "macro", "term")):
            text = type(text)(LITERAL) + text if text is not None else text
        return text, language

    model.Text.process = text_process

    # (a cs:text's value reaches preformat in every path that renders it,
    # direct.py's too)
    from . import terms

    preformat = model.Text.preformat

    def text_preformat(self, text):
        formatted = preformat(self, text)
        if text == self.get("value"):
            terms.printed()
        if text and text[0] in ",." and text == self.get("value") \
                and not _PUNCTUATION_ONLY.fullmatch(text):
            return VALUE + formatted
        return formatted

    model.Text.preformat = text_preformat


# citeproc-js's table of two punctuation marks met (the first, then the
# second): what they become; a pair it lacks prints both
_MERGED = {
    "!": {".": "!", "?": "!?", ":": "!", ",": "!,", ";": "!;"},
    "?": {"!": "?!", ".": "?", ":": "?", ",": "?,", ";": "?;"},
    ".": {"!": ".!", "?": ".?", ":": ".:", ",": ".,", ";": ".;"},
    ":": {"!": "!", "?": "?", ".": ":", ",": ":,", ";": ":;"},
    ",": {"!": ",!", "?": ",?", ":": ",:", ".": ",.", ";": ",;"},
    ";": {"!": "!", "?": "?", ":": ";", ",": ";,", ".": ";"},
}
# the marks citeproc-js moves into quotes (a colon and a semicolon stay out)
_INTO_QUOTES = frozenset(".,!?")
# the closing quotes finishing moves a period or comma into (but a comma
# not after a quoted period)
_FINISHED_QUOTES = frozenset("”’»›")
# Put by a quoted element between its closing quote and its own suffix;
# finishing removes it.  Only such a suffix lets an enclosing suffix in
# first: a suffix of a group around the quoted element goes in before the
# enclosing one (politique-europeenne: “Title,.”).
QUOTED_SUFFIX = "\ue022"
# Put after the quotes an enclosing suffix's mark went into, with that mark:
# a suffix further out that starts with the same mark is not printed again
# (citeproc-js drops it as a duplicate: “Title.,” where a macro called with
# suffix "." ends a layout with suffix "."); finishing removes both.
MOVED = "\ue023"
# a closing quote and the punctuation the quoted element's suffix printed after it
_QUOTE_THEN_PUNCTUATION = re.compile(r"([”’»›])" + QUOTED_SUFFIX + r"([.,;:!?]+)$")


# The quote each closing quote ends (what makes the quoted text rich:
# quote_marks.RICH)
_OPENING = {"”": "“", "’": "‘", "»": "«", "›": "‹"}


def merge_marks(text: str, mark: str) -> str:
    """``text`` with ``mark`` merged onto its last character."""
    last = text[-1:]
    if last == mark:
        return text
    merged = _MERGED.get(last, {}).get(mark)
    return text[:-1] + merged if merged else text + mark


def suffix_into_quotes(text: str, mark: str) -> str | None:
    """``text`` (ending in a quote closed and the punctuation a quoted
    element's suffix printed after it) with ``mark``, the first character
    of an enclosing element's suffix, merged in as citeproc-js merges it:
    into the quoted text first, then the quoted element's own punctuation
    after it (neural-plasticity: title quotes with suffix "," inside a
    macro called with suffix "." prints “Title.,”); None where the text
    does not end so."""
    found = _QUOTE_THEN_PUNCTUATION.search(text)
    if found is None or found.start() == 0 or text[found.start() - 1] in ">\ue020":
        return None  # (the quote's text ends in markup or a value's punctuation)
    opened = text.rfind(_OPENING[found.group(1)], 0, found.start())
    if RICH.search(text, opened + 1, found.start()):
        return None
    body, run = merge_marks(text[:found.start()], mark), found.group(2)
    if run[0] == body[-1]:
        run = run[1:]
    while run and run[0] in _INTO_QUOTES:
        body, run = merge_marks(body, run[0]), run[1:]
    return body + found.group(1) + run + MOVED + mark


def install_suffix_into_quotes() -> None:
    """Where the locale puts punctuation inside quotes, an element's suffix
    that begins with a punctuation mark, after a quoted element's own
    suffix, goes into the quotes before that suffix (citeproc-js moves a
    parent's suffix down into the quoted field before it swaps the field's
    own suffix in).  Elements without a suffix are left to speed_base's
    wrap, as direct.py's plain group expects.  (no fixture changes)"""
    from citeproc import model
    from citeproc import string as strings

    from .speed_base import _FORMATTING

    original = model.Affixed.wrap
    meeting = _meeting(model)
    seals = _SEALS

    def wrap(self, string):
        if string is None:
            return original(self, string)
        prefix = self.get("prefix")
        if prefix and prefix[0] in _MERGED and any(self.get(name) for name in _FORMATTING):
            # a formatted element's prefix meets nothing before it in its
            # parent: no mark merged or dropped, none moved into a quote
            # (citeproc-js: "Title.. P" for an italic P with prefix ". ",
            # "Title”, pre" for a value in font-style="normal"); first in a
            # group or macro, it meets what is before that (unlocked)
            text = strings.String(FORMATTED_PREFIX) + _plain_wrap(self, string, original,
                                                                  meeting, strings)
        else:
            text = _plain_wrap(self, string, original, meeting, strings)
        sealable = self.bibconv_sealable
        if sealable is None:
            sealable = self.bibconv_sealable = _sealable(self)
            seals[id(self)] = self  # (keeps lxml's proxy, and so the flag, alive)
        return sealed(text, sealable) if sealable else text

    model.Affixed.wrap = wrap
    # whether an element's text may be sealed, read on every wrap: decided
    # once per element and kept on it (an attribute read costs no call)
    model.Affixed.bibconv_sealable = None


def _plain_wrap(self, string, original, meeting, strings):
    """An element's wrap (install_suffix_into_quotes) without the
    formatted prefix's mark and the seal."""
    suffix = self.get("suffix")
    if not suffix or string is None:
        return original(self, string)
    if suffix[0] not in _MERGED:
        # a suffix " :" ends the text in a colon too ("Roe :" then a
        # macro's ". ": citeproc-js "Roe : T"; journal-of-korean-
        # neurosurgical-society)
        text = original(self, string)
        if suffix[-1] in ":;":
            _colon_seen(self, string, text, meeting, strings)
        return text
    if suffix[0] == "." and _COLON.last is not None:
        met = _period_on_colon(self, string, suffix, strings)
        if met is not None:
            return met
    if suffix[0] == "." and ends_in_stop(string) and _formatted_leaf(self) \
            and not rich(string):
        # a formatted leaf's own period stays after its "?" or "!"
        # (citeproc-js "Journal of Things?." in american-medical-
        # association's italic journal; "faithful?." in
        # baghdad-science-journal's title in font-style="normal")
        return original(self, string + strings.String(LITERAL))
    text = _affixed(self, string, suffix, original, strings)
    if suffix[-1] in ":;":
        _colon_seen(self, string, text, meeting, strings)
    return text


def _colon_seen(element, string, text, meeting, strings) -> None:
    """Record the colon or semicolon ``element``'s suffix ended ``text``
    with (_Colon): formatted text meets no period (citeproc-js merges only
    across plain text: "<i>W?</i>:"); a delimiter's period does."""
    kind = meeting(element, string)
    _COLON.seen = (str(text), kind, element)
    _COLON.last = None if kind is None or _formatted(element, string, strings) \
        else (str(text), kind, element)


def _affixed(self, string, suffix: str, original, strings):
    """An element's text with a suffix that begins with a punctuation mark,
    merged or moved into a quote as citeproc-js does (install_suffix_into_quotes)."""
    if suffix[0] == ":" and _last_character(string) in "?!" \
            and not str(_tail(string, 2)[0]).endswith(MOVED + "?") \
            and not _formatted(self, string, strings):
        # citeproc-js drops a colon after "?" or "!" ("module? Nat Rev",
        # the-geological-society-of-america, terra-nova)
        prefix = self.get("prefix", "")
        text = prefix + strings.normalize_seam(prefix, string)
        return text + strings.normalize_seam(text, suffix[1:])
    last = _last_character(string)
    if self.get("quotes") == "true":
        prefix = self.get("prefix", "")
        if last not in _FINISHED_QUOTES and suffix[0] in _INTO_QUOTES \
                and last == closing_quote(self):
            # its own suffix into a quote finishing does not know (»Title,«)
            moved = into_quote(string, suffix[0], last, strings)
            if moved is not None:
                return prefix + strings.normalize_seam(prefix, moved) + MOVED + suffix
        text = prefix + strings.normalize_seam(prefix, string)
        return text + QUOTED_SUFFIX + strings.normalize_seam(text, suffix)
    if suffix[0] in _INTO_QUOTES and last == closing_quote(self) \
            and enters_quote(suffix[0], last, string):
        # the first mark after a quote goes in ("Title.,", »Title,«);
        # one further out stays out after it ("Signalhorn.", 1998).
        # Finishing moves the others, after the quotes it knows.
        moved = into_quote(string, suffix[0], last, strings)
        if moved is not None:
            prefix = self.get("prefix", "")
            return prefix + strings.normalize_seam(prefix, moved) + MOVED + suffix
    if _last_character(string) not in _MERGED:
        return original(self, string)
    if str(_tail(string, 2)[0]).endswith(MOVED + suffix[0]):
        moved = string  # that mark went into the quotes already: not again
    else:
        moved = _moved(string, suffix[0], strings)
        if moved is None or self.get_locale_option("punctuation-in-quote").lower() != "true":
            return original(self, string)
    prefix = self.get("prefix", "")
    text = prefix + strings.normalize_seam(prefix, moved)
    return text + strings.normalize_seam(text, suffix[1:])


# Put after the text of a formatted element that ends in a punctuation
# mark or a closing quote, where the next text its parent joins to it
# meets it without a delimiter: citeproc-js merges nothing there, nor moves
# a mark into the quote ("Ed.. P" for an italic "Ed." and a next prefix
# ". ", "Ed,, P", "Why?. P", “Ed”, P), while the parent's
# own delimiter and suffix still merge with it ("Ed. P").  The parent
# (a group, macro or layout) takes it off its text (unsealed); finishing
# removes any left.
FORMATTED_END = "\ue027"
_SEALS: dict = {}  # element's id -> the element, its bibconv_sealable decided
_NO_DELIMITER_PARENTS = frozenset(("macro", "layout"))
_SEALED_KINDS = frozenset(("text", "group", "names", "date", "number", "label"))
_PASSED = frozenset(("choose", "if", "else-if", "else"))
# the ends of a text that are sealed: a punctuation mark, or a closing quote
# (no mark after it moves in: "Aristotle’s “De Motu”. P", “Ed”, P)
_SEALED_ENDS = frozenset(".,;:!?”’»›«‹“‘\"")
# richtext's marks closing the data's own formatting
_DATA_CLOSING = "\ue011\ue013\ue015\ue017\ue019"


# the ends sealed where a formatted leaf's parent group has a delimiter
# beginning with a period or colon: citeproc-js merges that mark into the
# leaf's text only where the leaf sets no formatting ("Why?. P" for an
# italic title, "Why? P" for a plain one); a period after a period is
# still dropped ("Ed. P")
_DELIMITED_ENDS = frozenset("?!")
_LEAVES = frozenset(("text", "number", "label"))
# number variables whose formatted text citeproc-js treats as a number's:
# a period or delimiter after its "?" or "!" merges as after plain text
# ("5? P" for an italic volume "5?"; a locator or version keeps it)
_NUMERIC_TEXTS = NUMBER_VARIABLES | {"page-first"}


def _numeric_leaf(element, tag: str) -> bool:
    return tag == "number" or (tag == "text" and element.get("variable") in _NUMERIC_TEXTS)


def _sealable(element) -> frozenset | bool:
    """The ends of the element's text that are sealed (_SEALED_ENDS where
    the element is formatted and its parent joins it to the next text
    without a delimiter, a cs:choose passing its parent's on; _DELIMITED_ENDS
    where a formatted leaf's parent group has a delimiter beginning with a
    period or colon), or False."""
    from .speed_base import _FORMATTING

    tag = str(element.tag).rpartition("}")[2]
    if tag not in _SEALED_KINDS or not any(element.get(name) for name in _FORMATTING):
        return False
    parent = element.getparent()
    kind = ""
    while parent is not None:
        kind = str(parent.tag).rpartition("}")[2]
        if kind == "substitute":
            # its text stands for the cs:names: judged by where that is
            # (citeproc-js "Ed.. P" for an italic substitute then ". P")
            parent = parent.getparent()
            parent = parent.getparent() if parent is not None else None
        elif kind in _PASSED:
            parent = parent.getparent()
        else:
            break
    if parent is None:
        return False
    if kind == "layout" and element.get("display"):
        return False  # a display block's end merges: citeproc-js "Ed. P" in text
    if kind in _NO_DELIMITER_PARENTS or (kind == "group" and not parent.get("delimiter")):
        return _SEALED_ENDS
    if kind == "group" and parent.get("delimiter")[:1] in (".", ":") and tag in _LEAVES \
            and not (tag == "text" and element.get("macro")) and element.get("quotes") != "true" \
            and not _numeric_leaf(element, tag):
        return _DELIMITED_ENDS
    return False


def rich(text) -> bool:
    """Whether a text (its own formatting's tags aside) holds what makes
    citeproc-js read a value as rich text: quotes, apostrophes, the data's
    markup.  It then merges a formatted leaf's own period into its "?" as
    into plain text's ("What’s up? P", not "What’s up?. P")."""
    return _RICH_VALUE.search(_MARKUP.sub("", str(text))) is not None


# quotes, apostrophes and the data's formatting marks (richtext; not its
# literal "<", ">" and "&": "x & y?." stays plain for citeproc-js)
_RICH_VALUE = re.compile("['’‘\"“”\ue010-\ue019]")


def ends_in_stop(text) -> bool:
    """Whether a text ends in "?" or "!", closing markup (tags, the data's
    formatting marks) aside."""
    last = _last_character(text)
    if last == ">" or last in _DATA_CLOSING:
        last = _CLOSING.sub("", _tail(text, 48)[0]).rstrip(_DATA_CLOSING)[-1:]
    return last in _DELIMITED_ENDS


def _formatted_leaf(element) -> bool:
    """Whether the element is a cs:text (not a macro call), cs:number or
    cs:label that sets a formatting other than quotes: citeproc-js merges
    no mark of its own suffix, or of a delimiter after it, into its text."""
    from .speed_base import _FORMATTING

    tag = str(element.tag).rpartition("}")[2]
    return tag in _LEAVES and not (tag == "text" and element.get("macro")) \
        and element.get("quotes") != "true" and not _numeric_leaf(element, tag) \
        and any(element.get(name) for name in _FORMATTING)


def sealed(text, ends=_SEALED_ENDS):
    """``text`` (a sealable element's, wrapped) with FORMATTED_END after it
    where it ends in one of ``ends`` (not in a sort key)."""
    if text is None:
        return text
    last = _last_character(text)
    if last in _NAME_MARKS:  # a list marked for subsequent-author-substitute
        last = _tail(text, 8)[0].rstrip(_NAME_MARKS)[-1:]
    if last == ">" or last in _DATA_CLOSING:
        end = _CLOSING.sub("", _tail(text, 48)[0]).rstrip(_DATA_CLOSING)
        last = end[-1:]
    if last not in ends or (ends is _DELIMITED_ENDS and rich(text)):
        return text
    from citeproc.string import String

    from .sorting import active

    if active():
        return text
    SEALS.open += 1
    return text + String(FORMATTED_END)


class _Seals(threading.local):
    open = 0  # FORMATTED_ENDs put and not taken off since the entry began


SEALS = _Seals()


def unsealed(text):
    """``text`` without FORMATTED_END at its end: a group's, macro's or
    layout's text, whose last formatted child meets the parent's suffix and
    whatever follows the parent as unformatted text would.  (Callers first
    read SEALS.open: most texts have none to take off.)"""
    if not text or _last_character(text) != FORMATTED_END:
        return text
    SEALS.open -= 1
    if not isinstance(text, list):
        return type(text)(str(text)[:-1])
    from citeproc.string import String

    pieces = list(text)
    for index in range(len(pieces) - 1, -1, -1):
        piece = pieces[index]
        if not str(piece):
            continue
        if isinstance(piece, list):
            SEALS.open += 1  # (counted once, by the call below)
            pieces[index] = unsealed(piece)
        elif type(piece) in (str, String):
            pieces[index] = type(piece)(str(piece)[:-1])
        else:
            return text
        return type(text)(pieces)
    return text


def install_entry_reset() -> None:
    """Each cite and entry starts with no colon met (begin_entry), and
    with no text before a term (terms.begin_entry)."""
    from citeproc import model

    from . import terms

    render_children = model.Layout.render_children

    def layout_render_children(self, item, *args, **kwargs):
        begin_entry(item)
        terms.begin_entry(self)
        try:
            text = render_children(self, item, *args, **kwargs)
            return unsealed(text) if SEALS.open else text
        finally:
            end_entry()
            terms.end_entry()

    model.Layout.render_children = layout_render_children

    from .groups import suppressed_so_far

    def macro_render_children(self, item, *args, **kwargs):
        first = terms.state()
        text = model.Parent.render_children(self, item, *args, **kwargs)
        # (the macro's frame, which groups or direct.py opened)
        return macro_text(text, first, suppressed_so_far())

    model.Macro.render_children = macro_render_children


def macro_text(text, first, suppressed: bool):
    """A macro's children's text as its render_children gives it back:
    the first-term state ``first`` put back where the macro is
    ``suppressed`` (what it printed is not first), its last child's seal
    taken off, a nested quote marked.  macro_render_children and
    direct.py's call it."""
    if suppressed:
        terms.restore(first)
    if SEALS.open:
        text = unsealed(text)
    return mark_nested_quote(text) if text else text


def begin_entry(item=None) -> None:
    """A cite or entry starts rendering: no colon of the last one is met
    (Layout.render_children, and display's own loop over the layout); the
    item's reference is kept for _ends_in_number."""
    _COLON.last = _COLON.seen = None
    _COLON.reference = getattr(item, "reference", None)
    SEALS.open = 0


def end_entry() -> None:
    """The cite's or entry's children are done: its reference is not read
    for another element's text (a sort key's).  (The last colon stays for
    the layout's suffix.)"""
    _COLON.reference = None


def _formatted(element, string, strings) -> bool:
    """Whether the element sets a formatting, or its text ends in
    formatted text (a piece that is not plain)."""
    from .speed_base import _FORMATTING

    if any(element.get(name) for name in _FORMATTING):
        return True
    if not isinstance(string, list):
        return type(string) not in (str, strings.String)
    for piece in reversed(string):
        if str(piece):
            return type(piece) not in (str, strings.String)
    return False


class _Colon(threading.local):
    # (text, whether the mark absorbs a period, the element) of the latest
    # element whose suffix ended in ":" or ";"
    last: tuple | None = None
    # the same, formatted text and numbers too (how a delimiter's period meets it)
    seen: tuple | None = None
    # the reference of the cite or entry rendering (None: not known)
    reference: dict | None = None


_COLON = _Colon()


# CSL 1.0.2's number variables that citeproc-py's list lacks
_MORE_NUMBERS = frozenset(("page", "page_first", "locator", "part_number", "printing_number",
                           "supplement_number", "section", "version", "citation_number",
                           "first_reference_note_number", "chapter_number"))


def _meeting(model):
    """How a period from a suffix further out meets the colon or semicolon
    an element's suffix ends with, as citeproc-js merges them: a group, a
    macro call, a date, names or a number variable whose value is not numeric absorb it
    ("Signalhorn:", "2001:"); a field, term or label lets it in before
    ("Title.:"); a number stays as it is ("5:.": numeric, as is-numeric
    reads it).  None for the last."""
    from citeproc import NUMBERS

    absorbing = (model.Group, model.Date, model.Names)
    numbers = frozenset(NUMBERS) | _MORE_NUMBERS

    def meeting(element, string) -> bool | None:
        if isinstance(element, absorbing) or (
                isinstance(element, model.Text) and "macro" in element.attrib):
            # citeproc-js decides by the innermost text: a group or macro
            # ending in a number's digits keeps the period ("2014;5:." in
            # journal-of-evolution-and-health, a group of volume and issue)
            return None if _ends_in_number(element, string, model, numbers) else True
        variable = (element.get("variable") or "").replace("-", "_")
        if isinstance(element, model.Number) or variable in numbers:
            # a number keeps it; a value that is not one absorbs it
            # (human-reproduction: "7.2: Routledge", "A: Addison", "1:. Deutscher")
            # citeproc-js keeps it where the value's last number (after a
            # "-", "," or "&") is digits, letters before them only ("L2:.",
            # "7b-8:.", "7, 8:."; "7a: T", "2nd: T", "7-8a: T", "7.2: T");
            # an ordinal or roman form is read in the value it printed
            value = string
            if element.get("form") not in (None, "numeric") and _COLON.reference is not None:
                value = dict.get(_COLON.reference, variable) or string
            return None if _numbers_ending_in_digits(str(value)) else True
        return False
    return meeting


# A value citeproc-js reads as numbers: pieces (digits with letters glued
# to them, "L2", "7b"; or a roman numeral) joined by "-", "–", ",", "&",
# "and" or "of".  A word apart from its number ("Suppl 2", "No. 5", "S-1")
# makes it text.
_PIECE = r"(?:[A-Za-z]*[0-9][A-Za-z0-9]*|[ivxlcmIVXLCM]+)"
_NUMBERS = re.compile(
    rf"\s*{_PIECE}(?:\s*(?:[-\u2013]+|[,&]|\band\b|\bof\b)\s*{_PIECE})*(?:\s*[-\u2013]+)?\s*")
_DIGIT_END = re.compile(r"[0-9][-\u2013]*$")
_MARKUP = re.compile(r"<[^>]*>")


def _numbers_ending_in_digits(value: str) -> bool:
    """Whether a number before a colon keeps a delimiter's period: its value
    is numbers and ends in digits ("L2:.", "7b-8:.", "7, 8:."; "7a: T",
    "Suppl 2: T")."""
    if "<" in value:
        value = _MARKUP.sub("", value)  # HTML's formatting of the number
    value = value.strip()
    return bool(_NUMBERS.fullmatch(value) and _DIGIT_END.search(value))


def _ends_in_number(element, string, model, numbers) -> bool:
    """Whether a group's or macro's text ends in digits a number variable
    printed: of its leaves that print (in the order written, macros
    opened), the last is a number, and the text ends in a digit (a closing
    bracket aside)."""
    if isinstance(element, (model.Date, model.Names)):
        return False
    text = str(string).rstrip(")]")
    if not text or not text[-1].isdigit():
        return False
    last = None
    reference = _COLON.reference
    for leaf, conditional in _leaves(element, model):
        if reference is not None and _empty(leaf, reference):
            # it printed nothing, so the text ends in what is before it
            # (citeproc-js: "1907;" where the volume after the year is empty,
            # multidisciplinary-digital-publishing-institute)
            continue
        if isinstance(leaf, model.Number) or (
                isinstance(leaf, model.Text)
                and (leaf.get("variable") or "").replace("-", "_") in numbers):
            last = True
        elif isinstance(leaf, model.Date):
            last = False
        elif not conditional and isinstance(leaf, (model.Text, model.Names, model.Label)):
            # names, a label, a value, a term or another variable printed
            # after the number ("5 Group 7;", "5 see 2;": no period); one in
            # a cs:choose may be in a branch not taken, and is not counted
            last = False
    return bool(last)


# variables a reference lacks that the engine computes (or the cite holds)
_COMPUTED = frozenset(("citation_number", "locator", "first_reference_note_number", "page_first",
                       "year_suffix", "citation_label"))


def _empty(leaf, reference: dict) -> bool:
    """Whether a leaf names variables, none of which the reference has."""
    variables = leaf.get("variable")
    if not variables:
        return False
    return not any(name in _COMPUTED or dict.__contains__(reference, name)
                   for name in variables.replace("-", "_").split())


def _leaves(element, model, depth: int = 0, conditional: bool = False):
    """The elements under ``element`` in the order written, a macro's
    contents in place of its call, a cs:names' substitute but not its name
    parts (a bounded depth guards a macro that calls itself); with each,
    whether it is inside a cs:choose."""
    if depth > 20:
        return
    if isinstance(element, model.Text) and "macro" in element.attrib:
        yield from _leaves(element.get_macro(element.get("macro")), model, depth + 1, conditional)
        return
    yield element, conditional
    conditional = conditional or isinstance(element, model.Choose)
    names = isinstance(element, model.Names)
    for child in element:
        if not names or isinstance(child, model.Substitute):
            yield from _leaves(child, model, depth + 1, conditional)


# a character reference or entity at the end of a text ("&#8212;", "&amp;")
_ENTITY_END = re.compile(r"&#?\w+;$")


def colon_met() -> tuple | None:
    """The latest colon or semicolon an element's suffix ended with (see
    _Colon.seen), for a group to read after each child it renders."""
    return _COLON.seen


def period_delimiter_on_colon(group, text, met: tuple | None, strings) -> tuple | None:
    """How a group's delimiter that begins with a period meets the colon or
    semicolon its child's ``text`` ends in, as citeproc-js merges them:
    (the text, whether the period is kept), None where the text does not
    end so.  ``met`` is the colon or semicolon an element's suffix ended
    the text with (recorded just after the child rendered), None where it
    is the data's.  The data's absorbs the period ("T; P"); so does an
    element's inside the child (a group, a macro, a cs:choose's branch)
    where it is a date's, names', a group's or a number variable's without
    digits ("1877; P" in human-reproduction, "A: P"), while a field's, a
    term's or a label's lets it in before ("T.; P"), and a number's keeps it
    ("1:. P"); the child's own suffix keeps it too ("1877;. P").  A kept
    period is marked (LITERAL), so that finishing does not move it before
    the colon."""
    if _last_character(text) not in ":;":
        return None
    if met is None:
        if _ENTITY_END.search(_tail(text, 12)[0]):
            return None  # an entity's ";" (a subsequent-author-substitute "&#8212;"), no mark
        return text, False
    if not str(_tail(text, len(met[0]))[0]).endswith(met[0]):
        return None  # (changed since: a year-suffix after the year, "2001a;. P")
    kind, element = met[1], met[2]
    parent = element.getparent()
    while parent is not None and str(parent.tag).rpartition("}")[2] in _PASSED:
        parent = parent.getparent()
    if parent is group or kind is None:
        return text, True
    if kind:
        return text, False
    moved = _period_before_last(text, strings)
    return (text, True) if moved is None else (moved, False)


def _period_on_colon(element, string, suffix: str, strings):
    """A suffix's period met by the colon or semicolon an element's suffix
    ended the text with, as citeproc-js merges the two where they meet in
    its tree (_meeting: "Signalhorn:" in terra-nova, "Title.:"); a colon of
    the data itself stays ("1:.").  None: not such a meeting."""
    last = _COLON.last
    if last is None:
        return None
    text, absorbs = last[0], last[1]
    if _last_character(string) not in ":;" or not str(_tail(string, len(text))[0]).endswith(text):
        return None
    if not absorbs:
        string = _period_before_last(string, strings)
        if string is None:
            return None
    prefix = element.get("prefix", "")
    head = prefix + strings.normalize_seam(prefix, string)
    return head + strings.normalize_seam(head, suffix[1:])


def _period_before_last(string, strings):
    """``string`` with a period put before its last character and the
    spaces before it ("P. :" for "P :", as citeproc-js lets it in before
    a suffix " :"); None where that character is not in plain text."""
    if not isinstance(string, list):
        plain = str(string)
        return type(string)(_period_before_mark(plain)) if isinstance(string, str) else None
    pieces = list(string)
    for index in range(len(pieces) - 1, -1, -1):
        piece = pieces[index]
        if not str(piece):
            continue
        if type(piece) not in (str, strings.String):
            return None
        pieces[index] = strings.String(_period_before_mark(str(piece)))
        return strings.MixedString(pieces)
    return None


def _period_before_mark(plain: str) -> str:
    # any white space, a no-break space's too ("Paris.\u00a0:")
    at = len(plain) - 1
    while at > 0 and plain[at - 1].isspace():
        at -= 1
    return plain[:at] + "." + plain[at:]


def _moved(string, mark: str, strings):
    """suffix_into_quotes on a string or citeproc's MixedString, whose
    plain pieces at the end are joined to one (None when the end is not
    plain text, or does not end in a quote and punctuation)."""
    if isinstance(string, str):
        moved = suffix_into_quotes(str(string), mark)
        return type(string)(moved) if moved is not None else None
    leaves = _pieces(string, strings)
    for count, tail in _plain_tails(leaves, strings):
        found = _QUOTE_THEN_PUNCTUATION.search(tail)
        if found is not None and found.start() > 0:
            moved = suffix_into_quotes(tail, mark)
            if moved is None:
                return None
            return strings.MixedString(leaves[:-count] + [strings.String(moved)])
    return None


# richtext's marks closing the data's formatting, and a closing tag
_CLOSING_MARKUP = frozenset("\ue011\ue013\ue015\ue017\ue019")
_CLOSING_TAG = re.compile(r"</[a-z]+>$")
_QUOTE_CLOSING: dict = {}  # id(style root) -> (root, its closing quote or None: no punctuation moves in)


def closing_quote(element) -> str | None:
    """The closing quote of the element's locale where punctuation goes
    inside quotes (None where it stays out)."""
    root = element.getroottree().getroot()
    hit = _QUOTE_CLOSING.get(id(root))
    if hit is None or hit[0] is not root:
        inside = element.get_locale_option("punctuation-in-quote").lower() == "true"
        quote = str(element.get_single_term("close-quote")) if inside else ""
        hit = _QUOTE_CLOSING[id(root)] = (root, quote[-1:] or None)
    return hit[1]


def _pieces(text, strings) -> list:
    """The pieces of a string or citeproc's MixedString, nested ones flattened."""
    leaves: list = []
    stack = [text]
    while stack:
        piece = stack.pop()
        if isinstance(piece, list) and type(piece) is strings.MixedString:
            stack.extend(reversed(piece))
        else:
            leaves.append(piece)
    return leaves


def enters_quote(mark: str, closing: str, text) -> bool:
    """Whether ``mark`` after the ``closing`` quote ``text`` ends with goes
    in here: after a quote finishing does not know (»Title,«), or a comma
    after a quoted period ("Title.,"); finishing moves the others."""
    return closing not in _FINISHED_QUOTES \
        or (mark == "," and str(_tail(text, 2)[0])[-2:-1] == ".")


def into_quote(text, mark: str, closing: str, strings):
    """``text`` (a string or citeproc's MixedString) with ``mark`` merged
    in before the closing quote it ends with (None where that quote ends
    formatted text, or follows one of the render's private marks)."""
    leaves = _pieces(text, strings)
    tail, count = "", 0
    for leaf in reversed(leaves):  # the plain pieces that end the text, joined
        if len(tail) > 1:
            break
        if type(leaf) not in (str, strings.String):
            return None
        tail, count = str(leaf) + tail, count + 1
    body = tail[:-1]
    if not body:
        return None
    if body[-1] in _CLOSING_MARKUP or (body.endswith(">") and _CLOSING_TAG.search(body)):
        moved = body + mark + closing  # after the data's formatting: "<i>E. coli</i>,«"
    elif body[-1] == ">" or "\ue000" <= body[-1] <= "\uf8ff":
        return None
    else:
        moved = merge_marks(body, mark) + closing
    if isinstance(text, list):
        return strings.MixedString(leaves[:len(leaves) - count] + [strings.String(moved)])
    return type(text)(moved)


def prefix_on_colon(group, text, following, met: tuple | None, strings) -> tuple | None:
    """How the punctuation mark a next text begins with (a prefix's, which
    citeproc-js moves up to the sibling before it in a group without a
    delimiter) meets the colon or semicolon ``text`` ends in, where the two
    merge into one mark (";" and ":" into ";", ":" and "." into ":"):
    (the text, the next text), None where nothing changes.  ``met`` is the
    colon or semicolon an element's suffix ended the text with (None: the
    data's).  A suffix of the group's own child (a cs:choose between), a
    group's, a macro's, a date's or names' (punctuation._meeting), or the
    data's, takes the mark in ("1993;A1–4" in the Vancouver styles'
    newspaper articles without a volume, "5: P"); a field's, term's or
    label's nested deeper lets it in before ("Title:;", "Title.: P"); a
    number's keeps both ("5;:A1", "5:. P", the period marked so that
    finishing does not move it before the colon)."""
    mark = _first_character(following)
    colon = _last_character(text)
    if colon not in ":;" or mark not in _MERGED or mark == colon:
        return None
    merged = _MERGED[colon].get(mark)
    if merged is None or len(merged) != 1:
        return None
    if met is None:
        if _ENTITY_END.search(_tail(text, 12)[0]):
            return None  # an entity's ";" (a subsequent-author-substitute "&#8212;")
        kind = True
    elif not str(_tail(text, len(met[0]))[0]).endswith(met[0]):
        return None  # (changed since: a year-suffix after the year)
    else:
        kind, element = met[1], met[2]
        parent = element.getparent()
        while parent is not None and str(parent.tag).rpartition("}")[2] in _PASSED:
            parent = parent.getparent()
        if parent is group:
            kind = True  # met beside it: merged with the suffix itself
    rest = strings._strip_first_char(following)
    if kind is None:
        return (text, LITERAL + mark + rest) if mark == "." else None
    if kind:
        changed = _end_changed(text, lambda end: end[:-1] + merged, strings)
    else:
        changed = _end_changed(text, lambda end: merge_marks(end[:-1], mark) + end[-1], strings)
    return None if changed is None else (changed, rest)


def _end_changed(string, change, strings):
    """``string`` (a string or citeproc's MixedString) with ``change`` made
    to its end (a few characters of plain text at least, the pieces that
    hold them joined); None where its end is not plain text."""
    if not isinstance(string, list):
        return type(string)(change(str(string))) if isinstance(string, str) else None
    leaves = _pieces(string, strings)
    count, tail = 0, ""
    for found in _plain_tails(leaves, strings):
        count, tail = found
        if len(tail) > 2:
            break
    else:
        if count < len(leaves):
            return None  # a leaf that is not plain text before enough was read
    return strings.MixedString(leaves[:-count] + [strings.String(change(tail))])


def _plain_tails(leaves: list, strings):
    """The plain text at the end of ``leaves``, one leaf more at a time:
    (how many leaves, their text), until a leaf that is not plain text."""
    tail = ""
    for count in range(1, len(leaves) + 1):
        leaf = leaves[-count]
        if type(leaf) not in (str, strings.String):
            return
        tail = str(leaf) + tail
        yield count, tail
