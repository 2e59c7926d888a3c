"""Users, passwords, API tokens, browser logins and login throttling.

Passwords are hashed with argon2; API tokens and login cookies are random and only their
SHA-256 is stored. Authorisation (who may add users) is the caller's business: the web app
checks the admin role, the shell is trusted. Deleting an account (`delete_account`) re-checks
its acting admin itself; what it removes and keeps is in docs/reliability.md.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, bindparam, delete, func, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.config import Settings
from mi_sim.services.csrf_tokens import login_token
from mi_sim.services.errors import (
    BadCredentials,
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
)
from mi_sim.services.login_throttle import LoginThrottle
from mi_sim.services.records import UserRecord, WebSessionRecord
from mi_sim.storage.db import (
    Prepared,
    WriteBusy,
    is_read_only,
    read_statements,
    reading,
    serialize,
    write_statements,
    writing,
)
from mi_sim.storage.models import (
    NAME_LENGTH,
    ApiToken,
    CohortMember,
    Feedback,
    LoginAttempt,
    PracticeSession,
    Review,
    ReviewCode,
    ReviewComment,
    Role,
    Turn,
    User,
    WebSession,
    utcnow,
)

NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
FIRST_ADMIN_LOCK = 0x6D6973  # any constant shared by all processes
ADMIN_LOCK = 0x6D6974  # serialises changes to who can sign in (activation, deletion)
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
    if is_deleted_name(name):
        raise Invalid(f"names starting with '{DELETED_PREFIX}' are kept for deleted accounts")
    return name


# --- deleted accounts ------------------------------------------------------------------------

DELETED_PREFIX = "deleted-"
DELETED_USER = "deleted user"  # how a deleted reviewer is shown
DELETION_MODES = ("anonymise", "delete")
# Stored instead of a password hash: not an argon2 hash, so no password ever matches it.
UNUSABLE_PASSWORD = "!deleted"


def is_deleted_name(name: str) -> bool:
    """Whether `name` is the kind a deleted account gets (no new account may take one)."""
    return name.lower().startswith(DELETED_PREFIX)


def shown_name(name: str) -> str:
    """A name as pages show a reviewer or author: "deleted user" for a deleted account."""
    return DELETED_USER if is_deleted_name(name) else name


def check_deletion_mode(mode: str) -> str:
    if mode not in DELETION_MODES:
        raise Invalid(f"unknown deletion mode '{mode}'; modes: {', '.join(DELETION_MODES)}")
    return mode


@dataclass(frozen=True, slots=True)
class DeletionReport:
    """What `delete_account` did. `kept_as` is the anonymous name the account's row now has,
    or None when the row itself is gone."""

    name: str
    mode: str
    kept_as: str | None
    sessions_deleted: int
    sessions_kept: int
    reviews_written_kept: int

    def describe(self) -> str:
        if self.mode == "anonymise":
            return (f"anonymised '{self.name}' as {self.kept_as}: {self.sessions_kept} "
                    f"session(s) and {self.reviews_written_kept} review(s) they wrote kept "
                    "under that name; logins, API tokens and the password removed")
        text = f"deleted '{self.name}' and {self.sessions_deleted} session(s)"
        if self.kept_as:
            text += (f"; {self.reviews_written_kept} review(s) they wrote of others' sessions "
                     f"kept, shown as by a \"{DELETED_USER}\" ({self.kept_as})")
        return text


def check_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise Invalid(f"unknown role '{role}'; roles: "
                      f"{', '.join(r.value for r in Role)}") from None


@functools.cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords of the zxcvbn package (lower case, from leaked
    password lists; offline, pinned with the package)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"])


def check_password(password: str) -> str:
    if not isinstance(password, str) or not password.strip():
        raise Invalid("the password is empty")
    if len(password) < MIN_PASSWORD:
        raise Invalid(f"the password is too short: use at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise Invalid(f"the password is too long: at most {MAX_PASSWORD} characters")
    if password.strip().lower() in common_passwords():
        raise Invalid("this password is one of the most common ones, which are guessed first: "
                      "choose another (a few unrelated words make a good one)")
    return password


class Accounts:
    def __init__(self, sessions: sessionmaker[Session], settings: Settings,
                 hasher: PasswordHasher | None = None) -> None:
        self.sessions = sessions
        self.settings = settings
        self.hasher = hasher or PasswordHasher()
        self.throttle = LoginThrottle(sessions, settings)
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
                taken = db.scalar(select(User.name).where(func.lower(User.name) == name.lower()))
                if taken is not None:
                    raise Conflict(f"a user named '{shown_name(taken)}' already exists (names "
                                   "are the same whatever their case)")
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
        """A new password. Everything the old one let in ends with it: the account's browser
        logins and its API tokens (a reset often follows a leak; scripts get a new token)."""
        password_hash = self.hasher.hash(check_password(password))
        with writing(self.sessions) as db:
            user = self._live_user(db, name)
            user.password_hash = password_hash
            db.execute(delete(WebSession).where(WebSession.user_id == user.id))
            db.execute(delete(ApiToken).where(ApiToken.user_id == user.id))

    def set_active(self, name: str, active: bool) -> UserRecord:
        """Enable or disable an account; disabling also ends its browser logins."""
        with writing(self.sessions) as db:
            user = self._live_user(db, name) if active else self._user(db, name)
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

    def _live_user(self, db: Session, name: str) -> User:
        """The user, refusing a deleted account (it can get no password, token or login)."""
        user = self._user(db, name)
        if is_deleted_name(user.name):
            raise Conflict("this account was deleted; it cannot be used again")
        return user

    # --- deleting an account -----------------------------------------------------------

    def delete_account(self, actor: UserRecord | None, name: str,
                       mode: str | None = None) -> DeletionReport:
        """Delete the account `name` on behalf of the admin `actor` (None: the trusted shell),
        in one transaction, as `mode` says (default: the `account_deletion` setting).

        Refused (`Forbidden`) unless `actor` is an active admin; (`Conflict`) for the actor's
        own account, for the last active admin, and for anonymising an account already
        deleted. What each mode removes and keeps: docs/reliability.md, "Account deletion".
        In short, "anonymise" keeps the row under a random `deleted-…` name (role kept,
        inactive, no usable password) with their sessions, cohort memberships and reviews;
        "delete" removes the row with their sessions, turns, feedback, reviews of those
        sessions, memberships, tokens and logins. Both remove API tokens, browser logins and
        login attempts under the name. Reviews they wrote of other people's sessions are kept
        in both modes (shown as by a "deleted user"); in "delete" mode the row then stays as
        an anonymous, unusable tombstone because a review needs its reviewer's row.
        """
        mode = check_deletion_mode(mode or self.settings.account_deletion)
        with writing(self.sessions) as db:
            serialize(db, ADMIN_LOCK)
            if actor is not None:
                acting = db.get(User, actor.id)
                if acting is None or not acting.active or acting.role != Role.ADMIN.value:
                    raise Forbidden("only an active admin may delete accounts")
            user = self._user(db, name if isinstance(name, str) else "")
            if actor is not None and user.id == actor.id:
                raise Conflict("you cannot delete your own account; ask another admin to do it")
            if mode == "anonymise" and is_deleted_name(user.name):
                raise Conflict("this account is already deleted")
            if user.role == Role.ADMIN.value and user.active:
                others = db.scalar(select(func.count(User.id)).where(
                    User.role == Role.ADMIN.value, User.active.is_(True), User.id != user.id))
                if not others:
                    raise Conflict("this would leave no active admin")
            return self._delete(db, user, mode)

    def _delete(self, db: Session, user: User, mode: str) -> DeletionReport:
        original = user.name
        for table in (ApiToken, WebSession):
            db.execute(delete(table).where(table.user_id == user.id))
        db.execute(delete(LoginAttempt).where(LoginAttempt.name == original))
        own = select(PracticeSession.id).where(PracticeSession.user_id == user.id)
        sessions = db.scalar(select(func.count()).select_from(own.subquery())) or 0
        if mode == "delete":
            of_own = select(Review.id).where(Review.session_id.in_(own))
            db.execute(delete(ReviewCode).where(ReviewCode.review_id.in_(of_own)))
            db.execute(delete(ReviewComment).where(ReviewComment.review_id.in_(of_own)))
            db.execute(delete(Review).where(Review.session_id.in_(own)))
            db.execute(delete(Feedback).where(Feedback.session_id.in_(own)))
            db.execute(delete(Turn).where(Turn.session_id.in_(own)))
            db.execute(delete(PracticeSession).where(PracticeSession.user_id == user.id))
            db.execute(delete(CohortMember).where(CohortMember.user_id == user.id))
        written = db.scalar(select(func.count(Review.id))
                            .where(Review.reviewer_id == user.id)) or 0
        if mode == "delete" and not written:
            db.delete(user)  # persona versions, drafts, goldens they authored: author NULL
            db.flush()
            return DeletionReport(original, mode, None, sessions, 0, 0)
        user.name = f"{DELETED_PREFIX}{secrets.token_hex(6)}"
        user.password_hash = UNUSABLE_PASSWORD
        user.active = False
        db.flush()
        return DeletionReport(original, mode, user.name, sessions if mode == "delete" else 0,
                              0 if mode == "delete" else sessions, written)

    # --- logging in --------------------------------------------------------------------

    def authenticate(self, name: str, password: str, remote: str) -> UserRecord:
        """The user, if the name and password match; `BadCredentials` otherwise.

        Too many failures for the name from this address (since its last success), from the
        address, or a gentler back-off for the name from anywhere → `Throttled`, before the
        password is even checked; the attempt is checked and recorded in one step
        (`login_throttle`), so concurrent guesses cannot slip past the limit.
        """
        name = (name or "").strip()[:NAME_LENGTH]
        remote = (remote or "unknown")[:64]
        now = utcnow()
        attempt_id = self.throttle.reserve(name, remote, now)
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
        self.throttle.settle(attempt_id, name, ok, now)
        with writing(self.sessions) as db:
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

    # --- API tokens --------------------------------------------------------------------

    def create_api_token(self, name: str) -> str:
        """A new bearer token for the user; only its SHA-256 is stored."""
        token = secrets.token_urlsafe(32)
        with writing(self.sessions) as db:
            user = self._live_user(db, name)
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
            # run on the event loop): a use not noted now is noted by the next request. On a
            # read-only database the use is not noted at all, and the request goes on (reads
            # work; a write answers that the database is read-only).
            try:
                with suppress(WriteBusy), write_statements(engine, wait=False) as db:
                    db.execute(_TOUCH_TOKEN, {"token_id": found["token_id"],
                                              "last_used_at": now})
            except DBAPIError as exc:
                if not is_read_only(exc):
                    raise
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
        csrf_token = login_token(self.settings.secret_key, cookie_value)
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
        # The token is recomputed from the cookie and the secret (a login stored before the
        # tokens were signed, or under another secret, gets the current one).
        return WebSessionRecord(_user_record(found),
                                login_token(self.settings.secret_key, cookie_value),
                                found["expires_at"])

    def end_web_session(self, cookie_value: str) -> None:
        """Log out; harmless for an unknown or already ended login."""
        if not cookie_value:
            return
        with writing(self.sessions) as db:
            db.execute(delete(WebSession).where(WebSession.id == sha256(cookie_value)))
