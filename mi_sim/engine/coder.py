"""Code a clinician's turn with MITI 4.2.1 behaviour codes (plus MISC's open/closed split).

`code_utterance(text, context)` splits the turn (a *volley*) into units (see `segmenter`), codes
each unit with the first rule that fires, then picks ONE code for the volley. Every verdict carries
a `why` a trainee can read and a `rule` id for traces. The rules read linguistic cues, not example
sentences: wh-words and auxiliary inversion (questions, with or without "?"), second-person
statements and hedged frames ("it sounds like", "you're feeling") for reflections, modal verbs of
obligation and first-person advice frames for persuasion, a feeling lexicon and the overlap of
content words with the patient's last line for simple vs complex.

Unit rules, in order (the first that fires wins):
  no letters -> other; filler only ("okay", "mm-hmm", "so,") -> facilitate; labelling the problem
  as psychological, in a statement or a yes/no question ("it's just anxiety", "a lot of this could
  be health anxiety", "you seem like quite an anxious person", "have you considered that you
  might be depressed?") -> confront + `label` flag; rhetorical advice ("don't you think you
  should") -> persuade; confronting, including quiet disagreement, sarcasm and dismissing ("you're
  in denial", "you're overthinking it", "that's worked out well for you, hasn't it", "your aunt's
  situation has nothing to do with you") -> confront; an uninvited psychological explanation ("I
  think stress is a big part of this") -> persuade + `label`; asking permission to share or
  discuss -> seek_collaboration + `permission` (persuade_with_permission when advice follows in
  the same unit); deciding for the patient ("I'll refer you", "I'm going to book you in") ->
  persuade unless the patient asked; autonomy ("it's up to you") -> emphasize_autonomy
  (persuade_with_permission with advice attached); advice framed so the patient can decline ("if
  you're interested, some people find", "feel free to ignore this, but") ->
  persuade_with_permission; greetings and structuring -> other; questions (wh-start, auxiliary
  inversion, a wh-question after a leading clause or an aside ("when it's at its worst, what…",
  "what, if anything, …"), "tell me", "can you tell me", "I wonder what") -> question_open /
  question_closed, except that advice posed
  as a question ("why don't you…", "why not try…") -> persuade and a question that mainly shares
  power ("what do you think we should focus on?", "how does that fit for you?") ->
  seek_collaboration; a rising restatement ("so you're worried?") -> reflection, not a question;
  then for statements: collaboration (agenda setting, asking the patient's ideas), affirmation
  (effort, strength, values: "…which takes real strength"), persuasion (obligation modals, "I'd
  recommend", "you'd benefit from", warnings such as "it won't get better unless…"; information
  or advice after the patient accepted an offer -> persuade_with_permission), the clinician
  talking about themself -> other, neutral information (results, how the body or a treatment
  behaves, answers to the patient's question), reflection (frame, statement about "you", a short
  statement echoing the patient's last line; simple or complex by added meaning), brief
  validation or sympathy -> other. A statement about the world or the clinician that echoes
  nothing the patient said is information or other, not a reflection.

Second opinion (`_second_opinion`, after the volley rule): a line the rules code as anything but
confront, persuade or an MI-consistent act that sounds like advice (advice with permission,
autonomy, affirmation, collaboration) goes to a learned model of the righting reflex
(`righting_model`, trained on the labelled sets' dev halves by `bench/train_righting.py`). Above
its threshold (higher for a line the rules heard as a reflection) the line is confront or persuade,
rule `learned_righting`, with the words that weighed most in the `why` and the model's probability
as its confidence.

Evoking flag: questions that invite change talk (reasons, desire, ability, need, benefits,
looking forward, values, first steps, scaling) - not questions about fears of the change itself
("what worries you about the treatment?").

Volley rule (one code for the whole turn), in order:
  1. any confront -> confront (confront overrides question and everything else);
  2. permission asked (or autonomy emphasised) and then advice or information in the same volley,
     or any persuade_with_permission unit -> persuade_with_permission;
  3. any persuade -> persuade; a permission request followed by no advice, information or
     question (only reflections, fillers) -> seek_collaboration (the request is the main act);
  4. otherwise the last substantive unit (not filler/greeting) is the main act, so a reflection
     followed by an affirmation is an affirmation. When a volley ends with a question after a
     reflection the question is the main act (MITI counts both; the last substantive act is what
     the patient answers). A short check such as "is that right?" after a reflection does not
     count: the reflection stays the main act;
  5. when the main act is a reflection -> ONE reflection code, complex if any reflection in the
     volley is complex (MITI: at most one reflection per volley, complex wins); several
     reflection units, or a long one gathering earlier patient lines, is a summary (complex,
     `summary` flag);
  6. only fillers -> facilitate; greetings/structuring (with or without fillers) -> other.
Flags of all units are merged into `Coding.flags`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Final

from mi_sim.engine import form_lexicon as fx
from mi_sim.engine import lexicon as lx
from mi_sim.engine.coding import (
    DOUBLE_SIDED,
    EVOKING,
    LABEL,
    PERMISSION,
    SCALING,
    SUMMARY,
    Coding,
    ContextLine,
    Segment,
)
from mi_sim.engine.gated import Gated
from mi_sim.engine.righting_model import shipped_model
from mi_sim.engine.segmenter import Unit, normalise, segment
from mi_sim.engine.vocabulary import QUESTIONS, REFLECTIONS, Code

__all__ = ["code_utterance"]

_NO_FLAGS: Final[frozenset[str]] = frozenset()
_SUBSTANTIVE_SKIP: Final = frozenset({Code.FACILITATE, Code.OTHER})
_AGREE_RX: Final = re.compile(
    r"^(?:yes|yeah|yep|sure|okay|ok|alright|all right|go ahead|please|of course|i guess|fine|"
    r"why not|i suppose|definitely|absolutely|that would be|that is fine|go on|mm-?hmm|uh-?huh)\b"
)
_SUBORD_RX: Final = re.compile(
    r"^(?:when|whenever|if|since|after|before|while|once|as|given|because|now that|thinking "
    r"about|looking at|of all|out of|on a scale|in the|at the|with|so if|and if|if you)\b"
)
# A question inside a longer unit: a wh-word with an auxiliary ("if you had to pick, what would
# it be"), or, after a comma, a wh-word as subject ("when it is at its worst, what goes through
# your mind"); "the weight of what happened" is not a question.
_RULER_WH_RX: Final = re.compile(r"\b(?:how|what|where)\b")  # "out of ten, how ready…"
_WH_INSIDE_RX: Final = re.compile(
    r"(?:^|,\s*|\s)((?!which)" + lx.WH + r"|which(?= (?:one|ones|of|part)\b))\s+(?:" + lx.AUX
    + r"|else|would|could|might|makes|happens|helps|gets|keeps|worries|concerns|matters)\b"
    r"|(?:^|,\s*)((?!which)" + lx.WH + r")\s+(?:" + lx.WH_SUBJECT_VERBS + r")\b"
)
# A yes/no main clause after a leading clause; a tag at the end ("…, isn't it?") is not one.
_AUX_INSIDE_RX: Final = re.compile(
    r",\s*" + lx.AUX + r"\s+(?:you|we|it|that|this|there|your|the|he|she|they|anyone|anything|"
    r"someone)\b(?!\s*[?.!]*$)"
)
# "What about right now, is the pain any easier?", "how about your mum, does she live near?": a
# topic set up for the yes/no question that follows it.
_ABOUT_THEN_RX: Final = re.compile(r"^(?:what|how) about [^,?]{1,30}, (?=" + lx.AUX + r"\s)")
# Self-disclosure by the clinician ("I've been a nurse here ten years"): no behaviour code.
_SELF_DISCLOSURE_RX: Final = re.compile(
    r"^i (?:am|have been|was|used to|have worked|worked|trained|grew up|myself|also|too) "
    r"(?!(?:going|sorry|glad|happy|here to|not|so|really|wondering|curious|struck|impressed)\b)"
    r"(?!.*\byou)"
)
# The patient's own mental state as the subject: "you're starting to wonder whether…".
_MENTAL_STATE_RX: Final = re.compile(
    r"^(?:so |and |but )?you (?:are |were |have been |seem to be |sound |seem )?(?:(?:really|just|"
    r"still|also|now|kind of|sort of|a bit|starting to|beginning to|coming to|almost) )*(?:feel|"
    r"feeling|felt|wonder|wondering|think|thinking|thought|worry|worried|worrying|realise|"
    r"realising|realize|realizing|notice|noticing|hope|hoping|fear|wish|want|wanting|need|miss|"
    r"missing|see|seeing|believe|sure|unsure|not sure|torn|concerned|afraid|scared|question|"
    r"questioning|doubt|doubting)\b"
)
# "The mornings are the worst." - an evaluation of the patient's experience.
_EXPERIENCE_EVAL_RX: Final = re.compile(
    r"^(?:the |your |those |these )?\w+(?: \w+)? (?:is|are|was|were|has been|have been) (?:the "
    r")?(?:worst|hardest|toughest|best|easiest|trickiest|main (?:thing|problem|worry)|biggest "
    r"(?:thing|problem|worry)|killer|tricky bit|hard bit|hard part|hardest bit|worst bit)\b"
)
_FIRST_PERSON_OTHER_RX: Final = re.compile(
    r"^(?:i|we|my|our|me|let me|let us)\b"
)
_FEELING_EVAL_RX: Final = re.compile(
    r"^(?:it|that|this|which|things|life|everything|so much|a lot|all of this|all that)\b"
    r"[^.]{0,40}\b(?:hard|difficult|tough|frustrating|scary|stressful|overwhelming|painful|"
    r"exhausting|upsetting|a lot|confusing|lonely|a struggle|a burden|unfair|discouraging|"
    r"worrying|important|a big deal|draining|heavy|awful|horrible|terrible|rough)\b"
)
_NEGATED_OBLIGATION_RX: Final = Gated(
    r"\b(?:you (?:don't|do not|won't|will not) (?:have|need) to|(?:not|nothing|no one|nobody|"
    r"doesn't|does not|don't|never|wasn't|wasnt|isn't|am not|'m not) (?:\w+ ){0,3}?(?:say|says|"
    r"said|saying|mean|means|meant|that|"
    r"suggest|suggesting|ask|asking|tell|telling|expect|expects|expecting|think|thinks)\b"
    r"[^.?]{0,30}\byou (?:have|need|must|should)\b)"
)
_EMPATHIC_FRAME_RX: Final = Gated(
    r"\b(?:sounds like|seems like|it is like|it is as if|it is almost like|you feel|you felt|"
    r"you are feeling|you are worried|you are "
    r"wondering|you wonder|i hear|i am hearing|it sounds|you are not sure|you are scared|you are "
    r"afraid|you are concerned|part of you|for you|to you)\b"
)
_FEEL_VERB_RX: Final = Gated(r"\b(?:feel|feels|felt|feeling|hurts|hurt)\b")
# A simile ("like a", "as if"), but not "would like", "sounds like", "seems like"... Written
# word-first so the search can jump to the words (see `gated.Gated`).
_NOT_SIMILE = "".join("(?<!" + w + " {0})" for w in ("would", "sounds", "seems", "looks", "just"))
_SIMILE_RX: Final = Gated(
    r"\blike" + _NOT_SIMILE.format("like") + r" (?:a|an|you|your|the|it|being|someone|something|"
    r"they|he|she|nothing|everything|every|no one|nobody|all)\b"
    r"|\bas" + _NOT_SIMILE.format("as") + r" (?:if|though) (?:a|an|you|your|the|it|being|"
    r"someone|something|they|he|she|nothing|everything|every|no one|nobody|all)\b"
    r"|\bit is (?:like|as if)\b|\bfeel(?:s|ing)? like\b|\bturned (?:\w+ ){1,4}into\b"
)
_SUBORD_WH_RX: Final = re.compile(r"^(?:when|where|while|whenever|wherever)\s+(?!" + lx.AUX
                                   + r"\b)")
_EXPERTISE_SHARE_RX: Final = Gated(
    r"\byou (?:know|are the expert on) (?:yourself|your (?:life|body|days|situation))\b.*\bi\b"
    r".*\b(?:know|information|ideas)\b|\bi (?:just )?know (?:a bit|a little|some(?:thing)?) "
    r"about\b"
)
_OPEN_Q_START_RX: Final = re.compile(r"^" + lx.WH + r"\b")
_ADVICE_QUESTION_RX: Final = re.compile(
    r"^(?:why (?:don't|do not|won't|will not|wouldn't|would not|can't|cannot) you|why not)\b"
    r"(?! (?:a |an )?(?:\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|lower|"
    r"higher)\b)"  # ("why not a 3?" asks about a ruler's number, it advises nothing)
    r"(?![^?]*\b(?:any ?more|these days|now|at the moment|nowadays)\W*$)"
    r"|^(?:could|can) you (?:just )?(?:try|cut|stop|quit|start)\b(?! (?:by|with) (?:describing|"
    r"telling|explaining|saying|talking|walking))"
)
# "why don't you go and watch any more?" asks what changed, not why they don't try it.
_WHAT_CHANGED_RX: Final = re.compile(r"^why (?:don't|do not|dont|won't|can't) (?:you|u)\b[^?]*\b"
                                     r"(?:any ?more|these days|nowadays)\W*$")
_CONTRAST_RX: Final = re.compile(r"\b(?:but|though|however|yet)\b")
_REFLECT_HEAD_RX: Final = Gated(
    r"\b(?:you (?:feel|think|believe|said|say|mentioned|are saying|are thinking|are "
    r"feeling|wish|worry|fear|realize|realise|are worried|are afraid|are scared|are concerned|"
    r"wonder|are wondering|recognize|recognise|decided|have decided|told me)|sounds like|seems "
    r"like|feels? like|(?:it|that) is (?:almost )?(?:like|as if)|as if|as though|part of you|for "
    r"you|i hear|i am hearing|in your mind|you are not sure)\b"
)
_OPTION_RX: Final = Gated(r"\b(?:option|some people|others|you (?:could|might|may))\b")
_PWP_CUE_RX: Final = Gated(
    r"\b(?:some people|others|other people|many people|option|options|idea|ideas|try|trying|"
    r"could|might|consider|helpful|help|works|suggest|information|starting|using|booking|"
    r"cutting|giving it a go|having a go)\b"
)
# A reflection frame a clinician opens with "I": "I hear…", "I get the sense…", "I imagine…".
_FIRST_PERSON_FRAME_RX: Final = re.compile(
    r"^(?:i (?:am )?(?:hear|hearing|sense|sensing|get the (?:sense|feeling|impression)|guess|"
    r"imagine|gather|notice|noticed|can see|can hear|can imagine)|what i (?:am )?(?:hear|"
    r"hearing|heard)|" + fx.TENTATIVE_REFLECTION + r")\b"
)
# Running the session: questions, appointments, letters, "call me any time" - not a reflection.
_LOGISTICS_RX: Final = Gated(
    r"\b(?:any (?:more )?questions|appointments?|review|follow-up|follow up|next (?:time|week|"
    r"visit|session|month)|call me|ring me|contact me|email me|any time|anytime|get going|on "
    r"your way|on the way out|reception|receptionist|leaflets?|booklets?|paperwork|forms|see you "
    r"(?:next|soon|then|in))\b"
)
# Function words that carry the judgement in a confront ("too much", "not enough").
_JUDGING_WORDS: Final = frozenset({"too", "much", "many", "better", "enough", "more", "less",
                                   "never", "always", "not", "only"})
_EVOKING_WORRY_RX: Final = re.compile(r"^what (?:worries|concerns|bothers|scares|frightens)\b")


class _Context:
    """What the coder reads from the lines before the turn, worked out only when a rule asks.

    Most turns need little of it (a question needs none), so each part is computed on first use.
    """

    def __init__(self, context: Sequence[ContextLine] = ()) -> None:
        self._lines = context
        self._last_at = -1  # index of the last patient line in the context
        raw = ""
        for i in range(len(context) - 1, -1, -1):
            line = context[i]
            if getattr(line, "speaker", None) == "patient" and isinstance(
                getattr(line, "text", ""), str
            ):
                raw, self._last_at = line.text, i
                break
        self._raw = raw

    @cached_property
    def patient(self) -> str:
        """The last patient line, normalised."""
        return normalise(self._raw[:2000]) if self._raw else ""

    @cached_property
    def patient_asked(self) -> bool:
        """The patient's last line ends with a question."""
        return self._raw.rstrip().endswith("?")

    @cached_property
    def patient_stems(self) -> frozenset[str]:
        return frozenset(_content_stems(self.patient)) if self._raw else frozenset()

    @cached_property
    def earlier_patient_stems(self) -> tuple[frozenset[str], ...]:
        """Content stems of up to six patient lines before the last one (newest first)."""
        earlier: list[frozenset[str]] = []
        for i in range(self._last_at - 1, -1, -1):
            line = self._lines[i]
            if getattr(line, "speaker", None) != "patient":
                continue
            text = getattr(line, "text", "")
            if isinstance(text, str) and len(earlier) < 6:
                earlier.append(frozenset(_content_stems(normalise(text[:2000]))))
        return tuple(earlier)

    @cached_property
    def permission_accepted(self) -> bool:
        """The patient agreed to hear advice (just asked for it), or asked for it."""
        patient = self.patient
        if not patient:
            return False
        if self._last_at > 0 and _AGREE_RX.match(patient):
            before = self._lines[self._last_at - 1]
            if (getattr(before, "speaker", None) == "clinician" and isinstance(before.text, str)
                    and lx.PERMISSION_RX.search(normalise(before.text[:2000]))):
                return True
        return bool(lx.ASKED_FOR_ADVICE_RX.search(patient))

    @cached_property
    def patient_run(self) -> str:
        """The patient's words in order, pronouns left out, padded with spaces."""
        return " " + " ".join(w for w in lx.WORD_RX.findall(self.patient)
                              if w not in _PERSONAL_PRONOUNS) + " "

    @cached_property
    def patient_words(self) -> frozenset[str]:
        return frozenset(lx.WORD_RX.findall(self.patient))

    @cached_property
    def patient_feelings(self) -> set[str]:
        return _feelings(self.patient) if self._raw else set()

    @cached_property
    def asked_fact(self) -> bool:
        """The patient's last line is a question."""
        return bool(self.patient) and bool(lx.ASKED_FACT_RX.search(self.patient))


