"""What the coder returns: the code of a clinician line, its segments, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

from mi_sim.engine.vocabulary import Code

Speaker = Literal["patient", "clinician"]

# Flags the coder may raise beside the code; the patient engine reacts to them.
LABEL = "label"  # names the problem as psychological without invitation ("it's just anxiety")
DOUBLE_SIDED = "double_sided"  # "part of you ... and part of you ..."
SUMMARY = "summary"  # a reflection that gathers several things the patient said
PERMISSION = "permission"  # asks permission to share or discuss something
EVOKING = "evoking"  # invites change talk: reasons, desire, values, looking forward, scaling
SCALING = "scaling"  # "on a scale from 0 to 10"
FLAGS = frozenset({LABEL, DOUBLE_SIDED, SUMMARY, PERMISSION, EVOKING, SCALING})

# Below this confidence a code is a guess: the patient reacts to it at half strength and the
# report does not build a "moment that hurt" on it (it flags the line for the supervisor).
UNSURE_BELOW: Final = 0.6


def guessed(confidence: float | None) -> bool:
    """Whether a code of this confidence is a guess (None: stored before codes had one)."""
    return confidence is not None and confidence < UNSURE_BELOW


@dataclass(frozen=True, slots=True)
class ContextLine:
    """A line said before the one being coded (oldest first in a context)."""

    speaker: Speaker
    text: str


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit of a clinician's turn with its own code."""

    text: str
    code: Code
    why: str
    rule: str


@dataclass(frozen=True, slots=True)
class Coding:
    """The coder's verdict on one clinician turn (a volley)."""

    text: str
    code: Code
    segments: tuple[Segment, ...]
    why: str
    rule: str
    flags: frozenset[str] = field(default_factory=frozenset)
    confidence: float = 1.0  # how sure the rules are of `code`, 0..1

    @property
    def unsure(self) -> bool:
        return guessed(self.confidence)
