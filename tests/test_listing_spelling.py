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