@dataclass(frozen=True, slots=True)
class _Verdict:
    code: Code
    why: str
    rule: str
    flags: frozenset[str] = _NO_FLAGS
    check: bool = False  # a short "is that right?" check
    novelty: int = 0  # content words of a reflection not in the patient's line


# --------------------------------------------------------------------------- words


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    word = word.strip("'-")
    if word.endswith("'s"):
        word = word[:-2]
    lemma = lx.LEMMAS.get(word)
    if lemma is not None:
        return lemma
    for suffix in lx.SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


# Stems already worked out, by word (words recur across lines; bounded below).
_STEMS: dict[str, str] = {}


def _stem_of(word: str) -> str:
    stem = _STEMS.get(word)
    if stem is None:
        if len(_STEMS) > 50_000:
            _STEMS.clear()
        stem = _STEMS[word] = _stem(word)
    return stem


def _content_stems(norm: str) -> list[str]:
    stems = _STEMS
    return [stems.get(w) or _stem_of(w) for w in lx.WORD_RX.findall(norm)
            if w not in lx.STOPWORDS and len(w) > 2]


_FEELING_STEMS: Final = frozenset(_stem(w) for w in lx.FEELINGS) | lx.FEELINGS


def _feelings(norm: str) -> set[str]:
    words = lx.WORD_RX.findall(norm)
    found = set(lx.FEELINGS.intersection(words))
    for w in words:
        if w not in found and w not in lx.STOPWORDS and _stem_of(w) in _FEELING_STEMS:
            found.add(w)
    return found


