"""Sorting, locale and date rules of citeproc-js, each on a small style.
The expected texts are what citeproc-js 2.4 (npm "citeproc") printed for
the same style and items when the rule was written; no peer is needed here."""
from __future__ import annotations

import pytest

from tests.support import _RULE_STYLE
from tests.support import rule_entries as _entries

_YEAR = '<date variable="issued"><date-part name="year"/></date>'


def _sorted_by(macros: str, key: str = '<key macro="k"/>') -> str:
    """A style body whose bibliography sorts by ``key`` and prints title, year, author."""
    return (f'{macros}<citation><layout><text variable="title"/></layout></citation>'
            f'<bibliography><sort>{key}</sort><layout><text variable="title"/>'
            f'<date variable="issued" prefix=" "><date-part name="year"/></date>'
            '<names variable="author" prefix=" "/></layout></bibliography>')


def _person(family: str, given: str = "A") -> list[dict]:
    return [{"family": family, "given": given}]


def test_names_in_a_macro_a_key_macro_calls_sort_family_first(tmp_path):
    body = _sorted_by('<macro name="a"><names variable="author"/></macro>'
                      '<macro name="k"><text macro="a" suffix=" "/><text variable="title"/></macro>')
    items = [{"id": "a", "type": "book", "title": "T1", "author": _person("Zed", "Aaron")},
             {"id": "b", "type": "book", "title": "T2", "author": _person("Abe", "Zoe")}]
    assert _entries(tmp_path, body, items) == ["T2 Zoe Abe", "T1 Aaron Zed"]


# Three works of one year whose titles, authors and input order all differ.
_SAME_YEAR = [
    {"id": "a", "type": "book", "title": "Z", "issued": {"date-parts": [[2000]]},
     "author": _person("Moe")},
    {"id": "b", "type": "book", "title": "M", "issued": {"date-parts": [[2000]]},
     "author": _person("Zed")},
    {"id": "c", "type": "book", "title": "A", "issued": {"date-parts": [[2000]]},
     "author": _person("Abe")}]
_INPUT_ORDER = ["Z 2000 A Moe", "M 2000 A Zed", "A 2000 A Abe"]
_TITLE_ORDER = ["A 2000 A Abe", "M 2000 A Zed", "Z 2000 A Moe"]


@pytest.mark.parametrize(("macros", "expected"), [
    # a macro holding a date puts only its dates into the key
    (f'<macro name="k">{_YEAR}<text variable="title"/></macro>', _INPUT_ORDER),
    (f'<macro name="k"><group delimiter=" "><text variable="title"/>{_YEAR}</group></macro>',
     _INPUT_ORDER),
    (f'<macro name="k"><names variable="author"/>{_YEAR}</macro>', _INPUT_ORDER),
    (f'<macro name="k">{_YEAR}<number variable="title"/></macro>', _INPUT_ORDER),
    # ... and so does a macro it calls, which holds no date itself
    ('<macro name="n"><names variable="author"/></macro>'
     f'<macro name="k">{_YEAR}<text macro="n"/></macro>', _INPUT_ORDER),
    # a called macro holding a date ends that: the title after it counts,
    # also where a macro without a date stands between them
    (f'<macro name="d">{_YEAR}</macro><macro name="k">{_YEAR}<text macro="d"/>'
     '<text variable="title"/></macro>', _TITLE_ORDER),
    (f'<macro name="d">{_YEAR}</macro><macro name="u"><text macro="d"/></macro>'
     f'<macro name="k">{_YEAR}<text macro="u"/><text variable="title"/></macro>', _TITLE_ORDER),
    # a key macro without a date of its own keeps its title
    (f'<macro name="d">{_YEAR}</macro><macro name="k"><text variable="title"/>'
     '<text macro="d"/></macro>', _TITLE_ORDER),
])
def test_a_macro_with_a_date_keys_only_its_dates(tmp_path, macros, expected):
    assert _entries(tmp_path, _sorted_by(macros), _SAME_YEAR) == expected


