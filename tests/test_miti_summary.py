"""MITI 4.2.1 summary scores and their fair/good verdicts."""

from __future__ import annotations

import pytest

from mi_sim.scoring.miti import Level, describe, judge, summarize


def test_reflection_to_question_ratio_counts_both_reflection_codes() -> None:
    summary = summarize(["reflection_simple", "reflection_complex", "reflection_complex",
                         "question_open", "question_closed", "affirm"])
    assert summary.reflections == 3 and summary.questions == 2
    assert summary.r_to_q == pytest.approx(1.5)
    assert summary.r_to_q_level is Level.FAIR


def test_two_reflections_per_question_is_good_and_below_one_is_below_fair() -> None:
    assert summarize(["reflection_simple"] * 4 + ["question_open"] * 2).r_to_q_level is Level.GOOD
    assert summarize(["reflection_simple"] + ["question_open"] * 2).r_to_q_level \
        is Level.BELOW_FAIR


def test_percent_complex_reflections_uses_the_forty_and_fifty_percent_thresholds() -> None:
    assert summarize(["reflection_complex"] * 2 + ["reflection_simple"] * 3).pct_complex_level \
        is Level.FAIR
    assert summarize(["reflection_complex", "reflection_simple"]).pct_complex_level \
        is Level.GOOD
    assert summarize(["reflection_complex"] + ["reflection_simple"] * 2).pct_complex_level \
        is Level.BELOW_FAIR


def test_no_questions_and_no_reflections_is_not_applicable_not_a_division_error() -> None:
    summary = summarize(["facilitate", "other"])
    assert summary.r_to_q is None and summary.pct_complex is None
    assert summary.r_to_q_level is Level.NOT_APPLICABLE
    assert summary.pct_complex_level is Level.NOT_APPLICABLE


def test_reflections_without_any_question_count_as_good() -> None:
    assert summarize(["reflection_complex"]).r_to_q_level is Level.GOOD


def test_adherent_and_non_adherent_counts_follow_miti() -> None:
    summary = summarize(["affirm", "seek_collaboration", "emphasize_autonomy", "persuade",
                         "confront", "persuade_with_permission", "giving_information"])
    assert summary.adherent == 3
    assert summary.non_adherent == 2


def test_client_talk_is_counted_by_label() -> None:
    summary = summarize([], ["change", "change", "sustain", "neutral"])
    assert (summary.change_talk, summary.sustain_talk, summary.neutral_talk) == (2, 1, 1)


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError):
        summarize(["shouting"])


def test_judge_is_inclusive_at_each_threshold() -> None:
    assert judge(1.0, (1.0, 2.0)) is Level.FAIR
    assert judge(2.0, (1.0, 2.0)) is Level.GOOD
    assert judge(0.99, (1.0, 2.0)) is Level.BELOW_FAIR


def test_the_description_speaks_plainly_about_thresholds_and_talk() -> None:
    text = " ".join(describe(summarize(["reflection_complex", "question_open", "persuade"],
                                       ["sustain", "sustain", "change"])))
    assert "1.0:1" in text and "fair is 1:1, good is 2:1" in text
    assert "more sustain than change talk" in text
    assert "MITI 3" in text
