"""The figures the bench scripts print are computed as they say."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench(name: str) -> object:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_righting_reflex_figure_counts_non_adherent_lines_as_one_class() -> None:
    coder = _bench("coder")
    gold = ["confront", "persuade", "persuade", "reflection_simple", "confront"]
    pred = ["persuade", "persuade", "reflection_complex", "confront", "question_open"]
    recall, precision, rewarded, n = coder.righting_reflex(gold, pred)  # type: ignore[attr-defined]
    assert (n, rewarded) == (4, 1)  # one pushy line coded as a reflection is rewarded
    assert recall == 2 / 4 and precision == 2 / 3


def test_the_calibration_figure_splits_agreement_by_what_the_coder_was_sure_of() -> None:
    coder = _bench("coder")
    gold = ["affirm", "other", "persuade", "other"]
    pred = ["affirm", "question_closed", "persuade", "other"]
    unsure = [False, True, False, True]
    sure, guessed, n = coder.calibration(gold, pred, unsure)  # type: ignore[attr-defined]
    assert (sure, guessed, n) == (1.0, 0.5, 2)


def test_whole_sessions_flatten_into_coded_lines_with_the_lines_before_as_context(
        tmp_path: Path) -> None:
    sessions = _bench("sessions")
    lines = [
        {"session": "s1", "header": True, "domain": "alcohol", "quality": "high"},
        {"session": "s1", "turn": 1, "speaker": "therapist", "text": "Hi.", "code": "other",
         "split": "dev"},
        {"session": "s1", "turn": 2, "speaker": "client", "text": "I drink too much.",
         "talk": "change", "subtype": "reasons", "split": "dev"},
        {"session": "s1", "turn": 3, "speaker": "therapist", "text": "It worries you.",
         "code": "reflection_complex", "split": "dev"},
        {"session": "s1", "turn": 4, "speaker": "client", "text": "Yeah.", "talk": "change",
         "subtype": None, "split": "dev"},
    ]
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    therapist, client = sessions.flatten(path, "all")  # type: ignore[attr-defined]
    assert [r["text"] for r in therapist[1]["context"]] == ["Hi.", "I drink too much."]
    assert [r["speaker"] for r in client[1]["context"]] == ["clinician"]
    [(name, figures)] = sessions.per_session(  # type: ignore[attr-defined]
        therapist, ["other", "question_open"])
    assert name == "s1"
    assert figures["gold"]["rate"] == 0.5 and figures["coded"]["rate"] == 0.0
