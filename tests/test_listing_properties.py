"""Round trips of the listing, over generated pages."""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import converters
from converters.model import split_others
from converters.names import display_name, parse_display_name
from tests.strategies import entries, render_page

# BIBCONV_EXAMPLES=5000 for a long local run; CI keeps the default bounded.
EXAMPLES = int(os.environ.get("BIBCONV_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def data(result):
    return [r.data for r in result.records]


@SETTINGS
@given(entries)
def test_listing_to_csljson_to_listing_to_csljson_is_stable(page_entries):
    page = render_page(page_entries)
    first = converters.convert(page, "csljson", from_="listing")
    listing = converters.convert(first.text, "listing", from_="csljson")
    again = converters.convert(listing.text, "csljson", from_="listing")
    # The page reads back as written, or the writer said it would not.
    assert again.text == first.text or _altered(listing)
    # and the page display of the same records reads back the same way too
    shown = converters.convert(first.text, "listing", from_="csljson",
                               write_options={"page": True})
    back = converters.convert(shown.text, "csljson", from_="listing")
    assert back.text == first.text or _altered(shown)


def _altered(written) -> bool:
    return any(d.code == "field-altered" for d in written.diagnostics)


@SETTINGS
@given(entries)
def test_clean_listing_gives_back_exactly_the_entries(page_entries):
    """Written cleanly (blank lines between entries), every generated entry
    comes back: title, every name in display order, the et-al. flag, the
    restored abstract."""
    records = []
    for e in page_entries:
        record = {"id": "x", "type": "article", "title": e["title"]}
        if e["authors"]:
            record["author"] = [parse_display_name(n) for n in e["authors"]]
            if e["missing"]:
                record["author"].append({"literal": "others"})
                record["custom"] = {"author-count": len(e["authors"]) + e["missing"]}
        if e["abstract"]:
            record["abstract"] = e["abstract"]
        records.append(record)
    text = converters.write(records, "listing").text
    back = converters.read(text, "listing")
    assert not [d for d in back.diagnostics if d.severity.value == "error"]
    assert len(back.records) == len(page_entries)
    for e, got in zip(page_entries, data(back), strict=True):
        assert got["title"] == e["title"]
        people, incomplete = split_others(got.get("author"))
        assert [display_name(p) for p in people] == e["authors"]
        assert incomplete == bool(e["missing"] and e["authors"])
        assert got.get("abstract") == e["abstract"]


@SETTINGS
@given(entries)
def test_page_markers_are_read_as_what_they_declare(page_entries):
    result = converters.read(render_page(page_entries), "listing")
    for record in result.records:
        assert "(see" not in record.data.get("abstract", "")
        for name in record.data.get("author", []):
            assert "(see" not in display_name(name)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_listing_reader_never_raises_on_arbitrary_text(text):
    result = converters.read(text, "listing")
    for record in result.records:
        # A page that opens with what cannot be a title ("…(see more)") keeps
        # the line in an entry without one, and says so.
        assert record.data.get("title") or any(
            d.code == "listing-ambiguous" for d in result.diagnostics)
