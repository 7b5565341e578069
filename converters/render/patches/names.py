"""Names: what citeproc-py gets wrong about name lists."""
from __future__ import annotations

import re
import threading

from ..records import incomplete_variables
from . import name_count, sorting, use_last
from .initials import initialize
from .string_ends import last_character

# CSL 1.0.2 name variables citeproc-py's list lacks (it would read them as text).
_NEWER_NAMES = ("chair", "compiler", "contributor", "curator", "director",
                "editor_translator", "executive_producer", "guest", "host", "narrator",
                "organizer", "performer", "producer", "script_writer", "series_creator")


def install() -> None:
    from citeproc import model

    _add_name_variables()
    _patch_inherited_delimiter(model)
    _patch_last_delimiter_kept(model)  # innermost: it marks the join citeproc-py makes
    name_count.patch_name_form_count(model)  # innermost: it counts what the others set
    _patch_after_inverted_name(model)  # innermost: it sees the options the others set
    _patch_literal_last(model)
    _patch_names_shown(model)
    _patch_incomplete(model)
    _patch_initialize(model)
    _patch_abbreviated_given(model)
    _patch_sort_particles(model)
    _patch_substitute_inherits(model)
    _patch_sort_et_al(model)
    _patch_short_inverted(model)
    _patch_affixes_per_name(model)
    use_last.patch(model)
    _patch_mark_substitutable(model)  # outermost: it marks what the others printed


def _add_name_variables() -> None:
    import citeproc
    import citeproc.source.json as source_json

    for name in _NEWER_NAMES:
        if name not in citeproc.NAMES:
            citeproc.NAMES.append(name)
    source_json.NAMES = citeproc.NAMES


class _LastSeam(threading.local):
    kept = False  # the next cs:name join keeps the mark before its last delimiter


_LAST_SEAM = _LastSeam()


def _patch_last_delimiter_kept(model) -> None:
    """A list joined without "and" and not cut by et-al keeps the mark that
    ends its last but one name before the delimiter in front of the last
    name, as citeproc-js prints it ("Ann Roe, Bo Doe,, Cy Poe" for a
    family name-part's suffix ","; "Acme Inc. Bolt Inc.. Cog Inc." for
    delimiter ". "); the delimiters before merge as usual, and so does the
    one before "and" or "et al." (checked on crafted styles).  citeproc-py
    merged them all; the kept seam is marked with punctuation.LITERAL,
    which finishing removes.  (izmir-katip-celebi-universitesi-sosyal-
    bilimler-enstitusu: "Marcotte,, Valentina Zantedeschi")"""
    original = model.Name.process
    join = model.Name.join

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        count = len(item.reference.get(variable) or ())
        if count < 2 or sorting.sorts(sort_options) \
                or self.get_option("and", context, sort_options) is not None:
            return original(self, item, variable, context, sort_options, **kwargs)
        try:
            minimum = self.get_option("et-al-min", context, sort_options)
        except (TypeError, ValueError):
            minimum = 0
        if minimum and count >= minimum:
            return original(self, item, variable, context, sort_options, **kwargs)
        _LAST_SEAM.kept = True
        try:
            return original(self, item, variable, context, sort_options, **kwargs)
        finally:
            _LAST_SEAM.kept = False

    def name_join(self, strings, default_delimiter=""):
        if not _LAST_SEAM.kept:
            return join(self, strings, default_delimiter)
        _LAST_SEAM.kept = False
        items = [s for s in strings if s is not None]
        delimiter = self.get("delimiter", default_delimiter)
        if len(items) < 2 or not delimiter:
            return join(self, items, default_delimiter)
        head = join(self, items[:-1], default_delimiter)
        last = last_character(head)
        if last != delimiter[0] or last not in ".,;:!?":
            return join(self, items, default_delimiter)
        from citeproc.string import String

        from .punctuation import LITERAL

        text = head + String(LITERAL) + String(delimiter)
        return text + items[-1]

    model.Name.process = process
    model.Name.join = name_join


