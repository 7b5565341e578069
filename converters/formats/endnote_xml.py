"""EndNote XML: ``<xml><records><record>`` as EndNote exports it and Zotero,
Mendeley and JabRef import it.

Every ``<record>`` is one record; text may sit inside EndNote's ``<style>``
wrappers.  Reading is converters.xmlsafe (no entities, no DTD, no network);
a broken document still gives the records before the break.  Names and
dates are read as in RIS (``Family, Given``; ``2019``, ``May 12``).  The
writer makes plain-text elements in EndNote's order of fields; an
incomplete author list ends in an ``et al.`` author and the facts bibconv's
checks need ride in ``<notes>`` lines ``bibconv:key=value``, as in RIS.
"""
from __future__ import annotations

import re

from .. import vocabulary
from ..diagnostics import make
from ..ids import IdAllocator, base_id
from ..mapping import endnote as M
from ..mapping import ris as RIS
from ..model import OTHERS, Origin, ReadResult, Record, WriteResult, split_others, strip_markup
from ..scale.xml_streams import read_again, read_long
from ..xmlsafe import local, parse, text_of
from .ris.values import (
    carried_notes,
    carried_value,
    date_out,
    format_name,
    one_line,
    parse_date,
    parse_name,
    serial_kind,
    without_blank_ends,
)


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if head.startswith("<") and re.search(r"<xml>\s*<records>\s*<record>", head):
        return 0.97
    if head.startswith("<") and "<records>" in head and "<ref-type" in text[:65536]:
        return 0.9
    return 0.0


def _kid(element, name):
    for child in element:
        if local(child.tag) == name:
            return child
    return None


def _text(element) -> str:
    return text_of(element) if element is not None else ""


# EndNote's <style face="..."> -> CSL rich text (what Zotero keeps too)
_FACES = (("bold", "b"), ("italic", "i"), ("superscript", "sup"), ("subscript", "sub"))


def _rich(element) -> str:
    """Text with EndNote's bold, italic, superscript and subscript styles as
    CSL markup; other styles (fonts, sizes, underline) are layout."""
    if element is None:
        return ""
    from lxml import etree

    parts = []

    def walk(node):
        faces = (node.get("face") or "").split() if local(node.tag) == "style" else []
        tags = [tag for face, tag in _FACES if face in faces]
        parts.extend(f"<{t}>" for t in tags)
        if node.text and not isinstance(node, etree._Entity):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        parts.extend(f"</{t}>" for t in reversed(tags))

    walk(element)
    text = re.sub(r"[ \t\r\n]+", " ", "".join(parts)).strip()
    text = re.sub(r"</(b|i|sup|sub)><\1>", "", text)  # adjacent runs of one style
    return text if strip_markup(text).strip() else ""


class _Reading:
    """One ``<record>`` on its way to CSL: the item, its lines, and the
    facts kept in ``custom``."""

    def __init__(self, element) -> None:
        self.element = element
        self.data: dict = {}
        self.where: dict[str, int] = {}
        self.custom: dict = {}
        self.kept: dict[str, list[str]] = {}  # element path -> texts (custom.endnote)
        self.kept_lines: dict[str, int] = {}
        self.type_name = ""  # EndNote's name of the type, lower case

    def keep(self, path: str, texts: list[str], line: int | None) -> None:
        kept = self.kept.setdefault(path, [])
        kept.extend(t for t in texts if t not in kept)
        if line:
            self.kept_lines.setdefault(path, line)

    def put(self, var: str, value, node, keep: bool = True) -> None:
        """Set ``var`` unless an earlier element has (the first one wins); a
        different text of a later element is kept in custom.endnote."""
        if value in (None, "", []):
            return
        if var in self.data:
            if keep and node is not None and isinstance(value, str) and \
                    value != self.data[var]:
                parent = node.getparent()
                path = local(node.tag) if parent is self.element else \
                    f"{local(parent.tag)}/{local(node.tag)}"
                self.keep(path, [value], node.sourceline)
            return
        self.data[var] = value
        if node is not None and node.sourceline:
            self.where[var] = node.sourceline

    def put_text(self, var: str, node) -> None:
        self.put(var, _text(node), node)