# --------------------------------------------------------------------------- unit rules


def _question(u: Unit) -> tuple[Code, str, str] | None:
    """Is the unit a question by its syntax? Returns (code, why, rule) or None."""
    t = u.norm
    if lx.WH_STATEMENT_RX.match(t):
        return None
    if lx.IMPERATIVE_OPEN_RX.match(t):
        return (Code.QUESTION_OPEN, "open question: an invitation to tell more (\"tell me…\", "
                "\"describe…\", \"I wonder what…\")", "open_invitation")
    if lx.OPEN_INVITE_RX.match(t):
        return (Code.QUESTION_OPEN, "open question: \"can you tell me…\" invites a story, not a "
                "yes or no", "open_can_you_tell")
    if lx.INDIRECT_CLOSED_RX.match(t):
        return (Code.QUESTION_CLOSED, "closed question: \"I wonder if you…\" asks for a yes or "
                "no", "closed_indirect")
    if lx.SCALE_RX.search(t) and (u.question_mark or _WH_INSIDE_RX.search(t)
                                  or _RULER_WH_RX.search(t)):
        return (Code.QUESTION_OPEN, "open question: a scaling question invites the patient to "
                "explain where they stand", "open_scaling")
    if u.question_mark and (about := _ABOUT_THEN_RX.match(t)) and lx.AUX_INV_RX.match(
            t[about.end():]):
        return (Code.QUESTION_CLOSED, "closed question: \"what about…\" sets up a question that "
                "can be answered yes or no", "closed_about_then")
    wh = lx.WH_Q_RX.match(t)
    if wh is not None and not u.question_mark and _SUBORD_WH_RX.match(t):
        wh = None  # "when adrenaline kicks in, ..." is a subordinate clause, not a question
    if wh is None and lx.WH_PRONOUN_RX.match(t) and u.question_mark:
        wh = lx.WH_PRONOUN_RX.match(t)  # colloquial "how you doing?", "why you think that?"
    if wh is not None:
        return _wh_kind(t)
    if lx.AUX_INV_RX.match(t):
        return (Code.QUESTION_CLOSED, "closed question: starts with \"" + t.split()[0] + " "
                + t.split()[1] + "…\" and can be answered yes or no", "closed_aux_inversion")
    if _SUBORD_RX.match(t) or u.question_mark:
        # "when you drink, what happens?" - the question is in the main clause.
        m = _WH_INSIDE_RX.search(t)
        if m is not None and m.start() > 0:
            return _wh_kind(t[m.start(m.lastindex or 1):])
        if _AUX_INSIDE_RX.search(t):
            return (Code.QUESTION_CLOSED, "closed question: the main clause asks for a yes or "
                    "no", "closed_main_clause")
    if u.question_mark:
        if lx.ELLIPTIC_OPEN_RX.match(t):
            return (Code.QUESTION_OPEN, "open question: a short prompt asking for more",
                    "open_elliptic")
        if lx.ELLIPTIC_CLOSED_RX.match(t):
            return (Code.QUESTION_CLOSED, "closed question: a short prompt answered in a word",
                    "closed_elliptic")
    return None


def _wh_kind(t: str) -> tuple[Code, str, str]:
    word = t.split()[0] if t else "what"
    if lx.WH_CLOSED_RX.match(t) and not lx.WH_CLOSED_OPENERS_RX.match(t):
        return (Code.QUESTION_CLOSED, "closed question: \"" + " ".join(t.split()[:2])
                + "…\" asks for a fact or a number, answered in a word", "closed_wh_fact")
    if t.startswith(("what", "which")) and " or " in t and lx.EITHER_OR_RX.search(t) and (
        t.count(",") or len(t.split()) < 12
    ) and _either_or(t):
        return (Code.QUESTION_CLOSED, "closed question: offers a choice between options",
                "closed_either_or")
    return (Code.QUESTION_OPEN, "open question: a \"" + word + "\" question invites a wide "
            "answer", "open_wh")


def _either_or(t: str) -> bool:
    tail = t.rsplit(",", 1)[-1] if "," in t else t
    return " or " in tail and len(tail.split()) <= 8


def _aux_either_or(t: str) -> bool:
    return " or " in t and bool(lx.EITHER_OR_RX.search(t))


def _own_words(pattern_hit: str, ctx: _Context) -> bool:
    """The label/confront words echo the patient's own words (then it is a reflection)."""
    if not ctx.patient:
        return False
    words = {w for w in lx.WORD_RX.findall(pattern_hit) if w not in lx.STOPWORDS}
    if not words or not all(w in ctx.patient for w in words):
        return False
    # The judging words too ("too much", "better"): the patient must have said them as well.
    judging = {w for w in lx.WORD_RX.findall(pattern_hit) if w in _JUDGING_WORDS}
    return all(w in ctx.patient_words for w in judging)


# "when you must speak in the meeting, it's worse?": a cue inside a when/if clause describes the
# patient's situation; it tells them nothing.
_CONDITION_BEFORE: Final = re.compile(r"\b(?:when|whenever|if|because|while|unless|until|times|"
                                      r"before|without) $")  # "before I suggest anything"


# "I don't think you're weak at all", "I'm not going to tell you it's in your head", "(you fear)
# that it'd mean you're weak", "you're braced for being told it's all in your head": the clinician
# disowns or reports the judgement, not makes it.
_DISCLAIMED_BEFORE: Final = re.compile(
    r"\bi (?:do not|don't|never|would not|wouldn't) (?:think|say|believe|mean|see)(?: that)? $"
    r"|\b(?:i am not|i'm not|not|never|i will not|i won't) (?:going to |gonna |here to |trying to "
    r"|about to |for a (?:second|minute|moment) )?(?:say|tell you|saying|telling you|suggesting|"
    r"suggest|pretend|pretending)(?: that)? $"
    r"|\b(?:it|that|this) (?:would|might|could|will|must) (?:mean|say) (?:that )?$"
    r"|\b(?:does not|doesn't|do not|don't|did not|didn't|would not|wouldn't|never) (?:mean|make) "
    r"(?:that )?$"
    r"|\b(?:worried|afraid|scared|braced|bracing|expecting|fear|fearing|waiting|dreading)\b"
    r"[^.?!]{0,40}\b(?:say|tell you|told|think|thinks|thought) (?:that )?$"
    # what something else implies, said on the patient's side: "a letter that makes it sound
    # like you're imagining it"
    r"|\b(?:makes?|made|making) (?:it|you|them) (?:sound|look|feel) (?:like|as if|as though) "
    r"(?:\w+ ){0,4}$|\b(?:seems?|seemed|appears?) to (?:say|suggest|imply) (?:that )?(?:\w+ ){0,3}$"
    r"|\b(?:a word like|words like|the word)\W*$"
    # what other people think of them, said on their side: "ur fed up of feeling like ppl
    # think its in ur head"
    r"|\b(?:people|ppl|they|everyone|everybody|others|doctors|the doctors|he|she|nobody) "
    r"(?:\w+ )?(?:think|thinks|thought|say|says|said|reckon|reckons|assume|assumed|decided|"
    r"believe|believes)(?: that)? (?:(?:it'?s|its|it is|it was|you'?re|you are|ur|u r) )?"
    r"(?:all )?$|\b(?:do not|don't|dont) want to be told (?:that )?(?:(?:it'?s|its|it is) )?"
    r"(?:all )?$"
    # someone else's verdict, as the patient lived it: "it felt like being told it's all in your
    # head", "you've been told it's stress"
    r"|\b(?:being|been|getting|get|got|was|were) told (?:that )?(?:(?:it'?s|its|it is|it was|"
    r"you'?re|you are|ur) )?(?:all |just |only )?$"
    # the clinician quoting or owning their own words: "when I said at the start there was
    # nothing to worry about…", "you're right, I'm telling you what to think"
    r"|\b(?:i|we) (?:said|told you|was saying|kept saying|have been saying)\b[^.?!]{0,50}$"
    r"|\b(?:you are right|you're right|sorry|my mistake|i apologi[sz]e)[,.]? (?:(?:i am|i'm|i "
    r"was|i have been|i keep|i just)(?: \w+){0,2} ?)?$")


