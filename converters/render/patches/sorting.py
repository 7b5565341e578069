"""Sorting: keys compared as citeproc-js's collator compares them, accents,
case and punctuation aside ("Jönsson" before "Juve"; citeproc-py compares
code points and puts "ö" after "z").  (sort_NameVariable,
sort_ConditionalMacroDates, sort_DropNameLabelInSort, with the names patch
sort_AguStyleReverseGroups; ACM on the JATS references.)"""
from __future__ import annotations

import re
import threading
import unicodedata
from copy import deepcopy

from ..richtext import strip_marks
from .dates import _seasonal

_STATE = threading.local()


def active() -> bool:
    """Whether sort keys are being rendered (citeproc-py does not always
    pass its sort options down, through cs:substitute and cs:choose)."""
    return getattr(_STATE, "depth", 0) > 0


def sorts(sort_options) -> bool:
    """Whether a name is rendered for a sort key: sort options given while
    sort keys are being rendered.  Patches pass their own option overrides
    down the same argument, which are no sort key's (taking them for one
    printed "\x01" between names and dropped "and" where disambiguation
    had set how many names show)."""
    return bool(sort_options) and active()


_DIGITS = re.compile(r"\d+")
_TAG = re.compile(r"<[^>]*>")
_OTHER_SPACE = re.compile(r"[^\S ]")
# number signs that are no digits (category No) in the blocks a title may
# hold them: Latin-1's "²" and "½", super- and subscripts, number forms,
# enclosed numbers, dingbats
_NUMBER_SIGNS = re.compile("[" + "".join(
    chr(code) for start, end in ((0xB2, 0xBF), (0x2070, 0x209F), (0x2150, 0x218F),
                                 (0x2460, 0x24FF), (0x2776, 0x2793))
    for code in range(start, end + 1) if unicodedata.category(chr(code)) == "No") + "]")


def collation_key(value):
    """A key compared as citeproc-js compares them: every space of the key
    made a separator, "|", which also ends the key, then Intl.Collator
    with sensitivity "base", ignorePunctuation and numeric.  So accents
    and case aside, punctuation ignored, digit runs by value and kept
    apart by the punctuation between them: "A Primer" before "A.I.
    Safety", "Post-war" after "Postal" ("Postwar"), "1984–1986" before
    "1985", "Dale, Zippy" before "Dalebout", "vol. 2" before "vol. 10"."""
    if isinstance(value, list):
        # citeproc-py's text of several pieces (a macro key with affixes:
        # "Adler, I. " and "(1975)"): collated as its text, not piece by
        # piece in code points ("Adler, I.\x01Barabé" put before "Adler, I. ")
        value = str(value)
    if not isinstance(value, str):
        return value
    if "<" in value:
        # a formatted key's HTML tags ("<i>Zeta</i>" sorted before every
        # letter); the data's own "<" is a mark here, not a tag
        value = _TAG.sub("", value)
    value = strip_marks(value)  # rich text sorts by its text
    if not value:
        # citeproc-js keeps no key for an empty one: the item sorts after
        # those with one, ascending and descending (citeproc-py's None);
        # a key of spaces is a key, of separators ("  " first, as "||")
        return None
    if not value.isascii():
        # white space other than the space is ignored, as punctuation is
        # (NFKD would make a no-break space a space, so a separator)
        value = _OTHER_SPACE.sub("", value)
        if _NUMBER_SIGNS.search(value):
            # a number sign that is no digit ("½", "²") sorts after every
            # number and before letters, as citeproc-js's numeric collation
            # has it ("11", "½", "a"; "x3" before "x²")
            value = _NUMBER_SIGNS.sub(lambda sign: "\x03" + sign.group(0), value)
        decomposed = unicodedata.normalize("NFKD", value)
        value = "".join(c for c in decomposed if not unicodedata.combining(c))
        value = value.lower().translate(_LETTERS)
    # each digit run made a number before the punctuation between them goes:
    # "1984–1986" is 1984 then 1986 (citeproc-py compares two keys of digits
    # alone as numbers, and read 19841986)
    value = _DIGITS.sub(_number, value.lower())
    value = "".join(c if c.isalnum() else _COLLATED[c] for c in value)
    # the separator is the symbol "|" to the collator: "$" sorts after it,
    # "+" before ("x+y", "x y", "x$y"; "Ab+" before "Ab"; a key of
    # punctuation alone after "+x"); a space that only punctuation parts
    # from the key's ends is kept ("’ ab" is "|ab|", before the symbols)
    return value.replace("\x01", _SEPARATOR) + _SEPARATOR