def _patch_inherited_delimiter(model) -> None:
    """A cs:name without a delimiter of its own joins its names before
    "and" with the one it inherits (name-delimiter on its cs:citation or
    cs:bibliography) as it does the others: citeproc-py joined those
    with ", " ("Ashok, Arjun, Marcotte, E and Zant, V" where citeproc-js
    prints "Ashok, Arjun; Marcotte, E and Zant, V" for name-delimiter
    "; "; associacao-brasileira-de-normas-tecnicas-note)."""
    from .speed_base import name_attributes_set

    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        if self.get("delimiter") is not None or not self.get_option("and", context, sort_options):
            return original(self, item, variable, context, sort_options, **kwargs)
        inherited = self.get_option("delimiter", context, sort_options)
        if inherited is None or inherited == ", ":
            return original(self, item, variable, context, sort_options, **kwargs)
        with name_attributes_set(self, {"delimiter": inherited}):
            return original(self, item, variable, context, sort_options, **kwargs)

    model.Name.process = process


def _patch_after_inverted_name(model) -> None:
    """delimiter-precedes-last and delimiter-precedes-et-al
    "after-inverted-name": the delimiter comes only after a name printed
    family name first (citeproc-py knows "always", "never", "contextual").
    (name_AfterInvertedName, name_DelimiterAfterInverted)"""
    original = model.Name.process
    options = ("delimiter-precedes-last", "delimiter-precedes-et-al")

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        wanted = [o for o in options
                  if self.get_option(o, context, sort_options) == "after-inverted-name"]
        if not wanted:
            return original(self, item, variable, context, sort_options, **kwargs)
        shown = _names_shown_count(self, item, variable, context, sort_options)
        order = self.get_option("name-as-sort-order", context, sort_options)
        names = item.reference.get(variable, [])
        overrides = dict(sort_options or {})
        for option in wanted:
            # the name before "and" is the last but one; before "et al." the last shown
            index = shown - 2 if option == "delimiter-precedes-last" else shown - 1
            inverted = 0 <= index < len(names) and "family" in names[index] and (
                order == "all" or (order == "first" and index == 0))  # a literal name is not
            overrides[option] = "always" if inverted else "never"
        return original(self, item, variable, context, overrides, **kwargs)

    model.Name.process = process


def _patch_literal_last(model) -> None:
    """A list that ends in an institution (a literal name) has the
    delimiter before "and" when it holds three names or more, and not with
    two, whatever delimiter-precedes-last says, as citeproc-js prints it
    ("McQuilton, P., Thurmond, J., & FlyBase Consortium" in Nature, whose
    setting is "never").  Only a setting written on the cs:name is so
    overridden: one it inherits from the style or the bibliography holds
    ("Thurmond, J. & FlyBase Consortium" in food-and-agriculture-
    organization-of-the-united-nations).  Found with small styles run
    through both processors; no fixture covers it."""
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        names = item.reference.get(variable, [])
        shown = _names_shown_count(self, item, variable, context, sort_options)
        if sorting.active() or shown != len(names) or shown < 2 or "family" in names[-1] \
                or self.get("delimiter-precedes-last") is None \
                or variable in incomplete_variables(item.reference):
            return original(self, item, variable, context, sort_options, **kwargs)
        overrides = dict(sort_options or {}, **{"delimiter-precedes-last": "contextual"})
        return original(self, item, variable, context, overrides, **kwargs)

    model.Name.process = process


def _names_shown_count(name, item, variable, context, options) -> int:
    """How many names of the list citeproc-py will print before et al."""
    count = len(item.reference.get(variable, []))
    et_al_min = name.get_option("et-al-min", context, options)
    if count > 1 and et_al_min and count >= et_al_min:
        return min(count, name.get_option("et-al-use-first", context, options))
    return count


