"""Name parts citeproc-js reads that citeproc-py does not:

- a suffix written in the given name after a comma ("John, III"; "John,!
  Jr." asks for the comma before it, as ``comma-suffix`` does) is the
  suffix; with ``comma-suffix`` a name printed given name first reads
  "Jeffrey Doe, Jr."; a suffix's periods are written as initialize-with's
  mark ("Ng M Jr", "PhD" with initialize-with="");
- a particle ending in an apostrophe or a hyphen joins the family name where
  it is printed before it ("d'" + "Jones" -> "John d’Jones"; "al-Rashid,
  Marc" with demote-non-dropping-particle="never");
- a name written in CJK script is printed family name first, without a
  space ("我妻栄");
- a cs:name-part's affixes and formatting go only around a part the name
  has; an institution's (literal) name takes the family part's formatting
  and text case, not its affixes;
- a dropping particle takes the given part's case and formatting, a
  non-dropping one the family part's, each particle formatted apart;
- a cs:name rendered inside a cs:substitute takes the substituted cs:name's
  name-parts for the parts it has none of (the editors standing in print
  "Ann B. ROE" where the author's family part is upper case);
- a name-part's affixes meet the sort-separator as other affixes meet a
  delimiter ("Roe, Ann" for the family suffix "," and ", "), unless a part
  is formatted ("Roe,, Ann").

(magic_NameSuffixNoComma, magic_NameSuffixWithComma, name_ArticularWithComma,
bugreports_ApostropheOnParticle, name_AsianGlyphs, name_EtAlWithCombined)
"""
from __future__ import annotations

import re
import threading

from . import sorting
from .names import process_showing

_GIVEN_SUFFIX = re.compile(r"^(.*?),(!?)\s+(\S.*)$")  # "John, Jr." or "John,! Jr."
_CJK = re.compile(r"^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+$")


def printed_inverted(name) -> bool:
    """Whether name-as-sort-order prints ``name`` family name first with
    its sort-separator: a personal name, not a literal or a CJK name
    (printed whole, as :func:`_read` joins it)."""
    if not isinstance(name, dict) or "literal" in name or not name.get("family"):
        return False
    return not (_CJK.match(str(name["family"])) and _CJK.match(str(name.get("given") or "あ")))


def _joined(inverted: bool, short: bool, demote) -> tuple[str, ...]:
    """The particles that join the family name when they end in an
    apostrophe or a hyphen, as citeproc-js prints them: both before a name
    printed given name first; the non-dropping one before an inverted name
    that keeps it in front (demote "never" or "sort-only": "al-Rashid,
    Marc", not "al- Rashid"); and a short name has no dropping particle, and
    an inverted one its non-dropping particle after the family name
    ("Rashid, al-", names._patch_short_inverted) unless it keeps it in front."""
    front = demote in ("never", "sort-only")
    if short:
        return ("non-dropping-particle",) if not inverted or front else ()
    if inverted:
        return ("non-dropping-particle",) if front else ()
    return ("non-dropping-particle", "dropping-particle")


def _marked_suffix(suffix: str, mark: str) -> str:
    """A suffix's abbreviations punctuated with initialize-with's ``mark``,
    as citeproc-js writes them: each word ending in a period (a period
    inside a word ends one) takes the mark for its period; the space before
    a one-letter abbreviation goes, any space around a hyphen goes ("Ph.D."
    -> "PhD" with "", "Ph-D-" with "-", "Ph D" with " "; "Sr. Esq." -> "Sr
    Esq", "Sr-Esq-")."""
    if not suffix[:1].isalpha():
        return suffix  # "2nd.": citeproc-js leaves a suffix not begun by a letter
    written = re.sub(r"\.(?=[^ ])", ". ", suffix).split()
    marked = [len(w) > 1 and w.endswith(".") for w in written]
    words = [w[:-1] if period else w for w, period in zip(written, marked, strict=True)]
    out = ""
    for index, word in enumerate(words):
        # a one-character word without lower case ("A", ",") takes the mark too
        if not (marked[index] or (len(word) == 1 and word.upper() == word)):
            out += word + " "
            continue
        last = index == len(words) - 1
        joined = not last and len(words[index + 1]) == 1
        out += word + mark + ("" if last or joined else " ")
    out = re.sub(r"\s*-\s*", "-", out.strip())
    return re.sub(r"\s+", " ", out)


