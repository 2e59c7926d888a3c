"""Supervisor reviews (reviews, review_codes, review_comments) and imported transcripts
(practice_sessions.kind and .title; persona_version_id nullable for imports); indexes for the
review queue.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODES = ("question_open", "question_closed", "reflection_simple", "reflection_complex", "affirm",
         "seek_collaboration", "emphasize_autonomy", "giving_information", "persuade",
         "persuade_with_permission", "confront", "facilitate", "other")
GLOBALS = ("cultivating_change_talk", "softening_sustain_talk", "partnership", "empathy")


def when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("practice_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=16), server_default="practice",
                                      nullable=False))
        batch_op.add_column(sa.Column("title", sa.String(length=200), nullable=True))
        batch_op.alter_column("persona_version_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_check_constraint("kind", "kind IN ('practice', 'imported')")
        batch_op.create_check_constraint(
            "persona", "kind = 'imported' OR persona_version_id IS NOT NULL")
        batch_op.create_index("ix_practice_sessions_ended_at", ["ended_at"])
        batch_op.create_index("ix_practice_sessions_user_ended", ["user_id", "ended_at"])

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=True) for name in GLOBALS),
        sa.Column("comment", sa.Text(), nullable=True),
        when("completed_at", nullable=True),
        when("created_at"),
        when("updated_at"),
        *(sa.CheckConstraint(f"{name} IS NULL OR ({name} >= 1 AND {name} <= 5)",
                             name=op.f(f"ck_reviews_{name}")) for name in GLOBALS),
        sa.ForeignKeyConstraint(["reviewer_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_reviews_reviewer_id_users")),
        sa.ForeignKeyConstraint(["session_id"], ["practice_sessions.id"], ondelete="CASCADE",
                                name=op.f("fk_reviews_session_id_practice_sessions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
        sa.UniqueConstraint("session_id", "reviewer_id",
                            name=op.f("uq_reviews_session_id_reviewer_id")),
    )
    op.create_index(op.f("ix_reviews_reviewer_id"), "reviews", ["reviewer_id"])
    op.create_table(
        "review_codes",
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("turn_number", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.CheckConstraint("code IN (" + ", ".join(f"'{c}'" for c in CODES) + ")",
                           name=op.f("ck_review_codes_code")),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE",
                                name=op.f("fk_review_codes_review_id_reviews")),
        sa.PrimaryKeyConstraint("review_id", "turn_number", name=op.f("pk_review_codes")),
    )
    op.create_table(
        "review_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("turn_number", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        when("created_at"),
        sa.CheckConstraint("length(text) <= 2000", name=op.f("ck_review_comments_text_length")),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE",
                                name=op.f("fk_review_comments_review_id_reviews")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_comments")),
    )
    op.create_index("ix_review_comments_review_turn", "review_comments",
                    ["review_id", "turn_number"])


def downgrade() -> None:
    op.drop_table("review_comments")
    op.drop_table("review_codes")
    op.drop_table("reviews")
    # Imported transcripts have no persona version; they cannot survive the old schema.
    # (Foreign keys are off while SQLite migrates, so their turns and feedback go first.)
    for table in ("turns", "feedback"):
        op.execute(f"DELETE FROM {table} WHERE session_id IN "
                   "(SELECT id FROM practice_sessions WHERE kind = 'imported')")
    op.execute("DELETE FROM practice_sessions WHERE kind = 'imported'")
    with op.batch_alter_table("practice_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_practice_sessions_user_ended")
        batch_op.drop_index("ix_practice_sessions_ended_at")
        batch_op.drop_constraint("persona", type_="check")
        batch_op.drop_constraint("kind", type_="check")
        batch_op.alter_column("persona_version_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("title")
        batch_op.drop_column("kind")
