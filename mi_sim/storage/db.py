"""Engines and sessions for SQLite and PostgreSQL.

SQLite is opened in WAL mode (readers never block the writer), with a busy timeout and foreign
keys on. pysqlite's own transaction handling is switched off so that SQLAlchemy's `begin` event
decides how each transaction starts: `BEGIN` for reads, `BEGIN IMMEDIATE` for writes (see
`writing`). A write transaction therefore takes the write lock at its start and waits for it
within the busy timeout, instead of failing with SQLITE_BUSY halfway through a read-then-write.

Within one process, SQLite writers also queue on an in-process lock (`write_lock`) before
BEGIN IMMEDIATE. SQLite's busy handler makes a waiting writer sleep (up to 100 ms at a time)
and retry, so with many threads a writer often sleeps long after the lock was free again; a
thread waiting on the in-process lock wakes the moment the previous writer commits. The busy
timeout still governs writers in other processes (a second server, `mi-sim` commands).
The requests every user makes all the time (the token lookup, posting a turn) run `Prepared`
statements on a pooled DBAPI connection instead (`read_statements`, `write_statements`), under
the same transaction rules.

PostgreSQL gets `pool_pre_ping`, so connections dropped by a server restart are replaced.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext, suppress
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, Dialect, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool, PoolProxiedConnection, StaticPool
from sqlalchemy.sql.base import Executable

# Connection execution option read by the SQLite `begin` listener.
BEGIN_MODE = "mi_sim_begin"
WRITE = {BEGIN_MODE: "IMMEDIATE"}

# SQLite engines' in-process writer locks (see the module's docstring) and busy timeouts.
_WRITE_LOCKS: weakref.WeakKeyDictionary[Engine, threading.RLock] = weakref.WeakKeyDictionary()
_BUSY_TIMEOUTS: weakref.WeakKeyDictionary[Engine, int] = weakref.WeakKeyDictionary()
_NO_LOCK = nullcontext()

# How long a write that must not wait (`write_statements(..., wait=False)`) may wait for the
# in-process lock and for another process's write lock before giving up with `WriteBusy`.
NO_WAIT_MS = 20


class WriteBusy(Exception):
    """A write asked not to wait found another writer in the way; nothing was written."""


SQLITE_READONLY = 8
"""SQLite's primary result code for a write to a read-only database (a file opened with
`mode=ro`, on a read-only mount or without write permission); extended codes keep it in the
low byte."""
PG_READ_ONLY_SQL_TRANSACTION = "25006"
"""PostgreSQL's SQLSTATE for a write in a read-only transaction (a hot standby, or
`default_transaction_read_only` set for the role or database)."""


def is_read_only(error: BaseException) -> bool:
    """True when `error` (SQLAlchemy's, or the driver's) says the database cannot be written
    at all, as opposed to being busy or unreachable for a moment."""
    original = error.orig if isinstance(error, DBAPIError) else error
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF == SQLITE_READONLY:
        return True
    if getattr(original, "sqlstate", None) == PG_READ_ONLY_SQL_TRANSACTION:
        return True
    return "readonly database" in str(original)


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
    _WRITE_LOCKS[engine] = threading.RLock()
    _BUSY_TIMEOUTS[engine] = int(busy_timeout_ms)

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


def write_lock(engine: Engine | None) -> Any:
    """The in-process lock SQLite writers take before BEGIN IMMEDIATE (a no-op context on
    PostgreSQL, whose writers only lock the rows they change)."""
    lock = None if engine is None else _WRITE_LOCKS.get(engine)
    return _NO_LOCK if lock is None else lock


@contextmanager
def writing(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One write transaction: committed when the block ends, rolled back on an exception.

    On SQLite it starts with BEGIN IMMEDIATE, after the in-process `write_lock`; keep it short
    (no engine work inside).
    """
    with write_lock(factory.kw.get("bind")), factory() as session:
        session.connection(execution_options=WRITE)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# --- the hot path: prepared statements on DBAPI connections -----------------------------------


