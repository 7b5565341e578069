"""Names as citeproc-js prints them, second round: each rule on a small
crafted style.  The expected texts are what citeproc-js 2.4 (npm
"citeproc", /work/npm-citeproc) printed for the same style and items when
the rule was written; no peer is needed here."""
from __future__ import annotations

from converters.render import render
from tests.support import _RULE_STYLE
from tests.support import rule_bibliography as _bib
from tests.support import rule_entries as _entries


def _people(*families: str) -> list[dict]:
    return [{"family": f, "given": "G"} for f in families]


def _citations(tmp_path, body: str, items: list[dict], attrs: str = "") -> list[str]:
    path = tmp_path / "rule.csl"
    path.write_text(_RULE_STYLE.format(kind="note", attrs=attrs, body=body), encoding="utf-8")
    return render(items, style=str(path)).citations


def test_form_count_counts_the_names_the_list_would_print(tmp_path):
    body = _bib('<names variable="author"><name form="count"/></names><text value="|"/>'
                '<names variable="author"><name form="count" et-al-min="3" et-al-use-first="1"/>'
                '</names><text value="|"/><names variable="author"><name form="count" '
                'et-al-min="3" et-al-use-first="1" et-al-use-last="true"/></names>'
                '<text value="|"/><names variable="author editor"><name form="count"/></names>')
    items = [{"id": "a", "type": "book", "author": _people("A", "B", "C", "D"),
              "editor": _people("E", "F")},
             {"id": "b", "type": "book", "author": _people("A", "B")}]
    assert _entries(tmp_path, body, items) == ["4|1|2|6", "2|2|2|2"]


def test_et_al_use_last_shows_at_most_min_less_two_names(tmp_path):
    body = _bib('<names variable="author"><name delimiter="; " et-al-min="3" '
                'et-al-use-first="2" et-al-use-last="true"/></names><text value="|"/>'
                '<names variable="author"><name et-al-min="4" et-al-use-first="2" '
                'et-al-use-last="true"/></names>')
    items = [{"id": "a", "type": "book", "author": _people("A", "B", "C", "D", "E")}]
    # one name before the ellipsis: no delimiter; two: the delimiter
    assert _entries(tmp_path, body, items) == ["G A … G E|G A, G B, … G E"]


def test_one_name_before_the_ellipsis_takes_no_delimiter(tmp_path):
    body = _bib('<names variable="author"><name et-al-min="3" et-al-use-first="1" '
                'et-al-use-last="true" name-as-sort-order="first" font-style="italic"/></names>')
    items = [{"id": "a", "type": "book", "author": _people("A", "B", "C", "D")}]
    assert _entries(tmp_path, body, items) == ["A, G … G D"]
    assert _entries(tmp_path, body, items, output="html") == ["<i>A, G</i> … <i>G D</i>"]


_SHORT = ('<citation disambiguate-add-givenname="true" '
          'givenname-disambiguation-rule="all-names-with-initials"><layout>'
          '<names variable="author"><name form="short" and="text" initialize-with="." '
          'name-as-sort-order="{order}" sort-separator="{sep}"/></names>'
          '<text variable="title" prefix=", "/></layout></citation>')


def test_a_short_name_given_initials_under_sort_order_is_inverted(tmp_path):
    items = [{"id": "a", "type": "book", "title": "T",
              "author": [{"family": "Bravais", "given": "Louis"},
                         {"family": "Bravais", "given": "Auguste"}]},
             {"id": "b", "type": "book", "title": "U",
              "author": [{"family": "Gennep", "given": "Marin", "dropping-particle": "van",
                          "suffix": "Jr."},
                         {"family": "Gennep", "given": "Ann", "dropping-particle": "von"}]},
             {"id": "c", "type": "book", "title": "V",
              "author": [{"family": "Heel", "given": "Louis", "non-dropping-particle": "van"},
                         {"family": "Heel", "given": "Auguste", "non-dropping-particle": "van"}]}]
    body = _SHORT.format(order="all", sep=", ")
    assert _citations(tmp_path, body, items[:1]) == ["Bravais, L. and Bravais, A., T"]
    body = _SHORT.format(order="first", sep=" / ")
    assert _citations(tmp_path, body, items) == [
        "Bravais / L. and A. Bravais, T", "Gennep / M. van / Jr. and A. von Gennep, U",
        "Heel / L. van and A. van Heel, V"]
    assert _citations(tmp_path, body, items[2:], ' demote-non-dropping-particle="never"') == [
        "van Heel / L. and A. van Heel, V"]


