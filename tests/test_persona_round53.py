"""What session 53's talks and blind round found: "the last one" of a thing taken one at a time,
waking in the night, and the fact itself asked for after only a follow-up of it was told."""

from __future__ import annotations

import pytest
from shipped_talk import results, said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.coding import ContextLine
from mi_sim.engine.fact_cues import kinds_asked
from mi_sim.engine.reading import Form, Slot, read_line
from mi_sim.engine.vocabulary import Code, FactKind


@pytest.mark.parametrize(("before", "line"), [
    (["How many cups of coffee do you have a day?"], "What time's the last one?"),
    ([], "What do you drink through the day, tea, coffee, and roughly what time's the last one?"),
])
def test_the_last_one_of_a_drink_is_the_last_drink_not_the_last_attack(
        before: list[str], line: str) -> None:
    source, reply = said("generalised-anxiety", [*before, line])[-1]
    assert source == "fact.caffeine", reply


def test_the_last_one_with_nothing_taken_talked_about_is_still_the_last_attack() -> None:
    assert said("panic-disorder", ["When was the last one?"])[-1][0] == "fact.last_episode"


@pytest.mark.parametrize(("slug", "line"), [
    ("generalised-anxiety", "What time do you wake in the night?"),
    ("somatic-symptoms", "What time do you usually wake up in the night?"),
    ("somatic-symptoms", "Can I ask about your sleep instead - what happens at night?"),
])
def test_waking_in_the_night_is_about_sleep_not_the_morning_routine(slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "fact.sleep"


def test_what_time_you_wake_for_work_is_still_the_day() -> None:
    assert said("generalised-anxiety", ["What time do you get up for work?"])[-1][0] == "fact.day"


def test_driving_over_in_the_night_is_not_a_question_about_sleep() -> None:
    source, _reply = said("generalised-anxiety", [
        "Twice now you've said you keep yourself ready in case you need to drive to your mum's "
        "in the night. Tell me a bit about that."])[-1]
    assert source != "fact.sleep"


def test_how_you_sleep_after_only_the_bedtime_was_told_gets_the_sleep_itself() -> None:
    turns = said("panic-disorder", ["What time do you go to bed?", "How are you sleeping?"])
    assert turns[0][0] == turns[1][0] == "fact.sleep"
    assert turns[0][1] != turns[1][1]


SLUGS = ("panic-disorder", "generalised-anxiety", "somatic-symptoms", "health-anxiety",
         "social-anxiety")


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("line", [
    "'Like I'm made of glass.' Tell me more about that look - what do you see in it?",
])
def test_a_question_the_patient_has_no_line_for_is_thought_over_not_answered_with_another_topic(
        slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "ponder"


@pytest.mark.parametrize("slug", SLUGS)
def test_what_they_meant_by_their_own_word_is_not_a_line_that_goes_somewhere_else(
        slug: str) -> None:
    source, reply = said(slug, ["You called it the stupid part. What do you mean by stupid?"])[-1]
    assert source == "ponder", reply
    assert any(w in reply.lower() for w in ("mean", "put it", "say it", "explain")), reply


def test_a_question_on_a_topic_still_gets_the_topic_line_before_thinking_it_over() -> None:
    assert said("health-anxiety", ["What happens at night, once you get your phone out?"])[-1][
        0] != "ponder"


def test_thinking_it_over_runs_out_and_is_not_said_twice_in_a_row() -> None:
    lines = ["What do you see in it?", "What was she like, that woman?",
             "What would nerves feel like, to you?", "What is under that, do you think?"]
    replies = [reply for _source, reply in said("panic-disorder", lines)]
    assert len(set(replies)) == len(replies)


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("panic-disorder", "You said you left your basket and ran - what was happening in your body "
                       "just before you ran?", "fact.symptoms"),
    ("generalised-anxiety", "When you say 'check', what sort of things do you usually check?",
     "fact.safety"),
    ("panic-disorder", "'What if it happens on a roundabout' - what's the worst you picture "
                       "happening there?", "fact.fear"),
    ("panic-disorder", "Your world keeps getting smaller. What's dropped out of it that you miss "
                       "the most?", "fact.impact"),
    ("generalised-anxiety", "'There but not there.' What do you think Sue means by that?",
     "fact.sue_view"),
])
def test_a_question_that_quotes_the_patient_asks_its_own_question(
        slug: str, line: str, source: str) -> None:
    assert said(slug, [line])[-1][0] == source


