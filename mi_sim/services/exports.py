"""Exports: a session as CSV (one row per turn) or JSON (everything), and a cohort as CSV that
streams with constant memory.

    text = services.exports.session_csv(user, session_id)
    data = services.exports.session_json(user, session_id)        # JSON-ready dict
    for chunk in services.exports.cohort_csv(supervisor, cohort_id):
        response.write(chunk)

CSV columns (`CSV_COLUMNS`): session_id, kind, trainee, persona, level, turn, clinician,
auto_code, human_codes, why, patient, talk, rapport, discord, readiness. `human_codes` lists the
reviewers' codes that differ from the auto code as "name: code; name: code" (completed reviews
and the caller's own draft); rapport, discord and readiness are the patient's state after the
turn (empty for imported transcripts). Text cells that a spreadsheet would run as a formula
(starting with =, +, -, @, tab or carriage return) get a leading apostrophe.

The cohort export reads sessions in keyset pages by id and their turns in keyset pages by
(session id, turn number), each page in its own short read, and yields one CSV chunk per page:
memory stays constant however large the cohort. Only sessions the caller may see are exported.
For speed it writes its CSV lines itself (`_quote`, `_cohort_line`) and, on SQLite, reads a
turn's three numbers with one JSON parse per row; the output is byte for byte what
`session_csv` writes for the same session (a test checks).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.services.access import may_see_cohort, visible_sessions
from mi_sim.services.errors import NotFound
from mi_sim.services.records import ReviewRecord, UserRecord
from mi_sim.services.reviews import client_lines, load_header, review_records, state_point
from mi_sim.storage.db import reading
from mi_sim.storage.models import (
    Cohort,
    CohortMember,
    PersonaRow,
    PersonaVersion,
    PracticeSession,
    Review,
    ReviewCode,
    Role,
    SessionKind,
    Turn,
    User,
)

CSV_COLUMNS: tuple[str, ...] = (
    "session_id", "kind", "trainee", "persona", "level", "turn", "clinician", "auto_code",
    "human_codes", "why", "patient", "talk", "rapport", "discord", "readiness")
JSON_FORMAT = "mi-sim session"
JSON_VERSION = 1
SESSION_BATCH = 200     # sessions per keyset page of the cohort export
TURN_BATCH = 5000       # turns per keyset page (= rows per yielded chunk)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTES = re.compile(r'[",\r\n]').search


def _cell(value: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _csv_text(rows: Iterable[Sequence[object]]) -> str:
    """CSV text of rows whose text cells were already passed through `_cell`."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _quote(text: str) -> str:
    """The CSV field of a text cell, exactly as `csv.writer` writes `_cell(text)` (used by the
    streamed export, which writes its lines itself: several times faster)."""
    if text.startswith(_FORMULA_START):
        text = "'" + text
    if _NEEDS_QUOTES(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _state_numbers(dialect: str) -> list[Any]:
    """SQL for a turn's rapport, discord and readiness. On SQLite, ONE `json_extract` with
    four paths (the state is parsed once per row, not once per value) giving a JSON array of
    rapport, discord, importance and confidence; elsewhere the three numbers."""
    if dialect == "sqlite":
        return [func.json_extract(Turn.state, "$.rapport", "$.discord", "$.importance",
                                  "$.confidence")]
    return [Turn.state["rapport"].as_float(), Turn.state["discord"].as_float(),
            Turn.state["importance"].as_float() * Turn.state["confidence"].as_float()]


def _cohort_line(start: str, row: Sequence[Any], human: Sequence[tuple[str, str]] | None,
                 packed: bool) -> str:
    """One CSV line of the cohort export; `start` holds the session's first five fields."""
    _, number, clinician, code, why, patient, talk = row[:7]
    rapport: Any = None
    discord: Any = None
    readiness: Any = None
    if packed:
        if row[7] and "null" not in row[7]:
            parts = row[7][1:-1].split(",")
            if len(parts) == 4:
                rapport, discord = float(parts[0]), float(parts[1])
                readiness = float(parts[2]) * float(parts[3])
    else:
        rapport, discord, readiness = row[7], row[8], row[9]
    numbers = (",," if rapport is None or discord is None or readiness is None
               else "%.3f,%.3f,%.3f" % (rapport, discord, readiness))  # noqa: UP031 (faster)
    return (f"{start}{number},{_quote(clinician)},{code},"
            f"{_quote(_human(human)) if human else ''},{_quote(why)},{_quote(patient)},{talk},"
            f"{numbers}\r\n")


def _human(codes: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"{name}: {code}" for name, code in codes)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


# One page of the cohort export: the sessions' first CSV fields, their human codes, the turns.
_Page = tuple[dict[str, str], dict[tuple[str, int], list[tuple[str, str]]], Sequence[Any]]


def _reviews_shown(user: UserRecord) -> Any:
    """The reviews an export shows: completed ones, and the caller's own draft."""
    return or_(Review.completed_at.is_not(None), Review.reviewer_id == user.id)


class Exports:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    # --- one session -------------------------------------------------------------------

    def session_csv(self, user: UserRecord, session_id: str) -> str:
        """The session as CSV text, a header and one row per turn (see `CSV_COLUMNS`)."""
        with reading(self.sessions) as db:
            row, header = load_header(db, user, session_id)
            turns = db.execute(select(Turn.number, Turn.clinician, Turn.code, Turn.why,
                                      Turn.patient, Turn.talk, Turn.state)
                               .where(Turn.session_id == row.id).order_by(Turn.number)).all()
            reviews = self._reviews(db, user, row.id)
        human: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for review in sorted(reviews, key=lambda r: r.reviewer):
            for number, code in review.codes.items():
                human[number].append((review.reviewer, code))
        persona = header.scenario or ""
        rows: list[Sequence[object]] = [CSV_COLUMNS]
        for number, clinician, code, why, patient, talk, state in turns:
            point = state_point(state)
            rows.append((row.id, row.kind, _cell(header.trainee), persona, header.level or "",
                         number, _cell(clinician), code, _human(human[number]), _cell(why),
                         _cell(patient), talk, _number(point and point.rapport),
                         _number(point and point.discord), _number(point and point.readiness)))
        return _csv_text(rows)

    def session_json(self, user: UserRecord, session_id: str) -> dict[str, Any]:
        """The whole session, JSON-ready: header, feedback, every turn with its state (no
        engine trace), and the reviews the caller may see with their codes, comments and
        global ratings."""
        with reading(self.sessions) as db:
            row, header = load_header(db, user, session_id)
            turns = db.execute(select(Turn).where(Turn.session_id == row.id)
                               .order_by(Turn.number)).scalars().all()
            reviews = self._reviews(db, user, row.id)
        imported = row.kind == SessionKind.IMPORTED
        opening = (client_lines(turns[0].trace.get("opening_lines"))
                   if imported and turns else ())
        auto = {t.number: t.code for t in turns}
        return {
            "format": JSON_FORMAT,
            "version": JSON_VERSION,
            "session": {
                "id": row.id, "kind": row.kind, "trainee": header.trainee,
                "persona": header.scenario, "title": header.title, "level": header.level,
                "seed": None if imported else row.seed, "opening": row.opening,
                "opening_lines": [_line(c) for c in opening],
                "turn_count": row.turn_count, "ended": row.ended,
                "end_reason": row.end_reason, "started_at": _iso(row.started_at),
                "ended_at": _iso(row.ended_at), "state": row.state,
            },
            "feedback": header.feedback,
            "turns": [{
                "turn": t.number, "clinician": t.clinician, "code": t.code, "why": t.why,
                "segments": t.segments, "patient": t.patient, "talk": t.talk,
                "subtype": t.subtype, "cue": t.cue,
                "summary": None if (p := state_point(t.state)) is None else p.to_dict(),
                "state": t.state,
                "client_lines": [_line(c) for c in client_lines(t.trace.get("client_lines"))]
                if imported else [],
                "created_at": _iso(t.created_at),
            } for t in turns],
            "reviews": [_review_json(r, auto) for r in reviews],
        }

    # --- a cohort, streamed ------------------------------------------------------------

    def cohort_csv(self, user: UserRecord, cohort_id: int) -> Iterator[str]:
        """The cohort's trainees' sessions as CSV, one chunk of text per page of turns.

        Access is checked now (NotFound for a cohort the caller may not export: admins and the
        cohort's supervisors may); the rows are read lazily, page by page, as the returned
        iterator is consumed.
        """
        if isinstance(cohort_id, bool) or not isinstance(cohort_id, int):
            raise NotFound("no such cohort")
        with reading(self.sessions) as db:
            found = db.scalar(select(Cohort.id).where(Cohort.id == cohort_id,
                                                      may_see_cohort(user, cohort_id)))
        if found is None:
            raise NotFound("no such cohort")
        return self._cohort_chunks(user, cohort_id)

    def _cohort_chunks(self, user: UserRecord, cohort_id: int) -> Iterator[str]:
        yield _csv_text([CSV_COLUMNS])
        packed = self.sessions.kw["bind"].dialect.name == "sqlite"
        for info, human, page in self._cohort_pages(user, cohort_id):
            yield "".join(_cohort_line(info[r[0]], r, human.get((r[0], r[1])), packed)
                          for r in page)

    def _cohort_pages(self, user: UserRecord, cohort_id: int) -> Iterator[_Page]:
        """The cohort's turns a page at a time, with the sessions' first CSV fields and human
        codes: sessions in keyset pages by id, their turns by (session id, turn number). No
        connection stays open between pages."""
        trainees = (select(CohortMember.user_id)
                    .where(CohortMember.cohort_id == cohort_id,
                           CohortMember.role == Role.TRAINEE.value))
        sessions = (select(PracticeSession.id, PracticeSession.kind, User.name, PersonaRow.slug,
                           PracticeSession.level)
                    .join(User, User.id == PracticeSession.user_id)
                    .outerjoin(PersonaVersion,
                               PersonaVersion.id == PracticeSession.persona_version_id)
                    .outerjoin(PersonaRow, PersonaRow.id == PersonaVersion.persona_id)
                    .where(PracticeSession.user_id.in_(trainees), visible_sessions(user))
                    .order_by(PracticeSession.id).limit(SESSION_BATCH))
        engine = self.sessions.kw["bind"]
        numbers = _state_numbers(engine.dialect.name)
        after = ""
        while True:
            with reading(self.sessions) as db:
                batch = db.execute(sessions.where(PracticeSession.id > after)).all()
                if not batch:
                    return
                after = batch[-1][0]
                ids = [b[0] for b in batch]
                human = self._human_codes(db, user, ids)
            info = {sid: f"{sid},{kind},{_quote(name)},{_quote(slug or '')},"
                         f"{'' if kind == SessionKind.IMPORTED else _quote(level)},"
                    for sid, kind, name, slug, level in batch}
            position: tuple[str, int] = ("", 0)
            while True:
                # Only the sessions from the current one on: the index seeks straight there.
                todo = [sid for sid in ids if sid >= position[0]]
                with engine.connect() as connection:
                    page = connection.execute(
                        select(Turn.session_id, Turn.number, Turn.clinician, Turn.code,
                               Turn.why, Turn.patient, Turn.talk, *numbers)
                        .where(Turn.session_id.in_(todo),
                               tuple_(Turn.session_id, Turn.number) > tuple_(*position))
                        .order_by(Turn.session_id, Turn.number).limit(TURN_BATCH)).all()
                if not page:
                    break
                position = (page[-1][0], page[-1][1])
                yield info, human, page
                if len(page) < TURN_BATCH:
                    break

    # --- helpers -----------------------------------------------------------------------

    @staticmethod
    def _reviews(db: Session, user: UserRecord, session_id: str) -> list[ReviewRecord]:
        rows = db.execute(select(Review, User.name).join(User, User.id == Review.reviewer_id)
                          .where(Review.session_id == session_id, _reviews_shown(user))
                          .order_by(Review.created_at, Review.id)).all()
        return review_records(db, [(r, name) for r, name in rows])

    @staticmethod
    def _human_codes(db: Session, user: UserRecord,
                     session_ids: Sequence[str]) -> dict[tuple[str, int], list[tuple[str, str]]]:
        codes: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
        for sid, number, name, code in db.execute(
                select(Review.session_id, ReviewCode.turn_number, User.name, ReviewCode.code)
                .join(ReviewCode, ReviewCode.review_id == Review.id)
                .join(User, User.id == Review.reviewer_id)
                .where(Review.session_id.in_(session_ids), _reviews_shown(user))
                .order_by(User.name)):
            codes[(sid, number)].append((name, code))
        return codes


def _line(line: Any) -> dict[str, Any]:
    return {"line": line.line, "text": line.text, "talk": line.talk, "subtype": line.subtype,
            "why": line.why}


def _review_json(review: ReviewRecord, auto: dict[int, str]) -> dict[str, Any]:
    ratings = review.ratings
    return {
        "reviewer": review.reviewer, "status": review.status,
        "completed_at": _iso(review.completed_at), "created_at": _iso(review.created_at),
        "updated_at": _iso(review.updated_at),
        "globals": ratings.to_dict() if ratings is not None else review.rating_values,
        "comment": review.comment,
        "codes": [{"turn": number, "auto": auto.get(number), "human": code}
                  for number, code in review.codes.items()],
        "comments": [{"turn": c.turn, "text": c.text, "created_at": _iso(c.created_at)}
                     for c in review.comments],
    }

