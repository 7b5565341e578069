"""A command line CI can trust (issue 12): no command writes onto one of its
inputs, whatever the spelling; -o through links, FIFOs and devices lands
where it should; a bug exits 70 with a short report and writes nothing;
misspelt codes and options are usage errors; each crash once reproduced is
now a diagnostic."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading

import pytest

from tests.support import ROOT, SEED, corpus, run_cli

ITEMS = [{"id": "knuth", "type": "book", "title": "The TeXbook",
          "author": [{"family": "Knuth", "given": "Donald E."}],
          "issued": {"date-parts": [[1984]]}, "publisher": "Addison-Wesley"}]
COMMANDS = {
    "convert": ["convert", "{input}", "-t", "csljson", "-o", "{output}"],
    "validate": ["validate", "{input}", "-o", "{output}"],
    "cite": ["cite", "{input}", "-o", "{output}"],
}


@pytest.fixture
def refs(tmp_path):
    path = tmp_path / "refs.json"
    path.write_text(json.dumps(ITEMS), encoding="utf-8")
    return path


def _spellings(refs):
    """Other names for the same file: relative, ./, .., absolute, symbolic
    link, link to a link, hard link."""
    folder = refs.parent
    (folder / "sub").mkdir(exist_ok=True)
    os.symlink(refs, folder / "link.json")
    os.symlink(folder / "link.json", folder / "link2.json")
    os.link(refs, folder / "hard.json")
    return {"same": "refs.json", "dot": "./refs.json", "dotdot": "sub/../refs.json",
            "absolute": str(refs), "symlink": "link.json", "symlink-chain": "link2.json",
            "hardlink": "hard.json"}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_command_overwrites_an_input_under_any_spelling(refs, command):
    before = refs.read_bytes()
    for name, spelling in _spellings(refs).items():
        args = [a.format(input="refs.json", output=spelling) for a in COMMANDS[command]]
        done = run_cli(*args, cwd=refs.parent)
        assert done.returncode == 2, (name, done.stderr)
        assert b"refusing to overwrite the input 'refs.json'" in done.stderr, name
        assert refs.read_bytes() == before, name
        assert os.path.islink(refs.parent / "link.json")
    # the input named through the link, the output by its own name
    done = run_cli(*[a.format(input="link.json", output="refs.json")
                     for a in COMMANDS[command]], cwd=refs.parent)
    assert done.returncode == 2 and refs.read_bytes() == before


def test_a_profile_or_a_style_file_is_an_input_too(tmp_path, refs):
    profile = tmp_path / "lab.json"
    profile.write_text(json.dumps({"allOf": [{"x-code": "doi-required", "required": ["DOI"]}]}))
    style = tmp_path / "mine.csl"
    shutil.copy(ROOT / "styles" / "bibconv-listing.csl", style)
    for args, kept in ((["validate", refs, "--schema", profile, "-o", profile], profile),
                       (["cite", refs, "--style", style, "-o", style], style)):
        before = kept.read_bytes()
        done = run_cli(*args)
        assert done.returncode == 2 and b"refusing to overwrite" in done.stderr, done.stderr
        assert kept.read_bytes() == before


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_standard_input_redirected_from_the_output_file_is_refused(refs, command):
    before = refs.read_bytes()
    args = [a.format(input="-", output=str(refs)) for a in COMMANDS[command]]
    with open(refs, "rb") as stdin:
        done = subprocess.run([sys.executable, "-m", "converters", *args], stdin=stdin,
                              capture_output=True, timeout=60)
    assert done.returncode == 2 and b"refusing to overwrite" in done.stderr
    assert refs.read_bytes() == before


def test_a_record_file_of_a_folder_output_that_is_an_input_is_refused(tmp_path):
    first = tmp_path / "first"
    done = run_cli("convert", SEED, "-t", "jats-article", "-o", f"{first}/")
    assert done.returncode == 0, done.stderr
    name = sorted(os.listdir(first))[0]
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(first / name, folder / name)
    before = (folder / name).read_bytes()
    done = run_cli("convert", f"d/{name}", "-f", "jats-article", "-t", "jats-article",
                   "-o", "d/", cwd=tmp_path)
    assert done.returncode == 2 and b"refusing to overwrite" in done.stderr
    assert (folder / name).read_bytes() == before
    assert sorted(os.listdir(folder)) == [name]  # nothing else written either


def test_the_elife_article_is_not_replaced_by_its_own_front_matter(tmp_path):
    source = corpus("jats-articles", "elife", "elife02304.xml")
    probe = run_cli("convert", source, "-f", "jats-article", "-t", "jats-article",
                    "-o", f"{tmp_path / 'probe'}/")
    assert probe.returncode in (0, 1), probe.stderr
    name = os.listdir(tmp_path / "probe")[0]
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(source, folder / name)
    os.chmod(folder / name, 0o644)
    done = run_cli("convert", f"d/{name}", "-f", "jats-article", "-t", "jats-article",
                   "-o", "d/", cwd=tmp_path)
    assert done.returncode == 2 and b"refusing to overwrite" in done.stderr
    assert (folder / name).read_bytes() == source.read_bytes()


# -- where -o writes ------------------------------------------------------

def test_output_through_a_symlink_replaces_its_target_and_keeps_the_link(refs):
    folder = refs.parent
    target = folder / "real.txt"
    target.write_text("previous")
    os.symlink("real.txt", folder / "out.txt")
    done = run_cli("validate", refs, "-o", folder / "out.txt")
    assert done.returncode == 0, done.stderr  # a warning: no abstract
    assert os.path.islink(folder / "out.txt")
    assert "abstract-missing" in target.read_text()
    # a dangling link: the file it names is created
    os.symlink("made.txt", folder / "dangling.txt")
    run_cli("validate", refs, "-o", folder / "dangling.txt")
    assert os.path.islink(folder / "dangling.txt")
    assert "abstract-missing" in (folder / "made.txt").read_text()
    assert not [p for p in os.listdir(folder) if p.startswith(".bibconv-")]


def test_output_to_a_fifo_reaches_its_reader(refs):
    fifo = refs.parent / "pipe"
    os.mkfifo(fifo)
    received = []

    def read():
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read)
    reader.start()
    done = run_cli("convert", refs, "-t", "csljson", "-o", fifo)
    reader.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert json.loads(received[0])[0]["id"] == "knuth"
    assert os.path.exists(fifo) and not os.path.isfile(fifo)  # still a FIFO


@pytest.mark.parametrize("device", ["/dev/stdout", "/proc/self/fd/1"])
def test_output_to_dev_stdout_arrives_on_standard_output(refs, device):
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    was_link = os.path.islink("/dev/stdout")
    done = run_cli("convert", refs, "-t", "csljson", "-o", device)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["id"] == "knuth"
    assert os.path.islink("/dev/stdout") == was_link  # never replaced by a file


def test_output_to_dev_stdout_redirected_to_a_file(refs, tmp_path):
    out = tmp_path / "redirected.json"
    with open(out, "wb") as stdout:
        done = subprocess.run([sys.executable, "-m", "converters", "convert", str(refs),
                               "-t", "csljson", "-o", "/dev/stdout"], stdout=stdout,
                              stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())[0]["id"] == "knuth"


def test_output_to_a_character_device(refs):
    done = run_cli("convert", refs, "-t", "csljson", "-o", "/dev/null")
    assert done.returncode == 0, done.stderr
    assert not os.path.isfile("/dev/null")


@pytest.mark.parametrize("where", ["missing/out.json", "file.txt/out.json"])
def test_an_unwritable_output_names_the_path_given(refs, where):
    (refs.parent / "file.txt").write_text("a file, not a folder")
    done = run_cli("convert", refs, "-t", "csljson", "-o", where, cwd=refs.parent)
    assert done.returncode == 2
    stderr = done.stderr.decode()
    assert f"cannot write {where}:" in stderr and ".bibconv-" not in stderr
    assert "Traceback" not in stderr


# -- bugs are not findings ------------------------------------------------

BOOM = """
import sys
from converters.registry import Format, default_registry
from converters.model import WriteResult

