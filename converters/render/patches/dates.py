"""Dates: seasons given as text; and citeproc-py fails on some date ranges whose ends share a part
("TypeError: 'NoneType' object is not callable" in render_date_range, 22
catalogue styles on biblatex-examples, analytical-sciences among them).
Such a range is rendered as its first date rather than not at all."""
from __future__ import annotations

import threading


def install() -> None:
    from citeproc import model

    _patch_ranges(model)
    _patch_season_text(model)
    _patch_locale_delimiter(model)
    _patch_range_end(model)


class _Range(threading.local):
    end = None         # the end date of the range being rendered
    parts = None       # the parts its ends differ in (show_parts, by identity)


_RANGE = _Range()


def _patch_range_end(model) -> None:
    """The second date of a range follows the dash without the spaces its
    first part's prefix gives ("1984–1986", not "1984– 1986", where the year
    has the prefix " " after a month the range lacks), as citeproc-js prints
    it (art-libraries-society-of-north-america-arlisna-reviews).  (no
    fixture changes)"""
    render_range, render_single = model.Date.render_date_range, model.Date.render_single_date

    def render_date_range(self, date_range, show_parts=None, context=None):
        saved = _RANGE.end, _RANGE.parts
        _RANGE.end, _RANGE.parts = date_range.end, show_parts
        try:
            return render_range(self, date_range, show_parts, context)
        finally:
            _RANGE.end, _RANGE.parts = saved

    def render_single_date(self, date, show_parts=None, context=None):
        text = render_single(self, date, show_parts, context)
        if text and date is _RANGE.end and show_parts is _RANGE.parts and show_parts is not None:
            return text.lstrip() if isinstance(text, str) else _lstrip(text)
        return text

    model.Date.render_date_range = render_date_range
    model.Date.render_single_date = render_single_date


def _lstrip(text):
    """citeproc's MixedString without the spaces it starts with."""
    pieces = list(text)
    while pieces and isinstance(pieces[0], str) and not pieces[0].strip():
        pieces.pop(0)
    if pieces and isinstance(pieces[0], str):
        pieces[0] = type(pieces[0])(pieces[0].lstrip())
    return type(text)(pieces)


def _patch_season_text(model) -> None:
    """A season given as text ("season": "Mar-Apr", as JATS gives it) is
    printed in the month's place, as citeproc-js does; citeproc-py knows
    only seasons 1 to 4 and printed nothing.  (No fixture changes; the
    JATS references do, in every style that prints a month.)"""
    original = model.Date_Part.process

    def process(self, date, context=None):
        if self.get("name") == "month" and not dict.get(date, "month"):
            season = dict.get(date, "season")
            if isinstance(season, str) and not season.strip().isdigit() and season.strip():
                return season.strip()
        return original(self, date, context)

    model.Date_Part.process = process


def _patch_ranges(model) -> None:
    original = model.Date.process

    def process(self, item, variable=None, *args, **kwargs):
        try:
            return original(self, item, variable, *args, **kwargs)
        except TypeError:
            name = (variable or self.get("variable") or "").replace("-", "_")
            reference = item.reference
            value = dict.get(reference, name)
            begin = value.get("begin") if isinstance(value, dict) else None
            if begin is None:
                raise
            dict.__setitem__(reference, name, begin)
            try:
                return original(self, item, variable, *args, **kwargs)
            finally:
                dict.__setitem__(reference, name, value)

    model.Date.process = process


def _patch_locale_delimiter(model) -> None:
    """A localized date format's own delimiter joins its parts (a style's
    cs:locale with ``<date form="text" delimiter=" ">``): citeproc-py took
    the calling cs:date's, none, and printed "2006Oct1" where citeproc-js
    prints "2006 Oct 1" (radiographics).  (No fixture changes.)"""
    original = model.Date.render_single_date

    def render_single_date(self, date, show_parts=None, context=None):
        if context is None or context is self or context.get("delimiter") is not None \
                or self.get("delimiter") is None or not self.is_locale_date():
            return original(self, date, show_parts, context)
        parts = self.parts(date, show_parts, context)
        return self.join(parts) if parts else None

    model.Date.render_single_date = render_single_date
