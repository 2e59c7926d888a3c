"""What round 33 of the blind conversations found (a mixed-skill trainee typing, a good MI session
through all four processes, a clinician speaking): the patient chooses when offered a choice,
says whether they will come back, tells what they fear is happening, and hears an invitation
as one."""

from __future__ import annotations

import pytest
from shipped_talk import CATALOG, play, results, said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.reading import Form, read_line

AGENDA = ("We've got about half an hour. We could talk about the scan and where that leaves you, "
          "or about the checking and the late nights and what they're costing you. Which would "
          "feel most useful to start with?")


def test_two_topics_offered_then_which_first_is_a_choice_of_topic() -> None:
    ask = read_line(code_utterance(AGENDA, ()))
    assert ask.form is Form.EITHER_OR and ask.rule == "agenda"
    assert ask.options == ("the scan", "the checking")


def test_a_topic_chosen_is_answered_with_the_topic_not_a_fact_or_a_step_declined() -> None:
    [result] = results("health-anxiety", [AGENDA], seed=3521)
    assert result.trace.source == "choice"
    assert result.reply_text.lower().startswith(("the scan", "the checking"))


@pytest.mark.parametrize(("slug", "line"), [
    ("panic-disorder", "In that moment in the queue, what did you think was happening to you?"),
    ("panic-disorder", "When your heart goes like that in the queue, what do you fear it means?"),
    ("health-anxiety", "when you find the lump, what are you afraid is going on?"),
])
def test_what_they_thought_was_happening_is_their_own_explanation(slug: str, line: str) -> None:
    assert play(slug, [line], seed=3523) == ["fact.belief"]


def test_what_it_means_about_something_else_is_not_their_explanation() -> None:
    assert play("panic-disorder", ["what do you think it means about what you can do?"]) != [
        "fact.belief"]


def test_picking_one_small_first_step_is_the_key_question_not_a_hypothetical() -> None:
    ask = read_line(code_utterance(
        "If you were to pick one very small first step this week, what might it be?", ()))
    assert (ask.form, ask.rule) == (Form.FUTURE, "key_question")


def test_an_obstacle_to_going_with_her_mum_is_planned_on_her_small_step() -> None:
    [result] = results("panic-disorder", [
        "If you did go with your mum on Saturday, what might get in the way?"], seed=3523)
    assert result.trace.source == "commitment.one_small_step.plan.obstacles"


def test_can_you_tell_me_if_thats_okay_invites_the_patient_to_talk() -> None:
    ask = read_line(code_utterance(
        "I'm sorry about your dad. Um, can you tell me a bit about what happened with him, if "
        "that's okay?", ()))
    assert ask.form is not Form.PERMISSION


def test_asking_permission_to_tell_them_something_is_still_a_permission_request() -> None:
    ask = read_line(code_utterance("would it be ok if i told you a bit about how worry works?", ()))
    assert ask.form is Form.PERMISSION


