"""Disambiguation (CSL 1.0.2 § Disambiguation), which citeproc-py does not
do: where two works' citations print the same, (1) more names are shown,
(2) given names are shown (initials, then whole), (3) the style's
``disambiguate="true"`` conditions are made true one at a time, and (4)
year suffixes a, b, c ... are given in bibliography order.  Given names are
also shown wherever two people of one family name appear, by the
givenname-disambiguation-rule.  The choices are kept on the references; the
patches (names, givennames) render them."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .range_quirk import first_range
from .records import DATE_VARIABLES


def _years(issued) -> tuple:
    """The years a date shows: (2001,) or, for a range, (1984, 1986)."""
    def year(date):
        try:
            return date["year"]
        except Exception:
            return None

    try:
        return (year(issued["begin"]), year(issued["end"]))
    except Exception:
        return (year(issued),)


def _printed(layout, item, subsequent: bool = False):
    """How the item's cite prints, compared as citeproc-js compares cites:
    without the accessed date (two visits to one page are one work);
    ``subsequent``: as a subsequent cite near its note (positions.py), the
    cite citeproc-js compares.  None: the cite could not be printed."""
    layout.repressed = {}
    reference = item.reference
    accessed = reference.get("accessed")
    if accessed is not None:
        dict.__delitem__(reference, "accessed")
    if subsequent:
        dict.update(item, bibconv_position=1, bibconv_near_note=True)
    try:
        text = layout.render_children(item)
    except Exception:
        return None
    finally:
        if accessed is not None:
            dict.__setitem__(reference, "accessed", accessed)
        if subsequent:
            dict.__delitem__(item, "bibconv_position")
            dict.__delitem__(item, "bibconv_near_note")
    # an empty cite is a cite: citeproc-js letters two that print nothing
    return " ".join(str(text).split()) if text else ""


def _printed_dates(layout) -> frozenset:
    """The date variables the citation layout (or a macro it calls) prints,
    accessed aside (cites are compared without it)."""
    root = layout.getroottree().getroot()
    places = [layout] + [root.find(f'{_NS}macro[@name="{m}"]') for m in _macros_used(layout, root)]
    printed = {variable for place in places if place is not None
               for variable in place.xpath(".//cs:*/@variable", namespaces=_CS)}
    return frozenset(word.replace("-", "_") for value in printed
                     for word in value.split() if word in _DATES)


_DATES = DATE_VARIABLES - {"accessed"}


def _could_collide(bibliography, dates: frozenset) -> set:
    """Keys of the items whose citations could print like another's: those
    sharing the first word of a first name and a year of a date the cite
    prints (``dates``; none: any year), any such date's: a 1997 reprint of
    1959 may cite as "Kullback 1959" beside the 1959 book, and citeproc-js
    letters them.  Items without names are together (a substitute such as
    "Anonymous" prints alike for any title), and also with the names their
    title or short title begins like (a report titled "WHO" beside the
    corporate author WHO).  The rest are not rendered twice (a citation
    costs half an entry in APA)."""
    buckets: dict = {}
    for item in bibliography.items:
        reference = bibliography.source[str(item.key)]
        firsts = {""}
        for variable in ("author", "editor", "translator"):
            names = reference.get(variable)
            if names:
                firsts = {_first_word(names[0].get("family") or names[0].get("literal"))}
                break
        else:
            firsts |= {_first_word(reference.get(v)) for v in ("title", "title_short")} - {""}
        years: set = {_years(reference[v]) for v in dates if reference.get(v) is not None}
        for first in firsts:
            for year in years or (None,):
                buckets.setdefault((first, year), set()).add(item.key)
    return {key for keys in buckets.values() if len(keys) > 1 for key in keys}


def _first_word(text) -> str:
    words = re.findall(r"\w+", str(text or "").lower())
    return words[0] if words else ""


def _print_all(bibliography, layout, subsequent: bool = False) -> dict:
    """key -> how the item's citation prints, for the items that could
    collide.  In this process: forking for them cost more CPU time, in
    pages copied on write, than the printing it shared out.  A note's
    subsequent cite seldom prints the date the first one does ("Knuth, op.
    cit."), so there items of any year could collide."""
    maybe = _could_collide(bibliography, frozenset() if subsequent else _printed_dates(layout))
    return {item.key: _printed(layout, item, subsequent) for item in bibliography.items
            if item.key in maybe}


def _year_suffixes(bibliography, layout, printed: dict | None = None) -> None:
    """Group the bibliography's items by how the citation layout prints them
    (before any suffix), as citeproc-js does, and letter each group of two
    or more in bibliography order.  Only cites printed alike are lettered:
    an editor's book and a chapter of his ("ed Westfahl 2000", "Westfahl
    2000") or two volumes ("Knuth 1986, vol. B") are not, as grouping by
    names and years did.  ``layout`` is the style's cs:citation/cs:layout."""
    # a note style's cite is the note: citeproc-js letters only the ones
    # printed alike (european-journal-for-philosophy-of-religion and
    # topoi-orient-occident-classique: no "2001a" for an editor's book and
    # a chapter in it), as it compares cites, in their subsequent form
    # (an article and a web page of one title: "2004a", "2004b")
    in_notes = bibliography.style.root.get("class") == "note"
    if printed is None:
        printed = _print_all(bibliography, layout, subsequent=in_notes)
    alone = first_range(bibliography, printed)
    groups: dict[str, list] = {}
    for item in bibliography.items:
        text = printed.get(item.key)
        if text is not None and item.key != alone:
            groups.setdefault(text, []).append(bibliography.source[str(item.key)])
    for group in groups.values():
        if len(group) > 1:
            for index, reference in enumerate(group):
                dict.__setitem__(reference, "year_suffix", _suffix(index))


def _suffix(index: int) -> str:
    """a ... z, aa ... zz, aaa ... without limit (bijective base 26), as
    citeproc-js letters: its 703rd cite alike is "aaa"."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    number, text = index + 1, ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = letters[rest] + text
    return text


# ---- the pipeline -------------------------------------------------------

_LEADING = ("author", "editor", "translator", "composer", "director", "container_author")
_NS = "{http://purl.org/net/xbiblio/csl}"


def add_names(bibliography, layout) -> dict:
    """Kept for the engine: the whole disambiguation runs once."""
    ensure_disambiguated(bibliography)
    return {}


def add_year_suffixes_by_citation(bibliography, layout, prints_original: bool = True,
                                  printed: dict | None = None) -> None:
    """Kept for the engine: the whole disambiguation runs once."""
    ensure_disambiguated(bibliography)


def ensure_disambiguated(bibliography) -> None:
    """Run disambiguation on a sorted bibliography, once."""
    import warnings

    if vars(bibliography).get("bibconv_disambiguated"):
        return
    bibliography.bibconv_disambiguated = True
    citation = bibliography.style.root.find(f"{_NS}citation")
    layout = citation.find(f"{_NS}layout") if citation is not None else None
    if layout is None or not bibliography.items:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _disambiguate(bibliography, citation, layout)


@dataclass
class _Options:
    add_names: bool
    add_given: bool
    rule: str
    year_suffix: bool
    conditions: int
    form: str
    mark: str | None
    et_al_min: int
    use_first: int
    subsequent: bool = False  # cites compared in their subsequent form


def _options(citation, layout) -> _Options:
    root = citation.getroottree().getroot()
    name = _name_element(layout, root)

    def option(key, inherited=None):
        own = name.get(key) if name is not None else None
        return own if own is not None else citation.get(inherited or key, root.get(inherited or key))

    def number(key, default):
        try:
            return int(option(key))
        except (TypeError, ValueError):
            return default

    conditions = len(layout.xpath('.//cs:*[@disambiguate="true"]', namespaces=_CS)) + \
        sum(len(root.xpath(f'//cs:macro[@name="{m}"]//cs:*[@disambiguate="true"]',
                           namespaces=_CS)) for m in _macros_used(layout, root))
    return _Options(
        citation.get("disambiguate-add-names") == "true",
        citation.get("disambiguate-add-givenname") == "true",
        citation.get("givenname-disambiguation-rule") or "by-cite",
        citation.get("disambiguate-add-year-suffix") == "true",
        conditions, option("form", "name-form") or "long", option("initialize-with"),
        number("et-al-min", 0), number("et-al-use-first", 1))


_CS = {"cs": "http://purl.org/net/xbiblio/csl"}


def _macros_used(element, root, seen=None) -> list[str]:
    seen = seen if seen is not None else []
    for node in element.iter(f"{_NS}text"):
        macro = node.get("macro")
        if macro and macro not in seen:
            seen.append(macro)
            found = root.find(f'{_NS}macro[@name="{macro}"]')
            if found is not None:
                _macros_used(found, root, seen)
    return seen


def _name_element(layout, root):
    """The first cs:name the citation renders (through its macros)."""
    for node in layout.iter(f"{_NS}name", f"{_NS}text"):
        if node.tag == f"{_NS}name":
            return node
        macro = node.get("macro")
        found = root.find(f'{_NS}macro[@name="{macro}"]') if macro else None
        if found is not None:
            inner = _name_element(found, root)
            if inner is not None:
                return inner
    return None


def _leading(reference) -> tuple[str | None, list]:
    """The name variable a citation leads with, and its names."""
    for variable in _LEADING:
        names = reference.get(variable)
        if names:
            return variable, list(names)
    return None, []


def _base_shown(count: int, opts: _Options) -> int:
    if count > 1 and opts.et_al_min and count >= opts.et_al_min:
        return min(count, opts.use_first)
    return count


def _shown(reference, opts: _Options) -> int:
    from .patches.names import names_shown

    count = len(_leading(reference)[1])
    chosen = names_shown(reference)
    return min(count, chosen) if chosen else _base_shown(count, opts)


def _family(name) -> str:
    parts = (name.get("non-dropping-particle"), name.get("family") or name.get("literal"))
    return " ".join(str(p) for p in parts if p).lower()


def _person(given) -> str:
    """A given name compared: "J. J." and "J.J." are one person."""
    return " ".join(re.split(r"[\s.]+", str(given))).strip()


def _initials(given: str) -> str:
    """A given name's initials as they print, hyphen kept: citeproc-js
    tells "J.-P." (Jean-Paul) from "J. P." (Jean Paul), and "Jean-paul"
    is "J."."""
    from .patches.initials import initialize

    return initialize(given, ".")


def _set_level(reference, variable, index: int, level: int, opts: _Options) -> None:
    from .patches.givennames import given_levels, set_given_levels

    levels = dict(given_levels(reference))
    levels[(variable, index)] = max(level, levels.get((variable, index), 0))
    levels["initials-only"] = opts.rule.endswith("with-initials")
    set_given_levels(reference, levels)


class _Search:
    """Changes tried on a group of cites that print alike: each cite keeps
    the first state in which it printed like the fewest others."""

    def __init__(self, group, refs, layout, printed: dict, subsequent: bool = False):
        self.group, self.refs, self.layout = group, refs, layout
        self.printed, self.subsequent = printed, subsequent
        self.pending = list(group)
        self.best: dict = {}
        # the cites as printed so far, in their present state
        self.texts = {item.key: printed[item.key] for item in group}
        self.states = {item.key: _snapshot(refs[item.key]) for item in group}
        self.step()

    def step(self) -> None:
        # a cite is printed again only where its state changed (a step
        # seldom changes every pending cite), and the clashes are counted
        # at once (pair by pair was quadratic in a note style, where one
        # author's works are one group)
        for item in self.pending:
            state = _snapshot(self.refs[item.key])
            if self.states.get(item.key) != state:
                self.states[item.key] = state
                self.texts[item.key] = _printed(self.layout, item, self.subsequent)
        counts = Counter(self.texts.values())
        still = []
        for item in self.pending:
            text = self.texts[item.key]
            # a cite that could not be printed is like no other
            clashes = counts[text] - 1 if text is not None else 0
            if item.key not in self.best or clashes < self.best[item.key][0]:
                self.best[item.key] = (clashes, self.states[item.key], text)
            if clashes:
                still.append(item)
        self.pending = still

    def finish(self) -> None:
        """Each cite back in its best state, and printed as it was there."""
        for item in self.group:
            _, state, text = self.best[item.key]
            _restore(self.refs[item.key], state)
            self.printed[item.key] = text


def _snapshot(reference) -> tuple:
    from .patches.givennames import conditions_true, given_levels
    from .patches.names import names_shown

    return names_shown(reference), dict(given_levels(reference)), conditions_true(reference)


def _restore(reference, snapshot: tuple) -> None:
    from .patches.givennames import set_conditions_true, set_given_levels
    from .patches.names import set_names_shown

    set_names_shown(reference, snapshot[0])
    set_given_levels(reference, snapshot[1] or None)
    set_conditions_true(reference, snapshot[2])


def _differs(items, refs, index: int, initials_only: bool = False) -> bool:
    """Whether two of the items' names at ``index`` share a family name
    but not a given name (so showing given names can tell them apart);
    ``initials_only`` (the -with-initials rules): not their initials, as
    only initials can be shown (citeproc-js leaves "Lee" for Ann and Amy
    Lee, where "A Lee" would tell them apart no better)."""
    people: dict[str, set] = {}
    for item in items:
        names = _leading(refs[item.key])[1]
        if index < len(names) and "literal" not in names[index]:
            given = _person(names[index].get("given") or "")
            people.setdefault(_family(names[index]), set()).add(
                _initials(given) if initials_only else given)
    return any(len(givens) > 1 for givens in people.values())


def _search_names(group, refs, layout, printed: dict, opts: _Options) -> None:
    """Steps 1 and 2 for one group of cites that print alike: show one more
    name at a time (add-names) and, at each count, the given names that
    differ (add-givenname: initials, then whole)."""
    from .patches.names import set_names_shown

    search = _Search(group, refs, layout, printed, opts.subsequent)
    levels = [1] if opts.rule.endswith("with-initials") else [1, 2]
    base = min(_shown(refs[item.key], opts) for item in group)
    most = max(len(_leading(refs[item.key])[1]) for item in group)
    for count in range(base, most + 1) if opts.add_names else [base]:
        if not search.pending:
            break
        if count != base:
            for item in search.pending:
                reference = refs[item.key]
                if count > _base_shown(len(_leading(reference)[1]), opts):
                    set_names_shown(reference, count)
            search.step()
        if not opts.add_given:
            continue
        for index in [0] if opts.rule.startswith("primary") else range(count):
            if not search.pending or not _differs(search.pending, refs, index, len(levels) == 1):
                continue
            for level in levels:
                for item in search.pending:
                    variable, names = _leading(refs[item.key])
                    if index < len(names):  # (a level for no name would print again)
                        _set_level(refs[item.key], variable, index, level, opts)
                search.step()
    search.finish()


def _search_conditions(group, refs, layout, printed: dict, opts: _Options) -> None:
    """Step 3: the style's disambiguate="true" conditions made true one
    more at a time."""
    from .patches.givennames import set_conditions_true

    search = _Search(group, refs, layout, printed, opts.subsequent)
    for count in range(1, opts.conditions + 1):
        if not search.pending:
            break
        for item in search.pending:
            set_conditions_true(refs[item.key], count)
        search.step()
    search.finish()


def _name_rule(references, opts: _Options) -> tuple[dict, dict]:
    """Given names shown wherever two people of one family name are
    printed (all-names), or lead a cite (primary-name): initials when they
    tell the people apart, else the whole given name (not with the
    -with-initials rules)."""
    primary = opts.rule.startswith("primary")
    found = []
    for reference in references:
        variable, names = _leading(reference)
        # every name of the list, those et al. stands for too: citeproc-js
        # registers them all ("B. Doe" beside "Smith et al." for Smith, Doe)
        for index in range(min(1, len(names)) if primary else len(names)):
            name = names[index]
            if "literal" not in name and name.get("given"):
                found.append((reference, variable, index, _family(name), _person(name["given"])))
    givens: dict[str, set] = {}
    for _, _, _, family, given in found:
        givens.setdefault(family, set()).add(given)
    # family -> how many of its given names have each set of initials
    # (counted once a family: counting them again for each name was quadratic)
    initials = {family: Counter(_initials(g) for g in names)
                for family, names in givens.items() if len(names) > 1}
    for reference, variable, index, family, given in found:
        level = _registered_level(givens, initials, family, given, opts)
        if level:
            _set_level(reference, variable, index, level, opts)
    return givens, initials


def _registered_level(givens: dict, initials: dict, family: str, given: str,
                      opts: _Options) -> int:
    """The level a person's name takes from the names the cites print, as
    citeproc-js's names registry gives it: 2 where another person of the
    family name has the same initials, else 1 where one has other
    initials; under the -with-initials rules, 1 wherever the family name
    has people of two sets of initials ("Zhang, Y." beside Zhang YA and
    Zhang F)."""
    if len(givens.get(family, ())) < 2:
        return 0
    if opts.rule.endswith("with-initials"):
        return 1 if len(initials[family]) > 1 else 0
    return 1 if initials[family][_initials(given)] == 1 else 2


def _unregistered_level(givens: dict, family: str, given: str, opts: _Options) -> int:
    """The level of a name only the bibliography prints (an editor never
    cited): citeproc-js registers it as one more person of its family when
    the entry prints it, so "Anne Doe" beside a cited Ann Doe is whole, not
    "A. Doe" (names of uncited people printed earlier are not counted)."""
    people = givens.get(family, set()) | {given}
    initials = {family: Counter(_initials(g) for g in people)}
    return _registered_level({family: people}, initials, family, given, opts)


def _bibliography_levels(references, registry: tuple, opts: _Options) -> None:
    """citeproc-js gives every name the bibliography prints (any variable,
    any form) the level the names its cites print call for (its names
    registry, under every rule but by-cite; primary-name: a list's first
    name only): "Hoffmann, E." and "DM Bates" where a cite's other
    Hoffmann or D Bates made the name ambiguous."""
    from .patches.givennames import set_bibliography_levels

    givens, initials = registry
    primary = opts.rule.startswith("primary")
    for reference in references:
        levels: dict = {}
        for variable, names in reference.items():
            if not isinstance(names, list) or not names or not isinstance(names[0], dict):
                continue
            for index, name in enumerate(names[:1] if primary else names):
                if not isinstance(name, dict) or "literal" in name or not name.get("given"):
                    continue
                family, given = _family(name), _person(name["given"])
                if given in givens.get(family, ()):
                    level = _registered_level(givens, initials, family, given, opts)
                else:
                    level = _unregistered_level(givens, family, given, opts)
                if level:
                    levels[(variable, index)] = level
        if levels:
            levels["initials-only"] = opts.rule.endswith("with-initials")
        set_bibliography_levels(reference, levels or None)


def _clashes(items, printed: dict) -> list[list]:
    """Groups of two or more items whose cites print alike."""
    groups: dict[str, list] = {}
    for item in items:
        if printed.get(item.key) is not None:
            groups.setdefault(printed[item.key], []).append(item)
    return [group for group in groups.values() if len(group) > 1]


def _reprint(items, layout, printed: dict, subsequent: bool = False) -> None:
    for item in items:
        printed[item.key] = _printed(layout, item, subsequent)


def _disambiguate(bibliography, citation, layout) -> None:
    """The four steps; cites are printed once and again only where a step
    changed them."""
    from .patches.givennames import given_levels

    opts = _options(citation, layout)
    refs = {item.key: bibliography.source[str(item.key)] for item in bibliography.items}
    global_rule = opts.add_given and opts.rule != "by-cite"
    registry: tuple[dict, dict] = ({}, {})
    if global_rule:
        registry = _name_rule(refs.values(), opts)
    # a note style's cites are compared in their subsequent form, as
    # citeproc-js compares every cite ("Peaucelle et al., op. cit." for two
    # works: a second name added, philosophy-and-public-affairs)
    opts.subsequent = bibliography.style.root.get("class") == "note"
    printed = _print_all(bibliography, layout, opts.subsequent)
    if opts.add_names or opts.add_given:
        for group in _clashes(bibliography.items, printed):
            _search_names(group, refs, layout, printed, opts)
        if global_rule:
            before = {key: dict(given_levels(ref)) for key, ref in refs.items()}
            # again: the levels the name search gave are registered too (this
            # registry, after the search, is the one the bibliography reads)
            registry = _name_rule(refs.values(), opts)
            _reprint([item for item in bibliography.items if item.key in printed
                      and dict(given_levels(refs[item.key])) != before[item.key]],
                     layout, printed, opts.subsequent)
    # citeproc-js tries year suffixes before disambiguate="true" conditions,
    # and a suffix ends the search: with suffixes on, no condition is made
    # true (a note's "Knuth, op. cit." gets "1984a", not its short title)
    if global_rule:
        _bibliography_levels(refs.values(), registry, opts)
    elif opts.add_given:
        # by-cite: an entry prints its names as its cite was given them
        # ("Brown, Anne" where the cites are "Anne Brown" and "Alan Brown")
        from .patches.givennames import set_bibliography_levels
        for reference in refs.values():
            if given_levels(reference):
                set_bibliography_levels(reference, dict(given_levels(reference)))
    if opts.conditions and not opts.year_suffix:
        for group in _clashes(bibliography.items, printed):
            _search_conditions(group, refs, layout, printed, opts)
    if opts.year_suffix:
        _year_suffixes(bibliography, layout, printed)
