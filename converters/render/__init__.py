"""Citations and bibliographies in any CSL style, through citeproc-py.

    styles.py          find, list and load styles; read their options
    records.py         records -> citeproc-py's input
    cites.py           citation clusters in pandoc's syntax ([@key, p. 5; @key2])
    disambiguation.py  year suffixes
    patches/           the fixes to citeproc-py, one module a kind of fix
    finishing.py       typography after rendering, Markdown
    parallel.py        long lists rendered by forked processes
    stack.py           room on the frame stack, so deep rendering maps no memory
    engine.py          one render, the steps above in order
"""
from __future__ import annotations

import sys
import types

from .cites import CiteSyntaxError, parse_cluster
from .engine import RenderResult, render, run
from .parallel import PARALLEL_FROM
from .styles import StyleError, list_styles, load_style, style_path

__all__ = [
    "PARALLEL_FROM",
    "CiteSyntaxError",
    "RenderResult",
    "StyleError",
    "list_styles",
    "load_style",
    "parse_cluster",
    "render",
    "run",
    "style_path",
]


class _CallablePackage(types.ModuleType):
    """``converters.render(...)`` is the function, but once this package has
    been imported Python binds ``converters.render`` to the package itself:
    calling the package calls the function, so both spellings keep working."""

    def __call__(self, *args, **kwargs):
        return render(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
