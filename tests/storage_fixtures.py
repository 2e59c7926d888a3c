"""Fixtures for storage and service tests, run on SQLite and on PostgreSQL.

Use from a test module with `pytest_plugins = ("storage_fixtures",)`. A test that asks for
`database_url`, `settings` or `services` runs twice: on a SQLite file in tmp_path and on
PostgreSQL when `MI_SIM_TEST_DATABASE_URL` is set (each PostgreSQL test gets clean tables in a
schema private to this test run). Without the variable the PostgreSQL variants are skipped with
a loud reason — or fail, when `MI_SIM_REQUIRE_ALL=1` (CI).

Import nothing from this module directly in a test module before pytest registers it as a
plugin (pytest would then not rewrite its asserts); ask for fixtures instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text

from mi_sim.config import Settings
from mi_sim.services import Services
from mi_sim.services.records import UserRecord
from mi_sim.storage import migrate
from mi_sim.storage.models import Base
from mi_sim.storage.scratch import scratch_schema

PG_URL = os.environ.get("MI_SIM_TEST_DATABASE_URL", "")
REQUIRE_ALL = os.environ.get("MI_SIM_REQUIRE_ALL") == "1"
PG_MISSING = ("PostgreSQL variant NOT RUN: set MI_SIM_TEST_DATABASE_URL (e.g. "
              "postgresql+psycopg://postgres@127.0.0.1:5432/test) to run it; see DEVELOPERS.md")
# Cheap argon2 parameters: still real argon2id hashes, a few ms each instead of ~50.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "correct horse battery"
TABLES = sorted(Base.metadata.tables)


def need_postgresql() -> str:
    if not PG_URL:
        if REQUIRE_ALL:
            pytest.fail(PG_MISSING + " (MI_SIM_REQUIRE_ALL=1 forbids skipping)")
        pytest.skip(PG_MISSING)
    return PG_URL


@contextmanager
def postgresql_schema(base_url: str) -> Iterator[str]:
    """A URL whose connections use a new, empty schema; the schema is dropped afterwards."""
    with scratch_schema(base_url, "mi_sim_test") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        need_postgresql()
    return str(request.param)


@pytest.fixture
def empty_database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A database with nothing in it (not migrated)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    with postgresql_schema(need_postgresql()) as url:
        yield url


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    migrate.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def _postgresql_migrated() -> Iterator[str]:
    with postgresql_schema(need_postgresql()) as url:
        migrate.upgrade(url)
        yield url


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A migrated, empty database: a copy of a migrated SQLite file, or truncated PG tables."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("_sqlite_template")
        path = tmp_path / "mi-sim.db"
        shutil.copyfile(template, path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("_postgresql_migrated")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=database_url, login_max_attempts=3,
                    login_max_attempts_per_address=10, login_window_seconds=60)


@pytest.fixture
def services(settings: Settings) -> Iterator[Services]:
    built = Services.from_settings(settings, hasher=FAST_HASHER)
    yield built
    built.close()


@pytest.fixture
def synced(services: Services) -> Services:
    """Services with the shipped personas loaded."""
    services.personas.sync_shipped_personas()
    return services


@pytest.fixture
def trainee(services: Services) -> UserRecord:
    return services.accounts.create_user("tess", "trainee", PASSWORD)


@pytest.fixture
def admin(services: Services) -> UserRecord:
    return services.accounts.create_user("ada", "admin", PASSWORD)
