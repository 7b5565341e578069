"""CSL -> RIS through rispy's writer: each variable in the tag its type
reads back; what RIS cannot hold is reported by field and record."""
from __future__ import annotations

import re

from ... import vocabulary
from ...diagnostics import make
from ...mapping import ris as M
from ...model import WriteResult, split_others, strip_markup
from .tags import tag_line
from .values import carried_notes, date_out, format_name, one_line, without_blank_ends

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
        e.out["id"] = one_line(e.data["id"])
    if e.data.get("title"):
        e.out["ti"] = one_line(e.data["title"])


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
        # a whole work's T2 is its series; JF is where a type says so (UNPB, RPRT)
        tag = e.tag_for("container-title", ("T2", "C3", "A2", "JF"),
                        {} if e.whole else {"T2": "container-title"})
        if tag:
            text = one_line(data["container-title"])
            out[tag.lower()] = [text] if tag in M.LIST_TAGS else text
        else:  # a book has no container; T2 would read back as its series
            e.no_tag("container-title", "a container title")
    if data.get("event-title"):
        tag = e.tag_for("event-title", ("T2",), {})
        if tag and tag.lower() not in out:
            out[tag.lower()] = one_line(data["event-title"])
        else:
            e.no_tag("event-title", "the event's title")
    if data.get("container-title-short"):
        out["j2"] = one_line(data["container-title-short"])
    if data.get("collection-title"):  # T2 where it is the series (whole works, UNPB)
        series_t2 = e.whole or e.means("T2", None) == "collection-title"
        out["t2" if series_t2 and "t2" not in out else "t3"] = one_line(data["collection-title"])


def _write_dates(e: _Entry) -> None:
    year, full, lost = date_out(e.data.get("issued"))
    if year:
        e.out["py"] = year
    if full:
        e.out["da"] = full
    if "issued" in e.data and lost:
        e.drop("issued", "RIS holds one date: a range's end, a season or 'circa' is left "
                         "out" if year else "a date RIS cannot hold")
    year, full, lost = date_out(e.data.get("accessed"))
    if year:
        e.out["y2"] = full or year
    elif "accessed" in e.data:
        e.drop("accessed", "an access date RIS cannot hold")


def _write_pages(e: _Entry) -> None:
    page = one_line(e.data.get("page") or "")
    if page and e.means("SP", "page") != "page":
        e.drop("page", f"a RIS {e.ris_type} record's SP is not its pages")
    elif page:
        pair = vocabulary.split_page_range(page)
        if pair:
            e.out["sp"], e.out["ep"] = pair
        else:
            e.out["sp"] = page


def _write_simple(e: _Entry) -> None:
    tags = list(M.SIMPLE) + ["SP", "SN"] + list(M.TYPED_EXTRA_TAGS)  # SN: where a type says
    for var in M.SIMPLE_WRITE:
        if e.data.get(var) in (None, ""):
            continue
        tag = e.tag_for(var, tags, dict(M.SIMPLE, SP="page"))
        if tag is None or tag.lower() in e.out or tag in e.unknown:
            e.no_tag(var, repr(var))
        elif tag in M.TYPED_EXTRA_TAGS:  # a tag rispy is not told of
            e.unknown[tag] = [one_line(e.data[var])]
        else:
            e.out[tag.lower()] = one_line(e.data[var])


def _write_typed(e: _Entry) -> None:
    """The variables only this type has a tag for (TAGS_BY_TYPE: a book's
    number of pages in SP, a film's producer in A3), written through it."""
    for tag, var in e.overrides.items():
        value = e.data.get(var) if var else None
        if var is None or var in _HELD or tag in M.READ_ONLY_NAME_TAGS or \
                value in (None, "", []) or tag.lower() in e.out or tag in e.unknown:
            continue
        values = _name_values(value) if var in M.NAME_ROLES else \
            _date_values(e, var, value) if var in M.DATE_VARIABLES else [one_line(value)]
        if not values or var in e.typed:
            continue
        if tag in M.KNOWN_TAGS:
            e.out[tag.lower()] = values if tag in M.LIST_TAGS else values[0]
        else:
            e.unknown[tag] = values
        e.typed.add(var)


def _date_values(e: _Entry, var: str, value) -> list[str]:
    """A date a type's tag holds (a journal article's ET, its e-publication
    date) as RIS writes dates: 2019/05/12."""
    year, full, lost = date_out(value)
    if lost:
        e.drop(var, "RIS holds one date: a range's end, a season or 'circa' is left out"
               if year else "a date RIS cannot hold")
    return [full or year] if year else []


