"""Initial schema: accounts, cohorts, personas and versions, practice sessions, turns, feedback.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = "role IN ('trainee', 'supervisor', 'instructor', 'admin')"


def when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        when("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohorts")),
        sa.UniqueConstraint("name", name=op.f("uq_cohorts_name")),
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("remote", sa.String(length=64), nullable=False),
        when("at"),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    op.create_index("ix_login_attempts_name_at", "login_attempts", ["name", "at"])
    op.create_index("ix_login_attempts_remote_at", "login_attempts", ["remote", "at"])
    op.create_table(
        "personas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        when("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personas")),
        sa.UniqueConstraint("slug", name=op.f("uq_personas_slug")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        when("created_at"),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint(ROLES, name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        when("created_at"),
        when("last_used_at", nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_api_tokens_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"])
    op.create_table(
        "cohort_members",
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        when("added_at"),
        sa.CheckConstraint(ROLES, name=op.f("ck_cohort_members_role")),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], ondelete="CASCADE",
                                name=op.f("fk_cohort_members_cohort_id_cohorts")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_cohort_members_user_id_users")),
        sa.PrimaryKeyConstraint("cohort_id", "user_id", name=op.f("pk_cohort_members")),
    )
    op.create_index(op.f("ix_cohort_members_user_id"), "cohort_members", ["user_id"])
    op.create_table(
        "persona_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("persona_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("yaml_text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        when("created_at"),
        sa.CheckConstraint("status IN ('draft', 'published', 'retired')",
                           name=op.f("ck_persona_versions_status")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], ondelete="SET NULL",
                                name=op.f("fk_persona_versions_created_by_id_users")),
        sa.ForeignKeyConstraint(["persona_id"], ["personas.id"], ondelete="CASCADE",
                                name=op.f("fk_persona_versions_persona_id_personas")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persona_versions")),
        sa.UniqueConstraint("persona_id", "number",
                            name=op.f("uq_persona_versions_persona_id_number")),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        when("created_at"),
        when("expires_at"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_web_sessions_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_expires_at"), "web_sessions", ["expires_at"])
    op.create_index(op.f("ix_web_sessions_user_id"), "web_sessions", ["user_id"])
    op.create_table(
        "practice_sessions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("persona_version_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=64), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("turn_count", sa.Integer(), nullable=False),
        sa.Column("ended", sa.Boolean(), nullable=False),
        sa.Column("end_reason", sa.String(length=32), nullable=True),
        sa.Column("opening", sa.Text(), nullable=True),
        when("started_at"),
        when("ended_at", nullable=True),
        sa.ForeignKeyConstraint(["persona_version_id"], ["persona_versions.id"],
                                ondelete="RESTRICT",
                                name=op.f("fk_practice_sessions_persona_version_id_persona_versions")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_practice_sessions_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_sessions")),
    )
    op.create_index(op.f("ix_practice_sessions_persona_version_id"), "practice_sessions",
                    ["persona_version_id"])
    op.create_index(op.f("ix_practice_sessions_started_at"), "practice_sessions",
                    ["started_at"])
    op.create_index("ix_practice_sessions_user_started", "practice_sessions",
                    ["user_id", "started_at"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        when("created_at"),
        sa.ForeignKeyConstraint(["session_id"], ["practice_sessions.id"], ondelete="CASCADE",
                                name=op.f("fk_feedback_session_id_practice_sessions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
        sa.UniqueConstraint("session_id", name=op.f("uq_feedback_session_id")),
    )
    op.create_table(
        "turns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("client_turn_id", sa.String(length=64), nullable=True),
        sa.Column("clinician", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("segments", sa.JSON(), nullable=False),
        sa.Column("patient", sa.Text(), nullable=False),
        sa.Column("talk", sa.String(length=16), nullable=False),
        sa.Column("subtype", sa.String(length=32), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("trace", sa.JSON(), nullable=False),
        when("created_at"),
        sa.ForeignKeyConstraint(["session_id"], ["practice_sessions.id"], ondelete="CASCADE",
                                name=op.f("fk_turns_session_id_practice_sessions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_turns")),
        sa.UniqueConstraint("session_id", "client_turn_id",
                            name=op.f("uq_turns_session_id_client_turn_id")),
        sa.UniqueConstraint("session_id", "number", name=op.f("uq_turns_session_id_number")),
    )


def downgrade() -> None:
    for table in ("turns", "feedback", "practice_sessions", "web_sessions", "persona_versions",
                  "cohort_members", "api_tokens", "users", "personas", "login_attempts",
                  "cohorts"):
        op.drop_table(table)
