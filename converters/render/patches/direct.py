"""Speed: a cs:text rendered by one function, and a cs:if that tests only
the item's type, or only variables, answered without a list of answers, where the patches stacked around
them change nothing for that element.  (No output changes.)

A cs:text went through seven stacked functions a render (the hooks
dispatcher, the groups tracker, citeproc-py's Text.render, three
Text.process layers, two Text.markup layers): 65,000 renders for 1,000
APA entries.  For an element that sets no markup attribute (most of them)
and that no render hook concerns, :func:`_install_text`'s render does in
one frame what that stack does: the groups patch's bookkeeping (a variable
called and whether it gave text, a macro suppressed when all it called was
empty, what a substitute printed), the text as speed_base's Text.process
gets it, the punctuation patch's mark on a printed value, and speed's
plain markup (the language, which only markup reads, is not looked up).
Every other cs:text renders through the stack as before (below the hooks
dispatcher where no hook concerns it).  A macro's and a group's children
render in the frame that calls them (the groups patch's and the
punctuation patch's bookkeeping around speed_base's loop; their texts
finished by those patches' own functions, groups.group_text and
punctuation.macro_text, so that their rules hold here), and a cs:choose
whose branches test only the type and the reference's variables takes
the branch found once for each kind of reference.

Installed last, and only over the exact stack it stands for: when a
harness switches a patch off (the CSL suite's attribution does), or
another patch wraps these methods, nothing here is installed.
"""
from __future__ import annotations

# The stacks stood for, outermost first: (module, qualified name, the
# closure variable holding the next layer); the last layer is citeproc-py's.
_P = "converters.render.patches."
_TEXT_RENDER = ((_P + "hooks", "_dispatch.<locals>.render", "original"),
                (_P + "groups", "_track_leaf.<locals>.render", "original"),
                ("citeproc.model", "Text.render", None))
_TEXT_PROCESS = ((_P + "punctuation", "install_literal_punctuation.<locals>.text_process",
                  "process"),
                 (_P + "strip_periods", "_patch_macro_calls.<locals>.text_process", "process"),
                 (_P + "text_case", "_patch_output_language.<locals>.text_process", "process"),
                 (_P + "speed_base", "_patch_text_language.<locals>.process", None))
_TEXT_MARKUP = ((_P + "speed", "_patch_plain_markup.<locals>.markup", None),)
_MACRO_RENDER = (("citeproc.model", "Macro.render", None),)
_MACRO_CHILDREN = ((_P + "punctuation", "install_entry_reset.<locals>.macro_render_children",
                    None),)
_RENDER_CHILDREN = ((_P + "speed_base", "_patch_render_children.<locals>.render_children", None),)
_GROUP_RENDER = ((_P + "hooks", "_dispatch.<locals>.render", "original"),
                 ("citeproc.model", "CitationStylesElement.render", None))
_GROUP_PROCESS = ((_P + "groups", "_patch_group.<locals>.process", None),)
_GROUP_MARKUP = (("citeproc.model", "Group.markup", None),)
_FORMAT = ((_P + "speed_base", "_patch_format.<locals>.format", "original"),)
_WRAP = ((_P + "punctuation", "install_suffix_into_quotes.<locals>.wrap", "original"),
         (_P + "speed_base", "_patch_wrap.<locals>.wrap", "original"))
_NAMES_RENDER = ((_P + "hooks", "_dispatch.<locals>.render", "original"),
                 (_P + "groups", "_track_leaf.<locals>.render", "original"),
                 ("citeproc.model", "CitationStylesElement.render", None))
_NAMES_PROCESS = ((_P + "name_count", "install.<locals>.process", "original"),
                  (_P + "author_substitute", "_patch_names.<locals>.process", "original"),
                  (_P + "groups", "_patch_substitution.<locals>.process", "names"),
                  (_P + "names", "_patch_substitute_inherits.<locals>.process", "original"),
                  ("citeproc.model", "Names.process", None))
_IF_TYPE = ((_P + "conditions", "_patch_type_list.<locals>._type", None),)
_IF_VARIABLE = ((_P + "speed_base", "_patch_conditions.<locals>._variable", None),)
_IF_HOLDS = ((_P + "speed_base", "_patch_if.<locals>.holds", None),)
_CHOOSE_RENDER = ((_P + "speed_base", "_patch_choose.<locals>.render", None),)

