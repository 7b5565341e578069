"""Issue 14: an entry whose braced value holds a line that starts like an
entry ("@book{y," pasted into a URL).  BibTeX, biber and pandoc count
braces and read the line as the value's text: pandoc 3.9 -f bibtex gives
"URL": "http://x\\n@book{y,\\n  title = {Z},\\n}" and the entries a and b;
biber --tool writes @BOOK{a, URL = {http://x @book{y, title = {Z}, }}} and
@BOOK{b}.  bibtexparser's splitter aborted the entry at that line, so the
reader skipped it (and read "y" from inside the value).  The reader now
reads it whole, the same in a whole run, --stream and --jobs 2; each test
failed on main."""
from __future__ import annotations

from converters.scale.streams import BATCH
from tests.support import run_cli

MODES = ((), ("--stream",), ("--jobs", "2"))
_PASTED = "@book{a,\n  title = {T},\n  url = {http://x\n@book{y,\n  title = {Z},\n}},\n}\n"


def _three_ways(path, *args) -> list[tuple[str, str, int]]:
    out = []
    for mode in MODES:
        done = run_cli("convert", str(path), "-t", "csljson", *args, *mode, timeout=180)
        out.append((done.stdout.decode(), done.stderr.decode(), done.returncode))
    return out


def test_an_entry_line_inside_a_braced_value_is_the_values_text(tmp_path):
    bib = tmp_path / "pasted.bib"
    bib.write_text(_PASTED + "\n@book{b,\n  title = {U},\n}\n", encoding="utf-8")
    whole, *others = _three_ways(bib)
    assert whole[2] == 0 and whole[1] == ""
    assert '"id": "a"' in whole[0] and '"id": "b"' in whole[0] and '"id": "y"' not in whole[0]
    assert '"URL": "http://x\\n@book' in whole[0]
    for other in others:
        assert other == whole


def test_such_an_entry_in_a_later_chunk_keeps_its_lines_and_its_neighbours(tmp_path):
    filler = "".join(f"@article{{k{i},\n  title = {{T{i}}},\n}}\n\n" for i in range(BATCH + 5))
    bib = tmp_path / "late.bib"
    bib.write_text(filler + _PASTED.replace("title = {T}", "title = {T},\n  journal = UNDEF")
                   + "\n@book{b,\n  title = {U},\n  year = {x}\n}\n", encoding="utf-8")
    whole, *others = _three_ways(bib)
    line = filler.count("\n") + 3  # the undefined macro of "a", on its own line
    assert f"late.bib:{line}: error macro-undefined" in whole[1] and "[a]" in whole[1]
    assert '"id": "b"' in whole[0] and '"id": "y"' not in whole[0]
    for other in others:
        assert other == whole


def test_such_an_entry_with_a_field_twice_is_read_and_its_key_known(tmp_path):
    # The entry read again gives a field twice: said as usual, and its key
    # is one the whole read knows ("K" below differs from it in case).
    filler = "".join(f"@article{{k{i},\n  title = {{T{i}}},\n}}\n\n" for i in range(BATCH + 5))
    bib = tmp_path / "twice.bib"
    bib.write_text(_PASTED.replace("title = {T},", "title = {T},\n  title = {again},")
                   + "\n" + filler + "@book{A,\n  title = {U},\n}\n", encoding="utf-8")
    whole, *others = _three_ways(bib)
    assert "warning field-duplicate field title given twice" in whole[1]
    assert "the key 'A' differs only in case from the entry on line 1" in whole[1]
    assert '"title": "T"' in whole[0]
    for other in others:
        assert other == whole
