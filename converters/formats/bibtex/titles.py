"""Titles: title, subtitle, titleaddon and their main-, book-, journal- and
issue- forms <-> CSL title, volume-title, container-title, title-short.

Read as pandoc derives them (the biblatex manual's intent); recased to
sentence case when the entry is in English.  Written back from the originals
while the CSL values are still what they gave, else from CSL, with braces
around the capitals a style must not recase."""
from __future__ import annotations

import functools
import re

from ... import latex
from ...mapping import bibtex as M
from .context import Reading, Writing, braced, field_name, rich_to_latex


def english_language(language: str | None) -> bool:
    # As pandoc with its default English locale: sentence case unless the
    # entry says it is in another language.
    return language is None or language.lower().startswith("en")


def _title(value: str | None, english: bool) -> str | None:
    return None if value is None else _rich_title(value, english)[0]


@functools.lru_cache(maxsize=4096)  # series, journals and venues repeat
def _rich_title(value: str, english: bool) -> tuple[str, str]:
    """The title as CSL rich text, recased where ``english``; and as written
    (latex.rich's): read_titles compares the two, and a title is unique,
    so both come from one decoding instead of a second cached one."""
    pieces = latex.decode(value)
    written = latex.to_rich(pieces)
    return (latex.to_rich(latex.sentence_case(pieces)) if english else written), written


_ENDS_MARK = re.compile(r"[!?.,:;](</\w+>)?$")


def _join(parts: list[str | None], separator: str) -> str | None:
    """Join title parts like pandoc: no extra mark after one that ends in
    punctuation ("What? An answer", not "What?: An answer")."""
    out = ""
    for part in parts:
        if not part:
            continue
        if not out:
            out = part
        elif _ENDS_MARK.search(out):
            out += " " + part
        else:
            out += separator + " " + part
    return out or None


def derive_titles(fields: dict, etype: str, english: bool) -> dict:
    """title, volume-title, container-title and their short forms from the
    title fields, as pandoc derives them (the biblatex manual's intent)."""
    get = fields.get
    periodical = etype == "periodical"
    chapterlike = etype in M.CHAPTER_TYPES
    has_main = "maintitle" in fields

    def t(name):
        return _title(get(name), english)

    out: dict = {}
    if periodical and get("issuetitle"):
        title, subtitle, addon = t("issuetitle"), t("issuesubtitle"), None
    elif has_main and not chapterlike:
        title, subtitle, addon = t("maintitle"), t("mainsubtitle"), t("maintitleaddon")
    else:
        title, subtitle, addon = t("title"), t("subtitle"), t("titleaddon")
    if periodical and not get("issuetitle"):
        title = subtitle = addon = None
    joined = _join([_join([title, subtitle], ":"), addon], ".")
    if joined:
        out["title"] = joined
    if has_main and not chapterlike:
        volume = _join([_join([t("title"), t("subtitle")], ":"), t("titleaddon")], ".")
    elif has_main and chapterlike:
        volume = _join([_join([t("booktitle"), t("booksubtitle")], ":"),
                        t("booktitleaddon")], ".")
    else:
        volume = None
    if volume:
        out["volume-title"] = volume

    def plain_title(name):
        value = get(name)
        return latex.rich(value) if value is not None else None

    if periodical:
        container = [plain_title("title"), plain_title("subtitle"), plain_title("titleaddon")]
    elif chapterlike and has_main:
        container = [t("maintitle"), t("mainsubtitle"), t("maintitleaddon")]
    elif chapterlike and get("booktitle"):
        container = [t("booktitle"), t("booksubtitle"), t("booktitleaddon")]
    else:
        container = [plain_title("journaltitle"), plain_title("journalsubtitle"), None]
    joined = _join([_join(container[:2], ":"), container[2]], ".")
    if joined:
        out["container-title"] = joined
        if periodical and not get("issuetitle"):
            out["title"] = joined  # the whole periodical: its name is its title too
    if get("shorttitle") and (not has_main or chapterlike):
        out["title-short"] = t("shorttitle")
    elif out.get("title") and (subtitle or addon) and not has_main and title:
        out["title-short"] = title
    return out


TITLE_FIELDS = ("title", "subtitle", "titleaddon", "maintitle", "mainsubtitle",
                "maintitleaddon", "booktitle", "booksubtitle", "booktitleaddon",
                "journaltitle", "journalsubtitle", "issuetitle", "issuesubtitle", "shorttitle")


