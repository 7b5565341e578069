"""et-al options read as citeproc-js reads them: a list is cut only where
et-al-use-first is set (on cs:name, its cs:citation or cs:bibliography, or
cs:style; citeproc-py falls back to one name) and is less than the list's
length and not more than et-al-min (citeproc-py printed "A, B, et al." for
two names and et-al-use-first="2", and cut where et-al-use-first is
greater than et-al-min), and
``et-al-use-first="0"`` prints no names at all; a list cut where the
et-al term is empty has no "and" before its last shown name.  Where the et-al term is
written in CJK script it follows the names without a space
("Ziggy Zither等點校").  (nameattr_EtAlUseFirstOnCitationInBibliography,
etal_UseZeroFirst, name_EtAlWithCombined)
"""
from __future__ import annotations

import re

from . import sorting

_CJK_START = re.compile(r"^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SECTION = "./ancestor::*[self::cs:citation or self::cs:bibliography or self::cs:style]"


def _set_anywhere(name, context, option: str) -> bool:
    where = context if context is not None else name
    if name.get(option) is not None:
        return True
    return any(found.get(option) is not None for found in where.xpath_search(_SECTION)
               + name.xpath_search("./ancestor::cs:style"))


def install() -> None:
    from citeproc import model

    from .speed_base import name_attributes_set

    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        if sorting.sorts(sort_options):
            return original(self, item, variable, context, sort_options, **kwargs)
        count = len(item.reference.get(variable) or [])
        try:
            minimum = int(self.get_option("et-al-min", context))
        except (TypeError, ValueError, IndexError):
            minimum = 0
        if not minimum or count < minimum or count < 2:
            return _cjk_et_al(self, original(self, item, variable, context, sort_options,
                                             **kwargs))
        first = _use_first(self, context) if _set_anywhere(self, context, "et-al-use-first") \
            else None
        if first is None or first > minimum or (
                first >= count and not self.get_option("et-al-use-last", context)):
            # unset, or the list is not cut: more names to show than
            # et-al-min, or (without et-al-use-last, which cuts to et-al-min
            # - 2) as many as it has; no "et al." after all the names ("A &
            # B", where citeproc-py printed "A, B, et al.")
            with name_attributes_set(self, {"et-al-min": "100000"}):
                return original(self, item, variable, context, sort_options, **kwargs)
        if str(self.get_option("et-al-use-first", context)) == "0":
            return None
        if _cut_without_term(self, count, context, sort_options):
            # the names cut, an empty et-al term: joined by the delimiter
            # alone, no "and" ("A, B. Title" where citeproc-py printed "A and B")
            sort_options = dict(sort_options or {}, **{"and": None})
        return _cjk_et_al(self, original(self, item, variable, context, sort_options, **kwargs))

    model.Name.process = process


def _use_first(name, context) -> int:
    try:
        return int(name.get_option("et-al-use-first", context))
    except (TypeError, ValueError, IndexError):
        return 0


def _cut_without_term(name, count: int, context, sort_options) -> bool:
    """Whether the list is cut before its last name (not by
    et-al-use-last's ellipsis) and the et-al term prints nothing (a style
    that empties it: law-technology-and-humans)."""
    try:
        minimum = int(name.get_option("et-al-min", context, sort_options))
        first = int(name.get_option("et-al-use-first", context, sort_options))
        ellipsis = name.get_option("et-al-use-last", context, sort_options)
    except (TypeError, ValueError, IndexError, AttributeError):
        return False
    return bool(minimum) and count >= minimum and first < count and not ellipsis \
        and not str(name.et_al() or "")


def _cjk_et_al(name, text):
    from citeproc.string import String

    if not text:
        return text
    from .names import NAMES_END

    term = str(name.et_al() or "")
    whole = str(text)
    # the mark subsequent-author-substitute puts after a name list stays last
    printed = whole.rstrip(NAMES_END)
    closing = whole[len(printed):]
    before = printed[-len(term) - 2:-len(term) - 1]
    if term and _CJK_START.match(term) and printed.endswith(" " + term) \
            and before not in (",", ";", "、", ""):  # a delimiter keeps its space
        return String(printed[:-len(term) - 1] + term + closing)
    return text
