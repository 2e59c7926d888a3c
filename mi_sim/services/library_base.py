"""What every part of the persona library stands on: its database and persona cache, who may
read and who may change the library, and finding a persona's row by slug. `Library`
(`mi_sim.services.library`, where the rules are) is built from `LibraryBase`'s subclasses.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.services.errors import Forbidden, NotFound
from mi_sim.services.persona_text import is_slug
from mi_sim.services.personas import Personas
from mi_sim.services.records import UserRecord
from mi_sim.storage.models import PersonaRow, Role

READERS = frozenset({Role.SUPERVISOR.value, Role.INSTRUCTOR.value, Role.ADMIN.value})
AUTHORS = frozenset({Role.INSTRUCTOR.value, Role.ADMIN.value})

DRAFT = "draft"
PUBLISHED = "published"
Side = int | Literal["draft", "published"]
"""One side of a diff: a version number, the draft, or the newest published version."""


def author_id(user: UserRecord) -> int | None:
    """The id to record as a row's author: None for `COMMAND_LINE` (id 0), recorded as nobody."""
    return user.id if user.id > 0 else None


class LibraryBase:
    """The library's database, its persona cache, its access checks and its persona lookup."""

    def __init__(self, sessions: sessionmaker[Session], personas: Personas) -> None:
        self.sessions = sessions
        self.personas = personas

    @staticmethod
    def may_read(user: UserRecord) -> bool:
        return user.role in READERS

    @staticmethod
    def may_author(user: UserRecord) -> bool:
        return user.role in AUTHORS

    def _reader(self, user: UserRecord) -> None:
        if not self.may_read(user):
            raise Forbidden("only instructors, supervisors and admins can open the persona "
                            "library")

    def _author(self, user: UserRecord) -> None:
        if not self.may_author(user):
            raise Forbidden("only instructors and admins can change personas")

    @staticmethod
    def _persona(db: Session, slug: str) -> PersonaRow:
        """The persona's row; `NotFound` for a malformed or unknown slug."""
        if not is_slug(slug):
            raise NotFound(f"no persona '{slug}'")
        row = db.scalar(select(PersonaRow).where(PersonaRow.slug == slug))
        if row is None:
            raise NotFound(f"no persona '{slug}'")
        return row