def _patch_substitute_inherits(model) -> None:
    """A cs:names without a cs:name inside a cs:substitute takes the
    substituted cs:names' name and label, also when a cs:choose stands
    between them (citeproc-py looks only at the substitute's direct
    children): Chicago's "Gaonkar, Dilip Parameshwar, ed." for an edited
    book, not "D. P. Gaonkar"."""
    original = model.Names.process

    def process(self, item, names_context=None, context=None, **kwargs):
        if names_context is None and self.name is None:
            found = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
            if found:
                names_context = found[0]
        return original(self, item, names_context=names_context, context=context, **kwargs)

    model.Names.process = process


def _patch_sort_et_al(model) -> None:
    """In sort keys a shortened name list has no "et al." (CSL: names-min
    and names-use-first shorten it; citeproc-js leaves the term out), so
    "Adler, I." alone and "Adler, I., et al." tie and their titles decide,
    as citeproc-js sorts MLA on the JATS references."""
    from . import sorting

    original = model.Name.et_al

    def et_al(self):
        if sorting.active():
            return ""
        term = original(self)
        # citeproc-py prints et-al-use-last's ellipsis only when the et-al
        # term is not empty; citeproc-js prints it whatever the term says
        return term if term or not use_last.ellipsis_wanted() else "\u2026"

    model.Name.et_al = et_al


def _patch_incomplete(model) -> None:
    """A list known to be incomplete (the reference is marked by
    records.mark_incomplete) ends in "et al.", whatever its length (bibconv's
    own convention: no fixture covers it; tests/test_render.py does)."""
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        incomplete = variable in incomplete_variables(item.reference)
        if not incomplete or sorting.sorts(sort_options):
            return original(self, item, variable, context, sort_options, **kwargs)
        known = len(item.reference.get(variable, []))
        try:
            use_first = int(self.get_option("et-al-use-first", context))
        except (TypeError, ValueError, AttributeError):
            use_first = known
        if known < 2:
            text = original(self, item, variable, context, sort_options, **kwargs)
            return f"{text} {self.et_al()}" if text else text
        # Let citeproc's own truncation run, with the names we have as the
        # first ones and no "and" before a last name we do not know.
        # (an outer patch's overrides, such as initialize="false"'s, kept)
        overrides = dict(sort_options or {}, **{
            "et-al-min": str(known), "et-al-use-first": str(min(use_first, known)),
            "et-al-use-last": "false", "et-al-subsequent-min": str(known),
            "et-al-subsequent-use-first": str(min(use_first, known))})
        return original(self, item, variable, context, overrides, **kwargs)

    model.Name.process = process


def _initialize_off(name, context) -> bool:
    """Whether initialize="false" holds for a cs:name: citeproc-js honours
    it wherever the name inherits from says it (the cs:name, its citation's
    or bibliography's, the style's), even over a cs:name's own "true"
    (effective-altruism-wiki's bibliography keeps "Arjun Ashok" where its
    names say initialize="true"; checked on crafted styles)."""
    if name.get("initialize") == "false":
        return True
    element = context if context is not None else name
    found = element.xpath_search("./ancestor::*[self::cs:citation or self::cs:bibliography][1]")
    return (bool(found) and found[0].get("initialize") == "false") \
        or name.get_root().get("initialize") == "false"


# an initial ("J", "J.") or initials with their periods ("A.B.")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+|[^\W\d_]")


def _unhyphened(chunk: str) -> str:
    """Hyphenated initials as separate initials ("J.-P." -> "J. P.")."""
    parts = chunk.split("-")
    if len(parts) > 1 and all(_INITIALS.fullmatch(p) and p.replace(".", "").isupper()
                              for p in parts):
        return " ".join(parts)
    return chunk


