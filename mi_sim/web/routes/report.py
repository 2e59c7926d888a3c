"""The feedback report of an ended session, built from its stored turns.

`facts_from_records` and `build_feedback` (mi_sim/scoring/feedback.py) do the work; this module
only turns the result into rows a page can show: each MITI figure with its verdict in words.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from mi_sim.scoring.charts import trajectory_svg
from mi_sim.scoring.feedback import (
    CAT,
    DARN,
    Feedback,
    build_feedback,
    facts_from_records,
    overall_message,
)
from mi_sim.scoring.miti import Level, MitiSummary
from mi_sim.services import Services
from mi_sim.services.errors import NotFound
from mi_sim.services.records import ReportTurn, ReviewedReport, SessionDetail, UserRecord
from mi_sim.web.deps import LoginDep, ServicesDep
from mi_sim.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

TAG_CLASS = {Level.GOOD: "good", Level.FAIR: "fair", Level.BELOW_FAIR: "bad",
             Level.NOT_APPLICABLE: "na"}


@dataclass(frozen=True, slots=True)
class Figure:
    """One summary figure: its value, the verdict and the thresholds in plain words."""

    name: str
    value: str
    detail: str
    level: Level
    rule: str
    secondary: bool = False

    @property
    def tag(self) -> str:
        return TAG_CLASS[self.level]

    @property
    def verdict(self) -> str:
        return "n/a" if self.level is Level.NOT_APPLICABLE else self.level.value


def adherent_level(s: MitiSummary) -> Level:
    """MITI 4 sets no threshold for the counts; read them against each other."""
    if not s.adherent:
        return Level.BELOW_FAIR
    return Level.GOOD if s.adherent >= s.non_adherent else Level.FAIR


def non_adherent_level(s: MitiSummary, turns: int) -> Level:
    if not s.non_adherent:
        return Level.GOOD
    if s.non_adherent >= 2 or s.non_adherent * 5 >= max(1, turns):
        return Level.BELOW_FAIR
    return Level.FAIR


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def figures(report: Feedback) -> list[Figure]:
    s = report.summary
    return [
        Figure("Reflections to questions (R:Q)",
               "no questions" if s.r_to_q is None else f"{s.r_to_q:.1f}:1",
               f"{_plural(s.reflections, 'reflection')}, {_plural(s.questions, 'question')}",
               s.r_to_q_level, "Fair is 1:1, good is 2:1: say back what you heard more often "
               "than you ask."),
        Figure("Complex reflections",
               "no reflections" if s.pct_complex is None else f"{s.pct_complex:.0%}",
               f"{s.complex_reflections} of {_plural(s.reflections, 'reflection')}",
               s.pct_complex_level, "Fair is 40%, good is 50% of your reflections adding "
               "meaning or feeling, not only the facts."),
        Figure("MI-adherent moves", str(s.adherent),
               "affirming, seeking collaboration, emphasising autonomy",
               adherent_level(s), "MITI 4 sets no threshold; good when they at least match the "
               "non-adherent moves."),
        Figure("MI non-adherent moves", str(s.non_adherent),
               "persuading without permission, confronting",
               non_adherent_level(s, report.turns), "Fewer is better: none is good, one is "
               "fair, two or more is below fair."),
        Figure("Open questions (MITI 3, for reference)",
               "no questions" if s.pct_open is None else f"{s.pct_open:.0%}",
               f"{s.open_questions} of {_plural(s.questions, 'question')}",
               s.pct_open_level, "A secondary figure from MITI 3: fair is 50%, good is 70% "
               "of your questions.", secondary=True),
    ]


def progression(report: Feedback) -> list[dict[str, Any]]:
    """DARN then CAT, each with the turn it was first heard on (or None)."""
    first = {seen.subtype: seen.first_turn for seen in report.talk.subtypes}
    return [{"subtype": s.value, "label": s.value.replace("_", " "),
             "stage": "preparatory" if s in DARN else "mobilising",
             "turn": first.get(s.value)} for s in (*DARN, *CAT)]


def start_state(detail: SessionDetail) -> dict[str, Any] | None:
    """The state before turn 1, as stored with the feedback (None if there is none)."""
    if detail.feedback is None:
        return None
    trajectory = detail.feedback.summary.get("trajectory") or []
    return trajectory[0] if trajectory and isinstance(trajectory[0], dict) else None


def build_report(detail: SessionDetail) -> Feedback:
    records = [asdict(turn) for turn in detail.turns]
    facts = facts_from_records(records, opening=detail.session.opening or "",
                               start_state=start_state(detail))
    return build_feedback(facts)


def completed_reviews(services: Services, user: UserRecord,
                      session_id: str) -> ReviewedReport | None:
    """The session's completed supervisor reviews, or None when there are none."""
    try:
        reviewed = services.reviews.reviewed_report(user, session_id)
    except NotFound:
        return None
    return reviewed if reviewed.reviews else None


def review_notes(reviewed: ReviewedReport | None) -> dict[int, ReportTurn]:
    """The turns a reviewer re-coded or commented on, by number."""
    if reviewed is None:
        return {}
    return {t.turn: t for t in reviewed.turns if t.human_codes or t.comments}


@router.get("/sessions/{session_id}/report")
def report(request: Request, services: ServicesDep, login: LoginDep,
           session_id: str) -> Response:
    detail = services.practice.get_session(login.user, session_id)
    session = detail.session
    own = session.user_id == login.user.id
    if not session.ended:
        return render(request, "report.html", {"session": session, "pending": True,
                                               "own": own})
    persona = services.personas.persona_for_version(session.persona_version_id)
    feedback = build_report(detail)
    marks = {moment.turn: f"#{rank}" for rank, moment in enumerate(feedback.worst, start=1)}
    # SVG markup drawn by the server; charts.py escapes every piece of text in it, and the
    # template marks this one value safe.
    chart = trajectory_svg(feedback.trajectory, href=lambda turn: f"#turn-{turn}", marks=marks)
    reviewed = completed_reviews(services, login.user, session_id)
    return render(request, "report.html", {
        "session": session,
        "pending": False,
        "own": own,
        "turns": detail.turns,
        "feedback": feedback,
        "message": overall_message(feedback),
        "figures": figures(feedback),
        "progression": progression(feedback),
        "chart": chart,
        "worst_turns": {moment.turn: rank for rank, moment in
                        enumerate(feedback.worst, start=1)},
        "opening_cue": persona.opening.cue,
        "opening_talk": persona.opening.talk,
        "reviewed": reviewed,
        "review_notes": review_notes(reviewed),
    })
