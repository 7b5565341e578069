"""How the words of a line are spelled, by the letter models of names and of
titles (``namegrams``), where no lexicon vouches for them: a person's line is
names from end to end, while a title holds at least one word spelled like a
language's ("Attractors", "Biometry")."""
from __future__ import annotations

import pytest

import converters
from converters.formats.listing import evidence

CONTEXT = evidence.page_context([])

# Entries without abstracts make ending an author list cheap on this page,
# so a doubtful name inside a list could start an entry there, and a
# doubtful title after a list could join it.
PAGE = """Publications
Strain Relaxation in Core-Shell Nanowires
Daniel Weber
Markus Hoffmann
Seoyeon Ahn
Jonathan Becker
Max Fischer
Growth of Gallium Nitride Columns on Silicon
Thomas Keller
Stefan Braun
Optical Modes of Hexagonal Microcavities
Andreas Richter
Martin Vogel
Lorenz Attractors
Colin Sparrow
Phonon Scattering at Twin Boundaries
Paul Wagner
We measure the thermal conductivity of twinned wires and find it halved.
"""


def _entries(page: str) -> list[tuple[str, list[str]]]:
    return [(r.data.get("title"), [a.get("family") or a.get("literal") for a in r.data.get("author", [])])
            for r in converters.read(page, "listing").records]


def test_a_name_spelled_like_names_stays_in_its_list():
    # "Seoyeon" and "Ahn": neither lexicon knows them well; both are spelled
    # like names, so the list is not split there.
    assert _entries(PAGE)[0] == ("Strain Relaxation in Core-Shell Nanowires",
                                 ["Weber", "Hoffmann", "Ahn", "Becker", "Fischer"])


def test_a_title_with_a_word_spelled_like_a_titles_starts_an_entry():
    # "Lorenz" is a name, "Attractors" is spelled like a title's word: the
    # line after an entry without an abstract starts an entry, not one more
    # author of the entry above (which would merge the two).
    entries = _entries(PAGE)
    assert ("Optical Modes of Hexagonal Microcavities", ["Richter", "Vogel"]) in entries
    assert ("Lorenz Attractors", ["Sparrow"]) in entries


@pytest.mark.parametrize("line", ["Seoyeon Ahn", "Slawa Kowalczyk", "Pratyusha Kanungo"])
def test_names_spelled_like_names_lean_to_a_name(line):
    assert evidence.features(line, CONTEXT)["least name-like word"] > 0


@pytest.mark.parametrize("line", ["Lorenz Attractors", "Galois Cohomology", "Phyllotaxis",
                                  "Nat Methods"])
def test_a_word_spelled_like_a_titles_leans_to_a_title(line):
    assert evidence.features(line, CONTEXT)["least name-like word"] < -0.5


def test_a_common_english_first_word_counts_only_against_a_name():
    # "Farewell" is spelled like a name, and is none.
    assert evidence.features("Farewell Hermann Zapf", CONTEXT)["least name-like word"] <= 0


def test_a_title_in_title_case_is_no_abstract():
    # Two sentences ending in a full stop after an author list read like an
    # abstract, but prose is not written with every longer word capitalised.
    page = ("Sparse Coding of Natural Images\nAda Lovelace\nMary Somerville\n"
            "Replication of Phage Genomes with Purified Enzymes. Conversion of Viral Strands "
            "to Supercoiled Duplexes.\nCharles Babbage\n"
            "Analytical Engines and Their Programs\nAugustus De Morgan\n")
    entries = _entries(page)
    assert entries[0] == ("Sparse Coding of Natural Images", ["Lovelace", "Somerville"])
    assert entries[1][0].startswith("Replication of Phage") and entries[1][1] == ["Babbage"]
    assert len(entries) == 3


@pytest.mark.parametrize("text,title_case", [
    ("Replication of Phage Genomes with Purified Enzymes. Conversion of Viral Strands.", True),
    ("We measure the thermal conductivity of twinned wires and find it halved. It is low.", False),
    ("Nanowire Lasers", False),  # too few words to tell
])
def test_title_case_is_most_longer_words_capitalised(text, title_case):
    assert evidence._title_case(text) is title_case


