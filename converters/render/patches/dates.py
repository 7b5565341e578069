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
    _patch_ad(model)
    _patch_formatting(model)


def _patch_formatting(model) -> None:
    """A cs:date's own formatting (font-style and the like) applies to the
    date inside its affixes: "(<b>1907</b>)", as citeproc-js prints it;
    citeproc-py ignores it (its Date.markup is a stub).  A localized date
    (form="text" or "numeric") keeps none, as in citeproc-js.  Checked on
    crafted styles (ulua-revista-de-historia-sociedad-y-cultura's italic
    months)."""
    from .speed_base import _FORMATTING

    def wrap(self, string):
        if string and any(self.get(name) for name in _FORMATTING) \
                and self.get("form") is None and not self.is_locale_date():
            string = self.format(string)
        return model.Affixed.wrap(self, string)

    model.Date.wrap = wrap


def _patch_ad(model) -> None:
    """The "ad" term follows years 1 to 499 only: "499 AD", "850", as
    citeproc-js prints them (citeproc-py: every year below 1000).
    (date_DateAD)  A day tells terms its month first, for its ordinal."""
    from . import terms

    original = model.Date_Part.process

    def process(self, date, context=None):
        if self.get("name") == "day":
            # the day's ordinal takes its month's gender (terms.to_ordinal)
            try:
                terms.day_of_month(date.month)
            except Exception:
                terms.day_of_month(None)
        text = original(self, date, context)
        if self.get("name") != "year" or not text:
            return text
        try:
            year = int(date.year)
        except Exception:
            return text
        if 500 <= year < 1000:
            ad = str((context if context is not None else self).get_single_term(name="ad"))
            if ad and str(text).endswith(ad) and str(text) != ad:
                from citeproc.string import String

                return String(str(text)[:-len(ad)])
        return text

    model.Date_Part.process = process


class _Range(threading.local):
    begin = None       # the start date of the (closed) range being rendered
    end = None         # the end date of the range being rendered
    parts = None       # the parts its ends differ in (show_parts, by identity)
    drop = None        # (affix, date-part name): the affix that part is printed without
    blank = None       # the ends (begin, end) that have the differing parts yet print nothing
    same = None        # what the range's end printed of the parts its ends share


_RANGE = _Range()


def _patch_range_end(model) -> None:
    """The parts where a range's two dates differ meet at the dash without
    the affixes between them: the start's last part without its suffix, the
    end's first part without its prefix and the spaces it starts with
    ("(1984–1986)" for a year with prefix "(" and suffix ")", "<March–May>
    (2001)", "1984–1986" where the year has the prefix " " after a month
    the range lacks), as citeproc-js prints them (art-libraries-society-of-
    north-america-arlisna-reviews, new-zealand-dental-journal).  (no fixture
    changes)"""
    render_range, render_single = model.Date.render_date_range, model.Date.render_single_date
    markup = model.Date_Part.markup

    def render_date_range(self, date_range, show_parts=None, context=None):
        saved = _RANGE.begin, _RANGE.end, _RANGE.parts, _RANGE.blank, _RANGE.same
        closed = not date_range.end.is_nil()
        _RANGE.begin = date_range.begin if closed else None
        _RANGE.end, _RANGE.parts = date_range.end, show_parts
        _RANGE.blank, _RANGE.same = {}, None
        asked = list(show_parts) if show_parts is not None else None
        try:
            text = render_range(self, date_range, show_parts, context)
            blank, same = _RANGE.blank, _RANGE.same
        finally:
            _RANGE.begin, _RANGE.end, _RANGE.parts, _RANGE.blank, _RANGE.same = saved
        if closed and len(blank) == 2 and any(value is None or not str(value)
                                              for value in blank.values()):
            return _range_with_a_blank_end(self, blank, same, context)
        if not text and closed and asked:
            # the ends differ only in parts not printed: the date once
            # ("2001" for March to May 2001 printed as a year)
            return render_single(self, date_range.end, asked, context)
        return text

    def render_single_date(self, date, show_parts=None, context=None):
        return _single_in_range(self, date, show_parts, context, render_single)

    def part_markup(self, text):
        drop = _RANGE.drop
        if drop is None or not text or self.get("name") != drop[1]:
            return markup(self, text)
        from citeproc.string import String

        shown = self.format(self.case(self.strip_periods(text)))
        if drop[0] == "suffix":
            return String(self.get("prefix", "")) + shown
        return shown + String(self.get("suffix", ""))

    model.Date.render_date_range = render_date_range
    model.Date.render_single_date = render_single_date
    model.Date_Part.markup = part_markup


