"""User names are unique ignoring case: a unique index on lower(name).

Databases made before this may hold names that differ only in case ("Tess" and "tess"). The
oldest account (lowest id) keeps its name; each later one is renamed to the name plus `-2`,
`-3`… (the first such name that is free, ignoring case, shortened to fit 64 characters), and
every rename is written to the migration's log, so an admin can tell the people concerned.
Nothing else changes: sessions, reviews and tokens belong to the account, not to its name.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME_LENGTH = 64
log = logging.getLogger("alembic.runtime.migration")

users = sa.table("users", sa.column("id", sa.Integer()), sa.column("name", sa.String()))


def free_name(name: str, taken: set[str]) -> str:
    """`name-2`, `name-3`… : the first not in `taken` (lower-cased names), within 64 chars."""
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = name[:NAME_LENGTH - len(suffix)] + suffix
        if candidate.lower() not in taken:
            return candidate
        number += 1


def renames(rows: Sequence[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """(id, old name, new name) for every account whose name another, older account already
    has ignoring case; `rows` are (id, name) in id order."""
    taken = {name.lower() for _, name in rows}
    kept: set[str] = set()
    changes: list[tuple[int, str, str]] = []
    for user_id, name in rows:
        if name.lower() not in kept:
            kept.add(name.lower())
            continue
        new = free_name(name, taken)
        taken.add(new.lower())
        kept.add(new.lower())
        changes.append((user_id, name, new))
    return changes


def upgrade() -> None:
    bind = op.get_bind()
    rows = [(int(r.id), str(r.name))
            for r in bind.execute(sa.select(users.c.id, users.c.name).order_by(users.c.id))]
    for user_id, old, new in renames(rows):
        bind.execute(sa.update(users).where(users.c.id == user_id).values(name=new))
        log.warning("user names must now differ in more than case: renamed user %d from %r "
                    "to %r (the older account keeps %r); tell its owner", user_id, old, new,
                    old)
    op.create_index("uq_users_name_lower", "users", [sa.text("lower(name)")], unique=True)


def downgrade() -> None:
    op.drop_index("uq_users_name_lower", table_name="users")
