"""Conformance with Zotero, the reference manager most people read RIS and
EndNote XML with: Zotero's own import test cases (real exports of EndNote,
Mendeley, Web of Science, Scopus, PubMed, Citavi and publishers, with the
items Zotero reads from them) are read by bibconv, Zotero's items are turned
into CSL by Zotero's documented Zotero->CSL mapping (its schema's ``csl``
block, summarised below as facts), and the two are compared field by field.

The corpus is read by path (AGPL-3.0, never copied here); the test skips
when it is absent.  Run with ``-s`` to see the pass rate and every
difference.
"""
from __future__ import annotations

import json
import re

import pytest

import converters
from converters.mapping import ris as RIS_MAPPING
from converters.model import split_others
from converters.vocabulary import MONTHS
from tests.support import corpus

# -- Zotero -> CSL, from zotero-schema's "csl" block and its base fields ----------

CSL_TYPE = {
    "preprint": "article", "journalArticle": "article-journal",
    "magazineArticle": "article-magazine", "newspaperArticle": "article-newspaper",
    "bill": "bill", "book": "book", "podcast": "broadcast", "tvBroadcast": "broadcast",
    "radioBroadcast": "broadcast", "bookSection": "chapter", "dataset": "dataset",
    "document": "document", "dictionaryEntry": "entry-dictionary",
    "encyclopediaArticle": "entry-encyclopedia", "artwork": "graphic", "hearing": "hearing",
    "interview": "interview", "case": "legal_case", "statute": "legislation",
    "manuscript": "manuscript", "map": "map", "film": "motion_picture",
    "videoRecording": "motion_picture", "conferencePaper": "paper-conference",
    "patent": "patent", "letter": "personal_communication", "email": "personal_communication",
    "instantMessage": "personal_communication", "forumPost": "post", "blogPost": "post-weblog",
    "report": "report", "computerProgram": "software", "audioRecording": "song",
    "presentation": "speech", "standard": "standard", "thesis": "thesis", "webpage": "webpage",
}
# Zotero fields (with the type-specific fields whose base field maps) per CSL variable.
CSL_FIELDS = {
    "title": ["title", "caseName", "nameOfAct", "subject"],
    "container-title": ["publicationTitle", "reporter", "code", "bookTitle", "proceedingsTitle",
                        "encyclopediaTitle", "dictionaryTitle", "blogTitle", "forumTitle",
                        "websiteTitle", "programTitle", "sessionTitle"],
    "volume": ["volume", "codeNumber", "codeVolume", "reporterVolume"],
    "issue": ["issue", "priorityNumbers"],
    "page": ["pages", "codePages", "firstPage"],
    "DOI": ["DOI"],
    "issued": ["date", "dateDecided", "issueDate", "dateEnacted"],
}
CSL_NAMES = {"author": "author", "bookAuthor": "container-author", "chair": "chair",
             "castMember": "performer", "composer": "composer", "contributor": "contributor",
             "creator": "author", "director": "director", "editor": "editor",
             "executiveProducer": "executive-producer", "guest": "guest", "host": "host",
             "interviewer": "interviewer", "narrator": "narrator",
             "originalCreator": "original-author", "organizer": "organizer",
             "podcaster": "host", "producer": "producer", "recipient": "recipient",
             "reviewedAuthor": "reviewed-author", "seriesCreator": "series-creator",
             "seriesEditor": "collection-editor", "scriptwriter": "script-writer",
             "translator": "translator"}
PRIMARY = {"artwork": "artist", "audioRecording": "performer", "bill": "sponsor",
           "computerProgram": "programmer", "film": "director", "hearing": "contributor",
           "interview": "interviewee", "map": "cartographer", "patent": "inventor",
           "podcast": "podcaster", "presentation": "presenter", "radioBroadcast": "creator",
           "tvBroadcast": "director", "videoRecording": "creator"}

# The Zotero item types that have a field for each compared variable (the
# schema's fields with their base fields).  Where an item type has none,
# Zotero moves the value to a note or drops it while CSL keeps it: that is
# not a disagreement about the value, so the field is not compared there.
HOLDS = {
    "container": {"bill", "blogPost", "bookSection", "case", "conferencePaper",
                  "dictionaryEntry", "encyclopediaArticle", "forumPost", "journalArticle",
                  "magazineArticle", "newspaperArticle", "presentation", "radioBroadcast",
                  "statute", "tvBroadcast", "webpage"},
    "volume": {"audioRecording", "bill", "book", "bookSection", "case", "conferencePaper",
               "dictionaryEntry", "encyclopediaArticle", "journalArticle", "magazineArticle",
               "newspaperArticle", "statute", "videoRecording"},
    "issue": {"conferencePaper", "journalArticle", "magazineArticle", "newspaperArticle",
              "patent"},
    "pages": {"bill", "bookSection", "case", "conferencePaper", "dictionaryEntry",
              "encyclopediaArticle", "hearing", "journalArticle", "magazineArticle",
              "newspaperArticle", "patent", "report", "statute"},
}

