"""Groups and substitution: what is printed, and what is suppressed.

Both patches follow the rendering as it descends: which variables a group
called and whether they gave text, what a cs:substitute printed.  That is
call-stack state, kept per thread and empty between renders."""
from __future__ import annotations

import threading

from . import terms
from .author_substitute import _STATE as _SUBSTITUTE
from .author_substitute import NAMES_END, NOT_FIRST
from .punctuation import (
    _INTO_QUOTES,
    LITERAL,
    SEALS,
    closing_quote,
    colon_met,
    ends_in_stop,
    enters_quote,
    into_quote,
    period_delimiter_on_colon,
    prefix_on_colon,
    unlocked,
    unsealed,
)
from .quote_marks import mark_nested_quote
from .string_ends import first_character as _first_of
from .string_ends import last_character as _last_of


class _Trace(threading.local):
    def __init__(self):
        # per open cs:group: [a variable was called, a called variable gave text]
        self.frames: list[list[bool]] = []
        # per open cs:substitute: (tag, variable) of what it rendered
        self.collecting: list[list[tuple[str, str]]] = []
        # the cs:names whose substitute printed text, not names (its markup is next)
        self.text_substitute = None
        # the cs:names whose substitute printed anything (its markup is next)
        self.substituted = None
        # per open cs:substitute: whether a cs:names inheriting the
        # substituted one's (inherits) printed text
        self.inheriting: list[bool] = []


_TRACE = _Trace()


def install() -> None:
    from citeproc import model

    _patch_group(model)
    _patch_substitution(model)
    _patch_substituted_suffix(model)


def _patch_group(model) -> None:
    """CSL 1.0.2: a group is suppressed when it calls variables and all of
    them are empty.  citeproc-py counts text from a term inside a choose as a
    rendered variable, which leaves "Preprint at." or "[Online]." behind.
    Variable calls are tracked as they happen, so only the branches a choose
    takes count; citeproc-py's own test, which looks at the elements and
    not at what ran, is not applied (it suppressed "In" beside a macro
    whose choose called nothing: alcohol-and-alcoholism's "In." for books).
    (bugreports_LegislationCrash, bugreports_NoTitle,
    magic_SuppressDuplicateVariableRendering, with the substitution patch)"""
    for leaf in (model.Text, model.Number, model.Date, model.Names):
        _track_leaf(leaf, model)

    def process(self, item, context=None, **kwargs):
        frames = _TRACE.frames
        frames.append([False, False])
        printed, first = _SUBSTITUTE.printed, terms.state()
        met = colon_marks(self)
        try:
            output = _group_children(self, item, context, kwargs, model, met)
        finally:
            called, rendered = frames.pop()
            if frames:
                _close_into(frames[-1], called, rendered)
        if not output or (called and not rendered):
            # suppressed: None, which every caller of a group's render
            # skips as it skips VariableError, without raising and
            # catching (17,000 for 1,000 APA entries); what it printed
            # is taken back (author_substitute._watch_printed)
            _SUBSTITUTE.printed = printed
            terms.restore(first)  # what it printed does not come first
            return None
        if frames:
            # a group that printed counts as printed text for its parent, as
            # in citeproc-js: IEEE's "[Online]" beside an empty "Accessed" group
            frames[-1][1] = True
        return group_text(_join(self, output, met))

    model.Group.process = process


def colon_marks(group) -> list | None:
    """The list a group collects the colon or semicolon each child ended
    in (punctuation.colon_met) into, for its delimiter's period to meet
    (_colon_seams), or the next child's prefix where it has no delimiter
    (_prefix_seams); None where its delimiter begins with another mark.
    The group's process and direct.py's call it."""
    delimiter = group.get("delimiter", "")
    return [] if not delimiter or delimiter[0] == "." else None


def group_text(joined):
    """A group's joined text as its process gives it back: unlocked, its
    last child's seal taken off, a nested quote marked.  The group's
    process and direct.py's call it."""
    text = unlocked(joined)
    return mark_nested_quote(unsealed(text) if SEALS.open else text)


