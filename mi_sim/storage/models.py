"""The tables, as SQLAlchemy 2 typed declarative models.

Times are stored as UTC and always read back timezone-aware (`UTCDateTime`), on SQLite too.
JSON columns hold plain dicts and lists. Migrations in `mi_sim/storage/migrations/` create these
tables; change a model, then write a migration (see DEVELOPERS.md).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NAME_LENGTH = 64
CLIENT_TURN_ID_LENGTH = 64


class Role(StrEnum):
    TRAINEE = "trainee"
    SUPERVISOR = "supervisor"
    INSTRUCTOR = "instructor"
    ADMIN = "admin"


class VersionStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"


def utcnow() -> datetime:
    return datetime.now(UTC)


def _in(values: type[StrEnum]) -> str:
    return ", ".join(f"'{v.value}'" for v in values)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and returned timezone-aware, on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None,
                             dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(f"role IN ({_in(Role)})", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# User names are unique ignoring case ("Tess" and "tess" cannot coexist): migration 0004.
Index("uq_users_name_lower", func.lower(User.name), unique=True)


class ApiToken(Base):
    """A bearer token for scripts; only the SHA-256 of the token is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]


class WebSession(Base):
    """A browser login; `id` is the SHA-256 of the cookie value, never the value itself."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class LoginAttempt(Base):
    """One login attempt, kept for throttling across processes."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_name_at", "name", "at"),
                      Index("ix_login_attempts_remote_at", "remote", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    remote: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    success: Mapped[bool] = mapped_column(Boolean)


class Cohort(Base):
    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CohortMember(Base):
    __tablename__ = "cohort_members"
    __table_args__ = (CheckConstraint(f"role IN ({_in(Role)})", name="role"),)

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"),
                                           primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(16))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class PersonaRow(Base):
    __tablename__ = "personas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    versions: Mapped[list[PersonaVersion]] = relationship(back_populates="persona",
                                                          order_by="PersonaVersion.number")


