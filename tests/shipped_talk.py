"""Talking to a shipped persona in tests: what each line is answered from, and how."""

from __future__ import annotations

from mi_sim.engine.turn import TurnResult, open_session, take_turn
from mi_sim.scenarios.loader import load_catalog

CATALOG = load_catalog()


def results(slug: str, lines: list[str], seed: int = 1) -> list[TurnResult]:
    """Every turn's result, one conversation with the shipped persona."""
    persona = CATALOG[slug]
    state, _ = open_session(persona, None, seed)
    out = []
    for line in lines:
        result = take_turn(persona, state, line)
        state = result.state
        out.append(result)
    return out


def said(slug: str, lines: list[str], seed: int = 1) -> list[tuple[str, str]]:
    """(source, reply) for each line, one conversation."""
    return [(r.trace.source, r.reply_text) for r in results(slug, lines, seed)]


def play(slug: str, lines: list[str], seed: int = 1) -> list[str]:
    return [source for source, _ in said(slug, lines, seed)]
