"""What-if: change one clinician line of a stored conversation and replay from there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from personas import tiny_persona, tiny_persona_data

from mi_sim.engine.persona import Persona
from mi_sim.engine.turn import MAX_UTTERANCE, open_session, take_turn
from mi_sim.scenarios.loader import load_catalog, load_persona_file
from mi_sim.scenarios.whatif import (
    WhatIf,
    WhatIfError,
    first_difference,
    same_turn,
    side_by_side,
    what_if,
)
from mi_sim.transcript import turn_record

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLE = Path(__file__).resolve().parent / "data" / "example_persona.yaml"
SCRIPT = [line for line in (GOLDEN / "conversation.txt").read_text("utf-8").splitlines() if line]
LABEL = "It's all in your head."
LINES = [
    "What brings you here?",
    "It sounds like you're scared something is really wrong.",
    "You've coped with a lot.",
    "It sounds like work has been hard and you worry about your kids.",
    "What would you think about keeping a diary?",
    "How would you like things to be?",
]


def stored_session(persona: Persona, level: str, seed: int,
                   lines: list[str]) -> list[dict[str, Any]]:
    """A session as the app plays it, turn by turn, kept as turn records."""
    state, _ = open_session(persona, level, seed)
    records = []
    for line in lines:
        result = take_turn(persona, state, line)
        state = result.state
        records.append(turn_record(persona, result))
        if state.ended:
            break
    return records


def reworded(persona_data: dict[str, Any]) -> Persona:
    """Another version: every bank reply reworded (same labels, so the same dynamics)."""
    for move, replies in persona_data["banks"].items():
        for i, reply in enumerate(replies):
            reply["text"] = f"v2 {move} {i}"
    return Persona.model_validate(persona_data)


@pytest.mark.parametrize("slug", sorted(load_catalog()))
def test_replaying_the_stored_lines_reproduces_a_session_played_turn_by_turn(slug: str) -> None:
    persona = load_catalog()[slug]
    for level, seed in (("standard", 7), ("hard", 123456789), ("gentle", -5)):
        session = stored_session(persona, level, seed, SCRIPT)
        result = what_if(persona, persona, SCRIPT, level, seed, 1, SCRIPT[0])
        assert list(result.original) == session
        assert result.branch == result.original
        assert result.first_difference is None


def test_the_example_persona_replays_exactly_too() -> None:
    persona = load_persona_file(EXAMPLE)
    session = stored_session(persona, "hard", 3, SCRIPT)
    assert list(what_if(persona, persona, SCRIPT, "hard", 3, 2, "Mm.").original) == session


def test_the_branch_keeps_the_earlier_turns_and_says_the_new_line_at_the_changed_turn() -> None:
    persona = tiny_persona()
    result = what_if(persona, persona, LINES, "gentle", 2, 3, LABEL)
    assert result.changed_turn == 3
    assert result.branch[:2] == result.original[:2]
    assert result.branch[2]["clinician"] == LABEL
    assert result.branch[2]["code"] == "confront" != result.original[2]["code"]
    assert result.first_difference == 3
    assert [t["clinician"] for t in result.branch] == [*LINES[:2], LABEL, *LINES[3:]]


def test_the_new_line_is_stripped_like_any_clinician_line() -> None:
    persona = tiny_persona()
    result = what_if(persona, persona, LINES, "gentle", 2, 2, f"  {LABEL}\n")
    assert result.branch[1]["clinician"] == LABEL


def test_dropping_the_later_lines_ends_the_branch_at_the_changed_turn() -> None:
    persona = tiny_persona()
    result = what_if(persona, persona, LINES, "gentle", 2, 3, LABEL, keep_later_lines=False)
    assert len(result.original) == len(LINES)
    assert len(result.branch) == 3
    assert result.first_difference == 3


def test_a_branch_that_provokes_a_walk_out_stops_there() -> None:
    persona = tiny_persona()
    lines = [LABEL, LABEL, "You've coped with a lot.", *LINES]
    quick = Persona.model_validate({**tiny_persona_data(), "levels": {
        "gentle": {}, "standard": {"walkout_turns": 1, "walkout_discord": 0.7}, "hard": {}}})
    result = what_if(persona, quick, lines, "standard", 1, 3, LABEL)
    assert len(result.original) == len(lines)
    assert len(result.branch) == 3 and result.branch[-1]["ended"] is True
    assert result.first_difference == 3


def test_the_branch_can_play_against_another_version_of_the_persona() -> None:
    v1 = tiny_persona()
    v2 = reworded(tiny_persona_data())
    result = what_if(v1, v2, LINES, "gentle", 2, 4, LINES[3])
    assert result.original == tuple(stored_session(v1, "gentle", 2, LINES))
    assert result.first_difference == 1, "a reworded bank changes the replies from turn 1"
    assert result.branch[0]["patient"].startswith("v2 ")
    assert [t["code"] for t in result.branch] == [t["code"] for t in result.original]


def test_the_same_line_against_the_same_version_makes_no_difference() -> None:
    persona = tiny_persona()
    result = what_if(persona, persona, LINES, "standard", 9, 5, LINES[4])
    assert result.original == result.branch
    assert result.first_difference is None


def test_the_first_difference_counts_a_turn_only_one_branch_has() -> None:
    a = ({"patient": "x", "code": "affirm", "talk": "neutral", "state": {}, "ended": False},)
    b = (*a, {**a[0], "clinician": "more"})
    assert first_difference(a, b) == 2
    assert first_difference(b, a) == 2
    assert first_difference(a, a) is None
    assert first_difference((), ()) is None
    assert same_turn(a[0], {**a[0], "clinician": "not compared"})
    assert not same_turn(a[0], {**a[0], "state": {"rapport": 0.5}})
    assert not same_turn(a[0], {**a[0], "cue": "sighs"})


def test_side_by_side_pairs_the_turns_and_leaves_a_gap_where_a_branch_ended() -> None:
    persona = tiny_persona()
    result = what_if(persona, persona, LINES, "gentle", 2, 2, LABEL, keep_later_lines=False)
    rows = side_by_side(result)
    assert [n for n, _, _ in rows] == list(range(1, len(LINES) + 1))
    assert rows[0] == (1, result.original[0], result.branch[0])
    assert rows[-1] == (len(LINES), result.original[-1], None)


def test_a_what_if_is_an_immutable_value() -> None:
    persona = tiny_persona()
    result = what_if(persona, persona, LINES, "gentle", 2, 2, LABEL)
    assert isinstance(result, WhatIf)
    with pytest.raises(AttributeError):
        result.changed_turn = 3  # type: ignore[misc]


@pytest.mark.parametrize(("turn", "new_line", "message"), [
    (0, LABEL, "turn 0 is out of range: the conversation has turns 1 to 6"),
    (7, LABEL, "turn 7 is out of range: the conversation has turns 1 to 6"),
    (-1, LABEL, "turn -1 is out of range"),
    (True, LABEL, "the turn to change must be a whole number"),
    (2, "   ", "the new line: the line is empty"),
    (2, "x" * (MAX_UTTERANCE + 1), f"the new line: the line is {MAX_UTTERANCE + 1} characters "
     f"long; the limit is {MAX_UTTERANCE}"),
    (2, None, "the new line: the line must be text"),
])
def test_a_bad_turn_or_new_line_is_refused_with_a_clear_message(turn: Any, new_line: Any,
                                                                 message: str) -> None:
    persona = tiny_persona()
    with pytest.raises(WhatIfError) as caught:
        what_if(persona, persona, LINES, "gentle", 2, turn, new_line)
    assert str(caught.value).startswith(message)


def test_a_turn_after_the_walk_out_cannot_be_changed() -> None:
    persona = tiny_persona()
    lines = [LABEL] * 6
    with pytest.raises(WhatIfError, match=r"^turn 5 is out of range: the conversation has "
                       r"turns 1 to 4 \(the patient walked out then\)"):
        what_if(persona, persona, lines, "hard", 1, 5, "Sorry.")


def test_a_level_missing_in_either_persona_is_refused() -> None:
    v1 = tiny_persona()
    v2 = Persona.model_validate({**tiny_persona_data(), "levels": {
        "gentle": {}, "standard": {}, "hard": {}, "expert": {"punish_scale": 2.0}}})
    with pytest.raises(WhatIfError, match=r"^the branch persona \(tiny\) has no level 'expert' "
                       r"\(levels: gentle, hard, standard\)"):
        what_if(v2, v1, LINES, "expert", 1, 1, LABEL)
    with pytest.raises(WhatIfError, match=r"^the original persona \(tiny\) has no level"):
        what_if(v1, v2, LINES, "expert", 1, 1, LABEL)
    assert what_if(v2, v2, LINES, "expert", 1, 1, LABEL).first_difference == 1


def test_no_lines_too_many_lines_or_a_refused_stored_line_is_refused() -> None:
    persona = tiny_persona()
    with pytest.raises(WhatIfError, match="no clinician lines"):
        what_if(persona, persona, [], "gentle", 1, 1, LABEL)
    with pytest.raises(WhatIfError, match="has 1001 clinician lines; a what-if replays at most"):
        what_if(persona, persona, ["Hi."] * 1001, "gentle", 1, 1, LABEL)
    with pytest.raises(WhatIfError, match="list of clinician lines, not one text"):
        what_if(persona, persona, "Hi.", "gentle", 1, 1, LABEL)
    with pytest.raises(WhatIfError, match="the original branch cannot be replayed: the line is "
                       "empty"):
        what_if(persona, persona, ["Hi.", " ", "Hi."], "gentle", 1, 1, LABEL)
