"""strip-periods as citeproc-js applies it.  citeproc-py removes every
period of the element's text.  citeproc-js never strips the periods of a
DOI or URL (an identifier would be destroyed: ``doi:101063/12172593``
where the DOI is 10.1063/1.2172593; the journal of the botanical research
institute of texas asks ``strip-periods`` on its DOI), and in the text a
cs:text prints from a variable, a macro or a value it removes only the
periods not followed by a lower-case letter ("e.g." prints "e.g",
"www.x.org" stays); terms, labels, names and months lose every period.
(no fixture changes)
"""
from __future__ import annotations

import re

# citeproc-js keeps these variables' periods whatever the style asks
_IDENTIFIERS = frozenset(("DOI", "URL"))
_PERIOD = re.compile(r"\.(?![a-z])")


def install() -> None:
    from citeproc import model

    original = model.StrippedPeriods.strip_periods

    def strip_periods(self, string):
        if string is None or self.get("strip-periods", "false").lower() != "true" \
                or not isinstance(self, model.Text) or "term" in self.attrib:
            return original(self, string)
        if self.get("variable") in _IDENTIFIERS:
            return string
        return _strip_before_non_lower(string)

    model.StrippedPeriods.strip_periods = strip_periods


def _strip_before_non_lower(string):
    """``string`` (a str, citeproc's String or MixedString, a list of
    them) without its periods not followed by a lower-case letter."""
    if isinstance(string, list):
        return type(string)(_strip_before_non_lower(part) for part in string)
    if not isinstance(string, str):
        return string
    stripped = _PERIOD.sub("", string)
    return type(string)(stripped) if stripped != string else string
