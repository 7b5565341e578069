"""Rules of citeproc-js the renderer follows, each on a small style.  The
expected texts are what citeproc-js 2.4 (npm "citeproc") printed for the
same style and items when the rule was written (tests/citeproc_js.py runs
the comparison over whole styles); no peer is needed here."""
from __future__ import annotations

import pytest

from tests.support import rule_bibliography as _bib
from tests.support import rule_entries as _entries


def test_a_list_of_types_is_one_test(tmp_path):
    body = _bib('<choose><if type="book thesis report"><text value="B"/></if>'
                '<else><text value="X"/></else></choose>')
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "title": "T"}]) == ["B"]


@pytest.mark.parametrize(("layout", "expected"), [
    ('<group delimiter=" "><text term="in"/><text variable="page"/><text macro="cc"/></group>',
     "T. in"),
    ('<group delimiter=" "><text term="in"/><text macro="cc"/><text variable="page"/></group>',
     "T."),
    ('<group delimiter=" "><text term="in"/><text variable="page"/><group><text term="and"/>'
     '<text variable="volume"/></group></group>', "T."),
])
def test_group_suppression_as_citeproc_js_decides_it(tmp_path, layout, expected):
    body = _bib(f'<text variable="title" suffix=". "/>{layout}',
                '<macro name="cc"><choose><if type="chapter"><names variable="editor"/></if>'
                "</choose></macro>")
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "title": "T"}]) == [expected]


def test_an_institution_last_takes_the_delimiter_from_three_names(tmp_path):
    body = _bib('<names variable="author"><name and="symbol" delimiter=", " '
                'delimiter-precedes-last="never" initialize-with=". "/></names>')
    three = {"id": "a", "type": "book", "author": [
        {"family": "Smith", "given": "J"}, {"family": "Doe", "given": "A"}, {"literal": "FlyBase"}]}
    two = {"id": "b", "type": "book", "author": [{"family": "Smith", "given": "J"},
                                                 {"literal": "FlyBase"}]}
    assert _entries(tmp_path, body, [three, two]) == ["J. Smith, A. Doe, & FlyBase",
                                                      "J. Smith & FlyBase"]


def test_number_ranges_and_leading_zeros(tmp_path):
    body = _bib('<text variable="number"/><text variable="issue" prefix="|"/>'
                '<number variable="volume" prefix="|"/><text variable="page" prefix="|"/>')
    item = {"id": "a", "type": "report", "number": "99-02", "issue": "5 - 6", "volume": "01-02",
            "page": "5-A"}
    assert _entries(tmp_path, body, [item]) == ["99–02|5–6|01–02|5-A"]


def test_subsequent_author_substitute_keeps_label_and_affixes(tmp_path):
    body = _bib('<names variable="author" prefix="{" suffix="}."><name initialize-with="."/>'
                '<label prefix=", "/><substitute><names variable="editor"/></substitute></names>'
                '<text variable="title" prefix=" "/>', bib=' subsequent-author-substitute="———"')
    person = [{"family": "Smith", "given": "J"}]
    items = [{"id": "a", "type": "book", "title": "T1", "editor": person},
             {"id": "b", "type": "book", "title": "T2", "editor": person},
             {"id": "c", "type": "book", "title": "T3", "author": person}]
    assert _entries(tmp_path, body, items) == ["{J. Smith, editor}. T1", "{———, editor}. T2",
                                               "{———}. T3"]


@pytest.mark.parametrize(("title", "expected"), [
    ("off- and on-target effects", "Off- and on-Target Effects"),
    ("the on-target one", "The On-Target One"),
    ("the venus in arxiv.org now", "The Venus in Arxiv.Org Now"),
    ("pi3k/akt/mTOR/hif-1a pathway", "Pi3k/Akt/mTOR/Hif-1a Pathway"),
    ("the vitamin a", "The Vitamin a"),
    ("an e. coli strain", "An e. Coli Strain"),
    ("the x-ray vision", "The X-Ray Vision"),
    ("what it is for", "What It Is For"),
])
def test_title_case_part_by_part(tmp_path, title, expected):
    body = _bib('<text variable="title" text-case="title"/>')
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "title": title}]) == [expected]


def test_text_case_on_a_macro_call_changes_nothing(tmp_path):
    body = _bib('<text macro="t" text-case="uppercase"/>', '<macro name="t">'
                '<text variable="title"/></macro>')
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "title": "Are we?"}]) == [
        "Are we?"]


@pytest.mark.parametrize(("given", "expected"), [("EB.", "Doe, EB."), ("E.B.", "Doe, E. B."),
                                                 ("Jean-Paul", "Doe, J.-P.")])
def test_given_names_abbreviated_in_the_data(tmp_path, given, expected):
    body = _bib('<names variable="author"><name initialize-with=". " '
                'name-as-sort-order="all"/></names>')
    item = {"id": "a", "type": "book", "author": [{"family": "Doe", "given": given}]}
    assert _entries(tmp_path, body, [item]) == [expected]


