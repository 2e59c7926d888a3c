"""The feedback report for one conversation: scores, client talk, trajectory, worst moments.

Pure: facts about stored turns in, a `Feedback` value out. No I/O, no storage or web imports, so
the web report, the API and the CLI all build the same report from the same turns.

    facts = facts_from_records(records, opening=opening_line)
    report = build_feedback(facts)
    report.to_dict()          # JSON-ready
    overall_message(report)   # two or three sentences for the top of the page

How a moment's harm is scored (`harm_of`), each term ≥ 0:

    harm = rise in discord
         + fall in rapport
         + 2 × fall in readiness     (readiness = importance × confidence moves in smaller steps)
         + 0.15 if the patient answered with sustain talk
         + 0.30 if the line labelled the problem as psychological (move `label`),
           otherwise 0.25 for `confront` and 0.20 for `persuade`
         + 0.10 × (length of the run of closed questions − 1) for a run of two or more,
           at most 0.30
         + 0.10 if it was an evoking question asked before there was rapport
         + 0.30 if the patient walked out on this turn

The three turns with the highest harm (> 0) are the moments that hurt most; ties go to the
earlier turn. A confront or persuade the coder was unsure of (`coding.UNSURE_BELOW`) is never a
moment: it is listed in `unsure` with every other guessed code, for the supervisor to check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from mi_sim.engine.coding import guessed
from mi_sim.engine.vocabulary import MI_NON_ADHERENT, Code, Subtype, Talk
from mi_sim.scoring.miti import Level, MitiSummary, describe, summarize

# --------------------------------------------------------------------------------------------
# Input

PUBLIC = ("rapport", "discord", "readiness")


@dataclass(frozen=True, slots=True)
class TurnFacts:
    """What the report needs to know about one stored turn.

    `patient_before` is the patient line the clinician was answering (the opening line for turn
    1); `state_before` and `state` are the public state dicts before and after the turn.
    `move` is the engine's reading of the line (trace `move`, e.g. `label`, `interrogation`);
    `rule` is the trace's rule, used to spot evoking before rapport.
    """

    turn: int
    clinician: str
    code: str
    why: str = ""
    patient_before: str = ""
    patient: str = ""
    talk: str = Talk.NEUTRAL.value
    subtype: str | None = None
    state: Mapping[str, Any] = field(default_factory=dict)
    state_before: Mapping[str, Any] = field(default_factory=dict)
    move: str | None = None
    ended: bool = False
    rule: str | None = None
    confidence: float = 1.0  # the coder's, from the trace (1.0 for sessions stored before it)

    def value(self, name: str, before: bool = False) -> float | None:
        return _number((self.state_before if before else self.state).get(name))

    def delta(self, name: str) -> float:
        """after − before, 0.0 when either is unknown."""
        after, before = self.value(name), self.value(name, before=True)
        return 0.0 if after is None or before is None else after - before

    @property
    def early_evoking(self) -> bool:
        return bool(self.rule) and "before there is enough rapport" in (self.rule or "")


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _confidence(trace: Mapping[str, Any] | None) -> float:
    """The coder's confidence in a stored turn's code (1.0 when the trace predates it)."""
    confidence = _number((trace or {}).get("confidence"))
    return 1.0 if confidence is None else confidence


def code_is_unsure(trace: Mapping[str, Any] | None) -> bool:
    """Whether a stored turn's trace marks its code as a guess."""
    return guessed(_confidence(trace))


def _start_from_trace(trace: Mapping[str, Any]) -> dict[str, float]:
    """The state before a turn, read off the first `before` of each variable in its trace."""
    first: dict[str, float] = {}
    for change in trace.get("changes") or ():
        name, before = change.get("variable"), _number(change.get("before"))
        if isinstance(name, str) and before is not None and name not in first:
            first[name] = before
    if "importance" in first and "confidence" in first:
        first["readiness"] = first["importance"] * first["confidence"]
    return {k: v for k, v in first.items() if k in (*PUBLIC, "importance", "confidence")}


def facts_from_records(records: Iterable[Mapping[str, Any]], opening: str = "",
                       start_state: Mapping[str, Any] | None = None) -> list[TurnFacts]:
    """`TurnFacts` from stored turn dicts (the `turn_record` / API shape).

    Each record has `turn`, `clinician`, `code`, `patient`, `talk`, `state`, `ended`, and may
    have `why`, `subtype`, `move`, `rule` and `trace` (a `Trace.to_dict()`). The state before
    turn 1 is `start_state` or, failing that, whatever turn 1's trace says the numbers were;
    after that each turn starts where the previous one ended.
    """
    facts: list[TurnFacts] = []
    previous_state: Mapping[str, Any] = dict(start_state or {})
    previous_patient = opening or ""
    ordered = sorted(records, key=lambda r: int(r.get("turn") or 0))
    for index, record in enumerate(ordered):
        trace = record.get("trace") or {}
        state = dict(record.get("state") or {})
        before = dict(previous_state)
        if index == 0 and not before and trace:
            before = _start_from_trace(trace)
        facts.append(TurnFacts(
            turn=int(record.get("turn") or index + 1),
            clinician=str(record.get("clinician") or ""),
            code=str(record.get("code") or Code.OTHER.value),
            why=str(record.get("why") or trace.get("why") or ""),
            patient_before=previous_patient,
            patient=str(record.get("patient") or ""),
            talk=str(record.get("talk") or Talk.NEUTRAL.value),
            subtype=record.get("subtype"),
            state=state,
            state_before=before,
            move=record.get("move") or trace.get("move"),
            ended=bool(record.get("ended")),
            rule=record.get("rule") or trace.get("rule"),
            confidence=_confidence(trace),
        ))
        previous_state, previous_patient = state, str(record.get("patient") or "")
    return facts


