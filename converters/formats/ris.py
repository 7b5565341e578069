"""RIS, the tagged format every reference manager imports and exports.

Reading: bibconv walks the lines itself, because it must know the line of
every record and field and carry on past a broken record; each record's
lines are then parsed by rispy (tags, repeated and continued values) with a
mapping that hands the tags back unchanged, and mapping/ris.py turns them
into CSL.  The dialects real files use are accepted: a BOM, CRLF, ``TY -``
with one space, ``ER  -`` with or without its trailing space, names in
``AU`` or ``A1``, dates in ``DA``, ``PY`` or ``Y1`` with slashes, the journal
in ``T2``, ``JO``, ``JF`` or ``J2``, the abstract in ``AB`` or ``N2``, a DOI
with or without ``https://doi.org/``.  Tags with no CSL variable, and the
later values of a variable two tags give (or of a one-value tag given
twice), are kept in ``custom.ris`` (and reported as ``field-unmapped``), and
written back: nothing read is lost.

Writing goes through rispy's writer.  An incomplete author list ends in
``AU  - et al.`` (what users of EndNote and Zotero type, and what reads back
as et al.); the facts bibconv's checks need (a listing's declared author
count, a cut abstract) ride in ``N1  - bibconv:key=value`` notes.  What RIS
has no tag for is reported as ``field-dropped``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import names as display_names
from .. import vocabulary
from ..diagnostics import Severity, make
from ..ids import IdAllocator, base_id
from ..mapping import ris as M
from ..model import OTHERS, Origin, ReadResult, Record, WriteResult, split_others, strip_markup

# the tag and its dash; the value is the rest of the line (no pattern runs
# over a long value: a 10 MB abstract must not be searched backwards)
_TAG_LINE = re.compile(r"([A-Z][A-Z0-9])[ \t]{1,3}-[ \t]?")
_HEADER = re.compile(r"^\s*\d+\.\s*$")  # rispy's and some exporters' "1." before a record


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if re.match(r"TY {1,2}- ?\S", head):
        return 0.95
    if re.search(r"^TY  - ", head, re.M) and re.search(r"^ER  -", text[:65536], re.M):
        return 0.8
    return 0.0


# -- splitting into records, with lines -------------------------------------------

def _split(text: str, source: str | None, result: ReadResult):
    """Yield (first line, last line, [(line, tag, value) | (line, None, text)])."""
    # a BOM may also stand on a line of its own after a concatenation
    lines = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    current: list | None = None
    start = 0
    stray_at: set = set()  # the kinds of stray lines already reported since the last TY

    def stray(number: int, what: str, code: str):
        if code not in stray_at:
            stray_at.add(code)
            result.diagnostics.append(make(code, what, file=source, line=number))

    for number, line in enumerate(lines, 1):
        # most lines are tag lines: test the cheap shape before the pattern
        match = _TAG_LINE.match(line) if line[:1].isupper() and "-" in line[2:6] else None
        tag, value = (match.group(1), line[match.end():].rstrip(" \t")) if match else \
            (None, line)
        if current is None:
            if tag == "TY":
                current, start = [(number, tag, value)], number
                stray_at.clear()
            elif tag is not None:
                stray(number, f"a {tag} line outside a record (no TY before it); skipped "
                      "up to the next TY", "record-invalid")
            elif line.strip() and not _HEADER.match(line):
                stray(number, "text outside a record (not a RIS tag line); skipped up to "
                      "the next TY", "syntax-error")
            continue
        if tag == "ER":
            yield start, number, current
            current = None
        elif tag == "TY":
            if len(current) == 1:  # "TY" and nothing else: no record at all
                result.diagnostics.append(make(
                    "record-invalid", "a TY line with no record after it is skipped",
                    file=source, line=start))
            else:
                result.diagnostics.append(make(
                    "syntax-error", "the record has no ER line; it ends where the next TY "
                    "begins", file=source, line=start, severity=Severity.WARNING))
                yield start, number - 1, current
            current, start = [(number, tag, value)], number
        elif tag is not None:
            current.append((number, tag, value))
        elif line.strip() and len(current) > 1:
            current.append((number, None, line))  # a value continued on the next line
        elif line.strip() and not _HEADER.match(line):
            result.diagnostics.append(make(
                "syntax-error", "text after TY that continues no tag; skipped", file=source,
                line=number, severity=Severity.WARNING))
    if current is not None:
        result.diagnostics.append(make(
            "syntax-error", "the last record has no ER line; read to the end of the file",
            file=source, line=start, severity=Severity.WARNING))
        yield start, len(lines), current


@lru_cache(maxsize=1)
def _parser():
    """rispy's parser, told to hand the tags back as they are (lower-cased)."""
    import rispy

    mapping = {tag: tag.lower() for tag in M.KNOWN_TAGS}
    mapping["UK"] = "unknown"
    return rispy.RisParser(mapping=mapping, list_tags=M.LIST_TAGS, delimiter_tags_mapping={},
                           enforce_list_tags=False)


