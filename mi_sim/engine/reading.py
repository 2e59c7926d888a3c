"""What a clinician line asks of the patient: its form, its slot, and the words it hands over.

    ask = read_line(coding)
    ask.form, ask.slot, ask.step, ask.options, ask.negated, ask.yes_no

Beside the MITI code (how the clinician talks), the reader says what shape of answer fits:
a yes/no question, a wh-question and its slot, an either/or, a proposal, an offer or permission
request, a summary, a check, an apology, thanks, a greeting, a closing, a looking-forward
question, an invitation to go on, or a statement. It knows no persona. The patient answers the
last act of a volley ("That sounds exhausting. Who's at home with you?" is a who-question);
a summary that ends "did I miss anything?" is a summary; an apology is heard whatever follows.

Rules, per unit, first that fires: closing, repeat request, apology, thanks, greeting, invite,
check, offer, permission, proposal, looking forward, either/or, wh-question, yes/no question
(auxiliary first, "I wonder if", or a short statement said with "?"), else a statement.
Steps set aside ("let's leave the diary for now") are collected from every unit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from typing import Final

from mi_sim.engine import form_lexicon as fx
from mi_sim.engine.coding import SCALING, SUMMARY, Coding
from mi_sim.engine.segmenter import Unit, relative_clause, segment, sentence_of
from mi_sim.engine.vocabulary import QUESTIONS as QUESTION_CODES
from mi_sim.engine.vocabulary import REFLECTIONS, Code


class Form(StrEnum):
    """The shape of answer a clinician line asks for (stable strings: traces, benches)."""

    YES_NO = "yes_no"
    WH = "wh"
    EITHER_OR = "either_or"
    PROPOSAL = "proposal"
    OFFER = "offer"
    PERMISSION = "permission"
    SUMMARY = "summary"
    CHECK = "check"
    APOLOGY = "apology"
    THANKS = "thanks"
    CLOSING = "closing"
    GREETING = "greeting"
    FUTURE = "future"
    INVITE = "invite"
    REPEAT = "repeat"
    STATEMENT = "statement"


class Slot(StrEnum):
    """What a wh-question asks for."""

    WHO = "who"
    WHAT = "what"
    WHERE = "where"
    WHEN = "when"
    HOW_LONG = "how_long"
    HOW_OFTEN = "how_often"
    HOW_MANY = "how_many"
    WHICH = "which"
    WHY = "why"
    HOW = "how"


class YesNo(StrEnum):
    """What kind of yes/no question: it decides between the patient's yes, no and unsure."""

    WILLING = "willing"  # would you be up for…, do you want…
    FEELING = "feeling"  # is that scary?
    OPINION = "opinion"  # do you think…
    EXPERIENCE = "experience"  # have you ever…
    OTHER = "other"


QUESTIONS: Final = frozenset({Form.YES_NO, Form.WH, Form.EITHER_OR})


