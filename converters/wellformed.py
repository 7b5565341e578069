"""One structural check of records before any writer (or the validator, or
the renderer) sees them.

Readers and Python callers can hand over records whose values no writer
expects: a date part of 2020.5, ``custom.author-count`` as a string,
``custom.bibtex.fields`` as a list, a control character in a title (XML
cannot hold one), a lone surrogate (UTF-8 cannot), NaN (JSON cannot).
Rather than teach every writer to survive each of these, they are mended or
left out here, once, and each is reported by record and field.  Writers may
then rely on the shapes documented in ``converters.model``.

A record that needs no change is passed on as it is; one that does is
copied first, so a caller's dicts are never altered.
"""
from __future__ import annotations

import copy
import json
import math
import re
from functools import lru_cache

from .diagnostics import Diagnostic, make
from .model import Record

# Code points no output format can hold: C0 controls but tab, LF and CR
# (XML 1.0 forbids them), DEL and the C1 controls (never text, often
# mojibake), lone surrogates (not encodable as UTF-8), U+FFFE and U+FFFF.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

_DROP = object()  # a value to leave out

# The shapes bibconv's own facts take in ``custom`` (see converters.model).
# A value of another shape is mended when that loses nothing ("12" -> 12),
# otherwise left out.
_WHOLE, _FLAG, _TEXT, _TEXT_MAP = "whole number", "true/false", "text", "object of texts"
CUSTOM_SHAPES: dict[str, object] = {
    "author-count": _WHOLE,
    "editor-count": _WHOLE,
    "abstract-truncated": _FLAG,
    "elocation-id": _FLAG,
    "citation-text": _FLAG,
    "arxiv": _TEXT,
    "pub-ids": _TEXT_MAP,
    "name-details": "name-details",
    "bibtex": {"type": _TEXT, "fields": _TEXT_MAP, "source": _TEXT_MAP},
}

_NAME_TEXT = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix",
              "literal")
_DATE_TEXT = ("literal", "raw")


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    """CSL variable -> its kind in the CSL-JSON schema (string, names, date ...)."""
    from .resources import load_schema

    kinds = {}
    for key, spec in load_schema("csl-data.json")["properties"].items():
        ref = spec.get("$ref", "")
        kinds[key] = ref.rsplit("/", 1)[-1] if ref else spec.get("type", "")
    return kinds


def _codepoints(found: list[str]) -> str:
    shown = sorted(set(found))[:3]
    return ", ".join(f"U+{ord(c):04X}" for c in shown) + (", ..." if len(set(found)) > 3 else "")


