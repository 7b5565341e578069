"""Issue 13: every row of the JATS mapping tables (converters/mapping/jats.py)
read back as it was written, both directions driven by the same row."""
from __future__ import annotations

import pytest

from converters.formats import jats
from converters.mapping import jats as M
from converters.model import Record

# a value of each kind the table's rows hold
SAMPLES = {
    "text": "Value 12", "rich": "<i>Series</i> one", "page": "12-19", "size": "300",
    "date": {"date-parts": [[2019, 5, 3]]}, "accessed": {"date-parts": [[2020, 1, 2]]},
}
# the element a "page" row writes when the value is a range
WRITTEN_AS = {"fpage": "<fpage>12</fpage>"}


def _through(data: dict) -> tuple[str, dict]:
    text = jats.write([Record({"id": "r1", **data})]).text
    return text, jats.read(text).records[0].data


def _read(inner: str) -> dict:
    doc = f"<article><back><ref-list><ref id='r1'>{inner}</ref></ref-list></back></article>"
    return jats.read(doc).records[0].data


@pytest.mark.parametrize("tag, var, how", M.CITATION_ELEMENTS)
def test_every_citation_element_reads_back_what_it_writes(tag, var, how):
    value = SAMPLES[how]
    text, back = _through({"type": "book", "title": "T", var: value})
    assert WRITTEN_AS.get(tag, f"<{tag}") in text
    assert back[var] == value


@pytest.mark.parametrize("tag, var, how", M.CITATION_ELEMENTS_READ_ALSO)
def test_read_only_synonyms_are_read(tag, var, how):
    data = _read(f"<element-citation publication-type='report'><source>T</source>"
                 f"<{tag}>Value 12</{tag}></element-citation>")
    assert data[var] == "Value 12"


@pytest.mark.parametrize("tag, var, how", M.FRONT_ELEMENTS)
def test_every_front_element_reads_back_what_it_writes(tag, var, how):
    value = SAMPLES[how]
    record = Record({"id": "a", "type": "article-journal", "title": "T",
                     "container-title": "J", var: value})
    text = jats.write_article([record]).text
    assert WRITTEN_AS.get(tag, f"<{tag}") in text
    assert jats.read_article(text).records[0].data[var] == value


@pytest.mark.parametrize("kind, csl_type", M.TYPES)
def test_every_type_pair_reads_back(kind, csl_type):
    text, back = _through({"type": csl_type, "title": "T"})
    assert f'publication-type="{kind}"' in text and "csl-type:" not in text
    assert back["type"] == csl_type
    assert M.READ_TYPES[kind] == csl_type and M.WRITE_TYPES[csl_type] == kind


@pytest.mark.parametrize("csl_type, kind", sorted(M.TYPES_WRITE_ALSO.items()))
def test_types_jats_has_no_value_for_come_back_by_name(csl_type, kind):
    text, back = _through({"type": csl_type, "title": "T"})
    assert f'publication-type="{kind}"' in text
    assert back["type"] == csl_type


@pytest.mark.parametrize("kind, role", M.PERSON_GROUPS)
def test_every_person_group_pair_reads_back(kind, role):
    names = [{"family": "Curie", "given": "Marie"}]
    text, back = _through({"type": "book", "title": "T", role: names})
    assert f'person-group-type="{kind}"' in text
    assert back[role] == names
    assert M.READ_GROUPS[kind] == role and M.WRITE_GROUPS[role] == kind


@pytest.mark.parametrize("role", sorted(M.CSL_NAME_VARIABLES - set(M.WRITE_GROUPS)))
def test_other_name_variables_come_back_by_name(role):
    names = [{"family": "Curie", "given": "Marie"}]
    text, back = _through({"type": "book", "title": "T", role: names})
    assert f'custom-type="{role}"' in text and back[role] == names


@pytest.mark.parametrize("kind, var", M.PUB_IDS)
def test_every_pub_id_pair_reads_back(kind, var):
    text, back = _through({"type": "article-journal", "title": "T", var: "10.1000/x1"})
    assert f'pub-id-type="{kind}"' in text and back[var] == "10.1000/x1"
    record = Record({"id": "a", "type": "article-journal", "title": "T", "container-title": "J",
                     var: "10.1000/x1"})
    assert jats.read_article(jats.write_article([record]).text).records[0].data[var] == \
        "10.1000/x1"
