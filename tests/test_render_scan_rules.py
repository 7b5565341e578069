"""Rules found by comparing every catalogue style with citeproc-js on a
few records, looking for styles that differ wholesale.  The expected
texts are what citeproc-js 2.4 (npm "citeproc") printed for the same
small style and items; no peer is needed here."""
from __future__ import annotations

import pytest

from tests.support import _RULE_STYLE
from tests.support import rule_bibliography as _bib
from tests.support import rule_entries as _entries

_BLOCK = '<group display="block"><names variable="author"/></group>'
_ROE = {"id": "a", "type": "book", "title": "The Title",
        "author": [{"family": "Roe", "given": "Ann"}]}
_ZED = {"id": "b", "type": "book", "title": "Other", "URL": "http://x.org",
        "author": [{"family": "Zed", "given": "Bo"}]}


@pytest.mark.parametrize(("after", "expected"), [
    # an empty display group or text is the last part: the title keeps its "."
    ('<group display="block"><text variable="URL"/></group>',
     ['<div class="csl-block">Ann Roe</div>The Title.',
      '<div class="csl-block">Bo Zed</div>Other.<div class="csl-block">http://x.org</div>']),
    ('<text variable="URL" display="block"/>',
     ['<div class="csl-block">Ann Roe</div>The Title.',
      '<div class="csl-block">Bo Zed</div>Other.<div class="csl-block">http://x.org</div>']),
    # an empty group without display leaves no part: the title's "." goes
    ('<group><text variable="URL"/></group>',
     ['<div class="csl-block">Ann Roe</div>The Title',
      '<div class="csl-block">Bo Zed</div>Other.http://x.org']),
])
def test_an_empty_display_part_is_the_last_part(tmp_path, after, expected):
    body = _bib(_BLOCK + '<text variable="title" suffix="."/>' + after)
    assert _entries(tmp_path, body, [_ROE, _ZED], output="html") == expected


def test_the_layout_suffix_is_lost_on_an_empty_display_part(tmp_path):
    body = _bib(_BLOCK + '<text variable="title" suffix="!"/>'
                '<group display="indent"><text variable="URL"/></group>')
    body = body.replace("<bibliography><layout>", '<bibliography><layout suffix=".">')
    assert _entries(tmp_path, body, [_ROE, _ZED], output="html") == [
        '<div class="csl-block">Ann Roe</div>The Title!',
        '<div class="csl-block">Bo Zed</div>Other!<div class="csl-indent">http://x.org.</div>']


def test_a_group_suffix_with_a_tab_before_an_empty_block(tmp_path):
    # archaeonautica's layout: block, a group ending ".\t", an accessed block
    body = _bib('<group display="block" suffix="&#9;"><names variable="author"/></group>'
                '<group suffix=".&#9;"><text variable="title" font-style="italic"/></group>'
                '<group display="block"><text variable="URL"/></group>')
    assert _entries(tmp_path, body, [_ROE], output="html") == [
        '<div class="csl-block">Ann Roe\t</div><i>The Title</i>.\t']


_PEOPLE = [
    {"id": "a", "type": "book", "title": "A",
     "author": [{"family": "Gennep", "non-dropping-particle": "van", "given": "Arnold"}]},
    {"id": "b", "type": "book", "title": "B", "author": [{"family": "Gerhardt", "given": "Zed"}]},
    {"id": "c", "type": "book", "title": "C", "author": [{"family": "Tomas", "given": "Ann"}]},
    {"id": "d", "type": "book", "title": "D", "author": [{"family": "Gerhardt", "given": "Adam"}]},
    {"id": "f", "type": "book", "title": "F", "author": [{"family": "Gennep", "given": "Bob"}]},
    {"id": "g", "type": "book", "title": "G", "author": [{"family": "Gennepa", "given": "Bob"}]},
]


@pytest.mark.parametrize(("demote", "expected"), [
    # "Gennep van": among the G's; given names are not in the key (B before D)
    ("", "F A G B D C"),
    (' demote-non-dropping-particle="sort-only"', "F A G B D C"),
    (' demote-non-dropping-particle="never"', "F G B D C A"),
])
def test_a_short_name_in_a_sort_key_demotes_its_particle(tmp_path, demote, expected):
    body = ('<macro name="a"><names variable="author"><name form="short"/></names></macro>'
            + _bib('<text variable="title"/>', bib="").replace(
                "<bibliography>", '<bibliography><sort><key macro="a"/></sort>'))
    assert " ".join(_entries(tmp_path, body, _PEOPLE, attrs=demote)) == expected


