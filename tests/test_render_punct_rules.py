"""Punctuation rules of citeproc-js the renderer follows (issue 15), each on
a small crafted style.  The expected texts are what citeproc-js 2.4 (npm
"citeproc") printed for the same style and items when the rule was
written; no peer is needed here."""
from __future__ import annotations

import pytest

from tests.support import rule_bibliography as _bib
from tests.support import rule_entries as _entries

_PEOPLE = [{"family": "Roe", "given": "Ann"}, {"family": "Doe", "given": "Bo"},
           {"family": "Poe", "given": "Cy"}, {"family": "Zoe", "given": "Di"}]


def _book(count: int, role: str = "author", people=None) -> dict:
    return {"id": "a", "type": "book", "title": "T", role: (people or _PEOPLE)[:count]}


@pytest.mark.parametrize(("name", "count", "expected"), [
    # no "and": the delimiter before the last name does not merge
    ('<name><name-part name="family" suffix=","/></name>', 2, "Ann Roe,, Bo Doe, T"),
    ('<name><name-part name="family" suffix=","/></name>', 4, "Ann Roe, Bo Doe, Cy Poe,, Di Zoe, T"),
    ('<name delimiter=". "><name-part name="family" suffix="."/></name>', 3,
     "Ann Roe. Bo Doe.. Cy Poe., T"),
    ('<name name-as-sort-order="all" sort-separator=" " initialize-with="." delimiter=". "/>', 3,
     "Roe A. Doe B.. Poe C., T"),
    # with "and", or cut by et-al, every delimiter merges
    ('<name and="text"><name-part name="family" suffix=","/></name>', 3,
     "Ann Roe, Bo Doe, and Cy Poe, T"),
    ('<name et-al-min="3" et-al-use-first="2" delimiter-precedes-et-al="always">'
     '<name-part name="family" suffix=","/></name>', 3, "Ann Roe, Bo Doe, et al., T"),
    ('<name et-al-min="4" et-al-use-first="2" et-al-use-last="true">'
     '<name-part name="family" suffix=","/></name>', 4, "Ann Roe, Bo Doe, … Di Zoe, T"),
])
def test_the_last_delimiter_without_and_keeps_the_mark_before_it(tmp_path, name, count,
                                                                   expected):
    body = _bib(f'<names variable="author">{name}</names><text variable="title" prefix=", "/>')
    assert _entries(tmp_path, body, [_book(count)]) == [expected]


def test_literal_names_keep_their_period_before_the_last_delimiter(tmp_path):
    body = _bib('<names variable="author"><name delimiter=". "/></names>'
                '<text variable="title" prefix=", "/>')
    firms = [{"literal": "Acme Inc."}, {"literal": "Bolt Inc."}, {"literal": "Cog Inc."}]
    assert _entries(tmp_path, body, [_book(3, people=firms)]) == [
        "Acme Inc. Bolt Inc.. Cog Inc., T"]


def test_a_list_marked_for_author_substitute_merges_with_what_follows(tmp_path):
    body = _bib('<group delimiter=", "><group delimiter=". "><names variable="author"><name>'
                '<name-part name="family" suffix=","/></name></names></group>'
                '<text variable="title"/></group>', bib=' subsequent-author-substitute="---"')
    items = [dict(_book(2), id="a", title="T"), dict(_book(2), id="b", title="U"),
             dict(_book(1), id="c", title="V"), dict(_book(1), id="d", title="W")]
    assert _entries(tmp_path, body, items) == ["Ann Roe,, Bo Doe, T", "---, U", "Ann Roe, V",
                                               "---, W"]


_AUTHOR = ('<names variable="author"><name name-as-sort-order="first" sort-separator=" ">'
           '{parts}</name><substitute>{substitute}</substitute></names>'
           '<text variable="title" prefix=", "/>')


