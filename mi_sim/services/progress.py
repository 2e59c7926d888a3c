"""Progress across sessions: one trainee's series, and a cohort overview for its supervisors.

    progress = services.progress.trainee_progress(supervisor, trainee_id)
    progress.series("r_to_q")                     # one value per ended session, oldest first
    overview = services.progress.cohort_overview(supervisor, cohort_id)

The figures come from the feedback summaries stored when each session ended
(`services.feedback`: `summary["miti"]` holds `r_to_q`, `pct_complex`, `mi_adherent`,
`mi_non_adherent`) and, for the readiness reached, from the session's final state
(importance × confidence, as the trajectory's last point). They are read inside the database
(JSON extraction on both SQLite and PostgreSQL), so a page is one query however many sessions
there are, and no summary is parsed in Python.

Who may look: a trainee at their own progress; a supervisor at the trainees of cohorts they
supervise (and those cohorts' overviews); an admin at anyone. Anything else is `NotFound`.
Only practice sessions count (imported transcripts belong to whoever imported them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.services.access import may_see_cohort, may_see_trainee, visible_sessions
from mi_sim.services.errors import Invalid, NotFound
from mi_sim.services.records import (
    CohortOverview,
    CohortTraineeRow,
    ProgressSample,
    TraineeProgress,
    UserRecord,
)
from mi_sim.storage.db import reading
from mi_sim.storage.models import (
    Cohort,
    CohortMember,
    Feedback,
    PersonaRow,
    PersonaVersion,
    PracticeSession,
    Review,
    Role,
    SessionKind,
    User,
)

MAX_SAMPLES = 500
DEFAULT_SAMPLES = 200
LAST_N = 5


def miti_float(name: str) -> Any:
    """`summary["miti"][name]` of the session's feedback, as a float, in SQL."""
    return Feedback.summary[("miti", name)].as_float()


def miti_int(name: str) -> Any:
    return Feedback.summary[("miti", name)].as_integer()


def final_readiness() -> Any:
    """importance × confidence of the session's final state, in SQL (NULL for imports)."""
    return (PracticeSession.state["importance"].as_float()
            * PracticeSession.state["confidence"].as_float())


def _round(value: Any, digits: int = 3) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    return round(float(value), digits)


