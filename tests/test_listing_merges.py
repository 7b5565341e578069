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
