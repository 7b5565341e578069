"""Formatting set back to normal inside formatting, in HTML: each expected
text is what citeproc-js printed for the same crafted style and items."""
from __future__ import annotations

import pytest

from converters.render.resets import needed_resets
from tests.support import rule_bibliography, rule_entries

ITEMS = [{"id": "a", "type": "book", "title": "T", "author": [
    {"family": "Doe", "given": "J"}, {"family": "Roe", "given": "K"}, {"family": "Poe", "given": "L"}]}]
_SC = '<span style="font-variant:small-caps;">'


@pytest.mark.parametrize("layout, html", [
    ('<text variable="title" font-variant="normal"/>', "T"),
    ('<text variable="title" font-style="normal"/>', "T"),
    ('<group font-variant="small-caps"><text variable="title" font-variant="normal"/></group>',
     f'{_SC}<span style="font-variant:normal;">T</span></span>'),
    ('<group font-variant="small-caps"><text variable="title" font-variant="normal" font-style="italic"/></group>',
     f'{_SC}<span style="font-variant:normal;"><i>T</i></span></span>'),
    ('<group font-style="italic"><group><text variable="title" font-style="normal"/></group></group>',
     '<i><span style="font-style:normal;">T</span></i>'),
    ('<group font-weight="bold"><text variable="title" font-weight="normal"/></group>',
     '<b><span style="font-weight:normal;">T</span></b>'),
    ('<group font-style="italic"><text variable="title" font-style="normal" font-weight="bold"/></group>',
     '<i><b><span style="font-style:normal;">T</span></b></i>'),
    # an et al. set back from the names' small caps (escuela-nacional-de-antropologia)
    ('<names variable="author"><name font-variant="small-caps" et-al-min="3" et-al-use-first="1"/>'
     '<et-al font-variant="normal" font-style="italic"/></names>',
     f'{_SC}{_SC}J Doe</span> <span style="font-variant:normal;"><i>et al.</i></span></span>'),
    ('<group font-variant="small-caps"><names variable="author"><name et-al-min="3" et-al-use-first="1"/>'
     '<et-al font-variant="normal"/></names></group>',
     f'{_SC}J Doe <span style="font-variant:normal;">et al.</span></span>'),
    # for names, formatting from outside them counts (an italic group) ...
    ('<group font-style="italic"><names variable="author"><name><name-part name="family" '
     'font-style="normal"/></name></names></group>',
     '<i>J <span style="font-style:normal;">Doe</span>, K <span style="font-style:normal;">Roe</span>, '
     'L <span style="font-style:normal;">Poe</span></i>'),
    ('<group font-style="italic"><names variable="author" font-style="normal"/></group>',
     '<i><span style="font-style:normal;">J Doe, K Roe, L Poe</span></i>'),
    # ... their own cs:names' or cs:name's does not
    ('<names variable="author" font-style="italic"><name font-style="normal"/></names>',
     "<i>J Doe, K Roe, L Poe</i>"),
    ('<names variable="author" font-variant="small-caps"><name et-al-min="3" et-al-use-first="1"/>'
     '<et-al font-variant="normal"/></names>', f"{_SC}J Doe et al.</span>"),
    # none for a name part inside its own cs:name's small caps
    ('<names variable="author"><name font-variant="small-caps"><name-part name="given" '
     'font-variant="normal"/></name></names>',
     f"{_SC}J Doe</span>, {_SC}K Roe</span>, {_SC}L Poe</span>"),
])
def test_normal_inside_formatting_prints_a_reset_span(tmp_path, layout, html):
    assert rule_entries(tmp_path, rule_bibliography(layout), ITEMS, output="html") == [html]


def test_plain_text_and_markdown_print_no_reset(tmp_path):
    layout = '<group font-style="italic"><text variable="title" font-style="normal"/></group>'
    assert rule_entries(tmp_path, rule_bibliography(layout), ITEMS) == ["T"]
    assert rule_entries(tmp_path, rule_bibliography(layout), ITEMS, output="markdown") == ["*T*"]


def test_only_resets_inside_an_element_that_sets_their_property_are_kept():
    reset = '<span style="font-style:normal;">'
    assert needed_resets(f"<b>{reset}x</span></b> <i>{reset}y</span></i>") == f"<b>x</b> <i>{reset}y</span></i>"


_NONE = '<span style="text-decoration:none;">'


@pytest.mark.parametrize("layout, html", [
    # wherever it stands, not only inside an underline (citeproc-js)
    ('<group delimiter=". "><text variable="title"/><date variable="issued" prefix="(" suffix=")" '
     'text-decoration="none"><date-part name="year"/></date></group>', f"T. ({_NONE}2000</span>)"),
    ('<text variable="title" text-decoration="none" font-style="italic"/>', f"{_NONE}<i>T</i></span>"),
    ('<text variable="title" text-decoration="none" quotes="true"/>', f"“{_NONE}T</span>”"),
    ('<names variable="author"><name et-al-min="3" et-al-use-first="1"/><et-al text-decoration="none"/>'
     '</names>', f"J Doe {_NONE}et al.</span>"),
    ('<names variable="author"><name><name-part name="family" text-decoration="none"/></name></names>',
     f"J {_NONE}Doe</span>, K {_NONE}Roe</span>, L {_NONE}Poe</span>"),
])
def test_text_decoration_none_prints_its_span_in_html(tmp_path, layout, html):
    items = [dict(ITEMS[0], issued={"date-parts": [[2000]]})]
    assert rule_entries(tmp_path, rule_bibliography(layout), items, output="html") == [html]
    assert rule_entries(tmp_path, rule_bibliography(layout), items)[0].count("<") == 0
