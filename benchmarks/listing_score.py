"""Score the listing reader on realistic pages made from the corpora.

    python benchmarks/listing_score.py [--seeds 20] [--first-seed 1000] [--part a|b] [--weights W.json]

Pages come from tests/listing_pages.py (real titles, authors and abstracts
laid out with the page's display rules), in two pools (the .bib and CSL-JSON
libraries; the JATS articles' front matter and references) and two mixes:
``natural`` (entries drawn as they come) and ``hard`` (half the entries
that follow one without an abstract get a title that reads like a name).
``--old-pool`` scores the previous stop's pool and hard mix (before
``listing_pages.plausible`` and the wider name-like titles), to set beside.
Seeds from 1000 on were never used to fit the reader's weights (0-39 were).
Prints entries read exactly, by kind of entry and by kind of mistake, and the
reading time.  ``--pool-cache FILE`` keeps the pools as JSON, so another
checkout of bibconv (PYTHONPATH=...) can be scored on the very same pages.
"""
from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script: the checkout, for tests.* and benchmarks.*

from tests import listing_pages  # noqa: E402


def pools(corpora: str, cache: str | None, part: str | None = None,
          screen: bool = True) -> dict[str, tuple]:
    """The pools, screened by ``listing_pages.plausible`` unless ``screen`` is
    False (the pool as it was before that rule); the cache holds them unscreened."""
    if part:
        return {kind: listing_pages.pool(corpora, kind, part, screen) for kind in ("bib", "jats")}
    if cache and os.path.exists(cache):
        raw = json.loads(Path(cache).read_text(encoding="utf-8"))
        found = {k: tuple(listing_pages.Entry(**e) for e in v) for k, v in raw.items()}
    else:
        found = {kind: listing_pages.pool(corpora, kind, screen=False) for kind in ("bib", "jats")}
        if cache:
            Path(cache).write_text(json.dumps(
                {k: [dataclasses.asdict(e) for e in v] for k, v in found.items()}), encoding="utf-8")
    if screen:
        found = {k: tuple(e for e in v if listing_pages.plausible(e)) for k, v in found.items()}
    return found


def score(entries, seeds, hard: float, wide: bool = True):
    from converters.formats import listing

    total = exact = lost = 0
    kinds: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    mistakes: collections.Counter = collections.Counter()
    seconds = 0.0
    for seed in seeds:
        page = listing_pages.make_page(entries, seed, hard=hard, wide=wide)
        start = time.perf_counter()
        result = listing.read(page.text, "page")
        seconds += time.perf_counter() - start
        s = listing_pages.score(result.records, page.truth)
        total += s["total"]
        exact += s["exact"]
        lost += max(0, s["total"] - s["records"])
        for kind, (good, count) in s["by_kind"].items():
            kinds[kind][0] += good
            kinds[kind][1] += count
        for _, what, _ in s["misses"]:
            mistakes[what.split(" ")[0]] += 1
    return total, exact, lost, dict(kinds), mistakes, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first-seed", type=int, default=1000)
    parser.add_argument("--pool-cache")
    parser.add_argument("--part", choices=("a", "b"),
                        help="pages from one half of the corpus files only (tests/listing_pages.py)")
    parser.add_argument("--old-pool", action="store_true",
                        help="the pool and hard mix of the previous stop: no screening of "
                        "implausible records, the narrower rule for name-like titles")
    parser.add_argument("--weights", help="a JSON file of evidence weights to score instead "
                        "(as listing_perceptron.py --save writes them)")
    parser.add_argument("--corpora", default=os.environ.get(
        "BIBCONV_CORPORA", str(HERE.parent.parent / "shared" / "corpora")))
    parser.add_argument("--grams", help="the letter models to use (listing_train.py --grams); "
                        "default: the shipped ones")
    args = parser.parse_args()
    if args.grams:
        from converters.formats.listing import namegrams
        namegrams.use(args.grams)
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    if args.weights:
        from converters.formats.listing import evidence
        evidence.WEIGHTS.update(json.loads(Path(args.weights).read_text(encoding="utf-8")))
    found = pools(args.corpora, args.pool_cache, args.part, screen=not args.old_pool)
    print("| pool | mix | entries read exactly | entries merged away | by kind | mistakes | read time |")
    print("|---|---|---|---|---|---|---|")
    for kind, entries in found.items():
        for mix, hard in (("natural", 0.0), ("hard", 0.5)):
            total, exact, lost, kinds, mistakes, seconds = score(entries, seeds, hard,
                                                                 wide=not args.old_pool)
            by_kind = ", ".join(f"{k} {g}/{n}" for k, (g, n) in sorted(kinds.items()))
            wrong = ", ".join(f"{k} {n}" for k, n in mistakes.most_common())
            print(f"| {kind} | {mix} | {exact}/{total} ({exact / total:.1%}) | {lost} | "
                  f"{by_kind} | {wrong or '-'} | {seconds:.2f} s |")


if __name__ == "__main__":
    main()
