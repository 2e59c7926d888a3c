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


class FactKind(StrEnum):
    """What a factual question asks about: the kinds of a persona's fact sheet.

    The engine knows the English that asks about each kind (`mi_sim.engine.fact_cues`); a
    persona's fact sheet says what this patient answers. `person` is a named person (the fact's
    keywords hold the name); `other` is anything else the persona knows, found by keywords only.
    """

    NAME = "name"
    AGE = "age"
    HOUSEHOLD = "household"
    PARTNER = "partner"
    CHILDREN = "children"
    PARENTS = "parents"
    SIBLINGS = "siblings"
    FRIENDS = "friends"
    PERSON = "person"
    PETS = "pets"
    HOME = "home"
    WORK = "work"
    DAY = "day"
    HOBBIES = "hobbies"
    MONEY = "money"
    PLANS = "plans"
    SYMPTOMS = "symptoms"
    ONSET = "onset"
    DURATION = "duration"
    EPISODE_LENGTH = "episode_length"
    FREQUENCY = "frequency"
    WHERE = "where"
    TRIGGERS = "triggers"
    RELIEF = "relief"
    WORST = "worst"
    SLEEP = "sleep"
    APPETITE = "appetite"
    TESTS = "tests"
    DOCTORS = "doctors"
    MEDICATION = "medication"
    THERAPY = "therapy"
    FAMILY_HISTORY = "family_history"
    ALCOHOL = "alcohol"
    SMOKING = "smoking"
    CAFFEINE = "caffeine"
    DRUGS = "drugs"
    EXERCISE = "exercise"
    BELIEF = "belief"
    OTHERS_VIEW = "others_view"
    VISIT_GOAL = "visit_goal"
    ONLINE = "online"
    IMPACT = "impact"
    SAFETY = "safety"
    FEAR = "fear"
    LAST_WELL = "last_well"
    BETTER_TIMES = "better_times"
    COPING = "coping"
    FAITH = "faith"
    CONTROL = "control"
    OUTLOOK = "outlook"
    CONVINCE = "convince"
    UPSIDE = "upside"
    LAST_EPISODE = "last_episode"
    RISK = "risk"
    ALLERGIES = "allergies"
    TODAY = "today"
    OTHER = "other"


# Every persona's fact sheet should answer these (the linter warns about the missing ones).
CORE_FACT_KINDS: tuple[FactKind, ...] = tuple(
    k for k in FactKind if k not in (FactKind.PERSON, FactKind.OTHER))


class PlanAspect(StrEnum):
    """What a planning question asks about a step the patient is weighing or has agreed to
    ("when in the week could you…?", "what might get in the way?"). A commitment's `plan` says
    what this patient answers."""

    WHEN = "when"
    WHERE = "where"
    WHO = "who"
    OBSTACLES = "obstacles"
    SETBACK = "setback"
    SIGN = "sign"
