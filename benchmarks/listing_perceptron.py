"""Fit the listing reader's name-or-title weights on whole pages.

    python benchmarks/listing_perceptron.py [--seeds 60] [--epochs 8] [--rate 0.05]
        [--start W.json] [--part a|b] [--save W.json]

benchmarks/listing_train.py fits the weights line by line (a logistic
regression), which does not know what the page's grammar makes of a line:
most lines are decided by their neighbours, and a weight that helps lines
in isolation can cost entries.  This fits them the way they are used: each
training page (seeds 0 to N-1, as listing_tune.py makes them) is labelled
by the reader itself, and for every name-shaped line it labels wrong the
weights move towards the right reading (an averaged structured perceptron,
started from the current weights).  Prints the share of entries read
exactly after each epoch, and the averaged weights as the ``WEIGHTS`` table
of converters/formats/listing/evidence.py, to be reviewed and pasted there.
Scores on pages it never saw come from listing_score.py (seeds from 1000 on).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script: the checkout, for benchmarks.*

from benchmarks import listing_tune  # noqa: E402
from converters.formats.listing import evidence, labelling, namegrams  # noqa: E402


def _cache_features() -> None:
    """Features depend on a line and its page, never on the weights."""
    real = evidence.features
    cache: dict = {}

    def cached(text, context):
        key = (text, context.marked, context.words)
        if key not in cache:
            cache[key] = real(text, context)
        return cache[key]

    evidence.features = cached


def _epoch(book, rate: float, total: dict, steps: list[int]) -> float:
    weights = evidence.WEIGHTS
    exact = entries = 0
    for lines, truth, spans in book:
        labels, _ = labelling.label(lines)
        context = evidence.page_context([text for _, text, _ in lines])
        for i, (_, text, _) in enumerate(lines):
            wrong = labels[i] != truth[i]
            if not wrong or not evidence.name_shaped(text):
                continue
            if truth[i] != labelling.A and labels[i] != labelling.A:
                continue  # a title read as an abstract: not the weights' doing
            sign = 1.0 if truth[i] == labelling.A else -1.0
            weights["bias"] += sign * rate
            for name, value in evidence.features(text, context).items():
                if name not in evidence.HAND_SET:
                    weights[name] += sign * rate * value
        for start, end in spans:
            entries += 1
            exact += labels[start:end] == truth[start:end] and (
                end == len(labels) or labels[end] == labelling.T)
        steps[0] += 1
        for name, value in weights.items():
            total[name] = total.get(name, 0.0) + value
    return exact / entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=60)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--rate", type=float, default=0.05)
    parser.add_argument("--start", help="a JSON file of weights to start from")
    parser.add_argument("--save", help="write the averaged weights to this JSON file")
    parser.add_argument("--part", choices=("a", "b"),
                        help="fit on one half of the corpus files only (tests/listing_pages.py)")
    parser.add_argument("--corpora", default=os.environ.get(
        "BIBCONV_CORPORA", str(HERE.parent.parent / "shared" / "corpora")))
    parser.add_argument("--old-pool", action="store_true",
                        help="the previous stop's pool and hard mix (tests/listing_pages.py)")
    parser.add_argument("--grams", help="the letter models to use (listing_train.py --grams); "
                        "default: the shipped ones")
    parser.add_argument("--letter-models", action="store_true",
                        help="compute the letter models' features even where the starting "
                        "weights leave them at zero, so that the fit can weigh them")
    args = parser.parse_args()
    evidence.FITTING = args.letter_models
    if args.grams:
        namegrams.use(args.grams)
    if args.start:
        evidence.WEIGHTS.update(json.loads(Path(args.start).read_text(encoding="utf-8")))
    book = list(listing_tune.pages(args.corpora, range(args.seeds), args.part, args.old_pool))
    _cache_features()
    total: dict = {}
    steps = [0]
    for epoch in range(args.epochs):
        share = _epoch(book, args.rate, total, steps)
        print(f"epoch {epoch + 1}: entries exact while training {share:.4f}", flush=True)
    averaged = {name: (evidence.WEIGHTS[name] if name in evidence.HAND_SET
                       else total[name] / steps[0]) for name in evidence.WEIGHTS}
    evidence.WEIGHTS.update(averaged)
    print(f"averaged weights: entries exact {listing_tune.exact_share(book):.4f}")
    if args.save:
        Path(args.save).write_text(json.dumps(averaged, indent=1), encoding="utf-8")
    print("WEIGHTS = {")
    for name, value in averaged.items():
        print(f'    "{name}": {value:.2f},')
    print("}")


if __name__ == "__main__":
    main()
