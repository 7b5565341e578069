"""Issue 14: what a BibTeX file says twice, read alike whole, --stream and
--jobs 2.  bibtexparser's own duplicate check kept the first @string of a
name and skipped the second ("the key 'jn' is used again; this entry is
skipped"), only where both fell in one text: a stream whose chunks cut
between them took the second.  BibTeX and pandoc take a macro defined
again from there on (pandoc 3.9 -f bibtex: "First", then "Second"); so
does the reader now.  An entry whose key an earlier entry has, and which
gives a field twice, escaped the splitter's check: read whole, it was kept
(warned of as "differing only in case"), streamed, skipped; it is skipped
(biber: "Duplicate entry key: 'a' ..., skipping").  Each test failed on main."""
from __future__ import annotations

from converters.scale.streams import BATCH
from tests.support import run_cli

MODES = ((), ("--stream",), ("--jobs", "2"))


def _three_ways(path, to: str = "csljson") -> list[tuple[str, str, int]]:
    out = []
    for mode in MODES:
        done = run_cli("convert", str(path), "-t", to, *mode, timeout=180)
        out.append((done.stdout.decode(), done.stderr.decode(), done.returncode))
    return out


def _filler(prefix: str) -> str:
    return "".join(f"@article{{{prefix}{i},\n  title = {{T{i}}},\n}}\n\n"
                   for i in range(BATCH + 5))


def test_a_macro_defined_again_serves_the_entries_after_it(tmp_path):
    bib = tmp_path / "again.bib"
    bib.write_text("@string{jn = {First}}\n@article{a, title={A}, journal=jn}\n"
                   + _filler("k") + "@string{jn = {Second}}\n"
                   "@article{b, title={B}, journal=jn}\n@string{jn = {Third}}\n"
                   "@article{c, title={C}, journal=jn}\n", encoding="utf-8")
    for to in ("csljson", "bibtex"):
        whole, *others = _three_ways(bib, to)
        assert whole[1] == "" and whole[2] == 0
        if to == "csljson":
            assert [line.strip() for line in whole[0].splitlines()
                    if "container-title" in line] == [
                '"container-title": "First",', '"container-title": "Second",',
                '"container-title": "Third",']
        for other in others:
            assert other == whole


def test_a_key_used_again_by_an_entry_with_a_field_twice_is_skipped(tmp_path):
    bib = tmp_path / "twice.bib"
    for where in ("", _filler("k")):  # in the same chunk, or in the next
        bib.write_text("@article{a, title={A}}\n" + where
                       + "@article{a, title={B}, year={1}, year={2}}\n"
                       "@article{c, title={C}}\n", encoding="utf-8")
        whole, *others = _three_ways(bib)
        assert '"title": "B"' not in whole[0] and '"id": "c"' in whole[0]
        assert "error key-duplicate the key 'a' is used again" in whole[1]
        assert "differs only in case" not in whole[1]
        for other in others:
            assert other == whole


def test_a_key_with_a_blank_used_again_in_a_later_chunk_is_skipped(tmp_path):
    # The reader's key runs to the comma ("a b"); the stream's key search
    # stopped at the blank and found none, so the later entry was kept.
    bib = tmp_path / "blank.bib"
    bib.write_text("@article{a b,\n  title = {A}\n}\n\n" + _filler("k")
                   + "@article{a b,\n  title = {B}\n}\n\n@article{A b,\n  title = {C}\n}\n",
                   encoding="utf-8")
    whole, *others = _three_ways(bib)
    assert '"title": "B"' not in whole[0] and '"title": "C"' in whole[0]
    assert "error key-duplicate the key 'a b' is used again" in whole[1]
    assert "the key 'A b' differs only in case from the entry on line 1" in whole[1]
    for other in others:
        assert other == whole


def test_a_parent_whose_key_a_later_entry_has_in_another_case_is_the_first(tmp_path):
    # crossref={p}: the whole read takes the entry keyed "p" as written; a
    # chunk holding only "P" (which differs in case) took that one.
    bib = tmp_path / "cased.bib"
    bib.write_text("@proceedings{p,\n  title = {Parent},\n  year = {1999}\n}\n\n"
                   + _filler("k") + "@proceedings{P,\n  title = {Other}\n}\n\n"
                   "@inproceedings{c,\n  title = {Child},\n  crossref = {p}\n}\n",
                   encoding="utf-8")
    whole, *others = _three_ways(bib)
    child = whole[0][whole[0].index('"id": "c"'):]
    assert '"container-title": "Parent"' in child and "1999" in child
    for other in others:
        assert other == whole


def test_a_key_repeated_exactly_after_one_differing_in_case_is_skipped(tmp_path):
    # The stream kept one spelling a folded key: a later chunk's "K1", after
    # "k1" and "K1" in earlier ones, was read (warned of as differing in
    # case) where the whole read skips it as used again.
    bib = tmp_path / "spellings.bib"
    bib.write_text("@article{k1,\n  title = {A}\n}\n\n@article{K1,\n  title = {B}\n}\n\n"
                   + _filler("m") + "@article{K1,\n  title = {C}\n}\n", encoding="utf-8")
    whole, *others = _three_ways(bib)
    assert '"title": "C"' not in whole[0]
    assert whole[1].count("error key-duplicate the key 'K1' is used again") == 1
    for other in others:
        assert other == whole


def test_a_parent_before_its_child_reads_the_macros_of_its_own_line(tmp_path):
    # "par" uses a macro defined only later in the file: the whole read skips
    # it (macro-undefined) and its child inherits nothing but says so; lent
    # to the child's chunk, it read the macro as defined by then.
    bib = tmp_path / "early.bib"
    bib.write_text("@proceedings{par,\n  title = {P},\n  publisher = jn,\n}\n\n" + _filler("k")
                   + "@string{jn = {J Press}}\n\n"
                   "@inproceedings{child,\n  title = {C},\n  crossref = {par},\n}\n",
                   encoding="utf-8")
    whole, *others = _three_ways(bib)
    assert "J Press" not in whole[0]
    assert "crossref target 'par' was skipped for an undefined macro" in whole[1]
    for other in others:
        assert other == whole
