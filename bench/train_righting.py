"""Train the coder's learned second opinion on the righting reflex (`engine/righting_model.py`).

Usage: .venv/bin/python bench/train_righting.py [--check]

Trains two logistic models on the `dev` halves of the labelled clinician sets (never on a
`heldout` line, so `bench/coder.py --split heldout` and `bench/sessions.py` stay honest):
`righting` (confront or persuade against everything else) and `confront` (confront against
persuade, on the non-adherent lines only). Plain stochastic gradient descent with L2, a fixed
shuffle seed and sorted features, so the same data gives the same file on any machine. Writes
`mi_sim/engine/data/righting.json` with the sha256 of every training file; with `--check`, writes
nothing and exits 1 if the shipped file is not what the current data trains (a test checks the
hashes; run this after editing any labelled set). Prints the training counts and, for each held-out
half, recall and precision of the righting reflex with the rules alone and with the model.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import coder  # noqa: E402
import sessions  # noqa: E402

from mi_sim.engine import righting_model  # noqa: E402
from mi_sim.engine.coder import code_utterance  # noqa: E402
from mi_sim.engine.coding import ContextLine  # noqa: E402

LINE_SETS = (
    ROOT / "tests" / "data" / "clinician_utterances.jsonl",
    HERE / "data" / "coder" / "righting.jsonl",
    HERE / "data" / "coder" / "righting2.jsonl",
    HERE / "data" / "coder" / "righting3.jsonl",
    HERE / "data" / "coder" / "righting4.jsonl",
)
SESSION_SETS = (HERE / "data" / "coder" / "sessions.jsonl",)
SCORED_ONLY = (
    ROOT / "tests" / "data" / "clinician_utterances_heldout2.jsonl",
    HERE / "data" / "coder" / "sessions2.jsonl",
)
NON_ADHERENT = frozenset({"confront", "persuade"})
THRESHOLD, REFLECTION_THRESHOLD = 0.5, 0.9
LAST_TRAINED_ROUND = 25  # rated conversations after this round are kept for measuring
EPOCHS, RATE, L2, KEEP = 30, 0.3, 3e-4, 0.1

Example = tuple[tuple[str, ...], int]


def rows_of(path: Path, split: str) -> list[dict[str, object]]:
    if path.name.startswith("sessions"):
        return sessions.flatten(path, split)[0]
    return coder.load(path, split)


def examples(rows: Sequence[dict[str, object]]) -> list[tuple[tuple[str, ...], str]]:
    return [(tuple(sorted(righting_model.features(str(r["text"]), coder.context_of(r)))),
             str(r["code"])) for r in rows]


def train(data: Sequence[Example]) -> tuple[float, dict[str, float]]:
    """Logistic regression by SGD with L2 decay, deterministic for the data's order."""
    weights: dict[str, float] = {}
    bias = 0.0
    order = list(range(len(data)))
    shuffle = random.Random(0)
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for i in order:
            found, label = data[i]
            z = bias + math.fsum(weights.get(f, 0.0) for f in found)
            gradient = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - label
            bias -= RATE * gradient
            for f in found:
                weights[f] = weights.get(f, 0.0) * (1 - RATE * L2) - RATE * gradient
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= KEEP}
    return round(bias, 4), kept


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def conversation_files(later: bool = False) -> list[Path]:
    """Rated blind conversations of rounds up to LAST_TRAINED_ROUND (`before-*`, `after3-*`…),
    or with `later` those after it, kept for measuring."""
    found = []
    for path in sorted((HERE / "data" / "understanding" / "rated").glob("*.rated.jsonl")):
        match = re.match(r"after(\d+)-", path.name)
        early = path.name.startswith("before-") or (
            match is not None and int(match.group(1)) <= LAST_TRAINED_ROUND)
        if early != later:
            found.append(path)
    return found


def conversation_turns(paths: list[Path]) -> Iterator[tuple[str, tuple[ContextLine, ...]]]:
    """Each trainee line of the rated conversations, with the patient's line before it."""
    for path in paths:
        before = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("summary"):
                continue
            yield str(row["clinician"]), (ContextLine("patient", before),) if before else ()
            before = str(row["patient"])


