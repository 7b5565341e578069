"""A ``display`` in a citation layout (bluebook-law-review-with-abstract's
abstract, display="block").  citeproc-js 2.4 prints its division in HTML,
the layout's suffix after it: ``Alpha<div class="csl-block">An
abstract</div>.`` (its pretty-printing line breaks left out); text and
Markdown separate the part by a space, as in an entry.  The display marks
were once printed raw in every output."""
from __future__ import annotations

import pytest

from converters.render import render

STYLE = ('<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" '
         'class="note" version="1.0"><info><title>t</title><id>t</id>'
         '<updated>2020-01-01T00:00:00+00:00</updated></info><citation><layout suffix="." '
         'delimiter="; "><text variable="title"/><text variable="abstract" display="block"/>'
         '</layout></citation></style>')
ITEM = {"id": "a", "type": "article-journal", "title": "Alpha", "abstract": "An abstract"}


@pytest.mark.parametrize(("output", "expected"), [
    ("html", 'Alpha<div class="csl-block">An abstract</div>.'),
    ("text", "Alpha An abstract."),
    ("markdown", "Alpha An abstract."),
])
def test_a_display_in_a_citation_is_finished_like_an_entry(tmp_path, output, expected):
    path = tmp_path / "rule.csl"
    path.write_text(STYLE, encoding="utf-8")
    assert render([ITEM], style=str(path), output=output, cite=["[@a]"]).citations == [expected]
