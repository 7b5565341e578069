"""Precision of every rule on real, published bibliographies: each finding on
the shared corpora is confirmed by the hand-checked list
(tests/validation_truth/judged.json) or by an oracle that reads the source
text; what neither explains counts against the rule.  Findings caused by a
reader bug (verdict "reader") are kept apart: they are not the rule's fault
and disappear when the reader is fixed, so this test runs unchanged after the
readers' fixes are merged.

    pytest -s tests/test_validation_precision.py     # prints the table
"""
from __future__ import annotations

import pytest

from tests import validation_corpus as vc
from tests.support import corpus

FLOOR = 0.98


@pytest.fixture(scope="module")
def findings():
    return vc.run(corpus())


@pytest.fixture(scope="module")
def scores(findings):
    result = vc.score(findings)
    print("\n" + vc.table(result))
    print("findings caused by reader bugs:", dict(vc.reader_causes(findings)))
    return result


@pytest.mark.parametrize("code", vc.RULES)
def test_precision_per_rule(scores, code):
    s = scores.get(code)
    if s is None:
        pytest.skip(f"{code} does not fire on the corpora")
    wrong = [f"{f.file} [{f.reader or 'auto'}] {f.record}: {f.message}" for f in s.unexplained]
    assert s.precision >= FLOOR, (
        f"{code}: {s.true} of {s.findings - s.reader} findings confirmed true "
        f"({s.false} judged false); unexplained:\n" + "\n".join(wrong[:40]))


def test_every_confirmed_finding_still_fires(findings):
    """A true finding of the hand-checked list that no longer fires is a
    real problem the rules stopped seeing."""
    fired = {(f.file, f.reader, f.record, f.code) for f in findings}
    counts = {}
    for f in findings:
        counts[(f.file, f.reader, f.code)] = counts.get((f.file, f.reader, f.code), 0) + 1
    lost = []
    for (file, reader, record, code), entry in vc.truth().items():
        if entry["verdict"] != "true":
            continue
        if record == "*":
            if counts.get((file, reader, code), 0) != entry["count"]:
                lost.append(f"{file} {code}: {counts.get((file, reader, code), 0)} findings, "
                            f"the list says {entry['count']}")
        elif (file, reader, record, code) not in fired:
            lost.append(f"{file} {record} {code}: {entry['reason']}")
    assert not lost, "\n".join(lost)


def test_truth_list_is_well_formed():
    for (file, reader, record, code), entry in vc.truth().items():
        assert code in vc.RULES, code
        assert entry["verdict"] in {"true", "false", "reader"}, entry
        assert entry["reason"].strip(), entry
        if entry["verdict"] == "reader":
            assert entry["reason"].startswith("reader: "), entry
        assert (corpus() / file).exists(), file
