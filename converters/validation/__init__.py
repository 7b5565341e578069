"""Validation: profile rules (JSON Schema with codes) and built-in checks
over records, giving diagnostics with file, line, record and pointer.

    >>> from converters.validation import validate
    >>> diagnostics = validate(records)              # default profile + checks
    >>> diagnostics = validate(records, profiles=["lab.json"], select={"doi-invalid"})
"""
from __future__ import annotations

from ..diagnostics import CATALOGUE, Diagnostic, Location
from .checks import CHECKS, duplicates
from .profiles import ProfileError, ProfileRule, load_profile, load_severities

__all__ = ["Diagnostic", "ProfileError", "rules", "validate"]


def selected(code: str, select=None, ignore=None) -> bool:
    """Whether --select/--ignore (sets of codes, or None) let ``code`` through."""
    return (not select or code in select) and not (ignore and code in ignore)


# Profiles as loaded, by their files' identity: a stream validates chunk
# after chunk with the same profiles, and loading one compiles each of its
# rules (jsonschema and fastjsonschema, ~20 ms and a few hundred objects a
# rule, some in reference cycles) -- once a chunk, 2,000 times for a million
# records.  Bounded: a long-lived program that validates with many profile
# files keeps only the last few.
_LOADED: dict[tuple, tuple[list[ProfileRule], dict]] = {}
_LOADED_MAX = 8


def _identity(path) -> tuple:
    """A profile file as it is now: a changed file is loaded again."""
    import os

    if path is None:
        return (None,)
    try:
        status = os.stat(path)
    except OSError:
        return (str(path), None)  # load_profile says why it cannot be read
    return (str(path), status.st_mtime_ns, status.st_size, status.st_ino)


def _loaded(profiles) -> tuple[list[ProfileRule], dict]:
    paths = [None, *(profiles or ())]
    key = tuple(_identity(path) for path in paths)
    if key in _LOADED:
        return _LOADED[key]
    table: dict = {}
    for path in paths:  # severities first, as before: the same error for a bad file
        table.update(load_severities(path))
    rules: list[ProfileRule] = []
    for path in paths:
        rules.extend(load_profile(path))
    if len(_LOADED) >= _LOADED_MAX:
        del _LOADED[next(iter(_LOADED))]
    _LOADED[key] = (rules, table)
    return rules, table


def _rules(profiles) -> list[ProfileRule]:
    return list(_loaded(profiles)[0])


def _severities(profiles) -> dict:
    """code -> severity (None: off) from every profile; a later profile wins."""
    return dict(_loaded(profiles)[1])


def rules(profiles=None) -> list[tuple[str, str, str, str]]:
    """Every rule: (code, default severity, where it lives, summary)."""
    import os

    rows = {}
    for code, rule in CATALOGUE.items():
        where = "check" if code in CHECKS or code == "duplicate-record" else "reader"
        rows[code] = (code, rule.severity.value, where, rule.summary)
    rows["profile-violation"] = rows["profile-violation"][:2] + ("profile",) + \
        rows["profile-violation"][3:]
    for profile_rule in _rules(profiles):
        summary = profile_rule.message or "the record breaks a rule of the profile"
        source = profile_rule.source
        where = "profile" if source.endswith(os.path.join("profiles", "submission.json")) \
            else os.path.basename(source)
        rows[profile_rule.code] = (profile_rule.code, profile_rule.severity.value, where, summary)
    for code, severity in _severities(profiles).items():
        if code in rows:
            rows[code] = (code, severity.value if severity else "off") + rows[code][2:]
    return sorted(rows.values())


def _diagnostic(code, severity, message, record, pointer) -> Diagnostic:
    field = pointer.strip("/").split("/")[0] if pointer else None
    origin = record.origin
    return Diagnostic(code, severity, message,
                      Location(origin.file, origin.line_of(field), None, pointer or None),
                      record.id)


def validate(records, *, profiles=None, select=None, ignore=None) -> list[Diagnostic]:
    """Check records (from any reader) against the default profile, any extra
    profile files, and the built-in checks.  ``select``/``ignore`` are sets of
    codes.  Raises ProfileError for a profile that cannot be used."""
    chosen = _severities(profiles)  # a team's own severities, None: off

    def wanted(code: str) -> bool:
        return selected(code, select, ignore) and not (code in chosen and chosen[code] is None)

    def severity_of(code: str, default):
        return chosen.get(code) or default

    profile_rules = [r for r in _rules(profiles) if wanted(r.code)]
    checks = [(code, fn) for code, fn in CHECKS.items() if wanted(code)]
    found: list[Diagnostic] = []
    for record in records:
        data = record.data
        for rule in profile_rules:
            severity = severity_of(rule.code, rule.severity)
            for message, pointer in rule.findings(data):
                found.append(_diagnostic(rule.code, severity, message, record, pointer))
        for code, function in checks:
            severity = severity_of(code, CATALOGUE[code].severity)
            for message, pointer in function(data):
                found.append(_diagnostic(code, severity, message, record, pointer))
    if wanted("duplicate-record"):
        severity = severity_of("duplicate-record", CATALOGUE["duplicate-record"].severity)
        for index, message, pointer in duplicates(records):
            found.append(_diagnostic("duplicate-record", severity, message, records[index],
                                     pointer))
    return found
