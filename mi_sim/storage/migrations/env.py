"""Alembic environment for mi-sim.

The database URL comes from, in order: `config.attributes["url"]` (set by
`mi_sim.storage.migrate`), `alembic -x url=...`, `sqlalchemy.url` in alembic.ini, and finally
`Settings().database_url` (so `MI_SIM_DATABASE_URL` works as for every other command).
"""

from __future__ import annotations

from typing import Any

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import make_url

from mi_sim.config import Settings
from mi_sim.storage.db import make_engine
from mi_sim.storage.models import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata


def database_url() -> str:
    given = config.attributes.get("url") or context.get_x_argument(as_dictionary=True).get("url")
    if given:
        return str(given)
    return config.get_main_option("sqlalchemy.url") or Settings().database_url


def render_item(kind: str, item: Any, autogen: AutogenContext) -> str | bool:
    """Write our column types as plain SQLAlchemy types, so migrations never import models."""
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_offline() -> None:
    url = database_url()
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=make_url(url).get_backend_name() == "sqlite",
                      dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    url = database_url()
    engine = make_engine(url, pooled=False)
    try:
        with engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                # Batch migrations rebuild a table (create a copy, drop the old one, rename);
                # with foreign keys on, the DROP would cascade to every referencing row (e.g.
                # all turns when practice_sessions is rebuilt). SQLite ignores this pragma
                # inside a transaction, so it goes to the DBAPI connection before the first
                # BEGIN; the rebuilt tables are checked with `foreign_key_check` afterwards.
                connection.connection.driver_connection.execute(
                    "PRAGMA foreign_keys=OFF")
            context.configure(connection=connection, target_metadata=target_metadata,
                              render_as_batch=sqlite, compare_type=True,
                              render_item=render_item)
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"foreign keys broken by the migration: {broken[:5]}")
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
