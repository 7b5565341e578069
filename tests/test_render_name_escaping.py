"""Names as citeproc-js prints them where they hold <, > or &, and literal
names under a family name-part.  Each expected text is what citeproc-js
printed for the same crafted style and items."""
from __future__ import annotations

import pytest

from tests.support import rule_bibliography, rule_entries

ITEMS = [{"id": "a", "type": "book", "title": "T",
          "author": [{"literal": "AT&T Research <Labs>"},
                     {"family": "O'Brien & Sons", "given": "Tom <x>"}]},
         {"id": "b", "type": "book", "title": "U", "author": [{"family": "Smith", "given": "A&B"}]}]


@pytest.mark.parametrize("name, text, html", [
    ("<name/>",
     ["AT&T Research <Labs>, Tom <x> O’Brien & Sons. T", "A&B Smith. U"],
     ["AT&#38;T Research &#60;Labs&#62;, Tom &#60;x&#62; O’Brien &#38; Sons. T", "A&#38;B Smith. U"]),
    ('<name name-as-sort-order="all" initialize-with=". "/>',
     ["AT&T Research <Labs>, O’Brien & Sons, T. <x>. T", "Smith, A. U"],
     ["AT&#38;T Research &#60;Labs&#62;, O’Brien &#38; Sons, T. &#60;x&#62;. T", "Smith, A. U"]),
    ('<name><name-part name="family" text-case="uppercase"/></name>',
     ["AT&T RESEARCH <LABS>, Tom <x> O’BRIEN & SONS. T", "A&B SMITH. U"],
     ["AT&#38;T RESEARCH &#60;LABS&#62;, Tom &#60;x&#62; O’BRIEN &#38; SONS. T", "A&#38;B SMITH. U"]),
])
def test_a_names_angle_brackets_and_ampersands_are_text(tmp_path, name, text, html):
    # sorted by the names too: a sort key reads the escaped text as text
    body = ('<macro name="a"><names variable="author"/></macro>'
            '<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography><sort><key macro="a"/></sort><layout>'
            f'<names variable="author">{name}</names><text variable="title" prefix=". "/>'
            '</layout></bibliography>')
    assert rule_entries(tmp_path, body, ITEMS) == text
    assert rule_entries(tmp_path, body, ITEMS, output="html") == html


@pytest.mark.parametrize("order, expected", [
    ('name-as-sort-order="all"', "{HOMER}, INST & CO, {KANT}, Immanuel"),
    ("", "{HOMER}, INST & CO, Immanuel {KANT}"),
])
def test_a_literal_name_takes_no_family_affixes_inverted_or_not(tmp_path, order, expected):
    body = rule_bibliography(f'<names variable="author"><name {order}><name-part name="family" '
                             'prefix="{" suffix="}" text-case="uppercase"/></name></names>')
    items = [{"id": "a", "type": "book", "title": "T", "author": [
        {"family": "Homer"}, {"literal": "Inst & Co"}, {"family": "Kant", "given": "Immanuel"}]}]
    assert rule_entries(tmp_path, body, items) == [expected]
    assert rule_entries(tmp_path, body, items, output="html") == [expected.replace("&", "&#38;")]
