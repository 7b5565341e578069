"""The core reads what formats declare and never tests a format's name
(issue 13): no comparison, prefix test or lookup with a built-in format's name
or alias in api.py, registry.py or cli.py."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import converters
from converters.registry import BUILTIN, Format, Registry

CORE = Path(converters.__file__).parent
NAMES = {word.lower() for fmt in BUILTIN for word in (fmt.name, *fmt.aliases)}


def _strings(node: ast.AST) -> list[str]:
    """The string constants a node is or holds (a tuple of names)."""
    return [n.value for n in ast.walk(node)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _format_tests(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, name) of each place a format's name is tested or looked up."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("startswith", "endswith", "get", "__contains__"):
            operands = list(node.args)
        elif isinstance(node, ast.Subscript):
            operands = [node.slice]
        elif isinstance(node, ast.match_case):
            operands = [node.pattern]
        else:
            continue
        for operand in operands:
            found += [(node.lineno if hasattr(node, "lineno") else 0, s)
                      for s in _strings(operand) if s.lower() in NAMES]
    return found


def _without_builtin_table(tree: ast.Module) -> ast.Module:
    """registry.py declares the built-ins: the table is data, not a test."""
    tree.body = [s for s in tree.body if not (
        isinstance(s, ast.Assign) and any(getattr(t, "id", "") == "BUILTIN" for t in s.targets))]
    return tree


@pytest.mark.parametrize("module", ["api.py", "registry.py", "cli.py"])
def test_the_core_tests_no_format_name(module):
    tree = _without_builtin_table(ast.parse((CORE / module).read_text(encoding="utf-8")))
    assert _format_tests(tree) == []


def test_the_check_finds_a_name_test():
    """The check above can fail: a planted test of a name is found."""
    planted = ast.parse('if writer.name in ("bibtex", "biblatex"):\n    pass\n'
                        'x = fmt.name.startswith("jats")\ny = options["csljson"]\n')
    assert [name for _, name in _format_tests(planted)] == ["bibtex", "biblatex", "jats",
                                                            "csljson"]


def _blocks_reader(text, source, **options):
    from converters.model import ReadResult, Record

    return ReadResult([Record({"id": "a", "type": "book", "title": text.strip()})],
                      meta={"preamble": ["\\def\\x{}"]})


def _blocks_writer(records, **options):
    from converters.model import WriteResult

    return WriteResult(repr(sorted(options.get("meta", {}))))


def _front_reader(text, source, *, whole: bool = False, **options):
    from converters.model import ReadResult, Record

    records = [Record({"id": "ref", "type": "book", "title": "A cited book"})]
    if whole:
        records.insert(0, Record({"id": "self", "type": "article-journal", "title": text}))
    return ReadResult(records)


def test_capabilities_are_read_from_the_declarations():
    """A format that is none of the built-ins gets file-level blocks and its
    front matter read, by declaring them."""
    registry = Registry([
        Format("blocks", reader=_blocks_reader, writer=_blocks_writer, file_blocks=True),
        Format("plain", writer=_blocks_writer),
        Format("front", reader=_front_reader, front_matter_option="whole")], entry_points=False)
    assert converters.convert("x", "blocks", from_="blocks", registry=registry).text \
        == "['preamble']"
    dropped = converters.convert("x", "plain", from_="blocks", registry=registry)
    assert dropped.text == "[]"
    assert any(d.code == "field-dropped" and "blocks" in d.message for d in dropped.diagnostics)
    assert [r.id for r in converters.validate("Title", from_="front",
                                              registry=registry).records] == ["self", "ref"]
    assert [r.id for r in converters.read("Title", "front", registry=registry).records] == ["ref"]


def test_a_plugin_reader_without_options_is_called_plainly():
    """Validation asks for front matter only of formats that declare it, so a
    reader taking (text, source) alone still works."""
    def bare(text, source):
        from converters.model import ReadResult, Record

        return ReadResult([Record({"id": "b", "type": "book", "title": text})])

    registry = Registry([Format("bare", reader=bare)], entry_points=False)
    assert [r.id for r in converters.validate("T", from_="bare", registry=registry).records] \
        == ["b"]
