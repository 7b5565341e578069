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
    # a bare title, then the long word: main read it as that title's author
    page = "Phyllotaxis\nRV Jean\nGenBank Overview\nMethamphetamine\nLaTeX Cookbook\nMarek Rogalski\n"
    assert _titles(page) == ["Phyllotaxis", "GenBank Overview", "Methamphetamine", "LaTeX Cookbook"]


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


def test_a_full_names_list_with_one_name_written_with_initials_stays_whole():
    """Lab pages mix styles in one list ("Jean-Pierre Serre", "MJ Park"):
    on a page that writes its names in full, capitals first are still a
    person's initials when they open the line, not an acronym's title."""
    entry = "Spin Transport in Graphene Nanoribbons\nJean-Pierre Serre\nMJ Park\nWendy McKay"
    for authors in (entry, entry.replace("Jean-Pierre Serre\nMJ Park", "MJ Park\nJean-Pierre Serre")):
        records = [r.data for r in converters.read(_FULL_NAMES_PAGE.format(entry=authors),
                                                   "listing").records]
        spin = next(r for r in records if r["title"].startswith("Spin Transport"))
        assert sorted(a.get("family") for a in spin["author"]) == ["McKay", "Park", "Serre"]
        assert "MJ Park" not in [r["title"] for r in records]


def test_capitals_then_a_lower_case_word_are_an_acronym():
    """Initials are followed by a surname or a particle ("MJ de Souza"); a
    lower-case word after capitals opens a title ("TUG at Bay", "LR parsing"),
    on any page, whatever its names look like."""
    assert evidence.features("LR parsing", CONTEXT)["acronym"]
    assert not evidence.features("MJ de Souza", CONTEXT)["acronym"]
    page = ("Numerical versus alphabetic order for cited references\nE. Garfield\n"
            "TUG at Bay\nNelson Beebe\nWendy McKay\n"
            "Optical Gaps of Layered Crystals\nTomasz J. Ochalski\nDiana L. Huffaker\n"
            "LR parsing\nAlfred Aho\n")
    assert _titles(page) == ["Numerical versus alphabetic order for cited references", "TUG at Bay",
                             "Optical Gaps of Layered Crystals", "LR parsing"]
    page = "Spin Relaxation in Germanium\nPeter Novak\nMJ de Souza\nMaria Rossi\n"
    assert _titles(page) == ["Spin Relaxation in Germanium"]


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


def test_patronymic_initials_in_an_abstract_are_no_part_number():
    """"L. V. Keldysh", "V. I. Arnold": an initial's stop before "V." or "I."
    is no series part number, and the abstract stays an abstract."""
    for abstract in ("We prove a conjecture of V. I. Arnold on the number of real roots.",
                     "Following L. V. Keldysh, the binding energy of excitons in thin films "
                     "is computed."):
        plain = abstract.replace(" V. I.", "").replace(" L. V.", "")
        assert evidence.emissions(abstract, CONTEXT)[2] == evidence.emissions(plain, CONTEXT)[2]
    page = ("Spin Relaxation in Germanium\nPeter Novak\nOptical Gaps of Layered Crystals\n"
            "Anna Schmidt\nFollowing L. V. Keldysh, the binding energy of excitons in thin films "
            "is computed.\nThermal Transport in Nanowires\nMaria Rossi\n"
            "Phonon Lifetimes in Silicon\nJan Kowalski\n")
    assert _titles(page) == ["Spin Relaxation in Germanium", "Optical Gaps of Layered Crystals",
                             "Thermal Transport in Nanowires", "Phonon Lifetimes in Silicon"]


def test_a_quoted_or_padded_aside_is_a_names():
    """A nickname in quotes ("Haiyang (‘Leo’) Liu") or a padded aside ("Jane
    Doe ( editor )") still opens with a word."""
    for name in ("Haiyang (‘Leo’) Liu", "Ana Silva (‘Aninha’)", "Jane Doe ( editor )"):
        assert evidence.name_shaped(name)
    page = ("Spin Relaxation in Germanium\nPeter Novak\nHaiyang (‘Leo’) Liu\nMaria Rossi\n"
            "Thermal Transport in Nanowires\nAnna Schmidt\n")
    assert _titles(page) == ["Spin Relaxation in Germanium", "Thermal Transport in Nanowires"]


def test_a_line_that_is_only_an_aside_does_not_raise():
    """", (Daisy)" has no name outside its aside: no name, and no crash."""
    assert not evidence.name_shaped(", (Daisy)")
    page = "Spin Relaxation in Germanium\nPeter Novak\n, (Daisy)\nThermal Transport\nMaria Rossi\n"
    assert "Spin Relaxation in Germanium" in _titles(page)


