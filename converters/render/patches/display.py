"""Display: the bibliography's second-field-align.

citeproc-py ignores it and runs the citation number into the text
("(1)Krishna" where citeproc-js and pandoc print "(1) Krishna").  The
layout's first rendered child is the left margin: it is marked here with
two private-use characters, and finishing.split_margin turns the marks into
citeproc-js's ``csl-left-margin`` / ``csl-right-inline`` divisions (HTML)
or a space (text).  (display_SecondFieldAlignClone,
display_SecondFieldAlignMigratePunctuation, magic_SecondFieldAlign)
"""
from __future__ import annotations

MARGIN_START, MARGIN_END = "\ue000", "\ue001"


def install() -> None:
    from citeproc import model

    original = model.Layout.render_bibliography

    def render_bibliography(self, citation_items):
        parent = self.getparent()
        if not parent.get("second-field-align"):
            return original(self, citation_items)
        output_items = []
        for item in citation_items:
            self.repressed = {}
            text = _render_marked(self, item, model)
            text = self.format(self.wrap(text)) if text is not None else None
            if text is not None:
                output_items.append(text)
        return output_items

    model.Layout.render_bibliography = render_bibliography


def _render_marked(layout, item, model):
    """Layout.render_children, with the first child's text marked."""
    from citeproc.string import join

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
    first = MARGIN_START + str(output[0]) + MARGIN_END
    return first + str(join(output[1:], "")) if len(output) > 1 else first
