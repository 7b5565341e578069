"""Conditions (cs:if, cs:else-if): how the tests are read, as citeproc-js
reads them."""
from __future__ import annotations


def install() -> None:
    from citeproc import model

    _patch_type_list(model)


def _patch_type_list(model) -> None:
    """``type="book thesis report"`` without ``match="any"`` is one test,
    "the type is one of these", as citeproc-js evaluates it (an item has one
    type, so CSL's literal reading, all of them, is never true; 85 catalogue
    styles were written against citeproc-js this way).  citeproc-py took
    each type as a test and, with the default match="all", never took the
    branch: wikipedia-fr-templates printed no book at all.  (No fixture
    changes.)"""
    original = model.If._type

    def _type(self, item):
        results = original(self, item)
        if self.get("match", "all") == "all":
            return [any(results)]
        return results

    model.If._type = _type
