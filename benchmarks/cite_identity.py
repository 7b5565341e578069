"""Does a change to the renderer change what it prints?  Renders the seed,
biblatex-examples and references read from the JATS articles in many
styles of the catalogue (the popular ones, the citeproc-js sample and a
wider sample with another seed), as text, HTML and Markdown, and once more
with citations (the records cited in clusters of three), in this
checkout and in another, and counts the outputs that differ.

    python benchmarks/cite_identity.py --baseline /work/main [--styles 187]
                                       [--seed 7] [--show 5]

Each checkout renders in its own process, with its own Python when it has
a .venv (``--baseline-python`` to choose another), both at once.  With
``--cache DIR`` the baseline's outputs are kept there, by its commit and
the styles, and read back on the next run.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def styles_for(count: int, seed: int) -> list[str]:
    """The citeproc-js comparison's styles, then others drawn with ``seed``."""
    from tests import citeproc_js

    chosen = citeproc_js.sampled_styles(50)
    more = [s for s in citeproc_js.sampled_styles(count, seed, popular=False) if s not in chosen]
    return (chosen + more)[:count]


def dump(root: str, styles: list[str], out: str) -> None:
    """Render every input in every style in the checkout at ``root``;
    write {"style|input|output": text or the exception's name}."""
    sys.path.insert(0, root)
    from converters.render import render
    from tests import citeproc_js

    inputs = citeproc_js.inputs()
    found: dict[str, str] = {}
    for style in styles:
        for name, records in inputs.items():
            ids = [str(r.id) for r in records]
            cites = ["[" + "; ".join(f"@{i}" for i in ids[k:k + 3]) + "]"
                     for k in range(0, len(ids), 3)]
            for output, cite in (("text", None), ("html", None), ("markdown", None),
                                 ("text", cites)):
                key = f"{style}|{name}|{output}|{'cites' if cite else 'bibliography'}"
                try:
                    result = render(records, style=style, output=output, cite=cite)
                    found[key] = result.text(output)
                except Exception as exc:  # a raise is an output too
                    found[key] = f"raised {type(exc).__name__}"
    with open(out, "w") as handle:
        json.dump(found, handle)


def cached(folder: str | None, root: str, styles: list[str]) -> str | None:
    """Where the baseline's outputs are kept in ``folder`` (None without one)."""
    if not folder:
        return None
    import hashlib

    commit = subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True,
                            text=True, check=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", root, "status", "--porcelain"], capture_output=True,
                           text=True, check=True).stdout
    if dirty.strip():
        return None  # a checkout with changes is rendered afresh
    digest = hashlib.sha1(",".join(styles).encode()).hexdigest()[:12]
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, f"{commit[:12]}-{digest}.json")


def read_json(path: str) -> dict:
    with open(path) as handle:
        return json.load(handle)


def python_of(root: str) -> str:
    candidate = os.path.join(root, ".venv", "bin", "python")
    return candidate if os.path.exists(candidate) else sys.executable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="another checkout of bibconv")
    parser.add_argument("--baseline-python")
    parser.add_argument("--styles", type=int, default=187)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=5, help="differences printed")
    parser.add_argument("--cache", help="a folder to keep the baseline's outputs in")
    parser.add_argument("--dump", nargs=3, metavar=("ROOT", "STYLES", "OUT"),
                        help=argparse.SUPPRESS)  # the child's work
    args = parser.parse_args()
    if args.dump:
        dump(args.dump[0], args.dump[1].split(","), args.dump[2])
        return
    sys.path.insert(0, HERE)
    styles = styles_for(args.styles, args.seed)
    baseline = os.path.abspath(args.baseline)
    with tempfile.TemporaryDirectory() as folder:
        outs = {HERE: os.path.join(folder, "ours.json"),
                baseline: cached(args.cache, baseline, styles) or os.path.join(folder, "base.json")}
        pythons = {HERE: python_of(HERE), baseline: args.baseline_python or python_of(baseline)}
        children = [subprocess.Popen([pythons[root], os.path.abspath(__file__), "--baseline", root,
                                      "--dump", root, ",".join(styles), out], cwd=root)
                    for root, out in outs.items() if not os.path.exists(out)]
        if any(child.wait() for child in children):
            sys.exit("a checkout failed to render")
        ours, theirs = (read_json(outs[root]) for root in (HERE, baseline))
    differing = sorted(k for k in ours.keys() | theirs.keys() if ours.get(k) != theirs.get(k))
    raised = sum(str(v).startswith("raised ") for v in ours.values())
    print(f"{len(styles)} styles, {len(ours)} outputs: {len(differing)} differ from "
          f"{baseline}; {raised} raised here")
    for key in differing[:args.show]:
        print(f"--- {key}\n  before: {str(theirs.get(key))[:300]!r}\n"
              f"  after:  {str(ours.get(key))[:300]!r}")
    if differing:
        sys.exit(1)


if __name__ == "__main__":
    main()
