"""Text case."""
from __future__ import annotations

import re


def install() -> None:
    from citeproc import model

    _patch_plain_strings(model)
    _patch_title_case(model)


def _as_cased(text):
    """citeproc-py's String (or MixedString of them) for a plain str."""
    from citeproc.string import MixedString, String

    if isinstance(text, MixedString):
        return MixedString([_as_cased(part) for part in text])
    if isinstance(text, str) and not isinstance(text, String):
        return String(text)
    return text


def _patch_plain_strings(model) -> None:
    """citeproc-py cases only its own String type; given names, some terms
    and number text reach text-case as plain str, and capitalize-first or
    title raise AttributeError (92 catalogue styles failed on the seed)."""
    original = model.TextCased.case

    def case(self, text, language=None):
        if type(text) is str:
            return str(original(self, _as_cased(text), language))
        return original(self, _as_cased(text), language)

    model.TextCased.case = case


def _patch_title_case(model) -> None:
    """citeproc-py title-cases only text whose language it was told is
    English; labels and terms ("ed.", "trans.") are told nothing.  Untagged
    text is taken as English, as CSL 1.0.2 does for an English locale."""
    original = model.TextCased.case

    def case(self, text, language=None):
        language = language or "en"
        result = original(self, text, language)
        if self.get("text-case") == "title" and language == "en" and "-" in str(result) \
                and isinstance(result, str):
            # hyphenated words are title-cased part by part ("Higher-Dimensional",
            # "Digital-to-RF": stop words stay low)
            def part(match):
                word = match.group(1)
                return word if word in self._stop_words else word[:1].upper() + word[1:]

            text = re.sub(r"(?<=\w-)([a-z][\w']*)", part, str(result))
            text = re.sub(r"(?<![\w-])([a-z][\w']*)(?=-\w)", part, text)
            result = type(result)(text)
        return result

    model.TextCased.case = case
