"""citation-js (@citation-js/core + @citation-js/plugin-ris, run by node) as
a consumer of bibconv's RIS: it must read the seed and biblatex-examples to
the same titles, authors, years and DOIs.  Nothing is installed at run time:
the packages are looked for in $BIBCONV_NPM_PEERS or ../npm-peers (see
benchmarks/install_citationjs.sh); the test skips cleanly without them."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from tests.support import ROOT, SEED, corpus

import converters
from converters.model import split_others, strip_markup

PEERS = os.environ.get("BIBCONV_NPM_PEERS", str(ROOT.parent / "npm-peers"))
SCRIPT = """
const {Cite} = require('@citation-js/core');
require('@citation-js/plugin-ris');
let input = '';
process.stdin.on('data', c => input += c);
process.stdin.on('end', () => {
  const items = new Cite(input, {forceType: '@ris/file'}).data;
  process.stdout.write(JSON.stringify(items));
});
"""


def _citation_js(ris: str) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not os.path.isdir(os.path.join(PEERS, "node_modules", "@citation-js", "plugin-ris")):
        pytest.skip(f"@citation-js/plugin-ris not installed in {PEERS}")
    done = subprocess.run([node, "-e", SCRIPT], input=ris.encode(), capture_output=True,
                          timeout=120, env=dict(os.environ, NODE_PATH=os.path.join(
                              PEERS, "node_modules")))
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return json.loads(done.stdout)


def _facts(data: dict) -> dict:
    people, _ = split_others(data.get("author") or [])
    names = [(p.get("family") or p.get("literal") or "").lower() for p in people]
    names = [n for n in names if n not in ("et al.", "others")]  # our et-al marker
    issued = data.get("issued") or {}
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    return {"title": " ".join(strip_markup(data.get("title") or "").split()).casefold(),
            "authors": names, "year": parts[0][0] if parts and parts[0] else None,
            "DOI": (data.get("DOI") or "").lower() or None}


def _particle_family(name: dict) -> str:
    return " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)


@pytest.mark.slow
@pytest.mark.parametrize("source", ["seed", "biblatex-examples.bib"])
def test_citation_js_reads_our_ris_to_the_same_facts(source):
    path = SEED if source == "seed" else corpus("bibtex", source)
    records = converters.read(path).records
    ris = converters.write(records, "ris").text
    theirs = _citation_js(ris)
    assert len(theirs) == len(records)
    agree, differences = 0, []
    for record, item in zip(records, theirs, strict=True):
        ours = _facts(dict(record.data, author=[
            {"family": _particle_family(p)} if "family" in p else p
            for p in record.data.get("author") or []]))
        got = _facts(item)
        wrong = [k for k in ours if ours[k] != got[k]]
        agree += not wrong
        differences += [f"  {record.id} {k}: ours {ours[k]!r} / citation-js {got[k]!r}"
                        for k in wrong]
    print(f"\n{source}: citation-js reads {agree}/{len(records)} records to the same "
          "titles, authors, years and DOIs")
    print("\n".join(differences))
    assert agree / len(records) >= 0.95