_KINDS = ("variable", "macro", "term", "value")
# What the groups patch's process and punctuation's macro hook call, which
# the one-frame paths call or do too: a stack whose function no longer
# calls them is not the one they stand for (and tests/test_render_speed_paths'
# fingerprints tell any other change of it)
_GROUP_CALLS = frozenset(("_group_children", "colon_marks", "_join", "group_text",
                          "_close_into"))
_MACRO_CALLS = frozenset(("macro_text", "suppressed_so_far"))


def install() -> None:
    from citeproc import model

    if _is_stack(model.Text.render, _TEXT_RENDER) and _is_stack(model.Text.process,
                                                                 _TEXT_PROCESS) \
            and _is_stack(model.Text.markup, _TEXT_MARKUP) \
            and _is_stack(model.Macro.render, _MACRO_RENDER):
        _install_text(model)
    if _is_stack(model.Group.render, _GROUP_RENDER) and _is_stack(model.Group.process,
                                                                  _GROUP_PROCESS) \
            and _is_stack(model.Group.markup, _GROUP_MARKUP) \
            and _is_stack(model.Group.format, _FORMAT) and _is_stack(model.Group.wrap, _WRAP) \
            and _calls(model.Group.process, _GROUP_CALLS):
        _install_group(model)
    if _is_stack(model.Names.render, _NAMES_RENDER) and _is_stack(model.Names.process,
                                                                  _NAMES_PROCESS):
        _install_names(model)
    if _is_stack(model.If._type, _IF_TYPE) and _is_stack(model.If._variable, _IF_VARIABLE) \
            and _is_stack(model.If.holds, _IF_HOLDS):
        _install_if_tests(model)
        if _is_stack(model.Choose.render, _CHOOSE_RENDER):
            _install_choose(model)


def _wrapped(function, variable: str):
    """The function ``function`` wraps, held in its closure as ``variable``."""
    code = getattr(function, "__code__", None)
    if code is None or variable not in code.co_freevars:
        return None
    return function.__closure__[code.co_freevars.index(variable)].cell_contents


def _calls(function, names: frozenset) -> bool:
    """Whether ``function`` calls (names) each of ``names``."""
    code = getattr(function, "__code__", None)
    return code is not None and names <= set(code.co_names) | set(code.co_freevars)


def _is_stack(function, layers) -> bool:
    for module, qualname, inner in layers:
        if getattr(function, "__module__", None) != module \
                or getattr(function, "__qualname__", None) != qualname:
            return False
        function = _wrapped(function, inner) if inner else None
    return True


def _plan(element, hooks, markup_attributes, stack, unhooked) -> tuple:
    """(element, what it prints or None to take the stack, that attribute,
    the macro it calls or None, the stack to take).  The stack is taken for
    an element with markup attributes, one a render hook concerns, one
    that is both a variable and a macro call, and year-suffix (which the
    groups tracker passes straight through); for one no hook concerns,
    the stack below the hooks dispatcher (``unhooked``), which would run
    none."""
    attrib = element.attrib
    kind = next((k for k in _KINDS if k in attrib), None)
    hooked = any(concerns is None or concerns(element) for _, concerns in hooks)
    runner = stack if hooked else unhooked
    if kind is None or any(name in attrib for name in markup_attributes) or hooked \
            or (kind == "variable" and ("macro" in attrib
                                        or attrib["variable"] == "year-suffix")):
        return (element, None, None, None, runner)
    macro = None
    if kind == "macro":
        try:  # the style's macros do not change while it renders (speed memoizes them)
            macro = element.get_macro(attrib["macro"])
        except IndexError:  # looked up again when rendered, and raised there
            pass
    return (element, kind, attrib[kind], macro, runner)


