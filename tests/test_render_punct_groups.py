"""Punctuation, quotes, groups and delimiters as citeproc-js prints them,
each rule on a small style.  The expected texts are what citeproc-js 2.4
(npm "citeproc", /work/npm-citeproc) printed for the same style and items
when the rule was written; no peer is needed here."""
from __future__ import annotations

import pytest

from tests.support import rule_bibliography as _bib
from tests.support import rule_entries as _entries


def test_substitute_string_keeps_the_names_suffix_after_it(tmp_path):
    # jahrbuch-fur-evangelikale-theologie: substitute "———: " and names suffix ": "
    body = _bib('<group suffix=", "><names variable="author" suffix=": "><name/></names>'
                '<text variable="title"/></group><text variable="issued"/>',
                bib=' subsequent-author-substitute="&#8212;&#8212;&#8212;: "')
    person = [{"family": "Smith", "given": "J"}]
    items = [{"id": "a", "type": "book", "title": "T1", "author": person},
             {"id": "b", "type": "book", "title": "T2", "author": person}]
    assert _entries(tmp_path, body, items) == ["J Smith: T1,", "———: : T2,"]


_QUOTED = ('<group delimiter=", "><text variable="title" quotes="true"/>'
           '<text variable="publisher"/></group>'
           '<group delimiter=", " prefix=" |"><group suffix="."><text variable="title" '
           'quotes="true"/></group><text variable="publisher"/></group>')


@pytest.mark.parametrize(("title", "expected"), [
    ("Trained immunity.", "“Trained immunity.,” P |“Trained immunity.”, P"),
    ("Trained immunity?", "“Trained immunity?,” P |“Trained immunity?”, P"),
    ("Trained immunity", "“Trained immunity,” P |“Trained immunity.”, P"),
])
def test_a_delimiter_goes_into_the_quotes_it_meets(tmp_path, title, expected):
    # a comma delimiter right after a quoted title goes in, merged with the
    # title's own period; after a group's suffix it stays out
    item = {"id": "a", "type": "book", "title": title, "publisher": "P"}
    assert _entries(tmp_path, _bib(_QUOTED), [item]) == [expected]


def test_a_delimiter_goes_into_the_locales_own_closing_quote(tmp_path):
    # zwitscher-maschine's »…«: « closes
    body = _bib('<group delimiter=", "><text macro="t"/><text variable="publisher"/></group>',
                '<locale><terms><term name="open-quote">»</term>'
                '<term name="close-quote">«</term></terms></locale>'
                '<macro name="t"><text variable="title" quotes="true"/></macro>')
    items = [{"id": "a", "type": "book", "title": "Trained immunity.", "publisher": "P"},
             {"id": "b", "type": "book", "title": "Trained immunity", "publisher": "Q"}]
    assert _entries(tmp_path, body, items) == ["»Trained immunity.,« P", "»Trained immunity,« Q"]


@pytest.mark.parametrize("output", ["text", "html"])
def test_a_delimiter_goes_into_the_quotes_after_the_datas_formatting(tmp_path, output):
    body = _bib('<group delimiter=", "><text variable="title" quotes="true"/>'
                '<text variable="publisher"/></group>',
                '<locale><terms><term name="open-quote">»</term>'
                '<term name="close-quote">«</term></terms></locale>')
    item = {"id": "a", "type": "book", "title": "Of <i>E. coli</i>", "publisher": "P"}
    expected = "»Of <i>E. coli</i>,« P" if output == "html" else "»Of E. coli,« P"
    assert _entries(tmp_path, body, [item], output=output) == [expected]


_GERMAN = ('<locale><terms><term name="open-quote">»</term>'
           '<term name="close-quote">«</term></terms></locale>')


@pytest.mark.parametrize(("title", "expected"), [
    ("Trained immunity.", "»Trained immunity.,« P |»Trained immunity.« P |»Trained immunity.«"),
    ("Trained immunity?", "»Trained immunity?,« P |»Trained immunity?« P |»Trained immunity?«"),
    ("Trained immunity", "»Trained immunity,« P |»Trained immunity.« P |»Trained immunity.«"),
])
def test_affixes_go_into_the_locales_own_closing_quote(tmp_path, title, expected):
    # the quoted element's own suffix, the next element's prefix, an
    # enclosing group's suffix
    body = _bib('<group><text variable="title" quotes="true" suffix=","/>'
                '<text variable="publisher" prefix=" "/></group>'
                '<group prefix=" |"><text variable="title" quotes="true"/>'
                '<text variable="publisher" prefix=". "/></group>'
                '<group prefix=" |" suffix="."><text variable="title" quotes="true"/></group>',
                _GERMAN)
    item = {"id": "a", "type": "book", "title": title, "publisher": "P"}
    assert _entries(tmp_path, body, [item]) == [expected]


