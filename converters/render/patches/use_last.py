"""et-al-use-last as citeproc-js prints it: which names a cut list shows
before its ellipsis, the delimiter before it, and the ellipsis itself
where the et-al term is empty (names.py's et-al patch asks
:func:`ellipsis_wanted`)."""
from __future__ import annotations

import enum
import threading

from ..records import incomplete_variables
from . import sorting


class _State(threading.local):
    wanted = False  # a list cut by et-al-use-last is being rendered


_STATE = _State()


def ellipsis_wanted() -> bool:
    return _STATE.wanted


def patch(model) -> None:
    """et-al-use-last as citeproc-js applies it: a cut list shows at most
    et-al-min - 2 names before the ellipsis and the last name ("A … E" for
    et-al-min="3" et-al-use-first="2", where citeproc-py printed "A, B et
    al."), and one name is followed by " … " without the delimiter ("A …
    E", as its single ellipsis joins; "A, B, … E" with two).  Checked on
    crafted styles."""
    from .names import process_showing  # here, not above: names imports this module

    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        if variable in incomplete_variables(item.reference):
            # an incomplete list ends in "et al." (_patch_incomplete): no last
            # name to show, as its last known one is not the list's last
            return original(self, item, variable, context, sort_options, **kwargs)
        overrides = _use_last_overrides(self, item.reference.get(variable) or [],
                                        context, sort_options)
        if overrides is None:
            return original(self, item, variable, context, sort_options, **kwargs)
        if _STATE.wanted:
            return _cut_at_ellipsis((original, process_showing), self, item, variable,
                                    (context, sort_options, kwargs), overrides)
        _STATE.wanted = True
        try:
            return _cut_at_ellipsis((original, process_showing), self, item, variable,
                                    (context, sort_options, kwargs), overrides)
        finally:
            _STATE.wanted = False

    model.Name.process = process


class _Cut(enum.Enum):
    # et-al-use-last where et-al-min is 2: citeproc-js prints the last name alone
    LAST_ONLY = "last only"


def _cut_at_ellipsis(processes, self, item, variable, call, overrides: dict | _Cut):
    """Name.process (``original`` of ``processes``) with the options of
    ``overrides`` (a cut list, its ellipsis and last name, as citeproc-js
    prints it), or the last name alone for :attr:`_Cut.LAST_ONLY`."""
    from .speed_base import name_attributes_set

    original, process_showing = processes
    context, sort_options, kwargs = call
    if overrides is _Cut.LAST_ONLY:
        names = item.reference.get(variable)
        return process_showing(original, self, item, variable, names[-1:], names,
                               (context, dict(sort_options or {}, **{"et-al-min": "0"}), kwargs))
    if not overrides:
        return original(self, item, variable, context, sort_options, **kwargs)
    options = dict(sort_options or {}, **overrides)
    if "delimiter" not in overrides:
        return original(self, item, variable, context, options, **kwargs)
    # citeproc-py joins with the cs:name's own delimiter attribute when
    # it has one (the options only give the default): set for this call
    with name_attributes_set(self, {"delimiter": overrides["delimiter"]}):
        return original(self, item, variable, context, options, **kwargs)


def _use_last_overrides(name, names: list, context, sort_options) -> dict | _Cut | None:
    """The options that make citeproc-py cut the list ``names`` as
    citeproc-js's et-al-use-last does ({} where its own are right), or None
    where no ellipsis is printed."""
    count = len(names)
    if sorting.sorts(sort_options) or sorting.active():
        return None
    try:
        if not name.get_option("et-al-use-last", context, sort_options):
            return None
        minimum = name.get_option("et-al-min", context, sort_options)
        first = name.get_option("et-al-use-first", context, sort_options)
    except (TypeError, ValueError, AttributeError):
        return None
    if not minimum or count < 2 or count < minimum or first is None or minimum < first:
        return None
    shown = min(first, minimum - 2)
    if shown == 0 and first >= 1:
        return _Cut.LAST_ONLY  # et-al-min="2": no name before the ellipsis, and no ellipsis
    if shown < 1 or shown + 1 >= count:
        return None  # nothing cut (or nothing left before the ellipsis): as before
    overrides = {"et-al-use-first": str(shown)} if shown != first else {}
    from .name_parts import printed_inverted  # here: name_parts imports names, names this

    if shown == 1 and not (
            name.get_option("delimiter-precedes-last", context, sort_options)
            == "after-inverted-name"
            and name.get_option("name-as-sort-order", context, sort_options)
            and printed_inverted(names[0])):
        # "A … E"; the delimiter stays only after a name printed inverted
        # where delimiter-precedes-last is "after-inverted-name"
        overrides["delimiter"] = " "
    return overrides


def ends_in_ellipsis(name, context, sort_options) -> bool:
    """et-al-use-last: a cut list ends in "… " and its last name (citeproc-py
    uses it where et-al-use-first is at most et-al-min - 2)."""
    try:
        return bool(name.get_option("et-al-use-last", context, sort_options)) and \
            name.get_option("et-al-use-first", context, sort_options) <= \
            name.get_option("et-al-min", context, sort_options) - 2
    except (TypeError, ValueError, AttributeError):
        return False
