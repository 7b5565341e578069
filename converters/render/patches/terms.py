"""Terms: the forms a locale lacks, the long form written out, and a term
first in an entry capitalized."""
from __future__ import annotations

import threading

# CSL 1.0.2: a missing "symbol" form falls back to "short", "verb-short" to
# "verb", and "short" and "verb" to the long form.
_FALLBACK = {"symbol": "short", "verb-short": "verb", "short": None, "verb": None}


def install() -> None:
    from citeproc import model

    original = model.CitationStylesElement.get_term

    def get_term(self, name, form=None, *args, **kwargs):
        """A term in the form asked for, else in the form CSL falls back to,
        each looked for in every locale first: a style written for German
        defines volume's "symbol" form ("Jg.") only in its own German
        locale, and rendered in English it prints "vol." as citeproc-js
        does, not nothing (technische-universitat-dresden-...; no fixture
        changes)."""
        term = original(self, name, form, *args, **kwargs)
        while term is None and form in _FALLBACK:
            form = _FALLBACK[form]
            term = original(self, name, form, *args, **kwargs)
        return term

    model.CitationStylesElement.get_term = get_term
    _patch_long_form(model)
    _patch_first_term(model)
    _patch_locale_options(model)
    _patch_ordinals(model)


def _patch_locale_options(model) -> None:
    """A locale option is the first locale's that sets it: an in-style
    cs:locale whose style-options set another option only (anabases:
    limit-day-ordinals-to-day-1) leaves punctuation-in-quote to the locale
    file, as citeproc-js reads it ("Alpha,” in en-US); citeproc-py took the
    option's default from the first cs:style-options found."""
    defaults = model.Locale._default_options

    def get_locale_option(self, name):
        root = self.get_root()
        locales = getattr(root, "locales", None)
        if locales is None and getattr(root, "style", None) is not None:
            # a part of a locale file's date (form="text"): the style's
            # locales, its own cs:locale first (limit-day-ordinals-to-day-1
            # set there limits "2. März" to "2 März", as in citeproc-js)
            locales = getattr(root.style, "locales", None)
        for locale in [root] if locales is None else locales:
            options = locale.find("cs:style-options", locale.nsmap)
            if options is not None and options.get(name) is not None:
                return options.get(name)
        return defaults[name]

    model.CitationStylesElement.get_locale_option = get_locale_option


_CS = "{http://purl.org/net/xbiblio/csl}"
_MATCHES = ("whole-number", "last-two-digits", "last-digit")


def _patch_ordinals(model) -> None:
    """Ordinals as citeproc-js makes them.  It lays a language's locales one
    on another (the locale files, then the style's cs:locale without a
    language, for the language, for the dialect); the ordinal suffixes
    are those of the last that has the term "ordinal" (each such locale
    drops the ordinal terms before it), an ordinal-NN of a later one only
    changing the text of one that locale has.  citeproc-py looked for each
    ordinal-NN term in every locale down to en-US: a German style with a
    cs:locale of its own printed "2nd" where citeproc-js prints "2.".  The
    suffix is chosen for the gender of the number's term (a day: its
    month's), neuter otherwise ("1ᵉʳ mars"), as citeproc-js does: the first
    gender tried whose table has none keeps "ordinal"."""
    from citeproc.string import String

    from .speed import memo_table

    tables = memo_table()  # root's id -> (root, its ordinal table)

    def table(context) -> tuple:
        root = context.get_root()
        style = getattr(root, "style", None) or root  # a locale file's date part: its style
        hit = tables.get(id(style))
        if hit is None or hit[0] is not style:
            hit = tables[id(style)] = (style, _ordinal_table(getattr(style, "locales", None)
                                                             or [root]))
        return hit[1]

    def to_ordinal(number, context):
        texts, matches, genders = table(context)
        gender = genders.get(_noun(context))
        return String(str(number) + _suffix(int(number), texts, matches, gender))

    model.to_ordinal = to_ordinal
    format_number = model.Number.format_number

    def long_ordinal(self, number):
        # long-ordinal-01..10 in the gender of the number's term, as the
        # short suffix is: it-IT volume 1 "primo" (masculine), not "prima"
        if self.get("form") == "long-ordinal" and str(number).isdigit() \
                and 1 <= int(number) <= 10:
            texts, _, genders = table(self)
            text = _gendered(texts, f"long-ordinal-{int(number):02}", genders.get(_noun(self)))
            if text is not None:
                return text
        return format_number(self, number)

    model.Number.format_number = long_ordinal


