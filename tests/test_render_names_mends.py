"""Name-list rules mended after the review of branch rnames (issue 15),
each on a small style.  The expected texts are what citeproc-js 2.4 (npm
"citeproc") printed for the same style and items, except where a test says
it pins bibconv's own convention; no peer is needed here."""
from __future__ import annotations

import pytest

from tests.support import rule_bibliography as _bib
from tests.support import rule_entries as _entries

_PEOPLE = [{"family": f"N{n}", "given": "G"} for n in range(1, 6)]


def _items(authors: list[list[dict]]) -> list[dict]:
    return [{"id": f"i{n}", "type": "book", "title": "T", "author": author}
            for n, author in enumerate(authors)]


@pytest.mark.parametrize(("minimum", "first"), [("2", "1"), ("3", "1"), ("4", "1")])
def test_use_last_leaves_an_incomplete_list_to_end_in_et_al(tmp_path, minimum, first):
    # bibconv's convention (records.mark_incomplete; citeproc-js prints the
    # "others" as a name): the known names, then "et al."; et-al-use-last
    # has no last name to show, so the last known one never leads the list
    body = _bib(f'<names variable="author"><name et-al-min="{minimum}" '
                f'et-al-use-first="{first}" et-al-use-last="true"/></names>')
    items = _items([_PEOPLE[:n] + [{"literal": "others"}] for n in (2, 3, 5)])
    assert _entries(tmp_path, body, items) == ["G N1 et al."] * 3


@pytest.mark.parametrize(("name", "bib", "attrs"), [
    (' name-as-sort-order="first"', "", ""),
    ("", ' name-as-sort-order="first"', ""),
    ("", "", ' name-as-sort-order="first"'),
])
def test_one_name_before_the_ellipsis_keeps_the_delimiter_only_if_inverted(
        tmp_path, name, bib, attrs):
    # delimiter-precedes-last="after-inverted-name": a literal or a CJK
    # name is printed whole, not inverted, so no delimiter follows it
    body = _bib('<names variable="author"><name et-al-min="4" et-al-use-first="1" '
                'et-al-use-last="true" delimiter-precedes-last="after-inverted-name"'
                f'{name}/></names>', bib=bib)
    firsts = [{"literal": "WHO"}, {"family": "毛", "given": "泽东"}, {"family": "毛"},
              {"family": "Plato"}, {"family": "Иванов", "given": "Иван"},
              {"family": "Smith", "given": "John"}]
    items = _items([[first] + _PEOPLE[1:5] for first in firsts])
    assert _entries(tmp_path, body, items, attrs=attrs) == [
        "WHO … G N5", "毛泽东 … G N5", "毛 … G N5", "Plato, … G N5", "Иванов, Иван, … G N5",
        "Smith, John, … G N5"]


@pytest.mark.parametrize(("name", "bib"), [
    (' initialize="false" initialize-with="-"', ""),
    (' initialize-with="-"', ' initialize="false"'),
])
def test_initialize_false_punctuates_written_initials_once(tmp_path, name, bib):
    # on cs:name itself as where it is inherited: two patches punctuated
    # the initials twice ("J--R--R-")
    body = _bib(f'<names variable="author"><name{name}/></names>', bib=bib)
    givens = ["J.R.R.", "M. A.", "J.-P.", "William H.", "Ł. K.", "J R R", "JRR", "Chuan-Jian"]
    items = _items([[{"family": "X", "given": given}] for given in givens])
    assert _entries(tmp_path, body, items) == [
        "J-R-R- X", "M-A- X", "J-P- X", "William H- X", "Ł-K- X", "J-R-R- X", "JRR X",
        "Chuan-Jian X"]


@pytest.mark.parametrize(("name", "bib"), [
    (' initialize-with="."', ' initialize="false"'),
    (' initialize-with=". "', ' initialize="false"'),
    (' initialize="false" initialize-with="."', ""),
])
def test_initialize_false_keeps_lowercase_and_punctuation_given_names(tmp_path, name, bib):
    # only capitals are initials: "j. r." and "a." stay as written, and a
    # given name of "-" or "." is printed, not dropped
    body = _bib(f'<names variable="author"><name{name}/></names>', bib=bib)
    items = _items([[{"family": "X", "given": given}] for given in ["j. r.", "-", ".", "M. a."]])
    assert _entries(tmp_path, body, items) == ["j. r. X", "- X", ". X", "M. a. X"]


@pytest.mark.parametrize(("mark", "expected"), [
    ("", ["M Ng Jr", "M Ng PhD", "M Ng Sr Esq", "M Ng MD, PhD", "M Ng Esq Jr", "M Ng 2nd."]),
    ("-", ["M- Ng Jr-", "M- Ng Ph-D-", "M- Ng Sr-Esq-", "M- Ng M-D-,-Ph-D-", "M- Ng Esq-Jr-",
           "M- Ng 2nd."]),
    (" ", ["M Ng Jr", "M Ng Ph D", "M Ng Sr Esq", "M Ng M D , Ph D", "M Ng Esq Jr", "M Ng 2nd."]),
    (". ", ["M. Ng Jr.", "M. Ng Ph. D.", "M. Ng Sr. Esq.", "M. Ng M. D. ,. Ph. D.",
            "M. Ng Esq. Jr.", "M. Ng 2nd."]),
])
def test_every_period_of_a_suffix_takes_the_initialize_with_mark(tmp_path, mark, expected):
    # citeproc-js punctuates a suffix as it does written initials: each
    # abbreviation, not only the last, takes the mark ("Ph.D." -> "PhD")
    body = _bib(f'<names variable="author"><name initialize-with="{mark}"/></names>')
    suffixes = ["Jr.", "Ph.D.", "Sr. Esq.", "M.D., Ph.D.", "Esq.Jr.", "2nd."]
    items = _items([[{"family": "Ng", "given": "Mark", "suffix": s}] for s in suffixes])
    assert _entries(tmp_path, body, items) == expected
