"""Disambiguation, year suffixes and subsequent-author-substitute as
citeproc-js does them, each on a small style.  The expected texts are what
citeproc-js 2.4 (npm "citeproc") printed for the same style and items when
the rule was written; no peer is needed here."""
from __future__ import annotations

from tests.support import rule_entries as _entries

_YEAR = '<date variable="issued" prefix=" "><date-part name="year"/></date>'


def _book(key, title, year, **more):
    return {"id": key, "type": "book", "title": title, "issued": {"date-parts": [[year]]}, **more}


_SMITH = [{"family": "Smith", "given": "J"}]


def test_a_note_cite_without_the_year_letters_every_work_of_one_author(tmp_path):
    # the subsequent cite "Smith" (no date, no title unless disambiguate is
    # true) is what citeproc-js compares: every work of Smith and every
    # anonymous one gets a suffix, whatever its year; year suffixes come
    # before disambiguate="true", and end the search
    body = ('<citation disambiguate-add-year-suffix="true"><layout><choose>'
            '<if position="subsequent"><names variable="author"/><choose><if disambiguate="true">'
            '<text variable="title" prefix=". "/></if></choose></if>'
            f'<else><names variable="author"/><text variable="title" prefix=". "/>{_YEAR}</else>'
            '</choose></layout></citation>'
            '<bibliography><sort><key variable="author"/><key variable="issued"/></sort><layout>'
            '<names variable="author"><substitute><text value="Anon"/></substitute></names>'
            f'{_YEAR}<text variable="title" prefix=". "/></layout></bibliography>')
    items = [_book("a", "Alpha", 2001, author=_SMITH), _book("b", "Beta", 2005, author=_SMITH),
             _book("c", "Gamma", 2003), _book("d", "Delta", 2009)]
    assert _entries(tmp_path, body, items, kind="note") == [
        "J Smith 2001a. Alpha", "J Smith 2005b. Beta", "Anon 2003a. Gamma", "Anon 2009b. Delta"]


def test_cites_that_print_nothing_are_alike(tmp_path):
    body = ('<citation disambiguate-add-year-suffix="true"><layout><names variable="author"/>'
            '</layout></citation><bibliography><sort><key variable="title"/></sort><layout>'
            '<names variable="author" suffix=" "/><date variable="issued"><date-part name="year"/>'
            '</date><text variable="title" prefix=". "/></layout></bibliography>')
    items = [_book("a", "A1", 2001), _book("b", "A2", 2002),
             _book("c", "A3", 2002, author=[{"family": "X", "given": "Y"}])]
    assert _entries(tmp_path, body, items) == ["2001a. A1", "2002b. A2", "Y X 2002. A3"]


def test_an_anonymous_substitute_under_one_year_gets_suffixes(tmp_path):
    # two works without names print "Anonymous 2003" alike, whatever their titles
    names = ('<names variable="author"><substitute><text term="anonymous" '
             'text-case="capitalize-first"/></substitute></names>')
    body = (f'<citation disambiguate-add-year-suffix="true"><layout>{names}{_YEAR}'
            '</layout></citation><bibliography><sort><key variable="title"/></sort><layout>'
            f'{names}{_YEAR}<text variable="title" prefix=". "/></layout></bibliography>')
    items = [_book("a", "Alpha", 2003), _book("b", "Beta", 2003), _book("c", "Gamma", 2004)]
    assert _entries(tmp_path, body, items) == [
        "Anonymous 2003a. Alpha", "Anonymous 2003b. Beta", "Anonymous 2004. Gamma"]


