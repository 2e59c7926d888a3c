"""How a clinician turn moves the patient's inner state, with a reason for every change.

Order per turn: the move's effect (scaled by the level; halved when the coder marked its code a
guess), affects (decay, triggers, soothers, their
pull on the public variables), discord decay, mistrust's ceiling on rapport, counters, and then at
most one event: walk-out > commitment > disclosure of a hidden concern > a value discovered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mi_sim.engine.perception import Reading
from mi_sim.engine.persona import Concern, EffectRow, Move, Parameters, Persona
from mi_sim.engine.planning import offered_by_them
from mi_sim.engine.reading import Form
from mi_sim.engine.state import State, clamp
from mi_sim.engine.vocabulary import Code

PUBLIC = ("rapport", "discord", "importance", "confidence")

DEFAULT_EFFECTS: dict[Move, EffectRow] = {
    Move.QUESTION_OPEN: EffectRow(rapport=0.03, discord=-0.02, importance=0.01),
    Move.QUESTION_CLOSED: EffectRow(discord=0.01),
    Move.REFLECTION_SIMPLE: EffectRow(rapport=0.04, discord=-0.03),
    Move.REFLECTION_COMPLEX: EffectRow(rapport=0.07, discord=-0.06, importance=0.03,
                                       confidence=0.01),
    Move.DOUBLE_SIDED: EffectRow(rapport=0.07, discord=-0.08, importance=0.05, confidence=0.02),
    Move.AFFIRM: EffectRow(rapport=0.05, discord=-0.03, confidence=0.06),
    Move.SEEK_COLLABORATION: EffectRow(rapport=0.05, discord=-0.04, confidence=0.03),
    Move.EMPHASIZE_AUTONOMY: EffectRow(rapport=0.04, discord=-0.07, confidence=0.04),
    Move.EVOKE: EffectRow(rapport=0.02, importance=0.07, confidence=0.03),
    Move.GIVING_INFORMATION: EffectRow(discord=0.01, importance=0.01),
    Move.PERSUADE_WITH_PERMISSION: EffectRow(importance=0.03, confidence=0.01),
    Move.PERSUADE: EffectRow(rapport=-0.04, discord=0.12, importance=-0.02, mistrust=0.03),
    Move.CONFRONT: EffectRow(rapport=-0.08, discord=0.18, confidence=-0.03, mistrust=0.06),
    Move.LABEL: EffectRow(rapport=-0.1, discord=0.22, importance=-0.04, mistrust=0.08),
    Move.INTERROGATION: EffectRow(rapport=-0.03, discord=0.07),
    Move.FACILITATE: EffectRow(),
    Move.OTHER: EffectRow(),
}
EARLY_EVOKING = EffectRow(discord=0.03)
UNSURE_EFFECT = 0.5  # a code below `coding.UNSURE_BELOW` moves the state half as far
COMMITMENT_ACCEPTED = EffectRow(confidence=0.05, importance=0.02)
COMMITMENT_DECLINED = EffectRow(discord=0.02)

# Forms on which a patient may tell something new (schema 2): not a fact question, a proposal,
# a permission request or a social nicety.
DISCLOSING = frozenset({Form.STATEMENT, Form.WH, Form.FUTURE, Form.INVITE, Form.SUMMARY,
                        Form.CHECK})

EventKind = Literal["walkout", "accept", "decline", "disclose", "value"]


@dataclass(frozen=True, slots=True)
class Change:
    """One variable moved, and why."""

    variable: str
    before: float
    after: float
    reason: str


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened this turn beyond the move itself; it decides the reply's source."""

    kind: EventKind
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Update:
    state: State
    changes: tuple[Change, ...]
    event: Event | None


