"""Which fact of the persona's sheet a line asks about, if any.

    hit = fact_asked(persona, index, ask, whole, state)
    hit.fact        # the fact's name, or None when the sheet does not hold it (unknown)
    hit.kind, hit.why

A line asks for a fact when it is a question (yes/no, wh, either/or, a short statement said with
"?", or a check on something stated: "And you're 53, is that right?"). The fact is the sheet
entry with the best score: its own keywords in the line (a name, a test, a place) count most,
then its kind as the engine's English cues read it (`fact_cues`). "Who's she?" finds the person
the patient's last line named. A question whose kind no entry answers is an *unknown* fact,
which the patient does not know.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mi_sim.engine.fact_cues import (
    EARLY,
    NOT_FACTUAL_RX,
    asks_unknown_fact,
    is_cue_word,
    is_noun_kind,
    is_unknown,
    kinds_asked,
    layout_of,
    question_kinds,
)
from mi_sim.engine.form_lexicon import EVERYDAY_RX, REACTION_RX, RULER_SEVERITY_RX, WILLING_RX
from mi_sim.engine.index import PersonaIndex
from mi_sim.engine.persona import Fact, Persona
from mi_sim.engine.reading import Ask, Form, Slot, YesNo
from mi_sim.engine.segmenter import sentence_before, sentence_of
from mi_sim.engine.state import State
from mi_sim.engine.vocabulary import FactKind

PERSON: Final = 2.9  # a person's name in the line
KEYWORD: Final = 2.4  # another fact's own words (a test, a place): a clear kind cue outranks it
CROWD: Final = 2.0  # several facts named at once ("you, Sue and Ella"): the kind decides
THRESHOLD: Final = 1.2
STATED: Final = 0.4  # a fact already told loses to a near rival not yet told
_YOU: Final = re.compile(r"\b(?:you|your|yours|yourself)\b")
# A follow-up that asks for more than a fact already told: how it goes, how it feels, why.
_NEW_ANGLE: Final = re.compile(
    r"\b(?:been going(?! on\b)|going on for you|sits? with you|land with you|made you|makes you|"
    r"about (?:them|it|that|those) that|feel about|(?:what|how) (?:was|is) (?:that|it) like|on "
    r"(?:the )?\w+ days|what happens (?:on|when|if|at|during)|what (?:was|is) it about|how come|"
    r"(?:hardest|worst|scariest|toughest|best|easiest) (?:part|bit|thing) (?:of|about))\b")
# Asked again on purpose: every fact told so far may be the one wanted.
ASKED_AGAIN: Final = re.compile(
    r"\b(?:again|remind me|did you say|you said|you mentioned|was that|was it)\s*[?.!]*$|\b(?:"
    r"remind me|(?:what|how \w+|who|where|when) (?:did|was it) you (?:say|said|mention)|"
    r"(?:what|how \w+) was it again|say (?:that|it) again|tell me again|(?:sorry|"
    r"pardon),? (?:what|which|where|when|who|how many|how long)|i missed (?:that|what|which)|"
    r"did not catch|didn't catch|as you said|anything else you take)\b")
_PLACES: Final = frozenset({FactKind.OTHER, FactKind.HOBBIES, FactKind.WORK, FactKind.HOME,
                             FactKind.EXERCISE})
# followed up only when the line is about them (not found by a follow-up's words alone)
_NOT_BY_KIND: Final = frozenset({FactKind.PERSON, FactKind.OTHER, FactKind.LAST_EPISODE})
_FAMILY: Final = frozenset({FactKind.PERSON, FactKind.PARENTS, FactKind.PARTNER,
                             FactKind.CHILDREN, FactKind.SIBLINGS, FactKind.FAMILY_HISTORY})
_PERSONAL: Final = re.compile(r"\b(?:he|she|him|her|his)\b")
# The clinician says the last answer missed what was asked.
# The clinician putting a question right or asking it again after a miss ("sorry, I meant…",
# "I'm not sure I got an answer", "I put that clumsily"); normalised text.
REPAIR: Final = re.compile(
    r"\b(?:my question was|not sure i got an answer|(?:can i |to |i will )?ask (?:it |that |you )?"
    r"again|asking again|i am not asking|i was not asking|put (?:that|it) (?:clumsily|badly)|"
    r"jumped about|i mean,|"
    r"i (?:just |only )?meant|what i meant|what i mean is|"
    r"i was (?:actually |really |just |only )?(?:asking|wondering|thinking|curious)|"
    r"i (?:did not|didn't) mean|i (?:was not|wasn't) clear|not what i (?:asked|meant)|let me "
    r"(?:ask|put) (?:it|that) (?:differently|another way)|(?:ask|put) it (?:differently|another "
    r"way)|i will ask (?:it )?(?:again|differently)|sorry,? (?:i mean|no)|no,? i mean)\b")
_MINE: Final = re.compile(
    r"\b(?:my|our) (?:own |best |old |little |big |older |younger )?(?:friends?|mum|mom|mother|"
    r"dad|father|parents|wife|husband|partner|sisters?|brothers?|sons?|daughters?|kids|children|"
    r"family|mates?|cousins?|aunt|auntie|uncle|gran|grandma|grandad|nan|colleagues?|boss|"
    r"manager|neighbours?|patients?|clients?)\b")
_MUM_DAD: Final = re.compile(
    r"\b(?:mum|mom|mother|dad|father|wife|husband|partner|brother|sister)\b")
_IT: Final = re.compile(r"\b(?:had|have|done|doing|kept|been|been doing|been going to|go to|going) "
                        r"(?:it|that|them|there)\b|^(?:(?:and|so|oh),? )?(?:when|where|what "
                        r"time|what day|how far away) (?:is|was) (?:it|that)\b")  # "When is it?"
_ONE_OF_THEM: Final = re.compile(r"\b(?:the|your) (?:last|first|final|next) one\b")
_CONSUMED: Final = frozenset({FactKind.CAFFEINE, FactKind.ALCOHOL, FactKind.SMOKING,
                              FactKind.MEDICATION, FactKind.APPETITE})
_WHEN_CLAUSE: Final = re.compile(r"\b(?:when|after|before|since|because|once|until)(?: (?:you|"
                                  r"i|we|she|he|they) (?:last )?(?:saw|seen|spoke to|talked to|"
                                  r"went to|visited|met))? $")  # "since you saw Dr Okafor"
# A short question about the thing just named: "The 24-hour monitor — when was that?"
_POINTING: Final = re.compile(r"^(?:and |so )?(?:when|where|how|what|who|why)\b[^,]{0,25}\b(?:that|"
                              r"this|it)\W*$")
# "And the ultrasound, what did that show?": the thing named before the question
_RESULT_OF: Final = re.compile(r"\b(?:did|does|has) (?:that|it|this) (?:show|say|find|come back|"
                               r"tell you)\b")
# The clinician saying their own name ("hi, I'm Jo, one of the nurses").
_MY_NAME: Final = re.compile(r"\b(?:i am|my name is|the name is) (?!(?:curious|wondering|sorry|not|"
                             r"just|really|so|glad|aware|interested|thinking|going|also|still|"
                             r"happy|worried|afraid|concerned|struck|noticing|guessing|trying|keen|"
                             r"sure|right|here|pleased|conscious)\b)[a-z]+(?: [a-z]+)?(?=[,.!?;]|"
                             r"$| (?:from|one of|a|an|the|and|i|here|by the way)\b)")
# Someone who passed a fact on, not the fact asked about: "Dr Patel mentioned…", "your GP's
# letter says…".
_REPORTER: Final = re.compile(r"\b(?:(?:dr|doctor) )?[a-z]+(?:'s letter)? (?:mentioned|told me|"
                              r"wrote|noted|says|said|referred you)(?: that)? "
                              r"(?=you|your|the|there)|\b(?:(?:dr|doctor) [a-z]+|[a-z]+'s "
                              r"letter) (?:mentioned|wrote|noted|says|said) (?:that )?"
                              r"(?=\w+ing\b)")
_PART_OF: Final = re.compile(r"\b(?:part|bit|side|worst|hardest|best|scariest) of (?:the|your|that|"
                            r"this|that whole) $")
_IF_WHEN: Final = re.compile(r"\b(?:if|when|whenever)\b")
_INNER: Final = re.compile(r"\bthrough your (?:mind|head)\b|\bwhat (?:do|did) you (?:do|think)\b")
# "How often does that happen — being half there?": "that" is what was just said, not the fact
# told earlier that "how often" would otherwise fetch again.
_THAT_HAPPENS: Final = re.compile(r"\b(?:does|did|do|would|will|is|was|has) (?:that|this) "
                                  r"(?:happen|come|last|go on|get)\b")
_THERE_THEN: Final = re.compile(r"\b(?:worked|working|work|been|going|go|went|started) there\b|"
                                r"\b(?:do|did|does|doing|spend|spent|make|made) (?:in |up |down |"
                                r"out |over )?there\b|"
                                r"\b(?:it|things) like (?:out |in |down |up )?there\b|"
                                r"\b(?:last|ever|been|go|went|get) (?:down|up|over|out|back) "
                                r"there\b|"
                                r"\b(?:like|back|even) then\b|\bat (?:that|the) time\b|"
                                r"\bin those days\b|\b(?:that|this) (?:trip|holiday|place|job|test|"
                                r"scan|speech|letter|visit|review|clock|plot|wedding|gala)\b")
# "what matters most to you these days, when you think about…": the question is its first clause
_VALUES: Final = re.compile(r"^(?:so |and )?what (?:matters|is (?:most |really )?important) "
                            r"(?:the )?(?:most )?to you\b")
_SO_FAR: Final = re.compile(r"\bhow long (?:have|has) (?:you|it|this|that|they|the \w+) been\b|"
                            r"\bhow long (?:you are|you have been) \w+ing\b")
_HOW_WAS_THAT: Final = re.compile(
    r"\bhow (?:was|is|has) (?:that|it|this)(?: been)? for you\b|\bhow did you find (?:that|it|"
    r"them|those)\b|\bhow did you feel (?:in|at|during|about|after) (?:that|those|it|them)\b|"
    r"\bhow (?:did|does|do) (?:that|those|these|the|your) (?!(?:mum|mom|dad|mother|father|partner|"
    r"wife|husband|son|daughter|brother|sister|family|boss|manager|friends?|nan|gran|kids|children|"
    r"girlfriend|boyfriend|parents|other half)\b)(?:\w+ ){1,4}?(?:feel|go)\b")
_WHAT_IT_SAID: Final = re.compile(r"\bwhat (?:did|does|do) (?:it|that|they) (?:say|said)\b|\bwhat "
                                  r"do you (?:already |actually )?know about (?:it|that|them)\b|"
                                  r"\bwhat did you (?:think|make of it) when you (?:saw|read|got|"
                                  r"heard) (?:it|that|them)\b")
_WHAT_YOU_DO: Final = re.compile(r"\bwhat (?:do|did) you (?:do|think|feel)\b|\bwhat happens\b|"
                                 r"\bwhat goes through\b")
_IF_ONE_CAME: Final = re.compile(
    r"\b(?:if|when|say|suppose) (?:you (?:had|have|got|get|felt|feel|started|start) (?:one|an "
    r"attack|a flare|a bad one|a panic attack|a bad day|the pain)|(?:one|an attack|it|the pain|a "
    r"flare|the worry|a headache) (?:came on|comes on|started|starts|hit|hits|happened|happens|"
    r"flared|flares|kicked off|kicks off))\b")
_WHAT_YOU_WOULD_DO: Final = re.compile(r"\bwhat (?:would|will|could|might) you (?:do|try)\b")
_SAY_YOU: Final = re.compile(r"\b(?:say|suppose|imagine|picture) (?:you|it|she|he|they|the)\b")
_BARE_WH: Final = re.compile(r"^(?:and |so |then )?(?:what|how) (?:do|would|did|will) you (?:do|"
                             r"feel|think|say)\W*$")
_WALK_THROUGH: Final = re.compile(r"\b(?:talk|walk|take) me through\b|\bon (?:a|the) (?:bad|good|"
                                  r"typical|normal) (?:day|night|morning)\b")
_THOSE: Final = re.compile(r"\b(?:those|these)\b(?! days| times)")
_YOU_SUBJECT: Final = re.compile(r"\b(?:what|how) (?:do|did|does|would) (?:he|she) (?:think|make|"
                                 r"feel|say|reckon)\b")  # what they think: others' view
# A question that points back at a name said before it ("what did it show?", "how long have
# you two known each other?"); one with words of its own ("what's the sick feeling about?") is
# not about a name in the reflection before it. (`fact_cues.points_back` is the wider test for
# kinds and values: "what else did you try?" leans on them but names nobody.)
_ANAPHOR: Final = re.compile(r"\b(?:it|that|this|those|these|there|then|he|she|they|him|her|"
                             r"them|one|ones|you two|you both|each other|since(?=\W*$))\b")
# "how are you getting on with it all?": everything, not the thing named before the question
_ALL_OF_IT: Final = re.compile(r"\b(?:(?:with )?it all|all of (?:it|this|that)|all (?:this|that)|"
                               r"(?:this|that) all)\b")
_OR_CLAUSE: Final = re.compile(r",? or (?:is|are|do|does|has|have|was|were|would|can|did) "
                                r"(?:it|that|this|the|there|you|they|he|she)\b")
_STILL: Final = re.compile(r"\b(?:still|these days|nowadays|any more|anymore|at the moment|"
                           r"now)\b")
_STOPPED_TELLING: Final = re.compile(r"\b(?:stop|stopped) (?:telling|talking to|confiding in)\b|"
                                     r"\bnot (?:told|telling) (?:her|him|them)\b")
_PRONOUN: Final = re.compile(r"\b(?:he|she|him|her|they|them|(?:those|these)(?! days| times))\b")
_TAG: Final = re.compile(
    r",? (?:has it|have you|is it|is not it|are you|was it|do you|did you|right|yeah|yes|no|"
    r"correct|would you say|is that right)\s*[?.]*$")
_ASKING: Final = frozenset({Form.YES_NO, Form.WH, Form.EITHER_OR})
_PRONOUN_WHO: Final = re.compile(
    r"\b(?:who (?:is|was|are) (?:that|she|he|they|this)|(?:tell me|what about|and) (?:about )?"
    r"(?:him|her|them)|how old is (?:she|he)|what is (?:she|he) like|is (?:she|he) (?:your|a|"
    r"the))\b")


_THEY: Final = re.compile(
    r"\b(?:how old (?:are|were) (?:they|the two of them|both of them)|who (?:are|were) they|what "
    r"(?:are|were) (?:they|their names?) (?:like|called)?|what are their (?:names|ages)|(?:tell me|"
    r"what about) (?:a bit )?(?:more )?about them|what do they do|where do they live|what ages?)\b")
_CONTACT: Final = re.compile(
    r"\b(?:ring|call|phone|see|visit|talk to|speak to|text|hear from|go round to|pop round to|"
    r"get to see|check on|look in on|pop in on) (?:her|him|them|your \w+)\b")
_NUMBER: Final = (r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                  r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
                  r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|a dozen|a few|"
                  r"a couple|several|none|half)\b")
_SLOT_FILL: Final[dict[Slot, re.Pattern[str]]] = {
    Slot.HOW_LONG: re.compile(r"\b(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|since|"
                              r"ages|forever|all my life|as long as)\b", re.I),
    Slot.HOW_OFTEN: re.compile(r"\b(?:times?|every|once|twice|daily|weekly|most|never|always|"
                               r"usually|often|sometimes|a (?:day|week|month|night))\b", re.I),
    Slot.HOW_MANY: re.compile(_NUMBER, re.I),
    Slot.WHEN: re.compile(r"\b(?:ago|since|last (?:year|month|week|spring|summer|autumn|winter)|"
                          r"(?:january|february|march|april|may|june|july|august|september|"
                          r"october|november|december)|(?:19|20)\d\d|when I was|at (?:school|"
                          r"uni)|the first|years?|months?)\b", re.I),
}
_COUNTED: Final = re.compile(r"\bhow many (?:[a-z]+ ){0,2}?([a-z]{3,})(?= (?:have|do|did|are|were|"
                             r"has|does|is|would|will|can|a|in|per|each|you|at|on|for|of|"
                             r"since|so|to|this|that|there|from|off|out)\b|\??$)")
_SLOT_KIND: Final = {Slot.HOW_LONG: FactKind.DURATION, Slot.HOW_OFTEN: FactKind.FREQUENCY,
                     Slot.WHEN: FactKind.ONSET}
_HABITUAL: Final = re.compile(r"\b(?:usually|normally|typically|tend to|in the day|time of day|"
                              r"each day|every day|these days)\b")
_FIRST: Final = re.compile(r"\b(?:first|start|started|begin|began|notice|noticed|appear|"
                           r"appeared|since when)\b")
# "any other tests apart from the ECGs?": what the line sets apart is not what it asks about
_APART: Final = re.compile(r"\b(?:apart from|other than|besides|aside from|except(?: for)?|on top "
                           r"of) (?:the |your |that |those |these |all )?(?:[\w'-]+ ?){1,3}")
_AGE_AT: Final = re.compile(r"^(?:and |so )?how old (?:were you|was (?:he|she)) (?:(?:when|at the "
                            r"time|the first time|then)\b|(?=\W*(?:and\W*)?$))")  # asks about
# the event, by its date ("…your dad died. How old were you?")
_COMPLAINT: Final = frozenset({FactKind.SLEEP, FactKind.SYMPTOMS, FactKind.WORST, FactKind.WHERE,
                               FactKind.TRIGGERS, FactKind.APPETITE, FactKind.RELIEF})
_THEY_LISTED: Final = re.compile(r"\b(?:how old|ages?|names?|called|who are they)\b")
_GROUPS: Final = frozenset({FactKind.CHILDREN, FactKind.PARENTS, FactKind.SIBLINGS,
                            FactKind.HOUSEHOLD, FactKind.FRIENDS})


@dataclass(frozen=True, slots=True)
class FactHit:
    """A factual question: the fact that answers it (None: the patient does not know)."""

    fact: str | None
    kind: str | None
    why: str
    frame: str = ""  # words the line is heard as saying too ("growing up" for "back then")


def is_factual_form(ask: Ask) -> bool:
    """Forms that can ask for a fact."""
    if ask.rule == "choice_of_steps":
        return False  # "…either the diary or the walk: which feels more like you?"
    if (ask.form is Form.YES_NO and ask.yes_no is YesNo.WILLING) or (
            ask.form is Form.EITHER_OR and WILLING_RX.search(ask.text)):
        return False  # "would you be willing to…", "do you want to come to hospital with us,
        # or stay here?" ask for a decision, not a fact
    if ask.form in _ASKING:
        return True
    if ask.form is Form.CHECK:  # "23, is that right?" checks a fact; "how does that land?" not
        return ask.rule != "information_then_check" and not REACTION_RX.search(ask.text)
    if ask.form is not Form.STATEMENT:
        return False
    words = len(ask.text.split())
    # "You live alone?" asks; "So the drinking is what lets you switch off?" reflects.
    return (ask.question_mark and words <= 7) or (_TAG.search(ask.text) is not None
                                                  and words <= 16)


def _echoes_the_patient(whole: str, kinds: Sequence[tuple[FactKind, float]],
                        state: State) -> bool:
    """Whether every kind borrowed from the line's earlier sentences comes from words the
    patient just said, echoed back ("…once a month sounds lovely"), not asked afresh."""
    said = state.last_patient.lower()
    if not said:
        return False
    wanted = {k for k, _s in kinds}
    found = [m.group(0) for k, _w, m, _s in layout_of(whole)[1] if k in wanted]
    return bool(found) and all(words in said for words in found)


# "You mentioned the guitar; tell me more about that.": the thing named before the invitation.
_YOU_MENTIONED: Final = re.compile(
    r"\byou (?:mentioned|said|talked about|brought up|spoke about)(?: that)? (?:the |your |a |an |"
    r"that |you )?(?P<x>[\w' -]{2,50}?)(?=[;,.!?]| - | earlier| before| just now| a moment ago|$)")
_MORE_ABOUT_THAT: Final = re.compile(
    r"^(?:and |so )?(?:can you |could you |would you )?(?:tell me|say|talk) (?:a (?:bit|little) )?"
    r"more(?: about (?:that|it|this|them|those|him|her|\w+ing (?:that|it)))?\W*$")


def _mentioned_fact(persona: Persona, index: PersonaIndex, thing: str) -> Fact | None:
    """The fact that holds a thing the patient mentioned: one its keywords name, else the one
    whose answers say its words (the guitar in the hobbies answer)."""
    named = [name for name, _at, _w in index.fact_mentions(thing)]
    if named:
        return persona.fact(named[-1])
    words = {w for w in re.findall(r"[a-z]{4,}", thing.lower())} - _PLAIN_WORDS
    if not words:
        return None
    holding = [f for f in persona.fact_sheet if f.kind is not FactKind.PERSON and any(
        all(re.search(rf"\b{re.escape(w)}", a.text.lower()) for w in words) for a in f.answers)]
    return holding[0] if len(holding) == 1 or (holding and len(words) >= 2) else None


def _first_kind(text: str, slot: Slot | None) -> FactKind | None:
    """The kind a question's own words ask about first, if any."""
    asked = kinds_asked(text, slot)
    return asked[0][0] if asked else None


