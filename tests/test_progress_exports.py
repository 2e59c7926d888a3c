"""Progress across sessions (a trainee's series, a cohort's overview) and the exports (session
CSV and JSON, the streamed cohort CSV) — on both databases."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from supervision_helpers import T0, World, add_session, build_world

from mi_sim.scoring.globals import GlobalRatings
from mi_sim.services import Invalid, NotFound, Services
from mi_sim.services import exports as exports_module
from mi_sim.services.exports import CSV_COLUMNS
from mi_sim.storage.db import writing
from mi_sim.storage.models import Turn

pytest_plugins = ("storage_fixtures",)

# R:Q 1.0, 50% complex, 1 adherent; R:Q 2.0, 100% complex, 1 non-adherent; no questions
GOOD = [("question_open", "neutral"), ("reflection_simple", "sustain"),
        ("reflection_complex", "change"), ("question_closed", "neutral"), ("affirm", "change")]
BETTER = [("question_open", "neutral"), ("reflection_complex", "change"),
          ("reflection_complex", "change"), ("persuade", "sustain")]
NO_QUESTIONS = [("reflection_simple", "neutral"), ("affirm", "change")]


@pytest.fixture
def world(synced: Services) -> World:
    return build_world(synced)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- progress ------------------------------------------------------------------------------


def test_a_trainees_progress_is_their_ended_practice_sessions_oldest_first(
        synced: Services, world: World) -> None:
    first = add_session(synced, world.amy, turns=GOOD, ended_at=T0)
    second = add_session(synced, world.amy, turns=BETTER, ended_at=T0 + timedelta(days=1))
    third = add_session(synced, world.amy, turns=NO_QUESTIONS, ended_at=T0 + timedelta(days=2))
    add_session(synced, world.amy, ended=False)
    add_session(synced, world.abe, ended_at=T0)
    progress = synced.progress.trainee_progress(world.sam, world.amy.id)
    assert progress.trainee == "amy"
    assert [s.session_id for s in progress.samples] == [first, second, third]
    one, two, three = progress.samples
    assert (one.r_to_q, one.pct_complex, one.adherent, one.non_adherent) == (1.0, 0.5, 1, 0)
    assert (two.r_to_q, two.pct_complex, two.adherent, two.non_adherent) == (2.0, 1.0, 0, 1)
    assert three.r_to_q is None and three.pct_complex == 0.0
    assert one.readiness == pytest.approx(0.5 * (0.2 + 0.05 * 5))   # final importance × confidence
    assert two.readiness == pytest.approx(0.5 * (0.2 + 0.05 * 4))
    assert one.turns == 5 and one.title and one.kind == "practice"
    assert progress.series("r_to_q") == [1.0, 2.0, None]
    limited = synced.progress.trainee_progress(world.amy, world.amy.id, limit=2)
    assert [s.session_id for s in limited.samples] == [second, third]
    with pytest.raises(Invalid):
        synced.progress.trainee_progress(world.amy, world.amy.id, limit=0)


def test_the_cohort_overview_has_counts_last_date_last_five_means_and_reviews(
        synced: Services, world: World) -> None:
    # amy: one old BETTER session, then five GOOD ones: the means cover the five GOOD ones
    add_session(synced, world.amy, turns=BETTER, ended_at=T0)
    latest = ""
    for day in range(1, 6):
        latest = add_session(synced, world.amy, turns=GOOD, ended_at=T0 + timedelta(days=day))
    add_session(synced, world.bea, ended_at=T0)  # cohort B: not in A's overview
    synced.reviews.set_globals(world.sam, latest, GlobalRatings(3, 3, 3, 3))
    synced.reviews.complete(world.sam, latest)

    overview = synced.progress.cohort_overview(world.sam, world.cohort_a)
    assert overview.name == "Cohort A"
    abe, amy = overview.rows
    assert (abe.trainee, abe.sessions, abe.last_session_at, abe.mean_r_to_q, abe.reviewed) == (
        "abe", 0, None, None, 0)
    assert (amy.trainee, amy.sessions, amy.reviewed) == ("amy", 6, 1)
    assert amy.mean_r_to_q == 1.0 and amy.mean_pct_complex == 0.5
    assert amy.last_session_at == T0 + timedelta(days=5) - timedelta(minutes=20)


def test_an_unknown_trainee_or_cohort_is_not_found(synced: Services, world: World) -> None:
    with pytest.raises(NotFound):
        synced.progress.trainee_progress(world.admin, 9999)
    with pytest.raises(NotFound):
        synced.progress.cohort_overview(world.admin, 9999)


# --- exports -------------------------------------------------------------------------------


def test_the_session_csv_has_one_row_per_turn_with_auto_and_human_codes_and_state(
        synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy, turns=GOOD)
    synced.reviews.set_code(world.sam, sid, 4, "reflection_simple")
    text = synced.exports.session_csv(world.sam, sid)
    assert text.splitlines()[0].split(",") == list(CSV_COLUMNS)
    table = rows(text)
    assert len(table) == 5
    fourth = table[3]
    assert (fourth["session_id"], fourth["trainee"], fourth["persona"], fourth["level"]) == (
        sid, "amy", "panic-disorder", "gentle")
    assert (fourth["turn"], fourth["auto_code"], fourth["human_codes"]) == (
        "4", "question_closed", "sam: reflection_simple")
    assert (fourth["rapport"], fourth["discord"], fourth["readiness"]) == (
        "0.600", "0.200", "0.200")
    assert fourth["clinician"] == "Line 4 of the clinician." and fourth["patient"] == "Reply 4."
    # the trainee does not see sam's draft code; they see it once it is completed
    assert rows(synced.exports.session_csv(world.amy, sid))[3]["human_codes"] == ""
    synced.reviews.set_globals(world.sam, sid, GlobalRatings(3, 3, 3, 3))
    synced.reviews.complete(world.sam, sid)
    assert rows(synced.exports.session_csv(world.amy, sid))[3]["human_codes"] == (
        "sam: reflection_simple")


def test_spreadsheet_formulas_in_transcript_text_are_defused(
        synced: Services, world: World) -> None:
    sid = synced.imports.import_transcript(
        world.sam, "T: =HYPERLINK(\"http://x\")\nC: +1 for that\n").session_id
    row = rows(synced.exports.session_csv(world.sam, sid))[0]
    assert row["clinician"] == "'=HYPERLINK(\"http://x\")" and row["patient"] == "'+1 for that"
    assert row["kind"] == "imported" and row["rapport"] == "" and row["level"] == ""


def test_the_session_json_holds_the_session_states_turns_without_traces_and_reviews(
        synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy, turns=GOOD)
    synced.reviews.set_code(world.sam, sid, 2, "reflection_complex")
    synced.reviews.add_comment(world.sam, sid, 2, "Deeper than it looks.")
    synced.reviews.set_globals(world.sam, sid, GlobalRatings(4, 4, 4, 4))
    synced.reviews.complete(world.sam, sid)
    synced.reviews.set_code(world.admin, sid, 1, "other")  # a draft: only the admin sees it
    data = synced.exports.session_json(world.amy, sid)
    json.dumps(data)  # JSON-ready
    assert set(data) == {"format", "version", "session", "feedback", "turns", "reviews"}
    assert data["session"]["id"] == sid and data["session"]["trainee"] == "amy"
    assert data["session"]["persona"] == "panic-disorder" and data["session"]["level"] == "gentle"
    assert data["feedback"]["miti"]["r_to_q"] == 1.0
    turn = data["turns"][1]
    assert "trace" not in turn and turn["state"]["rapport"] == 0.5
    assert turn["summary"] == {"rapport": 0.5, "discord": 0.2, "readiness": 0.15}
    assert len(data["reviews"]) == 1
    review = data["reviews"][0]
    assert review["reviewer"] == "sam" and review["status"] == "completed"
    assert review["globals"]["relational"] == 4.0 and review["globals"]["technical_level"]
    assert review["codes"] == [{"turn": 2, "auto": "reflection_simple",
                                "human": "reflection_complex"}]
    assert review["comments"][0]["text"] == "Deeper than it looks."
    assert len(synced.exports.session_json(world.admin, sid)["reviews"]) == 2


def test_the_cohort_csv_streams_in_chunks_and_holds_only_that_cohorts_visible_sessions(
        synced: Services, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports_module, "SESSION_BATCH", 2)
    monkeypatch.setattr(exports_module, "TURN_BATCH", 3)
    amy = [add_session(synced, world.amy, turns=GOOD) for _ in range(3)]
    abe = [add_session(synced, world.abe, turns=BETTER) for _ in range(2)]
    bea = add_session(synced, world.bea, turns=GOOD)
    synced.reviews.set_code(world.sam, amy[0], 1, "other")

    stream = synced.exports.cohort_csv(world.sam, world.cohort_a)
    assert isinstance(stream, Iterator)
    chunks = list(stream)
    assert len(chunks) > 5 and chunks[0].startswith("session_id,")
    assert all(len(rows(chunks[0] + chunk)) <= 3 for chunk in chunks[1:])
    table = rows("".join(chunks))
    assert len(table) == 3 * len(GOOD) + 2 * len(BETTER)
    keys = [(r["session_id"], int(r["turn"])) for r in table]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert {r["session_id"] for r in table} == {*amy, *abe} and bea not in "".join(chunks)
    assert {r["human_codes"] for r in table if r["session_id"] == amy[0]
            and r["turn"] == "1"} == {"sam: other"}


def test_the_cohort_csv_is_checked_before_streaming_and_empty_cohorts_give_a_header(
        synced: Services, world: World) -> None:
    with pytest.raises(NotFound):
        synced.exports.cohort_csv(world.sue, world.cohort_a)
    assert "".join(synced.exports.cohort_csv(world.sue, world.cohort_b)).strip() == (
        ",".join(CSV_COLUMNS))


def test_the_cohort_csv_rows_are_exactly_the_session_csv_rows(
        synced: Services, world: World) -> None:
    awkward = [("question_open", "neutral"), ("confront", "sustain")]
    sid = add_session(synced, world.amy, turns=awkward)
    running = add_session(synced, world.abe, turns=awkward, ended=False)
    synced.reviews.set_code(world.sam, sid, 2, "persuade")
    synced.reviews.set_code(world.admin, sid, 2, "other")
    with writing(synced.sessions) as db:  # text that needs quoting and defusing
        turn = db.query(Turn).filter_by(session_id=sid, number=1).one()
        turn.clinician, turn.patient = '=1+1, "really"\nnext line', "-no, never"
        turn.why = 'plain "quoted" why'
    for caller in (world.sam, world.admin):
        cohort = "".join(synced.exports.cohort_csv(caller, world.cohort_a))
        for session in (sid, running):
            single = synced.exports.session_csv(caller, session)
            assert [r for r in rows(cohort) if r["session_id"] == session] == rows(single)
        # byte for byte, too
        assert synced.exports.session_csv(caller, sid).split("\r\n", 1)[1] in cohort
    first = rows(synced.exports.session_csv(world.admin, sid))[0]
    assert first["clinician"] == "'=1+1, \"really\"\nnext line"
    assert first["patient"] == "'-no, never"
    # drafts are their author's own: each sees theirs until a review is completed
    assert rows(synced.exports.session_csv(world.admin, sid))[1]["human_codes"] == "ada: other"
    synced.reviews.set_globals(world.sam, sid, GlobalRatings(3, 3, 3, 3))
    synced.reviews.complete(world.sam, sid)
    assert rows(synced.exports.session_csv(world.admin, sid))[1]["human_codes"] == (
        "ada: other; sam: persuade")
