"""What round 37's remaining misses and round 38 of the blind conversations found: a step set
aside in the key question, "there" as the place named last, "besides X", a question begun again
after a dash, a patient's own words said back taken for advice, closing questions, and follow-ups
the personas had no answer for."""

from __future__ import annotations

import pytest
from shipped_talk import play, said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.coding import ContextLine
from mi_sim.engine.reading import Form, read_line
from mi_sim.engine.vocabulary import Code


def form_of(line: str) -> Form | None:
    return read_line(code_utterance(line, ())).form


def test_a_step_set_aside_in_the_key_question_is_not_the_one_weighed() -> None:
    sources = play("generalised-anxiety", [
        "Some people set aside twenty minutes a day as worry time.",
        "That makes sense. Worry time isn't for you, then. Thinking about the shed and your dad's "
        "Smiths, what would be one small thing you could do this week?"])
    assert not sources[-1].startswith("commitment.worry_time")


def test_there_is_the_place_named_last() -> None:
    assert play("generalised-anxiety", [
        "That's quite a lot squeezed out: the shed, the cycling, and even the driving lessons with "
        "Ella. You mentioned the shed. What do you usually do out there?"]) == ["fact.hobbies"]


@pytest.mark.parametrize("line", [
    "Besides the money, are there other people or things you find yourself worrying about?",
    "What else tends to occupy your thoughts?",
])
def test_what_else_they_worry_about_is_the_fear(line: str) -> None:
    assert play("generalised-anxiety", ["Tell me about the mortgage.", line])[-1] == "fact.fear"


@pytest.mark.parametrize(("line", "form"), [
    ("I'm curious why you picked five and not, say, a two or a three?", Form.WH),
    ("maybe just to start us off, could you tell me a bit about the stomach?", Form.WH),
    ("Would you be willing to tell me a little about what happened with your dad?", Form.WH),
    ("Is there anything you'd like to ask me before you head off?", Form.CLOSING),
    ("Before you go, is there anything from today you want to, um, take away with you?",
     Form.CLOSING),
    ("Would it be alright if I shared something about how worry and the body can be linked? "
     "Just a couple of minutes, and you can tell me if it's nonsense.", Form.PERMISSION),
])
def test_forms_read_as_meant(line: str, form: Form) -> None:
    assert form_of(line) is form


def test_why_five_and_not_lower_is_the_reason_for_the_number() -> None:
    assert read_line(code_utterance("I'm curious why you picked five and not, say, a two or a "
                                    "three?", ())).rule == "ruler_why"


def test_the_how_long_part_asks_how_long_one_lasts() -> None:
    assert play("panic-disorder", ["3-4 a week is a lot to carry. and the how long part, like "
                                   "minutes? hours?"]) == ["fact.episode_length"]


@pytest.mark.parametrize(("lines", "source", "words"), [
    (["When was the first one?", "did anyone come help? what happened after"], "fact.onset",
     "walked past"),
    (["what would seeing a cardiologist give u, do u think?"], "fact.visit_goal", "Proof"),
    (["say you saw a cardiologist and they said your heart's healthy. would it settle things?"],
     "fact.visit_goal", "Relieved"),
    (["have you had any counselling?", "whats stopped u ringing them?"], "fact.therapy",
     "Ringing means"),
    (["what do u make of the treatments dr mensah mentioned?"], "fact.therapy", "avoid"),
    (["Has your supervisor at the practice said anything about you missing shifts?"],
     "fact.placement", "supervisor"),
])
def test_lena_answers_the_follow_up(lines: list[str], source: str, words: str) -> None:
    got, reply = said("panic-disorder", lines)[-1]
    assert got == source and words in reply


@pytest.mark.parametrize(("lines", "source", "words"), [
    (["Tell me about Alfie.", "getting down on the floor for lego, is that hard w the hips? what "
      "stopped the wednesdays"], "fact.person_alfie", "after school"),
    (["How do you sleep?", "what time's the alarm? do u nap after work at all"], "fact.sleep",
     "nap"),
    (["Tell me about the allotment.", "what r u thinking of telling them?"], "fact.allotment",
     "letter"),
])
def test_denise_answers_the_follow_up(lines: list[str], source: str, words: str) -> None:
    got, reply = said("somatic-symptoms", lines)[-1]
    assert got == source and words in reply


def test_sleeping_till_the_alarm_is_no_question_about_the_alarm() -> None:
    reply = said("generalised-anxiety", ["How do you sleep?", "sleeping till the alarm, that'd "
                                         "be something. and the shed, would you be back out "
                                         "there?"])[-1][1]
    assert "payroll wouldn't go out" not in reply


def test_the_rest_of_you_asks_for_the_other_side() -> None:
    assert code_utterance("ur head says give it up cos u cant dig it. n what does the rest of "
                          "u say?", ()).flags & {"evoking"}


def test_saying_back_the_patients_own_words_is_no_advice() -> None:
    context = (ContextLine("patient", "It's gone to weeds, and the committee have written: use "
                                      "it or lose it, answer by the end of the month."),)
    coding = code_utterance("use it or lose it by end of the month, oof. what r u thinking of "
                            "telling them?", context)
    assert coding.code not in (Code.PERSUADE, Code.CONFRONT)
    assert code_utterance("use the breathing app every night, it helps.", context).code is (
        Code.PERSUADE)


