"""Round trips through every writer and reader, over generated CSL records;
writing is deterministic; no reader raises on arbitrary text or bytes."""
from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import converters
from converters.model import split_others
from converters.names import display_name

EXAMPLES = int(os.environ.get("BIBCONV_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["learning", "Neural", "graph", "Über", "naïve", "café", "résumé", "ǅemal", "مرحبا",
         "שלום", "données", "e\u0301tude", "Kraków", "Ørsted", "dynamics"]
GIVEN = ["Ada", "Étienne", "Zoë", "José María", "Kim A.", "Jean-Luc", "Nguyễn Văn"]
FAMILY = ["Lovelace", "Müller", "O'Brien", "Ragan-Kelley", "Nguyễn", "Ørsted", "Beethoven"]


@st.composite
def person(draw):
    kind = draw(st.sampled_from(["plain", "particle", "suffix", "literal"]))
    if kind == "literal":
        return {"literal": draw(st.sampled_from(["World Health Organization",
                                                 "CERN Collaboration"]))}
    name = {"family": draw(st.sampled_from(FAMILY)), "given": draw(st.sampled_from(GIVEN))}
    if kind == "particle":
        name["non-dropping-particle"] = draw(st.sampled_from(["van", "de la", "von"]))
    if kind == "suffix":
        name["suffix"] = "Jr."
    return name


@st.composite
def csl_record(draw, index=0):
    csl_type = draw(st.sampled_from(["article-journal", "book", "chapter", "paper-conference",
                                     "report", "thesis"]))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
    record = {"id": f"r{index}", "type": csl_type,
              "title": words[0].capitalize() + "".join(" " + w for w in words[1:])}
    authors = draw(st.lists(person(), min_size=1, max_size=4))
    if draw(st.booleans()):
        authors.append({"literal": "others"})
    record["author"] = authors
    year = draw(st.integers(1500, 2030))
    parts = draw(st.sampled_from([[year], [year, 3], [year, 12, 31]]))
    issued = {"date-parts": [parts]}
    if draw(st.booleans()):
        issued["date-parts"].append([year + 1])
    record["issued"] = issued
    if csl_type in ("article-journal", "chapter", "paper-conference"):
        record["container-title"] = draw(st.sampled_from(["Journal of Tests", "Annalen der Physik"]))
    if draw(st.booleans()):
        first = draw(st.integers(1, 500))
        record["page"] = f"{first}-{first + draw(st.integers(1, 40))}"
    if draw(st.booleans()):
        record["DOI"] = f"10.{draw(st.integers(1000, 99999))}/abc.{draw(st.integers(1, 999))}"
    if draw(st.booleans()):
        record["volume"] = str(draw(st.integers(1, 99)))
    if draw(st.booleans()):
        # abstracts as long as real ones: a listing cannot tell a three-word
        # "abstract" from a title (see the listing's notes)
        record["abstract"] = ("We study " + " ".join(words) + ". ") * 3 + \
            "The results hold across every setting we tried, and we release the code."
    return record


records = st.lists(csl_record(), min_size=1, max_size=4).map(
    lambda rs: [dict(r, id=f"r{i}") for i, r in enumerate(rs)])

# What each format holds of these records.
HOLDS = {
    "csljson": None,  # everything
    "bibtex": {"title", "author", "issued", "container-title", "page", "DOI", "volume",
               "abstract"},
    "biblatex": {"title", "author", "issued", "container-title", "page", "DOI", "volume",
                 "abstract"},
    "jats": {"title", "author", "issued", "container-title", "page", "DOI", "volume",
             "abstract"},  # an element-citation's <annotation content-type="abstract">
    "listing": {"title", "author", "abstract"},
}


def _names(names):
    # LaTeX prints ' as an apostrophe (’): O'Brien comes back O’Brien from
    # BibTeX, from pandoc as from us.
    people, incomplete = split_others(names)
    return [display_name(p).replace("’", "'") for p in people], incomplete


def _comparable(field, value):
    if field == "author":
        return _names(value)
    if field == "title":
        return re.sub(r"<[^>]+>", "", value).casefold()  # sentence case may recase it
    if field == "issued" and isinstance(value, dict):
        return value.get("date-parts")
    return value


@SETTINGS
@given(records)
def test_every_format_gives_back_what_it_holds(items):
    for fmt, held in HOLDS.items():
        written = converters.write(items, fmt)
        again = converters.write(items, fmt)
        assert written.text == again.text, fmt  # deterministic
        back = converters.read(written.text, fmt).records
        assert len(back) == len(items), fmt
        dropped = {(d.record, (d.location.pointer or "").strip("/").split("/")[0])
                   for d in written.diagnostics if d.code in ("field-dropped", "field-unmapped")}
        for before, after in zip(items, back):
            for field, value in before.items():
                if field in ("id", "type", "custom"):
                    continue
                if held is None or field in held:
                    assert _comparable(field, value) == _comparable(field, after.data.get(field)), \
                        (fmt, field, value, after.data.get(field))
                else:
                    assert (before["id"], field) in dropped, (fmt, field)


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["listing", "csljson", "bibtex", "jats",
                                                  "jats-article"]))
def test_no_reader_raises_on_arbitrary_bytes(data, fmt):
    result = converters.read(bytes(data), fmt)
    assert isinstance(result.records, list)


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(st.text(max_size=2000), st.sampled_from(["listing", "csljson", "bibtex", "jats",
                                                 "jats-article"]))
def test_no_reader_raises_on_arbitrary_text(text, fmt):
    result = converters.read(text, fmt)
    assert isinstance(result.records, list)


scalars = st.none() | st.booleans() | st.integers(-5, 3000) | st.text(max_size=8) | \
    st.sampled_from(["spring", "2020", "article", "<i>x</i>", "{", "\\", "&", "<"])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["family", "given", "literal", "date-parts", "raw", "season"]), inner,
    max_size=3), max_leaves=10)
loose_items = st.lists(st.dictionaries(
    st.sampled_from(["id", "type", "title", "author", "editor", "issued", "page", "volume",
                     "container-title", "DOI", "abstract", "custom", "accessed", "shelf"]),
    values, max_size=8), min_size=1, max_size=3)


@settings(max_examples=EXAMPLES * 3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(loose_items)
def test_writers_never_raise_on_what_the_csljson_reader_accepts(items):
    import json

    records = converters.read(json.dumps(items), "csljson").records
    for fmt in ("csljson", "bibtex", "biblatex", "jats", "jats-article", "listing"):
        result = converters.write(records, fmt)
        assert isinstance(result.text, str)
