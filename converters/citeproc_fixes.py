"""The fidelity layer: small, tested patches that make citeproc-py follow the
CSL 1.0.2 specification where it does not (and where pandoc's citeproc, our
reference, does).  Each patch says what citeproc-py gets wrong; all are
installed once by :func:`install` and act only through the behaviour they
fix.  They are candidates to send upstream.

Also here: splitting long sorts and renders across forked processes.
"""
from __future__ import annotations

import os
import pickle
import re

_PATCHED = False
# id(reference) -> name variables known to be incomplete, for the render in
# progress (citeproc's Reference objects turn attributes into variables).
INCOMPLETE: dict[int, set[str]] = {}


def install() -> None:
    """Teach citeproc-py that a list known to be incomplete ends in "et al."."""
    global _PATCHED
    if _PATCHED:
        return
    from citeproc import model

    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        incomplete = variable in INCOMPLETE.get(id(item.reference), ())
        if not incomplete or sort_options:
            return original(self, item, variable, context, sort_options, **kwargs)
        known = len(item.reference.get(variable, []))
        try:
            use_first = int(self.get_option("et-al-use-first", context))
        except (TypeError, ValueError, AttributeError):
            use_first = known
        if known < 2:
            text = original(self, item, variable, context, None, **kwargs)
            return f"{text} {self.et_al()}" if text else text
        # Let citeproc's own truncation run, with the names we have as the
        # first ones and no "and" before a last name we do not know.
        overrides = {"et-al-min": str(known), "et-al-use-first": str(min(use_first, known)),
                     "et-al-use-last": "false", "et-al-subsequent-min": str(known),
                     "et-al-subsequent-use-first": str(min(use_first, known))}
        return original(self, item, variable, context, overrides, **kwargs)

    model.Name.process = process
    _patch_group(model)
    _patch_initialize(model)
    _patch_title_case(model)
    _patch_speed(model)
    _patch_hyphenated_variables()
    _patch_label_plural(model)
    _patch_substitution(model)
    _patch_page_ranges(model)
    _add_name_variables()
    _patch_parallel_sort(model)
    _PATCHED = True


# CSL 1.0.2 name variables citeproc-py's list lacks (it would read them as text).
_NEWER_NAMES = ("chair", "compiler", "contributor", "curator", "director",
                "editor_translator", "executive_producer", "guest", "host", "narrator",
                "organizer", "performer", "producer", "script_writer", "series_creator")


def _add_name_variables() -> None:
    import citeproc
    import citeproc.source.json as source_json

    for name in _NEWER_NAMES:
        if name not in citeproc.NAMES:
            citeproc.NAMES.append(name)
    source_json.NAMES = citeproc.NAMES


def _patch_page_ranges(model) -> None:
    """page-range-format: citeproc-py's minimal-two cuts "1-23" to "1–3" (a
    negative index).  The last page is shortened only when both pages have
    the same number of digits, never below what the format keeps."""

    def _format_last_page(self, first, last):
        range_format = self.get_root().get_option("page-range-format")
        if not (first.isdigit() and last.isdigit()) or len(first) != len(last):
            return last
        common = 0
        while common < len(first) and first[common] == last[common]:
            common += 1
        if range_format in ("chicago", "chicago-15", "chicago-16"):
            number = int(first)
            if number < 100 or number % 100 == 0:
                return last
            if range_format == "chicago-15" and len(first) >= 4 and common < 2:
                return last
            range_format = "minimal" if number % 100 < 10 else "minimal-two"
        if range_format == "minimal":
            return last[min(common, len(last) - 1):]
        if range_format == "minimal-two":
            return last[max(0, min(common, len(last) - 2)):]
        return last

    model.FormatNumber._format_last_page = _format_last_page


# (tag, variable) of what a cs:substitute is rendering, while it does.
_COLLECTING: list[list[tuple[str, str]]] = []


def _patch_substitution(model) -> None:
    """CSL: what a cs:substitute renders is not rendered again in the same
    entry (an editor standing in for the author is not repeated as editor;
    a title standing in is not repeated as title).  citeproc-py only
    remembers a directly named text variable and only text elements check."""
    from citeproc.source import VariableError

    substitute = model.Substitute.render

    def render(self, item, context=None, **kwargs):
        _COLLECTING.append([])
        try:
            text = substitute(self, item, context=context, **kwargs)
        finally:
            rendered = _COLLECTING.pop()
        if text:
            layout = (context if context is not None else self).get_layout()
            for tag, variable in rendered:
                layout.repressed.setdefault(tag, []).append(variable)
        return text

    model.Substitute.render = render

    names = model.Names.process

    def process(self, item, names_context=None, context=None, **kwargs):
        layout = (context if context is not None else self).get_layout()
        repressed = layout.repressed.get(self.tag, [])
        if repressed and any(v in repressed for v in self.get("variable", "").split()):
            raise VariableError
        return names(self, item, names_context=names_context, context=context, **kwargs)

    model.Names.process = process


