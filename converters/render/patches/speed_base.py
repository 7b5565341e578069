"""Speed: citeproc-py's own small steps, done with less work and the same
result.  Installed first, so the other patches wrap these versions.

Each rendered element is formatted, affixed and quoted (five font
lookups, two seams, a locale option) although most elements of a style
set none of these attributes, and a cs:if with ten types looked the
item's type up ten times.  For 1,000 APA entries these were a fifth of
the time.  (No fixture changes: each step returns what it returned.)
"""
from __future__ import annotations

from contextlib import contextmanager

from ...render.styles import NS

# The attributes Formatted.format reads; without any, it returns its input.
_FORMATTING = ("font-style", "font-variant", "font-weight", "text-decoration",
               "vertical-align")


def install() -> None:
    from citeproc import model

    _patch_format(model)
    _patch_wrap(model)
    _patch_quote(model)
    _patch_conditions(model)
    _patch_children_lookup(model)
    _patch_text_language(model)
    _patch_term_forms(model)
    _patch_missing_variables()
    _patch_choose(model)
    _patch_render_children(model)
    _patch_if(model)
    _patch_name_options(model)


def _patch_format(model) -> None:
    original = model.Formatted.format

    def format(self, string):
        get = self.get
        if get("font-style") is None and get("font-variant") is None \
                and get("font-weight") is None and get("text-decoration") is None \
                and get("vertical-align") is None:
            return str(string) if isinstance(string, (int, float)) else string
        return original(self, string)

    model.Formatted.format = format
    _patch_normal(model)


def _patch_normal(model) -> None:
    """An explicit normal font-style, font-variant or font-weight writes a
    reset span in HTML at its place in the formatting order (render.resets
    keeps it only inside an element that sets the property).  Not inside a
    cs:names or cs:name that sets the property itself: citeproc-js prints
    none there (a cs:name-part in a small-caps cs:name), but does for
    formatting from outside the names (an italic group)."""
    from citeproc.formatter import html

    from ..resets import RESET

    for attribute in ("font-style", "font-variant", "font-weight"):
        method = attribute.replace("-", "_")
        original = getattr(model.Formatted, method)

        def formatted(self, text, attribute=attribute, original=original):
            if self.get(attribute) == "normal" and self.get_formatter() is html \
                    and not _set_by_its_names(self, attribute):
                return f"{RESET.format(attribute)}{text}</span>"
            return original(self, text)

        setattr(model.Formatted, method, formatted)

    # An explicit text-decoration="none" is a span wherever it stands, inside
    # an underline or not (citeproc-js '(<span style="text-decoration:none;">
    # 2000</span>)'); render.resets keeps it, as it sets back no font.
    # An explicit vertical-align="baseline" is a span too (citeproc-js's
    # '<span style="baseline">', photogrammetric-engineering-and-remote-
    # sensing's authors); citeproc-py printed the text alone.
    for attribute, value, style in (("text-decoration", "none", "text-decoration:none;"),
                                    ("vertical-align", "baseline", "baseline")):
        method = attribute.replace("-", "_")
        original = getattr(model.Formatted, method)

        def spanned(self, text, attribute=attribute, value=value, style=style,
                    original=original):
            if self.get(attribute) == value and self.get_formatter() is html:
                return f'<span style="{style}">{text}</span>'
            return original(self, text)

        setattr(model.Formatted, method, spanned)


_NAMES_TAGS = (f"{NS}names", f"{NS}name")


def _set_by_its_names(element, attribute: str) -> bool:
    """Whether a cs:names or cs:name around the element sets ``attribute``."""
    parent = element.getparent()
    while parent is not None and parent.tag in _NAMES_TAGS:
        if parent.get(attribute) not in (None, "normal"):
            return True
        parent = parent.getparent()
    return False


def _patch_wrap(model) -> None:
    """Without affixes, wrap's two seams leave the text as it is ('' + text
    and text + '' give text back, citeproc's strings included)."""
    original = model.Affixed.wrap

    def wrap(self, string):
        if string is None or (not self.get("prefix") and not self.get("suffix")):
            return string
        return original(self, string)

    model.Affixed.wrap = wrap