@pytest.mark.parametrize(("locales", "lang", "expected"), [
    # the style's zh locale has no page-range-delimiter: its unlabelled one's
    ('<locale xml:lang="zh"><terms><term name="in">见</term></terms></locale>'
     '<locale><terms><term name="page-range-delimiter">~</term></terms></locale>',
     "zh-CN", "3027~3036"),
    ('<locale xml:lang="de"><terms><term name="in">x</term></terms></locale>'
     '<locale><terms><term name="page-range-delimiter">/</term></terms></locale>',
     "de-DE", "3027/3036"),
    # none in the style: the specification's default
    ('<locale xml:lang="en"><terms><term name="in">x</term></terms></locale>', "en-US",
     "3027–3036"),
])
def test_a_style_locale_without_a_term_falls_through_to_the_next(tmp_path, locales, lang,
                                                                  expected):
    from converters.render import render

    path = tmp_path / "rule.csl"
    path.write_text(_RULE_STYLE.format(kind="in-text", attrs="",
                                       body=_bib('<text variable="page"/>', locales)),
                    encoding="utf-8")
    item = {"id": "a", "type": "article-journal", "title": "T", "page": "3027-3036"}
    assert render([item], style=str(path), locale=lang).entries == [expected]


_THREE = [{"id": "a", "type": "book", "title": "T", "author": [
    {"family": "Ashok", "given": "Arjun"}, {"family": "Marcotte", "given": "E"},
    {"family": "Zant", "given": "V"}]},
    {"id": "b", "type": "book", "title": "T2", "author": [
        {"family": "Ashok", "given": "Arjun"}, {"family": "Zant", "given": "V"}]}]


@pytest.mark.parametrize(("name", "where", "expected"), [
    ('<name and="text"/>', ' name-delimiter="; "',
     ["Arjun Ashok; E Marcotte; and V Zant", "Arjun Ashok and V Zant"]),
    ('<name and="text" delimiter-precedes-last="never" name-as-sort-order="all"/>',
     ' name-delimiter="; "', ["Ashok, Arjun; Marcotte, E and Zant, V", "Ashok, Arjun and Zant, V"]),
    ('<name and="symbol" delimiter-precedes-last="always"/>', ' name-delimiter=" / "',
     ["Arjun Ashok / E Marcotte / & V Zant", "Arjun Ashok / & V Zant"]),
    ('<name and="text" et-al-min="3" et-al-use-first="2"/>', ' name-delimiter="; "',
     ["Arjun Ashok; E Marcotte; et al.", "Arjun Ashok and V Zant"]),
])
def test_an_inherited_name_delimiter_joins_the_names_before_and(tmp_path, name, where, expected):
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            f'<bibliography{where}><layout><names variable="author">{name}</names>'
            '</layout></bibliography>')
    assert _entries(tmp_path, body, _THREE) == expected


_TWO = [{"id": "a", "type": "book", "title": "T", "author": [
    {"family": "Ashok", "given": "Arjun"}, {"family": "Marcotte", "given": "Étienne"}]}]


@pytest.mark.parametrize(("style", "citation", "bibliography", "name", "expected"), [
    ("", "", ' initialize="false"', ' initialize="true"', "Arjun Ashok, Étienne Marcotte"),
    (' initialize="false"', "", ' initialize="true"', ' initialize="true"',
     "Arjun Ashok, Étienne Marcotte"),
    (' initialize="false"', "", ' initialize="true"', "", "Arjun Ashok, Étienne Marcotte"),
    # the citation's "false" is not the bibliography's
    ("", ' initialize="false"', "", ' initialize="true"', "A. Ashok, É. Marcotte"),
])
def test_an_inherited_initialize_false_wins_over_the_names_own(tmp_path, style, citation,
                                                              bibliography, name, expected):
    body = ('<macro name="m"><names variable="author">'
            f'<name{name} initialize-with=". "/></names></macro>'
            f'<citation{citation}><layout><text variable="title"/></layout></citation>'
            f'<bibliography{bibliography}><layout><text macro="m"/></layout></bibliography>')
    assert _entries(tmp_path, body, _TWO, attrs=style) == [expected]


