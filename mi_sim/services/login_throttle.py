"""Throttling failed logins: checked and recorded in one step, keyed by account and address.

`reserve` runs ONE short write transaction that counts the recent failures and, if the attempt
may go ahead, records it at once as a failure; only then is the password checked (outside the
transaction: argon2 takes tens of milliseconds), and `settle` marks a right password as a
success. So sixteen concurrent wrong passwords for one name cannot all pass the check before any
is recorded: each sees the ones before it (SQLite serialises writers with BEGIN IMMEDIATE; on
PostgreSQL the transaction locks `login_attempts` first, in a mode that excludes itself).

Three rules, all within `login_window_seconds`:

- **account + address**: `login_max_attempts` failures for one name from one address (since the
  name's last success) lock that name *from that address* until the window has passed;
- **address**: `login_max_attempts_per_address` failures from one address, whatever the names,
  lock that address;
- **account, gently**: from `login_account_backoff_after` failures for one name from any
  addresses, each further attempt for it must wait 1, 2, 4 … seconds (at most
  `login_account_backoff_max_seconds`) after the latest failure. A stranger guessing from many
  addresses is slowed to a trickle, and the owner is never locked out for longer than that.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.config import Settings
from mi_sim.services.errors import Throttled
from mi_sim.storage.db import writing
from mi_sim.storage.models import LoginAttempt


def _throttled(wait: float) -> Throttled:
    seconds = max(1, math.ceil(wait))
    return Throttled(f"too many failed logins; try again in {seconds} seconds", seconds)


class LoginThrottle:
    def __init__(self, sessions: sessionmaker[Session], settings: Settings) -> None:
        self.sessions = sessions
        self.settings = settings

    def reserve(self, name: str, remote: str, now: datetime) -> int:
        """Record an attempt (as a failure until `settle` says otherwise) and return its id,
        or raise `Throttled` having recorded nothing."""
        with writing(self.sessions) as db:
            if db.get_bind().dialect.name == "postgresql":
                db.execute(text("LOCK TABLE login_attempts IN SHARE ROW EXCLUSIVE MODE"))
            self._check(db, name, remote, now)
            attempt = LoginAttempt(name=name, remote=remote, at=now, success=False)
            db.add(attempt)
            db.flush()
            return attempt.id

    def settle(self, attempt_id: int, name: str, ok: bool, now: datetime) -> None:
        """Mark a reserved attempt a success (a failure stays as recorded); forget attempts
        for the name older than two windows."""
        horizon = now - timedelta(seconds=self.settings.login_window_seconds * 2)
        with writing(self.sessions) as db:
            if ok:
                db.execute(update(LoginAttempt).where(LoginAttempt.id == attempt_id)
                           .values(success=True))
            db.execute(LoginAttempt.__table__.delete().where(
                LoginAttempt.name == name, LoginAttempt.at < horizon))

    def _check(self, db: Session, name: str, remote: str, now: datetime) -> None:
        settings = self.settings
        window = timedelta(seconds=settings.login_window_seconds)
        since = now - window
        last_ok = db.scalar(select(func.max(LoginAttempt.at)).where(
            LoginAttempt.name == name, LoginAttempt.success.is_(True), LoginAttempt.at >= since))
        start = max(since, last_ok) if last_ok else since
        failed = LoginAttempt.success.is_(False)
        for where, limit in (
            ((LoginAttempt.name == name) & (LoginAttempt.remote == remote)
             & (LoginAttempt.at > start), settings.login_max_attempts),
            ((LoginAttempt.remote == remote) & (LoginAttempt.at > since),
             settings.login_max_attempts_per_address),
        ):
            oldest = self._oldest_of_latest(db, where & failed, limit)
            if oldest is not None:
                raise _throttled((oldest + window - now).total_seconds())
        count, latest = db.execute(select(func.count(), func.max(LoginAttempt.at)).where(
            LoginAttempt.name == name, failed, LoginAttempt.at > start)).one()
        beyond = count - settings.login_account_backoff_after
        if beyond >= 0 and latest is not None:
            delay = min(2 ** min(beyond, 30), settings.login_account_backoff_max_seconds)
            wait = (latest + timedelta(seconds=delay) - now).total_seconds()
            if wait > 0:
                raise _throttled(wait)

    @staticmethod
    def _oldest_of_latest(db: Session, where: ColumnElement[bool],
                          limit: int) -> datetime | None:
        """The time of the `limit`-th latest failure matching `where`, if there are that many
        (the lock lifts a window after it)."""
        times = list(db.scalars(select(LoginAttempt.at).where(where)
                                .order_by(LoginAttempt.at.desc()).limit(limit)))
        return times[-1] if len(times) >= limit else None
