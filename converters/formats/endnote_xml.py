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

from ..diagnostics import make
from ..ids import IdAllocator, base_id
from ..mapping import endnote as M
from ..mapping import ris as RIS
from ..model import OTHERS, Origin, ReadResult, Record, WriteResult, split_others, strip_markup
from ..xmlsafe import local, parse, text_of
from .ris import _is_isbn, format_name, parse_date, parse_name

_DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


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


def _record(element, source: str | None) -> tuple[dict, dict]:
    data: dict = {}
    where: dict[str, int] = {}
    custom: dict = {}

    def put(var, value, node):
        if value in (None, "", []) or var in data:
            return
        data[var] = value
        if node is not None and node.sourceline:
            where[var] = node.sourceline

    ref_type = _kid(element, "ref-type")
    name = (ref_type.get("name") or "").strip().lower() if ref_type is not None else ""
    number = _text(ref_type)
    csl_type = M.READ_TYPES.get(name) or (M.READ_NUMBERS.get(int(number))
                                          if number.isdigit() and not name else None)
    data["type"] = csl_type or "document"
    if ref_type is not None and csl_type is None:
        custom["endnote-type"] = ref_type.get("name") or number

    contributors = _kid(element, "contributors")
    groups = M.BOOK_CONTRIBUTORS if data["type"] == "book" else M.CONTRIBUTORS
    for group in (contributors if contributors is not None else []):
        role = groups.get(local(group.tag))
        if role is None:
            continue
        names = [parse_name(_text(a)) for a in group if local(a.tag) == "author"]
        names = [n for n in names if n]
        if names:
            people, incomplete = split_others(data.get(role, []) + names)
            people = [n for n in people if n != OTHERS]
            data[role] = people + ([dict(OTHERS)] if incomplete else [])
            where.setdefault(role, group.sourceline)

    titles = _kid(element, "titles")
    whole = data["type"] in M.WHOLE_WORKS
    if titles is not None:
        put("title", _rich(_kid(titles, "title")), _kid(titles, "title"))
        secondary = _kid(titles, "secondary-title")
        put("collection-title" if whole else "container-title", _text(secondary), secondary)
        put("collection-title", _text(_kid(titles, "tertiary-title")),
            _kid(titles, "tertiary-title"))
        put("container-title-short", _text(_kid(titles, "alt-title")),
            _kid(titles, "alt-title"))
        put("title-short", _text(_kid(titles, "short-title")), _kid(titles, "short-title"))
    periodical = _kid(element, "periodical")
    if periodical is not None:
        put("container-title", _text(_kid(periodical, "full-title")),
            _kid(periodical, "full-title"))
        put("container-title-short", _text(_kid(periodical, "abbr-1")),
            _kid(periodical, "abbr-1"))

    dates = _kid(element, "dates")
    if dates is not None:
        year_node = _kid(dates, "year")
        year = parse_date(_text(year_node))
        full = None
        pub_dates = _kid(dates, "pub-dates")
        if pub_dates is not None:
            date_text = _text(_kid(pub_dates, "date"))
            full = parse_date(date_text) if re.match(r"\d{4}", date_text) else \
                parse_date(f"{date_text} {_text(year_node)}")
        if full and year and full["date-parts"][0][0] == year["date-parts"][0][0]:
            put("issued", full, pub_dates)
        put("issued", year or full, year_node)

    for tag, var in M.SIMPLE.items():
        node = _kid(element, tag)
        put(var, _text(node), node)
    number_node = _kid(element, "number")
    periodical_types = ("article-journal", "article-magazine", "article-newspaper",
                        "paper-conference")
    put("issue" if data["type"] in periodical_types else "number", _text(number_node),
        number_node)
    isbn = _kid(element, "isbn")
    for value in [v.strip() for v in re.split(r"[;\r\n]+", _text(isbn)) if v.strip()]:
        if _is_isbn(value) or data["type"] in ("book", "chapter"):
            put("ISBN", value, isbn)
        else:
            put("ISSN", value, isbn)
    doi_node = _kid(element, "electronic-resource-num")
    doi = _DOI_PREFIX.sub("", _text(doi_node))
    if re.match(r"10\.\d+/\S", doi):
        put("DOI", doi, doi_node)
    elif doi:
        custom["electronic-resource-num"] = doi
    keywords = _kid(element, "keywords")
    if keywords is not None:
        words = [_text(k) for k in keywords if local(k.tag) == "keyword" and _text(k)]
        put("keyword", ", ".join(words), keywords)
    urls = _kid(element, "urls")
    if urls is not None:
        related = _kid(urls, "related-urls")
        links = [_text(u) for u in (related if related is not None else [])
                 if local(u.tag) == "url" and _text(u)]
        put("URL", links[0] if links else None, related)
        pdfs = [_text(u) for u in urls.iter() if local(u.tag) == "url" and _text(u)
                and _text(u) not in links[:1]]
        if pdfs:
            custom["urls"] = pdfs
    notes_node = _kid(element, "notes")
    notes = []
    for line in _text_lines(notes_node):
        if line.startswith(RIS.NOTE_PREFIX) and "=" in line:
            key, _, value = line[len(RIS.NOTE_PREFIX):].partition("=")
            if key in RIS.CARRIED_CUSTOM:
                custom[key] = (int(value) if value.isdigit() else
                               value == "true" if value in ("true", "false") else value)
                continue
        notes.append(line)
    put("note", "\n".join(notes), notes_node)
    label = _kid(element, "label")
    if _text(label):
        custom["label"] = _text(label)
    if custom:
        data["custom"] = custom
    return data, where