def test_a_text_beside_a_date_in_a_key_macro_is_no_key(tmp_path):
    # "0000" for a work without a date does not sort it first: it is left out
    macros = (f'<macro name="k"><choose><if variable="issued">{_YEAR}</if>'
              '<else><text value="0000"/></else></choose></macro>')
    items = [{"id": "a", "type": "book", "title": "B", "issued": {"date-parts": [[2000]]},
              "author": _person("Zed")},
             {"id": "b", "type": "book", "title": "A", "issued": {"date-parts": [[2001]]},
              "author": _person("Abe")},
             {"id": "c", "type": "book", "title": "C", "author": _person("Moe")}]
    assert _entries(tmp_path, _sorted_by(macros), items) == [
        "B 2000 A Zed", "A 2001 A Abe", "C A Moe"]


def test_a_key_of_several_pieces_is_collated_as_its_text(tmp_path):
    # names, then a called date macro with a prefix: the one name and its
    # year ("Adler, A. (1975") sorts before the same name and another
    macros = (f'<macro name="y">{_YEAR}</macro>'
              '<macro name="k"><names variable="author"><name name-as-sort-order="all" '
              'initialize-with=". "/></names><text macro="y" prefix=" ("/></macro>')
    two = [{"family": "Adler", "given": "I"}, {"family": "Barabé", "given": "D"}]
    items = [{"id": "a", "type": "book", "title": "T1", "issued": {"date-parts": [[1997]]},
              "author": two},
             {"id": "b", "type": "book", "title": "T2", "issued": {"date-parts": [[1975]]},
              "author": _person("Adler", "I")}]
    assert _entries(tmp_path, _sorted_by(macros), items) == [
        "T2 1975 I Adler", "T1 1997 I Adler, D Barabé"]


@pytest.mark.parametrize(("demote", "expected"), [
    ("", ["Alembert, M d’|M d’Alembert", "Berg-Smith, M van der|M van der Berg-Smith",
          "Cruz, M de-Souza-|M de-Souza-Cruz", "Dyke, M van-|M van-Dyke", "Gogh, M van|M van Gogh",
          "van Gogh|van Gogh"]),
    (' demote-non-dropping-particle="sort-only"',
     ["d’Alembert, M|M d’Alembert", "van der Berg-Smith, M|M van der Berg-Smith",
      "de-Souza-Cruz, M|M de-Souza-Cruz", "van-Dyke, M|M van-Dyke", "van Gogh, M|M van Gogh",
      "van Gogh|van Gogh"]),
])
def test_leading_lower_case_words_of_a_family_name_are_its_particle(tmp_path, demote, expected):
    # each ending in a space, hyphen or apostrophe ("de-Souza-" runs to the
    # last hyphen); not in a name without a given name
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography><sort><key variable="author"/></sort><layout>'
            '<names variable="author"><name name-as-sort-order="all"/></names><text value="|"/>'
            '<names variable="author"/></layout></bibliography>')
    families = ["van Gogh", "van-Dyke", "d'Alembert", "de-Souza-Cruz", "van der Berg-Smith"]
    items = [{"id": str(n), "type": "book", "title": "T",
              "author": [{"family": family, "given": "M"}]} for n, family in enumerate(families)]
    items.append({"id": "x", "type": "book", "title": "T", "author": [{"family": "van Gogh"}]})
    assert _entries(tmp_path, body, items, attrs=demote) == expected