def test_a_letter_the_catalogue_could_not_encode_leaves_a_name_a_name():
    # "Fr??d??ric": an accented letter written as "?" inside a word; a
    # title's question mark ends its word ("Who Needs Nanowires?").
    assert evidence.name_shaped("Fr??d??ric Morand")
    assert evidence.name_shaped("Tomas Kov?cs")
    assert not evidence.name_shaped("Who Needs Nanowires?")
    page = ("Doping of Gallium Nitride Nanowires\nMartin Weber\nFr??d??ric Morand\nJulia Scholz\n"
            "Who Needs Nanowires?\nPaul Wagner\n")
    assert _entries(page)[0] == ("Doping of Gallium Nitride Nanowires", ["Weber", "Morand", "Scholz"])
    assert _entries(page)[1] == ("Who Needs Nanowires?", ["Wagner"])


@pytest.mark.parametrize("line", ["RB Sessions", "PL Bounds", "A. Young", "Fields TK"])
def test_a_surname_after_initials_may_be_spelled_like_any_word(line):
    # Initials, then one word: a surname's place, whatever its spelling.
    assert evidence.features(line, CONTEXT)["least name-like word"] == 0


@pytest.mark.parametrize("line", ["NDDL Reference", "Image J"])
def test_an_acronym_or_trailing_capital_is_no_initial_before_a_surname(line):
    assert evidence.features(line, CONTEXT)["least name-like word"] < -0.5


def test_a_vancouver_list_keeps_a_surname_that_is_a_word():
    page = ("Nutrient cycling in the Sargasso Sea\nKL Vergin\nTK Fields\nJC Cho\n"
            "Bacterioplankton of the oligotrophic ocean\nSJ Giovannoni\n")
    assert _entries(page)[0] == ("Nutrient cycling in the Sargasso Sea", ["Vergin", "Fields", "Cho"])


@pytest.mark.parametrize("title", ["Lena image tools", "Carla BibTeX"])
def test_a_given_name_before_a_titles_lower_case_or_camel_case_words_is_a_title(title):
    # A given name first, then words a name never holds: lower-case words
    # that are no particle, or a program's CamelCase.  Their spelling counts
    # with the line's other words, so the given name alone no longer makes
    # the line one more author of the entry above (a merge).
    page = ("Optical Modes of Hexagonal Microcavities\nAndreas Richter\nMartin Vogel\n"
            f"{title}\nColin Sparrow\n"
            "Phonon Scattering at Twin Boundaries\nPaul Wagner\n"
            "We measure the thermal conductivity of twinned wires and find it halved.\n")
    assert _entries(page)[:2] == [("Optical Modes of Hexagonal Microcavities", ["Richter", "Vogel"]),
                                  (title, ["Sparrow"])]


def test_a_particle_is_no_title_word():
    assert evidence.features("Jorge da Silva", CONTEXT)["least name-like word"] > 0


@pytest.mark.parametrize("line, organisation", [
    ("Sociedad Mexicana de Física", True),
    ("Associação Brasileira de Normas Técnicas", True),
    ("Ministério da Saúde", True),
    ("Sociedad del conocimiento", False),
    ("Sociedade da informação", False),
    ("Società e storia", False),
    ("Servicios de salud mental", False),
])
def test_an_opener_heads_an_organisation_only_before_a_capitalised_name(line, organisation):
    # a title that opens with the same noun goes on in lower case
    assert evidence._is_organisation(line.split()) is organisation


@pytest.mark.parametrize("line, title_case", [
    ("Growth of Gallium Nitride Columns on Silicon Substrates", True),
    # a page in capitals says nothing of how its lines are cased
    ("WE REPORT NANOWIRES GROWN ON SILICON SUBSTRATES BY MOLECULAR BEAM EPITAXY.", False),
    # German prose capitalises its nouns: a sentence needs more than that
    ("Die Nanodrähte zeigen hohe Lumineszenz, Dotierung, Wachstum und Stabilität bei Raumtemperatur.",
     False),
    ("Die Nanodrähte zeigen hohe Lumineszenz, Dotierung, Wachstum und Stabilität bei Raumtemperatur",
     True),
])
def test_title_case_is_read_from_mixed_case_words_and_not_from_german_prose(line, title_case):
    assert evidence._title_case(line) is title_case
