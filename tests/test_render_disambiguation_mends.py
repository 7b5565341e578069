"""Disambiguation mends after review (issue 15), each on a small style.
The expected texts are what citeproc-js 2.4 (npm "citeproc") printed for
the same style and items when the test was written; no peer is needed."""
from __future__ import annotations

from tests.support import _RULE_STYLE
from tests.support import rule_entries as _entries

_YEAR = '<date variable="issued" prefix=" "><date-part name="year"/></date>'


def _citations(tmp_path, body, items, kind="in-text"):
    """The citations (each item cited alone) a crafted style prints."""
    from converters.render import render

    path = tmp_path / "cites.csl"
    path.write_text(_RULE_STYLE.format(kind=kind, attrs="", body=body), encoding="utf-8")
    return render(items, style=str(path), cite=[item["id"] for item in items]).citations


def test_year_suffixes_go_past_zz(tmp_path):
    # 710 cites alike: a ... z, aa ... zz, aaa ... aah (no limit)
    body = ('<citation disambiguate-add-year-suffix="true"><layout><names variable="author"/>'
            f'{_YEAR}</layout></citation><bibliography><sort><key variable="title"/></sort>'
            f'<layout><names variable="author"/>{_YEAR}<text variable="title" prefix=". "/>'
            '</layout></bibliography>')
    items = [{"id": f"i{i:04d}", "type": "book", "title": f"T{i:04d}",
              "issued": {"date-parts": [[1999]]}, "author": [{"family": "Smith", "given": "J"}]}
             for i in range(710)]
    entries = _entries(tmp_path, body, items)
    assert entries[:2] == ["J Smith 1999a. T0000", "J Smith 1999b. T0001"]
    assert entries[26] == "J Smith 1999aa. T0026"
    assert entries[701:703] == ["J Smith 1999zz. T0701", "J Smith 1999aaa. T0702"]
    assert entries[-1] == "J Smith 1999aah. T0709"


def test_a_nameless_work_titled_like_an_author_is_lettered_with_it(tmp_path):
    # "WHO" the corporate author and a report titled "WHO" print alike; so
    # do the author "Ethics" and a report whose short title is "Ethics"
    body = ('<citation disambiguate-add-year-suffix="true"><layout><names variable="author">'
            '<substitute><text variable="title" form="short"/></substitute></names>'
            f'{_YEAR}</layout></citation><bibliography><sort><key variable="title"/></sort>'
            '<layout><names variable="author"><substitute><text variable="title"/></substitute>'
            f'</names>{_YEAR}<text variable="note" prefix=". "/></layout></bibliography>')

    def item(key, kind, title, year, **more):
        return {"id": key, "type": kind, "title": title, "issued": {"date-parts": [[year]]},
                "note": f"n{key}", **more}

    items = [item("a", "book", "Report", 2001, author=[{"literal": "WHO"}]),
             item("b", "report", "WHO", 2001),
             item("c", "report", "Ethics: a long title", 2002, **{"title-short": "Ethics"}),
             item("d", "book", "Ethics", 2002, author=[{"family": "Ethics", "given": ""}])]
    assert _citations(tmp_path, body, items) == [
        "WHO 2001a", "WHO 2001b", "Ethics 2002b", "Ethics 2002a"]
    assert _entries(tmp_path, body, items) == [
        "Ethics 2002a. nd", "Ethics: a long title 2002b. nc", "WHO 2001a. na", "WHO 2001b. nb"]