class Prepared:
    """A Core statement compiled once per dialect, then run straight on a DBAPI cursor.

    For the few statements every request runs (the token lookup, a turn's read and write):
    SQLAlchemy's `Connection.execute` costs about 0.1 ms a statement in Python (cache keys,
    execution contexts, result metadata), several times SQLite's own work. The SQL stays
    SQLAlchemy's (compiled for the engine's dialect, so the same statement runs on SQLite and
    PostgreSQL) and so do the values: each parameter and column goes through its type's own bind
    and result processors (JSON, `UTCDateTime`, booleans). Errors are raised as SQLAlchemy's
    (`sqlalchemy.exc.IntegrityError`, ...), as `Connection.execute` would.

    `column_keys` names the columns an INSERT or UPDATE sets (each a parameter of that name).
    """

    def __init__(self, statement: Executable, column_keys: Sequence[str] | None = None) -> None:
        self.statement = statement
        self.column_keys = list(column_keys) if column_keys is not None else None
        self._compiled: dict[tuple[str, str, str], _Compiled] = {}

    def for_dialect(self, dialect: Dialect) -> _Compiled:
        key = (dialect.name, dialect.driver, str(dialect.paramstyle))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = _Compiled(self, dialect)
        return compiled


class _Compiled:
    """A `Prepared` statement's SQL, parameter order and processors for one dialect."""

    def __init__(self, prepared: Prepared, dialect: Dialect) -> None:
        compiled = prepared.statement.compile(dialect=dialect,
                                              column_keys=prepared.column_keys)
        if getattr(compiled, "escaped_bind_names", None):
            raise ValueError("a prepared statement's parameter names must be plain")
        self.sql = compiled.string
        binds = compiled.binds  # type: ignore[attr-defined]
        names = (list(compiled.positiontup or ())  # type: ignore[attr-defined]
                 if compiled.positional else list(binds))
        self.positional = bool(compiled.positional)
        self.params: list[tuple[str, Any, Callable[[Any], Any] | None]] = [
            (name, _REQUIRED if binds[name].required else binds[name].effective_value,
             binds[name].type.dialect_impl(dialect).bind_processor(dialect))
            for name in names]
        selected = getattr(prepared.statement, "selected_columns", None)
        self.columns: list[tuple[str, Callable[[Any], Any] | None]] = [
            (column.key, column.type.dialect_impl(dialect).result_processor(dialect, None))
            for column in (selected or ())]

    def arguments(self, params: dict[str, Any]) -> Any:
        values = []
        for name, default, process in self.params:
            value = params[name] if default is _REQUIRED or name in params else default
            values.append(value if process is None else process(value))
        if self.positional:
            return tuple(values)
        return {name: value for (name, _, _), value in zip(self.params, values, strict=True)}

    def row(self, raw: Sequence[Any]) -> dict[str, Any]:
        return {name: value if process is None else process(value)
                for (name, process), value in zip(self.columns, raw, strict=True)}


_REQUIRED = object()


