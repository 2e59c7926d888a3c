"""One clinician turn, as a readable pipeline: code → perceive → update → reply → remember → trace.

    state = start_state(persona, "standard", seed=7)
    result = take_turn(persona, state, "It sounds like the attacks scare you.")
    result.reply_text, result.talk, result.state.readiness, result.trace

Pure: no I/O, no clock, no global randomness. The same persona, state and line always give the
same result, so a transcript replays exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.coding import Coding, ContextLine
from mi_sim.engine.dynamics import Change, Event, update_state
from mi_sim.engine.index import index_for
from mi_sim.engine.memory import remember
from mi_sim.engine.perception import Reading, perceive
from mi_sim.engine.persona import OPENING_SLOT, Persona, Reply
from mi_sim.engine.plain_text import TextProblem, checked, is_blank
from mi_sim.engine.reading import echoed_step
from mi_sim.engine.responder import Choice, choose_reply
from mi_sim.engine.state import State, start_state
from mi_sim.engine.vocabulary import Subtype, Talk

MAX_UTTERANCE = 2000


class UtteranceError(ValueError):
    """A clinician line the engine will not take, with a message for the user."""


class SessionEnded(ValueError):
    """The patient has already ended this conversation."""


def check_utterance(text: str) -> str:
    """The line, stripped; an `UtteranceError` that says what is wrong otherwise."""
    if not isinstance(text, str):
        raise UtteranceError("the line must be text")
    if is_blank(text):  # NUL and zero-width characters alone are nothing said
        raise UtteranceError("the line is empty: type what you would say to the patient")
    try:
        stripped = checked(text, "line").strip()
    except TextProblem as exc:
        raise UtteranceError(str(exc)) from None
    if len(stripped) > MAX_UTTERANCE:
        raise UtteranceError(
            f"the line is {len(stripped)} characters long; the limit is {MAX_UTTERANCE}")
    return stripped


@dataclass(frozen=True, slots=True)
class Trace:
    """Why the patient answered as they did: every step's decision and every change."""

    coding: Coding
    move: str
    rule: str
    topics: tuple[str, ...]
    changes: tuple[Change, ...]
    event: Event | None
    source: str
    reply_id: str
    wanted_talk: Talk
    repeated: bool
    understanding: dict[str, object] | None = None  # schema 2: form, fact, rule, memory

    def to_dict(self) -> dict[str, object]:
        out = {
            "code": self.coding.code.value,
            "code_rule": self.coding.rule,
            "confidence": self.coding.confidence,
            "why": self.coding.why,
            "flags": sorted(self.coding.flags),
            "segments": [{"text": s.text, "code": s.code.value, "why": s.why, "rule": s.rule}
                         for s in self.coding.segments],
            "move": self.move,
            "rule": self.rule,
            "topics": list(self.topics),
            "changes": [{"variable": c.variable, "before": round(c.before, 4),
                         "after": round(c.after, 4), "reason": c.reason} for c in self.changes],
            "event": None if self.event is None else {"kind": self.event.kind,
                                                      "name": self.event.name},
            "source": self.source,
            "reply_id": self.reply_id,
            "wanted_talk": self.wanted_talk.value,
            "repeated": self.repeated,
        }
        if self.understanding is not None:
            out["understanding"] = self.understanding
        return out


@dataclass(frozen=True, slots=True)
class TurnResult:
    """The outcome of one clinician turn."""

    clinician: str
    reply: Reply
    reply_text: str
    cue: str | None
    state: State
    trace: Trace

    @property
    def code(self) -> str:
        return self.trace.coding.code.value

    @property
    def talk(self) -> Talk:
        return self.reply.talk

    @property
    def subtype(self) -> Subtype | None:
        return self.reply.subtype

    @property
    def ended(self) -> bool:
        return self.state.ended


def context_of(state: State) -> tuple[ContextLine, ...]:
    return (ContextLine("patient", state.last_patient),) if state.last_patient else ()


def take_turn(persona: Persona, state: State, text: str) -> TurnResult:
    """Play one clinician line against the patient and return the reply, new state and trace."""
    if state.ended:
        raise SessionEnded("the patient has ended this session")
    line = check_utterance(text)
    params = persona.parameters_for(state.level)
    index = index_for(persona)

    coding = code_utterance(line, context_of(state))
    reading: Reading = perceive(index, params, state, coding, persona)
    update = update_state(persona, params, state, reading)
    choice: Choice = choose_reply(persona, index, params, update.state, reading, update.event)

    asked = reading.ask.focus if reading.ask is not None and reading.ask.focus else line
    reply_text = say(persona, choice.entry.reply.text, choice.slots, choice.again, asked)
    if choice.before is not None:
        reply_text = _gist(persona.fill(choice.before.reply.text)) + " " + reply_text
    if choice.correction:
        reply_text = choice.correction + " " + reply_text
    final = update.state.evolve(used=(*update.state.used, choice.entry.id),
                                last_patient=reply_text)
    understanding = None
    if reading.ask is not None:
        final, memory = remember(final, choice, reading)
        understanding = {
            "ask": reading.ask.to_dict(),
            "fact": None if reading.fact is None else {
                "fact": reading.fact.fact, "kind": reading.fact.kind, "why": reading.fact.why},
            "also": None if choice.before is None else choice.before.id,
            "set_aside": list(reading.set_aside),
            "correction": reading.correction,
            "plan": None if reading.plan is None else {"step": reading.plan[0],
                                                       "aspect": reading.plan[1].value},
            "answer_rule": choice.rule,
            "notes": list(choice.notes),
            "memory": list(memory),
        }
    trace = Trace(coding, reading.move.value, reading.rule, tuple(sorted(reading.topics)),
                  update.changes, update.event, choice.source, choice.entry.id, choice.wanted,
                  choice.repeated, understanding)
    cue = say(persona, choice.entry.reply.cue, choice.slots) if choice.entry.reply.cue else None
    return TurnResult(line, choice.entry.reply, reply_text, cue, final, trace)


