"""Display: the ``display`` attribute and the bibliography's
second-field-align, which citeproc-py ignores.

Without them the citation number runs into the text ("(1)Krishna" where
citeproc-js and pandoc print "(1) Krishna") and an indented abstract runs
into the entry.  Rendering marks each displayed part with private-use
characters, ``\\ue000KIND\\ue001text\\ue002``; display_finish.displays turns the
marks into citeproc-js's ``<div class="csl-KIND">`` (HTML) or spacing
(text).  second-field-align makes the layout's first rendered child the
left margin and the rest, with the layout's suffix, the right-inline part.
(display_DisplayBlock, display_SecondFieldAlignClone,
display_SecondFieldAlignMigratePunctuation, magic_SecondFieldAlign,
bugreports_DuplicateSpaces, bugreports_IeeePunctuation, bugreports_UndefinedStr,
sort_DateMacroSortWithSecondFieldAlign)
"""
from __future__ import annotations

START, MIDDLE, END = "\ue000", "\ue001", "\ue002"


def mark(kind: str, text) -> str:
    return f"{START}{kind}{MIDDLE}{text}{END}"


def install() -> None:
    from citeproc import model

    for cls in (model.Text, model.Group, model.Names, model.Date, model.Number):
        _mark_display(cls)
    original = model.Layout.render_bibliography

    def render_bibliography(self, citation_items):
        if not self.getparent().get("second-field-align"):
            return original(self, citation_items)
        output_items = []
        for item in citation_items:
            self.repressed = {}
            text = _render_aligned(self, item, model)
            if text is not None:
                output_items.append(self.format(text))
        return output_items

    model.Layout.render_bibliography = render_bibliography


def _mark_display(cls) -> None:
    from .hooks import after_render

    def displayed(self, text, item, kwargs):
        if text is None or START in str(text):
            return text
        return mark(self.get("display"), text)

    after_render(cls, displayed, _displays)


def _displays(element) -> bool:
    """citeproc-js honours ``display`` only on the layout's own children:
    inside a group, a macro or another display it prints nothing of it
    ("Doe, Alpha" for a left margin with suffix ", " in a group)."""
    parent = element.getparent()
    return bool(element.get("display")) and parent is not None \
        and parent.tag.rpartition("}")[2] == "layout"


def _render_aligned(layout, item, model):
    """Layout.render_children with the first child's text as the left
    margin and the rest, with the layout's affixes, as the right part."""
    from citeproc.string import join

    from .year_suffix import begin_item

    begin_item()
    output = []
    for child in layout.iterchildren():
        try:
            text = child.render(item)
        except model.VariableError:
            continue
        if text is not None:
            output.append(text)
    if not output:
        return None
    margin = str(output[0])
    if START not in margin:
        margin = mark("left-margin", margin)
    rest = layout.wrap(join(output[1:], "")) if len(output) > 1 else layout.wrap("")
    rest = str(rest)
    if START not in rest:
        rest = mark("right-inline", rest)
    return margin + rest
