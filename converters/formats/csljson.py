"""CSL-JSON: an array of items, a single item, JSON Lines (one item a line),
items keyed by id, or a Crossref API response (``{"message": {"items": [...]}}``
or ``{"message": {...}}``).

The reader walks the top level itself and hands each value to the standard
library's decoder, so every item, and every top-level field of an item, gets
the line it starts on.  An item that breaks the CSL structure is reported at
its line: a bad field is dropped and the rest of the item kept; an item that
is not an object, or whose type is neither CSL's nor a known producer's, is
skipped.  Producers' types are read whole: pandoc's empty type (its @misc)
becomes CSL's generic 'document' with a warning, Crossref's work types map to
CSL's as Crossref's tools document them.

A broken item costs only itself: the reader finds where it ends (its closing
brace, the next line that opens an item at the items' indentation, or, in a
one-line array, the next object that looks like an item) and goes on from
there, so compact input recovers like pretty-printed input.  Every step is
linear in the size of the input.
"""
from __future__ import annotations

import bisect
import json
import re
from functools import lru_cache

from ..diagnostics import Diagnostic, Severity, make
from ..ids import base_id
from ..model import Origin, ReadResult, Record, WriteResult
from ..resources import load_schema

_WS = re.compile(r"[ \t\r\n]*")
SCHEMA = "csl-data.json"


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:2048]
    if head.startswith("["):
        return 0.9 if re.match(r"\[\s*(\{|\])", head) else 0.3
    if head.startswith("{"):
        return 0.9 if re.search(r'"(type|id|title|author|message)"\s*:', head) else 0.4
    return 0.0


