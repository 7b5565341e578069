"""Text case."""
from __future__ import annotations

import re

from ..richtext import MARK_CHARS
from .strip_periods import STRIPPING, after_case


def install() -> None:
    from citeproc import model

    _patch_plain_strings(model)
    _patch_title_case(model)
    _patch_output_language(model)
    _patch_macro_calls(model)
    model.TextCased._stop_words = sorted(set(model.TextCased._stop_words) | _PREPOSITIONS)


# Title case leaves prepositions low, as citeproc-js and pandoc do ("Memory
# before In-Context Learning"); citeproc-py knows only CSL's 26 stop words.
_PREPOSITIONS = {
    "about", "above", "across", "after", "against", "along", "alongside", "amid", "amidst",
    "among", "amongst", "around", "aside", "astride", "athwart", "atop", "barring", "before",
    "behind", "below", "beneath", "beside", "besides", "between", "beyond", "circa", "despite",
    "during", "except", "given", "inside", "lest", "like", "near", "next",
    "notwithstanding", "off", "out", "per", "plus", "qua", "sans", "since", "than", "through",
    "throughout", "toward", "towards", "under", "underneath", "until", "unto", "upon",
    "versus", "vs", "vs.", "v.", "within", "without",
    # the rest of citeproc-js's list: particles and Latin/French small words
    "afore", "al", "anenst", "apropos", "apud", "c", "ca", "de", "et", "forenenst", "modulo",
    "pro", "thru", "thruout", "van", "von"}


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
    title raise AttributeError (92 catalogue styles failed on the seed);
    empty text and name counts raised too (french4, gayana-botanica)."""
    original = model.TextCased.case

    def case(self, text, language=None):
        # a name count (an int) or empty text has no case to change
        if self.get("text-case") is None or not isinstance(text, (str, list)) \
                or not str(text):
            return text
        if type(text) is str:
            return str(original(self, _as_cased(text), language))
        return original(self, _as_cased(text), language)

    model.TextCased.case = case


def _capitalize(word):
    """The first letter up, after any opening quote or bracket (“New")."""
    from citeproc.string import NoCase

    if isinstance(word, NoCase):
        return word
    text = str(word)
    index = 0
    while index < len(text) - 1 and (text[index] in "“\"‘«([¿¡" or text[index] in MARK_CHARS):
        index += 1  # not an apostrophe: "’t Hooft" keeps its "t"
    return text[:index] + text[index].upper() + text[index + 1:] if text else text


def _title(self, text):
    """CSL 1.0.2 title case: lower-case words are capitalized except stop
    words, which stay low unless first, last or after a colon (citeproc-py
    also capitalizes them after any period, "Ed. And Translator"), a stop
    word recognised with the punctuation around it ("beyond:").  Words in
    a nocase span stay as they are, and the spacing of the text is kept
    (citeproc-py put a space on each side of a nocase span)."""
    from citeproc.string import MixedString, NoCase

    segments = list(text) if isinstance(text, MixedString) else [text]
    tokens = [(part, isinstance(segment, NoCase)) for segment in segments
              for part in re.split(r"(\s+)", str(segment)) if part]
    words = [i for i, (part, _) in enumerate(tokens) if not part.isspace()]
    previous, hyphen_seen = ":", False
    for number, i in enumerate(words):
        word, nocase = tokens[i]
        if not nocase:
            word = _title_word(self, word, number == 0 or previous in ":?!",
                               number == len(words) - 1, hyphen_seen)
        previous = word[-1:]
        hyphen_seen = hyphen_seen or "-" in word
        tokens[i] = (word, nocase)
    return "".join(part for part, _ in tokens)


# hyphens, dashes, slashes, periods, apostrophes and quotes join the parts
# of a word
_WORD_PARTS = re.compile(r"([-–—/.’'“”])")
# after these, a part is kept as it is ("Don’t", "O’neill", "l”histoire")
_KEEP_AFTER = frozenset("’'”")


def _title_word(self, word: str, first: bool, last: bool, hyphen_seen: bool) -> str:
    """One word title-cased part by part, as citeproc-js does: a part with
    a capital stays as it is ("PI3K/Akt/mTOR"), a stop word stays low
    inside the title, a lone letter stays low unless first or hyphened
    ("The Vitamin a", "e. coli", "u.s.", "Sur l’usage", but "X-Ray"), a
    part after an apostrophe stays as it is ("Don’t"), and the rest is
    capitalized ("arXiv.Org", "Higher-Dimensional", "Digital-to-RF").  The
    first part of a hyphenated word is capitalized whatever it is until a
    hyphenated word has been seen ("The On-Target One", but "Off- and
    on-Target", "Well-Known e-Mail": citeproc-js's way, found by running
    titles through it; textcase_StopWordBeforeHyphen)."""
    parts = _WORD_PARTS.split(word)
    for k in range(0, len(parts), 2):
        part = parts[k]
        if not part.islower() or (k and parts[k - 1] in _KEEP_AFTER):
            continue
        core = part.strip(".,;:!?()[]\"'“”‘’").lower()
        edge = (first and k == 0) or (last and k == len(parts) - 1)
        hyphened = (k > 0 and parts[k - 1] == "-") or (k + 1 < len(parts) and parts[k + 1] == "-")
        if k == 0 and len(parts) > 1 and parts[1] == "-" and not hyphen_seen:
            low = False
        elif len(core) == 1 and core.isalpha():
            low = not ((first and k == 0) or (hyphened and not hyphen_seen))
        else:
            low = core in self._stop_words and not edge
        if not low:
            parts[k] = _capitalize(part)
    return "".join(parts)


_WHOLE = frozenset(("uppercase", "lowercase"))


def _whole(text, text_case: str):
    """uppercase or lowercase of rich text, its nocase parts (the data's
    nocase spans, and small capitals, superscripts and subscripts:
    richtext) left as they are, as citeproc-js leaves them ("NATUM mcXc";
    citeproc-py's MixedString changed them too: "MCXCVIII" for a small-caps
    "mcxcviii" under uppercase)."""
    from citeproc.string import MixedString, NoCase

    if isinstance(text, NoCase):
        return text
    if isinstance(text, MixedString):
        return MixedString([_whole(part, text_case) for part in text])
    return text.upper() if text_case == "uppercase" else text.lower()


def _wordwise(text, text_case: str) -> str:
    """capitalize-all or sentence case word by word, the spacing kept
    (citeproc-py joined its words with spaces, and put one on each side of
    a nocase part that meets a formatting mark: "<span> mcxcviii </span>");
    nocase words stay as they are.  capitalize-all capitalizes each word
    but one after an apostrophe or with a capital after its first letter,
    as citeproc-js does ("Don’t", "L’homme", "iPhone", "X-Ray").
    Sentence case is citeproc-js's: the first word capitalized and kept
    otherwise, every other word lower-cased, words parted as citeproc-js
    parts them (_WORDS: "IPhone x", "DNA-seq ab: the cat", "NATUM ab",
    "L’homme", "Input/output"; CSL 1.0.2 would keep mixed-case words,
    citeproc-py capitals)."""
    from citeproc.string import MixedString, NoCase

    def leaves(value):
        if isinstance(value, MixedString):
            for part in value:
                yield from leaves(part)
        else:
            yield value

    tokens = [(part, index % 2 == 1, isinstance(leaf, NoCase)) for leaf in leaves(text)
              for index, part in enumerate(_WORDS.split(str(leaf))) if part]
    first = True
    out = []
    after_word = False  # the last piece a word, an apostrophe after it ("Don’t")
    for part, between, nocase in tokens:
        if between or all(char in MARK_CHARS for char in part):
            out.append(part)  # not a word: spacing, punctuation, a formatting mark alone
            after_word = after_word and part in "’'"
            continue
        if nocase:
            pass
        elif text_case == "sentence":
            part = _capitalize(part) if first else part.lower()
        elif not after_word and not _mixed(part):
            part = _capitalize(part)  # (capitalize-all: "X-Ray", "L’homme", "iPhone")
        first, after_word = False, True
        out.append(part)
    return "".join(out)


# what citeproc-js's capitalize-first passes over before the first letter:
# an opening bracket or single quote (its text-case "tags"), and the data's
# formatting marks; not "«" or "¿".  (It passes over a typographic “ of
# the data too, but not a straight quote pair, which richtext made “…”
# before: indistinguishable here, the “ is left as citeproc-py leaves it.)
_FIRST_SKIPPED = frozenset("‘([") | MARK_CHARS


def _capitalized_first(text):
    """capitalize-first as citeproc-js does it: the first letter up, behind
    an opening quote or bracket ("“Hello” world", "(Hello) x"), where
    citeproc-py upper-cased the quote itself."""
    from citeproc.string import MixedString, NoCase

    pieces = list(text) if isinstance(text, MixedString) else [text]
    for index, piece in enumerate(pieces):
        plain = str(piece)
        if not plain:
            continue
        if isinstance(piece, (NoCase, list)):
            return text
        at = 0
        while at < len(plain) - 1 and plain[at] in _FIRST_SKIPPED:
            at += 1
        cased = plain[:at] + plain[at].upper() + plain[at + 1:]
        if cased == plain:
            return text
        pieces[index] = type(piece)(cased)
        return MixedString(pieces) if isinstance(text, MixedString) else pieces[0]
    return text


def _mixed_first(text) -> bool:
    """Whether the text's first word (marks and opening quotes aside) has a
    capital after its first letter ("bioRxiv", "iPhone").  citeproc-js
    reads only the word's part before a hyphen, apostrophe, dash, slash,
    bracket, quote or sentence mark: it keeps "iPhone-X" but capitalizes
    "de-Souza-Cruz", "d’Alembert", "Https://github.com/ChristofferNellaker"
    ("_", "=", "+", "@", "&", "#", "*", digits join a word)."""
    words = str(text).split(None, 1)
    if not words:
        return False
    word = words[0].lstrip("“\"‘«([¿¡")
    rest = word[1:]
    if rest == rest.lower():
        return False
    return _mixed(_SEGMENT.split(word, 1)[0])


_SEGMENT = re.compile("[-'‘’“”/:.;,!?()\\[\\]\"\u2013\u2014]")


def _mixed(word: str) -> bool:
    """A capital after the word's first letter ("iPhone", "dNA"): capitalize-all keeps it."""
    letters = "".join(char for char in word if char not in MARK_CHARS)
    return any(char.isupper() for char in letters[1:])


# What parts words in citeproc-js's text cases (CSL.Output.Formatters'
# split): spaces, quotes and apostrophes, dashes, the slash, sentence
# punctuation and brackets ("L’homme", "Input/output", "X-Ray").
_WORDS = re.compile(r"(\s+|[-\u2013\u2014/.,;?!:\[\]()'\"\u2018\u2019\u201c\u201d])")


def _patch_title_case(model) -> None:
    """(bugreports_TitleCase, textcase_AfterQuote, textcase_InQuotes,
    textcase_StopWordBeforeHyphen, textcase_TitleCapitalization2,
    textcase_TitleCaseWithHyphens, textcase_TitleWithEmDash,
    textcase_TitleWithEnDash.)  citeproc-py title-cases only text whose language it was told is
    English; labels and terms ("ed.", "trans.") are told nothing.  Untagged
    text is taken as English, as CSL 1.0.2 does for an English locale.
    Hyphenated words are title-cased part by part ("Higher-Dimensional",
    "Digital-to-RF": stop words stay low)."""
    original = model.TextCased.case

    def case(self, text, language=None):
        language = language or "en"
        if not isinstance(text, (str, list)) or not str(text):
            return text
        text_case = self.get("text-case")
        if text_case == "title" and language == "en":
            cased = _title(self, _as_cased(text))
        elif text_case in _WHOLE and isinstance(text, list):
            cased = _whole(text, text_case)
        elif text_case in ("sentence", "capitalize-all"):
            cased = _wordwise(text, text_case)
        elif text_case == "capitalize-first" and _mixed_first(text):
            cased = text  # "bioRxiv", "iPhone app", "pH value", as citeproc-js keeps them
        elif text_case == "capitalize-first":
            cased = _capitalized_first(text)
        else:
            cased = original(self, text, language)
        if text_case is not None and (STRIPPING.depth or self.get("strip-periods")):
            return after_case(self, cased)  # (citeproc-js strips once cased)
        return cased

    model.TextCased.case = case


def _patch_output_language(model) -> None:
    """Text whose item gives no language is in the language of the locale
    rendered with, not of the style's default-locale: citeproc-py left
    titles uncased in a style written for Turkish rendered in English,
    where citeproc-js title-cases them (ankara-universitesi-...; no
    fixture changes)."""
    set_locale_list = model.Style.set_locale_list

    def set_locales(self, output_locale, validate=True):
        set_locale_list(self, output_locale, validate=validate)
        self.bibconv_language = str(output_locale).split("-")[0]

    model.Style.set_locale_list = set_locales
    from .speed import memo_table

    process = model.Text.process
    languages = memo_table()  # cs:text's id -> (element, its style's output language)

    def text_process(self, item, context=None, **kwargs):
        text, language = process(self, item, context=context, **kwargs)
        if "language" not in item.reference:
            hit = languages.get(id(self))
            if hit is None or hit[0] is not self:
                hit = languages[id(self)] = (self, getattr(self.get_root(), "bibconv_language",
                                                           _UNSET))
            if hit[1] is not _UNSET:
                language = hit[1]
        return text, language

    model.Text.process = text_process


def _patch_macro_calls(model) -> None:
    """text-case on a cs:text that calls a macro changes nothing, as in
    citeproc-js (2.4): bakhtiniana's substitute ``<text macro="title"
    text-case="uppercase"/>`` prints the title as it is.  Found by running
    small styles through both processors; no fixture changes."""
    from .speed import memo_table

    original = model.Text.markup
    cased_calls = memo_table()  # cs:text's id -> (element, a macro call with a text-case?)

    def markup(self, text, language):
        hit = cased_calls.get(id(self))
        if hit is None or hit[0] is not self:
            hit = cased_calls[id(self)] = (self, self.get("macro") is not None
                                           and self.get("text-case") is not None)
        if hit[1]:
            language = _UNCASED
        return original(self, text, language)

    model.Text.markup = markup
    case = model.TextCased.case

    def uncased(self, text, language=None):
        return text if language is _UNCASED else case(self, text, language)

    model.TextCased.case = uncased


_UNCASED = "\x00uncased"  # the language a macro call's text is marked with
_UNSET = object()
