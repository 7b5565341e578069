"""Terms: the forms a locale lacks, the long form written out, and a term
first in an entry capitalized."""
from __future__ import annotations

import threading

# CSL 1.0.2: a missing "symbol" form falls back to "short", "verb-short" to
# "verb", and "short" and "verb" to the long form.
_FALLBACK = {"symbol": "short", "verb-short": "verb", "short": None, "verb": None}


def install() -> None:
    from citeproc import model

    original = model.CitationStylesElement.get_term

    def get_term(self, name, form=None, *args, **kwargs):
        """A term in the form asked for, else in the form CSL falls back to,
        each looked for in every locale first: a style written for German
        defines volume's "symbol" form ("Jg.") only in its own German
        locale, and rendered in English it prints "vol." as citeproc-js
        does, not nothing (technische-universitat-dresden-...; no fixture
        changes)."""
        term = original(self, name, form, *args, **kwargs)
        while term is None and form in _FALLBACK:
            form = _FALLBACK[form]
            term = original(self, name, form, *args, **kwargs)
        return term

    model.CitationStylesElement.get_term = get_term
    _patch_long_form(model)
    _patch_first_term(model)


class _Start(threading.local):
    # a term printed now would be the first text of a bibliography's entry
    pending = False


_START = _Start()


def begin_entry(layout) -> None:
    """A cs:layout starts an entry or cite: in a bibliography, a term
    before anything else is capitalized.  (A note style's cite has its own
    rule, which reads the cite's prefix: positions.py.)"""
    _START.pending = layout.getparent().tag.endswith("bibliography")


def end_entry() -> None:
    _START.pending = False


def printed() -> None:
    """Something other than a term came first (a variable called, even
    empty; a value; a date, number or names printed)."""
    _START.pending = False


def _patch_first_term(model) -> None:
    """citeproc-js capitalizes a term that is the first thing a
    bibliography's entry prints: "N.d." for an entry without author whose
    date is the "no date" term, "In t" (bollettino-d-archeologia-online).
    A text variable called before it, even empty (the citation number
    aside), a value, or a date, number or names printed before it, keeps
    it as it is.  Checked on
    crafted styles."""
    original = model.Text._term
    variable = model.Text._variable

    def _term(self, item):
        text = original(self, item)
        if _START.pending and text:
            _START.pending = False
            plain = str(text)
            return type(text)(plain[:1].upper() + plain[1:])
        return text

    def _variable(self, item, context):
        if _START.pending and self.get("variable") != "citation-number":
            _START.pending = False  # (the citation number does not count: "[1] N.d.")
        return variable(self, item, context)

    model.Text._term = _term
    model.Text._variable = _variable


def _patch_long_form(model) -> None:
    """A term written with form="long" is the long form, as one without a
    form is (CSL 1.0.2: "long" is the default): a style's locale that
    overrides "available at" with form="long" prints "Available from", as
    citeproc-js does; citeproc-py looked only for a term without a form and
    took the locale file's (harvard-bournemouth-university).  Looked for
    in the same locale, so the style's own still comes first."""
    original = model.Locale.get_term

    def get_term(self, name, form=None, zero_padded=False):
        try:
            return original(self, name, form, zero_padded)
        except IndexError:
            if form not in (None, "long"):
                raise
            return original(self, name, "long" if form is None else None, zero_padded)

    model.Locale.get_term = get_term
