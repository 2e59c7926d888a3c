"""The database layer on SQLite and PostgreSQL: migrations, constraints, SQLite's locking."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.storage import migrate
from mi_sim.storage.db import (
    WriteBusy,
    make_engine,
    make_sessionmaker,
    reading,
    write_statements,
    writing,
)
from mi_sim.storage.models import (
    Base,
    PersonaRow,
    PersonaVersion,
    PracticeSession,
    Turn,
    User,
    utcnow,
)

pytest_plugins = ("storage_fixtures",)


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    yield make_sessionmaker(engine)
    engine.dispose()


def practice_session(db: Session) -> PracticeSession:
    user = User(name="u", role="trainee", password_hash="x")
    persona = PersonaRow(slug="p", title="P")
    db.add_all([user, persona])
    db.flush()
    version = PersonaVersion(persona_id=persona.id, number=1, yaml_text="x", sha256="0" * 64,
                             status="published")
    db.add(version)
    db.flush()
    row = PracticeSession(id="s1", user_id=user.id, persona_version_id=version.id,
                          level="standard", seed=1, state={"turn": 0})
    db.add(row)
    db.flush()
    return row


def turn(session_id: str, number: int, client_turn_id: str | None = None) -> Turn:
    return Turn(session_id=session_id, number=number, client_turn_id=client_turn_id,
                clinician="Hello.", code="other", why="", segments=[], patient="Hi.",
                talk="neutral", state={}, trace={})


def test_migrations_create_every_table_and_report_the_revision(empty_database_url: str) -> None:
    assert migrate.current_revision(empty_database_url) is None
    assert not migrate.is_up_to_date(empty_database_url)

    assert migrate.upgrade(empty_database_url) == migrate.head_revision()

    engine = make_engine(empty_database_url, pooled=False)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert migrate.is_up_to_date(empty_database_url)


def test_the_migrations_match_the_models_exactly(database_url: str) -> None:
    engine = make_engine(database_url, pooled=False)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_migrations_run_down_to_nothing_and_up_again(empty_database_url: str) -> None:
    migrate.upgrade(empty_database_url)
    command.downgrade(migrate.alembic_config(empty_database_url), "base")
    engine = make_engine(empty_database_url, pooled=False)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    assert migrate.upgrade(empty_database_url) == migrate.head_revision()


def test_upgrade_works_from_any_working_directory(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    assert migrate.upgrade(url) == migrate.head_revision()


def test_looking_at_a_missing_sqlite_file_does_not_create_it(tmp_path: Path) -> None:
    path = tmp_path / "absent.db"
    assert migrate.current_revision(f"sqlite:///{path}") is None
    assert not path.exists()


def test_a_turn_needs_an_existing_session(factory: sessionmaker[Session]) -> None:
    with pytest.raises(IntegrityError), writing(factory) as db:
        db.add(turn("no-such-session", 1))


def test_turn_numbers_and_client_turn_ids_are_unique_within_a_session(
        factory: sessionmaker[Session]) -> None:
    with writing(factory) as db:
        practice_session(db)
        db.add_all([turn("s1", 1, "a"), turn("s1", 2, None), turn("s1", 3, None)])
    with pytest.raises(IntegrityError), writing(factory) as db:
        db.add(turn("s1", 1, "b"))
    with pytest.raises(IntegrityError), writing(factory) as db:
        db.add(turn("s1", 4, "a"))
    with reading(factory) as db:
        assert db.scalar(select(Turn.number).order_by(Turn.number.desc()).limit(1)) == 3


def test_times_come_back_aware_and_in_utc(factory: sessionmaker[Session]) -> None:
    before = utcnow()
    with writing(factory) as db:
        practice_session(db)
    with reading(factory) as db:
        started = db.scalar(select(PracticeSession.started_at))
    assert started is not None and started.tzinfo is not None
    assert started.utcoffset() == UTC.utcoffset(None)
    assert before <= started <= datetime.now(UTC)


def test_json_columns_round_trip_floats_exactly(factory: sessionmaker[Session]) -> None:
    state = {"rapport": 0.1 + 0.2, "discord": 1 / 3, "used": ["a", "b"], "nested": {"x": None}}
    with writing(factory) as db:
        practice_session(db).state = state
    with reading(factory) as db:
        assert db.scalar(select(PracticeSession.state)) == state


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine = make_engine(url, busy_timeout_ms=1234)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234
    engine.dispose()


def test_a_sqlite_write_transaction_takes_the_write_lock_when_it_begins(tmp_path: Path) -> None:
    path = tmp_path / "lock.db"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    engine = make_engine(url, busy_timeout_ms=0)
    factory = make_sessionmaker(engine)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with reading(factory) as db:
            db.execute(text("SELECT 1"))
            other.execute("BEGIN IMMEDIATE")  # a reader does not hold the write lock
            other.execute("ROLLBACK")
        # nothing written yet, but the lock is already held: no SQLITE_BUSY later on
        with writing(factory), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()
        engine.dispose()


def _rows(path: Path) -> int:
    with sqlite3.connect(path) as check:
        return int(check.execute("SELECT count(*) FROM t").fetchone()[0])


@pytest.fixture
def lock_db(tmp_path: Path) -> Iterator[tuple[Path, Engine]]:
    path = tmp_path / "busy.db"
    engine = make_engine(f"sqlite:///{path}", busy_timeout_ms=4321)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    yield path, engine
    engine.dispose()


def test_a_write_that_must_not_wait_gives_up_when_another_process_holds_the_lock(
        lock_db: tuple[Path, Engine]) -> None:
    path, engine = lock_db
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        with pytest.raises(WriteBusy), write_statements(engine, wait=False) as db:
            db.run_sql("INSERT INTO t VALUES (1)")
        assert time.monotonic() - started < 2  # it did not wait the 4.3 s busy timeout
        other.execute("ROLLBACK")
        assert _rows(path) == 0
        # the connection went back to the pool with its busy timeout restored
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 4321
        with write_statements(engine, wait=False) as db:
            db.run_sql("INSERT INTO t VALUES (2)")
        assert _rows(path) == 1
    finally:
        other.close()


def test_a_write_that_must_not_wait_gives_up_while_another_thread_is_writing(
        lock_db: tuple[Path, Engine]) -> None:
    path, engine = lock_db
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with write_statements(engine) as db:
            db.run_sql("INSERT INTO t VALUES (1)")
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert holding.wait(10)
        with pytest.raises(WriteBusy), write_statements(engine, wait=False) as db:
            db.run_sql("INSERT INTO t VALUES (2)")
    finally:
        release.set()
        thread.join(10)
    assert _rows(path) == 1
    with write_statements(engine, wait=False) as db:  # free again: it writes
        db.run_sql("INSERT INTO t VALUES (3)")
    assert _rows(path) == 2


def test_the_postgresql_variants_ran_or_were_allowed_to_skip() -> None:
    """CI sets MI_SIM_REQUIRE_ALL=1 and a URL; this makes a missing URL visible there."""
    if os.environ.get("MI_SIM_REQUIRE_ALL") == "1":
        assert os.environ.get("MI_SIM_TEST_DATABASE_URL"), \
            "MI_SIM_REQUIRE_ALL=1 but MI_SIM_TEST_DATABASE_URL is not set"