class Progress:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def trainee_progress(self, user: UserRecord, trainee_id: int,
                         limit: int = DEFAULT_SAMPLES) -> TraineeProgress:
        """The trainee's ended practice sessions, oldest first (the newest `limit`), with R:Q,
        % complex reflections, MI-adherent and non-adherent counts and the readiness reached."""
        if isinstance(trainee_id, bool) or not isinstance(trainee_id, int):
            raise NotFound("no such trainee")
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_SAMPLES:
            raise Invalid(f"limit must be between 1 and {MAX_SAMPLES}")
        query = (select(PracticeSession.id, PracticeSession.kind, PersonaRow.title,
                        PracticeSession.ended_at, PracticeSession.turn_count,
                        miti_float("r_to_q"), miti_float("pct_complex"),
                        miti_int("mi_adherent"), miti_int("mi_non_adherent"),
                        final_readiness())
                 .join(Feedback, Feedback.session_id == PracticeSession.id)
                 .outerjoin(PersonaVersion,
                            PersonaVersion.id == PracticeSession.persona_version_id)
                 .outerjoin(PersonaRow, PersonaRow.id == PersonaVersion.persona_id)
                 .where(PracticeSession.user_id == trainee_id, PracticeSession.ended.is_(True),
                        PracticeSession.kind == SessionKind.PRACTICE.value,
                        visible_sessions(user))
                 .order_by(PracticeSession.ended_at.desc(), PracticeSession.id.desc())
                 .limit(limit))
        with reading(self.sessions) as db:
            name = db.scalar(select(User.name).where(User.id == trainee_id,
                                                     may_see_trainee(user, trainee_id)))
            if name is None:
                raise NotFound("no such trainee")
            rows = db.execute(query).all()
        samples = tuple(ProgressSample(
            session_id=sid, kind=kind, title=title or "?", ended_at=ended, turns=turns,
            r_to_q=_round(rq, 2), pct_complex=_round(pc), adherent=adherent,
            non_adherent=non_adherent, readiness=_round(readiness))
            for sid, kind, title, ended, turns, rq, pc, adherent, non_adherent, readiness
            in reversed(rows))
        return TraineeProgress(trainee_id, name, samples)

    def cohort_overview(self, user: UserRecord, cohort_id: int) -> CohortOverview:
        """Per trainee of the cohort: practice sessions, the last one's start, the mean R:Q and
        % complex reflections of their last five ended sessions, and how many sessions have a
        completed review. One query for the table (and one for the cohort's name)."""
        if isinstance(cohort_id, bool) or not isinstance(cohort_id, int):
            raise NotFound("no such cohort")
        trainees = (select(CohortMember.user_id)
                    .where(CohortMember.cohort_id == cohort_id,
                           CohortMember.role == Role.TRAINEE.value))
        mine = and_(PracticeSession.user_id.in_(trainees),
                    PracticeSession.kind == SessionKind.PRACTICE.value, visible_sessions(user))
        reviewed = exists().where(Review.session_id == PracticeSession.id,
                                  Review.completed_at.is_not(None))
        stats = (select(PracticeSession.user_id.label("user_id"),
                        func.count().label("sessions"),
                        func.max(PracticeSession.started_at).label("last_at"),
                        func.sum(case((reviewed, 1), else_=0)).label("reviewed"))
                 .where(mine).group_by(PracticeSession.user_id).subquery())
        ranked = (select(PracticeSession.id.label("session_id"),
                         PracticeSession.user_id.label("user_id"),
                         func.row_number().over(partition_by=PracticeSession.user_id,
                                                order_by=(PracticeSession.ended_at.desc(),
                                                          PracticeSession.id.desc()))
                         .label("rank"))
                  .where(mine, PracticeSession.ended.is_(True)).subquery())
        last = (select(ranked.c.user_id.label("user_id"),
                       func.avg(miti_float("r_to_q")).label("r_to_q"),
                       func.avg(miti_float("pct_complex")).label("pct_complex"))
                .select_from(ranked)
                .join(Feedback, Feedback.session_id == ranked.c.session_id)
                .where(ranked.c.rank <= LAST_N).group_by(ranked.c.user_id).subquery())
        query = (select(User.id, User.name, stats.c.sessions, stats.c.last_at,
                        last.c.r_to_q, last.c.pct_complex, stats.c.reviewed)
                 .select_from(CohortMember)
                 .join(User, User.id == CohortMember.user_id)
                 .outerjoin(stats, stats.c.user_id == User.id)
                 .outerjoin(last, last.c.user_id == User.id)
                 .where(CohortMember.cohort_id == cohort_id,
                        CohortMember.role == Role.TRAINEE.value)
                 .order_by(User.name))
        with reading(self.sessions) as db:
            name = db.scalar(select(Cohort.name).where(Cohort.id == cohort_id,
                                                       may_see_cohort(user, cohort_id)))
            if name is None:
                raise NotFound("no such cohort")
            rows = db.execute(query).all()
        return CohortOverview(cohort_id, name, tuple(CohortTraineeRow(
            trainee_id=uid, trainee=trainee, sessions=sessions or 0,
            last_session_at=_aware(last_at), mean_r_to_q=_round(r_to_q, 2),
            mean_pct_complex=_round(pct), reviewed=int(reviewed or 0))
            for uid, trainee, sessions, last_at, r_to_q, pct, reviewed in rows))


def _aware(value: Any) -> datetime | None:
    """The latest start as an aware UTC datetime (whatever shape the aggregate came back in)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