def _fear_or_body_asked(unit: str, slot: Slot | None) -> bool:
    """An inner question that still asks for a fact: what they fear most ("what are you afraid
    the scan might show?"), or what the body does ("what does it feel like when one comes?")."""
    first = _first_kind(unit, slot)
    return first is FactKind.FEAR or (
        first is FactKind.SYMPTOMS and _FEELS_LIKE.search(unit) is not None)


_FEELS_LIKE: Final = re.compile(r"\bwhat (?:does|did|do) (?:it|one|they|an attack|a flare) "
                                r"(?:actually |physically |really )?feel like\b")


def fact_asked(persona: Persona, index: PersonaIndex, ask: Ask, whole: str,
               state: State) -> FactHit | None:
    """The fact a line asks for, an unknown fact, or None when it asks for none."""
    if not persona.fact_sheet:
        return None
    whole = _MY_NAME.sub(" ", whole)  # "hi leah, i'm jo. how are you right now?": the
    # clinician's name, not the patient's friend Jo
    if (ask.form is Form.FUTURE or (_BARE_WH.match(ask.text) and _SAY_YOU.search(whole))) and (
            _WHAT_YOU_DO.search(whole)) and (
            scene := _scenes(persona, index, whole)):  # "Say you ring at seven and it
        return FactHit(scene[-1], FactKind.OTHER.value, "a scene the patient lives")  # rings
        # out: what do you do?" is what they do, not an imagined future
    if ask.form in (Form.FUTURE, Form.WH) and _IF_ONE_CAME.search(whole) and (
            _WHAT_YOU_WOULD_DO.search(whole)) and (relief := next(
                (f for f in persona.fact_sheet if f.kind is FactKind.RELIEF), None)) is not None:
        return FactHit(relief.name, FactKind.RELIEF.value, "an attack imagined: what they do "
                       "when one comes")  # "what would you do if you had one on the bus?"
    if ask.form in (Form.FUTURE, Form.WH) and _SCENE_FRAME.search(whole) and _LESS_SAFETY.search(
            whole) and _WHAT_WOULD_COME.search(ask.text or whole) and (fear := next(
                (f for f in persona.fact_sheet if f.kind is FactKind.FEAR), None)) is not None:
        return FactHit(fear.name, FactKind.FEAR.value, "the safety behaviour dropped, imagined: "
                       "what they fear would happen")  # "If you'd only checked the hob once and
        # were lying in bed, what would be going through your mind?"
    if ask.form is Form.WH and _MORE_ABOUT_THAT.match(ask.text or "") and (
            said := _YOU_MENTIONED.search(whole)) is not None and (
            mentioned := _mentioned_fact(persona, index, said.group("x"))) is not None:
        return FactHit(mentioned.name, mentioned.kind.value, "the thing they mentioned, asked "
                       "about")  # "You mentioned the guitar; tell me more about that."
    if ask.form in (Form.FUTURE, Form.WH) and _NOTICE_FIRST.search(ask.text or whole) and (
            scene := _feared_scene(persona, index, whole)) is not None:
        return FactHit(scene.name, scene.kind.value, "a feared scene imagined: what they fear, or "
                       "what their body does, there")  # "Suppose you did get on the bus one
        # morning. What's the first thing you'd notice?"
    if ask.form in (Form.WH, Form.YES_NO, Form.CHECK) and (
            first := _first_kind(ask.text or whole, ask.slot)) in _VIEWS and (view := next(
                (f for f in persona.fact_sheet if f.kind is first), None)) is not None:
        return FactHit(view.name, view.kind.value, f"their view of it ({view.kind.value}), "
                       "whatever it is asked about")  # "What does the checking give you?" is
        # the upside, not the checking again
    question = sentence_of(whole, ask.focus or ask.text or whole)
    if (ask.form is Form.FUTURE or _IF_FRAME.search(whole)) and _WOULD_THEY.search(question) and (
            view := _future_view(persona, index, question, whole)) and not (
            view in state.stated and not _unsaid_follow_up(persona, index, view, whole, state)):
        # (told already, with nothing written for the imagined change: the future itself)
        return FactHit(view, FactKind.OTHERS_VIEW.value, "what someone in their life would see "
                       "or say if things changed")  # "Suppose things got easier, what would
        # Phil be the first to notice?"; "if Kelly saw you having a better week, what would she
        # say?"
    if ask.rule == "looking_forward" and (named := _wished_for(persona, index, _IF_CLAUSE.sub(
            "", question))):  # ("if the checking wasn't running things, what would…": the
        # problem gone is the frame, not the thing wished for)
        return FactHit(named, FactKind.OTHER.value, "a wish about a thing with an answer written "
                       "for it")  # "would you like to get your dad's Smiths going again?"
    if ask.form in (Form.WH, Form.YES_NO, Form.FUTURE, Form.STATEMENT) and (
            scored := _severity_scored(persona, whole)) is not None:
        return FactHit(scored.name, scored.kind.value, SEVERITY_WHY)  # "on a scale of 0 to
        # 10, how bad is it on a typical day?"; "if you had to give the cramps a number out of
        # ten, what would it be?"
    if not is_factual_form(ask):
        return None
    if ask.form is Form.CHECK and _CHECKED_FEELING.search(whole):
        return None  # "So you're not ruling it out, and you want to get through the speech. Is
        # that about right?" checks a reflection, not the speech
    unit, slot = ask.focus or ask.text or whole, ask.slot
    whole = _SET_ASIDE.sub(" ", whole)  # "let's leave tablets to one side. When one starts, what
    # do you notice first?": not the tablets
    if ask.form is Form.EITHER_OR and (now := kinds_asked(unit, slot)) and (
            now[0][0] is FactKind.TODAY):
        return None  # "right now, is it still tight, or has it eased off?": one of the two
    cut = whole.find(unit[:20])
    if _THERE_THEN.search(unit) and (
            scenes := _scenes(persona, index, whole, before=cut, kinds=_PLACES)):
        own = _scenes(persona, index, unit, kinds=_PLACES)  # ("What do you do in the shed when
        last = own[0] if own else max(  # you can get out there?": the shed it names)
            scenes, key=lambda name: index.last_mention(name, whole[:max(cut, 0)]))
        return FactHit(last, FactKind.OTHER.value, "there or then: the place or time just "
                       "named")  # "You mentioned the garden centre — how long have you worked
        # there?"; "Think back to before the pain. What were your weekends like then?"
    if _THERE_THEN.search(unit) and unit == whole and (
            place := persona.fact(state.subject.removeprefix("fact:"))) is not None and (
            place.kind in _PLACES):  # "Tell me about the allotment." "…" "When were you last
        return FactHit(place.name, place.kind.value, "there: the place just talked about")
        # down there?"
    if _HOW_WAS_THAT.search(unit) and (
            scene := _scenes(persona, index, whole)):  # "…two sickness reviews this year.
        return FactHit(scene[-1], FactKind.OTHER.value, "how the thing just named was for "
                       "them")  # How was that for you?": the reviews, as they lived them
    if _WHAT_IT_SAID.search(unit) and (
            scene := _scenes(persona, index, whole[:max(whole.find(unit[:15]), 0)])):
        return FactHit(scene[-1], FactKind.OTHER.value, "what the thing just named says")
        # "So the letter's been on your mind. What did it say that bothered you?"
    whole = _REPORTER.sub(" ", whole)  # "Dr Patel mentioned you're best man. Tell me about
    # that." is about being best man; the doctor only passed it on
    unit, whole = _MINE.sub("someone", unit), _MINE.sub("someone", whole)  # "my friend does
    # that": the clinician's people are not the patient's
    before = whole[:whole.find(unit[:15])]
    if _WHAT_THEY_LIKE.match(unit) and unit != whole and _ONE_PERSON.search(unit) and (
            people := sorted((at, name) for name, at, _w in index.fact_mentions(before)
                             if _kind_of(persona, name) is FactKind.PERSON)):
        return FactHit(people[-1][1], FactKind.PERSON.value, "what the person just named is like")
        # "I was asking about your daughter, Ella. What's she like?"
    if _WHAT_THEY_LIKE.match(unit) and unit != whole and (
            group := _people_before(persona, before, index)) is not None:
        return FactHit(group.name, group.kind.value, "what the people just named are like")
        # "I'm wondering about your own mum and dad - what were they like?"
    if (age_at := _AGE_AT.match(unit)) is not None:
        unit, slot = "when" + unit[age_at.end():], Slot.WHEN  # "how old were you when Dad
        # died?" asks about his death
    if _STOPPED_TELLING.search(unit) and (told := _told_whom(persona, index, unit, whole,
                                                              state)) is not None:
        return FactHit(told, FactKind.OTHERS_VIEW.value, "why they stopped telling someone: "
                       "what that person knows and makes of it")  # "what made you stop telling
        # her?" after Jo was named: what Jo knows, and why
    scene = _IF_WHEN.search(whole)
    follow_ups = _follow_ups(persona, index, _APART.sub("", sentence_of(whole, unit)))
    if (back := _back_then(persona, index, unit, whole, state, follow_ups)) is not None:
        return FactHit(back, _kind_of(persona, back).value, "the follow-up for who was at home "  # type: ignore[union-attr]
                       "back then, growing up", frame="growing up")  # "Where did you grow up,
        # and who was at home?"; "who else was at home then?" just after
    if (written := _written_follow_up(index, follow_ups, whole, state, persona,
                                      sentence_of(whole, unit))) is not None and (
            ask.rule != "inner" or _unsaid_follow_up(persona, index, written, whole, state)) and (
            not _another_noun(persona, unit, slot, written, follow_ups[written])) and not (
            _asks_a_view(unit, slot) and _kind_of(persona, written) is not FactKind.OTHERS_VIEW
            and (not _VIEW_WORDS.search(follow_ups[written]) or _someone_elses_view(
                persona, index, written, unit))):  # ("what does Tom make of the checking?" is
            # his view, not her own "what do you make of it?"; "what does Phil think about
        # tablets?" has a follow-up written for his view under the tablets)
        kind = _kind_of(persona, written)  # "you played bass at uni — do you still play?";
        return FactHit(written, kind.value if kind else None, "a follow-up written for it")
        # "what's kept you out of the shed?" asks for a reason the author wrote for the shed
    only = _only_follow_up(persona, follow_ups, unit, slot, whole)
    if (NOT_FACTUAL_RX.search(unit) or _first_kind(unit, slot) is FactKind.FEAR) and (
            only is not None) and (
            len(follow_ups[only[0].name].split()) >= 4 or "proud" in follow_ups[only[0].name]):
        return FactHit(only[0].name, only[0].kind.value, "the one follow-up written for it")
        # "is there anything that worries you about what I might suggest?": a concern with an
        # answer written for it; "what are you proudest of?"
    if ask.rule == "inner" and (about := _FEEL_ABOUT.search(unit)) and (
            things := _scenes(persona, index, unit[about.end():], kinds=_EVENTS)):
        return FactHit(things[0], _kind_of(persona, things[0]).value, "how they feel about "  # type: ignore[union-attr]
                       "the thing named")  # "how do you feel about the speech?"
    if ask.form is Form.WH and slot is Slot.WHO and _WHO_THEY_MEAN.search(whole) and (
            people := _people_asked(persona, whole)) is not None:  # "who are you thinking of
        return FactHit(people.name, people.kind.value, "who in their life, asked without a "
                       "name")  # when you say everyone?", "the people you want to be there for,
        # who are they?"
    if (NOT_FACTUAL_RX.search(unit) or ask.rule == "inner" or (
            ask.text != unit and _VALUES.match(ask.text))) and not (
            scene and _INNER.search(unit) and _scenes(persona, index, whole[scene.end():])) and (
            not _fear_or_body_asked(unit, slot)):
        return None  # "what matters most to you about being Jordan's best man?": a value;
        # "what goes through your head if she doesn't pick up?" names a fact in its scene
    if is_unknown(unit):
        return FactHit(None, None, "asks for something no fact sheet holds")
    kinds = question_kinds(_APART.sub("", unit), whole, slot)  # not what it sets apart
    if (began := _when_it_began(persona, index, unit, slot)) is not None:
        return FactHit(began, FactKind.ONSET.value, "when the thing named began")
    if (thing := _aspect_of_the_thing(persona, index, unit, whole, slot)) is not None:
        return FactHit(thing, FactKind.OTHER.value, "how often, how long or when of the thing "
                       "the question's sentence names")  # "where did you swim, and how often?"
    if (done := _how_often_they_do_it(persona, index, unit, whole, slot, state)) is not None:
        return FactHit(done, _kind_of(persona, done).value, "how often they do the thing "  # type: ignore[union-attr]
                       "just named")  # "the hob? how many times a night would you check it?"
    in_unit = {kind for kind, _s in kinds_asked(_APART.sub("", unit), slot)}
    in_sentence = {kind for kind, _s in kinds_asked(_APART.sub("", sentence_of(whole, unit)), None)}
    own = [(kind, score) for kind, score in kinds if kind in in_unit or (
        is_noun_kind(kind) and kind in in_sentence) or kind is FactKind.LAST_WELL]  # (the
    # looking-back frame is set by the sentence before: "Think back to before all this started.
    # What were your evenings like then?")
    # (an aspect named only before the question is not what it asks: "…not just the symptoms.
    # Where did you grow up?")
    if only is not None and (not own or own[0][0] is only[0].kind or only[1] or len(
            follow_ups[only[0].name].split()) >= 5) and not (
            _names_another(persona, index, unit, only[0].name)):  # "the hardest part of the
        # speech" is the speech's, not the hardest part of the job
        return FactHit(only[0].name, only[0].kind.value, "the one follow-up written for it")
    if EVERYDAY_RX.search(unit) and not kinds_asked(unit, slot) and not index.fact_mentions(
            sentence_of(whole, unit[:20])):  # ("I meant the swimming - where did you go?")
        return None  # "picturing the coast trips, which beach was your favourite?": a detail
    if kinds and not kinds_asked(unit, slot) and _echoes_the_patient(whole, kinds, state) and (
            (fact := persona.fact(state.subject.removeprefix("fact:"))) is not None) and (
            fact.kind not in _COMPLAINT and ask.form is Form.YES_NO and _STILL.search(unit)):
        return FactHit(fact.name, fact.kind.value, "what the patient just told, followed up")
        # "…A film and a curry once a month sounds lovely. Do you still do that?": her film
        # night with Jo, not how often the symptoms come
    if not kinds_asked(unit, slot) and ask.text and ask.text != unit and (
            own := kinds_asked(ask.text, slot)):  # "when did all this start, do you remember
        kinds = list(own)  # the first bit of it?": the question's own clause before the line
    if _BARE_WH.match(unit) and unit != whole and _IF_WHEN.search(whole):
        kinds = []  # "…lying in bed at night with all that, what do you do?": then, not for work
    if _BARE_WH.match(unit) and unit != whole and (_WALK_THROUGH.search(whole) or any(
            _kind_of(persona, name) is not FactKind.WORK
            for name, _at, _w in index.fact_mentions(whole[:max(whole.find(unit[:15]), 0)]))):
        kinds = [k for k in kinds if k[0] is not FactKind.WORK]  # "talk me through the
        # checking in the mornings - what do you actually do?": in the checking, not for work
    if _CONTACT.search(unit):  # "how often do you ring her?" asks about her, not how often the
        kinds = [k for k in kinds if k[0] in (FactKind.OTHERS_VIEW, FactKind.FEAR) or (
            k[0] in _RELATIVES)]  # symptoms ("do you see your family much?": the family)
        # come; "how does your mum react when you ring her?" is still her view, and "what are
        # you afraid would happen if you didn't ring her?" still the fear
    if _about_someone_else(persona, unit):  # "what shift does your mum do?", "how are Maya
        kinds = [k for k in kinds if k[0] not in _OWN_LIFE]  # and Sam getting on at school?":
        # their work and days, not the patient's
    text = unit
    mentions = _not_set_apart(index.fact_mentions(unit), unit)
    if (tail := _OR_CLAUSE.search(unit)) is not None and kinds_asked(unit[:tail.start()], slot):
        mentions = tuple(m for m in mentions if m[1] < tail.start())  # "any pets at home, or
        # is the house chaotic enough with Sam's questions?": the pets, asked first
    if any(_PART_OF.search(unit[:at]) and _kind_of(persona, name) not in _COMPLAINT
           for name, at, _w in mentions):  # "the hardest part of the speech": the speech's part,
        kinds = [k for k in kinds if k[0] not in _COMPLAINT]  # not the worst of the symptoms
    if mentions and kinds and not kinds_asked(unit, slot):  # "…that very first attack, though.
        kinds = [(k, min(s, KEYWORD - 1.0)) for k, s in kinds]  # Which bus were you on?": the
        # question's own words outrank a kind borrowed from the sentences before it
    from_whole = False
    own_kinds = {kind for kind, _s in kinds_asked(unit, slot)}
    if not mentions and ((not kinds_asked(unit, slot) and (
            len(unit.split()) <= 5 or _ANAPHOR.search(_ALL_OF_IT.sub("", unit)) or (
                REPAIR.search(whole)))) or (  # "Sorry, I meant the swimming - where did you go?"
            _PRONOUN.search(unit)) or _POINTING.match(unit) or (
            _RESULT_OF.search(unit)) or (
            _BARE_WH.match(unit))):  # "…and it just rings out — what do you do?"
        mentions, text, from_whole = _not_set_apart(index.fact_mentions(whole), whole), whole, True
        # ("Besides the money, are there other things you worry about?": not the money)
        own = sentence_of(whole, unit)
        if own != whole and (in_own := _not_set_apart(index.fact_mentions(own), own)):
            mentions, text = in_own, own  # "bad day today. i read you tried amitriptyline,
            # what happened with that?": the tablets, named in the question's own sentence
        if _PLURAL_ONLY.search(unit) and not _PERSONAL.search(unit):  # "…alongside Dr Hale.
            mentions = tuple(m for m in mentions  # Let's start with the headaches. What are they
                             if _kind_of(persona, m[0]) is not FactKind.PERSON)  # like?"
        if mentions and _THOSE.search(unit) and not kinds_asked(unit, slot):
            kinds = []  # "the sickness reviews this year — what happened at those?": things
            mentions = tuple(m for m in mentions if _kind_of(persona, m[0]) is not FactKind.PERSON)
    if not mentions and not kinds and _PERSONAL.search(unit) and state.last_patient:
        # "Was it picked up late with him?": the person the patient was just talking about
        said = index.fact_mentions(state.last_patient.lower())
        mentions = tuple(m for m in said if _kind_of(persona, m[0]) is FactKind.PERSON and not (
            m[0] in state.stated and not _PRONOUN_WHO.search(unit)))[:1]  # told: a new angle
        mentions = tuple((name, 0, words) for name, _s, words in mentions)
        if not mentions and (asked := persona.fact(state.subject.removeprefix("fact:"))) and (
                asked.kind in _FAMILY):  # "Can I ask about your dad?" "Okay." "What
            return FactHit(asked.name, asked.kind.value, "the person asked about just before")
            # happened with him?"
    if slot is Slot.WHY:
        mentions = ()  # "why did you say no to the tablets?" asks for reasons, not the fact
    group = state.subject.removeprefix("fact:")
    if not mentions and _THEY.search(unit) and (kind := _kind_of(persona, group)) in _GROUPS:
        # "how old are they?": the people just talked about; once told, one of them in turn
        people = [n for n in index.facts_named_in(state.last_patient.lower())
                  if _kind_of(persona, n) is FactKind.PERSON and n not in state.stated]
        if group in state.stated and people and not _THEY_LISTED.search(unit):
            return FactHit(people[0], FactKind.PERSON.value, "one of the people just talked about")
        return FactHit(group, kind.value, "the people just talked about")
    if not mentions and _IT.search(unit) and not _FRONTED_TOPIC.match(
            sentence_of(whole, unit)) and (fact := persona.fact(group)) is not None and (
            fact.kind not in _COMPLAINT and fact.kind is not FactKind.DURATION) and (
            slot in _SLOT_FILL):
        if _answers_fill(persona, fact, slot):
            return FactHit(group, fact.kind.value, "it: the thing just talked about")  # "Plot
            # fourteen, is that an allotment?" "…" "How long have you had it?"
        if fact.kind is FactKind.OTHER and slot in (Slot.HOW_LONG, Slot.WHEN) and (
                onset := next((f for f in persona.fact_sheet if f.kind is FactKind.ONSET), None)):
            return FactHit(onset.name, FactKind.ONSET.value, "it: when the thing just talked "
                           "about began")  # "Tell me about the lump." "How long u had it?"
    if _ONE_OF_THEM.search(unit) and (fact := _one_of_them(persona, group, kinds)) is not None:
        return FactHit(fact.name, fact.kind.value, "one of the things talked about")  # "Four
        # coffees…" "What time's the last one?": the last coffee, not the last attack
    again = ASKED_AGAIN.search(unit) is not None
    if again and not mentions and not kinds and (kind := _kind_of(persona, group)) is not None:
        return FactHit(group, kind.value, "the fact just talked about, asked again")
    layout, _matches = layout_of(text)
    pointing = from_whole and _PERSONAL.search(unit) is not None  # "your mother… how is she?"
    if pointing and not kinds_asked(unit, slot):
        at = whole.find(unit[:20])
        people = [(start, name) for name, start, _w in mentions
                  if _kind_of(persona, name) is FactKind.PERSON and start < at
                  and _may_be(persona, name, unit)]  # ("your mum and your little brother… how
        # old is he?": not the mum)
        if people and not (max(people)[1] in state.stated and not _PRONOUN_WHO.search(unit)):
            return FactHit(max(people)[1], FactKind.PERSON.value, "the person the line points to")
    named = {name for name, _start, words in mentions  # "who's your manager?" asks for him
             if (pointing or slot is Slot.WHO or not (
                 _kind_of(persona, name) is FactKind.PERSON and is_cue_word(words))) and (
                 _kind_of(persona, name) is not FactKind.PERSON or not words.startswith(
                     "your ") or _may_be(persona, name, unit))}  # (named by a role, "your mum",
    # not by name: "…your mum and your little brother. How old is he?" is not the mum)
    # named by a phrase of its own ("any of it written"): asked again, not a new angle
    pinned = {name for name, _start, words in mentions if name in named and " " in words}
    scores: dict[str, float] = {}
    kind_score = dict(kinds)
    crowd = len({n for n in named if _kind_of(persona, n) is not FactKind.OTHERS_VIEW}) >= 2 and (
        bool(kinds))  # (a person's view shares their name: one person, not a crowd)
    about_them = not _YOU.search(text) and FactKind.OTHERS_VIEW not in kind_score
    relations = {f.name for f in persona.fact_sheet if f.kind in _RELATIVES and f.kind is not (
        FactKind.PERSON) and kind_score.get(f.kind, 0.0) >= THRESHOLD}  # "your parents"
    for fact in persona.fact_sheet:
        score = kind_score.get(fact.kind, 0.0)
        if fact.kind is FactKind.OTHERS_VIEW and not score:
            continue  # a person's view is asked for by what the line asks, never by the name
        if fact.kind is FactKind.OTHERS_VIEW and fact.name not in named and (
                whose := _whose_view(persona, fact)) and not whose & named:
            score -= 1.0  # "how are things with your family?": what they all think, not the
            # manager's view once that was told (a named person's view is found below)
        if fact.name in named and not score and fact.name in state.stated and (
                fact.name not in pinned) and not _counted_in(fact, unit):
            continue  # named again but asked about something else ("how is the placement going?");
            # "how many shifts have you missed?" still counts what it told ("missed two shifts")
        if fact.name in named:
            where = next(start for name, start, _w in mentions if name == fact.name)
            if from_whole:  # "…with Alfie. And Phil – what does he make of it?": Phil, last
                where = max(where, index.last_mention(fact.name, text))
            weight = CROWD if crowd else PERSON if fact.kind is FactKind.PERSON else KEYWORD
            if fact.kind is FactKind.PERSON and about_them and not crowd:
                weight += 0.8  # "what does Sue do for a living?" asks about Sue
            if fact.kind is FactKind.PERSON and _WHEN_CLAUSE.search(text[:where]):
                weight -= 2.0  # "what happened when Helen put you forward?" asks about that
            keyword = (weight + 0.5 - EARLY * (len(text) - where) if from_whole  # what the
                       else weight - layout.penalty(where, noun=True))  # question points back to
            if from_whole and own_kinds and where < text.find(unit[:20]) and (
                    fact.kind not in own_kinds) and not (
                    fact.kind in _RELATIVES and _PERSONAL.search(unit)):  # ("…your mum? how
                # often do you check on her?": her)
                keyword -= 1.0  # "…no wonder you ended up in A&E. How long does one of those
                # last?": the question's own kind, not a thing named in the reflection before
            score = max(score, keyword) + 0.1 * min(score, keyword)
            if (count := index.keyword_count(fact.name, text)) >= 2:
                score += 0.5 * min(count - 1, 3)  # "weight loss, night sweats, fevers?"
            if slot is Slot.WHO and fact.kind is FactKind.PERSON and not from_whole and (
                    FactKind.HOUSEHOLD not in kind_score):  # ("who's at home, just your mum?")
                score += 1.5  # "who's your manager at the depot?": the manager, not the job
        if score:
            # a fact named by a phrase of its own is asked again: no preference for the untold
            told = STATED if fact.name in state.stated and fact.name not in pinned and not (
                again) and not (fact.kind is FactKind.FEAR and kinds and (
                    kinds[0][0] is FactKind.FEAR)) and not (
                    fact.name in follow_ups and _unsaid_follow_up(
                        persona, index, fact.name, whole, state)) else 0.0  # (an answer for this
            # follow-up is a new angle: "is Phil home tonight?" after how they are today)
            scores[fact.name] = score + _specific(fact, named) - told
    if not scores and _PRONOUN_WHO.search(unit) and state.last_patient:
        mentioned = index.facts_named_in(state.last_patient.lower())
        people = [n for n in mentioned if _kind_of(persona, n) is FactKind.PERSON]
        if people:
            return FactHit(people[0], FactKind.PERSON.value, "a person the patient just named")
    if (person := _named_before(persona, index, unit, whole, mentions)) is not None:
        scores[person] = max(scores.get(person, 0.0), PERSON + 0.3)  # "You mentioned Craig —
        # is he your manager?" asks about Craig
    set_aside = None
    if REPAIR.search(whole) and group in scores and not (
            kinds and kinds[0][0] is _kind_of(persona, group)):
        del scores[group]  # "I was asking about the journey, though": not the job again
        set_aside = persona.fact(group)
    if scores:
        def ranked(name: str) -> tuple[float, int]:  # a tie goes to the fact written first (a
            return scores.get(name, 0.0), -_order(persona, name)  # set's order is not fixed)
        best = max(scores, key=ranked)
        if best not in named and best in state.stated and not (
                best in follow_ups and _unsaid_follow_up(persona, index, best, whole, state)) and (
                _kind_of(persona, best) is not FactKind.FEAR) and (fresh := [
                n for n in named if n not in state.stated and scores.get(n, 0.0) >= scores[best]
                - 0.3]):  # "Tell me about the wedding." after the plans were told: the wedding
            best = max(fresh, key=ranked)
        if (kind := _kind_of(persona, best)) is not None and best == kind.value and (things := [
                n for n in named if _kind_of(persona, n) is FactKind.OTHER
                and scores.get(n, 0.0) >= scores[best] - 0.3]):  # "I meant the swimming - where
            best = max(things, key=ranked)  # did you go?": the swimming, not exercise in general
        follow_up = follow_ups.get(best)
        if follow_up is not None:  # "how did you get into clock repair?": an answer written
            kind = _kind_of(persona, best)  # for that follow-up, whether told or not
            return FactHit(best, kind.value if kind else None, f"a follow-up ({follow_up})")
        if best in state.stated and not _only_follow_ups_told(persona, best, state) and (
                best not in pinned or _ORIGIN.search(unit)) and not again and (
                slot in (Slot.HOW, Slot.WHY) or _NEW_ANGLE.search(unit) or _ORIGIN.search(unit) or (
                    _THAT_HAPPENS.search(unit) and state.subject != f"fact:{best}") or (
                    _kind_of(persona, best) in _BROAD and _elsewhere(persona.fact(best), unit))):
            runner = max((n for n in scores if n != best and (n in named or n in relations) and (
                scores[n] >= THRESHOLD and n not in state.stated)),
                key=lambda n: scores[n], default=None)
            if runner is None:
                return None  # "how has getting to placement been going?": more than the fact
                # again; "how many days off have you had?" after the job was told: not the job
            best = runner  # "…how many shifts have you missed at the vets?": the placement,
            # named in the line, once the job itself was told
        best = _filling(persona, scores, best, slot, unit)
        best = _named_in_its_sentence(persona, index, best, unit, whole)
        pointed = set() if any(_kind_of(persona, m[0]) is FactKind.PERSON for m in mentions) or (
            _MUM_DAD.search(whole)) else _pointed_at(persona, index, unit, whole, state)
        viewed = kind_score.get(FactKind.OTHERS_VIEW, 0.0) >= THRESHOLD
        if viewed and not named and not pointed:  # "Nadia, thirty-two. Are you two close?":
            pointed = {name for name, _at, _w in index.fact_mentions(whole)  # the person the
                       if _kind_of(persona, name) is FactKind.PERSON}  # line named before
            pointed = pointed if len(pointed) == 1 else set()
        asked_by_kind = relations if viewed else set()
        at = {name: index.last_mention(name, text) for name, _s, _w in mentions}
        people = [*sorted(named | pointed, key=lambda n: (-at.get(n, 10**6), n)),
                  *sorted(asked_by_kind - named - pointed)]
        best = _about_the_person(persona, index, best, people,  # the one named last first:
                                 viewed=viewed, ties=bool(_TIES.search(unit)))  # "…with Alfie.
        # And Phil – what does he make of all this?" is Phil's view
        if (untested := _test_not_had(persona, best, unit, whole)) is not None:
            return FactHit(None, FactKind.TESTS.value, f"asks about a test ({untested}) the "
                           "patient has not had or does not know")
        if ask.form is Form.YES_NO and _kind_of(persona, best) in _PLACES and (
                _STATE_OF_IT.search(unit)):
            return None  # "is the placement at risk?", "is your job on the line?": yes or no,
            # not what the job is
        if scores.get(best, THRESHOLD) >= THRESHOLD:
            kind = _kind_of(persona, best)
            why = ("named in the line" if best in named else
                   f"asks about {kind.value if kind else 'it'}")
            return FactHit(best, kind.value if kind else None, why)
    if ask.form is Form.WH and slot is Slot.WHO and (people := _people_asked(persona, unit)):
        return FactHit(people.name, people.kind.value, "who in their life, asked without a "
                       "name")  # "who's been counting on you?", "who are you keeping it from?"
    nouns = [kind for kind, score in kinds if is_noun_kind(kind) and score >= THRESHOLD]
    if nouns and set_aside is not None and set_aside.kind is nouns[0]:
        return FactHit(set_aside.name, nouns[0].value, f"asks about {nouns[0].value}")  # "Sorry,
        # I meant coffee actually - how many a day?": put right, and still the fact it names
    if nouns and (told := next((f for f in persona.fact_sheet if f.kind is nouns[0] and (
            f.name in state.stated)), None)) is not None:
        return FactHit(told.name, told.kind.value, f"asks again about {told.kind.value}, told "
                       "before")  # "You mentioned waking at four. Is that still happening?"
    if nouns:
        return FactHit(None, nouns[0].value, f"asks about {nouns[0].value}, which the "
                       "fact sheet does not hold")
    if kinds:
        return None  # an aspect ("what happens…") of something the persona may know as a topic
    if ask.form is Form.WH and asks_unknown_fact(unit, slot) and slot is not Slot.WHY:
        return FactHit(None, None, "asks for a fact the patient does not know")
    if ask.form is Form.YES_NO and asks_unknown_fact(unit, None):
        return FactHit(None, None, "asks for a fact the patient does not know")
    return None


