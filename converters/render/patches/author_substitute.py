"""subsequent-author-substitute as citeproc-js applies it: the output of an
entry's first cs:names element (its names, or what cs:substitute printed
in their place; a label stays) is compared with the previous entry's, and
when they are the same it is replaced by the substitute string
("complete-each": every name is).  The text-level pass in finishing
guessed where the names end from the data, and missed lists cut by et al.,
a literal name equal to a family name, and titles standing in for names.
(fullstyles_ChicagoAuthorDateSimple, name_SubstitutePartialEach,
name_SubsequentAuthorSubstituteSingleField, sort_ChicagoYearSuffix1 and 2)

The rules "partial-each" and "partial-first" compare the names one by one,
from the first up to the first that differs, and replace each that matches
(partial-first: the first only); "complete-each" replaces each name when
all match: "——— and ——— (2004b)", "———, D Barabé, and RV Jean" as
citeproc-js prints them in journal-of-retailing (partial-each), where the
whole list was replaced or nothing.  (name_SubstitutePartialEach)
"""
from __future__ import annotations

import re
import threading

from . import sorting


class _State(threading.local):
    def __init__(self) -> None:
        self.first = False      # the entry's first cs:names is still to come
        self.capturing = False  # the names printed are being collected
        self.captured: list = []
        self.persons: list = []  # each name of the captured lists, as printed
        self.data: list = []  # each of those names' parts, as citeproc-js compares them
        self.printed = False    # the entry printed text before its first cs:names
        self.variable = False   # cs:substitute printed a variable (not only terms)


_STATE = _State()


def install() -> None:
    from citeproc import model

    render_bibliography = model.Layout.render_bibliography

    def one_entry_at_a_time(self, citation_items):
        substitute = self.getparent().get("subsequent-author-substitute")
        if substitute is None:
            return render_bibliography(self, citation_items)
        out = []
        for item in citation_items:
            _after_previous(self, item, render_bibliography)
            _STATE.first, _STATE.printed = True, False
            try:
                out.extend(render_bibliography(self, [item]))
            finally:
                _STATE.first = False
            vars(item.citation.bibliography)["bibconv_last_rendered"] = item.key
        return out

    model.Layout.render_bibliography = one_entry_at_a_time
    name_render = model.Name.render

    def capture(self, *args, **kwargs):
        text = name_render(self, *args, **kwargs)
        if _STATE.capturing and text:
            _STATE.captured.append(str(text))
            _STATE.capturing = False
            try:
                persons = _persons(self, name_render, args, kwargs)
                shown = _shown(persons, str(text))
                _STATE.persons += [persons[i] for i in shown]
                _STATE.data += _data(args, shown)
            finally:
                _STATE.capturing = True
        return text

    model.Name.render = capture
    _patch_names(model)
    _watch_printed(model)


# what citeproc-js's citation number is: a number object, not printed text
_NOT_TEXT = ("citation-number", "year-suffix")


def _watch_printed(model) -> None:
    """citeproc-js substitutes only names that are the first text an entry
    prints: any string before them (a title, a term, a date, even "*") turns
    the substitute off for the entry, and its names are not compared with
    the next entry's (a group or macro printing nothing takes its text back:
    groups.py).  Affixes are not printed text, nor is the citation number, a
    number object there (serdica-journal-of-computing: "[2] ———";
    art-libraries-society-of-north-america-arlisna-reviews: "Title, by
    Name")."""
    from .hooks import after_render

    def printed(self, text, item, kwargs):
        if text and _STATE.first and not sorting.sorts(kwargs.get("sort_options")):
            _STATE.printed = True
        if text and _STATE.capturing and self.get("variable"):
            _STATE.variable = True
        return text

    for cls in (model.Text, model.Date, model.Number, model.Label):
        after_render(cls, printed, _watched)


def _watched(element) -> bool:
    """An element that may print before an entry's names, in the
    bibliography of a style with subsequent-author-substitute (no other
    element gets the hook: the others keep their direct renderers)."""
    if element.get("variable") in _NOT_TEXT:
        return False
    bibliography = element.get_root().find("{*}bibliography")
    return bibliography is not None and bibliography.get("subsequent-author-substitute") is not None


# Each name printed alone: the list joined by a delimiter no name holds
# (a private-use character: it is also set as the cs:name's own delimiter,
# which an XML attribute must be able to hold), without "and" and et al.
_SPLIT = "\ue02e"
_APART = {"delimiter": _SPLIT, "and": None, "et-al-min": "100000",
          "et-al-subsequent-min": "100000"}


