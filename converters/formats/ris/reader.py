"""RIS -> CSL: each record's tags read by what they mean in its type
(mapping/ris.py), with the line of every field; nothing read is lost."""
from __future__ import annotations

import re

from ... import vocabulary
from ...diagnostics import Severity, make
from ...ids import IdAllocator, base_id
from ...mapping import ris as M
from ...model import OTHERS, Origin, ReadResult, Record, split_others
from .dialect import is_procite, procite
from .stream import file_state
from .tags import parse_record, split_records
from .values import (
    all_values,
    carried_value,
    first_value,
    parse_date,
    parse_name,
    record_date,
    serial_kind,
    without_blank_ends,
)

_RUN_ON_TAG = re.compile(r"([A-Z][A-Z0-9]) {1,2}- ?(\S.*)", re.S)


def _database_tags(fields: dict) -> dict:
    """The tag meanings of the database the record says it came from (DB),
    where the record has that export's shape: its cited works, several M1
    lines (a chapter of the same database with its editor and one M1, or
    another host's export of it, reads as any other)."""
    database = first_value(fields.get("DB"))
    cited = fields.get("M1")
    if not database or not isinstance(cited, list) or len(cited) < 2:
        return {}
    return next((tags for name, tags in M.TAGS_BY_DATABASE.items()
                 if database.startswith(name)), {})


class _Reading:
    """One record's tags on their way to CSL: what has been read (and from
    which line), the tags used, and what is kept verbatim in custom.ris."""

    def __init__(self, ris_type: str, fields: dict, lines: dict) -> None:
        self.ris_type = ris_type
        self.fields = fields
        self.lines = lines
        self.overrides = dict(M.TAGS_BY_TYPE.get(ris_type, {}), **_database_tags(fields))
        self.whole = ris_type in M.WHOLE_WORKS
        self.data: dict = {}
        self.where: dict[str, int] = {}
        self.custom_ris: dict[str, list[str]] = {}
        self.used = {"TY", "ER"}
        self.shadowed: set[str] = set()  # tags whose variable another tag gave first
        self.repeated: set[str] = set()  # one-value tags given more than once

    def first(self, tag: str) -> str:
        return first_value(self.fields.get(tag))

    def put(self, var: str, value, tag: str | None, keep: bool = True) -> None:
        """Set ``var`` unless an earlier tag has (the first tag wins); a
        different value of a later tag is kept in custom.ris (with ``keep``),
        not lost."""
        if value in (None, "", []):
            return
        if var in self.data:
            if keep and tag is not None and tag in self.fields and isinstance(value, str) \
                    and value != self.data[var]:
                kept = self.custom_ris.setdefault(tag, [])
                if value not in kept:
                    kept.append(value)
                self.shadowed.add(tag)
            return
        self.data[var] = value
        if tag in self.lines:
            self.where.setdefault(var, self.lines[tag])

    def meaning(self, tag: str, default: str | None) -> str | None:
        """What ``tag`` stands for in this record's type."""
        return self.overrides.get(tag, default)

    def put_text(self, tag: str, default: str | None) -> None:
        """A text tag, read by what it means in this type."""
        self.used.add(tag)
        if not self.first(tag):
            return
        var = self.meaning(tag, default)
        if var is None:
            self.custom_ris[tag] = all_values(self.fields[tag])
        elif var in M.DATE_VARIABLES:
            date = parse_date(self.first(tag))
            if date:
                self.put(var, date, tag)
            else:  # no date where the type has one (EndNote's "Epub Date")
                self.custom_ris[tag] = all_values(self.fields[tag])
        elif var in M.NAME_ROLES:
            self.data.setdefault(var, []).extend(
                n for n in (parse_name(v) for v in all_values(self.fields[tag])) if n)
            self.where.setdefault(var, self.lines.get(tag))  # type: ignore[arg-type]
        else:
            self.put(var, self.first(tag), tag)


def _read_type(r: _Reading) -> None:
    csl_type = M.READ_TYPES.get(r.ris_type, "document")
    if r.ris_type == "GEN" and any(r.fields.get(t) for t in M.JOURNAL_FULL + ("T2",)):
        csl_type = "article-journal"  # a generic record in a journal
    r.data["type"] = csl_type
    if r.fields.get("ID"):
        r.data["id"] = r.first("ID")
    r.used.add("ID")


def _read_titles(r: _Reading) -> None:
    for tag in M.TITLE_TAGS:
        r.put("title", r.first(tag), tag)
        r.used.add(tag)
    if r.fields.get("BT"):  # old RIS: the book's title (of a book, or around a chapter)
        r.put("title" if r.whole else "container-title", r.first("BT"), "BT")
    r.used.add("BT")
    for tag in M.JOURNAL_FULL:
        r.put("container-title", r.first(tag), tag)
        r.used.add(tag)
    r.put_text("T2", "collection-title" if r.whole else "container-title")
    journal = r.first("JO")  # the container when alone, else its abbreviation
    r.put("container-title", journal, "JO", keep=False)
    r.used.add("JO")
    for tag in M.JOURNAL_ABBREVIATED:
        r.put("container-title-short", r.first(tag), tag)
        r.used.add(tag)
    if journal and r.data.get("container-title") != journal:
        r.put("container-title-short", journal, "JO")
    r.put_text("T3", "collection-title")
    if "C3" in r.overrides:
        r.put_text("C3", None)


