"""What session 57 and its blind round found: spoken fact questions ("how long's it been"), a
guess left to be confirmed, what worries them most, the plan for the session put to them, and a
step they offered themselves taken up later."""

from __future__ import annotations

import pytest
from shipped_talk import said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.reading import read_line


@pytest.mark.parametrize(("slug", "line"), [
    ("panic-disorder", "so how long's it been now, all in all, since this started"),
    ("generalised-anxiety", "How long's this been going on for you?"),
])
def test_how_longs_it_been_asks_how_long_the_problem_has_lasted(slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "fact.duration"


@pytest.mark.parametrize(("slug", "line", "fact"), [
    ("panic-disorder", "no kids yourself, I'm guessing", "fact.children"),
    ("panic-disorder", "no partner at the moment, I assume?", "fact.partner"),
    ("panic-disorder", "and you live with your mum, I take it", "fact.household"),
])
def test_a_guess_left_to_be_confirmed_gets_the_fact(slug: str, line: str, fact: str) -> None:
    assert said(slug, [line])[-1][0] == fact


def test_i_imagine_after_a_feeling_is_still_a_reflection_not_a_fact_check() -> None:
    source, _reply = said("panic-disorder", ["That must have been frightening, I imagine."])[-1]
    assert not source.startswith("fact.")


@pytest.mark.parametrize(("slug", "line"), [
    ("panic-disorder", "and the letter's got you down as twenty-three, is that still right"),
    ("social-anxiety", "twenty-eight, was it"),
    ("health-anxiety", "the letter's got you down as thirty-eight, is that still right"),
])
def test_an_age_checked_in_words_is_the_age(slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "fact.age"


def test_a_number_of_minutes_put_on_something_is_not_an_age() -> None:
    source, _reply = said("panic-disorder", ["You've put twenty minutes aside for the walk?"])[-1]
    assert source != "fact.age"


@pytest.mark.parametrize(("slug", "line"), [
    ("somatic-symptoms", "out of everything, the pain, the tiredness, the sleep, what worries you "
                         "most about it?"),
    ("somatic-symptoms", "When you think about the next year or so, what's the thing you're most "
                         "scared of with all this?"),
    ("health-anxiety", "What's worrying you most right now?"),
    ("health-anxiety", "I'm wondering what you're most afraid the CT might show?"),
    ("panic-disorder", "what are you scared the cardiologist might find?"),
    ("generalised-anxiety", "what's your biggest worry?"),
])
def test_what_worries_them_most_is_the_fear_they_hold(slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "fact.fear"


def test_what_they_fear_asked_again_with_a_test_named_is_still_the_fear() -> None:
    turns = said("health-anxiety", [
        "What's worrying you most right now?",
        "A lot of tests, and the one you asked for is the one you haven't had. What is it "
        "you're afraid the CT would find?"])
    assert [source for source, _reply in turns] == ["fact.fear", "fact.fear"]


def test_a_worry_written_for_treatment_answers_what_worries_them_most_about_it() -> None:
    source, reply = said("panic-disorder", ["What worries you most about treatment?"])[-1]
    assert source == "fact.therapy" and "exposure" in reply


def test_what_is_bothering_them_most_said_back_is_not_a_question_about_their_fear() -> None:
    source, _reply = said("social-anxiety", [
        "Thanks for coming in, Marcus. It sounds like the stomach and the redness are what's "
        "bothering you most. Could you tell me a bit about what the flare-ups are like?"])[-1]
    assert source != "fact.fear"


@pytest.mark.parametrize("slug", ["somatic-symptoms", "panic-disorder", "health-anxiety"])
def test_what_made_them_decide_to_come_is_why_they_came_not_how_they_travelled(slug: str) -> None:
    why = said(slug, ["What made you decide to come in today in the end?"])[-1][1]
    how = said(slug, ["How did you come in today?"])[-1][1]
    assert why != how


def test_what_the_checking_is_costing_them_is_what_it_has_taken() -> None:
    assert said("health-anxiety", [
        "What's the checking costing you, do you think, with Tom and the kids?"])[-1][0] == (
        "fact.impact")


PLAN_FOR_THE_SESSION = [
    "Hi, I'm Sam. Thanks for coming in. I thought we could use this time to talk about what's "
    "been happening and what you'd like to get out of today. Would that be okay?",
    "I'm Sam, I work in the clinic. We've got about thirty minutes, and I'd like to hear about "
    "how things have been from you, and then see together if anything might help. Is that okay?",
]


@pytest.mark.parametrize("slug", ["panic-disorder", "somatic-symptoms", "health-anxiety",
                                  "generalised-anxiety", "social-anxiety"])
@pytest.mark.parametrize("line", PLAN_FOR_THE_SESSION)
def test_the_plan_for_the_session_put_to_them_is_agreed_in_their_voice(
        slug: str, line: str) -> None:
    source, reply = said(slug, [line])[-1]
    assert source == "session_plan", reply


def test_a_menu_of_topics_to_start_with_is_still_a_choice_not_the_plan_agreed() -> None:
    source, _reply = said("health-anxiety", [
        "We've got about half an hour. We could talk about the scan and where that leaves you, "
        "or about the checking and the late nights. Which would feel most useful to start with?"
    ])[-1]
    assert source != "session_plan"


def test_permission_to_explain_something_is_not_the_plan_for_the_session() -> None:
    source, _reply = said("panic-disorder", ["Can I tell you a bit about panic attacks? Is that "
                                             "okay?"])[-1]
    assert source != "session_plan"


def test_why_is_it_ok_somewhere_asks_why_not_for_permission() -> None:
    source, _reply = said("social-anxiety", [
        "why is it ok at nadias and not in meetings, like what makes the difference for u?"])[-1]
    assert source != "permission"


def test_what_the_doctors_said_about_the_results_is_the_tests() -> None:
    source, _reply = said("panic-disorder", [
        "You've had two ECGs, bloods and a 24-hour monitor. What did the doctors say about the "
        "results?"])[-1]
    assert source == "fact.tests"


def test_what_someone_at_home_thinks_of_the_tests_is_still_their_view() -> None:
    source, _reply = said("panic-disorder", ["what does your mum think about the tests?"])[-1]
    assert source.endswith("_view")


@pytest.mark.parametrize("line", ["How much is that costing you each week?",
                                  "no i meant the taxis. how much do they cost u?"])
def test_how_much_something_costs_is_the_money(line: str) -> None:
    assert said("panic-disorder", ["Tell me about getting to placement.", line])[-1][0] == (
        "fact.money")


def test_a_step_the_patient_offered_is_taken_up_when_the_clinician_plans_it() -> None:
    """Leah names the phone downstairs herself; "which night would you try it?" plans her own
    idea, which she does not turn down as if it were new (as she does when it is proposed cold)."""
    lines = [
        "What we often see is that checking brings relief quickly, but the relief doesn't last, "
        "so the worry gets stronger over time. What do you make of that?",
        "If you were to try one small change to the checking, what might that be?",
        "Leaving the phone downstairs one night. You chose it. Which night would you try it?",
    ]
    for seed in range(40):
        turns = said("health-anxiety", lines, seed=seed)
        if turns[1][0] == "key_question" and "phone" in turns[1][1]:
            assert turns[2][0] == "commitment.postpone_searching.accept", turns[2]
            return
    pytest.fail("Leah never offered the phone downstairs herself in 40 seeds")


def test_a_step_proposed_cold_to_a_guarded_patient_is_still_weighed() -> None:
    source, _reply = said("health-anxiety", [
        "How about leaving your phone downstairs tonight?"])[-1]
    assert source == "commitment.postpone_searching.decline"


@pytest.mark.parametrize("line", [
    "Thinking about Alfie, the depot and plot fourteen, what's one small thing you might want to "
    "try in the next couple of weeks?",
    "Is there one small thing you'd want to try before we meet again?",
])
def test_one_small_thing_they_might_want_to_try_is_the_key_question(line: str) -> None:
    assert read_line(code_utterance(line)).rule == "key_question"


@pytest.mark.parametrize(("slug", "line"), [
    ("generalised-anxiety", "If you'd only checked the hob once and were lying in bed, what would "
                            "be going through your mind?"),
    ("generalised-anxiety", "Suppose one night you only checked once and went to bed. What do you "
                            "imagine would happen?"),
    ("health-anxiety", "If you didn't check for a whole day, how would that feel?"),
])
def test_the_safety_behaviour_dropped_in_an_imagined_scene_brings_out_the_fear(
        slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "fact.fear"


def test_an_attack_imagined_here_and_now_is_what_they_do_when_one_comes() -> None:
    assert said("panic-disorder", [
        "If one started right now, here in this room, what would you do?"])[-1][0] == "fact.relief"


def test_what_was_happening_when_it_started_is_the_onset_even_after_looking_back() -> None:
    assert said("generalised-anxiety", [
        "Since you were a boy. Looking back, what was happening in October, when the headaches "
        "and the waking started?"])[-1][0] == "fact.onset"


def test_what_was_going_on_then_after_a_better_time_is_not_the_onset() -> None:
    source, _reply = said("health-anxiety", [
        "Has there been a time in the last year, even a day or two, when you checked less? What "
        "was happening then?"])[-1]
    assert source != "fact.onset"


@pytest.mark.parametrize(("slug", "line", "fact"), [
    ("panic-disorder", "Suppose you did get on the bus to the placement one morning next week. "
                       "What's the first thing you'd notice?", "fact.symptoms"),
    ("panic-disorder", "If you were sitting on the bus, what would you notice first in your body?",
     "fact.symptoms"),
    ("social-anxiety", "Suppose it's September and you're standing up to give the speech. What's "
                       "the first thing you'd notice?", "fact.fear"),
])
def test_a_feared_scene_imagined_gets_what_happens_to_them_there(
        slug: str, line: str, fact: str) -> None:
    assert said(slug, [line])[-1][0] == fact


def test_a_scene_with_the_problem_gone_is_still_looking_forward() -> None:
    source, _reply = said("panic-disorder", [
        "Suppose the attacks stopped tomorrow. What's the first thing you'd notice?"])[-1]
    assert source == "future"