def _punctuated(given: str, mark: str, hyphen: bool) -> str:
    """``given`` with its written initials punctuated with ``mark``.  Only
    capitals are initials (citeproc-js's rule): a chunk without one ("j.",
    "-") is kept as written, as is a run whose initials come out empty."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            text = " ".join(_unhyphened(chunk) for chunk in run)
            out.append(initialize(text, mark, words_too=False, hyphen=hyphen) or " ".join(run))
            run.clear()

    for chunk in given.split():
        if any(c.isupper() for c in chunk):
            run.append(chunk)
        else:
            flush()
            out.append(chunk)
    flush()
    return " ".join(out)


def _patch_initialize(model) -> None:
    """CSL 1.0.2's ``initialize="false"``: keep given names whole, only
    punctuate the initials already in them ("Nanda H" -> "Nanda H.").
    citeproc-py ignores the attribute and initializes everything."""
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        if not _initialize_off(self, context):
            return original(self, item, variable, context, sort_options, **kwargs)
        mark = self.get_option("initialize-with", context, sort_options)
        names = item.reference.get(variable, [])
        if mark is None or not names:
            return original(self, item, variable, context, sort_options, **kwargs)
        # the written initials punctuated with the mark, as citeproc-js does
        # also where initialize="false" is inherited ("M. A." -> "M.A." with
        # "."); a hyphen between two initials goes ("J.-P." -> "J.P."), one
        # beside a word stays ("Chuan-Jian", "J.-Pierre")
        hyphen = bool(self.get_option("initialize-with-hyphen", context, sort_options))
        saved = [dict(n) for n in names]
        try:
            for name in names:
                given = name.get("given")
                if given and "literal" not in name:
                    dict.__setitem__(name, "given", _punctuated(str(given), mark, hyphen))
            overrides = dict(sort_options or {}, **{"initialize-with": None})
            return original(self, item, variable, context, overrides, **kwargs)
        finally:
            for name, before in zip(names, saved, strict=True):
                dict.clear(name)
                dict.update(name, before)

    model.Name.process = process


# a given name written abbreviated: more than one letter, then a period ("Wm.", "EB.")
_ABBREVIATED = re.compile(r"^[^\W\d_]{2,}\.$")


def _patch_abbreviated_given(model) -> None:
    """Initializing given names as citeproc-js does: a word already
    abbreviated ("EB.", "Wm.") is kept as written (citeproc-py made "EB."
    "E."), and a given name of lower-case words only ("de la") has no
    initials to take (citeproc-py printed ". de . la .").  Found on the
    JATS references ("Samanes, EB.") in every style that initializes; no
    fixture changes."""
    original = model.Name.initialize

    def initialize(self, given, mark, context):
        words = str(given).split()
        if not any(w[:1].isupper() for w in words):
            return given
        if not any(_ABBREVIATED.match(w) for w in words):
            return original(self, given, mark, context)
        glue = " " if mark.endswith(" ") else ""
        # the abbreviation's period is the style's: none with initialize-with=""
        return glue.join(w[:-1] + mark.rstrip() if _ABBREVIATED.match(w)
                         else original(self, w, mark, context) for w in words)

    model.Name.initialize = initialize


def _patch_sort_particles(model) -> None:
    """Names in sort keys rendered by a macro.  With
    demote-non-dropping-particle="sort-only" the particle goes after the
    given name ("Heel, M van" sorts under H; citeproc-py sorts it under V),
    and names are compared one by one: no "and", and a delimiter that sorts
    before any letter ("van Heel and Schatz" came before "van Heel,
    Harauz").  (sort_WithAndInOneEntry, name_FirstInitialFullForm; ACM on
    the JATS references)"""
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        if not sorting.sorts(sort_options):
            return original(self, item, variable, context, sort_options, **kwargs)
        overrides = dict(sort_options, **{"and": None, "delimiter": "\x01"})
        if self.get_option("demote-non-dropping-particle", context, sort_options) == "sort-only":
            overrides["demote-non-dropping-particle"] = "display-and-sort"
        return original(self, item, variable, context, overrides, **kwargs)

    model.Name.process = process


def names_shown(reference) -> int | None:
    return vars(reference).get("bibconv_names_shown")


def set_names_shown(reference, count: int | None) -> None:
    # object.__setattr__: citeproc's Reference turns attributes into variables
    object.__setattr__(reference, "bibconv_names_shown", count)


def in_citation(element) -> bool:
    """Is ``element`` inside the style's cs:citation (not its bibliography)?"""
    try:
        return bool(element.xpath_search("./ancestor::cs:citation"))
    except Exception:
        return False


