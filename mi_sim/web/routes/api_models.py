"""Request and response bodies of the JSON API (`/api/v1`), as pydantic models.

Each model maps one record of `mi_sim.services.records` (built with the `of` class methods), so
the OpenAPI schema documents exactly what the endpoints send. Request bounds here are loose
outer limits; the service enforces the real ones (a line is at most 2,000 characters after
stripping) with messages meant for people.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from mi_sim.services.records import (
    FeedbackRecord,
    PersonaSummary,
    SessionDetail,
    SessionPage,
    SessionSummary,
    TurnRecord,
)

# Outer bounds of request fields; the services check the real limits with clearer messages.
TEXT_OUTER_LIMIT = 10_000
NAME_OUTER_LIMIT = 200
CLIENT_TURN_ID_OUTER_LIMIT = 1_000


class ErrorOut(BaseModel):
    """Every refusal: a message meant for the person using the API."""

    detail: str = Field(examples=["no such session"])


class SessionCreate(BaseModel):
    # Strict: JSON types as documented (no `false` or `"7"` taken for a seed).
    model_config = ConfigDict(extra="forbid", strict=True)

    scenario: str = Field(max_length=NAME_OUTER_LIMIT, examples=["panic-disorder"],
                          description="The persona's slug (see GET /api/v1/scenarios).")
    level: str | None = Field(default=None, max_length=NAME_OUTER_LIMIT,
                              description="A difficulty level of the persona; its default "
                              "when left out.")
    seed: int | None = Field(default=None, description="Seed for a reproducible conversation; "
                             "random when left out.")


class TurnCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(max_length=TEXT_OUTER_LIMIT,
                      examples=["What brings you in today?"],
                      description="What the clinician says: not blank, at most 2,000 "
                      "characters once stripped.")
    client_turn_id: str | None = Field(
        default=None, max_length=CLIENT_TURN_ID_OUTER_LIMIT,
        description="Your own id for this turn. Sending the same id again returns the turn "
        "stored for it (200) and stores nothing new: safe retries and double clicks.")


class PatientState(BaseModel):
    """The patient's public state: each of rapport, discord and readiness in [0, 1]."""

    model_config = ConfigDict(extra="allow")

    rapport: float
    discord: float
    readiness: float


class TurnOut(BaseModel):
    """One stored turn: the clinician's line, its code and why, and the patient's reply."""

    turn: int = Field(description="The turn's number in its session, from 1.")
    clinician: str
    code: str = Field(description="The MITI code of the clinician's line.")
    why: str = Field(description="Why the line got that code.")
    segments: list[dict[str, Any]]
    patient: str = Field(description="The patient's reply.")
    talk: str = Field(description="The reply's client talk: change, sustain or neutral.")
    cue: str | None = Field(default=None, description="The reply's non-verbal cue, if any.")
    ended: bool = Field(description="True when the patient ended the session with this turn.")
    end_reason: str | None = None
    state: PatientState
    client_turn_id: str | None = None
    created_at: datetime

    @classmethod
    def of(cls, record: TurnRecord) -> TurnOut:
        return cls(turn=record.turn, clinician=record.clinician, code=record.code,
                   why=record.why, segments=list(record.segments), patient=record.patient,
                   talk=record.talk, cue=record.cue, ended=record.ended,
                   end_reason=record.end_reason, state=PatientState(**record.state),
                   client_turn_id=record.client_turn_id, created_at=record.created_at)


class TranscriptTurn(BaseModel):
    """A turn as the transcript lists it."""

    turn: int
    clinician: str
    code: str
    why: str
    patient: str
    talk: str
    cue: str | None = None
    state: PatientState

    @classmethod
    def of(cls, record: TurnRecord) -> TranscriptTurn:
        return cls(turn=record.turn, clinician=record.clinician, code=record.code,
                   why=record.why, patient=record.patient, talk=record.talk, cue=record.cue,
                   state=PatientState(**record.state))


class SessionOut(BaseModel):
    """A practice session without its turns."""

    id: str
    scenario: str = Field(description="The persona's slug.")
    title: str
    persona_version: int
    level: str
    seed: int
    patient: str | None = Field(description="The patient's opening line, or null.")
    turn_count: int
    ended: bool
    end_reason: str | None = None
    started_at: datetime
    ended_at: datetime | None = None
    state: PatientState

    @classmethod
    def of(cls, record: SessionSummary) -> SessionOut:
        return cls(id=record.id, scenario=record.scenario, title=record.title,
                   persona_version=record.persona_version, level=record.level,
                   seed=record.seed, patient=record.opening, turn_count=record.turn_count,
                   ended=record.ended, end_reason=record.end_reason,
                   started_at=record.started_at, ended_at=record.ended_at,
                   state=PatientState(**record.state))


class FeedbackOut(BaseModel):
    """The summary stored when a session ends: MITI scores, talk counts, trajectory."""

    session_id: str
    summary: dict[str, Any]
    created_at: datetime

    @classmethod
    def of(cls, record: FeedbackRecord) -> FeedbackOut:
        return cls(session_id=record.session_id, summary=record.summary,
                   created_at=record.created_at)


class SessionDetailOut(SessionOut):
    """A session with its transcript, and its feedback once it has ended."""

    turns: list[TranscriptTurn]
    feedback: FeedbackOut | None = None

    @classmethod
    def of_detail(cls, record: SessionDetail) -> SessionDetailOut:
        base = SessionOut.of(record.session).model_dump()
        return cls(**base, turns=[TranscriptTurn.of(t) for t in record.turns],
                   feedback=None if record.feedback is None else FeedbackOut.of(record.feedback))


class SessionPageOut(BaseModel):
    """One page of the caller's sessions, newest first."""

    items: list[SessionOut]
    total: int
    page: int
    per_page: int
    pages: int

    @classmethod
    def of(cls, record: SessionPage) -> SessionPageOut:
        return cls(items=[SessionOut.of(s) for s in record.items], total=record.total,
                   page=record.page, per_page=record.per_page, pages=record.pages)


class ScenarioOut(BaseModel):
    """A published persona one can start a session with."""

    slug: str
    title: str
    summary: str
    setting: str
    good_practice_for: list[str]
    levels: list[str]
    default_level: str
    version: int

    @classmethod
    def of(cls, record: PersonaSummary) -> ScenarioOut:
        return cls(slug=record.slug, title=record.title, summary=record.summary,
                   setting=record.setting, good_practice_for=list(record.good_practice_for),
                   levels=list(record.levels), default_level=record.default_level,
                   version=record.version_number)