def _number(digits: re.Match) -> str:
    """A digit run as text that sorts by its value: a mark, its length
    (leading zeros aside), its digits.  Any length: a date key is a run of
    44 digits."""
    run = digits.group(0).lstrip("0")
    return "\x02" + chr(0xF0000 + len(run)) + run


# Letters that do not decompose, as the Unicode collation (DUCET, whose
# Latin letters ICU's root collation keeps) weighs them first: as base
# letters ("ł" as "l", "æ" as "ae", "ß" as "ss"), or as a letter of their
# own right after a base letter, in this order ("ı" after "i" and before
# "j", "ʻ" after "h", "þ" and "ʿ" after "z").  Checked on crafted lists
# against citeproc-js.
_EXPANDED = ("ß=ss æ=ae ð=d ø=o đ=d ħ=h ł=l œ=oe ƍ=zw ƾ=ts ȸ=db ȹ=qp ʣ=dz ʦ=ts ʪ=ls "
             "ʫ=lz ᵹ=g ᵺ=th ỻ=ll ꜩ=tz ꜳ=aa ꜵ=ao ꜷ=au ꜹ=av ꜻ=av ꜽ=ay ꝏ=oo ꝡ=vy ꝺ=d "
             "ꝼ=f ꝛ=r ꞃ=r ꞅ=s ꞇ=t ꞛ=a ꞝ=o ꞟ=u ꞡ=g ꞣ=k ꞥ=n ꞧ=r ꞩ=s")
_AFTER = ("aᴀⱥᶏᴁᴂɐɑᶐɒ bʙƀᴯᴃᵬꞗᶀɓƃꞵ cᴄȼꞓꞔƈɕꜿ dᴅᴆᵭᶁɖɗᶑƌȡꝱẟ eᴇɇᶒⱸǝⱻəᶕɛᶓɘɚɜᶔᴈɝɞʚɤ "
          "fꜰꞙᵮᶂƒꟻ gɡɢǥᶃɠʛᵷꝿɣƣ hʜƕꞕɦⱨⱶꜧɧʻʽ iıɪꟾꟷᴉᵎɨᵻᶖɩᵼ jȷᴊɉʝɟʄ kᴋᶄƙⱪꝁꝃꝅʞ "
          "lʟꝇᴌꝉƚⱡɫɬᶅɭꞎȴꝲɮꞁƛʎ mᴍᵯᶆɱꟽꟿꝳ nɴᴻᴎᵰɲƞꞑᶇɳȵꝴŋ oᴏᴑɶᴔᴓɔᴐᴒᶗꝍᴖᴗⱺɵꝋɷꞷȣᴕ "
          "pᴘᵽꝑᵱᶈƥꝓꝕꟼɸⱷ qꝗꝙʠɋĸ rʀᴙɍᵲɹᴚɺɻⱹᶉɼɽɾᵳɿʁꝵꝶꝝ sꜱᵴᶊʂȿẜẝʃᶋᶘƪʅʆ tᴛŧⱦᵵƫƭʈȶꝷʇ "
          "uᴜᴝᴞᵫʉᵾᶙɥʮʯɯꟺᴟɰʊᵿ vᴠꝟᶌʋⱱⱴỽʌ wᴡⱳʍ xᶍꭓ yʏɏƴỿȝ "
          "zᴢƶᵶᶎȥʐʑɀⱬꝣʒᴣƹᶚƺʓþꝥꝧƿꝩꝫꝭꝯꝸƻꜫꜭꜯƨƽƅʔɂˀʼˮʾꜣꞌꞏʕʿˁᴤᴥꜥʡʢʖǀǁǂǃʗʘʬʭᴦᴧᴨᴩᴪ")
