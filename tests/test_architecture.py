"""
The rooms of the app depend one way: pages → course → lessons → panel → lab.

A room may import the rooms after it in that order, never one before it, so
each can be read (and tested) without those above it. `user_sessions` is the
course's own session engine (an app of its own, for its table): the lab offers
it like Django's engines, so it sits below the lab and knows nothing of it.
`serializers` is a leaf any room may use; `urls` and `apps` sit on top, with
`migrations` (the demo user of /beyond/login/) and `management` (its commands).
"""

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

ORDER = ("pages", "course", "lessons", "panel", "lab", "user_sessions", "serializers")
APP = ROOT / "sessions_demo"


def room_of(module: str) -> str | None:
    """Return the room a dotted module belongs to: sessions_demo.lab.x → lab."""
    parts = module.split(".")
    return parts[1] if parts[0] == "sessions_demo" and len(parts) > 1 else None


def imports_of(path: Path) -> set[str]:
    """Return the sessions_demo modules a file imports, as absolute names."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(filter(None, [base, node.module or ""]))
            found |= {f"{module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name.startswith("sessions_demo.")}


@pytest.mark.parametrize("room", ORDER[:-1])
def test_a_room_imports_only_the_rooms_after_it(room):
    """No module imports a room that comes before its own in the order."""
    allowed = set(ORDER[ORDER.index(room) :])
    for path in sorted((APP / room).rglob("*.py")):
        for name in imports_of(path):
            assert room_of(name) in allowed, f"{path.relative_to(ROOT)} imports {name}"


def test_every_module_lives_in_a_room():
    """Besides the rooms, the app has only its entry points at the top."""
    top = {p.stem for p in APP.glob("*.py")} | {
        p.name for p in APP.iterdir() if p.is_dir() and p.name != "__pycache__"
    }
    assert top - {"__init__", "apps", "urls", "migrations", "management"} <= set(ORDER)
