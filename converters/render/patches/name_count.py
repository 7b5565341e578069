"""``<name form="count"/>`` over several variables prints the sum of the
names each would show ("author editor": 3 + 2 = 5); citeproc-py added the
counts after formatting them, and so printed "32".  (name_AuthorEditorCount,
name_AuthorCountWithMultipleVariables,
name_AuthorCountWithSameVarContentAndCombinedTermFail)
A list's count is the number of names it would print: all of them unless
et al. cuts it, plus the last one after et-al-use-last's ellipsis, as
citeproc-js counts them; citeproc-py counted et-al-use-first's names even
where no et al. applied ("1" for two names).  In a sort key no names
count 0.
"""
from __future__ import annotations

from . import sorting


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
        if not sorting.active():
            return original(self, item, names_context=names_context, context=context, **kwargs)
        try:
            text = original(self, item, names_context=names_context, context=context, **kwargs)
        except model.VariableError:
            text = None
        # a sort key counts no names as 0, before the works with names (and
        # after them, descending), as citeproc-js sorts them; not as no key
        return text if text else "0"

    model.Names.process = process


def patch_name_form_count(model) -> None:
    """Installed innermost of the Name.process patches (by names.install),
    so that the et-al options the others set are the ones counted."""
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        if self.get_option("form", context, sort_options) != "count":
            return original(self, item, variable, context, sort_options, **kwargs)
        return _shown(self, len(item.reference.get(variable) or []), context, sort_options)

    model.Name.process = process


def _shown(name, count: int, context, options) -> int:
    def option(key):
        return name.get_option(key, context, options)

    minimum, first = option("et-al-min"), option("et-al-use-first")
    if count < 2 or not minimum or count < minimum or first is None:
        return count
    # et-al-use-last adds the last name where two or more were cut
    last = bool(option("et-al-use-last")) and first <= minimum - 2
    return min(count, first) + (1 if last and first < count else 0)
