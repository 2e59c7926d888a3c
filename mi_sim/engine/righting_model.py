"""A learned second opinion on the righting reflex, for lines the coder's rules let through.

The rules catch the righting reflex they were written for and miss most of what nobody wrote a rule
for: on clinician lines no rule was tuned on they found 37–68% of it. Warm advice ("I totally hear
you, and the thing is…"), persuasion through "most people" and disbelief come in more surface forms
than idioms can list. This module reads a line as a bag of words, word pairs and word triples and
weighs them with two logistic models trained on the labelled sets' dev halves
(`bench/train_righting.py` writes `data/righting.json`; never edit that file by hand):

* `righting` — how likely the line is to be confront or persuade (non-adherent) at all;
* `confront` — among those, how likely it is confront rather than persuade.

Pure and deterministic: features are sorted before they are summed, the weights are data.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import Final

from mi_sim.engine.coding import ContextLine

MODEL_PATH: Final = Path(__file__).parent / "data" / "righting.json"

_WORD = re.compile(r"[a-z']+|[?!]")
_ASKED = re.compile(
    r"\?|\b(should i|what do you think|what would you|can you tell me|any ideas|what can i)\b")
_PERMISSION = re.compile(
    r"\b(can i|may i|could i|would it be ok|would you mind if i|would you like)\b")


def features(text: str, context: Sequence[ContextLine] = ()) -> frozenset[str]:
    """The line's features: words (`u:`, or `e:` for the patient's own), pairs (`b:`), triples
    (`t:`), its first word and first two words, and two cues from the context (the patient's last
    line asked for something; the clinician asked permission earlier). Words quoted from the
    patient's last line (a run of three or more) count as theirs, and no pair or triple is taken
    inside such a quote: saying back "that's not much, is it" is not minimising."""
    raw = _WORD.findall(text.lower().replace("’", "'"))
    said = _patient_said(context)
    quoted = _quoted(raw, said)
    theirs = {w for w in said if len(w) > 3}
    words = _owned_negations(raw)
    found = {("e:" if i in quoted or raw[i] in theirs else "u:") + w for i, w in enumerate(words)}
    pairs = range(len(words) - 1)
    triples = range(len(words) - 2)
    if quoted:
        pairs = [i for i in pairs if not (i in quoted and i + 1 in quoted)]
        triples = [i for i in triples if not (i in quoted and i + 1 in quoted and i + 2 in quoted)]
    found.update(["b:" + words[i] + "_" + words[i + 1] for i in pairs])
    found.update(["t:" + words[i] + "_" + words[i + 1] + "_" + words[i + 2] for i in triples])
    if words:
        found.update(("first:" + words[0], "first2:" + "_".join(words[:2])))
    if context:
        if context[-1].speaker == "patient" and _ASKED.search(context[-1].text.lower()):
            found.add("ctx:asked")
        if any(c.speaker == "clinician" and _PERMISSION.search(c.text.lower()) for c in context):
            found.add("ctx:permission")
    return frozenset(found)


def _quoted(words: Sequence[str], said: Sequence[str]) -> set[int]:
    """Positions of `words` inside a run of three or more words the patient said, in order."""
    if len(said) < 3:
        return set()
    triples = {tuple(said[i:i + 3]) for i in range(len(said) - 2)}
    quoted: set[int] = set()
    for i in range(len(words) - 2):
        if tuple(words[i:i + 3]) in triples:
            quoted.update((i, i + 1, i + 2))
    return quoted


_OWNERS: Final = {"i'm": "i", "am": "i", "i": "i", "you're": "you", "are": "you", "you": "you"}


def _owned_negations(words: list[str]) -> list[str]:
    """"not" and "don't" marked with whose they are when a pronoun comes just before: "I'm not
    saying…" disowns (`not(i)`), "you're not sure" may reflect (`not(you)`), a bare "not" judges."""
    out = list(words)
    for i in range(1, len(words)):
        if words[i] in ("not", "don't", "dont") and (owner := _OWNERS.get(words[i - 1])):
            out[i] = f"{words[i]}({owner})"
    return out


def _patient_said(context: Sequence[ContextLine]) -> list[str]:
    """The words of the patient's last line (none when the last line is not the patient's)."""
    if not context or context[-1].speaker != "patient":
        return []
    return _WORD.findall(context[-1].text.lower().replace("’", "'"))


@dataclass(frozen=True, slots=True)
class Logistic:
    """Weights and a bias; `probability` of the positive class for a feature tuple."""

    bias: float
    weights: dict[str, float]

    def probability(self, found: Iterable[str]) -> float:
        """Summed with `math.fsum`, exactly rounded, so the order of `found` never matters."""
        z = self.bias + math.fsum(map(self.weights.get, found, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def strongest(self, found: Iterable[str], n: int = 3) -> tuple[str, ...]:
        """The `n` present features that push hardest towards the positive class, as text."""
        pushing = sorted((-self.weights[f], f) for f in found if self.weights.get(f, 0.0) > 0.3)
        return tuple(_readable(f) for _, f in pushing[:n])


@dataclass(frozen=True, slots=True)
class Opinion:
    """The model's view of one line."""

    righting: float  # probability the line is confront or persuade
    confront: float  # given that it is, probability it is confront
    words: tuple[str, ...]  # what weighed most, for the `why`


@dataclass(frozen=True, slots=True)
class RightingModel:
    righting: Logistic
    confront: Logistic
    threshold: float  # `righting` above this overrules an MI-consistent or neutral code
    reflection_threshold: float  # ... and above this a reflection, which the rules heard as one
    sources: dict[str, str]  # training file -> sha256, so a test can tell the model is stale

    def opinion(self, text: str, context: Sequence[ContextLine] = (),
                above: float = 0.0) -> Opinion | None:
        """The model's view of a line, or None when it is no more than `above` sure the line
        is the righting reflex (the rest is only worked out for a line that may be overruled)."""
        found = features(text, context)
        righting = self.righting.probability(found)
        if righting <= above:
            return None
        return Opinion(righting, self.confront.probability(found), self.righting.strongest(found))


def _readable(feature: str) -> str:
    kind, _, body = feature.partition(":")
    if kind == "ctx":
        return {"asked": "(the patient asked)", "permission": "(after asking permission)"}[body]
    if kind == "e":
        return f"{body} (the patient's word)"
    return body.replace("_", " ")


def model_from_dict(data: dict[str, object]) -> RightingModel:
    def logistic(raw: object) -> Logistic:
        assert isinstance(raw, dict)
        return Logistic(float(raw["bias"]), {str(k): float(v) for k, v in raw["weights"].items()})

    sources = data.get("sources", {})
    assert isinstance(sources, dict)
    return RightingModel(logistic(data["righting"]), logistic(data["confront"]),
                         float(str(data["threshold"])), float(str(data["reflection_threshold"])),
                         {str(k): str(v) for k, v in sources.items()})


@cache
def shipped_model() -> RightingModel:
    """The model in `data/righting.json`, read once per process."""
    return model_from_dict(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
