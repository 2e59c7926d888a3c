"""Rewrite the golden transcripts after an intended change to the engine or a persona.

    .venv/bin/python tests/golden/regenerate.py [SLUG ...]

Review the diff (`git diff tests/golden`) before committing: every changed reply is a behaviour
change that trainees will see.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mi_sim.scenarios.loader import load_catalog
from mi_sim.transcript import replay

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "conversation.txt"
SEED = 7


def golden_path(slug: str) -> Path:
    return HERE / f"{slug}.json"


def build(slug: str) -> dict[str, object]:
    persona = load_catalog()[slug]
    lines = [line for line in SCRIPT.read_text(encoding="utf-8").splitlines() if line]
    turns = list(replay(persona, lines, persona.default_level, SEED))
    return {"scenario": slug, "level": persona.default_level, "seed": SEED,
            "lines": lines[: len(turns)], "turns": turns}


def main(slugs: list[str]) -> None:
    for slug in slugs or sorted(load_catalog()):
        golden_path(slug).write_text(
            json.dumps(build(slug), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {golden_path(slug).relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:])
