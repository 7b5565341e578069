"""Habits the code keeps (issue 13): small functions, readable at a glance."""
from __future__ import annotations

import ast

from conftest import ROOT

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
