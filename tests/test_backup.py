"""`mi-sim export --all` / `mi-sim import`: a whole database round-trips between SQLite and
PostgreSQL, and a bad file or an unfit database stores nothing."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pytest
from programme_helpers import PASSWORD, TESS_PASSWORD, Programme, fill
from sqlalchemy import create_engine, func, select, text
from typer.testing import CliRunner

from mi_sim.cli import app
from mi_sim.config import Settings
from mi_sim.services import Conflict, Invalid, Services
from mi_sim.services import backup as backup_module
from mi_sim.services.backup import END_FORMAT, FORMAT, export_tables
from mi_sim.storage import migrate
from mi_sim.storage.models import Base

pytest_plugins = ("storage_fixtures",)


# --- databases -------------------------------------------------------------------------------

@contextmanager
def fresh_database(backend: str, directory: Path, name: str) -> Iterator[str]:
    """A new database migrated to head: a SQLite file, or a new PostgreSQL schema."""
    # Imported here, once pytest has registered (and assert-rewritten) the plugin.
    from storage_fixtures import need_postgresql, postgresql_schema

    if backend == "sqlite":
        url = f"sqlite:///{directory / (name + '.db')}"
        migrate.upgrade(url)
        yield url
        return
    with postgresql_schema(need_postgresql()) as url:
        migrate.upgrade(url)
        yield url


@contextmanager
def opened(url: str) -> Iterator[Services]:
    from storage_fixtures import FAST_HASHER

    services = Services.from_settings(Settings(database_url=url), hasher=FAST_HASHER)
    try:
        yield services
    finally:
        services.close()


def export_text(services: Services) -> str:
    out = io.StringIO()
    services.backup.export_all(out)
    return out.getvalue()


def counts(services: Services) -> dict[str, int]:
    with services.engine.connect() as db:
        return {table.name: db.scalar(select(func.count()).select_from(table)) or 0
                for table in export_tables()}


def empty(services: Services) -> bool:
    return not any(counts(services).values())


def without_time(lines: list[str]) -> list[str]:
    """The export without its time, and without the signature that covers the time."""
    header, trailer = json.loads(lines[0]), json.loads(lines[-1])
    header.pop("exported_at")
    trailer.pop("hmac_sha256")
    return [json.dumps(header), *lines[1:-1], json.dumps(trailer)]


@pytest.fixture(scope="module")
def programme_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Programme]:
    """A filled SQLite database's export (made once for the refusal tests)."""
    directory = tmp_path_factory.mktemp("programme")
    with fresh_database("sqlite", directory, "source") as url, opened(url) as services:
        programme = fill(services)
        return export_text(services), programme


@pytest.fixture
def target(services: Services) -> Services:
    """An empty, migrated database (SQLite and PostgreSQL)."""
    return services


# --- the round trip --------------------------------------------------------------------------

@pytest.mark.parametrize(("source_backend", "target_backend"), [
    ("sqlite", "sqlite"), ("sqlite", "postgresql"), ("postgresql", "sqlite"),
    ("postgresql", "postgresql")])
