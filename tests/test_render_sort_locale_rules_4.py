"""Sorting rules of citeproc-js (ICU's root collation through
Intl.Collator), each on a small style.  The expected orders are what
citeproc-js 2.4 (npm "citeproc") printed for the same style and items when
the rule was written; no peer is needed here."""
from __future__ import annotations

import pytest

from tests.support import rule_entries as _entries


def _by(key: str, shown: str = "title") -> str:
    """A style body whose bibliography sorts by ``key`` and prints ``shown``."""
    return (f'<macro name="m"><text variable="note"/></macro>'
            f'<citation><layout><text variable="{shown}"/></layout></citation>'
            f'<bibliography><sort>{key}</sort><layout><text variable="{shown}"/>'
            '</layout></bibliography>')


def _titled(titles: list[str]) -> list[dict]:
    return [{"id": str(n), "type": "book", "title": title} for n, title in enumerate(titles)]


def test_letters_that_do_not_decompose_sort_by_their_base_letters(tmp_path):
    # as base letters (ł as l, æ as ae, ß as ss), or as letters of their
    # own right after one (ı after i, ŋ after n, ƒ after f, þ after z)
    titles = ["Lz", "Łb", "La", "Oz", "Øb", "Oa", "Az", "Æb", "Ae", "Af", "Sz", "ßb", "Ssa",
              "Ssc", "Tz", "Þb", "Th", "Dz", "Đb", "Da", "Iz", "ıb", "Ia", "Oe", "Œb", "Of",
              "Ð", "Ħb", "Ha", "Hz", "ŋ", "Na", "Nz", "ƒ", "Fa", "Fz"]
    assert _entries(tmp_path, _by('<key variable="title"/>'), _titled(titles)) == [
        "Ae", "Æb", "Af", "Az", "Ð", "Da", "Đb", "Dz", "Fa", "Fz", "ƒ", "Ha", "Ħb", "Hz",
        "Ia", "Iz", "ıb", "La", "Łb", "Lz", "Na", "Nz", "ŋ", "Oa", "Øb", "Oe", "Œb", "Of",
        "Oz", "Ssa", "ßb", "Ssc", "Sz", "Th", "Tz", "Þb"]


def test_letters_of_their_own_keep_the_collations_order_after_a_base_letter(tmp_path):
    titles = ["ɗa", "ɖb", "Dz", "ƌc", "Ea", "ɛa", "əa", "ǝa", "Ez", "ʃa", "Sz", "Ta"]
    assert _entries(tmp_path, _by('<key variable="title"/>'), _titled(titles)) == [
        "Dz", "ɖb", "ɗa", "ƌc", "Ea", "Ez", "ǝa", "əa", "ɛa", "Sz", "ʃa", "Ta"]


def test_modifier_and_phonetic_letters_are_letters_of_their_own(tmp_path):
    # the okina after "h", the ayn and hamza of transliterations after "z",
    # schwa after "e", Latin alpha after "a"
    titles = ["ʿAbd", "Zayd", "ʾAli", "Abd", "ʻOkina", "Hz", "Ia", "Əliyev", "Ez", "Fa",
              "ɑlpha", "Az", "B"]
    assert _entries(tmp_path, _by('<key variable="title"/>'), _titled(titles)) == [
        "Abd", "Az", "ɑlpha", "B", "Ez", "Əliyev", "Fa", "Hz", "ʻOkina", "Ia", "Zayd", "ʾAli",
        "ʿAbd"]


def test_a_no_break_space_is_ignored_not_a_word_separator(tmp_path):
    # citeproc-js makes only the space a separator ("|"); other white
    # space is ignored with punctuation: "Ab\u00a0b" sorts as "Abb"
    titles = ["Ab\u00a0c", "Ab d", "Abd", "Ab\u00a0b"]
    assert [t.replace("\u00a0", " ") for t in
            _entries(tmp_path, _by('<key variable="title"/>'), _titled(titles))] == [
        "Ab d", "Ab b", "Ab c", "Abd"]


