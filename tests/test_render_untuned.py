"""Rules of citeproc-js found on the styles nobody tuned for (the second
and third citeproc-js samples, ``python -m tests.citeproc_js --seed N``),
each on a small crafted style.  The expected texts are what citeproc-js
2.4 (npm "citeproc") prints for the same style and items; no peer is
needed here."""
from __future__ import annotations

import pytest

from converters.render import render
from tests.support import rule_bibliography as _bib
from tests.support import rule_entries as _entries


def test_strip_periods_keeps_a_doi_and_lower_case_periods(tmp_path):
    # journal-of-the-botanical-research-institute-of-texas: strip-periods on the DOI
    body = _bib('<group delimiter=" | "><text variable="DOI" prefix="doi:" strip-periods="true"/>'
                '<text variable="title" strip-periods="true"/>'
                '<text term="editor" form="short" strip-periods="true"/></group>')
    item = {"id": "a", "type": "book", "title": "Notes, e.g. on St. Kilda", "DOI": "10.1063/1.2172593"}
    assert _entries(tmp_path, body, [item]) == ["doi:10.1063/1.2172593 | Notes, e.g on St Kilda | ed"]


def test_an_enclosing_suffix_goes_into_the_quotes_before_the_quoted_suffix(tmp_path):
    # neural-plasticity: a quoted title with suffix "," in a macro called with suffix "."
    body = ('<macro name="title"><text variable="title" quotes="true" suffix=","/></macro>'
            + _bib('<group delimiter=" "><text macro="title" suffix="{mark}"/>'
                   '<text variable="publisher"/></group>'))
    items = [{"id": "a", "type": "article", "title": "Sufficient conditions", "publisher": "P"},
             {"id": "b", "type": "article", "title": "Immunity."},
             {"id": "c", "type": "article", "title": "Why?", "publisher": "Q"}]
    assert _entries(tmp_path, body.replace("{mark}", "."), items) == [
        "“Sufficient conditions.,” P", "“Immunity.,”", "“Why?,” Q"]
    assert _entries(tmp_path, body.replace("{mark}", "!"), items) == [
        "“Sufficient conditions!,” P", "“Immunity.!,”", "“Why?!,” Q"]
    # a title citeproc-js reads as rich text (an apostrophe) keeps the order
    rich = [{"id": "a", "type": "article", "title": "Jake's narration"}]
    assert _entries(tmp_path, body.replace("{mark}", "."), rich) == ["“Jake’s narration,.”"]
    # a layout's suffix "." after it is a duplicate
    ending = ('<macro name="title"><text variable="title" quotes="true" suffix=","/></macro>'
              '<citation><layout><text variable="title"/></layout></citation><bibliography>'
              '<layout suffix="."><text macro="title" suffix="."/></layout></bibliography>')
    assert _entries(tmp_path, ending, items[:1]) == ["“Sufficient conditions.,”"]


def test_a_macro_called_with_strip_periods_keeps_its_contents_affixes(tmp_path):
    # journal-of-biomedical-materials-research-part-a: "J Organomet Chem." from a
    # group with suffix "." in a macro called with strip-periods
    body = ('<macro name="ct"><group suffix="." delimiter=" "><text variable="container-title"/>'
            '<text variable="volume" prefix="[" suffix=".]"/></group></macro>'
            + _bib('<group delimiter=" " suffix=". "><text variable="title"/>'
                   '<text macro="ct" strip-periods="true"/>'
                   '<text variable="publisher" prefix="(" suffix=")."/></group>'))
    item = {"id": "a", "type": "article-journal", "title": "T. x", "container-title": "J. Org. Chem.",
            "volume": "4", "publisher": "P. Co."}
    assert _entries(tmp_path, body, [item]) == ["T. x J Org Chem [4.]. (P. Co.)."]


def test_a_left_margin_keeps_its_trailing_space_in_text(tmp_path):
    # journal-of-biomedical-materials-research-part-a: number suffix ". " in a
    # second-field-align layout prints "1.  Doe" (the margin, then a space)
    body = ('<citation><layout><text variable="citation-number"/></layout></citation>'
            '<bibliography second-field-align="flush"><layout>'
            '<text variable="citation-number" suffix=". "/><text variable="title"/>'
            '</layout></bibliography>')
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "title": "Doe"}]) == ["1.  Doe"]
    # Markdown is no citeproc-js output: it keeps one space, as before, and
    # escapes the number's period so the entry is not read as a numbered list
    path = tmp_path / "rule.csl"
    markdown = render([{"id": "a", "type": "book", "title": "Doe"}], style=str(path),
                      output="markdown").entries
    assert markdown == ["1\\. Doe"]