def test_a_whole_database_moves_between_backends_and_exports_the_same_again(
        source_backend: str, target_backend: str, tmp_path: Path) -> None:
    with fresh_database(source_backend, tmp_path, "source") as source_url, \
            fresh_database(target_backend, tmp_path, "target") as target_url, \
            opened(source_url) as source, opened(target_url) as target:
        programme = fill(source)
        before = counts(source)
        first = export_text(source)

        report = target.backup.import_all(io.BytesIO(first.encode("utf-8")))

        assert report.counts == before and report.rows == sum(before.values())
        assert counts(target) == before
        second = export_text(target)
        assert second != first  # exported_at differs ...
        assert without_time(second.splitlines()) == without_time(first.splitlines())  # only

        # The people can carry on where they were.
        tess = target.accounts.authenticate("tess", TESS_PASSWORD, "10.0.0.2")
        assert tess.id == programme.tess.id
        by_token = target.accounts.user_for_token(programme.tess_token)
        assert by_token is not None and by_token.name == "tess"
        assert target.accounts.authenticate("ada", PASSWORD, "10.0.0.2").role == "admin"
        detail = target.practice.get_session(tess, programme.tess_ended)
        assert [t.clinician for t in detail.turns] == [
            t.clinician for t in source.practice.get_session(programme.tess, programme.tess_ended)
            .turns]
        moved = target.reviews.reviewed_report(tess, programme.tess_ended).reviews
        kept = source.reviews.reviewed_report(programme.tess, programme.tess_ended).reviews
        # (Compared as sets: a session-wide comment, turn NULL, sorts first on SQLite and
        # last on PostgreSQL.)
        assert [(r.review.id, r.review.reviewer, r.review.codes, set(r.review.comments))
                for r in moved] == [(r.review.id, r.review.reviewer, r.review.codes,
                                     set(r.review.comments)) for r in kept]

        # New rows get new ids (PostgreSQL's sequences were moved past the imported ids).
        newcomer = target.accounts.create_user("nina", "trainee", PASSWORD)
        assert newcomer.id == max(u.id for u in source.accounts.list_users()) + 1
        cohort = target.cohorts.create_cohort("Autumn intake")
        assert cohort.id == programme.cohort_id + 1
        turn, _ = target.practice.post_turn(tess, programme.tess_open, "What else?")
        assert turn.turn == 2
        with target.engine.connect() as db:
            assert db.scalar(text("SELECT max(id) FROM turns")) == before["turns"] + 1
        target.reviews.add_comment(programme.sam, programme.tim_ended, 2, "Later comment")


def test_every_table_of_the_models_is_exported_and_the_programme_fills_each(
        programme_export: tuple[str, Programme]) -> None:
    lines = programme_export[0].splitlines()
    header, trailer = json.loads(lines[0]), json.loads(lines[-1])
    assert header["format"] == FORMAT and header["version"] == 1
    assert header["schema_revision"] == migrate.head_revision()
    assert header["exported_at"].endswith("+00:00")
    assert sorted(header["tables"]) == sorted(Base.metadata.tables)
    assert trailer["format"] == END_FORMAT
    assert sorted(trailer["counts"]) == sorted(Base.metadata.tables)
    # Every table holds rows here, so the round trip above covers every table and column.
    assert all(trailer["counts"].values()), trailer["counts"]
    assert trailer["rows"] == len(lines) - 2
    seen = [json.loads(line)["table"] for line in lines[1:-1]]
    order = [t.name for t in Base.metadata.sorted_tables]
    assert seen == sorted(seen, key=order.index)  # parents before children


def test_rows_carry_every_column_with_times_in_utc_and_json_as_json(
        programme_export: tuple[str, Programme]) -> None:
    rows: dict[str, list[dict[str, Any]]] = {}
    for line in programme_export[0].splitlines()[1:-1]:
        item = json.loads(line)
        rows.setdefault(item["table"], []).append(item["row"])
    for table in Base.metadata.sorted_tables:
        assert all(list(row) == [c.name for c in table.columns] for row in rows[table.name])
    tess = next(u for u in rows["users"] if u["name"] == "tess")
    assert tess["password_hash"].startswith("$argon2id$") and tess["active"] is True
    assert tess["created_at"].endswith("+00:00")
    turn = rows["turns"][0]
    assert isinstance(turn["state"], dict) and isinstance(turn["segments"], list)
    assert any("Très bien" in c["text"] for c in rows["review_comments"])


def test_a_gzip_file_and_a_text_stream_import_alike(
        programme_export: tuple[str, Programme], tmp_path: Path) -> None:
    data = programme_export[0]
    path = tmp_path / "export.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(data)
    with gzip.open(path, "rb") as packed:
        streams: list[IO[Any]] = [packed, io.StringIO(data)]
        for number, stream in enumerate(streams):
            with fresh_database("sqlite", tmp_path, f"t{number}") as url, opened(url) as target:
                target.backup.import_all(stream)
                assert without_time(export_text(target).splitlines()) == \
                    without_time(data.splitlines())


