"""Formats by name, alias, file suffix and content.

Built-in formats are described here as data and their modules imported only
when a reader, writer or sniffer is actually needed, so ``bibconv --help``
stays fast.  Other packages add formats through the entry-point groups
``bibconv.readers`` and ``bibconv.writers``: the entry point's name is the
format name and it loads a callable (a reader ``read(text, source, **options)
-> ReadResult`` or a writer ``write(records, **options) -> WriteResult``).
Optional attributes on that callable describe it further: ``suffixes``,
``aliases``, ``description``, ``sniff`` (text -> score between 0 and 1),
``one_record_per_file``, ``shared_options``, ``front_matter_option`` and
``file_blocks`` (see ``Format``); on a writer, ``options``: the options it
accepts (see ``Format.writer_options``).

What a format can do is declared on its ``Format``; the core (api.py,
cli.py) reads those declarations and never tests a format's name.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .protocols import Reader, Sniffer, Writer

READER_GROUP = "bibconv.readers"
WRITER_GROUP = "bibconv.writers"


class FormatError(LookupError):
    """An unknown format name, or one that cannot read or write."""


class OptionError(ValueError):
    """An option the writer does not take, or a value it cannot use."""


def _did_you_mean(word: str, choices) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), 1)
    return f" (did you mean {close[0]!r}?)" if close else ""


_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")


def _resolve(target):
    """A callable, or a ``"module:attribute"`` string imported on first use."""
    if target is None or callable(target):
        return target
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)


@dataclass
class Format:
    name: str
    description: str = ""
    suffixes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    # A callable, or "module:attribute" imported on first use.
    reader: Reader | str | None = None
    writer: Writer | str | None = None
    sniffer: Sniffer | str | None = None
    # Capabilities the core reads (declared, never guessed from the name):
    # the format holds one record a file (written into a folder, one file each).
    one_record_per_file: bool = False
    # Reader options whose value the inputs of one collection share: each a
    # dict the reader reads and adds to (BibTeX's @string macros).
    shared_options: tuple[str, ...] = ()
    # The reader option that also yields the document's own record, its front
    # matter, set when the document itself is checked (JATS's ``article``).
    # None: the format has no front matter.
    front_matter_option: str | None = None
    # The reader returns blocks that belong to the file, not to a record
    # (``ReadResult.meta``), and the writer takes them back as its ``meta``
    # option (BibTeX's @preamble, @comment and @string).
    file_blocks: bool = False
    # The options the writer takes: name -> bool, str, a tuple of the values
    # allowed, or dict (set by the library, e.g. BibTeX's file-level blocks,
    # never from the command line).  None: not declared, nothing is checked.
    writer_options: dict | None = None
    # How the format is read and written in streams (converters.scale.streams.Streamer):
    # None reads each input whole.
    streamer: Any = None  # a Streamer, or "module:attribute" loaded on first use
    origin: str = "built-in"
    _loaded: dict = field(default_factory=dict, repr=False)

    def _get(self, attribute: str):
        if attribute not in self._loaded:
            self._loaded[attribute] = _resolve(getattr(self, attribute))
        return self._loaded[attribute]

    @property
    def can_read(self) -> bool:
        return self.reader is not None

    @property
    def can_write(self) -> bool:
        return self.writer is not None

    def read(self, text: str, source: str | None = None, **options):
        if not self.can_read:
            raise FormatError(f"format {self.name!r} can only be written")
        return self._get("reader")(text, source, **options)

    def write(self, records, **options):
        if not self.can_write:
            raise FormatError(f"format {self.name!r} can only be read")
        self.check_options(options)
        return self._get("writer")(records, **options)

    def check_options(self, options: dict) -> None:
        """Raise OptionError for an option the writer has not declared, or a
        value outside its declared choices."""
        declared = self.writer_options
        if declared is None or not options:
            return
        for key, value in options.items():
            if key not in declared:
                public = sorted(k for k, v in declared.items() if v is not dict)
                raise OptionError(f"format {self.name!r} has no writer option {key!r}"
                                  f"{_did_you_mean(key, public)}"
                                  f" (its options: {', '.join(public) or 'none'})")
            kind = declared[key]
            if isinstance(kind, tuple) and value not in kind:
                raise OptionError(f"writer option {key!r} of {self.name!r} takes "
                                  f"{' or '.join(map(repr, kind))}, not {value!r}"
                                  f"{_did_you_mean(str(value), kind)}")

    def parse_options(self, texts: dict[str, str]) -> dict:
        """Command-line ``-W key=value`` texts -> typed options, checked
        against what the writer declares (an undeclared writer gets true/false
        for those words and text for the rest)."""
        declared = self.writer_options
        options: dict[str, Any] = {}
        for key, text in texts.items():
            kind = None if declared is None else declared.get(key, OptionError)
            if kind is OptionError:
                self.check_options({key: text})  # raises: an unknown option
            if kind is dict:
                raise OptionError(f"writer option {key!r} of {self.name!r} is not set "
                                  "from the command line")
            lowered = text.lower()
            if kind is bool or (kind is None and lowered in _TRUE + _FALSE):
                if lowered not in _TRUE + _FALSE:
                    raise OptionError(f"writer option {key!r} of {self.name!r} is true "
                                      f"or false, not {text!r}")
                options[key] = lowered in _TRUE
            else:
                options[key] = text
        self.check_options(options)
        return options

    def sniff(self, text: str) -> float:
        sniffer = self._get("sniffer")
        if not sniffer:
            return 0.0
        try:
            return float(sniffer(text))
        except Exception:  # a plugin's broken sniffer must not stop the tool: not its text
            return 0.0


# Built-ins: modules named, not imported.
# ascii: LaTeX escapes for non-ASCII; meta: @preamble/@comment/@string blocks.
_BIBTEX_OPTIONS = {"ascii": bool, "meta": dict, "ids": dict}
BUILTIN = [
    Format("listing", "scraped publications page: title, one author a line, abstract",
           suffixes=(".txt", ".listing"), aliases=("publications", "page"),
           reader="converters.formats.listing:read",
           writer="converters.formats.listing:write",
           sniffer="converters.formats.listing:sniff", writer_options={"page": bool}),
    Format("bibtex", "BibTeX (.bib); reads BibLaTeX too",
           suffixes=(".bib", ".bibtex"), aliases=("bib",),
           reader="converters.formats.bibtex:read",
           writer="converters.formats.bibtex:write_bibtex",
           sniffer="converters.formats.bibtex:sniff", writer_options=_BIBTEX_OPTIONS,
           shared_options=("macros",), file_blocks=True,
           streamer="converters.scale.streams:BIBTEX"),
    Format("biblatex", "BibLaTeX (.bib): dates, journaltitle, location and the rest of its "
           "data model", suffixes=(), aliases=("biber",),
           reader="converters.formats.bibtex:read_biblatex",
           writer="converters.formats.bibtex:write_biblatex", writer_options=_BIBTEX_OPTIONS,
           shared_options=("macros",), file_blocks=True,
           streamer="converters.scale.streams:BIBTEX"),
    Format("jats", "JATS XML reference list (<ref-list> of element-citations); reads "
           "JATS 1.0-1.3 and NLM 2.3/3.0 references", suffixes=(".xml", ".nxml", ".jats"),
           aliases=("jats-refs", "jats-xml"),
           reader="converters.formats.jats:read",
           writer="converters.formats.jats:write",
           sniffer="converters.formats.jats:sniff", writer_options={"ids": dict},
           front_matter_option="article", streamer="converters.formats.jats.stream:REFS"),
    Format("jats-article", "JATS XML article front matter (title, contributors, abstract); "
           "one record a file", suffixes=(".xml",), aliases=("jats-front",),
           reader="converters.formats.jats:read_article",
           writer="converters.formats.jats:write_article",
           sniffer="converters.formats.jats:sniff_article", one_record_per_file=True,
           writer_options={}, streamer="converters.formats.jats.stream:ARTICLES"),
    Format("ris", "RIS (.ris), the tagged format of Zotero, EndNote, Mendeley, Web of Science, "
           "Scopus and publishers' exports", suffixes=(".ris",), aliases=("refman",),
           reader="converters.formats.ris:read",
           writer="converters.formats.ris:write",
           sniffer="converters.formats.ris:sniff", writer_options={},
           streamer="converters.formats.ris.stream:STREAMER"),
    Format("endnote-xml", "EndNote XML (<xml><records><record>), as EndNote exports and "
           "Zotero imports it", suffixes=(".enl.xml", ".endnote.xml", ".xml"),
           aliases=("endnote", "enxml"),
           reader="converters.formats.endnote_xml:read",
           writer="converters.formats.endnote_xml:write",
           sniffer="converters.formats.endnote_xml:sniff", writer_options={},
           streamer="converters.formats.endnote_stream:STREAMER"),
    Format("pubmed-xml",
           "PubMed / MEDLINE XML (<PubmedArticleSet>, efetch and the baseline files); read only",
           suffixes=(".xml",), aliases=("pubmed", "medline-xml"),
           reader="converters.formats.pubmed:read", sniffer="converters.formats.pubmed:sniff",
           streamer="converters.formats.pubmed.stream:STREAMER"),
    Format("csljson", "CSL-JSON (array of items, a single item, or JSON Lines)",
           suffixes=(".json", ".csl.json", ".csljson", ".jsonl", ".ndjson"),
           aliases=("csl-json", "csl", "json", "jsonl"),
           reader="converters.formats.csljson:read",
           writer="converters.formats.csljson:write",
           sniffer="converters.formats.csljson:sniff",
           writer_options={"lines": bool, "csl_version": ("1.0", "1.0.2")},
           streamer="converters.scale.streams:CSLJSON"),
]


def _declare(fmt: Format, target) -> None:
    """A plugin's capabilities, from attributes on its reader or writer."""
    fmt.one_record_per_file = fmt.one_record_per_file or bool(
        getattr(target, "one_record_per_file", False))
    fmt.shared_options = fmt.shared_options or tuple(getattr(target, "shared_options", ()))
    fmt.front_matter_option = fmt.front_matter_option or getattr(
        target, "front_matter_option", None)
    fmt.file_blocks = fmt.file_blocks or bool(getattr(target, "file_blocks", False))


