"""Who may see and review which sessions.

The rules (one place, used by every listing, page and export):

- an **admin** sees every session;
- a **supervisor** sees their own sessions and those of every user who is a member with cohort
  role 'trainee' of a cohort in which the supervisor is a member with cohort role
  'supervisor' — and no others (being a 'supervisor' member of a cohort needs the account role
  'supervisor' too);
- everyone else (**trainees**, **instructors**) sees only their own sessions.

Personas: `visible_personas(user)` (at the end) says which personas a user may see and
practise with, by cohort.

`visible_sessions(user)` is that rule as one SQL condition on `practice_sessions`, to put in the
WHERE clause of every query that lists or reads sessions, so no listing filters rows in Python.
A session the caller may not see is reported as `NotFound`, never `Forbidden`, so session ids
do not leak (`load_visible`).

Reviewing (codes, comments, ratings): admins and supervisors may review any session they can
see except their own practice; whoever imported a transcript (supervisors, instructors,
admins) may review it. `can_review` assumes the session was loaded through `visible_sessions`.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import ColumnElement, Select, exists, false, select, true
from sqlalchemy.orm import Session, aliased

from mi_sim.services.errors import NotFound
from mi_sim.services.records import UserRecord
from mi_sim.storage.models import (
    CohortMember,
    PersonaCohort,
    PersonaRow,
    PracticeSession,
    Role,
    SessionKind,
)

NO_SUCH_SESSION = "no such session"
# Account roles that may import transcripts and review their own imports.
IMPORTERS = frozenset({Role.SUPERVISOR.value, Role.INSTRUCTOR.value, Role.ADMIN.value})
REVIEWERS = frozenset({Role.SUPERVISOR.value, Role.ADMIN.value})
SESSION_ID_LENGTH = 32


class SessionRef(Protocol):
    """What the rules need to know about a session (a row or a record)."""

    @property
    def user_id(self) -> int: ...

    @property
    def kind(self) -> str: ...


def supervised_trainees(user_id: int) -> Select[tuple[int]]:
    """The ids of the users a supervisor supervises: 'trainee' members of the cohorts in which
    `user_id` is a 'supervisor' member."""
    supervisor, trainee = aliased(CohortMember), aliased(CohortMember)
    return (select(trainee.user_id)
            .join(supervisor, supervisor.cohort_id == trainee.cohort_id)
            .where(supervisor.user_id == user_id,
                   supervisor.role == Role.SUPERVISOR.value,
                   trainee.role == Role.TRAINEE.value))


def visible_sessions(user: UserRecord) -> ColumnElement[bool]:
    """The SQL condition "the session is one `user` may see" (see the module's rules)."""
    if user.role == Role.ADMIN:
        return true()
    own = PracticeSession.user_id == user.id
    if user.role != Role.SUPERVISOR:
        return own
    return own | PracticeSession.user_id.in_(supervised_trainees(user.id))


def reviewable_sessions(user: UserRecord) -> ColumnElement[bool]:
    """The SQL condition "`user` may review the session" (`can_review` as SQL), for the queue.
    Combine it with `visible_sessions`."""
    own_import = ((PracticeSession.user_id == user.id)
                  & (PracticeSession.kind == SessionKind.IMPORTED.value))
    if user.role == Role.ADMIN:
        return true()
    if user.role == Role.SUPERVISOR:
        return (PracticeSession.user_id != user.id) | own_import
    if user.role in IMPORTERS:
        return own_import
    return false()


def may_see_trainee(user: UserRecord, trainee_id: int) -> ColumnElement[bool]:
    """The SQL condition (for a query's WHERE) "`user` may see `trainee_id`'s sessions"."""
    if user.role == Role.ADMIN or user.id == trainee_id:
        return true()
    if user.role != Role.SUPERVISOR:
        return false()
    supervisor, trainee = aliased(CohortMember), aliased(CohortMember)
    return exists(select(1)
                  .select_from(trainee)
                  .join(supervisor, supervisor.cohort_id == trainee.cohort_id)
                  .where(trainee.user_id == trainee_id, trainee.role == Role.TRAINEE.value,
                         supervisor.user_id == user.id,
                         supervisor.role == Role.SUPERVISOR.value))


def may_see_cohort(user: UserRecord, cohort_id: int) -> ColumnElement[bool]:
    """The SQL condition "`user` may see cohort `cohort_id` as a whole" (its overview and
    export): admins, and the cohort's supervisors."""
    if user.role == Role.ADMIN:
        return true()
    if user.role != Role.SUPERVISOR:
        return false()
    return exists(select(1).where(CohortMember.cohort_id == cohort_id,
                                  CohortMember.user_id == user.id,
                                  CohortMember.role == Role.SUPERVISOR.value))


def load_visible(db: Session, user: UserRecord, session_id: object) -> PracticeSession:
    """The session if `user` may see it; `NotFound` otherwise (missing or not theirs alike)."""
    if not isinstance(session_id, str) or not 0 < len(session_id) <= SESSION_ID_LENGTH:
        raise NotFound(NO_SUCH_SESSION)
    row = db.scalar(select(PracticeSession)
                    .where(PracticeSession.id == session_id, visible_sessions(user)))
    if row is None:
        raise NotFound(NO_SUCH_SESSION)
    return row


def can_review(user: UserRecord, session: SessionRef) -> bool:
    """May `user` review (code, comment, rate) this session, which they can see?"""
    if session.kind == SessionKind.IMPORTED and session.user_id == user.id:
        return user.role in IMPORTERS
    if user.role not in REVIEWERS:
        return False
    return session.user_id != user.id or user.role == Role.ADMIN


def may_import(user: UserRecord) -> bool:
    return user.role in IMPORTERS


# --- personas ---------------------------------------------------------------------------------
#
# A persona with no `persona_cohorts` rows is visible to everyone (the shipped ones); with rows,
# only to members of those cohorts (in any cohort role) — and always to supervisors,
# instructors and admins.

SEE_EVERY_PERSONA = frozenset({Role.SUPERVISOR.value, Role.INSTRUCTOR.value, Role.ADMIN.value})


def visible_personas(user: UserRecord) -> ColumnElement[bool]:
    """The SQL condition (on `personas`) "`user` may see and practise with the persona"."""
    if user.role in SEE_EVERY_PERSONA:
        return true()
    restricted = exists(select(1).where(PersonaCohort.persona_id == PersonaRow.id))
    member = exists(select(1).select_from(PersonaCohort)
                    .join(CohortMember, CohortMember.cohort_id == PersonaCohort.cohort_id)
                    .where(PersonaCohort.persona_id == PersonaRow.id,
                           CohortMember.user_id == user.id))
    return ~restricted | member
