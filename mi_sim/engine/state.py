"""The conversation state: a plain value that serialises to JSON, so any process can go on.

The persona is immutable data; everything that changes during a conversation lives here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
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
        data = asdict(self)
        data["version"] = STATE_VERSION
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> State:
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported state version {data.get('version')!r}")
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        for key in ("disclosed", "values_found", "commitments", "declined", "used"):
            values[key] = tuple(values.get(key, ()))
        return cls(**values)

    @classmethod
    def from_json(cls, text: str) -> State:
        return cls.from_dict(json.loads(text))

    def evolve(self, **changes: Any) -> State:
        return replace(self, **changes)


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