def _install_text(model) -> None:
    from .punctuation import _PUNCTUATION_ONLY, LITERAL
    from .speed import _MARKUP, memo_table
    from .strip_periods import STRIPPING

    stack = model.Text.render
    hooks = stack.bibconv_hooks
    unhooked = _wrapped(stack, "original")  # the groups tracker's render
    plans = memo_table()  # cs:text's id -> _plan's tuple
    String = model.String
    plain, variable, macro = _text_steps(model)

    def render(self, item, *args, **kwargs):
        hit = plans.get(id(self))
        if hit is None or hit[0] is not self:
            hit = plans[id(self)] = _plan(self, hooks, _MARKUP, stack, unhooked)
        kind = hit[1]
        if kind is None or args or STRIPPING.depth:
            return hit[4](self, item, *args, **kwargs)
        if kind == "variable":
            return variable(self, item, hit[2], kwargs.get("context"))
        if kind == "macro":
            return macro(self, item, hit[3] if hit[3] is not None
                         else self.get_macro(hit[2]), kwargs.get("context"))
        if kind == "term":
            return plain(self._term(item))
        text = String(self.preformat(hit[2]))
        if _PUNCTUATION_ONLY.fullmatch(hit[2]):
            text = type(text)(LITERAL) + text
        return plain(text)

    render.bibconv_hooks = hooks  # type: ignore[attr-defined]
    model.Text.render = render


def _text_steps(model) -> tuple:
    """speed's plain markup, and a plain cs:text's variable and macro call
    with the groups patch's bookkeeping (groups._track_leaf, _render_macro)."""
    from .groups import _SUBSTITUTE, _TRACE, _close_into
    from .punctuation import unlocked
    from .speed import memo_table

    VariableError = model.VariableError
    plain = _plain_markup
    repressed = _repressed_check(memo_table)

    def variable(self, item, name, context):
        frames = _TRACE.frames
        if repressed(self, name, context):
            if frames:
                frames[-1][0] = True  # called, and empty here
            raise VariableError  # already printed as a substitute
        if frames:
            frame = frames[-1]
            frame[0] = True
        try:
            text = plain(self._variable(item, context if context is not None else self))
        except VariableError:
            return None
        if text:
            if frames:
                frame[1] = True
            collecting = _TRACE.collecting
            if collecting:
                collecting[-1].append((self.tag, name))
        return text

    def macro(self, item, element, context):
        frames = _TRACE.frames
        frames.append([False, False])
        printed = _SUBSTITUTE.printed
        try:  # citeproc-py's Macro.render, without its frame
            text = plain(children(element, item, context if context is not None else self))
        finally:
            called, rendered = frames.pop()
        if called and not rendered:
            text = None
            _SUBSTITUTE.printed = printed
        if frames:
            _close_into(frames[-1], called, bool(text))
        return unlocked(text) if text else text

    children = _macro_children(model)
    return plain, variable, macro


def _plain_markup(text):
    """speed's plain markup: no text is None, a number its string."""
    if not text:
        return None
    return str(text) if isinstance(text, (int, float)) else text


def _repressed_check(memo_table):
    """repressed(text element, variable, context): groups._repressed for a
    cs:text (whose tag is not a cs:names'), its context's layout looked up
    once."""
    layouts = memo_table()  # context's id -> (context, its layout or None)

    def repressed(self, name, context) -> bool:
        where = context if context is not None else self
        hit = layouts.get(id(where))
        if hit is None or hit[0] is not where:
            try:
                layout = where.get_layout()
            except (IndexError, AttributeError):
                layout = None
            hit = layouts[id(where)] = (where, layout)
        if hit[1] is None:
            return False
        found = getattr(hit[1], "repressed", None)
        if not found:
            return False
        return name in found.get(self.tag, ())

    return repressed


def _macro_children(model):
    """children(macro, item, context): what the macro's render_children
    gives, called as citeproc-py's Macro.render calls it.  Over the stack
    of punctuation's macro hook around speed_base's render_children, both
    done in one frame (42,000 macros rendered for 1,000 APA entries):
    the children rendered, then punctuation.macro_text (the first-term
    state put back where the macro's frame, opened by the caller, shows it
    suppressed; a seal lifted; a nested quote marked)."""
    if not (_is_stack(model.Macro.render_children, _MACRO_CHILDREN)
            and _calls(model.Macro.render_children, _MACRO_CALLS)
            and _is_stack(model.Parent.render_children, _RENDER_CHILDREN)):
        return lambda element, item, context: element.render_children(
            item, context=context, sort_options=None)
    from citeproc.string import join

    from . import terms
    from .groups import _TRACE
    from .punctuation import macro_text

    Choose, VariableError = model.Choose, model.VariableError

    def children(element, item, context):
        first = terms.state()
        output = []
        for child in element.getchildren():
            try:
                if isinstance(child, Choose):
                    text = child.render(item, delimiter="", context=context, sort_options=None)
                else:
                    text = child.render(item, context=context, sort_options=None)
                if text is not None:
                    output.append(text)
            except VariableError:
                pass
        # (one text: citeproc-py's join gives it back as it is)
        text = (output[0] if len(output) == 1 else join(output, "")) if output else None
        frame = _TRACE.frames[-1]  # the macro's, which the caller opened
        # (groups.suppressed_so_far, read from the frame at hand)
        return macro_text(text, first, frame[0] and not frame[1])

    return children