def test_what_she_was_like_as_a_mum_is_not_about_her_mother() -> None:
    lines = ["Thinking back to before the worry took hold, what were you like as a mum then?"]
    assert play("health-anxiety", lines, seed=3521) != ["fact.parents"]
    assert play("health-anxiety", ["how's your mum doing?"]) == ["fact.parents"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
@pytest.mark.parametrize("seed", [2, 5])
def test_asked_to_meet_again_every_patient_answers_whether_they_will(slug: str, seed: int) -> None:
    [(source, reply)] = said(slug, ["thanks for coming in today. shall we meet again next week?"],
                             seed=seed)
    assert source == "closing"
    assert "think about it" not in reply.lower()


def test_marcus_refuses_a_group_only_when_a_group_is_mentioned() -> None:
    offered = ("so would you rather try a few one-to-one sessions with me, or start with a "
               "self-help workbook you can do at home in your own time?")
    replies = [r.reply_text for seed in range(6) for r in results("social-anxiety", [offered],
                                                                   seed=seed)]
    assert not any("group" in reply.lower() for reply in replies)


def test_what_you_do_inside_a_proposal_is_part_of_the_step_not_a_second_question() -> None:
    ask = read_line(code_utterance(
        "So, um, I'm wondering, would you be willing to try something small for the next couple "
        "of weeks, like keeping a simple sleep diary, just noting when you wake and what you do, "
        "so we've got something to look at together?", ()))
    assert ask.form is Form.PROPOSAL and "sleep diary" in (ask.step or "")


def test_what_do_you_do_day_to_day_asks_about_work() -> None:
    assert play("social-anxiety", [
        "Two or three bad days a week, mostly meeting days, and the weekends hardly ever. So, "
        "um, what's your work, what do you do day to day?"], seed=3532) == ["fact.work"]


def test_have_you_told_him_how_you_feel_asks_whether_he_was_told() -> None:
    ask = read_line(code_utterance(
        "that replaying sounds exhausting. have you told jordan how you feel about being best "
        "man?", ()))
    assert ask.form is Form.YES_NO
    assert play("social-anxiety", ["have you told jordan how you feel about being best man?"]
                ) == ["fact.jordan_view"]


def test_a_question_after_sorry_is_the_question_not_the_apology() -> None:
    ask = read_line(code_utterance(
        "Sorry, I'm not sure I got an answer though, um - the searching itself, does Tom know "
        "about that?", ()))
    assert ask.form is Form.YES_NO
    assert read_line(code_utterance("Sorry, I didn't mean it like that.", ())).form is (
        Form.APOLOGY)


def test_tell_me_more_after_a_dash_is_its_own_invitation() -> None:
    coding = code_utterance("checking for exits - tell me more about that", ())
    assert [s.code.value for s in coding.segments][-1] == "question_open"
    assert read_line(coding).rule == "tell_me"


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_what_they_do_to_feel_safe_is_their_safety_behaviours(slug: str) -> None:
    assert play(slug, ["is there anything you do to help you feel safe?"]) == ["fact.safety"]


def test_the_exits_and_the_seat_by_the_door_are_her_safety_behaviours() -> None:
    for line in ("checking for exits - tell me more about that",
                 "do you always sit near the door?",
                 "what do you do when you walk into somewhere new, like a shop?"):
        assert play("panic-disorder", [line], seed=3511) == ["fact.safety"], line


def test_feeling_safe_at_home_is_still_the_risk_check() -> None:
    assert play("panic-disorder", ["do you feel safe at home?"]) == ["fact.risk"]


def test_what_goes_round_at_four_and_what_happens_in_him_are_his_inner_world() -> None:
    first, second = results("generalised-anxiety", [
        "When you're awake at four going through tomorrow, what sorts of things are going round?",
        "What happens in you if she doesn't pick up at seven?"], seed=3522)
    assert "round and round" in first.reply_text.lower()
    assert second.trace.understanding["ask"]["rule"] == "inner"


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("panic-disorder", "You walked here? how far is that", "fact.day"),
    ("health-anxiety", "I'm curious, what would you say has helped with the worry, even a little "
     "bit, over the past year?", "fact.relief"),
    ("health-anxiety", "So just one small thing - when the worry's bad, is there anything at all "
     "that brings it down, even for an hour?", "fact.relief"),
    ("health-anxiety", "What else has changed since the attacks started?", "fact.impact"),
])
def test_round_33_factual_questions_reach_their_fact(slug: str, line: str, source: str) -> None:
    assert play(slug, [line], seed=3533) == [source]


def test_what_would_you_say_to_her_is_still_no_factual_question() -> None:
    assert play("health-anxiety", ["what would you say to her?"]) != ["fact.relief"]


def test_the_worst_of_what_you_picture_happening_asks_what_she_fears_not_her_worst_time() -> None:
    ask = read_line(code_utterance(
        "When you say it only goes one way, um, what's the worst of what you picture happening?",
        ()))
    assert ask.rule == "inner"


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_how_the_problem_affects_work_is_answered_about_work_now(slug: str) -> None:
    [result] = results(slug, ["how is it affecting you at work at the moment?"])
    assert result.trace.source == "fact.work"
    assert "follow-up" in result.trace.understanding["fact"]["why"]  # not the job described


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_asked_whether_they_feel_safe_at_home_every_patient_says_they_are(slug: str) -> None:
    [(source, reply)] = said(slug, ["do you feel safe at home?"])
    assert source == "fact.risk" and reply.lower().startswith("safe")


def test_a_step_offered_with_or_does_that_feel_like_one_more_job_is_a_proposal() -> None:
    ask = read_line(code_utterance(
        "What I mean is - would you be up for writing it down for a fortnight, the sleep diary, "
        "or does that feel like one more job you don't need?", ()))
    assert ask.form is Form.PROPOSAL
    assert read_line(code_utterance(
        "So four years, the tests, and the letter. Does that feel about right?", ())).form in (
        Form.SUMMARY, Form.CHECK)
