"""What blind round 59 found: a question behind an apology, what an attack feels like, a guess
asked for that is no future, a smaller step, one more session, and a fact told before asked
again (never "I don't know")."""

from __future__ import annotations

import pytest
from shipped_talk import said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.reading import Form, read_line
from mi_sim.engine.vocabulary import Code


def test_a_question_after_sorry_i_keep_asking_is_answered() -> None:
    assert said("social-anxiety", ["sorry i keep asking but who lives with u?"])[-1][0] == (
        "fact.household")


def test_what_an_attack_feels_like_is_what_the_body_does() -> None:
    assert said("panic-disorder", [
        "what does it actually feel like when an attack comes on?"])[-1][0] == "fact.symptoms"


def test_what_has_got_smaller_is_what_the_problem_has_taken() -> None:
    assert said("panic-disorder", ["smaller how? what kinda things have got smaller"])[-1][0] == (
        "fact.impact")


def test_whether_it_is_one_cause_or_another_is_what_they_believe() -> None:
    assert said("social-anxiety", [
        "do u think its the IBS or could it be something about the meetings themselves?"])[-1][0] \
        == "fact.belief"


def test_a_number_guessed_is_not_looking_forward() -> None:
    ask = read_line(code_utterance("If you had to put a number on it, how many years would you "
                                   "say you've been waking at four?"))
    assert ask.form is Form.WH


@pytest.mark.parametrize("line", [
    "What would feel like a smaller step, something you could manage?",
    "So not the phone yet. What would feel like a manageable first step to you, if anything?",
])
def test_a_smaller_step_asked_for_is_the_key_question(line: str) -> None:
    assert read_line(code_utterance(line)).rule == "key_question"


def test_one_more_session_offered_is_the_close_not_the_last_step_again() -> None:
    assert read_line(code_utterance(
        "Would you be willing to come back for one more session, to look at the four o'clock "
        "waking together?")).form is Form.CLOSING


def test_working_the_allotment_is_not_a_question_about_the_job() -> None:
    source, _reply = said("somatic-symptoms", [
        "Plot fourteen. How long is it since you were last able to work it?"])[-1]
    assert source != "fact.work"


def test_a_fact_told_and_asked_again_is_told_again_not_unknown() -> None:
    turns = said("generalised-anxiety", [
        "Dr Hale's letter mentioned waking at four most mornings. Is that not happening for you?",
        "You mentioned waking at four most mornings. Is that still happening?"])
    assert [source for source, _reply in turns] == ["fact.sleep", "fact.sleep"]


@pytest.mark.parametrize(("slug", "line"), [
    ("panic-disorder", "What's good about things staying as they are, keeping away from buses and "
                       "the big shops?"),
    ("panic-disorder", "I guess staying away means you don't have to go through that again. Is "
                       "that the upside of avoiding them?"),
    ("social-anxiety", "What does the checking give you?"),
    ("generalised-anxiety", "What does the worrying do for you?"),
])
def test_the_good_side_of_things_as_they_are_has_an_answer(slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "fact.upside"


def test_what_they_get_out_of_something_they_enjoy_is_not_the_upside_of_avoiding() -> None:
    source, _reply = said("panic-disorder", ["what do you get out of the gigs?"])[-1]
    assert source != "fact.upside"


def test_how_much_control_over_a_named_thing_is_still_their_sense_of_control() -> None:
    assert said("health-anxiety", ["How much control do you have over the checking?"])[-1][0] == (
        "fact.control")


@pytest.mark.parametrize("line", [
    "I wonder if the checking feels like a way of not letting what happened to him happen to you.",
    "I wonder if the worry is your way of looking after everyone.",
])
def test_i_wonder_if_said_of_their_meaning_is_a_tentative_reflection(line: str) -> None:
    coding = code_utterance(line)
    assert coding.code is Code.REFLECTION_COMPLEX
    assert read_line(coding).form not in (Form.YES_NO, Form.WH)


def test_i_wonder_if_you_could_try_is_still_a_suggestion_not_a_reflection() -> None:
    assert code_utterance("I wonder if you could try the diary.").code is not (
        Code.REFLECTION_COMPLEX)


@pytest.mark.parametrize("line", [
    "It sounds like it means a great deal. What's kept it on the bench since before Christmas?",
    "Going back to the clock for a moment: what has stopped you finishing it?",
])
def test_what_has_kept_dads_clock_on_the_bench_is_what_holds_him_back(line: str) -> None:
    source, reply = said("generalised-anxiety", ["Tell me about your dad's clock.", line])[-1]
    assert source in ("fact.dads_clock", "commitment.shed_hour.plan.obstacles"), reply


def test_what_changed_since_they_coped_better_is_when_it_got_worse() -> None:
    assert said("social-anxiety", ["u used to cope better.. what changed?"])[-1][0] == (
        "fact.onset")


def test_how_long_ago_was_that_points_at_the_thing_just_named() -> None:
    assert said("social-anxiety", [
        "u stopped five a side too didnt u? how long ago was that"])[-1][0] == "fact.five_a_side"