# ASCII and Latin-1 symbols in the collation's order (citeproc-js "^g",
# "+x", "~f", "$2"); other symbols after them, in code point order
_SYMBOLS = "`´^¯¨¸°©®+±÷×<=>¬|¦~¤¢$£¥"


def _letter_forms() -> dict:
    """The table for str.translate of a lower-cased key."""
    forms = dict(pair.split("=") for pair in _EXPANDED.split())
    # a letter of its own: its base letter, then a mark above any character
    # a key holds, so that it sorts after every word of that base letter
    after = "".join(run[1:] for run in _AFTER.split())
    for run in _AFTER.split():
        for letter in run[1:]:
            forms[letter] = run[0] + chr(0x10FE00 + after.index(letter))
    return {ord(letter): form for letter, form in forms.items()}


class _Collated(dict):
    """A character's form in a key: the space the separator (citeproc-js
    joins a key's words with "|"), other white space and punctuation
    nothing (ignorePunctuation: "Ab\u00a0b" sorts as "Abb"), a symbol
    marked to sort first, any other character itself."""

    def __missing__(self, char: str) -> str:
        category = unicodedata.category(char)[0]
        if char == " ":
            form = "\x01"
        elif char.isspace() or category == "P":
            form = ""
        elif category == "S":
            # a symbol sorts before the space and digits, as in ICU
            # (citeproc-js "x+y", "x + y", "x y"; "+x", "$2", "1")
            rank = _SYMBOLS.find(char)
            form = "\x00" + (chr(0x20 + rank) if rank >= 0 else char)
        else:
            form = char
        self[char] = form
        return form


_LETTERS = _letter_forms()
_SEPARATOR = "\x00" + chr(0x20 + _SYMBOLS.index("|"))
_COLLATED = _Collated({"\x01": "\x01", "\x02": "\x02", "\x03": "\x03"})


def install() -> None:
    from citeproc import model

    original = model.Key.sort_keys

    def sort_keys(self, items, context):
        _STATE.depth = getattr(_STATE, "depth", 0) + 1
        held = getattr(_STATE, "options", None)
        _STATE.options = _key_options(self)
        try:
            keys = original(self, items, context)
        finally:
            _STATE.depth -= 1
            _STATE.options = held
        return [collation_key(key) for key in keys]

    model.Key.sort_keys = sort_keys
    _patch_seasonal_date_keys()
    _patch_names_in_called_macros(model)
    _patch_short_names_in_keys(model)
    _patch_dates_in_keys(model)


def _key_options(key) -> dict:
    """The name options a macro key renders its names with (citeproc-py's
    own: every name in sort order, the key's names-* as et-al-*)."""
    options = {"name-as-sort-order": "all"}
    for option in ("names-min", "names-use-first", "names-use-last"):
        if option in key.attrib:
            options[option.replace("names", "et-al")] = key.get(option)
    return options


def _patch_seasonal_date_keys() -> None:
    """A date whose month is a season (13 to 24) sorts as one without a
    month, as citeproc-js sorts it: beside the year alone, before January."""
    from citeproc.source import Date

    original = Date.sort_key

    def sort_key(self):
        if not _seasonal(self.get("month")):
            return original(self)
        return "{:05}{:02}{:02}".format(self.year + 10000, 0, self.get("day", 0))

    Date.sort_key = sort_key


