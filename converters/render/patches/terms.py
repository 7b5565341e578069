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
    _patch_locale_options(model)


def _patch_locale_options(model) -> None:
    """A locale option is the first locale's that sets it: an in-style
    cs:locale whose style-options set another option only (anabases:
    limit-day-ordinals-to-day-1) leaves punctuation-in-quote to the locale
    file, as citeproc-js reads it ("Alpha,” in en-US); citeproc-py took the
    option's default from the first cs:style-options found."""
    defaults = model.Locale._default_options

    def get_locale_option(self, name):
        root = self.get_root()
        locales = getattr(root, "locales", None)
        for locale in [root] if locales is None else locales:
            options = locale.find("cs:style-options", locale.nsmap)
            if options is not None and options.get(name) is not None:
                return options.get(name)
        return defaults[name]

    model.CitationStylesElement.get_locale_option = get_locale_option


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
    """Something other than a term printed first (a value, a variable's
    text, a label), or a cs:names was called: a term after it stays as it
    is."""
    _START.pending = False


def state() -> bool:
    """Whether a term printed now would be first: saved as a group or
    macro starts, for :func:`restore`."""
    return _START.pending


def restore(pending: bool) -> None:
    """A group or macro was suppressed: what it printed does not count."""
    _START.pending = pending


# The variables a cs:text counts as printed even when the item lacks them
# (citeproc-js: "in t" after an empty volume, "In t" after an empty page,
# chapter-number or URL; checked one by one on crafted styles).
_COUNTED_EMPTY = frozenset(("volume", "edition", "number", "issue"))


def _patch_first_term(model) -> None:
    """citeproc-js capitalizes a term that is the first thing a
    bibliography's entry prints: "N.d." for an entry without author whose
    date is the "no date" term, "In t" (bollettino-d-archeologia-online).
    Only text that printed counts, as citeproc-js counts what it appended
    to its output: a value, a variable's text (the citation number aside:
    "[1] N.d."), a date, a number, a label ("page in") before the term
    keep it as it is; an empty variable (but four: _COUNTED_EMPTY) or
    macro does not ("In T"), nor what a suppressed group or macro printed
    ("No date T": groups.py and punctuation's macro hook restore the
    state).  A cs:names called counts, printed or not ("in
    T" after an empty editor).  Checked on crafted styles against
    citeproc-js."""
    original = model.Text._term

    def _term(self, item):
        text = original(self, item)
        if _START.pending and text:
            _START.pending = False
            plain = str(text)
            return type(text)(plain[:1].upper() + plain[1:])
        return text

    model.Text._term = _term
    variable = model.Text._variable

    def _variable(self, item, context):
        if _START.pending and self.get("variable") in _COUNTED_EMPTY:
            _START.pending = False
            return variable(self, item, context)
        text = variable(self, item, context)
        if text and _START.pending and self.get("variable") != "citation-number":
            _START.pending = False  # (the citation number does not count: "[1] N.d.")
        return text

    model.Text._variable = _variable
    label_markup = model.Label.markup

    def markup(self, text):
        output = label_markup(self, text)
        if output:
            _START.pending = False
        return output

    model.Label.markup = markup


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