def _text_lines(node) -> list[str]:
    if node is None:
        return []
    raw = "".join(node.itertext())
    return [" ".join(line.split()) for line in raw.splitlines() if line.strip()]


def read(text: str, source: str | None = None, **options) -> ReadResult:
    result = ReadResult()
    root, diagnostics = parse(text, source)
    result.diagnostics.extend(diagnostics)
    if root is None:
        return result
    ids = IdAllocator()
    for element in root.iter():
        if local(element.tag) != "record":
            continue
        data, where = _record(element, source)
        if not set(data) - {"type", "custom"}:
            result.diagnostics.append(make(
                "record-invalid", "a <record> with nothing in it is skipped", file=source,
                line=element.sourceline))
            continue
        label = (data.get("custom") or {}).get("label")
        record_id = ids.claim(label if label and re.fullmatch(r"\S+", label)
                              else base_id(data))
        last = max((e.sourceline or 0) for e in element.iter()) or element.sourceline
        result.records.append(Record({"id": record_id, **data},
                                     Origin(source, element.sourceline, last, where)))
    if not result.records and not any(d.severity.value == "error" for d in result.diagnostics):
        result.diagnostics.append(make("input-empty", "the document has no <record>",
                                       file=source))
    return result


# -- writing ---------------------------------------------------------------------

_HELD = {"id", "type", "author", "editor", "collection-editor", "translator", "title",
         "container-title", "container-title-short", "collection-title", "title-short",
         "issued", "issue", "number", "ISBN", "ISSN", "DOI", "keyword", "URL", "note",
         "custom"} | set(M.SIMPLE_WRITE)
_CUSTOM_HELD = set(RIS.CARRIED_CUSTOM) | {"label", "urls", "electronic-resource-num"}


def _plain(value) -> str:
    return " ".join(strip_markup(str(value)).split())


