"""Precision of each validation rule on the real files of the shared corpora:
findings, confirmed true (hand-checked list or source-text oracle), judged
false, caused by a reader bug, and unexplained.  The same measurement as
tests/test_validation_precision.py, printed as a table.

    python benchmarks/validate_precision.py [--corpora ../shared/corpora] [--list reader]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the checkout, for tests.*
from tests import validation_corpus as vc  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path(
        os.environ.get("BIBCONV_CORPORA", ROOT.parent / "shared" / "corpora")))
    parser.add_argument("--list", choices=["true", "false", "reader", "unexplained"],
                        help="also list the findings with this verdict")
    args = parser.parse_args()
    findings = vc.run(args.corpora)
    print(vc.table(vc.score(findings)))
    print("\nfindings caused by reader bugs:")
    for cause, count in vc.reader_causes(findings).most_common():
        print(f"  {count:4}  {cause}")
    if args.list:
        print()
        for f in findings:
            if f.verdict == args.list:
                print(f"{f.file} [{f.reader or 'auto'}] {f.record} {f.code}: {f.message}"
                      f"\n    {f.reason}")


if __name__ == "__main__":
    main()