def _patch_quote(model) -> None:
    """quote reads punctuation-in-quote and never uses it: read it only when
    the element is quoted."""
    original = model.Quoted.quote

    def quote(self, string):
        if self.get("quotes", "false").lower() != "true":
            return string
        return original(self, string)

    model.Quoted.quote = quote


def _patch_conditions(model) -> None:
    """The item's type (and reference) looked up once a test, not once a
    listed type or variable; a test's lists of types and variables split once
    an element (a cs:if's attributes do not change while a style renders)."""
    from .speed import memo_table

    split = memo_table()  # element's id -> (element, its types lower-cased)
    listed = memo_table()  # element's id -> (element, its variables, "_" for "-")
    contains, get = dict.__contains__, dict.get

    def _type(self, item):
        hit = split.get(id(self))
        if hit is None or hit[0] is not self:
            hit = split[id(self)] = (self, [typ.lower() for typ in self.get("type").split()])
        if not hit[1]:
            return []
        kind = get(item.reference, "type")  # without the reference's __getattr__
        return [typ == kind for typ in hit[1]]

    def _variable(self, item):
        hit = listed.get(id(self))
        if hit is None or hit[0] is not self:
            hit = listed[id(self)] = (self, [variable.replace("-", "_") for variable
                                             in self.get("variable").split()])
        output = []
        reference = None
        for variable in hit[1]:
            if variable == "locator":
                output.append("locator" in item)
                continue
            if reference is None:
                reference = item.reference
            # a name without "-": the hyphen patch (numbers) adds nothing to `in`
            output.append(contains(reference, variable))
        return output

    model.If._type = _type
    model.If._variable = _variable


def _patch_children_lookup(model) -> None:
    """``element.layout``, ``names.substitute`` and the like: the child
    found once an element (the style's tree is fixed while it renders, as
    the memoized XPath searches of the speed patch take it to be)."""
    from .speed import memo_table

    children = memo_table()  # (element's id, name) -> (element, child or None)

    def __getattr__(self, name):
        key = (id(self), name)
        hit = children.get(key)
        if hit is None or hit[0] is not self:
            hit = children[key] = (self, self.find(NS + name))
        return hit[1]

    model.SomewhatObjectifiedElement.__getattr__ = __getattr__


def _patch_text_language(model) -> None:
    """cs:text read the item's language by raising and catching an error
    for each text of each entry (most items have none); it is looked up
    once an item now, and which attribute a cs:text prints once an element.
    A variable the item lacks gives None, which every caller of a cs:text's
    render skips as it skips VariableError, without raising it through the
    wrappers of Text.render (13,000 for 1,000 APA entries).  The rest of
    Text.process is citeproc-py's."""
    from citeproc.source import VariableError

    from .speed import memo_table

    languages = memo_table()  # reference's id -> (reference, its language or None)
    # cs:text's id -> (the element, its style's default language, what it
    # prints: "variable", "macro", "term" or "value", and that attribute)
    plans = memo_table()

    def item_language(reference):
        hit = languages.get(id(reference))
        if hit is None or hit[0] is not reference:
            try:
                language = reference.language[:2]
            except VariableError:
                language = None
            hit = languages[id(reference)] = (reference, language)
        return hit[1]

    def plan(self):
        kind = next((k for k in ("variable", "macro", "term", "value")
                     if self.get(k) is not None), None)
        return (self, self.get_root().get("default-locale", "en")[:2], kind,
                self.get(kind) if kind else None)

    def process(self, item, context=None, **kwargs):
        if context is None:
            context = self
        hit = plans.get(id(self))
        if hit is None or hit[0] is not self:
            hit = plans[id(self)] = plan(self)
        try:
            language = item_language(item.reference)
        except VariableError:
            language = None
        if language is None:
            language = hit[1]
        kind = hit[2]
        if kind == "variable":
            try:
                text = self._variable(item, context)
            except VariableError:  # not raised through Text.render's wrappers
                return None, language
        elif kind == "macro":
            text = self.get_macro(hit[3]).render(item, context)
        elif kind == "term":
            text = self._term(item)
        elif kind == "value":
            text = model.String(self.preformat(hit[3]))
        return text, language  # (unbound without any, as in citeproc-py)

    model.Text.process = process


