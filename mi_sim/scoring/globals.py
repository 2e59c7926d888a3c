"""The four MITI 4.2.1 global ratings a supervisor gives, and the two summaries they make.

    ratings = GlobalRatings(cultivating_change_talk=4, softening_sustain_talk=3,
                            partnership=4, empathy=3)
    ratings.relational, ratings.relational_level   # 3.5, Level.FAIR
    ratings.technical, ratings.technical_level     # 3.5, Level.FAIR
    describe_globals(ratings)                      # sentences for the report

relational = (partnership + empathy) / 2, judged against fair 3.5 / good 4;
technical  = (cultivating change talk + softening sustain talk) / 2, fair 3 / good 4.

Pure: numbers in, numbers and plain-language verdicts out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from mi_sim.scoring.miti import Level, judge

# (fair, good) thresholds from MITI 4.2.1.
RELATIONAL = (3.5, 4.0)
TECHNICAL = (3.0, 4.0)
# Every global is rated on a five-point scale.
RATING_MIN = 1
RATING_MAX = 5

# The field names in form/API order, and how a person reads them.
GLOBAL_FIELDS: tuple[str, ...] = (
    "cultivating_change_talk", "softening_sustain_talk", "partnership", "empathy")
GLOBAL_LABELS: dict[str, str] = {
    "cultivating_change_talk": "cultivating change talk",
    "softening_sustain_talk": "softening sustain talk",
    "partnership": "partnership",
    "empathy": "empathy",
}


def _check_rating(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number from {RATING_MIN} to {RATING_MAX}; "
                         f"got {value!r}")
    if not RATING_MIN <= value <= RATING_MAX:
        raise ValueError(f"{name} must be from {RATING_MIN} to {RATING_MAX}; got {value}")
    return value


@dataclass(frozen=True, slots=True)
class GlobalRatings:
    """A supervisor's four global ratings of one session, each a whole number from 1 to 5."""

    cultivating_change_talk: int
    softening_sustain_talk: int
    partnership: int
    empathy: int

    def __post_init__(self) -> None:
        for field in fields(self):
            _check_rating(field.name, getattr(self, field.name))

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> GlobalRatings:
        """From form or JSON values; digit strings ("4") are accepted, anything else says why."""
        values: dict[str, int] = {}
        for name in GLOBAL_FIELDS:
            if name not in data or data[name] is None or data[name] == "":
                raise ValueError(f"{name} is missing: rate it from {RATING_MIN} to {RATING_MAX}")
            raw = data[name]
            if isinstance(raw, str):
                stripped = raw.strip()
                if not (stripped.isascii() and stripped.isdigit()):
                    raise ValueError(f"{name} must be a whole number from {RATING_MIN} to "
                                     f"{RATING_MAX}; got {raw!r}")
                raw = int(stripped)
            values[name] = _check_rating(name, raw)
        return cls(**values)

    @property
    def relational(self) -> float:
        return (self.partnership + self.empathy) / 2

    @property
    def technical(self) -> float:
        return (self.cultivating_change_talk + self.softening_sustain_talk) / 2

    @property
    def relational_level(self) -> Level:
        return judge(self.relational, RELATIONAL)

    @property
    def technical_level(self) -> Level:
        return judge(self.technical, TECHNICAL)

    def to_dict(self) -> dict[str, object]:
        return {
            "cultivating_change_talk": self.cultivating_change_talk,
            "softening_sustain_talk": self.softening_sustain_talk,
            "partnership": self.partnership,
            "empathy": self.empathy,
            "relational": self.relational,
            "relational_level": self.relational_level.value,
            "technical": self.technical,
            "technical_level": self.technical_level.value,
        }


def _score(value: float) -> str:
    return f"{value:g}"


def describe_globals(ratings: GlobalRatings) -> list[str]:
    """The ratings in sentences a trainee understands."""
    relational = (
        f"Relational: {_score(ratings.relational)} (partnership {ratings.partnership}, "
        f"empathy {ratings.empathy}) — {ratings.relational_level.value}; "
        "fair is 3.5, good is 4.")
    if ratings.relational_level is not Level.GOOD:
        relational += (" Reflect what the patient means and feels, and share the agenda: ask "
                       "before you advise.")
    technical = (
        f"Technical: {_score(ratings.technical)} (cultivating change talk "
        f"{ratings.cultivating_change_talk}, softening sustain talk "
        f"{ratings.softening_sustain_talk}) — {ratings.technical_level.value}; "
        "fair is 3, good is 4.")
    if ratings.technical_level is not Level.GOOD:
        technical += (" Evoke and reflect change talk; reflect sustain talk rather than argue "
                      "with it.")
    return [relational, technical]
