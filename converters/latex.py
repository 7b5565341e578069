"""LaTeX in BibTeX values <-> Unicode text.

Decoding is ours rather than pylatexenc's parser because it must do three
things at BibTeX speed (thousands of values a second): turn accents and
symbols into Unicode, remember which stretches braces protect from case
changes, and keep formatting as CSL-JSON rich text (``<i>``, ``<b>``,
``<sup>``, ``<sub>``, small caps).  Math stays as written, dollars included.
Typography follows pandoc's LaTeX reader: ``--`` en dash, ``---`` em dash,
``~`` no-break space, ```` `` ```` and ``''`` curly quotes, ``'`` apostrophe.

Encoding back to LaTeX escapes what LaTeX treats specially and, for ASCII
output, uses pylatexenc's table of Unicode characters.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

NBSP = "\u00a0"

ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
           "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
           "c": "\u0327", "d": "\u0323", "b": "\u0331", "r": "\u030a", "k": "\u0328",
           "t": "\u0361"}

LETTERS = {"l": "ł", "L": "Ł", "o": "ø", "O": "Ø", "ss": "ß", "SS": "SS", "ae": "æ",
           "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "i": "ı", "j": "ȷ",
           "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ",
           "DJ": "Đ"}

SYMBOLS = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}",
           " ": " ", ",": "\u2009", "-": "", "/": "", "\\": " ", "@": "", ";": " ",
           "!": "", ">": " ", ":": " "}

WORDS = {"textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…",
         "textellipsis": "…", "S": "§", "P": "¶", "copyright": "©", "textcopyright": "©",
         "textregistered": "®", "texttrademark": "™", "pounds": "£", "textsterling": "£",
         "euro": "€", "texteuro": "€", "textquoteleft": "‘", "textquoteright": "’",
         "textquotedblleft": "“", "textquotedblright": "”", "guillemotleft": "«",
         "guillemotright": "»", "guilsinglleft": "‹", "guilsinglright": "›", "quad": " ",
         "qquad": " ", "textbackslash": "\\", "textasciitilde": "~",
         "textasciicircum": "^", "textbar": "|", "textless": "<", "textgreater": ">",
         "textunderscore": "_", "textdegree": "°", "textperiodcentered": "·",
         "textbullet": "•", "dag": "†", "ddag": "†", "textdagger": "†",
         "textdaggerdbl": "‡", "textsection": "§", "slash": "/", "nobreakspace": NBSP,
         "space": " ", "newline": " ", "par": " ", "relax": "", "noindent": "",
         "hyphen": "-", "textquotesingle": "'", "textasciigrave": "`",
         "textquotedbl": '"', "textexclamdown": "¡", "textquestiondown": "¿",
         "thinspace": "\u2009", "enspace": "\u2002", "textnumero": "№"}

# Logos: written out, and protected from case changes wherever they stand.
LOGOS = {"TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "BibTeX": "BibTeX",
         "BibLaTeX": "BibLaTeX", "XeTeX": "XeTeX", "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX",
         "LuaLaTeX": "LuaLaTeX", "pdfTeX": "pdfTeX", "pdfLaTeX": "pdfLaTeX",
         "ConTeXt": "ConTeXt", "AmSTeX": "AMS-TeX", "AmS": "AMS", "AMS": "AMS",
         "MF": "Metafont", "MP": "MetaPost", "METAFONT": "METAFONT", "METAPOST": "METAPOST",
         "eTeX": "ε-TeX", "SliTeX": "SliTeX", "PiCTeX": "PiCTeX", "ExTeX": "ExTeX",
         "LAMSTeX": "LAMS-TeX", "mf": "Metafont", "BibTeXe": "BibTeX", "TUB": "TUGboat",
         "TUGboat": "TUGboat", "plainTeX": "plain TeX", "XyM": "XyM", "PS": "PostScript",
         "ConTeXT": "ConTeXt", "Dash": "—",
         # from TUGboat's tugboat.def and bibnames.sty, which the TeX
         # community's bibliographies (tugboat.bib, texbook3.bib) \input
         "Thanh": "Hàn Thế Thành", "HanTheThanh": "Hàn Thế Thành", "CSTUG": "CSTUG", "TUG": "TUG",
         "UKTUG": "UK TUG", "uktug": "UK TUG",
         "AmSLaTeX": "AMS-LaTeX", "AMSLaTeX": "AMS-LaTeX", "AllTeX": "(La)TeX",
         "TeXLive": "TeX Live", "XyMTeX": "XyMTeX", "XYMTeX": "XyMTeX", "MTeX": "MTeX"}

_ITALIC = ("<i>", "</i>")
_BOLD = ("<b>", "</b>")
_SC = ('<span style="font-variant:small-caps;">', "</span>")
_SUP = ("<sup>", "</sup>")
_SUB = ("<sub>", "</sub>")

# Commands with one argument that format it.
FORMATTING = {"emph": _ITALIC, "textit": _ITALIC, "textsl": _ITALIC, "mkbibemph": _ITALIC,
              "mkbibitalic": _ITALIC, "textbf": _BOLD, "mkbibbold": _BOLD, "textsc": _SC,
              "textsuperscript": _SUP, "mkbibsuperscript": _SUP, "textsubscript": _SUB,
              "mkbibsubscript": _SUB}
# Declarations that format the rest of their group: {\em x}, {\bf y}.
DECLARATIONS = {"em": _ITALIC, "it": _ITALIC, "itshape": _ITALIC, "sl": _ITALIC,
                "slshape": _ITALIC, "bf": _BOLD, "bfseries": _BOLD, "sc": _SC,
                "scshape": _SC}
# Declarations with no visible effect in plain text.
SILENT_DECLARATIONS = {"rm", "sf", "tt", "normalfont", "upshape", "mdseries", "rmfamily",
                       "sffamily", "ttfamily", "small", "footnotesize", "large", "Large",
                       "tiny", "normalsize", "selectfont", "protect", "unskip", "ignorespaces",
                       "nolinebreak", "allowbreak", "break", "linebreak", "nobreak", "null"}
# Commands whose single argument is text to keep as it is.
TRANSPARENT = {"textup", "textnormal", "textrm", "textsf", "texttt", "textmd", "mbox",
               "hbox", "text", "url", "path", "nolinkurl", "uline", "underline", "ensuremath",
               "NoCaseChange", "nocase", "textlatin", "textgreek", "textcyrillic", "hologo",
               "acro", "acronym", "textsubscript*", "bibemph", "mkbibacro", "detokenize",
               "textnhtt", "textsfi", "textsmaller", "smaller", "textlarger", "verb"}
QUOTES = {"enquote": ("“", "”"), "mkbibquote": ("“", "”"), "textquote": ("“", "”")}
# pandoc's LaTeX reader leaves these alone, so their words keep their case.
PROTECTED_QUOTES = {"mkbibquote"}
DROP_ARGUMENTS = {"noopsort": 1, "SortNoop": 1, "sortnoop": 1, "hyphenation": 1,
                  "nocite": 1, "label": 1, "index": 1, "vphantom": 1, "hphantom": 1,
                  "phantom": 1, "discretionary": 3, "bibsortkey": 1}
CASE_COMMANDS = {"uppercase": str.upper, "MakeUppercase": str.upper,
                 "lowercase": str.lower, "MakeLowercase": str.lower}


# "%" is not among them: inside a BibTeX value it is text (BibTeX and biber
# keep it; only between fields does it start a comment, see formats.bibtex).
_INTERESTING = re.compile(r"[\\{}$~\-`'\t\r\n]")


# A backslash escapes the brace or backslash after it; before any other
# character it changes nothing here, so only those pairs are tokens.
_BRACES = re.compile(r"\\[{}\\]|[{}]")


def closing_brace(text: str, start: int) -> int:
    """Index of the brace that closes the one at ``start`` (escaped braces
    do not count); the end of the text when it is never closed."""
    close = text.find("}", start + 1) if text.startswith("{", start) else -1
    if close > 0 and text.find("{", start + 1, close) < 0 and text.find("\\", start, close) < 0:
        return close  # nothing nested or escaped before it (the usual case)
    depth = 0
    for match in _BRACES.finditer(text, start):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                return match.start()
    return len(text)


@dataclass
class Piece:
    text: str
    protected: bool = False  # inside braces (or a logo): no case change
    markup: bool = False     # a rich-text tag, not text


PARAGRAPH = "\u2029"  # a paragraph break while decoding; "\n\n" in the result


class _Reader:
    def __init__(self, source: str, paragraphs: bool = False):
        self.s = source
        self.paragraphs = paragraphs  # \par and blank lines break paragraphs
        self.i = 0
        self.pieces: list[Piece] = []
        self.unknown: set[str] = set()

    def emit(self, text: str, protected: bool) -> None:
        if text:
            self.pieces.append(Piece(text, protected))

    def tag(self, text: str) -> None:
        self.pieces.append(Piece(text, True, True))

    def control(self) -> str:
        """Read the name after a backslash (which is at self.i)."""
        s, i = self.s, self.i + 1
        if i >= len(s):
            self.i = i
            return ""
        if s[i].isalpha():
            j = i
            while j < len(s) and s[j].isalpha():
                j += 1
            name = s[i:j]
            if j < len(s) and s[j] == "*":  # starred variants read like the plain ones
                j += 1
            while j < len(s) and s[j] in " \t\r\n":
                j += 1
            self.i = j
            return name
        self.i = i + 1
        return s[i]

    def group_text(self) -> str | None:
        """The raw text of the next argument: a braced group or one character."""
        s = self.s
        while self.i < len(s) and s[self.i] in " \t\r\n":
            self.i += 1
        if self.i >= len(s):
            return None
        if s[self.i] == "{":
            j = closing_brace(s, self.i)
            body = s[self.i + 1:j]
            self.i = j + 1
            return body
        if s[self.i] == "\\":
            start = self.i
            self.control()
            return s[start:self.i].rstrip()
        self.i += 1
        return s[self.i - 1]

    def sub(self, source: str, protected: bool) -> list[Piece]:
        inner = _Reader(source, self.paragraphs)
        inner.run(protected)
        self.unknown |= inner.unknown
        return inner.pieces

    def accent(self, mark: str, protected: bool) -> None:
        argument = self.group_text()
        if argument is None:
            return
        text = "".join(p.text for p in self.sub(argument, protected) if not p.markup)
        if text[:1] in ("ı", "ȷ"):
            text = {"ı": "i", "ȷ": "j"}[text[0]] + text[1:]
        if not text:
            self.emit(unicodedata.normalize("NFC", " " + mark).strip() or mark, protected)
            return
        self.emit(unicodedata.normalize("NFC", text[0] + mark) + text[1:], protected)

    def run(self, protected: bool = False, depth: int = 0) -> None:
        """Decode up to the end of the current group (``depth`` > 0) or text."""
        s = self.s
        closers: list[str] = []   # tags opened by declarations in this group
        text: list[str] = []

        def flush():
            if text:
                self.emit("".join(text), protected)
                text.clear()

        n = len(s)
        while self.i < n:
            # Copy plain text up to the next character that means something.
            match = _INTERESTING.search(s, self.i)
            if match is None:
                text.append(s[self.i:])
                self.i = n
                break
            if match.start() > self.i:
                text.append(s[self.i:match.start()])
                self.i = match.start()
            c = s[self.i]
            if c == "}" and depth == 0:
                self.i += 1  # a stray closing brace: drop it
                continue
            if c in "\\{}$":
                flush()
                if self._structure(c, protected, depth, closers):
                    return
                continue
            self._typography(c, text)
            self.i += 1
        flush()
        for closing in reversed(closers):
            self.tag(closing)

    def _structure(self, c: str, protected: bool, depth: int, closers: list[str]) -> bool:
        """A command, a group or math at the current place; True when it is
        the brace that closes the group being read."""
        s = self.s
        if c == "\\":
            self.command(self.control(), protected, closers)
        elif c == "{":
            self.i += 1
            # A group is case-protected unless it is a "special character"
            # ({\"O}), which BibTeX treats as part of the word around it.
            self.run(protected or not s.startswith("\\", self.i), depth + 1)
        elif c == "}":
            for closing in reversed(closers):
                self.tag(closing)
            self.i += 1
            return True
        else:  # "$": math stays as written, dollars included
            end = s.find("$", self.i + 1)
            if s.startswith("$$", self.i):
                end = s.find("$$", self.i + 2)
                end = -1 if end < 0 else end + 1
            if end < 0:
                end = len(s) - 1
            self.emit(s[self.i:end + 1], True)
            self.i = end + 1
        return False

    def _typography(self, c: str, text: list[str]) -> None:
        """Ties, dashes, quotes and spaces as pandoc's LaTeX reader types them."""
        s = self.s
        if c == "~":
            text.append(NBSP)
        elif c == "-" and s.startswith("---", self.i):
            text.append("—")
            self.i += 2
        elif c == "-" and s.startswith("--", self.i):
            text.append("–")
            self.i += 1
        elif c in "`'" and s.startswith(c * 2, self.i):
            text.append("“" if c == "`" else "”")
            self.i += 1
        elif c in "`'":
            text.append("‘" if c == "`" else "’")
        elif c == "\n" and self.paragraphs and re.match(r"[ \t\r]*\n", s[self.i + 1:]):
            text.append(PARAGRAPH)
        elif c in " \t\r\n":
            if not text or text[-1] != " ":
                text.append(" ")
        else:
            text.append(c)

    def command(self, name: str, protected: bool, closers: list[str]) -> None:
        if self._character(name, protected) or self._formatted(name, protected):
            return
        if name in DECLARATIONS:
            opening, closing = DECLARATIONS[name]
            self.tag(opening)
            closers.append(closing)
        elif name in SILENT_DECLARATIONS:
            pass
        elif not self._with_argument(name, protected) and name:
            # Unknown: drop the command itself; an argument that follows is
            # read as ordinary text by the main loop.
            self.unknown.add(name)

    def _character(self, name: str, protected: bool) -> bool:
        """Accents, letters, symbols, words and logos."""
        if name in ACCENTS:
            self.accent(ACCENTS[name], protected)
        elif name in LETTERS:
            self.emit(LETTERS[name], protected)
        elif name in SYMBOLS:
            self.emit(SYMBOLS[name], protected)
        elif name == "par" and self.paragraphs:
            self.emit(PARAGRAPH, protected)
        elif name in WORDS:
            self.emit(WORDS[name], protected)
        elif name in LOGOS:
            self.emit(LOGOS[name], True)
            if self.s.startswith("{}", self.i):
                self.i += 2
        else:
            return False
        return True

    def _formatted(self, name: str, protected: bool) -> bool:
        if name not in FORMATTING:
            return False
        opening, closing = FORMATTING[name]
        argument = self.group_text()
        if argument is not None:
            self.tag(opening)
            # Small capitals are not recased (pandoc neither).
            self.pieces.extend(self.sub(argument, protected or opening == _SC[0]))
            self.tag(closing)
        return True

    def _with_argument(self, name: str, protected: bool) -> bool:
        """Commands that read their argument as text, quote it, recase it,
        drop it, or take the second of two."""
        if name in DROP_ARGUMENTS:
            for _ in range(DROP_ARGUMENTS[name]):
                self.group_text()
            return True
        if name in ("href", "foreignlanguage"):
            self.group_text()  # the URL, the language
        elif name not in TRANSPARENT and name not in QUOTES and name not in CASE_COMMANDS \
                and name not in ("bibstring", "mkbibnamefamily", "mkbibnamegiven"):
            return False
        argument = self.group_text()
        if argument is None:
            return True
        if name in QUOTES:
            opening, closing = QUOTES[name]
            self.emit(opening, protected)
            self.pieces.extend(self.sub(argument, protected or name in PROTECTED_QUOTES))
            self.emit(closing, protected)
        elif name in CASE_COMMANDS:
            change = CASE_COMMANDS[name]
            for piece in self.sub(argument, True):
                self.pieces.append(piece if piece.markup else Piece(change(piece.text), True))
        elif name == "bibstring":
            from .mapping.bibtex import TYPE_STRINGS

            self.emit(TYPE_STRINGS.get(argument.strip(), argument.strip()), protected)
        else:
            self.pieces.extend(self.sub(argument, protected))
        return True


