"""The fidelity layer: small patches that make citeproc-py follow CSL 1.0.2
where it does not (and where citeproc-js and pandoc's citeproc, our
references, do).  One module a kind of fix; each patch says what
citeproc-py gets wrong and names the CSL test-suite fixtures it makes pass,
so they can be offered upstream.  :func:`install` applies them all once.

    names      incomplete lists end in "et al.", initialize="false",
               CSL 1.0.2's newer name variables
    groups     group suppression, cs:substitute not repeating what it printed
    numbers    label plurals, is-numeric, leading zeros, hyphenated variable names
    text_case  title case of untagged text and hyphenated words; text-case on plain strings
    display    the display attribute, second-field-align
    collapse   cite grouping and collapsing
    year_suffix  implicit year suffixes
    sorting    accents aside in sort keys; sorts() tells a sort key's options
               from the option overrides patches pass down
    dates      date ranges citeproc-py cannot render
    speed      memoized lookups, parallel sort keys
    speed_base citeproc-py's formatting, affixes, quotes and conditions with less work
    citation_label  a default citation-label, the year suffix after it
    initials   initials as citeproc-js makes them
    punctuation  no punctuation mark doubled across closing markup; punctuation
               printed as a value never merged
    author_substitute  subsequent-author-substitute on the first cs:names' output,
               the partial-each/partial-first/complete-each rules name by name
    page_ranges  prefixed page ranges, chicago as chicago-15
    name_count  form="count" summed over variables
    name_parts  suffixes in given names, apostrophe particles, CJK names
    et_al      et-al-use-first only where set, 0 prints none, CJK et-al term
    input_fields  journalAbbreviation, variables in the note, comma-suffix
    positions  a note's first term capitalized
    givennames given names shown by disambiguation, disambiguate="true", running it once
    conditions type="a b" read as "one of these", as citeproc-js reads it
    terms      a term form a locale lacks falls back as CSL says
    strip_periods  a DOI's or URL's periods kept, a lower-case letter's kept in
               variables, as citeproc-js strips them
    direct     a plain cs:text rendered in one function, a cs:if on type alone
               answered in one lookup, a cs:choose's branch found once a kind
               of reference, a group's and macro's children rendered in one
               frame, where the stack adds nothing (speed)

(hooks is no patch: the one wrapper a class's render through which display,
year_suffix and positions look at what an element rendered.)
"""
from __future__ import annotations

import importlib

# Installed once, in this order (speed_base first: it replaces citeproc-py's
# own steps, which the others then wrap; direct last: it stands for the
# stack the others built): later patches wrap what earlier ones set
# (givennames after names and initials, whose Name.process it wraps;
# name_parts outermost of the Name.process patches, as it reads the names;
# strip_periods inside author_substitute, which compares the names as printed).
ORDER = ("speed_base", "names", "groups", "numbers", "dates", "text_case", "display", "collapse",
         "year_suffix", "sorting", "speed", "initials", "givennames", "citation_label",
         "positions", "strip_periods", "punctuation", "author_substitute", "page_ranges",
         "name_count", "input_fields", "et_al", "name_parts", "conditions", "terms", "direct")

_INSTALLED = False


def install() -> None:
    """Apply every patch of ORDER once (each module looked up when called, so
    a harness may switch one off)."""
    global _INSTALLED
    if _INSTALLED:
        return
    for name in ORDER:
        importlib.import_module(f"{__name__}.{name}").install()
    _INSTALLED = True
