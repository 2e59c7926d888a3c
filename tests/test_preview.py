"""The editor's preview as a pure function: bounded, checked lines and seeds, a replay that is
the same for the same seed, every turn with its trace, and nothing after a walk-out."""

from __future__ import annotations

import json

import pytest
from personas import listening_persona, tiny_persona

from mi_sim.engine.turn import MAX_UTTERANCE
from mi_sim.scenarios.preview import (
    MAX_PREVIEW_LINES,
    SEED_LIMIT,
    Preview,
    PreviewError,
    checked_lines,
    checked_seed,
    play_preview,
)

LINES = ["What brings you here?", "It sounds like you're scared something is really wrong.",
         "You've coped with a lot."]
LABEL = "It's all in your head."  # the tiny persona walks out after four of these at "hard"


# --- the lines -------------------------------------------------------------------------------


def test_lines_are_checked_and_the_new_line_is_added_last() -> None:
    assert checked_lines(LINES[:2], LINES[2]) == LINES
    assert checked_lines(tuple(LINES)) == LINES
    assert checked_lines([], "  ") == [] and checked_lines([], "") == []  # a blank new line
    assert checked_lines(["  Hello  "]) == ["Hello"]  # as the engine takes an utterance


def test_a_preview_holds_at_most_max_preview_lines() -> None:
    assert len(checked_lines(["Hi"] * MAX_PREVIEW_LINES)) == MAX_PREVIEW_LINES
    with pytest.raises(PreviewError, match=f"at most {MAX_PREVIEW_LINES} clinician lines"):
        checked_lines(["Hi"] * MAX_PREVIEW_LINES, "one more")
    with pytest.raises(PreviewError, match="at most"):
        checked_lines(["Hi"] * (MAX_PREVIEW_LINES + 1))


@pytest.mark.parametrize(("lines", "new_line", "message"), [
    ("Hi", None, "must be a list of clinician lines"),
    ({"a": 1}, None, "must be a list"),
    (None, "Hi", "must be a list"),
    ([], 7, "the new line must be text"),
    (["Hi", 3], None, "line 2 of the preview is not text"),
    (["Hi", "   "], None, "line 2 of the preview: the line is empty"),
    ([], "x" * (MAX_UTTERANCE + 1), f"line 1 of the preview: .*the limit is {MAX_UTTERANCE}"),
])
def test_malformed_lines_are_refused_naming_the_line(lines: object, new_line: object,
                                                     message: str) -> None:
    with pytest.raises(PreviewError, match=message):
        checked_lines(lines, new_line)


# --- the seed --------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "seed"), [
    ("", 1), ("   ", 1), ("3", 3), (" 42 ", 42), ("-7", -7), (0, 0), (12, 12),
    (str(SEED_LIMIT - 1), SEED_LIMIT - 1), (-SEED_LIMIT, -SEED_LIMIT),
])
def test_a_seed_is_a_whole_number_from_a_form_or_json(raw: object, seed: int) -> None:
    assert checked_seed(raw) == seed


@pytest.mark.parametrize(("raw", "message"), [
    ("soon", "whole number"), ("1.5", "whole number"), ("1e3", "whole number"),
    ("9" * 21, "whole number"), (1.0, "whole number"), (True, "whole number"),
    (None, "whole number"), ([1], "whole number"),
    (SEED_LIMIT, "fit in 64 bits"), (str(-SEED_LIMIT - 1), "fit in 64 bits"),
])
def test_a_bad_seed_is_refused(raw: object, message: str) -> None:
    with pytest.raises(PreviewError, match=message):
        checked_seed(raw)


# --- the replay ------------------------------------------------------------------------------


def test_a_preview_replays_every_turn_with_its_trace_and_state() -> None:
    persona = tiny_persona()
    played = play_preview(persona, LINES, "standard", 3)
    assert isinstance(played, Preview)
    assert (played.level, played.seed, played.lines) == ("standard", 3, tuple(LINES))
    assert played.opening and not played.ended
    assert {"rapport", "discord", "readiness"} <= set(played.start)
    assert [t["turn"] for t in played.turns] == [1, 2, 3]
    for turn, line in zip(played.turns, LINES, strict=True):
        assert turn["clinician"] == line and turn["patient"]
        trace = turn["trace"]
        assert trace["rule"] and trace["code_rule"] and trace["source"] and trace["reply_id"]
        assert {"changes", "event", "move", "why", "wanted_talk"} <= set(trace)
        assert {"good_turns", "closed_run", "high_discord_run", "disclosed", "values_found",
                "commitments", "declined", "stated", "unanswered", "flags",
                "pending"} == set(turn["inner"])
        assert turn["end_reason"] is None
    data = played.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["opening"] == {"text": played.opening, "cue": played.opening_cue,
                               "state": played.start}
    assert (data["lines"], data["ended"]) == (LINES, False)


def test_a_preview_is_the_same_for_the_same_seed() -> None:
    persona = tiny_persona()
    first = play_preview(persona, LINES, "gentle", 11)
    assert play_preview(persona, LINES, "gentle", 11) == first
    assert play_preview(tiny_persona(), LINES, "gentle", 11).to_dict() == first.to_dict()
    # a longer conversation starts with the same turns
    longer = play_preview(persona, [*LINES, "What else?"], "gentle", 11)
    assert longer.turns[:3] == first.turns


def test_no_lines_is_just_the_opening_at_the_default_level() -> None:
    persona = tiny_persona()
    played = play_preview(persona, [], None, 1)
    assert (played.level, played.turns, played.ended) == (persona.default_level, (), False)


def test_an_unknown_level_is_refused_naming_the_levels() -> None:
    with pytest.raises(PreviewError, match=r"has no level 'expert' \(levels: gentle, hard, "
                                           r"standard\)"):
        play_preview(tiny_persona(), LINES, "expert", 1)


def test_a_line_after_the_walk_out_is_refused() -> None:
    persona = tiny_persona()
    walked = play_preview(persona, [LABEL] * 4, "hard", 1)
    assert walked.ended and walked.turns[-1]["end_reason"] == "walkout"
    with pytest.raises(PreviewError, match="the patient ended the session at turn 4, so line 5 "
                                           "cannot be played; start again"):
        play_preview(persona, [LABEL] * 5, "hard", 1)


def test_a_preview_is_an_immutable_value() -> None:
    played = play_preview(tiny_persona(), LINES[:1], "standard", 1)
    with pytest.raises(AttributeError):
        played.seed = 2  # type: ignore[misc]


def test_a_schema_2_preview_shows_what_was_read_and_what_the_patient_remembers() -> None:
    played = play_preview(listening_persona(), ["Who lives with you?", "Go on."], "gentle", 3)
    first = played.turns[0]
    reading = first["trace"]["understanding"]
    assert reading["ask"]["form"] == "wh" and reading["fact"]["fact"] == "household"
    assert reading["answer_rule"] == "fact"
    assert first["inner"]["stated"] == ["household"]
    assert played.turns[1]["trace"]["understanding"]["ask"]["form"] == "invite"
