"""The official CSL processor test suite run through bibconv's renderer.

Fixtures are the suite's human-readable files (``humans/*.txt``): sections
``>>===== NAME =====>> ... <<===== NAME =====<<`` for MODE, RESULT, CSL,
INPUT and optionally CITATION-ITEMS, CITATIONS, BIBENTRIES, BIBSECTION.
A fixture passes when our HTML equals RESULT, compared as citeproc-js's
runner does: whitespace between tags and at the ends ignored, entities
read.  Sequences of citations with positions (CITATIONS) and the
bibliography features citeproc-py lacks (BIBENTRIES, BIBSECTION) are
counted, not run.

    python -m tests.csl_suite [FOLDER] [-v] [--group name] [--show FIXTURE]
    python -m tests.csl_suite --attribute   # the fixtures each patch module makes pass
"""
from __future__ import annotations

import html
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from converters.render.patches import ORDER

_SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n?(.*?)\n?<<=+ \1 =+<<", re.S)


@dataclass
class Fixture:
    name: str
    sections: dict[str, str]

    @property
    def group(self) -> str:
        return self.name.split("_")[0]

    @property
    def mode(self) -> str:
        return self.sections["MODE"].strip()

    def json(self, section: str):
        text = self.sections.get(section)
        return None if text is None else json.loads(text)

    @property
    def skipped(self) -> str | None:
        """Why the fixture is not run, or None."""
        for section in ("CITATIONS", "BIBENTRIES", "BIBSECTION"):
            if section in self.sections:
                return section
        return None


def read_fixture(path: Path) -> Fixture:
    text = path.read_text(encoding="utf-8")
    return Fixture(path.stem, {m.group(1): m.group(2) for m in _SECTION.finditer(text)})


def fixtures(folder: Path) -> list[Fixture]:
    return [read_fixture(p) for p in sorted(folder.glob("*.txt"))]


def normalise(text: str) -> str:
    text = re.sub(r">\s+<", "><", text.strip())
    return html.unescape(" ".join(text.split()))


def run_fixture(fixture: Fixture) -> str:
    """Our output for a fixture, in the suite's HTML."""
    from converters.render import load_style, patches, run
    from converters.render.engine import finish

    patches.install()  # before prepare_item is looked up: a patch reads input fields
    from converters.render.records import prepare_item, source_for

    csl = load_style(fixture.name, None, xml=fixture.sections["CSL"])
    items, incomplete = [], {}
    for number, item in enumerate(fixture.json("INPUT"), 1):
        item.setdefault("id", f"item-{number}")  # a few fixtures leave ids out
        data, cut = prepare_item(item)
        items.append(data)
        if cut:
            incomplete[str(item["id"]).lower()] = cut
    source = source_for(items, incomplete)
    clusters = fixture.json("CITATION-ITEMS")
    if fixture.mode == "citation":
        clusters = clusters or [[{"id": item["id"]} for item in items]]
        citations, _ = run(csl, source, clusters, output="html", register_all=False)
        return "\n".join(finish(csl, [], citations, "html")[1])
    citations, pairs = run(csl, source, clusters or [], output="html",
                           register_all=not clusters)
    entries, _ = finish(csl, pairs, [], "html")
    body = "\n".join(f'  <div class="csl-entry">{entry}</div>' for entry in entries)
    return f'<div class="csl-bib-body">\n{body}\n</div>'


@dataclass
class Outcome:
    fixture: Fixture
    status: str  # passed | failed | raised | skipped
    output: str = ""


def run_all(folder: Path, only: str | None = None) -> list[Outcome]:
    outcomes = []
    for fixture in fixtures(folder):
        if only and fixture.group != only and fixture.name != only:
            continue
        if "MODE" not in fixture.sections or "RESULT" not in fixture.sections:
            continue
        if fixture.skipped:
            outcomes.append(Outcome(fixture, "skipped"))
            continue
        try:
            output = run_fixture(fixture)
        except Exception as exc:  # counted: no fixture may raise
            outcomes.append(Outcome(fixture, "raised", f"{type(exc).__name__}: {exc}"))
            continue
        same = normalise(output) == normalise(fixture.sections["RESULT"])
        outcomes.append(Outcome(fixture, "passed" if same else "failed", output))
    return outcomes


def counts(outcomes: list[Outcome]) -> dict[str, Counter]:
    """mode -> Counter of statuses."""
    by_mode: dict[str, Counter] = defaultdict(Counter)
    for outcome in outcomes:
        by_mode[outcome.fixture.mode][outcome.status] += 1
    return by_mode


def table(outcomes: list[Outcome]) -> str:
    groups: dict[str, Counter] = defaultdict(Counter)
    for outcome in outcomes:
        groups[outcome.fixture.group][outcome.status] += 1
    lines = [f"{'group':<14} passed / run  (failed, raised, skipped)"]
    for name, c in sorted(groups.items()):
        run_count = c["passed"] + c["failed"] + c["raised"]
        lines.append(f"{name:<14} {c['passed']:>4} / {run_count:<4} "
                     f"({c['failed']}, {c['raised']}, {c['skipped']})")
    for mode, c in sorted(counts(outcomes).items()):
        run_count = c["passed"] + c["failed"] + c["raised"]
        lines.append(f"{mode}: {c['passed']} passed of {run_count} run "
                     f"({c['failed']} failed, {c['raised']} raised, "
                     f"{c['skipped']} sequences or sections not run)")
    return "\n".join(lines)


# Every patch but speed, speed_base and direct, which change no output (and which
# others build on: givennames' disambiguate test is asked through
# speed_base's If.holds).
PATCH_MODULES = [m for m in ORDER if m not in ("speed", "speed_base", "direct")]


def attribute(folder: Path) -> dict[str, list[str]]:
    """patch module -> the fixtures that fail with it left out (each run in
    a fresh process, the module's install() made a no-op)."""
    import subprocess

    probe = ("import sys, json; sys.path[:0] = [{root!r}]\n"
             "import converters.render.patches.{module} as m\n"
             "if {off}: m.install = lambda: None\n"
             "from tests import csl_suite; from pathlib import Path\n"
             "print(json.dumps([o.fixture.name for o in csl_suite.run_all(Path({folder!r}))"
             " if o.status == 'passed']))")
    here = Path(__file__).resolve().parent

    def passed(module: str, off: bool) -> set[str]:
        code = probe.format(root=str(here.parent), module=module, off=off,
                            folder=str(folder))
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        return set(json.loads(done.stdout))

    everything = passed("names", False)
    return {m: sorted(everything - passed(m, True)) for m in PATCH_MODULES}


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    folder = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / \
        "csl-test-suite" / "humans"
    args = [a for a in argv if not a.startswith("-")]
    if args and Path(args[0]).is_dir():
        folder = Path(args.pop(0))
    only = argv[argv.index("--group") + 1] if "--group" in argv else None
    if "--attribute" in argv:
        for module, names in attribute(folder).items():
            print(f"{module} ({len(names)}): {' '.join(names)}")
        return
    if "--show" in argv:
        name = argv[argv.index("--show") + 1]
        outcome = run_all(folder, name)[0]
        print(outcome.status, "\n--- expected\n" + outcome.fixture.sections["RESULT"],
              "\n--- ours\n" + outcome.output)
        return
    outcomes = run_all(folder, only)
    if "-v" in argv:
        for o in outcomes:
            if o.status in ("failed", "raised"):
                print(f"{o.status} {o.fixture.name}")
    print(table(outcomes))


if __name__ == "__main__":
    main(sys.argv[1:])
