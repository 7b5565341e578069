"""Rules of citeproc-js for groups, punctuation, terms, variables and text
case, each on a small style.  The expected texts are what citeproc-js 2.4
(npm "citeproc") printed for the same style and items when the rule was
written; no peer is needed here."""
from __future__ import annotations

import pytest

from tests.support import rule_bibliography as _bib
from tests.support import rule_entries as _entries

_VOLUME = ('<macro name="vol"><group delimiter=" "><text term="volume" form="short"/>'
           '<text variable="volume"/></group></macro>')


@pytest.mark.parametrize(("extra", "expected"), [
    ({}, "T; 1907;"),                 # the empty volume group: the text ends in the year
    ({"volume": "5"}, "T; 1907; vol. 5;."),  # it ends in a number: the period stays
])
def test_a_period_after_a_semicolon_looks_at_what_printed_last(tmp_path, extra, expected):
    # multidisciplinary-digital-publishing-institute's books: "1907;." was printed
    layout = ('<group delimiter="; " suffix=";"><text variable="title"/>'
              '<group delimiter=", "><date variable="issued"><date-part name="year"/></date>'
              '</group><group delimiter=", "><text macro="vol"/></group></group>')
    body = _bib(layout, _VOLUME).replace("<bibliography><layout>",
                                         '<bibliography><layout suffix=".">')
    item = {"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[1907]]}, **extra}
    assert _entries(tmp_path, body, [item]) == [expected]


@pytest.mark.parametrize(("date", "expected"), [
    ('<date variable="issued" font-style="italic"><date-part name="month"/></date>',
     "<i>March</i>"),
    ('<date variable="issued" font-weight="bold" prefix="(" suffix=")">'
     '<date-part name="year"/></date>', "(<b>1907</b>)"),
    # a localized date keeps no formatting of its own
    ('<date variable="issued" form="text" font-style="italic"/>', "March 4, 1907"),
])
def test_a_date_formats_its_text_inside_its_affixes(tmp_path, date, expected):
    # ulua-revista-de-historia-sociedad-y-cultura's italic months were printed upright
    item = {"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[1907, 3, 4]]}}
    assert _entries(tmp_path, _bib(date), [item], output="html") == [expected]


@pytest.mark.parametrize(("layout", "title", "expected"), [
    # a value's comma or period does not go into the quote before it
    ('<text variable="title" quotes="true"/><group><text value=", in "/>'
     '<text variable="container-title"/></group>', "T", "“T”, in C"),
    ('<text variable="title" quotes="true"/><text value=". "/><text variable="container-title"/>',
     "T", "“T”. C"),
    # nor merges with a comma before it; a period after a period is dropped
    ('<text variable="title"/><text value=", x"/>', "Ed,", "Ed,, x"),
    ('<text variable="title"/><text value=". x"/>', "Ed.", "Ed. x"),
    ('<text variable="title" quotes="true"/><text value=". x"/>', "Ed.", "“Ed.” x"),
    ('<text variable="title"/><text value=". x"/>', "Why?", "Why? x"),
    ('<text variable="title" quotes="true"/><text value=". x"/>', "Why?", "“Why?” x"),
    # a prefix's comma still goes in
    ('<text variable="title" quotes="true"/><text variable="container-title" prefix=", in "/>',
     "T", "“T,” in C"),
])
def test_a_value_keeps_its_leading_punctuation(tmp_path, layout, title, expected):
    # maison-de-l-orient-et-de-la-mediterranee-en's chapters: "“Title,” in" was printed
    item = {"id": "a", "type": "chapter", "title": title, "container-title": "C"}
    assert _entries(tmp_path, _bib(layout), [item]) == [expected]


def test_a_value_after_formatted_text_keeps_its_period(tmp_path):
    layout = '<text variable="title" font-style="italic"/><text value=". x"/>'
    item = {"id": "a", "type": "chapter", "title": "Ed."}
    assert _entries(tmp_path, _bib(layout), [item], output="html") == ["<i>Ed.</i>. x"]


@pytest.mark.parametrize(("page", "expected"), [
    ("55-65", "F:55"),
    ("431-456, 791-823", "F:431"),
    ("e55 & 57", "F:e55"),
    ("xii–xv", "F:xii"),
])
def test_page_first_is_derived_from_page(tmp_path, page, expected):
    # macromolecular-reaction-engineering tests page-first and printed the whole page
    layout = ('<choose><if variable="page-first"><text variable="page-first" prefix="F:"/></if>'
              '<else><text variable="page" prefix="P:"/></else></choose>')
    item = {"id": "a", "type": "article-journal", "title": "T", "page": page}
    assert _entries(tmp_path, _bib(layout), [item]) == [expected]


def test_page_first_follows_page_over_the_items_own(tmp_path):
    layout = '<text variable="page-first" prefix="F:"/><text variable="page" prefix=" P:"/>'
    item = {"id": "a", "type": "article-journal", "title": "T", "page": "55-65", "page-first": "99"}
    assert _entries(tmp_path, _bib(layout), [item]) == ["F:55 P:55–65"]


@pytest.mark.parametrize("lang", ['', ' xml:lang="en"'])
def test_a_style_locales_long_form_written_out_overrides_the_locale_file(tmp_path, lang):
    # harvard-bournemouth-university printed the locale file's "Available at"
    locale = (f'<locale{lang}><terms><term name="available at" form="long">available from</term>'
              '</terms></locale>')
    body = _bib('<text term="available at" text-case="capitalize-first"/>', locale)
    assert _entries(tmp_path, body, [{"id": "a", "type": "webpage", "title": "T"}]) \
        == ["Available from"]


@pytest.mark.parametrize(("text_case", "title", "expected"), [
    # the data's small capitals and nocase spans keep their case
    ("uppercase", 'Natum <span style="font-variant:small-caps;">mcxcviii</span> Ab',
     'NATUM <span style="font-variant:small-caps;">mcxcviii</span> AB'),
    ("lowercase", 'natum <span class="nocase">MCx</span> Ab', "natum MCx ab"),
    # and word casing adds no spaces inside their markup
    ("capitalize-all", 'natum <span style="font-variant:small-caps;">mcxcviii</span> ab',
     'Natum <span style="font-variant:small-caps;">mcxcviii</span> Ab'),
    ("sentence", 'Natum <span style="font-variant:small-caps;">MCx cv</span> Ab',
     'Natum <span style="font-variant:small-caps;">MCx cv</span> ab'),
])
def test_text_case_leaves_nocase_parts(tmp_path, text_case, title, expected):
    # colorado-state-university-school-of-biomedical-engineering: "MCXCVIII"
    body = _bib(f'<text variable="title" text-case="{text_case}"/>')
    item = {"id": "a", "type": "book", "title": title}
    assert _entries(tmp_path, body, [item], output="html") == [expected]


@pytest.mark.parametrize(("title", "expected"), [
    ("natum AB ab", "Natum ab ab"),
    ("NATUM AB", "NATUM ab"),
    ("iPhone X", "IPhone x"),
    ("dNA-Seq AB: The Cat", "DNA-seq ab: the cat"),
    ("“quoted” Word", "“Quoted” word"),
])
def test_sentence_case_as_citeproc_js_does_it(tmp_path, title, expected):
    body = _bib('<text variable="title" text-case="sentence"/>')
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "title": title}]) == [expected]