def _write_texts(e: _Entry) -> None:
    data, out = e.data, e.out
    if data.get("abstract"):
        out["ab"] = one_line(data["abstract"])
    if data.get("keyword"):
        out["kw"] = [k.strip() for k in re.split(r"[,;]", one_line(data["keyword"]))
                     if k.strip()]
    if data.get("URL"):
        out["ur"] = [one_line(data["URL"])]
    if data.get("DOI"):
        out["do"] = one_line(data["DOI"])
    serials = [v for v in ("ISBN", "ISSN") if data.get(v)]
    sn_means = e.means("SN", None)
    if serials and sn_means:  # a standard's SN is its document number, written or not
        for var in serials:
            e.drop(var, f"a RIS {e.ris_type} record's SN holds its {sn_means}, not an {var}")
    elif serials:
        out["sn"] = "; ".join(one_line(data[v]) for v in serials)


def _custom(data: dict) -> dict:
    custom = data.get("custom")
    return custom if isinstance(custom, dict) else {}


# The tags that bound a record (RIS 2001: TY first, ER last and empty).
_BOUNDS = {"TY": "begins a RIS record", "ER": "ends a RIS record"}


def _write_notes_and_kept(e: _Entry) -> None:
    """The note, the carried facts, and the tags kept in custom.ris."""
    custom = _custom(e.data)
    notes = _note_lines(e) + carried_notes(custom)
    if notes:
        e.out["n1"] = notes
    kept = custom.get("ris") if isinstance(custom.get("ris"), dict) else {}
    for tag, values in (kept or {}).items():
        values = values if isinstance(values, list) else [values]
        if not re.fullmatch(r"[A-Z][A-Z0-9]", str(tag)):
            e.drop(f"custom/ris/{tag}", f"{tag!r} is not a RIS tag")
            continue
        if tag in _BOUNDS:  # inside a record it would end it or start another
            e.drop(f"custom/ris/{tag}", f"{tag!r} {_BOUNDS[tag]}: a kept {tag} value "
                   "cannot be written inside the record")
            continue
        if tag.lower() in e.out and tag in M.LIST_TAGS:  # more values of a list tag
            e.out[tag.lower()] = list(e.out[tag.lower()]) + [one_line(v) for v in values]
            continue
        # a tag of its own, or a second line of a tag bibconv already wrote
        e.unknown.setdefault(tag, []).extend(one_line(v) for v in values)


def _note_lines(e: _Entry) -> list[str]:
    """A note's lines as N1 lines (the reader joins N1 lines with line
    breaks).  A note with blank lines (paragraphs) is one N1 whose lines
    continue it, blank lines kept, as Zotero writes a note and reads one
    back; unless a line of it would read as a tag line of its own."""
    lines = without_blank_ends([one_line(n) if n.strip() else "" for n in
                                str(e.data.get("note") or "").splitlines()])
    if "" not in lines:
        return lines
    if not any(tag_line(line)[0] for line in lines):
        return ["\n".join(lines)]
    e.dropped.append(("note", "a line of the note would read as a RIS tag line, so its "
                      "lines are N1 lines, where a blank line has no place: its blank "
                      "lines are left out", "field-altered"))
    return [line for line in lines if line]


# Written as plain text, so their rich text (CSL's <i>, <b>, <sup>, <sub>,
# <span>) is left out.  RIS has no markup: Zotero writes its titles' tags
# into RIS, but its own RIS import strips every tag (unescapeHTML) outside
# notes and abstracts, and citation-js and EndNote show them as text.
_PLAIN = ("title", "container-title", "container-title-short", "collection-title",
          "event-title", "abstract", "note")


def _report_markup(e: _Entry) -> None:
    reported = {var for var, *_ in e.dropped}
    for var in _PLAIN:
        value = e.data.get(var)
        if isinstance(value, str) and var not in reported and strip_markup(value) != value:
            e.dropped.append((var, f"RIS has no rich text: the markup in {var!r} (<i>, <b>, "
                              "<sup>, <sub>, <span>) is left out, its text kept",
                              "field-altered"))


def _report_the_rest(e: _Entry) -> None:
    _report_markup(e)
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
        for var, why, *altered in dropped:  # (var, why[, "field-altered"])
            result.diagnostics.append(make(
                altered[0] if altered else "field-dropped", why, file=record.origin.file,
                line=record.origin.line_of(var.split("/")[0]), record=record.id,
                pointer=f"/{var}"))
    result.text = writer.formats(entries) if entries else ""
    return result