def _read_names(r: _Reading) -> None:
    for tag in M.NAME_READ_ORDER:
        r.used.add(tag)
        role = r.meaning(tag, M.NAME_TAGS[tag])
        if role is None or role not in M.NAME_ROLES:
            if r.fields.get(tag):
                if role is None:
                    r.custom_ris[tag] = all_values(r.fields[tag])
                else:
                    r.put(role, r.first(tag), tag)
            continue
        names = [n for n in (parse_name(v) for v in all_values(r.fields.get(tag))) if n]
        if not names:
            continue
        people, incomplete = split_others(r.data.get(role, []) + names)
        stray = [n for n in people if n == OTHERS]
        people = [n for n in people if n != OTHERS]
        r.data[role] = people + ([dict(OTHERS)] if incomplete or stray else [])
        if tag in r.lines:
            r.where.setdefault(role, r.lines[tag])


def _read_dates(r: _Reading) -> None:
    issued, date_tag = record_date(r.fields)
    if issued:
        r.put("issued", issued, date_tag)
    r.used.update(M.DATE_TAGS)
    accessed = parse_date(r.first(M.ACCESSED_TAG))
    if accessed:
        r.put("accessed", accessed, M.ACCESSED_TAG)
    elif r.fields.get(M.ACCESSED_TAG):
        r.custom_ris[M.ACCESSED_TAG] = all_values(r.fields[M.ACCESSED_TAG])
    r.used.add(M.ACCESSED_TAG)


def _read_pages(r: _Reading) -> None:
    if r.meaning("SP", "page") != "page":
        r.put_text("SP", "page")
        return
    start, end = r.first("SP"), r.first("EP")
    if start or end:
        page = f"{start}-{end}" if start and end and end != start and "-" not in start \
            else (start or end)
        r.put("page", page, "SP" if start else "EP")
    r.used.update(("SP", "EP"))


def _read_texts(r: _Reading) -> None:
    """The simple tags, the abstract, keywords and links."""
    for tag, var in M.SIMPLE.items():
        r.put_text(tag, var)
    abstract = r.first("AB") or r.first("N2")
    r.put("abstract", abstract, "AB" if r.fields.get("AB") else "N2")
    if r.fields.get("AB") and r.fields.get("N2") and r.first("N2") != abstract:
        r.custom_ris["N2"] = all_values(r.fields["N2"])
    r.used.update(("AB", "N2"))
    r.put("keyword", ", ".join(all_values(r.fields.get("KW"))), "KW")
    r.used.add("KW")
    urls = [u for value in all_values(r.fields.get("UR")) for u in value.split() if u]
    r.put("URL", urls[0] if urls else None, "UR")
    if len(urls) > 1:
        r.custom_ris["UR"] = urls[1:]
    r.used.add("UR")


def _read_ids(r: _Reading) -> None:
    given = vocabulary.strip_doi_prefix(r.first("DO"))
    doi = given.split()[0] if given else ""  # a DOI holds no space
    if re.match(r"10\.\d+/\S", doi):
        r.put("DOI", doi, "DO")
        run_on = _RUN_ON_TAG.fullmatch(given[len(doi):].strip())
        if run_on and run_on.group(1) not in M.KNOWN_TAGS and \
                len(all_values(r.fields["DO"])) == 1:
            # Rayyan's "DO  - 10.1038/...     LK  - https://...": the next tag
            # line run on after the DOI, kept as that tag (one DO line written
            # back, which citation-js needs: two DO lines stop its reading)
            r.custom_ris.setdefault(run_on.group(1), []).append(run_on.group(2))
        elif doi != given:  # more after it on the line: kept whole
            r.custom_ris["DO"] = all_values(r.fields["DO"])
    elif doi:  # not a DOI (a placeholder, a bare suffix): kept as it was
        r.custom_ris["DO"] = all_values(r.fields["DO"])
    r.used.add("DO")
    meaning = r.meaning("SN", None)  # a standard's document number, not a serial
    for value in all_values(r.fields.get("SN")):
        r.put(meaning or serial_kind(value, r.data["type"]), value, "SN")
    r.used.add("SN")


def _note_values(value) -> list[str]:
    """N1's values and the lines continuing them, a blank line between two
    (a note's paragraphs, as Zotero writes them) kept."""
    return without_blank_ends([str(v or "").strip()
                               for v in (value if isinstance(value, list) else [value])])


def _read_notes(r: _Reading) -> dict:
    """The notes, less the ``bibconv:key=value`` facts (returned)."""
    notes, carried = [], {}
    for note in _note_values(r.fields.get("N1")):
        if note.startswith(M.NOTE_PREFIX) and "=" in note:
            key, _, value = note[len(M.NOTE_PREFIX):].partition("=")
            if key in M.CARRIED_CUSTOM:
                carried[key] = carried_value(value)
                continue
        notes.append(note)
    r.put("note", "\n".join(notes), "N1")
    r.used.add("N1")
    return carried