@pytest.mark.parametrize(("rule", "expected"), [
    ("", ["J Smith et al. A1", "—. A2", "—. A3", "J Smith, J Jones. A4", "J Smith. A5"]),
    ("complete-each", ["J Smith et al. A1", "—. A2", "— et al. A3", "J Smith, J Jones. A4",
                       "J Smith. A5"]),
    ("partial-each", ["J Smith et al. A1", "—. A2", "— et al. A3", "—, J Jones. A4", "—. A5"]),
])
def test_an_author_substitute_compares_the_names_shown(tmp_path, rule, expected):
    # "Smith et al." (et-al-use-first 1) and "Smith" are one author: et al. is no name
    rule_attribute = f' subsequent-author-substitute-rule="{rule}"' if rule else ""
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography et-al-min="3" et-al-use-first="1" subsequent-author-substitute="—"'
            f'{rule_attribute}><sort><key variable="title"/></sort><layout>'
            '<names variable="author"/><text variable="title" prefix=". "/></layout></bibliography>')
    lists = [["Smith", "Doe", "Roe"], ["Smith"], ["Smith", "Jones", "Brown"], ["Smith", "Jones"],
             ["Smith"]]
    items = [{"id": str(n), "type": "book", "title": f"A{n + 1}",
              "author": [{"family": f, "given": "J"} for f in families]}
             for n, families in enumerate(lists)]
    assert _entries(tmp_path, body, items) == expected


def _localized(tmp_path, body: str, items: list[dict], locale: str) -> list[str]:
    """rule_entries in another locale than en-US."""
    from converters.render import render

    path = tmp_path / "rule.csl"
    path.write_text(_RULE_STYLE.format(kind="in-text", attrs="", body=body), encoding="utf-8")
    return render(items, style=str(path), locale=locale).entries


_ORDINALS = ('<citation><layout><text variable="title"/></layout></citation><bibliography>'
             '<layout><number variable="edition" form="ordinal"/>'
             '<date variable="issued" form="text" prefix="|"/>'
             '<date variable="issued" prefix="|"><date-part name="day" form="ordinal"/></date>'
             '</layout></bibliography>')
_DAYS = [{"id": "a", "type": "book", "title": "T", "edition": "2",
          "issued": {"date-parts": [[2000, 3, 2]]}},
         {"id": "b", "type": "book", "title": "U", "edition": "11",
          "issued": {"date-parts": [[2000, 3, 1]]}}]


@pytest.mark.parametrize("locale", [
    "",
    '<locale xml:lang="de"><terms><term name="editor">Hg.</term></terms></locale>',
    '<locale><terms><term name="editor">Hg.</term></terms></locale>',
    # an ordinal-NN without "ordinal" changes nothing: the file's "." stays
    '<locale xml:lang="de"><terms><term name="ordinal-01">te</term></terms></locale>',
])
def test_ordinals_of_a_style_with_its_own_locale_are_the_language_s(tmp_path, locale):
    assert _localized(tmp_path, locale + _ORDINALS, _DAYS, "de-DE") == [
        "2.|2. März 2000|2.", "11.|1. März 2000|1."]


def test_limit_day_ordinals_to_day_1_in_a_style_locale_limits_the_locale_s_dates(tmp_path):
    locale = '<locale xml:lang="de"><style-options limit-day-ordinals-to-day-1="true"/></locale>'
    assert _localized(tmp_path, locale + _ORDINALS, _DAYS, "de-DE") == [
        "2.|2 März 2000|2", "11.|1. März 2000|1."]


@pytest.mark.parametrize(("language", "expected"), [
    # a day's ordinal takes its month's gender (mars: masculine, "1ᵉʳ"; "1ʳᵉ"
    # is the feminine, which citeproc-py took as the first ordinal-01)
    ("fr-FR", ["2ᵉ|2 mars 2000|2", "11ᵉ|1 mars 2000|1ᵉʳ"]),
    # only gendered "ordinal" terms and no gender known: the feminine
    ("pt-PT", ["2.ª|2 de março de 2000|2.ª", "11.ª|1 de março de 2000|1.ª"]),
    # no "ordinal" term (CSL 1.0): ordinal-01 to -04 alone, the language's own
    ("he-IL", ["22|2 מרץ 2000|22", "114|1 מרץ 2000|11"]),
])
def test_ordinal_suffixes_by_gender_and_language(tmp_path, language, expected):
    assert _localized(tmp_path, _ORDINALS, _DAYS, language) == expected


