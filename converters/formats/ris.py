"""RIS, the tagged format every reference manager imports and exports.

Reading: bibconv walks the lines itself, because it must know the line of
every record and field and carry on past a broken record; each record's
lines are then parsed by rispy (tags, repeated and continued values) with a
mapping that hands the tags back unchanged, and mapping/ris.py turns them
into CSL.  The dialects real files use are accepted: a BOM, CRLF, ``TY -``
with one space, ``ER  -`` with or without its trailing space, names in
``AU`` or ``A1``, dates in ``DA``, ``PY`` or ``Y1`` with slashes, the journal
in ``T2``, ``JO``, ``JF`` or ``J2``, the abstract in ``AB`` or ``N2``, a DOI
with or without ``https://doi.org/``.  Tags with no CSL variable are kept in
``custom.ris`` (and reported as ``field-unmapped``), and written back.

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
from ..diagnostics import Severity, make
from ..ids import IdAllocator, base_id
from ..mapping import ris as M
from ..model import OTHERS, Origin, ReadResult, Record, WriteResult, split_others, strip_markup

# the tag and its dash; the value is the rest of the line (no pattern runs
# over a long value: a 10 MB abstract must not be searched backwards)
_TAG_LINE = re.compile(r"([A-Z][A-Z0-9])[ \t]{1,3}-[ \t]?")
_HEADER = re.compile(r"^\s*\d+\.\s*$")  # rispy's and some exporters' "1." before a record
_DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


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


def _parse(entries: list) -> dict:
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
    if text.lower() in M.ET_AL:
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
    year = re.search(r"\b(1\d{3}|20\d{2})\b", text)
    if not year:
        return None
    part = [int(year.group(1))]
    month = re.search(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", text, re.I)
    if month:
        part.append(M.MONTHS[month.group(1).lower()])
        rest = text.replace(year.group(1), " ").replace(month.group(0), " ")
        day = re.search(r"\b(\d{1,2})\b", rest)
        if day and 1 <= int(day.group(1)) <= 31:
            part.append(int(day.group(1)))
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


def _to_csl(ris_type: str, fields: dict, unknown: dict, lines: dict,
            procite: bool = False) -> tuple[dict, dict]:
    """(CSL item, CSL variable -> line)."""
    labelled = _procite(ris_type, fields) if procite else {}
    data: dict = {}
    where: dict[str, int] = {}
    custom_ris: dict[str, list[str]] = {}
    used = {"TY", "ER"}

    def put(var, value, tag):
        if value in (None, "", []):
            return
        if var not in data:
            data[var] = value
            if tag in lines:
                where.setdefault(var, lines[tag])

    csl_type = M.READ_TYPES.get(ris_type, "document")
    has_journal = any(fields.get(t) for t in M.JOURNAL_FULL + ("T2",))
    if ris_type == "GEN" and has_journal:
        csl_type = "article-journal"
    data["type"] = csl_type

    if fields.get("ID"):
        data["id"] = _first(fields["ID"])
        used.add("ID")

    for tag in M.TITLE_TAGS:
        put("title", _first(fields.get(tag)), tag)
        used.add(tag)
    whole = ris_type in M.WHOLE_WORKS
    if fields.get("BT"):  # old RIS: the book's title (of a book, or around a chapter)
        put("title" if whole else "container-title", _first(fields["BT"]), "BT")
        used.add("BT")
    for tag in M.JOURNAL_FULL:
        put("container-title", _first(fields.get(tag)), tag)
        used.add(tag)
    overrides = M.TAGS_BY_TYPE.get(ris_type, {})

    def meaning(tag, default):
        return overrides.get(tag, default) if tag in overrides else default

    def put_text(tag, default):
        """A text tag, read by what it means in this type."""
        used.add(tag)
        value = _first(fields.get(tag))
        if not value:
            return
        var = meaning(tag, default)
        if var is None:
            custom_ris[tag] = _all(fields[tag])
        elif var in M.NAME_ROLES:
            data.setdefault(var, []).extend(
                n for n in (parse_name(v) for v in _all(fields[tag])) if n)
            where.setdefault(var, lines.get(tag))
        else:
            put(var, value, tag)

    put_text("T2", "collection-title" if whole else "container-title")
    if fields.get("JO"):
        put("container-title", _first(fields["JO"]), "JO")
        used.add("JO")
    for tag in M.JOURNAL_ABBREVIATED:
        put("container-title-short", _first(fields.get(tag)), tag)
        used.add(tag)
    if fields.get("JO") and data.get("container-title") != _first(fields["JO"]):
        put("container-title-short", _first(fields["JO"]), "JO")
    put_text("T3", "collection-title")
    if "C3" in overrides:
        put_text("C3", None)

    for tag in ("A1", "AU", "A2", "ED", "A3", "A4"):  # A1 before AU, as Zotero reads them
        used.add(tag)
        role = meaning(tag, M.NAME_TAGS[tag])
        if role is None or role not in M.NAME_ROLES:
            if fields.get(tag):
                if role is None:
                    custom_ris[tag] = _all(fields[tag])
                else:
                    put(role, _first(fields[tag]), tag)
            continue
        names = [n for n in (parse_name(v) for v in _all(fields.get(tag))) if n]
        if not names:
            continue
        people, incomplete = split_others(data.get(role, []) + names)
        stray = [n for n in people if n == OTHERS]
        people = [n for n in people if n != OTHERS]
        data[role] = people + ([dict(OTHERS)] if incomplete or stray else [])
        if tag in lines:
            where.setdefault(role, lines[tag])

    issued, date_tag = _date(fields)
    if issued:
        put("issued", issued, date_tag)
    used.update(M.DATE_TAGS)
    accessed = parse_date(_first(fields.get(M.ACCESSED_TAG)))
    if accessed:
        put("accessed", accessed, M.ACCESSED_TAG)
    elif fields.get(M.ACCESSED_TAG):
        custom_ris["Y2"] = _all(fields["Y2"])
    used.add(M.ACCESSED_TAG)

    start, end = _first(fields.get("SP")), _first(fields.get("EP"))
    if meaning("SP", "page") == "page":
        if start or end:
            page = f"{start}-{end}" if start and end and end != start and "-" not in start \
                else (start or end)
            put("page", page, "SP" if start else "EP")
        used.update(("SP", "EP"))
    else:
        put_text("SP", "page")

    for tag, var in M.SIMPLE.items():
        put_text(tag, var)

    abstract = _first(fields.get("AB")) or _first(fields.get("N2"))
    put("abstract", abstract, "AB" if fields.get("AB") else "N2")
    if fields.get("AB") and fields.get("N2") and _first(fields["N2"]) != abstract:
        custom_ris["N2"] = _all(fields["N2"])
    used.update(("AB", "N2"))

    keywords = _all(fields.get("KW"))
    put("keyword", ", ".join(keywords), "KW")
    used.add("KW")

    urls = [u for value in _all(fields.get("UR")) for u in value.split() if u]
    put("URL", urls[0] if urls else None, "UR")
    if len(urls) > 1:
        custom_ris["UR"] = urls[1:]
    used.add("UR")

    doi = _DOI_PREFIX.sub("", _first(fields.get("DO")))
    if re.match(r"10\.\d+/\S", doi):
        put("DOI", doi, "DO")
    elif doi:  # not a DOI (a placeholder, a bare suffix): kept as it was
        custom_ris["DO"] = _all(fields["DO"])
    used.add("DO")

    for value in _all(fields.get("SN")):
        isbn = _is_isbn(value) or csl_type in ("book", "chapter")
        if isbn and not re.fullmatch(r"\d{4}-?\d{3}[\dXx]", value):
            put("ISBN", value, "SN")
        else:
            put("ISSN", value, "SN")
    used.add("SN")

    notes, carried = [], {}
    for note in _all(fields.get("N1")):
        if note.startswith(M.NOTE_PREFIX) and "=" in note:
            key, _, value = note[len(M.NOTE_PREFIX):].partition("=")
            if key in M.CARRIED_CUSTOM:
                carried[key] = (int(value) if value.isdigit() else
                                value == "true" if value in ("true", "false") else value)
                continue
        notes.append(note)
    put("note", "\n".join(notes), "N1")
    used.add("N1")

    for var, value in labelled.items():
        put(var, value, "N1")
    for tag, value in fields.items():
        if tag not in used:
            custom_ris[tag] = _all(value)
    for tag, values in unknown.items():
        custom_ris[tag] = [v for v in values if str(v).strip()]
    custom_ris = {k: v for k, v in custom_ris.items() if v}
    custom: dict = dict(carried)
    if custom_ris:
        custom["ris"] = custom_ris
    if custom:
        data["custom"] = custom
    return data, where


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
        data, where = _to_csl(ris_type, fields, unknown, lines, procite)
        if len(data) <= 1:
            result.diagnostics.append(make(
                "record-invalid", "the record holds nothing but its type; skipped",
                file=source, line=start))
            continue
        wanted = data.pop("id", None) or base_id(data)
        record_id = ids.claim(wanted)
        data = {"id": record_id, **data}
        for tag in sorted((data.get("custom") or {}).get("ris", {})):
            result.diagnostics.append(make(
                "field-unmapped", f"RIS tag {tag} has no CSL variable; kept in custom.ris",
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


def _entry(data: dict, dropped: list) -> dict:
    csl_type = data.get("type") or "document"
    ris_type = M.WRITE_TYPES.get(csl_type, M.DEFAULT_WRITE_TYPE)
    if csl_type not in M.WRITE_TYPES and data.get("type"):
        dropped.append(("type", f"RIS has no type for {csl_type!r}; written as "
                                f"{M.DEFAULT_WRITE_TYPE}"))
    out: dict = {"ty": ris_type}
    if data.get("id") is not None:
        out["id"] = _one_line(data["id"])
    if data.get("title"):
        out["ti"] = _one_line(data["title"])
    overrides = M.TAGS_BY_TYPE.get(ris_type, {})

    def means(tag, default):
        return overrides.get(tag, default) if tag in overrides else default

    def tag_for(var, tags, default_map):
        """The tag that reads back as ``var`` in this type (None: none does)."""
        return next((t for t in tags if means(t, default_map.get(t)) == var), None)

    for role in M.NAME_WRITE:
        tag = tag_for(role, ("AU", "A2", "A3", "A4"), M.NAME_TAGS)
        if tag is None:
            if data.get(role):
                dropped.append((role, f"a RIS {ris_type} record has no tag for {role!r}"))
            continue
        people, incomplete = split_others(data.get(role) if isinstance(data.get(role), list)
                                          else [])
        names = [format_name(p) for p in people if isinstance(p, dict)]
        names = [n for n in names if n]
        if incomplete:
            names.append(M.ET_AL_WRITE)
        if names:
            out[tag.lower()] = names
    whole = csl_type in M.WHOLE_WORK_TYPES
    if data.get("container-title"):
        tag = tag_for("container-title", ("T2", "C3"), {"T2": "container-title"})
        if tag and not whole:
            out[tag.lower()] = _one_line(data["container-title"])
        else:  # a book has no container; T2 would read back as its series
            dropped.append(("container-title", f"a RIS {ris_type} record has no tag for "
                                               "a container title"))
    if data.get("event-title"):
        tag = tag_for("event-title", ("T2",), {})
        if tag and tag.lower() not in out:
            out[tag.lower()] = _one_line(data["event-title"])
        else:
            dropped.append(("event-title", f"a RIS {ris_type} record has no tag for "
                                           "the event's title"))
    if data.get("container-title-short"):
        out["j2"] = _one_line(data["container-title-short"])
    if data.get("collection-title"):
        out["t2" if whole and "t2" not in out else "t3"] = _one_line(data["collection-title"])
    year, full, lost = _date_out(data.get("issued"))
    if year:
        out["py"] = year
    if full:
        out["da"] = full
    if "issued" in data and lost:
        dropped.append(("issued", "RIS holds one date: a range's end, a season or 'circa' "
                                  "is left out" if year else "a date RIS cannot hold"))
    year, full, lost = _date_out(data.get("accessed"))
    if year:
        out["y2"] = full or year
    elif "accessed" in data:
        dropped.append(("accessed", "an access date RIS cannot hold"))
    page = _one_line(data.get("page") or "")
    if page and means("SP", "page") != "page":
        dropped.append(("page", f"a RIS {ris_type} record's SP is not its pages"))
        page = ""
    if page:
        match = re.fullmatch(r"([^\s\-–]+)\s*[-–]+\s*([^\s\-–]+)", page)
        if match:
            out["sp"], out["ep"] = match.group(1), match.group(2)
        else:
            out["sp"] = page
    for var in M.SIMPLE_WRITE:
        if data.get(var) in (None, ""):
            continue
        tag = tag_for(var, list(M.SIMPLE) + ["SP"], dict(M.SIMPLE, SP="page"))
        if tag is None or tag.lower() in out:
            dropped.append((var, f"a RIS {ris_type} record has no tag for {var!r}"))
        else:
            out[tag.lower()] = _one_line(data[var])
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
    notes = [_one_line(data["note"])] if data.get("note") else []
    custom = data.get("custom") if isinstance(data.get("custom"), dict) else {}
    for key in M.CARRIED_CUSTOM:
        value = custom.get(key)
        if value not in (None, False, ""):
            notes.append(f"{M.NOTE_PREFIX}{key}={str(value).lower() if value is True else value}")
    if notes:
        out["n1"] = notes
    kept = custom.get("ris") if isinstance(custom.get("ris"), dict) else {}
    unknown: dict = {}
    for tag, values in kept.items():
        values = values if isinstance(values, list) else [values]
        if not re.fullmatch(r"[A-Z][A-Z0-9]", str(tag)):
            dropped.append((f"custom/ris/{tag}", f"{tag!r} is not a RIS tag"))
            continue
        if tag.lower() in out:  # a second value of a tag bibconv already wrote
            existing = out[tag.lower()]
            out[tag.lower()] = (existing if isinstance(existing, list) else [existing]) + \
                [_one_line(v) for v in values]
            continue
        unknown[tag] = [_one_line(v) for v in values]
    for key in custom:
        if key not in M.CARRIED_CUSTOM and key != "ris":
            dropped.append((f"custom/{key}", f"RIS has no place for custom {key!r}"))
    for key in data:
        if key not in _HELD:
            dropped.append((key, f"RIS has no tag for {key!r}"))
    return out, unknown


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
    import rispy

    result = WriteResult()
    writer = _Writer.make()
    entries = []
    for record in records:
        data = record.data if isinstance(record.data, dict) else {}
        dropped: list = []
        entry, unknown = _entry(data, dropped)
        # RIS tags in the order people expect: TY first, ER last, ID near the end
        order = ["ty", "ti", "au", "a2", "a3", "a4", "t2", "j2", "t3", "py", "da", "vl", "is",
                 "sp", "ep", "m1", "pb", "cy", "et", "sn", "do", "ur", "ab", "kw", "la"]
        ordered = {k: entry[k] for k in order if k in entry}
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