# --------------------------------------------------------------------------------------------
# Output values

DARN = (Subtype.DESIRE, Subtype.ABILITY, Subtype.REASONS, Subtype.NEED)
CAT = (Subtype.COMMITMENT, Subtype.ACTIVATION, Subtype.TAKING_STEPS)
_DARN_VALUES = frozenset(s.value for s in DARN)
_CAT_VALUES = frozenset(s.value for s in CAT)


@dataclass(frozen=True, slots=True)
class TrajectoryPoint:
    """The public state after `turn` turns (turn 0 is the start). `clinician` is the line said
    on that turn (empty for turn 0), for chart tooltips."""

    turn: int
    rapport: float | None
    discord: float | None
    readiness: float | None
    clinician: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"turn": self.turn, "rapport": _round(self.rapport),
                "discord": _round(self.discord), "readiness": _round(self.readiness)}


@dataclass(frozen=True, slots=True)
class SubtypeSeen:
    subtype: str
    first_turn: int
    stage: str  # "preparatory" (DARN) or "mobilising" (CAT)


@dataclass(frozen=True, slots=True)
class TalkProgress:
    """Change vs sustain talk and how far change talk moved from DARN toward CAT."""

    change: int
    sustain: int
    neutral: int
    subtypes: tuple[SubtypeSeen, ...]
    first_change_turn: int | None
    first_cat_turn: int | None

    @property
    def darn(self) -> tuple[str, ...]:
        return tuple(s.subtype for s in self.subtypes if s.stage == "preparatory")

    @property
    def cat(self) -> tuple[str, ...]:
        return tuple(s.subtype for s in self.subtypes if s.stage == "mobilising")

    @property
    def sentence(self) -> str:
        counts = (f"The patient gave {self.change} change-talk and {self.sustain} sustain-talk "
                  f"line{'s' if self.sustain != 1 else ''}")
        if not self.change:
            return counts + "; no change talk yet, which is common with a reluctant patient."
        darn = ", ".join(_words(self.darn)) or "none"
        if self.first_cat_turn is not None:
            return (f"{counts}; change talk moved from preparing (DARN: {darn}) to mobilising "
                    f"(CAT: {', '.join(_words(self.cat))}) on turn {self.first_cat_turn}.")
        return (f"{counts}; change talk stayed preparatory (DARN: {darn}), with no "
                "commitment or first step yet.")

    def to_dict(self) -> dict[str, Any]:
        return {
            "change": self.change, "sustain": self.sustain, "neutral": self.neutral,
            "subtypes": [{"subtype": s.subtype, "first_turn": s.first_turn, "stage": s.stage}
                         for s in self.subtypes],
            "darn": list(self.darn), "cat": list(self.cat),
            "first_change_turn": self.first_change_turn, "first_cat_turn": self.first_cat_turn,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class Moment:
    """One of the turns that hurt most, with a better thing to have said."""

    turn: int
    clinician: str
    code: str
    why: str
    patient_before: str
    patient: str
    talk: str
    harm: float
    what_happened: str
    alternative: str
    alternative_kind: str
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn, "clinician": self.clinician, "code": self.code, "why": self.why,
            "patient_before": self.patient_before, "patient": self.patient, "talk": self.talk,
            "harm": round(self.harm, 3), "what_happened": self.what_happened,
            "alternative": self.alternative, "alternative_kind": self.alternative_kind,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class Highlight:
    """One of the turns that helped most, and why it worked."""

    turn: int
    clinician: str
    code: str
    patient: str
    talk: str
    help: float
    what_happened: str
    why_it_worked: str

    def to_dict(self) -> dict[str, Any]:
        return {"turn": self.turn, "clinician": self.clinician, "code": self.code,
                "patient": self.patient, "talk": self.talk, "help": round(self.help, 3),
                "what_happened": self.what_happened, "why_it_worked": self.why_it_worked}


@dataclass(frozen=True, slots=True)
class Feedback:
    """The whole report for one conversation."""

    turns: int
    summary: MitiSummary
    sentences: tuple[str, ...]
    talk: TalkProgress
    trajectory: tuple[TrajectoryPoint, ...]
    worst: tuple[Moment, ...]
    walked_out: bool
    longest_closed_run: int
    unsure: tuple[int, ...] = ()  # turns whose code the coder marked as a guess
    went_well: tuple[Highlight, ...] = ()  # the turns that helped most

    @property
    def final(self) -> TrajectoryPoint | None:
        return self.trajectory[-1] if self.trajectory else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "turns": self.turns,
            "walked_out": self.walked_out,
            "summary": self.summary.to_dict(),
            "summary_sentences": list(self.sentences),
            "talk": self.talk.to_dict(),
            "trajectory": [p.to_dict() for p in self.trajectory],
            "worst_moments": [m.to_dict() for m in self.worst],
            "longest_closed_run": self.longest_closed_run,
            "unsure_turns": list(self.unsure),
            "went_well": [h.to_dict() for h in self.went_well],
            "message": overall_message(self),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _words(values: Iterable[str]) -> list[str]:
    return [v.replace("_", " ") for v in values]


# --------------------------------------------------------------------------------------------
# Mirroring the patient's words

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})

