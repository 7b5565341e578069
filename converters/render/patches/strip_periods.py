"""strip-periods as citeproc-js applies it.  citeproc-py removes every
period of the element's text.  citeproc-js never strips the periods of a
DOI or URL (an identifier would be destroyed: ``doi:101063/12172593``
where the DOI is 10.1063/1.2172593; the journal of the botanical research
institute of texas asks ``strip-periods`` on its DOI), and in the text a
cs:text prints from a variable, a macro or a value it removes only the
periods not followed by a lower-case letter ("e.g." prints "e.g",
"www.x.org" stays); terms, labels, names and months lose every period.  A
macro called with strip-periods strips its contents' text, not their
affixes (names with their et al.: acta-orthopaedica-belgica).
(no fixture changes)
"""
from __future__ import annotations

import re
import threading

# citeproc-js keeps these variables' periods whatever the style asks
_IDENTIFIERS = frozenset(("DOI", "URL"))
_PERIOD = re.compile(r"\.(?![a-z])")
# How many macro calls with strip-periods enclose what renders now
# (citeproc-js's counter): their contents strip their own text, and the
# plain renderers (speed's markup, direct's cs:text) step aside meanwhile.
class _Stripping(threading.local):
    depth = 0  # a class default each thread reads until it counts its own


STRIPPING = _Stripping()


def install() -> None:
    from citeproc import model

    original = model.StrippedPeriods.strip_periods

    def strip_periods(self, string):
        own = self.get("strip-periods", "false").lower() == "true"
        if string is None or not (own or STRIPPING.depth):
            return string
        if isinstance(self, model.Text):
            if "macro" in self.attrib or self.get("variable") in _IDENTIFIERS:
                return string  # a macro's contents stripped their own text
            # citeproc-js strips after text-case (upper case and title case's
            # capitals leave no lower-case letter to keep a period before:
            # "ARXIVORG", "arXivOrg"): a cased text is stripped once cased
            # (after_case, which text_case's case calls)
            if "term" not in self.attrib:
                if self.get("text-case") is not None:
                    return string
                return _strip_before_non_lower(string)
        elif not own and not isinstance(self, model.Label) \
                and not (isinstance(self, model.Date_Part) and self.get("name") == "month"):
            return string  # citeproc-js strips a macro's terms, labels and months only
        return original(self, string) if own else string.replace(".", "")

    model.StrippedPeriods.strip_periods = strip_periods
    _patch_macro_calls(model)
    name_render = model.Name.render

    def render_names(self, *args, **kwargs):
        # names (and their et al.) inside such a macro lose every period
        text = name_render(self, *args, **kwargs)
        return text.replace(".", "") if STRIPPING.depth and text else text

    model.Name.render = render_names


def _patch_macro_calls(model) -> None:
    """A cs:text calling a macro with strip-periods strips the periods of
    the text its contents print, not of their affixes and delimiters
    (journal-of-biomedical-materials-research-part-a: "J Organomet Chem."
    from a group with suffix "." around a stripped journal title)."""
    process = model.Text.process

    def text_process(self, item, context=None, **kwargs):
        if "macro" not in self.attrib or self.get("strip-periods") != "true":
            return process(self, item, context=context, **kwargs)
        STRIPPING.depth += 1
        try:
            return process(self, item, context=context, **kwargs)
        finally:
            STRIPPING.depth -= 1

    model.Text.process = text_process


def after_case(element, text):
    """``text`` (a cs:text's, cased) stripped of its periods as citeproc-js
    strips them after text-case, where strip_periods left them for it."""
    from citeproc import model

    if text is None or not isinstance(element, model.Text) or "term" in element.attrib \
            or "macro" in element.attrib or element.get("variable") in _IDENTIFIERS \
            or not (STRIPPING.depth or element.get("strip-periods", "false").lower() == "true"):
        return text
    return _strip_before_non_lower(text)


def _strip_before_non_lower(string):
    """``string`` (a str, citeproc's String or MixedString, a list of
    them) without its periods not followed by a lower-case letter."""
    if isinstance(string, list):
        return type(string)(_strip_before_non_lower(part) for part in string)
    if not isinstance(string, str):
        return string
    stripped = _PERIOD.sub("", string)
    return type(string)(stripped) if stripped != string else string
