"""JATS read in streams (issue 14): a huge reference list and a
<pmc-articleset> are cut after a </ref> or an </article>, each chunk read
by the JATS reader; the records, their lines and the findings are the
whole-file read's, on every JATS file of the corpora and on large files
built from their real articles; a broken record in the middle is reported
at its line and the records around it are read."""
from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.jats_stream_bench import NAMESPACES, REF, article_texts
from converters import api
from converters.model import ReadResult
from converters.registry import default_registry
from converters.scale import streams
from converters.scale.reading import _head, choose, read_stream
from tests.support import corpus, run_cli

REGISTRY = default_registry()


def _jats_files() -> list[Path]:
    """Every file of the corpora that bibconv reads as JATS."""
    root = corpus()
    found = []
    for path in sorted(root.rglob("*.*ml")):
        if "jats-schema" in path.parts or path.suffix not in (".xml", ".nxml"):
            continue
        fmt = choose(REGISTRY, None, str(path), _head(str(path)))
        if fmt is not None and fmt.name.startswith("jats"):
            found.append(path)
    assert len(found) >= 30
    return found


def _article_texts() -> list[str]:
    """The corpora's real articles without their prologs, ready to stand
    inside a <pmc-articleset>."""
    return article_texts(corpus("jats-articles"))


def _articleset(path: Path, copies: int) -> Path:
    articles = _article_texts() * copies
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<pmc-articleset>'
                    + "\n".join(articles) + "</pmc-articleset>\n", encoding="utf-8")
    return path


def _reflist(path: Path, refs: list[str]) -> Path:
    path.write_text(f'<?xml version="1.0"?>\n<article {NAMESPACES}>\n<front><article-meta>'
                    "<title-group><article-title>All the references</article-title>"
                    "</title-group></article-meta></front>\n<back><ref-list>\n"
                    + "\n".join(refs) + "\n</ref-list></back></article>\n", encoding="utf-8")
    return path


def _all_refs() -> list[str]:
    return [ref for text in _article_texts() for ref in REF.findall(text)]


def _records(result: ReadResult) -> list:
    return [(r.id, r.data, r.origin.file, r.origin.line, r.origin.end_line, r.origin.fields)
            for r in result.records]


def _findings(diagnostics) -> list:
    return sorted((d.code, d.severity.value, d.location and d.location.file,
                   d.location and d.location.line, d.location and d.location.column,
                   d.record or "", d.message) for d in diagnostics)


def _streamed(path: Path, from_: str | None = None, front_matter: bool = False
              ) -> tuple[ReadResult, int]:
    records, diagnostics, chunks = [], [], 0
    for chunk in read_stream(str(path), REGISTRY, from_=from_, front_matter=front_matter):
        records += chunk.records
        diagnostics += chunk.diagnostics
        chunks += 1
    return ReadResult(records, diagnostics), chunks


def _same_as_whole(path: Path, from_: str | None = None, front_matter: bool = False) -> int:
    """Assert the streamed read is the whole read; the number of chunks."""
    _, whole = api._read(str(path), from_, registry=REGISTRY, front_matter=front_matter)
    got, chunks = _streamed(path, from_, front_matter)
    assert _records(got) == _records(whole), (path.name, from_, front_matter)
    assert _findings(got.diagnostics) == _findings(whole.diagnostics), (path.name, from_)
    return chunks


@pytest.mark.parametrize("batch", [1, 7])
def test_every_corpus_jats_file_streamed_reads_as_the_whole_file(batch, monkeypatch):
    monkeypatch.setattr(streams, "BATCH", batch)
    cut = 0
    for path in _jats_files():
        for front_matter in (False, True):
            chunks = _same_as_whole(path, front_matter=front_matter)
            cut += chunks > 1
        _same_as_whole(path, "jats-article")
    assert cut >= 60  # nearly every file was really cut, in both modes


@pytest.mark.parametrize("batch", [3, 500])
def test_a_generated_articleset_streamed_reads_as_the_whole_file(batch, monkeypatch, tmp_path):
    # ref ids repeat from article to article (B1, B2 ...): the ids given
    # across chunks must be the whole read's (B1, B1-2 ...)
    monkeypatch.setattr(streams, "BATCH", batch)
    path = _articleset(tmp_path / "set.xml", copies=1)
    for from_, front_matter in ((None, False), (None, True), ("jats-article", False)):
        chunks = _same_as_whole(path, from_, front_matter)
        assert chunks > 1
    whole = api.read(str(path), "jats-article")
    assert len(whole.records) == len(_article_texts())  # one record an article