def _single_in_range(self, date, show_parts, context, render_single):
    """One date of a range being rendered (_patch_range_end): the start's
    last differing part without its suffix, the end's first without its
    prefix and leading spaces; the rest as citeproc-py renders it."""
    if show_parts is None or show_parts is not _RANGE.parts \
            or (date is not _RANGE.begin and date is not _RANGE.end):
        text = render_single(self, date, show_parts, context)
        if date is _RANGE.end and _RANGE.begin is not None and show_parts is not None:
            _RANGE.same = text
        return text
    names = [part.get("name") for part in self.iterchildren()
             if part.get("name") in show_parts and _has(date, part.get("name"))]
    saved = _RANGE.drop
    if names:
        _RANGE.drop = ("suffix", names[-1]) if date is _RANGE.begin else ("prefix", names[0])
    try:
        text = render_single(self, date, show_parts, context)
    finally:
        _RANGE.drop = saved
    if text and date is _RANGE.end:
        text = text.lstrip() if isinstance(text, str) else _lstrip(text)
    if names and _RANGE.blank is not None:
        _RANGE.blank["begin" if date is _RANGE.begin else "end"] = text
    return text


def _range_with_a_blank_end(date, blank: dict, same, context):
    """A range whose ends differ in a part that prints nothing (a season's
    month in a number's place): citeproc-js keeps the dash ("3–2000" for
    March to Summer 2000, "–2000" for Spring to Summer), where citeproc-py
    printed "3–None2000", or dropped the range."""
    from citeproc.string import String

    ends = [blank[which] or String("") for which in ("begin", "end")]
    diff = ends[0].rstrip() + date.unicode_character("EN DASH") + ends[1]
    return context.join([diff, same.rstrip()]) if same else diff


def _has(date, name) -> bool:
    """Whether a date has the part (a month or its season) to print."""
    for attribute in ("month", "season") if name == "month" else (name,):
        try:
            if getattr(date, attribute) is not None:
                return True
        except Exception:
            continue
    return False


def _lstrip(text):
    """citeproc's MixedString without the spaces it starts with."""
    from citeproc.string import String

    pieces = list(text)
    while pieces and isinstance(pieces[0], str) and not pieces[0].strip():
        pieces.pop(0)
    if pieces and type(pieces[0]) in (str, String):  # (a formatted piece wraps again if rebuilt)
        pieces[0] = type(pieces[0])(pieces[0].lstrip())
    return type(text)(pieces)


def _patch_season_text(model) -> None:
    """A season given as text ("season": "Mar-Apr", as JATS gives it) is
    printed in the month's place, as citeproc-js does; citeproc-py knows
    only seasons 1 to 4 and printed nothing.  (No fixture changes; the
    JATS references do, in every style that prints a month.)  A numbered
    season in a numeric month's place prints its name."""
    original = model.Date_Part.process

    def process(self, date, context=None):
        if self.get("name") == "month" and _seasonal(dict.get(date, "month")):
            return _season_of_month(self, date, context)
        if self.get("name") == "month" and not dict.get(date, "month"):
            season = dict.get(date, "season")
            if isinstance(season, str) and not season.strip().isdigit() and season.strip():
                return season.strip()
            if season is not None and str(season).strip().isdigit() \
                    and self.get("form") in ("numeric", "numeric-leading-zeros"):
                # a numbered season where the month is numeric: its name, as
                # citeproc-js prints it ("Summer" for 2); citeproc-py failed
                # an assertion and the whole render with it
                where = context if context is not None else self
                return where.get_single_term(name=f"season-{int(str(season).strip()):02}")
        return original(self, date, context)

    model.Date_Part.process = process


def _seasonal(month) -> bool:
    """Whether a month is one of 13 to 24, which CSL-JSON gives for seasons."""
    try:
        return 12 < int(str(month)) < 25
    except ValueError:
        return False


def _season_of_month(part, date, context):
    """Months 13 to 24 print as seasons, spring to winter twice over (13
    and 17 and 21 "Spring", 16 and 20 and 24 "Winter"), as citeproc-js
    prints them; a numeric month prints nothing ("2000", "05/2000" for day 5
    of month 22).  citeproc-py printed nothing in a month's name's place,
    "13" in a number's."""
    form = part.get("form")
    if context is not None:
        # the calling cs:date's own month part decides, as in Date_Part.process
        found = context.xpath_search('./cs:date-part[@name="month"]')
        if found:
            form = found[0].get("form", form)
    if form in ("numeric", "numeric-leading-zeros"):
        return None
    where = context if context is not None else part
    return where.get_single_term(name=f"season-{(int(str(dict.get(date, 'month'))) - 13) % 4 + 1:02}")


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
