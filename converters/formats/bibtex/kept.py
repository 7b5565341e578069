"""What CSL keeps beside the fields: the entry type, bibconv's own fields
(``bibconv-NAME``: custom facts, the CSL type, set-aside CSL variables, an
entry type BibTeX lacks), and fields with no CSL variable, which come back
as they were."""
from __future__ import annotations

import functools
import json
import re

from ... import latex
from ...bibnames import format_name
from ...diagnostics import make
from ...mapping import bibtex as M
from .context import Reading, Writing, braced, field_name, verbatim
from .groups import names_back


@functools.lru_cache(maxsize=1)
def csl_types() -> frozenset:
    from ...resources import load_schema

    return frozenset(load_schema("csl-data.json")["properties"]["type"]["enum"])


def read_type(etype: str, fields: dict) -> str:
    """The CSL type of an entry of type ``etype`` with these fields."""
    csl_type = M.TYPES.get(etype, ("document", None))[0]
    subtype = latex.plain(fields.get("entrysubtype", "")).lower()
    if etype in ("article", "periodical", "suppperiodical") and subtype in ("magazine",
                                                                           "newspaper"):
        csl_type = f"article-{subtype}"
    if etype == "unpublished" and any(k in fields for k in ("eventdate", "eventtitle", "venue")):
        csl_type = "speech"
    return csl_type


def read_facts(fields: dict, names: list[str] | None = None) -> dict:
    """bibconv-NAME fields -> custom facts (see write_facts).  ``names``:
    the bibconv- fields among ``fields``, in their order, when known."""
    facts: dict = {}
    for name in (names if names is not None else fields):
        if not name.startswith(M.FACT_PREFIX) or name in (
                M.FACT_PREFIX + "type", M.FACT_PREFIX + "csl", M.FACT_PREFIX + "entrytype"):
            continue
        text = fields[name]
        try:
            value = json.loads(text)
        except ValueError:
            value = text
        if name == M.FACT_PREFIX + "custom" and isinstance(value, dict):
            facts.update(value)
        else:
            facts[name[len(M.FACT_PREFIX):]] = value
    return facts


_FACT_NAME = re.compile(r"[a-z0-9][a-z0-9_.:+-]*")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def fact_text(value) -> str:
    """A custom fact as the text of a braced BibTeX value: a plain string as
    it is when it cannot be mistaken for JSON, anything else as JSON (braces
    inside its strings escaped, so the value's braces balance)."""
    if isinstance(value, str) and value == value.strip() and value and not re.search(
            r"[{}\\]", value):
        try:
            json.loads(value)
        except ValueError:
            return value
    text = json.dumps(value, ensure_ascii=False)
    return _JSON_STRING.sub(lambda m: m.group(0).replace("{", "\\u007b").replace(
        "}", "\\u007d"), text)


def write_facts(custom: dict) -> dict:
    """custom facts (all but custom.bibtex) -> {bibconv-NAME: braced text};
    names a BibTeX field cannot spell go together in bibconv-custom."""
    out, rest = {}, {}
    for name, value in custom.items():
        if name == "bibtex":
            continue
        if _FACT_NAME.fullmatch(name) and name not in ("type", "custom", "csl", "entrytype"):
            out[M.FACT_PREFIX + name] = braced(fact_text(value))
        else:
            rest[name] = value
    if rest:
        out[M.FACT_PREFIX + "custom"] = braced(fact_text(rest))
    return out


# -- CSL variables set aside (bibconv-csl) -------------------------------------------

# Variables whose written form is read back on writing: what would not come
# back the same (a season, circa on one date, a range, a DOI with a prefix,
# a genre the entry type adds, a place read as a jurisdiction) is kept in
# bibconv-csl and reported.
CHECKED = ("issued", "accessed", "event-date", "original-date", "submitted", "DOI", "genre",
           "publisher-place", "jurisdiction")


def read_aside(r: Reading) -> dict | None:
    """The CSL variables bibconv set aside in bibconv-csl, put back: exact
    names and checked values while the fields still say what the writer
    made of them (nobody has edited them since), the rest where no field
    gave the variable.  None when bibconv-csl is not bibconv's JSON."""
    text = r.fields.get(M.FACT_PREFIX + "csl")
    if not text:
        return None
    try:
        aside = json.loads(text)
    except ValueError:
        return None
    if not isinstance(aside, dict):
        return None
    for var, value in aside.items():
        name = M.WRITE_NAMES.get(var)
        if name and name in r.fields and isinstance(value, list):
            _exact_names(r, var, value)
        elif var not in CHECKED:
            r.data.setdefault(var, value)
    checked = {k: v for k, v in aside.items() if k in CHECKED}
    if checked and written_faithfully(r.csl_type, r.etype, checked, r.data):
        for var, value in checked.items():
            if value is None:
                r.data.pop(var, None)
            else:
                r.data[var] = value
    return aside


def _exact_names(r: Reading, var: str, value: list) -> None:
    try:
        written = " and ".join(format_name(n, lambda t: latex.encode(str(t))) for n in value)
    except (AttributeError, TypeError):
        return
    if names_back(written) == r.data.get(var):
        r.data[var] = value


