"""Instructors test personas against real conversations: what-if branches and coverage.

    record = services.authoring.what_if(user, session_id, turn=4, new_line="What worries you?",
                                        version_number=2)
    for number, before, after in record.rows: ...      # the two branches side by side
    record.first_difference, record.reproduced          # where they part; replay still exact?
    report = services.authoring.coverage(user, "panic-disorder")   # newest published version
    report.coverage.unused_replies, report.coverage.walkouts.at_turn

The pure work is done by `mi_sim.scenarios.whatif` and `mi_sim.scenarios.coverage`; this
module finds the stored conversations, checks who may see them, and shapes the records.

The rules:

- **What-if: who replays which session.** Instructors and admins: any practice session (they
  author the personas and test them against real conversations). Supervisors: the sessions
  `access.visible_sessions` gives them (their own and their cohorts' trainees'). Trainees:
  their own — trying another line on one's own transcript is practice too. A session the
  caller may not see is `NotFound`, as everywhere (`access`). Imported transcripts have no
  persona to replay: `Invalid`.
- **What-if: which version.** The original branch always replays against the version the
  session was played with; the new branch against `version_number` of the same persona
  (default: that same version). Trainees may only use the version they played (another
  version may be an instructor's work in progress): asking for another is `Forbidden`, and
  `what_if_form` offers them only that one.
- **What-if: is the replay still exact?** The engine is deterministic, so replaying the stored
  clinician lines with the session's seed and level reproduces the stored turns — unless the
  engine changed since the session was recorded. `WhatIfRecord.reproduced` says whether it
  did (and `mismatch_turn` where it first did not); the page says so.
- **Coverage.** Supervisors, instructors and admins (`Forbidden` otherwise). Every stored turn
  of every practice session played with the version (default: the newest published one, else
  the newest version) is streamed by one query ordered by session and turn, reading only the
  trace fields coverage needs (`yield_per`: constant memory however many sessions there are),
  and folded by `mi_sim.scenarios.coverage.coverage` in one pass.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.engine.persona import Persona
from mi_sim.engine.state import State
from mi_sim.engine.turn import UtteranceError, check_utterance, open_session
from mi_sim.scenarios.coverage import Coverage, UsedTurn, coverage, used_turn_from_trace
from mi_sim.scenarios.whatif import WhatIf, WhatIfError, first_difference, side_by_side, what_if
from mi_sim.services.access import NO_SUCH_SESSION, SESSION_ID_LENGTH, visible_sessions
from mi_sim.services.errors import Forbidden, Invalid, NotFound
from mi_sim.services.personas import Personas
from mi_sim.services.records import UserRecord
from mi_sim.storage.db import reading
from mi_sim.storage.models import (
    NAME_LENGTH,
    PersonaRow,
    PersonaVersion,
    PracticeSession,
    Role,
    SessionKind,
    Turn,
    User,
    VersionStatus,
)

SEE_EVERY_SESSION = frozenset({Role.INSTRUCTOR.value, Role.ADMIN.value})
COVERAGE_READERS = frozenset({Role.SUPERVISOR.value, Role.INSTRUCTOR.value, Role.ADMIN.value})
YIELD_PER = 500
"""Rows fetched at a time while streaming turns for coverage."""
ENGINE_CHANGED = ("the engine has changed since this session was recorded: replaying its lines "
                  "no longer gives the stored turns")
_MAX_VERSION = 2**31 - 1


@dataclass(frozen=True, slots=True)
class VersionChoice:
    """A version of a persona, with how many practice sessions were played with it."""

    number: int
    status: str
    sessions: int


@dataclass(frozen=True, slots=True)
class WhatIfSession:
    """A stored session as the what-if form needs it: its clinician lines (turn N is
    `lines[N - 1]`) and the versions the caller may replay it against."""

    session_id: str
    owner: str
    owner_id: int
    slug: str
    title: str
    version: int
    level: str
    seed: int
    ended: bool
    opening: str | None
    lines: tuple[str, ...]
    versions: tuple[VersionChoice, ...]

    @property
    def turns(self) -> int:
        return len(self.lines)

    @property
    def may_pick_version(self) -> bool:
        return len(self.versions) > 1


@dataclass(frozen=True, slots=True)
class WhatIfRecord:
    """Both branches of a what-if (`mi_sim.transcript.turn_record` dicts) and what the page
    says about them. `start_original` / `start_branch` are the public states before turn 1.
    `reproduced` is False when replaying the stored lines no longer gives the stored turns
    (`mismatch_turn`: the first turn that differs)."""

    session: WhatIfSession
    branch_version: int
    changed_turn: int
    original_line: str
    new_line: str
    keep_later_lines: bool
    original: tuple[dict[str, Any], ...]
    branch: tuple[dict[str, Any], ...]
    first_difference: int | None
    start_original: dict[str, Any]
    start_branch: dict[str, Any]
    reproduced: bool
    mismatch_turn: int | None

    @property
    def rows(self) -> list[tuple[int, dict[str, Any] | None, dict[str, Any] | None]]:
        """(turn number, original turn, branch turn): a side is None past its end."""
        return side_by_side(WhatIf(self.original, self.branch, self.changed_turn,
                                   self.first_difference))

    @property
    def same_version(self) -> bool:
        return self.branch_version == self.session.version


@dataclass(frozen=True, slots=True)
class CoverageRecord:
    """Coverage of one persona version over every stored practice session played with it.
    `sessions_played` counts them all (also those with no turn yet); `coverage.sessions` only
    those with turns."""

    slug: str
    title: str
    version: int
    status: str
    versions: tuple[VersionChoice, ...]
    sessions_played: int
    coverage: Coverage

    @property
    def empty(self) -> bool:
        return self.coverage.turns == 0


def stored_turn_record(number: int, clinician: str, code: str, patient: str, talk: str,
                       cue: str | None, state: Mapping[str, Any],
                       persona: Persona) -> dict[str, Any]:
    """A stored turn in the shape of `mi_sim.transcript.turn_record` (to compare with a
    replay)."""
    parsed = State.from_dict(dict(state))
    record: dict[str, Any] = {
        "turn": number, "clinician": clinician, "code": code, "patient": patient,
        "talk": talk, "state": parsed.public(persona.parameters_for(parsed.level)),
        "ended": parsed.ended}
    if cue:
        record["cue"] = cue
    return record


def _start(persona: Persona, level: str, seed: int) -> dict[str, Any]:
    state, _ = open_session(persona, level, seed)
    return state.public(persona.parameters_for(level))


def _version_number(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _MAX_VERSION:
        raise Invalid("a version number is a whole number from 1 up")
    return value


class Authoring:
    """What-if branches and coverage (see the module's rules)."""

    def __init__(self, sessions: sessionmaker[Session], personas: Personas) -> None:
        self.sessions = sessions
        self.personas = personas

    # --- access --------------------------------------------------------------------------

    @staticmethod
    def may_see_coverage(user: UserRecord) -> bool:
        return user.role in COVERAGE_READERS

    @staticmethod
    def may_pick_version(user: UserRecord) -> bool:
        """Whether `user` may replay a session against another version than its own."""
        return user.role != Role.TRAINEE.value

    @staticmethod
    def _sessions_of(user: UserRecord) -> Any:
        return true() if user.role in SEE_EVERY_SESSION else visible_sessions(user)

    # --- what-if -------------------------------------------------------------------------

    def what_if_form(self, user: UserRecord, session_id: str) -> WhatIfSession:
        """The session's clinician lines and the versions `user` may replay it against."""
        return self._load(user, session_id)[0]

    def what_if(self, user: UserRecord, session_id: str, turn: int, new_line: str,
                version_number: int | None = None,
                keep_later_lines: bool = True) -> WhatIfRecord:
        """Replay the session (against its own version) and the branch with `new_line` at
        `turn` (against `version_number` of the same persona, default its own version).

        `NotFound` for a session the caller may not see or an unknown version; `Invalid` for
        an imported transcript, a turn out of range, a blank or over-long line; `Forbidden`
        for a trainee asking for another version."""
        session, stored, version_ids = self._load(user, session_id)
        if not session.lines:
            raise Invalid("this session has no clinician lines yet: say something first, "
                          "then try a what-if")
        if isinstance(turn, bool) or not isinstance(turn, int):
            raise Invalid("the turn to change must be a whole number")
        if not 1 <= turn <= session.turns:
            raise Invalid(f"turn {turn} is out of range: this session has turns 1 to "
                          f"{session.turns}")
        try:
            line = check_utterance(new_line)
        except UtteranceError as exc:
            raise Invalid(f"the new line: {exc}") from None
        number = session.version if version_number is None else _version_number(version_number)
        if number != session.version and not self.may_pick_version(user):
            raise Forbidden("trainees replay a session against the persona version they "
                            f"played (version {session.version})")
        if number not in version_ids:
            raise NotFound(f"'{session.slug}' has no version {number}")

        original_persona = self.personas.persona_for_version(version_ids[session.version])
        branch_persona = self.personas.persona_for_version(version_ids[number])
        try:
            result = what_if(original_persona, branch_persona, session.lines, session.level,
                             session.seed, turn, line, keep_later_lines)
        except WhatIfError as exc:
            message = str(exc)
            if message.startswith(f"turn {turn} is out of range"):
                message = f"{message}; {ENGINE_CHANGED}"
            raise Invalid(message) from None
        recorded = [stored_turn_record(*row, persona=original_persona) for row in stored]
        mismatch = first_difference(recorded, result.original)
        return WhatIfRecord(
            session=session, branch_version=number, changed_turn=turn,
            original_line=session.lines[turn - 1], new_line=line,
            keep_later_lines=keep_later_lines, original=result.original, branch=result.branch,
            first_difference=result.first_difference,
            start_original=_start(original_persona, session.level, session.seed),
            start_branch=_start(branch_persona, session.level, session.seed),
            reproduced=mismatch is None, mismatch_turn=mismatch)

    def _load(self, user: UserRecord, session_id: str) -> tuple[
            WhatIfSession, list[tuple[Any, ...]], dict[int, int]]:
        """The session, its stored turns (the columns a turn record needs) and the persona's
        version ids by number (only its own version for a trainee)."""
        if not isinstance(session_id, str) or not 0 < len(session_id) <= SESSION_ID_LENGTH:
            raise NotFound(NO_SUCH_SESSION)
        with reading(self.sessions) as db:
            found = db.execute(
                select(PracticeSession, User.name)
                .join(User, User.id == PracticeSession.user_id)
                .where(PracticeSession.id == session_id, self._sessions_of(user))).first()
            if found is None:
                raise NotFound(NO_SUCH_SESSION)
            row, owner = found
            if row.kind != SessionKind.PRACTICE.value or row.persona_version_id is None:
                raise Invalid("this is an imported transcript: it has no persona to replay, "
                              "so a what-if cannot be played on it")
            persona = db.execute(
                select(PersonaRow.id, PersonaRow.slug, PersonaRow.title, PersonaVersion.number)
                .join(PersonaVersion, PersonaVersion.persona_id == PersonaRow.id)
                .where(PersonaVersion.id == row.persona_version_id)).one()
            persona_id, slug, title, own_number = persona
            versions = self._versions(db, persona_id)
            stored = [tuple(t) for t in db.execute(
                select(Turn.number, Turn.clinician, Turn.code, Turn.patient, Turn.talk, Turn.cue,
                       Turn.state)
                .where(Turn.session_id == row.id).order_by(Turn.number))]
        if not self.may_pick_version(user):
            versions = [(vid, v) for vid, v in versions if v.number == own_number]
        session = WhatIfSession(
            session_id=row.id, owner=owner, owner_id=row.user_id, slug=slug, title=title,
            version=own_number, level=row.level, seed=row.seed, ended=row.ended,
            opening=row.opening, lines=tuple(t[1] for t in stored),
            versions=tuple(v for _, v in versions))
        return session, stored, {v.number: vid for vid, v in versions}

    @staticmethod
    def _versions(db: Session, persona_id: int) -> list[tuple[int, VersionChoice]]:
        """(version id, choice) for every version of a persona, oldest first."""
        counts = (select(func.count()).where(
            PracticeSession.persona_version_id == PersonaVersion.id,
            PracticeSession.kind == SessionKind.PRACTICE.value)
            .correlate(PersonaVersion).scalar_subquery())
        rows = db.execute(select(PersonaVersion.id, PersonaVersion.number,
                                 PersonaVersion.status, counts)
                          .where(PersonaVersion.persona_id == persona_id)
                          .order_by(PersonaVersion.number)).all()
        return [(vid, VersionChoice(number, status, int(n))) for vid, number, status, n in rows]

    # --- coverage ------------------------------------------------------------------------

    def coverage(self, user: UserRecord, slug: str,
                 version_number: int | None = None) -> CoverageRecord:
        """Which banks, replies and gates of a persona version stored sessions used (default:
        the newest published version, else the newest one). `Forbidden` for trainees;
        `NotFound` for an unknown persona or version."""
        if not self.may_see_coverage(user):
            raise Forbidden("only supervisors, instructors and admins can see a persona's "
                            "coverage")
        if version_number is not None:
            version_number = _version_number(version_number)
        if not isinstance(slug, str) or not 0 < len(slug) <= NAME_LENGTH:
            raise NotFound(f"no persona '{slug}'")
        with reading(self.sessions) as db:
            found = db.execute(select(PersonaRow.id, PersonaRow.title)
                               .where(PersonaRow.slug == slug)).first()
            if found is None:
                raise NotFound(f"no persona '{slug}'")
            persona_id, title = found
            versions = self._versions(db, persona_id)
        if not versions:
            raise NotFound(f"'{slug}' has no published version yet")
        if version_number is None:
            published = [item for item in versions
                         if item[1].status == VersionStatus.PUBLISHED.value]
            version_id, chosen = (published or versions)[-1]
        else:
            matching = [item for item in versions if item[1].number == version_number]
            if not matching:
                raise NotFound(f"'{slug}' has no version {version_number}")
            version_id, chosen = matching[0]
        persona = self.personas.persona_for_version(version_id)
        with reading(self.sessions) as db:
            report = coverage(persona, self._used_turns(db, version_id))
        return CoverageRecord(slug, title, chosen.number, chosen.status,
                              tuple(v for _, v in versions), chosen.sessions, report)

    @staticmethod
    def _used_turns(db: Session, version_id: int) -> Iterator[UsedTurn]:
        """Every stored turn of the version's practice sessions, as `UsedTurn`s, streamed by
        one query ordered by session and turn that reads only the trace fields needed."""
        trace = Turn.trace
        query = (select(Turn.session_id, Turn.number,
                        trace["source"].as_string(), trace["reply_id"].as_string(),
                        trace["rule"].as_string(), trace["move"].as_string(),
                        trace[("event", "kind")].as_string(),
                        trace[("event", "name")].as_string(),
                        trace["repeated"].as_boolean())
                 .join(PracticeSession, PracticeSession.id == Turn.session_id)
                 .where(PracticeSession.persona_version_id == version_id,
                        PracticeSession.kind == SessionKind.PRACTICE.value)
                 .order_by(Turn.session_id, Turn.number)
                 .execution_options(yield_per=YIELD_PER))
        for session_id, number, source, reply_id, rule, move, kind, name, repeated in (
                db.execute(query)):
            event = None if kind is None else {"kind": kind, "name": name}
            yield used_turn_from_trace(session_id, number, {
                "source": source, "reply_id": reply_id, "rule": rule, "move": move,
                "event": event, "repeated": repeated is True})

