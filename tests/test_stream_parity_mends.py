"""Issue 14, after review (s28): reading again an entry whose braced value
holds a line that starts like an entry (held.py) must not lose entries, and
a @comment must not take an entry's key in --stream/--jobs.  Whole,
--stream and --jobs 2 agree in each test; each failed on branch streamfix.
pandoc 3.9 -f bibtex reads heldkey below as P (note "see @bookQ,
title=Inner done") and Q, and "@comment{k1, a note}" then "@article{k1,"
as the one entry k1."""
from __future__ import annotations

import json

from converters.scale.streams import BATCH
from tests.support import run_cli

MODES = ((), ("--stream",), ("--jobs", "2"))


def _filler(prefix: str, count: int) -> str:
    return "".join(f"@article{{{prefix}{i},\n  title = {{T{i}}},\n}}\n\n" for i in range(count))


def _three_ways(path) -> tuple[list[str], str, int]:
    """(the ids written, stderr, exit code) of a whole run, checked the same
    in --stream and --jobs 2."""
    out = []
    for mode in MODES:
        done = run_cli("convert", str(path), "-t", "csljson", *mode, timeout=180)
        out.append((done.stdout.decode(), done.stderr.decode(), done.returncode))
    for other in out[1:]:
        assert other == out[0]
    text, err, code = out[0]
    return [item["id"] for item in json.loads(text)], err, code


_PASTED_Q = "@misc{P,\n  title = {Pasted},\n  note = {see\n@book{Q, title={Inner}}\n  done},\n}\n\n"
_REAL_Q = "@book{Q,\n  title = {Real Q},\n}\n"


def test_an_entry_whose_key_was_pasted_in_a_held_value_is_kept(tmp_path):
    for name, text in (("next", _PASTED_Q + _REAL_Q),
                       ("later", _PASTED_Q + _filler("f", 30) + _REAL_Q),
                       # the pasted text 2 entries before a chunk's end, Q in the next
                       ("chunks", _filler("f", BATCH - 2) + _PASTED_Q + _filler("g", 5)
                        + _REAL_Q)):
        bib = tmp_path / f"{name}.bib"
        bib.write_text(text, encoding="utf-8")
        ids, err, code = _three_ways(bib)
        assert err == "" and code == 0, name
        assert ids.count("Q") == 1 and "P" in ids, name
        assert ids[-1] == "Q", name  # the real one, after the filler


def test_a_repeat_of_a_key_pasted_in_a_held_value_is_still_skipped(tmp_path):
    bib = tmp_path / "twice.bib"
    bib.write_text(_PASTED_Q + _REAL_Q + "\n" + _REAL_Q, encoding="utf-8")
    ids, err, code = _three_ways(bib)
    assert ids == ["P", "Q"] and code == 1
    assert ":12: error key-duplicate the key 'Q' is used again" in err


_TRUNCATED = "@article{A,\n  title = {A truncated entry},\n  abstract = {We study the\n\n"
_B = "@article{B,\n  title = {Valid entry B},\n  year = {2002},\n}\n\n"
_D = "@article{D,\n  title = {Valid D},\n  year = {2004},\n}\n"


def test_a_truncated_value_does_not_swallow_the_entries_after_it(tmp_path):
    # BibTeX counts braces and would read B and C into A's abstract; the
    # reader keeps main's way: A reported, the entries after it kept
    for name, c in (("sameline", "@article{C,\n  title = {Valid C},\n  year = {2003}}}\n}\n\n"),
                    ("ownline", "@article{C,\n  title = {Valid C},\n  year = {2003}}}\n}\n}\n\n")):
        bib = tmp_path / f"{name}.bib"
        bib.write_text(_TRUNCATED + _B + c + _D, encoding="utf-8")
        ids, err, code = _three_ways(bib)
        assert ids == ["B", "C", "D"] and code == 1, name
        assert ":1: error syntax-error entry skipped" in err and err.endswith("[A]\n"), name


def test_a_held_value_whose_line_ends_in_a_latex_line_break(tmp_path):
    bib = tmp_path / "linebreak.bib"
    bib.write_text(_PASTED_Q.replace("see\n", "see\\\\\n") + "@book{R,\n  title = {R},\n}\n",
                   encoding="utf-8")
    ids, err, code = _three_ways(bib)
    assert ids == ["P", "R"] and err == "" and code == 0


def test_a_comment_naming_a_key_does_not_take_it(tmp_path):
    bib = tmp_path / "commentkey.bib"
    bib.write_text("@comment{k1, a note}\n\n@Comment{jabref-meta: groups, x}\n\n"
                   + _filler("f", BATCH + 5) + "@article{k1,\n  title = {Real},\n}\n"
                   + "@article{jabref-meta: groups,\n  title = {Odd key},\n}\n",
                   encoding="utf-8")
    ids, err, code = _three_ways(bib)
    assert err == "" and code == 0
    assert ids[-2:] == ["k1", "jabref-meta: groups"]


def test_a_comment_naming_a_crossref_parent_does_not_stand_for_it(tmp_path):
    bib = tmp_path / "commentparent.bib"
    bib.write_text("@comment{par, the proceedings below}\n\n" + _filler("f", BATCH + 5)
                   + "@inproceedings{child,\n  crossref = {par},\n  title = {Child},\n}\n\n"
                   + _filler("g", BATCH + 5)
                   + "@proceedings{par,\n  title = {The Proceedings},\n  publisher = {Pub},\n"
                   "  year = {1999},\n}\n", encoding="utf-8")
    outs = []
    for mode in MODES:
        done = run_cli("convert", str(bib), "-t", "csljson", *mode, timeout=180)
        outs.append((done.stdout.decode(), done.stderr.decode(), done.returncode))
    assert all(other == outs[0] for other in outs[1:])
    assert outs[0][1] == "" and outs[0][2] == 0
    child = next(item for item in json.loads(outs[0][0]) if item["id"] == "child")
    assert child.get("publisher") == "Pub"


def test_an_exact_repeat_is_said_at_its_own_line(tmp_path):
    # (on main too it was said at the first entry's line)
    bib = tmp_path / "repeat.bib"
    bib.write_text(_REAL_Q + "\n" + _REAL_Q, encoding="utf-8")
    ids, err, code = _three_ways(bib)
    assert ids == ["Q"] and code == 1
    assert err.startswith(f"{bib}:5: error key-duplicate the key 'Q' is used again")


def test_a_field_given_twice_near_a_held_value(tmp_path):
    bib = tmp_path / "twicefield.bib"
    bib.write_text(_PASTED_Q.replace("title = {Pasted},", "title = {Pasted}, title = {Again},")
                   + "@book{R,\n  title = {R}, title = {R2},\n}\n\n" + _REAL_Q, encoding="utf-8")
    ids, err, code = _three_ways(bib)
    assert ids == ["P", "R", "Q"] and code == 0
    assert err.count("warning field-duplicate field title given twice") == 2
