"""`nook.engine`'s public names: each one in `__all__` resolves, and the engine stays a pure library."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import nook.engine

ENGINE = Path(nook.engine.__file__).parent
#: What a pure library may not import: the product's web, store and services, or a web/database stack.
FORBIDDEN = ("nook.store", "nook.social", "nook.web", "nook.api", "nook.http", "nook.jobs", "sqlalchemy", "fastapi")


def test_every_exported_name_resolves_to_what_its_module_defines() -> None:
    assert sorted(nook.engine.__all__) == sorted(set(nook.engine.__all__))
    for name in nook.engine.__all__:
        value = getattr(nook.engine, name)
        assert value is not None, name
        assert value.__module__.startswith("nook.engine."), name


def test_packages_export_what_they_name() -> None:
    for package in ("nook.engine.comments", "nook.engine.rings", "nook.engine.suggest"):
        module = importlib.import_module(package)
        for name in module.__all__:
            assert hasattr(module, name), f"{package}.{name}"


def test_the_engine_imports_nothing_from_the_product_or_a_web_or_database_stack() -> None:
    for path in ENGINE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            bad = [n for n in names if n.startswith(FORBIDDEN)]
            assert not bad, f"{path.relative_to(ENGINE)} imports {bad}"


def test_analysing_comments_does_not_import_scipy() -> None:
    # `nook engine analyze` imports the comment package; only grouping copies needs scipy (a quarter second)
    code = "import sys, nook.engine.analyze; print('scipy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
