"""The direct renderers (converters/render/patches/direct.py) stand for the
stack of patches around citeproc-py's cs:text, cs:group, cs:names and
cs:if: rendering with them and without them gives the same output, and
they are installed over the normal stack (a patch that changes the stack
switches them off silently, which would only show as lost speed)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support import ROOT, SEED, corpus

# author-date, numeric, note, label and sorted-by-citation-number styles,
# with and without subsequent-author-substitute and disambiguation
STYLES = ["apa", "chicago-author-date", "ieee", "modern-language-association",
          "chicago-notes-bibliography-17th-edition", "american-chemical-society", "harvard-cite-them-right",
          "elsevier-vancouver", "din-1505-2-alphanumeric", "american-sociological-association"]

_PROBE = """
import json, sys
import converters
import converters.render.patches.direct as direct
if {off}:
    direct.install = lambda: None
from converters.render import render
records = converters.read({path!r}).records
cited = ["@" + "; @".join(str(r.id) for r in records[i:i + 3])
         for i in range(0, min(24, len(records)), 3)]
out = {{}}
for style in {styles!r}:
    for output in ("text", "html"):
        result = render(records, style=style, output=output, cite=None)
        cites = render(records, style=style, output=output, cite=cited)
        out[style + "/" + output] = [result.entries, cites.citations, cites.entries]
json.dump(out, sys.stdout)
"""


def _rendered(path, off: bool, styles=STYLES) -> dict:
    code = _PROBE.format(off=off, path=str(path), styles=[str(s) for s in styles])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("source", ["seed", "biblatex-examples.bib"])
def test_direct_renderers_change_no_output(source):
    path = SEED if source == "seed" else corpus("bibtex", source)
    with_direct, without = _rendered(path, off=False), _rendered(path, off=True)
    assert with_direct.keys() == without.keys()
    for key in without:
        assert with_direct[key] == without[key], key


# cs:names a direct renderer answers (no substitute, the variables absent)
# before the names subsequent-author-substitute compares, in and out of
# groups, beside a substitute that represses a title and a plain text value
_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>direct</title><id>direct</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="who">
    <names variable="editor"><name/><substitute><names variable="author"/>
      <text variable="title"/></substitute></names>
  </macro>
  <citation><layout delimiter="; "><text macro="who"/><text variable="title" prefix=" "/>
  </layout></citation>
  <bibliography subsequent-author-substitute="---">
    <layout suffix=".">
      <names variable="translator"/>
      <group delimiter=" " prefix="[" suffix="]"><text value="tr."/><names variable="translator"/></group>
      <text macro="who"/>
      <group delimiter=", " prefix=" "><text variable="title"/><text value=","/>
        <names variable="illustrator"/><text variable="publisher"/></group>
    </layout>
  </bibliography>
</style>
"""


def test_direct_renderers_on_names_before_the_substituted_ones(tmp_path):
    style = tmp_path / "direct.csl"
    style.write_text(_STYLE)
    people = [{"family": "Doe", "given": "Jane"}]
    items = [{"id": "a", "type": "book", "title": "One", "author": people},
             {"id": "b", "type": "book", "title": "Two", "author": people},
             {"id": "c", "type": "book", "title": "Three", "author": people,
              "translator": [{"family": "Roe", "given": "Ray"}], "publisher": "P"},
             {"id": "d", "type": "book", "title": "Four"},
             {"id": "e", "type": "book", "title": "Five", "editor": people}]
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items))
    with_direct = _rendered(path, off=False, styles=[style])
    without = _rendered(path, off=True, styles=[style])
    assert with_direct == without
    assert any("---" in entry for entry in without[f"{style}/text"][0])


def test_direct_renderers_are_installed_over_the_normal_stack():
    from citeproc import model

    from converters.render import patches

    patches.install()
    direct = "converters.render.patches.direct"
    for method in (model.Text.render, model.Group.render, model.Names.render, model.If.holds):
        assert method.__module__ == direct, method