def _patch_term_forms(model) -> None:
    """A term's singular and plural text, worked out once a term (a search
    for cs:single and a formatter call each time, 8,000 for 1,000 APA
    entries).  The table is emptied when a render starts, so a term is
    never read through another render's formatter."""
    from .speed import memo_table

    for name in ("single", "multiple"):
        prop = getattr(model.Term, name)
        forms = memo_table()  # term's id -> (the term, its text)

        def form(self, fget=prop.fget, forms=forms):
            hit = forms.get(id(self))
            if hit is None or hit[0] is not self:
                hit = forms[id(self)] = (self, fget(self))
            return hit[1]

        setattr(model.Term, name, property(form))


def _patch_missing_variables() -> None:
    """A variable an item lacks raised KeyError, caught and raised again as
    VariableError (100,000 times for 1,000 APA entries): raise VariableError
    at once."""
    from citeproc.source import CustomDict, VariableError

    missing = object()

    def __getitem__(self, key):
        value = dict.get(self, key, missing)
        if value is missing:
            raise VariableError
        return value

    CustomDict.__getitem__ = __getitem__


def _patch_choose(model) -> None:
    """cs:choose's branches tried in turn without first copying them into
    a list, and a cs:if's or cs:else-if's tests asked for a yes or no
    (If.holds) instead of raising and catching ConditionFailed for each
    branch not taken (70,000 for 1,000 APA entries)."""
    ConditionFailed, If = model.ConditionFailed, model.If

    def render(self, item, context=None, delimiter="", **kwargs):
        return choose_from(self.getchildren(), item, context, delimiter, kwargs,
                           If, ConditionFailed)

    model.Choose.render = render


def choose_from(branches, item, context, delimiter, kwargs, If, ConditionFailed):
    """The first of a cs:choose's ``branches`` that holds, rendered (a
    ConditionFailed raised inside one: the next are tried)."""
    for child in branches:
        try:
            if isinstance(child, If):
                if child.holds(item, context):
                    return child.render_children(item, context=context,
                                                 delimiter=delimiter, **kwargs)
                continue
            return child.render(item, context=context, delimiter=delimiter, **kwargs)
        except ConditionFailed:
            continue
    return None


def _patch_render_children(model) -> None:
    """An element's children read as a list (lxml's getchildren) rather
    than through an iterator, a quarter of the cost; the rest is
    citeproc-py's Parent.render_children."""
    from citeproc.string import join

    Choose, VariableError = model.Choose, model.VariableError

    def render_children(self, item, delimiter="", **kwargs):
        output = []
        for child in self.getchildren():
            try:
                if isinstance(child, Choose):
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
                if text is not None:
                    output.append(text)
            except VariableError:
                pass
        if not output:
            return None
        # one text: join gives it back as it is
        return output[0] if len(output) == 1 else join(output, delimiter)

    model.Parent.render_children = render_children


# cs:if's tests, in the order citeproc-py evaluates them, and the method of
# each (_disambiguate: citeproc-py ignores the attribute, the givennames
# patch gives it its meaning)
_TESTS = (("type", "_type"), ("variable", "_variable"), ("is-numeric", "_is_numeric"),
          ("is-uncertain-date", "_is_uncertain_date"), ("locator", "_locator"),
          ("disambiguate", "_disambiguate"))


def _patch_if(model) -> None:
    """Which tests a cs:if (or cs:else-if) makes, and its match, read once
    an element instead of six attribute lookups a render (100,000 renders
    for 1,000 APA entries).  The tests themselves are still the methods
    (_type, _variable ...) the other patches replace, looked up when an
    element is first planned; the rest is citeproc-py's If.render, split
    in two: whether the branch is taken (holds), then its children."""
    from .speed import memo_table

    plans = memo_table()  # element's id -> (element, test functions, position?, match)
    ConditionFailed = model.ConditionFailed

    def plan(self):
        hit = plans.get(id(self))
        if hit is None or hit[0] is not self:
            attrib, cls = self.attrib, type(self)
            hit = plans[id(self)] = (self, tuple(getattr(cls, method) for test, method in _TESTS
                                                 if test in attrib),
                                     "position" in attrib, self.get("match"))
        return hit

    def holds(self, item, context=None) -> bool:
        hit = plans.get(id(self))
        if hit is None or hit[0] is not self:
            hit = plan(self)
        _, tests, position, match = hit
        if len(tests) == 1:  # the common case: one test, its list as it is
            results = tests[0](self, item)
        else:
            results = []
            for test in tests:
                results += test(self, item)
        if position:  # a new list: a test's own is not changed
            results = list(results) + self._position(item, context)
        if match == "any":
            return any(results)
        if match == "none":
            return not any(results)
        return all(results)

    def render(self, item, context=None, delimiter="", **kwargs):
        if not holds(self, item, context):
            raise ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    model.If._disambiguate = lambda self, item: []
    model.If.holds = holds
    model.If.render = render