def _install_group(model) -> None:
    """A cs:group no render hook concerns: citeproc-py's render (its
    markup of its process) without the hooks dispatcher's and render's
    frames, and, where the group sets no formatting and no affixes, without
    the markup that then gives its text back (speed_base's format and
    wrap)."""
    from .groups import colon_marks
    from .speed import memo_table
    from .speed_base import _FORMATTING

    stack, markup = model.Group.render, model.Group.markup
    hooks = stack.bibconv_hooks
    # cs:group's id -> (element, direct?, plain?, whether it collects the
    # colons its children end in: groups.colon_marks)
    plans = memo_table()
    process = _group_process(model)

    def plan(self) -> tuple:
        direct = not any(concerns is None or concerns(self) for _, concerns in hooks)
        plain = not any(self.get(name) is not None for name in _FORMATTING) \
            and not self.get("prefix") and not self.get("suffix")
        return (self, direct, plain, colon_marks(self) is not None)

    def render(self, item, *args, **kwargs):
        hit = plans.get(id(self))
        if hit is None or hit[0] is not self:
            hit = plans[id(self)] = plan(self)
        if not hit[1] or args:
            return stack(self, item, *args, **kwargs)
        text = process(self, item, hit[3], kwargs)
        if not hit[2]:
            return markup(self, text)
        if not text:
            return None
        return str(text) if isinstance(text, (int, float)) else text

    render.bibconv_hooks = hooks  # type: ignore[attr-defined]
    model.Group.render = render


def _group_process(model):
    """process(group, item, whether it collects its children's colons,
    keyword arguments): the groups patch's Group.process (groups._patch_group)
    without its frames (36,000 groups rendered for 1,000 APA entries); the
    children are read by the groups patch's own loop (_group_children) and
    the joined text finished by its group_text (its seal lifted, a
    delimiter's period on a colon: punctuation's rules)."""
    from . import terms
    from .groups import _SUBSTITUTE, _TRACE, _close_into, _group_children, _join, group_text

    def process(self, item, collects, kwargs):
        context = kwargs.pop("context", None)
        frames = _TRACE.frames
        frame = [False, False]
        frames.append(frame)
        printed, first = _SUBSTITUTE.printed, terms.state()
        met = [] if collects else None  # (groups.colon_marks, read in the plan)
        try:
            output = _group_children(self, item, context, kwargs, model, met)
        finally:
            frames.pop()
            if frames:
                _close_into(frames[-1], frame[0], frame[1])
        if not output or (frame[0] and not frame[1]):
            _SUBSTITUTE.printed = printed  # suppressed: what it printed is taken back
            terms.restore(first)
            return None
        if frames:
            frames[-1][1] = True
        # one text: _join and citeproc-py's Delimited.join give it back as it is
        return group_text(output[0] if len(output) == 1 and plain_join
                          else _join(self, output, met))

    plain_join = model.Group.join is model.Delimited.join \
        and getattr(model.Delimited.join, "__module__", None) == "citeproc.model"
    return process