def _persons(name, name_render, args, kwargs) -> list[str]:
    """The names a cs:name prints, one string each (for the partial rules)."""
    if len(args) < 2 or sorting.sorts(kwargs.get("sort_options")):
        return []
    item, variable = args[0], args[1]
    try:
        if name.get("delimiter") is None:
            text = name_render(name, item, variable, context=kwargs.get("context"),
                               sort_options=dict(_APART))
        else:
            # citeproc-py joins the names with the cs:name's own delimiter
            # whatever the options say: it is set for the call
            # (monographs-of-the-palaeontographical-society, partial-each:
            # "———, Barabé, D. & Jean, R." after "Adler, I.")
            from .speed_base import name_attributes_set

            with name_attributes_set(name, {"delimiter": _SPLIT}):
                text = name_render(name, item, variable, context=kwargs.get("context"),
                                   sort_options=dict(_APART))
    except Exception:
        return []
    return [part.strip() for part in str(text or "").split(_SPLIT)]


def _shown(persons: list[str], printed: str) -> list[int]:
    """The indexes of the persons the list printed shows, in order (those
    before et al., and the last after an et-al-use-last ellipsis):
    citeproc-js compares the names shown, not et al. ("Smith et al." is the
    same author as "Smith" where et-al-use-first is 1)."""
    shown: list[int] = []
    cursor = 0
    for index, person in enumerate(persons):
        at = printed.find(_bare(person), cursor)
        if at < 0:
            break
        shown.append(index)
        cursor = at + len(_bare(person))
    if len(shown) < len(persons) - 1 and printed.find(_bare(persons[-1]), cursor) >= 0:
        shown.append(len(persons) - 1)
    return shown


# the name parts citeproc-js joins, in this order, to compare two names
_PARTS = ("non-dropping-particle", "family", "given", "dropping-particle", "suffix", "literal")


def _data(args, shown: list[int]) -> list[str]:
    """The names at the indexes ``shown`` as citeproc-js compares them: their
    parts joined, not as printed ("Hofle, M." for given names "M" and "MG"
    where initialize-with leaves one initial is no subsequent author:
    international-development-policy)."""
    try:
        people = args[0].reference.get(args[1]) or []
        return ["".join(str(people[i].get(part) or "") for part in _PARTS) for i in shown]
    except (AttributeError, IndexError, TypeError):
        return []


def _bare(person: str) -> str:
    """A person as printed without names.py's marks of the list's ends."""
    return person.strip(_LIST_MARKS)


def _after_previous(layout, item, render_bibliography) -> None:
    """Entries rendered in slices (forked workers) start where the previous
    entry's names are unknown: that entry is rendered first, unprinted."""
    owner = item.citation.bibliography
    keys = list(getattr(owner, "keys", []))
    positions = vars(owner).setdefault("bibconv_positions",
                                       {key: i for i, key in enumerate(keys)})
    position = positions.get(item.key, 0)
    if position == 0 or vars(owner).get("bibconv_last_rendered") == keys[position - 1]:
        return
    previous = next((i for i in owner.items if i.key == keys[position - 1]), None)
    if previous is None:
        return
    _STATE.first = True
    try:
        render_bibliography(layout, [previous])
    finally:
        _STATE.first = False
    vars(owner)["bibconv_last_rendered"] = previous.key


