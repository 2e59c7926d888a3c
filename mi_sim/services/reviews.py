"""Supervisors review sessions: the queue, the review page, human codes, comments, the MITI
global ratings, the trainee's reviewed report, and agreement between auto and human codes.

    page = services.reviews.queue(supervisor, QueueFilters(reviewed="no"), page=1)
    detail = services.reviews.review_detail(supervisor, session_id)
    services.reviews.set_code(supervisor, session_id, 3, "reflection_complex")
    services.reviews.add_comment(supervisor, session_id, 3, "Lovely double-sided reflection")
    services.reviews.set_globals(supervisor, session_id, GlobalRatings(4, 3, 4, 4))
    services.reviews.complete(supervisor, session_id)
    report = services.reviews.reviewed_report(trainee, session_id)
    agreement = services.reviews.agreement(admin)

Who may do what is `services.access`: sessions the caller may not see are `NotFound`; a
session they can see but may not review is `Forbidden` for the writes. A review is created by
the reviewer's first save (nothing is stored by opening the page). The auto code always stays on
the turn; a human code is stored beside it only where it differs (setting the auto code again
removes the override). Every write is one short transaction (BEGIN IMMEDIATE on SQLite) that
validates first; repeating a write leaves the same state (a comment is the exception: adding it
twice stores it twice).

Listings are single queries (plus one count) with the access rule in their WHERE clause.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import Row, case, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.engine.coding import guessed
from mi_sim.engine.plain_text import is_blank
from mi_sim.engine.vocabulary import ALL_CODES, ALL_TALK
from mi_sim.scoring.agreement import code_agreement_by_group
from mi_sim.scoring.globals import GLOBAL_FIELDS, GlobalRatings, describe_globals
from mi_sim.scoring.miti import describe, summarize
from mi_sim.services.access import (
    can_review,
    load_visible,
    reviewable_sessions,
    visible_sessions,
)
from mi_sim.services.accounts import shown_name
from mi_sim.services.errors import Conflict, Forbidden, Invalid, NotFound
from mi_sim.services.records import (
    KIND_CHOICES,
    REVIEWED_CHOICES,
    AgreementReport,
    ClientLineRecord,
    CommentRecord,
    CompletedReview,
    HumanCode,
    QueueFilters,
    QueueItem,
    QueuePage,
    ReportTurn,
    ReviewDetail,
    ReviewedReport,
    ReviewRecord,
    ReviewSession,
    ReviewTurn,
    StatePoint,
    UserRecord,
)
from mi_sim.services.text_fields import text_field
from mi_sim.storage.db import reading, writing
from mi_sim.storage.models import (
    NAME_LENGTH,
    REVIEW_COMMENT_LENGTH,
    Feedback,
    PersonaRow,
    PersonaVersion,
    PracticeSession,
    Review,
    ReviewCode,
    ReviewComment,
    Role,
    SessionKind,
    Turn,
    User,
    utcnow,
)

T = TypeVar("T")

MAX_PER_PAGE = 100
MAX_COMMENTS_PER_REVIEW = 500
NOT_REVIEWABLE = "you may not review this session"
STILL_RUNNING = "this session is still running; review it once it has ended"


# --- shared helpers (also used by exports) -------------------------------------------------

def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def state_point(state: Mapping[str, Any] | None) -> StatePoint | None:
    """Rapport, discord and readiness (importance × confidence) from a stored state dict, or
    from a feedback trajectory point; None when the numbers are not there (imports)."""
    if not state:
        return None
    rapport, discord = _number(state.get("rapport")), _number(state.get("discord"))
    readiness = _number(state.get("readiness"))
    if readiness is None:
        importance, confidence = _number(state.get("importance")), _number(
            state.get("confidence"))
        if importance is not None and confidence is not None:
            readiness = importance * confidence
    if rapport is None or discord is None or readiness is None:
        return None
    return StatePoint(round(rapport, 3), round(discord, 3), round(readiness, 3))


def client_lines(items: Iterable[Any] | None) -> tuple[ClientLineRecord, ...]:
    """The coded client lines an import stored in a turn's trace."""
    lines = []
    for item in items or ():
        if isinstance(item, dict):
            lines.append(ClientLineRecord(
                line=int(item.get("line") or 0), text=str(item.get("text") or ""),
                talk=str(item.get("talk") or "neutral"), subtype=item.get("subtype"),
                why=str(item.get("why") or "")))
    return tuple(lines)


