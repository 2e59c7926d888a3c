"""The whole database as JSON lines, and back: backups, and moving a programme elsewhere.

    with open("backup.jsonl", "wb") as out:
        services.backup.export_all(out)
    with open("backup.jsonl", "rb") as source:
        services_elsewhere.backup.import_all(source)      # into an empty, migrated database

The format (version 1), one JSON object per line, UTF-8:

1. a header: `{"format": "mi-sim-export", "version": 1, "schema_revision": <Alembic
   revision>, "exported_at": <ISO 8601 UTC>, "tables": [<names, in the order below>]}`;
2. one line per row, `{"table": <name>, "row": {<every column>: <value>}}`, table by table in
   dependency order (`Base.metadata.sorted_tables`: a row's foreign keys point at rows already
   written) and within a table by primary key. Times are ISO 8601 in UTC
   (`2026-03-01T09:00:00.123456+00:00`), JSON columns are JSON, booleans are booleans;
3. a trailer: `{"format": "mi-sim-export-end", "counts": {<table>: <rows>}, "rows": <total>,
   "sha256": <hex digest of every row line, newline included>, "hmac_sha256": <hex HMAC of
   the header and every row line, keyed by the installation>, "key_id": <which key>}`. A file
   without it was cut short; counts or a digest that do not match mean it was damaged; a
   signature that does not match means it was altered, or made by an installation with
   another `MI_SIM_SECRET_KEY` (`mi_sim.services.backup_signing`). Such a file, or one with no
   signature, is refused unless the import is told `allow_unsigned`.

Two exports of the same data are identical apart from `exported_at` (and the signature,
which covers it), whichever backend they came from. The export reads one consistent snapshot
(one transaction; REPEATABLE READ on PostgreSQL) and streams it: rows are fetched `FETCH_ROWS`
at a time (a server-side cursor on PostgreSQL), so memory does not grow with the database.

An import goes into an EMPTY database migrated to the same revision as the export, and only
there: it refuses a database that holds any row (this is a restore, not a merge) and a file
from another revision (migrate the source or the target first). It checks every line (known
table, every column present and of the right type and size, tables in dependency order, no
line over `MAX_LINE_BYTES`), inserts in batches of `BATCH_ROWS` in ONE transaction, and checks
the trailer before committing: any problem raises `Invalid` naming the line, and nothing is
stored. Primary keys are kept, so links between rows (and session ids in URLs) survive; on
PostgreSQL each id sequence is then set past the largest id, so new rows get fresh ids
(SQLite does that by itself).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Engine,
    Integer,
    String,
    Table,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.services.backup_signing import Signer, Verdict, signing_key
from mi_sim.services.errors import Conflict, Invalid
from mi_sim.storage import migrate
from mi_sim.storage.db import writing
from mi_sim.storage.models import Base, UTCDateTime, utcnow

FORMAT = "mi-sim-export"
END_FORMAT = "mi-sim-export-end"
VERSION = 1
# One row line at most (a persona's YAML or a long session's state are well below it).
MAX_LINE_BYTES = 64 * 1024 * 1024
FETCH_ROWS = 200   # rows fetched at a time by the export (bounds its memory)
BATCH_ROWS = 250   # rows inserted per statement by the import (bounds its memory)

_INT32 = 2**31
_INT64 = 2**63


def export_tables() -> list[Table]:
    """Every table of the models, parents before children (the export's order)."""
    return list(Base.metadata.sorted_tables)


# --- per-column conversion ---------------------------------------------------------------------

class _BadValue(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class _Codec:
    """How one column's values are written to the file and checked when read back."""

    name: str
    nullable: bool
    dump: Callable[[Any], Any]
    load: Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _dump_time(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _load_time(value: Any) -> datetime:
    if not isinstance(value, str) or len(value) > 40:
        raise _BadValue("must be an ISO 8601 time")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _BadValue(f"is not an ISO 8601 time: {value!r}") from None
    if parsed.tzinfo is None:
        raise _BadValue(f"has no time zone: {value!r}")
    return parsed.astimezone(UTC)


def _load_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _BadValue("must be true or false")
    return value


def _int_loader(bound: int) -> Callable[[Any], int]:
    def load(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _BadValue("must be an integer")
        if not -bound <= value < bound:
            raise _BadValue("is out of range")
        return value
    return load


def _text_loader(length: int | None) -> Callable[[Any], str]:
    def load(value: Any) -> str:
        if not isinstance(value, str):
            raise _BadValue("must be a string")
        if length is not None and len(value) > length:
            raise _BadValue(f"is longer than {length} characters")
        if "\x00" in value:
            raise _BadValue("holds a NUL character")
        return value
    return load


def _codec(column: Column[Any]) -> _Codec:
    kind = column.type
    dump: Callable[[Any], Any] = _same
    load: Callable[[Any], Any]
    if isinstance(kind, UTCDateTime):
        dump, load = _dump_time, _load_time
    elif isinstance(kind, JSON):
        load = _same
    elif isinstance(kind, Boolean):
        load = _load_bool
    elif isinstance(kind, BigInteger):
        load = _int_loader(_INT64)
    elif isinstance(kind, Integer):
        load = _int_loader(_INT32)
    elif isinstance(kind, String):  # Text too
        load = _text_loader(kind.length)
    else:  # a new column type: teach the export about it rather than guess
        raise TypeError(f"the export does not know how to write {column.table.name}."
                        f"{column.name} ({kind!r})")
    return _Codec(column.name, bool(column.nullable), dump, load)


@dataclass(frozen=True, slots=True)
class _TableCodec:
    table: Table
    index: int
    columns: tuple[_Codec, ...]

    def dump(self, row: Any) -> dict[str, Any]:
        return {codec.name: None if value is None else codec.dump(value)
                for codec, value in zip(self.columns, row, strict=True)}

    def load(self, row: Any) -> dict[str, Any]:
        if not isinstance(row, dict):
            raise _BadValue('"row" must be an object of columns')
        names = {codec.name for codec in self.columns}
        if row.keys() != names:
            missing, extra = sorted(names - row.keys()), sorted(row.keys() - names)
            raise _BadValue(f"the row of {self.table.name} "
                            + ("lacks " + ", ".join(missing) if missing else "")
                            + (" and " if missing and extra else "")
                            + ("has unknown columns " + ", ".join(map(str, extra))[:200]
                               if extra else ""))
        values: dict[str, Any] = {}
        for codec in self.columns:
            value = row[codec.name]
            if value is None:
                if not codec.nullable:
                    raise _BadValue(f"{self.table.name}.{codec.name} must not be null")
                values[codec.name] = None
                continue
            try:
                values[codec.name] = codec.load(value)
            except _BadValue as exc:
                raise _BadValue(f"{self.table.name}.{codec.name} {exc}") from None
        return values


def _without_nul(value: Any) -> Any:
    """`value` (a row's dumped columns, or part of one) with every NUL character removed."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    return value


def _table_codecs() -> dict[str, _TableCodec]:
    return {table.name: _TableCodec(table, index, tuple(_codec(c) for c in table.columns))
            for index, table in enumerate(export_tables())}


# --- reports -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TransferReport:
    """What an export wrote or an import stored: rows per table (in export order)."""

    schema_revision: str
    exported_at: str
    counts: dict[str, int]
    cleaned: int = 0  # rows written without the NUL characters they held (export only)
    verdict: Verdict | None = None  # the signature check (import only)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def describe(self) -> str:
        return ", ".join(f"{name} {count}" for name, count in self.counts.items())


# --- reading lines -----------------------------------------------------------------------------

def _lines(source: IO[Any], max_bytes: int | None) -> Iterator[tuple[int, bytes]]:
    """Numbered lines of a text or binary stream, as UTF-8 bytes without the line ending,
    each bounded by `MAX_LINE_BYTES` and all together by `max_bytes`."""
    number, total = 0, 0
    binary = not isinstance(source, io.TextIOBase)
    while True:
        raw = source.readline(MAX_LINE_BYTES + 2)
        if not raw:
            return
        number += 1
        data: bytes = raw if binary else raw.encode("utf-8")
        total += len(data)
        if max_bytes is not None and total > max_bytes:
            raise Invalid(f"line {number}: the file is larger than the limit of "
                          f"{max_bytes} bytes")
        stripped = data.rstrip(b"\r\n")
        if len(stripped) > MAX_LINE_BYTES:
            raise Invalid(f"line {number}: longer than {MAX_LINE_BYTES} bytes; this is not "
                          "an mi-sim export (or it is damaged)")
        yield number, stripped


def _json_line(number: int, data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except UnicodeDecodeError:
        raise Invalid(f"line {number}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise Invalid(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})") \
            from None
    if not isinstance(value, dict):
        raise Invalid(f"line {number}: each line must be a JSON object")
    return value


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _writer(out: IO[Any]) -> Callable[[str], None]:
    if isinstance(out, io.TextIOBase):
        return out.write
    return lambda line: out.write(line.encode("utf-8"))


def _verdict(problem: str | None, allow_unsigned: bool) -> Verdict:
    if problem is None:
        return Verdict(signed=True, problem=None)
    if not allow_unsigned:
        raise Invalid(f"{problem}. Nothing was imported. If you know where this file comes "
                      "from and trust it, import it with --allow-unsigned")
    return Verdict(signed=False, problem=problem)


# --- the use case ------------------------------------------------------------------------------

class Backup:
    def __init__(self, sessions: sessionmaker[Session], secret_key: str) -> None:
        self.sessions = sessions
        self._key = signing_key(secret_key)

    @property
    def _engine(self) -> Engine:
        bind = self.sessions.kw["bind"]
        assert isinstance(bind, Engine)
        return bind

    def export_all(self, out: IO[Any]) -> TransferReport:
        """Write the whole database to `out` (a text or binary stream) in the format above,
        from one consistent snapshot. Returns what was written."""
        write = _writer(out)
        codecs = _table_codecs()
        counts = dict.fromkeys(codecs, 0)
        cleaned = 0
        digest = hashlib.sha256()
        signer = Signer(self._key)
        exported_at = _dump_time(utcnow())
        with self._engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(text("SET TRANSACTION READ ONLY"))
                revision = MigrationContext.configure(connection).get_current_revision()
                if revision is None:
                    raise Conflict("the database is not migrated; there is nothing to export")
                header = _dumps({"format": FORMAT, "version": VERSION,
                                 "schema_revision": revision, "exported_at": exported_at,
                                 "tables": list(codecs)}) + "\n"
                signer.update(header.encode("utf-8"))
                write(header)
                for name, codec in codecs.items():
                    table = codec.table
                    result = connection.execute(
                        select(table).order_by(*table.primary_key.columns),
                        execution_options={"yield_per": FETCH_ROWS})
                    for rows in result.partitions():
                        for row in rows:
                            line, was_cleaned = self._row_line(codec, row)
                            cleaned += was_cleaned
                            digest.update(encoded := line.encode("utf-8"))
                            signer.update(encoded)
                            write(line)
                        counts[name] += len(rows)
        write(_dumps({"format": END_FORMAT, "counts": counts, "rows": sum(counts.values()),
                      "sha256": digest.hexdigest(), **signer.fields()}) + "\n")
        return TransferReport(revision, exported_at, counts, cleaned)

    @staticmethod
    def _row_line(codec: _TableCodec, row: Any) -> tuple[str, bool]:
        """A row's line, never one the import refuses: NUL characters (stored before every
        text field refused them; PostgreSQL cannot hold them) are left out, and any other
        value the import would refuse stops the export, naming the row."""
        values = codec.dump(row)
        line = _dumps({"table": codec.table.name, "row": values})
        cleaned = "\\u0000" in line  # how JSON writes NUL (also inside JSON columns)
        if cleaned:
            values = _without_nul(values)
            line = _dumps({"table": codec.table.name, "row": values})
        try:
            codec.load(values)
        except _BadValue as exc:
            keys = ", ".join(f"{c.name}={values[c.name]!r}" for c in codec.table.primary_key)
            raise Conflict(f"cannot export the row of {codec.table.name} with {keys}: "
                           f"{exc}; `mi-sim import` would refuse it, so the export stops "
                           "here (without its last line, no import takes it)") from None
        return line + "\n", cleaned

    def import_all(self, source: IO[Any], *, max_bytes: int | None = None,
                   allow_unsigned: bool = False) -> TransferReport:
        """Load an export (a text or binary stream) into this database, which must be empty
        and at the export's schema revision; all or nothing (see the module). `Invalid` for
        a bad file, naming the line, and for a file not signed with this installation's key
        (`backup_signing`) unless `allow_unsigned`; `Conflict` for a database that cannot
        take it."""
        lines = _lines(source, max_bytes)
        first = next(lines, None)
        if first is None:
            raise Invalid("the file is empty; it is not an mi-sim export")
        header = self._header(*first)
        signer = Signer(self._key)
        signer.update(first[1] + b"\n")
        revision = header["schema_revision"]
        self._check_target(revision)
        codecs = _table_codecs()
        with writing(self.sessions) as db:
            connection = db.connection()
            self._lock_and_check_empty(connection, codecs)
            counts, trailer = self._load_rows(connection, lines, codecs, signer)
            verdict = _verdict(signer.problem(trailer), allow_unsigned)
            self._reset_sequences(connection, codecs)
        return TransferReport(revision, header["exported_at"], counts, verdict=verdict)

    # --- import steps --------------------------------------------------------------------

    @staticmethod
    def _header(number: int, data: bytes) -> dict[str, Any]:
        try:
            header = _json_line(number, data)
        except Invalid:
            raise Invalid("line 1: not an mi-sim export (the first line is not its JSON "
                          "header)") from None
        if header.get("format") != FORMAT:
            raise Invalid(f"line 1: not an mi-sim export (the header's format is not "
                          f"'{FORMAT}')")
        if header.get("version") != VERSION:
            raise Invalid(f"line 1: export format version {header.get('version')!r}; this "
                          f"mi-sim reads version {VERSION}")
        revision = header.get("schema_revision")
        if not isinstance(revision, str) or not revision:
            raise Invalid("line 1: the header names no schema revision")
        if not isinstance(header.get("exported_at"), str):
            raise Invalid("line 1: the header has no exported_at time")
        head = migrate.head_revision()
        if revision != head:
            raise Conflict(f"the export is from schema revision {revision}; this mi-sim is at "
                           f"revision {head}. Import it with the mi-sim version that made it "
                           "(or upgrade the source database and export again)")
        tables = header.get("tables")
        if tables is not None and tables != [t.name for t in export_tables()]:
            raise Invalid("line 1: the export's tables differ from this mi-sim's")
        return header

    def _check_target(self, revision: str) -> None:
        with self._engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        if current is None:
            raise Conflict("the database is not migrated; run `mi-sim db upgrade` first")
        if current != revision:
            raise Conflict(f"the database is at schema revision {current} but the export is "
                           f"from {revision}; run `mi-sim db upgrade` on the database")

    @staticmethod
    def _lock_and_check_empty(connection: Connection, codecs: dict[str, _TableCodec]) -> None:
        """Refuse a database with any row. On PostgreSQL, lock every table first so nothing
        is written beside the import (SQLite's write transaction already excludes writers)."""
        if connection.dialect.name == "postgresql":
            quote = connection.dialect.identifier_preparer.quote
            connection.execute(text(
                "LOCK TABLE " + ", ".join(quote(name) for name in codecs)
                + " IN SHARE ROW EXCLUSIVE MODE"))
        for name, codec in codecs.items():
            if connection.scalar(select(1).select_from(codec.table).limit(1)) is not None:
                count = connection.scalar(select(func.count()).select_from(codec.table))
                raise Conflict(f"the database is not empty ({name} has {count} rows); import "
                               "only into a new database: create it, run `mi-sim db upgrade`, "
                               "then import")

    def _load_rows(self, connection: Connection, lines: Iterator[tuple[int, bytes]],
                   codecs: dict[str, _TableCodec],
                   signer: Signer) -> tuple[dict[str, int], dict[str, Any]]:
        counts = dict.fromkeys(codecs, 0)
        digest = hashlib.sha256()
        current: _TableCodec | None = None
        batch: list[tuple[int, dict[str, Any]]] = []
        trailer: dict[str, Any] | None = None
        last = 1
        for number, data in lines:
            last = number
            if not data.strip():
                continue
            if trailer is not None:
                raise Invalid(f"line {number}: text after the export's last line")
            line = _json_line(number, data)
            if "format" in line:
                if line.get("format") != END_FORMAT:
                    raise Invalid(f"line {number}: a second header in the middle of the file")
                trailer = line
                continue
            if line.keys() != {"table", "row"}:
                raise Invalid(f'line {number}: a row line is {{"table": ..., "row": {{...}}}}')
            codec = codecs.get(line["table"]) if isinstance(line["table"], str) else None
            if codec is None:
                raise Invalid(f"line {number}: unknown table {str(line['table'])[:80]!r}")
            if current is not codec:
                if current is not None and codec.index < current.index:
                    raise Invalid(f"line {number}: a row of {codec.table.name} after rows of "
                                  f"{current.table.name}; tables come in dependency order")
                self._insert(connection, current, batch)
                batch, current = [], codec
            try:
                batch.append((number, codec.load(line["row"])))
            except _BadValue as exc:
                raise Invalid(f"line {number}: {exc}") from None
            counts[codec.table.name] += 1
            digest.update(data + b"\n")
            signer.update(data + b"\n")
            if len(batch) >= BATCH_ROWS:
                self._insert(connection, current, batch)
                batch = []
        self._insert(connection, current, batch)
        if trailer is None:
            raise Invalid(f"the file ends at line {last} without the export's last line: it "
                          "was cut short (nothing was imported)")
        self._check_trailer(trailer, counts, digest.hexdigest())
        return counts, trailer

    @staticmethod
    def _insert(connection: Connection, codec: _TableCodec | None,
                batch: list[tuple[int, dict[str, Any]]]) -> None:
        """Insert a batch inside a savepoint; if the database refuses it, find and name the
        line it refuses (row by row, each in its own savepoint)."""
        if codec is None or not batch:
            return
        statement = insert(codec.table)
        try:
            with connection.begin_nested():
                connection.execute(statement, [values for _, values in batch])
            return
        except DBAPIError:
            pass
        for number, values in batch:
            try:
                with connection.begin_nested():
                    connection.execute(statement, values)
            except DBAPIError as exc:
                reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
                raise Invalid(f"line {number}: the database refuses this row of "
                              f"{codec.table.name}: {reason[:300]}") from None
        raise Invalid(f"lines {batch[0][0]}–{batch[-1][0]}: the database refuses these rows "
                      f"of {codec.table.name}")

    @staticmethod
    def _check_trailer(trailer: dict[str, Any], counts: dict[str, int], digest: str) -> None:
        stated = trailer.get("counts")
        if not isinstance(stated, dict) or stated.keys() != counts.keys():
            raise Invalid("the export's last line does not list the row count of every table")
        wrong = [f"{name}: {counts[name]} rows, the last line says {stated[name]}"
                 for name in counts if stated[name] != counts[name]]
        if wrong:
            raise Invalid("the row counts do not match the export's last line ("
                          + "; ".join(wrong)[:500] + "): rows are missing or were added")
        if trailer.get("rows") != sum(counts.values()):
            raise Invalid("the total row count does not match the export's last line")
        if trailer.get("sha256") != digest:
            raise Invalid("the rows do not match the checksum in the export's last line: the "
                          "file was altered or damaged")

    @staticmethod
    def _reset_sequences(connection: Connection, codecs: dict[str, _TableCodec]) -> None:
        """On PostgreSQL, set each id sequence past the largest id imported."""
        if connection.dialect.name != "postgresql":
            return
        quote = connection.dialect.identifier_preparer.quote
        for name, codec in codecs.items():
            keys = list(codec.table.primary_key.columns)
            if len(keys) != 1 or not isinstance(keys[0].type, Integer):
                continue
            sequence = connection.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                         {"t": quote(name), "c": keys[0].name})
            if sequence is None:
                continue
            connection.execute(
                text(f"SELECT setval(:s, COALESCE((SELECT MAX({quote(keys[0].name)}) FROM "
                     f"{quote(name)}), 0) + 1, false)"), {"s": sequence})
