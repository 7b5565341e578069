"""Terms: the forms a locale lacks, and the long form written out."""
from __future__ import annotations

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