def test_a_short_inverted_name_puts_its_particle_after_the_separator(tmp_path):
    items = [{"id": "b", "type": "book", "title": "U",
              "author": [{"family": "Heel", "given": "M", "non-dropping-particle": "van"},
                         {"family": "Schatz", "given": "M"}]}]
    body = _SHORT.format(order="all", sep=", ")
    assert _citations(tmp_path, body, items) == ["Heel, van and Schatz, U"]
    for demote in ("never", "sort-only"):
        assert _citations(tmp_path, body, items,
                          f' demote-non-dropping-particle="{demote}"') == ["van Heel and Schatz, U"]


_PARTICLES = [{"family": "Brandt", "given": "Ahasver", "dropping-particle": "von"},
              {"family": "Geer", "given": "Ingrid", "non-dropping-particle": "de"}]


def test_particles_take_their_owner_name_parts_case_and_formatting(tmp_path):
    # the dropping particle the given part's, the non-dropping the family's
    body = _bib('<names variable="author"><name name-as-sort-order="all" initialize-with=". ">'
                '<name-part name="family" text-case="uppercase" font-weight="bold"/>'
                '<name-part name="given" font-style="italic" text-case="capitalize-first"/>'
                '</name></names><text value="|"/><names variable="author"><name>'
                '<name-part name="family" text-case="uppercase"/>'
                '<name-part name="given" text-case="lowercase"/></name></names>')
    items = [{"id": "a", "type": "book", "author": _PARTICLES}]
    assert _entries(tmp_path, body, items) == [
        "BRANDT, A. Von, GEER, I. DE|ahasver von BRANDT, ingrid DE GEER"]
    assert _entries(tmp_path, body, items, output="html") == [
        "<b>BRANDT</b>, <i>A.</i> <i>Von</i>, <b>GEER</b>, <i>I.</i> <b>DE</b>"
        "|ahasver von BRANDT, ingrid DE GEER"]


def test_a_name_parts_affixes_go_around_its_particles_too(tmp_path):
    body = _bib('<names variable="author"><name><name-part name="family" text-case="uppercase" '
                'font-weight="bold" prefix="[" suffix="]"/><name-part name="given" '
                'font-style="italic" prefix="(" suffix=")"/></name></names>')
    items = [{"id": "a", "type": "book", "author": _PARTICLES}]
    assert _entries(tmp_path, body, items, output="html") == [
        "(<i>Ahasver</i>) [<i>von</i> <b>BRANDT</b>], (<i>Ingrid</i>) [<b>DE</b> <b>GEER</b>]"]


def test_a_particle_takes_its_owners_formatting_where_the_other_part_is_unwritten(tmp_path):
    body = _bib('<names variable="author"><name><name-part name="given" font-style="italic" '
                'text-case="uppercase"/></name></names><text value="|"/><names variable="author">'
                '<name name-as-sort-order="all"><name-part name="family" text-case="uppercase"/>'
                '</name></names>')
    items = [{"id": "a", "type": "book", "author": _PARTICLES + [{"family": "Smith", "given": "Jo"}]}]
    assert _entries(tmp_path, body, items, output="html") == [
        "<i>AHASVER</i> <i>VON</i> Brandt, <i>INGRID</i> de Geer, <i>JO</i> Smith"
        "|BRANDT, Ahasver von, GEER, Ingrid DE, SMITH, Jo"]


def test_a_substitute_ending_in_a_space_keeps_the_names_suffix_apart(tmp_path):
    def body(substitute: str, suffix: str) -> str:
        return ('<citation><layout><text variable="title"/></layout></citation>'
                f'<bibliography subsequent-author-substitute="{substitute}"><layout>'
                f'<names variable="author" suffix="{suffix}"><name/></names>'
                '<text variable="title"/></layout></bibliography>')
    items = [{"id": "a", "type": "book", "title": "T1", "author": _people("A")},
             {"id": "b", "type": "book", "title": "T2", "author": _people("A")}]
    assert _entries(tmp_path, body("———: ", ": "), items) == ["G A: T1", "———: : T2"]
    assert _entries(tmp_path, body("———.", ". "), items) == ["G A. T1", "———. T2"]