def _patch_names_in_called_macros(model) -> None:
    """A macro key's names are in sort order (family name first) however
    deep the macro nests them: citeproc-py hands the key's options down
    the macro's children but not into a macro a cs:text calls, whose names
    then sorted given name first ("Aaron Zed" before "Zoe Abe");
    citeproc-js sorts "Abe, Zoe" first.  A cs:name rendered for a key
    without the key's options gets them here."""
    render = model.Name.render

    def name_render(self, item, *args, sort_options=None, **kwargs):
        if sort_options is None and getattr(_STATE, "depth", 0) > 0:
            sort_options = _STATE.options
        return render(self, item, *args, sort_options=sort_options, **kwargs)

    model.Name.render = name_render


def _patch_short_names_in_keys(model) -> None:
    """A short name in a sort key sorts by its family name with the
    non-dropping particle after it, as citeproc-js keys it ("Gennep van"
    among the G's, where citeproc-py keyed "van Gennep" among the V's),
    unless demote-non-dropping-particle is "never" (acta-neurochirurgica's
    numbers followed the order; 186 catalogue styles sort by a macro with
    a short name)."""
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        names = item.reference.get(variable) or []
        if not sorts(sort_options) or not any(
                isinstance(n, dict) and n.get("non-dropping-particle") and n.get("family")
                for n in names) or self.get_option("form", context, sort_options) != "short" \
                or self.get_option("demote-non-dropping-particle", context,
                                   sort_options) == "never":
            return original(self, item, variable, context, sort_options, **kwargs)
        from citeproc.source import Name

        from .names import process_showing

        shown = [Name(family=f"{n['family']} {n['non-dropping-particle']}")
                 if n.get("non-dropping-particle") and n.get("family") else n for n in names]
        return process_showing(original, self, item, variable, shown, names,
                               (context, sort_options, kwargs))

    model.Name.process = process


def _patch_dates_in_keys(model) -> None:
    """A date a macro prints into a sort key is compared as a date, not as
    the text it prints: "400 BC" before "50 BC" before "850" before "1999",
    as citeproc-js sorts it (CSL 1.0.2 § Sorting: the parts the date prints,
    as numbers).  (date_NegativeDateSortViaMacro ...)"""
    from citeproc.source import Date, DateRange
    from citeproc.string import String

    original = model.Date.process

    def process(self, item, variable=None, *args, **kwargs):
        if not active():
            return original(self, item, variable, *args, **kwargs)
        name = (variable or self.get("variable") or "").replace("-", "_")
        value = dict.get(item.reference, name)
        end = None
        if isinstance(value, DateRange):
            end = value.get("end")
            value, end = value.begin, (None if end is None or end.is_nil() else end)
        if not isinstance(value, Date):
            return original(self, item, variable, *args, **kwargs)
        parts = _printed_parts(self)
        # a range after the single date it starts with ("1984" before "1984–1986")
        return String(_date_key(value, parts) + (_date_key(end, parts) if end else "0" * 11))

    model.Date.process = process


def _printed_parts(date) -> tuple:
    """The parts a cs:date prints: its date-parts, or a localized form's."""
    if date.get("form") is not None:
        return tuple((date.get("date-parts") or "year-month-day").split("-"))
    named = tuple(part.get("name") for part in date.iterchildren()
                  if part.get("name") in ("year", "month", "day"))
    return named or ("year", "month", "day")


def _date_key(date, parts: tuple) -> str:
    """The date as digits that sort in time order (a year BC first), of one
    length (a part not printed, or missing, is zeros: "2002" before
    "2002-10-25")."""
    key = []
    # the year offset keeps every year at seven digits with no leading zero:
    # a key read as a number (collation_key) sorts as one read as text
    for part, width, offset in (("year", 7, 2000000), ("month", 2, 0), ("day", 2, 0)):
        number = 0
        if part in parts:
            try:
                number = int(getattr(date, part)) + offset
            except Exception:
                number = 0
            if part == "month" and _seasonal(number):
                number = 0  # a season sorts as no month (citeproc-js)
        key.append(str(number).rjust(width, "0"))
    return "".join(key)


