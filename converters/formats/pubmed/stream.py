"""PubMed XML read in streams (converters.scale.xml_streams): a
<PubmedArticleSet> of any size (an annual baseline file holds 30,000
records) is cut after a </PubmedArticle> or a </PubmedBookArticle>.  The
format is read only, so it is never written in streams."""
from __future__ import annotations

from ...scale.xml_streams import xml_streamer

RECORDS = ("PubmedArticle", "PubmedBookArticle")
STREAMER = xml_streamer(records=RECORDS, skip=RECORDS)
