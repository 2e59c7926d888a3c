"""Behaviour every shipped persona must show at its default level (issue 2's acceptance rules).

The scripts in tests/scripts are generic clinician lines, usable with any persona.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mi_sim.engine.persona import Persona
from mi_sim.engine.state import State
from mi_sim.engine.turn import TurnResult, open_session, take_turn
from mi_sim.engine.vocabulary import Talk
from mi_sim.scenarios.loader import load_catalog

SCRIPTS = Path(__file__).resolve().parent / "scripts"
CATALOG = load_catalog()
SEEDS = (0, 1, 2)
REQUIRED = {"panic-disorder", "somatic-symptoms", "health-anxiety", "generalised-anxiety",
            "social-anxiety"}


def script(name: str) -> list[str]:
    return [line for line in (SCRIPTS / name).read_text(encoding="utf-8").splitlines() if line]


def play(persona: Persona, lines: list[str], seed: int,
         level: str | None = None) -> tuple[State, list[TurnResult]]:
    state, _ = open_session(persona, level, seed)
    results = []
    for line in lines:
        if state.ended:
            break
        result = take_turn(persona, state, line)
        results.append(result)
        state = result.state
    return state, results


def test_the_five_required_personas_are_shipped() -> None:
    assert set(CATALOG) >= REQUIRED


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_good_mi_and_the_righting_reflex_end_far_apart(slug: str, seed: int) -> None:
    persona = CATALOG[slug]
    good, _ = play(persona, script("good_mi.txt"), seed)
    bad, _ = play(persona, script("righting_reflex.txt"), seed)
    assert good.readiness - bad.readiness >= 0.3, (good.readiness, bad.readiness)
    assert bad.discord - good.discord >= 0.3, (good.discord, bad.discord)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_good_mi_draws_at_least_three_change_talk_replies(slug: str, seed: int) -> None:
    _, results = play(CATALOG[slug], script("good_mi.txt"), seed)
    change = [r for r in results if r.talk is Talk.CHANGE]
    assert len(change) >= 3
    assert not results[-1].ended


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_the_righting_reflex_draws_more_sustain_than_change_talk(slug: str) -> None:
    _, results = play(CATALOG[slug], script("righting_reflex.txt"), 0)
    talk = [r.talk for r in results]
    assert talk.count(Talk.SUSTAIN) > talk.count(Talk.CHANGE)


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_a_patient_pushed_hard_enough_walks_out(slug: str) -> None:
    state, results = play(CATALOG[slug], script("push_hard.txt"), 0)
    assert state.ended and state.end_reason == "walkout"
    assert results[-1].trace.source == "walkout"


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_levels_order_the_difficulty(slug: str) -> None:
    persona = CATALOG[slug]
    good = script("good_mi.txt")
    gentle, _ = play(persona, good, 0, "gentle")
    hard, _ = play(persona, good, 0, "hard")
    assert gentle.readiness > hard.readiness


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_a_thirty_turn_conversation_repeats_no_reply(slug: str) -> None:
    lines = (script("good_mi.txt") + script("good_mi.txt"))[:30]
    _, results = play(CATALOG[slug], lines, 4)
    texts = [r.reply_text for r in results]
    assert len(texts) == len(set(texts))