@pytest.mark.parametrize(("parts", "substitute", "macro", "expected"), [
    ('<name-part name="family" text-case="uppercase"/>',
     '<text macro="tr"/>', '<names variable="translator"><name/></names>',
     "Ann B. ROE, Bo DOE, T"),
    ('<name-part name="family" text-case="uppercase"/>',
     '<names variable="translator"><name><name-part name="given" text-case="uppercase"/>'
     '</name></names>', "", "ANN B. ROE, BO DOE, T"),
    ('<name-part name="family" suffix=","/>',
     '<names variable="translator"><name name-as-sort-order="first" sort-separator=" "/>'
     '</names>', "", "Roe, Ann B., Bo Doe, T"),
    ('<name-part name="family" suffix=","/>',
     '<names variable="translator"><name/></names>', "", "Ann B. Roe,, Bo Doe, T"),
    # its own part of the same name wins
    ('<name-part name="family" suffix=","/>',
     '<names variable="translator"><name name-as-sort-order="first">'
     '<name-part name="family" suffix=";"/></name></names>', "", "Roe;, Ann B., Bo Doe;, T"),
])
def test_a_substitute_name_takes_the_substituted_name_parts(tmp_path, parts, substitute, macro,
                                                            expected):
    extra = f'<macro name="tr">{macro}</macro>' if macro else ""
    body = _bib(_AUTHOR.format(parts=parts, substitute=substitute), extra)
    people = [{"family": "Roe", "given": "Ann B."}, {"family": "Doe", "given": "Bo"}]
    assert _entries(tmp_path, body, [_book(2, "translator", people)]) == [expected]


@pytest.mark.parametrize(("part", "editors", "output", "expected"), [
    ('text-case="uppercase"', [{"literal": "Acme Inc"}], "text", "Acme Inc, T"),
    ('text-case="uppercase"', [{"family": "Roe", "given": "A"}, {"literal": "Acme Inc"}], "text",
     "A ROE, Acme Inc, T"),
    ('font-style="italic"', [{"literal": "Acme Inc"}, {"family": "Roe", "given": "A"}], "html",
     "Acme Inc, A <i>Roe</i>, T"),
])
def test_an_institution_takes_no_inherited_name_part(tmp_path, part, editors, output, expected):
    body = _bib(_AUTHOR.format(parts=f'<name-part name="family" {part}/>',
                               substitute='<names variable="editor"><name/></names>')
                .replace(' name-as-sort-order="first" sort-separator=" "', ""))
    item = {"id": "a", "type": "book", "title": "T", "editor": editors}
    assert _entries(tmp_path, body, [item], output=output) == [expected]


@pytest.mark.parametrize(("part", "expected"), [
    ('<name-part name="family" suffix=","/>', "Roe, Ann B., Bo Doe, T"),
    ('<name-part name="family" text-case="capitalize-first" suffix=","/>',
     "Roe, Ann B., Bo Doe, T"),
    # a formatted part's affix is not merged
    ('<name-part name="family" font-weight="normal" suffix=","/>', "Roe,, Ann B., Bo Doe, T"),
    ('<name-part name="family" font-style="italic" suffix=","/>', "Roe,, Ann B., Bo Doe, T"),
])
def test_a_name_part_affix_meets_the_sort_separator(tmp_path, part, expected):
    body = _bib(f'<names variable="author"><name name-as-sort-order="first">{part}</name>'
                '</names><text variable="title" prefix=", "/>')
    people = [{"family": "Roe", "given": "Ann B."}, {"family": "Doe", "given": "Bo"}]
    assert _entries(tmp_path, body, [_book(2, people=people)]) == [expected]


_PUBLISHER = '<text variable="publisher" prefix=". "/>'
_ITALIC = '<text variable="title" font-style="italic"/>'


