"""CSL-JSON: an array of items, a single item, or JSON Lines (one item a line).

The reader walks the top level itself and hands each value to the standard
library's decoder, so every item, and every top-level field of an item, gets
the line it starts on.  An item that breaks the CSL structure is reported at
its line: a bad field is dropped and the rest of the item kept; an item with
no usable type, or that is not an object, is skipped.  A syntax error inside
a pretty-printed array skips to the next item that starts a line, so the
good items around a broken one are still read.
"""
from __future__ import annotations

import bisect
import json
import re
from functools import lru_cache

from ..diagnostics import Diagnostic, make
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
        return 0.9 if re.search(r'"(type|id|title|author)"\s*:', head) else 0.4
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

    def skip(self, offset: int) -> int:
        return _WS.match(self.text, offset).end()


class _Broken(Exception):
    def __init__(self, diagnostic: Diagnostic, fatal: bool = False):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.fatal = fatal


_DECODER = json.JSONDecoder()


def _decode(src: _Source, offset: int):
    """One JSON value at ``offset`` -> (value, end offset)."""
    try:
        return _DECODER.raw_decode(src.text, offset)
    except json.JSONDecodeError as exc:
        line, column = src.where(exc.pos)
        raise _Broken(make("syntax-error", f"invalid JSON: {exc.msg}",
                           file=src.name, line=line, column=column)) from None
    except RecursionError:
        line, column = src.where(offset)
        raise _Broken(make("nesting-too-deep",
                           "JSON nested too deeply to read safely",
                           file=src.name, line=line, column=column), fatal=True) from None
    except ValueError as exc:  # e.g. an integer with too many digits
        line, column = src.where(offset)
        raise _Broken(make("syntax-error", f"invalid JSON value: {exc}",
                           file=src.name, line=line, column=column)) from None


def _item(src: _Source, offset: int, values: dict | None = None
          ) -> tuple[object, int, dict[str, int]]:
    """A value at ``offset``; for an object, also the line of each key (and,
    into ``values``, the offset of each value)."""
    text = src.text
    if text.startswith("{", offset):
        # Walk the object's top level ourselves to learn where each field is.
        fields: dict[str, int] = {}
        item: dict = {}
        pos = src.skip(offset + 1)
        if text.startswith("}", pos):
            return item, pos + 1, fields
        while True:
            if not text.startswith('"', pos):
                break  # let the decoder describe the error
            key_at = pos
            key, pos = _decode(src, pos)
            pos = src.skip(pos)
            if not text.startswith(":", pos):
                break
            pos = src.skip(pos + 1)
            if values is not None:
                values[key] = pos
            value, pos = _decode(src, pos)
            item[key] = value
            fields[key] = src.where(key_at)[0]
            pos = src.skip(pos)
            if text.startswith(",", pos):
                pos = src.skip(pos + 1)
                continue
            if text.startswith("}", pos):
                return item, pos + 1, fields
            break
        _decode(src, offset)  # raises with the decoder's own message and place
    value, end = _decode(src, offset)
    return value, end, {}


def _resync(src: _Source, after: int, indent: str | None) -> int | None:
    """The next line that opens an item (``{`` at the items' indentation)."""
    pattern = re.compile(r"\n(%s)\{" % (re.escape(indent) if indent is not None else r"[ \t]*"))
    match = pattern.search(src.text, after)
    return match.end() - 1 if match else None


def _is_item_map(value) -> bool:
    """An object whose values are all items and whose keys are not CSL's."""
    if not isinstance(value, dict) or not value:
        return False
    _, kinds = _schema_parts()
    return not any(key in kinds for key in value) and all(
        isinstance(v, dict) and "type" in v for v in value.values())


