"""
The tests that verify a page: read from the test files, never imported.

A lesson's own test module holds only tests about that lesson, so all of them
are listed; a lesson may name more that live elsewhere (browser tests, tests
shared by several lessons). The files are parsed with `ast`: the site never
imports pytest or runs a test to show its name, its docstring or its source.
"""

import ast
import textwrap
from dataclasses import dataclass
from functools import cache

from django.conf import settings


@dataclass(frozen=True)
class TestRef:
    node_id: str  # as pytest names it: tests/…/test_x.py::TestClass::test_name
    doc: str  # the first line of its docstring: the behaviour it checks


@cache
def tests_in(module: str) -> tuple[TestRef, ...]:
    """Return every test in a test module, in file order; none if it is missing."""
    path = settings.BASE_DIR / module
    if not path.is_file():  # a deployment without tests/: the page lists none
        return ()
    return tuple(_collect(ast.parse(path.read_text()).body, module))


def find(node_id: str) -> TestRef | None:
    """Return the test a pytest node id names, or None if there is none."""
    module = node_id.split("::", 1)[0]
    return next((t for t in tests_in(module) if t.node_id == node_id), None)


@cache
def test_source(node_id: str) -> str | None:
    """Return a test's source, decorators included; None if it is missing."""
    module, *names = node_id.split("::")
    path = settings.BASE_DIR / module
    if not path.is_file():
        return None
    text = path.read_text()
    node = _find_node(ast.parse(text).body, names)
    if node is None:
        return None
    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
    lines = text.splitlines(keepends=True)[first - 1 : node.end_lineno]
    return textwrap.dedent("".join(lines))


def _find_node(body: list[ast.stmt], names: list[str]) -> ast.AST | None:
    wanted, *rest = names
    for node in body:
        if getattr(node, "name", None) == wanted:
            return _find_node(node.body, rest) if rest else node
    return None


def _collect(body: list[ast.stmt], prefix: str):
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if node.name.startswith("test_"):
                doc = (ast.get_docstring(node) or "").split("\n", 1)[0]
                yield TestRef(f"{prefix}::{node.name}", doc)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            yield from _collect(node.body, f"{prefix}::{node.name}")