def test_can_i_ask_before_a_question_with_roughly_asks_the_question() -> None:
    source, _reply = said("health-anxiety", [
        "Okay. Can I ask, roughly how long do you spend reading on your phone on a typical night?"
    ])[-1]
    assert source != "permission"


def test_a_choice_between_a_thing_and_something_at_home_is_a_choice() -> None:
    ask = read_line(code_utterance("Would you rather one-to-one or something at home?"))
    assert ask.form is Form.EITHER_OR and ask.options == ("one-to-one", "something at home")


def test_a_vague_or_something_is_still_not_an_option() -> None:
    assert read_line(code_utterance("Do you get headaches or something?")).form is Form.YES_NO


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("health-anxiety", "And what's the scary bit for you, about not having the phone to hand in "
                       "the evening?", "fact.fear"),
    ("panic-disorder", "Does anyone at the placement know what's been going on?",
     "fact.others_view"),
    ("somatic-symptoms", "What's the latest in the evening you'd have a cup of tea?",
     "fact.caffeine"),
])
def test_what_round_53_asked_is_answered_from_its_fact(slug: str, line: str, source: str) -> None:
    assert said(slug, [line])[-1][0] == source


def test_the_scary_bit_about_the_tablets_is_not_the_feared_attack() -> None:
    assert said("panic-disorder", ["whats the scary bit about tablets for u?"])[-1][0] != (
        "fact.fear")


@pytest.mark.parametrize("line", [
    "Or, there's a group course the team runs for people who get nervous in meetings, that might "
    "be really good for you?",
    "Honestly, I think it would be really good for you.",
])
def test_a_step_argued_as_good_for_them_is_persuading_not_affirming(line: str) -> None:
    assert code_utterance(line).code is Code.PERSUADE


@pytest.mark.parametrize("line", ["That took real courage, good for you.",
                                  "Great job getting here."])
def test_good_for_you_on_its_own_is_still_an_affirmation(line: str) -> None:
    assert code_utterance(line).code is Code.AFFIRM


@pytest.mark.parametrize("line", ["You really don't need to worry about that.",
                                  "Your heart's probably fine.", "There's no need to worry."])
def test_reassurance_that_waves_the_worry_away_is_the_righting_reflex(line: str) -> None:
    assert code_utterance(line).code is Code.CONFRONT


def test_saying_you_are_not_about_to_call_the_heart_fine_is_not_reassurance() -> None:
    assert code_utterance(
        "Would it be okay if I shared a little about panic and the body? Not to say your heart's "
        "fine or anything, just some information.").code is not Code.CONFRONT


@pytest.mark.parametrize("line", ["You said you're frightened. Frightened of what, exactly?",
                                  "'That everyone could tell.' Could tell what, exactly?",
                                  "Lose what, Denise?"])
def test_a_question_that_ends_on_its_wh_word_is_a_wh_question(line: str) -> None:
    assert read_line(code_utterance(line)).form is Form.WH


@pytest.mark.parametrize("line", ["You know what?", "Guess what?"])
def test_you_know_what_is_not_a_question_said_back(line: str) -> None:
    assert read_line(code_utterance(line)).rule != "wh_said_back"


def test_frightened_of_what_asks_for_the_feared_outcome() -> None:
    assert said("health-anxiety", ["You said you're not after attention, you're frightened. "
                                   "Frightened of what, exactly?"])[-1][0] == "fact.fear"


def test_can_i_ask_about_someone_then_a_question_asks_the_question() -> None:
    line = "can i ask about alfie, is he kellys little one?"
    source, reply = said("somatic-symptoms", [line])[-1]
    assert source == "fact.person_alfie", reply


def test_the_connection_the_patient_blamed_is_not_a_check_of_the_call() -> None:
    ask = read_line(code_utterance(
        "What was going through your head just before you said the connection was bad?"))
    assert ask.rule != "line_check"


def test_a_bad_line_said_by_the_clinician_is_still_a_check_of_the_call() -> None:
    assert read_line(code_utterance("Sorry, the line is a bit crackly.")).rule == "line_check"


@pytest.mark.parametrize(("line", "options"), [
    ("like big shops? supermarkets? or driving, i think u were doing lessons?",
     ("supermarkets", "driving")),
    ("is it worse on buses or driving, do you think?", ("buses", "driving")),
])
def test_an_aside_after_the_last_option_is_not_part_of_it(
        line: str, options: tuple[str, str]) -> None:
    assert read_line(code_utterance(line)).options == options


