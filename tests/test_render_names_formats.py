"""Names, formatting and output formats as citeproc-js prints them, each on a
small crafted style.  The expected texts are what citeproc-js 2.4 (npm
"citeproc", /work/npm-citeproc) printed for the same style and items when
the rule was written; no peer is needed here."""
from __future__ import annotations

from tests.support import rule_bibliography as _bib
from tests.support import rule_entries as _entries

_SC = '<span style="font-variant:small-caps;">'
_PEOPLE = [{"family": "Smith", "given": "John"}, {"family": "Doe", "given": "Ann"},
           {"family": "Roe", "given": "Rob"}]


def test_name_formatting_goes_around_each_name_in_html(tmp_path):
    body = _bib('<names variable="author"><name font-variant="small-caps" initialize-with="." '
                'and="text" delimiter-precedes-last="never"/></names><text value="|"/>'
                '<names variable="editor"><name font-weight="bold" prefix="[" suffix="]" '
                'and="symbol"/></names>')
    items = [{"id": "a", "type": "book", "author": _PEOPLE,
              "editor": [{"family": "Ed", "given": "E"}, {"literal": "ACME"}]}]
    assert _entries(tmp_path, body, items, output="html") == [
        f"{_SC}J. Smith</span>, {_SC}A. Doe</span> and {_SC}R. Roe</span>"
        "|[<b>E Ed</b>] &amp; <b>ACME</b>"]
    # nothing to format in plain text: the list as before
    assert _entries(tmp_path, body, items) == ["J. Smith, A. Doe and R. Roe|[E Ed] & ACME"]


def test_a_list_ending_in_et_al_is_decorated_once_more_as_a_whole(tmp_path):
    body = _bib('<names variable="author"><name font-weight="bold" prefix="[" suffix="]" '
                'et-al-min="3" et-al-use-first="2"/></names>')
    items = [{"id": "a", "type": "book", "author": _PEOPLE}]
    assert _entries(tmp_path, body, items, output="html") == [
        "[<b>[<b>John Smith</b>], [<b>Ann Doe</b>], et al.</b>]"]
    assert _entries(tmp_path, body, items) == ["[[John Smith], [Ann Doe], et al.]"]


_GERMAN_QUOTES = ('<locale><terms><term name="open-quote">»</term><term name="close-quote">«</term>'
                  '<term name="open-inner-quote">›</term><term name="close-inner-quote">‹</term>'
                  "</terms></locale>")


def test_punctuation_goes_inside_the_locales_own_closing_quote(tmp_path):
    body = _GERMAN_QUOTES + _bib(
        '<group delimiter=", "><text variable="title" quotes="true"/>'
        '<text variable="container-title"/></group>'
        '<text variable="volume" prefix=" " quotes="true" suffix="."/>')
    items = [{"id": "a", "type": "article-journal", "title": "A title", "container-title": "J",
              "volume": "V"}]
    assert _entries(tmp_path, body, items) == ["»A title,« J »V.«"]
    assert _entries(tmp_path, body, items, output="html") == ["»A title,« J »V.«"]


_BLOCK = '<group display="block"><names variable="author"/></group>'
_EMPTY_MACRO = '<macro name="m"><text variable="note"/></macro>'
_BOOK = [{"id": "a", "type": "book", "title": "Title", "author": [{"family": "Smith", "given": "J"}]}]


def test_a_display_layouts_suffix_is_lost_after_an_empty_macro_call(tmp_path):
    # citeproc-js puts the suffix on the layout's last part, and a macro
    # call that prints nothing leaves an empty one (an empty variable none)
    lost = _EMPTY_MACRO + _bib(f'{_BLOCK}<text variable="title"/><text macro="m"/>'
                               '<text variable="note"/>')
    kept = _EMPTY_MACRO + _bib(f'{_BLOCK}<text macro="m"/><text variable="title"/>'
                               '<text variable="note"/>')
    layout = '<layout suffix=".">'
    lost, kept = (b.replace("<bibliography><layout>", f"<bibliography>{layout}")
                  for b in (lost, kept))
    assert _entries(tmp_path, lost, _BOOK, output="html") == [
        '<div class="csl-block">J Smith</div>Title']
    assert _entries(tmp_path, kept, _BOOK, output="html") == [
        '<div class="csl-block">J Smith</div>Title.']


def test_a_display_layouts_suffix_takes_the_place_of_the_last_parts_own(tmp_path):
    body = _bib(f'{_BLOCK}<text variable="title" suffix="!"/>')
    with_suffix = body.replace("<bibliography><layout>", '<bibliography><layout suffix=".">')
    assert _entries(tmp_path, with_suffix, _BOOK, output="html") == [
        '<div class="csl-block">J Smith</div>Title.']
    assert _entries(tmp_path, body, _BOOK, output="html") == [
        '<div class="csl-block">J Smith</div>Title']


def test_a_list_cut_where_the_et_al_term_is_empty_has_no_and(tmp_path):
    body = ('<locale><terms><term name="et-al"/></terms></locale>' + _bib(
        '<names variable="author"><name and="text" delimiter=", " et-al-min="3" '
        'et-al-use-first="2"/></names><text variable="title" prefix=". "/>'))
    people = [{"family": f"A{i}", "given": "G"} for i in range(3)]
    items = [{"id": "a", "type": "book", "title": "T", "author": people},
             {"id": "b", "type": "book", "title": "T", "author": people[:2]}]
    assert _entries(tmp_path, body, items) == ["G A0, G A1. T", "G A0 and G A1. T"]


