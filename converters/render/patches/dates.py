"""Dates: seasons given as text; and citeproc-py fails on some date ranges whose ends share a part
("TypeError: 'NoneType' object is not callable" in render_date_range, 22
catalogue styles on biblatex-examples, analytical-sciences among them).
Such a range is rendered as its first date rather than not at all."""
from __future__ import annotations


def install() -> None:
    from citeproc import model

    _patch_ranges(model)
    _patch_season_text(model)
    _patch_locale_delimiter(model)


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