def _parse(entries: list) -> tuple[dict, dict]:
    """One record's lines -> {tag: value or [values]} through rispy."""
    lines = [f"{tag}  - {value}" if tag else value for _, tag, value in entries]
    lines.append("ER  - ")
    parsed = _parser().parse_lines(iter(lines))
    fields = {k.upper(): v for k, v in parsed[0].items() if k != "unknown"} if parsed else {}
    unknown = dict(parsed[0].get("unknown") or {}) if parsed else {}
    return fields, unknown


# -- RIS values -> CSL -------------------------------------------------------------

def _first(value) -> str:
    if isinstance(value, list):
        value = next((v for v in value if str(v).strip()), "")
    return str(value or "").strip()


def _all(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in values if str(v or "").strip()]


def parse_name(text: str) -> dict | None:
    """A RIS name ("Family, Given[, Suffix]"; no comma: an organisation)."""
    text = " ".join(text.split()).strip()
    if not text:
        return None
    if vocabulary.is_others_word(text) or text.lower() in M.ET_AL_MORE:
        return dict(OTHERS)
    if "," not in text:
        return {"literal": text}
    family, _, rest = text.partition(",")
    parts = [p.strip() for p in rest.split(",")]
    name: dict = {}
    words = family.split()
    particles = []
    while len(words) > 1 and words[0].islower():
        particles.append(words.pop(0))
    if words:
        name["family"] = " ".join(words)
    if parts and parts[0]:
        name["given"] = parts[0]
    if particles:
        name["non-dropping-particle"] = " ".join(particles)
    if len(parts) > 1 and parts[1]:
        name["suffix"] = ", ".join(p for p in parts[1:] if p)
    return name or {"literal": text}


def parse_date(text: str) -> dict | None:
    """RIS dates: "2019", "2019/05/12/", "2019/05//Spring", "2019-05-12",
    "May 2019", "12 May 2019"."""
    text = (text or "").strip()
    match = re.match(r"^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?(?:/(.*))?$", text)
    if match:
        year = int(match.group(1))
        if year == 0:
            return None
        part = [year]
        month = int(match.group(2)) if match.group(2) else None
        if month and 1 <= month <= 12:
            part.append(month)
            day = int(match.group(3)) if match.group(3) else None
            if day and 1 <= day <= 31:
                part.append(day)
        return {"date-parts": [part]}
    found_year = re.search(r"\b(1\d{3}|20\d{2})\b", text)
    if not found_year:
        return None
    part = [int(found_year.group(1))]
    found_month = re.search(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?",
                            text, re.I)
    if found_month:
        part.append(vocabulary.MONTHS[found_month.group(1).lower()])
        rest = text.replace(found_year.group(1), " ").replace(found_month.group(0), " ")
        found_day = re.search(r"\b(\d{1,2})\b", rest)
        if found_day and 1 <= int(found_day.group(1)) <= 31:
            part.append(int(found_day.group(1)))
    return {"date-parts": [part]}


