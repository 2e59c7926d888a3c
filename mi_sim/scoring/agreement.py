"""How far the auto coding agrees with the supervisors: observed agreement, Cohen's κ, per code.

    result = code_agreement([("affirm", "affirm"), ("question_open", "question_closed"), ...])
    result.kappa, result.interpretation, result.confusion, result.per_label
    overall, by_supervisor = code_agreement_by_group(rows)   # rows: (supervisor, auto, human)

Pairs are always `(auto, human)`. The confusion table has the human codes as rows and the auto
codes as columns, over the labels that occur on either side, in vocabulary order.

Cohen's κ = (p_o − p_e) / (1 − p_e), with p_o the share of pairs on which both agree and
p_e = Σ_k (human share of k) × (auto share of k), the agreement expected by chance. It is computed
with exact fractions, so "p_e = 1" is recognised exactly: that happens only when both sides used
one and the same label for every pair, and κ is then undefined (None, with the reason) rather
than a division error. No pairs at all gives None everywhere.

Per label, κ is the same statistic on the 2×2 table "this label vs every other label".

Counts are accumulated as they stream in, so agreement over a million turns needs constant memory.

Pure: labels in, numbers and sentences out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from mi_sim.engine.vocabulary import ALL_CODES, ALL_TALK

K = TypeVar("K", bound=Hashable)

CODE_SCALE = "clinician codes"
TALK_SCALE = "client talk"

# Landis & Koch (1977): upper bound of each band (inclusive) and its name; below 0 is "poor".
LANDIS_KOCH: tuple[tuple[float, str], ...] = (
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
    (1.00, "almost perfect"),
)
LANDIS_KOCH_SCALE = ("the Landis & Koch (1977) scale: below 0 poor, 0–0.20 slight, "
                     "0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, "
                     "0.81–1 almost perfect")
# Below this many pairs the interpretation warns that κ is unstable.
FEW_PAIRS = 30

NO_PAIRS = "no pairs to compare yet"


def landis_koch(kappa: float) -> str:
    """The Landis & Koch band of a κ value: poor, slight, fair, moderate, substantial, …"""
    if kappa < 0:
        return "poor"
    for upper, name in LANDIS_KOCH:
        if kappa <= upper:
            return name
    return LANDIS_KOCH[-1][1]


def _kappa(observed: Fraction, expected: Fraction) -> Fraction | None:
    return None if expected == 1 else (observed - expected) / (1 - expected)


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


@dataclass(frozen=True, slots=True)
class LabelAgreement:
    """One label: how often each side gave it, how often they agreed on it, and its κ."""

    label: str
    human: int            # pairs the human coded with this label
    auto: int             # pairs the auto coder coded with this label
    agreed: int           # pairs both coded with this label
    kappa: float | None   # this label vs the rest; None when undefined
    kappa_reason: str | None = None

    @property
    def recall(self) -> float | None:
        """Of the human's uses of the label, the share the auto coder agreed with."""
        return self.agreed / self.human if self.human else None

    @property
    def precision(self) -> float | None:
        """Of the auto coder's uses of the label, the share the human agreed with."""
        return self.agreed / self.auto if self.auto else None

    def to_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "human": self.human,
            "auto": self.auto,
            "agreed": self.agreed,
            "recall": _round(self.recall),
            "precision": _round(self.precision),
            "kappa": _round(self.kappa),
            "kappa_reason": self.kappa_reason,
        }