def _cue_hits(rx: Gated, t: str) -> Iterator[tuple[int, str]]:
    """The first few matches of `rx` in `t`, each with where it starts in `t`."""
    start = 0
    for _ in range(4):
        m = rx.search(t[start:]) if start else rx.search(t)
        if m is None:
            return
        yield start + m.start(), m.group(0)
        start += m.end()


def _unconditioned(rx: Gated, t: str, ctx: _Context) -> tuple[int, str] | None:
    """The first cue of `rx` in `t` (where it starts, its words) that is neither inside a when/if
    clause nor the patient's own words said back ("I have to stop before the baby comes" -> "you
    have to stop before the baby comes" reflects; it does not push)."""
    if _said_back(t, ctx):
        return None
    return next(((at, words) for at, words in _cue_hits(rx, t)
                 if not _CONDITION_BEFORE.search(t[:at])
                 and not _said_back(_clause_at(t, at), ctx)), None)


def _said_back(t: str, ctx: _Context) -> bool:
    """The patient's own words said back: every content word (three or more) is theirs, or,
    pronouns aside, the words run as they said them ("you can't just switch it off")."""
    words = [w for w in lx.WORD_RX.findall(t) if w not in lx.STOPWORDS]
    if len(words) >= 3 and all(w in ctx.patient_words for w in words):
        return True
    said = " ".join(w for w in lx.WORD_RX.findall(t) if w not in _PERSONAL_PRONOUNS)
    return len(said.split()) >= 3 and f" {said} " in ctx.patient_run


_PERSONAL_PRONOUNS: Final = frozenset({"i", "me", "my", "mine", "myself", "you", "your", "yours",
                                       "yourself", "am", "are", "i'm", "you're"})


def _clause_at(t: str, at: int) -> str:
    """The clause (between commas, semicolons or dashes) that holds position `at`."""
    begin = max(t.rfind(mark, 0, at) for mark in ",;-") + 1
    ends = [e for e in (t.find(mark, at) for mark in ",;-") if e >= 0]
    return t[begin:min(ends) if ends else len(t)]


def _own_cue(rx: Gated, t: str, ctx: _Context) -> str | None:
    """The first cue of `rx` in `t` that is the clinician's own (not the patient's words said
    back, not inside a reflection of the patient's view, not disowned), or None."""
    return next((words for at, words in _cue_hits(rx, t)
                 if not _own_words(words, ctx)
                 and not _reflect_frame_before(t, at) and not _CONDITION_BEFORE.search(t[:at])
                 and not _said_back(_clause_at(t, at), ctx)
                 and not _DISCLAIMED_BEFORE.search(t[:at])), None)


def _echoes_patient(t: str, stems: list[str], ctx: _Context) -> bool:
    """A statement about "you" made mostly of the patient's own words is a reflection."""
    if not ctx.patient_stems or not lx.YOU_RX.search(t):
        return False
    shared = sum(1 for s in stems if s in ctx.patient_stems)
    return shared >= 2 and shared >= 0.5 * len(stems)


def _reflect_frame_before(t: str, pos: int) -> bool:
    """Is the cue at `pos` inside a reflection of the patient's view ("you feel you should…")?"""
    head = t[:pos]
    if not head:
        return False
    if _CONTRAST_RX.search(head):
        head = _CONTRAST_RX.split(head)[-1]
    return bool(_REFLECT_HEAD_RX.search(head)) and bool(lx.REFLECT_FRAME_RX.search(head))


# The righting reflex by its shape rather than its words: a negative question that steers
# ("wouldn't it be easier to just go?"), a reply that opens by contradicting ("No, they
# wouldn't, actually."), and a bare imperative about what to do ("turn it on next time").
_STEERING_Q_RX: Final = re.compile(
    r"^(?:(?:but|so|and|well|i mean|okay|ok|right),? )?(?:don't|doesn't|didn't|can't|couldn't|"
    r"shouldn't|wouldn't|won't|isn't|aren't|haven't|hasn't|do not|can not|could not|would not|"
    r"should not) (?:you|it|that|this|there)\b(?! (?:want|care|think|realise|realize|see|know|"
    r"understand|agree|feel|love)\b)[^?]*\b(?:just|better|easier|simpler|worth|time|"
    r"should|ought|need|try|stop|start|go|get|take|cut|give|quit|use|make|do)\b"
    r"|^(?:(?:but|so|and|well|i mean|okay|ok|right),? )?(?:could|can|would|will|should) you not "
    r"(?:just|at least|even|try|give|stop|cut|go|get|take|ring|call|leave|skip)\b")
# A turn that opens by contradicting: "No, it isn't addictive", "Actually, that's not how it
# works". Not "No phone signal…" (a determiner), "No wonder…", "No, agreed", "No, I'm sorry".
_CONTRADICTING_RX: Final = re.compile(
    r"^(?:(?:no|nah|nope)(?:[,.!] | (?=(?:it|that|this|you|i|we|they|there|not|never|way|one|he|"
    r"she)\b))|(?:actually|well,? actually|but actually|not really|that is not (?:true|right|"
    r"the case|how it works)|i (?:don't|do not) think so|that is wrong|you are wrong|wrong)\b"
    r"[,.!]? )(?!(?:and|no|worries|problem|rush|need|pressure|that is (?:fine|okay|ok|fair|right|"
    r"understandable)|of course|not at all|i (?:understand|get|see|hear)|take your time|sorry|"
    r"you are (?:right|not)|it is (?:fine|okay|ok)|i did not mean|i didn't mean|i mean|that makes|"
    r"wonder|agreed|absolutely|fair enough|exactly|true|i am sorry|i'm sorry|my apologies|"
    r"definitely|totally|good point|not (?:\w+ ){1,2}at all|i (?:had not|hadn't|have not|"
    r"haven't|did not|didn't|never) (?:said|say|meant|mean|suggest|suggested)|i was (?:talking|"
    r"asking|thinking|meaning)|i am not (?:about to|going to|gonna|here to|saying|telling|"
    r"suggesting)|i (?:will not|would not|won't|wouldn't) (?:say|tell))\b)")  # ("no, not mental
    # at all"; "actually, I hadn't said that"; "no, I'm not about to tell you it's in your head")
_RECALL_RX: Final = re.compile(
    r"^(?:(?:so|and|ok|okay|right|um|well|now),? )*(?:take|think (?:back )?(?:to|about)|picture|go "
    r"back to|remember) (?:last (?:night|week|time|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|weekend)|yesterday|this morning|the last time|the other day|a (?:typical|"
    r"normal|usual|bad|good) (?:day|night|morning|week)|that (?:day|night|morning|time))\b")
_THOUGH_RX: Final = re.compile(
    r"^(?:(?:well|but|yeah|no|oh),? )?(?:you|they|it|he|she|that|this|we) (?:can|do|did|have|has|"
    r"are|is|were|was|will|would|could)\b[^,.?]{0,40}?\b(?:tho|though)\b")
# "they usually settle in a few weeks, stick with it": an order after a comma; not in a line that
# opens with a condition or an option ("if it gets bad, ring us"; "you could try it, see how…")
_CLAUSE_RX: Final = re.compile(r"(?:,|;| -| —)\s+")
_IF_YOU_LIKE: Final = re.compile(r"\bif you (?:fancy|like|want|prefer|would like|feel like it|are "
                                 r"up for it)\b")
_HEDGED_LEAD_RX: Final = re.compile(r"^(?:(?:so|and|but|well|okay|ok),? )?(?:if|when|whenever|once|"
                                    r"you could|you might|maybe|perhaps|some people|one option|"
                                    r"i wonder|it is up to you|up to you|whether)\b")
# the clinician putting their own question right, not the patient: "No, not your weight - I was
# more curious about the car"
_REPAIR_RX: Final = re.compile(r"\b(?:i (?:was|am|'m) (?:more |just |really |actually )?(?:curious|"
                               r"asking|wondering|thinking|interested|getting at)|i meant|what i "
                               r"(?:meant|mean|was asking))\b|^no,? (?:no,? )?(?:i mean\b|i "
                               r"(?:was not|wasn't|wasnt|am not|'m not) (?:saying|suggesting|"
                               r"telling)|i (?:do not|don't|dont) think you(?: are|'re)? "
                               r"(?:making|putting|imagining|exaggerating|overreacting|being|"
                               r"silly|weak|mad|crazy)|that is not what i|not at all)")