# Names the decoder reads itself; a file's own definition of one of them
# (often "\ifx\undefined\pdfTeX \def\pdfTeX{...}\fi") is not used.
KNOWN = frozenset().union(ACCENTS, LETTERS, SYMBOLS, WORDS, LOGOS, FORMATTING, DECLARATIONS,
                          SILENT_DECLARATIONS, TRANSPARENT, QUOTES, DROP_ARGUMENTS,
                          CASE_COMMANDS, {"par", "href", "bibstring", "foreignlanguage",
                                          "mkbibnamefamily", "mkbibnamegiven"})

# \def\name{...}, \def\name#1{...}, \newcommand{\name}[1]{...} and kin.
_DEFINITION = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand)\*?\s*"
    r"(?:\{\s*\\([A-Za-z]+)\s*\}|\\([A-Za-z]+))\s*(?:\[\s*([01])\s*\])?\s*\{"
    r"|\\[egx]?def\s*\\([A-Za-z]+)\s*(#1)?\s*\{")
_CONTROL = re.compile(r"\\([A-Za-z]+)|\\.", re.DOTALL)
MAX_EXPANSION = 100_000  # characters; a definition that calls itself stops here


def definitions(text: str) -> dict[str, tuple[int, str]]:
    """The macros a @preamble defines, with no or one argument, that the
    decoder does not know: name -> (number of arguments, body).  Macros with
    delimited or several arguments are left alone (dropped when read)."""
    out: dict[str, tuple[int, str]] = {}
    for match in _DEFINITION.finditer(text):
        name = match.group(1) or match.group(2) or match.group(4)
        arguments = (1 if match.group(5) else 0) if match.group(4) else int(match.group(3) or 0)
        end = closing_brace(text, match.end() - 1)
        body = text[match.end():end]
        if arguments and "#1" not in body:
            # A stand-in that throws its argument away ("\bibcyr{...}" as
            # "---" where Cyrillic cannot be typeset): the text is the data.
            continue
        if end < len(text) and name not in KNOWN:
            # \spacefactor's number is typesetting, not text
            body = re.sub(r"\\spacefactor\s*[0-9]+\s*", "", body)
            out.setdefault(name, (arguments, body))
    return out


