"""Score the listing reader on libraries its weights never saw.

    python benchmarks/listing_crossfit.py [--no-perceptron] [--work DIR]

listing_score.py's pages (seeds from 1000 on) are new arrangements of
records that the weights were fitted on.  Here the corpus files are split
into two halves of whole files (tests/listing_pages.py, ``pool(kind, part)``:
a library's style, names and subjects stay on one side); the weights are
fitted the way evidence.py's were (listing_train.py, then
listing_perceptron.py, hand-set weights kept) on one half, and the reader is
scored on pages of the other, both ways round.  Needs numpy, as
listing_train.py does; takes a few minutes.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _run(script: str, *args: str) -> str:
    return subprocess.run([sys.executable, str(HERE / script), *args], check=True,
                          capture_output=True, text=True).stdout


def fitted(part: str, work: Path, perceptron: bool, old: tuple[str, ...] = ()) -> Path:
    """The weights fitted on half ``part``, as a JSON file."""
    logistic = work / f"logistic-{part}.json"
    # The letter models are refitted on the half too (on its training pages'
    # records): the shipped ones saw records of both halves.
    grams = ("--grams", str(work / f"grams-{part}.json.gz"))
    _run("listing_train.py", "--part", part, "--seeds", "60", "--save", str(logistic), *grams,
         *old)
    if not perceptron:
        return logistic
    whole_pages = work / f"perceptron-{part}.json"
    _run("listing_perceptron.py", "--part", part, "--epochs", "8", "--rate", "0.03",
         "--start", str(logistic), "--save", str(whole_pages), *grams, *old)
    return whole_pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-perceptron", action="store_true",
                        help="the line-by-line fit only, without the whole-page refit")
    parser.add_argument("--work", help="keep the fitted weights in this folder")
    parser.add_argument("--old-pool", action="store_true",
                        help="fit and score on the previous stop's pool and hard mix")
    args = parser.parse_args()
    old = ("--old-pool",) if args.old_pool else ()
    work = Path(args.work or tempfile.mkdtemp(prefix="listing-crossfit-"))
    work.mkdir(parents=True, exist_ok=True)
    for fit_on, score_on in (("a", "b"), ("b", "a")):
        weights = fitted(fit_on, work, not args.no_perceptron, old)
        print(f"\nfitted on half {fit_on}, scored on half {score_on}:")
        print(_run("listing_score.py", "--part", score_on, "--weights", str(weights),
                   "--grams", str(work / f"grams-{fit_on}.json.gz"), *old), end="")
        print(f"the same pages, with the weights of evidence.py (which saw half {score_on}):")
        print(_run("listing_score.py", "--part", score_on, *old), end="")


if __name__ == "__main__":
    main()
