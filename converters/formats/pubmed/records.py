"""One PubMed record as CSL: a <PubmedArticle> (a journal article: its
MedlineCitation and PubmedData) or a <PubmedBookArticle> (a book or a
chapter of one, from NCBI's Bookshelf: its BookDocument and
PubmedBookData)."""
from __future__ import annotations

from ...mapping import pubmed as M
from ...vocabulary import strip_doi_prefix
from . import attached
from . import values as V
from .values import kid, kids, text


class Reading:
    """A record on its way to CSL: the item, the line of each variable, the
    facts kept in ``custom``, and the elements read (``used``: what is not
    is kept and reported by the reader, see leftovers.py)."""

    def __init__(self) -> None:
        self.data: dict = {}
        self.where: dict[str, int] = {}
        self.pub_ids: dict[str, str] = {}
        self.id_lines: dict[str, int | None] = {}
        self.used: set = set()
        self.affiliations: list[dict] = []  # custom.affiliations (attached.py)
        self.affiliations_line: int | None = None
        self.cited: tuple[int, int, int | None] | None = None  # (with ids, without, line)

    def mark(self, *nodes) -> None:
        """The elements (and all they hold) as read."""
        for node in nodes:
            if node is not None:
                self.used.update(node.iter())

    def put(self, var: str, value, node, read=None) -> None:
        """Set ``var`` unless an earlier element has (the first one wins);
        the element (or ``read``, the parts of it the value is made of)
        counts as read unless it held another value, which is then kept
        and reported as unread."""
        if var in self.data and value not in (None, "", [], {}, self.data[var]):
            return
        self.mark(*(read if read is not None else [node]))
        if value in (None, "", [], {}) or var in self.data:
            return
        self.data[var] = value
        if node is not None and isinstance(node.sourceline, int):
            self.where[var] = node.sourceline

    def names(self, lists, container: bool = False) -> None:
        """The names of <AuthorList>s, by role; a book's own authors of a
        chapter are its container's (``container-author``)."""
        for element in lists:
            role, people = V.author_list(element)
            if container and role == "author":
                role = "container-author"
            self.mark(*_name_parts(element))
            found, read = attached.affiliations(element, role, len(self.data.get(role, [])))
            if found:
                self.mark(*read)
                attached.merged(self.affiliations, found)
                self.affiliations_line = self.affiliations_line or read[0].sourceline
            if people:
                self.data.setdefault(role, []).extend(people)
                if isinstance(element.sourceline, int):
                    self.where.setdefault(role, element.sourceline)

    def ids(self, id_list) -> None:
        """<ArticleId>s of one <ArticleIdList> (never those of the cited
        works in a <ReferenceList>, which hold lists of their own)."""
        for article_id in kids(id_list, "ArticleId"):
            kind, value = (article_id.get("IdType") or "").lower(), text(article_id)
            if not value:
                continue
            if kind in M.ARTICLE_IDS:
                value = strip_doi_prefix(value) if kind == "doi" else value
                var = M.ARTICLE_IDS[kind]
                if self.data.get(var, value) != value:  # a second DOI: kept with the ids
                    self.other_id(kind, value, article_id)
                self.put(var, value, article_id)
            else:
                self.other_id(kind or "other", value, article_id)

    def other_id(self, kind: str, value: str, node) -> None:
        """An id CSL has no variable for, kept in ``custom.pub-ids`` by its
        kind; a second of one kind as "pii-2", a third "pii-3" ..."""
        self.mark(node)
        if value in self.pub_ids.values():
            return
        key, n = kind, 1
        while key in self.pub_ids:
            n += 1
            key = f"{kind}-{n}"
        self.pub_ids[key] = value
        self.id_lines[key] = node.sourceline if isinstance(node.sourceline, int) else None

    def locations(self, parent) -> None:
        """<ELocationID>s: a DOI, or an electronic location (pii) kept with
        the other ids; one NLM marks invalid (ValidYN="N") is left out."""
        for location in kids(parent, "ELocationID"):
            kind, value = (location.get("EIdType") or "").lower(), text(location)
            if not value or location.get("ValidYN") == "N":
                self.mark(location)
                continue
            if kind == "doi":
                value = strip_doi_prefix(value)
                if self.data.get("DOI", value) != value:
                    self.other_id(kind, value, location)
                self.put("DOI", value, location)
            else:
                self.other_id(kind or "elocation", value, location)

    def common(self, holder, document, types) -> None:
        """What articles and books share: the abstract and the language (of
        ``holder``, an <Article> or a <BookDocument>), the publication types,
        and the PMID and keywords of ``document``: MeSH headings' descriptors,
        then the author keywords, as Zotero and JabRef take them."""
        summary = kid(holder, "Abstract")
        self.put("abstract", V.abstract(summary), summary, kids(summary, "AbstractText"))
        # CSL's language is one tag: the first <Language>; the others are unread
        language = kid(holder, "Language")
        code = text(language)
        self.put("language", M.LANGUAGES.get(code.lower(), code), language)
        kinds = [text(t) for t in types if text(t)]
        self.mark(*types)
        if kinds:
            self.data.setdefault("custom", {})["publication-types"] = kinds
        headings = kid(document, "MeshHeadingList")
        descriptors = [kid(h, "DescriptorName") for h in kids(headings, "MeshHeading")]
        words = [text(d) for d in descriptors]
        lists = kids(document, "KeywordList")
        for keywords in lists:
            words.extend(text(k) for k in kids(keywords, "Keyword"))
        seen = list(dict.fromkeys(w for w in words if w))
        self.put("keyword", ", ".join(seen), headings if headings is not None else
                 (lists[0] if lists else None), descriptors + lists)
        self.put("note", V.grants(kid(holder, "GrantList")), kid(holder, "GrantList"))

    def references(self, data) -> None:
        """The cited works of <ReferenceList>s, as their ids (attached.py)."""
        works, without, read = attached.cited_ids(data)
        if not read:
            return
        self.mark(*read)
        if works:
            self.data.setdefault("custom", {}).setdefault("references", []).extend(works)
        kept, left, line = self.cited or (0, 0, read[0].sourceline)
        self.cited = (kept + len(works), left + without, line)

    def finish(self) -> dict:
        if self.pub_ids:
            self.data.setdefault("custom", {})["pub-ids"] = dict(self.pub_ids)
        if self.affiliations:
            self.data.setdefault("custom", {})["affiliations"] = self.affiliations
        return self.data


