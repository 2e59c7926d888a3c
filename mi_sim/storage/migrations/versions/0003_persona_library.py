"""The persona library: one working draft per persona (persona_drafts), the cohorts that may see
a persona (persona_cohorts), and golden transcripts of a persona (persona_goldens).

Only new tables: existing rows are untouched, and every persona stays visible to everyone
(no persona_cohorts rows).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "persona_drafts",
        sa.Column("persona_id", sa.Integer(), nullable=False),
        sa.Column("yaml_text", sa.Text(), nullable=False),
        when("updated_at"),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("base_version_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["persona_id"], ["personas.id"], ondelete="CASCADE",
                                name=op.f("fk_persona_drafts_persona_id_personas")),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], ondelete="SET NULL",
                                name=op.f("fk_persona_drafts_updated_by_id_users")),
        sa.ForeignKeyConstraint(
            ["base_version_id"], ["persona_versions.id"], ondelete="SET NULL",
            name=op.f("fk_persona_drafts_base_version_id_persona_versions")),
        sa.PrimaryKeyConstraint("persona_id", name=op.f("pk_persona_drafts")),
    )
    op.create_table(
        "persona_cohorts",
        sa.Column("persona_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["persona_id"], ["personas.id"], ondelete="CASCADE",
                                name=op.f("fk_persona_cohorts_persona_id_personas")),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], ondelete="CASCADE",
                                name=op.f("fk_persona_cohorts_cohort_id_cohorts")),
        sa.PrimaryKeyConstraint("persona_id", "cohort_id", name=op.f("pk_persona_cohorts")),
    )
    op.create_index(op.f("ix_persona_cohorts_cohort_id"), "persona_cohorts", ["cohort_id"])
    op.create_table(
        "persona_goldens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("persona_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("level", sa.String(length=64), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("turns", sa.JSON(), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        when("created_at"),
        sa.ForeignKeyConstraint(["persona_id"], ["personas.id"], ondelete="CASCADE",
                                name=op.f("fk_persona_goldens_persona_id_personas")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], ondelete="SET NULL",
                                name=op.f("fk_persona_goldens_created_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persona_goldens")),
        sa.UniqueConstraint("persona_id", "name",
                            name=op.f("uq_persona_goldens_persona_id_name")),
    )


def downgrade() -> None:
    op.drop_table("persona_goldens")
    op.drop_index(op.f("ix_persona_cohorts_cohort_id"), table_name="persona_cohorts")
    op.drop_table("persona_cohorts")
    op.drop_table("persona_drafts")