def test_a_note_style_letters_only_cites_printed_alike(tmp_path):
    # european-journal-for-philosophy-of-religion, topoi-orient-occident-classique:
    # an editor's book and a chapter by the editor print different notes, so
    # citeproc-js adds no year suffix
    body = ('<citation disambiguate-add-year-suffix="true"><layout><names variable="author">'
            '<name/><substitute><names variable="editor"/></substitute></names>'
            '<text variable="title" prefix=", "/></layout></citation>'
            '<bibliography><layout><group delimiter=" "><names variable="author"><name/>'
            '<substitute><names variable="editor"/></substitute></names>'
            '<date variable="issued"><date-part name="year"/></date>'
            '<text variable="title"/></group></layout></bibliography>')
    items = [{"id": "g", "type": "book", "editor": [{"family": "Gaonkar", "given": "Dilip"}],
              "title": "Modernities", "issued": {"date-parts": [[2001]]}},
             {"id": "gi", "type": "chapter", "author": [{"family": "Gaonkar", "given": "Dilip"}],
              "title": "On Modernities", "issued": {"date-parts": [[2001]]}}]
    assert _entries(tmp_path, body, items, kind="note") == [
        "Dilip Gaonkar 2001 Modernities", "Dilip Gaonkar 2001 On Modernities"]




def test_a_note_style_letters_works_its_short_cites_print_alike(tmp_path):
    # A reviewer's case: an article and a web page by one author, one year,
    # one title; citeproc-js prints "2004a" and "2004b" in
    # european-journal-for-philosophy-of-religion (a note style): it compares
    # cites in their subsequent form near their note, here "Baez, Higher-...".
    items = [{"id": "art", "type": "article-journal", "title": "Higher-Dimensional Algebra V",
              "author": [{"family": "Baez", "given": "John C."}],
              "container-title": "Theory and Applications of Categories", "volume": "12",
              "issued": {"date-parts": [[2004]]}},
             {"id": "web", "type": "webpage", "title": "Higher-Dimensional Algebra V",
              "author": [{"family": "Baez", "given": "John C."}], "URL": "https://arxiv.org/abs/x",
              "issued": {"date-parts": [[2004, 10, 27]]}}]
    entries = render(items, style="european-journal-for-philosophy-of-religion").entries
    assert [e.split(". ")[1][:5] for e in entries] == ["2004a", "2004b"]


def test_a_year_range_without_months_drops_the_years_prefix_after_the_dash(tmp_path):
    # art-libraries-society-of-north-america-arlisna-reviews: month, then year with prefix " "
    body = _bib('<text variable="title" suffix=", "/><date variable="issued">'
                '<date-part name="month"/><date-part name="year" prefix=" "/></date>')
    items = [{"id": "k", "type": "book", "title": "K", "issued": {"date-parts": [[1984], [1986]]}},
             {"id": "m", "type": "book", "title": "M",
              "issued": {"date-parts": [[1984, 5], [1986, 6]]}}]
    assert _entries(tmp_path, body, items) == ["K, 1984–1986", "M, May 1984–June 1986"]


def test_a_groups_suffix_goes_into_the_quotes_before_an_enclosing_suffix(tmp_path):
    # politique-europeenne: a quoted title in a group with suffix ",", the layout's suffix "."
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography><layout suffix="."><group delimiter=" " suffix=",">'
            '<text variable="title" quotes="true"/><text variable="note"/></group>'
            '<group prefix=" "><text variable="publisher"/></group></layout></bibliography>')
    items = [{"id": "a", "type": "article", "title": "Sufficient conditions"},
             {"id": "b", "type": "article", "title": "Why?", "publisher": "Q"}]
    assert _entries(tmp_path, body, items) == ["“Sufficient conditions,.”", "“Why?,” Q."]


def test_a_quoted_elements_own_comma_goes_in_after_its_period(tmp_path):
    # revista-ladinia, new-harts-rules-short-notes-no-url: a quoted journal title
    # ending in a period, with suffix ","
    body = ('<citation><layout><text variable="title"/></layout></citation><bibliography>'
            '<layout suffix="."><group delimiter=" "><text variable="container-title" '
            'quotes="true" suffix=","/><text variable="volume"/></group></layout></bibliography>')
    items = [{"id": "a", "type": "article", "container-title": "J. Chem. Phys.", "volume": "9"},
             {"id": "b", "type": "article", "container-title": "Why?", "volume": "9"}]
    assert _entries(tmp_path, body, items) == ["“J. Chem. Phys.,” 9.", "“Why?,” 9."]