class _Ledger:
    """Mutable working copy of the numbers for one turn, recording every change."""

    def __init__(self, state: State, params: Parameters) -> None:
        self.values = {name: getattr(state, name) for name in (*PUBLIC, "mistrust")}
        self.affects = dict(state.affects)
        self.params = params
        self.changes: list[Change] = []

    def add(self, variable: str, delta: float, reason: str, *, scaled: bool = True) -> None:
        if delta == 0.0:
            return
        if scaled:
            delta = self._scale(variable, delta)
        before = self.values[variable]
        after = clamp(before + delta)
        if variable == "mistrust":
            after = max(before, after)  # mistrust ratchets: it never falls
        if after != before:
            self.values[variable] = after
            self.changes.append(Change(variable, before, after, reason))

    def _scale(self, variable: str, delta: float) -> float:
        p = self.params
        good = delta < 0 if variable == "discord" else delta > 0
        if variable == "mistrust":
            return delta * p.punish_scale if delta > 0 else 0.0
        scaled = delta * (p.reward_scale if good else p.punish_scale)
        if variable == "rapport" and delta > 0:
            scaled *= 1.0 - p.mistrust_drag * self.values["mistrust"]
        if variable in ("importance", "confidence") and delta > 0:
            scaled *= 1.0 - 0.6 * self.values[variable]  # diminishing returns near the top
        return scaled

    def apply_row(self, row: EffectRow, reason: str) -> None:
        for variable in (*PUBLIC, "mistrust"):
            self.add(variable, getattr(row, variable), reason)

    def set_affect(self, name: str, after: float, reason: str) -> None:
        before = self.affects.get(name, 0.0)
        after = clamp(after)
        if after != before:
            self.affects[name] = after
            self.changes.append(Change(f"affect.{name}", before, after, reason))


def effect_of(persona: Persona, move: Move) -> EffectRow:
    return persona.effects.get(move) or DEFAULT_EFFECTS.get(move, EffectRow())


def _damped(row: EffectRow) -> EffectRow:
    """A move's effect at `UNSURE_EFFECT` strength, for a code the coder is unsure of."""
    return row.model_copy(update={name: value * UNSURE_EFFECT
                                  for name, value in row.model_dump().items()})


def _affect_keys(reading: Reading) -> set[str]:
    keys = {reading.move.value, reading.coding.code.value}
    keys.update(f"topic:{topic}" for topic in reading.topics)
    return keys


def _run_affects(persona: Persona, ledger: _Ledger, reading: Reading) -> None:
    keys = _affect_keys(reading)
    for affect in persona.affects:
        level = ledger.affects.get(affect.name, affect.start)
        decayed = level * (1.0 - affect.decay)
        ledger.set_affect(affect.name, decayed, "decays each turn")
        for key in sorted(keys):
            if key in affect.triggers:
                ledger.set_affect(affect.name, ledger.affects[affect.name] + affect.triggers[key],
                                  f"triggered by {key}")
            if key in affect.soothers:
                ledger.set_affect(affect.name, ledger.affects[affect.name] - affect.soothers[key],
                                  f"soothed by {key}")
        level = ledger.affects.get(affect.name, decayed)
        for variable, weight in affect.effects.items():
            if variable in PUBLIC:
                ledger.add(variable, level * weight, f"{affect.name} at {level:.2f}")


def _choose_event(persona: Persona, params: Parameters, state: State, ledger: _Ledger,
                  reading: Reading, high_run: int, good_turns: int) -> Event | None:
    if high_run >= params.walkout_turns:
        return Event("walkout")
    if reading.commitment and reading.commitment not in state.commitments:
        commitment = next(c for c in persona.commitments if c.name == reading.commitment)
        readiness = ledger.values["importance"] * ledger.values["confidence"]
        if (readiness >= commitment.min_readiness or offered_by_them(state, commitment.name)) and (
                not reading.pushy):  # (a step they offered themselves is taken up, not weighed
            return Event("accept", commitment.name)  # afresh: "Which night would you try it?")
        return Event("decline", commitment.name)
    if reading.ask is not None and reading.ask.rule == "key_question" and not reading.pushy:
        readiness = ledger.values["importance"] * ledger.values["confidence"]
        ready = [c for c in persona.commitments if c.name not in state.commitments
                 and readiness >= c.min_readiness]  # "what, if anything, will you do?": the
        if ready:  # easiest step the patient is ready for, said as their own
            return Event("accept", min(ready, key=lambda c: c.min_readiness).name)
    if reading.values_asked and reading.values[0] not in state.values_found:
        return Event("value", reading.values[0])  # "who are the people who matter most to you?"
    if reading.ask is not None:
        private = _private_concern(persona, reading)
        if private is not None and private.name not in state.disclosed:
            if _gate_open(private, ledger, good_turns):
                return Event("disclose", private.name)
            return None
        if reading.fact is not None or reading.ask.form not in DISCLOSING:
            return None
    if reading.inviting:
        for concern in persona.concerns:
            if concern.name in state.disclosed:
                continue
            gate = concern.unlock
            if _gate_open(concern, ledger, good_turns) and (
                    not gate.topics or reading.topics.intersection(gate.topics)):
                return Event("disclose", concern.name)
        summing_up = reading.ask is not None and reading.ask.form in (Form.SUMMARY, Form.CHECK)
        for value in () if summing_up else reading.values:  # a summary is confirmed, not capped
            if value not in state.values_found:
                return Event("value", value)
    return None