# How something began ("how did you get into that?", "what got you started?"): a new angle on
# a thing already told, even when the line names it by its own phrase.
_ORIGIN: Final = re.compile(
    r"\b(?:how|when|why) did you (?:first )?(?:get into|start|begin|take up|pick up|learn|end up|"
    r"come to|get started)|\bwhat (?:got|made|drew|brought) you (?:into|to|start)|\bgot you "
    r"into\b|\bhow come you (?:started|got into)")


_WHAT_THEY_LIKE: Final = re.compile(r"^(?:and |so )?what (?:are|were|was|is) (?:they|he|she) "
                                    r"(?:like|really like)(?:,? (?:the|both) (?:two|three|lot|"
                                    r"pair) of them|,? as (?:people|kids|a person))?\W*$")


_ONE_PERSON: Final = re.compile(r"\b(?:he|she)\b")
_CHECKED_FEELING: Final = re.compile(  # (on normalised text: "you're" is "you are")
    r"\byou (?:are )?(?:not (?:ruling|sure)|want|wish|hope|feel|felt|would like|are (?:worried|"
    r"scared|torn)|do not want)\b")
_PLURAL_ONLY: Final = re.compile(r"\b(?:they|them|those|these)\b")


# A yes/no question about the state of a thing of theirs, not about what it is.
_STATE_OF_IT: Final = re.compile(
    r"^(?:(?:and|so|but|ok|okay|um|right),? )*(?:is|was|are|were|will|would) (?:the|your|that|"
    r"this|it|they|those)(?: [\w-]+){0,2} (?:at risk|on the line|in (?:danger|trouble|jeopardy)|"
    r"under threat|safe|secure|ok|okay|alright|all right|going to (?:be )?(?:ok|okay|alright|"
    r"fine)|likely|at stake|worth|in doubt|affected|suffering|getting (?:harder|easier|worse|"
    r"better))\b")