def _date(fields: dict) -> tuple[dict | None, str | None]:
    """DA (the full date) wins over PY and Y1 (the year); when DA has no
    year but PY has, PY's year and DA's month and day are put together."""
    da = parse_date(_first(fields.get("DA")))
    py = parse_date(_first(fields.get("PY"))) or parse_date(_first(fields.get("Y1")))
    tag = "PY" if "PY" in fields else "Y1"
    if da:
        if py and len(py["date-parts"][0]) > len(da["date-parts"][0]) and \
                py["date-parts"][0][0] == da["date-parts"][0][0]:
            return py, tag
        return da, "DA"
    if py:
        return py, tag
    # "DA  - May 12" with the year in PY
    year = py or None
    return year, None


def _is_isbn(value: str) -> bool:
    digits = re.sub(r"[^0-9Xx]", "", value)
    return len(digits) in (10, 13) and not re.fullmatch(r"\d{4}-?\d{3}[\dXx]", value.strip())


def serial_kind(value: str, csl_type: str) -> str:
    """"ISBN" or "ISSN" for a serial number as RIS's SN and EndNote's <isbn>
    give it (one field for both): an ISSN's shape wins, then an ISBN's, then
    the type (a book's number is its ISBN)."""
    if re.fullmatch(r"\d{4}-?\d{3}[\dXx]", value):
        return "ISSN"
    return "ISBN" if _is_isbn(value) or csl_type in ("book", "chapter") else "ISSN"


_LABELLED = re.compile(r"^([A-Za-z,()\s]+?)\s*:\s*(.*)$", re.S)


def _procite(ris_type: str, fields: dict) -> dict:
    """A ProCite / Reference Manager record's tags as plain RIS: its own tag
    meanings moved to the standard tags, its labelled notes to the tags or
    variables they name (returned as {CSL variable: value})."""
    for tag, standard in M.PROCITE_TAGS_BY_TYPE.get(ris_type, {}).items():
        if tag in fields and standard not in fields:
            fields[standard] = fields.pop(tag)
    found: dict = {}
    notes = []
    for note in _all(fields.get("N1")):
        match = _LABELLED.match(note)
        label, value = (match.group(1).strip(), match.group(2).strip()) if match else ("", "")
        if label in ("Record ID", "Record Number"):
            continue
        if label == "Notes":
            notes.append(value)
        elif label in M.PROCITE_AUTHORS and value:
            tag = "A1" if not fields.get("A1") and not fields.get("AU") else \
                "A2" if not fields.get("A2") else "A3"
            people = [display_names.parse_display_name(v) for v in value.split(";")
                      if v.strip()]
            fields.setdefault(tag, [])
            if not isinstance(fields[tag], list):
                fields[tag] = [fields[tag]]
            fields[tag].extend(format_name(p) for p in people)
        elif label in M.PROCITE_NOTES and value:
            found.setdefault(M.PROCITE_NOTES[label], value)
        else:
            notes.append(note)
    if "N1" in fields:
        fields["N1"] = notes
    return found


class _Reading:
    """One record's tags on their way to CSL: what has been read (and from
    which line), the tags used, and what is kept verbatim in custom.ris."""

    def __init__(self, ris_type: str, fields: dict, lines: dict) -> None:
        self.ris_type = ris_type
        self.fields = fields
        self.lines = lines
        self.overrides = M.TAGS_BY_TYPE.get(ris_type, {})
        self.whole = ris_type in M.WHOLE_WORKS
        self.data: dict = {}
        self.where: dict[str, int] = {}
        self.custom_ris: dict[str, list[str]] = {}
        self.used = {"TY", "ER"}
        self.shadowed: set[str] = set()  # tags whose variable another tag gave first
        self.repeated: set[str] = set()  # one-value tags given more than once

    def first(self, tag: str) -> str:
        return _first(self.fields.get(tag))

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
            self.custom_ris[tag] = _all(self.fields[tag])
        elif var in M.NAME_ROLES:
            self.data.setdefault(var, []).extend(
                n for n in (parse_name(v) for v in _all(self.fields[tag])) if n)
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
                    r.custom_ris[tag] = _all(r.fields[tag])
                else:
                    r.put(role, r.first(tag), tag)
            continue
        names = [n for n in (parse_name(v) for v in _all(r.fields.get(tag))) if n]
        if not names:
            continue
        people, incomplete = split_others(r.data.get(role, []) + names)
        stray = [n for n in people if n == OTHERS]
        people = [n for n in people if n != OTHERS]
        r.data[role] = people + ([dict(OTHERS)] if incomplete or stray else [])
        if tag in r.lines:
            r.where.setdefault(role, r.lines[tag])


