"""Rendering rules of citeproc-js the renderer follows (issue 15, fourth
punctuation round): subsequent-author-substitute's comparison, ...  Each on
a small crafted style; the expected texts are what citeproc-js 2.4 (npm
"citeproc") printed for the same style and items when the rule was
written; no peer is needed here."""
from __future__ import annotations

import pytest

from tests.support import rule_bibliography as _bib
from tests.support import rule_entries as _entries


def _person(family: str, given: str) -> dict:
    return {"family": family, "given": given}


_ADLER, _BARABE, _JEAN = _person("Adler", "Irving"), _person("Barabé", "Denis"), \
    _person("Jean", "Roger")
_CAO, _ZHANG = _person("Cao", "R"), _person("Zhang", "Y")
_SUBSTITUTED = [
    {"id": "a", "type": "book", "title": "One", "author": [_ADLER]},
    {"id": "b", "type": "book", "title": "Two", "author": [_ADLER, _BARABE, _JEAN]},
    {"id": "c", "type": "book", "title": "Three", "author": [_CAO, _ZHANG]},
    {"id": "d", "type": "book", "title": "Four", "author": [_CAO, _ZHANG]},
    # printed as "Zhang, Y." too, but not the same name: no subsequent author
    {"id": "e", "type": "book", "title": "Five", "author": [_CAO, _person("Zhang", "YX")]},
]
_AUTHOR_TITLE = ('<group delimiter=". "><names variable="author"><name and="symbol"{delimiter}'
                 ' initialize-with=". " name-as-sort-order="all"/></names>'
                 '<text variable="title"/></group>')


@pytest.mark.parametrize(("rule", "expected"), [
    ("partial-each", ["Adler, I. One", "---, Barabé, D., & Jean, R. Two",
                      "Cao, R. & Zhang, Y. Three", "--- & ---. Four", "--- & Zhang, Y. Five"]),
    ("partial-first", ["Adler, I. One", "---, Barabé, D., & Jean, R. Two",
                       "Cao, R. & Zhang, Y. Three", "--- & Zhang, Y. Four",
                       "--- & Zhang, Y. Five"]),
    ("complete-each", ["Adler, I. One", "Adler, I., Barabé, D., & Jean, R. Two",
                       "Cao, R. & Zhang, Y. Three", "--- & ---. Four",
                       "Cao, R. & Zhang, Y. Five"]),
    (None, ["Adler, I. One", "Adler, I., Barabé, D., & Jean, R. Two",
            "Cao, R. & Zhang, Y. Three", "---. Four", "Cao, R. & Zhang, Y. Five"]),
])
@pytest.mark.parametrize("delimiter", ["", ' delimiter=", "'])
def test_subsequent_authors_are_the_same_names_not_the_same_print(tmp_path, rule, expected,
                                                                  delimiter):
    """citeproc-js compares the names' parts ("Zhang" "Y" and "Zhang" "YX"
    differ, both printed "Zhang, Y."), one by one for the partial rules,
    also where the cs:name sets its own delimiter (which citeproc-py joined
    the names with whatever was asked: nothing was substituted in
    monographs-of-the-palaeontographical-society)."""
    bib = ' subsequent-author-substitute="---"'
    if rule:
        bib += f' subsequent-author-substitute-rule="{rule}"'
    body = _bib(_AUTHOR_TITLE.format(delimiter=delimiter), bib=bib)
    assert _entries(tmp_path, body, _SUBSTITUTED) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://arxiv.org/abs/math/0307200v3", "https://arxiv.org"),
    ("https://arxiv.org/abs/1008.2849v1", "https://arxiv.org"),
    ("http://www.ctan.org", "www.ctan.org"),
    ("https://www.fourmilab.ch/solar/", "www.fourmilab.ch"),
    ("http://mirror.ctan.org/info/bibtex/ttb_en.pdf", "http://mirror.ctan.org"),
    ("https://doi.org/10.1000/x.y", "https://doi.org/10.1000"),
    ("ftp://x.org/a.b/c", "ftp://x.org/a.b"),
    ("https://www.a.b.c/x.y/z/", "www.a.b.c/x.y"),
    ("example", "example"),
])
def test_a_urls_short_form_is_cut_after_its_host(tmp_path, url, expected):
    """citeproc-js's form "short" of URL (annual-reviews and ten more
    catalogue styles); the long form is the URL as given."""
    body = _bib('<group delimiter=" | "><text variable="URL" form="short"/>'
                '<text variable="URL"/></group>')
    item = {"id": "a", "type": "webpage", "title": "T", "URL": url}
    assert _entries(tmp_path, body, [item]) == [f"{expected} | {url}"]