def test_a_made_citation_label_falls_back_to_the_title_then_the_year(tmp_path):
    # citeproc-js's getCitationLabel: without names (or with a family name
    # of no letters it keeps, as CJK), the title's first four letters
    # without skip words ("of", "and"; case-sensitive, so "The" stays),
    # then the year alone
    body = ('<citation><layout><text variable="citation-label"/></layout></citation>'
            '<bibliography><sort><key variable="citation-label"/></sort><layout>'
            '<text variable="citation-label" prefix="[" suffix="] "/><text variable="title"/>'
            '</layout></bibliography>')

    def book(key, title, year, **more):
        return {"id": key, "type": "book", "title": title, "issued": {"date-parts": [[year]]},
                **more}

    items = [book("a", "The Art of War", 2001), book("b", "Of Mice and Men", 2002),
             book("c", "", 2003), book("d", "X", 2004, author=[{"family": "王", "given": "小明"}]),
             book("h", "V", 2007, composer=[{"family": "Bach", "given": "J"}]),
             book("i", "U", 2008, **{"container-author": [{"literal": "The Beatles"}]})]
    assert _citations(tmp_path, body, items) == [
        "Thea01", "Ofmi02", "03", "X04", "Bach07", "Beat08"]
    assert _entries(tmp_path, body, items) == [
        "[03]", "[Bach07] V", "[Beat08] U", "[Ofmi02] Of Mice and Men",
        "[Thea01] The Art of War", "[X04] X"]


def test_by_cite_given_names_reach_the_entry(tmp_path):
    # under by-cite, an entry prints its names at the level its cite was
    # given: whole given names in the long form, initials in the short one
    def style(bib_name):
        return ('<citation disambiguate-add-givenname="true"><layout><names variable="author">'
                f'<name form="short" initialize-with=". "/></names>{_YEAR}</layout></citation>'
                '<bibliography><sort><key variable="issued"/></sort><layout>'
                f'<names variable="author">{bib_name}</names>{_YEAR}'
                '<text variable="title" prefix=". "/></layout></bibliography>')

    def book(key, year, *people):
        return {"id": key, "type": "book", "title": key.upper(), "issued": {"date-parts": [[year]]},
                "author": [{"family": f, "given": g} for f, g in people]}

    items = [book("a", 2000, ("Brown", "Anne")), book("b", 2000, ("Brown", "Alan")),
             book("c", 2001, ("Brown", "Ann"), ("Kim", "Lee")), book("d", 2002, ("Brown", "Bob"))]
    long = style('<name name-as-sort-order="first" initialize-with=". "/>')
    assert _citations(tmp_path, long, items) == [
        "Anne Brown 2000", "Alan Brown 2000", "Brown, Kim 2001", "Brown 2002"]
    assert _entries(tmp_path, long, items) == [
        "Brown, Anne 2000. A", "Brown, Alan 2000. B", "Brown, A., L. Kim 2001. C",
        "Brown, B. 2002. D"]
    items[1] = book("b", 2000, ("Brown", "Bob"))
    short = style('<name form="short" initialize-with=". "/>')
    assert _entries(tmp_path, short, items) == [
        "A. Brown 2000. A", "B. Brown 2000. B", "Brown, Kim 2001. C", "Brown 2002. D"]


def test_a_name_only_the_bibliography_prints_is_one_more_person(tmp_path):
    # the editor Anne Doe is never cited: citeproc-js registers her as the
    # entry prints her, beside the cited Ann Doe (same initials): whole
    for rule in ("all-names", "primary-name"):
        body = ('<citation et-al-min="3" et-al-use-first="1" disambiguate-add-givenname="true" '
                f'givenname-disambiguation-rule="{rule}"><layout><names variable="author">'
                f'<name form="short" initialize-with=". "/></names>{_YEAR}</layout></citation>'
                '<bibliography><sort><key variable="issued"/></sort><layout>'
                f'<names variable="author"><name form="short" and="text"/></names>{_YEAR}'
                '<text variable="title" prefix=". "/><names variable="editor" prefix=". Ed. ">'
                '<name initialize-with="."/></names></layout></bibliography>')

        def book(key, year, people, **more):
            return {"id": key, "type": "book", "title": key.upper(),
                    "issued": {"date-parts": [[year]]},
                    "author": [{"family": f, "given": g} for f, g in people], **more}

        items = [book("a", 2001, [("Smith", "John"), ("Doe", "Bob"), ("Roe", "Carl")]),
                 book("b", 2002, [("Doe", "Ann")]), book("c", 2003, [("Smith", "Jane")]),
                 book("d", 2004, [("Smith", "John")]),
                 book("e", 2005, [("Roe", "Carla"), ("Kim", "Lee")]),
                 book("f", 2006, [("Brown", "Tom")], editor=[
                     {"family": "Doe", "given": "Anne"}, {"family": "Kim", "given": "Lee"}])]
        entries = _entries(tmp_path, body, items)
        assert entries[-1] == "Brown 2006. F. Ed. Anne Doe, L. Kim"
        assert entries[1] == ("Ann Doe 2002. B" if rule == "all-names" else "Doe 2002. B")