def _patch_names_shown(model) -> None:
    """disambiguate-add-names: a citation shows as many names of a reference
    as disambiguation chose (set on the reference by
    disambiguation.add_names); citeproc-py never adds any.
    (disambiguate_AddNamesSuccess, disambiguate_ByCiteIncremental1 and 2,
    disambiguate_SetsOfNames)"""
    from .speed import memo_table

    global _COUNTS
    _COUNTS = memo_table()
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        count = names_shown(item.reference)
        sorting = bool(sort_options) and "name-as-sort-order" in sort_options
        if sorting or (count is None and _citation_counts(self) is None):
            return original(self, item, variable, context, sort_options, **kwargs)
        if not in_citation(context if context is not None else self):
            count = _bibliography_count(self, item, variable, (context, sort_options), count)
        if count is None:
            return original(self, item, variable, context, sort_options, **kwargs)
        overrides = dict(sort_options or {}, **{
            "et-al-use-first": str(count), "et-al-subsequent-use-first": str(count)})
        if count >= len(item.reference.get(variable, [])):
            overrides["et-al-min"] = overrides["et-al-subsequent-min"] = "10000"
        return original(self, item, variable, context, overrides, **kwargs)

    model.Name.process = process


def _bibliography_count(name, item, variable, call, count: int | None) -> int | None:
    """How many names the bibliography shows where the citation's
    disambiguate-add-names and -add-givenname both hold (citeproc-js then
    renders the bibliography with the citation's name counts): the names
    disambiguation added ("Belknap, JK, S. McWeeney, et al." in MLA, whose
    citation and bibliography both show one name before et al.), and at
    least as many as the citation shows at its base, which citeproc-js
    takes as the subsequent cites' count, capped by the first cites'
    et-al-min (traces: four names where its bibliography's et-al-min="4"
    et-al-use-first="1" would print one, as its subsequent cites show
    them).  None: as the bibliography's own options say."""
    citation = _citation_counts(name)
    context, sort_options = call
    try:
        total = len(item.reference.get(variable) or [])
        minimum = name.get_option("et-al-min", context, sort_options)
        first = name.get_option("et-al-use-first", context, sort_options)
    except Exception:
        return None
    if citation is None or not minimum or total < minimum:
        return None
    least, later_least, later_first = citation
    base = later_first if later_least and total >= later_least else min(total, least or total)
    shown = max(base, count or 0)
    return shown if shown > first else None


_COUNTS: dict = {}  # cs:name's id -> (cs:name, _read_citation_counts'), a memo table


def _citation_counts(name) -> tuple | None:
    """(et-al-min, et-al-subsequent-min, et-al-subsequent-use-first) of
    the style's citation names (the subsequent ones default to the first), where the
    citation adds both names and given names to disambiguate; else None.
    Once a cs:name."""
    hit = _COUNTS.get(id(name))
    if hit is None or hit[0] is not name:
        hit = _COUNTS[id(name)] = (name, _read_citation_counts(name))
    return hit[1]


def _read_citation_counts(name) -> tuple | None:
    from ..disambiguation import _NS, _name_element

    try:
        root = name.getroottree().getroot()
    except Exception:
        return None
    citation = root.find(f"{_NS}citation")
    layout = citation.find(f"{_NS}layout") if citation is not None else None
    if layout is None or citation.get("disambiguate-add-names") != "true" \
            or citation.get("disambiguate-add-givenname") != "true":
        return None
    cited = _name_element(layout, root)

    def number(key, fallback=0):
        own = cited.get(key) if cited is not None else None
        value = own if own is not None else citation.get(key, root.get(key))
        try:
            return int(value)
        except (TypeError, ValueError):
            return fallback

    least, use_first = number("et-al-min"), number("et-al-use-first", 1)
    return (least, number("et-al-subsequent-min", least),
            number("et-al-subsequent-use-first", use_first))