class _Month(threading.local):
    number = None  # the month of the date whose day is being rendered


_MONTH = _Month()


def day_of_month(month) -> None:
    """dates.py: the day being rendered is in this month (its ordinal takes
    the month term's gender)."""
    _MONTH.number = month


def _noun(context) -> str | None:
    """The term whose gender an ordinal takes: a number's variable, or a
    day's month."""
    variable = context.get("variable") if context.tag == f"{_CS}number" else None
    if variable:
        return variable
    if context.tag in (f"{_CS}date", f"{_CS}date-part") and _MONTH.number:
        return f"month-{int(_MONTH.number):02}"
    return None


def _ordinal_table(locales) -> tuple:
    """(term texts by (name, gender), the ordinal-NN matches by (match,
    digits, gender), the nouns' genders) of citeproc-py's locale list read
    as citeproc-js lays the locales (the list backwards)."""
    texts: dict = {}
    matches: dict | None = None  # None: no locale has "ordinal" (CSL 1.0's four terms)
    genders: dict = {}
    for locale in reversed(_layers(locales)):
        terms = locale.find(f"{_CS}terms")
        if terms is None:
            continue
        found = [t for t in terms if t.tag == f"{_CS}term" and not t.get("form")]
        if any(t.get("name") == "ordinal" for t in found):
            texts = {k: v for k, v in texts.items() if not k[0].startswith("ordinal")}
            matches = {}
            for term in found:
                name = term.get("name") or ""
                if name.startswith("ordinal-"):
                    digits = name[len("ordinal-"):]
                    match = term.get("match") or (
                        "last-digit" if digits.startswith("0") else "last-two-digits")
                    matches[(match, digits.lstrip("0") or "0",
                             term.get("gender-form") or "neuter")] = name
        for term in found:
            name = term.get("name") or ""
            if name.startswith(("ordinal", "long-ordinal")):
                single = term.find(f"{_CS}single")
                texts[(name, term.get("gender-form") or "neuter")] = (
                    single if single is not None else term).text or ""
            if term.get("gender"):
                genders[name] = term.get("gender")
    return texts, matches, genders


def _layers(locales) -> list:
    """citeproc-py's locale list without the en-US file where the language
    has a locale file of its own: citeproc-js lays only the language's."""
    files = [locale for locale in locales if locale.getparent() is None]
    if any(not str(locale.get(_LANG, "")).startswith("en") for locale in files):
        return [locale for locale in locales
                if not (locale.getparent() is None and locale.get(_LANG) == "en-US")]
    return list(locales)


_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _gendered(texts: dict, name: str, gender: str | None) -> str | None:
    """A term's text for the gender (its neuter form otherwise; with only
    gendered forms citeproc-js takes the feminine); None where no locale
    has the term."""
    found = texts.get((name, gender)) if gender else None
    if found is None:
        found = texts.get((name, "neuter"))
    if found is None:
        found = texts.get((name, "feminine"), texts.get((name, "masculine")))
    return found


