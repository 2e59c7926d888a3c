"""Supervisor reviews: the queue, the review page, human codes, comments, global ratings,
completion, the trainee's reviewed report and auto/human agreement — on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event, func, select
from supervision_helpers import T0, World, add_session, build_world

from mi_sim.scoring.globals import GlobalRatings
from mi_sim.scoring.miti import Level
from mi_sim.services import Conflict, Invalid, Services
from mi_sim.services.records import QueueFilters
from mi_sim.services.reviews import filters_from_query
from mi_sim.storage.db import reading
from mi_sim.storage.models import Review, ReviewCode, Turn

pytest_plugins = ("storage_fixtures",)

CODES_4 = [("question_open", "neutral"), ("reflection_simple", "sustain"),
           ("question_closed", "neutral"), ("affirm", "change")]


@pytest.fixture
def world(synced: Services) -> World:
    return build_world(synced)


def count(services: Services, model: type[Any], *where: Any) -> int:
    with reading(services.sessions) as db:
        return db.scalar(select(func.count()).select_from(model).where(*where)) or 0


@contextmanager
def selects(services: Services) -> Iterator[list[str]]:
    seen: list[str] = []

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)
    event.listen(services.engine, "before_cursor_execute", on_execute)
    try:
        yield seen
    finally:
        event.remove(services.engine, "before_cursor_execute", on_execute)


# --- the queue -----------------------------------------------------------------------------


def test_the_queue_lists_ended_unreviewed_sessions_newest_first_a_page_at_a_time(
        synced: Services, world: World) -> None:
    ids = [add_session(synced, world.amy, ended_at=T0 + timedelta(hours=h)) for h in range(5)]
    add_session(synced, world.amy, ended=False)
    first = synced.reviews.queue(world.sam, page=1, per_page=2)
    assert (first.total, first.pages, first.has_next, first.has_previous) == (5, 3, True, False)
    assert [i.session_id for i in first.items] == [ids[4], ids[3]]
    last = synced.reviews.queue(world.sam, page=3, per_page=2)
    assert [i.session_id for i in last.items] == [ids[0]] and not last.has_next
    item = first.items[0]
    assert (item.trainee, item.scenario, item.level, item.turns, item.kind) == (
        "amy", "panic-disorder", "gentle", 5, "practice")
    assert item.my_review == "none" and item.completed_reviews == 0
    assert item.title and not item.imported


def test_the_queue_is_one_query_and_one_count_however_many_rows(
        synced: Services, world: World) -> None:
    for hour in range(12):
        add_session(synced, world.amy if hour % 2 else world.abe,
                    ended_at=T0 + timedelta(hours=hour))
    synced.reviews.set_code(world.sam, synced.reviews.queue(world.sam).items[0].session_id, 1,
                            "confront")
    with selects(synced) as seen:
        page = synced.reviews.queue(world.sam, QueueFilters(reviewed="any"), per_page=50)
    assert len(page.items) == 12
    assert len(seen) == 2


def test_the_queue_filters_by_trainee_persona_level_date_kind_and_review(
        synced: Services, world: World) -> None:
    amy_gentle = add_session(synced, world.amy, ended_at=T0)
    amy_hard = add_session(synced, world.amy, level="hard", ended_at=T0 + timedelta(days=2))
    abe_health = add_session(synced, world.abe, slug="health-anxiety",
                             ended_at=T0 + timedelta(days=4))
    imported = synced.imports.import_transcript(
        world.sam, "T: How are you?\nC: Tired.\n", title="Role-play").session_id
    queue = synced.reviews.queue

    def ids(**filters: Any) -> set[str]:
        return {i.session_id for i in queue(world.sam, QueueFilters(**filters)).items}

    assert ids() == {amy_gentle, amy_hard, abe_health, imported}
    assert ids(trainee="AMY") == {amy_gentle, amy_hard}
    assert ids(trainee="am") == {amy_gentle, amy_hard, imported}  # part of "sam" too
    assert ids(trainee="%") == set()  # wildcards are text
    assert ids(persona="health-anxiety") == {abe_health}
    assert ids(level="hard") == {amy_hard}
    assert ids(kind="imported") == {imported}
    assert ids(kind="practice") == {amy_gentle, amy_hard, abe_health}
    day = T0.date()
    assert ids(date_from=day, date_to=day) == {amy_gentle}
    assert ids(date_from=day + timedelta(days=1), date_to=day + timedelta(days=4)) == {
        amy_hard, abe_health}

    synced.reviews.set_globals(world.admin, amy_hard, GlobalRatings(3, 3, 3, 3))
    synced.reviews.set_code(world.sam, amy_gentle, 1, "other")  # a draft is not "reviewed"
    assert amy_hard in ids() and amy_gentle in ids()  # drafts are not reviews yet
    synced.reviews.complete(world.admin, amy_hard)
    assert ids(reviewed="yes") == {amy_hard}
    assert ids(reviewed="no") == {amy_gentle, abe_health, imported}
    mine = {i.session_id: i.my_review for i in queue(world.sam,
                                                     QueueFilters(reviewed="any")).items}
    assert mine[amy_gentle] == "draft" and mine[amy_hard] == "none"
    done = next(i for i in queue(world.sam, QueueFilters(reviewed="yes")).items)
    assert done.completed_reviews == 1
    imported_item = next(i for i in queue(world.sam, QueueFilters(kind="imported")).items)
    assert imported_item.title == "Role-play" and imported_item.scenario is None
    assert imported_item.level is None and imported_item.trainee == "sam"


@pytest.mark.parametrize(("filters", "page", "per_page", "message"), [
    (QueueFilters(reviewed="maybe"), 1, 20, "reviewed must be one of"),
    (QueueFilters(kind="dream"), 1, 20, "kind must be one of"),
    (QueueFilters(date_from=date(2026, 2, 2), date_to=date(2026, 2, 1)), 1, 20, "after"),
    (QueueFilters(trainee="x" * 65), 1, 20, "longer than"),
    (None, 0, 20, "page numbers start at 1"),
    (None, 1, 101, "per_page"),
])
def test_bad_queue_filters_and_pages_are_invalid_with_a_reason(
        synced: Services, world: World, filters: QueueFilters | None, page: int,
        per_page: int, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        synced.reviews.queue(world.sam, filters, page, per_page)


def test_queue_filters_come_from_query_strings_and_go_back_into_links() -> None:
    filters = filters_from_query({"trainee": " amy ", "date_from": "2026-03-01",
                                  "reviewed": "any", "kind": ""})
    assert filters == QueueFilters(trainee="amy", date_from=date(2026, 3, 1), reviewed="any")
    assert filters.to_query() == {"trainee": "amy", "date_from": "2026-03-01",
                                  "reviewed": "any"}
    with pytest.raises(Invalid, match="date_to must be a date"):
        filters_from_query({"date_to": "yesterday"})


# --- the review page -----------------------------------------------------------------------


def test_the_review_page_shows_every_turn_with_its_code_why_and_state_change_and_saves_nothing(
        synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy, turns=CODES_4)
    detail = synced.reviews.review_detail(world.sam, sid)
    assert [t.auto_code for t in detail.turns] == [c for c, _ in CODES_4]
    assert [t.talk for t in detail.turns] == [t for _, t in CODES_4]
    first, second = detail.turns[0], detail.turns[1]
    assert first.why == "why 1" and first.patient == "Reply 1." and first.segments
    assert first.before is not None and first.after is not None
    assert (first.before.rapport, first.after.rapport) == (0.4, 0.45)
    assert first.delta("rapport") == 0.05 and first.delta("readiness") == 0.025
    assert second.before == first.after
    assert first.human_code is None and first.code == "question_open" and not first.overridden
    assert detail.review is None and detail.can_review and detail.completed_reviews == 0
    assert detail.session.trainee == "amy" and detail.session.scenario == "panic-disorder"
    assert "confront" in detail.codes
    assert count(synced, Review) == 0


def test_an_override_sits_beside_the_auto_code_and_setting_the_auto_code_removes_it(
        synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy, turns=CODES_4)
    review = synced.reviews.set_code(world.sam, sid, 2, "reflection_complex")
    assert review.codes == {2: "reflection_complex"} and review.reviewer == "sam"
    again = synced.reviews.set_code(world.sam, sid, 2, "reflection_complex")  # idempotent
    assert again.codes == {2: "reflection_complex"} and again.id == review.id
    turn = synced.reviews.review_detail(world.sam, sid).turns[1]
    assert (turn.auto_code, turn.human_code, turn.code) == (
        "reflection_simple", "reflection_complex", "reflection_complex")
    with reading(synced.sessions) as db:
        assert db.scalar(select(Turn.code).where(Turn.session_id == sid,
                                                 Turn.number == 2)) == "reflection_simple"
    # another reviewer's page does not show sam's code
    assert synced.reviews.review_detail(world.admin, sid).turns[1].human_code is None
    cleared = synced.reviews.set_code(world.sam, sid, 2, "reflection_simple")
    assert cleared.codes == {} and count(synced, ReviewCode) == 0


def test_a_code_must_be_in_the_vocabulary_and_the_turn_must_exist(
        synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy, turns=CODES_4)
    with pytest.raises(Invalid, match="unknown code"):
        synced.reviews.set_code(world.sam, sid, 1, "shouting")
    with pytest.raises(Invalid, match="no turn 5"):
        synced.reviews.set_code(world.sam, sid, 5, "affirm")
    with pytest.raises(Invalid, match="whole number"):
        synced.reviews.set_code(world.sam, sid, 0, "affirm")
    assert count(synced, Review) == 0


def test_a_running_session_cannot_be_reviewed_yet(synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy, ended=False)
    assert synced.reviews.review_detail(world.sam, sid).turns  # it can be read
    with pytest.raises(Conflict, match="still running"):
        synced.reviews.set_code(world.sam, sid, 1, "affirm")
    with pytest.raises(Conflict):
        synced.reviews.add_comment(world.sam, sid, None, "Too early.")


def test_comments_go_on_a_line_or_the_whole_session_and_can_be_deleted_by_their_author(
        synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy, turns=CODES_4)
    on_line = synced.reviews.add_comment(world.sam, sid, 2, "  A simple reflection; go deeper. ")
    overall = synced.reviews.add_comment(world.sam, sid, None, "Warm start.")
    assert on_line.text == "A simple reflection; go deeper." and on_line.turn == 2
    detail = synced.reviews.review_detail(world.sam, sid)
    assert [c.text for c in detail.turns[1].comments] == ["A simple reflection; go deeper."]
    assert [c.id for c in detail.session_comments] == [overall.id]
    synced.reviews.delete_comment(world.sam, on_line.id)
    assert synced.reviews.review_detail(world.sam, sid).turns[1].comments == ()


@pytest.mark.parametrize(("turn", "text", "message"), [
    (1, "", "empty"), (1, "   ", "empty"), (1, "x" * 2001, "limit is 2,000"),
    (9, "On a missing line.", "no turn 9"), ("two", "Hm.", "whole number"),
    (1, "Good\x00", "NUL character"), (1, "\u200b\x00", "empty"),
    (None, "bell\x07", "control character")])
def test_a_bad_comment_is_invalid_and_stores_nothing(
        synced: Services, world: World, turn: Any, text: str, message: str) -> None:
    sid = add_session(synced, world.amy, turns=CODES_4)
    with pytest.raises(Invalid, match=message):
        synced.reviews.add_comment(world.sam, sid, turn, text)
    assert count(synced, Review) == 0


def test_a_comment_of_exactly_2000_characters_is_kept(synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy, turns=CODES_4)
    assert len(synced.reviews.add_comment(world.sam, sid, 1, "y" * 2000).text) == 2000


def test_global_ratings_are_whole_numbers_from_1_to_5_and_can_be_given_one_at_a_time(
        synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy, turns=CODES_4)
    review = synced.reviews.set_globals(world.sam, sid, {"empathy": "4"})
    assert review.empathy == 4 and review.partnership is None and review.ratings is None
    review = synced.reviews.set_globals(world.sam, sid, {"partnership": 5,
                                                         "cultivating_change_talk": 3})
    assert (review.empathy, review.partnership, review.cultivating_change_talk) == (4, 5, 3)
    for bad, message in (({"empathy": 6}, "from 1 to 5"), ({"empathy": "x"}, "whole number"),
                         ({"empathy": 2.5}, "whole number"), ({"warmth": 3}, "unknown rating"),
                         ({"empathy": True}, "whole number")):
        with pytest.raises(Invalid, match=message):
            synced.reviews.set_globals(world.sam, sid, bad)
    review = synced.reviews.set_globals(world.sam, sid, {"empathy": None})
    assert review.empathy is None
    review = synced.reviews.set_globals(world.sam, sid, GlobalRatings(4, 3, 4, 3))
    ratings = review.ratings
    assert ratings is not None
    assert (ratings.relational, ratings.relational_level) == (3.5, Level.FAIR)
    assert (ratings.technical, ratings.technical_level) == (3.5, Level.FAIR)


def test_completing_needs_the_four_ratings_keeps_its_first_time_and_allows_later_edits(
        synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy, turns=CODES_4)
    synced.reviews.set_globals(world.sam, sid, {"empathy": 4, "partnership": 4})
    with pytest.raises(Invalid, match="cultivating change talk, softening sustain talk"):
        synced.reviews.complete(world.sam, sid)
    synced.reviews.set_globals(world.sam, sid, GlobalRatings(4, 4, 4, 4))
    done = synced.reviews.complete(world.sam, sid)
    assert done.completed and done.status == "completed"
    assert synced.reviews.complete(world.sam, sid).completed_at == done.completed_at
    later = synced.reviews.set_overall_comment(world.sam, sid, "Well done overall.")
    assert later.completed_at == done.completed_at and later.comment == "Well done overall."
    with pytest.raises(Invalid, match="limit"):
        synced.reviews.set_overall_comment(world.sam, sid, "z" * 2001)
    assert count(synced, Review) == 1


# --- the trainee's report ------------------------------------------------------------------


def test_the_trainee_sees_completed_reviews_with_comments_codes_and_recomputed_scores(
        synced: Services, world: World) -> None:
    turns = [("question_open", "neutral"), ("reflection_simple", "sustain"),
             ("reflection_complex", "change"), ("question_closed", "neutral"),
             ("affirm", "change")]
    sid = add_session(synced, world.amy, turns=turns)
    reviews = synced.reviews
    reviews.set_code(world.sam, sid, 4, "reflection_complex")
    reviews.add_comment(world.sam, sid, 4, "That was a reflection, not a question.")
    reviews.add_comment(world.sam, sid, None, "Good work.")
    reviews.set_globals(world.sam, sid, GlobalRatings(4, 3, 5, 4))
    # a draft by another reviewer stays private until completed
    reviews.set_code(world.admin, sid, 1, "other")
    reviews.add_comment(world.admin, sid, 1, "Draft thought.")

    assert not reviews.reviewed_report(world.amy, sid).reviewed
    reviews.complete(world.sam, sid)
    report = reviews.reviewed_report(world.amy, sid)
    assert report.reviewed and [r.reviewer for r in report.reviews] == ["sam"]
    fourth = report.turns[3]
    assert fourth.auto_code == "question_closed"
    assert [(h.reviewer, h.code) for h in fourth.human_codes] == [("sam", "reflection_complex")]
    assert [c.text for c in fourth.comments] == ["That was a reflection, not a question."]
    assert report.turns[0].human_codes == () and report.turns[0].comments == ()
    assert report.auto_miti.r_to_q == 1.0
    review = report.reviews[0]
    assert review.miti.r_to_q == 3.0 and review.miti.pct_complex == pytest.approx(2 / 3)
    assert review.miti.change_talk == 2 and review.miti.sustain_talk == 1
    assert review.ratings is not None and review.ratings.relational == 4.5
    assert review.ratings.relational_level == Level.GOOD
    assert review.ratings.technical_level == Level.FAIR
    assert any("Relational" in line for line in review.globals_text)
    assert review.miti_text
    assert [c.text for c in review.review.session_comments] == ["Good work."]


# --- agreement -----------------------------------------------------------------------------


def test_agreement_counts_untouched_lines_of_completed_reviews_as_agreement(
        synced: Services, world: World) -> None:
    """Hand-built: sam completes a review of a 4-turn session changing one code; the admin
    changes one code of another session and does not complete. Pairs (auto, human):
    sam:   (qo,qo) (rs,rc) (qc,qc) (af,af)  → p_o = 3/4, p_e = 3/16, κ = 9/13
    admin: (qo,qc) only (unfinished: untouched lines are not counted)
    all:   p_o = 3/5, p_e = (1·2 + 2·1 + 1·1)/25 = 1/5, κ = 1/2
    """
    one = add_session(synced, world.amy, turns=CODES_4)
    two = add_session(synced, world.abe, turns=CODES_4)
    reviews = synced.reviews
    reviews.set_code(world.sam, one, 2, "reflection_complex")
    reviews.set_globals(world.sam, one, GlobalRatings(3, 3, 3, 3))
    reviews.complete(world.sam, one)
    reviews.set_code(world.admin, two, 1, "question_closed")

    mine = reviews.agreement(world.sam)
    assert mine.implicit_confirmation and mine.reviews == 1
    assert mine.overall.n == 4 and mine.overall.observed == 0.75
    assert mine.overall.kappa == pytest.approx(9 / 13)
    assert mine.overall.confusion.cell("reflection_complex", "reflection_simple") == 1

    everyone = reviews.agreement(world.admin)
    assert everyone.overall.n == 5 and everyone.reviews == 2
    assert everyone.overall.kappa == pytest.approx(0.5)
    assert everyone.by_reviewer["sam"].kappa == pytest.approx(9 / 13)
    assert everyone.by_reviewer["ada"].n == 1 and everyone.by_reviewer["ada"].observed == 0.0

    explicit = reviews.agreement(world.admin, implicit_confirmation=False)
    assert explicit.overall.n == 2 and explicit.overall.observed == 0.0
    assert not explicit.implicit_confirmation


def test_agreement_with_no_reviews_has_no_pairs_and_says_so(
        synced: Services, world: World) -> None:
    result = synced.reviews.agreement(world.sam)
    assert result.overall.n == 0 and result.overall.kappa is None and result.by_reviewer == {}
    assert "no pairs" in result.overall.interpretation