def _patch_names(model) -> None:
    from citeproc.string import String

    original = model.Names.process

    def process(self, item, names_context=None, context=None, **kwargs):
        if not _STATE.first or sorting.sorts(kwargs.get("sort_options")):
            return original(self, item, names_context=names_context, context=context, **kwargs)
        _STATE.first, _STATE.capturing, _STATE.captured, _STATE.persons = False, True, [], []
        _STATE.data = []
        _STATE.variable = False
        try:
            text = original(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            _STATE.capturing = False
        where = context if context is not None else self  # a macro's names: the caller's place
        bibliography = where.xpath_search("./ancestor-or-self::cs:bibliography[1]")
        if not bibliography or text is None:
            return text
        if _STATE.printed:  # after text: neither replaced nor compared (_watch_printed)
            marked = text.replace(NAMES_START, NOT_FIRST)
            return String(marked) if isinstance(text, str) else marked
        if not _STATE.captured and not _STATE.variable:
            # a term or a fixed text in cs:substitute ("Anonymous") is neither
            # replaced nor compared: citeproc-js compares the variables printed
            # (names, or a title or publisher in their place)
            return text
        printed = str(text)
        persons = list(_STATE.persons)
        # the names' parts where each name shown has them, else as printed
        data = list(_STATE.data) if len(_STATE.data) == len(persons) else \
            [_bare(p) for p in persons]
        key = tuple(data) or tuple(_STATE.captured) or (printed,)
        owner = item.citation.bibliography
        previous = vars(owner).get("bibconv_previous_names")
        before = vars(owner).get("bibconv_previous_persons")
        owner.bibconv_previous_names, owner.bibconv_previous_persons = key, data
        substitute = bibliography[0].get("subsequent-author-substitute")
        rule = bibliography[0].get("subsequent-author-substitute-rule")
        if rule in _EACH and persons and before:
            return String(_each(printed, persons, data, before, substitute, rule))
        if key != previous:
            # compared here and not the same names: finishing's pass, which
            # compares the lists as printed, leaves it (and the previous) alone
            # (international-development-policy: "Hofle, M." for "M" after "MG")
            marked = text.replace(NAMES_START, NOT_FIRST)
            return String(marked) if isinstance(text, str) else marked
        # an empty list marked not-first ahead: finishing's pass, which
        # compares an entry's first marked list, does not go on to the next
        # one ("In: — (ed.)" for the editor of universitat-wurzburg's chapter);
        # an empty substitute stays empty (its display prints nothing)
        replaced = _substituted(printed, list(_STATE.captured), substitute, rule)
        return String(NOT_FIRST + NAMES_END + replaced if replaced else replaced)

    model.Names.process = process


# names.py's mark before a name list, and before one printed after text,
# which finishing does not compare and which ends no comparison
NAMES_START, NAMES_END, NOT_FIRST = "\ue006", "\ue007", "\ue006\ue008"
_EACH = ("partial-each", "partial-first", "complete-each")


def _each(printed: str, persons: list[str], data: list[str], before: list[str],
          substitute: str, rule: str) -> str:
    """The names (``persons`` as printed, ``data`` as compared) matching the
    previous entry's, from the first, replaced one by one (all or none for
    complete-each, the first for partial-first)."""
    same = 0
    while same < min(len(data), len(before)) and data[same] == before[same]:
        same += 1
    if rule == "complete-each" and (same < len(persons) or len(before) != len(persons)):
        return printed
    cursor = 0
    for person in persons[:min(same, 1) if rule == "partial-first" else same]:
        at = printed.find(person, cursor)
        if at < 0 or not person:
            break
        at, end = _whole_tags(printed, at, at + len(person))
        replacement = _formatted_like(printed[at:end], substitute)
        printed = printed[:at] + replacement + printed[end:]
        cursor = at + len(replacement)
    return printed


# a name's formatting tags (and names.py's marks of the list) before and after it
_AROUND = re.compile("^((?:<[^>]+>|[\ue006-\ue008])*)(.*?)((?:</[^>]+>|[\ue006-\ue008])*)$",
                     re.S)


def _formatted_like(person: str, substitute: str) -> str:
    """The substitute in the formatting the name had (names.py puts a
    cs:name's formatting around each name): "<b>———</b>" as citeproc-js
    prints it for a bold name.  Only tags that wrap the whole name are kept:
    a name-part's formatting ("G <i>A2</i>") covers part of it, and the
    substitute takes none of it."""
    found = _AROUND.match(person)
    if not found:
        return substitute
    lead, trail = found.group(1), found.group(3)
    kept = _wrapping_tags(person, len(lead), len(person) - len(trail))
    marks = "".join(c for c in lead if c in _LIST_MARKS), "".join(c for c in trail if c in _LIST_MARKS)
    opens = "".join(person[a:b] for a, b, _, _ in kept)
    closes = "".join(person[c:d] for _, _, c, d in reversed(kept))
    return marks[0] + opens + substitute + closes + marks[1]


_LIST_MARKS = "\ue006\ue007\ue008"
_OPENING_BEFORE = re.compile(r"<([a-z]+)[^>/]*>$")
_CLOSING_AFTER = re.compile(r"</([a-z]+)>")


def _whole_tags(printed: str, at: int, end: int) -> tuple[int, int]:
    """The span of a name widened over the tags it closes or opens but does
    not hold (an inverted name's "A0</i>, G" after its "<i>"), so that what
    is replaced leaves the entry's tags balanced."""
    while (found := _OPENING_BEFORE.search(printed, 0, at)) is not None:
        tag, name = printed[at:end], found.group(1)
        if tag.count(f"</{name}>") <= len(re.findall(rf"<{name}[\s>]", tag)):
            break
        at = found.start()
    while (found := _CLOSING_AFTER.match(printed, end)) is not None:
        tag, name = printed[at:end], found.group(1)
        if len(re.findall(rf"<{name}[\s>]", tag)) <= tag.count(f"</{name}>"):
            break
        end = found.end()
    return at, end
_TAG = re.compile(r"<(/?)([a-z]+)[^>]*>")


def _wrapping_tags(person: str, lead_end: int, trail_start: int) -> list[tuple[int, int, int, int]]:
    """(start, end) of each opening tag before ``lead_end`` whose own closing
    tag starts at or after ``trail_start``, with that closing tag's span."""
    stack: list[tuple[int, int, str]] = []
    pairs = []
    for tag in _TAG.finditer(person):
        if not tag.group(1):
            stack.append((tag.start(), tag.end(), tag.group(2)))
        elif stack and stack[-1][2] == tag.group(2):
            start, end, _ = stack.pop()
            if end <= lead_end and tag.start() >= trail_start:
                pairs.append((start, end, tag.start(), tag.end()))
    return sorted(pairs)


def _substituted(printed: str, names: list[str], substitute: str, rule: str | None) -> str:
    if not names:
        return substitute
    if rule == "complete-each":
        for name in names:
            printed = printed.replace(name, _formatted_like(name, substitute), 1)
        return printed
    start = printed.find(names[0])
    end = printed.rfind(names[-1])
    if start < 0 or end < 0:
        return printed
    return printed[:start] + substitute + printed[end + len(names[-1]):]
