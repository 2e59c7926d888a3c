"""Plain, immutable results of the use cases: callers never see ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mi_sim.storage.models import Role


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: int
    name: str
    role: str
    active: bool
    created_at: datetime

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


@dataclass(frozen=True, slots=True)
class WebSessionRecord:
    """A live browser login: who it is and the CSRF token its forms must carry."""

    user: UserRecord
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class CohortMemberRecord:
    user_id: int
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class CohortRecord:
    id: int
    name: str
    created_at: datetime
    members: tuple[CohortMemberRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class PersonaSummary:
    """A persona as the gallery shows it, at its latest published version."""

    slug: str
    title: str
    summary: str
    setting: str
    good_practice_for: tuple[str, ...]
    tips: tuple[str, ...]
    levels: tuple[str, ...]
    default_level: str
    version_id: int
    version_number: int


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What `sync_shipped_personas` did: slugs created, updated (new version) or unchanged."""

    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


@dataclass(frozen=True, slots=True)
class TurnRecord:
    """One stored turn. `state` is the public summary after it; `trace` the engine's trace."""

    session_id: str
    turn: int
    clinician: str
    code: str
    why: str
    segments: tuple[dict[str, Any], ...]
    patient: str
    talk: str
    subtype: str | None
    cue: str | None
    state: dict[str, Any]
    ended: bool
    end_reason: str | None
    client_turn_id: str | None
    created_at: datetime
    trace: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """A practice session without its turns. `state` is the current public summary."""

    id: str
    user_id: int
    user_name: str
    scenario: str
    title: str
    persona_version_id: int
    persona_version: int
    level: str
    seed: int
    opening: str | None
    turn_count: int
    ended: bool
    end_reason: str | None
    started_at: datetime
    ended_at: datetime | None
    state: dict[str, Any]


@dataclass(frozen=True, slots=True)
class FeedbackRecord:
    session_id: str
    summary: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SessionDetail:
    """A session with every turn in order, and its feedback once it has ended."""

    session: SessionSummary
    turns: tuple[TurnRecord, ...]
    feedback: FeedbackRecord | None


@dataclass(frozen=True, slots=True)
class SessionPage:
    items: tuple[SessionSummary, ...]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))
