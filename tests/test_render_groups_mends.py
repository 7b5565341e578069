"""Mends to branch rgroups's citeproc-js rules (issue 15, after review).
The expected texts are what citeproc-js 2.4 (npm "citeproc") printed for
the same style and items when the test was written; no peer is needed
here."""
from __future__ import annotations

import pytest

from converters.render import render
from tests.support import _RULE_STYLE
from tests.support import rule_bibliography as _bib
from tests.support import rule_entries as _entries

_QUOTED = '<macro name="q"><text variable="title" quotes="true" prefix="(" suffix=")"/></macro>'
_QUOTED_LAYOUT = '<group delimiter=", "><text macro="q"/><text variable="container-title"/></group>'


@pytest.mark.parametrize("title", ["The <i>Big</i> coll", "A <b>b</b> c",
                                   'A <span class="nocase">b</span> c'])
@pytest.mark.parametrize("output", ["text", "html"])
def test_rich_text_in_a_bracketed_quote_keeps_the_next_mark_out(tmp_path, title, output):
    # citeproc-js: (“The Big coll”), C in the entry and in the citation alike
    body = (_QUOTED + f"<citation><layout>{_QUOTED_LAYOUT}</layout></citation>"
            f"<bibliography><layout>{_QUOTED_LAYOUT}</layout></bibliography>")
    path = tmp_path / "rule.csl"
    path.write_text(_RULE_STYLE.format(kind="in-text", attrs="", body=body), encoding="utf-8")
    item = {"id": "a", "type": "chapter", "title": title, "container-title": "C"}
    result = render([item], style=str(path), output=output, cite=["a"])
    plain = title.replace("<i>", "").replace("</i>", "").replace("<b>", "").replace("</b>", "")
    plain = plain.replace('<span class="nocase">', "").replace("</span>", "")
    if output == "html":
        plain = title.replace('<span class="nocase">', "").replace("</span>", "")
    expected = f"(“{plain}”), C"
    assert result.citations == [expected]
    assert result.entries == [expected]


def test_a_plain_bracketed_quote_takes_the_next_mark(tmp_path):
    body = _bib(_QUOTED_LAYOUT, _QUOTED)
    item = {"id": "a", "type": "chapter", "title": "Coll", "container-title": "C"}
    assert _entries(tmp_path, body, [item]) == ["(“Coll,”) C"]