def _name_parts(author_list) -> list:
    """The parts of an <AuthorList>'s names that become CSL names (an
    author NLM marks invalid is read, and left out, whole)."""
    parts = []
    for author in kids(author_list, "Author"):
        if author.get("ValidYN") == "N":
            parts.append(author)
            continue
        parts.extend(kid(author, tag) for tag in ("LastName", "ForeName", "Initials",
                                                   "Suffix", "CollectiveName"))
        parts.extend(i for i in kids(author, "Identifier")
                     if (i.get("Source") or "").upper() == "ORCID")
    return parts


def _issns(journal, info) -> tuple[str, list]:
    """Every ISSN of the journal (print, electronic) and the linking ISSN,
    each once, as CSL's ISSN holds several ("0000-0019, 0000-0027")."""
    nodes = kids(journal, "ISSN") + kids(info, "ISSNLinking")
    values = dict.fromkeys(text(n) for n in nodes if text(n))
    return ", ".join(values), nodes


def _titles(r: Reading, english, vernacular) -> None:
    """The (English) title, and the title in the original language as the
    ``original-title``; that one is the title when there is no other."""
    if english is not None:
        r.put("title", V.title(english), english)
    r.put("title" if "title" not in r.data else "original-title", V.title(vernacular),
          vernacular)


def _csl_type(types, default: str) -> str:
    for kind in types:
        found = M.PUBLICATION_TYPES.get(text(kind).lower())
        if found:
            return found
    return default


def _journal(r: Reading, journal, info) -> None:
    issue = kid(journal, "JournalIssue")
    r.put("container-title", text(kid(journal, "Title")), kid(journal, "Title"))
    # ISOAbbreviation, else MedlineTA (read too when it is the same)
    for short in (kid(journal, "ISOAbbreviation"), kid(info, "MedlineTA")):
        r.put("container-title-short", text(short), short)
    issns, nodes = _issns(journal, info)
    r.put("ISSN", issns, kid(journal, "ISSN") if kid(journal, "ISSN") is not None
          else kid(info, "ISSNLinking"), nodes)
    r.put("volume", text(kid(issue, "Volume")), kid(issue, "Volume"))
    r.put("issue", text(kid(issue, "Issue")), kid(issue, "Issue"))
    r.put("issued", V.pub_date(kid(issue, "PubDate")), kid(issue, "PubDate"))


