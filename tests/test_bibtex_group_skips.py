"""reader.to_csl skips a field group when the entry has none of the fields
the group is said to read (groups.FIELDS_READ, titles.TITLE_FIELDS): held
here to the group itself, which must then leave the entry's reading as it
was, for generated entries of every type and every other field."""
from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters.formats.bibtex import reader
from converters.formats.bibtex.context import Reading
from converters.mapping import bibtex as M

_NAMES = sorted({*M.SIMPLE, *M.NAMES, *M.ALIASES, *M.ALIASES.values(), *M.VERBATIM,
                 "title", "subtitle", "maintitle", "booktitle", "journaltitle", "date", "year",
                 "month", "day", "eventdate", "urlyear", "origmonth", "pages", "langid",
                 "langidopts", "options", "editortype", "entrysubtype", "location",
                 "publisher", "institution", "organization", "number", "issue", "volume",
                 "part", "note", "addendum", "shorttitle", "eprint", "eprinttype", "type",
                 M.FACT_PREFIX + "csl", M.FACT_PREFIX + "type", "xyz"})
_VALUES = st.sampled_from(["", "x", "{A} Title", "1990", "jan", "12", "Doe, J. and Roe, R.",
                           "english", "variant=american", "useprefix=true", "director",
                           "1--2", "2001-02-03", "magazine", "{\\'e}", "A and B"])
_TYPES = st.sampled_from(["article", "book", "inbook", "incollection", "periodical",
                          "patent", "thesis", "misc", "unpublished", "report", "online"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(_NAMES), _VALUES, max_size=12), _TYPES,
       st.booleans(), st.booleans())
def test_a_group_without_its_fields_leaves_the_reading_as_it_was(fields, etype, lists,
                                                                  english):
    for group, reads in reader._GROUPS:
        own = {k: v for k, v in fields.items() if k not in reads}
        r = Reading(own, etype, lists, english, "book", {"id": "k", "type": "book"})
        before = copy.deepcopy((r.data, r.used, r.source))
        group(r)
        assert (r.data, r.used, r.source) == before, group.__name__


def test_every_group_is_skipped_only_by_its_own_fields():
    reads = dict(reader._GROUPS)
    assert len(reads) == 8
    assert {"author", "editor"} <= reads[reader.G.read_names]
    assert {"title", "booktitle", "shorttitle"} <= reads[reader.read_titles]
    assert {"year", "month", "date", "urlday"} <= reads[reader.G.read_dates]
