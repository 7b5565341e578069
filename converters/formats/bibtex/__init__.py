"""BibTeX and BibLaTeX: one reader for both, and two writers.

Reading (reader.py): split.py cuts the file into entries with bibtexparser
v2's splitter and evaluates each value (evaluate.py: @string macros, months,
``#``; the @preambles' simple macros); inherit.py resolves crossref and
xdata (biblatex manual, Appendix B); each field group is then read into CSL
by its pair of functions (titles.py, groups.py, kept.py), through the tables
of converters.mapping.bibtex.  LaTeX is decoded by converters.latex, names
by converters.bibnames.

What CSL cannot hold comes along in ``custom["bibtex"]``: ``type`` (the
entry type), ``fields`` (fields with no CSL variable, each reported as
``field-unmapped``) and ``source`` (the original LaTeX of fields that CSL
merges or recases, e.g. title + subtitle, so a writer can put them back).

Writing (writer.py) runs the same groups the other way; what a field cannot
say rides in bibconv's own ``bibconv-NAME`` fields, which BibTeX styles and
biber ignore, and is reported.
"""
from .reader import read, read_biblatex
from .split import sniff
from .writer import write_biblatex, write_bibtex

__all__ = ["read", "read_biblatex", "sniff", "write_biblatex", "write_bibtex"]