def _read(name, inverted: bool, short: bool = False, joined: tuple[str, ...] = (),
          mark: str | None = None):
    """The name as printed, or None when it is printed as citeproc-py reads
    it (``inverted``: family name first, in the long form; ``joined``: the
    particles that join the family name, from :func:`_joined`; ``mark``:
    initialize-with, whose mark replaces a suffix's periods as citeproc-js
    writes them: "Ng M Jr" with initialize-with="")."""
    if "literal" in name:
        return None
    parts = {k: str(v) for k, v in name.items() if v is not None}
    given, family = parts.get("given", ""), parts.get("family", "")
    changed = False
    match = _GIVEN_SUFFIX.match(given) if "," in given else None
    if match and "suffix" not in parts:
        parts["given"], parts["suffix"] = match.group(1), match.group(3)
        parts["comma-suffix"] = "true" if match.group(2) else ""
        changed = True
    suffix = parts.get("suffix", "")
    if mark is not None and "." in suffix:
        marked = _marked_suffix(suffix, mark)
        changed = changed or marked != suffix
        parts["suffix"] = marked
    if _CJK.match(family) and _CJK.match(parts.get("given", "") or "あ"):
        return _name(family=family + parts.get("given", ""))
    for particle in joined:
        if parts.get(particle, "").endswith(("'", "’")):
            parts["family"] = parts.pop(particle)[:-1] + "’" + parts["family"]
            changed = True
        elif parts.get(particle, "").endswith("-"):
            parts["family"] = parts.pop(particle) + parts["family"]
            changed = True
    if parts.get("suffix") and not short and not inverted and (name.get("comma-suffix")
                                              or parts.get("comma-suffix")):
        parts["family"] = parts["family"] + ", " + parts.pop("suffix")
        changed = True
    parts.pop("comma-suffix", None)
    return _name(**parts) if changed else None


def _name(**parts):
    from citeproc.source import Name

    return Name(**parts)


class _Current(threading.local):
    literals: frozenset = frozenset()  # the literal names of the list being printed
    name = None  # the cs:name printing them
    particles: tuple = ()  # its names' (dropping, non-dropping) particles


_CURRENT = _Current()


def install() -> None:
    from citeproc import model

    _patch_parts_present(model)
    _patch_inherited_parts(model)
    _patch_sort_separator(model)
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        names = item.reference.get(variable) or []
        if sorting.sorts(sort_options) or not names:
            return original(self, item, variable, context, sort_options, **kwargs)
        order = self.get_option("name-as-sort-order", context, sort_options)
        form = self.get_option("form", context, sort_options)
        # the option is read only where a name has a particle (a hot path)
        demote = self.get_option("demote-non-dropping-particle", context, sort_options) \
            if any("non-dropping-particle" in n or "dropping-particle" in n for n in names) \
            else None
        short = form == "short"
        mark = self.get_option("initialize-with", context, sort_options) \
            if any("." in str(n.get("suffix") or "") or "," in str(n.get("given") or "")
                   for n in names) else None
        read = []
        for index, name in enumerate(names):
            inverted = order == "all" or (order == "first" and index == 0)
            read.append(_read(name, inverted and not short, short,
                              _joined(inverted, short, demote), mark))
        if not any(read):
            return original(self, item, variable, context, sort_options, **kwargs)
        shown = [new or old for new, old in zip(read, names, strict=True)]
        return process_showing(original, self, item, variable, shown, names,
                               (context, sort_options, kwargs))

    model.Name.process = process


def _patch_parts_present(model) -> None:
    """A name-part's affixes and formatting go only around a part the name
    has, as citeproc-js prints them: "ARISTOTLE, KANT (I.)" for
    ``prefix=" (" suffix=")"`` on the given name, where citeproc-py printed
    "ARISTOTLE ()" (and "[None]" for a name without a given name); an
    institution's (literal) name takes the family part's formatting and
    text case but not its affixes ("{HOMER}, INST").
    (revue-archeologique-de-narbonnaise, bugreports_DoubleEncodedAngleBraces)"""
    format_part = model.Name_Part.format_part

    def present_only(self, given, family):
        which = self.get("name")
        if which == "given" and not given:
            return given, family
        if which == "family" and not family:
            return given, family
        if which == "family" and not given and family in _CURRENT.literals:
            if self.getparent() is not _CURRENT.name:
                return given, family  # a part inherited in cs:substitute: none of it
            return given, self.format(self.case(family))  # its formatting, not its affixes
        if _CURRENT.particles and which in ("given", "family"):
            given, family = _with_particles(self, which, given, family, format_part)
        else:
            given, family = format_part(self, given, family)
        # citeproc-py joins a name's parts with str.join, which refuses the
        # MixedString a formatted part with a prefix is (punctuation's
        # formatted prefix: an italic given part with prefix ", " raised)
        if isinstance(given, list) or isinstance(family, list):
            return _flat(given), _flat(family)
        return given, family

    model.Name_Part.format_part = present_only
    process = model.Name.process
    from .speed import memo_table

    has_parts = memo_table()  # cs:name's id -> (cs:name, whether it has a cs:name-part)

    def process_noting_literals(self, item, variable, context=None, sort_options=None,
                                **kwargs):
        hit = has_parts.get(id(self))
        if hit is None or hit[0] is not self:
            hit = has_parts[id(self)] = (self, self.find("cs:name-part", self.nsmap) is not None)
        if not hit[1]:
            stack = _SUBSTITUTING.names
            if not stack or stack[-1] is None or stack[-1] is self:
                return process(self, item, variable, context, sort_options, **kwargs)
            return _inheriting(process, self, item, variable, context, sort_options, kwargs)
        names = item.reference.get(variable) or []
        saved = _CURRENT.literals, _CURRENT.particles, _CURRENT.name
        _CURRENT.name = self
        _CURRENT.literals = frozenset(str(n["literal"]) for n in names
                                      if isinstance(n, dict) and "literal" in n)
        _CURRENT.particles = () if sorting.sorts(sort_options) else _particles_of(names)
        try:
            return process(self, item, variable, context, sort_options, **kwargs)
        finally:
            _CURRENT.literals, _CURRENT.particles, _CURRENT.name = saved

    model.Name.process = process_noting_literals


