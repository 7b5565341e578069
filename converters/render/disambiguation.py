"""Year suffixes (disambiguate-add-year-suffix), which citeproc-py does not
assign: works by the same authors with the same dates get a, b, c ... in
bibliography order."""
from __future__ import annotations


def _years(issued) -> tuple:
    """The years a date shows: (2001,) or, for a range, (1984, 1986)."""
    def year(date):
        try:
            return date["year"]
        except Exception:
            return None

    try:
        return (year(issued["begin"]), year(issued["end"]))
    except Exception:
        return (year(issued),)


def add_year_suffixes(references, prints_original: bool = True) -> None:
    """``references`` are citeproc's, already sorted.  The original date
    counts only in styles that print it ("(1959) 1997").  Full
    disambiguation (adding names or given names first) is not attempted."""
    groups: dict[tuple, list] = {}
    for reference in references:
        people = reference.get("author") or reference.get("editor") or []
        names = tuple(str(p.get("family") or p.get("literal") or "").lower() for p in people)
        issued = reference.get("issued")
        if not names or issued is None:
            continue
        original = reference.get("original_date")
        key = (names, _years(issued),
               _years(original) if original is not None and prints_original else ())
        groups.setdefault(key, []).append(reference)
    for group in groups.values():
        if len(group) > 1:
            for index, reference in enumerate(group):
                dict.__setitem__(reference, "year_suffix", _suffix(index))


def _suffix(index: int) -> str:
    """a ... z, aa, ab ... as CSL numbers year suffixes."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]