def _patch_label_plural(model) -> None:
    """citeproc-py reads "number-of-volumes" from the citation instead of the
    reference when choosing "vol." or "vols.", fails, and drops the label."""
    from citeproc.source import VariableError

    def _is_plural(self, item):
        variable = self.get("variable")
        if variable == "locator":
            value = item.locator.identifier
        else:
            try:
                value = item.reference[variable.replace("-", "_")]
            except VariableError:
                return False
        if variable.startswith("number-of"):
            try:
                return int(str(value)) > 1
            except ValueError:
                pass
        return self.RE_MULTIPLE_NUMBERS.search(str(value)) is not None

    model.Label._is_plural = _is_plural

    # A label stands only beside a variable that has a value (CSL 1.0.2);
    # citeproc-py prints "vol" in "(3 vol)" where the volume is missing.
    process = model.Label.process

    def label(self, item, variable=None, plural=None, context=None, **kwargs):
        own = variable is None
        name = self.get("variable") if own else variable
        if own and name and name != "locator" and _empty(item.reference, name):
            return None
        return process(self, item, variable, plural, context, **kwargs)

    model.Label.process = label


def _patch_hyphenated_variables() -> None:
    """citeproc-py stores "number-of-volumes" as number_of_volumes but some
    elements (cs:number, names roles) look it up with the hyphen, find
    nothing, and print nothing ("5 vols." and "container-author" go
    missing).  Look up both spellings."""
    from citeproc.source import Reference, VariableError

    getitem, contains = Reference.__getitem__, Reference.__contains__

    def __getitem__(self, key):
        try:
            return getitem(self, key)
        except VariableError:
            if isinstance(key, str) and "-" in key:
                return getitem(self, key.replace("-", "_"))
            raise

    def __contains__(self, key):
        return contains(self, key) or (isinstance(key, str) and "-" in key
                                       and contains(self, key.replace("-", "_")))

    def get(self, key, default=None):
        try:
            return __getitem__(self, key)
        except VariableError:
            return default

    Reference.__getitem__ = __getitem__
    Reference.__contains__ = __contains__
    Reference.get = get


def _memoize(cls, attribute: str, *, per_root: bool = False) -> None:
    """Cache ``cls.attribute`` by element (or by style, ``per_root``) and
    arguments.  The element stays in the cache, which keeps lxml's proxy,
    and so its id, alive.  A lookup that fails with IndexError is cached as
    failing."""
    original = getattr(cls, attribute)
    cache: dict = {}

    def cached(self, *args, **kwargs):
        anchor = self.get_root() if per_root else self
        key = (id(anchor), args, tuple(sorted(kwargs.items())))
        hit = cache.get(key)
        if hit is None or hit[0] is not anchor:
            try:
                value = original(self, *args, **kwargs)
            except IndexError:
                value = IndexError
            hit = cache[key] = (anchor, value)
        if hit[1] is IndexError:
            raise IndexError
        return hit[1]

    setattr(cls, attribute, cached)


def _patch_speed(model) -> None:
    """citeproc-py looks macros, layouts and terms up by XPath, and works out
    which elements call variables, every time; all are fixed for a style."""
    _memoize(model.CitationStylesElement, "get_macro", per_root=True)
    _memoize(model.CitationStylesElement, "get_layout")
    _memoize(model.Locale, "get_term")
    _memoize(model.Parent, "calls_variable")
    _memoize(model.Text, "calls_variable")

    # A citation item's reference is looked up through three attribute
    # lookups each time (400,000 times for 1,000 entries); keep it.
    from citeproc.source import CitationItem

    def reference(self):
        cached = dict.get(self, "_bibconv_reference")
        if cached is None:
            cached = self.citation.bibliography.source[self.key]
            dict.__setitem__(self, "_bibconv_reference", cached)
        return cached

    CitationItem.reference = property(reference)


def _patch_title_case(model) -> None:
    """citeproc-py title-cases only text whose language it was told is
    English; labels and terms ("ed.", "trans.") are told nothing.  Untagged
    text is taken as English, as CSL 1.0.2 does for an English locale."""
    original = model.TextCased.case

    def case(self, text, language=None):
        language = language or "en"
        result = original(self, text, language)
        if self.get("text-case") == "title" and language == "en" and "-" in str(result) \
                and isinstance(result, str):
            # hyphenated words are title-cased part by part ("Higher-Dimensional",
            # "Digital-to-RF": stop words stay low)
            def part(match):
                word = match.group(1)
                return word if word in self._stop_words else word[:1].upper() + word[1:]

            text = re.sub(r"(?<=\w-)([a-z][\w']*)", part, str(result))
            text = re.sub(r"(?<![\w-])([a-z][\w']*)(?=-\w)", part, text)
            result = type(result)(text)
        return result

    model.TextCased.case = case


# Per open cs:group: [a variable was called, a called variable gave text].
_FRAMES: list[list[bool]] = []


