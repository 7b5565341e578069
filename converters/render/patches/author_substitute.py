"""subsequent-author-substitute as citeproc-js applies it: the output of an
entry's first cs:names element (its names, or what cs:substitute printed
in their place; a label stays) is compared with the previous entry's, and
when they are the same it is replaced by the substitute string
("complete-each": every name is).  The text-level pass in finishing
guessed where the names end from the data, and missed lists cut by et al.,
a literal name equal to a family name, and titles standing in for names.
(fullstyles_ChicagoAuthorDateSimple, name_SubstitutePartialEach,
name_SubsequentAuthorSubstituteSingleField, sort_ChicagoYearSuffix1 and 2)
"""
from __future__ import annotations

import threading


class _State(threading.local):
    def __init__(self) -> None:
        self.first = False      # the entry's first cs:names is still to come
        self.capturing = False  # the names printed are being collected
        self.captured: list = []


_STATE = _State()


def install() -> None:
    from citeproc import model

    render_bibliography = model.Layout.render_bibliography

    def one_entry_at_a_time(self, citation_items):
        substitute = self.getparent().get("subsequent-author-substitute")
        if substitute is None:
            return render_bibliography(self, citation_items)
        out = []
        for item in citation_items:
            _after_previous(self, item, render_bibliography)
            _STATE.first = True
            try:
                out.extend(render_bibliography(self, [item]))
            finally:
                _STATE.first = False
            vars(item.citation.bibliography)["bibconv_last_rendered"] = item.key
        return out

    model.Layout.render_bibliography = one_entry_at_a_time
    name_render = model.Name.render

    def capture(self, *args, **kwargs):
        text = name_render(self, *args, **kwargs)
        if _STATE.capturing and text:
            _STATE.captured.append(str(text))
        return text

    model.Name.render = capture
    _patch_names(model)


def _after_previous(layout, item, render_bibliography) -> None:
    """Entries rendered in slices (forked workers) start where the previous
    entry's names are unknown: that entry is rendered first, unprinted."""
    owner = item.citation.bibliography
    keys = list(getattr(owner, "keys", []))
    positions = vars(owner).setdefault("bibconv_positions",
                                       {key: i for i, key in enumerate(keys)})
    position = positions.get(item.key, 0)
    if position == 0 or vars(owner).get("bibconv_last_rendered") == keys[position - 1]:
        return
    previous = next((i for i in owner.items if i.key == keys[position - 1]), None)
    if previous is None:
        return
    _STATE.first = True
    try:
        render_bibliography(layout, [previous])
    finally:
        _STATE.first = False
    vars(owner)["bibconv_last_rendered"] = previous.key


def _patch_names(model) -> None:
    from citeproc.string import String

    original = model.Names.process

    def process(self, item, names_context=None, context=None, **kwargs):
        if not _STATE.first or kwargs.get("sort_options"):
            return original(self, item, names_context=names_context, context=context, **kwargs)
        _STATE.first, _STATE.capturing, _STATE.captured = False, True, []
        try:
            text = original(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            _STATE.capturing = False
        where = context if context is not None else self  # a macro's names: the caller's place
        bibliography = where.xpath_search("./ancestor-or-self::cs:bibliography[1]")
        if not bibliography or text is None:
            return text
        printed = str(text)
        key = tuple(_STATE.captured) or (printed,)
        owner = item.citation.bibliography
        previous = vars(owner).get("bibconv_previous_names")
        owner.bibconv_previous_names = key
        if key != previous:
            return text
        substitute = bibliography[0].get("subsequent-author-substitute")
        return String(_substituted(printed, list(_STATE.captured), substitute,
                                   bibliography[0].get("subsequent-author-substitute-rule")))

    model.Names.process = process


def _substituted(printed: str, names: list[str], substitute: str, rule: str | None) -> str:
    if not names:
        return substitute
    if rule == "complete-each":
        for name in names:
            printed = printed.replace(name, substitute, 1)
        return printed
    start = printed.find(names[0])
    end = printed.rfind(names[-1])
    if start < 0 or end < 0:
        return printed
    return printed[:start] + substitute + printed[end + len(names[-1]):]