def _read_dates(r: _Reading) -> None:
    issued, date_tag = _date(r.fields)
    if issued:
        r.put("issued", issued, date_tag)
    r.used.update(M.DATE_TAGS)
    accessed = parse_date(r.first(M.ACCESSED_TAG))
    if accessed:
        r.put("accessed", accessed, M.ACCESSED_TAG)
    elif r.fields.get(M.ACCESSED_TAG):
        r.custom_ris[M.ACCESSED_TAG] = _all(r.fields[M.ACCESSED_TAG])
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
        r.custom_ris["N2"] = _all(r.fields["N2"])
    r.used.update(("AB", "N2"))
    r.put("keyword", ", ".join(_all(r.fields.get("KW"))), "KW")
    r.used.add("KW")
    urls = [u for value in _all(r.fields.get("UR")) for u in value.split() if u]
    r.put("URL", urls[0] if urls else None, "UR")
    if len(urls) > 1:
        r.custom_ris["UR"] = urls[1:]
    r.used.add("UR")


def _read_ids(r: _Reading) -> None:
    doi = vocabulary.strip_doi_prefix(r.first("DO"))
    if re.match(r"10\.\d+/\S", doi):
        r.put("DOI", doi, "DO")
    elif doi:  # not a DOI (a placeholder, a bare suffix): kept as it was
        r.custom_ris["DO"] = _all(r.fields["DO"])
    r.used.add("DO")
    for value in _all(r.fields.get("SN")):
        r.put(serial_kind(value, r.data["type"]), value, "SN")
    r.used.add("SN")


def carried_value(text: str):
    """A carried fact's value as written in a ``bibconv:key=value`` note."""
    return int(text) if text.isdigit() else text == "true" if text in ("true", "false") \
        else text


def _read_notes(r: _Reading) -> dict:
    """The notes, less the ``bibconv:key=value`` facts (returned)."""
    notes, carried = [], {}
    for note in _all(r.fields.get("N1")):
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
        values = _all(value)
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
            r.custom_ris[tag] = _all(value)
    for tag, values in unknown.items():
        r.custom_ris[tag] = [v for v in values if str(v).strip()]
    custom_ris = {k: v for k, v in r.custom_ris.items() if v}
    custom: dict = dict(carried)
    if custom_ris:
        custom["ris"] = custom_ris
    if custom:
        r.data["custom"] = custom


def _to_csl(ris_type: str, fields: dict, unknown: dict, lines: dict,
            procite: bool = False) -> tuple[dict, dict, dict]:
    """(CSL item, CSL variable -> line, tag -> why it is kept in custom.ris
    when it has a CSL variable)."""
    labelled = _procite(ris_type, fields) if procite else {}
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
    ids = IdAllocator()
    # ProCite / Reference Manager files say so in their first notes
    procite = bool(re.search(r"^N1 {1,2}- ?Record (?:ID|Number): ", text[:20000], re.M))
    for start, end, entries in _split(text, source, result):
        ris_type = (entries[0][2] or "").strip().upper()
        lines: dict[str, int] = {}
        for number, tag, _ in entries:
            if tag:
                lines.setdefault(tag, number)
        try:
            fields, unknown = _parse(entries)
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
        data, where, shadowed = _to_csl(ris_type, fields, unknown, lines, procite)
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