def test_a_substituted_term_is_not_replaced_by_the_author_substitute(tmp_path):
    # a term or a fixed text standing for names is neither replaced nor
    # compared; a variable in its place (the publisher) is
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography subsequent-author-substitute="---"><sort><key variable="title"/></sort>'
            '<layout><names variable="author"><substitute><names variable="editor"/><choose>'
            '<if type="book"><text term="anonymous" text-case="capitalize-first"/></if>'
            '<else-if type="report"><text value="Anon"/></else-if>'
            '<else><text variable="publisher"/></else></choose></substitute></names>'
            '<text variable="title" prefix=". "/></layout></bibliography>')
    smith = {"editor": _SMITH}
    items = [{"id": "a", "type": "book", "title": "A1"}, {"id": "b", "type": "book", "title": "A2"},
             {"id": "c", "type": "report", "title": "B1"}, {"id": "d", "type": "report", "title": "B2"},
             {"id": "e", "type": "chapter", "title": "C1", "publisher": "Pub"},
             {"id": "f", "type": "chapter", "title": "C2", "publisher": "Pub"},
             {"id": "g", "type": "book", "title": "D1", **smith},
             {"id": "h", "type": "book", "title": "D2"},
             {"id": "i", "type": "book", "title": "D3", **smith}]
    # "i" follows the anonymous "h": the names it is compared with are g's
    assert _entries(tmp_path, body, items) == [
        "Anonymous. A1", "Anonymous. A2", "Anon. B1", "Anon. B2", "Pub. C1", "---. C2",
        "J Smith. D1", "Anonymous. D2", "---. D3"]


def _citations(tmp_path, body, items, kind="in-text"):
    """The citations (each item cited alone) a crafted style prints."""
    from converters.render import render
    from tests.support import _RULE_STYLE

    path = tmp_path / "cites.csl"
    path.write_text(_RULE_STYLE.format(kind=kind, attrs="", body=body), encoding="utf-8")
    return render(items, style=str(path)).citations


_SHORT = '<name form="short" initialize-with="." name-as-sort-order="first"/>'


def test_bibliography_names_take_the_levels_of_the_cited_names(tmp_path):
    # all-names: the names registry of the cites gives every name the
    # bibliography prints its level, in the short form (each part in its
    # own formatting) and in the long one ("DM Bates": two Bates of initial D)
    body = ('<citation disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names">'
            f'<layout><names variable="author">{_SHORT}</names></layout></citation>'
            '<bibliography><sort><key variable="title"/></sort><layout>'
            '<names variable="author" suffix=" | "><name form="short" initialize-with="." '
            'name-as-sort-order="first"><name-part name="family" text-case="uppercase"/></name>'
            '</names><names variable="author"><name initialize-with="."/></names>'
            '<text variable="title" prefix=". "/></layout></bibliography>')
    items = [{"id": "a", "type": "book", "title": "A1", "author": [{"family": "Bates", "given": "D"}]},
             {"id": "b", "type": "book", "title": "A2", "author": [{"family": "Bates", "given": "DM"}]},
             {"id": "c", "type": "book", "title": "A3", "author": [
                 {"family": "Anderson", "given": "KR"}, {"family": "Li", "given": "J"}]},
             {"id": "d", "type": "book", "title": "A4", "author": [{"family": "Anderson", "given": "MJ"}]}]
    assert _entries(tmp_path, body, items) == [
        "BATES, D | D Bates. A1", "BATES, DM | DM Bates. A2",
        "ANDERSON, K., LI | K. Anderson, J. Li. A3", "ANDERSON, M. | M. Anderson. A4"]


def test_names_et_al_stands_for_are_registered_too(tmp_path):
    body = ('<citation et-al-min="3" et-al-use-first="1" disambiguate-add-givenname="true" '
            'givenname-disambiguation-rule="all-names"><layout><names variable="author">'
            '<name form="short" initialize-with=". "/></names></layout></citation>')
    items = [{"id": "a", "type": "book", "author": [
                 {"family": "Smith", "given": "John"}, {"family": "Doe", "given": "Alan"},
                 {"family": "Roe", "given": "Carl"}]},
             {"id": "b", "type": "book", "author": [{"family": "Doe", "given": "Bob"}]},
             {"id": "c", "type": "book", "author": [
                 {"family": "Roe", "given": "Dan"}, {"family": "Moe", "given": "Dan"}]}]
    assert _citations(tmp_path, body, items) == ["Smith et al.", "B. Doe", "D. Roe, Moe"]