# --- refusals: nothing stored ----------------------------------------------------------------

def edit_line(data: str, predicate: Callable[[dict[str, Any]], bool],
              change: Callable[[dict[str, Any]], str]) -> tuple[str, int]:
    """The export with the first line matching `predicate` replaced; and its number."""
    lines = data.splitlines()
    for index, line in enumerate(lines):
        if predicate(json.loads(line)):
            lines[index] = change(json.loads(line))
            return "\n".join(lines) + "\n", index + 1
    raise AssertionError("no such line")


def first_row_of(table: str) -> Callable[[dict[str, Any]], bool]:
    return lambda item: item.get("table") == table


def refused(target: Services, data: str | bytes, error: type[Exception] = Invalid) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(error) as caught:
        target.backup.import_all(io.BytesIO(raw))
    assert empty(target), "a refused import stored something"
    return str(caught.value)


def test_a_database_that_holds_anything_is_refused(
        target: Services, programme_export: tuple[str, Programme]) -> None:
    target.accounts.create_user("zoe", "trainee", PASSWORD)
    with pytest.raises(Conflict, match=r"not empty \(users has 1 rows\)"):
        target.backup.import_all(io.BytesIO(programme_export[0].encode()))
    assert [u.name for u in target.accounts.list_users()] == ["zoe"]
    assert sum(counts(target).values()) == 1


@pytest.mark.parametrize("keep", [-1, 40, 2])
def test_a_file_cut_short_is_refused(
        target: Services, programme_export: tuple[str, Programme], keep: int) -> None:
    lines = programme_export[0].splitlines(keepends=True)
    message = refused(target, "".join(lines[:keep]))
    assert "cut short" in message and f"line {len(lines[:keep])}" in message


def test_a_gzip_file_cut_short_is_refused(
        target: Services, programme_export: tuple[str, Programme]) -> None:
    packed = gzip.compress(programme_export[0].encode())
    with pytest.raises(EOFError):
        target.backup.import_all(gzip.GzipFile(fileobj=io.BytesIO(packed[:-100])))
    assert empty(target)


def test_an_export_from_another_schema_revision_is_refused(
        target: Services, programme_export: tuple[str, Programme]) -> None:
    data, _ = edit_line(programme_export[0], lambda item: item.get("format") == FORMAT,
                        lambda item: json.dumps({**item, "schema_revision": "0002"}))
    message = refused(target, data, Conflict)
    assert "revision 0002" in message and migrate.head_revision() in message


def test_a_database_at_another_revision_is_refused(
        empty_database_url: str, programme_export: tuple[str, Programme]) -> None:
    migrate.upgrade(empty_database_url, "0002")
    with opened(empty_database_url) as target, pytest.raises(Conflict) as caught:
        target.backup.import_all(io.BytesIO(programme_export[0].encode()))
    assert "revision 0002" in caught.value.message
    assert "mi-sim db upgrade" in caught.value.message
    assert migrate.current_revision(empty_database_url) == "0002"
    with create_engine(empty_database_url).connect() as db:
        assert db.scalar(text("SELECT count(*) FROM users")) == 0


def test_a_database_never_migrated_is_refused(
        empty_database_url: str, programme_export: tuple[str, Programme]) -> None:
    with opened(empty_database_url) as target, pytest.raises(Conflict, match="db upgrade"):
        target.backup.import_all(io.BytesIO(programme_export[0].encode()))


def test_a_malformed_line_is_named_and_nothing_is_stored(
        target: Services, programme_export: tuple[str, Programme]) -> None:
    # A turn comes after users, personas and sessions have been inserted: all rolled back.
    data, number = edit_line(programme_export[0], first_row_of("turns"),
                             lambda item: json.dumps(item)[:-9])
    message = refused(target, data)
    assert message.startswith(f"line {number}: not valid JSON")


