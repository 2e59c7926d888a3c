"""Authoring: what-if branches of stored sessions and coverage of a persona version, through the
service over real played sessions, on SQLite and PostgreSQL; and the charts of their pages."""

from __future__ import annotations

import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from scenario_helpers import edited, example_text
from sqlalchemy import event, insert, select, update
from supervision_helpers import World, build_world

from mi_sim.engine.turn import MAX_UTTERANCE
from mi_sim.scenarios.coverage import coverage, used_turn_from_trace
from mi_sim.scoring.authoring_charts import bars_svg, branches_svg, histogram_svg
from mi_sim.services import Forbidden, Invalid, NotFound, Services
from mi_sim.services.authoring import YIELD_PER, WhatIfRecord
from mi_sim.services.records import UserRecord
from mi_sim.storage.db import reading, writing
from mi_sim.storage.models import PracticeSession, Turn

pytest_plugins = ("storage_fixtures",)

SLUG = "example-sam"
LINES = ["What brings you here today?", "It sounds like you are exhausted.",
         "You've kept going through all of this.", "How is work?"]
FIRST_REPLY = "Honestly? To be told what's actually wrong."  # LINES[0]'s reply at seed 3
NEW_FIRST_REPLY = "Every evening, out like a light."
RIGHTING = ["It's all in your head.", "You just need to stop worrying.",
            "You have to see a psychiatrist.", "It's just anxiety, nothing else.",
            "You're being ridiculous.", "Stop making excuses.", "Just do it."]
NEW_LINE = "It sounds like you are worried no one will take the tiredness seriously."
SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Lab:
    services: Services
    world: World
    v1: int  # version ids
    v2: int


@pytest.fixture
def lab(synced: Services) -> Lab:
    """The programme of supervision_helpers, plus the example persona published as version 1
    and, with its first reply reworded, version 2 (the newest)."""
    world = build_world(synced)
    synced.library.new_draft(world.ivy, SLUG, example_text())
    v1 = synced.library.publish(world.ivy, SLUG)
    synced.library.save_draft(world.ivy, SLUG, edited(FIRST_REPLY, NEW_FIRST_REPLY))
    v2 = synced.library.publish(world.ivy, SLUG)
    return Lab(synced, world, v1.id, v2.id)


def play(services: Services, user: UserRecord, lines: list[str], seed: int = 3,
         level: str = "standard", version: int | None = None) -> str:
    """A session played through `Practice` (with version `version` when given, by pointing the
    new session at it before its first turn, as if it had been started then)."""
    session = services.practice.start_session(user, SLUG, level, seed)
    if version is not None:
        with writing(services.sessions) as db:
            db.execute(update(PracticeSession).where(PracticeSession.id == session.id)
                       .values(persona_version_id=version))
    for line in lines:
        turn, _ = services.practice.post_turn(user, session.id, line)
        if turn.ended:
            break
    return session.id


def versions_of(record: WhatIfRecord) -> list[tuple[int, str, int]]:
    return [(v.number, v.status, v.sessions) for v in record.session.versions]


# --- what-if: the branches -------------------------------------------------------------------


def test_what_if_against_the_same_version_keeps_earlier_turns_and_branches_at_the_change(
        lab: Lab) -> None:
    services, amy = lab.services, lab.world.amy
    sid = play(services, amy, LINES, version=lab.v1)
    stored = services.practice.get_session(amy, sid).turns

    record = services.authoring.what_if(lab.world.ivy, sid, 3, f"  {NEW_LINE}  ")

    assert record.reproduced and record.mismatch_turn is None
    assert (record.session.version, record.branch_version, record.same_version) == (1, 1, True)
    assert record.session.lines == tuple(LINES) and record.session.owner == "amy"
    assert (record.changed_turn, record.original_line, record.new_line) == (3, LINES[2], NEW_LINE)
    assert [t["patient"] for t in record.original] == [t.patient for t in stored]
    assert [t["code"] for t in record.original] == [t.code for t in stored]
    assert [t["state"] for t in record.original] == [t.state for t in stored]
    assert record.branch[:2] == record.original[:2]
    assert [t["clinician"] for t in record.branch] == [*LINES[:2], NEW_LINE, LINES[3]]
    assert record.branch[2]["code"] == "reflection_complex" != record.original[2]["code"]
    assert record.first_difference == 3
    assert [n for n, _, _ in record.rows] == [1, 2, 3, 4]
    assert record.start_original == record.start_branch
    assert 0 <= record.start_original["readiness"] <= 1


