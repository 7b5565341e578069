"""Issue 16, BibTeX reader side: what the reader read as empty made the
validator cry wolf.  Macros a file defines in its @preamble (or takes from
the TeX community's tugboat.def / bibnames.sty), a crossref parent with one
undefined @string, a @periodical's own title.  Small fixtures first, then
the real records of the corpora that raised the false alarms."""
from __future__ import annotations

import pytest
from tests.support import corpus

import converters


def read(text: str, **options):
    return converters.read(text, "bibtex", **options)


def by_id(result) -> dict:
    return {r.id: r.data for r in result.records}


PREAMBLE = r"""@preamble{"\ifx \undefined \Xy \def \Xy {{\sc Xy}} \fi "
 # "\ifx \undefined \pdfTeX \def \pdfTeX {pdf\TeX-overridden}\fi "
 # "\newcommand{\Org}{Acme Research Institute} \providecommand\Sw[1]{#1 Software}"
 # "\def \toenglish #1\endtoenglish{[#1]}"}
@article{a, author = {\Org}, title = {The \Xy-pic package}, journal = {J}, year = 2001}
@article{b, author = {Ann Smith and \Org{}}, title = {On \Sw{Free} and \pdfTeX}, year = 2002}
@article{c, author = {Bo Li}, title = {\toenglish Hallo\endtoenglish}, year = 2003}
"""


def test_preamble_macros_are_expanded_where_fields_are_read():
    records = by_id(read(PREAMBLE))
    # an argument-less macro in a name list is one name, as BibTeX reads it
    assert records["a"]["author"] == [{"literal": "Acme Research Institute"}]
    assert records["a"]["title"] == (
        'The <span style="font-variant:small-caps;">Xy</span>-pic package')
    assert records["b"]["author"][1] == {"literal": "Acme Research Institute"}
    # one argument; a guarded definition of a logo the decoder knows is not used
    assert records["b"]["title"] == "On Free Software and pdfTeX"
    # delimited arguments are beyond simple definitions: dropped as before
    assert "toenglish" not in records["c"]["title"]


def test_no_preamble_no_change_and_macros_stay_in_their_file():
    plain = by_id(read(r"@article{a, author = {\Org}, title = {T}, year = 2001}"))
    assert "author" not in plain["a"]  # an unknown command reads as nothing


def test_self_referring_definition_stops():
    text = r'@preamble{"\def\loop{a\loop}"} @misc{k, title = {\loop}, year = 2000}'
    data = by_id(read(text))["k"]
    assert data["title"].startswith("Aaaa") or data["title"].startswith("aaaa")
    assert len(data["title"]) < 200_000


CROSSREF = """@article{child, crossref = {parent}}
@article{parent, title = {Generating plans}, author = {Tuan Anh Nguyen},
  journal = AIJ, year = 2012, volume = 190}
"""


def test_an_undefined_macro_does_not_lose_a_crossref_parent():
    result = read(CROSSREF)
    records = by_id(result)
    assert list(records) == ["child"]  # the parent is still reported and skipped
    assert records["child"]["title"] == "Generating plans"
    assert records["child"]["author"] == [{"family": "Nguyen", "given": "Tuan Anh"}]
    errors = [d for d in result.diagnostics if d.severity.value == "error"]
    assert [(d.code, d.record) for d in errors] == [("macro-undefined", "parent")]
    warned = [d for d in result.diagnostics if d.severity.value == "warning"]
    assert [(d.code, d.record) for d in warned] == [("macro-undefined", "child")]


@pytest.mark.parametrize("variant", ["bibtex", "biblatex"])
def test_a_periodical_has_its_own_title_and_round_trips(variant):
    data = by_id(read("@periodical{p, editor = {Malcolm Clark}, title = {TeXline}, "
                      "year = 1987}"))["p"]
    assert data["title"] == data["container-title"] == "TeXline"
    written = converters.write([data], variant).text
    again = by_id(read(written))["p"]
    assert {k: again.get(k) for k in ("type", "title", "container-title", "editor")} == {
        k: data.get(k) for k in ("type", "title", "container-title", "editor")}
    assert "journal" not in written and "journaltitle" not in written


# -- the real records that raised the false alarms ---------------------------------

def test_tugboat_names_and_titles_from_its_macros():
    records = by_id(converters.read(corpus("bibtex", "tugboat.bib")))
    for key in ("Thanh:TB19-3-284", "Thanh:2000:MTE", "Thanh:TB22-3-146", "Thanh:TB24-1-79",
                "Thanh:TB25-1-35", "Thanh:2005:EMT", "Thanh:TB29-1-36", "Thanh:TB29-1-95",
                "Thanh:TB30-1-32", "Thanh:TB36-2-93"):
        assert records[key]["author"][0] == {"family": "Hàn Thế Thành"}, key
    assert records["Anonymous:TB12-2-119-2"]["title"] == "TUG"
    assert records["Anonymous:TB12-2-124"]["title"] == "UK TUG"
    assert records["Casares:TB23-3-313"]["title"] == "MTeX"


def test_texbook3_preamble_macros_periodical_and_logos():
    records = by_id(converters.read(corpus("bibtex", "texbook3.bib")))
    assert records["Clark:1987:T"]["title"] == "TeXline"
    assert records["Graetzer:1993:A"]["title"] == "AMS-LaTeX"
    # \FEATPOST is defined in the file's own @preamble
    assert records["Goncalves:2004:FRM"]["title"].startswith("FEATPOST and")


def test_crossref_parens_child_inherits_from_its_skipped_parent():
    records = by_id(converters.read(corpus("bibtex", "bbt-import-873-crossref-parens.bib")))
    child = records["NguyenETAL:DiversityAIJ"]
    assert child["title"].startswith("Generating diverse plans")
    assert len(child["author"]) == 6


def test_no_bibtex_false_alarm_left_for_authors_or_titles():
    """Every record of these files that the validator would call untitled or
    authorless is one the file itself leaves so."""
    for name in ("tugboat.bib", "texbook3.bib"):
        result = converters.read(corpus("bibtex", name))
        untitled = [r.id for r in result.records if not r.data.get("title")]
        assert untitled == [], (name, untitled[:10])


def test_a_preamble_stand_in_that_drops_its_argument_is_not_applied():
    # JabRef libraries carry "\bibcyr" as "---" for documents that cannot set
    # Cyrillic; applying it would replace every such title with a dash.
    text = ('@PREAMBLE{"\\@ifundefined{bibcyr}{\\newcommand{\\bibcyr}[1]{---}}{}"}\n'
            '@article{k, title = {\\bibcyr{Влияние освещения}}, author = {Klier, E.},'
            ' year = 1955}\n')
    record = converters.read(text, "bibtex").records[0]
    assert record.data["title"] == "Влияние освещения"