def test_i_am_not_here_to_tell_you_it_is_in_your_head_labels_nothing() -> None:
    coding = code_utterance("That's fair, I'm not here to tell you it's all in your head.", ())
    assert coding.code is not Code.CONFRONT and "label" not in coding.flags


@pytest.mark.parametrize(("slug", "lines", "source"), [
    ("social-anxiety", ["how many mondays have u been off, roughly? does ur manager know why"],
     "fact.helen_view"),
    ("social-anxiety", ["Tell me about five-a-side.", "a yr ago. what made u stop?"],
     "fact.five_a_side"),
    ("social-anxiety", ["He's your best mate. How long have you two known each other?"],
     "fact.jordan"),
    ("generalised-anxiety", ["Do you think the worrying - about your mum, Ella driving, work - "
                             "do you think it might be playing any part in the headaches?"],
     "fact.belief"),
    ("somatic-symptoms", ["So, the letter mentions the pain management programme. What do you "
                          "already know about it?"], "fact.pain_programme"),
    ("panic-disorder", ["Coat on, taxi booked, and still ringing in. How does your mum feel "
                        "about all this?"], "fact.joanne_view"),
    ("health-anxiety", ["How much of this do you think the kids pick up on?"], "fact.children"),
    ("panic-disorder", ["When you're out and you feel it starting, what do you do to, like, keep "
                        "yourself safe or get through it?"], "fact.safety"),
])
def test_the_question_asked_not_a_word_in_it(slug: str, lines: list[str], source: str) -> None:
    assert play(slug, lines)[-1] == source


def test_how_old_were_you_asks_about_the_event_not_their_age_now() -> None:
    assert play("health-anxiety", ["Your dad died of bowel cancer. How old were you, and how "
                                   "did it come about for him?"]) == ["fact.family_history"]
    assert play("health-anxiety", ["How old are you?"]) == ["fact.age"]


def test_what_the_speech_would_mean_is_about_the_speech() -> None:
    source, reply = said("social-anxiety", [
        "The speech is the big one. What would it mean to you, to stand up there and do it?"])[0]
    assert source == "value.friendship" and "shown up for him" in reply


def test_a_persuasion_then_a_look_ahead_is_answered_as_the_look_ahead() -> None:
    source = play("social-anxiety", [
        "There are things that help with exactly this, one-to-one, or a workbook online, and the "
        "stomach settles when the fear does. But what, if anything, would you want to be "
        "different by September?"])[0]
    assert source == "future"


def test_jotting_down_when_and_what_is_one_step() -> None:
    ask = read_line(code_utterance(
        "Would you be up for one small thing before we next meet? Like, um, just jotting down "
        "for a week when the stomach goes and what was coming up that day?", ()))
    assert ask.form is Form.PROPOSAL


def test_leaving_the_phone_downstairs_is_weighed_as_itself() -> None:
    source, reply = said("health-anxiety", [
        "What would you think about one small thing, like leaving the phone downstairs at "
        "night?"], seed=2)[0]
    assert source == "commitment.postpone_searching.decline" and "thirty" not in reply
    assert play("health-anxiety", ["Is leaving the phone downstairs also a no, or does that "
                                   "feel different?"])[0].startswith(
        "commitment.postpone_searching")


def test_a_thing_named_in_the_questions_own_sentence_beats_the_one_before() -> None:
    assert play("somatic-symptoms", ["bad day today then. i read u tried amitriptyline a while "
                                     "back, what happened with that?"]) == ["fact.medication"]


def test_how_mum_is_keeping_is_her_health_said_once() -> None:
    source, reply = said("generalised-anxiety", ["Tell me about your mum.",
                                                 "and health wise? how is jean doing"])[-1]
    assert source == "fact.mum" and reply.startswith("Well enough") and reply.count(
        "seventy-nine") == 1


def test_options_after_a_why_question_do_not_hide_its_follow_up() -> None:
    assert play("somatic-symptoms", ["who's at home with you?",
                                     "aw. why did wednesdays stop? was it the pain or the shifts"],
                seed=3602)[-1] == "fact.person_alfie"


def test_when_and_where_do_you_think_you_might_is_planning() -> None:
    from mi_sim.engine.planning import aspect_asked
    from mi_sim.engine.vocabulary import PlanAspect
    assert aspect_asked("when and where do you think you might write it?") in (
        PlanAspect.WHEN, PlanAspect.WHERE)
    assert aspect_asked("where do you think you might write it?") is PlanAspect.WHERE


def test_what_they_would_like_to_focus_on_then_a_list_is_the_agenda() -> None:
    ask = read_line(code_utterance(
        "Can I check what you'd like to focus on today? We could talk about the pain and sleep, "
        "about work, about getting some of these things back, or something else you have in "
        "mind.", ()))
    assert ask.form is Form.EITHER_OR and ask.rule == "agenda"


def test_what_has_been_worrying_them_about_their_body_is_the_fear() -> None:
    assert play("health-anxiety", ["Before we get to the scan, could you tell me what's been "
                                   "worrying you about your body?"]) == ["fact.fear"]


def test_a_question_after_a_topic_put_aside_asks_its_own_sentence() -> None:
    assert play("social-anxiety", ["I'll come back to Sunday nights. Are you on any medication "
                                   "at the moment, and how do you take it?"]) == [
        "fact.medication"]
