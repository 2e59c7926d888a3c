"""Plain, immutable results of the use cases: callers never see ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mi_sim.scenarios.loader import Problem
from mi_sim.scoring.agreement import Agreement
from mi_sim.scoring.feedback import code_is_unsure
from mi_sim.scoring.globals import GLOBAL_FIELDS, GlobalRatings
from mi_sim.scoring.miti import MitiSummary
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

    @property
    def unsure(self) -> bool:
        """Whether the coder marked this line's code as a guess (never for older sessions)."""
        return code_is_unsure(self.trace)


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


# --- supervisor reviews, imports, progress (services.reviews, .imports, .progress) ----------
#
# Shaped for the templates: every field a page prints is here, already named; derived values
# (effective code, deltas, pages) are properties.

REVIEWED_CHOICES: tuple[str, ...] = ("no", "yes", "any")
KIND_CHOICES: tuple[str, ...] = ("practice", "imported")
REVIEW_STATUSES: tuple[str, ...] = ("none", "draft", "completed")


@dataclass(frozen=True, slots=True)
class QueueFilters:
    """What the review queue is narrowed to. `trainee` matches part of a name, any case;
    `persona` is a scenario slug; dates are UTC calendar days on the session's end, both
    inclusive; `reviewed` is "no" (no completed review by anyone yet), "yes" or "any";
    `kind` is "practice", "imported" or None for both."""

    trainee: str | None = None
    persona: str | None = None
    level: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    reviewed: str = "no"
    kind: str | None = None

    def to_query(self) -> dict[str, str]:
        """The filters as query-string values (for pagination links); defaults left out."""
        query: dict[str, str] = {}
        for name in ("trainee", "persona", "level", "kind"):
            value = getattr(self, name)
            if value:
                query[name] = value
        if self.date_from is not None:
            query["date_from"] = self.date_from.isoformat()
        if self.date_to is not None:
            query["date_to"] = self.date_to.isoformat()
        if self.reviewed != "no":
            query["reviewed"] = self.reviewed
        return query


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One session in the review queue. `scenario` (persona slug) and `level` are None for an
    imported transcript; `title` is the persona's title or the transcript's. `my_review` is
    the caller's own review of it: "none", "draft" or "completed"."""

    session_id: str
    kind: str
    trainee_id: int
    trainee: str
    scenario: str | None
    title: str
    level: str | None
    turns: int
    started_at: datetime
    ended_at: datetime | None
    end_reason: str | None
    completed_reviews: int
    my_review: str

    @property
    def imported(self) -> bool:
        return self.kind == "imported"


@dataclass(frozen=True, slots=True)
class QueuePage:
    items: tuple[QueueItem, ...]
    total: int
    page: int
    per_page: int
    filters: QueueFilters

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


@dataclass(frozen=True, slots=True)
class StatePoint:
    """The patient's public numbers at one moment (each in [0, 1])."""

    rapport: float
    discord: float
    readiness: float

    def to_dict(self) -> dict[str, float]:
        return {"rapport": self.rapport, "discord": self.discord, "readiness": self.readiness}


@dataclass(frozen=True, slots=True)
class ClientLineRecord:
    """One client line of an imported transcript, coded as change / sustain / neutral talk.
    `line` is its line number in the uploaded text."""

    line: int
    text: str
    talk: str
    subtype: str | None
    why: str


@dataclass(frozen=True, slots=True)
class CommentRecord:
    """A reviewer's comment; `turn` None means it is about the whole session."""

    id: int
    review_id: int
    reviewer_id: int
    reviewer: str
    turn: int | None
    text: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One reviewer's review of one session. Ratings are None until given; `codes` maps a
    turn number to the reviewer's code where it differs from the auto code."""

    id: int
    session_id: str
    reviewer_id: int
    reviewer: str
    cultivating_change_talk: int | None
    softening_sustain_talk: int | None
    partnership: int | None
    empathy: int | None
    comment: str | None
    completed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    codes: dict[int, str]
    comments: tuple[CommentRecord, ...]

    @property
    def completed(self) -> bool:
        return self.completed_at is not None

    @property
    def status(self) -> str:
        return "completed" if self.completed else "draft"

    @property
    def ratings(self) -> GlobalRatings | None:
        """The four globals with the relational/technical summaries, once all four are given."""
        values = self.rating_values
        if any(value is None for value in values.values()):
            return None
        return GlobalRatings(**values)  # type: ignore[arg-type]

    @property
    def rating_values(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in GLOBAL_FIELDS}

    def comments_on(self, turn: int | None) -> tuple[CommentRecord, ...]:
        return tuple(c for c in self.comments if c.turn == turn)

    @property
    def session_comments(self) -> tuple[CommentRecord, ...]:
        return self.comments_on(None)


