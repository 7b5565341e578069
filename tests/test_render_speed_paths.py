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


# a formatted element's seal (punctuation.sealed) lifted by the group and
# macro whose children direct.py renders in one frame, and a group
# delimiter's period meeting the colon or semicolon a child ends in
# (groups._colon_seams): the one-frame paths must do what the groups
# patch's process and punctuation's macro hook do
_SEALS = _HEAD + """
  <macro name="edition"><text variable="edition" font-style="italic"/></macro>
  <macro name="place"><text variable="publisher-place" suffix=":"/></macro>
  <macro name="imprint">
    <group delimiter=". "><text macro="place"/><text variable="publisher"/></group>
  </macro>
  <citation><layout delimiter="; "><text variable="title" font-style="italic"/>
    <text variable="volume" prefix=". "/></layout></citation>
  <bibliography><layout suffix=".">
    <group delimiter=". ">
      <group><text variable="title" font-style="italic"/><text variable="volume" prefix=". "/>
      </group>
      <group><text macro="edition"/><text variable="note" prefix=", "/></group>
      <text macro="imprint"/>
      <group><date variable="issued" suffix=";"><date-part name="year"/></date></group>
      <text variable="page"/>
    </group>
  </layout></bibliography>
</style>
"""


def test_one_frame_paths_keep_seals_and_colon_seams(tmp_path):
    items = [{"id": "a", "type": "book", "title": "Why?", "volume": "3", "edition": "Ed.",
              "note": "n", "publisher-place": "Paris", "publisher": "P",
              "issued": {"date-parts": [[1877]]}, "page": "5"},
             {"id": "b", "type": "book", "title": "Who", "edition": "2nd",
              "publisher": "Q", "issued": {"date-parts": [[1901]]}}]
    fast = _rendered(tmp_path, _SEALS, items, ["[@a; @b]"], off=False)
    slow = _rendered(tmp_path, _SEALS, items, ["[@a; @b]"], off=True)
    assert fast == slow
    # the stack's own rules: the italic "Why?" meets ". 3" unmerged, a
    # nested date's semicolon absorbs the delimiter's period, a field's lets it in
    assert "Why?. 3" in slow["text"][0][0] and "1877; 5" in slow["text"][0][0]
    assert "Paris.: P" in slow["text"][0][0]


def _fingerprint(function) -> str:
    """The code of ``function``, its comments and docstrings aside."""
    import hashlib
    import inspect
    import io
    import tokenize

    kept, previous = [], tokenize.NEWLINE
    for token in tokenize.generate_tokens(io.StringIO(inspect.getsource(function)).readline):
        kind = token.type
        if kind in (tokenize.COMMENT, tokenize.NL):
            continue
        if kind == tokenize.STRING and previous in (tokenize.NEWLINE, tokenize.INDENT,
                                                    tokenize.DEDENT):
            previous = tokenize.NEWLINE  # a docstring
            continue
        if kind not in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            kept.append(token.string)
        previous = kind
    return hashlib.sha256(" ".join(kept).encode()).hexdigest()[:12]


# The functions whose work direct.py's one-frame paths do themselves, with
# the fingerprint of their code when direct.py was last checked against
# them.  A changed fingerprint means a rule may have been added to the
# stack (a new group or macro hook) that direct.py would bypass: read the
# change, make direct.py do it (or call it), then update the fingerprint.
_STOOD_FOR = {
    "groups._patch_group": "5c461083d0d8",
    "groups._group_children": "cd9bb21b1043",
    "groups._track_leaf": "f60bce413744",
    "groups._render_macro": "c36bcf3a50eb",
    "groups._already_substituted": "01ef803b36bd",
    "groups._patch_substitution": "834a09974b2b",
    "groups.group_text": "2c6b7906c1ae",
    "groups.colon_marks": "02acaeb088d1",
    "punctuation.install_entry_reset": "690e92b1403e",
    "punctuation.install_literal_punctuation": "29922b9ca8ed",
    "punctuation.install_suffix_into_quotes": "fdc7343924e7",
    "punctuation._plain_wrap": "cdbb2605cd7e",
    "strip_periods._patch_macro_calls": "f372cac79378",
    "text_case._patch_output_language": "98b87e226c17",
    "speed._patch_plain_markup": "3fc9541117a9",
    "speed_base._patch_text_language": "cd54d4b49b16",
    "speed_base._patch_render_children": "fa9706f7a6b4",
    "speed_base._patch_format": "74de22ff5380",
    "speed_base._patch_wrap": "2061339b1c48",
    "speed_base._patch_conditions": "bfcf241e50b6",
    "speed_base._patch_if": "dc39e0b1cf7f",
    "speed_base._patch_choose": "c050a67da9b4",
    "conditions._patch_type_list": "3020eb377864",
    "names._patch_substitute_inherits": "81e6feca918a",
    "author_substitute._patch_names": "e2cd8fbc1320",
    "name_count.install": "375e5844664b",
    "hooks._dispatch": "c8a9e90bbdff",
}


def test_direct_knows_the_stack_it_stands_for():
    import importlib

    from converters.render.patches import direct

    # every patched layer direct.py checks it stands over is fingerprinted here
    stacks = [value for value in vars(direct).values() if isinstance(value, tuple)
              and value and all(isinstance(layer, tuple) and len(layer) == 3
                                for layer in value)]
    layers = {(module.rpartition(".")[2], qualname.partition(".")[0])
              for stack in stacks for module, qualname, _ in stack
              if module.startswith(direct._P)}
    assert len(stacks) >= 15
    assert {f"{m}.{q}" for m, q in layers} <= _STOOD_FOR.keys()
    changed = {}
    for name, expected in _STOOD_FOR.items():
        module, _, function = name.partition(".")
        found = _fingerprint(getattr(importlib.import_module(
            "converters.render.patches." + module), function))
        if found != expected:
            changed[name] = found
    assert not changed, ("direct.py renders groups, macros and texts itself: check it "
                         f"against these changed functions, then update _STOOD_FOR: {changed}")


def test_one_frame_paths_stand_over_the_functions_they_call():
    from citeproc import model

    from converters.render import patches
    from converters.render.patches import direct

    patches.install()
    assert model.Group.render.__qualname__ == "_install_group.<locals>.render"
    # the stack's process and macro hook call what direct.py calls or does
    assert direct._calls(model.Group.process, direct._GROUP_CALLS)
    assert direct._calls(model.Macro.render_children, direct._MACRO_CALLS)
    # a process that does not (another rule written in its place) is refused
    assert not direct._calls(lambda: None, direct._GROUP_CALLS)