def say(persona: Persona, text: str, slots: tuple[tuple[str, str], ...] = (),
        again: str = "", asked: str = "") -> str:
    """A reply's text as spoken: line slots (`{step}`, `{option}`, `{echo}`), then facts, after
    the lead-in of a fact told again ("Like I said, …")."""
    if slots:
        slots = tuple((name, echoed_step(value) if name == "step" else value)
                      for name, value in slots)  # said back short, or not said back at all
        slots = tuple((name, value) for name, value in slots if value)
    if slots:
        names = persona.proper_names()
        slots = tuple((name, re.sub(r"[a-z][a-z'-]*", lambda m: _capitalised(m.group(), names),
                                    value)) for name, value in slots)
    for name, value in slots:
        text = text.replace("{" + name + "}", value)
    opening = OPENING_SLOT.match(text)
    if opening is not None:  # an opening echo with nothing to echo is left out
        text = text[opening.end():]
    starts_with_slot = text.startswith("{")
    text = persona.fill(text)
    if slots or opening is not None or starts_with_slot:
        text = text[:1].upper() + text[1:]
    if again:
        text = _gist(text, asked)
        first = text.split(" ", 1)[0]
        word = first.strip(".,!?:;").removesuffix("'s")
        keep = first == "I" or first.startswith("I'") or word in persona.names() or (
            word in persona.capitalised_midline())
        text = persona.fill(again).rstrip() + " " + (text if keep else text[:1].lower() + text[1:])
    return text


_SENTENCES: Final = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
_WHY_ASK: Final = re.compile(r"^(?:why|why do you ask|why's that|why does it matter)\?$", re.I)


def _gist(text: str, asked: str = "") -> str:
    """What a fact comes to when told again: the sentence that shares most words with what is
    asked now ("what time of day? do they build up later?" -> "…builds through the afternoon"),
    else its first sentences up to about eight words; never the guarded "Why?" it was first
    asked with."""
    sentences = _SENTENCES.split(text)
    if _ASKS_AMOUNT.match(asked.lower()) and len(sentences) > 1:  # "how long have you been
        counted = next((s for s in sentences if _AMOUNT.search(s)), None)  # there?": the
        if counted is not None:  # sentence with the number ("…twenty-three years there")
            return counted
    wanted = _stems(asked)
    if wanted and len(sentences) > 1:
        shared = [(len(wanted & _stems(s)), -i, s) for i, s in enumerate(sentences)
                  if not _WHY_ASK.match(s)]
        best = max(shared, default=(0, 0, ""))
        if best[0] >= 1:
            return best[2]
    kept: list[str] = []
    for sentence in sentences:
        if _WHY_ASK.match(sentence) or (kept and sum(len(k.split()) for k in kept) >= 8):
            break
        kept.append(sentence)
    return " ".join(kept) or text


_ASKS_AMOUNT: Final = re.compile(r"^(?:\w+,? )?(?:how (?:long|many|often|old|much)|when)\b")
_AMOUNT: Final = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty)(?:-\w+)? (?:years?|months?|weeks?|days?|hours?|minutes?|times?)\b|"
    r"\bsince \w+")
_STOP: Final = frozenset({
    "the", "and", "that", "this", "with", "have", "what", "when", "where", "your", "does",
    "they", "them", "their", "there", "then", "about", "from", "just", "like", "more", "some",
    "been", "were", "will", "would", "could", "into", "much", "many", "time"})


def _stems(text: str) -> frozenset[str]:
    """Content words of `text`, cut to five letters ("builds", "build up" share "build")."""
    return frozenset(_SAME.get(w, w)[:5] for w in re.findall(r"[a-z]{3,}", text.lower())
                     if w not in _STOP and (len(w) >= 4 or w in _SAME))


# Words that ask for the same thing in another form: "what did you tell him?" is answered by
# the sentence with "I said it was itchy".
_SAME: Final = {"tell": "said", "told": "said", "say": "said", "says": "said", "saying": "said"}


def _capitalised(word: str, names: frozenset[str]) -> str:
    """A word of the clinician's, as the persona writes it ("helen's" → "Helen's", "i" → "I")."""
    if word == "i" or word.startswith("i'"):
        return "I" + word[1:]
    base = word.removesuffix("'s")
    return base.capitalize() + word[len(base):] if base.capitalize() in names else word


def open_session(persona: Persona, level: str | None = None, seed: int = 0) -> tuple[State, str]:
    """The starting state and the patient's opening line."""
    state = start_state(persona, level, seed)
    return state, state.last_patient
