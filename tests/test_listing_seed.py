"""The page the project was born from: what it must read as, exactly."""
from __future__ import annotations

import pytest

import converters
from converters.model import split_others
from tests.support import SEED


@pytest.fixture(scope="module")
def seed():
    result = converters.read(SEED)
    return result


def by_title(result, start: str) -> dict:
    matches = [r.data for r in result.records if r.data["title"].startswith(start)]
    assert len(matches) == 1, start
    return matches[0]


def test_twelve_records_and_no_errors(seed):
    assert len(seed.records) == 12
    assert [d.code for d in seed.diagnostics] == []


def test_titles_in_order(seed):
    titles = [r.data["title"] for r in seed.records]
    assert titles[0] == "Sufficient conditions for offline reactivation in recurrent neural networks"
    assert titles[8] == "Tree Cross Attention"
    assert titles[10] == "Are self-explanations from Large Language Models faithful?"
    assert titles[11].startswith("BCG immunization induces CX3CR1hi")
    assert titles[11].endswith("trained immunity.")  # a title may end with a period


def test_abstract_marker_removed_and_text_restored(seed):
    first = by_title(seed, "Sufficient conditions")
    assert "during periods of task engagement. However, the precise" in first["abstract"]
    for record in seed.records:
        assert "(see more)" not in record.data.get("abstract", "")
        assert "…" not in record.data.get("abstract", "")
    jin = by_title(seed, "The Cost of Scaling")
    assert "weight pruning – a popular technique" in jin["abstract"]
    tree = by_title(seed, "Tree Cross Attention")
    assert tree["abstract"].endswith("for each prediction, Cross Attention scans the full set of")


def test_names_split_into_given_and_family(seed):
    first = by_title(seed, "Sufficient conditions")
    assert first["author"] == [
        {"family": "Krishna", "given": "Nanda H"},
        {"family": "Bredenberg", "given": "Colin"},
        {"family": "Levenstein", "given": "Daniel"},
    ]
    curse = by_title(seed, "The Curse of Diversity")
    assert {"family": "D'Oro", "given": "Pierluca"} in curse["author"]
    tactis = by_title(seed, "TACTiS-2")
    assert {"family": "Marcotte", "given": "Étienne"} in tactis["author"]
    jin = by_title(seed, "The Cost of Scaling")
    assert {"family": "Ragan-Kelley", "given": "Jonathan"} in jin["author"]
    bcg = by_title(seed, "BCG immunization")
    assert bcg["author"][0] == {"family": "Tran", "given": "Kim A."}


def test_incomplete_author_list_keeps_the_declared_count(seed):
    molecular = by_title(seed, "Towards Foundational Models for Molecular Learning")
    people, incomplete = split_others(molecular["author"])
    assert incomplete
    assert molecular["author"][-1] == {"literal": "others"}
    assert len(people) == 29  # 19 shown, then 10 of the 15 the page promised
    assert people[18] == {"family": "Wognum", "given": "Cas"}
    assert people[19] == {"family": "Sypetkowski", "given": "Maciej"}
    assert people[-1] == {"family": "Masters", "given": "Dominic"}
    assert molecular["custom"]["author-count"] == 34


def test_entries_without_authors_or_abstract(seed):
    faithful = by_title(seed, "Are self-explanations")
    assert "author" not in faithful and "abstract" not in faithful
    wurstchen = by_title(seed, "Würstchen")
    assert len(wurstchen["author"]) == 4 and "abstract" not in wurstchen
    bcg = by_title(seed, "BCG immunization")
    assert len(bcg["author"]) == 9 and "abstract" not in bcg


def test_nothing_invented(seed):
    for record in seed.records:
        assert set(record.data) <= {"id", "type", "title", "author", "abstract", "custom"}
    complete = [r for r in seed.records if "custom" not in r.data]
    assert len(complete) == 11