def test_dropping_the_later_lines_ends_the_branch_at_the_changed_turn(lab: Lab) -> None:
    sid = play(lab.services, lab.world.amy, LINES, version=lab.v1)
    record = lab.services.authoring.what_if(lab.world.ivy, sid, 2, NEW_LINE,
                                            keep_later_lines=False)
    assert len(record.original) == 4 and len(record.branch) == 2
    assert record.rows[-1] == (4, record.original[3], None)
    assert not record.keep_later_lines


def test_what_if_against_another_version_replays_the_original_against_its_own(
        lab: Lab) -> None:
    services = lab.services
    sid = play(services, lab.world.amy, LINES, version=lab.v1)

    record = services.authoring.what_if(lab.world.ivy, sid, 2, NEW_LINE, version_number=2)

    assert record.reproduced
    assert (record.session.version, record.branch_version, record.same_version) == (1, 2, False)
    assert record.original[0]["patient"] == FIRST_REPLY
    assert record.branch[0]["patient"] == NEW_FIRST_REPLY
    # the versions differ in their first reply: the branches part before the changed turn
    assert record.first_difference == 1
    assert versions_of(record) == [(1, "retired", 1), (2, "published", 0)]


def test_the_same_line_against_the_same_version_changes_nothing(lab: Lab) -> None:
    sid = play(lab.services, lab.world.amy, LINES, version=lab.v1)
    record = lab.services.authoring.what_if(lab.world.amy, sid, 2, LINES[1])
    assert record.first_difference is None and record.branch == record.original


def test_a_walk_out_in_either_branch_ends_that_branch(lab: Lab) -> None:
    services = lab.services
    sid = play(services, lab.world.amy, RIGHTING)
    stored = services.practice.get_session(lab.world.amy, sid)
    assert stored.session.ended and stored.turns[-1].end_reason is not None
    walked_at = len(stored.turns)
    record = services.authoring.what_if(lab.world.ivy, sid, 1, "What brings you here today?")
    assert record.reproduced and record.original[-1]["ended"]
    assert len(record.original) == walked_at
    assert record.first_difference == 1


def test_a_replay_that_no_longer_matches_the_stored_turns_is_reported(lab: Lab) -> None:
    services = lab.services
    sid = play(services, lab.world.amy, LINES, version=lab.v1)
    with writing(services.sessions) as db:  # as if an older engine had answered differently
        db.execute(update(Turn).where(Turn.session_id == sid, Turn.number == 2)
                   .values(patient="Something the engine no longer says."))

    record = services.authoring.what_if(lab.world.ivy, sid, 3, NEW_LINE)

    assert not record.reproduced and record.mismatch_turn == 2
    assert record.original[1]["patient"] != "Something the engine no longer says."


# --- what-if: refusals -----------------------------------------------------------------------


@pytest.mark.parametrize(("turn", "line", "version", "error", "message"), [
    (0, NEW_LINE, None, Invalid, "turn 0 is out of range: this session has turns 1 to 4"),
    (5, NEW_LINE, None, Invalid, "turn 5 is out of range"),
    (2, "   ", None, Invalid, "the new line: the line is empty"),
    (2, "x" * (MAX_UTTERANCE + 1), None, Invalid, f"the limit is {MAX_UTTERANCE}"),
    (2, NEW_LINE, 9, NotFound, "'example-sam' has no version 9"),
    (2, NEW_LINE, 0, Invalid, "a version number is a whole number"),
])
def test_bad_input_is_refused_with_a_message(lab: Lab, turn: int, line: str,
                                             version: int | None, error: type[Exception],
                                             message: str) -> None:
    sid = play(lab.services, lab.world.amy, LINES, version=lab.v1)
    with pytest.raises(error, match=message.replace("(", r"\(")):
        lab.services.authoring.what_if(lab.world.ivy, sid, turn, line, version)


