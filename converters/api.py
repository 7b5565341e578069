"""The Python API: read, write and convert, each returning results and
diagnostics (never printing, never exiting)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Severity, has_errors, make
from .ids import IdAllocator
from .model import ReadResult, Record, WriteResult
from .registry import Format, FormatError, Registry, default_registry
from .textio import decode, read_source


def _choose_reader(registry: Registry, format: str | None, path: str | None,
                   text: str) -> Format | None:
    if format:
        return registry.get(format)
    if path and path != "-":
        # Several formats may claim a suffix (.xml): their sniffers choose.
        by_suffix = registry.for_path(path, text, readable=True)
        if by_suffix is not None:
            return by_suffix
    return registry.sniff(text)


def read(source, format: str | None = None, *, encoding: str | None = None,
         registry: Registry | None = None, shared: dict | None = None,
         **options) -> ReadResult:
    """Read records from a path (str or os.PathLike; ``-`` is stdin), from
    bytes, or from text.  A str that names no existing file and holds a
    newline, or does not look like a file name, is read as text.  ``shared``
    carries what a format shares across the inputs of one collection (BibTeX's
    @string macros): pass the same dict to each read."""
    return _read(source, format, encoding=encoding, registry=registry, shared=shared,
                 options=options)[1]


def _text_of(source, encoding: str | None, registry: Registry
             ) -> tuple[str | None, list[Diagnostic], str | None, str | None]:
    """(text, diagnostics, label, path) of a path, bytes or text."""
    path = None
    if isinstance(source, os.PathLike):
        path = os.fspath(source)
    elif isinstance(source, str) and "\n" not in source and (
            source == "-" or os.path.exists(source) or registry.for_path(source)):
        path = source
    if path is not None:
        text, diagnostics = read_source(path, encoding)
        return text, diagnostics, ("<stdin>" if path == "-" else path), path
    if isinstance(source, (bytes, bytearray)):
        text, diagnostics = decode(bytes(source), None, encoding)
        return text, diagnostics, None, None
    return source, [], None, None


def _read(source, format: str | None = None, *, encoding: str | None = None,
          registry: Registry | None = None, shared: dict | None = None,
          front_matter: bool = False, options: dict | None = None
          ) -> tuple[Format | None, ReadResult]:
    """:func:`read`, also saying which format read the input.  With
    ``front_matter`` a format that has front matter also returns the
    document's own record (what validate checks)."""
    registry = registry or default_registry()
    options = dict(options or {})
    text, diagnostics, label, path = _text_of(source, encoding, registry)
    if text is None:
        return None, ReadResult([], diagnostics)
    fmt = _choose_reader(registry, format, path, text)
    if fmt is None:
        return None, ReadResult([], diagnostics + [make(
            "format-unknown", "cannot tell the format of this input; name it with -f/--from",
            file=label)])
    if shared is not None:
        for name in fmt.shared_options:
            options.setdefault(name, shared.setdefault(name, {}))
    if front_matter and fmt.front_matter_option:
        options.setdefault(fmt.front_matter_option, True)
    result = fmt.read(text, label, **options)
    result.diagnostics[:0] = diagnostics
    return fmt, result


def write(records, format: str, *, registry: Registry | None = None,
          **options) -> WriteResult:
    """Write records (Record objects or plain CSL-JSON dicts) in ``format``.
    Values no writer can use are mended or left out first, each reported
    (see converters.wellformed); the records given are not altered."""
    registry = registry or default_registry()
    records = [r if isinstance(r, Record) else Record(dict(r)) for r in records]
    return _write(registry.get(format), records, options)


def _write(writer: Format, records: list[Record], options: dict, *,
           checked: bool = False) -> WriteResult:
    """The one way records reach a writer: checked for shape first (unless
    the caller just did)."""
    from .wellformed import check

    writer.check_options(options)
    mended: list[Diagnostic] = []
    if not checked:
        records, mended = check(records)
    result = writer.write(records, **options)
    result.diagnostics[:0] = mended
    return result


def unique_ids(records: list[Record], diagnostics: list[Diagnostic]) -> None:
    """Within one collection every id is unique: a repeat gets -2, -3 ..."""
    allocator = IdAllocator()
    for record in records:
        wanted = record.id or "record"
        got = allocator.claim(wanted)
        if got != wanted:
            diagnostics.append(make(
                "id-duplicate", f"id {wanted!r} is used by an earlier record; renamed {got!r}",
                file=record.origin.file, line=record.origin.line, record=got,
                pointer="/id"))
        record.data["id"] = got