@pytest.mark.parametrize(("extra", "expected"), [
    ("", "“Trained immunity.,” P |“Trained immunity.” |“Trained immunity.” P"),
    (_GERMAN, "»Trained immunity.,« P |»Trained immunity.« |»Trained immunity.« P"),
])
def test_a_groups_comma_goes_in_after_a_quoted_period(tmp_path, extra, expected):
    body = _bib('<group suffix=","><text variable="title" quotes="true"/></group>'
                '<text variable="publisher" prefix=" "/>'
                '<group prefix=" |" suffix="."><text variable="title" quotes="true"/></group>'
                '<group prefix=" |" suffix=". "><text variable="title" quotes="true"/></group>'
                '<text variable="publisher" prefix=" "/>', extra)
    item = {"id": "a", "type": "book", "title": "Trained immunity.", "publisher": "P"}
    assert _entries(tmp_path, body, [item]) == [expected]


@pytest.mark.parametrize(("title", "expected"), [
    ("Trained immunity.", "“Trained immunity.”, pre |“Trained immunity.,” P |Trained immunity.. P"),
    ("Trained immunity?", "“Trained immunity?”, pre |“Trained immunity?,” P |Trained immunity?. P"),
    ("Trained immunity", "“Trained immunity”, pre |“Trained immunity,” P |Trained immunity. P"),
])
def test_a_formatted_elements_prefix_meets_nothing_before_it(tmp_path, title, expected):
    # comptes-rendus-author-date's value in font-style="normal" after the
    # quoted title; first in a macro, the prefix meets what is before it
    body = _bib('<group><text variable="title" quotes="true"/>'
                '<text value="pre" font-style="normal" prefix=", "/></group>'
                '<group prefix=" |"><text variable="title" quotes="true"/><text macro="p"/></group>'
                '<group prefix=" |"><text variable="title"/>'
                '<text variable="publisher" font-style="italic" prefix=". "/></group>',
                '<macro name="p"><choose><if type="book"><text variable="publisher" '
                'font-style="italic" prefix=", "/></if></choose></macro>')
    item = {"id": "a", "type": "book", "title": title, "publisher": "P"}
    assert _entries(tmp_path, body, [item]) == [expected]


def test_an_implicit_year_suffix_is_a_copy_of_the_years_date_part(tmp_path):
    # new-zealand-dental-journal: "(2001)(a)"
    body = ('<citation disambiguate-add-year-suffix="true"><layout><group delimiter=" ">'
            '<names variable="author"/><date variable="issued"><date-part name="year"/></date>'
            '</group></layout></citation><bibliography><layout><names variable="author"/>'
            '<date variable="issued" prefix=" " suffix="."><date-part name="month" suffix=" "/>'
            '<date-part name="year" prefix="[" suffix="]" font-weight="bold"/></date>'
            '</layout></bibliography>')
    person = [{"family": "Smith", "given": "J"}]
    items = [{"id": "a", "type": "book", "title": "T1", "author": person,
              "issued": {"date-parts": [[2001, 3]]}},
             {"id": "b", "type": "book", "title": "T2", "author": person,
              "issued": {"date-parts": [[2001]]}}]
    assert _entries(tmp_path, body, items) == ["J Smith March [2001][a].", "J Smith [2001][b]."]
    assert _entries(tmp_path, body, items, output="html") == [
        "J Smith March [<b>2001</b>][<b>a</b>].", "J Smith [<b>2001</b>][<b>b</b>]."]


@pytest.mark.parametrize(("issued", "expected"), [
    ([[2001, 3], [2001, 5]], "T|<March–May> (2001) |(2001)"),
    ([[2001, 3], [2002, 5]], "T|<March> (2001–May> (2002) |(2001–2002)"),
    ([[2001, 3, 4], [2001, 3, 9]], "T|{4–9} <March> (2001) |(2001)"),
])
def test_a_ranges_ends_meet_without_the_affixes_between_them(tmp_path, issued, expected):
    # the cs:dates have no affixes of their own: where they do, citeproc-js
    # prints them around the range's end too ("T (2001– (2003))"), not copied
    body = _bib('<text variable="title"/>'
                '<group prefix="|"><date variable="issued"><date-part name="day" prefix="{" suffix="} "/>'
                '<date-part name="month" prefix="&lt;" suffix="&gt; "/>'
                '<date-part name="year" prefix="(" suffix=")"/></date></group>'
                '<group prefix=" |"><date variable="issued"><date-part name="year" prefix="(" '
                'suffix=")"/></date></group>')
    item = {"id": "a", "type": "book", "title": "T", "issued": {"date-parts": issued}}
    assert _entries(tmp_path, body, [item]) == [expected]