def _join(group, output: list, met: list | None = None):
    """The group's texts joined by its delimiter.  Where the locale puts
    punctuation inside quotes, a delimiter's leading period or comma that
    meets a quote a child's text ends with goes inside it, merged with the
    quoted text's own mark as citeproc-js merges them ("Immunity.,",
    "Immunity?,") and whatever the locale's closing quote is (»Title,«);
    so does a next text's leading mark (a prefix ". ") where finishing
    would not move it: after a quote it does not know (»Title.« P), or a
    comma after a quoted period ("Title.," P).  A suffix after the quote
    (the text then ends in it) is left to punctuation's wrap and
    finishing, which keep a comma out after a period moved in
    ("Signalhorn.",)."""
    delimiter = group.get("delimiter", "")
    if met and not delimiter and len(output) > 1:
        output = _prefix_seams(group, output, met)
    seams = _colon_seams(group, output, met, delimiter) if met and delimiter and len(output) > 1 \
        else None
    if delimiter[:1] == ":" and len(output) > 1:
        seams = _colon_after_stops(output, delimiter)
    closing = None
    if len(output) < 2 or (delimiter and delimiter[0] not in _INTO_QUOTES) \
            or not any(_last_character(text) in _CLOSERS for text in output[:-1]):
        if seams is None:
            return group.join(output)  # (no text ends in a quote: the common case, read first)
    else:
        closing = closing_quote(group)
        if closing is None or not any(_last_character(text) == closing for text in output[:-1]):
            if seams is None:
                return group.join(output)
            closing = None
    from citeproc import string as strings

    if seams is not None:
        output, seams = seams
    joined = output[0]
    for index, text in enumerate(output[1:]):
        seam = seams[index] if seams is not None else delimiter
        if closing is not None and _last_character(joined) == closing \
                and _closes_a_quote(str(joined), closing):
            if delimiter:
                moved = into_quote(joined, delimiter[0], closing, strings)
                if moved is not None:
                    joined, seam = moved, delimiter[1:]
            elif (first := _first_character(text)) in _INTO_QUOTES \
                    and enters_quote(first, closing, joined):
                # the next text's prefix: ». P« after »Title«
                moved = into_quote(joined, first, closing, strings)
                if moved is not None:
                    joined, text = moved, strings._strip_first_char(text)
        joined = joined + strings.normalize_seam(joined, seam)
        joined = joined + strings.normalize_seam(joined, text)
    return joined


# the closing quotes a locale may have (German styles close with “)
_CLOSERS = frozenset("”’»›«‹“‘\"")
# the marks that open what each closes ("„…“" in German, "»…«" and "«…»")
_OPENERS = {"’": "‘‚", "”": "“„", "»": "«", "«": "»", "›": "‹", "‹": "›", "“": "„", "‘": "‚",
            '"': '"'}


def _colon_seams(group, output: list, met: list, delimiter: str) -> tuple | None:
    """(the texts, the delimiter after each) where a delimiter's period
    meets a colon or semicolon a child's text ends in, as citeproc-js
    merges them (punctuation.period_delimiter_on_colon); None where none does."""
    from citeproc import string as strings

    texts, seams, changed = list(output), [delimiter] * (len(output) - 1), False
    for index in range(len(output) - 1):
        meeting = period_delimiter_on_colon(group, output[index], met[index], strings)
        if meeting is not None:
            texts[index] = meeting[0]
            seams[index] = LITERAL + delimiter if meeting[1] else delimiter[1:]
            changed = True
    return (texts, seams) if changed else None


def _colon_after_stops(output: list, delimiter: str) -> tuple | None:
    """(the texts, the delimiter after each) where a delimiter's colon
    follows a text ending in "?" or "!" (closing markup aside): citeproc-js
    merges it into that mark ("Why? P" for delimiter ": "), except after a
    formatted leaf, whose text is sealed (punctuation._sealable); None where
    none does."""
    seams = [delimiter] * (len(output) - 1)
    changed = False
    for index in range(len(output) - 1):
        if ends_in_stop(output[index]):
            seams[index], changed = delimiter[1:], True
    return (list(output), seams) if changed else None


def _prefix_seams(group, output: list, met: list) -> list:
    """The texts of a group without a delimiter, where a text's leading mark
    (a prefix's) meets the colon or semicolon the text before ends in, as
    citeproc-js merges them (punctuation.prefix_on_colon)."""
    from citeproc import string as strings

    texts = list(output)
    for index in range(len(texts) - 1):
        meeting = prefix_on_colon(group, texts[index], texts[index + 1], met[index], strings)
        if meeting is not None:
            texts[index], texts[index + 1] = meeting
    return texts


def _closes_a_quote(text: str, closing: str) -> bool:
    """Whether the closing mark ``text`` ends with closes a quote opened
    before it: "The Smiths’" ends in an apostrophe, and a delimiter stays
    out after it ("The Smiths’. P", as citeproc-js prints it)."""
    return any(opener in text[:-1] for opener in _OPENERS.get(closing, ""))


def _first_character(value) -> str:
    return _first_of(value) if not isinstance(value, int) else ""


def _last_character(value) -> str:
    return _last_of(value) if not isinstance(value, int) else ""