def _argument(text: str, i: int) -> tuple[str, int]:
    """A macro's argument at ``i`` (a braced group or one token) and the end."""
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    if i >= len(text):
        return "", i
    if text[i] == "{":
        end = closing_brace(text, i)
        return text[i + 1:end], end + 1
    match = _CONTROL.match(text, i)
    end = match.end() if match else i + 1
    return text[i:end], end


def expand(value: str, macros: dict[str, tuple[int, str]], depth: int = 0) -> str:
    """``value`` with the file's own macros (see :func:`definitions`)
    replaced by their bodies, each in a group: one word to a name parser,
    protected from case changes like a logo."""
    if "\\" not in value or not macros or depth > 8:
        return value
    out, last = [], 0
    for match in _CONTROL.finditer(value):
        if match.start() < last or match.group(1) not in macros:
            continue
        arguments, body = macros[match.group(1)]
        end = match.end()
        if arguments:
            argument, end = _argument(value, end)
            body = body.replace("#1", argument)
        elif value.startswith("{}", end):
            end += 2
        body = expand(body, macros, depth + 1)
        out += [value[last:match.start()], "{{" + body + "}}" if body.startswith("\\")
                else "{" + body + "}"]
        last = end
        if sum(map(len, out)) > MAX_EXPANSION:
            break
    return "".join(out) + value[last:] if out else value


