"""Positions.  A citation item may carry its position, as citeproc-js's
callers (and the test suite) give it: 0 first, 1 subsequent, 2 ibid, 3
ibid-with-locator, and "near-note"; citeproc-py works positions out itself
and cannot be told.  A subsequent cite uses et-al-subsequent-min and
et-al-subsequent-use-first, which citeproc-py reads but never applies.
(bugreports_DemoPageFullCiteCruftOnSubsequent, ...)

A note begins with a capital: in a note style, a term that starts a
citation ("ibid", "and") is capitalized, as citeproc-js does, also after a
prefix that ends a sentence ("Caps after. Ibid."), not after a one-word
abbreviation ("Cf. ibid.").  citeproc-py prints the term as the locale
gives it.  (position_IbidWithLocator,
position_IfIbidWithLocatorIsTrueThenIbidIsTrue,
bugreports_CapsAfterOneWordPrefix, magic_CapitalizeFirstOccurringTerm)
"""
from __future__ import annotations

import threading

from . import sorting


class _State(threading.local):
    starting = False  # nothing of the citation being rendered is printed yet


_STATE = _State()


def _sentence_before(prefix) -> bool:
    """Whether a cite's prefix leaves the cite at the start of a sentence."""
    text = str(prefix or "").strip()
    return not text or (text[-1] in ".!?" and len(text.split()) > 1)


def install() -> None:
    from citeproc import model

    render_citation = model.Layout.render_citation

    def citation_start(self, citation, callback):
        _STATE.starting = self.get_root().get("class") == "note"
        try:
            return render_citation(self, citation, callback)
        finally:
            _STATE.starting = False

    model.Layout.render_citation = citation_start
    for element in (model.Text, model.Names, model.Date, model.Number, model.Label):
        _mark_printed(element)
    term = model.Text._term

    def capital_term(self, item):
        text = term(self, item)
        if _STATE.starting and text and _sentence_before(item.get("prefix")):
            return type(text)(str(text)[:1].upper() + str(text)[1:]) \
                if isinstance(text, str) else text
        return text

    model.Text._term = capital_term
    _given_positions(model)
    _et_al_subsequent(model)


def _nothing_cited(element, context) -> bool:
    """A cite rendered before any citation was (disambiguation compares
    cites first): its position is "first".  citeproc-py raised, iterating
    the citation's cites, which are None until then, and the item went
    without year suffix (l-homme, whose citation tests position="ibid").
    (no fixture changes)"""
    try:
        found = (context if context is not None else element).xpath_search(
            "./ancestor-or-self::cs:citation[1]")
    except Exception:
        return False
    return bool(found) and getattr(found[0], "cites", ()) is None


def _given_positions(model) -> None:
    from .. import engine

    citation_item = engine.citation_item

    def item_with_position(cite: dict):
        item = citation_item(cite)
        if cite.get("position") is not None:
            dict.__setitem__(item, "bibconv_position", int(cite["position"]))
            dict.__setitem__(item, "bibconv_near_note", bool(cite.get("near-note")))
        return item

    engine.citation_item = item_with_position
    original = model.If._position

    def position(self, item, context):
        given = item.get("bibconv_position") if isinstance(item, dict) else None
        if given is None and _nothing_cited(self, context):
            given = 0
        if given is None:
            return original(self, item, context)
        if self.xpath_search("./ancestor::*[self::cs:bibliography]"):
            return [False]
        tests = {"first": given == 0, "subsequent": given >= 1, "ibid": given in (2, 3),
                 "ibid-with-locator": given == 3,
                 "near-note": given >= 1 and bool(item.get("bibconv_near_note"))}
        return [tests.get(name, False) for name in self.get("position").split()]

    model.If._position = position


def _subsequent(item) -> bool:
    given = item.get("bibconv_position") if isinstance(item, dict) else None
    if given is not None:
        return given >= 1
    try:
        cites = item.citation.bibliography.style.root.citation.cites
        return any(cite.key == item.key for cite in cites or ())
    except Exception:
        return False


def _et_al_subsequent(model) -> None:
    from .names import in_citation, names_shown
    from .speed_base import name_attributes_set

    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        if sorting.sorts(sort_options) or not in_citation(context if context is not None else self) \
                or names_shown(item.reference) is not None or not _subsequent(item):
            return original(self, item, variable, context, sort_options, **kwargs)
        minimum = _option(self, "et-al-subsequent-min", context, sort_options)
        first = _option(self, "et-al-subsequent-use-first", context, sort_options)
        if not minimum and not first:
            return original(self, item, variable, context, sort_options, **kwargs)
        # set on the element for this call: options passed as sort_options
        # would read as sorting to the name patches outside this one
        values = {key: str(value) for key, value in
                  (("et-al-min", minimum), ("et-al-use-first", first)) if value}
        with name_attributes_set(self, values):
            return original(self, item, variable, context, sort_options, **kwargs)

    model.Name.process = process


def _option(name, option: str, context, sort_options) -> int | None:
    """The option as the style sets it on cs:name, cs:citation or cs:style
    (None when unset)."""
    if sort_options and option in sort_options:
        value = sort_options[option]
    else:
        value = name.get(option)
        for found in name.xpath_search("./ancestor::*[self::cs:citation or self::cs:style]"):
            value = value if value is not None else found.get(option)
    try:
        return int(value)
    except (TypeError, ValueError):
        return None



def _mark_printed(element) -> None:
    from .hooks import after_render

    def printed(self, text, item, kwargs):
        if _STATE.starting and text and not sorting.sorts(kwargs.get("sort_options")):
            _STATE.starting = False
        return text

    # only a note style's citations start with _STATE.starting set (a
    # locale's elements, whose root has no class, are kept to be safe)
    after_render(element, printed,
                 lambda element: element.get_root().get("class") != "in-text")
