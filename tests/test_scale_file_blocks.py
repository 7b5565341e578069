"""BibTeX's file-level blocks (@comment, @preamble, @string): a whole run
writes those of every input once, merged (a later @string of one name
overriding the value where the first stood), before every entry.  A
streamed or sharded run writes the same bytes: the blocks are gathered per
shard and placed at the join, or when a shard's own output closes."""
from __future__ import annotations

import gzip

import pytest

from converters import api
from converters.scale import streams
from converters.scale.plan import execute, output_shards
from converters.scale.shards import Job
from tests.support import run_cli
from tests.test_scale import _streamed, _where, _whole

_ONE = ('@string{jan1 = "January"}\n@comment{c1}\n@preamble{"p1"}\n'
        "@book{a, title={A}, month=jan1}\n\n@book{a2, title={A2}}\n\n@book{a3, title={A3}}\n"
        '@string{ed = "Ed"}\n@comment{c2}\n@book{b, title={B}, publisher=ed}\n')
_TWO = '@string{ed = "Edition"}\n@string{x2 = "X"}\n@book{c, title={C}, publisher=x2}\n'


def _files(tmp_path) -> list:
    one, two = tmp_path / "one.bib", tmp_path / "two.bib"
    one.write_text(_ONE)
    two.write_text(_TWO)
    return [one, two]


@pytest.mark.parametrize("to", ["bibtex", "biblatex"])
def test_one_inputs_later_blocks_stream_as_the_whole_write(to, tmp_path, monkeypatch):
    monkeypatch.setattr(streams, "BATCH", 2)  # the second @string is chunks later
    one = _files(tmp_path)[0]
    text, found = _streamed(one, to, tmp_path)
    want_text, want = _whole(one, to)
    assert text.count("@string{") == 2 and text.index("@string{ed") < text.index("@book{")
    assert text == want_text
    assert _where(found) == _where(want)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_two_inputs_blocks_are_written_once_merged(jobs, tmp_path):
    files = [str(p) for p in _files(tmp_path)]
    whole = api.convert(files, "bibtex")
    assert whole.text.count("@string{ed") == 1 and '@string{ed = "Edition"}' in whole.text
    out = tmp_path / "out.bib"
    done = run_cli("convert", *files, "-t", "bibtex", "--stream", "--jobs", jobs,
                   "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text() == whole.text
    assert not list(tmp_path.glob("**/*.blocks"))


def test_blocks_with_no_entry_are_written_as_the_whole_write(tmp_path):
    path = tmp_path / "only.bib"
    path.write_text('@string{a = "A"}\n@preamble{"p"}\n')
    text, _ = _streamed(path, "bibtex", tmp_path)
    assert text == _whole(path, "bibtex")[0] == '@preamble{"p"}\n\n@string{a = "A"}\n'


@pytest.mark.parametrize("suffix", [".bib", ".bib.gz"])
def test_an_output_a_shard_puts_its_later_blocks_first(suffix, tmp_path, monkeypatch):
    monkeypatch.setattr(streams, "BATCH", 2)
    files = _files(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    shards = output_shards([str(p) for p in files], str(out), suffix)
    execute(Job("convert", to="bibtex"), shards, str(tmp_path))
    for path, shard in zip(files, shards, strict=True):
        data = open(shard.output, "rb").read()  # noqa: SIM115
        text = (gzip.decompress(data) if suffix.endswith(".gz") else data).decode()
        assert text == _whole(path, "bibtex")[0]