def test_symbols_sort_in_the_collations_order(tmp_path):
    # "^" before "+" before "~" before "$" (code points put "$" first);
    # "#", "&", "%", "*", "@" are punctuation, ignored
    titles = ["$2", "+x", "#a", "&b", "%c", "*d", "@e", "~f", "^g", "1", "a"]
    assert _entries(tmp_path, _by('<key variable="title"/>'), _titled(titles)) == [
        "^g", "+x", "~f", "$2", "1", "#a", "a", "&b", "%c", "*d", "@e"]


def test_the_separator_sorts_as_the_symbol_it_is_and_ends_every_key(tmp_path):
    # citeproc-js joins a key's words with "|" and ends the key with it: "+"
    # sorts before it, "$" after ("x+y", "x y", "x$y"; "Ab+" before "Ab"),
    # punctuation alone is "|" ("–" after "+x"), a space after leading
    # punctuation counts ("’ ab" before "$x"); number signs that are no
    # digits sort after every number ("11", "½", "a"; "x3", "x²")
    titles = ["x$y", "x y", "x+y", "Ab", "Ab+", "’ ab", "–", "+x", "$x", "11", "½", "a", "x3",
              "x²", "2"]
    assert _entries(tmp_path, _by('<key variable="title"/>'), _titled(titles)) == [
        "+x", "–", "’ ab", "$x", "2", "11", "½", "a", "Ab+", "Ab", "x+y", "x y", "x$y", "x3", "x²"]


_NOTED = [{"id": "a", "type": "book", "title": "A1", "note": "b"},
          {"id": "b", "type": "book", "title": "B2", "note": ""},
          {"id": "c", "type": "book", "title": "C3"},
          {"id": "d", "type": "book", "title": "D4", "note": "a"},
          {"id": "e", "type": "book", "title": "E5", "note": " "}]


@pytest.mark.parametrize("key", ['<key variable="note"{}/>', '<key macro="m"{}/>'])
@pytest.mark.parametrize(("direction", "expected"), [
    ("", ["D4", "A1", "B2", "C3", "E5"]),
    (' sort="descending"', ["A1", "D4", "B2", "C3", "E5"])])
def test_an_empty_key_sorts_last_either_way(tmp_path, key, direction, expected):
    # citeproc-js keeps no key for an empty one (as for a missing one)
    assert _entries(tmp_path, _by(key.format(direction)), _NOTED) == expected


_KULLBACK = [{"family": "Kullback", "given": "S"}]
_ORIGINAL_OR_ISSUED = (
    '<macro name="year"><choose><if variable="original-date">'
    '<date date-parts="year" form="text" variable="original-date"/></if>'
    '<else><date date-parts="year" form="text" variable="issued"/></else></choose></macro>')


def _year_cites(dates: str, macros: str = "") -> str:
    """A style whose cite and entry print the short author and ``dates``."""
    cite = f'<group delimiter=" "><names variable="author"><name form="short"/></names>{dates}'
    return (f'{macros}<citation disambiguate-add-year-suffix="true"><layout>{cite}</group>'
            f'</layout></citation><bibliography><layout>{cite}<text variable="publisher"/>'
            '</group></layout></bibliography>')


def test_a_reprint_cited_by_its_original_year_is_lettered(tmp_path):
    # the cite prints the original date where there is one: a 1997 reprint
    # of 1959 cites as "Kullback 1959" beside the 1959 book, and both are
    # lettered though their issued years differ
    items = [{"id": "a", "type": "book", "author": _KULLBACK, "publisher": "W",
              "issued": {"date-parts": [[1959]]}},
             {"id": "b", "type": "book", "author": _KULLBACK, "publisher": "D",
              "issued": {"date-parts": [[1997]]}, "original-date": {"date-parts": [[1959]]}}]
    body = _year_cites('<text macro="year"/>', _ORIGINAL_OR_ISSUED)
    assert _entries(tmp_path, body, items) == ["Kullback 1959a W", "Kullback 1959b D"]


_ORIGINAL = '<date variable="original-date" form="text" date-parts="year"/>'
_ISSUED = '<date variable="issued" form="text" date-parts="year"/>'


