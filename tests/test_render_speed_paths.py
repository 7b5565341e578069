"""The speed paths of direct.py added for issue 15 (a cs:choose's branch
looked up by the reference's kind; a macro's and a group's children
rendered in the frame that calls them) print what the stacked patches
print: rendering with them and without them gives the same output, on
crafted styles that reach their edges, and they are installed over the
normal stack."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.support import ROOT

_PROBE = """
import json, sys
import converters
import converters.render.patches.direct as direct
if {off}:
    direct.install = lambda: None
from converters.render import render
records = converters.read({path!r}).records
out = {{}}
for output in ("text", "html"):
    result = render(records, style={style!r}, output=output)
    cites = render(records, style={style!r}, output=output, cite={cites!r})
    out[output] = [result.entries, cites.citations, cites.entries]
json.dump(out, sys.stdout)
"""


def _rendered(tmp_path, style: str, items: list, cites: list, off: bool) -> dict:
    path, csl = tmp_path / "items.json", tmp_path / "speed.csl"
    path.write_text(json.dumps(items))
    csl.write_text(style)
    code = _PROBE.format(off=off, path=str(path), style=str(csl), cites=cites)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


_HEAD = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>speed</title><id>speed</id><updated>2024-01-01T00:00:00+00:00</updated></info>
"""

# chooses of every kind: on the type (match any, none, all), on variables
# (one, several, hyphenated, match none), on both in one branch, on the cite's locator, on a
# number's value (is-numeric: asked branch by branch), an else-if after an
# else, no branch taken; a branch whose group holds a bare cs:if that fails
# (citeproc-py raises through the cs:choose, which tries the next branch);
# macros and groups suppressed and not, with terms first and quotes
_CHOOSES = _HEAD + """
  <macro name="kind">
    <choose>
      <if type="book report" match="any"><text value="B"/></if>
      <else-if type="article-journal" match="none"><text term="in"/></else-if>
      <else><text variable="container-title" quotes="true"/></else>
    </choose>
  </macro>
  <macro name="vars">
    <choose>
      <if variable="DOI URL" match="any"><text variable="DOI" prefix="doi:"/></if>
      <else-if variable="collection-title number-of-pages"><text value="both"/></else-if>
      <else-if variable="publisher" match="none"><text term="no date" prefix="["
        suffix="]"/></else-if>
    </choose>
  </macro>
  <macro name="where">
    <choose>
      <if locator="page"><text value="at"/></if>
      <else-if variable="locator"><label variable="locator" form="short"/></else-if>
      <else-if is-numeric="volume"><text variable="volume" prefix="v"/></else-if>
      <else><text variable="volume"/></else>
    </choose>
  </macro>
  <macro name="bare">
    <choose>
      <if type="book">
        <group delimiter="-"><text value="x"/><if type="thesis"><text value="y"/></if></group>
      </if>
      <else-if variable="title"><text variable="title" text-case="title"/></else-if>
    </choose>
  </macro>
  <macro name="mixed">
    <choose>
      <if type="chapter" variable="edition" match="all"><text value="ch-ed"/></if>
      <else-if type="book thesis" variable="DOI" match="any"><text value="bk-or-doi"/></else-if>
      <else-if type="report" variable="title" match="none"><text value="neither"/></else-if>
    </choose>
  </macro>
  <macro name="empty">
    <group><text term="edition"/><text variable="edition"/></group>
  </macro>
  <citation><layout delimiter="; ">
    <group delimiter=", "><text macro="kind"/><text macro="where"/>
      <text variable="title" quotes="true"/></group>
  </layout></citation>
  <bibliography>
    <layout suffix=".">
      <group delimiter=". ">
        <text macro="empty"/>
        <text macro="kind"/>
        <group delimiter=", " prefix="(" suffix=")"><text macro="vars"/>
          <text variable="title" quotes="true"/></group>
        <text macro="bare"/>
        <text macro="where"/>
        <text macro="mixed"/>
        <choose><if variable="note"><text variable="note"/></if></choose>
      </group>
    </layout>
  </bibliography>
</style>
"""

_ITEMS = [
    {"id": "a", "type": "book", "title": "one", "publisher": "P", "volume": "3"},
    {"id": "b", "type": "book", "title": "two", "publisher": "Q", "volume": "4"},
    {"id": "c", "type": "article-journal", "title": "Three", "container-title": "J",
     "DOI": "10.1/x", "volume": "iv"},
    {"id": "d", "type": "article-journal", "title": "Four", "container-title": "K",
     "URL": "http://x", "note": "n"},
    {"id": "e", "type": "chapter", "title": "five", "collection-title": "S",
     "number-of-pages": "10", "publisher": "P"},
    {"id": "f", "type": "chapter", "title": "six", "collection-title": "S",
     "number-of-pages": "12", "publisher": "P", "edition": "2"},
    {"id": "g", "type": "thesis"},
    {"id": "h", "type": "report", "title": "eight"},
]
_CITES = ["[@a, p. 5; @c]", "[@b; @d, chap. 2]", "[@e; @f; @g]", "[@h, p. 1; @a]"]


def test_speed_paths_print_what_the_stack_prints(tmp_path):
    fast = _rendered(tmp_path, _CHOOSES, _ITEMS, _CITES, off=False)
    slow = _rendered(tmp_path, _CHOOSES, _ITEMS, _CITES, off=True)
    assert fast == slow
    entries = slow["text"][0]
    assert len(entries) == len(_ITEMS)
    # the bare cs:if failed inside the book's branch: the title's branch printed
    assert "One." in entries[0] and "x-" not in entries[0]


def test_choose_branch_follows_the_reference_when_it_changes(tmp_path):
    # the accessed date is taken out of the reference while cites are
    # compared for disambiguation, and put back: a choose on it answers
    # by the reference as it is each time
    style = _HEAD + """
  <citation disambiguate-add-names="true" et-al-min="2" et-al-use-first="1">
    <layout delimiter="; "><names variable="author"><name form="short"/></names>
      <choose><if variable="accessed"><text value="seen"/></if>
        <else><text value="unseen"/></else></choose></layout>
  </citation>
  <bibliography><layout>
    <names variable="author"/><choose><if variable="accessed"><text value=" seen"/></if>
      <else><text value=" unseen"/></else></choose>
  </layout></bibliography>
</style>
"""
    doe = {"family": "Doe", "given": "Ann"}
    items = [{"id": "a", "type": "webpage", "author": [doe, {"family": "Roe"}],
              "accessed": {"date-parts": [[2020, 1, 2]]}},
             {"id": "b", "type": "webpage", "author": [doe, {"family": "Poe"}]}]
    fast = _rendered(tmp_path, style, items, ["[@a; @b]"], off=False)
    slow = _rendered(tmp_path, style, items, ["[@a; @b]"], off=True)
    assert fast == slow
    assert "seen" in slow["text"][1][0] and "unseen" in slow["text"][1][0]


def test_speed_paths_are_installed_over_the_normal_stack():
    from citeproc import model

    from converters.render import patches

    patches.install()
    assert model.Choose.render.__module__ == "converters.render.patches.direct"
    assert model.Choose.render.__qualname__ == "_install_choose.<locals>.render"
    # the macro's and group's children in one frame (not their closures' fallbacks)
    from converters.render.patches import direct

    text_steps = direct._text_steps(model)
    assert text_steps[2].__closure__ is not None
    children = direct._macro_children(model)
    assert children.__qualname__ == "_macro_children.<locals>.children"