def test_names_in_a_macro_called_with_strip_periods_lose_their_periods(tmp_path):
    # acta-orthopaedica-belgica: "et al</b>." (the names and their et al. stripped,
    # the macro's suffix kept); subsequent-author-substitute still compares them
    body = ('<macro name="author"><names variable="author"><name initialize-with=". " '
            'et-al-min="3" et-al-use-first="1"/></names></macro>'
            '<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography subsequent-author-substitute="———"><layout>'
            '<text macro="author" strip-periods="true" suffix=". "/><text variable="title"/>'
            '</layout></bibliography>')
    three = [{"family": "Doe", "given": "John"}, {"family": "Roe", "given": "Al"},
             {"family": "Poe", "given": "Ed"}]
    items = [{"id": i, "type": "book", "title": i.upper(), "author": three} for i in "ab"]
    assert _entries(tmp_path, body, items) == ["J Doe et al. A", "———. B"]


def test_a_colon_or_semicolon_then_a_period_in_a_value_is_kept(tmp_path):
    # A reviewer's case: the value's own "1:.5" and "x;.y" are data, and a
    # volume's ":" before the layout's "." stays (free-radical-research:
    # citeproc-js prints "2014;5:.")
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography><layout suffix="."><text variable="title"/>'
            '<text variable="volume" prefix=" " suffix=":"/></layout></bibliography>')
    items = [{"id": "a", "type": "book", "title": "Mixing at 1:.5 and x;.y ratios", "volume": "5"}]
    assert _entries(tmp_path, body, items) == ["Mixing at 1:.5 and x;.y ratios 5:."]


def test_strip_periods_after_upper_case_strips_every_period(tmp_path):
    # A reviewer's case: citeproc-js cases the text first, then strips
    # ("arXiv.org" in upper case prints "ARXIVORG")
    body = _bib('<text variable="container-title" text-case="uppercase" strip-periods="true"/>')
    items = [{"id": "a", "type": "article", "container-title": "arXiv.org"}]
    assert _entries(tmp_path, body, items) == ["ARXIVORG"]



def test_strip_periods_after_title_case_strips_every_period(tmp_path):
    # A second reader's case: title case capitalises "org", citeproc-js then
    # strips the period before it
    body = _bib('<text variable="container-title" text-case="title" strip-periods="true"/>')
    items = [{"id": "a", "type": "article", "container-title": "arXiv.org"}]
    assert "." not in _entries(tmp_path, body, items)[0]


def test_a_display_below_the_layouts_children_prints_nothing_of_it(tmp_path):
    # topoi-orient-occident-auteur-date: a left margin with suffix ", " inside a
    # group prints one space after it, as citeproc-js ignores that display; one
    # of the layout's own children keeps its margin and space ("Doe,  P")
    inner = _bib('<group><text variable="title" display="left-margin" suffix=", "/>'
                 '<text variable="publisher"/></group>')
    own = _bib('<text variable="title" display="left-margin" suffix=", "/>'
               '<text variable="publisher" display="right-inline"/>')
    items = [{"id": "a", "type": "book", "title": "Doe", "publisher": "P"}]
    assert _entries(tmp_path, inner, items) == ["Doe, P"]
    assert _entries(tmp_path, own, items) == ["Doe,  P"]


_SAME_AUTHOR = [{"id": i, "type": "chapter" if i in "bd" else "book", "title": t,
                 "author": [{"family": "Smith", "given": "John"}]}
                for i, t in zip("abcd", ("Alpha", "Beta", "Gamma", "Delta"), strict=True)]