# First person → second person, and the patient's "you" (the clinician) → the clinician's "I".
_SWAP = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "i'm": "you're", "im": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll",
    "we": "you", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
    "we're": "you're", "we've": "you've", "we'd": "you'd", "we'll": "you'll",
    "your": "my", "yours": "mine", "yourself": "myself",
    "you're": "I'm", "you've": "I've", "you'd": "I'd", "you'll": "I'll",
}
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "i'm", "im", "i've", "i'd",
                           "i'll", "we", "us", "our", "we're", "we've"})
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "you're", "you've", "you'd",
                            "you'll"})
# Before these, the patient's "you" is a subject ("I"); elsewhere an object ("me").
_SUBJECT_BEFORE = frozenset({
    "", "and", "but", "or", "so", "that", "if", "when", "because", "cause", "then", "unless",
    "until", "while", "what", "why", "how", "where", "whether", "do", "does", "did", "can",
    "could", "would", "will", "should", "have", "had", "don't", "didn't", "can't", "won't",
    "wouldn't", "couldn't", "shouldn't", "think", "know", "said", "say", "like",
})
_KEEP_CAPITALS = frozenset({
    "dr", "mr", "mrs", "ms", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "christmas", "god", "a&e",
})

_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*|\s+|[^\sA-Za-z]+")
_ALWAYS_FILLER = (r"yeah|yep|yup|nah|nope|um+|uh+|erm*|hm+|mm+|oh|ah|well|honestly|i mean|"
                  r"anyway|okay|ok|sigh|and|but")
_PUNCT_FILLER = (r"no|yes|so|like|right|see|look|listen|actually|you know|i guess|i suppose|"
                 r"to be fair|to be honest|i'll be honest|i don't know|i dunno|dunno|"
                 r"i don't know really|fine|sure|whatever|i'm not sure|not really|maybe|"
                 r"i should say(?: up front)?|i have to say|i must say|if i'm honest|"
                 r"if i'm being honest|to be perfectly honest|i'll be straight with you")
_LEADING = re.compile(
    rf"^(?:(?:{_ALWAYS_FILLER})\b[\s,.!…-]*|(?:{_PUNCT_FILLER})(?:[,.!…]+\s*|\s*$))",
    re.IGNORECASE)
_TRAILING = re.compile(
    r"(?:[,\s]+(?:to be fair|you know|i guess|i suppose|really|honestly|or something|"
    r"or whatever|i don't know|though|anyway|okay|ok|alright|right|actually))+\s*[.!…]*$",
    re.IGNORECASE)
_CUES = re.compile(r"\*[^*]*\*|\([^)]*\)|\[[^\]]*\]|<[^>]*>")
_SENTENCES = re.compile(r"(?<=[.!?…])\s+|;\s*|\s+[—–-]{1,2}\s+|\.{3}\s*")
_BUT = re.compile(r",?\s+\bbut\b\s+", re.IGNORECASE)
# "…, does it?" / "…, isn't it?": a statement asking for agreement, reflected as a statement.
_TAG_QUESTION = re.compile(
    r",\s*(?:(?:does|doesn't|is|isn't|was|wasn't|do|don't|did|didn't|can|can't|will|won't|"
    r"would|wouldn't|are|aren't|have|haven't)\s+(?:it|he|she|they|you|i|there|that|we)|"
    r"right|yeah|eh|no|you know)\s*\?+\s*$", re.IGNORECASE)
_REPORTED = re.compile(r"\b(said|says|thought|thinks|told|reckons)\b", re.IGNORECASE)
_STOPWORDS = frozenset(re.findall(r"\S+", """
a an the and or but so to of in on at for with from by it it's its is are was were be been
this that these those there here just really very quite then than too also not no yes do does
did have has had i me my you your we our they them he she his her what when how why where who
i'm i've i'd i'll you're that's don't can't won't didn't isn't wasn't about like all any some
get got going go as if up out one thing things much more
"""))
_FEELING = re.compile(
    r"\b(scar\w*|afraid|frighten\w*|terrif\w*|worr\w*|panic\w*|fear\w*|anxious|nervous|tired|"
    r"exhaust\w*|fed up|frustrat\w*|angry|annoy\w*|embarrass\w*|asham\w*|alone|stuck|hopeless|"
    r"want\w*|wish\w*|need\w*|can't|cannot|couldn't|hate|pain\w*|hurt\w*|ache\w*|sleep\w*|heart|"
    r"believe\w*|listen\w*|dismiss\w*|sick|ill|die|dying|cope|coping|manage|mad|crazy|weak|"
    r"fault|blame\w*|job|work|kids|family|children|wife|husband|wrong|serious|real|normal)\b",
    re.IGNORECASE)
MAX_WORDS = 20


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _strip_fillers(clause: str) -> str:
    text = clause.strip(" \t\"'.,;:!…-–—")
    for _ in range(6):
        stripped = _LEADING.sub("", text, count=1).strip(" \t\"',;:-–—")
        stripped = _TRAILING.sub("", stripped).strip(" \t\"',;:-–—")
        if stripped == text:
            break
        text = stripped
    return text


def _clauses(text: str) -> list[tuple[str, bool, bool]]:
    """(clause, is_question, follows_but) candidates, in order."""
    found: list[tuple[str, bool, bool]] = []
    for sentence in _SENTENCES.split(text):
        sentence = sentence.strip()
        if not sentence:
            continue
        sentence = _TAG_QUESTION.sub(".", sentence)
        question = sentence.rstrip("\"' ").endswith("?")
        parts = _BUT.split(sentence)
        if len(parts) > 1:  # the whole contrast first: "you know you should, but you can't"
            whole = _strip_fillers(sentence)
            if whole:
                found.append((whole, question, True))
        for position, part in enumerate(parts):
            clause = _strip_fillers(part)
            if clause:
                found.append((clause, question, position > 0))
    return found


