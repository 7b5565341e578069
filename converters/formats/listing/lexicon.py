"""Evidence from lexicons: is a word a given name, an ordinary word, or neither?

Two well-kept data sets, loaded on first use (never at import, so ``bibconv
--help`` and pages that shape alone decides stay fast):

* given names: Jörg Michael's list of about 48,000 first names from 54
  countries, shipped by ``gender-guesser`` (``data/nam_dict.txt``).  We read
  its name column and popularity digits directly; the package's own parser
  builds per-country tables we do not need and takes several times longer.
* ordinary words: ``wordfreq``'s frequency lists (English's large list, the
  others' small ones) (Zipf scale: 7 for "the",
  3 for a word seen once per million words) in the languages publication
  titles are mostly written in.
"""
from __future__ import annotations

import math
import re
import unicodedata
from functools import cache, lru_cache

# The languages of titles and abstracts we expect on publication pages.
LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl")


# A name line: sex code, the name in columns 4-29, then one popularity digit
# (hex, or a space) per country in columns 31-85.
_NAME_LINE = re.compile(r"^[MF?1][MF ]? (.{26})(.{0,55})", re.MULTILINE)


@lru_cache(maxsize=1)
def given_names() -> dict[str, int]:
    """Lower-cased given name -> its highest popularity in any country (1-13)."""
    from importlib.resources import files

    text = files("gender_guesser").joinpath("data/nam_dict.txt").read_text("utf-8")
    names: dict[str, int] = {}
    for raw, countries in _NAME_LINE.findall(text):
        name = raw.strip().lower()
        # In ASCII the largest of the digits is the highest popularity.
        highest = max(countries, default=" ")
        popularity = int(highest, 16) if "0" < highest <= "F" else 1
        # "Jun+Wei" stands for "Jun-Wei", "Jun Wei" and "Junwei"; pages drop
        # accents as often as they keep them ("Joao", "Etienne").
        spellings = {name.replace("+", "-"), name.replace("+", "")}
        if not name.isascii():
            spellings.add(fold(name))
        for spelling in spellings:
            if popularity > names.get(spelling, 0):
                names[spelling] = popularity
    return names


def fold(word: str) -> str:
    """Lower case without accents: "Étienne" -> "etienne"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("+", "")


@lru_cache(maxsize=65536)
def given_name_popularity(word: str) -> int:
    """0 when ``word`` is no known given name (each word is asked about
    several times a line, and its folding was a tenth of a page's time)."""
    names = given_names()
    lower = word.lower()
    return names.get(lower) or names.get(fold(lower), 0)


@cache
def _frequencies(language: str, wordlist: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict(language, wordlist)


def _zipf(lower: str, language: str, wordlist: str) -> float:
    """wordfreq's Zipf frequency; a plain word is looked up in its table
    directly (wordfreq's own call tokenizes every word it is given, which
    was most of the time of reading a large page)."""
    if lower.isalpha():
        frequency = _frequencies(language, wordlist).get(lower)
        return round(math.log10(frequency) + 9, 2) if frequency else 0.0
    from wordfreq import zipf_frequency

    return zipf_frequency(lower, language, wordlist=wordlist)


@lru_cache(maxsize=65536)
def ordinary_frequency(word: str) -> float:
    """Highest Zipf frequency of ``word`` among LANGUAGES' small lists, which
    hold a language's ordinary words and few proper names."""
    lower = word.lower()
    return max(_zipf(lower, language, "small") for language in LANGUAGES)


@lru_cache(maxsize=65536)
def word_frequency(word: str, language: str | None = None) -> float:
    """Zipf frequency of ``word`` (any case) in ``language``, or the highest
    among LANGUAGES; 0 if unknown."""
    lower = word.lower()
    if language:
        # English, the language of most titles, in its large list (which
        # knows "exciton" and "nanowire"); the others in their small ones.
        return _zipf(lower, language, "large" if language == "en" else "small")
    return max(word_frequency(lower, language) for language in LANGUAGES)


def _trigrams(word: str) -> list[str]:
    padded = "^" + fold(word) + "$"
    return [padded[i:i + 3] for i in range(len(padded) - 2)]


@lru_cache(maxsize=1)
def _letter_model() -> tuple[dict, dict, float, float]:
    """Letter trigram counts of given names and of ordinary words, for the
    words neither list knows: "Shashank" is spelled like a name, "Exciton"
    like a word."""
    from collections import Counter

    from wordfreq import top_n_list

    names = given_names()
    words = {w for language in LANGUAGES for w in top_n_list(language, 5000, wordlist="small")
             if w.isalpha() and len(w) > 2 and w not in names}
    in_names = Counter(g for name in names for g in _trigrams(name))
    in_words = Counter(g for word in words for g in _trigrams(word))
    vocabulary = len(in_names.keys() | in_words.keys())
    return (in_names, in_words, math.log(sum(in_names.values()) + vocabulary),
            math.log(sum(in_words.values()) + vocabulary))


@lru_cache(maxsize=1)
def _trigram_odds() -> tuple[dict[str, float], float]:
    """Each trigram's log-odds, worked out once, and that of a trigram
    neither list has."""
    in_names, in_words, names_total, words_total = _letter_model()
    odds = {g: math.log(in_names.get(g, 0) + 1) - names_total
            - math.log(in_words.get(g, 0) + 1) + words_total
            for g in in_names.keys() | in_words.keys()}
    return odds, words_total - names_total


@lru_cache(maxsize=65536)
def spelled_like_a_name(word: str) -> float:
    """Mean log-odds, per letter trigram, that ``word`` is a name rather than
    an ordinary word (positive: a name)."""
    odds, unseen = _trigram_odds()
    grams = _trigrams(word)
    if not grams:
        return 0.0
    return sum(odds.get(g, unseen) for g in grams) / len(grams)