def read_back(etype: str, out: dict, biblatex: bool) -> dict:
    """The CSL data the reader makes of an entry the writer wrote."""
    from .evaluate import TooLarge, Undefined, evaluate
    from .reader import to_csl
    from .split import Entry

    entry = Entry(etype, "entry", 0, 0)
    for name, value in out.items():
        if name == M.FACT_PREFIX + "csl":
            continue
        try:
            entry.fields[M.ALIASES.get(name, name)] = evaluate(value, {})
        except (Undefined, TooLarge):
            continue
    return to_csl(entry, None, [], biblatex).data


def written_faithfully(csl_type: str, etype: str, exact: dict, now: dict) -> bool:
    """Whether the values ``now`` read from the fields are what the writer
    made of the ``exact`` ones."""
    back = _written_back(csl_type, etype, exact)
    return back is not None and all(back.get(k) == now.get(k) for k in exact)


def _written_back(csl_type: str, etype: str, exact: dict) -> dict | None:
    """What the reader makes of what the writer makes of ``exact`` (None:
    the writer cannot write it), remembered: the same few set-aside values
    come back entry after entry (``exact`` is read from JSON, so its JSON
    text, in its order, names it)."""
    key = (csl_type, etype, json.dumps(exact))
    if key in _BACK:
        return _BACK[key]
    from .writer import entry_fields

    data = {"id": "entry", "type": csl_type, "custom": {"bibtex": {"type": etype}}}
    data.update({k: v for k, v in exact.items() if v is not None})
    biblatex = etype not in M.BIBTEX_TYPES
    back: dict | None
    try:
        written_type, out, _, _ = entry_fields(data, biblatex, False, check=False)
        back = read_back(written_type, out, biblatex)
    except (TypeError, ValueError, AttributeError, KeyError):
        back = None
    if len(_BACK) >= 1024:
        _BACK.clear()
    _BACK[key] = back
    return back


_BACK: dict[tuple[str, str, str], dict | None] = {}  # _written_back's, read only


# -- what the reader keeps aside, and writes back --------------------------------------

def read_kept(r: Reading, inherited: set[str], aside, report) -> None:
    """custom: the facts, the entry type, the unmapped fields (each reported
    through ``report(name)``) and the originals kept for the writer."""
    f = r.fields
    prefixed = list(_prefixed(r.layout))
    r.used.update(prefixed)
    written_type = f.get(M.FACT_PREFIX + "type", "").strip()
    if written_type and r.csl_type != written_type:
        r.used.discard(M.FACT_PREFIX + "type")  # not a CSL type: kept and reported below
    if M.FACT_PREFIX + "csl" in f and aside is None:
        r.used.discard(M.FACT_PREFIX + "csl")  # not what bibconv writes: the same
    unmapped = {}
    for name, value in f.items():
        if name in r.used or name in inherited:
            continue
        unmapped[name] = verbatim(value) if name in M.VERBATIM else latex.rich(value)
        report(name)
    bib: dict = {"type": f.get(M.FACT_PREFIX + "entrytype", "").strip() or r.etype}
    if unmapped:
        bib["fields"] = unmapped
    if r.source:
        bib["source"] = r.source
    r.data["custom"] = {**read_facts(f, prefixed), "bibtex": bib}


@functools.lru_cache(maxsize=4096)  # a few layouts of field names, over and over
def _prefixed(layout: tuple[str, ...]) -> tuple[str, ...]:
    """bibconv's own fields (bibconv-NAME) among an entry's field names."""
    return tuple(k for k in layout if k.startswith(M.FACT_PREFIX))


def unmapped_report(diagnostics: list, source, entry):
    def report(name: str) -> None:
        diagnostics.append(make(
            "field-unmapped", f"BibTeX field {name!r} has no CSL variable; kept in "
            "'custom.bibtex.fields'", file=source, line=entry.lines.get(name, entry.line),
            record=entry.key, pointer=f"/custom/bibtex/fields/{name}"))
    return report


def write_kept(w: Writing, downgraded: str) -> None:
    out, csl_type = w.out, w.data.get("type", "document")
    # fields CSL had no variable for come back as they were
    for name, value in (w.bib.get("fields") or {}).items():
        if name not in out:
            out[field_name(name, w.biblatex)] = braced(
                value if name in M.VERBATIM else w.enc(value))
    if "month" in w.source and "month" not in out:  # a month with no year (read_dates)
        out["month"] = braced(w.source["month"])
    if csl_type in ("article-magazine", "article-newspaper") and w.etype in (
            "article", "periodical") and "entrysubtype" not in out:
        out["entrysubtype"] = braced(csl_type.split("-")[1])
    # facts CSL keeps in custom, and the type when no entry type says it
    out.update(write_facts(w.data.get("custom") or {}))
    if read_type(w.etype, out) != csl_type:
        out[M.FACT_PREFIX + "type"] = braced(csl_type)
    if downgraded:  # a BibLaTeX entry type BibTeX lacks (patent, collection...)
        out[M.FACT_PREFIX + "entrytype"] = braced(downgraded)


def write_aside(w: Writing, check: bool) -> list[str]:
    """CSL variables with no field here ride along for bibconv's own reader;
    with ``check``, so do those of CHECKED the fields would not give back."""
    data = w.data
    dropped = sorted(k for k in data if k not in w.used)
    if check:
        back = read_back(w.etype, w.out, w.biblatex)
        w.inexact += [v for v in CHECKED if v not in dropped and v not in w.inexact
                      and back.get(v) != data.get(v)]
    if dropped or w.inexact:
        w.out[M.FACT_PREFIX + "csl"] = braced(fact_text(
            {k: data.get(k) for k in dropped + w.inexact}))
    return dropped
