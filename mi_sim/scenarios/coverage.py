"""Which parts of a persona stored sessions actually used.

Every turn's trace names the bank the reply came from (`source`) and the reply (`reply_id`,
`bank:index`), plus the move, the rule and the event of the turn. Folding those over all stored
sessions of a persona version tells an instructor which banks, replies and gates were never
used, which replies come up so often that the patient feels canned, and where walk-outs happen.

    turns = (used_turn_from_trace(s.id, t.number, t.trace) for s, t in stored_turns)
    report = coverage(persona, turns)
    report.unused_replies, report.canned, report.walkouts.at_turn

Bank and reply ids are built with the engine's own `entries` helper and its source names
(`question_open`, `fallback`, `walkout`, `concern.NAME`, `value.NAME`,
`commitment.NAME.accept`, `commitment.NAME.decline`), so they are the strings traces carry.

One pass over the turns, with a fixed-size counter per reply (plus the set of session ids, to
count sessions). Per-reply session counts assume that the turns of a session come together, as
a query ordered by session gives; `Coverage.grouped` says whether they did.

Pure: no database, no web.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from mi_sim.engine.index import entries
from mi_sim.engine.persona import Persona, Reply
from mi_sim.engine.turn import TurnResult

CANNED_SHARE = 0.2
"""A reply chosen in more than this share of sessions feels canned…"""
CANNED_MIN_SESSIONS = 5
"""…once it has been seen in at least this many sessions (below, any reply is "frequent")."""
MAX_UNKNOWN = 200
"""Distinct reply ids not in the persona (traces of another version) that are listed by name."""
MAX_TOP = 1000


class CoverageError(ValueError):
    """A stored trace that cannot be read as a turn."""


@dataclass(frozen=True)
class UsedTurn:
    """What one stored turn used: the reply's bank (`source`) and id, the move and rule the
    engine recognised, and the turn's event (`walkout`, `disclose:NAME`, `accept:NAME`,
    `decline:NAME`, `value:NAME`) or None. `repeated` is true when the engine had to reuse a
    reply because nothing fresh was left."""

    session: str
    turn: int
    source: str
    reply_id: str
    rule: str
    move: str
    event: str | None
    repeated: bool = False
    unanswered: str | None = None  # schema 2: the kind of a fact asked that no fact answered
    question: str = ""  # schema 2: that question, as the clinician put it


def _event_text(event: object) -> str | None:
    if event is None:
        return None
    if isinstance(event, str):
        return event or None
    if isinstance(event, Mapping):
        kind = event.get("kind")
        if not isinstance(kind, str) or not kind:
            return None
        name = event.get("name")
        return f"{kind}:{name}" if isinstance(name, str) and name else kind
    return None


def _str(trace: Mapping[str, Any], key: str) -> str:
    value = trace.get(key)
    return value if isinstance(value, str) else ""


def used_turn_from_trace(session: str | int, turn: int, trace: Mapping[str, Any]) -> UsedTurn:
    """A `UsedTurn` from a stored `Trace.to_dict()`; missing keys (older traces) read as ""."""
    if not isinstance(trace, Mapping):
        raise CoverageError(f"session {session} turn {turn}: the trace is not an object")
    return UsedTurn(
        session=str(session),
        turn=turn,
        source=_str(trace, "source"),
        reply_id=_str(trace, "reply_id"),
        rule=_str(trace, "rule"),
        move=_str(trace, "move"),
        event=_event_text(trace.get("event")),
        repeated=trace.get("repeated") is True,
        **_unanswered(trace),
    )


def _unanswered(trace: Mapping[str, Any]) -> dict[str, Any]:
    """The fact question of a turn that no fact answered (kind and words), if any."""
    reading = trace.get("understanding")
    if not isinstance(reading, Mapping) or reading.get("answer_rule") != "unknown_fact":
        return {}
    fact = reading.get("fact")
    kind = fact.get("kind") if isinstance(fact, Mapping) else None
    segments = trace.get("segments")
    words = " ".join(str(seg.get("text", "")) for seg in segments if isinstance(seg, Mapping)
                     ) if isinstance(segments, list) else ""
    return {"unanswered": kind if isinstance(kind, str) and kind else "unknown",
            "question": words[:300]}


def used_turn_from_result(session: str | int, result: TurnResult) -> UsedTurn:
    """A `UsedTurn` straight from a `TurnResult` (for previews and tests)."""
    return used_turn_from_trace(session, result.state.turn, result.trace.to_dict())


# ---------------------------------------------------------------------------------------------
# The persona's catalogue of banks, replies and gates


@dataclass(frozen=True)
class CatalogReply:
    reply_id: str
    bank: str
    text: str
    talk: str


def persona_banks(persona: Persona) -> Iterator[tuple[str, tuple[CatalogReply, ...]]]:
    """Every bank of the persona with its replies, under the ids the engine writes in traces."""

    def bank(name: str, replies: Iterable[Reply]) -> tuple[str, tuple[CatalogReply, ...]]:
        return name, tuple(CatalogReply(e.id, name, e.reply.text, e.reply.talk.value)
                           for e in entries(name, replies))

    for move, replies in persona.banks.items():
        yield bank(move.value, replies)
    for concern in persona.concerns:
        yield bank(f"concern.{concern.name}", concern.disclosures)
    for value in persona.values:
        yield bank(f"value.{value.name}", value.replies)
    for commitment in persona.commitments:
        yield bank(f"commitment.{commitment.name}.accept", commitment.accept)
        yield bank(f"commitment.{commitment.name}.decline", commitment.decline)
    for fact in persona.fact_sheet:
        yield bank(f"fact.{fact.name}", fact.answers)
        if fact.deflect:
            yield bank(f"fact.{fact.name}.deflect", fact.deflect)


def persona_gates(persona: Persona) -> list[tuple[str, str, str]]:
    """(gate, kind, event) for every gate: a hidden concern's unlock (kind `concern`, opened by
    a `disclose:NAME` event) and a commitment's readiness threshold (kind `commitment`, opened
    by an `accept:NAME` event)."""
    gates = [(f"concern.{c.name}", "concern", f"disclose:{c.name}") for c in persona.concerns]
    gates += [(f"commitment.{c.name}.accept", "commitment", f"accept:{c.name}")
              for c in persona.commitments]
    return gates


# ---------------------------------------------------------------------------------------------
# The report


@dataclass(frozen=True)
class ReplyUse:
    """One reply and how often it was chosen."""

    reply_id: str
    bank: str
    text: str
    talk: str
    uses: int
    sessions: int
    repeats: int
    share_of_turns: float
    share_of_sessions: float
    canned: bool


@dataclass(frozen=True)
class BankUse:
    bank: str
    replies: int
    used_replies: int
    uses: int


@dataclass(frozen=True)
class GateUse:
    gate: str
    kind: str
    opened: int
    sessions: int


@dataclass(frozen=True)
class WalkOuts:
    """Walk-outs: how many, at which turn numbers, and on which clinician move and rule (those
    of the turn on which the patient left)."""

    count: int
    sessions: int
    at_turn: dict[int, int]
    after_move: dict[str, int]
    after_rule: dict[str, int]


@dataclass(frozen=True)
class Unanswered:
    """Fact questions trainees asked that the fact sheet could not answer (by kind): the
    instructor's to-do list. `unknown` is a question no kind describes."""

    kind: str
    asked: int
    sessions: int
    examples: tuple[str, ...]


