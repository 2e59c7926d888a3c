"""The four MITI 4.2.1 global ratings and the relational and technical summaries."""

from __future__ import annotations

import pytest

from mi_sim.scoring.globals import (
    RELATIONAL,
    TECHNICAL,
    GlobalRatings,
    describe_globals,
)
from mi_sim.scoring.miti import Level


def ratings(cultivating: int = 3, softening: int = 3, partnership: int = 3,
            empathy: int = 3) -> GlobalRatings:
    return GlobalRatings(cultivating_change_talk=cultivating, softening_sustain_talk=softening,
                         partnership=partnership, empathy=empathy)


def test_relational_is_the_mean_of_partnership_and_empathy() -> None:
    assert ratings(partnership=4, empathy=3).relational == pytest.approx(3.5)


def test_technical_is_the_mean_of_cultivating_and_softening() -> None:
    assert ratings(cultivating=2, softening=5).technical == pytest.approx(3.5)


def test_the_thresholds_are_those_of_miti_4_2_1() -> None:
    assert RELATIONAL == (3.5, 4.0)
    assert TECHNICAL == (3.0, 4.0)


@pytest.mark.parametrize(("partnership", "empathy", "level"), [
    (3, 3, Level.BELOW_FAIR),
    (4, 3, Level.FAIR),     # 3.5 is exactly fair
    (4, 4, Level.GOOD),     # 4 is exactly good
    (5, 4, Level.GOOD),
    (1, 1, Level.BELOW_FAIR),
])
def test_relational_is_judged_against_three_and_a_half_and_four(
        partnership: int, empathy: int, level: Level) -> None:
    assert ratings(partnership=partnership, empathy=empathy).relational_level is level


@pytest.mark.parametrize(("cultivating", "softening", "level"), [
    (3, 2, Level.BELOW_FAIR),   # 2.5
    (3, 3, Level.FAIR),         # 3 is exactly fair
    (4, 3, Level.FAIR),         # 3.5
    (4, 4, Level.GOOD),         # 4 is exactly good
    (5, 5, Level.GOOD),
])
def test_technical_is_judged_against_three_and_four(
        cultivating: int, softening: int, level: Level) -> None:
    assert ratings(cultivating=cultivating, softening=softening).technical_level is level


def test_the_same_mean_can_be_fair_technically_and_below_fair_relationally() -> None:
    same = ratings(cultivating=3, softening=3, partnership=3, empathy=3)
    assert same.technical_level is Level.FAIR
    assert same.relational_level is Level.BELOW_FAIR


@pytest.mark.parametrize("value", [0, 6, -1, 10])
@pytest.mark.parametrize("field", ["cultivating_change_talk", "softening_sustain_talk",
                                   "partnership", "empathy"])
def test_a_rating_outside_one_to_five_names_the_field_and_the_range(
        field: str, value: int) -> None:
    values = {"cultivating_change_talk": 3, "softening_sustain_talk": 3, "partnership": 3,
              "empathy": 3, field: value}
    with pytest.raises(ValueError, match=rf"^{field} must be from 1 to 5; got {value}$"):
        GlobalRatings(**values)


@pytest.mark.parametrize("value", [3.5, "3", None, True])
def test_a_rating_that_is_not_a_whole_number_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match=r"^empathy must be a whole number from 1 to 5"):
        GlobalRatings(cultivating_change_talk=3, softening_sustain_talk=3, partnership=3,
                      empathy=value)  # type: ignore[arg-type]


def test_ratings_are_frozen() -> None:
    with pytest.raises(AttributeError):
        ratings().empathy = 5  # type: ignore[misc]


def test_from_mapping_accepts_form_strings_and_ints() -> None:
    parsed = GlobalRatings.from_mapping({"cultivating_change_talk": "4",
                                         "softening_sustain_talk": " 3 ", "partnership": 5,
                                         "empathy": "2", "ignored": "x"})
    assert parsed == ratings(cultivating=4, softening=3, partnership=5, empathy=2)


def test_from_mapping_names_a_missing_or_malformed_field() -> None:
    complete = {"cultivating_change_talk": "4", "softening_sustain_talk": "3",
                "partnership": "5", "empathy": "2"}
    with pytest.raises(ValueError, match=r"^partnership is missing"):
        GlobalRatings.from_mapping({**complete, "partnership": ""})
    with pytest.raises(ValueError, match=r"^empathy must be a whole number from 1 to 5; "
                                         r"got 'four'"):
        GlobalRatings.from_mapping({**complete, "empathy": "four"})
    with pytest.raises(ValueError, match=r"^softening_sustain_talk must be from 1 to 5; got 9"):
        GlobalRatings.from_mapping({**complete, "softening_sustain_talk": "9"})


def test_to_dict_holds_the_ratings_the_summaries_and_their_verdicts() -> None:
    assert ratings(cultivating=4, softening=3, partnership=4, empathy=4).to_dict() == {
        "cultivating_change_talk": 4,
        "softening_sustain_talk": 3,
        "partnership": 4,
        "empathy": 4,
        "relational": 4.0,
        "relational_level": "good",
        "technical": 3.5,
        "technical_level": "fair",
    }


def test_describe_gives_each_summary_its_score_parts_verdict_and_thresholds() -> None:
    relational, technical = describe_globals(
        ratings(cultivating=4, softening=3, partnership=4, empathy=4))
    assert relational == ("Relational: 4 (partnership 4, empathy 4) — good; "
                          "fair is 3.5, good is 4.")
    assert technical.startswith("Technical: 3.5 (cultivating change talk 4, softening sustain "
                                "talk 3) — fair; fair is 3, good is 4.")


def test_describe_adds_advice_only_below_good() -> None:
    low = describe_globals(ratings(1, 2, 2, 3))
    assert "below fair" in low[0] and "ask before you advise" in low[0]
    assert "below fair" in low[1] and "reflect sustain talk rather than argue" in low[1]
    high = describe_globals(ratings(5, 5, 5, 5))
    assert all(line.endswith("good is 4.") for line in high)