def _particles_of(names) -> tuple:
    """The (dropping, non-dropping) particles of a list's names, the longest
    first: "de la Cruz" is cut at "de la", not at another name's "de"."""
    return tuple(sorted(
        {(str(n.get("dropping-particle") or ""), str(n.get("non-dropping-particle") or ""))
         for n in names if isinstance(n, dict) and (n.get("dropping-particle")
                                                    or n.get("non-dropping-particle"))},
        key=lambda pair: -len(pair[0]) - len(pair[1])))


def _inheriting(process, name, item, variable, context, sort_options, kwargs):
    """``name`` (a cs:name with no name-part, in a cs:substitute) printed
    with its literal names noted: citeproc-js gives an institution none of
    the parts it inherits ("Acme Inc" where the author's family part is
    upper case or italic; checked on crafted styles)."""
    names = item.reference.get(variable) or []
    saved = _CURRENT.literals, _CURRENT.name
    _CURRENT.name = name
    _CURRENT.literals = frozenset(str(n["literal"]) for n in names
                                  if isinstance(n, dict) and "literal" in n)
    try:
        return process(name, item, variable, context, sort_options, **kwargs)
    finally:
        _CURRENT.literals, _CURRENT.name = saved


def _flat(part):
    """A name part as one string (a MixedString's pieces joined)."""
    if isinstance(part, list):
        from citeproc.string import String

        return String(str(part))
    return part


def _with_particles(element, which: str, given, family, format_part):
    """(given, family) with this name-part's text cut at its particles,
    each piece in its owner's case and formatting; and where the cs:name
    has no part for the other side, that side's particles this part owns
    formatted too (the dropping particle before the family name takes the
    given part's formatting though no family part is written)."""
    other = "family" if which == "given" else "given"
    texts = {"given": given, "family": family}
    pieces = _pieces(str(texts[which]), which) if texts[which] else None
    if pieces:
        texts[which] = element.wrap(" ".join(_formatted(element, p, o) for p, o in pieces))
    else:
        texts["given"], texts["family"] = format_part(element, given, family)
    if texts[other] and _part(element, other) is None:
        others = _pieces(str(texts[other]), other)
        if others and any(owner == which for _, owner in others):
            texts[other] = " ".join(_formatted(element, p, o) if o == which else p
                                    for p, o in others)
    return texts["given"], texts["family"]


def _formatted(element, piece: str, owner: str) -> str:
    part = _part(element, owner)
    return piece if part is None else str(part.format(part.case(piece)))


def _pieces(text: str, which: str) -> list[tuple[str, str]] | None:
    """A name part's text cut where it holds particles, each piece with the
    name-part whose case and formatting it takes, as citeproc-js prints
    them: the dropping particle the given name's, the non-dropping one the
    family's ("GEER, I. DE", "(<i>Ahasver</i> <i>von</i>)" for the given
    part's formatting; the part's affixes around the whole).  None when the
    text holds none of the list's particles."""
    for dropping, keeping in _CURRENT.particles:
        if which == "family":
            lead = [(p, o) for p, o in ((dropping, "given"), (keeping, "family")) if p]
            head = " ".join(p for p, _ in lead) + " "
            if text.startswith(head) and len(text) > len(head) and lead:
                return lead + [(text[len(head):], "family")]
        else:
            tail = [(p, o) for p, o in ((dropping, "given"), (keeping, "family")) if p]
            end = " " + " ".join(p for p, _ in tail)
            if text.endswith(end) and len(text) > len(end) and tail:
                return [(text[:-len(end)], "given")] + tail
    return None


