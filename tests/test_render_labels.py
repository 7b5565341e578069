"""A locator's label where there is no locator (a bibliography, a cite
without one): citeproc-js prints the singular "page" term, in every form,
and a group around the label is not suppressed for it.  Each expected
text below is what citeproc-js printed for the same style and items."""
from __future__ import annotations

import pytest

from converters.render import render
from tests.support import _RULE_STYLE, rule_bibliography, rule_entries

ITEMS = [{"id": "a", "type": "article-journal", "title": "T", "page": "431-456"},
         {"id": "b", "type": "book", "title": "B"}]


@pytest.mark.parametrize("layout, expected", [
    ('<group delimiter=" "><text variable="title"/><label variable="locator" form="short"/></group>',
     ["T p.", "B p."]),
    ('<group delimiter=" "><text variable="title"/><label variable="locator" plural="always"/></group>',
     ["T pages", "B pages"]),
    ('<group delimiter=" "><text variable="title"/><label variable="locator" form="symbol"/></group>',
     ["T p.", "B p."]),
    ('<group delimiter=" "><text variable="title"/><label variable="locator"'
     ' text-case="capitalize-first" prefix="(" suffix=")"/></group>', ["T (Page)", "B (Page)"]),
    ('<group delimiter=" "><text variable="title"/><group delimiter=" "><label variable="locator"/>'
     '<text value="x"/></group></group>', ["T page x", "B page x"]),
    # the group still goes with the empty variable it calls
    ('<group delimiter=" "><text variable="title"/><group delimiter=" "><label variable="locator"/>'
     '<text variable="volume"/></group></group>', ["T", "B"]),
    ('<group delimiter=" "><text variable="title"/><choose><if variable="locator">'
     '<label variable="locator" form="short"/></if></choose></group>', ["T", "B"]),
])
def test_a_locators_label_without_a_locator_is_the_page_term(tmp_path, layout, expected):
    assert rule_entries(tmp_path, rule_bibliography(layout), ITEMS) == expected


def test_a_cite_without_a_locator_prints_the_label_too(tmp_path):
    path = tmp_path / "rule.csl"
    body = ('<citation><layout><group delimiter=" "><text variable="title"/>'
            '<label variable="locator" form="short"/></group></layout></citation>')
    path.write_text(_RULE_STYLE.format(kind="note", attrs="", body=body), encoding="utf-8")
    assert render(ITEMS, style=str(path)).citations == ["T p.", "B p."]
