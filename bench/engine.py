"""Engine speed: code + update + reply per turn, beside a stdlib baseline measured in the same run.

    .venv/bin/python bench/engine.py [--turns N]

The baseline serialises the same conversation state with `json.dumps` once per turn: a fixed,
familiar unit of stdlib work, so the ratio stays meaningful on a faster or slower machine.
Targets (issue 2): median ≤ 0.5 ms and p99 ≤ 2 ms per turn.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from mi_sim.engine.turn import open_session, take_turn
from mi_sim.scenarios.loader import load_catalog

LINES = [
    "Hi, thanks for coming in. What brings you here today?",
    "It sounds like these symptoms have really taken over your days.",
    "So you're worried it might be something serious?",
    "You've kept going to work through all of this, which takes real strength.",
    "Would it be okay if I shared what some people in your situation find helpful?",
    "It's entirely up to you whether we look at that today.",
    "On a scale from 0 to 10, how important is it for you to feel better?",
    "Part of you wants this to stop, and part of you is scared of what treatment means.",
    "You should really try some exposure exercises.",
    "Do you sleep well? Are you eating? Have you been drinking?",
    "Okay. Mm-hmm.",
    "What matters most to you in your life right now?",
    "It's just anxiety, honestly.",
    "What would be different if this weren't in the way?",
    "How would you feel about keeping a diary of the symptoms for a week?",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=3000)
    args = parser.parse_args()

    started = time.perf_counter()
    catalog = load_catalog()
    load_ms = (time.perf_counter() - started) * 1000
    engine_ns: list[int] = []
    baseline_ns: list[int] = []
    personas = list(catalog.values())
    seed = 0
    while len(engine_ns) < args.turns:
        persona = personas[seed % len(personas)]
        state, _ = open_session(persona, None, seed)
        seed += 1
        for i in range(30):
            if state.ended or len(engine_ns) >= args.turns:
                break
            line = LINES[(seed + i) % len(LINES)]
            t0 = time.perf_counter_ns()
            result = take_turn(persona, state, line)
            t1 = time.perf_counter_ns()
            json.dumps(state.to_dict())
            t2 = time.perf_counter_ns()
            engine_ns.append(t1 - t0)
            baseline_ns.append(t2 - t1)
            state = result.state

    def row(name: str, samples: list[int]) -> tuple[float, float, float]:
        ms = [s / 1e6 for s in samples]
        med, p99 = statistics.median(ms), percentile(ms, 0.99)
        mean = statistics.fmean(ms)
        print(f"{name:<28} median {med:7.4f} ms   p99 {p99:7.4f} ms   mean {mean:7.4f} ms")
        return med, p99, statistics.fmean(ms)

    print(f"personas: {len(personas)} loaded in {load_ms:.1f} ms (once per process); "
          f"turns measured: {len(engine_ns)}")
    e_med, e_p99, _ = row("engine turn", engine_ns)
    b_med, b_p99, _ = row("baseline json.dumps(state)", baseline_ns)
    print(f"ratio engine/baseline: median {e_med / b_med:.1f}x   p99 {e_p99 / b_p99:.1f}x")
    ok = e_med <= 0.5 and e_p99 <= 2.0
    print(f"target median <= 0.5 ms and p99 <= 2 ms: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