# What a question asks of someone else's life is not the patient's own.
_OWN_LIFE: Final = frozenset({FactKind.NAME, FactKind.AGE, FactKind.HOUSEHOLD, FactKind.HOME,
                              FactKind.WORK, FactKind.DAY, FactKind.HOBBIES, FactKind.SLEEP,
                              FactKind.EXERCISE, FactKind.ALCOHOL, FactKind.SMOKING,
                              FactKind.CAFFEINE})
_THIRD_PARTY: Final = re.compile(
    r"^(?:(?:and|so|but|ok|okay|right|um|oh),? )*(?:(?:what|how|where|when|which|who|how \w+)"
    r"(?: \w+)? )?(?:do|does|did|is|are|was|were|has|have|will|would|can) (?:your (?:mum|mom|"
    r"mother|dad|father|wife|husband|partner|son|daughter|kids|children|boys|girls|brother|"
    r"sister|boss|manager|friends?|parents|grandson|granddaughter|nan|gran|grandma|grandad)|he|"
    r"she|(?P<name>[a-z]+)(?: and (?P<other>[a-z]+))?)\b")
_YOU_WORD: Final = re.compile(r"\byou\b")
_THEIR_ROUND: Final = re.compile(r"\b(?:him|her|them) (?:home |up |back )?(?:from|to|at) (?:school|"
                                 r"work|college|nursery|football|swimming|practice|training)\b")
