"""Cohorts: groups of users (a training programme's intake), each member with a role in it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.engine.plain_text import is_blank
from mi_sim.services.accounts import check_role
from mi_sim.services.errors import Conflict, Invalid, NotFound
from mi_sim.services.records import CohortMemberRecord, CohortRecord
from mi_sim.services.text_fields import text_field
from mi_sim.storage.db import reading, writing
from mi_sim.storage.models import Cohort, CohortMember, User


class Cohorts:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def create_cohort(self, name: str) -> CohortRecord:
        name = "" if is_blank(name or "") else text_field(name, "cohort name", multiline=False)
        name = name.strip()
        if not name or len(name) > 120:
            raise Invalid("a cohort name is 1–120 characters")
        try:
            with writing(self.sessions) as db:
                cohort = Cohort(name=name)
                db.add(cohort)
                db.flush()
                return CohortRecord(cohort.id, cohort.name, cohort.created_at)
        except IntegrityError:
            raise Conflict(f"a cohort named '{name}' already exists") from None

    def add_member(self, cohort_name: str, user_name: str,
                   role: str | None = None) -> CohortRecord:
        """Add a user to a cohort (or change their role in it); role defaults to the user's."""
        with writing(self.sessions) as db:
            cohort = db.scalar(select(Cohort).where(Cohort.name == cohort_name))
            if cohort is None:
                raise NotFound(f"no cohort named '{cohort_name}'")
            user = db.scalar(select(User).where(User.name == user_name))
            if user is None:
                raise NotFound(f"no user named '{user_name}'")
            member_role = check_role(role).value if role else user.role
            member = db.get(CohortMember, (cohort.id, user.id))
            if member is None:
                db.add(CohortMember(cohort_id=cohort.id, user_id=user.id, role=member_role))
            else:
                member.role = member_role
            db.flush()
            return self._record(db, cohort)

    def remove_member(self, cohort_name: str, user_name: str) -> CohortRecord:
        with writing(self.sessions) as db:
            cohort = db.scalar(select(Cohort).where(Cohort.name == cohort_name))
            if cohort is None:
                raise NotFound(f"no cohort named '{cohort_name}'")
            member = db.scalar(select(CohortMember).join(User).where(
                CohortMember.cohort_id == cohort.id, User.name == user_name))
            if member is not None:
                db.delete(member)
                db.flush()
            return self._record(db, cohort)

    def list_cohorts(self) -> list[CohortRecord]:
        with reading(self.sessions) as db:
            return [self._record(db, c) for c in db.scalars(select(Cohort).order_by(Cohort.name))]

    def cohorts_of(self, user_id: int) -> list[CohortRecord]:
        with reading(self.sessions) as db:
            cohorts = db.scalars(select(Cohort).join(CohortMember)
                                 .where(CohortMember.user_id == user_id).order_by(Cohort.name))
            return [self._record(db, c) for c in cohorts]

    @staticmethod
    def _record(db: Session, cohort: Cohort) -> CohortRecord:
        rows = db.execute(select(User.id, User.name, CohortMember.role)
                          .join(CohortMember, CohortMember.user_id == User.id)
                          .where(CohortMember.cohort_id == cohort.id).order_by(User.name))
        members = tuple(CohortMemberRecord(uid, name, role) for uid, name, role in rows)
        return CohortRecord(cohort.id, cohort.name, cohort.created_at, members)
