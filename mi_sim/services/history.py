"""A trainee's own practice history: their sessions, newest first, with each one's scores.

A thin read-only use case over stored sessions and their feedback summaries (written by
`Practice` when a session ends). Unlike `Practice.list_sessions`, it lists only the caller's
own sessions, admins included: this is "my sessions", not a review of everyone's.

    page = services.history.own_sessions(user, page=1, per_page=20)
    points = services.history.progress(user)     # ended sessions, oldest first
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.engine.state import State
from mi_sim.services.errors import Invalid
from mi_sim.services.personas import Personas
from mi_sim.services.practice import MAX_PER_PAGE, PRACTICE
from mi_sim.services.records import UserRecord
from mi_sim.storage.db import reading
from mi_sim.storage.models import Feedback, PersonaRow, PersonaVersion, PracticeSession

PROGRESS_LIMIT = 60


@dataclass(frozen=True, slots=True)
class SessionScores:
    """The headline scores of one ended session, read from its stored feedback summary."""

    r_to_q: float | None
    r_to_q_level: str
    pct_complex: float | None
    pct_complex_level: str
    final_readiness: float | None


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """One of the trainee's sessions. `readiness` is the final one for an ended session and the
    current one for a session still running; `scores` is None until the session has ended."""

    id: str
    scenario: str
    title: str
    level: str
    started_at: datetime
    ended_at: datetime | None
    turns: int
    ended: bool
    end_reason: str | None
    readiness: float | None
    scores: SessionScores | None


@dataclass(frozen=True, slots=True)
class HistoryPage:
    items: tuple[HistoryItem, ...]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    """An ended session on the progress chart (oldest first)."""

    id: str
    title: str
    ended_at: datetime | None
    r_to_q: float | None
    pct_complex: float | None
    readiness: float | None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def scores_from_summary(summary: dict[str, Any]) -> SessionScores:
    """The headline figures of a stored feedback summary (see `services.feedback`)."""
    miti = summary.get("miti") or {}
    trajectory = summary.get("trajectory") or []
    last = trajectory[-1] if trajectory and isinstance(trajectory[-1], dict) else {}
    return SessionScores(
        r_to_q=_float(miti.get("r_to_q")),
        r_to_q_level=str(miti.get("r_to_q_level") or "not applicable"),
        pct_complex=_float(miti.get("pct_complex")),
        pct_complex_level=str(miti.get("pct_complex_level") or "not applicable"),
        final_readiness=_float(last.get("readiness")),
    )


class History:
    def __init__(self, sessions: sessionmaker[Session], personas: Personas) -> None:
        self.sessions = sessions
        self.personas = personas

    def own_sessions(self, user: UserRecord, page: int = 1, per_page: int = 20) -> HistoryPage:
        """The caller's own sessions, newest first, with the total count."""
        if page < 1:
            raise Invalid("page numbers start at 1")
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise Invalid(f"per_page must be between 1 and {MAX_PER_PAGE}")
        with reading(self.sessions) as db:
            total = db.scalar(select(func.count()).select_from(PracticeSession).where(
                PracticeSession.user_id == user.id, PracticeSession.kind == PRACTICE)) or 0
            rows = db.execute(
                select(PracticeSession, PersonaRow.slug, PersonaRow.title, Feedback.summary)
                .join(PersonaVersion, PersonaVersion.id == PracticeSession.persona_version_id)
                .join(PersonaRow, PersonaRow.id == PersonaVersion.persona_id)
                .outerjoin(Feedback, Feedback.session_id == PracticeSession.id)
                .where(PracticeSession.user_id == user.id, PracticeSession.kind == PRACTICE)
                .order_by(PracticeSession.started_at.desc(), PracticeSession.id)
                .offset((page - 1) * per_page).limit(per_page)).all()
            items = tuple(self._item(row, slug, title, summary)
                          for row, slug, title, summary in rows)
        return HistoryPage(items, total, page, per_page)

    def progress(self, user: UserRecord, limit: int = PROGRESS_LIMIT) -> list[ProgressPoint]:
        """The caller's ended sessions with feedback, oldest first (the newest `limit`)."""
        with reading(self.sessions) as db:
            rows = db.execute(
                select(PracticeSession.id, PracticeSession.ended_at, PersonaRow.title,
                       Feedback.summary)
                .join(Feedback, Feedback.session_id == PracticeSession.id)
                .join(PersonaVersion, PersonaVersion.id == PracticeSession.persona_version_id)
                .join(PersonaRow, PersonaRow.id == PersonaVersion.persona_id)
                .where(PracticeSession.user_id == user.id, PracticeSession.kind == PRACTICE)
                .order_by(Feedback.created_at.desc(), PracticeSession.id)
                .limit(limit)).all()
        points = []
        for session_id, ended_at, title, summary in reversed(rows):
            scores = scores_from_summary(summary or {})
            points.append(ProgressPoint(session_id, title, ended_at, scores.r_to_q,
                                        scores.pct_complex, scores.final_readiness))
        return points

    def _item(self, row: PracticeSession, slug: str, title: str,
              summary: dict[str, Any] | None) -> HistoryItem:
        scores = scores_from_summary(summary) if summary is not None else None
        if scores is not None:
            readiness = scores.final_readiness
        else:
            persona = self.personas.persona_for_version(row.persona_version_id)
            state = State.from_dict(row.state)
            readiness = _float(state.public(persona.parameters_for(state.level))
                               .get("readiness"))
        return HistoryItem(
            id=row.id, scenario=slug, title=title, level=row.level, started_at=row.started_at,
            ended_at=row.ended_at, turns=row.turn_count, ended=row.ended,
            end_reason=row.end_reason, readiness=readiness, scores=scores)