_MEETING = ('<macro name="field"><text variable="title" suffix="{s}"/></macro>'
            '<macro name="pages"><text variable="page" prefix="{p}"/></macro>'
            '<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography><layout><group>{left}<text macro="pages"/></group></layout>'
            '</bibliography>')


@pytest.mark.parametrize(("suffix", "prefix", "left", "expected"), [
    # the group's own child's suffix, or a group's: merged with the prefix's mark
    (";", ":", '<text variable="title" suffix=";"/>', ["T;5", "U?;5", "3;5"]),
    (";", ".", '<text variable="title" suffix=";"/>', ["T;5", "U?;5", "3;5"]),
    (":", ".", '<text variable="title" suffix=":"/>', ["T:5", "U?5", "3:5"]),
    (";", ":", '<group suffix=";"><text variable="title"/></group>', ["T;5", "U?;5", "3;5"]),
    (":", ". ", '<text variable="volume" suffix=":"/>', ["3: 5", "3: 5", "3: 5"]),
    # a field's suffix further in: the mark goes in before it
    (";", ":", '<text macro="field"/>', ["T:;5", "U?;5", "3:;5"]),
    (";", ".", '<text macro="field"/>', ["T.;5", "U?;5", "3.;5"]),
    (":", ". ", '<text macro="field"/>', ["T.: 5", "U? 5", "3.: 5"]),
    # a number's further in: both stay
    (";", ":", '<group><text variable="volume" suffix=";"/></group>', ["3;:5", "3;:5", "3;:5"]),
    (":", ". ", '<group><text variable="volume" suffix=":"/></group>', ["3:. 5", "3:. 5", "3:. 5"]),
    # marks that do not merge into one: both stay
    (";", ",", '<text variable="title" suffix=";"/>', ["T;,5", "U?;,5", "3;,5"]),
])
def test_a_prefix_mark_meets_the_colon_before_it_as_citeproc_js_merges_them(
        tmp_path, suffix, prefix, left, expected):
    """The newspaper articles without a volume of the Vancouver styles:
    "1993;A1–4", not "1993;:A1–4" (the-journal-of-laryngology-and-otology,
    baghdad-science-journal, survey-of-ophthalmology)."""
    body = _MEETING.format(s=suffix, p=prefix, left=left)
    items = [{"id": "a", "type": "book", "title": "T", "page": "5", "volume": "3"},
             {"id": "b", "type": "book", "title": "U?", "page": "5", "volume": "3"},
             {"id": "c", "type": "book", "title": "3", "page": "5", "volume": "3"}]
    assert _entries(tmp_path, body, items) == expected


_NUMBER_VARIABLES = ("volume", "issue", "number", "collection-number", "chapter-number",
                     "edition", "number-of-pages")


@pytest.mark.parametrize("element", ["text", "number"])
@pytest.mark.parametrize(("terms", "attrs", "expected"), [
    # the locale's page-range-delimiter joins the ranges of number variables;
    # a collection-number's "-" is the year-range-delimiter, and its range
    # going down takes that delimiter; chapter-number and number-of-pages
    # keep a range going down as written, unless there is a page-range-format
    ("-", "", ["5-6 | 5-6 | 5-6 | 5/6 | 5-6 | 5-6 | 5-6",
               "8-3 | 8-3 | 8-3 | 8/3 | 8-3 | 8-3 | 8-3"]),
    (" to ", "", ["5 to 6 | 5 to 6 | 5 to 6 | 5 to 6 | 5 to 6 | 5 to 6 | 5 to 6",
                  "8 to 3 | 8 to 3 | 8 to 3 | 8/3 | 8-3 | 8 to 3 | 8-3"]),
    (" to ", ' page-range-format="expanded"',
     ["5 to 6 | 5 to 6 | 5 to 6 | 5 to 6 | 5 to 6 | 5 to 6 | 5 to 6",
      "8 to 3 | 8 to 3 | 8 to 3 | 8 to 3 | 8 to 3 | 8 to 3 | 8 to 3"]),
    (None, "", ["5–6 | 5–6 | 5–6 | 5–6 | 5–6 | 5–6 | 5–6",
                "8–3 | 8–3 | 8–3 | 8–3 | 8-3 | 8–3 | 8-3"]),
])
def test_number_ranges_take_the_locales_range_delimiter(tmp_path, element, terms, attrs, expected):
    """developmental-dynamics (page-range-delimiter "-", one of 111
    catalogue styles that set it so): "25(5-6)", not "25(5–6)"."""
    locale = ('<locale><terms><term name="page-range-delimiter">'
              f'{terms}</term><term name="year-range-delimiter">/</term></terms></locale>'
              if terms is not None else "")
    parts = "".join(f'<{element} variable="{v}"/>' for v in _NUMBER_VARIABLES)
    body = locale + _bib(f'<group delimiter=" | ">{parts}</group>')
    items = [dict({v: value for v in _NUMBER_VARIABLES}, id=f"i{value}", type="book", title="T")
             for value in ("5-6", "8-3")]
    assert _entries(tmp_path, body, items, attrs=attrs) == expected