def _patch_group(model) -> None:
    """CSL 1.0.2: a group is suppressed when it calls variables and all of
    them are empty.  citeproc-py counts text from a term inside a choose as a
    rendered variable, which leaves "Preprint at." or "[Online]." behind.
    Variable calls are tracked as they happen, so only the branches a choose
    takes count."""
    for leaf in (model.Text, model.Number, model.Date, model.Names):
        _track_leaf(leaf, model)
    original = model.Group.process

    def process(self, item, context=None, **kwargs):
        _FRAMES.append([False, False])
        try:
            text = original(self, item, context=context, **kwargs)
        finally:
            called, rendered = _FRAMES.pop()
            if _FRAMES:
                _FRAMES[-1][0] |= called
                _FRAMES[-1][1] |= rendered
        if called and not rendered:
            raise model.VariableError
        return text

    model.Group.process = process


def _track_leaf(cls, model) -> None:
    original = cls.render

    def render(self, item, *args, **kwargs):
        variable = self.get("variable")
        macro = self.get("macro") if cls is model.Text else None
        if variable and _repressed(self, variable, kwargs.get("context")):
            raise model.VariableError  # already printed as a substitute
        # year-suffix appears only when disambiguation adds one; citeproc-js
        # and pandoc do not let its absence suppress a group.
        if (not variable and not macro) or variable == "year-suffix":
            return original(self, item, *args, **kwargs)
        if not _FRAMES:
            text = original(self, item, *args, **kwargs)
            if text and variable and _COLLECTING:
                _COLLECTING[-1].append((self.tag, variable))
            return text
        frame = _FRAMES[-1]
        if macro:
            # A macro counts as one variable: it is there if it gives text.
            _FRAMES.append([False, False])
            try:
                text = original(self, item, *args, **kwargs)
            finally:
                called, _ = _FRAMES.pop()
            frame[0] |= called or bool(text)
            frame[1] |= bool(text)
            return text
        frame[0] = True
        text = original(self, item, *args, **kwargs)  # VariableError passes up
        if text:
            frame[1] = True
            if _COLLECTING:
                _COLLECTING[-1].append((self.tag, variable))
        return text

    cls.render = render


def _empty(reference, variable: str) -> bool:
    try:
        value = reference[variable]
    except Exception:
        return True
    return value is None or (isinstance(value, (str, list)) and not value)


def _repressed(element, variable: str, context) -> bool:
    try:
        layout = (context if context is not None else element).get_layout()
    except (IndexError, AttributeError):
        return False
    repressed = getattr(layout, "repressed", None) or {}
    return variable in repressed.get(element.tag, ())


def _patch_initialize(model) -> None:
    """CSL 1.0.2's ``initialize="false"``: keep given names whole, only
    punctuate the initials already in them ("Nanda H" -> "Nanda H.").
    citeproc-py ignores the attribute and initializes everything."""
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        if self.get("initialize", "true") != "false":
            return original(self, item, variable, context, sort_options, **kwargs)
        mark = self.get_option("initialize-with", context, sort_options)
        names = item.reference.get(variable, [])
        if mark is None or not names:
            return original(self, item, variable, context, sort_options, **kwargs)
        saved = [dict(n) for n in names]
        try:
            for name in names:
                given = name.get("given")
                if given:
                    dict.__setitem__(name, "given", re.sub(
                        r"(?<![\w.])([A-Z])(?![\w.])", lambda m: m.group(1) + mark.rstrip(),
                        given))
            overrides = dict(sort_options or {}, **{"initialize-with": None})
            return original(self, item, variable, context, overrides, **kwargs)
        finally:
            for name, before in zip(names, saved):
                dict.clear(name)
                dict.update(name, before)

    model.Name.process = process


def fork_map(function, items: list) -> list:
    """function(chunk) over consecutive chunks of ``items``, one chunk a
    core, in forked processes; the results joined in order.  A worker that
    fails has its chunk done here instead."""
    workers = min(os.cpu_count() or 1, 8)
    size = -(-len(items) // workers)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    children = []
    for chunk in chunks[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: compute, send, leave without cleanup
            os.close(read_end)
            status = 0
            try:
                payload = pickle.dumps(function(chunk))
            except BaseException:
                payload, status = b"", 1
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(status)
        os.close(write_end)
        children.append((pid, read_end, chunk))
    results = list(function(chunks[0]))
    for pid, read_end, chunk in children:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        results += pickle.loads(payload) if status == 0 and payload else function(chunk)
    return results


# While render() runs: how long a list must be to be split across processes.
PARALLEL_FROM: list[int | None] = [None]


def parallel(items) -> bool:
    threshold = PARALLEL_FROM[0]
    return bool(threshold and len(items) >= threshold and (os.cpu_count() or 1) > 1
                and hasattr(os, "fork"))


def _patch_parallel_sort(model) -> None:
    """Sorting renders every entry's sort keys (a third of the time for APA);
    split across processes like the entries themselves."""
    original = model.Key.sort_keys

    def sort_keys(self, items, context):
        if not parallel(items):
            return original(self, items, context)
        return fork_map(lambda chunk: original(self, chunk, context), list(items))

    model.Key.sort_keys = sort_keys