@pytest.mark.parametrize(("affixes", "output", "expected"), [
    (' prefix="["', "html",
     '<div class="csl-left-margin">[1] </div><div class="csl-right-inline">The Title</div>'),
    (' prefix="(" suffix="."', "html",
     '<div class="csl-left-margin">(1) </div><div class="csl-right-inline">The Title.</div>'),
    (' prefix="["', "text", "[1]  The Title"),
])
def test_second_field_align_puts_the_layout_prefix_in_the_margin(tmp_path, affixes, output,
                                                                 expected):
    number = "] " if "[" in affixes else ") "
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            f'<bibliography second-field-align="flush"><layout{affixes}>'
            f'<text variable="citation-number" suffix="{number}"/><text variable="title"/>'
            '</layout></bibliography>')
    assert _entries(tmp_path, body, [_ROE], output=output) == [expected]


_PUB = {"id": "a", "type": "book", "title": "T", "publisher": "P",
        "author": [{"family": "Roe", "given": "Ann"}]}


@pytest.mark.parametrize(("body", "expected"), [
    # journal-of-korean-neurosurgical-society: names " :" in a macro, the
    # macro call's ". ": the colon takes the period
    ('<macro name="m"><names variable="author" suffix=" :"/></macro>'
     + _bib('<text macro="m" suffix=". "/><text variable="title"/>'), "Ann Roe : T"),
    ('<macro name="m"><names variable="author" suffix=" :"/></macro>'
     + _bib('<group><text macro="m" suffix=". "/><text variable="title"/></group>'),
     "Ann Roe : T"),
    (_bib('<group suffix=". "><names variable="author" suffix=" :"/></group>'
          '<text variable="title"/>'), "Ann Roe : T"),
    # a field's colon lets the period in before it, spaces and all
    (_bib('<group suffix=". "><text variable="publisher" suffix=" :"/></group>'
          '<text variable="title"/>'), "P. : T"),
    (_bib('<group suffix=". "><text variable="publisher" suffix=" ;"/></group>'
          '<text variable="title"/>'), "P. ; T"),
    (_bib('<group suffix=". "><text variable="publisher" suffix=":"/></group>'
          '<text variable="title"/>'), "P.: T"),
    # a delimiter's period stays after it
    (_bib('<group delimiter=". "><names variable="author" suffix=" :"/>'
          '<text variable="title"/></group>'), "Ann Roe :. T"),
])
def test_a_suffix_ending_in_a_spaced_colon_meets_a_period(tmp_path, body, expected):
    assert _entries(tmp_path, body, [_PUB]) == [expected]


@pytest.mark.parametrize(("layout", "expected"), [
    ('<text variable="publisher" vertical-align="baseline"/>', '<span style="baseline">P</span>'),
    ('<group vertical-align="baseline"><text variable="publisher"/></group><text value=" x"/>',
     '<span style="baseline">P</span> x'),
    ('<text variable="publisher" vertical-align="baseline" font-style="italic" prefix="("'
     ' suffix=")."/>', '(<span style="baseline"><i>P</i></span>).'),
    ('<names variable="author" vertical-align="baseline"><name/></names>',
     '<span style="baseline">Ann Roe</span>'),
    ('<group vertical-align="sup"><text variable="publisher" vertical-align="baseline"/></group>',
     '<sup><span style="baseline">P</span></sup>'),
    # nothing printed, no span
    ('<text variable="title"/><text variable="URL" vertical-align="baseline"/>', "T"),
])
def test_an_explicit_baseline_is_a_span_in_html(tmp_path, layout, expected):
    assert _entries(tmp_path, _bib(layout), [_PUB], output="html") == [expected]


def test_an_explicit_baseline_prints_nothing_in_text(tmp_path):
    body = _bib('<text variable="publisher" vertical-align="baseline"/>')
    assert _entries(tmp_path, body, [_PUB]) == ["P"]