@pytest.mark.parametrize("element", ["text", "number"])
@pytest.mark.parametrize(("value", "expected"), [
    ("D-2", "D-2"), ("12-D", "12-D"), ("D-2, 5", "D-2, 5"), ("II-III", "II–III"),
    ("1-3", "1–3"),
])
def test_d_is_no_roman_numeral_in_a_range(tmp_path, element, value, expected):
    """citeproc-js's roman numerals are i, v, x, l, c and m: "D-2" is a
    report number printed as written, not a range."""
    body = _bib(f'<{element} variable="number"/>')
    item = {"id": "a", "type": "report", "title": "T", "number": value}
    assert _entries(tmp_path, body, [item]) == [expected]


_STOPS = [{"id": "b", "type": "book", "title": "U?", "publisher": "P"},
          {"id": "c", "type": "book", "title": "V!", "publisher": "P"},
          {"id": "d", "type": "book", "title": "W.", "publisher": "P"}]


@pytest.mark.parametrize(("layout", "output", "expected"), [
    # a formatted leaf's own period, or a delimiter's, stays after its "?"
    ('<text variable="title" font-style="italic" suffix="."/><text variable="publisher" prefix=" "/>',
     "text", ["U?. P", "V!. P", "W. P"]),
    ('<text variable="title" font-style="normal" suffix="."/><text variable="publisher" prefix=" "/>',
     "html", ["U?. P", "V!. P", "W. P"]),
    ('<group delimiter=". "><text variable="title" font-weight="bold"/>'
     '<text variable="publisher"/></group>', "text", ["U?. P", "V!. P", "W. P"]),
    # a plain one's, and a formatted group's, merge; so does a parent's suffix
    ('<group delimiter=": "><text variable="title"/><text variable="publisher"/></group>',
     "text", ["U? P", "V! P", "W.: P"]),
    ('<group delimiter=": "><text variable="title"/><text variable="publisher"/></group>',
     "html", ["U? P", "V! P", "W.: P"]),
    ('<group delimiter=". "><group font-style="italic"><text variable="title"/></group>'
     '<text variable="publisher"/></group>', "html", ["<i>U?</i> P", "<i>V!</i> P", "<i>W.</i> P"]),
    ('<group suffix="."><text variable="title" font-style="italic"/></group>'
     '<text variable="publisher" prefix=" "/>', "html", ["<i>U?</i> P", "<i>V!</i> P", "<i>W.</i> P"]),
    ('<text macro="m" font-weight="bold" suffix="."/><text variable="publisher" prefix=" "/>',
     "html", ["<b>U?</b> P", "<b>V!</b> P", "<b>W.</b> P"]),
])
def test_a_period_or_colon_after_a_question_mark_merges_outside_formatted_leaves(
        tmp_path, layout, output, expected):
    """citeproc-js merges a period or colon into a "?" or "!" before it
    except where the mark is a formatted leaf's own suffix or a delimiter
    after it (american-medical-association's italic journal "Journal of
    Things?.", baghdad-science-journal's title in font-style="normal"),
    across the end tags of a formatted group or macro."""
    body = '<macro name="m"><text variable="title"/></macro>' + _bib(layout)
    assert _entries(tmp_path, body, _STOPS, output=output) == expected


_OUTER = ('<names variable="author" prefix="(" suffix=")"{attrs}><name/>'
          '<substitute>{inner}</substitute></names>')
_MACROS = ('<macro name="ed"><names variable="editor" prefix="[" suffix="]"><name/>'
           '<label prefix=" (" suffix=")"/></names></macro>'
           '<macro name="bare"><names variable="editor"/></macro>'
           '<macro name="title"><text variable="title" prefix="{" suffix="}"/></macro>')