@pytest.mark.parametrize(("layout", "title", "expected"), [
    # a formatted element, then the next text's prefix: nothing merged
    (_ITALIC + _PUBLISHER, "Ed.", "Ed.. P"),
    ('<group font-style="italic"><text variable="title"/></group>' + _PUBLISHER, "Ed.", "Ed.. P"),
    ('<text variable="title" font-weight="normal"/>' + _PUBLISHER, "Ed.", "Ed.. P"),
    (_ITALIC + '<group><text variable="publisher" prefix=". "/></group>', "Ed.", "Ed.. P"),
    ('<choose><if type="book">' + _ITALIC + "</if></choose>" + _PUBLISHER, "Ed.", "Ed.. P"),
    (_ITALIC + '<text variable="volume" prefix=", "/>' + _PUBLISHER, "Ed.", "Ed.. P"),
    ('<text variable="title" font-style="italic" suffix=","/>'
     '<text variable="publisher" prefix=", "/>', "Ed", "Ed,, P"),
    (_ITALIC + _PUBLISHER, "Why?", "Why?. P"),
    (_ITALIC + '<text value=". X"/>', "Ed.", "Ed.. X"),
    # nor a mark moved into the quote it ends with
    (_ITALIC + _PUBLISHER, "Aristotle’s “De Motu”", "Aristotle’s “De Motu”. P"),
    ('<text variable="title" font-style="italic" quotes="true"/>'
     '<text variable="publisher" prefix=", "/>', "Ed", "“Ed”, P"),
    # unformatted, or formatted one level down: merged, moved in
    ('<text variable="title"/>' + _PUBLISHER, "Aristotle’s “De Motu”", "Aristotle’s “De Motu.” P"),
    ('<group>' + _ITALIC + '</group>' + _PUBLISHER, "Ed.", "Ed. P"),
    ('<text variable="title" text-case="uppercase"/>' + _PUBLISHER, "Ed.", "ED. P"),
    # the parent's delimiter and suffix merge with it
    ('<group delimiter=". "><group font-style="italic"><text variable="title"/></group>'
     '<text variable="publisher"/></group>', "Ed.", "Ed. P"),
    ('<group suffix=". "><group font-style="italic"><text variable="title"/></group></group>'
     '<text variable="publisher"/>', "Ed.", "Ed. P"),
    ('<text variable="title" font-style="italic" suffix=". "/><text variable="publisher"/>', "Ed.",
     "Ed. P"),
])
def test_a_formatted_element_meets_the_next_text_unmerged(tmp_path, layout, title, expected):
    item = {"id": "a", "type": "book", "title": title, "publisher": "P"}
    assert _entries(tmp_path, _bib(layout), [item]) == [expected]


@pytest.mark.parametrize(("layout", "expected"), [
    # a display block in the layout (or a macro it calls) ends as usual
    ('<text variable="title" display="block" font-style="italic"/>' + _PUBLISHER, "Ed. P"),
    ('<text variable="title" display="indent" font-style="italic"/>' + _PUBLISHER, "Ed. P"),
    ('<group display="block" font-weight="bold"><text variable="title"/></group>' + _PUBLISHER,
     "Ed. P"),
    ('<text macro="t"/>' + _PUBLISHER, "Ed. P"),
    # display deeper down is no block: sealed
    ('<group><text variable="title" display="block" font-style="italic"/>' + _PUBLISHER
     + "</group>", "Ed.. P"),
])
def test_a_display_block_in_text_is_not_sealed(tmp_path, layout, expected):
    macro = '<macro name="t"><text variable="title" display="block" font-style="italic"/></macro>'
    item = {"id": "a", "type": "book", "title": "Ed.", "publisher": "P"}
    assert _entries(tmp_path, _bib(layout, macro), [item]) == [expected]


@pytest.mark.parametrize(("substitute", "expected"), [
    ('<text variable="title" font-style="italic"/>', "Ed.. P"),
    ('<names variable="editor" font-style="italic"><name initialize-with="."'
     ' name-as-sort-order="all"/></names>', "Roe, A.. P"),
])
def test_a_formatted_substitute_meets_the_next_text_unmerged(tmp_path, substitute, expected):
    layout = (f'<names variable="author"><name/><substitute>{substitute}</substitute></names>'
              + _PUBLISHER)
    item = {"id": "a", "type": "book", "title": "Ed.", "publisher": "P",
            "editor": [{"family": "Roe", "given": "Ann"}]}
    assert _entries(tmp_path, _bib(layout), [item]) == [expected]