_THEIR_THING: Final = re.compile(r"\b(?:his|their|(?!(?:night|day|today|tonight|week|year|month|"
                                 r"morning|evening|weekend|everyone|anyone|someone|it|that|"
                                 r"what|who|there|here)'s)[a-z]+'s) (?:job|work|hours|shifts?|"
                                 r"day|home|house|sleep|hobbies)\b")


def _about_someone_else(persona: Persona, unit: str) -> bool:
    """Whether a question's subject is another person, not the patient ("does Tom work?",
    "what's his job?")."""
    if _THEIR_ROUND.search(unit):
        return True  # "who walks him home from school now?"
    if _THEIR_THING.search(unit) and not re.search(r"\byour (?:job|work|hours|shifts?|day|"
                                                   r"home|house|sleep)\b", unit):
        return True
    found = _THIRD_PARTY.match(unit)
    if found is None or _YOU_WORD.search(unit):
        return False
    names = {n.lower() for n in persona.names()}
    return found.group("name") is None or found.group("name") in names or (
        found.group("other") in names)


# A severity ruler's answer: the reply whose `heard` holds SCORE_HEARD ("out of ten").
SEVERITY_WHY: Final = "a severity ruler: the score written for it"
SCORE_HEARD: Final = "out of ten"
_OTHER_RULER: Final = re.compile(r"\b(?:confident|confidence|important|importance|ready|readiness|"
                                  r"willing|motivated|coping|cope|likely|sure)\b")
_SLEEP_SCORED: Final = re.compile(r"\b(?:rate|score|number on|put|mark) (?:your |the |last night's "
                                   r")?(?:sleep|nights?)\b|\b(?:your )?sleep (?:out of|on a scale|"
                                   r"over the last|these days|at the moment|lately)\b|\bsleeping "
                                   r"through\b")
_SCALE_WORDS: Final = re.compile(r"\b(?:scale|out of (?:ten|10)|(?:0|nought|zero|one|1) (?:to|and) "
                                  r"(?:10|ten)|number|score)\b")


def _severity_scored(persona: Persona, whole: str) -> Fact | None:
    """The fact whose score out of ten a severity ruler asks for: the sleep's when the line is
    about sleep, else the complaint's (when the sheet has a score written for it)."""
    if not (RULER_SEVERITY_RX.search(whole) and _SCALE_WORDS.search(whole)) or (
            _OTHER_RULER.search(whole)):
        return None  # ("…on a scale of 0 to 10, how confident are you?" is no score of the pain)
    kind = FactKind.SLEEP if _SLEEP_SCORED.search(whole) else FactKind.SYMPTOMS
    fact = next((f for f in persona.fact_sheet if f.kind is kind), None)
    if fact is None or not any(SCORE_HEARD in a.heard for a in fact.answers):
        return None
    return fact


_HE: Final = re.compile(r"\b(?:he|him|his)\b")
_SHE: Final = re.compile(r"\b(?:she|her|hers)\b")


def _may_be(persona: Persona, name: str, unit: str) -> bool:
    """Whether the he or she of a question can be this person, by the pronouns their own
    answers use of them ("Joanne's my mum. She's a carer…" is no "he")."""
    fact = persona.fact(name)
    if fact is None:
        return True
    told = " ".join(a.text.lower() for a in fact.answers)
    male, female = len(_HE.findall(told)), len(_SHE.findall(told))
    if _HE.search(unit) and not _SHE.search(unit):
        return male >= female
    if _SHE.search(unit) and not _HE.search(unit):
        return female >= male
    return True


def _people_before(persona: Persona, text: str, index: PersonaIndex | None = None
                   ) -> Fact | None:
    """The fact about the group of people a line names before its question, if any: by a word
    for them ("your own mum and dad"), else the group whose answers name every person named
    ("a loud house with Maya and Sam")."""
    kinds = [kind for kind, _score in kinds_asked(text, None) if kind in _GROUPS or (
        kind is FactKind.PARTNER)]
    found = next((f for kind in kinds[:1] for f in persona.fact_sheet if f.kind is kind), None)
    if found is not None or index is None:
        return found
    people = {name for name, _at, _w in index.fact_mentions(text)
              if _kind_of(persona, name) is FactKind.PERSON}
    if len(people) < 2:
        return None
    names = [f.keywords[0] for n in people if (f := persona.fact(n)) is not None and f.keywords]
    groups = sorted((f for f in persona.fact_sheet if f.kind in _GROUPS),
                    key=lambda f: f.kind is FactKind.HOUSEHOLD)  # the children before the house
    return next((f for f in groups if all(
        n in persona.fill(" ".join(r.text for r in f.answers)).lower() for n in names)), None)


def _names_another(persona: Persona, index: PersonaIndex, text: str, name: str) -> bool:
    """Whether the text names, by its own keywords, another thing or person of the patient's."""
    return any(found != name and _kind_of(persona, found) in (FactKind.OTHER, FactKind.PERSON)
               for found, _at, _w in index.fact_mentions(text))


# A subject set aside for now: "let's leave tablets completely to one side", "putting the heart
# aside for a second", "I wasn't going to ask about tests".
_SET_ASIDE: Final = re.compile(
    r"\b(?:leave|leaving|put|putting|set|setting|park|parking) (?:the |your |all |that |those )?"
    r"[\w'-]+(?: [\w'-]+){0,3}? (?:(?:completely|right|just) )?(?:to one side|aside|to the side|"
    r"for now|for a (?:second|moment|minute|bit))\b|\b(?:not|never) (?:really )?(?:going to |"
    r"trying to )?ask(?:ing)? about (?:the |your )?[\w'-]+(?: [\w'-]+){0,2}")


# Who was at home in the past ("who was at home?", "who else lived with you then?") and a time
# long ago: childhood named in the line, or the answer about it just given.
_PAST_HOUSEHOLD: Final = re.compile(
    r"\bwho (?:else )?(?:was|were|lived|used to live|did you live|was living)\b|\bwas it just "
    r"(?:you|the (?:two|three|four) of you)\b|\bwho (?:else )?did you (?:share|grow up)\b")
# Kinds that are the patient's life today, asked of their childhood ("was money a problem when
# you were growing up?"): the childhood answers it, not today's mortgage.
_NOW_AND_THEN: Final = frozenset({FactKind.MONEY, FactKind.WORK, FactKind.HOME, FactKind.DAY,
                                  FactKind.HOBBIES, FactKind.HOUSEHOLD})
_AS_A_CHILD: Final = re.compile(
    r"\b(?:you (?:were )?(?:grow(?:ing)? up|grew up)|as a (?:child|kid|boy|girl|lad|lass)|when you "
    r"were (?:little|young|small|a (?:child|kid|boy|girl|lad|lass))|in your childhood)\b")
_CHILDHOOD: Final = re.compile(
    r"\b(?:grow(?:ing)? up|grew up|as a (?:child|kid|boy|girl|teenager)|when you were (?:little|"
    r"young|younger|small|a (?:child|kid|boy|girl|teenager))|childhood|back then|in those days)\b")


def _back_then(persona: Persona, index: PersonaIndex, unit: str, whole: str,
               state: State, follow_ups: dict[str, str]) -> str | None:
    """The fact with the answer written for their childhood home, when a question about who was
    at home is set back then ("where did you grow up, and who was at home?"; "who else was at
    home then?" just after that answer), or when a question set in their childhood has no
    follow-up of its own ("was money a problem when you were growing up?")."""
    name = _childhood_fact(persona, index)
    if name is None:
        return None
    if not _PAST_HOUSEHOLD.search(unit):
        own = [n for n in follow_ups if n != name]
        asked = kinds_asked(unit, None)
        return name if _AS_A_CHILD.search(sentence_of(whole, unit)) and not own and not (
            is_unknown(unit)) and (not asked or asked[0][0] in _NOW_AND_THEN) else None
    if _CHILDHOOD.search(whole) or (re.search(r"\bthen\b", unit) and state.used and (
            state.used[-1].startswith(f"fact.{name}:"))):
        return name
    return None


def _childhood_fact(persona: Persona, index: PersonaIndex) -> str | None:
    """The fact with an answer written for "growing up" (found once per persona)."""
    cached = persona.cache.get("childhood_fact", "?")
    if cached == "?":
        cached = persona.cache["childhood_fact"] = next(
            iter(_follow_ups(persona, index, "growing up")), None)
    return cached if isinstance(cached, str) else None


_VIEW_WORDS: Final = re.compile(r"\b(?:think|thinks|say|says|said|know|knows|feel|feels|react|"
                                r"reacts|make of|together|you two|get on|close)\b")


# A safety behaviour done less, or not at all, in an imagined scene: "if you only checked
# once", "if you didn't ring her", "say you left the phone downstairs".
_LESS_SAFETY: Final = re.compile(
    r"\b(?:only|just) (?:checked|check|looked|rang|rung|searched|googled)\b[\w ]{0,25}?\bonce\b|"
    r"\b(?:didn'?t|did not|don'?t|do not|stopped|stop|weren'?t|were not|couldn'?t|could not|"
    r"hadn'?t|had not|haven'?t|have not) (?:check|checking|checked|search|searching|ring|"
    r"ringing|rung|rang|call|called|phoned|google|googling|look it up|looking it up)\b|"
    r"\bwithout (?:checking|searching|ringing|googling|looking)\b|\b(?:left|leave) "
    r"(?:the|your) phone (?:downstairs|in the kitchen|in another room|out of the bedroom)\b")