@pytest.mark.parametrize(("layout", "expected"), [
    # the citation number is no printed text (serdica-journal-of-computing: "[2] ———")
    ('<text variable="citation-number" prefix="[" suffix="] "/><names variable="author">'
     '<name/></names>', ["[1] John Smith", "[2] ———", "[3] ———", "[4] ———"]),
    # a title or a term before them turns the substitute off (arlisna-reviews: "Title by Name")
    ('<text variable="title" suffix=" "/><group delimiter=" "><text term="by"/>'
     '<names variable="author"><name/></names></group>',
     ["Alpha by John Smith", "Beta by John Smith", "Gamma by John Smith", "Delta by John Smith"]),
    # even "*"
    ('<text value="*"/><names variable="author"><name/></names>',
     ["*John Smith", "*John Smith", "*John Smith", "*John Smith"]),
    # names printed after text are not compared: the third entry's are the first's
    ('<choose><if type="chapter"><text variable="title" suffix=" "/></if></choose>'
     '<names variable="author"><name/></names>',
     ["John Smith", "Beta John Smith", "———", "Delta John Smith"]),
    # a group or macro that prints nothing takes its term back
    ('<group delimiter=" "><text variable="volume"/><text term="by"/></group>'
     '<text macro="in"/><names variable="author"><name/></names>',
     ["John Smith", "———", "———", "———"]),
])
def test_subsequent_author_substitute_only_for_names_printed_first(tmp_path, layout, expected):
    body = _bib(layout, '<macro name="in"><text term="in"/><text variable="volume"/></macro>',
                ' subsequent-author-substitute="———"')
    assert _entries(tmp_path, body, _SAME_AUTHOR) == expected


def test_a_substituted_entrys_second_names_are_not_compared(tmp_path):
    # universitat-wurzburg-institut-fur-deutsche-philologie-museologie: "In: — (ed.)"
    # where citeproc-js replaces only the first names
    body = _bib('<names variable="author" suffix=": "><name/></names><text variable="title"/>'
                '<names variable="editor" prefix=". In: "><name/></names>',
                bib=' subsequent-author-substitute="—"')
    smith = [{"family": "Smith", "given": "John"}]
    items = [{"id": "a", "type": "book", "title": "A", "author": smith},
             {"id": "b", "type": "chapter", "title": "B", "author": smith, "editor": smith}]
    assert _entries(tmp_path, body, items) == ["John Smith: A", "—: B. In: John Smith"]


def _authors(count: int, family: str) -> list[dict]:
    return [{"family": f"{family}{i}", "given": "X"} for i in range(count)]


_BOTH = ' disambiguate-add-names="true" disambiguate-add-givenname="true"'


@pytest.mark.parametrize(("citation", "expected"), [
    # traces: the subsequent cites' count, capped by the first cites' et-al-min
    ('et-al-min="4" et-al-use-first="1" et-al-subsequent-min="6" '
     f'et-al-subsequent-use-first="1"{_BOTH}',
     ["X A0, X A1, X A2", "X B0, X B1, X B2, X B3", "X C0, X C1, X C2, X C3, et al.",
      "X D0 et al."]),
    ('et-al-min="3" et-al-use-first="1" et-al-subsequent-min="5" '
     f'et-al-subsequent-use-first="2"{_BOTH}',
     ["X A0, X A1, X A2", "X B0, X B1, X B2, et al.", "X C0, X C1, et al.", "X D0, X D1, et al."]),
    # without disambiguate-add-givenname the bibliography keeps its own counts
    ('et-al-min="4" et-al-use-first="1" et-al-subsequent-min="6" et-al-subsequent-use-first="1" '
     'disambiguate-add-names="true"',
     ["X A0, X A1, X A2", "X B0 et al.", "X C0 et al.", "X D0 et al."]),
])
def test_the_bibliography_shows_the_citations_name_count(tmp_path, citation, expected):
    # citeproc-js renders the bibliography with the citation's name counts
    # when the citation adds names and given names to disambiguate
    body = (f'<citation {citation}><layout><names variable="author"><name form="short"/>'
            '</names></layout></citation><bibliography et-al-min="4" et-al-use-first="1">'
            '<layout><names variable="author"><name/></names></layout></bibliography>')
    if 'subsequent-min="5"' in citation:
        body = body.replace('<bibliography et-al-min="4"', '<bibliography et-al-min="3"')
    items = [{"id": f"i{n}", "type": "book", "title": "T", "author": _authors(n, "ABCD"[n - 3])}
             for n in (3, 4, 5, 6)]
    assert _entries(tmp_path, body, items) == expected


@pytest.mark.parametrize(("substitute", "expected"), [
    ('<text variable="title"/>', ["E Ed, P", "Beta P"]),
    ('<text macro="t"/>', ["E Ed, P", "Beta, P"]),
    ('<choose><if type="book"><text macro="t"/></if></choose>', ["E Ed, P", "Beta, P"]),
])
def test_a_text_standing_in_for_names_has_none_of_their_affixes(tmp_path, substitute, expected):
    # uniwersytet-kardynala-stefana-wyszynskiego-w-warszawie-autor-rok: "Chicago, Ill. 2003";
    # an editor standing in keeps them
    body = _bib('<names variable="author" prefix="" suffix="," font-style="italic"><name/>'
                f'<substitute><names variable="editor"/>{substitute}</substitute></names>'
                '<text variable="publisher" prefix=" "/>',
                '<macro name="t"><group suffix=", "><text variable="title"/></group></macro>')
    items = [{"id": "a", "type": "book", "title": "Alpha", "publisher": "P",
              "editor": [{"family": "Ed", "given": "E"}]},
             {"id": "b", "type": "book", "title": "Beta", "publisher": "P"}]
    assert _entries(tmp_path, body, items) == expected


