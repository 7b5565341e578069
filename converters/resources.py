"""Find the data folders (schemas/, styles/) in a wheel or in a checkout.

A wheel carries them inside the package (pyproject's force-include); a
checkout or an editable install keeps them beside the package."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_dir(kind: str) -> Path:
    for candidate in (_HERE / kind, _HERE.parent / kind):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bibconv's {kind}/ folder is missing from this installation")


@cache
def load_schema(name: str) -> dict:
    with open(data_dir("schemas") / name, encoding="utf-8") as handle:
        return json.load(handle)
