"""bibconv: convert and validate bibliographic records.

    >>> import converters
    >>> result = converters.read("fixtures/publications.txt")
    >>> out = converters.write(result.records, "csljson")

The public functions are imported on first use so that ``import converters``
(and the CLI's start-up) stays cheap.
"""
# The one place the version is written: pyproject.toml reads it from here.
__version__ = "0.1.0"

__all__ = [
    "Diagnostic",
    "Record",
    "Severity",
    "convert",
    "read",
    "render",
    "validate",
    "write",
]


def __getattr__(name):
    if name in ("read", "write", "convert", "validate"):
        from . import api

        return getattr(api, name)
    if name == "render":
        from .render import render

        return render
    if name == "Record":
        from .model import Record

        return Record
    if name in ("Diagnostic", "Severity"):
        from . import diagnostics

        return getattr(diagnostics, name)
    raise AttributeError(f"module 'converters' has no attribute {name!r}")