MAX_EXAMPLES = 3
MAX_UNANSWERED_KINDS = 60


@dataclass(frozen=True)
class Coverage:
    persona: str
    sessions: int
    turns: int
    banks: tuple[BankUse, ...]
    unused_banks: tuple[str, ...]
    replies: tuple[ReplyUse, ...]
    unused_replies: tuple[ReplyUse, ...]
    gates: tuple[GateUse, ...]
    unused_gates: tuple[str, ...]
    most_used: tuple[ReplyUse, ...]
    canned: tuple[ReplyUse, ...]
    walkouts: WalkOuts
    unknown_replies: dict[str, int]
    grouped: bool
    unanswered: tuple[Unanswered, ...] = ()

    @property
    def replies_used(self) -> int:
        return len(self.replies) - len(self.unused_replies)


class _Tally:
    """The fixed-size counter kept per reply or gate."""

    __slots__ = ("last", "repeats", "sessions", "uses")

    def __init__(self) -> None:
        self.uses = 0
        self.sessions = 0
        self.repeats = 0
        self.last: str | None = None

    def add(self, session: str, repeated: bool = False) -> None:
        self.uses += 1
        if repeated:
            self.repeats += 1
        if session != self.last:
            self.sessions += 1
            self.last = session


def _sorted_counts(counter: Counter[Any]) -> dict[Any, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def coverage(persona: Persona, turns: Iterable[UsedTurn], top: int = 10,
             canned_share: float = CANNED_SHARE,
             canned_min_sessions: int = CANNED_MIN_SESSIONS) -> Coverage:
    """Fold stored turns of `persona` into a coverage report (one pass over `turns`)."""
    if isinstance(top, bool) or not isinstance(top, int) or not 0 <= top <= MAX_TOP:
        raise ValueError(f"top must be a whole number from 0 to {MAX_TOP}")
    catalogue = list(persona_banks(persona))
    tallies: dict[str, _Tally] = {r.reply_id: _Tally() for _, rs in catalogue for r in rs}
    gates = persona_gates(persona)
    gate_tallies = {event: _Tally() for _, _, event in gates}
    unknown: Counter[str] = Counter()
    other_unknown = 0
    sessions: set[str] = set()
    current: str | None = None
    grouped = True
    count = 0
    walkout_turns: Counter[int] = Counter()
    walkout_moves: Counter[str] = Counter()
    walkout_rules: Counter[str] = Counter()
    walkout_sessions = _Tally()
    asked: dict[str, _Tally] = {}
    examples: dict[str, list[str]] = {}

    for used in turns:
        count += 1
        if used.session != current:
            if used.session in sessions:
                grouped = False
            sessions.add(used.session)
            current = used.session
        tally = tallies.get(used.reply_id)
        if tally is not None:
            tally.add(used.session, used.repeated)
        elif used.reply_id in unknown or len(unknown) < MAX_UNKNOWN:
            unknown[used.reply_id] += 1
        else:
            other_unknown += 1
        if used.unanswered is not None and (used.unanswered in asked
                                            or len(asked) < MAX_UNANSWERED_KINDS):
            asked.setdefault(used.unanswered, _Tally()).add(used.session)
            said = examples.setdefault(used.unanswered, [])
            if used.question and used.question not in said and len(said) < MAX_EXAMPLES:
                said.append(used.question)
        if used.event is not None:
            gate = gate_tallies.get(used.event)
            if gate is not None:
                gate.add(used.session)
            if used.event == "walkout" or used.event.startswith("walkout:"):
                walkout_turns[used.turn] += 1
                walkout_moves[used.move] += 1
                walkout_rules[used.rule] += 1
                walkout_sessions.add(used.session)
    if other_unknown:
        unknown["(others)"] += other_unknown

    n_sessions = len(sessions)
    replies: list[ReplyUse] = []
    banks: list[BankUse] = []
    for bank, bank_replies in catalogue:
        bank_uses = 0
        used_replies = 0
        for reply in bank_replies:
            t = tallies[reply.reply_id]
            session_share = t.sessions / n_sessions if n_sessions else 0.0
            canned = t.sessions >= canned_min_sessions and session_share > canned_share
            replies.append(ReplyUse(
                reply.reply_id, bank, reply.text, reply.talk, t.uses, t.sessions, t.repeats,
                t.uses / count if count else 0.0, session_share, canned))
            bank_uses += t.uses
            used_replies += 1 if t.uses else 0
        banks.append(BankUse(bank, len(bank_replies), used_replies, bank_uses))

    gate_uses = tuple(GateUse(gate, kind, gate_tallies[event].uses, gate_tallies[event].sessions)
                      for gate, kind, event in gates)
    by_use = sorted((r for r in replies if r.uses), key=lambda r: (-r.uses, r.reply_id))
    return Coverage(
        persona=persona.slug,
        sessions=n_sessions,
        turns=count,
        banks=tuple(banks),
        unused_banks=tuple(b.bank for b in banks if not b.uses),
        replies=tuple(replies),
        unused_replies=tuple(r for r in replies if not r.uses),
        gates=gate_uses,
        unused_gates=tuple(g.gate for g in gate_uses if not g.opened),
        most_used=tuple(by_use[:top]),
        canned=tuple(r for r in by_use if r.canned),
        walkouts=WalkOuts(
            count=sum(walkout_turns.values()),
            sessions=walkout_sessions.sessions,
            at_turn=dict(sorted(walkout_turns.items())),
            after_move=_sorted_counts(walkout_moves),
            after_rule=_sorted_counts(walkout_rules),
        ),
        unknown_replies=_sorted_counts(unknown),
        grouped=grouped,
        unanswered=tuple(sorted(
            (Unanswered(kind, t.uses, t.sessions, tuple(examples.get(kind, ())))
             for kind, t in asked.items()), key=lambda u: (-u.asked, u.kind))),
    )


def describe_coverage(report: Coverage, limit: int = 20) -> list[str]:
    """Readable lines for a CLI or a page (each list cut at `limit` entries)."""

    def cut(items: list[str]) -> list[str]:
        extra = len(items) - limit
        return items[:limit] + ([f"  … and {extra} more"] if extra > 0 else [])

    lines = [f"{report.persona}: {report.sessions} sessions, {report.turns} turns; "
             f"{report.replies_used} of {len(report.replies)} replies used"]
    if report.unused_banks:
        lines.append("never-used banks: " + ", ".join(report.unused_banks))
    if report.unused_gates:
        lines.append("gates never opened: " + ", ".join(report.unused_gates))
    if report.unused_replies:
        lines.append(f"never-used replies ({len(report.unused_replies)}):")
        lines += cut([f"  {r.reply_id}: {r.text}" for r in report.unused_replies])
    if report.most_used:
        lines.append("most used replies:")
        lines += cut([f"  {r.reply_id}: {r.uses} uses, {r.share_of_turns:.0%} of turns, "
                      f"{r.share_of_sessions:.0%} of sessions{' (canned?)' if r.canned else ''}"
                      f": {r.text}" for r in report.most_used])
    w = report.walkouts
    if w.count:
        at = ", ".join(f"turn {turn}: {n}" for turn, n in w.at_turn.items())
        moves = ", ".join(f"{move} {n}" for move, n in w.after_move.items())
        lines.append(f"walk-outs: {w.count} in {w.sessions} sessions; at {at}; on {moves}")
    else:
        lines.append("walk-outs: none")
    if report.unanswered:
        lines.append("fact questions no fact answered (add them to the fact sheet):")
        lines += cut([f"  {u.kind}: asked {u.asked} times in {u.sessions} sessions, e.g. "
                      + " / ".join(f"“{q}”" for q in u.examples) for u in report.unanswered])
    if report.unknown_replies:
        lines.append("replies not in this version: " + ", ".join(
            f"{rid} ({n})" for rid, n in report.unknown_replies.items()))
    if not report.grouped:
        lines.append("note: turns of a session were not together; per-session counts are "
                     "upper bounds")
    return lines