def test_name_affixes_go_around_each_name(tmp_path):
    body = _bib('<names variable="author"><name suffix="." initialize-with="." '
                'name-as-sort-order="all"/></names>')
    item = {"id": "a", "type": "book", "author": [{"family": "Smith", "given": "J"},
                                                  {"family": "Doe"}, {"family": "Roe", "given": "A"}]}
    assert _entries(tmp_path, body, [item]) == ["Smith, J., Doe., Roe, A."]


def test_dates_page_prefixes_and_term_fallbacks(tmp_path):
    body = _bib('<date variable="issued" form="text"/><text variable="page" prefix="|"/>'
                '<label variable="volume" form="symbol" prefix="|"/>',
                '<locale xml:lang="en"><date form="text" delimiter=" "><date-part name="year"/>'
                '<date-part name="month" form="short" strip-periods="true"/>'
                '<date-part name="day"/></date></locale>')
    item = {"id": "a", "type": "book", "issued": {"raw": "September 9, 1993"},
            "page": "D706-D714", "volume": "2"}
    entries = _entries(tmp_path, body, [item], attrs=' page-range-format="chicago"')
    assert entries == ["1993 Sept 9|D706–14|vol."]


@pytest.mark.parametrize(("layout", "expected"), [
    ('<text variable="title"/><text value="."/><text value="."/>', ["T Ed...", "T.."]),
    ('<text variable="title" quotes="true"/><text value="."/>', ["“T Ed.”.", "“T”."]),
])
def test_punctuation_printed_as_a_value_is_never_merged(tmp_path, layout, expected):
    items = [{"id": "a", "type": "book", "title": "T Ed."}, {"id": "b", "type": "book",
                                                             "title": "T"}]
    assert _entries(tmp_path, _bib(layout), items) == expected


def test_a_colon_closing_a_group_takes_the_next_period_before_it(tmp_path):
    body = _bib('<text variable="title"/><group><text variable="title" suffix=":"/></group>'
                '<text variable="publisher" prefix=". "/>')
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "title": "T",
                                      "publisher": "P"}]) == ["TT.: P"]


def test_small_capitals_in_plain_text_as_chosen(tmp_path, monkeypatch):
    from converters.render import finishing

    items = [{"id": "a", "type": "book", "title": "Anno <sc>mcxcviii</sc>"}]
    assert _entries(tmp_path, _bib('<text variable="title"/>'), items) == ["Anno MCXCVIII"]
    monkeypatch.setattr(finishing, "PLAIN_SMALL_CAPS_AS_WRITTEN", True)  # citeproc-js's way
    assert _entries(tmp_path, _bib('<text variable="title"/>'), items) == ["Anno mcxcviii"]


def test_partial_each_replaces_the_matching_names_one_by_one(tmp_path):
    body = _bib('<names variable="author"><name and="text" initialize-with="" '
                'name-as-sort-order="first"/></names><text variable="title" prefix=" "/>',
                bib=' subsequent-author-substitute="———" '
                    'subsequent-author-substitute-rule="partial-each"')

    def item(key, *families):
        return {"id": key, "type": "book", "title": key.upper(),
                "author": [{"family": f, "given": "R"} for f in families]}

    entries = _entries(tmp_path, body, [item("a", "Cao", "Zhang"), item("b", "Cao", "Zhang"),
                                        item("c", "Cao", "Barabe", "Jean")])
    assert entries == ["Cao, R and R Zhang A", "——— and ——— B", "———, R Barabe, and R Jean C"]


def test_an_institution_takes_no_name_affixes(tmp_path):
    body = _bib('<names variable="author"><name suffix="." name-as-sort-order="all" '
                'initialize-with="."/></names>')
    items = [{"id": "a", "type": "book", "author": [{"literal": "Department of Education"},
                                                    {"family": "Morgan", "given": "N"}]}]
    assert _entries(tmp_path, body, items) == ["Department of Education, Morgan, N."]


def test_year_suffix_after_a_ranges_last_year_and_with_positions(tmp_path):
    body = ('<citation disambiguate-add-year-suffix="true" et-al-min="3" et-al-use-first="1">'
            '<layout><choose><if position="ibid"><text term="ibid"/></if><else>'
            '<names variable="author"><name form="short"/></names>'
            '<date variable="issued" prefix=" "><date-part name="year"/></date></else></choose>'
            '</layout></citation><bibliography><layout><date variable="issued">'
            '<date-part name="year"/></date><text variable="title" prefix=" "/></layout>'
            "</bibliography>")
    people = [{"family": f, "given": "I"} for f in ("Brettar", "Christen", "Hofle")]
    items = [{"id": "a", "type": "book", "title": "A", "author": people[:2] + [people[2]],
              "issued": {"date-parts": [[1984], [1986]]}},
             {"id": "b", "type": "book", "title": "B", "author": people[:2] + [
                 {"family": "Hofle", "given": "MG"}], "issued": {"date-parts": [[1984], [1986]]}}]
    assert _entries(tmp_path, body, items) == ["1984–1986a A", "1984–1986b B"]
