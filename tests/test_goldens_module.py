"""Golden transcripts as data: record, store, load with bounds, replay and show what changed."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from personas import tiny_persona, tiny_persona_data
from test_engine_purity import imported_modules

from mi_sim.engine.persona import Persona
from mi_sim.engine.turn import MAX_UTTERANCE, open_session, take_turn
from mi_sim.scenarios.goldens import (
    MAX_FILE_BYTES,
    MAX_LINES,
    Golden,
    GoldenError,
    GoldenResult,
    TurnDiff,
    describe,
    golden_from_dict,
    golden_json,
    golden_to_dict,
    load_golden_file,
    load_golden_text,
    record_golden,
    run_golden,
    run_goldens,
)
from mi_sim.scenarios.loader import load_catalog, load_persona_file

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLE = Path(__file__).resolve().parent / "data" / "example_persona.yaml"
CATALOG = load_catalog()
SCRIPT = [line for line in (GOLDEN / "conversation.txt").read_text("utf-8").splitlines() if line]
LABEL = "It's all in your head."
GENTLE_LINES = [
    "What brings you here?",
    "It sounds like you're scared something is really wrong.",
    "You've coped with a lot.",
    "It sounds like work has been hard and you worry about your kids.",
    "What would you think about keeping a diary?",
]


def tiny_with(**changes: Any) -> Persona:
    """The tiny persona with top-level fields replaced (a new "version" of it)."""
    data = tiny_persona_data()
    data.update(changes)
    return Persona.model_validate(data)


def reply_used_at(persona: Persona, level: str, seed: int, lines: list[str],
                  turn: int) -> str:
    state, _ = open_session(persona, level, seed)
    for line in lines[:turn]:
        result = take_turn(persona, state, line)
        state = result.state
    return result.trace.reply_id


def valid_dict() -> dict[str, Any]:
    return golden_to_dict(record_golden("valid", tiny_persona(), "standard", 3, GENTLE_LINES))


# --- the checked-in goldens ------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_every_checked_in_golden_loads_is_named_after_its_file_and_passes(path: Path) -> None:
    golden = load_golden_file(path)
    assert golden.name == path.stem
    result = run_golden(CATALOG[golden.scenario], golden)
    assert result.passed, describe(result)
    assert result.diffs == ()
    assert list(result.actual) == list(golden.turns)


def test_recording_the_shared_script_gives_the_checked_in_golden_turns() -> None:
    stored = json.loads((GOLDEN / "panic-disorder.json").read_text("utf-8"))
    persona = CATALOG["panic-disorder"]
    golden = record_golden("panic", persona, stored["level"], stored["seed"], SCRIPT)
    assert list(golden.turns) == stored["turns"]
    assert list(golden.lines) == stored["lines"]
    assert (golden.scenario, golden.level, golden.seed) == ("panic-disorder", "standard", 7)


def test_the_example_persona_records_and_passes_its_own_golden() -> None:
    persona = load_persona_file(EXAMPLE)
    golden = record_golden("example", persona, "hard", 11, SCRIPT)
    assert golden.scenario == persona.slug
    assert run_golden(persona, golden).passed


# --- round trips ---------------------------------------------------------------------------

def test_a_recorded_golden_round_trips_through_its_dict_and_its_file_text() -> None:
    golden = record_golden("first visit", tiny_persona(), "gentle", 2, GENTLE_LINES)
    assert golden_from_dict(golden_to_dict(golden), "here") == golden
    assert load_golden_text(golden_json(golden)) == golden
    assert load_golden_text(golden_json(golden).encode("utf-8")) == golden
    assert golden_to_dict(golden)["name"] == "first visit"
    assert json.loads(json.dumps(golden_to_dict(golden))) == golden_to_dict(golden)


def test_a_golden_without_a_name_takes_the_default_name() -> None:
    data = valid_dict()
    del data["name"]
    assert golden_from_dict(data, "x").name == "golden"
    assert golden_from_dict(data, "x", default_name="stem").name == "stem"


def test_a_golden_file_with_a_name_inside_keeps_that_name(tmp_path: Path) -> None:
    path = tmp_path / "file-stem.json"
    path.write_text(json.dumps(valid_dict()), encoding="utf-8")
    assert load_golden_file(path).name == "valid"


def test_recording_stops_at_a_walk_out_and_keeps_the_later_lines() -> None:
    lines = [LABEL] * 8
    golden = record_golden("walks", tiny_persona(), "hard", 1, lines)
    assert len(golden.turns) == 4 and golden.turns[-1]["ended"] is True
    assert golden.lines == tuple(lines)
    assert golden_from_dict(golden_to_dict(golden), "x") == golden
    assert run_golden(tiny_persona(), golden).passed


def test_recording_refuses_an_unknown_level_and_a_blank_line() -> None:
    with pytest.raises(GoldenError, match="level: tiny has no level 'brutal'"):
        record_golden("g", tiny_persona(), "brutal", 1, GENTLE_LINES)
    with pytest.raises(GoldenError, match=r"lines\[1\]: the line is empty"):
        record_golden("g", tiny_persona(), "standard", 1, ["Hello.", "   "])
    with pytest.raises(GoldenError, match="name: must not be empty"):
        record_golden(" ", tiny_persona(), "standard", 1, GENTLE_LINES)


# --- running: what a change looks like -------------------------------------------------------

def test_a_changed_reply_shows_as_a_diff_at_its_turn() -> None:
    persona = tiny_persona()
    golden = record_golden("g", persona, "gentle", 2, GENTLE_LINES)
    reply_id = reply_used_at(persona, "gentle", 2, GENTLE_LINES, 3)
    bank, index = reply_id.split(":")
    data = tiny_persona_data()
    old = data["banks"][bank][int(index)]["text"]
    data["banks"][bank][int(index)]["text"] = "A reworded reply."
    result = run_golden(Persona.model_validate(data), golden)

    assert not result.passed
    assert result.first_difference == 3
    assert result.diffs[0] == TurnDiff(3, "patient", old, "A reworded reply.")
    assert all(d.turn >= 3 for d in result.diffs)
    text = describe(result)
    assert text[0].startswith("g: FAILED") and "first at turn 3" in text[0]
    assert text[1:4] == ["turn 3 patient:", f"  - {old}", "  + A reworded reply."]


def test_an_unchanged_persona_passes_and_describes_itself_in_one_line() -> None:
    golden = record_golden("calm", tiny_persona(), "gentle", 2, GENTLE_LINES)
    result = run_golden(tiny_persona(), golden)
    assert result == GoldenResult("calm", True, (), golden.turns)
    assert result.first_difference is None
    assert describe(result) == ["calm: passed (5 turns)"]


def test_state_numbers_are_compared_one_by_one_including_affects() -> None:
    golden = record_golden("g", tiny_persona(), "gentle", 2, GENTLE_LINES)
    turns = [dict(t) for t in golden.turns]
    turns[1] = {**turns[1], "state": {**turns[1]["state"], "rapport": 0.999,
                                      "affects": {"fear": 0.5}}}
    edited = dataclasses.replace(golden, turns=tuple(turns))
    result = run_golden(tiny_persona(), edited)
    actual_state = golden.turns[1]["state"]
    assert result.diffs == (
        TurnDiff(2, "state.rapport", 0.999, actual_state["rapport"]),
        TurnDiff(2, "state.affects.fear", 0.5, actual_state["affects"]["fear"]),
    )
    assert "turn 2 state.rapport:" in describe(result)


def test_a_cue_that_appears_or_disappears_is_a_diff() -> None:
    golden = record_golden("g", tiny_persona(), "hard", 1, [LABEL] * 4)
    assert golden.turns[-1]["cue"] == "stares at Doctor"
    turns = [dict(t) for t in golden.turns]
    del turns[-1]["cue"]
    turns[0]["cue"] = "sighs"
    result = run_golden(tiny_persona(), dataclasses.replace(golden, turns=tuple(turns)))
    assert result.diffs == (TurnDiff(1, "cue", "sighs", None),
                            TurnDiff(4, "cue", None, "stares at Doctor"))
    assert describe(result)[-3:] == ["turn 4 cue:", "  - (none)", "  + stares at Doctor"]


def test_a_code_talk_and_ending_change_are_each_a_diff() -> None:
    golden = record_golden("g", tiny_persona(), "gentle", 2, GENTLE_LINES)
    turns = [dict(t) for t in golden.turns]
    turns[0] = {**turns[0], "code": "confront", "talk": "change", "ended": True}
    # an ended turn must be the last one, so build the Golden directly (run_golden trusts it)
    result = run_golden(tiny_persona(), dataclasses.replace(golden, turns=tuple(turns)))
    assert [(d.turn, d.field) for d in result.diffs] == [(1, "talk"), (1, "code"), (1, "ended")]


def test_a_patient_who_now_walks_out_earlier_leaves_the_later_turns_missing() -> None:
    golden = record_golden("g", tiny_persona(), "standard", 1, [LABEL] * 8)
    assert len(golden.turns) == 6
    quicker = tiny_with(levels={"gentle": {}, "standard": {"punish_scale": 1.5}, "hard": {}})
    result = run_golden(quicker, golden)
    assert not result.passed
    assert len(result.actual) == 4 and result.actual[-1]["ended"]
    missing = [d for d in result.diffs if d.field == "turn"]
    assert [(d.turn, d.actual) for d in missing] == [(5, None), (6, None)]
    assert missing[0].expected == golden.turns[4]
    assert TurnDiff(4, "ended", False, True) in result.diffs
    text = describe(result)
    assert "turn 5: missing from the replay (the conversation ended earlier)" in text


def test_a_patient_who_no_longer_walks_out_plays_the_later_lines_as_extra_turns() -> None:
    golden = record_golden("g", tiny_persona(), "hard", 1, [LABEL] * 6)
    assert len(golden.turns) == 4
    patient = tiny_with(levels={"gentle": {}, "standard": {}, "hard": {"walkout_turns": 5}})
    result = run_golden(patient, golden)
    extra = [d for d in result.diffs if d.field == "turn"]
    assert [(d.turn, d.expected) for d in extra] == [(5, None), (6, None)]
    assert extra[0].actual == result.actual[4]
    assert any("turn 5: new in the replay" in line for line in describe(result))


def test_a_level_the_persona_no_longer_has_is_a_failing_result_not_an_exception() -> None:
    golden = dataclasses.replace(record_golden("g", tiny_persona(), "hard", 1, GENTLE_LINES),
                                 level="brutal")
    result = run_golden(tiny_persona(), golden)
    assert result == GoldenResult("g", False, (TurnDiff(0, "level", "brutal", None),), ())
    assert describe(result) == [
        "g: FAILED, 1 difference",
        "level: the golden is played at level 'brutal', which the persona no longer has",
    ]


def test_a_golden_of_another_persona_fails_with_a_scenario_diff() -> None:
    golden = record_golden("g", tiny_persona(), "standard", 1, GENTLE_LINES)
    result = run_golden(CATALOG["panic-disorder"], golden)
    assert not result.passed
    assert result.diffs[0] == TurnDiff(0, "scenario", "tiny", "panic-disorder")


def test_a_line_the_engine_refuses_is_a_failing_diff_not_an_exception() -> None:
    golden = record_golden("g", tiny_persona(), "standard", 1, GENTLE_LINES)
    broken = dataclasses.replace(golden, lines=(*golden.lines[:2], "  ", *golden.lines[3:]))
    result = run_golden(tiny_persona(), broken)
    assert result.diffs[0].turn == 3 and result.diffs[0].field == "clinician"
    assert [d.turn for d in result.diffs if d.field == "turn"] == [4, 5]
    assert "turn 3 clinician: the engine refused: the line is empty" in describe(result)[1]


def test_run_goldens_runs_every_golden_in_order() -> None:
    a = record_golden("a", tiny_persona(), "standard", 1, GENTLE_LINES)
    b = dataclasses.replace(a, name="b", level="nope")
    assert [(r.name, r.passed) for r in run_goldens(tiny_persona(), [a, b])] == [
        ("a", True), ("b", False)]


# --- shape and bounds ------------------------------------------------------------------------

def _set(data: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    return {**data, key: value}


def _turn(data: dict[str, Any], i: int, **changes: Any) -> dict[str, Any]:
    turns = [dict(t) for t in data["turns"]]
    turns[i].update(changes)
    return {**data, "turns": turns}


def _without_turn_key(data: dict[str, Any], i: int, key: str) -> dict[str, Any]:
    turns = [dict(t) for t in data["turns"]]
    del turns[i][key]
    return {**data, "turns": turns}


BAD: list[tuple[str, Any, str]] = [
    ("not an object", lambda d: [d], "a golden must be a JSON object, not a list"),
    ("unknown field", lambda d: _set(d, "seeds", 1),
     r"unknown field\(s\) seeds \(a golden has name, scenario"),
    ("missing lines", lambda d: {k: v for k, v in d.items() if k != "lines"},
     "lines: is missing"),
    ("lines not a list", lambda d: _set(d, "lines", "hello"), "lines: must be a list"),
    ("no lines", lambda d: {**d, "lines": [], "turns": []}, "lines: must hold at least one"),
    ("too many lines", lambda d: {**d, "lines": ["Hi."] * (MAX_LINES + 1), "turns": []},
     f"lines: has {MAX_LINES + 1} lines; the limit is {MAX_LINES}"),
    ("over-long line", lambda d: _set(d, "lines", ["x" * (MAX_UTTERANCE + 1)]),
     rf"lines\[0\]: the line is {MAX_UTTERANCE + 1} characters long; the limit is "
     f"{MAX_UTTERANCE}"),
    ("blank line", lambda d: _set(d, "lines", [*d["lines"][:4], " "]),
     r"lines\[4\]: the line is empty"),
    ("line not text", lambda d: _set(d, "lines", [*d["lines"][:4], 5]),
     r"lines\[4\]: must be text, not a whole number"),
    ("seed is true", lambda d: _set(d, "seed", True), "seed: must be a whole number"),
    ("seed is a float", lambda d: _set(d, "seed", 1.5), "seed: must be a whole number"),
    ("seed too big", lambda d: _set(d, "seed", 2**63), "seed: must fit in 64 bits"),
    ("bad level", lambda d: _set(d, "level", "Hard!"), "level: 'Hard!' is not a level name"),
    ("bad scenario", lambda d: _set(d, "scenario", "../x"),
     "scenario: '../x' is not a persona slug"),
    ("name too long", lambda d: _set(d, "name", "n" * 81), "name: is 81 characters long"),
    ("name with newline", lambda d: _set(d, "name", "a\nb"), "name: must be one line"),
    ("more turns than lines", lambda d: _set(d, "lines", d["lines"][:2]),
     "turns: has 5 turns for 2 lines"),
    ("turns not a list", lambda d: _set(d, "turns", {}), "turns: must be a list of turns"),
    ("turn not an object", lambda d: _set(d, "turns", [1]),
     r"turns\[0\]: must be an object, not a whole number"),
    ("turn numbered wrongly", lambda d: _turn(d, 1, turn=3), r"turns\[1\].turn: is 3"),
    ("turn number is text", lambda d: _turn(d, 1, turn="2"),
     r"turns\[1\].turn: must be a whole number, not text"),
    ("clinician mismatch", lambda d: _turn(d, 2, clinician="Something else."),
     r"turns\[2\].clinician: does not match lines\[2\]"),
    ("missing patient", lambda d: _without_turn_key(d, 0, "patient"),
     r"turns\[0\].patient: is missing"),
    ("state not an object", lambda d: _turn(d, 0, state=[]),
     r"turns\[0\].state: must be an object, not a list"),
    ("ended is 1", lambda d: _turn(d, 0, ended=1),
     r"turns\[0\].ended: must be true or false"),
    ("ended too early", lambda d: _turn(d, 1, ended=True),
     r"turns\[1\].ended: the patient ended the session here"),
    ("cue not text", lambda d: _turn(d, 0, cue=3), r"turns\[0\].cue: must be text"),
    ("lines run on without a walk-out", lambda d: _set(d, "lines", [*d["lines"], "More."]),
     "turns: has 5 turns for 6 lines; lines may only run past the last turn when the patient "
     "walked out"),
]


@pytest.mark.parametrize(("change", "message"), [(c, m) for _, c, m in BAD],
                         ids=[name for name, _, _ in BAD])
def test_a_malformed_golden_is_refused_naming_where_and_the_field(change: Any,
                                                                   message: str) -> None:
    with pytest.raises(GoldenError, match=f"^shelf/visit.json: {message}"):
        golden_from_dict(change(valid_dict()), "shelf/visit.json")


def test_a_golden_at_the_bounds_is_accepted() -> None:
    lines = [f"{'x' * (MAX_UTTERANCE - 4)} {i:03}" for i in range(MAX_LINES)]
    golden = record_golden("n" * 80, tiny_persona(), "standard", -(2**63), lines)
    assert len(golden.turns) == MAX_LINES
    assert golden_from_dict(golden_to_dict(golden), "x") == golden
    assert len(golden_json(golden).encode("utf-8")) < MAX_FILE_BYTES


# --- files -----------------------------------------------------------------------------------

def test_invalid_json_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n "scenario": "tiny",\n "level": ,\n}', encoding="utf-8")
    with pytest.raises(GoldenError, match=rf"^{path}:3: not valid JSON: Expecting value"):
        load_golden_file(path)


def test_a_file_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes(b'{\n "name": "caf\xe9"\n}')
    with pytest.raises(GoldenError, match=rf"^{path}:2: the file is not UTF-8 text"):
        load_golden_file(path)


def test_an_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_bytes(b" " * (MAX_FILE_BYTES + 10))
    with pytest.raises(GoldenError, match=f"the file is {MAX_FILE_BYTES + 10} bytes; the limit"):
        load_golden_file(path)


def test_an_empty_missing_or_deeply_nested_file_is_a_golden_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(GoldenError, match="the file is empty"):
        load_golden_file(empty)
    with pytest.raises(GoldenError, match="cannot read the file"):
        load_golden_file(tmp_path / "absent.json")
    with pytest.raises(GoldenError, match="not valid JSON"):
        load_golden_text("[" * 100_000 + "]" * 100_000)


def test_golden_json_is_indented_like_the_checked_in_files() -> None:
    golden = load_golden_file(GOLDEN / "panic-disorder.json")
    stored = json.loads((GOLDEN / "panic-disorder.json").read_text("utf-8"))
    written = golden_json(golden)
    assert written.endswith("}\n") and written.startswith('{\n "name": "panic-disorder"')
    assert json.loads(written) == {"name": "panic-disorder", **stored}


def test_a_golden_is_an_immutable_value() -> None:
    golden = record_golden("g", tiny_persona(), "standard", 1, GENTLE_LINES)
    with pytest.raises(dataclasses.FrozenInstanceError):
        golden.name = "other"  # type: ignore[misc]
    assert isinstance(golden, Golden)
    assert isinstance(golden.lines, tuple) and isinstance(golden.turns, tuple)


@pytest.mark.parametrize("module", ["goldens", "whatif", "coverage", "preview"])
def test_the_persona_testing_modules_are_pure(module: str) -> None:
    path = Path(__file__).resolve().parents[1] / "mi_sim" / "scenarios" / f"{module}.py"
    allowed = ("mi_sim.engine", "mi_sim.transcript", "pydantic", "__future__")
    offenders = [name for name in imported_modules(path)
                 if name.split(".")[0] not in sys.stdlib_module_names
                 and not name.startswith(allowed)]
    assert offenders == []