_CS = "{http://purl.org/net/xbiblio/csl}"
# what a macro with a date prints into a sort key: its dates, nothing else
_DROPPED_IN_DATE_MACROS = (f"{_CS}text", f"{_CS}number", f"{_CS}label", f"{_CS}names")


def macro_keys_as_citeproc_js(root) -> None:
    """A macro sort key as citeproc-js renders it: a macro holding a
    cs:date (as written in it, not through the macros it calls) puts only
    its dates into a key, its names, texts, numbers and labels left out,
    and so does every macro it calls, until a called macro that holds a
    date itself ends: from there on everything counts again, out into the
    callers too.  Checked on crafted styles: a key macro of title and year
    sorts by the year alone ("Z 2000" before "A 2001"), a title after a
    called date macro counts.  (technische-universitat-dresden-historische-
    musikwissenschaft-note sorts by author, then year: its title macro has
    a date for web pages.)  Each key is pointed at copies of its macros
    with those elements taken out (and a count of names given an empty
    cs:substitute: name_count); a key needing none keeps its macro."""
    macros = {m.get("name"): m for m in root.findall(f"{_CS}macro")}
    copies: dict = {}  # (macro name, dates only on entry) -> (name to call, dates only after)

    def call(name: str, dates_only: bool) -> tuple:
        macro = macros.get(name)
        if macro is None:
            return name, dates_only
        known = copies.get((name, dates_only))
        if known is not None:
            return known
        has_date = next(macro.iter(f"{_CS}date"), None) is not None
        copies[(name, dates_only)] = (name, dates_only)  # a macro calling itself
        copy = deepcopy(macro)
        changed, after = _keep_for_key(copy, dates_only or has_date, call)
        if has_date:
            after = False  # citeproc-js clears the flag as such a macro ends
        called = name
        if changed:
            called = f"{name}@sort-key-{'dates' if dates_only or has_date else 'calls'}"
            while called in macros:
                called += "@"
            copy.set("name", called)
            macros[called] = copy
            root.append(copy)
        copies[(name, dates_only)] = (called, after)
        return called, after

    for key in root.iter(f"{_CS}key"):
        name = key.get("macro")
        if name:
            called, _ = call(name, False)
            if called != name:
                key.set("macro", called)


def _keep_for_key(element, dates_only: bool, call) -> tuple:
    """Take out of ``element`` (in document order) what a key leaves out
    while only dates count, and point its macro calls at their copies:
    (whether anything changed, whether only dates count after it)."""
    changed = False
    for child in list(element):
        tag = child.tag
        if tag == f"{_CS}text" and child.get("macro"):
            called, dates_only = call(child.get("macro"), dates_only)
            if called != child.get("macro"):
                child.set("macro", called)
                changed = True
        elif dates_only and tag in _DROPPED_IN_DATE_MACROS:
            element.remove(child)
            changed = True
        elif tag == f"{_CS}names" and _counts_without_substitute(child):
            # an empty cs:substitute: the names go through the stack, where
            # name_count keys no names as 0 (a plain cs:names of absent
            # variables is cut short by direct.py)
            child.append(child.makeelement(f"{_CS}substitute", {}))
            changed = True
        elif tag == f"{_CS}choose":
            outcomes = []
            for branch in child:
                branch_changed, after = _keep_for_key(branch, dates_only, call)
                changed = changed or branch_changed
                outcomes.append(after)
            if child.find(f"{_CS}else") is None:
                outcomes.append(dates_only)  # no branch taken
            # a branch's call may end the dates-only part; which branch is
            # taken is known only when rendering: kept as it was unless all agree
            if len(set(outcomes)) == 1:
                dates_only = outcomes[0]
        elif tag != f"{_CS}date":
            child_changed, dates_only = _keep_for_key(child, dates_only, call)
            changed = changed or child_changed
    return changed, dates_only


def _counts_without_substitute(names) -> bool:
    name = names.find(f"{_CS}name")
    return name is not None and name.get("form") == "count" \
        and names.find(f"{_CS}substitute") is None