def _install_names(model) -> None:
    """A cs:names without cs:substitute none of whose variables the item
    has (APA asks for an interviewer, a translator, a narrator ... in every
    entry: 3,000 for 1,000 entries) prints nothing: VariableError, raised
    through nine layers.  It is raised here at once, after what those
    layers do on the way: the groups tracker counts the variables as
    called, and, unless a substitute already printed them, the first
    cs:names of an entry stops being the one author_substitute waits for."""
    from . import author_substitute, sorting
    from .groups import _TRACE, _repressed
    from .speed import memo_table

    stack, hooks = model.Names.render, model.Names.render.bibconv_hooks
    unhooked = _wrapped(stack, "original")  # the groups tracker's render
    # cs:names' id -> (element, direct?, its variables, them split, the stack to take)
    plans = memo_table()
    VariableError, state = model.VariableError, author_substitute._STATE

    def plan(self) -> tuple:
        variables = self.get("variable")
        hooked = any(concerns is None or concerns(self) for _, concerns in hooks)
        direct = bool(variables) and self.substitute() is None and not hooked
        return (self, direct, variables, tuple(variables.split()) if direct else (),
                stack if hooked else unhooked)

    def render(self, item, *args, **kwargs):
        hit = plans.get(id(self))
        if hit is None or hit[0] is not self:
            hit = plans[id(self)] = plan(self)
        if not hit[1] or args:
            return hit[4](self, item, *args, **kwargs)
        reference = item.reference
        for role in hit[3]:
            if role in reference:
                return hit[4](self, item, **kwargs)
        frames = _TRACE.frames
        if frames:
            frames[-1][0] = True  # called, and empty
        context = kwargs.get("context")
        if _repressed(self, hit[2], context):
            raise VariableError
        if state.first and not sorting.sorts(kwargs.get("sort_options")):
            state.first, state.capturing, state.captured, state.persons = False, False, [], []
        (context if context is not None else self).get_layout()  # raises where the stack would
        raise VariableError

    render.bibconv_hooks = hooks  # type: ignore[attr-defined]
    model.Names.render = render


def _install_if_tests(model) -> None:
    """A cs:if (or cs:else-if) that tests only the item's type, or only
    variables, without position: the answer of the conditions patch's
    _type (the type one of those listed, unless match="none") or of
    speed_base's _variable (each variable present; locator in the cite)
    and speed_base's If.holds, worked out without building a list of
    answers.  Anything else is asked of If.holds."""
    from .speed import memo_table

    holds, If = model.If.holds, model.If
    tests = {"type": If._type, "variable": If._variable}
    plans = memo_table()  # element's id -> (element, test or None, its names, match)
    get, contains = dict.get, dict.__contains__

    def fast_holds(self, item, context=None) -> bool:
        hit = plans.get(id(self))
        if hit is None or hit[0] is not self:
            hit = plans[id(self)] = _if_plan(self, tests)
        test, names, match = hit[1], hit[2], hit[3]
        if test is None:
            return holds(self, item, context)
        if test == "type":
            found = get(item.reference, "type") in names
            return not found if match == "none" else found
        reference = item.reference
        if len(names) == 1:  # the common case, without a generator
            name = names[0]
            found = "locator" in item if name == "locator" else contains(reference, name)
            return not found if match == "none" else found
        present = ("locator" in item if name == "locator" else contains(reference, name)
                   for name in names)
        if match == "any":
            return any(present)
        if match == "none":
            return not any(present)
        return all(present)

    model.If.holds = fast_holds


def _if_plan(element, tests: dict) -> tuple:
    """(element, "type" or "variable" or None for any other test, the
    types or variables it names, its match) of a cs:if or cs:else-if,
    for fast_holds; ``tests`` the methods that test a type and variables,
    which its class must have for the plan to stand for them."""
    attrib = element.attrib
    found = [test for test in _IF_TESTS if test in attrib]
    test = found[0] if len(found) == 1 and found[0] in tests else None
    if test is None or getattr(type(element), "_" + test) is not tests[test]:
        return (element, None, (), None)
    names = attrib[test].split()
    if test == "type":
        if attrib.get("match") not in (None, "all", "any", "none"):
            return (element, None, (), None)
        return (element, test, tuple(name.lower() for name in names), attrib.get("match"))
    return (element, test, tuple(name.replace("-", "_") for name in names), attrib.get("match"))


