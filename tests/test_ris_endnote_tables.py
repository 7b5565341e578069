"""Every row of the RIS and EndNote XML mapping tables, both ways: what a row
writes reads back as the same value.  Rows that cannot (the reverse is not
the row's own) are the named write exceptions, checked to read back as
what they name."""
from __future__ import annotations

import pytest

import converters
from converters.mapping import endnote as EN
from converters.mapping import ris as RIS
from converters.model import Origin, Record

NAME = [{"family": "Roe", "given": "Ann"}]


def _through(fmt: str, data: dict) -> tuple[dict, list]:
    """``data`` written in ``fmt`` and read back; the writer's field-dropped
    diagnostics with it."""
    written = converters.write([Record({"id": "x", "title": "T", **data}, Origin())], fmt)
    back = converters.read(written.text, fmt)
    assert len(back.records) == 1, written.text
    return back.records[0].data, [d.message for d in written.diagnostics]


@pytest.mark.parametrize("fmt,table,exceptions,read_as", [
    ("ris", RIS.WRITE_TYPES, RIS.WRITE_EXCEPTIONS,
     lambda tag: RIS.READ_TYPES[tag]),
    ("endnote-xml", EN.WRITE_TYPES, EN.WRITE_EXCEPTIONS,
     lambda name: EN.READ_TYPES[name.lower()])])
def test_every_type_row_reads_back_as_its_type(fmt, table, exceptions, read_as):
    for csl_type in table:
        data, dropped = _through(fmt, {"type": csl_type})
        expected = read_as(exceptions[csl_type]) if csl_type in exceptions else csl_type
        assert data["type"] == expected, (csl_type, data["type"])
        assert not dropped, (csl_type, dropped)
    # the exceptions are exceptions: each reads back as another type
    assert all(read_as(written) != csl for csl, written in exceptions.items())


# The simple RIS tags, on a type that gives none of them a meaning of its own.
@pytest.mark.parametrize("tag,var", sorted(RIS.SIMPLE.items()))
def test_every_simple_ris_row_reads_back(tag, var):
    assert tag not in RIS.TAGS_BY_TYPE.get(RIS.WRITE_TYPES["report"], {})
    data, dropped = _through("ris", {"type": "report", var: "V 1"})
    assert data.get(var) == "V 1" and not dropped, (tag, var, data, dropped)


@pytest.mark.parametrize("role,tag", sorted(RIS.NAME_WRITE.items()))
def test_every_ris_name_row_reads_back(role, tag):
    data, dropped = _through("ris", {"type": "article-journal", role: NAME})
    assert data.get(role) == NAME and not dropped, (role, tag, data, dropped)


def _typed_rows():
    """(RIS type, tag, CSL variable) of TAGS_BY_TYPE for the types that are
    also written (a type read only, such as WEB, is written as another)."""
    for ris_type, tags in sorted(RIS.TAGS_BY_TYPE.items()):
        csl_type = RIS.READ_TYPES[ris_type]
        if RIS.WRITE_TYPES.get(csl_type) != ris_type:
            continue
        for tag, var in sorted(tags.items()):
            if var is not None and tag not in RIS.READ_ONLY_NAME_TAGS:
                yield ris_type, tag, var


@pytest.mark.parametrize("ris_type,tag,var", list(_typed_rows()))
def test_every_type_specific_ris_row_reads_back(ris_type, tag, var):
    value = NAME if var in RIS.NAME_ROLES else {"date-parts": [[2019, 5, 12]]} \
        if var in RIS.DATE_VARIABLES else "V 1"
    data, dropped = _through("ris", {"type": RIS.READ_TYPES[ris_type], var: value})
    assert data.get(var) == value and not dropped, (ris_type, tag, var, data, dropped)


@pytest.mark.parametrize("element,var", sorted(EN.SIMPLE.items()))
def test_every_simple_endnote_row_reads_back(element, var):
    data, dropped = _through("endnote-xml", {"type": "report", var: "V 1"})
    assert data.get(var) == "V 1" and not dropped, (element, var, data, dropped)


@pytest.mark.parametrize("csl_type,groups", [("article-journal", EN.CONTRIBUTORS),
                                             ("book", EN.BOOK_CONTRIBUTORS)])
def test_every_endnote_contributor_row_reads_back(csl_type, groups):
    for group, role in groups.items():
        data, dropped = _through("endnote-xml", {"type": csl_type, role: NAME})
        assert data.get(role) == NAME and not dropped, (group, role, data, dropped)


@pytest.mark.parametrize("element,var", sorted({**EN.TITLES, **EN.PERIODICAL}.items()))
def test_every_endnote_title_row_reads_back(element, var):
    data, dropped = _through("endnote-xml", {"type": "article-journal", var: "V 1",
                                             "container-title": "C"})
    assert data.get(var) == ("C" if var == "container-title" else "V 1") and not dropped


def test_the_periodical_number_row_both_ways():
    for csl_type in sorted(EN.PERIODICAL_TYPES):
        data, _ = _through("endnote-xml", {"type": csl_type, "issue": "4"})
        assert data.get("issue") == "4", csl_type
    data, _ = _through("endnote-xml", {"type": "report", "number": "4"})
    assert data.get("number") == "4"