@pytest.mark.parametrize(("dates", "expected"), [
    (_ORIGINAL + _ISSUED, ["Kullback 1959a 1997 W", "Kullback 1959b 1997 D"]),
    (_ISSUED + _ORIGINAL, ["Kullback 1997a 1959 W", "Kullback 1997b 1959 D"]),
    (_ORIGINAL, ["Kullback 1959a W", "Kullback 1959b D"]),
    ('<date variable="event-date" form="text" date-parts="year"/>',
     ["Kullback 1950a W", "Kullback 1950b D"])])
def test_the_implicit_year_suffix_follows_the_first_date_printed(tmp_path, dates, expected):
    items = [{"id": key, "type": "book", "author": _KULLBACK, "publisher": publisher,
              "issued": {"date-parts": [[1997]]}, "original-date": {"date-parts": [[1959]]},
              "event-date": {"date-parts": [[1950]]}} for key, publisher in (("a", "W"), ("b", "D"))]
    assert _entries(tmp_path, _year_cites(dates), items) == expected


def _dated(months: list[list[int]]) -> list[dict]:
    return [{"id": str(n), "type": "book", "title": f"T{n}", "issued": {"date-parts": [parts]}}
            for n, parts in enumerate(months)]


def _printing(date: str) -> str:
    return ('<citation><layout><text variable="title"/></layout></citation>'
            f'<bibliography><layout>{date}</layout></bibliography>')


_MONTHS = [[2000, 3], [2000, 12], [2000, 13], [2000, 14], [2000, 15], [2000, 16], [2000, 17],
           [2000, 20], [2000, 21], [2000, 24], [2000, 25]]


@pytest.mark.parametrize("date", [
    '<date variable="issued"><date-part name="month" suffix=" "/><date-part name="year"/></date>',
    '<date variable="issued" form="text"/>'])
def test_months_13_to_24_print_as_seasons(tmp_path, date):
    assert _entries(tmp_path, _printing(date), _dated(_MONTHS)) == [
        "March 2000", "December 2000", "Spring 2000", "Summer 2000", "Autumn 2000",
        "Winter 2000", "Spring 2000", "Winter 2000", "Spring 2000", "Winter 2000", "2000"]


def test_a_seasons_month_prints_nothing_as_a_number(tmp_path):
    date = ('<date variable="issued"><date-part name="month" form="numeric" suffix="/"/>'
            '<date-part name="year"/></date>')
    assert _entries(tmp_path, _printing(date), _dated([[2000, 13], [2000, 22, 5]])) == [
        "2000", "2000"]
    assert _entries(tmp_path, _printing('<date variable="issued" form="numeric"/>'),
                    _dated([[2000, 13], [2000, 22, 5]])) == ["2000", "05/2000"]
    day = ('<date variable="issued"><date-part name="day" suffix=" "/>'
           '<date-part name="month" suffix=" "/><date-part name="year"/></date>')
    assert _entries(tmp_path, _printing(day), _dated([[2000, 22, 5]])) == ["5 Summer 2000"]


@pytest.mark.parametrize(("key", "expected"), [
    ('<key variable="issued"/>', ["S13", "S16", "Y", "S22", "S22d5", "M1", "M5"]),
    ('<key macro="d"/>', ["S13", "S16", "Y", "S22", "S22d5", "M1", "M5"]),
    ('<key variable="issued" sort="descending"/>',
     ["M5", "M1", "S22d5", "S13", "S16", "Y", "S22"])])
def test_a_season_sorts_as_a_date_without_a_month(tmp_path, key, expected):
    items = [{"id": title, "type": "book", "title": title, "issued": {"date-parts": [parts]}}
             for title, parts in (("S13", [2000, 13]), ("M5", [2000, 5]), ("M1", [2000, 1]),
                                  ("S16", [2000, 16]), ("Y", [2000]), ("S22d5", [2000, 22, 5]),
                                  ("S22", [2000, 22]))]
    body = ('<macro name="d"><date variable="issued" form="text"/></macro>'
            '<citation><layout><text variable="title"/></layout></citation>'
            f'<bibliography><sort>{key}</sort><layout><text variable="title"/></layout>'
            '</bibliography>')
    assert _entries(tmp_path, body, items) == expected