def _group_children(group, item, context, kwargs, model, met: list | None = None) -> list:
    """The texts of a group's children (a cs:choose's branch gets the
    group's delimiter, as citeproc-py passes it); with ``met``, the
    colon or semicolon each ended in (punctuation.colon_met) is added to it."""
    output = []
    delimiter = group.get("delimiter", "")
    Choose, VariableError = model.Choose, model.VariableError
    for child in group.getchildren():  # a list: cheaper than an iterator
        try:
            if isinstance(child, Choose):
                text = child.render(item, context=context, delimiter=delimiter, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except VariableError:
            continue
        if text is not None:
            output.append(text)
            if met is not None:
                met.append(colon_met())
    return output


def _track_leaf(cls, model) -> None:
    from .speed import memo_table

    original = cls.render
    called = memo_table()  # element's id -> (element, its variable, its macro)

    def render(self, item, *args, **kwargs):
        hit = called.get(id(self))
        if hit is None or hit[0] is not self:
            hit = called[id(self)] = (self, self.get("variable"),
                                      self.get("macro") if cls is model.Text else None)
        variable, macro = hit[1], hit[2]
        if variable and _already_substituted(self, variable, kwargs.get("context")):
            if _TRACE.frames:
                _TRACE.frames[-1][0] = True  # called, and empty here
            raise model.VariableError  # already printed as a substitute
        # year-suffix appears only when disambiguation adds one; citeproc-js
        # and pandoc do not let its absence suppress a group: citeproc-js
        # counts it as printed, in its group and the groups around ("No
        # Date" after an empty year's group in university-of-zabol)
        if (not variable and not macro) or variable == "year-suffix":
            if variable and _TRACE.frames:
                _TRACE.frames[-1][1] = True
            return original(self, item, *args, **kwargs)
        frames, collecting = _TRACE.frames, _TRACE.collecting
        if macro:
            return _render_macro(original, self, item, args, kwargs)
        if not frames:
            text = original(self, item, *args, **kwargs)
            if text:
                if variable != "citation-number":
                    terms.printed()  # not a term first
                if variable and collecting:
                    collecting[-1].append((self.tag, variable))
            return text
        frame = frames[-1]
        frame[0] = True
        text = original(self, item, *args, **kwargs)  # VariableError passes up
        if text:
            frame[1] = True
            if variable != "citation-number":
                terms.printed()
            if collecting:
                collecting[-1].append((self.tag, variable))
        return text

    cls.render = render


def _render_macro(original, element, item, args, kwargs):
    """A macro is suppressed, as a group is, when it calls variables and
    all are empty (citeproc-js: no "(translated by )" without a
    translator); for its group it counts as one variable, there if it
    gives text."""
    frames = _TRACE.frames
    frames.append([False, False])
    printed = _SUBSTITUTE.printed
    try:
        text = original(element, item, *args, **kwargs)
    finally:
        called, rendered = frames.pop()
    if called and not rendered:
        text = None
        _SUBSTITUTE.printed = printed
    if frames:
        _close_into(frames[-1], called, bool(text))
    return unlocked(text) if text else text


def suppressed_so_far() -> bool:
    """Whether the innermost group or macro rendering has called variables
    and none of them gave text: as it ends, it is suppressed."""
    frames = _TRACE.frames
    return bool(frames) and frames[-1][0] and not frames[-1][1]


def _close_into(parent: list[bool], called: bool, rendered: bool) -> None:
    """A group or macro closes into the group around it.  As citeproc-js
    does, one that called no variable clears its parent's record of empty
    calls before it: "P. in:" is printed beside an empty page when a macro
    that called nothing follows (a macro or group that called nothing
    before the empty page does not save the group).  Found with small
    styles run through both processors; clays-and-clay-minerals,
    alcohol-and-alcoholism."""
    parent[0] = called
    parent[1] |= rendered


def _repressed(element, variable: str, context) -> bool:
    """Whether ``variable`` was printed as a substitute already, asked by
    direct.py's shortcuts, whose empty cs:names (one without a substitute)
    goes no further: a cs:names called keeps a term after it as it is
    (terms; Names.process does it on the long way)."""
    if element.tag.endswith("names"):
        terms.printed()
    return _already_substituted(element, variable, context)


def _already_substituted(element, variable: str, context) -> bool:
    try:
        layout = (context if context is not None else element).get_layout()
    except (IndexError, AttributeError):
        return False
    repressed = getattr(layout, "repressed", None) or {}
    return variable in repressed.get(element.tag, ())


def _patch_substitution(model) -> None:
    """CSL: what a cs:substitute renders is not rendered again in the same
    entry (an editor standing in for the author is not repeated as editor;
    a title standing in is not repeated as title).  citeproc-py only
    remembers a directly named text variable and only text elements check.
    (nlm-citation-sequence-brackets-year-only-no-issue: "Matuz R, editor"
    again after the title, where <names variable="editor translator">
    stood in for the author.)"""
    from citeproc.source import VariableError

    substitute = model.Substitute.render

    def render(self, item, context=None, **kwargs):
        _TRACE.collecting.append([])
        _TRACE.inheriting.append(False)
        try:
            text = substitute(self, item, context=context, **kwargs)
        finally:
            rendered = _TRACE.collecting.pop()
            inheriting = _TRACE.inheriting.pop()
        if text:
            layout = (context if context is not None else self).get_layout()
            for tag, variable in rendered:
                # each variable of a cs:names of several ("editor translator"):
                # citeproc-js prints none of them again
                layout.repressed.setdefault(tag, []).extend(variable.split())
            if not inheriting:
                # a text, or a cs:names of its own (with a cs:name, or in a
                # macro), printed: without the substituted one's markup
                _TRACE.text_substitute = self.getparent()
            _TRACE.substituted = self.getparent()
        return text

    model.Substitute.render = render

    names = model.Names.process

    def process(self, item, names_context=None, context=None, **kwargs):
        try:
            layout = (context if context is not None else self).get_layout()
            repressed = layout.repressed.get(self.tag, [])
            if repressed and any(v in repressed for v in self.get("variable", "").split()):
                raise VariableError
            text = names(self, item, names_context=names_context, context=context, **kwargs)
            if text and _TRACE.inheriting and inherits(self):
                _TRACE.inheriting[-1] = True
            return text
        finally:
            terms.printed()  # called, printed or not: "in T" after no editor (terms)

    model.Names.process = process


_INHERITS: dict = {}  # cs:names' id -> (element, whether it inherits)


def inherits(names) -> bool:
    """Whether a cs:names is printed by the cs:names it substitutes for, as
    citeproc-js prints it: one without a cs:name inside a cs:substitute (in
    the style as written: one in a macro has a cs:name added).  That one's
    affixes and formatting go around it, not its own: "(Ann Roe)" for an
    outer prefix "(" and an inner "x"; where a cs:names with a cs:name of
    its own, or one in a macro, stands in, only its own ("[Ann Roe]", not
    "([Ann Roe])"; glossa, harvard-york-st-john-university and 16 more
    catalogue styles put affixes on such a cs:names)."""
    hit = _INHERITS.get(id(names))
    if hit is None or hit[0] is not names:
        own = names.find("{http://purl.org/net/xbiblio/csl}name") is not None
        hit = _INHERITS[id(names)] = (names, not own and bool(
            names.xpath_search("./ancestor::cs:substitute")))
    return hit[1]


def _patch_substituted_suffix(model) -> None:
    """A cs:names whose substitute printed a cs:text has none of its
    affixes and formatting; one whose substitute printed the same suffix does not add it
    again ("Matuz, R: Contemporary", not "Matuz, R: : Contemporary", when
    editor and publisher stand in with the author's ": "), as citeproc-js
    prints it; names of its own ending so, with a label's ")", get it
    ("(R. D. Hicks (Editor))", environmental-and-engineering-geoscience).
    The subsequent-author-substitute string is not such a suffix: "———: "
    gets the names' ": " after it (jahrbuch-fur-evangelikale-theologie:
    "———: : Title", as citeproc-js prints it)."""
    original = model.Names.markup
    replaced = NOT_FIRST + NAMES_END  # author_substitute's mark of its string

    def markup(self, text):
        if text and inherits(self):
            return text  # the substituted cs:names' markup goes around it
        if _TRACE.text_substitute is self:
            # citeproc-js prints a cs:text standing in for the names without
            # the names' affixes and formatting (uniwersytet-kardynala-
            # stefana-wyszynskiego-w-warszawie-autor-rok: "Chicago, Ill. 2003",
            # not "Ill., 2003", where the title macro stands in before ",")
            _TRACE.text_substitute = None
            if _TRACE.substituted is self:
                _TRACE.substituted = None  # or the next entry's own names would count as substituted
            return text or None
        substituted = _TRACE.substituted is self
        if substituted:
            _TRACE.substituted = None
        suffix = self.get("suffix", "")
        if substituted and text and suffix.strip() and not isinstance(text, int) \
                and str(text).endswith(suffix) and not str(text).startswith(replaced):
            return self.get("prefix", "") + self.format(text)
        return original(self, text)

    model.Names.markup = markup
