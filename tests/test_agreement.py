"""Agreement between the auto coder and human coders: p_o, Cohen's κ, per label, confusion."""

from __future__ import annotations

import pytest

from mi_sim.engine.vocabulary import ALL_CODES
from mi_sim.scoring.agreement import (
    Agreement,
    agreement,
    code_agreement,
    code_agreement_by_group,
    landis_koch,
    talk_agreement,
    talk_agreement_by_group,
)


def pairs_from_table(table: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
    """Expand {(human, auto): count} into (auto, human) pairs."""
    return [(auto, human) for (human, auto), count in table.items() for _ in range(count)]


# The classic 2×2 example (Cohen's κ article on Wikipedia): 50 proposals, two readers.
#                 auto yes  auto no
#   human yes        20        5      25
#   human no         10       15      25
#                    30       20      50
# p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.
CLASSIC = {("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15}

# A 3-category example computed by hand (rows human, columns auto):
#              a    b    c   row
#       a     20    5    0    25
#       b      3   10    2    15
#       c      2    3    5    10
#     col     25   18    7    50
# p_o = (20 + 10 + 5) / 50 = 0.7
# p_e = (25·25 + 15·18 + 10·7) / 50² = (625 + 270 + 70) / 2500 = 965 / 2500 = 0.386
# κ   = (0.7 − 0.386) / (1 − 0.386) = 0.314 / 0.614 = 157 / 307 ≈ 0.5114
# "a" vs rest: agreed 20, human-only 5, auto-only 5, neither 20 → p_o = 0.8, p_e = 0.5, κ = 0.6
# "c" vs rest: agreed 5, human 10, auto 7, neither 50 − 10 − 7 + 5 = 38 → p_o = 43/50 = 0.86,
#              p_e = (10·7 + 40·43) / 2500 = 1790 / 2500 = 0.716, κ = 0.144 / 0.284 ≈ 0.5070
THREE = {("a", "a"): 20, ("a", "b"): 5, ("b", "a"): 3, ("b", "b"): 10, ("b", "c"): 2,
         ("c", "a"): 2, ("c", "b"): 3, ("c", "c"): 5}


def test_the_classic_two_by_two_example_gives_kappa_point_four() -> None:
    result = agreement(pairs_from_table(CLASSIC), ["yes", "no"])
    assert result.n == 50
    assert result.observed == pytest.approx(0.7)
    assert result.expected == pytest.approx(0.5)
    assert result.kappa == pytest.approx(0.4)
    assert result.band == "fair"


def test_a_three_category_example_matches_the_hand_computation() -> None:
    result = agreement(pairs_from_table(THREE), ["a", "b", "c"])
    assert result.observed == pytest.approx(0.7)
    assert result.expected == pytest.approx(0.386)
    assert result.kappa == pytest.approx(157 / 307)
    assert result.band == "moderate"


def test_per_label_counts_recall_precision_and_one_vs_rest_kappa() -> None:
    result = agreement(pairs_from_table(THREE), ["a", "b", "c"])
    by_label = {label.label: label for label in result.per_label}
    a, c = by_label["a"], by_label["c"]
    assert (a.human, a.auto, a.agreed) == (25, 25, 20)
    assert a.recall == pytest.approx(0.8) and a.precision == pytest.approx(0.8)
    assert a.kappa == pytest.approx(0.6)
    assert (c.human, c.auto, c.agreed) == (10, 7, 5)
    assert c.recall == pytest.approx(0.5) and c.precision == pytest.approx(5 / 7)
    assert c.kappa == pytest.approx(0.144 / 0.284)


def test_the_confusion_table_has_human_rows_and_auto_columns() -> None:
    confusion = agreement(pairs_from_table(THREE), ["a", "b", "c"]).confusion
    assert confusion.labels == ("a", "b", "c")
    assert confusion.rows == ((20, 5, 0), (3, 10, 2), (2, 3, 5))
    assert confusion.cell(human="b", auto="c") == 2
    assert confusion.cell(human="c", auto="b") == 3
    assert confusion.row_totals == (25, 15, 10)
    assert confusion.column_totals == (25, 18, 7)


def test_pairs_are_read_as_auto_then_human() -> None:
    result = code_agreement([("affirm", "persuade")])
    assert result.confusion.cell(human="persuade", auto="affirm") == 1
    assert result.confusion.cell(human="affirm", auto="persuade") == 0


def test_perfect_agreement_gives_kappa_one_and_almost_perfect() -> None:
    pairs = [(code, code) for code in ALL_CODES for _ in range(3)]
    result = code_agreement(pairs)
    assert result.observed == 1.0
    assert result.kappa == pytest.approx(1.0)
    assert result.band == "almost perfect"
    assert all(label.kappa == pytest.approx(1.0) for label in result.per_label)


def test_agreement_at_chance_gives_kappa_zero() -> None:
    # Humans say a, a, b, b; auto says a, b, a, b: p_o = 0.5 = p_e.
    result = agreement([("a", "a"), ("b", "a"), ("a", "b"), ("b", "b")], ["a", "b"])
    assert result.observed == pytest.approx(0.5)
    assert result.expected == pytest.approx(0.5)
    assert result.kappa == pytest.approx(0.0)
    assert result.band == "slight"


def test_systematic_disagreement_gives_negative_kappa_read_as_poor() -> None:
    result = agreement([("b", "a"), ("a", "b")], ["a", "b"])
    assert result.kappa == pytest.approx(-1.0)
    assert result.band == "poor"


def test_no_pairs_gives_none_not_a_division_error() -> None:
    result = code_agreement([])
    assert result.n == 0
    assert result.observed is None and result.expected is None and result.kappa is None
    assert result.kappa_reason == "no pairs to compare yet"
    assert result.per_label == () and result.confusion.rows == ()
    assert "no pairs" in result.interpretation
    assert result.to_dict()["kappa"] is None


def test_every_pair_one_identical_code_leaves_kappa_undefined_with_a_reason() -> None:
    result = code_agreement([("affirm", "affirm")] * 5)
    assert result.observed == 1.0
    assert result.expected == 1.0
    assert result.kappa is None
    assert result.kappa_reason is not None and "'affirm'" in result.kappa_reason
    assert result.band is None
    assert "undefined" in result.interpretation
    only = result.per_label[0]
    assert only.kappa is None and only.kappa_reason is not None
    assert only.recall == 1.0 and only.precision == 1.0


def test_one_constant_side_against_a_varied_side_gives_kappa_zero_not_undefined() -> None:
    result = agreement([("a", "a"), ("b", "a"), ("a", "a")], ["a", "b"])
    assert result.kappa == pytest.approx(0.0)
    assert result.kappa_reason is None


def test_a_label_one_side_never_used_has_no_recall_or_no_precision() -> None:
    result = agreement([("a", "b"), ("a", "a")], ["a", "b"])
    b = next(label for label in result.per_label if label.label == "b")
    assert (b.human, b.auto, b.agreed) == (1, 0, 0)
    assert b.recall == 0.0
    assert b.precision is None


def test_only_codes_that_occur_appear_in_vocabulary_order() -> None:
    result = code_agreement([("persuade", "affirm"), ("question_open", "question_open"),
                             ("confront", "persuade")])
    expected = ("question_open", "affirm", "persuade", "confront")
    assert result.confusion.labels == expected
    assert tuple(label.label for label in result.per_label) == expected
    assert result.vocabulary == ALL_CODES


def test_an_unknown_code_is_refused_with_its_position_and_side() -> None:
    with pytest.raises(ValueError, match=r"^pair 2: unknown human label 'ask' for clinician "
                                         r"codes"):
        code_agreement([("affirm", "affirm"), ("affirm", "ask")])
    with pytest.raises(ValueError, match=r"^pair 1: unknown auto label 'maybe' for client talk"):
        talk_agreement([("maybe", "change")])


def test_client_talk_uses_change_sustain_and_neutral() -> None:
    result = talk_agreement([("change", "change"), ("sustain", "sustain"), ("neutral", "change"),
                             ("neutral", "neutral")])
    assert result.scale == "client talk"
    assert result.confusion.labels == ("change", "sustain", "neutral")
    assert result.observed == pytest.approx(0.75)


@pytest.mark.parametrize(("kappa", "band"), [
    (-0.01, "poor"), (0.0, "slight"), (0.2, "slight"), (0.21, "fair"), (0.4, "fair"),
    (0.41, "moderate"), (0.6, "moderate"), (0.61, "substantial"), (0.8, "substantial"),
    (0.81, "almost perfect"), (1.0, "almost perfect"),
])
def test_landis_and_koch_bands(kappa: float, band: str) -> None:
    assert landis_koch(kappa) == band


def test_the_interpretation_names_kappa_its_band_and_the_scale() -> None:
    text = agreement(pairs_from_table(CLASSIC), ["yes", "no"], scale="proposals").interpretation
    assert "70% of 50 pairs" in text
    assert "Cohen's κ = 0.40, fair agreement" in text
    assert "Landis & Koch (1977) scale" in text
    assert "unstable" not in text


def test_the_interpretation_warns_when_there_are_few_pairs() -> None:
    text = code_agreement([("affirm", "affirm"), ("persuade", "persuade")]).interpretation
    assert "fewer than 30 pairs" in text


def test_grouped_agreement_gives_each_group_and_the_whole() -> None:
    rows = [("ann", "affirm", "affirm"), ("ann", "persuade", "confront"),
            ("bob", "affirm", "affirm"), ("bob", "question_open", "question_open")]
    overall, groups = code_agreement_by_group(rows)
    assert list(groups) == ["ann", "bob"]
    assert overall.n == 4 and overall.observed == pytest.approx(0.75)
    assert groups["ann"].n == 2 and groups["ann"].observed == pytest.approx(0.5)
    assert groups["bob"].observed == 1.0
    assert isinstance(groups["bob"], Agreement)


def test_grouped_agreement_takes_a_stream_and_any_hashable_group() -> None:
    rows = ((index % 2, "change", "change" if index % 3 else "neutral") for index in range(12))
    overall, groups = talk_agreement_by_group(rows)
    assert overall.n == 12
    assert set(groups) == {0, 1} and groups[0].n + groups[1].n == 12


def test_to_dict_is_json_ready_and_rounded() -> None:
    data = agreement(pairs_from_table(THREE), ["a", "b", "c"]).to_dict()
    assert data["n"] == 50
    assert data["kappa"] == 0.511
    assert data["expected"] == 0.386
    assert data["band"] == "moderate"
    assert data["confusion"] == {
        "rows_are": "human", "columns_are": "auto", "labels": ["a", "b", "c"],
        "rows": [[20, 5, 0], [3, 10, 2], [2, 3, 5]],
        "row_totals": [25, 15, 10], "column_totals": [25, 18, 7],
    }
    first = data["per_label"][0]  # type: ignore[index]
    assert first == {"label": "a", "human": 25, "auto": 25, "agreed": 20, "recall": 0.8,
                     "precision": 0.8, "kappa": 0.6, "kappa_reason": None}


def test_the_label_set_must_be_non_empty_and_without_repeats() -> None:
    with pytest.raises(ValueError):
        agreement([], [])
    with pytest.raises(ValueError):
        agreement([], ["a", "a"])