class _Source:
    """The text with fast offset -> (line, column)."""

    def __init__(self, text: str, name: str | None):
        self.text = text
        self.name = name
        self._newlines = [m.start() for m in re.finditer("\n", text)]

    def where(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_left(self._newlines, offset)
        start = self._newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    def line_start(self, offset: int) -> int:
        line = bisect.bisect_left(self._newlines, offset)
        return self._newlines[line - 1] + 1 if line else 0

    def skip(self, offset: int) -> int:
        return _WS.match(self.text, offset).end()  # type: ignore[union-attr]  # matches ""


class _Broken(Exception):
    def __init__(self, diagnostic: Diagnostic, at: int):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.at = at  # where the decoder gave up


_DECODER = json.JSONDecoder()


def _decode(src: _Source, offset: int):
    """One JSON value at ``offset`` -> (value, end offset)."""
    try:
        return _DECODER.raw_decode(src.text, offset)
    except json.JSONDecodeError as exc:
        line, column = src.where(exc.pos)
        raise _Broken(make("syntax-error", f"invalid JSON: {exc.msg}",
                           file=src.name, line=line, column=column), exc.pos) from None
    except RecursionError:
        line, column = src.where(offset)
        raise _Broken(make("nesting-too-deep",
                           "JSON nested too deeply to read safely; the item is skipped",
                           file=src.name, line=line, column=column), offset) from None
    except ValueError as exc:  # e.g. an integer with too many digits
        line, column = src.where(offset)
        raise _Broken(make("syntax-error", f"invalid JSON value: {exc}",
                           file=src.name, line=line, column=column), offset) from None


def _fields(src: _Source, offset: int):
    """Walk the object at ``offset``: yield (key, key offset, value offset)
    and leave the value to the caller, which returns its end offset by
    ``send``.  Raises _Broken where the object's own punctuation is wrong."""
    text = src.text
    pos = src.skip(offset + 1)
    if text.startswith("}", pos):
        return pos + 1
    while True:
        if not text.startswith('"', pos):
            break
        key_at = pos
        key, pos = _decode(src, pos)
        pos = src.skip(pos)
        if not text.startswith(":", pos):
            break
        pos = src.skip(pos + 1)
        pos = yield key, key_at, pos
        pos = src.skip(pos)
        if text.startswith(",", pos):
            pos = src.skip(pos + 1)
            continue
        if text.startswith("}", pos):
            return pos + 1
        break
    _decode(src, offset)  # raises with the decoder's own message and place
    raise _Broken(make("syntax-error", "invalid JSON object", file=src.name,
                       line=src.where(pos)[0]), pos)  # not reached for real JSON


def _item(src: _Source, offset: int, values: dict | None = None
          ) -> tuple[object, int, dict[str, int]]:
    """A value at ``offset``; for an object, also the line of each key (and,
    into ``values``, the offset of each value)."""
    if not src.text.startswith("{", offset):
        value, end = _decode(src, offset)
        return value, end, {}
    fields: dict[str, int] = {}
    item: dict = {}
    walk = _fields(src, offset)
    try:
        key, key_at, at = next(walk)
        while True:
            if values is not None:
                values[key] = at
            value, end = _decode(src, at)
            item[key] = value
            fields[key] = src.where(key_at)[0]
            key, key_at, at = walk.send(end)
    except StopIteration as done:
        return item, done.value, fields


# -- finding the next item after a broken one ------------------------------

_BRACKETS = re.compile(r'[{}\[\]"\n]')
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_ITEM_START = re.compile(r'\{\s*"')


def _balanced_end(src: _Source, start: int) -> int | None:
    """The offset just after the object or array opening at ``start``,
    counting brackets outside strings (no recursion, so any depth), or None
    when it never closes.  A string that does not close on its line is taken
    as a stray quote."""
    text = src.text
    if not text.startswith(("{", "["), start):
        return None
    depth = 0
    pos = start
    while True:
        match = _BRACKETS.search(text, pos)
        if match is None:
            return None
        char = match.group()
        pos = match.end()
        if char == '"':
            string = _STRING.match(text, match.start())
            if string:
                pos = string.end()
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return pos


def _looks_like_item(src: _Source, at: int) -> bool:
    """An object at ``at`` that decodes, has a CSL item's id or type, and is
    followed by what follows an item in an array."""
    try:
        value, end = _DECODER.raw_decode(src.text, at)
    except (ValueError, RecursionError):
        return False
    if not (isinstance(value, dict) and ("type" in value or "id" in value)):
        return False
    end = src.skip(end)
    return end >= len(src.text) or src.text[end] in ",]"


def _next_item(src: _Source, after: int) -> int | None:
    """In a one-line array, the next object after ``after`` that looks like
    an item (an author or a date inside the broken item does not)."""
    for match in _ITEM_START.finditer(src.text, after):
        if _looks_like_item(src, match.start()):
            return match.start()
    return None


def _resync(src: _Source, after: int, indent: str | None) -> int | None:
    """The next line that opens an item (``{`` at the items' indentation)."""
    pattern = re.compile(r"\n(%s)\{" % (re.escape(indent) if indent is not None else r"[ \t]*"))
    match = pattern.search(src.text, after)
    return match.end() - 1 if match else None


def _recover(src: _Source, start: int, broken: _Broken, indent: str | None,
             top: bool) -> int | None:
    """Where to go on after the broken array element at ``start``: just after
    its closing bracket, when what follows is a good next item or the end of
    the array; else the next line that opens an item; else the next object
    that looks like one."""
    text = src.text
    end = _balanced_end(src, start)
    line = _resync(src, start + 1, indent) if indent is not None else None
    if end is not None and (line is None or line >= end):
        after = src.skip(end)
        if after < len(text) and text[after] == "," and _looks_like_item(
                src, src.skip(after + 1)):
            return end
        if after < len(text) and text[after] == "]" and (
                not top or src.skip(after + 1) >= len(text)):
            return end
    if line is not None:
        return line
    return _next_item(src, max(broken.at, start + 1))


def _is_item_map(value) -> bool:
    """An object whose values are all items and whose keys are not CSL's."""
    if not isinstance(value, dict) or not value:
        return False
    _, kinds = _schema_parts()
    return not any(key in kinds for key in value) and all(
        isinstance(v, dict) and "type" in v for v in value.values())


def _parse_array(src: _Source, pos: int, result: ReadResult, top: bool = True):
    """Yield (item, offset, end, field lines) for each element of the array
    at ``pos``; ``top`` when the array is the whole input."""
    text = src.text
    pos = src.skip(pos + 1)
    indent: str | None = None
    first = True
    after_comma = False
    while True:
        if text.startswith("]", pos):
            _close_array(src, pos, after_comma, top, result)
            return
        start = pos
        if first:
            # Items that each open a line tell where the next one starts
            # after a broken one; a one-line array has no such marks.
            first = False
            prefix = text[src.line_start(start):start]
            indent = prefix if not prefix.strip() else None
        try:
            item, pos, fields = _item(src, start)
        except _Broken as broken:
            result.diagnostics.append(broken.diagnostic)
            recovered = _recover(src, start, broken, indent, top)
            if recovered is None or src.skip(recovered) >= len(text):
                return  # one message for the break, not another for the end
            pos = src.skip(recovered)
            if text.startswith("{", pos):
                after_comma = False
                continue  # recovery found the next item itself
        else:
            yield item, start, pos, fields
        following, after_comma = _separator(src, pos, indent, result)
        if following is None:
            return
        pos = following


def _close_array(src: _Source, pos: int, after_comma: bool, top: bool,
                 result: ReadResult) -> None:
    """The array ends at ``pos`` (its ']'): report a trailing comma, and text
    after the array when it is the whole input."""
    if after_comma:
        line, column = src.where(pos)
        result.diagnostics.append(make(
            "syntax-error", "invalid JSON: a comma before ']'",
            file=src.name, line=line, column=column))
    if top:
        tail = src.skip(pos + 1)
        if tail < len(src.text):
            line, column = src.where(tail)
            result.diagnostics.append(make(
                "syntax-error", "unexpected text after the end of the array",
                file=src.name, line=line, column=column))


def _separator(src: _Source, pos: int, indent: str | None,
               result: ReadResult) -> tuple[int | None, bool]:
    """After an item that ends at ``pos``: where the next item (or the ']')
    starts and whether a comma came first; None when the array cannot go on.
    A missing comma is reported and reading goes on at the next item."""
    text = src.text
    pos = src.skip(pos)
    if text.startswith(",", pos):
        return src.skip(pos + 1), True
    if text.startswith("]", pos):
        return pos, False
    line, column = src.where(pos)
    if text.startswith("{", pos):  # two items with no comma between
        result.diagnostics.append(make(
            "syntax-error", "invalid JSON: expected ',' between items",
            file=src.name, line=line, column=column))
        return pos, False
    found = "the end of the file" if pos >= len(text) else repr(text[pos])
    result.diagnostics.append(make(
        "syntax-error", f"invalid JSON: expected ',' or ']' but found {found}",
        file=src.name, line=line, column=column))
    if pos >= len(text):
        return None, False
    resumed = (_resync(src, pos, indent) if indent is not None else None) \
        or _next_item(src, pos)
    return resumed, False


# A Crossref REST API response: {"status": "ok", "message-type": "work" or
# "work-list", "message": {...}}.  Recognised by its head, before decoding.
_CROSSREF_HEAD = re.compile(r'\{\s*"status"\s*:\s*"ok"\s*,\s*"message-type"\s*:\s*"(work|work-list)"')
_LINE_ITEM = re.compile(r"\n\{")


def _object_values(src: _Source, offset: int):
    """(key, value offset) of each member of the object at ``offset``,
    skipping over each value after it is seen."""
    walk = _fields(src, offset)
    try:
        key, _, at = next(walk)
        while True:
            yield key, at
            key, _, at = walk.send(_decode(src, at)[1])
    except StopIteration:
        return


def _parse_crossref(src: _Source, kind: str, result: ReadResult):
    """The works of a Crossref response: the array at message.items (each
    item recovering on its own), or the single work at message."""
    try:
        for key, at in _object_values(src, 0):
            if key != "message":
                continue
            if kind == "work":
                item, end, fields = _item(src, at)
                yield item, at, end, fields
                return
            for name, value_at in _object_values(src, at):
                if name == "items" and src.text.startswith("[", value_at):
                    yield from _parse_array(src, value_at, result, top=False)
                    return  # the rest is paging and facets
    except _Broken as broken:
        result.diagnostics.append(broken.diagnostic)


def _parse(src: _Source, result: ReadResult):
    """Yield (item, offset, end, field lines) for each top-level item."""
    text = src.text
    pos = src.skip(0)
    if text.startswith("["):
        yield from _parse_array(src, pos, result)
    elif text.startswith("{"):
        crossref = _CROSSREF_HEAD.match(text, pos)
        if crossref:
            yield from _parse_crossref(src, crossref.group(1), result)
            return
        # A single item, JSON Lines (one item after another), or an object
        # of items keyed by id (citeproc-js's and Zotero's shape).
        while pos < len(text):
            start = pos
            values: dict[str, int] = {}
            try:
                item, pos, fields = _item(src, start, values)
                if start == 0 and _is_item_map(item):
                    for key, at in values.items():
                        value, end, fields = _item(src, at)
                        if isinstance(value, dict):
                            value.setdefault("id", key)
                        yield value, at, end, fields
                    return
            except _Broken as broken:
                result.diagnostics.append(broken.diagnostic)
                # The next line that opens an object at its first column:
                # the next item of JSON Lines, and nothing inside an
                # indented single item.
                match = _LINE_ITEM.search(text, start)
                if match is None:
                    return
                pos = match.end() - 1
                continue
            yield item, start, pos, fields
            pos = src.skip(pos)
    else:
        line, column = src.where(pos)
        result.diagnostics.append(make(
            "syntax-error", "CSL-JSON starts with '[' (an array of items) or '{' (one item)",
            file=src.name, line=line, column=column))


# -- the CSL structure ------------------------------------------------------

@lru_cache(maxsize=1)
def _schema_parts():
    schema = load_schema(SCHEMA)
    props = schema["properties"]
    kinds: dict[str, str] = {}
    for key, spec in props.items():
        ref = spec.get("$ref", "")
        kinds[key] = ref.rsplit("/", 1)[-1] if ref else spec.get("type", "")
    return schema, kinds


_validator = None
_fast = None


def _get_validator():
    global _validator
    if _validator is None:
        from jsonschema import Draft7Validator

        _validator = Draft7Validator(load_schema(SCHEMA))
    return _validator


def _is_valid(item: dict) -> bool:
    global _fast
    if _fast is None:
        from ..schemacheck import fast_predicate

        _fast = fast_predicate(load_schema(SCHEMA)) or _get_validator().is_valid
    return _fast(item)


_NAME_KEYS = frozenset({"family", "given", "dropping-particle", "non-dropping-particle",
                        "suffix", "comma-suffix", "static-ordering", "literal", "parse-names"})


def _clean_date(value):
    """Crossref and friends write [[null]], [[]] or [[y, m, d, hour]]: keep
    what is a date, or None when nothing is."""
    if not isinstance(value, dict) or not isinstance(value.get("date-parts"), list):
        return value
    parts = []
    for part in value["date-parts"]:
        if not isinstance(part, list):
            return value  # not a shape we can mend; the schema will say why
        part = part[:3]
        while part and part[-1] in (None, ""):
            part = part[:-1]
        if part:
            parts.append(part)
    cleaned = {k: v for k, v in value.items() if k != "date-parts"}
    if parts:
        cleaned["date-parts"] = parts[:2]
    return cleaned or None


def _coerce(item: dict, kinds: dict[str, str], note) -> None:
    """Mend the shapes real files use where CSL wants another, keeping every
    fact: numbers where CSL wants strings, lists of strings (Crossref's ISSN),
    date strings, over-long or empty date-parts, and name objects carrying
    extra properties (ORCID, affiliation), which move to custom."""
    custom: dict = item["custom"] if isinstance(item.get("custom"), dict) else {}
    for key, value in list(item.items()):
        kind = kinds.get(key)
        if kind == "string":
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                item[key] = str(value)
            elif isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
                if value:
                    item[key] = ", ".join(str(v) for v in value)
                else:
                    del item[key]
            elif isinstance(value, (list, dict)):
                custom.setdefault(key, item.pop(key))
                note(key, f"{key!r} holds a structure, not text; kept in 'custom'")
        elif kind == "date":
            if isinstance(value, str):
                item[key] = {"raw": value}
            else:
                cleaned = _clean_date(value)
                if cleaned is None:
                    del item[key]
                    note(key, f"{key!r} has no date in it; left out", code="field-empty")
                else:
                    item[key] = cleaned
        elif kind == "names" and isinstance(value, list):
            details = []
            for name in value:
                if isinstance(name, dict) and isinstance(name.get("name"), str) and not (
                        name.keys() & {"family", "given", "literal"}):
                    name["literal"] = name.pop("name")  # Crossref's organisations
                extra = ({k: name.pop(k) for k in list(name) if k not in _NAME_KEYS}
                         if isinstance(name, dict) else {})
                details.append(extra or None)
            if any(details):
                if not isinstance(custom.get("name-details"), dict):
                    if custom.get("name-details") is not None:
                        note(key, "'custom.name-details' was not an object; replaced by "
                                  "the name properties of this item")
                    custom["name-details"] = {}
                custom["name-details"][key] = details
                note(key, f"name properties CSL lacks in {key!r} kept in "
                          "'custom.name-details'")
    if custom:
        item["custom"] = custom


# CSL 1.0.2's generic type, for an item whose producer gave none: pandoc 3
# writes "type": "" for BibLaTeX's @misc (the BibTeX reader reads @misc as
# 'document' too).
FALLBACK_TYPE = "document"

# Crossref's work types (api.crossref.org/types) -> CSL.  Where Crossref's
# DOI content negotiation (crosscite's bolognese) names a CSL type, that one;
# posted-content as citation-js reads it (a preprint: CSL 'article'); the
# types those leave out get the nearest CSL type, 'document' when none is.
# The original type is kept in custom.source-type.
CROSSREF_TYPES = {
    "journal-article": "article-journal",
    "proceedings-article": "paper-conference",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "book-track": "chapter",
    "edited-book": "book",
    "monograph": "book",
    "reference-book": "book",
    "book-set": "book",
    "book-series": "book",
    "proceedings": "book",
    "proceedings-series": "book",
    "reference-entry": "entry-dictionary",
    "book-entry": "entry-dictionary",
    "posted-content": "article",
    "dissertation": "thesis",
    "report-component": "report",
    "report-series": "report",
    "standard-series": "standard",
    "journal": "periodical",
    "journal-issue": "periodical",
    "journal-volume": "periodical",
    "peer-review": "review",
    "database": "dataset",
    "component": FALLBACK_TYPE,
    "grant": FALLBACK_TYPE,
    "other": FALLBACK_TYPE,
}


# Producers' names for CSL variables (Crossref's API).
_ALIASES = {"short-container-title": "container-title-short"}


def _mend_type(item: dict, note) -> None:
    """Give an item without a CSL type the one its producer meant."""
    schema, _ = _schema_parts()
    kind = item.get("type")
    if kind in schema["properties"]["type"]["enum"]:
        return
    if kind in (None, "") and any(key not in ("id", "type") for key in item):
        item["type"] = FALLBACK_TYPE
        why = "has no type" if kind is None else "has an empty type (pandoc's @misc)"
        note("type", f"the item {why}; read as {FALLBACK_TYPE!r}", code="type-mapped",
             severity=Severity.WARNING)
    elif isinstance(kind, str) and kind.strip().lower() in CROSSREF_TYPES:
        item["type"] = CROSSREF_TYPES[kind.strip().lower()]
        custom = item.setdefault("custom", {})
        if isinstance(custom, dict):
            custom.setdefault("source-type", kind)
        note("type", f"Crossref's type {kind!r} read as CSL's {item['type']!r}",
             code="type-mapped", severity=Severity.INFO)


def _suggest(word: str, choices) -> list[str]:
    """Likely intended CSL types, also when the words are swapped
    ("journal-article" for "article-journal")."""
    import difflib

    def words(text):
        return "-".join(sorted(re.split(r"[-_ ]+", text.lower())))

    by_words = {words(c): c for c in choices}
    found = [by_words[w] for w in difflib.get_close_matches(words(word), by_words, 2)]
    found += difflib.get_close_matches(word.lower(), choices, 2)
    return list(dict.fromkeys(found))[:3]


def _set_aside_unknown(item: dict, kinds: dict[str, str], note) -> None:
    """Other tools' names for CSL variables read as CSL's; keys CSL does not
    know moved into ``custom``, each noted."""
    for theirs, ours in _ALIASES.items():
        if theirs in item and ours not in item and item[theirs] not in ([], "", None):
            item[ours] = item.pop(theirs)
    unknown = [key for key in item if key not in kinds]
    if unknown:
        custom = item.get("custom")
        if not isinstance(custom, dict):
            custom = {}
        for key in unknown:
            custom.setdefault(key, item.pop(key))
            note(key, f"{key!r} is not a CSL variable; kept in 'custom'")
        item["custom"] = custom


def _invalid_fields(item: dict) -> dict[str, str] | tuple[str | None, str]:
    """What the CSL schema rejects in ``item``: the fields to drop (key ->
    why), or (key or None, why) when the whole item must be skipped (a bad
    id or type, or a fault of the item itself).  A missing id is not a fault:
    the reader gives one."""
    drop: dict[str, str] = {}
    errors = () if _is_valid(item) else _get_validator().iter_errors(item)
    for error in errors:
        path = list(error.absolute_path)
        if not path:
            if error.validator == "required" and "'id'" in error.message:
                continue  # an id is generated by the caller
            return None, error.message
        key = path[0]
        if key in ("id", "type"):
            message = error.message
            if key == "type" and error.validator == "enum":
                close = _suggest(str(error.instance), error.validator_value)
                message = f"{error.instance!r} is not a CSL item type" + (
                    f" (did you mean {' or '.join(map(repr, close))}?)" if close else "")
            return key, message
        pointer = "/" + "/".join(str(p) for p in path)
        drop.setdefault(key, f"{pointer}: {error.message}")
    return drop


def normalise_item(item, fields: dict[str, int], src_name: str | None, line: int,
                   diagnostics: list) -> dict | None:
    """Check one item against the CSL structure.  Returns the item to keep
    (possibly without its bad fields) or None when it must be skipped."""
    if not isinstance(item, dict):
        diagnostics.append(make("record-invalid",
                                f"a CSL item is a JSON object, not {type(item).__name__}",
                                file=src_name, line=line))
        return None
    _schema, kinds = _schema_parts()
    record_id = item.get("id")
    record_id = str(record_id) if isinstance(record_id, (str, int)) else None

    def note(key, message, code="field-unmapped", severity=None):
        diagnostics.append(make(code, message, file=src_name, line=fields.get(key, line),
                                record=record_id, pointer=f"/{key}", severity=severity))

    _set_aside_unknown(item, kinds, note)
    _coerce(item, kinds, note)
    _mend_type(item, note)
    drop = _invalid_fields(item)
    if isinstance(drop, tuple):  # the whole item is unusable
        key, message = drop
        diagnostics.append(make(
            "record-invalid", f"item skipped: {key!r}: {message}" if key else
            f"item skipped: {message}", file=src_name,
            line=fields.get(key, line) if key else line, record=record_id,
            pointer=f"/{key}" if key else None))
        return None
    for key, why in drop.items():
        del item[key]
        diagnostics.append(make(
            "record-invalid", f"field {key!r} dropped, it is not valid CSL ({why})",
            file=src_name, line=fields.get(key, line), record=record_id, pointer=f"/{key}"))
    if "id" not in item:
        item["id"] = base_id(item)
        diagnostics.append(make("id-generated", f"item has no id; it was given {item['id']!r}",
                                file=src_name, line=line, record=item["id"]))
    else:
        item["id"] = str(item["id"])
    return item


def read(text: str, source: str | None = None, **options) -> ReadResult:
    result = ReadResult()
    src = _Source(text.lstrip("\ufeff"), source)
    for item, start, end, fields in _parse(src, result):
        line = src.where(start)[0]
        kept = normalise_item(item, fields, source, line, result.diagnostics)
        if kept is not None:
            end_line = src.where(max(start, end - 1))[0]
            result.records.append(Record(kept, Origin(source, line, end_line, fields)))
    return result


# -- writing ----------------------------------------------------------------

# What a reader looks for first; the rest follows alphabetically, custom last.
_FIRST = ("id", "type", "title", "author", "editor", "issued", "container-title",
          "volume", "issue", "page", "publisher", "DOI", "URL", "abstract")


def _ordered(data: dict) -> dict:
    """A fixed key order, so that output is stable and diffs are small."""
    keys = tuple(data)
    order = _ORDERS.get(keys) or _order(keys)
    out = {k: data[k] for k in order}
    if data.get("custom"):
        out["custom"] = data["custom"]
    return out


# The order of each set of keys (as the record holds them), found once: a
# library's records have a few shapes over and over.
_ORDERS: dict[tuple, tuple] = {}


def _order(keys: tuple) -> tuple:
    present = set(keys)
    first = [k for k in _FIRST if k in present]
    order = (*first, *sorted(present.difference(first, ("custom",))))
    if len(_ORDERS) < 4096:
        _ORDERS[keys] = order
    return order


def _newer_variables() -> frozenset[str]:
    """CSL 1.0.2 variables the published CSL-JSON schema does not accept."""
    return frozenset(k for k, v in load_schema(SCHEMA)["properties"].items()
                     if v.get("x-since") == "1.0.2")


@lru_cache(maxsize=2)
def _written_kinds(csl_version: str) -> dict:
    """The variables the writer keeps as such (the rest go into custom):
    found once, not again for every streamed batch (nor, as it was, the
    newer variables once per variable)."""
    _, kinds = _schema_parts()
    if csl_version != "1.0.2":
        newer = _newer_variables()
        kinds = {k: v for k, v in kinds.items() if k not in newer}
    return kinds


def write(records, *, lines: bool = False, csl_version: str = "1.0",
          **options) -> WriteResult:
    """An array of items (indented), or with ``lines=True`` JSON Lines.

    By default the output validates against the published CSL-JSON schema,
    so the CSL 1.0.2 variables it lacks (license, part-number ...) go into
    ``custom``; ``csl_version="1.0.2"`` keeps them as variables."""
    from ..textio import ACYCLIC, fewer_collections

    with fewer_collections(ACYCLIC):
        return _write(list(records), lines, csl_version)


def _write(records: list, lines: bool, csl_version: str) -> WriteResult:
    from .csljson_indent import dumps

    kinds = _written_kinds(csl_version)
    result = WriteResult()
    items = []
    for record in records:
        data = record.data  # copied below before anything is moved
        unknown = [k for k in data if k not in kinds]
        if unknown:
            data = dict(data)
            custom = dict(data.get("custom") or {})
            for key in unknown:
                custom.setdefault(key, data.pop(key))
                result.diagnostics.append(make(
                    "field-unmapped", f"{key!r} is not a CSL variable; written to 'custom'",
                    file=record.origin.file, line=record.origin.line_of(key),
                    record=record.id, pointer=f"/custom/{key}"))
            data["custom"] = custom
        items.append(_ordered(data))
    if lines:
        result.text = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    else:
        result.text = dumps(items) + "\n"  # json.dumps(indent=2)'s bytes, in C
    return result
