"""Deterministic generated CSL-JSON records for benchmarks (no network, no
randomness between runs)."""
from __future__ import annotations

import json
import random

FAMILIES = ["Krishna", "D'Oro", "Ragan-Kelley", "Müller", "Koziarski", "Nguyễn", "Tran",
            "Lovelace", "Babbage", "Hopper", "Yılmaz", "Ahmed", "García Márquez", "Okafor"]
GIVENS = ["Ada", "Charles", "Grace", "Nanda H", "Étienne", "Michał", "Zoë", "Kim A.", "Li"]
WORDS = ("learning neural models graph attention diffusion causal inference scaling language "
         "robust sparse protein memory plasticity networks dynamics estimation").split()
TYPES = ["article-journal", "paper-conference", "book", "chapter", "report", "thesis"]


def records(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))).capitalize()
        authors = [{"family": rng.choice(FAMILIES), "given": rng.choice(GIVENS)}
                   for _ in range(rng.randint(1, 8))]
        if rng.random() < 0.05:
            authors.append({"literal": "others"})
        item = {"id": f"r{i}", "type": rng.choice(TYPES), "title": title, "author": authors,
                "issued": {"date-parts": [[rng.randint(1950, 2026), rng.randint(1, 12)]]},
                "container-title": "Journal of " + rng.choice(WORDS).capitalize(),
                "volume": str(rng.randint(1, 80)), "issue": str(rng.randint(1, 12)),
                "page": f"{(p := rng.randint(1, 900))}-{p + rng.randint(1, 30)}",
                "DOI": f"10.{rng.randint(1000, 99999)}/{rng.randint(10**5, 10**9)}"}
        if rng.random() < 0.9:
            sentences = rng.randint(2, 8)
            item["abstract"] = " ".join(
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
                for _ in range(sentences))
        out.append(item)
    return out


def write(path: str, n: int) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(records(n), handle, ensure_ascii=False, indent=2)