def test_a_long_mononym_spelled_like_a_name_is_an_author():
    """Long one-word names are real ("Theophrastus", "Aristophanes",
    "Koentjaraningrat"), and a CJK organisation's characters are no letters."""
    for name in ("Theophrastus", "Aristophanes", "Koentjaraningrat", "Pseudo-Dionysius",
                 "中华人民共和国国家统计局"):
        assert not evidence.features(name, CONTEXT)["long lone word"]
    page = ("Enquiry into Plants\nTheophrastus\nCharacters and Manners\nAristophanes\n"
            "Lives of the Artists\nGiorgio Vasari\n")
    assert _titles(page) == ["Enquiry into Plants", "Characters and Manners", "Lives of the Artists"]


def test_a_name_then_a_title_opening_with_the_article():
    """A review's heading, "David Salomon, The Advanced TeXbook": "The" is a
    given name somewhere, but after the comma it opens the reviewed title."""
    assert evidence.features("David Salomon, The Advanced TeXbook", CONTEXT)["name, then a title"]
    assert not evidence.features("Martin Luther King, Jr.", CONTEXT)["name, then a title"]
    # "Le", "El" open surnames as often as titles: two names joined by a comma
    for pair in ("Anh Nguyen, Le Van Hung", "Thi Hoa Tran, Le Minh Duc"):
        assert not evidence.features(pair, CONTEXT)["name, then a title"]
    page = ("Stokes Shift in Semi-Polar InGaN/GaN Multiple Quantum Wells\n"
            "David Salomon, The Advanced TeXbook\nWłodek Bzyl\nLaTeX Cookbook\nMarek Rogalski\n")
    assert _titles(page) == ["Stokes Shift in Semi-Polar InGaN/GaN Multiple Quantum Wells",
                             "David Salomon, The Advanced TeXbook", "LaTeX Cookbook"]
    # main read this one as the first entry's author ("The" a given name)
    page = page.replace("David Salomon, The Advanced TeXbook", "Peter Flynn, The HTML Handbook")
    assert _titles(page) == ["Stokes Shift in Semi-Polar InGaN/GaN Multiple Quantum Wells",
                             "Peter Flynn, The HTML Handbook", "LaTeX Cookbook"]


def test_an_organisation_after_a_persons_name_starts_the_next_entry():
    """An organisation signs a work alone, seldom after a person in one list
    (16 of the corpora's 46,597 pairs of neighbouring names): after an entry
    without an abstract, a line naming an organisation ("The Nordic
    Typography Society", "The XYZ Preview Program") is the next entry's
    title, not one more author of the entry above, whether a person's name or
    a title follows it.  Main read both as authors, merging two entries."""
    assert evidence.is_organisation("The Nordic Typography Society")
    assert evidence.is_organisation("The XYZ Preview Program")
    page = ("Kerning tables for the Cyrillic alphabet\nIrina Petrova\nOla Hansen\n"
            "The Nordic Typography Society\nKari Nordmann\n"
            "Measuring the space between letters in printed books of the sixteenth century\n"
            "Jan Novak\nThe XYZ Preview Program\n"
            "Fast hyphenation of compound words with a trie of patterns and exceptions\n"
            "Peter Lind\n")
    assert _titles(page) == [
        "Kerning tables for the Cyrillic alphabet", "The Nordic Typography Society",
        "Measuring the space between letters in printed books of the sixteenth century",
        "The XYZ Preview Program",
        "Fast hyphenation of compound words with a trie of patterns and exceptions"]
    authors = [[a.get("family") or a.get("literal") for a in r.data.get("author", [])]
               for r in converters.read(page, "listing").records]
    assert authors == [["Petrova", "Hansen"], ["Nordmann"], ["Novak"], [], ["Lind"]]


def test_an_organisation_among_people_before_an_abstract_on_the_title_stays_an_author():
    """Big collaborations do list an organisation among people (a sequencing
    program between two persons, here "Comparative Sequencing Program", which
    no team exemption covers): when the names end in an abstract that speaks
    of the title above them, the organisation is that entry's author (without
    that exception the rule above split this entry)."""
    page = ("Somatic mutations across twenty tumour types in a pan-cancer cohort\n"
            "A Smith\nB Jones\nComparative Sequencing Program\nC Brown\n"
            "We sequenced the genomes of two thousand tumours and found recurrent mutations"
            " in genes that control the repair of damaged DNA, across twenty types of cancer."
            " … (see more) The mutations were shared.\n")
    records = converters.read(page, "listing").records
    assert [r.data["title"] for r in records] == [
        "Somatic mutations across twenty tumour types in a pan-cancer cohort"]
    assert len(records[0].data["author"]) == 4


