"""MITI 4.2.1 summary scores from coded turns, judged against the fair/good thresholds.

Pure: counts in, numbers and plain-language verdicts out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from mi_sim.engine.vocabulary import MI_ADHERENT, MI_NON_ADHERENT, Code, Talk

# (fair, good) thresholds from MITI 4.2.1; % open questions is MITI 3 (secondary).
R_TO_Q = (1.0, 2.0)
PCT_COMPLEX = (0.40, 0.50)
PCT_OPEN_MITI3 = (0.50, 0.70)


class Level(StrEnum):
    BELOW_FAIR = "below fair"
    FAIR = "fair"
    GOOD = "good"
    NOT_APPLICABLE = "not applicable"


def judge(value: float | None, thresholds: tuple[float, float]) -> Level:
    if value is None:
        return Level.NOT_APPLICABLE
    fair, good = thresholds
    return Level.GOOD if value >= good else Level.FAIR if value >= fair else Level.BELOW_FAIR


@dataclass(frozen=True, slots=True)
class MitiSummary:
    counts: dict[str, int]
    questions: int
    reflections: int
    complex_reflections: int
    open_questions: int
    adherent: int
    non_adherent: int
    change_talk: int
    sustain_talk: int
    neutral_talk: int

    @property
    def r_to_q(self) -> float | None:
        """Reflections per question; None when there were no questions."""
        return self.reflections / self.questions if self.questions else None

    @property
    def pct_complex(self) -> float | None:
        return self.complex_reflections / self.reflections if self.reflections else None

    @property
    def pct_open(self) -> float | None:
        return self.open_questions / self.questions if self.questions else None

    @property
    def r_to_q_level(self) -> Level:
        if self.questions == 0:
            return Level.GOOD if self.reflections else Level.NOT_APPLICABLE
        return judge(self.r_to_q, R_TO_Q)

    @property
    def pct_complex_level(self) -> Level:
        return judge(self.pct_complex, PCT_COMPLEX)

    @property
    def pct_open_level(self) -> Level:
        return judge(self.pct_open, PCT_OPEN_MITI3)

    def to_dict(self) -> dict[str, object]:
        return {
            "counts": dict(self.counts),
            "questions": self.questions,
            "reflections": self.reflections,
            "r_to_q": None if self.r_to_q is None else round(self.r_to_q, 2),
            "r_to_q_level": self.r_to_q_level.value,
            "pct_complex": None if self.pct_complex is None else round(self.pct_complex, 3),
            "pct_complex_level": self.pct_complex_level.value,
            "pct_open_miti3": None if self.pct_open is None else round(self.pct_open, 3),
            "mi_adherent": self.adherent,
            "mi_non_adherent": self.non_adherent,
            "change_talk": self.change_talk,
            "sustain_talk": self.sustain_talk,
            "neutral_talk": self.neutral_talk,
        }


def summarize(codes: Iterable[str], talk: Iterable[str] = ()) -> MitiSummary:
    """Summary scores for a session: clinician codes in order, and the patient's talk labels."""
    counts = Counter(Code(c).value for c in codes)
    talk_counts = Counter(Talk(t).value for t in talk)
    complex_ = counts[Code.REFLECTION_COMPLEX.value]
    return MitiSummary(
        counts={code.value: counts[code.value] for code in Code},
        questions=counts[Code.QUESTION_OPEN.value] + counts[Code.QUESTION_CLOSED.value],
        reflections=counts[Code.REFLECTION_SIMPLE.value] + complex_,
        complex_reflections=complex_,
        open_questions=counts[Code.QUESTION_OPEN.value],
        adherent=sum(counts[c.value] for c in MI_ADHERENT),
        non_adherent=sum(counts[c.value] for c in MI_NON_ADHERENT),
        change_talk=talk_counts[Talk.CHANGE.value],
        sustain_talk=talk_counts[Talk.SUSTAIN.value],
        neutral_talk=talk_counts[Talk.NEUTRAL.value],
    )


def _ratio(value: float | None) -> str:
    return "no questions asked" if value is None else f"{value:.1f}:1"


def _pct(value: float | None) -> str:
    return "no reflections" if value is None else f"{value:.0%}"


def describe(summary: MitiSummary) -> list[str]:
    """The summary in sentences a trainee understands."""
    lines = [
        f"Reflections to questions: {_ratio(summary.r_to_q)} "
        f"({summary.reflections} reflections, {summary.questions} questions) — "
        f"{summary.r_to_q_level.value}; fair is 1:1, good is 2:1.",
        f"Complex reflections: {_pct(summary.pct_complex)} of your reflections — "
        f"{summary.pct_complex_level.value}; fair is 40%, good is 50%.",
        f"MI-adherent moves (affirm, seek collaboration, emphasise autonomy): {summary.adherent}.",
        f"MI non-adherent moves (persuade without permission, confront): {summary.non_adherent}"
        + (" — each one tends to draw sustain talk." if summary.non_adherent else "."),
        f"The patient's talk: {summary.change_talk} change, {summary.sustain_talk} sustain, "
        f"{summary.neutral_talk} neutral"
        + (" — more change than sustain talk, a good sign."
           if summary.change_talk > summary.sustain_talk else
           " — more sustain than change talk; reflect and evoke rather than argue."
           if summary.sustain_talk > summary.change_talk else "."),
    ]
    if summary.pct_open is not None:
        lines.append(f"Open questions: {summary.pct_open:.0%} of your questions (a MITI 3 "
                     "figure, shown for reference: fair 50%, good 70%).")
    return lines
