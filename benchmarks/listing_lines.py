"""Lines the listing reader labels wrong on generated pages, by kind.

    python benchmarks/listing_lines.py [--seeds 20] [--first-seed 1000] [--pool-cache FILE] [--show]

The same pages as benchmarks/listing_score.py (both pools, natural and hard
mixes); each line's label (T title, A author, B abstract) is set beside the
truth the generator kept.  "T->A" and "T->B" are titles read as an author or
an abstract: each merges an entry into the one above, the worst mistake.
"A->T" splits an author list.  ``--show`` prints each wrong line with the
lines around it.  Another checkout is scored with PYTHONPATH=that/checkout.
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # tests.*, benchmarks.*; PYTHONPATH may name another checkout

from benchmarks.listing_score import pools  # noqa: E402
from tests import listing_pages  # noqa: E402

NAMES = "TAB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first-seed", type=int, default=1000)
    parser.add_argument("--pool-cache")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--corpora", default=os.environ.get(
        "BIBCONV_CORPORA", str(HERE.parent.parent / "shared" / "corpora")))
    args = parser.parse_args()
    from converters.formats.listing.labelling import label
    from converters.formats.listing.reader import page_lines

    total: collections.Counter = collections.Counter()
    for kind, entries in pools(args.corpora, args.pool_cache).items():
        for mix, hard in (("natural", 0.0), ("hard", 0.5)):
            wrong: collections.Counter = collections.Counter()
            for seed in range(args.first_seed, args.first_seed + args.seeds):
                page = listing_pages.make_page(entries, seed, hard=hard)
                lines = page_lines(page.text)
                truth = [what for _, what in page.labels]
                got, _ = label(lines)
                for i, (mine, true) in enumerate(zip(got, truth, strict=True)):
                    if NAMES[mine] != true:
                        wrong[f"{true}->{NAMES[mine]}"] += 1
                        if args.show:
                            print(f"{kind}/{mix} seed {seed} line {i}: {true} read {NAMES[mine]}")
                            for j in range(max(0, i - 2), min(len(lines), i + 3)):
                                mark = ">" if j == i else " "
                                print(f"  {mark} {truth[j]}/{NAMES[got[j]]} {lines[j][1][:90]!r}")
            print(f"{kind} {mix}: {dict(sorted(wrong.items())) or '-'}")
            total.update(wrong)
    merged = total["T->A"] + total["T->B"]
    print(f"all: {dict(sorted(total.items()))}; titles read as another line (merges): {merged}")


if __name__ == "__main__":
    main()