def test_the_patients_words_said_back_in_quotes_are_not_advice() -> None:
    context = (ContextLine("patient", "I tell myself 'get out, get out now'. That's all there's "
                                      "room for in my head."),)
    coding = code_utterance("'Get out, get out now.' Can you give me an example of a time that "
                            "happened - where were you?", context)
    assert coding.code is not Code.PERSUADE
    assert coding.segments[0].rule == "quoted_back"


def test_quoted_advice_the_patient_never_said_is_still_advice() -> None:
    context = (ContextLine("patient", "I just sit in the car."),)
    assert code_utterance("'Just go in.' That's what you should do.", context).code is (
        Code.PERSUADE)


def test_a_doctor_reporting_what_is_asked_about_is_not_the_subject() -> None:
    ask_kinds = [k for k, _s in kinds_asked("so dr hale said it's upset in the mornings, what "
                                            "happens in your body then?", Slot.WHAT)]
    assert FactKind.DOCTORS not in ask_kinds


def test_what_the_doctors_said_is_still_about_the_doctors() -> None:
    assert FactKind.DOCTORS in [k for k, _s in kinds_asked("what did dr hale say?", Slot.WHAT)]


def test_what_gets_in_the_way_of_applying_is_the_fear_not_what_the_problem_stopped() -> None:
    assert said("social-anxiety", ["She's put you forward twice, and part of you wants it. What "
                                   "gets in the way of applying?"])[-1][0] == "fact.fear"


def test_what_it_gets_in_the_way_of_is_still_what_the_problem_stopped() -> None:
    assert said("social-anxiety", ["How does it get in the way?"])[-1][0] == "fact.impact"


def test_what_they_would_take_away_from_today_is_the_key_question() -> None:
    assert read_line(code_utterance(
        "What, if anything, would you want to take away from today?")).rule == "key_question"


def test_what_they_meant_by_words_that_name_a_fact_is_that_fact() -> None:
    source, reply = said("social-anxiety", ["No idea. Sample size of one.",
                                            "What do you mean by the sample?"])[-1]
    assert source == "fact.stool_test", reply


def test_what_they_meant_by_a_persons_name_is_not_who_the_person_is() -> None:
    assert said("panic-disorder", ["What do you mean by Nan's nerves?"])[-1][0] != "fact.nan"


def test_what_other_people_think_said_on_the_patients_side_is_not_a_label() -> None:
    line = ("ok let me see if ive got it. 4 yrs of pain that moves around, and ur fed up of "
            "feeling like ppl think its in ur head. did i miss anything?")
    assert code_utterance(line).code is not Code.CONFRONT


def test_saying_it_is_in_their_head_is_still_a_label() -> None:
    assert code_utterance("I think it's in your head.").code is Code.CONFRONT


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("somatic-symptoms", "whats the pain been like, like where is it and how bad on a normal day?",
     "fact.where_it_hurts"),
    ("somatic-symptoms", "have u ever had a go at anything for the sleep itself, apart from the "
                         "amitriptyline?", "fact.relief"),
    ("social-anxiety", "so 18 months of camera off, whats the bit ur dreading if it was on?",
     "fact.fear"),
    ("social-anxiety", "can i ask, dr patel mentioned a wedding, ur best man?", "fact.wedding"),
    ("social-anxiety", "so what feels like a next step for u, if any, maybe something for the "
                       "speech or something else?", "key_question"),
])
def test_what_round_53s_typist_asked_is_answered(slug: str, line: str, source: str) -> None:
    assert said(slug, [line])[-1][0] == source


def test_can_i_ask_a_few_questions_is_still_asking_permission() -> None:
    assert read_line(code_utterance(
        "Can I ask you a few more of the boring questions - history, tests, that sort of thing - "
        "so I'm not making you repeat yourself?")).form is Form.PERMISSION


def test_a_closed_question_asked_again_after_a_miss_is_not_a_quiz() -> None:
    lines = ["Do you see Nadia much?", "Do you go to hers on Sundays?",
             "but i meant nadia, does she get why meetings are hard or not really?"]
    assert results("social-anxiety", lines)[-1].trace.move != "interrogation"


