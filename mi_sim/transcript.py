"""The replay record of a turn: the JSON shape of `mi-sim replay` and golden transcripts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from mi_sim.engine.persona import Persona
from mi_sim.engine.turn import TurnResult, open_session, take_turn


def turn_record(persona: Persona, result: TurnResult, trace: bool = False) -> dict[str, Any]:
    """One turn as DESIGN §5 specifies it (plus `cue` when the reply has one)."""
    state = result.state
    record: dict[str, Any] = {
        "turn": state.turn,
        "clinician": result.clinician,
        "code": result.code,
        "patient": result.reply_text,
        "talk": result.talk.value,
        "state": state.public(persona.parameters_for(state.level)),
        "ended": state.ended,
    }
    if result.cue:
        record["cue"] = result.cue
    if trace:
        record["trace"] = result.trace.to_dict()
    return record


def replay(persona: Persona, lines: Iterable[str], level: str | None = None,
           seed: int = 0) -> Iterator[dict[str, Any]]:
    """Replay clinician lines; stops after the turn on which the patient ends the session."""
    state, _ = open_session(persona, level, seed)
    for line in lines:
        result = take_turn(persona, state, line)
        state = result.state
        yield turn_record(persona, result)
        if state.ended:
            return