def _read_type(r: _Reading) -> None:
    ref_type = _kid(r.element, "ref-type")
    name = (ref_type.get("name") or "").strip().lower() if ref_type is not None else ""
    number = _text(ref_type)
    csl_type = M.READ_TYPES.get(name) or (M.READ_NUMBERS.get(int(number))
                                          if number.isdigit() and not name else None)
    r.data["type"] = csl_type or "document"
    r.type_name = name or next((n.lower() for n, k, _ in M.TYPES
                                if number.isdigit() and k == int(number)), "")
    if ref_type is not None and csl_type is None:
        r.custom["endnote-type"] = ref_type.get("name") or number


def _read_contributors(r: _Reading) -> None:
    contributors = _kid(r.element, "contributors")
    groups = M.BOOK_CONTRIBUTORS if r.data["type"] == "book" else M.CONTRIBUTORS
    for group in (contributors if contributors is not None else []):
        role = groups.get(local(group.tag))
        if role is None:
            continue
        names = [parse_name(_text(a)) for a in group if local(a.tag) == "author"]
        names = [n for n in names if n]
        if names:
            people, incomplete = split_others(r.data.get(role, []) + names)
            people = [n for n in people if n != OTHERS]
            r.data[role] = people + ([dict(OTHERS)] if incomplete else [])
            r.where.setdefault(role, group.sourceline)


def _read_titles(r: _Reading) -> None:
    titles = _kid(r.element, "titles")
    if titles is not None:
        r.put("title", _rich(_kid(titles, "title")), _kid(titles, "title"))
        whole = r.data["type"] in M.WHOLE_WORKS
        r.put_text("collection-title" if whole else "container-title",
                   _kid(titles, "secondary-title"))
        for tag, var in M.TITLES.items():
            r.put_text(var, _kid(titles, tag))
    periodical = _kid(r.element, "periodical")
    if periodical is not None:
        for tag, var in M.PERIODICAL.items():
            r.put_text(var, _kid(periodical, tag))


def _read_dates(r: _Reading) -> None:
    dates = _kid(r.element, "dates")
    if dates is None:
        return
    year_node = _kid(dates, "year")
    year = parse_date(_text(year_node))
    full = None
    pub_dates = _kid(dates, "pub-dates")
    if pub_dates is not None:
        date_text = _text(_kid(pub_dates, "date"))
        full = parse_date(date_text) if re.match(r"\d{4}", date_text) else \
            parse_date(f"{date_text} {_text(year_node)}")
    if full and year and full["date-parts"][0][0] == year["date-parts"][0][0]:
        r.put("issued", full, pub_dates)
    r.put("issued", year or full, year_node)


def _read_numbers(r: _Reading) -> None:
    """The simple elements, the number (an issue in a periodical), ISBN or
    ISSN, and the DOI."""
    for tag, var in M.SIMPLE.items():
        if tag == "edition" and r.type_name in M.EDITION_IS_DATE:
            _read_edition_date(r, M.EDITION_IS_DATE[r.type_name])
        else:
            r.put_text(var, _kid(r.element, tag))
    number, isbn = _kid(r.element, "number"), _kid(r.element, "isbn")
    standard = r.data["type"] in M.ISBN_IS_NUMBER  # <isbn> is the number
    if standard and _text(number):
        r.keep("number", [_text(number)], number.sourceline)
    elif not standard:
        r.put_text("issue" if r.data["type"] in M.PERIODICAL_TYPES else "number", number)
    if standard:  # the document number whole, as RIS's SN of a standard is read
        r.put_text("number", isbn)
    else:
        for value in [v.strip() for v in re.split(r"[;\r\n]+", _text(isbn)) if v.strip()]:
            r.put(serial_kind(value, r.data["type"]), value, isbn)
    _read_doi(r)


def _read_edition_date(r: _Reading, var: str) -> None:
    """A Journal Article's <edition>, its "Epub Date": a date, or kept."""
    node = _kid(r.element, "edition")
    date = parse_date(_text(node))
    if date:
        r.put(var, date, node)
    elif _text(node):
        r.keep("edition", [_text(node)], node.sourceline)


def _read_doi(r: _Reading) -> None:
    doi_node = _kid(r.element, "electronic-resource-num")
    doi = vocabulary.strip_doi_prefix(_text(doi_node))
    if re.match(r"10\.\d+/\S", doi):
        r.put("DOI", doi, doi_node)
    elif doi:
        r.custom["electronic-resource-num"] = doi


