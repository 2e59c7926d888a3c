"""The stable strings of the product: clinician codes, client talk, change-talk subtypes.

These strings are stored, sent over the API and printed by the CLI; never rename one.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """A clinician behaviour code (MITI 4.2.1 with MISC's open/closed split)."""

    QUESTION_OPEN = "question_open"
    QUESTION_CLOSED = "question_closed"
    REFLECTION_SIMPLE = "reflection_simple"
    REFLECTION_COMPLEX = "reflection_complex"
    AFFIRM = "affirm"
    SEEK_COLLABORATION = "seek_collaboration"
    EMPHASIZE_AUTONOMY = "emphasize_autonomy"
    GIVING_INFORMATION = "giving_information"
    PERSUADE = "persuade"
    PERSUADE_WITH_PERMISSION = "persuade_with_permission"
    CONFRONT = "confront"
    FACILITATE = "facilitate"
    OTHER = "other"


class Talk(StrEnum):
    """What a client line does for change (MI client language)."""

    CHANGE = "change"
    SUSTAIN = "sustain"
    NEUTRAL = "neutral"


class Subtype(StrEnum):
    """DARN-CAT: preparatory (desire, ability, reasons, need) then mobilising talk."""

    DESIRE = "desire"
    ABILITY = "ability"
    REASONS = "reasons"
    NEED = "need"
    COMMITMENT = "commitment"
    ACTIVATION = "activation"
    TAKING_STEPS = "taking_steps"


QUESTIONS = frozenset({Code.QUESTION_OPEN, Code.QUESTION_CLOSED})
REFLECTIONS = frozenset({Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX})
MI_ADHERENT = frozenset({Code.AFFIRM, Code.SEEK_COLLABORATION, Code.EMPHASIZE_AUTONOMY})
MI_NON_ADHERENT = frozenset({Code.CONFRONT, Code.PERSUADE})

ALL_CODES: tuple[str, ...] = tuple(code.value for code in Code)
ALL_TALK: tuple[str, ...] = tuple(talk.value for talk in Talk)
