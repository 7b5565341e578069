"""Stable, readable record ids: first author's family name plus the first
significant title word ("krishna-sufficient"), in ASCII, de-duplicated."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .model import strip_markup
from .vocabulary import is_others_word

# Letters NFKD does not decompose into ASCII.
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                       "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                       "þ": "th", "Þ": "Th", "ı": "i"})

STOP_WORDS = frozenset("""
a an the and or of on in at to for from with by via as is are be do does can
towards toward into onto over under about what when why how which who this that
these those its it their our your we you not no
""".split())


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).encode(
        "ascii", "ignore").decode()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", ascii_fold(strip_markup(text)).lower())


def base_id(data: dict) -> str:
    """The id a record would get before de-duplication."""
    parts = []
    for name in data.get("author") or data.get("editor") or []:
        family = name.get("family") or name.get("literal") or ""
        if family and not is_others_word(family):
            words = _words(family)
            if words:
                parts.append("".join(words))
            break
    title_words = [w for w in _words(data.get("title", "")) if w not in STOP_WORDS]
    if title_words:
        parts.append(title_words[0])
    return "-".join(parts) or "record"


class IdAllocator:
    """Hands out ids, adding -2, -3 ... to repeats, in reading order.

    Each id remembers how far its repeats have got, so the thousandth
    "record" costs what the second did (the taken set only grows, so every
    number below the last one handed out is still taken)."""

    def __init__(self, taken=()):
        self._taken = set(taken)
        self._last: dict[str, int] = {}
        self._suffixes: dict[str, Iterator[str]] = {}

    def claim(self, wanted: str) -> str:
        if wanted not in self._taken:
            self._taken.add(wanted)
            return wanted
        n = self._last.get(wanted, 1)
        while True:
            n += 1
            candidate = f"{wanted}-{n}"
            if candidate not in self._taken:
                break
        self._last[wanted] = n
        self._taken.add(candidate)
        return candidate

    def claim_suffixed(self, wanted: str) -> str:
        """BibTeX-style: the first keeps the name, repeats get a, b, c ..."""
        if wanted not in self._taken:
            self._taken.add(wanted)
            return wanted
        suffixes = self._suffixes.setdefault(wanted, letters())
        for suffix in suffixes:
            candidate = wanted + suffix
            if candidate not in self._taken:
                self._taken.add(candidate)
                return candidate
        raise AssertionError("unreachable")


def letters() -> Iterator[str]:
    import itertools
    import string

    for size in itertools.count(1):
        for chosen in itertools.product(string.ascii_lowercase, repeat=size):
            yield "".join(chosen)