def test_sessions_that_cannot_be_replayed_are_refused(lab: Lab) -> None:
    services, ivy = lab.services, lab.world.ivy
    imported = services.imports.import_transcript(
        ivy, "T: What brings you in today?\nC: My heart races.\n", title="Role-play").session_id
    with pytest.raises(Invalid, match="imported transcript"):
        services.authoring.what_if(ivy, imported, 1, NEW_LINE)
    with pytest.raises(Invalid, match="imported transcript"):
        services.authoring.what_if_form(ivy, imported)
    empty = services.practice.start_session(lab.world.amy, SLUG).id
    assert services.authoring.what_if_form(ivy, empty).lines == ()
    with pytest.raises(Invalid, match="no clinician lines yet"):
        services.authoring.what_if(ivy, empty, 1, NEW_LINE)
    for missing in ("nope", "", "x" * 300):
        with pytest.raises(NotFound, match="no such session"):
            services.authoring.what_if(ivy, missing, 1, NEW_LINE)


# --- what-if: who --------------------------------------------------------------------------

# Who may replay amy's session (amy is a trainee in sam's cohort A).
MAY_REPLAY_AMYS = {"ada": True, "ivy": True, "sam": True, "amy": True,
                   "sue": False, "abe": False, "bea": False, "tom": False}


@pytest.mark.parametrize(("caller", "allowed"), sorted(MAY_REPLAY_AMYS.items()))
def test_who_may_replay_a_session(lab: Lab, caller: str, allowed: bool) -> None:
    services = lab.services
    sid = play(services, lab.world.amy, LINES, version=lab.v1)
    user = {u.name: u for u in (lab.world.admin, lab.world.ivy, lab.world.sam, lab.world.amy,
                                lab.world.sue, lab.world.abe, lab.world.bea, lab.world.tom)
            }[caller]
    if allowed:
        assert services.authoring.what_if(user, sid, 2, NEW_LINE).reproduced
        assert services.authoring.what_if_form(user, sid).session_id == sid
    else:
        with pytest.raises(NotFound, match="no such session"):
            services.authoring.what_if(user, sid, 2, NEW_LINE)
        with pytest.raises(NotFound, match="no such session"):
            services.authoring.what_if_form(user, sid)


def test_trainees_replay_only_against_the_version_they_played(lab: Lab) -> None:
    services, amy = lab.services, lab.world.amy
    sid = play(services, amy, LINES, version=lab.v1)
    form = services.authoring.what_if_form(amy, sid)
    assert [v.number for v in form.versions] == [1] and not form.may_pick_version
    assert services.authoring.what_if(amy, sid, 2, NEW_LINE, version_number=1).reproduced
    with pytest.raises(Forbidden, match="version they played"):
        services.authoring.what_if(amy, sid, 2, NEW_LINE, version_number=2)
    staff = services.authoring.what_if_form(lab.world.sam, sid)
    assert [v.number for v in staff.versions] == [1, 2] and staff.may_pick_version


# --- coverage --------------------------------------------------------------------------------


def naive_coverage(services: Services, version_id: int) -> Any:
    """Coverage the obvious way: every full trace in memory, folded by the pure module."""
    persona = services.personas.persona_for_version(version_id)
    with reading(services.sessions) as db:
        rows = db.execute(select(Turn.session_id, Turn.number, Turn.trace)
                          .join(PracticeSession, PracticeSession.id == Turn.session_id)
                          .where(PracticeSession.persona_version_id == version_id)
                          .order_by(Turn.session_id, Turn.number)).all()
    return coverage(persona, [used_turn_from_trace(s, n, t) for s, n, t in rows])


def test_coverage_counts_what_played_sessions_used(lab: Lab) -> None:
    services, w = lab.services, lab.world
    played = [play(services, w.amy, LINES, seed=3), play(services, w.abe, LINES, seed=4),
              play(services, w.bea, RIGHTING, seed=5), play(services, w.tom, RIGHTING[:3])]
    play(services, w.amy, LINES, version=lab.v1)            # another version: not counted
    services.practice.start_session(w.tom, SLUG)             # no turns yet
    traces = [t.trace for sid in played for t in services.practice.get_session(w.admin, sid).turns]

    record = services.authoring.coverage(w.ivy, SLUG)

    report = record.coverage
    assert (record.slug, record.version, record.status) == (SLUG, 2, "published")
    assert (record.sessions_played, report.sessions, report.turns) == (5, 4, len(traces))
    assert report.grouped and not record.empty
    used = {t["reply_id"] for t in traces}
    assert {r.reply_id for r in report.replies if r.uses} == used
    assert sum(r.uses for r in report.replies) == len(traces)
    assert {b.bank for b in report.banks if b.uses} == {t["source"] for t in traces}
    sources = {t["source"] for t in traces}
    assert set(report.unused_banks) == {b.bank for b in report.banks} - sources
    walkouts = [t for t in traces if (t["event"] or {}).get("kind") == "walkout"]
    walked = services.practice.get_session(w.admin, played[2]).turns
    assert walked[-1].ended and len(walkouts) == 1
    assert (report.walkouts.count, report.walkouts.sessions) == (1, 1)
    assert report.walkouts.at_turn == {walked[-1].turn: 1}
    assert report.walkouts.after_move == {walkouts[0]["move"]: 1}
    assert report.walkouts.after_rule == {walkouts[0]["rule"]: 1}
    assert report.unknown_replies == {}
    assert report == naive_coverage(services, lab.v2)
    assert record.versions[0].sessions == 1 and record.versions[1].sessions == 5


