"""Parsing XML that may be hostile: no DTD loading, no network, no external
resources, bounded depth (libxml2's default of 256 when huge_tree is off)
and size.  An XXE reference (an external entity) or a DOCTYPE naming a
remote DTD is left unexpanded and unfetched; a "billion laughs",
quadratic-blowup or recursive entity is refused by libxml2's amplification
limit.

Character entities are read as their characters without the DTD: the
standard sets JATS ships (ISO 8879, ISO 9573-13, MathML, the JATS and XHTML
additions) are HTML5's named references (``html.entities.html5``) plus the
table below, which holds what HTML5 lacks (ISO Greek ``&agr;``, bold Greek
``&b.alpha;``...) and the names where the JATS DTD defines another character
than HTML5 (``&phi;``, ``&lang;``...): a JATS document means its DTD's
characters.  A name in neither is left out with one ``entity-unexpanded``
diagnostic a reference.  Entities the document declares itself (its internal
subset) are expanded when they are plain text, up to a bounded size."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .diagnostics import make

MAX_BYTES = 64 * 1024 * 1024
# An internal entity may expand to at most this many characters, and all
# of a document's internal entities together to at most MAX_EXPANDED.
MAX_ENTITY = 16 * 1024
MAX_EXPANDED = 1024 * 1024
PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})

# name:hex code points ("+" joins a base and a combining mark) for the
# entities of the JATS 1.3 DTD's entity sets that html.entities.html5 lacks
# or maps to another character (tests/test_jats_entities.py checks this
# against the DTD's own .ent files).
_JATS_ENTITIES = (
    "Aacgr:386 Agr:391 Bgr:392 Dgr:394 EEacgr:389 EEgr:397 Eacgr:388 Egr:395 Ggr:393 "
    "Hmacr:48+304 Iacgr:38A Idigr:3AA Igr:399 KHgr:3A7 Kgr:39A Lang:300A "
    "LeftAngleBracket:2329 LeftDoubleBracket:301A Lgr:39B Mgr:39C Ngr:39D "
    "NotGreaterFullEqual:2266+338 OHacgr:38F OHgr:3A9 Oacgr:38C Ogr:39F OverBar:AF "
    "OverBrace:FE37 OverParenthesis:FE35 PHgr:3A6 PSgr:3A8 Pgr:3A0 Rang:300B Rgr:3A1 "
    "RightAngleBracket:232A RightDoubleBracket:301B Sgr:3A3 THgr:398 Tgr:3A4 "
    "ThickSpace:2009+200A+200A Uacgr:38E Udigr:3AB Ugr:3A5 UnderBar:332 UnderBrace:FE38 "
    "UnderParenthesis:FE36 Xgr:39E Zgr:396 aacgr:3AC agr:3B1 angst:212B b.Delta:1D6AB "
    "b.Gamma:1D6AA b.Gammad:3DC b.Lambda:1D6B2 b.Omega:1D6C0 b.Phi:1D6BD b.Pi:1D6B7 "
    "b.Psi:1D6BF b.Sigma:1D6BA b.Theta:1D6AF b.Upsi:1D6BC b.Xi:1D6B5 b.alpha:1D6C2 "
    "b.beta:1D6C3 b.chi:1D6D8 b.delta:1D6C5 b.epsi:1D6C6 b.epsiv:1D6DC b.eta:1D6C8 "
    "b.gamma:1D6C4 b.gammad:3DD b.iota:1D6CA b.kappa:1D6CB b.kappav:1D6DE b.lambda:1D6CC "
    "b.mu:1D6CD b.nu:1D6CE b.omega:1D6DA b.phi:1D6D7 b.phiv:1D6DF b.pi:1D6D1 b.piv:1D6E1 "
    "b.psi:1D6D9 b.rho:1D6D2 b.rhov:1D6E0 b.sigma:1D6D4 b.sigmav:1D6D3 b.tau:1D6D5 "
    "b.thetas:1D6C9 b.thetav:1D6DD b.upsi:1D6D6 b.xi:1D6CF b.zeta:1D6C7 bgr:3B2 "
    "bsolhsub:5C+2282 dgr:3B4 eacgr:3AD eeacgr:3AE eegr:3B7 egr:3B5 epsi:3F5 epsiv:3B5 "
    "franc:20A3 gcaron:1E7 ggr:3B3 iacgr:3AF idiagr:390 idigr:3CA igr:3B9 jmath:6A "
    "kgr:3BA khgr:3C7 lang:2329 langle:2329 lbbrk:3014 lgr:3BB loang:3018 lobrk:301A "
    "mgr:3BC ngr:3BD oacgr:3CC ogr:3BF ohacgr:3CE ohgr:3C9 ohm:2126 pgr:3C0 phgr:3C6 "
    "phi:3D5 phiv:3C6 psgr:3C8 race:29DA rang:232A rangle:232A rbbrk:3015 rgr:3C1 "
    "roang:3019 robrk:301B sfgr:3C2 sgr:3C3 suphsol:2283+2F tgr:3C4 thgr:3B8 uacgr:3CD "
    "udiagr:3B0 udigr:3CB ugr:3C5 varepsilon:3B5 varphi:3C6 xgr:3BE zgr:3B6 "
)


@lru_cache(maxsize=1)
def _entity_table() -> dict[str, str]:
    from html.entities import html5

    table = {name[:-1]: chars for name, chars in html5.items() if name.endswith(";")}
    for entry in _JATS_ENTITIES.split():
        name, points = entry.split(":")
        table[name] = "".join(chr(int(p, 16)) for p in points.split("+"))
    return table


def character_entity(name: str) -> str | None:
    """The characters a standard (JATS/MathML/HTML) entity name stands for."""
    return _entity_table().get(name)


# CDATA sections and comments are copied as they are; in the rest, a named
# reference is replaced by numeric character references before parsing, so
# that it reads the same in text and in attribute values, with or without a
# DOCTYPE.
_REFERENCE = re.compile(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->|&([A-Za-z_][\w.\-]*);", re.S)
_DECLARED = re.compile(r"<!ENTITY\s+([^\s%][^\s]*)")


def _character_references(text: str, source: str | None):
    """(text with standard entities as character references, diagnostics
    for the names that are neither standard nor declared by the document)."""
    if "&" not in text:
        return text, []
    declared = set(_DECLARED.findall(text)) if "<!ENTITY" in text else set()
    table = _entity_table()
    unknown: list[tuple[str, int]] = []

    def replace(match):
        name = match.group(1)
        if name is None or name in PREDEFINED or name in declared:
            return match.group(0)
        chars = table.get(name)
        if chars is None:
            unknown.append((name, match.start()))
            return ""
        return "".join(f"&#x{ord(c):X};" for c in chars)

    original, text = text, _REFERENCE.sub(replace, text)
    notes = []
    if unknown:
        breaks = [m.start() for m in re.finditer("\n", original)]
        for name, offset in unknown:
            notes.append(make("entity-unexpanded", f"&{name}; is not a standard character "
                              "entity nor declared in the document; left out", file=source,
                              line=bisect.bisect_left(breaks, offset) + 1))
    return text, notes


def parse(text: str, source: str | None):
    """(root element or None, diagnostics)."""
    from lxml import etree

    too_large = [make("input-unreadable", f"XML larger than {MAX_BYTES // 2**20} MiB; "
                      "not read", file=source)]
    if len(text) > MAX_BYTES:  # at least as many bytes: refused before any copy is made
        return None, too_large
    text, notes = _character_references(text, source)
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        return None, too_large
    def parser(recover: bool):
        return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True,
                               dtd_validation=False, huge_tree=False, encoding="utf-8",
                               remove_comments=True, remove_pis=True, recover=recover)

    try:
        root = etree.fromstring(data, parser(False))
    except etree.XMLSyntaxError as exc:
        line, column = (exc.position if exc.position else (exc.lineno, None))
        message = str(exc.msg or exc).split(", line ")[0]
        # libxml2 names the line a tag opened on ("tag mismatch: source
        # line 12 and sourc"); said "on line 12", a streamed chunk's reader
        # moves it with the rest (converters.scale.streams)
        message = re.sub(r"(?<!on )\bline (\d+)", r"on line \1", message)
        if "amplification" in message:
            message = f"entity expansion refused, it would blow up ({message})"
        problem = make("syntax-error", f"not well-formed XML: {message}", file=source,
                       line=line or None, column=column or None)
        if "amplification" in message:
            return None, [problem]
        # Read on past the break, as far as libxml2 can make sense of it, so
        # that the references before it are not lost.
        try:
            root = etree.fromstring(data, parser(True))
        except etree.XMLSyntaxError:
            root = None
        if root is not None:
            notes.extend(_expand_declared(root, source))
        return root, [problem] + notes
    if root is None:
        return None, notes + [make("input-empty", "the XML document has no root element",
                                   file=source)]
    return root, notes + _expand_declared(root, source)


def _expand_declared(root, source: str | None) -> list:
    """Replace references to the document's own plain-text entities by their
    text; leave out (and report) external ones and those too large."""
    from lxml import etree

    nodes = list(root.iter(etree.Entity))
    if not nodes:
        return []
    dtd = root.getroottree().docinfo.internalDTD
    declared = {e.name: e for e in dtd.iterentities()} if dtd is not None else {}
    budget = [MAX_EXPANDED]
    notes = []
    for node in nodes:
        value, why = _entity_text(node.name, declared, budget, 0)
        if value is None:
            # libxml2 may give an entity node the line after it; its parent's is right
            parent = node.getparent()
            line = parent.sourceline if parent is not None else node.sourceline
            notes.append(make("entity-unexpanded", f"entity reference &{node.name}; was left "
                              f"out: {why}", file=source, line=line))
            value = ""
        _replace_with_text(node, value)
    return notes


def _entity_text(name: str, declared: dict, budget: list, depth: int):
    """(text, None) or (None, why not)."""
    if name in PREDEFINED:
        return {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}[name], None
    entity = declared.get(name)
    if entity is None:
        chars = character_entity(name)
        return (chars, None) if chars is not None else (None, "it is not declared")
    if entity.system_url or entity.content is None:
        return None, "it names an external resource, which is never read"
    if depth > 8:
        return None, "its definition nests too deep"
    content = entity.content
    if "<" in content:
        # markup inside an entity: keep its words
        content = re.sub(r"<[^>]*>", "", content)
    parts = []
    for piece in re.split(r"(&[A-Za-z_][\w.\-]*;)", content):
        if piece.startswith("&") and piece.endswith(";") and len(piece) > 2:
            value, why = _entity_text(piece[1:-1], declared, budget, depth + 1)
            if value is None:
                return None, why
            piece = value
        parts.append(piece)
        budget[0] -= len(piece)
        if budget[0] < 0 or sum(map(len, parts)) > MAX_ENTITY:
            return None, "it expands to more text than is safe"
    return "".join(parts), None


def _replace_with_text(node, value: str) -> None:
    parent = node.getparent()
    joined = value + (node.tail or "")
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + joined
    elif parent is not None:
        parent.text = (parent.text or "") + joined
    if parent is not None:
        parent.remove(node)


def local(tag) -> str:
    """An element's name without its namespace ('' for comments and the like)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def text_of(element, skip: frozenset | set = frozenset()) -> str:
    """The text of an element and its descendants, whitespace collapsed;
    unexpanded entities and descendants named in ``skip`` contribute nothing
    (their tails do)."""
    from lxml import etree

    parts = []

    def walk(node):
        if isinstance(node, etree._Entity) or (node is not element and
                                               local(node.tag) in skip):
            if node.tail:
                parts.append(node.tail)
            return
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
        if node is not element and node.tail:
            parts.append(node.tail)

    walk(element)
    # Collapse layout whitespace only: a no-break space is content.
    return re.sub(r"[ \t\r\n]+", " ", "".join(parts)).strip()
