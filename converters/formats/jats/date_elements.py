"""Dates both ways: <year>/<month>/<day>, <season>, circa, <string-date>
and <date-in-citation> <-> CSL dates; what an ISO 8601 date cannot hold
is reported by the writers."""
from __future__ import annotations

import calendar
import re

from ... import dates
from ...dates import numbers as _numbers
from ...dates import whole_number
from ...vocabulary import MONTHS, month_number
from .elements import kid, sub, text_in


def _year(text: str | None) -> int | None:
    match = re.search(r"-?\d{3,4}", text or "")
    return int(match.group(0)) if match else None


def _month(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip().lower()
    number = whole_number(text)
    if number is not None:
        return number if 1 <= number <= 12 else None
    return month_number(text) or MONTHS.get(text[:3])


def date_from(element) -> dict | None:
    """<year>/<month>/<day> children (or an iso-8601-date attribute)."""
    if element is None:
        return None
    year_el = kid(element, "year")
    iso = element.get("iso-8601-date") or (year_el.get("iso-8601-date")
                                           if year_el is not None else None)
    if iso:
        parsed = dates.parse(iso)
        if parsed:
            return parsed
    year = _year(text_in(year_el))
    if year is None:
        return None
    part = [year]
    month = _month(text_in(kid(element, "month")))
    if month:
        part.append(month)
        day = whole_number(text_in(kid(element, "day")))
        if day is not None:
            part.append(day)
    return {"date-parts": [part]}


def access_date(iso: str | None, text: str | None) -> dict | None:
    """A <date-in-citation>: its iso-8601-date (any year, "-333-11-05"
    too), else a date in its text ("2011 Jul 12", "2011-07-12")."""
    if iso and dates.parse(iso):
        return dates.parse(iso)
    text = iso or text
    if not text:
        return None

    written = re.search(r"\d{4}-\d{2}-\d{2}", text)
    if written:
        return dates.parse(written.group(0))
    match = re.search(r"(\d{4})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})", text)
    if match and _month(match.group(2)):
        return {"date-parts": [[int(match.group(1)), _month(match.group(2)),
                                int(match.group(3))]]}
    year = _year(text)
    return {"date-parts": [[year]]} if year else None


SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def read_issued(citation) -> dict | None:
    """<year>/<month>/<day> (or <date>), with <season> and a year marked
    circa; else a <string-date> (literal when the writer said so, else raw
    for a CSL processor to parse)."""
    date = date_from(citation) or date_from(kid(citation, "date"))
    if date is None:
        string_date = kid(citation, "string-date")
        text = text_in(string_date)
        if not text:
            return None
        how = "literal" if string_date.get("content-type") == "literal" else "raw"
        return {how: text}
    season = text_in(kid(citation, "season"))
    if season:
        date["season"] = SEASONS.get(season.lower(), season)
    year = kid(citation, "year")
    if year is not None and year.get("content-type") == "circa":
        date["circa"] = True
    return date


def iso(part) -> str:
    return "-".join([f"{int(part[0]):04d}"] + [f"{int(p):02d}" for p in part[1:3]])


SEASON_NAMES = {1: "Spring", 2: "Summer", 3: "Autumn", 4: "Winter"}


def valid_parts(part) -> tuple[list[int], int | None, str | None]:
    """(year[, month[, day]] that ISO 8601 accepts, a season given as a
    month (13-16 or citeproc-js's 21-24), what was left out and why)."""
    numbers = _numbers(part) or []
    if not numbers:
        return [], None, None
    kept, season, problem = [numbers[0]], None, None
    if len(numbers) > 1 and numbers[1]:
        month = numbers[1]
        if 13 <= month <= 16 or 21 <= month <= 24:
            season = (month - 12) if month <= 16 else (month - 20)
        elif 1 <= month <= 12:
            kept.append(month)
            if len(numbers) > 2 and numbers[2]:
                day = numbers[2]
                if 1 <= day <= calendar.monthrange(numbers[0], month)[1]:
                    kept.append(day)
                else:
                    problem = f"day {day} of {numbers[0]}-{month:02d} does not exist"
        else:
            problem = f"month {month} does not exist"
    return kept, season, problem


def write_issued(citation, date, problems: list) -> None:
    """issued -> <year>/<month>/<day> (an ISO 8601 date in iso-8601-date),
    <season>, a circa year, or a <string-date> for a literal or raw date."""
    if not isinstance(date, dict):
        return
    parts = date.get("date-parts") or []
    start, season, problem = valid_parts(parts[0]) if parts else ([], None, None)
    if problem:
        problems.append(("issued", f"{problem}; written without it"))
    if not start:
        for how in ("literal", "raw"):
            if date.get(how):
                sub(citation, "string-date", str(date[how]), content_type=how)
                return
        return
    end, end_season, _ = valid_parts(parts[1]) if len(parts) > 1 else ([], None, None)
    if end and (season or end_season or date.get("season")):
        problems.append(("issued", "a range of seasons: <season> holds one; written as the "
                                   "years and the first season"))
    circa = "circa" if date.get("circa") else None
    if end:
        # a range: ISO 8601's interval in the attribute, both years in the text
        sub(citation, "year", f"{start[0]}–{end[0]}",
             iso_8601_date=f"{iso(start)}/{iso(end)}", content_type=circa)
    else:
        sub(citation, "year", str(start[0]), iso_8601_date=iso(start), content_type=circa)
        if len(start) > 1:
            sub(citation, "month", f"{start[1]:02d}")
        if len(start) > 2:
            sub(citation, "day", f"{start[2]:02d}")
    season = date.get("season") or season
    if season:
        sub(citation, "season", SEASON_NAMES.get(whole_number(str(season)) or 0,
                                                   str(season)))