ROLES_COMPARED = ("author", "editor")  # the creators a citation names

# What bibconv reads differently from Zotero, on purpose, (field, RIS type):
# why, with the reasons in converters/mapping/ris.py.  Each was weighed as a
# user of Zotero, EndNote or Mendeley would: Zotero's reading was adopted
# where no value is lost and it is at least as right (a web page's or a
# grant's only periodical title in J2 is its container; a patent's OP is its
# priority numbers, CSL "issue" in Zotero's export).
DELIBERATE = RIS_MAPPING.READ_DIFFERS_FROM_ZOTERO


def _zotero_date(text: str | None):
    """Zotero's date string -> the date-parts it stands for (its strToDate,
    roughly: ISO first, else a year with an optional month name and day)."""
    text = (text or "").strip()
    match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\b", text)
    if match:
        parts = [int(g) for g in match.groups() if g]
        return parts if parts[0] else None
    year = re.search(r"\b(\d{4})\b", text)
    if not year or not int(year.group(1)):
        return None
    parts = [int(year.group(1))]
    month = re.search(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", text, re.I)
    if month:
        parts.append(MONTHS[month.group(1).lower()])
        day = re.search(r"\b(\d{1,2})\b", text.replace(year.group(1), ""))
        if day:
            parts.append(int(day.group(1)))
    return parts


def zotero_to_csl(item: dict) -> dict:
    data = {"type": CSL_TYPE.get(item["itemType"], "document")}
    for var, fields in CSL_FIELDS.items():
        for field in fields:
            if item.get(field):
                data[var] = item[field]
                break
    for creator in item.get("creators", []):
        kind = creator.get("creatorType", "author")
        role = "author" if kind == PRIMARY.get(item["itemType"], "author") else \
            CSL_NAMES.get(kind)
        if role is None:
            continue
        if creator.get("fieldMode") == 1 or "name" in creator:
            name = {"literal": creator.get("lastName") or creator.get("name")}
        else:
            name = {"family": creator.get("lastName", ""), "given": creator.get("firstName", "")}
        data.setdefault(role, []).append(name)
    return data


def _names(names) -> list:
    people, incomplete = split_others(names or [])
    out = []
    for name in people:
        if "literal" in name:
            out.append(name["literal"])
        else:
            family = " ".join(p for p in (name.get("non-dropping-particle"),
                                          name.get("family")) if p)
            given = " ".join(p for p in (name.get("given"), name.get("dropping-particle"))
                             if p)
            # Zotero edits full stops in given names ("John S" -> "John S.",
            # "Test Jr." -> "Test Jr"); bibconv keeps names as written: compared
            # without them
            given = given.replace(".", "")
            out.append(f"{family}, {given}" if given else family)
    return out + (["et al."] if incomplete else [])


def comparable(data: dict) -> dict:
    """The nine facts the conformance is judged on, in one shape."""
    issued = data.get("issued")
    if isinstance(issued, dict):
        parts = (issued.get("date-parts") or [[]])[0]
        issued = [int(p) for p in parts] or None
    elif isinstance(issued, str):
        issued = _zotero_date(issued)
    page = data.get("page")
    return {
        "type": data.get("type"),
        # with its rich text: EndNote's <style face="bold"> is <b> to both
        "title": " ".join(str(data.get("title") or "").split()) or None,
        "creators": {role: _names(data.get(role)) for role in ROLES_COMPARED
                     if data.get(role)},
        "date": issued,
        "container": " ".join(str(data.get("container-title") or "").split()) or None,
        "volume": data.get("volume") or None,
        "issue": data.get("issue") or None,
        "pages": re.sub(r"\s*[–-]+\s*", "-", str(page)) if page else None,
        "DOI": str(data["DOI"]).lower() if data.get("DOI") else None,
    }


def _ris_types(text: str) -> list[str]:
    return [t.upper() for t in re.findall(r"^TY\s+-\s*(\S+)", text, re.M)]


def _compare(cases: list, fmt: str):
    items = agreeing = explained = 0
    differences, lost = [], []
    per_field: dict[str, int] = {}
    for number, case in enumerate(cases):
        result = converters.read(case["input"], fmt)
        expected = case["items"]
        if len(result.records) != len(expected):
            lost.append((number, len(result.records), len(expected)))
            continue
        tags = _ris_types(case["input"]) if fmt == "ris" else [""] * len(expected)
        for index, (record, item) in enumerate(zip(result.records, expected, strict=True)):
            items += 1
            ours, theirs = comparable(record.data), comparable(zotero_to_csl(item))
            wrong = [f for f in ours if ours[f] != theirs[f]
                     and item["itemType"] in HOLDS.get(f, (item["itemType"],))]
            for field in wrong:
                per_field[field] = per_field.get(field, 0) + 1
            named = [f for f in wrong if (f, tags[index]) in DELIBERATE]
            if not wrong:
                agreeing += 1
            elif len(named) == len(wrong):
                explained += 1
            for field in wrong:
                why = DELIBERATE.get((field, tags[index]), "")
                differences.append(f"  case {number} item {index} {tags[index]} {field}: "
                                   f"bibconv {ours[field]!r} / Zotero {theirs[field]!r}"
                                   + (f"  [deliberate: {why}]" if why else ""))
    return items, agreeing, explained, differences, lost, per_field


@pytest.mark.parametrize("name,fmt", [("RIS.testcases.json", "ris"),
                                      ("Endnote-XML.testcases.json", "endnote-xml")])
def test_zotero_import_cases_agree(name, fmt):
    cases = json.loads(corpus("zotero-translator-tests", name).read_text(encoding="utf-8"))
    items, agreeing, explained, differences, lost, per_field = _compare(cases, fmt)
    rate = agreeing / items if items else 0
    print(f"\n{name}: {agreeing}/{items} items agree with Zotero on type, title, creators, "
          f"date, container, volume, issue, pages and DOI ({rate:.1%}); "
          f"{explained} more differ only deliberately; fields differing: {per_field}")
    print("\n".join(differences))
    assert not lost, f"records lost or gained (case, bibconv, Zotero): {lost}"
    floor = FLOORS[fmt]
    assert rate >= floor[0] and (agreeing + explained) / items >= floor[1]


# Measured floors (raw agreement; agreement or a deliberate difference).  RIS
# falls short of 95% raw only on the named deliberate differences, all in
# EndNote's "every field of every type" export, ProCite's unpublished work
# and Citavi's generic record; taking Zotero's type in the four type
# differences would still leave 92/98 (93.9%), the other six being titles
# Zotero's item has lost.
FLOORS = {"ris": (0.89, 1.0), "endnote-xml": (1.0, 1.0)}


def _strings(value) -> set[str]:
    """Every text an item holds (fields, creators, notes, tags)."""
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return {" ".join(value.split())} if isinstance(value, str) else set()


# The deliberate differences as audited against RIS.js 2814370 (issue 17):
# (case, item, field) of each; the titles are values Zotero's item has lost.
AUDITED = {(2, 5, "container"), (2, 7, "container"), (2, 16, "container"),
           (2, 21, "container"), (2, 8, "title"), (2, 44, "title"), (2, 43, "type"),
           (2, 46, "type"), (2, 46, "creators"), (2, 46, "container"), (2, 46, "issue"),
           (4, 36, "type"), (11, 0, "type")}
LOST_BY_ZOTERO = {("container", t) for t in ("CHAP", "DICT", "ENCYC", "BLOG")} | \
    {("title", t) for t in ("CASE", "STAT")}


def test_every_deliberate_difference_is_the_audited_one_and_each_lost_title_is_lost():
    """The differences are exactly the audited ten items, and where the
    reason given is that Zotero's item lost a title, bibconv's title is
    nowhere in Zotero's item (no field, creator, note or tag holds it): to
    agree would be to lose it too."""
    cases = json.loads(corpus("zotero-translator-tests", "RIS.testcases.json")
                       .read_text(encoding="utf-8"))
    found, lost = set(), []
    for number, case in enumerate(cases):
        records = converters.read(case["input"], "ris").records
        tags = _ris_types(case["input"])
        for index, (record, item) in enumerate(zip(records, case["items"], strict=True)):
            ours, theirs = comparable(record.data), comparable(zotero_to_csl(item))
            for field in ours:
                if ours[field] == theirs[field] or \
                        item["itemType"] not in HOLDS.get(field, (item["itemType"],)):
                    continue
                found.add((number, index, field))
                if (field, tags[index]) in LOST_BY_ZOTERO:
                    lost.append(ours[field] in _strings(item))
    assert found == AUDITED
    assert len({(c, i) for c, i, _ in found}) == 10
    assert lost == [False] * 6
