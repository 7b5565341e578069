"""Rich text in field values (CSL's flip-flop markup) through the renderer:
italics inside an italic title turn upright in HTML, plain text drops the
tags, nocase spans keep their case, literal "<" and "&" are escaped, the
data's straight quotes become typographic while a style's own are kept."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from converters.render import render
from converters.render.richtext import MARK_CHARS, mark, resolve, strip_marks

BOOK = {"id": "b", "type": "book", "author": [{"family": "Darwin", "given": "Charles"}],
        "issued": {"date-parts": [[1859]]}, "publisher": "John Murray"}


def _entry(style: str, output: str, **fields) -> str:
    return render([dict(BOOK, **fields)], style=style, output=output).entries[0]


def test_italics_in_an_italic_title_turn_upright_in_html():
    entry = _entry("apa", "html", title="On the origin of <i>Homo sapiens</i>")
    assert '<i>On the origin of <span style="font-style:normal;">Homo sapiens</span></i>' \
        in entry


def test_plain_text_and_markdown_drop_or_translate_the_tags():
    title = "On the origin of <i>Homo sapiens</i> and <b>bold</b> H<sub>2</sub>O"
    text = _entry("apa", "text", title=title)
    assert "On the origin of Homo sapiens and bold H2O" in text
    assert not set(text) & MARK_CHARS and "<" not in text
    markdown = _entry("apa", "markdown", title=title)
    assert "*On the origin of Homo sapiens and **bold** H2O*" in markdown


def test_nocase_keeps_its_case_under_title_case():
    entry = _entry("chicago-author-date", "text", type="article-journal",
                   title='the <span class="nocase">iPhone</span> and the world',
                   **{"container-title": "journal of things"})
    assert "The iPhone and the World" in entry


def test_literal_angle_brackets_and_ampersands_are_escaped_in_html():
    entry = _entry("apa", "html", title="When a < b & c > d")
    assert "When a &#60; b &#38; c &#62; d" in entry
    assert "When a < b & c > d" in _entry("apa", "text", title="When a < b & c > d")


def test_unbalanced_tags_stay_text():
    assert "One </i> two" in _entry("apa", "text", title="One </i> two")


def test_data_quotes_become_typographic_style_quotes_stay():
    # journal-of-management-studies puts straight quotes around titles itself
    entry = _entry("journal-of-management-studies", "text", type="article-journal",
                   title='Why "big data" isn\'t enough',
                   **{"container-title": "Journal"})
    assert "'Why “big data” isn’t enough'" in entry


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                      blacklist_characters="".join(MARK_CHARS)), max_size=40))
def test_marking_then_resolving_as_text_gives_the_text_back(text):
    plain = resolve(mark(text), "text")
    quotes = str.maketrans("", "", "‘’“”'\"")  # straight ones become typographic
    expected = text.translate(quotes)
    got = plain.translate(quotes)
    # tags vanish, everything else (quotes aside: typographic when paired) is kept
    assert not set(plain) & MARK_CHARS
    if "<" not in text:
        assert got == expected
        assert strip_marks(mark(text)) == plain