def test_with_initials_a_family_of_two_sets_of_initials_shows_them(tmp_path):
    # "Y" and "YA" share the initial Y, but an F of the same family name
    # makes every Zhang show initials (and never more)
    body = ('<citation disambiguate-add-givenname="true" '
            'givenname-disambiguation-rule="all-names-with-initials"><layout>'
            '<names variable="author"><name form="short" initialize-with=". "/></names>'
            '</layout></citation>')
    items = [{"id": k, "type": "book", "author": [{"family": f, "given": g}]}
             for k, f, g in (("a", "Zhang", "Y"), ("b", "Zhang", "YA"), ("c", "Zhang", "F"),
                             ("d", "Kim", "J"), ("e", "Kim", "JL"))]
    assert _citations(tmp_path, body, items) == ["Y. Zhang", "Y. Zhang", "F. Zhang", "Kim", "Kim"]


def test_a_note_style_compares_its_subsequent_cites(tmp_path):
    # the first cites differ by title, the subsequent ones ("Peaucelle et
    # al. op. cit.") do not: a second name is added, in every position
    body = ('<citation et-al-min="3" et-al-use-first="1" disambiguate-add-names="true"><layout>'
            '<choose><if position="subsequent"><names variable="author"><name form="short"/>'
            '</names><text value="op. cit." prefix=" "/></if><else><names variable="author">'
            '<name initialize-with=". "/></names><text variable="title" prefix=", "/></else>'
            '</choose></layout></citation>')
    people = [{"family": "Peaucelle", "given": "Alexis"}, {"family": "Roe", "given": "Carl"}]
    items = [{"id": "a", "type": "book", "title": "First", "author": people + [
                 {"family": "Braybrook", "given": "Siobhan"}, {"family": "Doe", "given": "Alan"}]},
             {"id": "b", "type": "book", "title": "Second", "author": people + [
                 {"family": "Louvet", "given": "Rene"}, {"family": "Moe", "given": "Dan"}]}]
    assert _citations(tmp_path, body, items, kind="note") == [
        "A. Peaucelle, C. Roe, S. Braybrook, et al., First",
        "A. Peaucelle, C. Roe, R. Louvet, et al., Second"]


_YEAR_SUFFIX_STYLE = (
    '<citation disambiguate-add-year-suffix="true"><layout><names variable="author"/>{cite}'
    '</layout></citation><bibliography><sort><key variable="title"/></sort><layout>'
    '<names variable="author"/><date variable="issued" prefix=" "><date-part name="year"/></date>'
    '<text variable="title" prefix=". "/></layout></bibliography>')


def test_only_cites_printed_alike_get_suffixes(tmp_path):
    # same names and year, but the cites print the volume: no suffix
    cite = _YEAR + '<text variable="volume" prefix=", vol. "/>'
    body = _YEAR_SUFFIX_STYLE.format(cite=cite)
    items = [_book("a", "A1", 1986, author=_SMITH, volume="B"),
             _book("b", "A2", 1986, author=_SMITH, volume="C"),
             _book("c", "A3", 1986, author=_SMITH), _book("d", "A4", 1986, author=_SMITH)]
    assert _entries(tmp_path, body, items) == [
        "J Smith 1986. A1", "J Smith 1986. A2", "J Smith 1986a. A3", "J Smith 1986b. A4"]


def test_a_page_first_sort_key_reads_the_page(tmp_path):
    # "20" of "20-30" before "100" of "100-110"; a work without pages last
    body = ('<citation><layout><text variable="title"/></layout></citation><bibliography>'
            '<sort><key variable="page-first"/><key variable="title"/></sort>'
            '<layout><text variable="title"/></layout></bibliography>')
    items = [{"id": "a", "type": "book", "title": "Alpha"},
             {"id": "b", "type": "chapter", "title": "Beta", "page": "100-110"},
             {"id": "c", "type": "chapter", "title": "Gamma", "page": "20–30"},
             {"id": "d", "type": "chapter", "title": "Delta", "page": "7 & 9"}]
    assert _entries(tmp_path, body, items) == ["Delta", "Gamma", "Beta", "Alpha"]