class Registry:
    def __init__(self, formats=(), *, entry_points: bool = True):
        self._formats: dict[str, Format] = {}
        self._entry_points_loaded = not entry_points
        for fmt in formats:
            self.register(fmt)

    def register(self, fmt: Format, *, replace: bool = False) -> Format:
        """Add a format (tests and plugins); a name already taken is an error
        unless ``replace`` is set."""
        key = fmt.name.lower()
        if key in self._formats and not replace:
            raise FormatError(f"format {fmt.name!r} is already registered")
        self._formats[key] = fmt
        return fmt

    def _load_entry_points(self) -> None:
        if self._entry_points_loaded:
            return
        self._entry_points_loaded = True
        from importlib.metadata import entry_points

        for group, role in ((READER_GROUP, "reader"), (WRITER_GROUP, "writer")):
            for ep in entry_points(group=group):
                key = ep.name.lower()
                fmt = self._formats.get(key)
                if fmt is None:
                    fmt = self.register(Format(ep.name, origin=ep.value))
                elif getattr(fmt, role) is not None:
                    continue  # a built-in (or earlier plugin) keeps its name
                try:
                    target = ep.load()
                except Exception as exc:  # a broken plugin must not break the tool
                    fmt.description = fmt.description or f"(failed to load: {exc})"
                    continue
                setattr(fmt, role, target)
                fmt.description = fmt.description or getattr(target, "description", "")
                fmt.suffixes = fmt.suffixes or tuple(getattr(target, "suffixes", ()))
                fmt.aliases = fmt.aliases or tuple(getattr(target, "aliases", ()))
                fmt.sniffer = fmt.sniffer or getattr(target, "sniff", None)
                _declare(fmt, target)
                if role == "writer" and getattr(target, "options", None) is not None:
                    fmt.writer_options = dict(target.options)

    def all(self) -> list[Format]:
        self._load_entry_points()
        return list(self._formats.values())

    def _find(self, name: str) -> Format | None:
        key = name.lower()
        if key in self._formats:
            return self._formats[key]
        for fmt in self._formats.values():
            if key in (a.lower() for a in fmt.aliases):
                return fmt
        return None

    def get(self, name: str) -> Format:
        fmt = self._find(name)
        if fmt is None or not (fmt.can_read and fmt.can_write):
            # a plugin may add the format, or the role a built-in lacks
            self._load_entry_points()
            fmt = self._find(name)
        if fmt is None:
            known = ", ".join(sorted(f.name for f in self._formats.values()))
            raise FormatError(f"unknown format {name!r} (known: {known})")
        return fmt

    def claimants(self, path: str) -> list[Format]:
        """The formats whose longest suffix ends ``path`` (``.csl.json`` beats
        ``.json``), in the order they were registered; several may claim one
        suffix (``.xml``)."""
        # Every format, plugins included: a plugin's longer suffix
        # (``.zot.json``) beats a built-in's, and one it shares is sniffed.
        return self._claimants(path, self.all())

    @staticmethod
    def _claimants(path: str, formats: list[Format]) -> list[Format]:
        lower = path.lower()
        found: list[Format] = []
        best_len = 0
        for fmt in formats:
            length = max((len(s) for s in fmt.suffixes if lower.endswith(s.lower())), default=0)
            if length > best_len:
                found, best_len = [fmt], length
            elif length and length == best_len:
                found.append(fmt)
        return found

    def for_path(self, path: str, text: str | None = None, *,
                 readable: bool = False) -> Format | None:
        """The format ``path``'s suffix names.  When several claim it and
        ``text`` is given, their sniffers choose (the first registered when
        none recognises the text); without ``text``, the first registered."""
        claimants = [f for f in self.claimants(path) if f.can_read or not readable]
        if len(claimants) > 1 and text is not None:
            scores = [fmt.sniff(text) for fmt in claimants]
            return claimants[scores.index(max(scores))]
        return claimants[0] if claimants else None

    def sniff(self, text: str, *, readable: bool = True) -> Format | None:
        """The format whose sniffer is most confident about ``text``."""
        best, best_score = None, 0.0
        for fmt in self.all():
            if readable and not fmt.can_read:
                continue
            score = fmt.sniff(text)
            if score > best_score:
                best, best_score = fmt, score
        return best


_default: Registry | None = None


def default_registry() -> Registry:
    global _default
    if _default is None:
        _default = Registry([replace(f, _loaded={}) for f in BUILTIN])
    return _default