def test_organisations_signing_together_after_people_stay_authors():
    """A collaboration's list names its groups one after another ("ICGC
    Breast Cancer Group", "ICGC Prostate Cancer Group") among its people,
    with no abstract in a reference list: an organisation followed by
    another is one of those, not the title of the next entry."""
    page = ("Pan-cancer analysis of whole genomes\nA Smith\nB Jones\n"
            "Breast Cancer Working Group\nProstate Cancer Working Group\nC Brown\n"
            "Signatures of mutational processes in human cancer\nD White\nE Green\n")
    records = converters.read(page, "listing").records
    assert [r.data["title"] for r in records] == [
        "Pan-cancer analysis of whole genomes", "Signatures of mutational processes in human cancer"]
    assert len(records[0].data["author"]) == 5


def test_a_team_signs_among_its_members():
    """People who write together sign among their members ("Frank
    Mittelbach", "the LaTeX Project Team"; "D Sarkar", "R Core Team"): a
    team, network or consortium after a person is one more author, even at
    the end of a list without an abstract."""
    page = ("New rules for reporting bugs in the typesetting core\nAnna Berg\n"
            "the Typesetting Project Team\n"
            "Spontaneous kinking of nanowires during growth from a liquid droplet\nYan Li\n")
    records = converters.read(page, "listing").records
    assert [r.data["title"] for r in records] == [
        "New rules for reporting bugs in the typesetting core",
        "Spontaneous kinking of nanowires during growth from a liquid droplet"]
    assert len(records[0].data["author"]) == 2


def test_a_long_run_of_names_is_judged_once(monkeypatch):
    """A huge collaboration interleaves people and groups for thousands of
    lines: the run's bounds, and whether it ends in an abstract on the title
    above, are found once per run, not once per organisation in it (which
    was quadratic in the run's length)."""
    from converters.formats.listing import labelling
    calls = []
    judge = labelling._names_of_the_title_above
    monkeypatch.setattr(labelling, "_names_of_the_title_above",
                        lambda *args: calls.append(args) or judge(*args))
    names = ["John Smith", "World Health Organization"] * 200
    page = ["Global burden of tuberculosis in low-income countries", *names,
            "Measuring the space between letters in printed books", "Jan Novak"]
    lines = [(i, text, False) for i, text in enumerate(page)]
    context = evidence.page_context([text for _, text, _ in lines])
    emit = [evidence.emissions(text, context) for _, text, _ in lines]
    labelling._organisations_after_people(lines, emit, [0.0] * len(lines))
    assert len(calls) == 1


def test_a_study_group_ends_its_members_list():
    """Medicine's lists end in the group its people write for ("David Moher",
    "Alessandro Liberati", "PRISMA Study Group"; "… Writing Group"): a group
    that a word says works, and that ends its line, is one more author, even
    without an abstract below."""
    page = ("Preferred reporting items for systematic reviews and meta-analyses\n"
            "David Moher\nAlessandro Liberati\nPRISMA Study Group\n"
            "Measuring the space between letters in printed books\nJan Novak\n")
    records = converters.read(page, "listing").records
    assert [r.data["title"] for r in records] == [
        "Preferred reporting items for systematic reviews and meta-analyses",
        "Measuring the space between letters in printed books"]
    assert len(records[0].data["author"]) == 3
    # a users' group is what the corpora's titles name ("Dutch TeX Users
    # Group"): no word says it works, and it still heads the next entry
    page = ("Kerning tables for the Cyrillic alphabet\nIrina Petrova\n"
            "Dutch TeX Users Group\nKees van der Laan\n"
            "Measuring the space between letters in printed books\nJan Novak\n")
    assert _titles(page) == ["Kerning tables for the Cyrillic alphabet", "Dutch TeX Users Group",
                             "Measuring the space between letters in printed books"]


def test_a_team_word_inside_an_organisations_name_is_no_team():
    """A team word exempts a name only as its head noun, at the end or
    before what it is of ("R Core Team", "Consortium for Mathematics"); in
    "The Network Society" the head is "Society", and after a person that
    line is the next entry's title (the book's), as any organisation's."""
    page = ("Kerning tables for the Cyrillic alphabet\nIrina Petrova\n"
            "The Network Society\nJan van Dijk\n"
            "Measuring the space between letters in printed books\nJan Novak\n")
    assert _titles(page) == ["Kerning tables for the Cyrillic alphabet", "The Network Society",
                             "Measuring the space between letters in printed books"]
