"""Formats by name, alias, suffix and content; plugins through entry points."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import converters
from converters.model import ReadResult, Record, WriteResult
from converters.registry import Format, FormatError, Registry, default_registry


def test_lookup_by_name_alias_suffix_and_content():
    registry = default_registry()
    assert registry.get("CSL-JSON").name == "csljson"
    assert registry.get("page").name == "listing"
    assert registry.for_path("refs.csl.json").name == "csljson"
    assert registry.for_path("publications.TXT").name == "listing"
    assert registry.for_path("paper.docx") is None
    assert registry.sniff('[{"id": "a", "type": "book"}]').name == "csljson"
    assert registry.sniff("Publications\n\nA title\nAn Author\n").name == "listing"
    with pytest.raises(FormatError, match="unknown format 'nope'"):
        registry.get("nope")


def _upper_reader(text, source, **options):
    return ReadResult([Record({"id": "x", "type": "article", "title": text.strip().upper()})])


def _title_writer(records, **options):
    return WriteResult("\n".join(r.data["title"] for r in records) + "\n")


def test_registered_formats_plug_into_read_write_and_convert():
    registry = Registry([Format("shout", "test format", suffixes=(".shout",),
                                reader=_upper_reader, writer=_title_writer)])
    result = converters.convert("hello there", "shout", from_="shout", registry=registry)
    assert result.text == "HELLO THERE\n"
    with pytest.raises(FormatError):
        registry.register(Format("shout"))


def _shout_plugin(tmp_path, suffix: str) -> str:
    """A plugin format "shout" installed by entry points in ``tmp_path``;
    the script that runs bibconv's CLI with it on the path."""
    plugin = tmp_path / "bibconv_shout.py"
    plugin.write_text(textwrap.dedent(f'''
        from converters.model import ReadResult, Record, WriteResult

        def read(text, source, **options):
            return ReadResult([Record({{"id": "s", "type": "article", "title": text.strip()}})])
        read.suffixes = ({suffix!r},)
        read.description = "shouted titles"

        def write(records, **options):
            return WriteResult("".join(r.data["title"].upper() + "!\\n" for r in records))
    '''))
    dist = tmp_path / "bibconv_shout-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: bibconv-shout\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[bibconv.readers]\nshout = bibconv_shout:read\n\n"
        "[bibconv.writers]\nshout = bibconv_shout:write\n")
    return (f"import sys; sys.path.insert(0, {str(tmp_path)!r}); "
            "from converters.cli import main; sys.exit(main(sys.argv[1:]))")


def test_entry_point_plugins_are_found(tmp_path):
    script = _shout_plugin(tmp_path, ".shout")
    (tmp_path / "in.shout").write_text("quiet title\n")
    listed = subprocess.run([sys.executable, "-c", script, "formats"],
                            capture_output=True, text=True)
    assert "shout" in listed.stdout and ".shout" in listed.stdout
    assert "shouted titles" in listed.stdout
    done = subprocess.run([sys.executable, "-c", script, "convert", str(tmp_path / "in.shout"),
                           "-t", "shout"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "QUIET TITLE!\n"


def test_a_plugins_longer_suffix_beats_a_built_ins(tmp_path):
    # ".shout.json" ends in csljson's ".json": the longer suffix is the plugin's
    script = _shout_plugin(tmp_path, ".shout.json")
    (tmp_path / "in.shout.json").write_text("quiet title\n")
    done = subprocess.run([sys.executable, "-c", script, "convert",
                           str(tmp_path / "in.shout.json"), "-t", "csljson"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["title"] == "quiet title"


def test_read_accepts_paths_text_and_bytes(tmp_path):
    from tests.support import SEED

    by_path = converters.read(SEED)
    by_text = converters.read(SEED.read_text(encoding="utf-8"))
    by_bytes = converters.read(SEED.read_bytes())
    assert [r.data for r in by_path.records] == [r.data for r in by_text.records] \
        == [r.data for r in by_bytes.records]
    assert by_path.records[0].origin.file == str(SEED)
    missing = converters.read(str(tmp_path / "gone.json"))
    assert [d.code for d in missing.diagnostics] == ["input-unreadable"]


def test_a_plugin_reader_without_options_still_validates():
    def strict_reader(text, source):  # takes no **options
        return ReadResult([Record({"id": "x", "type": "book", "title": text.strip()})])

    registry = Registry([Format("strict", reader=strict_reader)])
    result = converters.validate("A title", from_="strict", registry=registry)
    assert [r.data["title"] for r in result.records] == ["A title"]


def test_formats_sharing_a_suffix_are_chosen_by_their_sniffers(tmp_path):
    """.xml is claimed by jats, jats-article and endnote-xml: a real EndNote
    export named .xml reads as EndNote XML, not as a JATS reference list."""
    import json

    from tests.support import corpus

    cases = json.loads(corpus("zotero-translator-tests", "Endnote-XML.testcases.json")
                       .read_text(encoding="utf-8"))
    registry = default_registry()
    assert [f.name for f in registry.claimants("export.xml")] == ["jats", "jats-article",
                                                                 "endnote-xml", "pubmed-xml"]
    for number, case in enumerate(cases):
        path = tmp_path / f"export{number}.xml"
        path.write_text(case["input"], encoding="utf-8")
        assert registry.for_path(str(path), case["input"], readable=True).name == "endnote-xml"
        named = converters.read(path, "endnote-xml")
        guessed = converters.read(path)
        assert len(guessed.records) == len(case["items"]) == len(named.records)
        assert [r.data for r in guessed.records] == [r.data for r in named.records]


def test_a_suffix_shared_by_formats_still_names_one_without_text():
    registry = default_registry()
    assert registry.for_path("out.xml").name == "jats"  # what -o out.xml writes
    front = "<article><front><article-meta><title-group><article-title>T" \
            "</article-title></title-group></article-meta></front></article>"
    assert registry.for_path("a.xml", front).name == "jats-article"
    refs = "<article><back><ref-list><ref id='r1'><element-citation>" \
           "<source>S</source></element-citation></ref></ref-list></back></article>"
    assert registry.for_path("a.xml", refs).name == "jats"
    assert registry.for_path("a.xml", "not xml at all").name == "jats"  # none sniffs: the first


def test_a_sniffer_that_raises_is_not_sure_of_anything():
    def broken(text):
        raise ValueError("a plugin's bug")

    registry = Registry()
    registry.register(Format("broken", suffixes=(".json",), reader=lambda text, source: None,
                             sniffer=broken))
    assert registry.get("broken").sniff("[]") == 0.0
