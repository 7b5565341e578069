"""The listing reader's line evidence, rule by rule, on the shapes real pages
show (each rule came from misses on generated training pages)."""
from __future__ import annotations

import pytest

import converters
from converters.formats.listing import evidence
from converters.names import parse_display_name

CONTEXT = evidence.page_context([])


@pytest.mark.parametrize("line", [
    "Instituto Nacional de Câncer",                 # the head noun first, as Romance languages put it
    "Ministério da Saúde",
    "TeX Development Fund committee",               # a lower-case head noun after capitalised words
    "British Standards Institution",
    "Centers for Disease Control and Prevention",   # a plural head noun joined by "for"
])
def test_organisations_are_recognised(line):
    assert evidence.is_organisation(line)


@pytest.mark.parametrize("line", [
    "Network Analysis of Things", "Mobile Service Robot Behavior", "A Centre of Attention in Art",
    "Towards a Safer Network", "Centre Manifolds for Delay Equations",
])
def test_titles_with_an_organisation_noun_are_not_organisations(line):
    assert not evidence.is_organisation(line)


@pytest.mark.parametrize("line", ["A.M Diehl", "B.Z Stanger", "Smith RJH", "Bird TD",
                                  "SungWoo Nam", "Anonymous"])
def test_names_of_these_shapes_lean_to_a_name(line):
    assert evidence.name_evidence(line, CONTEXT) > 0


def test_a_hyphenated_syllable_name_is_not_a_compound_word():
    syllables = evidence.features("Siu-fung Leung", CONTEXT)
    compound = evidence.features("Self-assembled Monolayers", CONTEXT)
    assert syllables["lower-case part"] == 0 and compound["lower-case part"] == 1


def test_camel_case_vocabulary_is_still_camel_case():
    assert evidence.features("GitHub Actions", CONTEXT)["camel case"] == 1
    assert evidence.features("SungWoo Nam", CONTEXT)["camel case"] == 0


@pytest.mark.parametrize("text,name", [
    ("Dolan CR", {"family": "Dolan", "given": "CR"}),
    ("Stephens K", {"family": "Stephens", "given": "K"}),
    ("van der Berg JM", {"family": "Berg", "given": "JM", "non-dropping-particle": "van der"}),
    ("PF Chinnery", {"family": "Chinnery", "given": "PF"}),
    ("Hao Li II", {"family": "Li", "given": "Hao", "suffix": "II"}),
    # capitals with a vowel may be a surname, not initials; a lone letter is an initial
    ("Jun LI", {"family": "LI", "given": "Jun"}),
    ("Doe I", {"family": "Doe", "given": "I"}),
    ("Smith, J", {"family": "Smith", "given": "J"}),
])
def test_names_split_right_whichever_comes_first(text, name):
    assert parse_display_name(text) == name


def test_the_same_person_written_both_ways_on_a_page_is_a_name():
    # Neither lexicon knows "Chennupati"; the page names him twice, in both
    # orders, which no title does.
    page = ("Nanowire lasers\nHannah J. Joyce\nChennupati Jagadish\nQiang Gao\n"
            "Electron microscopy of wires\nJagadish Chennupati\nH Hoe Tan\n")
    records = converters.read(page, "listing").records
    assert [r.data["title"] for r in records] == ["Nanowire lasers", "Electron microscopy of wires"]
    assert len(records[0].data["author"]) == 3


def test_an_author_speaking_opens_an_abstract_even_after_a_bare_title():
    page = ("Sparse Coding Revisited\n"
            "We revisit sparse coding and show that it still works on modern data.\n"
            "Another Paper: On Something Else\nAda Lovelace\n")
    records = converters.read(page, "listing").records
    assert records[0].data.get("abstract", "").startswith("We revisit")
    assert len(records) == 2