def test_ids_are_readable_and_unique(seed):
    ids = [r.id for r in seed.records]
    assert ids[0] == "krishna-sufficient"
    assert ids[8] == "feng-tree"
    assert ids[9] == "pernias-wurstchen"
    assert ids[10] == "self"  # no author: the title word alone
    assert len(set(ids)) == len(ids)


def test_record_origins_point_at_lines(seed):
    first = seed.records[0]
    assert (first.origin.line, first.origin.end_line) == (3, 7)
    assert first.origin.fields == {"title": 3, "author": 4, "abstract": 7}
    last = seed.records[-1]
    assert (last.origin.line, last.origin.end_line) == (86, 95)


def test_short_abstracts_and_namelike_titles_in_a_clean_listing():
    text = ("Publications\n\nTree Cross Attention\nLeo Feng\nA short abstract of one sentence.\n\n"
            "Graph Neural Networks\n\nAnother Title Here\nAda Lovelace\n")
    records = [r.data for r in converters.read(text, "listing").records]
    assert [r["title"] for r in records] == ["Tree Cross Attention", "Graph Neural Networks",
                                             "Another Title Here"]
    assert records[0]["abstract"] == "A short abstract of one sentence."
    assert "author" not in records[1]


def test_a_short_sentence_after_a_title_is_its_abstract():
    # One sentence, capital to full stop, under the page's cut: an abstract,
    # not the title of an entry with neither authors nor abstract.
    text = ("Sparse Coding Revisited\n"
            "We revisit sparse coding and show that it still works on modern data.\n"
            "Another Paper: On Something Else\nAda Lovelace\n")
    result = converters.read(text, "listing")
    assert [r.data.get("abstract") for r in result.records] == [
        "We revisit sparse coding and show that it still works on modern data.", None]
    assert result.diagnostics == []


def test_a_genuinely_ambiguous_line_is_reported(monkeypatch):
    # A line whose words lean only slightly towards a title, between two
    # people's names, could be one more author or an entry of its own (the
    # grammar's cost of a new entry there about equals the words' lean): the
    # reader says which line it doubts, and loses nothing.
    from converters.formats.listing import evidence

    real = evidence.name_evidence
    monkeypatch.setattr(evidence, "name_evidence",
                        lambda text, context: -1.0 if text == "Principia Mathematica"
                        else real(text, context))
    text = "A Study of Things\nAda Lovelace\nPrincipia Mathematica\nCharles Babbage\n"
    result = converters.read(text, "listing")
    assert [d.code for d in result.diagnostics] == ["listing-ambiguous"]
    assert result.diagnostics[0].location.line == 3
    assert "Principia Mathematica" in result.diagnostics[0].message
    names = [a for r in result.records for a in r.data.get("author", [])]
    assert len(result.records) + len(names) == 4  # whichever reading won, nothing is lost


def test_writer_reports_what_the_listing_cannot_hold():
    records = [{"id": "a", "type": "book", "author": [{"literal": "others"}],
                "DOI": "10.1/x", "custom": {"shelf": "B4"}}]
    out = converters.write(records, "listing")
    found = sorted((d.code, d.location.pointer) for d in out.diagnostics)
    assert found == [("field-dropped", "/DOI"), ("field-dropped", "/author"),
                     ("field-dropped", "/custom/shelf"), ("field-dropped", "/type"),
                     ("title-missing", "/title")]
    assert out.text == "Publications\n\n[untitled]\n"


def test_listing_writes_plain_text_from_rich_text_records():
    records = [{"id": "x", "type": "book", "title": "Le <i>De Anima</i> et <b>nous</b>",
                "author": [{"family": "Doe", "given": "Jane"}],
                "abstract": "On <span style=\"font-variant:small-caps;\">Aristotle</span> and it."}]
    text = converters.write(records, "listing").text
    assert "<" not in text
    assert "Le De Anima et nous\n" in text and "On Aristotle and it." in text
    from converters.ids import base_id

    assert base_id({"title": "<i>De Anima</i> revisited", "author": [{"family": "Doe"}]}) \
        == "doe-de"
