"""Writing one record as an article's front matter (``jats-article``);
what the elements cannot give back exactly travels in <custom-meta>."""
from __future__ import annotations

import json
import re

from ...dates import whole_number
from ...diagnostics import make
from ...ids import IdAllocator, base_id
from ...mapping import jats as M
from ...model import WriteResult, split_others
from ...vocabulary import split_page_range
from .date_elements import SEASON_NAMES, valid_parts
from .document import CUSTOM_PREFIX, EXACT_META, document, journal_meta, xml_safe
from .elements import plain, sub, sub_rich
from .front_read import read_article
from .names import NAMES_NOTE, name_element, person_of

_ARTICLE_HOLDS = {"id", "type", "title", "author", "editor", "issued", "abstract", "DOI",
                  "PMID", "PMCID", "container-title", "volume", "issue", "page", "ISSN",
                  "publisher", "keyword", "custom"}


def _detail(details: dict, role: str, index: int, key: str):
    entries = details.get(role) or []
    entry = entries[index] if index < len(entries) else None
    return entry.get(key) if isinstance(entry, dict) else None


def _write_members(contrib, role: str, members) -> None:
    """A group author's members: a contrib-group inside its <collab>."""
    collab = contrib.find("collab")
    if not members or collab is None:
        return
    inner = sub(collab, "contrib-group")
    for member in members:
        if not isinstance(member, dict):
            continue
        member_contrib = sub(inner, "contrib", contrib_type=role)
        if member.get("ORCID"):
            sub(member_contrib, "contrib-id", member["ORCID"], contrib_id_type="orcid")
        name_element(member_contrib, {k: v for k, v in member.items() if k != "ORCID"})


def _write_contribs(meta, data: dict, exact_names: dict) -> list[str]:
    """contrib-groups of authors and editors; the roles whose list is cut
    short (Journal Publishing allows no <etal/> there)."""
    details = (data.get("custom") or {}).get("name-details") or {}
    incomplete_roles = []
    for role in ("author", "editor"):
        if not data.get(role):
            continue
        people, incomplete = split_others(data[role])
        contrib_group = sub(meta, "contrib-group")
        for index, person in enumerate(people):
            contrib = sub(contrib_group, "contrib", contrib_type=role)
            orcid = _detail(details, role, index, "ORCID")
            if orcid:
                sub(contrib, "contrib-id", orcid, contrib_id_type="orcid")
            name_element(contrib, person)
            if isinstance(person, dict) and person_of(contrib[-1]) != person:
                exact_names.setdefault(role, {})[str(index)] = person
            _write_members(contrib, role, _detail(details, role, index, "members"))
        if incomplete:
            incomplete_roles.append(role)
    return incomplete_roles


def _issued(data: dict) -> dict:
    issued = data.get("issued")
    return issued if isinstance(issued, dict) else {}


def _write_pub_date(meta, issued: dict, problems: list) -> bool:
    """A pub-date with a year (and month, day or season); False when the
    date has no year to give (pub-date-not-available is written)."""
    parts = issued.get("date-parts") or []
    year, season, problem = valid_parts(parts[0]) if parts else ([], None, None)
    if problem:
        problems.append(("issued", f"{problem}; written without it"))
    season = issued.get("season") or season
    if not year:
        sub(meta, "pub-date-not-available")
        return False
    date = sub(meta, "pub-date", publication_format="electronic", date_type="pub")
    if len(year) > 2:
        sub(date, "day", f"{year[2]:02d}")
    if len(year) > 1:
        sub(date, "month", f"{year[1]:02d}")
    elif season:
        sub(date, "season", SEASON_NAMES.get(whole_number(str(season)) or 0, str(season)))
    sub(date, "year", str(year[0]), content_type="circa" if issued.get("circa") else None)
    return True


def _write_numbers(meta, data: dict) -> None:
    """The rows of mapping.jats.FRONT_ELEMENTS; a page that is not a range
    is an elocation-id."""
    for tag, var, how in M.FRONT_ELEMENTS:
        value = str(data.get(var) or "")
        if how == "text" and value:
            sub(meta, tag, value)
        elif how == "page" and value:
            pages = split_page_range(value)
            if pages:
                sub(meta, "fpage", pages[0])
                sub(meta, "lpage", pages[1])
            else:
                sub(meta, "elocation-id", value.strip())


def _write_texts(meta, data: dict) -> None:
    if data.get("abstract"):
        abstract = sub(meta, "abstract")
        for paragraph in re.split(r"\n\s*\n", plain(data["abstract"])):
            if paragraph.strip():
                sub(abstract, "p", " ".join(paragraph.split()))
    if data.get("keyword"):
        kwd_group = sub(meta, "kwd-group")
        for keyword in str(data["keyword"]).split(","):
            if keyword.strip():
                sub(kwd_group, "kwd", keyword.strip())