@dataclass(frozen=True, slots=True)
class Ask:
    """The reader's verdict on one clinician line."""

    form: Form
    rule: str
    text: str = ""  # the normalised unit that decided the form
    slot: Slot | None = None
    yes_no: YesNo | None = None
    step: str | None = None  # the step proposed, in the patient's words
    options: tuple[str, ...] = ()  # either/or options, in the patient's words
    negated: tuple[str, ...] = ()  # steps set aside anywhere in the line
    echo: str | None = None  # the word a yes/no question asks about
    question_mark: bool = False
    focus: str = ""  # the question clause of a long turn, from its main question on
    also: Ask | None = None  # an earlier question of the same line, to be answered too
    scale: str | None = None  # a ruler's scale: importance, confidence or readiness

    @property
    def is_question(self) -> bool:
        return self.form in QUESTIONS

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"form": self.form.value, "rule": self.rule}
        for key in ("slot", "yes_no"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value.value
        for key in ("step", "echo", "scale"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.options:
            out["options"] = list(self.options)
        if self.negated:
            out["negated"] = list(self.negated)
        if self.also is not None:
            out["also"] = self.also.to_dict() | {"text": self.also.text}
        return out


# ---------------------------------------------------------------------- words

_CHAT: Final = (
    (re.compile(r"\bn't\b"), " not"),
    (re.compile(r"\bcan't\b|\bcannot\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not"),
    (re.compile(r"\br u\b|\br (?=you\b)"), "are you "),
    (re.compile(r"\bu\b"), "you"),
    (re.compile(r"\bur\b"), "your"),
    (re.compile(r"\by'?all\b"), "you"),
    (re.compile(r"\bpls\b|\bplz\b"), "please"),
    (re.compile(r"\bthx\b|\bty\b"), "thanks"),
    (re.compile(r"\bb/?c\b|\bbc\b"), "because"),
    (re.compile(r"\bhow's\b"), "how is"),
    (re.compile(r"\bd'you\b|\bd'ya\b|\bdya\b"), "do you"),
    (re.compile(r"\b(who|what|where|how)s\b"), r"\1 is"),
    (re.compile(r"\bwhen's\b"), "when is"),
)
_WORD: Final = re.compile(r"[a-z][a-z'-]*")
_STEP_END: Final = re.compile(
    r"(?:,| - | so that | so you | to see (?:if|whether|how)| and see| just to see| instead\b| "
    r"rather than| or (?:not|something|anything)|\.|;|!| - ).*$"
)
_ONLY_VAGUE: Final = re.compile(r"^(?:something|anything|one (?:small |little )?thing|a (?:small |"
                                 r"little |first )?(?:step|thing))(?: (?:small|little|new|"
                                 r"different))?(?: this week| for a week)?$")
_FOR_EXAMPLE: Final = re.compile(
    r",? (?:like|such as|say|for example|maybe),? (?P<step>(?:\w+ing|just|a|an|the|some|go|do|"
    r"try|take|have|get|put|ring|call|text|write|read|walk|sit|spend|pop|book|say|tell|send|turn|"
    r"leave|keep|ask|join|watch|visit|eat|make)\b.*)$")
_VAGUE_STEP: Final = re.compile(r"\b(?:something|one (?:small |little )?thing|a (?:small |little |"
                                r"first )?step|one step|an experiment|anything)\b")
_STEP_TAIL: Final = re.compile(
    r"\s*(?:\bfor (?:me|us)\b|\bat all\b|\bthen\b|\bperhaps\b|\bmaybe\b|\bdo you think\b|"
    r"\bwhat do you think\b|\bif you (?:like|want)\b|\bsometime\b)\s*$"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@lru_cache(maxsize=4096)
def plain(norm: str) -> str:
    """A normalised unit with negations and chat spellings written out ("don't" → "do not")."""
    text = norm
    if any(mark in text for mark in ("s ", "d'", "'", " u", "ur ", "r ", "x ")) or (
            text.startswith(("u ", "r "))):
        for rx, repl in _CHAT:
            text = rx.sub(repl, text)
    if "actually" in text or "exactly" in text:  # "what does your stomach actually do?" asks
        text = _FILLER.sub(" ", text)  # what it does
    return " ".join(text.split())


_FILLER: Final = re.compile(r"\b(?:actually|exactly)\b(?! (?:what|how|when|where|who|why)\b)")


def patient_words(phrase: str) -> str:
    """A phrase of the clinician's said back from the patient's side ("your mum" → "my mum")."""
    words = phrase.split()
    out = [fx.PERSPECTIVE.get(w, w) for w in words]
    for i, word in enumerate(words):
        if word == "you" and (i == len(words) - 1 or words[i + 1] in _OBJECT_NEXT) and i > 0:
            out[i] = "me"
    text = " ".join(out)
    text = text.replace("I are", "I am").replace("are I", "am I").replace("I was", "I was")
    text = re.sub(r"\byou (?:is)\b", "you are", text)
    text = re.sub(r"\b(with|to|for|from) us$", r"\1 you", text)  # "come with us" → "with you"
    return text.strip(" ,.?!")


def _clean_step(raw: str) -> str | None:
    example = _FOR_EXAMPLE.search(raw)
    if example is not None and _VAGUE_STEP.search(raw[:example.start()]):
        raw = example.group("step")  # "one small thing this week, like getting up and…"
    step = _STEP_END.sub("", raw).strip()
    first, _, rest = step.partition(" ")
    if first in fx.BASE_VERB:  # "what if you wrote back…": write back
        step = f"{fx.BASE_VERB[first]} {rest}".strip()
    if re.match(r"(?:it|that|this|them|those|these)\b|(?:giving|give|trying|try|doing|do|having|"
                r"have) (?:it|that|this|them)(?: a (?:go|try|shot|whirl))?$", step):
        return None  # "give it a go this week": a step named only by a pronoun is not echoed
    for _ in range(3):
        trimmed = _STEP_TAIL.sub("", step).strip()
        if trimmed == step:
            break
        step = trimmed
    words = step.split()
    if len(words) > 10 and " and " in step and len(step.split(" and ")[0].split()) >= 3:
        step = step.split(" and ")[0]  # the first half of a long two-part step is enough
        words = step.split()
    if len(words) > 14:
        step = " ".join(words[:14])
    step = patient_words(step)
    if _ONLY_VAGUE.match(step):
        return None  # "want to try something small?" names no step to echo
    return step if _WORD.search(step) else None


_STEP_WHEN: Final = re.compile(
    r"\s(?:at (?:night|lunch(?:time)?|the weekends?|weekends?|work|home|bedtime)|for (?:a|an|"
    r"one|two|three|four|five|the next|\d+) (?:week|weeks|day|days|month|months|fortnight|"
    r"minutes?|hours?|nights?)\b|every\b|each\b|this (?:week|weekend|month|evening)|"
    r"next (?:week|time|month)|"
    r"before\b|after\b|instead of\b|when\b|if\b|once\b|twice\b|in the (?:mornings?|evenings?|"
    r"afternoons?)|on (?:the|a|your|my) (?:way|weekend|bus|days?)\b|and\b|so that\b|to see\b|"
    r"until\b|till\b|just to\b)")
_STEP_LEAD: Final = re.compile(r"^(?:try(?:ing)? (?:to )?|maybe |perhaps |just |to )(?=[a-z])")


def echoed_step(step: str) -> str:
    """A step as the patient says it back before weighing it: its head, without when, how long
    or what for ("try leaving my phone downstairs at night for a week" → "leaving my phone
    downstairs"); "" when even that is too long to say back naturally."""
    head = _STEP_LEAD.sub("", step.strip(), count=1)
    cut = _STEP_WHEN.search(head)
    if cut is not None and len(head[:cut.start()].split()) >= 2:
        head = head[:cut.start()]
    head = head.strip(" ,")
    return head if 1 <= len(head.split()) <= 6 else ""


_RATHER_LEAD: Final = re.compile(r"^(?:rather|prefer to|prefer|sooner) (?!(?:we|you|i|they|he|she|"
                                 r"not|that)\b)")
_SUITS_YOU: Final = re.compile(r" (?:suit|work for|be (?:better|easier|best) for) (?:you|u)\b")


def _options(text: str) -> tuple[str, ...]:
    """The two options of an either/or ("worse in the morning or at night" → both sides)."""
    body = _SUITS_YOU.sub("", text.rstrip(" ?.!"))  # "would a phone appointment suit you, or…":
    # the appointment, not "appointment suit you"
    if len(cut := _OR_TRAILING.sub("", body).split(" or ")) == 2:
        body = " or ".join(cut)  # "do you walk or get a lift or..?"
    found = list(fx.EITHER_OR_RX.finditer(body))
    if not found:
        return ()
    match = found[-1]
    head = body[: match.start()].strip(" ,").split()
    tail = body[match.end():].strip(" ,")
    clause = bool(_AUX_SUBJ.match(tail))
    tail = _AUX_SUBJ.sub("", tail)
    tail = _RATHER_LEAD.sub("", tail)  # "…or would you rather come
    tail = _cut_tail(tail)  # in person?": coming in person
    tail = re.sub(r"\s+(?:then|instead|first|more|mostly|maybe|really|for now|for you|gets? "
                  r"involved|helps?(?: out)?|pitch(?:es)? in|steps? in|does it|do it)$", "", tail)
    tail_words = tail.split()
    while head and head[-1] in _TRAILING:
        head.pop()
    if len(tail_words) > 8 and _RATHER.search(body):
        tail_words = tail_words[:6]  # "would you rather A, or just keep a little diary of…"
    if not tail_words or len(tail_words) > 8 or not head:
        return ()
    first = _first_option(head, tail_words, clause)
    listed = body[:match.start()].strip(" ,")
    whole_item = listed.count(",") >= 2 and 1 <= len(
        last := listed.rsplit(",", 1)[-1].split()) <= 6
    if whole_item:
        first = last  # "not at all, several days, more than half the days, or nearly every
        # day?": the item before the "or" whole, not its last words
    if commas := [i for i, w in enumerate(first[:-1]) if w.endswith(",")]:
        first = first[commas[-1] + 1:]  # "who does the swimming runs, you or Tom?": you
    rather = _RATHER.search(body, 0, match.start())
    if rather is not None and len(body[rather.end():match.start()].split()) > len(first):
        first = _trim(_LEAD_IN.sub("", body[rather.end():match.start()].strip(" ,")).split()[:8])
        tail_words = _trim(_LEAD_IN.sub("", " ".join(tail_words)).split())  # the whole step,
        # not only its last phrase: "would you rather start with learning about panic, or…"
    first_text = " ".join(first) if whole_item else _AUX_SUBJ.sub("", " ".join(first))
    if cleft := _CLEFT.search(first_text):  # "is it at four in the morning that it really gets
        first_text = first_text[:cleft.start()]  # going, or during the day?": at four
    one, two = (_ME.get(o, o) for o in (patient_words(first_text),
                                         patient_words(" ".join(tail_words))))
    if _CLAUSE_OPTION.match(one) or _CLAUSE_OPTION.match(two):
        return ()  # "is that where they mostly happen, or is it anywhere?": not two things to
        # pick from, but a question asked twice
    one, two = _shared_verb(one, two)
    return (one, two) if one and two and one != two else ()


_IMAGINED: Final = re.compile(r"\b(?:if|imagine|suppose|say) (?:the|your|you|it|they|this|that|"
                              r"things|all)\b[^?]{0,60}\b(?:stopped|went away|disappeared|were "
                              r"gone|was gone|eased|lifted|got better|vanished|woke up|magic)\b")
_TYPICAL: Final = re.compile(r"^(?:so |and |ok,? |okay,? )?what would (?:a|an|your) (?:typical|"
                             r"normal|usual|ordinary|average) \w+ look like\b")
# What would happen if they did the thing they avoid: the feared outcome.
_WOULD_HAPPEN: Final = re.compile(
    r"\bwhat(?:'s| is)? (?:do you think |would you say )?(?:would|might|could|will) happen\b"
    r"|\bif (?:you|i) [^?]{2,80}, what (?:do you think )?(?:would|might|could|will) happen\b"
    r"|\bwhat (?:would|do|might) you (?:worry|fear|be (?:afraid|scared|worried)) (?:that )?"
    r"(?:people|others|other people|they|everyone)\b")  # "…what would you worry people would see?"
_PROBLEM_GONE: Final = re.compile(
    r"\bif (?:the|your|it|they|this|that|things|all|all this|the \w+) [^?]{0,40}?(?:stopped|"
    r"went away|disappeared|were gone|was gone|eased|lifted|got better|vanished|wasn't there|"
    r"were not there|weren't there|was not there)\b"
    r"|\bif you [^?]{0,20}?\b(?:a (?:bit|little|lot) |much |far )?less\b")  # "if you worried a
# bit less, what would happen?" imagines the change
_BOOK_YOU: Final = re.compile(
    r"\bif (?:i|we) (?:booked|book|referred|refer|signed|sign|put|arranged|arrange|set) you "
    r"(?:up |in |down )?(?:for |into |onto |on |to |with )?(?P<step>[^?]{3,80})")
# The risk question put first and then asked ("…thoughts of harming themselves, or that life
# isn't worth it. Have you had any thoughts like that?").
_RISK_TALK: Final = re.compile(
    r"\b(?:harm(?:ing)? (?:yourself|themselves|themself)|hurt(?:ing)? (?:yourself|themselves)|"
    r"self[- ]?harm|suicid\w*|(?:end|ending) (?:your|their) (?:own )?lives?|life (?:is not|isn't) "
    r"worth|(?:rather|better) not (?:be )?(?:here|around|alive)|not (?:wanting|want) to (?:be "
    r"here|be alive|be around|go on|wake up|live))")
_NOT_WANTING_TO_LIVE: Final = re.compile(
    r"\bnot (?:wanting|want|wanted) to (?:be here|be alive|be around|go on|wake up|live)\b")
# A topic named, then asked about: "what about eating, has your appetite changed?".
_TOPIC_THEN_ASKED: Final = re.compile(
    r"^[a-z-]+(?: [a-z-]+)?,? (?:has|have|is|are|do|does|did|was|were|how|what|when|any)\b")
# Whether something was told: "have you told Jordan how you feel about it?", "does Tom know
# what goes through your head?".
_TOLD: Final = re.compile(
    r"^(?:(?:and|so|but),? )?(?:have|had|did|do|has|would|could) (?:you|he|she|they) (?:ever )?"
    r"(?:told|tell|said|say|mentioned|mention|shown|show|let|talked to|spoken to|explained to)\b"
    r"|^(?:(?:and|so|but),? )?(?:does|did|do) (?:\w+ ){1,2}know\b")
_CLAUSE_OPTION: Final = re.compile(r"^(?:is|are|was|were|do|does|did|can|could|would|will|has|"
                                   r"have|had|should)\b|^(?:they|it|he|she|we) \w+")
_STEPS_OFFERED: Final = re.compile(r"\b(?:what if you (?:try|tried|did|do)|how about|you could "
                                   r"(?:try|do|start)|one small thing|something small|you choose|"
                                   r"up to you which)\b")
_CLEFT: Final = re.compile(r"(?<=\w) (?:that|when) (?:it|they|you|the \w+) (?:really |usually |"
                           r"tend to |most )?\w+")
_ME: Final = {"I": "me"}  # "you or Tom?" "Me, mostly."


def _trim(words: list[str]) -> list[str]:
    """A cut option ends on a content word ("keep a little diary of" → "keep a little diary")."""
    while len(words) > 1 and (words[-1] in _PREPS or words[-1] in _ARTS or words[-1] in (
            "and", "or", "of", "to")):
        words = words[:-1]
    return words


def _actions_offered(text: str) -> tuple[str, ...] | None:
    """Two things to do offered after a colon ("what would you like to do now: come to hospital
    with us, or stay at home tonight?"), else None."""
    colon = text.find(": ")
    if colon < 0:
        return None
    first, _or, second = text[colon + 2:].rstrip(" ?.!").rpartition(" or ")
    options = tuple(patient_words(o.strip(" ,")) for o in (first, second))
    if all(o and o.split()[0] in _ACTION_VERBS and len(o.split()) <= 8 for o in options):
        return options
    return None


def _first_option(head: list[str], tail: list[str], clause: bool) -> list[str]:
    lead = tail[0]
    if clause:
        return head[-3:]
    if lead in _ACTION_VERBS and (to := max((i for i, w in enumerate(head[:-1]) if w in (
            "to", "rather", "just", "could", "might", "can") and head[i + 1] in _ACTION_VERBS),
            default=-1)) >= 0:
        return head[to + 1:]  # "do you want to come to hospital with us, or stay here?": two
        # things to do, the first from its verb
    if lead in _PREPS:
        at = max((i for i, w in enumerate(head) if w in _PREPS), default=-1)
        if at >= 0:
            return head[at:]
    at = max((i for i, w in enumerate(head) if (w in _PREPS or w in _ARTS or w in _CHOICE_LEADS)
              and (i < len(head) - 1 or w in _ARTS)), default=-1)  # ("the morning of, or…":
    # a preposition the option ends on does not start it)
    if at >= 1 and head[at] in _SUBJECTS and head[at - 1] in _CHOICE_LEADS and (
            at < len(head) - 1):
        return head[at + 1:]  # "is that most days, or…": most days
    if at >= 0 and head[at] in _ARTS:
        return head[at:]
    if 0 <= at < len(head) - 2 and head[at + 1] in _SUBJECTS:
        return head[at + 2:]  # "is that most days, or just the bad afternoons?": most days
    if at >= 0:
        return head[at + 1:] or head[at:]
    return head[-len(tail):]


# Their own view asked after things said back ("…putting it all together, what do you make of it
# yourself?"): a question about what they think, not a summary to confirm.
_OWN_VIEW: Final = re.compile(r"\b(?:make of (?:it|that|this|it all|all this|all that)(?: all)? "
                              r"yourself|your own (?:view|sense|take|theory|idea|explanation)|"
                              r"what do you think is (?:going on|behind|causing))")
_ANYTHING_Q: Final = re.compile(r"^(?:(?:and|so|but|um|ok|okay),? )*(?:has|have|does|did|do|is|was|"
                                r"were|are|would|could|can) (?:there )?(?:anything|anyone|"
                                r"anybody|something|someone|any)\b")
_SUBJECTS: Final = frozenset({"it", "that", "this", "there"})  # said before an option, not in it


_ACTION_VERBS: Final = frozenset({
    "come", "go", "stay", "keep", "try", "wait", "call", "ring", "have", "get", "see", "talk",
    "leave", "take", "rest", "sit", "head", "book", "make", "start", "stop", "give", "bring",
    "phone", "text", "walk", "drive", "think", "speak", "tell", "write", "do", "let", "put"})
_RATHER: Final = re.compile(r"\b(?:would you (?:rather|prefer|want to|like to)|which would "
                            r"you(?: rather| prefer| "
                            r"like| go for| pick| choose)?|which (?:one |of them )?(?:do|would) "
                            r"you (?:fancy|want|pick|choose|go for))\b")
# a wh-question asked in its own right ("what do the weekends look like?"), not a clause of a step
_ASKED_DIRECTLY: Final = re.compile(r"^(?:\w+ )?(?:what|how|where|when|who|which)(?: \w+)? "
                                    r"(?:do|does|did|would|could|can|will|have|has)\b")
_WHAT_YOU_MEANT: Final = re.compile(
    r"^(?:(?:and|so|sorry|okay|ok|right|um),? )*what (?:do|did) you mean (?:by|when you (?:say|"
    r"said)|about)\b|(?:^|, )how do you mean\W*$")  # "the worst of you, how do you mean?"
_NOT_FOLLOWED: Final = re.compile(r"\bi (?:am not sure i|did not|do not|didn't|don't) (?:quite |"
                                  r"totally |fully )?(?:follow|followed|understand|understood|get "
                                  r"what you|catch what you)\b")
_OR_TRAILING: Final = re.compile(r"(?:[ ,.]+or(?: what| something| whatever| anything(?: like "
                                 r"that| else)?)?|,? anything (?:like that|else)|,? that (?:kind|"
                                 r"sort) of thing)+[ ,.?!]*$")
_CALLED: Final = re.compile(r"\b(?:call(?:ed)? you|go by)\b")
_LEAD_IN: Final = re.compile(r"^(?:(?:start with|begin with|go for|try|just|either|maybe|we|i|you|"
                             r"could|would|should|to|,)\s*)+")
_AUX_SUBJ: Final = re.compile(
    r"^(?:(?:is|are|was|were|does|do|did|has|have|would|will|could) (?:it|they|you|that|this|"
    r"there|the \w+) |(?:more of |mostly |more )+)")
_CHOICE_LEADS: Final = _words(
    "worse better more less rather prefer start begin is are was were do does did would "
    "could it they either whether pick choose like want go try happen happens come comes "
    "starts of"
)
_OBJECT_NEXT: Final = _words(
    "to with for about at in on up down off out more less too again and or if when"
)
_PREPS: Final = _words(
    "in at on before after during with by for to from about around when once while "
    "through into over under near"
)
_ARTS: Final = _words(
    "a an the some your my this that"
)
_TRAILING: Final = _words(
    "mostly usually first more then often generally typically normally really"
)
_SUBORDINATE: Final = _words(
    "once when whenever before after if while until"
)
_TAIL_VERBS: Final = _words(
    "be is are feel feels seem seems work works suit suits sound sounds would better "
    "easier worse harder that which who bothers bother helps help"
)


_ASIDE_AFTER: Final = re.compile(r",? (?:(?:do )?(?:i|you|u) (?:think|reckon|guess|said|mean|"
                                  r"believe|suppose)|i think (?:you|u)|right|yeah|maybe|"
                                  r"though)\b.*$")


def _cut_tail(tail: str) -> str:
    """An option ends before the verb that follows it ("…or coming in person be easier"), and
    before an aside after a comma ("…or driving, i think u were doing lessons?")."""
    tail = _ASIDE_AFTER.sub("", tail) if "," in tail else tail
    words = tail.split()
    if not words or words[0] in _SUBORDINATE:
        return tail
    for i, word in enumerate(words):
        if i >= 1 and word in _TAIL_VERBS and words[i - 1] not in _LINKING:  # ("feel worse":
            return " ".join(words[:i])  # what they would feel, not a verb after the option)
    return tail


_LINKING: Final = _words("feel felt feeling get got getting be been seem seemed look looked")


def _shared_verb(one: str, two: str) -> tuple[str, str]:
    """Two options said with the same verb, said back without it ("did you feel relieved, or
    did you feel worse?" → relieved, worse)."""
    first, second = one.split(), two.split()
    if first and second and first[0] in ("I", "me") and len(first) > 2 and first[1] == second[0]:
        first = first[1:]
    if len(first) > 1 and len(second) > 1 and first[0] == second[0] and first[0] in _LINKING:
        return " ".join(first[1:]), " ".join(second[1:])
    return one, two


# ---------------------------------------------------------------------- units


@dataclass(frozen=True, slots=True)
class _Act:
    form: Form | None  # None: a statement
    rule: str
    text: str
    slot: Slot | None = None
    step: str | None = None
    options: tuple[str, ...] = ()
    yes_no: YesNo | None = None
    echo: str | None = None
    scale: str | None = None


_ASKED_WH: Final = re.compile(
    r"\b(?:can|could|may) i ask(?: you)?,? (?P<wh>who|what|how|where|when|why|which)\b")
_TELL_ME_INSIDE: Final = re.compile(
    r"(?:^|, |\. |um |so )(?:can you |could you |please )?(?:tell me|talk me through|walk me "
    r"through|take me through) (?:a (?:bit|little) |more |all )?(?:about |what |how |who |where "
    r"|when |the |your )")
_REMIND: Final = re.compile(r"\bremind me (?:of |about |who |what |how |where |when )")
# Leave to say no after an offer: "can I tell you a bit about…? totally ok if not".
_LEAVE_TAIL: Final = re.compile(r"^(?:and |but )?(?:(?:it is|that is|it's|that's) )?(?:totally |"
                                r"completely |absolutely |honestly )?(?:okay|ok|fine|alright|all "
                                r"right) if not\W*$|^no pressure\W*$")
# A question with leave asked after it: "when did he pass, if that's okay to ask?" asks when.
_WH_THEN_LEAVE: Final = re.compile(
    r"^(?:and |so )?(?:when|what|where|who|how|which|why) [^,]{3,80}, if (?:that is|it is|"
    r"that's|it's) (?:okay|ok|alright|all right) (?:to ask|with you)\W*$")
_ASK_WH: Final = re.compile(
    r"^(?:can|could|may) i (?:just |also )?ask(?: you)?,?(?: (?:then|though|also|too|instead|"
    r"roughly|approximately|out of interest|honestly),?)* (?:who|what|how|where|when|why|which|if|"
    r"whether)\b|.*\bcan i ask who\b|^(?:can|could|may) i (?:just )?ask, [^?,]{3,60}, (?:ur|your|"
    r"you|u|is|are|was|were|do|does|did|have|has|would|could|will|can) [^?]*\?$|^(?:can|could|"
    r"may) i ask (?:you )?about [^,?]{1,40},? (?:is|"
    r"are|was|were|do|does|did|has|have|how|what|who|where|when|why|which) ")
_WH_SLOTS: Final[dict[str, Slot]] = {
    "how long": Slot.HOW_LONG, "how often": Slot.HOW_OFTEN, "how frequently": Slot.HOW_OFTEN,
    "how many": Slot.HOW_MANY, "how much": Slot.HOW_MANY, "how old": Slot.HOW_MANY,
    "how far": Slot.HOW_MANY, "what time": Slot.WHEN, "what age": Slot.HOW_MANY,
    "since when": Slot.WHEN, "how soon": Slot.WHEN, "whereabouts": Slot.WHERE,
    "how come": Slot.WHY, "in what way": Slot.HOW, "who": Slot.WHO, "whom": Slot.WHO,
    "whose": Slot.WHO, "what": Slot.WHAT, "where": Slot.WHERE, "when": Slot.WHEN,
    "which": Slot.WHICH, "why": Slot.WHY, "how": Slot.HOW,
}
_STATEMENT_WH: Final = re.compile(
    r"^(?:what|how|why|where|when|who) (?:you|i|we) (?:are |am |were )?(?:said|say|saying|"
    r"mean|meant|describe|described|told|feel|felt|went through|have been through|have told)\b"
    r"(?![^?]*\?$)|^(?:when|where|while|whenever|wherever|if|as) (?:you|it|they|the|that|this|"
    r"i|we|things) [^,?]*,\s*(?!what|how|why|where|when|who|which|do|does|did|is|are|would|"
    r"could|can|have|has)"
)


# "…you can tell me what fits and what doesn't?": the end of a clause, not a question of its own
_WHAT_DOES_NOT: Final = re.compile(r"^(?:and |or )?(?:what|which) (?:does not|doesn't|do not|"
                                   r"don't|is not|isn't|will not|won't)\W*$")
_COMES_FROM: Final = re.compile(r"where (?:does|did|do|would) (?:that|it|this|all that|all this|"
                                r"those|these) (?:\w+ )?(?:come|stem|spring) from\b")


# A question that ends on its wh-word, said back to what the patient said: "Frightened of
# what, exactly?", "Could tell what?", "Lose what, Denise?", "Watched by whom?".
_TRAILING_WH: Final = re.compile(
    r"^(?:(?:and|so|but|sorry|okay|ok|um),? )*(?!(?:you know|guess|know) what\b)(?:[a-z'-]+ ){0,3}"
    r"(?:of |by |for |about |to |with "
    r"|from )?(?P<wh>what|who|whom|where|which)(?:,? (?:exactly|then|though|do you mean|do you "
    r"think|sorry|[a-z]+))?\W*$")


def _wh(text: str, question_mark: bool) -> _Act | None:
    match = fx.WH_START_RX.match(text) or _ASKED_WH.search(text)
    if match is None and question_mark and (trailing := _TRAILING_WH.match(text)) and (
            trailing.start("wh") > 0):
        slot = Slot.WHO if trailing.group("wh") in ("who", "whom") else (
            Slot.WHERE if trailing.group("wh") == "where" else Slot.WHAT)
        return _Act(Form.WH, "wh_said_back", text, slot=slot)
    if match is None:
        return None
    if _STATEMENT_WH.match(text) and not question_mark:
        return None
    word = match.group("wh")
    slot = _WH_SLOTS.get(word) or _WH_SLOTS.get(word.split()[0], Slot.WHAT)
    # "how do you feel when…", "how has it been" ask for a description, not a manner.
    if slot is Slot.HOW and re.match(r"how (?:many|much) (?:times|days|nights|weeks)\b",
                                     text[match.start("wh"):]):
        slot = Slot.HOW_OFTEN
    if slot is Slot.HOW_MANY and re.search(r"\b(?:times|how often)\b", text):
        slot = Slot.HOW_OFTEN
    if slot is Slot.WHERE and _COMES_FROM.match(text[match.start("wh"):]):
        slot = Slot.WHY  # "where does that come from, do you think?": why, not a place
    if slot is Slot.HOW_LONG and re.match(r"how long (?:before|after|into)\b",
                                          text[match.start("wh"):]):
        slot = Slot.HOW  # "how long before the meeting does it start?": how it builds, not how long
    return _Act(Form.WH, "wh_" + slot.value, text, slot=slot)


def _yes_no_kind(text: str) -> tuple[YesNo, str | None]:
    if fx.WILLING_RX.search(text):
        return YesNo.WILLING, None
    if fx.OPINION_RX.search(text):
        return YesNo.OPINION, None
    match = fx.AFFECT_Q_RX.match(text)
    if match is not None and match.group("word") in fx.FEELING_WORDS:
        return YesNo.FEELING, match.group("word")
    words = set(_WORD.findall(text))
    feeling = sorted(words & fx.FEELING_WORDS)
    if feeling and re.match(r"^(?:is|was|are|were|does|did|must|has|have) (?:it|that|this|"
                            r"you|they|those)\b", text):
        return YesNo.FEELING, feeling[0]
    if fx.EXPERIENCE_RX.search(text):
        return YesNo.EXPERIENCE, None
    return YesNo.OTHER, None


def _short_question(text: str) -> bool:
    """A statement said as a question: "you live alone?", "and sleep?", "any meds?"."""
    return len(text.split()) <= 6 and not text.startswith(("so ", "that ", "which "))


_HELLO_LEAD: Final = re.compile(r"^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))"
                                r"(?: \w+)?, ")
_AUTONOMY_STEP: Final = re.compile(
    r"^(?:absolutely |totally |always |just |of course )?(?:say no|stop (?:me|you|us|any ?time|"
    r"whenever)|tell me to stop|change (?:your|my) mind|pass\b|skip (?:it|that|any)|take a "
    r"break|ask me to stop|say if|tell me if)"
    r"|^(?:almost |nearly |practically |really |just |probably )?(?:see|hear|watch|feel|tell|"
    r"imagine|picture|sense)\b")  # "you can almost watch their face change": what they live
_WHEN_CLAUSE_FIRST: Final = re.compile(
    r"^(?:when|whenever|while|once|as soon as) [^,?]{3,80}, (?:it|that|this|they|the|your) "
    r"(?:\w+ ){0,3}\w+(?:s|ed)\b")
_FACT_FIRST: Final = re.compile(r"^(?:what time|when|how long|how often|how many|where|who)\b")
_SINCE_HOW_LONG: Final = re.compile(r"\bsince how long\b")
_INFORMING: Final = frozenset({Code.GIVING_INFORMATION, Code.PERSUADE_WITH_PERMISSION})
_SUBORDINATE_LEAD: Final = re.compile(r"^(?:when|whenever|if|while|after|before|once) ")
_LEAD_CLAUSE: Final = re.compile(r"^[^,?]{3,80}, (?=(?:what|how|where|who|when|which|why)\b)")


# "I was wondering more how you felt when…": an indirect question, however it is punctuated.
_WONDERING: Final = re.compile(r"^(?:sure,? |okay,? |so,? )?i (?:was|am) (?:just |really )?"
                               r"(?:wondering|curious) (?:more |rather )?(?:about )?(?=(?:how|"
                               r"what|why|who|when|where|whether|if)\b)")
# "What about right now, is…?", "And how about tonight, will…?": a topic set up for the
# yes/no question that follows it.
_WHAT_ABOUT_THEN: Final = re.compile(
    r"^(?:and |so |okay,? |ok,? )?(?:what|how) about (?:right now|now|today|tonight|this "
    r"(?:morning|afternoon|evening)|at the moment|the moment|these days|at the minute), "
    r"(?=(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|any|anything)\b)")


_REASON_AFTER: Final = re.compile(r"^(?:because|bc|cos|coz|cause|since|given) (?!(?:do|does|did|is|"
                                  r"are|was|were|have|has) you\b)[^?]{0,60}\??$")
_WHAT_IF: Final = re.compile(r"^(?:and |but |so |okay,? |right,? )*(?:what )?(?:if|say|suppose) ")
_TRAILING_OR: Final = re.compile(r"^(?:or|or not|or what|or anything|or something|or whatever|"
                                 r"or no|or anyone|or nothing)\W*$")


def _unit_act(unit: Unit) -> _Act | None:
    """The form of one unit, or None when it is only filler."""
    text = plain(unit.norm)
    if unit.filler:
        if fx.THANKS_RX.match(text):
            return _Act(Form.THANKS, "thanks", text)
        if fx.INVITE_RX.match(text):
            return _Act(Form.INVITE, "invite", text)
        return _Act(Form.INVITE, "filler", text) if unit.question_mark else None
    if not text or _WHAT_DOES_NOT.match(text):  # "…what fits and | what doesn't?"
        return None
    text = _SINCE_HOW_LONG.sub("how long", text)  # "since how long you are waking like this?"
    if unit.question_mark and (about := _WHAT_ABOUT_THEN.match(text)):  # "what about right now,
        text = text[about.end():]  # is the pain any easier?" asks the yes/no
    if (meant := _I_MEAN.match(text)) and len(text) > meant.end() + 8:  # "i meant like what
        text = text[meant.end():]  # days or times does it happen most": the question again
    if not unit.question_mark and (wondering := _WONDERING.match(text)):  # "I was wondering more
        inner = _text_act(text[wondering.end():], True)  # how you felt when she said it."
        if inner.form is not None:
            return inner
    if unit.question_mark and "sorry" in text and not _REAL_APOLOGY.match(text) and not (
            fx.APOLOGY_RX.match(text)):  # (a line opening with it is read by the apology rule)
        # "um, any allergies, sorry?", "oh, sorry, I mean like asthma, any operations?": the
        # question, with its nervous apology set aside
        asked = _MEAN_LIKE.sub("", " ".join(_SORRY_ASIDE.sub(" ", text).split()).strip(" ,."))
        asked = re.sub(r"[ ,]+(?=[?.!]$)", "", asked)
        if len(asked.split()) >= 2 and asked != text:
            act = _text_act(asked, True)
            if act.form is not Form.APOLOGY:
                return act if act.form is not None else _checked(asked)
    act = _text_act(text, unit.question_mark)
    if unit.question_mark and (act.form is None or _SUBORDINATE_LEAD.match(text)) and (
            lead := _LEAD_CLAUSE.match(text)):  # "when you're not working, what do you do?"
        inner = _text_act(text[lead.end():], True)  # "before the pain, what you enjoy to do?"
        if inner.form is Form.WH:
            return replace(inner, rule=inner.rule + "_after_lead")
    if act.form is None:
        inner = _main_question(text, unit.question_mark)
        if inner is not None:
            return replace(inner, rule=inner.rule + "_embedded")
        last = re.split(r"\s*(?:[,;:]|\s-\s)\s*", text)[-1] if unit.question_mark else ""
        if len(last.split()) >= 3 and fx.WH_START_RX.match(last) and (
                asked := _text_act(last, True)).form is Form.WH:
            return replace(asked, text=text, rule=asked.rule + "_after_lead")  # "at its very
            # worst, during an attack, how strong is it?": the lead is part of what is asked
        if fx.APOLOGY_INSIDE_RX.search(text) and len(text.split()) <= 25:
            wh = _WH_IN_CLAUSE.search(last) if unit.question_mark else None
            if wh is not None and (asked := _text_act(last[wh.start():], True)).form is Form.WH:
                return asked  # "sorry i meant the checking itself, on a bad morning how long
                # does it take?": the question at the end of the clause
            if len(last.split()) >= 3 and (asked := _text_act(last, True)).form in QUESTIONS:
                return asked  # "sorry I mean out of the lump, the hand and your stomach, which
                # worries you most?"
            tail = re.split(r"\s(?:but|so)\s", last)[-1] if unit.question_mark else ""
            if tail != last and len(tail.split()) >= 3 and (
                    asked := _text_act(tail, True)).form in QUESTIONS:
                return asked  # "sorry i keep asking but who lives with u?"
            return _Act(Form.APOLOGY, "apology_inside", text)
    return act


# Where a question may start inside a longer unit: after a clause break or a lead-in word, or
# at a wh-word or an auxiliary put before "you".
_CANDIDATE: Final = re.compile(
    r"(?:, |; |: |\? | - |\bum,? |\bso |\bbut |\band |\bwondering,? |\bcurious,? |\blike |\bthen |"
    r"\bjust )(?=\S)|(?<=\s)(?=(?:have|has|do|does|did|are|were|can|could|would|will) (?:you|"
    r"they)\b)")
# A clause that is a question by its syntax alone (inversion), for questions inside a unit.
_INVERTED: Final = re.compile(
    r"^(?:(?:roughly|about|approximately|typically|usually|honestly|just) )?(?:(?:how (?:many|much|"
    r"long|often|old|far|come)(?: \w+)?|what(?: (?:kind|sort"
    r"|type) of \w+)?|"
    r"who|whereabouts|(?:where|when)(?: (?:in|on|at|during) (?:the |your |a )?\w+)?|why|which \w+)"
    r"(?: (?:actually|exactly|really|usually|normally|"
    r"typically|generally|tends to|tend to))? (?:do|does|did|is|are|was|were|have|has|would|"
    r"could|can|will|makes|helps|"
    r"happens|sets|brings|settles|eases|else)\b|(?:do|does|did|is|are|was|were|have|has|can|"
    r"could|would|will) (?:you|your|it|they|there|he|she|any|anyone|anything|[a-z]+ing)\b|"
    r"any(?:thing|one|body)? \w+|"
    r"(?:tell|talk|walk|take) me (?:about|through)|remind me)")
# A line that hands the choice back ("you can tell me what you make of it") is not information.
_AUTONOMY: Final = re.compile(
    r"^(?:and |but )?(?:you can|you could|you are (?:free|welcome) to|feel free|it is (?:entirely "
    r"|completely |totally )?(?:up to you|your (?:call|choice))|no pressure|only if you)"
    r"|^(?:just |only )?(?:a (?:couple|few) (?:of )?minutes|a minute or two|briefly|quickly),? "
    r"(?:and |then )?(?:you can|you could|tell me|stop me)"  # "just a couple of minutes, and you
    # can tell me if it's nonsense" frames the offer; it is not the information
    r"|^(?:and |but )?(?:some|many|a lot of|lots of) people (?:find|have found) (?:it|that|this) "
    r"(?:useful|helpful)[^.?!]{0,30}(?:up to you|your (?:call|choice))\W*$"  # "some people find
    # it useful, but it's up to you"
    r"|^(?:and |but )?(?:it|that) (?:would|will|is)(?: just| only)?(?: be)? (?:just |only )?(?:you "
    r"and me|the two of us|one to one)\b[^?!]{0,40}$")  # "it'd just be you and me, one to one"
_FRONTED: Final = re.compile(r"^(?:and |so |now )?(?:the|your) [a-z]+(?: [a-z]+)? (?:-|,)")
# A wh-question whose "or" is not set apart by a comma joins two words of one question ("who
# do you see or talk to in a normal week?"), unlike "who drives, you or Tom?".
_WH_WITH_OR: Final = re.compile(r"^(?:and |so |but )?(?:who|what(?! about)|where|how(?! about)|"
                                r"why)\b[^,:;?—–-]*\bor\b")
_ASIDES: Final = re.compile(r",? \b(?:you know|sort of|kind of|i mean|actually|really)\b,?| ,(?= )")
# A step said inside the question that checks it ("…say one hour in the shed this saturday,
# would that be doable?").
_STEP_SAID_FIRST: Final = re.compile(
    r"\b(?:say|maybe|perhaps|how about|what about),? (?P<step>(?:one|an|a|two|three|half an?|"
    r"ten|fifteen|twenty|thirty) \w+ \w+[^?]{0,120}?),?\s*$")
_NOT_A_STEP: Final = re.compile(
    r"\blet us (?:start|begin|go|come|move|step|slow|take it) (?:simpler|simple|easier|back|"
    r"on|there|slower|down|a step|one step|from)\b|\b(?:which|what) (?:one )?(?:would|will) "
    r"(?:it|that) be\W*$|\bput (?:it |that |this )?(?:another|a different) way\b")
# "Maybe start with what brought you to see Dr Hale?": the wh-clause is the question.
_START_WITH: Final = re.compile(
    r"^(?:(?:so|okay|ok|well|right),? )?(?:maybe |perhaps |shall we |could we |can we |let us |"
    r"you could |could you |can you )?(?:start|begin) (?:with|by telling me|by saying) (?=(?:what|"
    r"how|why|when|where|who)\b)")
_I_MEAN: Final = re.compile(r"^(?:but |no,? |sorry,? |okay,? |ok,? )?i (?:mean|meant),? "
                            r"(?:like,? )?(?=(?:how|what|who|where|when|which|why|do|does|did|is|"
                            r"are|have|has|can)\b)")
_PLAN_OK: Final = re.compile(
    r"^(?:so,? |and,? )?(?:(?:does|would|will|is|can) (?:that|this|it|the \w+|that date|that time) "
    r"(?:work|be (?:okay|ok|alright|all right|doable)|okay|ok|alright|all right|suit(?: you)?|"
    r"sound (?:ok|okay|alright|all right|good|fair|like a plan)|fit(?: in)?)(?: for you)?|how "
    r"does that sound|(?:ok|okay|alright|all right|yeah|yes|right|fair enough|deal)|see you "
    r"then|is that (?:alright|all right|okay|ok)|"
    r"(?:would|is) (?:that|this|it) (?:be )?acceptable(?: to you| for you)?|(?:are|would) you "
    r"(?:be )?(?:ok|okay|happy|alright) with (?:that|this)|(?:or )?would you (?:rather|prefer to) "
    r"(?:leave it|stop|not|just come back|see how it goes)(?: (?:there|at that|for now|for today|"
    r"here))*)\W*$")
_WISH: Final = re.compile(r"^(?:and |so |but )?(?:would|do) you (?:want|like|love)(?: to)? "
                          r"(?!(?:to )?(?:come back|see|meet|talk|book|have another))"
                          r"(?:[\w']+ ){1,6}(?:back|again)(?: (?:down |up |over |in )?there| to "
                          r"it| into it)?\W*$")
_WHAT_IS_SUBJECT: Final = re.compile(
    r"^(?:so,? |and,? |but,? )?what (?:(?:a lot of|lots of|many|most|some|other) (?:people|"
    r"patients|folk) (?:find|say|notice|describe|tell me|report|often find)|we (?:know|find|see|"
    r"often see)|(?:usually |often )?happens|tends to happen|i (?:have )?(?:noticed|found|see|"
    r"hear)|research (?:shows|says)) (?:is|was|are)\b")
_LEAVES_IT_TO_THEM: Final = re.compile(
    r"^(?:and |but |ok,? |okay,? )?(?:only if you (?:want|like|would like|are happy|feel like it|"
    r"are up for it)(?: to)?|if you (?:want|like)(?: to)?|no pressure|(?:it is )?(?:entirely |"
    r"totally |completely )?up to you|your (?:call|choice)|you (?:can|could) (?:always )?say no)"
    r"\W*$")
_AUX_YOU: Final = re.compile(r"^(?:have|has|do|does|did|are|were|can|could|would|will) "
                             r"(?:you|they|it|he|she)\b")
_WH_BEFORE: Final = re.compile(r"\b(?:how|what|which|where|when|who|why)\b")
_ASKING_FORMS: Final = frozenset({Form.YES_NO, Form.WH, Form.EITHER_OR})


# "have" owning a thing is not an auxiliary: "…you want to watch Maya swim, have your evenings
# back with Tom…" says what they want, it does not ask.
_HAVE_OWN: Final = re.compile(r"^(?:have|has|had) (?:your|my|his|her|their|our|the)\b")


def _main_question(text: str, qm: bool) -> _Act | None:
    """The main question inside a long unit: the last clause that is a question by its syntax
    and not an afterthought ("…what makes it worse, in your experience, is it certain shifts"
    asks what makes it worse)."""
    starts = sorted({m.end() for m in _CANDIDATE.finditer(text)})[-8:]
    for start in reversed(starts):
        clause = text[start:]
        if start == 0 or _AFTERTHOUGHT.match(clause) or not _INVERTED.match(clause) or (
                not qm and _HAVE_OWN.match(clause)) or (
                relative_clause(text[:start], clause, qm)):
            continue  # "…someone who goes to work, who is trying.": describes, asks nothing
        if _AUX_YOU.match(clause):  # "how many shifts [have you had to miss]": the wh-question
            segment = re.split(r"[,;:?] ", text[:start])[-1]  # owns the verb, so starts there
            wh = list(_WH_BEFORE.finditer(segment))
            if wh:
                clause = text[start - len(segment) + wh[-1].start():]
        inner = _text_act(clause, qm, nested=True)
        if inner.form in _ASKING_FORMS or inner.form in (Form.FUTURE, Form.PROPOSAL):
            return inner
    return None


# A noun phrase said as a question: "and the bloods", "cigarettes, vapes", "drugs, anything".
_FRAGMENT: Final = re.compile(
    r"^(?:and |so |what about |how about )?(?:the |your |any )?(?!(?:i|you|we|it|that|this|they|"
    r"he|she|there|so|but|okay|right|yeah|well|sorry)\b)[a-z-]+(?:,? (?:or |and )?(?:the |your "
    r"|any |anything |other )?(?!(?:is|are|was|were)\b)[a-z-]+){0,3}[?.]?$")  # ("one-on-one is
# fine" says something: a statement)
_DROPPED_AUX: Final = re.compile(
    r"^(?:ever|anyone|anybody|anything) \w+|^you (?:still |ever |been |got |[a-z]+ing\b)|"
    r"^(?:\w+ )?\w+s? been (?:alright|okay|ok|better|worse|good|bad)|^(?:sleeping|eating|"
    r"feeling|managing|getting|coping|drinking|smoking) (?:any |much |ok|okay|alright|better|"
    r"worse|on|well)")
_PERMISSION_ANYWAY: Final = re.compile(
    r"if (?:that|this|it) is (?:alright|okay|ok|all right)|with you$|chip in|^(?:okay|alright) "
    r"if|^if (?:i|we) |mind if|^can i\b|^could i\b|^may i\b|^let me\b")


def _text_act(text: str, qm: bool, nested: bool = False) -> _Act:
    words = len(text.split())
    if (which := _WHICH_OF.search(text)) and which.start() > 0 and not _CLAUSE_OPTION.match(
            _LEAD_MARK.sub("", text)) and (steps := _steps_offered([text[:which.start()]])):
        return _Act(Form.EITHER_OR, "choice_of_steps", text, options=steps)  # "out of the two,
        # one to one or the online thing, which would you pick"
    if not qm and fx.TENTATIVE_REFLECTION_RX.match(text):  # "I wonder if the checking feels
        return _Act(None, "statement", text)  # like a way of…": a reflection, not a question
    if (start := _START_WITH.match(text)) is not None and text[start.end():]:
        return _text_act(text[start.end():], qm, nested)
    if qm and (meant := _I_MEAN.match(text)) is not None and text[meant.end():]:
        return _text_act(text[meant.end():], qm, nested)  # "but i mean how you travel there?"
    if qm and _WISH.match(text):  # "would you want parkrun back?": a wish, looking forward
        return _Act(Form.FUTURE, "looking_forward", text)
    if not qm and _WHAT_IS_SUBJECT.match(text):  # "what a lot of people find is that…": the
        return _Act(None, "statement", text)  # what-clause is the subject of a statement
    if words <= 8 and _LEAVES_IT_TO_THEM.match(text):  # "…? only if you want": a freedom
        return _Act(None, "statement", text)  # added to what was asked, not a question
    if not nested and words <= 16 and fx.LINE_CHECK_RX.search(text):  # "can you hear me ok?"
        return _Act(Form.CHECK, "line_check", text)  # the call itself, not the conversation
    if not nested:
        hello = _HELLO_LEAD.match(text) if qm else None
        if hello is not None and not fx.GREETING_RX.match(text[hello.end():]):
            asked = _text_act(text[hello.end():], qm)  # "hi leah, what's brought you in?"
            if asked.form in _ANSWERED:
                return asked
        if fx.GREETING_RX.match(text) and not fx.CLOSING_RX.match(text) and (
                words <= 12 or not (qm or _main_question(text, qm))):
            return _Act(Form.GREETING, "greeting", text)
        if fx.CLOSING_RX.search(text):
            return _Act(Form.CLOSING, "closing", text)
        if fx.SAFETY_NET_RX.search(text):  # "if it gets worse, ring us": where to turn
            return _Act(Form.CLOSING, "safety_net", text)
        if fx.REPEAT_REQUEST_RX.search(text) and words <= 12:
            return _Act(Form.REPEAT, "repeat_request", text)
        if fx.INVITE_RX.match(text):
            return _Act(Form.INVITE, "invite", text)
        if fx.APOLOGY_RX.match(text) and not fx.SYMPATHY_RX.match(text) and not (
                qm and re.search(r"\b(?:remind me|can you|could you|who|what|how|which|is that)\b",
                                 text)):
            rest = _APOLOGY_LEAD.sub("", text, count=1)
            meant = _MEAN_LIKE.match(rest) is not None
            rest = _MEAN_LIKE.sub("", rest)
            if (qm or fx.WH_START_RX.match(rest)) and rest != text and rest:  # "sorry,
                # different thing - would it be ok if…?", "sorry, I was asking how long it lasts"
                inner = _text_act(rest, qm)
                if inner.form is not None and inner.form is not Form.APOLOGY:
                    return inner
                if inner.form is None and qm and meant and len(rest.split()) >= 3:  # "sorry, I mean
                    return _checked(rest)  # like asthma, any operations?"
            last = re.split(r"\s*(?:[,;:]|\s-\s)\s*", rest)[-1] if qm else ""
            if len(last.split()) >= 3 and (asked := _text_act(last, qm)).form in QUESTIONS:
                return asked  # "sorry, I'm not sure I got an answer - does Tom know about that?"
            return _Act(Form.APOLOGY, "apology", text)
        if fx.THANKS_RX.match(text) and not qm:
            return _Act(Form.THANKS, "thanks", text)
        if (check := fx.CHECK_RX.search(text)) and not fx.WH_START_RX.match(re.sub(
                r"^(?:what (?:have|did) i|how does (?:that|this|it) (?:sound|land))", "",
                text)) and not fx.WILLING_RX.search(text[:check.start()]) and not (
                fx.STEP_WEIGHED_RX.match(text)):  # "would you be
            # up for the diary, or does that feel like one more job?" offers a step
            if (qm and words <= 8) or words <= 8:
                return _Act(Form.CHECK, "check", text)
            return _Act(Form.SUMMARY if _listing(text) else Form.CHECK, "long_check", text)
        if fx.OFFER_RX.search(text):
            return _Act(Form.OFFER, "offer", text)
        if fx.PERMISSION_RX.search(text) and not _ASK_WH.match(text) and not (
                _WH_THEN_LEAVE.match(text)) and not (
                fx.TELL_ME_RX.search(text)) and (  # "can you tell me about him, if that's okay?"
                qm or fx.YES_NO_RX.match(text) or _PERMISSION_ANYWAY.search(text)):
            if (booked := _BOOK_YOU.search(text)) is not None:  # "would it be okay if I booked
                return _Act(Form.PROPOSAL, "proposal", text,  # you into the programme?" puts
                            step=_clean_step(booked.group("step")))  # the step to them
            return _Act(Form.PERMISSION, "permission", text)
    if fx.RULER_WHY_RX.search(text):  # "why a four and not a two?": reasons, not a number
        return _Act(Form.WH, "ruler_why", text, slot=Slot.WHY)
    if fx.IN_THEIR_SHOES_RX.search(text):
        return _Act(Form.FUTURE, "in_their_shoes", text)
    if fx.KEY_QUESTION_RX.search(text):  # "what, if anything, do you think you'll do?"
        return _Act(Form.FUTURE, "key_question", text)
    if fx.CHECK_IN_RX.search(text):  # "how's this going for you so far?"
        return _Act(Form.CHECK, "check_in", text)
    if _WHAT_YOU_MEANT.match(text):  # "what did you mean by 'part of the problem'?": say more
        return _Act(Form.INVITE, "what_you_meant", text)
    trial = fx.TRIAL_RX.search(text) if qm else None
    if trial is not None and trial.start() > 0 and not fx.WH_START_RX.match(text) and not (
            fx.YES_NO_RX.match(text)) and not fx.PROPOSAL_RX.search(text):
        return _Act(Form.PROPOSAL, "proposal_trial", text,
                    step=_clean_step(re.sub(r"^(?:just|only|so|and) ", "", text[:trial.start()])))
        # "just the notepad by the bed, for two weeks?" puts the notepad forward
    proposal = fx.PROPOSAL_RX.search(text)
    if proposal is not None and _AUTONOMY_STEP.match(next((g for g in proposal.groups() if g),
                                                          "")):
        proposal = None  # "you can stop me any time", "you can totally say no": a freedom
    if proposal is not None and proposal.group("s1") and _TOPIC_THEN_ASKED.search(
            proposal.group("s1")):  # "what about eating, has your appetite changed?" asks
        proposal = None  # about eating
    if proposal is not None and fx.TELL_ME_RX.match(text):
        proposal = None  # "give me an example from this week" asks for one
    if proposal is not None and _NOT_A_STEP.search(text):
        proposal = None  # "let's start simpler", "…lisbon or the job, which would it be?": where
        # the talk goes next, or a choice asked for, not a step put to the patient
    if proposal is not None and not re.match(r"^(?:what|how) would you do\b", text):
        raw = next((g for g in proposal.groups() if g), "")
        return _Act(Form.PROPOSAL, "proposal", text, step=_clean_step(raw) if raw else None)
    if not qm and _WHEN_CLAUSE_FIRST.match(text):  # "when your brain senses danger, it releases
        return _Act(None, "statement", text)  # adrenaline.": a clause, then what happens
    question = qm or bool(fx.WH_START_RX.match(text)) or bool(fx.YES_NO_RX.match(text))
    inner = fx.INNER_RX.search(text) if question else None
    if inner is not None and (inner.start() == 0 or not _FACT_FIRST.match(text)) and not (
            _TOLD.match(text)):  # "have you told Jordan how you feel?" asks whether he did
        return _Act(Form.WH, "inner", text, slot=Slot.WHAT)  # "what do you feel when he asks?"
        # ("what time do you wake, and what goes through your mind?" asks the fact first)
    if fx.FUTURE_RX.search(text) and (question or text.startswith(("imagine", "picture",
                                                                   "suppose"))) and not (
            _TYPICAL.search(text)) and not (  # "what would a typical evening look like?" is now
            _WOULD_HAPPEN.search(text) and not _PROBLEM_GONE.search(text)):  # "what would
        # happen if you stayed on the bus?" asks what they fear, not how life would be better
        return _Act(Form.FUTURE, "looking_forward", text)
    if (question or words <= 6) and fx.EITHER_OR_RX.search(
            text) and not fx.NOT_EITHER_RX.search(text) and not _WH_WITH_OR.match(
            _ASIDES.sub("", text)) and not _ANYTHING_Q.match(text):  # ("has anything helped,
        # with the meetings or the nerves?" asks whether anything did)
        options = _options(text)
        if options and all(o.startswith("for ") for o in options) and _wh(text, qm) is not None:
            options = ()  # "what are you taking, for the pain or for sleep?": what it is for,
            # not a choice between the two
        if options:  # "would you rather A or B?" asks for a decision, never for a fact
            steps = (_RATHER.search(text) or _STEPS_OFFERED.search(text)) and not (
                _CALLED.search(text))  # "Denise or Mrs Harper?" asks a name
            return _Act(Form.EITHER_OR, "choice_of_steps" if steps else "either_or", text,
                        options=options)
    wh = _wh(text, qm)
    if wh is not None:
        return wh
    if fx.TELL_ME_RX.match(text) or _TELL_ME_INSIDE.search(text) or _REMIND.search(text):
        return _Act(Form.WH, "tell_me", text, slot=Slot.WHAT)
    if qm and _WHAT_IF.match(text):  # "and if she doesn't pick up at seven?": what then
        return _Act(Form.WH, "what_if", text, slot=Slot.WHAT)
    if fx.YES_NO_RX.match(text) or (qm and _short_question(text)) or re.match(
            r"^(?:and |so |um |and um )?(?:any|got any|have you got|had any|no) \w+", text) or (
            words <= 12 and _DROPPED_AUX.match(text)) or (
            _FRAGMENT.match(text) and (qm or not text.endswith("."))):
        kind, echo = _yes_no_kind(text)
        return _Act(Form.YES_NO, "yes_no_" + kind.value, text, yes_no=kind, echo=echo)
    return _Act(None, "statement", text)


def _checked(text: str) -> _Act:
    """A statement said as a question once an apology is set aside: a yes/no check of it."""
    return _Act(Form.YES_NO, "yes_no_other", text, yes_no=YesNo.OTHER)


_REAL_APOLOGY: Final = re.compile(r"^(?:i am|i'm) (?:so |really |very )?sorry\b")
_SORRY_ASIDE: Final = re.compile(
    r"(?:^|(?<=,)|(?<=\s))(?:oh,? |um,? |okay,? )*sorry(?:,? (?:i am|i'm) just (?:checking|writing|"
    r"looking|jotting|noting)[^,.?]*)?[,.]?(?=\s|\?|$)")
_MEAN_LIKE: Final = re.compile(r"^(?:(?:um|oh|so|okay),? )*(?:i mean|i meant),? (?:like |as in )?")
_APOLOGY_LEAD: Final = re.compile(
    r"^(?:oh,? |so,? |um,? )?(?:sorry|apologies|i am sorry|my apologies)[^-,.?;]{0,30}[-,.;]\s*"
    r"(?:(?:different|another|one more|other|quick|last) (?:thing|question)\s*[-,.;]?\s*)?"
    r"(?:i (?:did not|didn't) (?:catch|hear|get)(?: that| it| the answer)?\s*[-,.;:]?\s*|i missed "
    r"(?:that|it)\s*[-,.;:]?\s*)?")
# Forms after an apology that are what the patient answers ("Sorry. If things were better…?").
_REGRET: Final = re.compile(r"\b(?:i (?:did not|didn't) mean|came out wrong|i interrupted|my "
                            r"(?:mistake|fault|bad)|i should not have|i shouldn't have|that was "
                            r"(?:rude|clumsy|me)|i put words)\b")
_ASIDE_CODES: Final = frozenset({Code.OTHER, Code.FACILITATE, Code.GIVING_INFORMATION})
_AFTER_APOLOGY: Final = frozenset({Form.INVITE, Form.FUTURE, Form.PERMISSION, Form.OFFER,
                                   Form.PROPOSAL})


def _explains(told: str) -> bool:
    """Whether the sentences before a check explain something (what a test shows, what a word
    means) rather than gather what the patient said: an explanation's words, and at most one
    sentence in three about "you"."""
    if not fx.EXPLAIN_RX.search(told):
        return False
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", told) if s.strip()]
    about_you = sum(1 for s in sentences if re.search(r"\byou\b", s))
    return len(sentences) >= 2 and about_you * 3 <= len(sentences)


# A recap announced with a colon: "So: pain and sleep on the back page, starting this week.
# Anything you'd add?", "The plan, then: …"
_ANNOUNCED: Final = re.compile(r"^(?:(?:so|okay|ok|right|great|then),? )?(?:(?:the |your |our )?"
                               r"plan(?: is| then|,? then)?|to recap|recap|in short|so)?\s*:|"
                               r"^(?:(?:so|okay|ok|right),? )?(?:the|your|our) plan (?:is|then|for "
                               r"this week is)\b")


_WH_IN_CLAUSE: Final = re.compile(r"\b(?:how (?:long|often|many|much)|what time|when|where|"
                                  r"who|which) (?:does|do|did|is|are|was|were|would|will|can|"
                                  r"has|have)\b")


def _listing(text: str) -> bool:
    """A statement that lists several things the patient said (a summary's shape)."""
    return text.count(",") >= 2 or len(re.findall(r"\band\b", text)) >= 2


_AFTERTHOUGHT: Final = re.compile(
    r"^(?:or )?(?:is it|is that|was it|or|would you say|do you think)\b|^(?:like|such as|for "
    r"example|for instance|e\.g\.)\b|^(?:(?:do|can|could) you "
    r"(?:remember|recall)|if you (?:remember|can remember|recall))(?:\s*[?.]*$|(?: \S+){0,4}? "
    r"(?:first|start|beginning|it)\b[^?]{0,20}\??$)|^(?:your|my|his|her|the|"
    r"a|an)\b(?:\s+\S+){0,5}\s*[?.]?$")
_STARTER: Final = re.compile(
    r"(?:^|, |\? |\bum,? |\bso |\bbut |\band |\bwondering,? |\bcurious,? )(?P<s>(?:what|how|who|"
    r"whereabouts|where|when|why|which)\b|(?!is it\b|is that\b|was it\b|would you say\b|do you "
    r"think\b|you reckon\b)(?:is|are|was|were|do|does|did|have|has|can|could|would|will) \w+|any\b|"
    r"(?:tell|talk|walk|take) me\b|remind me\b)")


def focus_of(text: str) -> str:
    """The part of a long question from its main question on: the reflection before it and
    the afterthoughts are not what it asks ("…which sounds terrifying, um, is there anything
    that sets them off?"). Short questions are their own focus."""
    if len(text.split()) <= 12:
        return text
    starts = [m.start("s") for m in _STARTER.finditer(text)]
    return text[starts[-1]:] if starts else text


def _negated(units: Sequence[Unit]) -> tuple[str, ...]:
    found: list[str] = []
    for unit in units:
        text = plain(unit.norm)
        if not text:
            continue
        for match in fx.NEGATED_STEP_RX.finditer(text):
            phrase = next((g for g in match.groups() if g), "").split(" - ")[0].strip(" -")
            if phrase and phrase not in found:  # a dash ends what is set aside
                found.append(phrase)
    return tuple(found[:6])


# ---------------------------------------------------------------------- the volley

_ANSWERED: Final = frozenset({
    Form.YES_NO, Form.WH, Form.EITHER_OR, Form.PROPOSAL, Form.OFFER, Form.PERMISSION,
    Form.CHECK, Form.FUTURE, Form.INVITE, Form.REPEAT,
})


# Two questions of these forms in one line ("Who's at home? And what do you do for work?") are
# both answered when each asks for a fact.
_TWO_ASKED: Final = frozenset({Form.WH, Form.YES_NO})


def read_line(coding: Coding) -> Ask:
    """The form of a coded clinician line (persona-independent; never raises)."""
    try:
        units = segment(coding.text)
    except Exception:  # pragma: no cover - a reader bug must not break a conversation
        units = ()
    acts = [(unit, act) for unit in units if (act := _unit_act(unit)) is not None]
    acts = [(u, a) for i, (u, a) in enumerate(acts) if not (
        u.filler and a.form is Form.INVITE and i < len(acts) - 1)]  # "And, um, you mentioned…"
    acts = [(u, _Act(None, "summary_frame", a.text) if a.form in (Form.YES_NO, Form.PERMISSION)
             and ": " in a.text and fx.SUMMARY_RX.search(a.text.split(": ", 1)[0]) else a)
            for u, a in acts]  # "can I just check I've got this right: four years of pain…"
    # says it back; the question, if any, follows
    acts = [(u, a) for i, (u, a) in enumerate(acts) if not (
        i < len(acts) - 1 and not u.question_mark and a.form in QUESTIONS and len(
            a.text.split()) <= 3 and acts[i + 1][1].form is not None and u.text.rstrip().endswith(
            "-"))]  # "Does that – is that how it feels?": a false start, then the question
    acts = [(u, a) for i, (u, a) in enumerate(acts) if not (
        i < len(acts) - 1 and not u.question_mark and a.form in QUESTIONS and (
            acts[i + 1][1].form in QUESTIONS) and len(a.text.split()) >= 3 and (
            a.text.split()[:3] == acts[i + 1][1].text.split()[:3]))]  # "do you think the
    # worrying - about your mum, work - do you think it might be playing a part?": begun again
    acts = [(u, a) for i, (u, a) in enumerate(acts) if not (
        i > 0 and _REASON_AFTER.match(f"{u.lead} {a.text}".strip()) and (
            acts[i - 1][1].form in QUESTIONS))]  # "is it
    # the stomach one? because of your dad": the reason for asking, not a second question
    if len(acts) >= 2 and _LEAVE_TAIL.match(acts[-1][1].text):
        acts = acts[:-1]  # "can I tell you a bit about…? totally ok if not": leave to say no
    if len(acts) >= 2 and acts[-1][0].filler and _TRAILING_OR.match(acts[-1][1].text):
        acts = acts[:-1]  # "is there anyone there with you, helping out, or…?" asks the question
    negated = _negated(units)
    if acts and _IMAGINED.search(plain(" ".join(u.norm for u in units))):  # "If the attacks
        acts = [(u, replace(a, rule="looking_forward") if a.rule == "key_question" else a)
                for u, a in acts]  # stopped tomorrow, what's the first thing you'd do?"
        # imagines; it is not the key question
    if not acts:
        if units and all(u.filler for u in units):
            return Ask(Form.INVITE, "filler", plain(units[-1].norm), negated=negated)
        return Ask(Form.STATEMENT, "nothing_to_read", negated=negated)
    statements = [a for _, a in acts if a.form is None]
    questions = [(u, a) for u, a in acts if a.form in _ANSWERED]
    summary_flag = SUMMARY in coding.flags or any(
        a.form in (None, Form.CHECK, Form.PERMISSION) and fx.SUMMARY_RX.search(a.text)
        for _, a in acts)  # "Can I check I've got this right: …" announces a summary

    def ask(act: _Act, unit: Unit | None, form: Form | None = None,
            rule: str | None = None) -> Ask:
        if act.form is Form.PROPOSAL and any(a is act for _, a in acts):
            act = _with_example(act, acts)
        return Ask(form or act.form or Form.STATEMENT, rule or act.rule, act.text, act.slot,
                   act.yes_no, act.step, act.options, negated, act.echo,
                   bool(unit and unit.question_mark), focus_of(act.text), scale=act.scale)

    first_unit, first = acts[0]
    whole = plain(" ".join(u.norm for u in units))
    if SCALING in coding.flags and fx.ruler_scale(whole) == "severity" and any(
            u.question_mark for u, _ in acts) and not fx.CLOSING_RX.search(whole) and (
            not any(a.rule == "ruler_why" for _, a in acts)):  # "…from 0 for no pain to 10 for
        last_unit, last = acts[-1]  # the worst imaginable, what number would you give it
        return ask(_Act(Form.WH, "severity", last.text, slot=Slot.HOW_MANY), last_unit)  # today?"
    apology = next(((u, a) for u, a in acts if a.form is Form.APOLOGY), None)
    # An apology is heard unless a question follows it (then the question is what to answer),
    # or the turn's main act is something else: "It sounds like health anxiety. Sorry." labels,
    # "…is kind of terrifying. Sorry if that's wrong." reflects.
    rest = " ".join(a.text for _, a in acts if a.form is not Form.APOLOGY)
    if apology is not None and (coding.code in _ASIDE_CODES or len(rest.split()) <= 8 or (
            _REGRET.search(rest) and len(rest.split()) <= 16)) and not any(
            a.form in QUESTIONS or a.form in _AFTER_APOLOGY or a.form is Form.CHECK or (
                u.question_mark and len(a.text.split()) >= 3)  # "sorry, I'm just checking my
            for u, a in acts[acts.index(apology) + 1:]):  # notes… two years ago you found it?"
        return ask(apology[1], apology[0])
    if apology is not None:
        acts = [(u, a) for u, a in acts if a.form is not Form.APOLOGY] or acts
        first_unit, first = acts[0]
    closing = next(((u, a) for u, a in acts if a.form is Form.CLOSING), None)
    if closing is not None:
        after = acts[acts.index(closing) + 1:]
        step = next(((u, a) for u, a in acts if a.form is Form.PROPOSAL),
                    None)  # "How about the allotment once this week? And when could you come
        if step is not None:  # back?": the step is what the patient weighs
            return ask(step[1], step[0])
        at = acts.index(closing)
        after = [(u, a) for i, (u, a) in enumerate(after, start=at + 1) if not (
            len(a.text.split()) <= 5 and not acts[i - 1][0].text.rstrip().endswith(
                (".", "?", "!")))]  # ("…come back next week so we can think about the
        # allotment and what might help?": the rest of the closing's own sentence)
        if not any(a.form in QUESTIONS and not _PLAN_OK.search(a.text) for _, a in after):
            return ask(closing[1], closing[0])  # "…see you on the 27th. Does that work?"
    last_unit, last = acts[-1]
    if fx.IMAGE_RX.search(whole) and last.form in (Form.WH, Form.FUTURE):  # "If the worry were
        return ask(_Act(Form.WH, "inner", last.text, slot=Slot.WHAT), last_unit)  # a voice, what
        # would it say?": an image of their own, not a future to wish for
    if last.form in (Form.CHECK, Form.PERMISSION, Form.YES_NO) and _short(last) and (
            _AGENDA_CHECK.search(last.text)) and _AGENDA.search(" ".join(
                a.text for _, a in acts[-4:])):  # "I thought we could talk about the attacks
        return ask(last, last_unit, Form.PERMISSION, "session_plan")  # and what you'd want out of
        # today. Is that okay?": the plan for the session, put to them to agree
    if questions and questions[-1][1].form is Form.WH and len(
            questions[-1][1].text.split()) <= 8 and any(
            _NOT_FOLLOWED.search(a.text) for _, a in acts):  # "I'm not sure I followed.
        return ask(questions[-1][1], questions[-1][0], Form.INVITE, "what_you_meant")  # What's
        # running you?": say more about what they just said
    in_words = SCALING not in coding.flags and any(
        fx.WORDLESS_RULER_RX.search(a.text) for _, a in acts if a.form in QUESTIONS)
    scale = fx.ruler_scale(whole) if SCALING in coding.flags or in_words else None
    if scale not in (None, "severity") and (
            questions_in(acts) or coding.code in QUESTION_CODES) and (
            not any(a.rule == "ruler_why" for _, a in acts)):  # "On a scale of 0 to 10, how…?"
        last_unit, last = acts[-1]  # (a symptom's severity is a fact, read as any question)
        return ask(_Act(Form.WH, "ruler_words" if in_words else "ruler", last.text,
                        slot=Slot.HOW_MANY, scale=scale), last_unit)
    if len(acts) >= 2 and acts[-1][1].rule == "inner" and acts[-2][1].form is Form.WH and (
            acts[-2][1].rule != "inner" and acts[-2][0].norm.rstrip(" ,").endswith(" and")):
        return ask(acts[-2][1], acts[-2][0])  # "what time do you wake, and what goes through
        # your mind?": the fact first; its answer carries the thoughts
    if (actions := _actions_offered(acts[-1][1].text)) is not None:  # "what would you like to
        return ask(_Act(Form.EITHER_OR, "choice_of_steps", acts[-1][1].text,  # do now: come with
                        options=actions), acts[-1][0])  # us, or stay at home tonight?"
    if fx.KEY_QUESTION_RX.search(whole) and questions_in(acts) and not (
            _IMAGINED.search(whole)):  # "…: what, if anything,
        last_unit, last = acts[-1]  # do you think you'll do?" split in two by its commas
        return ask(_Act(Form.FUTURE, "key_question", last.text), last_unit)
    if fx.IN_THEIR_SHOES_RX.search(whole) and questions_in(acts):
        last_unit, last = acts[-1]
        return ask(_Act(Form.FUTURE, "in_their_shoes", last.text), last_unit)
    if (which := _WHICH_OF.search(acts[-1][1].text)) and (steps := _steps_offered(
            [a.text for _, a in acts[:-1]]) or _steps_offered(
            [acts[-1][1].text[:which.start()]])):  # "…either A, or B. Which of those feels…?";
        # "out of the two, one to one or the online thing, which would you pick?"
        return ask(_Act(Form.EITHER_OR, "choice_of_steps", acts[-1][1].text, options=steps),
                   acts[-1][0])
    if _WHICH_OF.search(acts[-1][1].text) and (topics := _topics_offered(
            [a.text for _, a in acts[:-1]])):  # "We could talk about the scan, or about the
        return ask(_Act(Form.EITHER_OR, "agenda", acts[-1][1].text, options=topics),  # checking.
                   acts[-1][0])  # Which would feel most useful?": a topic, not a step
    if len(acts) >= 2 and _FOCUS_ASKED.search(acts[-1][1].text) and (topics := _topics_offered(
            [a.text for _, a in acts[:-1]])):  # "…we could look at: the pain, sleep, work, or
        return ask(_Act(Form.EITHER_OR, "agenda", acts[-1][1].text, options=topics),  # today.
                   acts[-1][0])  # Where would you like to start?"
    if len(acts) >= 2 and any(_FOCUS_ASKED.search(a.text) for _, a in acts[:-1]) and (
            topics := _topics_offered([acts[-1][1].text])):  # "Can I check what you'd like to
        return ask(_Act(Form.EITHER_OR, "agenda", acts[-1][1].text, options=topics),  # focus on?
                   acts[-1][0])  # We could talk about the pain, about work, or something else."
    if len(questions) >= 2 and not _IS_THAT_RIGHT.match(questions[-1][1].text) and (
            questions[-2][1].form is not Form.PERMISSION) and (  # ("can I ask about the
            # stomach as well - is that more in the mornings?" asks the second)
            _AFTERTHOUGHT.match(questions[-1][1].text) or (
            "like" in questions[-1][0].lead.split())):  # "any other symptoms? Like feeling
        # tense, or your heart racing?": examples of the question before
        questions = questions[:-1]  # "what makes it worse, is it certain shifts…": the first
    if questions:
        unit, act = questions[-1]
        index = acts.index((unit, act))
        lead_in = acts[index - 1] if index else None
        if lead_in is not None and lead_in[1].form is Form.PROPOSAL and act.form is Form.WH and (
                not lead_in[0].text.rstrip().endswith((".", "?", "!"))) and not (
                _ASKED_DIRECTLY.match(act.text)):
            return ask(lead_in[1], lead_in[0])  # "how about jotting down, once a day, what was
            # on the list?": the wh-clause is part of the step
        later = [a for _, a in acts[index + 1:] if a.form is None]
        proposal = next((a for _, a in acts if a.form is Form.PROPOSAL), None)
        earlier = [a for _, a in acts[:index] if a.form is None]
        if act.form in (Form.YES_NO, Form.WH, Form.CHECK) and (
                fx.OFFER_CHECK_RX.search(act.text)) and any(
                fx.OFFER_LEAD_RX.search(a.text) for _, a in acts[max(0, index - 3):index]):
            return ask(act, unit, Form.OFFER, "offer_then_check")
        if act.form is Form.CHECK and _short(act) and index and (
                acts[index - 1][1].form is Form.PERMISSION):  # "can I explain a little of how
            return ask(acts[index - 1][1], acts[index - 1][0])  # worry shows up in the body?
            # Is that okay?": the permission, checked
        if proposal is not None and act is not proposal and act.form in (
                Form.YES_NO, Form.CHECK, Form.WH) and fx.STEP_CHECK_RX.search(act.text) and any(
                a is proposal for _, a in acts[max(0, index - 2):index]):  # "…You could note
            return ask(proposal, None, Form.PROPOSAL, "proposal_then_check")  # what time you
            # woke. How does that sound?": the step just put, not a summary of the lines before
        told = " ".join(a.text for _, a in acts[:index] if a.form is None)
        reaction = fx.REACTION_RX.search(act.text)
        if reaction is not None:  # "so you've got the pain…, um, what do you make of all that"
            told += " " + act.text[:reaction.start()]
        if (reaction is not None or _HOW_IT_SITS.search(act.text)) and _DISCREPANCY.search(
                told + " " + act.text) and _THEY_SAID.search(told):  # "You said you want the
            # scan to be sure. And you've also told me a normal result buys you a day. What do you
            return ask(act, unit, Form.STATEMENT, "discrepancy")  # make of that?": two things of
            # theirs side by side (an explanation then "how does that fit?" is information)
        informed = any(seg.code in _INFORMING for seg in coding.segments)
        if reaction is not None and (not summary_flag or informed) and len(told.split()) >= 12 and (
                fx.INFORMATION_RX.search(told) or _explains(told) or (
                    informed and not summary_flag and not _SAID_BACK.match(told.strip()) and (
                        not _HEARD_BACK.search(act.text)) and (
                        not told.lstrip().startswith(("so you", "so, you", "you ", "and you "))))):
            # "…adrenaline… a healthy heart copes with it. What do you make of that?" is
            # information checked, not a summary; so is "'Reactive' means the node has
            # responded…", and what the coder heard as information ("when the mind is on alert,
            # the neck muscles tighten…")
            return ask(act, unit, Form.CHECK, "information_then_check")
        point = [a.text for _, a in acts[:index] if a.form is None][-1:]
        one_point = not summary_flag and bool(point) and bool(_FRONTED.match(point[0])) and (
            len(point[0].split()) <= 20)  # "And the tests - bloods, thyroid, the MRI - all came
        # back normal, is that right?" checks one fact, not a summary of the conversation
        risk = _RISK_TALK.search(" ".join(a.text for _, a in acts)) is not None  # "…some
        # people have thoughts of harming themselves. Any thoughts like that?" is the risk
        # question, never a summary to confirm
        if (act.form is Form.CHECK or reaction is not None) and not one_point and not risk and (
                not _OWN_VIEW.search(act.text)) and (
                summary_flag or _ANNOUNCED.match(told.lstrip()) or (len(told.split()) >= 18 and (
                    _listing(told) or len(told.split()) >= 35 or told.lstrip().startswith((
                        "so you", "so, you", "you ")))) or (
                    len(told.split()) >= 6 and told.count(",") >= 2 and (
                        " and " in told)) or (  # "So, headaches
                    # by three, waking at four, and wanting everyone safe. Is that about
                    # right?": three things said back, however short, are a summary
                    reaction is not None and len(told.split()) >= 12 and (
                        _listing(told) or _SAID_BACK.match(told.strip())))):
            return ask(act, unit, Form.SUMMARY, "summary_then_check")  # one point checked
            # ("I'd got the impression they build up later. Have I got that wrong?") is a check
        said = " ".join(a.text for a in statements)
        if act.form in (Form.YES_NO, Form.CHECK) and _short(act) and _gathers(statements) and (
                not one_point) and not risk and (
                summary_flag or _listing(said) or len(statements) >= 3) and not (
                _SOMEONE.search(act.text)) and (
                _CHECKISH.match(act.text) or act.form is Form.CHECK):  # "does it settle you?"
            # after reflections asks something new; "fair?" / "is that right?" checks them
            return ask(act, unit, Form.SUMMARY, "summary_then_question")
        if act.form in (Form.PERMISSION, Form.OFFER) and sum(
                len(a.text.split()) for a in later if not _AUTONOMY.match(a.text)) >= 8:
            return ask(later[-1], None, Form.STATEMENT, "permission_then_information")
        if act.form is Form.INVITE and later:
            return ask(later[-1], None, Form.STATEMENT, "statement")
        if act.form in (Form.WH, Form.YES_NO) and (
                act.rule != "inner" or _PICTURE_YOURSELF.search(whole)) and fx.FUTURE_RX.search(
                whole) and (
                any(a.form is Form.FUTURE for _, a in acts) or _future_frame(
                    sentence_of(whole, act.text))) and not (
                _WOULD_HAPPEN.search(whole) and not _PROBLEM_GONE.search(whole)):  # "If the worry
            # eased, what would Sue notice first?": the question's own sentence is framed
            return ask(act, unit, Form.FUTURE, "looking_forward_frame")
        if act.form is Form.YES_NO and act.rule == "yes_no_other" and negated and not (
                fx.YES_NO_RX.match(act.text)) and any(n in act.text for n in negated) and not (
                _NOT_WANTING_TO_LIVE.search(act.text)):  # "any thoughts of not wanting to be
            # here?" is the risk check, not a step set aside
            return ask(act, unit, Form.STATEMENT, "step_set_aside")
        if proposal is None and fx.STEP_CHECK_RX.search(act.text):
            lead = next(((a, m) for a in reversed(earlier[-2:])
                         if (m := fx.STEP_LEAD_RX.search(a.text))), None)
            if lead is not None:
                text, match = lead[0].text, lead[1]
                return ask(_Act(Form.PROPOSAL, "proposal", text, step=_clean_step(
                    text[match.end():])), None, Form.PROPOSAL, "proposal_then_check")
            check = fx.STEP_CHECK_RX.search(act.text)
            said = act.text[:check.start()] if check is not None else ""
            if check is not None and not said.strip(" ,") and earlier:
                said = earlier[-1].text  # ("…say one hour in the shed," "would that be doable?")
            if act.form is not Form.PERMISSION and (
                    inline := _STEP_SAID_FIRST.search(said)) is not None:
                text = inline.group("step")  # "a step toward it, say one hour in the shed this
                return ask(_Act(Form.PROPOSAL, "proposal", text, step=_clean_step(text)), None,
                           Form.PROPOSAL, "proposal_then_check")  # saturday, would that be doable?"
            if _YES_NO_NOT_YET.search(act.text) and earlier:  # "Just the speech: one page, this
                text = earlier[-1].text.split(": ", 1)[-1]  # Saturday. Yes, no, or not yet?"
                return ask(_Act(Form.PROPOSAL, "proposal", text, step=_clean_step(text)), None,
                           Form.PROPOSAL, "proposal_then_check")
        if proposal is not None and act is not proposal and act.form in (
                Form.YES_NO, Form.CHECK, Form.WH) and fx.STEP_CHECK_RX.search(act.text):
            return ask(proposal, None, Form.PROPOSAL, "proposal_then_check")
        before = [(u, a) for u, a in questions[:-1] if a.form in _TWO_ASKED and (
            u.question_mark or (a.form is Form.WH and a.rule != "inner" and u.norm.rstrip(
                " ,").endswith(" and") and a.text.split()[0] not in _SUBORDINATE))]  # "what
        # does your stomach do on those mornings, and how long before the meeting does it
        # start?" (not "when you notice that part…, and what do you feel?")
        if act.form in _TWO_ASKED and (unit.question_mark or len(act.text.split()) <= 4) and (
                before):  # ("what do you look at on the phone? how long for" typed without
            # its last "?")
            return replace(ask(act, unit), also=ask(before[-1][1], before[-1][0]))
        return ask(act, unit)
    said = " ".join(a.text for a in statements)
    framed = any(a.form is None and fx.SUMMARY_RX.search(a.text) for _, a in acts)
    if (framed or (summary_flag and _gathering(said)) or (
            _spoken_summary(statements) and coding.code in REFLECTIONS)) and not (
            _TWO_SIDES.search(said) and not framed):  # "part of you… and part of you…" is a
        last_unit, last = acts[-1]  # double-sided reflection, not a summary to confirm
        return ask(last, last_unit, Form.SUMMARY, "summary")
    proposal_act = next(((u, a) for u, a in acts if a.form is Form.PROPOSAL), None)
    if proposal_act is not None:
        return ask(proposal_act[1], proposal_act[0])
    future = next(((u, a) for u, a in acts if a.form is Form.FUTURE), None)
    if future is not None:
        return ask(future[1], future[0])
    if first.form in (Form.THANKS, Form.GREETING) and all(
            a.form in (Form.GREETING, Form.THANKS, None) and len(a.text.split()) < 14
            for _, a in acts):
        return ask(first, first_unit)
    last_unit, last = acts[-1]
    if last.form in (Form.THANKS, Form.GREETING, Form.SUMMARY):
        return ask(last, last_unit)
    return ask(last, last_unit, Form.STATEMENT, "statement")


_WHICH_OF: Final = re.compile(r"\b(?:which|either|neither) (?:of )?(?:those|these|them|the two)\b"
                             r"|\bwhich,? (?:if (?:either|any),? )?(?:one|feels|would you|"
                             r"sounds|appeals|seems|(?:would|might|do you think would) (?:feel|"
                             r"be|work|suit|help|sit)|(?:shall|should) we (?:start|begin|go))\b"
                             r"|\bwhat,? (?:if anything,? )?(?:appeals|sounds (?:best|most|good|"
                             r"doable|possible)|stands out|would you (?:pick|choose|go for|"
                             r"prefer))\b")
# A menu of three or more things to do ("There are a few options: waiting and seeing, some
# self-help, talking therapy, or a follow-up with me."): the lead-in and each item.
_MENU_LEAD: Final = re.compile(r"^.*?(?:options?|choices?|things we could do|routes?)\b[^:]*: ?"
                               r"|^(?:so,? )?there(?:'s| is| are) ")
_MENU_ITEM: Final = re.compile(r"^(?:or,? )?(?:(?:we|you) (?:could|might|can) (?:also )?|"
                               r"there(?:'s| is| are) (?!(?:a )?(?:few|some|several|two|three|"
                               r"four) (?:ways|options|things|choices|routes))|(?:one|another) "
                               r"(?:is|would be) |simply |just )")
_MENU_SPLIT: Final = re.compile(r"[;,]? or (?:simply |just |maybe )?|; (?:there(?:'s| is) )?|"
                                r", (?!(?:which|who|so|and|but|because|rather)\b)")
_EITHER_STEPS: Final = re.compile(
    r"\beither (?P<a>[^.;?]+?),? or,? (?:um,? |maybe |perhaps )?(?:you could |you might |we "
    r"could )?(?P<b>[^.;?]+)")
_ONE_STEP: Final = re.compile(r"\bone(?:'s| is| would be| option is| idea is) (?P<a>[^.;?]+)")
_OTHER_STEP: Final = re.compile(
    r"\b(?:the )?other(?: one)?(?:'s| is| would be| option is) (?P<b>[^.;?]+)")
# Two things to talk about: "we could talk about the scan and where that leaves you, or about the
# checking and the late nights": the head of each (up to its first "and"/"where"/"what").
_TOPICS: Final = re.compile(
    r"\b(?:talk(?: more)? about|look at|focus on|start with|go into|think about):? "
    r"(?P<a>[^,.;?]{3,80}?)(?:, (?:about |at |on )?[^,.;?]{3,80}?){0,6},? or (?:(?:about|at|on|"
    r"with|into) )?(?P<b>[^,.;?]{3,80})")
_FOCUS_ASKED: Final = re.compile(r"\bwhat (?:you(?:'d| would)|would you) (?:most )?like to "
                                 r"(?:focus on|talk about|look at|start with)\b|\bwhere "
                                 r"(?:you(?:'d| would)|would you) like to start\b")
_TOPIC_END: Final = re.compile(r" (?:and|where|what|how|which|that|because) ")
# "Some people see someone one-to-one, some work through a programme on their own."
_SOME_STEPS: Final = re.compile(
    r"\bsome(?: people| folk)? (?P<a>[^.;?]+?),? (?:and |while |whereas )?(?:some|others)"
    r"(?: people| folk)? (?P<b>[^.;?,]+)")


def _with_example(act: _Act, acts: list[tuple[Unit, _Act]]) -> _Act:
    """A vague step followed by its example ("want to try something small? like one stop on the
    12 this week") is the example."""
    at = next(i for i, (_u, a) in enumerate(acts) if a is act)
    if at + 1 >= len(acts) or (act.step is not None and not _VAGUE.search(act.step)):
        return act
    unit, after = acts[at + 1]
    if after.form is None and ("like" in unit.lead.split() or _EXAMPLE_LEAD.match(after.text)):
        return replace(act, step=_clean_step(_EXAMPLE_LEAD.sub("", after.text).strip(" ,")) or (
            act.step))
    return act


_VAGUE: Final = re.compile(r"\b(?:something|anything|a (?:small |little )?(?:step|thing)|one "
                           r"(?:small |little )?thing)\b")
_EXAMPLE_LEAD: Final = re.compile(r"^(?:like|such as|say|maybe|e\.?g\.?)\b")


def questions_in(acts: list[tuple[Unit, _Act]]) -> bool:
    return any(a.form in QUESTIONS or a.form is Form.FUTURE for _, a in acts)


def _steps_offered(texts: list[str]) -> tuple[str, ...]:
    """Two steps offered before "which of those…?": "you could either A, or B", or "One's A.
    The other's B."."""
    texts = [fx.FIXED_PAIR_RX.sub(" ", t) for t in texts]  # ("rain or shine" is no two steps)
    for text in reversed(texts):
        match = _EITHER_STEPS.search(text)
        if match is not None:
            found = (_clean_step(match.group("a")), _clean_step(match.group("b")))
            if all(found):
                return tuple(s for s in found if s)
    joined = " ".join(texts)
    if (some := _SOME_STEPS.search(joined)) is not None and all(
            found := (_clean_step(some.group("a")), _clean_step(some.group("b")))):
        return tuple(s for s in found if s)
    one, other = _ONE_STEP.search(joined), _OTHER_STEP.search(joined)
    if one is not None and other is not None:
        found = (_clean_step(one.group("a")), _clean_step(other.group("b")))
        if all(found):
            return tuple(s for s in found if s)
    if (menu := _menu(texts)) is not None:
        return menu
    return _options(texts[-1]) if texts and fx.EITHER_OR_RX.search(texts[-1]) else ()


def _topics_offered(texts: list[str]) -> tuple[str, ...]:
    """Two things to talk about before "which would feel most useful?" (the agenda)."""
    topics = _TOPICS.search(texts[-1]) if texts else None
    if topics is None:
        return ()
    heads = tuple(patient_words(" ".join(_TOPIC_END.split(t, 1)[0].split()[:6]))
                  for t in (topics.group("a"), topics.group("b")))
    return heads if all(heads) else ()


def _menu(texts: list[str]) -> tuple[str, ...] | None:
    """The items of a menu of three or more steps ending "…, or Z", said just before the
    question, each as the patient would say it back."""
    run = []  # "We could wait; you could try self-help; there's the programme; or a follow-up."
    for text in reversed(texts[-5:]):
        if not (lead := _MENU_ITEM.match(text)):
            break
        run.insert(0, text[lead.end():].split(",")[0].strip(" ,."))  # "the programme Dr Okafor
        # mentioned, which includes…": the programme
    if len(run) >= 3:
        return tuple(patient_words(echoed_step(i) or " ".join(i.split()[:8])) for i in run)
    for text in reversed(texts[-2:]):
        if " or " not in text:
            continue
        body = _MENU_LEAD.sub("", text.rstrip(" .!"), count=1)
        items = [i.strip(" ,.") for i in _MENU_SPLIT.split(body) if i and i.strip(" ,.")]
        picking = [i for i in items if _OUT_OF.match(i)]  # "out of the two, A or B": a lead-in
        items = [echoed_step(i) or i for i in items if len(i.split()) <= 14 and i not in picking]
        if len(items) >= (2 if picking else 3):
            return tuple(patient_words(i) for i in items)
    return None


_HOW_IT_SITS: Final = re.compile(r"\bhow (?:does|do) (?:that|those|they|the two|it) (?:sit|fit) "
                                 r"(?:with|together)\b|\bhow do you square\b")
_THEY_SAID: Final = re.compile(r"\byou(?: have|'ve)? (?:also )?(?:said|told me|mentioned|"
                               r"described|called)\b")
# Two things the patient said, set side by side for them to make sense of.
_DISCREPANCY: Final = re.compile(
    r"\byou(?: have|'ve)? also (?:said|told me|mentioned|described|called)\b|\balso said\b|"
    r"\bside by side\b|\bat the same time,? you\b|\band yet,? you\b|\bon the other hand,? "
    r"you\b|" + _HOW_IT_SITS.pattern)
_YES_NO_NOT_YET: Final = re.compile(fx.YES_NO_NOT_YET)
_LEAD_MARK: Final = re.compile(r"^(?:but|so|and|okay|ok|right|well),? ")
_OUT_OF: Final = re.compile(r"^(?:but |so |and )?(?:out of|of|between) (?:the|those|these|them) "
                           r"(?:two|three|both|options|choices|lot)$")
_TWO_SIDES: Final = re.compile(r"\bpart of you\b|\bon the one hand\b|\bat the same time\b|"
                               r"\band yet\b|\bit is also\b")


def _gathering(text: str) -> bool:
    """Enough things said back to be a summary, not one reflection."""
    return len(text.split()) >= 25 and text.count(",") + len(re.findall(r"\band\b", text)) >= 3


def _spoken_summary(statements: list[_Act]) -> bool:
    """A long run of "so … , … and …" said back: a summary with no frame and no check."""
    if not statements:
        return False
    text = " ".join(a.text for a in statements)
    words = len(text.split())
    commas = text.count(",")
    ands = len(re.findall(r"\band\b", text))
    return words >= 25 and (commas >= 3 or (commas >= 2 and ands >= 2) or ands >= 4) and bool(
        re.match(r"^(?:so|right so|okay so|so far|so you|so what you|let me)\b", statements[0].text)
        or statements[0].text.startswith(("you ", "your "))
        or commas >= 4)


# The plan for the session put to the patient ("we've got about half an hour", "I thought we
# could start with…", "what you'd like to get out of today"), then checked ("is that okay?").
_AGENDA: Final = re.compile(
    r"\b(?:i (?:thought|was thinking|wondered|was wondering|would like|would suggest|suggest)(?: "
    r"if| whether| that| maybe| perhaps)? we (?:could |might |can |would |should )?|(?:maybe|"
    r"perhaps) we (?:could|can|might) |shall we |what i would like(?: to do)?(?: today)? is(?: for "
    r"us)?(?: to)? |the plan (?:for today|today) is(?: to)? )(?:spend|use|start|begin|talk|have a "
    r"(?:chat|talk)|look|go through|focus|hear|get to know|take)\b"
    r"|\bwe (?:have|have got) (?:about |around |roughly |nearly |up to |just under )?(?:\d+|"
    r"twenty|thirty|forty|forty-five|fifty|sixty|half an hour|an hour|a bit of time)"
    r"|\bi would (?:like|love) to (?:hear|understand|spend|start by|begin by|use (?:the|this|our) "
    r"time)\b|\bhow (?:we|to) (?:use|spend) (?:the|this|our) time\b"
    r"|\bwhat you would (?:like|want|hope) (?:to get )?(?:out of|from) (?:today|this|the session|"
    r"our time)\b")
_AGENDA_CHECK: Final = re.compile(r"\b(?:okay|ok|alright|all right|sound|sounds|suit|work for "
                                  r"you|fair|plan)\b")


def _short(act: _Act) -> bool:
    return len(act.text.split()) <= 9


_IS_THAT_RIGHT: Final = re.compile(r"^(?:(?:and|so|but|okay|ok|right|yeah),? )?is (?:that|this) "
                                   r"(?:about |roughly |more or less )?(?:right|fair|correct|"
                                   r"true|accurate|it)\b")
_CHECKISH: Final = re.compile(
    r"^(?:(?:and|so|but|okay|ok|right|yeah),? )?(?:is (?:that|this) (?:right|fair|it|about right|"
    r"correct|true|accurate)|does (?:that|this) (?:sound|seem|fit|capture|cover|ring|make sense)|"
    r"have i (?:got|missed|left)|did i (?:get|miss|leave|understand)|am i (?:right|close|on)|fair|"
    r"right|yeah|yes|ok|okay|correct|true|anything (?:else|i (?:have )?missed|missing)|what (?:did|"
    r"have) i (?:miss|missed|leave)|would (?:that|you) (?:be|say)|how does that sound|sound "
    r"(?:right|about right|fair)|close|make sense|is that it)\b")
_SOMEONE: Final = re.compile(r"\b(?:she|he|they|him|her|them)\b")  # "your mum, is she on her
# own now?" asks about her, not whether the summary was right
_HEARD_BACK: Final = re.compile(r"\b(?:hearing (?:it|that|them|this)(?: all)? (?:back|together|"
                                r"like that)|all together|said back|put (?:it )?like that)\b")
_SAID_BACK: Final = re.compile(r"^(?:so,? )?(?:you have|you are|you have got|you said|you told me|"
                              r"you feel|it sounds like|you mentioned)\b")


def _gathers(statements: list[_Act]) -> bool:
    """Statements long and listed enough to be a summary of what the patient said."""
    words = sum(len(a.text.split()) for a in statements)
    commas = sum(a.text.count(",") for a in statements)
    return words >= 18 and (commas >= 2 or len(statements) >= 2)


_FUTURE_FRAME: Final = re.compile(
    r"^(?:(?:and|so|but|sorry|okay|ok|right|well|um|uh|what i meant was|what i mean is|i meant|"
    r"i mean|you know),? )*(?:imagine|picture|suppose|supposing|say (?:you|that|if|it|things|"
    r"the|your|we)|pretend|if|let us say|in (?:a|one|five|ten) years?|in (?:that|this) "
    r"(?:year-from-now|year from now|future|picture|version))\b")


# "Picture yourself at the wedding… What does that feel like?" imagines a future; "If it were
# something serious, what's the picture in your head?" asks for the fear now.
_PICTURE_YOURSELF: Final = re.compile(r"\b(?:picture|imagine) yourself\b|\bfrom now\b|"
                                      r"\bin (?:a|one|two|five|ten) years?\b")


def _future_frame(whole: str) -> bool:
    return bool(_FUTURE_FRAME.match(whole)) and not _JUST_A_GUESS.match(whole)


# "If you had to put a number on it, how many years…?": a request for a guess, not a future.
_JUST_A_GUESS: Final = re.compile(r"^(?:\w+,? )*?if you had to (?:put a number on it|guess|say|"
                                  r"pick|choose|estimate|put a figure on it)\b")

