"""PubMed affiliations kept per author, cited works reduced to their ids
(before: every <Affiliation> in one flat list, whose each was lost, and
each cited work's citation text and ids kept, which made one real record's
CSL-JSON three times its size)."""
from __future__ import annotations

import json

import converters
from converters import api
from tests.support import FIXTURES

SAMPLES = FIXTURES / "pubmed"

_ARTICLE = """<?xml version="1.0"?>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>
<Journal><Title>J</Title></Journal><ArticleTitle>T</ArticleTitle>
<AuthorList>
 <Author><LastName>One</LastName><ForeName>A</ForeName>
  <AffiliationInfo><Affiliation>Lab X</Affiliation></AffiliationInfo>
  <AffiliationInfo><Affiliation>Lab Y</Affiliation></AffiliationInfo></Author>
 <Author ValidYN="N"><LastName>Wrong</LastName>
  <AffiliationInfo><Affiliation>Lab Z</Affiliation></AffiliationInfo></Author>
 <Author><LastName>Two</LastName></Author>
 <Author><LastName>Three</LastName>
  <AffiliationInfo><Affiliation>Lab Y</Affiliation>
   <Identifier Source="ROR">https://ror.org/0</Identifier></AffiliationInfo></Author>
</AuthorList></Article></MedlineCitation>
<PubmedData><ReferenceList>
 <Reference><Citation>A. 2000.</Citation><ArticleIdList>
  <ArticleId IdType="pubmed">11</ArticleId><ArticleId IdType="pmc">PMC1</ArticleId>
  <ArticleId IdType="pii">S0</ArticleId><ArticleId IdType="pii">S1</ArticleId>
  <ArticleId IdType="doi">https://doi.org/10.1/x</ArticleId>
 </ArticleIdList></Reference>
 <Reference><Citation>B. 2001.</Citation><ArticleIdList><ArticleId>77</ArticleId>
 </ArticleIdList></Reference>
 <Reference><Citation>No id at all. 1999.</Citation></Reference>
</ReferenceList></PubmedData></PubmedArticle></PubmedArticleSet>
"""


def test_each_affiliation_once_with_the_positions_of_its_authors():
    result = converters.read(_ARTICLE, "pubmed-xml")
    data = result.records[0].data
    assert [a["family"] for a in data["author"]] == ["One", "Two", "Three"]
    # the invalid author (ValidYN="N") is no name, so no position
    assert data["custom"]["affiliations"] == [{"name": "Lab X", "author": [1]},
                                              {"name": "Lab Y", "author": [1, 3]}]
    # what an affiliation holds besides its name is still kept by its path
    assert data["custom"]["pubmed"][
        "MedlineCitation/Article/AuthorList/Author/AffiliationInfo/Identifier"
        "[Source=ROR]"] == ["https://ror.org/0"]
    said = [d for d in result.diagnostics if d.location.pointer == "/custom/affiliations"]
    assert [(d.code, d.location.line) for d in said] == [("field-unmapped", 6)]  # the first <Affiliation>


def test_cited_works_become_their_ids_said_once_with_how_many_had_none():
    result = converters.read(_ARTICLE, "pubmed-xml")
    data = result.records[0].data
    # a work with no id keeps its citation text; ids CSL does not name keep their type
    assert data["custom"]["references"] == [
        {"PMID": "11", "PMCID": "PMC1", "pii": "S0", "pii-2": "S1", "DOI": "10.1/x"},
        {"PMID": "77"},
        {"citation": "No id at all. 1999."}]
    assert "A. 2000." not in json.dumps(data)
    said = [d for d in result.diagnostics if d.location.pointer == "/custom/references"]
    assert len(said) == 1 and said[0].severity.value == "info"
    assert "3 cited works" in said[0].message and "1 without an id" in said[0].message


def test_they_survive_a_csl_json_round_trip():
    records = converters.read(_ARTICLE, "pubmed-xml").records
    text = converters.write(records, "csljson").text
    back = converters.read(text, "csljson").records[0].data
    assert back["custom"]["affiliations"] == records[0].data["custom"]["affiliations"]
    assert back["custom"]["references"] == records[0].data["custom"]["references"]


def test_a_real_record_with_49_cited_works_and_one_with_ten_authors_sharing_one_place():
    records = {r.data["PMID"]: r.data for r in
               api.read(str(SAMPLES / "biopython-pubmed7.xml"), "pubmed-xml").records}
    cited = records["29963580"]["custom"]["references"]
    assert len(cited) == 49 and all(set(ids) <= {"PMID", "DOI", "PMCID"} for ids in cited)
    records = {r.data["PMID"]: r.data for r in
               api.read(str(SAMPLES / "titipata-pubmed-29768149.xml"), "pubmed-xml").records}
    data = records["29768149"]
    places = data["custom"]["affiliations"]
    assert len(places) == 1 and places[0]["author"] == list(range(1, len(data["author"]) + 1))
    text = converters.write([converters.Record(data)], "csljson").text
    assert text.count("Firestone Institute") == 1
