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


def test_a_title_between_names_keeps_its_entry():
    """Titles that look like names ("Semantic Memory", "Goldfinger Laser",
    "Mimi Burbank", a TUGboat article) between the last author of an entry
    and the first of the next: a word of each is spelled like a title's,
    so each still starts an entry."""
    entries = list(_ENTRIES[3:])  # no list here splits without the rule
    entries[1:1] = [("Semantic Memory", ["Ross Quillian", "Allan Collins"]),
                    ("Goldfinger Laser", ["Kevin Murphy", "Hans Becker"])]
    entries[5:5] = [("Mimi Burbank", ["Barbara Beeton", "Karl Berry"])]
    assert _read(_page(entries)) == [(title, len(names)) for title, names in entries]


def test_a_place_or_eponym_title_between_names_keeps_its_entry():
    """Places and eponyms are names, so the letter models spell them like
    names ("Sierra Nevada", "Rio Grande Valley", "Kitaev Chains"); between
    two initialled lists such a short title, written in full, still starts
    an entry: its style is a title's here, and "Valley", "Chains" or
    "Nevada" are a language's frequent words that are no given names."""
    entries = [
        ("Groundwater Depletion in Semi-Arid India", ["R. Kumar", "S. Rao"]),
        ("Andhra Pradesh", ["V. Reddy", "K. Naidu"]),
        ("Snowpack Decline in Western Mountains", ["J. Smith", "T. Painter"]),
        ("Sierra Nevada", ["N. Molotch", "R. Bales"]),
        ("Irrigation along the Border", ["M. Garcia", "L. Lopez"]),
        ("Rio Grande Valley", ["P. Hernandez", "D. Martinez"]),
        ("Majorana Modes in Superconducting Wires", ["A. Kitaev", "J. Alicea"]),
        ("Kitaev Chains", ["Y. Oreg", "G. Refael"]),
        ("Optical Interferometry with Single Photons", ["H. Paul", "T. Ralph"]),
    ]
    assert _read(_page(entries)) == [(title, len(names)) for title, names in entries]


def test_words_spelled_like_names():
    assert evidence.spelled_like_names("Sumanta Tewari")
    assert evidence.spelled_like_names("Raoul van Gastel")  # a particle is no evidence
    assert not evidence.spelled_like_names("Semantic Memory")
    assert not evidence.spelled_like_names("Farewell Hermann Zapf")  # a common English word first
    assert not evidence.spelled_like_names("Poelsema")  # one word: its own rule (_lone_words)
    assert not evidence.spelled_like_names("TeXMaG Volume")  # CamelCase is a brand's
    # places and eponyms are spelled like names, but "Valley", "Chains" and
    # "Nevada" are frequent words of English and no given names
    for title in ("Rio Grande Valley", "Kitaev Chains", "Sierra Nevada", "Andhra Pradesh"):
        assert not evidence.spelled_like_names(title), title
    assert evidence.spelled_like_names("Pushmeet Kohli")
    assert evidence.spelled_like_names("Pratyush Das Kanungo")  # a particle, capitalised


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


_ORGANISATION_LED = [
    ("WHO Guidelines on Hand Hygiene in Health Care",
     ["World Health Organization", "Didier Pittet", "Benedetta Allegranzi"]),
    ("Healthy People 2020: Understanding and Improving Health",
     ["Department of Health and Human Services", "Howard Koh"]),
    ("Search for New Phenomena in Dijet Events at the Large Hadron Collider",
     ["The ATLAS Collaboration", "G. Aad", "B. Abbott"]),
    ("Global Burden of Disease Study 2019",
     ["Institute for Health Metrics and Evaluation", "Christopher Murray", "Theo Vos"]),
    ("Annual Report on Cancer Statistics", ["National Cancer Institute", "Rebecca Siegel",
                                             "Ahmedin Jemal"]),
]


def test_an_organisation_heading_a_list_after_a_title_stays_its_first_author():
    """Reports are signed by an organisation and then people ("World Health
    Organization", "Didier Pittet"): after an entry's own title such a line
    is its first author, with or without an abstract below the list.  Only
    an organisation of the kind a column is about (a users' group, a
    society, a committee) is taken for the next entry's title."""
    assert _read(_page(_ORGANISATION_LED)) == [(title, len(names)) for title, names in _ORGANISATION_LED]
    abstract = ("Hand hygiene is the primary measure to reduce infections. This guideline gives "
                "recommendations for health-care workers on hand hygiene.")
    page = _page(_ORGANISATION_LED[:1]) + abstract + "\n" + _page(_ORGANISATION_LED[1:])
    records = converters.read(page, "listing").records
    assert [(r.data["title"], len(r.data.get("author", []))) for r in records] == [
        (title, len(names)) for title, names in _ORGANISATION_LED]
    assert records[0].data["abstract"] == abstract


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
    entries = list(_ENTRIES[3:])
    entries[2:2] = [("Arabic Speech Recognition with Deep Networks",
                     ["Bandar AlOtaibi", "Mohammed ElBaradei"])]
    assert _read(_page(entries)) == [(title, len(names)) for title, names in entries]


def test_a_surname_joined_to_its_prefix_is_no_brand():
    """"VanderPlas", "DosReis", "StJohn", "VanderBeek": a surname written
    joined to its prefix, first or among others in its list, is no brand
    word, and its list stays whole."""
    entries = list(_ENTRIES[3:])
    entries[0:0] = [("Python Data Science Handbook", ["Jake VanderPlas", "Brian Granger"])]
    entries[2:2] = [("Kinetics of Adsorption on Porous Carbon", ["Laura Rossi", "Tiago DosReis",
                                                                "Marco Bianchi"]),
                    ("Magnetic Resonance of Trapped Ions", ["Anna Fischer", "Tom StJohn", "Peter Hansen"]),
                    ("Dust Formation in Stellar Winds", ["Maria Gonzalez", "Lucas VanderBeek",
                                                         "James Wilson"])]
    assert _read(_page(entries)) == [(title, len(names)) for title, names in entries]
