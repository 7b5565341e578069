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
    "Sociedade Brasileira de Física",              # a society, an association, a service
    "Asociación Española de Pediatría",
    "Serviços Provinciais de Veterinária",
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


def _read(page: str) -> list[dict]:
    return [r.data for r in converters.read(page, "listing").records]


def test_anonymous_is_an_entrys_only_author():
    """"Anonymous" stands for a whole unknown list: the name-like line above
    it ("TUG Board") is the title of its entry, not one more author."""
    page = ("Semiconductor Nanowires Grown on Silicon\nJohn S. Gourlay\n"
            "TUG Board\nAnonymous\nThe state of XeTeX\nMimi Burbank\n")
    records = _read(page)
    assert [r["title"] for r in records] == [
        "Semiconductor Nanowires Grown on Silicon", "TUG Board", "The state of XeTeX"]
    assert records[1]["author"] == [{"literal": "Anonymous"}] or \
        records[1]["author"][0].get("family") == "Anonymous"


@pytest.mark.parametrize("line", [
    "The ENCODE Consortium", "UniProt Consortium", "Scripps Translational Science Institute",
    "1000 Genomes Project Consortium", "LaTeX3 team",
])
def test_an_organisations_brand_or_number_says_nothing_against_it(line):
    """Brands, acronyms and numbers in an organisation's name are neither
    evidence of a title nor initials; numbered ones are name-shaped at all."""
    assert evidence.name_shaped(line)
    f = evidence.features(line, CONTEXT)
    assert f["organisation"] == 1
    assert all(f[key] == 0 for key in ("function word first", "camel case", "initial first",
                                       "spelled like a name first", "unknown word first"))


def test_a_vancouver_name_with_one_initial_is_written_in_initials():
    assert evidence.name_style("Stephens K") == evidence.name_style("Smith RJH") == "initials"
    assert evidence.name_style("Vitamin D Deficiency") == "full"


def test_two_joined_syllables_make_a_given_name():
    assert evidence.features("JiaQi Zhang", CONTEXT)["camel case"] == 0
    assert evidence.features("InAs Nanowires", CONTEXT)["camel case"] == 1


@pytest.mark.parametrize("line,article", [
    ("A Computational Logic", True), ("A Positive Test Case", True),
    ("A Fleming Jones", False), ("A Lang", False), ("A Cisneros", False),
])
def test_a_before_an_adjective_is_the_article(line, article):
    assert evidence._article(line.split()) is article


def test_an_abstract_shares_words_with_its_title():
    """A short line ending in a full stop after an author list: the abstract
    of that entry when it speaks of its title's subject, likelier the title
    of a bare entry when it shares nothing with it."""
    from converters.formats.listing import labelling
    from converters.formats.listing.reader import page_lines

    own = ("Fitness Costs of Antibiotic Resistance in Bacteria\nJ Smith\nK Lee\n"
           "Antibiotic resistance carries fitness costs in most bacteria studied.\n"
           "Yeast origins establish a strand bias for replicational mutagenesis\nYI Pavlov\n")
    first = _read(own)
    assert len(first) == 2 and first[0]["abstract"].startswith("Antibiotic resistance")
    other = own.replace("Antibiotic resistance carries fitness costs in most bacteria studied.",
                        "Avoiding pitfalls of using species distribution models in planning.")
    shifts = []
    for page in (own, other):
        lines = page_lines(page)
        context = evidence.page_context([text for _, text, _ in lines])
        emit = [evidence.emissions(text, context) for _, text, _ in lines]
        before = emit[3]
        labelling._short_abstract_topics(lines, emit)
        shifts.append((emit[3][labelling.B] - before[labelling.B],
                       emit[3][labelling.T] - before[labelling.T]))
    (own_abstract, own_title), (other_abstract, other_title) = shifts
    assert own_abstract > 0 > own_title and other_title > 0 > other_abstract


def test_a_doubtful_name_between_a_title_and_its_abstract_is_an_author():
    """"Kar Wei Ng" reads like a title alone; the abstract below speaks of
    the title above, not of "Kar Wei Ng": one more author of that entry."""
    page = ("Wurtzite-Phased InP Micropillars Grown on Silicon with Low Surface "
            "Recombination Velocity\nKun Li\nKar Wei Ng\nHao Sun\n"
            "We grow wurtzite-phased InP micropillars on silicon and show that their surface "
            "recombination velocity is low, which makes them promising for … (see more) "
            "lasers and solar cells.\n")
    records = _read(page)
    assert len(records) == 1
    assert [a.get("family") for a in records[0]["author"]] == ["Li", "Ng", "Sun"]


# Issue 10, third stop: titles that were merged into the author list above.
@pytest.mark.parametrize("line", [
    "UNIX Site Report", "TUG Election Notice",       # capitals spelling a word, then common words
    "A TeX-REDUCE Interface",                        # "A" before a brand is the article
    "A Zero-Thermal-Quenching Phosphor",             # ... and before a compound of title words
])
def test_titles_of_these_shapes_lean_to_a_title(line):
    assert evidence.name_evidence(line, CONTEXT) < 0


@pytest.mark.parametrize("line", [
    "ADS Lopes", "AMP Carvalho",                     # Vancouver initials that spell words
    "A Lopez-Garcia Perez",                          # a compound spelled like surnames
    "JaeHyun Park",                                  # a given name's two syllables
])
def test_names_like_those_titles_still_lean_to_a_name(line):
    assert evidence.name_evidence(line, CONTEXT) > 0