def _read_links(r: _Reading) -> None:
    keywords = _kid(r.element, "keywords")
    if keywords is not None:
        words = [_text(k) for k in keywords if local(k.tag) == "keyword" and _text(k)]
        r.put("keyword", ", ".join(words), keywords)
    urls = _kid(r.element, "urls")
    if urls is not None:
        related = _kid(urls, "related-urls")
        links = [_text(u) for u in (related if related is not None else [])
                 if local(u.tag) == "url" and _text(u)]
        r.put("URL", links[0] if links else None, related)
        pdfs = [_text(u) for u in urls.iter() if local(u.tag) == "url" and _text(u)
                and _text(u) not in links[:1]]
        if pdfs:
            r.custom["urls"] = pdfs


def _read_notes(r: _Reading) -> None:
    """The notes, less the ``bibconv:key=value`` facts; the label."""
    notes_node = _kid(r.element, "notes")
    notes = []
    for line in without_blank_ends(_text_lines(notes_node, blank=True)):
        if line.startswith(RIS.NOTE_PREFIX) and "=" in line:
            key, _, value = line[len(RIS.NOTE_PREFIX):].partition("=")
            if key in RIS.CARRIED_CUSTOM:
                r.custom[key] = carried_value(value)
                continue
        notes.append(line)
    r.put("note", "\n".join(notes), notes_node)
    label = _kid(r.element, "label")
    if _text(label):
        r.custom["label"] = _text(label)


def _parts(node) -> list:
    """The elements ``node`` groups (EndNote's ``<style>`` runs are text)."""
    return [child for child in node if isinstance(child.tag, str) and
            local(child.tag) != "style"]


def _texts(node) -> list[str]:
    """An element's text, or its children's when it only groups them
    (``<translated-authors><author>``)."""
    children = _parts(node)
    if children and not (node.text or "").strip():
        return [t for t in (_text(child) for child in children) if t]
    return [_text(node)] if _text(node) else []


def _kept_parts(r: _Reading, child) -> list:
    """(path, element) of what the reader leaves in one child of <record>:
    unread elements, unread children of a group, and second copies of an
    element read once."""
    name = local(child.tag)
    if name in M.BOOKKEEPING or name in M.READ_EVERY_COPY:
        return []
    if name in M.READ_CHILDREN or (name not in M.READ_ELEMENTS and _parts(child)):
        known = M.READ_CHILDREN.get(name, frozenset())
        seen: set[str] = set()
        parts = []
        for part in _parts(child):
            sub = local(part.tag)
            if sub not in known or sub in seen:
                parts.append((f"{name}/{sub}", part))
            seen.add(sub)
        return parts
    if name not in M.READ_ELEMENTS or _kid(r.element, name) is not child:
        return [(name, child)]
    return []


def _read_kept(r: _Reading) -> None:
    """What no CSL variable takes, kept as custom.endnote (path -> texts)."""
    for child in r.element:
        if isinstance(child.tag, str):
            for path, node in _kept_parts(r, child):
                r.keep(path, _texts(node), node.sourceline)
    kept = {path: texts for path, texts in r.kept.items() if texts}
    if kept:
        r.custom["endnote"] = kept


def _record(element, source: str | None) -> tuple[dict, dict, dict]:
    """(CSL item, variable -> line, kept element path -> line)."""
    r = _Reading(element)
    for step in (_read_type, _read_contributors, _read_titles, _read_dates, _read_numbers,
                 _read_links, _read_notes, _read_kept):
        step(r)
    if r.custom:
        r.data["custom"] = r.custom
    return r.data, r.where, r.kept_lines


RECORD = frozenset({"record"})


def _text_lines(node, blank: bool = False) -> list[str]:
    """The element's lines, spaces folded; ``blank``: blank lines kept, empty."""
    if node is None:
        return []
    raw = "".join(node.itertext())
    return [" ".join(line.split()) for line in raw.splitlines() if blank or line.strip()]


