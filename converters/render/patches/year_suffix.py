"""Implicit year suffixes: a style that asks for year-suffix disambiguation
but never prints the year-suffix variable gets the suffix after the year of
the first date it renders, of any date variable, once a cite or entry (CSL
1.0.2 § Disambiguation), printed as a copy of the year's date-part, its affixes and
formatting with it ("(2001)(a)", as citeproc-js prints it:
new-zealand-dental-journal).  citeproc-py prints none.  (14 fixtures:
disambiguate_ImplicitYearSuffixOnceOnly, disambiguate_NoTextElementUsesYearSuffixVariable,
disambiguate_YearSuffixMixedDates, disambiguate_YearSuffixWithMixedCreatorTypes,
magic_ImplicitYearSuffixDelimiter, magic_ImplicitYearSuffixExplicitDelimiter,
punctuation_DefaultYearSuffixDelimiter, bugreports_YearSuffixInHarvard1, ...)
"""
from __future__ import annotations

import re
import threading

from ..records import DATE_VARIABLES
from . import sorting

_EXPLICIT: dict[int, tuple] = {}  # emptied with speed's caches
_AFFIXES_AND_FORMATTING = ("prefix", "suffix", "font-style", "font-variant", "font-weight",
                           "text-decoration", "vertical-align")
_CLOSING_TAGS = re.compile(r"(?:</[a-z]+>)*")


class _Item(threading.local):
    shown = False  # the suffix of the cite or entry being rendered is printed


_ITEM = _Item()


def begin_item() -> None:
    """A cite or entry starts rendering (Layout.render_children, and
    display's own loop over the layout's children)."""
    _ITEM.shown = False


def _prints_suffix(root) -> bool:
    hit = _EXPLICIT.get(id(root))
    if hit is None or hit[0] is not root:
        found = bool(root.xpath('//cs:text[@variable="year-suffix"]',
                                namespaces={"cs": "http://purl.org/net/xbiblio/csl"}))
        hit = _EXPLICIT[id(root)] = (root, found)  # the root kept alive with its id
    return hit[1]


def install() -> None:
    from citeproc import model

    from .hooks import after_render
    from .speed import _CACHES

    _CACHES.append(_EXPLICIT)

    render_children = model.Layout.render_children

    def layout_render_children(self, item, *args, **kwargs):
        begin_item()
        return render_children(self, item, *args, **kwargs)

    model.Layout.render_children = layout_render_children

    def render(self, text, item, kwargs):
        if not text or sorting.sorts(kwargs.get("sort_options")):
            return text
        try:
            suffix = item.reference.get("year_suffix")
            if not suffix:
                return text
            year = _last_year(item.reference[self.get("variable").replace("-", "_")])
        except Exception:
            return text
        if not suffix or not year or _ITEM.shown or _prints_suffix(self.get_root()):
            return text
        rendered = str(text)
        # after a range's last year, as citeproc-js prints it: "1984–1986a"
        found = list(re.finditer(r"(?<!\d)" + re.escape(year) + r"(?!\d)", rendered))
        if not found:
            return text
        match = found[-1]
        _ITEM.shown = True
        at, letters = match.end(), suffix
        part = self.find('{*}date-part[@name="year"]')
        if part is not None and any(part.get(a) for a in _AFFIXES_AND_FORMATTING):
            # a copy of the year's part: "(2001)(a)", "[<b>2001</b>][<b>a</b>]"
            after = _CLOSING_TAGS.match(rendered, at).end()
            closing = part.get("suffix", "")
            if rendered.startswith(closing, after):
                at, letters = after + len(closing), str(part.wrap(part.format(suffix)))
        return rendered[:at] + letters + rendered[at:]

    # after the first date's year, whichever date it is (citeproc-js
    # "Kullback 1959a 1997" for an original date printed before the issued)
    after_render(model.Date, render, lambda element: element.get("variable") in DATE_VARIABLES)



def _last_year(issued) -> str:
    """The year a date ends in: its own, or a range's end year."""
    try:
        return str(issued["end"]["year"])
    except Exception:
        return str(issued.get("year", ""))