@pytest.mark.parametrize(("roles", "expected"), [
    ({"editor": [{"family": "Matuz", "given": "R"}]}, "R Matuz. t"),
    ({"translator": [{"family": "Tran", "given": "S"}]}, "S Tran. t"),
])
def test_a_substitute_of_several_variables_represses_each(tmp_path, roles, expected):
    # nlm-citation-sequence-brackets-year-only-no-issue printed the editor twice
    body = _bib('<names variable="author"><name/><substitute><names variable="editor translator"/>'
                '</substitute></names><text variable="title" prefix=". "/>'
                '<names variable="editor" prefix=" E:"/><names variable="translator" prefix=" T:"/>')
    item = {"id": "a", "type": "book", "title": "t", **roles}
    assert _entries(tmp_path, body, [item]) == [expected]


@pytest.mark.parametrize(("layout", "item", "expected"), [
    ('<text term="no date" form="short" prefix=" "/><text variable="title" prefix=" "/>', {},
     "N.d. t"),
    ('<date variable="issued"><date-part name="year"/></date><text term="in"/>', {}, "In"),
    # a variable called before it, even empty, or a value, keeps it as it is
    ('<text variable="volume"/><text term="in"/><text variable="title" prefix=" "/>', {}, "in t"),
    ('<text value="x"/><text term="no date" form="short" prefix=" "/>', {}, "x n.d."),
    ('<text variable="title" prefix=" "/><text term="no date" form="short" prefix=" "/>', {},
     "t n.d."),
])
def test_a_term_first_in_an_entry_is_capitalized(tmp_path, layout, item, expected):
    # bollettino-d-archeologia-online: "n.d.: ." for an entry without author or date
    item = {"id": "a", "type": "book", "title": "t", **item}
    assert _entries(tmp_path, _bib(layout), [item]) == [expected]