@pytest.mark.parametrize("rule", ["complete-all", "partial-each"])
def test_a_formatted_list_marked_for_author_substitute_is_sealed(tmp_path, rule):
    layout = ('<names variable="author" font-weight="bold"><name initialize-with="."'
              ' name-as-sort-order="all"/></names><text variable="title" prefix=". "/>')
    people = [("a", "Ann", "T1"), ("b", "Ann", "T2"), ("c", "Ann B.", "T3")]
    items = [{"id": key, "type": "book", "title": title,
              "author": [{"family": "Roe", "given": given}]} for key, given, title in people]
    body = _bib(layout, bib=' subsequent-author-substitute="---"'
                f' subsequent-author-substitute-rule="{rule}"')
    assert _entries(tmp_path, body, items) == ["Roe, A.. T1", "---. T2", "Roe, A.B.. T3"]


def test_a_formatted_names_label_keeps_its_period_before_a_prefix(tmp_path):
    # iso690-full-note-en: "Robert Drew HICKS, ed.. Cambridge"
    layout = ('<names variable="editor" font-style="normal"><name/>'
              '<label form="short" prefix=", "/></names>' + _PUBLISHER)
    item = {"id": "a", "type": "book", "publisher": "P",
            "editor": [{"family": "Hicks", "given": "Rob"}]}
    assert _entries(tmp_path, _bib(layout), [item]) == ["Rob Hicks, ed.. P"]


def test_a_formatted_element_in_html_keeps_the_period_after_its_tag(tmp_path):
    layout = '<group font-style="italic"><text variable="title"/></group>' + _PUBLISHER
    item = {"id": "a", "type": "book", "title": "Ed.", "publisher": "P"}
    assert _entries(tmp_path, _bib(layout), [item], output="html") == ["<i>Ed.</i>. P"]


_DATED = {"id": "a", "type": "book", "title": "T", "publisher": "P", "volume": "5",
          "issued": {"date-parts": [[1877]]}}
_YEAR = '<date variable="issued" suffix="{mark}"><date-part name="year"/></date>'


@pytest.mark.parametrize(("child", "item", "expected"), [
    # the colon or semicolon inside the child: a date's or a group's absorbs
    # the delimiter's period, a field's lets it in before, a number's keeps it
    ("<group>" + _YEAR.format(mark=";") + "</group>", {}, "1877; P"),
    ("<group><group>" + _YEAR.format(mark=";") + '</group><text variable="page"/></group>', {},
     "1877; P"),
    ('<choose><if type="book"><group>' + _YEAR.format(mark=";") + "</group></if></choose>", {},
     "1877; P"),
    ("<group>" + _YEAR.format(mark=":") + "</group>", {}, "1877: P"),
    ('<group><text variable="title" suffix=";"/></group>', {}, "T.; P"),
    ('<group><text variable="volume" suffix=";"/></group>', {}, "5;. P"),
    ('<group><text variable="volume" suffix=":"/></group>', {"volume": "7.2"}, "7.2: P"),
    ('<group><text variable="volume" suffix=":" font-weight="bold"/></group>', {"volume": "A"},
     "A: P"),
    # the child's own suffix keeps it
    (_YEAR.format(mark=";"), {}, "1877;. P"),
    (_YEAR.format(mark=":"), {}, "1877:. P"),
    ('<text variable="title" suffix=":"/>', {}, "T:. P"),
    ('<group suffix=";"><date variable="issued"><date-part name="year"/></date></group>', {},
     "1877;. P"),
    # the data's absorbs it
    ('<text variable="title"/>', {"title": "T;"}, "T; P"),
])
def test_a_delimiter_period_meets_a_colon_or_semicolon(tmp_path, child, item, expected):
    layout = f'<group delimiter=". ">{child}<text variable="publisher"/></group>'
    assert _entries(tmp_path, _bib(layout), [dict(_DATED, **item)]) == [expected]


