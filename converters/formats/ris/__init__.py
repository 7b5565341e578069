"""RIS, the tagged format every reference manager imports and exports.

Reading: bibconv walks the lines itself, because it must know the line of
every record and field and carry on past a broken record; each record's
lines are then parsed by rispy (tags, repeated and continued values) with a
mapping that hands the tags back unchanged, and mapping/ris.py turns them
into CSL.  The dialects real files use are accepted: a BOM, CRLF, ``TY -``
with one space, ``ER  -`` with or without its trailing space, names in
``AU`` or ``A1``, dates in ``DA``, ``PY`` or ``Y1`` with slashes, the journal
in ``T2``, ``JO``, ``JF`` or ``J2``, the abstract in ``AB`` or ``N2``, a DOI
with or without ``https://doi.org/``.  Tags with no CSL variable, and the
later values of a variable two tags give (or of a one-value tag given
twice), are kept in ``custom.ris`` (and reported as ``field-unmapped``), and
written back: nothing read is lost.

Writing goes through rispy's writer.  An incomplete author list ends in
``AU  - et al.`` (what users of EndNote and Zotero type, and what reads back
as et al.); the facts bibconv's checks need (a listing's declared author
count, a cut abstract) ride in ``N1  - bibconv:key=value`` notes.  What RIS
has no tag for is reported as ``field-dropped``.
"""
from __future__ import annotations

from .reader import read
from .tags import sniff
from .writer import write

__all__ = ["read", "sniff", "write"]