# -- writing ------------------------------------------------------------------------

def _one_line(value) -> str:
    return " ".join(strip_markup(str(value)).split())


def format_name(name: dict) -> str:
    if "literal" in name:
        return _one_line(name["literal"])
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
    if not family:
        return _one_line(given)
    text = f"{family}, {given}" if given else f"{family},"
    if name.get("suffix"):
        text += f", {name['suffix']}" if given else f" {name['suffix']}"
    return _one_line(text)


def _date_out(date) -> tuple[str | None, str | None, bool]:
    """CSL date -> (PY year, DA full date or None, whether something was lost)."""
    if not isinstance(date, dict):
        return None, None, True
    from ..dates import numbers

    parts = date.get("date-parts") or []
    first = numbers(parts[0]) if parts else []
    if not first:
        return None, None, True
    lost = len(parts) > 1 or bool(date.get("circa")) or bool(date.get("season"))
    year = f"{first[0]:04d}" if first[0] >= 0 else None
    if year is None:
        return None, None, True
    full = "/".join([year] + [f"{p:02d}" for p in first[1:3]]) if len(first) > 1 else None
    return year, full, lost


# CSL variables the writer places (the rest is reported).
_HELD = {"id", "type", "title", "container-title", "container-title-short", "event-title",
         "collection-title", "issued", "accessed", "page", "abstract", "keyword", "URL",
         "DOI", "ISBN", "ISSN", "note", "custom"} | set(M.SIMPLE_WRITE) | set(M.NAME_WRITE)


class _Entry:
    """One CSL item on its way to RIS: rispy's entry (lower-case tags), the
    tags rispy does not know, and what RIS cannot hold (var, why)."""

    def __init__(self, data: dict, dropped: list) -> None:
        self.data = data
        self.dropped = dropped
        self.csl_type = data.get("type") or "document"
        self.ris_type = M.WRITE_TYPES.get(self.csl_type, M.DEFAULT_WRITE_TYPE)
        self.overrides = M.TAGS_BY_TYPE.get(self.ris_type, {})
        self.whole = self.csl_type in M.WHOLE_WORK_TYPES
        self.out: dict = {"ty": self.ris_type}
        self.unknown: dict = {}
        self.typed: set[str] = set()  # variables written through TAGS_BY_TYPE

    def means(self, tag: str, default: str | None) -> str | None:
        return self.overrides.get(tag, default)

    def tag_for(self, var: str, tags, default_map: dict) -> str | None:
        """The tag that reads back as ``var`` in this type (None: none does)."""
        return next((t for t in tags if self.means(t, default_map.get(t)) == var), None)

    def drop(self, var: str, why: str) -> None:
        self.dropped.append((var, why))

    def no_tag(self, var: str, what: str) -> None:
        self.drop(var, f"a RIS {self.ris_type} record has no tag for {what}")


def _write_head(e: _Entry) -> None:
    if e.csl_type not in M.WRITE_TYPES and e.data.get("type"):
        e.drop("type", f"RIS has no type for {e.csl_type!r}; written as "
                       f"{M.DEFAULT_WRITE_TYPE}")
    if e.data.get("id") is not None:
        e.out["id"] = _one_line(e.data["id"])
    if e.data.get("title"):
        e.out["ti"] = _one_line(e.data["title"])


def _write_names(e: _Entry) -> None:
    for role in M.NAME_WRITE:
        tag = e.tag_for(role, M.NAME_WRITE_TAGS, M.NAME_TAGS)
        value = e.data.get(role)
        if tag is None:
            if value:
                e.no_tag(role, repr(role))
            continue
        names = _name_values(value)
        if names:
            e.out[tag.lower()] = names


def _name_values(value) -> list[str]:
    """A CSL name list as RIS names, "et al." last when it is incomplete."""
    people, incomplete = split_others(value if isinstance(value, list) else [])
    names = [n for n in (format_name(p) for p in people if isinstance(p, dict)) if n]
    return names + ([M.ET_AL_WRITE] if incomplete else [])