@pytest.mark.parametrize(("attrs", "inner", "expected"), [
    # a cs:names without a cs:name is printed by the one it stands for: that
    # one's affixes and formatting, not its own
    ("", '<names variable="editor"/>', "(Ann Roe)"),
    ("", '<names variable="editor" prefix="x" font-style="italic"/>', "(Ann Roe)"),
    ("", '<names variable="editor" prefix="x"/>', "(Ann Roe)"),
    # one with a cs:name, or in a macro, prints its own only
    ("", '<names variable="editor"><name/></names>', "Ann Roe"),
    ("", '<names variable="editor" prefix="x"><name/></names>', "xAnn Roe"),
    ("", '<names variable="editor"><name/><label prefix=" "/></names>', "Ann Roe editor"),
    ("", '<text macro="ed"/>', "[Ann Roe (editor)]"),
    ("", '<text macro="bare"/>', "Ann Roe"),
    (' font-style="italic"', '<names variable="editor"><name/></names>', "Ann Roe"),
    # so does a text
    (' font-style="italic"', '<text macro="title"/>', "{T}"),
])
def test_a_substitute_names_takes_the_affixes_of_the_names_that_prints_it(
        tmp_path, attrs, inner, expected):
    body = _MACROS + _bib(_OUTER.format(attrs=attrs, inner=inner))
    item = {"id": "a", "type": "book", "title": "T", "editor": [_person("Roe", "Ann")]}
    assert _entries(tmp_path, body, [item], output="html") == [expected]


_PARTS = [{"id": "a", "type": "book", "title": "T", "publisher": "P"},
          {"id": "b", "type": "book", "title": "U?", "publisher": "P"},
          {"id": "c", "type": "book", "title": "W.", "publisher": "P"}]


@pytest.mark.parametrize(("layout", "suffix", "expected"), [
    ('<text variable="title" display="block"/><text variable="publisher" prefix=". "/>', "",
     ['<div class="csl-block">T.</div> P', '<div class="csl-block">U?</div> P',
      '<div class="csl-block">W.</div> P']),
    ('<group display="block"><text variable="title"/></group>'
     '<text variable="publisher" prefix=", "/>', ".",
     ['<div class="csl-block">T,</div> P.', '<div class="csl-block">U?,</div> P.',
      '<div class="csl-block">W.,</div> P.']),
    ('<text variable="title" display="block" font-style="italic"/>'
     '<text variable="publisher" prefix=". "/>', "",
     ['<div class="csl-block"><i>T</i>.</div> P', '<div class="csl-block"><i>U?</i></div> P',
      '<div class="csl-block"><i>W.</i></div> P']),
    # the layout's suffix stays out
    ('<text variable="publisher"/><text variable="title" display="block"/>', ".",
     ['P<div class="csl-block">T</div>.', 'P<div class="csl-block">U?</div>',
      'P<div class="csl-block">W.</div>']),
])
def test_a_prefix_mark_after_a_display_part_goes_into_its_division(tmp_path, layout, suffix,
                                                                   expected):
    """citeproc-js moves the next text's leading mark into the division
    before it, merged with its last mark (the known miss "</div>. P")."""
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            f'<bibliography><layout suffix="{suffix}">{layout}</layout></bibliography>')
    assert _entries(tmp_path, body, _PARTS, output="html") == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Up?", "Up?. P"), ("x & y?", "x & y?. P"), ("Up (a)?", "Up (a)?. P"),
    # a value citeproc-js reads as rich text (quotes, apostrophes, markup)
    # merges the period as plain text does
    ("What's up?", "What’s up? P"), ("Ann’s Up?", "Ann’s Up? P"),
    ('Say "hi" now?', "Say “hi” now? P"), ("Why <i>x</i>?", "Why x? P"),
])
@pytest.mark.parametrize("layout", [
    '<text variable="title" font-style="italic" suffix="."/><text variable="publisher" prefix=" "/>',
    '<group delimiter=". "><text variable="title" font-style="italic"/>'
    '<text variable="publisher"/></group>',
])
def test_a_formatted_leafs_period_after_a_question_mark_in_rich_text(tmp_path, title, expected,
                                                                   layout):
    """im-gesprach, suomen-antropologi and universitat-heidelberg: "What’s
    All the Noise About Developmental Stochasticity? Oxford", in italics."""
    item = {"id": "a", "type": "book", "title": title, "publisher": "P"}
    assert _entries(tmp_path, _bib(layout), [item]) == [expected]


@pytest.mark.parametrize(("title", "expected"), [
    ("(hello) x", "(Hello) x"), ("[hello] x", "[Hello] x"), ("‘hi’ there", "‘Hi’ there"),
    ("<i>hello</i> x", "Hello x"),
    # not behind these, nor behind a straight quote pair
    ("«bon» x", "«bon» x"), ("¿qué? x", "¿qué? x"), ('"hello" world', "“hello” world"),
    ("'hi' there", "“hi” there"),
])
def test_capitalize_first_behind_an_opening_bracket_or_quote(tmp_path, title, expected):
    body = _bib('<text variable="title" text-case="capitalize-first"/>')
    item = {"id": "a", "type": "book", "title": title}
    assert _entries(tmp_path, body, [item]) == [expected]
