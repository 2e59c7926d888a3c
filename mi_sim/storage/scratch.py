"""Throwaway PostgreSQL schemas, for tests and benchmarks that need a clean database.

    with scratch_schema("postgresql+psycopg://postgres@127.0.0.1:5432/test") as url:
        migrate.upgrade(url)   # every connection made from `url` uses the new, empty schema

The schema gets a random name, is reached through the URL's `search_path` option, and is dropped
(with everything in it) when the block ends.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextmanager
def scratch_schema(base_url: str, prefix: str = "mi_sim_scratch") -> Iterator[str]:
    """A URL whose connections use a new, empty schema; the schema is dropped afterwards."""
    schema = f"{prefix}_{secrets.token_hex(6)}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