def _cites(tmp_path, body: str, items: list[dict]) -> list[str]:
    from converters.render import render
    from tests.support import _RULE_STYLE

    path = tmp_path / "cites.csl"
    path.write_text(_RULE_STYLE.format(kind="in-text", attrs="", body=body), encoding="utf-8")
    return render(items, style=str(path), output="text", locale="en-US").citations


def test_with_initials_a_name_whose_initials_tell_no_one_apart_stays_short(tmp_path):
    # Ann and Amy Lee are both "A Lee": under all-names-with-initials only
    # the second names, added to the cites, tell the works apart
    body = ('<citation disambiguate-add-givenname="true" disambiguate-add-names="true" '
            'et-al-min="2" et-al-use-first="1" '
            'givenname-disambiguation-rule="all-names-with-initials"><layout>'
            '<names variable="author"><name form="short" initialize-with=""/></names>'
            '<date variable="issued" prefix=" "><date-part name="year"/></date>'
            '</layout></citation>')

    def work(key, *people):
        return {"id": key, "type": "book", "issued": {"date-parts": [[2001]]},
                "author": [{"family": family, "given": given} for family, given in people]}

    items = [work("e", ("Lee", "Ann"), ("Kim", "B")), work("f", ("Lee", "Amy"), ("Kim", "C")),
             work("g", ("Roe", "A. B.")), work("h", ("Roe", "A. C."))]
    assert _cites(tmp_path, body, items) == [
        "Lee, B Kim 2001", "Lee, C Kim 2001", "AB Roe 2001", "AC Roe 2001"]


@pytest.mark.parametrize("rule", ["all-names-with-initials", "primary-name-with-initials"])
@pytest.mark.parametrize(("givens", "expected"), [
    (("Jean-Paul", "J. P."), ["J.-P. Sartre 2000", "J. P. Sartre 2000"]),
    (("Jean Paul", "Jean-Paul"), ["J. P. Sartre 2000", "J.-P. Sartre 2000"]),
    (("Anne Marie", "Anne-Marie"), ["A. M. Sartre 2000", "A.-M. Sartre 2000"]),
    (("Jean-paul", "J. P."), ["J. Sartre 2000", "J. P. Sartre 2000"]),
    (("Jean-Paul", "Jean-Pierre"), ["Sartre 2000", "Sartre 2000"])])
def test_with_initials_hyphenated_initials_tell_people_apart(tmp_path, rule, givens, expected):
    # initials are compared as they print: "J.-P." is not "J. P.", and a
    # lower-case part after a hyphen prints nothing ("Jean-paul": "J.")
    assert _sartre_cites(tmp_path, rule, givens) == expected


@pytest.mark.parametrize(("date", "expected"), [
    ('<date variable="issued"><date-part name="month" form="numeric" suffix=" "/>'
     '<date-part name="year"/></date>', ["3–2000", "–2000", "–3 2000", "3–5 2000"]),
    ('<date variable="issued" form="numeric" date-parts="year-month"/>',
     ["03–2000", "–2000", "–03/2000", "03–05/2000"])])
def test_a_range_to_a_season_printed_as_numbers_keeps_its_dash(tmp_path, date, expected):
    # the season's month prints nothing, but the ends still differ there
    items = [{"id": str(n), "type": "book", "title": f"T{n}", "issued": {"date-parts": parts}}
             for n, parts in enumerate([[[2000, 3], [2000, 14]], [[2000, 13], [2000, 14]],
                                        [[2000, 14], [2000, 3]], [[2000, 3], [2000, 5]]])]
    assert _entries(tmp_path, _printing(date), items) == expected


def _labelled(key: str, titles: list) -> tuple[str, list[dict]]:
    """A style sorting by ``key`` and printing each item's label (N0, N1,
    ...), and items with the titles (None: no title)."""
    body = ('<macro name="t"><text variable="title"/></macro>'
            '<citation><layout><text variable="note"/></layout></citation>'
            f'<bibliography><sort>{key}</sort><layout><text variable="note"/></layout>'
            '</bibliography>')
    items = [{"id": str(n), "type": "book", "note": f"N{n}",
              **({"title": title} if title is not None else {})} for n, title in enumerate(titles)]
    return body, items