def explode(records, **options):
    {}["a bug"]  # a KeyError: a LookupError that must not pass for a usage error

default_registry().register(Format("boom", suffixes=(".boom",), writer=explode))
from converters.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("debug", [False, True])
def test_a_bug_exits_70_with_a_short_report_and_writes_nothing(refs, debug):
    out = refs.parent / "out.boom"
    env = dict(os.environ, BIBCONV_DEBUG="1") if debug else {
        k: v for k, v in os.environ.items() if k != "BIBCONV_DEBUG"}
    done = subprocess.run([sys.executable, "-c", BOOM, "convert", str(refs), "-o", str(out)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert done.returncode == 70, done.stderr
    assert "internal error: KeyError" in done.stderr
    assert "bibconv 0.1.0" in done.stderr and str(refs) in done.stderr
    assert ("Traceback" in done.stderr) is debug
    assert not out.exists() and done.stdout == ""
    assert not [p for p in os.listdir(refs.parent) if p.startswith(".bibconv-")]


def test_exit_codes_are_documented_in_help():
    for command in ("convert", "validate", "cite"):
        done = run_cli(command, "--help")
        assert b"70 an internal error" in done.stdout, command


# -- the crashes once reproduced ------------------------------------------

CRASHES = {
    "control-character": ({"title": "Bad \u0001 title"}, ["jats", "jats-article"],
                          "character-invalid", "'title'"),
    "fields-as-list": ({"custom": {"bibtex": {"fields": ["x"]}}}, ["bibtex", "biblatex"],
                       "value-invalid", "'custom.bibtex.fields'"),
    "count-as-text": ({"custom": {"author-count": "many"}}, ["listing"],
                      "value-invalid", "'custom.author-count'"),
    "fractional-date": ({"issued": {"date-parts": [[2020.5]]}}, ["bibtex", "jats"],
                        "value-invalid", "'issued.date-parts.0.0'"),
}


@pytest.mark.parametrize("case", sorted(CRASHES))
def test_each_reproduced_crash_is_a_diagnostic(tmp_path, case):
    extra, formats, code, field = CRASHES[case]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{**ITEMS[0], **extra}]), encoding="utf-8")
    for fmt in formats:
        done = run_cli("convert", path, "-t", fmt)
        stderr = done.stderr.decode()
        assert done.returncode == 0, stderr
        assert "Traceback" not in stderr and "internal error" not in stderr
        assert f"warning {code} {field}" in stderr and "[knuth]" in stderr, stderr
        assert done.stdout  # the record itself is written
    checked = run_cli("validate", path, "--output-format", "json", "--fail-on", "never")
    codes = {d["code"] for d in json.loads(checked.stdout)["diagnostics"]}
    assert checked.returncode == 0 and code in codes


