"""How a word is spelled: like a word of a person's name, or like a word of
a title or an abstract?

Two character models (letters given the three before them, with a word's
start and end marked), one fitted on the words of authors' names and one on
the words of titles and abstracts, by benchmarks/listing_train.py on the
records of its training pages only; their log-odds tells an unknown name
("Jagadish", "Poelsema") from an unknown word ("Nanowhiskers",
"Oxaliplatin") where neither lexicon knows it.  A letter sequence seen in
one word only is dropped at the fit: it is that word's, not a pattern of
names, and keeping it would only let the model recall its training names.

The counts ship as ``namegrams.json.gz`` beside this module and are read on
first use (never at import).  Probabilities are interpolated the way Witten
and Bell proposed: a history's own counts, backed off to its shorter history
in proportion to how many different letters have followed it.
"""
from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .lexicon import fold

ORDER = 4            # letter n-grams of 1 to 4 characters
START, END = "^", "$"
MIN_COUNT = 2        # an n-gram seen in fewer words is dropped at the fit
ALPHABET = 64        # letters the uniform floor spreads over (folded Latin, with room)
DATA = Path(__file__).with_name("namegrams.json.gz")


def _grams(word: str):
    """Every n-gram ending at each letter of the padded word (the end mark included)."""
    padded = START + word + END
    for i in range(1, len(padded)):
        for k in range(ORDER):
            if i - k < 0:
                break
            yield padded[i - k:i + 1]


def fit(words) -> dict[str, int]:
    """The n-gram counts of a set of distinct (folded) words, the rare ones dropped."""
    counts: Counter = Counter()
    for word in set(words):
        counts.update(_grams(word))
    return {gram: n for gram, n in counts.items() if n >= MIN_COUNT}


def save(path: str | Path, names: dict[str, int], words: dict[str, int]) -> None:
    text = json.dumps({"name": names, "word": words}, separators=(",", ":"), sort_keys=True)
    # no time stamp in the file: the same fit writes the same bytes
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(text.encode("utf-8"))


class _Model:
    """One class's interpolated letter model, kept as log-probabilities of
    the n-grams seen and, per history, the log-weight of backing off to the
    shorter one: a letter costs one look-up where its n-gram was seen."""

    def __init__(self, counts: dict[str, int]):
        history: Counter = Counter()   # how often a history was followed by anything
        kinds: Counter = Counter()     # by how many different letters
        for gram, n in counts.items():
            history[gram[:-1]] += n
            kinds[gram[:-1]] += 1
        self.back = {h: math.log(kinds[h] / (history[h] + kinds[h])) for h in history}
        self.logp: dict[str, float] = {}
        for gram in sorted(counts, key=len):   # shorter n-grams first: each backs off to one
            h = gram[:-1]
            lower = math.exp(self._log_p(gram[1:])) if h else 1.0 / ALPHABET
            self.logp[gram] = math.log((counts[gram] + kinds[h] * lower) / (history[h] + kinds[h]))

    def _log_p(self, gram: str) -> float:
        """Log-probability of ``gram``'s last letter after the letters before it."""
        cost = 0.0
        while True:
            seen = self.logp.get(gram)
            if seen is not None:
                return cost + seen
            history = gram[:-1]
            cost += self.back.get(history, 0.0)   # a history never seen: no cost, back off
            if not history:
                return cost + math.log(1.0 / ALPHABET)
            gram = gram[1:]

    def log_probability(self, word: str) -> float:
        padded = START + word + END
        return sum(self._log_p(padded[max(0, i - ORDER + 1):i + 1]) for i in range(1, len(padded)))


_models: list[tuple[_Model, _Model]] = []


def use(path: str | Path) -> None:
    """Read the models from ``path`` (the fitting scripts score other fits)."""
    with gzip.open(path, "rt", encoding="utf-8") as data:
        raw = json.load(data)
    _models[:] = [(_Model(raw["name"]), _Model(raw["word"]))]
    name_odds.cache_clear()


def key(word: str) -> str:
    """A word as the models know it: lower case, accents and all but letters dropped."""
    return "".join(c for c in fold(word) if c.isalpha())


@lru_cache(maxsize=65536)
def name_odds(word: str) -> float:
    """Log-odds per letter that ``word`` belongs to a person's name rather
    than to a title or abstract (positive: a name); 0 for no letters."""
    letters = key(word)
    if not letters:
        return 0.0
    if not _models:
        use(DATA)
    names, words = _models[0]
    return (names.log_probability(letters) - words.log_probability(letters)) / (len(letters) + 1)