def _write_titles(e: _Entry) -> None:
    data, out = e.data, e.out
    if data.get("container-title"):
        tag = e.tag_for("container-title", ("T2", "C3", "A2"), {"T2": "container-title"})
        if tag and not e.whole:
            text = _one_line(data["container-title"])
            out[tag.lower()] = [text] if tag in M.LIST_TAGS else text
        else:  # a book has no container; T2 would read back as its series
            e.no_tag("container-title", "a container title")
    if data.get("event-title"):
        tag = e.tag_for("event-title", ("T2",), {})
        if tag and tag.lower() not in out:
            out[tag.lower()] = _one_line(data["event-title"])
        else:
            e.no_tag("event-title", "the event's title")
    if data.get("container-title-short"):
        out["j2"] = _one_line(data["container-title-short"])
    if data.get("collection-title"):
        out["t2" if e.whole and "t2" not in out else "t3"] = _one_line(data["collection-title"])


def _write_dates(e: _Entry) -> None:
    year, full, lost = _date_out(e.data.get("issued"))
    if year:
        e.out["py"] = year
    if full:
        e.out["da"] = full
    if "issued" in e.data and lost:
        e.drop("issued", "RIS holds one date: a range's end, a season or 'circa' is left "
                         "out" if year else "a date RIS cannot hold")
    year, full, lost = _date_out(e.data.get("accessed"))
    if year:
        e.out["y2"] = full or year
    elif "accessed" in e.data:
        e.drop("accessed", "an access date RIS cannot hold")


def _write_pages(e: _Entry) -> None:
    page = _one_line(e.data.get("page") or "")
    if page and e.means("SP", "page") != "page":
        e.drop("page", f"a RIS {e.ris_type} record's SP is not its pages")
    elif page:
        pair = vocabulary.split_page_range(page)
        if pair:
            e.out["sp"], e.out["ep"] = pair
        else:
            e.out["sp"] = page


def _write_simple(e: _Entry) -> None:
    tags = list(M.SIMPLE) + ["SP"] + list(M.TYPED_EXTRA_TAGS)
    for var in M.SIMPLE_WRITE:
        if e.data.get(var) in (None, ""):
            continue
        tag = e.tag_for(var, tags, dict(M.SIMPLE, SP="page"))
        if tag is None or tag.lower() in e.out or tag in e.unknown:
            e.no_tag(var, repr(var))
        elif tag in M.TYPED_EXTRA_TAGS:  # a tag rispy is not told of
            e.unknown[tag] = [_one_line(e.data[var])]
        else:
            e.out[tag.lower()] = _one_line(e.data[var])


def _write_typed(e: _Entry) -> None:
    """The variables only this type has a tag for (TAGS_BY_TYPE: a book's
    number of pages in SP, a film's producer in A3), written through it."""
    for tag, var in e.overrides.items():
        value = e.data.get(var) if var else None
        if var is None or var in _HELD or tag in M.READ_ONLY_NAME_TAGS or \
                value in (None, "", []) or tag.lower() in e.out or tag in e.unknown:
            continue
        values = _name_values(value) if var in M.NAME_ROLES else [_one_line(value)]
        if not values or var in e.typed:
            continue
        if tag in M.KNOWN_TAGS:
            e.out[tag.lower()] = values if tag in M.LIST_TAGS else values[0]
        else:
            e.unknown[tag] = values
        e.typed.add(var)


def _write_texts(e: _Entry) -> None:
    data, out = e.data, e.out
    if data.get("abstract"):
        out["ab"] = _one_line(data["abstract"])
    if data.get("keyword"):
        out["kw"] = [k.strip() for k in re.split(r"[,;]", _one_line(data["keyword"]))
                     if k.strip()]
    if data.get("URL"):
        out["ur"] = [_one_line(data["URL"])]
    if data.get("DOI"):
        out["do"] = _one_line(data["DOI"])
    serials = [data[v] for v in ("ISBN", "ISSN") if data.get(v)]
    if serials:
        out["sn"] = "; ".join(_one_line(s) for s in serials)