@pytest.mark.parametrize(("table", "change", "expected"), [
    ("users", lambda row: row.update(created_at="yesterday"),
     "users.created_at is not an ISO 8601 time"),
    ("users", lambda row: row.update(created_at="2026-03-01T09:00:00"),
     "users.created_at has no time zone"),
    ("users", lambda row: row.update(active="yes"), "users.active must be true or false"),
    ("users", lambda row: row.update(name="x" * 65), "users.name is longer than 64"),
    ("users", lambda row: row.pop("role"), "the row of users lacks role"),
    ("users", lambda row: row.update(admin=True), "has unknown columns admin"),
    ("turns", lambda row: row.update(number="1"), "turns.number must be an integer"),
    ("turns", lambda row: row.update(clinician=None), "turns.clinician must not be null"),
    ("turns", lambda row: row.update(patient="a\x00b"), "holds a NUL character"),
    ("practice_sessions", lambda row: row.update(seed=2**64), "seed is out of range"),
])
def test_a_row_with_a_bad_value_is_named(
        target: Services, programme_export: tuple[str, Programme], table: str,
        change: Callable[[dict[str, Any]], Any], expected: str) -> None:
    def changed(item: dict[str, Any]) -> str:
        change(item["row"])
        return json.dumps(item)

    data, number = edit_line(programme_export[0], first_row_of(table), changed)
    message = refused(target, data)
    assert message.startswith(f"line {number}: ") and expected in message


@pytest.mark.parametrize(("table", "change"), [
    ("turns", lambda row: row.update(session_id="no-such-session")),   # foreign key
    ("users", lambda row: row.update(role="boss")),                    # check constraint
])
def test_a_row_the_database_refuses_is_named(
        target: Services, programme_export: tuple[str, Programme], table: str,
        change: Callable[[dict[str, Any]], Any]) -> None:
    def changed(item: dict[str, Any]) -> str:
        change(item["row"])
        return json.dumps(item)

    data, number = edit_line(programme_export[0], first_row_of(table), changed)
    message = refused(target, data)
    assert message.startswith(f"line {number}: the database refuses this row of {table}")


def test_a_duplicated_row_is_refused(
        target: Services, programme_export: tuple[str, Programme]) -> None:
    lines = programme_export[0].splitlines()
    users = [i for i, line in enumerate(lines) if line.startswith('{"table":"users"')]
    lines.insert(users[-1] + 1, lines[users[0]])
    message = refused(target, "\n".join(lines) + "\n")
    assert message.startswith(f"line {users[-1] + 2}: the database refuses")


@pytest.mark.parametrize(("change", "expected"), [
    (lambda t: t["counts"].update(turns=t["counts"]["turns"] + 1), "turns: 10 rows, the last"),
    (lambda t: t["counts"].pop("turns"), "row count of every table"),
    (lambda t: t.update(rows=t["rows"] - 1), "total row count"),
    (lambda t: t.update(sha256="0" * 64), "checksum"),
])
def test_a_trailer_that_does_not_match_the_rows_is_refused(
        target: Services, programme_export: tuple[str, Programme],
        change: Callable[[dict[str, Any]], Any], expected: str) -> None:
    def changed(item: dict[str, Any]) -> str:
        change(item)
        return json.dumps(item)

    data, _ = edit_line(programme_export[0], lambda item: item.get("format") == END_FORMAT,
                        changed)
    assert expected in refused(target, data)


def test_a_row_altered_in_place_fails_the_checksum(
        target: Services, programme_export: tuple[str, Programme]) -> None:
    def changed(item: dict[str, Any]) -> str:
        item["row"]["clinician"] = "Something I never said."
        return json.dumps(item, separators=(",", ":"))

    data, _ = edit_line(programme_export[0], first_row_of("turns"), changed)
    assert "checksum" in refused(target, data)


