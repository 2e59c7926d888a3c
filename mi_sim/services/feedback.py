"""The summary stored when a session ends: MITI scores, talk counts and the state trajectory."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mi_sim.engine.persona import Persona
from mi_sim.engine.state import State, start_state
from mi_sim.scoring.miti import describe, summarize

TRAJECTORY_KEYS = ("rapport", "discord", "readiness", "importance", "confidence")


def point(persona: Persona, state: State, turn: int) -> dict[str, Any]:
    public = state.public(persona.parameters_for(state.level))
    return {"turn": turn, **{key: public[key] for key in TRAJECTORY_KEYS}}


def feedback_summary(persona: Persona, level: str, seed: int,
                     turns: Sequence[tuple[str, str, dict[str, Any]]],
                     end_reason: str | None) -> dict[str, Any]:
    """`turns` holds `(code, talk, full state dict after the turn)` in turn order."""
    summary = summarize([code for code, _, _ in turns], [talk for _, talk, _ in turns])
    trajectory = [point(persona, start_state(persona, level, seed), 0)]
    trajectory += [point(persona, State.from_dict(state), number)
                   for number, (_, _, state) in enumerate(turns, start=1)]
    return {
        "turns": len(turns),
        "end_reason": end_reason,
        "miti": summary.to_dict(),
        "describe": describe(summary),
        "trajectory": trajectory,
    }