def _score(clause: str, question: bool, after_but: bool) -> float:
    words = [w.lower() for w in re.findall(r"[A-Za-z']+", clause)]
    content = [w for w in words if w not in _STOPWORDS]
    score = float(min(len(content), 6))
    if any(w in _FIRST_PERSON for w in words):
        score += 3
    if _FEELING.search(clause):
        score += 3
    if any(w in _SECOND_PERSON for w in words):
        score -= 4
    if question:
        score -= 6
    if len(words) < 3:
        score -= 4
    if after_but:
        score += 1
    if _REPORTED.search(clause) and not re.search(r"\bI (?:said|told|thought)\b", clause):
        score -= 2  # what someone else said is context, not the patient's own experience
    return score


def _clean(text: str) -> str:
    return _dedupe(" ".join(_CUES.sub(" ", (text or "").translate(_APOSTROPHES)).split()))


def best_clause(text: str) -> str:
    """The most meaningful clause of a patient's line, without fillers; "" if there is none."""
    cleaned = _clean(text)
    candidates = _clauses(cleaned)
    if not candidates:
        return ""
    ranked = sorted(enumerate(candidates), key=lambda item: (-_score(*item[1]), item[0]))
    clause, question, _ = ranked[0][1]
    words = [w.lower() for w in re.findall(r"[A-Za-z']+", clause)]
    personal = any(w in _FIRST_PERSON for w in words)
    if question or len(words) < 2 or (len(words) < 3 and not personal):
        return ""
    return _cap_length(clause)


def _dedupe(text: str) -> str:
    """Collapse a word repeated back to back ("really really really" → "really")."""
    return re.sub(r"\b(\w+(?:'\w+)?)(?:\s+\1\b)+", r"\1", text, flags=re.IGNORECASE)


def _cap_length(clause: str) -> str:
    words = clause.split()
    if len(words) <= MAX_WORDS:
        return clause
    # Prefer ending at a comma inside the limit; otherwise cut and drop dangling joiners.
    cut = words[:MAX_WORDS]
    for index in range(len(cut) - 1, 5, -1):
        if cut[index].endswith(","):
            cut = cut[:index + 1]
            break
    while cut and cut[-1].lower().strip(",") in _STOPWORDS:
        cut.pop()
    return " ".join(cut or words[:MAX_WORDS])


def _swap_pronouns(clause: str) -> str:
    tokens = _tokens(clause)
    words = [(i, t) for i, t in enumerate(tokens) if t[0].isalpha()]
    out = list(tokens)
    for position, (index, token) in enumerate(words):
        low = token.lower()
        previous = words[position - 1][1].lower() if position else ""
        following = words[position + 1][1].lower() if position + 1 < len(words) else ""
        if low == "you":
            if following in ("are", "were") or previous in ("are", "were"):
                out[index] = "I"
            else:
                out[index] = "I" if previous in _SUBJECT_BEFORE else "me"
        elif low in _SWAP:
            out[index] = _SWAP[low]
        elif low == "am" and (previous in ("i", "") or following == "i"):
            out[index] = "are"
        elif low == "was" and (previous in ("i", "we") or following in ("i", "we")):
            out[index] = "were"
        elif low == "are" and (previous == "you" or following == "you"):
            out[index] = "am"
        elif low == "were" and (previous == "you" or following == "you"):
            out[index] = "was"
    # Lower-case the first word unless it is "I" or looks like a name or title.
    for index, token in enumerate(out):
        if token[0].isalpha():
            first = tokens[index]
            keep = (out[index] == "I" or out[index].startswith("I'")
                    or first.lower() in _KEEP_CAPITALS
                    or (len(first) > 1 and first.isupper() and first.lower() not in _SWAP))
            if not keep:
                out[index] = out[index][0].lower() + out[index][1:]
            break
    return "".join(out)


def _bare(text: str) -> str:
    return text.strip().rstrip(" .,;:!?…\"'-–—").strip()


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# A patient's question said back as a statement reads as the clinician asking it ("So does fruit
# have a lot of sugar in it."); their "I must…" said back as "You must…" reads as an order.
_ASKS: Final = re.compile(r"^(?:(?:um|so|and|but|well),? )*(?:what|how|why|where|when|who|which|"
                          r"does|do|did|is|are|was|were|can|could|will|would|should|shall|has|"
                          r"have)\b(?! (?:i|you|we|they|he|she|it) (?:just|really|actually)\b)",
                          re.IGNORECASE)
_OBLIGATION: Final = re.compile(r"\b(?:must|have to|has to|need to|needs to|should|ought to|got "
                                r"to|gotta)\b", re.IGNORECASE)


def mirror_clause(text: str) -> str:
    """The best clause of `text` in the second person, mid-sentence form, no end punctuation.
    A question the patient asked is not said back; an obligation is said back as theirs ("you
    feel you have to stop"), never as an order."""
    clause = best_clause(text)
    if not clause or _ASKS.match(clause):
        return _worried_question(text)
    said = _bare(_swap_pronouns(clause))
    said = re.sub(r"^you guess\b", "you think", said, flags=re.IGNORECASE)
    if _OBLIGATION.search(said) and not re.match(r"^you (?:feel|think|know)\b", said, re.I):
        said = "you feel " + said[:1].lower() + said[1:] if not said.startswith("I") else said
    return said