@pytest.mark.parametrize(("volume", "form", "expected"), [
    # a number absorbs the delimiter's period unless its last number is digits
    ("7a", "numeric", "7a: T"),
    ("2nd", "numeric", "2nd: T"),
    ("7-8a", "numeric", "7–8a: T"),
    ("L2", "numeric", "L2:. T"),
    ("7b-8", "numeric", "7b–8:. T"),
    ("7, 8", "numeric", "7, 8:. T"),
    ("7", "ordinal", "7th:. T"),
    ("7", "roman", "vii:. T"),
    # a word apart from its number makes the value text (citeproc-js)
    ("Suppl 2", "numeric", "Suppl 2: T"),
    ("No. 5", "numeric", "No. 5: T"),
    ("Pt 2", "numeric", "Pt 2: T"),
    ("S-1", "numeric", "S-1: T"),
    ("S2", "numeric", "S2:. T"),
    ("1--2", "numeric", "1--2:. T"),
    ("Md-1", "numeric", "Md-1: T"),  # d is no roman numeral there (citeproc-js)
    ("M-2", "numeric", "M–2:. T"),
])
def test_a_number_colon_keeps_the_period_after_digits(tmp_path, volume, form, expected):
    layout = (f'<group delimiter=". "><group><number variable="volume" form="{form}" suffix=":"/>'
              '</group><text variable="title"/></group>')
    item = {"id": "a", "type": "book", "title": "T", "volume": volume}
    assert _entries(tmp_path, _bib(layout), [item]) == [expected]


@pytest.mark.parametrize(("title", "expected"), [
    ("bioRxiv data", "bioRxiv data"),
    ("iPhone app", "iPhone app"),
    ("pH value", "pH value"),
    ("x-ray study", "X-ray study"),
    ("the arXiv", "The arXiv"),
])
def test_capitalize_first_keeps_a_mixed_case_first_word(tmp_path, title, expected):
    body = _bib('<text variable="title" text-case="capitalize-first"/>')
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "title": title}]) == [expected]


@pytest.mark.parametrize(("title", "expected"), [
    # citeproc-js reads the first word only up to a hyphen or apostrophe
    ("de-Souza-Cruz", "De-Souza-Cruz"),
    ("e-Learning now", "E-Learning now"),
    ("d'Alembert", "D’Alembert"),
    ("iPhone-X", "iPhone-X"),
    # ... a slash, colon, period, bracket, quote, sentence mark or dash too;
    # "_", "@", "&", "+" join the word
    ("https://github.com/ChristofferNellaker", "Https://github.com/ChristofferNellaker"),
    ("bio.Rxiv", "Bio.Rxiv"), ("bio(Rxiv)", "Bio(Rxiv)"), ("bio?Rxiv", "Bio?Rxiv"),
    ("bio\u2013Rxiv", "Bio\u2013Rxiv"), ("bio\u201cRxiv", "Bio\u201cRxiv"),
    ("bio_Rxiv", "bio_Rxiv"), ("bio@Rxiv", "bio@Rxiv"), ("bio&Rxiv", "bio&Rxiv"),
])
def test_capitalize_first_reads_the_first_word_before_a_hyphen(tmp_path, title, expected):
    body = _bib('<text variable="title" text-case="capitalize-first"/>')
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "title": title}]) == [expected]


def test_capitalize_first_on_a_hyphenated_family_name(tmp_path):
    # philosophia-scientiae (seed 959): "De-Souza-Cruz, MC"
    body = _bib('<names variable="author"><name>'
                '<name-part name="family" text-case="capitalize-first"/></name></names>')
    item = {"id": "a", "type": "book", "author": [{"family": "de-Souza-Cruz", "given": "A"}]}
    assert _entries(tmp_path, body, [item]) == ["A De-Souza-Cruz"]


@pytest.mark.parametrize(("title", "expected"), [
    ("sur l’usage des", "Sur l’usage Des"),
    ("sur l'usage des", "Sur l’usage Des"),
    ("o’neill and don’t", "O’neill and Don’t"),
    ("rock ’n’ roll", "Rock ’n’ Roll"),
    ("the “new” way", "The “New” Way"),
])
def test_title_case_parts_words_at_apostrophes(tmp_path, title, expected):
    body = _bib('<text variable="title" text-case="title"/>')
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "title": title}]) == [expected]