def test_three_closed_questions_in_a_row_are_still_a_quiz() -> None:
    lines = ["Do you see Nadia much?", "Do you go to hers on Sundays?", "Do you drive there?"]
    assert results("social-anxiety", lines)[-1].trace.move == "interrogation"


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("line", [
    "When was the last time it was a bit better - a day when it was milder?",
    "What's different about a good day?",
    "When was the last time you had a day that felt a bit better?",
])
def test_an_exception_question_gets_the_better_times(slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "fact.better_times"


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("line", ["How have you kept going, carrying all that?",
                                  "What's kept you going?"])
def test_a_coping_question_gets_how_they_have_kept_going(slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "fact.coping"


@pytest.mark.parametrize("line", [
    "When your dad left at fourteen, how did you cope?",
    "And when that starts, what do you do, what helps you get through it, even a little?",
    "What's a good day like for you?",
])
def test_coping_back_then_or_in_an_attack_and_a_good_day_are_not_these(line: str) -> None:
    assert said("panic-disorder", [line])[-1][0] not in ("fact.coping", "fact.better_times")


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("line", [
    "Does religion or faith play any part in your life?",
    "Some people lean on faith or church when things are hard, some don't at all. Is that part "
    "of your life, or your family's?",
])
def test_a_question_about_faith_gets_their_faith(slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "fact.faith"


def test_oh_god_is_not_a_question_about_faith() -> None:
    assert said("health-anxiety", ["Oh god, that sounds awful. How long has that been going "
                                   "on?"])[-1][0] != "fact.faith"


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("health-anxiety", "how's work with all this, ur an ops manager right? does it get in the way "
                       "there", "fact.impact"),
    ("panic-disorder", "what else has changed, like have u stopped anything u used to enjoy?",
     "fact.impact"),
    ("panic-disorder", "ok. so whats next for u, what feels like it could be a first step, if any?",
     "key_question"),
])
def test_what_round_55s_typist_asked_is_answered(slug: str, line: str, source: str) -> None:
    assert said(slug, [line])[-1][0] == source


def test_advice_typed_as_maybe_u_could_is_persuading() -> None:
    assert code_utterance("maybe u could just leave the phone downstairs when u go up? might "
                          "help").code is Code.PERSUADE


def test_an_option_that_would_suit_them_is_said_back_without_the_verb() -> None:
    ask = read_line(code_utterance(
        "Would a phone appointment suit you, or would you rather come in person?"))
    assert ask.options == ("a phone appointment", "come in person")


def test_what_day_would_work_best_is_not_a_question_about_their_job() -> None:
    assert FactKind.WORK not in [k for k, _s in kinds_asked(
        "what day of the week would work best for you?", Slot.WHAT)]


def test_what_would_make_it_easier_to_say_yes_is_not_what_eases_the_symptoms() -> None:
    assert FactKind.RELIEF not in [k for k, _s in kinds_asked(
        "what would make it easier to say yes to a first appointment?", Slot.WHAT)]


def test_what_makes_it_easier_is_still_what_eases_the_symptoms() -> None:
    assert FactKind.RELIEF in [k for k, _s in kinds_asked("what makes it easier?", Slot.WHAT)]


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("line", ["What have the last few months been like?",
                                  "How have things been lately?"])
def test_a_question_that_asks_for_anything_at_all_is_not_thought_over(slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] != "ponder"


@pytest.mark.parametrize("line", ["Evenings with Tom, phone in the kitchen. That matters to you.",
                                  "Mornings are hard then."])
def test_a_time_of_day_in_a_reflection_is_not_a_greeting(line: str) -> None:
    assert read_line(code_utterance(line)).form is not Form.GREETING


@pytest.mark.parametrize("line", ["Evening!", "Good evening, Leah.", "Morning Leah, how are you?"])
def test_good_evening_is_still_a_greeting(line: str) -> None:
    assert read_line(code_utterance(line)).form is Form.GREETING


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("panic-disorder", "what happened in ur body?", "fact.symptoms"),
    ("social-anxiety", "what have u stopped doing since all this?", "fact.impact"),
    ("social-anxiety", "when was the last time a meeting went a bit better?", "fact.better_times"),
])
def test_what_the_closing_twenty_turn_talks_asked_is_answered(
        slug: str, line: str, source: str) -> None:
    assert said(slug, [line])[-1][0] == source


def test_whats_been_happening_is_not_thought_over() -> None:
    assert said("health-anxiety", ["hi leah, what's been happening?"])[-1][0] != "ponder"


def test_can_i_ask_with_a_would_question_after_it_asks_the_question() -> None:
    assert read_line(code_utterance(
        "can i ask, dr patel mentioned a group, would u go?")).form is not Form.PERMISSION


def test_not_wanting_to_be_told_its_in_their_head_said_back_is_not_a_label() -> None:
    assert code_utterance("so 4 yrs of pain, up at 3, the depot, and u dont want to be told its in "
                          "ur head. did i miss anything?").code is not Code.CONFRONT