@pytest.mark.parametrize(("layout", "expected"), [
    # a field's own colon or semicolon lets the period in before it
    ('<text variable="title" suffix=":"/>', ["Alpha.:", "Beta?"]),
    ('<group><text variable="title" suffix=";"/></group>', ["Alpha.;", "Beta?;"]),
    # a group's, a macro call's, a date's or names' absorbs it (terra-nova: "Signalhorn:")
    ('<group suffix=":"><text variable="title"/></group>', ["Alpha:", "Beta?"]),
    ('<text macro="n" suffix=":"/>', ["Alpha:", "Beta?"]),
    ('<date variable="issued" suffix=":"><date-part name="year"/></date>', ["2001:", "2001:"]),
    # a number's stays as it is (free-radical-research: "2014;5:.")
    ('<text variable="volume" suffix=":"/>', ["5:.", "5:."]),
    # so does a group's or a macro's whose text ends in a number's digits
    # (journal-of-evolution-and-health: "2014;5:."), unlike a date's or a title's
    ('<group suffix=":"><text variable="volume"/></group>', ["5:.", "5:."]),
    ('<group suffix=":"><text variable="volume"/><text variable="issue" prefix="(" suffix=")"/>'
     '</group>', ["5(2):.", "5(2):."]),
    ('<text macro="v" suffix=":"/>', ["5:.", "5:."]),
    ('<group suffix=":" delimiter=" "><text variable="volume"/><text variable="title"/></group>',
     ["5 Alpha:", "5 Beta?"]),
    ('<group suffix=":"><date variable="issued"><date-part name="year"/></date></group>',
     ["2001:", "2001:"]),
])
def test_a_period_meets_a_colon_as_citeproc_js_nests_them(tmp_path, layout, expected):
    body = ('<macro name="n"><text variable="title"/></macro>'
            '<macro name="v"><text variable="volume"/></macro>'
            '<citation><layout><text variable="title"/></layout></citation>'
            f'<bibliography><layout suffix=".">{layout}</layout></bibliography>')
    items = [{"id": i, "type": "book", "title": t, "volume": "5", "issue": "2",
              "issued": {"date-parts": [[2001]]}} for i, t in (("a", "Alpha"), ("b", "Beta?"))]
    assert _entries(tmp_path, body, items) == expected


def test_a_colon_after_a_question_mark_is_dropped(tmp_path):
    # the-geological-society-of-america: "module? Nat Rev", a title's "?" before ":"
    body = _bib('<text variable="title" suffix=": "/><text variable="publisher"/>')
    items = [{"id": "a", "type": "book", "title": "Why?", "publisher": "P"}]
    assert _entries(tmp_path, body, items) == ["Why? P"]


_QUOTE_ITEMS = [{"id": "a", "type": "book", "title": "Alpha", "publisher": "P"},
                {"id": "b", "type": "book", "title": "Aristotle’s “De Motu”", "publisher": "P"},
                {"id": "c", "type": "book", "title": "Jesus’", "publisher": "P"}]


@pytest.mark.parametrize(("title", "expected"), [
    # chimia, sociologie, estudios-hispanicos: quotes written in the affixes
    ('<text variable="title" prefix="‘" suffix="’"/>',
     ["‘Alpha’, P", "‘Aristotle’s “De Motu”’, P", "‘Jesus’’, P"]),
    ('<text variable="title" prefix="«" suffix="»"/>',
     ["«Alpha», P", "«Aristotle’s “De Motu”», P", "«Jesus’», P"]),
    # the data's own quotes take the comma; an apostrophe closes no quote
    ('<text variable="title"/>', ["Alpha, P", "Aristotle’s “De Motu,” P", "Jesus’, P"]),
    # quotes="true": the comma goes in, past no apostrophe
    ('<text variable="title" quotes="true"/>',
     ["“Alpha,” P", "“Aristotle’s ‘De Motu,’” P", "“Jesus’,” P"]),
])
def test_punctuation_goes_only_into_quotes_citeproc_js_prints_or_reads(tmp_path, title, expected):
    body = _bib(f'<group delimiter=", ">{title}<text variable="publisher"/></group>')
    assert _entries(tmp_path, body, _QUOTE_ITEMS) == expected


