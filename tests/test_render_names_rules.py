"""Name-list rules of citeproc-js the renderer follows, each on a small
style.  The expected texts are what citeproc-js 2.4 (npm "citeproc")
printed for the same style and items when the rule was written; no peer
is needed here."""
from __future__ import annotations

import pytest

from tests.support import rule_bibliography as _bib
from tests.support import rule_entries as _entries

_PEOPLE = [{"family": f"F{n}", "given": f"G{n}"} for n in range(1, 10)]


@pytest.mark.parametrize("and_", ['and="symbol"', 'and="text"', ""])
@pytest.mark.parametrize("term", ['<locale><terms><term name="et-al"/></terms></locale>', ""])
def test_use_last_prints_its_ellipsis_whatever_the_et_al_term(tmp_path, and_, term):
    # colorado-state-university-school-of-biomedical-engineering empties
    # the et-al term; citeproc-js still prints "… Last", never "& Last"
    body = _bib(f'<names variable="author"><name {and_} initialize-with=". " delimiter=", " '
                'delimiter-precedes-last="always"/></names>', term,
                ' et-al-min="8" et-al-use-first="6" et-al-use-last="true"')
    items = [{"id": "a", "type": "book", "author": _PEOPLE[:8]},
             {"id": "b", "type": "book", "author": _PEOPLE[:9]}]
    shown = "G. F1, G. F2, G. F3, G. F4, G. F5, G. F6, … "
    assert _entries(tmp_path, body, items) == [shown + "G. F8", shown + "G. F9"]


def test_use_last_below_the_minimum_keeps_the_and(tmp_path):
    body = _bib('<names variable="author"><name and="symbol" initialize-with=". " '
                'delimiter=", " delimiter-precedes-last="always"/></names>',
                '<locale><terms><term name="et-al"/></terms></locale>',
                ' et-al-min="8" et-al-use-first="6" et-al-use-last="true"')
    items = [{"id": "a", "type": "book", "author": _PEOPLE[:7]}]
    assert _entries(tmp_path, body, items) == [
        "G. F1, G. F2, G. F3, G. F4, G. F5, G. F6, & G. F7"]


@pytest.mark.parametrize(("mark", "expected"), [
    (".", ["F0, M.A.", "F1, M.A.", "F2, Maria A.", "F3, J.P.", "F4, E.B. White",
           "F5, Chuan-Jian", "F6, J.-Pierre"]),
    (". ", ["F0, M. A.", "F1, M. A.", "F2, Maria A.", "F3, J. P.", "F4, E. B. White",
            "F5, Chuan-Jian", "F6, J.-Pierre"]),
])
def test_inherited_initialize_false_punctuates_written_initials(tmp_path, mark, expected):
    # comptes-rendus-author-date sets initialize="false" on cs:bibliography:
    # citeproc-js writes "Kastenholz, M.A." as where cs:name sets it
    body = _bib(f'<names variable="author"><name initialize-with="{mark}"/></names>', "",
                ' name-as-sort-order="first" initialize="false"')
    givens = ["M. A.", "M A", "Maria A.", "J.-P.", "E.B. White", "Chuan-Jian", "J.-Pierre"]
    items = [{"id": f"i{n}", "type": "book", "author": [{"family": f"F{n}", "given": given}]}
             for n, given in enumerate(givens)]
    assert _entries(tmp_path, body, items) == expected


def _particled() -> list[dict]:
    people = [{"non-dropping-particle": "al-", "family": "Rashid"},
              {"non-dropping-particle": "d’", "family": "Artagnan"},
              {"dropping-particle": "van-", "family": "Dyke"}]
    return [{"id": f"i{n}", "type": "book", "title": f"T{n}", "author": [dict(p, given="Marc")]}
            for n, p in enumerate(people)]


@pytest.mark.parametrize(("name", "demote", "expected"), [
    ('name-as-sort-order="all"', "never",
     ["al-Rashid, Marc T0", "d’Artagnan, Marc T1", "Dyke, Marc van- T2"]),
    ('name-as-sort-order="first"', "sort-only",
     ["al-Rashid, Marc T0", "d’Artagnan, Marc T1", "Dyke, Marc van- T2"]),
    ('name-as-sort-order="all" form="short"', "display-and-sort",
     ["Rashid, al- T0", "Artagnan, d’ T1", "Dyke T2"]),
    ('name-as-sort-order="all" form="short"', "never", ["al-Rashid T0", "d’Artagnan T1", "Dyke T2"]),
    ('form="short"', "display-and-sort", ["al-Rashid T0", "d’Artagnan T1", "Dyke T2"]),
    ("", "display-and-sort", ["Marc al-Rashid T0", "Marc d’Artagnan T1", "Marc van-Dyke T2"]),
])
def test_particles_ending_in_a_hyphen_or_apostrophe(tmp_path, name, demote, expected):
    # joined to the family name where they stand before it, without a
    # space; a short name has no dropping particle; an inverted short name
    # puts its non-dropping particle after the family name
    body = ('<citation><layout><text variable="title"/></layout></citation>'
            f'<bibliography><layout><names variable="author"><name {name}/></names>'
            '<text variable="title" prefix=" "/></layout></bibliography>')
    assert _entries(tmp_path, body, _particled(),
                    attrs=f' demote-non-dropping-particle="{demote}"') == expected


