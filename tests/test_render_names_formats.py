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
