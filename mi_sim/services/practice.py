"""Practice sessions: start one, post turns, end it, read it back, list them.

A turn is computed by the engine outside any transaction, from the state read; then one short
write transaction stores the turn and moves the session on, guarded by
`WHERE id = ? AND turn_count = <the count read> AND NOT ended`. If another turn got in first,
nothing is stored and the caller gets `Conflict`. The turn and the new state are stored together
or not at all.

Posting a turn is the hot path (docs/performance.md): it uses prepared SQLAlchemy Core
statements rather than the ORM (one read of the session row, then one write transaction with
the guarded update and the insert), serialises the new state once, and builds the returned
record from the values in memory.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import Engine, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.engine.persona import Persona
from mi_sim.engine.state import State
from mi_sim.engine.turn import (
    SessionEnded,
    UtteranceError,
    check_utterance,
    open_session,
    take_turn,
)
from mi_sim.services.errors import Conflict, Invalid, NotFound
from mi_sim.services.feedback import feedback_summary
from mi_sim.services.personas import Personas
from mi_sim.services.records import (
    FeedbackRecord,
    SessionDetail,
    SessionPage,
    SessionSummary,
    TurnRecord,
    UserRecord,
)
from mi_sim.services.text_fields import text_field
from mi_sim.storage.db import (
    Prepared,
    Statements,
    read_statements,
    reading,
    write_statements,
    writing,
)
from mi_sim.storage.models import (
    CLIENT_TURN_ID_LENGTH,
    Feedback,
    PersonaVersion,
    PracticeSession,
    SessionKind,
    Turn,
    User,
    utcnow,
)

ENDED_BY_TRAINEE = "ended_by_trainee"
MAX_PER_PAGE = 100
PRACTICE = SessionKind.PRACTICE.value  # imported transcripts are not practice sessions
RACE_MESSAGE = "another turn was posted at the same time; reload the conversation"
ENDED_MESSAGE = "this session has ended; start a new one to keep practising"

# The turn's hot path: Core statements compiled once, run as `Prepared` statements.
_SESSIONS = PracticeSession.__table__
_TURNS = Turn.__table__
_READ_SESSION = Prepared(select(
    _SESSIONS.c.user_id, _SESSIONS.c.persona_version_id, _SESSIONS.c.level, _SESSIONS.c.seed,
    _SESSIONS.c.state, _SESSIONS.c.turn_count, _SESSIONS.c.ended,
).where(_SESSIONS.c.id == bindparam("session_id")))
_TURN_KEYS = ("session_id", "number", "client_turn_id", "clinician", "code", "why", "segments",
              "patient", "talk", "subtype", "cue", "state", "trace", "created_at")
_READ_TURN_BY_CLIENT_ID = Prepared(select(*(_TURNS.c[key] for key in _TURN_KEYS)).where(
    _TURNS.c.session_id == bindparam("session_id"),
    _TURNS.c.client_turn_id == bindparam("client_turn_id")))
_MOVE_SESSION = Prepared(update(_SESSIONS).where(
    _SESSIONS.c.id == bindparam("session_id"),
    _SESSIONS.c.turn_count == bindparam("read_count"),
    _SESSIONS.c.ended.is_(False)),
    ["state", "turn_count", "ended", "end_reason", "ended_at"])
_INSERT_TURN = Prepared(insert(_TURNS), _TURN_KEYS)
_INSERT_FEEDBACK = Prepared(insert(Feedback.__table__), ["session_id", "summary", "created_at"])
_TURNS_FOR_FEEDBACK = Prepared(select(_TURNS.c.code, _TURNS.c.talk, _TURNS.c.state).where(
    _TURNS.c.session_id == bindparam("session_id")).order_by(_TURNS.c.number))


def check_client_turn_id(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise Invalid("client_turn_id must be text")
    value = text_field(value, "client_turn_id", multiline=False).strip()
    if len(value) > CLIENT_TURN_ID_LENGTH:
        raise Invalid(f"client_turn_id is longer than {CLIENT_TURN_ID_LENGTH} characters")
    return value or None


class Practice:
    def __init__(self, sessions: sessionmaker[Session], personas: Personas) -> None:
        self.sessions = sessions
        self.personas = personas

    # --- starting and playing ----------------------------------------------------------

    def start_session(self, user: UserRecord, scenario_slug: str, level: str | None = None,
                      seed: int | None = None) -> SessionSummary:
        version_id, number = self.personas.latest_published_version(scenario_slug)
        self.personas.check_visible(user, scenario_slug)
        persona = self.personas.persona_for_version(version_id)
        level = level or persona.default_level
        if level not in persona.levels:
            raise Invalid(f"unknown level '{level}' for {persona.slug}; levels: "
                          f"{', '.join(persona.levels)}")
        if seed is None:
            seed = secrets.randbelow(2**31)
        elif not -(2**63) <= seed < 2**63:
            raise Invalid("the seed must fit in 64 bits")
        state, opening = open_session(persona, level, seed)
        with writing(self.sessions) as db:
            row = PracticeSession(
                id=secrets.token_urlsafe(16), user_id=user.id, persona_version_id=version_id,
                level=level, seed=seed, state=state.to_dict(), turn_count=0, ended=False,
                opening=opening or None)
            db.add(row)
            db.flush()
            return self._summary(row, user.name, persona, number)

    def post_turn(self, user: UserRecord, session_id: str, text: str,
                  client_turn_id: str | None = None, *,
                  wait: bool = True) -> tuple[TurnRecord, bool]:
        """Play one clinician line. Returns the stored turn and whether it is new.

        A repeated `client_turn_id` returns the turn stored for it (`created` False).
        `wait=False` (for the event loop, on SQLite): raise `WriteBusy`, having stored
        nothing, instead of waiting for another writer (see `storage.db.write_statements`).
        """
        try:
            line = check_utterance(text)
        except UtteranceError as exc:
            raise Invalid(str(exc)) from None
        client_id = check_client_turn_id(client_turn_id)

        if not isinstance(session_id, str):
            raise NotFound("no such session")
        engine = self._engine
        with read_statements(engine) as db:
            row = db.first(_READ_SESSION, {"session_id": session_id})
            if row is None or row["user_id"] != user.id:
                raise NotFound("no such session")
            stored = (None if client_id is None
                      else self._turn_by_client_id(db, session_id, client_id))
        persona = self.personas.persona_for_version(row["persona_version_id"])
        if stored is not None:
            return self._record(stored, State.from_dict(stored["state"]), persona), False
        if row["ended"]:
            raise Conflict(ENDED_MESSAGE)
        read_count, state = row["turn_count"], State.from_dict(row["state"])

        try:
            result = take_turn(persona, state, line)
        except SessionEnded:
            raise Conflict(ENDED_MESSAGE) from None

        new_state = result.state
        state_json = new_state.to_dict()
        trace = result.trace.to_dict()
        now = utcnow()
        values = {
            "session_id": session_id, "number": read_count + 1, "client_turn_id": client_id,
            "clinician": result.clinician, "code": result.code, "why": result.trace.coding.why,
            "segments": trace["segments"], "patient": result.reply_text,
            "talk": result.talk.value,
            "subtype": None if result.subtype is None else result.subtype.value,
            "cue": result.cue, "state": state_json, "trace": trace, "created_at": now}
        try:
            with write_statements(engine, wait=wait) as db:
                moved = db.execute(_MOVE_SESSION, {
                    "session_id": session_id, "read_count": read_count,
                    "state": state_json, "turn_count": read_count + 1,
                    "ended": new_state.ended, "end_reason": new_state.end_reason,
                    "ended_at": now if new_state.ended else None})
                if moved != 1:
                    raise _Overtaken
                db.execute(_INSERT_TURN, values)
                if new_state.ended:
                    self._store_feedback(db, session_id, persona, row["level"], row["seed"],
                                         new_state.end_reason)
        except (_Overtaken, IntegrityError):
            if client_id is not None:  # a double-click that lost the race: same turn
                with read_statements(engine) as db:
                    stored = self._turn_by_client_id(db, session_id, client_id)
                if stored is not None:
                    return self._record(stored, State.from_dict(stored["state"]),
                                        persona), False
            raise Conflict(RACE_MESSAGE) from None
        return self._record(values, new_state, persona), True

    def end_session(self, user: UserRecord, session_id: str) -> FeedbackRecord:
        """End the session (if the patient has not) and return its feedback. Idempotent."""
        with reading(self.sessions) as db:
            row = self._own(db, user, session_id)
            stored = self._feedback(db, session_id)
            if stored is not None:
                return stored
            version_id, level, seed = row.persona_version_id, row.level, row.seed
        persona = self.personas.persona_for_version(version_id)
        try:
            with writing(self.sessions) as db:
                row = self._own(db, user, session_id)
                stored = self._feedback(db, session_id)
                if stored is not None:
                    return stored
                if not row.ended:
                    row.ended, row.end_reason, row.ended_at = True, ENDED_BY_TRAINEE, utcnow()
                db.flush()
                return self._store_feedback(Statements.on(db.connection()), session_id,
                                            persona, level, seed, row.end_reason)
        except IntegrityError:  # ended twice at once: the other request stored it
            with reading(self.sessions) as db:
                stored = self._feedback(db, session_id)
            if stored is None:
                raise
            return stored

    # --- reading -----------------------------------------------------------------------

    def get_session(self, user: UserRecord, session_id: str) -> SessionDetail:
        """The session with every turn; its owner's (admins may read any)."""
        with reading(self.sessions) as db:
            row = self._visible(db, user, session_id)
            summary = self._summaries(db, [row])[0]
            turns = list(db.scalars(select(Turn).where(Turn.session_id == session_id)
                                    .order_by(Turn.number)))
            feedback = self._feedback(db, session_id)
        persona = self.personas.persona_for_version(row.persona_version_id)
        return SessionDetail(summary, tuple(self._turn_record(t, persona) for t in turns),
                             feedback)

    def get_feedback(self, user: UserRecord, session_id: str) -> FeedbackRecord | None:
        with reading(self.sessions) as db:
            self._visible(db, user, session_id)
            return self._feedback(db, session_id)

    def list_sessions(self, user: UserRecord, page: int = 1,
                      per_page: int = 20) -> SessionPage:
        """The caller's sessions, newest first (admins see everyone's), with the total."""
        if page < 1:
            raise Invalid("page numbers start at 1")
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise Invalid(f"per_page must be between 1 and {MAX_PER_PAGE}")
        practice = PracticeSession.kind == PRACTICE  # imported transcripts are reviewed elsewhere
        query = select(PracticeSession).where(practice)
        count = select(func.count()).select_from(PracticeSession).where(practice)
        if not user.is_admin:
            query = query.where(PracticeSession.user_id == user.id)
            count = count.where(PracticeSession.user_id == user.id)
        with reading(self.sessions) as db:
            total = db.scalar(count) or 0
            rows = list(db.scalars(query.order_by(PracticeSession.started_at.desc(),
                                                  PracticeSession.id)
                                   .offset((page - 1) * per_page).limit(per_page)))
            return SessionPage(tuple(self._summaries(db, rows)), total, page, per_page)

    # --- helpers -----------------------------------------------------------------------

    @staticmethod
    def _own(db: Session, user: UserRecord, session_id: str) -> PracticeSession:
        row = db.get(PracticeSession, session_id) if isinstance(session_id, str) else None
        if row is None or row.user_id != user.id or row.kind != PRACTICE:
            raise NotFound("no such session")
        return row

    @staticmethod
    def _visible(db: Session, user: UserRecord, session_id: str) -> PracticeSession:
        row = db.get(PracticeSession, session_id) if isinstance(session_id, str) else None
        if (row is None or row.kind != PRACTICE
                or (row.user_id != user.id and not user.is_admin)):
            raise NotFound("no such session")
        return row

    @property
    def _engine(self) -> Engine:
        bind = self.sessions.kw["bind"]
        assert isinstance(bind, Engine)
        return bind

    @staticmethod
    def _turn_by_client_id(db: Statements, session_id: str,
                           client_id: str) -> dict[str, Any] | None:
        """The column values of the turn stored for `client_id`, or None."""
        return db.first(_READ_TURN_BY_CLIENT_ID, {"session_id": session_id,
                                                  "client_turn_id": client_id})

    @staticmethod
    def _record(values: dict[str, Any], state: State, persona: Persona) -> TurnRecord:
        """A turn's record from its column values (as stored or as read back)."""
        return TurnRecord(
            session_id=values["session_id"], turn=values["number"],
            clinician=values["clinician"], code=values["code"], why=values["why"],
            segments=tuple(values["segments"]), patient=values["patient"],
            talk=values["talk"], subtype=values["subtype"], cue=values["cue"],
            state=state.public(persona.parameters_for(state.level)), ended=state.ended,
            end_reason=state.end_reason, client_turn_id=values["client_turn_id"],
            created_at=values["created_at"], trace=values["trace"])

    @staticmethod
    def _turn_record(turn: Turn, persona: Persona) -> TurnRecord:
        state = State.from_dict(turn.state)
        return TurnRecord(
            session_id=turn.session_id, turn=turn.number, clinician=turn.clinician,
            code=turn.code, why=turn.why, segments=tuple(turn.segments), patient=turn.patient,
            talk=turn.talk, subtype=turn.subtype, cue=turn.cue,
            state=state.public(persona.parameters_for(state.level)), ended=state.ended,
            end_reason=state.end_reason,
            client_turn_id=turn.client_turn_id, created_at=turn.created_at, trace=turn.trace)

    @staticmethod
    def _store_feedback(db: Statements, session_id: str, persona: Persona, level: str,
                        seed: int, end_reason: str | None) -> FeedbackRecord:
        turns = db.all(_TURNS_FOR_FEEDBACK, {"session_id": session_id})
        summary = feedback_summary(persona, level, seed,
                                   [(t["code"], t["talk"], t["state"]) for t in turns],
                                   end_reason)
        now = utcnow()
        db.execute(_INSERT_FEEDBACK, {"session_id": session_id, "summary": summary,
                                      "created_at": now})
        return FeedbackRecord(session_id, summary, now)

    @staticmethod
    def _feedback(db: Session, session_id: str) -> FeedbackRecord | None:
        row = db.scalar(select(Feedback).where(Feedback.session_id == session_id))
        return None if row is None else FeedbackRecord(session_id, row.summary, row.created_at)

    def _summaries(self, db: Session, rows: list[PracticeSession]) -> list[SessionSummary]:
        if not rows:
            return []
        names = {uid: name for uid, name in db.execute(
            select(User.id, User.name).where(User.id.in_({r.user_id for r in rows})))}
        numbers = {vid: number for vid, number in db.execute(
            select(PersonaVersion.id, PersonaVersion.number)
            .where(PersonaVersion.id.in_({r.persona_version_id for r in rows})))}
        return [self._summary(r, names.get(r.user_id, "?"),
                              self.personas.persona_for_version(r.persona_version_id),
                              numbers.get(r.persona_version_id, 0)) for r in rows]

    @staticmethod
    def _summary(row: PracticeSession, user_name: str, persona: Persona,
                 number: int) -> SessionSummary:
        state = State.from_dict(row.state)
        return SessionSummary(
            id=row.id, user_id=row.user_id, user_name=user_name, scenario=persona.slug,
            title=persona.title, persona_version_id=row.persona_version_id,
            persona_version=number, level=row.level, seed=row.seed, opening=row.opening,
            turn_count=row.turn_count, ended=row.ended, end_reason=row.end_reason,
            started_at=row.started_at, ended_at=row.ended_at,
            state=state.public(persona.parameters_for(state.level)))


class _Overtaken(Exception):
    """Another turn (or the end of the session) was stored after this one's state was read."""