def test_coverage_of_an_older_version_and_the_default_after_retiring(lab: Lab) -> None:
    services, w = lab.services, lab.world
    play(services, w.amy, LINES, version=lab.v1)
    old = services.authoring.coverage(w.sam, SLUG, 1)
    assert (old.version, old.status, old.coverage.sessions, old.coverage.turns) == (
        1, "retired", 1, 4)
    assert old.coverage == naive_coverage(services, lab.v1)
    services.library.retire(w.ivy, SLUG)
    newest = services.authoring.coverage(w.ivy, SLUG)  # none published: the newest version
    assert (newest.version, newest.status) == (2, "retired")


def test_coverage_with_no_sessions_is_empty_but_lists_the_catalogue(lab: Lab) -> None:
    record = lab.services.authoring.coverage(lab.world.admin, SLUG)
    assert record.empty and record.sessions_played == 0
    report = record.coverage
    assert (report.sessions, report.turns, report.walkouts.count) == (0, 0, 0)
    assert report.replies and len(report.unused_replies) == len(report.replies)
    assert set(report.unused_banks) == {b.bank for b in report.banks}


def test_coverage_refusals(lab: Lab) -> None:
    services, w = lab.services, lab.world
    for trainee in (w.amy, w.tom):
        with pytest.raises(Forbidden, match="supervisors, instructors and admins"):
            services.authoring.coverage(trainee, SLUG)
    for reader in (w.sam, w.ivy, w.admin):
        assert services.authoring.coverage(reader, SLUG).version == 2
    with pytest.raises(NotFound, match="no persona 'nobody'"):
        services.authoring.coverage(w.ivy, "nobody")
    with pytest.raises(NotFound, match="has no version 7"):
        services.authoring.coverage(w.ivy, SLUG, 7)
    with pytest.raises(Invalid, match="whole number"):
        services.authoring.coverage(w.ivy, SLUG, 0)