def read(text: str, source: str | None = None, **options) -> ReadResult:
    # a chunk of a streamed file (converters/formats/endnote_stream.py) shares
    # the file's ids, and is not the whole document
    long = read_long(read, text, source, RECORD, RECORD, **options)
    if long is not None:  # past libxml2's line limit, read in chunks whose lines are true
        return long
    result = ReadResult()
    root, diagnostics = parse(text, source)
    again = read_again(read, text, source, diagnostics, RECORD, **options)
    if again is not None:  # a broken record costs only itself
        return again
    result.diagnostics.extend(diagnostics)
    if root is None:
        return result
    ids = getattr(text, "ids", None) or IdAllocator()
    for element in root.iter():
        if local(element.tag) != "record":
            continue
        data, where, kept = _record(element, source)
        if not set(data) - {"type", "custom"}:
            result.diagnostics.append(make(
                "record-invalid", "a <record> with nothing in it is skipped", file=source,
                line=element.sourceline))
            continue
        label = (data.get("custom") or {}).get("label")
        record_id = ids.claim(label if label and re.fullmatch(r"\S+", label)
                              else base_id(data))
        last = max((e.sourceline or 0) for e in element.iter()) or element.sourceline
        for path, line in kept.items():
            result.diagnostics.append(make(
                "field-unmapped", f"EndNote element {path} has no CSL variable; kept in "
                "custom.endnote", file=source, line=line, record=record_id,
                pointer=f"/custom/endnote/{path.replace('/', '~1')}"))
        result.records.append(Record({"id": record_id, **data},
                                     Origin(source, element.sourceline, last, where)))
    if not result.records and not getattr(text, "part", False) and \
            not any(d.severity.value == "error" for d in result.diagnostics):
        result.diagnostics.append(make("input-empty", "the document has no <record>",
                                       file=source))
    return result


# -- writing ---------------------------------------------------------------------

_HELD = {"id", "type", "author", "editor", "collection-editor", "translator", "title",
         "container-title", "container-title-short", "collection-title", "title-short",
         "issued", "issue", "number", "ISBN", "ISSN", "DOI", "keyword", "URL", "note",
         "custom"} | set(M.SIMPLE_WRITE)
_CUSTOM_HELD = set(RIS.CARRIED_CUSTOM) | {"label", "urls", "electronic-resource-num", "endnote"}


def _plain(value) -> str:
    return one_line(value)  # thin and no-break spaces kept, line breaks folded


def _sub(parent, tag: str, text=None, **attributes):
    from lxml import etree

    node = etree.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    if text is not None:
        node.text = _plain(text)
    return node


class _Writing:
    """One CSL item on its way to a ``<record>``, and what EndNote XML
    cannot hold (var, why)."""

    def __init__(self, records_el, data: dict, dropped: list) -> None:
        self.data = data
        self.dropped = dropped
        self.csl_type = data.get("type") or "document"
        self.name, self.number = M.WRITE_TYPES.get(self.csl_type, M.DEFAULT_WRITE_TYPE)
        self.whole = self.csl_type in M.WHOLE_WORKS
        self.record = _sub(records_el, "record")
        custom = data.get("custom")
        self.custom: dict = custom if isinstance(custom, dict) else {}
        self.written: set[str] = set()  # variables a type's own element took

    def has(self, var: str) -> bool:
        return self.data.get(var) not in (None, "")

    def simple(self, *variables: str) -> None:
        """The simple elements for ``variables``, in that order."""
        for var in variables:
            if self.has(var):
                _sub(self.record, M.SIMPLE_WRITE[var], self.data[var])


def _write_type(w: _Writing) -> None:
    _sub(w.record, "source-app", "bibconv", name="bibconv")
    if w.csl_type not in M.WRITE_TYPES:
        w.dropped.append(("type", f"EndNote has no type for {w.csl_type!r}; written as "
                                  f"{w.name}"))
    _sub(w.record, "ref-type", str(w.number), name=w.name)


def _write_contributors(w: _Writing) -> None:
    groups = []
    roles = M.BOOK_CONTRIBUTORS_WRITE if w.csl_type == "book" else M.CONTRIBUTORS_WRITE
    for role, group in sorted(roles.items(), key=lambda kv: kv[1]):
        value = w.data.get(role)
        people, incomplete = split_others(value if isinstance(value, list) else [])
        names = [n for n in (format_name(p) for p in people if isinstance(p, dict)) if n]
        names += [RIS.ET_AL_WRITE] if incomplete else []
        if names:
            groups.append((group, names))
    if groups:
        contributors = _sub(w.record, "contributors")
        for group, names in groups:
            group_el = _sub(contributors, group)
            for person in names:
                _sub(group_el, "author", person)