_NEEDS_PARSE = re.compile(r"[\\{}$~`'\-\n\t\r]|  ")
# What _Reader changes besides single hyphens (which it copies) and the
# blanks at the ends (which _tidy trims): with none of it, a value is its text.
_NEEDS_READER = re.compile(r"[\\{}$~`'\n\t\r]|--|  ")


def decode(value: str, paragraphs: bool = False) -> list[Piece]:
    """Pieces of decoded text; see :func:`to_text` and :func:`to_rich`.
    ``paragraphs``: keep paragraph breaks (``\\par``, a blank line) as
    "\\n\\n", for abstracts; elsewhere they are spaces."""
    return list(_decoded(value, paragraphs))


# A title is decoded for CSL and again to see whether recasing changed it;
# names, journals and publishers repeat.  Pieces are never changed in place.
@functools.lru_cache(maxsize=8192)
def _decoded(value: str, paragraphs: bool) -> tuple[Piece, ...]:
    if not _NEEDS_PARSE.search(value):
        value = value.strip()
        return (Piece(value),) if value else ()
    if not _NEEDS_READER.search(value):  # single hyphens only: the reader's text too
        value = value.strip(" ")
        return (Piece(value),) if value else ()
    if "--" not in value and _PLAIN_GROUPS.fullmatch(value):
        if "  " in value or PARAGRAPH in value:
            return tuple(_tidy(_grouped(value)))
        return _grouped_tidy(value)
    reader = _Reader(value, paragraphs)
    reader.run()
    return tuple(_tidy(reader.pieces))


