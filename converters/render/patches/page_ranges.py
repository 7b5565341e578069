"""Page ranges as citeproc-js formats them.  A range whose two pages carry
the same prefix ("N110-N5", "8n11564-8n1568") is shortened on its numbers,
the prefix kept only by "expanded" ("A1–4" in minimal, "N110–N115"
expanded; without a page-range-format printed as written); a range whose
prefixes differ ("N110-5",
"123N110-N5") is printed as written, hyphen and all.  "chicago" is CSL
1.0.1's Chicago rule, chicago-15 (four-digit pages changing in three
digits are printed whole: "1496–1504").  A range abbreviated in the data
("250-61") is expanded first, as citeproc-js does.  (page_Chicago,
page_Chicago16, page_ChicagoWeird, page_Expand, page_ExpandWeirdComposite,
page_Minimal; APA on the JATS references: "250–261")
"""
from __future__ import annotations

import re

_PAGE = re.compile(r"^(.*?)(\d+)$")
_KEPT = "\u2011"  # a hyphen citeproc-py does not split on, put back after
_RANGE = re.compile(r"([^\s,&\-\u2013]+)\s*[-\u2013]\s*([^\s,&\-\u2013]+)")


def shorten(first: str, last: str, range_format: str | None) -> str:
    """The last page as the format prints it (digits only)."""
    if not range_format:
        return last
    if len(last) < len(first):
        last = first[:len(first) - len(last)] + last
    if range_format == "expanded" or len(first) != len(last) \
            or first == last:
        return last
    common = 0
    while common < len(first) and first[common] == last[common]:
        common += 1
    if range_format.startswith("chicago"):
        number = int(first)
        if number < 100 or number % 100 == 0:
            return last
        if range_format in ("chicago", "chicago-15") and len(first) >= 4 and common < 2:
            return last
        range_format = "minimal" if number % 100 < 10 else "minimal-two"
    if range_format == "minimal":
        return last[min(common, len(last) - 1):]
    if range_format == "minimal-two":
        return last[max(0, min(common, len(last) - 2)):]
    return last


def _split(page: str):
    match = _PAGE.match(page.strip())
    return (match.group(1), match.group(2)) if match else None


def install() -> None:
    from citeproc import model
    from citeproc.string import String

    from ..records import first_page

    def _format_last_page(self, first, last):
        range_format = self.get_root().get_option("page-range-format")
        start, end = _split(str(first)), _split(str(last))
        if start is None or end is None or start[0] != end[0] or not range_format:
            return last  # (without a format, as written: "N110–N5")
        short = shorten(start[1], end[1], range_format)
        # expanded keeps the prefix ("N110–N115"); the others drop it
        # ("A1–4", "S1–14", "A99–100"), as citeproc-js prints them
        return end[0] + short if range_format == "expanded" else short

    model.FormatNumber._format_last_page = _format_last_page
    process = model.FormatNumber._process

    def _process(self, value, variable):
        if not variable.startswith("page"):
            return process(self, value, variable)
        if variable == "page-first":
            # citeproc-py prints the first page of each of a list's parts
            # ("431, 791"); citeproc-js the first of the whole (records.first_page)
            value = first_page(str(value))
        kept = _RANGE.sub(_keep_unlike, str(value))
        text = process(self, kept, variable)
        return String(str(text).replace(_KEPT, "-")) if _KEPT in kept else text

    model.FormatNumber._process = _process


def _keep_unlike(match) -> str:
    """A range whose pages carry different prefixes keeps its hyphen."""
    start, end = _split(match.group(1)), _split(match.group(2))
    if start is not None and end is not None and start[0] != end[0]:
        return match.group(1) + _KEPT + match.group(2)
    return match.group(0)