def test_a_delimiter_stays_out_after_an_apostrophe_that_closes_no_quote(tmp_path):
    # "The Smiths’" ends in an apostrophe, not a quote (citeproc-js)
    body = _bib('<group delimiter=". "><text variable="title"/><text variable="publisher"/></group>',
                extra='<locale><terms><term name="open-quote">‘</term>'
                '<term name="close-quote">’</term></terms></locale>')
    items = [{"id": "a", "type": "book", "title": "The Smiths’", "publisher": "P"},
             {"id": "b", "type": "book", "title": "‘Quoted’", "publisher": "P"}]
    assert _entries(tmp_path, body, items) == ["The Smiths’. P", "‘Quoted.’ P"]


def test_a_text_substitute_leaves_the_next_entrys_names_their_suffix(tmp_path):
    body = _bib('<text variable="note" suffix=" "/><names variable="editor" prefix="(" suffix=")">'
                '<name initialize-with=". "/><label prefix=" (" suffix=")"/>'
                '<substitute><text variable="title"/></substitute></names>')
    items = [{"id": "a", "type": "book", "title": "T", "note": "1"},
             {"id": "b", "type": "book", "title": "U", "note": "2",
              "editor": [{"family": "Hicks", "given": "Robert D"}]}]
    assert _entries(tmp_path, body, items) == ["1 T", "2 (R. D. Hicks (editor))"]


def test_names_suffix_after_a_label_ending_like_it(tmp_path):
    # environmental-and-engineering-geoscience: "(R. D. Hicks (Editor))";
    # a substitute that printed the suffix still does not get it twice
    body = _bib('<text variable="title" suffix=", "/><names variable="editor" prefix="(" '
                'suffix=")"><name initialize-with=". "/><label prefix=" (" suffix=")"/></names>'
                '<names variable="author" suffix=": "><name/><substitute><names variable="editor" '
                'suffix=": "/><text variable="publisher" suffix=": "/></substitute></names>'
                '<text variable="note"/>')
    items = [{"id": "a", "type": "book", "title": "T", "note": "N",
              "editor": [{"family": "Hicks", "given": "Robert D"}]},
             {"id": "b", "type": "book", "title": "T", "publisher": "Pub", "note": "N"}]
    assert _entries(tmp_path, body, items) == ["T, (R. D. Hicks (editor))Robert D Hicks: N",
                                               "T, Pub: N"]


def _dated(title, *parts):
    return {"id": title, "type": "book", "title": title, "issued": {"date-parts": [list(parts)]}}


def test_a_date_in_a_sort_macro_sorts_as_a_date(tmp_path):
    # the year printed alone: dates of one year keep their order
    body = ('<macro name="d"><date variable="issued"><date-part name="year"/></date></macro>'
            '<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography><sort><key macro="d"/></sort><layout>'
            '<text variable="title" suffix=" "/><text macro="d"/></layout></bibliography>')
    items = [_dated("C", 1999), _dated("E", 2001, 5), _dated("F", 2001, 2), _dated("A", -400),
             _dated("B", -50), _dated("D", 850)]
    assert _entries(tmp_path, body, items) == ["A 400 BC", "B 50 BC", "D 850", "C 1999",
                                               "E 2001", "F 2001"]


def test_the_ad_term_follows_years_below_500_only(tmp_path):
    body = _bib('<date variable="issued"><date-part name="year"/></date>')
    items = [_dated("A", 499), _dated("B", 500), _dated("C", 999)]
    assert _entries(tmp_path, body, items) == ["499 AD", "500", "999"]


def test_a_range_in_a_sort_macro_sorts_after_the_date_it_starts_with(tmp_path):
    body = ('<macro name="d"><date variable="issued"><date-part name="year"/></date></macro>'
            '<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography><sort><key macro="d"/></sort><layout>'
            '<text variable="title" suffix=" "/><text macro="d"/></layout></bibliography>')
    items = [{"id": "r", "type": "book", "title": "R", "issued": {"date-parts": [[1984], [1986]]}},
             _dated("S", 1984), _dated("T", 1985)]
    assert _entries(tmp_path, body, items) == ["S 1984", "R 1984–1986", "T 1985"]


def test_a_bc_date_in_a_sort_macro_sorts_first_in_html_too(tmp_path):
    # a sort key holding formatted text is compared as text with its digit
    # runs evened out: the date's digits must keep their order there too
    body = ('<macro name="d"><group delimiter=" "><text value="x" font-style="italic"/>'
            '<date variable="issued"><date-part name="year"/></date></group></macro>'
            '<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography><sort><key macro="d"/></sort><layout>'
            '<text variable="title" suffix=" "/><text macro="d"/></layout></bibliography>')
    items = [{"id": t, "type": "book", "title": t, "issued": {"date-parts": [[year]]}}
             for t, year in (("C", 1999), ("A", -400), ("B", -50), ("D", 850))]
    assert _entries(tmp_path, body, items, output="html") == [
        "A <i>x</i> 400 BC", "B <i>x</i> 50 BC", "D <i>x</i> 850", "C <i>x</i> 1999"]
