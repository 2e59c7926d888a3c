"""The use cases shared by the web app and the command line (no web framework here).

    services = Services.from_settings(Settings())
    admin = services.accounts.create_first_admin("ada", "a long password")
    services.personas.sync_shipped_personas()
    session = services.practice.start_session(admin, "panic-disorder")
    turn, created = services.practice.post_turn(admin, session.id, "What brings you here?")

Every method returns plain frozen dataclasses (`records`) and refuses with a `ServiceError`
subclass (`errors`) whose `message` can be shown to the user.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.config import Settings
from mi_sim.services.accounts import Accounts
from mi_sim.services.admin import Administration
from mi_sim.services.authoring import Authoring
from mi_sim.services.backup import Backup
from mi_sim.services.cohorts import Cohorts
from mi_sim.services.errors import (
    BadCredentials,
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    ServiceError,
    Throttled,
    Unpublishable,
)
from mi_sim.services.exports import Exports
from mi_sim.services.history import History
from mi_sim.services.imports import Imports
from mi_sim.services.library import Library
from mi_sim.services.personas import Personas
from mi_sim.services.practice import Practice
from mi_sim.services.progress import Progress
from mi_sim.services.reviews import Reviews
from mi_sim.storage.db import make_engine, make_sessionmaker


@dataclass(frozen=True)
class Services:
    """All use cases over one database.

    `accounts`, `cohorts`, `personas`, `practice`, `history` (a trainee's own sessions),
    `admin` (the admin pages' use cases over accounts and cohorts), and the supervisor's:
    `reviews` (queue, review page, codes, comments, ratings, reports, agreement), `imports`
    (code any transcript), `progress` (per trainee and per cohort) and `exports` (CSV, JSON,
    streamed cohort CSV), and the instructor's `library` (persona drafts, versions, visibility
    by cohort, import/export, goldens) and `authoring` (what-if branches of stored sessions,
    coverage of a persona version), and the admin's `backup` (the whole database as JSON lines,
    and back). Who sees what: `mi_sim.services.access`.
    """

    settings: Settings
    sessions: sessionmaker[Session]
    accounts: Accounts
    cohorts: Cohorts
    personas: Personas
    practice: Practice
    history: History
    admin: Administration
    reviews: Reviews
    imports: Imports
    progress: Progress
    exports: Exports
    library: Library
    authoring: Authoring
    backup: Backup

    @classmethod
    def build(cls, sessions: sessionmaker[Session], settings: Settings,
              hasher: PasswordHasher | None = None) -> Services:
        personas = Personas(sessions, settings)
        accounts, cohorts = Accounts(sessions, settings, hasher), Cohorts(sessions)
        return cls(settings, sessions, accounts, cohorts, personas,
                   Practice(sessions, personas), History(sessions, personas),
                   Administration(accounts, cohorts), Reviews(sessions), Imports(sessions),
                   Progress(sessions), Exports(sessions), Library(sessions, personas),
                   Authoring(sessions, personas), backup=Backup(sessions, settings.secret_key))

    @classmethod
    def from_settings(cls, settings: Settings, hasher: PasswordHasher | None = None) -> Services:
        """Services over a new engine for `settings.database_url` (dispose with `close`)."""
        engine = make_engine(settings.database_url,
                             busy_timeout_ms=settings.sqlite_busy_timeout_ms,
                             pool_size=settings.db_pool_size)
        return cls.build(make_sessionmaker(engine), settings, hasher)

    @property
    def engine(self) -> Engine:
        bind = self.sessions.kw["bind"]
        assert isinstance(bind, Engine)
        return bind

    @property
    def turns_on_event_loop(self) -> bool:
        """Whether the web app plays API turns on its event loop rather than in a worker
        thread: on SQLite, where a turn's reads and its one short write take microseconds and
        a busy writer is handed to a thread instead of waited for (`WriteBusy`); the thread
        hop and the GIL hand-offs cost more than the turn itself (docs/performance.md). On
        PostgreSQL, whose statements are network round trips, turns stay in threads."""
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()


__all__ = [
    "BadCredentials",
    "Conflict",
    "Forbidden",
    "Invalid",
    "NotFound",
    "ServiceError",
    "Services",
    "Throttled",
    "Unpublishable",
]
