"""What the patient hears in a coded clinician line: the move, the topics, values and offers."""

from __future__ import annotations

from dataclasses import dataclass

from mi_sim.engine.coding import DOUBLE_SIDED, EVOKING, LABEL, Coding
from mi_sim.engine.index import PersonaIndex
from mi_sim.engine.persona import Move, Parameters
from mi_sim.engine.state import State
from mi_sim.engine.vocabulary import Code

EVOKABLE = frozenset({Code.QUESTION_OPEN, Code.REFLECTION_COMPLEX, Code.SEEK_COLLABORATION})
EMPATHIC = frozenset({Move.REFLECTION_COMPLEX, Move.DOUBLE_SIDED, Move.AFFIRM})
PUSHY = frozenset({Move.PERSUADE, Move.CONFRONT, Move.LABEL})
# Moves on which a patient will tell something new (a value, a hidden concern).
INVITING = frozenset({
    Move.QUESTION_OPEN, Move.EVOKE, Move.REFLECTION_SIMPLE, Move.REFLECTION_COMPLEX,
    Move.DOUBLE_SIDED, Move.AFFIRM, Move.SEEK_COLLABORATION, Move.EMPHASIZE_AUTONOMY,
})


@dataclass(frozen=True, slots=True)
class Reading:
    """The engine's reading of one clinician turn, before any state changes."""

    coding: Coding
    move: Move
    rule: str
    topics: frozenset[str]
    values: tuple[str, ...]
    commitment: str | None
    early_evoking: bool

    @property
    def empathic(self) -> bool:
        return self.move in EMPATHIC

    @property
    def inviting(self) -> bool:
        return self.move in INVITING

    @property
    def pushy(self) -> bool:
        return self.move in PUSHY


def perceive(index: PersonaIndex, params: Parameters, state: State, coding: Coding) -> Reading:
    """Name the move and what the line touches; the rule says why this move was chosen."""
    lowered = coding.text.lower()
    code = coding.code
    early = False
    if LABEL in coding.flags:
        move, rule = Move.LABEL, "labelled the problem as psychological"
    elif code is Code.QUESTION_CLOSED and state.closed_run + 1 >= params.interrogation_run:
        move, rule = Move.INTERROGATION, f"closed question number {state.closed_run + 1} in a row"
    elif DOUBLE_SIDED in coding.flags and code is Code.REFLECTION_COMPLEX:
        move, rule = Move.DOUBLE_SIDED, "double-sided reflection of ambivalence"
    elif EVOKING in coding.flags and code in EVOKABLE:
        if state.rapport >= params.evoke_rapport:
            move, rule = Move.EVOKE, "evoking change talk with rapport established"
        else:
            move, rule = Move(code.value), "evoking before there is enough rapport"
            early = True
    else:
        move, rule = Move(code.value), f"coded {code.value}"
    return Reading(
        coding=coding,
        move=move,
        rule=rule,
        topics=index.topics_in(lowered),
        values=index.values_in(lowered),
        commitment=index.commitment_in(lowered),
        early_evoking=early,
    )