@pytest.mark.parametrize(("term", "locales", "lang", "expected"), [
    ("available at", '<locale><terms><term name="available at">disponible à l\'adresse'
     "</term></terms></locale>", "en-US", "Disponible à l’adresse"),
    ('edition" plural="true', '<locale><terms><term name="edition"><single>l\'éd.</single>'
     "<multiple>l'éds.</multiple></term></terms></locale>", "en-US", "L’éds."),
    # the locale file's own ("à l'adresse" in fr-FR)
    ("from", "", "fr-FR", "À l’adresse"),
])
def test_a_terms_apostrophe_is_typographic(tmp_path, term, locales, lang, expected):
    from converters.render import render

    path = tmp_path / "rule.csl"
    path.write_text(_RULE_STYLE.format(kind="in-text", attrs="",
                                       body=_bib(f'<text term="{term}"/>', locales)),
                    encoding="utf-8")
    assert render([_PUB], style=str(path), locale=lang).entries == [expected]


def test_an_affixs_apostrophe_stays_straight(tmp_path):
    body = _bib('<text variable="publisher" prefix="l\'a "/>')
    assert _entries(tmp_path, body, [_PUB]) == ["l'a P"]


_UNDATED = [{"id": "a", "type": "article", "title": "T"}]


@pytest.mark.parametrize(("inner", "expected"), [
    # a year-suffix counts as printed in its group and the groups around
    ('<text variable="URL"/><text variable="year-suffix"/><text term="in"/>', "T [in]"),
    ('<group><text variable="URL"/><text variable="year-suffix"/></group><text term="in"/>',
     "T [in]"),
    ('<text variable="URL"/><text term="in"/><text variable="year-suffix"/>', "T [in]"),
    # without it the empty URL suppresses the group
    ('<text variable="URL"/><text term="in"/>', "T"),
    # and a group printing nothing prints nothing
    ('<date variable="issued"><date-part name="year"/></date><text variable="year-suffix"/>', "T"),
])
def test_a_year_suffix_keeps_its_groups(tmp_path, inner, expected):
    body = _bib(f'<text variable="title"/><group prefix=" [" suffix="]">{inner}</group>')
    assert _entries(tmp_path, body, _UNDATED) == [expected]


def test_no_date_after_an_empty_years_group(tmp_path):
    # university-of-zabol's issued macro
    body = ('<macro name="issued"><group delimiter="–"><date variable="issued">'
            '<date-part name="year"/></date><text variable="year-suffix" form="short"/></group>'
            '<choose><if match="none" variable="issued"><text term="no date" '
            'text-case="capitalize-all"/></if></choose></macro>'
            + _bib('<group delimiter=". "><text variable="title"/><text macro="issued"/></group>'))
    assert _entries(tmp_path, body, _UNDATED) == ["T. No Date"]


@pytest.mark.parametrize(("layout", "expected"), [
    # a number variable's formatted "?" or "!" takes the period in, as plain text's
    ('<group delimiter=". "><text variable="volume" font-style="italic"/>'
     '<text variable="publisher"/></group>', "5? P"),
    ('<group delimiter=". "><number variable="volume" font-weight="bold"/>'
     '<text variable="publisher"/></group>', "5? P"),
    ('<text variable="edition" font-style="italic" suffix="."/>'
     '<text variable="publisher" prefix=" "/>', "Yahoo! P"),
    # a version or title keeps it
    ('<group delimiter=". "><text variable="version" font-style="italic"/>'
     '<text variable="publisher"/></group>', "2!. P"),
    ('<group delimiter=". "><text variable="title" font-style="italic"/>'
     '<text variable="publisher"/></group>', "Why?. P"),
])
def test_a_formatted_numbers_stop_takes_the_period(tmp_path, layout, expected):
    item = {"id": "a", "type": "book", "title": "Why?", "volume": "5?", "version": "2!",
            "edition": "Yahoo!", "publisher": "P"}
    assert _entries(tmp_path, _bib(layout), [item]) == [expected]


def test_a_no_break_space_before_a_colon_keeps_the_period_before_it(tmp_path):
    body = _bib('<group suffix=". "><text variable="publisher" suffix="&#160;:"/></group>'
                '<text variable="title"/>')
    # (text output prints the no-break space as a space, as it prints every run)
    assert _entries(tmp_path, body, [dict(_PUB, publisher="Paris")]) == ["Paris. : T"]


def test_a_quote_terms_straight_mark_stays(tmp_path):
    body = _bib('<text variable="publisher" quotes="true" suffix=","/>',
                "<locale><terms><term name=\"open-quote\">'</term>"
                "<term name=\"close-quote\">'</term></terms></locale>")
    assert _entries(tmp_path, body, [_PUB]) == ["'P,'"]
