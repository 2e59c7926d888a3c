"""Golden transcripts: every persona replays its stored conversation exactly.

A failure shows the first turn that changed. If the change is intended, run
`.venv/bin/python tests/golden/regenerate.py SLUG` and review `git diff tests/golden`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mi_sim.scenarios.loader import load_catalog
from mi_sim.transcript import replay

GOLDEN = Path(__file__).resolve().parent / "golden"
CATALOG = load_catalog()


def test_every_shipped_persona_has_a_golden_transcript() -> None:
    missing = [slug for slug in CATALOG if not (GOLDEN / f"{slug}.json").exists()]
    assert missing == []


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_the_golden_transcript_replays_exactly(path: Path) -> None:
    golden = json.loads(path.read_text(encoding="utf-8"))
    persona = CATALOG[golden["scenario"]]
    actual = list(replay(persona, golden["lines"], golden["level"], golden["seed"]))
    for expected, got in zip(golden["turns"], actual, strict=False):
        assert got == expected, f"turn {expected['turn']} changed"
    assert len(actual) == len(golden["turns"])
