"""Terms: the forms a locale lacks."""
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
