"""The conversation state: a plain value that serialises to JSON, so any process can go on.

The persona is immutable data; everything that changes during a conversation lives here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from typing import Any

from mi_sim.engine.persona import Band, Parameters, Persona

STATE_VERSION = 1


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return low if value < low else high if value > high else value


@dataclass(frozen=True, slots=True)
class State:
    """Where a conversation stands after `turn` clinician turns."""

    scenario: str
    level: str
    seed: int
    rapport: float
    discord: float
    importance: float
    confidence: float
    mistrust: float
    affects: dict[str, float] = field(default_factory=dict)
    turn: int = 0
    good_turns: int = 0
    closed_run: int = 0
    high_discord_run: int = 0
    disclosed: tuple[str, ...] = ()
    values_found: tuple[str, ...] = ()
    commitments: tuple[str, ...] = ()
    declined: tuple[str, ...] = ()
    used: tuple[str, ...] = ()
    last_patient: str = ""
    ended: bool = False
    end_reason: str | None = None
    # Conversation memory (schema 2 personas; empty for version 1, which never reads it).
    flags: tuple[str, ...] = ()  # set by replies' `sets`
    stated: tuple[str, ...] = ()  # facts the patient has said
    unanswered: tuple[str, ...] = ()  # facts asked and not (yet) answered
    pending: str = ""  # the subject of the patient's own offer to say more, for one turn
    subject: str = ""  # what the patient's last reply was about (`fact:NAME`, `topics:A,B`)

    def has_flag(self, flag: str) -> bool:
        """A memory flag: set by a reply, or the engine's own (`accepted:STEP`, `stated:FACT`…)."""
        kind, _, name = flag.partition(":")
        if not name:
            return flag in self.flags
        found = {"accepted": self.commitments, "declined": self.declined,
                 "disclosed": self.disclosed, "value": self.values_found,
                 "stated": self.stated}.get(kind)
        return name in found if found is not None else flag in self.flags

    @property
    def readiness(self) -> float:
        """Readiness to change: importance × confidence."""
        return self.importance * self.confidence

    def band(self, params: Parameters) -> Band:
        """The state band the reply banks are keyed by."""
        p = params
        if self.discord >= p.band_guarded_discord or self.rapport < p.band_guarded_rapport:
            return Band.GUARDED
        if self.readiness >= params.band_open_readiness:
            return Band.OPEN
        return Band.AMBIVALENT

    def public(self, params: Parameters) -> dict[str, Any]:
        """The summary shown to users and written by `mi-sim replay`."""
        return {
            "rapport": round(self.rapport, 3),
            "discord": round(self.discord, 3),
            "readiness": round(self.readiness, 3),
            "importance": round(self.importance, 3),
            "confidence": round(self.confidence, 3),
            "mistrust": round(self.mistrust, 3),
            "band": self.band(params).value,
            "affects": {name: round(level, 3) for name, level in self.affects.items()},
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form (stored with every turn): written out by hand, because
        `dataclasses.asdict` deep-copies field by field and was the costliest step of storing
        a turn. `_check_serialisation` below keeps it in step with the fields."""
        return {
            "scenario": self.scenario,
            "level": self.level,
            "seed": self.seed,
            "rapport": self.rapport,
            "discord": self.discord,
            "importance": self.importance,
            "confidence": self.confidence,
            "mistrust": self.mistrust,
            "affects": dict(self.affects),
            "turn": self.turn,
            "good_turns": self.good_turns,
            "closed_run": self.closed_run,
            "high_discord_run": self.high_discord_run,
            "disclosed": list(self.disclosed),
            "values_found": list(self.values_found),
            "commitments": list(self.commitments),
            "declined": list(self.declined),
            "used": list(self.used),
            "last_patient": self.last_patient,
            "ended": self.ended,
            "end_reason": self.end_reason,
            "flags": list(self.flags),
            "stated": list(self.stated),
            "unanswered": list(self.unanswered),
            "pending": self.pending,
            "subject": self.subject,
            "version": STATE_VERSION,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> State:
        """The state `to_dict` wrote (unknown keys are ignored, missing optional ones take
        their defaults)."""
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported state version {data.get('version')!r}")
        get = data.get
        return cls(
            scenario=data["scenario"],
            level=data["level"],
            seed=data["seed"],
            rapport=data["rapport"],
            discord=data["discord"],
            importance=data["importance"],
            confidence=data["confidence"],
            mistrust=data["mistrust"],
            affects=dict(get("affects", ())),
            turn=get("turn", 0),
            good_turns=get("good_turns", 0),
            closed_run=get("closed_run", 0),
            high_discord_run=get("high_discord_run", 0),
            disclosed=tuple(get("disclosed", ())),
            values_found=tuple(get("values_found", ())),
            commitments=tuple(get("commitments", ())),
            declined=tuple(get("declined", ())),
            used=tuple(get("used", ())),
            last_patient=get("last_patient", ""),
            ended=get("ended", False),
            end_reason=get("end_reason"),
            flags=tuple(get("flags", ())),
            stated=tuple(get("stated", ())),
            unanswered=tuple(get("unanswered", ())),
            pending=get("pending", ""),
            subject=get("subject", ""),
        )

    @classmethod
    def from_json(cls, text: str) -> State:
        return cls.from_dict(json.loads(text))

    def evolve(self, **changes: Any) -> State:
        return replace(self, **changes)


def _check_serialisation() -> None:
    """Fail at import if a field was added to `State` but not to `to_dict`/`from_dict`."""
    probe = State(scenario="s", level="l", seed=1, rapport=0.1, discord=0.2, importance=0.3,
                  confidence=0.4, mistrust=0.5, affects={"a": 0.6}, turn=2, good_turns=3,
                  closed_run=4, high_discord_run=5, disclosed=("d",), values_found=("v",),
                  commitments=("c",), declined=("x",), used=("u",), last_patient="p",
                  ended=True, end_reason="r", flags=("f",), stated=("s",), unanswered=("a",),
                  pending="fact:x", subject="topics:y")
    names = {f.name for f in fields(State)}
    written = probe.to_dict()
    if set(written) != names | {"version"} or State.from_dict(written) != probe:
        raise AssertionError("State.to_dict/from_dict are out of step with State's fields")


_check_serialisation()


def start_state(persona: Persona, level: str | None = None, seed: int = 0) -> State:
    """The state before the first clinician turn (the patient has said the opening line)."""
    level = level or persona.default_level
    if level not in persona.levels:
        known = ", ".join(sorted(persona.levels))
        raise ValueError(f"unknown level '{level}' for {persona.slug} (levels: {known})")
    params = persona.parameters_for(level)
    return State(
        scenario=persona.slug,
        level=level,
        seed=seed,
        rapport=min(params.rapport_start, 1.0 - params.mistrust_start),
        discord=params.discord_start,
        importance=params.importance_start,
        confidence=params.confidence_start,
        mistrust=params.mistrust_start,
        affects={affect.name: affect.start for affect in persona.affects},
        last_patient=persona.fill(persona.opening.text),
    )
