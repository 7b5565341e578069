"""Facts every format shares, in one copy: month names, DOI spellings, page
ranges and the "et al." marker.

A format that needs one of these imports it from here; a second copy in a
format module is a bug (it drifts, and the two formats then disagree).
"""
from __future__ import annotations

import re

# Month abbreviations as BibTeX macros, RIS dates and JATS <month> use them.
MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
          "sep": 9, "oct": 10, "nov": 11, "dec": 12}
# English month names (and "sept"), for text that spells the month out.
MONTH_NAMES = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
               "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
               "december": 12, "sept": 9}


def month_number(text: str | None) -> int | None:
    """1-12 for a month given as a number, an abbreviation or an English name
    ("3", "Mar", "mar.", "March"); None for anything else."""
    if text is None:
        return None
    word = str(text).strip().lower().rstrip(".")
    if word.isascii() and word.isdigit():  # "²" is a digit to str.isdigit, not to int()
        number = int(word)
        return number if 1 <= number <= 12 else None
    return MONTH_NAMES.get(word) or (MONTHS.get(word) if len(word) == 3 else None)


# https://doi.org/, http://dx.doi.org/ and "doi:" in front of a DOI (the
# pattern, for expressions that look for a DOI inside other text).
DOI_PREFIX_PATTERN = r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)"
_DOI_PREFIX = re.compile(r"^\s*" + DOI_PREFIX_PATTERN, re.I)


def strip_doi_prefix(value: str) -> str:
    """The bare DOI ("10.1000/x") from any of its usual spellings."""
    return _DOI_PREFIX.sub("", str(value)).strip()


def has_doi_prefix(value: str) -> bool:
    return bool(_DOI_PREFIX.match(str(value)))


# A page range: two parts joined by hyphens or an en/em dash.
_PAGE_RANGE = re.compile(r"\s*([^\s\-–—]+)\s*(?:-+|[–—])\s*([^\s\-–—]+)\s*")


def split_page_range(pages: str) -> tuple[str, str] | None:
    """("12", "19") for "12-19", "12--19" or "12–19"; None when ``pages`` is
    not exactly one range (a single page, a list, free text)."""
    match = _PAGE_RANGE.fullmatch(str(pages))
    return (match.group(1), match.group(2)) if match else None


# The words that stand for "and others" at the end of a name list.
OTHERS_WORDS = frozenset({"others", "et al.", "et al", "et. al."})


def is_others_word(text: str) -> bool:
    """True for "others" / "et al." as written in a name list."""
    return str(text).strip().lower() in OTHERS_WORDS