def protect_title(text: str, ascii_only: bool) -> str:
    """Sentence-case CSL title -> BibTeX, with braces around the words that
    carry capitals (after the first), so that styles which recase titles
    keep them; neighbouring ones share a pair ("{Large Language Models}").
    The result is checked by reading it back as the reader would (sentence
    case); when that would change it, the whole title is braced."""
    words = rich_to_latex(text, ascii_only).split(" ")
    out: list[str] = []
    run: list[str] = []

    def close():
        if run:
            core = " ".join(run)
            stripped = core.rstrip(".,;:!?")
            out.append("{" + stripped + "}" + core[len(stripped):])
            run.clear()

    for i, word in enumerate(words):
        letters = [c for c in word if c.isalpha()]
        if i == 0:  # the reader capitalises it; anything more needs braces
            capitals = bool(letters) and (letters[0].islower() or any(
                c.isupper() for c in letters[1:]))
        else:
            capitals = any(c.isupper() for c in letters)
        if capitals and not word.startswith(("\\", "{")):
            run.append(word)
            if word.rstrip(".,;:!?") != word:
                close()  # punctuation ends a group
        else:
            close()
            out.append(word)
    close()
    written = " ".join(out)
    if latex.to_rich(latex.sentence_case(latex.decode(written))) != text:
        whole = rich_to_latex(text, ascii_only)
        # a group that starts with a command is a "special character" to
        # BibTeX, which does not protect it: one more pair does
        written = "{{" + whole + "}}" if whole.startswith("\\") else "{" + whole + "}"
    return written


# Fields whose split or recasing CSL does not keep: their originals are kept.
_SHAPED = ("subtitle", "titleaddon", "maintitle", "booksubtitle", "booktitleaddon",
           "journalsubtitle", "issuetitle", "mainsubtitle", "maintitleaddon", "issuesubtitle")


@functools.lru_cache(maxsize=4096)  # a few layouts, over and over
def _title_layout(layout: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    """The title fields among ``layout``, in TITLE_FIELDS' order, and
    whether one of them is _SHAPED."""
    return (tuple(k for k in TITLE_FIELDS if k in layout),
            any(k in layout for k in _SHAPED))


def read_titles(r: Reading) -> None:
    f = r.fields
    titles = derive_titles(f, r.etype, r.english)
    r.data.update(titles)
    present, shaped = _title_layout(r.layout)
    r.used.update(present)
    if shaped or (
            r.english and "title" in f and _rich_title(f["title"], True)[1] != titles.get("title")):
        r.source.update({k: f[k] for k in present if k != "journaltitle"
                         or "journalsubtitle" in f})


def write_titles(w: Writing) -> None:
    data, source, out = w.data, w.source, w.out
    # the originals when the CSL values are still what they gave
    if source and any(k in source for k in TITLE_FIELDS):
        derived = derive_titles(source, w.etype, w.english)
        if all(data.get(k) == v for k, v in derived.items()):
            for k in TITLE_FIELDS:
                if k in source:
                    out[field_name(k, w.biblatex)] = braced(source[k])
            w.used.update(derived)
    if w.etype == "periodical" and data.get("title") and data.get("title") == data.get(
            "container-title") and "title" not in w.used:
        out["title"] = braced(w.enc(data["title"]))  # a whole periodical (see derive_titles)
        w.used.update(("title", "container-title"))
    if "title" not in w.used and data.get("title"):
        out["title"] = braced(_recased(w, data["title"]))
        w.used.add("title")
    _write_container(w)
    if "volume-title" not in w.used and data.get("volume-title") and "maintitle" not in out:
        out["maintitle"] = out.pop("title", braced(w.enc(data.get("title", ""))))
        out["title"] = braced(w.enc(data["volume-title"]))
        w.used.add("volume-title")
    if data.get("title-short") and "title-short" not in w.used:
        out["shorttitle"] = braced(_recased(w, data["title-short"]))
        w.used.add("title-short")


def _recased(w: Writing, text: str) -> str:
    """A title the reader will recase: protected where it must not be."""
    return protect_title(text, w.ascii_only) if w.english else w.enc(text)


def _write_container(w: Writing) -> None:
    value = w.data.get("container-title")
    if "container-title" in w.used or not value:
        return
    if w.etype in M.ARTICLE_TYPES:
        name = "journaltitle" if w.biblatex else "journal"
    elif w.etype in M.CHAPTER_TYPES:
        name = "booktitle"
    else:
        return
    # a booktitle is recased on reading, like a title; a journal is not
    w.out[name] = braced(protect_title(value, w.ascii_only) if name == "booktitle"
                         and w.english else w.enc(value))
    w.used.add("container-title")