def test_name_delimiter_and_sort_separator_are_escaped_in_html(tmp_path):
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography name-delimiter=" &amp; "><layout><names variable="author">'
            '<name name-as-sort-order="all" sort-separator=" &lt;&gt; "/></names></layout>'
            "</bibliography>")
    items = [{"id": "a", "type": "book", "author": [{"family": "Smith", "given": "J"},
                                                    {"family": "Doe", "given": "A"}]}]
    assert _entries(tmp_path, body, items) == ["Smith <> J & Doe <> A"]
    assert _entries(tmp_path, body, items, output="html") == [
        "Smith &#60;&#62; J &#38; Doe &#60;&#62; A"]


def test_markdown_escapes_the_texts_own_marks(tmp_path):
    # expected: pandoc's Markdown writer on our HTML entry (pandoc 3, -f html -t markdown)
    body = _bib('<text variable="title" font-style="italic"/><text variable="note" prefix=" "/>')
    item = {"id": "a", "type": "book", "title": "C*-algebras",
            "note": "[x] snake_case _y_ <z> $5 a|b 1~2"}
    assert _entries(tmp_path, body, [item], output="markdown") == [
        r"*C\*-algebras* \[x\] snake_case \_y\_ \<z\> \$5 a\|b 1\~2"]


def test_name_part_affixes_go_only_around_a_part_the_name_has(tmp_path):
    body = _bib('<names variable="author"><name name-as-sort-order="all" sort-separator=" " '
                'initialize-with="." delimiter=", "><name-part name="family" text-case="uppercase"/>'
                '<name-part name="given" prefix="(" suffix=")"/></name></names><text value="|"/>'
                '<names variable="editor"><name><name-part name="given" prefix="[" suffix="]"/>'
                '<name-part name="family" prefix="{" suffix="}"/></name></names>')
    item = {"id": "a", "type": "book", "author": [{"family": "Aristotle"},
                                                  {"family": "Kant", "given": "Immanuel"}],
            "editor": [{"family": "Homer"}, {"literal": "Inst"}]}
    assert _entries(tmp_path, body, [item]) == ["ARISTOTLE, KANT (I.)|{Homer}, Inst"]


def test_the_last_name_after_an_ellipsis_is_formatted_like_the_others(tmp_path):
    body = _bib('<names variable="author"><name font-style="italic" delimiter="; " '
                'et-al-min="5" et-al-use-first="2" et-al-use-last="true"/></names>')
    people = [{"family": f"A{i}", "given": "G"} for i in range(7)]
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "author": people}],
                    output="html") == ["<i>G A0</i>; <i>G A1</i>; … <i>G A6</i>"]


def test_a_literal_name_takes_the_family_parts_formatting_not_its_affixes(tmp_path):
    body = _bib('<names variable="editor"><name><name-part name="given" prefix="[" suffix="]"/>'
                '<name-part name="family" prefix="{" suffix="}" font-variant="small-caps" '
                'text-case="uppercase"/></name></names>')
    item = {"id": "a", "type": "book", "editor": [{"family": "Homer"}, {"literal": "Inst"}]}
    assert _entries(tmp_path, body, [item]) == ["{HOMER}, INST"]
    assert _entries(tmp_path, body, [item], output="html") == [
        f"{{{_SC}HOMER</span>}}, {_SC}INST</span>"]


def test_a_substituted_name_keeps_its_formatting(tmp_path):
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography subsequent-author-substitute="———" '
            'subsequent-author-substitute-rule="partial-each"><layout><names variable="author">'
            '<name font-weight="bold" and="text"/></names><text variable="title" prefix=". "/>'
            "</layout></bibliography>")
    people = [{"family": f"A{i}", "given": "G"} for i in range(3)]
    items = [{"id": "a", "type": "book", "title": "T1", "author": people},
             {"id": "c", "type": "book", "title": "T3", "author": people[:1] + people[2:]}]
    assert _entries(tmp_path, body, items, output="html") == [
        "<b>G A0</b>, <b>G A1</b>, and <b>G A2</b>. T1", "<b>———</b> and <b>G A2</b>. T3"]
    assert _entries(tmp_path, body, items) == ["G A0, G A1, and G A2. T1", "——— and G A2. T3"]


def test_a_substitute_takes_no_formatting_that_covers_part_of_the_name(tmp_path):
    """A name-part's formatting (the family name's small caps, an inverted
    name's italic family) wraps part of a name: the substitute takes none of
    it, and the entry's tags stay balanced."""
    people = [{"family": f"A{i}", "given": "G"} for i in range(3)]
    items = [{"id": "a", "type": "book", "title": "T1", "author": people},
             {"id": "b", "type": "book", "title": "T2", "author": people},
             {"id": "c", "type": "book", "title": "T3", "author": people[:1] + people[2:]}]

    def body(rule: str, name: str) -> str:
        return ('<citation><layout><text variable="title"/></layout></citation>'
                f'<bibliography subsequent-author-substitute="———" subsequent-author-substitute-rule="{rule}">'
                f'<layout><names variable="author">{name}</names><text variable="title" prefix=". "/>'
                "</layout></bibliography>")
    small_caps = '<name and="text"><name-part name="family" font-variant="small-caps"/></name>'
    assert _entries(tmp_path, body("partial-each", small_caps), items, output="html")[1:] == [
        "———, ———, and ———. T2", f"——— and G {_SC}A2</span>. T3"]
    inverted = ('<name and="text" name-as-sort-order="first">'
                '<name-part name="family" font-style="italic"/></name>')
    assert _entries(tmp_path, body("partial-each", inverted), items, output="html")[1:] == [
        "———, ———, and ———. T2", "——— and G <i>A2</i>. T3"]
    assert _entries(tmp_path, body("partial-first", inverted), items, output="html")[1:] == [
        "———, G <i>A1</i>, and G <i>A2</i>. T2", "——— and G <i>A2</i>. T3"]