def test_an_affixs_angle_brackets_and_ampersand_are_escaped_in_html(tmp_path):
    # tabula's "<URL>": raw, the affixes read as a tag and hid the URL's "&"
    body = _bib('<group delimiter=" "><text variable="publisher" suffix="&gt; &amp; more"/>'
                '<text variable="URL" prefix="&lt;" suffix="&gt;"/></group>')
    item = {"id": "a", "type": "webpage", "URL": "http://x.org/a?b=1&c=2", "publisher": "P&Q"}
    html = _entries(tmp_path, body, [item], output="html")
    assert html == ["P&#38;Q&#62; &#38; more &#60;http://x.org/a?b=1&#38;c=2&#62;"]
    text = _entries(tmp_path, body, [item])
    assert text == ["P&Q> & more <http://x.org/a?b=1&c=2>"]


def test_a_colon_after_a_formatted_question_mark_stays(tmp_path):
    # citeproc-js merges marks only across plain text: "Why?: n1" for an italic title
    body = _bib('<text variable="title" font-style="italic" suffix=": "/><text variable="note"/>')
    items = [{"id": "a", "type": "book", "title": "Why?", "note": "n1"}]
    assert _entries(tmp_path, body, items) == ["Why?: n1"]


def test_an_entry_prints_the_same_whatever_was_rendered_before_it(tmp_path):
    # a colon recorded for one entry was once met by the next entry's period
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography><sort><key variable="note"/></sort><layout><group suffix=".">'
            '<text variable="title" suffix=":"/><text variable="container-title"/></group>'
            '</layout></bibliography>')
    first = {"id": "a", "type": "book", "title": "Foo", "note": "1"}
    second = {"id": "b", "type": "book", "container-title": "Foo:", "note": "2"}
    alone = _entries(tmp_path, body, [second])
    assert _entries(tmp_path, body, [first, second])[1:] == alone
    assert _entries(tmp_path, body, [second]) == alone


def test_html_sorts_a_formatted_macro_key_by_its_text(tmp_path):
    # citeproc-js: Alpha before Zeta, in HTML as in text ("<i>Zeta</i>" once sorted first)
    body = ('<macro name="t"><choose><if type="book"><text variable="title" font-style="italic"/>'
            '</if><else><text variable="title"/></else></choose></macro>'
            '<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography><sort><key macro="t"/></sort><layout><text macro="t"/></layout>'
            '</bibliography>')
    items = [{"id": "a", "type": "book", "title": "Zeta"},
             {"id": "b", "type": "article", "title": "Alpha"}]
    assert _entries(tmp_path, body, items, output="html") == ["Alpha", "<i>Zeta</i>"]


def test_an_apostrophe_before_a_quote_does_not_close_it(tmp_path):
    # "Veterans’ Affairs" once cancelled the title's ‘ and kept the period out
    body = _bib('<group delimiter=". "><text variable="publisher"/><text variable="title"/>'
                '<text variable="note"/></group>')
    items = [{"id": "a", "type": "book", "publisher": "Veterans’ Affairs",
              "title": "On ‘Hamlet’", "note": "P"}]
    assert _entries(tmp_path, body, items) == ["Veterans’ Affairs. On ‘Hamlet.’ P"]


def test_a_character_reference_in_an_affix_is_the_character(tmp_path):
    # aves: suffix="&amp;#160;" is a no-break space for citeproc-js, in HTML too
    body = _bib('<group><text variable="title" suffix="&amp;#160;:"/>'
                '<text variable="note" prefix=" &amp;#8211; "/></group>')
    item = {"id": "a", "type": "book", "title": "T", "note": "P"}
    assert _entries(tmp_path, body, [item], output="html") == ["T\u00a0: \u2013 P"]


def test_a_quote_spelt_as_a_reference_in_an_affix_takes_no_punctuation(tmp_path):
    body = _bib('<group delimiter=", "><text variable="title" prefix="&amp;#8216;" '
                'suffix="&amp;#8217;"/><text variable="publisher"/></group>')
    items = [{"id": "a", "type": "book", "title": "Alpha", "publisher": "P"}]
    assert _entries(tmp_path, body, items) == ["‘Alpha’, P"]
