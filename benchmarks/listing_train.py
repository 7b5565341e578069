"""Fit the weights of the listing reader's name-or-title evidence.

    python benchmarks/listing_train.py [--seeds 40] [--part a|b] [--save W.json]

Pages are made by tests/listing_pages.py from both pools (the .bib and
CSL-JSON libraries, the JATS articles), seeds 0 to N-1 (the scores are
measured on seeds from 1000 on); each name-shaped title or author line is one
example, described by ``evidence.features``.  A logistic
regression with both classes weighted equally (so the page's grammar, not
the weights, says how common each reading is) and a little L2 shrinkage is
fitted by gradient descent; the weights are printed as the ``WEIGHTS`` table
of converters/formats/listing/evidence.py, to be pasted there and reviewed.
Needs numpy (not a dependency of bibconv).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script: the checkout, for tests.* and benchmarks.*

from converters.formats.listing import evidence, namegrams  # noqa: E402
from converters.formats.listing.layout import AUTHOR_MARKER, HEADING  # noqa: E402
from tests import listing_pages  # noqa: E402


def _pages(corpora: str, seeds: range, part: str | None, old_pool: bool):
    pools = [listing_pages.pool(corpora, kind, part, not old_pool) for kind in ("bib", "jats")]
    for seed in seeds:
        yield listing_pages.make_page(pools[seed % 2], seed, hard=0.5 * (seed // 2 % 2),
                                      wide=not old_pool)


def examples(corpora: str, seeds: range, part: str | None = None, old_pool: bool = False):
    for page in _pages(corpora, seeds, part, old_pool):
        texts = [line.strip() for line in page.text.splitlines() if line.strip()]
        texts = [t for t in texts if not HEADING.match(t)]
        context = evidence.page_context(texts)
        for line, label in page.labels:
            if label == "B" or AUTHOR_MARKER.search(line) or not evidence.name_shaped(line):
                continue
            yield evidence.features(line, context), label == "A"


_TEXT_WORD = re.compile(r"[^\W\d_]{2,}")


def name_words(name: str) -> list[str]:
    """The words of an author's name the letter model learns from: given names
    and surnames, not initials ("JD", "J."), particles ("van") or
    organisations' words."""
    if evidence.is_organisation(name):
        return []
    words = []
    for token in re.split(r"[\s\-‐]+", name):
        token = token.strip(".,'’()")
        if len(token) < 2 or "." in token or token.isupper() or token.islower():
            continue
        words.append(namegrams.key(token))
    return [w for w in words if len(w) > 1]


def text_words(entry) -> list[str]:
    """The words of a title and its abstract's head."""
    text = entry.title + " " + (entry.abstract or "")[:2000]
    return [namegrams.key(w) for w in _TEXT_WORD.findall(text)]


def fit_names(corpora: str, seeds: range, path: str, part: str | None = None,
              old_pool: bool = False) -> tuple[int, int]:
    """Fit the letter models (namegrams.py) on the records of the training
    pages only, write them to ``path`` and use them from now on."""
    names: set[str] = set()
    words: set[str] = set()
    for page in _pages(corpora, seeds, part, old_pool):
        for entry in page.truth:
            names.update(w for author in entry.authors for w in name_words(author))
            words.update(w for w in text_words(entry) if len(w) > 1)
    namegrams.save(path, namegrams.fit(names), namegrams.fit(words))
    namegrams.use(path)
    return len(names), len(words)


# Features whose direction is known before any fit: evidence against a name
# (a title's vocabulary) and evidence for one (a name's spelling).  Words
# that the letter models and the word endings both describe pull on each
# other's weights; unconstrained, "vocabulary ending" came out pro-name and
# "Missing Mimi" was read as an author.  Their weights are held on their side
# of zero (projected after each step).
AGAINST_A_NAME = ("vocabulary ending", "plural noun", "word of the page", "lower-case word",
                  "lower-case part", "function word first", "ordinary word first",
                  "ordinary word middle", "known word first", "known word middle",
                  "ordinary line", "common word first")
FOR_A_NAME = ("initial first", "name spelling first", "name spelling middle",
              "name spelling last", "given name first", "popular given name first",
              "no ordinary word")


def _signs(names) -> tuple[list[int], list[int]]:
    """Columns (after the bias) held at or below zero, and at or above."""
    return ([1 + names.index(k) for k in AGAINST_A_NAME if k in names],
            [1 + names.index(k) for k in FOR_A_NAME if k in names])


def fit(rows, labels, l2=0.0005, steps=20000, rate=2.0, names=()):
    import numpy as np

    x = np.array(rows, dtype=float)
    y = np.array(labels, dtype=float)
    x = np.hstack([np.ones((len(x), 1)), x])
    positive = y.mean()
    weight = np.where(y == 1, 0.5 / positive, 0.5 / (1 - positive))
    w = np.zeros(x.shape[1])
    against, towards = _signs(list(names))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (weight * (p - y)) / len(y) + l2 * np.r_[0, w[1:]]
        w -= rate * gradient
        w[against] = np.minimum(w[against], 0.0)
        w[towards] = np.maximum(w[towards], 0.0)
    p = 1 / (1 + np.exp(-x @ w))
    accuracy = float(((p > 0.5) == (y == 1)).mean())
    return w, accuracy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=40)
    parser.add_argument("--save", help="also write the weights to this JSON file")
    parser.add_argument("--l2", type=float, default=0.0005, help="shrinkage of the weights")
    parser.add_argument("--part", choices=("a", "b"),
                        help="fit on one half of the corpus files only (tests/listing_pages.py)")
    parser.add_argument("--corpora", default=os.environ.get(
        "BIBCONV_CORPORA", str(HERE.parent.parent / "shared" / "corpora")))
    parser.add_argument("--old-pool", action="store_true",
                        help="the previous stop's pool and hard mix (tests/listing_pages.py)")
    parser.add_argument("--grams", default=str(namegrams.DATA),
                        help="where to write the letter models fitted on the training "
                        "pages' records (default: the shipped file)")
    parser.add_argument("--no-letter-models", action="store_true",
                        help="fit without the letter models' features (their weights stay 0)")
    args = parser.parse_args()
    evidence.FITTING = True  # every feature is computed, those the shipped weights leave at zero too
    seen = fit_names(args.corpora, range(args.seeds), args.grams, args.part, args.old_pool)
    print(f"# letter models: {seen[0]} name words, {seen[1]} title and abstract words "
          f"-> {args.grams}")
    names = tuple(k for k in evidence.FEATURES
                  if not (args.no_letter_models and k.startswith("name spelling")))
    rows, labels = [], []
    for f, is_name in examples(args.corpora, range(args.seeds), args.part, args.old_pool):
        rows.append([f[k] for k in names])
        labels.append(is_name)
    w, accuracy = fit(rows, labels, l2=args.l2, names=names)
    # The hand-set weights take their place after the fit, as in evidence.py.
    table = {"bias": float(w[0]), **dict.fromkeys(evidence.FEATURES, 0.0),
             **{k: float(v) for k, v in zip(names, w[1:], strict=True)}}
    table.update({k: evidence.WEIGHTS[k] for k in evidence.HAND_SET})
    if args.save:
        Path(args.save).write_text(json.dumps(table, indent=1), encoding="utf-8")
    print(f"# {len(rows)} lines ({sum(labels)} names), training accuracy {accuracy:.3f}")
    print("WEIGHTS = {")
    for name, value in table.items():
        print(f'    "{name}": {value:.2f},')
    print("}")


if __name__ == "__main__":
    main()
