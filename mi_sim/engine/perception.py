"""What the patient hears in a coded clinician line: the move, the topics, values and offers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final

from mi_sim.engine.coding import DOUBLE_SIDED, EVOKING, LABEL, Coding
from mi_sim.engine.corrections import wrong_detail
from mi_sim.engine.fact_cues import NOT_FACTUAL_RX, kinds_asked, points_back
from mi_sim.engine.facts import REPAIR, FactHit, fact_asked
from mi_sim.engine.form_lexicon import STEP_WEIGHED_RX
from mi_sim.engine.index import PersonaIndex
from mi_sim.engine.persona import Move, Parameters, Persona
from mi_sim.engine.planning import POINTS_AT_A_STEP, aspect_asked, discussed, step_planned
from mi_sim.engine.reading import Ask, Form, Slot, YesNo, plain, read_line
from mi_sim.engine.segmenter import normalise, sentence_of
from mi_sim.engine.state import State
from mi_sim.engine.vocabulary import Code, FactKind, PlanAspect

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
    ask: Ask | None = None  # schema 2: what the line asks for
    fact: FactHit | None = None  # schema 2: the fact asked about
    also: FactHit | None = None  # schema 2: another fact asked in the same line, answered first
    set_aside: tuple[str, ...] = ()  # commitments the line names only to set aside
    about: str | None = None  # the fact a permission request names ("can I ask about your dad?")
    plan: tuple[str | None, PlanAspect] | None = None  # a planning question: (step, aspect)
    # answered; (None, aspect) when no step is named, proposed or agreed, so nothing is planned
    correction: str | None = None  # the right number for a detail the line gets wrong ("nine")
    steps: tuple[str, ...] = ()  # commitments the line names, not set aside
    values_asked: bool = False  # "what matters most to you?": a value is what it asks for

    @property
    def empathic(self) -> bool:
        return self.move in EMPATHIC

    @property
    def inviting(self) -> bool:
        return self.move in INVITING

    @property
    def pushy(self) -> bool:
        return self.move in PUSHY


def perceive(index: PersonaIndex, params: Parameters, state: State, coding: Coding,
             persona: Persona | None = None) -> Reading:
    """Name the move and what the line touches; the rule says why this move was chosen. With a
    persona that understands (schema 2) also read the form, the fact asked and what is set
    aside."""
    lowered = coding.text.lower()
    code = coding.code
    early = False
    if LABEL in coding.flags:
        move, rule = Move.LABEL, "labelled the problem as psychological"
    elif code is Code.QUESTION_CLOSED and state.closed_run + 1 >= params.interrogation_run and (
            not REPAIR.search(plain(normalise(coding.text[:2000])))):  # ("but i meant nadia,
        # does she get it?" asks again after a miss: no quiz)
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
    reading = Reading(
        coding=coding,
        move=move,
        rule=rule,
        topics=index.topics_in(meant := _IDIOM.sub(" ", lowered)),
        values=index.values_in(_SELF_INTRO.sub(" ", meant)),
        commitment=index.commitment_in(lowered),
        early_evoking=early,
    )
    if persona is None or not persona.understands:
        return reading
    return _understand(persona, index, state, reading, lowered)


# What matters to them, asked without naming it.
_ASKS_VALUES: Final = re.compile(
    r"\bwhat (?:matters|is (?:most |really )?important|do you (?:value|care about))\b[^?]{0,30}"
    r"\b(?:to you|most|in (?:your )?life)\b|\bwho (?:are the people (?:that|who) )?matters? (?:the "
    r")?most to you\b|\bpeople (?:that|who) matter (?:the )?most to you\b|\bwhat else (?:goes|"
    r"would you put|matters)\b[^?]{0,30}\b(?:list|to you)\b|\bnext most important\b|\bthings? "
    r"(?:in your life )?(?:that )?matters? (?:the )?most to you\b|\bwhat (?:do|would) you (?:most "
    r"|really )?want for (?!yourself\b)\w+|\bwhat (?:would|do) you (?:like|want) (?:\w+ ){1,3}to "
    r"(?:learn|get|take) from you\b|\bwhat (?:would|does|did|will) (?:it|that|this|the \w+|your "
    r"\w+) mean to you\b|\bwhat would you (?:most )?(?:hate|dread|mind) (?:most )?to lose\b|"
    r"\bwhy (?:does|would) (?:it|that|this) matter (?:so much )?to you\b|\bwhat are (?:your|the) "
    r"(?:(?:two|three|best|main|biggest|most important|strongest) )+reasons\b|\b(?:your|the) "
    r"(?:best|main|strongest) reasons? (?:for|to)\b")

_PEOPLE: Final = re.compile(r"\b(?:family|friends?|mates|kids|children|grandson|grandchild|"
                           r"partner|husband|wife|mum|mother|brother|sister|son|daughter)\b")


# Asking leave to tell them about a step is not putting the step to them: "would it be alright
# if I shared a little about how the pain programme works?".
_TO_TELL: Final = re.compile(r"\b(?:share|shared|tell you|told you|explain|explained|say a "
                             r"(?:bit|little|few)|talk (?:you )?through|go through|run through|"
                             r"give you some information|a bit of information)\b")
# Forms on which a named step is on offer (a statement only when it pushes or advises).
_OFFERING: Final = frozenset({Form.PROPOSAL, Form.EITHER_OR})
_FEEL_ABOUT_A_STEP: Final = re.compile(r"\bhow (?:would|do|might) you feel about (?:the idea of |"
                                       r"trying |giving |doing |starting |keeping )?")
_PEOPLE_KINDS: Final = frozenset({FactKind.PERSON.value, FactKind.PARENTS.value,
                                   FactKind.PARTNER.value, FactKind.CHILDREN.value,
                                   FactKind.SIBLINGS.value, FactKind.FRIENDS.value,
                                   FactKind.HOUSEHOLD.value})
_HAVE_YOU_TRIED: Final = re.compile(r"^(?:and |so |but )?(?:have|did) you (?:ever )?(?:tried|"
                                    r"thought about|considered|thought of)\b")
def _tried_already(persona: Persona, step: str) -> bool:
    """Whether the persona's answers about what they have tried name the step's own words."""
    commitment = next((c for c in persona.commitments if c.name == step), None)
    tried = " ".join(r.text.lower() for f in persona.fact_sheet if f.kind is FactKind.RELIEF
                     for r in f.answers)
    words = {w for k in (commitment.keywords if commitment else ()) for w in k.lower().split()
             if len(w) >= 5}
    return any(re.search(rf"\b{re.escape(w)}", tried) for w in words)


_HOW_IT_SOUNDS: Final = re.compile(
    r"\bhow (?:does|would|do) (?:that|this|it|that one|this one|they) (?:sound|seem|strike you|"
    r"feel to you)\b|\bwhat do you (?:think|reckon|make) of (?:that|this|it|that one|this one|"
    r"the idea)\b|\bhow do you feel about (?:that|this|that one|this one|the idea|trying)\b")


def _understand(persona: Persona, index: PersonaIndex, state: State, reading: Reading,
                lowered: str) -> Reading:
    ask = read_line(reading.coding)
    if ask.rule == "line_check":  # "can you hear me?" asks about the call: no fact, and not
        code = reading.coding.code  # one more question in an interrogation
        return replace(reading, ask=ask, move=Move(code.value), rule=f"coded {code.value}") if (
            reading.move is Move.INTERROGATION) else replace(reading, ask=ask)
    whole = plain(normalise(reading.coding.text[:2000]))
    if _echo_question(reading.coding.text, state.last_patient) and not index.fact_mentions(
            reading.coding.text.lower()) and not kinds_asked(whole, ask.slot):  # "A hermit?"
        # "Forty minutes?" ("In the car?" names a fact of its own, and gets it; "and the
        # stomach?" asks about the stomach):
        ask = replace(ask, form=Form.INVITE, rule="echo")  # say more about what was just said
    if ask.rule in ("key_question", "agenda"):  # "so where does that leave you?", "what ideas
        own = sentence_of(whole, ask.text or whole)  # (in the question's own sentence)
        named = [name for name, start, end in index.commitment_spans(own)  # do you have
                 if not _set_aside(own, start, end, ask.negated)]  # yourself?": their own
        return replace(reading, ask=ask, values=(), commitment=None if (  # next step, never a
            ask.rule == "agenda") else (named[0] if named else None))  # fact or a value the
        # line happens to name, nor a step it sets aside ("worry time isn't for you, then…
        # what would be one small thing…?"); "we could talk about the scan, or the checking:
        # which first?" chooses a topic
    if ask.rule == "inner" and _FEEL_ABOUT_A_STEP.search(ask.text or "") and any(
            not _set_aside(whole, start, end, ask.negated)
            for _n, start, end in index.commitment_spans(ask.text or "")):
        ask = replace(ask, form=Form.PROPOSAL, rule="proposal")  # "how would you feel about
        # the diary idea instead?" puts the step to them
    fact = fact_asked(persona, index, ask, whole, state)
    if ask.also is not None and (fact is None or fact.fact is None):
        earlier = fact_asked(persona, index, ask.also, whole, state)  # "…when did it first
        if earlier is not None and earlier.fact is not None:  # start? Like, how far back?"
            fact = earlier
    spans = index.commitment_spans(whole)
    aside = tuple(sorted({name for name, start, end in spans
                          if _set_aside(whole, start, end, ask.negated)}))
    offered = [name for name, _s, _e in spans if name not in aside]
    if not offered and ask.form is not Form.SUMMARY and POINTS_AT_A_STEP.search(whole) and (
            step := discussed(state)):  # (a summary's "do it properly" says back, puts nothing)
        offered = [step]  # "Some people put off the searching… Would you be willing to try
        # that this week?": the step just described
    if offered and fact is not None and fact.kind == FactKind.RELIEF.value and (
            _HAVE_YOU_TRIED.search(ask.text or "")) and not _tried_already(persona, offered[0]):
        fact = None  # "have you tried leaving the phone downstairs?": the step put to them,
        # unless what they have tried already speaks of it ("a breathing app")
    if offered and ask.form is Form.YES_NO and STEP_WEIGHED_RX.match(ask.text or ""):
        fact = None  # "is leaving the phone downstairs also a no?" weighs the step itself
    commitment = None
    if offered and fact is None and ask.rule != "agenda" and not (
            ask.form is Form.PERMISSION and _TO_TELL.search(whole)) and (
        ask.form in _OFFERING
        or (ask.form is Form.YES_NO and ask.yes_no is YesNo.WILLING)
        or (ask.form is Form.YES_NO and STEP_WEIGHED_RX.match(ask.text or ""))
        or (ask.form is Form.YES_NO and _HAVE_YOU_TRIED.search(ask.text or ""))  # "have you
        # tried just leaving the phone downstairs?" puts the step to them, as advice
        or (ask.form is Form.WH and _HOW_IT_SOUNDS.search(ask.text or ""))  # "what about the
        # worry time, the twenty minutes – how does that one sound?" puts the step to them
        or (reading.move in (Move.PERSUADE, Move.PERSUADE_WITH_PERMISSION) and (
            ask.form is not Form.FUTURE))  # ("…one-to-one, or a workbook. But what would you
        # want to be different by September?" asks the future, whatever was said before it)
        or (ask.form is Form.STATEMENT and reading.coding.code is Code.SEEK_COLLABORATION)
    ):
        commitment = offered[0]
        if ask.form is Form.EITHER_OR and ask.options:
            chosen = [n for n in offered if index.commitment_in(ask.options[0].lower()) == n]
            commitment = chosen[0] if chosen else commitment
    also = None
    if ask.also is not None and fact is not None and fact.fact is not None:
        also = fact_asked(persona, index, ask.also, whole, state)
        if also is not None and (also.fact is None or also.fact == fact.fact or (
                {also.kind, fact.kind} <= _PEOPLE_KINDS)):  # "and health wise? how is Jean
            also = None  # doing": Jean, not the parents told again beside her
    values = () if fact is not None else reading.values
    about_a_thing = bool(ask.text) and _ABOUT_A_THING.search(ask.text) is not None
    if values and ask.form in _ASKED and ask.text and (about_a_thing or not (
            points_back(ask.text) or NOT_FACTUAL_RX.search(ask.text))):  # "a part-time job,
        # wow. what are you checking for?": a value the question's own words name, not one the
        # reflection before it did; "coming back to the allotment: what was it about being
        # there…?" names it in the question's own sentence, and "what was it about it that
        # helped?" names none (the thing talked about stays)
        own = set(index.values_in(sentence_of(whole, ask.text) if about_a_thing else ask.text))
        if own or not about_a_thing:
            values = tuple(v for v in values if v in own)
    if ask.text and _ASKS_VALUES.search(ask.text) and not set(values) - set(
            state.values_found) and (asked := _value_asked(persona, index, state, ask, whole)):
        fact, values = None, (asked,)  # "what matters most to you in life?", "after family,
        # what's the next most important thing?": the next of their values not yet found
        reading = replace(reading, values_asked=True)
    about = _permission_about(persona, index, ask) if ask.form is Form.PERMISSION else None
    return replace(reading, ask=ask, fact=fact, commitment=commitment, set_aside=aside,
                   values=values, also=also, about=about,
                   plan=_planned(persona, index, state, ask, whole),
                   correction=wrong_detail(persona, whole),
                   steps=tuple(name for name, _s, _e in spans if name not in aside))


def _value_asked(persona: Persona, index: PersonaIndex, state: State, ask: Ask,
                 whole: str) -> str | None:
    """The value a question about what matters answers: one its words name, else one the line
    names ("…the speech. What would it mean to you to do it?"), else the persona's values in
    order (for "who", those about people); the first not yet found, else the first."""
    def about_people(name: str) -> bool:  # "who matters most?" is answered by a value of people
        value = next((v for v in persona.values if v.name == name), None)
        return ask.slot is not Slot.WHO or (
            value is not None and _PEOPLE.search(" ".join(value.keywords)) is not None)

    fitting = list(index.values_in(ask.text)) or [
        v for v in index.values_in(whole) if v not in state.values_found] or [
        v for v in index.values_in(state.last_patient.lower()) if about_people(v)] or [
        v.name for v in persona.values if about_people(v.name)]  # (what they were just talking
    # about before the persona's order: "…Eli noticed." "What would it mean to you to be at his
    # next birthday?")
    return next((v for v in fitting if v not in state.values_found), None) or next(
        iter(fitting), None)


def _planned(persona: Persona, index: PersonaIndex, state: State, ask: Ask,
             whole: str) -> tuple[str, PlanAspect] | None:
    """A planning question about the step in discussion that the persona has an answer for:
    "when in the week could you sit down and write it?" after agreeing to write a page."""
    if not (ask.is_question or ask.form is Form.FUTURE) or (
            aspect := aspect_asked(ask.text or whole)) is None:
        return None
    step = step_planned(persona, index, state, whole)
    if step is None and _nothing_to_plan(ask, whole, state):
        return None, aspect  # "Maybe something small." "When could you do that?": do what?
    return (step.name, aspect) if step is not None and step.plan.get(aspect) else None


# A planning question about a step still to be taken: "when could you do that?", "what might
# get in the way?", "who could help you with it?" (not "what gets in the way of the things you
# care about?", which asks what the problem costs, nor "who could help you?").
_AHEAD: Final = re.compile(r"\b(?:could|would|will|might|are you going to|would you be able to)\b")
_ABOUT_A_STEP: Final = re.compile(r"\b(?:that|it|this)\b|\b(?:in the way|stop you|trip you up|go "
                                  r"wrong)\W*$")
# What was just said leaves a step to plan: the key question's answer, a step or a no-step reply.
_PLANNING: Final = ("key_question", "no_step", "commitment.")


_WEIGHED: Final = frozenset({"proposal", "persuade", "persuade_with_permission"})


def _nothing_to_plan(ask: Ask, whole: str, state: State) -> bool:
    """Whether a planning question with no step behind it asks about one all the same: it looks
    ahead and points at a step, just after the patient was asked what they might do (or it
    names a step with "try that", "give it a go")."""
    text = ask.text or ""
    if state.used and state.used[-1].split(":")[0] in _WEIGHED:
        return False  # ("Eating lunch in the kitchen? I'd want to think about that." "If you
        # did give it a go, what might get in the way?": a step put to them, if not theirs)
    if POINTS_AT_A_STEP.search(whole):
        return True
    return bool(state.used) and state.used[-1].startswith(_PLANNING) and bool(
        _AHEAD.search(text)) and bool(_ABOUT_A_STEP.search(text))


# Set phrases that name no worry or care of the patient's: "don't worry about me being short of
# time", "no worries".
_IDIOM: Final = re.compile(r"\b(?:do not|don't|dont|no need to|not to) worry\b|\bno worries\b|"
                           r"\bnever mind\b|\btake care\b")


# The clinician saying who they are ("I'm actually a physio working with the team here") names no
# value of the patient's.
_SELF_INTRO: Final = re.compile(
    r"\bi(?: am|'m) (?:actually |just |only )?(?:a|an|the|one of the) (?:\w+ )?(?:doctor|nurse|"
    r"physio\w*|psycholog\w+|therapist|counsell?or|gp|registrar|trainee|student|practitioner|"
    r"worker|pharmacist|doctors|nurses|team)\b[^.!?]*")


def _echo_question(text: str, said: str) -> bool:
    """A few of the patient's own words said back as a question ("A hermit?", "Forty
    minutes?", "functional?"): an invitation to say more, not a question to answer yes or no."""
    words = _WORDS.findall(text.lower())
    if not text.rstrip().endswith("?") or not 1 <= len(words) <= 4 or not said or (
            words[0] in _QUESTION_WORDS):
        return False
    heard = set(_WORDS.findall(said.lower()))
    content = [w for w in words if w not in _LITTLE_WORDS]
    return bool(content) and all(w in heard for w in content)