# Around the name list of each cs:name in a bibliography whose style asks
# for subsequent-author-substitute; finishing.substitute_names replaces the
# first marked list of an entry when it repeats the entry before's.
NAMES_START, NAMES_END = "\ue006", "\ue007"


def _substitutes_authors(element) -> bool:
    try:
        found = element.xpath_search("./ancestor::cs:bibliography[@subsequent-author-substitute]")
    except Exception:
        return False
    return bool(found)


def _patch_mark_substitutable(model) -> None:
    """subsequent-author-substitute replaces the names a cs:names printed,
    "et al." and "and" included, but not its label or affixes (CSL 1.0.2;
    citeproc-js prints "{———, editor}.").  The rendered list is marked so
    that finishing compares and replaces exactly that; bibconv compared
    the records' names and cut the text at the last name's last part, so
    "Lauda, A.D." left its period behind ("—. (2004b)").  (aquitania,
    journal-of-retailing, MLA.)"""
    from citeproc.string import String

    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        text = original(self, item, variable, context, sort_options, **kwargs)
        if not text or isinstance(text, int) or sorting.active() \
                or not _substitutes_authors(context if context is not None else self):
            return text
        if isinstance(text, str) and not isinstance(text, String):
            return f"{NAMES_START}{text}{NAMES_END}"
        return String(NAMES_START) + text + String(NAMES_END)

    model.Name.process = process


class _Affixed(threading.local):
    element = 0  # id of the cs:name whose names just got their own decorations
    whole = False  # its list ends in "et al.": wrapped once more as a whole


_AFFIXED = _Affixed()


def _formats(name) -> bool:
    """Whether the cs:name's formatting prints anything in this output
    (nothing in plain text, where no per-name work is needed)."""
    return str(name.format("\ue0ff")) != "\ue0ff"


def _patch_affixes_per_name(model) -> None:
    """The prefix, suffix and formatting of a cs:name go around each name,
    as citeproc-js prints them ("Smith, J., Hitzemann., Roe, A." for
    ``suffix="."``; "Kathleen Coburn ({{dir.}}), James Engell ({{dir.}})";
    ``<b>E Ed</b> &#38; <b>F Fd</b>`` for ``font-weight="bold"``, the
    delimiters and "and" outside); citeproc-py put them around the list.
    A list that ends in "et al." is wrapped in them once more as a whole
    (citeproc-js: "[<b>[<b>J Smith</b>], et al.</b>]").  Each shown name is
    rendered alone and found, in order, in the list's text; when one is not
    found the list keeps its decorations around it.  (frattura-ed-integrita-
    strutturale, wikipedia-fr-templates; topoi-orient-occident-auteur-date's
    small capitals; 236 catalogue styles have affixes on cs:name.)"""
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        text = original(self, item, variable, context, sort_options, **kwargs)
        prefix, suffix = self.get("prefix", ""), self.get("suffix", "")
        if not text or isinstance(text, int) or sorting.active():
            return text
        formats = _formats(self)
        if not (prefix or suffix or formats):
            return text
        alone, people = _each_name(original, self, item, variable,
                                   (context, sort_options, kwargs))
        # an institution's name (a literal) takes no affixes, as in citeproc-js
        # ("Department of Education, Morgan, N." in molecular-metabolism)
        bare = [not isinstance(p, dict) or "family" not in p for p in people]
        found = _wrap_each(str(text), alone, (prefix, suffix), bare,
                           (lambda t: str(self.format(t))) if formats else None)
        if found is None:
            return text
        _AFFIXED.element, (found, _AFFIXED.whole) = id(self), found
        return found

    model.Name.process = process
    markup = model.Name.markup

    def name_markup(self, text):
        if _AFFIXED.element == id(self):
            _AFFIXED.element = 0
            if _AFFIXED.whole:
                return markup(self, text)
            return text or None  # the decorations are on each name
        return markup(self, text)

    model.Name.markup = name_markup


