"""Fast yes/no schema checks, with jsonschema kept for the explanations.

fastjsonschema compiles a schema to Python once (about 20 ms) and then checks
a record some fifty times faster than jsonschema's interpreter; jsonschema is
consulted only for the records that fail, to say why and where.
"""
from __future__ import annotations

from collections.abc import Callable


def fast_predicate(schema: dict) -> Callable[[object], bool] | None:
    """A function telling whether a value is valid, or None when
    fastjsonschema cannot compile this schema (callers then use jsonschema)."""
    try:
        import fastjsonschema
    except ImportError:
        return None
    try:
        check = fastjsonschema.compile(schema)
    except Exception:  # a draft or keyword it does not support
        return None

    def is_valid(value) -> bool:
        try:
            check(value)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return is_valid
