"""Recall of every rule on real records: faults injected into records drawn
with a fixed seed from the shared corpora (abstracts cut mid-sentence or at a
length limit, author lists ending in "others", corrupted ISBN/ISSN/ORCID
check digits, malformed DOIs, copies under a new key or with the title
reformatted, dropped titles and authors, impossible dates, reversed page
ranges).  Each injected fault must be found, with its own code, by the rule
that owns it.

    pytest -s tests/test_validation_recall.py       # prints found / injected
"""
from __future__ import annotations

import pytest

from tests import validation_faults as vf
from tests.support import corpus

FLOOR = 0.99
RULES = sorted(set(vf.INJECTORS) | {"duplicate-record"})


@pytest.fixture(scope="module")
def results():
    found = vf.run(corpus())
    print()
    for code, r in sorted(found.items()):
        print(f"{code:20} {r.found:4} / {r.injected:4}  {r.recall:7.1%}")
    return found


@pytest.mark.parametrize("code", RULES)
def test_recall_per_rule(results, code):
    r = results[code]
    assert r.injected >= (100 if code == "orcid-invalid" else 200), \
        f"{code}: only {r.injected} faults could be injected"
    missed = [f"{m.file} {m.record} [{m.kind}]: {str(m.before)[-70:]!r} -> {str(m.after)[-70:]!r}"
              for m in r.missed]
    assert r.recall >= FLOOR, f"{code}: {r.found}/{r.injected}; missed:\n" + "\n".join(missed[:20])


def test_injection_is_deterministic():
    """The same seed draws the same records and the same faults."""
    import random

    data = {"abstract": " ".join(f"word{i}" for i in range(40)) + ".", "page": "12-19",
            "issued": {"date-parts": [[2001, 3, 4]]}, "DOI": "10.1234/abc.5"}
    for inject in (vf.cut_abstract, vf.malform_doi, vf.impossible_date, vf.reverse_pages):
        assert inject(random.Random(vf.SEED), data) == inject(random.Random(vf.SEED), data)