def carried_notes(custom: dict) -> list[str]:
    """The ``bibconv:key=value`` notes for the facts bibconv carries."""
    notes = []
    for key in M.CARRIED_CUSTOM:
        value = custom.get(key)
        if value not in (None, False, ""):
            notes.append(f"{M.NOTE_PREFIX}{key}={str(value).lower() if value is True else value}")
    return notes


def _custom(data: dict) -> dict:
    custom = data.get("custom")
    return custom if isinstance(custom, dict) else {}


def _write_notes_and_kept(e: _Entry) -> None:
    """The note, the carried facts, and the tags kept in custom.ris."""
    custom = _custom(e.data)
    notes = ([_one_line(e.data["note"])] if e.data.get("note") else []) + carried_notes(custom)
    if notes:
        e.out["n1"] = notes
    kept = custom.get("ris") if isinstance(custom.get("ris"), dict) else {}
    for tag, values in (kept or {}).items():
        values = values if isinstance(values, list) else [values]
        if not re.fullmatch(r"[A-Z][A-Z0-9]", str(tag)):
            e.drop(f"custom/ris/{tag}", f"{tag!r} is not a RIS tag")
            continue
        if tag.lower() in e.out and tag in M.LIST_TAGS:  # more values of a list tag
            e.out[tag.lower()] = list(e.out[tag.lower()]) + [_one_line(v) for v in values]
            continue
        # a tag of its own, or a second line of a tag bibconv already wrote
        e.unknown.setdefault(tag, []).extend(_one_line(v) for v in values)


def _report_the_rest(e: _Entry) -> None:
    custom = _custom(e.data)
    for key in custom:
        if key not in M.CARRIED_CUSTOM and key != "ris":
            e.drop(f"custom/{key}", f"RIS has no place for custom {key!r}")
    for key in e.data:
        if key not in _HELD and key not in e.typed:
            e.drop(key, f"RIS has no tag for {key!r}")


def _entry(data: dict, dropped: list) -> tuple[dict, dict]:
    """(rispy's entry, tags rispy does not know -> values); what RIS cannot
    hold is appended to ``dropped`` as (variable, why)."""
    e = _Entry(data, dropped)
    for step in (_write_head, _write_names, _write_titles, _write_dates, _write_pages,
                 _write_simple, _write_typed, _write_texts, _write_notes_and_kept,
                 _report_the_rest):
        step(e)
    return e.out, e.unknown


class _Writer:
    """rispy's RIS writer with tags as its own keys and no "1." headers."""

    @staticmethod
    def make():
        import rispy

        class Writer(rispy.RisWriter):
            REFERENCE_TYPE_KEY = "ty"

            def set_header(self, count):
                return ""

        mapping = {tag: tag.lower() for tag in M.KNOWN_TAGS}
        mapping["UK"] = "unknown"
        return Writer(mapping=mapping, list_tags=M.LIST_TAGS, delimiter_tags_mapping={})


def write(records, **options) -> WriteResult:
    result = WriteResult()
    writer = _Writer.make()
    entries = []
    for record in records:
        data = record.data if isinstance(record.data, dict) else {}
        dropped: list = []
        entry, unknown = _entry(data, dropped)
        ordered = {k: entry[k] for k in M.WRITE_ORDER if k in entry}
        ordered.update({k: v for k, v in entry.items() if k not in ordered})
        if unknown:
            ordered["unknown"] = unknown
        entries.append(ordered)
        for var, why in dropped:
            result.diagnostics.append(make(
                "field-dropped", why, file=record.origin.file,
                line=record.origin.line_of(var.split("/")[0]), record=record.id,
                pointer=f"/{var}"))
    result.text = writer.formats(entries) if entries else ""
    return result