_WORDS: Final = re.compile(r"[a-z0-9][a-z0-9'-]*")
_QUESTION_WORDS: Final = frozenset({
    "what", "who", "when", "where", "why", "how", "which", "do", "does", "did", "is", "are",
    "was", "were", "can", "could", "would", "will", "have", "has", "should", "any", "you"})
_LITTLE_WORDS: Final = frozenset({"a", "an", "the", "so", "really", "oh", "just", "and", "but",
                                  "your", "my", "that", "this", "of"})


def _permission_about(persona: Persona, index: PersonaIndex, ask: Ask) -> str | None:
    """The fact a permission request asks to talk about ("can I ask about your dad?" → her
    parents), so that "what happened with him?" after "okay" is about him."""
    if not _ASK_ABOUT.search(ask.text):
        return None
    named = index.fact_mentions(ask.text)
    if named:
        return named[0][0]
    kinds = [kind for kind, _score in kinds_asked(ask.text[_ASK_ABOUT.search(ask.text).end():],
                                                  None)]
    return next((f.name for kind in kinds[:1] for f in persona.fact_sheet if f.kind is kind),
                None)


_ASK_ABOUT: Final = re.compile(r"\b(?:ask|talk|hear|know|come back to|go back to)(?: you)? "
                               r"(?:a bit |a little |more )?(?:about|to)\b")


_ASKED: Final = frozenset({Form.WH, Form.YES_NO, Form.EITHER_OR, Form.FUTURE})
# A worry about something named ("what worries you about the help Dr Mensah offered?") asks
# about that, not about the values the reflection before it named;
_ABOUT_A_THING: Final = re.compile(
    r"\b(?:worries|worry|scares|frightens|puts) you (?:off )?about\b|\bwhat (?:was|is) it about "
    r"(?:the|your|being|that|this|those|them|it)\b")  # ("what was it about the allotment that
# helped?" asks about the allotment, not the values the reflection before it named)


def _set_aside(whole: str, start: int, end: int, negated: tuple[str, ...]) -> bool:
    """Whether the step's words at [start, end) sit inside a phrase that sets a step aside."""
    words = whole[start:end]
    return any(words in phrase or phrase in words for phrase in negated if phrase)
