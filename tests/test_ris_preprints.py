"""A preprint's server through RIS (issue 17, the UNPB regression).

A CSL ``article`` (preprint, working paper) is written as RIS UNPB, whose T2
EndNote labels "Series Title" and bibconv reads as collection-title; its
container-title ("arXiv", "bioRxiv", "SSRN Electronic Journal") goes in JF,
the RIS specification's periodical name, read as the container in every type
by bibconv and as the publication title by Zotero.  A preprint typed as a
report (manubot's arXiv records) keeps it the same way.  Nothing else is
lost: the series stays in T2, the server as publisher stays in PB."""
from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

import converters
from tests.support import corpus
from tests.test_roundtrip_properties import SETTINGS

# no "<": RIS text is plain, and markup is another matter (the report)
_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x2FF,
                              blacklist_categories=("Cs", "Cc"), blacklist_characters="<>"),
                min_size=1, max_size=30).map(lambda s: " ".join(s.split())).filter(bool)


@SETTINGS
@given(csl_type=st.sampled_from(["article", "report"]), container=_text,
       series=st.one_of(st.none(), _text), publisher=st.one_of(st.none(), _text),
       title=_text)
def test_a_preprints_container_comes_back_with_its_type_and_series(
        csl_type, container, series, publisher, title):
    item = {"id": "p", "type": csl_type, "title": title, "container-title": container}
    if series:
        item["collection-title"] = series
    if publisher:
        item["publisher"] = publisher
    written = converters.write([converters.Record(item)], "ris")
    assert not written.diagnostics, [d.message for d in written.diagnostics]
    back = converters.read(written.text, "ris").records[0].data
    for var in ("type", "title", "container-title", "collection-title", "publisher"):
        assert back.get(var) == item.get(var), var


def test_the_unpublished_work_writes_the_server_in_jf_and_the_series_in_t2():
    item = {"id": "w", "type": "article", "title": "A working paper",
            "container-title": "SSRN Electronic Journal", "collection-title": "NBER Working Papers",
            "number": "w12345", "publisher": "National Bureau of Economic Research"}
    lines = converters.write([converters.Record(item)], "ris").text.splitlines()
    assert lines[0] == "TY  - UNPB"
    assert "JF  - SSRN Electronic Journal" in lines and "T2  - NBER Working Papers" in lines
    assert "PB  - National Bureau of Economic Research" in lines and "M1  - w12345" in lines


def test_a_book_still_reports_its_container():
    """A whole work other than a report has no place for a container: reported."""
    item = {"id": "b", "type": "book", "title": "B", "container-title": "C"}
    written = converters.write([converters.Record(item)], "ris")
    assert "JF  -" not in written.text
    assert [(d.code, d.location.pointer) for d in written.diagnostics] == \
        [("field-dropped", "/container-title")]


def _arxiv_record() -> dict:
    """manubot's CSL of a real arXiv preprint (arXiv:1707.02264v3), as
    manubot wrote it from arXiv's API."""
    path = corpus("csl-json", "manubot", "csl-json", "arxiv-joss-csl", "raw.json")
    return json.loads(path.read_text(encoding="utf-8"))[0]


def _round_trip(item: dict) -> tuple[dict, dict, list]:
    record = converters.read(json.dumps([item]), "csljson").records[0]
    written = converters.write([record], "ris")
    return record.data, converters.read(written.text, "ris").records[0].data, \
        [d.location.pointer for d in written.diagnostics]


def test_a_real_arxiv_preprint_keeps_its_server_as_a_report_and_as_an_article():
    item = _arxiv_record()
    assert (item["type"], item["container-title"]) == ("report", "arXiv")
    # as manubot typed it, and as Crossref and Zotero type a preprint (CSL article)
    for csl_type in ("report", "article"):
        before, after, dropped = _round_trip(dict(item, type=csl_type))
        assert "/container-title" not in dropped
        for var in ("type", "title", "container-title", "publisher", "number", "DOI", "URL",
                    "author"):
            assert after.get(var) == before.get(var), (csl_type, var)
        # arXiv's API gives the date as strings ("07"): the same day
        assert after["issued"]["date-parts"] == \
            [[int(p) for p in parts] for parts in before["issued"]["date-parts"]]