# all-names-with-initials, and a cs:name without initialize-with
_SHORT_NAMES_WITH_INITIALS = (
    '<citation disambiguate-add-givenname="true" '
    'givenname-disambiguation-rule="all-names-with-initials"><layout>'
    f'<names variable="author"><name form="short"/></names>{_YEAR}</layout></citation>'
    '<bibliography><sort><key variable="title"/></sort><layout><names variable="author">'
    f'<name form="short"/></names>{_YEAR}<text variable="title" prefix=". "/>'
    '</layout></bibliography>')


def test_with_initials_a_name_without_initialize_with_gets_bare_initials(tmp_path):
    # citeproc-js initializes with "" where the cs:name has no initialize-with
    body = _SHORT_NAMES_WITH_INITIALS
    items = [{"id": k, "type": "book", "title": k.upper(), "issued": {"date-parts": [[y]]},
              "author": [{"family": f, "given": g}]}
             for k, y, f, g in (("a", 2001, "Doe", "John Paul"), ("b", 2002, "Doe", "Jean-Paul"),
                                ("c", 2003, "Doe", "Ann"), ("d", 2004, "Doe", "A. B."),
                                ("e", 2005, "Roe", "Al"), ("f", 2006, "Roe", "Al"))]
    assert _citations(tmp_path, body, items) == [
        "JP Doe 2001", "J-P Doe 2002", "A Doe 2003", "AB Doe 2004", "Roe 2005", "Roe 2006"]
    assert _entries(tmp_path, body, items)[:4] == [
        "JP Doe 2001. A", "J-P Doe 2002. B", "A Doe 2003. C", "AB Doe 2004. D"]


def test_bare_initials_are_citeproc_js_initials(tmp_path):
    # its own initializer with "": a lower-case part after a hyphen is
    # dropped ("Guo-ping" -> "G"), a capital pair kept ("TSerendorjiin" -> "Ts")
    body = _SHORT_NAMES_WITH_INITIALS
    items = [{"id": k, "type": "book", "title": k.upper(), "issued": {"date-parts": [[y]]},
              "author": [{"family": "Doe", "given": g}]}
             for k, y, g in (("a", 2000, "Guo-ping"), ("b", 2001, "Hua"),
                             ("c", 2002, "TSerendorjiin"), ("d", 2003, "Bat"))]
    assert _citations(tmp_path, body, items) == ["G Doe 2000", "H Doe 2001", "Ts Doe 2002",
                                                 "B Doe 2003"]
    assert _entries(tmp_path, body, items) == ["G Doe 2000. A", "H Doe 2001. B",
                                               "Ts Doe 2002. C", "B Doe 2003. D"]


def test_partial_first_replaces_the_first_name_only_when_it_matches(tmp_path):
    # mhra-author-date-no-url: "——" stood for every entry's first name, the
    # previous entry's or not
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography subsequent-author-substitute="——" '
            'subsequent-author-substitute-rule="partial-first"><layout><group delimiter=". ">'
            '<names variable="author"><name/></names><text variable="title"/></group></layout>'
            '</bibliography>')
    items = [{"id": k, "type": "book", "title": t,
              "author": [{"family": f, "given": g}, {"family": f2, "given": g2}]}
             for k, t, f, g, f2, g2 in (("a", "Alpha", "Doe", "Jo", "Roe", "Al"),
                                        ("b", "Beta", "Doe", "Jo", "Kim", "Bo"),
                                        ("c", "Gamma", "Zed", "Ann", "Roe", "Al"))]
    assert _entries(tmp_path, body, items) == [
        "Jo Doe, Al Roe. Alpha", "——, Bo Kim. Beta", "Ann Zed, Al Roe. Gamma"]