# ("no, I mean…", "no, I wasn't saying you should", "no, I don't think you're making it up":
# the clinician repairing or reassuring, not contradicting)
_BARE_IMPERATIVE_RX: Final = re.compile(
    r"^(?:(?:so|okay|ok|right|well|look|honestly|seriously|then|and|yeah),? )*(?!go (?:ahead|on)\b|"
    r"take (?:your time|as long|all the time)|carry on|keep going)(?:just )?(?:turn|"
    r"get|go|take|use|stop|start|quit|cut|drink|eat|walk|run|put|keep|leave|ring|call|book|write|"
    r"give|switch|swap|avoid|limit|reduce|breathe|join|throw|buy|set|aim|practise|practice|push|"
    r"force|face|accept|admit|forget|ignore|skip|stick|bin|ditch|delete|lose|drop|change|sort|"
    r"pick|make sure|try|read|rest|stay)\b(?! (?:me|us)\b)(?! (?:your time|care|a seat|a moment|"
    r"a breath|it or leave|with (?:me|us|that|it) (?:a|for))\b)"
    r"|^(?:(?:so|okay|ok|right|well|honestly|and),? )*no (?:more )?[a-z]+ (?:after|before|past|"
    r"in bed|at night|for (?:a|two|three|the))\b")


# "it's not your thyroid" after "it's my thyroid": the patient's own word, negated as a fact.
_NEGATED_WORD_RX: Final = re.compile(
    r"\b(?:is|are|was|were|am|it is|that is)(?: not|n't) (?:really |actually |just |even |"
    r"necessarily )?(?:an? |your |the |being |that )?([a-z][a-z'-]+)|\b(?:isn't|aren't|wasn't|"
    r"weren't) (?:really |actually |even )?(?:an? |your |the )?([a-z][a-z'-]+)"
    r"|\byou (?:do not|don't) (?:sound|look|seem) (?:very |that |so )?([a-z][a-z'-]+)")
# Blaming how the patient uses a treatment: "that's because you're not using it right", "they do
# work, if you use them properly".
_USED_WRONG_RX: Final = re.compile(
    r"\b(?:because|cos|coz|cause) you (?:are |were )?not (?:using|taking|doing|wearing|giving) "
    r"(?:it|them|the \w+)(?: \w+)? (?:right|properly|correctly|long enough|for long enough)\b"
    r"|\b(?:they|it|that|those) (?:do|does|will|would|can) work,? if you (?:use|take|do|wear|"
    r"stick with|give) (?:it|them|the \w+) (?:right|properly|correctly|long enough|a proper go)\b")
# "It's the situations, not your stomach": the patient's word put right.
_CORRECTS_RX: Final = re.compile(
    r"\bit is (?:the |your |just |really |all )?[a-z' ]{2,30}?,? not (?:the |your |just )?"
    r"([a-z]{4,})\b")
_TAG_DISPUTE_RX: Final = re.compile(r"\b(?:though|tho),? (?:is|was|are|were|does|do|did) (?:it|he|"
                                    r"she|they|that)\b|,? (?:is|are|was|were) (?:he|she|they|"
                                    r"it)\??$")


def _denies(t: str, ctx: _Context) -> str | None:
    """The patient's own word that the line denies, if it does so without a reflective frame."""
    if not ctx.patient or _EMPATHIC_FRAME_RX.search(t) or lx.DOUBLE_SIDED_RX.search(t) or (
            _MENTAL_STATE_RX.match(t)):
        return None
    for match in _NEGATED_WORD_RX.finditer(t):
        word = match.group(1) or match.group(2) or match.group(3)
        if word in lx.STOPWORDS or len(word) < 4 or _NEGATED_IN_PATIENT.search(ctx.patient):
            continue
        stem = _stem_of(word)
        if any(stem == p or (len(p) >= 3 and abs(len(stem) - len(p)) <= 2 and (
                stem.startswith(p) or p.startswith(stem))) for p in ctx.patient_stems):
            return match.group(0)  # "cutting down" denies "I cut down"
    return None


_NEGATED_IN_PATIENT: Final = re.compile(r"\b(?:not|never|no|isn't|aren't|wasn't|don't|doesn't|"
                                        r"didn't|can't|cannot|won't)\b")


_NOT_TO_BLAME_RX: Final = re.compile(
    r"\byou (?:are|'re|were) not (?:the problem|to blame|making (?:it|this|that) up|imagining "
    r"(?:it|this|that)|weak|pathetic|stupid|mad|crazy|a burden|a nuisance|overreacting|being "
    r"(?:silly|daft|dramatic|difficult|awkward)|doing (?:it|this) on purpose|wasting my time)\b")
_CONDITION_RX: Final = re.compile(r"^(?:and |so |but )?(?:when|whenever|if|while|on (?:the )?days "
                                  r"when|at times when|on nights when)\b")


_IN_QUOTES: Final = re.compile(r"""^\s*['"‘“](?P<said>[^'"‘’“”]{3,160}?)[\W]*$""")  # (the
# segmenter may leave the closing quote with the next unit)


def _said_back_in_quotes(text: str, ctx: _Context) -> bool:
    """The unit is only the patient's own words in quotes, said back ("'Get out, get out now.'")."""
    quoted = _IN_QUOTES.match(text)
    if quoted is None or not ctx.patient:
        return False
    said = _bare_words(quoted.group("said").lower())
    return bool(said) and said in _bare_words(ctx.patient.lower())


def _bare_words(text: str) -> str:
    """The words of a text, one space between them, without punctuation but apostrophes."""
    return " ".join(re.sub(r"[^\w' ]", " ", text).split())


def _quotes_patient(t: str, ctx: _Context) -> bool:
    """The line opens with four or more words the patient just said, word for word."""
    opening = " ".join(_bare_words(t).split()[:4])
    return len(opening.split()) == 4 and opening in _bare_words(ctx.patient)


def _pushes(t: str, question: bool, ctx: _Context) -> _Verdict | None:
    if ("n't " in t[:40] or " not " in t[:40]) and _STEERING_Q_RX.match(t):  # typed without
        # its "?" too
        return _Verdict(Code.PERSUADE, "persuade: a negative question that steers (\""
                        + " ".join(t.split()[:4]) + "…\")", "steering_question")
    if not question and _CONTRADICTING_RX.match(t) and len(t.split()) >= 4 and not (
            ctx.patient_asked) and not _REPAIR_RX.search(t[:80]):  # "No, it isn't addictive"
        # answers the patient's question; "No, not your weight, I meant the car" repairs
        return _Verdict(Code.CONFRONT, "confront: opens by contradicting the patient (\""
                        + t.split()[0].strip(",.!") + "…\")", "contradicts")
    if not question and _THOUGH_RX.match(t) and ctx.patient and _NEGATED_IN_PATIENT.search(
            ctx.patient):  # "i can't go on buses" - "you can though"
        return _Verdict(Code.CONFRONT, "confront: asserts what the patient just denied (\""
                        + " ".join(t.split()[:4]) + "…\")", "contradicts_though")
    if not question and _USED_WRONG_RX.search(t):  # "that's because you're not using it right"
        return _Verdict(Code.CONFRONT, "confront: blames how the patient uses the treatment (\""
                        + _USED_WRONG_RX.search(t).group(0) + "\")", "blames_use")
    if not question and ctx.patient and (corrected := _CORRECTS_RX.search(t)) is not None and (
            _stem_of(corrected.group(1)) in ctx.patient_stems) and not _EMPATHIC_FRAME_RX.search(
            t[:corrected.start()]) and not ctx.permission_accepted:  # "it's the situations, not
        # your stomach" after "my stomach" (not an explanation the patient agreed to hear)
        return _Verdict(Code.CONFRONT, "confront: corrects the patient's own account (\""
                        + corrected.group(0) + "\")", "corrects_patient")
    denied = _denies(t, ctx) if ("not " in t or "n't " in t) and (
        not question or _TAG_DISPUTE_RX.search(t)) and not _CONDITION_RX.match(t) and not (
        _NOT_TO_BLAME_RX.search(t)) else None  # ("you're not the problem" after "so I'm the
    # problem now" takes the blame off them; it argues with nothing they want to keep)
    # ("When your head isn't quiet, what is it busy with?" sets a condition, it denies nothing)
    if denied is not None:
        return _Verdict(Code.CONFRONT, "confront: denies what the patient just said (\"" + denied
                        + "\")", "denies_patient")
    if not question and _BARE_IMPERATIVE_RX.match(t) and len(t.split()) >= 3 and not (
            _quotes_patient(t, ctx)) and not _RECALL_RX.match(t):  # ("use it or lose it by
        # the end of the month" says back the committee's words the patient just quoted; "so
        # take last night, say" asks them to remember an evening, not to take anything)
        return _Verdict(Code.PERSUADE, "persuade: tells the patient what to do (\""
                        + " ".join(t.split()[:3]) + "…\")", "bare_imperative")
    if not question and not _HEDGED_LEAD_RX.match(t) and not ctx.permission_accepted and (
            "you asked" not in t):
        for clause in _CLAUSE_RX.split(t)[1:]:
            if len(clause.split()) >= 3 and _BARE_IMPERATIVE_RX.match(clause) and not (
                    _own_words(clause, ctx)) and not _IF_YOU_LIKE.search(clause):  # "you'd
                # rather know, get it looked at" is theirs; "put the kettle on if you fancy" a
                # kindness
                return _Verdict(Code.PERSUADE, "persuade: tells the patient what to do (\""
                                + " ".join(clause.split()[:3]) + "…\")", "clause_imperative")
    return None