class Statements:
    """A DBAPI connection checked out of an engine's pool, running `Prepared` statements."""

    def __init__(self, dialect: Dialect, dbapi_connection: PoolProxiedConnection) -> None:
        self.dialect = dialect
        self.connection = dbapi_connection
        self.cursor = dbapi_connection.cursor()

    @classmethod
    def on(cls, connection: Connection) -> Statements:
        """Statements inside a SQLAlchemy connection's (or ORM session's) transaction."""
        return cls(connection.dialect, connection.connection)

    def run_sql(self, sql: str, arguments: Any = ()) -> None:
        try:
            self.cursor.execute(sql, arguments)
        except self.dialect.loaded_dbapi.Error as exc:
            raise self._wrapped(exc, sql, arguments) from exc

    def execute(self, prepared: Prepared, params: dict[str, Any]) -> int:
        """Run an INSERT, UPDATE or DELETE; returns the number of rows it matched."""
        compiled = prepared.for_dialect(self.dialect)
        self.run_sql(compiled.sql, compiled.arguments(params))
        return int(self.cursor.rowcount)

    def first(self, prepared: Prepared, params: dict[str, Any]) -> dict[str, Any] | None:
        """The first row of a SELECT, as a dict by column key, or None."""
        compiled = prepared.for_dialect(self.dialect)
        self.run_sql(compiled.sql, compiled.arguments(params))
        raw = self.cursor.fetchone()
        return None if raw is None else compiled.row(raw)

    def all(self, prepared: Prepared, params: dict[str, Any]) -> list[dict[str, Any]]:
        compiled = prepared.for_dialect(self.dialect)
        self.run_sql(compiled.sql, compiled.arguments(params))
        return [compiled.row(raw) for raw in self.cursor.fetchall()]

    def commit(self) -> None:
        try:
            self.connection.commit()
        except self.dialect.loaded_dbapi.Error as exc:
            raise self._wrapped(exc, "COMMIT", ()) from exc

    def release(self) -> None:
        """Close the cursor and return the connection to the pool (which ends any read)."""
        with suppress(Exception):
            self.cursor.close()
        self.connection.close()

    def _wrapped(self, exc: Exception, sql: str, arguments: Any) -> DBAPIError:
        invalidated = self.dialect.is_disconnect(exc, self.connection, self.cursor)
        if invalidated:
            self.connection.invalidate(exc)
        return DBAPIError.instance(sql, arguments, exc, self.dialect.loaded_dbapi.Error,
                                   connection_invalidated=invalidated, dialect=self.dialect)


@contextmanager
def write_statements(engine: Engine, *, wait: bool = True) -> Iterator[Statements]:
    """`writing` for `Prepared` statements: one write transaction (BEGIN IMMEDIATE after the
    in-process `write_lock` on SQLite), committed when the block ends, rolled back on an
    exception.

    `wait=False` is for callers on the event loop, which must not sleep: on SQLite, if the
    in-process lock or another process's write lock is not free within `NO_WAIT_MS`, it
    raises `WriteBusy` before anything is written (the caller retries in a worker thread,
    which waits the full busy timeout). Elsewhere `wait` changes nothing.
    """
    lock = _WRITE_LOCKS.get(engine)
    if lock is not None and not lock.acquire(timeout=-1 if wait else NO_WAIT_MS / 1000):
        raise WriteBusy
    try:
        statements = Statements(engine.dialect, engine.raw_connection())
        try:
            if lock is not None:
                _begin_immediate(statements, None if wait else _BUSY_TIMEOUTS[engine])
            try:
                yield statements
                statements.commit()
            except BaseException:
                with suppress(Exception):
                    statements.connection.rollback()
                raise
        finally:
            statements.release()
    finally:
        if lock is not None:
            lock.release()


def _begin_immediate(statements: Statements, restore_ms: int | None) -> None:
    """BEGIN IMMEDIATE; with `restore_ms`, wait at most `NO_WAIT_MS` for it (`WriteBusy`)."""
    if restore_ms is None:
        statements.run_sql("BEGIN IMMEDIATE")
        return
    statements.run_sql(f"PRAGMA busy_timeout={NO_WAIT_MS}")
    try:
        statements.run_sql("BEGIN IMMEDIATE")
    except OperationalError as exc:
        if "locked" in str(exc.orig) or "busy" in str(exc.orig):
            raise WriteBusy from exc
        raise
    finally:
        statements.run_sql(f"PRAGMA busy_timeout={restore_ms}")


@contextmanager
def read_statements(engine: Engine) -> Iterator[Statements]:
    """`Prepared` reads that need no transaction across statements (on SQLite each statement
    reads its own consistent snapshot; on PostgreSQL the pool ends the implicit transaction
    when the connection goes back)."""
    statements = Statements(engine.dialect, engine.raw_connection())
    try:
        yield statements
    finally:
        statements.release()


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
