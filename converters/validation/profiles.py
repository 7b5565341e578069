"""Policy profiles: JSON Schemas whose rules carry diagnostic codes.

A profile is a JSON Schema.  Each entry of its top-level ``allOf`` that has an
``x-code`` is one rule (``x-severity``, ``x-message`` and ``x-pointer`` say
how it is reported); a profile with ``x-code`` at its top is one rule.  A
schema with no codes at all still works: each violation is reported as
``profile-violation`` with the schema's own message and a JSON pointer.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Severity
from ..resources import data_dir

DEFAULT_PROFILE = "submission.json"


class ProfileError(ValueError):
    """A profile file that cannot be used (unreadable, not JSON, not a schema)."""


@dataclass
class ProfileRule:
    code: str
    severity: Severity
    message: str | None
    pointer: str | None
    validator: Any  # a jsonschema validator for this rule's schema
    source: str
    is_valid: Any = None  # a fast yes/no check; jsonschema explains failures

    def __post_init__(self):
        from ..schemacheck import fast_predicate

        self.is_valid = fast_predicate(self.validator.schema) or self.validator.is_valid

    def findings(self, data: dict):
        """(message, pointer) for each way ``data`` breaks this rule."""
        if self.is_valid(data):
            return
        from jsonschema.exceptions import relevance

        errors = sorted(self.validator.iter_errors(data), key=relevance)
        if self.message:
            best = errors[0]
            pointer = self.pointer or _pointer(best)
            yield self.message, pointer
        else:
            for error in errors:
                yield error.message, _pointer(error)


def _pointer(error) -> str:
    return "/" + "/".join(str(p) for p in error.absolute_path)


def _severity(value, source: str) -> Severity:
    try:
        return Severity(str(value or "error").lower())
    except ValueError:
        raise ProfileError(f"{source}: a severity must be error, warning or info"
                           f"{' (or off)' if value is not None else ''}, not {value!r}") from None


def _read(path: str | None) -> tuple[str, dict]:
    source = str(path) if path else str(data_dir("schemas") / "profiles" / DEFAULT_PROFILE)
    try:
        with open(source, encoding="utf-8") as handle:
            schema = json.load(handle)
    except OSError as exc:
        raise ProfileError(f"{source}: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{source}: not JSON: {exc}") from None
    if not isinstance(schema, dict):
        raise ProfileError(f"{source}: a profile is a JSON Schema object")
    return source, schema


def load_severities(path: str | None = None) -> dict[str, Severity | None]:
    """A profile's ``x-severities``: code -> the severity a team wants for it
    (any code: built-in checks, profile rules), None for "off"."""
    source, schema = _read(path)
    table = schema.get("x-severities") or {}
    if not isinstance(table, dict):
        raise ProfileError(f"{source}: x-severities must be an object of code: severity")
    return {str(code): None if str(value).lower() == "off" else _severity(value, source)
            for code, value in table.items()}


def load_profile(path: str | None = None) -> list[ProfileRule]:
    """The rules of one profile file (the default profile when None)."""
    from jsonschema import Draft7Validator, validators
    from jsonschema.exceptions import SchemaError

    source, schema = _read(path)
    cls = validators.validator_for(schema, default=Draft7Validator)
    try:
        cls.check_schema(schema)
    except SchemaError as exc:
        raise ProfileError(f"{source}: not a valid JSON Schema: {exc.message}") from None

    shared = {k: schema[k] for k in ("definitions", "$defs") if k in schema}

    def rule(part: dict, code: str) -> ProfileRule:
        # Each rule is checked on its own, with the profile's definitions so
        # that its "$ref"s still resolve.
        return ProfileRule(code, _severity(part.get("x-severity"), source),
                           part.get("x-message"), part.get("x-pointer"),
                           cls({**shared, **part}), source)

    if "x-code" in schema:
        return [rule(schema, schema["x-code"])]
    parts = schema.get("allOf") or []
    coded = [p for p in parts if isinstance(p, dict) and "x-code" in p]
    rules = [rule(p, p["x-code"]) for p in coded]
    rest = {k: v for k, v in schema.items() if k != "allOf"}
    uncoded = [p for p in parts if p not in coded]
    if uncoded:
        rest["allOf"] = uncoded
    if {k for k in rest if not k.startswith("x-")} - {
            "$schema", "$id", "title", "description", "type", "$comment",
            "definitions", "$defs"} or uncoded:
        rules.append(ProfileRule("profile-violation", Severity.ERROR, None, None,
                                 cls(rest), source))
    return rules