def _classify(u: Unit, ctx: _Context, position: int, total: int) -> _Verdict:
    t = u.norm
    if not lx.LATIN_RX.search(u.text):
        return _Verdict(Code.OTHER, "no words to code", "no_words")
    if u.filler or not t or lx.FILLER_SEG_RX.match(t):
        return _Verdict(Code.FACILITATE, "filler: keeps the patient talking without adding "
                        "content", "filler")
    if _said_back_in_quotes(u.text, ctx):  # "'Get out, get out now.' Where were you?": the
        return _Verdict(Code.REFLECTION_SIMPLE, "simple reflection: says the patient's own "
                        "words back, in quotes", "quoted_back")  # patient's words, not advice
    # An open (wh-) question may mention anxiety without labelling; a yes/no question that
    # proposes the label ("have you considered that you might be depressed?") still labels.
    open_q_form = bool(_OPEN_Q_START_RX.match(t)) and u.question_mark

    # A ruler ("if 0 is not bothered and 10 is very important…") names the ends of a scale: its
    # words never judge the patient, so no push, label or confront is read in it.
    ruler = lx.SCALE_RX.search(t) is not None
    label = None if ruler else lx.LABEL_RX.search(t)
    if label is not None and _DISCLAIMED_BEFORE.search(t[:label.start()]):
        label = None  # "I'm not going to tell you it's in your head"
    if label is not None and not open_q_form and not _own_words(label.group(0), ctx):
        return _Verdict(Code.CONFRONT, "confront: labels the problem as psychological without "
                        "being invited (\"" + label.group(0).strip() + "\")", "label_psych",
                        frozenset({LABEL}))
    push = None if ruler else _pushes(t, u.question_mark, ctx)
    if push is not None:
        return push
    if not ruler and lx.RHETORICAL_ADVICE_RX.search(t):
        return _Verdict(Code.PERSUADE, "persuade: advice dressed as a question (\"don't you "
                        "think you should…\")", "rhetorical_advice")
    confront = None if ruler else _own_cue(lx.CONFRONT_RX, t, ctx)
    if confront is not None:
        return _Verdict(Code.CONFRONT, "confront: argues with, dismisses or labels the patient "
                        "(\"" + confront.strip() + "\")", "confront_cue")
    if not u.question_mark or not _OPEN_Q_START_RX.match(t):
        attribution = lx.ATTRIBUTION_RX.search(t)
        if attribution is not None and not _own_words(attribution.group(0), ctx) and not (
            _reflect_frame_before(t, attribution.start())
        ):
            return _Verdict(Code.PERSUADE, "persuade: offers a psychological explanation the "
                            "patient did not ask for (\"" + attribution.group(0).strip()
                            + "\")", "psych_attribution", frozenset({LABEL}))

    permission = lx.PERMISSION_RX.search(t)
    if permission is not None:
        tail = t[permission.end():]
        if lx.PERSUADE_RX.search(tail) or lx.IMPERATIVE_ADVICE_RX.search(tail.lstrip(" ?.,")):
            return _Verdict(Code.PERSUADE_WITH_PERMISSION, "persuade with permission: asks "
                            "first, then offers the advice", "permission_then_advice",
                            frozenset({PERMISSION}))
        return _Verdict(Code.SEEK_COLLABORATION, "seeking collaboration: asks permission before "
                        "sharing or discussing something", "asks_permission",
                        frozenset({PERMISSION}))

    if _EXPERTISE_SHARE_RX.search(t):
        return _Verdict(Code.SEEK_COLLABORATION, "seeking collaboration: puts the patient's "
                        "expertise beside the clinician's", "shares_expertise")
    if lx.DECIDE_FOR_RX.search(t) and not ctx.permission_accepted:
        return _Verdict(Code.PERSUADE, "persuade: decides for the patient (books, refers or "
                        "prescribes) instead of asking", "decides_for_patient")
    persuade = _unconditioned(lx.PERSUADE_RX, t, ctx)
    advice = bool(persuade or lx.IMPERATIVE_ADVICE_RX.match(t)) and not (
        _NEGATED_OBLIGATION_RX.search(t)
    )
    if lx.AUTONOMY_RX.search(t):
        if advice or _OPTION_RX.search(t):
            return _Verdict(Code.PERSUADE_WITH_PERMISSION, "persuade with permission: a "
                            "suggestion that leaves the choice with the patient",
                            "autonomy_with_advice")
        return _Verdict(Code.EMPHASIZE_AUTONOMY, "emphasizing autonomy: puts the choice with "
                        "the patient", "autonomy")
    declinable = lx.PWP_FRAME_RX.search(t)
    if declinable and not advice and (lx.COLLAB_RX.search(t) or lx.COLLAB_MORE_RX.search(t)):
        return _Verdict(Code.SEEK_COLLABORATION, "seeking collaboration: offers to work on it "
                        "together, if the patient wants", "collab_offer")
    if declinable and (advice or lx.INFO_RX.search(t) or _PWP_CUE_RX.search(t)):
        return _Verdict(Code.PERSUADE_WITH_PERMISSION, "persuade with permission: advice framed "
                        "so the patient can decline (\"if you're interested…\")", "advice_framed")
    if declinable and not u.question_mark:
        return _Verdict(Code.EMPHASIZE_AUTONOMY, "emphasizing autonomy: the patient is free to "
                        "take it or leave it", "autonomy_declinable")

    if (lx.GREETING_RX.match(t) or lx.REQUEST_RX.match(t)) and not advice and not (
        lx.AFFIRM_RX.search(t)  # "thank you for being so open" appreciates the patient
    ):  # "sorry, but you need to stop checking" is advice after an apology
        return _Verdict(Code.OTHER, "other: greeting or structuring the session", "greeting")

    question = _question(u)
    if question is not None:
        if _ADVICE_QUESTION_RX.search(t):
            return _Verdict(Code.PERSUADE, "persuade: advice hidden in a question (\"why don't "
                            "you…\")", "question_hides_advice")
        flags = set()
        if lx.SCALE_RX.search(t):
            flags.update((SCALING, EVOKING))
        if lx.EVOKING_RX.search(t) and not (
            # "what worries you about the treatment?" asks for fears of changing
            _EVOKING_WORRY_RX.match(t) and lx.SUSTAIN_TOPIC_RX.search(t)
        ):
            flags.add(EVOKING)
        if lx.COLLAB_MORE_RX.search(t) or (lx.COLLAB_RX.search(t) and not flags):
            return _Verdict(Code.SEEK_COLLABORATION, "seeking collaboration: the question mainly "
                            "shares power (asks the patient's view on what to do together)",
                            "collab_question")
        if lx.CHECK_Q_RX.match(t) and len(t.split()) <= 8:
            return _Verdict(Code.QUESTION_CLOSED, "closed question: checks the reflection ("
                            "yes or no)", "check_question", check=True)
        code, why, rule = question
        if code is Code.QUESTION_CLOSED and rule == "closed_aux_inversion" and _aux_either_or(t):
            why, rule = "closed question: an either/or question offers a choice", "closed_either_or"
        return _Verdict(code, why, rule, frozenset(flags))
    if u.question_mark and lx.CHECK_Q_RX.match(t):
        return _Verdict(Code.QUESTION_CLOSED, "closed question: checks the reflection (yes or "
                        "no)", "check_question", check=True)

    # ---- statements (a rising restatement "so you're worried?" lands here too)
    if lx.COLLAB_RX.search(t) or lx.COLLAB_MORE_RX.search(t):
        return _Verdict(Code.SEEK_COLLABORATION, "seeking collaboration: invites the patient to "
                        "work on it together", "collab_statement")
    double = bool(lx.DOUBLE_SIDED_RX.search(t)) and bool(lx.YOU_RX.search(t))
    summary = bool(lx.SUMMARY_FRAME_RX.search(t))
    if lx.AFFIRM_RX.search(t) and not double:
        return _Verdict(Code.AFFIRM, "affirmation: recognises the patient's effort or strength",
                        "affirm_cue")
    if advice:
        pos = persuade[0] if persuade is not None else 0
        if not _reflect_frame_before(t, pos) and not double and not _quotes_patient(t, ctx):
            if ctx.permission_accepted:
                return _Verdict(Code.PERSUADE_WITH_PERMISSION, "persuade with permission: advice "
                                "after the patient agreed to hear it", "advice_after_permission")
            return _Verdict(Code.PERSUADE, "persuade: advice or pressure without permission (\""
                            + (persuade[1].strip() if persuade else t.split()[0]) + "\")",
                            "advice_cue")
    if _SELF_DISCLOSURE_RX.match(t):
        return _Verdict(Code.OTHER, "other: the clinician talks about themself", "self_disclosure")
    stems = _content_stems(t)
    info = lx.INFO_RX.search(t)
    # A statement framed around the patient's words or feelings is a reflection, not
    # information - unless it answers the patient's question.
    framed = bool(_EMPATHIC_FRAME_RX.search(t)) or bool(_MENTAL_STATE_RX.match(t)) or (
        not (ctx.asked_fact and info) and _echoes_patient(t, stems, ctx)
    ) or (bool(_FEEL_VERB_RX.search(t)) and bool(lx.YOU_RX.search(t)))
    if not double and not summary and not framed and (
        info or (ctx.asked_fact and not _FIRST_PERSON_OTHER_RX.match(t)
                 and not _feelings(t) and len(t.split()) >= 5 and not _WHO_YOU_ARE_RX.match(t))
    ):
        return _Verdict(Code.GIVING_INFORMATION, "giving information: a neutral fact or "
                        "explanation", "information_cue" if info else "answers_patient_question")
    if lx.VALIDATION_RX.match(t):
        return _Verdict(Code.OTHER, "other: a brief validation, not a reflection", "validation")
    return _reflection_or_other(u, stems, ctx, double, summary, position, total)


