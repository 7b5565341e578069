"""Text case."""
from __future__ import annotations

import re


def install() -> None:
    from citeproc import model

    _patch_title_case(model)


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