def test_a_line_written_unlike_the_names_around_it_starts_the_next_entry():
    """"NDDL Reference" between full names: read as one more author, it would
    be written unlike both its neighbours, which are written alike."""
    page = "\n".join([
        "Ultrafast Growth of Gallium Nitride Nanowires on Silicon", "Thorsten Staedler",
        "Xin Jiang", "NDDL Reference", "Yoon Hwa Kim", "Paulraj Arunkumar",
        "We report a phosphor whose emission does not fall as it warms, in a lattice of "
        "rare earths."]) + "\n"
    records = converters.read(page, "listing").records
    assert [(r.data["title"], len(r.data["author"])) for r in records] == [
        ("Ultrafast Growth of Gallium Nitride Nanowires on Silicon", 2), ("NDDL Reference", 2)]


def test_two_english_words_in_camel_case_are_a_brand_not_a_given_name():
    assert evidence.features("FishBase", CONTEXT)["camel case"] == 1
    assert evidence.features("JaeHyun Park", CONTEXT)["camel case"] == 0


# Issue 10, fourth stop.
@pytest.mark.parametrize("line,sentences", [
    ("Donald E. Knuth, Literate Programming", 1),    # an initial's stop ends no sentence
    ("Response to A. G. W. Cameron", 1),
    ("J.-P. Serre. A Course in Arithmetic", 2),      # a surname's stop does
    ("We grew them. They emit light.", 2),
])
def test_an_initials_stop_ends_no_sentence(line, sentences):
    assert evidence._sentences(line) == sentences


@pytest.mark.parametrize("line", [
    "Eric van Herwijnen, Practical SGML", "Donald E. Knuth, Literate Programming",
    "Response to A. G. W. Cameron",                  # initials, but a title's "to"
])
def test_a_name_inside_a_title_leans_to_a_title(line):
    assert evidence.name_evidence(line, CONTEXT) < 0


@pytest.mark.parametrize("line", [
    "Herbert S. Bailey, Jr.", "J.-L. Rosset, editor", "Knuth, Donald E.", "Edwin V. Bell, II",
])
def test_a_names_own_comma_is_no_title(line):
    assert not evidence.features(line, CONTEXT)["name, then a title"]


def test_double_quotation_marks_are_in_no_name():
    assert not evidence.name_shaped("R package “circular”")
    assert evidence.name_shaped("Haiyang ‘Leo’ Liu")   # a nickname's single ones


def test_a_review_heading_after_an_entry_without_abstract_starts_an_entry():
    """"Eric van Herwijnen, Practical SGML" (a review of his book) after an
    author list is the next entry's title, though it opens with a name and
    ends in capitals that could be Vancouver initials."""
    page = ("Designing BibTeX Styles\nOren Patashnik\n"
            "Eric van Herwijnen, Practical SGML\nNico Poppelier\n"
            "Typesetting Concrete Mathematics\nDonald Knuth\n")
    assert [r["title"] for r in _read(page)] == [
        "Designing BibTeX Styles", "Eric van Herwijnen, Practical SGML",
        "Typesetting Concrete Mathematics"]


def test_a_given_name_initials_and_a_word_lean_to_a_name():
    assert evidence.name_evidence("Boon S. Ooi", CONTEXT) > 0


def test_a_name_written_like_the_one_two_lines_up_stays_in_the_list():
    """"Chennupati Jagadish" after "H. Hoe Tan": written unlike the name just
    above, but like the ones before it; the odd one is the line between."""
    page = ("Growth of Twin-Free Nanowires on Silicon\nKun Zheng\nQiang Gao\nH. Hoe Tan\n"
            "Chennupati Jagadish\nJin Zou\n"
            "The reactions of the oxides with liquid potassium\nMarten G. Barker\n")
    records = _read(page)
    assert [(r["title"], len(r["author"])) for r in records] == [
        ("Growth of Twin-Free Nanowires on Silicon", 5),
        ("The reactions of the oxides with liquid potassium", 1)]


def test_a_long_title_ending_in_a_stop_on_a_page_that_cuts_nothing_is_weighed_by_its_words():
    """A reference's 142-byte title that ends in a full stop, on a page with
    no cut marker, after an entry without abstract: it shares no word with
    the title above, which counts for a title and against an abstract (on a
    page that cuts at 140 bytes such a line would carry the marker)."""
    from converters.formats.listing import labelling
    from converters.formats.listing.reader import page_lines

    page = ("Phenotyping and beyond: modelling the relationships between traits\nC Granier\n"
            "D Vile\nMutation accumulation in populations of varying size: The distribution "
            "of mutational effects for fitness correlates in Caenorhabditis elegans.\n"
            "Refinement of tools for targeted gene expression in Drosophila\n")
    lines = page_lines(page)
    context = evidence.page_context([text for _, text, _ in lines])
    assert not context.marked
    emit = [evidence.emissions(text, context) for _, text, _ in lines]
    before = emit[3]
    labelling._short_abstract_topics(lines, emit, labelling.TITLE_BYTES)
    assert emit[3][labelling.T] > before[labelling.T] and emit[3][labelling.B] < before[labelling.B]
