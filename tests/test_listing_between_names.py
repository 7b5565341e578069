"""A doubtful line inside a run of names on a page whose entries mostly go
without abstracts (labelling._between_names): one more author when the names
around it are sure and its words are all spelled like names', a title when
a word of it is spelled like a title's."""
from __future__ import annotations

import converters
from converters.formats.listing import evidence

# Ten entries, none with an abstract: the page's habit makes a title after
# an author list cheap, and before this rule three lists split at a name no
# lexicon knows ("Sumanta Tewari", "Bene Poelsema", "Afzaal Qamar").
_ENTRIES = [
    ("Majorana Fermions under Uniaxial Stress in Semiconductor Nanowires",
     ["Ming Gong", "Li Mao", "Sumanta Tewari", "Chuanwei Zhang"]),
    ("Growth of Indium Phosphide Nanowires on Silicon Substrates",
     ["Harold Zandvliet", "Bene Poelsema", "Raoul van Gastel"]),
    ("Topological Superconductivity in Hybrid Devices",
     ["Hiroshi Daimon", "Afzaal Qamar", "Lars Samuelson"]),
    ("Measuring the Space between Letters in Printed Books", ["Jan Novak", "Petra Svoboda"]),
    ("Thermal Conductivity of Silicon Membranes", ["Maria Gonzalez", "Peter Hansen"]),
    ("Optical Properties of Gallium Nitride Quantum Dots", ["Robert Taylor", "Stephen Lennon"]),
    ("Strain Relaxation in Germanium Islands", ["Thomas Weber", "Anna Fischer"]),
    ("Kerning Tables for the Cyrillic Alphabet", ["Irina Petrova", "Olga Smirnova"]),
    ("Electron Transport in Carbon Nanotube Networks", ["David Brown", "James Wilson"]),
    ("Phonon Scattering at Rough Interfaces", ["Laura Rossi", "Marco Bianchi"]),
]


def _page(entries) -> str:
    return "".join(title + "\n" + "".join(name + "\n" for name in names) for title, names in entries)


def _read(page: str) -> list[tuple[str, int]]:
    return [(r.data["title"], len(r.data.get("author", [])))
            for r in converters.read(page, "listing").records]


def test_names_no_lexicon_knows_stay_in_their_list():
    assert _read(_page(_ENTRIES)) == [(title, len(names)) for title, names in _ENTRIES]


def test_a_full_name_among_initials_stays_in_its_list():
    """Lists mix "D. L. Dheeraj" and "Abdul Mazid Munshi": a name written in
    full between two initialled names, spelled like names throughout, is one
    more of them (its style costs it twice on its own)."""
    entries = [(title, [n if n == "Sumanta Tewari" else n[0] + ". " + n.split()[-1] for n in names])
               for title, names in _ENTRIES]
    assert _read(_page(entries)) == [(title, len(names)) for title, names in entries]


def test_a_title_between_names_keeps_its_entry():
    """Titles that look like names ("Semantic Memory", "Goldfinger Laser",
    "Mimi Burbank", a TUGboat article) between the last author of an entry
    and the first of the next: a word of each is spelled like a title's,
    so each still starts an entry."""
    entries = list(_ENTRIES)
    entries[4:4] = [("Semantic Memory", ["Ross Quillian", "Allan Collins"]),
                    ("Goldfinger Laser", ["Kevin Murphy", "Hans Becker"])]
    entries[8:8] = [("Mimi Burbank", ["Barbara Beeton", "Karl Berry"])]
    assert _read(_page(entries)) == [(title, len(names)) for title, names in entries]


def test_words_spelled_like_names():
    assert evidence.spelled_like_names("Sumanta Tewari")
    assert evidence.spelled_like_names("Raoul van Gastel")  # a particle is no evidence
    assert not evidence.spelled_like_names("Semantic Memory")
    assert not evidence.spelled_like_names("Farewell Hermann Zapf")  # a common English word first
    assert not evidence.spelled_like_names("Poelsema")  # one word: its own rule (_lone_words)
    assert not evidence.spelled_like_names("TeXMaG Volume")  # CamelCase is a brand's