class _Checker:
    """Mends one record's data, collecting what it did as (code, pointer, message)."""

    def __init__(self):
        self.notes: list[tuple[str, str, str]] = []

    def note(self, code: str, pointer: str, message: str) -> None:
        self.notes.append((code, pointer, message))

    # -- any JSON value --------------------------------------------------

    def text(self, value: str, pointer: str) -> str:
        found = _BAD_CHARS.findall(value)
        if not found:
            return value
        self.note("character-invalid", pointer,
                  f"{_plural(len(found), 'character')} no output can hold removed "
                  f"({_codepoints(found)})")
        return _BAD_CHARS.sub("", value)

    def value(self, value, pointer: str):
        """Any JSON value: texts cleaned, non-finite numbers and non-JSON
        objects left out.  Returns the same object when nothing changed."""
        if isinstance(value, str):
            return self.text(value, pointer)
        if value is None or isinstance(value, (bool, int)):
            return value
        if isinstance(value, float):
            if math.isfinite(value):
                return value
            self.note("value-invalid", pointer, f"{value!r} is not a number JSON can hold; "
                                                "left out")
            return _DROP
        if isinstance(value, dict):
            out, changed = {}, False
            for key, item in value.items():
                if not isinstance(key, str):
                    key, changed = str(key), True
                clean_key = self.text(key, f"{pointer}/{_escape(key)}")
                new = self.value(item, f"{pointer}/{_escape(clean_key)}")
                changed = changed or clean_key != key or new is not item
                if new is not _DROP:
                    out[clean_key] = new
            return out if changed else value
        if isinstance(value, (list, tuple)):
            items: list = []
            changed = isinstance(value, tuple)
            for index, item in enumerate(value):
                new = self.value(item, f"{pointer}/{index}")
                changed = changed or new is not item
                if new is not _DROP:
                    items.append(new)
            return items if changed else value
        self.note("value-invalid", pointer,
                  f"a {type(value).__name__} is not a JSON value; left out")
        return _DROP

    # -- CSL variables ---------------------------------------------------

    def variable(self, key: str, value, kind: str):
        pointer = f"/{_escape(key)}"
        if kind == "string":
            if isinstance(value, str):
                return value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return str(value)
            return self.wrong(pointer, value, "text")
        if kind == "number-or-string":
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                return value
            return self.wrong(pointer, value, "text or a number")
        if kind == "names":
            return self.names(value, pointer)
        if kind == "date":
            return self.date(value, pointer)
        return value

    def wrong(self, pointer: str, value, wanted: str):
        self.note("value-invalid", pointer,
                  f"{_describe(value)} where {wanted} belongs; left out")
        return _DROP

    def names(self, value, pointer: str):
        if not isinstance(value, list):
            return self.wrong(pointer, value, "a list of names")
        out, changed = [], False
        for index, name in enumerate(value):
            where = f"{pointer}/{index}"
            if isinstance(name, str):
                out.append({"literal": name})  # a name given as one string
                changed = True
                continue
            if not isinstance(name, dict):
                self.wrong(where, name, "a name object")
                changed = True
                continue
            mended = dict(name)
            for part in _NAME_TEXT:
                if part in mended and not isinstance(mended[part], str):
                    if isinstance(mended[part], (int, float)) and not isinstance(
                            mended[part], bool):
                        mended[part] = str(mended[part])
                    else:
                        self.wrong(f"{where}/{part}", mended.pop(part), "text")
            if mended != name:
                changed = True
            out.append(mended if mended != name else name)
        return out if changed else value

    def date(self, value, pointer: str):
        if isinstance(value, str):
            return {"raw": value}  # a date given as text: as the CSL-JSON reader keeps it
        if not isinstance(value, dict):
            return self.wrong(pointer, value, "a date object")
        mended = dict(value)
        already = len(self.notes)
        for part in _DATE_TEXT:
            if part in mended and not isinstance(mended[part], str):
                self.wrong(f"{pointer}/{part}", mended.pop(part), "text")
        if "date-parts" in mended:
            parts = self.date_parts(mended["date-parts"], f"{pointer}/date-parts")
            if parts:
                mended["date-parts"] = parts
            else:
                del mended["date-parts"]
        if not any(k in mended for k in ("date-parts", "literal", "raw")):
            if value and len(self.notes) == already:
                self.note("value-invalid", pointer, "the date holds no date; left out")
            return _DROP
        # repr, not ==: 2020.0 == 2020, but a writer formatting it tells them apart
        return mended if repr(mended) != repr(value) else value

    def date_parts(self, value, pointer: str) -> list[list[int]]:
        """[[2020, 5, 1], [2021]]: at most two ends of one to three whole
        numbers each; digits in text become numbers, anything else ends an end."""
        if not isinstance(value, list):
            self.wrong(pointer, value, "a list of dates")
            return []
        ends = []
        for index, end in enumerate(value):
            where = f"{pointer}/{index}"
            if not isinstance(end, list):
                self.wrong(where, end, "a list of year, month and day")
                continue
            numbers = []
            for position, part in enumerate(end[:3]):
                number = _whole(part)
                if number is None:
                    if part not in (None, ""):
                        self.note("value-invalid", f"{where}/{position}",
                                  f"date part {part!r} is not a whole number; it and what "
                                  "follows it left out")
                    break
                numbers.append(number)
            if len(end) > 3 and len(numbers) == 3:
                self.note("value-invalid", f"{where}/3",
                          "a date has at most year, month and day; the rest left out")
            if numbers:
                ends.append(numbers)
        if len(ends) > 2:
            self.note("value-invalid", f"{pointer}/2",
                      "a date range has two ends; the rest left out")
        return ends[:2]

    # -- custom ----------------------------------------------------------

    def custom(self, value, pointer: str = "/custom"):
        if not isinstance(value, dict):
            return self.wrong(pointer, value, "an object")
        out, changed = {}, False
        for key, item in value.items():
            shape = CUSTOM_SHAPES.get(key)
            new = item if shape is None else self.shaped(item, shape, f"{pointer}/{key}")
            changed = changed or new is not item
            if new is not _DROP:
                out[key] = new
        return out if changed else value

    def shaped(self, value, shape, pointer: str):
        if isinstance(shape, dict):
            if not isinstance(value, dict):
                return self.wrong(pointer, value, "an object")
            out, changed = {}, False
            for key, item in value.items():
                new = self.shaped(item, shape[key], f"{pointer}/{key}") if key in shape \
                    else item
                changed = changed or new is not item
                if new is not _DROP:
                    out[key] = new
            return out if changed else value
        if shape == _WHOLE:
            number = _whole(value)
            if number is None or number < 0:
                return self.wrong(pointer, value, "a whole number")
            return number if number != value or isinstance(value, (str, float)) else value
        if shape == _FLAG:
            if isinstance(value, bool):
                return value
            return self.wrong(pointer, value, "true or false")
        if shape == _TEXT:
            if isinstance(value, str):
                return value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return str(value)
            return self.wrong(pointer, value, "text")
        if shape == _TEXT_MAP:
            if not isinstance(value, dict):
                return self.wrong(pointer, value, "an object of texts")
            out, changed = {}, False
            for key, item in value.items():
                new = self.shaped(item, _TEXT, f"{pointer}/{_escape(key)}")
                changed = changed or new is not item
                if new is not _DROP:
                    out[key] = new
            return out if changed else value
        if shape == "name-details":
            # role -> list, one entry per name: null or an object
            if not isinstance(value, dict):
                return self.wrong(pointer, value, "an object of lists")
            out, changed = {}, False
            for role, entries in value.items():
                where = f"{pointer}/{_escape(role)}"
                if not isinstance(entries, list):
                    self.wrong(where, entries, "a list")
                    changed = True
                    continue
                kept = [e if e is None or isinstance(e, dict) else None for e in entries]
                if kept != entries:
                    self.note("value-invalid", where,
                              "entries that are not objects left out")
                    changed = True
                out[role] = kept
            return out if changed else value
        return value


