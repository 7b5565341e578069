"""Speed: lookups citeproc-py repeats for every entry, and sort keys worked
out only where the keys before them tie."""
from __future__ import annotations

from ..styles import NS


def install() -> None:
    from citeproc import model

    _patch_lookups(model)
    _patch_parallel_sort(model)
    _patch_plain_markup(model)


# Every memo table, emptied when a render starts: they keep the elements
# they saw alive, and so whole style trees (a process rendering hundreds of
# styles grew to 460 MB).
_CACHES: list[dict] = []


def clear_caches() -> None:
    for cache in _CACHES:
        cache.clear()


def memo_table() -> dict:
    """A new memo table, emptied with the others when a render starts."""
    cache: dict = {}
    _CACHES.append(cache)
    return cache


def _memoize(cls, attribute: str, *, per_root: bool = False) -> None:
    """Cache ``cls.attribute`` by element (or by style, ``per_root``) and
    arguments.  The element stays in the cache, which keeps lxml's proxy,
    and so its id, alive.  A lookup that fails with IndexError is cached as
    failing.  Calls without arguments or with one (most: the root, the
    formatter, an option) are keyed more cheaply."""
    original = getattr(cls, attribute)
    cache = memo_table()

    def lookup(self, key, anchor, args, kwargs):
        hit = cache.get(key)
        if hit is None or hit[0] is not anchor:
            try:
                value = original(self, *args, **kwargs)
            except IndexError:
                value = IndexError
            hit = cache[key] = (anchor, value)
        if hit[1] is IndexError:
            raise IndexError
        return hit[1]

    def cached(self, *args, **kwargs):
        anchor = self.get_root() if per_root else self
        if kwargs:
            key = (id(anchor), args, tuple(sorted(kwargs.items())))
        elif not args:
            key = id(anchor)
        elif len(args) == 1:
            key = (id(anchor), args[0])
        else:
            key = (id(anchor), args, None)
        hit = cache.get(key)
        if hit is not None and hit[0] is anchor and hit[1] is not IndexError:
            return hit[1]
        return lookup(self, key, anchor, args, kwargs)

    def cached_plain(self, *args, **kwargs):
        # the common calls, without arguments or with one, keyed without
        # building a tuple of arguments first (a million calls for 1,000 APA
        # entries); the rest as above
        if not kwargs:
            if not args:
                hit = cache.get(id(self))
                if hit is not None and hit[0] is self and hit[1] is not IndexError:
                    return hit[1]
                return lookup(self, id(self), self, args, kwargs)
            if len(args) == 1:
                key = (id(self), args[0])
                hit = cache.get(key)
                if hit is not None and hit[0] is self and hit[1] is not IndexError:
                    return hit[1]
                return lookup(self, key, self, args, kwargs)
        return cached(self, *args, **kwargs)

    setattr(cls, attribute, cached if per_root else cached_plain)


def _patch_lookups(model) -> None:
    """citeproc-py looks macros, layouts and terms up by XPath, and works out
    which elements call variables, every time; all are fixed for a style."""
    # XPath over the style's own tree (ancestors, children): fixed too.
    # 100,000 searches for 1,000 APA entries, a tenth of the time.
    _memoize(model.CitationStylesElement, "xpath_search")
    _memoize(model.CitationStylesElement, "get_macro", per_root=True)
    _memoize(model.CitationStylesElement, "get_layout")
    _memoize(model.Locale, "get_term")
    # a term looked up through the style's locales in turn, each that lacks
    # it raising and catching IndexError: 10,000 for 1,000 APA entries
    _memoize(model.CitationStylesElement, "get_term", per_root=True)
    _memoize(model.Parent, "calls_variable")
    # whether a cs:date is a locale's: found by a memoized XPath search that
    # fails, raising and catching IndexError, for each date a style writes
    # (10,000 for 1,000 APA entries)
    _memoize(model.Date, "is_locale_date")
    _memoize(model.Text, "calls_variable")
    # The root, the formatter and the style options of an element: a
    # million, 400,000 and 70,000 lookups for 1,000 APA entries.
    _memoize(model.CitationStylesElement, "get_root")
    _memoize(model.CitationStylesElement, "get_formatter")
    _memoize(model.CitationStylesElement, "get_option")
    _memoize(model.Locale, "get_option")
    # cs:citation's and cs:bibliography's options (inherited name options
    # read through them: 70,000 for 1,000 APA entries); only cs:name's
    # attributes are changed while rendering, by the et-al patches.
    _memoize(model.FormattingInstructions, "get_option")

    # A citation item's reference is looked up through three attribute
    # lookups each time (400,000 times for 1,000 entries); keep it.
    from citeproc.source import CitationItem

    CitationItem.reference = _KeptReference()