def _suffix(number: int, texts: dict, matches: dict | None, gender: str | None) -> str:
    digits = str(number)

    def text(name: str) -> str:
        return _gendered(texts, name, gender) or ""

    if matches is None:  # CSL 1.0: ordinal-01 to -04 (st, nd, rd, th)
        last = number % 10
        if number % 100 == 10 or 10 < number < 20 or last not in (1, 2, 3) \
                or number % 100 == 10 + last:
            return text("ordinal-04")
        return text(f"ordinal-0{last}")
    suffix = text("ordinal")
    for tried in ([gender] if gender else []) + ["neuter"]:
        for match, part in zip(_MATCHES, (digits, digits[-2:], digits[-1:]), strict=True):
            name = matches.get((match, part, tried))
            if name is not None:
                suffix = text(name)
                break
        else:
            if suffix:
                break
            continue
        break
    return suffix


class _Start(threading.local):
    # a term printed now would be the first text of a bibliography's entry
    pending = False


_START = _Start()


def begin_entry(layout) -> None:
    """A cs:layout starts an entry or cite: in a bibliography, a term
    before anything else is capitalized.  (A note style's cite has its own
    rule, which reads the cite's prefix: positions.py.)"""
    _START.pending = layout.getparent().tag.endswith("bibliography")


def end_entry() -> None:
    _START.pending = False


def printed() -> None:
    """Something other than a term printed first (a value, a variable's
    text, a label), or a cs:names was called: a term after it stays as it
    is."""
    _START.pending = False


def state() -> bool:
    """Whether a term printed now would be first: saved as a group or
    macro starts, for :func:`restore`."""
    return _START.pending


def restore(pending: bool) -> None:
    """A group or macro was suppressed: what it printed does not count."""
    _START.pending = pending


# The variables a cs:text counts as printed even when the item lacks them
# (citeproc-js: "in t" after an empty volume, "In t" after an empty page,
# chapter-number or URL; checked one by one on crafted styles).
_COUNTED_EMPTY = frozenset(("volume", "edition", "number", "issue"))


def _patch_first_term(model) -> None:
    """citeproc-js capitalizes a term that is the first thing a
    bibliography's entry prints: "N.d." for an entry without author whose
    date is the "no date" term, "In t" (bollettino-d-archeologia-online).
    Only text that printed counts, as citeproc-js counts what it appended
    to its output: a value, a variable's text (the citation number aside:
    "[1] N.d."), a date, a number, a label ("page in") before the term
    keep it as it is; an empty variable (but four: _COUNTED_EMPTY) or
    macro does not ("In T"), nor what a suppressed group or macro printed
    ("No date T": groups.py and punctuation's macro hook restore the
    state).  A cs:names called counts, printed or not ("in
    T" after an empty editor).  Checked on crafted styles against
    citeproc-js."""
    original = model.Text._term

    def _term(self, item):
        text = original(self, item)
        if _START.pending and text:
            _START.pending = False
            plain = str(text)
            return type(text)(plain[:1].upper() + plain[1:])
        return text

    model.Text._term = _term
    variable = model.Text._variable

    def _variable(self, item, context):
        if _START.pending and self.get("variable") in _COUNTED_EMPTY:
            _START.pending = False
            return variable(self, item, context)
        text = variable(self, item, context)
        if text and _START.pending and self.get("variable") != "citation-number":
            _START.pending = False  # (the citation number does not count: "[1] N.d.")
        return text

    model.Text._variable = _variable
    label_markup = model.Label.markup

    def markup(self, text):
        output = label_markup(self, text)
        if output:
            _START.pending = False
        return output

    model.Label.markup = markup


def _patch_long_form(model) -> None:
    """A term written with form="long" is the long form, as one without a
    form is (CSL 1.0.2: "long" is the default): a style's locale that
    overrides "available at" with form="long" prints "Available from", as
    citeproc-js does; citeproc-py looked only for a term without a form and
    took the locale file's (harvard-bournemouth-university).  Looked for
    in the same locale, so the style's own still comes first."""
    original = model.Locale.get_term

    def get_term(self, name, form=None, zero_padded=False):
        try:
            return original(self, name, form, zero_padded)
        except IndexError:
            if form not in (None, "long"):
                raise
            return original(self, name, "long" if form is None else None, zero_padded)

    model.Locale.get_term = get_term
