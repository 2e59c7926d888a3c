"""Golden transcripts: every persona replays its stored conversation exactly.

A failure shows the first turn that changed. If the change is intended, run
`.venv/bin/python tests/golden/regenerate.py SLUG` and review `git diff tests/golden`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mi_sim.scenarios.loader import load_catalog, load_persona_file
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


LEGACY = GOLDEN / "schema_v1"


@pytest.mark.parametrize("path", sorted(LEGACY.glob("*.json")), ids=lambda p: p.stem)
def test_a_version_1_persona_still_replays_its_old_golden_exactly(path: Path) -> None:
    """Stored sessions of old persona versions replay turn for turn: the version 1 files as they
    shipped before the fact sheet, with the transcripts they produced then."""
    golden = json.loads(path.read_text(encoding="utf-8"))
    persona = load_persona_file(path.with_suffix(".yaml"))
    assert persona.schema_version == 1
    actual = list(replay(persona, golden["lines"], golden["level"], golden["seed"]))
    for expected, got in zip(golden["turns"], actual, strict=False):
        assert got == expected, f"turn {expected['turn']} changed"
    assert len(actual) == len(golden["turns"])
