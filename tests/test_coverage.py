"""Coverage: which banks, replies and gates of a persona stored sessions used, which replies
come up too often, and where patients walk out."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from personas import listening_persona, tiny_persona

from mi_sim.engine.persona import Persona
from mi_sim.engine.turn import open_session, take_turn
from mi_sim.scenarios.coverage import (
    Coverage,
    CoverageError,
    UsedTurn,
    coverage,
    describe_coverage,
    persona_banks,
    persona_gates,
    used_turn_from_result,
    used_turn_from_trace,
)
from mi_sim.scenarios.loader import load_catalog, load_persona_file

DATA = Path(__file__).resolve().parent / "data"
CATALOG = load_catalog()
LABEL = "It's all in your head."
GENTLE = [
    "What brings you here?",
    "It sounds like you're scared something is really wrong.",
    "You've coped with a lot.",
    "It sounds like work has been hard and you worry about your kids.",
    "What would you think about keeping a diary?",
]


def clinician_lines() -> list[str]:
    with open(DATA / "clinician_utterances.jsonl", encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


POOL = clinician_lines()


def play(persona: Persona, sessions: int, turns: int = 30,
         lines: list[str] | None = None) -> tuple[list[UsedTurn], set[str], set[str]]:
    """Real sessions with take_turn; the used turns (read from the stored trace dicts), and the
    reply ids and sources the engine reported."""
    pool = lines or POOL
    used: list[UsedTurn] = []
    reply_ids: set[str] = set()
    sources: set[str] = set()
    for s in range(sessions):
        rng = random.Random(s)
        level = ("gentle", "standard", "hard")[s % 3]
        state, _ = open_session(persona, level, s)
        for _ in range(turns):
            result = take_turn(persona, state, rng.choice(pool))
            state = result.state
            stored = json.loads(json.dumps(result.trace.to_dict()))  # as storage keeps it
            used.append(used_turn_from_trace(f"s{s}", state.turn, stored))
            reply_ids.add(result.trace.reply_id)
            sources.add(result.trace.source)
            if state.ended:
                break
    return used, reply_ids, sources


def all_reply_ids(persona: Persona) -> set[str]:
    return {r.reply_id for _, replies in persona_banks(persona) for r in replies}


PERSONAS = {**CATALOG, "example-sam": load_persona_file(DATA / "example_persona.yaml"),
            "tiny": tiny_persona()}


@pytest.mark.parametrize("slug", sorted(PERSONAS))
def test_replies_used_in_real_sessions_are_marked_used_and_the_rest_unused(slug: str) -> None:
    persona = PERSONAS[slug]
    used, reply_ids, sources = play(persona, sessions=12)
    report = coverage(persona, used)

    assert report.unknown_replies == {}, "every id the engine wrote is one coverage knows"
    assert {r.reply_id for r in report.replies if r.uses} == reply_ids
    assert {r.reply_id for r in report.unused_replies} == all_reply_ids(persona) - reply_ids
    assert sources <= {b.bank for b in report.banks}
    assert any("." in source for source in sources), "event banks (concern., value.…) too"
    assert {b.bank for b in report.banks if b.uses} == sources
    assert set(report.unused_banks) == {b.bank for b in report.banks} - sources
    assert report.turns == len(used) and report.sessions == 12
    assert sum(r.uses for r in report.replies) == len(used)
    assert sum(b.uses for b in report.banks) == len(used)
    assert report.grouped


def test_every_reply_of_a_persona_is_in_exactly_one_bank_and_counted_once() -> None:
    persona = CATALOG["panic-disorder"]
    ids = [r.reply_id for _, replies in persona_banks(persona) for r in replies]
    assert len(ids) == len(set(ids))
    report = coverage(persona, [])
    assert len(report.replies) == len(ids)
    moves = {m.value for m in persona.banks}
    concerns = {f"concern.{c.name}" for c in persona.concerns}
    assert moves | concerns <= {b.bank for b in report.banks}
    assert {b.bank: b.replies for b in report.banks}["walkout"] == len(persona.banks[
        next(m for m in persona.banks if m.value == "walkout")])


def test_an_empty_history_lists_every_bank_reply_and_gate_as_unused() -> None:
    persona = tiny_persona()
    report = coverage(persona, iter(()))
    assert (report.sessions, report.turns) == (0, 0)
    assert len(report.unused_replies) == len(report.replies) == len(all_reply_ids(persona))
    assert report.unused_banks == tuple(b.bank for b in report.banks)
    assert report.unused_gates == ("concern.label_fear", "commitment.diary.accept")
    assert report.most_used == () and report.canned == ()
    assert report.walkouts.count == 0 and report.walkouts.at_turn == {}
    assert all(r.share_of_turns == 0.0 == r.share_of_sessions for r in report.replies)


def test_unused_replies_carry_their_id_bank_and_authored_text() -> None:
    persona = tiny_persona()
    report = coverage(persona, [])
    walkout = next(r for r in report.unused_replies if r.reply_id == "walkout:0")
    assert (walkout.bank, walkout.text, walkout.talk) == ("walkout", "I'm leaving, {name}.",
                                                          "sustain")
    topic = next(r for r in report.unused_replies if r.reply_id == "question_open:8")
    assert topic.text == "About the bus, then."


def test_a_gate_that_opened_in_a_real_session_is_no_longer_listed_as_unused() -> None:
    persona = tiny_persona()
    state, _ = open_session(persona, "gentle", 2)
    used = []
    for line in GENTLE:
        result = take_turn(persona, state, line)
        state = result.state
        used.append(used_turn_from_result("one", result))
    events = [u.event for u in used if u.event]
    assert events == ["disclose:label_fear", "accept:diary"]
    report = coverage(persona, used)
    assert report.unused_gates == ()
    assert [(g.gate, g.kind, g.opened, g.sessions) for g in report.gates] == [
        ("concern.label_fear", "concern", 1, 1), ("commitment.diary.accept", "commitment", 1, 1)]
    assert "concern.label_fear" not in report.unused_banks
    assert "commitment.diary.decline" in report.unused_banks


def test_used_turn_from_trace_reads_the_keys_the_engine_trace_writes() -> None:
    persona = tiny_persona()
    state, _ = open_session(persona, "gentle", 2)
    for line in GENTLE[:4]:
        result = take_turn(persona, state, line)
        state = result.state
    trace = result.trace.to_dict()
    used = used_turn_from_trace("42", 4, trace)
    assert used == UsedTurn("42", 4, "concern.label_fear", "concern.label_fear:0",
                            trace["rule"], "reflection_complex", "disclose:label_fear", False)
    assert used_turn_from_result("42", result) == used
    assert used_turn_from_trace(42, 4, trace).session == "42"


def test_an_older_or_partial_trace_reads_as_blanks_not_an_error() -> None:
    used = used_turn_from_trace("s", 1, {"reply_id": "fallback:0", "event": {"kind": "walkout",
                                                                             "name": None}})
    assert used == UsedTurn("s", 1, "", "fallback:0", "", "", "walkout", False)
    assert used_turn_from_trace("s", 1, {"event": "accept:diary"}).event == "accept:diary"
    assert used_turn_from_trace("s", 1, {"event": {"kind": 3}, "repeated": "yes"}) == UsedTurn(
        "s", 1, "", "", "", "", None, False)
    with pytest.raises(CoverageError, match="session s turn 1: the trace is not an object"):
        used_turn_from_trace("s", 1, ["not", "a", "trace"])  # type: ignore[arg-type]


def turn(session: str, number: int, reply_id: str, *, move: str = "question_open",
         rule: str = "coded question_open", event: str | None = None,
         repeated: bool = False) -> UsedTurn:
    return UsedTurn(session, number, reply_id.split(":")[0], reply_id, rule, move, event,
                    repeated)


def test_a_reply_chosen_in_more_than_a_fifth_of_sessions_is_flagged_as_canned() -> None:
    persona = tiny_persona()
    turns = []
    for s in range(10):
        turns.append(turn(f"s{s}", 1, "question_open:0"))
        turns.append(turn(f"s{s}", 2, f"fallback:{s % 4}"))
        if s < 2:
            turns.append(turn(f"s{s}", 3, "affirm:0"))
    report = coverage(persona, turns)
    by_id = {r.reply_id: r for r in report.replies}
    assert by_id["question_open:0"].canned and by_id["question_open:0"].share_of_sessions == 1.0
    assert by_id["fallback:0"].sessions == 3 and not by_id["fallback:0"].canned, \
        "fewer than five sessions is too few to call it canned"
    assert not by_id["affirm:0"].canned, "two sessions of ten is not more than a fifth"
    assert [r.reply_id for r in report.canned] == ["question_open:0"]
    loose = coverage(persona, turns, canned_share=0.1, canned_min_sessions=2)
    assert [r.reply_id for r in loose.canned] == [
        "question_open:0", "fallback:0", "fallback:1", "affirm:0", "fallback:2", "fallback:3"]


def test_the_most_used_replies_come_first_with_their_share_of_turns_cut_at_top() -> None:
    persona = tiny_persona()
    turns = [turn("a", i + 1, rid) for i, rid in enumerate(
        ["affirm:1"] * 5 + ["affirm:0"] * 3 + ["fallback:2"] * 3 + ["evoke:0"])]
    report = coverage(persona, turns, top=3)
    assert [(r.reply_id, r.uses) for r in report.most_used] == [
        ("affirm:1", 5), ("affirm:0", 3), ("fallback:2", 3)]
    assert report.most_used[0].share_of_turns == pytest.approx(5 / 12)
    assert coverage(persona, turns, top=0).most_used == ()
    with pytest.raises(ValueError, match="top must be a whole number"):
        coverage(persona, turns, top=-1)


def test_repeats_within_a_session_are_counted_per_reply() -> None:
    persona = tiny_persona()
    turns = [turn("a", 1, "fallback:0"), turn("a", 2, "fallback:0", repeated=True),
             turn("a", 3, "fallback:0", repeated=True)]
    reply = next(r for r in coverage(persona, turns).replies if r.reply_id == "fallback:0")
    assert (reply.uses, reply.sessions, reply.repeats) == (3, 1, 2)


def test_walk_outs_are_counted_by_turn_number_move_and_rule() -> None:
    persona = tiny_persona()
    turns = []
    for s, (at, move) in enumerate([(4, "label"), (4, "label"), (6, "persuade"), (9, "label")]):
        for n in range(1, at):
            turns.append(turn(f"s{s}", n, "label:0", move="label", rule="labelled"))
        turns.append(turn(f"s{s}", at, "walkout:0", move=move, rule=f"rule {move}",
                          event="walkout"))
    turns.append(turn("calm", 1, "affirm:0"))
    walkouts = coverage(persona, turns).walkouts
    assert walkouts.count == 4 and walkouts.sessions == 4
    assert walkouts.at_turn == {4: 2, 6: 1, 9: 1}
    assert list(walkouts.at_turn) == [4, 6, 9]
    assert walkouts.after_move == {"label": 3, "persuade": 1}
    assert walkouts.after_rule == {"rule label": 3, "rule persuade": 1}


def test_a_real_walk_out_is_found_at_its_turn() -> None:
    persona = tiny_persona()
    used, _, _ = play(persona, sessions=1, lines=[LABEL])
    report = coverage(persona, used)
    assert report.walkouts.count == 1
    assert report.walkouts.at_turn == {len(used): 1}
    assert report.walkouts.after_move == {"label": 1}
    assert "walkout" not in report.unused_banks


def test_reply_ids_from_another_version_are_reported_apart_not_counted() -> None:
    persona = tiny_persona()
    turns = [turn("a", 1, "affirm:0"), turn("a", 2, "affirm:99"), turn("a", 3, "gone:1"),
             turn("a", 4, "affirm:99")]
    report = coverage(persona, turns)
    assert report.unknown_replies == {"affirm:99": 2, "gone:1": 1}
    assert sum(r.uses for r in report.replies) == 1
    assert report.turns == 4


def test_unknown_reply_ids_are_bounded() -> None:
    turns = (turn("a", i, f"junk:{i}") for i in range(1000))
    unknown = coverage(tiny_persona(), turns).unknown_replies
    assert len(unknown) == 201 and unknown["(others)"] == 800


def test_sessions_are_counted_once_and_interleaved_sessions_are_flagged() -> None:
    persona = tiny_persona()
    grouped = [turn("a", 1, "affirm:0"), turn("a", 2, "affirm:0"), turn("b", 1, "affirm:0")]
    report = coverage(persona, grouped)
    assert report.sessions == 2 and report.grouped
    assert next(r for r in report.replies if r.reply_id == "affirm:0").sessions == 2
    mixed = [turn("a", 1, "affirm:0"), turn("b", 1, "affirm:0"), turn("a", 2, "affirm:0")]
    report = coverage(persona, mixed)
    assert report.sessions == 2 and not report.grouped
    assert "upper bounds" in describe_coverage(report)[-1]


def test_coverage_reads_its_turns_once_from_a_generator() -> None:
    persona = tiny_persona()
    reads = 0

    def stream() -> Iterator[UsedTurn]:
        nonlocal reads
        for s in range(100):
            for n in range(1, 11):
                reads += 1
                yield turn(f"s{s}", n, f"fallback:{n % 4}")

    report = coverage(persona, stream())
    assert reads == 1000 and report.turns == 1000 and report.sessions == 100


def test_describe_coverage_names_what_an_instructor_should_look_at() -> None:
    persona = tiny_persona()
    used, _, _ = play(persona, sessions=6, lines=[LABEL, "What brings you here?"])
    report = coverage(persona, used)
    text = describe_coverage(report, limit=3)
    assert text[0].startswith(f"tiny: 6 sessions, {report.turns} turns; ")
    assert any(line.startswith("never-used banks: ") for line in text)
    assert any(line.startswith("gates never opened: ") for line in text)
    assert any(line.startswith("  … and ") for line in text)
    assert any(line.startswith("walk-outs: ") for line in text)
    assert isinstance(report, Coverage)


def test_the_gates_of_a_shipped_persona_are_its_concerns_and_commitments() -> None:
    persona = CATALOG["somatic-symptoms"]
    gates = persona_gates(persona)
    assert [g for g, kind, _ in gates if kind == "concern"] == [
        f"concern.{c.name}" for c in persona.concerns]
    assert [e for _, kind, e in gates if kind == "commitment"] == [
        f"accept:{c.name}" for c in persona.commitments]


def test_fact_questions_no_fact_answered_are_the_instructors_to_do_list() -> None:
    persona = listening_persona()
    turns = []
    for session in ("s1", "s2"):
        state, _ = open_session(persona, "gentle", 1)
        for line in ("How much coffee do you drink?", "Who lives with you?",
                     "Do you smoke at all?"):
            result = take_turn(persona, state, line)
            state = result.state
            turns.append(used_turn_from_result(session, result))
    report = coverage(persona, turns)
    kinds = {u.kind: u for u in report.unanswered}
    assert set(kinds) == {"caffeine", "smoking"}
    assert kinds["caffeine"].asked == 2 and kinds["caffeine"].sessions == 2
    assert kinds["caffeine"].examples == ("How much coffee do you drink?",)
    assert any("fact questions no fact answered" in line for line in describe_coverage(report))
