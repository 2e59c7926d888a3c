"""The persona editor's preview: a stateless replay of clinician lines with the engine's trace.

    lines = checked_lines(["What brings you here?"], "And how is work?")
    played = play_preview(persona, lines, "standard", checked_seed("7"))
    played.to_dict()      # opening, every turn with its state and trace, whether it ended

The preview is a pure function of its arguments (the engine is deterministic for a seed), so
the editor keeps the clinician lines client-side and sends them all again with each new line.
Every refusal is a `PreviewError` whose message is for the user. Pure: the engine and
`mi_sim.transcript` only (tests/test_goldens_module.py checks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mi_sim.engine.persona import Persona
from mi_sim.engine.turn import (
    MAX_UTTERANCE,
    UtteranceError,
    check_utterance,
    open_session,
    take_turn,
)
from mi_sim.transcript import turn_record

MAX_PREVIEW_LINES = 100
"""Clinician lines in one preview (a long practice session is about 40)."""
MAX_PREVIEW_LINE = MAX_UTTERANCE
SEED_LIMIT = 2**63
"""Seeds fit 64 bits: -SEED_LIMIT <= seed < SEED_LIMIT."""

_WHOLE_NUMBER = re.compile(r"-?\d+")


class PreviewError(ValueError):
    """A preview request the engine cannot play; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Preview:
    """A replayed conversation: the opening line, the public state before the first turn
    (`start`) and every turn as a `turn_record` with its `trace`, `end_reason` and the inner
    state the trace does not show (`inner`)."""

    level: str
    seed: int
    opening: str
    opening_cue: str | None
    start: dict[str, Any]
    lines: tuple[str, ...]
    turns: tuple[dict[str, Any], ...]

    @property
    def ended(self) -> bool:
        return bool(self.turns) and bool(self.turns[-1]["ended"])

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "seed": self.seed,
                "opening": {"text": self.opening, "cue": self.opening_cue, "state": self.start},
                "lines": list(self.lines), "turns": list(self.turns), "ended": self.ended}


def checked_lines(lines: object, new_line: object = None) -> list[str]:
    """The clinician lines of a preview (plus `new_line` when given), each checked like the
    engine checks an utterance; `PreviewError` names the line that is wrong."""
    if not isinstance(lines, list | tuple):
        raise PreviewError("the preview lines must be a list of clinician lines")
    every = list(lines)
    if isinstance(new_line, str) and new_line.strip():
        every.append(new_line)
    elif new_line is not None and not isinstance(new_line, str):
        raise PreviewError("the new line must be text")
    if len(every) > MAX_PREVIEW_LINES:
        raise PreviewError(f"a preview holds at most {MAX_PREVIEW_LINES} clinician lines; "
                           "start again to go on")
    out = []
    for number, line in enumerate(every, 1):
        if not isinstance(line, str):
            raise PreviewError(f"line {number} of the preview is not text")
        try:
            out.append(check_utterance(line))
        except UtteranceError as exc:
            raise PreviewError(f"line {number} of the preview: {exc}") from None
    return out


def checked_seed(seed: object) -> int:
    """A preview seed: a whole number (text from a form, or a JSON number) fitting 64 bits;
    blank text is seed 1."""
    if isinstance(seed, str):
        text = seed.strip()
        if not text:
            return 1
        if len(text) > 20 or not _WHOLE_NUMBER.fullmatch(text):
            raise PreviewError("the seed must be a whole number")
        seed = int(text)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise PreviewError("the seed must be a whole number")
    if not -SEED_LIMIT <= seed < SEED_LIMIT:
        raise PreviewError("the seed must fit in 64 bits")
    return seed


def play_preview(persona: Persona, lines: list[str], level: str | None, seed: int) -> Preview:
    """Replay `lines` (already `checked_lines`) from the opening. A line after the patient
    has ended the session is a `PreviewError`, as it would be in a real session."""
    level = level or persona.default_level
    if level not in persona.levels:
        raise PreviewError(f"'{persona.slug}' has no level '{level}' (levels: "
                           f"{', '.join(sorted(persona.levels))})")
    state, opening = open_session(persona, level, seed)
    start = state.public(persona.parameters_for(level))
    cue = persona.opening.cue
    turns: list[dict[str, Any]] = []
    for number, line in enumerate(lines, 1):
        if state.ended:
            raise PreviewError(f"the patient ended the session at turn {number - 1}, so line "
                               f"{number} cannot be played; start again")
        result = take_turn(persona, state, line)
        state = result.state
        record = turn_record(persona, result, trace=True)
        record["end_reason"] = state.end_reason
        record["inner"] = {"good_turns": state.good_turns, "closed_run": state.closed_run,
                           "high_discord_run": state.high_discord_run,
                           "disclosed": list(state.disclosed),
                           "values_found": list(state.values_found),
                           "commitments": list(state.commitments),
                           "declined": list(state.declined),
                           "stated": list(state.stated),
                           "unanswered": list(state.unanswered),
                           "flags": list(state.flags),
                           "pending": state.pending}
        turns.append(record)
    return Preview(level, seed, opening, persona.fill(cue) if cue else None, start,
                   tuple(lines), tuple(turns))
