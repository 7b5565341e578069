"""Display layouts (``display`` on a bibliography layout's children), each
rule on a small crafted style.  The expected HTML is what citeproc-js 2.4
(npm "citeproc") prints for the same style and items in its "html" format,
with its csl-entry division and the line breaks it pretty-prints around
divisions left out (tests/citeproc_js.html_entry); no peer is needed here.
Text and Markdown keep our readable rule (spaces between the parts), not
citeproc-js's text format, which runs a block into what follows."""
from __future__ import annotations

from converters.render import render
from tests.support import rule_bibliography

ITEM = {"id": "a", "type": "book", "title": "Alpha", "publisher": "P",
        "author": [{"family": "Doe", "given": "Jo"}], "issued": {"date-parts": [[2001]]}}


def _render(tmp_path, body: str, output: str) -> list[str]:
    path = tmp_path / "rule.csl"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/'
                    'xbiblio/csl" class="in-text" version="1.0"><info><title>t</title><id>t</id>'
                    '<updated>2020-01-01T00:00:00+00:00</updated></info>' + body + "</style>",
                    encoding="utf-8")
    return render([ITEM], style=str(path), output=output).entries


def _layout(children: str, affixes: str = ' prefix="(" suffix="."', bib: str = "") -> str:
    return rule_bibliography(children, bib=bib).replace(
        "<bibliography" + bib + "><layout>", "<bibliography" + bib + f"><layout{affixes}>")


def test_the_layout_affixes_go_inside_the_first_and_last_divisions(tmp_path):
    # american-anthropological-association, collection-de-l-ecole-francaise-de-rome-full-note:
    # the layout's suffix "." printed after the last division, where citeproc-js
    # puts it inside
    blocks = _layout('<text variable="title" display="block"/><text value="mid"/>'
                     '<text variable="publisher" display="block"/>')
    assert _render(tmp_path, blocks, "html") == [
        '<div class="csl-block">(Alpha</div>mid<div class="csl-block">P.</div>']
    aligned = _layout('<text variable="title" display="left-margin"/>'
                      '<text variable="publisher" display="right-inline"/>')
    assert _render(tmp_path, aligned, "html") == [
        '<div class="csl-left-margin">(Alpha</div><div class="csl-right-inline">P.</div>']
    # text and Markdown stay readable: a space between the parts
    assert _render(tmp_path, blocks, "text") == ["(Alpha mid P."]
    assert _render(tmp_path, blocks, "markdown") == ["(Alpha mid P."]


def test_the_affixes_stay_outside_when_the_first_child_has_no_display(tmp_path):
    # citeproc-js moves them only when the layout's first child has a display
    body = _layout('<text variable="title"/><text variable="publisher" display="indent"/>')
    assert _render(tmp_path, body, "html") == ['(Alpha<div class="csl-indent">P</div>.']
    assert _render(tmp_path, body, "text") == ["(Alpha P."]


def test_a_division_leading_punctuation_moves_to_the_part_before(tmp_path):
    # american-anthropological-association, an entry without names: the block
    # prints nothing, the margin's prefix " " goes and the right part's ". "
    # leaves its "." at the margin's end
    children = ('<group display="block"><text variable="volume"/></group>'
                '<group display="left-margin"><text variable="title" prefix=" "/></group>'
                '<group display="right-inline"><text variable="publisher" prefix="{p}"/></group>')
    period = _layout(children.replace("{p}", ". "), ' suffix="."')
    assert _render(tmp_path, period, "html") == [
        '<div class="csl-left-margin">Alpha.</div><div class="csl-right-inline"> P.</div>']
    assert _render(tmp_path, period, "text") == ["Alpha. P."]
    space = _layout(children.replace("{p}", " "), ' suffix="."')
    assert _render(tmp_path, space, "html") == [
        '<div class="csl-left-margin">Alpha</div><div class="csl-right-inline"> P.</div>']
    # the first division's leading mark stands before it, its space inside
    first = _layout('<group display="block"><text variable="title" prefix=", "/></group>'
                    '<group display="left-margin"><text variable="publisher" prefix=" "/></group>',
                    ' suffix="."')
    assert _render(tmp_path, first, "html") == [
        ',<div class="csl-block"> Alpha</div><div class="csl-left-margin"> P.</div>']


def test_second_field_align_makes_the_first_part_the_margin_whatever_its_display(tmp_path):
    # citeproc-js gives the first child of a second-field-align layout the
    # left margin, its own display="block" given way ("1.  Alpha" in text)
    body = _layout('<text variable="citation-number" display="block" suffix=". "/>'
                   '<text variable="title"/><text variable="publisher" prefix=" "/>', "",
                   ' second-field-align="flush"')
    html = _render(tmp_path, body, "html")[0]
    assert html.startswith('<div class="csl-left-margin">1. </div>')
    assert "csl-block" not in html
    assert _render(tmp_path, body, "text") == ["1.  Alpha P"]


def test_second_field_align_with_one_part_prints_no_right_inline_nor_suffix(tmp_path):
    # journal-of-australian-strength-and-conditioning: one group holds the
    # number and everything else; citeproc-js makes it the margin and prints
    # no right-inline part, the layout's suffix with it ("1. Doe. Alpha")
    body = _layout('<group delimiter=". "><text variable="citation-number"/>'
                   '<names variable="author"/><text variable="title"/></group>', ' suffix="."',
                   ' second-field-align="flush"')
    assert _render(tmp_path, body, "html") == ['<div class="csl-left-margin">1. Jo Doe. Alpha</div>']
    assert _render(tmp_path, body, "text") == ["1. Jo Doe. Alpha"]
    prefixed = body.replace('<layout suffix=".">', '<layout prefix="[" suffix=".">')
    assert _render(tmp_path, prefixed, "text") == ["[1. Jo Doe. Alpha"]


def test_a_display_in_a_choose_branch_is_the_layout_s_own(tmp_path):
    # atlas-of-genetics-..., iso690-*, eva-berlin-konferenz: divisions in the
    # branches of a cs:choose at the layout's top level; one inside a group
    # prints none
    body = _layout('<text variable="title"/><choose><if type="book"><group display="block">'
                   '<text variable="publisher" prefix="By "/></group></if></choose>'
                   '<group><text variable="title" display="block"/></group>', "")
    assert _render(tmp_path, body, "html") == ['Alpha<div class="csl-block">By P</div>Alpha']
    assert _render(tmp_path, body, "text") == ["Alpha By P Alpha"]


def test_the_last_division_ends_without_its_trailing_spaces(tmp_path):
    # iso690-author-date-en, bioarchaeology-international: "P.</div>" for a
    # part printing "P. "; a space inside an earlier division is kept, and a
    # division's leading space goes after a space
    blocks = _layout('<group display="block"><text variable="title" suffix=". "/></group>'
                     '<group display="block"><text variable="publisher" suffix=". "/></group>', "")
    assert _render(tmp_path, blocks, "html") == [
        '<div class="csl-block">Alpha. </div><div class="csl-block">P.</div>']
    indent = _layout('<text variable="title" suffix=". "/><group display="indent">'
                     '<text variable="publisher" suffix=". "/></group>', "")
    assert _render(tmp_path, indent, "html") == ['Alpha. <div class="csl-indent">P.</div>']
    margin = _layout('<group display="left-margin"><text variable="title" suffix=". "/></group>'
                     '<group display="indent"><text variable="publisher" prefix=" "/></group>', "")
    assert _render(tmp_path, margin, "html") == [
        '<div class="csl-left-margin">Alpha. </div><div class="csl-indent">P</div>']
