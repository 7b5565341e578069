"""The listing: the raw text of a scraped publications page.

    Publications                 <- optional heading

    Title of the first paper
    First Author
    Second Author … (see 3 more) <- the page hid 3 names; some follow, some may not
    Hidden Author
    The abstract, cut by the page after 140 bytes and the… (see more) rest kept.
    Title of the next paper
    ...

``layout`` holds the page's display rules, ``evidence`` scores each line as
a title, an author or an abstract (with ``lexicon``'s given names and word
frequencies for the lines shape cannot settle), ``labelling`` labels the
whole page at once, ``reader`` and ``writer`` turn labelled lines into
records and records into pages.
"""
from .reader import read, sniff
from .writer import write

__all__ = ["read", "sniff", "write"]
