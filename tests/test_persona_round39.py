"""What round 39 of the blind conversations found: texting "w" and "a yr", a condition read as
the patient being contradicted, "you never said, is there…?", questions about what a thing means
to them, a step weighed as a feeling, planning and key questions in longer shapes, the agenda
put as "where would you like to start?", and follow-ups the personas had no answer for."""

from __future__ import annotations

import pytest
from shipped_talk import play, said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.coding import ContextLine
from mi_sim.engine.reading import Form, read_line
from mi_sim.engine.segmenter import normalise
from mi_sim.engine.vocabulary import Code


def test_texting_w_and_a_yr_are_read_as_meant() -> None:
    assert normalise("do u live w anyone") == "do you live with anyone"
    assert normalise("a yr ago. how old is yr son?") == "a year ago. how old is your son?"


def test_a_condition_is_no_contradiction() -> None:
    context = (ContextLine("patient", "When I'm in the shed with a clock, my head goes quiet."),)
    coding = code_utterance("The shed is the one place your head goes quiet. When your head "
                            "isn't quiet, what sorts of things is it busy with?", context)
    assert coding.code is not Code.CONFRONT
    assert code_utterance("your head isn't quiet in the shed, is it.", context).code is (
        Code.CONFRONT)


def test_you_never_said_before_a_question_is_no_accusation() -> None:
    assert code_utterance("twice the telly lol. u never said, is there another kid?", ()
                          ).code is not Code.CONFRONT
    assert code_utterance("you never tell me anything", ()).code is Code.CONFRONT


@pytest.mark.parametrize(("slug", "lines", "source"), [
    ("social-anxiety", ["ok. so who do u have around u outside work? do u live w anyone"],
     "fact.household"),
    ("panic-disorder", ["and each one lasts how long, like mins?"], "fact.episode_length"),
    ("panic-disorder", ["When was the first one?", "why did u tell ur mum it was a migraine?"],
     "fact.onset"),
    ("panic-disorder", ["What worries you most about the kinds of help Dr Mensah mentioned?"],
     "fact.therapy"),
    ("panic-disorder", ["Tell me about swimming.", "was it the attacks that stopped it or "
                        "something else?"], "fact.swimming"),
    ("generalised-anxiety", ["Tell me about the clocks.", "why havent u been in the shed since "
                             "xmas?"], "fact.hobbies"),
    ("generalised-anxiety", ["Tell me about the clocks.", "what do you get from being out there "
                             "in the shed with them?"], "fact.hobbies"),
    ("generalised-anxiety", ["Tell me about your mum.", "how often are you in touch with her?"],
     "fact.mum"),
    ("generalised-anxiety", ["So part of the worrying is a promise you made. What happened with "
                             "your dad?"], "fact.dad"),
    ("generalised-anxiety", ["When your head isn't quiet, what sorts of things is it busy with?"],
     "fact.fear"),
    ("somatic-symptoms", ["Your pain is real. What's it been like living with it?"],
     "fact.impact"),
    ("social-anxiety", ["And the actual job, where is it you work, and what do you do there?"],
     "fact.work"),
])
def test_the_question_asked_gets_its_answer(slug: str, lines: list[str], source: str) -> None:
    assert play(slug, lines)[-1] == source


def test_living_with_the_pain_is_not_who_they_live_with() -> None:
    assert play("somatic-symptoms", ["who do you live with?"]) == ["fact.household"]


@pytest.mark.parametrize(("line", "value"), [
    ("Twenty-two years without a review. What does the job mean to you?", "value."),
    ("When you think about the job, what would you most hate to lose?", "value."),
])
def test_what_a_thing_means_to_them_is_a_value(line: str, value: str) -> None:
    assert play("somatic-symptoms", [line])[0].startswith(value)


def test_how_would_you_feel_about_a_step_puts_the_step() -> None:
    assert play("generalised-anxiety", [
        "Fair enough, a fixed worry slot isn't for you. How would you feel about the diary idea "
        "instead, just noting the worries and the headaches for a week?"])[0].startswith(
        "commitment.worry_diary")


@pytest.mark.parametrize(("line", "rule"), [
    ("is there anything, even something small, that you'd want to try before we next meet?",
     "key_question"),
    ("Or, if that's not the right one, is there something else you'd rather try?",
     "key_question"),
    ("We've got half an hour, and there are a few things we could look at: the pain itself, "
     "sleep, work, home and family, that letter, or what you'd want out of today. Where would "
     "you like to start?", "agenda"),
])
def test_longer_shapes_of_the_key_question_and_the_agenda(line: str, rule: str) -> None:
    assert read_line(code_utterance(line, ())).rule == rule


def test_a_step_negated_earlier_in_the_line_is_not_the_one_the_key_question_names() -> None:
    sources = play("generalised-anxiety", [
        "Some people set aside fifteen minutes a day as worry time.",
        "Fifteen minutes wouldn't touch the sides. Okay, no worry slot. Is there anything, even "
        "something small, that you'd want to try before we next meet?"])
    assert not sources[-1].startswith("commitment.worry_time")


def test_who_named_before_could_help_is_a_planning_question() -> None:
    from mi_sim.engine.planning import aspect_asked
    from mi_sim.engine.vocabulary import PlanAspect
    assert aspect_asked("who at home, or priya perhaps, could help you keep it going?") is (
        PlanAspect.WHO)


def test_would_you_be_interested_in_trying_asks_a_decision() -> None:
    assert read_line(code_utterance("would you be interested in trying the diary?", ())
                     ).form in (Form.PROPOSAL, Form.YES_NO)
    assert read_line(code_utterance("would you be interested in trying the diary?", ())
                     ).rule != "yes_no_other"


def test_an_offer_to_explain_taken_up_explains_the_thing_talked_about() -> None:
    got = said("panic-disorder", ["Tell me about swimming.", "Can I ask what stopped it?"])
    assert got[-1][0] == "fact.swimming"


@pytest.mark.parametrize(("slug", "lines", "source"), [
    ("generalised-anxiety", ["So it's reaching into a lot of corners: the shed, the cycling, "
                             "driving lessons with Ella, and work. What do you do in the shed when "
                             "you're able to get out there?"], "fact.hobbies"),
    ("somatic-symptoms", ["Can I — the sleep, you mentioned sleep first. What's a typical night "
                          "like for you at the moment, like, when do you get off and, and when do "
                          "you wake?"], "fact.sleep"),
    ("somatic-symptoms", ["On your feet the whole shift. With the hips the way they are, what "
                          "does that do to you by the end of a shift?"], "fact.impact"),
    ("health-anxiety", ["So the neck in the mirror before anyone's up, and then once Tom's gone up "
                        "at ten, the phone comes out. What are you doing on the phone at that "
                        "point, and how long does that tend to go on?"], "fact.episode_length"),
])
def test_the_questions_own_words_beat_those_before_it(slug: str, lines: list[str],
                                                       source: str) -> None:
    assert play(slug, lines)[-1] == source


def test_next_time_or_leave_it_there_is_the_close_of_the_session() -> None:
    ask = read_line(code_utterance(
        "Would it be alright if next time we came back and looked just at the sleep? Or would "
        "you rather leave it there for now?", ()))
    assert ask.form is Form.CLOSING