@dataclass
class ConvertResult:
    records: list[Record] = field(default_factory=list)
    output: WriteResult | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    inputs_failed: int = 0

    @property
    def text(self) -> str:
        return self.output.text if self.output else ""


def convert(inputs, to: str, *, from_: str | None = None, encoding: str | None = None,
            registry: Registry | None = None, write_options: dict | None = None,
            read_options: dict | None = None) -> ConvertResult:
    """Read every input into one collection and write it as ``to``.  An input
    may be a path, bytes or text (see :func:`read`); a single one need not be
    in a list."""
    from .wellformed import check as wellformed

    registry = registry or default_registry()
    if isinstance(inputs, (str, bytes, bytearray, os.PathLike)):
        inputs = [inputs]
    writer = registry.get(to)
    if not writer.can_write:
        raise FormatError(f"format {writer.name!r} can only be read")
    result = ConvertResult()
    meta: dict = {}
    shared: dict = {}
    for source in inputs:
        _, got = _read(source, from_, encoding=encoding, registry=registry, shared=shared,
                         options=read_options)
        result.diagnostics.extend(got.diagnostics)
        merge_blocks(meta, got.meta)
        if not got.records and has_errors(got.diagnostics):
            result.inputs_failed += 1
        result.records.extend(got.records)
    # Shapes first: an id may lose a control character and meet another.
    result.records, mended = wellformed(result.records)
    result.diagnostics.extend(mended)
    unique_ids(result.records, result.diagnostics)
    options = dict(write_options or {})
    if any(meta.values()):
        if writer.file_blocks:
            options.setdefault("meta", meta)
        else:
            kinds = ", ".join(f"{len(v)} {k}" for k, v in meta.items() if v)
            result.diagnostics.append(make(
                "field-dropped", f"{writer.name} has no place for the input's file-level "
                f"blocks ({kinds})", severity=Severity.INFO))
    result.output = _write(writer, result.records, options, checked=True)
    result.diagnostics.extend(result.output.diagnostics)
    return result


def merge_blocks(into: dict, blocks: dict) -> None:
    """One collection's file-level blocks: mappings merged, lists joined."""
    for key, value in blocks.items():
        if isinstance(value, dict):
            into.setdefault(key, {}).update(value)
        else:
            into.setdefault(key, []).extend(value)


# Reader codes that mean a whole input could not be read at all.
UNREADABLE = frozenset({"input-unreadable", "input-empty", "encoding-invalid", "input-binary",
                        "format-unknown", "syntax-error", "nesting-too-deep"})


@dataclass
class ValidateResult:
    records: list[Record] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def validate(inputs, *, from_: str | None = None, encoding: str | None = None,
             profiles=None, select=None, ignore=None,
             registry: Registry | None = None) -> ValidateResult:
    """Read the inputs (paths, bytes, text, or already-read records) and check
    every record: reader findings, the default profile, extra profile files,
    and the built-in checks.  ``select``/``ignore`` filter by code."""
    from .validation import selected
    from .validation import validate as check
    from .wellformed import check as wellformed

    registry = registry or default_registry()
    result = ValidateResult()
    if isinstance(inputs, (str, bytes, bytearray, os.PathLike)):
        inputs = [inputs]
    inputs = list(inputs)
    if inputs and all(isinstance(i, (Record, dict)) for i in inputs):
        result.records = [r if isinstance(r, Record) else Record(dict(r)) for r in inputs]
    else:
        shared: dict = {}
        for source in inputs:
            # front_matter: an article is checked with its own record too
            _, got = _read(source, from_, encoding=encoding, registry=registry,
                           shared=shared, front_matter=True)
            label = ("<stdin>" if source == "-" else os.fspath(source)
                     if isinstance(source, (str, os.PathLike)) and "\n" not in str(source)
                     else "<text>")
            result.files.append(label)
            if not got.records and any(d.code in UNREADABLE for d in got.diagnostics):
                result.unreadable.append(label)
            result.diagnostics.extend(got.diagnostics)
            result.records.extend(got.records)
    # The checks see what a writer would: values of impossible shapes are
    # reported (value-invalid, character-invalid) and left out first.
    result.records, mended = wellformed(result.records)
    result.diagnostics.extend(mended)
    if select or ignore:
        result.diagnostics = [d for d in result.diagnostics
                              if selected(d.code, select, ignore)]
    result.diagnostics.extend(check(result.records, profiles=profiles, select=select,
                                    ignore=ignore))
    return result
