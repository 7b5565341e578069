"""One render: records and citation clusters in, finished text out.

The steps, each in its own module: load the style (styles), make records
citeproc-py's input (records), register and sort, add year suffixes
(disambiguation), render citations and entries (here, in forked processes
for long lists: parallel), and finish the text (finishing).
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, make
from . import patches
from .cites import CiteSyntaxError, parse_cluster
from .disambiguation import add_names, add_year_suffixes_by_citation
from .finishing import (
    CLOSING_QUOTES,
    finish_citation,
    finish_entry,
    strip_name_marks,
    substitute_names,
    to_markdown,
)
from .parallel import fork_map, set_threshold, should_split
from .patches.speed import clear_caches
from .records import as_records, prepare, source_for
from .richtext import mark
from .stack import with_room
from .styles import (
    NS,
    bibliography_option,
    citation_option,
    closing_quotes,
    has_bibliography,
    load_style,
    locale_option,
    prints_variable,
)


@dataclass
class RenderResult:
    entries: list[str] = field(default_factory=list)     # the bibliography, in style order
    citations: list[str] = field(default_factory=list)   # one per cited cluster
    keys: list[str] = field(default_factory=list)        # the (lower-cased) id of each entry
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def text(self, output: str = "text") -> str:
        """One entry a paragraph, a blank line between (citations first)."""
        if output == "html":
            body = "\n".join(f'  <div class="csl-entry">{e}</div>' for e in self.entries)
            cites = "".join(f'<p class="citation">{c}</p>\n' for c in self.citations)
            if not self.entries:
                return cites
            return cites + f'<div class="csl-bib-body">\n{body}\n</div>\n'
        return "\n\n".join(self.citations + self.entries) + "\n"


def render(records, *, style: str = "apa", locale: str = "en-US", output: str = "text",
           cite: list[str] | None = None, parallel_from: int | None = None) -> RenderResult:
    """Render the bibliography of ``records`` (Record objects or CSL dicts)
    and, for ``cite``, the citations: each element one cluster, written as
    pandoc does (``"[@key, p. 5; @key2]"``) or as comma-joined ids.  A style
    without a bibliography renders citations only (one a record when
    nothing is cited).  With ``parallel_from=N``, a bibliography of N or more
    entries is rendered by forked processes, one a core (off by default: a
    library should not fork a caller's process unasked)."""
    patches.install()
    records = as_records(records)
    result = RenderResult()
    csl = load_style(style, locale)
    items, incomplete = prepare(records)
    source = source_for(items, incomplete)
    known = {str(r.id).lower() for r in records}
    clusters = []
    for text in cite or []:
        try:
            cluster = parse_cluster(str(text))
        except CiteSyntaxError as exc:
            result.diagnostics.append(make("record-invalid", str(exc)))
            continue
        for item in [c for c in cluster if str(c["id"]).lower() not in known]:
            result.diagnostics.append(make("record-invalid",
                                           f"no record has the id {item['id']!r}",
                                           record=item["id"]))
        cluster = [c for c in cluster if str(c["id"]).lower() in known]
        if cluster:
            clusters.append(cluster)
    with_bibliography = has_bibliography(csl)
    if not cite and not with_bibliography:
        clusters = [[{"id": r.id}] for r in records]
    citations, pairs = run(csl, source, clusters, output=output,
                           register_all=not cite, parallel_from=parallel_from)
    entries, citations = finish(csl, pairs, citations, output)
    if output == "markdown":
        entries = [to_markdown(e) for e in entries]
        citations = [to_markdown(c) for c in citations]
    result.entries, result.citations = entries, citations
    result.keys = [key for key, _ in pairs]
    return result


def finish(csl, pairs, citations, output: str) -> tuple[list[str], list[str]]:
    """Entries and citations as citeproc-py gave them -> finished text.
    subsequent-author-substitute's rules other than complete-all are done
    in rendering (patches/author_substitute), on the names as printed; a
    second pass here over the finished text cut the third entry of a run
    ("— Doe, et al.")."""
    piq = locale_option(csl, "punctuation-in-quote")
    texts = [text for _, text in pairs]
    substitute = bibliography_option(csl, "subsequent-author-substitute")
    rule = bibliography_option(csl, "subsequent-author-substitute-rule") or "complete-all"
    if substitute is not None and rule == "complete-all":
        texts = substitute_names(texts, substitute)
    closing = closing_quotes(csl, CLOSING_QUOTES) if piq else CLOSING_QUOTES
    entries = [finish_entry(strip_name_marks(text), output, piq, closing) for text in texts]
    citations = [finish_citation(text, output, piq, closing) for text in citations]
    return entries, citations


def citation_item(cite: dict):
    """A CSL citation item (dict) -> citeproc-py's CitationItem."""
    from citeproc import CitationItem, Locator

    # the writer's prefix and suffix are rich text, as field values are
    extra = {k: mark(str(cite[k]), nocase=False) for k in ("prefix", "suffix") if cite.get(k)}
    if cite.get("locator") not in (None, ""):
        extra["locator"] = Locator(cite.get("label") or "page", str(cite["locator"]))
    return CitationItem(str(cite["id"]), **extra)


def run(csl, source, clusters: list[list[dict]], *, output: str = "text",
        register_all: bool = True, bibliography_ids=None,
        parallel_from: int | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    """The citations of ``clusters`` and the (key, text) bibliography
    entries, raw from citeproc-py.  The bibliography holds the cited
    records, all of the source's with ``register_all``, or those of
    ``bibliography_ids``.  (Run with room on the frame stack: see stack.)"""
    return with_room(_run, csl, source, clusters, output, register_all, bibliography_ids,
                     parallel_from)


def _run(csl, source, clusters, output, register_all, bibliography_ids,
         parallel_from) -> tuple[list[str], list[tuple[str, str]]]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter

    patches.install()
    clear_caches()  # the last render's style is let go
    chosen = formatter.html if output in ("html", "markdown") else formatter.plain
    bibliography = CitationStylesBibliography(csl, source, chosen)
    set_threshold(bibliography, parallel_from)
    citations = [Citation([citation_item(c) for c in cluster]) for cluster in clusters]
    for citation in citations:
        bibliography.register(citation)
    keys = source.keys() if register_all else []
    if bibliography_ids is not None:
        keys = [str(k).lower() for k in bibliography_ids]
    for key in keys:
        if key in source:
            bibliography.register(Citation([CitationItem(key)]))
    with_bibliography = has_bibliography(csl)
    if with_bibliography:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bibliography.sort()  # citeproc-py sorts only when asked
    layout = csl.root.find(f"{NS}citation").find(f"{NS}layout") \
        if csl.root.find(f"{NS}citation") is not None else None
    printed = None
    if layout is not None and citation_option(csl, "disambiguate-add-names") == "true":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            printed = add_names(bibliography, layout)
    if layout is not None and citation_option(csl, "disambiguate-add-year-suffix") == "true":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            add_year_suffixes_by_citation(bibliography, layout,
                                          prints_variable(csl, "original-date"), printed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        texts = [str(bibliography.cite(c, lambda item: None)) for c in citations]
        pairs = _render_entries(bibliography, bibliography_ids) if with_bibliography else []
    return texts, pairs


def _render_entries(bibliography, only=None) -> list[tuple[str, str]]:
    """(key, text) of every bibliography entry, in order.  Entries render
    independently of one another once the list is sorted and numbered."""
    items = list(bibliography.items)
    if only is not None:
        wanted = {str(k).lower() for k in only}
        items = [item for item in items if item.key in wanted]

    def render_slice(chunk):
        out = []
        for item in chunk:
            texts = bibliography.style.render_bibliography([item])
            if texts:
                out.append((str(item.key), str(texts[0])))
        return out

    return fork_map(render_slice, items) if should_split(items, bibliography) \
        else render_slice(items)
