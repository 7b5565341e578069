"""``<name form="count"/>`` over several variables prints the sum of the
names each would show ("author editor": 3 + 2 = 5); citeproc-py added the
counts after formatting them, and so printed "32".  (name_AuthorEditorCount,
name_AuthorCountWithMultipleVariables,
name_AuthorCountWithSameVarContentAndCombinedTermFail)
"""
from __future__ import annotations


def install() -> None:
    from citeproc import model

    original = model.Names.process

    def process(self, item, names_context=None, context=None, **kwargs):
        owner = names_context if names_context is not None else self
        name = owner.name
        if name is None or name.get("form") != "count":
            return original(self, item, names_context=names_context, context=context, **kwargs)
        total = 0
        for role in self.get("variable").split():
            if role in item.reference:
                text = name.render(item, role, context=context if context is not None else self,
                                   **kwargs)
                total += int(str(text)) if text and str(text).isdigit() else 0
        if total:
            return str(total)
        return original(self, item, names_context=names_context, context=context, **kwargs)

    model.Names.process = process