def test_an_organisation_before_a_person_after_a_bare_title_heads_an_entry():
    """An organisation's name with a person below it, after an entry that
    has only its title, is the next entry's title ("Dutch TeX Users Group",
    "The Greek Font Society": 53 of the pool's titles with authors), seldom
    the head of that title's list (2 of its lists); a consortium is spared,
    since people sign among their members."""
    entries = list(_ENTRIES[3:])  # no list here splits without the rule above
    entries[3:3] = [("A General Abductive System with Application to Plan Recognition", []),
                    ("Dutch TeX Users Group", ["Kees van der Laan"]),
                    ("Printing Greek with Movable Type in the Nineteenth Century", []),
                    ("The Greek Font Society", ["Vassilios Tsagkalos"])]
    assert _read(_page(entries)) == [(title, len(names)) for title, names in entries]
    entries[3:8] = [("Variants of a Human Genome Reference Panel", ["The Reference Panel Consortium",
                                                                    "Anna Fischer", "Thomas Weber"])]
    assert _read(_page(entries)) == [(title, len(names)) for title, names in entries]


def test_initials_that_lost_a_stop_or_a_capital_are_initials():
    """BibTeX records give "H.-J" and "Y.-J" (the last stop left out, as
    "A.M" is) and "S.a." (later initials lower-cased, as typed): initials,
    whose names stay whole in their list."""
    context = evidence.page_context([])
    for name in ("H.-J Wünsche", "Y.-J Mii", "S.a. Ringel", "M.a. Mastro"):
        assert evidence.name_evidence(name, context) > 1, name
    entries = list(_ENTRIES[3:])
    entries[1] = ("Thermal Conductivity of Silicon Membranes", ["David Brown", "H.-J Wünsche",
                                                                "James Wilson"])
    records = converters.read(_page(entries), "listing").records
    assert [(r.data["title"], len(r.data.get("author", []))) for r in records] == [
        (title, len(names)) for title, names in entries]
    assert records[1].data["author"][1] == {"family": "Wünsche", "given": "H.-J"}


def test_a_brand_word_is_a_titles_word():
    """A CamelCase word ("TeXnika", "TeXowania") is a brand's, a word of a
    title's kind though of no language the lexicon knows, so the line has
    an ordinary word after all: a Polish book's title after a bare title is
    the next entry's, not the bare title's first author.  Initials written
    so ("PhB Ender") or an acronym ("BgVV") are not brand words."""
    entries = list(_ENTRIES[3:])
    entries[3:3] = [("Deep Level Optical Spectroscopy of Gallium Nitride Nanorods", []),
                    ("TeXnika Ładnego Druku", ["Jakub Tatarkiewicz"]),
                    ("The Race of Nanowires and a Control Strategy", []),
                    ("Sztuka TeXowania", ["Marek Lao"])]
    assert _read(_page(entries)) == [(title, len(names)) for title, names in entries]
    context = evidence.page_context([])
    assert evidence.features("TeXnika Ładnego Druku", context)["no ordinary word"] == 0.0
    assert evidence.features("PhB Ender", context)["no ordinary word"] == 1.0


def test_a_joined_arabic_or_hebrew_prefix_is_a_surname_not_a_brand():
    """"Al", "El" and "Ben" join their surnames in CamelCase as "Mc" does
    ("BenAssayag", "AlOtaibi"): a surname prefix, not a brand."""
    context = evidence.page_context([])
    assert evidence.name_evidence("Gérard BenAssayag", context) > 1
    assert evidence.features("Bandar AlOtaibi", context)["camel case"] == 0.0
    assert evidence.features("AlGaN Nanowires", context)["camel case"] == 1.0
