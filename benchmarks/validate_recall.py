"""Recall of each validation rule: faults injected into real records of the
shared corpora (fixed seed), found / injected per rule, and the faults each
rule missed.  The same measurement as tests/test_validation_recall.py.

    python benchmarks/validate_recall.py [--corpora ../shared/corpora] [--per-rule 300]
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the checkout, for tests.*
from tests import validation_faults as vf  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path(
        os.environ.get("BIBCONV_CORPORA", ROOT.parent / "shared" / "corpora")))
    parser.add_argument("--per-rule", type=int, default=vf.PER_RULE)
    args = parser.parse_args()
    results = vf.run(args.corpora, args.per_rule)
    print(f"{'rule':20} {'found':>5} / {'injected':>8}  recall")
    for code, r in sorted(results.items()):
        print(f"{code:20} {r.found:5} / {r.injected:8}  {r.recall:6.1%}")
        for kind, n in Counter(m.kind for m in r.missed).most_common():
            print(f"{'':22}missed {n} x {kind}")


if __name__ == "__main__":
    main()