def conversation_negatives() -> list[tuple[tuple[str, ...], str]]:
    """Trainee lines from the rated conversations that the rules do not code confront or
    persuade, as examples of everyday talk (the labelled sets are half righting reflex; real
    practice is mostly not, and a model that never saw it cries wolf)."""
    out = []
    for text, context in conversation_turns(conversation_files()):
        coding = code_utterance(text, context)
        if coding.code.value not in NON_ADHERENT or coding.rule == "learned_righting":
            out.append((tuple(sorted(righting_model.features(text, context))), "other"))
    return out


def trained() -> dict[str, object]:
    rows = [r for p in (*LINE_SETS, *SESSION_SETS) for r in rows_of(p, "dev")]
    seen = examples(rows) + conversation_negatives()
    r_bias, r_weights = train([(f, int(code in NON_ADHERENT)) for f, code in seen])
    c_bias, c_weights = train([(f, int(code == "confront")) for f, code in seen
                               if code in NON_ADHERENT])
    print(f"trained on {len(seen)} dev lines "
          f"({sum(code in NON_ADHERENT for _, code in seen)} confront or persuade); "
          f"{len(r_weights)} + {len(c_weights)} weights kept")
    return {
        "threshold": THRESHOLD,
        "reflection_threshold": REFLECTION_THRESHOLD,
        "righting": {"bias": r_bias, "weights": r_weights},
        "confront": {"bias": c_bias, "weights": c_weights},
        "sources": {str(p.relative_to(ROOT)): sha256(p)
                    for p in (*LINE_SETS, *SESSION_SETS, *conversation_files())},
    }


def report() -> None:
    """Held-out recall/precision of the righting reflex: rules alone, then with the model."""
    print(f"{'held-out set':42s} {'rules R':>8s} {'P':>6s} {'with model R':>13s} {'P':>6s}")
    for path in (*LINE_SETS, *SESSION_SETS, *SCORED_ONLY):
        split = "all" if path in SCORED_ONLY else "heldout"
        rows = rows_of(path, split)
        gold = [str(r["code"]) in NON_ADHERENT for r in rows]
        codings = [code_utterance(str(r["text"]), coder.context_of(r)) for r in rows]
        rules = [c.rule != "learned_righting" and c.code.value in NON_ADHERENT for c in codings]
        both = [c.code.value in NON_ADHERENT for c in codings]
        print(f"{path.name:42s} {_rp(gold, rules)} {_rp(gold, both):>21s}")
    overruled, lines = in_practice()
    print(f"in practice: {overruled} of {lines} trainee lines of rated conversations after round "
          f"{LAST_TRAINED_ROUND} overruled")


def in_practice() -> tuple[int, int]:
    """(lines the model overrules, lines) in the rated conversations it was not trained on:
    everyday trainee talk, where the righting reflex is rare and a false alarm makes the patient
    bristle at a plain question."""
    overruled = lines = 0
    for text, context in conversation_turns(conversation_files(later=True)):
        overruled += code_utterance(text, context).rule == "learned_righting"
        lines += 1
    return overruled, lines


def _rp(gold: Sequence[bool], pred: Sequence[bool]) -> str:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    found = sum(pred)
    return f"{tp / max(1, sum(gold)):8.3f} {tp / max(1, found):6.3f}"


def main(argv: list[str]) -> int:
    data = trained()
    text = json.dumps(data, sort_keys=True, indent=0) + "\n"
    if "--check" in argv:
        same = righting_model.MODEL_PATH.read_text(encoding="utf-8") == text
        print("the shipped model is what the data trains" if same else
              "STALE: the shipped model differs from what the data trains; run without --check")
        return 0 if same else 1
    righting_model.MODEL_PATH.parent.mkdir(exist_ok=True)
    righting_model.MODEL_PATH.write_text(text, encoding="utf-8")
    righting_model.shipped_model.cache_clear()
    print(f"wrote {righting_model.MODEL_PATH.relative_to(ROOT)}")
    report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
