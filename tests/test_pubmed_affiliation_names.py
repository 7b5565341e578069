"""PubMed affiliations are kept by the positions of the names author_list
keeps; which <Author> is a name is one rule (values.has_name) for both."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from converters.formats.pubmed.attached import affiliations
from converters.formats.pubmed.values import author_list

_PARTS = st.sampled_from(["", " ", "\n\t", "Smith", "<i> </i>", "<b>Group</b>"])


def _author(last: str | None, collective: str | None, number: int) -> str:
    inner = "".join(f"<{tag}>{value}</{tag}>" for tag, value in
                    (("LastName", last), ("CollectiveName", collective)) if value is not None)
    return (f"<Author>{inner}<AffiliationInfo><Affiliation>Place {number}"
            "</Affiliation></AffiliationInfo></Author>")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.none() | _PARTS, st.none() | _PARTS), max_size=6))
def test_each_affiliation_names_the_position_of_a_kept_name(authors):
    xml = "<AuthorList>" + "".join(_author(last, group, n)
                                   for n, (last, group) in enumerate(authors)) + "</AuthorList>"
    element = etree.fromstring(xml)
    _, names = author_list(element)
    found, _ = affiliations(element, "author", 0)
    positions = sorted(p for roles in found.values() for p in roles["author"])
    assert positions == list(range(1, len(names) + 1))