def _facts(data: dict, incomplete_roles: list, exact_names: dict, exact: dict | None,
           dated: bool) -> list[tuple[str, str]]:
    """(meta-name, meta-value) for the custom-meta-group: lists cut short,
    names and variables the elements do not give back exactly, a literal
    date, and the facts CSL keeps in custom (JSON when they are not text)."""
    facts = [(f"{role}-list", "incomplete") for role in incomplete_roles]
    if exact_names:
        facts.append((NAMES_NOTE, json.dumps(exact_names, ensure_ascii=False, sort_keys=True)))
    if exact:
        facts.append((EXACT_META, json.dumps(exact, ensure_ascii=False, sort_keys=True)))
    issued = _issued(data)
    if not dated and (issued.get("literal") or issued.get("raw")):
        facts.append((f"{CUSTOM_PREFIX}issued", json.dumps(issued, ensure_ascii=False)))
    custom = data.get("custom") or {}
    if custom.get("author-count") is not None:
        facts.append(("author-count", str(custom["author-count"])))
    for key in sorted(custom):
        if key == "author-count" or (key == "name-details" and not _details_beyond_jats(
                custom[key])):
            continue
        facts.append((f"{CUSTOM_PREFIX}{key}", json.dumps(custom[key], ensure_ascii=False,
                                                          sort_keys=True)))
    return facts


def _article_front(front, data: dict, problems: list | None = None,
                   exact: dict | None = None) -> None:
    problems = [] if problems is None else problems
    journal_meta(front, data)
    meta = sub(front, "article-meta")
    for var, kind in M.WRITE_PUB_IDS.items():
        if data.get(var):
            sub(meta, "article-id", str(data[var]), pub_id_type=kind)
    group = sub(meta, "title-group")
    sub_rich(group, "article-title", data.get("title") or "")
    exact_names: dict = {}
    incomplete_roles = _write_contribs(meta, data, exact_names)
    dated = _write_pub_date(meta, _issued(data), problems)
    _write_numbers(meta, data)
    _write_texts(meta, data)
    facts = _facts(data, incomplete_roles, exact_names, exact, dated)
    if facts:
        group = sub(meta, "custom-meta-group")
        for meta_name, meta_value in facts:
            custom_meta = sub(group, "custom-meta")
            sub(custom_meta, "meta-name", meta_name)
            sub(custom_meta, "meta-value").text = meta_value


def _details_beyond_jats(details) -> bool:
    """True when name-details hold more than ORCIDs and group members,
    which have JATS elements of their own."""
    if not isinstance(details, dict):
        return True
    for role, entries in details.items():
        if role not in ("author", "editor") or not isinstance(entries, list):
            return True
        for entry in entries:
            if entry is not None and (not isinstance(entry, dict) or set(entry) - {
                    "ORCID", "members"}):
                return True
    return False


def write_article(records, **options) -> WriteResult:
    """One JATS article (front matter only) per record; ``files`` maps each
    record's id to its document, ``text`` holds the first."""
    files: dict[str, str] = {}
    result = WriteResult(files=files)
    ids = IdAllocator()
    for record in records:
        data = record.data
        for var in sorted(k for k in data if k not in _ARTICLE_HOLDS):
            result.diagnostics.append(make(
                "field-dropped", f"article front matter has no place for {var!r}",
                file=record.origin.file, line=record.origin.line_of(var), record=record.id,
                pointer=f"/{var}"))
        data = xml_safe(record, result.diagnostics, "XML")
        problems: list = []
        name = ids.claim(re.sub(r"[^\w.-]", "-", record.id or base_id(data)))
        text = document(lambda front, d=data, p=problems: _article_front(front, d, p))
        # Read it back: what the elements do not give back as it was (a
        # type JATS has no article-type for, markup in an abstract, a year
        # range) is carried exactly in custom-meta.
        read_back = read_article(text).records
        back = read_back[0].data if read_back else {}
        exact = {k: data[k] for k in sorted(_ARTICLE_HOLDS - {"id", "custom"})
                 if k in data and back.get(k) != data[k]}
        if exact:
            problems = []
            text = document(lambda front, d=data, p=problems, e=exact: _article_front(
                front, d, p, e))
        files[name] = text
        for var, why in problems:
            result.diagnostics.append(make(
                "field-dropped", f"{var!r}: {why}", file=record.origin.file,
                line=record.origin.line_of(var), record=record.id, pointer=f"/{var}"))
    if files:
        result.text = next(iter(files.values()))
    return result