def session_header_query(user: UserRecord, session_id: str) -> Any:
    """One query for a session the caller may see, with its owner's name, persona and feedback."""
    return (select(PracticeSession, User.name, PersonaRow.slug, PersonaRow.title,
                   Feedback.summary)
            .join(User, User.id == PracticeSession.user_id)
            .outerjoin(PersonaVersion, PersonaVersion.id == PracticeSession.persona_version_id)
            .outerjoin(PersonaRow, PersonaRow.id == PersonaVersion.persona_id)
            .outerjoin(Feedback, Feedback.session_id == PracticeSession.id)
            .where(PracticeSession.id == session_id, visible_sessions(user)))


def load_header(db: Session, user: UserRecord,
                session_id: object) -> tuple[PracticeSession, ReviewSession]:
    """The session (NotFound unless visible) and its header record (without opening lines)."""
    if not isinstance(session_id, str) or not 0 < len(session_id) <= 32:
        raise NotFound("no such session")
    found = db.execute(session_header_query(user, session_id)).first()
    if found is None:
        raise NotFound("no such session")
    row, owner, slug, persona_title, summary = found
    return row, header_record(row, owner, slug, persona_title, summary, ())


def header_record(row: PracticeSession, owner: str, slug: str | None,
                  persona_title: str | None, summary: dict[str, Any] | None,
                  opening_lines: tuple[ClientLineRecord, ...]) -> ReviewSession:
    imported = row.kind == SessionKind.IMPORTED
    return ReviewSession(
        id=row.id, kind=row.kind, trainee_id=row.user_id, trainee=owner,
        scenario=None if imported else slug,
        title=(row.title or "Imported transcript") if imported else (persona_title or slug or "?"),
        level=None if imported else row.level, opening=row.opening,
        opening_lines=opening_lines, turn_count=row.turn_count, ended=row.ended,
        end_reason=row.end_reason, started_at=row.started_at, ended_at=row.ended_at,
        feedback=summary)


def talk_labels(summary: Mapping[str, Any] | None, turn_talk: Sequence[str]) -> list[str]:
    """The client-talk labels a session's MITI summary counts: the stored feedback's counts (an
    import counts every client line) or, without feedback, one per turn."""
    miti = (summary or {}).get("miti") if summary else None
    if isinstance(miti, dict):
        counts = {t: miti.get(f"{t}_talk") for t in ALL_TALK}
        if all(isinstance(v, int) and not isinstance(v, bool) for v in counts.values()):
            return [t for t in ALL_TALK for _ in range(int(counts[t] or 0))]
    return [t for t in turn_talk if t in ALL_TALK]


def check_code(code: object) -> str:
    if not isinstance(code, str) or code not in ALL_CODES:
        raise Invalid(f"unknown code {code!r}; codes: {', '.join(ALL_CODES)}")
    return code


def check_turn(turn: object, *, allow_none: bool = False) -> int | None:
    if turn is None or turn == "":
        if allow_none:
            return None
        raise Invalid("say which turn")
    if isinstance(turn, str) and turn.strip().isascii() and turn.strip().isdigit():
        turn = int(turn.strip())
    if isinstance(turn, bool) or not isinstance(turn, int) or not 1 <= turn <= 1_000_000:
        raise Invalid(f"a turn is a whole number from 1; got {turn!r}")
    return turn