def _patch_name_options(model) -> None:
    """cs:name's options: those the sort options (or a patch's overrides
    passed as sort options) do not give, read without first failing to
    index None (70,000 caught TypeErrors for 1,000 APA entries), and kept
    by the cs:name's own attributes as they are
    when read: the et-al patches set a cs:name's attribute for one call and
    put it back (name_options_changed), and the options read before are
    read again only for attributes not seen before (they were all read
    again after each such call: 23,000 reads for 1,000 APA entries).  The
    ancestors' options do not change while a style renders.  Kept until a
    render starts.  The rest is citeproc-py's Name.get_option."""
    from .speed import _CACHES

    _CACHES.extend((_NAME_OPTIONS, _NAME_STATES, _STATE_NUMBERS))
    # (name's id, context's id, option, its attributes' number) -> (name, context, value)
    known = _NAME_OPTIONS
    states = _NAME_STATES  # name's id -> (name, the epoch read in, its attributes' number)
    numbers = _STATE_NUMBERS  # a cs:name's attributes (a tuple) -> their number

    def get_option(self, name, context=None, sort_options=None):
        if sort_options is not None:
            try:
                value = sort_options[name]
            except (TypeError, KeyError):
                pass  # not among them (most: patches pass one or two overrides)
            else:
                return _converted_option(name, value)
        # an option that sort options do not give is the style's, read once
        # for the attributes the cs:name has: 25 reads a cs:name rendered
        # (66,000 for 1,000 APA entries)
        state = states.get(id(self))
        if state is None or state[0] is not self or state[1] != _EPOCH[0]:
            attributes = tuple(self.attrib.items())
            number = numbers.get(attributes)
            if number is None:
                number = numbers[attributes] = len(numbers)
            state = states[id(self)] = (self, _EPOCH[0], number)
        key = (id(self), id(context), name, state[2])
        hit = known.get(key)
        if hit is not None and hit[0] is self and hit[1] is context:
            return hit[2]
        value = _read_name_option(self, name, context)
        known[key] = (self, context, value)
        return value

    model.Name.get_option = get_option


_CONTEXT = "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"


def _read_name_option(name_element, name: str, context):
    """citeproc-py's reading of a cs:name option: its own attribute, else
    its citation's or bibliography's (name-form, name-delimiter)."""
    parent = (name_element if context is None else context).xpath_search(_CONTEXT)[0]
    if name in ("form", "delimiter"):
        value = name_element.get(name, parent.get_option("name-" + name))
    else:
        value = name_element.get(name, parent.get_option(name))
    return _converted_option(name, value)


def _converted_option(name: str, value):
    """An option's value as citeproc-py gives it (booleans, numbers)."""
    if name in ("initialize-with-hyphen", "et-al-use-last"):
        return value.lower() == "true"
    if name.startswith("et-al"):
        return int(value)
    return value


_NAME_OPTIONS: dict = {}
_NAME_STATES: dict = {}
_STATE_NUMBERS: dict = {}
_EPOCH = [0]  # bumped when a patch changes a cs:name's attributes


@contextmanager
def name_attributes_set(name, values: dict):
    """A cs:name's attributes set to ``values`` for one call and put back
    after it (removed where it had none), its options read again both times."""
    saved = {key: name.get(key) for key in values}
    for key, value in values.items():
        name.set(key, value)
    name_options_changed()
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                name.attrib.pop(key, None)
            else:
                name.set(key, value)
        name_options_changed()


def name_options_changed() -> None:
    """A patch set or removed an attribute of a cs:name (the et-al patches
    do, for one call): each cs:name's attributes are looked at again before
    its options are read."""
    _EPOCH[0] += 1