def _record_element(records_el, data: dict, dropped: list) -> None:
    from lxml import etree

    def sub(parent, tag, text=None, **attributes):
        node = etree.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
        if text is not None:
            node.text = _plain(text)
        return node

    record = sub(records_el, "record")
    sub(record, "source-app", "bibconv", name="bibconv")
    csl_type = data.get("type") or "document"
    name, number = M.WRITE_TYPES.get(csl_type, M.DEFAULT_WRITE_TYPE)
    if csl_type not in M.WRITE_TYPES:
        dropped.append(("type", f"EndNote has no type for {csl_type!r}; written as {name}"))
    sub(record, "ref-type", str(number), name=name)
    groups = []
    roles = M.BOOK_CONTRIBUTORS_WRITE if csl_type == "book" else M.CONTRIBUTORS_WRITE
    for role, group in sorted(roles.items(), key=lambda kv: kv[1]):
        people, incomplete = split_others(data.get(role) if isinstance(data.get(role), list)
                                          else [])
        names = [format_name(p) for p in people if isinstance(p, dict)]
        names = [n for n in names if n] + ([RIS.ET_AL_WRITE] if incomplete else [])
        if names:
            groups.append((group, names))
    if groups:
        contributors = sub(record, "contributors")
        for group, names in groups:
            group_el = sub(contributors, group)
            for person in names:
                sub(group_el, "author", person)
    whole = csl_type in M.WHOLE_WORKS
    titles = sub(record, "titles")
    if data.get("title"):
        _styled(sub(titles, "title"), str(data["title"]))
    if data.get("container-title") and not whole:
        sub(titles, "secondary-title", data["container-title"])
    elif data.get("container-title"):
        dropped.append(("container-title", f"an EndNote {name}'s secondary title is its "
                                           "series; the container title is left out"))
    series = data.get("collection-title")
    if series:
        sub(titles, "secondary-title" if whole else "tertiary-title", series)
    if data.get("container-title-short"):
        sub(titles, "alt-title", data["container-title-short"])
    if data.get("title-short"):
        sub(titles, "short-title", data["title-short"])
    if data.get("container-title") and not whole:
        periodical = sub(record, "periodical")
        sub(periodical, "full-title", data["container-title"])
        if data.get("container-title-short"):
            sub(periodical, "abbr-1", data["container-title-short"])
    for var in ("page", "volume"):
        if data.get(var) not in (None, ""):
            sub(record, M.SIMPLE_WRITE[var], data[var])
    periodical_types = ("article-journal", "article-magazine", "article-newspaper",
                        "paper-conference")
    if data.get("issue") not in (None, ""):
        sub(record, "number", data["issue"])
        if data.get("number") not in (None, ""):
            dropped.append(("number", "EndNote's <number> already holds the issue"))
    elif data.get("number") not in (None, ""):
        sub(record, "number", data["number"])
        if csl_type in periodical_types:
            dropped.append(("number", "a periodical's <number> is read back as its issue"))
    for var in ("edition", "section", "number-of-volumes"):
        if data.get(var) not in (None, ""):
            sub(record, M.SIMPLE_WRITE[var], data[var])
    if data.get("keyword"):
        keywords = sub(record, "keywords")
        for word in re.split(r"[,;]", _plain(data["keyword"])):
            if word.strip():
                sub(keywords, "keyword", word.strip())
    _dates(record, data, dropped, sub)
    for var in ("publisher-place", "publisher"):
        if data.get(var):
            sub(record, M.SIMPLE_WRITE[var], data[var])
    serials = [data[v] for v in ("ISBN", "ISSN") if data.get(v)]
    if serials:
        sub(record, "isbn", "; ".join(_plain(s) for s in serials))
    for var in ("call-number", "archive_location", "archive", "source", "genre",
                "language"):
        if data.get(var):
            sub(record, M.SIMPLE_WRITE[var], data[var])
    if data.get("abstract"):
        sub(record, "abstract", data["abstract"])
    custom = data.get("custom") if isinstance(data.get("custom"), dict) else {}
    notes = [_plain(data["note"])] if data.get("note") else []
    for key in RIS.CARRIED_CUSTOM:
        value = custom.get(key)
        if value not in (None, False, ""):
            notes.append(f"{RIS.NOTE_PREFIX}{key}="
                         f"{str(value).lower() if value is True else value}")
    if notes:
        node = sub(record, "notes")
        node.text = "\n".join(notes)
    doi = data.get("DOI") or custom.get("electronic-resource-num")
    if doi:
        sub(record, "electronic-resource-num", doi)
    label = custom.get("label") or data.get("id")
    if label:
        sub(record, "label", label)
    extra = [u for u in custom.get("urls") or [] if isinstance(u, str)]
    if data.get("URL") or extra:
        urls = sub(record, "urls")
        if data.get("URL"):
            sub(sub(urls, "related-urls"), "url", data["URL"])
        if extra:
            pdfs = sub(urls, "pdf-urls")
            for url in extra:
                sub(pdfs, "url", url)
    for key in data:
        if key not in _HELD:
            dropped.append((key, f"EndNote XML has no field for {key!r}"))
    for key in custom:
        if key not in _CUSTOM_HELD:
            dropped.append((f"custom/{key}", f"EndNote XML has no place for custom {key!r}"))


_MARKUP = re.compile(r"<(/?)(b|i|sup|sub)>")


def _styled(element, text: str) -> None:
    """CSL rich text -> EndNote <style> runs (plain text when there is no
    markup: the shape every importer reads)."""
    from lxml import etree

    if not _MARKUP.search(text):
        element.text = _plain(text)
        return
    faces = {"b": "bold", "i": "italic", "sup": "superscript", "sub": "subscript"}
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
