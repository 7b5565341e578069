"""Tune the listing reader's page grammar (converters/formats/listing/labelling.py).

    python benchmarks/listing_tune.py [--seeds 60] [--rounds 2]

The line evidence is fitted by benchmarks/listing_train.py; the constants of
the page grammar (how costly an author list without an abstract is, how much
a change of name style counts, ...) are chosen here, by coordinate search over
a small grid of values for each, to maximise the share of *entries* whose
every line gets its right label, on the same training pages (seeds 0 to N-1;
scores are measured on seeds from 1000 on by listing_score.py).  Each line's
evidence is computed once per page; only the grammar is re-run.  Prints the
constants found, to be reviewed and copied into labelling.py.
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script: the checkout, for tests.* and benchmarks.*

from converters.formats.listing import labelling  # noqa: E402
from converters.formats.listing.reader import page_lines  # noqa: E402
from tests import listing_pages  # noqa: E402

LABEL = {"T": labelling.T, "A": labelling.A, "B": labelling.B}

# name -> (getter, setter, candidate values)
def _transition(pair):
    return (lambda: labelling.TRANSITION[pair],
            lambda v: labelling.TRANSITION.__setitem__(pair, v))


def _constant(name):
    return (lambda: getattr(labelling, name), lambda v: setattr(labelling, name, v))


KNOBS = {
    "A->T": (*_transition((labelling.A, labelling.T)), [-2.0, -1.5, -1.0, -0.5, 0.0]),
    "T->T": (*_transition((labelling.T, labelling.T)), [-4.0, -3.0, -2.0, -1.5, -1.0]),
    "T->B": (*_transition((labelling.T, labelling.B)), [-3.0, -2.0, -1.0, 0.0]),
    "OTHER_STYLE": (*_constant("OTHER_STYLE"), [-3.0, -2.0, -1.5, -1.0, -0.5]),
    "CONFIDENT_NAME": (*_constant("CONFIDENT_NAME"), [0.5, 0.75, 1.0, 1.5, 2.0]),
    "NO_ABSTRACT_RATE": (*_constant("NO_ABSTRACT_RATE"), [0.2, 0.3, 0.4]),
    "NO_ABSTRACT_WEIGHT": (*_constant("NO_ABSTRACT_WEIGHT"), [2.0, 5.0, 10.0, 20.0]),
    "HIDDEN_NAMES": (*_constant("HIDDEN_NAMES"), [0.5, 1.5, 3.0]),
    "NAME_SHAPED_TITLE": (*_constant("NAME_SHAPED_TITLE"), [-1.5, -1.0, -0.5, 0.0, 0.5]),
    "REPEATED_NAME": (*_constant("REPEATED_NAME"), [0.0, 1.0, 2.0, 3.0, 4.0, 6.0]),
    "UNCUT_ABSTRACT": (*_constant("UNCUT_ABSTRACT"), [0.0, -0.5, -1.0, -2.0, -3.0]),
    "SURE_PERSON": (*_constant("SURE_PERSON"), [1.0, 1.5, 2.0, 3.0]),
}


def pages(corpora: str, seeds: range, part: str | None = None, old_pool: bool = False):
    pools = [listing_pages.pool(corpora, kind, part, not old_pool) for kind in ("bib", "jats")]
    for seed in seeds:
        page = listing_pages.make_page(pools[seed % 2], seed, hard=0.5 * (seed // 2 % 2),
                                       wide=not old_pool)
        lines = page_lines(page.text)
        truth = [LABEL[label] for _, label in page.labels]
        starts = [i for i, t in enumerate(truth) if t == labelling.T] + [len(truth)]
        yield lines, truth, list(itertools.pairwise(starts))


def exact_share(book) -> float:
    exact = total = 0
    for lines, truth, entries in book:
        labels, _ = labelling.label(lines)
        for start, end in entries:
            total += 1
            exact += labels[start:end] == truth[start:end] and (
                end == len(labels) or labels[end] == labelling.T)
    return exact / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--part", choices=("a", "b"),
                        help="fit on one half of the corpus files only (tests/listing_pages.py)")
    parser.add_argument("--corpora", default=os.environ.get(
        "BIBCONV_CORPORA", str(HERE.parent.parent / "shared" / "corpora")))
    parser.add_argument("--old-pool", action="store_true",
                        help="the previous stop's pool and hard mix (tests/listing_pages.py)")
    args = parser.parse_args()
    book = list(pages(args.corpora, range(args.seeds), args.part, args.old_pool))
    cache: dict = {}
    real = labelling.emissions

    def cached(text, context):
        key = (text, context.marked, context.words)
        if key not in cache:
            cache[key] = real(text, context)
        return cache[key]

    contexts: dict = {}
    real_context = labelling.page_context

    def same_context(texts):
        key = tuple(texts)
        if key not in contexts:
            contexts[key] = real_context(texts)
        return contexts[key]

    labelling.emissions = cached
    labelling.page_context = same_context
    best = exact_share(book)
    print(f"start: {best:.4f}", flush=True)
    for _ in range(args.rounds):
        for name, (get, put, values) in KNOBS.items():
            keep = get()
            for value in values:
                put(value)
                share = exact_share(book)
                if share > best + 1e-9:
                    best, keep = share, value
            put(keep)
            print(f"{name} = {keep}   ({best:.4f})", flush=True)


if __name__ == "__main__":
    main()
