"""Dates: citeproc-py fails on some date ranges whose ends share a part
("TypeError: 'NoneType' object is not callable" in render_date_range, 22
catalogue styles on biblatex-examples, analytical-sciences among them).
Such a range is rendered as its first date rather than not at all."""
from __future__ import annotations


def install() -> None:
    from citeproc import model

    original = model.Date.process

    def process(self, item, variable=None, *args, **kwargs):
        try:
            return original(self, item, variable, *args, **kwargs)
        except TypeError:
            name = (variable or self.get("variable") or "").replace("-", "_")
            reference = item.reference
            value = dict.get(reference, name)
            begin = value.get("begin") if isinstance(value, dict) else None
            if begin is None:
                raise
            dict.__setitem__(reference, name, begin)
            try:
                return original(self, item, variable, *args, **kwargs)
            finally:
                dict.__setitem__(reference, name, value)

    model.Date.process = process