# "You've always been the one who does for everyone else": about who the patient is, said back,
# not an answer to the patient's question.
_WHO_YOU_ARE_RX: Final = re.compile(
    r"^(?:so |and )?you(?: have| are| were)?(?: always| never)? (?:been )?(?:the one|the kind|the "
    r"sort|someone who|somebody who|always|never)\b")


def _reflection_or_other(
    u: Unit, stems: list[str], ctx: _Context, double: bool, summary: bool, position: int,
    total: int,
) -> _Verdict:
    t = u.norm
    shared = sum(1 for s in stems if s in ctx.patient_stems)
    overlap = shared / len(stems) if stems else 0.0
    frame = bool(lx.REFLECT_FRAME_RX.search(t)) or bool(fx.TENTATIVE_REFLECTION_RX.match(t))
    about_you = bool(lx.SECOND_PERSON_SUBJ_RX.match(t)) or bool(lx.YOU_RX.search(t))
    first_person = bool(_FIRST_PERSON_OTHER_RX.match(t))
    echo = shared >= 2 and overlap >= 0.4
    # A short statement that picks up a word of the patient's last line ("Meetings are the
    # hardest part." after "the meetings are the worst") says it back: a reflection.
    short_echo = shared >= 1 and len(t.split()) <= 14 and not u.question_mark
    evaluative = bool(_FEELING_EVAL_RX.match(t)) or bool(_EXPERIENCE_EVAL_RX.match(t))
    so_lead = "so" in u.lead.split()
    feelings = _feelings(t)
    feeling = bool(feelings) or bool(_FEEL_VERB_RX.search(t))
    reflect = double or summary or frame or echo or (about_you and not first_person) or (
        evaluative
    ) or (so_lead and shared >= 1) or (feeling and not first_person) or (
        short_echo and not first_person
    )
    if first_person and not (
        _FIRST_PERSON_FRAME_RX.match(t) or echo or double or summary
    ):
        reflect = False
    if reflect and not (echo or double or summary or feeling or short_echo or evaluative) and (
        _LOGISTICS_RX.search(t)
    ):
        reflect = False  # "you can call me any time" is about the session, not the patient
    if not reflect:
        if u.question_mark:
            return _Verdict(Code.QUESTION_CLOSED, "closed question: a short question answered in "
                            "a word", "closed_fragment")
        if len(stems) >= 4 and not first_person and not about_you:
            return _Verdict(Code.GIVING_INFORMATION, "giving information: a statement of fact, "
                            "not about the patient's own words", "information_default")
        return _Verdict(Code.OTHER, "other: no MI behaviour code applies", "no_rule")

    flags: set[str] = set()
    if double:
        flags.add(DOUBLE_SIDED)
    if summary:
        flags.add(SUMMARY)
    novelty = sum(1 for s in stems if s not in ctx.patient_stems) if ctx.patient_stems else -1
    score, reason = _complexity(t, stems, feelings, ctx, double, summary, overlap, shared)
    if u.lead.split()[:1] == ["and"] or u.text.lstrip().startswith(("...", "…")):
        score += 1.0
        reason = "continues the patient's sentence (\"…and\"), adding what they had not said yet"
    if score >= 1.5:
        return _Verdict(Code.REFLECTION_COMPLEX, "complex reflection: " + reason,
                        "reflection_complex", frozenset(flags), novelty=novelty)
    why = "simple reflection: says back what the patient said with little added meaning"
    if u.question_mark:
        why = "simple reflection: a rising-tone restatement, not a question"
    return _Verdict(Code.REFLECTION_SIMPLE, why, "reflection_simple", frozenset(flags),
                    novelty=novelty)


def _complexity(
    t: str, stems: list[str], feelings: set[str], ctx: _Context, double: bool, summary: bool,
    overlap: float, shared: int,
) -> tuple[float, str]:
    """Score how much a reflection adds to what the patient said; >= 1.5 is complex."""
    if double:
        return 3.0, "a double-sided reflection holds both sides of the patient's ambivalence"
    if summary:
        return 3.0, "a summary gathers several things the patient said"
    score = 0.0
    reasons: list[str] = []
    new_feelings = feelings - ctx.patient_feelings
    if ctx.patient:
        new_feelings = {f for f in new_feelings if _stem(f) not in ctx.patient_stems}
    if new_feelings:
        score += 2.0 if ctx.patient else 1.5
        reasons.append("names a feeling the patient did not say (\"" + sorted(new_feelings)[0]
                       + "\")")
    if lx.VALUE_RX.search(t) and not lx.VALUE_RX.search(ctx.patient):
        score += 1.0
        reasons.append("names what matters to the patient")
    if lx.METAPHOR_RX.search(t) or _SIMILE_RX.search(t):
        score += 1.0
        reasons.append("uses a metaphor or image")
    if lx.AMPLIFY_RX.search(t) and not lx.AMPLIFY_RX.search(ctx.patient):
        score += 0.75
        reasons.append("amplifies what the patient said")
    if lx.MEANING_RX.search(t):
        score += 0.75
        reasons.append("adds meaning the patient implied")
    if lx.MEANING_MORE_RX.search(t):
        score += 1.0
        reasons.append("links what happened to how it feels or what it means")
    if lx.HEDGE_RX.search(t):
        score += 0.5
    n = len(t.split())
    if n >= 25 and t.count(",") >= 2:
        score += 1.0
        reasons.append("links several things the patient said")
    if n >= 22:
        score += 1.0
    elif n >= 14:
        score += 0.5
    elif n <= 5:
        score -= 0.5
    if ctx.patient_stems and stems:
        novel = len(stems) - shared
        if overlap >= 0.6:
            score -= 1.0
        elif novel >= 3 and overlap <= 0.35:
            score += 1.0
            reasons.append("goes beyond the patient's words")
    if lx.SIMPLE_FRAME_RX.search(t) and n < 18:
        score -= 0.75
    if not reasons:
        reasons.append("continues the patient's thought with added meaning")
    return score, reasons[0]


# --------------------------------------------------------------------------- volley rule


_REPORTED_RX: Final = re.compile(r"\byou (?:said|mentioned|told me|found)\b")


