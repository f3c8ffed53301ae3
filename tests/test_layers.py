"""Layers (issue 15): routes parse, call a service and render; web and api stand side by side.

No module under nook.api or nook.web queries the database (services in nook.social do), and
neither adapter imports the other. Checked on the source with `ast`, so comments and strings
that mention these calls do not count, and an aliased receiver (`s = ctx.session`) does.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "nook"
ADAPTERS = ("api", "web")
#: Session methods that run SQL (or load a row by key).
QUERY_METHODS = {"get", "execute", "scalars", "scalar", "query"}


def modules(package: str) -> list[Path]:
    return sorted((SRC / package).rglob("*.py"))


def _is_session(node: ast.expr) -> bool:
    """`session`, `ctx.session`, `self.session`, `db_session`...: anything named like a database session."""
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return name == "session" or name.endswith("_session")


def query_calls(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, what) for each `select(...)` and each `<session>.get/execute/scalars/scalar/query(...)`."""
    aliases = _session_aliases(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "select":
            yield node.lineno, "select("
        elif isinstance(func, ast.Attribute) and func.attr == "select" and _names(func.value) == "sqlalchemy":
            yield node.lineno, "sqlalchemy.select("
        elif isinstance(func, ast.Attribute) and func.attr in QUERY_METHODS:
            receiver = func.value
            if _is_session(receiver) or (isinstance(receiver, ast.Name) and receiver.id in aliases):
                yield node.lineno, f"session.{func.attr}("


def _session_aliases(tree: ast.AST) -> set[str]:
    """Local names bound to a session (`s = ctx.session`), so renaming it does not hide a query."""
    return {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _is_session(node.value)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _names(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else ""


def imported_modules(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            yield from ((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)


def _parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(SRC.parent)}:{line}"


@pytest.mark.parametrize("package", ADAPTERS)
def test_routes_do_not_query(package: str) -> None:
    found = [f"{_where(p, line)} {what}" for p in modules(package) for line, what in query_calls(_parse(p))]
    assert not found, "queries belong in a nook.social service:\n" + "\n".join(found)


@pytest.mark.parametrize(("package", "other"), [("web", "api"), ("api", "web")])
def test_adapters_do_not_import_each_other(package: str, other: str) -> None:
    banned = f"nook.{other}"
    found = [
        f"{_where(p, line)} imports {name}"
        for p in modules(package)
        for line, name in imported_modules(_parse(p))
        if name == banned or name.startswith(banned + ".")
    ]
    assert not found, f"nook.{package} must not import nook.{other}:\n" + "\n".join(found)


CHECK_FIXTURES = {
    "select(User).where(User.id == 1)": ["select("],
    "ctx.session.get(Post, 1)": ["session.get("],
    "session.execute(stmt)": ["session.execute("],
    "s = ctx.session\ns.scalars(stmt)": ["session.scalars("],
    "ctx.session.query(Circle).filter(x)": ["session.query("],
    "sqlalchemy.select(User)": ["sqlalchemy.select("],
    "form.get('x'); ctx.session.add(row); ctx.session.flush()": [],
    "# session.get(Post, 1)\n'select(x)'": [],
}


@pytest.mark.parametrize(("source", "expected"), CHECK_FIXTURES.items())
def test_the_query_check_itself(source: str, expected: list[str]) -> None:
    assert [what for _, what in query_calls(ast.parse(source))] == expected


def test_the_import_check_itself() -> None:
    tree = ast.parse("import nook.api.schemas\nfrom nook.web import pages\nfrom nook import api\n")
    names = [name for _, name in imported_modules(tree)]
    assert "nook.api.schemas" in names and "nook.web" in names and "nook.api" in names
