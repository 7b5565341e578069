"""Markdown output escapes what would begin a list or a heading at the start
of an entry, and what pandoc's Markdown reads as a citation.  Each expected
text is what pandoc 3.9 (`-f html -t markdown`) wrote for the same HTML."""
from __future__ import annotations

import pytest

from converters.render.finishing import to_markdown


@pytest.mark.parametrize("html, markdown", [
    ("1. Smith J. <i>A Book</i>. 2020.", "1\\. Smith J. *A Book*. 2020."),
    ("2020. Title, see @smith and a@b.c", "2020\\. Title, see \\@smith and a@b.c"),
    ("# One - two", "\\# One - two"),
    ("- One", "\\- One"),
    ("+ One", "\\+ One"),
    ("12) One", "12\\) One"),
    ("A. Smith", "A. Smith"),
    ("(1) Doe. T.", "\\(1\\) Doe. T."),
    ("a) Smith", "a\\) Smith"),
    ("(a) Smith", "\\(a\\) Smith"),
    ("iv. Smith", "iv\\. Smith"),
    ("B) Smith", "B\\) Smith"),
    ("ab. Smith", "ab. Smith"),
    ("% x", "\\% x"),
    ("Doe (1) x", "Doe (1) x"),
    # an @ only after a space (or at the start) begins a citation
    ("https://medium.com/@doe/post-1", "https://medium.com/@doe/post-1"),
    ("(@doe)", "\\(@doe\\)"),
    ("1.5 Smith", "1.5 Smith"),
])
def test_markdown_escapes_a_list_or_heading_start_and_citations(html, markdown):
    assert to_markdown(html) == markdown
