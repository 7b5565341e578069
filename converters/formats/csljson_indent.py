"""``json.dumps(items, ensure_ascii=False, indent=2)``, byte for byte, fast.

With ``indent`` the standard library leaves its C encoder for a pure-Python
one: an eighth of a BibTeX -> CSL-JSON conversion.  orjson writes the same
layout in C.  Where the two could differ, the standard library writes: a
value orjson refuses (integers beyond 64 bits, keys that are not strings,
lone surrogates, deep nesting), and any float or null, which orjson spells
its own way (1e-7 for 1e-07, null for NaN): those are found in the output,
where a number or null can only stand after a key or alone on its line
(a false alarm inside a string only costs the slower path)."""
from __future__ import annotations

import json
import re

try:
    import orjson
except ImportError:  # an optional speed-up: the standard library writes the same
    orjson = None  # type: ignore[assignment]

_FLOAT_OR_NULL = re.compile(r'(?m)(?:^ *|": )(?:null|-?\d+[.eE])')


def dumps(items) -> str:
    """``items`` as ``json.dumps(items, ensure_ascii=False, indent=2)`` writes them."""
    if orjson is not None:
        try:
            # Dates and dataclasses passed through, so orjson refuses them as
            # json.dumps does, instead of writing them its own way.
            text = orjson.dumps(items, option=orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATETIME
                                | orjson.OPT_PASSTHROUGH_DATACLASS).decode("utf-8")
        except (TypeError, orjson.JSONEncodeError):
            text = None
        if text is not None and _FLOAT_OR_NULL.search(text) is None:
            return text
    return json.dumps(items, ensure_ascii=False, indent=2)
