"""Issue 14: a @preamble's macros with --stream and --jobs 2 as in the whole
run.  The whole read takes the macros of every @preamble of a file before
it reads any entry (LaTeX writes the preambles at the head of the .bbl), so
an entry before the @preamble uses them too; a later input uses them as
the file's first definition of each name gives them.  Each test failed on
main: a chunk or a shard knew only the @preambles read so far."""
from __future__ import annotations

from converters.scale.streams import BATCH
from tests.support import convert_three_ways


def _filler() -> list[str]:
    """Enough entries that what follows is in the stream's next chunk."""
    return [f"@article{{k{i},\n  title = {{T{i}}},\n  year = {{2000}},\n}}\n"
            for i in range(BATCH + 10)]


def test_a_preamble_in_a_later_chunk_serves_the_entries_before_it(tmp_path):
    bib = tmp_path / "late.bib"
    bib.write_text("\n".join(["@article{first,\n  title = {About \\Foo},\n}\n", *_filler(),
                              '@preamble{"\\newcommand{\\Foo}{Bar Baz}"}\n',
                              "@article{last,\n  title = {Then \\Foo},\n}\n"]),
                   encoding="utf-8")
    for to in ("csljson", "bibtex"):
        whole, *others = convert_three_ways(bib, "-t", to)
        assert whole[2] == 0
        if to == "csljson":  # both entries expanded, the first one too
            assert b'"title": "About Bar Baz"' in whole[0]
            assert b'"title": "Then Bar Baz"' in whole[0]
        for other in others:
            assert other == whole


def test_the_files_first_definition_reaches_its_later_chunks_and_the_next_input(tmp_path):
    # The whole read keeps a file's first definition of a name; a chunk
    # that redefined it gave its own, and so did the macros carried to the
    # next input (--jobs), chunk by chunk.
    first, second = tmp_path / "a.bib", tmp_path / "b.bib"
    first.write_text("\n".join(['@preamble{"\\newcommand{\\Foo}{Alpha}"}\n', *_filler(),
                                '@preamble{"\\renewcommand{\\Foo}{Beta}"}\n',
                                "@article{last,\n  title = {Then \\Foo},\n}\n"]),
                     encoding="utf-8")
    second.write_text("@article{other,\n  title = {Other \\Foo},\n}\n", encoding="utf-8")
    whole, *others = convert_three_ways(first, second, "-t", "csljson")
    assert b'"title": "Then Alpha"' in whole[0] and b'"title": "Other Alpha"' in whole[0]
    for other in others:
        assert other == whole


def test_a_lent_parent_uses_a_preamble_after_it(tmp_path):
    # The child's chunk is lent its parent; the parent's value uses a macro
    # of a @preamble at the end of the file.
    bib = tmp_path / "parent.bib"
    bib.write_text("\n".join(["@inproceedings{child,\n  title = {Child},\n  crossref = {par},\n}\n",
                              *_filler(),
                              "@proceedings{par,\n  title = {Parent},\n"
                              "  publisher = {Press \\Conf},\n  year = {1999},\n}\n",
                              '@preamble{"\\def\\Conf{of Things}"}\n']), encoding="utf-8")
    whole, *others = convert_three_ways(bib, "-t", "csljson")
    assert whole[0].count(b"Press of Things") == 2  # the child's and the parent's
    for other in others:
        assert other == whole