@pytest.mark.parametrize(("direction", "expected"), [
    ("", ["A", "D", "C", "B"]), (' sort="descending"', ["B", "C", "A", "D"])])
def test_a_count_of_no_names_in_a_sort_key_is_zero(tmp_path, direction, expected):
    # not a missing key, which sorts last both ways
    people = [{"family": "X", "given": "A"}, {"family": "Y", "given": "A"}]
    items = [{"id": "two", "type": "book", "title": "B", "author": people},
             {"id": "one", "type": "book", "title": "C", "author": people[:1]},
             {"id": "none", "type": "book", "title": "D", "editor": people[:1]},
             {"id": "none2", "type": "book", "title": "A"}]
    body = ('<macro name="count"><names variable="author"><name form="count"/></names></macro>'
            '<citation><layout><text variable="title"/></layout></citation>'
            f'<bibliography><sort><key macro="count"{direction}/><key variable="title"/></sort>'
            '<layout><text variable="title"/></layout></bibliography>')
    assert _entries(tmp_path, body, items) == expected


@pytest.mark.parametrize("form", ["numeric", "numeric-leading-zeros"])
def test_a_numbered_season_in_a_numeric_month_prints_its_name(tmp_path, form):
    # citeproc-py failed an assertion (and the whole render)
    body = ('<citation><layout><text variable="title"/></layout></citation><bibliography><layout>'
            f'<date variable="issued"><date-part name="month" form="{form}" suffix="."/>'
            '<date-part name="year"/></date></layout></bibliography>')
    items = [{"id": "a", "type": "book", "title": "T",
              "issued": {"date-parts": [[2014]], "season": "2"}},
             {"id": "b", "type": "book", "title": "U",
              "issued": {"date-parts": [[2014]], "season": 3}}]
    assert _entries(tmp_path, body, items) == ["Summer.2014", "Autumn.2014"]


def _titles_sorted(tmp_path, titles: list[str], key: str = '<key variable="title"/>') -> list[str]:
    body = ('<macro name="k"><text variable="title"/></macro>'
            '<citation><layout><text variable="title"/></layout></citation>'
            f'<bibliography><sort>{key}</sort><layout><text variable="title"/></layout>'
            '</bibliography>')
    items = [{"id": str(n), "type": "book", "title": t} for n, t in enumerate(titles)]
    return _entries(tmp_path, body, items)


@pytest.mark.parametrize("expected", [
    # a space sorts before every letter; punctuation counts for nothing
    ["A Primer", "A.I. Safety"],
    ["Post Office", "Postal rates", "Post-war Europe"],
    ["Java: A Guide", "Java Beans", "JavaScript"],
    ["a b", "a c", "aa", "ab"],
    # ... but keeps digit runs apart: "1984–1986" is 1984 then 1986
    ["1984–1986", "1985", "1986"],
    ["vol. 2", "vol. 10", "vol.3a"],
    # a symbol before the space, digits and letters (ICU's order)
    ["$2", "£3", "€1", "1", "a"],
    ["C++ guide", "C guide", "C1", "Cat"],
    ["x+y", "x + y", "x y", "x1", "xy"],
    ["© 2020 notes", "2020 notes", "Notes"],
])
@pytest.mark.parametrize("key", ['<key variable="title"/>', '<key macro="k"/>'])
def test_keys_collate_spaces_first_and_punctuation_ignored(tmp_path, expected, key):
    assert _titles_sorted(tmp_path, expected[::-1], key) == expected