# What would come of it: what would happen, go through their mind, or how they would feel.
_WHAT_WOULD_COME: Final = re.compile(
    r"\bwhat (?:do you (?:imagine|picture|think) )?(?:would|might|could) (?:happen|be going "
    r"through|go through)|\bthrough your (?:mind|head)\b|\bhow (?:would|might) (?:you|that|it) "
    r"feel\b|\bwhat (?:would|might) you (?:be )?(?:thinking|worry|worrying|fear|feel)\b|\bworst "
    r"(?:thing )?(?:your|ur) (?:mind|head|brain) (?:would |might |could )?(?:go|jump)|\bwhere "
    r"(?:would|does|will) (?:your|ur) (?:mind|head) (?:go|jump)")
# How the patient sees the problem: asked of a thing the sheet also holds ("how much control do
# you have over the checking?"), the view is the answer.
_VIEWS: Final = frozenset({FactKind.CONTROL, FactKind.OUTLOOK, FactKind.CONVINCE})
# What they would notice, or feel in the body, in a scene imagined.
_NOTICE_FIRST: Final = re.compile(
    r"\bthe first thing (?:that )?(?:you(?:'d| would)?|you) (?:notice|feel)|\bwhat would you "
    r"(?:notice|feel) first\b|\b(?:notice|feel) (?:first )?in your body\b|\bwhat would (?:your "
    r"body|your heart|your stomach) do\b|\bhow would your body (?:feel|react)\b")
_SCENE_FRAME: Final = re.compile(r"\b(?:if|suppose|supposing|imagine|picture|say)\b")
# A scene imagined with the problem gone is looking forward, not the feared scene (broader than
# the reader's `_PROBLEM_GONE`, which needs an if-clause naming the problem: "suppose the attacks
# stopped" and "a better week" count here).
_SCENE_PROBLEM_GONE: Final = re.compile(
    r"\b(?:better|gone|stopped|weren't|were not|wasn't|was not|no longer|without (?:the|it|them|"
    r"any)|magic|free of|disappeared|easier|cured|fixed|sorted)\b")
_PLAIN_WORDS: Final = frozenset(re.findall(r"[a-z]+", (
    "the and you your would what with that this then there one morning night next week day "
    "first thing notice feel suppose imagine picture say did get got were was are have had "
    "just like really some much more about from into onto when where which")))


def _scene_words(text: str) -> set[str]:
    """Content words by a rough stem ("buses" and "bus", "standing" and "stand")."""
    return {_SCENE_STEM.sub("", w) for w in re.findall(r"[a-z]{3,}", text.lower())
            if w not in _PLAIN_WORDS}


_SCENE_STEM: Final = re.compile(r"(?<=[a-z]{3})(?:ing|es|s)$")


def _feared_scene(persona: Persona, index: PersonaIndex, whole: str) -> Fact | None:
    """When the line imagines them in a place or moment their triggers or fears name ("…get on
    the bus…", "…standing up to give the speech…"), the problem not gone: the fear, if an answer
    is written for that scene, else the symptoms."""
    frame = _SCENE_FRAME.search(whole)
    if frame is None or _SCENE_PROBLEM_GONE.search(whole):
        return None
    feared = {w for f in persona.fact_sheet if f.kind in (
        FactKind.TRIGGERS, FactKind.FEAR, FactKind.WORST) for a in f.answers
        for w in _scene_words(a.text)}
    if not _scene_words(whole[frame.end():]) & feared:
        return None
    lowered = whole.lower()
    fear = next((f for f in persona.fact_sheet if f.kind is FactKind.FEAR and any(
        a.heard and index.heard_in(tuple(a.heard), lowered) for a in f.answers)), None)
    return fear or next((f for f in persona.fact_sheet if f.kind is FactKind.SYMPTOMS), None)


_IF_FRAME: Final = re.compile(r"\b(?:if|suppose|supposing|imagine|say) (?:things|the|it|you|"
                             r"your|he|she|they|[a-z]+ (?:saw|noticed|found|asked))\b")
_WOULD_THEY: Final = re.compile(
    r"(?:\bwould|(?<!you)(?<!i)(?<!it)'d) (?!you\b|i\b|it\b|that\b|this\b)(?:\w+ ){0,2}?(?:notice|"
    r"say|think|see|feel|spot|make of|do differently|be the first)\b|\bbe different between "
    r"(?:you and|the two of you)\b"
    r"|\bwhat (?:would|might) (?:change|be different) (?:for|between|with) (?:you and )?\w+\b")


# How they feel about a thing of their life the question names ("how do you feel about the
# speech?", "how are you feeling about the wedding?"): that thing, told as they live it.
_FEEL_ABOUT: Final = re.compile(r"\b(?:feel|feeling|felt) (?:now )?about\b")
_EVENTS: Final = frozenset({FactKind.OTHER, FactKind.PLANS, FactKind.WORK, FactKind.HOBBIES})
_IF_CLAUSE: Final = re.compile(r"^(?:\w+ ){0,2}?(?:if|suppose|imagine|say) [^,?]*, ")


def _future_view(persona: Persona, index: PersonaIndex, sentence: str,
                 whole: str = "") -> str | None:
    """The view fact of the person a looking-forward question names first ("what would Phil
    notice first?")."""
    people = list(dict.fromkeys(
        name for name, _at, _w in index.fact_mentions(sentence)
        if _kind_of(persona, name) is FactKind.PERSON))
    if not people and _ONE_PERSON.search(sentence) and whole:  # "Jordan keeps inviting you.
        before = whole[:max(0, whole.find(sentence[:20]))]  # What do you think he'd say if
        people = [name for _at, name in sorted(  # he knew?": Jordan
            (at, name) for name, at, _w in index.fact_mentions(before)
            if _kind_of(persona, name) is FactKind.PERSON)][-1:]
    if not people or (person := persona.fact(people[0])) is None:
        return None  # ("if I asked Ella and Danny what kind of dad you are…": Ella first)
    return _view_of(persona, person)


def _asks_a_view(unit: str, slot: Slot | None) -> bool:
    """Whether the question asks first what someone else knows or thinks ("does your family know
    how much time the checking takes up?" asks what the family knows)."""
    asked = kinds_asked(unit, slot)
    return bool(asked) and asked[0][0] is FactKind.OTHERS_VIEW


def _one_of_them(persona: Persona, group: str, kinds: Sequence[tuple[FactKind, float]]
                 ) -> Fact | None:
    """The thing taken or had one at a time that "the last one" counts: the one the line names,
    else the one just talked about."""
    named = [kind for kind, score in kinds if kind in _CONSUMED and score >= THRESHOLD]
    if named:
        return next((f for f in persona.fact_sheet if f.kind is named[0]), None)
    fact = persona.fact(group)
    other = [kind for kind, score in kinds if kind is not FactKind.LAST_EPISODE
             and score >= THRESHOLD]  # ("the last one" alone reads as the last attack)
    return fact if fact is not None and fact.kind in _CONSUMED and not other else None


def _only_follow_ups_told(persona: Persona, name: str, state: State) -> bool:
    """Whether only answers written for follow-ups of this fact were said ("about eleven" to
    "what time do you go to bed?"): "how are you sleeping?" after it asks for the fact itself."""
    fact = persona.fact(name)
    if fact is None or fact.kind not in _COMPLAINT:
        return False  # the job's follow-ups told: "how's work?" is more than the job again
    plain = [i for i, reply in enumerate(fact.answers) if not reply.heard]
    return bool(plain) and not any(f"fact.{name}:{i}" in state.used for i in plain)


def _unsaid_follow_up(persona: Persona, index: PersonaIndex, name: str, whole: str,
                      state: State) -> bool:
    """Whether an answer written for this follow-up is still unsaid (a question about their
    thoughts asked again is answered with the thoughts, not the fact retold)."""
    fact = persona.fact(name)
    return fact is not None and any(
        reply.heard and index.heard_in(tuple(reply.heard), whole)
        and f"fact.{name}:{i}" not in state.used for i, reply in enumerate(fact.answers))


def _wished_for(persona: Persona, index: PersonaIndex, whole: str) -> str | None:
    """The thing a looking-forward line names by its own keywords, with an answer written for
    what the line asks about it."""
    named = {name for name, _at, _w in index.fact_mentions(whole)}
    return next((name for name in _follow_ups(persona, index, whole) if name in named), None)


def _follow_ups(persona: Persona, index: PersonaIndex, asked: str) -> dict[str, str]:
    """Each fact with an answer written for a follow-up whose `heard` words the question's own
    sentence holds (not the reflection before it, not what "apart from" sets aside), with the
    words found: "how did you get into it?" → how they started."""
    found: dict[str, str] = {}
    for name, every, phrases in _heard_by_fact(persona, index):
        if not index.heard_in(every, asked):  # one search for all of a fact's follow-ups
            continue
        for heard in phrases:
            if (words := index.heard_where(heard, asked)) and len(words) > len(found.get(name, "")):
                found[name] = words  # the longest phrase heard: "how did you usually get
                # through" before "when things got hard"
    return found


def _heard_by_fact(persona: Persona, index: PersonaIndex
                   ) -> tuple[tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]], ...]:
    """Each fact with written follow-ups: every phrase of them, and each answer's phrases in
    order (built once per persona)."""
    cached = persona.cache.get("heard_by_fact")
    if not isinstance(cached, tuple):
        out = []
        for fact in persona.fact_sheet:
            phrases = tuple(tuple(reply.heard) for reply in fact.answers if reply.heard)
            if phrases:
                every = tuple(dict.fromkeys(p for heard in phrases for p in heard))
                out.append((fact.name, every, phrases))
        cached = persona.cache["heard_by_fact"] = tuple(out)
    return cached


def _written_follow_up(index: PersonaIndex, follow_ups: dict[str, str], whole: str,
                       state: State, persona: Persona, sentence: str = "") -> str | None:
    """The fact with a follow-up written for this question that the line names, else that is
    being talked about, else that the patient just named: "how did you get into that?" after
    the clocks is how they started on clocks; else one of the facts told most lately; else the
    fact of the kind the line asks about ("when you wake at four, what goes through your
    mind?" is the sleep fact's answer written for it)."""
    if not follow_ups:
        return None
    named = {name for name, _at, _w in index.fact_mentions(whole)}
    said = set(index.facts_named_in(state.last_patient.lower())) if state.last_patient else set()
    own = sentence[:sentence.find("?") + 1] if "?" in sentence else sentence  # (not the options
    # after it: "why did Wednesdays stop? was it the pain or the shifts")
    in_sentence = {name for name, _at, _w in index.fact_mentions(own)} if own else set()
    told = [used.split(":")[0].removeprefix("fact.") for used in reversed(state.used[-4:])
            if used.startswith("fact.")] + list(reversed(state.stated[-3:]))
    if in_sentence and all(_kind_of(persona, n) is FactKind.DAY for n in in_sentence) and (
            found := [name for name in dict.fromkeys(
                [state.subject.removeprefix("fact:"), *told]) if name in follow_ups]):
        return found[0]  # "…when the number came down on Sunday, what happened next?": the
        # attack being talked about, not what Sundays are like
    if found := [name for name in follow_ups if name in in_sentence]:  # the question's own
        return found[0]  # sentence first: "…placement Monday and Tuesday… Take a college day.
    # How do you get there?" is the way to college
    if in_sentence and sentence != whole:  # the question's own sentence names another
        return None  # thing: "And the tablets, the amitriptyline, what happened with that?";
        # "…the neck in the mirror… What are you doing on the phone, and how long does that go
        # on?" is the phone, not the morning check named before
    if found := [name for name in follow_ups if name in named]:
        return found[0]
    if _ONE_PERSON.search(sentence) and any(  # "Let's come back to Ella. What's she like?":
            _kind_of(persona, name) is FactKind.PERSON  # Ella, not the mother whose follow-up
            for name, _at, _w in index.fact_mentions(whole)):  # was written for "what's she
        return None  # like" and who was talked about last
    subject = state.subject.removeprefix("fact:")
    if subject in follow_ups and (asked := {kind for kind, score in kinds_asked(
            own or whole, None) if score >= THRESHOLD}) and _kind_of(persona, subject) not in (
            asked) and (found := [name for name in follow_ups if _kind_of(persona, name) in asked]):
        return found[0]  # "Out of ten, how bad is the pain today?" after the sleep was scored:
        # the pain's score, not the sleep's again
    for group in ({subject}, said):
        if found := [name for name in follow_ups if name in group]:
            return found[0]
    # told lately: "how long did it take to settle?" after the last attack, its length and one
    # more question is still that attack; "did you say anything to Tom?" after this morning's
    # checking is still the checking (the latest told first)
    lately = [name for name in dict.fromkeys(told) if name in follow_ups]
    if lately and (not named or (" " in follow_ups[lately[0]] and lately[0] == told[0])):
        return lately[0]  # (a question that names something else follows up only the answer
        # just given: "what happened to it, do you still have the plot?" after the allotment is
        # not the absence reviews told three turns before)
    if named and (not sentence or in_sentence):  # a thing the question names
        return None  # is what it asks about (one named only in the reflection before it is not:
    # "One lump, under your jaw. After you'd felt it, what did you do next?")
    kinds = kinds_asked(whole, None)  # the kinds the line asks about, near the best; in a line
    top = [kind for kind, score in kinds if score >= kinds[0][1] - 0.3] if kinds else []
    asked = set(top) or {kind for kind, _w, _m, _s in layout_of(whole)[1]}  # that asks
    # for thoughts, any kind it cues ("when you wake at four, what goes through your mind?")
    return next((name for name in follow_ups if (kind := _kind_of(persona, name)) in asked and (
        kind not in _NOT_BY_KIND)), None)