def _write_titles(w: _Writing) -> None:
    data = w.data
    titles = _sub(w.record, "titles")
    if data.get("title"):
        _styled(_sub(titles, "title"), str(data["title"]))
    container = data.get("container-title")
    if container and not w.whole:
        _sub(titles, "secondary-title", container)
    if data.get("collection-title"):
        _sub(titles, "secondary-title" if w.whole else "tertiary-title",
             data["collection-title"])
    for tag, var in M.TITLES.items():
        if var != "collection-title" and data.get(var):
            _sub(titles, tag, data[var])
    # a whole work's secondary title is its series: its container (a
    # report's preprint server) has only <periodical>, read back from there
    if container:
        periodical = _sub(w.record, "periodical")
        for tag, var in M.PERIODICAL.items():
            if data.get(var):
                _sub(periodical, tag, data[var])


def _write_numbers(w: _Writing) -> None:
    w.simple("page", "volume")
    standard = w.csl_type in M.ISBN_IS_NUMBER  # its number goes in <isbn>
    if standard:
        if w.has("issue"):
            w.dropped.append(("issue", f"an EndNote {w.name} has no issue"))
    elif w.has("issue"):
        _sub(w.record, "number", w.data["issue"])
        if w.has("number"):
            w.dropped.append(("number", "EndNote's <number> already holds the issue"))
    elif w.has("number"):
        _sub(w.record, "number", w.data["number"])
        if w.csl_type in M.PERIODICAL_TYPES:
            w.dropped.append(("number", "a periodical's <number> is read back as its issue"))
    _write_edition(w)
    w.simple("section", "number-of-volumes")
    if w.data.get("keyword"):
        keywords = _sub(w.record, "keywords")
        for word in re.split(r"[,;]", _plain(w.data["keyword"])):
            if word.strip():
                _sub(keywords, "keyword", word.strip())
    _dates(w.record, w.data, w.dropped, _sub)
    w.simple("publisher-place", "publisher")
    _write_serials(w, standard)
    w.simple("call-number", "archive_location", "archive", "source", "genre", "language",
             "abstract")


def _write_edition(w: _Writing) -> None:
    """<edition>: the edition, or a Journal Article's "Epub Date"."""
    date_var = M.EDITION_IS_DATE.get(w.name.lower())
    if date_var is None:
        w.simple("edition")
        return
    if w.has("edition"):
        w.dropped.append(("edition", f"an EndNote {w.name}'s <edition> is its Epub Date"))
    if w.data.get(date_var) is None:
        return
    w.written.add(date_var)  # written, or reported here
    year, full, lost = date_out(w.data[date_var])
    if year:
        _sub(w.record, "edition", full or year)
    if lost:
        w.dropped.append((date_var, "EndNote XML holds one date: a range's end, a season or "
                                    "'circa' is left out" if year else
                                    "a date EndNote XML cannot hold"))


def _write_serials(w: _Writing, standard: bool) -> None:
    """<isbn>: the ISBN and ISSN, or a standard's number (EndNote's
    "Document Number"), where an ISBN or ISSN has no place."""
    serials = [v for v in ("ISBN", "ISSN") if w.data.get(v)]
    if standard:
        if w.has("number"):
            _sub(w.record, "isbn", w.data["number"])
        w.dropped.extend((v, f"an EndNote {w.name}'s <isbn> holds its number") for v in serials)
    elif serials:
        _sub(w.record, "isbn", "; ".join(_plain(w.data[v]) for v in serials))


def _write_tail(w: _Writing) -> None:
    """Notes (with the carried facts), DOI, label and URLs."""
    data, custom = w.data, w.custom
    # the note's lines stay lines, blank lines (paragraphs) too: EndNote
    # keeps them, and Zotero reads a blank line as a paragraph break
    notes = without_blank_ends([_plain(n) if n.strip() else "" for n in
                      str(data.get("note") or "").splitlines()]) + carried_notes(custom)
    if notes:
        node = _sub(w.record, "notes")
        node.text = "\n".join(notes)
    doi = data.get("DOI") or custom.get("electronic-resource-num")
    if doi:
        _sub(w.record, "electronic-resource-num", doi)
    label = custom.get("label") or data.get("id")
    if label:
        _sub(w.record, "label", label)
    extra = [u for u in custom.get("urls") or [] if isinstance(u, str)]
    if data.get("URL") or extra:
        urls = _sub(w.record, "urls")
        if data.get("URL"):
            _sub(_sub(urls, "related-urls"), "url", data["URL"])
        if extra:
            pdfs = _sub(urls, "pdf-urls")
            for url in extra:
                _sub(pdfs, "url", url)