@dataclass(frozen=True, slots=True)
class ReviewSession:
    """The header of a review page or report. `scenario` and `level` are None for an imported
    transcript; `title` is the persona's or the transcript's. `opening_lines` holds the coded
    client lines of an imported transcript before the first clinician line."""

    id: str
    kind: str
    trainee_id: int
    trainee: str
    scenario: str | None
    title: str
    level: str | None
    opening: str | None
    opening_lines: tuple[ClientLineRecord, ...]
    turn_count: int
    ended: bool
    end_reason: str | None
    started_at: datetime
    ended_at: datetime | None
    feedback: dict[str, Any] | None

    @property
    def imported(self) -> bool:
        return self.kind == "imported"


@dataclass(frozen=True, slots=True)
class ReviewTurn:
    """One clinician line on the review page: the auto code and why, the caller's code where
    they overrode it, the patient's reply, and the state before and after (None for imported
    transcripts, which have no simulated state)."""

    turn: int
    clinician: str
    auto_code: str
    human_code: str | None
    why: str
    segments: tuple[dict[str, Any], ...]
    patient: str
    talk: str
    subtype: str | None
    cue: str | None
    before: StatePoint | None
    after: StatePoint | None
    client_lines: tuple[ClientLineRecord, ...]
    comments: tuple[CommentRecord, ...]
    unsure: bool = False  # the coder marked its code as a guess: check it first

    @property
    def code(self) -> str:
        """The code that counts: the human one where given, else the auto code."""
        return self.human_code or self.auto_code

    @property
    def overridden(self) -> bool:
        return self.human_code is not None

    def delta(self, name: str) -> float | None:
        """after − before for "rapport", "discord" or "readiness" (None when unknown)."""
        if self.before is None or self.after is None:
            return None
        return round(getattr(self.after, name) - getattr(self.before, name), 3)


@dataclass(frozen=True, slots=True)
class ReviewDetail:
    """Everything the review page shows. `review` is the caller's own (None until they first
    save something); `can_review` says whether they may change it; `codes` is the vocabulary
    for the override list."""

    session: ReviewSession
    turns: tuple[ReviewTurn, ...]
    review: ReviewRecord | None
    can_review: bool
    completed_reviews: int
    codes: tuple[str, ...]

    @property
    def session_comments(self) -> tuple[CommentRecord, ...]:
        return () if self.review is None else self.review.session_comments


@dataclass(frozen=True, slots=True)
class HumanCode:
    reviewer: str
    code: str


@dataclass(frozen=True, slots=True)
class ReportTurn:
    """One line of the reviewed report: the auto code, each completed review's code where it
    differs, and every completed review's comments on it."""

    turn: int
    clinician: str
    auto_code: str
    why: str
    patient: str
    talk: str
    human_codes: tuple[HumanCode, ...]
    comments: tuple[CommentRecord, ...]

    @property
    def overridden(self) -> bool:
        return bool(self.human_codes)


@dataclass(frozen=True, slots=True)
class CompletedReview:
    """A completed review as the trainee sees it: the ratings with their verdicts (sentences
    in `globals_text`) and the MITI summary recomputed with this reviewer's codes."""

    review: ReviewRecord
    miti: MitiSummary
    miti_text: tuple[str, ...]
    globals_text: tuple[str, ...]

    @property
    def reviewer(self) -> str:
        return self.review.reviewer

    @property
    def ratings(self) -> GlobalRatings | None:
        return self.review.ratings


@dataclass(frozen=True, slots=True)
class ReviewedReport:
    """The trainee's view of their reviewed session: every completed review."""

    session: ReviewSession
    turns: tuple[ReportTurn, ...]
    reviews: tuple[CompletedReview, ...]
    auto_miti: MitiSummary

    @property
    def reviewed(self) -> bool:
        return bool(self.reviews)


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """Auto vs human codes, overall and per reviewer (by name), over `reviews` reviews.
    `implicit_confirmation` says whether the lines a completed review left alone were counted
    as agreeing with the auto code (see `Reviews.agreement`)."""

    overall: Agreement
    by_reviewer: dict[str, Agreement]
    reviews: int
    implicit_confirmation: bool


