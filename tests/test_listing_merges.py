"""Entries the listing reader merged into the one above on generated pages
(the worst mistake), each rule on a crafted page of the shape real pages show."""
from __future__ import annotations

import converters
from converters.formats.listing import evidence

CONTEXT = evidence.page_context([])


def _titles(page: str) -> list[str]:
    return [r.data["title"] for r in converters.read(page, "listing").records]


def test_an_aside_that_opens_with_punctuation_is_no_names():
    """A name's aside opens with a word ("David Walden (moderator)", "Wei
    (Daisy) Cai", "Lin Tian (田琳)"); "SGML (, TeX and …)" is a title's."""
    assert evidence.name_shaped("Wei (Daisy) Cai")
    assert evidence.name_shaped("Lin Tian (田琳)")
    assert not evidence.name_shaped("SGML (, TeX and …)")
    page = ("Aperiodic Arrays of Active Nanopillars for Radiation Engineering\n"
            "Michael B Johnston\nSGML (, TeX and …)\nKees van der Laan\n"
            "LaTeX guide pratique\nChristian Rolland\n")
    assert _titles(page) == ["Aperiodic Arrays of Active Nanopillars for Radiation Engineering",
                             "SGML (, TeX and …)", "LaTeX guide pratique"]


def test_one_long_word_is_a_title_not_a_mononym():
    """A one-word author is short ("Homer", "Moore", "BfR"); a line of one
    word of twelve letters or more is a title ("Methamphetamine"), here a
    title whose author is an organisation, after an entry without authors."""
    assert evidence.name_evidence("Methamphetamine", CONTEXT) < -1
    assert evidence.name_evidence("JiříZlatuška", CONTEXT) > 0
    page = ("Phyllotaxis\nRV Jean\nGenBank Overview\nMethamphetamine\n"
            "National Institute on Drug Abuse\n"
            "Dbp9p, a member of the DEAD box protein family, exhibits DNA helicase activity\n"
            "T Kikuma\n")
    assert _titles(page) == ["Phyllotaxis", "GenBank Overview", "Methamphetamine",
                             "Dbp9p, a member of the DEAD box protein family, exhibits DNA "
                             "helicase activity"]


# A page of a TeX users group's publications, names written in full.
_FULL_NAMES_PAGE = """\
The Future of TeX and METAFONT
Donald Knuth
Typesetting Concrete Mathematics
Donald Knuth
Ronald Graham
Oren Patashnik
Virtual Fonts: More Fun for Grand Wizards
Donald Knuth
Nelson Beebe
Book Reviews on Digital Typography
Barbara Beeton
Karl Berry
Font Installation the Shallow Way
Karl Berry
Jim Hefferon
The LaTeX3 Programming Language
Frank Mittelbach
Chris Rowley
David Carlisle
A Typesetter's Notes on Hyphenation
Wendy McKay
Ross Moore
An Earthshaking Announcement
Donald Knuth
{entry}
Recursive functions of symbolic expressions and their computation by machine
John McCarthy
"""


def test_capitals_first_on_a_page_that_writes_names_in_full_are_an_acronym():
    """A page whose names are written in full ("Donald Knuth") writes no
    initials run together: "TUG Bylaws" after an entry without abstract is
    the next entry's title, not one more author written "Smith RJH"-wise."""
    page = _FULL_NAMES_PAGE.format(entry="TUG Bylaws")
    assert "TUG Bylaws" in _titles(page)


def test_capitals_first_beside_a_name_written_so_are_initials():
    """The same page, where the entry's other author is written with run
    together initials too ("S Roberts", "PJ Dobson"): initials."""
    page = _FULL_NAMES_PAGE.format(entry="Evidence for Reaction at the Al-SiO2 Interface\n"
                                         "S Roberts\nPJ Dobson")
    records = [r.data for r in converters.read(page, "listing").records]
    entry = next(r for r in records if r["title"].startswith("Evidence for Reaction"))
    assert [a.get("family") for a in entry["author"]] == ["Roberts", "Dobson"]


def test_a_series_part_number_marks_a_title():
    """"… in Semiconductors. III. Application …": a part number's stops end no
    sentence, and it is a title's (38 of the corpora's titles, no abstract)."""
    part = "Localization Landscape Theory of Disorder in Semiconductors. III. Application to Diodes"
    title = evidence.emissions(part, CONTEXT)[0]
    assert title == 0.0  # one sentence: no multi-sentence cost
    numbered = ("Structure of cannabidiol. VI. Isomerization of cannabidiol to "
                "tetrahydrocannabinol, a physiologically active product.")
    plain = numbered.replace(" VI.", "")
    assert evidence.emissions(numbered, CONTEXT)[2] < evidence.emissions(plain, CONTEXT)[2] - 3


def test_a_name_then_a_title_opening_with_the_article():
    """A review's heading, "David Salomon, The Advanced TeXbook": "The" is a
    given name somewhere, but after the comma it opens the reviewed title."""
    assert evidence.features("David Salomon, The Advanced TeXbook", CONTEXT)["name, then a title"]
    assert not evidence.features("Martin Luther King, Jr.", CONTEXT)["name, then a title"]
    page = ("Stokes Shift in Semi-Polar InGaN/GaN Multiple Quantum Wells\n"
            "David Salomon, The Advanced TeXbook\nWłodek Bzyl\nLaTeX Cookbook\nMarek Rogalski\n")
    assert _titles(page) == ["Stokes Shift in Semi-Polar InGaN/GaN Multiple Quantum Wells",
                             "David Salomon, The Advanced TeXbook", "LaTeX Cookbook"]