_SUSPICION = re.compile(
    r"^(?:so,?\s+)?(?:(?:are|do|did|is|were)\s+)?you\s+(?:saying|telling me|suggesting|implying|"
    r"think(?:ing)?|say(?:ing)?)\s+(?:that\s+)?(?P<rest>.+?)\s*\?*$", re.IGNORECASE)


def _worried_question(text: str) -> str:
    """A patient's "Are you saying it's all in my head?" as "you're worried I think it's all in
    your head"; "" for other questions."""
    for sentence in _SENTENCES.split(_clean(text)):
        match = _SUSPICION.match(_strip_fillers(sentence) + "?")
        if match:
            rest = _bare(_swap_pronouns(match.group("rest")))
            if rest:
                return f"you're worried I think {rest}"
    return ""


def mirror(text: str) -> str:
    """Say the most meaningful part of a patient's line back to them, as a sentence.

    "I'm scared it's my heart and nobody believes me" → "You're scared it's your heart and
    nobody believes you."  Returns "" when there is nothing to mirror (empty, only fillers, or
    only a question).
    """
    clause = mirror_clause(text)
    return _capitalise(clause) + "." if clause else ""


# --------------------------------------------------------------------------------------------
# Alternatives

_MEANINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^you're worried I think", re.I), "you'd like to know I'm taking you seriously"),
    (re.compile(r"\b(believe|listen|dismiss|imagin|made up|nobody|no one|in my head|"
                r"making it up|fobbed|brushed)", re.I),
     "it matters a lot to you to be taken seriously"),
    (re.compile(r"\b(scar|afraid|frighten|terrif|panic|fear|heart|die|dying|attack)", re.I),
     "that's frightening to live with"),
    (re.compile(r"\b(anxiety|anxious|psych|mental|therap|counsel|crazy|mad|weak|stress)", re.I),
     "you want to be sure the real problem doesn't get brushed aside"),
    (re.compile(r"\b(tired|exhaust|pain|hurt|ache|sleep|fatigue|headache|drained)", re.I),
     "it's been wearing you down"),
    (re.compile(r"\b(work\b|job|busy|responsib|kids|children|family|wife|husband|mum\b|dad\b)",
                re.I),
     "you've got a lot on your plate"),
    (re.compile(r"\b(worr|check|test|scan|google|search|sure|know)", re.I),
     "not knowing for certain is hard to sit with"),
    (re.compile(r"\b(can't|cannot|couldn't|won't|never)", re.I),
     "it feels like a lot right now"),
)
_DEFAULT_MEANING = "that matters to you"
_GENERIC_REFLECTION = "It sounds like a lot has been going on for you, and it's been hard"
_OPEN_QUESTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(tired|exhaust|pain|hurt|ache|sleep|fatigue|headache)", re.I),
     "How is that affecting your days?"),
    (re.compile(r"\b(scar|afraid|frighten|panic|fear|heart|worr)", re.I),
     "What goes through your mind when that happens?"),
)
_DEFAULT_OPEN = "What has that been like for you?"

EXPLANATIONS = {
    "reflection_and_autonomy": (
        "Reflecting the patient's own words shows you heard them instead of arguing, so they "
        "have nothing to defend; handing the choice back to them (emphasising autonomy) lowers "
        "discord where confronting or labelling raises it."),
    "reflection_then_permission": (
        "Reflecting first shows you have listened; asking permission before offering advice "
        "turns the righting reflex into persuade-with-permission, so the patient can take the "
        "idea or leave it rather than push back against it."),
    "reflection_and_open_question": (
        "A reflection followed by one open question breaks the run of closed questions: it "
        "raises your reflection-to-question ratio and invites the patient to tell their story "
        "instead of answering a checklist."),
    "reflection": (
        "Engagement comes before evoking: a complex reflection builds rapport, and evoking "
        "questions land once the patient feels understood."),
    "reflection_and_question": (
        "A complex reflection in the patient's own words meets them where they are; an open "
        "question then lets them lead, which softens sustain talk instead of provoking more."),
}


def _pick(patterns: Sequence[tuple[re.Pattern[str], str]], text: str, default: str) -> str:
    for pattern, phrase in patterns:
        if pattern.search(text):
            return phrase
    return default


def simple_reflection(patient_line: str) -> str:
    """A simple reflection of the patient's line: their words, turned to the second person."""
    clause = mirror_clause(patient_line)
    if not clause:
        return _GENERIC_REFLECTION + "."
    if _speaks_to_patient(clause) or clause.lower().startswith("so "):
        return _capitalise(clause) + "."
    return f"So {clause}."


def _speaks_to_patient(clause: str) -> bool:
    return clause.lower().startswith(("you ", "you're ", "you've ", "you'd ", "you'll "))


def complex_reflection(patient_line: str) -> str:
    """A complex reflection: the patient's words plus the meaning or feeling beneath them."""
    clause = mirror_clause(patient_line)
    if not clause:
        return _GENERIC_REFLECTION + "."
    meaning = _pick(_MEANINGS, clause, "") or _pick(_MEANINGS, patient_line, _DEFAULT_MEANING)
    if _speaks_to_patient(clause):
        return f"{_capitalise(clause)}, and {meaning}."
    return f"It sounds like {clause}, and {meaning}."


