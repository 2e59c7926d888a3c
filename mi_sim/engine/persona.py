"""A persona: the immutable data the engine plays. The engine knows no persona but this shape.

Every field carries a description; `mi-sim scenario schema` exports them as JSON Schema and
`scenarios/FORMAT.md` documents them for authors (a test keeps the two in step).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from mi_sim.engine.vocabulary import Code, FactKind, PlanAspect, Subtype, Talk

SCHEMA_VERSION = 2
"""The newest format. Version 1 files (no fact sheet, no form banks) still load and play exactly
as they always did, so stored sessions of old persona versions replay turn for turn."""
SCHEMA_VERSIONS = (1, 2)

Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$", description="A lower_snake name.")]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Delta = Annotated[float, Field(ge=-1.0, le=1.0)]
Flag = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}(?::[a-z][a-z0-9_]{0,39})?$",
                            description="A memory flag: a lower_snake name, or `kind:name` for "
                            "the engine's own (`accepted:NAME`, `stated:FACT`…).")]
MAX_KEYWORD = 60  # characters in a keyword or phrase: each becomes part of a regex
Keyword = Annotated[str, Field(max_length=MAX_KEYWORD, description="A word or phrase, lower "
                               "case; words one space apart.")]
SLOT = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
# Slots the engine fills from the clinician's line, not from `facts`.
LINE_SLOTS = frozenset({"echo", "step", "option", "number"})
# A line slot that only opens a reply ("{step}? Maybe."): said without it when there is no echo.
OPENING_SLOT = re.compile(r"^\{(echo|step|option)\}[?!.,]?\s+(?=\S)")


class Band(StrEnum):
    """How the patient feels about this conversation right now (see `Parameters.band_*`)."""

    GUARDED = "guarded"
    AMBIVALENT = "ambivalent"
    OPEN = "open"


class Move(StrEnum):
    """What the engine recognised in a clinician turn: the keys of `banks`.

    The engine tries the most specific move first and falls back along the chain in
    `FALLBACKS`, ending at `fallback`, which every persona must provide at every band.
    """

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
    LABEL = "label"
    EVOKE = "evoke"
    DOUBLE_SIDED = "double_sided"
    INTERROGATION = "interrogation"
    WALKOUT = "walkout"
    FALLBACK = "fallback"
    # What the clinician's line asks for (schema 2): the form of the answer that fits.
    PERMISSION = "permission"
    SUMMARY = "summary"
    CHECK = "check"
    APOLOGY = "apology"
    THANKS = "thanks"
    CLOSING = "closing"
    GREETING = "greeting"
    CHOICE = "choice"
    FUTURE = "future"
    INVITE = "invite"
    PROPOSAL = "proposal"
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"
    DONT_KNOW = "dont_know"
    CLARIFY = "clarify"
    AGAIN = "again"
    STRANGER = "stranger"
    ADVISE_OTHER = "advise_other"
    CHECK_IN = "check_in"
    RULER = "ruler"
    RULER_WHY = "ruler_why"
    FEELING = "feeling"
    EVERYDAY = "everyday"
    KEY_QUESTION = "key_question"
    NO_STEP = "no_step"
    LINE_CHECK = "line_check"
    OVERSTATED = "overstated"
    CORRECTION = "correction"
    PONDER = "ponder"
    SESSION_PLAN = "session_plan"


FORM_BANKS: frozenset[Move] = frozenset({
    Move.PERMISSION, Move.SUMMARY, Move.CHECK, Move.APOLOGY, Move.THANKS, Move.CLOSING,
    Move.GREETING, Move.CHOICE, Move.FUTURE, Move.INVITE, Move.PROPOSAL, Move.YES, Move.NO,
    Move.UNSURE, Move.DONT_KNOW, Move.CLARIFY, Move.AGAIN, Move.STRANGER, Move.ADVISE_OTHER,
    Move.CHECK_IN, Move.RULER, Move.RULER_WHY, Move.FEELING, Move.EVERYDAY, Move.KEY_QUESTION,
    Move.LINE_CHECK, Move.OVERSTATED, Move.CORRECTION, Move.NO_STEP, Move.PONDER,
    Move.SESSION_PLAN,
})
"""Banks keyed by what the line asks for rather than by its MITI code (schema 2 only)."""


FALLBACKS: dict[Move, tuple[Move, ...]] = {
    Move.LABEL: (Move.CONFRONT, Move.FALLBACK),
    Move.EVOKE: (Move.QUESTION_OPEN, Move.FALLBACK),
    Move.DOUBLE_SIDED: (Move.REFLECTION_COMPLEX, Move.FALLBACK),
    Move.INTERROGATION: (Move.QUESTION_CLOSED, Move.FALLBACK),
    Move.REFLECTION_SIMPLE: (Move.REFLECTION_COMPLEX, Move.FALLBACK),
    Move.PERSUADE_WITH_PERMISSION: (Move.GIVING_INFORMATION, Move.FALLBACK),
    Move.SEEK_COLLABORATION: (Move.QUESTION_OPEN, Move.FALLBACK),
    Move.EMPHASIZE_AUTONOMY: (Move.AFFIRM, Move.FALLBACK),
    Move.FACILITATE: (Move.FALLBACK,),
    Move.OTHER: (Move.FALLBACK,),
    Move.WALKOUT: (),
    Move.FALLBACK: (),
    **{move: () for move in FORM_BANKS},  # when empty, the line is answered by its MITI move
}


def fallback_chain(move: Move) -> tuple[Move, ...]:
    """The banks tried for `move`, most specific first."""
    return (move, *FALLBACKS.get(move, (Move.FALLBACK,)))


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reply(Strict):
    """One thing the patient can say. `{slot}`s are filled from `facts` (and `{echo}`, `{step}`,
    `{option}` from the clinician's line)."""

    text: str = Field(min_length=1, max_length=800, description="What the patient says.")
    talk: Talk = Field(default=Talk.NEUTRAL,
                       description="Client talk label: change, sustain or neutral.")
    subtype: Subtype | None = Field(
        default=None, description="For change (or sustain) talk: desire, ability, reasons, need, "
        "commitment, activation or taking_steps (DARN-CAT).")
    cue: str | None = Field(
        default=None, max_length=200, description="A non-verbal cue shown beside the line, "
        "e.g. 'looks at the floor'.")
    bands: list[Band] = Field(
        default_factory=lambda: list(Band), description="Bands in which this reply may be "
        "chosen (default: all three).")
    topics: list[Name] = Field(
        default_factory=list, description="Topics (names from `topics`) this reply answers; "
        "preferred when the clinician's line touches one of them, skipped when it touches none.")
    requires: list[Flag] = Field(
        default_factory=list, max_length=10, description="Schema 2: memory flags that must all "
        "be set for this reply to be said (set by other replies' `sets`, or by the engine: "
        "`accepted:STEP`, `declined:STEP`, `disclosed:CONCERN`, `value:VALUE`, `stated:FACT`, "
        "`ruler:SCALE` for the last ruler asked).")
    unless: list[Flag] = Field(
        default_factory=list, max_length=10, description="Schema 2: memory flags that must all "
        "be unset for this reply to be said.")
    heard: list[Annotated[Keyword, Field(min_length=1)]] = Field(
        default_factory=list, max_length=20, description="Schema 2: words or phrases the "
        "clinician's line must contain (any one of them) for this reply to be said; use it for "
        "a reply that quotes or answers particular words (\"Overreacting?\").")
    unheard: list[Annotated[Keyword, Field(min_length=1)]] = Field(
        default_factory=list, max_length=20, description="Schema 2: words or phrases the "
        "clinician's line must NOT contain for this reply to be said; use it for a reply that "
        "points out what was left out (\"You missed the driving\").")
    sets: list[Flag] = Field(
        default_factory=list, max_length=10, description="Schema 2: memory flags set when this "
        "reply is said.")
    step: Name | None = Field(
        default=None, description="Schema 2: the step (a `commitments` name) this reply names "
        "in the patient's own words (\"Try the breathing properly, I think.\"); planning "
        "questions that follow (\"when could you do that?\") are about it.")
    offer: bool = Field(
        default=False, description="Schema 2: the reply offers to say more (\"Can I explain?\"); "
        "if the clinician's next line invites it, the patient says more on the same subject.")

    @property
    def conditional(self) -> bool:
        """Whether the reply depends on the conversation's memory or the line's words."""
        return bool(self.requires or self.unless or self.heard or self.unheard)


class Fact(Strict):
    """Something the patient knows about their own life, and how they say it when asked."""

    name: Name = Field(description="Unique among the fact sheet's entries; `stated:NAME` is "
                       "set once the patient has said it.")
    kind: FactKind = Field(description="What kind of question asks for it (household, work, "
                           "onset, medication…; `person` for a named person, `other` for "
                           "anything found by its keywords only).")
    keywords: list[Annotated[Keyword, Field(min_length=1)]] = Field(
        default_factory=list, max_length=40, description="Words or names that point at this "
        "fact in the clinician's line beyond its kind's usual words (lower case): a person's "
        "name, a test ('heart monitor'), a place.")
    answers: list[Reply] = Field(min_length=1, description="The answer, fact first, in the "
                                 "patient's voice; use `bands` for a curt guarded answer and a "
                                 "fuller open one.")
    private: Name | None = Field(
        default=None, description="A concern's name: until that concern is disclosed the "
        "patient answers with `deflect` instead (or discloses it, if its gate opens now).")
    deflect: list[Reply] = Field(
        default_factory=list, description="What the patient says while the fact is private "
        "(required with `private`).")


class Brief(Strict):
    """What the trainee reads before starting."""

    summary: str = Field(min_length=1, max_length=400, description="One or two sentences for "
                         "the persona gallery.")
    setting: str = Field(min_length=1, max_length=2000, description="Where and why you meet "
                         "this patient; what you know from the referral.")
    good_practice_for: list[str] = Field(
        min_length=1, description="MI skills this persona is good practice for.")
    tips: list[str] = Field(default_factory=list, description="Optional hints for beginners.")


class Affect(Strict):
    """A feeling that rises with triggers, falls with soothers and decays every turn."""

    name: Name
    start: Unit = Field(default=0.2, description="Level at the start of a session.")
    decay: Unit = Field(default=0.15, description="Fraction of the level lost every turn.")
    triggers: dict[str, Delta] = Field(
        default_factory=dict, description="Rise per trigger: a code, a move (`label`, "
        "`interrogation`…) or `topic:NAME`.")
    soothers: dict[str, Delta] = Field(
        default_factory=dict, description="Fall per soother, same keys as triggers.")
    effects: dict[str, Delta] = Field(
        default_factory=dict, description="Per turn, level × weight added to `rapport`, "
        "`discord`, `importance` or `confidence`.")


class Unlock(Strict):
    """When a hidden concern becomes sayable."""

    rapport: Unit = Field(default=0.5, description="Rapport at least this.")
    max_discord: Unit = Field(default=0.5, description="Discord at most this.")
    good_turns: int = Field(
        default=2, ge=0, le=50, description="At least this many empathic turns so far "
        "(complex reflections, affirmations, double-sided reflections).")
    topics: list[Name] = Field(
        default_factory=list, description="If given, the clinician must touch one of these "
        "topics for the disclosure to come out.")


class Concern(Strict):
    """A fear the patient does not say at first (labelled, losing independence, side effects)."""

    name: Name
    description: str = Field(min_length=1, max_length=600, description="For instructors and "
                             "supervisors: what this concern is.")
    unlock: Unlock = Field(default_factory=Unlock)
    disclosures: list[Reply] = Field(min_length=1, description="What the patient says when the "
                                     "gate opens (one is used).")
    effects: dict[str, Delta] = Field(
        default_factory=dict, description="Added once on disclosure to `rapport`, `discord`, "
        "`importance` or `confidence`.")


class Value(Strict):
    """Something the patient cares about that the trainee can discover."""

    name: Name
    description: str = Field(min_length=1, max_length=400)
    keywords: list[Keyword] = Field(min_length=1, max_length=100, description="Words that "
                                    "show the clinician is asking about or reflecting this "
                                    "value (lower case).")
    replies: list[Reply] = Field(min_length=1, description="What the patient says when the "
                                 "value is explored with an open question or reflection.")
    importance: Delta = Field(default=0.08, description="Importance gained the first time the "
                              "value is explored.")


class Commitment(Strict):
    """A small, reversible step the patient could agree to."""

    name: Name
    description: str = Field(min_length=1, max_length=400)
    keywords: list[Keyword] = Field(min_length=1, max_length=100, description="Words that "
                                    "show the clinician is offering this step (lower case).")
    min_readiness: Unit = Field(default=0.35, description="Readiness needed to agree.")
    accept: list[Reply] = Field(min_length=1, description="Agreeing (change talk, usually "
                                "commitment or activation).")
    decline: list[Reply] = Field(min_length=1, description="Not yet (sustain talk).")
    plan: dict[PlanAspect, list[Reply]] = Field(
        default_factory=dict, description="Schema 2: answers to planning questions about this "
        "step, by what they ask: `when` (which day, what time), `where`, `who` (who could help, "
        "who to tell), `obstacles` (what might get in the way), `setback` (what if it goes "
        "wrong), `sign` (how they would know it helped).")


class EffectRow(Strict):
    """How one move shifts the public state before scaling (see `Parameters`)."""

    rapport: Delta = 0.0
    discord: Delta = 0.0
    importance: Delta = 0.0
    confidence: Delta = 0.0
    mistrust: Delta = 0.0


class Parameters(Strict):
    """Named numbers that shape the patient; a level overrides any of them."""

    rapport_start: Unit = Field(default=0.3, description="Rapport at the opening line.")
    discord_start: Unit = Field(default=0.2, description="Discord at the opening line.")
    importance_start: Unit = Field(default=0.3, description="How important change feels.")
    confidence_start: Unit = Field(default=0.3, description="How able the patient feels.")
    mistrust_start: Unit = Field(default=0.1, description="Mistrust of clinicians; it ratchets.")
    reward_scale: float = Field(default=1.0, ge=0.0, le=3.0, description="Multiplies positive "
                                "rapport, importance and confidence changes and discord falls.")
    punish_scale: float = Field(default=1.0, ge=0.0, le=3.0, description="Multiplies discord "
                                "rises, rapport falls and mistrust rises.")
    discord_decay: Unit = Field(default=0.08, description="Fraction of discord lost per turn.")
    mistrust_drag: Unit = Field(default=0.5, description="How much mistrust damps rapport "
                                "gains (0: not at all, 1: fully).")
    evoke_rapport: Unit = Field(default=0.4, description="Rapport needed before an evoking "
                                "question draws change talk rather than irritation.")
    interrogation_run: int = Field(default=3, ge=2, le=10, description="Closed questions in a "
                                   "row that feel like an interrogation.")
    band_guarded_discord: Unit = Field(default=0.5, description="Discord at or above this: "
                                       "guarded.")
    band_guarded_rapport: Unit = Field(default=0.25, description="Rapport below this: guarded.")
    band_open_readiness: Unit = Field(default=0.3, description="Readiness at or above this "
                                      "(and not guarded): open.")
    walkout_discord: Unit = Field(default=0.8, description="Discord at or above this counts "
                                  "toward a walk-out.")
    walkout_turns: int = Field(default=3, ge=1, le=20, description="Turns in a row at or "
                               "above `walkout_discord` before the patient leaves.")
    change_bias: float = Field(default=0.0, ge=-1.0, le=1.0, description="Shifts the choice "
                               "between change and sustain talk (positive: more change).")


class Persona(Strict):
    """A simulated patient: brief, facts, inner life, and what they can say."""

    schema_version: int = Field(description=f"Always {SCHEMA_VERSION} for this format.")
    slug: str = Field(pattern=r"^[a-z][a-z0-9-]{1,47}$", description="Stable identifier used "
                      "in URLs, the CLI and stored sessions.")
    title: str = Field(min_length=1, max_length=120, description="Name and problem, for lists.")
    brief: Brief
    facts: dict[Name, str] = Field(
        default_factory=dict, description="Template slots: `{name}` in any reply is replaced "
        "by the fact's value.")
    fact_sheet: list[Fact] = Field(
        default_factory=list, description="Schema 2: what the patient answers when asked about "
        "their life and history; a factual question gets its fact first.")
    opening: Reply = Field(description="The patient's first line.")
    parameters: Parameters = Field(default_factory=Parameters)
    levels: dict[Name, dict[str, float]] = Field(
        description="Difficulty levels by name (at least gentle, standard and hard); each "
        "overrides some `parameters`.")
    default_level: Name = Field(default="standard", description="The level used when none "
                                "is asked for.")
    effects: dict[Move, EffectRow] = Field(
        default_factory=dict, description="Overrides of the engine's default effect of a move "
        "on the state (rarely needed).")
    topics: dict[Name, Annotated[list[Keyword], Field(max_length=100)]] = Field(
        default_factory=dict, max_length=100, description="Topics by name, each a list of "
        "lower-case words or phrases that mark it in the clinician's line.")
    affects: list[Affect] = Field(default_factory=list)
    concerns: list[Concern] = Field(default_factory=list, description="Hidden concerns behind "
                                    "gates.")
    values: list[Value] = Field(default_factory=list, description="Values to discover.")
    commitments: list[Commitment] = Field(default_factory=list, description="Small steps the "
                                          "patient could agree to.")
    banks: dict[Move, list[Reply]] = Field(description="Replies by move; `fallback` and "
                                           "`walkout` are required.")

    _levels: dict[str, Parameters] = PrivateAttr(default_factory=dict)
    _cache: dict[str, object] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _check_shape(self) -> Persona:
        if self.schema_version not in SCHEMA_VERSIONS:
            raise ValueError(f"schema_version must be {SCHEMA_VERSION} (or 1 for an old file)")
        if self.schema_version == 1:
            _check_version_one(self)
        for required in ("gentle", "standard", "hard"):
            if required not in self.levels:
                raise ValueError(f"levels must include '{required}'")
        if self.default_level not in self.levels:
            raise ValueError(f"default_level '{self.default_level}' is not one of the levels")
        known = set(Parameters.model_fields)
        base = self.parameters.model_dump()
        for level, overrides in self.levels.items():
            for key in overrides:
                if key not in known:
                    raise ValueError(f"level '{level}' sets unknown parameter '{key}'")
            self._levels[level] = Parameters.model_validate({**base, **overrides})
        for required_bank in (Move.FALLBACK, Move.WALKOUT):
            if not self.banks.get(required_bank):
                raise ValueError(f"banks must include a non-empty '{required_bank.value}'")
        return self

    @property
    def understands(self) -> bool:
        """Whether the patient reads what is asked (schema 2): facts, forms and memory. A
        version 1 persona plays as it always did, so its stored sessions replay exactly."""
        return self.schema_version >= 2

    def names(self) -> frozenset[str]:
        """Capitalised words of the persona's facts and people (kept capitalised mid-line)."""
        cached = self._cache.get("names")
        if not isinstance(cached, frozenset):
            words = {w for value in self.facts.values() for w in re.findall(r"[A-Z][\w'-]*", value)}
            words |= {k.capitalize() for f in self.fact_sheet if f.kind is FactKind.PERSON
                      for k in f.keywords}
            cached = self._cache["names"] = frozenset(words)
        return cached

    def capitalised_midline(self) -> frozenset[str]:
        """Words the persona's facts capitalise mid-sentence ("Mum", "Helen", "September")."""
        cached = self._cache.get("midline")
        if not isinstance(cached, frozenset):
            texts = list(self.facts.values()) + [
                reply.text for f in self.fact_sheet for reply in f.answers]
            cached = self._cache["midline"] = frozenset(
                w.removesuffix("'s").strip("'-") for text in texts
                for w in re.findall(r"(?<=[a-z,] )[A-Z][a-z'-]+", text))
        return cached

    def proper_names(self) -> frozenset[str]:
        """Single words the persona always writes capitalised: its people's names and words
        capitalised mid-sentence in its facts ("Helen", "Nadia", "September")."""
        cached = self._cache.get("proper_names")
        if not isinstance(cached, frozenset):
            texts = list(self.facts.values()) + [
                reply.text for f in self.fact_sheet for reply in f.answers]
            words = set(self.capitalised_midline())
            spoken = " ".join(reply.text for reply in all_replies(self))
            common = set(re.findall(r"(?<![.!?] )\b[a-z][a-z'-]+", " ".join(texts) + " " + spoken))
            words |= {k.capitalize() for f in self.fact_sheet if f.kind is FactKind.PERSON
                      for k in f.keywords if " " not in k}
            common |= {"may", "march", "will", "i'd", "i'm", "i've", "i'll"}
            words = {w for w in words if len(w) > 1 and w.lower() not in common}
            cached = self._cache["proper_names"] = frozenset(words)
        return cached

    def fact(self, name: str) -> Fact | None:
        return next((f for f in self.fact_sheet if f.name == name), None)

    def parameters_for(self, level: str) -> Parameters:
        """The parameters at `level` (a `KeyError` for an unknown level)."""
        return self._levels[level]

    @property
    def cache(self) -> dict[str, object]:
        """Per-process derived data (compiled matchers); never part of the persona's value."""
        return self._cache

    def fill(self, text: str) -> str:
        """Replace `{slot}`s by facts; unknown slots stay as written (the linter reports them)."""
        return SLOT.sub(lambda m: self.facts.get(m.group(1), m.group(0)), text)


def all_replies(persona: Persona) -> list[Reply]:
    """Every reply of the persona, in file order (opening, banks, inner life, fact sheet)."""
    out = [persona.opening]
    for replies in persona.banks.values():
        out.extend(replies)
    for concern in persona.concerns:
        out.extend(concern.disclosures)
    for value in persona.values:
        out.extend(value.replies)
    for commitment in persona.commitments:
        out.extend(commitment.accept)
        out.extend(commitment.decline)
        for replies in commitment.plan.values():
            out.extend(replies)
    for fact in persona.fact_sheet:
        out.extend(fact.answers)
        out.extend(fact.deflect)
    return out


def _check_version_one(persona: Persona) -> None:
    """A version 1 file may not use what version 2 added (it would be silently ignored)."""
    if persona.fact_sheet:
        raise ValueError("`fact_sheet` needs schema_version 2")
    if any(c.plan for c in persona.commitments):
        raise ValueError("a commitment's `plan` needs schema_version 2")
    forms = sorted(m.value for m in persona.banks if m in FORM_BANKS)
    if forms:
        raise ValueError(f"the banks {', '.join(forms)} need schema_version 2")
    if any(r.conditional or r.sets or r.offer or r.step for r in all_replies(persona)):
        raise ValueError("`requires`, `unless`, `heard`, `unheard`, `sets`, `offer` and `step` "
                         "need schema_version 2")


def move_for_code(code: Code) -> Move:
    return Move(code.value)
