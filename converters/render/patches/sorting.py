"""Sorting: keys compared as citeproc-js's collator compares them, accents,
case and punctuation aside ("Jönsson" before "Juve"; citeproc-py compares
code points and puts "ö" after "z").  (sort_NameVariable,
sort_ConditionalMacroDates, sort_DropNameLabelInSort, with the names patch
sort_AguStyleReverseGroups; ACM on the JATS references.)"""
from __future__ import annotations

import re
import threading
import unicodedata

from ..richtext import strip_marks

_STATE = threading.local()


def active() -> bool:
    """Whether sort keys are being rendered (citeproc-py does not always
    pass its sort options down, through cs:substitute and cs:choose)."""
    return getattr(_STATE, "depth", 0) > 0


def sorts(sort_options) -> bool:
    """Whether a name is rendered for a sort key: sort options given while
    sort keys are being rendered.  Patches pass their own option overrides
    down the same argument, which are no sort key's (taking them for one
    printed "\x01" between names and dropped "and" where disambiguation
    had set how many names show)."""
    return bool(sort_options) and active()


_DIGITS = re.compile(r"\d+")
_APOSTROPHE = re.compile(r"(?<=\w)['’ʼ](?=\w)")
_SEPARATORS = re.compile("\x01+")
_TAG = re.compile(r"<[^>]*>")


def collation_key(value):
    """A key compared as citeproc-js's collator compares them (Intl.Collator,
    sensitivity "base", ignorePunctuation, numeric): accents and case
    aside, an apostrophe ignored, other punctuation and spaces one
    separator that sorts first, digit runs by value.  "Adler, I." before
    "Adler, I, Barabé"; "Dale, Zippy" before "Dalebout"; "Oates" before
    "O'Carroll"; "vol. 2" before "vol. 10"."""
    if isinstance(value, list):
        text = str(value)
        if "<" not in text:
            return value  # compared as citeproc-py compares it (numbers by value)
        value = text
    if not isinstance(value, str):
        return value
    if "<" in value:
        # a formatted key's HTML tags ("<i>Zeta</i>" sorted before every
        # letter); the data's own "<" is a mark here, not a tag
        value = _TAG.sub("", value)
    value = strip_marks(value)  # rich text sorts by its text
    if not value.isascii():
        decomposed = unicodedata.normalize("NFKD", value)
        value = "".join(c for c in decomposed if not unicodedata.combining(c))
    value = _APOSTROPHE.sub("", value.lower())
    value = "".join("\x01" if _SEPARATOR(c) else c for c in value)
    value = _SEPARATORS.sub("\x01", value).strip("\x01")
    return _DIGITS.sub(lambda m: m.group(0).lstrip("0").rjust(12, "0"), value)


def _SEPARATOR(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] == "P"


def install() -> None:
    from citeproc import model

    original = model.Key.sort_keys

    def sort_keys(self, items, context):
        _STATE.depth = getattr(_STATE, "depth", 0) + 1
        try:
            keys = original(self, items, context)
        finally:
            _STATE.depth -= 1
        return [collation_key(key) for key in keys]

    model.Key.sort_keys = sort_keys
    _patch_dates_in_keys(model)


def _patch_dates_in_keys(model) -> None:
    """A date a macro prints into a sort key is compared as a date, not as
    the text it prints: "400 BC" before "50 BC" before "850" before "1999",
    as citeproc-js sorts it (CSL 1.0.2 § Sorting: the parts the date prints,
    as numbers).  (date_NegativeDateSortViaMacro ...)"""
    from citeproc.source import Date, DateRange
    from citeproc.string import String

    original = model.Date.process

    def process(self, item, variable=None, *args, **kwargs):
        if not active():
            return original(self, item, variable, *args, **kwargs)
        name = (variable or self.get("variable") or "").replace("-", "_")
        value = dict.get(item.reference, name)
        end = None
        if isinstance(value, DateRange):
            end = value.get("end")
            value, end = value.begin, (None if end is None or end.is_nil() else end)
        if not isinstance(value, Date):
            return original(self, item, variable, *args, **kwargs)
        parts = _printed_parts(self)
        # a range after the single date it starts with ("1984" before "1984–1986")
        return String(_date_key(value, parts) + (_date_key(end, parts) if end else "0" * 11))

    model.Date.process = process


def _printed_parts(date) -> tuple:
    """The parts a cs:date prints: its date-parts, or a localized form's."""
    if date.get("form") is not None:
        return tuple((date.get("date-parts") or "year-month-day").split("-"))
    named = tuple(part.get("name") for part in date.iterchildren()
                  if part.get("name") in ("year", "month", "day"))
    return named or ("year", "month", "day")


def _date_key(date, parts: tuple) -> str:
    """The date as digits that sort in time order (a year BC first), of one
    length (a part not printed, or missing, is zeros: "2002" before
    "2002-10-25")."""
    key = []
    # the year offset keeps every year at seven digits with no leading zero:
    # a key read as a number (collation_key) sorts as one read as text
    for part, width, offset in (("year", 7, 2000000), ("month", 2, 0), ("day", 2, 0)):
        number = 0
        if part in parts:
            try:
                number = int(getattr(date, part)) + offset
            except Exception:
                number = 0
        key.append(str(number).rjust(width, "0"))
    return "".join(key)