def test_a_made_citation_label_prints_and_sorts_but_is_no_variable_of_the_item(tmp_path):
    # the trigraph is printed and sorted by; only a label in the data makes
    # variable="citation-label" true
    body = ('<citation><layout><text variable="title"/></layout></citation><bibliography><sort>'
            '<key variable="citation-label"/></sort><layout><choose><if variable="citation-label">'
            '<text value="HAS"/></if><else><text value="NO"/></else></choose>'
            '<text variable="citation-label" prefix=" "/></layout></bibliography>')
    items = [_book("a", "A", 2001, author=[{"family": "Zed", "given": "Ann"}]),
             _book("b", "B", 2002, author=[{"family": "Abel", "given": "Bo"}]),
             _book("c", "C", 2002, author=[{"family": "Moe", "given": "Bo"}],
                   **{"citation-label": "Mine"})]
    assert _entries(tmp_path, body, items) == ["NO Abel02", "HAS Mine", "NO Zed01"]


def test_the_default_citation_label_as_citeproc_js_makes_it(tmp_path):
    # four letters of one name, two of each of two, two and one and one of
    # three, one of each of the first four; only letters, a lower-case
    # particle out; "00" without a year
    body = ('<citation><layout><text variable="title"/></layout></citation><bibliography>'
            '<layout><text variable="citation-label"/></layout></bibliography>')

    def people(*families):
        return [{"family": f, "given": "X"} for f in families]

    items = [_book("a", "A", 2001, author=people("Ragan-Kelley")),
             _book("b", "B", 2002, author=people("von Dipheria", "Obrien")),
             _book("c", "C", 2003, author=people("Krishna", "Bredenberg", "Levenstein")),
             _book("d", "D", 2004, author=people("Jin", "Clement", "Dong", "Nagarajan", "Carbin")),
             {"id": "e", "type": "book", "title": "E", "author": people("Ashok")}]
    assert _entries(tmp_path, body, items) == ["Raga01", "DiOb02", "KrBL03", "JCDN04", "Asho00"]


def test_the_first_cite_of_a_range_is_not_lettered_after_a_prefixed_last_date(tmp_path):
    # citeproc-js keys the first cite of a range of years with the prefix of
    # the style's last cs:date ("Knuth 1984–XX 1986"): it prints like no
    # other, and is not lettered; without that prefix the two are
    def body(last_date):
        return ('<citation disambiguate-add-year-suffix="true"><layout><names variable="author"/>'
                f'{_YEAR}</layout></citation><bibliography><sort><key variable="title"/></sort>'
                f'<layout><names variable="author"/>{_YEAR}<text variable="title" prefix=". "/>'
                f'{last_date}</layout></bibliography>')

    def ranged(key, title, person="Knuth"):
        return {"id": key, "type": "book", "title": title, "author": [{"family": person}],
                "issued": {"date-parts": [[1984], [1986]]}}

    prefixed = body('<date variable="accessed" prefix="XX "><date-part name="year"/></date>')
    plain = body('<date variable="accessed"><date-part name="year"/></date>')
    two = [ranged("a", "A1"), ranged("b", "A2")]
    assert _entries(tmp_path, prefixed, two) == ["Knuth 1984–1986. A1", "Knuth 1984–1986. A2"]
    assert _entries(tmp_path, plain, two) == ["Knuth 1984–1986a. A1", "Knuth 1984–1986b. A2"]
    # of three, the second and third given are lettered; after another
    # work's range, all are
    three = two + [ranged("e", "A0")]
    assert _entries(tmp_path, prefixed, three) == [
        "Knuth 1984–1986a. A0", "Knuth 1984–1986. A1", "Knuth 1984–1986b. A2"]
    assert _entries(tmp_path, prefixed, [ranged("m", "M1", "Moe")] + two) == [
        "Knuth 1984–1986a. A1", "Knuth 1984–1986b. A2", "Moe 1984–1986. M1"]