def test_sarif_for_a_file_name_that_is_not_utf8(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    shutil.copy(SEED, tmp_path / name)
    done = run_cli("validate", name, "--output-format", "sarif", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in document["runs"][0]["results"]}
    assert uris == {"caf%E9.txt"}
    for output_format in ("text", "json", "github", "junit"):
        shown = run_cli("validate", name, "--output-format", output_format, cwd=tmp_path)
        assert shown.returncode == 1, (output_format, shown.stderr)
        out = shown.stdout.decode("utf-8")  # valid UTF-8, the odd byte shown as \xe9
        if output_format == "json":
            assert json.loads(out)["diagnostics"][0]["file"] == "caf\\xe9.txt"
        else:
            assert "caf\\xe9.txt" in out, output_format


def test_a_multi_line_message_stays_on_one_line():
    from converters.diagnostics import make
    from converters.validation.reporters import REPORTERS, Report

    message = "Opening and ending tag mismatch: b line 1 and a\n<a><b></a>\n         ^\n"
    report = Report([make("syntax-error", message, file="broken.xml", line=1)])
    text = REPORTERS["text"](report).splitlines()
    assert text[0] == ("broken.xml:1: error syntax-error Opening and ending tag mismatch: b "
                       "line 1 and a <a><b></a> ^")
    assert REPORTERS["github"](report).count("\n") == 2  # the annotation and the summary
    for name in ("json", "sarif"):
        assert "\\n" not in REPORTERS[name](report)


# -- misspellings are usage errors ----------------------------------------

@pytest.mark.parametrize("args, hint", [
    (["validate", "--select", "key-duplicat"], "did you mean 'key-duplicate'?"),
    (["validate", "--ignore", "abstract-missing,doi-invalidd"], "did you mean 'doi-invalid'?"),
    (["convert", "-t", "csljson", "-W", "csl_versoin=1.0.2"], "did you mean 'csl_version'?"),
    (["convert", "-t", "csljson", "-W", "csl_version=1.1"], "takes '1.0' or '1.0.2'"),
    (["convert", "-t", "jats", "-W", "lines=true"], "has no writer option 'lines'"),
    (["convert", "-t", "jats", "--page"], "--page does not apply to 'jats' output"),
    (["convert", "-t", "bibtex", "-W", "meta=x"], "not set from the command line"),
])
def test_unknown_codes_and_options_are_usage_errors(args, hint):
    done = run_cli(*args[:1], SEED, *args[1:])
    assert done.returncode == 2, done.stderr
    assert hint in done.stderr.decode() and b"Traceback" not in done.stderr


def test_known_codes_and_options_still_work():
    done = run_cli("validate", SEED, "--select", "abstract-missing", "--output-format", "json")
    assert {d["code"] for d in json.loads(done.stdout)["diagnostics"]} == {"abstract-missing"}
    lines = run_cli("convert", SEED, "-t", "csljson", "-W", "lines=yes")
    assert lines.returncode == 0 and len(lines.stdout.splitlines()) == 12
    newer = run_cli("convert", SEED, "-t", "csljson", "-W", "csl-version=1.0.2")
    assert newer.returncode == 0, newer.stderr


def test_writers_declare_their_options_and_undeclared_ones_pass_through():
    from converters.model import WriteResult
    from converters.registry import Format, OptionError, Registry

    def shout(records, **options):
        return WriteResult(str(sorted(options.items())))

    declared = Format("shout", writer=shout, writer_options={"loud": bool,
                                                             "case": ("upper", "lower")})
    assert declared.parse_options({"loud": "yes", "case": "lower"}) == {"loud": True,
                                                                        "case": "lower"}
    with pytest.raises(OptionError, match="did you mean 'loud'"):
        declared.parse_options({"lowd": "1"})
    with pytest.raises(OptionError, match="takes 'upper' or 'lower'"):
        declared.parse_options({"case": "title"})
    registry = Registry([declared, Format("free", writer=shout)], entry_points=False)
    with pytest.raises(OptionError):
        converters_write([], "shout", registry, lowd=True)
    # a plugin that declares nothing is not second-guessed
    assert converters_write([], "free", registry, anything="x").text == "[('anything', 'x')]"
    assert Format("free", writer=shout).parse_options({"flag": "no"}) == {"flag": False}


def converters_write(records, fmt, registry, **options):
    import converters

    return converters.write(records, fmt, registry=registry, **options)
