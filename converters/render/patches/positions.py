"""A note begins with a capital: in a note style, a term that starts a
citation ("ibid", "and") is capitalized, as citeproc-js does, also after a
prefix that ends a sentence ("Caps after. Ibid."), not after a one-word
abbreviation ("Cf. ibid.").  citeproc-py prints the term as the locale
gives it.  (position_IbidWithLocator,
position_IfIbidWithLocatorIsTrueThenIbidIsTrue,
bugreports_CapsAfterOneWordPrefix, magic_CapitalizeFirstOccurringTerm)
"""
from __future__ import annotations

import threading


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


def _mark_printed(element) -> None:
    original = element.render

    def render(self, *args, **kwargs):
        text = original(self, *args, **kwargs)
        if text and not kwargs.get("sort_options"):
            _STATE.starting = False
        return text

    element.render = render
