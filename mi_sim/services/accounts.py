"""Users, passwords, API tokens, browser logins and login throttling.

Passwords are hashed with argon2; API tokens and login cookies are random and only their
SHA-256 is stored. Authorisation (who may add users) is the caller's business: the web app
checks the admin role, the shell is trusted.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from contextlib import suppress
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.config import Settings
from mi_sim.services.errors import BadCredentials, Conflict, Invalid, NotFound, Throttled
from mi_sim.services.records import UserRecord, WebSessionRecord
from mi_sim.storage.db import (
    Prepared,
    WriteBusy,
    read_statements,
    reading,
    serialize,
    write_statements,
    writing,
)
from mi_sim.storage.models import (
    NAME_LENGTH,
    ApiToken,
    LoginAttempt,
    Role,
    User,
    WebSession,
    utcnow,
)

NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
FIRST_ADMIN_LOCK = 0x6D6973  # any constant shared by all processes
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)

# Run on every request, so built once (their compiled SQL is cached): Core, not the ORM.
_USER_COLUMNS = (User.__table__.c.id, User.__table__.c.name, User.__table__.c.role,
                 User.__table__.c.active, User.__table__.c.created_at)
_USER_FOR_TOKEN = Prepared(
    select(*_USER_COLUMNS, ApiToken.__table__.c.id.label("token_id"),
           ApiToken.__table__.c.last_used_at)
    .join_from(User.__table__, ApiToken.__table__,
               ApiToken.__table__.c.user_id == User.__table__.c.id)
    .where(ApiToken.__table__.c.token_hash == bindparam("token_hash")))
_TOUCH_TOKEN = Prepared(update(ApiToken.__table__)
                        .where(ApiToken.__table__.c.id == bindparam("token_id")),
                        ["last_used_at"])
_USER_FOR_WEB_SESSION = Prepared(
    select(*_USER_COLUMNS, WebSession.__table__.c.csrf_token,
           WebSession.__table__.c.expires_at)
    .join_from(User.__table__, WebSession.__table__,
               WebSession.__table__.c.user_id == User.__table__.c.id)
    .where(WebSession.__table__.c.id == bindparam("login_id")))


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _user_record(row: dict[str, Any]) -> UserRecord:
    return UserRecord(row["id"], row["name"], row["role"], row["active"], row["created_at"])


def user_record(user: User) -> UserRecord:
    return UserRecord(user.id, user.name, user.role, user.active, user.created_at)


def check_name(name: str) -> str:
    name = name.strip() if isinstance(name, str) else ""
    if not NAME_PATTERN.fullmatch(name):
        raise Invalid(f"a user name is 1–{NAME_LENGTH} letters, digits and . _ @ - "
                      "(starting with a letter or digit)")
    return name


def check_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise Invalid(f"unknown role '{role}'; roles: "
                      f"{', '.join(r.value for r in Role)}") from None


def check_password(password: str) -> str:
    if not isinstance(password, str) or not password.strip():
        raise Invalid("the password is empty")
    if len(password) < MIN_PASSWORD:
        raise Invalid(f"the password is too short: use at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise Invalid(f"the password is too long: at most {MAX_PASSWORD} characters")
    return password


class Accounts:
    def __init__(self, sessions: sessionmaker[Session], settings: Settings,
                 hasher: PasswordHasher | None = None) -> None:
        self.sessions = sessions
        self.settings = settings
        self.hasher = hasher or PasswordHasher()
        self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))

    # --- users -------------------------------------------------------------------------

    def has_any_user(self) -> bool:
        with reading(self.sessions) as db:
            return db.scalar(select(User.id).limit(1)) is not None

    def create_first_admin(self, name: str, password: str) -> UserRecord:
        """The first account, an admin; refused (Conflict) once any user exists."""
        name, password = check_name(name), check_password(password)
        password_hash = self.hasher.hash(password)
        with writing(self.sessions) as db:
            serialize(db, FIRST_ADMIN_LOCK)
            if db.scalar(select(User.id).limit(1)) is not None:
                raise Conflict("the first admin already exists; ask an admin for an account")
            user = User(name=name, role=Role.ADMIN.value, password_hash=password_hash)
            db.add(user)
            db.flush()
            return user_record(user)

    def create_user(self, name: str, role: str, password: str) -> UserRecord:
        name, checked_role = check_name(name), check_role(role)
        password_hash = self.hasher.hash(check_password(password))
        try:
            with writing(self.sessions) as db:
                user = User(name=name, role=checked_role.value, password_hash=password_hash)
                db.add(user)
                db.flush()
                return user_record(user)
        except IntegrityError:
            raise Conflict(f"a user named '{name}' already exists") from None

    def get_user(self, name: str) -> UserRecord:
        with reading(self.sessions) as db:
            user = db.scalar(select(User).where(User.name == name))
            if user is None:
                raise NotFound(f"no user named '{name}'")
            return user_record(user)

    def list_users(self) -> list[UserRecord]:
        with reading(self.sessions) as db:
            return [user_record(u) for u in db.scalars(select(User).order_by(User.name))]

    def set_password(self, name: str, password: str) -> None:
        password_hash = self.hasher.hash(check_password(password))
        with writing(self.sessions) as db:
            user = self._user(db, name)
            user.password_hash = password_hash
            db.execute(delete(WebSession).where(WebSession.user_id == user.id))

    def set_active(self, name: str, active: bool) -> UserRecord:
        """Enable or disable an account; disabling also ends its browser logins."""
        with writing(self.sessions) as db:
            user = self._user(db, name)
            user.active = active
            if not active:
                db.execute(delete(WebSession).where(WebSession.user_id == user.id))
            db.flush()
            return user_record(user)

    def _user(self, db: Session, name: str) -> User:
        user = db.scalar(select(User).where(User.name == name))
        if user is None:
            raise NotFound(f"no user named '{name}'")
        return user

    # --- logging in --------------------------------------------------------------------

    def authenticate(self, name: str, password: str, remote: str) -> UserRecord:
        """The user, if the name and password match; `BadCredentials` otherwise.

        Too many failures for the name (since its last success) or from the remote address
        within `login_window_seconds` → `Throttled`, before the password is even checked.
        """
        name = (name or "").strip()[:NAME_LENGTH]
        remote = (remote or "unknown")[:64]
        now = utcnow()
        self._check_throttle(name, remote, now)
        with reading(self.sessions) as db:
            user = db.scalar(select(User).where(User.name == name))
            stored = None if user is None else (user.id, user.password_hash, user.active)
        ok = False
        rehash: str | None = None
        if stored is None:
            self._verify(self._dummy_hash, password)  # same cost as for a real user
        else:
            ok = self._verify(stored[1], password) and stored[2]
            if ok and self.hasher.check_needs_rehash(stored[1]):
                rehash = self.hasher.hash(password)
        with writing(self.sessions) as db:
            db.add(LoginAttempt(name=name, remote=remote, at=now, success=ok))
            horizon = now - timedelta(seconds=self.settings.login_window_seconds * 2)
            db.execute(delete(LoginAttempt).where(LoginAttempt.name == name,
                                                  LoginAttempt.at < horizon))
            if ok and stored is not None:
                user = db.get(User, stored[0])
                if user is not None and rehash:
                    user.password_hash = rehash
                if user is not None:
                    return user_record(user)
        raise BadCredentials("the name or password is wrong")

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return bool(self.hasher.verify(password_hash, password or ""))
        except (VerificationError, InvalidHashError):
            return False

    def _check_throttle(self, name: str, remote: str, now: datetime) -> None:
        window = timedelta(seconds=self.settings.login_window_seconds)
        since = now - window
        with reading(self.sessions) as db:
            last_ok = db.scalar(select(func.max(LoginAttempt.at)).where(
                LoginAttempt.name == name, LoginAttempt.success.is_(True),
                LoginAttempt.at >= since))
            for column, value, limit, start in (
                (LoginAttempt.name, name, self.settings.login_max_attempts,
                 max(since, last_ok) if last_ok else since),
                (LoginAttempt.remote, remote, self.settings.login_max_attempts_per_address,
                 since),
            ):
                times = list(db.scalars(
                    select(LoginAttempt.at)
                    .where(column == value, LoginAttempt.success.is_(False),
                           LoginAttempt.at > start)
                    .order_by(LoginAttempt.at.desc()).limit(limit)))
                if len(times) >= limit:
                    wait = max(1, math.ceil((times[-1] + window - now).total_seconds()))
                    raise Throttled(f"too many failed logins; try again in {wait} seconds",
                                    wait)

    # --- API tokens --------------------------------------------------------------------

    def create_api_token(self, name: str) -> str:
        """A new bearer token for the user; only its SHA-256 is stored."""
        token = secrets.token_urlsafe(32)
        with writing(self.sessions) as db:
            user = self._user(db, name)
            db.add(ApiToken(token_hash=sha256(token), user_id=user.id))
        return token

    @property
    def _engine(self) -> Engine:
        bind = self.sessions.kw["bind"]
        assert isinstance(bind, Engine)
        return bind

    def user_for_token(self, token: str) -> UserRecord | None:
        """The active user holding this token, or None.

        Called on every API request: one prepared Core statement (the token's unique index
        joined to its user), and a write at most once a minute per token to note its use.
        """
        if not token:
            return None
        engine = self._engine
        with read_statements(engine) as db:
            found = db.first(_USER_FOR_TOKEN, {"token_hash": sha256(token)})
        if found is None or not found["active"]:
            return None
        record = _user_record(found)
        now = utcnow()
        last_used = found["last_used_at"]
        if last_used is None or now - last_used > TOKEN_TOUCH_INTERVAL:
            # At most once a minute per token, and never waiting for another writer (this may
            # run on the event loop): a use not noted now is noted by the next request.
            with suppress(WriteBusy), write_statements(engine, wait=False) as db:
                db.execute(_TOUCH_TOKEN, {"token_id": found["token_id"], "last_used_at": now})
        return record

    def revoke_api_tokens(self, name: str) -> int:
        with writing(self.sessions) as db:
            user = self._user(db, name)
            result = db.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
            return int(getattr(result, "rowcount", 0) or 0)

    # --- browser logins ----------------------------------------------------------------

    def start_web_session(self, user: UserRecord) -> tuple[str, str]:
        """A new login: `(cookie_value, csrf_token)`. Every login gets a new id."""
        cookie_value = secrets.token_urlsafe(32)
        csrf_token = secrets.token_urlsafe(32)
        now = utcnow()
        with writing(self.sessions) as db:
            db.execute(delete(WebSession).where(WebSession.expires_at < now))
            db.add(WebSession(id=sha256(cookie_value), user_id=user.id, csrf_token=csrf_token,
                              created_at=now, expires_at=now + timedelta(
                                  seconds=self.settings.session_max_age_seconds)))
        return cookie_value, csrf_token

    def user_for_web_session(self, cookie_value: str) -> WebSessionRecord | None:
        """The login behind a cookie value, or None (unknown, expired or disabled user)."""
        if not cookie_value:
            return None
        with read_statements(self._engine) as db:
            found = db.first(_USER_FOR_WEB_SESSION, {"login_id": sha256(cookie_value)})
        if found is None or not found["active"] or found["expires_at"] <= utcnow():
            return None
        return WebSessionRecord(_user_record(found), found["csrf_token"], found["expires_at"])

    def end_web_session(self, cookie_value: str) -> None:
        """Log out; harmless for an unknown or already ended login."""
        if not cookie_value:
            return
        with writing(self.sessions) as db:
            db.execute(delete(WebSession).where(WebSession.id == sha256(cookie_value)))