def _read_typed_extras(r: _Reading, unknown: dict) -> None:
    """Tags outside rispy's list that this type gives a meaning (a patent's OP)."""
    for tag in M.TYPED_EXTRA_TAGS:
        if r.meaning(tag, None) and unknown.get(tag):
            r.fields[tag] = unknown.pop(tag)
            r.put_text(tag, None)


def _keep_repeats(r: _Reading) -> None:
    """A tag that holds one value but is given again (two T2 lines): the
    first is read, the others are kept in custom.ris."""
    for tag, value in r.fields.items():
        if not isinstance(value, list) or tag in M.LIST_TAGS or tag in M.ALL_VALUES_READ:
            continue
        values = all_values(value)
        kept = r.custom_ris.setdefault(tag, [])
        extras = [v for v in values[1:] if v != values[0] and v not in kept]
        if extras:
            kept.extend(extras)
            r.repeated.add(tag)


def _finish(r: _Reading, unknown: dict, labelled: dict, carried: dict) -> None:
    """ProCite's labelled notes, an abbreviation standing for its container,
    then what no CSL variable took, into custom."""
    for var, value in labelled.items():
        r.put(var, value, "N1", keep=False)  # the record's own tags come first
    if r.data["type"] in M.ABBREVIATION_IS_CONTAINER and "container-title" not in r.data:
        short = r.data.get("container-title-short")
        r.put("container-title", short, None)
        if short and "container-title-short" in r.where:
            r.where["container-title"] = r.where["container-title-short"]
    for tag, value in r.fields.items():
        if tag not in r.used:
            r.custom_ris[tag] = all_values(value)
    for tag, values in unknown.items():
        r.custom_ris[tag] = [v for v in values if str(v).strip()]
    custom_ris = {k: v for k, v in r.custom_ris.items() if v}
    custom: dict = dict(carried)
    if custom_ris:
        custom["ris"] = custom_ris
    if custom:
        r.data["custom"] = custom


def _to_csl(ris_type: str, fields: dict, unknown: dict, lines: dict,
            procite_file: bool = False) -> tuple[dict, dict, dict]:
    """(CSL item, CSL variable -> line, tag -> why it is kept in custom.ris
    when it has a CSL variable)."""
    labelled = procite(ris_type, fields) if procite_file else {}
    r = _Reading(ris_type, fields, lines)
    _read_type(r)
    _read_titles(r)
    _read_names(r)
    _read_dates(r)
    _read_pages(r)
    _read_texts(r)
    _read_ids(r)
    carried = _read_notes(r)
    _read_typed_extras(r, unknown)
    _keep_repeats(r)
    _finish(r, unknown, labelled, carried)
    return r.data, r.where, {tag: "gives a second value for a variable already read"
                             for tag in r.shadowed} | \
        {tag: "is given more than once: the first is read" for tag in r.repeated}


def read(text: str, source: str | None = None, **options) -> ReadResult:
    result = ReadResult()
    stream = file_state(text)  # a chunk of a stream: the file's ids and dialect
    ids = stream.ids if stream else IdAllocator()
    procite_file = stream.procite if stream else is_procite(text)
    for start, end, entries in split_records(text, source, result):
        ris_type = (entries[0][2] or "").strip().upper()
        lines: dict[str, int] = {}
        for number, tag, _ in entries:
            if tag:
                lines.setdefault(tag, number)
        try:
            fields, unknown = parse_record(entries)
        except Exception as exc:  # rispy on text it did not expect: report, read on
            result.diagnostics.append(make(
                "record-invalid", f"the record could not be parsed ({exc}); skipped",
                file=source, line=start))
            continue
        if not ris_type:
            result.diagnostics.append(make(
                "record-invalid", "the TY line names no type; read as a generic record",
                file=source, line=start, severity=Severity.WARNING))
        elif ris_type not in M.READ_TYPES:
            result.diagnostics.append(make(
                "field-unmapped", f"unknown RIS type {ris_type!r}; read as 'document'",
                file=source, line=start))
        data, where, shadowed = _to_csl(ris_type, fields, unknown, lines, procite_file)
        if len(data) <= 1:
            result.diagnostics.append(make(
                "record-invalid", "the record holds nothing but its type; skipped",
                file=source, line=start))
            continue
        wanted = data.pop("id", None) or base_id(data)
        record_id = ids.claim(wanted)
        data = {"id": record_id, **data}
        for tag in sorted((data.get("custom") or {}).get("ris", {})):
            why = shadowed.get(tag, "has no CSL variable")
            result.diagnostics.append(make(
                "field-unmapped", f"RIS tag {tag} {why}; kept in custom.ris",
                file=source, line=lines.get(tag, start), record=record_id,
                pointer=f"/custom/ris/{tag}"))
        result.records.append(Record(data, Origin(source, start, end, where)))
    if not result.records and not result.diagnostics:
        result.diagnostics.append(make("input-empty", "no RIS record (TY ... ER) in the input",
                                       file=source))
    return result


