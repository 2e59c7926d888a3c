"""The engine is a pure domain core: it imports no web, storage or I/O framework."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1] / "mi_sim" / "engine"
FORBIDDEN = ("fastapi", "starlette", "sqlalchemy", "alembic", "jinja2", "uvicorn", "httpx",
             "requests", "yaml", "typer", "psycopg", "sqlite3", "mi_sim.storage", "mi_sim.web",
             "mi_sim.services", "mi_sim.cli", "mi_sim.scenarios", "mi_sim.scoring",
             "mi_sim.config")
ALLOWED_THIRD_PARTY = ("pydantic",)


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_the_engine_package_has_modules_to_check() -> None:
    assert len(list(ENGINE.glob("*.py"))) >= 5


def test_no_engine_module_imports_web_storage_or_frameworks() -> None:
    offenders = []
    for path in sorted(ENGINE.glob("**/*.py")):
        for name in imported_modules(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
                offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_the_engine_imports_only_the_stdlib_pydantic_and_itself() -> None:
    import sys

    stdlib = sys.stdlib_module_names
    offenders = []
    for path in sorted(ENGINE.glob("**/*.py")):
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top in stdlib or top in ALLOWED_THIRD_PARTY or name.startswith("mi_sim.engine"):
                continue
            if top == "__future__":
                continue
            offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_the_purity_check_catches_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy\nfrom fastapi import FastAPI\n", encoding="utf-8")
    assert imported_modules(bad) == ["sqlalchemy", "fastapi"]
