"""``json.dumps(items, ensure_ascii=False, indent=2)``, byte for byte, fast.

With ``indent`` the standard library leaves its C encoder for a pure-Python
one: an eighth of a BibTeX -> CSL-JSON conversion.  orjson writes the same
layout in C.  Where the two could differ, the standard library writes: a
value orjson refuses (integers beyond 64 bits, keys that are not strings,
lone surrogates, deep nesting), and any float or null, which orjson spells
its own way (1e-7 for 1e-07, null for NaN): those are found in orjson's
compact output, where a number or null stands after a key's '":', between
"[" or "," and "]" or "," in an array, or alone (a false alarm inside a
string, such as 'arXiv:1806.05726', only costs the slower path);
searching those bytes takes a third of searching the indented text."""
from __future__ import annotations

import json
import re

try:
    import orjson
except ImportError:  # an optional speed-up: the standard library writes the same
    orjson = None  # type: ignore[assignment]

# A number or null as a value ('":' ends a key), or alone.
_FLOAT_OR_NULL = (re.compile(rb'":(?:null|-?\d+[.eE])'), re.compile(rb"\A(?:null|-?\d+[.eE])"))
# ... or as an array's item ("[" or "," before it): searched with every digit
# made "0" and both brackets ",", so that the search looks for one literal
# "," (fast) instead of trying a class of two bytes at every position.  It
# finds at least what rb"[,\[](?:null|-?\d+[.eE][-+.eE\d]*)[,\]]" finds.
_ITEM_AS_COMMA = bytes.maketrans(b"123456789[]", b"000000000,,")
_ITEM = re.compile(rb",(?:null,|-?0+[.eE])")


def _float_or_null(compact: bytes) -> bool:
    """Whether orjson's compact output may hold a float or a null."""
    return (any(find.search(compact) for find in _FLOAT_OR_NULL)
            or _ITEM.search(compact.translate(_ITEM_AS_COMMA)) is not None)


def dumps(items) -> str:
    """``items`` as ``json.dumps(items, ensure_ascii=False, indent=2)`` writes them."""
    if orjson is not None:
        # Dates and dataclasses passed through, so orjson refuses them as
        # json.dumps does, instead of writing them its own way.
        passthrough = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
        try:
            compact = orjson.dumps(items, option=passthrough)
        except (TypeError, orjson.JSONEncodeError):
            compact = None
        if compact is not None and not _float_or_null(compact):
            return orjson.dumps(items, option=orjson.OPT_INDENT_2 | passthrough).decode("utf-8")
    return json.dumps(items, ensure_ascii=False, indent=2)
