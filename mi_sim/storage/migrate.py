"""Apply and inspect migrations programmatically, from any working directory.

The migrations ship inside the package (`mi_sim/storage/migrations`), so this works for an
installed mi-sim as well as a checkout.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from mi_sim.storage.db import make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic configuration for `url`, without alembic.ini."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = url
    return config


def head_revision() -> str | None:
    """The newest revision shipped with this version of mi-sim."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def upgrade(url: str, revision: str = "head") -> str | None:
    """Bring the database at `url` up to `revision`; returns the revision it is now at."""
    command.upgrade(alembic_config(url), revision)
    return current_revision(url)


def current_revision(url: str) -> str | None:
    """The revision the database is at; None for a database never migrated (or missing)."""
    parsed = make_url(url)
    if (parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")
            and not Path(parsed.database).exists()):
        return None  # do not create an empty file just by looking
    engine = make_engine(url, pooled=False)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def is_up_to_date(url: str) -> bool:
    """True when the database is at the newest shipped revision."""
    return current_revision(url) == head_revision()