class PersonaVersion(Base):
    """One immutable text of a persona; sessions point at the version they were played with."""

    __tablename__ = "persona_versions"
    __table_args__ = (
        UniqueConstraint("persona_id", "number"),
        CheckConstraint(f"status IN ({_in(VersionStatus)})", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    persona_id: Mapped[int] = mapped_column(ForeignKey("personas.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    yaml_text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16), default="shipped")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    persona: Mapped[PersonaRow] = relationship(back_populates="versions")


GOLDEN_NAME_LENGTH = 120


class PersonaDraft(Base):
    """The one working draft of a persona: YAML text as the instructor last saved it, valid or
    not. `base_version_id` is the version it was started from (None for a new persona)."""

    __tablename__ = "persona_drafts"

    persona_id: Mapped[int] = mapped_column(ForeignKey("personas.id", ondelete="CASCADE"),
                                            primary_key=True)
    yaml_text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    base_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("persona_versions.id", ondelete="SET NULL"))


class PersonaCohort(Base):
    """A cohort that may see a persona. A persona without rows here is visible to everyone."""

    __tablename__ = "persona_cohorts"

    persona_id: Mapped[int] = mapped_column(ForeignKey("personas.id", ondelete="CASCADE"),
                                            primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"),
                                           primary_key=True, index=True)


class PersonaGolden(Base):
    """A golden transcript of a persona: clinician lines and the turns they are expected to
    replay to (`mi_sim.transcript.turn_record`s). `version_number` is the version it was
    recorded against (None: recorded against a draft)."""

    __tablename__ = "persona_goldens"
    __table_args__ = (UniqueConstraint("persona_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    persona_id: Mapped[int] = mapped_column(ForeignKey("personas.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(GOLDEN_NAME_LENGTH))
    level: Mapped[str] = mapped_column(String(NAME_LENGTH))
    seed: Mapped[int] = mapped_column(BigInteger)
    lines: Mapped[list[Any]]
    turns: Mapped[list[Any]]
    version_number: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SessionKind(StrEnum):
    PRACTICE = "practice"   # a trainee talking to a persona
    IMPORTED = "imported"   # a transcript pasted or uploaded and coded (no persona)


class PracticeSession(Base):
    """A conversation between a trainee and one persona version, or an imported transcript
    (`kind` 'imported': no persona version, a `title`, ended when stored)."""

    __tablename__ = "practice_sessions"
    __table_args__ = (
        Index("ix_practice_sessions_user_started", "user_id", "started_at"),
        Index("ix_practice_sessions_user_ended", "user_id", "ended_at"),
        Index("ix_practice_sessions_ended_at", "ended_at"),
        CheckConstraint(f"kind IN ({_in(SessionKind)})", name="kind"),
        CheckConstraint("kind = 'imported' OR persona_version_id IS NOT NULL", name="persona"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16), default=SessionKind.PRACTICE.value,
                                      server_default=SessionKind.PRACTICE.value)
    title: Mapped[str | None] = mapped_column(String(200))
    persona_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("persona_versions.id", ondelete="RESTRICT"), index=True)
    level: Mapped[str] = mapped_column(String(NAME_LENGTH))
    seed: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[dict[str, Any]]
    turn_count: Mapped[int] = mapped_column(Integer, default=0)
    ended: Mapped[bool] = mapped_column(Boolean, default=False)
    end_reason: Mapped[str | None] = mapped_column(String(32))
    opening: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    ended_at: Mapped[datetime | None]


class Turn(Base):
    """One clinician line, how it was coded, the patient's reply and the state after it."""

    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("session_id", "number"),
                      UniqueConstraint("session_id", "client_turn_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    client_turn_id: Mapped[str | None] = mapped_column(String(CLIENT_TURN_ID_LENGTH))
    clinician: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(32))
    why: Mapped[str] = mapped_column(Text)
    segments: Mapped[list[Any]]
    patient: Mapped[str] = mapped_column(Text)
    talk: Mapped[str] = mapped_column(String(16))
    subtype: Mapped[str | None] = mapped_column(String(32))
    cue: Mapped[str | None] = mapped_column(Text)
    state: Mapped[dict[str, Any]]
    trace: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Feedback(Base):
    """The summary computed when a session ends."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="CASCADE"), unique=True)
    summary: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- supervisor reviews ---------------------------------------------------------------------

REVIEW_COMMENT_LENGTH = 2000
# The clinician codes (mi_sim.engine.vocabulary.Code), spelt out for the CHECK constraint.
REVIEW_CODES = (
    "question_open", "question_closed", "reflection_simple", "reflection_complex", "affirm",
    "seek_collaboration", "emphasize_autonomy", "giving_information", "persuade",
    "persuade_with_permission", "confront", "facilitate", "other")
GLOBAL_COLUMNS = ("cultivating_change_talk", "softening_sustain_talk", "partnership", "empathy")


def _rating_check(name: str) -> CheckConstraint:
    return CheckConstraint(f"{name} IS NULL OR ({name} >= 1 AND {name} <= 5)", name=name)


class Review(Base):
    """One reviewer's review of one session: the four MITI global ratings (1–5, NULL until
    rated), an overall comment, and `completed_at` once they marked it complete. The human
    codes and line comments hang off it (`ReviewCode`, `ReviewComment`)."""

    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("session_id", "reviewer_id"),
        *(_rating_check(name) for name in GLOBAL_COLUMNS),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="CASCADE"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                             index=True)
    cultivating_change_talk: Mapped[int | None] = mapped_column(Integer)
    softening_sustain_talk: Mapped[int | None] = mapped_column(Integer)
    partnership: Mapped[int | None] = mapped_column(Integer)
    empathy: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReviewCode(Base):
    """A reviewer's code for one turn, where it differs from the auto code (which stays on the
    turn). Setting the auto code again deletes the row."""

    __tablename__ = "review_codes"
    __table_args__ = (
        CheckConstraint("code IN (" + ", ".join(f"'{c}'" for c in REVIEW_CODES) + ")",
                        name="code"),
    )

    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"),
                                           primary_key=True)
    turn_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32))


class ReviewComment(Base):
    """A reviewer's comment on one turn, or on the whole session (`turn_number` NULL)."""

    __tablename__ = "review_comments"
    __table_args__ = (
        Index("ix_review_comments_review_turn", "review_id", "turn_number"),
        CheckConstraint(f"length(text) <= {REVIEW_COMMENT_LENGTH}", name="text_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    turn_number: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