def _write_kept(w: _Writing) -> None:
    """custom.endnote written back: ``name`` as elements of the record,
    ``group/name`` inside the record's ``group`` element."""
    kept = w.custom.get("endnote")
    for path, values in (kept.items() if isinstance(kept, dict) else []):
        parent_name, _, name = str(path).rpartition("/")
        if not re.fullmatch(r"[A-Za-z][\w.-]*", name) or "/" in parent_name or \
                (parent_name and not re.fullmatch(r"[A-Za-z][\w.-]*", parent_name)):
            w.dropped.append((f"custom/endnote/{path}", f"{path!r} is not an element path"))
            continue
        parent = w.record
        if parent_name:
            parent = _kid(w.record, parent_name)
            parent = parent if parent is not None else _sub(w.record, parent_name)
        for value in values if isinstance(values, list) else [values]:
            _sub(parent, name, value)


def _report_the_rest(w: _Writing) -> None:
    for key in w.data:
        if key not in _HELD and key not in w.written:
            w.dropped.append((key, f"EndNote XML has no field for {key!r}"))
    for key in w.custom:
        if key not in _CUSTOM_HELD:
            w.dropped.append((f"custom/{key}", f"EndNote XML has no place for custom {key!r}"))


def _record_element(records_el, data: dict, dropped: list) -> None:
    w = _Writing(records_el, data, dropped)
    for step in (_write_type, _write_contributors, _write_titles, _write_numbers,
                 _write_tail, _write_kept, _report_the_rest):
        step(w)


_MARKUP = re.compile(r"<(/?)(b|i|sup|sub)>")


def _styled(element, text: str) -> None:
    """CSL rich text -> EndNote <style> runs (plain text when there is no
    markup: the shape every importer reads)."""
    from lxml import etree

    if not _MARKUP.search(text):
        element.text = _plain(text)
        return
    faces = {tag: face for face, tag in _FACES}  # the reverse of reading
    active: list[str] = []
    position = 0
    for match in list(_MARKUP.finditer(text)) + [None]:
        end = match.start() if match else len(text)
        chunk = strip_markup(text[position:end])
        if chunk:
            face = " ".join(faces[t] for t in active) or "normal"
            run = etree.SubElement(element, "style", face=face, font="default", size="100%")
            run.text = chunk
        if match is None:
            break
        closing, tag = match.group(1), match.group(2)
        if closing and tag in active:
            active.remove(tag)
        elif not closing:
            active.append(tag)
        position = match.end()


def _dates(record, data, dropped, sub) -> None:
    from ..dates import numbers

    issued = data.get("issued")
    if not isinstance(issued, dict):
        if issued is not None:
            dropped.append(("issued", "a date EndNote XML cannot hold"))
        return
    parts = issued.get("date-parts") or []
    first = numbers(parts[0]) if parts else []
    if not first:
        dropped.append(("issued", "a date EndNote XML cannot hold"))
        return
    dates = sub(record, "dates")
    sub(dates, "year", f"{first[0]:04d}" if first[0] >= 0 else str(first[0]))
    if len(first) > 1:
        sub(sub(dates, "pub-dates"), "date", "-".join(
            [f"{first[0]:04d}"] + [f"{p:02d}" for p in first[1:3]]))
    if len(parts) > 1 or issued.get("circa") or issued.get("season"):
        dropped.append(("issued", "EndNote XML holds one date: a range's end, a season or "
                                  "'circa' is left out"))


def write(records, **options) -> WriteResult:
    from lxml import etree

    result = WriteResult()
    root = etree.Element("xml")
    records_el = etree.SubElement(root, "records")
    for record in records:
        data = record.data if isinstance(record.data, dict) else {}
        dropped: list = []
        _record_element(records_el, data, dropped)
        for var, why in dropped:
            result.diagnostics.append(make(
                "field-dropped", why, file=record.origin.file,
                line=record.origin.line_of(var.split("/")[0]), record=record.id,
                pointer=f"/{var}"))
    etree.indent(root, space="  ")
    for run in root.iter("style"):  # styled text is content: no layout inside it
        run.tail = None
        run.getparent().text = None
    result.text = '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(
        root, encoding="unicode") + "\n"
    return result