@dataclass(frozen=True, slots=True)
class ImportedTranscript:
    """What `Imports.import_transcript` stored: a session of kind "imported"."""

    session_id: str
    title: str
    format: str
    turns: int
    clinician_lines: int
    client_lines: int
    change_talk: int
    sustain_talk: int
    neutral_talk: int


@dataclass(frozen=True, slots=True)
class ProgressSample:
    """One ended session on a trainee's progress charts (oldest first)."""

    session_id: str
    kind: str
    title: str
    ended_at: datetime | None
    turns: int
    r_to_q: float | None
    pct_complex: float | None
    adherent: int | None
    non_adherent: int | None
    readiness: float | None


@dataclass(frozen=True, slots=True)
class TraineeProgress:
    trainee_id: int
    trainee: str
    samples: tuple[ProgressSample, ...]

    def series(self, name: str) -> list[float | None]:
        """One column of the samples, e.g. `series("r_to_q")`, for a chart."""
        return [None if (v := getattr(s, name)) is None else float(v) for s in self.samples]


@dataclass(frozen=True, slots=True)
class CohortTraineeRow:
    """One trainee in the cohort overview. Means are over their last five ended sessions
    (sessions without the figure, e.g. no questions for R:Q, are left out)."""

    trainee_id: int
    trainee: str
    sessions: int
    last_session_at: datetime | None
    mean_r_to_q: float | None
    mean_pct_complex: float | None
    reviewed: int


@dataclass(frozen=True, slots=True)
class CohortOverview:
    cohort_id: int
    name: str
    rows: tuple[CohortTraineeRow, ...]


# --- the persona library (services.library) ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class VersionRecord:
    """One immutable persona version. `status` is "published" or "retired"; `source` says
    where its text came from: "shipped" (`mi-sim personas sync`), "editor" (a published
    draft), "import" (an imported file published at once) or "restore" (a copy of an older
    version). `created_by` is the author's name (None for shipped versions or a deleted
    account); `sessions` counts the practice sessions played with it."""

    id: int
    slug: str
    number: int
    status: str
    source: str
    sha256: str
    created_at: datetime
    created_by: str | None
    sessions: int

    @property
    def published(self) -> bool:
        return self.status == "published"


@dataclass(frozen=True, slots=True)
class CohortRef:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """A persona as the library page shows it. `versions` are oldest first; `cohorts` are the
    cohorts that may see it (empty: everyone); `sessions` is its total usage over every
    version."""

    slug: str
    title: str
    created_at: datetime
    versions: tuple[VersionRecord, ...]
    has_draft: bool
    draft_updated_at: datetime | None
    draft_updated_by: str | None
    cohorts: tuple[CohortRef, ...]
    goldens: int

    @property
    def sessions(self) -> int:
        return sum(v.sessions for v in self.versions)

    @property
    def published(self) -> VersionRecord | None:
        """The version new sessions use (None when retired or never published)."""
        live = [v for v in self.versions if v.published]
        return live[-1] if live else None

    @property
    def latest(self) -> VersionRecord | None:
        return self.versions[-1] if self.versions else None

    @property
    def status(self) -> str:
        """"published", "retired" (versions, none published) or "draft" (never published)."""
        if self.published is not None:
            return "published"
        return "retired" if self.versions else "draft"

    @property
    def visible_to_everyone(self) -> bool:
        return not self.cohorts


@dataclass(frozen=True, slots=True)
class DraftRecord:
    """A persona's working draft: the text exactly as saved (valid or not) and its problems
    (errors and warnings from the loader and linter, each with its 1-based line).
    `base_version` is the number of the version it was started from (None for a new
    persona)."""

    slug: str
    title: str
    yaml_text: str
    problems: tuple[Problem, ...]
    updated_at: datetime
    updated_by: str | None
    base_version: int | None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def publishable(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True)
class GoldenRecord:
    """A golden transcript of a persona: clinician `lines` and the expected `turns`
    (`mi_sim.transcript.turn_record`s). `version_number` is the version it was recorded
    against (None: a draft)."""

    id: int
    slug: str
    name: str
    level: str
    seed: int
    lines: tuple[str, ...]
    turns: tuple[dict[str, Any], ...]
    version_number: int | None
    created_by: str | None
    created_at: datetime
