"""A small programme for the supervisor tests: users, two cohorts, sessions with known codes.

    world = build_world(services)          # services with the shipped personas synced
    sid = add_session(services, world.a1, codes=[("question_open", "neutral"), ...])

Cohort A: supervisor `sam` with trainees `amy` and `abe`; cohort B: supervisor `sue` with
trainee `bea`. Also an instructor `ivy`, an admin `ada` and `tom`, a trainee in no cohort.
Sessions are written straight to the tables (with feedback like `Practice` stores), so a test
controls their codes, times, personas and levels.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from mi_sim.scoring.miti import describe, summarize
from mi_sim.services import Services
from mi_sim.services.records import UserRecord
from mi_sim.storage.db import writing
from mi_sim.storage.models import (
    Feedback,
    PersonaRow,
    PersonaVersion,
    PracticeSession,
    Turn,
)

PASSWORD = "correct horse battery"
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

DEFAULT_TURNS: tuple[tuple[str, str], ...] = (
    ("question_open", "neutral"),
    ("reflection_simple", "sustain"),
    ("reflection_complex", "change"),
    ("question_closed", "neutral"),
    ("affirm", "change"),
)


@dataclass(frozen=True)
class World:
    admin: UserRecord
    sam: UserRecord   # supervises cohort A
    sue: UserRecord   # supervises cohort B
    amy: UserRecord   # trainee in A
    abe: UserRecord   # trainee in A
    bea: UserRecord   # trainee in B
    tom: UserRecord   # trainee in no cohort
    ivy: UserRecord   # instructor
    cohort_a: int
    cohort_b: int


def build_world(services: Services) -> World:
    def user(name: str, role: str) -> UserRecord:
        return services.accounts.create_user(name, role, PASSWORD)

    people = {name: user(name, role) for name, role in (
        ("ada", "admin"), ("sam", "supervisor"), ("sue", "supervisor"), ("amy", "trainee"),
        ("abe", "trainee"), ("bea", "trainee"), ("tom", "trainee"), ("ivy", "instructor"))}
    a = services.cohorts.create_cohort("Cohort A")
    b = services.cohorts.create_cohort("Cohort B")
    for name in ("sam", "amy", "abe"):
        services.cohorts.add_member("Cohort A", name)
    for name in ("sue", "bea"):
        services.cohorts.add_member("Cohort B", name)
    return World(people["ada"], people["sam"], people["sue"], people["amy"], people["abe"],
                 people["bea"], people["tom"], people["ivy"], a.id, b.id)


def version_id(services: Services, slug: str) -> int:
    from mi_sim.storage.db import reading
    with reading(services.sessions) as db:
        found = db.scalar(select(PersonaVersion.id).join(PersonaRow)
                          .where(PersonaRow.slug == slug).order_by(PersonaVersion.number.desc()))
    assert found is not None, slug
    return found


def state(turn: int, rapport: float, discord: float, importance: float,
          confidence: float) -> dict[str, Any]:
    return {"version": 1, "scenario": "x", "level": "gentle", "seed": 1, "turn": turn,
            "rapport": rapport, "discord": discord, "importance": importance,
            "confidence": confidence, "mistrust": 0.1, "affects": {}}


def add_session(services: Services, owner: UserRecord, *,
                turns: Sequence[tuple[str, str]] = DEFAULT_TURNS,
                slug: str = "panic-disorder", level: str = "gentle",
                ended_at: datetime | None = T0, ended: bool = True,
                confidences: Mapping[int, float] | None = None) -> str:
    """A practice session with the given (code, talk) turns; ended (with feedback) unless
    `ended` is False. Readiness climbs 0.1 → … ; rapport 0.4 + 0.05 per turn. `confidences`
    puts the coder's confidence into the traces of the turns it names."""
    sid = secrets.token_urlsafe(16)
    vid = version_id(services, slug)
    started = (ended_at or T0) - timedelta(minutes=20)
    states = [state(n, 0.4 + 0.05 * n, 0.2, 0.5, 0.2 + 0.05 * n)
              for n in range(1, len(turns) + 1)]
    final = states[-1] if states else state(0, 0.4, 0.2, 0.5, 0.2)
    with writing(services.sessions) as db:
        db.add(PracticeSession(
            id=sid, user_id=owner.id, kind="practice", persona_version_id=vid, level=level,
            seed=1, state=final, turn_count=len(turns), ended=ended,
            end_reason="ended_by_trainee" if ended else None, opening="Hello.",
            started_at=started, ended_at=ended_at if ended else None))
        db.flush()
        if turns:
            db.execute(insert(Turn), [{
                "session_id": sid, "number": n, "client_turn_id": None,
                "clinician": f"Line {n} of the clinician.", "code": code, "why": f"why {n}",
                "segments": [{"text": f"Line {n}", "code": code, "why": "w", "rule": "r"}],
                "patient": f"Reply {n}.", "talk": talk, "subtype": None, "cue": None,
                "state": states[n - 1], "created_at": started,
                "trace": {"big": "x" * 10, **({"confidence": confidences[n]}
                                              if confidences and n in confidences else {})}}
                for n, (code, talk) in enumerate(turns, start=1)])
        if ended:
            summary = summarize([c for c, _ in turns], [t for _, t in turns])
            trajectory = [{"turn": 0, "rapport": 0.4, "discord": 0.2, "readiness": 0.1,
                           "importance": 0.5, "confidence": 0.2}]
            trajectory += [{"turn": n, "rapport": s["rapport"], "discord": s["discord"],
                            "readiness": s["importance"] * s["confidence"],
                            "importance": s["importance"], "confidence": s["confidence"]}
                           for n, s in enumerate(states, start=1)]
            db.add(Feedback(session_id=sid, created_at=ended_at or T0, summary={
                "turns": len(turns), "end_reason": "ended_by_trainee",
                "miti": summary.to_dict(), "describe": describe(summary),
                "trajectory": trajectory}))
    return sid