def _closed_runs(turns: Sequence[TurnFacts]) -> list[int]:
    runs: list[int] = []
    run = 0
    for fact in turns:
        run = run + 1 if fact.code == Code.QUESTION_CLOSED.value else 0
        runs.append(run)
    return runs


def what_went_wrong(fact: TurnFacts, closed_run: int) -> str:
    """The main fault of a turn, which decides the kind of alternative."""
    if fact.move == "label":
        return "label"
    if fact.code == Code.CONFRONT.value or fact.move == "confront":
        return "confront"
    if fact.code == Code.PERSUADE.value or fact.move == "persuade":
        return "persuade"
    if closed_run >= 2 or fact.move == "interrogation":
        return "closed_run"
    if fact.early_evoking:
        return "early_evoking"
    return "other"


def alternative_for(fact: TurnFacts, closed_run: int = 0) -> tuple[str, str, str]:
    """(alternative line, kind, why it is MI-consistent), built from `fact.patient_before`."""
    fault = what_went_wrong(fact, closed_run)
    before = fact.patient_before
    if fault == "label":
        line = (f"{complex_reflection(before)} You know your body best, and it's up to you "
                "what we look at next.")
        kind = "reflection_and_autonomy"
    elif fault == "confront":
        line = f"{complex_reflection(before)} It's your call what, if anything, you do about it."
        kind = "reflection_and_autonomy"
    elif fault == "persuade":
        line = (f"{simple_reflection(before)} Would it be okay if I shared something that has "
                "helped other people in a similar spot? You can tell me if it doesn't fit.")
        kind = "reflection_then_permission"
    elif fault == "closed_run":
        question = _pick(_OPEN_QUESTIONS, before, _DEFAULT_OPEN)
        line = f"{simple_reflection(before)} {question}"
        kind = "reflection_and_open_question"
    elif fault == "early_evoking":
        line = complex_reflection(before)
        kind = "reflection"
    else:
        line = (f"{complex_reflection(before)} Would it be okay if we looked at what's been "
                "happening together?")
        kind = "reflection_and_question"
    return _finish(line), kind, EXPLANATIONS[kind]


def _finish(line: str) -> str:
    line = " ".join(line.split())
    if not line:
        line = _GENERIC_REFLECTION
    return line if line[-1] in ".?!" else line + "."


# --------------------------------------------------------------------------------------------
# Harm

LABEL_WEIGHT = 0.30
CONFRONT_WEIGHT = 0.25
PERSUADE_WEIGHT = 0.20
SUSTAIN_WEIGHT = 0.15
CLOSED_RUN_STEP = 0.10
CLOSED_RUN_CAP = 0.30
EARLY_EVOKING_WEIGHT = 0.10
WALKOUT_WEIGHT = 0.30
READINESS_FACTOR = 2.0


def harm_of(fact: TurnFacts, closed_run: int = 0) -> float:
    """How much a turn hurt the conversation (see the module docstring for the formula)."""
    harm = max(0.0, fact.delta("discord"))
    harm += max(0.0, -fact.delta("rapport"))
    harm += READINESS_FACTOR * max(0.0, -fact.delta("readiness"))
    if fact.talk == Talk.SUSTAIN.value:
        harm += SUSTAIN_WEIGHT
    if fact.move == "label":
        harm += LABEL_WEIGHT
    elif fact.code == Code.CONFRONT.value:
        harm += CONFRONT_WEIGHT
    elif fact.code == Code.PERSUADE.value:
        harm += PERSUADE_WEIGHT
    if closed_run >= 2:
        harm += min(CLOSED_RUN_CAP, CLOSED_RUN_STEP * (closed_run - 1))
    if fact.early_evoking:
        harm += EARLY_EVOKING_WEIGHT
    if fact.ended:
        harm += WALKOUT_WEIGHT
    return harm


def what_happened(fact: TurnFacts, closed_run: int = 0) -> str:
    """The consequences of a turn in words."""
    parts: list[str] = []
    for name in ("discord", "rapport", "readiness"):
        before, after = fact.value(name, before=True), fact.value(name)
        if before is None or after is None or f"{before:.2f}" == f"{after:.2f}":
            continue
        verb = "rose" if after > before else "fell"
        parts.append(f"{name} {verb} from {before:.2f} to {after:.2f}")
    if fact.talk == Talk.SUSTAIN.value:
        parts.append("the patient answered with sustain talk")
    elif fact.talk == Talk.CHANGE.value:
        parts.append("the patient answered with change talk")
    if closed_run >= 2:
        parts.append(f"it was closed question number {closed_run} in a row")
    if fact.move == "label":
        parts.append("the patient heard the problem labelled as psychological")
    if fact.early_evoking:
        parts.append("the evoking question came before there was enough rapport")
    if fact.ended:
        parts.append("the patient walked out")
    if not parts:
        parts.append(f"the line was coded {fact.code.replace('_', ' ')}, which tends to build "
                     "discord over a conversation")
    return _capitalise("; ".join(parts)) + "."


_NON_ADHERENT: Final = frozenset(c.value for c in MI_NON_ADHERENT)


def _guessed_harm(fact: TurnFacts) -> bool:
    """A confront or persuade the coder was unsure of: for the supervisor, not a moment."""
    return guessed(fact.confidence) and fact.code in _NON_ADHERENT


