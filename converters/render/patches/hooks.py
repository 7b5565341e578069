"""One wrapper a class's ``render`` for the patches that only look at, or
mark, what an element rendered (display, year_suffix, positions), instead
of one wrapper each around the last.  Each patch says, once an element,
whether the element concerns it (from the style, which does not change
while it renders), so most elements render with no hook at all: cs:text
went through three wrappers where it now goes through one (100,000
renders for 1,000 APA entries).  A hook keeps its patch's fix, in its
patch's module."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

# hook(element, text, item, keyword arguments) -> text
Hook = Callable[..., object]
Concerns = Callable[[Any], bool]


def after_render(cls, hook: Hook, concerns: Concerns | None = None) -> None:
    """Run ``hook`` on what ``cls.render`` returns, for the elements for
    which ``concerns(element)`` is true (all when None).  Hooks run in the
    order they are added, as wrappers added one around the other would;
    a wrapper another patch puts around the class's render in between
    starts a new list outside it."""
    current = cls.__dict__.get("render")
    hooks = getattr(current, "bibconv_hooks", None)
    if hooks is None:
        hooks = _dispatch(cls)
    hooks.append((hook, concerns))


def _dispatch(cls) -> list:
    from .speed import memo_table

    original = cls.render
    hooks: list[tuple[Hook, Concerns | None]] = []
    chosen = memo_table()  # element's id -> (element, the hooks that concern it)

    def render(self, item, *args, **kwargs):
        text = original(self, item, *args, **kwargs)
        hit = chosen.get(id(self))
        if hit is None or hit[0] is not self:
            hit = chosen[id(self)] = (self, tuple(hook for hook, concerns in hooks
                                                  if concerns is None or concerns(self)))
        for hook in hit[1]:
            text = hook(self, text, item, kwargs)
        return text

    render.bibconv_hooks = hooks  # type: ignore[attr-defined]
    cls.render = render
    return hooks
