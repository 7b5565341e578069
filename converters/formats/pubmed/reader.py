"""Reading PubMed XML: every <PubmedArticle> and <PubmedBookArticle> of a
document one record, in document order (records.py maps each).

A <DeleteCitation> of NLM's daily update files names records to delete
from an earlier file; it is an instruction, not a record, and is passed
over.  A file streamed in chunks (converters.scale.xml_streams) shares its
ids across them, and a chunk that does not parse is read again a record at
a time so that a break costs only its own record."""
from __future__ import annotations

from ...diagnostics import Severity, has_errors, make
from ...ids import IdAllocator, base_id
from ...mapping import pubmed as M
from ...model import Origin, ReadResult, Record
from ...scale.xml_streams import read_again, read_long
from ...xmlsafe import local, parse
from . import records
from .leftovers import unread
from .values import kid, last_line, text

READERS = {"PubmedArticle": records.article, "PubmedBookArticle": records.book_article}


def read(text_: str, source: str | None = None, **options) -> ReadResult:
    """Every record of a PubMed XML document (a <PubmedArticleSet>, a
    <PubmedBookArticleSet>, or one record alone)."""
    long = read_long(read, text_, source, frozenset(READERS), frozenset(READERS), **options)
    if long is not None:
        return long
    root, diagnostics = parse(text_, source)
    broken = read_again(read, text_, source, diagnostics, frozenset(READERS), **options)
    if broken is not None:
        return broken
    result = ReadResult(diagnostics=list(diagnostics))
    if root is None:
        return result
    ids = getattr(text_, "ids", None) or IdAllocator()
    for element in root.iter(*READERS):
        _record(element, source, ids, result)
    if not result.records and not has_errors(result.diagnostics) and \
            not getattr(text_, "part", False):
        result.diagnostics.append(make(
            "input-empty", "the document holds no <PubmedArticle> nor <PubmedBookArticle>",
            file=source))
    return result


def _record(element, source: str | None, ids, result: ReadResult) -> None:
    name = local(element.tag)
    got = READERS[name](element)
    if got is None:
        inner = "<MedlineCitation><Article>" if name == "PubmedArticle" else \
            "<BookDocument><Book>"
        pmid = text(kid(kid(element, "MedlineCitation"), "PMID")) or text(
            kid(kid(element, "BookDocument"), "PMID"))
        result.diagnostics.append(make(
            "record-invalid", f"a <{name}> without {inner} is skipped",
            file=source, line=element.sourceline, record=f"PMID {pmid}" if pmid else None))
        return
    record_id = ids.claim(base_id(got.data))
    data = {"id": record_id, **got.data}
    for key, line in got.id_lines.items():
        held = M.ARTICLE_IDS.get(key.split("-")[0])
        why = f"is another {held} than the one CSL's {held} holds" if held else "has no CSL variable"
        result.diagnostics.append(_kept(f"PubMed id {key!r} {why}", "pub-ids", key, source,
                                        line, record_id))
    result.diagnostics.extend(_attached(got, source, record_id))
    for path, (values, line) in unread(element, got.used).items():
        data.setdefault("custom", {}).setdefault("pubmed", {})[path] = values
        # a repeated element whose first one was read (a second <Language>)
        # is "another"; CSL's variable holds the first
        why = ("is given again, and its CSL variable holds the first"
               if _read_one_like(element, got.used, path) else "has no CSL variable")
        result.diagnostics.append(_kept(f"PubMed element {path} {why}", "pubmed",
                                        path, source, line, record_id))
    result.records.append(Record(data, Origin(source, element.sourceline, last_line(element),
                                              got.where)))


def _attached(got, source: str | None, record_id: str) -> list:
    """What the reader says of the affiliations and cited works it kept in
    their own form (attached.py): one finding each a record."""
    found = []
    if got.affiliations:
        found.append(_kept("PubMed affiliations have no CSL variable (CSL names hold "
                           "none)", "affiliations", "", source, got.affiliations_line,
                           record_id, "each with the positions of its names"))
    if got.cited:
        kept, without, line = got.cited
        found.append(make(
            "field-dropped", f"{kept} cited works (<ReferenceList>) reduced to their "
            f"ids in custom.references ({without} without an id kept as their citation "
            "text): each is a PubMed record of its own, found by its id, and their "
            "citation text would make the record several times its size",
            severity=Severity.INFO,
            file=source, line=line, record=record_id, pointer="/custom/references"))
    return found


def _read_one_like(record, used: set, path: str) -> bool:
    """Whether the mapping read an element at ``path`` (attributes aside)."""
    steps = [step.split("[")[0] for step in path.split("/")]
    return any(node in used for node in record.iterfind("/".join(steps)))


def _kept(what: str, where: str, key: str, source: str | None, line: int | None,
          record_id: str, how: str = ""):
    """What has no CSL variable, kept in ``custom``: said as the RIS and
    EndNote XML readers say it, by field and record."""
    pointer = key.replace("~", "~0").replace("/", "~1")
    return make("field-unmapped", f"{what}; kept in custom.{where}" + (f", {how}" if how
                                                                       else ""),
                file=source, line=line, record=record_id,
                pointer=f"/custom/{where}" + (f"/{pointer}" if key else ""))
