"""Planning questions about a step: which aspect of a change plan a line asks for, and which
step the conversation is planning.

    aspect_asked("what might get in the way of writing that first page?")  # OBSTACLES
    step_planned(persona, index, state, "…when in the week could you write it?")

A rule table, read top to bottom: the first aspect whose words the line holds. A step is planned
when the line names it (a commitment's keywords), else when the patient has just named it,
agreed to it or weighed it (the latest accepted step, or a step whose reply was said in the last
three turns).
Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Final

from mi_sim.engine.index import PersonaIndex
from mi_sim.engine.persona import Commitment, Persona
from mi_sim.engine.state import State
from mi_sim.engine.vocabulary import PlanAspect

_MODAL: Final = r"(?:could|would|will|might|can|are you going to|do you think you(?:'d| would))"
_DO: Final = (r"(?:do|start|try|fit|write|make|give|begin|keep|have|go|get|put|take|sit down|"
              r"find time|manage|book|ring|text|send|ask|tell|walk|practi[cs]e)")

PLAN_CUES: Final[tuple[tuple[PlanAspect, re.Pattern[str]], ...]] = (
    (PlanAspect.SETBACK, re.compile(
        r"\b(?:if|say|suppose|what if) (?:it|that|the \w+|you|things) (?:does not|doesn't|don't|do "
        r"not|did not|didn't) (?:work|go|happen|help|get done)\b|\bif (?:it|that|things) (?:goes|go"
        r"|went) (?:wrong|badly|pear-shaped)\b|\b(?:stays|stay|is|comes out) (?:blank|rubbish|"
        r"terrible|awful)\b|\bif you (?:miss(?:ed)?|skip(?:ped)?|slip(?:ped)?|forg[eo]t|give up|"
        r"gave up|ha(?:ve|d) a bad)\b|\bplan b\b|"
        r"\bwhat would you do then\b|\bwhat (?:then|happens then)\?")),
    (PlanAspect.OBSTACLES, re.compile(
        r"\b(?:get|gets|getting|got|stand|stands) in (?:the|your) way\b(?! (?:there|at work|of "
        r"(?:work|your work|the job)))|\bwhat (?:might|could|"
        r"would|will|is likely to) (?:stop|trip you up|make it hard|put you off|derail)\b|"
        r"\bobstacles?\b|\bbarriers?\b|\bwhat (?:might|could) (?:go wrong|make (?:it|that) "
        r"(?:harder|difficult))\b|\bwhat(?:'s| has| is) (?:been )?(?:stopped|stopping|kept|"
        r"keeping) you\b|\bwhat (?:would|might|could) make (?:it|that) (?:a bit |any )?easier "
        r"(?:to|for you)\b")),
    (PlanAspect.SIGN, re.compile(
        r"\bhow (?:will|would|might) you know (?:it|if it|that|it's|it is|it has|whether)\b|"
        r"\bhow (?:will|would|might) you know (?:\w+ ){1,5}?(?:had |has |have |was |is )?(?:helped|"
        r"helping|worked|working|made a difference)\b|\bwhat "
        r"would (?:tell|show) you (?:it|that)\b|\bhow would you tell (?:if|whether)\b")),
    (PlanAspect.WHO, re.compile(
        r"\bwho (?:could|might|would|can|will) (?:help|support|back you|be there|know|you tell|"
        r"keep you)\b|\bwho (?:could|would|might) you (?:tell|ask|lean on)\b|\banyone (?:who|that) "
        r"(?:could|might|would) (?:help|support)\b|\bwho\b[^?]{1,40}?\b(?:could|might|would|can) "
        r"(?:help|support) you\b|\bwho (?:could|might|would|can|will) (?:go|"
        r"come) (?:with you|along)\b")),
    (PlanAspect.WHERE, re.compile(r"\bwhere (?:could|would|will|might|can) you " + _DO + r"\b|"
                                  r"\bwhere (?:do you think|would you say) you (?:might|could|"
                                  r"would|will|can|'d)\b")),
    (PlanAspect.WHEN, re.compile(
        r"\bwhen (?:in the (?:week|day)|this week|next week|exactly)?,? ?" + _MODAL + r" you\b|"
        r"\b(?:which|what) (?:day|days|time|evening|morning|night)s? (?:of the week |this week )?"
        + _MODAL + r" you\b|\bwhen (?:in the (?:week|day) )?(?:could|would|will|might) (?:that|it) "
        r"(?:happen|be)\b|"
        r"\bwould (?:a |this |next )?(?:this|next|tomorrow|today|tonight|\w+day|morning|evening|"
        r"weekend)\b[^?]{0,70}\b(?:work|suit|be (?:ok|okay|realistic|doable|better))\b|\bwhat "
        r"time (?:of (?:the )?day )?(?:would|could|might) (?:work|suit|be best)\b|"
        r"^(?:and |so |okay,? |ok,? )?which (?:meeting|day|one|call|night|evening|morning|time)s?"
        r"(?: (?:would|will|might|could) (?:that|it) be| though| then)?\W*$|"
        r"\bhow (?:would|will|might|could) you go about (?:it|that|this|telling|doing|starting)\b|"
        r"\bwhen (?:and where |in the (?:week|day) |this week |next week )?(?:do you think|would "
        r"you say) you "
        r"(?:might|could|will|can|would|'d)\b|"
        r"\b(?:what|which) (?:day|days|time|evening|morning|night)s? (?:would|could|might) (?:suit|"
        r"work for|be good for) you\b|\bwhich (?:day|time|evening|morning|night|weekend)s? "
        r"(?:(?:of|this|next) (?:the )?week )?(?:would|could|might|will) (?:make (?:the )?(?:most |"
        r"more )?sense|be (?:the )?(?:best|easiest|good|realistic|right)|work|suit)\b|"
        r"\bwhich (?:day|time|evening|morning|night|weekend)s? (?:(?:of|this|next) (?:the )?week )?"
        r"(?:do|would) you (?:think|reckon|say|fancy|pick|choose)\b|"
        r"\bwhen (?:would|might|could) (?:suit|work for|be good for) "
        r"you\b|\bwhen(?:'s| is| would be) (?:a )?good (?:time |day )?for you\b|\bwhen (?:might|"
        r"would|could) (?:be )?(?:a )?good (?:moment|time|day|evening|night)\b")),
)


def aspect_asked(text: str) -> PlanAspect | None:
    """The aspect of a plan a (normalised) question asks about, or None."""
    return next((aspect for aspect, rx in PLAN_CUES if rx.search(text)), None)


def step_planned(persona: Persona, index: PersonaIndex, state: State,
                 text: str) -> Commitment | None:
    """The step the conversation is planning: named in the line (even after a "not yet": it is
    being weighed again), else one whose plan was just talked about or that was just agreed to,
    else the latest agreed to."""
    named = index.commitment_in(text)
    if named is None:
        named = discussed(state)  # (one declined is answered with why not, by the caller)
    if named is None and state.last_patient and POINTS_AT_A_STEP.search(text):  # "Maybe get down
        named = index.commitment_in(state.last_patient.lower())  # the allotment." "If you
        # tried that, what might get in the way?": the step the patient just named
    if named is None:
        recent = [used.split(".")[1] for used in reversed(state.used[-3:])
                  if used.startswith("commitment.") and (
                      ".plan." in used or used.split(".")[1] not in state.declined)]
        named = recent[0] if recent else (state.commitments[-1] if state.commitments else None)
    if named is None:
        return None
    return next((c for c in persona.commitments if c.name == named), None)


# A step referred to, not named: "would you be willing to try that?", "give it a go", "if you
# tried that, what might get in the way?".
POINTS_AT_A_STEP: Final = re.compile(
    r"\b(?:tried|try|do|gave|give|giving|start|have a go at) (?:that|it|this)\b"
    r"|\b(?:that|it|this) a (?:go|try|shot)\b")

DISCUSSED: Final = "discussing:"


def discussed(state: State) -> str | None:
    """The step the clinician named last (kept in the state's flags as `discussing:NAME`)."""
    return next((f.removeprefix(DISCUSSED) for f in reversed(state.flags)
                 if f.startswith(DISCUSSED)), None)


OFFERED: Final = "offered_step:"  # a step the patient named as their own ("Maybe leave the
# phone downstairs one night."): planning it later is taking up their idea, not a new proposal


def offered_by_them(state: State, step: str) -> bool:
    """Whether the patient named `step` themselves earlier in the session."""
    return OFFERED + step in state.flags


def with_discussed(flags: tuple[str, ...], step: str) -> tuple[str, ...]:
    """The flags with `step` as the one being discussed (one such flag at a time)."""
    return (*(f for f in flags if not f.startswith(DISCUSSED)), DISCUSSED + step)