def article(element) -> Reading | None:
    """A <PubmedArticle> read (its CSL data, the line of each variable, the
    elements read); None when it holds no <MedlineCitation>/<Article>."""
    citation = kid(element, "MedlineCitation")
    item = kid(citation, "Article")
    if item is None:
        return None
    r = Reading()
    types = kids(kid(item, "PublicationTypeList"), "PublicationType")
    r.data["type"] = _csl_type(types, "article-journal")
    r.put("PMID", text(kid(citation, "PMID")), kid(citation, "PMID"))  # before the id list's
    _titles(r, kid(item, "ArticleTitle"), kid(item, "VernacularTitle"))
    r.names(kids(item, "AuthorList"))
    _journal(r, kid(item, "Journal"), kid(citation, "MedlineJournalInfo"))
    electronic = kid(item, "ArticleDate")
    if "issued" not in r.data:  # no <PubDate> year: the electronic date
        r.put("issued", V.pub_date(electronic), electronic)
    else:  # beside the print date, as EndNote's "Epub Date" (RIS's ET) is read
        r.put("available-date", V.pub_date(electronic), electronic)
    r.put("page", V.pages(kid(item, "Pagination")), kid(item, "Pagination"))
    r.locations(item)
    r.ids(kid(kid(element, "PubmedData"), "ArticleIdList"))
    r.references(kid(element, "PubmedData"))
    r.common(item, citation, types)
    r.finish()
    return r


def _book(r: Reading, book) -> None:
    publisher = kid(book, "Publisher")
    r.put("publisher", text(kid(publisher, "PublisherName")), publisher)
    r.put("publisher-place", text(kid(publisher, "PublisherLocation")), publisher)
    r.put("issued", V.pub_date(kid(book, "PubDate")), kid(book, "PubDate"))
    r.put("issued", V.pub_date(kid(book, "BeginningDate")), kid(book, "BeginningDate"))
    for tag, var in (("Volume", "volume"), ("Edition", "edition"),
                     ("CollectionTitle", "collection-title"), ("Isbn", "ISBN"),
                     ("ReportNumber", "number"), ("Medium", "medium")):
        r.put(var, text(kid(book, tag)), kid(book, tag))


def book_article(element) -> Reading | None:
    """A <PubmedBookArticle> read (as article()): a
    chapter when it has its own <ArticleTitle>, else the book."""
    document = kid(element, "BookDocument")
    book = kid(document, "Book")
    if book is None:
        return None
    r = Reading()
    chapter = bool(text(kid(document, "ArticleTitle")))
    types = kids(document, "PublicationType") + kids(
        kid(document, "PublicationTypeList"), "PublicationType")
    r.data["type"] = "chapter" if chapter else "book"
    r.put("PMID", text(kid(document, "PMID")), kid(document, "PMID"))
    book_title = V.title(kid(book, "BookTitle"))
    if chapter:
        r.put("title", V.title(kid(document, "ArticleTitle")), kid(document, "ArticleTitle"))
        r.put("container-title", book_title, kid(book, "BookTitle"))
        r.names(kids(document, "AuthorList"))
    else:
        r.put("title", book_title, kid(book, "BookTitle"))
    _titles(r, None, kid(document, "VernacularTitle"))
    r.names(kids(book, "AuthorList"), container=chapter)
    _book(r, book)
    r.put("page", V.pages(kid(document, "Pagination")), kid(document, "Pagination"))
    label = kid(document, "LocationLabel")
    if chapter and label is not None and (label.get("Type") or "") == "chapter":
        r.put("chapter-number", text(label), label)
    r.locations(book)
    r.locations(document)
    r.ids(kid(document, "ArticleIdList"))
    r.ids(kid(kid(element, "PubmedBookData"), "ArticleIdList"))
    r.references(document)
    r.references(kid(element, "PubmedBookData"))
    r.common(document, document, types)
    r.finish()
    return r