def test_past_line_65535_the_streamed_and_whole_lines_are_the_true_ones(tmp_path):
    # libxml2 keeps an element's line in 16 bits and guesses beyond 65535
    # (from the element's first text: a line late here); a chunk is far
    # shorter, so streamed lines stay true in files of any length, and a
    # whole read of so long a document is read in the streamer's chunks
    path = _articleset(tmp_path / "set.xml", copies=2)
    starts = Counter({number: len(re.findall(r"<ref[\s>]", line)) for number, line in
                      enumerate(path.read_text(encoding="utf-8").split("\n"), 1)})
    assert max(n for n, refs in starts.items() if refs) > 70_000
    got, _ = _streamed(path)
    _, whole = api._read(str(path), registry=REGISTRY)
    assert [r.data for r in got.records] == [r.data for r in whole.records]
    assert Counter(r.origin.line for r in got.records) == +starts
    assert Counter(r.origin.line for r in whole.records) == +starts
    assert _same_as_whole(path, front_matter=True) > 1


def test_a_whole_read_reports_findings_past_line_65535_at_their_lines(tmp_path):
    # a generated reference list of 80,000 lines, with a <ref> that has no
    # citation and an entity of the document's own near its end
    refs = [f'<ref id="r{n}">\n  <element-citation publication-type="book">\n'
            f"    <source>Book {n}</source>\n  </element-citation>\n</ref>"
            for n in range(16_000)]
    refs[15_990] = '<ref id="empty">\n  <label>1.</label>\n</ref>'
    refs[15_995] = refs[15_995].replace("Book", "&series; Book")
    path = tmp_path / "long.xml"
    path.write_text('<!DOCTYPE article [<!ENTITY series "Series">]>\n'
                    f"<article {NAMESPACES}><back><ref-list>\n" + "\n".join(refs)
                    + "\n</ref-list></back></article>\n", encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert len(lines) > 80_000
    for fmt in ("jats", None):
        result = api.read(str(path), fmt)
        assert len(result.records) == 15_999
        assert all(lines[r.origin.line - 1] == f'<ref id="{r.id}">' for r in result.records)
        # (a record ends on the line of its last element)
        assert all(lines[r.origin.end_line - 1].startswith("    <source>")
                   for r in result.records)
        assert result.records[-1].data["title"] == "Book 15999"
        assert result.records[15_994].data["title"] == "Series Book 15995"
        assert [(d.code, d.location.line) for d in result.diagnostics] == [
            ("record-invalid", _line_of(path, '<ref id="empty">'))]


def test_a_generated_large_reference_list_streamed_reads_as_the_whole_file(tmp_path):
    refs = _all_refs()
    assert len(refs) > 1500
    path = _reflist(tmp_path / "refs.xml", refs * 2)
    for front_matter in (False, True):
        assert _same_as_whole(path, front_matter=front_matter) > 5
    got, _ = _streamed(path)
    assert len(got.records) == 2 * len(refs)
    assert len({r.id for r in got.records}) == len(got.records)


def test_convert_and_validate_on_the_command_line_agree_with_the_whole_run(tmp_path):
    path = _articleset(tmp_path / "set.xml", copies=1)
    whole = run_cli("convert", path, "-t", "csljson", timeout=300)
    streamed = run_cli("convert", path, "-t", "csljson", "--stream", timeout=300)
    assert streamed.returncode == whole.returncode
    assert streamed.stdout == whole.stdout and len(json.loads(whole.stdout)) > 2000
    checked = [run_cli("validate", path, *flags, "--output-format", "json", timeout=300)
               for flags in ((), ("--stream",))]
    reports = [json.loads(run.stdout) for run in checked]
    key = lambda d: json.dumps(d, sort_keys=True)  # noqa: E731
    assert sorted(reports[1]["diagnostics"], key=key) == sorted(reports[0]["diagnostics"],
                                                                key=key)
    assert reports[1]["summary"] == reports[0]["summary"]


def _line_of(path: Path, marker: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[:text.index(marker)].count("\n") + 1


@pytest.mark.parametrize("batch", [1, 50, 500])
def test_a_broken_ref_in_the_middle_is_one_finding_at_its_line(batch, monkeypatch, tmp_path):
    monkeypatch.setattr(streams, "BATCH", batch)
    refs = _all_refs()[:1200]
    middle = next(n for n in range(600, 1200) if "</source>" in refs[n])
    clean = _reflist(tmp_path / "clean.xml", refs)
    refs[middle] = refs[middle].replace("</source>", "</sourc>", 1)
    path = _reflist(tmp_path / "broken.xml", refs)
    got, chunks = _streamed(path)
    assert chunks > 2
    errors = [d for d in got.diagnostics if d.severity.value == "error"]
    line = _line_of(path, "</sourc>")
    assert [(d.code, d.location.file, d.location.line) for d in errors] == [
        ("syntax-error", str(path), line)]
    assert f"on line {line}" in errors[0].message  # libxml2's own line, moved too
    # every other record reads as in the file without the break (a chunk
    # that does not parse is read again a record at a time: libxml2's
    # recovery would lose the "&lt;" and "&amp;" of the records after it)
    want = _records(api.read(str(clean), "jats"))
    assert len(got.records) == len(want) == 1200
    assert [r[0] for r in _records(got)] == [r[0] for r in want]
    assert [r[1:] for n, r in enumerate(_records(got)) if n != middle] == [
        (r[1], str(path), *r[3:]) for n, r in enumerate(want) if n != middle]


def test_a_broken_article_in_a_set_is_one_finding_and_the_others_are_read(monkeypatch,
                                                                          tmp_path):
    monkeypatch.setattr(streams, "BATCH", 2)
    articles = _article_texts()[:9]
    middle = articles[4]
    cut = middle.index("</article-title>")
    articles[4] = middle[:cut] + "<italic>unclosed" + middle[cut:]
    path = tmp_path / "set.xml"
    path.write_text("<pmc-articleset>\n" + "\n".join(articles) + "\n</pmc-articleset>\n",
                    encoding="utf-8")
    whole = api.read(str(path), "jats-article")
    got, chunks = _streamed(path, "jats-article")
    assert chunks >= 4
    errors = [d for d in got.diagnostics if d.severity.value == "error"]
    assert len(errors) == 1 and errors[0].location.file == str(path)
    assert errors[0].location.line == _line_of(path, "<italic>unclosed")
    titles = [r.data.get("title") for r in got.records]
    assert len(titles) == 9 and all(titles)  # (libxml2's recovery of a whole read nests
    assert titles[:5] == [r.data["title"] for r in whole.records[:5]]  # the rest in it)


def test_chunks_stay_the_size_of_a_batch_whatever_the_file(tmp_path):
    # what bounds memory: no chunk grows with the file
    streamer = REGISTRY.get("jats")._get("streamer")
    largest = {}
    for copies in (1, 4):
        path = _articleset(tmp_path / f"set{copies}.xml", copies)
        with path.open(encoding="utf-8", newline="") as handle:
            sizes = [len(chunk) for _, chunk in streamer(handle, 40)]
        assert len(sizes) > 10 * copies
        largest[copies] = max(sizes)
    assert largest[4] <= largest[1] * 1.05
    assert largest[1] < 2 * max(len(t) for t in _article_texts()) + 200_000


def test_entities_and_safety_survive_the_cuts(monkeypatch, tmp_path):
    # the document's own entity, a standard one, an external one (never
    # fetched) and an unknown one, in refs far apart: each chunk gets the
    # DOCTYPE, so each reads as the whole file does
    monkeypatch.setattr(streams, "BATCH", 2)
    doctype = ('<!DOCTYPE article [\n<!ENTITY journal "Journal of Streams">\n'
               '<!ENTITY leak SYSTEM "file:///etc/passwd">\n]>\n')
    refs = [f'<ref id="r{n}"><element-citation publication-type="journal">'
            f"<article-title>Title &alpha; {n}</article-title><source>&journal;</source>"
            f"{'<comment>&leak;</comment>' if n == 7 else ''}"
            f"{'<volume>&nosuch;</volume>' if n == 9 else ''}"
            f"<year>20{n:02d}</year></element-citation></ref>" for n in range(12)]
    path = tmp_path / "entities.xml"
    path.write_text(doctype + f"<article {NAMESPACES}><back><ref-list>\n" + "\n".join(refs)
                    + "\n</ref-list></back></article>\n", encoding="utf-8")
    got, chunks = _streamed(path)
    assert chunks >= 5
    assert {r.data["container-title"] for r in got.records} == {"Journal of Streams"}
    assert all("\u03b1" in r.data["title"] for r in got.records)
    assert "passwd" not in json.dumps([r.data for r in got.records])
    lines = sorted((d.code, d.location.line) for d in got.diagnostics)
    assert lines == [("entity-unexpanded", _line_of(path, 'id="r7"')),
                     ("entity-unexpanded", _line_of(path, 'id="r9"'))]
    _same_as_whole(path)


def test_jats_article_is_read_in_streams_but_not_written_in_streams(tmp_path):
    # (jats, a reference list, is written in streams: see the end of this file)
    path = _reflist(tmp_path / "refs.xml", _all_refs()[:5])
    got = run_cli("convert", path, "-t", "jats-article", "--stream", "-o", tmp_path / "out/")
    assert got.returncode == 2 and b"not written in streams" in got.stderr


def test_a_minified_file_on_one_line_is_cut_with_lines_and_columns_kept(monkeypatch):
    # PMC's .nxml files are one long line: the head of a chunk cannot be
    # padded to the column, and the lines must still be right
    monkeypatch.setattr(streams, "BATCH", 1)
    path = corpus("jats-articles", "pmc", "mds526.nxml")
    assert max(map(len, path.read_text(encoding="utf-8").split("\n"))) > 50_000
    assert _same_as_whole(path, front_matter=True) > 10


def test_the_cutter_reads_tags_not_what_looks_like_them():
    # "</ref>" inside a comment, CDATA or an attribute value is not an end tag
    text = ('<ref-list><!-- <ref id="c"> </ref> --><ref id="a" note="a > b">'
            "<mixed-citation><![CDATA[</ref>]]>One</mixed-citation></ref>"
            '<ref id="b"><mixed-citation>Two</mixed-citation></ref><ref id="c"/></ref-list>')
    streamer = REGISTRY.get("jats")._get("streamer")
    assert list(streamer(io.StringIO(text), 1)) == [
        (1, '<ref-list><!-- <ref id="c"> </ref> --><ref id="a" note="a > b">'
            "<mixed-citation><![CDATA[</ref>]]>One</mixed-citation></ref></ref-list>"),
        (1, '<ref-list><ref id="b"><mixed-citation>Two</mixed-citation></ref></ref-list>'),
        (1, '<ref-list><ref id="c"/></ref-list>'),
        (1, "<ref-list></ref-list>")]


def test_a_chunk_opens_on_the_line_before_its_first_and_keeps_its_column():
    text = '<ref-list>\n  <ref id="a">x</ref>\n  <ref id="b">y</ref>\n</ref-list>\n'
    streamer = REGISTRY.get("jats")._get("streamer")
    assert list(streamer(io.StringIO(text), 1)) == [
        (1, '<ref-list>\n  <ref id="a">x</ref></ref-list>'),
        (1, '<ref-list>\n' + " " * 21 + '\n  <ref id="b">y</ref></ref-list>'),
        (2, '<ref-list>\n' + " " * 21 + "\n</ref-list>\n")]


# -- written in streams: a reference list joined from batches -----------------

def _convert_streamed(path: Path, to: str, tmp_path: Path, from_: str | None = None):
    """convert --stream in this process: the output text and diagnostics."""
    from converters.scale.plan import execute, part_shards
    from converters.scale.shards import Job

    folder = tmp_path / "work"
    folder.mkdir(exist_ok=True)
    shards = part_shards([str(path)], str(folder))
    run = execute(Job("convert", from_=from_, to=to), shards, str(folder))
    out = io.BytesIO()
    frame = REGISTRY.get(to)._get("streamer").frame({})
    text, diagnostics = _joined_as_the_cli_does(frame, shards, run, out)
    return text, diagnostics


def _joined_as_the_cli_does(frame, shards, run, out: io.BytesIO) -> tuple[str, list]:
    """The shards joined into ``out`` and the findings in the order the
    command line says them (cli._convert_sharded): reading and checking,
    then the ids renamed at the join, then what writing found, named as
    joined."""
    from converters.scale.shards import assemble

    checked = list(run.checked())
    renamed: dict = {}
    joined = assemble(frame, ((s.output, r.wrote, s.path) for s, r in zip(shards, run.results,
                                                                           strict=True)),
                      out, renamed)
    written = list(run.written({s.index: renamed[s.output] for s in shards
                                if s.output in renamed}))
    return out.getvalue().decode("utf-8"), checked + list(joined) + written


def _where(diagnostics, lines: bool = True) -> list:
    return sorted((d.code, d.location.file or "", (d.location.line or 0) if lines else 0,
                   d.record or "", d.message) for d in diagnostics)


# Where the whole-file BibTeX reader's lines are wrong and a chunk's right
# (tests/test_scale.py says why): there only the findings are compared.
_WHOLE_READ_LINES_WRONG = {"texbook3.bib", "tugboat.bib"}


@pytest.mark.parametrize("batch", [3, 500])
def test_a_reference_list_written_in_streams_is_the_whole_write_byte_for_byte(
        batch, monkeypatch, tmp_path):
    # BibTeX (crossref, @string, broken entries), CSL-JSON from other
    # programs, JATS itself and PubMed: each written whole and in batches
    monkeypatch.setattr(streams, "BATCH", batch)
    inputs = [(p, None) for p in sorted(corpus("bibtex").glob("*.bib"))
              if p.stat().st_size < 1_500_000]
    inputs += [(p, None) for p in sorted(corpus("csl-json").rglob("*.json"))[:8]]
    inputs += [(p, "jats") for p in _jats_files()[:10]]
    inputs += [(p, "pubmed-xml") for p in sorted(
        (Path(__file__).parent.parent / "fixtures" / "pubmed").glob("*.xml"))]
    cut = 0
    for path, from_ in inputs:
        text, found = _convert_streamed(path, "jats", tmp_path, from_)
        whole = api.convert([str(path)], "jats", from_=from_)
        assert text == whole.text, path.name
        lines = path.name not in _WHOLE_READ_LINES_WRONG
        assert _where(found, lines) == _where(whole.diagnostics, lines), path.name
        cut += text.count("<ref ") > batch
    assert cut >= (3 if batch == 500 else 20)


def test_no_record_at_all_writes_the_empty_reference_list(tmp_path):
    path = tmp_path / "strings.bib"
    path.write_text("@string{x = {y}}\n", encoding="utf-8")
    text, _ = _convert_streamed(path, "jats", tmp_path)
    assert text == api.convert([str(path)], "jats").text
    assert "<ref-list/>" in text


def test_jats_written_in_streams_on_the_command_line(tmp_path):
    source = corpus("bibtex", "bbt-import-873-crossref-parens.bib")  # 988 entries: two runs
    whole = run_cli("convert", source, "-t", "jats", "-o", tmp_path / "whole.xml", timeout=300)
    streamed = run_cli("convert", source, "-t", "jats", "-o", tmp_path / "streamed.xml",
                       "--stream", timeout=300)
    assert streamed.returncode == whole.returncode
    assert (tmp_path / "streamed.xml").read_bytes() == (tmp_path / "whole.xml").read_bytes()
    assert sorted(streamed.stderr.splitlines()) == sorted(whole.stderr.splitlines())
    refused = run_cli("convert", source, "-t", "jats-article", "-o", f"{tmp_path}/out/",
                      "--stream")
    assert refused.returncode == 2 and b"not written in streams" in refused.stderr


# -- XML ids unique across the whole output (bugs of the last review) ---------

def _ref_ids(text: str) -> list[str]:
    return re.findall(r'<ref id="([^"]*)"', text)


def _book(record_id: str, title: str) -> dict:
    return {"id": record_id, "type": "book", "title": title}


@pytest.mark.parametrize("batch", [1, 3, 500])
def test_ids_cleaned_into_another_form_stay_unique_across_batches(batch, monkeypatch,
                                                                  tmp_path):
    # "1x" is written "r1x": a record of a later batch cleaned to the same
    # id, or whose own id is "r1x", must get -2, -3 as in a whole write
    monkeypatch.setattr(streams, "BATCH", batch)
    records = [_book("1x", "First")] + [_book(f"k{n}", "Filler") for n in range(7)]
    records += [_book("1x", "Again"), _book("r1x", "Own"), _book("1 x", "Spaced"),
                _book("r1x-2", "Taken")]
    path = tmp_path / "ids.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    text, found = _convert_streamed(path, "jats", tmp_path)
    whole = api.convert([str(path)], "jats")
    assert text == whole.text
    ids = _ref_ids(text)
    assert len(ids) == len(records) == len(set(ids))
    assert ids[0] == "r1x" and ids[8:] == ["r1x-2", "r1x-3", "r1-x", "r1x-2-2"]
    assert _where(found) == _where(whole.diagnostics)


def _convert_joined(paths: list[Path], tmp_path: Path) -> tuple[str, list]:
    """convert --stream of several inputs into one JATS output, in this
    process: the text and the findings in the command line's order."""
    from converters.scale.plan import execute, part_shards
    from converters.scale.shards import Job

    folder = tmp_path / "joined"
    folder.mkdir(exist_ok=True)
    shards = part_shards([str(p) for p in paths], str(folder))
    run = execute(Job("convert", to="jats"), shards, str(folder))
    out = io.BytesIO()
    frame = REGISTRY.get("jats")._get("streamer").frame({})
    return _joined_as_the_cli_does(frame, shards, run, out)


def test_ids_of_several_inputs_joined_into_one_output_stay_unique(tmp_path):
    # each input is a shard with its own ids: the join renames what an
    # earlier part took, in the whole write's form, and says so
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    one.write_text(json.dumps([_book("a", "A"), _book("1x", "B")]), encoding="utf-8")
    two.write_text(json.dumps([_book("a", "C"), _book("r1x", "D"), _book("a-2", "E")]),
                   encoding="utf-8")
    text, found = _convert_joined([one, two], tmp_path)
    whole = api.convert([str(one), str(two)], "jats")
    assert _ref_ids(text) == _ref_ids(whole.text) == ["a", "r1x", "a-2", "r1x-2", "a-2-2"]
    assert text == whole.text
    # the whole write's findings, in its order: 'a' and 'a-2' renamed as
    # duplicates, then '1x' and 'r1x' cleaned by the writer (the second into
    # 'r1x-2', as the first took 'r1x')
    assert [(d.code, d.record, d.location.line) for d in found] == [
        (d.code, d.record, d.location.line) for d in whole.diagnostics]
    assert [(d.code, d.record) for d in found] == [("id-duplicate", "a-2"),
                                                   ("id-duplicate", "a-2-2"),
                                                   ("key-cleaned", "1x"),
                                                   ("key-cleaned", "r1x")]
    # one input: the join renames nothing, the output is the whole write's
    text, found = _convert_joined([one], tmp_path)
    whole = api.convert([str(one)], "jats")
    assert text == whole.text and found == list(whole.diagnostics)


def test_the_cli_shows_the_ids_the_join_renamed_with_the_input_they_came_from(tmp_path):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    one.write_text(json.dumps([_book("a", "A")]), encoding="utf-8")
    two.write_text(json.dumps([_book("a", "B")]), encoding="utf-8")
    out = tmp_path / "refs.xml"
    done = run_cli("convert", one, two, "-t", "jats", "--stream", "-o", out)
    assert done.returncode == 0, done.stderr
    assert _ref_ids(out.read_text(encoding="utf-8")) == ["a", "a-2"]
    shown = done.stderr.decode("utf-8").splitlines()
    # the whole run's finding, at the record's line in its own input
    assert [line for line in shown if "id-duplicate" in line] == [
        f"{two}:1: warning id-duplicate id 'a' is used by an earlier record; renamed 'a-2' [a-2]"]
    whole = run_cli("convert", one, two, "-t", "jats", "-o", tmp_path / "whole.xml")
    assert whole.stderr == done.stderr
