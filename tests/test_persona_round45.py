"""What round 45 of the blind conversations found."""

from __future__ import annotations

from shipped_talk import results, said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.reading import Form, read_line


def test_how_they_found_his_cancer_is_the_story_of_his_illness() -> None:
    for line in ("Sixty-one is young. What I was getting at is how did they find his cancer, "
                 "was it picked up early or, you know, late?",
                 "I meant your dad, not you. When he got ill, did the doctors catch it late, or "
                 "was it picked up quickly?"):
        source, reply = said("health-anxiety", ["Who is at home?", "Tell me about your parents.",
                                                line])[-1]
        assert source == "fact.parents" and "November" in reply and "sixty-four" not in reply


def test_which_night_this_week_do_you_think_plans_the_step() -> None:
    last = results("health-anxiety", ["What might be a first small step?",
                                      "one night, thats a real step. which night this week do u "
                                      "think, n would u go up w tom at 10?"])[-1]
    assert last.trace.understanding is not None and last.trace.understanding["plan"] is not None
    assert not last.reply_text.startswith("Tom's my partner")


def test_examples_after_say_are_examples_not_options_to_choose() -> None:
    source, reply = said("social-anxiety", [
        "What do you do for work?",
        "Where else do you find yourself stepping back, say on team calls or at lunchtime?"])[-1]
    assert source == "fact.lunch_in_car" and "car" in reply


def test_what_feels_like_a_step_you_would_be_up_for_is_the_key_question() -> None:
    reading = read_line(code_utterance("Some start with something written, others prefer "
                                       "one-to-one. What, if anything, feels like a step you'd "
                                       "be up for?", ()))
    assert reading.form is Form.FUTURE and reading.rule == "key_question"


def test_a_step_said_inside_its_check_is_put_to_the_patient() -> None:
    reading = read_line(code_utterance("sleeping past 4 would be huge. n a step toward it, say one "
                                       "hour in the shed this saturday before the gutters, would "
                                       "that be doable?", ()))
    assert reading.form is Form.PROPOSAL and reading.step and "shed" in reading.step


def test_how_it_has_been_for_the_family_is_what_it_has_taken() -> None:
    assert said("somatic-symptoms", ["Who is at home?", "So Phil's at home, and Kelly and Alfie "
                                     "are round most days. How has all this been for you as a "
                                     "family?"])[-1][0] == "fact.impact"


def test_what_she_thinks_is_behind_the_pain_is_her_belief() -> None:
    assert said("somatic-symptoms", ["Can I ask, and there's no right answer here, what do you "
                                     "yourself think is behind the pain, sort of, in your own "
                                     "mind?"])[-1][0] == "fact.belief"


def test_something_just_for_you_that_switches_your_head_off_is_a_hobby() -> None:
    assert said("generalised-anxiety", ["When you're not at work or looking after everyone, what "
                                        "do you do that's just for you, something that switches "
                                        "your head off?"])[-1][0] == "fact.hobbies"


def test_a_line_about_mornings_and_headaches_answers_only_questions_that_touch_them() -> None:
    for slug, words, line in (
            ("somatic-symptoms", "Mornings are the worst", "What's your gut telling you about what "
             "you'll say to the committee?"),
            ("generalised-anxiety", "band round my head", "When she's out practising, what do "
             "you find yourself doing?")):
        for seed in range(1, 7):
            reply = said(slug, ["What brings you here?", line], seed)[-1][1]
            assert words not in reply, (slug, seed)