class _KeptReference:
    """CitationItem.reference looked up once and kept in the item's own
    attributes, where Python finds it next time without calling anything
    (a descriptor without __set__, as functools.cached_property; the
    item's __setattr__ would store it as a variable, so it is written to
    the item's __dict__ directly)."""

    def __get__(self, item, owner=None):
        if item is None:
            return self
        reference = item.citation.bibliography.source[item.key]
        vars(item)["reference"] = reference
        return reference


# The attributes with which marking up a cs:text's output may change it
# (strip_periods, case, format, quote, wrap); without any, it does not.
_MARKUP = ("strip-periods", "text-case", "font-style", "font-variant", "font-weight",
           "text-decoration", "vertical-align", "quotes", "prefix", "suffix")


def _patch_plain_markup(model) -> None:
    """A cs:text without any of these attributes (most of them: 47,500
    of 51,500 marked up for 1,000 APA entries) gives its text back as it is, a
    number as text, without the five steps of Text.markup and their
    wrappers (installed after text_case's, so outside them all).  The
    attributes are read once an element."""
    from .strip_periods import STRIPPING

    original = model.Text.markup
    plain = memo_table()  # cs:text's id -> (element, whether it sets none of _MARKUP)

    def markup(self, text, language):
        hit = plain.get(id(self))
        if hit is None or hit[0] is not self:
            attrib = self.attrib
            hit = plain[id(self)] = (self, not any(name in attrib for name in _MARKUP))
        if not hit[1] or STRIPPING.depth:  # inside a macro called with strip-periods
            return original(self, text, language)
        if not text:
            return None
        return str(text) if isinstance(text, (int, float)) else text

    model.Text.markup = markup


def _patch_parallel_sort(model) -> None:
    """Sorting renders the items' sort keys (a tenth of the time for APA).
    A key after the first decides only between items that all the keys
    before it left tied, so it is worked out for those items only (APA has
    ten keys; after the author, few items are tied).  The order is the one
    citeproc-py's comparison gives with every key worked out.  The keys
    are worked out in this process: forking for them (a tenth of a
    second's work for 1,000 APA entries) cost more CPU time, in page
    copies, than it saved wall time."""
    sort_keys = model.Key.sort_keys
    sort = model.Sort.sort
    # key element's id -> (the items, their sort keys) worked out ahead
    ready: dict[int, tuple] = {}

    def ready_keys(self, items, context):
        hit = ready.get(id(self))
        if hit is not None and hit[0] is items:
            return hit[1]
        return sort_keys(self, items, context)

    def key_column(key, items, context):
        return sort_keys(key, items, context)

    def lazy_sort(self, items, context):
        keys = self.findall(f"{NS}key")
        columns = _tied_keys(keys, list(items), context, key_column) if keys else None
        if columns is None:
            return sort(self, items, context)
        for key, column in zip(keys, columns, strict=True):
            ready[id(key)] = (items, column)
        try:
            return sort(self, items, context)
        finally:
            ready.clear()

    model.Key.sort_keys = ready_keys
    model.Sort.sort = lazy_sort


def _tied_keys(keys, items: list, context, key_column) -> list[list] | None:
    """The sort keys of ``items``, a column a key, each key worked out only
    for the items the keys before it left tied (None for the others, which
    citeproc-py's comparison never reaches).  None when a key's values
    cannot be grouped as the comparison groups them (mixed kinds of value,
    values that cannot be hashed): the caller then works out every key."""
    columns: list[list] = [[None] * len(items) for _ in keys]
    tied = [list(range(len(items)))]
    for column, key in zip(columns, keys, strict=True):
        if not tied:
            break
        indexes = sorted(index for group in tied for index in group)
        values = key_column(key, [items[index] for index in indexes], context)
        for index, value in zip(indexes, values, strict=True):
            column[index] = value
        try:
            tied = [same for group in tied for same in _split_ties(group, column)]
        except (TypeError, _Mixed):
            return None
    return columns


class _Mixed(Exception):
    """A key's values are of kinds citeproc-py's comparison does not compare alike."""


def _split_ties(group: list[int], column: list) -> list[list[int]]:
    """The groups of two or more items of ``group`` whose values in
    ``column`` citeproc-py's comparison (Sort.sort's mycmp) finds equal:
    both missing, or alike once lower-cased and, where both are whole
    numbers, as numbers."""
    by_value: dict = {}
    lowered = None
    for index in group:
        value = column[index]
        if value is not None:
            has_lower = hasattr(value, "lower")
            if lowered is None:
                lowered = has_lower
            elif lowered != has_lower:
                raise _Mixed
            if has_lower:
                value = str(value.lower())
            try:
                value = (1, int(str(value)))
            except ValueError:
                value = (2, value)
        by_value.setdefault(value, []).append(index)
    return [same for same in by_value.values() if len(same) > 1]