def _install_choose(model) -> None:
    """A cs:choose whose every cs:if and cs:else-if tests only the item's
    type and variables of the reference (not the locator, which is the
    cite's), by the methods fast_holds and speed_base's If.holds stand
    for: the branch it takes depends on nothing
    but the reference's type and the variables it has, and is looked up
    by those (12 kinds among 1,000 generated entries) instead of asking
    branch after branch (APA asks 100 an entry).  The kind is worked out
    once a reference, again when its size or type changed (a patch removes
    or adds a variable for a while: the accessed date, a citation label).
    The branch renders as speed_base's Choose.render renders it; the other
    cs:choose render through that."""
    from .speed import memo_table
    from .speed_base import choose_from

    stack, If, ConditionFailed = model.Choose.render, model.If, model.ConditionFailed
    # (cs:choose's id, kind) -> (element, the branch's index, the branch or None,
    # whether it is a cs:if); (element, None, None, None): asked branch by branch
    taken = memo_table()
    kinds = memo_table()  # reference's id -> (reference, its size, its type, its kind)
    kind_of = _kind_finder(kinds, memo_table)
    branch = _branch_finder(model, memo_table)
    get = dict.get

    def render(self, item, context=None, delimiter="", **kwargs):
        reference = item.reference
        hit = kinds.get(id(reference))
        if hit is None or hit[0] is not reference or hit[1] != len(reference) \
                or hit[2] != get(reference, "type"):
            kind = kind_of(reference)
            if kind is None:
                return stack(self, item, context, delimiter, **kwargs)
        else:
            kind = hit[3]
        key = (id(self), kind)
        chosen = taken.get(key)
        if chosen is None or chosen[0] is not self:
            chosen = taken[key] = branch(self, item, context)
        child = chosen[2]
        if child is None:
            if chosen[1] is None:
                return stack(self, item, context, delimiter, **kwargs)
            return None  # no branch taken
        try:
            if chosen[3]:
                return child.render_children(item, context=context, delimiter=delimiter,
                                             **kwargs)
            return child.render(item, context=context, delimiter=delimiter, **kwargs)
        except ConditionFailed:  # raised inside the branch: the next are tried
            return choose_from(self.getchildren()[chosen[1] + 1:], item, context, delimiter,
                               kwargs, If, ConditionFailed)

    model.Choose.render = render


def _kind_finder(kinds, memo_table):
    """kind_of(reference): the number of the reference's kind (its type and
    the variables it has), noted in ``kinds``; None for a type that cannot
    be hashed (its cs:choose is asked branch by branch)."""
    numbers = memo_table()  # (type, the reference's variables) -> kind
    get = dict.get

    def kind_of(reference):
        size, typ = len(reference), get(reference, "type")
        try:
            key = (typ, frozenset(dict.keys(reference)))
            number = numbers.get(key)
        except TypeError:
            return None
        if number is None:
            number = numbers[key] = len(numbers)
        kinds[id(reference)] = (reference, size, typ, number)
        return number

    return kind_of


def _branch_finder(model, memo_table):
    """branch(choose, item, context): (choose, the index of the branch its
    kind of reference takes, the branch or None, whether it is a cs:if), or
    (choose, None, None, None) when its tests are not all of the kind's."""
    If, Else = model.If, model.Else
    holds, type_test, variable_test = If.holds, If._type, If._variable
    statics = memo_table()  # cs:choose's id -> (element, whether its branch is the kind's)

    def by_kind(branch) -> bool:
        # tests of the type and of the reference's variables only, by the
        # methods fast_holds and speed_base's holds stand for
        cls, attrib = type(branch), branch.attrib
        return cls.holds is holds and cls._type is type_test \
            and cls._variable is variable_test \
            and all(name in ("type", "variable", "match") for name in attrib) \
            and "locator" not in attrib.get("variable", "").split()

    def branch(self, item, context) -> tuple:
        hit = statics.get(id(self))
        if hit is None or hit[0] is not self:
            hit = statics[id(self)] = (self, all(
                isinstance(child, Else) or (isinstance(child, If) and by_kind(child))
                for child in self.getchildren()))
        if not hit[1]:
            return (self, None, None, None)
        for index, child in enumerate(self.getchildren()):
            if not isinstance(child, If):
                return (self, index, child, False)
            if child.holds(item, context):
                return (self, index, child, True)
        return (self, -1, None, None)

    return branch


# Every attribute that makes a cs:if test something (speed_base's _TESTS,
# and position)
_IF_TESTS = ("type", "variable", "is-numeric", "is-uncertain-date", "locator", "disambiguate",
             "position")