def worst_moments(turns: Sequence[TurnFacts], limit: int = 3) -> tuple[Moment, ...]:
    """The `limit` turns with the highest harm above zero, worst first."""
    runs = _closed_runs(turns)
    scored = [(harm_of(fact, run), index, fact, run)
              for index, (fact, run) in enumerate(zip(turns, runs, strict=True))]
    ranked = sorted((s for s in scored if s[0] > 1e-9 and not _guessed_harm(s[2])),
                    key=lambda s: (-s[0], s[1]))
    moments = []
    for harm, _, fact, run in ranked[:limit]:
        alternative, kind, explanation = alternative_for(fact, run)
        moments.append(Moment(
            turn=fact.turn, clinician=fact.clinician, code=fact.code, why=fact.why,
            patient_before=fact.patient_before, patient=fact.patient, talk=fact.talk,
            harm=harm, what_happened=what_happened(fact, run), alternative=alternative,
            alternative_kind=kind, explanation=explanation))
    return tuple(moments)


# --------------------------------------------------------------------------------------------
# What went well: the MI-consistent turns the patient moved most on, mirror of the moments
# that hurt. help = fall in discord + rise in rapport + 2 × rise in readiness + 0.15 when the
# patient answered with change talk; only codes in WHY_IT_WORKED count, and never one the coder
# was unsure of.

CHANGE_WEIGHT = 0.15
WHY_IT_WORKED: Final = {
    Code.REFLECTION_COMPLEX.value: "A complex reflection: you said back the meaning under the "
    "patient's words, so they felt understood and went further.",
    Code.REFLECTION_SIMPLE.value: "A reflection: you said back what you heard, so the patient "
    "knew you were listening and kept talking.",
    Code.AFFIRM.value: "An affirmation: you named a strength or an effort of theirs, which makes "
    "change feel more possible.",
    Code.EMPHASIZE_AUTONOMY.value: "You left the choice with the patient, so there was nothing "
    "to push back against.",
    Code.SEEK_COLLABORATION.value: "You asked before going ahead, so the patient stayed in charge "
    "of the conversation.",
    Code.QUESTION_OPEN.value: "An open question: the patient could answer in their own words "
    "and tell you what matters to them.",
    Code.PERSUADE_WITH_PERMISSION.value: "You asked before you advised, so the information was "
    "invited rather than imposed.",
    "move:double_sided": "A double-sided reflection: you held both sides of their mixed "
    "feelings, so they did not have to defend either one.",
    "move:evoke": "An evoking question: you asked about their own reasons for change, so the "
    "arguments for it came from them.",
}


def help_of(fact: TurnFacts) -> float:
    """How much a turn helped the conversation (see above)."""
    gain = max(0.0, -fact.delta("discord")) + max(0.0, fact.delta("rapport"))
    gain += READINESS_FACTOR * max(0.0, fact.delta("readiness"))
    return gain + (CHANGE_WEIGHT if fact.talk == Talk.CHANGE.value else 0.0)


def best_moments(turns: Sequence[TurnFacts], limit: int = 3) -> tuple[Highlight, ...]:
    """The `limit` MI-consistent turns that helped most (help above zero), best first; ties go
    to the earlier turn."""
    scored = [(help_of(t), t.turn, t) for t in turns
              if t.code in WHY_IT_WORKED and not guessed(t.confidence)]
    ranked = sorted((s for s in scored if s[0] > 1e-9), key=lambda s: (-s[0], s[1]))
    return tuple(Highlight(turn=t.turn, clinician=t.clinician, code=t.code, patient=t.patient,
                           talk=t.talk, help=h, what_happened=what_happened(t),
                           why_it_worked=WHY_IT_WORKED.get(f"move:{t.move}",
                                                           WHY_IT_WORKED[t.code]))
                 for h, _, t in ranked[:limit])


# --------------------------------------------------------------------------------------------
# Building the report


def _safe_code(code: str) -> str:
    return code if code in Code._value2member_map_ else Code.OTHER.value


def _safe_talk(talk: str) -> str:
    return talk if talk in Talk._value2member_map_ else Talk.NEUTRAL.value


def talk_progress(turns: Sequence[TurnFacts]) -> TalkProgress:
    talks = [_safe_talk(t.talk) for t in turns]
    seen: dict[str, SubtypeSeen] = {}
    first_change = first_cat = None
    for fact, talk in zip(turns, talks, strict=True):
        if talk != Talk.CHANGE.value:
            continue
        first_change = fact.turn if first_change is None else first_change
        subtype = (fact.subtype or "").lower()
        if subtype in _DARN_VALUES or subtype in _CAT_VALUES:
            stage = "mobilising" if subtype in _CAT_VALUES else "preparatory"
            seen.setdefault(subtype, SubtypeSeen(subtype, fact.turn, stage))
            if stage == "mobilising" and first_cat is None:
                first_cat = fact.turn
    return TalkProgress(
        change=talks.count(Talk.CHANGE.value), sustain=talks.count(Talk.SUSTAIN.value),
        neutral=talks.count(Talk.NEUTRAL.value),
        subtypes=tuple(sorted(seen.values(), key=lambda s: (s.first_turn, s.subtype))),
        first_change_turn=first_change, first_cat_turn=first_cat)


def trajectory(turns: Sequence[TurnFacts],
               start: Mapping[str, Any] | None = None) -> tuple[TrajectoryPoint, ...]:
    """Turn 0 (the start state) then the state after each turn."""
    start_state = start if start is not None else (turns[0].state_before if turns else None)
    points: list[TrajectoryPoint] = []
    if start_state:
        points.append(TrajectoryPoint(0, *(_number(start_state.get(n)) for n in PUBLIC)))
    for fact in turns:
        points.append(TrajectoryPoint(fact.turn, *(fact.value(n) for n in PUBLIC),
                                      clinician=fact.clinician))
    return tuple(points)