def _whole(value) -> int | None:
    """A whole number from an int, an integral float or plain digits; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9]{1,9}\s*", value):
        return int(value)
    return None


def _describe(value) -> str:
    kind = {dict: "an object", list: "a list", str: "text", bool: "true/false",
            type(None): "null"}.get(type(value))
    if kind is None:
        kind = "a number" if isinstance(value, (int, float)) else f"a {type(value).__name__}"
    shown = repr(value)
    return f"{kind} ({shown[:40]}{'...' if len(shown) > 40 else ''})"


def _escape(key: str) -> str:
    """A JSON pointer token (RFC 6901)."""
    return str(key).replace("~", "~0").replace("/", "~1")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# -- the fast path: most records need nothing, and saying so must be cheap --

# The same characters as they appear in json.dumps(..., ensure_ascii=False):
# C0 controls escaped (\u0001, \b, \f), the rest as they are.  An escaped
# backslash before "b" or "u00" matches too: that only sends a record the
# slow way.
_BAD_RAW = re.compile("[\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BAD_ESCAPE = re.compile(r"\\u00[01][0-9a-fA-F]")


def _fine(value) -> bool:
    """Whether a JSON value needs no mending (texts clean, numbers finite):
    one json.dumps in C beats walking the value in Python tenfold."""
    try:
        dumped = json.dumps(value, ensure_ascii=False, allow_nan=False, check_circular=False)
    except (TypeError, ValueError, RecursionError):
        return False
    if "\\b" in dumped or "\\f" in dumped:
        return False
    if "\\u00" in dumped and _BAD_ESCAPE.search(dumped):
        return False
    return not _BAD_RAW.search(dumped)


# The same in orjson's UTF-8 bytes: U+007F-009F, U+FFFE and U+FFFF raw (it
# refuses lone surrogates), C0 controls escaped as json.dumps escapes them.
_BAD_RAW_UTF8 = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]")
_BAD_ESCAPE_UTF8 = re.compile(rb"\\u00[01][0-9a-fA-F]")


def _not_json(value):
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def _all_fine(values: list) -> bool:
    """_fine(values), in a fifth of the time where orjson is installed and
    the values are plain.  Where orjson refuses them (large integers, lone
    surrogates) or writes null (None, or NaN which json.dumps refuses),
    json.dumps decides as before."""
    try:
        import orjson
    except ImportError:
        return _fine(values)
    try:  # dates and dataclasses, which orjson would write and json.dumps refuses, refused
        dumped = orjson.dumps(values, default=_not_json, option=(
            orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
            | orjson.OPT_PASSTHROUGH_SUBCLASS))
    except (TypeError, orjson.JSONEncodeError):
        return _fine(values)
    if b"null" in dumped:
        return _fine(values)
    if b"\\b" in dumped or b"\\f" in dumped:
        return False
    if b"\\u00" in dumped and _BAD_ESCAPE_UTF8.search(dumped):
        return False
    # each of _BAD_RAW_UTF8's three begins with one of these bytes: most
    # batches have none of them, found in C without the regex
    return b"\x7f" not in dumped and not (
        (b"\xc2" in dumped or b"\xef\xbf" in dumped) and _BAD_RAW_UTF8.search(dumped))


def _fine_variable(value, kind: str) -> bool:
    if kind == "string":
        return type(value) is str
    if kind == "number-or-string":
        return type(value) in (str, int, float)
    if kind == "names":
        return _fine_names(value)
    if kind == "date":
        return _fine_date(value)
    return True


def _fine_names(value) -> bool:
    """Every property text (a flag such as parse-names goes the slow way).
    Loops, not all(...): this runs for every name of every record."""
    if type(value) is not list:
        return False
    for name in value:
        if type(name) is not dict:
            return False
        for text in name.values():
            if type(text) is not str:
                return False
    return True


def _fine_date(value) -> bool:
    if type(value) is not dict or not ("date-parts" in value or "literal" in value
                                       or "raw" in value):
        return False
    parts = value.get("date-parts", [[0]])
    if type(parts) is not list or not 1 <= len(parts) <= 2:
        return False
    for end in parts:
        if type(end) is not list or not 1 <= len(end) <= 3:
            return False
        for number in end:
            if type(number) is not int:
                return False
    return type(value.get("literal", "")) is str and type(value.get("raw", "")) is str


@lru_cache(maxsize=1)
def _text_refused() -> frozenset[str]:
    """The keys where a text value is not fine as it is: names, dates, custom."""
    return frozenset([key for key, kind in _kinds().items() if kind in ("names", "date")]
                     + ["custom"])


def _fine_record(data, texts_checked: bool = False) -> bool:
    """``texts_checked``: _fine already said yes for this data (in a batch)."""
    if type(data) is not dict or not (texts_checked or _fine(data)):
        return False
    kinds, refused = _kinds(), _text_refused()
    for key, value in data.items():
        if type(value) is str and key not in refused:
            continue  # most values: a text where a text is fine (the checks below agree)
        if key == "id" or key == "type":
            if type(value) is not str:
                return False
        elif key == "custom":
            checker = _Checker()
            if checker.custom(value) is not value or checker.notes:
                return False
        elif key in kinds and not _fine_variable(value, kinds[key]):
            return False
    return True


def check_record(data: dict, texts_checked: bool = False
                 ) -> tuple[dict, list[tuple[str, str, str]]]:
    """(data as writers may rely on it, [(code, pointer, message)]); ``data``
    itself when nothing needed mending.  ``texts_checked``: see _fine_record."""
    if _fine_record(data, texts_checked):
        return data, []
    checker = _Checker()
    cleaned = checker.value(data, "") if isinstance(data, dict) else {}
    if cleaned is _DROP:
        cleaned = {}
    kinds = _kinds()
    out, changed = {}, cleaned is not data
    for key, value in cleaned.items():
        if key == "id":
            new = value if isinstance(value, str) else (
                str(value) if isinstance(value, (int, float)) and not isinstance(value, bool)
                else checker.wrong("/id", value, "text"))
        elif key == "type":
            new = value if isinstance(value, str) else checker.wrong("/type", value, "text")
        elif key == "custom":
            new = checker.custom(value)
        elif key in kinds:
            new = checker.variable(key, value, kinds[key])
        else:
            new = value  # not a CSL variable: each writer says what it does with it
        changed = changed or new is not value
        if new is not _DROP:
            out[key] = new
    return (out if changed else data), checker.notes


def check(records) -> tuple[list[Record], list[Diagnostic]]:
    """Records every writer can rely on, and a diagnostic for each mend."""
    from .textio import fewer_collections

    with fewer_collections():
        return _check(records)


def _check(records) -> tuple[list[Record], list[Diagnostic]]:
    kept, diagnostics = [], []
    records = list(records)
    # One json.dumps for all the texts: most batches are clean, and a call
    # a record costs more than the dumping itself.
    texts_checked = _all_fine([record.data for record in records])
    for record in records:
        data, notes = check_record(record.data, texts_checked)
        if data is not record.data:
            record = Record(copy.deepcopy(data), record.origin)
        for code, pointer, message in notes:
            field = pointer.split("/")[1] if pointer.count("/") else None
            where = ".".join(p.replace("~1", "/").replace("~0", "~")
                             for p in pointer.split("/")[1:])
            message = f"{where!r}: {message}" if where else message
            diagnostics.append(make(code, message, file=record.origin.file,
                                    line=record.origin.line_of(field),
                                    record=record.id, pointer=pointer or None))
        kept.append(record)
    return kept, diagnostics