def test_family_names_collate_with_a_hyphen_ignored(tmp_path):
    # "Smith-Jones" sorts as "SmithJones", after "Smithers"; the family
    # "Smith Jones" as "Smith", then "Jones" (before the given name "Zed")
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            '<bibliography><sort><key variable="author"/></sort><layout>'
            '<names variable="author"/></layout></bibliography>')
    people = [("Smith-Jones", "A"), ("Smith", "Zed"), ("Smithers", "A"), ("Smith Jones", "B")]
    items = [{"id": str(n), "type": "book", "title": "T", "author": [{"family": f, "given": g}]}
             for n, (f, g) in enumerate(people)]
    assert _entries(tmp_path, body, items) == [
        "B Smith Jones", "Zed Smith", "A Smithers", "A Smith-Jones"]


@pytest.mark.parametrize(("et_al", "expected"), [
    ("", ["J Smith. A1", "—, J Doe, J Roe. A2", "—, J Doe, J Roe. A3"]),
    (' et-al-min="3" et-al-use-first="2"',
     ["J Smith. A1", "—, J Doe, et al. A2", "—, J Doe, et al. A3"]),
    (' et-al-min="3" et-al-use-first="1" et-al-use-last="true"',
     ["J Smith. A1", "— … J Roe. A2", "— … J Roe. A3"]),
])
def test_partial_first_replaces_the_first_name_of_each_repeat(tmp_path, et_al, expected):
    # the third of a run of one list is replaced as the second is
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            f'<bibliography{et_al} subsequent-author-substitute="—" '
            'subsequent-author-substitute-rule="partial-first"><sort><key variable="title"/>'
            '</sort><layout><names variable="author"/><text variable="title" prefix=". "/>'
            '</layout></bibliography>')
    lists = [["Smith"], ["Smith", "Doe", "Roe"], ["Smith", "Doe", "Roe"]]
    items = [{"id": str(n), "type": "book", "title": f"A{n + 1}",
              "author": [{"family": f, "given": "J"} for f in families]}
             for n, families in enumerate(lists)]
    assert _entries(tmp_path, body, items) == expected


@pytest.mark.parametrize(("language", "expected"), [
    # the genders the locale files give the terms: volume and issue are
    # masculine in Italian and Russian, edition feminine in Italian and
    # neuter in Russian
    ("it-IT", ["primo|prima|primo", "secondo|seconda|secondo"]),
    ("ru-RU", ["первый|первое|первый", "второй|второе|второй"]),
])
def test_long_ordinals_take_the_gender_of_the_number_s_term(tmp_path, language, expected):
    body = ('<citation><layout><text variable="title"/></layout></citation><bibliography><layout>'
            '<number variable="volume" form="long-ordinal"/>'
            '<number variable="edition" form="long-ordinal" prefix="|"/>'
            '<number variable="issue" form="long-ordinal" prefix="|"/></layout></bibliography>')
    items = [{"id": str(n), "type": "book", "title": "T", "volume": str(n), "edition": str(n),
              "issue": str(n)} for n in (1, 2)]
    assert _localized(tmp_path, body, items, language) == expected


def test_a_key_of_two_dates_sorts_by_their_parts_as_numbers(tmp_path):
    # the first date prints day and month, the second the year: 2004 (no
    # day or month) before 27 October 2004 before 1 December 2003, the
    # digits of the two dates one number however long
    macros = ('<macro name="k"><date variable="issued"><date-part name="day" suffix=" "/>'
              '<date-part name="month" form="short"/></date>'
              f'{_YEAR}</macro>')
    items = [{"id": "b", "type": "book", "title": "B", "issued": {"date-parts": [[2004, 10, 27]]},
              "author": _person("Moe")},
             {"id": "a", "type": "book", "title": "A", "issued": {"date-parts": [[2004]]},
              "author": _person("Moe")},
             {"id": "c", "type": "book", "title": "C", "issued": {"date-parts": [[2003, 12, 1]]},
              "author": _person("Moe")}]
    assert _entries(tmp_path, _sorted_by(macros), items) == [
        "A 2004 A Moe", "B 2004 A Moe", "C 2003 A Moe"]