def test_rows_out_of_dependency_order_are_refused(
        target: Services, programme_export: tuple[str, Programme]) -> None:
    lines = programme_export[0].splitlines()
    turn = next(i for i, line in enumerate(lines) if line.startswith('{"table":"turns"'))
    moved = lines.pop(turn)
    lines.insert(1, moved)
    message = refused(target, "\n".join(lines) + "\n")
    assert message.startswith("line 3: a row of ") and "dependency order" in message


@pytest.mark.parametrize(("data", "expected"), [
    ("", "the file is empty"),
    ("hello\n", "line 1: not an mi-sim export"),
    ('{"format": "something-else"}\n', "line 1: not an mi-sim export"),
    ('[1, 2]\n', "line 1: not an mi-sim export"),
])
def test_a_file_that_is_not_an_export_is_refused(target: Services, data: str,
                                                 expected: str) -> None:
    assert expected in refused(target, data)


def test_unknown_tables_text_after_the_end_and_over_long_lines_are_refused(
        target: Services, programme_export: tuple[str, Programme],
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = programme_export[0]
    unknown, number = edit_line(data, first_row_of("users"),
                                lambda item: json.dumps({**item, "table": "secrets"}))
    assert refused(target, unknown).startswith(f"line {number}: unknown table 'secrets'")
    count = len(data.splitlines())
    assert refused(target, data + "more\n").startswith(f"line {count + 1}: text after")
    monkeypatch.setattr(backup_module, "MAX_LINE_BYTES", 4000)
    assert "longer than 4000 bytes" in refused(target, data)
    monkeypatch.setattr(backup_module, "MAX_LINE_BYTES", 64 * 1024 * 1024)
    with pytest.raises(Invalid, match="larger than the limit of 1000 bytes"):
        target.backup.import_all(io.BytesIO(data.encode()), max_bytes=1000)
    assert empty(target)


def test_a_failed_import_leaves_the_database_ready_for_the_right_file(
        target: Services, programme_export: tuple[str, Programme]) -> None:
    data = programme_export[0]
    refused(target, "".join(data.splitlines(keepends=True)[:-1]))
    target.backup.import_all(io.StringIO(data))
    assert without_time(export_text(target).splitlines()) == without_time(data.splitlines())


def test_in_small_batches_a_late_bad_row_still_stores_nothing_and_the_file_round_trips(
        target: Services, programme_export: tuple[str, Programme],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_module, "BATCH_ROWS", 3)
    monkeypatch.setattr(backup_module, "FETCH_ROWS", 2)
    data = programme_export[0]
    lines = data.splitlines()
    last_turn = max(i for i, line in enumerate(lines) if line.startswith('{"table":"turns"'))
    item = json.loads(lines[last_turn])
    item["row"]["session_id"] = "no-such-session"
    broken = [*lines[:last_turn], json.dumps(item), *lines[last_turn + 1:]]
    message = refused(target, "\n".join(broken) + "\n")
    assert message.startswith(f"line {last_turn + 1}: the database refuses this row of turns")
    target.backup.import_all(io.StringIO(data))
    assert without_time(export_text(target).splitlines()) == without_time(lines)


# --- the command line ------------------------------------------------------------------------

@pytest.fixture
def run() -> CliRunner:
    return CliRunner()


def test_export_all_and_import_through_the_command_line(
        backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: CliRunner) -> None:
    with fresh_database("sqlite", tmp_path, "source") as source_url, \
            fresh_database(backend, tmp_path, "target") as target_url:
        with opened(source_url) as source:
            fill(source)
            expected = without_time(export_text(source).splitlines())
        monkeypatch.setenv("MI_SIM_DATABASE_URL", source_url)
        packed = tmp_path / "backup.jsonl.gz"
        result = run.invoke(app, ["export", "--all", "-o", str(packed)])
        assert result.exit_code == 0, result.output
        assert "exported" in result.output and not (tmp_path / "backup.jsonl.gz.partial").exists()
        with gzip.open(packed, "rt", encoding="utf-8") as stream:
            assert without_time(stream.read().splitlines()) == expected
        plain = run.invoke(app, ["export", "--all"])
        assert plain.exit_code == 0
        assert without_time(plain.stdout.splitlines()) == expected

        monkeypatch.setenv("MI_SIM_DATABASE_URL", target_url)
        result = run.invoke(app, ["import", str(packed)])
        assert result.exit_code == 0, result.output
        assert "imported" in result.output and "turns 10" in result.output
        again = run.invoke(app, ["import", str(packed)])
        assert again.exit_code == 1 and "not empty" in again.output
        with opened(target_url) as target:
            assert without_time(export_text(target).splitlines()) == expected


def test_import_reads_stdin_and_a_plain_file_and_refuses_with_exit_1(
        database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: CliRunner,
        programme_export: tuple[str, Programme]) -> None:
    monkeypatch.setenv("MI_SIM_DATABASE_URL", database_url)
    data = programme_export[0]
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(data.splitlines(keepends=True)[:-1]), encoding="utf-8")
    result = run.invoke(app, ["import", str(cut)])
    assert result.exit_code == 1 and "cut short" in result.output
    damaged = tmp_path / "damaged.jsonl.gz"
    damaged.write_bytes(gzip.compress(data.encode())[:-50])
    result = run.invoke(app, ["import", str(damaged)])
    assert result.exit_code == 1 and "damaged or cut short" in result.output
    missing = run.invoke(app, ["import", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 1 and "cannot read" in missing.output
    with opened(database_url) as target:
        assert empty(target)
    result = run.invoke(app, ["import", "-"], input=data)
    assert result.exit_code == 0, result.output
    with opened(database_url) as target:
        assert sum(counts(target).values()) == json.loads(data.splitlines()[-1])["rows"]


def test_export_needs_all_and_a_migrated_database(
        empty_database_url: str, monkeypatch: pytest.MonkeyPatch, run: CliRunner) -> None:
    monkeypatch.setenv("MI_SIM_DATABASE_URL", empty_database_url)
    result = run.invoke(app, ["export"])
    assert result.exit_code == 2 and "--all" in result.output
    result = run.invoke(app, ["export", "--all"])
    assert result.exit_code == 1 and "mi-sim db upgrade" in result.output
    result = run.invoke(app, ["import", "whatever.jsonl"])
    assert result.exit_code == 1 and "mi-sim db upgrade" in result.output


def test_a_failed_export_leaves_no_file(
        database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        run: CliRunner) -> None:
    monkeypatch.setenv("MI_SIM_DATABASE_URL", database_url)

    def broken(self: Any, out: Any) -> None:
        out.write(b'{"format":"mi-sim-export"}\n')
        raise RuntimeError("the database went away")

    monkeypatch.setattr(backup_module.Backup, "export_all", broken)
    target = tmp_path / "backup.jsonl"
    result = run.invoke(app, ["export", "--all", "-o", str(target)])
    assert result.exit_code != 0
    assert not target.exists() and not (tmp_path / "backup.jsonl.partial").exists()


def test_the_source_is_read_in_one_consistent_snapshot(
        database_url: str, programme_export: tuple[str, Programme]) -> None:
    """Rows written while an export streams do not show up half-way (one transaction)."""
    with opened(database_url) as services:
        services.backup.import_all(io.StringIO(programme_export[0]))

        class Sneaky(io.StringIO):
            """Adds a user while the first rows (cohorts) are being written."""

            written = False

            def write(self, line: str) -> int:
                if not self.written and line.startswith('{"table":"cohorts"'):
                    self.written = True
                    services.accounts.create_user("late", "trainee", PASSWORD)
                return super().write(line)

        out = Sneaky()
        services.backup.export_all(out)
        assert out.written
        users = [json.loads(line)["row"]["name"] for line in out.getvalue().splitlines()
                 if line.startswith('{"table":"users"')]
        assert "late" not in users and "tess" in users
        assert json.loads(out.getvalue().splitlines()[-1])["counts"]["users"] == len(users)
