"""Dates as biblatex writes them (ISO 8601 / EDTF: ``2004``, ``2004-05-12``,
``2004-05/2005-02``, ``1999~``, ``199X``, seasons ``2004-21``) <-> CSL date
objects (``{"date-parts": [[2004, 5, 12]], "circa": true}``)."""
from __future__ import annotations

import re

# Compiled once: these run for every date and number of a large file.
_WHOLE = re.compile(r"[0-9]{1,9}")
_SIGNED = re.compile(r"-?[0-9]{1,9}")
_UNSPECIFIED = re.compile(r"\d{1,3}[Xu]{1,3}")


def whole_number(text: str | None) -> int | None:
    """Plain ASCII digits as a number ("12"), else None: str.isdigit() also
    says yes to "²", which int() refuses."""
    text = (text or "").strip()
    return int(text) if _WHOLE.fullmatch(text) else None


def numbers(part) -> list[int]:
    """The leading whole numbers of a CSL date-parts entry ([2001, "6"] ->
    [2001, 6]); a part that is not a number ("spring") ends it."""
    out = []
    for value in part if isinstance(part, (list, tuple)) else []:
        if isinstance(value, int) and not isinstance(value, bool):
            out.append(value)  # already a number, however many digits
            continue
        text = str(value).strip()
        if not _SIGNED.fullmatch(text):
            break
        out.append(int(text))
    return out


_PART = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?([~?%]?)$")


def parse(text: str) -> dict | None:
    """A date or date range -> CSL date; None when it is not one (callers
    keep such text as ``{"literal": ...}``)."""
    text = text.strip().replace("\u00a0", "~")
    if not text:
        return None
    # Unspecified digits (EDTF "19XX", biblatex "19uu") stand for a range.
    if len(text) == 4 and _UNSPECIFIED.fullmatch(text):
        return {"date-parts": [[int(text.replace("X", "0").replace("u", "0"))],
                               [int(text.replace("X", "9").replace("u", "9"))]]}
    ends = text.split("/")
    if len(ends) > 2:
        return None
    parts, circa = [], False
    for end in ends:
        end = end.strip().split("T")[0]  # a time of day says nothing CSL keeps
        if end in ("", "..", "open", "unknown"):
            continue  # an open range keeps its known end
        match = _PART.match(end.replace("?~", "%").replace("~?", "%"))
        if not match:
            return None
        year, month, day, flag = match.groups()
        date = [int(year)]
        if month:
            date.append(int(month))
            if day:
                date.append(int(day))
        if flag in ("~", "%"):
            circa = True
        parts.append(date)
    if not parts:
        return None
    result: dict = {"date-parts": parts}
    if circa:
        result["circa"] = True
    return result


def format(date: dict) -> str | None:
    """CSL date -> biblatex date string; None when it has no date-parts."""
    parts = date.get("date-parts")
    if not parts:
        return None
    ends = []
    for part in parts:
        try:
            numbers = [int(p) for p in part]
        except (TypeError, ValueError):
            return None
        if not numbers:
            return None
        year = f"{numbers[0]:04d}" if numbers[0] >= 0 else f"-{-numbers[0]:04d}"
        ends.append("-".join([year] + [f"{n:02d}" for n in numbers[1:3]]))
    text = "/".join(ends)
    if date.get("circa"):
        text += "~"
    return text