@contextmanager
def statements(services: Services) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Every SQL statement run on the engine meanwhile, with its execution options."""
    seen: list[tuple[str, dict[str, Any]]] = []

    def listen(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
               executemany: bool) -> None:
        options = dict(context.execution_options) if context is not None else {}
        seen.append((statement, options))

    event.listen(services.engine, "before_cursor_execute", listen)
    try:
        yield seen
    finally:
        event.remove(services.engine, "before_cursor_execute", listen)


def test_coverage_streams_the_turns_in_one_query_of_only_the_needed_fields(lab: Lab) -> None:
    services, w = lab.services, lab.world
    for seed in range(3):
        play(services, w.amy, LINES, seed=seed)
    services.personas.persona_for_version(lab.v2)  # parsed once per process anyway

    with statements(services) as seen:
        record = services.authoring.coverage(w.ivy, SLUG)

    assert record.coverage.turns == 12
    on_turns = [(sql, options) for sql, options in seen if "FROM turns" in sql]
    assert len(on_turns) == 1, seen
    sql, options = on_turns[0]
    assert options.get("yield_per") == YIELD_PER and options.get("stream_results")
    selected = sql.split("FROM turns")[0]
    for column in ("clinician", "patient", "segments", "turns.state", "why"):
        assert column not in selected
    assert "ORDER BY turns.session_id, turns.number" in sql
    queries = [sql for sql, _ in seen if not sql.startswith("BEGIN")]
    assert len(queries) == 3, queries  # the persona, its versions, the turns


def add_turns(services: Services, user: UserRecord, version_id: int, sessions: int,
              turns: int) -> None:
    """Many stored turns with realistic traces, written straight to the tables."""
    trace = {"code": "question_open", "why": "w" * 200, "move": "question_open",
             "rule": "open-question", "segments": [{"text": "t" * 300, "code": "x"}] * 3,
             "changes": [{"variable": "rapport", "before": 0.1, "after": 0.2,
                          "reason": "r" * 120}] * 4, "event": None,
             "source": "question_open", "reply_id": "question_open:0", "repeated": False}
    state = {"scenario": SLUG, "level": "standard", "seed": 1, "turn": 1}
    with writing(services.sessions) as db:
        for s in range(sessions):
            sid = f"bulk-{user.id}-{s:06d}"
            db.add(PracticeSession(id=sid, user_id=user.id, persona_version_id=version_id,
                                   level="standard", seed=1, state=state, turn_count=turns))
            db.flush()
            db.execute(insert(Turn), [{
                "session_id": sid, "number": n, "clinician": "c" * 80, "code": "question_open",
                "why": "w", "segments": [], "patient": "p" * 80, "talk": "neutral",
                "state": state, "trace": trace} for n in range(1, turns + 1)])


def peak_memory(services: Services, user: UserRecord) -> tuple[int, int]:
    tracemalloc.start()
    try:
        record = services.authoring.coverage(user, SLUG, 1)
        return record.coverage.turns, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_coverage_memory_does_not_grow_with_the_number_of_turns(lab: Lab) -> None:
    services, w = lab.services, lab.world
    add_turns(services, w.amy, lab.v1, 20, 40)
    services.authoring.coverage(w.ivy, SLUG, 1)  # warm caches (persona, compiled SQL)
    small = peak_memory(services, w.ivy)
    add_turns(services, w.abe, lab.v1, 300, 40)  # 16 times the turns
    large = peak_memory(services, w.ivy)
    assert (small[0], large[0]) == (800, 12_800)
    # Holding the turns in memory would need over ten times as much; streaming them in
    # batches of YIELD_PER keeps the peak about the same (one set of session ids grows).
    assert large[1] < 2 * small[1] + 500_000, (small, large)


# --- the charts ------------------------------------------------------------------------------


def turn(n: int, readiness: float, discord: float, ended: bool = False) -> dict[str, Any]:
    return {"turn": n, "clinician": f"line {n}", "state": {"readiness": readiness,
                                                           "discord": discord},
            "ended": ended}


def test_the_branches_chart_draws_both_branches_and_marks_the_change() -> None:
    original = [turn(1, 0.1, 0.2), turn(2, 0.12, 0.3), turn(3, 0.1, 0.5)]
    branch = [turn(1, 0.1, 0.2), turn(2, 0.2, 0.1)]
    svg = branches_svg(original, branch, changed_turn=2, first_difference=2,
                       start_original={"readiness": 0.1, "discord": 0.2},
                       start_branch={"readiness": 0.1, "discord": 0.2},
                       title="<both> & more")
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and "&lt;both&gt; &amp; more" in svg
    paths = {p.get("data-series") for p in root.iter(f"{SVG}path")}
    assert paths == {"readiness-original", "readiness-branch", "discord-original",
                     "discord-branch"}
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert links == ["#row-0", "#row-1", "#row-2", "#row-3"]
    assert [m.get("data-mark") for m in root.iter(f"{SVG}line") if m.get("data-mark")] == [
        "changed"]
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "first differ at turn 2" in (desc.text or "")


def test_the_bar_chart_and_the_histogram() -> None:
    bars = ET.fromstring(bars_svg([("question_open", 12, "3 of 45 replies"),
                                   ("<fallback>", 0, "0 of 4 replies")], title="Banks"))
    groups = [g for g in bars.iter(f"{SVG}g") if g.get("data-bar")]
    assert [(g.get("data-bar"), g.get("data-value")) for g in groups] == [
        ("question_open", "12"), ("<fallback>", "0")]
    hist = ET.fromstring(histogram_svg({3: 1, 7: 2}, title="Walk-outs"))
    assert [(g.get("data-turn"), g.get("data-value")) for g in hist.iter(f"{SVG}g")
            if g.get("data-turn")] == [("3", "1"), ("7", "2")]
    empty = ET.fromstring(histogram_svg({}, title="Walk-outs"))
    assert "None" in ET.tostring(empty, encoding="unicode")
    assert ET.fromstring(bars_svg([], title="Nothing")).get("role") == "img"
