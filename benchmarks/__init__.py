"""Benchmarks, run as scripts (``python benchmarks/NAME.py``); tests import
some of their helpers as ``benchmarks.NAME``."""