def _one_of_several(persona: Persona, follow_ups: dict[str, str],
                    slot: Slot | None) -> dict[str, str]:
    """Of several follow-ups, the one whose fact holds the place (where) or the people (who),
    else the one heard by a clearly longer phrase."""
    want = {Slot.WHERE: (FactKind.HOME,), Slot.WHO: (FactKind.PARENTS, FactKind.HOUSEHOLD)}.get(
        slot, ()) if slot is not None else ()
    for kind in want:
        found = {n: p for n, p in follow_ups.items() if _kind_of(persona, n) is kind}
        if len(found) == 1:
            return found
    longest = sorted(follow_ups.items(), key=lambda pair: -len(pair[1]))
    if len(longest) >= 2 and len(longest[0][1]) >= len(longest[1][1]) + 3:
        return dict(longest[:1])  # "proudest of" (the work) before "proudest" (the clocks)
    return follow_ups


def _only_follow_up(persona: Persona, follow_ups: dict[str, str], unit: str,
                    slot: Slot | None = None, whole: str = "") -> tuple[Fact, bool] | None:
    """The one fact asked by its kind with an answer written for this follow-up ("what nearly
    stopped you coming?", "how did you get here today?"), and whether its words hold every kind
    cue of the question ("nearly stopped you" holds "stopped you"); a person or a thing is
    followed up only when the line is about them."""
    if len(follow_ups) != 1:
        follow_ups = _one_of_several(persona, follow_ups, slot)  # "where was home when you were a
        if len(follow_ups) != 1:  # child?": the home, not the family
            return None
    [(name, phrase)] = follow_ups.items()
    fact = persona.fact(name)
    at = unit.find(phrase)
    if at < 0 and len(phrase.split()) >= 4 and fact is not None and whole and (
            phrase in sentence_of(whole, unit[:20])) and fact.kind not in _NOT_BY_KIND:
        return fact, True  # "…when things got hard in your life, how did you get through?"
    if fact is None or fact.kind in _NOT_BY_KIND or " " not in phrase or (
            at < 0):
        return None
    cues = [m.span() for _k, _w, m, _s in layout_of(unit)[1]]
    return fact, bool(cues) and all(
        at <= a and b <= at + len(phrase) and b - a < len(phrase) for a, b in cues)


def _scenes(persona: Persona, index: PersonaIndex, text: str, before: int | None = None,
            kinds: frozenset[FactKind] = frozenset({FactKind.OTHER})) -> list[str]:
    """The facts of kind `other` (places, scenes, things in the patient's life) that `text`
    names, in order; with `before`, only those named before that position."""
    return [name for name, at, _w in sorted(index.fact_mentions(text), key=lambda m: m[1])
            if _kind_of(persona, name) in kinds and (before is None or at < before)]


def _another_noun(persona: Persona, unit: str, slot: Slot | None, name: str,
                  phrase: str) -> bool:
    """The question's own words ask first about another subject the sheet holds, before the
    follow-up's phrase: "what does eating look like on a shift day?" asks about eating, not the
    shift ("what's the hardest part of a working day?" is still the hardest part)."""
    kind = _kind_of(persona, name)
    asked = kinds_asked(unit, slot)
    if not asked or not is_noun_kind(asked[0][0]) or (
            asked[0][0] in (kind, FactKind.OTHERS_VIEW, FactKind.DOCTORS)) or (  # ("did the
            # doctors catch it late?": the doctors did something, they are not what is asked)
            asked[0][1] < THRESHOLD + 1.0) or kind in (FactKind.OTHER, FactKind.PERSON) or not any(
            f.kind is asked[0][0] for f in persona.fact_sheet):
        return False
    at = unit.find(phrase)
    cue = next((m for k, _w, m, _s in layout_of(unit)[1] if k is asked[0][0]), None)
    if cue is not None and asked[0][0] is FactKind.FEAR and cue.start() <= at < cue.end():
        return False  # "what worries you most about treatment?": the worry written for it
    return at < 0 or (cue is not None and cue.start() < at)


def _people_asked(persona: Persona, unit: str) -> Fact | None:
    """The people a who-question about their life asks for, when no fact reads it: who knows
    (their views) for who is kept in the dark, else who is at home."""
    if _KEPT_FROM.search(unit):
        kind = FactKind.OTHERS_VIEW
    elif _COUNTING_ON.search(unit) or _WHO_THEY_MEAN.search(unit):
        kind = FactKind.HOUSEHOLD
    else:
        return None
    return next((f for f in persona.fact_sheet if f.kind is kind and not f.private), None)


_KEPT_FROM: Final = re.compile(r"\b(?:keeping|keep|hiding|hide|kept|hid) (?:it|this|that|them|"
                               r"things) from\b|\bknows?\b|\bhave(?: you)? told\b")
_COUNTING_ON: Final = re.compile(r"\b(?:counting|count|relying|rely|depending|depend|leaning|"
                                 r"lean) on you\b|\bdoing (?:it|this|all this|everything) for\b|"
                                 r"\bgetting (?:it|everything|it all) done for\b|\blooks? after\b")
# Who the patient means by the people they spoke of: "who are you thinking of when you say
# everyone?", "who are you keeping an eye on?", "the people you want to be there for, who?"
_WHO_THEY_MEAN: Final = re.compile(
    r"\b(?:thinking of|mean|talking about) when you say (?:everyone|them|they|everybody|people|"
    r"the family)\b|\b(?:keeping|keep) an eye on\b|\b(?:want|like) to be (?:properly )?there "
    r"for\b")


def _when_it_began(persona: Persona, index: PersonaIndex, unit: str,
                   slot: Slot | None) -> str | None:
    """The onset, for "when did the checking start?": a thing of the patient's named in the
    question whose own answers do not say when (its description is no answer)."""
    if slot not in (Slot.WHEN, Slot.HOW_LONG) or not _BEGAN.search(unit):
        return None
    onset = next((f for f in persona.fact_sheet if f.kind is FactKind.ONSET), None)
    named = [persona.fact(name) for name, _at, _w in index.fact_mentions(unit)]
    things = [f for f in named if f is not None and f.kind is FactKind.OTHER]
    if onset is None or not things or len(things) != len(named) or any(
            fills_slot(r.text, Slot.WHEN) for f in things for r in f.answers if not r.heard):
        return None
    return onset.name


_BEGAN: Final = re.compile(r"\b(?:start|started|begin|began|come on|came on|kick in|kicked in)\b")


def _aspect_of_the_thing(persona: Persona, index: PersonaIndex, unit: str, whole: str,
                         slot: Slot | None) -> str | None:
    """A short aspect question ("and how often?") after a clause of the same sentence that names
    a thing of the patient's whose answer says how often, how long or when."""
    pointing = _THAT_THEN.search(unit) is not None  # "…five-a-side too? how long ago was that"
    if slot not in _SLOT_FILL or len(unit.split()) > (6 if pointing else 4) or any(
            is_noun_kind(kind) for kind, _s in kinds_asked(unit, slot)) or not (
            before := sentence_before(whole, unit[:20]) or (
                whole[:max(whole.find(unit[:20]), 0)] if pointing else "")):
        return None
    named = [name for name, _at, _w in index.fact_mentions(before)
             if _kind_of(persona, name) is FactKind.OTHER]
    fact = persona.fact(named[-1]) if named else None
    return fact.name if fact is not None and _answers_fill(persona, fact, slot) else None


_THAT_THEN: Final = re.compile(r"\b(?:that|then)\W*$")  # "how long ago was that?"
# How often the patient does something to "it" (checks it, rings them, goes down to it): the
# thing named before, not how often the symptoms come.
_DOING_IT: Final = re.compile(
    r"\b(?:you|u) (?:\w+ ){0,3}?(?:check|checks|checking|look at|go and look|feel|press|weigh|"
    r"measure|google|search|count|test|photograph|photo|ring|call|text|visit|see|go to|go down to|"
    r"go round to|clean|wash|lock|unlock) (?:it|them|that|this|those|her|him)\b")
_SYMPTOM_WORDS: Final = re.compile(r"\b(?:attacks?|symptoms?|pains?|headaches?|flare-?ups?|"
                                   r"flares?|episodes?|cramps?|aches?)\b")
_DOERS: Final = frozenset({FactKind.OTHER, FactKind.SAFETY, FactKind.PERSON, FactKind.HOBBIES,
                           FactKind.ONLINE})


def _how_often_they_do_it(persona: Persona, index: PersonaIndex, unit: str, whole: str,
                          slot: Slot | None, state: State) -> str | None:
    """The thing a "how often do you check it?" is about: named before the question in the
    line, else the subject just talked about."""
    if slot not in (Slot.HOW_OFTEN, Slot.HOW_MANY) or not _DOING_IT.search(unit) or (
            _SYMPTOM_WORDS.search(unit)):
        return None
    before = whole[:max(0, whole.find(unit[:20]))]
    named = [name for name, _at, _w in sorted(index.fact_mentions(before), key=lambda m: m[1])
             if _kind_of(persona, name) in _DOERS]
    if named:
        return named[-1]
    subject = persona.fact(state.subject.removeprefix("fact:"))
    return subject.name if subject is not None and subject.kind in _DOERS else None


def _answers_fill(persona: Persona, fact: Fact, slot: Slot | None) -> bool:
    """Whether what the fact's answers say (names filled in) holds a number or time the slot
    asks for."""
    return fills_slot(persona.fill(" ".join(r.text for r in fact.answers)), slot)


def _named_in_its_sentence(persona: Persona, index: PersonaIndex, best: str, unit: str,
                           whole: str) -> str:
    """A fact of the same kind as the one a question's words point to, named earlier in the
    question's own sentence: "When was the MRI done, and who went through the result with you?"
    is the MRI's result, not the tests in general."""
    kind = _kind_of(persona, best)
    if kind not in _SPECIFIC_KINDS or not (before := sentence_before(whole, unit[:20])):
        return best
    named = [name for name, _at, _w in index.fact_mentions(before)
             if name != best and _kind_of(persona, name) is kind]
    return named[-1] if len(named) == 1 or (named and len(set(named)) == 1) else best


_SPECIFIC_KINDS: Final = frozenset({FactKind.TESTS, FactKind.DOCTORS})


def _filling(persona: Persona, scores: dict[str, float], best: str, slot: Slot | None,
             unit: str) -> str:
    """The fact that fills a number or time slot: "how long have you been waking at four?"
    is answered by how long it has gone on when the sleep fact gives no length; "how many shifts
    have you missed?" by the close rival that has a number."""
    fills = _SLOT_FILL.get(slot) if slot is not None else None
    if slot is Slot.WHEN and (not _FIRST.search(unit) or _HABITUAL.search(unit)):
        return best  # "what time do you go to bed?" is the sleep fact's, not the onset's
    counted = _COUNTED.search(unit) if slot is Slot.HOW_MANY else None
    if counted is not None:  # "how many shifts": a number said of shifts
        fills = re.compile(_NUMBER + r"(?:\W+\w+){0,2}?\W+" + re.escape(
            counted.group(1).removesuffix("s")[:6]), re.I)
    if slot is Slot.HOW_LONG and _SO_FAR.search(unit) and _kind_of(persona, best) in _COMPLAINT:
        return next((f.name for f in persona.fact_sheet if f.kind is FactKind.DURATION), best)
        # "how long have you been waking at four?" asks how long it has gone on, not for how
        # long each night
    if fills is None or _fills(persona.fact(best), fills):
        return best
    close = [n for n in sorted(scores, key=lambda n: -scores[n])
             if n != best and scores[n] >= THRESHOLD and scores[n] >= scores[best] - 0.8]
    complaint = _kind_of(persona, best) in _COMPLAINT
    rival = next((n for n in close if _fills(persona.fact(n), fills) and (
        complaint or _kind_of(persona, n) not in _COMPLAINT)), None)  # "how many hours are
    # you doing at the depot?" is not the hours of sleep
    if rival is not None:
        return rival
    if _kind_of(persona, best) in _COMPLAINT and (aspect := _SLOT_KIND.get(slot)) is not None:
        return next((f.name for f in persona.fact_sheet if f.kind is aspect), best)
    return best


