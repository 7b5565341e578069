"""Issue 13: each mapping table of converters.mapping.bibtex drives both
directions.  For every row: what the writer makes of it, the reader gives
back the same values (entry types, name roles, languages, one-to-one
fields, months)."""
from __future__ import annotations

import pytest

import converters
from converters.mapping import bibtex as M


def read_one(text: str) -> dict:
    result = converters.read(text, "bibtex")
    assert len(result.records) == 1, [d.format() for d in result.diagnostics]
    return result.records[0].data


def through(data: dict, variant: str) -> tuple[str, dict]:
    written = converters.write([data], variant).text
    return written, read_one(written)


@pytest.mark.parametrize("variant", ["bibtex", "biblatex"])
@pytest.mark.parametrize("csl_type", sorted(M.WRITE_TYPES))
def test_every_written_type_reads_back(csl_type, variant):
    data = {"id": "k", "type": csl_type, "title": "T", "editor": [{"family": "Dee"}]}
    written, back = through(data, variant)
    expected = M.WRITE_TYPES[csl_type][variant == "biblatex"]
    assert written.startswith(f"@{expected}{{"), written
    assert back["type"] == csl_type


@pytest.mark.parametrize("etype", sorted(M.TYPES))
def test_every_read_type_writes_back(etype):
    if etype in ("set", "xdata"):
        pytest.skip("not a work: read as no record")
    data = read_one(f"@{etype}{{k, title = {{T}}, author = {{Ann Bee}}, year = 2001}}")
    csl_type, genre = M.TYPES[etype]
    assert data["type"] == csl_type and data.get("genre") == genre
    written, back = through(data, "biblatex")
    assert written.startswith(f"@{etype}{{") and back["type"] == csl_type
    written, back = through(data, "bibtex")
    assert back["custom"]["bibtex"]["type"] == etype and back["type"] == csl_type


@pytest.mark.parametrize("name", sorted(M.NAMES))
def test_every_name_role_round_trips(name):
    data = read_one(f"@book{{k, title = {{T}}, {name} = {{Bee, Ann and Dee, Cy}}}}")
    var = M.NAMES[name]
    assert data[var] == [{"family": "Bee", "given": "Ann"}, {"family": "Dee", "given": "Cy"}]
    for variant in ("bibtex", "biblatex"):
        written, back = through(data, variant)
        assert back[var] == data[var]
        assert f"  {name} " in written  # written under its own field, not another role


def test_write_names_is_the_reverse_of_names():
    for var, name in M.WRITE_NAMES.items():
        assert M.NAMES[name] == var
    assert set(M.WRITE_NAMES) == set(M.NAMES.values()) - {"contributor"}


@pytest.mark.parametrize("langid", sorted(M.LANGUAGES))
def test_every_langid_reads_and_writes_the_same_language(langid):
    data = read_one(f"@book{{k, title = {{T}}, langid = {{{langid}}}}}")
    assert data["language"] == M.LANGUAGES[langid]
    for variant in ("bibtex", "biblatex"):
        assert through(data, variant)[1]["language"] == data["language"]


@pytest.mark.parametrize("tag", sorted(M.WRITE_LANGUAGES))
def test_every_written_langid_reads_back_as_its_tag(tag):
    data = {"id": "k", "type": "book", "title": "T", "language": tag}
    written, back = through(data, "biblatex")
    assert f"{{{M.WRITE_LANGUAGES[tag]}}}" in written and back["language"] == tag


@pytest.mark.parametrize("name", sorted(M.SIMPLE))
def test_every_one_to_one_field_round_trips(name):
    var = M.SIMPLE[name]
    value = "10.1000/xyz" if name == "doi" else "https://example.org/a" if name == "url" \
        else "7" if var.startswith("number") else "Some words"
    data = read_one(f"@book{{k, title = {{T}}, {name} = {{{value}}}}}")
    assert data[var] == value
    for variant in ("bibtex", "biblatex"):
        assert through(data, variant)[1][var] == value


@pytest.mark.parametrize("macro", sorted(M.MONTH_MACROS))
def test_every_month_macro_reads_as_its_month(macro):
    data = read_one(f"@book{{k, title = {{T}}, year = 2001, month = {macro}}}")
    assert data["issued"] == {"date-parts": [[2001, M.MONTHS[macro]]]}
    written, back = through(data, "bibtex")
    assert f"month = {macro}," in written.replace("  ", " ") or f"= {macro}," in written
    assert back["issued"] == data["issued"]
