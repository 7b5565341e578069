"""Sorting, locale and date rules of citeproc-js, each on a small style.
The expected texts are what citeproc-js 2.4 (npm "citeproc") printed for
the same style and items when the rule was written; no peer is needed here."""
from __future__ import annotations

import pytest

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