def _volley(verdicts: list[_Verdict], units: Sequence[Unit], ctx: _Context) -> tuple[
    Code, str, str, frozenset[str]
]:
    flags: set[str] = set()
    for v in verdicts:
        flags |= v.flags
    codes = [v.code for v in verdicts]
    subst = [i for i, v in enumerate(verdicts) if v.code not in _SUBSTANTIVE_SKIP]

    def done(code: Code, why: str, rule: str) -> tuple[Code, str, str, frozenset[str]]:
        return code, why, rule, frozenset(flags)

    if not subst:
        if codes and all(c is Code.FACILITATE for c in codes):
            return done(Code.FACILITATE, "facilitate: only fillers that keep the patient "
                        "talking", "volley_fillers")
        first_other = next((v for v in verdicts if v.code is Code.OTHER), None)
        if first_other is None:
            return done(Code.OTHER, "other: nothing to code", "volley_empty")
        return done(Code.OTHER, first_other.why, "volley_" + first_other.rule)

    if Code.CONFRONT in codes:
        v = next(v for v in verdicts if v.code is Code.CONFRONT)
        return done(Code.CONFRONT, v.why + "; confront overrides everything else in the turn",
                    "volley_confront_overrides")
    if Code.PERSUADE_WITH_PERMISSION in codes:
        v = next(v for v in verdicts if v.code is Code.PERSUADE_WITH_PERMISSION)
        return done(Code.PERSUADE_WITH_PERMISSION, v.why, "volley_persuade_with_permission")
    giving = (Code.PERSUADE, Code.GIVING_INFORMATION)
    asked = [i for i, v in enumerate(verdicts) if PERMISSION in v.flags
             or v.code is Code.EMPHASIZE_AUTONOMY]
    if asked and any(verdicts[j].code in giving for j in range(asked[0] + 1, len(verdicts))):
        return done(Code.PERSUADE_WITH_PERMISSION, "persuade with permission: asks permission "
                    "(or leaves the choice with the patient), then offers advice or information",
                    "volley_permission_then_advice")
    if Code.EMPHASIZE_AUTONOMY in codes and Code.PERSUADE in codes:
        return done(Code.PERSUADE_WITH_PERMISSION, "persuade with permission: advice given while "
                    "leaving the choice with the patient", "volley_autonomy_with_advice")
    if Code.PERSUADE in codes:
        v = next(v for v in verdicts if v.code is Code.PERSUADE)
        return done(Code.PERSUADE, v.why, "volley_persuade")
    tried = next((i for i, u in enumerate(units) if verdicts[i].code in QUESTIONS
                  and lx.TRIED_Q_RX.search(u.norm)), None)
    if tried is not None and not asked and any(
            lx.EFFICACY_RX.search(u.norm) and not _REPORTED_RX.search(u.norm)
            for u in units[tried + 1:]):
        return done(Code.PERSUADE, "persuade: suggests a treatment as a question, then says it "
                    "works (\"have you tried…? it usually helps\")", "volley_tried_then_works")
    if asked and verdicts[asked[0]].code is Code.SEEK_COLLABORATION and not any(
        v.code in QUESTIONS for v in verdicts[asked[0] + 1:]
    ):
        v = verdicts[asked[0]]
        return done(v.code, v.why + " (the rest of the turn supports the request)",
                    "volley_permission_main")

    reflections = [v for v in verdicts if v.code in REFLECTIONS]
    last = verdicts[subst[-1]]
    question_like = last.code in QUESTIONS or (
        last.code is Code.SEEK_COLLABORATION and units[subst[-1]].question_mark
    )
    if question_like and not (last.check and reflections):
        if last.code is not Code.QUESTION_OPEN and any(
                SCALING in v.flags or lx.SCALE_RX.search(u.norm)
                for u, v in zip(units, verdicts, strict=True)):
            flags.update((SCALING, EVOKING))  # "if 0 is not bothered and 10 is very
            return done(Code.QUESTION_OPEN, "open question: a scaling question invites the "
                        "patient to explain where they stand",  # important, where…?"
                        "volley_scaling_split")
        if reflections:
            return done(last.code, last.why + " (the turn ends with this question after a "
                        "reflection; the question is the main act)", "volley_last_question")
        return done(last.code, last.why, "volley_" + last.rule)

    if last.code not in REFLECTIONS and not last.check:
        return done(last.code, last.why, "volley_last_" + last.rule)
    if reflections:
        total_words = sum(len(units[i].norm.split()) for i, v in enumerate(verdicts)
                          if v.code in REFLECTIONS)
        gathers = _gathers_earlier(units, verdicts, ctx)
        if len(reflections) >= 3 or (len(reflections) >= 2 and total_words >= 30) or gathers:
            flags.add(SUMMARY)
        if SUMMARY in flags or DOUBLE_SIDED in flags:
            complex_v = next((v for v in reflections if v.code is Code.REFLECTION_COMPLEX), None)
            why = complex_v.why if complex_v and (
                SUMMARY not in flags or "summary" in complex_v.why
            ) else "complex reflection: a summary gathers several things the patient said"
            return done(Code.REFLECTION_COMPLEX, why, "volley_summary_or_double_sided")
        complex_v = next((v for v in reflections if v.code is Code.REFLECTION_COMPLEX), None)
        if complex_v is not None:
            return done(Code.REFLECTION_COMPLEX, complex_v.why, "volley_one_reflection_complex")
        if len(reflections) >= 2 and total_words >= 18:
            return done(Code.REFLECTION_COMPLEX, "complex reflection: several reflections in a "
                        "row continue the patient's thought", "volley_reflections_join")
        return done(Code.REFLECTION_SIMPLE, reflections[-1].why, "volley_one_reflection")

    return done(last.code, last.why, "volley_last_" + last.rule)


def _gathers_earlier(units: Sequence[Unit], verdicts: list[_Verdict], ctx: _Context) -> bool:
    """A long reflection that echoes two or more earlier patient lines is a summary."""
    words = sum(len(unit.norm.split()) for unit, v in zip(units, verdicts, strict=True)
                if v.code in REFLECTIONS)
    if words < 25 or not ctx.earlier_patient_stems:  # short: not a summary (cheap test first)
        return False
    stems: set[str] = set()
    for unit, v in zip(units, verdicts, strict=True):
        if v.code in REFLECTIONS:
            stems.update(_content_stems(unit.norm))
    hits = sum(1 for earlier in ctx.earlier_patient_stems if len(stems & earlier) >= 2)
    hits += 1 if len(stems & ctx.patient_stems) >= 2 else 0
    return hits >= 3


# --------------------------------------------------------------------------- public


# --------------------------------------------------------------------------- confidence

# Rules that decide by elimination or on one loose cue, and how sure their code is; every other
# rule reads structure or a fixed phrase and is sure (1.0). `bench/coder.py` checks on held-out
# lines that the codes these mark unsure are wrong far more often than the rest.
_GUESSES: Final[dict[str, float]] = {
    "no_rule": 0.4,  # nothing matched: "other" by elimination
    "information_default": 0.5,  # a statement with no cue read as information
    "validation": 0.55,  # "that's hard": other, or a short reflection?
    "closed_fragment": 0.55,  # a fragment with a question mark
    "open_elliptic": 0.55,
    "closed_elliptic": 0.55,
    "autonomy_declinable": 0.55,
    "autonomy_with_advice": 0.5,
    "denies_patient": 0.55,  # reads "not X" against the patient's word X
    "contradicts": 0.55,
    "bare_imperative": 0.6,
    "steering_question": 0.6,
}
# A non-adherent code beside a reflection, an affirmation or autonomy in the same turn: the
# rules may have read a word out of its place.
_MIXED_SIGNALS: Final = 0.25
_ADHERENT_SIDE: Final = REFLECTIONS | {Code.AFFIRM, Code.EMPHASIZE_AUTONOMY}


def _sureness(code: Code, verdicts: Sequence[_Verdict]) -> float:
    """How sure the rules are of the turn's code: the deciding unit's rule, less a penalty when
    a confront or persuade sits beside MI-consistent acts."""
    deciding = next((v for v in reversed(verdicts) if v.code is code), None)
    sure = 1.0 if deciding is None else _GUESSES.get(deciding.rule, 1.0)
    if code in (Code.CONFRONT, Code.PERSUADE) and any(v.code in _ADHERENT_SIDE for v in verdicts):
        sure -= _MIXED_SIGNALS
    return round(max(0.0, sure), 2)


# Codes the learned model may overrule: not what the rules already call non-adherent, and not the
# MI-consistent acts whose words sound like advice (advice with permission, autonomy, affirmation).
_NOT_OVERRULED: Final = frozenset({
    Code.CONFRONT, Code.PERSUADE, Code.PERSUADE_WITH_PERMISSION, Code.AFFIRM,
    Code.EMPHASIZE_AUTONOMY, Code.SEEK_COLLABORATION,
})


def _second_opinion(coding: Coding, context: Sequence[ContextLine]) -> Coding:
    """The rules' code, unless the learned model (`righting_model`) is confident that a line the
    rules let through is the righting reflex: then confront or persuade, as sure as the model."""
    if coding.code in _NOT_OVERRULED or _WHAT_CHANGED_RX.match(coding.text.lower().strip()):
        return coding
    model = shipped_model()
    opinion = model.opinion(coding.text, context, above=model.reflection_threshold if (
        coding.code in REFLECTIONS) else model.threshold)
    if opinion is None:
        return coding
    code = Code.CONFRONT if opinion.confront > 0.5 else Code.PERSUADE
    heard = ", ".join(f"'{w}'" for w in opinion.words) or "its words as a whole"
    why = (f"{code.value}: sounds like the righting reflex (weighing most: {heard}); the rules "
           f"alone read it as {coding.code.value.replace('_', ' ')}")
    return replace(coding, code=code, why=why, rule="learned_righting",
                   confidence=round(opinion.righting, 2))


def code_utterance(text: str, context: Sequence[ContextLine] = ()) -> Coding:
    """Code one clinician turn. Never raises; anything uncodable is `other`."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    stripped = text.strip()
    try:
        ctx = _Context(context)
        units = segment(stripped)
        if not units:
            seg = Segment(stripped, Code.OTHER, "nothing to code", "empty")
            return Coding(stripped, Code.OTHER, (seg,), "other: nothing to code", "empty")
        verdicts = [_classify(u, ctx, i, len(units)) for i, u in enumerate(units)]
        code, why, rule, flags = _volley(verdicts, units, ctx)
        segments = tuple(
            Segment(u.text, v.code, v.why, v.rule) for u, v in zip(units, verdicts, strict=True)
        )
        coding = Coding(stripped, code, segments, why, rule, flags, _sureness(code, verdicts))
        return _second_opinion(coding, context)
    except Exception:  # pragma: no cover - a coder bug must not break a conversation
        seg = Segment(stripped, Code.OTHER, "could not be coded", "coder_error")
        return Coding(stripped, Code.OTHER, (seg,), "other: could not be coded", "coder_error")