@pytest.mark.parametrize(("titles", "direction", "expected"), [
    # every space a separator: "A  F" is "A||F", before "A|B"
    (["A  F", "A B", "Aa", "A. B", "A  C"], "", ["N4", "N0", "N1", "N3", "N2"]),
    (["A  F", "A B", "Aa", "A. B", "A  C"], ' sort="descending"',
     ["N2", "N1", "N3", "N0", "N4"]),
    # spaces at a key's ends too
    (["Ab  ", "Ab", "Ab c", "Ab ", " Ab", "  Ab"], "", ["N5", "N4", "N1", "N3", "N0", "N2"]),
    (["Ab  ", "Ab", "Ab c", "Ab ", " Ab", "  Ab"], ' sort="descending"',
     ["N2", "N0", "N3", "N1", "N4", "N5"])])
def test_every_space_of_a_key_is_a_separator(tmp_path, titles, direction, expected):
    body, items = _labelled(f'<key variable="title"{direction}/>', titles)
    assert _entries(tmp_path, body, items) == expected


@pytest.mark.parametrize("key", ['<key variable="title"{}/>', '<key macro="t"{}/>'])
@pytest.mark.parametrize(("direction", "expected"), [
    ("", ["N5", "N1", "N2", "N0", "N3", "N4"]),
    (' sort="descending"', ["N0", "N2", "N1", "N5", "N3", "N4"])])
def test_a_title_of_spaces_is_a_key_of_separators(tmp_path, key, direction, expected):
    # "  " and " " are keys ("|||", "||": before any letter); only an
    # empty or missing title has none, and sorts last either way
    body, items = _labelled(key.format(direction), ["b", "  ", "a", "", None, " "])
    assert _entries(tmp_path, body, items) == expected


@pytest.mark.parametrize("variable", ["note", "volume", "issue", "edition", "chapter-number"])
def test_notes_and_numbers_are_read_trimmed(tmp_path, variable):
    # where citeproc-js keeps a title's spaces ("[ 12 ]", "[  ]")
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            f'<bibliography><layout><text variable="{variable}" prefix="[" suffix="]"/>'
            '</layout></bibliography>')
    items = [{"id": str(n), "type": "book", variable: value}
             for n, value in enumerate([" 12 ", "  ", "7"])]
    assert _entries(tmp_path, body, items) == ["[12]", "[7]"]


@pytest.mark.parametrize("rule", ["all-names", "primary-name"])
@pytest.mark.parametrize(("givens", "expected"), [
    (("Jean-Paul", "J. P."), ["J.-P. Sartre 2000", "J. P. Sartre 2000"]),
    (("Anne Marie", "Anne-Marie"), ["A. M. Sartre 2000", "A.-M. Sartre 2000"]),
    (("Jean-paul", "J. P."), ["J. Sartre 2000", "J. P. Sartre 2000"]),
    (("Jean-Paul", "Jean-Pierre"), ["Jean-Paul Sartre 2000", "Jean-Pierre Sartre 2000"])])
def test_initials_that_differ_by_a_hyphen_are_enough(tmp_path, rule, givens, expected):
    # the names registry: initials where they print apart, whole given
    # names only where the initials print alike ("J.-P." twice)
    assert _sartre_cites(tmp_path, rule, givens) == expected


def _sartre_cites(tmp_path, rule: str, givens) -> list[str]:
    """The cites of one Sartre per given name, 2000, under ``rule``."""
    body = (f'<citation disambiguate-add-givenname="true" givenname-disambiguation-rule="{rule}">'
            '<layout delimiter="; "><names variable="author">'
            '<name form="short" initialize-with=". "/></names>'
            '<date variable="issued" prefix=" "><date-part name="year"/></date>'
            '</layout></citation>')
    items = [{"id": str(n), "type": "book", "issued": {"date-parts": [[2000]]},
              "author": [{"family": "Sartre", "given": given}]} for n, given in enumerate(givens)]
    return _cites(tmp_path, body, items)
