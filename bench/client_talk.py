"""Score the client-talk coder against the labelled client set and time it.

Usage: .venv/bin/python bench/client_talk.py [PATH] [--split dev|heldout|all] [--errors]

PATH defaults to tests/data/client_utterances.jsonl (JSON lines with "text", "context", "talk",
"subtype" and "split"). For each split (dev, heldout, all; or only the one asked for) prints
per-talk precision/recall/F1/support, macro-F1, accuracy, the confusion matrix (rows = gold,
columns = predicted), the subtype accuracy where gold has a subtype and coder and gold agree on the
direction, and a trivial keyword baseline's macro-F1 for scale. Then the median time per line.
With --errors, lists every miscoded line of the split(s) shown. Exits 0.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mi_sim.engine.client_coder import code_client_talk  # noqa: E402
from mi_sim.engine.coding import ContextLine  # noqa: E402
from mi_sim.engine.vocabulary import ALL_TALK  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "client_utterances.jsonl"
SHORT = {"change": "CT", "sustain": "ST", "neutral": "NE"}
_BASE_SUSTAIN = re.compile(r"\b(?:can't|cannot|can not|won't|will not|don't want|not going to)\b",
                           re.IGNORECASE)
_BASE_CHANGE = re.compile(r"\b(?:want|will|can|'ll|going to)\b", re.IGNORECASE)


def baseline(text: str) -> str:
    """The trivial keyword coder: can't/won't -> sustain, want/will/can -> change, else neutral."""
    if _BASE_SUSTAIN.search(text):
        return "sustain"
    if _BASE_CHANGE.search(text):
        return "change"
    return "neutral"


def load(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def context_of(row: dict[str, object]) -> tuple[ContextLine, ...]:
    raw = row.get("context") or []
    assert isinstance(raw, list)
    return tuple(ContextLine(c["speaker"], c["text"]) for c in raw if isinstance(c, dict))


def prf(gold: Sequence[str], pred: Sequence[str],
        labels: Iterable[str]) -> dict[str, tuple[float, float, float, int]]:
    out = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[lab] = (prec, rec, f1, tp + fn)
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Iterable[str] = ALL_TALK) -> float:
    scores = [v[2] for v in prf(gold, pred, labels).values() if v[3] > 0]
    return sum(scores) / len(scores) if scores else 0.0


def evaluate(rows: list[dict[str, object]]) -> dict[str, object]:
    """Scores of the coder (and the baseline) on `rows`; used by the tests too."""
    gold = [str(r["talk"]) for r in rows]
    results = [code_client_talk(str(r["text"]), context_of(r)) for r in rows]
    pred = [c.talk.value for c in results]
    base = [baseline(str(r["text"])) for r in rows]
    agree = [(r, c) for r, c in zip(rows, results, strict=True)
             if r.get("subtype") and c.talk.value == r["talk"]]
    sub_ok = sum(1 for r, c in agree if c.subtype is not None and c.subtype.value == r["subtype"])
    return {
        "n": len(rows), "gold": gold, "pred": pred, "results": results,
        "prf": prf(gold, pred, ALL_TALK), "macro_f1": macro_f1(gold, pred),
        "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(rows)),
        "subtype_accuracy": sub_ok / len(agree) if agree else 0.0, "subtype_n": len(agree),
        "baseline_macro_f1": macro_f1(gold, base),
    }


def report(name: str, rows: list[dict[str, object]], errors: bool) -> None:
    ev = evaluate(rows)
    print(f"\n== {name}: {ev['n']} lines ==")
    print(f"{'talk':<10}{'prec':>7}{'rec':>7}{'F1':>7}{'n':>6}")
    scores = ev["prf"]
    assert isinstance(scores, dict)
    for lab, (p, r, f, n) in scores.items():
        print(f"{lab:<10}{p:7.2f}{r:7.2f}{f:7.2f}{n:6d}")
    print(f"macro-F1 {ev['macro_f1']:.3f}   accuracy {ev['accuracy']:.3f}   "
          f"baseline macro-F1 {ev['baseline_macro_f1']:.3f}")
    print(f"subtype accuracy (gold has one, direction agrees): {ev['subtype_accuracy']:.3f} "
          f"of {ev['subtype_n']}")
    gold, pred = ev["gold"], ev["pred"]
    assert isinstance(gold, list) and isinstance(pred, list)
    print("confusion (rows gold, cols predicted): " + " ".join(f"{SHORT[t]:>4}" for t in ALL_TALK))
    for g in ALL_TALK:
        counts = [sum(1 for a, b in zip(gold, pred, strict=True) if a == g and b == p)
                  for p in ALL_TALK]
        print(f"{'':>39}{SHORT[g]} " + " ".join(f"{c:4d}" for c in counts))
    if errors:
        results = ev["results"]
        assert isinstance(results, list)
        for row, g, p, c in zip(rows, gold, pred, results, strict=True):
            if g != p:
                ctx = " / ".join(x.text for x in context_of(row))
                print(f"  {row['id']} gold {g}/{row.get('subtype')} got {p}/"
                      f"{c.subtype.value if c.subtype else None} [{c.rule}]\n"
                      f"      C: {ctx}\n      P: {row['text']}")


def timing(rows: list[dict[str, object]], rounds: int = 5,
           coder: Callable[..., object] | None = None) -> float:
    """Median microseconds per line over `rounds` passes (the client coder by default)."""
    run = coder or code_client_talk
    pairs = [(str(r["text"]), context_of(r)) for r in rows]
    times = []
    for _ in range(rounds):
        for text, ctx in pairs:
            t0 = time.perf_counter()
            run(text, ctx)
            times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    split = "all"
    if "--split" in argv:
        split = argv[argv.index("--split") + 1]
        args = [a for a in args if a != split]
        path = Path(args[0]) if args else DEFAULT
    rows = load(path)
    splits = ["dev", "heldout", "all"] if split == "all" else [split]
    for name in splits:
        chosen = rows if name == "all" else [r for r in rows if r.get("split") == name]
        report(name, chosen, "--errors" in argv and name != "all")
    coder_us = timing(rows)
    base_us = timing(rows, coder=lambda text, _ctx: baseline(text))
    print(f"\nmedian time per line: {coder_us:.1f} µs "
          f"(keyword baseline {base_us:.1f} µs in the same run, {coder_us / base_us:.0f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