def _each_name(original, name, item, variable, call) -> tuple[list[str], list]:
    """The text of each shown name rendered alone (an inverted first name
    stays the only one inverted), and the names: the first ones, and the
    last after et-al-use-last's ellipsis."""
    context, sort_options, kwargs = call
    reference = item.reference
    key = variable if dict.__contains__(reference, variable) else variable.replace("-", "_")
    names = dict.get(reference, key) or []
    shown = _names_shown_count(name, item, variable, context, sort_options)
    order = name.get_option("name-as-sort-order", context, sort_options)
    persons = names[:shown]
    if shown < len(names) and use_last.ends_in_ellipsis(name, context, sort_options):
        persons = persons + names[-1:]
    texts = []
    try:
        for index, person in enumerate(persons):
            dict.__setitem__(reference, key, [person])
            overrides = dict(sort_options or {})
            if index and order == "first":
                overrides["name-as-sort-order"] = None
            texts.append(str(original(name, item, variable, context, overrides or None, **kwargs)))
    finally:
        dict.__setitem__(reference, key, names)
    return texts, persons


def process_showing(original, name, item, variable: str, shown: list, names: list, call):
    """``original`` Name.process with the reference's ``variable`` reading
    ``shown`` (the names as a patch wants them printed), its own ``names``
    back afterwards."""
    context, sort_options, kwargs = call
    dict.__setitem__(item.reference, variable, shown)
    try:
        return original(name, item, variable, context, sort_options, **kwargs)
    finally:
        dict.__setitem__(item.reference, variable, names)


def _patch_short_inverted(model) -> None:
    """A short name printed family name first keeps its non-dropping
    particle after the sort-separator unless demote-non-dropping-particle
    is "never" or "sort-only" ("Heel, van" in citeproc-js, where
    citeproc-py printed "van Heel"; checked on a crafted style)."""
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        names = item.reference.get(variable) or []
        if sorting.sorts(sort_options) or not any(
                isinstance(n, dict) and n.get("non-dropping-particle") for n in names):
            return original(self, item, variable, context, sort_options, **kwargs)
        order = self.get_option("name-as-sort-order", context, sort_options)
        if not order or self.get_option("form", context, sort_options) != "short" or \
                self.get_option("demote-non-dropping-particle", context, sort_options) in (
                    "never", "sort-only"):
            return original(self, item, variable, context, sort_options, **kwargs)
        from citeproc.source import Name

        separator = self.get_option("sort-separator", context, sort_options)
        shown = [Name(family=f"{n['family']}{separator}{n['non-dropping-particle']}")
                 if (order == "all" or index == 0) and n.get("non-dropping-particle")
                 and n.get("family") and "literal" not in n else n
                 for index, n in enumerate(names)]
        return process_showing(original, self, item, variable, shown, names,
                               (context, sort_options, kwargs))

    model.Name.process = process


def _wrap_each(text: str, names: list[str], affixes: tuple[str, str],
               bare: list[bool] | None = None, form=None) -> tuple[str, bool] | None:
    """``text`` with each of ``names``, found in order, in ``form`` (the
    cs:name's formatting) and wrapped in the affixes (a period after a name
    ending in one not doubled; no affixes around a name ``bare`` marks),
    and whether text follows the last name (an "et al."); None when one is
    not found."""
    prefix, suffix = affixes
    out, position = [], 0
    for index, name in enumerate(names):
        start = text.find(name, position) if name else -1
        if start < 0:
            return None
        end = start + len(name)
        after = suffix[1:] if suffix.startswith(".") and name.endswith(".") else suffix
        shown = form(name) if form is not None else name
        if bare and index < len(bare) and bare[index]:
            out += [text[position:start], shown]
        else:
            out += [text[position:start], prefix, shown, after]
        position = end
    return "".join(out) + text[position:], bool(text[position:].strip())