@pytest.mark.parametrize("first", ["1", "2"])
def test_use_last_with_et_al_min_two_prints_the_last_name_alone(tmp_path, first):
    # no name fits before the ellipsis (et-al-min - 2 = 0): citeproc-js
    # prints the last name only, without the ellipsis
    body = _bib('<names variable="author"><name initialize-with="." delimiter=", "/></names>', "",
                f' et-al-min="2" et-al-use-first="{first}" et-al-use-last="true"')
    items = [{"id": "a", "type": "book", "author": _PEOPLE[:2]},
             {"id": "b", "type": "book", "author": _PEOPLE[:5]},
             {"id": "c", "type": "book", "author": _PEOPLE[:1]}]
    assert _entries(tmp_path, body, items) == ["G. F2", "G. F5", "G. F1"]


@pytest.mark.parametrize(("options", "expected"), [
    # as many names to show as the list has: not cut, "and" before the last
    ('et-al-min="2" et-al-use-first="2"', ["G. F1", "G. F1 & G. F2", "G. F1, G. F2, et al."]),
    ('et-al-min="3" et-al-use-first="3"',
     ["G. F1", "G. F1 & G. F2", "G. F1, G. F2, & G. F3"]),
    # more names to show than et-al-min: never cut
    ('et-al-min="2" et-al-use-first="3"',
     ["G. F1", "G. F1 & G. F2", "G. F1, G. F2, & G. F3"]),
    ('et-al-min="2" et-al-use-first="3" et-al-use-last="true"',
     ["G. F1", "G. F1 & G. F2", "G. F1, G. F2, & G. F3"]),
    # et-al-use-last cuts to et-al-min - 2 names before the ellipsis
    ('et-al-min="3" et-al-use-first="3" et-al-use-last="true"',
     ["G. F1", "G. F1 & G. F2", "G. F1 … G. F3"]),
])
def test_when_a_list_is_cut(tmp_path, options, expected):
    body = _bib('<names variable="author"><name and="symbol" initialize-with="." '
                'delimiter=", "/></names>', "", " " + options)
    items = [{"id": f"n{n}", "type": "book", "author": _PEOPLE[:n]} for n in (1, 2, 3)]
    assert _entries(tmp_path, body, items) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ('initialize-with=""', ["M Ng Jr; J Doe III", "M Ng Jr"]),
    ('initialize-with="" name-as-sort-order="all"', ["Ng, M, Jr; Doe, J, III", "Ng, M, Jr"]),
    ('initialize-with="-"', ["M- Ng Jr-; J- Doe III", "M- Ng Jr-"]),
    ('initialize-with="" initialize="false"', ["Mary Ng Jr; John Doe III", "Mary Ng Jr"]),
    ('initialize-with=". "', ["M. Ng Jr.; J. Doe III", "M. Ng Jr."]),
    ("", ["Mary Ng Jr.; John Doe III", "Mary Ng Jr."]),
])
def test_a_suffix_period_is_the_initialize_with_mark(tmp_path, name, expected):
    # Vancouver-like styles (initialize-with=""): citeproc-js prints "Ng M Jr"
    body = _bib(f'<names variable="author"><name {name} delimiter="; "/></names>')
    items = [{"id": "a", "type": "book", "author": [
                 {"family": "Ng", "given": "Mary", "suffix": "Jr."},
                 {"family": "Doe", "given": "John", "suffix": "III"}]},
             {"id": "b", "type": "book", "author": [{"family": "Ng", "given": "Mary, Jr."}]}]
    assert _entries(tmp_path, body, items) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ('delimiter-precedes-last="after-inverted-name" name-as-sort-order="first"',
     ["F1, G.; … G. F4"]),
    ('delimiter-precedes-last="after-inverted-name" name-as-sort-order="all" form="short"',
     ["F1; … F4"]),
    ('delimiter-precedes-last="after-inverted-name"', ["G. F1 … G. F4"]),
    ('delimiter-precedes-last="always" name-as-sort-order="first"', ["F1, G. … G. F4"]),
])
def test_one_name_before_the_ellipsis(tmp_path, name, expected):
    body = _bib(f'<names variable="author"><name initialize-with="." delimiter="; " {name}/>'
                "</names>", "", ' et-al-min="3" et-al-use-first="1" et-al-use-last="true"')
    assert _entries(tmp_path, body, [{"id": "a", "type": "book", "author": _PEOPLE[:4]}]) \
        == expected


def test_a_family_part_is_cut_at_its_own_longest_particle(tmp_path):
    # another name's "de" does not cut "de la Cruz" into "De" + "La Cruz"
    body = _bib('<names variable="author"><name><name-part name="family" '
                'text-case="capitalize-first" font-style="italic" prefix="[" suffix="]"/>'
                "</name></names>")
    items = [{"id": "a", "type": "book", "author": [
        {"family": "Doe", "given": "Jo", "non-dropping-particle": "de"},
        {"family": "Cruz", "given": "Al", "non-dropping-particle": "de la"}]}]
    assert _entries(tmp_path, body, items, output="html") == [
        "Jo [<i>De</i> <i>Doe</i>], Al [<i>De la</i> <i>Cruz</i>]"]
