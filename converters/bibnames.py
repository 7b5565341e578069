"""BibTeX name lists -> CSL names, and back.

Splitting on "and" and into First/von/Last/Jr follows BibTeX's rules through
bibtexparser's implementation; a braced name ("{World Health Organization}")
is one literal; "others" is the et-al. marker; biblatex's extended form
("family=Smith, given=John, prefix=van") is read too.
"""
from __future__ import annotations

import functools
import re

from . import latex
from .model import OTHERS


def _whole_braced(text: str) -> bool:
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for i, c in enumerate(text):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0 and i < len(text) - 1:
                return False
    return True


def _extended(name: str) -> dict | None:
    """biblatex's key=value name form, or None."""
    if not re.match(r"\s*(family|given|prefix|suffix|useprefix)\s*=", name):
        return None
    parts: dict = {}
    for item in _split_top(name, ","):
        key, _, value = item.partition("=")
        key, value = key.strip().lower(), latex.plain(value.strip().strip('"'))
        if key == "family":
            parts["family"] = value
        elif key == "given":
            parts["given"] = value
        elif key == "prefix":
            parts["dropping-particle"] = value
        elif key == "suffix":
            parts["suffix"] = value
        elif key == "useprefix" and value.lower() == "true" and "dropping-particle" in parts:
            parts["non-dropping-particle"] = parts.pop("dropping-particle")
    return parts or None


def _split_top(text: str, separator: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == separator and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


def _no_false_particle(parts, raw: str) -> None:
    """Words BibTeX's rules take for a particle that are none."""
    if parts.von and all(latex.plain(t)[:1].isupper() for t in parts.von):
        # "{\AA}ke": BibTeX takes a special character's case from the
        # letter it makes (upper here), so this is no particle
        if "," in raw:
            parts.last[:0] = parts.von
        else:
            parts.first.extend(parts.von)
        parts.von = []
    elif parts.von and not parts.first and "," not in raw and all(
            re.fullmatch(r"[a-z]\.(-[a-z]\.)*", latex.plain(t)) for t in parts.von):
        # "a. b. Smith": lower-case initials before the family name are given
        # names ("Stephan v. Bechtolsheim" keeps its abbreviated particle)
        parts.first.extend(parts.von)
        parts.von = []


def parse_names(value: str, *, useprefix: bool = False) -> list[dict]:
    """A raw (LaTeX) name list -> CSL names; "and others" -> a trailing
    {"literal": "others"}."""
    return [dict(name) for name in _parse_names(value, useprefix)]


# A library names the same people (and lists) again and again; the names
# are copied out, so a caller may change its own.
@functools.lru_cache(maxsize=4096)
def _parse_names(value: str, useprefix: bool) -> tuple[dict, ...]:
    from bibtexparser.middlewares.names import (
        InvalidNameError,
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    names = []
    for raw in split_multiple_persons_names(value):
        raw = raw.strip()
        if not raw:
            continue
        if raw.lower() == "others":
            names.append(dict(OTHERS))
            continue
        if _whole_braced(raw):
            names.append({"literal": latex.plain(raw[1:-1])})
            continue
        extended = _extended(raw)
        if extended is not None:
            names.append(extended)
            continue
        try:
            parts = parse_single_name_into_parts(raw, strict=False)
        except (InvalidNameError, ValueError, IndexError):
            names.append({"literal": latex.plain(raw)})
            continue
        _no_false_particle(parts, raw)
        name: dict = {}
        family = latex.plain(" ".join(parts.last))
        given = latex.plain(" ".join(parts.first))
        von = latex.plain(" ".join(parts.von))
        jr = latex.plain(" ".join(parts.jr))
        if family:
            name["family"] = family
        if given:
            name["given"] = given
        if von:
            # biblatex's default (useprefix=false): the particle drops when
            # the family name stands alone; pandoc reads it the same way.
            name["non-dropping-particle" if useprefix else "dropping-particle"] = von
        if jr:
            name["suffix"] = jr
        if not name:
            continue
        if "family" not in name and "given" in name:
            name = {"family": name.pop("given"), **name}
        names.append(name)
    return tuple(names)


def format_name(name: dict, encode) -> str:
    """A CSL name -> "von Last, Jr, First" in LaTeX (``encode`` escapes text)."""
    if "literal" in name:
        literal = name["literal"]
        if literal.strip() == "others":  # the et-al. marker; "{Others}" is a name
            return "others"
        return "{" + encode(literal) + "}"
    family = encode(name.get("family", ""))
    braced = " " in family.strip() or "," in family
    if braced:
        family = "{" + family + "}"  # keep a multi-word family name whole
    particle = name.get("non-dropping-particle") or name.get("dropping-particle")
    if particle:
        family = f"{encode(particle)} {family}"
    parts = [family]
    if name.get("suffix"):
        parts.append(encode(name["suffix"]))
    if name.get("given"):
        parts.append(encode(name["given"]))
    elif name.get("suffix") or (braced and not particle):
        parts.append("")  # "{Two Words}," is a family name; "{Two Words}" a literal
    return ", ".join(parts).rstrip()