# Facts about a whole area of life that many questions border ("who at work knows?" is not the
# job again once the job was told).
_BROAD: Final = frozenset({FactKind.WORK, FactKind.DAY})
_ASKED_WORD: Final = re.compile(r"[a-z]{4,}")
_NOT_CONTENT: Final = frozenset({
    "what", "when", "where", "which", "would", "could", "should", "have", "does", "that", "this",
    "there", "their", "them", "they", "with", "your", "about", "been", "much", "many", "long",
    "often", "like", "just", "really", "think", "know", "tell", "kind", "sort", "thing", "things",
    "some", "more", "else", "ever", "still", "right", "okay", "yeah", "mean", "were", "from",
    "into", "over", "also", "then", "than", "very", "well", "will", "want", "feel", "said"})


def _elsewhere(fact: Fact | None, unit: str) -> bool:
    """A question already told whose own words the fact does not contain: it asks about
    something else the fact only borders ("how many days off have you had this year?" after
    the job), so the fact is not told again."""
    if fact is None:
        return False
    asked = {w[:5] for w in _ASKED_WORD.findall(unit) if w not in _NOT_CONTENT}
    if len(asked) < 2:
        return False
    said = " ".join(r.text.lower() for r in fact.answers)
    return sum(1 for w in asked if w in said) * 2 < len(asked)


_TOGETHER: Final = re.compile(r"\btogether\b|\byou two\b(?! (?:years?|months?|weeks?|days?|"
                              r"hours?)\b)|\bthe two of you\b|\byou both\b")
_MANY: Final = re.compile(r"\b(?:all|family|everyone|you lot)\b")


def _pointed_at(persona: Persona, index: PersonaIndex, unit: str, whole: str,
                state: State) -> set[str]:
    """The person a he/she points to when the patient's last line named one ("…Theo asked why I
    don't come." "Does he know about the attacks?"); "together" too, when the line itself names
    nobody ("What do you do together?" after "Alfie's my grandson…": with Alfie)."""
    together = _TOGETHER.search(unit) and not _MANY.search(whole) and not any(
        _kind_of(persona, name) in _RELATIVES for name, _at, _w in index.fact_mentions(whole))
    if not (_PERSONAL.search(unit) or together) or not state.last_patient:
        return set()
    said = index.facts_named_in(state.last_patient.lower())
    return {n for n in said if _kind_of(persona, n) is FactKind.PERSON}


# Tests by the words that name them: a question about one the patient never mentions ("what's
# your blood pressure usually?" to a patient whose tests are bloods and an MRI) is not known.
_TESTS: Final = {
    "blood pressure": ("blood pressure", "bp"), "cholesterol": ("cholesterol",),
    "ecg": ("ecg", "heart trace", "electrocardiogram"), "mri": ("mri",), "ct": ("ct", "cat scan"),
    "x-ray": ("x-ray", "xray", "x ray"), "ultrasound": ("ultrasound",), "thyroid": ("thyroid",),
    "colonoscopy": ("colonoscopy",), "endoscopy": ("endoscopy",), "blood sugar": (
        "blood sugar", "glucose", "hba1c", "diabetes test"), "iron": ("iron", "anaemia", "anemia"),
    "vitamin d": ("vitamin d",), "allergy": ("allergy test", "allergies tested"),
}
_TEST_ASKED: Final = re.compile(r"\b(" + "|".join(re.escape(w) for words in _TESTS.values()
                                                  for w in words) + r")\b")


def _test_not_had(persona: Persona, best: str, unit: str, whole: str) -> str | None:
    fact = persona.fact(best)
    m = _TEST_ASKED.search(unit) or _TEST_ASKED.search(whole)  # "…blood pressure? Do you know?"
    if fact is None or fact.kind is not FactKind.TESTS or m is None:
        return None
    words = next(ws for ws in _TESTS.values() if m.group(1) in ws)
    said = " ".join(persona.fill(r.text).lower() + " " + " ".join(f.keywords)
                    for f in persona.fact_sheet if f.kind is FactKind.TESTS for r in f.answers)
    return None if any(re.search(rf"\b{re.escape(w)}\b", said) for w in words) else m.group(1)


def _about_the_person(persona: Persona, index: PersonaIndex, best: str, named: list[str],
                      viewed: bool = False, ties: bool = False) -> str:
    """What others think, asked of one named person ("does Theo know?"), is that person's view
    when the sheet has one (an `others_view` fact with the person's keywords), else the person's
    own fact when the overview never mentions them, or when the line asks how they get on
    (`ties`: "how do you get on with your parents?"). A person asked about with a view's words
    ("what did you say to him?") is their view too."""
    fact = persona.fact(best)
    if fact is not None and fact.kind is FactKind.PERSON and viewed:
        return _view_of(persona, fact) or best
    if fact is None or fact.kind is not FactKind.OTHERS_VIEW or best in named:
        return best  # ("how does your mum see all this?": her view, named)
    for name in named:
        person = persona.fact(name)
        if person is not None and person.kind in _RELATIVES and (
                view := _view_of(persona, person) or _view_of_the_one(persona, index, person)):
            return view  # "does your sister know?": Nadia's view, when the sheet's sister is her
    said = " ".join(persona.fill(r.text).lower() for r in fact.answers)
    for name in named:
        person = persona.fact(name)
        if person is not None and person.kind in _RELATIVES and (ties or not any(
                re.search(rf"\b{re.escape(re.sub(r'^(?:your|my|his|her) ', '', k))}\b", said)
                for k in person.keywords)):
            return name
    return best


# How the patient gets on with someone, not what they make of the problem.
_TIES: Final = re.compile(r"\b(?:get|getting|got) on with\b|\bclose (?:to|with)\b|\bare you "
                          r"(?:two |both )?close\b|\brelationship with\b|"
                          r"\bsee (?:much of|a lot of)\b")


def _told_whom(persona: Persona, index: PersonaIndex, unit: str, whole: str,
               state: State) -> str | None:
    """The view fact of the person someone stopped telling: named in the question, else the
    last person named before it in the line, else in the patient's last reply."""
    for text in (unit, whole[:max(0, whole.find(unit[:20]))], state.last_patient.lower()):
        people = [name for name, _at, _w in index.fact_mentions(text)
                  if _kind_of(persona, name) is FactKind.PERSON]
        if people and (person := persona.fact(people[-1])) is not None:
            return _view_of(persona, person)
    return None


# Whose view a line can ask for by naming them: one person, or a relation ("your sister").
_RELATIVES: Final = frozenset({FactKind.PERSON, FactKind.PARTNER, FactKind.PARENTS,
                               FactKind.SIBLINGS, FactKind.CHILDREN})


def _view_of_the_one(persona: Persona, index: PersonaIndex, relation: Fact) -> str | None:
    """The view of the person a relation's answer names first ("One sister, Nadia, …")."""
    if relation.kind is FactKind.PERSON or not relation.answers:
        return None
    said = persona.fill(relation.answers[-1].text).lower()
    people = [name for name, _at, _w in sorted(index.fact_mentions(said), key=lambda m: m[1])
              if _kind_of(persona, name) is FactKind.PERSON]
    person = persona.fact(people[0]) if people else None
    return _view_of(persona, person) if person is not None else None


def _whose_view(persona: Persona, view: Fact) -> set[str]:
    """The people (or relations) an `others_view` fact is about: those sharing its keywords."""
    own = set(view.keywords)
    return {f.name for f in persona.fact_sheet if f.kind in _RELATIVES and own & set(f.keywords)}


def _view_of(persona: Persona, person: Fact) -> str | None:
    """The `others_view` fact about one person: it shares the person's keywords."""
    own = set(person.keywords)
    return next((f.name for f in persona.fact_sheet if f.kind is FactKind.OTHERS_VIEW
                 and own & set(f.keywords)), None)


def fills_slot(text: str, slot: Slot | None) -> bool:
    """Whether a reply fills a number or time slot ("most Sundays" fills "how often?"); any reply
    fills a slot that asks for no number or length."""
    pattern = _SLOT_FILL.get(slot) if slot is not None else None
    return pattern is None or pattern.search(text) is not None


def _named_before(persona: Persona, index: PersonaIndex, unit: str, whole: str,
                  mentions: tuple[tuple[str, int, str], ...]) -> str | None:
    """The person a he/she of the question points back to, named by name earlier in the line."""
    if whole == unit or not _PERSONAL.search(unit) or _YOU_SUBJECT.search(unit) or any(
            _kind_of(persona, name) is FactKind.PERSON and not is_cue_word(words)
            for name, _start, words in mentions):
        return None
    at = whole.find(unit[:20])
    people = [(start, name, words) for name, start, words in index.fact_mentions(
        whole[:max(at, 0)]) if _kind_of(persona, name) is FactKind.PERSON]
    if not people or is_cue_word((nearest := max(people))[2]):
        return None  # "…your mum, she's seventy-nine… how's she getting on?": the kind decides
    return nearest[1]


def _not_set_apart(mentions: tuple[tuple[str, int, str], ...],
                   unit: str) -> tuple[tuple[str, int, str], ...]:
    spans = [m.span() for m in _APART.finditer(unit)] + [
        m.span() for m in _DASHED_LIST.finditer(unit)]  # "do you think the worrying - about
    # your mum, Ella driving, work - might be playing a part?" lists examples, asks the part
    return tuple(m for m in mentions if not any(a <= m[1] < b for a, b in spans))


# A topic put first, then a pronoun for it: "And the stomach, when is that worst?"
_FRONTED_TOPIC: Final = re.compile(r"^(?:and |so |but |now |what about )?(?:the|your) [a-z]+(?: "
                                   r"[a-z]+)?,")
_DASHED_LIST: Final = re.compile(r" - (?:about|like|say|such as|whether it is) [^-?]{2,60}, "
                                  r"[^-?]{2,80} - ")


def _counted_in(fact: Fact, unit: str) -> bool:
    """Whether the fact's answers give a number of the thing "how many …" asks about."""
    counted = _COUNTED.search(unit)
    return counted is not None and _fills(fact, re.compile(
        _NUMBER + r"(?:\W+\w+){0,2}?\W+" + re.escape(counted.group(1).removesuffix("s")[:6]), re.I))


def _fills(fact: Fact | None, fills: re.Pattern[str]) -> bool:
    return fact is not None and any(fills.search(r.text) for r in fact.answers)


def _specific(fact: Fact, named: set[str]) -> float:
    """Among facts of one kind, the overview (named after its kind) unless a keyword names one."""
    return 0.05 if fact.name == fact.kind.value and not named else 0.0


def _someone_elses_view(persona: Persona, index: PersonaIndex, written: str, unit: str) -> bool:
    """The question asks a person's view ("what does Tom make of the checking?") and the
    follow-up written under the fact speaks for neither them nor anyone they name ("what do
    you make of the checking?" is her own): that person's view, not the follow-up."""
    people = [words for name, _a, words in index.fact_mentions(unit)
              if _kind_of(persona, name) is FactKind.PERSON]
    fact = persona.fact(written)
    if not people or fact is None:
        return False
    said = " ".join(persona.fill(r.text).lower() for r in fact.answers
                    if r.heard and index.heard_in(tuple(r.heard), unit))
    return not any(words in said for words in people)


def _kind_of(persona: Persona, name: str) -> FactKind | None:
    fact = persona.fact(name)
    return fact.kind if fact is not None else None


def _order(persona: Persona, name: str) -> int:
    for i, fact in enumerate(persona.fact_sheet):
        if fact.name == name:
            return i
    return len(persona.fact_sheet)


# A name said where only a person fits: "Who's Kai?", "Does Kai know?", "What does Kai think?".
_NAME: Final = r"((?:(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Auntie|Aunty|Uncle|Nurse) )?[A-Z][a-z]{1,15})"
_STRANGER: Final = re.compile(
    r"\b(?:[Ww]ho(?:'s| is| was) " + _NAME + r"(?:'s)?\b(?! \w+ing\b)"
    r"|(?:[Dd]oes|[Dd]id|[Ww]ould|[Hh]as|[Ww]ill|[Cc]an) " + _NAME + r" (?:know|think|say|feel|"
    r"help|live|mind|understand|worry|come|work|notice|see|visit|ring|call|get)\b"
    r"|[Hh]ow(?:'s| is) " + _NAME + r"(?: doing| getting on| coping)?[?.]"
    r"|[Ww]hat (?:does|did|would) " + _NAME + r" (?:think|say|do|make of|reckon|want)\b)")
_NOT_NAMES: Final = re.compile(
    r"^(?:I|It|That|This|There|They|He|She|We|You|Anyone|Anybody|Everyone|Everybody|Someone|"
    r"Somebody|Nobody|Mum|Dad|Mom|God|Google|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Christmas|Easter|What|Which|Who|How|Your|My|His|Her|Their|Our|The|A|An)$")


def stranger_named(persona: Persona, index: PersonaIndex, text: str) -> str | None:
    """A person the line names whom the patient does not know ("Does Kai know?" to a patient
    whose brother is Theo), or None. Only a capitalised name where only a person fits counts."""
    if not persona.fact_sheet or not any(c.isupper() for c in text[1:]):
        return None
    known = persona.names() | persona.proper_names() | set(persona.title.split())
    for match in _STRANGER.finditer(text):
        name = next(g for g in match.groups() if g)
        last = name.split()[-1]
        if not (_NOT_NAMES.match(last) or last in known or index.fact_mentions(last.lower())):
            return name
    return None

