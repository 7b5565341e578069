"""The fidelity layer: small patches that make citeproc-py follow CSL 1.0.2
where it does not (and where citeproc-js and pandoc's citeproc, our
references, do).  One module a kind of fix; each patch says what
citeproc-py gets wrong and names the CSL test-suite fixtures it makes pass,
so they can be offered upstream.  :func:`install` applies them all once.

    names      incomplete lists end in "et al.", initialize="false",
               CSL 1.0.2's newer name variables
    groups     group suppression, cs:substitute not repeating what it printed
    numbers    page ranges, label plurals, hyphenated variable names
    text_case  title case of untagged text and hyphenated words; text-case on plain strings
    display    the display attribute, second-field-align
    collapse   cite grouping and collapsing
    year_suffix  implicit year suffixes
    sorting    accents aside in sort keys
    dates      date ranges citeproc-py cannot render
    speed      memoized lookups, parallel sort keys
    citation_label  a default citation-label, the year suffix after it
    initials   initials as citeproc-js makes them
    punctuation  no punctuation mark doubled across closing markup
    author_substitute  subsequent-author-substitute on the first cs:names' output
    page_ranges  prefixed page ranges, chicago as chicago-15
    name_count  form="count" summed over variables
    name_parts  suffixes in given names, apostrophe particles, CJK names
    et_al      et-al-use-first only where set, 0 prints none, CJK et-al term
    input_fields  journalAbbreviation, variables in the note, comma-suffix
    positions  a note's first term capitalized
    givennames given names shown by disambiguation, disambiguate="true", running it once
"""
from __future__ import annotations

_INSTALLED = False


def install() -> None:
    global _INSTALLED
    if _INSTALLED:
        return
    from . import collapse, dates, display, groups, names, numbers, sorting, speed, text_case, year_suffix

    for module in (names, groups, numbers, dates, text_case, display, collapse, year_suffix,
                   sorting, speed):
        module.install()
    from . import initials

    initials.install()
    from . import givennames  # after names and initials: it wraps their Name.process

    givennames.install()
    from . import citation_label

    citation_label.install()
    from . import positions

    positions.install()
    from . import punctuation

    punctuation.install()
    from . import author_substitute

    author_substitute.install()
    from . import page_ranges

    page_ranges.install()
    from . import name_count

    name_count.install()
    from . import input_fields

    input_fields.install()
    from . import et_al

    et_al.install()
    from . import name_parts  # outermost of the Name.process patches: it reads the names

    name_parts.install()
    _INSTALLED = True


# Patch modules added since, installed after the first set, once, in this order:
#   conditions  type="a b" read as "one of these", as citeproc-js reads it
#   terms       a term form a locale lacks falls back as CSL says
LATER = ("conditions", "terms")
_install_first = install


def install_all() -> None:
    """install(), then the modules of LATER (each looked up when called, so
    a harness may switch one off)."""
    import importlib

    first_time = not _INSTALLED
    _install_first()
    if first_time:
        for name in LATER:
            importlib.import_module(f"{__name__}.{name}").install()


install = install_all  # the one entry point callers use