# Text and braced groups of text with nothing else _Reader reads ("2017-23
# {Title}: {BC}", a title's usual protection): split here as it would.
_PLAIN = r"[^\\{}$~`'\n\t\r]"
_PLAIN_GROUPS = re.compile(f"(?:{_PLAIN}|\\{{{_PLAIN}*\\}})*")
_GROUP = re.compile(r"\{([^{}]*)\}")


def _grouped(value: str) -> list[Piece]:
    """_Reader's pieces for a value _PLAIN_GROUPS matches: the text outside
    the braces, the protected text inside, empty ones left out."""
    pieces, last = [], 0
    for match in _GROUP.finditer(value):
        if match.start() > last:
            pieces.append(Piece(value[last:match.start()]))
        if match.group(1):
            pieces.append(Piece(match.group(1), True))
        last = match.end()
    if last < len(value):
        pieces.append(Piece(value[last:]))
    return pieces


def _grouped_tidy(value: str) -> tuple[Piece, ...]:
    """_tidy(_grouped(value)) in one pass, for a value _PLAIN_GROUPS matches
    with no run of blanks and no paragraph mark (a title's usual form): its
    only blanks are single spaces (_PLAIN holds no tab or newline), so
    tidying is trimming, and no piece is made twice.  The text outside the
    braces is at the even places of the split, the protected text at the
    odd ones."""
    out: list[Piece] = []
    last_space = True
    for index, text in enumerate(_GROUP.split(value)):
        if last_space:
            text = text.lstrip(" ")
        if text:
            out.append(Piece(text, index % 2 == 1))
            last_space = text[-1] == " "
    while out and out[-1].text[-1] == " ":
        trimmed = out[-1].text.rstrip(" ")
        if trimmed:
            out[-1] = Piece(trimmed, out[-1].protected)
            break
        out.pop()
    return tuple(out)