@pytest.mark.parametrize(("case", "title", "expected"), [
    ("title", "the arXiv.org site", "The arXivOrg Site"),
    ("lowercase", "E.G. THIS", "e.g this"),
    ("uppercase", "arXiv.org", "ARXIVORG"),
])
def test_strip_periods_after_text_case(tmp_path, case, title, expected):
    body = _bib(f'<text variable="title" text-case="{case}" strip-periods="true"/>')
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "title": title}]) == [expected]


@pytest.mark.parametrize(("attrs", "name", "count", "expected"), [
    # delimiter-precedes-last inherited from the style holds before an institution
    (' delimiter-precedes-last="never"', '<name and="symbol" name-as-sort-order="all"/>', 3,
     "Doe, B., Poe, C. & FlyBase Consortium"),
    (' delimiter-precedes-last="always"', '<name and="symbol"/>', 2, "A. Roe, & FlyBase Consortium"),
    # written on the cs:name, it reads as "contextual" there
    ("", '<name and="symbol" delimiter-precedes-last="never" name-as-sort-order="all"/>', 3,
     "Doe, B., Poe, C., & FlyBase Consortium"),
    ("", '<name and="symbol" delimiter-precedes-last="always"/>', 2, "A. Roe & FlyBase Consortium"),
])
def test_an_institution_last_and_an_inherited_delimiter_precedes_last(tmp_path, attrs, name,
                                                                       count, expected):
    people = [{"family": "Roe", "given": "Ann"}, {"family": "Doe", "given": "Bo"},
              {"family": "Poe", "given": "Cy"}]
    # (``count`` names in all, the institution last)
    shown = people[1:count] if count > 2 else people[:1]
    item = {"id": "a", "type": "book", "title": "T",
            "author": shown + [{"literal": "FlyBase Consortium"}]}
    body = _bib(f'<names variable="author">{name}</names>')
    assert _entries(tmp_path, body, [item], attrs=attrs + ' initialize-with="."') == [expected]


def test_a_formatted_name_part_with_a_prefix_renders(tmp_path):
    # citeproc-py's join of a name's parts raised on such a part (TypeError)
    body = _bib('<names variable="author"><name name-as-sort-order="first">'
                '<name-part name="given" font-style="italic" prefix=", "/></name></names>'
                '<text variable="title" prefix=", "/>')
    people = [{"family": "Roe", "given": "Ann B."}, {"family": "Doe", "given": "Bo"}]
    assert _entries(tmp_path, body, [_book(2, people=people)]) == ["Roe, , Ann B., , Bo Doe, T"]


def test_an_entity_in_the_author_substitute_is_no_semicolon(tmp_path):
    # smithsonian-institution-scholarly-press-botany writes its substitute
    # as "&amp;#8212;..." : the delimiter's period after it stays
    body = _bib('<group delimiter=". "><names variable="author"><name/></names>'
                '<text variable="title"/></group>',
                bib=' subsequent-author-substitute="&amp;#8212;&amp;#8212;"')
    person = [{"family": "Roe", "given": "Ann"}]
    items = [{"id": "a", "type": "book", "title": "T", "author": person},
             {"id": "b", "type": "book", "title": "U", "author": person}]
    assert _entries(tmp_path, body, items) == ["Ann Roe. T", "——. U"]


def test_a_formatted_number_before_a_colon_keeps_the_period_in_html(tmp_path):
    """citeproc-js: '<span style="text-decoration:none;">7</span>:. T', '<b>7</b>:. T'."""
    for formatting, opened, closed in (('text-decoration="none"', '<span style="text-decoration:none;">',
                                        "</span>"), ('font-weight="bold"', "<b>", "</b>")):
        layout = (f'<group delimiter=". "><group><number variable="volume" suffix=":" {formatting}/>'
                  '</group><text variable="title"/></group>')
        item = {"id": "a", "type": "book", "title": "T", "volume": "7"}
        assert _entries(tmp_path, _bib(layout), [item], output="html") == [f"{opened}7{closed}:. T"]
