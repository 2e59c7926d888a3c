"""`mi-sim export` never writes what `mi-sim import` refuses (issue 12: one NUL character in a
chat line made every backup unrestorable).

A property over every text and JSON column of every table: whatever text a column holds (NUL
and every other code point a database can store), the export's line for that row is one the
import takes, and it reads back as the text without its NUL characters. Then the same end to
end: NULs planted in a filled database (as the probe stored them, before the input boundary
refused them) export and import into a new database (SQLite, and PostgreSQL when available).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from programme_helpers import Programme, fill
from sqlalchemy import JSON, String, Table, select, text, update

from mi_sim.config import Settings
from mi_sim.services import Services
from mi_sim.services.backup import Backup, _table_codecs, _TableCodec, export_tables
from mi_sim.storage import migrate

pytest_plugins = ("storage_fixtures",)

# Every column that holds text or JSON, except keys (changing those breaks links, which the
# database refuses on the way in as well as out).
TEXT_COLUMNS = [(table.name, column.name) for table in export_tables()
                for column in table.columns
                if isinstance(column.type, String | JSON) and not column.primary_key
                and not column.foreign_keys]


@contextmanager
def opened(url: str) -> Iterator[Services]:
    from storage_fixtures import FAST_HASHER

    services = Services.from_settings(Settings(database_url=url), hasher=FAST_HASHER)
    try:
        yield services
    finally:
        services.close()


@pytest.fixture(scope="module")
def sample_rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """One real row of every table (as the database returns it), from a filled database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('rows') / 'source.db'}"
    migrate.upgrade(url)
    with opened(url) as services:
        fill(services)
        with services.engine.connect() as db:
            return {table.name: dict(db.execute(select(table).limit(1)).one()._mapping)
                    for table in export_tables()}


def row_line(codec: _TableCodec, values: dict[str, Any]) -> dict[str, Any]:
    line, _ = Backup._row_line(codec, tuple(values[c.name] for c in codec.table.columns))
    item: dict[str, Any] = json.loads(line)
    return item


def test_every_text_column_is_covered() -> None:
    assert len(TEXT_COLUMNS) >= 30
    assert ("turns", "clinician") in TEXT_COLUMNS and ("turns", "state") in TEXT_COLUMNS
    assert ("review_comments", "text") in TEXT_COLUMNS and ("personas", "title") in TEXT_COLUMNS


def _value(table: Table, column: str) -> st.SearchStrategy[Any]:
    kind = table.columns[column].type
    words = st.text(max_size=getattr(kind, "length", None) or 300)  # any code point but
    if isinstance(kind, JSON):                                       # a lone surrogate
        inner = st.recursive(st.none() | st.booleans() | st.integers(-2**31, 2**31) | words,
                             lambda inner: st.lists(inner, max_size=4)
                             | st.dictionaries(words, inner, max_size=4), max_leaves=8)
        return st.lists(inner, max_size=4) | st.dictionaries(words, inner, max_size=4)
    return words


@st.composite
def column_and_value(draw: st.DrawFn) -> tuple[str, str, Any]:
    table_name, column = draw(st.sampled_from(TEXT_COLUMNS))
    table = next(t for t in export_tables() if t.name == table_name)
    return table_name, column, draw(_value(table, column))


def _nul_free(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_nul_free(v) for v in value]
    if isinstance(value, dict):
        return {_nul_free(k): _nul_free(v) for k, v in value.items()}
    return value


@settings(max_examples=600, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column_and_value())
def test_export_never_writes_a_row_the_import_refuses(
        sample_rows: dict[str, dict[str, Any]], case: tuple[str, str, Any]) -> None:
    table, column, value = case
    codec = _table_codecs()[table]
    item = row_line(codec, {**sample_rows[table], column: value})
    loaded = codec.load(item["row"])  # the import's own check: raises if it would refuse
    assert loaded[column] == _nul_free(value)


PLANTED = {  # table: (column, value) — NUL in plain text and inside JSON
    "turns": ("clinician", "What\x00 brings you here?"),
    "review_comments": ("text", "\x00Good\x00"),
    "practice_sessions": ("title", "Visit\x00 one"),
    "personas": ("title", "Sam\x00"),
    "feedback": ("summary", {"note": "a\x00b", "list": ["\x00"]}),
}


@pytest.mark.parametrize("target_backend", ["sqlite", "postgresql"])
def test_a_database_holding_nul_characters_exports_a_file_that_imports(
        tmp_path: Path, target_backend: str) -> None:
    from storage_fixtures import need_postgresql, postgresql_schema

    source_url = f"sqlite:///{tmp_path / 'source.db'}"
    migrate.upgrade(source_url)
    with opened(source_url) as source:
        programme: Programme = fill(source)
        tables = {t.name: t for t in export_tables()}
        with source.engine.begin() as db:
            for name, (column, value) in PLANTED.items():
                table = tables[name]
                first = db.scalar(select(table.primary_key.columns[0]).limit(1))
                db.execute(update(table).where(table.primary_key.columns[0] == first)
                           .values({column: value}))
        out = io.StringIO()
        report = source.backup.export_all(out)

    @contextmanager
    def target_url() -> Iterator[str]:
        if target_backend == "sqlite":
            url = f"sqlite:///{tmp_path / 'target.db'}"
            migrate.upgrade(url)
            yield url
            return
        with postgresql_schema(need_postgresql()) as url:
            migrate.upgrade(url)
            yield url

    with target_url() as url, opened(url) as target:
        imported = target.backup.import_all(io.BytesIO(out.getvalue().encode("utf-8")))
        assert imported.counts == report.counts
        with target.engine.connect() as db:
            assert db.scalar(text("SELECT title FROM practice_sessions WHERE title LIKE "
                                  "'Visit%'")) == "Visit one"
            assert db.scalar(text("SELECT count(*) FROM review_comments WHERE text = "
                                  "'Good'")) == 1
        assert target.accounts.get_user(programme.tess.name) is not None
    assert report.cleaned == len(PLANTED)
    assert "\\u0000" not in out.getvalue()