def _gate_open(concern: Concern, ledger: _Ledger, good_turns: int) -> bool:
    gate = concern.unlock
    return (ledger.values["rapport"] >= gate.rapport
            and ledger.values["discord"] <= gate.max_discord
            and good_turns >= gate.good_turns)


def _private_concern(persona: Persona, reading: Reading) -> Concern | None:
    """The concern behind a private fact the line asks about."""
    if reading.fact is None or reading.fact.fact is None:
        return None
    fact = persona.fact(reading.fact.fact)
    if fact is None or fact.private is None:
        return None
    return next((c for c in persona.concerns if c.name == fact.private), None)


def _apply_event(persona: Persona, ledger: _Ledger, event: Event) -> None:
    if event.kind == "accept":
        ledger.apply_row(COMMITMENT_ACCEPTED, f"agreed to {event.name}")
    elif event.kind == "decline":
        ledger.apply_row(COMMITMENT_DECLINED, f"not ready for {event.name}")
    elif event.kind == "disclose":
        concern = next(c for c in persona.concerns if c.name == event.name)
        for variable, delta in concern.effects.items():
            if variable in PUBLIC:
                ledger.add(variable, delta, f"disclosed {concern.name}")
    elif event.kind == "value":
        value = next(v for v in persona.values if v.name == event.name)
        ledger.add("importance", value.importance, f"talked about what matters: {value.name}")


def _record(names: tuple[str, ...], event: Event | None, kind: EventKind) -> tuple[str, ...]:
    if event is not None and event.kind == kind and event.name and event.name not in names:
        return (*names, event.name)
    return names


def update_state(persona: Persona, params: Parameters, state: State, reading: Reading) -> Update:
    """The state after this turn, the list of changes with reasons, and the turn's event."""
    ledger = _Ledger(state, params)
    row, reason = effect_of(persona, reading.move), reading.rule
    if reading.coding.unsure:
        row, reason = _damped(row), reason + " (a guess by the coder: half the effect)"
    ledger.apply_row(row, reason)
    if reading.early_evoking:
        ledger.apply_row(EARLY_EVOKING, "asked for change before trust was there")
    _run_affects(persona, ledger, reading)
    decay = ledger.values["discord"] * params.discord_decay
    ledger.add("discord", -decay, "discord settles a little each turn", scaled=False)

    closed_run = state.closed_run + 1 if reading.coding.code is Code.QUESTION_CLOSED else 0
    good_turns = state.good_turns + (1 if reading.empathic else 0)
    high = ledger.values["discord"] >= params.walkout_discord
    high_run = state.high_discord_run + 1 if high else 0
    event = _choose_event(persona, params, state, ledger, reading, high_run, good_turns)
    if event is not None:
        _apply_event(persona, ledger, event)
    ceiling = 1.0 - ledger.values["mistrust"]
    if ledger.values["rapport"] > ceiling:
        ledger.add("rapport", ceiling - ledger.values["rapport"], "mistrust caps rapport",
                   scaled=False)

    new_state = state.evolve(
        rapport=ledger.values["rapport"],
        discord=ledger.values["discord"],
        importance=ledger.values["importance"],
        confidence=ledger.values["confidence"],
        mistrust=ledger.values["mistrust"],
        affects=ledger.affects,
        turn=state.turn + 1,
        good_turns=good_turns,
        closed_run=closed_run,
        high_discord_run=high_run,
        disclosed=_record(state.disclosed, event, "disclose"),
        values_found=_record(state.values_found, event, "value"),
        commitments=_record(state.commitments, event, "accept"),
        declined=_record(state.declined, event, "decline"),
        ended=event is not None and event.kind == "walkout",
        end_reason="walkout" if event is not None and event.kind == "walkout" else None,
    )
    return Update(new_state, tuple(ledger.changes), event)
