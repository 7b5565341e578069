"""The field groups other than titles, each as a reading and a writing
function: names, publisher and places, numbers, notes, dates, pages,
language, and the one-to-one fields (identifiers among them)."""
from __future__ import annotations

import functools
import re

from ... import dates, latex, vocabulary
from ...bibnames import format_name, parse_names
from ...mapping import bibtex as M
from .context import Reading, Writing, braced, field_name, verbatim
from .titles import _join

# -- names ---------------------------------------------------------------------


_USEPREFIX = re.compile(r"useprefix\s*(=\s*true)?\s*(,|$)")


def read_names(r: Reading) -> None:
    f = r.fields
    useprefix = "options" in f and bool(_USEPREFIX.search(f["options"]))
    editortype = latex.plain(f.get("editortype", "")).strip().lower()
    for name, var in _names_present(r.layout):
        names = parse_names(f[name], useprefix=useprefix)
        if name == "editor" and editortype == "director":
            var = "director"
            r.used.add("editortype")
        if names:
            r.data.setdefault(var, []).extend(names)
        r.used.add(name)
        if var == "contributor":  # CSL has one role for several of biblatex's
            r.source[name] = f[name]


@functools.lru_cache(maxsize=4096)  # a few layouts, over and over
def _names_present(layout: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(field, CSL variable) of M.NAMES, in its order, for the name fields
    among ``layout``."""
    return tuple((name, var) for name, var in M.NAMES.items() if name in layout)


def names_back(text: str) -> list:
    """What the reader makes of a name list the writer wrote."""
    try:
        return parse_names(text)
    except RecursionError:
        return []


def write_names(w: Writing) -> None:
    for var, name in M.WRITE_NAMES.items():
        names = w.data.get(var)
        if names:
            text = " and ".join(format_name(n, w.enc) for n in names)
            w.out[name] = braced(text)
            w.used.add(var)
            if names_back(text) != names:  # BibTeX's name syntax cannot say it all
                w.inexact.append(var)
    roles = [k for k in M.MANY_TO_ONE_NAMES if k in w.source]
    if roles:
        for k in roles:
            w.out[k] = braced(w.source[k])
        w.used.add("contributor")


# -- publisher and places -------------------------------------------------------

_PUBLISHERS = ("institution", "organization", "publisher")


_AND = re.compile(r"\s+and\s+")


def _literal_list(value: str, biblatex_list: bool = True) -> str:
    """biblatex literal lists ("A and B") -> "A; B"."""
    if not biblatex_list:
        return latex.rich(value)
    parts = [p for p in _AND.split(value) if p.strip()]
    return "; ".join(latex.rich(p) for p in parts)


def derive_publisher(fields: dict, lists: bool = True) -> str | None:
    parts = [_literal_list(fields[f], lists) for f in _PUBLISHERS if fields.get(f)]
    return "; ".join(parts) or None


def read_publisher(r: Reading) -> None:
    f = r.fields
    publisher = derive_publisher(f, r.lists)
    if publisher:
        r.data["publisher"] = publisher
        present = [k for k in _PUBLISHERS if k in f]
        r.used.update(present)
        if present != ["publisher"] or (r.lists and " and " in f.get("publisher", "")):
            r.source.update({k: f[k] for k in present})
    if "location" in f:
        var = "jurisdiction" if r.csl_type == "patent" else "publisher-place"
        r.data[var] = _literal_list(f["location"], r.lists)
        r.used.add("location")


def _literal_list_out(value: str, biblatex: bool, enc) -> str:
    """CSL "A; B" -> biblatex's list "A and B", or for BibTeX, whose fields
    are plain text, as it is.  An "and" inside a name is braced either way,
    so that biber reads "John Wiley {and} Sons" as one name too."""
    if not biblatex:
        return enc(value).replace(" and ", " {and} ")
    return " and ".join(enc(p).replace(" and ", " {and} ") for p in value.split("; "))


def write_publisher(w: Writing) -> None:
    data, source = w.data, w.source
    if data.get("publisher"):
        group = [k for k in _PUBLISHERS if k in source]
        # biblatex's "A and B" lists mean two publishers; in BibTeX, one name.
        if group and derive_publisher(source, w.biblatex) == data["publisher"] and (
                w.biblatex or not any(" and " in source[k] for k in group)):
            for k in group:
                w.out[field_name(k, w.biblatex)] = braced(source[k])
        else:
            if w.etype in ("thesis", "phdthesis", "mastersthesis"):
                name = "institution" if w.biblatex else "school"
            else:
                name = "institution" if w.etype in ("report", "techreport") else "publisher"
            w.out[name] = braced(_literal_list_out(data["publisher"], w.biblatex, w.enc))
        w.used.add("publisher")
    for var in ("publisher-place", "jurisdiction"):
        if data.get(var):
            w.out["location" if w.biblatex else "address"] = braced(
                _literal_list_out(data[var], w.biblatex, w.enc))
            w.used.add(var)


# -- numbers ---------------------------------------------------------------------

_NUMBERS = ("number", "issue", "volume", "part")


def derive_numbers(fields: dict, etype: str) -> dict:
    out = {}
    number, issue = fields.get("number"), fields.get("issue")
    if number is not None:
        if etype in M.SERIES_NUMBER_TYPES:
            out["collection-number"] = latex.plain(number)
        elif etype in M.ARTICLE_TYPES:
            out["issue"] = latex.plain(number) + (f", {latex.plain(issue)}" if issue else "")
        else:
            out["number"] = latex.plain(number)
    elif issue is not None and etype in M.ARTICLE_TYPES:
        out["issue"] = latex.plain(issue)
    volume, part = fields.get("volume"), fields.get("part")
    if volume is not None or part is not None:
        out["volume"] = ".".join(latex.plain(v) for v in (volume, part) if v is not None)
    return out


def read_numbers(r: Reading) -> None:
    f = r.fields
    r.data.update(derive_numbers(f, r.etype))
    r.used.update(k for k in _NUMBERS if k in f)
    if "part" in f or ("issue" in f and "number" in f):
        r.source.update({k: f[k] for k in _NUMBERS if k in f})


def write_numbers(w: Writing) -> None:
    source = w.source
    if source and any(k in source for k in ("part", "issue")) and all(
            w.data.get(k) == v for k, v in derive_numbers(source, w.etype).items()):
        for k in _NUMBERS:
            if k in source:
                w.out[k] = braced(source[k])
        w.used.update(derive_numbers(source, w.etype))
    # "number" is an issue in articles, a series number in books and their
    # parts, and the work's own number elsewhere (biblatex manual, 2.2.2):
    # only the variable that reads back from it is written there.
    number_var = "issue" if w.etype in M.ARTICLE_TYPES else "collection-number" \
        if w.etype in M.SERIES_NUMBER_TYPES else "number"
    for var, name in (("volume", "volume"), (number_var, "number")):
        if var in w.data and var not in w.used and name not in w.out:
            w.out[name] = braced(w.enc(w.data[var]))
            w.used.add(var)


# -- notes -----------------------------------------------------------------------

def derive_note(fields: dict) -> str | None:
    return _join([latex.rich(fields[f]) for f in ("note", "addendum") if fields.get(f)],
                 ".")


def read_notes(r: Reading) -> None:
    f = r.fields
    note = derive_note(f)
    if note:
        r.data["note"] = note
        r.used.update(k for k in ("note", "addendum") if k in f)
        if "addendum" in f:
            r.source.update({k: f[k] for k in ("note", "addendum") if k in f})


def write_notes(w: Writing) -> None:
    if w.source and "addendum" in w.source and derive_note(w.source) == w.data.get("note"):
        for k in ("note", "addendum"):
            if k in w.source:
                w.out[k] = braced(w.source[k])
        w.used.add("note")
    if w.data.get("note") and "note" not in w.used:
        w.out["note"] = braced(w.enc(w.data["note"]))
        w.used.add("note")


# -- dates -----------------------------------------------------------------------

# prefix -> (the date field, year, month, day), and the CSL variable
DATE_FIELDS = {"": ("date", "year", "month", "day"),
               "event": ("eventdate", "eventyear", "eventmonth", "eventday"),
               "orig": ("origdate", "origyear", "origmonth", "origday"),
               "url": ("urldate", "urlyear", "urlmonth", "urlday")}
DATE_VARS = {"": "issued", "event": "event-date", "orig": "original-date", "url": "accessed"}


# Months and days are a few dozen strings over and over: each read once.
_whole_number = functools.lru_cache(maxsize=1024)(dates.whole_number)


@functools.lru_cache(maxsize=1024)
def _month(value: str) -> int | None:
    text = latex.plain(value).strip()
    number = _whole_number(text)
    if number is not None:
        return number if 1 <= number <= 12 else None
    return None if text.isdigit() else vocabulary.month_number(text)


_YEAR = re.compile(r"-?[0-9]{1,4}")


def _year(text: str) -> bool:
    """_YEAR.fullmatch(text), in C string tests (a regex call costs more)."""
    digits = text[1:] if text[:1] == "-" else text
    return 0 < len(digits) <= 4 and digits.isascii() and digits.isdigit()


def read_date(fields: dict, prefix: str) -> dict | None:
    names = DATE_FIELDS[prefix]
    if fields.get(names[0]):
        text = latex.plain(fields[names[0]]).replace("\u00a0", "~")
        return dates.parse(text) or {"literal": text}
    year = fields.get(names[1])
    if not year:
        return None
    year_text = latex.plain(year).replace("–", "-").replace("—", "-").strip()
    if not _year(year_text):
        return {"literal": year_text}
    part = [int(year_text)]
    month = fields.get(names[2])
    if month:
        number = _month(month)
        if number is None:
            return {"literal": f"{latex.plain(month)} {year_text}"}
        part.append(number)
        day = _whole_number(latex.plain(fields.get(names[3]) or ""))
        if day is not None:
            part.append(day)
    return {"date-parts": [part]}


@functools.lru_cache(maxsize=4096)  # a few layouts, over and over
def _date_layout(layout: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(prefix, its fields among ``layout``) for the prefixes of DATE_FIELDS
    whose date or year field is there: read_date finds no date for the rest."""
    return tuple((prefix, tuple(k for k in names if k in layout))
                 for prefix, names in DATE_FIELDS.items()
                 if names[0] in layout or names[1] in layout)


def read_dates(r: Reading) -> None:
    f = r.fields
    for prefix, present in _date_layout(r.layout):
        date = read_date(f, prefix)
        if date:
            r.data[DATE_VARS[prefix]] = date
            r.used.update(present)
            if "literal" in date and present != DATE_FIELDS[prefix][:1]:
                r.source.update({k: f[k] for k in present})
    if "date" not in f and "month" in f and "year" not in f:
        r.source["month"] = f["month"]  # a month with no year: keep it
        r.used.add("month")


def write_dates(w: Writing) -> None:
    for prefix, var in DATE_VARS.items():
        date = w.data.get(var)
        if not isinstance(date, dict):
            continue
        names = DATE_FIELDS[prefix]
        if w.source and any(k in w.source for k in names):
            for k in names:
                if k in w.source:
                    w.out[k] = braced(w.source[k])
            w.used.add(var)
        elif _write_date(w, date, prefix, names):
            w.used.add(var)


def _write_date(w: Writing, date: dict, prefix: str, names: tuple) -> bool:
    text = dates.format(date)
    if text is None:
        if date.get("literal"):
            w.out[names[1]] = braced(w.enc(date["literal"]))
            return True
        return False
    if w.biblatex or prefix in ("event", "orig"):
        w.out[names[0]] = braced(text)
        return True
    parts = dates.numbers(date["date-parts"][0])
    w.out[names[1]] = braced(str(parts[0]))
    if len(parts) > 1 and len(date["date-parts"]) == 1:
        w.out[names[2]] = list(vocabulary.MONTHS)[int(parts[1]) - 1] \
            if 1 <= int(parts[1]) <= 12 else braced(str(parts[1]))
    if len(parts) > 2 and len(date["date-parts"]) == 1:
        w.out[names[3]] = braced(str(parts[2]))
    if len(date["date-parts"]) > 1 or date.get("circa"):
        w.out[names[0]] = braced(text)  # BibTeX styles ignore it; biber reads it
    return True


# -- pages -----------------------------------------------------------------------

def read_pages(r: Reading) -> None:
    if "pages" in r.fields:
        r.data["page"] = latex.plain(r.fields["pages"]).replace("–", "-").replace("—", "-")
        r.used.add("pages")


def write_pages(w: Writing) -> None:
    if w.data.get("page"):
        # a single hyphen or en dash is a range ("--"); hyphens typed twice stay so
        w.out["pages"] = braced("".join(
            "--" if part in ("-", "–") else w.enc(part)
            for part in re.split(r"(--+|[-–])", str(w.data["page"]))))
        w.used.add("page")


# -- language --------------------------------------------------------------------

def read_language_of(fields: dict) -> str | None:
    langid = fields.get("langid")
    if not langid:
        return None
    return _language(langid, fields.get("langidopts", ""))


@functools.lru_cache(maxsize=1024)  # a few languages, asked twice an entry
def _language(langid: str, options: str) -> str | None:
    langid = latex.plain(langid).strip()
    variant = re.search(r"variant\s*=\s*(\w+)", options)
    if variant and (langid.lower(), variant.group(1).lower()) in M.LANGUAGE_VARIANTS:
        return M.LANGUAGE_VARIANTS[(langid.lower(), variant.group(1).lower())]
    return M.LANGUAGES.get(langid, M.LANGUAGES.get(langid.lower(), langid))


def read_language(r: Reading) -> None:
    language = read_language_of(r.fields)
    if language:
        r.data["language"] = language
        r.used.update(k for k in ("langid", "langidopts") if k in r.fields)
        if "langidopts" in r.fields:  # "english" + "variant=american": keep both words
            r.source.update({k: r.fields[k] for k in ("langid", "langidopts")})


def write_language(w: Writing) -> None:
    language = w.data.get("language")
    if not language:
        return
    if "langid" in w.source and read_language_of(w.source) == language:
        for k in ("langid", "langidopts"):
            if k in w.source:
                w.out[k] = braced(w.source[k])
    else:
        w.out["langid"] = braced(M.WRITE_LANGUAGES.get(language, language))
    w.used.add("language")


# -- one-to-one fields and identifiers ---------------------------------------------

# The fields of M.SIMPLE in its order: where two give one variable, the first counts.
_SIMPLE_ORDER = {name: index for index, name in enumerate(M.SIMPLE)}


@functools.lru_cache(maxsize=4096)
def simple_fields(layout: tuple[str, ...]) -> tuple[str, ...]:
    """The fields of M.SIMPLE among ``layout`` (an entry's field names), in
    M.SIMPLE's order: entries come in a few layouts over and over."""
    return tuple(sorted(set(layout) & M.SIMPLE.keys(), key=_SIMPLE_ORDER.__getitem__))


def read_simple(r: Reading, genre: str | None) -> None:
    f, data = r.fields, r.data
    for name in simple_fields(r.layout):
        var = M.SIMPLE[name]
        if var in data:
            continue
        value = f[name]
        if name in M.VERBATIM:
            data[var] = verbatim(value)
        elif name == "type":
            data[var] = M.TYPE_STRINGS.get(latex.plain(value).strip(), latex.rich(value))
        else:
            data[var] = latex.rich(value, paragraphs=var in ("abstract", "annote"))
        r.used.add(name)
    if genre and "genre" not in data:
        data["genre"] = genre
    if "keyword" in data:
        data["keyword"] = re.sub(r"\s*[,;]\s*", ", ", data["keyword"])
    if "DOI" in data:
        data["DOI"] = vocabulary.strip_doi_prefix(data["DOI"])
    eprinttype = latex.plain(f.get("eprinttype", "")).strip().lower()
    if "URL" not in data and eprinttype in M.EPRINT_URLS and f.get("eprint"):
        data["URL"] = M.EPRINT_URLS[eprinttype] + verbatim(f["eprint"])


def write_simple(w: Writing) -> None:
    for name, var in M.SIMPLE.items():
        if var in w.data and var not in w.used:
            value = w.data[var]
            if name in M.VERBATIM:
                w.out[name] = braced(str(value))
            elif name == "type":
                w.out[name] = braced(M.TYPE_STRING_KEYS.get(value, w.enc(value)))
            else:
                w.out[name] = braced(w.enc(value))
            w.used.add(var)
    if not w.biblatex and "annotation" in w.out:
        w.out["annote"] = w.out.pop("annotation")
    if w.data.get("keyword") and "keywords" in w.out:
        w.used.add("keyword")