@dataclass(frozen=True, slots=True)
class Confusion:
    """Counts with the human labels as rows and the auto labels as columns."""

    labels: tuple[str, ...]
    rows: tuple[tuple[int, ...], ...]

    def cell(self, human: str, auto: str) -> int:
        """How many pairs the human coded `human` and the auto coder coded `auto`."""
        if human not in self.labels or auto not in self.labels:
            return 0
        return self.rows[self.labels.index(human)][self.labels.index(auto)]

    @property
    def row_totals(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.rows)

    @property
    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(column) for column in zip(*self.rows, strict=True)) if self.rows else ()

    def to_dict(self) -> dict[str, object]:
        return {
            "rows_are": "human",
            "columns_are": "auto",
            "labels": list(self.labels),
            "rows": [list(row) for row in self.rows],
            "row_totals": list(self.row_totals),
            "column_totals": list(self.column_totals),
        }


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement between the auto coder and the humans over one label set."""

    scale: str                         # what was coded, e.g. "clinician codes"
    vocabulary: tuple[str, ...]        # every label that could have been used, in order
    n: int
    observed: float | None             # p_o; None when there are no pairs
    expected: float | None             # p_e, chance agreement; None when there are no pairs
    kappa: float | None                # None when there are no pairs or κ is undefined
    kappa_reason: str | None           # why κ is None
    per_label: tuple[LabelAgreement, ...]  # labels that occur on either side, in order
    confusion: Confusion

    @property
    def band(self) -> str | None:
        """The Landis & Koch band of κ, or None when there is no κ."""
        return None if self.kappa is None else landis_koch(self.kappa)

    @property
    def interpretation(self) -> str:
        """The result in words, naming the scale it is read on."""
        if self.n == 0:
            return f"Agreement on {self.scale}: {NO_PAIRS}."
        assert self.observed is not None
        counted = (f"the auto coder and the human agree on {self.observed:.0%} of "
                   f"{self.n} {'pair' if self.n == 1 else 'pairs'}")
        if self.kappa is None:
            return f"Agreement on {self.scale}: {counted}; κ is undefined — {self.kappa_reason}."
        text = (f"Agreement on {self.scale}: {counted}; Cohen's κ = {self.kappa:.2f}, "
                f"{self.band} agreement on {LANDIS_KOCH_SCALE}.")
        if self.n < FEW_PAIRS:
            text += f" With fewer than {FEW_PAIRS} pairs κ is unstable; read it with care."
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "scale": self.scale,
            "n": self.n,
            "observed": _round(self.observed),
            "expected": _round(self.expected),
            "kappa": _round(self.kappa),
            "kappa_reason": self.kappa_reason,
            "band": self.band,
            "interpretation": self.interpretation,
            "per_label": [label.to_dict() for label in self.per_label],
            "confusion": self.confusion.to_dict(),
        }


class _Tally:
    """Streaming counts of (human, auto) over a fixed label set, validated as they come."""

    def __init__(self, labels: Sequence[str], scale: str) -> None:
        if len(set(labels)) != len(labels) or not labels:
            raise ValueError("the labels must be a non-empty list without repeats")
        self.labels = tuple(labels)
        self.known = frozenset(self.labels)
        self.scale = scale
        self.cells: Counter[tuple[str, str]] = Counter()
        self.n = 0

    def add(self, auto: str, human: str) -> None:
        for side, label in (("auto", auto), ("human", human)):
            if label not in self.known:
                raise ValueError(
                    f"pair {self.n + 1}: unknown {side} label {label!r} for {self.scale}; "
                    f"expected one of {', '.join(self.labels)}")
        self.cells[(human, auto)] += 1
        self.n += 1

    def result(self) -> Agreement:
        n = self.n
        human_totals: Counter[str] = Counter()
        auto_totals: Counter[str] = Counter()
        for (human, auto), count in self.cells.items():
            human_totals[human] += count
            auto_totals[auto] += count
        used = tuple(label for label in self.labels
                     if human_totals[label] or auto_totals[label])
        confusion = Confusion(used, tuple(tuple(self.cells[(h, a)] for a in used) for h in used))
        if n == 0:
            return Agreement(self.scale, self.labels, 0, None, None, None, NO_PAIRS, (),
                             confusion)
        agreed = {label: self.cells[(label, label)] for label in used}
        observed = Fraction(sum(agreed.values()), n)
        expected = sum((Fraction(human_totals[k] * auto_totals[k], n * n) for k in used),
                       Fraction(0))
        kappa = _kappa(observed, expected)
        reason = None
        if kappa is None:
            reason = (f"every pair is {used[0]!r} on both sides, so there is no variation to "
                      "agree on beyond chance")
        per_label = tuple(self._one_vs_rest(label, agreed[label], human_totals[label],
                                            auto_totals[label]) for label in used)
        return Agreement(self.scale, self.labels, n, float(observed), float(expected),
                         _float(kappa), reason, per_label, confusion)

    def _one_vs_rest(self, label: str, agreed: int, human: int, auto: int) -> LabelAgreement:
        n = self.n
        neither = n - human - auto + agreed
        observed = Fraction(agreed + neither, n)
        expected = (Fraction(human * auto, n * n)
                    + Fraction((n - human) * (n - auto), n * n))
        kappa = _kappa(observed, expected)
        reason = None
        if kappa is None:
            reason = f"both sides coded every pair {label!r}"
        return LabelAgreement(label, human, auto, agreed, _float(kappa), reason)


def agreement(pairs: Iterable[tuple[str, str]], labels: Sequence[str],
              scale: str = "labels") -> Agreement:
    """Agreement over any label set; each pair is `(auto, human)`. Unknown labels raise."""
    tally = _Tally(labels, scale)
    for auto, human in pairs:
        tally.add(auto, human)
    return tally.result()


def agreement_by_group(rows: Iterable[tuple[K, str, str]], labels: Sequence[str],
                       scale: str = "labels") -> tuple[Agreement, dict[K, Agreement]]:
    """Overall agreement and agreement per group (e.g. per supervisor), in one pass.

    Each row is `(group, auto, human)`; the groups come back in the order first seen.
    """
    overall = _Tally(labels, scale)
    groups: dict[K, _Tally] = {}
    for group, auto, human in rows:
        overall.add(auto, human)
        tally = groups.get(group)
        if tally is None:
            tally = groups[group] = _Tally(labels, scale)
        tally.add(auto, human)
    return overall.result(), {group: tally.result() for group, tally in groups.items()}


def code_agreement(pairs: Iterable[tuple[str, str]]) -> Agreement:
    """Agreement on the 13 clinician codes; each pair is `(auto_code, human_code)`."""
    return agreement(pairs, ALL_CODES, CODE_SCALE)


def talk_agreement(pairs: Iterable[tuple[str, str]]) -> Agreement:
    """Agreement on client talk (change / sustain / neutral); each pair is `(auto, human)`."""
    return agreement(pairs, ALL_TALK, TALK_SCALE)


def code_agreement_by_group(
        rows: Iterable[tuple[K, str, str]]) -> tuple[Agreement, dict[K, Agreement]]:
    """Clinician-code agreement overall and per group; rows are `(group, auto, human)`."""
    return agreement_by_group(rows, ALL_CODES, CODE_SCALE)


def talk_agreement_by_group(
        rows: Iterable[tuple[K, str, str]]) -> tuple[Agreement, dict[K, Agreement]]:
    """Client-talk agreement overall and per group; rows are `(group, auto, human)`."""
    return agreement_by_group(rows, ALL_TALK, TALK_SCALE)