_BLANK_RUN = re.compile(r"[ \t\r\n]+")


def _tidy(pieces: list[Piece]) -> list[Piece]:
    """Collapse whitespace across pieces and trim the ends."""
    out: list[Piece] = []
    last_space = True
    for piece in pieces:
        if piece.markup:
            out.append(piece)
            continue
        text = piece.text
        # a regex call costs more than four searches in C: most have no run
        if "  " in text or "\n" in text or "\t" in text or "\r" in text:
            text = _BLANK_RUN.sub(" ", text)
        if PARAGRAPH in text:
            text = re.sub(" ?\u2029[\u2029 ]*", "\n\n", text)
        if last_space:
            text = text.lstrip(" ")
        if text:
            out.append(Piece(text, piece.protected))
            last_space = text.endswith((" ", "\n"))
    while out and not out[-1].markup and out[-1].text.endswith(" "):
        trimmed = out[-1].text.rstrip(" ")
        if trimmed:
            out[-1] = Piece(trimmed, out[-1].protected)
            break
        out.pop()
    # drop empty formatting pairs (<i></i>)
    cleaned: list[Piece] = []
    for piece in out:
        if (piece.markup and piece.text.startswith("</") and cleaned and cleaned[-1].markup
                and not cleaned[-1].text.startswith("</")):
            cleaned.pop()
            continue
        cleaned.append(piece)
    return cleaned


