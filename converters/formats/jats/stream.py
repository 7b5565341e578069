"""JATS read in streams (converters.scale.xml_streams): ``jats`` is cut
after a <ref> or an <article> (a huge reference list, a <pmc-articleset>),
``jats-article`` after an <article>.  Neither writer's document can be
joined from batches, so neither is written in streams."""
from __future__ import annotations

from ...scale.xml_streams import xml_streamer

REFS = xml_streamer(records=("ref", "article"), skip=("ref",))
ARTICLES = xml_streamer(records=("article",), skip=("article",))