def _part(element, owner: str):
    """The cs:name-part of the same cs:name for ``owner`` ("given" or
    "family"), or None."""
    for part in element.getparent().findall("cs:name-part", element.nsmap):
        if part.get("name") == owner:
            return part
    return None


class _Substituting(threading.local):
    # the cs:name of each cs:names whose cs:substitute is rendering, innermost last
    names: list

    def __init__(self):
        self.names = []


_SUBSTITUTING = _Substituting()
_PART = "cs:name-part"


def _patch_inherited_parts(model) -> None:
    """A cs:name rendered while a cs:substitute renders (in it, or in a
    macro it calls) takes the substituted cs:names' cs:name-parts for the
    parts (given, family) it has none of, as citeproc-js prints them:
    "Ann B. ROE" for an editor standing in where the author's family part
    is upper case, "ANN B. ROE" where the editor's cs:name has a given part
    of its own (checked on crafted styles).  citeproc-py formats only a
    cs:name's own parts.  (izmir-katip-celebi-universitesi-sosyal-
    bilimler-enstitusu: "Gaonkar, Dilip Parameshwar" with the author's
    family suffix ",")"""
    from lxml import etree

    substitute = model.Substitute.render
    findall = etree.ElementBase.findall

    def render(self, item, context=None, **kwargs):
        names = self.getparent()
        name = names.find("cs:name", names.nsmap) if names is not None else None
        _SUBSTITUTING.names.append(name)
        try:
            return substitute(self, item, context=context, **kwargs)
        finally:
            _SUBSTITUTING.names.pop()

    from .speed import memo_table

    taken = memo_table()  # (cs:name's id, source's id) -> (cs:name, source, parts)

    def name_findall(self, path, namespaces=None):
        stack = _SUBSTITUTING.names
        if not stack or path != _PART:
            return findall(self, path, namespaces)
        source = stack[-1]
        key = (id(self), id(source))
        hit = taken.get(key)
        if hit is None or hit[0] is not self or hit[1] is not source:
            found = findall(self, path, namespaces)
            hit = taken[key] = (self, source, found + inherited(self, found))
        return list(hit[2])

    model.Substitute.render = render
    model.Name.findall = name_findall


def inherited(name, own: list) -> list:
    """The substituted cs:name's name-parts ``name`` (a cs:name) takes: those
    for a part its own (``own``) lack, while a cs:substitute renders."""
    stack = _SUBSTITUTING.names
    source = stack[-1] if stack else None
    if source is None or source is name:
        return []
    from lxml import etree

    theirs = etree.ElementBase.findall(source, _PART, source.nsmap)
    if not theirs:
        return []
    mine = {part.get("name") for part in own}
    return [part for part in theirs if part.get("name") not in mine]


class _Separator(str):
    """A sort-separator joining an inverted name's parts (family, given,
    suffix) as citeproc-js does: merged at each seam like a delimiter
    (``merge``), or written whole after a formatted part's affix; a
    formatted part (a MixedString) is joined, not refused (citeproc-py's
    str.join failed on one: an italic given part with a prefix)."""
    merge = True

    def join(self, parts):
        from citeproc import string

        pieces = list(parts)
        if self.merge:
            return string.join(pieces, str(self))
        if all(type(piece) is str for piece in pieces):
            return str.join(self, pieces)
        out: list = []
        for piece in pieces:
            out += [string.String(str(self)), piece] if out else [piece]
        return string.MixedString(out)


def _patch_sort_separator(model) -> None:
    """A cs:name whose name-parts (its own or inherited) have affixes or
    formatting joins an inverted name's parts with a _Separator: a part's
    suffix "," and the separator ", " print "Roe, Ann", as citeproc-js
    merges them, but "Roe,, Ann" where a part is formatted (a
    font-weight="normal" family part: izmir-katip-celebi-universitesi-
    sosyal-bilimler-enstitusu's "Vizedom,, Monika B.").  Checked on crafted
    styles."""
    from .speed_base import _FORMATTING

    process = model.Name.process

    def separated(self, item, variable, context=None, sort_options=None, **kwargs):
        parts = self.findall(_PART, self.nsmap)
        if not parts or sorting.sorts(sort_options) or (
                sort_options and "sort-separator" in sort_options) \
                or not self.get_option("name-as-sort-order", context, sort_options):
            return process(self, item, variable, context, sort_options, **kwargs)
        formatted = any(part.get(attribute) for part in parts for attribute in _FORMATTING)
        if not formatted and not any(part.get("prefix") or part.get("suffix") for part in parts):
            return process(self, item, variable, context, sort_options, **kwargs)
        separator = _Separator(self.get_option("sort-separator", context, sort_options))
        separator.merge = not formatted
        options = dict(sort_options or {}, **{"sort-separator": separator})
        return process(self, item, variable, context, options, **kwargs)

    model.Name.process = separated