def _parse(src: _Source, result: ReadResult):
    """Yield (item, offset, end, field lines) for each top-level item."""
    text = src.text
    pos = src.skip(0)
    if text.startswith("["):
        pos = src.skip(pos + 1)
        indent = None
        if text.startswith("]", pos):
            return
        while True:
            start = pos
            try:
                item, pos, fields = _item(src, start)
            except _Broken as broken:
                result.diagnostics.append(broken.diagnostic)
                if broken.fatal:
                    return
                resumed = _resync(src, start + 1, indent)
                if resumed is None:
                    return
                pos = resumed
                continue
            if indent is None:
                line_start = text.rfind("\n", 0, start) + 1
                indent = text[line_start:start] if not text[line_start:start].strip() else None
            yield item, start, pos, fields
            pos = src.skip(pos)
            if text.startswith(",", pos):
                pos = src.skip(pos + 1)
                continue
            if text.startswith("]", pos):
                tail = src.skip(pos + 1)
                if tail < len(text):
                    line, column = src.where(tail)
                    result.diagnostics.append(make(
                        "syntax-error", "unexpected text after the end of the array",
                        file=src.name, line=line, column=column))
                return
            line, column = src.where(pos)
            found = "the end of the file" if pos >= len(text) else repr(text[pos])
            result.diagnostics.append(make(
                "syntax-error", f"invalid JSON: expected ',' or ']' but found {found}",
                file=src.name, line=line, column=column))
            resumed = _resync(src, pos, indent)
            if resumed is None:
                return
            pos = resumed
    elif text.startswith("{"):
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
                if broken.fatal:
                    return
                newline = text.find("\n", start)
                if newline < 0:
                    return
                pos = src.skip(newline)
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
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
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
                extra = ({k: name.pop(k) for k in list(name) if k not in _NAME_KEYS}
                         if isinstance(name, dict) else {})
                details.append(extra or None)
            if any(details):
                custom.setdefault("name-details", {})[key] = details
                note(key, f"name properties CSL lacks in {key!r} kept in "
                          "'custom.name-details'")
    if custom:
        item["custom"] = custom


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


def normalise_item(item, fields: dict[str, int], src_name: str | None, line: int,
                   diagnostics: list) -> dict | None:
    """Check one item against the CSL structure.  Returns the item to keep
    (possibly without its bad fields) or None when it must be skipped."""
    if not isinstance(item, dict):
        diagnostics.append(make("record-invalid",
                                f"a CSL item is a JSON object, not {type(item).__name__}",
                                file=src_name, line=line))
        return None
    schema, kinds = _schema_parts()
    record_id = item.get("id")
    record_id = str(record_id) if isinstance(record_id, (str, int)) else None

    def note(key, message, code="field-unmapped"):
        diagnostics.append(make(code, message, file=src_name, line=fields.get(key, line),
                                record=record_id, pointer=f"/{key}"))

    unknown = [key for key in item if key not in kinds]
    if unknown:
        custom = item.get("custom")
        if not isinstance(custom, dict):
            custom = {}
        for key in unknown:
            custom.setdefault(key, item.pop(key))
            note(key, f"{key!r} is not a CSL variable; kept in 'custom'")
        item["custom"] = custom
    _coerce(item, kinds, note)

    drop: dict[str, str] = {}
    errors = () if _is_valid(item) else _get_validator().iter_errors(item)
    for error in errors:
        path = list(error.absolute_path)
        if not path:
            if error.validator == "required" and "'id'" in error.message:
                continue  # an id is generated below
            diagnostics.append(make("record-invalid", f"item skipped: {error.message}",
                                    file=src_name, line=line, record=record_id))
            return None
        key = path[0]
        if key in ("id", "type"):
            message = error.message
            if key == "type" and error.validator == "enum":
                close = _suggest(str(error.instance), error.validator_value)
                message = f"{error.instance!r} is not a CSL item type" + (
                    f" (did you mean {' or '.join(map(repr, close))}?)" if close else "")
            diagnostics.append(make(
                "record-invalid", f"item skipped: {key!r}: {message}",
                file=src_name, line=fields.get(key, line), record=record_id,
                pointer=f"/{key}"))
            return None
        pointer = "/" + "/".join(str(p) for p in path)
        drop.setdefault(key, f"{pointer}: {error.message}")
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
    out = {k: data[k] for k in _FIRST if k in data}
    out.update((k, data[k]) for k in sorted(data) if k not in out and k != "custom")
    if data.get("custom"):
        out["custom"] = data["custom"]
    return out


def _newer_variables() -> frozenset[str]:
    """CSL 1.0.2 variables the published CSL-JSON schema does not accept."""
    return frozenset(k for k, v in load_schema(SCHEMA)["properties"].items()
                     if v.get("x-since") == "1.0.2")


def write(records, *, lines: bool = False, csl_version: str = "1.0",
          **options) -> WriteResult:
    """An array of items (indented), or with ``lines=True`` JSON Lines.

    By default the output validates against the published CSL-JSON schema,
    so the CSL 1.0.2 variables it lacks (license, part-number ...) go into
    ``custom``; ``csl_version="1.0.2"`` keeps them as variables."""
    _, kinds = _schema_parts()
    if csl_version != "1.0.2":
        kinds = {k: v for k, v in kinds.items() if k not in _newer_variables()}
    result = WriteResult()
    items = []
    for record in records:
        data = dict(record.data)
        unknown = [k for k in data if k not in kinds]
        if unknown:
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
        result.text = json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    return result
