"""Engines and sessions for SQLite and PostgreSQL.

SQLite is opened in WAL mode (readers never block the writer), with a busy timeout and foreign
keys on. pysqlite's own transaction handling is switched off so that SQLAlchemy's `begin` event
decides how each transaction starts: `BEGIN` for reads, `BEGIN IMMEDIATE` for writes (see
`writing`). A write transaction therefore takes the write lock at its start and waits for it
within the busy timeout, instead of failing with SQLITE_BUSY halfway through a read-then-write.

PostgreSQL gets `pool_pre_ping`, so connections dropped by a server restart are replaced.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool, StaticPool

# Connection execution option read by the SQLite `begin` listener.
BEGIN_MODE = "mi_sim_begin"
WRITE = {BEGIN_MODE: "IMMEDIATE"}


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str, *, busy_timeout_ms: int = 5000, pool_size: int = 10,
                pooled: bool = True, echo: bool = False) -> Engine:
    """An engine for `url`, configured for this application's concurrency rules."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, busy_timeout_ms, pool_size, pooled, echo)
    kwargs: dict[str, Any] = {"pool_pre_ping": True, "echo": echo}
    if pooled:
        kwargs.update(pool_size=pool_size, max_overflow=pool_size * 2)
    else:
        kwargs["poolclass"] = NullPool
    return create_engine(url, **kwargs)


def _sqlite_engine(url: str, busy_timeout_ms: int, pool_size: int, pooled: bool,
                   echo: bool) -> Engine:
    parsed = make_url(url)
    memory = parsed.database in (None, "", ":memory:")
    kwargs: dict[str, Any] = {
        "echo": echo,
        "connect_args": {"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
    }
    if memory:
        kwargs["poolclass"] = StaticPool
    elif pooled:
        kwargs.update(pool_size=pool_size, max_overflow=pool_size * 2)
    else:
        kwargs["poolclass"] = NullPool
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let the `begin` listener emit BEGIN; pysqlite would otherwise begin lazily and
        # only before DML, which defeats BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if not memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(BEGIN_MODE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN")

    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (records are built from them)."""
    return sessionmaker(engine, expire_on_commit=False, autoflush=False)


@contextmanager
def writing(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One write transaction: committed when the block ends, rolled back on an exception.

    On SQLite it starts with BEGIN IMMEDIATE; keep it short (no engine work inside).
    """
    with factory() as session:
        session.connection(execution_options=WRITE)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def reading(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One read transaction, closed at the end.

    Loaded objects stay readable (detached, not expired) after the block, but lazy loads
    would fail: copy what you need into records.
    """
    with factory() as session:
        yield session


def serialize(session: Session, key: int) -> None:
    """Serialise writers that must not run side by side (e.g. creating the first admin).

    SQLite write transactions are already serial (BEGIN IMMEDIATE); PostgreSQL takes a
    transaction-scoped advisory lock on `key`.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
