"""The coder's learned second opinion on the righting reflex (`mi_sim/engine/righting_model.py`)."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.coding import ContextLine
from mi_sim.engine.righting_model import features, shipped_model
from mi_sim.engine.vocabulary import Code

ROOT = Path(__file__).resolve().parent.parent


def _trainer() -> object:
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("bench_train_righting",
                                                  ROOT / "bench" / "train_righting.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _patient(text: str) -> tuple[ContextLine, ...]:
    return (ContextLine("patient", text),)


def test_the_shipped_model_was_trained_on_the_labelled_sets_as_they_are_now() -> None:
    sources = shipped_model().sources
    assert sources, "the model records the files it was trained on"
    stale = [name for name, digest in sources.items()
             if hashlib.sha256((ROOT / name).read_bytes()).hexdigest() != digest]
    assert stale == [], f"retrain with bench/train_righting.py: {stale} changed since"


def test_the_model_is_trained_on_dev_halves_only_so_held_out_figures_stay_honest() -> None:
    trainer = _trainer()
    names = set(shipped_model().sources)
    scored_only = {str(p.relative_to(ROOT)) for p in trainer.SCORED_ONLY}  # type: ignore[attr-defined]
    assert names.isdisjoint(scored_only)
    rows = [r for p in (*trainer.LINE_SETS, *trainer.SESSION_SETS)  # type: ignore[attr-defined]
            for r in trainer.rows_of(p, "dev")]  # type: ignore[attr-defined]
    assert rows and all(r.get("split", "dev") == "dev" for r in rows)


def test_training_gives_the_same_weights_whatever_order_the_features_come_in() -> None:
    trainer = _trainer()
    data = [(("u:just", "u:try"), 1), (("u:sounds", "u:hard"), 0), (("u:you", "u:should"), 1),
            (("u:hard", "u:you"), 0)]
    shuffled = [(tuple(reversed(f)), y) for f, y in data]
    first = trainer.train(data)  # type: ignore[attr-defined]
    assert first == trainer.train(data)  # type: ignore[attr-defined]
    assert first[1]["u:just"] > 0 > first[1]["u:sounds"]
    assert trainer.train([(tuple(sorted(f)), y) for f, y in shuffled]) == first  # type: ignore[attr-defined]


def test_the_order_features_are_summed_in_never_changes_the_probability() -> None:
    found = features("I hear you, but honestly you just need to get back on that bus.")
    weigh = shipped_model().righting.probability
    assert weigh(sorted(found)) == weigh(sorted(found, reverse=True)) == weigh(found)


def test_the_patients_own_words_are_marked_as_theirs() -> None:
    found = features("So it might be health anxiety, you think?",
                     _patient("My sister reckons it's health anxiety."))
    assert "e:anxiety" in found and "u:anxiety" not in found
    assert "u:anxiety" in features("So it might be health anxiety, you think?")


def test_a_quote_of_the_patient_gives_no_word_pairs_from_inside_the_quote() -> None:
    found = features("You said that's not much, is it.", _patient("That's not much, is it."))
    assert "b:that's_not" not in found and "e:not" in found
    assert "b:that's_not" in features("Well that's not much, is it.")


def test_whose_not_it_is_is_read_from_the_pronoun_before_it() -> None:
    found = features("I'm not saying you're not trying, it's just not working")
    assert {"u:not(i)", "u:not(you)", "u:not"} <= set(found)


def test_warm_advice_the_rules_let_through_is_coded_persuade_with_the_words_that_weighed() -> None:
    line = ("I totally hear you, and honestly what works for most people is just getting back "
            "on the bus and riding it out.")
    coding = code_utterance(line, _patient("I haven't been on a bus since March."))
    assert coding.code is Code.PERSUADE
    assert coding.rule == "learned_righting"
    assert "righting reflex" in coding.why and "'just'" in coding.why
    assert 0.7 < coding.confidence <= 1.0


def test_a_diagnosis_argued_with_the_test_results_is_coded_confront() -> None:
    coding = code_utterance("Sure, but that's the anxiety really, isn't it, the tests have all "
                            "come back fine.",
                            _patient("My heart was going so fast I thought I was dying."))
    assert coding.code is Code.CONFRONT


@pytest.mark.parametrize(("line", "patient"), [
    ("so you're thinking it might be health anxiety, like your sister said",
     "My sister reckons it's health anxiety."),
    ("Can I suggest something? You could try getting off the bus a stop early.",
     "What would you do?"),
    ("It's completely up to you whether you try it.", "I don't know about the diary."),
])
def test_what_the_rules_know_is_mi_consistent_is_not_overruled(line: str, patient: str) -> None:
    coding = code_utterance(line, _patient(patient))
    assert coding.code not in (Code.CONFRONT, Code.PERSUADE)
    assert coding.rule != "learned_righting"


def test_everyday_trainee_talk_the_model_never_saw_is_almost_never_overruled() -> None:
    overruled, lines = _trainer().in_practice()  # type: ignore[attr-defined]
    assert lines > 1000
    assert overruled <= lines // 100, "the model cries wolf on ordinary questions"