def build_feedback(turns: Iterable[TurnFacts],
                   start: Mapping[str, Any] | None = None) -> Feedback:
    """The report for a conversation; `start` overrides turn 1's `state_before` as turn 0."""
    ordered = sorted(turns, key=lambda t: t.turn)
    summary = summarize((_safe_code(t.code) for t in ordered),
                        (_safe_talk(t.talk) for t in ordered))
    runs = _closed_runs(ordered)
    return Feedback(
        turns=len(ordered),
        summary=summary,
        sentences=tuple(describe(summary)),
        talk=talk_progress(ordered),
        trajectory=trajectory(ordered, start),
        worst=worst_moments(ordered),
        walked_out=any(t.ended for t in ordered),
        longest_closed_run=max(runs, default=0),
        unsure=tuple(t.turn for t in ordered if guessed(t.confidence)),
        went_well=best_moments(ordered),
    )


# --------------------------------------------------------------------------------------------
# The headline

_SEVERITY = {Level.BELOW_FAIR: 2, Level.FAIR: 1, Level.GOOD: 0, Level.NOT_APPLICABLE: 0}

NEXT_TIME = {
    "non_adherent": ("Next time, when you feel the urge to correct, warn or advise, reflect what "
                     "the patient just said and ask permission before offering anything."),
    "r_to_q": ("Next time, aim for two reflections for every question: before you ask the next "
               "thing, say back what you just heard."),
    "no_reflections": ("Next time, try reflecting: say back, in your own words, what the patient "
                       "has just told you before you ask anything else."),
    "pct_complex": ("Next time, add meaning to your reflections: name the feeling or the value "
                    "beneath what the patient says, not only the facts."),
    "closed_run": ("Next time, swap a run of closed questions for one open question, such as "
                   "\"What has that been like for you?\"."),
    "sustain": ("Next time, when the patient argues for the status quo, reflect it (even both "
                "sides of it) rather than arguing back."),
    "evoke": ("Next time, once rapport is there, ask an evoking question about what matters to "
              "the patient, such as what they would like to be different."),
}


def weakest_area(feedback: Feedback) -> str:
    """The key in `NEXT_TIME` for the one thing to work on; the most severe wins, ties go to the
    first in order non-adherent, reflections/questions, complex reflections, closed runs,
    sustain talk, evoking."""
    s = feedback.summary
    candidates: list[tuple[int, str]] = []
    if s.non_adherent:
        candidates.append((2 if s.non_adherent >= 2 or s.non_adherent * 5 >= feedback.turns
                           else 1, "non_adherent"))
    if not s.reflections:
        candidates.append((2, "no_reflections"))
    else:
        candidates.append((_SEVERITY[s.r_to_q_level], "r_to_q"))
        candidates.append((_SEVERITY[s.pct_complex_level], "pct_complex"))
    if feedback.longest_closed_run >= 3:
        candidates.append((1, "closed_run"))
    if s.sustain_talk > s.change_talk:
        candidates.append((1, "sustain"))
    candidates.append((0, "evoke"))
    best = max(candidates, key=lambda c: c[0])[0]
    return next(key for severity, key in candidates if severity == best)


def _encouragement(feedback: Feedback) -> str:
    s, talk = feedback.summary, feedback.talk
    if feedback.turns == 0:
        return "You opened a session with a patient who doesn't want to be here; that's a start."
    if talk.first_cat_turn is not None:
        return (f"Well done: by turn {talk.first_cat_turn} the patient was talking about taking "
                "a step, which is what good MI makes possible.")
    if s.change_talk > s.sustain_talk:
        return ("Well done: the patient gave more change talk than sustain talk, a sign they "
                "felt heard.")
    if s.reflections >= 2 and s.r_to_q_level is Level.GOOD:
        return ("Your reflections were a real strength in this conversation; that is the core "
                "skill of MI.")
    if s.complex_reflections and s.pct_complex_level is Level.GOOD:
        return ("When you reflected, you added meaning to what the patient said, which is what "
                "lands with a reluctant patient.")
    if s.adherent:
        return (f"You used {s.adherent} MI-adherent move{'s' if s.adherent != 1 else ''} "
                "(affirming, seeking collaboration or emphasising autonomy), which reluctant "
                "patients notice.")
    if feedback.walked_out:
        return ("This patient walked out, which happens to everyone practising with reluctant "
                "patients; the report below shows where it turned.")
    return ("You stayed with a patient who doubts this is the right place for them, which is "
            "hard work.")


def overall_message(feedback: Feedback) -> str:
    """Two or three sentences: encouragement, where things stand, and one thing to try next."""
    sentences = [_encouragement(feedback)]
    final, first = feedback.final, feedback.trajectory[0] if feedback.trajectory else None
    if (final and first and final.turn > 0 and final.readiness is not None
            and first.readiness is not None):
        if final.readiness > first.readiness + 0.005:
            sentences.append(f"Readiness rose from {first.readiness:.2f} to "
                             f"{final.readiness:.2f} over {feedback.turns} turns.")
        elif final.readiness < first.readiness - 0.005:
            sentences.append(f"Readiness fell from {first.readiness:.2f} to "
                             f"{final.readiness:.2f}; the moments below show where.")
    sentences.append(NEXT_TIME[weakest_area(feedback)])
    return " ".join(sentences)
