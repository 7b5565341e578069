"""Habits the code keeps (issue 13): small functions, readable at a glance."""
from __future__ import annotations

import ast

from tests.support import ROOT

LONGEST = 60  # lines, decorators and docstring included
# argparse declarations read as one list of options, not as logic
DECLARATIONS = {("converters/cli.py", "_parser")}


def _functions():
    for path in sorted((ROOT / "converters").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield (str(path.relative_to(ROOT)), node.name,
                       node.end_lineno - node.lineno + 1)


def test_no_function_is_longer_than_a_screen():
    long = [f"{path}:{name} ({lines} lines)" for path, name, lines in _functions()
            if lines > LONGEST and (path, name) not in DECLARATIONS]
    assert long == []


def test_the_rule_sees_functions():
    assert any(name == "_parser" and lines > LONGEST for _, name, lines in _functions())


def _bare_helper_imports(folder: str) -> list[str]:
    """Imports in ``folder`` of a module of tests/ or benchmarks/ by its bare
    name ("import listing_pages", "from conftest import"), which works only
    with that folder put on sys.path by hand."""
    local = {p.stem for d in ("tests", "benchmarks") for p in (ROOT / d).glob("*.py")}
    found = []
    for path in sorted((ROOT / folder).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                     else [])
            found += [f"{path.name}:{node.lineno} {n}" for n in names if n.split(".")[0] in local]
    return found


def test_tests_and_benchmarks_import_their_helpers_as_packages():
    assert _bare_helper_imports("tests") == []
    assert _bare_helper_imports("benchmarks") == []


def _edits_sys_path(tree: ast.AST) -> bool:
    return any(isinstance(node, ast.Attribute) and node.attr == "path"
               and isinstance(node.value, ast.Name) and node.value.id == "sys"
               for node in ast.walk(tree))


def test_no_test_module_edits_sys_path():
    edits = [p.name for p in sorted((ROOT / "tests").glob("test_*.py"))
             if _edits_sys_path(ast.parse(p.read_text(encoding="utf-8")))]
    assert edits == []


def test_the_sys_path_rule_sees_an_edit():
    assert _edits_sys_path(ast.parse("import sys\nsys.path.insert(0, 'x')"))
    assert not _edits_sys_path(ast.parse("script = 'import sys; sys.path.insert(0, 1)'"))