@pytest.mark.parametrize(("kind", "expected"), [("in-text", "n.d. t"), ("note", "N.d. t")])
def test_a_term_first_in_a_cite_is_capitalized_in_note_styles_only(tmp_path, kind, expected):
    from converters.render import render
    from tests.support import _RULE_STYLE

    layout = '<layout><text term="no date" form="short"/><text variable="title" prefix=" "/></layout>'
    path = tmp_path / "rule.csl"
    path.write_text(_RULE_STYLE.format(kind=kind, attrs="", body=f"<citation>{layout}</citation>"),
                    encoding="utf-8")
    done = render([{"id": "a", "type": "book", "title": "t"}], style=str(path), cite=["[@a]"])
    assert done.citations == [expected]


_BRACKETED = '<text variable="collection-title" quotes="true" prefix="(" suffix=")"/>'
_YEAR = '<date variable="issued"><date-part name="year"/></date>'


@pytest.mark.parametrize(("layout", "title", "expected"), [
    # nested in a group or macro, the next mark goes into the quote
    (f'<group delimiter=", "><group>{_BRACKETED}</group>{_YEAR}</group>', "Coll",
     "(“Coll,”) 1968"),
    (f'<group delimiter="; "><text macro="coll"/>{_YEAR}</group>', "Coll", "(“Coll;”) 1968"),
    (f'<group>{_BRACKETED}</group><date variable="issued" prefix=", "><date-part name="year"/>'
     "</date>", "Coll?", "(“Coll?,”) 1968"),
    # beside the quoted element itself, or after rich text, it stays out
    (f'<group delimiter=", ">{_BRACKETED}{_YEAR}</group>', "Coll", "(“Coll”), 1968"),
    (f'<group delimiter=", "><group>{_BRACKETED}</group>{_YEAR}</group>', "Coll's",
     "(“Coll’s”), 1968"),
])
def test_a_mark_after_a_nested_quote_in_brackets_goes_in(tmp_path, layout, title, expected):
    # le-tapuscrit-note: "(coll. “Clarendon Aristotle,”) 1968"
    body = _bib(layout, f'<macro name="coll">{_BRACKETED}</macro>')
    item = {"id": "a", "type": "book", "title": "t", "collection-title": title,
            "issued": {"date-parts": [[1968]]}}
    assert _entries(tmp_path, body, [item]) == [expected]


def test_a_term_after_the_citation_number_is_still_first(tmp_path):
    # small: "[11] n.d." where citeproc-js prints "[11] N.d."
    layout = ('<text variable="citation-number" prefix="[" suffix="] "/>'
              '<text term="no date" form="short"/>')
    item = {"id": "a", "type": "article-journal", "title": "t"}
    assert _entries(tmp_path, _bib(layout), [item]) == ["[1] N.d."]


@pytest.mark.parametrize(("range_format", "page", "expected"), [
    ("minimal", "A1-A4", "A1–4"),
    ("minimal", "S1-S14", "S1–14"),
    ("chicago", "A99-A100", "A99–100"),
    ("minimal-two", "A11-A14", "A11–14"),
    ("expanded", "A1-A4", "A1–A4"),
    (None, "N110-N5", "N110–N5"),
])
def test_a_page_ranges_shared_prefix(tmp_path, range_format, page, expected):
    # journal-of-surgery-and-medicine, dialisis-y-trasplante: "A1–A4" for "A1–4"
    attrs = f' page-range-format="{range_format}"' if range_format else ""
    item = {"id": "a", "type": "article-journal", "title": "t", "page": page}
    assert _entries(tmp_path, _bib('<text variable="page"/>'), [item], attrs=attrs) == [expected]
