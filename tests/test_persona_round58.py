"""What blind round 58 found: the patient's own view of the problem (how much control, how long
it will last, what would change their mind), what they have read, whether the feared thing ever
happened, who notices, and lines that were read as something else."""

from __future__ import annotations

import pytest
from shipped_talk import said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.reading import Form, read_line
from mi_sim.engine.vocabulary import Code

SLUGS = ("panic-disorder", "generalised-anxiety", "somatic-symptoms", "health-anxiety",
         "social-anxiety")


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize(("line", "fact"), [
    ("How much control do you feel you have over it, day to day?", "fact.control"),
    ("How long do you expect this to go on for, the way things are?", "fact.outlook"),
    ("Do you think it will ever go away?", "fact.outlook"),
    ("What would have to happen for you to see it differently?", "fact.convince"),
])
def test_their_own_view_of_the_problem_has_an_answer_in_every_persona(
        slug: str, line: str, fact: str) -> None:
    assert said(slug, [line])[-1][0] == fact


def test_control_over_the_pain_is_their_say_over_it_not_the_pain_again() -> None:
    assert said("somatic-symptoms", [
        "How much control do you feel you have over the pain from day to day?"])[-1][0] == (
        "fact.control")


def test_say_as_in_for_example_is_not_a_question_about_control() -> None:
    source, _reply = said("generalised-anxiety", [
        "With all this worry and the early waking, how has your mood been lately, say over the "
        "last few weeks?"])[-1]
    assert source != "fact.control"


def test_what_would_make_them_believe_the_lump_is_nothing_is_what_would_convince_them() -> None:
    assert said("health-anxiety", [
        "What would have to happen for you to believe the lump under your jaw is nothing "
        "serious?"])[-1][0] == "fact.convince"


@pytest.mark.parametrize(("slug", "line"), [
    ("social-anxiety", "Has that ever actually happened, the stomach going in a meeting?"),
    ("panic-disorder", "Has that ever actually happened, that you collapsed?"),
    ("generalised-anxiety", "Has that ever actually happened?"),
])
def test_whether_the_feared_thing_ever_happened_is_answered_from_their_fear(
        slug: str, line: str) -> None:
    source, reply = said(slug, [line])[-1]
    assert source == "fact.fear", reply


def test_what_they_have_read_about_a_test_is_what_it_cannot_see() -> None:
    source, reply = said("health-anxiety", [
        "What have you read about what a colonoscopy can and can't pick up?"])[-1]
    assert source == "fact.colonoscopy" and "bowel" in reply


def test_what_the_gp_offered_is_the_referral_not_never() -> None:
    source, reply = said("panic-disorder", [
        "has dr mensah offered u anything for it, like meds or therapy?"])[-1]
    assert source == "fact.therapy" and "refer" in reply


def test_how_the_label_landed_is_what_they_made_of_the_word() -> None:
    source, reply = said("panic-disorder", [
        "when the gp wrote likely panic disorder and offered to refer u, what was that like for "
        "u"])[-1]
    assert source == "fact.doctors" and "word" in reply


@pytest.mark.parametrize(("line", "fact"), [
    ("do the kids notice the checking?", "fact.maya_view"),
    ("does Tom notice?", "fact.tom_view"),
])
def test_whether_someone_at_home_notices_is_their_view(line: str, fact: str) -> None:
    assert said("health-anxiety", [line])[-1][0] == fact


def test_coming_back_to_a_topic_is_not_closing_the_session() -> None:
    ask = read_line(code_utterance("I want to come back to that. But first, how did that feel?"))
    assert ask.form is not Form.CLOSING
    assert read_line(code_utterance("Would you like to come back in two weeks?")).form is (
        Form.CLOSING)


def test_start_with_what_brought_you_asks_what_brought_them() -> None:
    ask = read_line(code_utterance("Maybe start with what brought you to see Dr Hale?"))
    assert ask.form is Form.WH


def test_what_it_is_for_is_not_a_choice_between_the_two() -> None:
    source, _reply = said("somatic-symptoms", [
        "Let's start with what you're taking at the moment, for the pain or for sleep."])[-1]
    assert source == "fact.medication"


def test_someone_elses_verdict_as_the_patient_lived_it_is_not_a_label() -> None:
    coding = code_utterance("It felt like being told it's all in your head, when the cramps are "
                            "very real to you.")
    assert coding.code is not Code.CONFRONT
    assert code_utterance("It's all in your head.").code is Code.CONFRONT


def test_a_bad_headache_day_is_their_day_not_a_stock_line() -> None:
    assert said("generalised-anxiety", ["Tell me what a bad headache day looks like."])[-1][0] == (
        "fact.day")


def test_information_that_says_they_are_not_weak_is_not_a_confrontation() -> None:
    coding = code_utterance(
        "When your brain expects to be judged, it goes on alert, and the gut can cramp. That's "
        "real, not in your head, and it doesn't mean you're weak. How does that land?")
    assert coding.code is not Code.CONFRONT
    assert code_utterance("It means you're weak.").code is Code.CONFRONT


def test_a_huge_amount_to_carry_is_a_reflection_not_information() -> None:
    coding = code_utterance("Your mum, Kelly's marriage, having Alfie, all while working full "
                            "time and in pain. That's a huge amount to carry without anyone "
                            "really knowing.")
    assert coding.code in (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX)


def test_who_she_clears_the_history_for_is_what_she_hides_from_tom() -> None:
    assert said("health-anxiety", [
        "You clear the history before bed. Who are you clearing it for?"])[-1][0] == (
        "fact.hidden_searching.deflect")


def test_what_she_does_day_to_day_to_keep_on_top_of_it_is_her_safety_routine() -> None:
    assert said("health-anxiety", [
        "what do u do day to day to keep on top of it, like checking n stuff"])[-1][0] == (
        "fact.safety")


def test_the_call_not_made_imagined_brings_out_his_fear() -> None:
    assert said("generalised-anxiety", [
        "ok but specifically with ur mum, if 7 came n went n u hadnt rung, whats the worst thing "
        "ur mind would go to"])[-1][0] == "fact.fear"


def test_the_story_of_dannys_tyre_is_his_car_and_where_he_lives_is_not() -> None:
    assert "tyre" in said("generalised-anxiety", [
        "what's the story with danny's soft tyre?"])[-1][1]
    assert "tyre" not in said("generalised-anxiety", [
        "You mentioned Danny and a soft tyre there. Where is he living now?"])[-1][1]