def to_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if not p.markup)


def to_rich(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces)


# Journals, publishers, months and names come again and again in a library:
# their text is kept (strings: nothing to copy).
@functools.lru_cache(maxsize=8192)
def plain(value: str) -> str:
    """A LaTeX value as plain Unicode text."""
    return to_text(decode(value))


@functools.lru_cache(maxsize=8192)
def rich(value: str, paragraphs: bool = False) -> str:
    """A LaTeX value as CSL-JSON rich text (``<i>`` and friends kept)."""
    text = to_rich(decode(value, paragraphs))
    return re.sub(r" *\n\n *", "\n\n", text) if paragraphs and "\n" in text else text


# Inside a word, hyphens, dots and slashes join parts that are cased apart
# ("Multiple-Choice", "Reddit.Com").
_PARTS = re.compile(r"([-./])")


def _capitalised_only(word: str) -> bool:
    """"Word" but not "WORD", "iPhone", "McDonald" or "TeX"."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper() and not any(c.isupper() for c in letters[1:])


def sentence_case(pieces: list[Piece]) -> list[Piece]:
    """Sentence case as pandoc and citeproc make it for English titles.

    Outside protected pieces, a merely capitalised word ("Word", not "NASA",
    "iPhone" or "McDonald") is lower-cased, part by part when hyphenated
    ("Higher-Dimensional" -> "Higher-dimensional").  The title's first word,
    and the first after a sentence or clause ends (. : ? !), are capitalised
    (so is the very first, as pandoc does)."""
    out: list[Piece] = []
    lower = False  # the next word is lowered where merely capitalised (else capitalised)
    for piece in pieces:
        if piece.markup:
            out.append(piece)
            continue
        if piece.protected:
            out.append(piece)
            if piece.text.strip():
                lower = not _ends_clause(piece.text)
            continue
        text = piece.text
        if "  " not in text and text.isprintable():
            # its only blanks are single spaces (every other character
            # _BLANKS finds is not printable): the words are split in C
            words = text.split(" ")
            for index, word in enumerate(words):
                if word:
                    words[index], ends = _recased_word(word, lower)
                    lower = not ends
            out.append(Piece(" ".join(words), False))
            continue
        parts = _BLANKS.split(text)  # words at the even places, blanks between
        for index in range(0, len(parts), 2):
            if parts[index]:
                parts[index], ends = _recased_word(parts[index], lower)
                lower = not ends
        out.append(Piece("".join(parts), False))
    return out


_BLANKS = re.compile(r"(\s+)")


def _ends_clause(text: str) -> bool:
    return text.rstrip(" \u00a0\"'”’)]").endswith((".", ":", "?", "!"))


# Title words repeat ("the", "of", "Analysis"): each is recased once.
@functools.lru_cache(maxsize=16384)
def _recased_word(word: str, lower: bool) -> tuple[str, bool]:
    """A title word in sentence case: its first letter capitalised (after
    a clause, or the first word) or, ``lower``, lowered where it is merely
    capitalised; its other parts lowered likewise.  And whether it ends a
    clause."""
    parts = _PARTS.split(word)
    head = parts[0]
    if not lower:
        head = _upper_first(head)
    elif _capitalised_only(head):
        head = _lower_first(head)
    rest = [_lower_first(p) if _capitalised_only(p) else p for p in parts[2::2]]
    joined = [head]
    for separator, part in zip(parts[1::2], rest, strict=False):
        joined += [separator, part]
    return "".join(joined), _ends_clause(word)


def _upper_first(word: str) -> str:
    for i, c in enumerate(word):
        if c.isalpha():
            return word[:i] + c.upper() + word[i + 1:]
    return word


def _lower_first(word: str) -> str:
    for i, c in enumerate(word):
        if c.isalpha():
            return word[:i] + c.lower() + word[i + 1:]
    return word


# -- encoding ---------------------------------------------------------------

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
            "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
            "^": r"\textasciicircum{}", NBSP: "~", "–": "--", "—": "---",
            # straight quotes typed as such: plain ' and ` would come back curly
            "'": r"{\textquotesingle}", "`": r"{\textasciigrave}"}
# "--" typed as text would come back as a dash: "-{}-" keeps two hyphens.
_SPECIAL_RE = re.compile("-(?=-)|[" + re.escape("".join(_SPECIAL)) + "]")
_SPECIAL["-"] = "-{}"
_PARAGRAPHS = re.compile(r"[ \t]*\n[ \t]*\n\s*")
_MATH = re.compile(r"(\$[^$]*\$)")
_TAGS = [("<i>", r"\emph{"), ("</i>", "}"), ("<b>", r"\textbf{"), ("</b>", "}"),
         ("<sup>", r"\textsuperscript{"), ("</sup>", "}"), ("<sub>", r"\textsubscript{"),
         ("</sub>", "}"), ('<span style="font-variant:small-caps;">', r"\textsc{"),
         ('<span class="nocase">', "{"), ("</span>", "}")]
_TAG_RE = re.compile("|".join(re.escape(t) for t, _ in _TAGS))
_TAG_MAP = dict(_TAGS)


def encode(text: str, *, ascii_only: bool = False, rich_text: bool = True) -> str:
    """Unicode (optionally CSL rich text) -> a LaTeX value for BibTeX."""
    out = []
    for index, part in enumerate(_MATH.split(text)):
        if index % 2:
            out.append(part)  # math stays as written
            continue
        pieces = _TAG_RE.split(part) if rich_text else [part]
        tags = _TAG_RE.findall(part) if rich_text else []
        for j, piece in enumerate(pieces):
            encoded = _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], piece)
            if "\n" in encoded:
                encoded = _PARAGRAPHS.sub(r"\\par ", encoded)
            if ascii_only:
                encoded = _to_ascii_latex(encoded)
            out.append(encoded)
            if j < len(tags):
                out.append(_TAG_MAP[tags[j]])
    return "".join(out)


def _to_ascii_latex(text: str) -> str:
    if text.isascii():
        return text
    return _ascii_encoder().unicode_to_latex(text)


_encoder = None


def _ascii_encoder():
    global _encoder
    if _encoder is None:
        from pylatexenc.latexencode import UnicodeToLatexEncoder

        _encoder = UnicodeToLatexEncoder(non_ascii_only=True,
                                         replacement_latex_protection="braces-all",
                                         unknown_char_policy="keep")
    return _encoder
