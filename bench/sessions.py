"""Score both coders on whole coded sessions, and the per-session figures a supervisor reads.

Usage: .venv/bin/python bench/sessions.py [PATH] [--split dev|heldout|all] [--errors]

PATH defaults to bench/data/coder/sessions.jsonl: whole transcribed MI sessions written blind to
the rules (see sessions.md beside it), a header line per session then its turns, therapist turns
with a MITI `code`, client turns with `talk` and `subtype`. Each therapist turn is coded with the
two lines before it as context, each client turn with the therapist line before it, exactly as an
uploaded transcript is. Prints the clinician coder's report (`bench/coder.py`), the client-talk
report (`bench/client_talk.py`), and per session the gold and coded reflection rate,
reflection-to-question ratio and % complex reflections, with the rank correlation of the
reflection rates across sessions (target >= 0.85 on real sessions). Exits 0.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import client_talk  # noqa: E402
import coder  # noqa: E402

from mi_sim.engine.coder import code_utterance  # noqa: E402

DEFAULT = HERE / "data" / "coder" / "sessions.jsonl"
SPEAKER = {"therapist": "clinician", "client": "patient"}


def flatten(path: Path, split: str) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """(therapist rows in `bench/coder.py`'s shape, client rows in `bench/client_talk.py`'s)."""
    therapist: list[dict[str, object]] = []
    client: list[dict[str, object]] = []
    before: list[dict[str, str]] = []
    session = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("header"):
            session, before = row["session"], []
            continue
        if split != "all" and row.get("split") != split:
            continue
        said = {"speaker": SPEAKER[row["speaker"]], "text": row["text"]}
        common = {"id": f"{row['session']}-t{row['turn']}", "session": session,
                  "text": row["text"], "split": row.get("split")}
        if row["speaker"] == "therapist":
            therapist.append({**common, "code": row["code"], "context": before[-2:],
                              "note": row.get("note", "")})
        else:
            client.append({**common, "talk": row["talk"], "subtype": row.get("subtype"),
                           "context": before[-1:]})
        before.append(said)
    return therapist, client


def per_session(rows: list[dict[str, object]], pred: list[str]) -> list[tuple[str, dict]]:
    """Gold and coded reflection rate, R:Q and %CR for each session."""
    grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row, p in zip(rows, pred, strict=True):
        grouped[str(row["session"])].append((str(row["code"]), p))

    def figures(codes: list[str]) -> dict[str, float]:
        refl = sum(c.startswith("reflection") for c in codes)
        quest = sum(c.startswith("question") for c in codes)
        cr = sum(c == "reflection_complex" for c in codes)
        return {"rate": refl / len(codes), "rq": refl / quest if quest else float(refl),
                "cr": cr / refl if refl else 0.0}
    return [(name, {"gold": figures([g for g, _ in pairs]),
                     "coded": figures([p for _, p in pairs])})
            for name, pairs in sorted(grouped.items())]


def main(argv: list[str]) -> int:
    split = argv[argv.index("--split") + 1] if "--split" in argv else "all"
    args = [a for a in argv if not a.startswith("--") and a != split]
    path = Path(args[0]) if args else DEFAULT
    if not path.exists():
        print(f"no sessions at {path}")
        return 0
    therapist, client = flatten(path, split)
    print(f"{path} split={split}: {len(therapist)} therapist and {len(client)} client turns\n")
    if not therapist:
        return 0
    coder.score(therapist)
    pred = [code_utterance(str(r["text"]), coder.context_of(r)).code.value for r in therapist]
    print("\nper session        reflection rate   R:Q            %CR")
    print("                   gold   coded      gold  coded    gold  coded")
    rows = per_session(therapist, pred)
    for name, f in rows:
        g, c = f["gold"], f["coded"]
        print(f"{name:18} {g['rate']:.2f}   {c['rate']:.2f}       {g['rq']:4.2f}  {c['rq']:4.2f}"
              f"     {g['cr']:.2f}  {c['cr']:.2f}")
    def across(name: str) -> float | None:
        return coder.spearman([f["gold"][name] for _, f in rows],
                              [f["coded"][name] for _, f in rows])
    rho, rq = across("rate"), across("rq")
    if rho is not None:
        print(f"\nSpearman across {len(rows)} sessions: reflection rate {rho:.3f}, R:Q "
              f"{rq if rq is None else round(rq, 3)}  (target >= 0.85)")
    client_talk.report("client talk", client, "--errors" in argv)
    if "--errors" in argv:
        print("\nmiscoded therapist turns:")
        for r, p in zip(therapist, pred, strict=True):
            if p != r["code"]:
                ctx = coder.context_of(r)
                print(f"- {r['id']} gold={r['code']} pred={p}\n    T: {r['text']}\n"
                      f"    C: {ctx[-1].text if ctx else ''}\n    note: {r.get('note', '')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