def check_text(text: object, what: str) -> str:
    if not isinstance(text, str):
        raise Invalid(f"the {what} must be text")
    if is_blank(text):  # NUL and zero-width characters alone are no comment
        return ""
    text = text_field(text, what).strip()
    if len(text) > REVIEW_COMMENT_LENGTH:
        raise Invalid(f"the {what} is {len(text):,} characters long; the limit is "
                      f"{REVIEW_COMMENT_LENGTH:,}")
    return text


def check_page(page: int, per_page: int) -> None:
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise Invalid("page numbers start at 1")
    if isinstance(per_page, bool) or not isinstance(per_page, int) \
            or not 1 <= per_page <= MAX_PER_PAGE:
        raise Invalid(f"per_page must be between 1 and {MAX_PER_PAGE}")


def _short(value: object, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise Invalid(f"the {name} filter must be text")
    value = text_field(value, f"{name} filter", multiline=False).strip()
    if len(value) > NAME_LENGTH:
        raise Invalid(f"the {name} filter is longer than {NAME_LENGTH} characters")
    return value or None


def check_filters(filters: QueueFilters | None) -> QueueFilters:
    filters = filters or QueueFilters()
    reviewed = filters.reviewed or "no"
    if reviewed not in REVIEWED_CHOICES:
        raise Invalid(f"reviewed must be one of {', '.join(REVIEWED_CHOICES)}")
    kind = _short(filters.kind, "kind")
    if kind is not None and kind not in KIND_CHOICES:
        raise Invalid(f"kind must be one of {', '.join(KIND_CHOICES)}")
    for name in ("date_from", "date_to"):
        value = getattr(filters, name)
        if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
            raise Invalid(f"{name} must be a date")
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise Invalid("the 'from' date is after the 'to' date")
    return QueueFilters(trainee=_short(filters.trainee, "trainee"),
                        persona=_short(filters.persona, "persona"),
                        level=_short(filters.level, "level"),
                        date_from=filters.date_from, date_to=filters.date_to,
                        reviewed=reviewed, kind=kind)


def filters_from_query(params: Mapping[str, str | None]) -> QueueFilters:
    """Queue filters from query-string values (dates as YYYY-MM-DD); Invalid says what is wrong."""
    def day(name: str) -> date | None:
        raw = (params.get(name) or "").strip()
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise Invalid(f"{name} must be a date like 2026-01-31; got {raw!r}") from None
    return check_filters(QueueFilters(
        trainee=params.get("trainee"), persona=params.get("persona"),
        level=params.get("level"), date_from=day("date_from"), date_to=day("date_to"),
        reviewed=(params.get("reviewed") or "no").strip(), kind=params.get("kind") or None))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def completed_review_exists() -> Any:
    return exists().where(Review.session_id == PracticeSession.id,
                          Review.completed_at.is_not(None))


# --- records from rows ---------------------------------------------------------------------

def review_records(db: Session, reviews: Sequence[tuple[Review, str]]) -> list[ReviewRecord]:
    """Records for reviews (with their reviewer names): codes and comments in two queries."""
    if not reviews:
        return []
    ids = [review.id for review, _ in reviews]
    codes: dict[int, dict[int, str]] = defaultdict(dict)
    for review_id, number, code in db.execute(
            select(ReviewCode.review_id, ReviewCode.turn_number, ReviewCode.code)
            .where(ReviewCode.review_id.in_(ids))):
        codes[review_id][number] = code
    # A deleted account's reviews are kept and shown as by a "deleted user".
    names = {review.id: (review.reviewer_id, shown_name(name)) for review, name in reviews}
    comments: dict[int, list[CommentRecord]] = defaultdict(list)
    for c in db.scalars(select(ReviewComment).where(ReviewComment.review_id.in_(ids))
                        .order_by(ReviewComment.turn_number, ReviewComment.created_at,
                                  ReviewComment.id)):
        reviewer_id, name = names[c.review_id]
        comments[c.review_id].append(CommentRecord(c.id, c.review_id, reviewer_id, name,
                                                   c.turn_number, c.text, c.created_at))
    return [ReviewRecord(
        id=r.id, session_id=r.session_id, reviewer_id=r.reviewer_id, reviewer=names[r.id][1],
        cultivating_change_talk=r.cultivating_change_talk,
        softening_sustain_talk=r.softening_sustain_talk, partnership=r.partnership,
        empathy=r.empathy, comment=r.comment, completed_at=r.completed_at,
        created_at=r.created_at, updated_at=r.updated_at, codes=dict(sorted(codes[r.id].items())),
        comments=tuple(comments[r.id])) for r, name in reviews]


class Reviews:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    # --- the queue ---------------------------------------------------------------------

    def queue(self, user: UserRecord, filters: QueueFilters | None = None, page: int = 1,
              per_page: int = 20) -> QueuePage:
        """Ended sessions the caller may review, newest (by end) first, a page at a time.

        By default only sessions nobody has completed a review of (`reviewed="no"`). One query
        for the page (owner, persona, review counts joined in) and one for the total.
        """
        check_page(page, per_page)
        filters = check_filters(filters)
        where = self._queue_conditions(user, filters)
        completed_count = (select(func.count()).select_from(Review)
                           .where(Review.session_id == PracticeSession.id,
                                  Review.completed_at.is_not(None))
                           .correlate(PracticeSession).scalar_subquery())
        mine = (select(case((Review.completed_at.is_(None), "draft"), else_="completed"))
                .where(Review.session_id == PracticeSession.id, Review.reviewer_id == user.id)
                .correlate(PracticeSession).scalar_subquery())
        query = (select(PracticeSession.id, PracticeSession.kind, PracticeSession.user_id,
                        User.name, PersonaRow.slug, PersonaRow.title, PracticeSession.title,
                        PracticeSession.level, PracticeSession.turn_count,
                        PracticeSession.started_at, PracticeSession.ended_at,
                        PracticeSession.end_reason, completed_count, mine)
                 .join(User, User.id == PracticeSession.user_id)
                 .outerjoin(PersonaVersion,
                            PersonaVersion.id == PracticeSession.persona_version_id)
                 .outerjoin(PersonaRow, PersonaRow.id == PersonaVersion.persona_id)
                 .where(*where)
                 .order_by(PracticeSession.ended_at.desc(), PracticeSession.id.desc())
                 .offset((page - 1) * per_page).limit(per_page))
        with reading(self.sessions) as db:
            total = db.scalar(select(func.count()).select_from(PracticeSession)
                              .where(*where)) or 0
            rows = db.execute(query).all()
        items = tuple(self._queue_item(row) for row in rows)
        return QueuePage(items, total, page, per_page, filters)

    @staticmethod
    def _queue_conditions(user: UserRecord, filters: QueueFilters) -> list[Any]:
        where: list[Any] = [PracticeSession.ended.is_(True), visible_sessions(user),
                            reviewable_sessions(user)]
        if filters.trainee:
            where.append(PracticeSession.user_id.in_(
                select(User.id).where(func.lower(User.name).contains(
                    filters.trainee.lower(), autoescape=True))))
        if filters.persona:
            where.append(PracticeSession.persona_version_id.in_(
                select(PersonaVersion.id).join(PersonaRow)
                .where(PersonaRow.slug == filters.persona)))
        if filters.level:
            where.append(PracticeSession.level == filters.level)
        if filters.kind:
            where.append(PracticeSession.kind == filters.kind)
        if filters.date_from:
            where.append(PracticeSession.ended_at >= _start_of(filters.date_from))
        if filters.date_to:
            where.append(PracticeSession.ended_at
                         < _start_of(filters.date_to + timedelta(days=1)))
        if filters.reviewed == "no":
            where.append(~completed_review_exists())
        elif filters.reviewed == "yes":
            where.append(completed_review_exists())
        return where

    @staticmethod
    def _queue_item(row: Row[Any]) -> QueueItem:
        (session_id, kind, owner_id, owner, slug, persona_title, title, level, turns, started,
         ended, end_reason, completed, mine) = row
        imported = kind == SessionKind.IMPORTED
        return QueueItem(
            session_id=session_id, kind=kind, trainee_id=owner_id, trainee=owner,
            scenario=None if imported else slug,
            title=(title or "Imported transcript") if imported else (persona_title or "?"),
            level=None if imported else level, turns=turns, started_at=started,
            ended_at=ended, end_reason=end_reason, completed_reviews=completed or 0,
            my_review=mine or "none")

    # --- the review page ---------------------------------------------------------------

    def review_detail(self, user: UserRecord, session_id: str) -> ReviewDetail:
        """The session, every turn (auto code, why, state before/after, reply, talk), and the
        caller's own review if they have saved one (none is created here)."""
        with reading(self.sessions) as db:
            row, header = load_header(db, user, session_id)
            imported = row.kind == SessionKind.IMPORTED
            turns = self._turn_rows(db, row.id, with_trace=imported)
            mine = db.execute(select(Review, User.name).join(User, User.id == Review.reviewer_id)
                              .where(Review.session_id == row.id,
                                     Review.reviewer_id == user.id)).first()
            review = review_records(db, [(mine[0], mine[1])])[0] if mine else None
            completed = db.scalar(select(func.count()).select_from(Review).where(
                Review.session_id == row.id, Review.completed_at.is_not(None))) or 0
        opening = client_lines(turns[0].trace.get("opening_lines")) if imported and turns else ()
        header = _with_opening(header, opening)
        trajectory = (header.feedback or {}).get("trajectory") or []
        before = state_point(trajectory[0]) if trajectory and isinstance(trajectory[0], dict) \
            else None
        records = []
        for t in turns:
            after = state_point(t.state)
            records.append(ReviewTurn(
                turn=t.number, clinician=t.clinician, auto_code=t.code,
                human_code=None if review is None else review.codes.get(t.number),
                why=t.why, segments=tuple(t.segments or ()), patient=t.patient, talk=t.talk,
                subtype=t.subtype, cue=t.cue, before=before, after=after,
                client_lines=client_lines(t.trace.get("client_lines")) if imported else (),
                comments=() if review is None else review.comments_on(t.number),
                unsure=guessed(t.confidence)))
            before = after
        return ReviewDetail(header, tuple(records), review, can_review(user, row), completed,
                            ALL_CODES)

    @staticmethod
    def _turn_rows(db: Session, session_id: str, with_trace: bool) -> list[Any]:
        columns = [Turn.number, Turn.clinician, Turn.code, Turn.why, Turn.segments,
                   Turn.patient, Turn.talk, Turn.subtype, Turn.cue, Turn.state]
        confidence = Turn.trace["confidence"].as_float()  # the whole trace only when needed
        rows = db.execute(select(*columns, Turn.trace if with_trace else Turn.id, confidence)
                          .where(Turn.session_id == session_id).order_by(Turn.number)).all()
        return [_TurnRow(*r[:10], r[10] if with_trace else {}, r[11]) for r in rows]

    # --- writes ------------------------------------------------------------------------

    def set_code(self, user: UserRecord, session_id: str, turn: int,
                 code: str) -> ReviewRecord:
        """The caller's code for one turn beside the auto code; the auto code removes it."""
        code = check_code(code)
        number = check_turn(turn)

        def write(db: Session) -> ReviewRecord:
            row = self._reviewable(db, user, session_id)
            auto = db.scalar(select(Turn.code).where(Turn.session_id == row.id,
                                                     Turn.number == number))
            if auto is None:
                raise Invalid(f"this session has no turn {number}")
            review = self._own_review(db, user, row.id)
            stored = db.get(ReviewCode, (review.id, number))
            if code == auto:
                if stored is not None:
                    db.delete(stored)
            elif stored is None:
                db.add(ReviewCode(review_id=review.id, turn_number=number, code=code))
            else:
                stored.code = code
            return self._touched(db, review, user)
        return self._write(write)

    def add_comment(self, user: UserRecord, session_id: str, turn: int | None,
                    text: str) -> CommentRecord:
        """A comment on one turn, or on the whole session (`turn` None)."""
        number = check_turn(turn, allow_none=True)
        body = check_text(text, "comment")
        if not body:
            raise Invalid("the comment is empty")

        def write(db: Session) -> CommentRecord:
            row = self._reviewable(db, user, session_id)
            if number is not None and number > row.turn_count:
                raise Invalid(f"this session has no turn {number}")
            review = self._own_review(db, user, row.id)
            count = db.scalar(select(func.count()).select_from(ReviewComment)
                              .where(ReviewComment.review_id == review.id)) or 0
            if count >= MAX_COMMENTS_PER_REVIEW:
                raise Conflict(f"a review holds at most {MAX_COMMENTS_PER_REVIEW} comments")
            comment = ReviewComment(review_id=review.id, turn_number=number, text=body,
                                    created_at=utcnow())
            db.add(comment)
            review.updated_at = utcnow()
            db.flush()
            return CommentRecord(comment.id, review.id, user.id, user.name, number, body,
                                 comment.created_at)
        return self._write(write)

    def delete_comment(self, user: UserRecord, comment_id: int) -> None:
        """Delete one of the caller's own comments (anyone else's is NotFound)."""
        if isinstance(comment_id, bool) or not isinstance(comment_id, int):
            raise NotFound("no such comment")

        def write(db: Session) -> None:
            found = db.execute(select(ReviewComment, Review)
                               .join(Review, Review.id == ReviewComment.review_id)
                               .where(ReviewComment.id == comment_id,
                                      Review.reviewer_id == user.id)).first()
            if found is None:
                raise NotFound("no such comment")
            comment, review = found
            db.delete(comment)
            review.updated_at = utcnow()
        self._write(write)

    def set_globals(self, user: UserRecord, session_id: str,
                    ratings: GlobalRatings | Mapping[str, object]) -> ReviewRecord:
        """The four MITI global ratings (1–5). A mapping may give some of them; a blank value
        (None or "") clears one; a name left out is left as it was."""
        values = self._check_ratings(ratings)

        def write(db: Session) -> ReviewRecord:
            row = self._reviewable(db, user, session_id)
            review = self._own_review(db, user, row.id)
            for name, value in values.items():
                setattr(review, name, value)
            return self._touched(db, review, user)
        return self._write(write)

    def set_overall_comment(self, user: UserRecord, session_id: str,
                            text: str | None) -> ReviewRecord:
        """The review's overall comment (blank clears it)."""
        body = check_text(text or "", "comment")

        def write(db: Session) -> ReviewRecord:
            row = self._reviewable(db, user, session_id)
            review = self._own_review(db, user, row.id)
            review.comment = body or None
            return self._touched(db, review, user)
        return self._write(write)

    def complete(self, user: UserRecord, session_id: str) -> ReviewRecord:
        """Mark the caller's review complete (the trainee then sees it). Needs the four global
        ratings. Completing twice keeps the first time. A completed review still takes edits."""

        def write(db: Session) -> ReviewRecord:
            row = self._reviewable(db, user, session_id)
            review = self._own_review(db, user, row.id)
            missing = [name for name in GLOBAL_FIELDS if getattr(review, name) is None]
            if missing:
                raise Invalid("rate " + ", ".join(name.replace("_", " ") for name in missing)
                              + " before completing the review")
            if review.completed_at is None:
                review.completed_at = utcnow()
            return self._touched(db, review, user)
        return self._write(write)

    # --- the trainee's report ----------------------------------------------------------

    def reviewed_report(self, user: UserRecord, session_id: str) -> ReviewedReport:
        """Every completed review of the session, as the trainee sees it: ratings with their
        verdicts, comments by turn, human codes beside the auto codes, and each reviewer's MITI
        summary recomputed with their codes."""
        with reading(self.sessions) as db:
            row, header = load_header(db, user, session_id)
            imported = row.kind == SessionKind.IMPORTED
            turns = self._turn_rows(db, row.id, with_trace=imported)
            done = db.execute(select(Review, User.name)
                              .join(User, User.id == Review.reviewer_id)
                              .where(Review.session_id == row.id,
                                     Review.completed_at.is_not(None))
                              .order_by(Review.completed_at, Review.id)).all()
            reviews = review_records(db, [(r, name) for r, name in done])
        opening = client_lines(turns[0].trace.get("opening_lines")) if imported and turns else ()
        header = _with_opening(header, opening)
        talk = talk_labels(header.feedback, [t.talk for t in turns])
        auto = summarize([t.code for t in turns], talk)
        report_turns = tuple(ReportTurn(
            turn=t.number, clinician=t.clinician, auto_code=t.code, why=t.why,
            patient=t.patient, talk=t.talk,
            human_codes=tuple(HumanCode(r.reviewer, r.codes[t.number]) for r in reviews
                              if t.number in r.codes),
            comments=tuple(c for r in reviews for c in r.comments_on(t.number)))
            for t in turns)
        completed = []
        for review in reviews:
            miti = summarize([review.codes.get(t.number, t.code) for t in turns], talk)
            ratings = review.ratings
            completed.append(CompletedReview(
                review=review, miti=miti, miti_text=tuple(describe(miti)),
                globals_text=tuple(describe_globals(ratings)) if ratings else ()))
        return ReviewedReport(header, report_turns, tuple(completed), auto)

    # --- agreement ---------------------------------------------------------------------

    def agreement(self, user: UserRecord, reviewer: str | None = None,
                  implicit_confirmation: bool = True) -> AgreementReport:
        """Auto vs human codes: observed agreement, Cohen's κ and the confusion table, overall
        and per reviewer.

        Whose reviews: an admin's call covers every review (or one `reviewer`, by name);
        anyone else's covers their own reviews only (naming another reviewer is NotFound).

        Which turns (MITI's convention, `implicit_confirmation=True`): every turn with a human
        code counts, as a disagreement by construction (a human code equal to the auto code is
        not stored); and in a COMPLETED review every turn the reviewer left alone counts as an
        agreement — completing a review confirms every line it did not change. Lines of an
        unfinished review that were not changed are not counted (the reviewer may not have
        read them yet). With `implicit_confirmation=False` only the changed lines count, so
        the figures describe the overrides alone (agreement 0 by construction).

        One query counts the pairs per (reviewer, auto code, human code) cell in the database,
        so memory and transfer stay small however many turns were reviewed.
        """
        if reviewer is not None and (not isinstance(reviewer, str) or not reviewer.strip()):
            raise Invalid("name a reviewer or leave it out")
        human = func.coalesce(ReviewCode.code, Turn.code)
        query = (select(User.name, Turn.code, human, func.count())
                 .select_from(Review)
                 .join(User, User.id == Review.reviewer_id)
                 .join(Turn, Turn.session_id == Review.session_id)
                 .outerjoin(ReviewCode, (ReviewCode.review_id == Review.id)
                            & (ReviewCode.turn_number == Turn.number)))
        if implicit_confirmation:
            query = query.where(ReviewCode.code.is_not(None) | Review.completed_at.is_not(None))
        else:
            query = query.where(ReviewCode.code.is_not(None))
        count = select(func.count()).select_from(Review).join(User,
                                                              User.id == Review.reviewer_id)
        if user.role != Role.ADMIN:
            if reviewer is not None and reviewer.strip() != user.name:
                raise NotFound(f"no reviews by '{reviewer.strip()}' that you may see")
            query = query.where(Review.reviewer_id == user.id)
            count = count.where(Review.reviewer_id == user.id)
        elif reviewer is not None:
            query = query.where(User.name == reviewer.strip())
            count = count.where(User.name == reviewer.strip())
        if not implicit_confirmation:
            count = count.where(exists().where(ReviewCode.review_id == Review.id))
        with reading(self.sessions) as db:
            reviews = db.scalar(count) or 0
            cells = db.execute(query.group_by(User.name, Turn.code, human)
                               .order_by(User.name, Turn.code, human)).all()
        overall, groups = code_agreement_by_group(
            (name, auto, code) for name, auto, code, n in cells for _ in range(n))
        return AgreementReport(overall, groups, reviews, implicit_confirmation)

    # --- helpers -----------------------------------------------------------------------

    def _write(self, write: Callable[[Session], T]) -> T:
        """Run `write` in one write transaction; a lost race creating the same review (two
        first saves at once, on PostgreSQL) is retried once."""
        for attempt in (1, 2):
            try:
                with writing(self.sessions) as db:
                    return write(db)
            except IntegrityError:
                if attempt == 2:
                    raise Conflict("the review changed at the same time; try again") from None
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _reviewable(db: Session, user: UserRecord, session_id: str) -> PracticeSession:
        row = load_visible(db, user, session_id)
        if not can_review(user, row):
            raise Forbidden(NOT_REVIEWABLE)
        if not row.ended:
            raise Conflict(STILL_RUNNING)
        return row

    @staticmethod
    def _own_review(db: Session, user: UserRecord, session_id: str) -> Review:
        review = db.scalar(select(Review).where(Review.session_id == session_id,
                                                Review.reviewer_id == user.id))
        if review is None:
            now = utcnow()
            review = Review(session_id=session_id, reviewer_id=user.id, created_at=now,
                            updated_at=now)
            db.add(review)
            db.flush()
        return review

    @staticmethod
    def _touched(db: Session, review: Review, user: UserRecord) -> ReviewRecord:
        review.updated_at = utcnow()
        db.flush()
        return review_records(db, [(review, user.name)])[0]

    @staticmethod
    def _check_ratings(ratings: GlobalRatings | Mapping[str, object]) -> dict[str, int | None]:
        if isinstance(ratings, GlobalRatings):
            return {name: getattr(ratings, name) for name in GLOBAL_FIELDS}
        if not isinstance(ratings, Mapping):
            raise Invalid("give the ratings as GlobalRatings or a mapping of names to 1–5")
        unknown = sorted(str(k) for k in ratings if k not in GLOBAL_FIELDS)
        if unknown:
            raise Invalid(f"unknown rating {', '.join(unknown)}; ratings: "
                          f"{', '.join(GLOBAL_FIELDS)}")
        values: dict[str, int | None] = {}
        for name in GLOBAL_FIELDS:
            if name not in ratings:
                continue
            raw = ratings[name]
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                values[name] = None
                continue
            try:
                checked = GlobalRatings.from_mapping({n: raw if n == name else 3
                                                      for n in GLOBAL_FIELDS})
            except ValueError as exc:
                raise Invalid(str(exc)) from None
            values[name] = getattr(checked, name)
        return values


class _TurnRow:
    """The columns of a turn the review pages read."""

    __slots__ = ("clinician", "code", "confidence", "cue", "number", "patient", "segments",
                 "state", "subtype", "talk", "trace", "why")

    def __init__(self, number: int, clinician: str, code: str, why: str, segments: Any,
                 patient: str, talk: str, subtype: str | None, cue: str | None,
                 state: dict[str, Any] | None, trace: dict[str, Any] | None,
                 confidence: float | None = None) -> None:
        self.number, self.clinician, self.code, self.why = number, clinician, code, why
        self.segments, self.patient, self.talk, self.subtype = segments, patient, talk, subtype
        self.cue, self.state, self.trace = cue, state or {}, trace or {}
        self.confidence = confidence


def _with_opening(header: ReviewSession,
                  opening: tuple[ClientLineRecord, ...]) -> ReviewSession:
    return header if not opening else replace(header, opening_lines=opening)
